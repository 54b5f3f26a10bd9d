/* zhi-industry-row.h — the enterprise's industry division (GB/T 4754-2017): a row showing it
 * and a searchable list of the manufacturing divisions to choose from */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZHI_TYPE_INDUSTRY_ROW (zhi_industry_row_get_type ())
G_DECLARE_FINAL_TYPE (ZhiIndustryRow, zhi_industry_row, ZHI, INDUSTRY_ROW, AdwActionRow)

GtkWidget *zhi_industry_row_new (void);
/* Shows the division held by the project ("" when none; a code that is no manufacturing
 * division is shown as an error).  ZhiIndustryRow::chosen (const char *code) is emitted when
 * the user picks one. */
void zhi_industry_row_set_division (ZhiIndustryRow *self, const char *code);
const char *zhi_industry_row_get_subtitle (ZhiIndustryRow *self);
GtkWidget *zhi_industry_row_get_button (ZhiIndustryRow *self);
GtkWidget *zhi_industry_row_get_search (ZhiIndustryRow *self);
GtkWidget *zhi_industry_row_get_list (ZhiIndustryRow *self);

G_END_DECLS
