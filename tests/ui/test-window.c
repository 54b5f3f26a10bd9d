/* The main window: welcome page, recent projects, remembered size, about, shortcuts */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zhi-editions.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"
#include "zhi-welcome-page.h"

typedef struct
{
  ZhiApplication *app;
  ZhiWindow *window;
  char *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->tmpdir = g_dir_make_tmp ("zhizao-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->app = zhi_test_ui_application_new ();
  g_settings_reset (zhi_application_get_settings (f->app), "recent-projects");
  f->window = zhi_window_new (f->app);
  gtk_window_present (GTK_WINDOW (f->window));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  zhi_test_ui_quit (GTK_WINDOW (f->window), &f->app);
  zhi_test_remove_dir (f->tmpdir);
  g_free (f->tmpdir);
}

/* A sample project (zhi_test_ui_sample_project) written as @name in the fixture's folder. */
static ZhiProject *
sample_project (Fixture *f, const char *name, GFile **file)
{
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
  g_autoptr (GError) error = NULL;
  ZhiProject *project;

  *file = g_file_new_for_path (path);
  project = zhi_test_ui_sample_project (*file, &error);
  g_assert_no_error (error);
  return project;
}

static ZhiWelcomePage *
find_welcome_page (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ZhiWelcomePage *page;

      if (ZHI_IS_WELCOME_PAGE (child))
        return ZHI_WELCOME_PAGE (child);
      if ((page = find_welcome_page (child)) != NULL)
        return page;
    }
  return NULL;
}

static void
test_welcome_shown_first (Fixture *f, gconstpointer data)
{
  ZhiWelcomePage *page = find_welcome_page (GTK_WIDGET (f->window));

  g_assert_cmpstr (zhi_window_get_page_name (f->window), ==, "welcome");
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (page)));
  g_assert_cmpuint (zhi_welcome_page_get_n_recent (page), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page)));
}

/* Whether a window title (AdwWindowTitle) on screen has @text in its subtitle */
static gboolean
subtitle_has (GtkWidget *root, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_WINDOW_TITLE (child) && gtk_widget_is_drawable (child))
        {
          const char *subtitle = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child));

          if (subtitle != NULL && strstr (subtitle, text) != NULL)
            return TRUE;
        }
      if (subtitle_has (child, text))
        return TRUE;
    }
  return FALSE;
}

/* Waits until the window's title shows @text in its subtitle. */
static void
wait_for_subtitle (GtkWidget *root, const char *text)
{
  zhi_test_ui_wait_for_text (subtitle_has, root, text);
}

static void
test_recent_projects_listed_and_opened (Fixture *f, gconstpointer data)
{
  ZhiWelcomePage *page = find_welcome_page (GTK_WIDGET (f->window));
  GSettings *settings = zhi_application_get_settings (f->app);
  g_autofree char *path = g_build_filename (f->tmpdir, "工厂申报.zhizao", NULL);
  g_autofree char *missing = g_build_filename (f->tmpdir, "gone.zhizao", NULL);
  const char *recent[] = { path, missing, NULL };
  g_auto (GStrv) after = NULL;

  {
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (GError) error = NULL;
    g_autoptr (ZhiProject) project = zhi_project_create (file, &error);

    g_assert_no_error (error);
    zhi_project_set_name (project, "沈阳示例机床有限公司");
    g_assert_true (zhi_project_close (project, &error));
  }
  g_settings_set_strv (settings, "recent-projects", recent);
  g_assert_cmpuint (zhi_welcome_page_get_n_recent (page), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-recent", "s", path));
  g_assert_cmpstr (zhi_window_get_page_name (f->window), ==, "project");
  g_assert_cmpstr (zhi_project_get_name (zhi_window_get_project (f->window)), ==,
                   "沈阳示例机床有限公司");
  /* a project of a real enterprise carries no example mark in the title */
  wait_for_subtitle (GTK_WIDGET (f->window), "沈阳示例机床有限公司");
  g_assert_false (subtitle_has (GTK_WIDGET (f->window), _ ("Example (fictitious enterprise)")));
  after = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpstr (after[0], ==, path);

  /* Forgetting a project removes it from the list at once. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.forget-recent", "s", missing));
  g_assert_cmpuint (zhi_welcome_page_get_n_recent (page), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
  g_assert_cmpstr (zhi_window_get_page_name (f->window), ==, "welcome");
  g_assert_null (zhi_window_get_project (f->window));
  g_unlink (path);
}

static void
test_open_not_a_project (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "notes.zhizao", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  const char garbage[] = "This is not an SQLite database, just some notes.";
  g_autofree char *after = NULL;
  gsize length = 0;
  GtkWindow *dialog;

  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));
  zhi_window_open_file (f->window, file);
  g_assert_cmpstr (zhi_window_get_page_name (f->window), ==, "welcome");
  dialog = zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* The message names the file. */
  g_assert_nonnull (
      strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "notes.zhizao"));
  gtk_window_destroy (dialog);
  /* …and the file is untouched. */
  g_assert_true (g_file_get_contents (path, &after, &length, NULL));
  g_assert_cmpmem (after, length, garbage, sizeof garbage);
  g_unlink (path);
}

static void
test_create_project (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "新申报.zhizao", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  ZhiWelcomePage *page = find_welcome_page (GTK_WIDGET (f->window));
  ZhiProjectView *view;

  g_signal_emit_by_name (page, "create-requested", file, "factory-process");
  g_assert_cmpstr (zhi_window_get_page_name (f->window), ==, "project");
  g_assert_cmpstr (zhi_project_get_track (zhi_window_get_project (f->window)), ==,
                   "factory-process");
  /* the project records the edition it is drafted against: the built-in one */
  g_assert_cmpstr (zhi_project_get_standard_edition (zhi_window_get_project (f->window)), ==,
                   "2023-04-18");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  view = zhi_window_get_project_view (f->window);
  g_assert_true (zhi_project_view_show_step (view, "guide", NULL));
  g_assert_cmpstr (zhi_project_view_get_step (view), ==, "guide");
  /* The criteria fold under 自评 except while one of them is shown. */
  g_assert_true (zhi_project_view_is_step_listed (view, "guide"));
  g_assert_false (zhi_project_view_is_step_listed (view, "criterion:fp03"));
  g_assert_true (zhi_project_view_show_step (view, "criterion:fp03", NULL));
  g_assert_true (zhi_project_view_is_step_listed (view, "criterion:fp03"));
  g_assert_true (zhi_project_view_is_step_listed (view, "criterion:fp08"));
  g_assert_true (zhi_project_view_show_step (view, "guide", NULL));
  g_assert_false (zhi_project_view_is_step_listed (view, "criterion:fp03"));
  g_assert_false (zhi_project_view_show_step (view, "no-such-step", NULL));

  /* Closing the window saves: the track is in the file. */
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (ZhiProject) reopened = zhi_project_open (file, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (zhi_project_get_track (reopened), ==, "factory-process");
    g_assert_true (zhi_project_close (reopened, &error));
  }
  g_unlink (path);
}

static gboolean
has_label (GtkWidget *root, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

/* the renamed w01 of the newer edition, in either language */
static gboolean
new_w01_shown (gpointer window)
{
  return has_label (window, "信息基础设施安全可靠（新版）")
         || has_label (window, "Secure and reliable information infrastructure (new)");
}

/* With a second edition of the workshop standard installed, the new-project dialog offers both,
 * newest first, and a project created on one records it. */
static void
test_create_on_installed_edition (Fixture *f, gconstpointer data)
{
  g_autofree char *src
      = g_build_filename (ZHI_SOURCE_DIR, "resources", "standards", "workshop.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *edition_file = g_build_filename (f->tmpdir, "ws-2025.json", NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "新版本申报.zhizao", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) installed = NULL;
  ZhiWelcomePage *page = find_welcome_page (GTK_WIDGET (f->window));
  AdwMessageDialog *dialog;
  GString *text;

  g_assert_true (g_file_get_contents (src, &contents, NULL, &error));
  text = g_string_new (contents);
  g_string_replace (text, "\"edition\": \"2023-04-18\"", "\"edition\": \"2025-06-01\"", 1);
  /* the new edition renames a criterion: the window shows the project's edition, not the
   * built-in one */
  g_string_replace (text, "\"zh\": \"信息基础设施安全可靠\"",
                    "\"zh\": \"信息基础设施安全可靠（新版）\"", 1);
  g_string_replace (text, "\"en\": \"Secure and reliable information infrastructure\"",
                    "\"en\": \"Secure and reliable information infrastructure (new)\"", 1);
  g_assert_true (g_file_set_contents (edition_file, text->str, -1, &error));
  g_string_free (text, TRUE);
  zhi_editions_uninstall ("workshop@2025-06-01", NULL);
  installed = zhi_editions_install (edition_file, NULL, &error);
  g_assert_no_error (error);

  zhi_welcome_page_choose_track (page);
  dialog = ADW_MESSAGE_DIALOG (zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  /* both editions of the workshop standard, the newest suggested; the others as before */
  g_assert_true (adw_message_dialog_has_response (dialog, "workshop@2025-06-01"));
  g_assert_true (adw_message_dialog_has_response (dialog, "workshop@2023-04-18"));
  g_assert_false (adw_message_dialog_has_response (dialog, "workshop"));
  g_assert_true (adw_message_dialog_has_response (dialog, "factory-process"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "workshop@2025-06-01");
  g_assert_nonnull (
      strstr (adw_message_dialog_get_response_label (dialog, "workshop@2025-06-01"), "2025-06-01"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_signal_emit_by_name (page, "create-requested", file, "workshop@2025-06-01");
  g_assert_cmpstr (zhi_project_get_track (zhi_window_get_project (f->window)), ==, "workshop");
  g_assert_cmpstr (zhi_project_get_standard_edition (zhi_window_get_project (f->window)), ==,
                   "2025-06-01");
  g_assert_cmpstr (zhi_project_get_standard_sha256 (zhi_window_get_project (f->window)), ==,
                   zhi_standard_get_sha256 (installed));
  g_assert_true (
      zhi_project_view_show_step (zhi_window_get_project_view (f->window), "criterion:w01", NULL));
  zhi_test_ui_wait_until (new_w01_shown, f->window, ZHI_TEST_UI_TIMEOUT_MS);
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  g_assert_true (zhi_editions_uninstall ("workshop@2025-06-01", &error));
  g_unlink (path);
  g_unlink (edition_file);
}

static void
test_recent_list_is_capped (Fixture *f, gconstpointer data)
{
  GSettings *settings = zhi_application_get_settings (f->app);
  g_auto (GStrv) after = NULL;

  for (int i = 0; i < 15; i++)
    {
      g_autofree char *path = g_strdup_printf ("/nowhere/project-%d.zhizao", i);
      zhi_application_add_recent (f->app, path);
    }
  zhi_application_add_recent (f->app, "/nowhere/project-3.zhizao");
  after = g_settings_get_strv (settings, "recent-projects");
  g_assert_cmpuint (g_strv_length (after), ==, 10);
  g_assert_cmpstr (after[0], ==, "/nowhere/project-3.zhizao");
  g_assert_cmpstr (after[1], ==, "/nowhere/project-14.zhizao");
  for (guint i = 1; after[i] != NULL; i++)
    g_assert_cmpstr (after[i], !=, "/nowhere/project-3.zhizao");
}

static void
test_open_demo (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "zhizao", NULL);
  g_autoptr (GDir) listing = NULL;
  ZhiProject *project;
  const char *name;

  /* A fresh data folder each time: the demo is written, not found. */
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-demo", NULL));
  g_assert_null (zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) ? adw_message_dialog_get_body (
                     ADW_MESSAGE_DIALOG (zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)))
                                                                     : NULL);
  g_assert_cmpstr (zhi_window_get_page_name (f->window), ==, "project");
  project = zhi_window_get_project (f->window);
  g_assert_nonnull (project);
  g_assert_cmpstr (zhi_project_get_track (project), ==, "workshop");
  g_assert_cmpstr (zhi_project_get_name (project), ==, "沈阳恒驰汽车零部件有限公司");
  g_assert_cmpuint (g_list_model_get_n_items (zhi_project_get_evidence_list (project)), >=, 6);
  g_assert_cmpuint (zhi_project_get_n_scenarios (project), >=, 2);
  g_assert_true (g_str_has_prefix (g_file_peek_path (zhi_project_get_file (project)), dir));
  /* the demo is marked as an invented example in the window title */
  g_assert_true (zhi_project_get_example (project));
  wait_for_subtitle (GTK_WIDGET (f->window), _ ("Example (fictitious enterprise)"));
  g_assert_true (subtitle_has (GTK_WIDGET (f->window), "沈阳恒驰汽车零部件有限公司"));

  /* Opening it again finds the same file rather than writing a new one. */
  zhi_project_set_contact_person (project, "张三");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-demo", NULL));
  g_assert_cmpstr (zhi_project_get_contact_person (zhi_window_get_project (f->window)), ==, "张三");
}

static void
test_open_twice_focuses (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) created = sample_project (f, "once.zhizao", &file);
  ZhiWindow *second;

  zhi_window_open_file (f->window, file);
  g_assert_cmpstr (zhi_window_get_page_name (f->window), ==, "project");
  g_assert_false (zhi_project_is_read_only (zhi_window_get_project (f->window)));

  second = zhi_window_new (f->app);
  gtk_window_present (GTK_WINDOW (second));
  zhi_window_open_file (second, file);
  /* Not opened a second time (it would be read-only there): the first window has it. */
  g_assert_null (zhi_window_get_project (second));
  g_assert_true (zhi_window_find_for_file (f->app, file) == f->window);
  gtk_window_destroy (GTK_WINDOW (second));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
}

static gboolean
all_usable (gpointer data)
{
  GListModel *list = zhi_project_get_evidence_list (data);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);

      if (!zhi_evidence_get_usable (ev))
        return FALSE;
    }
  return TRUE;
}

static ZhiEvidence *
attach_text (ZhiProject *project, const char *path, const char *text)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *ev;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  ev = zhi_project_attach_file (project, file, NULL, NULL, &error);
  g_assert_no_error (error);
  return ev;
}

/* Office documents: left unconverted when the project was saved, they are converted when it
 * opens; attached while open, they are converted in the background.  A stand-in soffice in
 * PATH copies a one-page PDF per document. */
static void
test_office_converted (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "office.zhizao", NULL);
  g_autofree char *bin = g_build_filename (f->tmpdir, "bin", NULL);
  g_autofree char *soffice = g_build_filename (bin, "soffice", NULL);
  g_autofree char *pdf = g_build_filename (f->tmpdir, "page.pdf", NULL);
  g_autofree char *doc1 = g_build_filename (f->tmpdir, "报告.docx", NULL);
  g_autofree char *doc2 = g_build_filename (f->tmpdir, "台账.xlsx", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *new_path = g_strconcat (bin, ":", old_path, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ZhiProject *project;
  ZhiEvidence *ev;

  {
    cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 595, 842);
    cairo_t *cr = cairo_create (surface);

    cairo_rectangle (cr, 100, 100, 200, 100);
    cairo_fill (cr);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_assert_cmpint (g_mkdir (bin, 0700), ==, 0);
  {
    g_autofree char *script
        = g_strdup_printf ("#!/bin/sh\nout=\nwhile [ $# -gt 0 ]; do\n  case \"$1\" in\n"
                           "    --outdir) out=$2; shift ;;\n    -*|pdf) ;;\n"
                           "    *) b=$(basename \"$1\"); cp '%s' \"$out/${b%%.*}.pdf\" ;;\n"
                           "  esac\n  shift\ndone\n",
                           pdf);

    g_assert_true (g_file_set_contents (soffice, script, -1, NULL));
    g_assert_cmpint (g_chmod (soffice, 0700), ==, 0);
  }
  {
    g_autoptr (ZhiProject) created = zhi_test_ui_sample_project (file, &error);

    g_assert_no_error (error);
    ev = attach_text (created, doc1, "word");
    g_assert_false (zhi_evidence_get_usable (ev));
    g_assert_true (zhi_project_close (created, &error));
  }

  g_setenv ("PATH", new_path, TRUE);
  zhi_window_open_file (f->window, file);
  project = zhi_window_get_project (f->window);
  g_assert_nonnull (project);
  zhi_test_ui_wait_until (all_usable, project, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_true (all_usable (project));

  ev = attach_text (project, doc2, "excel");
  g_assert_false (zhi_evidence_get_usable (ev));
  zhi_test_ui_wait_until (all_usable, project, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_true (zhi_evidence_get_usable (ev));
  g_assert_cmpuint (zhi_evidence_get_page_count (ev), ==, 1);
  g_setenv ("PATH", old_path, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
  g_unlink (path);
  g_unlink (pdf);
  g_unlink (doc1);
  g_unlink (doc2);
  g_unlink (soffice);
  g_rmdir (bin);
}

static void
test_size_remembered (Fixture *f, gconstpointer data)
{
  GSettings *settings = zhi_application_get_settings (f->app);
  ZhiWindow *second;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  second = zhi_window_new (f->app);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  f->window = second;
}

static void
test_about_window (Fixture *f, gconstpointer data)
{
  AdwAboutWindow *about;

  g_assert_null (zhi_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  about = ADW_ABOUT_WINDOW (zhi_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_shortcuts_window (Fixture *f, gconstpointer data)
{
  GtkWindow *shortcuts;

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  shortcuts = zhi_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_destroy (shortcuts);
}

static void
test_accels (Fixture *f, gconstpointer data)
{
  g_auto (GStrv) quit
      = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.quit");
  g_auto (GStrv) open
      = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.open-project");
  g_auto (GStrv) new
      = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.new-project");

  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (open[0], ==, "<Control>o");
  g_assert_cmpstr (new[0], ==, "<Control>n");
}

static void
test_translation (Fixture *f, gconstpointer data)
{
  const char *language = g_getenv ("LANGUAGE");

  if (language == NULL || !g_str_has_prefix (language, "zh"))
    {
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Zhizao");
      return;
    }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "智造申报");
  g_assert_cmpstr (_ ("Recent Projects"), ==, "最近的项目");
}

/* The window title names the project (the enterprise, else the file) and follows renames. */
static void
test_title_names_project (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) created = sample_project (f, "恒驰申报.zhizao", &file);
  ZhiProject *project;
  const char *title;

  g_assert_cmpstr (zhi_project_get_name (created), !=, "");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, _ ("Zhizao"));
  zhi_window_open_file (f->window, file);
  project = zhi_window_get_project (f->window);
  g_assert_nonnull (project);
  title = gtk_window_get_title (GTK_WINDOW (f->window));
  g_assert_nonnull (strstr (title, zhi_project_get_name (project)));
  g_assert_nonnull (strstr (title, _ ("Zhizao")));

  zhi_project_set_name (project, "沈阳新名字有限公司");
  title = gtk_window_get_title (GTK_WINDOW (f->window));
  g_assert_nonnull (strstr (title, "沈阳新名字有限公司"));
  /* with no enterprise name the file still names it */
  zhi_project_set_name (project, "");
  title = gtk_window_get_title (GTK_WINDOW (f->window));
  g_assert_true (g_str_has_prefix (title, "恒驰申报.zhizao"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, _ ("Zhizao"));
}

static guint
count_criterion_labels (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_ancestor (child, GTK_TYPE_LIST_BOX_ROW);
      const char *step = row != NULL ? g_object_get_data (G_OBJECT (row), "zhi-step") : NULL;

      /* a criterion's row of the sidebar: its name, not its badge */
      if (GTK_IS_LABEL (child) && step != NULL && g_str_has_prefix (step, "criterion:")
          && !gtk_widget_has_css_class (child, "zhi-badge"))
        {
          /* ellipsized in the sidebar, the whole name in its tooltip */
          g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (child)), ==, PANGO_ELLIPSIZE_END);
          g_assert_cmpstr (gtk_widget_get_tooltip_text (child), ==,
                           gtk_label_get_text (GTK_LABEL (child)));
          n++;
        }
      n += count_criterion_labels (child);
    }
  return n;
}

static gboolean
sidebar_lists_criteria (gpointer window)
{
  return count_criterion_labels (window) >= 5;
}

static void
test_sidebar_names_tooltip (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) created = sample_project (f, "sidebar.zhizao", &file);
  ZhiProjectView *view;

  zhi_window_open_file (f->window, file);
  view = zhi_window_get_project_view (f->window);
  g_assert_true (zhi_project_view_show_step (view, "criterion:w01", NULL));
  zhi_test_ui_wait_until (sidebar_lists_criteria, f->window, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
}

static GtkWidget *
find_steps_list (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      GtkWidget *first = gtk_widget_get_first_child (child);

      /* the project view's list of steps, not the welcome page's recent projects */
      if (GTK_IS_LIST_BOX (child) && first != NULL
          && g_object_get_data (G_OBJECT (first), "zhi-step") != NULL)
        return child;
      if ((found = find_steps_list (child)) != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget *list;
  guint n_rows;
} StepsShown;

/* every visible row of the sidebar is laid out, and as many as expected */
static gboolean
steps_laid_out (gpointer data)
{
  StepsShown *shown = data;
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (shown->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row) && gtk_widget_get_height (row) > 0)
      n++;
  return n == shown->n_rows;
}

/* At the window's default size, with the ten criteria of the workshop standard listed (a
 * criterion shown), every step of the sidebar is in view: none is scrolled out of sight. */
static void
test_every_step_visible (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) created = sample_project (f, "steps.zhizao", &file);
  GSettings *settings = zhi_application_get_settings (f->app);
  g_autoptr (GVariant) width = g_settings_get_default_value (settings, "window-width");
  g_autoptr (GVariant) height = g_settings_get_default_value (settings, "window-height");
  StepsShown shown = { NULL, 0 };
  GtkAdjustment *adjustment;

  g_assert_cmpstr (zhi_project_get_track (created), ==, ZHI_TRACK_WORKSHOP);
  gtk_window_set_default_size (GTK_WINDOW (f->window), g_variant_get_int32 (width),
                               g_variant_get_int32 (height));
  zhi_window_open_file (f->window, file);
  g_assert_true (
      zhi_project_view_show_step (zhi_window_get_project_view (f->window), "criterion:w01", NULL));
  shown.list = find_steps_list (GTK_WIDGET (f->window));
  g_assert_nonnull (shown.list);
  for (GtkWidget *row = gtk_widget_get_first_child (shown.list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    shown.n_rows += gtk_widget_get_visible (row);
  /* 7 steps and the standard's 10 criteria */
  g_assert_cmpuint (shown.n_rows, ==, 17);
  zhi_test_ui_wait_until (steps_laid_out, &shown, ZHI_TEST_UI_TIMEOUT_MS);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (shown.list, GTK_TYPE_SCROLLED_WINDOW)));
  if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment))
    g_error ("the sidebar needs %.0f px for its steps and shows %.0f",
             gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
}

/* The character after '_' (or NUL), folded to lower case. */
static gunichar
mnemonic_of (const char *label)
{
  const char *u = strchr (label, '_');

  if (u == NULL || u[1] == '\0')
    return 0;
  return g_unichar_tolower (g_utf8_get_char (u + 1));
}

static void
collect_mnemonics (GMenuModel *menu, GHashTable *seen, const char *where)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          gunichar c = mnemonic_of (label);
          const char *other;

          g_assert_cmpuint (c, !=, 0);
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (c));
          if (other != NULL)
            g_error ("%s: “%s” and “%s” share a mnemonic", where, other, label);
          g_hash_table_insert (seen, GUINT_TO_POINTER (c), g_strdup (label));
        }
      link = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (link != NULL)
        {
          collect_mnemonics (link, seen, where);
          g_object_unref (link);
        }
    }
}

static guint
check_menu_buttons (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child)
          && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) != NULL)
        {
          g_autoptr (GHashTable) seen
              = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);

          collect_mnemonics (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)), seen,
                             gtk_widget_get_name (child));
          g_assert_cmpuint (g_hash_table_size (seen), >=, 4);
          n++;
        }
      n += check_menu_buttons (child);
    }
  return n;
}

/* No two items of one menu or dialog share a mnemonic (in the test's language). */
static void
test_mnemonics_unique (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) created = sample_project (f, "mnemonics.zhizao", &file);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  ZhiWelcomePage *page = find_welcome_page (GTK_WIDGET (f->window));
  GtkWindow *dialog;
  const char *responses[] = { "cancel", "workshop", "factory-discrete", "factory-process" };

  /* the welcome page's menu and, with a project open, the project's (both built already) */
  zhi_window_open_file (f->window, file);
  g_assert_cmpuint (check_menu_buttons (GTK_WIDGET (f->window)), >=, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));

  /* the track dialog */
  zhi_welcome_page_choose_track (page);
  dialog = zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      const char *label
          = adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), responses[i]);
      gunichar c = mnemonic_of (label);

      g_assert_cmpuint (c, !=, 0);
      g_assert_null (g_hash_table_lookup (seen, GUINT_TO_POINTER (c)));
      g_hash_table_insert (seen, GUINT_TO_POINTER (c), g_strdup (label));
    }
  gtk_window_destroy (dialog);
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/welcome/shown-first", test_welcome_shown_first);
  ADD ("/window/welcome/recent-listed-and-opened", test_recent_projects_listed_and_opened);
  ADD ("/window/welcome/recent-capped-and-deduplicated", test_recent_list_is_capped);
  ADD ("/window/open/not-a-project-keeps-file", test_open_not_a_project);
  ADD ("/window/create-project", test_create_project);
  ADD ("/window/create-on-installed-edition", test_create_on_installed_edition);
  ADD ("/window/open-demo", test_open_demo);
  ADD ("/window/open-twice-focuses-first", test_open_twice_focuses);
  ADD ("/window/size-remembered", test_size_remembered);
  ADD ("/window/every-step-visible", test_every_step_visible);
  ADD ("/window/office-documents-converted", test_office_converted);
  ADD ("/window/about", test_about_window);
  ADD ("/window/shortcuts", test_shortcuts_window);
  ADD ("/window/accels", test_accels);
  ADD ("/window/translation", test_translation);
  ADD ("/window/title-names-project", test_title_names_project);
  ADD ("/window/mnemonics-unique", test_mnemonics_unique);
  ADD ("/window/sidebar-criterion-tooltip", test_sidebar_names_tooltip);
#undef ADD

  return g_test_run ();
}
