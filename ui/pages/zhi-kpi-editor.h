/* zhi-kpi-editor.h — the editor of one KPI answer: baseline, current value, their years and the
 * data source, with the computed change
 *
 * One widget for both places a KPI is edited — its criterion's page (w10 / fd08 / fp08) and
 * condition （四） on the eligibility page — so both show and write the same answer.  Every field
 * is written to the project's answers as it is typed, whether or not the others are filled in
 * (text that is no number is marked and not written); every change of the project's answers,
 * wherever it comes from, is shown again (ZhiProject::changed).
 */
#pragma once

#include <adwaita.h>

#include "zhi-project.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

#define ZHI_TYPE_KPI_EDITOR (zhi_kpi_editor_get_type ())
G_DECLARE_FINAL_TYPE (ZhiKpiEditor, zhi_kpi_editor, ZHI, KPI_EDITOR, AdwBin)

/* @kpi is a `kpi` indicator of @standard (kept alive by the editor).  With @show_title the
 * editor is a card of its own headed by the KPI's name; without, its rows are meant to be
 * framed by rows the caller adds to zhi_kpi_editor_get_list() (the criterion page's header). */
GtkWidget *zhi_kpi_editor_new (ZhiStandard *standard, const ZhiIndicator *kpi, gboolean show_title);
const ZhiIndicator *zhi_kpi_editor_get_indicator (ZhiKpiEditor *self);
void zhi_kpi_editor_set_project (ZhiKpiEditor *self, ZhiProject *project);
/* The list holding the rows, to add rows before or after them. */
GtkListBox *zhi_kpi_editor_get_list (ZhiKpiEditor *self);
/* "baseline", "current", "baseline-year", "current-year", "source" (AdwEntryRow), "computed"
 * (the change, or what is wrong with the figures), "details" (years or source missing), "error"
 * (text that is no number) (GtkLabel); NULL for any other name. */
GtkWidget *zhi_kpi_editor_get_part (ZhiKpiEditor *self, const char *part);

G_END_DECLS
