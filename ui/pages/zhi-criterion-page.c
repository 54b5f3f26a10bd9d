/* zhi-criterion-page.c — 自评: one criterion of the standard, its indicators and its evidence
 *
 * The official text word for word, the default weight and why, one control per indicator
 * (writing to the project's answers; the text indicators are answered by the criterion's
 * narrative), the live points from the shared ZhiEvaluation and the evidence linked to the
 * criterion.  Everything is built from the standard once it is known, i.e. when the
 * evaluation (or the project) arrives.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "zhi-criterion-page.h"
#include "zhi-evaluation.h"
#include "zhi-evidence-files.h"
#include "zhi-indicator-card.h"
#include "zhi-names.h"
#include "zhi-number.h"
#include "zhi-kpi-editor.h"
#include "zhi-store.h"

struct _ZhiCriterionPage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  GtkBox *content_box;
  GtkLabel *title_label;
  GtkLabel *weight_label;
  AdwActionRow *summary_row;
  GtkImage *summary_icon;
  GtkLevelBar *summary_bar;
  AdwActionRow *advice_row;
  GtkLabel *advice_label;
  GtkMenuButton *advice_button;
  AdwPreferencesGroup *text_group;
  GtkBox *items_box;
  GtkBox *indicators_box;
  GtkBox *no_evidence_box;
  GtkListBox *evidence_list;
  GtkLabel *evidence_error_label;
  GtkSpinner *attach_spinner;
  GtkMenuButton *library_button;
  GtkButton *add_files_button;
  GtkPopover *library_popover;
  GtkListView *library_view; /* the evidence not linked here: a filtered view of the library,
                               rows made only for what the popover shows */
  GtkScrolledWindow *library_scrolled;
  GtkLabel *library_empty_label;
  GtkFilterListModel *library_model;
  GtkFilter *library_filter;

  /* Owned References */
  char *criterion_id;
  ZhiStandard *standard; /* the one the widgets were built from */
  GPtrArray *indicators; /* ZhiIndicatorCard * (borrowed, in indicators_box) */
  GHashTable *named;     /* name → GtkWidget * (borrowed), see zhi_criterion_page_lookup */
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;

  /* Borrowed References */
  const ZhiCriterion *criterion;
  GtkWidget *pending_focus;
  guint pending_focus_tick;
  guint pending_focus_frames;

  guint attaching;
};

enum
{
  PROP_0,
  PROP_CRITERION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ZhiCriterionPage, zhi_criterion_page, ZHI_TYPE_PAGE)

static void sync_from_project (ZhiCriterionPage *self);
static void update_scores (ZhiCriterionPage *self);
static void update_evidence (ZhiCriterionPage *self);
static void update_library (ZhiCriterionPage *self);

/* ---- building ----------------------------------------------------------------------------- */

static void
build_text (ZhiCriterionPage *self)
{
  const ZhiCriterion *criterion = self->criterion;
  g_autofree char *title = zhi_names_criterion (criterion, ZHI_NAMES_USER);
  g_autofree char *weight = NULL;
  const char *reason = zhi_text_get (&criterion->weight_reason);

  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label), GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                  1, -1);
  weight = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Weight: %d point, a default weight — the provincial "
                                         "document gives none. %s",
                                         "Weight: %d points, a default weight — the provincial "
                                         "document gives none. %s",
                                         criterion->weight),
                            criterion->weight, reason);
  gtk_label_set_text (self->weight_label, g_strstrip (weight));

  adw_preferences_group_set_description (self->text_group,
                                         zhi_text_get (zhi_standard_get_title (self->standard)));
  for (guint i = 0; i < criterion->items->len; i++)
    {
      const ZhiItem *item = g_ptr_array_index (criterion->items, i);
      GtkWidget *label = zhi_wrapped_label_new (zhi_text_get (&item->text), "body");

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
       * the focus from Tab even when not focusable, which trapped Tab in the field above */
      gtk_widget_set_focusable (label, FALSE);
      gtk_widget_set_can_focus (label, FALSE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, i == 0 ? 12 : 0);
      gtk_widget_set_margin_bottom (
          label, i + 1 == criterion->items->len && item->sub_items->len == 0 ? 12 : 0);
      gtk_box_append (self->items_box, label);
      for (guint s = 0; s < item->sub_items->len; s++)
        {
          const ZhiSubItem *sub = g_ptr_array_index (item->sub_items, s);
          g_autofree char *text = g_strconcat (sub->mark, zhi_text_get (&sub->text), NULL);
          GtkWidget *sub_label = zhi_wrapped_label_new (text, "body");

          gtk_label_set_selectable (GTK_LABEL (sub_label), TRUE);
          /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
           * the focus from Tab even when not focusable, which trapped Tab in the field above */
          gtk_widget_set_focusable (sub_label, FALSE);
          gtk_widget_set_can_focus (sub_label, FALSE);
          gtk_widget_set_margin_start (sub_label, 30);
          gtk_widget_set_margin_end (sub_label, 12);
          if (i + 1 == criterion->items->len && s + 1 == item->sub_items->len)
            gtk_widget_set_margin_bottom (sub_label, 12);
          gtk_box_append (self->items_box, sub_label);
        }
    }
}

static void
clear_built (ZhiCriterionPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_box))) != NULL)
    gtk_box_remove (self->items_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->indicators_box))) != NULL)
    gtk_box_remove (self->indicators_box, child);
  g_ptr_array_set_size (self->indicators, 0);
  g_hash_table_remove_all (self->named);
  self->criterion = NULL;
  g_clear_object (&self->standard);
}

/* (Re)builds the widgets when the standard they come from changes. */
static void
ensure_built (ZhiCriterionPage *self)
{
  g_autoptr (ZhiStandard) standard = NULL;
  gboolean have_text = FALSE;

  if (zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL
      && zhi_evaluation_get_standard (zhi_page_get_evaluation (ZHI_PAGE (self))) != NULL)
    standard
        = g_object_ref (zhi_evaluation_get_standard (zhi_page_get_evaluation (ZHI_PAGE (self))));
  else if (zhi_page_get_project (ZHI_PAGE (self)) != NULL
           && *zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self))) != '\0')
    standard = zhi_standard_load_builtin (
        zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self))), NULL);
  if (standard == NULL || standard == self->standard || self->criterion_id == NULL)
    return;

  clear_built (self);
  self->criterion = zhi_standard_lookup_criterion (standard, self->criterion_id);
  if (self->criterion == NULL)
    return;
  self->standard = g_steal_pointer (&standard);

  g_hash_table_insert (self->named, g_strdup ("summary"), self->summary_row);
  g_hash_table_insert (self->named, g_strdup ("advice"), self->advice_label);
  g_hash_table_insert (self->named, g_strdup ("evidence-list"), self->evidence_list);
  g_hash_table_insert (self->named, g_strdup ("no-evidence"), self->no_evidence_box);
  g_hash_table_insert (self->named, g_strdup ("add-files"), self->add_files_button);
  g_hash_table_insert (self->named, g_strdup ("add-from-library"), self->library_button);
  g_hash_table_insert (self->named, g_strdup ("evidence"), self->add_files_button);

  build_text (self);
  for (guint i = 0; i < self->criterion->indicators->len; i++)
    {
      const ZhiIndicator *indicator = g_ptr_array_index (self->criterion->indicators, i);
      gboolean first_text = indicator->kind == ZHI_INDICATOR_TEXT && !have_text;

      GtkWidget *card = zhi_indicator_card_new (self->standard, indicator, first_text,
                                                self->criterion_id, self->named);

      zhi_indicator_card_set_project (ZHI_INDICATOR_CARD (card),
                                      zhi_page_get_project (ZHI_PAGE (self)));
      g_ptr_array_add (self->indicators, card);
      gtk_box_append (self->indicators_box, card);
      have_text |= first_text;
    }
}

/* ---- reading the project and the evaluation ----------------------------------------------- */

static void
sync_from_project (ZhiCriterionPage *self)
{
  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || self->criterion == NULL)
    return;
  for (guint i = 0; i < self->indicators->len; i++)
    zhi_indicator_card_sync (g_ptr_array_index (self->indicators, i));
}

static void
update_scores (ZhiCriterionPage *self)
{
  ZhiScore *score;
  const ZhiCriterionResult *cr;
  g_autofree char *claimed = NULL;
  g_autofree char *evidenced = NULL;
  g_autofree char *max = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  g_autofree char *step = NULL;

  if (zhi_page_get_evaluation (ZHI_PAGE (self)) == NULL || self->criterion == NULL
      || (score = zhi_evaluation_get_score (zhi_page_get_evaluation (ZHI_PAGE (self)))) == NULL
      || score->standard != self->standard
      || (cr = zhi_score_lookup_criterion (score, self->criterion_id)) == NULL)
    return;

  step = g_strconcat ("criterion:", self->criterion_id, NULL);
  claimed = zhi_scoring_format_points (cr->claimed);
  evidenced = zhi_scoring_format_points (cr->evidenced);
  max = zhi_scoring_format_points (cr->max_points);
  /* Translators: "claimed 10.7 of 14 points · evidenced 0" */
  title = g_strdup_printf (_ ("Claimed %s of %s points · evidenced %s"), claimed, max, evidenced);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), title);
  if (cr->has_evidence)
    subtitle = g_strdup (_ ("Evidence is linked, so the claimed points count in full."));
  else
    {
      g_autoptr (GPtrArray) linked
          = zhi_page_get_project (ZHI_PAGE (self)) != NULL ? zhi_project_list_evidence_for (
                zhi_page_get_project (ZHI_PAGE (self)), self->criterion_id)
                                                           : NULL;

      /* linked, but none of it opens: it is not evidence */
      subtitle = g_strdup (linked != NULL && linked->len > 0
                               ? _ ("The linked evidence does not open: reviewers count 0 "
                                    "evidenced points. Replace it with a file that opens.")
                               : _ ("No evidence is linked: reviewers count 0 evidenced "
                                    "points."));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row), subtitle);
  gtk_level_bar_set_value (self->summary_bar,
                           cr->max_points > 0 ? CLAMP (cr->evidenced / cr->max_points, 0, 1) : 0);
  if (zhi_criterion_result_at_full_marks (cr))
    zhi_status_icon_set (self->summary_icon, "emblem-ok-symbolic", "success", _ ("Full marks"));
  else
    zhi_status_icon_set (self->summary_icon, "dialog-warning-symbolic", "warning",
                         _ ("Points can still be gained"));
  /* The row keeps its place and its height whatever the advice: its first line (ellipsized)
   * as the subtitle, the whole of it in the popover. */
  gtk_label_set_text (self->advice_label, cr->advice != NULL ? cr->advice : "");
  {
    g_autofree char *first = NULL;
    g_autofree char *escaped = NULL;

    if (cr->advice != NULL)
      first = g_strndup (cr->advice, strcspn (cr->advice, "\n"));
    escaped = g_markup_escape_text (first != NULL ? first : _ ("Nothing to raise: full marks"), -1);
    adw_action_row_set_subtitle (self->advice_row, escaped);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->advice_button), cr->advice != NULL);

  for (guint i = 0; i < self->indicators->len; i++)
    {
      ZhiIndicatorCard *card = g_ptr_array_index (self->indicators, i);
      const char *id = zhi_indicator_card_get_indicator (card)->id;
      const ZhiIndicatorResult *r = zhi_score_lookup_indicator (score, id);

      if (r != NULL)
        zhi_indicator_card_show_result (
            card, r,
            zhi_evaluation_lookup_open_item (zhi_page_get_evaluation (ZHI_PAGE (self)), step, id)
                != NULL);
    }
}

static GtkWidget *
evidence_row_new (ZhiCriterionPage *self, ZhiEvidence *evidence)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *unlink = gtk_button_new_from_icon_name ("list-remove-symbolic");
  guint pages = zhi_evidence_get_page_count (evidence);
  g_autofree char *subtitle = NULL;
  g_autofree char *pages_text = NULL;
  g_autofree char *unlink_label = NULL;

  /* a file that does not open supports nothing: say so on its row */
  if (!zhi_evidence_get_usable (evidence))
    pages_text = g_strdup_printf (
        _ ("Unusable: %s"), zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));
  else if (pages > 0)
    pages_text
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", pages), pages);
  else
    pages_text = g_strdup (_ ("pages not counted yet"));
  subtitle = g_strdup_printf ("%s · %s · %s", zhi_evidence_get_id (evidence),
                              zhi_evidence_get_file_name (evidence), pages_text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zhi_evidence_get_title (evidence));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (zhi_evidence_get_usable (evidence)
                                                               ? "x-office-document-symbolic"
                                                               : "dialog-warning-symbolic"));
  if (!zhi_evidence_get_usable (evidence))
    gtk_widget_add_css_class (row, "error");

  gtk_widget_set_valign (unlink, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (unlink, "flat");
  gtk_widget_set_tooltip_text (unlink, _ ("Unlink from this criterion"));
  unlink_label
      = g_strdup_printf (_ ("Unlink “%s” from this criterion"), zhi_evidence_get_title (evidence));
  gtk_accessible_update_property (GTK_ACCESSIBLE (unlink), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  unlink_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (unlink), "page.unlink-evidence");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (unlink), "s", zhi_evidence_get_id (evidence));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unlink);
  return row;
}

static void
update_evidence (ZhiCriterionPage *self)
{
  g_autoptr (GPtrArray) linked = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list))) != NULL)
    gtk_list_box_remove (self->evidence_list, child);
  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  linked
      = zhi_project_list_evidence_for (zhi_page_get_project (ZHI_PAGE (self)), self->criterion_id);
  for (guint i = 0; i < linked->len; i++)
    gtk_list_box_append (self->evidence_list,
                         evidence_row_new (self, g_ptr_array_index (linked, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_list), linked->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_evidence_box), linked->len == 0);
  update_library (self);
}

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiCriterionPage *self)
{
  if (g_strcmp0 (what, "track") == 0)
    {
      ensure_built (self);
      sync_from_project (self);
      update_evidence (self);
    }
  else if (g_strcmp0 (what, "answers") == 0 || g_strcmp0 (what, "narratives") == 0
           || g_strcmp0 (what, "scenarios") == 0)
    sync_from_project (self);
  else if (g_strcmp0 (what, "evidence") == 0)
    update_evidence (self);
}

static void
evaluation_updated_cb (ZhiEvaluation *evaluation, ZhiCriterionPage *self)
{
  ensure_built (self);
  sync_from_project (self);
  update_scores (self);
}

/* ---- evidence actions --------------------------------------------------------------------- */

static void
show_evidence_error (ZhiCriterionPage *self, const char *message)
{
  gtk_label_set_text (self->evidence_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_error_label), message != NULL);
}

static void
unlink_evidence_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (widget);

  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    zhi_project_remove_evidence_support (zhi_page_get_project (ZHI_PAGE (self)),
                                         g_variant_get_string (param, NULL), self->criterion_id);
}

/* The popover's list of evidence not yet linked, kept current with the evidence: the filter
 * is re-run (no widgets are made: the list view makes rows for what it shows). */
static void
update_library (ZhiCriterionPage *self)
{
  ZhiProject *project = zhi_page_get_project (ZHI_PAGE (self));
  GListModel *all = project != NULL ? zhi_project_get_evidence_list (project) : NULL;
  guint n;

  if (self->library_model == NULL)
    return;
  if (gtk_filter_list_model_get_model (self->library_model) != all)
    gtk_filter_list_model_set_model (self->library_model, all);
  else
    gtk_filter_changed (self->library_filter, GTK_FILTER_CHANGE_DIFFERENT);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->library_model));
  gtk_widget_set_visible (GTK_WIDGET (self->library_scrolled), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->library_empty_label), n == 0);
  gtk_label_set_text (self->library_empty_label,
                      all == NULL || g_list_model_get_n_items (all) == 0
                          ? _ ("The evidence library is empty. Use “Add Files…” to attach "
                               "documents.")
                          : _ ("Every evidence item is already linked to this criterion."));
}

static gboolean
library_filter_cb (gpointer item, gpointer user_data)
{
  ZhiCriterionPage *self = user_data;

  return self->criterion_id != NULL
         && !zhi_evidence_supports (ZHI_EVIDENCE (item), self->criterion_id);
}

static void
library_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *id = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_add_css_class (id, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), id);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
library_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  ZhiEvidence *evidence = gtk_list_item_get_item (item);
  GtkWidget *labels = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *title = gtk_widget_get_first_child (labels);

  gtk_label_set_text (GTK_LABEL (title), zhi_evidence_get_title (evidence));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)),
                      zhi_evidence_get_id (evidence));
}

static void
library_activate_cb (GtkListView *view, guint position, ZhiCriterionPage *self)
{
  g_autoptr (ZhiEvidence) evidence
      = g_list_model_get_item (G_LIST_MODEL (self->library_model), position);

  if (evidence == NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  zhi_project_add_evidence_support (zhi_page_get_project (ZHI_PAGE (self)),
                                    zhi_evidence_get_id (evidence), self->criterion_id);
  gtk_popover_popdown (self->library_popover);
}

static void
library_init (ZhiCriterionPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  self->library_filter = GTK_FILTER (gtk_custom_filter_new (library_filter_cb, self, NULL));
  self->library_model = gtk_filter_list_model_new (NULL, g_object_ref (self->library_filter));
  g_signal_connect (factory, "setup", G_CALLBACK (library_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (library_bind_cb), NULL);
  gtk_list_view_set_factory (self->library_view, factory);
  g_object_unref (factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->library_model)));
  gtk_list_view_set_model (self->library_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static void
attach_ready_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (ZhiCriterionPage) self = user_data;
  ZhiProject *project = ZHI_PROJECT (source);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *evidence = zhi_project_attach_file_finish (project, result, &error);

  if (--self->attaching == 0)
    {
      gtk_spinner_stop (self->attach_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->attach_spinner), FALSE);
    }
  if (evidence == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_evidence_error (self, error->message);
      return;
    }
  zhi_project_add_evidence_support (project, zhi_evidence_get_id (evidence), self->criterion_id);
}

static char *
title_from_file (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, ZhiCriterionPage *self)
{
  g_autoptr (GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT && zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      show_evidence_error (self, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          g_autofree char *title = title_from_file (file);

          self->attaching++;
          zhi_project_attach_file_async (zhi_page_get_project (ZHI_PAGE (self)), file, title,
                                         self->cancellable, NULL, NULL, attach_ready_cb,
                                         g_object_ref (self));
        }
      if (self->attaching > 0)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->attach_spinner), TRUE);
          gtk_spinner_start (self->attach_spinner);
        }
    }
  g_clear_object (&self->chooser);
}

static void
add_files_clicked_cb (ZhiCriterionPage *self)
{
  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || self->chooser != NULL)
    return;
  self->chooser = zhi_evidence_file_chooser_new (GTK_WIDGET (self), _ ("Add Evidence Files"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- focus -------------------------------------------------------------------------------- */

static void
scroll_to (ZhiCriterionPage *self, GtkWidget *widget)
{
  /* the template's root; AdwBin owns it, so it is not bound as a template child */
  GtkWidget *scroller = adw_bin_get_child (ADW_BIN (self));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self->content_box),
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return;
  gtk_adjustment_set_value (
      adj, CLAMP (point.y - 48, gtk_adjustment_get_lower (adj),
                  gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)));
}

static gboolean
pending_focus_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (widget);

  /* Wait for a frame in which the target has been laid out. */
  if (self->pending_focus != NULL && gtk_widget_get_mapped (self->pending_focus)
      && gtk_widget_get_height (self->pending_focus) > 0 && self->pending_focus_frames > 0)
    {
      scroll_to (self, self->pending_focus);
      gtk_widget_grab_focus (self->pending_focus);
    }
  else if (self->pending_focus != NULL && self->pending_focus_frames++ < 30)
    return G_SOURCE_CONTINUE;
  self->pending_focus = NULL;
  self->pending_focus_tick = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
zhi_criterion_page_focus_field (ZhiPage *page, const char *id)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (page);
  GtkWidget *target = g_hash_table_lookup (self->named, id);

  if (target == NULL)
    return FALSE;
  gtk_widget_grab_focus (target);
  if (gtk_widget_get_mapped (target) && gtk_widget_get_height (target) > 0)
    scroll_to (self, target);
  /* Shown just now (the checklist switched pages): scroll again once it is laid out. */
  self->pending_focus = target;
  self->pending_focus_frames = 0;
  if (self->pending_focus_tick == 0)
    self->pending_focus_tick
        = gtk_widget_add_tick_callback (GTK_WIDGET (self), pending_focus_tick_cb, NULL, NULL);
  return TRUE;
}

/* ---- properties --------------------------------------------------------------------------- */

static void
zhi_criterion_page_project_changed (ZhiPage *page, ZhiProject *old_project)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (page);
  ZhiProject *project = zhi_page_get_project (page);

  for (guint i = 0; i < self->indicators->len; i++)
    zhi_indicator_card_set_project (g_ptr_array_index (self->indicators, i), project);
  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, 0);
      ensure_built (self);
      sync_from_project (self);
    }
  update_evidence (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_box), project != NULL);
}

static void
zhi_criterion_page_evaluation_changed (ZhiPage *page, ZhiEvaluation *old_evaluation)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (page);
  ZhiEvaluation *evaluation = zhi_page_get_evaluation (page);

  if (evaluation != NULL)
    {
      g_signal_connect_object (evaluation, "updated", G_CALLBACK (evaluation_updated_cb), self, 0);
      ensure_built (self);
      sync_from_project (self);
      update_scores (self);
    }
}

static void
zhi_criterion_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (object);

  switch (prop_id)
    {
      case PROP_CRITERION_ID:
        g_value_set_string (value, self->criterion_id);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_criterion_page_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (object);

  switch (prop_id)
    {
      case PROP_CRITERION_ID:
        g_free (self->criterion_id);
        self->criterion_id = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_criterion_page_dispose (GObject *object)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->pending_focus_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_focus_tick);
      self->pending_focus_tick = 0;
    }
  self->pending_focus = NULL;
  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    g_signal_handlers_disconnect_by_data (zhi_page_get_project (ZHI_PAGE (self)), self);
  if (zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL)
    g_signal_handlers_disconnect_by_data (zhi_page_get_evaluation (ZHI_PAGE (self)), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_CRITERION_PAGE);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->named, g_hash_table_unref);
  g_clear_object (&self->standard);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library_model);
  g_clear_object (&self->library_filter);
  G_OBJECT_CLASS (zhi_criterion_page_parent_class)->dispose (object);
}

static void
zhi_criterion_page_finalize (GObject *object)
{
  ZhiCriterionPage *self = ZHI_CRITERION_PAGE (object);

  g_free (self->criterion_id);
  G_OBJECT_CLASS (zhi_criterion_page_parent_class)->finalize (object);
}

static void
zhi_criterion_page_class_init (ZhiCriterionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_criterion_page_dispose;
  object_class->finalize = zhi_criterion_page_finalize;
  object_class->get_property = zhi_criterion_page_get_property;
  object_class->set_property = zhi_criterion_page_set_property;
  ZHI_PAGE_CLASS (klass)->project_changed = zhi_criterion_page_project_changed;
  ZHI_PAGE_CLASS (klass)->evaluation_changed = zhi_criterion_page_evaluation_changed;
  ZHI_PAGE_CLASS (klass)->focus_field = zhi_criterion_page_focus_field;

  properties[PROP_CRITERION_ID]
      = g_param_spec_string ("criterion-id", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-criterion-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, weight_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, summary_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, summary_bar);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, advice_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, advice_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, advice_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, text_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, items_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, indicators_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, no_evidence_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, evidence_error_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, attach_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, library_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, add_files_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, library_popover);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, library_view);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, library_scrolled);
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, library_empty_label);
  gtk_widget_class_bind_template_callback (widget_class, add_files_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, library_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.unlink-evidence", "s",
                                   unlink_evidence_action);
}

static void
zhi_criterion_page_init (ZhiCriterionPage *self)
{
  self->indicators = g_ptr_array_new ();
  self->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  library_init (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_box), FALSE);
  update_evidence (self);
}

GtkWidget *
zhi_criterion_page_new (const char *criterion_id)
{
  return g_object_new (ZHI_TYPE_CRITERION_PAGE, "criterion-id", criterion_id, NULL);
}

const char *
zhi_criterion_page_get_criterion_id (ZhiCriterionPage *self)
{
  g_return_val_if_fail (ZHI_IS_CRITERION_PAGE (self), NULL);
  return self->criterion_id;
}

GtkWidget *
zhi_criterion_page_lookup (ZhiCriterionPage *self, const char *name)
{
  g_return_val_if_fail (ZHI_IS_CRITERION_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->named, name);
}
