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
 * zhi_pdf_assemble() does the same while inserting the original evidence pages, each in a frame
 * page it makes for it (zhi-pdf-compact.c), and writes the dossier as compactly as the evidence
 * came: in object streams if an evidence PDF came in them, with a cross-reference table
 * otherwise (as qpdf's own merge does; at 1,000 pages, writing object streams costs a sixth of
 * a second).  zhi_pdf_read_pages() learns an evidence PDF's pages and zhi_pdf_flatten() draws
 * annotations into their pages (zhi-pdf-pages.c).
 *
 * Memory: qpdf reads its inputs lazily and copies stream data through at write time; it holds
 * the non-stream objects of the dossier and of every evidence file (README.md § Performance).
 * zhi_pdf_assemble() can be cancelled between pages.  Thread-safe: every call has its own qpdf
 * objects.
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
/* The same; with @ours, @path is a file the caller made and nothing changes while the source is
 * open (a copy the render made): it is read from a read-only mapping (zhi-pdf-map.h). */
gboolean zhi_pdf_read_pages_full (
    const char *path, gboolean keep_source, gboolean ours, ZhiPdfPages *pages, GError **error);

/* Takes pages->source (NULL if none): the caller owns it, for a ZhiPdfUnderlay, or frees it
 * with zhi_pdf_source_free(). */
gpointer zhi_pdf_pages_steal_source (ZhiPdfPages *pages);
void zhi_pdf_source_free (gpointer source);

/* One original evidence page of the dossier.  cairo's file has no page for it: the assembly
 * makes the frame page itself, of the original's displayed size, and inserts it at @page —
 * the original drawn as a form XObject, then the stamp label (a white-backed line of text at
 * the top edge, marked as a pagination artifact) and, in a draft, the watermark. */
typedef struct
{
  guint page;        /* 1-based page of the output */
  const char *path;  /* the evidence PDF */
  guint source_page; /* 1-based page in @path */
  /* @path as zhi_pdf_read_pages() left it open (owned; zhi_pdf_assemble() takes it and sets
   * NULL), or NULL: zhi_pdf_assemble() opens @path.  Only the first underlay of a run of one
   * file's pages uses it. */
  gpointer source;
  double width, height; /* the original's displayed size (zhi_pdf_read_pages()) */
  const char *label;    /* the stamp's text, UTF-8 */
  const char *name;     /* the evidence file's own name, for messages (owned), or NULL */
  const char *dest;     /* a named destination to the page's top (owned), or NULL */
} ZhiPdfUnderlay;

/* How the frame pages look.  cairo's file ends with one page more than the dossier: the
 * template, drawn by cairo, whose fonts carry every character of the labels (each shown there
 * once, the fonts' /ToUnicode maps them back) and, in a draft, the watermark as the page's
 * only XObject; the assembly takes them and drops the page. */
typedef struct
{
  double size;        /* the label's text size */
  double pad;         /* white around the text */
  double edge;        /* from the page's top edge to the label */
  double right;       /* from the page's right edge to the label */
  double line_height; /* the text line's logical height */
  double baseline;    /* from the line's top to its baseline */
  double space;       /* the width of a space */
  double mark_width;  /* the draft watermark's size; 0 for none */
  double mark_height;
} ZhiPdfFrameStyle;

/* Called after each original page is copied, with the count so far. */
typedef void (*ZhiPdfAssembleProgress) (guint copied, gpointer user_data);

typedef struct _ZhiPdfPrefetch ZhiPdfPrefetch;

/* Rewrites @in_path into @out_path like zhi_pdf_compact(), inserting a frame page for each
 * underlay (see ZhiPdfUnderlay; @style and the template page when @n_underlays > 0).  The
 * original page becomes a form XObject whose fonts, images and other streams are copied as
 * they are (a single content stream is the form itself, unchanged); its /Rotate is applied;
 * links stay links (web links, and links to a page of the same file carried in the same run of
 * underlays: led to that page's frame, the destination moved with it); other annotations are
 * not carried: flatten them first (zhi_pdf_flatten()).  The file's own outline nests, closed,
 * under the outline entry whose /Dest is the run's first @dest, its items led the same way.
 * Each underlay's @dest joins the named destinations.  The structure tree, outline, named
 * destinations and links of @in_path are kept.
 * @finish (may be NULL): applied once the pages are in place (its own_pages count in the
 * output's pages; the frames are not the caller's); its data is embedded last, with the hash of
 * every finished page.
 * @prefetch (may be NULL): the evidence documents some of @underlays' sources are, being parsed
 * by another thread (each taken with zhi_pdf_prefetch_take()); closed when the assembly ends.
 * Cancellable between pages (G_IO_ERROR_CANCELLED); nothing is written then.
 * Memory: qpdf's object model of the input and of every evidence file (their non-stream
 * objects); stream data is copied through at write time. */
gboolean zhi_pdf_assemble (const char *in_path,
                           const char *out_path,
                           ZhiPdfUnderlay *underlays,
                           guint n_underlays,
                           const ZhiPdfFrameStyle *style,
                           const ZhiPdfFinish *finish,
                           ZhiPdfPrefetch *prefetch,
                           ZhiPdfAssembleProgress progress,
                           gpointer user_data,
                           GCancellable *cancellable,
                           GError **error);

/* Evidence documents parsed ahead of the assembly.  The thread that read the evidence (and
 * opened each original PDF in qpdf: ZhiPdfPages.source) adds each document in the assembly's
 * order before handing it over, then runs zhi_pdf_prefetch_run() while the assembly copies
 * pages: every object of a document is read into qpdf's cache before the assembly takes it, so
 * that copying finds them parsed.  A document is the parsing thread's or the assembly's, never
 * both's at once. */

ZhiPdfPrefetch *zhi_pdf_prefetch_new (void);
void zhi_pdf_prefetch_free (ZhiPdfPrefetch *prefetch);
/* Adds @source (a ZhiPdfPages.source). */
void zhi_pdf_prefetch_add (ZhiPdfPrefetch *prefetch, gpointer source);
/* Parses the documents added, in order, but those the assembly has taken, a few at most ahead
 * of it; returns once each is parsed or taken, or zhi_pdf_prefetch_close() was called.  The
 * documents not taken may be freed only after it returns. */
void zhi_pdf_prefetch_run (ZhiPdfPrefetch *prefetch);
/* The assembly's side (any @prefetch may be NULL): @source is the assembly's from now on; waits
 * while it is being parsed.  FALSE when an object of it did not read while parsing: copy from the
 * file opened again (qpdf would copy that object as null, saying nothing the second time). */
gboolean zhi_pdf_prefetch_take (ZhiPdfPrefetch *prefetch, gpointer source);
/* Nothing more is taken: zhi_pdf_prefetch_run() returns. */
void zhi_pdf_prefetch_close (ZhiPdfPrefetch *prefetch);

/* zhi_pdf_assemble() frees its qpdf objects (the dossier's and every evidence file's) in a
 * thread after the output is written; this waits for that (the next zhi_pdf_assemble() and the
 * process's exit do). */
void zhi_pdf_assemble_wait (void);

/* With ZHI_PDF_PHASES in the environment, prints on stderr the wall time and the calling
 * thread's CPU time since that thread's previous call, as @name's, with the thread's name (for
 * measuring the render; NULL starts the thread's clock). */
void zhi_pdf_phase (const char *name);

/* Writes @in_path into @out_path with every annotation that prints drawn into its page's
 * content (its appearance stream, unchanged, becomes a form XObject) and appearances generated
 * for form fields that lack them.  Streams are copied as they are. */
gboolean zhi_pdf_flatten (const char *in_path, const char *out_path, GError **error);

/* Moves the pending error of @qpdf (a qpdf_data), or failing that @fallback, into @error. */
void zhi_pdf_compact_set_error (GError **error,
                                gpointer qpdf,
                                ZhiPdfCompactError code,
                                const char *fallback);

G_END_DECLS
