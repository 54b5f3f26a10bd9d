/* zhi-indicator-card.h — one indicator of a criterion on the criterion page: its header
 * (name, help, points), the answer rows of its kind (yes/no, level, ratio, count, KPI,
 * narrative) and its status (what is computed as the user types, the score's detail) */
#pragma once

#include <adwaita.h>

#include "zhi-project.h"
#include "zhi-scoring.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

#define ZHI_TYPE_INDICATOR_CARD (zhi_indicator_card_get_type ())
G_DECLARE_FINAL_TYPE (ZhiIndicatorCard, zhi_indicator_card, ZHI, INDICATOR_CARD, AdwBin)

/* @indicator of @standard, in criterion @criterion_id; @first_text: the criterion's first
 * narrative, which gets the writing area.  Its parts are registered in @named as
 * "ID:part" (see zhi_criterion_page_lookup), ID itself naming the part page.focus focuses. */
GtkWidget *zhi_indicator_card_new (ZhiStandard *standard,
                                   const ZhiIndicator *indicator,
                                   gboolean first_text,
                                   const char *criterion_id,
                                   GHashTable *named);
const ZhiIndicator *zhi_indicator_card_get_indicator (ZhiIndicatorCard *self);
/* The project the answers are written to (NULL: nothing is written). */
void zhi_indicator_card_set_project (ZhiIndicatorCard *self, ZhiProject *project);
/* Shows the project's answer, keeping what the user is still typing. */
void zhi_indicator_card_sync (ZhiIndicatorCard *self);
/* Shows the score's result: the points, the detail and the status; @outside_length: the
 * narrative is written but its length is an open item of the checklist. */
void zhi_indicator_card_show_result (ZhiIndicatorCard *self,
                                     const ZhiIndicatorResult *result,
                                     gboolean outside_length);

/* Helpers shared with the criterion and eligibility pages */
/* A status icon: its icon, its one style of success, warning, error and dim-label, and its
 * label (accessible name and tooltip; NULL where the row says the state in words). */
void zhi_status_icon_set (GtkImage *icon, const char *name, const char *style, const char *label);
GtkWidget *zhi_wrapped_label_new (const char *text, const char *css_class);

G_END_DECLS
