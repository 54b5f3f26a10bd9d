/* zhi-support-row.h — "this item supports that criterion or rule": a row with a switch */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZHI_TYPE_SUPPORT_ROW (zhi_support_row_get_type ())
G_DECLARE_FINAL_TYPE (ZhiSupportRow, zhi_support_row, ZHI, SUPPORT_ROW, AdwActionRow)

/* @support_id: a criterion, condition or exclusion id; @title its name (zhi_support_name) */
GtkWidget *zhi_support_row_new (const char *support_id, const char *title);
const char *zhi_support_row_get_support_id (ZhiSupportRow *self);
GtkSwitch *zhi_support_row_get_switch (ZhiSupportRow *self);
/* Shows whether the item supports it, without emitting ZhiSupportRow::toggled. */
void zhi_support_row_set_active (ZhiSupportRow *self, gboolean active);

G_END_DECLS
