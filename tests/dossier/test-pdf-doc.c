/* test-pdf-doc.c — the dossier writer, read back with poppler */
#include "zhi-pdf-doc.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#define FINGERPRINT "ZZ-7F3A9C21"
#define N_EQUIPMENT 60
#define N_SENTENCES 120

static const char *p1_text
    = "本企业成立于二〇〇五年，主要从事汽车零部件的研发、生产和销售，现有职工一千二百人，其中技术人"
      "员"
      "三百人。车间已建成制造执行系统，实现了生产计划、物料、质量和设备的数字化管理，详见附件1。";

typedef struct
{
  const char *dir; /* the scratch directory (zhi-test-util.h) */
  char *path;
  ZhiPdfDoc *doc;
  PopplerDocument *pdf;
  GPtrArray *texts; /* whitespace-free text of every page */
  const char *dest_contents, *dest_ch1, *dest_equip, *dest_tall, *dest_ch2, *dest_ch3, *dest_att;
  guint progress_calls;
  guint last_done;
  guint last_total;
} Built;

static Built built;

static void
draw_chart (cairo_t *cr, double width, double height, gpointer user_data)
{
  static const double values[] = { 0.9, 0.7, 0.8, 0.5, 0.95 };
  guint i;

  (void)user_data;
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  for (i = 0; i < G_N_ELEMENTS (values); i++)
    {
      cairo_set_source_rgb (cr, 0.2, 0.4, 0.75);
      cairo_rectangle (cr, 30 + i * 80, height - 10 - values[i] * (height - 30), 50,
                       values[i] * (height - 30));
      cairo_fill (cr);
    }
}

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  Built *b = user_data;

  g_assert_cmpuint (done, ==, b->last_done + 1);
  b->progress_calls++;
  b->last_done = done;
  b->last_total = total;
}

static ZhiPdfDoc *
build_doc (const char *evidence)
{
  ZhiPdfDoc *doc = zhi_pdf_doc_new ();
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 4, 18, 9, 30, 0);
  const double widths[] = { 0.12, 0.5, 0.18, 0.2 };
  const char *header[] = { "序号", "设备名称", "台套数", "是否联网" };
  ZhiPdfTable *table;
  GString *tall = g_string_new (NULL);
  guint i, p;

  zhi_pdf_doc_set_metadata (doc, "辽宁省数字化车间申报书", "辽宁示例机械有限公司", "数字化车间",
                            "Zhizao test", date);
  zhi_pdf_doc_set_fingerprint (doc, FINGERPRINT);
  zhi_pdf_doc_set_draft (doc, TRUE);
  zhi_pdf_doc_set_unnumbered_pages (doc, 1);
  zhi_pdf_doc_set_page_number_position (doc, ZHI_PDF_PAGE_NUMBER_OUTER);

  zhi_pdf_doc_add_spacer (doc, 120);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_TITLE, "辽宁省数字化车间申报书");
  zhi_pdf_doc_add_spacer (doc, 80);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_CENTERED, "申报单位：辽宁示例机械有限公司");
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_CENTERED, "二〇二六年四月");
  zhi_pdf_doc_add_page_break (doc);

  built.dest_contents = zhi_pdf_doc_add_heading (doc, 1, "目　录", FALSE);
  zhi_pdf_doc_add_contents (doc, 2, TRUE);
  zhi_pdf_doc_add_page_break (doc);

  built.dest_ch1 = zhi_pdf_doc_add_heading (doc, 1, "一、企业基本情况", TRUE);
  p = zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, p1_text);
  g_assert_true (zhi_pdf_doc_link_text (doc, p, "附件1", "att-1"));
  table = zhi_pdf_doc_add_key_value_table (doc, 0.3);
  zhi_pdf_table_add_pair (table, "企业名称", "辽宁示例机械有限公司");
  zhi_pdf_table_add_pair (table, "统一社会信用代码", "91210100MA0TEST001");
  zhi_pdf_table_add_pair (table, "所在城市", "沈阳市");

  built.dest_equip = zhi_pdf_doc_add_heading (doc, 2, "（一）设备清单", TRUE);
  table = zhi_pdf_doc_add_table (doc, 4, widths, header);
  for (i = 1; i <= N_EQUIPMENT; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      g_autofree char *name
          = g_strdup_printf ("甲型设备%02u：五轴联动数控加工中心，用于缸体精加工", i);
      const char *row[] = { n, name, "12", i % 3 ? "是" : "否" };

      zhi_pdf_table_add_row (table, row);
    }

  built.dest_tall = zhi_pdf_doc_add_heading (doc, 2, "（二）建设内容说明", TRUE);
  for (i = 1; i <= N_SENTENCES; i++)
    g_string_append_printf (tall, "第%03u句：车间完成了设备联网改造。", i);
  table = zhi_pdf_doc_add_key_value_table (doc, 0.2);
  zhi_pdf_table_add_pair (table, "建设内容", tall->str);
  g_string_free (tall, TRUE);

  built.dest_ch2 = zhi_pdf_doc_add_heading (doc, 1, "二、自评得分", TRUE);
  zhi_pdf_doc_add_drawing (doc, 200, draw_chart, NULL, NULL);
  p = zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "设备情况见第一章设备清单。");
  g_assert_true (zhi_pdf_doc_link_text (doc, p, "设备清单", built.dest_equip));

  built.dest_ch3 = zhi_pdf_doc_add_heading (doc, 1, "三、真实性承诺", TRUE);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "本单位承诺所报材料真实、准确、完整。");
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, "申报单位（盖章）：＿＿＿＿＿＿");

  zhi_pdf_doc_add_heading (doc, 1, "附件", TRUE);
  built.dest_att = zhi_pdf_doc_add_attachment (
      doc, zhi_pdf_attachment_new_for_path (1, "设备联网检测报告", "检测报告.pdf",
                                            "application/pdf", "00", evidence));
  return doc;
}

static void
ensure_built (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *uri = NULL;

  if (built.doc)
    return;
  built.dir = zhi_test_tmp_dir_make ("zhi-pdf-doc-XXXXXX");
  evidence = g_build_filename (built.dir, "检测报告.pdf", NULL);
  g_assert_true (zhi_test_pdfs_write_text_pdf (evidence, 3, &error));
  built.path = g_build_filename (built.dir, "dossier.pdf", NULL);
  built.doc = build_doc (evidence);
  g_assert_true (
      zhi_pdf_doc_write_to_file (built.doc, built.path, progress_cb, &built, NULL, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (built.path, NULL, NULL);
  built.pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  built.texts = zhi_test_pdf_page_texts (built.pdf);
}

static const char *
page_text (int i)
{
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (i, <, (int)built.texts->len);
  return g_ptr_array_index (built.texts, i);
}

/* 0-based page of a poppler destination */
static int
resolve_dest (PopplerDest *dest)
{
  int page;

  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (built.pdf, dest->named_dest);

      g_assert_nonnull (named);
      page = named->page_num - 1;
      poppler_dest_free (named);
      return page;
    }
  return dest->page_num - 1;
}

static void
test_qpdf_check (void)
{
  g_autofree char *output = NULL;
  gboolean skipped = FALSE;

  ensure_built ();
  if (!zhi_test_qpdf_check (built.path, &skipped, &output))
    g_error ("qpdf --check: %s", output);
  if (skipped)
    g_test_skip ("qpdf is not installed");
}

static void
test_pages_and_metadata (void)
{
  g_autofree char *title = NULL, *author = NULL, *subject = NULL, *creator = NULL;

  ensure_built ();
  g_assert_cmpint (poppler_document_get_n_pages (built.pdf), ==,
                   (int)zhi_pdf_doc_get_n_pages (built.doc));
  /* cover, contents, 3+ body pages, 3 attachment pages */
  g_assert_cmpint (poppler_document_get_n_pages (built.pdf), >=, 8);
  title = poppler_document_get_title (built.pdf);
  author = poppler_document_get_author (built.pdf);
  subject = poppler_document_get_subject (built.pdf);
  creator = poppler_document_get_creator (built.pdf);
  g_assert_cmpstr (title, ==, "辽宁省数字化车间申报书");
  g_assert_cmpstr (author, ==, "辽宁示例机械有限公司");
  g_assert_cmpstr (subject, ==, "数字化车间");
  g_assert_cmpstr (creator, ==, "Zhizao test");
  g_assert_cmpint (poppler_document_get_creation_date (built.pdf), ==, 1776504600);
  g_assert_cmpuint (built.progress_calls, ==, zhi_pdf_doc_get_n_pages (built.doc));
  g_assert_cmpuint (built.last_total, ==, zhi_pdf_doc_get_n_pages (built.doc));
}

static void
test_headings_on_their_pages (void)
{
  struct
  {
    const char *dest;
    const char *text;
  } h[] = { { built.dest_contents, "目录" },        { built.dest_ch1, "一、企业基本情况" },
            { built.dest_equip, "（一）设备清单" }, { built.dest_tall, "（二）建设内容说明" },
            { built.dest_ch2, "二、自评得分" },     { built.dest_ch3, "三、真实性承诺" },
            { built.dest_att, "附件1第1页/共3页" } };
  guint i;

  ensure_built ();
  h[0].dest = built.dest_contents;
  for (i = 0; i < G_N_ELEMENTS (h); i++)
    {
      const char *dest = (const char *[]){ built.dest_contents, built.dest_ch1, built.dest_equip,
                                           built.dest_tall,     built.dest_ch2, built.dest_ch3,
                                           built.dest_att }[i];
      int page = zhi_pdf_doc_get_dest_page (built.doc, dest);

      g_assert_cmpint (page, >=, 1);
      if (strstr (page_text (page), h[i].text) == NULL)
        g_error ("%s not on page %d: %s", h[i].text, page + 1, page_text (page));
    }
  g_assert_cmpint (zhi_pdf_doc_get_dest_page (built.doc, built.dest_contents), ==, 1);
}

static void
test_chinese_reading_order (void)
{
  g_autofree char *expected = zhi_test_strip_space (p1_text);
  int page;

  ensure_built ();
  page = zhi_pdf_doc_get_dest_page (built.doc, built.dest_ch1);
  g_assert_nonnull (strstr (page_text (page), expected));
  /* the attachment's own text, rendered through poppler, stays text */
  page = zhi_pdf_doc_get_dest_page (built.doc, built.dest_att);
  g_assert_nonnull (strstr (page_text (page + 1), "证明材料第2页"));
  g_assert_nonnull (strstr (page_text (page + 1), "联网率为百分之九十五点八"));
}

static void
check_children (PopplerIndexIter *iter, const char *const *titles, const char *const *dests)
{
  guint n = 0;

  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);

      g_assert_nonnull (titles[n]);
      g_assert_cmpstr (action->any.title, ==, titles[n]);
      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_assert_cmpint (resolve_dest (action->goto_dest.dest), ==,
                       zhi_pdf_doc_get_dest_page (built.doc, dests[n]));
      poppler_action_free (action);
      n++;
    }
  while (poppler_index_iter_next (iter));
  g_assert_null (titles[n]);
}

static void
test_outline (void)
{
  PopplerIndexIter *iter;
  const char *top[] = { "一、企业基本情况", "二、自评得分", "三、真实性承诺", "附件", NULL };
  const char *ch1[] = { "（一）设备清单", "（二）建设内容说明", NULL };
  const char *att[] = { "附件1：设备联网检测报告", NULL };
  guint n = 0;

  ensure_built ();
  iter = poppler_index_iter_new (built.pdf);
  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      g_assert_cmpstr (action->any.title, ==, top[n]);
      if (n == 0)
        {
          const char *dests[] = { built.dest_equip, built.dest_tall };

          g_assert_nonnull (child);
          check_children (child, ch1, dests);
        }
      else if (n == 3)
        {
          const char *dests[] = { built.dest_att };

          g_assert_nonnull (child);
          check_children (child, att, dests);
        }
      else
        g_assert_null (child);
      if (child)
        poppler_index_iter_free (child);
      poppler_action_free (action);
      n++;
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);
  g_assert_cmpuint (n, ==, 4);
}

/* Links on @page as (0-based target page) list */
static GArray *
page_link_targets (int page_index)
{
  PopplerPage *page = poppler_document_get_page (built.pdf, page_index);
  GList *links = poppler_page_get_link_mapping (page);
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (int));
  GList *l;

  for (l = links; l; l = l->next)
    {
      PopplerLinkMapping *m = l->data;
      int target;

      g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_GOTO_DEST);
      target = resolve_dest (m->action->goto_dest.dest);
      g_array_append_val (targets, target);
    }
  poppler_page_free_link_mapping (links);
  g_object_unref (page);
  return targets;
}

static gboolean
targets_contain (GArray *targets, int page)
{
  guint i;

  for (i = 0; i < targets->len; i++)
    if (g_array_index (targets, int, i) == page)
      return TRUE;
  return FALSE;
}

/* Every contents entry is a link whose area reads "title page" and whose
 * destination is that page. */
static void
test_contents (void)
{
  const char *titles[]
      = { "一、企业基本情况", "（一）设备清单", "（二）建设内容说明",     "二、自评得分",
          "三、真实性承诺",   "附件",           "附件1：设备联网检测报告" };
  const char *dests[G_N_ELEMENTS (titles)];
  PopplerPage *page;
  GList *links, *l;
  double width, height;
  g_autofree char *all = NULL;
  g_autofree PopplerRectangle *rects = NULL;
  guint i, n_rects = 0, found = 0;

  ensure_built ();
  dests[0] = built.dest_ch1, dests[1] = built.dest_equip, dests[2] = built.dest_tall;
  dests[3] = built.dest_ch2, dests[4] = built.dest_ch3, dests[5] = "h-7", dests[6] = built.dest_att;
  page = poppler_document_get_page (built.pdf,
                                    zhi_pdf_doc_get_dest_page (built.doc, built.dest_contents));
  poppler_page_get_size (page, &width, &height);
  links = poppler_page_get_link_mapping (page);
  g_assert_cmpuint (g_list_length (links), ==, G_N_ELEMENTS (titles));
  all = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (l = links; l; l = l->next)
    {
      PopplerLinkMapping *m = l->data;
      /* link areas have their origin at the bottom left, text layouts at the
       * top left; take the characters whose centre is inside the link, not
       * the big diagonal watermark */
      double top = height - m->area.y2, bottom = height - m->area.y1;
      GString *collected = g_string_new (NULL);
      g_autofree char *text = NULL;
      const char *p;
      guint c = 0;

      for (p = all; *p && c < n_rects; p = g_utf8_next_char (p), c++)
        {
          double cx = (rects[c].x1 + rects[c].x2) / 2, cy = (rects[c].y1 + rects[c].y2) / 2;

          if (cx > m->area.x1 && cx < m->area.x2 && cy > top && cy < bottom
              && rects[c].y2 - rects[c].y1 < 40)
            g_string_append_unichar (collected, g_utf8_get_char (p));
        }
      text = zhi_test_strip_space (collected->str);
      g_string_free (collected, TRUE);
      int target = resolve_dest (m->action->goto_dest.dest);

      if (g_getenv ("ZHI_DEBUG_TEST"))
        g_printerr ("link %.1f-%.1f: [%s]\n", top, bottom, text);

      for (i = 0; i < G_N_ELEMENTS (titles); i++)
        {
          int expected = zhi_pdf_doc_get_dest_page (built.doc, dests[i]);
          /* printed numbers start at 1 after the unnumbered cover */
          g_autofree char *entry = g_strdup_printf ("%s%d", titles[i], expected);
          /* poppler may order the number before the title (the watermark
           * sways its line grouping): accept both */
          g_autofree char *swapped = g_strdup_printf ("%d%s", expected, titles[i]);

          if (g_str_equal (text, entry) || g_str_equal (text, swapped))
            {
              g_assert_cmpint (target, ==, expected);
              found++;
            }
        }
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (titles));
  poppler_page_free_link_mapping (links);
  g_object_unref (page);
}

static void
test_body_links (void)
{
  g_autoptr (GArray) from_ch1 = NULL;
  g_autoptr (GArray) from_ch2 = NULL;

  ensure_built ();
  from_ch1 = page_link_targets (zhi_pdf_doc_get_dest_page (built.doc, built.dest_ch1));
  g_assert_true (targets_contain (from_ch1, zhi_pdf_doc_get_dest_page (built.doc, built.dest_att)));
  from_ch2 = page_link_targets (zhi_pdf_doc_get_dest_page (built.doc, built.dest_ch2));
  g_assert_true (
      targets_contain (from_ch2, zhi_pdf_doc_get_dest_page (built.doc, built.dest_equip)));
}

static void
test_page_chrome (void)
{
  guint i;

  ensure_built ();
  guint first_att = (guint)zhi_pdf_doc_get_dest_page (built.doc, built.dest_att);

  g_assert_null (strstr (page_text (0), "—"));
  for (i = 0; i < built.texts->len; i++)
    {
      g_autofree char *number = g_strdup_printf ("—%u—", i);

      g_assert_nonnull (strstr (page_text (i), FINGERPRINT));
      /* the draft mark is drawn as outlines: no part of the text */
      g_assert_null (strstr (page_text (i), "草"));
      g_assert_null (strstr (page_text (i), "稿"));
      /* the original evidence pages carry their stamp label (with the fingerprint), not the
       * body's page number in the footer, where the evidence may have its own text */
      if (i >= first_att && i < first_att + 3)
        {
          g_autofree char *stamp = g_strdup_printf ("附件1第%u页/共3页", i - first_att + 1);

          g_assert_nonnull (strstr (page_text (i), stamp));
          g_assert_null (strstr (page_text (i), number));
        }
      else if (i > 0 && strstr (page_text (i), number) == NULL)
        g_error ("page %u lacks %s: %s", i + 1, number, page_text (i));
    }
}

static void
test_table_header_repeated (void)
{
  guint i, pages = 0, rows = 0, sentences = 0, n;

  ensure_built ();
  for (i = 0; i < built.texts->len; i++)
    {
      const char *t = page_text (i);
      guint here = 0;

      for (n = 1; n <= N_EQUIPMENT; n++)
        {
          g_autofree char *name = g_strdup_printf ("甲型设备%02u", n);

          if (strstr (t, name))
            here++;
        }
      if (here > 0)
        {
          pages++;
          g_assert_nonnull (strstr (t, "序号"));
          g_assert_nonnull (strstr (t, "设备名称"));
          g_assert_nonnull (strstr (t, "台套数"));
          g_assert_nonnull (strstr (t, "是否联网"));
        }
      rows += here;
    }
  g_assert_cmpuint (rows, ==, N_EQUIPMENT);

  /* the whole text without watermark glyphs, page numbers and footers:
   * every sentence of the cell taller than a page is there, in order */
  {
    GString *all = g_string_new (NULL);
    g_autofree char *joined = NULL;

    for (i = 0; i < built.texts->len; i++)
      {
        g_autofree char *number = g_strdup_printf ("—%u—", i);
        GString *t = g_string_new (page_text (i));

        g_string_replace (t, "草", "", 0);
        g_string_replace (t, "稿", "", 0);
        g_string_replace (t, FINGERPRINT, "", 0);
        g_string_replace (t, number, "", 0);
        g_string_append (all, t->str);
        g_string_free (t, TRUE);
      }
    joined = g_string_free (all, FALSE);
    for (n = 1; n <= N_SENTENCES; n++)
      {
        g_autofree char *s = g_strdup_printf ("第%03u句：车间完成了设备联网改造。", n);

        if (strstr (joined, s))
          sentences++;
      }
  }
  g_assert_cmpuint (pages, >=, 2);
  /* the cell taller than a page is split between lines, nothing lost */
  g_assert_cmpuint (sentences, ==, N_SENTENCES);
}

static void
cancel_cb (guint done, guint total, gpointer user_data)
{
  (void)total;
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_keeps_file (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (ZhiPdfDoc) doc = NULL;

  ensure_built ();
  path = g_build_filename (built.dir, "keep.pdf", NULL);
  evidence = g_build_filename (built.dir, "检测报告.pdf", NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  doc = build_doc (evidence);
  g_assert_false (
      zhi_pdf_doc_write_to_file (doc, path, cancel_cb, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
}

static void
test_rejects_user_text_dest (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
      guint p = zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "见附件");

      zhi_pdf_doc_add_link (doc, p, 0, 3, "att' rect=[0 0");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*dest_is_valid*");
}

static void
test_missing_dest_dropped (void)
{
  g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
  g_autofree char *path
      = g_build_filename (built.dir ? built.dir : g_get_tmp_dir (), "dangling.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  PopplerDocument *pdf;
  PopplerPage *page;
  GList *links;
  gboolean skipped;
  guint p;

  zhi_pdf_doc_add_heading (doc, 1, "标题", TRUE);
  p = zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "见附件99，另见标题。");
  zhi_pdf_doc_link_text (doc, p, "附件99", "att-99");
  zhi_pdf_doc_link_text (doc, p, "标题", "h-1");
  g_assert_true (zhi_pdf_doc_write_to_file (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (pdf, 0);
  links = poppler_page_get_link_mapping (page);
  g_assert_cmpuint (g_list_length (links), ==, 1);
  poppler_page_free_link_mapping (links);
  g_object_unref (page);
  g_object_unref (pdf);
  if (!zhi_test_qpdf_check (path, &skipped, &output))
    g_error ("qpdf --check: %s", output);
  g_unlink (path);
}

static void
test_empty_document (void)
{
  g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;

  g_assert_true (zhi_pdf_doc_write (doc, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_pdf_doc_get_n_pages (doc), ==, 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-doc/qpdf-check-clean", test_qpdf_check);
  g_test_add_func ("/pdf-doc/pages-metadata-progress", test_pages_and_metadata);
  g_test_add_func ("/pdf-doc/headings-on-their-pages", test_headings_on_their_pages);
  g_test_add_func ("/pdf-doc/chinese-text-in-reading-order", test_chinese_reading_order);
  g_test_add_func ("/pdf-doc/outline-mirrors-headings", test_outline);
  g_test_add_func ("/pdf-doc/contents-numbers-and-links", test_contents);
  g_test_add_func ("/pdf-doc/body-links-resolve", test_body_links);
  g_test_add_func ("/pdf-doc/page-number-fingerprint-draft", test_page_chrome);
  g_test_add_func ("/pdf-doc/table-header-repeated-rows-split", test_table_header_repeated);
  g_test_add_func ("/pdf-doc/cancel-keeps-existing-file", test_cancel_keeps_file);
  g_test_add_func ("/pdf-doc/link-dest-must-be-generated-id", test_rejects_user_text_dest);
  g_test_add_func ("/pdf-doc/empty-document-one-page", test_empty_document);
  g_test_add_func ("/pdf-doc/link-to-missing-dest-dropped", test_missing_dest_dropped);
  status = g_test_run ();

  if (built.doc)
    {
      g_ptr_array_unref (built.texts);
      g_object_unref (built.pdf);
      zhi_pdf_doc_free (built.doc);
      g_free (built.path);
    }
  zhi_test_tmp_dir_remove ();
  return status;
}
