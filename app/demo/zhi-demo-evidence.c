/* zhi-demo-evidence.c — the demo project's evidence, drawn with cairo and pango */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "zhi-demo-evidence.h"

#define MM(x) ((x) / 25.4 * 72.0)
#define A4_W MM (210.0)
#define A4_H MM (297.0)
#define MARGIN_X MM (25.0)
#define MARGIN_TOP MM (30.0)
#define MARGIN_BOTTOM MM (25.0)

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The bytes drawn, or NULL with the error when cairo failed (bytes is consumed either way) */
static GBytes *
bytes_or_error (cairo_status_t status, GByteArray *bytes, GError **error)
{
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo: %s",
                   cairo_status_to_string (status));
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

static PangoLayout *
text_layout (cairo_t *cr, const char *font, const char *text, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

typedef struct
{
  cairo_t *cr;
  double y;
  guint page;
} Pen;

static void
page_footer (Pen *pen)
{
  g_autofree char *text = g_strdup_printf ("第 %u 页", pen->page);
  g_autoptr (PangoLayout) layout = text_layout (pen->cr, "Noto Sans CJK SC 8", text, A4_W);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (pen->cr, 0, A4_H - MM (15.0));
  pango_cairo_show_layout (pen->cr, layout);
}

static void
next_page (Pen *pen)
{
  page_footer (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN_TOP;
}

static void
flow_text (Pen *pen, const char *font, const char *text, double gap)
{
  double width = A4_W - 2 * MARGIN_X;
  g_autoptr (PangoLayout) layout = text_layout (pen->cr, font, text, width);
  double height = layout_height (layout);

  if (pen->y + height > A4_H - MARGIN_BOTTOM)
    next_page (pen);
  cairo_move_to (pen->cr, MARGIN_X, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pen->y += height + gap;
}

static void
draw_table (Pen *pen, const char *const *cells, guint columns)
{
  double width = A4_W - 2 * MARGIN_X;
  double col_w = width / columns;
  guint n = g_strv_length ((char **)cells);

  for (guint row = 0; row * columns < n; row++)
    {
      double row_h = 0;

      for (guint c = 0; c < columns && row * columns + c < n; c++)
        {
          g_autoptr (PangoLayout) layout
              = text_layout (pen->cr, row == 0 ? "Noto Sans CJK SC Bold 9" : "Noto Serif CJK SC 9",
                             cells[row * columns + c], col_w - 8);
          row_h = MAX (row_h, layout_height (layout) + 8);
        }
      if (pen->y + row_h > A4_H - MARGIN_BOTTOM)
        next_page (pen);
      if (row == 0)
        {
          cairo_set_source_rgb (pen->cr, 0.9, 0.92, 0.95);
          cairo_rectangle (pen->cr, MARGIN_X, pen->y, width, row_h);
          cairo_fill (pen->cr);
        }
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
      for (guint c = 0; c < columns && row * columns + c < n; c++)
        {
          g_autoptr (PangoLayout) layout
              = text_layout (pen->cr, row == 0 ? "Noto Sans CJK SC Bold 9" : "Noto Serif CJK SC 9",
                             cells[row * columns + c], col_w - 8);

          cairo_move_to (pen->cr, MARGIN_X + c * col_w + 4, pen->y + 4);
          pango_cairo_show_layout (pen->cr, layout);
          cairo_rectangle (pen->cr, MARGIN_X + c * col_w, pen->y, col_w, row_h);
        }
      cairo_set_line_width (pen->cr, 0.6);
      cairo_stroke (pen->cr);
      pen->y += row_h;
    }
  pen->y += 10;
}

GBytes *
zhi_demo_evidence_report_pdf (const ZhiDemoReport *report, GError **error)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  Pen pen = { NULL, MARGIN_TOP, 1 };
  cairo_status_t status;

  g_return_val_if_fail (report != NULL && report->title != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, A4_W, A4_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Zhizao demo");
  pen.cr = cairo_create (surface);
  cairo_set_source_rgb (pen.cr, 0, 0, 0);

  flow_text (&pen, "Noto Sans CJK SC Bold 18", report->title, 6);
  if (report->issuer != NULL)
    flow_text (&pen, "Noto Serif CJK SC 10", report->issuer, 14);
  if (report->table != NULL && report->table_columns > 0)
    draw_table (&pen, report->table, report->table_columns);
  for (guint i = 0; report->paragraphs != NULL && report->paragraphs[i] != NULL; i++)
    flow_text (&pen, "Noto Serif CJK SC 11", report->paragraphs[i], 8);
  while (pen.page < report->min_pages)
    {
      g_autofree char *text = g_strdup_printf (
          "（续）第 %u 部分：运行记录摘要。本页为示例材料的续页，记录设备运行、质量检测与能耗"
          "统计的月度汇总，数据来自企业制造执行系统导出报表，仅用于演示申报书的附件排版。",
          pen.page + 1);

      next_page (&pen);
      for (int k = 0; k < 6; k++)
        flow_text (&pen, "Noto Serif CJK SC 11", text, 8);
    }
  page_footer (&pen);
  cairo_show_page (pen.cr);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return bytes_or_error (status, bytes, error);
}

/* cairo's premultiplied native-endian ARGB32 to the RGB bytes gdk-pixbuf wants */
static GdkPixbuf *
pixbuf_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *src = cairo_image_surface_get_data (surface);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *dst = gdk_pixbuf_get_pixels (pixbuf);
  int dst_stride = gdk_pixbuf_get_rowstride (pixbuf);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = *(const guint32 *)(src + y * stride + x * 4);
        guint8 *d = dst + y * dst_stride + x * 3;

        d[0] = (px >> 16) & 0xff;
        d[1] = (px >> 8) & 0xff;
        d[2] = px & 0xff;
      }
  return pixbuf;
}

GBytes *
zhi_demo_evidence_photo_jpeg (guint width, guint height, guint seed, GError **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  cairo_pattern_t *sky;
  char *buffer = NULL;
  gsize size = 0;

  /* A hall: light from the roof, a floor, rows of machines, a conveyor, noise like a photo */
  sky = cairo_pattern_create_linear (0, 0, 0, height);
  cairo_pattern_add_color_stop_rgb (sky, 0, 0.82, 0.85, 0.88);
  cairo_pattern_add_color_stop_rgb (sky, 0.55, 0.62, 0.66, 0.70);
  cairo_pattern_add_color_stop_rgb (sky, 0.56, 0.42, 0.44, 0.40);
  cairo_pattern_add_color_stop_rgb (sky, 1, 0.30, 0.31, 0.29);
  cairo_set_source (cr, sky);
  cairo_paint (cr);
  cairo_pattern_destroy (sky);

  for (guint i = 0; i < 8; i++)
    {
      double x = width * (0.05 + i * 0.12);
      double w = width * 0.09;
      double h = height * (0.18 + g_rand_double (rand) * 0.12);
      double y = height * 0.56 - h;

      cairo_set_source_rgb (cr, 0.15 + 0.1 * g_rand_double (rand), 0.35,
                            0.55 + 0.2 * g_rand_double (rand));
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.95, 0.75, 0.1);
      cairo_rectangle (cr, x, y + h * 0.1, w, h * 0.06);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.2, 0.9, 0.3);
      cairo_arc (cr, x + w * 0.8, y + h * 0.3, MAX (2.0, w * 0.05), 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  cairo_rectangle (cr, 0, height * 0.62, width, height * 0.06);
  cairo_fill (cr);
  for (guint i = 0; i < 12; i++)
    {
      cairo_set_source_rgb (cr, 0.6, 0.45, 0.25);
      cairo_rectangle (cr, width * (i / 12.0) + g_rand_double (rand) * 10, height * 0.585,
                       width * 0.04, height * 0.035);
      cairo_fill (cr);
    }
  for (guint i = 0; i < width * height / 40; i++)
    {
      double v = g_rand_double (rand);

      cairo_set_source_rgba (cr, v, v, v, 0.08);
      cairo_rectangle (cr, g_rand_int_range (rand, 0, width), g_rand_int_range (rand, 0, height), 1,
                       1);
      cairo_fill (cr);
    }
  cairo_destroy (cr);

  pixbuf = pixbuf_from_surface (surface);
  cairo_surface_destroy (surface);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", "85", NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

GBytes *
zhi_demo_evidence_chart_png (const char *title,
                             const char *const *labels,
                             const double *before,
                             const double *after,
                             guint n_values,
                             GError **error)
{
  const int width = 900, height = 540;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *bytes = g_byte_array_new ();
  double max = 1;
  double plot_x = 70, plot_y = 70, plot_w = width - 100, plot_h = height - 160;
  cairo_status_t status;

  for (guint i = 0; i < n_values; i++)
    max = MAX (max, MAX (before[i], after[i]));

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  {
    g_autoptr (PangoLayout) layout = text_layout (cr, "Noto Sans CJK SC Bold 18", title, width);

    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    cairo_move_to (cr, 0, 20);
    pango_cairo_show_layout (cr, layout);
  }
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  for (int i = 0; i <= 4; i++)
    {
      cairo_move_to (cr, plot_x, plot_y + plot_h * i / 4.0);
      cairo_line_to (cr, plot_x + plot_w, plot_y + plot_h * i / 4.0);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < n_values; i++)
    {
      double slot = plot_w / n_values;
      double bar = slot * 0.32;
      double x = plot_x + slot * i + slot * 0.15;
      double hb = plot_h * before[i] / max;
      double ha = plot_h * after[i] / max;
      g_autoptr (PangoLayout) label = text_layout (cr, "Noto Sans CJK SC 12", labels[i], slot);

      cairo_set_source_rgb (cr, 0.6, 0.64, 0.7);
      cairo_rectangle (cr, x, plot_y + plot_h - hb, bar, hb);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, x + bar + 4, plot_y + plot_h - ha, bar, ha);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
      cairo_move_to (cr, plot_x + slot * i, plot_y + plot_h + 10);
      pango_cairo_show_layout (cr, label);
    }
  {
    g_autoptr (PangoLayout) legend
        = text_layout (cr, "Noto Sans CJK SC 12", "■ 改造前　　■ 改造后", width);

    pango_layout_set_alignment (legend, PANGO_ALIGN_CENTER);
    cairo_move_to (cr, 0, height - 50);
    pango_cairo_show_layout (cr, legend);
  }
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_destroy (surface);
  return bytes_or_error (status, bytes, error);
}
