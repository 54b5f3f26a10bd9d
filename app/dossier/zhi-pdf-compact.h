/* zhi-pdf-compact.h — the libqpdf passes: object streams, original evidence pages, flattening
 *
 * cairo 1.16 writes every PDF object on its own, uncompressed: page and resource dictionaries,
 * structure elements, annotations, the parent tree and the cross-reference table.  Rewriting the
 * file through libqpdf packs those objects into compressed object streams (PDF 1.5) and uses a
 * cross-reference stream; stream contents (content streams, fonts, images) are copied as they
 * are.  The document is unchanged: pages, outline, named destinations, links, the structure tree
 * and the document information all survive (qpdf keeps every object reachable from the trailer;
 * unreferenced objects are dropped).  The /ID is derived from the contents (deterministic).
 *
 * zhi_pdf_assemble() does the same while putting original evidence pages under the frame pages
 * cairo drew for them; zhi_pdf_read_pages() learns an evidence PDF's pages; zhi_pdf_flatten()
 * draws annotations into their pages.
 *
 * Memory: qpdf reads its inputs lazily and copies stream data through at write time; it holds
 * the non-stream objects of the dossier and of every evidence file (README.md § Performance).
 * No cancellation.  Thread-safe: every call has its own qpdf objects.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZHI_PDF_COMPACT_ERROR (zhi_pdf_compact_error_quark ())
GQuark zhi_pdf_compact_error_quark (void);

typedef enum
{
  ZHI_PDF_COMPACT_ERROR_READ,     /* qpdf could not read the input */
  ZHI_PDF_COMPACT_ERROR_WRITE,    /* qpdf could not write the output */
  ZHI_PDF_COMPACT_ERROR_PASSWORD, /* the input needs a password */
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

/* What the dossier needs to know of an evidence PDF before copying its pages. */
typedef struct
{
  guint n_pages;
  /* per page: the size shown (the TrimBox, else CropBox, else MediaBox, turned by /Rotate) */
  double *widths;
  double *heights;
  gboolean has_annotations; /* other than links, or a form: zhi_pdf_flatten() first */
  gboolean no_printing;     /* the owner's permissions forbid printing */
  /* the file as qpdf read it (its page tree with inherited attributes pushed to the pages),
   * kept open so that zhi_pdf_assemble() does not parse it again: zhi_pdf_pages_steal_source();
   * NULL unless asked for */
  gpointer source;
} ZhiPdfPages;

/* Frees the arrays and closes the source, if any. */
void zhi_pdf_pages_clear (ZhiPdfPages *pages);

/* Reads the page tree of the PDF at @path without recovery: a file qpdf can only read by
 * reconstructing it, or that has no pages, fails with ZHI_PDF_COMPACT_ERROR_READ
 * (ZHI_PDF_COMPACT_ERROR_PASSWORD when it needs a password).  Loads no stream data.  With
 * @keep_source, pages->source keeps the file open for zhi_pdf_assemble(). */
gboolean
zhi_pdf_read_pages (const char *path, gboolean keep_source, ZhiPdfPages *pages, GError **error);

/* Takes pages->source (NULL if none): the caller owns it, for a ZhiPdfUnderlay, or frees it
 * with zhi_pdf_source_free(). */
gpointer zhi_pdf_pages_steal_source (ZhiPdfPages *pages);
void zhi_pdf_source_free (gpointer source);

/* One original evidence page put under a page of the input (the frame cairo drew at the
 * original's displayed size: its stamp label, watermark, destination and outline entry). */
typedef struct
{
  guint page;        /* 1-based page of the input */
  const char *path;  /* the evidence PDF */
  guint source_page; /* 1-based page in @path */
  /* @path as zhi_pdf_read_pages() left it open (owned; zhi_pdf_assemble() takes it and sets
   * NULL), or NULL: zhi_pdf_assemble() opens @path.  Only the first underlay of a run of one
   * file's pages uses it. */
  gpointer source;
} ZhiPdfUnderlay;

/* Rewrites @in_path into @out_path like zhi_pdf_compact(), and puts each underlay's original
 * page under its frame page (qpdf's --underlay: the original page becomes a form XObject whose
 * fonts, images and other streams are copied as they are; its content is copied decoded and
 * compressed again, its /Rotate is applied; annotations are not carried: flatten them first,
 * zhi_pdf_flatten()).  Underlays of one file are grouped (one qpdf underlay per file).  The
 * structure tree, outline, named destinations and links of @in_path are kept.
 * Memory: qpdf's object model of the input and of every evidence file (their non-stream
 * objects); stream data is copied through at write time. */
/* @finish (may be NULL): applied to the frames as read, before any original goes under them
 * (so that the furniture marked as artifacts is cairo's alone); its data is embedded last, with
 * the hash of every finished page. */
gboolean zhi_pdf_assemble (const char *in_path,
                           const char *out_path,
                           ZhiPdfUnderlay *underlays,
                           guint n_underlays,
                           const ZhiPdfFinish *finish,
                           GError **error);

/* zhi_pdf_assemble() frees its qpdf objects (the dossier's and every evidence file's) in a
 * thread after the output is written; this waits for that (the next zhi_pdf_assemble() and the
 * process's exit do). */
void zhi_pdf_assemble_wait (void);

/* Writes @in_path into @out_path with every annotation that prints drawn into its page's
 * content (its appearance stream, unchanged, becomes a form XObject) and appearances generated
 * for form fields that lack them.  Streams are copied as they are. */
gboolean zhi_pdf_flatten (const char *in_path, const char *out_path, GError **error);

G_END_DECLS
