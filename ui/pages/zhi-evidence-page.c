/* zhi-evidence-page.c — 证明材料: the evidence library of an application
 *
 * A list of the attached documents with thumbnails, a preview pane (details, the criteria
 * and rules each document supports, its pages) and the ways in: a file chooser and drops
 * of many files at once.
 *
 * Reading and drawing the files (in chunks, in worker threads, thumbnails cached per SHA-256):
 * zhi-evidence-files.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-editions.h"
#include "zhi-evidence-files.h"
#include "zhi-evidence-page.h"
#include "zhi-evidence-pages.h"
#include "zhi-evidence-row.h"
#include "zhi-names.h"
#include "zhi-standard.h"
#include "zhi-store.h"
#include "zhi-support-row.h"
#include "zhi-undo-toast.h"

struct _ZhiEvidencePage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  GtkWidget *toolbar;
  GtkSearchEntry *search_entry;
  GtkToggleButton *unlinked_button;
  AdwButtonContent *add_content;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkButton *cancel_button;
  GtkButton *dismiss_button;
  GtkListBox *progress_list;
  GtkStack *stack;
  AdwLeaflet *leaflet;
  GtkStack *list_stack;
  GtkListView *list_view;
  GtkStack *preview_stack;
  GtkButton *back_button;
  GtkStack *preview_tabs;
  GtkScrolledWindow *details_scroller;
  AdwEntryRow *title_row;
  AdwActionRow *problem_row;
  AdwActionRow *file_row;
  AdwActionRow *type_row;
  AdwActionRow *size_row;
  AdwActionRow *pages_row;
  AdwActionRow *added_row;
  AdwActionRow *sha_row;
  AdwPreferencesGroup *criteria_group;
  AdwPreferencesGroup *rules_group;
  ZhiEvidencePages *pages;

  /* Owned References */
  ZhiStandard *standard;
  ZhiConditions *conditions;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char *needle;                 /* casefolded search text, "" for none */
  GPtrArray *bound_rows;        /* row widgets currently bound to an item (borrowed) */
  GHashTable *support_switches; /* rule id → ZhiSupportRow (borrowed, inside the groups) */
  GPtrArray *support_rows;      /* rows added to the groups (borrowed) */
  ZhiEvidence *current;         /* previewed item */
  gboolean updating;            /* the page is setting widgets, not the user */
  gboolean selecting;
  guint folded_idle;
  guint thumb_idle; /* the page changes the selection, not the user */

  /* thumbnails */
  GQueue thumb_queue; /* ZhiEvidence * (owned) */
  gboolean thumb_running;
  GCancellable *thumb_cancellable;

  /* attaching */
  GQueue attach_queue; /* AttachJob * */
  gboolean attach_running;
  GCancellable *attach_cancellable;
  guint attach_total;
  guint attach_finished;
  guint attach_failed;
  double attach_fraction; /* of the file being attached */
  GtkFileChooserNative *chooser;

  /* undo */
  AdwToast *undo_toast; /* weak */
};

G_DEFINE_FINAL_TYPE (ZhiEvidencePage, zhi_evidence_page, ZHI_TYPE_PAGE)

static void update_rows (ZhiEvidencePage *self);
static void update_preview (ZhiEvidencePage *self);
static void thumb_next (ZhiEvidencePage *self);

static void
thumb_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (source);
  g_autoptr (ZhiEvidence) evidence = user_data;
  g_autoptr (GError) error = NULL;
  const ZhiEvidenceThumb *thumb = zhi_evidence_thumb_render_finish (result, &error);

  if (thumb == NULL)
    return; /* cancelled: the page let go of the project */

  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    {
      GListModel *list = zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (self)));

      /* Every item with these bytes learns its page count. */
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);

          if (thumb->pages > 0 && zhi_evidence_get_page_count (ev) == 0
              && zhi_evidence_get_usable (ev)
              && g_str_equal (zhi_evidence_get_sha256 (ev), zhi_evidence_get_sha256 (evidence)))
            zhi_project_set_evidence_page_count (zhi_page_get_project (ZHI_PAGE (self)),
                                                 zhi_evidence_get_id (ev), thumb->pages);
        }
    }
  update_rows (self);
  if (self->current != NULL
      && g_str_equal (zhi_evidence_get_sha256 (self->current), zhi_evidence_get_sha256 (evidence)))
    update_preview (self);

  self->thumb_running = FALSE;
  thumb_next (self);
}

static void
thumb_bytes_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePage *self = user_data; /* the task below holds a reference */
  g_autoptr (GError) error = NULL;
  ZhiEvidence *evidence = ZHI_EVIDENCE (source);
  g_autoptr (GBytes) bytes = zhi_evidence_file_read_finish (result, &error);

  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  /* Missing bytes are a problem of their own; too-large files just get no picture. */
  zhi_evidence_thumb_render_async (
      self, evidence, bytes,
      bytes == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ? error->message
                                                                                 : NULL,
      self->thumb_cancellable, thumb_rendered_cb, g_object_ref (evidence));
  g_object_unref (self);
}

/* The item @evidence_id of the project shown, or NULL. */
static ZhiEvidence *
lookup_evidence (ZhiEvidencePage *self, const char *evidence_id)
{
  ZhiProject *project = zhi_page_get_project (ZHI_PAGE (self));

  return project != NULL ? zhi_project_lookup_evidence (project, evidence_id) : NULL;
}

static void
thumb_next (ZhiEvidencePage *self)
{
  while (!self->thumb_running && zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    {
      g_autoptr (ZhiEvidence) evidence = g_queue_pop_head (&self->thumb_queue);

      if (evidence == NULL)
        return;
      /* Removed meanwhile, or rendered for an item with the same bytes */
      if (lookup_evidence (self, zhi_evidence_get_id (evidence)) != evidence
          || zhi_evidence_thumb_lookup (evidence) != NULL)
        continue;
      if (!zhi_evidence_file_is_pdf (zhi_evidence_get_media_type (evidence))
          && !zhi_evidence_file_is_image (zhi_evidence_get_media_type (evidence)))
        continue; /* no picture for other kinds of files */
      self->thumb_running = TRUE;
      zhi_evidence_file_read_async (zhi_page_get_project (ZHI_PAGE (self)), evidence,
                                    self->thumb_cancellable, thumb_bytes_cb, g_object_ref (self));
    }
}

static void
thumb_request (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  const ZhiEvidenceThumb *thumb = zhi_evidence_thumb_lookup (evidence);

  /* bytes seen before (another item, another project): only the page count is missing */
  if (thumb != NULL && thumb->pages > 0 && zhi_evidence_get_page_count (evidence) == 0
      && zhi_evidence_get_usable (evidence)
      && lookup_evidence (self, zhi_evidence_get_id (evidence)) == evidence)
    zhi_project_set_evidence_page_count (zhi_page_get_project (ZHI_PAGE (self)),
                                         zhi_evidence_get_id (evidence), thumb->pages);
  if (thumb != NULL || g_queue_find (&self->thumb_queue, evidence) != NULL)
    return;
  g_queue_push_tail (&self->thumb_queue, g_object_ref (evidence));
  thumb_next (self);
}

/* On opening: the items whose page count is unknown; the others render when shown. */
static void
thumb_request_uncounted (ZhiEvidencePage *self)
{
  GListModel *list = zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (self)));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);

      if (zhi_evidence_get_page_count (evidence) == 0)
        thumb_request (self, evidence);
    }
}

static gboolean
thumb_next_idle (gpointer data)
{
  ZhiEvidencePage *self = data;

  self->thumb_idle = 0;
  thumb_next (self);
  return G_SOURCE_REMOVE;
}

/* From a list row being bound: queue only, start outside the list's layout. */
static void
thumb_request_shown (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  if (zhi_evidence_thumb_lookup (evidence) != NULL
      || g_queue_find (&self->thumb_queue, evidence) != NULL)
    return;
  g_queue_push_tail (&self->thumb_queue, g_object_ref (evidence));
  if (self->thumb_idle == 0)
    self->thumb_idle = g_idle_add (thumb_next_idle, self);
}

/* ---- names of criteria and rules ------------------------------------------------------- */

/* "3. 生产线智能化运行", "条件（一）…", or the id itself for an unknown one */
static char *
support_name (ZhiEvidencePage *self, const char *id)
{
  return zhi_names_support (self->standard, self->conditions, id);
}

static char *
supports_summary (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  const char *const *supports = zhi_evidence_get_supports (evidence);
  g_autoptr (GString) text = g_string_new (NULL);

  if (supports == NULL || supports[0] == NULL)
    return g_strdup (_ ("Not linked to any criterion"));
  for (guint i = 0; supports[i] != NULL; i++)
    {
      g_autofree char *name = support_name (self, supports[i]);

      if (i > 0)
        g_string_append (text, _ ("; "));
      g_string_append (text, name);
    }
  return g_strdup_printf (_ ("Supports: %s"), text->str);
}

/* ---- the rows of the list (ZhiEvidenceRow) ------------------------------------------- */

static void
row_remove_cb (ZhiEvidenceRow *row, ZhiEvidence *evidence, ZhiEvidencePage *self)
{
  zhi_evidence_page_remove (self, zhi_evidence_get_id (evidence));
}

static void
list_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  GtkWidget *row = zhi_evidence_row_new ();

  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
update_row (ZhiEvidencePage *self, ZhiEvidenceRow *row)
{
  ZhiEvidence *evidence = zhi_evidence_row_get_evidence (row);
  g_autofree char *supports = NULL;

  if (evidence == NULL)
    return;
  supports = supports_summary (self, evidence);
  zhi_evidence_row_update (row, supports);
}

static void
update_rows (ZhiEvidencePage *self)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    update_row (self, g_ptr_array_index (self->bound_rows, i));
}

/* an item changed: the row bound to it shows it again */
static void
evidence_notify_cb (ZhiEvidence *evidence, GParamSpec *pspec, ZhiEvidencePage *self)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      ZhiEvidenceRow *row = g_ptr_array_index (self->bound_rows, i);

      if (zhi_evidence_row_get_evidence (row) == evidence)
        update_row (self, row);
    }
}

static void
list_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  ZhiEvidenceRow *row = ZHI_EVIDENCE_ROW (gtk_list_item_get_child (item));
  ZhiEvidence *evidence = gtk_list_item_get_item (item);

  zhi_evidence_row_set_evidence (row, evidence);
  g_signal_connect_object (evidence, "notify", G_CALLBACK (evidence_notify_cb), self, 0);
  g_ptr_array_add (self->bound_rows, row);
  update_row (self, row);
  thumb_request_shown (self, evidence);
}

static void
list_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  ZhiEvidenceRow *row = ZHI_EVIDENCE_ROW (gtk_list_item_get_child (item));
  ZhiEvidence *evidence = zhi_evidence_row_get_evidence (row);

  if (evidence != NULL)
    g_signal_handlers_disconnect_by_func (evidence, evidence_notify_cb, self);
  zhi_evidence_row_set_evidence (row, NULL);
  g_ptr_array_remove_fast (self->bound_rows, row);
}

/* ---- search and filter ---------------------------------------------------------------- */

static gboolean
contains_casefold (const char *haystack, const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  ZhiEvidencePage *self = user_data;
  ZhiEvidence *evidence = item;

  if (gtk_toggle_button_get_active (self->unlinked_button)
      && zhi_evidence_get_supports (evidence)[0] != NULL)
    return FALSE;
  if (*self->needle == '\0')
    return TRUE;
  return contains_casefold (zhi_evidence_get_title (evidence), self->needle)
         || contains_casefold (zhi_evidence_get_file_name (evidence), self->needle);
}

static void
update_stacks (ZhiEvidencePage *self)
{
  GListModel *all = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                        ? zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (self)))
                        : NULL;
  gboolean empty = all == NULL || g_list_model_get_n_items (all) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "library");
  gtk_widget_set_visible (self->toolbar, !empty);
  gtk_stack_set_visible_child_name (
      self->list_stack,
      g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? "list" : "nothing-found");
}

static void
refilter (ZhiEvidencePage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stacks (self);
}

static void
search_changed_cb (GtkSearchEntry *entry, ZhiEvidencePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_free (self->needle);
  self->needle = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
unlinked_toggled_cb (GtkToggleButton *button, ZhiEvidencePage *self)
{
  refilter (self);
}

/* ---- the preview pane: pages ---------------------------------------------------------- */

/* ---- the preview pane: details and links ---------------------------------------------- */

static void
support_toggled_cb (ZhiSupportRow *row, gboolean active, ZhiEvidencePage *self)
{
  ZhiProject *project = zhi_page_get_project (ZHI_PAGE (self));
  const char *support_id = zhi_support_row_get_support_id (row);

  if (self->updating || self->current == NULL || project == NULL)
    return;
  if (active)
    zhi_project_add_evidence_support (project, zhi_evidence_get_id (self->current), support_id);
  else
    zhi_project_remove_evidence_support (project, zhi_evidence_get_id (self->current), support_id);
}

static void
add_support_row (ZhiEvidencePage *self, AdwPreferencesGroup *group, const char *support_id)
{
  g_autofree char *title = support_name (self, support_id);
  GtkWidget *row = zhi_support_row_new (support_id, title);

  g_signal_connect_object (row, "toggled", G_CALLBACK (support_toggled_cb), self, 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->support_rows, row);
  g_hash_table_replace (self->support_switches, g_strdup (support_id), row);
}

static void
build_support_rows (ZhiEvidencePage *self)
{
  for (guint i = 0; i < self->support_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->support_rows, i);

      adw_preferences_group_remove (gtk_widget_is_ancestor (row, GTK_WIDGET (self->criteria_group))
                                        ? self->criteria_group
                                        : self->rules_group,
                                    row);
    }
  g_ptr_array_set_size (self->support_rows, 0);
  g_hash_table_remove_all (self->support_switches);

  if (self->standard != NULL)
    {
      GPtrArray *criteria = zhi_standard_get_criteria (self->standard);

      adw_preferences_group_set_description (self->criteria_group, NULL);
      for (guint i = 0; i < criteria->len; i++)
        {
          const ZhiCriterion *criterion = g_ptr_array_index (criteria, i);

          add_support_row (self, self->criteria_group, criterion->id);
        }
    }
  else
    adw_preferences_group_set_description (
        self->criteria_group,
        _ ("Choose the track of the application first: the criteria depend on it."));

  if (self->conditions != NULL)
    {
      GPtrArray *conditions = zhi_conditions_get_conditions (self->conditions);
      GPtrArray *exclusions = zhi_conditions_get_exclusions (self->conditions);

      for (guint i = 0; i < conditions->len; i++)
        {
          const ZhiCondition *condition = g_ptr_array_index (conditions, i);

          add_support_row (self, self->rules_group, condition->id);
          if (condition->encouraged != NULL)
            add_support_row (self, self->rules_group, condition->encouraged->id);
        }
      for (guint i = 0; i < exclusions->len; i++)
        {
          const ZhiExclusion *exclusion = g_ptr_array_index (exclusions, i);

          add_support_row (self, self->rules_group, exclusion->id);
        }
    }
}

static void
update_preview (ZhiEvidencePage *self)
{
  ZhiEvidence *evidence = self->current;
  GHashTableIter iter;
  gpointer key, value;
  g_autofree char *type = NULL;
  g_autofree char *size = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *added = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (evidence == NULL)
    {
      gtk_stack_set_visible_child_name (self->preview_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  self->updating = TRUE;

  /* Do not overwrite what the user is typing. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->title_row))
      && gtk_widget_get_focus_child (GTK_WIDGET (self->title_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), zhi_evidence_get_title (evidence));

  {
    g_autofree char *problem = zhi_evidence_file_problem (evidence);

    gtk_widget_set_visible (GTK_WIDGET (self->problem_row), problem != NULL);
    if (problem != NULL)
      adw_action_row_set_subtitle (self->problem_row, problem);
  }

  adw_action_row_set_subtitle (self->file_row, zhi_evidence_get_file_name (evidence));
  type = zhi_evidence_file_describe_type (zhi_evidence_get_media_type (evidence));
  adw_action_row_set_subtitle (self->type_row, type);
  size = g_format_size (zhi_evidence_get_size (evidence));
  {
    guint64 n = zhi_evidence_get_size (evidence);
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

    /* TRANSLATORS: a file size: "1.2 MB (1234567 bytes)" */
    bytes = n < 1000 ? g_strdup (size)
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s byte)",
                                                     "%s (%s bytes)", (gulong)MIN (n, G_MAXULONG)),
                                        size, count);
  }
  adw_action_row_set_subtitle (self->size_row, bytes);
  if (!zhi_evidence_get_usable (evidence))
    adw_action_row_set_subtitle (
        self->pages_row, zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));
  else if (zhi_evidence_get_page_count (evidence) > 0)
    {
      g_autofree char *pages
          = zhi_evidence_file_pages_text (zhi_evidence_get_page_count (evidence));

      adw_action_row_set_subtitle (self->pages_row, pages);
    }
  else
    adw_action_row_set_subtitle (self->pages_row, _ ("Not known yet"));
  local = g_date_time_to_local (zhi_evidence_get_added (evidence));
  /* TRANSLATORS: the date and time an evidence file was added, see g_date_time_format() */
  added = g_date_time_format (local, _ ("%Y-%m-%d %H:%M"));
  adw_action_row_set_subtitle (self->added_row, added);
  adw_action_row_set_subtitle (self->sha_row, zhi_evidence_get_sha256 (evidence));

  g_hash_table_iter_init (&iter, self->support_switches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    zhi_support_row_set_active (value, zhi_evidence_supports (evidence, key));
  self->updating = FALSE;
}

static void
current_notify_cb (ZhiEvidence *evidence, GParamSpec *pspec, ZhiEvidencePage *self)
{
  update_preview (self);
}

static void
show_evidence (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  if (self->current == evidence)
    return;
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, current_notify_cb, self);
  g_set_object (&self->current, evidence);
  if (evidence != NULL)
    {
      g_signal_connect_object (evidence, "notify", G_CALLBACK (current_notify_cb), self, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), zhi_evidence_get_title (evidence));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->details_scroller), 0);
    }
  zhi_evidence_pages_show (self->pages, zhi_page_get_project (ZHI_PAGE (self)), evidence);
  update_preview (self);
}

static void
title_apply_cb (AdwEntryRow *row, ZhiEvidencePage *self)
{
  g_autofree char *title = NULL;

  if (self->current == NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  zhi_project_set_evidence_title (zhi_page_get_project (ZHI_PAGE (self)),
                                  zhi_evidence_get_id (self->current), title);
  gtk_editable_set_text (GTK_EDITABLE (row), zhi_evidence_get_title (self->current));
}

static void
copy_hash_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  if (self->current == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          zhi_evidence_get_sha256 (self->current));
  zhi_page_add_toast (ZHI_PAGE (self), adw_toast_new (_ ("SHA-256 copied")));
}

static void
remove_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  if (self->current != NULL)
    zhi_evidence_page_remove (self, zhi_evidence_get_id (self->current));
}

static void
back_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
apply_folded (gpointer data)
{
  ZhiEvidencePage *self = data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->folded_idle = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  /* narrow: the search entry needs the room more than the button its label */
  adw_button_content_set_label (self->add_content, folded ? "" : _ ("_Add Files…"));
  return G_SOURCE_REMOVE;
}

static void
folded_changed_cb (ZhiEvidencePage *self)
{
  /* The leaflet folds while it is being allocated: change other widgets after that. */
  if (self->folded_idle == 0)
    self->folded_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_folded, self, NULL);
}

static void
selection_changed_cb (GtkSingleSelection *selection, GParamSpec *pspec, ZhiEvidencePage *self)
{
  ZhiEvidence *evidence = gtk_single_selection_get_selected_item (selection);

  /* An item filtered away stays in the preview until another one is chosen. */
  if (evidence == NULL)
    return;
  show_evidence (self, evidence);
  if (!self->selecting && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
list_activate_cb (GtkListView *view, guint position, ZhiEvidencePage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- adding files ----------------------------------------------------------------------- */

typedef struct
{
  GWeakRef page;
  GFile *file;
  AdwActionRow *row; /* in progress_list; owned reference */
  GtkImage *icon;
} AttachJob;

static void
attach_job_free (AttachJob *job)
{
  g_weak_ref_clear (&job->page);
  g_object_unref (job->file);
  g_object_unref (job->row);
  g_free (job);
}

static void
attach_job_set_state (AttachJob *job, const char *icon, const char *text, gboolean failed)
{
  adw_action_row_set_subtitle (job->row, text);
  gtk_image_set_from_icon_name (job->icon, icon);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (job->row), "error");
}

static void
update_progress (ZhiEvidencePage *self)
{
  g_autofree char *text = NULL;
  guint total = self->attach_total;

  if (self->attach_running || !g_queue_is_empty (&self->attach_queue))
    {
      double fraction = total > 0 ? (self->attach_finished + self->attach_fraction) / total : 0;

      text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Adding %u of %u file…", "Adding %u of %u files…", total),
          MIN (self->attach_finished + 1, total), total);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), FALSE);
    }
  else
    {
      text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u of %u file added; the others are listed below.",
                       "%u of %u files added; the others are listed below.", total),
          total - self->attach_failed, total);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), TRUE);
    }
  gtk_label_set_text (self->progress_label, text);
}

static void
clear_progress (ZhiEvidencePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->progress_list))) != NULL)
    gtk_list_box_remove (self->progress_list, child);
  self->attach_total = self->attach_finished = self->attach_failed = 0;
  self->attach_fraction = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void
batch_finished (ZhiEvidencePage *self)
{
  if (self->attach_failed == 0)
    {
      guint added = self->attach_total;
      AdwToast *toast = adw_toast_new_format (
          g_dngettext (GETTEXT_PACKAGE, "%u file added", "%u files added", added), added);

      clear_progress (self);
      zhi_page_add_toast (ZHI_PAGE (self), toast);
    }
  else
    update_progress (self);
}

static void attach_next (ZhiEvidencePage *self);

static void
attach_progress_cb (double fraction, gpointer user_data)
{
  AttachJob *job = user_data;
  g_autoptr (ZhiEvidencePage) self = g_weak_ref_get (&job->page);
  g_autofree char *text = NULL;

  if (self == NULL)
    return;
  self->attach_fraction = CLAMP (fraction, 0, 1);
  /* TRANSLATORS: progress of one file, e.g. "Storing… 40 %" */
  text = g_strdup_printf (_ ("Storing… %d %%"), (int)(self->attach_fraction * 100 + 0.5));
  adw_action_row_set_subtitle (job->row, text);
  update_progress (self);
}

static void
attach_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AttachJob *job = user_data;
  g_autoptr (ZhiEvidencePage) self = g_weak_ref_get (&job->page);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *evidence = zhi_project_attach_file_finish (ZHI_PROJECT (source), result, &error);

  if (self == NULL)
    {
      attach_job_free (job);
      return;
    }
  self->attach_running = FALSE;
  self->attach_finished++;
  self->attach_fraction = 0;
  if (evidence != NULL)
    {
      attach_job_set_state (job, "emblem-ok-symbolic", C_ ("file state", "Added"), FALSE);
      if (self->current == NULL && zhi_page_get_project (ZHI_PAGE (self)) == ZHI_PROJECT (source))
        zhi_evidence_page_select (self, zhi_evidence_get_id (evidence));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      attach_job_set_state (job, "process-stop-symbolic", C_ ("file state", "Cancelled"), TRUE);
      self->attach_failed++;
    }
  else
    {
      attach_job_set_state (job, "dialog-warning-symbolic", error->message, TRUE);
      self->attach_failed++;
    }
  attach_job_free (job);
  attach_next (self);
}

static void
attach_next (ZhiEvidencePage *self)
{
  AttachJob *job;

  if (self->attach_running)
    return;
  job = g_queue_pop_head (&self->attach_queue);
  if (job == NULL)
    {
      if (self->attach_total > 0)
        batch_finished (self);
      return;
    }
  self->attach_running = TRUE;
  self->attach_fraction = 0;
  attach_job_set_state (job, "document-open-recent-symbolic", _ ("Reading…"), FALSE);
  update_progress (self);
  zhi_project_attach_file_async (zhi_page_get_project (ZHI_PAGE (self)), job->file, NULL,
                                 self->attach_cancellable, attach_progress_cb, job, attach_done_cb,
                                 job);
}

static void
cancel_attach (ZhiEvidencePage *self)
{
  AttachJob *job;

  g_cancellable_cancel (self->attach_cancellable);
  g_clear_object (&self->attach_cancellable);
  self->attach_cancellable = g_cancellable_new ();
  while ((job = g_queue_pop_head (&self->attach_queue)) != NULL)
    {
      attach_job_set_state (job, "process-stop-symbolic", C_ ("file state", "Cancelled"), TRUE);
      self->attach_finished++;
      self->attach_failed++;
      attach_job_free (job);
    }
  if (!self->attach_running && self->attach_total > 0)
    batch_finished (self);
}

static void
cancel_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  cancel_attach (self);
}

static void
dismiss_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  clear_progress (self);
}

void
zhi_evidence_page_add_files (ZhiEvidencePage *self, GFile *const *files, guint n_files)
{
  g_return_if_fail (ZHI_IS_EVIDENCE_PAGE (self));

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || n_files == 0)
    return;
  /* A finished batch with errors still shown makes way for the new one. */
  if (!self->attach_running && g_queue_is_empty (&self->attach_queue))
    clear_progress (self);
  for (guint i = 0; i < n_files; i++)
    {
      AttachJob *job = g_new0 (AttachJob, 1);
      g_autofree char *name = g_file_get_basename (files[i]);

      g_weak_ref_init (&job->page, self);
      job->file = g_object_ref (files[i]);
      job->row = g_object_ref_sink (ADW_ACTION_ROW (adw_action_row_new ()));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (job->row), FALSE);
      adw_action_row_set_subtitle_lines (job->row, 0);
      job->icon = GTK_IMAGE (gtk_image_new ());
      adw_action_row_add_prefix (job->row, GTK_WIDGET (job->icon));
      attach_job_set_state (job, "document-open-recent-symbolic", C_ ("file state", "Waiting"),
                            FALSE);
      gtk_list_box_append (self->progress_list, GTK_WIDGET (job->row));
      g_queue_push_tail (&self->attach_queue, job);
      self->attach_total++;
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_progress (self);
  attach_next (self);
}

gboolean
zhi_evidence_page_drop_value (ZhiEvidencePage *self, const GValue *value)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GdkFileList *list = g_value_get_boxed (value);
      g_autoptr (GSList) items = list != NULL ? gdk_file_list_get_files (list) : NULL;

      for (GSList *l = items; l != NULL; l = l->next)
        g_ptr_array_add (files, l->data);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    g_ptr_array_add (files, g_value_get_object (value));
  if (files->len == 0)
    return FALSE;
  zhi_evidence_page_add_files (self, (GFile *const *)files->pdata, files->len);
  return TRUE;
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, ZhiEvidencePage *self)
{
  return zhi_evidence_page_drop_value (self, value);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, ZhiEvidencePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      zhi_evidence_page_add_files (self, (GFile *const *)files->pdata, files->len);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
add_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  if (self->chooser != NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  self->chooser = zhi_evidence_file_chooser_new (GTK_WIDGET (self), _ ("Add Evidence"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- removing, with undo ---------------------------------------------------------------- */

typedef struct
{
  GWeakRef page;
  ZhiProject *project;
  ZhiEvidence *evidence; /* the item removed, as it was (no longer the project's to change) */
} Removed;

static void
removed_free (gpointer data, GClosure *closure)
{
  Removed *r = data;

  g_weak_ref_clear (&r->page);
  g_object_unref (r->project);
  g_object_unref (r->evidence);
  g_free (r);
}

static void
undo_clicked_cb (AdwToast *toast, Removed *r)
{
  g_autoptr (ZhiEvidencePage) self = g_weak_ref_get (&r->page);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *removed = r->evidence;
  const char *id = zhi_evidence_get_id (removed);
  ZhiEvidence *evidence = NULL;

  if (zhi_project_lookup_evidence (r->project, id) != NULL)
    return; /* undone already */
  /* The bytes stay in the file until it is closed; a project saved elsewhere since has
   * dropped them. */
  if (zhi_project_has_blob (r->project, zhi_evidence_get_sha256 (removed)))
    {
      evidence = zhi_project_add_evidence (
          r->project, id, zhi_evidence_get_title (removed), zhi_evidence_get_file_name (removed),
          zhi_evidence_get_media_type (removed), zhi_evidence_get_size (removed),
          zhi_evidence_get_sha256 (removed), zhi_evidence_get_page_count (removed),
          zhi_evidence_get_supports (removed), zhi_evidence_get_added (removed), &error);
    }
  if (self == NULL)
    return;
  if (evidence == NULL)
    {
      AdwToast *failed = adw_toast_new_format (
          _ ("“%s” cannot be restored: its file is no longer in the application. Add it again."),
          zhi_evidence_get_title (removed));

      adw_toast_set_priority (failed, ADW_TOAST_PRIORITY_HIGH);
      zhi_page_add_toast (ZHI_PAGE (self), failed);
      return;
    }
  if (zhi_page_get_project (ZHI_PAGE (self)) == r->project)
    zhi_evidence_page_select (self, id);
}

gboolean
zhi_evidence_page_remove (ZhiEvidencePage *self, const char *evidence_id)
{
  ZhiEvidence *evidence;
  Removed *r;
  AdwToast *toast;
  const char *title;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);

  if ((evidence = lookup_evidence (self, evidence_id)) == NULL)
    return FALSE;
  r = g_new0 (Removed, 1);
  g_weak_ref_init (&r->page, self);
  r->project = g_object_ref (zhi_page_get_project (ZHI_PAGE (self)));
  r->evidence = g_object_ref (evidence);

  title = zhi_evidence_get_title (evidence);
  if (*title == '\0')
    title = zhi_evidence_get_file_name (evidence);
  toast = adw_toast_new_format (_ ("“%s” removed"), title);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), r, removed_free, 0);
  g_set_weak_pointer (&self->undo_toast, toast);

  zhi_project_remove_evidence (zhi_page_get_project (ZHI_PAGE (self)),
                               zhi_evidence_get_id (evidence));
  zhi_page_add_toast (ZHI_PAGE (self), toast);
  return TRUE;
}

gboolean
zhi_evidence_page_undo_remove (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);
  return zhi_undo_toast_press (self->undo_toast);
}

/* ---- the project ------------------------------------------------------------------------ */

static void
load_standard (ZhiEvidencePage *self)
{
  const char *track = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                          ? zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self)))
                          : "";
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->standard);
  if (track != NULL && *track != '\0')
    {
      /* the edition the project is drafted against; when it is not installed (the project
       * then opens read-only) the built-in edition still shows its data */
      self->standard = zhi_editions_for_project (zhi_page_get_project (ZHI_PAGE (self)), NULL);
      if (self->standard == NULL)
        self->standard = zhi_standard_load_builtin (track, &error);
      if (self->standard == NULL)
        g_warning ("standard for %s: %s", track, error->message);
    }
  build_support_rows (self);
  update_rows (self);
  update_preview (self);
}

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiEvidencePage *self)
{
  if (g_strcmp0 (what, "track") == 0)
    load_standard (self);
  else if (g_strcmp0 (what, "evidence") == 0)
    {
      /* a link or a title changed: the filters may see the item differently now */
      if (*self->needle != '\0' || gtk_toggle_button_get_active (self->unlinked_button))
        refilter (self);
      else
        update_stacks (self);
    }
}

static void
evidence_added_cb (ZhiProject *project, ZhiEvidence *evidence, ZhiEvidencePage *self)
{
  thumb_request (self, evidence);
  update_stacks (self);
}

static void
evidence_removed_cb (ZhiProject *project, ZhiEvidence *evidence, ZhiEvidencePage *self)
{
  if (evidence == self->current)
    {
      show_evidence (self, NULL);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    }
  update_stacks (self);
}

static void
reset_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
let_go (ZhiEvidencePage *self)
{
  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    g_signal_handlers_disconnect_by_data (zhi_page_get_project (ZHI_PAGE (self)), self);
  cancel_attach (self);
  reset_cancellable (&self->thumb_cancellable);
  g_queue_clear_full (&self->thumb_queue, g_object_unref);
  self->thumb_running = FALSE;
  show_evidence (self, NULL);
}

static void
zhi_evidence_page_project_changed (ZhiPage *page, ZhiProject *old_project)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (page);
  ZhiProject *project = zhi_page_get_project (page);

  let_go (self);
  clear_progress (self);
  gtk_filter_list_model_set_model (
      self->filtered, project != NULL ? zhi_project_get_evidence_list (project) : NULL);
  load_standard (self);
  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, 0);
      g_signal_connect_object (project, "evidence-added", G_CALLBACK (evidence_added_cb), self, 0);
      g_signal_connect_object (project, "evidence-removed", G_CALLBACK (evidence_removed_cb), self,
                               0);
      thumb_request_uncounted (self);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
        {
          self->selecting = TRUE;
          gtk_single_selection_set_selected (self->selection, 0);
          self->selecting = FALSE;
        }
    }
  update_stacks (self);
}

/* ---- actions ---------------------------------------------------------------------------- */

/* "search" focuses the search entry, an evidence id shows that item */
static gboolean
zhi_evidence_page_focus_field (ZhiPage *page, const char *target)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (page);

  if (g_str_equal (target, "search"))
    {
      if (gtk_widget_get_visible (self->toolbar))
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return TRUE;
    }
  if (!zhi_evidence_page_select (self, target))
    return FALSE;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_stack_set_visible_child_name (self->preview_tabs, "details");
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return TRUE;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  add_clicked_cb (NULL, ZHI_EVIDENCE_PAGE (widget));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
zhi_evidence_page_dispose (GObject *object)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (object);

  if (self->bound_rows != NULL)
    let_go (self);
  g_clear_handle_id (&self->folded_idle, g_source_remove);
  g_clear_handle_id (&self->thumb_idle, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_weak_pointer (&self->undo_toast);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_EVIDENCE_PAGE);

  g_clear_object (&self->standard);
  g_clear_object (&self->conditions);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->thumb_cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_pointer (&self->support_rows, g_ptr_array_unref);
  g_clear_pointer (&self->support_switches, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (zhi_evidence_page_parent_class)->dispose (object);
}

static void
zhi_evidence_page_class_init (ZhiEvidencePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_evidence_page_dispose;
  ZHI_PAGE_CLASS (klass)->project_changed = zhi_evidence_page_project_changed;
  ZHI_PAGE_CLASS (klass)->focus_field = zhi_evidence_page_focus_field;

  g_type_ensure (ZHI_TYPE_EVIDENCE_PAGES);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-evidence-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, unlinked_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, add_content);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, preview_tabs);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, details_scroller);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, problem_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, file_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, type_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, size_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, pages_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, added_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, sha_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, pages);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlinked_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_hash_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);

  gtk_widget_class_install_action (widget_class, "page.add-files", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.focus", "s",
                                       "search");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.add-files", NULL);
}

static void
zhi_evidence_page_init (ZhiEvidencePage *self)
{
  g_autoptr (GError) error = NULL;
  GtkListItemFactory *factory;
  GtkDropTarget *drop;

  self->needle = g_strdup ("");
  self->bound_rows = g_ptr_array_new ();
  self->support_rows = g_ptr_array_new ();
  self->support_switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thumb_cancellable = g_cancellable_new ();
  self->attach_cancellable = g_cancellable_new ();
  g_queue_init (&self->thumb_queue);
  g_queue_init (&self->attach_queue);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->conditions = zhi_conditions_load_builtin (&error);
  if (self->conditions == NULL)
    g_warning ("conditions: %s", error->message);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb),
                    self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_stacks), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (list_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (list_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (list_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  build_support_rows (self);
  update_stacks (self);
  update_preview (self);
}

GtkWidget *
zhi_evidence_page_new (void)
{
  return g_object_new (ZHI_TYPE_EVIDENCE_PAGE, NULL);
}

/* ---- for tests and other pages ---------------------------------------------------------- */

guint
zhi_evidence_page_get_n_attaching (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), 0);
  return g_queue_get_length (&self->attach_queue) + (self->attach_running ? 1 : 0);
}

guint
zhi_evidence_page_get_n_failed (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), 0);
  return self->attach_failed;
}

GListModel *
zhi_evidence_page_get_visible_items (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
zhi_evidence_page_set_unlinked_only (ZhiEvidencePage *self, gboolean unlinked_only)
{
  g_return_if_fail (ZHI_IS_EVIDENCE_PAGE (self));
  gtk_toggle_button_set_active (self->unlinked_button, unlinked_only);
}

static const ZhiEvidenceThumb *
thumb_for_id (ZhiEvidencePage *self, const char *evidence_id)
{
  ZhiEvidence *evidence = lookup_evidence (self, evidence_id);

  return evidence != NULL ? zhi_evidence_thumb_lookup (evidence) : NULL;
}

GdkTexture *
zhi_evidence_page_get_thumbnail (ZhiEvidencePage *self, const char *evidence_id)
{
  const ZhiEvidenceThumb *thumb;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  thumb = thumb_for_id (self, evidence_id);
  return thumb != NULL ? thumb->texture : NULL;
}

const char *
zhi_evidence_page_get_problem (ZhiEvidencePage *self, const char *evidence_id)
{
  const ZhiEvidenceThumb *thumb;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  thumb = thumb_for_id (self, evidence_id);
  return thumb != NULL ? thumb->problem : NULL;
}

gboolean
zhi_evidence_page_thumbnail_done (ZhiEvidencePage *self, const char *evidence_id)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);
  return thumb_for_id (self, evidence_id) != NULL;
}

gboolean
zhi_evidence_page_select (ZhiEvidencePage *self, const char *evidence_id)
{
  GListModel *model;
  ZhiEvidence *evidence;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);

  if ((evidence = lookup_evidence (self, evidence_id)) == NULL)
    return FALSE;
  model = G_LIST_MODEL (self->filtered);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (ZhiEvidence) item = g_list_model_get_item (model, i);

      if (item == evidence)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  self->selecting = FALSE;
  show_evidence (self, evidence);
  return TRUE;
}

GtkSwitch *
zhi_evidence_page_get_support_switch (ZhiEvidencePage *self, const char *rule_id)
{
  ZhiSupportRow *row;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  row = g_hash_table_lookup (self->support_switches, rule_id);
  return row != NULL ? zhi_support_row_get_switch (row) : NULL;
}

guint
zhi_evidence_page_get_n_preview_textures (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), 0);
  return zhi_evidence_pages_get_n_textures (self->pages);
}
