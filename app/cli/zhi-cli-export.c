/* zhi-cli-export.c — zhizao-cli export FILE --json [-o OUT] [--with-evidence DIR]
 *
 * Writes the project as JSON (docs/project-format.md).  With --with-evidence, every
 * evidence item's bytes are copied into DIR (checked against their SHA-256) and each
 * item gets a "file" member: the path relative to OUT's folder (or the current folder); an
 * office document converted to PDF also gets its PDF copied, named in "pdf_file".
 * Exit status: 0 exported, 1 some evidence bytes missing or damaged, 2 usage/input error.
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "zhi-cli-commands.h"
#include "zhi-store.h"

static char *
safe_name (const char *id, const char *file_name)
{
  g_autofree char *base = g_path_get_basename (*file_name ? file_name : "evidence");
  g_strdelimit (base, "/\\:", '_');
  return g_strdup_printf ("%s-%s", id, base);
}

/* @member: @file's path relative to @base (absolute when it has none) */
static void
set_path_member (JsonObject *o, const char *member, GFile *base, GFile *file)
{
  g_autofree char *rel = g_file_get_relative_path (base, file);
  g_autofree char *abs = g_file_get_path (file);
  json_object_set_string_member (o, member, rel ? rel : abs);
}

int
zhi_cli_export (int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *out = NULL;
  g_autofree char *evidence_dir = NULL;
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Export as JSON (the only format)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write to OUT instead of stdout"), "OUT" },
    { "with-evidence", 0, 0, G_OPTION_ARG_FILENAME, &evidence_dir,
      N_ ("Also copy the evidence files into DIR"), "DIR" },
    { NULL },
  };
  if (!zhi_cli_parse_options ("export", _ ("FILE"), _ ("Export a project as readable JSON."),
                              entries, &argc, &argv))
    return ZHI_CLI_USAGE;
  if (argc != 2)
    return zhi_cli_usage_error ("export", "%s", _ ("give exactly one project FILE"));
  if (!json)
    return zhi_cli_usage_error ("export", "%s", _ ("say --json (the only export format)"));

  g_autoptr (GFile) file = g_file_new_for_commandline_arg (argv[1]);
  g_autoptr (ZhiProject) project = zhi_project_open (file, &error);
  if (project == NULL)
    return zhi_cli_usage_error ("export", "%s", error->message);

  g_autoptr (JsonNode) root = zhi_project_to_json (project);
  int status = ZHI_CLI_OK;
  if (evidence_dir)
    {
      g_autoptr (GFile) dir = g_file_new_for_commandline_arg (evidence_dir);
      g_autoptr (GFile) base = NULL;
      if (out)
        {
          g_autoptr (GFile) of = g_file_new_for_commandline_arg (out);
          base = g_file_get_parent (of);
        }
      else
        base = g_file_new_for_path (".");
      if (!g_file_make_directory_with_parents (dir, NULL, &error)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return zhi_cli_usage_error ("export", "%s", error->message);
      g_clear_error (&error);
      JsonArray *items = json_object_get_array_member (json_node_get_object (root), "evidence");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *o = json_array_get_object_element (items, i);
          const char *id = json_object_get_string_member (o, "id");
          g_autofree char *name = safe_name (id, json_object_get_string_member (o, "file_name"));
          g_autoptr (GFile) dest = g_file_get_child (dir, name);
          if (!zhi_project_export_evidence (project, id, dest, NULL, &error))
            {
              g_printerr ("zhizao-cli export: %s\n", error->message);
              g_clear_error (&error);
              status = ZHI_CLI_PROBLEMS;
              continue;
            }
          set_path_member (o, "file", base, dest);
          /* an office document: the PDF it was converted to goes beside it */
          if (!json_object_has_member (o, "pdf_sha256"))
            continue;
          g_autofree char *pdf_name = g_strconcat (name, ".pdf", NULL);
          g_autoptr (GFile) pdf_dest = g_file_get_child (dir, pdf_name);
          if (!zhi_project_export_evidence_pdf (project, id, pdf_dest, NULL, &error))
            {
              g_printerr ("zhizao-cli export: %s\n", error->message);
              g_clear_error (&error);
              status = ZHI_CLI_PROBLEMS;
              continue;
            }
          set_path_member (o, "pdf_file", base, pdf_dest);
        }
    }

  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  if (out)
    {
      if (!json_generator_to_file (gen, out, &error))
        return zhi_cli_usage_error ("export", "%s", error->message);
    }
  else
    zhi_cli_print_json (root);
  return status;
}
