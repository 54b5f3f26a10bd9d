/* zhi-pdf-compact.h — rewrite a PDF with object streams (libqpdf)
 *
 * cairo 1.16 writes every PDF object on its own, uncompressed: page and resource dictionaries,
 * structure elements, annotations, the parent tree and the cross-reference table.  Rewriting the
 * file through libqpdf packs those objects into compressed object streams (PDF 1.5) and uses a
 * cross-reference stream; stream contents (content streams, fonts, images) are copied as they
 * are.  The document is unchanged: pages, outline, named destinations, links, the structure tree
 * and the document information all survive (qpdf keeps every object reachable from the trailer;
 * unreferenced objects are dropped).  The /ID is derived from the contents (deterministic).
 *
 * Memory: qpdf reads the input lazily and copies stream data through; it holds the non-stream
 * objects (~1–2 MB for a 1,000-page dossier).  No cancellation: the pass is short (§ Performance
 * in README.md).  Thread-safe: every call has its own qpdf object.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZHI_PDF_COMPACT_ERROR (zhi_pdf_compact_error_quark ())
GQuark zhi_pdf_compact_error_quark (void);

typedef enum
{
  ZHI_PDF_COMPACT_ERROR_READ,  /* qpdf could not read the input */
  ZHI_PDF_COMPACT_ERROR_WRITE, /* qpdf could not write the output */
} ZhiPdfCompactError;

/* Rewrites the PDF at @in_path into @out_path (created or truncated) with object streams.
 * @in_path and @out_path must differ.  On failure @out_path may hold a partial file. */
gboolean zhi_pdf_compact (const char *in_path, const char *out_path, GError **error);

typedef struct _ZhiPdfFinish ZhiPdfFinish;
/* The same, applying what zhi-pdf-finish.h describes on the way (@finish may be NULL). */
gboolean zhi_pdf_compact_finish (const char *in_path,
                                 const char *out_path,
                                 const ZhiPdfFinish *finish,
                                 GError **error);

G_END_DECLS
