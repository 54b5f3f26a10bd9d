/* zhi-pdf-doc.c — a small document model and paginating PDF writer */
#include "zhi-pdf-doc.h"
#include "zhi-pdf-compact.h"
#include "zhi-pdf-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

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

GQuark
zhi_pdf_doc_error_quark (void)
{
  return g_quark_from_static_string ("zhi-pdf-doc-error-quark");
}

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
  guint n_pages; /* attachments: pages learnt in pass 1 */
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
  gboolean compact;
  char *compact_warning;
  GArray *underlays; /* ZhiPdfUnderlay, path owned; learnt in pass 1 */
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
  PangoLayout *footer;             /* the fingerprint line, the same on every page */
  PangoLayout *watermark;          /* 草稿 */
  cairo_surface_t *watermark_mark; /* its outlines, recorded once: one form for every page */
  ZhiPdfProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
  gboolean cancelled;
  GError *error;
} Writer;

/* ---- model ------------------------------------------------------------ */

static void line_set_clear (LineSet *set);

static void
cells_free (LineSet *cells, guint n)
{
  for (guint c = 0; c < n; c++)
    line_set_clear (&cells[c]);
  g_free (cells);
}

static void
line_set_free (gpointer data)
{
  line_set_clear (data);
  g_free (data);
}

static void
table_clear_layouts (ZhiPdfTable *t)
{
  if (t->header_lines != NULL)
    cells_free (g_steal_pointer (&t->header_lines), t->n_columns);
  if (t->row_lines != NULL)
    {
      for (guint i = 0; i < t->row_lines->len; i++)
        if (t->row_lines->pdata[i] != NULL)
          cells_free (t->row_lines->pdata[i], t->n_columns);
      g_clear_pointer (&t->row_lines, g_ptr_array_unref);
    }
}

/* Pass 1 lays every block out once; pass 2 draws those layouts.  Dropped after a write. */
static void
block_clear_layouts (gpointer data, gpointer unused)
{
  Block *b = data;

  line_set_clear (&b->lines);
  g_clear_pointer (&b->entry_lines, g_ptr_array_unref);
  if (b->table != NULL)
    table_clear_layouts (b->table);
}

static void
table_free (ZhiPdfTable *table)
{
  table_clear_layouts (table);
  if (table->links)
    {
      for (guint i = 0; i < table->links->len; i++)
        g_free (g_array_index (table->links, CellLink, i).link.dest);
      g_array_unref (table->links);
    }
  g_free (table->widths);
  g_strfreev (table->header);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
link_clear (gpointer data)
{
  g_free (((Link *)data)->dest);
}

static void
block_free (gpointer data)
{
  Block *b = data;

  block_clear_layouts (b, NULL);
  g_free (b->text);
  g_free (b->dest);
  g_free (b->alt);
  if (b->links)
    g_array_unref (b->links);
  if (b->table)
    table_free (b->table);
  if (b->destroy)
    b->destroy (b->user_data);
  zhi_pdf_attachment_free (b->attachment);
  g_free (b);
}

ZhiPdfDoc *
zhi_pdf_doc_new (void)
{
  ZhiPdfDoc *doc = g_new0 (ZhiPdfDoc, 1);

  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_pdf_attach_warning_free);
  doc->dest_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  doc->figure_alts = g_ptr_array_new_with_free_func (g_free);
  doc->own_pages = g_array_new (FALSE, TRUE, sizeof (gboolean));
  doc->number_position = ZHI_PDF_PAGE_NUMBER_CENTER;
  doc->underlays = g_array_new (FALSE, FALSE, sizeof (ZhiPdfUnderlay));
  return doc;
}

static void
underlays_clear (ZhiPdfDoc *doc)
{
  for (guint i = 0; i < doc->underlays->len; i++)
    {
      ZhiPdfUnderlay *u = &g_array_index (doc->underlays, ZhiPdfUnderlay, i);

      g_free ((char *)u->path);
      zhi_pdf_source_free (u->source);
    }
  g_array_set_size (doc->underlays, 0);
}

void
zhi_pdf_doc_free (ZhiPdfDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->blocks);
  g_ptr_array_unref (doc->warnings);
  g_hash_table_unref (doc->dest_pages);
  g_ptr_array_unref (doc->figure_alts);
  g_free (doc->finish_label);
  g_array_unref (doc->own_pages);
  g_free (doc->title);
  g_free (doc->author);
  g_free (doc->subject);
  g_free (doc->creator);
  g_clear_pointer (&doc->create_date, g_date_time_unref);
  g_free (doc->fingerprint);
  underlays_clear (doc);
  g_array_unref (doc->underlays);
  g_free (doc->work_dir);
  g_free (doc->compact_warning);
  g_free (doc);
}

void
zhi_pdf_doc_set_work_dir (ZhiPdfDoc *doc, const char *dir)
{
  g_free (doc->work_dir);
  doc->work_dir = g_strdup (dir);
}

void
zhi_pdf_doc_set_compact (ZhiPdfDoc *doc, gboolean compact)
{
  doc->compact = compact;
}

const char *
zhi_pdf_doc_get_compact_warning (ZhiPdfDoc *doc)
{
  return doc->compact_warning;
}

void
zhi_pdf_doc_set_metadata (ZhiPdfDoc *doc,
                          const char *title,
                          const char *author,
                          const char *subject,
                          const char *creator,
                          GDateTime *create_date)
{
  g_free (doc->title);
  doc->title = g_strdup (title);
  g_free (doc->author);
  doc->author = g_strdup (author);
  g_free (doc->subject);
  doc->subject = g_strdup (subject);
  g_free (doc->creator);
  doc->creator = g_strdup (creator);
  g_clear_pointer (&doc->create_date, g_date_time_unref);
  if (create_date)
    doc->create_date = g_date_time_ref (create_date);
}

void
zhi_pdf_doc_set_fingerprint (ZhiPdfDoc *doc, const char *fingerprint)
{
  g_free (doc->fingerprint);
  doc->fingerprint = g_strdup (fingerprint);
}

void
zhi_pdf_doc_set_draft (ZhiPdfDoc *doc, gboolean draft)
{
  doc->draft = draft;
}

void
zhi_pdf_doc_set_page_number_position (ZhiPdfDoc *doc, ZhiPdfPageNumberPosition position)
{
  doc->number_position = position;
}

void
zhi_pdf_doc_set_unnumbered_pages (ZhiPdfDoc *doc, guint n_pages)
{
  doc->unnumbered = n_pages;
}

static Block *
block_add (ZhiPdfDoc *doc, BlockType type)
{
  Block *b = g_new0 (Block, 1);

  b->type = type;
  g_ptr_array_add (doc->blocks, b);
  return b;
}

const char *
zhi_pdf_doc_add_heading (ZhiPdfDoc *doc, guint level, const char *text, gboolean outline)
{
  Block *b = block_add (doc, BLOCK_HEADING);

  b->level = CLAMP (level, 1, 3);
  b->text = g_strdup (text ? text : "");
  b->outline = outline;
  b->dest = g_strdup_printf ("h-%u", ++doc->n_headings);
  return b->dest;
}

const char *
zhi_pdf_doc_add_title (ZhiPdfDoc *doc, const char *text, gboolean outline)
{
  const char *dest = zhi_pdf_doc_add_heading (doc, 1, text, outline);
  Block *b = g_ptr_array_index (doc->blocks, doc->blocks->len - 1);

  b->style = ZHI_PDF_STYLE_TITLE;
  return dest;
}

guint
zhi_pdf_doc_add_paragraph (ZhiPdfDoc *doc, ZhiPdfParagraphStyle style, const char *text)
{
  Block *b = block_add (doc, BLOCK_PARAGRAPH);

  b->style = style;
  b->text = g_strdup (text ? text : "");
  return doc->blocks->len - 1;
}

/* Destinations are generated ids; anything else never reaches cairo. */
static gboolean
dest_is_valid (const char *dest)
{
  const char *p;

  if (dest == NULL || *dest == '\0' || strlen (dest) > 64)
    return FALSE;
  for (p = dest; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

void
zhi_pdf_doc_add_link (ZhiPdfDoc *doc, guint paragraph, gsize start, gsize end, const char *dest)
{
  Block *b;
  Link link;

  g_return_if_fail (paragraph < doc->blocks->len);
  b = g_ptr_array_index (doc->blocks, paragraph);
  g_return_if_fail (b->type == BLOCK_PARAGRAPH);
  g_return_if_fail (dest_is_valid (dest));
  g_return_if_fail (start < end && end <= strlen (b->text));

  if (b->links == NULL)
    {
      b->links = g_array_new (FALSE, FALSE, sizeof (Link));
      g_array_set_clear_func (b->links, link_clear);
    }
  link.start = start;
  link.end = end;
  link.dest = g_strdup (dest);
  g_array_append_val (b->links, link);
}

gboolean
zhi_pdf_doc_link_text (ZhiPdfDoc *doc, guint paragraph, const char *needle, const char *dest)
{
  Block *b;
  const char *hit;

  g_return_val_if_fail (paragraph < doc->blocks->len, FALSE);
  b = g_ptr_array_index (doc->blocks, paragraph);
  g_return_val_if_fail (b->type == BLOCK_PARAGRAPH, FALSE);
  hit = strstr (b->text, needle);
  if (hit == NULL || *needle == '\0')
    return FALSE;
  zhi_pdf_doc_add_link (doc, paragraph, hit - b->text, hit - b->text + strlen (needle), dest);
  return TRUE;
}

static ZhiPdfTable *
table_new (guint n_columns, const double *widths)
{
  ZhiPdfTable *t = g_new0 (ZhiPdfTable, 1);
  double sum = 0;
  guint i;

  t->n_columns = n_columns;
  t->widths = g_new (double, n_columns);
  for (i = 0; i < n_columns; i++)
    sum += widths ? MAX (widths[i], 0) : 1;
  for (i = 0; i < n_columns; i++)
    t->widths[i] = WIDTH * (sum > 0 ? (widths ? MAX (widths[i], 0) : 1) / sum : 1.0 / n_columns);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  t->font_size = 12;
  return t;
}

static char **
copy_cells (guint n, const char *const *cells)
{
  char **copy = g_new0 (char *, n + 1);
  guint i;

  for (i = 0; i < n; i++)
    copy[i] = g_strdup (cells && cells[i] ? cells[i] : "");
  return copy;
}

ZhiPdfTable *
zhi_pdf_doc_add_table (ZhiPdfDoc *doc,
                       guint n_columns,
                       const double *widths,
                       const char *const *header)
{
  Block *b;

  g_return_val_if_fail (n_columns > 0, NULL);
  b = block_add (doc, BLOCK_TABLE);
  b->table = table_new (n_columns, widths);
  if (header)
    b->table->header = copy_cells (n_columns, header);
  return b->table;
}

ZhiPdfTable *
zhi_pdf_doc_add_key_value_table (ZhiPdfDoc *doc, double key_fraction)
{
  double widths[2] = { CLAMP (key_fraction, 0.05, 0.95), 1 - CLAMP (key_fraction, 0.05, 0.95) };
  ZhiPdfTable *t = zhi_pdf_doc_add_table (doc, 2, widths, NULL);

  t->key_column = TRUE;
  return t;
}

void
zhi_pdf_table_add_row (ZhiPdfTable *table, const char *const *cells)
{
  g_ptr_array_add (table->rows, copy_cells (table->n_columns, cells));
}

void
zhi_pdf_table_add_pair (ZhiPdfTable *table, const char *key, const char *value)
{
  const char *cells[] = { key, value, NULL };

  g_return_if_fail (table->n_columns == 2);
  zhi_pdf_table_add_row (table, cells);
}

gboolean
zhi_pdf_table_link_text (ZhiPdfTable *table, guint column, const char *needle, const char *dest)
{
  char **cells;
  const char *hit;
  CellLink cl;

  g_return_val_if_fail (table->rows->len > 0 && column < table->n_columns, FALSE);
  g_return_val_if_fail (dest_is_valid (dest), FALSE);
  cells = g_ptr_array_index (table->rows, table->rows->len - 1);
  hit = needle && *needle ? strstr (cells[column], needle) : NULL;
  if (hit == NULL)
    return FALSE;
  if (table->links == NULL)
    table->links = g_array_new (FALSE, FALSE, sizeof (CellLink));
  cl.row = table->rows->len - 1;
  cl.column = column;
  cl.link.start = hit - cells[column];
  cl.link.end = cl.link.start + strlen (needle);
  cl.link.dest = g_strdup (dest);
  g_array_append_val (table->links, cl);
  return TRUE;
}

void
zhi_pdf_table_set_numeric_column (ZhiPdfTable *table, guint column)
{
  g_return_if_fail (column < table->n_columns && column < 64);
  table->numeric |= G_GUINT64_CONSTANT (1) << column;
}

void
zhi_pdf_table_set_font_size (ZhiPdfTable *table, double size)
{
  table->font_size = CLAMP (size, 6, 24);
}

void
zhi_pdf_doc_add_spacer (ZhiPdfDoc *doc, double height_pt)
{
  block_add (doc, BLOCK_SPACER)->height = MAX (height_pt, 0);
}

void
zhi_pdf_doc_add_page_break (ZhiPdfDoc *doc)
{
  block_add (doc, BLOCK_PAGE_BREAK);
}

void
zhi_pdf_doc_add_drawing (ZhiPdfDoc *doc,
                         double height_pt,
                         ZhiPdfDrawFunc func,
                         gpointer user_data,
                         GDestroyNotify destroy)
{
  Block *b = block_add (doc, BLOCK_DRAWING);

  b->height = CLAMP (height_pt, 1, ZHI_PDF_BLOCK_HEIGHT);
  b->func = func;
  b->user_data = user_data;
  b->destroy = destroy;
}

void
zhi_pdf_doc_set_drawing_alt (ZhiPdfDoc *doc, const char *alt)
{
  Block *b;

  g_return_if_fail (doc->blocks->len > 0);
  b = g_ptr_array_index (doc->blocks, doc->blocks->len - 1);
  g_return_if_fail (b->type == BLOCK_DRAWING);
  g_free (b->alt);
  b->alt = g_strdup (alt);
}

void
zhi_pdf_doc_set_finish (ZhiPdfDoc *doc,
                        const char *unnumbered_label,
                        ZhiPdfDataFunc data_func,
                        gpointer user_data)
{
  g_free (doc->finish_label);
  doc->finish_label = g_strdup (unnumbered_label);
  doc->data_func = data_func;
  doc->data_user_data = user_data;
}

const ZhiPdfFinish *
zhi_pdf_doc_get_finish (ZhiPdfDoc *doc, const char *unnumbered_label, JsonObject *data)
{
  doc->finish.data = data;
  doc->finish.lang = "zh-CN";
  doc->finish.unnumbered = doc->unnumbered;
  doc->finish.unnumbered_label = unnumbered_label;
  doc->finish.figure_alts = (const char *const *)doc->figure_alts->pdata;
  doc->finish.own_pages = (const gboolean *)doc->own_pages->data;
  doc->finish.n_own_pages = doc->own_pages->len;
  return &doc->finish;
}

void
zhi_pdf_doc_add_contents (ZhiPdfDoc *doc, guint max_level, gboolean with_attachments)
{
  Block *b = block_add (doc, BLOCK_CONTENTS);

  b->level = CLAMP (max_level, 1, 3);
  b->with_attachments = with_attachments;
}

const char *
zhi_pdf_doc_add_attachment (ZhiPdfDoc *doc, ZhiPdfAttachment *attachment)
{
  Block *b = block_add (doc, BLOCK_ATTACHMENT);

  b->attachment = attachment;
  b->text = g_strdup_printf ("附件%u：%s", zhi_pdf_attachment_get_number (attachment),
                             zhi_pdf_attachment_get_title (attachment));
  b->dest = g_strdup_printf ("att-%u", zhi_pdf_attachment_get_number (attachment));
  return b->dest;
}

guint
zhi_pdf_doc_get_n_pages (ZhiPdfDoc *doc)
{
  return doc->n_pages;
}

GPtrArray *
zhi_pdf_doc_get_warnings (ZhiPdfDoc *doc)
{
  return doc->warnings;
}

int
zhi_pdf_doc_get_dest_page (ZhiPdfDoc *doc, const char *dest)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (doc->dest_pages, dest)) - 1;
}

/* ---- layout helpers --------------------------------------------------- */

static void
line_set_init (LineSet *set, PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  set->layout = layout;
  set->lines = g_array_new (FALSE, FALSE, sizeof (LineInfo));
  do
    {
      LineInfo li;
      PangoRectangle logical;
      int y0, y1;

      li.line = pango_layout_iter_get_line_readonly (iter);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      li.x = logical.x / (double)PANGO_SCALE;
      li.top = y0 / (double)PANGO_SCALE;
      li.bottom = y1 / (double)PANGO_SCALE;
      li.baseline = pango_layout_iter_get_baseline (iter) / (double)PANGO_SCALE;
      g_array_append_val (set->lines, li);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
line_set_clear (LineSet *set)
{
  g_clear_object (&set->layout);
  g_clear_pointer (&set->lines, g_array_unref);
}

static LineInfo *
line_at (LineSet *set, guint i)
{
  return &g_array_index (set->lines, LineInfo, i);
}

/* Height of lines [from, to). */
static double
lines_height (LineSet *set, guint from, guint to)
{
  if (to <= from)
    return 0;
  return line_at (set, to - 1)->bottom - line_at (set, from)->top;
}

static void
draw_lines (Writer *w, LineSet *set, guint from, guint to, double x, double y)
{
  guint i;

  if (!w->writing || to <= from)
    return;
  for (i = from; i < to; i++)
    {
      LineInfo *li = line_at (set, i);

      cairo_move_to (w->cr, x + li->x, y + li->baseline - line_at (set, from)->top);
      pango_cairo_show_layout_line (w->cr, li->line);
    }
}

static PangoLayout *
layout_new (Writer *w, const char *family, double size, const char *text, double width)
{
  return zhi_pdf_layout_new (w->context, family, PANGO_WEIGHT_NORMAL, size, text, width);
}

static void
tag_begin (Writer *w, const char *tag, const char *attributes)
{
  if (w->writing)
    cairo_tag_begin (w->cr, tag, attributes);
}

static void
tag_end (Writer *w, const char *tag)
{
  if (w->writing)
    cairo_tag_end (w->cr, tag);
}

static void
emit_dest (Writer *w, const char *dest, double y)
{
  g_autofree char *attrs = NULL;
  char ybuf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert (dest_is_valid (dest));
  if (!w->writing)
    {
      g_hash_table_insert (w->doc->dest_pages, g_strdup (dest), GINT_TO_POINTER (w->page + 1));
      return;
    }
  if (zhi_pdf_doc_get_dest_page (w->doc, dest) != w->page)
    g_warning ("dossier layout differs between passes at %s", dest);
  g_ascii_formatd (ybuf, sizeof ybuf, "%.2f", MAX (y - 6, 0));
  attrs = g_strdup_printf ("name='%s' x=0 y=%s", dest, ybuf);
  cairo_tag_begin (w->cr, CAIRO_TAG_DEST, attrs);
  cairo_tag_end (w->cr, CAIRO_TAG_DEST);
}

static void
emit_link_rect (Writer *w, const char *dest, double x, double y, double width, double height)
{
  g_autofree char *attrs = NULL;
  char b[4][G_ASCII_DTOSTR_BUF_SIZE];

  if (!w->writing)
    return;
  g_assert (dest_is_valid (dest));
  /* a link to a destination the document does not have is dropped: cairo
   * would write a dangling name */
  if (zhi_pdf_doc_get_dest_page (w->doc, dest) < 0)
    return;
  g_ascii_formatd (b[0], sizeof b[0], "%.2f", x);
  g_ascii_formatd (b[1], sizeof b[1], "%.2f", y);
  g_ascii_formatd (b[2], sizeof b[2], "%.2f", width);
  g_ascii_formatd (b[3], sizeof b[3], "%.2f", height);
  attrs = g_strdup_printf ("dest='%s' rect=[%s %s %s %s]", dest, b[0], b[1], b[2], b[3]);
  cairo_tag_begin (w->cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end (w->cr, CAIRO_TAG_LINK);
}

/* ---- pages ------------------------------------------------------------ */

static void
draw_chrome (Writer *w)
{
  ZhiPdfDoc *doc = w->doc;
  cairo_t *cr = w->cr;

  if ((guint)w->page >= doc->unnumbered)
    {
      guint n = w->page - doc->unnumbered + 1;
      g_autofree char *text = g_strdup_printf ("— %u —", n);
      g_autoptr (PangoLayout) num = layout_new (w, ZHI_PDF_SERIF, 14, text, -1);
      int nw, nh;
      double x;

      pango_layout_get_size (num, &nw, &nh);
      if (doc->number_position == ZHI_PDF_PAGE_NUMBER_OUTER)
        x = (n % 2 == 1) ? LEFT + WIDTH - 14 - nw / (double)PANGO_SCALE : LEFT + 14;
      else
        x = LEFT + (WIDTH - nw / (double)PANGO_SCALE) / 2;
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x, BOTTOM + 7 * ZHI_PDF_MM - 4);
      pango_cairo_show_layout (cr, num);
      cairo_restore (cr);
    }

  if (doc->fingerprint && doc->fingerprint[0])
    {
      PangoLayout *fp = w->footer;

      if (fp == NULL)
        {
          fp = w->footer = layout_new (w, ZHI_PDF_SANS, 7, doc->fingerprint, WIDTH);
          pango_layout_set_alignment (fp, PANGO_ALIGN_CENTER);
          pango_layout_set_wrap (fp, PANGO_WRAP_CHAR);
        }
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      cairo_move_to (cr, LEFT, ZHI_PDF_PAGE_HEIGHT - 14 * ZHI_PDF_MM);
      pango_cairo_show_layout (cr, fp);
      cairo_restore (cr);
    }
}

/* The watermark goes over the content, so that no opaque evidence image
 * hides it; it is translucent. */
static void
draw_watermark (Writer *w)
{
  ZhiPdfDoc *doc = w->doc;
  cairo_t *cr = w->cr;

  if (doc->draft)
    {
      PangoLayout *mark = w->watermark;
      int mw, mh;
      double width, height;

      if (mark == NULL)
        mark = w->watermark = layout_new (w, ZHI_PDF_SANS, 120, "草稿", -1);
      pango_layout_get_size (mark, &mw, &mh);
      width = mw / (double)PANGO_SCALE;
      height = mh / (double)PANGO_SCALE;
      /* outlines, not text: the mark is no part of what a reader copies or searches; recorded
       * once and painted on every page, cairo writes them once */
      if (w->watermark_mark == NULL)
        {
          cairo_rectangle_t extents = { 0, 0, width, height };
          cairo_t *rc;

          w->watermark_mark = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
          rc = cairo_create (w->watermark_mark);
          cairo_set_source_rgba (rc, 0.85, 0.1, 0.1, 0.15);
          cairo_move_to (rc, 0, 0);
          pango_cairo_layout_path (rc, mark);
          cairo_fill (rc);
          cairo_destroy (rc);
        }
      cairo_save (cr);
      cairo_translate (cr, w->page_width / 2, w->page_height / 2);
      cairo_rotate (cr, -G_PI / 4);
      cairo_set_source_surface (cr, w->watermark_mark, -width / 2, -height / 2);
      cairo_rectangle (cr, -width / 2, -height / 2, width, height);
      cairo_fill (cr);
      cairo_restore (cr);
    }
}

/* A page of the body (A4, with its number and the fingerprint in the footer), or with
 * @evidence an attachment's page of @width × @height (its stamp label carries the fingerprint). */
static void
open_page_sized (Writer *w, double width, double height, gboolean evidence)
{
  if (w->page_open)
    return;
  w->page++;
  w->page_open = TRUE;
  if (w->writing)
    {
      gboolean own = TRUE;

      /* every page is drawn here, its furniture untagged */
      g_array_append_val (w->doc->own_pages, own);
    }
  w->y = TOP;
  w->page_width = width;
  w->page_height = height;
  w->evidence_page = evidence;
  if (w->writing)
    {
      cairo_pdf_surface_set_size (w->surface, width, height);
      if (!evidence)
        draw_chrome (w);
    }
}

static void
open_page (Writer *w)
{
  open_page_sized (w, ZHI_PDF_PAGE_WIDTH, ZHI_PDF_PAGE_HEIGHT, FALSE);
}

static void
close_page (Writer *w)
{
  if (!w->page_open)
    return;
  w->page_open = FALSE;
  if (w->writing)
    {
      draw_watermark (w);
      cairo_show_page (w->cr);
      if (w->progress)
        w->progress (w->page + 1, w->total_pages, w->user_data);
    }
  if (g_cancellable_is_cancelled (w->cancellable))
    w->cancelled = TRUE;
}

static void
next_page (Writer *w)
{
  close_page (w);
  open_page (w);
}

static gboolean
page_is_empty (Writer *w)
{
  return w->y <= TOP + EPSILON;
}

/* Space before a block, dropped at the top of a page. */
static void
space_before (Writer *w, double space)
{
  open_page (w);
  if (!page_is_empty (w))
    w->y += space;
  if (w->y > BOTTOM)
    next_page (w);
}

static void
space_after (Writer *w, double space)
{
  w->y += space;
  if (w->y >= BOTTOM - EPSILON)
    close_page (w);
}

/* ---- blocks ----------------------------------------------------------- */

/* A closing mark that cannot start a line: it counts with the character before it. */
static gboolean
is_closing_mark (gunichar c)
{
  return g_utf8_strchr ("）》」』】〕〉。，、；：！？”’)].,;:!?", -1, c) != NULL;
}

/* A heading or contents entry that wraps never leaves a single character (告, 文）) alone on its
 * last line: the wrapping width is narrowed by two characters at a time until the last line
 * holds at least two. */
static void
avoid_lone_last_line (PangoLayout *layout, double size)
{
  int width = pango_layout_get_width (layout);
  guint tries;

  for (tries = 0; tries < 4 && width > 0; tries++)
    {
      const char *text = pango_layout_get_text (layout);
      GSList *lines = pango_layout_get_lines_readonly (layout), *l;
      gboolean lone = FALSE;

      /* the last line of each paragraph that wrapped */
      for (l = lines; l != NULL && !lone; l = l->next)
        {
          PangoLayoutLine *line = l->data;
          PangoLayoutLine *next = l->next ? l->next->data : NULL;
          const char *p, *end;
          guint chars = 0;

          if (line->is_paragraph_start || (next != NULL && !next->is_paragraph_start))
            continue;
          end = text + line->start_index + line->length;
          for (p = text + line->start_index; p < end; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);

              if (!g_unichar_isspace (c) && !is_closing_mark (c))
                chars++;
            }
          lone = chars < 2;
        }
      /* a narrow column would only wrap worse */
      if (!lone || width - 2 * size * PANGO_SCALE < 6 * size * PANGO_SCALE)
        return;
      width -= (int)(2 * size * PANGO_SCALE);
      pango_layout_set_width (layout, width);
    }
}

static void keep_whole (PangoLayout *layout);

/* Headings and paragraphs are laid out when first needed: when placed, or when a heading
 * before them asks how much room they need to start. */
static const double heading_sizes[] = { 0, 18, 16, 16 };

static void
heading_prepare (Writer *w, Block *b)
{
  PangoLayout *layout;
  double size = b->style == ZHI_PDF_STYLE_TITLE ? 22 : heading_sizes[b->level];

  if (b->lines.layout != NULL)
    return;
  layout = layout_new (w, b->level == 2 ? ZHI_PDF_KAI : ZHI_PDF_SANS, size, b->text, WIDTH);
  if (b->style == ZHI_PDF_STYLE_TITLE)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_line_spacing (layout, 1.1);
  keep_whole (layout);
  avoid_lone_last_line (layout, size);
  line_set_init (&b->lines, layout);
}

static double keep_height (Writer *w, guint index);

static void
place_heading (Writer *w, Block *b, guint index)
{
  static const char *tags[] = { NULL, "H1", "H2", "H3" };
  LineSet *set = &b->lines;
  double h;

  heading_prepare (w, b);
  h = lines_height (set, 0, set->lines->len);

  space_before (w, b->level == 1 ? 14 : 8);
  /* keep with what follows: the next heading and its own follower, two lines of a paragraph, a
   * table's header and first row */
  if (!page_is_empty (w)
      && w->y + h + (b->level == 1 ? 8 : 4) + keep_height (w, index + 1) > BOTTOM + EPSILON)
    next_page (w);

  emit_dest (w, b->dest, w->y);
  if (w->writing && b->outline)
    {
      g_autofree char *attrs = g_strdup_printf ("dest='%s'", b->dest);
      int id
          = cairo_pdf_surface_add_outline (w->surface, w->outline_parent[b->level - 1], b->text,
                                           attrs, b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      guint l;

      for (l = b->level; l < G_N_ELEMENTS (w->outline_parent); l++)
        w->outline_parent[l] = id;
    }
  tag_begin (w, tags[b->level], NULL);
  if (w->writing)
    cairo_set_source_rgb (w->cr, 0, 0, 0);
  draw_lines (w, set, 0, set->lines->len, LEFT, w->y);
  tag_end (w, tags[b->level]);
  w->y += h;
  space_after (w, b->level == 1 ? 8 : 4);
}

static void
draw_link_spans (Writer *w, GArray *links, LineSet *set, guint from, guint to, double x, double y)
{
  guint i, k;

  if (!w->writing || links == NULL)
    return;
  for (i = from; i < to; i++)
    {
      LineInfo *li = line_at (set, i);
      double top = y + li->top - line_at (set, from)->top;

      for (k = 0; k < links->len; k++)
        {
          Link *link = &g_array_index (links, Link, k);
          int start = MAX ((int)link->start, li->line->start_index);
          int end = MIN ((int)link->end, li->line->start_index + li->line->length);
          int *ranges = NULL, n = 0, r;

          if (start >= end)
            continue;
          pango_layout_line_get_x_ranges (li->line, start, end, &ranges, &n);
          for (r = 0; r < n; r++)
            {
              double x0 = ranges[2 * r] / (double)PANGO_SCALE;
              double x1 = ranges[2 * r + 1] / (double)PANGO_SCALE;

              if (x1 > x0)
                emit_link_rect (w, link->dest, x + x0, top, x1 - x0, li->bottom - li->top);
            }
          g_free (ranges);
        }
    }
}

/* A cell's text after ZHI_PDF_SMALL_MARK starts a new line in smaller grey type (an evidence
 * title, then its original file name). */
static void
small_after_mark (PangoLayout *layout, double size)
{
  const char *text = pango_layout_get_text (layout);
  const char *mark = strchr (text, ZHI_PDF_SMALL_MARK[0]);
  g_autofree char *copy = NULL;
  PangoAttrList *attrs;
  PangoAttribute *a;

  if (mark == NULL)
    return;
  copy = g_strdup (text);
  /* one byte for one byte: link offsets stay right */
  for (char *p = copy; *p; p++)
    if (*p == ZHI_PDF_SMALL_MARK[0])
      *p = '\n';
  attrs = pango_layout_get_attributes (layout)
              ? pango_attr_list_copy (pango_layout_get_attributes (layout))
              : pango_attr_list_new ();
  a = pango_attr_size_new_absolute ((int)(size * 0.8 * PANGO_SCALE));
  a->start_index = mark - text + 1;
  pango_attr_list_insert (attrs, a);
  a = pango_attr_foreground_new (0x4000, 0x4000, 0x4000);
  a->start_index = mark - text + 1;
  pango_attr_list_insert (attrs, a);
  pango_layout_set_text (layout, copy, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Strings a line never breaks inside: "附件12" (a reviewer looks for the number beside the word),
 * a standard's code ("GB/T 39116-2020"). */
static void
keep_whole (PangoLayout *layout)
{
  static GRegex *re;
  const char *text = pango_layout_get_text (layout);
  g_autoptr (GMatchInfo) match = NULL;
  PangoAttrList *attrs;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("附件[0-9]+|(GB|GB/T|GB/Z)\\s?[0-9]+(\\.[0-9]+)?-[0-9]{4}",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (re, text, 0, &match))
    return;
  attrs = pango_layout_get_attributes (layout)
              ? pango_attr_list_copy (pango_layout_get_attributes (layout))
              : pango_attr_list_new ();
  while (g_match_info_matches (match))
    {
      int start, end;
      PangoAttribute *a = pango_attr_allow_breaks_new (FALSE);

      g_match_info_fetch_pos (match, 0, &start, &end);
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert (attrs, a);
      g_match_info_next (match, NULL);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Links are shown blue and underlined in a draft, read on screen; the final dossier is printed
 * and sealed, so its links keep the text's colour (a 见附件N says where to look by itself). */
static void
set_link_attributes (Writer *w, PangoLayout *layout, GArray *links)
{
  PangoAttrList *attrs;
  guint k;

  if (links == NULL || links->len == 0 || !w->doc->draft)
    return;
  /* keep the layout's own attributes (no inserted hyphens) */
  attrs = pango_layout_get_attributes (layout)
              ? pango_attr_list_copy (pango_layout_get_attributes (layout))
              : pango_attr_list_new ();
  for (k = 0; k < links->len; k++)
    {
      Link *link = &g_array_index (links, Link, k);
      PangoAttribute *a = pango_attr_foreground_new (0x0000, 0x3c00, 0x9900);

      a->start_index = link->start;
      a->end_index = link->end;
      pango_attr_list_insert (attrs, a);
      a = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
      a->start_index = link->start;
      a->end_index = link->end;
      pango_attr_list_insert (attrs, a);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* A character between which and its neighbour a justified line may stretch: CJK ideographs
 * and punctuation, kana, fullwidth forms. */
static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)
         || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
         || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

typedef struct
{
  PangoGlyphItem *run;
  int last_glyph; /* the cluster's last glyph in run->glyphs */
  gunichar c;     /* the cluster's first character */
} Cluster;

/* Justify every line but a paragraph's last by widening the gaps next to CJK characters only.
 * Pango's own justification puts all the slack into the spaces of a line that has any ("共  8
 * 件") and otherwise spreads it between every two clusters, letter-spacing Latin words
 * (《e n c r y p t e d . p d f》); a Chinese typesetter stretches only between CJK characters
 * and leaves a line without such gaps ragged. */
static void
justify_cjk (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  int width = pango_layout_get_width (layout);
  int indent = pango_layout_get_indent (layout);
  GSList *lines = pango_layout_get_lines_readonly (layout), *l;
  g_autoptr (GArray) clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));

  if (width <= 0)
    return;
  for (l = lines; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      PangoLayoutLine *next = l->next ? l->next->data : NULL;
      int avail, slack, gaps = 0, extra, rest, used, trailing;
      guint k;
      GSList *r;

      /* a paragraph's last line stays as it is */
      if (next == NULL || next->is_paragraph_start)
        continue;
      avail = width - (line->is_paragraph_start && indent > 0 ? indent : 0);
      g_array_set_size (clusters, 0);
      for (r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          PangoGlyphString *glyphs = run->glyphs;
          int i;

          if (run->item->analysis.level % 2 != 0)
            break; /* right-to-left text: leave the line to pango */
          for (i = 0; i < glyphs->num_glyphs; i++)
            {
              if (i == 0 || glyphs->log_clusters[i] != glyphs->log_clusters[i - 1])
                {
                  Cluster c
                      = { run, i,
                          g_utf8_get_char (text + run->item->offset + glyphs->log_clusters[i]) };

                  g_array_append_val (clusters, c);
                }
              else
                g_array_index (clusters, Cluster, clusters->len - 1).last_glyph = i;
            }
        }
      if (r != NULL)
        continue;
      /* trailing spaces take no part, neither in the gaps nor in the width */
      trailing = 0;
      while (clusters->len > 0
             && g_unichar_isspace (g_array_index (clusters, Cluster, clusters->len - 1).c))
        {
          Cluster *c = &g_array_index (clusters, Cluster, clusters->len - 1);

          trailing += c->run->glyphs->glyphs[c->last_glyph].geometry.width;
          g_array_set_size (clusters, clusters->len - 1);
        }
      for (k = 0; k + 1 < clusters->len; k++)
        if (is_cjk (g_array_index (clusters, Cluster, k).c)
            || is_cjk (g_array_index (clusters, Cluster, k + 1).c))
          gaps++;
      if (gaps == 0)
        continue;
      used = 0;
      for (r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          int i;

          for (i = 0; i < run->glyphs->num_glyphs; i++)
            used += run->glyphs->glyphs[i].geometry.width;
        }
      slack = avail - (used - trailing);
      /* a line that is full, or one so short that stretching it would look wrong */
      if (slack <= 0 || slack > avail / 4)
        continue;
      extra = slack / gaps;
      rest = slack - extra * gaps;
      for (k = 0; k + 1 < clusters->len; k++)
        {
          Cluster *c = &g_array_index (clusters, Cluster, k);

          if (is_cjk (c->c) || is_cjk (g_array_index (clusters, Cluster, k + 1).c))
            {
              c->run->glyphs->glyphs[c->last_glyph].geometry.width += extra + (rest > 0 ? 1 : 0);
              if (rest > 0)
                rest--;
            }
        }
    }
}

static void
paragraph_layout (Writer *w, Block *b, const char *family, double size)
{
  PangoLayout *layout = layout_new (w, family, size, NULL, WIDTH);
  gboolean justify = FALSE;

  pango_layout_set_line_spacing (layout, b->style == ZHI_PDF_STYLE_TITLE ? 1.2 : BODY_LINE_SPACING);
  switch (b->style)
    {
      case ZHI_PDF_STYLE_BODY:
        pango_layout_set_indent (layout, (int)(2 * size * PANGO_SCALE));
        justify = TRUE;
        break;
      case ZHI_PDF_STYLE_SMALL:
        justify = TRUE;
        break;
      case ZHI_PDF_STYLE_PLAIN:
        break;
      case ZHI_PDF_STYLE_CENTERED:
      case ZHI_PDF_STYLE_TITLE:
        pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
        break;
      case ZHI_PDF_STYLE_SIGNATURE_LINE:
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
        break;
    }
  pango_layout_set_text (layout, b->text, -1);
  set_link_attributes (w, layout, b->links);
  keep_whole (layout);
  if (justify)
    justify_cjk (layout);
  line_set_init (&b->lines, layout);
}

static double
paragraph_size (Block *b)
{
  return b->style == ZHI_PDF_STYLE_SMALL ? 12 : b->style == ZHI_PDF_STYLE_TITLE ? 22 : BODY_SIZE;
}

static double
paragraph_space_before (Block *b)
{
  return b->style == ZHI_PDF_STYLE_SIGNATURE_LINE ? 24 : b->style == ZHI_PDF_STYLE_TITLE ? 12 : 0;
}

static void
paragraph_prepare (Writer *w, Block *b)
{
  if (b->lines.layout == NULL)
    paragraph_layout (w, b, b->style == ZHI_PDF_STYLE_TITLE ? ZHI_PDF_SANS : ZHI_PDF_SERIF,
                      paragraph_size (b));
}

/* Lines a paragraph must keep together at its start: two, or all of a paragraph of up to
 * three lines (which cannot be split without leaving one line alone). */
static guint
paragraph_keep_lines (Block *b)
{
  guint n = b->lines.lines->len;

  return n <= 3 ? n : 2;
}

static void
place_paragraph (Writer *w, Block *b)
{
  LineSet *set = &b->lines;
  guint start = 0, n;

  paragraph_prepare (w, b);
  n = set->lines->len;

  space_before (w, paragraph_space_before (b));
  while (start < n && !w->cancelled)
    {
      guint end = start;

      while (end < n && w->y + lines_height (set, start, end + 1) <= BOTTOM + EPSILON)
        end++;
      /* no widow: a last line alone at the head of the next page takes one more with it */
      if (end < n && n - end == 1 && end > start)
        end--;
      /* no orphan: the first line or two alone at the foot of a page move on */
      if (start == 0 && end < paragraph_keep_lines (b) && end < n && !page_is_empty (w))
        end = 0;
      if (end == start)
        {
          if (page_is_empty (w))
            end = start + 1;
          else
            {
              next_page (w);
              continue;
            }
        }
      tag_begin (w, "P", NULL);
      if (w->writing)
        cairo_set_source_rgb (w->cr, 0, 0, 0);
      draw_lines (w, set, start, end, LEFT, w->y);
      draw_link_spans (w, b->links, set, start, end, LEFT, w->y);
      tag_end (w, "P");
      w->y += lines_height (set, start, end);
      start = end;
      if (start < n)
        next_page (w);
    }
  space_after (w, b->style == ZHI_PDF_STYLE_TITLE ? 12 : 2);
}

/* Tables --------------------------------------------------------------- */

typedef struct
{
  LineSet *cells;
  guint *from;
  guint *to;
  GArray **links; /* per cell: Link (borrowed dest), NULL when none */
} Row;

/* @index: the row's index, or G_MAXUINT for the header */
static void
row_init (Writer *w, ZhiPdfTable *t, Row *row, char **texts, gboolean header, guint index)
{
  guint c;
  LineSet **slot;

  row->from = g_new0 (guint, t->n_columns);
  row->to = g_new0 (guint, t->n_columns);
  row->links = g_new0 (GArray *, t->n_columns);
  for (c = 0; t->links != NULL && c < t->links->len; c++)
    {
      CellLink *cl = &g_array_index (t->links, CellLink, c);

      if (cl->row != index)
        continue;
      if (row->links[cl->column] == NULL)
        row->links[cl->column] = g_array_new (FALSE, FALSE, sizeof (Link));
      g_array_append_val (row->links[cl->column], cl->link);
    }
  if (header)
    slot = &t->header_lines;
  else
    {
      if (t->row_lines == NULL)
        t->row_lines = g_ptr_array_new ();
      if (t->row_lines->len <= index)
        g_ptr_array_set_size (t->row_lines, index + 1);
      slot = (LineSet **)&t->row_lines->pdata[index];
    }
  if (*slot == NULL)
    {
      *slot = g_new0 (LineSet, t->n_columns);
      for (c = 0; c < t->n_columns; c++)
        {
          gboolean sans = header || (t->key_column && c == 0);
          PangoLayout *layout = layout_new (w, sans ? ZHI_PDF_SANS : ZHI_PDF_SERIF, t->font_size,
                                            texts[c], t->widths[c] - 2 * CELL_PAD_X);

          pango_layout_set_line_spacing (layout, TABLE_LINE_SPACING);
          if (header)
            pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          else if (t->numeric & (G_GUINT64_CONSTANT (1) << c))
            pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
          set_link_attributes (w, layout, row->links[c]);
          small_after_mark (layout, t->font_size);
          keep_whole (layout);
          if (!header && !(t->numeric & (G_GUINT64_CONSTANT (1) << c)))
            avoid_lone_last_line (layout, t->font_size);
          line_set_init (&(*slot)[c], layout);
        }
    }
  row->cells = *slot; /* owned by the table */
}

static void
row_clear (ZhiPdfTable *t, Row *row)
{
  guint c;

  for (c = 0; c < t->n_columns; c++)
    if (row->links[c])
      g_array_unref (row->links[c]);
  g_free (row->links);
  g_free (row->from);
  g_free (row->to);
}

static gboolean
row_done (ZhiPdfTable *t, Row *row)
{
  guint c;

  for (c = 0; c < t->n_columns; c++)
    if (row->from[c] < row->cells[c].lines->len)
      return FALSE;
  return TRUE;
}

/* Height of the rest of the row. */
static double
row_rest_height (ZhiPdfTable *t, Row *row)
{
  double h = 0;
  guint c;

  for (c = 0; c < t->n_columns; c++)
    h = MAX (h, lines_height (&row->cells[c], row->from[c], row->cells[c].lines->len));
  return h + 2 * CELL_PAD_Y;
}

/* Takes, in every cell, the lines that fit in @avail; returns the fragment
 * height, 0 when not even one line fits. */
static double
row_take (ZhiPdfTable *t, Row *row, double avail)
{
  double h = 0;
  guint c;
  gboolean any = FALSE;

  for (c = 0; c < t->n_columns; c++)
    {
      LineSet *set = &row->cells[c];
      guint end = row->from[c];

      while (end < set->lines->len
             && lines_height (set, row->from[c], end + 1) <= avail - 2 * CELL_PAD_Y + EPSILON)
        end++;
      row->to[c] = end;
      if (end > row->from[c])
        any = TRUE;
      h = MAX (h, lines_height (set, row->from[c], end));
    }
  return any ? h + 2 * CELL_PAD_Y : 0;
}

static void
row_draw (Writer *w, ZhiPdfTable *t, Row *row, double height, gboolean header)
{
  double x = LEFT;
  guint c;

  tag_begin (w, "TR", NULL);
  for (c = 0; c < t->n_columns; c++)
    {
      gboolean th = header || (t->key_column && c == 0);
      const char *tag = th ? "TH" : "TD";

      tag_begin (w, tag, NULL);
      if (w->writing)
        {
          if (th)
            {
              cairo_set_source_rgb (w->cr, 0.92, 0.92, 0.92);
              cairo_rectangle (w->cr, x, w->y, t->widths[c], height);
              cairo_fill (w->cr);
            }
          cairo_set_source_rgb (w->cr, 0, 0, 0);
          draw_lines (w, &row->cells[c], row->from[c], row->to[c], x + CELL_PAD_X,
                      w->y + CELL_PAD_Y);
          draw_link_spans (w, row->links[c], &row->cells[c], row->from[c], row->to[c],
                           x + CELL_PAD_X, w->y + CELL_PAD_Y);
          cairo_set_line_width (w->cr, 0.6);
          cairo_rectangle (w->cr, x, w->y, t->widths[c], height);
          cairo_stroke (w->cr);
        }
      tag_end (w, tag);
      row->from[c] = row->to[c];
      x += t->widths[c];
    }
  tag_end (w, "TR");
  w->y += height;
}

static void
table_header (Writer *w, ZhiPdfTable *t)
{
  Row row;

  if (t->header == NULL)
    return;
  row_init (w, t, &row, t->header, TRUE, G_MAXUINT);
  row_draw (w, t, &row, row_take (t, &row, BOTTOM - w->y), TRUE);
  row_clear (t, &row);
}

static double
table_header_height (Writer *w, ZhiPdfTable *t)
{
  Row row;
  double h;

  if (t->header == NULL)
    return 0;
  row_init (w, t, &row, t->header, TRUE, G_MAXUINT);
  h = row_rest_height (t, &row);
  row_clear (t, &row);
  return h;
}

/* The header and the first row (when that row would not be split anyway). */
static double
table_start_height (Writer *w, ZhiPdfTable *t)
{
  double header_h = table_header_height (w, t);
  double first = t->font_size * 1.6 + 2 * CELL_PAD_Y;

  if (t->rows->len > 0)
    {
      Row row;
      double h;

      row_init (w, t, &row, g_ptr_array_index (t->rows, 0), FALSE, 0);
      h = row_rest_height (t, &row);
      row_clear (t, &row);
      if (h <= ZHI_PDF_BLOCK_HEIGHT - header_h)
        first = h;
    }
  return header_h + first;
}

static void
place_table (Writer *w, Block *b)
{
  ZhiPdfTable *t = b->table;
  double header_h = table_header_height (w, t);
  guint r;

  space_before (w, 6);
  /* the header and the first row (when it would not be split anyway), or a new page: a
   * header alone at the foot of a page is useless */
  if (!page_is_empty (w) && w->y + table_start_height (w, t) > BOTTOM + EPSILON)
    next_page (w);
  tag_begin (w, "Table", NULL);
  table_header (w, t);
  for (r = 0; r < t->rows->len && !w->cancelled; r++)
    {
      Row row;

      row_init (w, t, &row, g_ptr_array_index (t->rows, r), FALSE, r);
      /* a row that fits on a fresh page is not split */
      if (w->y + row_rest_height (t, &row) > BOTTOM + EPSILON
          && row_rest_height (t, &row) <= ZHI_PDF_BLOCK_HEIGHT - header_h)
        {
          next_page (w);
          table_header (w, t);
        }
      while (!row_done (t, &row))
        {
          double h = row_take (t, &row, BOTTOM - w->y);

          if (h <= 0)
            {
              next_page (w);
              table_header (w, t);
              h = row_take (t, &row, BOTTOM - w->y);
              if (h <= 0) /* a single line taller than a page: give up on this row */
                break;
            }
          row_draw (w, t, &row, h, FALSE);
          if (!row_done (t, &row))
            {
              next_page (w);
              table_header (w, t);
            }
        }
      row_clear (t, &row);
    }
  tag_end (w, "Table");
  space_after (w, 8);
}

static void
place_drawing (Writer *w, Block *b)
{
  space_before (w, 6);
  if (!page_is_empty (w) && w->y + b->height > BOTTOM + EPSILON)
    next_page (w);
  if (w->writing && b->func)
    {
      tag_begin (w, "Figure", NULL);
      g_ptr_array_add (w->doc->figure_alts, g_strdup (b->alt ? b->alt : "图"));
      cairo_save (w->cr);
      cairo_translate (w->cr, LEFT, w->y);
      cairo_rectangle (w->cr, 0, 0, WIDTH, b->height);
      cairo_clip (w->cr);
      b->func (w->cr, WIDTH, b->height, b->user_data);
      cairo_restore (w->cr);
      tag_end (w, "Figure");
    }
  w->y += b->height;
  space_after (w, 6);
}

/* Contents ------------------------------------------------------------- */

/* @index: the entry's position in @contents (its layout is kept there between the passes) */
static void
place_contents_entry (
    Writer *w, Block *contents, guint index, guint level, const char *text, const char *dest)
{
  double indent = (level - 1) * 2 * 14.0;
  double num_w = 36;
  LineSet *set;
  double h;

  if (contents->entry_lines == NULL)
    contents->entry_lines = g_ptr_array_new_with_free_func (line_set_free);
  if (index < contents->entry_lines->len)
    set = contents->entry_lines->pdata[index];
  else
    {
      PangoLayout *layout = layout_new (w, level == 1 ? ZHI_PDF_SANS : ZHI_PDF_SERIF, 14, text,
                                        WIDTH - indent - num_w - 24);

      avoid_lone_last_line (layout, 14);
      set = g_new0 (LineSet, 1);
      line_set_init (set, layout);
      g_ptr_array_add (contents->entry_lines, set);
    }
  h = lines_height (set, 0, set->lines->len) + 6;
  if (!page_is_empty (w) && w->y + h > BOTTOM + EPSILON)
    next_page (w);

  if (w->writing)
    {
      LineInfo *last = line_at (set, set->lines->len - 1);
      PangoRectangle ink, logical;
      double base = w->y + 3 + last->baseline - line_at (set, 0)->top;
      double text_end;
      int page = zhi_pdf_doc_get_dest_page (w->doc, dest);
      int shown = page >= (int)w->doc->unnumbered ? page - (int)w->doc->unnumbered + 1 : 0;
      g_autofree char *num = g_strdup_printf ("%d", MAX (shown, 0));
      g_autoptr (PangoLayout) num_layout = layout_new (w, ZHI_PDF_SERIF, 14, num, num_w);

      pango_layout_set_alignment (num_layout, PANGO_ALIGN_RIGHT);

      tag_begin (w, "TOCI", NULL);
      {
        g_autofree char *attrs = NULL;
        char b[4][G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (b[0], sizeof b[0], "%.2f", LEFT + indent);
        g_ascii_formatd (b[1], sizeof b[1], "%.2f", w->y);
        g_ascii_formatd (b[2], sizeof b[2], "%.2f", WIDTH - indent);
        g_ascii_formatd (b[3], sizeof b[3], "%.2f", h);
        attrs = g_strdup_printf ("dest='%s' rect=[%s %s %s %s]", dest, b[0], b[1], b[2], b[3]);
        cairo_tag_begin (w->cr, CAIRO_TAG_LINK, attrs);
      }
      cairo_set_source_rgb (w->cr, 0, 0, 0);
      draw_lines (w, set, 0, set->lines->len, LEFT + indent, w->y + 3);
      pango_layout_line_get_extents (last->line, &ink, &logical);
      text_end = LEFT + indent + last->x + logical.width / (double)PANGO_SCALE;
      /* dotted leader */
      cairo_save (w->cr);
      cairo_set_line_width (w->cr, 1.2);
      cairo_set_line_cap (w->cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (w->cr, (double[]){ 0, 4 }, 2, 0);
      cairo_move_to (w->cr, text_end + 6, base - 1);
      cairo_line_to (w->cr, LEFT + WIDTH - num_w - 4, base - 1);
      cairo_stroke (w->cr);
      cairo_restore (w->cr);
      {
        PangoLayoutLine *nl = pango_layout_get_line_readonly (num_layout, 0);
        PangoRectangle nlog;

        pango_layout_line_get_extents (nl, NULL, &nlog);
        cairo_move_to (w->cr, LEFT + WIDTH - nlog.width / (double)PANGO_SCALE, base);
        pango_cairo_show_layout_line (w->cr, nl);
      }
      cairo_tag_end (w->cr, CAIRO_TAG_LINK);
      tag_end (w, "TOCI");
    }
  w->y += h;
}

static void
place_contents (Writer *w, Block *contents)
{
  guint i, k = 0;

  space_before (w, 4);
  tag_begin (w, "TOC", NULL);
  for (i = 0; i < w->doc->blocks->len && !w->cancelled; i++)
    {
      Block *b = g_ptr_array_index (w->doc->blocks, i);

      if (b->type == BLOCK_HEADING && b->outline && b->level <= contents->level)
        place_contents_entry (w, contents, k++, b->level, b->text, b->dest);
      else if (b->type == BLOCK_ATTACHMENT && contents->with_attachments && contents->level >= 2)
        place_contents_entry (w, contents, k++, 2, b->text, b->dest);
    }
  tag_end (w, "TOC");
  space_after (w, 8);
}

/* Attachments ---------------------------------------------------------- */

static void
place_attachment (Writer *w, Block *b)
{
  ZhiPdfAttachWarning *warning = NULL;
  guint k, n;

  close_page (w);
  if (!w->writing)
    {
      /* pass 1: the first open reads the evidence (once in the render) and learns its pages */
      if (!zhi_pdf_attachment_inspect (b->attachment, w->cancellable, &warning, NULL))
        {
          w->cancelled = TRUE;
          return;
        }
      b->n_pages = zhi_pdf_attachment_get_n_pages (b->attachment);
      if (warning)
        g_ptr_array_add (w->doc->warnings, warning);
      for (k = 0; k < b->n_pages; k++)
        {
          double pw, ph;
          ZhiPdfUnderlay u;

          if (zhi_pdf_attachment_get_page_size (b->attachment, k, &pw, &ph))
            {
              u.page = (guint)w->page + 2; /* the page opened next, 1-based */
              u.path = g_strdup (zhi_pdf_attachment_get_original (b->attachment));
              u.source_page = k + 1;
              /* the file as the inspection read it, with the first page */
              u.source = k == 0 ? zhi_pdf_attachment_steal_source (b->attachment) : NULL;
              g_array_append_val (w->doc->underlays, u);
            }
          else
            pw = ZHI_PDF_PAGE_WIDTH, ph = ZHI_PDF_PAGE_HEIGHT;
          open_page_sized (w, pw, ph, TRUE);
          if (k == 0)
            emit_dest (w, b->dest, 0);
          close_page (w);
        }
      return;
    }
  if (!zhi_pdf_attachment_open (b->attachment, w->cancellable, &warning, NULL))
    {
      w->cancelled = TRUE;
      return;
    }
  zhi_pdf_attach_warning_free (warning);
  n = b->n_pages;
  for (k = 0; k < n && !w->cancelled; k++)
    {
      double pw = ZHI_PDF_PAGE_WIDTH, ph = ZHI_PDF_PAGE_HEIGHT;

      zhi_pdf_attachment_get_page_size (b->attachment, k, &pw, &ph);
      open_page_sized (w, pw, ph, TRUE);
      if (k == 0)
        {
          g_autofree char *attrs = g_strdup_printf ("dest='%s'", b->dest);

          emit_dest (w, b->dest, 0);
          cairo_pdf_surface_add_outline (w->surface, w->outline_parent[1], b->text, attrs, 0);
        }
      if (zhi_pdf_attachment_is_image (b->attachment))
        g_ptr_array_add (w->doc->figure_alts, g_strdup_printf ("%s（图片）", b->text));
      /* the attachment tags its own page (P for the label, Div or Figure for drawn content) */
      zhi_pdf_attachment_draw_page (b->attachment, w->cr, w->context, k, pw, ph,
                                    w->doc->fingerprint);
      close_page (w);
    }
  zhi_pdf_attachment_close (b->attachment);
}

/* ---- the two passes --------------------------------------------------- */

/* The room the block at @index needs at the foot of a page so that a heading before it is not
 * left alone there (0 past the end, before a page break, for attachments). */
static double
keep_height (Writer *w, guint index)
{
  Block *b;

  if (index >= w->doc->blocks->len)
    return 0;
  b = g_ptr_array_index (w->doc->blocks, index);
  switch (b->type)
    {
      case BLOCK_HEADING:
        heading_prepare (w, b);
        return (b->level == 1 ? 14 : 8) + lines_height (&b->lines, 0, b->lines.lines->len)
               + (b->level == 1 ? 8 : 4) + keep_height (w, index + 1);
      case BLOCK_PARAGRAPH:
        paragraph_prepare (w, b);
        return paragraph_space_before (b) + lines_height (&b->lines, 0, paragraph_keep_lines (b));
      case BLOCK_TABLE:
        return 6 + table_start_height (w, b->table);
      case BLOCK_DRAWING:
        return 6 + b->height;
      case BLOCK_SPACER:
      case BLOCK_PAGE_BREAK:
      case BLOCK_CONTENTS:
      case BLOCK_ATTACHMENT:
        break;
    }
  return 0;
}

static PangoContext *
context_new (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* the same metrics in both passes and whatever the target */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  return context;
}

static void
run_pass (Writer *w)
{
  guint i;

  w->page = -1;
  w->page_open = FALSE;
  memset (w->outline_parent, 0, sizeof w->outline_parent);
  tag_begin (w, "Document", NULL);
  for (i = 0; i < w->doc->blocks->len && !w->cancelled; i++)
    {
      Block *b = g_ptr_array_index (w->doc->blocks, i);

      switch (b->type)
        {
          case BLOCK_HEADING:
            place_heading (w, b, i);
            break;
          case BLOCK_PARAGRAPH:
            place_paragraph (w, b);
            break;
          case BLOCK_TABLE:
            place_table (w, b);
            break;
          case BLOCK_SPACER:
            open_page (w);
            if (!page_is_empty (w))
              space_after (w, b->height);
            break;
          case BLOCK_PAGE_BREAK:
            close_page (w);
            break;
          case BLOCK_DRAWING:
            place_drawing (w, b);
            break;
          case BLOCK_CONTENTS:
            place_contents (w, b);
            break;
          case BLOCK_ATTACHMENT:
            place_attachment (w, b);
            break;
        }
    }
  if (w->page < 0)
    open_page (w);
  close_page (w);
  tag_end (w, "Document");
}

typedef struct
{
  GOutputStream *out;
  GCancellable *cancellable;
  GError *error;
  gboolean stop;
} StreamClosure;

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  StreamClosure *sc = closure;

  if (sc->stop || sc->error)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sc->out, data, length, NULL, sc->cancellable, &sc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (ZhiPdfDoc *doc, cairo_surface_t *surface)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date
      = g_date_time_format (doc->create_date ? doc->create_date : now, "%Y-%m-%dT%H:%M:%S%:z");

  if (doc->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  if (doc->author)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
  if (doc->subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  doc->creator ? doc->creator : "Zhizao");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static void
writer_clear_layouts (Writer *w)
{
  g_ptr_array_foreach (w->doc->blocks, block_clear_layouts, NULL);
  g_clear_object (&w->footer);
  g_clear_object (&w->watermark);
  g_clear_pointer (&w->watermark_mark, cairo_surface_destroy);
}

/* Pass 2 into @out.  FALSE with @error set, or with w->cancelled. */
static gboolean
write_pass (Writer *w, GOutputStream *out, GError **error)
{
  StreamClosure sc = { 0 };
  cairo_status_t status;

  sc.out = out;
  sc.cancellable = w->cancellable;
  w->writing = TRUE;
  w->surface = cairo_pdf_surface_create_for_stream (write_cb, &sc, ZHI_PDF_PAGE_WIDTH,
                                                    ZHI_PDF_PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (w->surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (w->doc, w->surface);
  w->cr = cairo_create (w->surface);
  g_ptr_array_set_size (w->doc->figure_alts, 0);
  g_array_set_size (w->doc->own_pages, 0);
  run_pass (w);
  g_ptr_array_add (w->doc->figure_alts, NULL);
  cairo_destroy (w->cr);
  if (w->cancelled)
    sc.stop = TRUE;
  cairo_surface_finish (w->surface);
  status = cairo_surface_status (w->surface);
  cairo_surface_destroy (w->surface);
  w->surface = NULL;
  w->cr = NULL;
  if (w->cancelled)
    {
      g_clear_error (&sc.error);
      return FALSE;
    }
  if (sc.error)
    {
      g_propagate_error (error, sc.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_FAILED,
                   _ ("The dossier could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* A new empty file (mode 0600) in @dir; returns its path. */
static char *
temp_file_new (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, ".zhizao-pdf-XXXXXX.pdf", NULL);
  int fd = g_mkstemp_full (path, O_RDWR, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not create a temporary file in %s: %s"), name, g_strerror (saved));
      return NULL;
    }
  g_close (fd, NULL);
  return g_steal_pointer (&path);
}

static void
temp_file_remove (char *path)
{
  if (path != NULL)
    g_unlink (path);
  g_free (path);
}

/* Pass 2 into a temporary file, then the qpdf pass (the originals under their frame pages,
 * object streams) into a second one, which is copied into @out. */
static gboolean
write_through_qpdf (Writer *w, const char *dir, GOutputStream *out, GError **error)
{
  ZhiPdfDoc *doc = w->doc;
  char *cairo_path = NULL, *qpdf_path = NULL;
  const char *source;
  g_autoptr (GError) qpdf_error = NULL;
  gboolean ok = FALSE;

  cairo_path = temp_file_new (dir, error);
  if (cairo_path == NULL)
    goto out;
  qpdf_path = temp_file_new (dir, error);
  if (qpdf_path == NULL)
    goto out;
  {
    g_autoptr (GFile) file = g_file_new_for_path (cairo_path);
    g_autoptr (GFileOutputStream) stream = NULL;
    g_autoptr (GOutputStream) buffered = NULL;

    stream = g_file_append_to (file, G_FILE_CREATE_PRIVATE, w->cancellable, error);
    if (stream == NULL)
      goto out;
    buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
    if (!write_pass (w, buffered, error))
      goto out;
    if (!g_output_stream_close (buffered, w->cancellable, error))
      goto out;
  }
  if (g_cancellable_is_cancelled (w->cancellable))
    {
      w->cancelled = TRUE;
      goto out;
    }
  /* after the last page's progress; not cancellable */
  if (zhi_pdf_assemble (cairo_path, qpdf_path, (ZhiPdfUnderlay *)doc->underlays->data,
                        doc->underlays->len,
                        zhi_pdf_doc_get_finish (
                            doc, doc->finish_label,
                            doc->data_func ? doc->data_func (doc, doc->data_user_data) : NULL),
                        &qpdf_error))
    source = qpdf_path;
  else if (doc->underlays->len > 0)
    {
      /* cairo's file has empty frames where the evidence goes: never a dossier */
      g_set_error (error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_FAILED,
                   _ ("The evidence pages could not be copied into the dossier (%s). Check that "
                      "every evidence PDF opens in a PDF viewer, replace the one that does not, "
                      "and render again."),
                   qpdf_error->message);
      goto out;
    }
  else
    {
      g_free (doc->compact_warning);
      doc->compact_warning = g_strdup (qpdf_error->message);
      g_message ("dossier: the object-stream pass failed, keeping cairo's output: %s",
                 qpdf_error->message);
      source = cairo_path;
    }
  if (g_cancellable_is_cancelled (w->cancellable))
    {
      w->cancelled = TRUE;
      goto out;
    }
  {
    g_autoptr (GFile) file = g_file_new_for_path (source);
    g_autoptr (GFileInputStream) in = g_file_read (file, w->cancellable, error);

    if (in == NULL)
      goto out;
    if (g_output_stream_splice (out, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                w->cancellable, error)
        < 0)
      goto out;
  }
  ok = TRUE;

out:
  temp_file_remove (cairo_path);
  temp_file_remove (qpdf_path);
  return ok;
}

static void
discard_attachments (ZhiPdfDoc *doc)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      if (b->type == BLOCK_ATTACHMENT)
        zhi_pdf_attachment_discard (b->attachment);
    }
}

gboolean
zhi_pdf_doc_write (ZhiPdfDoc *doc,
                   GOutputStream *out,
                   ZhiPdfProgressFunc progress,
                   gpointer user_data,
                   GCancellable *cancellable,
                   GError **error)
{
  Writer w = { 0 };
  g_autofree char *own_dir = NULL;
  const char *dir = doc->work_dir;
  gboolean has_attachments = FALSE, ok;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (doc != NULL && G_IS_OUTPUT_STREAM (out), FALSE);

  g_ptr_array_set_size (doc->warnings, 0);
  g_hash_table_remove_all (doc->dest_pages);
  g_ptr_array_foreach (doc->blocks, block_clear_layouts, NULL);
  underlays_clear (doc);
  g_clear_pointer (&doc->compact_warning, g_free);
  doc->n_pages = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    if (((Block *)g_ptr_array_index (doc->blocks, i))->type == BLOCK_ATTACHMENT)
      has_attachments = TRUE;
  /* evidence copies and the temporary PDFs: in the caller's directory or a private one */
  if (dir == NULL && (has_attachments || doc->compact))
    {
      own_dir = g_dir_make_tmp ("zhizao-pdf-XXXXXX", error);
      if (own_dir == NULL)
        return FALSE;
      dir = own_dir;
    }
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      if (b->type == BLOCK_ATTACHMENT)
        zhi_pdf_attachment_set_work_dir (b->attachment, dir);
    }

  w.doc = doc;
  w.context = context_new ();
  w.cancellable = cancellable;
  w.progress = progress;
  w.user_data = user_data;

  /* pass 1: pages of every heading and attachment */
  run_pass (&w);
  if (!w.cancelled)
    {
      w.total_pages = w.page + 1;
      /* pass 2: the PDF, straight into @out when qpdf has nothing to do (the preview) */
      if (doc->underlays->len > 0 || doc->compact)
        ok = write_through_qpdf (&w, dir, out, &local);
      else
        ok = write_pass (&w, out, &local);
    }
  else
    ok = FALSE;
  writer_clear_layouts (&w);
  g_object_unref (w.context);
  /* the copies of the evidence are removed whatever happened */
  discard_attachments (doc);
  if (own_dir != NULL)
    g_rmdir (own_dir);
  if (w.cancelled || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Rendering was cancelled"));
      return FALSE;
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  doc->n_pages = w.page + 1;
  return TRUE;
}

gboolean
zhi_pdf_doc_write_to_file (ZhiPdfDoc *doc,
                           const char *path,
                           ZhiPdfProgressFunc progress,
                           gpointer user_data,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GOutputStream) buffered = NULL;
  gboolean existed = g_file_query_exists (file, NULL);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (out == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 64 * 1024);
  if (!zhi_pdf_doc_write (doc, buffered, progress, user_data, cancellable, error))
    {
      /* closing with a cancelled cancellable keeps the original file */
      g_autoptr (GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      /* a new file was written in place: no half document is left behind */
      if (!existed)
        g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (buffered, cancellable, error);
}
