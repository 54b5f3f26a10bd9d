/* test-review.c — the bureau's review file: round trip, autosave, damaged files left alone */
#include "zhi-review-letter.h"
#include "zhi-review.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

static ZhiSummaryRow *
make_row (const char *path, const char *enterprise, double claimed)
{
  ZhiSummaryRow *row = zhi_summary_row_new (path, ZHI_SUMMARY_SOURCE_DOSSIER);
  row->enterprise = g_strdup (enterprise);
  row->credit_code = g_strdup ("91210100MA0XXXXXX1");
  row->city = g_strdup ("沈阳市");
  row->track = g_strdup ("数字化车间");
  row->site_name = g_strdup ("冲压车间");
  row->claimed = claimed;
  row->evidenced = claimed - 5;
  row->verdict = g_strdup ("符合申报条件");
  row->problems = g_strdup ("");
  row->pages = 42;
  row->integrity = g_strdup ("完整");
  return row;
}

static ZhiReview *
create (const char *name, char **out_path)
{
  g_autoptr (GFile) file = zhi_test_tmp_file (name, out_path);
  g_autoptr (GError) error = NULL;
  ZhiReview *review = zhi_review_create (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (review);
  return review;
}

static ZhiReview *
open_path (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  return zhi_review_open (file, error);
}

static void
test_round_trip (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiReview) review = create ("round.zhizao-review", &path);
    zhi_review_set_bureau (review, "沈阳市工业和信息化局");
    zhi_review_set_city (review, "沈阳市");
    zhi_review_set_quota (review, 2);
    g_assert_cmpuint (zhi_review_add (review, make_row ("/a.pdf", "甲公司", 80)), ==, 0);
    g_assert_cmpuint (zhi_review_add (review, make_row ("/b.pdf", "乙公司", 70)), ==, 1);
    ZhiSummaryRow *broken = zhi_summary_row_new ("/c.zhizao", ZHI_SUMMARY_SOURCE_PROJECT);
    broken->error = g_strdup ("不是申报项目");
    g_assert_cmpuint (zhi_review_add (review, broken), ==, 2);
    zhi_review_set_decision (review, 0, ZHI_REVIEW_RECOMMEND);
    zhi_review_set_rank (review, 0, 2);
    zhi_review_set_decision (review, 1, ZHI_REVIEW_RECOMMEND);
    zhi_review_set_rank (review, 1, 1);
    zhi_review_set_opinion (review, 1, "基础扎实，同意推荐。");
    zhi_review_set_decision (review, 2, ZHI_REVIEW_NOT_RECOMMEND);
    /* re-reading a file already there replaces its row and keeps the decision */
    g_assert_cmpuint (zhi_review_add (review, make_row ("/b.pdf", "乙公司（更名）", 71)), ==, 1);
    g_assert_true (zhi_review_flush (review, &error));
    g_assert_no_error (error);
    g_assert_false (zhi_review_has_unsaved_changes (review));
  }
  g_autoptr (ZhiReview) back = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_review_get_bureau (back), ==, "沈阳市工业和信息化局");
  g_assert_cmpstr (zhi_review_get_city (back), ==, "沈阳市");
  g_assert_cmpuint (zhi_review_get_quota (back), ==, 2);
  g_assert_cmpuint (zhi_review_get_n_applications (back), ==, 3);
  const ZhiSummaryRow *b = zhi_review_get_row (back, 1);
  g_assert_cmpstr (b->path, ==, "/b.pdf");
  g_assert_cmpint (b->source, ==, ZHI_SUMMARY_SOURCE_DOSSIER);
  g_assert_cmpstr (b->enterprise, ==, "乙公司（更名）");
  g_assert_cmpfloat (b->claimed, ==, 71);
  g_assert_cmpfloat (b->evidenced, ==, 66);
  g_assert_cmpint (b->pages, ==, 42);
  g_assert_cmpstr (b->integrity, ==, "完整");
  g_assert_cmpstr (b->verdict, ==, "符合申报条件");
  const ZhiSummaryRow *c = zhi_review_get_row (back, 2);
  g_assert_cmpstr (c->error, ==, "不是申报项目");
  g_assert_true (isnan (c->claimed));
  g_assert_null (c->enterprise);
  g_assert_cmpint (c->pages, ==, -1);
  g_assert_cmpint (zhi_review_get_decision (back, 0), ==, ZHI_REVIEW_RECOMMEND);
  g_assert_cmpint (zhi_review_get_decision (back, 1), ==, ZHI_REVIEW_RECOMMEND);
  g_assert_cmpint (zhi_review_get_decision (back, 2), ==, ZHI_REVIEW_NOT_RECOMMEND);
  g_assert_cmpuint (zhi_review_get_rank (back, 0), ==, 2);
  g_assert_cmpstr (zhi_review_get_opinion (back, 1), ==, "基础扎实，同意推荐。");
  g_assert_cmpstr (zhi_review_get_opinion (back, 0), ==, "");

  /* rank order and quota */
  g_autoptr (GPtrArray) order = zhi_review_recommended_in_rank_order (back);
  g_assert_cmpuint (order->len, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (order->pdata[0]), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (order->pdata[1]), ==, 0);
  g_assert_false (zhi_review_exceeds_quota (back));
  zhi_review_set_decision (back, 2, ZHI_REVIEW_RECOMMEND);
  g_assert_true (zhi_review_exceeds_quota (back));
  g_autoptr (GPtrArray) order2 = zhi_review_recommended_in_rank_order (back);
  g_assert_cmpuint (GPOINTER_TO_UINT (order2->pdata[2]), ==, 2); /* unranked last */
  zhi_review_remove (back, 0);
  g_assert_cmpuint (zhi_review_get_n_applications (back), ==, 2);
  g_assert_cmpint (zhi_review_find (back, "/b.pdf"), ==, 0);
  g_assert_cmpint (zhi_review_find (back, "/a.pdf"), ==, -1);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* an edit reaches the file by itself within the autosave delay (500 ms by default) */
static void
test_autosave (void)
{
  g_autofree char *path = NULL;
  g_autoptr (ZhiReview) review = create ("autosave.zhizao-review", &path);
  g_autofree char *before = zhi_test_file_sha256 (path);
  gboolean late = FALSE;
  zhi_review_set_bureau (review, "大连市工业和信息化局");
  g_assert_true (zhi_review_has_unsaved_changes (review));
  guint guard = g_timeout_add (5000, timed_out, &late);
  while (zhi_review_has_unsaved_changes (review) && !late)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (late);
  g_source_remove (guard);
  g_autofree char *after = zhi_test_file_sha256 (path);
  g_assert_cmpstr (before, !=, after);
  /* read by a second connection while the first is still open */
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiReview) other = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_review_get_bureau (other), ==, "大连市工业和信息化局");
}

/* a damaged file, a foreign SQLite file and junk are refused with a reason, and never
 * written */
static void
test_damaged_untouched (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiReview) review = create ("damaged.zhizao-review", &path);
    for (int i = 0; i < 200; i++)
      {
        g_autofree char *p = g_strdup_printf ("/dossier-%03d.pdf", i);
        zhi_review_add (review, make_row (p, "某某装备制造有限公司", 60 + i % 30));
      }
    g_assert_true (zhi_review_close (review, &error));
  }
  /* overwrite the middle of the file */
  g_autofree char *data = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 3 * 4096);
  memset (data + 4096, 0xA5, 2 * 4096);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  g_autofree char *before = zhi_test_file_sha256 (path);
  g_autoptr (ZhiReview) bad = open_path (path, &error);
  g_assert_null (bad);
  g_assert_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "damaged.zhizao-review"));
  g_assert_nonnull (strstr (error->message, "not changed"));
  g_clear_error (&error);
  g_autofree char *after = zhi_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  /* a project file is SQLite, but not a review */
  g_autofree char *project_path = NULL;
  g_autoptr (GFile) project_file = zhi_test_tmp_file ("project.zhizao", &project_path);
  {
    g_autoptr (ZhiProject) project = zhi_project_create (project_file, &error);
    g_assert_no_error (error);
    g_assert_true (zhi_project_close (project, &error));
  }
  g_autofree char *project_before = zhi_test_file_sha256 (project_path);
  g_assert_null (open_path (project_path, &error));
  g_assert_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_NOT_A_REVIEW);
  g_clear_error (&error);
  g_autofree char *project_after = zhi_test_file_sha256 (project_path);
  g_assert_cmpstr (project_before, ==, project_after);

  g_autofree char *junk = zhi_test_tmp_path ("junk.zhizao-review");
  g_assert_true (g_file_set_contents (junk, "not a review at all", -1, NULL));
  g_assert_null (open_path (junk, &error));
  g_assert_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_NOT_A_REVIEW);
  g_clear_error (&error);

  /* creating over an existing file is refused and leaves it alone */
  g_autoptr (GFile) existing = g_file_new_for_path (path);
  g_assert_null (zhi_review_create (existing, &error));
  g_assert_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_IO);
  g_autofree char *still = zhi_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, still);
}

/* the 推荐函: the recommended applications in rank order, the bureau, the date, the seal */
static void
test_letter (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiReview) review = create ("letter.zhizao-review", &path);
  zhi_review_set_bureau (review, "鞍山市工业和信息化局");
  zhi_review_add (review, make_row ("/a.pdf", "鞍山甲钢构有限公司", 80));
  zhi_review_add (review, make_row ("/b.pdf", "鞍山乙化工有限公司", 75));
  zhi_review_add (review, make_row ("/c.pdf", "鞍山丙不推荐有限公司", 60));
  zhi_review_set_decision (review, 0, ZHI_REVIEW_RECOMMEND);
  zhi_review_set_rank (review, 0, 2);
  zhi_review_set_decision (review, 1, ZHI_REVIEW_RECOMMEND);
  zhi_review_set_rank (review, 1, 1);
  zhi_review_set_opinion (review, 1, "同意推荐");
  zhi_review_set_decision (review, 2, ZHI_REVIEW_NOT_RECOMMEND);
  g_autofree char *out = zhi_test_tmp_path ("letter.pdf");
  g_autoptr (GDateTime) date = g_date_time_new_local (2026, 3, 9, 10, 0, 0);
  g_assert_true (zhi_review_write_letter (review, date, out, &error));
  g_assert_no_error (error);
  /* the layout breaks lines anywhere: compare without white space */
  g_autofree char *text = zhi_test_pdf_text (out);
  g_assert_nonnull (strstr (text, "推荐函") ? text : strstr (text, "的函"));
  g_assert_nonnull (strstr (text, "辽宁省工业和信息化厅"));
  g_assert_nonnull (strstr (text, "推荐以下2个项目"));
  const char *first = strstr (text, "鞍山乙化工有限公司");
  const char *second = strstr (text, "鞍山甲钢构有限公司");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_true (first < second); /* rank 1 before rank 2 */
  g_assert_nonnull (strstr (text, "同意推荐"));
  g_assert_null (strstr (text, "鞍山丙不推荐有限公司"));
  g_assert_nonnull (strstr (text, "（盖章）"));
  g_assert_nonnull (strstr (text, "2026年3月9日"));
  /* the bureau signs after the table */
  const char *last = NULL;
  for (const char *p = strstr (text, "鞍山市工业和信息化局"); p;
       p = strstr (p + 1, "鞍山市工业和信息化局"))
    last = p;
  g_assert_true (last > second);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  zhi_test_tmp_dir_make ("zhi-review-XXXXXX");
  g_test_add_func ("/review/round-trip", test_round_trip);
  g_test_add_func ("/review/autosave", test_autosave);
  g_test_add_func ("/review/damaged-file-untouched", test_damaged_untouched);
  g_test_add_func ("/review/letter", test_letter);
  int rc = g_test_run ();
  zhi_test_tmp_dir_remove (); /* ZHI_KEEP_TEST_OUTPUT keeps the files written */
  return rc;
}
