/* A project drafted against an edition of the standard that is not installed: the window opens
 * it read-only, shows its data and a banner naming the missing edition. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zhi-editions.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"

static void
test_opens_read_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file
      = zhi_test_ui_sample_file ("zhizao-test-XXXXXX", "missing.zhizao", &path, &dir);
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  ZhiWindow *window;
  ZhiProject *project;

  /* the sample comes back closed: record an edition nobody installed */
  zhi_test_ui_set_project_edition (file, "2030-01-01");

  window = zhi_test_ui_open_window (app, file, 1100, 760);
  project = zhi_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpint (zhi_project_get_access (project), ==, ZHI_PROJECT_READ_ONLY_EDITION);
  /* its data is there */
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2030-01-01");
  g_assert_cmpstr (zhi_project_get_name (project), !=, "");

  /* the banner names the missing edition */
  zhi_test_ui_wait_for_label (GTK_WIDGET (window), "@2030-01-01");
  {
    const char *shots = g_getenv ("ZHIZAO_SCREENSHOTS");
    g_autofree char *png = NULL;

    if (shots != NULL)
      {
        zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 3); /* drawn, for looking at it */
        png = g_build_filename (shots, "missing-edition.png", NULL);
        g_assert_true (zhi_test_ui_save_png (GTK_WIDGET (window), png, &error));
        g_assert_no_error (error);
      }
  }

  zhi_test_ui_destroy_window (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);
  g_test_add_func ("/window/missing-edition-opens-read-only", test_opens_read_only);
  return g_test_run ();
}
