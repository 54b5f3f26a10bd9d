/* zhi-window.c — the main window: welcome page, then the application's steps */
#include "config.h"

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "pages/zhi-welcome-page.h"
#include "zhi-demo.h"
#include "zhi-editions.h"
#include "zhi-office-convert.h"
#include "zhi-project-view.h"
#include "review/zhi-review-view.h"
#include "zhi-store.h"
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
  ZhiProjectView *project_view;
  ZhiReviewView *review_view; /* the 审核 mode, a page of the stack named "review", made when a
                                review is first opened (it costs start-up time otherwise) */

  /* Owned References */
  GSettings *settings;
  ZhiProject *project;
  GtkFileChooserNative *chooser;
  GCancellable *inspect; /* the re-check of the project's evidence (zhi-store.h) */
  /* office documents converted to PDF in the background (zhi-office-convert.h) */
  GCancellable *convert;  /* the run under way, or NULL */
  gboolean convert_again; /* documents were added during the run */
  guint convert_source;   /* a check scheduled after an attach */
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
update_actions (ZhiWindow *self)
{
  gboolean open = self->project != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-dossier", open);
}

/* An error dialog that names the file, the reason and what to do. */
static void
show_error (ZhiWindow *self, const char *heading, const char *reason, const char *file_name)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (file_name != NULL)
    body = g_strdup_printf ("%s\n\n%s", file_name, reason);
  else
    body = g_strdup (reason);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_failed_cb (ZhiProject *project, GError *error, ZhiWindow *self)
{
  AdwToast *toast
      = adw_toast_new (error != NULL ? error->message : _ ("Your changes could not be saved"));

  adw_toast_set_button_label (toast, _ ("Save _As…"));
  adw_toast_set_action_name (toast, "win.save-as");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  zhi_window_add_toast (self, toast);
}

static void update_window_title (ZhiWindow *self);

static void
close_project (ZhiWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->project == NULL)
    return;
  g_cancellable_cancel (self->inspect);
  g_clear_object (&self->inspect);
  g_cancellable_cancel (self->convert);
  g_clear_object (&self->convert);
  g_clear_handle_id (&self->convert_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (zhi_project_get_evidence_list (self->project), self);
  g_signal_handlers_disconnect_by_data (self->project, self);
  zhi_project_view_set_project (self->project_view, NULL);
  if (!zhi_project_close (self->project, &error)
      && !g_error_matches (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_READ_ONLY))
    g_warning ("closing the project: %s", error->message);
  g_clear_object (&self->project);
  adw_window_title_set_subtitle (self->window_title, NULL);
  update_window_title (self);
  gtk_stack_set_visible_child_name (self->stack, "welcome");
  update_window_title (self);
  update_actions (self);
}

static void
inspect_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  (void)user_data;
  /* the items it could not check stay "not inspected"; the next open tries again */
  if (!zhi_project_inspect_evidence_finish (ZHI_PROJECT (source), result, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Checking the evidence of the project: %s", error->message);
}

/* The window's own title (task switcher, window list) names the open project: the
 * enterprise's name, or the file's while there is none. */
static void
update_window_title (ZhiWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _ ("Zhizao"));
      return;
    }
  name = g_strstrip (g_strdup (
      zhi_project_get_name (self->project) != NULL ? zhi_project_get_name (self->project) : ""));
  if (*name == '\0' && zhi_project_get_file (self->project) != NULL)
    {
      g_free (name);
      name = g_file_get_basename (zhi_project_get_file (self->project));
    }
  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (_ ("New Application"));
    }
  /* Translators: the window title, "<project> – Zhizao" */
  title = g_strdup_printf (_ ("%s – Zhizao"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void convert_office (ZhiWindow *self);

static void
convert_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ZhiWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  guint n = 0;
  gboolean ok = zhi_office_convert_project_finish (ZHI_PROJECT (source), result, &n, &error);

  /* a run of a project closed since (its cancellable was cancelled then) */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->convert);
  if (!ok)
    {
      /* the message names the install command; the documents stay, Convert retries */
      AdwToast *toast = adw_toast_new (error->message);
      adw_toast_set_button_label (toast, _ ("_Convert"));
      adw_toast_set_action_name (toast, "win.convert-office");
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      zhi_window_add_toast (self, toast);
      self->convert_again = FALSE;
      return;
    }
  if (n > 0)
    {
      g_autofree char *text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u office document converted to PDF",
                                          "%u office documents converted to PDF", n),
                             n);
      zhi_window_add_toast (self, adw_toast_new (text));
    }
  if (self->convert_again)
    convert_office (self);
}

/* converts the project's office documents that have no PDF yet, all in one run */
static void
convert_office (ZhiWindow *self)
{
  guint n;

  self->convert_again = FALSE;
  if (self->project == NULL || zhi_project_is_read_only (self->project))
    return;
  if (self->convert != NULL)
    {
      self->convert_again = TRUE;
      return;
    }
  n = zhi_office_count_unconverted (self->project);
  if (n == 0)
    return;
  {
    g_autofree char *text
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Converting %u office document to PDF…",
                                        "Converting %u office documents to PDF…", n),
                           n);
    zhi_window_add_toast (self, adw_toast_new (text));
  }
  self->convert = g_cancellable_new ();
  zhi_office_convert_project_async (self->project, self->convert, NULL, NULL, convert_done_cb,
                                    g_object_ref (self));
}

static gboolean
convert_office_cb (gpointer data)
{
  ZhiWindow *self = data;
  self->convert_source = 0;
  convert_office (self);
  return G_SOURCE_REMOVE;
}

/* documents attached one after another wait a moment, so a batch converts in one run */
static void
evidence_changed_cb (GListModel *list, guint position, guint removed, guint added, ZhiWindow *self)
{
  if (added == 0)
    return;
  g_clear_handle_id (&self->convert_source, g_source_remove);
  self->convert_source = g_timeout_add (500, convert_office_cb, self);
}

static void
convert_office_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  convert_office (ZHI_WINDOW (widget));
}

static void
set_project (ZhiWindow *self, ZhiProject *project)
{
  GFile *file;

  close_project (self);
  self->project = g_object_ref (project);
  if (g_signal_lookup ("save-failed", ZHI_TYPE_PROJECT) != 0)
    g_signal_connect_object (project, "save-failed", G_CALLBACK (save_failed_cb), self, 0);
  file = zhi_project_get_file (project);
  if (file != NULL && g_file_peek_path (file) != NULL)
    zhi_application_add_recent (get_app (self), g_file_peek_path (file));
  g_signal_connect_object (project, "notify::name", G_CALLBACK (update_window_title), self,
                           G_CONNECT_SWAPPED);
  zhi_project_view_set_project (self->project_view, project);
  update_window_title (self);
  gtk_stack_set_visible_child_name (self->stack, "project");
  update_window_title (self);
  update_actions (self);
  /* evidence of projects saved by older versions is checked in the background */
  self->inspect = g_cancellable_new ();
  zhi_project_inspect_evidence_async (project, self->inspect, inspect_done_cb, NULL);
  g_signal_connect (zhi_project_get_evidence_list (project), "items-changed",
                    G_CALLBACK (evidence_changed_cb), self);
  /* documents left unconverted (LibreOffice installed since) */
  convert_office (self);
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

/* The demo lives in the user's data folder: opened again if it is there, so edits made
 * while exploring it are kept; written anew when it is missing. */
static void
open_demo_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "zhizao", NULL);
  /* Translators: the file name of the demo application; keep the .zhizao suffix */
  g_autofree char *path = g_build_filename (dir, _ ("Demo Application.zhizao"), NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = NULL;

  if (g_file_query_exists (file, NULL))
    {
      zhi_window_open_file (self, file);
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  project = zhi_demo_create (file, "workshop", &error);
  if (project == NULL)
    {
      show_error (self, _ ("Could Not Create the Demo"), error->message, path);
      return;
    }
  set_project (self, project);
}

static void
create_requested_cb (ZhiWelcomePage *page, GFile *file, const char *track, ZhiWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = NULL;

  /* The file chooser already asked before replacing an existing file. */
  if (g_file_query_exists (file, NULL) && !g_file_delete (file, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      show_error (self, _ ("Could Not Create the Application"), error->message, name);
      return;
    }
  project = zhi_project_create (file, &error);
  if (project == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      show_error (self, _ ("Could Not Create the Application"), error->message, name);
      return;
    }
  /* "workshop" (the built-in edition) or "workshop@2025-06-01" (an installed one): the project
   * records the edition it is drafted against */
  {
    g_autofree char *id = NULL;
    g_autofree char *edition = NULL;
    g_autoptr (ZhiStandard) standard = NULL;

    if (zhi_edition_ref_parse (track, &id, &edition))
      standard = edition != NULL ? zhi_editions_lookup (id, edition, NULL)
                                 : zhi_standard_load_builtin (id, NULL);
    if (standard != NULL)
      zhi_editions_set_project_standard (project, standard);
    else
      zhi_project_set_track (project, id != NULL ? id : track);
  }
  set_project (self, project);
}

static void
save_as_response_cb (GtkNativeDialog *dialog, int response, ZhiWindow *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || self->project == NULL)
    return;
  if (!zhi_project_save_as (self->project, file, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      show_error (self, _ ("Could Not Save the Application"), error->message, name);
      return;
    }
  if (g_file_peek_path (file) != NULL)
    zhi_application_add_recent (get_app (self), g_file_peek_path (file));
  zhi_window_add_toast (self, adw_toast_new (_ ("Saved")));
}

static void
save_as_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = project_filter_new ();
  GFile *current;

  if (self->chooser != NULL || self->project == NULL)
    return;
  self->chooser
      = gtk_file_chooser_native_new (_ ("Save the Application As"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  current = zhi_project_get_file (self->project);
  if (current != NULL)
    {
      g_autofree char *name = g_file_get_basename (current);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_dossier_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);
  GtkWidget *page;

  if (self->project == NULL || !zhi_project_view_show_step (self->project_view, "dossier", NULL))
    return;
  page = zhi_project_view_get_page (self->project_view, "dossier");
  gtk_widget_activate_action (page, "dossier.export", NULL);
}

static void
close_project_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  close_project (ZHI_WINDOW (widget));
}

static void
show_guide_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);

  if (self->project != NULL)
    zhi_project_view_show_step (self->project_view, "guide", NULL);
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

  /* Everything is saved as the user types: flush the last edits, never ask. */
  close_project (self);

  return GTK_WINDOW_CLASS (zhi_window_parent_class)->close_request (window);
}

static void
zhi_window_dispose (GObject *object)
{
  ZhiWindow *self = ZHI_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  close_project (self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_WINDOW);
  G_OBJECT_CLASS (zhi_window_parent_class)->dispose (object);
}

static void
ensure_review_view (ZhiWindow *self)
{
  if (self->review_view != NULL)
    return;
  self->review_view = ZHI_REVIEW_VIEW (zhi_review_view_new ());
  gtk_stack_add_titled (self->stack, GTK_WIDGET (self->review_view), "review", _ ("Review"));
}

gboolean
zhi_window_open_review (ZhiWindow *self, GFile *file, GError **error)
{
  g_autoptr (ZhiReview) review = NULL;

  g_return_val_if_fail (ZHI_IS_WINDOW (self), FALSE);
  review = g_file_query_exists (file, NULL) ? zhi_review_open (file, error)
                                            : zhi_review_create (file, error);
  if (review == NULL)
    return FALSE;
  close_project (self);
  ensure_review_view (self);
  zhi_review_view_set_review (self->review_view, review);
  gtk_widget_set_visible (GTK_WIDGET (self->review_view), TRUE);
  adw_window_title_set_subtitle (self->window_title, _ ("Review"));
  gtk_stack_set_visible_child_name (self->stack, "review");
  return TRUE;
}

static void
review_chooser_response_cb (GtkNativeDialog *dialog, int response, ZhiWindow *self)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT
                               ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                               : NULL;
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->chooser);
  if (file != NULL && !zhi_window_open_review (self, file, &error))
    zhi_window_add_toast (self, adw_toast_new (error->message));
}

/* One chooser both opens a review and names a new one: an existing name is opened. */
static void
open_review_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiWindow *self = ZHI_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _ ("Zhizao reviews"));
  gtk_file_filter_add_pattern (filter, "*" ZHI_REVIEW_FILE_SUFFIX);
  self->chooser
      = gtk_file_chooser_native_new (_ ("Open or Create a Review"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Open"), _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     "审核" ZHI_REVIEW_FILE_SUFFIX);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (review_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

ZhiReviewView *
zhi_window_get_review_view (ZhiWindow *self)
{
  g_return_val_if_fail (ZHI_IS_WINDOW (self), NULL);
  return self->review_view;
}

/* the pages' toasts, passed on by the project view */
static gboolean
page_toast_cb (ZhiProjectView *view, AdwToast *toast, ZhiWindow *self)
{
  zhi_window_add_toast (self, g_object_ref (toast));
  return TRUE;
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
  g_type_ensure (ZHI_TYPE_PROJECT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhizao/Zhizao/ui/zhi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, ZhiWindow, project_view);

  gtk_widget_class_bind_template_callback (widget_class, create_requested_cb);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, close_project_action);
  gtk_widget_class_install_action (widget_class, "win.export-dossier", NULL, export_dossier_action);
  gtk_widget_class_install_action (widget_class, "win.show-guide", NULL, show_guide_action);
  gtk_widget_class_install_action (widget_class, "win.convert-office", NULL, convert_office_action);
  gtk_widget_class_install_action (widget_class, "win.open-review", NULL, open_review_action);
}

static void
zhi_window_init (ZhiWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->project_view, "add-toast", G_CALLBACK (page_toast_cb), self, 0);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  update_actions (self);
}

ZhiWindow *
zhi_window_new (ZhiApplication *application)
{
  return g_object_new (ZHI_TYPE_WINDOW, "application", application, NULL);
}

void
zhi_window_open_file (ZhiWindow *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = NULL;
  ZhiWindow *other;

  g_return_if_fail (ZHI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A project already open in a window of ours is brought forward, not opened twice. */
  other = zhi_window_find_for_file (get_app (self), file);
  if (other != NULL)
    {
      gtk_window_present (GTK_WINDOW (other));
      return;
    }

  project = zhi_project_open (file, &error);
  if (project == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is a file name */
      show_error (self, _ ("Could Not Open the Application"), error->message, name);
      return;
    }
  set_project (self, project);
}

/* The window of ours that has @file open, or NULL. */
ZhiWindow *
zhi_window_find_for_file (ZhiApplication *application, GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = l->next)
    {
      ZhiWindow *window = l->data;
      GFile *open_file;

      if (!ZHI_IS_WINDOW (window) || window->project == NULL)
        continue;
      open_file = zhi_project_get_file (window->project);
      if (open_file != NULL && g_file_equal (open_file, file))
        return window;
    }
  return NULL;
}

const char *
zhi_window_get_page_name (ZhiWindow *self)
{
  g_return_val_if_fail (ZHI_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

ZhiProject *
zhi_window_get_project (ZhiWindow *self)
{
  g_return_val_if_fail (ZHI_IS_WINDOW (self), NULL);
  return self->project;
}

ZhiProjectView *
zhi_window_get_project_view (ZhiWindow *self)
{
  g_return_val_if_fail (ZHI_IS_WINDOW (self), NULL);
  return self->project_view;
}

void
zhi_window_add_toast (ZhiWindow *self, AdwToast *toast)
{
  g_return_if_fail (ZHI_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
