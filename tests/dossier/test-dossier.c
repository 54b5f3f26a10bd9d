/* test-dossier.c — the 申报书 of the demo projects, read back with poppler */
#include "zhi-demo.h"
#include "zhi-dossier-version.h"
#include "zhi-dossier.h"
#include "zhi-editions.h"
#include "zhi-i18n.h"
#include "zhi-names.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>
#include <qpdf/qpdfjob-c.h>
#include <string.h>

typedef struct
{
  const char *track;
  const char *title; /* the cover title */
  char *dir;
  char *pdf_path;
  ZhiProject *project;
  ZhiDossierResult *result;
  PopplerDocument *pdf;
  GPtrArray *texts; /* whitespace-free text of every page */
} Track;

static Track tracks[] = {
  { "workshop", "辽宁省数字化车间申报书" },
  { "factory-discrete", "辽宁省离散型智能工厂申报书" },
  { "factory-process", "辽宁省流程型智能工厂申报书" },
};

static GDateTime *
fixed_date (void)
{
  return g_date_time_new_utc (2026, 4, 18, 9, 30, 0);
}

static ZhiDossierResult *
render (ZhiProject *project, ZhiDossierDraftMode draft, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) date = fixed_date ();
  ZhiDossierResult *result = NULL;
  ZhiDossierOptions options;

  zhi_dossier_options_init (&options);
  options.draft = draft;
  options.date = date;
  g_assert_true (zhi_dossier_render_to_file (project, NULL, &options, path, NULL, NULL, NULL,
                                             &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static PopplerDocument *
open_pdf (const char *path, GPtrArray **texts)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  if (texts)
    *texts = zhi_test_pdf_page_texts (pdf);
  return pdf;
}

static Track *
ensure (gconstpointer data)
{
  Track *t = (Track *)data;
  g_autoptr (GError) error = NULL;
  g_autofree char *file_path = NULL;
  g_autoptr (GFile) file = NULL;

  if (t->pdf != NULL)
    return t;
  t->dir = g_dir_make_tmp ("zhi-dossier-XXXXXX", &error);
  g_assert_no_error (error);
  file_path = g_build_filename (t->dir, "demo.zhizao", NULL);
  file = g_file_new_for_path (file_path);
  t->project = zhi_demo_create (file, t->track, &error);
  g_assert_no_error (error);
  t->pdf_path = g_build_filename (t->dir, "dossier.pdf", NULL);
  t->result = render (t->project, ZHI_DOSSIER_DRAFT_AUTO, t->pdf_path);
  t->pdf = open_pdf (t->pdf_path, &t->texts);
  return t;
}

static const char *
text_of (Track *t, int page)
{
  g_assert_cmpint (page, >=, 0);
  g_assert_cmpint (page, <, (int)t->texts->len);
  return g_ptr_array_index (t->texts, page);
}

static int
attachment_page (PopplerDocument *pdf, guint n)
{
  g_autofree char *name = g_strdup_printf ("att-%u", n);
  PopplerDest *dest = poppler_document_find_dest (pdf, name);
  int page;

  g_assert_nonnull (dest);
  page = dest->page_num - 1;
  poppler_dest_free (dest);
  return page;
}

/* The outline's top-level entries (title → page) and the children of 七、附件. */
static void
read_outline (Track *t, GPtrArray *top, GArray *top_pages, GPtrArray *attachments)
{
  PopplerIndexIter *iter = poppler_index_iter_new (t->pdf);

  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);
      int page = zhi_test_pdf_dest_page (t->pdf, action->goto_dest.dest) - 1;

      g_ptr_array_add (top, g_strdup (action->any.title));
      g_array_append_val (top_pages, page);
      if (child != NULL && g_str_equal (action->any.title, "七、附件"))
        {
          do
            {
              PopplerAction *a = poppler_index_iter_get_action (child);

              g_ptr_array_add (attachments, g_strdup (a->any.title));
              g_assert_cmpint (zhi_test_pdf_dest_page (t->pdf, a->goto_dest.dest) - 1, ==,
                               attachment_page (t->pdf, attachments->len));
              poppler_action_free (a);
            }
          while (poppler_index_iter_next (child));
        }
      if (child)
        poppler_index_iter_free (child);
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);
}

static void
test_pages_and_metadata (gconstpointer data)
{
  g_autofree char *bureau
      = g_strconcat (zhi_project_get_city (ensure (data)->project), "工业和信息化局推荐意见", NULL);
  Track *t = ensure (data);
  g_autofree char *title = poppler_document_get_title (t->pdf);
  g_autofree char *author = poppler_document_get_author (t->pdf);
  g_autofree char *creator = poppler_document_get_creator (t->pdf);
  g_autofree char *subject = poppler_document_get_subject (t->pdf);
  GStatBuf st;

  g_assert_cmpint (poppler_document_get_n_pages (t->pdf), ==, (int)t->result->n_pages);
  g_assert_cmpint (g_stat (t->pdf_path, &st), ==, 0);
  g_assert_cmpuint (t->result->size, ==, (guint64)st.st_size);
  g_assert_cmpstr (title, ==, t->title);
  g_assert_cmpstr (author, ==, zhi_project_get_name (t->project));
  g_assert_cmpstr (creator, ==, zhi_dossier_creator ());
  g_assert_nonnull (strstr (t->title, subject));
  g_assert_false (t->result->draft);
  g_assert_cmpuint (t->result->warnings->len, ==, 0);
  /* the cover: title, enterprise, no page number */
  g_assert_nonnull (strstr (text_of (t, 0), t->title));
  g_assert_nonnull (strstr (text_of (t, 0), zhi_project_get_name (t->project)));
  g_assert_null (strstr (text_of (t, 0), "—1—"));
  /* the edition of the standard it answers */
  g_assert_nonnull (strstr (text_of (t, 0), "评定标准版本"));
  g_assert_nonnull (strstr (text_of (t, 0), "2023年4月18日版"));
  /* the demo's enterprise is invented, and its cover says so */
  g_assert_true (zhi_project_get_example (t->project));
  g_assert_nonnull (strstr (text_of (t, 0), "示例项目（虚构企业）"));
  g_assert_nonnull (strstr (text_of (t, 1), "承诺书"));
  g_assert_nonnull (strstr (text_of (t, 1), "法定代表人（签字）"));
  g_assert_nonnull (strstr (text_of (t, 1), "企业（盖章）"));
  g_assert_nonnull (strstr (text_of (t, 1), "—1—"));
  /* the last page: the city bureau's opinion */
  g_assert_nonnull (strstr (text_of (t, t->texts->len - 1), bureau));
  g_assert_nonnull (strstr (text_of (t, t->texts->len - 1), "（盖章）"));
}

static void
test_outline (gconstpointer data)
{
  Track *t = ensure (data);
  g_autoptr (GPtrArray) top = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) atts = g_ptr_array_new_with_free_func (g_free);
  const char *expected[] = {
    "承诺书",           "一、企业基本情况", "二、申报条件符合情况",
    "三、自评得分",     "四、建设内容",     "五、主要指标",
    "六、证明材料清单", "七、附件",         NULL,
  };
  g_autofree char *bureau
      = g_strconcat (zhi_project_get_city (t->project), "工业和信息化局推荐意见", NULL);
  GListModel *list = zhi_project_get_evidence_list (t->project);

  expected[G_N_ELEMENTS (expected) - 1] = bureau;
  read_outline (t, top, pages, atts);
  g_assert_cmpuint (top->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < top->len; i++)
    {
      g_autofree char *heading = zhi_test_strip_space (expected[i]);

      g_assert_cmpstr (top->pdata[i], ==, expected[i]);
      if (strstr (text_of (t, g_array_index (pages, int, i)), heading) == NULL)
        g_error ("%s is not on page %d", expected[i], g_array_index (pages, int, i) + 1);
    }
  g_assert_cmpuint (atts->len, ==, g_list_model_get_n_items (list));
  for (guint i = 0; i < atts->len; i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      g_autofree char *want = g_strdup_printf ("附件%u：%s", i + 1, zhi_evidence_get_title (ev));

      g_assert_cmpstr (atts->pdata[i], ==, want);
    }
}

/* The text of a link on @page, white space removed, read from its area shrunk by @inset_x and
 * @inset_y on each side (poppler's link areas are in PDF space, origin bottom-left; its text
 * areas are not). */
static char *
link_text (PopplerPage *page, PopplerLinkMapping *m, double inset_x, double inset_y)
{
  PopplerRectangle area = m->area;
  g_autofree char *raw = NULL;
  double height;

  poppler_page_get_size (page, NULL, &height);
  area.x1 = m->area.x1 + inset_x;
  area.x2 = m->area.x2 - inset_x;
  area.y1 = height - m->area.y2 + inset_y;
  area.y2 = height - m->area.y1 - inset_y;
  raw = poppler_page_get_text_for_area (page, &area);
  return zhi_test_strip_space (raw);
}

/* Every contents entry is a link; its text ends with the page number it claims; the link
 * leads to that page and the heading is there. */
static void
test_contents (gconstpointer data)
{
  Track *t = ensure (data);
  g_autoptr (GPtrArray) top = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) atts = g_ptr_array_new_with_free_func (g_free);
  int first_body, n_entries = 0, n_attachment_entries = 0;

  read_outline (t, top, pages, atts);
  first_body = g_array_index (pages, int, 1); /* 一、企业基本情况 */
  g_assert_nonnull (strstr (text_of (t, 2), "目录"));
  for (int p = 2; p < first_body; p++)
    {
      PopplerPage *page = poppler_document_get_page (t->pdf, p);
      GList *links = poppler_page_get_link_mapping (page);

      for (GList *l = links; l; l = l->next)
        {
          PopplerLinkMapping *m = l->data;
          /* the entry's text lies in the middle of its area, away from its neighbours */
          g_autofree char *text = link_text (page, m, 0, 4);
          int target, shown;
          gsize len;
          const char *digits;

          g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_GOTO_DEST);
          target = zhi_test_pdf_dest_page (t->pdf, m->action->goto_dest.dest) - 1;
          len = strlen (text);
          digits = text + len;
          while (digits > text && g_ascii_isdigit (digits[-1]))
            digits--;
          g_assert_true (*digits != '\0');
          shown = atoi (digits);
          /* one unnumbered cover: physical page index == the number shown */
          g_assert_cmpint (target, ==, shown);
          text[digits - text] = '\0';
          if (g_str_has_prefix (text, "附件"))
            {
              guint n = atoi (text + strlen ("附件"));
              g_autofree char *stamp = g_strdup_printf ("附件%u第1页/共", n);

              g_assert_cmpint (target, ==, attachment_page (t->pdf, n));
              g_assert_nonnull (strstr (text_of (t, target), stamp));
              n_attachment_entries++;
            }
          else if (strstr (text_of (t, target), text) == NULL)
            g_error ("contents entry %s: not on page %d: %s", text, target + 1,
                     text_of (t, target));
          n_entries++;
        }
      poppler_page_free_link_mapping (links);
      g_object_unref (page);
    }
  g_assert_cmpint (n_attachment_entries, ==,
                   (int)g_list_model_get_n_items (zhi_project_get_evidence_list (t->project)));
  /* 9 parts, their sections, every criterion and every attachment */
  g_assert_cmpint (n_entries, >=, 9 + 8 + n_attachment_entries);
}

/* Each attachment starts on its page, stamped, with the evidence's own text. */
static void
test_attachments (gconstpointer data)
{
  Track *t = ensure (data);
  GListModel *list = zhi_project_get_evidence_list (t->project);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      int page = attachment_page (t->pdf, i + 1);
      const char *name = zhi_evidence_get_file_name (ev);
      const char *text = text_of (t, page);
      g_autofree char *stamp = g_strdup_printf ("附件%u第1页/共", i + 1);
      g_autofree char *sha = g_strdup (zhi_evidence_get_sha256 (ev));

      g_assert_nonnull (strstr (text, stamp));
      if (g_str_has_prefix (name, "report-"))
        {
          g_autofree char *intro
              = g_strconcat ("本报告说明", zhi_project_get_name (t->project), NULL);

          g_assert_nonnull (strstr (text, intro));
        }
      else if (g_str_equal (name, "licence.pdf"))
        g_assert_nonnull (strstr (text, "经营范围"));
      /* the evidence list gives its hash */
      {
        gboolean found = FALSE;

        for (guint p = 0; p < t->texts->len && !found; p++)
          found = strstr (text_of (t, p), "六、证明材料清单") != NULL
                  && strstr (text_of (t, p), sha) != NULL;
        if (!found)
          for (guint p = 0; p < t->texts->len && !found; p++)
            found = strstr (text_of (t, p), sha) != NULL && p < (guint)page;
        g_assert_true (found);
      }
    }
}

/* 见附件N links lead to the first page of 附件N; there are some for every criterion-backing
 * evidence. */
static void
test_evidence_links (gconstpointer data)
{
  Track *t = ensure (data);
  int first_attachment = attachment_page (t->pdf, 1);
  guint n_links = 0;
  guint n_evidence = g_list_model_get_n_items (zhi_project_get_evidence_list (t->project));
  GHashTable *seen = g_hash_table_new (NULL, NULL);

  for (int p = 4; p < first_attachment; p++)
    {
      PopplerPage *page = poppler_document_get_page (t->pdf, p);
      GList *links = poppler_page_get_link_mapping (page);

      for (GList *l = links; l; l = l->next)
        {
          PopplerLinkMapping *m = l->data;
          /* inside the link's rectangle, clear of the neighbouring characters */
          g_autofree char *text = link_text (page, m, 2, 3);
          const char *hit;
          guint n;
          int target;

          target = zhi_test_pdf_dest_page (t->pdf, m->action->goto_dest.dest) - 1;
          hit = strstr (text, "附件");
          n = hit ? atoi (hit + strlen ("附件")) : 0;
          /* "见附件1、6": the second number's link reads "、6" */
          if (n == 0 && g_str_has_prefix (text, "、"))
            n = atoi (text + strlen ("、"));
          if (n == 0)
            {
              /* a reference broken over two lines is two rectangles ("见", "附件5" or
               * "见附件", "5"): the fragment still leads to an attachment's first page */
              gboolean found = FALSE;

              char *end = text + strlen (text);

              while (end > text && g_ascii_isdigit (end[-1]))
                *--end = '\0';
              if (strstr ("见附件", text) == NULL && strcmp (text, "、") != 0)
                g_error ("page %d: a link reads “%s”", p + 1, text);
              for (guint k = 1; k <= n_evidence && !found; k++)
                found = target == attachment_page (t->pdf, k);
              g_assert_true (found);
              continue;
            }
          g_assert_cmpint (target, ==, attachment_page (t->pdf, n));
          g_hash_table_add (seen, GUINT_TO_POINTER (n));
          n_links++;
        }
      poppler_page_free_link_mapping (links);
      g_object_unref (page);
    }
  g_assert_cmpuint (n_links, >, 10);
  /* every attachment is referred to somewhere (the list links each) */
  g_assert_cmpuint (g_hash_table_size (seen), ==,
                    g_list_model_get_n_items (zhi_project_get_evidence_list (t->project)));
  g_hash_table_unref (seen);
}

static void
test_fingerprint (gconstpointer data)
{
  Track *t = ensure (data);
  g_autofree char *again = g_build_filename (t->dir, "again.pdf", NULL);
  g_autoptr (ZhiDossierResult) second = NULL;
  g_autofree char *fp = zhi_test_strip_space (t->result->fingerprint);

  g_assert_cmpuint (strlen (t->result->fingerprint), ==, 14);
  for (guint p = 0; p < t->texts->len; p++)
    if (strstr (text_of (t, p), fp) == NULL)
      g_error ("page %u lacks the fingerprint %s", p + 1, fp);
  second = render (t->project, ZHI_DOSSIER_DRAFT_AUTO, again);
  g_assert_cmpstr (second->fingerprint, ==, t->result->fingerprint);
  g_assert_cmpuint (second->n_pages, ==, t->result->n_pages);
  g_unlink (again);
}

static void
test_qpdf (gconstpointer data)
{
  Track *t = ensure (data);
  g_autofree char *output = NULL;
  gboolean skipped = FALSE;

  if (!zhi_test_qpdf_check (t->pdf_path, &skipped, &output))
    g_error ("qpdf --check: %s", output);
  if (skipped)
    g_test_skip ("qpdf is not installed");
}

/* The qpdf pass writes the dossier as compactly as its evidence came: the demo's evidence PDFs
 * (cairo's) have cross-reference tables, so the dossier has no object streams either, to a file
 * or to a stream (test-dossier-overlap.c: evidence that came in object streams). */
static void
test_object_streams (gconstpointer data)
{
  Track *t = ensure (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) date = fixed_date ();
  g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) file_bytes = NULL;
  g_autoptr (GBytes) stream_bytes = NULL;
  g_autoptr (ZhiDossierResult) result = NULL;
  PopplerDocument *pdf;
  ZhiDossierOptions options;
  char *contents = NULL;
  gsize len = 0;

  g_assert_null (t->result->compact_warning);
  g_assert_true (g_file_get_contents (t->pdf_path, &contents, &len, &error));
  g_assert_no_error (error);
  file_bytes = g_bytes_new_take (contents, len);
  g_assert_cmpuint (t->result->size, ==, len);
  g_assert_false (zhi_test_bytes_contain (file_bytes, "/ObjStm"));
  g_assert_true (zhi_test_bytes_contain (file_bytes, "\nxref\n"));
  zhi_test_assert_no_temp_files (t->dir);

  zhi_dossier_options_init (&options);
  options.date = date;
  g_assert_true (
      zhi_dossier_render (t->project, NULL, &options, mem, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (mem, NULL, NULL));
  stream_bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
  g_assert_null (result->compact_warning);
  g_assert_cmpuint (result->size, ==, g_bytes_get_size (stream_bytes));
  g_assert_false (zhi_test_bytes_contain (stream_bytes, "/ObjStm"));
  g_assert_true (g_bytes_equal (stream_bytes, file_bytes));
  pdf = poppler_document_new_from_bytes (stream_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int)t->result->n_pages);
  g_object_unref (pdf);

  /* the preview (no attachments) skips the pass: cairo's output, straight through */
  {
    g_autoptr (GOutputStream) lean = g_memory_output_stream_new_resizable ();
    g_autoptr (GBytes) lean_bytes = NULL;
    g_autoptr (ZhiDossierResult) lean_result = NULL;

    options.no_attachments = TRUE;
    g_assert_true (zhi_dossier_render (t->project, NULL, &options, lean, NULL, NULL, NULL,
                                       &lean_result, &error));
    g_assert_no_error (error);
    g_assert_true (g_output_stream_close (lean, NULL, NULL));
    lean_bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (lean));
    g_assert_cmpuint (lean_result->size, ==, g_bytes_get_size (lean_bytes));
    g_assert_false (zhi_test_bytes_contain (lean_bytes, "/ObjStm"));
    g_assert_true (g_str_has_prefix (g_bytes_get_data (lean_bytes, NULL), "%PDF-"));
  }
}

static gboolean
any_page_has (GPtrArray *texts, const char *needle)
{
  for (guint p = 0; p < texts->len; p++)
    if (strstr (texts->pdata[p], needle) != NULL)
      return TRUE;
  return FALSE;
}

/* The first page containing @needle, or -1. */
static int
page_with (GPtrArray *texts, const char *needle)
{
  for (guint p = 0; p < texts->len; p++)
    if (strstr (texts->pdata[p], needle) != NULL)
      return p;
  return -1;
}

/* The optional GB/T 39116-2020 maturity level earns no points but is listed: in
 * 一、企业基本情况 with its level, and in 三、自评得分 as not scored. */
static void
test_cmmm (gconstpointer data)
{
  Track *t = ensure (data);
  g_autofree char *id = g_strconcat (t->track, ".cmmm-level", NULL);
  ZhiAnswers *answers = zhi_project_get_answers (t->project);
  g_autofree char *level = g_strdup (zhi_answers_get_level (answers, id));
  g_autoptr (ZhiStandard) standard = NULL;
  const ZhiIndicator *ind;
  const ZhiLevel *answered;
  g_autofree char *row = NULL;
  g_autofree char *path = g_build_filename (t->dir, "no-cmmm.pdf", NULL);
  g_autoptr (ZhiDossierResult) result = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  PopplerDocument *pdf;
  g_autoptr (GPtrArray) top = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) atts = g_ptr_array_new_with_free_func (g_free);
  int basic, score, content, row_page, note_page;

  g_assert_nonnull (level); /* the demo answers it */
  standard = zhi_standard_load_builtin (t->track, NULL);
  g_assert_nonnull (standard);
  ind = zhi_standard_lookup_indicator (standard, id);
  g_assert_nonnull (ind);
  g_assert_cmpint (ind->share, ==, 0);
  answered = g_ptr_array_index (ind->levels, zhi_indicator_level_index (ind, level));
  {
    g_autofree char *name = zhi_test_strip_space (answered->name.zh);

    row = g_strdup_printf ("智能制造能力成熟度自评（GB/T39116-2020）%s（%s）", name, level);
  }
  /* the outline: 承诺书, 一、企业基本情况, 二、…, 三、自评得分, 四、建设内容 */
  read_outline (t, top, pages, atts);
  g_assert_cmpstr (top->pdata[1], ==, "一、企业基本情况");
  g_assert_cmpstr (top->pdata[3], ==, "三、自评得分");
  basic = g_array_index (pages, int, 1);
  score = g_array_index (pages, int, 3);
  content = g_array_index (pages, int, 4);
  row_page = page_with (t->texts, row);
  if (row_page < 0)
    g_error ("no “%s” in the dossier", row);
  g_assert_cmpint (row_page, >=, basic);
  g_assert_cmpint (row_page, <, score);
  note_page = page_with (t->texts, "该项为选填项，不计分");
  g_assert_cmpint (note_page, >=, score);
  g_assert_cmpint (note_page, <=, content);

  /* unanswered: 未自评 */
  zhi_answers_clear (answers, id);
  zhi_project_answers_changed (t->project, id);
  result = render (t->project, ZHI_DOSSIER_DRAFT_AUTO, path);
  pdf = open_pdf (path, &texts);
  g_assert_cmpint (page_with (texts, "智能制造能力成熟度自评（GB/T39116-2020）未自评"), >=, 0);
  g_assert_cmpint (page_with (texts, row), <, 0);
  g_object_unref (pdf);
  g_unlink (path);
  zhi_answers_set_level (answers, id, level);
  zhi_project_answers_changed (t->project, id);
}

/* The translucent red 草稿 mark on page @index (zhi_test_pdf_page_has_draft_mark). */
static gboolean
page_has_watermark (PopplerDocument *pdf, int index)
{
  PopplerPage *page = poppler_document_get_page (pdf, index);
  gboolean marked = zhi_test_pdf_page_has_draft_mark (page);

  g_object_unref (page);
  return marked;
}

/* The dossier says only what the province or the applicant said: no sentence the province never
 * wrote, no tool name, no verdict band (the province defines none), no placeholder; condition
 * （五） decides by its first half and its second half is shown as encouragement; the narrative
 * earns no points and has no length "requirement". */
static void
test_only_province_and_applicant (gconstpointer data)
{
  Track *t = ensure (data);
  g_autoptr (GPtrArray) top = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) atts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (ZhiStandard) standard = zhi_standard_load_builtin (t->track, NULL);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GString) score = g_string_new (NULL);
  static const char *const never[] = {
    "本工具",   "智造申报",     "不予认可", "待核实", "鼓励项，不作为申报的决定条件",
    "字（要求", "按规定不符合", "关于权重",
  };
  int first_attachment = (int)t->texts->len, score_page = -1, content_page = -1;
  GPtrArray *bands;

  g_assert_nonnull (standard);
  read_outline (t, top, pages, atts);
  for (guint i = 0; i < top->len; i++)
    {
      if (g_str_equal (top->pdata[i], "七、附件"))
        first_attachment = g_array_index (pages, int, i);
      if (g_str_equal (top->pdata[i], "三、自评得分"))
        score_page = g_array_index (pages, int, i);
      if (g_str_equal (top->pdata[i], "四、建设内容"))
        content_page = g_array_index (pages, int, i);
    }
  g_assert_cmpint (score_page, >, 0);
  g_assert_cmpint (content_page, >, score_page);
  /* the document body: everything before the attachments (their pages are the applicant's) */
  for (int p = 0; p < first_attachment; p++)
    g_string_append (body, text_of (t, p));
  for (int p = score_page; p <= content_page; p++)
    g_string_append (score, text_of (t, p));
  for (gsize i = 0; i < G_N_ELEMENTS (never); i++)
    if (strstr (body->str, never[i]) != NULL)
      g_error ("%s: the dossier says “%s”", t->track, never[i]);
  /* no band label where the score is reported, nor anywhere as “（label）” */
  bands = zhi_standard_get_bands (standard);
  g_assert_cmpuint (bands->len, >, 0);
  for (guint i = 0; i < bands->len; i++)
    {
      const char *label = ((ZhiBand *)bands->pdata[i])->label.zh;
      g_autofree char *bracketed = g_strdup_printf ("（%s）", label);

      if (strstr (score->str, label) != NULL || strstr (body->str, bracketed) != NULL)
        g_error ("%s: the dossier prints the band “%s”", t->track, label);
    }
  /* what it says instead: the province sets no points; default weights; self-assessment */
  g_assert_nonnull (strstr (score->str, "省文件未规定各评定项的分值，下列得分按默认权重计算。"));
  g_assert_nonnull (strstr (score->str, "建设情况说明不计分"));
  g_assert_nonnull (strstr (score->str, "以上得分为企业按默认权重所作的自评"));
  /* （五）: decided by its first half, then its encouraged half on its own row */
  g_assert_nonnull (
      strstr (body->str, "条件（五）智能制造实践取得技术突破智能制造实践取得技术突破符合"));
  g_assert_nonnull (strstr (body->str, "条件（五）使用安全可控的关键技术装备和工业软件（鼓励项）"
                                       "鼓励使用安全可控的关键技术装备和工业软件。"
                                       "使用鼓励项，企业确认使用。"));
  /* the seed's slip is not carried into the dossier */
  g_assert_null (strstr (body->str, "机构and制度"));
  g_assert_nonnull (strstr (body->str, "健全的财务管理机构和制度"));
  if (!g_str_equal (t->track, "workshop"))
    {
      g_assert_nonnull (strstr (body->str, "提高。资源综合利用效率得到提升"));
      g_assert_null (strstr (body->str, "提高。源综合利用效率"));
    }
}

/* Draft while a problem blocks submission; --final without the watermark. */
static void
test_draft (void)
{
  Track *t = ensure (&tracks[0]);
  g_autofree char *draft_path = g_build_filename (t->dir, "draft.pdf", NULL);
  g_autofree char *final_path = g_build_filename (t->dir, "final.pdf", NULL);
  g_autoptr (ZhiDossierResult) draft = NULL;
  g_autoptr (ZhiDossierResult) final = NULL;
  PopplerDocument *pdf = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  g_autoptr (ZhiEvaluation) evaluation = NULL;
  g_autofree char *code = g_strdup (zhi_project_get_credit_code (t->project));

  g_assert_false (any_page_has (t->texts, "草"));
  zhi_project_set_credit_code (t->project, "");
  evaluation = zhi_evaluation_new (t->project);
  g_assert_true (zhi_evaluation_has_blocking_problems (evaluation));

  draft = render (t->project, ZHI_DOSSIER_DRAFT_AUTO, draft_path);
  g_assert_true (draft->draft);
  g_assert_cmpstr (draft->fingerprint, !=, t->result->fingerprint);
  pdf = open_pdf (draft_path, &texts);
  /* the watermark is drawn on every page, as outlines: it is not in the text a reader copies */
  for (guint p = 0; p < texts->len; p++)
    {
      g_assert_true (page_has_watermark (pdf, p));
      g_assert_null (strstr (texts->pdata[p], "草稿"));
    }
  g_clear_object (&pdf);
  g_clear_pointer (&texts, g_ptr_array_unref);

  /* a real enterprise's cover carries no example mark */
  zhi_project_set_example (t->project, FALSE);
  final = render (t->project, ZHI_DOSSIER_DRAFT_FINAL, final_path);
  zhi_project_set_example (t->project, TRUE);
  g_assert_false (final->draft);
  pdf = open_pdf (final_path, &texts);
  g_assert_false (any_page_has (texts, "草"));
  for (guint p = 0; p < texts->len; p++)
    g_assert_false (page_has_watermark (pdf, p));
  g_assert_false (any_page_has (texts, "示例项目"));
  /* the missing code is shown as such */
  g_assert_true (any_page_has (texts, "尚未填写统一社会信用代码"));
  g_object_unref (pdf);
  zhi_project_set_credit_code (t->project, code);
}

/* Hostile evidence: every file becomes pages or a placeholder, and the render succeeds. */
static void
test_hostile_evidence (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zhi-dossier-hostile-XXXXXX", &error);
  g_autofree char *samples_dir = g_build_filename (dir, "samples", NULL);
  g_autofree char *project_path = g_build_filename (dir, "hostile.zhizao", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "hostile.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (project_path);
  g_autoptr (ZhiTestPdfs) samples = zhi_test_pdfs_generate (samples_dir, &error);
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiDossierResult) result = NULL;
  PopplerDocument *pdf = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  struct
  {
    const char *path;
    gboolean placeholder;
  } files[] = {
    { samples->multi_pdf, FALSE },    { samples->encrypted_pdf, TRUE },
    { samples->truncated_pdf, TRUE }, { samples->empty_pdf, TRUE },
    { samples->garbage_pdf, TRUE },   { samples->png_1px, FALSE },
    { samples->jpeg_huge, FALSE },    { samples->png_huge, FALSE },
  };
  guint expected_warnings = 0, n = 0;

  g_assert_no_error (error);
  project = zhi_project_create (file, &error);
  g_assert_no_error (error);
  zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
  zhi_project_set_name (project, "辽宁恶意附件测试有限公司");
  zhi_project_set_city (project, "大连市");
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GFile) f = NULL;
      g_autofree char *title = NULL;
      ZhiEvidence *ev;

      if (files[i].path == NULL) /* no qpdf: no encrypted sample */
        continue;
      f = g_file_new_for_path (files[i].path);
      title = g_strdup_printf ("测试材料%u", i + 1);
      ev = zhi_project_attach_file (project, f, title, NULL, &error);
      g_assert_no_error (error);
      zhi_project_add_evidence_support (project, zhi_evidence_get_id (ev), "w01");
      expected_warnings += files[i].placeholder;
    }
  g_assert_true (zhi_project_flush (project, &error));

  result = render (project, ZHI_DOSSIER_DRAFT_AUTO, pdf_path);
  g_assert_true (result->draft); /* the project is far from complete */
  g_assert_cmpuint (result->warnings->len, ==, expected_warnings);
  pdf = open_pdf (pdf_path, &texts);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int)result->n_pages);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const ZhiPdfAttachWarning *w = result->warnings->pdata[i];
      int page = attachment_page (pdf, w->number);
      g_autofree char *reason = zhi_test_strip_space (w->reason);
      const char *text = texts->pdata[page];

      g_assert_nonnull (strstr (text, w->file_name));
      g_assert_nonnull (strstr (text, w->sha256));
      g_assert_nonnull (strstr (text, reason));
      n++;
    }
  g_assert_cmpuint (n, >=, 3);
  {
    g_autofree char *output = NULL;
    gboolean skipped = FALSE;

    if (!zhi_test_qpdf_check (pdf_path, &skipped, &output))
      g_error ("qpdf --check: %s", output);
  }
  g_object_unref (pdf);
  zhi_project_close (project, NULL);
  zhi_test_remove_dir (dir);
}

typedef struct
{
  GMainLoop *loop;
  ZhiDossierResult *result;
  GError *error;
  ZhiTestProgress progress;
} Async;

static void
async_done (GObject *source, GAsyncResult *res, gpointer data)
{
  Async *a = data;

  a->result = zhi_dossier_render_finish (ZHI_PROJECT (source), res, &a->error);
  g_main_loop_quit (a->loop);
}

static void
test_async (void)
{
  Track *t = ensure (&tracks[0]);
  g_autofree char *path = g_build_filename (t->dir, "async.pdf", NULL);
  g_autofree char *cancelled_path = g_build_filename (t->dir, "cancelled.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) cancelled_file = g_file_new_for_path (cancelled_path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GDateTime) date = fixed_date ();
  Async a = { 0 };
  ZhiDossierOptions options;

  zhi_dossier_options_init (&options);
  options.date = date;
  a.loop = g_main_loop_new (NULL, FALSE);
  a.progress.thread = g_thread_self ();
  zhi_dossier_render_async (t->project, NULL, &options, file, zhi_test_progress_cb, &a.progress,
                            NULL, NULL, async_done, &a);
  g_main_loop_run (a.loop);
  g_assert_no_error (a.error);
  g_assert_nonnull (a.result);
  g_assert_cmpstr (a.result->fingerprint, ==, t->result->fingerprint);
  g_assert_cmpuint (a.result->n_pages, ==, t->result->n_pages);
  g_assert_cmpuint (a.result->size, >, 0);
  g_assert_cmpuint (a.progress.calls, >, 0);
  /* let the last progress idle run */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (a.progress.done, ==, a.result->n_pages);
  g_assert_cmpuint (a.progress.total, ==, a.result->n_pages);
  g_clear_pointer (&a.result, zhi_dossier_result_free);

  /* cancelled at the first page: an error, no file */
  a.progress.calls = a.progress.done = a.progress.total = 0;
  a.progress.cancel_at_first = cancellable;
  zhi_dossier_render_async (t->project, NULL, &options, cancelled_file, zhi_test_progress_cb,
                            &a.progress, NULL, cancellable, async_done, &a);
  g_main_loop_run (a.loop);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (a.result);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
  zhi_test_assert_no_temp_files (t->dir);
  g_clear_error (&a.error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (a.loop);
}

/* A small project in a new directory: one PNG evidence item, whose id is returned. */
static ZhiProject *
small_project (const char *dir, char **evidence_id)
{
  g_autofree char *project_path = g_build_filename (dir, "p.zhizao", NULL);
  g_autofree char *png_path = g_build_filename (dir, "pixel.png", NULL);
  g_autoptr (GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr (GFile) png = g_file_new_for_path (png_path);
  g_autoptr (GError) error = NULL;
  ZhiProject *project;
  ZhiEvidence *ev;

  g_assert_true (zhi_test_pdfs_write_png_rows (png_path, 1, 1, &error));
  project = zhi_project_create (project_file, &error);
  g_assert_no_error (error);
  zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
  ev = zhi_project_attach_file (project, png, "图", NULL, &error);
  g_assert_no_error (error);
  *evidence_id = g_strdup (zhi_evidence_get_id (ev));
  g_unlink (png_path);
  return project;
}

/* An evidence PDF whose owner permissions forbid printing is embedded as its original pages, and
 * the evidence list says so. */
static void
test_owner_restricted_noted (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-dossier-restricted-XXXXXX", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *locked = g_build_filename (dir, "检测报告.pdf", NULL);
  g_autofree char *project_path = g_build_filename (dir, "p.zhizao", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, NULL);
  g_autoptr (GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr (GFile) locked_file = g_file_new_for_path (locked);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiDossierResult) result = NULL;
  const char *argv[]
      = { "qpdf", "--encrypt", "", "owner-pw", "256", "--print=none", "--", plain, locked, NULL };
  PopplerDocument *pdf;
  gboolean noted = FALSE, embedded = FALSE;

  g_assert_true (zhi_test_pdfs_write_text_pdf (plain, 2, &error));
  g_assert_cmpint (qpdfjob_run_from_argv (argv), ==, 0);
  project = zhi_project_create (project_file, &error);
  g_assert_no_error (error);
  zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
  g_assert_nonnull (zhi_project_attach_file (project, locked_file, "检测报告", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (zhi_dossier_render_to_file (project, NULL, NULL, pdf_path, NULL, NULL, NULL,
                                             &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *flat = g_strdelimit (g_strdup (text), " \n", '_');
      g_auto (GStrv) parts = g_strsplit (flat, "_", -1);
      g_autofree char *joined = g_strjoinv ("", parts);

      if (strstr (joined, "原文件的权限设置禁止打印"))
        noted = TRUE;
      if (strstr (joined, "证明材料第2页") && strstr (joined, "附件1第2页/共2页"))
        embedded = TRUE;
      g_object_unref (page);
    }
  g_assert_true (noted);
  g_assert_true (embedded);
  g_object_unref (pdf);
  zhi_project_close (project, NULL);
  zhi_test_assert_no_temp_files (dir);
  zhi_test_remove_dir (dir);
}

/* While the owner thread is not running its main loop, the worker waits: it must not read the
 * project itself (g_main_context_invoke_full() ran the blob read, and the progress callback, on
 * the worker when nobody had acquired the default context). */
static void
test_async_owner_busy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-dossier-busy-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autofree char *id = NULL;
  g_autoptr (ZhiProject) project = small_project (dir, &id);
  Async a = { 0 };

  a.loop = g_main_loop_new (NULL, FALSE);
  a.progress.thread = g_thread_self ();
  zhi_dossier_render_async (project, NULL, NULL, pdf_file, zhi_test_progress_cb, &a.progress, NULL,
                            NULL, async_done, &a);
  g_usleep (G_USEC_PER_SEC); /* busy, not iterating the main context */
  g_assert_cmpuint (a.progress.calls, ==, 0);
  g_main_loop_run (a.loop);
  g_assert_no_error (a.error);
  g_assert_nonnull (a.result);
  g_assert_cmpuint (a.result->warnings->len, ==, 0);
  g_clear_pointer (&a.result, zhi_dossier_result_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (a.progress.calls, >, 0);
  g_main_loop_unref (a.loop);
  zhi_project_close (project, NULL);
  zhi_test_remove_dir (dir);
}

/* The id the default context gives its next source: a context hands out its sources' ids in
 * order (and keeps every source while nobody iterates it). */
static guint
next_source_id (void)
{
  GSource *probe = g_idle_source_new ();
  guint id = g_source_attach (probe, NULL);

  g_source_destroy (probe);
  g_source_unref (probe);
  return id + 1;
}

/* Waits, without iterating, until a source named @name was queued on the default context since
 * @first_id: how the dossier's worker asks the owner thread for work (a blob read, here). */
static void
wait_for_queued_source (guint first_id, const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      guint end = next_source_id ();

      for (guint id = first_id; id < end; id++)
        {
          GSource *source = g_main_context_find_source_by_id (NULL, id);

          if (source != NULL && g_strcmp0 (g_source_get_name (source), name) == 0)
            return;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

/* The worker waits for an evidence read that fails (the evidence was removed meanwhile) and the
 * render is cancelled before the worker wakes: both happened, the read's error must be kept, not
 * a second GError set over it (a GLib warning, fatal here). */
static void
test_async_cancel_during_failed_read (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-dossier-cancel-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *id = NULL;
  g_autoptr (ZhiProject) project = small_project (dir, &id);
  Async a = { 0 };
  guint first_id;

  a.loop = g_main_loop_new (NULL, FALSE);
  a.progress.thread = g_thread_self ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  first_id = next_source_id ();
  zhi_dossier_render_async (project, NULL, NULL, pdf_file, NULL, NULL, NULL, cancellable,
                            async_done, &a);
  g_assert_true (zhi_project_remove_evidence (project, id));
  /* the worker asks for the blob and waits */
  wait_for_queued_source (first_id, "[zhizao] dossier evidence");
  /* cancelled, then the read fails at once: the worker wakes to both */
  g_cancellable_cancel (cancellable);
  g_main_loop_run (a.loop);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (a.result);
  g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  zhi_test_assert_no_temp_files (dir);
  g_clear_error (&a.error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (a.loop);
  zhi_project_close (project, NULL);
  zhi_test_remove_dir (dir);
}

static void
track_clear (Track *t)
{
  if (t->project)
    {
      zhi_project_close (t->project, NULL);
      g_assert_finalize_object (g_steal_pointer (&t->project));
    }
  g_clear_object (&t->pdf);
  g_clear_pointer (&t->texts, g_ptr_array_unref);
  g_clear_pointer (&t->result, zhi_dossier_result_free);
  if (t->dir)
    zhi_test_remove_dir (t->dir);
  g_free (t->dir);
  g_free (t->pdf_path);
}

/* Figure elements and their alternate texts, in document order. */
static void
collect_figures (PopplerStructureElementIter *iter, GPtrArray *alts)
{
  do
    {
      PopplerStructureElement *el = poppler_structure_element_iter_get_element (iter);
      PopplerStructureElementIter *child;

      if (poppler_structure_element_get_kind (el) == POPPLER_STRUCTURE_ELEMENT_FIGURE)
        {
          char *alt = poppler_structure_element_get_alt_text (el);

          g_ptr_array_add (alts, alt ? alt : g_strdup (""));
        }
      g_object_unref (el);
      child = poppler_structure_element_iter_get_child (iter);
      if (child)
        {
          collect_figures (child, alts);
          poppler_structure_element_iter_free (child);
        }
    }
  while (poppler_structure_element_iter_next (iter));
}

/* What a validator and a screen reader ask of the file: its language, page labels that match
 * the printed numbers, XMP that says what the document information says, an alternate text on
 * every figure (the chart in words), the running furniture marked as artifacts. */
static void
test_well_formed (gconstpointer data)
{
  Track *t = ensure (data);
  g_autoptr (GPtrArray) alts = g_ptr_array_new_with_free_func (g_free);
  PopplerStructureElementIter *iter;
  g_autofree char *xmp = poppler_document_get_metadata (t->pdf);
  g_autofree char *title = poppler_document_get_title (t->pdf);
  qpdf_data qpdf = qpdf_init ();
  qpdf_oh root;
  unsigned char *content = NULL;
  size_t len = 0;
  int n = poppler_document_get_n_pages (t->pdf);

  /* page labels: the cover, then "— 1 —" is 1, to the last page */
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (t->pdf, i);
      g_autofree char *label = NULL;
      g_autofree char *expected = i == 0 ? g_strdup ("封面") : g_strdup_printf ("%d", i);
      g_autofree char *printed = g_strdup_printf ("—%d—", i);

      g_object_get (page, "label", &label, NULL);
      g_assert_cmpstr (label, ==, expected);
      /* an original evidence page carries its 附件 label instead of the body's number */
      if (i > 0 && i < n - 1 && strstr (text_of (t, i), "页/共") == NULL)
        g_assert_nonnull (strstr (text_of (t, i), printed));
      g_object_unref (page);
    }

  /* XMP */
  g_assert_nonnull (xmp);
  g_assert_nonnull (strstr (xmp, title));
  g_assert_nonnull (strstr (xmp, "<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li>"));
  g_assert_nonnull (strstr (xmp, "<xmp:CreateDate>"));

  /* figures: the chart names every criterion with its points; the opinion form says what it is */
  iter = poppler_structure_element_iter_new (t->pdf);
  g_assert_nonnull (iter);
  collect_figures (iter, alts);
  poppler_structure_element_iter_free (iter);
  g_assert_cmpuint (alts->len, >=, 2);
  for (guint i = 0; i < alts->len; i++)
    g_assert_cmpstr (alts->pdata[i], !=, "");
  g_assert_nonnull (strstr (alts->pdata[0], "各评定项得分条形图"));
  g_assert_nonnull (strstr (alts->pdata[0], "满分"));
  g_assert_nonnull (strstr (alts->pdata[alts->len - 1], "推荐意见"));

  /* /Lang, and the page number of a body page drawn inside /Artifact marked content */
  qpdf_silence_errors (qpdf);
  g_assert_false (qpdf_read (qpdf, t->pdf_path, NULL) & QPDF_ERRORS);
  root = qpdf_get_root (qpdf);
  g_assert_cmpstr (qpdf_oh_get_utf8_value (qpdf, qpdf_oh_get_key (qpdf, root, "/Lang")), ==,
                   "zh-CN");
  /* a tagged PDF says so: the structure tree and /MarkInfo << /Marked true >> */
  g_assert_true (qpdf_oh_is_dictionary (qpdf, qpdf_oh_get_key (qpdf, root, "/StructTreeRoot")));
  g_assert_true (qpdf_oh_get_bool_value (
      qpdf, qpdf_oh_get_key (qpdf, qpdf_oh_get_key (qpdf, root, "/MarkInfo"), "/Marked")));
  g_assert_false (qpdf_oh_get_page_content_data (qpdf, qpdf_get_page_n (qpdf, 3), &content, &len)
                  & QPDF_ERRORS);
  {
    g_autofree char *text = g_strndup ((const char *)content, len);
    const char *bt = strstr (text, "BT");
    const char *artifact = strstr (text, "/Artifact BMC");
    const char *first_tag = strstr (text, "BDC");

    /* the first text object is the page number, before any structure element, as an artifact */
    g_assert_nonnull (artifact);
    g_assert_nonnull (bt);
    g_assert_true (artifact < bt);
    g_assert_true (first_tag == NULL || bt < first_tag);
  }
  free (content);
  qpdf_cleanup (&qpdf);
}

/* The dossier is Chinese whatever the user's language: under LANGUAGE=en its chart still names
 * every criterion in Chinese, with the one name zhi-names gives in the dossier's language, while
 * the same function names them in English for the window. */
static void
test_criteria_named_in_chinese (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-dossier-names-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *id = NULL;
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr (ZhiProject) project = small_project (dir, &id);
  g_autoptr (ZhiStandard) standard = NULL;
  g_autoptr (ZhiDossierResult) result = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  g_autoptr (GPtrArray) alts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  PopplerStructureElementIter *iter;
  PopplerDocument *pdf;
  GPtrArray *criteria;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_false (zhi_i18n_is_chinese ());
  standard = zhi_editions_for_project (project, &error);
  g_assert_no_error (error);
  result = render (project, ZHI_DOSSIER_DRAFT_AUTO, pdf_path);
  pdf = open_pdf (pdf_path, &texts);
  iter = poppler_structure_element_iter_new (pdf);
  g_assert_nonnull (iter);
  collect_figures (iter, alts);
  poppler_structure_element_iter_free (iter);
  g_assert_cmpuint (alts->len, >=, 1);
  g_assert_nonnull (strstr (alts->pdata[0], "各评定项得分条形图"));

  criteria = zhi_standard_get_criteria (standard);
  g_assert_cmpuint (criteria->len, >, 0);
  for (guint i = 0; i < criteria->len; i++)
    {
      const ZhiCriterion *c = criteria->pdata[i];
      g_autofree char *chinese = zhi_names_criterion (c, ZHI_NAMES_DOSSIER);
      g_autofree char *english = zhi_names_criterion (c, ZHI_NAMES_USER);
      g_autofree char *expected_zh = g_strdup_printf ("%d. %s", c->number, c->title.zh);
      g_autofree char *expected_en = g_strdup_printf ("%d. %s", c->number, c->title.en);

      g_assert_cmpstr (chinese, ==, expected_zh);
      g_assert_cmpstr (english, ==, expected_en);
      g_assert_cmpstr (chinese, !=, english);
      g_assert_nonnull (strstr (alts->pdata[0], chinese));
      g_assert_null (strstr (alts->pdata[0], c->title.en));
    }
  /* no English criterion title anywhere on the dossier's pages */
  for (guint p = 0; p < texts->len; p++)
    for (guint i = 0; i < criteria->len; i++)
      {
        const ZhiCriterion *c = criteria->pdata[i];
        g_autofree char *en = zhi_test_strip_space (c->title.en);

        g_assert_null (strstr (texts->pdata[p], en));
      }

  g_setenv ("LANGUAGE", language != NULL ? language : "", TRUE); /* "": as if unset */
  g_object_unref (pdf);
  zhi_project_close (project, NULL);
  zhi_test_remove_dir (dir);
}

/* 主要指标 prints each KPI's years and data source as entered; a half-filled KPI and a
 * baseline of 0 are printed as such, never as an improvement. */
static void
test_kpi_years_and_source (void)
{
  Track *t = ensure (&tracks[1]);
  g_autofree char *path = g_build_filename (t->dir, "kpi.pdf", NULL);
  g_autoptr (ZhiAnswers) saved = zhi_answers_copy (zhi_project_get_answers (t->project));
  g_autoptr (ZhiDossierResult) result = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  ZhiAnswers *answers = zhi_project_get_answers (t->project);
  PopplerDocument *pdf;
  int page = -1;

  zhi_answers_set_kpi (answers, "fd08.kpi-cycle", 120, 90);
  zhi_answers_set_kpi_details (answers, "fd08.kpi-cycle", 2021, 2023, "PLM项目台账");
  zhi_answers_set_kpi (answers, "fd08.kpi-productivity", 52.5, NAN);
  zhi_answers_set_kpi_details (answers, "fd08.kpi-productivity", 2020, 0, "财务报表");
  zhi_answers_set_kpi (answers, "fd08.kpi-energy", 0, 85);
  zhi_answers_set_kpi_details (answers, "fd08.kpi-energy", 0, 0, NULL);
  zhi_project_answers_changed (t->project, NULL);
  result = render (t->project, ZHI_DOSSIER_DRAFT_AUTO, path);
  pdf = open_pdf (path, &texts);
  /* the page where the table's header is (the heading may stand on the page before, kept with
   * its opening paragraph) */
  {
    /* the chapter's heading (its last occurrence: the contents page names it first) */
    int heading = -1;

    for (guint p = 0; p < texts->len; p++)
      if (strstr (texts->pdata[p], "五、主要指标") != NULL)
        heading = (int)p;
    g_assert_cmpint (heading, >=, 0);
    for (guint p = heading; p < texts->len && p <= (guint)heading + 1 && page < 0; p++)
      if (strstr (texts->pdata[p], "数据来源") != NULL)
        page = (int)p;
  }
  g_assert_cmpint (page, >=, 0);
  {
    /* the table may go on over the next page */
    g_autofree char *text = g_strconcat (
        texts->pdata[page], (guint)page + 1 < texts->len ? texts->pdata[page + 1] : "", NULL);

    /* values with their years, the change and the source */
    g_assert_nonnull (strstr (text, "2021年"));
    g_assert_nonnull (strstr (text, "2023年"));
    g_assert_nonnull (strstr (text, "−30（−25%）"));
    g_assert_nonnull (strstr (text, "PLM项目台账"));
    /* half-filled: the value entered and what is missing */
    g_assert_nonnull (strstr (text, "52.5"));
    g_assert_nonnull (strstr (text, "2020年"));
    g_assert_nonnull (strstr (text, "建设后未填"));
    g_assert_nonnull (strstr (text, "财务报表"));
    /* a baseline of 0 gives no change */
    g_assert_nonnull (strstr (text, "无法计算"));
    g_assert_nonnull (strstr (text, "基准值为0"));
  }
  g_object_unref (pdf);
  zhi_project_set_answers (t->project, saved);
}

/* Read as a reviewer: one score notation (自评 x 分 / 佐证 y 分 / 满分 z 分, never "x/y"),
 * references as 见附件1、6, dates as 2023年4月18日, no developer words, a cover to seal and date.
 */
static void
test_reviewer_reading (gconstpointer data)
{
  Track *t = ensure (data);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autoptr (GRegex) slash = g_regex_new ("[0-9]/[0-9]", 0, 0, NULL);
  g_autoptr (GRegex) iso = g_regex_new ("20[0-9][0-9]-[01][0-9]-[0-3][0-9]", 0, 0, NULL);
  g_autoptr (GRegex) notation
      = g_regex_new ("自评[0-9.]+分/佐证[0-9.]+分/满分[0-9.]+分", 0, 0, NULL);
  static const char *const developer[] = { "sha256sum", "JSON", "zhizao", "Zhizao", "计算方法" };
  int first_attachment = page_with (t->texts, "七、附件");
  int last;

  /* the body: up to the attachments' introduction (the contents page names 七、附件 first) */
  for (int p = first_attachment + 1; p < (int)t->texts->len; p++)
    if (strstr (text_of (t, p), "七、附件") != NULL)
      {
        first_attachment = p;
        break;
      }
  last = first_attachment;
  for (int p = 0; p <= last; p++)
    g_string_append (body, text_of (t, p));
  g_assert_true (g_regex_match (notation, body->str, 0, NULL));
  if (g_regex_match (slash, body->str, 0, NULL))
    {
      g_autoptr (GMatchInfo) m = NULL;

      g_regex_match (slash, body->str, 0, &m);
      g_error ("%s: a score written as x/y: …%.40s…", t->track,
               strstr (body->str, g_match_info_fetch (m, 0)) - 30);
    }
  g_assert_null (strstr (body->str, "、见附件"));
  g_assert_false (g_regex_match (iso, body->str, 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (developer); i++)
    if (strstr (body->str, developer[i]) != NULL)
      g_error ("%s: the dossier says “%s”", t->track, developer[i]);
  /* the cover: sealed and dated by the applicant */
  g_assert_nonnull (strstr (text_of (t, 0), "申报单位（盖章）"));
  /* the bureau's page: who handled it, a phone number, the seal */
  g_assert_nonnull (strstr (text_of (t, t->texts->len - 1), "经办人"));
  g_assert_nonnull (strstr (text_of (t, t->texts->len - 1), "联系电话"));
  g_assert_nonnull (strstr (text_of (t, t->texts->len - 1), "工业和信息化局（盖章）"));
}

int
main (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    GTestDataFunc func;
  } cases[] = {
    { "pages-and-metadata", test_pages_and_metadata },
    { "outline", test_outline },
    { "contents", test_contents },
    { "attachments", test_attachments },
    { "evidence-links", test_evidence_links },
    { "fingerprint", test_fingerprint },
    { "qpdf-check", test_qpdf },
    { "cmmm-level", test_cmmm },
    { "object-streams", test_object_streams },
    { "well-formed", test_well_formed },
    { "reviewer-reading", test_reviewer_reading },
    { "only-province-and-applicant", test_only_province_and_applicant },
  };
  int status;

  setlocale (LC_ALL, "C.UTF-8"); /* messages with Chinese stay readable */
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tracks); i++)
    for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
      {
        g_autofree char *path = g_strdup_printf ("/dossier/%s/%s", tracks[i].track, cases[k].name);

        g_test_add_data_func (path, &tracks[i], cases[k].func);
      }
  g_test_add_func ("/dossier/draft-while-blocked", test_draft);
  g_test_add_func ("/dossier/kpi-years-and-source", test_kpi_years_and_source);
  g_test_add_func ("/dossier/criteria-named-in-chinese", test_criteria_named_in_chinese);
  g_test_add_func ("/dossier/hostile-evidence", test_hostile_evidence);
  g_test_add_func ("/dossier/async-progress-and-cancel", test_async);
  g_test_add_func ("/dossier/async-waits-for-a-busy-owner", test_async_owner_busy);
  g_test_add_func ("/dossier/owner-restricted-evidence-noted", test_owner_restricted_noted);
  g_test_add_func ("/dossier/async-cancel-during-failed-read",
                   test_async_cancel_during_failed_read);
  status = g_test_run ();
  for (guint i = 0; i < G_N_ELEMENTS (tracks); i++)
    track_clear (&tracks[i]);
  return status;
}
