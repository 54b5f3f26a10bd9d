/* zhi-preferences-window.c — Preferences: the editions of the evaluation standards
 *
 * Lists every edition (built-in and installed, with its source and date), imports a new
 * edition's file with the same checks and messages as `zhizao-cli standards --install`, and
 * removes installed ones.  The registry is app/core/zhi-editions.c. */
#include "config.h"

#include "zhi-preferences-window.h"

#include <glib/gi18n.h>

#include "zhi-editions.h"

struct _ZhiPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwPreferencesGroup *editions_group;
  GtkButton *import_button;
  GPtrArray *rows; /* the rows of editions_group we added (not owned) */
};

G_DEFINE_FINAL_TYPE (ZhiPreferencesWindow, zhi_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void refresh (ZhiPreferencesWindow *self);

static void
remove_clicked_cb (GtkButton *button, ZhiPreferencesWindow *self)
{
  const char *ref = g_object_get_data (G_OBJECT (button), "zhi-edition-ref");

  zhi_preferences_window_remove (self, ref);
}

static GtkWidget *
edition_row (ZhiPreferencesWindow *self, ZhiStandard *standard)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title
      = g_strdup_printf ("%s · %s", zhi_text_get (zhi_standard_get_track (standard)),
                         zhi_standard_get_edition (standard));
  g_autofree char *ref = g_strdup_printf ("%s@%s", zhi_standard_get_id (standard),
                                          zhi_standard_get_edition (standard));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               zhi_text_get (zhi_standard_get_source (standard)));
  gtk_widget_set_name (row, ref);
  if (zhi_standard_get_installed (standard))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_ ("Remove the edition %s"), ref);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "zhi-edition-ref", g_strdup (ref), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    {
      GtkWidget *label = gtk_label_new (_ ("Built-in"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
refresh (ZhiPreferencesWindow *self)
{
  g_autoptr (GPtrArray) broken = NULL;
  g_autoptr (GPtrArray) editions = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->editions_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  editions = zhi_editions_list (&broken, &error);
  if (editions == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_group_add (self->editions_group, row);
      g_ptr_array_add (self->rows, row);
      return;
    }
  for (guint i = 0; i < editions->len; i++)
    {
      GtkWidget *row = edition_row (self, editions->pdata[i]);

      adw_preferences_group_add (self->editions_group, row);
      g_ptr_array_add (self->rows, row);
    }
  /* an installed file that no longer loads is named, not hidden */
  for (guint i = 0; i < broken->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("An installed edition does not load"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), broken->pdata[i]);
      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (self->editions_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
show_problems (ZhiPreferencesWindow *self, const char *message, GPtrArray *problems)
{
  g_autoptr (GString) body = g_string_new (message);
  const guint shown = 12;
  GtkWidget *dialog;

  for (guint i = 0; problems != NULL && i < problems->len && i < shown; i++)
    {
      const ZhiStandardProblem *p = problems->pdata[i];

      g_string_append_printf (body, "\n• %s: %s", p->path, p->message);
    }
  if (problems != NULL && problems->len > shown)
    {
      g_string_append (body, "\n");
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                           "… and %u more problems", problems->len - shown),
                              problems->len - shown);
    }
  dialog
      = adw_message_dialog_new (GTK_WINDOW (self), _ ("The Edition Was Not Installed"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_widget_set_name (dialog, "edition-problems");
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
zhi_preferences_window_import (ZhiPreferencesWindow *self, GFile *file)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) installed = NULL;
  g_autofree char *toast = NULL;

  g_return_val_if_fail (ZHI_IS_PREFERENCES_WINDOW (self), FALSE);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_problems (self, _ ("Only a file on this computer can be installed."), NULL);
      return FALSE;
    }
  installed = zhi_editions_install (path, &problems, &error);
  if (installed == NULL)
    {
      show_problems (self, error->message, problems);
      return FALSE;
    }
  refresh (self);
  /* TRANSLATORS: the track's name and the edition */
  toast = g_strdup_printf (_ ("Installed %s, edition %s"),
                           zhi_text_get (zhi_standard_get_track (installed)),
                           zhi_standard_get_edition (installed));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (toast));
  return TRUE;
}

gboolean
zhi_preferences_window_remove (ZhiPreferencesWindow *self, const char *ref)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *toast = NULL;

  g_return_val_if_fail (ZHI_IS_PREFERENCES_WINDOW (self), FALSE);
  if (!zhi_editions_uninstall (ref, &error))
    {
      show_problems (self, error->message, NULL);
      return FALSE;
    }
  refresh (self);
  toast = g_strdup_printf (_ ("Removed the edition %s"), ref);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (toast));
  return TRUE;
}

guint
zhi_preferences_window_get_n_editions (ZhiPreferencesWindow *self)
{
  g_return_val_if_fail (ZHI_IS_PREFERENCES_WINDOW (self), 0);
  return self->rows->len;
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, ZhiPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        zhi_preferences_window_import (self, file);
    }
  g_object_unref (chooser);
}

static void
import_clicked_cb (ZhiPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser
      = gtk_file_chooser_native_new (_ ("Import a Standards Edition"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("Standards files (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
zhi_preferences_window_finalize (GObject *object)
{
  ZhiPreferencesWindow *self = ZHI_PREFERENCES_WINDOW (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (zhi_preferences_window_parent_class)->finalize (object);
}

static void
zhi_preferences_window_class_init (ZhiPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = zhi_preferences_window_finalize;
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/zhi-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiPreferencesWindow, editions_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiPreferencesWindow, import_button);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
}

static void
zhi_preferences_window_init (ZhiPreferencesWindow *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

ZhiPreferencesWindow *
zhi_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (ZHI_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal",
                       parent != NULL, NULL);
}
