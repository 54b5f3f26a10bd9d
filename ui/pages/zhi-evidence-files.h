/* zhi-evidence-files.h — what an evidence file is, and reading and drawing it
 *
 * For the evidence page and its rows: the type of a file in words and as an icon, its bytes
 * read from the project on the main thread (in chunks, never blocking), its thumbnail
 * (cached per SHA-256 for the process) and the pages of its preview, rendered in worker
 * threads.
 */
#pragma once

#include <gtk/gtk.h>

#include "zhi-project.h"

G_BEGIN_DECLS

gboolean zhi_evidence_file_is_pdf (const char *media_type);
gboolean zhi_evidence_file_is_image (const char *media_type);
/* "PDF document", "JPEG picture"... */
char *zhi_evidence_file_describe_type (const char *media_type);
const char *zhi_evidence_file_type_icon (const char *media_type);
/* A modal chooser of files to add as evidence, several at once, PDF documents and pictures
 * first, over @widget's window; connect to "response" and show it. */
GtkFileChooserNative *zhi_evidence_file_chooser_new (GtkWidget *widget, const char *title);
/* "3 pages" */
char *zhi_evidence_file_pages_text (guint pages);

/* Reads the bytes of @evidence; the callback (whose source object is @evidence) gets them
 * with zhi_evidence_file_read_finish().  Files too large to show fail with
 * G_IO_ERROR_NO_SPACE. */
void zhi_evidence_file_read_async (ZhiProject *project,
                                   ZhiEvidence *evidence,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
GBytes *zhi_evidence_file_read_finish (GAsyncResult *result, GError **error);

typedef struct
{
  GdkTexture *texture; /* NULL when there is none */
  guint pages;         /* 0 when unknown */
  char *problem;       /* why the file cannot be read, or NULL */
} ZhiEvidenceThumb;

/* The cached thumbnail of @evidence's bytes, or NULL when none was rendered yet. */
const ZhiEvidenceThumb *zhi_evidence_thumb_lookup (ZhiEvidence *evidence);
/* Renders the thumbnail of @evidence from @bytes in a worker thread; without bytes, the
 * thumbnail is only @problem (may be NULL).  The finish caches it and returns it, NULL when
 * cancelled. */
void zhi_evidence_thumb_render_async (gpointer source_object,
                                      ZhiEvidence *evidence,
                                      GBytes *bytes,
                                      const char *problem,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
const ZhiEvidenceThumb *zhi_evidence_thumb_render_finish (GAsyncResult *result, GError **error);

/* Why the file cannot be used, or NULL: the inspection recorded in the project (the file
 * does not open, so it supports nothing), else what the thumbnailer found. */
char *zhi_evidence_file_problem (ZhiEvidence *evidence);

/* The bytes of the previewed item, shared with the render threads. */
typedef struct _ZhiEvidencePreview ZhiEvidencePreview;

ZhiEvidencePreview *zhi_evidence_preview_new (GBytes *bytes, const char *media_type);
ZhiEvidencePreview *zhi_evidence_preview_ref (ZhiEvidencePreview *doc);
void zhi_evidence_preview_unref (ZhiEvidencePreview *doc);
/* Opens the PDF in a worker thread: the finish gives the preview it was started on (borrowed,
 * to tell a stale answer), the number of pages or why it cannot be read; FALSE when
 * cancelled. */
void zhi_evidence_preview_count_pages_async (ZhiEvidencePreview *doc,
                                             gpointer source_object,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
gboolean zhi_evidence_preview_count_pages_finish (
    GAsyncResult *result, ZhiEvidencePreview **doc, guint *n_pages, char **problem, GError **error);
/* Renders page @index (0 for a picture) in a worker thread; @texture is NULL when it could
 * not be drawn.  FALSE when cancelled. */
void zhi_evidence_preview_render_page_async (ZhiEvidencePreview *doc,
                                             guint index,
                                             gpointer source_object,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
gboolean zhi_evidence_preview_render_page_finish (GAsyncResult *result,
                                                  ZhiEvidencePreview **doc,
                                                  guint *index,
                                                  GdkTexture **texture,
                                                  GError **error);

G_END_DECLS
