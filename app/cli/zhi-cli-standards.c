/* zhi-cli-standards.c — zhizao-cli standards [--track ID] [--json]
 *
 * Lists the built-in standards: criteria with their weights, indicators with their kinds, shares
 * and thresholds, gates, the tool's own bands and the errata.  Exit status: 0 listed, 2 usage or
 * data error.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zhi-cli-commands.h"
#include "zhi-editions.h"
#include "zhi-scoring.h"
#include "zhi-standard.h"

static void
add_text (JsonBuilder *builder, const char *name, const ZhiText *text)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  zhi_cli_json_string (builder, "zh", text->zh);
  zhi_cli_json_string (builder, "en", text->en);
  json_builder_end_object (builder);
}

typedef void (*AddObjectFunc) (JsonBuilder *builder, gconstpointer item);

/* The member name: an array with one object per item of list, filled by add_one */
static void
add_objects (JsonBuilder *builder, const char *name, GPtrArray *list, AddObjectFunc add_one)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      json_builder_begin_object (builder);
      add_one (builder, list->pdata[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* "≥ 50%", "≥ L3", "≥ 2", "≥ 200 characters", "lower is better" … (may be NULL) */
static char *
threshold_text (const ZhiIndicator *ind)
{
  switch (ind->kind)
    {
      case ZHI_INDICATOR_LEVEL:
        return g_strdup_printf ("≥ %s", ((ZhiLevel *)ind->levels->pdata[ind->min_level])->id);
      case ZHI_INDICATOR_RATIO:
        if (ind->threshold_from_benchmark)
          return g_strdup (_ ("≥ industry benchmark"));
        else
          {
            g_autofree char *pct = zhi_scoring_format_points (ind->threshold * 100);

            return g_strdup_printf ("≥ %s%%", pct);
          }
      case ZHI_INDICATOR_KPI:
        return g_strdup (ind->better_higher ? _ ("higher is better") : _ ("lower is better"));
      case ZHI_INDICATOR_COUNT:
        return g_strdup_printf ("≥ %" G_GINT64_FORMAT, ind->min_count);
      case ZHI_INDICATOR_TEXT:
        return g_strdup_printf (_ ("required, no points (this tool suggests %lld–%lld "
                                   "characters)"),
                                (long long)ind->min_chars, (long long)ind->max_chars);
      case ZHI_INDICATOR_CHECK:
      default:
        return NULL;
    }
}

static void
add_indicator (JsonBuilder *builder, gconstpointer item)
{
  const ZhiIndicator *ind = item;

  zhi_cli_json_string (builder, "id", ind->id);
  zhi_cli_json_string (builder, "kind", zhi_indicator_kind_to_string (ind->kind));
  add_text (builder, "label", &ind->label);
  zhi_cli_json_int (builder, "share", ind->share);
  switch (ind->kind)
    {
      case ZHI_INDICATOR_LEVEL:
        zhi_cli_json_string (builder, "min", ((ZhiLevel *)ind->levels->pdata[ind->min_level])->id);
        break;
      case ZHI_INDICATOR_RATIO:
        if (ind->threshold_from_benchmark)
          zhi_cli_json_string (builder, "threshold", "benchmark");
        else
          zhi_cli_json_double (builder, "threshold", ind->threshold);
        break;
      case ZHI_INDICATOR_KPI:
        zhi_cli_json_string (builder, "better", ind->better_higher ? "higher" : "lower");
        break;
      case ZHI_INDICATOR_COUNT:
        zhi_cli_json_int (builder, "min", ind->min_count);
        break;
      case ZHI_INDICATOR_TEXT:
        zhi_cli_json_int (builder, "min_chars", ind->min_chars);
        zhi_cli_json_int (builder, "max_chars", ind->max_chars);
        break;
      case ZHI_INDICATOR_CHECK:
      default:
        break;
    }
}

static void
add_erratum (JsonBuilder *builder, gconstpointer item)
{
  const ZhiErratum *e = item;

  zhi_cli_json_string (builder, "at", e->at);
  zhi_cli_json_string (builder, "seed", e->seed);
  zhi_cli_json_string (builder, "corrected", e->corrected);
  add_text (builder, "reason", &e->reason);
}

static void
add_criterion (JsonBuilder *builder, gconstpointer item)
{
  const ZhiCriterion *crit = item;

  zhi_cli_json_string (builder, "id", crit->id);
  zhi_cli_json_int (builder, "number", crit->number);
  add_text (builder, "title", &crit->title);
  zhi_cli_json_int (builder, "weight", crit->weight);
  add_objects (builder, "indicators", crit->indicators, add_indicator);
}

static void
add_gate (JsonBuilder *builder, gconstpointer item)
{
  const ZhiGate *gate = item;

  zhi_cli_json_string (builder, "id", gate->id);
  zhi_cli_json_string (builder, "indicator", gate->indicator->id);
  add_text (builder, "text", &gate->text);
}

static void
add_band (JsonBuilder *builder, gconstpointer item)
{
  const ZhiBand *band = item;

  zhi_cli_json_double (builder, "min", band->min);
  zhi_cli_json_string (builder, "id", band->id);
  add_text (builder, "label", &band->label);
}

static void
add_standard (JsonBuilder *builder, ZhiStandard *s)
{
  json_builder_begin_object (builder);
  zhi_cli_json_string (builder, "id", zhi_standard_get_id (s));
  zhi_cli_json_string (builder, "edition", zhi_standard_get_edition (s));
  zhi_cli_json_string (builder, "origin",
                       zhi_standard_get_installed (s) ? "installed" : "built-in");
  zhi_cli_json_string (builder, "sha256", zhi_standard_get_sha256 (s));
  if (zhi_standard_get_issuer (s)->zh != NULL)
    add_text (builder, "issuer", zhi_standard_get_issuer (s));
  add_text (builder, "source", zhi_standard_get_source (s));
  add_text (builder, "track", zhi_standard_get_track (s));
  add_text (builder, "title", zhi_standard_get_title (s));
  add_objects (builder, "criteria", zhi_standard_get_criteria (s), add_criterion);
  add_objects (builder, "track_indicators", zhi_standard_get_track_indicators (s), add_indicator);
  add_objects (builder, "gates", zhi_standard_get_gates (s), add_gate);
  add_objects (builder, "bands", zhi_standard_get_bands (s), add_band);
  add_objects (builder, "errata", zhi_standard_get_errata (s), add_erratum);
  json_builder_end_object (builder);
}

static void
print_indicator (const ZhiIndicator *ind)
{
  g_autofree char *threshold = threshold_text (ind);

  g_print ("      %-40s %-6s %3d%%  %s%s%s\n", ind->id, zhi_indicator_kind_to_string (ind->kind),
           ind->share, zhi_text_get (&ind->label), threshold != NULL ? "  " : "",
           threshold != NULL ? threshold : "");
}

/* The seed's slips that the data corrects, if any. */
static void
print_errata (GPtrArray *errata)
{
  if (errata->len == 0)
    return;
  g_print ("  %s\n", _ ("Errata (the provincial document's slips, corrected in the data):"));
  for (guint i = 0; i < errata->len; i++)
    {
      const ZhiErratum *e = errata->pdata[i];

      /* TRANSLATORS: an erratum: the entry's id, the seed's text, the corrected text, why */
      g_print (_ ("    - %s: “%s” → “%s” (%s)\n"), e->at, e->seed, e->corrected,
               zhi_text_get (&e->reason));
    }
}

/* One line per edition: id@edition, built-in or installed, track, issuer, source. */
static void
print_editions (GPtrArray *standards)
{
  g_print ("%s\n", _ ("Editions:"));
  for (guint i = 0; i < standards->len; i++)
    {
      ZhiStandard *s = standards->pdata[i];
      g_autofree char *ref
          = g_strdup_printf ("%s@%s", zhi_standard_get_id (s), zhi_standard_get_edition (s));
      const char *issuer = zhi_text_get (zhi_standard_get_issuer (s));

      /* TRANSLATORS: an edition: id@edition, built-in or installed, track, issuer, source */
      g_print (_ ("  %-32s %-9s %s — %s — %s\n"), ref,
               zhi_standard_get_installed (s) ? _ ("installed") : _ ("built-in"),
               zhi_text_get (zhi_standard_get_track (s)),
               issuer != NULL && *issuer != '\0' ? issuer : _ ("issuer not given"),
               zhi_text_get (zhi_standard_get_source (s)));
    }
  g_print ("\n");
}

static void
print_standard (ZhiStandard *s)
{
  GPtrArray *criteria = zhi_standard_get_criteria (s);
  GPtrArray *track = zhi_standard_get_track_indicators (s);
  GPtrArray *gates = zhi_standard_get_gates (s);
  GPtrArray *bands = zhi_standard_get_bands (s);

  g_print ("%s (%s, %s)\n", zhi_text_get (zhi_standard_get_title (s)), zhi_standard_get_id (s),
           zhi_standard_get_edition (s));
  for (guint i = 0; i < criteria->len; i++)
    {
      const ZhiCriterion *crit = criteria->pdata[i];

      /* TRANSLATORS: a criterion line: number, id, title, weight in points */
      g_print (_ ("  %2d. %-5s %s — %d points\n"), crit->number, crit->id,
               zhi_text_get (&crit->title), crit->weight);
      for (guint j = 0; j < crit->indicators->len; j++)
        print_indicator (crit->indicators->pdata[j]);
    }
  if (track->len > 0)
    {
      g_print ("  %s\n", _ ("Track indicators (no points):"));
      for (guint i = 0; i < track->len; i++)
        print_indicator (track->pdata[i]);
    }
  g_print ("  %s\n", _ ("Gates (a failing gate makes the application not eligible):"));
  for (guint i = 0; i < gates->len; i++)
    {
      const ZhiGate *gate = gates->pdata[i];

      g_print ("    - %s  [%s]\n", zhi_text_get (&gate->text), gate->indicator->id);
    }
  g_print ("  %s\n", _ ("Bands (this tool's own reading; the provincial document defines none):"));
  for (guint i = 0; i < bands->len; i++)
    {
      const ZhiBand *band = bands->pdata[i];
      g_autofree char *min = zhi_scoring_format_points (band->min);

      g_print ("    ≥ %-4s %s\n", min, zhi_text_get (&band->label));
    }
  print_errata (zhi_standard_get_errata (s));
}

static const char *
kind_name (ZhiStandardsFileKind kind)
{
  switch (kind)
    {
      case ZHI_STANDARDS_FILE_CONDITIONS:
        return "conditions";
      case ZHI_STANDARDS_FILE_GUIDE:
        return "guide";
      case ZHI_STANDARDS_FILE_STANDARD:
      default:
        return "standard";
    }
}

static void
add_problem (JsonBuilder *builder, gconstpointer item)
{
  const ZhiStandardProblem *p = item;

  zhi_cli_json_string (builder, "file", p->file);
  zhi_cli_json_string (builder, "path", p->path);
  zhi_cli_json_string (builder, "message", p->message);
}

/* standards --check FILE: 0 when it would load, 2 with every problem listed */
static int
check_file (const char *path, gboolean json)
{
  ZhiStandardsFileKind kind = ZHI_STANDARDS_FILE_STANDARD;
  g_autoptr (GObject) loaded = NULL;
  g_autoptr (GPtrArray) problems = zhi_standards_check_file (path, &kind, &loaded);
  ZhiStandard *standard = loaded != NULL && ZHI_IS_STANDARD (loaded) ? ZHI_STANDARD (loaded) : NULL;

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      zhi_cli_json_string (builder, "file", path);
      zhi_cli_json_string (builder, "kind", kind_name (kind));
      zhi_cli_json_bool (builder, "ok", problems->len == 0);
      if (standard != NULL)
        {
          zhi_cli_json_string (builder, "id", zhi_standard_get_id (standard));
          zhi_cli_json_string (builder, "edition", zhi_standard_get_edition (standard));
        }
      add_objects (builder, "problems", problems, add_problem);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      zhi_cli_print_json (root);
    }
  else if (problems->len == 0)
    {
      if (standard != NULL)
        /* TRANSLATORS: file, standard id, edition */
        g_print (_ ("%s: would load: the standard %s, edition %s\n"), path,
                 zhi_standard_get_id (standard), zhi_standard_get_edition (standard));
      else
        g_print (kind == ZHI_STANDARDS_FILE_GUIDE ? _ ("%s: would load: a guide\n")
                                                  : _ ("%s: would load: conditions\n"),
                 path);
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        {
          const ZhiStandardProblem *p = problems->pdata[i];

          /* TRANSLATORS: a problem of a standards file: file, JSON path, what is wrong */
          g_print (_ ("%s: %s: %s\n"), p->file, p->path, p->message);
        }
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u problem: the file would not load; correct it and check "
                               "again\n",
                               "%s: %u problems: the file would not load; correct them and check "
                               "again\n",
                               problems->len),
                  path, problems->len);
    }
  return problems->len == 0 ? ZHI_CLI_OK : 2;
}

int
zhi_cli_standards (int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *track = NULL;
  g_autofree char *check = NULL;
  g_autofree char *install = NULL;
  g_autofree char *uninstall = NULL;
  g_autoptr (GPtrArray) broken = NULL;
  g_auto (GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_ ("Print the standards as a JSON array"), NULL },
    { "track", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &track,
      N_ ("Only this track: workshop, factory-discrete or factory-process"), N_ ("ID") },
    { "check", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &check,
      N_ ("Check a standards file (a track standard, conditions or guide) with the loader: exit "
          "0 when it would load, 2 with every problem listed"),
      N_ ("FILE") },
    { "install", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &install,
      N_ ("Check a track standard's file and install it as an edition in the user's data folder"),
      N_ ("FILE") },
    { "uninstall", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &uninstall,
      N_ ("Remove an installed edition"), N_ ("ID@EDITION") },
    { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) standards = NULL;

  if (!zhi_cli_parse_options ("standards", NULL,
                              _ ("List the built-in evaluation standards: criteria, default "
                                 "weights, indicators, gates, the tool's own bands and the "
                                 "errata of the provincial document; or check a standards "
                                 "file (--check).\nExit status: 0 listed or the file would "
                                 "load, 2 usage error or a file that would not load."),
                              entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (rest != NULL && rest[0] != NULL)
    return zhi_cli_usage_error ("standards", _ ("unexpected argument “%s”"), rest[0]);

  if (check != NULL)
    return check_file (check, json);
  if (install != NULL)
    {
      g_autoptr (GPtrArray) problems = NULL;
      g_autoptr (ZhiStandard) installed = zhi_editions_install (install, &problems, &error);

      if (installed == NULL)
        {
          for (guint i = 0; problems != NULL && i < problems->len; i++)
            {
              const ZhiStandardProblem *p = problems->pdata[i];

              g_printerr (_ ("%s: %s: %s\n"), p->file, p->path, p->message);
            }
          g_printerr ("zhizao-cli standards: %s\n", error->message);
          return 2;
        }
      /* TRANSLATORS: id@edition, the track's name */
      g_print (_ ("Installed %s@%s (%s).\n"), zhi_standard_get_id (installed),
               zhi_standard_get_edition (installed),
               zhi_text_get (zhi_standard_get_track (installed)));
      return ZHI_CLI_OK;
    }
  if (uninstall != NULL)
    {
      if (!zhi_editions_uninstall (uninstall, &error))
        {
          g_printerr ("zhizao-cli standards: %s\n", error->message);
          return 2;
        }
      g_print (_ ("Removed %s.\n"), uninstall);
      return ZHI_CLI_OK;
    }

  if (track != NULL)
    {
      ZhiStandard *one = zhi_standard_load_builtin (track, &error);

      if (one == NULL)
        return zhi_cli_usage_error ("standards", "%s", error->message);
      standards = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (standards, one);
    }
  else
    {
      standards = zhi_editions_list (&broken, &error);
      if (standards == NULL)
        return zhi_cli_usage_error ("standards", "%s", error->message);
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < standards->len; i++)
        add_standard (builder, standards->pdata[i]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      zhi_cli_print_json (root);
    }
  else
    {
      if (track == NULL)
        print_editions (standards);
      for (guint i = 0; i < standards->len; i++)
        {
          if (i > 0)
            g_print ("\n");
          print_standard (standards->pdata[i]);
        }
    }
  /* an installed file that no longer loads is named, not hidden */
  for (guint i = 0; broken != NULL && i < broken->len; i++)
    g_printerr (_ ("zhizao-cli standards: an installed edition does not load and is left out: "
                   "%s\n"),
                (const char *)broken->pdata[i]);
  return ZHI_CLI_OK;
}
