/* zhi-application.c — the AdwApplication: app-wide actions, settings, windows */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-application.h"
#include "zhi-evidence-inspect.h"
#include "zhi-preferences-window.h"
#include "zhi-ui-resources.h"
#include "zhi-window.h"

#define ZHI_RECENT_MAX 10

struct _ZhiApplication
{
  AdwApplication parent_instance;

  /* Owned References */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (ZhiApplication, zhi_application, ADW_TYPE_APPLICATION)

static ZhiWindow *
get_or_create_window (ZhiApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (zhi_window_new (self));
  return ZHI_WINDOW (window);
}

/* ---- ZHI_QUIT_AFTER_FIRST_FRAME ------------------------------------------------------------ */

/* With ZHI_QUIT_AFTER_FIRST_FRAME=1 in the environment the application quits once the first
 * window it presents has painted its first frame (tests/bench/startup-instructions.sh counts
 * the instructions up to that frame: callgrind dumps its counts when this function returns,
 * --dump-after=zhi_application_first_frame_painted). */
G_GNUC_NO_INLINE void zhi_application_first_frame_painted (GtkWindow *window);

G_GNUC_NO_INLINE void
zhi_application_first_frame_painted (GtkWindow *window)
{
  /* a side effect the compiler keeps, so that the call stays */
  g_object_set_data (G_OBJECT (window), "zhi-first-frame-painted", GINT_TO_POINTER (1));
}

static gboolean
quit_idle_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
first_frame_after_paint_cb (GdkFrameClock *clock, GtkWindow *window)
{
  GtkApplication *app = gtk_window_get_application (window);

  g_signal_handlers_disconnect_by_func (clock, first_frame_after_paint_cb, window);
  zhi_application_first_frame_painted (window);
  if (app != NULL)
    g_idle_add_full (G_PRIORITY_HIGH, quit_idle_cb, g_object_ref (app), g_object_unref);
}

/* After gtk_window_present: the window is realized and has its frame clock. */
static void
maybe_quit_after_first_frame (ZhiApplication *self, GtkWindow *window)
{
  static gboolean armed = FALSE;
  GdkFrameClock *clock;

  if (armed || g_strcmp0 (g_getenv ("ZHI_QUIT_AFTER_FIRST_FRAME"), "1") != 0)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock == NULL)
    return;
  armed = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_after_paint_cb), window,
                           0);
}

static void
zhi_application_activate (GApplication *app)
{
  ZhiApplication *self = ZHI_APPLICATION (app);
  GtkWindow *window = GTK_WINDOW (get_or_create_window (self));

  gtk_window_present (window);
  maybe_quit_after_first_frame (self, window);
}

static void
zhi_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  ZhiApplication *self = ZHI_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      ZhiWindow *window = zhi_window_find_for_file (self, files[i]);
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

      if (window == NULL)
        {
          /* Reuse a window still on its welcome page. */
          if (active != NULL && ZHI_IS_WINDOW (active)
              && zhi_window_get_project (ZHI_WINDOW (active)) == NULL)
            window = ZHI_WINDOW (active);
          else
            window = zhi_window_new (self);
          zhi_window_open_file (window, files[i]);
        }
      gtk_window_present (GTK_WINDOW (window));
      maybe_quit_after_first_frame (self, GTK_WINDOW (window));
    }
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ZhiApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it flush its project and store its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ZhiApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "Zhizao developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _ ("Zhizao"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _ ("Zhizao developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (
      about, _ ("Prepare the application for Liaoning's digital workshop and smart factory "
                "evaluation: eligibility, self-assessment, evidence and the dossier PDF."));
  adw_about_window_set_website (about, "https://github.com/zhizao/zhizao");
  adw_about_window_set_issue_url (about, "https://github.com/zhizao/zhizao/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 Zhizao developers");
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _ ("translator-credits"));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ZhiApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (zhi_preferences_window_new (parent)));
}

static void
new_window_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ZhiApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (zhi_window_new (self)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "new-window", new_window_action },
};

static void
zhi_application_startup (GApplication *app)
{
  ZhiApplication *self = ZHI_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (zhi_application_parent_class)->startup (app);
  /* attached evidence is checked (does it open?) by app/dossier's inspector */
  zhi_evidence_inspector_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-project", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open-project", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-dossier",
                                         export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-guide", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
zhi_application_dispose (GObject *object)
{
  ZhiApplication *self = ZHI_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (zhi_application_parent_class)->dispose (object);
}

static void
zhi_application_class_init (ZhiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The bundle lives in a static library: reference it so the linker keeps it. */
  g_resources_register (zhi_ui_get_resource ());

  object_class->dispose = zhi_application_dispose;
  app_class->activate = zhi_application_activate;
  app_class->open = zhi_application_open;
  app_class->startup = zhi_application_startup;
}

static void
zhi_application_init (ZhiApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

ZhiApplication *
zhi_application_new (void)
{
  return g_object_new (ZHI_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", "/io/github/zhizao/Zhizao",
                       NULL);
}

GSettings *
zhi_application_get_settings (ZhiApplication *self)
{
  g_return_val_if_fail (ZHI_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
update_recent (ZhiApplication *self, const char *path, gboolean add)
{
  g_auto (GStrv) old = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) updated = NULL;
  guint n = 0;

  if (add)
    {
      g_strv_builder_add (builder, path);
      n++;
    }
  for (guint i = 0; old[i] != NULL && n < ZHI_RECENT_MAX; i++)
    {
      if (g_str_equal (old[i], path))
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char *const *)updated);
}

void
zhi_application_add_recent (ZhiApplication *self, const char *path)
{
  g_return_if_fail (ZHI_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  update_recent (self, path, TRUE);
}

void
zhi_application_remove_recent (ZhiApplication *self, const char *path)
{
  g_return_if_fail (ZHI_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  update_recent (self, path, FALSE);
}
