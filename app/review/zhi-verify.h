/* zhi-verify.h — is this dossier, page by page, as Zhizao wrote it?
 *
 * Reads the data the dossier carries (zhi-dossier-data.h), recomputes every page's hash and
 * compares: pages removed, moved, taken from elsewhere or drawn over are each named.  This
 * proves the dossier is unchanged since it was produced; it cannot prove who produced it (the
 * data is no signature: anyone with the project file could render the same dossier).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZHI_VERIFY_INTACT,       /* every page as written */
  ZHI_VERIFY_CHANGED,      /* pages removed, moved, replaced or drawn over */
  ZHI_VERIFY_NOT_A_DOSSIER /* unreadable, or no Zhizao data in it */
} ZhiVerifyStatus;

typedef enum
{
  ZHI_VERIFY_PAGE_REMOVED,    /* a page of the original is no longer there */
  ZHI_VERIFY_PAGE_MOVED,      /* a page of the original stands elsewhere */
  ZHI_VERIFY_PAGE_DRAWN_OVER, /* a page of this dossier, changed (its footer is this dossier's) */
  ZHI_VERIFY_PAGE_FOREIGN,    /* a page that is not of this dossier (replaced or inserted) */
} ZhiVerifyPageChange;

typedef struct
{
  ZhiVerifyPageChange change;
  int page;      /* 1-based page in the file as it is now; 0 for a removed page */
  int original;  /* 1-based page in the dossier as written; 0 for a foreign page */
  char *message; /* in the user's language */
} ZhiVerifyFinding;

typedef struct
{
  char *path;
  ZhiVerifyStatus status;
  char *reason;        /* NOT_A_DOSSIER: why, in the user's language */
  int n_pages;         /* now */
  int n_pages_written; /* as written */
  char *fingerprint;   /* the dossier's own */
  GPtrArray *findings; /* ZhiVerifyFinding *, in page order */
  JsonObject *data;    /* the embedded data (NULL when there is none) */
} ZhiVerifyResult;

ZhiVerifyResult *zhi_verify_file (const char *path);
void zhi_verify_result_free (ZhiVerifyResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiVerifyResult, zhi_verify_result_free)

/* One line for a table cell: "完整" / "已改动：第3页被删除…" / "不是智造申报书" (Chinese, for the
 * bureau's summary) */
char *zhi_verify_result_summary_zh (const ZhiVerifyResult *result);
const char *zhi_verify_status_to_string (ZhiVerifyStatus status);
const char *zhi_verify_page_change_to_string (ZhiVerifyPageChange change);

G_END_DECLS
