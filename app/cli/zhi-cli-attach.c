/* zhi-cli-attach.c — zhizao-cli attach FILE PATH --to ID [--title T]
 *
 * Stores PATH's bytes in the project as an evidence item supporting criterion or rule ID
 * (repeat --to for several) and prints the new item's id.
 * Exit status: 0 attached, 2 usage or input error.
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "zhi-cli-commands.h"
#include "zhi-store.h"

int
zhi_cli_attach (int argc, char **argv)
{
  g_auto (GStrv) to = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &to,
      N_ ("The criterion or eligibility rule id it supports (repeatable)"), "ID" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("Title (default: the file name)"), "TITLE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("FILE PATH"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Attach a document to a project as evidence."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return zhi_cli_usage_error ("attach", "%s", error->message);
  if (argc != 3)
    return zhi_cli_usage_error ("attach", "%s", _ ("give the project FILE and the PATH to attach"));
  if (to == NULL || to[0] == NULL)
    return zhi_cli_usage_error ("attach", "%s", _ ("--to ID is required"));

  g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[1]);
  g_autoptr (GFile) doc = g_file_new_for_commandline_arg (argv[2]);
  g_autoptr (ZhiProject) project = zhi_project_open (file, &error);
  if (project == NULL)
    return zhi_cli_usage_error ("attach", "%s", error->message);
  ZhiEvidence *ev = zhi_project_attach_file (project, doc, title, NULL, &error);
  if (ev == NULL)
    return zhi_cli_usage_error ("attach", "%s", error->message);
  zhi_project_set_evidence_supports (project, zhi_evidence_get_id (ev), (const char *const *)to);
  printf ("%s\n", zhi_evidence_get_id (ev));
  if (!zhi_project_close (project, &error))
    return zhi_cli_usage_error ("attach", "%s", error->message);
  return ZHI_CLI_OK;
}
