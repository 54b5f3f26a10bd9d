/* zhi-guide.c — guide.json (ZhiGuide): the guide's sections, read strictly with the reader of
 * zhi-standard-parser.c
 */
#include "zhi-standard-parser-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static void
section_free (gpointer p)
{
  ZhiGuideSection *section = p;

  g_free (section->id);
  zhi_text_clear (&section->title);
  g_clear_pointer (&section->paragraphs, g_ptr_array_unref);
  g_free (section);
}

static gpointer
guide_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  return zhi_guide_new_from_bytes (bytes, name, error);
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
parse_section (ZhiParseCtx *c, JsonNode *node, guint index, gpointer data)
{
  static const char *const keys[] = { "id", "title", "paragraphs", NULL };
  ZhiGuideSection *section = g_new0 (ZhiGuideSection, 1);
  JsonObject *object;

  g_ptr_array_add (data, section);
  return zhi_parse_as_object (c, node, keys, &object)
         && zhi_parse_get_string (c, object, "id", TRUE, &section->id)
         && zhi_parse_claim_id (c, section->id)
         && zhi_parse_get_text (c, object, "title", TRUE, &section->title)
         && zhi_parse_get_text_list (c, object, "paragraphs", TRUE, &section->paragraphs);
}

static gboolean
parse_guide (ZhiParseCtx *c, JsonNode *node, ZhiGuide *self)
{
  static const char *const keys[] = { "format", "sections", NULL };
  JsonObject *root;

  return zhi_parse_as_object (c, node, keys, &root) && zhi_parse_check_format (c, root)
         && zhi_parse_each_member (c, root, "sections", TRUE, TRUE, parse_section, self->sections);
}

ZhiGuide *
zhi_guide_new_checked (GBytes *bytes, const char *name, GPtrArray *problems, GError **error)
{
  return zhi_parse_load_document_checked (ZHI_TYPE_GUIDE, (ZhiParseFunc)parse_guide, bytes, name,
                                          problems, error);
}

ZhiGuide *
zhi_guide_new_from_bytes (GBytes *bytes, const char *name, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return zhi_guide_new_checked (bytes, name != NULL ? name : "(guide)", NULL, error);
}

ZhiGuide *
zhi_guide_new_from_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return zhi_parse_load_document_file (path, (ZhiFromBytesFunc)zhi_guide_new_from_bytes, error);
}

ZhiGuide *
zhi_guide_load_builtin (GError **error)
{
  return zhi_parse_load_builtin_object ("guide.json", guide_from_bytes, error);
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
