/* zhi-scenario-row.h — one application scenario on the enterprise page: its name, the
 * criteria it serves and its description, in an expander row */
#pragma once

#include <adwaita.h>

#include "zhi-project.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

#define ZHI_TYPE_SCENARIO_ROW (zhi_scenario_row_get_type ())
G_DECLARE_FINAL_TYPE (ZhiScenarioRow, zhi_scenario_row, ZHI, SCENARIO_ROW, AdwExpanderRow)

/* @standard: the track's criteria to offer (NULL: the track is not chosen); @index: the
 * scenario's place in the list, for the remove button's name. */
GtkWidget *zhi_scenario_row_new (ZhiStandard *standard, guint index);
/* Shows @scenario, without emitting ZhiScenarioRow::edited. */
void zhi_scenario_row_sync (ZhiScenarioRow *self, const ZhiScenario *scenario);
/* @scenario with what the user typed or ticked in this row: its name, its description, or its
 * criteria (those of another track kept: the track may be switched back), by @what as given
 * by ZhiScenarioRow::edited ("name", "description" or "criteria"). */
void zhi_scenario_row_apply (ZhiScenarioRow *self, const char *what, ZhiScenario *scenario);
GtkWidget *zhi_scenario_row_get_name_row (ZhiScenarioRow *self);

G_END_DECLS
