/* zhi-rule-evidence-row.c — the evidence a condition or exclusion rests on
 *
 * The popover lists the library each time it opens: a check button per item, ticked when the
 * item supports the rule; ticking links it in the project.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-rule-evidence-row.h"

struct _ZhiRuleEvidenceRow
{
  AdwActionRow parent_instance;

  GtkMenuButton *button;
  GtkBox *box;         /* in the popover */
  GPtrArray *checks;   /* GtkCheckButton in box (borrowed) */
  GPtrArray *item_ids; /* the evidence id of each check */
  ZhiProject *project;
  char *rule_id;
  gboolean filling; /* the popover is being filled: the checks are not the user's */
};

G_DEFINE_FINAL_TYPE (ZhiRuleEvidenceRow, zhi_rule_evidence_row, ADW_TYPE_ACTION_ROW)

static void
check_toggled_cb (GtkCheckButton *check, ZhiRuleEvidenceRow *self)
{
  guint index;
  const char *evidence_id;

  if (self->project == NULL || self->filling || !g_ptr_array_find (self->checks, check, &index))
    return;
  evidence_id = g_ptr_array_index (self->item_ids, index);
  if (gtk_check_button_get_active (check))
    zhi_project_add_evidence_support (self->project, evidence_id, self->rule_id);
  else
    zhi_project_remove_evidence_support (self->project, evidence_id, self->rule_id);
}

static void
popover_show_cb (ZhiRuleEvidenceRow *self)
{
  GtkWidget *child;
  GListModel *list;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_set_size (self->item_ids, 0);
  if (self->project == NULL)
    return;
  list = zhi_project_get_evidence_list (self->project);
  n = g_list_model_get_n_items (list);
  if (n == 0)
    {
      GtkWidget *label = gtk_label_new (_ ("The evidence library is empty. Add documents on "
                                           "the Evidence page first."));
      GtkWidget *button = gtk_button_new_with_label (_ ("Open the Evidence Library"));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "view.show-step");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "evidence");
      gtk_box_append (self->box, label);
      gtk_box_append (self->box, button);
      return;
    }
  self->filling = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);
      g_autofree char *label = g_strdup_printf ("%s  %s", zhi_evidence_get_id (evidence),
                                                zhi_evidence_get_title (evidence));
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkWidget *text = gtk_widget_get_last_child (check);

      if (GTK_IS_LABEL (text))
        {
          gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_MIDDLE);
          gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   zhi_evidence_supports (evidence, self->rule_id));
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->item_ids, g_strdup (zhi_evidence_get_id (evidence)));
      gtk_box_append (self->box, check);
    }
  self->filling = FALSE;
}

void
zhi_rule_evidence_row_refresh (ZhiRuleEvidenceRow *self)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_if_fail (ZHI_IS_RULE_EVIDENCE_ROW (self));

  if (self->project == NULL)
    return;
  items = zhi_project_list_evidence_for (self->project, self->rule_id);
  for (guint i = 0; i < items->len; i++)
    {
      ZhiEvidence *evidence = g_ptr_array_index (items, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s  %s", zhi_evidence_get_id (evidence),
                              zhi_evidence_get_title (evidence));
      /* a file that does not open supports nothing */
      if (!zhi_evidence_get_usable (evidence))
        {
          g_string_append (text, " · ");
          g_string_append_printf (
              text, _ ("Unusable: %s"),
              zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));
        }
    }
  if (items->len == 0)
    g_string_assign (text, _ ("No evidence linked yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text->str);
}

void
zhi_rule_evidence_row_set_project (ZhiRuleEvidenceRow *self, ZhiProject *project)
{
  g_return_if_fail (ZHI_IS_RULE_EVIDENCE_ROW (self));
  g_set_object (&self->project, project);
}

GtkWidget *
zhi_rule_evidence_row_get_button (ZhiRuleEvidenceRow *self)
{
  g_return_val_if_fail (ZHI_IS_RULE_EVIDENCE_ROW (self), NULL);
  return GTK_WIDGET (self->button);
}

static void
zhi_rule_evidence_row_dispose (GObject *object)
{
  ZhiRuleEvidenceRow *self = ZHI_RULE_EVIDENCE_ROW (object);

  g_clear_object (&self->project);
  G_OBJECT_CLASS (zhi_rule_evidence_row_parent_class)->dispose (object);
}

static void
zhi_rule_evidence_row_finalize (GObject *object)
{
  ZhiRuleEvidenceRow *self = ZHI_RULE_EVIDENCE_ROW (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->item_ids, g_ptr_array_unref);
  g_free (self->rule_id);
  G_OBJECT_CLASS (zhi_rule_evidence_row_parent_class)->finalize (object);
}

static void
zhi_rule_evidence_row_class_init (ZhiRuleEvidenceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zhi_rule_evidence_row_dispose;
  object_class->finalize = zhi_rule_evidence_row_finalize;
}

static void
zhi_rule_evidence_row_init (ZhiRuleEvidenceRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->checks = g_ptr_array_new ();
  self->item_ids = g_ptr_array_new_with_free_func (g_free);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _ ("Evidence"));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->button, _ ("Link Evidence…"));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->box));
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_show_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->button, popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));
}

GtkWidget *
zhi_rule_evidence_row_new (const char *rule_id, const char *button_label)
{
  ZhiRuleEvidenceRow *self = g_object_new (ZHI_TYPE_RULE_EVIDENCE_ROW, NULL);

  self->rule_id = g_strdup (rule_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_label, -1);
  return GTK_WIDGET (self);
}
