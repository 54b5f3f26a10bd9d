/* zhi-pdf-doc.c — a small document model and paginating PDF writer: the model, text layout,
 * pages, headings, paragraphs, contents and attachments (tables: zhi-pdf-table.c; the passes and
 * the output: zhi-pdf-write.c; the Chinese typesetting rules: zhi-pdf-cjk.c) */
#include "zhi-pdf-doc.h"
#include "zhi-pdf-compact.h"
#include "zhi-pdf-private.h"
#include "zhi-pdf-doc-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

GQuark
zhi_pdf_doc_error_quark (void)
{
  return g_quark_from_static_string ("zhi-pdf-doc-error-quark");
}

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
void
zhi_pdf_doc_block_clear_layouts (gpointer data, gpointer unused)
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

  zhi_pdf_doc_block_clear_layouts (b, NULL);
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

void
zhi_pdf_doc_clear_underlays (ZhiPdfDoc *doc)
{
  for (guint i = 0; i < doc->underlays->len; i++)
    {
      ZhiPdfUnderlay *u = &g_array_index (doc->underlays, ZhiPdfUnderlay, i);

      g_free ((char *)u->path);
      g_free ((char *)u->label);
      g_free ((char *)u->name);
      g_free ((char *)u->dest);
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
  zhi_pdf_doc_clear_underlays (doc);
  g_array_unref (doc->underlays);
  g_free (doc->work_dir);
  g_free (doc->result_path);
  g_free (doc->compact_warning);
  g_clear_object (&doc->font_map);
  g_free (doc);
}

void
zhi_pdf_doc_set_attachment_gate (ZhiPdfDoc *doc, ZhiPdfAttachmentGate gate, gpointer user_data)
{
  doc->gate = gate;
  doc->gate_data = user_data;
}

void
zhi_pdf_doc_set_font_map (ZhiPdfDoc *doc, gpointer pango_font_map)
{
  g_return_if_fail (pango_font_map == NULL || PANGO_IS_FONT_MAP (pango_font_map));

  g_set_object (&doc->font_map, pango_font_map);
}

void
zhi_pdf_doc_set_prefetch (ZhiPdfDoc *doc, ZhiPdfPrefetch *prefetch)
{
  doc->prefetch = prefetch;
}

guint
zhi_pdf_doc_get_n_blocks (ZhiPdfDoc *doc)
{
  return doc->blocks->len;
}

GPtrArray *
zhi_pdf_doc_take_blocks_from (ZhiPdfDoc *doc, guint n_blocks)
{
  GPtrArray *attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_pdf_attachment_free);

  g_return_val_if_fail (n_blocks <= doc->blocks->len, attachments);

  for (guint i = n_blocks; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      if (b->type == BLOCK_ATTACHMENT)
        g_ptr_array_add (attachments, g_steal_pointer (&b->attachment));
    }
  g_ptr_array_remove_range (doc->blocks, n_blocks, doc->blocks->len - n_blocks);
  /* headings added again get the destinations they had */
  doc->n_headings = 0;
  for (guint i = 0; i < doc->blocks->len; i++)
    if (((Block *)g_ptr_array_index (doc->blocks, i))->type == BLOCK_HEADING)
      doc->n_headings++;
  return attachments;
}

void
zhi_pdf_doc_discard_attachments (ZhiPdfDoc *doc)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      if (b->type == BLOCK_ATTACHMENT)
        zhi_pdf_attachment_discard (b->attachment);
    }
}

void
zhi_pdf_doc_set_work_dir (ZhiPdfDoc *doc, const char *dir)
{
  g_free (doc->work_dir);
  doc->work_dir = g_strdup (dir);
}

void
zhi_pdf_doc_set_result_path (ZhiPdfDoc *doc, const char *path)
{
  g_free (doc->result_path);
  doc->result_path = g_strdup (path);
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

void
zhi_pdf_writer_line_set_init (LineSet *set, PangoLayout *layout)
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
double
zhi_pdf_writer_lines_height (LineSet *set, guint from, guint to)
{
  if (to <= from)
    return 0;
  return line_at (set, to - 1)->bottom - line_at (set, from)->top;
}

void
zhi_pdf_writer_draw_lines (Writer *w, LineSet *set, guint from, guint to, double x, double y)
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

PangoLayout *
zhi_pdf_writer_layout_new (
    Writer *w, const char *family, double size, const char *text, double width)
{
  return zhi_pdf_layout_new (w->context, family, PANGO_WEIGHT_NORMAL, size, text, width);
}

void
zhi_pdf_writer_tag_begin (Writer *w, const char *tag, const char *attributes)
{
  if (w->writing)
    cairo_tag_begin (w->cr, tag, attributes);
}

void
zhi_pdf_writer_tag_end (Writer *w, const char *tag)
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
      g_autoptr (PangoLayout) num = zhi_pdf_writer_layout_new (w, ZHI_PDF_SERIF, 14, text, -1);
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
          fp = w->footer = zhi_pdf_writer_layout_new (w, ZHI_PDF_SANS, 7, doc->fingerprint, WIDTH);
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
        mark = w->watermark = zhi_pdf_writer_layout_new (w, ZHI_PDF_SANS, 120, "草稿", -1);
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

void
zhi_pdf_writer_open_page (Writer *w)
{
  open_page_sized (w, ZHI_PDF_PAGE_WIDTH, ZHI_PDF_PAGE_HEIGHT, FALSE);
}

void
zhi_pdf_writer_close_page (Writer *w)
{
  if (!w->page_open)
    return;
  w->page_open = FALSE;
  if (w->writing)
    {
      draw_watermark (w);
      cairo_show_page (w->cr);
      zhi_pdf_writer_progress (w, w->done + 1);
    }
  if (g_cancellable_is_cancelled (w->cancellable))
    w->cancelled = TRUE;
}

/* @done pages of w->total_pages are done (pass 2's pages, then the originals the qpdf pass
 * copies); with w->defer_last, the last is reported by the caller once the file is written. */
void
zhi_pdf_writer_progress (Writer *w, guint done)
{
  w->done = done;
  if (w->progress && (!w->defer_last || done < w->total_pages))
    w->progress (done, w->total_pages, w->user_data);
}

/* After the last page: one more page that is not the dossier's, for the assembly to take the
 * stamps' glyphs and the watermark from (ZhiPdfFrameStyle). */
void
zhi_pdf_writer_draw_template (Writer *w)
{
  g_autoptr (GString) chars = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  ZhiPdfFrameStyle *style = &w->doc->frame_style;

  for (guint i = 0; i < w->doc->underlays->len; i++)
    {
      ZhiPdfUnderlay *u = &g_array_index (w->doc->underlays, ZhiPdfUnderlay, i);

      for (const char *p = u->label; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != ' ' && !g_hash_table_contains (seen, GUINT_TO_POINTER (c)))
            {
              g_hash_table_add (seen, GUINT_TO_POINTER (c));
              g_string_append_unichar (chars, c);
            }
        }
    }
  /* with a space among them, as the labels have */
  g_string_append (chars, " .");
  memset (style, 0, sizeof *style);
  w->page_width = ZHI_PDF_PAGE_WIDTH;
  w->page_height = ZHI_PDF_PAGE_HEIGHT;
  cairo_pdf_surface_set_size (w->surface, w->page_width, w->page_height);
  zhi_pdf_attachment_draw_label_template (w->cr, w->context, chars->str, style);
  if (w->doc->draft)
    {
      int mw, mh;

      draw_watermark (w);
      pango_layout_get_size (w->watermark, &mw, &mh);
      style->mark_width = mw / (double)PANGO_SCALE;
      style->mark_height = mh / (double)PANGO_SCALE;
    }
  cairo_show_page (w->cr);
}

void
zhi_pdf_writer_next_page (Writer *w)
{
  zhi_pdf_writer_close_page (w);
  zhi_pdf_writer_open_page (w);
}

gboolean
zhi_pdf_writer_page_is_empty (Writer *w)
{
  return w->y <= TOP + EPSILON;
}

/* Space before a block, dropped at the top of a page. */
void
zhi_pdf_writer_space_before (Writer *w, double space)
{
  zhi_pdf_writer_open_page (w);
  if (!zhi_pdf_writer_page_is_empty (w))
    w->y += space;
  if (w->y > BOTTOM)
    zhi_pdf_writer_next_page (w);
}

void
zhi_pdf_writer_space_after (Writer *w, double space)
{
  w->y += space;
  if (w->y >= BOTTOM - EPSILON)
    zhi_pdf_writer_close_page (w);
}

/* ---- blocks ----------------------------------------------------------- */

/* Headings and paragraphs are laid out when first needed: when placed, or when a heading
 * before them asks how much room they need to start. */
static const double heading_sizes[] = { 0, 18, 16, 16 };

void
zhi_pdf_writer_heading_prepare (Writer *w, Block *b)
{
  PangoLayout *layout;
  double size = b->style == ZHI_PDF_STYLE_TITLE ? 22 : heading_sizes[b->level];

  if (b->lines.layout != NULL)
    return;
  layout = zhi_pdf_writer_layout_new (w, b->level == 2 ? ZHI_PDF_KAI : ZHI_PDF_SANS, size, b->text,
                                      WIDTH);
  if (b->style == ZHI_PDF_STYLE_TITLE)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_line_spacing (layout, 1.1);
  zhi_pdf_writer_keep_whole (layout);
  zhi_pdf_writer_avoid_lone_last_line (layout, size);
  zhi_pdf_writer_line_set_init (&b->lines, layout);
}

void
zhi_pdf_writer_place_heading (Writer *w, Block *b, guint index)
{
  static const char *tags[] = { NULL, "H1", "H2", "H3" };
  LineSet *set = &b->lines;
  double h;

  zhi_pdf_writer_heading_prepare (w, b);
  h = zhi_pdf_writer_lines_height (set, 0, set->lines->len);

  zhi_pdf_writer_space_before (w, b->level == 1 ? 14 : 8);
  /* keep with what follows: the next heading and its own follower, two lines of a paragraph, a
   * table's header and first row */
  if (!zhi_pdf_writer_page_is_empty (w)
      && w->y + h + (b->level == 1 ? 8 : 4) + zhi_pdf_writer_keep_height (w, index + 1)
             > BOTTOM + EPSILON)
    zhi_pdf_writer_next_page (w);

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
  zhi_pdf_writer_tag_begin (w, tags[b->level], NULL);
  if (w->writing)
    cairo_set_source_rgb (w->cr, 0, 0, 0);
  zhi_pdf_writer_draw_lines (w, set, 0, set->lines->len, LEFT, w->y);
  zhi_pdf_writer_tag_end (w, tags[b->level]);
  w->y += h;
  zhi_pdf_writer_space_after (w, b->level == 1 ? 8 : 4);
}

void
zhi_pdf_writer_draw_link_spans (
    Writer *w, GArray *links, LineSet *set, guint from, guint to, double x, double y)
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

/* Links are shown blue and underlined in a draft, read on screen; the final dossier is printed
 * and sealed, so its links keep the text's colour (a 见附件N says where to look by itself). */
void
zhi_pdf_writer_set_link_attributes (Writer *w, PangoLayout *layout, GArray *links)
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

static void
paragraph_layout (Writer *w, Block *b, const char *family, double size)
{
  PangoLayout *layout = zhi_pdf_writer_layout_new (w, family, size, NULL, WIDTH);
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
  zhi_pdf_writer_set_link_attributes (w, layout, b->links);
  zhi_pdf_writer_keep_whole (layout);
  if (justify)
    zhi_pdf_writer_justify_cjk (layout);
  zhi_pdf_writer_line_set_init (&b->lines, layout);
}

static double
paragraph_size (Block *b)
{
  return b->style == ZHI_PDF_STYLE_SMALL ? 12 : b->style == ZHI_PDF_STYLE_TITLE ? 22 : BODY_SIZE;
}

double
zhi_pdf_writer_paragraph_space_before (Block *b)
{
  return b->style == ZHI_PDF_STYLE_SIGNATURE_LINE ? 24 : b->style == ZHI_PDF_STYLE_TITLE ? 12 : 0;
}

void
zhi_pdf_writer_paragraph_prepare (Writer *w, Block *b)
{
  if (b->lines.layout == NULL)
    paragraph_layout (w, b, b->style == ZHI_PDF_STYLE_TITLE ? ZHI_PDF_SANS : ZHI_PDF_SERIF,
                      paragraph_size (b));
}

/* Lines a paragraph must keep together at its start: two, or all of a paragraph of up to
 * three lines (which cannot be split without leaving one line alone). */
guint
zhi_pdf_writer_paragraph_keep_lines (Block *b)
{
  guint n = b->lines.lines->len;

  return n <= 3 ? n : 2;
}

void
zhi_pdf_writer_place_paragraph (Writer *w, Block *b)
{
  LineSet *set = &b->lines;
  guint start = 0, n;

  zhi_pdf_writer_paragraph_prepare (w, b);
  n = set->lines->len;

  zhi_pdf_writer_space_before (w, zhi_pdf_writer_paragraph_space_before (b));
  while (start < n && !w->cancelled)
    {
      guint end = start;

      while (end < n
             && w->y + zhi_pdf_writer_lines_height (set, start, end + 1) <= BOTTOM + EPSILON)
        end++;
      /* no widow: a last line alone at the head of the next page takes one more with it */
      if (end < n && n - end == 1 && end > start)
        end--;
      /* no orphan: the first line or two alone at the foot of a page move on */
      if (start == 0 && end < zhi_pdf_writer_paragraph_keep_lines (b) && end < n
          && !zhi_pdf_writer_page_is_empty (w))
        end = 0;
      if (end == start)
        {
          if (zhi_pdf_writer_page_is_empty (w))
            end = start + 1;
          else
            {
              zhi_pdf_writer_next_page (w);
              continue;
            }
        }
      zhi_pdf_writer_tag_begin (w, "P", NULL);
      if (w->writing)
        cairo_set_source_rgb (w->cr, 0, 0, 0);
      zhi_pdf_writer_draw_lines (w, set, start, end, LEFT, w->y);
      zhi_pdf_writer_draw_link_spans (w, b->links, set, start, end, LEFT, w->y);
      zhi_pdf_writer_tag_end (w, "P");
      w->y += zhi_pdf_writer_lines_height (set, start, end);
      start = end;
      if (start < n)
        zhi_pdf_writer_next_page (w);
    }
  zhi_pdf_writer_space_after (w, b->style == ZHI_PDF_STYLE_TITLE ? 12 : 2);
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
      PangoLayout *layout = zhi_pdf_writer_layout_new (w, level == 1 ? ZHI_PDF_SANS : ZHI_PDF_SERIF,
                                                       14, text, WIDTH - indent - num_w - 24);

      zhi_pdf_writer_avoid_lone_last_line (layout, 14);
      set = g_new0 (LineSet, 1);
      zhi_pdf_writer_line_set_init (set, layout);
      g_ptr_array_add (contents->entry_lines, set);
    }
  h = zhi_pdf_writer_lines_height (set, 0, set->lines->len) + 6;
  if (!zhi_pdf_writer_page_is_empty (w) && w->y + h > BOTTOM + EPSILON)
    zhi_pdf_writer_next_page (w);

  if (w->writing)
    {
      LineInfo *last = line_at (set, set->lines->len - 1);
      PangoRectangle ink, logical;
      double base = w->y + 3 + last->baseline - line_at (set, 0)->top;
      double text_end;
      int page = zhi_pdf_doc_get_dest_page (w->doc, dest);
      int shown = page >= (int)w->doc->unnumbered ? page - (int)w->doc->unnumbered + 1 : 0;
      g_autofree char *num = g_strdup_printf ("%d", MAX (shown, 0));
      g_autoptr (PangoLayout) num_layout
          = zhi_pdf_writer_layout_new (w, ZHI_PDF_SERIF, 14, num, num_w);

      pango_layout_set_alignment (num_layout, PANGO_ALIGN_RIGHT);

      zhi_pdf_writer_tag_begin (w, "TOCI", NULL);
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
      zhi_pdf_writer_draw_lines (w, set, 0, set->lines->len, LEFT + indent, w->y + 3);
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
      zhi_pdf_writer_tag_end (w, "TOCI");
    }
  w->y += h;
}

void
zhi_pdf_writer_place_contents (Writer *w, Block *contents)
{
  guint i, k = 0;

  zhi_pdf_writer_space_before (w, 4);
  zhi_pdf_writer_tag_begin (w, "TOC", NULL);
  for (i = 0; i < w->doc->blocks->len && !w->cancelled; i++)
    {
      Block *b = g_ptr_array_index (w->doc->blocks, i);

      if (b->type == BLOCK_HEADING && b->outline && b->level <= contents->level)
        place_contents_entry (w, contents, k++, b->level, b->text, b->dest);
      else if (b->type == BLOCK_ATTACHMENT && contents->with_attachments && contents->level >= 2)
        place_contents_entry (w, contents, k++, 2, b->text, b->dest);
    }
  zhi_pdf_writer_tag_end (w, "TOC");
  zhi_pdf_writer_space_after (w, 8);
}

/* Attachments ---------------------------------------------------------- */

void
zhi_pdf_writer_place_attachment (Writer *w, Block *b)
{
  ZhiPdfAttachWarning *warning = NULL;
  const char *original;
  guint k, n;

  zhi_pdf_writer_close_page (w);
  if (!w->writing)
    {
      if (w->doc->gate != NULL)
        {
          /* the evidence is being read by the caller's thread: the pages it expects, checked in
           * pass 2; any attachment may turn out to have original pages */
          b->n_pages = MAX (1, zhi_pdf_attachment_get_expected_pages (b->attachment));
          w->originals = TRUE;
        }
      else
        {
          /* the first inspection reads the evidence (once in the render) and learns its pages */
          if (!zhi_pdf_attachment_inspect (b->attachment, w->cancellable, &warning, NULL))
            {
              w->cancelled = TRUE;
              return;
            }
          zhi_pdf_attach_warning_free (warning);
          b->n_pages = zhi_pdf_attachment_get_n_pages (b->attachment);
          if (zhi_pdf_attachment_get_original (b->attachment) != NULL)
            w->originals = TRUE;
        }
      /* pass 1 counts pages: their sizes are pass 2's */
      for (k = 0; k < b->n_pages; k++)
        {
          open_page_sized (w, ZHI_PDF_PAGE_WIDTH, ZHI_PDF_PAGE_HEIGHT, TRUE);
          if (k == 0)
            emit_dest (w, b->dest, 0);
          zhi_pdf_writer_close_page (w);
        }
      return;
    }
  /* with a gate, the caller's thread has read this attachment once the gate opens */
  if (w->doc->gate != NULL && !w->doc->gate (b->attachment, w->doc->gate_data))
    {
      w->cancelled = TRUE;
      return;
    }
  if (!zhi_pdf_attachment_open (b->attachment, w->cancellable, &warning, NULL))
    {
      w->cancelled = TRUE;
      return;
    }
  if (warning)
    g_ptr_array_add (w->doc->warnings, warning);
  n = b->n_pages;
  if (zhi_pdf_attachment_get_n_pages (b->attachment) != n)
    {
      w->pages_changed = TRUE;
      w->cancelled = TRUE;
      zhi_pdf_attachment_close (b->attachment);
      return;
    }
  original = zhi_pdf_attachment_get_original (b->attachment);
  if (original != NULL)
    {
      /* the original pages: the assembly makes their pages (zhi_pdf_assemble()) under frames of
       * their own size; cairo writes the outline entry, its destination comes with the first
       * page */
      w->defer_last = TRUE;
      for (k = 0; k < n && !w->cancelled; k++)
        {
          ZhiPdfUnderlay u;
          gboolean own = FALSE;

          zhi_pdf_attachment_get_page_size (b->attachment, k, &u.width, &u.height);
          w->page++;
          u.page = (guint)w->page + 1; /* 1-based */
          u.path = g_strdup (original);
          u.source_page = k + 1;
          /* the file as the inspection read it, with the first page */
          u.source = k == 0 ? zhi_pdf_attachment_steal_source (b->attachment) : NULL;
          u.label = zhi_pdf_attachment_label_text (b->attachment, k, w->doc->fingerprint);
          u.name = g_strdup (zhi_pdf_attachment_get_file_name (b->attachment));
          u.dest = k == 0 ? g_strdup (b->dest) : NULL;
          g_array_append_val (w->doc->underlays, u);
          g_array_append_val (w->doc->own_pages, own);
          if (k == 0)
            {
              g_autofree char *attrs = g_strdup_printf ("dest='%s'", b->dest);

              cairo_pdf_surface_add_outline (w->surface, w->outline_parent[1], b->text, attrs, 0);
            }
          if (g_cancellable_is_cancelled (w->cancellable))
            w->cancelled = TRUE;
        }
      zhi_pdf_attachment_close (b->attachment);
      return;
    }
  for (k = 0; k < n && !w->cancelled; k++)
    {
      double pw = ZHI_PDF_PAGE_WIDTH, ph = ZHI_PDF_PAGE_HEIGHT;

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
      zhi_pdf_writer_close_page (w);
    }
  zhi_pdf_attachment_close (b->attachment);
}
