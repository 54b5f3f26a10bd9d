/* zhi-standard.c — a track standard (ZhiStandard): its criteria, indicators, gates, KPIs and
 * bands, read strictly from resources/standards/<track>.json (docs/standards-format.md) with the
 * reader of zhi-standard-parser.c
 */
#include "zhi-standard-parser-private.h"
#include "zhi-sha256.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

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
  self->errata = g_ptr_array_new_with_free_func (zhi_parse_erratum_free);
  self->criterion_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->indicator_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->gate_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
parse_level (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "id", "name", "confirmed", NULL };
  ZhiIndicator *ind = data;
  ZhiLevel *level = g_new0 (ZhiLevel, 1);
  JsonObject *lo;

  g_ptr_array_add (ind->levels, level);
  if (!zhi_parse_as_object (c, node, keys, &lo)
      || !zhi_parse_get_string (c, lo, "id", TRUE, &level->id)
      || !zhi_parse_get_text (c, lo, "name", TRUE, &level->name)
      || !zhi_parse_get_bool (c, lo, "confirmed", TRUE, &level->confirmed))
    return FALSE;
  for (guint j = 0; j < index; j++)
    if (strcmp (((ZhiLevel *)ind->levels->pdata[j])->id, level->id) == 0)
      {
        zhi_parse_push_key (c, "id");
        return zhi_parse_fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("duplicate level id “%s”"),
                               level->id);
      }
  return TRUE;
}

static gboolean
parse_levels (ZhiParseCtx *c, JsonObject *object, ZhiIndicator *ind)
{
  g_autofree char *min = NULL;
  JsonArray *array;
  int min_index;

  if (!zhi_parse_get_array (c, object, "levels", TRUE, TRUE, &array))
    return FALSE;
  ind->levels = g_ptr_array_new_with_free_func (level_free);
  if (!zhi_parse_each (c, "levels", array, parse_level, ind))
    return FALSE;
  if (!zhi_parse_get_string (c, object, "min", TRUE, &min))
    return FALSE;
  min_index = zhi_indicator_level_index (ind, min);
  if (min_index < 0)
    {
      zhi_parse_push_key (c, "min");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE,
                             _ ("“%s” is not one of the indicator’s levels"), min);
    }
  ind->min_level = (guint)min_index;
  return TRUE;
}

/* The indicator at the current path; crit is NULL for a track indicator. */
static gboolean
parse_indicator (ZhiParseCtx *c, JsonNode *node, ZhiCriterion *crit, ZhiIndicator *ind)
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
    return zhi_parse_wrong_type (c, "an object", node);
  object = json_node_get_object (node);
  if (!zhi_parse_get_string (c, object, "kind", TRUE, &kind))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (kind, kind_names[i]) == 0)
      k = (int)i;
  if (k < 0)
    {
      gsize old = zhi_parse_push_key (c, "kind");

      zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                      _ ("unknown kind “%s” (expected check, level, ratio, kpi, count or text)"),
                      kind);
      zhi_parse_pop (c, old);
      return FALSE;
    }
  ind->kind = (ZhiIndicatorKind)k;
  for (gsize i = 0; i < G_N_ELEMENTS (common); i++)
    allowed[n++] = common[i];
  for (gsize i = 0; extra[k][i] != NULL; i++)
    allowed[n++] = extra[k][i];
  if (!zhi_parse_as_object (c, node, allowed, &object))
    return FALSE;

  ind->criterion = crit;
  if (!zhi_parse_get_string (c, object, "id", TRUE, &ind->id) || !zhi_parse_claim_id (c, ind->id))
    return FALSE;
  if (crit != NULL
      && !(g_str_has_prefix (ind->id, crit->id) && ind->id[strlen (crit->id)] == '.'
           && ind->id[strlen (crit->id) + 1] != '\0'))
    {
      zhi_parse_push_key (c, "id");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                             _ ("“%s” must be the criterion id “%s” followed by “.” and a name"),
                             ind->id, crit->id);
    }
  if (!zhi_parse_get_text (c, object, "label", TRUE, &ind->label)
      || !zhi_parse_get_text (c, object, "help", FALSE, &ind->help)
      || !zhi_parse_get_int (c, object, "share", TRUE, 0, crit != NULL ? 100 : 0, &share)
      || !zhi_parse_get_string (c, object, "item", FALSE, &ind->item))
    return FALSE;
  ind->share = (int)share;
  if (ind->kind == ZHI_INDICATOR_TEXT && share != 0)
    {
      zhi_parse_push_key (c, "share");
      return zhi_parse_fail (
          c, ZHI_STANDARD_ERROR_SCHEMA,
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
        if (!zhi_parse_get_text (c, object, "numerator", TRUE, &ind->numerator)
            || !zhi_parse_get_text (c, object, "denominator", TRUE, &ind->denominator)
            || !zhi_parse_get_string (c, object, "unit", TRUE, &ind->unit)
            || !zhi_parse_get_bool (c, object, "threshold_from_benchmark", FALSE,
                                    &ind->threshold_from_benchmark))
          return FALSE;
        if (ind->threshold_from_benchmark)
          {
            if (json_object_has_member (object, "threshold"))
              {
                zhi_parse_push_key (c, "threshold");
                return zhi_parse_fail (
                    c, ZHI_STANDARD_ERROR_SCHEMA,
                    _ ("give either “threshold” or “threshold_from_benchmark”, not both"));
              }
            return TRUE;
          }
        return zhi_parse_get_number (c, object, "threshold", TRUE, 0, 1, TRUE, &ind->threshold);
      case ZHI_INDICATOR_KPI:
        {
          g_autofree char *better = NULL;

          if (!zhi_parse_get_string (c, object, "better", TRUE, &better)
              || !zhi_parse_get_text (c, object, "unit", TRUE, &ind->kpi_unit))
            return FALSE;
          if (strcmp (better, "higher") != 0 && strcmp (better, "lower") != 0)
            {
              zhi_parse_push_key (c, "better");
              return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                                     _ ("“%s” is neither “lower” nor “higher”"), better);
            }
          ind->better_higher = strcmp (better, "higher") == 0;
          return TRUE;
        }
      case ZHI_INDICATOR_COUNT:
        if (!zhi_parse_get_int (c, object, "min", TRUE, 1, G_MAXINT32, &ind->min_count)
            || !zhi_parse_get_string (c, object, "derived", FALSE, &ind->derived))
          return FALSE;
        if (ind->derived != NULL && strcmp (ind->derived, "scenarios") != 0)
          {
            zhi_parse_push_key (c, "derived");
            return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                                   _ ("unknown source “%s” (expected scenarios)"), ind->derived);
          }
        return TRUE;
      case ZHI_INDICATOR_TEXT:
        if (!zhi_parse_get_int (c, object, "min_chars", TRUE, 0, G_MAXINT32, &ind->min_chars)
            || !zhi_parse_get_int (c, object, "max_chars", TRUE, 1, G_MAXINT32, &ind->max_chars))
          return FALSE;
        if (ind->max_chars < ind->min_chars)
          {
            zhi_parse_push_key (c, "max_chars");
            return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                                   _ ("%lld is below min_chars (%lld)"), (long long)ind->max_chars,
                                   (long long)ind->min_chars);
          }
        return TRUE;
      default:
        g_assert_not_reached ();
    }
}

typedef struct
{
  ZhiCriterion *crit;
  GPtrArray *out;
  GHashTable *ids; /* by_id: id → indicator; item ids: a set */
} ListData;

static gboolean
parse_indicator_element (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  ListData *d = data;
  ZhiIndicator *ind = g_new0 (ZhiIndicator, 1);

  g_ptr_array_add (d->out, ind);
  if (!parse_indicator (c, node, d->crit, ind))
    return FALSE;
  g_hash_table_insert (d->ids, ind->id, ind);
  return TRUE;
}

static gboolean
parse_indicator_list (
    ZhiParseCtx *c, JsonArray *array, ZhiCriterion *crit, GPtrArray *out, GHashTable *by_id)
{
  ListData data = { crit, out, by_id };

  return zhi_parse_each (c, NULL, array, parse_indicator_element, &data);
}

static gboolean
parse_sub_item (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "id", "mark", "text", NULL };
  ListData *d = data;
  ZhiSubItem *sub = g_new0 (ZhiSubItem, 1);
  JsonObject *object;

  g_ptr_array_add (d->out, sub);
  if (!zhi_parse_as_object (c, node, keys, &object)
      || !zhi_parse_get_string (c, object, "id", TRUE, &sub->id) || !zhi_parse_claim_id (c, sub->id)
      || !zhi_parse_get_string (c, object, "mark", TRUE, &sub->mark)
      || !zhi_parse_get_text (c, object, "text", TRUE, &sub->text))
    return FALSE;
  g_hash_table_add (d->ids, sub->id);
  return TRUE;
}

static gboolean
parse_item (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "id", "text", "sub_items", NULL };
  ListData *d = data;
  ZhiItem *item = g_new0 (ZhiItem, 1);
  ListData sub_data = { d->crit, NULL, d->ids };
  JsonObject *object;
  JsonArray *subs;

  g_ptr_array_add (d->out, item);
  item->sub_items = g_ptr_array_new_with_free_func (sub_item_free);
  if (!zhi_parse_as_object (c, node, keys, &object)
      || !zhi_parse_get_string (c, object, "id", TRUE, &item->id)
      || !zhi_parse_claim_id (c, item->id)
      || !zhi_parse_get_text (c, object, "text", TRUE, &item->text)
      || !zhi_parse_get_array (c, object, "sub_items", FALSE, TRUE, &subs))
    return FALSE;
  g_hash_table_add (d->ids, item->id);
  sub_data.out = item->sub_items;
  return zhi_parse_each (c, "sub_items", subs, parse_sub_item, &sub_data);
}

/* Each indicator's "item" must name an item in item_ids; array is the indicators' JSON. */
static gboolean
check_item_refs (ZhiParseCtx *c, GPtrArray *indicators, GHashTable *item_ids)
{
  for (guint i = 0; i < indicators->len; i++)
    {
      const ZhiIndicator *ind = indicators->pdata[i];

      if (ind->item != NULL && !g_hash_table_contains (item_ids, ind->item))
        {
          gsize old = zhi_parse_push_index (c, i);

          zhi_parse_push_key (c, "item");
          zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("no item “%s” in %s"), ind->item,
                          ind->criterion != NULL ? ind->criterion->id : _ ("this standard"));
          zhi_parse_pop (c, old);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_criterion (ZhiParseCtx *c,
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
  if (!zhi_parse_as_object (c, node, keys, &object)
      || !zhi_parse_get_string (c, object, "id", TRUE, &crit->id)
      || !zhi_parse_claim_id (c, crit->id)
      || !zhi_parse_get_int (c, object, "number", TRUE, 1, 1000, &number)
      || !zhi_parse_get_text (c, object, "title", TRUE, &crit->title)
      || !zhi_parse_get_int (c, object, "weight", TRUE, 0, 100, &weight)
      || !zhi_parse_get_text (c, object, "weight_reason", TRUE, &crit->weight_reason)
      || !zhi_parse_get_array (c, object, "items", TRUE, TRUE, &items)
      || !zhi_parse_get_array (c, object, "indicators", TRUE, TRUE, &indicators))
    return FALSE;
  crit->number = (int)number;
  crit->weight = (int)weight;
  if (number != index + 1)
    {
      zhi_parse_push_key (c, "number");
      return zhi_parse_fail (
          c, ZHI_STANDARD_ERROR_SCHEMA,
          _ ("criterion number %d where %u was expected (criteria are numbered 1, 2, … in "
             "order)"),
          crit->number, index + 1);
    }

  if (!zhi_parse_each (c, "items", items, parse_item, &(ListData){ crit, crit->items, item_ids }))
    return FALSE;
  old = zhi_parse_push_key (c, "indicators");
  if (!parse_indicator_list (c, indicators, crit, crit->indicators, indicator_by_id)
      || !check_item_refs (c, crit->indicators, item_ids))
    return FALSE;
  for (guint i = 0; i < crit->indicators->len; i++)
    shares += ((ZhiIndicator *)crit->indicators->pdata[i])->share;
  if (shares != 100)
    return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SUM,
                           _ ("the indicators’ shares sum to %d, not 100"), shares);
  zhi_parse_pop (c, old);

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
parse_cite (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "code", "title", NULL };
  ZhiCite *cite = g_new0 (ZhiCite, 1);
  JsonObject *object;

  g_ptr_array_add (data, cite);
  return zhi_parse_as_object (c, node, keys, &object)
         && zhi_parse_get_string (c, object, "code", TRUE, &cite->code)
         && zhi_parse_get_text (c, object, "title", TRUE, &cite->title);
}

static gboolean
parse_gate (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "id", "indicator", "text", "source", NULL };
  ZhiStandard *self = data;
  ZhiGate *gate = g_new0 (ZhiGate, 1);
  g_autofree char *indicator = NULL;
  JsonObject *object;

  g_ptr_array_add (self->gates, gate);
  if (!zhi_parse_as_object (c, node, keys, &object)
      || !zhi_parse_get_string (c, object, "id", TRUE, &gate->id)
      || !zhi_parse_claim_id (c, gate->id)
      || !zhi_parse_get_string (c, object, "indicator", TRUE, &indicator)
      || !zhi_parse_get_text (c, object, "text", TRUE, &gate->text)
      || !zhi_parse_get_text (c, object, "source", TRUE, &gate->source))
    return FALSE;
  gate->indicator = g_hash_table_lookup (self->indicator_by_id, indicator);
  if (gate->indicator == NULL)
    {
      zhi_parse_push_key (c, "indicator");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE,
                             _ ("no indicator “%s” in this standard"), indicator);
    }
  g_hash_table_insert (self->gate_by_id, gate->id, gate);
  return TRUE;
}

static gboolean
parse_kpi (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  ZhiStandard *self = data;
  const ZhiIndicator *ind;
  const char *id;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return zhi_parse_wrong_type (c, "an indicator id (a string)", node);
  id = json_node_get_string (node);
  ind = g_hash_table_lookup (self->indicator_by_id, id);
  if (ind == NULL)
    return zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE,
                           _ ("no indicator “%s” in this standard"), id);
  if (ind->kind != ZHI_INDICATOR_KPI)
    return zhi_parse_fail (c, ZHI_STANDARD_ERROR_REFERENCE, _ ("indicator “%s” is a %s, not a kpi"),
                           id, kind_names[ind->kind]);
  for (guint j = 0; j < self->kpis->len; j++)
    if (self->kpis->pdata[j] == ind)
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("“%s” is listed twice"), id);
  g_ptr_array_add (self->kpis, (gpointer)ind);
  return TRUE;
}

typedef struct
{
  GPtrArray *out;
  guint n; /* how many bands the file lists */
} BandsData;

static gboolean
parse_band (ZhiParseCtx *c, JsonNode *node, guint i, gpointer data)
{
  static const char *const keys[] = { "min", "id", "label", "advice", NULL };
  BandsData *d = data;
  GPtrArray *out = d->out;
  ZhiBand *band = g_new0 (ZhiBand, 1);
  JsonObject *object;

  g_ptr_array_add (out, band);
  if (!zhi_parse_as_object (c, node, keys, &object)
      || !zhi_parse_get_number (c, object, "min", TRUE, 0, 100, FALSE, &band->min)
      || !zhi_parse_get_string (c, object, "id", TRUE, &band->id)
      || !zhi_parse_get_text (c, object, "label", TRUE, &band->label)
      || !zhi_parse_get_text (c, object, "advice", TRUE, &band->advice))
    return FALSE;
  for (guint j = 0; j < i; j++)
    {
      const ZhiBand *prev = out->pdata[j];

      if (strcmp (prev->id, band->id) == 0)
        {
          zhi_parse_push_key (c, "id");
          return zhi_parse_fail (c, ZHI_STANDARD_ERROR_DUPLICATE, _ ("duplicate band id “%s”"),
                                 band->id);
        }
    }
  if (i > 0 && band->min >= ((ZhiBand *)out->pdata[i - 1])->min)
    {
      zhi_parse_push_key (c, "min");
      return zhi_parse_fail (c, ZHI_STANDARD_ERROR_BANDS,
                             _ ("bands must be listed highest first: %g is not below %g"),
                             band->min, ((ZhiBand *)out->pdata[i - 1])->min);
    }
  if (i == d->n - 1 && band->min != 0)
    {
      zhi_parse_push_key (c, "min");
      return zhi_parse_fail (
          c, ZHI_STANDARD_ERROR_BANDS,
          _ ("the bands do not cover 0..100: the lowest band starts at %g, not 0"), band->min);
    }
  return TRUE;
}

static gboolean
parse_bands (ZhiParseCtx *c, JsonObject *root, GPtrArray *out)
{
  BandsData data = { out, 0 };
  JsonArray *array;

  if (!zhi_parse_get_array (c, root, "bands", TRUE, TRUE, &array))
    return FALSE;
  data.n = json_array_get_length (array);
  return zhi_parse_each (c, "bands", array, parse_band, &data);
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
parse_standard (ZhiParseCtx *c, JsonNode *node, ZhiStandard *self)
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

  if (!zhi_parse_as_object (c, node, keys, &root) || !zhi_parse_check_format (c, root)
      || !zhi_parse_get_string (c, root, "id", TRUE, &self->id)
      || !zhi_parse_get_string (c, root, "edition", TRUE, &self->edition)
      || !zhi_parse_get_text (c, root, "source", TRUE, &self->source)
      || !zhi_parse_get_text (c, root, "issuer", FALSE, &self->issuer)
      || !zhi_parse_get_text (c, root, "track", TRUE, &self->track)
      || !zhi_parse_get_text (c, root, "title", TRUE, &self->title))
    return FALSE;
  for (const char *p = self->id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      {
        zhi_parse_push_key (c, "id");
        return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SCHEMA,
                               _ ("“%s” is not a track id (lower-case letters, digits and “-”)"),
                               self->id);
      }
  if (!zhi_parse_get_text_list (c, root, "definition", TRUE, &self->definition)
      || !zhi_parse_each_member (c, root, "cites", TRUE, FALSE, parse_cite, self->cites)
      || !zhi_parse_get_text (c, root, "weights_note", TRUE, &self->weights_note)
      || !zhi_parse_get_array (c, root, "criteria", TRUE, TRUE, &criteria)
      || !zhi_parse_get_array (c, root, "track_indicators", TRUE, FALSE, &track_indicators))
    return FALSE;

  /* Every criterion is read even after one fails, so that a check lists each one's problem;
   * what depends on all of them (the weights' sum, the gates' references) only when all
   * were read. */
  old = zhi_parse_push_key (c, "criteria");
  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      gsize old_i = zhi_parse_push_index (c, i);
      ZhiCriterion *crit = g_new0 (ZhiCriterion, 1);

      g_ptr_array_add (self->criteria, crit);
      if (!parse_criterion (c, json_array_get_element (criteria, i), i, crit, all_items,
                            self->indicator_by_id))
        {
          failed = TRUE;
          zhi_parse_pop (c, old_i);
          continue;
        }
      g_hash_table_insert (self->criterion_by_id, crit->id, crit);
      weights += crit->weight;
      zhi_parse_pop (c, old_i);
    }
  if (failed)
    {
      zhi_parse_pop (c, old);
      parse_bands (c, root, self->bands); /* independent of the criteria: checked too */
      return FALSE;
    }
  if (weights != 100)
    return zhi_parse_fail (c, ZHI_STANDARD_ERROR_SUM,
                           _ ("the criteria’s weights sum to %d, not 100"), weights);
  zhi_parse_pop (c, old);

  old = zhi_parse_push_key (c, "track_indicators");
  if (!parse_indicator_list (c, track_indicators, NULL, self->track_indicators,
                             self->indicator_by_id)
      || !check_item_refs (c, self->track_indicators, all_items))
    return FALSE;
  zhi_parse_pop (c, old);

  return zhi_parse_each_member (c, root, "gates", TRUE, FALSE, parse_gate, self)
         && zhi_parse_each_member (c, root, "kpis", TRUE, FALSE, parse_kpi, self)
         && parse_bands (c, root, self->bands)
         && zhi_parse_errata (c, root, self->errata, standard_text_of, self);
}

static gpointer
standard_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  return zhi_standard_new_from_bytes (bytes, name, error);
}

ZhiStandard *
zhi_standard_new_checked (GBytes *bytes, const char *name, GPtrArray *problems, GError **error)
{
  ZhiStandard *self;

  self = zhi_parse_load_document_checked (ZHI_TYPE_STANDARD, (ZhiParseFunc)parse_standard, bytes,
                                          name, problems, error);
  if (self != NULL)
    {
      self->file_name = g_strdup (name);
      self->sha256 = zhi_sha256_for_bytes (bytes);
    }
  return self;
}

ZhiStandard *
zhi_standard_new_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return zhi_standard_new_checked (bytes, name != NULL ? name : "(standard)", NULL, error);
}

ZhiStandard *
zhi_standard_new_from_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return zhi_parse_load_document_file (path, (ZhiFromBytesFunc)zhi_standard_new_from_bytes, error);
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
  return zhi_parse_load_builtin_object (file, standard_from_bytes, error);
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
