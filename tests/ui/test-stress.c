/* Pages going away, or their project being replaced, while background work still runs:
 * the dossier's preview and export, the evidence thumbnails.  Meant to run under ASan. */
#include "config.h"

#include <glib/gstdio.h>

#include "zhi-dossier-page.h"
#include "zhi-evidence-page.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

typedef struct
{
  ZhiApplication *app;
  ZhiWindow *window;
  char *tmpdir;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = zhi_test_ui_demo_project ("zhizao-stress-XXXXXX", &f->tmpdir);

  f->file = g_file_new_for_path (path);
  f->app = zhi_test_ui_application_new ();
  f->window = zhi_test_ui_open_window (f->app, f->file, 0, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  zhi_test_ui_quit (GTK_WINDOW (f->window), &f->app);
  zhi_test_remove_dir (f->tmpdir);
  g_free (f->tmpdir);
  g_clear_object (&f->file);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static gboolean
page_idle (gpointer data)
{
  return !zhi_dossier_page_is_busy (data);
}

static ZhiProjectView *
view_of (Fixture *f)
{
  return zhi_window_get_project_view (f->window);
}

static GtkWidget *
show (Fixture *f, const char *step)
{
  g_assert_true (zhi_project_view_show_step (view_of (f), step, NULL));
  return zhi_project_view_get_page (view_of (f), step);
}

/* Every step in turn, a frame or none between them. */
static void
test_switch_steps (Fixture *f, gconstpointer data)
{
  for (guint round = 0; round < 2; round++)
    {
      g_auto (GStrv) steps = zhi_project_view_list_steps (view_of (f));

      for (guint i = 0; steps[i] != NULL; i++)
        {
          show (f, steps[i]);
          if (round == 1)
            zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 1);
        }
    }
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL);
  zhi_window_open_file (f->window, f->file);
  show (f, "evidence");
  show (f, "dossier");
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Closing the project while the preview is laid out, then reopening it. */
static void
test_close_while_preview_renders (Fixture *f, gconstpointer data)
{
  for (guint round = 0; round < 3; round++)
    {
      GtkWidget *page = show (f, "dossier");

      g_object_add_weak_pointer (G_OBJECT (page), (gpointer *)&page);
      zhi_test_ui_wait_for_frames (page, 1);
      g_assert_true (zhi_dossier_page_is_busy (ZHI_DOSSIER_PAGE (page)));
      g_assert_true (
          gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL));
      zhi_test_ui_wait_until (is_null, &page, 60000);
      zhi_window_open_file (f->window, f->file);
      g_assert_nonnull (zhi_window_get_project (f->window));
    }
}

/* Closing the window while an export is written: its progress and its end come later. */
static void
test_destroy_while_exporting (Fixture *f, gconstpointer data)
{
  GtkWidget *page;
  g_autofree char *out = g_build_filename (f->tmpdir, "export.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (out);

  /* The window closes the project (zhi_project_close frees its store) while the render's
   * worker wants evidence bytes: the reads are queued on the main context, never run on the
   * worker (ASan reported a heap-use-after-free in blob_size() when they were). */
  page = show (f, "dossier");
  zhi_test_ui_wait_for_frames (page, 1);
  zhi_test_ui_wait_until (page_idle, page, 60000);
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *)&page);
  zhi_dossier_page_export (ZHI_DOSSIER_PAGE (page), file);
  g_assert_true (zhi_dossier_page_is_busy (ZHI_DOSSIER_PAGE (page)));
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  zhi_test_ui_wait_until (is_null, &page, 60000);
}

/* Closing the window while the preview is laid out. */
static void
test_destroy_while_preview_renders (Fixture *f, gconstpointer data)
{
  GtkWidget *page = show (f, "dossier");

  zhi_test_ui_wait_for_frames (page, 1);
  g_assert_true (zhi_dossier_page_is_busy (ZHI_DOSSIER_PAGE (page)));
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *)&page);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  zhi_test_ui_wait_until (is_null, &page, 60000);
}

/* Closing the project, and the window, while thumbnails load. */
static void
test_close_while_thumbnails_load (Fixture *f, gconstpointer data)
{
  for (guint round = 0; round < 3; round++)
    {
      GtkWidget *page = show (f, "evidence");

      g_object_add_weak_pointer (G_OBJECT (page), (gpointer *)&page);
      for (guint i = 0; i < round * 3; i++)
        g_main_context_iteration (NULL, FALSE);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-project", NULL);
      zhi_test_ui_wait_until (is_null, &page, 60000);
      zhi_window_open_file (f->window, f->file);
    }
  show (f, "evidence");
  g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  for (guint i = 0; i < 200; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/stress/switch-steps", test_switch_steps);
  ADD ("/stress/close-while-preview-renders", test_close_while_preview_renders);
  ADD ("/stress/destroy-while-preview-renders", test_destroy_while_preview_renders);
  ADD ("/stress/destroy-while-exporting", test_destroy_while_exporting);
  ADD ("/stress/close-while-thumbnails-load", test_close_while_thumbnails_load);
  return g_test_run ();
}
