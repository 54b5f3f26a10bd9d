#pragma once

#include <adwaita.h>

#include "zhi-evaluation.h"
#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_PROJECT_VIEW (zhi_project_view_get_type ())
G_DECLARE_FINAL_TYPE (ZhiProjectView, zhi_project_view, ZHI, PROJECT_VIEW, AdwBin)

ZhiProject *zhi_project_view_get_project (ZhiProjectView *self);
/* The live eligibility, score and checklist of the project (NULL without one). */
ZhiEvaluation *zhi_project_view_get_evaluation (ZhiProjectView *self);
void zhi_project_view_set_project (ZhiProjectView *self, ZhiProject *project);
/* Step names: "enterprise", "eligibility", "criterion:<id>", "evidence", "score", "dossier",
 * "guide".  @focus names a field of that page to focus, or NULL. */
gboolean zhi_project_view_show_step (ZhiProjectView *self, const char *step, const char *focus);
const char *zhi_project_view_get_step (ZhiProjectView *self);
/* The steps in sidebar order (those with a page). */
GStrv zhi_project_view_list_steps (ZhiProjectView *self);
gboolean zhi_project_view_is_step_listed (ZhiProjectView *self, const char *step);
GtkWidget *zhi_project_view_get_page (ZhiProjectView *self, const char *step);
/* The sidebar badge of a listed step: its count of open items, or "✓"; NULL when none. */
const char *zhi_project_view_get_badge_text (ZhiProjectView *self, const char *step);
/* The newer edition of the project's track the view offers to move onto, or NULL when it
 * offers none (none installed, read-only, or set aside this session). */
const char *zhi_project_view_get_offered_edition (ZhiProjectView *self);
/* Undoes the last move onto another edition, as the toast's Undo button does; FALSE when its
 * toast is gone. */
gboolean zhi_project_view_undo_move (ZhiProjectView *self);

G_END_DECLS
