/* zhi-dossier-page.c — 申报书: preview the dossier, export it to PDF, print it
 *
 * The preview is the dossier without its attachments (quick to lay out), refreshed when the
 * page is shown after a change.  Export and print render the whole dossier in the
 * background (zhi_dossier_render_async) with progress and cancel.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <unistd.h>

#include "zhi-dossier-page.h"
#include "zhi-dossier.h"
#include "zhi-evaluation.h"
#include "zhi-pdf-render.h"

#define PREVIEW_WIDTH 220

typedef enum
{
  JOB_PREVIEW,
  JOB_EXPORT,
  JOB_PRINT,
} JobKind;

struct _ZhiDossierPage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  AdwActionRow *problems_row;
  GtkImage *problems_icon;
  GtkToggleButton *draft_button;
  GtkToggleButton *final_button;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress_bar;
  AdwPreferencesGroup *result_group;
  AdwActionRow *result_row;
  GtkLabel *warnings_label;
  GtkStack *preview_stack;
  GtkFlowBox *preview_box;
  GtkLabel *preview_message;

  /* Owned References */
  GCancellable *cancellable; /* the running export or print */
  GCancellable *preview_cancellable;
  GFile *exported;
  char *preview_path;
  PopplerDocument *preview_doc;
  GtkFileChooserNative *chooser;
  guint preview_idle;
  guint preview_next_page;
  gboolean preview_dirty;
  gboolean user_chose_draft;
};

G_DEFINE_FINAL_TYPE (ZhiDossierPage, zhi_dossier_page, ZHI_TYPE_PAGE)

static void refresh_preview (ZhiDossierPage *self);

static gboolean
has_blocking (ZhiDossierPage *self)
{
  return zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL
         && zhi_evaluation_has_blocking_problems (zhi_page_get_evaluation (ZHI_PAGE (self)));
}

static void
update_actions (ZhiDossierPage *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean ready
      = zhi_page_get_project (ZHI_PAGE (self)) != NULL
        && zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL
        && zhi_evaluation_get_standard (zhi_page_get_evaluation (ZHI_PAGE (self))) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.export", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.print", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.refresh", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.open", self->exported != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dossier.show-in-folder",
                                 self->exported != NULL);
}

static void
update_status (ZhiDossierPage *self)
{
  guint blocking
      = zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL
            ? zhi_evaluation_count_problems (zhi_page_get_evaluation (ZHI_PAGE (self)), NULL, TRUE)
            : 0;

  if (blocking > 0)
    {
      g_autofree char *title
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem blocks a final dossier",
                                          "%u problems block a final dossier", blocking),
                             blocking);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problems_row), title);
      adw_action_row_set_subtitle (self->problems_row,
                                   _ ("Until they are solved the dossier is a draft: every page "
                                      "is stamped 草稿."));
      gtk_image_set_from_icon_name (self->problems_icon, "dialog-warning-symbolic");
      gtk_widget_set_sensitive (GTK_WIDGET (self->final_button), FALSE);
      gtk_toggle_button_set_active (self->draft_button, TRUE);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problems_row),
                                     _ ("Ready for a final dossier"));
      adw_action_row_set_subtitle (self->problems_row,
                                   _ ("Nothing blocks submission. Warnings in the checklist may "
                                      "still cost points."));
      gtk_image_set_from_icon_name (self->problems_icon, "emblem-ok-symbolic");
      gtk_widget_set_sensitive (GTK_WIDGET (self->final_button), TRUE);
      if (!self->user_chose_draft)
        gtk_toggle_button_set_active (self->final_button, TRUE);
    }
  update_actions (self);
}

static void
mode_toggled_cb (GtkToggleButton *button, ZhiDossierPage *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  /* Remember a draft chosen by hand, not one forced by problems. */
  if (button == self->draft_button && !has_blocking (self))
    self->user_chose_draft = TRUE;
  else if (button == self->final_button)
    self->user_chose_draft = FALSE;
  self->preview_dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_preview (self);
}

static void
options_for (ZhiDossierPage *self, ZhiDossierOptions *options, gboolean preview)
{
  zhi_dossier_options_init (options);
  options->draft = gtk_toggle_button_get_active (self->final_button) && !has_blocking (self)
                       ? ZHI_DOSSIER_DRAFT_FINAL
                       : ZHI_DOSSIER_DRAFT_YES;
  options->no_attachments = preview;
}

/* ---- preview ------------------------------------------------------------------------- */

static GdkTexture *
render_page_texture (PopplerPage *page, int width)
{
  double page_w, page_h, scale;

  poppler_page_get_size (page, &page_w, &page_h);
  scale = width / page_w;
  return zhi_pdf_render_texture (page, scale, width, (int)(page_h * scale + 0.5));
}

/* One page per idle call keeps the window responsive while a long preview fills in. */
static gboolean
preview_idle_cb (gpointer data)
{
  ZhiDossierPage *self = data;
  PopplerPage *page = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *label = NULL;
  GtkWidget *picture, *frame;

  if (self->preview_doc == NULL
      || self->preview_next_page >= (guint)poppler_document_get_n_pages (self->preview_doc))
    {
      self->preview_idle = 0;
      return G_SOURCE_REMOVE;
    }
  page = poppler_document_get_page (self->preview_doc, self->preview_next_page);
  texture = render_page_texture (page, PREVIEW_WIDTH);
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  /* Translators: the accessible name of a page in the preview */
  label = g_strdup_printf (_ ("Page %u"), self->preview_next_page + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_set_halign (frame, GTK_ALIGN_CENTER);
  gtk_flow_box_append (self->preview_box, frame);
  g_object_unref (page);
  self->preview_next_page++;
  return G_SOURCE_CONTINUE;
}

static void
clear_preview (ZhiDossierPage *self)
{
  GtkWidget *child;

  g_clear_handle_id (&self->preview_idle, g_source_remove);
  g_clear_object (&self->preview_doc);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_box))) != NULL)
    gtk_flow_box_remove (self->preview_box, child);
  self->preview_next_page = 0;
}

static void
show_preview_message (ZhiDossierPage *self, const char *message)
{
  gtk_label_set_text (self->preview_message, message);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
}

static void
preview_rendered_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (ZhiDossierPage) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiDossierResult) rendered = NULL;
  g_autofree char *uri = NULL;

  rendered = zhi_dossier_render_finish (ZHI_PROJECT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->preview_cancellable);
  if (rendered == NULL)
    {
      show_preview_message (self, error->message);
      return;
    }
  clear_preview (self);
  uri = g_filename_to_uri (self->preview_path, NULL, NULL);
  self->preview_doc = poppler_document_new_from_file (uri, NULL, &error);
  if (self->preview_doc == NULL)
    {
      show_preview_message (self, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->preview_stack, "pages");
  self->preview_idle = g_idle_add (preview_idle_cb, self);
}

static void
refresh_preview (ZhiDossierPage *self)
{
  ZhiDossierOptions options;
  g_autoptr (GFile) file = NULL;

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL
      || zhi_page_get_evaluation (ZHI_PAGE (self)) == NULL)
    return;
  if (zhi_evaluation_get_standard (zhi_page_get_evaluation (ZHI_PAGE (self))) == NULL)
    {
      show_preview_message (self, _ ("Choose the track on the enterprise page: the dossier "
                                     "follows its standard."));
      return;
    }
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  self->preview_dirty = FALSE;
  if (self->preview_path == NULL)
    {
      int fd = g_file_open_tmp ("zhizao-preview-XXXXXX.pdf", &self->preview_path, NULL);

      if (fd >= 0)
        close (fd);
    }
  if (self->preview_path == NULL)
    return;
  if (gtk_widget_get_first_child (GTK_WIDGET (self->preview_box)) == NULL)
    show_preview_message (self, _ ("Laying out the dossier…"));
  options_for (self, &options, TRUE);
  file = g_file_new_for_path (self->preview_path);
  zhi_dossier_render_async (
      zhi_page_get_project (ZHI_PAGE (self)), zhi_page_get_evaluation (ZHI_PAGE (self)), &options,
      file, NULL, NULL, NULL, self->preview_cancellable, preview_rendered_cb, g_object_ref (self));
}

static void
map_cb (ZhiDossierPage *self)
{
  if (self->preview_dirty)
    refresh_preview (self);
}

/* ---- export and print ------------------------------------------------------------------ */

typedef struct
{
  ZhiDossierPage *self;
  JobKind kind;
  GFile *file;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_clear_object (&job->file);
  g_free (job);
}

static void
progress_cb (guint done, guint total, gpointer data)
{
  ZhiDossierPage *self = data;
  g_autofree char *text = NULL;

  if (total == 0)
    return;
  /* Translators: progress of writing the dossier */
  text = g_strdup_printf (_ ("Page %u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double)done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, gpointer data)
{
  PopplerDocument *doc = data;
  PopplerPage *page = poppler_document_get_page (doc, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_w, page_h, scale;

  poppler_page_get_size (page, &page_w, &page_h);
  scale = MIN (gtk_print_context_get_width (context) / page_w,
               gtk_print_context_get_height (context) / page_h);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  g_object_unref (page);
}

static void
print_file (ZhiDossierPage *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr (GObject) doc = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_autoptr (GtkPrintOperation) operation = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (doc == NULL)
    {
      zhi_page_add_toast (ZHI_PAGE (self), adw_toast_new (error->message));
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation,
                                   poppler_document_get_n_pages (POPPLER_DOCUMENT (doc)));
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the print job's name */
  gtk_print_operation_set_job_name (operation, _ ("Dossier"));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), g_object_ref (doc),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    zhi_page_add_toast (ZHI_PAGE (self), adw_toast_new (error->message));
}

static void
job_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Job *job = data;
  ZhiDossierPage *self = job->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiDossierResult) rendered = NULL;

  rendered = zhi_dossier_render_finish (ZHI_PROJECT (source), result, &error);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  if (rendered == NULL)
    {
      /* the empty file made for printing (a render that fails keeps a file that was there) */
      if (job->kind == JOB_PRINT)
        g_file_delete (job->file, NULL, NULL);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zhi_page_add_toast (ZHI_PAGE (self), adw_toast_new (error->message));
      else
        zhi_page_add_toast (ZHI_PAGE (self), adw_toast_new (_ ("Cancelled: no file was written")));
    }
  else if (job->kind == JOB_PRINT)
    {
      print_file (self, job->file);
      g_file_delete (job->file, NULL, NULL);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autofree char *size = g_format_size (rendered->size);
      g_autofree char *subtitle = NULL;
      AdwToast *toast;

      g_set_object (&self->exported, job->file);
      subtitle = g_strdup_printf (
          /* Translators: pages, size, draft or final, and the fingerprint of the dossier */
          g_dngettext (GETTEXT_PACKAGE, "%u page, %s, %s, fingerprint %s",
                       "%u pages, %s, %s, fingerprint %s", rendered->n_pages),
          rendered->n_pages, size, rendered->draft ? _ ("draft") : _ ("final"),
          rendered->fingerprint);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), name);
      adw_action_row_set_subtitle (self->result_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
      if (rendered->warnings != NULL && rendered->warnings->len > 0)
        {
          GString *text = g_string_new (NULL);

          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u evidence document could not be embedded and "
                                               "became a labelled placeholder page:",
                                               "%u evidence documents could not be embedded and "
                                               "became labelled placeholder pages:",
                                               rendered->warnings->len),
                                  rendered->warnings->len);
          for (guint i = 0; i < rendered->warnings->len; i++)
            {
              const ZhiPdfAttachWarning *warning = g_ptr_array_index (rendered->warnings, i);

              g_string_append_printf (text, "\n附件%u %s：%s", warning->number, warning->file_name,
                                      warning->reason);
            }
          gtk_label_set_text (self->warnings_label, text->str);
          g_string_free (text, TRUE);
          gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), FALSE);

      toast = adw_toast_new (_ ("The dossier was exported"));
      adw_toast_set_button_label (toast, _ ("_Open"));
      adw_toast_set_action_name (toast, "dossier.open");
      zhi_page_add_toast (ZHI_PAGE (self), toast);
    }
  update_actions (self);
  job_free (job);
}

static void
start_job (ZhiDossierPage *self, JobKind kind, GFile *file)
{
  ZhiDossierOptions options;
  Job *job;

  if (self->cancellable != NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->kind = kind;
  job->file = g_object_ref (file);
  options_for (self, &options, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Laying out the dossier…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_actions (self);
  zhi_dossier_render_async (
      zhi_page_get_project (ZHI_PAGE (self)), zhi_page_get_evaluation (ZHI_PAGE (self)), &options,
      file, progress_cb, g_object_ref (self), g_object_unref, self->cancellable, job_done_cb, job);
}

void
zhi_dossier_page_export (ZhiDossierPage *self, GFile *file)
{
  g_return_if_fail (ZHI_IS_DOSSIER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  start_job (self, JOB_EXPORT, file);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, ZhiDossierPage *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    zhi_dossier_page_export (self, file);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *enterprise;

  if (self->chooser != NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
      _ ("Export the Dossier"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  enterprise = zhi_project_get_name (zhi_page_get_project (ZHI_PAGE (self)));
  /* Translators: the default file name of the dossier; %s is the enterprise */
  name = g_strdup_printf (_ ("%s Dossier.pdf"),
                          *enterprise != '\0' ? enterprise : _ ("Application"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (widget);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  int fd = g_file_open_tmp ("zhizao-print-XXXXXX.pdf", &path, NULL);

  if (fd < 0)
    return;
  close (fd);
  file = g_file_new_for_path (path);
  start_job (self, JOB_PRINT, file);
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  refresh_preview (ZHI_DOSSIER_PAGE (widget));
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *uri = NULL;

  if (self->exported == NULL)
    return;
  uri = g_file_get_uri (self->exported);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
show_items_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (ZhiDossierPage) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL && self->exported != NULL)
    {
      /* No file manager on the bus: open the folder instead. */
      g_autoptr (GFile) parent = g_file_get_parent (self->exported);
      g_autofree char *uri = g_file_get_uri (parent);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
}

static void
show_in_folder_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (widget);
  GDBusConnection *bus = g_application_get_dbus_connection (g_application_get_default ());
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };

  if (self->exported == NULL)
    return;
  uri = g_file_get_uri (self->exported);
  uris[0] = uri;
  if (bus == NULL)
    {
      show_items_cb (NULL, NULL, g_object_ref (self));
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 5000,
                          NULL, show_items_cb, g_object_ref (self));
}

/* ---- project and evaluation ----------------------------------------------------------------- */

static void
evaluation_updated_cb (ZhiDossierPage *self)
{
  update_status (self);
}

static void
project_changed_cb (ZhiDossierPage *self)
{
  self->preview_dirty = TRUE;
}

static void
zhi_dossier_page_project_changed (ZhiPage *page, ZhiProject *old_project)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (page);
  ZhiProject *project = zhi_page_get_project (page);

  /* Work for the old project stops with it. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self,
                             G_CONNECT_SWAPPED);
  self->preview_dirty = TRUE;
  clear_preview (self);
}

static void
zhi_dossier_page_evaluation_changed (ZhiPage *page, ZhiEvaluation *old_evaluation)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (page);
  ZhiEvaluation *evaluation = zhi_page_get_evaluation (page);

  if (evaluation != NULL)
    g_signal_connect_object (evaluation, "updated", G_CALLBACK (evaluation_updated_cb), self,
                             G_CONNECT_SWAPPED);
  update_status (self);
}

static void
zhi_dossier_page_dispose (GObject *object)
{
  ZhiDossierPage *self = ZHI_DOSSIER_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  clear_preview (self);
  zhi_page_set_project (ZHI_PAGE (self), NULL);
  zhi_page_set_evaluation (ZHI_PAGE (self), NULL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->exported);
  if (self->preview_path != NULL)
    g_unlink (self->preview_path);
  g_clear_pointer (&self->preview_path, g_free);
  G_OBJECT_CLASS (zhi_dossier_page_parent_class)->dispose (object);
}

static void
zhi_dossier_page_class_init (ZhiDossierPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_dossier_page_dispose;
  ZHI_PAGE_CLASS (klass)->project_changed = zhi_dossier_page_project_changed;
  ZHI_PAGE_CLASS (klass)->evaluation_changed = zhi_dossier_page_evaluation_changed;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-dossier-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, problems_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, problems_icon);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, draft_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, final_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, result_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, preview_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiDossierPage, preview_message);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);

  gtk_widget_class_install_action (widget_class, "dossier.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "dossier.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "dossier.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dossier.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "dossier.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "dossier.show-in-folder", NULL,
                                   show_in_folder_action);
}

static void
zhi_dossier_page_init (ZhiDossierPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->preview_dirty = TRUE;
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  update_actions (self);
}

guint
zhi_dossier_page_get_n_preview_pages (ZhiDossierPage *self)
{
  g_return_val_if_fail (ZHI_IS_DOSSIER_PAGE (self), 0);
  return self->preview_next_page;
}

gboolean
zhi_dossier_page_is_busy (ZhiDossierPage *self)
{
  g_return_val_if_fail (ZHI_IS_DOSSIER_PAGE (self), FALSE);
  return self->cancellable != NULL || self->preview_cancellable != NULL || self->preview_idle != 0;
}

GFile *
zhi_dossier_page_get_exported_file (ZhiDossierPage *self)
{
  g_return_val_if_fail (ZHI_IS_DOSSIER_PAGE (self), NULL);
  return self->exported;
}
