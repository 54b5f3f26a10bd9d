/* zhi-review-view.c — the window's 审核 mode */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>

#include "zhi-pdf-render.h"
#include "zhi-review-letter.h"
#include "zhi-review-view.h"

/* the summary's 12 columns, then the reviewer's two */
#define N_SUMMARY_COLUMNS 12
#define COLUMN_DECISION 12
#define COLUMN_RANK 13

struct _ZhiReviewView
{
  GtkBox parent_instance;

  ZhiReview *review;
  GListStore *store; /* GtkStringObject: the application's index in the review */
  GtkSingleSelection *selection;
  GtkColumnView *column_view;

  GtkEntry *bureau_entry;
  GtkEntry *city_entry;
  GtkSpinButton *quota_spin;
  GtkLabel *bureau_label;
  GtkLabel *quota_label;
  GtkProgressBar *progress;
  GtkLabel *status_label;

  GtkWidget *detail;
  GtkLabel *title_label;
  GtkLabel *verdict_label;
  GtkLabel *problems_label;
  GtkLabel *integrity_label;
  GtkDropDown *decision_drop;
  GtkSpinButton *rank_spin;
  GtkTextView *opinion_view;
  gboolean filling;

  /* the selected dossier's pages */
  PopplerDocument *document;
  GtkListBox *outline_list;
  GtkSpinButton *page_spin;
  GtkPicture *page_picture;

  GPtrArray *pending; /* GFile * still to read */
  guint n_total, n_done;
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ZhiReviewView, zhi_review_view, GTK_TYPE_BOX)

static const char *
decision_text (ZhiReviewDecision decision)
{
  switch (decision)
    {
      case ZHI_REVIEW_RECOMMEND:
        return _ ("Recommend");
      case ZHI_REVIEW_NOT_RECOMMEND:
        return _ ("Do not recommend");
      case ZHI_REVIEW_UNDECIDED:
      default:
        return "";
    }
}

static guint
item_index (gpointer item)
{
  return (guint)g_ascii_strtoull (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), NULL,
                                  10);
}

/* The text of @column for the application at @index */
static char *
cell_text (ZhiReviewView *self, guint index, guint column)
{
  if (self->review == NULL || index >= zhi_review_get_n_applications (self->review))
    return g_strdup ("");
  if (column == COLUMN_DECISION)
    return g_strdup (decision_text (zhi_review_get_decision (self->review, index)));
  if (column == COLUMN_RANK)
    {
      guint rank = zhi_review_get_rank (self->review, index);
      return rank ? g_strdup_printf ("%u", rank) : g_strdup ("");
    }
  g_auto (GStrv) cells
      = zhi_summary_row_cells (zhi_review_get_row (self->review, index), index + 1);
  return g_strdup (column < g_strv_length (cells) ? cells[column] : "");
}

/* ---------------------------------------------------------------------------------- */
/* the table */

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiReviewView *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  g_autofree char *text = cell_text (self, item_index (gtk_list_item_get_item (item)), column);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), text);
}

static gboolean
numeric_column (guint column)
{
  return column == 0 || column == 6 || column == 7 || column == 10 || column == COLUMN_RANK;
}

static int
compare_cells (gconstpointer a, gconstpointer b, gpointer data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (data), "column"));
  ZhiReviewView *self = g_object_get_data (G_OBJECT (data), "view");
  g_autofree char *ta = cell_text (self, item_index ((gpointer)a), column);
  g_autofree char *tb = cell_text (self, item_index ((gpointer)b), column);
  if (numeric_column (column))
    {
      /* empty (unknown) after every number */
      if (*ta == '\0' || *tb == '\0')
        return (*ta == '\0') - (*tb == '\0');
      double x = g_ascii_strtod (ta, NULL), y = g_ascii_strtod (tb, NULL);
      return x < y ? -1 : x > y;
    }
  return g_utf8_collate (ta, tb);
}

static void
add_column (ZhiReviewView *self, guint column, const char *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  GtkColumnViewColumn *col = gtk_column_view_column_new (title, factory);
  /* the sorter's compare function finds its column and view on the sorter */
  GtkCustomSorter *sorter = gtk_custom_sorter_new (NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (sorter), "column", GUINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (sorter), "view", self);
  gtk_custom_sorter_set_sort_func (sorter, compare_cells, sorter, NULL);
  gtk_column_view_column_set_sorter (col, GTK_SORTER (sorter));
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (self->column_view, col);
  g_object_unref (col);
}

/* The row of @index shows its new state. */
static void
refresh_index (ZhiReviewView *self, guint index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      if (item_index (item) == index)
        {
          g_list_model_items_changed (G_LIST_MODEL (self->store), i, 1, 1);
          return;
        }
    }
}

/* ---------------------------------------------------------------------------------- */
/* the bureau and the quota */

static void
update_bureau (ZhiReviewView *self)
{
  ZhiReview *r = self->review;
  if (r == NULL)
    return;
  g_autofree char *who = NULL;
  if (*zhi_review_get_bureau (r))
    who = g_strdup_printf ("%s %s", zhi_review_get_bureau (r), zhi_review_get_city (r));
  else
    who = g_strdup (_ ("Set the bureau’s name, city and quota with “Bureau…”."));
  gtk_label_set_text (self->bureau_label, who);

  guint n = zhi_review_count_recommended (r), quota = zhi_review_get_quota (r);
  g_autofree char *text = NULL;
  if (quota == 0)
    text = g_strdup_printf (_ ("%u recommended"), n);
  else if (zhi_review_exceeds_quota (r))
    text = g_strdup_printf (_ ("%u recommended: more than the quota of %u. Recommend fewer "
                               "applications or check the quota."),
                            n, quota);
  else
    text = g_strdup_printf (_ ("%u of %u recommended"), n, quota);
  gtk_label_set_text (self->quota_label, text);
  if (zhi_review_exceeds_quota (r))
    gtk_widget_add_css_class (GTK_WIDGET (self->quota_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->quota_label), "error");
}

static void
bureau_changed_cb (GtkEditable *editable, ZhiReviewView *self)
{
  if (self->review == NULL || self->filling)
    return;
  if (GTK_ENTRY (editable) == self->bureau_entry)
    zhi_review_set_bureau (self->review, gtk_editable_get_text (editable));
  else
    zhi_review_set_city (self->review, gtk_editable_get_text (editable));
  update_bureau (self);
}

static void
quota_changed_cb (GtkSpinButton *spin, ZhiReviewView *self)
{
  if (self->review == NULL || self->filling)
    return;
  zhi_review_set_quota (self->review, (guint)gtk_spin_button_get_value_as_int (spin));
  update_bureau (self);
}

/* ---------------------------------------------------------------------------------- */
/* the selected application */

static int
selected_index (ZhiReviewView *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  return item && self->review ? (int)item_index (item) : -1;
}

/* Renders page @number (1-based) of the selected dossier into the picture. */
static void
show_page (ZhiReviewView *self, int number)
{
  if (self->document == NULL || number < 1
      || number > poppler_document_get_n_pages (self->document))
    {
      gtk_picture_set_paintable (self->page_picture, NULL);
      return;
    }
  PopplerPage *page = poppler_document_get_page (self->document, number - 1);
  double w = 0, h = 0;
  poppler_page_get_size (page, &w, &h);
  double scale = 420.0 / MAX (w, 1);
  int pw = (int)ceil (w * scale), ph = (int)ceil (h * scale);
  g_autoptr (GdkTexture) texture = zhi_pdf_render_texture (page, scale, pw, ph);
  gtk_picture_set_paintable (self->page_picture, GDK_PAINTABLE (texture));
  g_object_unref (page);
}

static void
page_spin_cb (GtkSpinButton *spin, ZhiReviewView *self)
{
  show_page (self, gtk_spin_button_get_value_as_int (spin));
}

static void
add_outline (ZhiReviewView *self, PopplerIndexIter *iter, int depth)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      if (action && action->type == POPPLER_ACTION_GOTO_DEST && action->goto_dest.title)
        {
          PopplerDest *dest = action->goto_dest.dest;
          int page = 0;
          if (dest && dest->type == POPPLER_DEST_NAMED)
            {
              PopplerDest *named = poppler_document_find_dest (self->document, dest->named_dest);
              page = named ? named->page_num : 0;
              if (named)
                poppler_dest_free (named);
            }
          else if (dest)
            page = dest->page_num;
          GtkWidget *label = gtk_label_new (action->goto_dest.title);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_widget_set_margin_start (label, 6 + 12 * depth);
          g_object_set_data (G_OBJECT (label), "page", GINT_TO_POINTER (page));
          gtk_list_box_append (self->outline_list, label);
        }
      if (action)
        poppler_action_free (action);
      /* what a viewer shows at first: the dossier's own headings and its 附件 entries, not
       * the outline an evidence file brought (nested, closed, under its 附件 entry) */
      PopplerIndexIter *child
          = poppler_index_iter_is_open (iter) ? poppler_index_iter_get_child (iter) : NULL;
      if (child)
        {
          add_outline (self, child, depth + 1);
          poppler_index_iter_free (child);
        }
    }
  while (poppler_index_iter_next (iter));
}

static void
outline_activated_cb (GtkListBox *box, GtkListBoxRow *row, ZhiReviewView *self)
{
  int page
      = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "page"));
  if (page > 0)
    gtk_spin_button_set_value (self->page_spin, page);
}

/* Loads the selected dossier's pages and contents (none for a project or unreadable file). */
static void
load_document (ZhiReviewView *self, const ZhiSummaryRow *row)
{
  GtkWidget *child;
  g_clear_object (&self->document);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outline_list))))
    gtk_list_box_remove (self->outline_list, child);
  if (row && !row->error && row->source == ZHI_SUMMARY_SOURCE_DOSSIER)
    {
      g_autoptr (GFile) file = g_file_new_for_path (row->path);
      self->document = poppler_document_new_from_gfile (file, NULL, NULL, NULL);
    }
  int n = self->document ? poppler_document_get_n_pages (self->document) : 0;
  if (self->document)
    {
      PopplerIndexIter *iter = poppler_index_iter_new (self->document);
      if (iter)
        {
          add_outline (self, iter, 0);
          poppler_index_iter_free (iter);
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_spin), n > 0);
  gtk_spin_button_set_range (self->page_spin, n > 0 ? 1 : 0, MAX (n, 1));
  gtk_spin_button_set_value (self->page_spin, n > 0 ? 1 : 0);
  show_page (self, n > 0 ? 1 : 0);
}

static void
update_detail (ZhiReviewView *self)
{
  int index = selected_index (self);
  gtk_widget_set_sensitive (self->detail, index >= 0);
  self->filling = TRUE;
  if (index < 0)
    {
      gtk_label_set_text (self->title_label, _ ("Select an application in the table."));
      gtk_label_set_text (self->verdict_label, "");
      gtk_label_set_text (self->problems_label, "");
      gtk_label_set_text (self->integrity_label, "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->opinion_view), "", -1);
      load_document (self, NULL);
      self->filling = FALSE;
      return;
    }
  const ZhiSummaryRow *row = zhi_review_get_row (self->review, index);
  g_autofree char *base = g_path_get_basename (row->path);
  g_autofree char *title = g_strdup_printf (
      "%s — %s", row->enterprise && *row->enterprise ? row->enterprise : base, base);
  gtk_label_set_text (self->title_label, title);
  if (row->error)
    {
      g_autofree char *why = g_strdup_printf (_ ("Could not be read: %s"), row->error);
      gtk_label_set_text (self->verdict_label, why);
    }
  else
    gtk_label_set_text (self->verdict_label, row->verdict ? row->verdict : "");
  gtk_label_set_text (self->problems_label,
                      row->problems && *row->problems ? row->problems : _ ("None"));
  gtk_label_set_text (self->integrity_label, row->source == ZHI_SUMMARY_SOURCE_PROJECT
                                                 ? _ ("A project file: no dossier to check")
                                                 : (row->integrity ? row->integrity : ""));
  gtk_drop_down_set_selected (self->decision_drop, zhi_review_get_decision (self->review, index));
  gtk_spin_button_set_value (self->rank_spin, zhi_review_get_rank (self->review, index));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->opinion_view),
                            zhi_review_get_opinion (self->review, index), -1);
  load_document (self, row);
  self->filling = FALSE;
}

static void
decision_cb (GtkDropDown *drop, GParamSpec *pspec, ZhiReviewView *self)
{
  int index = selected_index (self);
  if (index < 0 || self->filling)
    return;
  zhi_review_set_decision (self->review, index, gtk_drop_down_get_selected (drop));
  update_bureau (self);
  refresh_index (self, index);
}

static void
rank_cb (GtkSpinButton *spin, ZhiReviewView *self)
{
  int index = selected_index (self);
  if (index < 0 || self->filling)
    return;
  zhi_review_set_rank (self->review, index, (guint)gtk_spin_button_get_value_as_int (spin));
  refresh_index (self, index);
}

static void
opinion_cb (GtkTextBuffer *buffer, ZhiReviewView *self)
{
  int index = selected_index (self);
  GtkTextIter start, end;
  if (index < 0 || self->filling)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_autofree char *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  zhi_review_set_opinion (self->review, index, text);
}

/* ---------------------------------------------------------------------------------- */
/* reading files in the background */

static void read_next (ZhiReviewView *self);

static void
read_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (G_FILE (data));
  g_task_return_pointer (task, zhi_summary_row_from_file (path),
                         (GDestroyNotify)zhi_summary_row_free);
}

static void
read_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ZhiReviewView *self = ZHI_REVIEW_VIEW (source);
  g_autoptr (GError) error = NULL;
  ZhiSummaryRow *row = g_task_propagate_pointer (G_TASK (result), &error);
  if (row == NULL)
    return; /* cancelled: the view has gone or shows another review */
  guint index = zhi_review_add (self->review, row);
  g_autofree char *key = g_strdup_printf ("%u", index);
  if (index == g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    {
      g_autoptr (GtkStringObject) item = gtk_string_object_new (key);
      g_list_store_append (self->store, item);
    }
  else
    refresh_index (self, index);
  self->n_done++;
  read_next (self);
}

static void
read_next (ZhiReviewView *self)
{
  if (self->pending->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
      g_autofree char *text = g_strdup_printf (
          ngettext ("%u file read.", "%u files read.", self->n_done), self->n_done);
      gtk_label_set_text (self->status_label, text);
      self->n_total = self->n_done = 0;
      update_bureau (self);
      return;
    }
  g_autoptr (GFile) file = g_ptr_array_steal_index (self->pending, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_progress_bar_set_fraction (self->progress, (double)self->n_done / self->n_total);
  g_autofree char *text
      = g_strdup_printf (_ ("Reading %u of %u…"), self->n_done + 1, self->n_total);
  gtk_progress_bar_set_text (self->progress, text);
  GTask *task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_in_thread);
  g_object_unref (task);
}

void
zhi_review_view_add_files (ZhiReviewView *self, GPtrArray *files)
{
  g_return_if_fail (ZHI_IS_REVIEW_VIEW (self));
  if (self->review == NULL)
    return;
  gboolean idle = self->pending->len == 0 && self->n_total == 0;
  for (guint i = 0; i < files->len; i++)
    if (g_file_peek_path (files->pdata[i]) != NULL)
      {
        g_ptr_array_add (self->pending, g_object_ref (files->pdata[i]));
        self->n_total++;
      }
  if (idle && self->pending->len > 0)
    read_next (self);
}

gboolean
zhi_review_view_is_busy (ZhiReviewView *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW_VIEW (self), FALSE);
  return self->n_total > 0;
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, ZhiReviewView *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  for (GSList *l = list; l; l = l->next)
    g_ptr_array_add (files, l->data);
  zhi_review_view_add_files (self, files);
  return files->len > 0;
}

/* ---------------------------------------------------------------------------------- */
/* choosers */

static GtkFileChooserNative *
chooser_new (ZhiReviewView *self, const char *title, GtkFileChooserAction action)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      title, GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL, action,
      action == GTK_FILE_CHOOSER_ACTION_SAVE ? _ ("_Save") : _ ("_Add"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static void
add_response_cb (GtkNativeDialog *dialog, int response, ZhiReviewView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      zhi_review_view_add_files (self, files);
    }
  g_clear_object (&self->chooser);
}

static void
add_clicked_cb (GtkButton *button, ZhiReviewView *self)
{
  if (self->chooser)
    return;
  self->chooser = chooser_new (self, _ ("Add Applications"), GTK_FILE_CHOOSER_ACTION_OPEN);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("Dossiers and projects"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_filter_add_pattern (filter, "*.zhizao");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (add_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
exported (ZhiReviewView *self, GFile *file, gboolean ok, GError *error, GError **out)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = ok ? g_strdup_printf (_ ("Saved “%s”."), name)
                             : g_strdup_printf (_ ("Could not save: %s"), error->message);
  gtk_label_set_text (self->status_label, text);
  if (!ok && out)
    g_propagate_error (out, error);
  else if (error)
    g_error_free (error);
  return ok;
}

gboolean
zhi_review_view_export_summary (ZhiReviewView *self, GFile *file, GError **error)
{
  GError *local = NULL;
  g_return_val_if_fail (ZHI_IS_REVIEW_VIEW (self) && self->review, FALSE);
  g_autoptr (GPtrArray) rows = zhi_review_get_rows (self->review);
  gboolean ok = zhi_summary_write (rows, g_file_peek_path (file), &local);
  return exported (self, file, ok, local, error);
}

gboolean
zhi_review_view_export_letter (ZhiReviewView *self, GFile *file, GError **error)
{
  GError *local = NULL;
  g_return_val_if_fail (ZHI_IS_REVIEW_VIEW (self) && self->review, FALSE);
  gboolean ok = zhi_review_write_letter (self->review, NULL, g_file_peek_path (file), &local);
  return exported (self, file, ok, local, error);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, ZhiReviewView *self)
{
  gboolean letter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "letter"));
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT
                               ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                               : NULL;
  g_clear_object (&self->chooser);
  if (file == NULL || g_file_peek_path (file) == NULL || self->review == NULL)
    return;
  if (letter)
    zhi_review_view_export_letter (self, file, NULL);
  else
    zhi_review_view_export_summary (self, file, NULL);
}

static void
export_clicked_cb (GtkButton *button, ZhiReviewView *self)
{
  gboolean letter = g_object_get_data (G_OBJECT (button), "letter") != NULL;
  if (self->chooser || self->review == NULL)
    return;
  self->chooser = chooser_new (
      self, letter ? _ ("Save the Recommendation Letter") : _ ("Save the Recommendation Summary"),
      GTK_FILE_CHOOSER_ACTION_SAVE);
  g_object_set_data (G_OBJECT (self->chooser), "letter", GINT_TO_POINTER (letter));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     letter ? "推荐函.pdf" : "推荐汇总表.xlsx");
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---------------------------------------------------------------------------------- */

static GtkWidget *
detail_row (GtkWidget *box, const char *heading, GtkLabel **value)
{
  GtkWidget *h = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (h), 0);
  gtk_widget_add_css_class (h, "heading");
  gtk_box_append (GTK_BOX (box), h);
  if (value)
    {
      GtkWidget *v = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (v), 0);
      gtk_label_set_wrap (GTK_LABEL (v), TRUE);
      gtk_label_set_selectable (GTK_LABEL (v), TRUE);
      gtk_box_append (GTK_BOX (box), v);
      *value = GTK_LABEL (v);
    }
  return h;
}

static void
zhi_review_view_dispose (GObject *object)
{
  ZhiReviewView *self = ZHI_REVIEW_VIEW (object);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->review);
  g_clear_object (&self->document);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (zhi_review_view_parent_class)->dispose (object);
}

static void
zhi_review_view_class_init (ZhiReviewViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zhi_review_view_dispose;
}

static void
zhi_review_view_init (ZhiReviewView *self)
{
  GtkBox *box = GTK_BOX (self);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  /* the bar: add, the bureau, export, progress */
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_ ("_Add Applications…"));
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), add);

  GtkWidget *settings = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (settings), 6);
  gtk_grid_set_column_spacing (GTK_GRID (settings), 12);
  const char *labels[] = { N_ ("Bureau"), N_ ("City"), N_ ("Quota") };
  self->bureau_entry = GTK_ENTRY (gtk_entry_new ());
  self->city_entry = GTK_ENTRY (gtk_entry_new ());
  self->quota_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 999, 1));
  GtkWidget *fields[] = { GTK_WIDGET (self->bureau_entry), GTK_WIDGET (self->city_entry),
                          GTK_WIDGET (self->quota_spin) };
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *l = gtk_label_new (_ (labels[i]));
      gtk_label_set_xalign (GTK_LABEL (l), 1);
      gtk_grid_attach (GTK_GRID (settings), l, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (settings), fields[i], 1, i, 1, 1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (fields[i]),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, l, NULL, -1);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->quota_spin),
                               _ ("How many applications the bureau may recommend (0: not set)"));
  gtk_widget_set_name (GTK_WIDGET (self->bureau_entry), "bureau");
  gtk_widget_set_name (GTK_WIDGET (self->city_entry), "city");
  gtk_widget_set_name (GTK_WIDGET (self->quota_spin), "quota");
  g_signal_connect (self->bureau_entry, "changed", G_CALLBACK (bureau_changed_cb), self);
  g_signal_connect (self->city_entry, "changed", G_CALLBACK (bureau_changed_cb), self);
  g_signal_connect (self->quota_spin, "value-changed", G_CALLBACK (quota_changed_cb), self);
  GtkWidget *popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), settings);
  GtkWidget *menu = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu), _ ("Bureau…"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  gtk_box_append (GTK_BOX (bar), menu);

  self->bureau_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->bureau_label, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->bureau_label));
  self->quota_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->quota_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->quota_label), TRUE);
  gtk_label_set_xalign (self->quota_label, 0);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->quota_label));

  GtkWidget *summary = gtk_button_new_with_mnemonic (_ ("Export _Summary…"));
  g_signal_connect (summary, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), summary);
  GtkWidget *letter = gtk_button_new_with_mnemonic (_ ("Export _Letter…"));
  g_object_set_data (G_OBJECT (letter), "letter", GINT_TO_POINTER (1));
  g_signal_connect (letter, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), letter);
  gtk_box_append (box, bar);

  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (status, 12);
  gtk_widget_set_margin_end (status, 12);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->progress));
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->status_label));
  gtk_box_append (box, status);

  /* the table and the selected application */
  self->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, TRUE);
  const char *const *titles = zhi_summary_columns ();
  for (guint c = 0; c < N_SUMMARY_COLUMNS; c++)
    add_column (self, c, titles[c]);
  add_column (self, COLUMN_DECISION, _ ("Decision"));
  add_column (self, COLUMN_RANK, _ ("Rank"));
  GtkSortListModel *sorted
      = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                 g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (self->selection); /* the column view holds it */
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (update_detail),
                            self);

  GtkWidget *scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->column_view));
  gtk_widget_set_size_request (scroller, 480, 200);

  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->detail = detail;
  gtk_widget_set_margin_start (detail, 12);
  gtk_widget_set_margin_end (detail, 12);
  gtk_widget_set_margin_top (detail, 12);
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-4");
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->title_label));
  detail_row (detail, _ ("Verdict"), &self->verdict_label);
  detail_row (detail, _ ("Open problems"), &self->problems_label);
  detail_row (detail, _ ("Integrity"), &self->integrity_label);
  GtkWidget *h = detail_row (detail, _ ("Decision"), NULL);
  const char *choices[] = { _ ("Undecided"), _ ("Recommend"), _ ("Do not recommend"), NULL };
  self->decision_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (choices));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->decision_drop),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, h, NULL, -1);
  gtk_widget_set_name (GTK_WIDGET (self->decision_drop), "decision");
  g_signal_connect (self->decision_drop, "notify::selected", G_CALLBACK (decision_cb), self);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->decision_drop));
  h = detail_row (detail, _ ("Rank (0: none)"), NULL);
  self->rank_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 999, 1));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->rank_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, h, NULL, -1);
  gtk_widget_set_name (GTK_WIDGET (self->rank_spin), "rank");
  g_signal_connect (self->rank_spin, "value-changed", G_CALLBACK (rank_cb), self);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->rank_spin));
  h = detail_row (detail, _ ("Recommendation opinion (推荐意见)"), NULL);
  self->opinion_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->opinion_view, GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (GTK_WIDGET (self->opinion_view), -1, 96);
  gtk_widget_add_css_class (GTK_WIDGET (self->opinion_view), "card");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->opinion_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, h, NULL, -1);
  gtk_widget_set_name (GTK_WIDGET (self->opinion_view), "opinion");
  gtk_widget_set_name (GTK_WIDGET (self->quota_label), "quota-state");
  g_signal_connect (gtk_text_view_get_buffer (self->opinion_view), "changed",
                    G_CALLBACK (opinion_cb), self);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->opinion_view));
  h = detail_row (detail, _ ("Contents"), NULL);
  self->outline_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->outline_list), "outline");
  gtk_widget_add_css_class (GTK_WIDGET (self->outline_list), "boxed-list");
  g_signal_connect (self->outline_list, "row-activated", G_CALLBACK (outline_activated_cb), self);
  GtkWidget *outline_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (outline_scroller),
                                 GTK_WIDGET (self->outline_list));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (outline_scroller), 120);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->outline_list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, h, NULL, -1);
  gtk_box_append (GTK_BOX (detail), outline_scroller);
  h = detail_row (detail, _ ("Page"), NULL);
  self->page_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1, 1));
  gtk_widget_set_name (GTK_WIDGET (self->page_spin), "page");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->page_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, h, NULL, -1);
  g_signal_connect (self->page_spin, "value-changed", G_CALLBACK (page_spin_cb), self);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->page_spin));
  self->page_picture = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_name (GTK_WIDGET (self->page_picture), "page-picture");
  gtk_picture_set_can_shrink (self->page_picture, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->page_picture), -1, 420);
  gtk_box_append (GTK_BOX (detail), GTK_WIDGET (self->page_picture));
  GtkWidget *detail_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (detail_scroller), detail);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (detail_scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);

  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), scroller);
  gtk_paned_set_end_child (GTK_PANED (paned), detail_scroller);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_size_request (detail_scroller, 340, -1);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (box, paned);

  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  update_detail (self);
}

GtkWidget *
zhi_review_view_new (void)
{
  return g_object_new (ZHI_TYPE_REVIEW_VIEW, NULL);
}

void
zhi_review_view_set_review (ZhiReviewView *self, ZhiReview *review)
{
  g_return_if_fail (ZHI_IS_REVIEW_VIEW (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->pending, 0);
  self->n_total = self->n_done = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  g_set_object (&self->review, review);
  g_list_store_remove_all (self->store);
  for (guint i = 0; review && i < zhi_review_get_n_applications (review); i++)
    {
      g_autofree char *key = g_strdup_printf ("%u", i);
      g_autoptr (GtkStringObject) item = gtk_string_object_new (key);
      g_list_store_append (self->store, item);
    }
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->bureau_entry),
                         review ? zhi_review_get_bureau (review) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->city_entry),
                         review ? zhi_review_get_city (review) : "");
  gtk_spin_button_set_value (self->quota_spin, review ? zhi_review_get_quota (review) : 0);
  self->filling = FALSE;
  gtk_label_set_text (self->status_label, "");
  update_bureau (self);
  update_detail (self);
}

ZhiReview *
zhi_review_view_get_review (ZhiReviewView *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW_VIEW (self), NULL);
  return self->review;
}

void
zhi_review_view_select (ZhiReviewView *self, guint index)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      if (item_index (item) == index)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}
