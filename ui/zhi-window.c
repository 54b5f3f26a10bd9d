/* zhi-window.c — the main window: welcome page, then the application's steps */
#include "config.h"

#include <glib/gi18n.h>

#include "pages/zhi-welcome-page.h"
#include "zhi-window.h"

struct _ZhiWindow
{
  AdwApplicationWindow parent_instance;

  /* Template Widgets */
  AdwToastOverlay *toast_overlay;
  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  GtkStack *stack;
  ZhiWelcomePage *welcome_page;
  AdwStatusPage *project_page;

  /* Owned References */
  GSettings *settings;
  GFile *file;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ZhiWindow, zhi_window, ADW_TYPE_APPLICATION_WINDOW)

static ZhiApplication *
get_app (ZhiWindow *self)
{
  return ZHI_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static GtkFileFilter *
project_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Zhizao projects"));
  gtk_file_filter_add_pattern (filter, "*.zhizao");
  gtk_file_filter_add_mime_type (filter, "application/x-zhizao-project");
  return filter;
}

static void
open_chooser_response_cb (GtkNativeDialog *dialog, int response, ZhiWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        zhi_window_open_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
open_project_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = project_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser
      = gtk_file_chooser_native_new (_ ("Open Application"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_recent_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  zhi_window_open_file (self, file);
}

static void
forget_recent_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);

  zhi_application_remove_recent (get_app (self), g_variant_get_string (param, NULL));
}

static void
new_project_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "welcome");
  zhi_welcome_page_choose_track (self->welcome_page);
}

static void
open_demo_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);
  AdwToast *toast = adw_toast_new (_ ("The demo project arrives with the project file format"));

  zhi_window_add_toast (self, toast);
}

static void
create_requested_cb (ZhiWelcomePage *page, GFile *file, const char *track, ZhiWindow *self)
{
  zhi_window_open_file (self, file);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, ZhiWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, ".zhizao"))
        {
          zhi_window_open_file (self, l->data);
          g_slist_free (files);
          return TRUE;
        }
    }
  g_slist_free (files);
  zhi_window_add_toast (self, adw_toast_new (_ ("Only Zhizao project files (.zhizao) can be "
                                                "opened by dropping them here")));
  return FALSE;
}

static void
zhi_window_constructed (GObject *object)
{
  ZhiWindow *self = ZHI_WINDOW (object);

  G_OBJECT_CLASS (zhi_window_parent_class)->constructed (object);

  /* Not the application's: the "application" property is set after construction. */
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  zhi_welcome_page_set_settings (self->welcome_page, self->settings);
}

static gboolean
zhi_window_close_request (GtkWindow *window)
{
  ZhiWindow *self = ZHI_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (zhi_window_parent_class)->close_request (window);
}

static void
zhi_window_dispose (GObject *object)
{
  ZhiWindow *self = ZHI_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_WINDOW);
  G_OBJECT_CLASS (zhi_window_parent_class)->dispose (object);
}

static void
zhi_window_class_init (ZhiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = zhi_window_constructed;
  object_class->dispose = zhi_window_dispose;
  window_class->close_request = zhi_window_close_request;

  g_type_ensure (ZHI_TYPE_WELCOME_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhizao/Zhizao/ui/zhi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, project_page);

  gtk_widget_class_bind_template_callback (widget_class, create_requested_cb);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
}

static void
zhi_window_init (ZhiWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

ZhiWindow *
zhi_window_new (ZhiApplication *application)
{
  return g_object_new (ZHI_TYPE_WINDOW, "application", application, NULL);
}

void
zhi_window_open_file (ZhiWindow *self, GFile *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (ZHI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  if (g_file_peek_path (file) != NULL)
    zhi_application_add_recent (get_app (self), g_file_peek_path (file));
  adw_window_title_set_subtitle (self->window_title, name);
  adw_status_page_set_title (self->project_page, name);
  gtk_stack_set_visible_child_name (self->stack, "project");
}

const char *
zhi_window_get_page_name (ZhiWindow *self)
{
  g_return_val_if_fail (ZHI_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
zhi_window_add_toast (ZhiWindow *self, AdwToast *toast)
{
  g_return_if_fail (ZHI_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
