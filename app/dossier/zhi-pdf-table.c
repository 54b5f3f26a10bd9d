/* zhi-pdf-table.c — tables and drawings of a ZhiPdfDoc: laid out, split across pages, tagged */
#include "zhi-pdf-doc-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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
          PangoLayout *layout
              = zhi_pdf_writer_layout_new (w, sans ? ZHI_PDF_SANS : ZHI_PDF_SERIF, t->font_size,
                                           texts[c], t->widths[c] - 2 * CELL_PAD_X);

          pango_layout_set_line_spacing (layout, TABLE_LINE_SPACING);
          if (header)
            pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          else if (t->numeric & (G_GUINT64_CONSTANT (1) << c))
            pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
          zhi_pdf_writer_set_link_attributes (w, layout, row->links[c]);
          zhi_pdf_writer_small_after_mark (layout, t->font_size);
          zhi_pdf_writer_keep_whole (layout);
          if (!header && !(t->numeric & (G_GUINT64_CONSTANT (1) << c)))
            zhi_pdf_writer_avoid_lone_last_line (layout, t->font_size);
          zhi_pdf_writer_line_set_init (&(*slot)[c], layout);
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
    h = MAX (h,
             zhi_pdf_writer_lines_height (&row->cells[c], row->from[c], row->cells[c].lines->len));
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
             && zhi_pdf_writer_lines_height (set, row->from[c], end + 1)
                    <= avail - 2 * CELL_PAD_Y + EPSILON)
        end++;
      row->to[c] = end;
      if (end > row->from[c])
        any = TRUE;
      h = MAX (h, zhi_pdf_writer_lines_height (set, row->from[c], end));
    }
  return any ? h + 2 * CELL_PAD_Y : 0;
}

static void
row_draw (Writer *w, ZhiPdfTable *t, Row *row, double height, gboolean header)
{
  double x = LEFT;
  guint c;

  zhi_pdf_writer_tag_begin (w, "TR", NULL);
  for (c = 0; c < t->n_columns; c++)
    {
      gboolean th = header || (t->key_column && c == 0);
      const char *tag = th ? "TH" : "TD";

      zhi_pdf_writer_tag_begin (w, tag, NULL);
      if (w->writing)
        {
          if (th)
            {
              cairo_set_source_rgb (w->cr, 0.92, 0.92, 0.92);
              cairo_rectangle (w->cr, x, w->y, t->widths[c], height);
              cairo_fill (w->cr);
            }
          cairo_set_source_rgb (w->cr, 0, 0, 0);
          zhi_pdf_writer_draw_lines (w, &row->cells[c], row->from[c], row->to[c], x + CELL_PAD_X,
                                     w->y + CELL_PAD_Y);
          zhi_pdf_writer_draw_link_spans (w, row->links[c], &row->cells[c], row->from[c],
                                          row->to[c], x + CELL_PAD_X, w->y + CELL_PAD_Y);
          cairo_set_line_width (w->cr, 0.6);
          cairo_rectangle (w->cr, x, w->y, t->widths[c], height);
          cairo_stroke (w->cr);
        }
      zhi_pdf_writer_tag_end (w, tag);
      row->from[c] = row->to[c];
      x += t->widths[c];
    }
  zhi_pdf_writer_tag_end (w, "TR");
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
double
zhi_pdf_writer_table_start_height (Writer *w, ZhiPdfTable *t)
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

void
zhi_pdf_writer_place_table (Writer *w, Block *b)
{
  ZhiPdfTable *t = b->table;
  double header_h = table_header_height (w, t);
  guint r;

  zhi_pdf_writer_space_before (w, 6);
  /* the header and the first row (when it would not be split anyway), or a new page: a
   * header alone at the foot of a page is useless */
  if (!zhi_pdf_writer_page_is_empty (w)
      && w->y + zhi_pdf_writer_table_start_height (w, t) > BOTTOM + EPSILON)
    zhi_pdf_writer_next_page (w);
  zhi_pdf_writer_tag_begin (w, "Table", NULL);
  table_header (w, t);
  for (r = 0; r < t->rows->len && !w->cancelled; r++)
    {
      Row row;

      row_init (w, t, &row, g_ptr_array_index (t->rows, r), FALSE, r);
      /* a row that fits on a fresh page is not split */
      if (w->y + row_rest_height (t, &row) > BOTTOM + EPSILON
          && row_rest_height (t, &row) <= ZHI_PDF_BLOCK_HEIGHT - header_h)
        {
          zhi_pdf_writer_next_page (w);
          table_header (w, t);
        }
      while (!row_done (t, &row))
        {
          double h = row_take (t, &row, BOTTOM - w->y);

          if (h <= 0)
            {
              zhi_pdf_writer_next_page (w);
              table_header (w, t);
              h = row_take (t, &row, BOTTOM - w->y);
              if (h <= 0) /* a single line taller than a page: give up on this row */
                break;
            }
          row_draw (w, t, &row, h, FALSE);
          if (!row_done (t, &row))
            {
              zhi_pdf_writer_next_page (w);
              table_header (w, t);
            }
        }
      row_clear (t, &row);
    }
  zhi_pdf_writer_tag_end (w, "Table");
  zhi_pdf_writer_space_after (w, 8);
}

void
zhi_pdf_writer_place_drawing (Writer *w, Block *b)
{
  zhi_pdf_writer_space_before (w, 6);
  if (!zhi_pdf_writer_page_is_empty (w) && w->y + b->height > BOTTOM + EPSILON)
    zhi_pdf_writer_next_page (w);
  if (w->writing && b->func)
    {
      zhi_pdf_writer_tag_begin (w, "Figure", NULL);
      g_ptr_array_add (w->doc->figure_alts, g_strdup (b->alt ? b->alt : "图"));
      cairo_save (w->cr);
      cairo_translate (w->cr, LEFT, w->y);
      cairo_rectangle (w->cr, 0, 0, WIDTH, b->height);
      cairo_clip (w->cr);
      b->func (w->cr, WIDTH, b->height, b->user_data);
      cairo_restore (w->cr);
      zhi_pdf_writer_tag_end (w, "Figure");
    }
  w->y += b->height;
  zhi_pdf_writer_space_after (w, 6);
}
