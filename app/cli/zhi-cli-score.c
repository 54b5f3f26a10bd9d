/* zhizao-cli score FILE [--json] [--explain] — the self-assessment score */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-cli-commands.h"
#include "zhi-evaluation.h"
#include "zhi-store.h"

int
zhi_cli_score (int argc, char **argv)
{
  gboolean json = FALSE, explain = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { "explain", 'e', 0, G_OPTION_ARG_NONE, &explain,
      N_ ("Show how each criterion's points were computed"), NULL },
    { NULL },
  };
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiEvaluation) evaluation = NULL;
  ZhiScore *score;
  int status = ZHI_CLI_OK;

  if (!zhi_cli_parse_options ("score", _ ("FILE"),
                              _ ("Show the self-assessment score of an application: "
                                 "claimed and evidenced points per criterion, gates "
                                 "and the tool's own band reading (the provincial "
                                 "document sets no points and no bands)."),
                              entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc != 2)
    return zhi_cli_usage_error ("score", "%s", _ ("give exactly one project FILE"));
  project = zhi_cli_open_project ("score", argv[1], &status);
  if (project == NULL)
    return status;

  evaluation = zhi_evaluation_new (project);
  score = zhi_evaluation_get_score (evaluation);
  if (score == NULL)
    {
      zhi_project_close (project, NULL);
      return zhi_cli_usage_error ("score", "%s",
                                  _ ("the project has no track yet: choose workshop, "
                                     "factory-discrete or factory-process first"));
    }
  if (json)
    {
      g_autoptr (JsonNode) node = zhi_evaluation_to_json (evaluation);
      zhi_cli_print_json (node);
    }
  else
    {
      for (guint c = 0; c < score->criteria->len; c++)
        {
          const ZhiCriterionResult *r = g_ptr_array_index (score->criteria, c);
          g_autofree char *claimed = zhi_scoring_format_points (r->claimed);
          g_autofree char *evidenced = zhi_scoring_format_points (r->evidenced);
          g_autofree char *weight = zhi_scoring_format_points (r->max_points);

          if (explain)
            {
              g_autofree char *text = zhi_scoring_explain_criterion (score, r->criterion->id);
              g_print ("%s\n", text);
            }
          else
            /* Translators: criterion number, title, claimed, evidenced and maximum points */
            g_print (_ ("%2d. %s: claimed %s, evidenced %s of %s\n"), r->criterion->number,
                     zhi_text_get (&r->criterion->title), claimed, evidenced, weight);
        }
      {
        g_autofree char *total = zhi_scoring_explain_total (score);
        g_print ("\n%s\n", total);
      }
    }
  zhi_project_close (project, NULL);
  return ZHI_CLI_OK;
}
