/* zhi-review.h — the city bureau's review: one SQLite file (*.zhizao-review)
 *
 * It holds the bureau's name, city and quota (how many applications it may recommend), and
 * the applications under review: each one's file, the 推荐汇总表 row read from it
 * (zhi-summary.h) with its integrity result, and the reviewer's decision (推荐 / 不推荐), rank
 * and 推荐意见.
 *
 * Like a project file: opening checks the file read-only first (SQLite header, quick_check,
 * application id, version) and never changes a file that fails; edits are written in one
 * transaction at most autosave-delay (default 500 ms) after the first unsaved change, or at
 * once by zhi_review_flush(), and when the review is closed or disposed.  SQLite's rollback
 * journal with synchronous=FULL makes every save all-or-nothing, even across a crash.
 */
#pragma once

#include "zhi-summary.h"

G_BEGIN_DECLS

#define ZHI_REVIEW_APPLICATION_ID 0x5A485256 /* "ZHRV", PRAGMA application_id */
#define ZHI_REVIEW_SCHEMA_VERSION 1
#define ZHI_REVIEW_FILE_SUFFIX ".zhizao-review"

#define ZHI_REVIEW_ERROR (zhi_review_error_quark ())
GQuark zhi_review_error_quark (void);

typedef enum
{
  ZHI_REVIEW_ERROR_IO,           /* cannot open, create or read the file */
  ZHI_REVIEW_ERROR_NOT_A_REVIEW, /* not SQLite, or SQLite of another program */
  ZHI_REVIEW_ERROR_DAMAGED,      /* fails SQLite's quick_check */
  ZHI_REVIEW_ERROR_TOO_NEW,      /* written by a newer Zhizao */
  ZHI_REVIEW_ERROR_SAVE_FAILED,  /* a commit failed */
} ZhiReviewError;

typedef enum
{
  ZHI_REVIEW_UNDECIDED,
  ZHI_REVIEW_RECOMMEND,     /* 推荐 */
  ZHI_REVIEW_NOT_RECOMMEND, /* 不推荐 */
} ZhiReviewDecision;

#define ZHI_TYPE_REVIEW (zhi_review_get_type ())
G_DECLARE_FINAL_TYPE (ZhiReview, zhi_review, ZHI, REVIEW, GObject)

/* Signals: "changed" after every edit. */

/* Creates a new review file (fails if it exists); opens an existing one. */
ZhiReview *zhi_review_create (GFile *file, GError **error);
ZhiReview *zhi_review_open (GFile *file, GError **error);
GFile *zhi_review_get_file (ZhiReview *self);

gboolean zhi_review_flush (ZhiReview *self, GError **error);
gboolean zhi_review_has_unsaved_changes (ZhiReview *self);
void zhi_review_set_autosave_delay (ZhiReview *self, guint milliseconds);
/* Flushes and closes the file; the review stays usable in memory. */
gboolean zhi_review_close (ZhiReview *self, GError **error);

/* The bureau, set once */
const char *zhi_review_get_bureau (ZhiReview *self);
void zhi_review_set_bureau (ZhiReview *self, const char *name);
const char *zhi_review_get_city (ZhiReview *self);
void zhi_review_set_city (ZhiReview *self, const char *city);
guint zhi_review_get_quota (ZhiReview *self); /* 0: none set */
void zhi_review_set_quota (ZhiReview *self, guint quota);

/* The applications, in the order added.  Adding a file already in the review replaces its
 * row (read again) and keeps the reviewer's decision, rank and opinion.  Returns its index.
 * @row: transfer full. */
guint zhi_review_add (ZhiReview *self, ZhiSummaryRow *row);
void zhi_review_remove (ZhiReview *self, guint index);
guint zhi_review_get_n_applications (ZhiReview *self);
/* -1 when @path is not in the review */
int zhi_review_find (ZhiReview *self, const char *path);
const ZhiSummaryRow *zhi_review_get_row (ZhiReview *self, guint index);

ZhiReviewDecision zhi_review_get_decision (ZhiReview *self, guint index);
void zhi_review_set_decision (ZhiReview *self, guint index, ZhiReviewDecision decision);
guint zhi_review_get_rank (ZhiReview *self, guint index); /* 0: no rank */
void zhi_review_set_rank (ZhiReview *self, guint index, guint rank);
const char *zhi_review_get_opinion (ZhiReview *self, guint index); /* 推荐意见, never NULL */
void zhi_review_set_opinion (ZhiReview *self, guint index, const char *opinion);

guint zhi_review_count_recommended (ZhiReview *self);
/* TRUE when a quota is set and more applications are recommended than it allows */
gboolean zhi_review_exceeds_quota (ZhiReview *self);
/* The indices of the recommended applications in rank order (ranked ones first by rank,
 * then unranked ones in the order added); transfer container, elements are GUINT_TO_POINTER. */
GPtrArray *zhi_review_recommended_in_rank_order (ZhiReview *self);
/* Every row in the order added (transfer container: the rows belong to the review), for
 * zhi_summary_write(). */
GPtrArray *zhi_review_get_rows (ZhiReview *self);

G_END_DECLS
