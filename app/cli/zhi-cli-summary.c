/* zhizao-cli summary INPUT… -o OUT.xlsx|OUT.csv|OUT.pdf [--json] — the 推荐汇总表
 *
 * One row per input, in the order given; a file that cannot be read becomes a row saying why,
 * never an aborted run.  --json prints {"output", "rows": [{"file", "source", "error",
 * "enterprise", "credit_code", "city", "track", "site_name", "claimed", "evidenced", "verdict",
 * "blocking", "problems", "pages", "integrity"}]}.
 * Exit status: 0 written (even with unreadable rows), 2 usage error or the output not written. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zhi-cli-commands.h"
#include "zhi-summary.h"

/* Points to one decimal, null when not known (NaN) */
static void
add_points (JsonBuilder *b, const char *name, double points)
{
  json_builder_set_member_name (b, name);
  if (isnan (points))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (points * 10) / 10);
}

static JsonNode *
rows_to_json (GPtrArray *rows, const char *output)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  zhi_cli_json_string (b, "output", output);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const ZhiSummaryRow *row = rows->pdata[i];

      json_builder_begin_object (b);
      zhi_cli_json_string (b, "file", row->path);
      zhi_cli_json_string (b, "source",
                           row->source == ZHI_SUMMARY_SOURCE_DOSSIER ? "dossier" : "project");
      zhi_cli_json_string_or_null (b, "error", row->error);
      if (!row->error)
        {
          const struct
          {
            const char *name;
            const char *value;
          } strings[] = {
            { "enterprise", row->enterprise },
            { "credit_code", row->credit_code },
            { "city", row->city },
            { "track", row->track },
            { "site_name", row->site_name },
            { "verdict", row->verdict },
            { "problems", row->problems },
            { "integrity", row->integrity },
          };

          for (guint k = 0; k < G_N_ELEMENTS (strings); k++)
            zhi_cli_json_string (b, strings[k].name, strings[k].value ? strings[k].value : "");
          add_points (b, "claimed", row->claimed);
          add_points (b, "evidenced", row->evidenced);
          zhi_cli_json_int (b, "blocking", row->n_blocking);
          json_builder_set_member_name (b, "pages");
          if (row->pages < 0)
            json_builder_add_null_value (b);
          else
            json_builder_add_int_value (b, row->pages);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
zhi_cli_summary (int argc, char **argv)
{
  g_autofree char *output = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("Write the table to OUT (.xlsx, .csv or .pdf)"), N_ ("OUT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the rows as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows
      = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_summary_row_free);
  guint unreadable = 0;

  if (!zhi_cli_parse_options (
          "summary", _ ("INPUT…"),
          _ ("Make the recommendation summary table (推荐汇总表) of many applications, from their "
             "project files and dossier PDFs.\nA file that cannot be read becomes a row saying "
             "why.\n"
             "Exit status: 0 written, 2 usage error or the table could not be written."),
          entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc < 2)
    return zhi_cli_usage_error ("summary", "%s", _ ("give at least one INPUT file"));
  if (output == NULL)
    return zhi_cli_usage_error (
        "summary", "%s", _ ("give the output file with -o OUT.xlsx, -o OUT.csv or -o OUT.pdf"));

  for (int i = 1; i < argc; i++)
    {
      ZhiSummaryRow *row = zhi_summary_row_from_file (argv[i]);

      if (row->error)
        {
          unreadable++;
          if (!json)
            g_printerr (_ ("%s: not read: %s\n"), argv[i], row->error);
        }
      g_ptr_array_add (rows, row);
    }
  if (!zhi_summary_write (rows, output, &error))
    return zhi_cli_usage_error ("summary", "%s", error->message);
  if (json)
    {
      g_autoptr (JsonNode) node = rows_to_json (rows, output);

      zhi_cli_print_json (node);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u application", "%s: %u applications", rows->len),
             output, rows->len);
  if (!json)
    {
      if (unreadable > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, " (%u file could not be read)\n",
                              " (%u files could not be read)\n", unreadable),
                 unreadable);
      else
        g_print ("\n");
    }
  return ZHI_CLI_OK;
}
