#pragma once

#include <adwaita.h>

#include "zhi-page.h"

G_BEGIN_DECLS

#define ZHI_TYPE_SCORE_PAGE (zhi_score_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiScorePage, zhi_score_page, ZHI, SCORE_PAGE, ZhiPage)

GtkWidget *zhi_score_page_new (void);

/* For tests: what the page shows. */
/* The claimed (or evidenced) total as displayed, e.g. "85.9"; "" without a score. */
const char *zhi_score_page_get_total_text (ZhiScorePage *self, gboolean evidenced);
/* The band shown under that total, labelled as the tool's own reading; "" without a band. */
const char *zhi_score_page_get_band_text (ZhiScorePage *self, gboolean evidenced);
/* The pre-submit checklist: one activatable row per entry of zhi_evaluation_list_checklist()
 * (its item count as the row's data "zhi-n-items"). */
GtkListBox *zhi_score_page_get_checklist (ZhiScorePage *self);
/* The rows of the three weakest criteria. */
GtkListBox *zhi_score_page_get_weakest_list (ZhiScorePage *self);
/* The expander holding that list under its count (collapsed until the user opens it). */
GtkExpander *zhi_score_page_get_weakest_expander (ZhiScorePage *self);
/* The per-criterion chart, and how many bars it drew last time (claimed and evidenced). */
GtkWidget *zhi_score_page_get_chart (ZhiScorePage *self);
guint zhi_score_page_get_n_chart_bars (ZhiScorePage *self);

G_END_DECLS
