/* zhi-page.h — what every page of an open application has in common
 *
 * A page shows one step of the application (ui/zhi-project-view-steps.h).  ZhiPage owns the
 * `project` and `evaluation` properties, so a page only says what to do when they change;
 * it focuses a field by id for the checklist; and it hands toasts and "show another step"
 * requests to whoever holds it (the project view) through signals instead of looking for
 * the window.
 */
#pragma once

#include <adwaita.h>

#include "zhi-evaluation.h"
#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_PAGE (zhi_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (ZhiPage, zhi_page, ZHI, PAGE, AdwBin)

struct _ZhiPageClass
{
  AdwBinClass parent_class;

  /* Called after `project` changed, @old_project (may be NULL) already disconnected from every
   * handler whose data is the page: connect to the new one (zhi_page_get_project) and refresh. */
  void (*project_changed) (ZhiPage *self, ZhiProject *old_project);
  /* The same for `evaluation`. */
  void (*evaluation_changed) (ZhiPage *self, ZhiEvaluation *old_evaluation);
  /* Scrolls to and focuses the field @id (an indicator id, "credit-code", "search"...);
   * FALSE when the page has no such field. */
  gboolean (*focus_field) (ZhiPage *self, const char *id);

  gpointer padding[8];
};

ZhiProject *zhi_page_get_project (ZhiPage *self);
void zhi_page_set_project (ZhiPage *self, ZhiProject *project);
ZhiEvaluation *zhi_page_get_evaluation (ZhiPage *self);
void zhi_page_set_evaluation (ZhiPage *self, ZhiEvaluation *evaluation);
gboolean zhi_page_focus_field (ZhiPage *self, const char *id);

/* Emits ZhiPage::add-toast; the toast is dropped when nobody shows it (a page on its own). */
void zhi_page_add_toast (ZhiPage *self, AdwToast *toast);
/* Emits ZhiPage::show-step: asks the holder to show @step and focus @focus (may be NULL). */
void zhi_page_show_step (ZhiPage *self, const char *step, const char *focus);

/* The arrow keys leave @list at its ends for the widget before or after it, as they do in
 * libadwaita's groups: for a boxed list that is not in one. */
void zhi_page_list_arrows_leave (GtkListBox *list);

G_END_DECLS
