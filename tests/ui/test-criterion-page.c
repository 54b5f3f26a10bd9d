/* The self-assessment page of one criterion: its controls write the answers and the
 * narrative, the live score follows, evidence links and page.focus work. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "zhi-criterion-page.h"
#include "zhi-evaluation.h"
#include "zhi-kpi.h"
#include "zhi-project-view.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"

typedef struct
{
  char *tmpdir;
  char *path;
  ZhiProject *project;
  ZhiEvaluation *evaluation;
  GtkWindow *window;
  ZhiCriterionPage *page;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *criterion_id = data;

  f->project
      = zhi_test_ui_new_project ("zhizao-criterion-XXXXXX", "车间.zhizao", &f->path, &f->tmpdir);
  zhi_project_set_track (f->project, ZHI_TRACK_WORKSHOP);
  f->evaluation = zhi_evaluation_new (f->project);

  f->page = ZHI_CRITERION_PAGE (zhi_criterion_page_new (criterion_id));
  g_object_set (f->page, "evaluation", f->evaluation, "project", f->project, NULL);
  f->window = zhi_test_ui_present (GTK_WIDGET (f->page), 900, 700);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  zhi_test_ui_destroy_window (f->window);
  g_assert_finalize_object (g_steal_pointer (&f->evaluation));
  zhi_test_ui_close_project (&f->project, &f->path, &f->tmpdir);
}

static GtkWidget *
lookup (Fixture *f, const char *name)
{
  GtkWidget *widget = zhi_criterion_page_lookup (f->page, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static void
type_into (Fixture *f, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (lookup (f, name)), text);
}

/* What the page shows once the evaluation has caught up with the last edit. */
static void
settle (Fixture *f)
{
  zhi_evaluation_update (f->evaluation);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static const ZhiGateResult *
gate_result (Fixture *f, const char *gate_id)
{
  ZhiScore *score = zhi_evaluation_get_score (f->evaluation);

  for (guint i = 0; i < score->gates->len; i++)
    {
      const ZhiGateResult *gate = g_ptr_array_index (score->gates, i);

      if (g_str_equal (gate->gate->id, gate_id))
        return gate;
    }
  g_error ("no gate %s", gate_id);
  return NULL;
}

static const ZhiCriterionResult *
criterion_result (Fixture *f, const char *id)
{
  return zhi_score_lookup_criterion (zhi_evaluation_get_score (f->evaluation), id);
}

static void
test_shows_official_text_and_weight (Fixture *f, gconstpointer data)
{
  ZhiStandard *standard = zhi_evaluation_get_standard (f->evaluation);
  const ZhiCriterion *criterion = zhi_standard_lookup_criterion (standard, "w02");
  const ZhiItem *item = g_ptr_array_index (criterion->items, 0);
  gboolean found = FALSE;

  g_assert_cmpstr (zhi_criterion_page_get_criterion_id (f->page), ==, "w02");
  /* the item's text word for word, selectable */
  {
    GtkWidget *page = GTK_WIDGET (f->page);
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, page);
    while (stack->len > 0 && !found)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_LABEL (w)
            && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), zhi_text_get (&item->text)) == 0)
          {
            found = TRUE;
            g_assert_true (gtk_label_get_selectable (GTK_LABEL (w)));
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  g_assert_true (found);
  /* every indicator has a control */
  g_assert_nonnull (zhi_criterion_page_lookup (f->page, "w02.smart-equipment-ratio:numerator"));
  g_assert_nonnull (zhi_criterion_page_lookup (f->page, "w02.equipment-maturity:level"));
  g_assert_nonnull (zhi_criterion_page_lookup (f->page, "w02.narrative:text"));
}

static double
y_in_page (Fixture *f, GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (
      gtk_widget_compute_point (widget, GTK_WIDGET (f->page), &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* The advice ("what would raise it") changes as one answers; it stays in one row of fixed
 * height (first line shown, the whole in a popover), so the indicators do not move. */
static void
test_advice_fixed_place (Fixture *f, gconstpointer data)
{
  const char *checks[] = { "w01.network", "w01.platform", "w01.security" };
  GtkWidget *first = lookup (f, "w01.network:yes");
  GtkLabel *advice = GTK_LABEL (lookup (f, "advice"));
  double y;
  guint changes = 0;

  settle (f);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 1);
  y = y_in_page (f, first);
  g_assert_nonnull (criterion_result (f, "w01")->advice);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *before = g_strdup (gtk_label_get_text (advice));
      g_autofree char *name = g_strdup_printf ("%s:yes", checks[i]);
      const ZhiCriterionResult *cr;

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lookup (f, name)), TRUE);
      settle (f);
      zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
      cr = criterion_result (f, "w01");
      /* the popover holds the whole advice, as the evaluation gives it */
      g_assert_cmpstr (gtk_label_get_text (advice), ==, cr->advice != NULL ? cr->advice : "");
      if (g_strcmp0 (before, gtk_label_get_text (advice)) != 0)
        changes++;
      g_assert_cmpfloat (fabs (y_in_page (f, first) - y), <, 0.5);
    }
  g_assert_cmpuint (changes, >=, 2);
}

static void
test_check_writes_answer (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  gboolean value = FALSE;

  /* unanswered is a state of its own, distinct from "no" */
  g_assert_true (
      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lookup (f, "w01.network:unanswered"))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lookup (f, "w01.network:yes")), TRUE);
  g_assert_true (zhi_answers_get_bool (answers, "w01.network", &value));
  g_assert_true (value);
  g_signal_emit_by_name (lookup (f, "w01.network:no"), "clicked");
  g_assert_true (zhi_answers_get_bool (answers, "w01.network", &value));
  g_assert_false (value);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lookup (f, "w01.network:unanswered")), TRUE);
  g_assert_cmpint (zhi_answers_get_answer_type (answers, "w01.network"), ==, ZHI_ANSWER_NONE);

  /* and the other way: the project's answer shows in the widget */
  zhi_answers_set_bool (answers, "w01.security", TRUE);
  zhi_project_answers_changed (f->project, "w01.security");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lookup (f, "w01.security:yes"))));

  settle (f);
  {
    const ZhiIndicatorResult *r
        = zhi_score_lookup_indicator (zhi_evaluation_get_score (f->evaluation), "w01.security");
    g_autofree char *points = zhi_scoring_format_points (r->points);

    g_assert_true (r->met);
    g_assert_nonnull (
        strstr (gtk_label_get_text (GTK_LABEL (lookup (f, "w01.security:points"))), points));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (lookup (f, "w01.security:detail"))), ==,
                     r->detail);
  }
}

static void
test_ratio_gate (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  GtkWidget *computed = lookup (f, "w02.smart-equipment-ratio:computed");
  double num = 0, den = 0, bench = 0;

  /* stored as typed, before the denominator exists (nothing typed is lost) */
  type_into (f, "w02.smart-equipment-ratio:numerator", "40");
  g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 40);
  g_assert_true (isnan (den));
  settle (f);
  g_assert_cmpint (gate_result (f, "gate.w02-equipment-ratio")->state, ==, ZHI_RULE_UNANSWERED);
  type_into (f, "w02.smart-equipment-ratio:denominator", "100");
  g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 40);
  g_assert_cmpfloat (den, ==, 100);
  settle (f);
  g_assert_cmpint (gate_result (f, "gate.w02-equipment-ratio")->state, ==, ZHI_RULE_NOT_MET);
  g_assert_true (gtk_widget_get_visible (computed));
  g_assert_true (gtk_widget_has_css_class (computed, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (computed)), "40%"));

  type_into (f, "w02.smart-equipment-ratio:numerator", "60");
  settle (f);
  g_assert_cmpint (gate_result (f, "gate.w02-equipment-ratio")->state, ==, ZHI_RULE_MET);
  g_assert_true (gtk_widget_has_css_class (computed, "success"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (computed)), "60%"));
}

static void
test_invalid_number_not_written (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  GtkWidget *numerator = lookup (f, "w02.smart-equipment-ratio:numerator");
  double num = 0, den = 0, bench = 0;

  type_into (f, "w02.smart-equipment-ratio:numerator", "12.5");
  type_into (f, "w02.smart-equipment-ratio:denominator", "50");
  g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 12.5);

  /* typing a stray character after the number: marked, and the number stays stored */
  {
    int position = -1;

    gtk_editable_insert_text (GTK_EDITABLE (numerator), "x", -1, &position);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (numerator)), ==, "12.5x");
  g_assert_true (gtk_widget_has_css_class (numerator, "error"));
  /* the message names the field */
  {
    GtkWidget *error = lookup (f, "w02.smart-equipment-ratio:error");
    const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (numerator));

    g_assert_true (gtk_widget_get_visible (error));
    g_assert_true (*title != '\0');
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error)), title));
  }
  g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 12.5); /* unchanged */
  /* the entry keeps what was typed even when something else changes the answers */
  zhi_answers_set_bool (answers, "w02.other", TRUE);
  zhi_project_answers_changed (f->project, "w02.other");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (numerator)), ==, "12.5x");

  /* full-width digits are numbers too; a text equal to the value is left alone */
  type_into (f, "w02.smart-equipment-ratio:numerator", "２０.0");
  g_assert_false (gtk_widget_has_css_class (numerator, "error"));
  g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (numerator)), ==, "２０.0");

  /* numerator above the denominator: kept as typed, marked, and not scored */
  type_into (f, "w02.smart-equipment-ratio:numerator", "80");
  g_assert_true (gtk_widget_has_css_class (numerator, "error"));
  g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 80);
  settle (f);
  g_assert_false (zhi_score_lookup_indicator (zhi_evaluation_get_score (f->evaluation),
                                              "w02.smart-equipment-ratio")
                      ->answered);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (numerator)), ==, "80");
  /* the message names both fields */
  {
    const ZhiIndicator *ratio = zhi_standard_lookup_indicator (
        zhi_evaluation_get_standard (f->evaluation), "w02.smart-equipment-ratio");
    const char *message
        = gtk_label_get_text (GTK_LABEL (lookup (f, "w02.smart-equipment-ratio:error")));

    g_assert_nonnull (strstr (message, zhi_text_get (&ratio->numerator)));
    g_assert_nonnull (strstr (message, zhi_text_get (&ratio->denominator)));
  }

  /* all empty clears the answer */
  type_into (f, "w02.smart-equipment-ratio:numerator", "");
  type_into (f, "w02.smart-equipment-ratio:denominator", "");
  g_assert_cmpint (zhi_answers_get_answer_type (answers, "w02.smart-equipment-ratio"), ==,
                   ZHI_ANSWER_NONE);
}

static void
test_level_writes_answer (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  AdwComboRow *row = ADW_COMBO_ROW (lookup (f, "w02.equipment-maturity:level"));

  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  adw_combo_row_set_selected (row, 3); /* L3 */
  g_assert_cmpstr (zhi_answers_get_level (answers, "w02.equipment-maturity"), ==, "L3");
  settle (f);
  g_assert_cmpint (gate_result (f, "gate.w02-equipment-maturity")->state, ==, ZHI_RULE_MET);
  adw_combo_row_set_selected (row, 0);
  g_assert_null (zhi_answers_get_level (answers, "w02.equipment-maturity"));

  zhi_answers_set_level (answers, "w02.equipment-maturity", "L2");
  zhi_project_answers_changed (f->project, "w02.equipment-maturity");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);

  /* GB/T 23021-2022: 一级 … 四级, only 三级 named (感知交互级, the seed's); no placeholder */
  {
    GListModel *model = adw_combo_row_get_model (row);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
    for (guint i = 1; i < 5; i++)
      {
        const char *item = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

        g_assert_null (strstr (item, "待核实"));
        g_assert_null (strstr (item, "verified"));
        g_assert_nonnull (strstr (item, i == 1 ? "L1" : i == 2 ? "L2" : i == 3 ? "L3" : "L4"));
        if (i == 3)
          g_assert_true (strstr (item, "感知交互级") != NULL
                         || strstr (item, "perception and interaction") != NULL);
      }
  }
}

static void
test_narrative (Fixture *f, gconstpointer data)
{
  GtkTextView *view = GTK_TEXT_VIEW (lookup (f, "w02.narrative:text"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkWidget *counter = lookup (f, "w02.narrative:computed");

  gtk_text_buffer_insert_at_cursor (buffer, "车间共有数控机床", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "120台。", -1);
  g_assert_cmpstr (zhi_project_get_narrative (f->project, "w02"), ==, "车间共有数控机床120台。");
  g_assert_null (zhi_project_get_answers (f->project) != NULL
                     ? zhi_answers_get_text (zhi_project_get_answers (f->project), "w02.narrative")
                     : NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (counter)), "13"));
  g_assert_true (gtk_widget_has_css_class (counter, "warning"));
  /* the length range is the tool's advice, and the narrative earns nothing */
  {
    g_autofree char *advice = g_strdup_printf (
        g_dgettext (GETTEXT_PACKAGE, "%ld characters. This tool suggests %lld to %lld (the tool’s "
                                     "advice, not a rule of the provincial document)."),
        13L, 150LL, 2000LL);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, advice);
  }
  settle (f);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (lookup (f, "w02.narrative:points"))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Required · no points"));
  g_assert_cmpfloat (
      zhi_score_lookup_indicator (zhi_evaluation_get_score (f->evaluation), "w02.narrative")
          ->points,
      ==, 0);

  /* set elsewhere: shown here */
  zhi_project_set_narrative (f->project, "w02", "另一段说明");
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "另一段说明");
  }
  settle (f);
  g_assert_true (
      zhi_score_lookup_indicator (zhi_evaluation_get_score (f->evaluation), "w02.narrative")
          ->answered);
}

/* Tab leaves every number field of an indicator, whatever message it shows (letters, a 0
 * denominator or baseline, a numerator above its denominator, hex): the focus moves on, and
 * on again from wherever it went. */
static void
test_tab_leaves_fields (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *text;
  } cases[] = {
    { "w02.smart-equipment-ratio:numerator", "12.5x" },
    { "w02.smart-equipment-ratio:denominator", "0" },
    { "w02.smart-equipment-ratio:numerator", "80" }, /* above the denominator 50 */
    { "w02.smart-equipment-ratio:denominator", "0x10" },
    { "w02.smart-equipment-ratio:numerator", "" },
    { "w10.kpi-cycle:baseline", "0" },
    { "w10.kpi-cycle:current", "三十" },
    { "w10.kpi-cycle:baseline-year", "20x3" },
  };
  const char *criterion = data;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *widget;

      if (!g_str_has_prefix (cases[i].name, criterion))
        continue;
      widget = lookup (f, cases[i].name);
      if (g_str_has_suffix (cases[i].name, ":numerator"))
        type_into (f, "w02.smart-equipment-ratio:denominator", "50");
      g_test_message ("%s “%s”", cases[i].name, cases[i].text);
      gtk_widget_grab_focus (widget);
      settle (f);
      type_into (f, cases[i].name, cases[i].text);
      settle (f);
      zhi_test_ui_assert_tab_leaves (f->window, widget);
    }
}

static void
test_kpi_change (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  GtkWidget *computed = lookup (f, "w10.kpi-cycle:computed");
  double baseline = 0, current = 0;

  type_into (f, "w10.kpi-cycle:baseline", "40");
  type_into (f, "w10.kpi-cycle:current", "30");
  g_assert_true (zhi_answers_get_kpi (answers, "w10.kpi-cycle", &baseline, &current));
  g_assert_cmpfloat (baseline, ==, 40);
  g_assert_cmpfloat (current, ==, 30);
  /* lower is better for the development cycle: −25% is an improvement */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (computed)), "−25%"));
  g_assert_true (gtk_widget_has_css_class (computed, "success"));

  type_into (f, "w10.kpi-productivity:baseline", "50");
  type_into (f, "w10.kpi-productivity:current", "45");
  computed = lookup (f, "w10.kpi-productivity:computed");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (computed)), "−10%"));
  g_assert_true (gtk_widget_has_css_class (computed, "warning"));
  settle (f);
  g_assert_true (
      zhi_score_lookup_indicator (zhi_evaluation_get_score (f->evaluation), "w10.kpi-cycle")->met);
  g_assert_false (
      zhi_score_lookup_indicator (zhi_evaluation_get_score (f->evaluation), "w10.kpi-productivity")
          ->met);
}

/* Each KPI field is stored as typed; years and source too; a baseline of 0 is an error. */
static void
test_kpi_partial_years_source (Fixture *f, gconstpointer data)
{
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  GtkWidget *computed = lookup (f, "w10.kpi-energy:computed");
  GtkWidget *details = lookup (f, "w10.kpi-energy:details");
  const ZhiIndicator *kpi = zhi_standard_lookup_indicator (
      zhi_evaluation_get_standard (f->evaluation), "w10.kpi-energy");
  double baseline = 0, current = 0;
  int y0 = 0, y1 = 0;
  const char *source = NULL;

  type_into (f, "w10.kpi-energy:baseline", "80");
  g_assert_true (zhi_answers_get_kpi (answers, "w10.kpi-energy", &baseline, &current));
  g_assert_cmpfloat (baseline, ==, 80);
  g_assert_true (isnan (current));
  g_assert_true (gtk_widget_get_visible (computed));
  /* says what is missing, in the words the checklist uses */
  {
    ZhiKpiFigures fig;
    g_autofree char *expected = NULL;
    g_autofree char *missing = NULL;

    zhi_kpi_read (kpi, answers, &fig);
    g_assert_cmpint (fig.trend, ==, ZHI_KPI_INCOMPLETE);
    expected = zhi_kpi_describe (kpi, &fig);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (computed)), ==, expected);
    /* values without years or source: named */
    missing = zhi_kpi_describe_details_problem (kpi, &fig);
    g_assert_nonnull (missing);
    g_assert_true (gtk_widget_get_visible (details));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (details)), ==, missing);
  }

  type_into (f, "w10.kpi-energy:baseline-year", "2021");
  type_into (f, "w10.kpi-energy:current-year", "2023");
  type_into (f, "w10.kpi-energy:source", "能源管理系统月报");
  g_assert_true (zhi_answers_get_kpi_details (answers, "w10.kpi-energy", &y0, &y1, &source));
  g_assert_cmpint (y0, ==, 2021);
  g_assert_cmpint (y1, ==, 2023);
  g_assert_cmpstr (source, ==, "能源管理系统月报");
  g_assert_false (gtk_widget_get_visible (details));
  /* a year that is no year is marked and not written */
  {
    int position = -1;

    gtk_editable_insert_text (GTK_EDITABLE (lookup (f, "w10.kpi-energy:current-year")), "5", -1,
                              &position);
  }
  g_assert_true (gtk_widget_has_css_class (lookup (f, "w10.kpi-energy:current-year"), "error"));
  g_assert_true (zhi_answers_get_kpi_details (answers, "w10.kpi-energy", &y0, &y1, &source));
  g_assert_cmpint (y1, ==, 2023);
  type_into (f, "w10.kpi-energy:current-year", "2023");

  /* a baseline of 0: an error naming the KPI, never an improvement */
  type_into (f, "w10.kpi-energy:baseline", "0");
  type_into (f, "w10.kpi-energy:current", "85");
  g_assert_true (gtk_widget_has_css_class (computed, "error"));
  g_assert_true (
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (computed)), zhi_text_get (&kpi->label)));
  {
    ZhiKpiFigures fig;

    zhi_kpi_read (kpi, answers, &fig);
    g_assert_cmpint (fig.trend, ==, ZHI_KPI_ZERO_BASELINE);
  }
  settle (f);
  g_assert_false (
      zhi_score_lookup_indicator (zhi_evaluation_get_score (f->evaluation), "w10.kpi-energy")
          ->answered);

  /* set elsewhere (the eligibility page, an import): shown here */
  zhi_answers_set_kpi (answers, "w10.kpi-energy", 70, 75);
  zhi_answers_set_kpi_details (answers, "w10.kpi-energy", 2020, 2024, "能源审计报告");
  zhi_project_answers_changed (f->project, "w10.kpi-energy");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lookup (f, "w10.kpi-energy:baseline"))), ==,
                   "70");
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (lookup (f, "w10.kpi-energy:baseline-year"))), ==,
      "2020");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lookup (f, "w10.kpi-energy:source"))), ==,
                   "能源审计报告");
  g_assert_true (gtk_widget_has_css_class (computed, "success"));
}

static void
test_evidence_link (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *no_evidence = lookup (f, "no-evidence");
  GtkWidget *list = lookup (f, "evidence-list");
  GtkListView *library;
  GListModel *model;
  ZhiEvidence *evidence;
  const ZhiCriterionResult *cr;
  double claimed;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lookup (f, "w01.network:yes")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lookup (f, "w01.security:yes")), TRUE);
  settle (f);
  cr = criterion_result (f, "w01");
  g_assert_cmpfloat (cr->claimed, >, 0);
  g_assert_cmpfloat (cr->evidenced, ==, 0);
  g_assert_true (gtk_widget_get_visible (no_evidence));
  g_assert_false (gtk_widget_get_visible (list));

  evidence = zhi_project_add_evidence (
      f->project, NULL, "网络拓扑图", "topology.pdf", "application/pdf", 1024,
      "0000000000000000000000000000000000000000000000000000000000000000", 3, NULL, NULL, &error);
  g_assert_no_error (error);
  /* the library lists it; choosing it links it to this criterion */
  {
    GtkPopover *popover
        = gtk_menu_button_get_popover (GTK_MENU_BUTTON (lookup (f, "add-from-library")));
    GtkWidget *box = gtk_popover_get_child (popover);
    GtkWidget *scrolled = gtk_widget_get_last_child (box);

    library = GTK_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
  }
  model = G_LIST_MODEL (gtk_list_view_get_model (library));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr (ZhiEvidence) listed = g_list_model_get_item (model, 0);

    g_assert_true (listed == evidence);
  }
  g_signal_emit_by_name (library, "activate", 0);
  g_assert_true (zhi_evidence_supports (evidence, "w01"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_false (gtk_widget_get_visible (no_evidence));
  g_assert_true (gtk_widget_get_visible (list));
  settle (f);
  cr = criterion_result (f, "w01");
  g_assert_cmpfloat (cr->evidenced, ==, cr->claimed);

  /* the file turns out not to open: it earns nothing, the page says why */
  zhi_project_set_evidence_inspection (f->project, zhi_evidence_get_id (evidence),
                                       ZHI_EVIDENCE_PROBLEM_ENCRYPTED, 3);
  settle (f);
  g_assert_cmpuint (zhi_evidence_get_page_count (evidence), ==, 0);
  cr = criterion_result (f, "w01");
  claimed = cr->claimed;
  g_assert_cmpfloat (claimed, >, 0);
  g_assert_cmpfloat (cr->evidenced, ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lookup (f, "summary"))), ==,
                   _ ("The linked evidence does not open: reviewers count 0 evidenced points. "
                      "Replace it with a file that opens."));
  {
    GtkListBoxRow *linked = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    g_autofree char *mark = g_strdup_printf (
        _ ("Unusable: %s"), zhi_evidence_problem_describe (ZHI_EVIDENCE_PROBLEM_ENCRYPTED));

    g_assert_nonnull (linked);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (linked)), mark));
  }
  zhi_project_set_evidence_inspection (f->project, zhi_evidence_get_id (evidence), NULL, 3);
  settle (f);
  g_assert_cmpfloat (criterion_result (f, "w01")->evidenced, ==, claimed);

  /* unlink */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.unlink-evidence", "s",
                              zhi_evidence_get_id (evidence));
  g_assert_false (zhi_evidence_supports (evidence, "w01"));
  g_assert_true (gtk_widget_get_visible (no_evidence));
  settle (f);
  g_assert_cmpfloat (criterion_result (f, "w01")->evidenced, ==, 0);
}

static gboolean
focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
test_focus (Fixture *f, gconstpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", "w02.smart-equipment-ratio");
  g_assert_true (focus_within (lookup (f, "w02.smart-equipment-ratio:numerator")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", "w02.narrative");
  zhi_test_ui_wait_for_focus (lookup (f, "w02.narrative:text"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", "evidence");
  zhi_test_ui_wait_for_focus (lookup (f, "add-files"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", "w02.equipment-maturity");
  g_assert_true (focus_within (lookup (f, "w02.equipment-maturity:level")));
}

/* Fits a phone-width window: nothing forces the page wider than 360 px. */
static void
test_narrow (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("ZHI_TEST_SHOT_DIR");
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_assert_cmpint (minimum, <=, 360);
  if (dir != NULL)
    {
      /* for looking at it: ZHI_TEST_SHOT_DIR=/tmp/x meson test criterion-page */
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, "criterion-narrow.png", NULL);

      gtk_window_set_default_size (f->window, 360, 2400);
      zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 3);
      g_assert_true (zhi_test_ui_save_png (GTK_WIDGET (f->window), path, &error));
    }
}

/* In the window's project view: one page per criterion, and the checklist's jump. */
static void
test_in_project_view (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = zhi_test_ui_tmp_path ("zhizao-criterion-XXXXXX", "view.zhizao", &tmpdir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (ZhiProject) project = zhi_project_create (file, &error);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ZhiProjectView *view = g_object_new (ZHI_TYPE_PROJECT_VIEW, NULL);
  g_auto (GStrv) steps = NULL;
  GtkWidget *page;

  g_assert_no_error (error);
  zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (view));
  zhi_project_view_set_project (view, project);
  gtk_window_present (window);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);

  steps = zhi_project_view_list_steps (view);
  g_assert_true (g_strv_contains ((const char *const *)steps, "criterion:w01"));
  g_assert_true (g_strv_contains ((const char *const *)steps, "criterion:w10"));
  page = zhi_project_view_get_page (view, "criterion:w03");
  g_assert_true (ZHI_IS_CRITERION_PAGE (page));

  g_assert_true (
      zhi_project_view_show_step (view, "criterion:w03", "w03.networked-equipment-ratio"));
  zhi_test_ui_wait_for_focus (zhi_criterion_page_lookup (
      ZHI_CRITERION_PAGE (page), "w03.networked-equipment-ratio:numerator"));
  /* the benchmark entry exists for a ratio compared with the industry */
  gtk_editable_set_text (GTK_EDITABLE (zhi_criterion_page_lookup (
                             ZHI_CRITERION_PAGE (page), "w03.networked-equipment-ratio:numerator")),
                         "45");
  gtk_editable_set_text (
      GTK_EDITABLE (zhi_criterion_page_lookup (ZHI_CRITERION_PAGE (page),
                                               "w03.networked-equipment-ratio:denominator")),
      "50");
  gtk_editable_set_text (GTK_EDITABLE (zhi_criterion_page_lookup (
                             ZHI_CRITERION_PAGE (page), "w03.networked-equipment-ratio:benchmark")),
                         "85");
  {
    double num = 0, den = 0, bench = 0;

    g_assert_true (zhi_answers_get_ratio (zhi_project_get_answers (project),
                                          "w03.networked-equipment-ratio", &num, &den, &bench));
    g_assert_cmpfloat (fabs (bench - 0.85), <, 1e-12);
  }

  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (zhi_project_close (project, &error));
  g_unlink (path);
  g_rmdir (tmpdir);
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);

#define ADD(path, crit, fn) g_test_add (path, Fixture, crit, fixture_set_up, fn, fixture_tear_down)
  ADD ("/criterion-page/official-text", "w02", test_shows_official_text_and_weight);
  ADD ("/criterion-page/check/writes-answer", "w01", test_check_writes_answer);
  ADD ("/criterion-page/advice/fixed-place", "w01", test_advice_fixed_place);
  ADD ("/criterion-page/ratio/gate-follows", "w02", test_ratio_gate);
  ADD ("/criterion-page/ratio/invalid-not-written", "w02", test_invalid_number_not_written);
  ADD ("/criterion-page/level/writes-answer", "w02", test_level_writes_answer);
  ADD ("/criterion-page/narrative", "w02", test_narrative);
  ADD ("/criterion-page/ratio/tab-leaves-fields", "w02", test_tab_leaves_fields);
  ADD ("/criterion-page/kpi/tab-leaves-fields", "w10", test_tab_leaves_fields);
  ADD ("/criterion-page/kpi/change", "w10", test_kpi_change);
  ADD ("/criterion-page/kpi/partial-years-source", "w10", test_kpi_partial_years_source);
  ADD ("/criterion-page/evidence/link-unlink", "w01", test_evidence_link);
  ADD ("/criterion-page/focus", "w02", test_focus);
  ADD ("/criterion-page/narrow", "w02", test_narrow);
#undef ADD
  g_test_add_func ("/criterion-page/in-project-view", test_in_project_view);
  return g_test_run ();
}
