/* zhizao-cli verify DOSSIER.pdf [--json] — is every page as it was written?
 *
 * --json prints {"file", "status": "intact"|"changed"|"not-a-dossier", "reason", "pages",
 * "pages_written", "fingerprint", "findings": [{"change", "page", "original", "message"}]}.
 * Exit status: 0 intact, 1 changed, 2 not a Zhizao dossier or unreadable (or a usage error). */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-cli-commands.h"
#include "zhi-verify.h"

static JsonNode *
result_to_json (const ZhiVerifyResult *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  zhi_cli_json_string (b, "file", r->path);
  zhi_cli_json_string (b, "status", zhi_verify_status_to_string (r->status));
  zhi_cli_json_string_or_null (b, "reason", r->reason);
  zhi_cli_json_int (b, "pages", r->n_pages);
  zhi_cli_json_int (b, "pages_written", r->n_pages_written);
  zhi_cli_json_string_or_null (b, "fingerprint", r->fingerprint);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->findings->len; i++)
    {
      const ZhiVerifyFinding *f = r->findings->pdata[i];

      json_builder_begin_object (b);
      zhi_cli_json_string (b, "change", zhi_verify_page_change_to_string (f->change));
      zhi_cli_json_int (b, "page", f->page);
      zhi_cli_json_int (b, "original", f->original);
      zhi_cli_json_string (b, "message", f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
zhi_cli_verify (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { NULL },
  };
  g_autoptr (ZhiVerifyResult) result = NULL;

  if (!zhi_cli_parse_options (
          "verify", _ ("DOSSIER.pdf"),
          _ ("Check a dossier against the application data it carries: whether every page is as "
             "Zhizao wrote it.\n"
             "It proves the dossier is unchanged since it was produced — no page removed, moved, "
             "replaced or drawn over. It cannot prove who produced it: the data is no signature, "
             "and anyone with the project file can render the same dossier.\n"
             "How pages are checked: docs/dossier-data.md. The footer's fingerprint: "
             "docs/dossier-fingerprint.md.\n"
             "Exit status: 0 intact, 1 changed, 2 not a Zhizao dossier, unreadable, or a usage "
             "error."),
          entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc != 2)
    return zhi_cli_usage_error ("verify", "%s", _ ("give exactly one DOSSIER.pdf"));

  result = zhi_verify_file (argv[1]);
  if (json)
    {
      g_autoptr (JsonNode) node = result_to_json (result);

      zhi_cli_print_json (node);
    }
  else
    switch (result->status)
      {
        case ZHI_VERIFY_INTACT:
          g_print (_ ("%s: intact — all %d pages are as written (fingerprint %s).\n"), argv[1],
                   result->n_pages, result->fingerprint);
          g_print ("%s\n", _ ("This shows the dossier is unchanged since it was produced, not "
                              "who produced it."));
          break;
        case ZHI_VERIFY_CHANGED:
          g_print (_ ("%s: changed since it was written (%d pages now, %d written):\n"), argv[1],
                   result->n_pages, result->n_pages_written);
          for (guint i = 0; i < result->findings->len; i++)
            g_print ("  %s\n", ((ZhiVerifyFinding *)result->findings->pdata[i])->message);
          break;
        case ZHI_VERIFY_NOT_A_DOSSIER:
        default:
          g_printerr (_ ("%s: cannot be verified: %s\n"), argv[1], result->reason);
          break;
      }
  return result->status == ZHI_VERIFY_INTACT    ? ZHI_CLI_OK
         : result->status == ZHI_VERIFY_CHANGED ? ZHI_CLI_PROBLEMS
                                                : ZHI_CLI_USAGE;
}
