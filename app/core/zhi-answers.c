/* zhi-answers.c — the applicant's answers to indicators and eligibility rules, keyed by id
 *
 * JSON form of one id (see zhi_answers_get_json):
 *   {"type":"bool","value":true}
 *   {"type":"level","level":"L3"}
 *   {"type":"ratio","numerator":12,"denominator":20,"benchmark":0.8}
 *   {"type":"kpi","baseline":120,"current":90,"baseline_year":2021,"current_year":2023,
 *    "source":"MES 统计"}
 *   {"type":"count","count":3}
 *   {"type":"text","text":"…"}
 *   {"type":"none","note":"…"}                                         a note without a value
 * Every form may carry "note".  Partial answers are kept as typed: every number of a ratio
 * (numerator, denominator, benchmark) and of a kpi (baseline, current), and a kpi's years and
 * source, may be missing.  A missing number is NAN in C and absent in JSON (null is read as
 * absent too); a missing year is 0; a missing source is NULL.  Non-finite numbers are not
 * stored (they become NAN).
 */
#include "zhi-answers.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

struct _ZhiAnswers
{
  gatomicrefcount ref_count;
  GHashTable *entries; /* char *id → Entry * */
};

typedef struct
{
  ZhiAnswerType type;
  gboolean bool_value;
  double a, b, c;     /* ratio: numerator, denominator, benchmark; kpi: baseline, current */
  int year_a, year_b; /* kpi: baseline year, current year; 0 = not entered */
  gint64 count;
  char *str; /* level id, text, or a kpi's data source */
  char *note;
} Entry;

G_DEFINE_BOXED_TYPE (ZhiAnswers, zhi_answers, zhi_answers_ref, zhi_answers_unref)

static const char *const type_names[] = {
  [ZHI_ANSWER_NONE] = "none",   [ZHI_ANSWER_BOOL] = "bool", [ZHI_ANSWER_LEVEL] = "level",
  [ZHI_ANSWER_RATIO] = "ratio", [ZHI_ANSWER_KPI] = "kpi",   [ZHI_ANSWER_COUNT] = "count",
  [ZHI_ANSWER_TEXT] = "text",
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->str);
  g_free (entry->note);
  g_free (entry);
}

static Entry *
entry_copy (const Entry *entry)
{
  Entry *copy = g_memdup2 (entry, sizeof *entry);

  copy->str = g_strdup (entry->str);
  copy->note = g_strdup (entry->note);
  return copy;
}

static void
entry_clear_value (Entry *entry)
{
  entry->type = ZHI_ANSWER_NONE;
  entry->bool_value = FALSE;
  entry->a = entry->b = entry->c = 0;
  entry->year_a = entry->year_b = 0;
  entry->count = 0;
  g_clear_pointer (&entry->str, g_free);
}

static double
finite_or_nan (double value)
{
  return isfinite (value) ? value : NAN;
}

static gboolean
double_same (double x, double y)
{
  if (isnan (x) || isnan (y))
    return isnan (x) && isnan (y);
  return x == y;
}

static gboolean
entry_equal (const Entry *x, const Entry *y)
{
  if (x->type != y->type || g_strcmp0 (x->note, y->note) != 0)
    return FALSE;
  switch (x->type)
    {
      case ZHI_ANSWER_NONE:
        return TRUE;
      case ZHI_ANSWER_BOOL:
        return !x->bool_value == !y->bool_value;
      case ZHI_ANSWER_LEVEL:
      case ZHI_ANSWER_TEXT:
        return g_strcmp0 (x->str, y->str) == 0;
      case ZHI_ANSWER_RATIO:
        return double_same (x->a, y->a) && double_same (x->b, y->b) && double_same (x->c, y->c);
      case ZHI_ANSWER_KPI:
        return double_same (x->a, y->a) && double_same (x->b, y->b) && x->year_a == y->year_a
               && x->year_b == y->year_b && g_strcmp0 (x->str, y->str) == 0;
      case ZHI_ANSWER_COUNT:
        return x->count == y->count;
      default:
        g_assert_not_reached ();
    }
}

ZhiAnswers *
zhi_answers_new (void)
{
  ZhiAnswers *self = g_new0 (ZhiAnswers, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  return self;
}

ZhiAnswers *
zhi_answers_ref (ZhiAnswers *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
zhi_answers_unref (ZhiAnswers *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->entries);
      g_free (self);
    }
}

ZhiAnswers *
zhi_answers_copy (const ZhiAnswers *self)
{
  ZhiAnswers *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);
  copy = zhi_answers_new ();
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->entries, g_strdup (key), entry_copy (value));
  return copy;
}

gboolean
zhi_answers_equal (const ZhiAnswers *a, const ZhiAnswers *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL)
    return a == b;
  if (a == b)
    return TRUE;
  if (g_hash_table_size (a->entries) != g_hash_table_size (b->entries))
    return FALSE;
  g_hash_table_iter_init (&iter, a->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *other = g_hash_table_lookup (b->entries, key);

      if (other == NULL || !entry_equal (value, other))
        return FALSE;
    }
  return TRUE;
}

/* The entry for id with its value cleared, created when missing. */
static Entry *
prepare_value (ZhiAnswers *self, const char *id)
{
  Entry *entry = g_hash_table_lookup (self->entries, id);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, g_strdup (id), entry);
    }
  entry_clear_value (entry);
  return entry;
}

static const Entry *
lookup (const ZhiAnswers *self, const char *id, ZhiAnswerType type)
{
  const Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL || entry->type != type)
    return NULL;
  return entry;
}

void
zhi_answers_set_bool (ZhiAnswers *self, const char *id, gboolean value)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  entry = prepare_value (self, id);
  entry->type = ZHI_ANSWER_BOOL;
  entry->bool_value = !!value;
}

void
zhi_answers_set_level (ZhiAnswers *self, const char *id, const char *level_id)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  if (level_id == NULL)
    {
      zhi_answers_clear (self, id);
      return;
    }
  entry = prepare_value (self, id);
  entry->type = ZHI_ANSWER_LEVEL;
  entry->str = g_strdup (level_id);
}

void
zhi_answers_set_ratio (
    ZhiAnswers *self, const char *id, double numerator, double denominator, double benchmark)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  entry = prepare_value (self, id);
  entry->type = ZHI_ANSWER_RATIO;
  entry->a = finite_or_nan (numerator);
  entry->b = finite_or_nan (denominator);
  entry->c = finite_or_nan (benchmark);
}

/* The kpi entry for id, keeping its values, years and source when it is one already. */
static Entry *
prepare_kpi (ZhiAnswers *self, const char *id)
{
  Entry *entry = g_hash_table_lookup (self->entries, id);

  if (entry != NULL && entry->type == ZHI_ANSWER_KPI)
    return entry;
  entry = prepare_value (self, id);
  entry->type = ZHI_ANSWER_KPI;
  entry->a = entry->b = NAN;
  return entry;
}

void
zhi_answers_set_kpi (ZhiAnswers *self, const char *id, double baseline, double current)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  entry = prepare_kpi (self, id);
  entry->a = finite_or_nan (baseline);
  entry->b = finite_or_nan (current);
}

void
zhi_answers_set_kpi_details (
    ZhiAnswers *self, const char *id, int baseline_year, int current_year, const char *source)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  entry = prepare_kpi (self, id);
  /* what the JSON form can carry: a year from 1 to 9999, else none */
  entry->year_a = baseline_year >= 1 && baseline_year <= 9999 ? baseline_year : 0;
  entry->year_b = current_year >= 1 && current_year <= 9999 ? current_year : 0;
  g_free (entry->str);
  entry->str = source != NULL && *source != '\0' ? g_strdup (source) : NULL;
}

void
zhi_answers_set_count (ZhiAnswers *self, const char *id, gint64 count)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  entry = prepare_value (self, id);
  entry->type = ZHI_ANSWER_COUNT;
  entry->count = count;
}

void
zhi_answers_set_text (ZhiAnswers *self, const char *id, const char *text)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  if (text == NULL)
    {
      zhi_answers_clear (self, id);
      return;
    }
  entry = prepare_value (self, id);
  entry->type = ZHI_ANSWER_TEXT;
  entry->str = g_strdup (text);
}

void
zhi_answers_set_note (ZhiAnswers *self, const char *id, const char *note)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  entry = g_hash_table_lookup (self->entries, id);
  if (note == NULL || note[0] == '\0')
    {
      if (entry == NULL)
        return;
      g_clear_pointer (&entry->note, g_free);
      if (entry->type == ZHI_ANSWER_NONE)
        g_hash_table_remove (self->entries, id);
      return;
    }
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, g_strdup (id), entry);
    }
  g_free (entry->note);
  entry->note = g_strdup (note);
}

void
zhi_answers_clear (ZhiAnswers *self, const char *id)
{
  Entry *entry;

  g_return_if_fail (self != NULL && id != NULL);
  entry = g_hash_table_lookup (self->entries, id);
  if (entry == NULL)
    return;
  if (entry->note == NULL)
    g_hash_table_remove (self->entries, id);
  else
    entry_clear_value (entry);
}

ZhiAnswerType
zhi_answers_get_answer_type (const ZhiAnswers *self, const char *id)
{
  const Entry *entry;

  g_return_val_if_fail (self != NULL && id != NULL, ZHI_ANSWER_NONE);
  entry = g_hash_table_lookup (self->entries, id);
  return entry != NULL ? entry->type : ZHI_ANSWER_NONE;
}

gboolean
zhi_answers_get_bool (const ZhiAnswers *self, const char *id, gboolean *value)
{
  const Entry *entry = lookup (self, id, ZHI_ANSWER_BOOL);

  if (entry == NULL)
    return FALSE;
  if (value != NULL)
    *value = entry->bool_value;
  return TRUE;
}

const char *
zhi_answers_get_level (const ZhiAnswers *self, const char *id)
{
  const Entry *entry = lookup (self, id, ZHI_ANSWER_LEVEL);

  return entry != NULL ? entry->str : NULL;
}

gboolean
zhi_answers_get_ratio (const ZhiAnswers *self,
                       const char *id,
                       double *numerator,
                       double *denominator,
                       double *benchmark)
{
  const Entry *entry = lookup (self, id, ZHI_ANSWER_RATIO);

  if (entry == NULL)
    return FALSE;
  if (numerator != NULL)
    *numerator = entry->a;
  if (denominator != NULL)
    *denominator = entry->b;
  if (benchmark != NULL)
    *benchmark = entry->c;
  return TRUE;
}

gboolean
zhi_answers_get_kpi (const ZhiAnswers *self, const char *id, double *baseline, double *current)
{
  const Entry *entry = lookup (self, id, ZHI_ANSWER_KPI);

  if (entry == NULL)
    return FALSE;
  if (baseline != NULL)
    *baseline = entry->a;
  if (current != NULL)
    *current = entry->b;
  return TRUE;
}

gboolean
zhi_answers_get_kpi_details (const ZhiAnswers *self,
                             const char *id,
                             int *baseline_year,
                             int *current_year,
                             const char **source)
{
  const Entry *entry = lookup (self, id, ZHI_ANSWER_KPI);

  if (baseline_year != NULL)
    *baseline_year = entry != NULL ? entry->year_a : 0;
  if (current_year != NULL)
    *current_year = entry != NULL ? entry->year_b : 0;
  if (source != NULL)
    *source = entry != NULL ? entry->str : NULL;
  return entry != NULL;
}

gboolean
zhi_answers_get_count (const ZhiAnswers *self, const char *id, gint64 *count)
{
  const Entry *entry = lookup (self, id, ZHI_ANSWER_COUNT);

  if (entry == NULL)
    return FALSE;
  if (count != NULL)
    *count = entry->count;
  return TRUE;
}

const char *
zhi_answers_get_text (const ZhiAnswers *self, const char *id)
{
  const Entry *entry = lookup (self, id, ZHI_ANSWER_TEXT);

  return entry != NULL ? entry->str : NULL;
}

const char *
zhi_answers_get_note (const ZhiAnswers *self, const char *id)
{
  const Entry *entry;

  g_return_val_if_fail (self != NULL && id != NULL, NULL);
  entry = g_hash_table_lookup (self->entries, id);
  return entry != NULL ? entry->note : NULL;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *
zhi_answers_list_ids (const ZhiAnswers *self)
{
  GPtrArray *ids;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);
  ids = g_ptr_array_new_full (g_hash_table_size (self->entries), g_free);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_ids);
  return ids;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

static void
add_double (JsonBuilder *builder, const char *name, double value)
{
  /* a number not entered is left out */
  if (!isfinite (value))
    return;
  json_builder_set_member_name (builder, name);
  /* integral values are written as integers, which read back exactly as doubles */
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64)value);
  else
    json_builder_add_double_value (builder, value);
}

static JsonNode *
entry_to_json (const Entry *entry)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type_names[entry->type]);
  switch (entry->type)
    {
      case ZHI_ANSWER_NONE:
        break;
      case ZHI_ANSWER_BOOL:
        json_builder_set_member_name (builder, "value");
        json_builder_add_boolean_value (builder, entry->bool_value);
        break;
      case ZHI_ANSWER_LEVEL:
        json_builder_set_member_name (builder, "level");
        json_builder_add_string_value (builder, entry->str);
        break;
      case ZHI_ANSWER_RATIO:
        add_double (builder, "numerator", entry->a);
        add_double (builder, "denominator", entry->b);
        add_double (builder, "benchmark", entry->c);
        break;
      case ZHI_ANSWER_KPI:
        add_double (builder, "baseline", entry->a);
        add_double (builder, "current", entry->b);
        if (entry->year_a > 0)
          {
            json_builder_set_member_name (builder, "baseline_year");
            json_builder_add_int_value (builder, entry->year_a);
          }
        if (entry->year_b > 0)
          {
            json_builder_set_member_name (builder, "current_year");
            json_builder_add_int_value (builder, entry->year_b);
          }
        if (entry->str != NULL)
          {
            json_builder_set_member_name (builder, "source");
            json_builder_add_string_value (builder, entry->str);
          }
        break;
      case ZHI_ANSWER_COUNT:
        json_builder_set_member_name (builder, "count");
        json_builder_add_int_value (builder, entry->count);
        break;
      case ZHI_ANSWER_TEXT:
        json_builder_set_member_name (builder, "text");
        json_builder_add_string_value (builder, entry->str);
        break;
      default:
        g_assert_not_reached ();
    }
  if (entry->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, entry->note);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
zhi_answers_get_json (const ZhiAnswers *self, const char *id)
{
  const Entry *entry;

  g_return_val_if_fail (self != NULL && id != NULL, NULL);
  entry = g_hash_table_lookup (self->entries, id);
  return entry != NULL ? entry_to_json (entry) : NULL;
}

static gboolean
member_string (
    JsonObject *object, const char *id, const char *name, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("Answer “%s”: “%s” must be a string"), id, name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
member_number (JsonObject *object,
               const char *id,
               const char *name,
               gboolean optional,
               double *out,
               GError **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if ((node == NULL && optional) || (node != NULL && JSON_NODE_HOLDS_NULL (node)))
    {
      *out = NAN;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("Answer “%s”: “%s” must be a number"), id, name);
      return FALSE;
    }
  *out = finite_or_nan (json_node_get_double (node));
  return TRUE;
}

/* An optional year: absent or null → 0; else an integer from 1 to 9999. */
static gboolean
member_year (JsonObject *object, const char *id, const char *name, int *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || (value = json_node_get_int (node)) < 1 || value > 9999)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("Answer “%s”: “%s” must be a year, such as 2023"), id, name);
      return FALSE;
    }
  *out = (int)value;
  return TRUE;
}

static gboolean
check_keys (JsonObject *object, const char *id, const char *const *allowed, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _ ("Answer “%s”: unknown key “%s”"), id, (const char *)l->data);
        return FALSE;
      }
  return TRUE;
}

/* Parses node into a fresh Entry, or fails leaving nothing behind. */
static Entry *
entry_from_json (const char *id, JsonNode *node, GError **error)
{
  static const char *const keys[][8] = {
    [ZHI_ANSWER_NONE] = { "type", "note", NULL },
    [ZHI_ANSWER_BOOL] = { "type", "note", "value", NULL },
    [ZHI_ANSWER_LEVEL] = { "type", "note", "level", NULL },
    [ZHI_ANSWER_RATIO] = { "type", "note", "numerator", "denominator", "benchmark", NULL },
    [ZHI_ANSWER_KPI]
    = { "type", "note", "baseline", "current", "baseline_year", "current_year", "source", NULL },
    [ZHI_ANSWER_COUNT] = { "type", "note", "count", NULL },
    [ZHI_ANSWER_TEXT] = { "type", "note", "text", NULL },
  };
  JsonObject *object;
  JsonNode *member;
  const char *type_name = "none";
  const char *str = NULL;
  Entry *entry;
  int type = -1;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("Answer “%s” must be a JSON object"), id);
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_has_member (object, "type")
      && !member_string (object, id, "type", &type_name, error))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (strcmp (type_names[i], type_name) == 0)
      type = (int)i;
  if (type < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("Answer “%s”: unknown type “%s”"),
                   id, type_name);
      return NULL;
    }
  if (!check_keys (object, id, keys[type], error))
    return NULL;

  entry = g_new0 (Entry, 1);
  entry->type = type;
  entry->c = NAN;
  if (json_object_has_member (object, "note"))
    {
      if (!member_string (object, id, "note", &str, error))
        goto fail;
      entry->note = g_strdup (str);
    }
  switch (entry->type)
    {
      case ZHI_ANSWER_NONE:
        if (entry->note == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _ ("Answer “%s” has neither a value nor a note"), id);
            goto fail;
          }
        break;
      case ZHI_ANSWER_BOOL:
        member = json_object_get_member (object, "value");
        if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
            || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _ ("Answer “%s”: “%s” must be true or false"), id, "value");
            goto fail;
          }
        entry->bool_value = json_node_get_boolean (member);
        break;
      case ZHI_ANSWER_LEVEL:
        if (!member_string (object, id, "level", &str, error))
          goto fail;
        entry->str = g_strdup (str);
        break;
      case ZHI_ANSWER_TEXT:
        if (!member_string (object, id, "text", &str, error))
          goto fail;
        entry->str = g_strdup (str);
        break;
      case ZHI_ANSWER_RATIO:
        if (!member_number (object, id, "numerator", TRUE, &entry->a, error)
            || !member_number (object, id, "denominator", TRUE, &entry->b, error)
            || !member_number (object, id, "benchmark", TRUE, &entry->c, error))
          goto fail;
        break;
      case ZHI_ANSWER_KPI:
        if (!member_number (object, id, "baseline", TRUE, &entry->a, error)
            || !member_number (object, id, "current", TRUE, &entry->b, error)
            || !member_year (object, id, "baseline_year", &entry->year_a, error)
            || !member_year (object, id, "current_year", &entry->year_b, error))
          goto fail;
        if (json_object_has_member (object, "source")
            && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "source")))
          {
            if (!member_string (object, id, "source", &str, error))
              goto fail;
            entry->str = *str != '\0' ? g_strdup (str) : NULL;
          }
        break;
      case ZHI_ANSWER_COUNT:
        member = json_object_get_member (object, "count");
        if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
            || json_node_get_value_type (member) != G_TYPE_INT64)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _ ("Answer “%s”: “%s” must be an integer"), id, "count");
            goto fail;
          }
        entry->count = json_node_get_int (member);
        break;
      default:
        g_assert_not_reached ();
    }
  return entry;

fail:
  entry_free (entry);
  return NULL;
}

gboolean
zhi_answers_set_json (ZhiAnswers *self, const char *id, JsonNode *node, GError **error)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_hash_table_remove (self->entries, id);
      return TRUE;
    }
  entry = entry_from_json (id, node, error);
  if (entry == NULL)
    return FALSE;
  g_hash_table_insert (self->entries, g_strdup (id), entry);
  return TRUE;
}

JsonNode *
zhi_answers_to_json (const ZhiAnswers *self)
{
  g_autoptr (GPtrArray) ids = NULL;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (self != NULL, NULL);
  ids = zhi_answers_list_ids (self);
  object = json_object_new ();
  for (guint i = 0; i < ids->len; i++)
    json_object_set_member (object, ids->pdata[i],
                            entry_to_json (g_hash_table_lookup (self->entries, ids->pdata[i])));
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, object);
  return root;
}

ZhiAnswers *
zhi_answers_from_json (JsonNode *node, GError **error)
{
  g_autoptr (ZhiAnswers) self = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The answers must be a JSON object keyed by id"));
      return NULL;
    }
  self = zhi_answers_new ();
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *id = l->data;
      JsonNode *member = json_object_get_member (object, id);

      if (JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!zhi_answers_set_json (self, id, member, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}
