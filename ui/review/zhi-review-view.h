/* zhi-review-view.h — the window's 审核 mode: the bureau's review of many applications */
#pragma once

#include <adwaita.h>

#include "zhi-review.h"

G_BEGIN_DECLS

#define ZHI_TYPE_REVIEW_VIEW (zhi_review_view_get_type ())
G_DECLARE_FINAL_TYPE (ZhiReviewView, zhi_review_view, ZHI, REVIEW_VIEW, GtkBox)

GtkWidget *zhi_review_view_new (void);
/* Shows @review (NULL: none). */
void zhi_review_view_set_review (ZhiReviewView *self, ZhiReview *review);
ZhiReview *zhi_review_view_get_review (ZhiReviewView *self);
/* Reads @files (GFile *) in the background, one after another, and adds them. */
void zhi_review_view_add_files (ZhiReviewView *self, GPtrArray *files);
/* TRUE while files are being read */
gboolean zhi_review_view_is_busy (ZhiReviewView *self);
/* The exports (what the Export buttons do after their file chooser); the result is also
 * shown in the view's status line. */
gboolean zhi_review_view_export_summary (ZhiReviewView *self, GFile *file, GError **error);
gboolean zhi_review_view_export_letter (ZhiReviewView *self, GFile *file, GError **error);
/* Selects the application at @index of the review (in the order added). */
void zhi_review_view_select (ZhiReviewView *self, guint index);

G_END_DECLS
