/* The eligibility page (申报条件): answers through its widgets reach the project and the verdict */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "zhi-criterion-page.h"
#include "zhi-eligibility-page.h"
#include "zhi-kpi-editor.h"
#include "zhi-kpi.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

typedef struct
{
  ZhiApplication *app;
  ZhiWindow *window;
  char *tmpdir;
  char *path;
  ZhiProject *project; /* borrowed from the window */
  ZhiEvaluation *evaluation;
  ZhiEligibilityPage *page;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *track = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  ZhiProjectView *view;

  {
    g_autoptr (ZhiProject) project
        = zhi_test_ui_new_project ("zhizao-test-XXXXXX", "申报.zhizao", &f->path, &f->tmpdir);

    zhi_project_set_name (project, "沈阳示例装备制造有限公司");
    zhi_project_set_track (project, track);
    g_assert_true (zhi_project_close (project, &error));
    g_assert_no_error (error);
  }
  file = g_file_new_for_path (f->path);

  f->app = zhi_test_ui_application_new ();
  f->window = zhi_test_ui_open_window (f->app, file, 1000, 720);
  f->project = zhi_window_get_project (f->window);
  g_assert_nonnull (f->project);
  view = zhi_window_get_project_view (f->window);
  g_assert_true (zhi_project_view_show_step (view, "eligibility", NULL));
  f->page = ZHI_ELIGIBILITY_PAGE (zhi_project_view_get_page (view, "eligibility"));
  f->evaluation = zhi_project_view_get_evaluation (view);
  g_assert_true (zhi_page_get_project (ZHI_PAGE (f->page)) == f->project);
  g_assert_true (zhi_page_get_evaluation (ZHI_PAGE (f->page)) == f->evaluation);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  zhi_test_ui_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  g_unlink (f->path);
  g_rmdir (f->tmpdir);
  g_free (f->path);
  g_free (f->tmpdir);
}

static GtkWidget *
control (Fixture *f, const char *id, const char *which)
{
  GtkWidget *widget = zhi_eligibility_page_get_control (f->page, id, which);

  g_assert_nonnull (widget);
  return widget;
}

/* Clicks a toggle of a condition or exclusion, as the user would. */
static void
answer (Fixture *f, const char *id, const char *which)
{
  GtkWidget *button = control (f, id, which);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* "clicked" is what a pointer click or Space ends in (activate would wait for a timeout) */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

static void
type_into (GtkWidget *editable, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
update (Fixture *f)
{
  zhi_evaluation_update (f->evaluation);
}

static const char *
verdict (Fixture *f)
{
  return zhi_eligibility_page_get_verdict_title (f->page);
}

static const char *
summary (Fixture *f)
{
  return zhi_eligibility_page_get_verdict_summary (f->page);
}

static const ZhiExclusion *
exclusion (const char *id)
{
  g_autoptr (ZhiConditions) conditions = zhi_conditions_load_builtin (NULL);

  /* cached by the loader: the struct outlives this reference */
  return zhi_conditions_lookup_exclusion (conditions, id);
}

/* One of the standard's KPIs improved, so condition （四） can be met. */
static void
improve_one_kpi (Fixture *f)
{
  ZhiStandard *standard = zhi_evaluation_get_standard (f->evaluation);
  const ZhiIndicator *kpi = g_ptr_array_index (zhi_standard_get_kpis (standard), 0);

  zhi_answers_set_kpi (zhi_project_get_answers (f->project), kpi->id, 100,
                       kpi->better_higher ? 130 : 70);
  zhi_project_answers_changed (f->project, kpi->id);
}

static void
answer_all_good (Fixture *f)
{
  g_autofree char *code = zhi_test_credit_code ("210102", "MA0X7Q3K") /* Shenyang */;
  const char *conditions[] = { "cond-1", "cond-2", "cond-3", "cond-4", "cond-5", "cond-6" };
  const char *exclusions[] = { "excl-1", "excl-2", "excl-3" };

  zhi_project_set_credit_code (f->project, code);
  for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
    answer (f, conditions[i], "yes");
  for (guint i = 0; i < G_N_ELEMENTS (exclusions); i++)
    answer (f, exclusions[i], "no");
}

static void
test_verdict_follows_answers (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  GtkWidget *count = control (f, "factory-discrete.workshop-count", NULL);
  const ZhiExclusion *excl2 = exclusion ("excl-2");
  gboolean value = FALSE;
  gint64 n = 0;

  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_INCOMPLETE));

  answer_all_good (f);
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("cond-%u", i);

      g_assert_true (zhi_answers_get_bool (answers, id, &value));
      g_assert_true (value);
    }
  g_assert_true (zhi_answers_get_bool (answers, "excl-3", &value));
  g_assert_false (value);

  /* The workshop-count gate and condition （四）'s results are still open. */
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_INCOMPLETE));
  g_assert_cmpint (zhi_evaluation_get_eligibility (f->evaluation)->verdict, ==,
                   ZHI_VERDICT_INCOMPLETE);

  /* The count entry feeds the gate: 1 workshop fails it, 3 meet it. */
  improve_one_kpi (f);
  type_into (count, "1");
  g_assert_true (zhi_answers_get_count (answers, "factory-discrete.workshop-count", &n));
  g_assert_cmpint (n, ==, 1);
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_NOT_ELIGIBLE));
  g_assert_nonnull (strstr (
      summary (f),
      zhi_text_get (&((ZhiGate *)g_ptr_array_index (
                          zhi_standard_get_gates (zhi_evaluation_get_standard (f->evaluation)), 0))
                         ->text)));
  type_into (count, "3");
  g_assert_true (zhi_answers_get_count (answers, "factory-discrete.workshop-count", &n));
  g_assert_cmpint (n, ==, 3);
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_ELIGIBLE));

  /* Text that is no number is marked and counts as no answer, like an empty entry. */
  type_into (count, "三");
  g_assert_true (gtk_widget_has_css_class (count, "error"));
  g_assert_false (zhi_answers_get_count (answers, "factory-discrete.workshop-count", &n));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (count)), ==, "三");
  type_into (count, "");
  g_assert_false (gtk_widget_has_css_class (count, "error"));
  g_assert_false (zhi_answers_get_count (answers, "factory-discrete.workshop-count", &n));
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_INCOMPLETE));
  type_into (count, "2");
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_ELIGIBLE));

  /* An exclusion that applies makes it not eligible, and the verdict names it. */
  answer (f, "excl-2", "yes");
  g_assert_true (zhi_answers_get_bool (answers, "excl-2", &value));
  g_assert_true (value);
  g_assert_true (gtk_widget_has_css_class (control (f, "excl-2", "yes"), "destructive-action"));
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_NOT_ELIGIBLE));
  g_assert_nonnull (strstr (summary (f), zhi_text_get (&excl2->short_name)));
  g_assert_nonnull (strstr (summary (f), excl2->mark));

  /* Back to "no"; then condition （五） decides by its first half like the others… */
  answer (f, "excl-2", "no");
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_ELIGIBLE));
  answer (f, "cond-5", "no");
  g_assert_true (zhi_answers_get_bool (answers, "cond-5", &value));
  g_assert_false (value);
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_NOT_ELIGIBLE));
  g_assert_nonnull (strstr (summary (f), "（五）"));
  answer (f, "cond-5", "yes");
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_ELIGIBLE));
  /* …while its second half, encouraged, has controls of its own and never decides. */
  answer (f, "cond-5.encouraged", "no");
  g_assert_true (zhi_answers_get_bool (answers, "cond-5.encouraged", &value));
  g_assert_false (value);
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_ELIGIBLE));
  answer (f, "cond-5.encouraged", "yes");
  g_assert_true (zhi_answers_get_bool (answers, "cond-5.encouraged", &value));
  g_assert_true (value);
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_ELIGIBLE));

  /* "Not answered" clears the answer; a required condition unanswered → incomplete. */
  answer (f, "cond-2", "none");
  g_assert_cmpint (zhi_answers_get_answer_type (answers, "cond-2"), ==, ZHI_ANSWER_NONE);
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_INCOMPLETE));
}

static void
test_credit_code_decides_condition_one (Fixture *f, gconstpointer data)
{
  answer_all_good (f);
  improve_one_kpi (f);
  type_into (control (f, "gate.workshop-count", NULL), "2");
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_ELIGIBLE));

  /* A code from outside Liaoning (Beijing, 110101) fails condition （一）. */
  {
    g_autofree char *code = zhi_test_credit_code ("110101", "MA0X7Q3K");

    zhi_project_set_credit_code (f->project, code);
  }
  update (f);
  g_assert_cmpstr (verdict (f), ==, zhi_verdict_to_label (ZHI_VERDICT_NOT_ELIGIBLE));

  /* The button beside the code goes to the enterprise page's field. */
  g_assert_cmpstr (
      gtk_actionable_get_action_name (GTK_ACTIONABLE (control (f, "credit-code", NULL))), ==,
      "view.show-step");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (
                                             GTK_ACTIONABLE (control (f, "credit-code", NULL))),
                                         NULL),
                   ==, "enterprise#credit-code");
}

static void
test_notes_stored (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  GtkWidget *note = control (f, "cond-3", "note");

  type_into (note, "《智能制造发展规划（2023—2025）》已由董事会通过。");
  g_assert_cmpstr (zhi_answers_get_note (answers, "cond-3"), ==,
                   "《智能制造发展规划（2023—2025）》已由董事会通过。");
  type_into (control (f, "excl-1", "note"), "材料均经法务审核。");
  g_assert_cmpstr (zhi_answers_get_note (answers, "excl-1"), ==, "材料均经法务审核。");
  /* The note is kept when the answer changes, and an empty entry removes it. */
  answer (f, "cond-3", "yes");
  answer (f, "cond-3", "none");
  g_assert_cmpstr (zhi_answers_get_note (answers, "cond-3"), ==,
                   "《智能制造发展规划（2023—2025）》已由董事会通过。");
  type_into (note, "");
  g_assert_null (zhi_answers_get_note (answers, "cond-3"));
}

static void
test_changes_elsewhere_shown (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);

  zhi_answers_set_bool (answers, "cond-4", FALSE);
  zhi_answers_set_note (answers, "cond-4", "车间尚在调试");
  zhi_project_answers_changed (f->project, "cond-4");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (control (f, "cond-4", "no"))));
  g_assert_true (gtk_widget_has_css_class (control (f, "cond-4", "no"), "destructive-action"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (f, "cond-4", "note"))), ==,
                   "车间尚在调试");

  zhi_answers_set_count (answers, "factory-discrete.workshop-count", 4);
  zhi_answers_set_level (answers, "factory-discrete.cmmm-level", "L3");
  zhi_project_answers_changed (f->project, NULL);
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (control (f, "factory-discrete.workshop-count", NULL))),
      ==, "4");
  g_assert_cmpuint (
      gtk_drop_down_get_selected (GTK_DROP_DOWN (control (f, "factory-discrete.cmmm-level", NULL))),
      ==, 3);
  /* …and the level combo writes back. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (f, "factory-discrete.cmmm-level", NULL)), 1);
  g_assert_cmpstr (zhi_answers_get_level (answers, "factory-discrete.cmmm-level"), ==, "L1");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (f, "factory-discrete.cmmm-level", NULL)), 0);
  g_assert_null (zhi_answers_get_level (answers, "factory-discrete.cmmm-level"));

  zhi_answers_clear (answers, "cond-4");
  zhi_project_answers_changed (f->project, "cond-4");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (control (f, "cond-4", "none"))));
}

static void
test_evidence_linked (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *button = control (f, "cond-1", "evidence");
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  GtkWidget *check = NULL;
  ZhiEvidence *evidence = zhi_project_add_evidence (
      f->project, NULL, "营业执照", "license.pdf", "application/pdf", 1024,
      "0000000000000000000000000000000000000000000000000000000000000000", 1, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  zhi_test_ui_wait_for_frames (popover, 1);
  for (GtkWidget *w = popover; w != NULL;)
    {
      /* depth-first search for the first check button */
      if (GTK_IS_CHECK_BUTTON (w))
        {
          check = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != popover && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == popover ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_widget_activate (check);
  g_assert_true (zhi_evidence_supports (evidence, "cond-1"));
  {
    g_autoptr (GPtrArray) items = zhi_project_list_evidence_for (f->project, "cond-1");

    g_assert_cmpuint (items->len, ==, 1);
  }
  gtk_widget_activate (check);
  g_assert_false (zhi_evidence_supports (evidence, "cond-1"));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static gboolean
is_focused (Fixture *f, GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_focus (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "cond-3", "excl-2", "gate.workshop-count",
                        "factory-discrete.workshop-count", "factory-discrete.cmmm-level" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", ids[i]));
      zhi_test_ui_wait_for_focus (control (f, ids[i], NULL));
    }
  /* The project view passes "eligibility#excl-3" on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "view.show-step", "s",
                                             "eligibility#excl-3"));
  g_assert_true (is_focused (f, control (f, "excl-3", NULL)));
}

static void
test_workshop_gates (Fixture *f, gconstpointer data)
{
  GtkWidget *scenarios = control (f, "gate.scenario-count", NULL);
  GtkWidget *ratio = control (f, "gate.w02-equipment-ratio", NULL);

  g_assert_cmpstr (g_variant_get_string (
                       gtk_actionable_get_action_target_value (GTK_ACTIONABLE (scenarios)), NULL),
                   ==, "enterprise#scenarios");
  g_assert_cmpstr (
      g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (ratio)), NULL),
      ==, "criterion:w02#w02.smart-equipment-ratio");
  g_assert_true (GTK_IS_DROP_DOWN (control (f, "workshop.cmmm-level", NULL)));
}

/* ZHI_SHOTS_DIR=dir: the whole page, wide and narrow, after some answers (for looking at it) */
static void
test_shots (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("ZHI_SHOTS_DIR");
  const int widths[] = { 1000, 420 };

  if (dir == NULL)
    {
      g_test_skip ("ZHI_SHOTS_DIR not set");
      return;
    }
  answer (f, "cond-1", "yes");
  answer (f, "cond-2", "no");
  answer (f, "excl-2", "yes");
  answer (f, "excl-1", "no");
  zhi_project_set_credit_code (f->project, "91210102MA0X7Q3K9");
  type_into (control (f, "gate.workshop-count", NULL), "1");
  /* condition （四）'s figures: one improved, one worse, one with a baseline of 0, one half-filled
   */
  type_into (control (f, "fd08.kpi-cycle", "baseline"), "120");
  type_into (control (f, "fd08.kpi-cycle", "current"), "90");
  type_into (control (f, "fd08.kpi-cycle", "baseline-year"), "2021");
  type_into (control (f, "fd08.kpi-cycle", "current-year"), "2023");
  type_into (control (f, "fd08.kpi-cycle", "source"), "PLM 项目台账");
  type_into (control (f, "fd08.kpi-productivity", "baseline"), "50");
  type_into (control (f, "fd08.kpi-productivity", "current"), "45");
  type_into (control (f, "fd08.kpi-energy", "baseline"), "0");
  type_into (control (f, "fd08.kpi-energy", "current"), "85");
  type_into (control (f, "fd08.kpi-defect", "baseline"), "2.5");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (control (f, "fd08.kpi-cycle", "expander")),
                                TRUE);
  update (f);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (f->page)));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

      gtk_window_set_default_size (GTK_WINDOW (f->window), widths[i], 1000);
      zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 4);
      if (widths[i] < 600)
        gtk_widget_activate_action (GTK_WIDGET (f->page), "view.show-step", "s", "eligibility");
      zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 4);
      for (guint k = 0; k < 12; k++)
        {
          g_autofree char *name = g_strdup_printf (
              "%s/elig-%s-%d-%02u.png", dir, g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en",
              widths[i], k);
          g_autoptr (GError) error = NULL;

          gtk_adjustment_set_value (adjustment, k * 850.0);
          zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
          g_assert_true (zhi_test_ui_save_png (GTK_WIDGET (f->window), name, &error));
          if (k * 850.0
              > gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
            break;
        }
    }
}

/* Condition （四） shows the five KPI figures it rests on: the same answers as the KPI criterion,
 * editable from either page, both pages in step; a baseline of 0 or a missing value is named, a
 * KPI that got worse is flagged. */
static void
test_kpi_figures_shared_with_criterion (Fixture *f, gconstpointer data)
{
  ZhiProjectView *view = zhi_window_get_project_view (f->window);
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  ZhiStandard *standard = zhi_evaluation_get_standard (f->evaluation);
  const ZhiIndicator *cycle = zhi_standard_lookup_indicator (standard, "w10.kpi-cycle");
  const ZhiIndicator *productivity
      = zhi_standard_lookup_indicator (standard, "w10.kpi-productivity");
  GtkWidget *row = control (f, "w10.kpi-cycle", "summary");
  ZhiCriterionPage *criterion;
  GtkWidget *criterion_baseline;
  GtkWidget *criterion_current;
  double baseline = 0, current = 0;
  ZhiKpiFigures fig;

  /* the five KPIs, each with a line and an editor */
  for (guint i = 0; i < zhi_standard_get_kpis (standard)->len; i++)
    {
      const ZhiIndicator *kpi = g_ptr_array_index (zhi_standard_get_kpis (standard), i);

      g_assert_true (ADW_IS_ACTION_ROW (control (f, kpi->id, "summary")));
      g_assert_true (ZHI_IS_KPI_EDITOR (control (f, kpi->id, "editor")));
    }

  /* typed here: only a baseline, stored, and named as missing its current value */
  type_into (control (f, "w10.kpi-cycle", "baseline"), "40");
  g_assert_true (zhi_answers_get_kpi (answers, "w10.kpi-cycle", &baseline, &current));
  g_assert_cmpfloat (baseline, ==, 40);
  g_assert_true (isnan (current));
  zhi_kpi_read (cycle, answers, &fig);
  {
    g_autofree char *line = zhi_kpi_describe (cycle, &fig);

    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), line));
  }

  /* the criterion page shows it, and what is typed there shows here */
  g_assert_true (zhi_project_view_show_step (view, "criterion:w10", NULL));
  criterion = ZHI_CRITERION_PAGE (zhi_project_view_get_page (view, "criterion:w10"));
  g_assert_nonnull (criterion);
  criterion_baseline = zhi_criterion_page_lookup (criterion, "w10.kpi-cycle:baseline");
  criterion_current = zhi_criterion_page_lookup (criterion, "w10.kpi-cycle:current");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (criterion_baseline)), ==, "40");
  type_into (criterion_current, "30");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (f, "w10.kpi-cycle", "current"))),
                   ==, "30");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "−25%"));
  g_assert_true (gtk_widget_has_css_class (control (f, "w10.kpi-cycle", "computed"), "success"));
  /* years and source typed here show there */
  type_into (control (f, "w10.kpi-cycle", "source"), "PLM 项目台账");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                       zhi_criterion_page_lookup (criterion, "w10.kpi-cycle:source"))),
                   ==, "PLM 项目台账");

  /* a baseline of 0, typed on the criterion page: an error naming the KPI on both pages */
  type_into (criterion_baseline, "0");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (control (f, "w10.kpi-cycle", "baseline"))),
                   ==, "0");
  zhi_kpi_read (cycle, answers, &fig);
  g_assert_cmpint (fig.trend, ==, ZHI_KPI_ZERO_BASELINE);
  {
    g_autofree char *line = zhi_kpi_describe (cycle, &fig);

    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), line));
    g_assert_true (g_str_has_prefix (line, zhi_text_get (&cycle->label)));
  }
  g_assert_true (gtk_widget_has_css_class (control (f, "w10.kpi-cycle", "computed"), "error"));
  g_assert_true (gtk_widget_has_css_class (
      zhi_criterion_page_lookup (criterion, "w10.kpi-cycle:computed"), "error"));
  /* condition （四） is not met by it: with the answer yes and no KPI improved, unanswered, and
   * its reason names the KPI */
  answer (f, "cond-4", "yes");
  update (f);
  {
    const ZhiRuleResult *rule
        = zhi_eligibility_lookup (zhi_evaluation_get_eligibility (f->evaluation), "cond-4");

    g_assert_cmpint (rule->state, ==, ZHI_RULE_UNANSWERED);
    g_assert_nonnull (strstr (rule->reason, zhi_text_get (&cycle->label)));
  }

  /* a KPI that got worse is flagged, here and in the condition's reason */
  type_into (control (f, "w10.kpi-productivity", "baseline"), "50");
  type_into (control (f, "w10.kpi-productivity", "current"), "40");
  zhi_kpi_read (productivity, answers, &fig);
  g_assert_cmpint (fig.trend, ==, ZHI_KPI_WORSE);
  g_assert_true (
      gtk_widget_has_css_class (control (f, "w10.kpi-productivity", "computed"), "warning"));
  g_assert_true (gtk_widget_has_css_class (
      zhi_criterion_page_lookup (criterion, "w10.kpi-productivity:computed"), "warning"));
  update (f);
  {
    const ZhiRuleResult *rule
        = zhi_eligibility_lookup (zhi_evaluation_get_eligibility (f->evaluation), "cond-4");
    g_autofree char *line = zhi_kpi_describe (productivity, &fig);

    g_assert_nonnull (strstr (rule->reason, line));
  }

  /* corrected on the eligibility page: improved, and the condition the enterprise confirmed is
   * met */
  type_into (control (f, "w10.kpi-cycle", "baseline"), "40");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (criterion_baseline)), ==, "40");
  update (f);
  g_assert_cmpint (
      zhi_eligibility_lookup (zhi_evaluation_get_eligibility (f->evaluation), "cond-4")->state, ==,
      ZHI_RULE_MET);
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);

#define ADD(path, track, func)                                                                     \
  g_test_add (path, Fixture, track, fixture_set_up, func, fixture_tear_down)
  ADD ("/eligibility-page/verdict-follows-answers", "factory-discrete",
       test_verdict_follows_answers);
  ADD ("/eligibility-page/credit-code-decides-condition-one", "factory-discrete",
       test_credit_code_decides_condition_one);
  ADD ("/eligibility-page/notes-stored", "factory-discrete", test_notes_stored);
  ADD ("/eligibility-page/changes-elsewhere-shown", "factory-discrete",
       test_changes_elsewhere_shown);
  ADD ("/eligibility-page/evidence-linked", "factory-discrete", test_evidence_linked);
  ADD ("/eligibility-page/focus", "factory-discrete", test_focus);
  ADD ("/eligibility-page/workshop-gates", "workshop", test_workshop_gates);
  ADD ("/eligibility-page/kpi-figures-shared-with-criterion", "workshop",
       test_kpi_figures_shared_with_criterion);
  ADD ("/eligibility-page/shots", "factory-discrete", test_shots);
#undef ADD
  return g_test_run ();
}
