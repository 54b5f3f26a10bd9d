/* zhi-preview-sheet.c — one page of a previewed evidence document */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-preview-sheet.h"

struct _ZhiPreviewSheet
{
  GtkBox parent_instance;

  /* Template Widgets */
  GtkPicture *picture;
  GtkLabel *label;

  guint index;
};

G_DEFINE_FINAL_TYPE (ZhiPreviewSheet, zhi_preview_sheet, GTK_TYPE_BOX)

void
zhi_preview_sheet_set_page (ZhiPreviewSheet *self, guint index, guint n_pages)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ZHI_IS_PREVIEW_SHEET (self));

  text = g_strdup_printf (_ ("Page %u of %u"), index + 1, n_pages);
  gtk_label_set_text (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  self->index = index;
}

guint
zhi_preview_sheet_get_index (ZhiPreviewSheet *self)
{
  g_return_val_if_fail (ZHI_IS_PREVIEW_SHEET (self), 0);
  return self->index;
}

void
zhi_preview_sheet_set_texture (ZhiPreviewSheet *self, GdkTexture *texture)
{
  g_return_if_fail (ZHI_IS_PREVIEW_SHEET (self));

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  /* a page-shaped placeholder until the page is rendered */
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, texture != NULL ? -1 : 360);
}

static void
zhi_preview_sheet_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ZHI_TYPE_PREVIEW_SHEET);
  G_OBJECT_CLASS (zhi_preview_sheet_parent_class)->dispose (object);
}

static void
zhi_preview_sheet_class_init (ZhiPreviewSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_preview_sheet_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/rows/zhi-preview-sheet.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiPreviewSheet, picture);
  gtk_widget_class_bind_template_child (widget_class, ZhiPreviewSheet, label);
}

static void
zhi_preview_sheet_init (ZhiPreviewSheet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zhi_preview_sheet_new (void)
{
  return g_object_new (ZHI_TYPE_PREVIEW_SHEET, NULL);
}
