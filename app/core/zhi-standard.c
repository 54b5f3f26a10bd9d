/* zhi-standard.c — strict loader for the standards files (docs/standards-format.md)
 *
 * Every problem is reported as "<file>: <JSON path>: <problem>", e.g.
 *   workshop.json: $.criteria[3].indicators[1].kind: unknown kind “gauge” …
 */
#include "zhi-standard.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
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

GQuark
zhi_standard_error_quark (void)
{
  return g_quark_from_static_string ("zhi-standard-error-quark");
}

static const char *const kind_names[] = {
  [ZHI_INDICATOR_CHECK] = "check", [ZHI_INDICATOR_LEVEL] = "level", [ZHI_INDICATOR_RATIO] = "ratio",
  [ZHI_INDICATOR_KPI] = "kpi",     [ZHI_INDICATOR_COUNT] = "count", [ZHI_INDICATOR_TEXT] = "text",
};

static const char *const track_ids[] = { "workshop", "factory-discrete", "factory-process", NULL };

const char *
zhi_indicator_kind_to_string (ZhiIndicatorKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

const char *const *
zhi_standard_track_ids (void)
{
  return track_ids;
}

/* ---- freeing ------------------------------------------------------------------------------- */

static void
text_ptr_free (gpointer p)
{
  zhi_text_free (p);
}

static void
level_free (gpointer p)
{
  ZhiLevel *level = p;

  g_free (level->id);
  zhi_text_clear (&level->name);
  g_free (level);
}

static void
indicator_free (gpointer p)
{
  ZhiIndicator *ind = p;

  g_free (ind->id);
  zhi_text_clear (&ind->label);
  zhi_text_clear (&ind->help);
  g_free (ind->item);
  g_clear_pointer (&ind->levels, g_ptr_array_unref);
  zhi_text_clear (&ind->numerator);
  zhi_text_clear (&ind->denominator);
  g_free (ind->unit);
  zhi_text_clear (&ind->kpi_unit);
  g_free (ind->derived);
  g_free (ind);
}

static void
sub_item_free (gpointer p)
{
  ZhiSubItem *sub = p;

  g_free (sub->id);
  g_free (sub->mark);
  zhi_text_clear (&sub->text);
  g_free (sub);
}

static void
item_free (gpointer p)
{
  ZhiItem *item = p;

  g_free (item->id);
  zhi_text_clear (&item->text);
  g_clear_pointer (&item->sub_items, g_ptr_array_unref);
  g_free (item);
}

static void
criterion_free (gpointer p)
{
  ZhiCriterion *crit = p;

  g_free (crit->id);
  zhi_text_clear (&crit->title);
  zhi_text_clear (&crit->weight_reason);
  g_clear_pointer (&crit->items, g_ptr_array_unref);
  g_clear_pointer (&crit->indicators, g_ptr_array_unref);
  g_free (crit);
}

static void
gate_free (gpointer p)
{
  ZhiGate *gate = p;

  g_free (gate->id);
  zhi_text_clear (&gate->text);
  zhi_text_clear (&gate->source);
  g_free (gate);
}

static void
band_free (gpointer p)
{
  ZhiBand *band = p;

  g_free (band->id);
  zhi_text_clear (&band->label);
  zhi_text_clear (&band->advice);
  g_free (band);
}

static void
cite_free (gpointer p)
{
  ZhiCite *cite = p;

  g_free (cite->code);
  zhi_text_clear (&cite->title);
  g_free (cite);
}

static void
erratum_free (gpointer p)
{
  ZhiErratum *erratum = p;

  g_free (erratum->at);
  g_free (erratum->seed);
  g_free (erratum->corrected);
  zhi_text_clear (&erratum->reason);
  g_free (erratum);
}

static void
encouraged_free (ZhiEncouraged *part)
{
  g_free (part->id);
  zhi_text_clear (&part->text);
  zhi_text_clear (&part->short_name);
  g_clear_pointer (&part->checks, g_ptr_array_unref);
  g_free (part);
}

static void
condition_free (gpointer p)
{
  ZhiCondition *cond = p;

  g_free (cond->id);
  g_free (cond->mark);
  zhi_text_clear (&cond->text);
  zhi_text_clear (&cond->short_name);
  g_clear_pointer (&cond->checks, g_ptr_array_unref);
  g_clear_pointer (&cond->encouraged, encouraged_free);
  g_free (cond);
}

static void
exclusion_free (gpointer p)
{
  ZhiExclusion *excl = p;

  g_free (excl->id);
  g_free (excl->mark);
  zhi_text_clear (&excl->text);
  zhi_text_clear (&excl->short_name);
  g_free (excl);
}

static void
section_free (gpointer p)
{
  ZhiGuideSection *section = p;

  g_free (section->id);
  zhi_text_clear (&section->title);
  g_clear_pointer (&section->paragraphs, g_ptr_array_unref);
  g_free (section);
}

/* ---- the parsing context ------------------------------------------------------------------- */

typedef struct
{
  const char *file;
  GString *path;       /* "$.criteria[3].indicators[1]" */
  GHashTable *dup_key; /* JsonObject * → the first key given twice in it */
  GHashTable *ids;     /* id → path where it was first defined (owned strings) */
  GError **error;      /* the first problem */
  GPtrArray *problems; /* ZhiStandardProblem *: every problem found (parsing goes on past a
                        * criterion that fails, so one check lists them all) */
} Ctx;

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

static gboolean G_GNUC_PRINTF (3, 4) fail (Ctx *c, ZhiStandardError code, const char *format, ...)
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

static gsize
push_key (Ctx *c, const char *key)
{
  gsize old = c->path->len;

  g_string_append_printf (c->path, ".%s", key);
  return old;
}

static gsize
push_index (Ctx *c, guint index)
{
  gsize old = c->path->len;

  g_string_append_printf (c->path, "[%u]", index);
  return old;
}

static void
pop (Ctx *c, gsize old)
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

static gboolean
wrong_type (Ctx *c, const char *expected, JsonNode *node)
{
  /* TRANSLATORS: "expected a string, found an integer" */
  return fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("expected %s, found %s"), expected,
               node_type_name (node));
}

/* Node at the current path must be an object with only the allowed keys, none repeated. */
static gboolean
as_object (Ctx *c, JsonNode *node, const char *const *allowed, JsonObject **out)
{
  JsonObject *object;
  const char *dup;
  g_autoptr (GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (c, "an object", node);
  object = json_node_get_object (node);
  dup = g_hash_table_lookup (c->dup_key, object);
  if (dup != NULL)
    {
      gsize old = push_key (c, dup);

      fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("key given twice"));
      pop (c, old);
      return FALSE;
    }
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **)allowed);
        gsize old = push_key (c, l->data);

        fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("unknown key (allowed here: %s)"), list);
        pop (c, old);
        return FALSE;
      }
  *out = object;
  return TRUE;
}

/* Pushes the key's path and returns the member, or fails (missing) when required.  The caller
 * pops.  *node is NULL for an absent optional key. */
static gboolean
member (Ctx *c, JsonObject *object, const char *key, gboolean required, JsonNode **node)
{
  *node = json_object_get_member (object, key);
  if (*node == NULL && required)
    return fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("missing key"));
  return TRUE;
}

static gboolean
get_string (Ctx *c, JsonObject *object, const char *key, gboolean required, char **out)
{
  JsonNode *node;
  gsize old = push_key (c, key);
  gboolean ok = member (c, object, key, required, &node);

  if (ok && node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        ok = wrong_type (c, "a string", node);
      else if (json_node_get_string (node)[0] == '\0')
        ok = fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("empty string"));
      else
        *out = g_strdup (json_node_get_string (node));
    }
  pop (c, old);
  return ok;
}

static gboolean
get_int (Ctx *c,
         JsonObject *object,
         const char *key,
         gboolean required,
         gint64 lo,
         gint64 hi,
         gint64 *out)
{
  JsonNode *node;
  gsize old = push_key (c, key);
  gboolean ok = member (c, object, key, required, &node);

  if (ok && node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        ok = wrong_type (c, "an integer", node);
      else if (json_node_get_int (node) < lo || json_node_get_int (node) > hi)
        ok = fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("%lld is out of range (%lld..%lld)"),
                   (long long)json_node_get_int (node), (long long)lo, (long long)hi);
      else
        *out = json_node_get_int (node);
    }
  pop (c, old);
  return ok;
}

static gboolean
get_number (Ctx *c,
            JsonObject *object,
            const char *key,
            gboolean required,
            double lo,
            double hi,
            gboolean lo_open,
            double *out)
{
  JsonNode *node;
  gsize old = push_key (c, key);
  gboolean ok = member (c, object, key, required, &node);

  if (ok && node != NULL)
    {
      double value;

      if (!JSON_NODE_HOLDS_VALUE (node)
          || (json_node_get_value_type (node) != G_TYPE_INT64
              && json_node_get_value_type (node) != G_TYPE_DOUBLE))
        ok = wrong_type (c, "a number", node);
      else if (value = json_node_get_double (node),
               !isfinite (value) || value > hi || value < lo || (lo_open && value == lo))
        ok = lo_open ? fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                             _ ("%g is out of range (more than %g, at most %g)"), value, lo, hi)
                     : fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("%g is out of range (%g..%g)"), value,
                             lo, hi);
      else
        *out = value;
    }
  pop (c, old);
  return ok;
}

static gboolean
get_bool (Ctx *c, JsonObject *object, const char *key, gboolean required, gboolean *out)
{
  JsonNode *node;
  gsize old = push_key (c, key);
  gboolean ok = member (c, object, key, required, &node);

  if (ok && node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        ok = wrong_type (c, "true or false", node);
      else
        *out = json_node_get_boolean (node);
    }
  pop (c, old);
  return ok;
}

/* Text at the current path. */
static gboolean
parse_text (Ctx *c, JsonNode *node, ZhiText *out)
{
  static const char *const keys[] = { "zh", "en", NULL };
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (c, "a bilingual text {\"zh\": …, \"en\": …}", node);
  if (!as_object (c, node, keys, &object))
    return FALSE;
  if (!get_string (c, object, "zh", TRUE, &out->zh)
      || !get_string (c, object, "en", TRUE, &out->en))
    {
      zhi_text_clear (out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_text (Ctx *c, JsonObject *object, const char *key, gboolean required, ZhiText *out)
{
  JsonNode *node;
  gsize old = push_key (c, key);
  gboolean ok = member (c, object, key, required, &node);

  if (ok && node != NULL)
    ok = parse_text (c, node, out);
  pop (c, old);
  return ok;
}

/* The array at key; *out stays NULL for an absent optional one. */
static gboolean
get_array (Ctx *c,
           JsonObject *object,
           const char *key,
           gboolean required,
           gboolean non_empty,
           JsonArray **out)
{
  JsonNode *node;
  gsize old = push_key (c, key);
  gboolean ok = member (c, object, key, required, &node);

  *out = NULL;
  if (ok && node != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        ok = wrong_type (c, "an array", node);
      else if (non_empty && json_array_get_length (json_node_get_array (node)) == 0)
        ok = fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("empty list"));
      else
        *out = json_node_get_array (node);
    }
  pop (c, old);
  return ok;
}

/* A list of Text at key. */
static gboolean
get_text_list (Ctx *c, JsonObject *object, const char *key, gboolean non_empty, GPtrArray **out)
{
  JsonArray *array;
  gsize old;

  if (!get_array (c, object, key, TRUE, non_empty, &array))
    return FALSE;
  *out = g_ptr_array_new_with_free_func (text_ptr_free);
  old = push_key (c, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiText *text = g_new0 (ZhiText, 1);

      g_ptr_array_add (*out, text);
      if (!parse_text (c, json_array_get_element (array, i), text))
        return FALSE;
      pop (c, old_i);
    }
  pop (c, old);
  return TRUE;
}

/* Registers a new id defined at the current path + ".id". */
static gboolean
claim_id (Ctx *c, const char *id)
{
  const char *first = g_hash_table_lookup (c->ids, id);
  gsize old;
  gboolean ok = TRUE;

  old = push_key (c, "id");
  if (first != NULL)
    ok = fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("duplicate id “%s” (first defined at %s)"), id,
               first);
  else
    g_hash_table_insert (c->ids, g_strdup (id), g_strdup (c->path->str));
  pop (c, old);
  return ok;
}

static gboolean
check_format (Ctx *c, JsonObject *root)
{
  gint64 format = 0;

  return get_int (c, root, "format", TRUE, 1, 1, &format);
}

/* The zh text of the entry with this id, or NULL when there is none. */
typedef const char *(*TextOfFunc) (gpointer owner, const char *id);

/* "errata" (optional): each entry names an existing entry whose zh text carries the corrected
 * wording and no longer the seed's. */
static gboolean
parse_errata (Ctx *c, JsonObject *root, GPtrArray *out, TextOfFunc text_of, gpointer owner)
{
  static const char *const keys[] = { "at", "seed", "corrected", "reason", NULL };
  JsonArray *array;
  gsize old;

  if (!get_array (c, root, "errata", FALSE, FALSE, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  old = push_key (c, "errata");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiErratum *erratum = g_new0 (ZhiErratum, 1);
      JsonObject *object;
      const char *target;

      g_ptr_array_add (out, erratum);
      if (!as_object (c, json_array_get_element (array, i), keys, &object)
          || !get_string (c, object, "at", TRUE, &erratum->at)
          || !get_string (c, object, "seed", TRUE, &erratum->seed)
          || !get_string (c, object, "corrected", TRUE, &erratum->corrected)
          || !get_text (c, object, "reason", TRUE, &erratum->reason))
        return FALSE;
      target = text_of (owner, erratum->at);
      if (target == NULL)
        {
          push_key (c, "at");
          return fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("no entry “%s” in this file"),
                       erratum->at);
        }
      if (strcmp (erratum->seed, erratum->corrected) == 0)
        {
          push_key (c, "corrected");
          return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                       _ ("the same as the seed's text: nothing is corrected"));
        }
      if (strstr (target, erratum->corrected) == NULL)
        {
          push_key (c, "corrected");
          return fail (c, ZHI_STANDARD_ERROR_REFERENCE,
                       _ ("“%s” is not in the text of “%s”: the correction is not applied"),
                       erratum->corrected, erratum->at);
        }
      if (strstr (target, erratum->seed) != NULL)
        {
          push_key (c, "seed");
          return fail (c, ZHI_STANDARD_ERROR_REFERENCE,
                       _ ("“%s” is still in the text of “%s”: the slip is not corrected"),
                       erratum->seed, erratum->at);
        }
      pop (c, old_i);
    }
  pop (c, old);
  return TRUE;
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
ctx_init (Ctx *c, const char *name, GHashTable *dup_key, GError **error)
{
  c->file = name;
  c->path = g_string_new ("$");
  c->dup_key = dup_key;
  c->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->error = error;
  c->problems = g_ptr_array_new_with_free_func (problem_free);
}

static void
ctx_clear (Ctx *c)
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

/* ---- ZhiStandard --------------------------------------------------------------------------- */

struct _ZhiStandard
{
  GObject parent_instance;

  char *file_name;
  char *id;
  char *edition;
  char *sha256;       /* of the file's bytes */
  gboolean installed; /* from the user's data folder, not built in */
  ZhiText source, issuer, track, title, weights_note;
  GPtrArray *definition;       /* ZhiText * */
  GPtrArray *cites;            /* ZhiCite * */
  GPtrArray *criteria;         /* ZhiCriterion * */
  GPtrArray *track_indicators; /* ZhiIndicator * */
  GPtrArray *gates;            /* ZhiGate * */
  GPtrArray *kpis;             /* const ZhiIndicator * (not owned) */
  GPtrArray *bands;            /* ZhiBand * */
  GPtrArray *errata;           /* ZhiErratum * */
  GHashTable *criterion_by_id; /* not owned */
  GHashTable *indicator_by_id; /* not owned */
  GHashTable *gate_by_id;      /* not owned */
};

G_DEFINE_FINAL_TYPE (ZhiStandard, zhi_standard, G_TYPE_OBJECT)

static void
zhi_standard_finalize (GObject *object)
{
  ZhiStandard *self = ZHI_STANDARD (object);

  g_free (self->file_name);
  g_free (self->id);
  g_free (self->edition);
  zhi_text_clear (&self->source);
  zhi_text_clear (&self->issuer);
  g_free (self->sha256);
  zhi_text_clear (&self->track);
  zhi_text_clear (&self->title);
  zhi_text_clear (&self->weights_note);
  g_clear_pointer (&self->definition, g_ptr_array_unref);
  g_clear_pointer (&self->cites, g_ptr_array_unref);
  g_clear_pointer (&self->kpis, g_ptr_array_unref);
  g_clear_pointer (&self->gates, g_ptr_array_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_pointer (&self->track_indicators, g_ptr_array_unref);
  g_clear_pointer (&self->bands, g_ptr_array_unref);
  g_clear_pointer (&self->errata, g_ptr_array_unref);
  g_clear_pointer (&self->criterion_by_id, g_hash_table_unref);
  g_clear_pointer (&self->indicator_by_id, g_hash_table_unref);
  g_clear_pointer (&self->gate_by_id, g_hash_table_unref);
  G_OBJECT_CLASS (zhi_standard_parent_class)->finalize (object);
}

static void
zhi_standard_class_init (ZhiStandardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zhi_standard_finalize;
}

static void
zhi_standard_init (ZhiStandard *self)
{
  self->cites = g_ptr_array_new_with_free_func (cite_free);
  self->criteria = g_ptr_array_new_with_free_func (criterion_free);
  self->track_indicators = g_ptr_array_new_with_free_func (indicator_free);
  self->gates = g_ptr_array_new_with_free_func (gate_free);
  self->kpis = g_ptr_array_new ();
  self->bands = g_ptr_array_new_with_free_func (band_free);
  self->errata = g_ptr_array_new_with_free_func (erratum_free);
  self->criterion_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->indicator_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->gate_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
parse_levels (Ctx *c, JsonObject *object, ZhiIndicator *ind)
{
  static const char *const keys[] = { "id", "name", "confirmed", NULL };
  g_autofree char *min = NULL;
  JsonArray *array;
  gsize old;
  int min_index;

  if (!get_array (c, object, "levels", TRUE, TRUE, &array))
    return FALSE;
  ind->levels = g_ptr_array_new_with_free_func (level_free);
  old = push_key (c, "levels");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiLevel *level = g_new0 (ZhiLevel, 1);
      JsonObject *lo;

      g_ptr_array_add (ind->levels, level);
      if (!as_object (c, json_array_get_element (array, i), keys, &lo)
          || !get_string (c, lo, "id", TRUE, &level->id)
          || !get_text (c, lo, "name", TRUE, &level->name)
          || !get_bool (c, lo, "confirmed", TRUE, &level->confirmed))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (((ZhiLevel *)ind->levels->pdata[j])->id, level->id) == 0)
          {
            push_key (c, "id");
            return fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("duplicate level id “%s”"), level->id);
          }
      pop (c, old_i);
    }
  pop (c, old);
  if (!get_string (c, object, "min", TRUE, &min))
    return FALSE;
  min_index = zhi_indicator_level_index (ind, min);
  if (min_index < 0)
    {
      push_key (c, "min");
      return fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("“%s” is not one of the indicator’s levels"),
                   min);
    }
  ind->min_level = (guint)min_index;
  return TRUE;
}

/* The indicator at the current path; crit is NULL for a track indicator. */
static gboolean
parse_indicator (Ctx *c, JsonNode *node, ZhiCriterion *crit, ZhiIndicator *ind)
{
  static const char *const extra[][6] = {
    [ZHI_INDICATOR_CHECK] = { NULL },
    [ZHI_INDICATOR_LEVEL] = { "levels", "min", NULL },
    [ZHI_INDICATOR_RATIO]
    = { "numerator", "denominator", "threshold", "threshold_from_benchmark", "unit", NULL },
    [ZHI_INDICATOR_KPI] = { "better", "unit", NULL },
    [ZHI_INDICATOR_COUNT] = { "min", "derived", NULL },
    [ZHI_INDICATOR_TEXT] = { "min_chars", "max_chars", NULL },
  };
  static const char *const common[] = { "id", "kind", "label", "help", "share", "item" };
  const char *allowed[G_N_ELEMENTS (common) + 6 + 1] = { NULL };
  g_autofree char *kind = NULL;
  JsonObject *object;
  gint64 share = 0;
  gsize n = 0;
  int k = -1;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (c, "an object", node);
  object = json_node_get_object (node);
  if (!get_string (c, object, "kind", TRUE, &kind))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (kind, kind_names[i]) == 0)
      k = (int)i;
  if (k < 0)
    {
      gsize old = push_key (c, "kind");

      fail (c, ZHI_STANDARD_ERROR_SCHEMA,
            _ ("unknown kind “%s” (expected check, level, ratio, kpi, count or text)"), kind);
      pop (c, old);
      return FALSE;
    }
  ind->kind = (ZhiIndicatorKind)k;
  for (gsize i = 0; i < G_N_ELEMENTS (common); i++)
    allowed[n++] = common[i];
  for (gsize i = 0; extra[k][i] != NULL; i++)
    allowed[n++] = extra[k][i];
  if (!as_object (c, node, allowed, &object))
    return FALSE;

  ind->criterion = crit;
  if (!get_string (c, object, "id", TRUE, &ind->id) || !claim_id (c, ind->id))
    return FALSE;
  if (crit != NULL
      && !(g_str_has_prefix (ind->id, crit->id) && ind->id[strlen (crit->id)] == '.'
           && ind->id[strlen (crit->id) + 1] != '\0'))
    {
      push_key (c, "id");
      return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                   _ ("“%s” must be the criterion id “%s” followed by “.” and a name"), ind->id,
                   crit->id);
    }
  if (!get_text (c, object, "label", TRUE, &ind->label)
      || !get_text (c, object, "help", FALSE, &ind->help)
      || !get_int (c, object, "share", TRUE, 0, crit != NULL ? 100 : 0, &share)
      || !get_string (c, object, "item", FALSE, &ind->item))
    return FALSE;
  ind->share = (int)share;
  if (ind->kind == ZHI_INDICATOR_TEXT && share != 0)
    {
      push_key (c, "share");
      return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                   _ ("a text indicator (the narrative) is required content and earns no points: "
                      "its share must be 0, not %d"),
                   ind->share);
    }

  switch (ind->kind)
    {
      case ZHI_INDICATOR_CHECK:
        return TRUE;
      case ZHI_INDICATOR_LEVEL:
        return parse_levels (c, object, ind);
      case ZHI_INDICATOR_RATIO:
        if (!get_text (c, object, "numerator", TRUE, &ind->numerator)
            || !get_text (c, object, "denominator", TRUE, &ind->denominator)
            || !get_string (c, object, "unit", TRUE, &ind->unit)
            || !get_bool (c, object, "threshold_from_benchmark", FALSE,
                          &ind->threshold_from_benchmark))
          return FALSE;
        if (ind->threshold_from_benchmark)
          {
            if (json_object_has_member (object, "threshold"))
              {
                push_key (c, "threshold");
                return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                             _ ("give either “threshold” or “threshold_from_benchmark”, not both"));
              }
            return TRUE;
          }
        return get_number (c, object, "threshold", TRUE, 0, 1, TRUE, &ind->threshold);
      case ZHI_INDICATOR_KPI:
        {
          g_autofree char *better = NULL;

          if (!get_string (c, object, "better", TRUE, &better)
              || !get_text (c, object, "unit", TRUE, &ind->kpi_unit))
            return FALSE;
          if (strcmp (better, "higher") != 0 && strcmp (better, "lower") != 0)
            {
              push_key (c, "better");
              return fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("“%s” is neither “lower” nor “higher”"),
                           better);
            }
          ind->better_higher = strcmp (better, "higher") == 0;
          return TRUE;
        }
      case ZHI_INDICATOR_COUNT:
        if (!get_int (c, object, "min", TRUE, 1, G_MAXINT32, &ind->min_count)
            || !get_string (c, object, "derived", FALSE, &ind->derived))
          return FALSE;
        if (ind->derived != NULL && strcmp (ind->derived, "scenarios") != 0)
          {
            push_key (c, "derived");
            return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                         _ ("unknown source “%s” (expected scenarios)"), ind->derived);
          }
        return TRUE;
      case ZHI_INDICATOR_TEXT:
        if (!get_int (c, object, "min_chars", TRUE, 0, G_MAXINT32, &ind->min_chars)
            || !get_int (c, object, "max_chars", TRUE, 1, G_MAXINT32, &ind->max_chars))
          return FALSE;
        if (ind->max_chars < ind->min_chars)
          {
            push_key (c, "max_chars");
            return fail (c, ZHI_STANDARD_ERROR_SCHEMA, _ ("%lld is below min_chars (%lld)"),
                         (long long)ind->max_chars, (long long)ind->min_chars);
          }
        return TRUE;
      default:
        g_assert_not_reached ();
    }
}

static gboolean
parse_indicator_list (
    Ctx *c, JsonArray *array, ZhiCriterion *crit, GPtrArray *out, GHashTable *by_id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old = push_index (c, i);
      ZhiIndicator *ind = g_new0 (ZhiIndicator, 1);

      g_ptr_array_add (out, ind);
      if (!parse_indicator (c, json_array_get_element (array, i), crit, ind))
        return FALSE;
      g_hash_table_insert (by_id, ind->id, ind);
      pop (c, old);
    }
  return TRUE;
}

static gboolean
parse_items (Ctx *c, JsonArray *array, ZhiCriterion *crit, GHashTable *item_ids)
{
  static const char *const keys[] = { "id", "text", "sub_items", NULL };
  static const char *const sub_keys[] = { "id", "mark", "text", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old = push_index (c, i);
      ZhiItem *item = g_new0 (ZhiItem, 1);
      JsonObject *object;
      JsonArray *subs;

      g_ptr_array_add (crit->items, item);
      item->sub_items = g_ptr_array_new_with_free_func (sub_item_free);
      if (!as_object (c, json_array_get_element (array, i), keys, &object)
          || !get_string (c, object, "id", TRUE, &item->id) || !claim_id (c, item->id)
          || !get_text (c, object, "text", TRUE, &item->text)
          || !get_array (c, object, "sub_items", FALSE, TRUE, &subs))
        return FALSE;
      g_hash_table_add (item_ids, item->id);
      if (subs != NULL)
        {
          gsize old_s = push_key (c, "sub_items");

          for (guint j = 0; j < json_array_get_length (subs); j++)
            {
              gsize old_j = push_index (c, j);
              ZhiSubItem *sub = g_new0 (ZhiSubItem, 1);
              JsonObject *so;

              g_ptr_array_add (item->sub_items, sub);
              if (!as_object (c, json_array_get_element (subs, j), sub_keys, &so)
                  || !get_string (c, so, "id", TRUE, &sub->id) || !claim_id (c, sub->id)
                  || !get_string (c, so, "mark", TRUE, &sub->mark)
                  || !get_text (c, so, "text", TRUE, &sub->text))
                return FALSE;
              g_hash_table_add (item_ids, sub->id);
              pop (c, old_j);
            }
          pop (c, old_s);
        }
      pop (c, old);
    }
  return TRUE;
}

/* Each indicator's "item" must name an item in item_ids; array is the indicators' JSON. */
static gboolean
check_item_refs (Ctx *c, GPtrArray *indicators, GHashTable *item_ids)
{
  for (guint i = 0; i < indicators->len; i++)
    {
      const ZhiIndicator *ind = indicators->pdata[i];

      if (ind->item != NULL && !g_hash_table_contains (item_ids, ind->item))
        {
          gsize old = push_index (c, i);

          push_key (c, "item");
          fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("no item “%s” in %s"), ind->item,
                ind->criterion != NULL ? ind->criterion->id : _ ("this standard"));
          pop (c, old);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_criterion (Ctx *c,
                 JsonNode *node,
                 guint index,
                 ZhiCriterion *crit,
                 GHashTable *all_items,
                 GHashTable *indicator_by_id)
{
  static const char *const keys[]
      = { "id", "number", "title", "weight", "weight_reason", "items", "indicators", NULL };
  g_autoptr (GHashTable) item_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonArray *items, *indicators;
  gint64 number = 0, weight = 0;
  int shares = 0;
  gsize old;

  crit->items = g_ptr_array_new_with_free_func (item_free);
  crit->indicators = g_ptr_array_new_with_free_func (indicator_free);
  if (!as_object (c, node, keys, &object) || !get_string (c, object, "id", TRUE, &crit->id)
      || !claim_id (c, crit->id) || !get_int (c, object, "number", TRUE, 1, 1000, &number)
      || !get_text (c, object, "title", TRUE, &crit->title)
      || !get_int (c, object, "weight", TRUE, 0, 100, &weight)
      || !get_text (c, object, "weight_reason", TRUE, &crit->weight_reason)
      || !get_array (c, object, "items", TRUE, TRUE, &items)
      || !get_array (c, object, "indicators", TRUE, TRUE, &indicators))
    return FALSE;
  crit->number = (int)number;
  crit->weight = (int)weight;
  if (number != index + 1)
    {
      push_key (c, "number");
      return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                   _ ("criterion number %d where %u was expected (criteria are numbered 1, 2, … in "
                      "order)"),
                   crit->number, index + 1);
    }

  old = push_key (c, "items");
  if (!parse_items (c, items, crit, item_ids))
    return FALSE;
  pop (c, old);
  old = push_key (c, "indicators");
  if (!parse_indicator_list (c, indicators, crit, crit->indicators, indicator_by_id)
      || !check_item_refs (c, crit->indicators, item_ids))
    return FALSE;
  for (guint i = 0; i < crit->indicators->len; i++)
    shares += ((ZhiIndicator *)crit->indicators->pdata[i])->share;
  if (shares != 100)
    return fail (c, ZHI_STANDARD_ERROR_SUM, _ ("the indicators’ shares sum to %d, not 100"),
                 shares);
  pop (c, old);

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, item_ids);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (all_items, key);
  }
  return TRUE;
}

static gboolean
parse_cites (Ctx *c, JsonObject *root, GPtrArray *out)
{
  static const char *const keys[] = { "code", "title", NULL };
  JsonArray *array;
  gsize old;

  if (!get_array (c, root, "cites", TRUE, FALSE, &array))
    return FALSE;
  old = push_key (c, "cites");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiCite *cite = g_new0 (ZhiCite, 1);
      JsonObject *object;

      g_ptr_array_add (out, cite);
      if (!as_object (c, json_array_get_element (array, i), keys, &object)
          || !get_string (c, object, "code", TRUE, &cite->code)
          || !get_text (c, object, "title", TRUE, &cite->title))
        return FALSE;
      pop (c, old_i);
    }
  pop (c, old);
  return TRUE;
}

static gboolean
parse_gates (Ctx *c, JsonObject *root, ZhiStandard *self)
{
  static const char *const keys[] = { "id", "indicator", "text", "source", NULL };
  JsonArray *array;
  gsize old;

  if (!get_array (c, root, "gates", TRUE, FALSE, &array))
    return FALSE;
  old = push_key (c, "gates");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiGate *gate = g_new0 (ZhiGate, 1);
      g_autofree char *indicator = NULL;
      JsonObject *object;

      g_ptr_array_add (self->gates, gate);
      if (!as_object (c, json_array_get_element (array, i), keys, &object)
          || !get_string (c, object, "id", TRUE, &gate->id) || !claim_id (c, gate->id)
          || !get_string (c, object, "indicator", TRUE, &indicator)
          || !get_text (c, object, "text", TRUE, &gate->text)
          || !get_text (c, object, "source", TRUE, &gate->source))
        return FALSE;
      gate->indicator = g_hash_table_lookup (self->indicator_by_id, indicator);
      if (gate->indicator == NULL)
        {
          push_key (c, "indicator");
          return fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("no indicator “%s” in this standard"),
                       indicator);
        }
      g_hash_table_insert (self->gate_by_id, gate->id, gate);
      pop (c, old_i);
    }
  pop (c, old);
  return TRUE;
}

static gboolean
parse_kpis (Ctx *c, JsonObject *root, ZhiStandard *self)
{
  JsonArray *array;
  gsize old;

  if (!get_array (c, root, "kpis", TRUE, FALSE, &array))
    return FALSE;
  old = push_key (c, "kpis");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const ZhiIndicator *ind;
      const char *id;
      gsize old_i = push_index (c, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return wrong_type (c, "an indicator id (a string)", node);
      id = json_node_get_string (node);
      ind = g_hash_table_lookup (self->indicator_by_id, id);
      if (ind == NULL)
        return fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("no indicator “%s” in this standard"), id);
      if (ind->kind != ZHI_INDICATOR_KPI)
        return fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("indicator “%s” is a %s, not a kpi"), id,
                     kind_names[ind->kind]);
      for (guint j = 0; j < self->kpis->len; j++)
        if (self->kpis->pdata[j] == ind)
          return fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("“%s” is listed twice"), id);
      g_ptr_array_add (self->kpis, (gpointer)ind);
      pop (c, old_i);
    }
  pop (c, old);
  return TRUE;
}

static gboolean
parse_bands (Ctx *c, JsonObject *root, GPtrArray *out)
{
  static const char *const keys[] = { "min", "id", "label", "advice", NULL };
  JsonArray *array;
  gsize old;

  if (!get_array (c, root, "bands", TRUE, TRUE, &array))
    return FALSE;
  old = push_key (c, "bands");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiBand *band = g_new0 (ZhiBand, 1);
      JsonObject *object;

      g_ptr_array_add (out, band);
      if (!as_object (c, json_array_get_element (array, i), keys, &object)
          || !get_number (c, object, "min", TRUE, 0, 100, FALSE, &band->min)
          || !get_string (c, object, "id", TRUE, &band->id)
          || !get_text (c, object, "label", TRUE, &band->label)
          || !get_text (c, object, "advice", TRUE, &band->advice))
        return FALSE;
      for (guint j = 0; j < i; j++)
        {
          const ZhiBand *prev = out->pdata[j];

          if (strcmp (prev->id, band->id) == 0)
            {
              push_key (c, "id");
              return fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("duplicate band id “%s”"), band->id);
            }
        }
      if (i > 0 && band->min >= ((ZhiBand *)out->pdata[i - 1])->min)
        {
          push_key (c, "min");
          return fail (c, ZHI_STANDARD_ERROR_BANDS,
                       _ ("bands must be listed highest first: %g is not below %g"), band->min,
                       ((ZhiBand *)out->pdata[i - 1])->min);
        }
      if (i == json_array_get_length (array) - 1 && band->min != 0)
        {
          push_key (c, "min");
          return fail (c, ZHI_STANDARD_ERROR_BANDS,
                       _ ("the bands do not cover 0..100: the lowest band starts at %g, not 0"),
                       band->min);
        }
      pop (c, old_i);
    }
  pop (c, old);
  return TRUE;
}

/* The zh text of an item or sub-item of the standard. */
static const char *
standard_text_of (gpointer owner, const char *id)
{
  ZhiStandard *self = owner;

  for (guint i = 0; i < self->criteria->len; i++)
    {
      const ZhiCriterion *crit = self->criteria->pdata[i];

      for (guint j = 0; j < crit->items->len; j++)
        {
          const ZhiItem *item = crit->items->pdata[j];

          if (strcmp (item->id, id) == 0)
            return item->text.zh;
          for (guint k = 0; k < item->sub_items->len; k++)
            if (strcmp (((ZhiSubItem *)item->sub_items->pdata[k])->id, id) == 0)
              return ((ZhiSubItem *)item->sub_items->pdata[k])->text.zh;
        }
    }
  return NULL;
}

static gboolean
parse_standard (Ctx *c, JsonNode *node, ZhiStandard *self)
{
  static const char *const keys[]
      = { "format",     "id",    "edition",      "source",           "track",    "title",
          "definition", "cites", "weights_note", "track_indicators", "criteria", "gates",
          "kpis",       "bands", "errata",       "issuer",           NULL };
  g_autoptr (GHashTable) all_items = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *criteria, *track_indicators;
  JsonObject *root;
  int weights = 0;
  gboolean failed = FALSE;
  gsize old;

  if (!as_object (c, node, keys, &root) || !check_format (c, root)
      || !get_string (c, root, "id", TRUE, &self->id)
      || !get_string (c, root, "edition", TRUE, &self->edition)
      || !get_text (c, root, "source", TRUE, &self->source)
      || !get_text (c, root, "issuer", FALSE, &self->issuer)
      || !get_text (c, root, "track", TRUE, &self->track)
      || !get_text (c, root, "title", TRUE, &self->title))
    return FALSE;
  for (const char *p = self->id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      {
        push_key (c, "id");
        return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                     _ ("“%s” is not a track id (lower-case letters, digits and “-”)"), self->id);
      }
  if (!get_text_list (c, root, "definition", TRUE, &self->definition)
      || !parse_cites (c, root, self->cites)
      || !get_text (c, root, "weights_note", TRUE, &self->weights_note)
      || !get_array (c, root, "criteria", TRUE, TRUE, &criteria)
      || !get_array (c, root, "track_indicators", TRUE, FALSE, &track_indicators))
    return FALSE;

  /* Every criterion is read even after one fails, so that a check lists each one's problem;
   * what depends on all of them (the weights' sum, the gates' references) only when all
   * were read. */
  old = push_key (c, "criteria");
  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiCriterion *crit = g_new0 (ZhiCriterion, 1);

      g_ptr_array_add (self->criteria, crit);
      if (!parse_criterion (c, json_array_get_element (criteria, i), i, crit, all_items,
                            self->indicator_by_id))
        {
          failed = TRUE;
          pop (c, old_i);
          continue;
        }
      g_hash_table_insert (self->criterion_by_id, crit->id, crit);
      weights += crit->weight;
      pop (c, old_i);
    }
  if (failed)
    {
      pop (c, old);
      parse_bands (c, root, self->bands); /* independent of the criteria: checked too */
      return FALSE;
    }
  if (weights != 100)
    return fail (c, ZHI_STANDARD_ERROR_SUM, _ ("the criteria’s weights sum to %d, not 100"),
                 weights);
  pop (c, old);

  old = push_key (c, "track_indicators");
  if (!parse_indicator_list (c, track_indicators, NULL, self->track_indicators,
                             self->indicator_by_id)
      || !check_item_refs (c, self->track_indicators, all_items))
    return FALSE;
  pop (c, old);

  return parse_gates (c, root, self) && parse_kpis (c, root, self)
         && parse_bands (c, root, self->bands)
         && parse_errata (c, root, self->errata, standard_text_of, self);
}

typedef gboolean (*ParseFunc) (Ctx *c, JsonNode *root, gpointer self);
typedef gpointer (*FromBytesFunc) (GBytes *bytes, const char *name, GError **error);

/* The steps every document of this file shares: parse the JSON (catching duplicate keys),
 * create the object, fill it with @parse, drop it on error.  Every problem found goes into
 * @problems when it is not NULL (it may stay empty when the JSON itself cannot be read: then
 * @error says why). */
static gpointer
load_document_checked (GType type,
                       ParseFunc parse,
                       GBytes *bytes,
                       const char *name,
                       GPtrArray *problems,
                       GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GObject) self = NULL;
  GHashTable *dup_key = NULL;
  gboolean ok;
  Ctx c;

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

/* As load_document_checked, the first problem only (as @error) */
static gpointer
load_document (GType type, ParseFunc parse, GBytes *bytes, const char *name, GError **error)
{
  return load_document_checked (type, parse, bytes, name, NULL, error);
}

static gpointer
load_document_file (const char *path, FromBytesFunc from_bytes, GError **error)
{
  g_autoptr (GBytes) bytes = read_file (path, error);

  return bytes != NULL ? from_bytes (bytes, path, error) : NULL;
}

ZhiStandard *
zhi_standard_new_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  ZhiStandard *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (name == NULL)
    name = "(standard)";
  self = load_document (ZHI_TYPE_STANDARD, (ParseFunc)parse_standard, bytes, name, error);
  if (self != NULL)
    {
      self->file_name = g_strdup (name);
      self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    }
  return self;
}

ZhiStandard *
zhi_standard_new_from_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return load_document_file (path, (FromBytesFunc)zhi_standard_new_from_bytes, error);
}

G_LOCK_DEFINE_STATIC (builtin);
static GHashTable *builtin_cache; /* file name → GObject */

static gpointer
standard_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  return zhi_standard_new_from_bytes (bytes, name, error);
}

static gpointer
conditions_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  return zhi_conditions_new_from_bytes (bytes, name, error);
}

static gpointer
guide_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  return zhi_guide_new_from_bytes (bytes, name, error);
}

static gpointer
load_builtin_object (const char *file, FromBytesFunc from_bytes, GError **error)
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

ZhiStandard *
zhi_standard_load_builtin (const char *track_id, GError **error)
{
  g_autofree char *file = NULL;

  g_return_val_if_fail (track_id != NULL, NULL);
  if (!g_strv_contains (track_ids, track_id))
    {
      g_set_error (
          error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND,
          _ ("Unknown track “%s” (expected workshop, factory-discrete or factory-process)"),
          track_id);
      return NULL;
    }
  file = g_strconcat (track_id, ".json", NULL);
  return load_builtin_object (file, standard_from_bytes, error);
}

GPtrArray *
zhi_standard_load_catalog (GError **error)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (gsize i = 0; track_ids[i] != NULL; i++)
    {
      ZhiStandard *standard = zhi_standard_load_builtin (track_ids[i], error);

      if (standard == NULL)
        return NULL;
      if (g_strcmp0 (standard->id, track_ids[i]) != 0)
        {
          g_set_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_SCHEMA,
                       _ ("%s: $.id: “%s” where “%s” was expected"), standard->file_name,
                       standard->id, track_ids[i]);
          g_object_unref (standard);
          return NULL;
        }
      g_ptr_array_add (all, standard);
    }
  return g_steal_pointer (&all);
}

#define GETTER(type, name, expr)                                                                   \
  type zhi_standard_get_##name (ZhiStandard *self)                                                 \
  {                                                                                                \
    g_return_val_if_fail (ZHI_IS_STANDARD (self), NULL);                                           \
    return expr;                                                                                   \
  }

GETTER (const char *, id, self->id)
GETTER (const char *, edition, self->edition)
GETTER (const char *, file_name, self->file_name)
GETTER (const ZhiText *, source, &self->source)
GETTER (const ZhiText *, issuer, &self->issuer)
GETTER (const char *, sha256, self->sha256)

void
zhi_standard_mark_installed (ZhiStandard *self)
{
  g_return_if_fail (ZHI_IS_STANDARD (self));
  self->installed = TRUE;
}

gboolean
zhi_standard_get_installed (ZhiStandard *self)
{
  g_return_val_if_fail (ZHI_IS_STANDARD (self), FALSE);
  return self->installed;
}

GETTER (const ZhiText *, track, &self->track)
GETTER (const ZhiText *, title, &self->title)
GETTER (const ZhiText *, weights_note, &self->weights_note)
GETTER (GPtrArray *, definition, self->definition)
GETTER (GPtrArray *, cites, self->cites)
GETTER (GPtrArray *, criteria, self->criteria)
GETTER (GPtrArray *, track_indicators, self->track_indicators)
GETTER (GPtrArray *, gates, self->gates)
GETTER (GPtrArray *, kpis, self->kpis)
GETTER (GPtrArray *, bands, self->bands)
GETTER (GPtrArray *, errata, self->errata)

#undef GETTER

const ZhiCriterion *
zhi_standard_lookup_criterion (ZhiStandard *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_STANDARD (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->criterion_by_id, id) : NULL;
}

const ZhiIndicator *
zhi_standard_lookup_indicator (ZhiStandard *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_STANDARD (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->indicator_by_id, id) : NULL;
}

const ZhiGate *
zhi_standard_lookup_gate (ZhiStandard *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_STANDARD (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->gate_by_id, id) : NULL;
}

const ZhiBand *
zhi_standard_band_for_score (ZhiStandard *self, double score)
{
  g_return_val_if_fail (ZHI_IS_STANDARD (self), NULL);
  for (guint i = 0; i < self->bands->len; i++)
    {
      const ZhiBand *band = self->bands->pdata[i];

      if (score + 1e-9 >= band->min)
        return band;
    }
  /* a negative score: the lowest band */
  return self->bands->len > 0 ? self->bands->pdata[self->bands->len - 1] : NULL;
}

int
zhi_indicator_level_index (const ZhiIndicator *indicator, const char *level_id)
{
  g_return_val_if_fail (indicator != NULL, -1);
  if (indicator->levels == NULL || level_id == NULL)
    return -1;
  for (guint i = 0; i < indicator->levels->len; i++)
    if (strcmp (((ZhiLevel *)indicator->levels->pdata[i])->id, level_id) == 0)
      return (int)i;
  return -1;
}

/* ---- ZhiConditions ------------------------------------------------------------------------- */

struct _ZhiConditions
{
  GObject parent_instance;

  ZhiText source;
  GPtrArray *conditions; /* ZhiCondition * */
  GPtrArray *exclusions; /* ZhiExclusion * */
  GPtrArray *errata;     /* ZhiErratum * */
};

G_DEFINE_FINAL_TYPE (ZhiConditions, zhi_conditions, G_TYPE_OBJECT)

static void
zhi_conditions_finalize (GObject *object)
{
  ZhiConditions *self = ZHI_CONDITIONS (object);

  zhi_text_clear (&self->source);
  g_clear_pointer (&self->conditions, g_ptr_array_unref);
  g_clear_pointer (&self->exclusions, g_ptr_array_unref);
  g_clear_pointer (&self->errata, g_ptr_array_unref);
  G_OBJECT_CLASS (zhi_conditions_parent_class)->finalize (object);
}

static void
zhi_conditions_class_init (ZhiConditionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zhi_conditions_finalize;
}

static void
zhi_conditions_init (ZhiConditions *self)
{
  self->conditions = g_ptr_array_new_with_free_func (condition_free);
  self->exclusions = g_ptr_array_new_with_free_func (exclusion_free);
  self->errata = g_ptr_array_new_with_free_func (erratum_free);
}

/* The zh text of a condition, its encouraged part or an exclusion. */
static const char *
conditions_text_of (gpointer owner, const char *id)
{
  ZhiConditions *self = owner;

  for (guint i = 0; i < self->conditions->len; i++)
    {
      const ZhiCondition *cond = self->conditions->pdata[i];

      if (strcmp (cond->id, id) == 0)
        return cond->text.zh;
      if (cond->encouraged != NULL && strcmp (cond->encouraged->id, id) == 0)
        return cond->encouraged->text.zh;
    }
  for (guint i = 0; i < self->exclusions->len; i++)
    if (strcmp (((ZhiExclusion *)self->exclusions->pdata[i])->id, id) == 0)
      return ((ZhiExclusion *)self->exclusions->pdata[i])->text.zh;
  return NULL;
}

/* A condition's "encouraged" part (optional); its text must be part of the condition's. */
static gboolean
parse_encouraged (Ctx *c, JsonObject *object, ZhiCondition *cond)
{
  static const char *const keys[] = { "id", "text", "short", "checks", NULL };
  JsonNode *node = json_object_get_member (object, "encouraged");
  JsonObject *eo;
  ZhiEncouraged *part;
  gsize old;
  gboolean ok;

  if (node == NULL)
    return TRUE;
  old = push_key (c, "encouraged");
  part = cond->encouraged = g_new0 (ZhiEncouraged, 1);
  ok = as_object (c, node, keys, &eo) && get_string (c, eo, "id", TRUE, &part->id)
       && claim_id (c, part->id) && get_text (c, eo, "text", TRUE, &part->text)
       && get_text (c, eo, "short", TRUE, &part->short_name)
       && get_text_list (c, eo, "checks", FALSE, &part->checks);
  if (ok && strstr (cond->text.zh, part->text.zh) == NULL)
    {
      push_key (c, "text");
      return fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                   _ ("“%s” is not part of the condition's text: the encouraged part must be the "
                      "seed's own words"),
                   part->text.zh);
    }
  if (ok)
    pop (c, old);
  return ok;
}

static gboolean
parse_conditions (Ctx *c, JsonNode *node, ZhiConditions *self)
{
  static const char *const keys[]
      = { "format", "source", "conditions", "exclusions", "errata", NULL };
  static const char *const cond_keys[]
      = { "id", "mark", "text", "required", "short", "checks", "encouraged", NULL };
  static const char *const excl_keys[] = { "id", "mark", "text", "short", NULL };
  JsonObject *root;
  JsonArray *conditions, *exclusions;
  gsize old;

  if (!as_object (c, node, keys, &root) || !check_format (c, root)
      || !get_text (c, root, "source", TRUE, &self->source)
      || !get_array (c, root, "conditions", TRUE, TRUE, &conditions)
      || !get_array (c, root, "exclusions", TRUE, TRUE, &exclusions))
    return FALSE;

  old = push_key (c, "conditions");
  for (guint i = 0; i < json_array_get_length (conditions); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiCondition *cond = g_new0 (ZhiCondition, 1);
      JsonObject *object;

      g_ptr_array_add (self->conditions, cond);
      if (!as_object (c, json_array_get_element (conditions, i), cond_keys, &object)
          || !get_string (c, object, "id", TRUE, &cond->id) || !claim_id (c, cond->id)
          || !get_string (c, object, "mark", TRUE, &cond->mark)
          || !get_text (c, object, "text", TRUE, &cond->text)
          || !get_bool (c, object, "required", TRUE, &cond->required)
          || !get_text (c, object, "short", TRUE, &cond->short_name)
          || !get_text_list (c, object, "checks", FALSE, &cond->checks)
          || !parse_encouraged (c, object, cond))
        return FALSE;
      pop (c, old_i);
    }
  pop (c, old);

  old = push_key (c, "exclusions");
  for (guint i = 0; i < json_array_get_length (exclusions); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiExclusion *excl = g_new0 (ZhiExclusion, 1);
      JsonObject *object;

      g_ptr_array_add (self->exclusions, excl);
      if (!as_object (c, json_array_get_element (exclusions, i), excl_keys, &object)
          || !get_string (c, object, "id", TRUE, &excl->id) || !claim_id (c, excl->id)
          || !get_string (c, object, "mark", TRUE, &excl->mark)
          || !get_text (c, object, "text", TRUE, &excl->text)
          || !get_text (c, object, "short", TRUE, &excl->short_name))
        return FALSE;
      pop (c, old_i);
    }
  pop (c, old);
  return parse_errata (c, root, self->errata, conditions_text_of, self);
}

ZhiConditions *
zhi_conditions_new_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return load_document (ZHI_TYPE_CONDITIONS, (ParseFunc)parse_conditions, bytes,
                        name != NULL ? name : "(conditions)", error);
}

ZhiConditions *
zhi_conditions_new_from_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return load_document_file (path, (FromBytesFunc)zhi_conditions_new_from_bytes, error);
}

ZhiConditions *
zhi_conditions_load_builtin (GError **error)
{
  return load_builtin_object ("conditions.json", conditions_from_bytes, error);
}

const ZhiText *
zhi_conditions_get_source (ZhiConditions *self)
{
  g_return_val_if_fail (ZHI_IS_CONDITIONS (self), NULL);
  return &self->source;
}

GPtrArray *
zhi_conditions_get_conditions (ZhiConditions *self)
{
  g_return_val_if_fail (ZHI_IS_CONDITIONS (self), NULL);
  return self->conditions;
}

GPtrArray *
zhi_conditions_get_exclusions (ZhiConditions *self)
{
  g_return_val_if_fail (ZHI_IS_CONDITIONS (self), NULL);
  return self->exclusions;
}

GPtrArray *
zhi_conditions_get_errata (ZhiConditions *self)
{
  g_return_val_if_fail (ZHI_IS_CONDITIONS (self), NULL);
  return self->errata;
}

const ZhiCondition *
zhi_conditions_lookup_condition (ZhiConditions *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_CONDITIONS (self), NULL);
  for (guint i = 0; id != NULL && i < self->conditions->len; i++)
    if (strcmp (((ZhiCondition *)self->conditions->pdata[i])->id, id) == 0)
      return self->conditions->pdata[i];
  return NULL;
}

const ZhiEncouraged *
zhi_conditions_lookup_encouraged (ZhiConditions *self,
                                  const char *id,
                                  const ZhiCondition **condition)
{
  g_return_val_if_fail (ZHI_IS_CONDITIONS (self), NULL);
  for (guint i = 0; id != NULL && i < self->conditions->len; i++)
    {
      const ZhiCondition *cond = self->conditions->pdata[i];

      if (cond->encouraged != NULL && strcmp (cond->encouraged->id, id) == 0)
        {
          if (condition != NULL)
            *condition = cond;
          return cond->encouraged;
        }
    }
  return NULL;
}

const ZhiExclusion *
zhi_conditions_lookup_exclusion (ZhiConditions *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_CONDITIONS (self), NULL);
  for (guint i = 0; id != NULL && i < self->exclusions->len; i++)
    if (strcmp (((ZhiExclusion *)self->exclusions->pdata[i])->id, id) == 0)
      return self->exclusions->pdata[i];
  return NULL;
}

/* ---- ZhiGuide ------------------------------------------------------------------------------ */

struct _ZhiGuide
{
  GObject parent_instance;

  GPtrArray *sections; /* ZhiGuideSection * */
};

G_DEFINE_FINAL_TYPE (ZhiGuide, zhi_guide, G_TYPE_OBJECT)

static void
zhi_guide_finalize (GObject *object)
{
  ZhiGuide *self = ZHI_GUIDE (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  G_OBJECT_CLASS (zhi_guide_parent_class)->finalize (object);
}

static void
zhi_guide_class_init (ZhiGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zhi_guide_finalize;
}

static void
zhi_guide_init (ZhiGuide *self)
{
  self->sections = g_ptr_array_new_with_free_func (section_free);
}

static gboolean
parse_guide (Ctx *c, JsonNode *node, ZhiGuide *self)
{
  static const char *const keys[] = { "format", "sections", NULL };
  static const char *const section_keys[] = { "id", "title", "paragraphs", NULL };
  JsonObject *root;
  JsonArray *sections;
  gsize old;

  if (!as_object (c, node, keys, &root) || !check_format (c, root)
      || !get_array (c, root, "sections", TRUE, TRUE, &sections))
    return FALSE;
  old = push_key (c, "sections");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      gsize old_i = push_index (c, i);
      ZhiGuideSection *section = g_new0 (ZhiGuideSection, 1);
      JsonObject *object;

      g_ptr_array_add (self->sections, section);
      if (!as_object (c, json_array_get_element (sections, i), section_keys, &object)
          || !get_string (c, object, "id", TRUE, &section->id) || !claim_id (c, section->id)
          || !get_text (c, object, "title", TRUE, &section->title)
          || !get_text_list (c, object, "paragraphs", TRUE, &section->paragraphs))
        return FALSE;
      pop (c, old_i);
    }
  pop (c, old);
  return TRUE;
}

ZhiGuide *
zhi_guide_new_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return load_document (ZHI_TYPE_GUIDE, (ParseFunc)parse_guide, bytes,
                        name != NULL ? name : "(guide)", error);
}

ZhiGuide *
zhi_guide_new_from_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return load_document_file (path, (FromBytesFunc)zhi_guide_new_from_bytes, error);
}

ZhiGuide *
zhi_guide_load_builtin (GError **error)
{
  return load_builtin_object ("guide.json", guide_from_bytes, error);
}

GPtrArray *
zhi_guide_get_sections (ZhiGuide *self)
{
  g_return_val_if_fail (ZHI_IS_GUIDE (self), NULL);
  return self->sections;
}

const ZhiGuideSection *
zhi_guide_lookup_section (ZhiGuide *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_GUIDE (self), NULL);
  for (guint i = 0; id != NULL && i < self->sections->len; i++)
    if (strcmp (((ZhiGuideSection *)self->sections->pdata[i])->id, id) == 0)
      return self->sections->pdata[i];
  return NULL;
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
        object = load_document_checked (ZHI_TYPE_CONDITIONS, (ParseFunc)parse_conditions, bytes,
                                        name, problems, &error);
        break;
      case ZHI_STANDARDS_FILE_GUIDE:
        object = load_document_checked (ZHI_TYPE_GUIDE, (ParseFunc)parse_guide, bytes, name,
                                        problems, &error);
        break;
      case ZHI_STANDARDS_FILE_STANDARD:
      default:
        object = load_document_checked (ZHI_TYPE_STANDARD, (ParseFunc)parse_standard, bytes, name,
                                        problems, &error);
        if (object != NULL)
          {
            ZHI_STANDARD (object)->file_name = g_strdup (name);
            ZHI_STANDARD (object)->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
          }
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
