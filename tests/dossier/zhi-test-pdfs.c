/* zhi-test-pdfs.c — sample evidence files for the dossier tests */
#include "zhi-test-pdfs.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

#define A4_W 595.276
#define A4_H 841.89

static void
show_text (cairo_t *cr, const char *font, const char *text, double x, double y, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

gboolean
zhi_test_pdfs_finish (cairo_surface_t *surface, const char *path, GError **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
zhi_test_pdfs_write_text_pdf (const char *path, guint n_pages, GError **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, A4_W, A4_H);
  cairo_t *cr = cairo_create (surface);
  guint k;

  for (k = 1; k <= n_pages; k++)
    {
      g_autofree char *head = g_strdup_printf ("证明材料 第%u页", k);
      int r, c;

      show_text (cr, "Noto Sans CJK SC 20", head, 72, 72, -1);
      show_text (cr, "Noto Serif CJK SC 12",
                 "智能制造设备联网率检测报告：经现场核查，车间共有数控设备一百二十台，"
                 "其中已联网一百一十五台，联网率为百分之九十五点八。",
                 72, 120, A4_W - 144);
      /* a small table */
      for (r = 0; r < 4; r++)
        for (c = 0; c < 3; c++)
          {
            static const char *cells[4][3] = { { "指标", "基期", "本期" },
                                               { "生产效率", "100", "135" },
                                               { "不良品率", "2.1%", "0.8%" },
                                               { "能源利用率", "71%", "83%" } };

            cairo_rectangle (cr, 72 + c * 150, 200 + r * 24, 150, 24);
            cairo_set_line_width (cr, 0.8);
            cairo_stroke (cr);
            show_text (cr, "Noto Serif CJK SC 11", cells[r][c], 78 + c * 150, 204 + r * 24, -1);
          }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  return zhi_test_pdfs_finish (surface, path, error);
}

/* ---- a minimal baseline JPEG encoder for flat 8×8 blocks ---------------- */

typedef struct
{
  GByteArray *out;
  guint32 acc;
  int n;
} Bits;

static void
bits_put (Bits *b, guint32 value, int count)
{
  while (count-- > 0)
    {
      b->acc = (b->acc << 1) | ((value >> count) & 1);
      if (++b->n == 8)
        {
          guint8 byte = (guint8)b->acc;

          g_byte_array_append (b->out, &byte, 1);
          if (byte == 0xFF)
            g_byte_array_append (b->out, (const guint8 *)"\0", 1);
          b->acc = 0;
          b->n = 0;
        }
    }
}

static void
put16 (GByteArray *a, guint v)
{
  guint8 b[2] = { (guint8)(v >> 8), (guint8)v };

  g_byte_array_append (a, b, 2);
}

/* Every 8×8 block is flat (only a DC coefficient); blocks alternate between
 * two grays in a checkerboard of 8 × 8 squares.  The DC differences are 0
 * or ±80 (category 7), so two Huffman codes suffice: "0" for category 0,
 * "10" for 7; the AC table has a single code "0" for end-of-block. */
GBytes *
zhi_test_pdfs_make_jpeg (guint width, guint height)
{
  GByteArray *a = g_byte_array_new ();
  guint bw = (width + 7) / 8, bh = (height + 7) / 8;
  guint period = MAX (1, MAX (bw, bh) / 8);
  Bits bits = { a, 0, 0 };
  int prev = 0; /* the decoder predicts the first DC from 0 */
  guint bx, by, i;

  g_byte_array_append (a, (const guint8 *)"\xFF\xD8", 2);
  /* DQT: all eights, so the DC coefficient equals the level shift */
  g_byte_array_append (a, (const guint8 *)"\xFF\xDB", 2);
  put16 (a, 67);
  g_byte_array_append (a, (const guint8 *)"\0", 1);
  for (i = 0; i < 64; i++)
    g_byte_array_append (a, (const guint8 *)"\x08", 1);
  /* SOF0, one component */
  g_byte_array_append (a, (const guint8 *)"\xFF\xC0", 2);
  put16 (a, 11);
  g_byte_array_append (a, (const guint8 *)"\x08", 1);
  put16 (a, height);
  put16 (a, width);
  g_byte_array_append (a, (const guint8 *)"\x01\x01\x11\x00", 4);
  /* DHT DC 0: one code of length 1 (symbol 0), one of length 2 (symbol 7) */
  g_byte_array_append (a, (const guint8 *)"\xFF\xC4", 2);
  put16 (a, 2 + 1 + 16 + 2);
  g_byte_array_append (a, (const guint8 *)"\x00\x01\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x00\x07", 19);
  /* DHT AC 0: one code of length 1 (EOB) */
  g_byte_array_append (a, (const guint8 *)"\xFF\xC4", 2);
  put16 (a, 2 + 1 + 16 + 1);
  g_byte_array_append (a, (const guint8 *)"\x10\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x00", 18);
  /* SOS */
  g_byte_array_append (a, (const guint8 *)"\xFF\xDA", 2);
  put16 (a, 8);
  g_byte_array_append (a, (const guint8 *)"\x01\x01\x00\x00\x3F\x00", 6);

  for (by = 0; by < bh; by++)
    for (bx = 0; bx < bw; bx++)
      {
        int level = ((bx / period + by / period) % 2) ? -80 : 0; /* gray 48 or 128 */
        int diff = level - prev;

        prev = level;
        if (diff == 0)
          bits_put (&bits, 0, 1);
        else
          {
            bits_put (&bits, 2, 2); /* "10": category 7 */
            bits_put (&bits, diff > 0 ? (guint32)diff : (guint32)(diff + 127), 7);
          }
        bits_put (&bits, 0, 1); /* EOB */
      }
  while (bits.n != 0)
    bits_put (&bits, 1, 1);
  g_byte_array_append (a, (const guint8 *)"\xFF\xD9", 2);
  return g_byte_array_free_to_bytes (a);
}

/* ---- PNG ---------------------------------------------------------------- */

gboolean
zhi_test_pdfs_write_png_rows (const char *path, guint width, guint height, GError **error)
{
  FILE *f = g_fopen (path, "wb");
  png_structp png;
  png_infop info;
  guint8 *row;
  guint y, x;

  if (f == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png_create_info_struct (png);
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      fclose (f);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libpng failed on %s", path);
      return FALSE;
    }
  png_init_io (png, f);
  png_set_compression_level (png, 1);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, 0, PNG_FILTER_NONE);
  png_write_info (png, info);
  row = g_malloc ((gsize)width * 3);
  for (y = 0; y < height; y++)
    {
      /* broad diagonal bands of blue and orange */
      for (x = 0; x < width; x++)
        {
          gboolean band = ((x + y) / MAX (1, (width + height) / 16)) % 2;

          row[x * 3] = band ? 0x30 : 0xF0;
          row[x * 3 + 1] = band ? 0x60 : 0xA0;
          row[x * 3 + 2] = band ? 0xC0 : 0x40;
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  g_free (row);
  fclose (f);
  return TRUE;
}

static gboolean
write_chart_png (const char *path, int width, int height)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (s);
  gboolean ok;
  int i;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (i = 0; i < 5 && width > 1; i++)
    {
      cairo_set_source_rgb (cr, 0.2, 0.4 + i * 0.1, 0.8 - i * 0.1);
      cairo_rectangle (cr, 20 + i * 70, height - 20 - (i + 1) * 45, 50, (i + 1) * 45);
      cairo_fill (cr);
    }
  if (width == 1)
    {
      cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  ok = cairo_surface_write_to_png (s, path) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (s);
  return ok;
}

/* ---- hand-written PDFs ------------------------------------------------------------------- */

/* Writes a PDF whose objects 1…n are @objects (their text between "N 0 obj" and "endobj");
 * object 1 is the catalog. */
static gboolean
write_raw_pdf (const char *path, GPtrArray *objects, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *tail = NULL;
  g_autoptr (GString) xref = g_string_new (NULL);

  g_byte_array_append (out, (const guint8 *)"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", 15);
  for (guint i = 0; i < objects->len; i++)
    {
      GBytes *body = objects->pdata[i];
      g_autofree char *head = g_strdup_printf ("%u 0 obj\n", i + 1);
      gsize at = out->len;

      g_array_append_val (offsets, at);
      g_byte_array_append (out, (const guint8 *)head, strlen (head));
      g_byte_array_append (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_byte_array_append (out, (const guint8 *)"\nendobj\n", 8);
    }
  g_string_append_printf (xref, "xref\n0 %u\n0000000000 65535 f \n", objects->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (xref, "%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (offsets, gsize, i));
  tail = g_strdup_printf ("%strailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%u\n%%%%EOF\n",
                          xref->str, objects->len + 1, out->len);
  g_byte_array_append (out, (const guint8 *)tail, strlen (tail));
  return g_file_set_contents (path, (const char *)out->data, out->len, error);
}

static void
add_object (GPtrArray *objects, const char *text)
{
  g_ptr_array_add (objects, g_bytes_new (text, strlen (text)));
}

/* A stream object with @data (raw bytes) and extra dictionary entries @dict. */
static void
add_stream (GPtrArray *objects, const char *dict, const void *data, gsize len)
{
  g_autofree char *head
      = g_strdup_printf ("<< %s /Length %" G_GSIZE_FORMAT " >>\nstream\n", dict, len);
  GByteArray *a = g_byte_array_new ();

  g_byte_array_append (a, (const guint8 *)head, strlen (head));
  g_byte_array_append (a, data, len);
  g_byte_array_append (a, (const guint8 *)"\nendstream", 10);
  g_ptr_array_add (objects, g_byte_array_free_to_bytes (a));
}

/* One page: catalog 1, pages 2, page 3 (@page_extra inside its dictionary), content 4,
 * font 5; further objects from @more (moved). */
static gboolean
write_one_page (const char *path,
                const char *media_box,
                const char *page_extra,
                const char *content,
                GPtrArray *more,
                GError **error)
{
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autofree char *page = g_strdup_printf (
      "<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 4 0 R %s >>", media_box, page_extra);

  add_object (objects, "<< /Type /Catalog /Pages 2 0 R >>");
  add_object (objects, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  add_object (objects, page);
  add_stream (objects, "", content, strlen (content));
  add_object (objects,
              "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  for (guint i = 0; more && i < more->len; i++)
    g_ptr_array_add (objects, g_bytes_ref (more->pdata[i]));
  return write_raw_pdf (path, objects, error);
}

static gboolean
write_originals (ZhiTestPdfs *t, GError **error)
{
  g_autofree char *a3_box = g_strdup_printf ("0 0 %g %g", A3_LONG, A3_SHORT);
  g_autoptr (GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr (GBytes) jpeg = zhi_test_pdfs_make_jpeg (320, 240);
  guint8 ccitt[ZHI_TEST_CCITT_BYTES];

  if (!write_one_page (t->a3_landscape_pdf, a3_box, "/Resources << /Font << /F1 5 0 R >> >>",
                       "BT /F1 36 Tf 100 700 Td (A3 LANDSCAPE DRAWING) Tj ET", NULL, error))
    return FALSE;
  /* shown turned 90 degrees clockwise: text running up the unturned page reads left to right */
  /* with a web link over its text (object 6), which the dossier keeps */
  add_object (more, "<< /Type /Annot /Subtype /Link /Rect [76 100 102 390] /Border [0 0 0] "
                    "/A << /S /URI /URI (" ZHI_TEST_LINK_URI ") >> >>");
  if (!write_one_page (t->rotated_pdf, "0 0 595.276 841.89",
                       "/Rotate 90 /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R]",
                       "BT /F1 24 Tf 0 1 -1 0 100 100 Tm (UPRIGHT WHEN ROTATED) Tj ET", more,
                       error))
    return FALSE;
  g_ptr_array_set_size (more, 0);

  /* object 6: the annotation, 7: its appearance */
  {
    g_autofree char *annot = g_strdup_printf (
        "<< /Type /Annot /Subtype /Stamp /F 4 /Rect [%d %d %d %d] /Name /Approved "
        "/AP << /N 7 0 R >> >>",
        ZHI_TEST_STAMP_RECT);

    add_object (more, annot);
  }
  add_stream (more, "/Type /XObject /Subtype /Form /BBox [0 0 120 120]",
              "1 0 0 rg 0 0 120 120 re f", 25);
  if (!write_one_page (t->stamp_pdf, "0 0 595.276 841.89",
                       "/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R]",
                       "BT /F1 24 Tf 72 760 Td (SEALED CERTIFICATE) Tj ET", more, error))
    return FALSE;

  /* object 6: the JPEG, 7: the CCITT G4 image (all white: one V0 code per row) */
  g_ptr_array_set_size (more, 0);
  add_stream (more,
              "/Type /XObject /Subtype /Image /Width 320 /Height 240 /ColorSpace /DeviceGray "
              "/BitsPerComponent 8 /Filter /DCTDecode",
              g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  memset (ccitt, 0xFF, sizeof ccitt);
  add_stream (more,
              "/Type /XObject /Subtype /Image /Width 64 /Height 256 /ColorSpace /DeviceGray "
              "/BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 64 "
              "/Rows 256 >>",
              ccitt, sizeof ccitt);
  return write_one_page (t->images_pdf, "0 0 595.276 841.89",
                         "/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R /Im2 7 0 R "
                         ">> >>",
                         "BT /F1 24 Tf 72 760 Td (IMAGES PAGE) Tj ET "
                         "q 320 0 0 240 72 400 cm /Im1 Do Q q 64 0 0 256 420 400 cm /Im2 Do Q",
                         more, error);
}

/* A link over cairo's rectangle (x, y, w, h: cairo's space), with @attributes. */
static void
cairo_link (cairo_t *cr, const char *attributes, double x, double y, double w, double h)
{
  cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* @annot (PDF syntax, without its /Rect) added to @page's /Annots over @rect. */
static void
add_link (qpdf_data q, qpdf_oh page, const char *rect, const char *annot, qpdf_oh dest_page)
{
  g_autofree char *text = g_strdup_printf (
      "<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect %s %s >>", rect, annot);
  qpdf_oh link = qpdf_oh_parse (q, text);
  qpdf_oh annots = qpdf_oh_get_key (q, page, "/Annots");

  if (dest_page != 0)
    {
      /* a destination to @dest_page: its /D gets the page in front */
      qpdf_oh a = qpdf_oh_get_key (q, link, "/A");
      qpdf_oh d = qpdf_oh_get_key (q, a, "/D");
      qpdf_oh full = qpdf_oh_new_array (q);

      qpdf_oh_append_item (q, full, dest_page);
      for (int i = 0; i < qpdf_oh_get_array_n_items (q, d); i++)
        qpdf_oh_append_item (q, full, qpdf_oh_get_array_item (q, d, i));
      qpdf_oh_replace_key (q, a, "/D", full);
    }
  qpdf_oh_append_item (q, annots, qpdf_make_indirect_object (q, link));
}

static gboolean
write_links_pdf (const char *path, GError **error)
{
  g_autofree char *drawn = g_strconcat (path, ".cairo", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (drawn, A4_W, A4_H);
  cairo_t *cr = cairo_create (surface);
  qpdf_data q;
  qpdf_oh p1, p2, p3, old;
  gboolean ok;

  /* tagged: cairo 1.16 writes a damaged file for links in an untagged document */
  cairo_tag_begin (cr, "Document", NULL);
  show_text (cr, "Noto Sans CJK SC 20", "CONTENTS", 72, 60, -1);
  show_text (cr, "Noto Sans CJK SC 12", "Section two", 76, 112, -1);
  cairo_link (cr, "dest='sec-two'", 72, 110, 200, 20);
  show_text (cr, "Noto Sans CJK SC 12", "Page three (forward: no destination)", 76, 152, -1);
  cairo_link (cr, "page=3 pos=[100 200]", 72, 150, 200, 20);
  cairo_show_page (cr);

  cairo_pdf_surface_set_size (surface, A4_H, A4_W);
  cairo_tag_begin (cr, CAIRO_TAG_DEST, "name='sec-two' x=50 y=150");
  show_text (cr, "Noto Sans CJK SC 20", "SECTION TWO", 50, 150, -1);
  cairo_tag_end (cr, CAIRO_TAG_DEST);
  cairo_show_page (cr);

  cairo_pdf_surface_set_size (surface, A4_W, A4_H);
  show_text (cr, "Noto Sans CJK SC 20", "PAGE THREE", 100, 200, -1);
  cairo_show_page (cr);

  show_text (cr, "Noto Sans CJK SC 12", "Back to page three", 76, 102, -1);
  cairo_link (cr, "page=3 pos=[100 200]", 72, 100, 200, 20);
  cairo_show_page (cr);
  cairo_tag_end (cr, "Document");
  {
    int part = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "Part one", "page=1",
                                              CAIRO_PDF_OUTLINE_FLAG_OPEN);

    cairo_pdf_surface_add_outline (surface, part, "Section two", "dest='sec-two'", 0);
    cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "Page three",
                                   "page=3 pos=[100 200]", 0);
    cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "Elsewhere",
                                   "uri='" ZHI_TEST_LINK_URI "'", 0);
  }
  cairo_destroy (cr);
  if (!zhi_test_pdfs_finish (surface, drawn, error))
    return FALSE;

  /* what cairo cannot write: the turns, the other kinds of links */
  q = qpdf_init ();
  qpdf_silence_errors (q);
  ok = !(qpdf_read (q, drawn, NULL) & QPDF_ERRORS) && qpdf_get_num_pages (q) == 4;
  if (ok)
    {
      p1 = qpdf_get_page_n (q, 0);
      p2 = qpdf_get_page_n (q, 1);
      p3 = qpdf_get_page_n (q, 2);
      qpdf_oh_replace_key (q, p3, "/Rotate", qpdf_oh_new_integer (q, 90));
      qpdf_oh_replace_key (q, qpdf_get_page_n (q, 3), "/Rotate", qpdf_oh_new_integer (q, 270));
      add_link (q, p1, ZHI_TEST_LINKS_GOTO_RECT,
                "/A << /S /GoTo /D [/FitH " G_STRINGIFY (ZHI_TEST_LINKS_FITH) "] >>", p3);
      add_link (q, p1, ZHI_TEST_LINKS_OLD_RECT, "/Dest /OldStyle", 0);
      old = qpdf_oh_new_dictionary (q);
      {
        qpdf_oh fit = qpdf_oh_new_array (q);

        qpdf_oh_append_item (q, fit, p2);
        qpdf_oh_append_item (q, fit, qpdf_oh_new_name (q, "/Fit"));
        qpdf_oh_replace_key (q, old, "/OldStyle", fit);
      }
      qpdf_oh_replace_key (q, qpdf_get_root (q), "/Dests", old);
      add_link (q, p1, "[72 480 272 500]", "/A << /S /GoToR /F (other.pdf) /D [0 /Fit] >>", 0);
      add_link (q, p1, "[72 440 272 460]", "/A << /S /Launch /F (calc.exe) >>", 0);
      add_link (q, p1, "[72 400 272 420]", "/A << /S /JavaScript /JS (app.alert\\(1\\)) >>", 0);
      add_link (q, p1, "[72 360 272 380]", "/Dest (no-such-name)", 0);
      add_link (q, p1, "[72 320 272 340]", "/Dest [99 /Fit]", 0);
      add_link (q, p1, "[72 280 272 300]", "/Dest 42", 0);
      add_link (q, p1, "[72 240]", "/Dest (sec-two)", 0);
      ok = !qpdf_has_error (q) && !(qpdf_init_write (q, path) & QPDF_ERRORS)
           && !(qpdf_write (q) & QPDF_ERRORS);
    }
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: qpdf could not add the links", path);
  qpdf_cleanup (&q);
  g_unlink (drawn);
  return ok;
}

ZhiTestPdfs *
zhi_test_pdfs_generate (const char *dir, GError **error)
{
  g_autoptr (ZhiTestPdfs) t = g_new0 (ZhiTestPdfs, 1);
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) jpeg = NULL;
  gsize len;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", dir);
      return NULL;
    }
  t->dir = g_strdup (dir);
#define P(name) g_build_filename (dir, name, NULL)
  t->multi_pdf = P ("检测报告.pdf");
  t->truncated_pdf = P ("truncated.pdf");
  t->empty_pdf = P ("empty.pdf");
  t->garbage_pdf = P ("garbage.pdf");
  t->jpeg = P ("photo.jpg");
  t->jpeg_1px = P ("pixel.jpg");
  t->jpeg_huge = P ("huge.jpg");
  t->png = P ("chart.png");
  t->png_1px = P ("pixel.png");
  t->png_huge = P ("huge.png");
  t->docx = P ("说明.docx");
  t->a3_landscape_pdf = P ("a3-landscape.pdf");
  t->rotated_pdf = P ("rotated.pdf");
  t->stamp_pdf = P ("stamp.pdf");
  t->images_pdf = P ("images.pdf");
  t->links_pdf = P ("links.pdf");

  if (!write_originals (t, error) || !write_links_pdf (t->links_pdf, error))
    return NULL;

  if (!zhi_test_pdfs_write_text_pdf (t->multi_pdf, 3, error))
    return NULL;
  if (!g_file_get_contents (t->multi_pdf, &contents, &len, error))
    return NULL;
  if (!g_file_set_contents (t->truncated_pdf, contents, (gssize)(len * 2 / 5), error)
      || !g_file_set_contents (t->empty_pdf, "", 0, error)
      || !g_file_set_contents (t->garbage_pdf, "This is a letter, not a PDF.\n这不是PDF文件。\n",
                               -1, error)
      || !g_file_set_contents (t->docx, "PK\x03\x04 not really a document", -1, error))
    return NULL;

  jpeg = zhi_test_pdfs_make_jpeg (320, 240);
  if (!g_file_set_contents (t->jpeg, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), error))
    return NULL;
  g_clear_pointer (&jpeg, g_bytes_unref);
  jpeg = zhi_test_pdfs_make_jpeg (1, 1);
  if (!g_file_set_contents (t->jpeg_1px, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                            error))
    return NULL;
  g_clear_pointer (&jpeg, g_bytes_unref);
  jpeg = zhi_test_pdfs_make_jpeg (10000, 10000);
  if (!g_file_set_contents (t->jpeg_huge, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                            error))
    return NULL;

  if (!write_chart_png (t->png, 400, 300) || !write_chart_png (t->png_1px, 1, 1))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write PNG samples");
      return NULL;
    }
  if (!zhi_test_pdfs_write_png_rows (t->png_huge, 10000, 10000, error))
    return NULL;

  g_autofree char *qpdf = g_find_program_in_path ("qpdf");

  if (qpdf != NULL)
    {
      g_autofree char *out = P ("encrypted.pdf");
      const char *argv[]
          = { qpdf, "--encrypt", "user-pw", "owner-pw", "256", "--", t->multi_pdf, out, NULL };
      int status = 0;

      if (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                        NULL, &status, NULL)
          && g_spawn_check_wait_status (status, NULL))
        t->encrypted_pdf = g_steal_pointer (&out);
    }
  if (qpdf != NULL)
    {
      g_autofree char *out = P ("restricted.pdf");
      const char *argv[]
          = { qpdf, "--encrypt",  "",  "owner-pw", "256", "--print=none", "--modify=none",
              "--", t->multi_pdf, out, NULL };
      int status = 0;

      if (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                        NULL, &status, NULL)
          && g_spawn_check_wait_status (status, NULL))
        t->restricted_pdf = g_steal_pointer (&out);
    }
#undef P
  return g_steal_pointer (&t);
}

void
zhi_test_pdfs_free (ZhiTestPdfs *t)
{
  if (t == NULL)
    return;
  g_free (t->dir);
  g_free (t->multi_pdf);
  g_free (t->links_pdf);
  g_free (t->encrypted_pdf);
  g_free (t->truncated_pdf);
  g_free (t->empty_pdf);
  g_free (t->garbage_pdf);
  g_free (t->jpeg);
  g_free (t->jpeg_1px);
  g_free (t->jpeg_huge);
  g_free (t->png);
  g_free (t->png_1px);
  g_free (t->png_huge);
  g_free (t->docx);
  g_free (t->a3_landscape_pdf);
  g_free (t->rotated_pdf);
  g_free (t->stamp_pdf);
  g_free (t->images_pdf);
  g_free (t->restricted_pdf);
  g_free (t);
}

char *
zhi_test_sha256_file (const char *path)
{
  g_autoptr (GMappedFile) f = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr (GBytes) bytes = NULL;

  if (f == NULL)
    return g_strdup ("");
  bytes = g_mapped_file_get_bytes (f);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

gboolean
zhi_test_pdf_file_id (const char *path, char **first, char **second, char **expected)
{
  static const char fixed[] = "31415926535897932384626433832795";
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *entry = NULL;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  /* the last one: the trailer, or the cross-reference stream's dictionary */
  for (gsize i = 0; i + 72 <= len; i++)
    if (memcmp (data + i, "/ID [<", 6) == 0 && data[i + 38] == '>' && data[i + 39] == '<'
        && memcmp (data + i + 72, ">]", 2) == 0)
      entry = data + i;
  if (entry == NULL)
    return FALSE;
  *first = g_strndup (entry + 6, 32);
  *second = g_strndup (entry + 40, 32);
  /* the bytes as qpdf wrote them, before the identifier was put in */
  if (g_str_equal (*first, *second))
    memcpy ((char *)entry + 6, fixed, 32);
  memcpy ((char *)entry + 40, fixed, 32);
  *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, len);
  (*expected)[32] = '\0';
  return TRUE;
}

gboolean
zhi_test_qpdf_check (const char *path, gboolean *skipped, char **output)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { qpdf, "--check", path, NULL };
  int status = 0;

  *skipped = qpdf == NULL;
  if (qpdf == NULL)
    return TRUE;
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                     NULL))
    return FALSE;
  if (output)
    *output = g_strconcat (out, err, NULL);
  return g_spawn_check_wait_status (status, NULL) && strstr (out, "WARNING") == NULL
         && (err == NULL || *err == '\0');
}

char *
zhi_test_strip_space (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; s && *s; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
zhi_test_pdf_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);
  GString *all = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *stripped = zhi_test_strip_space (text);

      g_string_append (all, stripped);
      g_object_unref (page);
    }
  g_object_unref (pdf);
  return g_string_free (all, FALSE);
}

GPtrArray *
zhi_test_pdf_page_texts (PopplerDocument *pdf)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_ptr_array_add (texts, zhi_test_strip_space (text));
      g_object_unref (page);
    }
  return texts;
}

int
zhi_test_pdf_dest_page (PopplerDocument *pdf, PopplerDest *dest)
{
  PopplerDest *named;
  int page;

  if (dest->type != POPPLER_DEST_NAMED)
    return dest->page_num;
  named = poppler_document_find_dest (pdf, dest->named_dest);
  g_assert_nonnull (named);
  page = named->page_num;
  poppler_dest_free (named);
  return page;
}

cairo_surface_t *
zhi_test_pdf_render_page (PopplerPage *page, double scale)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

gboolean
zhi_test_pdf_page_has_draft_mark (PopplerPage *page)
{
  cairo_surface_t *surface = zhi_test_pdf_render_page (page, 0.25);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint reddish = 0;

  for (int y = height * 3 / 8; y < height * 5 / 8; y++)
    for (int x = width / 4; x < width * 3 / 4; x++)
      {
        guint32 px = *(const guint32 *)(data + y * stride + 4 * x);
        int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff;

        if (r - g > 12)
          reddish++;
      }
  cairo_surface_destroy (surface);
  return reddish > 50;
}

void
zhi_test_assert_no_temp_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.')
      g_error ("temporary file left behind: %s/%s", dir, name);
}

void
zhi_test_progress_cb (guint done, guint total, gpointer data)
{
  ZhiTestProgress *p = data;

  g_assert_true (g_thread_self () == p->thread);
  g_assert_cmpuint (done, >=, p->done);
  g_assert_cmpuint (done, <=, total);
  p->calls++;
  p->done = done;
  p->total = total;
  if (p->cancel_at_first)
    g_cancellable_cancel (p->cancel_at_first);
}

gboolean
zhi_test_bytes_contain (GBytes *bytes, const char *needle)
{
  gsize len, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i + n <= len; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}
