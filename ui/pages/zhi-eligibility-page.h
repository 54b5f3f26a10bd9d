#pragma once

#include <adwaita.h>

#include "zhi-page.h"

#include "zhi-evaluation.h"
#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_ELIGIBILITY_PAGE (zhi_eligibility_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiEligibilityPage, zhi_eligibility_page, ZHI, ELIGIBILITY_PAGE, ZhiPage)

GtkWidget *zhi_eligibility_page_new (void);

/* The verdict as shown at the top: its title and the sentence naming what fails or is missing. */
/* The rows of the banner's "What Needs Attention" list: the step's open items. */
guint zhi_eligibility_page_get_n_open_items (ZhiEligibilityPage *self);
const char *zhi_eligibility_page_get_verdict_title (ZhiEligibilityPage *self);
const char *zhi_eligibility_page_get_verdict_summary (ZhiEligibilityPage *self);
/* The control that answers or feeds @id (a rule, gate or indicator id), for tests and
 * page.focus: a GtkToggleButton for conditions ("yes", "no" or "none" by @which, else the
 * answer group's first button), a GtkEntry / GtkDropDown / GtkButton for gates and track
 * indicators, the AdwEntryRow of the note when @which is "note".  For a KPI id of condition
 * （四）: its summary row (@which NULL or "summary"), its ZhiKpiEditor ("editor"), the toggle
 * button that shows the editors ("expander"), or a part of the editor (zhi_kpi_editor_get_part).
 * NULL when there is none. */
GtkWidget *
zhi_eligibility_page_get_control (ZhiEligibilityPage *self, const char *id, const char *which);

G_END_DECLS
