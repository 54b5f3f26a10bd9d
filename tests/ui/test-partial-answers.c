/* Nothing typed is lost (issue 10): half-filled indicators typed into the real window survive
 * closing the window and opening the file again — a numerator without its denominator, a KPI's
 * baseline without its current value, typed on the criterion page and on the eligibility page. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "zhi-criterion-page.h"
#include "zhi-eligibility-page.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

static const char *tmpdir; /* zhi_test_tmp_dir () */

static void
settle (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static GtkWidget *
eligibility_control (ZhiProjectView *view, const char *id, const char *which)
{
  GtkWidget *widget = zhi_eligibility_page_get_control (
      ZHI_ELIGIBILITY_PAGE (zhi_test_ui_show_step (view, "eligibility")), id, which);

  g_assert_nonnull (widget);
  return widget;
}

/* Types as a user does, one character at a time. */
static void
type_keys (GtkWidget *widget, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (widget), "");
  zhi_test_ui_type_keys (widget, text);
}

static ZhiWindow *
open_window (ZhiApplication *app, GFile *file)
{
  ZhiWindow *window = zhi_test_ui_open_window (app, file, 1000, 720);

  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  return window;
}

static const char *
text_of (GtkWidget *widget)
{
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
test_partial_answers_survive_reopen (void)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  g_autofree char *path = g_build_filename (tmpdir, "半填.zhizao", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ZhiWindow *window;
  ZhiProjectView *view;

  {
    g_autoptr (ZhiProject) project = zhi_project_create (file, &error);

    g_assert_no_error (error);
    zhi_project_set_name (project, "沈阳示例装备制造有限公司");
    zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
    g_assert_true (zhi_project_close (project, &error));
    g_assert_no_error (error);
  }

  window = open_window (app, file);
  view = zhi_window_get_project_view (window);
  /* only a numerator; a ratio with its figures but no benchmark yet */
  type_keys (
      zhi_test_ui_criterion_control (view, "criterion:w02", "w02.smart-equipment-ratio:numerator"),
      "55");
  type_keys (zhi_test_ui_criterion_control (view, "criterion:w03",
                                            "w03.networked-equipment-ratio:numerator"),
             "55");
  type_keys (zhi_test_ui_criterion_control (view, "criterion:w03",
                                            "w03.networked-equipment-ratio:denominator"),
             "62");
  /* only a KPI's baseline, with its year and source, on the criterion page */
  type_keys (zhi_test_ui_criterion_control (view, "criterion:w10", "w10.kpi-cycle:baseline"),
             "120");
  type_keys (zhi_test_ui_criterion_control (view, "criterion:w10", "w10.kpi-cycle:baseline-year"),
             "2021");
  type_keys (zhi_test_ui_criterion_control (view, "criterion:w10", "w10.kpi-cycle:source"),
             "PLM 项目台账");
  /* only a KPI's baseline, on the eligibility page (condition （四）) */
  type_keys (eligibility_control (view, "w10.kpi-energy", "baseline"), "80.5");
  settle ();

  /* quit normally */
  gtk_window_close (GTK_WINDOW (window));
  settle ();

  /* the file holds every value as typed */
  {
    g_autoptr (ZhiProject) reopened = zhi_project_open (file, &error);
    ZhiAnswers *answers;
    double a = 0, b = 0, c = 0;
    int y0 = 0, y1 = 0;
    const char *source = NULL;

    g_assert_no_error (error);
    answers = zhi_project_get_answers (reopened);
    g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &a, &b, &c));
    g_assert_cmpfloat (a, ==, 55);
    g_assert_true (isnan (b));
    g_assert_true (zhi_answers_get_ratio (answers, "w03.networked-equipment-ratio", &a, &b, &c));
    g_assert_cmpfloat (a, ==, 55);
    g_assert_cmpfloat (b, ==, 62);
    g_assert_true (isnan (c));
    g_assert_true (zhi_answers_get_kpi (answers, "w10.kpi-cycle", &a, &b));
    g_assert_cmpfloat (a, ==, 120);
    g_assert_true (isnan (b));
    g_assert_true (zhi_answers_get_kpi_details (answers, "w10.kpi-cycle", &y0, &y1, &source));
    g_assert_cmpint (y0, ==, 2021);
    g_assert_cmpint (y1, ==, 0);
    g_assert_cmpstr (source, ==, "PLM 项目台账");
    g_assert_true (zhi_answers_get_kpi (answers, "w10.kpi-energy", &a, &b));
    g_assert_cmpfloat (a, ==, 80.5);
    g_assert_true (isnan (b));
    g_assert_true (zhi_project_close (reopened, &error));
    g_assert_no_error (error);
  }

  /* and a new window shows them where they were typed, on both pages for the KPI */
  window = open_window (app, file);
  view = zhi_window_get_project_view (window);
  g_assert_cmpstr (text_of (zhi_test_ui_criterion_control (view, "criterion:w02",
                                                           "w02.smart-equipment-ratio:numerator")),
                   ==, "55");
  g_assert_cmpstr (text_of (zhi_test_ui_criterion_control (
                       view, "criterion:w02", "w02.smart-equipment-ratio:denominator")),
                   ==, "");
  g_assert_cmpstr (text_of (zhi_test_ui_criterion_control (
                       view, "criterion:w03", "w03.networked-equipment-ratio:denominator")),
                   ==, "62");
  g_assert_cmpstr (
      text_of (zhi_test_ui_criterion_control (view, "criterion:w10", "w10.kpi-cycle:baseline")), ==,
      "120");
  g_assert_cmpstr (text_of (zhi_test_ui_criterion_control (view, "criterion:w10",
                                                           "w10.kpi-cycle:baseline-year")),
                   ==, "2021");
  g_assert_cmpstr (
      text_of (zhi_test_ui_criterion_control (view, "criterion:w10", "w10.kpi-energy:baseline")),
      ==, "80.5");
  g_assert_cmpstr (text_of (eligibility_control (view, "w10.kpi-cycle", "baseline")), ==, "120");
  g_assert_cmpstr (text_of (eligibility_control (view, "w10.kpi-cycle", "source")), ==,
                   "PLM 项目台账");
  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  int status;

  zhi_test_ui_init (&argc, &argv);
  tmpdir = zhi_test_tmp_dir_make ("zhizao-partial-XXXXXX");
  g_test_add_func ("/partial-answers/survive-close-and-reopen",
                   test_partial_answers_survive_reopen);
  status = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return status;
}
