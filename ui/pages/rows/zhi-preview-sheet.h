/* zhi-preview-sheet.h — one page of a previewed evidence document */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZHI_TYPE_PREVIEW_SHEET (zhi_preview_sheet_get_type ())
G_DECLARE_FINAL_TYPE (ZhiPreviewSheet, zhi_preview_sheet, ZHI, PREVIEW_SHEET, GtkBox)

GtkWidget *zhi_preview_sheet_new (void);
/* The page shown: @index (0-based) of @n_pages, named under the picture and for screen
 * readers. */
void zhi_preview_sheet_set_page (ZhiPreviewSheet *self, guint index, guint n_pages);
guint zhi_preview_sheet_get_index (ZhiPreviewSheet *self);
/* The rendered page, or NULL for a page-shaped placeholder until it is rendered. */
void zhi_preview_sheet_set_texture (ZhiPreviewSheet *self, GdkTexture *texture);

G_END_DECLS
