/* The bureau's 审核 mode through the real window: create a review, add three dossiers, sort,
 * rank, recommend past the quota, export the 推荐汇总表 and the 推荐函 and read them back. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "zhi-review.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"
#include "zhi-welcome-page.h"

static const char *tmpdir; /* zhi_test_tmp_dir () */

static GtkWidget *
find_action_button (GtkWidget *root, const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      if (GTK_IS_ACTIONABLE (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_action_button (child, action)) != NULL)
        return found;
    }
  return NULL;
}

/* An evidence PDF with its own outline (a report's chapters, as Word exports it). */
static char *
write_outlined_pdf (void)
{
  char *path = g_build_filename (tmpdir, "设备台账.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "第一章 设备总览", "page=1", 0);
  cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, "第二章 数控设备", "page=2", 0);
  cairo_rectangle (cr, 72, 72, 200, 100);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_rectangle (cr, 72, 200, 200, 100);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* a demo dossier of @track, rendered by zhizao-cli */
static GFile *
render_dossier (const char *track)
{
  const char *cli = ZHI_BUILD_DIR "/app/cli/zhizao-cli";
  g_autofree char *project = g_strdup_printf ("%s/%s.zhizao", tmpdir, track);
  g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", tmpdir, track);
  const char *demo[] = { cli, "demo", project, "--track", track, NULL };
  const char *render[] = { cli, "render", project, "-o", pdf, NULL };
  int status = -1;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **)demo, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  if (g_str_equal (track, "workshop"))
    {
      g_autofree char *evidence = write_outlined_pdf ();
      const char *attach[] = { cli, "attach", project, evidence, "--to", "w01", NULL };

      g_assert_true (g_spawn_sync (NULL, (char **)attach, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
    }
  g_assert_true (g_spawn_sync (NULL, (char **)render, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_unlink (project);
  return g_file_new_for_path (pdf);
}

/* Whether @title is an entry of @pdf's outline, at any depth. */
static gboolean
outline_has (PopplerIndexIter *iter, const char *title)
{
  gboolean found = FALSE;

  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      found = action && action->type == POPPLER_ACTION_GOTO_DEST
              && g_strcmp0 (action->goto_dest.title, title) == 0;
      if (!found && child)
        found = outline_has (child, title);
      if (child)
        poppler_index_iter_free (child);
      if (action)
        poppler_action_free (action);
    }
  while (!found && poppler_index_iter_next (iter));
  return found;
}

static gboolean
view_idle (gpointer data)
{
  ZhiReviewView *view = data;
  ZhiReview *review = zhi_review_view_get_review (view);
  return !zhi_review_view_is_busy (view) && zhi_review_get_n_applications (review) == 3;
}

static gboolean
saved (gpointer data)
{
  return !zhi_review_has_unsaved_changes (data);
}

static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
test_review (void)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  ZhiWindow *window = zhi_window_new (app);
  g_autoptr (GError) error = NULL;
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);

  /* the welcome page offers the review */
  g_assert_nonnull (find_action_button (GTK_WIDGET (window), "win.open-review"));

  g_autofree char *path = g_build_filename (tmpdir, "沈阳.zhizao-review", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_assert_true (zhi_window_open_review (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_window_get_page_name (window), ==, "review");
  ZhiReviewView *view = zhi_window_get_review_view (window);
  ZhiReview *review = zhi_review_view_get_review (view);
  g_assert_true (g_file_query_exists (file, NULL));

  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (files, render_dossier ("workshop"));
  g_ptr_array_add (files, render_dossier ("factory-discrete"));
  g_ptr_array_add (files, render_dossier ("factory-process"));
  zhi_review_view_add_files (view, files);
  g_assert_true (zhi_review_view_is_busy (view));
  zhi_test_ui_wait_until (view_idle, view, 120000);
  for (guint i = 0; i < 3; i++)
    {
      const ZhiSummaryRow *row = zhi_review_get_row (review, i);
      g_assert_null (row->error);
      g_assert_cmpstr (row->integrity, ==, "完整");
      g_assert_cmpint (row->pages, >, 20);
    }

  /* the table: 12 summary columns and the reviewer's two, sortable by 自评得分 */
  GtkColumnView *table
      = GTK_COLUMN_VIEW (zhi_test_ui_find_type (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (table);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 14);
  g_autoptr (GtkColumnViewColumn) claimed = g_list_model_get_item (columns, 6);
  g_assert_cmpstr (gtk_column_view_column_get_title (claimed), ==, "自评得分");
  gtk_column_view_sort_by_column (table, claimed, GTK_SORT_DESCENDING);
  settle ();
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (table));
  double previous = G_MAXDOUBLE;
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (shown, i);
      guint index = atoi (gtk_string_object_get_string (item));
      double value = zhi_review_get_row (review, index)->claimed;
      g_assert_cmpfloat (value, <=, previous);
      previous = value;
    }

  /* the bureau, once */
  gtk_editable_set_text (GTK_EDITABLE (zhi_test_ui_find_named (GTK_WIDGET (view), "bureau")),
                         "沈阳市工业和信息化局");
  gtk_editable_set_text (GTK_EDITABLE (zhi_test_ui_find_named (GTK_WIDGET (view), "city")),
                         "沈阳市");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (zhi_test_ui_find_named (GTK_WIDGET (view), "quota")),
                             1);
  g_assert_cmpstr (zhi_review_get_bureau (review), ==, "沈阳市工业和信息化局");
  g_assert_cmpuint (zhi_review_get_quota (review), ==, 1);

  /* recommend two with ranks, the third not; the quota warns */
  GtkDropDown *decision = GTK_DROP_DOWN (zhi_test_ui_find_named (GTK_WIDGET (view), "decision"));
  GtkSpinButton *rank = GTK_SPIN_BUTTON (zhi_test_ui_find_named (GTK_WIDGET (view), "rank"));
  GtkTextView *opinion = GTK_TEXT_VIEW (zhi_test_ui_find_named (GTK_WIDGET (view), "opinion"));
  GtkWidget *quota_state = zhi_test_ui_find_named (GTK_WIDGET (view), "quota-state");
  zhi_review_view_select (view, 2);
  gtk_drop_down_set_selected (decision, ZHI_REVIEW_RECOMMEND);
  gtk_spin_button_set_value (rank, 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (opinion),
                            "流程型智能工厂基础扎实，同意推荐。", -1);
  g_assert_false (gtk_widget_has_css_class (quota_state, "error"));
  zhi_review_view_select (view, 0);
  g_assert_cmpint (gtk_drop_down_get_selected (decision), ==, ZHI_REVIEW_UNDECIDED);
  gtk_drop_down_set_selected (decision, ZHI_REVIEW_RECOMMEND);
  gtk_spin_button_set_value (rank, 2);
  g_assert_true (gtk_widget_has_css_class (quota_state, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (quota_state)), "1"));
  zhi_review_view_select (view, 1);
  gtk_drop_down_set_selected (decision, ZHI_REVIEW_NOT_RECOMMEND);
  zhi_review_view_select (view, 2);
  g_assert_cmpint (gtk_drop_down_get_selected (decision), ==, ZHI_REVIEW_RECOMMEND);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (rank), ==, 1);
  g_assert_cmpstr (zhi_review_get_opinion (review, 2), ==, "流程型智能工厂基础扎实，同意推荐。");
  g_assert_true (zhi_review_exceeds_quota (review));
  zhi_test_ui_wait_until (saved, review, ZHI_TEST_UI_TIMEOUT_MS);

  /* the selected dossier's pages and contents: a contents entry goes to its page */
  GtkListBox *outline = GTK_LIST_BOX (zhi_test_ui_find_named (GTK_WIDGET (view), "outline"));
  GtkSpinButton *page = GTK_SPIN_BUTTON (zhi_test_ui_find_named (GTK_WIDGET (view), "page"));
  GtkPicture *picture = GTK_PICTURE (zhi_test_ui_find_named (GTK_WIDGET (view), "page-picture"));
  double lo = 0, hi = 0;
  gtk_spin_button_get_range (page, &lo, &hi);
  g_assert_cmpfloat (hi, ==, zhi_review_get_row (review, 2)->pages);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (page), ==, 1);
  g_assert_nonnull (gtk_picture_get_paintable (picture));
  GdkPaintable *first_page = g_object_ref (gtk_picture_get_paintable (picture));
  GtkListBoxRow *entry = NULL;
  for (int i = 0; (entry = gtk_list_box_get_row_at_index (outline, i)); i++)
    if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (entry)), "page"))
        > 2)
      break;
  g_assert_nonnull (entry);
  int target
      = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (entry)), "page"));
  g_signal_emit_by_name (outline, "row-activated", entry);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (page), ==, target);
  g_assert_true (gtk_picture_get_paintable (picture) != first_page);
  g_object_unref (first_page);
  gtk_spin_button_set_value (page, 1);

  /* the contents list the dossier's headings and 附件 entries, not the outline an evidence
   * file brought along (the workshop's 设备台账 has chapters; the dossier carries them) */
  for (guint i = 0; i < 3; i++)
    {
      const ZhiSummaryRow *row = zhi_review_get_row (review, i);
      g_autofree char *uri = NULL;
      PopplerDocument *pdf;
      PopplerIndexIter *iter;
      gboolean attachments = FALSE;

      if (!g_str_has_suffix (row->path, "workshop.pdf"))
        continue;
      uri = g_filename_to_uri (row->path, NULL, NULL);
      pdf = poppler_document_new_from_file (uri, NULL, &error);
      g_assert_no_error (error);
      iter = poppler_index_iter_new (pdf);
      g_assert_true (outline_has (iter, "第二章 数控设备"));
      poppler_index_iter_free (iter);
      g_object_unref (pdf);
      zhi_review_view_select (view, i);
      for (int k = 0; (entry = gtk_list_box_get_row_at_index (outline, k)); k++)
        {
          const char *text = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (entry)));

          g_assert_false (g_str_has_prefix (text, "第一章") || g_str_has_prefix (text, "第二章"));
          attachments |= g_str_has_prefix (text, "附件");
        }
      g_assert_true (attachments);
    }
  zhi_review_view_select (view, 2);

  if (g_getenv ("ZHI_REVIEW_SCREENSHOT"))
    {
      zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
      g_assert_true (
          zhi_test_ui_save_png (GTK_WIDGET (window), g_getenv ("ZHI_REVIEW_SCREENSHOT"), &error));
      g_assert_no_error (error);
    }

  /* the exports */
  g_autofree char *xlsx_path = g_build_filename (tmpdir, "推荐汇总表.xlsx", NULL);
  g_autoptr (GFile) xlsx = g_file_new_for_path (xlsx_path);
  g_assert_true (zhi_review_view_export_summary (view, xlsx, &error));
  g_assert_no_error (error);
  const char *check[] = { "python3",
                          "-c",
                          "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]);"
                          " s = z.read('xl/sharedStrings.xml').decode();"
                          " sys.exit(0 if all(n in s for n in sys.argv[2:]) else 1)",
                          xlsx_path,
                          "沈阳恒驰汽车零部件有限公司",
                          "瓦房店精研轴承股份有限公司",
                          "完整",
                          NULL };
  int status = -1;
  g_assert_true (g_spawn_sync (NULL, (char **)check, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_cmpint (status, ==, 0);

  g_autofree char *letter_path = g_build_filename (tmpdir, "推荐函.pdf", NULL);
  g_autoptr (GFile) letter = g_file_new_for_path (letter_path);
  g_assert_true (zhi_review_view_export_letter (view, letter, &error));
  g_assert_no_error (error);
  g_autofree char *text = zhi_test_pdf_text (letter_path);
  const char *first = strstr (text, zhi_review_get_row (review, 2)->enterprise);
  const char *second = strstr (text, zhi_review_get_row (review, 0)->enterprise);
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_true (first < second);
  g_assert_null (strstr (text, zhi_review_get_row (review, 1)->enterprise));
  g_assert_nonnull (strstr (text, "沈阳市工业和信息化局"));
  g_assert_nonnull (strstr (text, "（盖章）"));
  g_assert_nonnull (strstr (text, "年"));

  /* the review file holds it all */
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_autoptr (ZhiReview) back = zhi_review_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_review_get_n_applications (back), ==, 3);
  g_assert_cmpint (zhi_review_get_decision (back, 1), ==, ZHI_REVIEW_NOT_RECOMMEND);
  g_assert_cmpuint (zhi_review_get_rank (back, 0), ==, 2);

  for (guint i = 0; i < files->len; i++)
    g_file_delete (files->pdata[i], NULL, NULL);
  g_unlink (xlsx_path);
  g_unlink (letter_path);
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);
  tmpdir = zhi_test_tmp_dir_make ("zhizao-review-XXXXXX");
  g_test_add_func ("/review/window", test_review);
  int rc = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return rc;
}
