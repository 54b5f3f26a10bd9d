#pragma once

#include <adwaita.h>

#include "zhi-application.h"
#include "zhi-project-view.h"
#include "zhi-project.h"
#include "review/zhi-review-view.h"

G_BEGIN_DECLS

#define ZHI_TYPE_WINDOW (zhi_window_get_type ())
G_DECLARE_FINAL_TYPE (ZhiWindow, zhi_window, ZHI, WINDOW, AdwApplicationWindow)

ZhiWindow *zhi_window_new (ZhiApplication *application);
/* Opens @file here, or brings forward the window that already has it open. */
void zhi_window_open_file (ZhiWindow *self, GFile *file);
ZhiWindow *zhi_window_find_for_file (ZhiApplication *application, GFile *file);
/* The name of the visible page of the window's stack: "welcome", "project" or "review". */
const char *zhi_window_get_page_name (ZhiWindow *self);
ZhiProject *zhi_window_get_project (ZhiWindow *self);
ZhiProjectView *zhi_window_get_project_view (ZhiWindow *self);
void zhi_window_add_toast (ZhiWindow *self, AdwToast *toast);
/* The 审核 mode: opens the review @file, or creates it when there is none, and shows it
 * (the stack's page "review"). */
gboolean zhi_window_open_review (ZhiWindow *self, GFile *file, GError **error);
/* NULL until a review is first opened */
ZhiReviewView *zhi_window_get_review_view (ZhiWindow *self);

G_END_DECLS
