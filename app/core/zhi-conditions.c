/* zhi-conditions.c — conditions.json (ZhiConditions): the application conditions and the
 * exclusions, read strictly with the reader of zhi-standard-parser.c
 */
#include "zhi-standard-parser-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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

static gpointer
conditions_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  return zhi_conditions_new_from_bytes (bytes, name, error);
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
  self->errata = g_ptr_array_new_with_free_func (zhi_parse_erratum_free);
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
parse_encouraged (ZhiParseCtx *c, JsonObject *object, ZhiCondition *cond)
{
  static const char *const keys[] = { "id", "text", "short", "checks", NULL };
  JsonNode *node = json_object_get_member (object, "encouraged");
  JsonObject *eo;
  ZhiEncouraged *part;
  gsize old;
  gboolean ok;

  if (node == NULL)
    return TRUE;
  old = zhi_parse_push_key (c, "encouraged");
  part = cond->encouraged = g_new0 (ZhiEncouraged, 1);
  ok = zhi_parse_as_object (c, node, keys, &eo)
       && zhi_parse_get_string (c, eo, "id", TRUE, &part->id) && zhi_parse_claim_id (c, part->id)
       && zhi_parse_get_text (c, eo, "text", TRUE, &part->text)
       && zhi_parse_get_text (c, eo, "short", TRUE, &part->short_name)
       && zhi_parse_get_text_list (c, eo, "checks", FALSE, &part->checks);
  if (ok && strstr (cond->text.zh, part->text.zh) == NULL)
    {
      zhi_parse_push_key (c, "text");
      return zhi_parse_fail (
          c, ZHI_STANDARD_ERROR_SCHEMA,
          _ ("“%s” is not part of the condition's text: the encouraged part must be the "
             "seed's own words"),
          part->text.zh);
    }
  if (ok)
    zhi_parse_pop (c, old);
  return ok;
}

static gboolean
parse_condition (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[]
      = { "id", "mark", "text", "required", "short", "checks", "encouraged", NULL };
  ZhiCondition *cond = g_new0 (ZhiCondition, 1);
  JsonObject *object;

  g_ptr_array_add (data, cond);
  return zhi_parse_as_object (c, node, keys, &object)
         && zhi_parse_get_string (c, object, "id", TRUE, &cond->id)
         && zhi_parse_claim_id (c, cond->id)
         && zhi_parse_get_string (c, object, "mark", TRUE, &cond->mark)
         && zhi_parse_get_text (c, object, "text", TRUE, &cond->text)
         && zhi_parse_get_bool (c, object, "required", TRUE, &cond->required)
         && zhi_parse_get_text (c, object, "short", TRUE, &cond->short_name)
         && zhi_parse_get_text_list (c, object, "checks", FALSE, &cond->checks)
         && parse_encouraged (c, object, cond);
}

static gboolean
parse_exclusion (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "id", "mark", "text", "short", NULL };
  ZhiExclusion *excl = g_new0 (ZhiExclusion, 1);
  JsonObject *object;

  g_ptr_array_add (data, excl);
  return zhi_parse_as_object (c, node, keys, &object)
         && zhi_parse_get_string (c, object, "id", TRUE, &excl->id)
         && zhi_parse_claim_id (c, excl->id)
         && zhi_parse_get_string (c, object, "mark", TRUE, &excl->mark)
         && zhi_parse_get_text (c, object, "text", TRUE, &excl->text)
         && zhi_parse_get_text (c, object, "short", TRUE, &excl->short_name);
}

static gboolean
parse_conditions (ZhiParseCtx *c, JsonNode *node, ZhiConditions *self)
{
  static const char *const keys[]
      = { "format", "source", "conditions", "exclusions", "errata", NULL };
  JsonObject *root;
  JsonArray *conditions, *exclusions;

  return zhi_parse_as_object (c, node, keys, &root) && zhi_parse_check_format (c, root)
         && zhi_parse_get_text (c, root, "source", TRUE, &self->source)
         && zhi_parse_get_array (c, root, "conditions", TRUE, TRUE, &conditions)
         && zhi_parse_get_array (c, root, "exclusions", TRUE, TRUE, &exclusions)
         && zhi_parse_each (c, "conditions", conditions, parse_condition, self->conditions)
         && zhi_parse_each (c, "exclusions", exclusions, parse_exclusion, self->exclusions)
         && zhi_parse_errata (c, root, self->errata, conditions_text_of, self);
}

ZhiConditions *
zhi_conditions_new_checked (GBytes *bytes, const char *name, GPtrArray *problems, GError **error)
{
  return zhi_parse_load_document_checked (ZHI_TYPE_CONDITIONS, (ZhiParseFunc)parse_conditions,
                                          bytes, name, problems, error);
}

ZhiConditions *
zhi_conditions_new_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return zhi_conditions_new_checked (bytes, name != NULL ? name : "(conditions)", NULL, error);
}

ZhiConditions *
zhi_conditions_new_from_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return zhi_parse_load_document_file (path, (ZhiFromBytesFunc)zhi_conditions_new_from_bytes,
                                       error);
}

ZhiConditions *
zhi_conditions_load_builtin (GError **error)
{
  return zhi_parse_load_builtin_object ("conditions.json", conditions_from_bytes, error);
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
