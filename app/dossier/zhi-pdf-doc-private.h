/* zhi-pdf-doc-private.h — the document model and the writer shared by zhi-pdf-doc.c (the
 * model, text layout, pages, headings, paragraphs, contents, attachments), zhi-pdf-table.c
 * (tables and drawings) and zhi-pdf-write.c (the two passes and the output) */
#pragma once

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "zhi-pdf-compact.h"
#include "zhi-pdf-doc.h"
#include "zhi-pdf-finish.h"
#include "zhi-pdf-private.h"

G_BEGIN_DECLS

#define LEFT ZHI_PDF_MARGIN_LEFT
#define TOP ZHI_PDF_MARGIN_TOP
#define WIDTH ZHI_PDF_BLOCK_WIDTH
#define BOTTOM (ZHI_PDF_MARGIN_TOP + ZHI_PDF_BLOCK_HEIGHT)
#define EPSILON 0.01

#define BODY_SIZE 16.0
/* GB/T 9704: 22 lines in the 225 mm block, i.e. a 28.9 pt line pitch; the
 * Noto CJK line height is 1.448 em, so 16 pt × 1.448 × 1.25 ≈ 28.9 pt. */
#define BODY_LINE_SPACING 1.25
#define TABLE_LINE_SPACING 1.0
#define CELL_PAD_X 5.0
#define CELL_PAD_Y 4.0

typedef enum
{
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_TABLE,
  BLOCK_SPACER,
  BLOCK_PAGE_BREAK,
  BLOCK_DRAWING,
  BLOCK_CONTENTS,
  BLOCK_ATTACHMENT,
} BlockType;

typedef struct
{
  gsize start;
  gsize end;
  char *dest;
} Link;

typedef struct
{
  guint row;
  guint column;
  Link link;
} CellLink;

typedef struct
{
  PangoLayoutLine *line;
  double x;
  double top;
  double bottom;
  double baseline;
} LineInfo;

typedef struct
{
  PangoLayout *layout;
  GArray *lines; /* of LineInfo */
} LineSet;

struct _ZhiPdfTable
{
  guint n_columns;
  GArray *links;  /* of CellLink, NULL when none */
  double *widths; /* in points */
  char **header;
  GPtrArray *rows; /* of char ** */
  gboolean key_column;
  double font_size;
  guint64 numeric; /* bit c: column c holds numbers, set flush right */
  /* laid out in pass 1, drawn in pass 2 (freed after the write) */
  LineSet *header_lines; /* n_columns */
  GPtrArray *row_lines;  /* per row: LineSet[n_columns] or NULL */
};

typedef struct
{
  BlockType type;
  guint level;
  char *text;
  gboolean outline;
  char *dest;
  ZhiPdfParagraphStyle style;
  GArray *links; /* of Link */
  ZhiPdfTable *table;
  double height;
  ZhiPdfDrawFunc func;
  char *alt; /* drawings */
  gpointer user_data;
  GDestroyNotify destroy;
  gboolean with_attachments;
  ZhiPdfAttachment *attachment;
  guint n_pages; /* attachments: pages learnt (or, with a gate, expected) in pass 1 */
  /* headings and paragraphs: laid out in pass 1, drawn in pass 2 (freed after the write) */
  LineSet lines;
  /* contents: one LineSet * per entry, in order */
  GPtrArray *entry_lines;
} Block;

struct _ZhiPdfDoc
{
  GPtrArray *blocks;
  char *title;
  char *author;
  char *subject;
  char *creator;
  GDateTime *create_date;
  char *fingerprint;
  gboolean draft;
  ZhiPdfPageNumberPosition number_position;
  guint unnumbered;
  guint n_headings;
  GPtrArray *warnings;
  GPtrArray *figure_alts; /* pass 2: one string per Figure drawn, NULL-terminated after a write */
  GArray *own_pages;      /* gboolean per page */
  ZhiPdfFinish finish;
  char *finish_label;
  ZhiPdfDataFunc data_func;
  gpointer data_user_data;
  GHashTable *dest_pages; /* dest → page index + 1 */
  guint n_pages;
  /* the qpdf pass */
  char *work_dir;
  char *result_path; /* NULL: the result is copied into the write's stream */
  gboolean compact;
  char *compact_warning;
  GArray *underlays; /* ZhiPdfUnderlay, path, label, name and dest owned; learnt in pass 2 */
  ZhiPdfAttachmentGate gate; /* NULL: pass 1 inspects the attachments itself */
  gpointer gate_data;
  PangoFontMap *font_map;       /* NULL: the writing thread's default */
  ZhiPdfPrefetch *prefetch;     /* NULL, or the caller's, for the assembly */
  ZhiPdfFrameStyle frame_style; /* pass 2, with the template page */
};

typedef struct
{
  ZhiPdfDoc *doc;
  gboolean writing;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  int page;
  gboolean page_open;
  double page_width; /* the open page's size */
  double page_height;
  gboolean evidence_page; /* an attachment page: its label instead of the page chrome */
  double y;
  int outline_parent[5];
  guint total_pages;
  guint done;                      /* pages reported to progress */
  gboolean defer_last;             /* the last page is reported once the qpdf pass is done */
  PangoLayout *footer;             /* the fingerprint line, the same on every page */
  PangoLayout *watermark;          /* 草稿 */
  cairo_surface_t *watermark_mark; /* its outlines, recorded once: one form for every page */
  ZhiPdfProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
  gboolean cancelled;
  gboolean pages_changed; /* an attachment's pages are not those pass 1 expected */
  gboolean originals;     /* pass 1: an attachment may have original pages (the qpdf pass) */
  GError *error;
} Writer;
void zhi_pdf_writer_avoid_lone_last_line (PangoLayout *layout, double size);
void zhi_pdf_writer_draw_lines (Writer *w, LineSet *set, guint from, guint to, double x, double y);
void zhi_pdf_writer_draw_link_spans (
    Writer *w, GArray *links, LineSet *set, guint from, guint to, double x, double y);
void zhi_pdf_writer_keep_whole (PangoLayout *layout);
/* zhi-pdf-cjk.c: justify every line but the last, stretching only next to CJK characters */
void zhi_pdf_writer_justify_cjk (PangoLayout *layout);
PangoLayout *zhi_pdf_writer_layout_new (
    Writer *w, const char *family, double size, const char *text, double width);
void zhi_pdf_writer_line_set_init (LineSet *set, PangoLayout *layout);
double zhi_pdf_writer_lines_height (LineSet *set, guint from, guint to);
void zhi_pdf_writer_next_page (Writer *w);
gboolean zhi_pdf_writer_page_is_empty (Writer *w);
void zhi_pdf_writer_set_link_attributes (Writer *w, PangoLayout *layout, GArray *links);
void zhi_pdf_writer_small_after_mark (PangoLayout *layout, double size);
void zhi_pdf_writer_space_after (Writer *w, double space);
void zhi_pdf_writer_space_before (Writer *w, double space);
void zhi_pdf_writer_tag_begin (Writer *w, const char *tag, const char *attributes);
void zhi_pdf_writer_tag_end (Writer *w, const char *tag);
void zhi_pdf_writer_place_drawing (Writer *w, Block *b);
void zhi_pdf_writer_place_table (Writer *w, Block *b);
double zhi_pdf_writer_table_start_height (Writer *w, ZhiPdfTable *t);
double zhi_pdf_writer_keep_height (Writer *w, guint index);
void zhi_pdf_writer_close_page (Writer *w);
void zhi_pdf_writer_heading_prepare (Writer *w, Block *b);
void zhi_pdf_writer_open_page (Writer *w);
guint zhi_pdf_writer_paragraph_keep_lines (Block *b);
void zhi_pdf_writer_paragraph_prepare (Writer *w, Block *b);
double zhi_pdf_writer_paragraph_space_before (Block *b);
void zhi_pdf_writer_place_attachment (Writer *w, Block *b);
void zhi_pdf_writer_place_contents (Writer *w, Block *contents);
void zhi_pdf_writer_place_heading (Writer *w, Block *b, guint index);
void zhi_pdf_writer_place_paragraph (Writer *w, Block *b);
void zhi_pdf_doc_clear_underlays (ZhiPdfDoc *doc);
void zhi_pdf_writer_progress (Writer *w, guint done);
void zhi_pdf_writer_draw_template (Writer *w);
/* for g_ptr_array_foreach() over the blocks */
void zhi_pdf_doc_block_clear_layouts (gpointer data, gpointer unused);

G_END_DECLS
