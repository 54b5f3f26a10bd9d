#pragma once

#include <adwaita.h>

#include "zhi-page.h"

#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_ENTERPRISE_PAGE (zhi_enterprise_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiEnterprisePage, zhi_enterprise_page, ZHI, ENTERPRISE_PAGE, ZhiPage)

GtkWidget *zhi_enterprise_page_new (void);

/* The control for a field id ("name", "credit-code", "credit-code-note", "track",
 * "industry-division", "industry-search", "track-suggestion", "scenario-add", "scenarios", …),
 * or NULL.  For tests and the page.focus action. */
GtkWidget *zhi_enterprise_page_get_control (ZhiEnterprisePage *self, const char *id);
/* The message shown under a field (validation, hint), or NULL when none is shown. */
const char *zhi_enterprise_page_get_message (ZhiEnterprisePage *self, const char *id);
/* The expander row of a scenario, or NULL. */
GtkWidget *zhi_enterprise_page_get_scenario_row (ZhiEnterprisePage *self, guint index);

G_END_DECLS
