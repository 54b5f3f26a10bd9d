/* zhi-dossier-data.c — page hashes and the embedded application data (libqpdf) */
#include "config.h"

#include "zhi-dossier-data.h"
#include "zhi-sha256.h"

#include <stdlib.h>
#include <string.h>

GQuark
zhi_dossier_data_error_quark (void)
{
  return g_quark_from_static_string ("zhi-dossier-data-error-quark");
}

/* ---- page hashes -------------------------------------------------------------------------- */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  /* g_ptr_array_sort passes pointers to the elements */
  return g_strcmp0 (*(char *const *)a, *(char *const *)b);
}

/* The keys of a dictionary, sorted (qpdf's C key iteration cannot nest: collect first). */
static GPtrArray *
dict_keys (qpdf_data q, qpdf_oh dict)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  if (!qpdf_oh_is_dictionary (q, dict))
    return keys;
  qpdf_oh_begin_dict_key_iter (q, dict);
  while (qpdf_oh_dict_more_keys (q))
    g_ptr_array_add (keys, g_strdup (qpdf_oh_dict_next_key (q)));
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* A value as text that survives a write: numbers by value (a writer may print -0 as 0, 1.50 as
 * 1.5), arrays item by item, anything else unparsed with its top-level reference resolved (object
 * numbers change whenever qpdf writes the file). */
static void
hash_value (ZhiSha256 *sum, qpdf_data q, qpdf_oh oh)
{
  if (qpdf_oh_is_number (q, oh))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.4f", qpdf_oh_get_numeric_value (q, oh) + 0.0);
      if (strcmp (buf, "-0.0000") == 0)
        strcpy (buf, "0.0000");
      zhi_sha256_update (sum, (const guchar *)buf, strlen (buf));
    }
  else if (qpdf_oh_is_array (q, oh))
    {
      int n = qpdf_oh_get_array_n_items (q, oh);

      zhi_sha256_update (sum, (const guchar *)"[", 1);
      for (int i = 0; i < n; i++)
        hash_value (sum, q, qpdf_oh_get_array_item (q, oh, i));
      zhi_sha256_update (sum, (const guchar *)"]", 1);
    }
  else
    {
      const char *text = qpdf_oh_unparse_resolved (q, oh);

      zhi_sha256_update (sum, (const guchar *)text, strlen (text));
    }
  zhi_sha256_update (sum, (const guchar *)"\n", 1);
}

static void hash_resources (ZhiSha256 *sum, qpdf_data q, qpdf_oh resources, guint depth);

/* A stream's decoded data (Flate and the like undone; images stay encoded). */
static void
hash_stream_data (ZhiSha256 *sum, qpdf_data q, qpdf_oh stream)
{
  unsigned char *buf = NULL;
  size_t len = 0;

  if (qpdf_oh_get_stream_data (q, stream, qpdf_dl_generalized, NULL, &buf, &len) == QPDF_SUCCESS
      && buf != NULL)
    zhi_sha256_update (sum, buf, len);
  free (buf);
}

static void
hash_xobject (ZhiSha256 *sum, qpdf_data q, qpdf_oh xobject, guint depth)
{
  qpdf_oh dict = qpdf_oh_get_dict (q, xobject);
  qpdf_oh subtype = qpdf_oh_get_key (q, dict, "/Subtype");

  if (qpdf_oh_is_name_and_equals (q, subtype, "/Form"))
    {
      zhi_sha256_update (sum, (const guchar *)"form\n", 5);
      hash_value (sum, q, qpdf_oh_get_key (q, dict, "/BBox"));
      hash_value (sum, q, qpdf_oh_get_key (q, dict, "/Matrix"));
      hash_stream_data (sum, q, xobject);
      hash_resources (sum, q, qpdf_oh_get_key (q, dict, "/Resources"), depth + 1);
    }
  else
    {
      /* not /Filter or /Length: a writer may compress an image that was not */
      static const char *const keys[] = { "/Subtype", "/Width", "/Height", "/BitsPerComponent" };

      zhi_sha256_update (sum, (const guchar *)"image\n", 6);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        hash_value (sum, q, qpdf_oh_get_key (q, dict, keys[k]));
    }
}

static void
hash_resources (ZhiSha256 *sum, qpdf_data q, qpdf_oh resources, guint depth)
{
  qpdf_oh xobjects;
  g_autoptr (GPtrArray) names = NULL;

  if (depth > 8 || !qpdf_oh_is_dictionary (q, resources))
    return;
  xobjects = qpdf_oh_get_key (q, resources, "/XObject");
  names = dict_keys (q, xobjects);
  for (guint i = 0; i < names->len; i++)
    {
      qpdf_oh x = qpdf_oh_get_key (q, xobjects, names->pdata[i]);

      zhi_sha256_update (sum, (const guchar *)names->pdata[i], strlen (names->pdata[i]));
      if (qpdf_oh_is_stream (q, x))
        hash_xobject (sum, q, x, depth);
    }
}

char *
zhi_dossier_data_page_hash (qpdf_data q, int index)
{
  g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
  qpdf_oh page = qpdf_get_page_n (q, index);
  qpdf_oh annots;
  unsigned char *content = NULL;
  size_t len = 0;
  static const char *const boxes[] = { "/MediaBox", "/CropBox", "/Rotate" };

  for (guint k = 0; k < G_N_ELEMENTS (boxes); k++)
    hash_value (sum, q, qpdf_oh_get_key (q, page, boxes[k]));
  if (qpdf_oh_get_page_content_data (q, page, &content, &len) == QPDF_SUCCESS && content)
    zhi_sha256_update (sum, content, len);
  free (content);
  hash_resources (sum, q, qpdf_oh_get_key (q, page, "/Resources"), 0);
  annots = qpdf_oh_get_key (q, page, "/Annots");
  if (qpdf_oh_is_array (q, annots))
    {
      int n = qpdf_oh_get_array_n_items (q, annots);

      for (int i = 0; i < n; i++)
        {
          qpdf_oh a = qpdf_oh_get_array_item (q, annots, i);

          zhi_sha256_update (sum, (const guchar *)"annot\n", 6);
          hash_value (sum, q, qpdf_oh_get_key (q, a, "/Subtype"));
          hash_value (sum, q, qpdf_oh_get_key (q, a, "/Rect"));
          hash_value (sum, q, qpdf_oh_get_key (q, a, "/Contents"));
        }
    }
  return g_strdup (zhi_sha256_get_string (sum));
}

/* ---- the embedded file -------------------------------------------------------------------- */

gboolean
zhi_dossier_data_embed (qpdf_data q, JsonObject *data, GError **error)
{
  return zhi_dossier_data_embed_full (q, data, NULL, NULL, error);
}

gboolean
zhi_dossier_data_embed_full (
    qpdf_data q, JsonObject *data, GFunc between, gpointer user_data, GError **error)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *pages = json_array_new ();
  int n = qpdf_get_num_pages (q);
  g_autofree char *json = NULL;
  gsize len = 0;
  qpdf_oh catalog, stream, dict, params, filespec, ef, names, embedded, list, af;

  for (int i = 0; i < n; i++)
    {
      g_autofree char *hash = zhi_dossier_data_page_hash (q, i);

      json_array_add_string_element (pages, hash);
      /* the handles of one page's walk: not kept for the thousand others */
      qpdf_oh_release_all (q);
      if (between != NULL && (i + 1) % 32 == 0)
        between (q, user_data);
    }
  json_object_set_array_member (data, "pages", pages);
  json_node_set_object (node, data);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, &len);

  catalog = qpdf_get_root (q);
  stream = qpdf_oh_new_stream (q);
  qpdf_oh_replace_stream_data (q, stream, (const unsigned char *)json, len, qpdf_oh_new_null (q),
                               qpdf_oh_new_null (q));
  dict = qpdf_oh_get_dict (q, stream);
  qpdf_oh_replace_key (q, dict, "/Type", qpdf_oh_new_name (q, "/EmbeddedFile"));
  qpdf_oh_replace_key (q, dict, "/Subtype", qpdf_oh_new_name (q, "/application#2Fjson"));
  params = qpdf_oh_new_dictionary (q);
  qpdf_oh_replace_key (q, params, "/Size", qpdf_oh_new_integer (q, (long long)len));
  qpdf_oh_replace_key (q, dict, "/Params", params);

  filespec = qpdf_oh_new_dictionary (q);
  qpdf_oh_replace_key (q, filespec, "/Type", qpdf_oh_new_name (q, "/Filespec"));
  qpdf_oh_replace_key (q, filespec, "/F", qpdf_oh_new_string (q, ZHI_DOSSIER_DATA_NAME));
  qpdf_oh_replace_key (q, filespec, "/UF", qpdf_oh_new_unicode_string (q, ZHI_DOSSIER_DATA_NAME));
  qpdf_oh_replace_key (q, filespec, "/Desc",
                       qpdf_oh_new_unicode_string (q, "申报数据（智造申报）"));
  qpdf_oh_replace_key (q, filespec, "/AFRelationship", qpdf_oh_new_name (q, "/Data"));
  ef = qpdf_oh_new_dictionary (q);
  qpdf_oh_replace_key (q, ef, "/F", stream);
  qpdf_oh_replace_key (q, filespec, "/EF", ef);
  filespec = qpdf_make_indirect_object (q, filespec);

  names = qpdf_oh_get_key (q, catalog, "/Names");
  if (!qpdf_oh_is_dictionary (q, names))
    {
      names = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, catalog, "/Names", names);
    }
  embedded = qpdf_oh_new_dictionary (q);
  list = qpdf_oh_new_array (q);
  qpdf_oh_append_item (q, list, qpdf_oh_new_string (q, ZHI_DOSSIER_DATA_NAME));
  qpdf_oh_append_item (q, list, filespec);
  qpdf_oh_replace_key (q, embedded, "/Names", list);
  qpdf_oh_replace_key (q, names, "/EmbeddedFiles", embedded);
  /* associated with the document as a whole, as PDF/A-3 readers expect */
  af = qpdf_oh_new_array (q);
  qpdf_oh_append_item (q, af, filespec);
  qpdf_oh_replace_key (q, catalog, "/AF", af);
  if (qpdf_has_error (q))
    {
      qpdf_error e = qpdf_get_error (q);

      g_set_error (error, ZHI_DOSSIER_DATA_ERROR, ZHI_DOSSIER_DATA_ERROR_UNREADABLE, "qpdf: %s",
                   e ? qpdf_get_error_full_text (q, e) : "failed");
      return FALSE;
    }
  return TRUE;
}

/* The filespec named @name in a name tree node (its /Names, then its /Kids). */
static qpdf_oh
find_in_name_tree (qpdf_data q, qpdf_oh node, const char *name, guint depth)
{
  qpdf_oh names, kids;

  if (depth > 16 || !qpdf_oh_is_dictionary (q, node))
    return 0;
  names = qpdf_oh_get_key (q, node, "/Names");
  if (qpdf_oh_is_array (q, names))
    {
      int n = qpdf_oh_get_array_n_items (q, names);

      for (int i = 0; i + 1 < n; i += 2)
        {
          qpdf_oh key = qpdf_oh_get_array_item (q, names, i);

          if (qpdf_oh_is_string (q, key) && g_strcmp0 (qpdf_oh_get_utf8_value (q, key), name) == 0)
            return qpdf_oh_get_array_item (q, names, i + 1);
        }
    }
  kids = qpdf_oh_get_key (q, node, "/Kids");
  if (qpdf_oh_is_array (q, kids))
    {
      int n = qpdf_oh_get_array_n_items (q, kids);

      for (int i = 0; i < n; i++)
        {
          qpdf_oh found
              = find_in_name_tree (q, qpdf_oh_get_array_item (q, kids, i), name, depth + 1);

          if (found)
            return found;
        }
    }
  return 0;
}

JsonObject *
zhi_dossier_data_read (qpdf_data q, GError **error)
{
  qpdf_oh names = qpdf_oh_get_key (q, qpdf_get_root (q), "/Names");
  qpdf_oh filespec = find_in_name_tree (q, qpdf_oh_get_key (q, names, "/EmbeddedFiles"),
                                        ZHI_DOSSIER_DATA_NAME, 0);
  qpdf_oh stream;
  unsigned char *buf = NULL;
  size_t len = 0;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;
  JsonObject *object;

  stream = filespec ? qpdf_oh_get_key (q, qpdf_oh_get_key (q, filespec, "/EF"), "/F") : 0;
  if (!stream || !qpdf_oh_is_stream (q, stream))
    {
      g_set_error (error, ZHI_DOSSIER_DATA_ERROR, ZHI_DOSSIER_DATA_ERROR_MISSING,
                   "the PDF carries no %s", ZHI_DOSSIER_DATA_NAME);
      return NULL;
    }
  if (qpdf_oh_get_stream_data (q, stream, qpdf_dl_generalized, NULL, &buf, &len) != QPDF_SUCCESS
      || !json_parser_load_from_data (parser, (const char *)buf, len, &local))
    {
      free (buf);
      g_set_error (error, ZHI_DOSSIER_DATA_ERROR, ZHI_DOSSIER_DATA_ERROR_INVALID,
                   "%s cannot be read: %s", ZHI_DOSSIER_DATA_NAME,
                   local ? local->message : "its stream does not decode");
      return NULL;
    }
  free (buf);
  root = json_parser_get_root (parser);
  object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""),
                    ZHI_DOSSIER_DATA_FORMAT)
             != 0
      || !json_object_has_member (object, "pages")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "pages")))
    {
      g_set_error (error, ZHI_DOSSIER_DATA_ERROR, ZHI_DOSSIER_DATA_ERROR_INVALID,
                   "%s is not in the format %s", ZHI_DOSSIER_DATA_NAME, ZHI_DOSSIER_DATA_FORMAT);
      return NULL;
    }
  return json_object_ref (object);
}
