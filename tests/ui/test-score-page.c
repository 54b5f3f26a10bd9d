/* The score preview page: totals, chart, weakest criteria and the pre-submit checklist, live */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <string.h>

#include "zhi-demo.h"
#include "zhi-evaluation.h"
#include "zhi-project-view.h"
#include "zhi-score-page.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"

typedef struct
{
  char *tmpdir;
  char *path;
  ZhiProject *project;
  GtkWindow *window;
  ZhiProjectView *view;
  ZhiScorePage *page;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;

  f->path = zhi_test_ui_tmp_path ("zhizao-score-XXXXXX", "demo.zhizao", &f->tmpdir);
  file = g_file_new_for_path (f->path);
  f->project = zhi_demo_create (file, "workshop", &error);
  g_assert_no_error (error);

  f->view = g_object_new (ZHI_TYPE_PROJECT_VIEW, NULL);
  zhi_project_view_set_project (f->view, f->project);
  g_assert_true (zhi_project_view_show_step (f->view, "score", NULL));
  f->page = ZHI_SCORE_PAGE (zhi_project_view_get_page (f->view, "score"));
  g_assert_nonnull (f->page);
  f->window = zhi_test_ui_present (GTK_WIDGET (f->view), 1000, 800);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  zhi_test_ui_destroy_window (f->window);
  zhi_test_ui_close_project (&f->project, &f->path, &f->tmpdir);
}

static ZhiEvaluation *
evaluation (Fixture *f)
{
  return zhi_project_view_get_evaluation (f->view);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static const char *
row_target (GtkListBoxRow *row)
{
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row));

  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "view.show-step");
  g_assert_nonnull (target);
  return g_variant_get_string (target, NULL);
}

static void
test_totals (Fixture *f, gconstpointer data)
{
  ZhiScore *score = zhi_evaluation_get_score (evaluation (f));
  g_autofree char *claimed = zhi_scoring_format_points (score->total_claimed);
  g_autofree char *evidenced = zhi_scoring_format_points (score->total_evidenced);

  g_assert_cmpstr (zhi_score_page_get_total_text (f->page, FALSE), ==, claimed);
  g_assert_cmpstr (zhi_score_page_get_total_text (f->page, TRUE), ==, evidenced);
  /* The demo leaves one criterion without evidence: the totals differ. */
  g_assert_cmpstr (claimed, !=, evidenced);
  /* The band is labelled as the tool's own reading, never shown bare. */
  {
    g_autofree char *band
        = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "The tool’s own reading: %s"),
                           zhi_text_get (&score->band->label));

    g_assert_cmpstr (zhi_score_page_get_band_text (f->page, TRUE), ==, band);
    g_assert_cmpstr (zhi_score_page_get_band_text (f->page, TRUE), !=,
                     zhi_text_get (&score->band->label));
  }
}

/* Every label of the page the user can read (an expander's text too, folded or not). */
static void
collect_texts (GtkWidget *widget, GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_EXPANDER (widget))
    gtk_expander_set_expanded (GTK_EXPANDER (widget), TRUE);
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_ptr_array_add (texts, (gpointer)gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* Each message says something once: no sentence of the page is in two of its labels, and the
 * disclaimer leaves the weights to the note that explains them. */
static void
test_says_things_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ZhiScore *score = zhi_evaluation_get_score (evaluation (f));
  const char *note = zhi_text_get (zhi_standard_get_weights_note (score->standard));
  const char *disclaimer = g_dgettext (
      GETTEXT_PACKAGE,
      "This is a self-assessment computed by Zhizao from your answers, not the province’s "
      "decision. The bands (such as “Good”) are this tool’s own reading: the province defines "
      "none, and the dossier does not print them.");
  gboolean note_shown = FALSE;
  gboolean disclaimer_shown = FALSE;

  collect_texts (GTK_WIDGET (f->page), texts);
  g_assert_cmpuint (texts->len, >, 10);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      g_auto (GStrv) sentences = g_regex_split_simple ("[。！？]|[.!?] ", text, 0, 0);

      if (g_strcmp0 (text, note) == 0)
        note_shown = TRUE;
      for (guint j = 0; sentences[j] != NULL; j++)
        {
          g_autofree char *sentence = g_strstrip (g_strdup (sentences[j]));

          if (g_utf8_strlen (sentence, -1) < 12)
            continue;
          if (g_hash_table_contains (seen, sentence))
            g_error ("said twice on the score page: “%s”", sentence);
          g_hash_table_add (seen, g_steal_pointer (&sentence));
        }
      /* the disclaimer (once) leaves the weights and the narratives to the note */
      if (g_strcmp0 (text, disclaimer) == 0)
        {
          g_assert_false (disclaimer_shown);
          disclaimer_shown = TRUE;
        }
    }
  g_assert_true (note_shown);
  g_assert_true (disclaimer_shown);
  g_assert_cmpuint (g_hash_table_size (seen), >, 5);
}

static void
test_checklist_rows (Fixture *f, gconstpointer data)
{
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation (f));
  GtkListBox *checklist = zhi_score_page_get_checklist (f->page);

  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpuint (count_rows (checklist), ==, problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *expected = problem->field != NULL
                                      ? g_strconcat (problem->step, "#", problem->field, NULL)
                                      : g_strdup (problem->step);

      g_assert_cmpstr (row_target (gtk_list_box_get_row_at_index (checklist, i)), ==, expected);
    }
}

/* A row activated in the page reaches the view's action: the view shows the problem's step
 * (when that step's page exists in this build). */
static void
test_checklist_activates_step (Fixture *f, gconstpointer data)
{
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation (f));
  GtkListBox *checklist = zhi_score_page_get_checklist (f->page);
  g_auto (GStrv) steps = zhi_project_view_list_steps (f->view);

  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (checklist, i);

      g_assert_true (zhi_project_view_show_step (f->view, "score", NULL));
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));
      g_assert_true (gtk_list_box_row_get_activatable (row));
      gtk_widget_activate (GTK_WIDGET (row));
      if (g_strv_contains ((const char *const *)steps, problem->step))
        g_assert_cmpstr (zhi_project_view_get_step (f->view), ==, problem->step);
      else
        g_assert_cmpstr (zhi_project_view_get_step (f->view), ==, "score");
    }
}

/* "score#checklist" through the view: the step is shown and its page.focus focuses the field. */
static void
test_show_step_focuses_field (Fixture *f, gconstpointer data)
{
  GtkListBox *checklist = zhi_score_page_get_checklist (f->page);

  g_assert_true (zhi_project_view_show_step (f->view, "guide", NULL));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->page), "view.show-step", "s", "score#checklist"));
  g_assert_cmpstr (zhi_project_view_get_step (f->view), ==, "score");
  zhi_test_ui_wait_for_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (checklist, 0)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window))
                 == GTK_WIDGET (gtk_list_box_get_row_at_index (checklist, 0)));
}

static void
record_cb (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  GPtrArray *targets = data;

  g_ptr_array_add (targets, g_variant_dup_string (parameter, NULL));
}

/* Outside a view, the same rows activate whatever "view.show-step" their ancestors offer, with
 * "step#field": what the view splits to show the step and call its page's page.focus. */
static void
test_rows_send_step_and_field (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) action = g_simple_action_new ("show-step", G_VARIANT_TYPE_STRING);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ZhiScorePage *page = ZHI_SCORE_PAGE (zhi_score_page_new ());
  GPtrArray *problems;
  ZhiScore *score;
  GtkListBox *checklist = zhi_score_page_get_checklist (page);
  GtkListBox *weakest = zhi_score_page_get_weakest_list (page);

  g_signal_connect (action, "activate", G_CALLBACK (record_cb), targets);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "view", G_ACTION_GROUP (group));
  g_object_set (page, "evaluation", evaluation (f), "project", f->project, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 1);
  /* Other pages may still be filling in page counts: read the results once it settled. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  problems = zhi_evaluation_get_problems (evaluation (f));
  score = zhi_evaluation_get_score (evaluation (f));
  g_assert_cmpuint (count_rows (checklist), ==, problems->len);

  for (guint i = 0; i < problems->len; i++)
    gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (checklist, i)));
  g_assert_cmpuint (targets->len, ==, problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);
      g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (targets, i), "#", 2);

      g_assert_cmpstr (parts[0], ==, problem->step);
      g_assert_cmpstr (parts[1], ==, problem->field);
    }

  /* The weakest criteria sit under their count, in an expander that keeps the page still
   * while the list shrinks; opened, they jump to their criterion. */
  g_ptr_array_set_size (targets, 0);
  g_assert_cmpuint (score->weakest->len, >, 0);
  {
    g_autofree char *count = g_strdup_printf ("%u", score->weakest->len);
    GtkExpander *expander = zhi_score_page_get_weakest_expander (page);

    g_assert_false (gtk_expander_get_expanded (expander));
    g_assert_nonnull (strstr (gtk_expander_get_label (expander), count));
    gtk_expander_set_expanded (expander, TRUE);
  }
  g_assert_cmpuint (count_rows (weakest), ==, score->weakest->len);
  for (guint i = 0; i < score->weakest->len; i++)
    {
      const ZhiCriterionResult *result = g_ptr_array_index (score->weakest, i);
      g_autofree char *expected = g_strconcat ("criterion:", result->criterion->id, NULL);

      gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (weakest, i)));
      g_assert_cmpstr (g_ptr_array_index (targets, i), ==, expected);
    }

  g_object_set (page, "evaluation", NULL, "project", NULL, NULL);
  g_assert_cmpstr (zhi_score_page_get_total_text (page, TRUE), ==, "");
  gtk_window_destroy (window);
}

typedef struct
{
  ZhiScorePage *page;
  const char *expected;
} TextWait;

static gboolean
evidenced_shown (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (zhi_score_page_get_total_text (wait->page, TRUE), wait->expected) == 0;
}

static void
test_live_update (Fixture *f, gconstpointer data)
{
  ZhiScore *before = zhi_evaluation_get_score (evaluation (f));
  const ZhiCriterionResult *w01 = zhi_score_lookup_criterion (before, "w01");
  double expected_total = before->total_evidenced - w01->evidenced;
  g_autofree char *expected = zhi_scoring_format_points (expected_total);
  g_autoptr (GPtrArray) supporting = zhi_project_list_evidence_for (f->project, "w01");
  guint n_problems = zhi_evaluation_get_problems (evaluation (f))->len;
  TextWait wait = { f->page, expected };

  g_assert_cmpfloat (w01->evidenced, >, 0);
  g_assert_cmpuint (supporting->len, >, 0);
  for (guint i = 0; i < supporting->len; i++)
    zhi_project_remove_evidence_support (
        f->project, zhi_evidence_get_id (g_ptr_array_index (supporting, i)), "w01");

  zhi_test_ui_wait_until (evidenced_shown, &wait, ZHI_TEST_UI_TIMEOUT_MS);
  /* …and the checklist gained the criterion without evidence. */
  g_assert_cmpuint (zhi_evaluation_get_problems (evaluation (f))->len, ==, n_problems + 1);
  g_assert_cmpuint (count_rows (zhi_score_page_get_checklist (f->page)), ==, n_problems + 1);
}

static gboolean
checklist_empty (gpointer data)
{
  ZhiScorePage *page = data;

  return gtk_list_box_get_row_at_index (zhi_score_page_get_checklist (page), 0) == NULL;
}

/* With the last problem fixed, the checklist is empty and says so. */
static void
test_empty_checklist (Fixture *f, gconstpointer data)
{
  GListModel *evidence = zhi_project_get_evidence_list (f->project);
  g_autoptr (ZhiEvidence) first = g_list_model_get_item (evidence, 0);
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation (f));

  /* The demo's one problem: a criterion without evidence. */
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((ZhiProblem *)g_ptr_array_index (problems, 0))->code, ==, "no-evidence");
  zhi_project_add_evidence_support (f->project, zhi_evidence_get_id (first), "w04");
  zhi_test_ui_wait_until (checklist_empty, f->page, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_cmpuint (zhi_evaluation_get_problems (evaluation (f))->len, ==, 0);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 1);
}

static void
test_chart_draws (Fixture *f, gconstpointer data)
{
  ZhiScore *score = zhi_evaluation_get_score (evaluation (f));
  GtkWidget *chart = zhi_score_page_get_chart (f->page);
  g_autofree char *png = g_build_filename (f->tmpdir, "chart.png", NULL);
  g_autoptr (GError) error = NULL;
  GStatBuf st;
  const char *keep = g_getenv ("ZHI_TEST_SCORE_PNG_DIR");

  g_assert_true (gtk_widget_get_mapped (chart));
  g_assert_cmpint (gtk_widget_get_height (chart), >, 20 * (int)score->criteria->len);
  g_assert_true (zhi_test_ui_save_png (chart, png, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (png, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1000);
  g_unlink (png);
  /* Two bars per criterion: claimed and evidenced. */
  g_assert_cmpuint (zhi_score_page_get_n_chart_bars (f->page), ==, 2 * score->criteria->len);

  /* For looking at: the page scrolled top, middle and bottom, wide and narrow, light and
   * dark. */
  if (keep != NULL)
    {
      const char *lang = g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "en";
      GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (
          GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (chart, GTK_TYPE_SCROLLED_WINDOW)));

      for (int dark = 0; dark < 2; dark++)
        for (int narrow = 0; narrow < 2; narrow++)
          {
            adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                                dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                     : ADW_COLOR_SCHEME_FORCE_LIGHT);
            gtk_window_set_default_size (f->window, narrow ? 360 : 1000, 1000);
            zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 3);
            /* Folded, the view shows the sidebar until a step is chosen. */
            gtk_widget_activate_action (GTK_WIDGET (f->view), "view.show-step", "s", "score");
            zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 3);
            for (int part = 0; part < 3; part++)
              {
                g_autofree char *name
                    = g_strdup_printf ("score-page-%s-%s-%s-%d.png", lang,
                                       narrow ? "narrow" : "wide", dark ? "dark" : "light", part);
                g_autofree char *path = g_build_filename (keep, name, NULL);
                double range
                    = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);

                gtk_adjustment_set_value (vadj, range * part / 2);
                zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
                zhi_test_ui_save_png (GTK_WIDGET (f->window), path, &error);
                g_assert_no_error (error);
              }
          }
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          ADW_COLOR_SCHEME_DEFAULT);
    }
}

/* Without a track there is no score: the page says so and shows no stale numbers. */
static void
test_no_track (void)
{
  g_autoptr (ZhiProject) project = zhi_project_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ZhiProjectView *view = g_object_new (ZHI_TYPE_PROJECT_VIEW, NULL);
  ZhiScorePage *page;

  gtk_window_set_child (window, GTK_WIDGET (view));
  zhi_project_view_set_project (view, project);
  page = ZHI_SCORE_PAGE (zhi_project_view_get_page (view, "score"));
  g_assert_nonnull (page);
  g_assert_true (zhi_project_view_show_step (view, "score", NULL));
  gtk_window_present (window);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (zhi_score_page_get_total_text (page, FALSE), ==, "");
  g_assert_cmpuint (zhi_score_page_get_n_chart_bars (page), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (zhi_score_page_get_checklist (page), 0));

  /* Choosing the track brings the score. */
  zhi_project_set_track (project, "workshop");
  page = ZHI_SCORE_PAGE (zhi_project_view_get_page (view, "score"));
  zhi_evaluation_update (zhi_project_view_get_evaluation (view));
  g_assert_cmpstr (zhi_score_page_get_total_text (page, FALSE), ==, "0");
  g_assert_nonnull (gtk_list_box_get_row_at_index (zhi_score_page_get_checklist (page), 0));
  if (g_getenv ("ZHI_TEST_SCORE_PNG_DIR") != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("ZHI_TEST_SCORE_PNG_DIR"),
                                                "score-page-empty-project.png", NULL);

      gtk_window_set_default_size (window, 1000, 1000);
      zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
      zhi_test_ui_save_png (GTK_WIDGET (window), path, &error);
      g_assert_no_error (error);
    }
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_autoptr (ZhiApplication) app = NULL;

  zhi_test_ui_init (&argc, &argv);
  /* Its startup loads the application's style sheet, as in `zhizao`. */
  app = zhi_test_ui_application_new ();

  g_test_add ("/score-page/totals", Fixture, NULL, fixture_set_up, test_totals, fixture_tear_down);
  g_test_add ("/score-page/says-things-once", Fixture, NULL, fixture_set_up, test_says_things_once,
              fixture_tear_down);
  g_test_add ("/score-page/checklist/one-row-per-problem", Fixture, NULL, fixture_set_up,
              test_checklist_rows, fixture_tear_down);
  g_test_add ("/score-page/checklist/activating-shows-step", Fixture, NULL, fixture_set_up,
              test_checklist_activates_step, fixture_tear_down);
  g_test_add ("/score-page/show-step-focuses-field", Fixture, NULL, fixture_set_up,
              test_show_step_focuses_field, fixture_tear_down);
  g_test_add ("/score-page/rows-send-step-and-field", Fixture, NULL, fixture_set_up,
              test_rows_send_step_and_field, fixture_tear_down);
  g_test_add ("/score-page/checklist/empty-says-so", Fixture, NULL, fixture_set_up,
              test_empty_checklist, fixture_tear_down);
  g_test_add ("/score-page/live-update", Fixture, NULL, fixture_set_up, test_live_update,
              fixture_tear_down);
  g_test_add ("/score-page/chart-draws", Fixture, NULL, fixture_set_up, test_chart_draws,
              fixture_tear_down);
  g_test_add_func ("/score-page/no-track", test_no_track);
  return g_test_run ();
}
