/* zhi-pdf-attach.h — evidence files embedded as dossier attachment pages
 *
 * An attachment is one evidence file (PDF, JPEG or PNG).  A PDF libqpdf reads as it is
 * contributes its original pages: the document writer draws a frame page of each page's own
 * size and orientation carrying only the stamp label, and qpdf puts the original page under it
 * (zhi-pdf-compact.h; annotations and form fields flattened first, so that they print).  A PDF
 * only poppler can open is re-drawn through poppler onto an A4 page (text stays text); JPEGs
 * are passed through as JPEG; PNGs are decoded row by row and downsampled when large.
 * Anything that cannot be embedded becomes a single placeholder page naming the file, its
 * SHA-256 and the reason.
 */
#pragma once

#include "zhi-pdf-compact.h"

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef enum
{
  ZHI_PDF_ATTACH_PROBLEM_NONE = 0,
  ZHI_PDF_ATTACH_PROBLEM_UNREADABLE,  /* the bytes could not be obtained */
  ZHI_PDF_ATTACH_PROBLEM_EMPTY,       /* zero bytes */
  ZHI_PDF_ATTACH_PROBLEM_ENCRYPTED,   /* needs a password */
  ZHI_PDF_ATTACH_PROBLEM_DAMAGED,     /* truncated or corrupt */
  ZHI_PDF_ATTACH_PROBLEM_WRONG_TYPE,  /* content does not match the media type */
  ZHI_PDF_ATTACH_PROBLEM_UNSUPPORTED, /* a type the dossier cannot embed */
} ZhiPdfAttachProblem;

/* One problem met while embedding, reported back to the caller. */
typedef struct
{
  guint number; /* the N of 附件N */
  char *file_name;
  char *sha256;
  ZhiPdfAttachProblem problem;
  char *reason; /* the sentence printed on the placeholder page (Chinese) */
  char *detail; /* technical detail (poppler/libpng message), may be NULL */
} ZhiPdfAttachWarning;

void zhi_pdf_attach_warning_free (ZhiPdfAttachWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiPdfAttachWarning, zhi_pdf_attach_warning_free)

/* Returns the file's bytes (a new reference) or NULL with @error set.  Called
 * once per write (by the first open()), possibly from a worker thread. */
typedef GBytes *(*ZhiPdfBytesFunc) (gpointer user_data, GCancellable *cancellable, GError **error);

/* Returns a new input stream over the file's bytes, or NULL with @error set. */
typedef GInputStream *(*ZhiPdfStreamFunc) (gpointer user_data,
                                           GCancellable *cancellable,
                                           GError **error);

typedef struct _ZhiPdfAttachment ZhiPdfAttachment;

/* @media_type: "application/pdf", "image/jpeg", "image/png"; NULL or
 * "application/octet-stream" means: sniff the content.
 * @sha256_hex: the caller's hash of the file, printed on placeholder pages. */
ZhiPdfAttachment *zhi_pdf_attachment_new_for_path (guint number,
                                                   const char *title,
                                                   const char *file_name,
                                                   const char *media_type,
                                                   const char *sha256_hex,
                                                   const char *path);
ZhiPdfAttachment *zhi_pdf_attachment_new_for_bytes_func (guint number,
                                                         const char *title,
                                                         const char *file_name,
                                                         const char *media_type,
                                                         const char *sha256_hex,
                                                         ZhiPdfBytesFunc func,
                                                         gpointer user_data,
                                                         GDestroyNotify destroy);
/* The stream is copied into the work directory by the first open(), never held whole. */
ZhiPdfAttachment *zhi_pdf_attachment_new_for_stream_func (guint number,
                                                          const char *title,
                                                          const char *file_name,
                                                          const char *media_type,
                                                          const char *sha256_hex,
                                                          ZhiPdfStreamFunc func,
                                                          gpointer user_data,
                                                          GDestroyNotify destroy);
void zhi_pdf_attachment_free (ZhiPdfAttachment *att);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiPdfAttachment, zhi_pdf_attachment_free)

guint zhi_pdf_attachment_get_number (ZhiPdfAttachment *att);
const char *zhi_pdf_attachment_get_title (ZhiPdfAttachment *att);
/* The evidence file's own name (may be NULL). */
const char *zhi_pdf_attachment_get_file_name (ZhiPdfAttachment *att);

/* Used by the document writer.
 *
 * open(): the first time, obtains the bytes (once: copied into the work directory unless the
 * source is a path) and learns the kind and the pages; then prepares drawing.  Never fails hard: a
 * file that cannot be embedded switches the attachment to a one-page placeholder and returns a
 * warning (transfer full) — NULL when all is well.  Returns FALSE only when @cancellable was
 * cancelled (with @error set). */
gboolean zhi_pdf_attachment_open (ZhiPdfAttachment *att,
                                  GCancellable *cancellable,
                                  ZhiPdfAttachWarning **warning,
                                  GError **error);
/* The first part of open(): reads the evidence the first time and learns its kind, pages and
 * problem (kept until zhi_pdf_attachment_discard()), without preparing drawing. */
gboolean zhi_pdf_attachment_inspect (ZhiPdfAttachment *att,
                                     GCancellable *cancellable,
                                     ZhiPdfAttachWarning **warning,
                                     GError **error);
/* Number of pages this attachment occupies once opened (≥ 1). */
guint zhi_pdf_attachment_get_n_pages (ZhiPdfAttachment *att);
/* The pages the caller expects the attachment to occupy (its page count when the evidence was
 * attached, 1 for a file that did not open), for laying the document out while the evidence
 * is still being read (zhi_pdf_doc_set_attachment_gate()); 0: not known. */
void zhi_pdf_attachment_set_expected_pages (ZhiPdfAttachment *att, guint n_pages);
guint zhi_pdf_attachment_get_expected_pages (ZhiPdfAttachment *att);
/* After open: TRUE when the attachment is drawn as a picture (a tagged Figure). */
gboolean zhi_pdf_attachment_is_image (ZhiPdfAttachment *att);
/* Draws page @index (0-based) of the attachment on a page of @page_width × @page_height
 * points: the stamp label 「附件N 第k页/共n页 @fingerprint」 on a small white box at the top
 * edge, and — unless the page is an original (zhi_pdf_attachment_get_page_size()) — the content
 * re-drawn in the A4 text block (poppler, images) or the placeholder. */
void zhi_pdf_attachment_draw_page (ZhiPdfAttachment *att,
                                   cairo_t *cr,
                                   PangoContext *context,
                                   guint index,
                                   double page_width,
                                   double page_height,
                                   const char *fingerprint);
/* The stamp's text of page @index: 「附件N 第k页/共n页 @fingerprint」. */
char *zhi_pdf_attachment_label_text (ZhiPdfAttachment *att, guint index, const char *fingerprint);
/* Shows @chars (every character of the stamps, once) as a stamp label shows them, for the
 * assembly to take the glyphs from (ZhiPdfFrameStyle), and fills @style. */
void zhi_pdf_attachment_draw_label_template (cairo_t *cr,
                                             PangoContext *context,
                                             const char *chars,
                                             ZhiPdfFrameStyle *style);
/* After open(): TRUE when page @index is an original page of a PDF, with its displayed size
 * (its own size and orientation, /Rotate applied): the assembly makes the page, the original in
 * a frame of that size (zhi_pdf_assemble()).  FALSE: an A4 page drawn by
 * zhi_pdf_attachment_draw_page(). */
gboolean zhi_pdf_attachment_get_page_size (ZhiPdfAttachment *att,
                                           guint index,
                                           double *width,
                                           double *height);
/* The PDF whose pages are the originals (annotations already flattened into it), or NULL. */
const char *zhi_pdf_attachment_get_original (ZhiPdfAttachment *att);
/* TRUE when the original PDF's owner permissions forbid printing (embedded all the same). */
gboolean zhi_pdf_attachment_get_no_printing (ZhiPdfAttachment *att);
/* The original PDF as the inspection left it open (for ZhiPdfUnderlay.source), or NULL; the
 * caller owns it (zhi_pdf_source_free()). */
gpointer zhi_pdf_attachment_steal_source (ZhiPdfAttachment *att);
/* The same, left to the attachment. */
gpointer zhi_pdf_attachment_get_source (ZhiPdfAttachment *att);
/* Where the first open() copies bytes and stream sources, and writes flattened PDFs (default
 * g_get_tmp_dir()).  The copies live until zhi_pdf_attachment_discard(). */
void zhi_pdf_attachment_set_work_dir (ZhiPdfAttachment *att, const char *dir);
/* Releases the decoded data (the attachment can be opened again without reading the evidence
 * again). */
void zhi_pdf_attachment_close (ZhiPdfAttachment *att);
/* Closes and removes the copies in the work directory: the next open() reads the evidence
 * again.  Called by zhi_pdf_attachment_free(). */
void zhi_pdf_attachment_discard (ZhiPdfAttachment *att);

/* Helpers shared with the tests. */
gboolean
zhi_pdf_jpeg_get_info (const guint8 *data, gsize length, int *width, int *height, int *components);

G_END_DECLS
