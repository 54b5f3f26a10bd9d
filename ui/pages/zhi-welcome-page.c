/* zhi-welcome-page.c — new, open, recent projects, demo */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-welcome-page.h"

#include "zhi-editions.h"

struct _ZhiWelcomePage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  GtkStack *recent_stack;
  GtkListBox *recent_list;

  /* Owned References */
  GSettings *settings;
  GtkFileChooserNative *chooser;
  char *chosen_track;
  guint n_recent;
};

enum
{
  SIGNAL_CREATE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZhiWelcomePage, zhi_welcome_page, ZHI_TYPE_PAGE)

static GtkWidget *
recent_row_new (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *escaped_name = g_markup_escape_text (name, -1);
  g_autofree char *escaped_dir = NULL;
  gboolean exists = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *forget;

  if (exists)
    escaped_dir = g_markup_escape_text (dir, -1);
  else
    /* Translators: %s is the folder a recent project used to be in */
    escaped_dir = g_markup_printf_escaped (_ ("Not found in %s"), dir);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_dir);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (exists ? "x-office-document-symbolic"
                                                                  : "dialog-warning-symbolic"));
  if (exists)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }

  forget = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (forget, "flat");
  gtk_widget_set_tooltip_text (forget, _ ("Remove from the list"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (forget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Remove from the list"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (forget), "win.forget-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (forget), "s", path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);
  return row;
}

static void
reload_recent (ZhiWelcomePage *self)
{
  g_auto (GStrv) paths = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  self->n_recent = 0;
  if (self->settings != NULL)
    {
      paths = g_settings_get_strv (self->settings, "recent-projects");
      for (guint i = 0; paths[i] != NULL; i++)
        {
          gtk_list_box_append (self->recent_list, recent_row_new (paths[i]));
          self->n_recent++;
        }
    }
  gtk_stack_set_visible_child_name (self->recent_stack, self->n_recent > 0 ? "list" : "empty");
}

static void
recent_changed_cb (GSettings *settings, const char *key, ZhiWelcomePage *self)
{
  reload_recent (self);
}

static void
save_chooser_response_cb (GtkNativeDialog *dialog, int response, ZhiWelcomePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

      if (file != NULL && !g_str_has_suffix (name, ".zhizao"))
        {
          g_autofree char *with_suffix = g_strconcat (name, ".zhizao", NULL);
          g_autoptr (GFile) parent = g_file_get_parent (file);

          g_set_object (&file, g_file_get_child (parent, with_suffix));
        }
      if (file != NULL)
        g_signal_emit (self, signals[SIGNAL_CREATE_REQUESTED], 0, file, self->chosen_track);
    }
  g_clear_object (&self->chooser);
}

static void
track_chosen_cb (AdwMessageDialog *dialog, const char *response, ZhiWelcomePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_str_equal (response, "cancel") || self->chooser != NULL)
    return;

  g_free (self->chosen_track);
  self->chosen_track = g_strdup (response);
  self->chooser = gtk_file_chooser_native_new (
      _ ("Save the New Application As"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Create"), _ ("_Cancel"));
  /* Translators: the default file name of a new project; keep the .zhizao suffix */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _ ("Application.zhizao"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* One response per edition of every track, newest first within a track.  A track with only its
 * built-in edition answers with the track id ("workshop"); every edition of a track with
 * installed ones answers with "id@edition" and says its edition. */
static char *
add_edition_responses (AdwMessageDialog *dialog)
{
  char *first = NULL;
  const char *const *tracks = zhi_standard_track_ids ();
  const char *labels[]
      = { N_ ("_Digital Workshop"), N_ ("Discrete _Smart Factory"), N_ ("_Process Smart Factory") };
  g_autoptr (GPtrArray) editions = zhi_editions_list (NULL, NULL);

  for (guint t = 0; tracks[t] != NULL && t < G_N_ELEMENTS (labels); t++)
    {
      g_autoptr (GPtrArray) mine = g_ptr_array_new ();

      for (guint i = 0; editions != NULL && i < editions->len; i++)
        if (g_strcmp0 (zhi_standard_get_id (editions->pdata[i]), tracks[t]) == 0)
          g_ptr_array_add (mine, editions->pdata[i]);
      if (mine->len <= 1)
        {
          adw_message_dialog_add_response (dialog, tracks[t], _ (labels[t]));
          if (first == NULL)
            first = g_strdup (tracks[t]);
          continue;
        }
      /* newest first (editions are dates) */
      for (guint i = 0; i < mine->len; i++)
        for (guint j = i + 1; j < mine->len; j++)
          if (g_strcmp0 (zhi_standard_get_edition (mine->pdata[j]),
                         zhi_standard_get_edition (mine->pdata[i]))
              > 0)
            {
              gpointer tmp = mine->pdata[i];

              mine->pdata[i] = mine->pdata[j];
              mine->pdata[j] = tmp;
            }
      for (guint i = 0; i < mine->len; i++)
        {
          ZhiStandard *s = mine->pdata[i];
          g_autofree char *id = g_strdup_printf ("%s@%s", tracks[t], zhi_standard_get_edition (s));
          /* TRANSLATORS: a track and the edition of its standard, e.g. 数字化车间（2025-06-01 版）
           */
          g_autofree char *label
              = g_strdup_printf (_ ("%s (edition %s)"), zhi_text_get (zhi_standard_get_track (s)),
                                 zhi_standard_get_edition (s));

          adw_message_dialog_add_response (dialog, id, label);
          if (first == NULL)
            first = g_strdup (id);
        }
    }
  return first;
}

void
zhi_welcome_page_choose_track (ZhiWelcomePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *first = NULL;
  GtkWidget *dialog;

  g_return_if_fail (ZHI_IS_WELCOME_PAGE (self));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("What Are You Applying For?"),
                                   _ ("Choose the evaluation. The industry you enter later may "
                                      "suggest another track; you can change it at any time."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"));
  first = add_edition_responses (ADW_MESSAGE_DIALOG (dialog));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), first,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), first);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (track_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zhi_welcome_page_dispose (GObject *object)
{
  ZhiWelcomePage *self = ZHI_WELCOME_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->chosen_track, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_WELCOME_PAGE);
  G_OBJECT_CLASS (zhi_welcome_page_parent_class)->dispose (object);
}

static void
zhi_welcome_page_class_init (ZhiWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_welcome_page_dispose;

  /**
   * ZhiWelcomePage::create-requested:
   * @file: where the new project goes
   * @track: the track id
   */
  signals[SIGNAL_CREATE_REQUESTED]
      = g_signal_new ("create-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiWelcomePage, recent_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiWelcomePage, recent_list);
}

static void
zhi_welcome_page_init (ZhiWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
zhi_welcome_page_set_settings (ZhiWelcomePage *self, GSettings *settings)
{
  g_return_if_fail (ZHI_IS_WELCOME_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::recent-projects", G_CALLBACK (recent_changed_cb),
                           self, 0);
  reload_recent (self);
}

guint
zhi_welcome_page_get_n_recent (ZhiWelcomePage *self)
{
  g_return_val_if_fail (ZHI_IS_WELCOME_PAGE (self), 0);
  return self->n_recent;
}
