/* zhizao-cli — validate, score, render and exchange Zhizao projects without a display */
#include "config.h"

#include "zhi-i18n.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "zhi-cli-commands.h"
#include "zhi-dossier-version.h"
#include "zhi-evidence-inspect.h"

typedef struct
{
  const char *name;
  ZhiCliCommandFunc func;
  const char *summary; /* translated at print time */
} ZhiCliCommand;

static const ZhiCliCommand commands[] = {
  /* keep sorted by name */
  { "attach", zhi_cli_attach, N_ ("Attach a document to a project as evidence") },
  { "credit-code", zhi_cli_credit_code, N_ ("Check a unified social credit code") },
  { "demo", zhi_cli_demo, N_ ("Write the demo application") },
  { "export", zhi_cli_export, N_ ("Export a project as JSON") },
  { "import", zhi_cli_import, N_ ("Create a project file from exported JSON") },
  { "migrate", zhi_cli_migrate,
    N_ ("Move a project onto a newer edition of its track's standard") },
  { "new", zhi_cli_new, N_ ("Create a new project file") },
  { "render", zhi_cli_render, N_ ("Render the dossier (申报书) to PDF") },
  { "score", zhi_cli_score, N_ ("Show the self-assessment score") },
  { "standards", zhi_cli_standards,
    N_ ("List the evaluation standards: criteria, weights, indicators") },
  { "summary", zhi_cli_summary, N_ ("Make the recommendation summary table of many applications") },
  { "validate", zhi_cli_validate, N_ ("Check whether an application is ready to submit") },
  { "verify", zhi_cli_verify, N_ ("Check that a dossier's pages are as they were written") },
  { NULL, NULL, NULL },
};

int
zhi_cli_usage_error (const char *command, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("zhizao-cli %s: %s\n", command, message);
  return ZHI_CLI_USAGE;
}

gboolean
zhi_cli_parse_options (const char *command,
                       const char *parameter,
                       const char *summary,
                       const GOptionEntry *entries,
                       int *argc,
                       char ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  zhi_cli_usage_error (command, "%s", error->message);
  return FALSE;
}

void
zhi_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  /* JSON is UTF-8 whatever the locale: g_print would convert it (Chinese → ??? in C) */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

void
zhi_cli_json_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
zhi_cli_json_string_or_null (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
zhi_cli_json_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
zhi_cli_json_double (JsonBuilder *builder, const char *name, double value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

void
zhi_cli_json_bool (JsonBuilder *builder, const char *name, gboolean value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _ ("Usage: zhizao-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _ ("Commands:"));
  for (gsize i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _ (commands[i].summary));
  fprintf (out, "\n%s\n", _ ("Run “zhizao-cli COMMAND --help” for the options of a command."));
}

int
main (int argc, char **argv)
{
  zhi_i18n_init ();
  /* every command records and re-checks whether evidence opens (zhi-store.h) */
  zhi_evidence_inspector_install ();

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_help (argc < 2 ? stderr : stdout);
      return argc < 2 ? ZHI_CLI_USAGE : ZHI_CLI_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_autofree char *libs = zhi_dossier_library_versions ();
      g_print ("zhizao-cli %s (%s)\n", PACKAGE_VERSION, libs);
      return ZHI_CLI_OK;
    }

  for (gsize i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  g_printerr (_ ("zhizao-cli: unknown command “%s”.\n"), argv[1]);
  print_help (stderr);
  return ZHI_CLI_USAGE;
}
