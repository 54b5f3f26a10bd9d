/* zhi-test-pdfs.h — sample evidence files for the dossier tests */
#pragma once

#include <gio/gio.h>
#include <poppler.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *multi_pdf;     /* 3 pages, Chinese text and a table */
  char *encrypted_pdf; /* user password; NULL when qpdf is not installed */
  char *truncated_pdf; /* the first 40 % of multi_pdf */
  char *empty_pdf;     /* zero bytes */
  char *garbage_pdf;   /* text renamed .pdf */
  char *jpeg;          /* 320 × 240 grayscale checkerboard */
  char *jpeg_1px;
  char *jpeg_huge; /* 10000 × 10000 */
  char *png;       /* 400 × 300 bar chart */
  char *png_1px;
  char *png_huge; /* 10000 × 10000 */
  char *docx;     /* an unsupported type */
  /* original pages (hand-written PDFs, Helvetica text) */
  char *a3_landscape_pdf; /* one A3 landscape page, "A3 LANDSCAPE DRAWING" */
  char *rotated_pdf;      /* A4 portrait with /Rotate 90, its text written sideways so that it
                           * reads upright when shown: "UPRIGHT WHEN ROTATED" */
  char *stamp_pdf;        /* A4, "SEALED CERTIFICATE", a printable /Stamp annotation drawing a
                           * red square at ZHI_TEST_STAMP_RECT */
  char *images_pdf;       /* A4, "IMAGES PAGE", a JPEG (zhi_test_pdfs_make_jpeg (320, 240)) and
                           * a CCITT G4 image of ZHI_TEST_CCITT_BYTES bytes */
  char *restricted_pdf;   /* multi_pdf with an owner password only, printing forbidden; NULL
                           * when qpdf is not installed */
  char *links_pdf;        /* 4 pages drawn by cairo (tagged), a table of contents on page 1
                           * with links inside the file: see ZHI_TEST_LINKS_* */
} ZhiTestPdfs;

/* the web link over the text of rotated_pdf */
#define ZHI_TEST_LINK_URI "https://example.com/certificate"
#define A3_LONG 1190.551
#define A3_SHORT 841.89
/* x0 y0 x1 y1 in the page's own space (PDF, origin bottom left) */
#define ZHI_TEST_STAMP_RECT 400, 600, 520, 720
#define ZHI_TEST_CCITT_BYTES 32

/* links_pdf: page 1 A4 portrait, 「CONTENTS」, its links (PDF space, origin bottom left):
 * - over 「Section two」: dest='sec-two' (cairo: a name in the /Names /Dests tree), which is
 *   on page 2 at ZHI_TEST_LINKS_SEC_TWO;
 * - a cairo link page=3 that cairo 1.16 writes without a destination (a forward page link);
 * - ZHI_TEST_LINKS_GOTO_RECT: an /A << /S /GoTo /D [page 3 /FitH ZHI_TEST_LINKS_FITH] >>;
 * - ZHI_TEST_LINKS_OLD_RECT: /Dest /OldStyle, looked up in the catalog's /Dests dictionary:
 *   [page 2 /Fit];
 * - links that lead nowhere the dossier carries: /GoToR, /Launch, /JavaScript, an unknown name,
 *   a page number out of range, a broken /Rect.
 * Page 2: A4 landscape.  Page 3: A4 portrait with /Rotate 90, 「PAGE THREE」 at
 * ZHI_TEST_LINKS_PAGE3_POS (its destination, shown upright: ZHI_TEST_LINKS_PAGE3_SHOWN).
 * Page 4: A4 portrait with /Rotate 270, a cairo link page=3 pos=[100 200] (cairo's space)
 * over ZHI_TEST_LINKS_P4_RECT.
 * Its outline: 「Part one」 (open) → page 1, under it 「Section two」 → sec-two; 「Page three」
 * → page 3 at ZHI_TEST_LINKS_PAGE3_POS; 「Elsewhere」 → ZHI_TEST_LINK_URI. */
#define ZHI_TEST_LINKS_SEC_TWO 50, 445.276 /* left, top on page 2 */
#define ZHI_TEST_LINKS_GOTO_RECT "[72 560 272 580]"
#define ZHI_TEST_LINKS_FITH 700 /* page 3, unturned: x once shown */
#define ZHI_TEST_LINKS_OLD_RECT "[72 520 272 540]"
#define ZHI_TEST_LINKS_PAGE3_POS 100, 641.89           /* x, y on page 3, unturned */
#define ZHI_TEST_LINKS_PAGE3_SHOWN 641.89, 495.276     /* left, top once turned 90° */
#define ZHI_TEST_LINKS_P4_RECT 72, 721.89, 272, 741.89 /* x0 y0 x1 y1, page 4 unturned */

/* Writes every sample into @dir (created if needed). */
ZhiTestPdfs *zhi_test_pdfs_generate (const char *dir, GError **error);
void zhi_test_pdfs_free (ZhiTestPdfs *pdfs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiTestPdfs, zhi_test_pdfs_free)

/* A PDF of @n_pages A4 pages of Chinese text, each headed 「证明材料 第k页」. */
/* Finishes and destroys @surface, a PDF surface writing @path: FALSE with @error when cairo
 * failed. */
gboolean zhi_test_pdfs_finish (cairo_surface_t *surface, const char *path, GError **error);
gboolean zhi_test_pdfs_write_text_pdf (const char *path, guint n_pages, GError **error);
/* A baseline grayscale JPEG, a checkerboard of two grays. */
GBytes *zhi_test_pdfs_make_jpeg (guint width, guint height);
/* A PNG written row by row (any size, little memory). */
gboolean zhi_test_pdfs_write_png_rows (const char *path, guint width, guint height, GError **error);

/* @s without white space (U+3000 included), as the dossier tests compare extracted text. */
char *zhi_test_strip_space (const char *s);

/* What a render reported of its progress (ZhiDossierProgressFunc, zhi_test_progress_cb()). */
typedef struct
{
  GThread *thread; /* where every report must come: the caller's */
  guint calls;
  guint done;
  guint total;
  GCancellable *cancel_at_first; /* cancelled at the first report, unless NULL */
} ZhiTestProgress;

/* A progress callback (@data a ZhiTestProgress): checks each report comes on p->thread, never
 * steps back and never passes its total, and counts it. */
void zhi_test_progress_cb (guint done, guint total, gpointer data);

/* Fails the test if a render left anything of its own in @dir: its work directory and copies
 * (.zhizao-dossier-*, .zhizao-att*), or any other hidden entry. */
void zhi_test_assert_no_temp_files (const char *dir);

/* TRUE when @needle's bytes (its NUL left out) stand somewhere in @bytes. */
gboolean zhi_test_bytes_contain (GBytes *bytes, const char *needle);
/* The text of every page of the PDF at @path, run together without white space. */
char *zhi_test_pdf_text (const char *path);
/* The text of each page of @pdf without white space, one string a page (free the array). */
GPtrArray *zhi_test_pdf_page_texts (PopplerDocument *pdf);
/* The page number (from 1) a link's destination leads to, a named one looked up in @pdf. */
int zhi_test_pdf_dest_page (PopplerDocument *pdf, PopplerDest *dest);
/* @page drawn on white at @scale (pixels per point) into a new RGB24 image surface, flushed:
 * its pixels are read with cairo_image_surface_get_data().  Destroy it when done. */
cairo_surface_t *zhi_test_pdf_render_page (PopplerPage *page, double scale);
/* Whether @page shows a draft's translucent red 草稿 mark: pixels along the page's rising
 * diagonal, near the centre, with more red than green where a page is otherwise black on
 * white (ask it of the dossier's own pages: evidence pages may be anything). */
gboolean zhi_test_pdf_page_has_draft_mark (PopplerPage *page);

char *zhi_test_sha256_file (const char *path);
/* The two halves of the last /ID in the PDF at @path (into @first and @second, 32 hex digits
 * each; FALSE when there is none), and the identifier the assembly gives a file: the first 32
 * hex digits of the SHA-256 of its bytes with qpdf's fixed identifier where its own second half
 * (and its first, when the two are the same) stands. */
gboolean zhi_test_pdf_file_id (const char *path, char **first, char **second, char **expected);
/* Runs qpdf --check; TRUE when qpdf is absent (*skipped set) or the file is clean. */
gboolean zhi_test_qpdf_check (const char *path, gboolean *skipped, char **output);

G_END_DECLS
