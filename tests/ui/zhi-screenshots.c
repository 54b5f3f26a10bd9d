/* zhi-screenshots — every page to PNG, in zh_CN and en, light and dark
 *
 * Usage: zhi-screenshots OUTDIR.  Re-runs itself once per language, since the
 * gettext language is fixed when a process starts.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "zhi-dossier-page.h"
#include "zhi-editions.h"
#include "zhi-evidence-page.h"
#include "zhi-store.h"
#include <stdio.h>
#include <stdlib.h>

#include "zhi-test-ui.h"

static const char *languages[] = { "zh_CN", "en" };

static void
shoot (gpointer window, const char *outdir, const char *page, const char *lang)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const struct
  {
    const char *name;
    AdwColorScheme scheme;
  } schemes[]
      = { { "light", ADW_COLOR_SCHEME_FORCE_LIGHT }, { "dark", ADW_COLOR_SCHEME_FORCE_DARK } };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", page, lang, schemes[i].name);
      g_autofree char *path = g_build_filename (outdir, name, NULL);

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);
      zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
      if (!zhi_test_ui_save_png (GTK_WIDGET (window), path, &error))
        g_error ("%s: %s", path, error->message);
      g_print ("wrote %s\n", path);
    }
}

/* the thumbnails of the first rows of the evidence page are drawn (or given up on) */
static gboolean
thumbnails_done (gpointer data)
{
  ZhiEvidencePage *page = data;
  GListModel *list = zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (page)));

  for (guint i = 0; i < MIN (g_list_model_get_n_items (list), 8); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);

      if (!zhi_evidence_page_thumbnail_done (page, zhi_evidence_get_id (ev)))
        return FALSE;
    }
  return TRUE;
}

static int
run_child (const char *outdir, const char *lang)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  ZhiWindow *window = zhi_window_new (app);

  /* ZHI_SCREENSHOT_SIZE=360x720 shows the folded, phone-width layout */
  {
    const char *size = g_getenv ("ZHI_SCREENSHOT_SIZE");
    int width = 1000, height = 720;

    if (size != NULL)
      sscanf (size, "%dx%d", &width, &height);
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  }
  gtk_window_present (GTK_WINDOW (window));
  shoot (window, outdir, "welcome", lang);

  {
    g_autofree char *tmpdir = NULL;
    g_autofree char *path = zhi_test_ui_demo_project ("zhizao-shots-XXXXXX", &tmpdir);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    ZhiProjectView *view;
    g_auto (GStrv) steps = NULL;

    zhi_window_open_file (window, file);
    view = zhi_window_get_project_view (window);
    steps = zhi_project_view_list_steps (view);
    for (guint i = 0; steps[i] != NULL; i++)
      {
        g_autofree char *name
            = g_strdelimit (g_strdup_printf ("step-%02u-%s", i + 1, steps[i]), ":", '-');

        GtkWidget *page;

        /* as a click in the sidebar does: on a narrow window this also slides to the page */
        gtk_widget_activate_action (GTK_WIDGET (view), "view.show-step", "s", steps[i]);
        page = zhi_project_view_get_page (view, steps[i]);
        /* The dossier's preview fills in in the background: shoot it filled. */
        if (ZHI_IS_DOSSIER_PAGE (page))
          {
            zhi_test_ui_wait_for_frames (page, 1);
            while (zhi_dossier_page_is_busy (ZHI_DOSSIER_PAGE (page)))
              g_main_context_iteration (NULL, TRUE);
          }
        /* the evidence list's thumbnails fill in in the background: shoot them drawn */
        if (ZHI_IS_EVIDENCE_PAGE (page))
          zhi_test_ui_wait_until (thumbnails_done, page, ZHI_TEST_UI_TIMEOUT_MS);
        shoot (window, outdir, name, lang);
      }
    gtk_window_destroy (GTK_WINDOW (window));

    /* a newer edition installed: the offer to move onto it, and the report before the move */
    zhi_test_ui_install_newer_workshop ("2025-06-01");
    window = zhi_window_new (app);
    gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
    gtk_window_present (GTK_WINDOW (window));
    zhi_window_open_file (window, file);
    view = zhi_window_get_project_view (window);
    g_assert_cmpstr (zhi_project_view_get_offered_edition (view), ==, "2025-06-01");
    shoot (window, outdir, "edition-offer", lang);
    {
      GtkWidget *review = zhi_test_ui_find_named (GTK_WIDGET (view), "edition-offer-review");
      GtkWindow *dialog;

      gtk_widget_activate (review);
      while ((dialog = zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) == NULL
             || !gtk_widget_get_mapped (GTK_WIDGET (dialog)))
        g_main_context_iteration (NULL, TRUE);
      shoot (dialog, outdir, "edition-move-report", lang);
      gtk_window_destroy (dialog);
    }
    gtk_window_destroy (GTK_WINDOW (window));
    g_assert_true (zhi_editions_uninstall ("workshop@2025-06-01", NULL));
    g_unlink (path);
    g_rmdir (tmpdir);
  }
  return 0;
}

int
main (int argc, char **argv)
{
  const char *outdir;

  if (argc >= 4 && g_str_equal (argv[1], "--child"))
    {
      zhi_test_ui_init (&argc, &argv);
      return run_child (argv[2], argv[3]);
    }
  if (argc < 2)
    {
      g_printerr ("usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("no display: run under xvfb-run\n");
      return 77;
    }
  outdir = argv[1];
  g_mkdir_with_parents (outdir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *data_home = zhi_test_ui_data_home_new ();
      g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", languages[i], TRUE);
      const char *child_argv[] = { argv[0], "--child", outdir, languages[i], NULL };
      int status = 0;

      /* the newer edition the child installs goes to a data folder of its own */
      env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);

      if (!g_spawn_sync (NULL, (char **)child_argv, env, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("%s: %s\n", languages[i], error->message);
          return 1;
        }
      zhi_test_ui_data_home_remove (data_home);
    }
  return 0;
}
