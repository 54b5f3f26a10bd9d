/* zhi-pdf-attach.h — evidence files embedded as dossier attachment pages
 *
 * An attachment is one evidence file (PDF, JPEG or PNG).  PDFs are rendered
 * page by page through poppler onto the cairo PDF surface (text stays text);
 * JPEGs are passed through as JPEG; PNGs are decoded row by row and
 * downsampled when large.  Anything that cannot be embedded becomes a single
 * placeholder page naming the file, its SHA-256 and the reason.
 */
#pragma once

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
 * once per rendering pass, possibly from a worker thread. */
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
/* The stream is read to its end into memory before embedding. */
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

/* Used by the document writer.
 *
 * open(): obtains the bytes and prepares rendering.  Never fails hard: a file
 * that cannot be embedded switches the attachment to a one-page placeholder
 * and returns a warning (transfer full) — NULL when all is well.  Returns
 * FALSE only when @cancellable was cancelled (with @error set). */
gboolean zhi_pdf_attachment_open (ZhiPdfAttachment *att,
                                  GCancellable *cancellable,
                                  ZhiPdfAttachWarning **warning,
                                  GError **error);
/* Number of pages this attachment occupies once opened (≥ 1). */
guint zhi_pdf_attachment_get_n_pages (ZhiPdfAttachment *att);
/* After open: TRUE when the attachment is drawn as a picture (a tagged Figure). */
gboolean zhi_pdf_attachment_is_image (ZhiPdfAttachment *att);
/* Draws page @index (0-based) inside the rectangle (x, y, width, height):
 * the stamp line 「附件N 第k页/共n页 title」 on top, the content fitted below. */
void zhi_pdf_attachment_draw_page (ZhiPdfAttachment *att,
                                   cairo_t *cr,
                                   PangoContext *context,
                                   guint index,
                                   double x,
                                   double y,
                                   double width,
                                   double height);
/* Releases the bytes and decoded data (the attachment can be opened again). */
void zhi_pdf_attachment_close (ZhiPdfAttachment *att);

/* Helpers shared with the tests. */
gboolean
zhi_pdf_jpeg_get_info (const guint8 *data, gsize length, int *width, int *height, int *components);

G_END_DECLS
