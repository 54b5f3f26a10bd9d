/* zhi-cli-migrate.c — zhizao-cli migrate FILE --to ID[@EDITION] [--dry-run] [--json]
 *
 * Moves a project onto a newer edition of its track's standard (the newest installed one when
 * no edition is given): answers, narratives and evidence links carry over where the criterion
 * and indicator ids match; what does not is reported (one line each).  --dry-run reports and
 * changes nothing.  With --json prints {"file", "from", "to", "applied", "lost": [{"kind",
 * "id", "owner", "message"}]}.
 * Exit status: 0 moved (or reported), 2 usage or input error (nothing changed).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "zhi-cli-commands.h"
#include "zhi-editions.h"
#include "zhi-migration.h"
#include "zhi-store.h"

static const char *const loss_kinds[] = { "answer", "narrative", "evidence", "scenario" };

static JsonNode *
report_to_json (
    const char *path, ZhiStandard *from, ZhiStandard *to, gboolean applied, GPtrArray *losses)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *from_ref
      = g_strdup_printf ("%s@%s", zhi_standard_get_id (from), zhi_standard_get_edition (from));
  g_autofree char *to_ref
      = g_strdup_printf ("%s@%s", zhi_standard_get_id (to), zhi_standard_get_edition (to));

  json_builder_begin_object (builder);
  zhi_cli_json_string (builder, "file", path);
  zhi_cli_json_string (builder, "from", from_ref);
  zhi_cli_json_string (builder, "to", to_ref);
  zhi_cli_json_bool (builder, "applied", applied);
  json_builder_set_member_name (builder, "lost");
  json_builder_begin_array (builder);
  for (guint i = 0; i < losses->len; i++)
    {
      const ZhiMigrationLoss *loss = losses->pdata[i];

      json_builder_begin_object (builder);
      zhi_cli_json_string (builder, "kind", loss_kinds[loss->kind]);
      zhi_cli_json_string (builder, "id", loss->id);
      zhi_cli_json_string_or_null (builder, "owner", loss->owner);
      zhi_cli_json_string (builder, "message", loss->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
zhi_cli_migrate (int argc, char **argv)
{
  g_autofree char *to_ref = NULL;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_ref,
      N_ ("The edition to move to, e.g. workshop@2025-06-01 (the newest one when only the "
          "track is given)"),
      N_ ("ID[@EDITION]") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Only report what would not carry over; change nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the report as JSON"), NULL },
    { NULL },
  };
  g_autofree char *id = NULL;
  g_autofree char *edition = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiStandard) from = NULL;
  g_autoptr (ZhiStandard) to = NULL;
  g_autoptr (GPtrArray) losses = NULL;
  g_autoptr (GFile) file = NULL;

  if (!zhi_cli_parse_options (
          "migrate", _ ("FILE"),
          _ ("Move a project onto a newer edition of its track's standard. Answers, "
             "narratives and evidence links carry over where the ids match; what does not "
             "is listed.\nExit status: 0 moved (or, with --dry-run, reported), 2 usage or "
             "input error (nothing changed)."),
          entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc != 2)
    return zhi_cli_usage_error ("migrate", "%s", _ ("give the project FILE"));
  if (to_ref == NULL)
    return zhi_cli_usage_error ("migrate", "%s", _ ("--to ID[@EDITION] is required"));
  if (!zhi_edition_ref_parse (to_ref, &id, &edition))
    return zhi_cli_usage_error ("migrate",
                                _ ("“%s” is not an edition: write ID@EDITION, e.g. "
                                   "workshop@2025-06-01"),
                                to_ref);

  file = g_file_new_for_commandline_arg (argv[1]);
  project = zhi_project_open (file, &error);
  if (project == NULL)
    return zhi_cli_usage_error ("migrate", "%s", error->message);
  from = zhi_editions_for_project (project, &error);
  if (from == NULL)
    return zhi_cli_usage_error ("migrate", "%s", error->message);
  to = zhi_editions_lookup (id, edition, &error);
  if (to == NULL)
    return zhi_cli_usage_error ("migrate", "%s", error->message);

  losses = dry_run ? zhi_migration_plan (project, from, to, &error)
                   : zhi_migration_apply (project, from, to, &error);
  if (losses == NULL)
    return zhi_cli_usage_error ("migrate", "%s", error->message);
  if (!dry_run && !zhi_project_close (project, &error))
    return zhi_cli_usage_error ("migrate", "%s", error->message);

  if (json)
    {
      g_autoptr (JsonNode) node = report_to_json (argv[1], from, to, !dry_run, losses);

      zhi_cli_print_json (node);
    }
  else
    {
      g_autofree char *report = zhi_migration_report (from, to, losses);

      fputs (report, stdout);
      if (dry_run)
        printf ("%s\n", _ ("Nothing was changed (--dry-run)."));
    }
  return ZHI_CLI_OK;
}
