/* zhizao-cli render FILE -o OUT.pdf [--draft|--final] [--json] — the dossier (申报书) as PDF
 *
 * --json prints, on success, {"file", "pages", "size", "fingerprint", "draft", "warnings":
 * [{"attachment", "file", "sha256", "problem", "reason"}]}; when --final is refused, {"file",
 * "refused": true, "problems": [{"step", "field", "code", "message"}]} (the blocking problems) with
 * exit status 1. */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-cli-commands.h"
#include "zhi-dossier.h"
#include "zhi-evaluation.h"
#include "zhi-store.h"

static const char *
problem_text (ZhiPdfAttachProblem problem)
{
  switch (problem)
    {
      case ZHI_PDF_ATTACH_PROBLEM_UNREADABLE:
        return _ ("its bytes could not be read from the project");
      case ZHI_PDF_ATTACH_PROBLEM_EMPTY:
        return _ ("the file is empty");
      case ZHI_PDF_ATTACH_PROBLEM_ENCRYPTED:
        return _ ("the PDF is encrypted (needs a password)");
      case ZHI_PDF_ATTACH_PROBLEM_DAMAGED:
        return _ ("the file is damaged or truncated");
      case ZHI_PDF_ATTACH_PROBLEM_WRONG_TYPE:
        return _ ("the content does not match its type (a renamed file?)");
      case ZHI_PDF_ATTACH_PROBLEM_UNSUPPORTED:
        return _ ("the dossier cannot embed this type of file");
      case ZHI_PDF_ATTACH_PROBLEM_NONE:
      default:
        return "";
    }
}

static const char *
problem_code (ZhiPdfAttachProblem problem)
{
  switch (problem)
    {
      case ZHI_PDF_ATTACH_PROBLEM_UNREADABLE:
        return "unreadable";
      case ZHI_PDF_ATTACH_PROBLEM_EMPTY:
        return "empty";
      case ZHI_PDF_ATTACH_PROBLEM_ENCRYPTED:
        return "encrypted";
      case ZHI_PDF_ATTACH_PROBLEM_DAMAGED:
        return "damaged";
      case ZHI_PDF_ATTACH_PROBLEM_WRONG_TYPE:
        return "wrong-type";
      case ZHI_PDF_ATTACH_PROBLEM_UNSUPPORTED:
        return "unsupported";
      case ZHI_PDF_ATTACH_PROBLEM_NONE:
      default:
        return "none";
    }
}

static void
print_refusal_json (const char *output, GPtrArray *problems)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  zhi_cli_json_string_or_null (builder, "file", output);
  zhi_cli_json_bool (builder, "refused", TRUE);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != ZHI_PROBLEM_BLOCKING)
        continue;
      json_builder_begin_object (builder);
      zhi_cli_json_string_or_null (builder, "step", problem->step);
      zhi_cli_json_string_or_null (builder, "field", problem->field);
      zhi_cli_json_string_or_null (builder, "code", problem->code);
      zhi_cli_json_string_or_null (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  zhi_cli_print_json (root);
}

static void
print_result_json (const char *output, const ZhiDossierResult *result)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  zhi_cli_json_string_or_null (builder, "file", output);
  zhi_cli_json_int (builder, "pages", result->n_pages);
  zhi_cli_json_int (builder, "size", (gint64)result->size);
  zhi_cli_json_string_or_null (builder, "fingerprint", result->fingerprint);
  zhi_cli_json_bool (builder, "draft", result->draft);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const ZhiPdfAttachWarning *w = g_ptr_array_index (result->warnings, i);

      json_builder_begin_object (builder);
      zhi_cli_json_int (builder, "attachment", w->number);
      zhi_cli_json_string_or_null (builder, "file", w->file_name);
      zhi_cli_json_string_or_null (builder, "sha256", w->sha256);
      zhi_cli_json_string_or_null (builder, "problem", problem_code (w->problem));
      zhi_cli_json_string_or_null (builder, "reason", problem_text (w->problem));
      zhi_cli_json_string_or_null (builder, "detail", w->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  zhi_cli_print_json (root);
}

int
zhi_cli_render (int argc, char **argv)
{
  gboolean draft = FALSE, final = FALSE, quiet = FALSE, json = FALSE;
  char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write the PDF to OUT"), N_ ("OUT") },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft,
      N_ ("Mark every page as a draft (the default while problems block submission)"), NULL },
    { "final", 0, 0, G_OPTION_ARG_NONE, &final,
      N_ ("Render the final dossier, without the draft mark; refused while problems block "
          "submission"),
      NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_ ("Print nothing on success"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiEvaluation) evaluation = NULL;
  g_autoptr (ZhiDossierResult) result = NULL;
  g_autofree char *output_path = NULL;
  ZhiDossierOptions options;
  int status = ZHI_CLI_OK;

  if (!zhi_cli_parse_options (
          "render", _ ("FILE"),
          _ ("Render the dossier (申报书) of an application to PDF.\nExit status: 0 "
             "written, 1 --final refused because problems block submission, 2 usage or "
             "input error."),
          entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  output_path = output;
  if (argc != 2)
    return zhi_cli_usage_error ("render", "%s", _ ("give exactly one project FILE"));
  if (output_path == NULL)
    return zhi_cli_usage_error ("render", "%s", _ ("give the PDF to write with -o OUT.pdf"));
  if (draft && final)
    return zhi_cli_usage_error ("render", "%s", _ ("--draft and --final exclude each other"));
  project = zhi_cli_open_project ("render", argv[1], &status);
  if (project == NULL)
    return status;

  evaluation = zhi_evaluation_new (project);
  if (zhi_evaluation_get_standard (evaluation) == NULL)
    {
      zhi_project_close (project, NULL);
      return zhi_cli_usage_error ("render", "%s",
                                  _ ("the project has no track yet: choose workshop, "
                                     "factory-discrete or factory-process first"));
    }
  if (final && zhi_evaluation_has_blocking_problems (evaluation))
    {
      GPtrArray *problems = zhi_evaluation_get_problems (evaluation);
      guint blocking = zhi_evaluation_count_problems (evaluation, NULL, TRUE);

      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "zhizao-cli render: --final refused: %u problem blocks "
                               "submission:\n",
                               "zhizao-cli render: --final refused: %u problems block "
                               "submission:\n",
                               blocking),
                  blocking);
      for (guint i = 0; i < problems->len; i++)
        {
          const ZhiProblem *problem = g_ptr_array_index (problems, i);

          if (problem->severity == ZHI_PROBLEM_BLOCKING)
            g_printerr ("  [%s] %s\n", problem->step, problem->message);
        }
      if (json)
        print_refusal_json (output_path, problems);
      zhi_project_close (project, NULL);
      return ZHI_CLI_PROBLEMS;
    }

  zhi_dossier_options_init (&options);
  options.draft = draft   ? ZHI_DOSSIER_DRAFT_YES
                  : final ? ZHI_DOSSIER_DRAFT_FINAL
                          : ZHI_DOSSIER_DRAFT_AUTO;
  if (!zhi_dossier_render_to_file (project, evaluation, &options, output_path, NULL, NULL, NULL,
                                   &result, &error))
    {
      zhi_project_close (project, NULL);
      return zhi_cli_usage_error ("render", "%s", error->message);
    }
  zhi_project_close (project, NULL);

  if (json)
    print_result_json (output_path, result);
  else if (!quiet)
    {
      g_autofree char *size = g_format_size (result->size);

      g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u page, %s, fingerprint %s%s\n",
                            "%s: %u pages, %s, fingerprint %s%s\n", result->n_pages),
               output_path, result->n_pages, size, result->fingerprint,
               result->draft ? _ (" (draft)") : "");
      for (guint i = 0; i < result->warnings->len; i++)
        {
          const ZhiPdfAttachWarning *w = g_ptr_array_index (result->warnings, i);

          g_print (_ ("warning: attachment %u (%s, SHA-256 %s) replaced by a placeholder page: "
                      "%s\n"),
                   w->number, w->file_name, w->sha256, problem_text (w->problem));
        }
    }
  return ZHI_CLI_OK;
}
