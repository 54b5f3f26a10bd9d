/* test-pdf-typeset.c — what a typesetter of official documents checks, read back with poppler:
 * headings that keep with what follows them, no one-line widows or orphans, no lone character
 * on a heading's or a contents entry's last line, hashes printed whole, Latin never
 * letter-spaced by justification, characters outside the CJK faces drawn through a fallback. */
#include "zhi-pdf-doc.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

/* poppler-glib 22.12 declares no cleanup functions */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define HASH "3f5a9c21d46a7be0c4412f9e21ebf0aa9d3c5b7e6f8012ad34c56e78f9a0b1c2"

/* A new file name in the program's scratch directory: "<n>-@name", n counting the calls. */
static char *
tmp_pdf (const char *name)
{
  static guint n;
  g_autofree char *numbered = g_strdup_printf ("%u-%s", ++n, name);

  return zhi_test_tmp_path (numbered);
}

static PopplerDocument *
write_and_open (ZhiPdfDoc *doc, char **path_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_pdf ("doc.pdf");
  g_autofree char *uri = NULL;
  PopplerDocument *pdf;

  g_assert_true (zhi_pdf_doc_write_to_file (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, NULL);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  if (path_out)
    *path_out = g_steal_pointer (&path);
  return pdf;
}

static char *
page_text (PopplerDocument *pdf, int index)
{
  g_autoptr (PopplerPage) page = poppler_document_get_page (pdf, index);

  return poppler_page_get_text (page);
}

/* The 0-based page whose text (spaces removed) contains @needle, or -1. */
static int
find_page (PopplerDocument *pdf, const char *needle)
{
  int i;

  for (i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text (pdf, i);
      g_autofree char *flat = zhi_test_strip_space (text);

      if (strstr (flat, needle))
        return i;
    }
  return -1;
}

/* The page's non-empty text lines, as poppler reads them */
static GStrv
page_lines (PopplerDocument *pdf, int index)
{
  g_autofree char *text = page_text (pdf, index);
  g_auto (GStrv) raw = g_strsplit (text, "\n", -1);
  GPtrArray *lines = g_ptr_array_new ();
  guint i;

  for (i = 0; raw[i]; i++)
    {
      g_autofree char *flat = zhi_test_strip_space (raw[i]);

      if (flat[0] != '\0' && !g_str_has_prefix (flat, "—") && !g_str_has_prefix (flat, "FP-"))
        g_ptr_array_add (lines, g_steal_pointer (&flat));
    }
  g_ptr_array_add (lines, NULL);
  return (GStrv)g_ptr_array_free (lines, FALSE);
}

/* Body text that fills most of a page, in numbered sentences. */
static char *
filler (guint sentences, const char *tag)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < sentences; i++)
    g_string_append_printf (s, "%s第%u句，车间的生产计划、物料配送和质量检验均已实现数字化管理。",
                            tag, i + 1);
  return g_string_free (s, FALSE);
}

static ZhiPdfDoc *
doc_new (void)
{
  ZhiPdfDoc *doc = zhi_pdf_doc_new ();

  zhi_pdf_doc_set_fingerprint (doc, "FP-0001");
  return doc;
}

/* A heading near a page foot followed by a table goes over with the table's header and first row:
 * the heading is never a page's last line. */
static void
test_heading_keeps_with_table (void)
{
  guint fill;

  /* slide the heading through the bottom of the first page, one sentence at a time */
  for (fill = 14; fill <= 24; fill++)
    {
      g_autoptr (ZhiPdfDoc) doc = doc_new ();
      g_autoptr (PopplerDocument) pdf = NULL;
      g_autofree char *text = filler (fill, "甲");
      const double widths[] = { 0.3, 0.7 };
      const char *header[] = { "条件", "内容" };
      ZhiPdfTable *table;
      int heading_page, row_page;

      zhi_pdf_doc_add_heading (doc, 1, "一、企业基本情况", TRUE);
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, text);
      zhi_pdf_doc_add_heading (doc, 1, "二、申报条件符合情况", TRUE);
      zhi_pdf_doc_add_heading (doc, 2, "（一）申报条件", TRUE);
      table = zhi_pdf_doc_add_table (doc, 2, widths, header);
      zhi_pdf_table_add_row (table,
                             (const char *[]){ "条件一行", "在辽宁省内注册，具有独立法人资格。" });
      zhi_pdf_table_add_row (table, (const char *[]){ "条件二行", "近三年未发生重大安全事故。" });
      pdf = write_and_open (doc, NULL);

      heading_page = find_page (pdf, "二、申报条件符合情况");
      g_assert_cmpint (heading_page, >=, 0);
      g_assert_cmpint (find_page (pdf, "（一）申报条件"), ==, heading_page);
      row_page = find_page (pdf, "条件一行");
      g_assert_cmpint (row_page, ==, heading_page);
    }
}

/* A heading followed by body text keeps with at least its first two lines. */
static void
test_heading_keeps_with_two_lines (void)
{
  guint fill;

  for (fill = 14; fill <= 24; fill++)
    {
      g_autoptr (ZhiPdfDoc) doc = doc_new ();
      g_autoptr (PopplerDocument) pdf = NULL;
      g_autofree char *text = filler (fill, "甲");
      g_autofree char *after = filler (6, "乙");
      int page, i, n = 0;

      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, text);
      zhi_pdf_doc_add_heading (doc, 2, "（五）系统集成优化", TRUE);
      zhi_pdf_doc_add_heading (doc, 3, "3．指标情况", TRUE);
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, after);
      pdf = write_and_open (doc, NULL);

      page = find_page (pdf, "（五）系统集成优化");
      g_assert_cmpint (find_page (pdf, "3．指标情况"), ==, page);
      {
        g_auto (GStrv) lines = page_lines (pdf, page);

        for (i = 0; lines[i]; i++)
          if (g_str_has_prefix (lines[i], "3．指标情况"))
            n = g_strv_length (lines) - i - 1;
      }
      /* at least two lines of the paragraph follow the heading on its page */
      g_assert_cmpint (n, >=, 2);
    }
}

/* Lines of @page made of @c only (a paragraph of one repeated character). */
static guint
count_lines_of (PopplerDocument *pdf, int page, const char *c)
{
  g_auto (GStrv) lines = page_lines (pdf, page);
  guint i, n = 0;

  for (i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], c))
      n++;
  return n;
}

static char *
repeat (const char *c, guint n)
{
  GString *s = g_string_new (NULL);

  while (n--)
    g_string_append (s, c);
  return g_string_free (s, FALSE);
}

/* A paragraph split across pages leaves at least two lines on each side. */
static void
test_no_widows_or_orphans (void)
{
  guint extra;

  /* slide the first paragraph's end through the foot of the first page, half a line at a time */
  for (extra = 0; extra < 28 * 14; extra += 13)
    {
      g_autoptr (ZhiPdfDoc) doc = doc_new ();
      g_autoptr (PopplerDocument) pdf = NULL;
      g_autofree char *first = repeat ("甲", 28 * 14 + extra);
      g_autofree char *second = repeat ("乙", 28 * 4 + 5);
      const char *marks[] = { "甲", "乙" };
      guint m;

      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SMALL, "起");
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, first);
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, second);
      pdf = write_and_open (doc, NULL);
      for (m = 0; m < G_N_ELEMENTS (marks); m++)
        {
          int i, pages = 0;

          for (i = 0; i < poppler_document_get_n_pages (pdf); i++)
            pages += count_lines_of (pdf, i, marks[m]) > 0;
          if (pages < 2)
            continue;
          /* split: every page holding part of it holds two lines or more */
          for (i = 0; i < poppler_document_get_n_pages (pdf); i++)
            {
              guint n = count_lines_of (pdf, i, marks[m]);

              if (n == 1)
                g_error ("%s: one line alone on page %d (extra %u)", marks[m], i + 1, extra);
            }
        }
    }
}

/* A heading or contents entry never ends with a line of one character. */
static void
test_no_lone_character (void)
{
  static const char *titles[] = {
    "附件3：辽宁示例机械有限公司数字化车间设备清单及联网情况统计报告",
    "附件12：营业执照（副本）复印件和统一社会信用代码证明文件原件",
    "（二）智能装备广泛应用，车间自动化、数字化、智能化生产和检测装备台（套）数占比达到要求",
  };
  guint t, w;

  for (t = 0; t < G_N_ELEMENTS (titles); t++)
    for (w = 0; w < 14; w++)
      {
        g_autoptr (ZhiPdfDoc) doc = doc_new ();
        g_autoptr (PopplerDocument) pdf = NULL;
        g_autoptr (GString) title = g_string_new (titles[t]);
        guint k;
        int page;

        /* slide the title's length so that every possible last line is tried */
        for (k = 0; k < w; k++)
          g_string_insert (title, strlen ("附件"), "零");
        zhi_pdf_doc_add_contents (doc, 3, FALSE);
        zhi_pdf_doc_add_page_break (doc);
        zhi_pdf_doc_add_heading (doc, 2, title->str, TRUE);
        zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "正文。");
        pdf = write_and_open (doc, NULL);

        for (page = 0; page < 2; page++)
          {
            g_auto (GStrv) lines = page_lines (pdf, page);
            guint i;

            for (i = 0; lines[i]; i++)
              {
                /* a line with no more than one character (and a closing mark) is a stray; the
                 * contents line ends in dots and a page number, strip those */
                g_autofree char *s = g_strdup (lines[i]);
                char *end = s + strlen (s);
                glong len;

                while (end > s && (g_ascii_isdigit (end[-1]) || end[-1] == '.'))
                  *--end = '\0';
                while (end > s && g_str_has_suffix (s, "…"))
                  {
                    end -= strlen ("…");
                    *end = '\0';
                  }
                len = g_utf8_strlen (s, -1);
                if (g_str_has_suffix (s, "）") || g_str_has_suffix (s, "。"))
                  len--;
                if (len <= 1 && s[0] != '\0' && strcmp (s, "正文") != 0)
                  g_error ("page %d line %u is a lone character: \"%s\" (title \"%s\")", page, i,
                           lines[i], title->str);
              }
          }
      }
}

/* A SHA-256 value in a narrow table cell and in body text reads back whole, with no hyphen. */
static void
test_hash_whole (void)
{
  g_autoptr (ZhiPdfDoc) doc = doc_new ();
  g_autoptr (PopplerDocument) pdf = NULL;
  const double widths[] = { 0.15, 0.45, 0.4 };
  const char *header[] = { "附件", "名称", "SHA-256" };
  ZhiPdfTable *table;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  table = zhi_pdf_doc_add_table (doc, 3, widths, header);
  zhi_pdf_table_add_row (table, (const char *[]){ "附件1", "营业执照", HASH });
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "原件的 SHA-256 值为 " HASH "，请核对。");
  pdf = write_and_open (doc, NULL);
  text = page_text (pdf, 0);
  flat = zhi_test_strip_space (text);
  /* once in the table cell, once in the paragraph */
  g_assert_nonnull (strstr (flat, HASH));
  g_assert_nonnull (strstr (strstr (flat, HASH) + 1, HASH));
  g_assert_null (strstr (text, "\xe2\x80\x90")); /* U+2010 HYPHEN */
  g_assert_null (strstr (flat, HASH "-"));
}

/* The largest gap between two consecutive characters of @word on the page (same line). */
static double
word_gap_max (PopplerPage *page, const char *word)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0, i;
  const char *at = strstr (text, word);
  glong start;
  double gap_max = 0;

  g_assert_nonnull (at);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  start = g_utf8_pointer_to_offset (text, at);
  for (i = start; i + 1 < start + g_utf8_strlen (word, -1) && i + 1 < n_rects; i++)
    {
      if (rects[i + 1].y1 > rects[i].y2) /* wrapped */
        break;
      gap_max = MAX (gap_max, rects[i + 1].x1 - rects[i].x2);
    }
  g_free (rects);
  return gap_max;
}

/* Justified text stretches only between CJK characters: Latin words and numbers inside a
 * justified Chinese line keep their natural letter spacing, and a space is not widened into a
 * hole when the line has CJK gaps to take the slack. */
static void
test_latin_not_letter_spaced (void)
{
  guint fill;

  for (fill = 0; fill < 6; fill++)
    {
      g_autoptr (ZhiPdfDoc) doc = doc_new ();
      g_autoptr (PopplerDocument) pdf = NULL;
      g_autoptr (PopplerPage) page = NULL;
      g_autoptr (GString) s = g_string_new ("证明材料");
      guint i;

      for (i = 0; i < fill; i++)
        g_string_append (s, "数");
      /* the hash cannot share the line, so the line before it is stretched hard */
      g_string_append (s, "请向申报单位索取原件核对。另有1.2MB的文件" HASH "已核对，共 8 件。");
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, s->str);
      pdf = write_and_open (doc, NULL);
      page = poppler_document_get_page (pdf, 0);
      g_assert_cmpfloat (word_gap_max (page, "1.2MB"), <, 1.0);
    }
}

/* A character no CJK face has (an emoji in a file name) is drawn through a fallback face (the
 * colour emoji face gives an image), not as a hex box; the text around it reads on. */
static void
test_emoji_fallback (void)
{
  g_autoptr (ZhiPdfDoc) doc = doc_new ();
  g_autoptr (PopplerDocument) pdf = NULL;
  g_autoptr (PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  GList *images;

  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "文件名：设备照片🔧✅.jpg");
  pdf = write_and_open (doc, NULL);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  flat = zhi_test_strip_space (text);
  /* a hex box would read back as its digits */
  g_assert_null (strstr (flat, "1F527"));
  g_assert_null (strstr (flat, "01F"));
  g_assert_nonnull (strstr (flat, "设备照片"));
  g_assert_nonnull (strstr (flat, ".jpg"));
  /* either the glyphs are text of a fallback face or the colour face drew them as images */
  images = poppler_page_get_image_mapping (page);
  g_assert_true (strstr (text, "🔧") != NULL || g_list_length (images) >= 2);
  poppler_page_free_image_mapping (images);
}

/* "附件12" and "GB/T 39116-2020" are never broken across two lines. */
static void
test_references_kept_whole (void)
{
  guint fill;

  for (fill = 0; fill < 28; fill++)
    {
      g_autoptr (ZhiPdfDoc) doc = doc_new ();
      g_autoptr (PopplerDocument) pdf = NULL;
      g_autoptr (GString) s = g_string_new (NULL);
      g_auto (GStrv) lines = NULL;
      guint i;

      for (i = 0; i < fill; i++)
        g_string_append (s, "数");
      for (i = 0; i < 6; i++)
        g_string_append_printf (s, "详见附件%u，依据GB/T 39116-2020开展自评，", 10 + i * 7);
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, s->str);
      pdf = write_and_open (doc, NULL);
      lines = page_lines (pdf, 0);
      for (i = 0; lines[i]; i++)
        {
          g_assert_false (g_str_has_suffix (lines[i], "附件"));
          g_assert_false (g_str_has_suffix (lines[i], "GB/T"));
          g_assert_false (g_str_has_suffix (lines[i], "39116-"));
          g_assert_false (g_str_has_suffix (lines[i], "GB/T39116"));
          g_assert_false (g_ascii_isdigit (lines[i][0]));
        }
    }
}

/* Pixels clearly bluer than grey in the box where @needle is drawn on page 0. */
static guint
blue_pixels (PopplerDocument *pdf, const char *needle)
{
  g_autoptr (PopplerPage) page = poppler_document_get_page (pdf, 0);
  GList *found = poppler_page_find_text (page, needle);
  PopplerRectangle *r;
  double h;
  cairo_surface_t *surface;
  unsigned char *data;
  int x, y, stride;
  guint n = 0;

  g_assert_nonnull (found);
  r = found->data;
  poppler_page_get_size (page, NULL, &h);
  surface = zhi_test_pdf_render_page (page, 2);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* find_text answers in PDF space, origin at the bottom left */
  for (y = (int)((h - r->y2) * 2); y < (int)((h - r->y1) * 2); y++)
    for (x = (int)(r->x1 * 2); x < (int)(r->x2 * 2); x++)
      {
        guint32 px = *(guint32 *)(data + y * stride + 4 * x);
        int red = (px >> 16) & 0xff, blue = px & 0xff;

        if (blue - red > 60)
          n++;
      }
  cairo_surface_destroy (surface);
  g_list_free_full (found, (GDestroyNotify)poppler_rectangle_free);
  return n;
}

/* Links are blue in a draft (read on screen) and in the text's colour in the final (printed). */
static void
test_link_colours (void)
{
  gboolean draft;

  for (draft = FALSE; draft <= TRUE; draft++)
    {
      g_autoptr (ZhiPdfDoc) doc = doc_new ();
      g_autoptr (PopplerDocument) pdf = NULL;
      const char *dest;
      guint p;

      zhi_pdf_doc_set_draft (doc, draft);
      dest = zhi_pdf_doc_add_heading (doc, 1, "七、附件", TRUE);
      p = zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "设备清单见附件3。");
      g_assert_true (zhi_pdf_doc_link_text (doc, p, "附件3", dest));
      pdf = write_and_open (doc, NULL);
      if (draft)
        g_assert_cmpuint (blue_pixels (pdf, "附件3"), >, 20);
      else
        g_assert_cmpuint (blue_pixels (pdf, "附件3"), ==, 0);
      /* the text around is black either way */
      g_assert_cmpuint (blue_pixels (pdf, "设备清单"), ==, 0);
    }
}

/* A table cell's original file name goes under the title in smaller type. */
static void
test_small_file_name (void)
{
  g_autoptr (ZhiPdfDoc) doc = doc_new ();
  g_autoptr (PopplerDocument) pdf = NULL;
  g_autoptr (PopplerPage) page = NULL;
  const double widths[] = { 0.2, 0.8 };
  const char *header[] = { "编号", "名称" };
  ZhiPdfTable *table = zhi_pdf_doc_add_table (doc, 2, widths, header);
  g_autofree char *text = NULL;
  GList *attrs, *l;
  glong title_at, name_at;
  double title_size = 0, name_size = 0;

  zhi_pdf_table_add_row (
      table, (const char *[]){ "附件1", "营业执照" ZHI_PDF_SMALL_MARK "原文件：licence.pdf" });
  pdf = write_and_open (doc, NULL);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "营业执照\n原文件"));
  title_at = g_utf8_pointer_to_offset (text, strstr (text, "营业执照"));
  name_at = g_utf8_pointer_to_offset (text, strstr (text, "licence"));
  attrs = poppler_page_get_text_attributes (page);
  for (l = attrs; l != NULL; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      if (a->start_index <= title_at && title_at <= a->end_index)
        title_size = a->font_size;
      if (a->start_index <= name_at && name_at <= a->end_index)
        name_size = a->font_size;
    }
  poppler_page_free_text_attributes (attrs);
  g_assert_cmpfloat (name_size, >, 0);
  g_assert_cmpfloat (name_size, <, title_size * 0.9);
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-typeset/heading-keeps-with-table", test_heading_keeps_with_table);
  g_test_add_func ("/pdf-typeset/heading-keeps-with-two-lines", test_heading_keeps_with_two_lines);
  g_test_add_func ("/pdf-typeset/no-one-line-widow-or-orphan", test_no_widows_or_orphans);
  g_test_add_func ("/pdf-typeset/no-lone-character-line", test_no_lone_character);
  g_test_add_func ("/pdf-typeset/hash-printed-whole", test_hash_whole);
  g_test_add_func ("/pdf-typeset/latin-not-letter-spaced", test_latin_not_letter_spaced);
  g_test_add_func ("/pdf-typeset/emoji-through-fallback", test_emoji_fallback);
  g_test_add_func ("/pdf-typeset/references-kept-whole", test_references_kept_whole);
  g_test_add_func ("/pdf-typeset/link-colours-draft-and-final", test_link_colours);
  g_test_add_func ("/pdf-typeset/file-name-in-small-type", test_small_file_name);
  zhi_test_tmp_dir_make ("zhi-typeset-XXXXXX");
  status = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return status;
}
