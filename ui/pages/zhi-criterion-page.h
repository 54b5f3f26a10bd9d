#pragma once

#include <adwaita.h>

#include "zhi-page.h"

G_BEGIN_DECLS

#define ZHI_TYPE_CRITERION_PAGE (zhi_criterion_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiCriterionPage, zhi_criterion_page, ZHI, CRITERION_PAGE, ZhiPage)

GtkWidget *zhi_criterion_page_new (const char *criterion_id);
const char *zhi_criterion_page_get_criterion_id (ZhiCriterionPage *self);

/* A control of the page by name, for tests and page.focus: "<indicator id>:<part>" where part
 * is yes / no / unanswered (check), level, numerator / denominator / benchmark (ratio),
 * baseline / current / baseline-year / current-year / source / details (kpi), error (what is
 * wrong with a ratio's figures or a count), count, text (the
 * narrative), computed (the live ratio or change), points, detail; or "summary", "advice",
 * "evidence-list", "no-evidence", "add-files", "add-from-library".  NULL when the page has no such
 * control. */
GtkWidget *zhi_criterion_page_lookup (ZhiCriterionPage *self, const char *name);

G_END_DECLS
