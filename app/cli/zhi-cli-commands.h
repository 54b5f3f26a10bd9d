/* zhi-cli-commands.h — one entry point per zhizao-cli command
 *
 * Each command parses its own options and returns the process exit status:
 * 0 success, 1 the check found problems, 2 usage or input error (message on stderr).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef int (*ZhiCliCommandFunc) (int argc, char **argv);

enum
{
  ZHI_CLI_OK = 0,
  ZHI_CLI_PROBLEMS = 1,
  ZHI_CLI_USAGE = 2,
};

/* Commands (zhi-cli-<command>.c) */
int zhi_cli_attach (int argc, char **argv);
int zhi_cli_credit_code (int argc, char **argv);
int zhi_cli_demo (int argc, char **argv);
int zhi_cli_score (int argc, char **argv);
int zhi_cli_validate (int argc, char **argv);
int zhi_cli_standards (int argc, char **argv);
int zhi_cli_export (int argc, char **argv);
int zhi_cli_import (int argc, char **argv);
int zhi_cli_migrate (int argc, char **argv);
int zhi_cli_new (int argc, char **argv);
int zhi_cli_render (int argc, char **argv);
int zhi_cli_summary (int argc, char **argv);
int zhi_cli_verify (int argc, char **argv);

/* Shared helpers (zhizao-cli.c) */
int zhi_cli_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Parses a command's options (PARAMETER and SUMMARY, translated, are what --help shows) and
 * leaves its other arguments in argv; FALSE after printing why (exit with ZHI_CLI_USAGE). */
gboolean zhi_cli_parse_options (const char *command,
                                const char *parameter,
                                const char *summary,
                                const GOptionEntry *entries,
                                int *argc,
                                char ***argv);
void zhi_cli_print_json (JsonNode *node);
/* JSON output: a member of the object being built, with its value */
void zhi_cli_json_string (JsonBuilder *builder, const char *name, const char *value);
void zhi_cli_json_string_or_null (JsonBuilder *builder, const char *name, const char *value);
void zhi_cli_json_int (JsonBuilder *builder, const char *name, gint64 value);
void zhi_cli_json_double (JsonBuilder *builder, const char *name, double value);
void zhi_cli_json_bool (JsonBuilder *builder, const char *name, gboolean value);
/* Opens a project file, or prints why not and sets *status to 2 (zhi-cli-validate.c). */
typedef struct _ZhiProject ZhiProject;
ZhiProject *zhi_cli_open_project (const char *command, const char *path, int *status);

G_END_DECLS
