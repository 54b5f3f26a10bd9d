/* zhi-cli-new.c — zhizao-cli new FILE (--track T | --standard ID[@EDITION]) --name NAME
 *                 [--credit-code C] [--json]
 *
 * Creates a project file drafted against an edition of its track's standard (the built-in one
 * for --track, any installed one for --standard); with --json prints {"file", "track",
 * "edition", "name"}.
 * Exit status: 0 created, 2 usage or input error.
 */
#include <glib/gi18n.h>

#include "zhi-cli-commands.h"
#include "zhi-editions.h"
#include "zhi-store.h"

int
zhi_cli_new (int argc, char **argv)
{
  g_autofree char *track = NULL;
  g_autofree char *standard_ref = NULL;
  g_autoptr (ZhiStandard) standard = NULL;
  g_autofree char *name = NULL;
  g_autofree char *credit_code = NULL;
  g_autoptr (GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "track", 't', 0, G_OPTION_ARG_STRING, &track,
      N_ ("workshop, factory-discrete or factory-process"), "TRACK" },
    { "standard", 's', 0, G_OPTION_ARG_STRING, &standard_ref,
      N_ ("The standard's edition to draft against, e.g. workshop@2023-04-18 (the newest "
          "installed edition of the track without @EDITION)"),
      "ID[@EDITION]" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_ ("The enterprise's name"), "NAME" },
    { "credit-code", 'c', 0, G_OPTION_ARG_STRING, &credit_code,
      N_ ("The unified social credit code"), "CODE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { NULL },
  };
  if (!zhi_cli_parse_options ("new", _ ("FILE"), _ ("Create a new project file (*.zhizao)."),
                              entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc != 2)
    return zhi_cli_usage_error ("new", "%s", _ ("give exactly one FILE to create"));
  if (standard_ref != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *edition = NULL;

      if (track != NULL)
        return zhi_cli_usage_error ("new", "%s", _ ("give --track or --standard, not both"));
      if (!zhi_edition_ref_parse (standard_ref, &id, &edition))
        return zhi_cli_usage_error ("new", _ ("“%s” is not ID or ID@EDITION"), standard_ref);
      standard = zhi_editions_lookup (id, edition, &error);
      if (standard == NULL)
        return zhi_cli_usage_error ("new", "%s", error->message);
      if (!zhi_track_is_valid (zhi_standard_get_id (standard)))
        return zhi_cli_usage_error (
            "new", "%s", _ ("--track must be workshop, factory-discrete or factory-process"));
      track = g_strdup (zhi_standard_get_id (standard));
    }
  else
    {
      if (track == NULL || *track == '\0' || !zhi_track_is_valid (track))
        return zhi_cli_usage_error (
            "new", "%s", _ ("--track must be workshop, factory-discrete or factory-process"));
      standard = zhi_standard_load_builtin (track, &error);
      if (standard == NULL)
        return zhi_cli_usage_error ("new", "%s", error->message);
    }
  if (name == NULL || *name == '\0')
    return zhi_cli_usage_error ("new", "%s", _ ("--name is required"));

  g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[1]);
  g_autoptr (ZhiProject) project = zhi_project_create (file, &error);
  if (project == NULL)
    return zhi_cli_usage_error ("new", "%s", error->message);
  zhi_editions_set_project_standard (project, standard);
  zhi_project_set_name (project, name);
  if (credit_code)
    zhi_project_set_credit_code (project, credit_code);
  if (!zhi_project_close (project, &error))
    return zhi_cli_usage_error ("new", "%s", error->message);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      zhi_cli_json_string (builder, "file", argv[1]);
      zhi_cli_json_string (builder, "track", track);
      zhi_cli_json_string (builder, "edition", zhi_standard_get_edition (standard));
      zhi_cli_json_string (builder, "name", name);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      zhi_cli_print_json (root);
    }
  return ZHI_CLI_OK;
}
