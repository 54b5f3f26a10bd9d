/* zhi-standard-parser.c — the strict JSON reader of the standards files and the checker
 * (docs/standards-format.md); the standard, the conditions and the guide fill their objects
 * with its helpers (zhi-standard-parser-private.h).
 *
 * Every problem is reported as "<file>: <JSON path>: <problem>", e.g.
 *   workshop.json: $.criteria[3].indicators[1].kind: unknown kind “gauge” …
 */
#include "zhi-standard-parser-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

/* The meson build compiles resources/standards/ into zhi-core; referring to its getter pulls the
 * resource into every program that loads a built-in standard.  A hand build without it falls
 * back on $ZHIZAO_STANDARDS_DIR. */
#if defined(__has_include)
#if __has_include("zhi-standards-resources.h")
#include "zhi-standards-resources.h"
#define ZHI_HAVE_STANDARDS_RESOURCE 1
#endif
#endif

#define RESOURCE_PREFIX "/io/github/zhizao/Zhizao/standards/"

static void
text_ptr_free (gpointer p)
{
  zhi_text_free (p);
}

void
zhi_parse_erratum_free (gpointer p)
{
  ZhiErratum *erratum = p;

  g_free (erratum->at);
  g_free (erratum->seed);
  g_free (erratum->corrected);
  zhi_text_clear (&erratum->reason);
  g_free (erratum);
}

/* ---- the parsing context ------------------------------------------------------------------- */

static void
problem_free (gpointer p)
{
  ZhiStandardProblem *problem = p;

  g_free (problem->file);
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray *problems, const char *file, const char *path, const char *message)
{
  ZhiStandardProblem *problem = g_new0 (ZhiStandardProblem, 1);

  problem->file = g_strdup (file);
  problem->path = g_strdup (path);
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

gboolean G_GNUC_PRINTF (3, 4)
    zhi_parse_fail (ZhiParseCtx *c, ZhiStandardError code, const char *format, ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (c->problems, c->file, c->path->str, problem);
  if (c->error != NULL && *c->error != NULL)
    return FALSE; /* the first problem is the error; the others are in c->problems */
  /* TRANSLATORS: file name, JSON path, problem */
  g_set_error (c->error, ZHI_STANDARD_ERROR, code, _ ("%s: %s: %s"), c->file, c->path->str,
               problem);
  return FALSE;
}

gsize
zhi_parse_push_key (ZhiParseCtx *c, const char *key)
{
  gsize old = c->path->len;

  g_string_append_printf (c->path, ".%s", key);
  return old;
}

gsize
zhi_parse_push_index (ZhiParseCtx *c, guint index)
{
  gsize old = c->path->len;

  g_string_append_printf (c->path, "[%u]", index);
  return old;
}

void
zhi_parse_pop (ZhiParseCtx *c, gsize old)
{
  g_string_truncate (c->path, old);
}

/* The JSON type of a node, named for messages. */
static const char *
node_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";
  switch (json_node_get_node_type (node))
    {
      case JSON_NODE_OBJECT:
        return "an object";
      case JSON_NODE_ARRAY:
        return "an array";
      case JSON_NODE_NULL:
        return "null";
      case JSON_NODE_VALUE:
      default:
        switch (json_node_get_value_type (node))
          {
            case G_TYPE_STRING:
              return "a string";
            case G_TYPE_BOOLEAN:
              return "a boolean";
            case G_TYPE_INT64:
              return "an integer";
            case G_TYPE_DOUBLE:
              return "a number";
            default:
              return "a value";
          }
    }
}

gboolean
zhi_parse_wrong_type (ZhiParseCtx *c, const char *expected, JsonNode *node)
{
  /* TRANSLATORS: "expected a string, found an integer" */
  return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("expected %s, found %s"), expected,
                         node_type_name (node));
}

/* Node at the current path must be an object with only the allowed keys, none repeated. */
gboolean
zhi_parse_as_object (ZhiParseCtx *c, JsonNode *node, const char *const *allowed, JsonObject **out)
{
  JsonObject *object;
  const char *dup;
  g_autoptr (GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return zhi_parse_wrong_type (c, "an object", node);
  object = json_node_get_object (node);
  dup = g_hash_table_lookup (c->dup_key, object);
  if (dup != NULL)
    {
      gsize old = zhi_parse_push_key (c, dup);

      zhi_parse_fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("key given twice"));
      zhi_parse_pop (c, old);
      return FALSE;
    }
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **)allowed);
        gsize old = zhi_parse_push_key (c, l->data);

        zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("unknown key (allowed here: %s)"), list);
        zhi_parse_pop (c, old);
        return FALSE;
      }
  *out = object;
  return TRUE;
}

/* Reads the node of a member at the current path into data; FALSE on a problem. */
typedef gboolean (*ReadNodeFunc) (ZhiParseCtx *c, JsonNode *node, gpointer data);

/* Reads the member at key with read, the path at key; a missing key is a problem when required,
 * an absent optional one reads nothing. */
static gboolean
read_member (ZhiParseCtx *c,
             JsonObject *object,
             const char *key,
             gboolean required,
             ReadNodeFunc read,
             gpointer data)
{
  JsonNode *node = json_object_get_member (object, key);
  gsize old = zhi_parse_push_key (c, key);
  gboolean ok = TRUE;

  if (node == NULL && required)
    ok = zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("missing key"));
  else if (node != NULL)
    ok = read (c, node, data);
  zhi_parse_pop (c, old);
  return ok;
}

static gboolean
read_string (ZhiParseCtx *c, JsonNode *node, gpointer data)
{
  char **out = data;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return zhi_parse_wrong_type (c, "a string", node);
  if (json_node_get_string (node)[0] == '\0')
    return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("empty string"));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
zhi_parse_get_string (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean required, char **out)
{
  return read_member (c, object, key, required, read_string, out);
}

typedef struct
{
  gint64 lo, hi;
  gint64 *out;
} IntRange;

static gboolean
read_int (ZhiParseCtx *c, JsonNode *node, gpointer data)
{
  IntRange *r = data;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return zhi_parse_wrong_type (c, "an integer", node);
  if (json_node_get_int (node) < r->lo || json_node_get_int (node) > r->hi)
    return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("%lld is out of range (%lld..%lld)"),
                           (long long)json_node_get_int (node), (long long)r->lo, (long long)r->hi);
  *r->out = json_node_get_int (node);
  return TRUE;
}

gboolean
zhi_parse_get_int (ZhiParseCtx *c,
                   JsonObject *object,
                   const char *key,
                   gboolean required,
                   gint64 lo,
                   gint64 hi,
                   gint64 *out)
{
  IntRange range = { lo, hi, out };

  return read_member (c, object, key, required, read_int, &range);
}

typedef struct
{
  double lo, hi;
  gboolean lo_open;
  double *out;
} NumberRange;

static gboolean
read_number (ZhiParseCtx *c, JsonNode *node, gpointer data)
{
  NumberRange *r = data;
  double value;

  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return zhi_parse_wrong_type (c, "a number", node);
  value = json_node_get_double (node);
  if (!isfinite (value) || value > r->hi || value < r->lo || (r->lo_open && value == r->lo))
    return r->lo_open ? zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                                        _ ("%g is out of range (more than %g, at most %g)"), value,
                                        r->lo, r->hi)
                      : zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                                        _ ("%g is out of range (%g..%g)"), value, r->lo, r->hi);
  *r->out = value;
  return TRUE;
}

gboolean
zhi_parse_get_number (ZhiParseCtx *c,
                      JsonObject *object,
                      const char *key,
                      gboolean required,
                      double lo,
                      double hi,
                      gboolean lo_open,
                      double *out)
{
  NumberRange range = { lo, hi, lo_open, out };

  return read_member (c, object, key, required, read_number, &range);
}

static gboolean
read_bool (ZhiParseCtx *c, JsonNode *node, gpointer data)
{
  gboolean *out = data;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return zhi_parse_wrong_type (c, "true or false", node);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
zhi_parse_get_bool (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean required, gboolean *out)
{
  return read_member (c, object, key, required, read_bool, out);
}

/* Text (a ZhiText *) at the current path. */
static gboolean
parse_text (ZhiParseCtx *c, JsonNode *node, gpointer data)
{
  static const char *const keys[] = { "zh", "en", NULL };
  ZhiText *out = data;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return zhi_parse_wrong_type (c, "a bilingual text {\"zh\": …, \"en\": …}", node);
  if (!zhi_parse_as_object (c, node, keys, &object))
    return FALSE;
  if (!zhi_parse_get_string (c, object, "zh", TRUE, &out->zh)
      || !zhi_parse_get_string (c, object, "en", TRUE, &out->en))
    {
      zhi_text_clear (out);
      return FALSE;
    }
  return TRUE;
}

gboolean
zhi_parse_get_text (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean required, ZhiText *out)
{
  return read_member (c, object, key, required, parse_text, out);
}

typedef struct
{
  gboolean non_empty;
  JsonArray **out;
} ArrayOut;

static gboolean
read_array (ZhiParseCtx *c, JsonNode *node, gpointer data)
{
  ArrayOut *a = data;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return zhi_parse_wrong_type (c, "an array", node);
  if (a->non_empty && json_array_get_length (json_node_get_array (node)) == 0)
    return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("empty list"));
  *a->out = json_node_get_array (node);
  return TRUE;
}

/* The array at key; *out stays NULL for an absent optional one. */
gboolean
zhi_parse_get_array (ZhiParseCtx *c,
                     JsonObject *object,
                     const char *key,
                     gboolean required,
                     gboolean non_empty,
                     JsonArray **out)
{
  ArrayOut array = { non_empty, out };

  *out = NULL;
  return read_member (c, object, key, required, read_array, &array);
}

gboolean
zhi_parse_each (
    ZhiParseCtx *c, const char *key, JsonArray *array, ZhiParseElementFunc func, gpointer data)
{
  gsize old = c->path->len;
  gboolean ok = TRUE;

  if (array == NULL)
    return TRUE;
  if (key != NULL)
    zhi_parse_push_key (c, key);
  for (guint i = 0; ok && i < json_array_get_length (array); i++)
    {
      gsize old_i = zhi_parse_push_index (c, i);

      ok = func (c, json_array_get_element (array, i), i, data);
      zhi_parse_pop (c, old_i);
    }
  zhi_parse_pop (c, old);
  return ok;
}

gboolean
zhi_parse_each_member (ZhiParseCtx *c,
                       JsonObject *object,
                       const char *key,
                       gboolean required,
                       gboolean non_empty,
                       ZhiParseElementFunc func,
                       gpointer data)
{
  JsonArray *array;

  return zhi_parse_get_array (c, object, key, required, non_empty, &array)
         && zhi_parse_each (c, key, array, func, data);
}

static gboolean
parse_text_element (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  ZhiText *text = g_new0 (ZhiText, 1);

  g_ptr_array_add (data, text);
  return parse_text (c, node, text);
}

/* A list of Text at key. */
gboolean
zhi_parse_get_text_list (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean non_empty, GPtrArray **out)
{
  JsonArray *array;

  if (!zhi_parse_get_array (c, object, key, TRUE, non_empty, &array))
    return FALSE;
  *out = g_ptr_array_new_with_free_func (text_ptr_free);
  return zhi_parse_each (c, key, array, parse_text_element, *out);
}

/* Registers a new id defined at the current path + ".id". */
gboolean
zhi_parse_claim_id (ZhiParseCtx *c, const char *id)
{
  const char *first = g_hash_table_lookup (c->ids, id);
  gsize old;
  gboolean ok = TRUE;

  old = zhi_parse_push_key (c, "id");
  if (first != NULL)
    ok = zhi_parse_fail (c, ZHI_STANDARD_ERROR_DUPLICATE,
                         _ ("duplicate id “%s” (first defined at %s)"), id, first);
  else
    g_hash_table_insert (c->ids, g_strdup (id), g_strdup (c->path->str));
  zhi_parse_pop (c, old);
  return ok;
}

gboolean
zhi_parse_check_format (ZhiParseCtx *c, JsonObject *root)
{
  gint64 format = 0;

  return zhi_parse_get_int (c, root, "format", TRUE, 1, 1, &format);
}

typedef struct
{
  GPtrArray *out;
  ZhiTextOfFunc text_of;
  gpointer owner;
} ErrataData;

static gboolean
parse_erratum (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "at", "seed", "corrected", "reason", NULL };
  ErrataData *d = data;
  ZhiErratum *erratum = g_new0 (ZhiErratum, 1);
  JsonObject *object;
  const char *target;

  g_ptr_array_add (d->out, erratum);
  if (!zhi_parse_as_object (c, node, keys, &object)
      || !zhi_parse_get_string (c, object, "at", TRUE, &erratum->at)
      || !zhi_parse_get_string (c, object, "seed", TRUE, &erratum->seed)
      || !zhi_parse_get_string (c, object, "corrected", TRUE, &erratum->corrected)
      || !zhi_parse_get_text (c, object, "reason", TRUE, &erratum->reason))
    return FALSE;
  target = d->text_of (d->owner, erratum->at);
  if (target == NULL)
    {
      zhi_parse_push_key (c, "at");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("no entry “%s” in this file"),
                             erratum->at);
    }
  if (strcmp (erratum->seed, erratum->corrected) == 0)
    {
      zhi_parse_push_key (c, "corrected");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                             _ ("the same as the seed's text: nothing is corrected"));
    }
  if (strstr (target, erratum->corrected) == NULL)
    {
      zhi_parse_push_key (c, "corrected");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE,
                             _ ("“%s” is not in the text of “%s”: the correction is not applied"),
                             erratum->corrected, erratum->at);
    }
  if (strstr (target, erratum->seed) != NULL)
    {
      zhi_parse_push_key (c, "seed");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE,
                             _ ("“%s” is still in the text of “%s”: the slip is not corrected"),
                             erratum->seed, erratum->at);
    }
  return TRUE;
}

/* "errata" (optional): each entry names an existing entry whose zh text carries the corrected
 * wording and no longer the seed's. */
gboolean
zhi_parse_errata (
    ZhiParseCtx *c, JsonObject *root, GPtrArray *out, ZhiTextOfFunc text_of, gpointer owner)
{
  ErrataData data = { out, text_of, owner };

  return zhi_parse_each_member (c, root, "errata", FALSE, FALSE, parse_erratum, &data);
}

/* ---- the duplicate-key watch --------------------------------------------------------------- */

typedef struct
{
  GHashTable *seen;    /* JsonObject * → GHashTable of keys */
  GHashTable *dup_key; /* JsonObject * → first repeated key */
} DupWatch;

static void
on_object_member (JsonParser *parser, JsonObject *object, const char *name, gpointer data)
{
  DupWatch *watch = data;
  GHashTable *keys = g_hash_table_lookup (watch->seen, object);

  (void)parser;
  if (keys == NULL)
    {
      keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (watch->seen, object, keys);
    }
  if (!g_hash_table_add (keys, g_strdup (name)) && !g_hash_table_contains (watch->dup_key, object))
    g_hash_table_insert (watch->dup_key, object, g_strdup (name));
}

/* Parses bytes into a root object node; *dup_key receives the repeated-key table. */
static JsonNode *
parse_json (GBytes *bytes, const char *name, GHashTable **dup_key, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local = NULL;
  DupWatch watch;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;

  if (data == NULL)
    data = ""; /* empty bytes (an empty file) have no data; the parser takes no NULL */

  if (!g_utf8_validate (data, size, NULL))
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_PARSE,
                   _ ("%s: not valid UTF-8 text"), name);
      return NULL;
    }
  watch.seen = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_hash_table_unref);
  watch.dup_key = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &watch);
  if (!json_parser_load_from_data (parser, data, (gssize)size, &local))
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_PARSE,
                   _ ("%s: not valid JSON: %s"), name, local->message);
      g_hash_table_unref (watch.seen);
      g_hash_table_unref (watch.dup_key);
      return NULL;
    }
  g_hash_table_unref (watch.seen);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_SCHEMA,
                   _ ("%s: $: expected an object, found %s"), name, node_type_name (root));
      g_hash_table_unref (watch.dup_key);
      return NULL;
    }
  *dup_key = watch.dup_key;
  return json_node_ref (root);
}

static void
ctx_init (ZhiParseCtx *c, const char *name, GHashTable *dup_key, GError **error)
{
  c->file = name;
  c->path = g_string_new ("$");
  c->dup_key = dup_key;
  c->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->error = error;
  c->problems = g_ptr_array_new_with_free_func (problem_free);
}

static void
ctx_clear (ZhiParseCtx *c)
{
  g_string_free (c->path, TRUE);
  g_hash_table_unref (c->ids);
  g_ptr_array_unref (c->problems);
  g_hash_table_unref (c->dup_key);
}

static GBytes *
read_file (const char *path, GError **error)
{
  g_autoptr (GError) local = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
                   _ ("%s: cannot read: %s"), path, local->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* Bytes of a built-in file: the GResource, else $ZHIZAO_STANDARDS_DIR/<file>. */
static GBytes *
builtin_bytes (const char *file, char **name, GError **error)
{
  g_autofree char *resource = g_strconcat (RESOURCE_PREFIX, file, NULL);
  GBytes *bytes = NULL;
  const char *dir = g_getenv ("ZHIZAO_STANDARDS_DIR");

#ifdef ZHI_HAVE_STANDARDS_RESOURCE
  bytes = g_resource_lookup_data (zhi_standards_get_resource (), resource,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
#endif
  if (bytes == NULL)
    bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes != NULL)
    {
      *name = g_strconcat ("resource://", resource, NULL);
      return bytes;
    }
  if (dir == NULL || dir[0] == '\0')
    {
      g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
                   _ ("The built-in standard file %s is missing (no resource %s and "
                      "ZHIZAO_STANDARDS_DIR is not set)"),
                   file, resource);
      return NULL;
    }
  *name = g_build_filename (dir, file, NULL);
  return read_file (*name, error);
}

/* The steps every document of this file shares: parse the JSON (catching duplicate keys),
 * create the object, fill it with @parse, drop it on error.  Every problem found goes into
 * @problems when it is not NULL (it may stay empty when the JSON itself cannot be read: then
 * @error says why). */
gpointer
zhi_parse_load_document_checked (GType type,
                                 ZhiParseFunc parse,
                                 GBytes *bytes,
                                 const char *name,
                                 GPtrArray *problems,
                                 GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GObject) self = NULL;
  GHashTable *dup_key = NULL;
  gboolean ok;
  ZhiParseCtx c;

  root = parse_json (bytes, name, &dup_key, error);
  if (root == NULL)
    return NULL;
  self = g_object_new (type, NULL);
  ctx_init (&c, name, dup_key, error);
  ok = parse (&c, root, self);
  for (guint i = 0; problems != NULL && i < c.problems->len; i++)
    {
      const ZhiStandardProblem *p = c.problems->pdata[i];

      add_problem (problems, p->file, p->path, p->message);
    }
  ctx_clear (&c);
  return ok ? g_steal_pointer (&self) : NULL;
}

gpointer
zhi_parse_load_document_file (const char *path, ZhiFromBytesFunc from_bytes, GError **error)
{
  g_autoptr (GBytes) bytes = read_file (path, error);

  return bytes != NULL ? from_bytes (bytes, path, error) : NULL;
}

G_LOCK_DEFINE_STATIC (builtin);
static GHashTable *builtin_cache; /* file name → GObject */

gpointer
zhi_parse_load_builtin_object (const char *file, ZhiFromBytesFunc from_bytes, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  gpointer object;

  G_LOCK (builtin);
  if (builtin_cache == NULL)
    builtin_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  object = g_hash_table_lookup (builtin_cache, file);
  if (object != NULL)
    {
      G_UNLOCK (builtin);
      return g_object_ref (object);
    }
  bytes = builtin_bytes (file, &name, error);
  object = bytes != NULL ? from_bytes (bytes, name, error) : NULL;
  if (object != NULL)
    g_hash_table_insert (builtin_cache, g_strdup (file), g_object_ref (object));
  G_UNLOCK (builtin);
  return object;
}

/* ---- checking a standards file ------------------------------------------------------------ */

static ZhiStandardsFileKind
kind_of_document (GBytes *bytes)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;
  JsonObject *object;

  if (data == NULL || !g_utf8_validate (data, size, NULL)
      || !json_parser_load_from_data (parser, data, (gssize)size, NULL))
    return ZHI_STANDARDS_FILE_STANDARD;
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || json_object_has_member (object, "criteria"))
    return ZHI_STANDARDS_FILE_STANDARD;
  if (json_object_has_member (object, "conditions")
      || json_object_has_member (object, "exclusions"))
    return ZHI_STANDARDS_FILE_CONDITIONS;
  if (json_object_has_member (object, "sections"))
    return ZHI_STANDARDS_FILE_GUIDE;
  return ZHI_STANDARDS_FILE_STANDARD;
}

GPtrArray *
zhi_standards_check_bytes (GBytes *bytes,
                           const char *name,
                           ZhiStandardsFileKind *kind,
                           GObject **loaded)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (problem_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) object = NULL;
  ZhiStandardsFileKind k;

  g_return_val_if_fail (bytes != NULL, problems);
  if (name == NULL)
    name = "(standard)";
  k = kind_of_document (bytes);
  switch (k)
    {
      case ZHI_STANDARDS_FILE_CONDITIONS:
        object = (GObject *)zhi_conditions_new_checked (bytes, name, problems, &error);
        break;
      case ZHI_STANDARDS_FILE_GUIDE:
        object = (GObject *)zhi_guide_new_checked (bytes, name, problems, &error);
        break;
      case ZHI_STANDARDS_FILE_STANDARD:
      default:
        object = (GObject *)zhi_standard_new_checked (bytes, name, problems, &error);
        break;
    }
  if (object == NULL && problems->len == 0)
    {
      /* the JSON itself could not be read: its message starts with the file's name */
      const char *message = error != NULL ? error->message : _ ("cannot be read");
      gsize n = strlen (name);

      if (strncmp (message, name, n) == 0 && strncmp (message + n, ": ", 2) == 0)
        message += n + 2;
      if (g_str_has_prefix (message, "$: "))
        message += 3;
      add_problem (problems, name, "$", message);
    }
  if (kind != NULL)
    *kind = k;
  if (loaded != NULL)
    *loaded = problems->len == 0 ? g_steal_pointer (&object) : NULL;
  return problems;
}

GPtrArray *
zhi_standards_check_file (const char *path, ZhiStandardsFileKind *kind, GObject **loaded)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  bytes = read_file (path, &error);
  if (bytes == NULL)
    {
      GPtrArray *problems = g_ptr_array_new_with_free_func (problem_free);
      const char *message = error->message;
      gsize n = strlen (path);

      if (strncmp (message, path, n) == 0 && strncmp (message + n, ": ", 2) == 0)
        message += n + 2;
      add_problem (problems, path, "$", message);
      if (kind != NULL)
        *kind = ZHI_STANDARDS_FILE_STANDARD;
      if (loaded != NULL)
        *loaded = NULL;
      return problems;
    }
  return zhi_standards_check_bytes (bytes, path, kind, loaded);
}
