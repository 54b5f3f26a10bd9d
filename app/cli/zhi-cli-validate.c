/* zhizao-cli validate FILE [--json] — is the application ready to submit? */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-cli-commands.h"
#include "zhi-evaluation.h"
#include "zhi-store.h"

ZhiProject *
zhi_cli_open_project (const char *command, const char *path, int *status)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GError) error = NULL;
  ZhiProject *project = zhi_project_open (file, &error);

  if (project == NULL)
    {
      *status = zhi_cli_usage_error (command, "%s", error->message);
      return NULL;
    }
  /* evidence never inspected (a project of an older version) is checked now */
  if (!zhi_project_inspect_evidence (project, NULL, NULL, &error))
    {
      *status = zhi_cli_usage_error (command, "%s", error->message);
      g_clear_object (&project);
    }
  return project;
}

int
zhi_cli_validate (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { NULL },
  };
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiEvaluation) evaluation = NULL;
  ZhiEligibility *eligibility;
  GPtrArray *problems;
  int status = ZHI_CLI_OK;
  guint blocking;

  if (!zhi_cli_parse_options (
          "validate", _ ("FILE"),
          _ ("Check an application: the eligibility verdict with its reasons and everything "
             "still missing.\nExit status: 0 ready to submit, 1 something blocks "
             "submission, 2 usage or input error."),
          entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc != 2)
    return zhi_cli_usage_error ("validate", "%s", _ ("give exactly one project FILE"));
  project = zhi_cli_open_project ("validate", argv[1], &status);
  if (project == NULL)
    return status;

  evaluation = zhi_evaluation_new (project);
  eligibility = zhi_evaluation_get_eligibility (evaluation);
  problems = zhi_evaluation_get_problems (evaluation);
  blocking = zhi_evaluation_count_problems (evaluation, NULL, TRUE);

  if (json)
    {
      g_autoptr (JsonNode) node = zhi_evaluation_to_json (evaluation);
      zhi_cli_print_json (node);
    }
  else
    {
      g_print ("%s\n", eligibility->summary);
      for (guint i = 0; i < problems->len; i++)
        {
          const ZhiProblem *problem = g_ptr_array_index (problems, i);

          g_print ("%s [%s] %s\n",
                   problem->severity == ZHI_PROBLEM_BLOCKING ? _ ("BLOCKING") : _ ("warning"),
                   problem->step, problem->message);
        }
      if (blocking > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem blocks submission.\n",
                              "%u problems block submission.\n", blocking),
                 blocking);
      else
        g_print ("%s\n", _ ("Nothing blocks submission."));
    }
  zhi_project_close (project, NULL);
  return blocking > 0 ? ZHI_CLI_PROBLEMS : ZHI_CLI_OK;
}
