/* zhi-cli-attach.c — zhizao-cli attach FILE PATH --to ID [--title T] [--json]
 *
 * Stores PATH's bytes in the project as an evidence item supporting criterion or rule ID
 * (repeat --to for several) and prints the new item's id; with --json
 * {"file", "evidence": {"id", "title", "file_name", "media_type", "sha256", "size", "pages"
 * (null when not known or not usable), "usable" (null when not inspected), "problem"
 * (reason code, "" when usable), "supports": [ID…]}}.
 * Every ID must be a criterion of the project's standard or an eligibility rule (condition,
 * exclusion, gate) of it; otherwise nothing is written and the valid ids are listed.
 * A file that does not open is attached (the user may replace it) with a warning on stderr:
 * it supports nothing until replaced.
 * An office document (.docx .doc .xlsx .xls .pptx .odt .ods) is converted to PDF with
 * LibreOffice right away; the project keeps both.  Without LibreOffice it is attached all the
 * same, not usable, with the install command on stderr.
 * zhizao-cli attach FILE --convert converts every office document of the project that has
 * no PDF yet, in one LibreOffice run (after installing LibreOffice).
 * Exit status: 0 attached (or converted), 2 usage or input error; --convert: 1 when
 * LibreOffice is missing or fails.
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "zhi-cli-commands.h"
#include "zhi-evaluation.h"
#include "zhi-office-convert.h"
#include "zhi-store.h"

/* The ids --to accepts: the criteria of the project's standard, then its rules. */
static GPtrArray *
valid_ids (ZhiProject *project)
{
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  ZhiStandard *standard = zhi_evaluation_get_standard (evaluation);
  ZhiEligibility *eligibility = zhi_evaluation_get_eligibility (evaluation);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (standard != NULL)
    {
      GPtrArray *criteria = zhi_standard_get_criteria (standard);

      for (guint i = 0; i < criteria->len; i++)
        g_ptr_array_add (ids, g_strdup (((const ZhiCriterion *)criteria->pdata[i])->id));
    }
  for (guint i = 0; eligibility != NULL && i < eligibility->rules->len; i++)
    {
      const ZhiRuleResult *rule = g_ptr_array_index (eligibility->rules, i);

      if (!g_ptr_array_find_with_equal_func (ids, rule->id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (rule->id));
    }
  return ids;
}

static JsonNode *
evidence_to_json (const char *project_path, ZhiEvidence *ev)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *const *supports = zhi_evidence_get_supports (ev);

  json_builder_begin_object (builder);
  zhi_cli_json_string (builder, "file", project_path);
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_object (builder);
  zhi_cli_json_string (builder, "id", zhi_evidence_get_id (ev));
  zhi_cli_json_string (builder, "title", zhi_evidence_get_title (ev));
  zhi_cli_json_string (builder, "file_name", zhi_evidence_get_file_name (ev));
  zhi_cli_json_string (builder, "media_type", zhi_evidence_get_media_type (ev));
  zhi_cli_json_string (builder, "sha256", zhi_evidence_get_sha256 (ev));
  zhi_cli_json_int (builder, "size", (gint64)zhi_evidence_get_size (ev));
  json_builder_set_member_name (builder, "pages");
  if (zhi_evidence_get_page_count (ev) > 0)
    json_builder_add_int_value (builder, zhi_evidence_get_page_count (ev));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "usable");
  if (zhi_evidence_get_inspected (ev))
    json_builder_add_boolean_value (builder, zhi_evidence_get_usable (ev));
  else
    json_builder_add_null_value (builder);
  zhi_cli_json_string (builder, "problem", zhi_evidence_get_problem (ev));
  json_builder_set_member_name (builder, "supports");
  json_builder_begin_array (builder);
  for (guint i = 0; supports != NULL && supports[i] != NULL; i++)
    json_builder_add_string_value (builder, supports[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* zhizao-cli attach FILE --convert */
static int
convert_project (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  if (argc != 2)
    return zhi_cli_usage_error ("attach", "%s", _ ("give the project FILE to convert"));
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[1]);
  g_autoptr (ZhiProject) project = zhi_project_open (file, &error);
  if (project == NULL)
    return zhi_cli_usage_error ("attach", "%s", error->message);
  gboolean ok = zhi_office_convert_project (project, &n, NULL, NULL, NULL, &error);
  if (!zhi_project_close (project, ok ? &error : NULL) && ok)
    return zhi_cli_usage_error ("attach", "%s", error->message);
  if (!ok)
    {
      g_printerr ("zhizao-cli attach: %s\n", error->message);
      return ZHI_CLI_PROBLEMS;
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "%u document converted to PDF\n",
                       "%u documents converted to PDF\n", n),
          n);
  return ZHI_CLI_OK;
}

int
zhi_cli_attach (int argc, char **argv)
{
  g_auto (GStrv) to = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GError) error = NULL;
  gboolean json = FALSE;
  gboolean convert = FALSE;
  const GOptionEntry entries[] = {
    { "convert", 0, 0, G_OPTION_ARG_NONE, &convert,
      N_ ("Convert the project's office documents that have no PDF yet (needs LibreOffice)"),
      NULL },
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &to,
      N_ ("The criterion or eligibility rule id it supports (repeatable)"), "ID" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("Title (default: the file name)"), "TITLE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { NULL },
  };
  if (!zhi_cli_parse_options ("attach", _ ("FILE PATH"),
                              _ ("Attach a document to a project as evidence."), entries, &argc,
                              &argv))
    return ZHI_CLI_USAGE;
  if (convert)
    return convert_project (argc, argv);
  if (argc != 3)
    return zhi_cli_usage_error ("attach", "%s", _ ("give the project FILE and the PATH to attach"));
  if (to == NULL || to[0] == NULL)
    return zhi_cli_usage_error ("attach", "%s", _ ("--to ID is required"));

  g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[1]);
  g_autoptr (GFile) doc = g_file_new_for_commandline_arg (argv[2]);
  g_autoptr (ZhiProject) project = zhi_project_open (file, &error);
  if (project == NULL)
    return zhi_cli_usage_error ("attach", "%s", error->message);
  /* every id is checked before anything is written */
  {
    g_autoptr (GPtrArray) ids = valid_ids (project);
    for (guint i = 0; to[i] != NULL; i++)
      if (!g_ptr_array_find_with_equal_func (ids, to[i], g_str_equal, NULL))
        {
          g_autofree char *list = NULL;
          g_ptr_array_add (ids, NULL);
          list = g_strjoinv (", ", (char **)ids->pdata);
          if (ids->len <= 1)
            return zhi_cli_usage_error (
                "attach",
                _ ("“%s” is no criterion or eligibility rule of this project, which has no "
                   "track yet; nothing was attached. Choose the track first."),
                to[i]);
          return zhi_cli_usage_error (
              "attach",
              _ ("“%s” is no criterion or eligibility rule of this project; nothing was "
                 "attached. Valid ids: %s"),
              to[i], list);
        }
  }
  ZhiEvidence *ev = zhi_project_attach_file (project, doc, title, NULL, &error);
  if (ev == NULL)
    return zhi_cli_usage_error ("attach", "%s", error->message);
  zhi_project_set_evidence_supports (project, zhi_evidence_get_id (ev), (const char *const *)to);
  if (zhi_office_is_document (zhi_evidence_get_file_name (ev), zhi_evidence_get_media_type (ev))
      && !zhi_office_convert_project (project, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("zhizao-cli attach: %s\n", error->message);
      if (g_error_matches (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_NOT_INSTALLED))
        g_printerr (_ ("zhizao-cli attach: “%s” is kept as %s; after installing, run "
                       "“zhizao-cli attach %s --convert”.\n"),
                    zhi_evidence_get_file_name (ev), zhi_evidence_get_id (ev), argv[1]);
      g_clear_error (&error);
    }
  if (!zhi_evidence_get_usable (ev)
      && !g_str_equal (zhi_evidence_get_problem (ev), ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED))
    g_printerr (_ ("zhizao-cli attach: warning: “%s” cannot be opened (%s); it is kept as %s "
                   "but supports nothing until you replace it with a file that opens.\n"),
                zhi_evidence_get_file_name (ev),
                zhi_evidence_problem_describe (zhi_evidence_get_problem (ev)),
                zhi_evidence_get_id (ev));
  g_autoptr (JsonNode) node = json ? evidence_to_json (argv[1], ev) : NULL;
  g_autofree char *id = g_strdup (zhi_evidence_get_id (ev));
  if (!zhi_project_close (project, &error))
    return zhi_cli_usage_error ("attach", "%s", error->message);
  if (node != NULL)
    zhi_cli_print_json (node);
  else
    printf ("%s\n", id);
  return ZHI_CLI_OK;
}
