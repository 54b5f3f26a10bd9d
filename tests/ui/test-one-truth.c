/* One truth on every page: for each step, the sidebar badge counts exactly what the page lists
 * as open, what the checklist shows under that step and what `zhizao-cli validate --json`
 * reports for it; ✓ only when nothing is open. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "zhi-criterion-page.h"
#include "zhi-eligibility-page.h"
#include "zhi-project-view.h"
#include "zhi-score-page.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

static const char *tmpdir; /* zhi_test_tmp_dir () */

static const char *const steps[] = { "enterprise", "eligibility", "criterion:w02", "evidence" };

/* `zhizao-cli validate --json FILE`: each step's count of open items */
static JsonObject *
validate_steps (const char *path, JsonParser *parser)
{
  g_autofree char *cli
      = g_test_build_filename (G_TEST_BUILT, "..", "app", "cli", "zhizao-cli", NULL);
  const char *argv[] = { "timeout", "60", cli, "validate", "--json", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "steps");
}

static guint
checklist_count (ZhiScorePage *page, const char *step)
{
  GtkListBox *list = zhi_score_page_get_checklist (page);
  g_autofree char *prefix = g_strconcat (step, "#", NULL);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GVariant *value = GTK_IS_ACTIONABLE (row)
                            ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row))
                            : NULL;
      const char *target = value != NULL ? g_variant_get_string (value, NULL) : NULL;

      if (target != NULL && (g_str_equal (target, step) || g_str_has_prefix (target, prefix)))
        n += GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "zhi-n-items"));
    }
  return n;
}

typedef struct
{
  ZhiProjectView *view;
  const char *step;
  const char *text;
} BadgeWait;

static gboolean
badge_is (gpointer data)
{
  BadgeWait *w = data;

  return g_strcmp0 (zhi_project_view_get_badge_text (w->view, w->step), w->text) == 0;
}

static gboolean
has_status (GtkWidget *root, const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child) && gtk_widget_get_visible (child)
          && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return TRUE;
      if (has_status (child, tooltip))
        return TRUE;
    }
  return FALSE;
}

static void
test_badge_list_checklist_validate (void)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  ZhiWindow *window = zhi_window_new (app);
  g_autofree char *path = g_build_filename (tmpdir, "一致.zhizao", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) narrative = g_string_new (NULL);
  ZhiProjectView *view;
  ZhiEvaluation *evaluation;
  JsonObject *cli_steps;
  GtkWidget *page;

  /* open items of every kind: a missing contact and investment (enterprise), unanswered
   * conditions (eligibility), a 5,000-character narrative, a half-typed ratio and no evidence
   * (criterion), a document linked to nothing (evidence) */
  {
    g_autoptr (ZhiProject) sample = zhi_test_ui_sample_project (file, &error);
    g_autoptr (ZhiProject) project = NULL;

    g_assert_no_error (error);
    project = zhi_project_open (file, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < 5000; i++)
      g_string_append (narrative, "数");
    zhi_project_set_narrative (project, "w02", narrative->str);
    zhi_answers_set_ratio (zhi_project_get_answers (project), "w02.smart-equipment-ratio", 55, NAN,
                           NAN);
    g_assert_true (zhi_project_close (project, &error));
    g_assert_no_error (error);
  }
  cli_steps = validate_steps (path, parser);

  gtk_window_present (GTK_WINDOW (window));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 1);
  zhi_window_open_file (window, file);
  g_assert_cmpstr (zhi_window_get_page_name (window), ==, "project");
  view = zhi_window_get_project_view (window);
  evaluation = zhi_project_view_get_evaluation (view);
  /* the window title names the project, and follows its name */
  g_assert_nonnull (
      strstr (gtk_window_get_title (GTK_WINDOW (window)), "沈阳示例精密机床有限公司"));
  zhi_project_set_name (zhi_window_get_project (window), "沈阳一致精机有限公司");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "沈阳一致精机有限公司"));
  zhi_evaluation_update (evaluation);

  zhi_test_ui_show_step (view, "criterion:w02");
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autoptr (GPtrArray) items = zhi_evaluation_list_open_items (evaluation, steps[s]);
      g_autofree char *count = g_strdup_printf ("%u", items->len);
      BadgeWait wait = { view, steps[s], count };
      gint64 cli = json_object_get_int_member (json_object_get_object_member (cli_steps, steps[s]),
                                               "open");

      g_test_message ("%s: %u open", steps[s], items->len);
      /* every kind of step has something open here, so no ✓ */
      g_assert_cmpuint (items->len, >, 0);
      zhi_test_ui_wait_until (badge_is, &wait, ZHI_TEST_UI_TIMEOUT_MS);
      g_assert_cmpint (cli, ==, items->len);
      wait.text = NULL;
    }

  /* the eligibility page lists exactly its badge's count */
  page = zhi_test_ui_show_step (view, "eligibility");
  {
    g_autoptr (GPtrArray) items = zhi_evaluation_list_open_items (evaluation, "eligibility");

    g_assert_cmpuint (zhi_eligibility_page_get_n_open_items (ZHI_ELIGIBILITY_PAGE (page)), ==,
                      items->len);
  }

  /* the long narrative shows no green ✓ */
  page = zhi_test_ui_show_step (view, "criterion:w02");
  g_assert_false (has_status (page, "Written"));
  g_assert_true (has_status (page, "Written, but outside the suggested length"));

  /* the checklist shows each step's items under that step */
  page = zhi_test_ui_show_step (view, "score");
  zhi_test_ui_wait_for_frames (page, 1);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    g_assert_cmpuint (checklist_count (ZHI_SCORE_PAGE (page), steps[s]), ==,
                      zhi_evaluation_count_problems (evaluation, steps[s], FALSE));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

/* A new, empty project: nothing is attached, so 证明材料 shows a count, never ✓ */
static void
test_new_project_evidence_not_done (void)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  ZhiWindow *window = zhi_window_new (app);
  g_autofree char *path = g_build_filename (tmpdir, "新建.zhizao", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ZhiProjectView *view;
  BadgeWait wait;

  {
    g_autoptr (ZhiProject) project = zhi_project_create (file, &error);

    g_assert_no_error (error);
    zhi_project_set_track (project, "workshop");
    g_assert_true (zhi_project_close (project, &error));
  }
  gtk_window_present (GTK_WINDOW (window));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 1);
  zhi_window_open_file (window, file);
  view = zhi_window_get_project_view (window);
  zhi_evaluation_update (zhi_project_view_get_evaluation (view));
  wait = (BadgeWait){ view, "evidence", "1" };
  zhi_test_ui_wait_until (badge_is, &wait, ZHI_TEST_UI_TIMEOUT_MS);
  wait = (BadgeWait){ view, "eligibility", "✓" };
  g_assert_false (badge_is (&wait));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  int status;

  zhi_test_ui_init (&argc, &argv);
  tmpdir = zhi_test_tmp_dir_make ("zhi-one-truth-XXXXXX");
  g_test_add_func ("/one-truth/badge-list-checklist-validate", test_badge_list_checklist_validate);
  g_test_add_func ("/one-truth/new-project-evidence", test_new_project_evidence_not_done);
  status = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return status;
}
