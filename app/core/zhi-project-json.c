/* zhi-project-json.c — the project as JSON (docs/project-format.md) */
#include "zhi-project-private.h"
#include "zhi-store.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#define FORMAT_NAME "zhizao-project"
#define FORMAT_VERSION 1

static JsonNode *
strv_to_json (const char *const *v)
{
  JsonArray *a = json_array_new ();
  for (; v && *v; v++)
    json_array_add_string_element (a, *v);
  JsonNode *n = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (n, a);
  return n;
}

JsonNode *
zhi_project_to_json (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);

  g_autoptr (JsonBuilder) b = json_builder_new ();
  guint n_fields;
  const ZhiFieldInfo *fields = _zhi_project_fields (&n_fields);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, FORMAT_NAME);
  json_builder_set_member_name (b, "format_version");
  json_builder_add_int_value (b, FORMAT_VERSION);

  for (guint i = 0; i < n_fields; i++)
    {
      g_auto (GValue) v = G_VALUE_INIT;
      _zhi_project_get_field (self, i, &v);
      json_builder_set_member_name (b, fields[i].key);
      switch (fields[i].kind)
        {
          case ZHI_FIELD_STRING:
            json_builder_add_string_value (b, g_value_get_string (&v));
            break;
          case ZHI_FIELD_DOUBLE:
            json_builder_add_double_value (b, g_value_get_double (&v));
            break;
          case ZHI_FIELD_INT64:
            json_builder_add_int_value (b, g_value_get_int64 (&v));
            break;
        }
    }

  json_builder_set_member_name (b, "scenarios");
  json_builder_begin_array (b);
  for (guint i = 0; i < zhi_project_get_n_scenarios (self); i++)
    {
      const ZhiScenario *s = zhi_project_get_scenario (self, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "criteria");
      json_builder_add_value (b, strv_to_json ((const char *const *)s->criteria));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, s->description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "answers");
  json_builder_begin_object (b);
  {
    ZhiAnswers *answers = zhi_project_get_answers (self);
    g_autoptr (GPtrArray) ids = zhi_answers_list_ids (answers);
    for (guint i = 0; i < ids->len; i++)
      {
        JsonNode *node = zhi_answers_get_json (answers, ids->pdata[i]);
        if (node == NULL)
          continue;
        json_builder_set_member_name (b, ids->pdata[i]);
        json_builder_add_value (b, node);
      }
  }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "narratives");
  json_builder_begin_object (b);
  {
    g_autoptr (GPtrArray) ids = zhi_project_list_narrative_ids (self);
    for (guint i = 0; i < ids->len; i++)
      {
        json_builder_set_member_name (b, ids->pdata[i]);
        json_builder_add_string_value (b, zhi_project_get_narrative (self, ids->pdata[i]));
      }
  }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  GListModel *list = zhi_project_get_evidence_list (self);
  g_autoptr (GHashTable) conversions = zhi_project_list_conversions (self);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      g_autofree char *added = g_date_time_format_iso8601 (zhi_evidence_get_added (ev));
      const char *pdf = g_hash_table_lookup (conversions, zhi_evidence_get_sha256 (ev));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, zhi_evidence_get_id (ev));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, zhi_evidence_get_title (ev));
      json_builder_set_member_name (b, "file_name");
      json_builder_add_string_value (b, zhi_evidence_get_file_name (ev));
      json_builder_set_member_name (b, "media_type");
      json_builder_add_string_value (b, zhi_evidence_get_media_type (ev));
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, (gint64)zhi_evidence_get_size (ev));
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, zhi_evidence_get_sha256 (ev));
      if (pdf != NULL)
        {
          /* an office document: the PDF it was converted to, which the dossier carries */
          json_builder_set_member_name (b, "pdf_sha256");
          json_builder_add_string_value (b, pdf);
        }
      json_builder_set_member_name (b, "page_count");
      json_builder_add_int_value (b, zhi_evidence_get_page_count (ev));
      json_builder_set_member_name (b, "usable");
      if (zhi_evidence_get_inspected (ev))
        json_builder_add_boolean_value (b, zhi_evidence_get_usable (ev));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "problem");
      json_builder_add_string_value (b, zhi_evidence_get_problem (ev));
      json_builder_set_member_name (b, "supports");
      json_builder_add_value (b, strv_to_json (zhi_evidence_get_supports (ev)));
      json_builder_set_member_name (b, "added");
      json_builder_add_string_value (b, added);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- reading ---- */

static gboolean
bad (GError **error, const char *where, const char *expected)
{
  g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID,
               _ ("The project JSON is not valid: “%s” should be %s."), where, expected);
  return FALSE;
}

/* Whether every string and member name in @node is UTF-8, as JSON text is (json-glib takes
 * bytes as they come): else FALSE, naming the member that is not (by its parent's name when the
 * name itself is the one). */
static gboolean
all_utf8 (JsonNode *node, const char *where, GError **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (o);

      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *inner = NULL;

          if (!g_utf8_validate (l->data, -1, NULL))
            return bad (error, where, _ ("a string"));
          inner = g_str_equal (where, "/") ? g_strdup (l->data)
                                           : g_strdup_printf ("%s.%s", where, (char *)l->data);
          if (!all_utf8 (json_object_get_member (o, l->data), inner, error))
            return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (!all_utf8 (json_array_get_element (a, i), where, error))
          return FALSE;
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING
           && !g_utf8_validate (json_node_get_string (node), -1, NULL))
    return bad (error, where, _ ("a string"));
  return TRUE;
}

static gboolean
get_string (JsonObject *o, const char *member, const char *where, const char **out, GError **error)
{
  JsonNode *n = json_object_get_member (o, member);
  *out = "";
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (json_node_get_value_type (n) != G_TYPE_STRING)
    return bad (error, where, _ ("a string"));
  *out = json_node_get_string (n);
  return TRUE;
}

static gboolean
get_number (JsonObject *o, const char *member, const char *where, double *out, GError **error)
{
  JsonNode *n = json_object_get_member (o, member);
  *out = 0;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  GType t = json_node_get_value_type (n);
  if (t == G_TYPE_INT64)
    *out = (double)json_node_get_int (n);
  else if (t == G_TYPE_DOUBLE && isfinite (json_node_get_double (n)))
    *out = json_node_get_double (n);
  else
    return bad (error, where, _ ("a number"));
  return TRUE;
}

static gboolean
get_int (JsonObject *o, const char *member, const char *where, gint64 *out, GError **error)
{
  JsonNode *n = json_object_get_member (o, member);
  *out = 0;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (json_node_get_value_type (n) != G_TYPE_INT64)
    return bad (error, where, _ ("a whole number"));
  *out = json_node_get_int (n);
  return TRUE;
}

static gboolean
get_strv (JsonObject *o, const char *member, const char *where, GStrv *out, GError **error)
{
  JsonNode *n = json_object_get_member (o, member);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
    {
      if (!JSON_NODE_HOLDS_ARRAY (n))
        return bad (error, where, _ ("a list of ids"));
      JsonArray *a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          if (json_node_get_value_type (e) != G_TYPE_STRING)
            return bad (error, where, _ ("a list of ids"));
          g_strv_builder_add (b, json_node_get_string (e));
        }
    }
  *out = g_strv_builder_end (b);
  return TRUE;
}

/* The member key of root when it is given (neither absent nor null; else *out is NULL); FALSE
 * when it is not of type. */
static gboolean
get_member (JsonObject *root,
            const char *key,
            JsonNodeType type,
            const char *expected,
            JsonNode **out,
            GError **error)
{
  JsonNode *n = json_object_get_member (root, key);

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (JSON_NODE_TYPE (n) != type)
    return bad (error, key, expected);
  *out = n;
  return TRUE;
}

/* Reads one object of a list into the project; where names it in messages ("evidence[2]"). */
typedef gboolean (*ReadObjectFunc) (ZhiProject *p,
                                    JsonObject *o,
                                    const char *where,
                                    GError **error);

/* Reads each object of the list at key (absent or null: none) with read_one. */
static gboolean
read_list (
    ZhiProject *p, JsonObject *root, const char *key, ReadObjectFunc read_one, GError **error)
{
  JsonNode *n;

  if (!get_member (root, key, JSON_NODE_ARRAY, _ ("a list"), &n, error))
    return FALSE;
  if (n == NULL)
    return TRUE;
  JsonArray *a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", key, i);
      if (!JSON_NODE_HOLDS_OBJECT (e))
        return bad (error, where, _ ("an object"));
      if (!read_one (p, json_node_get_object (e), where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_scenario (ZhiProject *p, JsonObject *o, const char *where, GError **error)
{
  const char *name, *description;
  g_auto (GStrv) criteria = NULL;
  if (!get_string (o, "name", where, &name, error)
      || !get_string (o, "description", where, &description, error)
      || !get_strv (o, "criteria", where, &criteria, error))
    return FALSE;
  g_autoptr (ZhiScenario) s = zhi_scenario_new (name, (const char *const *)criteria, description);
  zhi_project_add_scenario (p, s);
  return TRUE;
}

static gboolean
read_evidence (ZhiProject *p, JsonObject *o, const char *where, GError **error)
{
  const char *id, *title, *file_name, *media_type, *sha256, *added_s, *problem, *pdf_sha256;
  gint64 size, pages;
  g_auto (GStrv) supports = NULL;
  if (!get_string (o, "id", where, &id, error) || !get_string (o, "title", where, &title, error)
      || !get_string (o, "file_name", where, &file_name, error)
      || !get_string (o, "media_type", where, &media_type, error)
      || !get_string (o, "sha256", where, &sha256, error)
      || !get_string (o, "added", where, &added_s, error)
      || !get_int (o, "size", where, &size, error)
      || !get_int (o, "page_count", where, &pages, error)
      || !get_string (o, "problem", where, &problem, error)
      || !get_strv (o, "supports", where, &supports, error)
      || !get_string (o, "pdf_sha256", where, &pdf_sha256, error))
    return FALSE;
  /* pdf_sha256 is told, not kept: only the PDF's bytes (zhizao-cli import) record a
   * conversion */
  if (*pdf_sha256 && !_zhi_sha256_is_valid (pdf_sha256))
    {
      g_autofree char *member = g_strdup_printf ("%s.pdf_sha256", where);
      bad (error, member, _ ("a SHA-256 in 64 hexadecimal digits"));
      return FALSE;
    }
  /* usable: true, false, or null/absent = not inspected */
  JsonNode *usable_node = json_object_get_member (o, "usable");
  int usable = -1;
  if (usable_node != NULL && !JSON_NODE_HOLDS_NULL (usable_node))
    {
      if (json_node_get_value_type (usable_node) != G_TYPE_BOOLEAN)
        {
          g_autofree char *member = g_strdup_printf ("%s.usable", where);
          bad (error, member, _ ("true, false or null"));
          return FALSE;
        }
      usable = json_node_get_boolean (usable_node);
    }
  if ((usable == 0) != (*problem != '\0'))
    {
      g_autofree char *member = g_strdup_printf ("%s.problem", where);
      bad (error, member, _ ("a reason code when “usable” is false, and empty otherwise"));
      return FALSE;
    }
  if (size < 0 || pages < 0 || pages > G_MAXUINT)
    {
      bad (error, where, _ ("a non-negative size and page count"));
      return FALSE;
    }
  g_autoptr (GDateTime) added = NULL;
  if (*added_s)
    {
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
      added = g_date_time_new_from_iso8601 (added_s, utc);
      if (added == NULL)
        {
          bad (error, where, _ ("an ISO 8601 “added” time"));
          return FALSE;
        }
    }
  ZhiEvidence *ev = zhi_project_add_evidence (
      p, *id ? id : NULL, title, file_name, *media_type ? media_type : NULL, (guint64)size, sha256,
      (guint)pages, (const char *const *)supports, added, error);
  if (ev == NULL)
    return FALSE;
  if (usable >= 0)
    zhi_project_set_evidence_inspection (p, zhi_evidence_get_id (ev), problem, (guint)pages);
  return TRUE;
}

ZhiProject *
zhi_project_from_json (JsonNode *node, GError **error)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      bad (error, "/", _ ("an object"));
      return NULL;
    }
  if (!all_utf8 (node, "/", error))
    return NULL;
  JsonObject *root = json_node_get_object (node);
  const char *format;
  gint64 version;
  if (!get_string (root, "format", "format", &format, error)
      || !get_int (root, "format_version", "format_version", &version, error))
    return NULL;
  if (!g_str_equal (format, FORMAT_NAME))
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NOT_A_PROJECT,
                   _ ("This JSON is not a Zhizao project: its “format” member is “%s”, not “%s”."),
                   format, FORMAT_NAME);
      return NULL;
    }
  if (version > FORMAT_VERSION)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NEWER_VERSION,
                   _ ("This project JSON has format version %lld, newer than this Zhizao "
                      "understands (%d). Update Zhizao to read it."),
                   (long long)version, FORMAT_VERSION);
      return NULL;
    }

  g_autoptr (ZhiProject) p = zhi_project_new ();
  guint n_fields;
  const ZhiFieldInfo *fields = _zhi_project_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto (GValue) v = G_VALUE_INIT;
      const char *key = fields[i].key;
      switch (fields[i].kind)
        {
          case ZHI_FIELD_STRING:
            {
              const char *s;
              if (!get_string (root, key, key, &s, error))
                return NULL;
              if (g_str_equal (key, "track") && !zhi_track_is_valid (s))
                {
                  bad (error, key, _ ("“workshop”, “factory-discrete” or “factory-process”"));
                  return NULL;
                }
              g_value_init (&v, G_TYPE_STRING);
              g_value_set_string (&v, s);
            }
            break;
          case ZHI_FIELD_DOUBLE:
            {
              double d;
              if (!get_number (root, key, key, &d, error))
                return NULL;
              g_value_init (&v, G_TYPE_DOUBLE);
              g_value_set_double (&v, d);
            }
            break;
          case ZHI_FIELD_INT64:
            {
              gint64 x;
              if (!get_int (root, key, key, &x, error))
                return NULL;
              g_value_init (&v, G_TYPE_INT64);
              g_value_set_int64 (&v, x);
            }
            break;
        }
      _zhi_project_set_field (p, i, &v);
    }

  JsonNode *n;

  if (!read_list (p, root, "scenarios", read_scenario, error))
    return NULL;

  if (!get_member (root, "answers", JSON_NODE_OBJECT, _ ("an object keyed by id"), &n, error))
    return NULL;
  if (n != NULL)
    {
      JsonObject *o = json_node_get_object (n);
      g_autoptr (GList) members = json_object_get_members (o);
      for (GList *l = members; l; l = l->next)
        {
          g_autoptr (GError) local = NULL;
          if (!zhi_answers_set_json (zhi_project_get_answers (p), l->data,
                                     json_object_get_member (o, l->data), &local))
            {
              /* zhi-answers reports G_IO_ERROR_INVALID_DATA; this API promises its own */
              g_set_error_literal (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID,
                                   local->message);
              return NULL;
            }
        }
    }

  if (!get_member (root, "narratives", JSON_NODE_OBJECT, _ ("an object keyed by criterion id"), &n,
                   error))
    return NULL;
  if (n != NULL)
    {
      JsonObject *o = json_node_get_object (n);
      g_autoptr (GList) members = json_object_get_members (o);
      for (GList *l = members; l; l = l->next)
        {
          const char *text;
          g_autofree char *where = g_strdup_printf ("narratives.%s", (char *)l->data);
          if (!get_string (o, l->data, where, &text, error))
            return NULL;
          if (*(char *)l->data)
            zhi_project_set_narrative (p, l->data, text);
        }
    }

  if (!read_list (p, root, "evidence", read_evidence, error))
    return NULL;

  return g_steal_pointer (&p);
}

gboolean
zhi_project_equal (ZhiProject *a, ZhiProject *b)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (a) && ZHI_IS_PROJECT (b), FALSE);
  g_autoptr (JsonNode) ja = zhi_project_to_json (a);
  g_autoptr (JsonNode) jb = zhi_project_to_json (b);
  return json_node_equal (ja, jb);
}
