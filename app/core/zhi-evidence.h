/* zhi-evidence.h — one evidence item of a project (证明材料) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* ZhiEvidence — one evidence item (证明材料).  Read-only from outside: change it through
 * the zhi_project_set_evidence_* functions so the project notices.  Its properties
 * notify when the project changes them. */

#define ZHI_TYPE_EVIDENCE (zhi_evidence_get_type ())
G_DECLARE_FINAL_TYPE (ZhiEvidence, zhi_evidence, ZHI, EVIDENCE, GObject)

const char *zhi_evidence_get_id (ZhiEvidence *self);
const char *zhi_evidence_get_title (ZhiEvidence *self);
const char *zhi_evidence_get_file_name (ZhiEvidence *self);  /* original base name */
const char *zhi_evidence_get_media_type (ZhiEvidence *self); /* e.g. application/pdf */
guint64 zhi_evidence_get_size (ZhiEvidence *self);
const char *zhi_evidence_get_sha256 (ZhiEvidence *self); /* 64 lower-case hex digits */
guint zhi_evidence_get_page_count (ZhiEvidence *self);   /* inspected; 0 = unusable or not known */
const char *const *zhi_evidence_get_supports (ZhiEvidence *self); /* criterion/rule ids */
gboolean zhi_evidence_supports (ZhiEvidence *self, const char *id);
GDateTime *zhi_evidence_get_added (ZhiEvidence *self); /* UTC */

/* Whether the document opens (docs/project-format.md, "Evidence inspection").  An item is
 * inspected when it is attached (zhi-store.h: the installed ZhiEvidenceInspector) and
 * re-checked when a project of an older version is opened.
 * - inspected: FALSE until an inspector has looked at its bytes;
 * - usable: FALSE only when an inspection found that it does not open.  An item not
 *   inspected yet counts as usable (nothing is known against it);
 * - problem: the stable reason code when not usable (ZHI_EVIDENCE_PROBLEM_*), else "". */
#define ZHI_EVIDENCE_PROBLEM_EMPTY "empty"                 /* 0 bytes */
#define ZHI_EVIDENCE_PROBLEM_ENCRYPTED "encrypted"         /* a PDF that needs a password */
#define ZHI_EVIDENCE_PROBLEM_DAMAGED "damaged"             /* truncated, corrupt, does not decode */
#define ZHI_EVIDENCE_PROBLEM_NO_PAGES "no-pages"           /* a PDF with no page */
#define ZHI_EVIDENCE_PROBLEM_NOT_A_PDF "not-a-pdf"         /* named or typed PDF, is not one */
#define ZHI_EVIDENCE_PROBLEM_NOT_AN_IMAGE "not-an-image"   /* named or typed image, is not one */
#define ZHI_EVIDENCE_PROBLEM_UNSUPPORTED "unsupported"     /* not PDF, JPEG or PNG */
#define ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED "not-converted" /* office document without its PDF */
gboolean zhi_evidence_get_inspected (ZhiEvidence *self);
gboolean zhi_evidence_get_usable (ZhiEvidence *self);
const char *zhi_evidence_get_problem (ZhiEvidence *self);
/* The reason in the user's language (“Empty file”, 空文件 …), for any code, also unknown
 * ones; "" for "". */
const char *zhi_evidence_problem_describe (const char *problem);

G_END_DECLS
