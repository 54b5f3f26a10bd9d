/* zhi-evidence-pages.c — the pages of the previewed evidence item, rendered as they scroll
 * into view (the "Pages" tab of the evidence page's preview pane)
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-evidence-files.h"
#include "zhi-evidence-pages.h"
#include "zhi-preview-sheet.h"

struct _ZhiEvidencePages
{
  AdwBin parent_instance;

  /* Template Widgets */
  GtkStack *pages_stack;
  GtkSpinner *pages_spinner;
  AdwStatusPage *pages_status;
  GtkListView *pages_view;

  /* Owned References */
  ZhiEvidence *evidence; /* the item shown */
  GCancellable *preview_cancellable;
  ZhiEvidencePreview *preview_doc;
  GtkStringList *page_model;
  GHashTable *page_textures; /* page index → GdkTexture */
  GHashTable *page_pending;  /* page index → TRUE while rendering */
  GHashTable *page_sheets;   /* page index → ZhiPreviewSheet bound to it (borrowed) */
};

G_DEFINE_FINAL_TYPE (ZhiEvidencePages, zhi_evidence_pages, ADW_TYPE_BIN)

static void
page_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePages *self = ZHI_EVIDENCE_PAGES (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  ZhiEvidencePreview *doc = NULL;
  guint index = 0;
  ZhiPreviewSheet *sheet;

  if (!zhi_evidence_preview_render_page_finish (result, &doc, &index, &texture, &error)
      || doc != self->preview_doc)
    return; /* another item is previewed now */
  g_hash_table_remove (self->page_pending, GUINT_TO_POINTER (index));
  if (texture == NULL)
    return;
  g_hash_table_replace (self->page_textures, GUINT_TO_POINTER (index), g_object_ref (texture));
  sheet = g_hash_table_lookup (self->page_sheets, GUINT_TO_POINTER (index));
  if (sheet != NULL)
    zhi_preview_sheet_set_texture (sheet, texture);
}

static void
page_request (ZhiEvidencePages *self, guint index)
{
  if (self->preview_doc == NULL
      || g_hash_table_contains (self->page_textures, GUINT_TO_POINTER (index))
      || g_hash_table_contains (self->page_pending, GUINT_TO_POINTER (index)))
    return;
  g_hash_table_add (self->page_pending, GUINT_TO_POINTER (index));
  zhi_evidence_preview_render_page_async (self->preview_doc, index, self, self->preview_cancellable,
                                          page_rendered_cb, NULL);
}

static void
pages_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePages *self)
{
  gtk_list_item_set_child (item, zhi_preview_sheet_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
pages_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePages *self)
{
  ZhiPreviewSheet *sheet = ZHI_PREVIEW_SHEET (gtk_list_item_get_child (item));
  guint index = gtk_list_item_get_position (item);

  zhi_preview_sheet_set_page (sheet, index,
                              g_list_model_get_n_items (G_LIST_MODEL (self->page_model)));
  g_hash_table_replace (self->page_sheets, GUINT_TO_POINTER (index), sheet);
  zhi_preview_sheet_set_texture (
      sheet, g_hash_table_lookup (self->page_textures, GUINT_TO_POINTER (index)));
  page_request (self, index);
}

static void
pages_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePages *self)
{
  ZhiPreviewSheet *sheet = ZHI_PREVIEW_SHEET (gtk_list_item_get_child (item));
  gpointer index = GUINT_TO_POINTER (zhi_preview_sheet_get_index (sheet));

  if (g_hash_table_lookup (self->page_sheets, index) == sheet)
    g_hash_table_remove (self->page_sheets, index);
  zhi_preview_sheet_set_texture (sheet, NULL);
  /* Keep the memory bounded: forget pages scrolled away from in long documents. */
  if (g_hash_table_size (self->page_textures) > 24)
    g_hash_table_remove (self->page_textures, index);
}

static void
show_pages_problem (ZhiEvidencePages *self, const char *title, const char *problem)
{
  gtk_spinner_stop (self->pages_spinner);
  adw_status_page_set_title (self->pages_status, title);
  adw_status_page_set_description (self->pages_status, problem);
  gtk_stack_set_visible_child_name (self->pages_stack, "unavailable");
}

static void
show_pages (ZhiEvidencePages *self, guint n_pages)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (items, g_strdup_printf ("%u", i + 1));
  g_ptr_array_add (items, NULL);
  gtk_string_list_splice (self->page_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->page_model)),
                          (const char *const *)items->pdata);
  gtk_spinner_stop (self->pages_spinner);
  gtk_stack_set_visible_child_name (self->pages_stack, "pages");
}

static void
preview_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePages *self = ZHI_EVIDENCE_PAGES (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  ZhiEvidencePreview *doc = NULL;
  guint n_pages = 0;

  if (!zhi_evidence_preview_count_pages_finish (result, &doc, &n_pages, &problem, &error)
      || doc != self->preview_doc)
    return;
  if (problem != NULL)
    show_pages_problem (self, _ ("This File Cannot Be Read"), problem);
  else if (n_pages == 0)
    show_pages_problem (self, _ ("This File Cannot Be Read"), _ ("The PDF has no pages."));
  else
    show_pages (self, n_pages);
}

static void
preview_bytes_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePages *self = user_data;
  ZhiEvidence *evidence = ZHI_EVIDENCE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = zhi_evidence_file_read_finish (result, &error);

  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (evidence != self->evidence)
    ; /* a stale read that was not cancelled in time */
  else if (bytes == NULL)
    show_pages_problem (self, _ ("No Preview"), error->message);
  else
    {
      const char *media_type = zhi_evidence_get_media_type (evidence);

      self->preview_doc = zhi_evidence_preview_new (bytes, media_type);
      if (zhi_evidence_file_is_pdf (media_type))
        zhi_evidence_preview_count_pages_async (self->preview_doc, self, self->preview_cancellable,
                                                preview_opened_cb, NULL);
      else
        show_pages (self, 1);
    }
  g_object_unref (self);
}

static void
clear_pages (ZhiEvidencePages *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->preview_doc, zhi_evidence_preview_unref);
  g_hash_table_remove_all (self->page_textures);
  g_hash_table_remove_all (self->page_pending);
  gtk_string_list_splice (self->page_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->page_model)), NULL);
}

static void
load_pages (ZhiEvidencePages *self, ZhiProject *project)
{
  const char *media_type = zhi_evidence_get_media_type (self->evidence);

  clear_pages (self);
  if (!zhi_evidence_file_is_pdf (media_type) && !zhi_evidence_file_is_image (media_type))
    {
      g_autofree char *type = zhi_evidence_file_describe_type (media_type);
      g_autofree char *text = g_strdup_printf (
          _ ("Zhizao shows PDF documents and pictures; this file is a %s."), type);

      show_pages_problem (self, _ ("No Preview"), text);
      return;
    }
  gtk_stack_set_visible_child_name (self->pages_stack, "loading");
  gtk_spinner_start (self->pages_spinner);
  zhi_evidence_file_read_async (project, self->evidence, self->preview_cancellable,
                                preview_bytes_cb, g_object_ref (self));
}

void
zhi_evidence_pages_show (ZhiEvidencePages *self, ZhiProject *project, ZhiEvidence *evidence)
{
  g_return_if_fail (ZHI_IS_EVIDENCE_PAGES (self));

  g_set_object (&self->evidence, evidence);
  if (evidence != NULL && project != NULL)
    load_pages (self, project);
  else
    clear_pages (self);
}

guint
zhi_evidence_pages_get_n_textures (ZhiEvidencePages *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGES (self), 0);
  return g_hash_table_size (self->page_textures);
}

static void
zhi_evidence_pages_dispose (GObject *object)
{
  ZhiEvidencePages *self = ZHI_EVIDENCE_PAGES (object);

  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_pointer (&self->preview_doc, zhi_evidence_preview_unref);
  /* AdwBin unparents its child (the template's stack) itself */
  g_clear_object (&self->evidence);
  g_clear_object (&self->page_model);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->page_textures, g_hash_table_unref);
  g_clear_pointer (&self->page_pending, g_hash_table_unref);
  g_clear_pointer (&self->page_sheets, g_hash_table_unref);
  G_OBJECT_CLASS (zhi_evidence_pages_parent_class)->dispose (object);
}

static void
zhi_evidence_pages_class_init (ZhiEvidencePagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_evidence_pages_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-evidence-pages.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePages, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePages, pages_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePages, pages_status);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePages, pages_view);
}

static void
zhi_evidence_pages_init (ZhiEvidencePages *self)
{
  GtkListItemFactory *factory;

  self->page_textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->page_pending = g_hash_table_new (NULL, NULL);
  self->page_sheets = g_hash_table_new (NULL, NULL);
  self->page_model = gtk_string_list_new (NULL);
  self->preview_cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (pages_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (pages_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (pages_unbind_cb), self);
  gtk_list_view_set_factory (self->pages_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->pages_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                 g_object_ref (G_LIST_MODEL (self->page_model)))));
}
