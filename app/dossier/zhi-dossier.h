/* zhi-dossier.h — the 申报书: a project rendered to PDF
 *
 * The dossier has the eleven parts of design.md § The dossier: 封面, 承诺书, 目录,
 * 一、企业基本情况, 二、申报条件符合情况, 三、自评得分, 四、建设内容, 五、主要指标,
 * 六、证明材料清单, 七、附件 (every evidence item, numbered 附件N in evidence-list order) and
 * the last page, the city bureau's 推荐意见.  It is a Chinese official document: its text is
 * Chinese whatever the user's language (the engines' own explanations follow the UI language,
 * so the dossier words the states, values and points the evaluation computed itself).
 *
 * Threads.  The project (its SQLite connection) and the evaluation belong to the thread that
 * owns the main context.  Rendering has two phases:
 * 1. on the calling thread: the evaluation is read and every text of the document is laid
 *    down as plain data (a ZhiPdfDoc), the fingerprint is computed;
 * 2. the page counting of the attachments and the writing of the PDF.  The sync functions do
 *    it on the calling thread; the async one in a GTask worker thread.  Evidence bytes are
 *    read from the project on the thread that owns it: the worker asks the main context for
 *    one blob at a time and waits (so only one evidence file is in memory at once), and checks
 *    it against its SHA-256.  The caller of the async function must therefore keep its main
 *    context running (the UI does), and must not close the project before the callback.
 *    When the project records every evidence file's pages (inspected when attached), phase 2
 *    uses two threads: one more lays the document out with those pages and draws it while the
 *    phase's own reads the evidence; it waits for each attachment's evidence before placing
 *    it.  Evidence that turns out otherwise than recorded (its pages, a PDF that forbids
 *    printing, which the list notes) has the document laid out again once all is read.
 * Progress (pages written / pages in total) is reported on the caller's main context (by the
 * sync functions, on the calling thread during the call), and never steps back.
 *
 * Output.  Evidence PDFs are carried as their original pages (zhi-pdf-attach.h): cairo draws the
 * body and a template page (the stamps' glyphs) into a temporary file; libqpdf then makes a page
 * of each original's own size (the original, its stamp label) and writes the result with object
 * streams (zhi_pdf_assemble(), zhi-pdf-compact.h), which is copied to the destination.  Each
 * evidence file is read from the project once per render, into a private work directory made
 * beside a local target file (in g_get_tmp_dir() for zhi_dossier_render() and non-local
 * targets), with the temporary PDFs; the directory is removed on success, failure and
 * cancellation.  Disk: about the evidence's size plus twice the dossier's, for a moment.  The
 * qpdf pass reports a page of progress for each original it copies and is cancelled between
 * them (its final write cannot be interrupted; README.md § Performance).  If it fails, the
 * render fails when there are original pages (cairo's file lacks them); without any, cairo's
 * file is written instead and ZhiDossierResult.compact_warning says why.
 * A dossier without attachments (options.no_attachments, the preview) skips the pass and is
 * cairo's output written straight to the destination: there the pass would add ~50 ms to a
 * 250 ms render to save 0.2 MB.
 *
 * Fingerprint: the first 12 hex digits of the SHA-256 of
 *   "zhizao-dossier/1\n" "standard=<id>@<edition>\n" "draft=<0|1>\n"
 *   "project=<the project's JSON, compact>\n" "evidence=<sha256 of 附件1>,<of 附件2>,…\n"
 * printed as xxxx-xxxx-xxxx in every body page's footer, in every evidence page's stamp label and,
 * with this method, in 六、证明材料清单.
 * Rendering the same project twice gives the same fingerprint.
 */
#pragma once

#include <gio/gio.h>

#include "zhi-evaluation.h"
#include "zhi-pdf-attach.h"
#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_DOSSIER_ERROR (zhi_dossier_error_quark ())
GQuark zhi_dossier_error_quark (void);

typedef enum
{
  ZHI_DOSSIER_ERROR_NO_TRACK, /* the project has no track (standard) yet */
  ZHI_DOSSIER_ERROR_FAILED,   /* the PDF could not be drawn or written */
} ZhiDossierError;

typedef enum
{
  ZHI_DOSSIER_DRAFT_AUTO,  /* 草稿 while the evaluation has blocking problems */
  ZHI_DOSSIER_DRAFT_YES,   /* always a draft */
  ZHI_DOSSIER_DRAFT_FINAL, /* never a draft (the caller checked the problems) */
} ZhiDossierDraftMode;

typedef struct
{
  ZhiDossierDraftMode draft;
  GDateTime *date;         /* the date on the cover and in the metadata; NULL = now */
  gboolean no_attachments; /* leave out 七、附件 (a preview; the list stays) */
} ZhiDossierOptions;

/* Defaults: draft AUTO, today, with attachments. */
void zhi_dossier_options_init (ZhiDossierOptions *options);

typedef struct
{
  guint n_pages;
  guint64 size;      /* bytes written */
  char *fingerprint; /* "xxxx-xxxx-xxxx" */
  gboolean draft;
  /* ZhiPdfAttachWarning *: evidence that became a placeholder page, with the reason */
  GPtrArray *warnings;
  /* NULL when the object-stream pass (below) worked; else qpdf's reason why it failed, and
   * the file is cairo's own output: the same document, valid, ~10 % larger */
  char *compact_warning;
} ZhiDossierResult;

void zhi_dossier_result_free (ZhiDossierResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiDossierResult, zhi_dossier_result_free)

/* Called after every page written. */
typedef void (*ZhiDossierProgressFunc) (guint pages_done, guint pages_total, gpointer user_data);

/* The fingerprint the dossier of @project would carry ("xxxx-xxxx-xxxx"). */
char *zhi_dossier_compute_fingerprint (ZhiProject *project, ZhiStandard *standard, gboolean draft);

/* Renders on the calling thread (the one owning @project).  @evaluation may be NULL (one is
 * computed).  @options may be NULL (defaults).  On success *@result (when not NULL) receives
 * the result. */
gboolean zhi_dossier_render (ZhiProject *project,
                             ZhiEvaluation *evaluation,
                             const ZhiDossierOptions *options,
                             GOutputStream *out,
                             ZhiDossierProgressFunc progress,
                             gpointer progress_data,
                             GCancellable *cancellable,
                             ZhiDossierResult **result,
                             GError **error);
/* The same into a file, replaced only on success. */
gboolean zhi_dossier_render_to_file (ZhiProject *project,
                                     ZhiEvaluation *evaluation,
                                     const ZhiDossierOptions *options,
                                     const char *path,
                                     ZhiDossierProgressFunc progress,
                                     gpointer progress_data,
                                     GCancellable *cancellable,
                                     ZhiDossierResult **result,
                                     GError **error);

/* Lays the document down now, then counts and writes in a worker thread; @file is replaced
 * only on success.  @progress is called on the caller's main context. */
void zhi_dossier_render_async (ZhiProject *project,
                               ZhiEvaluation *evaluation,
                               const ZhiDossierOptions *options,
                               GFile *file,
                               ZhiDossierProgressFunc progress,
                               gpointer progress_data,
                               GDestroyNotify progress_destroy,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
/* transfer full */
ZhiDossierResult *
zhi_dossier_render_finish (ZhiProject *project, GAsyncResult *result, GError **error);

/* 符合申报条件 / 待完善 / 不符合申报条件: the verdict as the dossier prints it */
const char *zhi_dossier_verdict_label (ZhiVerdict verdict);

G_END_DECLS
