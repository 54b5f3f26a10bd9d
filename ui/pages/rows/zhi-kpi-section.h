/* zhi-kpi-section.h — the figures condition （四） rests on, on the eligibility page */
#pragma once

#include <gtk/gtk.h>

#include "zhi-project.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

#define ZHI_TYPE_KPI_SECTION (zhi_kpi_section_get_type ())
G_DECLARE_FINAL_TYPE (ZhiKpiSection, zhi_kpi_section, ZHI, KPI_SECTION, GtkBox)

GtkWidget *zhi_kpi_section_new (void);
/* Builds a line and an editor per KPI of @standard (hidden when it has none). */
void zhi_kpi_section_build (ZhiKpiSection *self, ZhiStandard *standard, ZhiProject *project);
void zhi_kpi_section_set_project (ZhiKpiSection *self, ZhiProject *project);
/* Each KPI's line: the change, flagged when worse; an error naming it when a value is missing
 * or the baseline is 0. */
void zhi_kpi_section_refresh (ZhiKpiSection *self);
/* For KPI @id: its summary row (@which NULL or "summary"), its ZhiKpiEditor ("editor"), the
 * toggle button that shows the editors ("expander") or a part of the editor; NULL for no
 * such KPI. */
GtkWidget *zhi_kpi_section_get_control (ZhiKpiSection *self, const char *id, const char *which);

G_END_DECLS
