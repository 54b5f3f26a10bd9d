/* The dossier page: preview, export with progress, cancel */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "zhi-dossier-page.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

typedef struct
{
  ZhiApplication *app;
  ZhiWindow *window;
  ZhiDossierPage *page;
  char *tmpdir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) file = NULL;
  ZhiProjectView *view;

  f->path = zhi_test_ui_demo_project ("zhizao-dossier-page-XXXXXX", &f->tmpdir);
  file = g_file_new_for_path (f->path);

  f->app = zhi_test_ui_application_new ();
  f->window = zhi_test_ui_open_window (f->app, file, 0, 0);
  view = zhi_window_get_project_view (f->window);
  g_assert_true (zhi_project_view_show_step (view, "dossier", NULL));
  f->page = ZHI_DOSSIER_PAGE (zhi_project_view_get_page (view, "dossier"));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->page), 2);
}

static gboolean idle_page (gpointer data);

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  /* the preview's render finishes (or is cancelled) before its window goes */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "dossier.cancel", NULL);
  zhi_test_ui_wait_until (idle_page, f->page, 60000);
  zhi_test_ui_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  zhi_test_remove_dir (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->path);
}

static gboolean
idle_page (gpointer data)
{
  return !zhi_dossier_page_is_busy (data);
}

static void
test_preview_fills_in (Fixture *f, gconstpointer data)
{
  zhi_test_ui_wait_until (idle_page, f->page, 60000);
  /* cover, commitment, contents and the parts: a preview has several pages */
  g_assert_cmpuint (zhi_dossier_page_get_n_preview_pages (f->page), >=, 5);
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->tmpdir, "申报书.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (out);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr (GObject) doc = NULL;

  zhi_test_ui_wait_until (idle_page, f->page, 60000);
  zhi_dossier_page_export (f->page, file);
  g_assert_true (zhi_dossier_page_is_busy (f->page));
  zhi_test_ui_wait_until (idle_page, f->page, 120000);
  g_assert_nonnull (zhi_dossier_page_get_exported_file (f->page));
  g_assert_true (g_file_equal (zhi_dossier_page_get_exported_file (f->page), file));
  doc = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_assert_no_error (error);
  /* the parts plus every page of the demo's attachments */
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (doc)), >,
                   (int)zhi_dossier_page_get_n_preview_pages (f->page));
}

static void
test_export_cancelled (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->tmpdir, "cancelled.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (out);

  zhi_test_ui_wait_until (idle_page, f->page, 60000);
  zhi_dossier_page_export (f->page, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "dossier.cancel", NULL));
  zhi_test_ui_wait_until (idle_page, f->page, 60000);
  g_assert_null (zhi_dossier_page_get_exported_file (f->page));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_export_shortcut_action (Fixture *f, gconstpointer data)
{
  ZhiProjectView *view = zhi_window_get_project_view (f->window);

  zhi_project_view_show_step (view, "enterprise", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-dossier", NULL));
  g_assert_cmpstr (zhi_project_view_get_step (view), ==, "dossier");
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dossier-page/preview-fills-in", test_preview_fills_in);
  ADD ("/dossier-page/export", test_export);
  ADD ("/dossier-page/export-cancelled-writes-nothing", test_export_cancelled);
  ADD ("/dossier-page/ctrl-e-shows-the-page", test_export_shortcut_action);
#undef ADD
  return g_test_run ();
}
