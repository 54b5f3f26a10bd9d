/* A whole application through the real window: create, fill every step through its
 * widgets, watch the model, the verdict and the score follow, export the dossier. */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "zhi-criterion-page.h"
#include "zhi-demo-evidence.h"
#include "zhi-dossier-page.h"
#include "zhi-eligibility-page.h"
#include "zhi-enterprise-page.h"
#include "zhi-evidence-page.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"
#include "zhi-welcome-page.h"

static const char *tmpdir; /* zhi_test_tmp_dir () */

static void
type_into (GtkWidget *widget, const char *text)
{
  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
click (GtkWidget *widget)
{
  g_assert_nonnull (widget);
  if (GTK_IS_TOGGLE_BUTTON (widget))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), TRUE);
  else
    gtk_widget_activate (widget);
}

static void
settle (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static ZhiEvaluation *
evaluation_of (ZhiWindow *window)
{
  ZhiEvaluation *evaluation
      = zhi_project_view_get_evaluation (zhi_window_get_project_view (window));

  zhi_evaluation_update (evaluation);
  return evaluation;
}

static gboolean
attached (gpointer page)
{
  return zhi_evidence_page_get_n_attaching (page) == 0;
}

static gboolean
dossier_idle (gpointer page)
{
  return !zhi_dossier_page_is_busy (page);
}

static void
test_whole_application (void)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  ZhiWindow *window = zhi_window_new (app);
  g_autofree char *path = g_build_filename (tmpdir, "沈阳精机申报.zhizao", NULL);
  g_autofree char *pdf_path = g_build_filename (tmpdir, "ledger.pdf", NULL);
  g_autofree char *out_path = g_build_filename (tmpdir, "申报书.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr (GFile) out = g_file_new_for_path (out_path);
  g_autoptr (GError) error = NULL;
  ZhiProjectView *view;
  ZhiProject *project;
  ZhiEvaluation *evaluation;
  GtkWidget *page;
  const ZhiCriterionResult *w02;
  g_autofree char *code = zhi_test_credit_code ("210102", "MA0T5K2P"); /* Shenyang */
  double claimed_before;

  gtk_window_present (GTK_WINDOW (window));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 1);

  /* Welcome → new application (the track and file were chosen in the dialogs) */
  g_signal_emit_by_name (zhi_test_ui_find_type (GTK_WIDGET (window), ZHI_TYPE_WELCOME_PAGE),
                         "create-requested", file, "workshop");
  g_assert_cmpstr (zhi_window_get_page_name (window), ==, "project");
  project = zhi_window_get_project (window);
  view = zhi_window_get_project_view (window);
  evaluation = evaluation_of (window);
  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, ==,
                   ZHI_VERDICT_INCOMPLETE);
  g_assert_cmpfloat (zhi_evaluation_get_score (evaluation)->total_claimed, ==, 0);

  /* 企业信息, typed into the rows */
  page = zhi_test_ui_show_step (view, "enterprise");
  type_into (zhi_enterprise_page_get_control (ZHI_ENTERPRISE_PAGE (page), "name"),
             "沈阳精密机床有限公司");
  type_into (zhi_enterprise_page_get_control (ZHI_ENTERPRISE_PAGE (page), "credit-code"), code);
  type_into (zhi_enterprise_page_get_control (ZHI_ENTERPRISE_PAGE (page), "site-name"),
             "主轴加工数字化车间");
  type_into (zhi_enterprise_page_get_control (ZHI_ENTERPRISE_PAGE (page), "contact-person"),
             "李晓梅");
  type_into (zhi_enterprise_page_get_control (ZHI_ENTERPRISE_PAGE (page), "phone"), "024-25880000");
  settle ();
  g_assert_cmpstr (zhi_project_get_name (project), ==, "沈阳精密机床有限公司");
  g_assert_cmpstr (zhi_project_get_credit_code (project), ==, code);
  /* the city comes from the code */
  g_assert_cmpstr (zhi_project_get_city (project), ==, "沈阳市");

  /* 申报条件: every condition met, no exclusion applies */
  page = zhi_test_ui_show_step (view, "eligibility");
  for (int i = 1; i <= 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("cond-%d", i);
      click (zhi_eligibility_page_get_control (ZHI_ELIGIBILITY_PAGE (page), id, "yes"));
    }
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("excl-%d", i);
      click (zhi_eligibility_page_get_control (ZHI_ELIGIBILITY_PAGE (page), id, "no"));
    }
  settle ();
  {
    gboolean yes = FALSE;

    g_assert_true (zhi_answers_get_bool (zhi_project_get_answers (project), "cond-3", &yes));
    g_assert_true (yes);
    g_assert_true (zhi_answers_get_bool (zhi_project_get_answers (project), "excl-2", &yes));
    g_assert_false (yes);
  }
  evaluation = evaluation_of (window);
  /* Gates (equipment ratio, scenarios…) are still open: not yet eligible, nothing failed. */
  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, ==,
                   ZHI_VERDICT_INCOMPLETE);

  /* 自评: the equipment ratio through its entries moves the score and the gate */
  page = zhi_test_ui_show_step (view, "criterion:w02");
  type_into (
      zhi_criterion_page_lookup (ZHI_CRITERION_PAGE (page), "w02.smart-equipment-ratio:numerator"),
      "40");
  type_into (zhi_criterion_page_lookup (ZHI_CRITERION_PAGE (page),
                                        "w02.smart-equipment-ratio:denominator"),
             "100");
  settle ();
  evaluation = evaluation_of (window);
  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, ==,
                   ZHI_VERDICT_NOT_ELIGIBLE);
  claimed_before = zhi_evaluation_get_score (evaluation)->total_claimed;
  type_into (
      zhi_criterion_page_lookup (ZHI_CRITERION_PAGE (page), "w02.smart-equipment-ratio:numerator"),
      "60");
  settle ();
  evaluation = evaluation_of (window);
  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, !=,
                   ZHI_VERDICT_NOT_ELIGIBLE);
  g_assert_cmpfloat (zhi_evaluation_get_score (evaluation)->total_claimed, >, claimed_before);
  w02 = zhi_score_lookup_criterion (zhi_evaluation_get_score (evaluation), "w02");
  g_assert_cmpfloat (w02->claimed, >, 0);
  g_assert_cmpfloat (w02->evidenced, ==, 0);

  /* 证明材料: attach a file, link it to w02 → its points become evidenced */
  {
    const char *paragraphs[] = { "设备台账：自动化、数字化、智能化设备 186 台（套）。", NULL };
    ZhiDemoReport report = { "设备台账", NULL, paragraphs, NULL, 0, 2 };
    g_autoptr (GBytes) bytes = zhi_demo_evidence_report_pdf (&report, &error);
    GFile *files[] = { pdf };
    GListModel *list;
    g_autoptr (ZhiEvidence) evidence = NULL;

    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes), NULL));
    page = zhi_test_ui_show_step (view, "evidence");
    zhi_evidence_page_add_files (ZHI_EVIDENCE_PAGE (page), files, 1);
    zhi_test_ui_wait_until (attached, page, 30000);
    list = zhi_project_get_evidence_list (project);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    evidence = g_list_model_get_item (list, 0);
    g_assert_true (
        zhi_evidence_page_select (ZHI_EVIDENCE_PAGE (page), zhi_evidence_get_id (evidence)));
    settle ();
    click (GTK_WIDGET (zhi_evidence_page_get_support_switch (ZHI_EVIDENCE_PAGE (page), "w02")));
    gtk_switch_set_active (zhi_evidence_page_get_support_switch (ZHI_EVIDENCE_PAGE (page), "w02"),
                           TRUE);
    settle ();
    g_assert_true (zhi_evidence_supports (evidence, "w02"));
  }
  evaluation = evaluation_of (window);
  w02 = zhi_score_lookup_criterion (zhi_evaluation_get_score (evaluation), "w02");
  g_assert_cmpfloat (w02->evidenced, ==, w02->claimed);

  /* 申报书: still blocked (narratives…), so the export is a draft — and it is written */
  page = zhi_test_ui_show_step (view, "dossier");
  zhi_test_ui_wait_until (dossier_idle, page, 60000);
  g_assert_true (zhi_evaluation_has_blocking_problems (evaluation));
  zhi_dossier_page_export (ZHI_DOSSIER_PAGE (page), out);
  zhi_test_ui_wait_until (dossier_idle, page, 120000);
  g_assert_nonnull (zhi_dossier_page_get_exported_file (ZHI_DOSSIER_PAGE (page)));
  {
    g_autofree char *uri = g_file_get_uri (out);
    g_autoptr (GObject) doc = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
    g_autofree char *text = NULL;
    PopplerPage *first;

    g_assert_no_error (error);
    first = poppler_document_get_page (POPPLER_DOCUMENT (doc), 0);
    text = poppler_page_get_text (first);
    g_assert_nonnull (strstr (text, "沈阳精密机床有限公司"));
    /* the draft mark is drawn (translucent red at the page's centre), not written as text */
    g_assert_null (strstr (text, "草稿"));
    g_assert_true (zhi_test_pdf_page_has_draft_mark (first));
    g_object_unref (first);
  }

  /* Everything was saved as typed: the file holds it after the window closes. */
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  {
    g_autoptr (ZhiProject) reopened = zhi_project_open (file, &error);
    double numerator = 0, denominator = 0, benchmark = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (zhi_project_get_site_name (reopened), ==, "主轴加工数字化车间");
    g_assert_true (zhi_answers_get_ratio (zhi_project_get_answers (reopened),
                                          "w02.smart-equipment-ratio", &numerator, &denominator,
                                          &benchmark));
    g_assert_cmpfloat (numerator, ==, 60);
    g_assert_cmpfloat (denominator, ==, 100);
    g_assert_cmpuint (g_list_model_get_n_items (zhi_project_get_evidence_list (reopened)), ==, 1);
    g_assert_true (zhi_project_close (reopened, NULL));
  }
  g_unlink (path);
  g_unlink (pdf_path);
  g_unlink (out_path);
}

int
main (int argc, char **argv)
{
  int status;

  zhi_test_ui_init (&argc, &argv);
  tmpdir = zhi_test_tmp_dir_make ("zhizao-flow-XXXXXX");
  g_test_add_func ("/flow/whole-application", test_whole_application);
  status = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return status;
}
