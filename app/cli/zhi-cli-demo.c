/* zhizao-cli demo FILE [--track T] [--json] — write the demo application
 *
 * --json prints {"file", "track", "size", "evidence"} (size in bytes, evidence: the number of
 * evidence documents). */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-cli-commands.h"
#include "zhi-demo.h"
#include "zhi-store.h"

int
zhi_cli_demo (int argc, char **argv)
{
  g_autofree char *track = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "track", 't', 0, G_OPTION_ARG_STRING, &track,
      N_ ("workshop, factory-discrete or factory-process (default: workshop)"), N_ ("TRACK") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autofree char *size = NULL;
  g_autoptr (GFileInfo) info = NULL;
  guint n_evidence;

  if (!zhi_cli_parse_options ("demo", _ ("FILE"),
                              _ ("Write a sample application for a fictional Liaoning "
                                 "manufacturer, with generated evidence documents."),
                              entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc != 2)
    return zhi_cli_usage_error ("demo", "%s", _ ("give one FILE to write, e.g. demo.zhizao"));
  if (track != NULL && !zhi_track_is_valid (track))
    return zhi_cli_usage_error ("demo",
                                _ ("unknown track “%s”: use workshop, factory-discrete or "
                                   "factory-process"),
                                track);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (g_file_query_exists (file, NULL))
    return zhi_cli_usage_error ("demo", _ ("%s already exists: choose another name"), argv[1]);
  project = zhi_demo_create (file, track, &error);
  if (project == NULL || !zhi_project_close (project, &error))
    return zhi_cli_usage_error ("demo", "%s", error->message);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  n_evidence = g_list_model_get_n_items (zhi_project_get_evidence_list (project));
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      zhi_cli_json_string (builder, "file", argv[1]);
      zhi_cli_json_string (builder, "track", zhi_project_get_track (project));
      zhi_cli_json_int (builder, "size", info != NULL ? g_file_info_get_size (info) : 0);
      zhi_cli_json_int (builder, "evidence", n_evidence);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      zhi_cli_print_json (root);
      return ZHI_CLI_OK;
    }
  size = g_format_size (info != NULL ? g_file_info_get_size (info) : 0);
  g_print (_ ("Wrote %s (%s, %u evidence documents)\n"), argv[1], size, n_evidence);
  return ZHI_CLI_OK;
}
