/* zhi-cli-import.c — zhizao-cli import JSON -o FILE [--json]
 *
 * Builds a project file from its JSON form.  Evidence items with a "file" member (a path
 * relative to the JSON's folder, or absolute) get those bytes, checked against the
 * item's SHA-256; an office document's "pdf_file" (written by export --with-evidence) is
 * recorded as the PDF it was converted to, checked against "pdf_sha256".  An office document
 * imported without its PDF is not usable until converted.  Exit status: 0 imported, 1 imported but
 * some evidence bytes were missing or did not match, 2 usage or input error (nothing written).
 * --json prints {"file", "track", "evidence" (items), "evidence_with_bytes", "problems":
 * [message…]}.
 */
#include <glib/gi18n.h>

#include "zhi-cli-commands.h"
#include "zhi-office-convert.h"
#include "zhi-store.h"

/* An office document's "pdf_file": the PDF it was converted to, checked against
 * "pdf_sha256" while it is stored (hashed once) and recorded as its conversion. */
static gboolean
import_pdf (ZhiProject *project, GFile *base, JsonObject *o, GError **error)
{
  const char *path = json_object_get_string_member_with_default (o, "pdf_file", NULL);
  if (path == NULL)
    return TRUE;
  const char *id = json_object_get_string_member (o, "id");
  const char *expected = json_object_get_string_member_with_default (o, "pdf_sha256", "");
  g_autoptr (GFile) pdf = g_file_resolve_relative_path (base, path);
  g_autoptr (GError) local = NULL;
  if (zhi_project_set_evidence_pdf (
          project, id, pdf, expected,
          (guint)json_object_get_int_member_with_default (o, "page_count", 0), NULL, &local))
    return TRUE;
  if (g_error_matches (local, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_MISMATCH))
    {
      g_autofree char *name = g_file_get_parse_name (pdf);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("“%s” is not the PDF evidence %s was converted to: its SHA-256 differs "
                      "from “pdf_sha256”. Export the project again."),
                   name, id);
    }
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* An office document imported without its PDF cannot be used until converted, whatever the
 * JSON said of it. */
static void
mark_unconverted (ZhiProject *project)
{
  g_autoptr (GHashTable) conversions = zhi_project_list_conversions (project);
  GListModel *list = zhi_project_get_evidence_list (project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      if (zhi_office_is_document (zhi_evidence_get_file_name (ev), zhi_evidence_get_media_type (ev))
          && !g_hash_table_contains (conversions, zhi_evidence_get_sha256 (ev))
          && (!zhi_evidence_get_inspected (ev) || zhi_evidence_get_usable (ev)))
        zhi_project_set_evidence_inspection (project, zhi_evidence_get_id (ev),
                                             ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED, 0);
    }
}

int
zhi_cli_import (int argc, char **argv)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The project file to create"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the result as JSON"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("JSON"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Create a project file from exported JSON."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return zhi_cli_usage_error ("import", "%s", error->message);
  if (argc != 2)
    return zhi_cli_usage_error ("import", "%s", _ ("give exactly one JSON file"));
  if (out == NULL)
    return zhi_cli_usage_error ("import", "%s", _ ("-o FILE is required"));

  g_autoptr (GFile) json_file = g_file_new_for_commandline_arg (argv[1]);
  g_autofree char *json_path = g_file_get_path (json_file);
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (json_path == NULL || !json_parser_load_from_file (parser, json_path, &error))
    return zhi_cli_usage_error ("import", "%s: %s", argv[1],
                                error ? error->message : _ ("not a local file"));
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL)
    return zhi_cli_usage_error ("import", _ ("%s: the file is empty"), argv[1]);
  g_autoptr (ZhiProject) project = zhi_project_from_json (root, &error);
  if (project == NULL)
    return zhi_cli_usage_error ("import", "%s: %s", argv[1], error->message);

  g_autoptr (GFile) dest = g_file_new_for_commandline_arg (out);
  if (g_file_query_exists (dest, NULL))
    return zhi_cli_usage_error ("import", _ ("%s already exists; choose another name"), out);
  if (!zhi_project_save_as (project, dest, &error))
    return zhi_cli_usage_error ("import", "%s", error->message);

  int status = ZHI_CLI_OK;
  guint n_bytes = 0;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GFile) base = g_file_get_parent (json_file);
  /* "evidence" may be missing (docs/project-format.md: missing members are empty) */
  JsonArray *items = json_object_has_member (json_node_get_object (root), "evidence")
                         ? json_object_get_array_member (json_node_get_object (root), "evidence")
                         : NULL;
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      const char *path = o ? json_object_get_string_member_with_default (o, "file", NULL) : NULL;
      if (path == NULL)
        continue;
      g_autoptr (GFile) doc = g_file_resolve_relative_path (base, path);
      if (!zhi_project_add_blob_from_file (
              project, doc, json_object_get_string_member (o, "sha256"), NULL, &error)
          || !import_pdf (project, base, o, &error))
        {
          g_printerr ("zhizao-cli import: %s\n", error->message);
          g_ptr_array_add (problems, g_strdup (error->message));
          g_clear_error (&error);
          status = ZHI_CLI_PROBLEMS;
        }
      else
        n_bytes++;
    }
  mark_unconverted (project);
  guint n_evidence = g_list_model_get_n_items (zhi_project_get_evidence_list (project));
  g_autofree char *track = g_strdup (zhi_project_get_track (project));
  if (!zhi_project_close (project, &error))
    return zhi_cli_usage_error ("import", "%s", error->message);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;

      json_builder_begin_object (builder);
      zhi_cli_json_string (builder, "file", out);
      json_builder_set_member_name (builder, "track");
      if (track != NULL && track[0] != '\0')
        json_builder_add_string_value (builder, track);
      else
        json_builder_add_null_value (builder);
      zhi_cli_json_int (builder, "evidence", n_evidence);
      zhi_cli_json_int (builder, "evidence_with_bytes", n_bytes);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (builder, problems->pdata[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      zhi_cli_print_json (node);
    }
  return status;
}
