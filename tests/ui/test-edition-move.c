/* Moving a project onto a newer edition of its track's standard from the window: the offer,
 * the report of what does not carry over (nothing changes before Move), the move, its Undo,
 * setting the offer aside, and no offer for a read-only project. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zhi-editions.h"
#include "zhi-migration.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

#define NEXT "2025-06-01"

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* a drawable label showing exactly @text */
static gboolean
label_shown (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (label_shown (c, text))
      return TRUE;
  return FALSE;
}

static gboolean
offered (gpointer data)
{
  ZhiProjectView *view = data;
  GtkWidget *revealer;

  if (zhi_project_view_get_offered_edition (view) == NULL)
    return FALSE;
  revealer = gtk_widget_get_ancestor (
      zhi_test_ui_find_named (GTK_WIDGET (view), "edition-offer-review"), GTK_TYPE_REVEALER);
  return gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static gboolean
dialog_shown (gpointer data)
{
  GtkWindow *dialog = zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static gboolean
offer_hidden (gpointer data)
{
  ZhiProjectView *view = data;
  GtkWidget *revealer = gtk_widget_get_ancestor (
      zhi_test_ui_find_named (GTK_WIDGET (view), "edition-offer-review"), GTK_TYPE_REVEALER);

  return !gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static void
save_png (GtkWidget *widget, const char *name)
{
  const char *shots = g_getenv ("ZHIZAO_SCREENSHOTS");
  g_autofree char *png = NULL;
  g_autoptr (GError) error = NULL;

  if (shots == NULL)
    return;
  png = g_build_filename (shots, name, NULL);
  g_assert_true (zhi_test_ui_save_png (widget, png, &error));
  g_assert_no_error (error);
}

static gboolean
strv_has (GStrv strv, const char *s)
{
  return g_strv_contains ((const char *const *)strv, s);
}

/* Opens the report from the offer and answers it with @response; returns the report's text
 * (body and the list of what does not carry over) */
static char *
review (ZhiProjectView *view, ZhiWindow *window, const char *response, const char *screenshot)
{
  GtkWidget *button = zhi_test_ui_find_named (GTK_WIDGET (view), "edition-offer-review");
  GtkWindow *dialog;
  GtkWidget *losses;
  char *text;

  g_assert_true (gtk_widget_get_mapped (button));
  gtk_widget_activate (button);
  zhi_test_ui_wait_until (dialog_shown, NULL, ZHI_TEST_UI_TIMEOUT_MS);
  dialog = zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  losses = zhi_test_ui_find_named (GTK_WIDGET (dialog), "edition-move-losses");
  g_assert_nonnull (losses);
  text
      = g_strdup_printf ("%s\n%s\n%s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                         adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                         gtk_label_get_text (GTK_LABEL (losses)));
  if (screenshot != NULL)
    {
      zhi_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
      save_png (GTK_WIDGET (dialog), screenshot);
    }
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  /* the dialog's own button, as a click */
  button
      = find_button (GTK_WIDGET (dialog),
                     adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), response));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  zhi_test_ui_wait_until (dialog_gone, NULL, ZHI_TEST_UI_TIMEOUT_MS);
  return text;
}

static void
test_offer_report_move_undo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file
      = zhi_test_ui_sample_file ("zhizao-test-XXXXXX", "move.zhizao", &path, &dir);
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  g_autoptr (ZhiProject) created = NULL;
  g_autoptr (ZhiStandard) builtin = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiStandard) next = NULL;
  g_autoptr (GPtrArray) planned = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *report = NULL;
  g_auto (GStrv) steps = NULL;
  ZhiWindow *window;
  ZhiProjectView *view;
  ZhiProject *project;
  ZhiAnswers *answers;
  gboolean yes = FALSE;

  g_assert_no_error (error);
  next = zhi_editions_lookup ("workshop", NEXT, &error);
  g_assert_no_error (error);

  /* the sample, drafted against the built-in edition, with answers that carry over and do not */
  created = zhi_project_open (file, &error);
  g_assert_no_error (error);
  zhi_editions_set_project_standard (created, builtin);
  answers = zhi_project_get_answers (created);
  zhi_answers_set_bool (answers, "w01.network", TRUE);
  zhi_answers_set_bool (answers, "w01.security", TRUE);
  zhi_answers_set_bool (answers, "w09.safety-equipment", TRUE);
  zhi_project_answers_changed (created, NULL);
  zhi_project_set_narrative (created, "w09", "安全设施齐全");
  g_assert_true (zhi_project_close (created, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&created));

  window = zhi_test_ui_open_window (app, file, 1100, 760);
  view = zhi_window_get_project_view (window);
  project = zhi_window_get_project (window);
  g_assert_cmpint (zhi_project_get_access (project), ==, ZHI_PROJECT_WRITABLE);

  /* the offer names the newer edition */
  zhi_test_ui_wait_until (offered, view, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_cmpstr (zhi_project_view_get_offered_edition (view), ==, NEXT);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  save_png (GTK_WIDGET (window), "edition-offer.png");
  before = zhi_test_project_json (project);

  /* the report lists what does not carry over, as the migration plans it; Cancel changes
   * nothing */
  planned = zhi_migration_plan (project, builtin, next, &error);
  g_assert_no_error (error);
  /* w01.security's answer, w09.safety-equipment's answer, w09's narrative */
  g_assert_cmpuint (planned->len, ==, 3);
  report = review (view, window, "cancel", "edition-move-report.png");
  g_assert_nonnull (strstr (report, NEXT));
  g_assert_nonnull (strstr (report, "2023-04-18"));
  for (guint i = 0; i < planned->len; i++)
    {
      const ZhiMigrationLoss *loss = planned->pdata[i];

      g_assert_nonnull (strstr (report, loss->message));
    }
  g_assert_nonnull (strstr (report, "w01.security"));
  g_assert_null (strstr (report, "w01.network"));
  {
    g_autofree char *now = zhi_test_project_json (project);

    g_assert_cmpstr (now, ==, before);
  }

  /* Move: the project is on the new edition, the pages show its criteria */
  g_free (report);
  report = review (view, window, "move", NULL);
  answers = zhi_project_get_answers (project);
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, NEXT);
  g_assert_cmpstr (zhi_project_get_standard_sha256 (project), ==, zhi_standard_get_sha256 (next));
  g_assert_true (zhi_answers_get_bool (answers, "w01.network", &yes) && yes);
  g_assert_cmpint (zhi_answers_get_answer_type (answers, "w01.security"), ==, ZHI_ANSWER_NONE);
  g_assert_null (zhi_project_get_narrative (project, "w09"));
  steps = zhi_project_view_list_steps (view);
  g_assert_true (strv_has (steps, "criterion:w11"));
  g_assert_false (strv_has (steps, "criterion:w09"));
  g_clear_pointer (&steps, g_strfreev);
  zhi_test_ui_show_step (view, "criterion:w11");
  g_assert_null (zhi_project_view_get_offered_edition (view));
  zhi_test_ui_wait_until (offer_hidden, view, ZHI_TEST_UI_TIMEOUT_MS);

  /* Undo: exactly as before, on the old edition */
  g_assert_true (zhi_project_view_undo_move (view));
  after_undo = zhi_test_project_json (project);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2023-04-18");
  g_assert_true (zhi_answers_get_bool (answers, "w01.security", &yes) && yes);
  g_assert_cmpstr (zhi_project_get_narrative (project, "w09"), ==, "安全设施齐全");
  steps = zhi_project_view_list_steps (view);
  g_assert_true (strv_has (steps, "criterion:w09"));
  g_assert_false (strv_has (steps, "criterion:w11"));
  g_assert_false (zhi_project_view_undo_move (view)); /* once */

  /* the offer is back; Not Now sets it aside for the session */
  zhi_test_ui_wait_until (offered, view, ZHI_TEST_UI_TIMEOUT_MS);
  gtk_widget_activate (zhi_test_ui_find_named (GTK_WIDGET (view), "edition-offer-dismiss"));
  zhi_test_ui_wait_until (offer_hidden, view, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_null (zhi_project_view_get_offered_edition (view));
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2023-04-18");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (path);
  g_rmdir (dir);
}

/* A project open read-only (here: drafted against an edition that is not installed) is never
 * offered the move, though a newer edition of its track is installed. */
static void
test_read_only_not_offered (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file
      = zhi_test_ui_sample_file ("zhizao-test-XXXXXX", "old.zhizao", &path, &dir);
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  g_autoptr (ZhiStandard) next = zhi_editions_lookup ("workshop", NEXT, &error);
  ZhiWindow *window;
  ZhiProjectView *view;
  ZhiProject *project;

  g_assert_no_error (error);
  g_assert_nonnull (next);
  zhi_test_ui_set_project_edition (file, "2024-01-01");

  window = zhi_test_ui_open_window (app, file, 1100, 760);
  view = zhi_window_get_project_view (window);
  project = zhi_window_get_project (window);
  g_assert_cmpint (zhi_project_get_access (project), ==, ZHI_PROJECT_READ_ONLY_EDITION);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_null (zhi_project_view_get_offered_edition (view));
  g_assert_true (offer_hidden (view));

  /* the score says which edition is missing and what to do: in the sidebar and on its page */
  {
    g_autofree char *line = g_strdup_printf (_ ("No score: edition %s@%s is not installed"),
                                             "workshop", "2024-01-01");

    g_assert_true (label_shown (GTK_WIDGET (view), line));
  }
  {
    GtkWidget *page = zhi_test_ui_show_step (view, "score");
    GtkWidget *status = zhi_test_ui_find_type (page, ADW_TYPE_STATUS_PAGE);

    g_assert_nonnull (status);
    g_assert_true (gtk_widget_is_drawable (status));
    zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
    save_png (GTK_WIDGET (window), "missing-edition-score.png");
    g_assert_nonnull (
        strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "workshop@2024-01-01"));
    g_assert_nonnull (
        strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), _ ("Preferences")));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = zhi_test_ui_data_home_new ();
  int status;

  /* the newer edition is installed in a data folder of this test's own */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  zhi_test_ui_init (&argc, &argv);
  zhi_test_ui_install_newer_workshop (NEXT);
  g_test_add_func ("/window/edition-move/offer-report-move-undo", test_offer_report_move_undo);
  g_test_add_func ("/window/edition-move/read-only-not-offered", test_read_only_not_offered);
  status = g_test_run ();
  zhi_editions_uninstall ("workshop@" NEXT, NULL);
  zhi_test_ui_data_home_remove (data_home);
  return status;
}
