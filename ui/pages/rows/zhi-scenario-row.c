/* zhi-scenario-row.c — one application scenario on the enterprise page
 *
 * ZhiScenarioRow::edited (const char *what: "name", "description" or "criteria") when the user
 * changes it; ZhiScenarioRow::remove when the remove button is clicked.  The page writes the
 * change into the project (zhi_scenario_row_apply) and shows the project's scenario back
 * (zhi_scenario_row_sync).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-names.h"
#include "zhi-scenario-row.h"

struct _ZhiScenarioRow
{
  AdwExpanderRow parent_instance;

  AdwEntryRow *name;
  GtkTextBuffer *buffer;
  GPtrArray *checks;     /* GtkCheckButton, one per criterion of the track (borrowed) */
  GPtrArray *check_ids;  /* the criterion id of each check */
  ZhiStandard *standard; /* may be NULL */
  guint syncing;
};

enum
{
  EDITED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZhiScenarioRow, zhi_scenario_row, ADW_TYPE_EXPANDER_ROW)

static void
edited (ZhiScenarioRow *self, const char *what)
{
  if (self->syncing == 0)
    g_signal_emit (self, signals[EDITED], 0, what);
}

static void
name_changed_cb (ZhiScenarioRow *self)
{
  edited (self, "name");
}

static void
description_changed_cb (ZhiScenarioRow *self)
{
  edited (self, "description");
}

static void
criterion_toggled_cb (ZhiScenarioRow *self)
{
  edited (self, "criteria");
}

static void
remove_clicked_cb (ZhiScenarioRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static char *
criteria_summary (ZhiScenarioRow *self, const ZhiScenario *scenario)
{
  g_autoptr (GString) numbers = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; scenario->criteria[i] != NULL; i++)
    {
      const ZhiCriterion *criterion
          = self->standard != NULL
                ? zhi_standard_lookup_criterion (self->standard, scenario->criteria[i])
                : NULL;

      if (criterion == NULL)
        continue;
      if (n++ > 0)
        /* Translators: separates items of a list, e.g. "2, 5" */
        g_string_append (numbers, C_ ("list separator", ", "));
      g_string_append_printf (numbers, "%d", criterion->number);
    }
  if (n == 0)
    return g_strdup (_ ("No criterion linked yet"));
  /* Translators: %s is a list of criterion numbers, e.g. "2, 5" */
  return g_strdup_printf (ngettext ("Serves criterion %s", "Serves criteria %s", n), numbers->str);
}

void
zhi_scenario_row_sync (ZhiScenarioRow *self, const ZhiScenario *scenario)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  const char *title;
  GtkTextIter start, end;

  g_return_if_fail (ZHI_IS_SCENARIO_ROW (self));
  g_return_if_fail (scenario != NULL);

  subtitle = criteria_summary (self, scenario);
  title = *scenario->name != '\0' ? scenario->name : _ ("Unnamed Scenario");
  self->syncing++;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name)), scenario->name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name), scenario->name);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  description = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  if (g_strcmp0 (description, scenario->description) != 0)
    gtk_text_buffer_set_text (self->buffer, scenario->description, -1);
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);
      gboolean active = g_strv_contains ((const char *const *)scenario->criteria,
                                         g_ptr_array_index (self->check_ids, i));

      if (gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }
  self->syncing--;
}

void
zhi_scenario_row_apply (ZhiScenarioRow *self, const char *what, ZhiScenario *scenario)
{
  g_return_if_fail (ZHI_IS_SCENARIO_ROW (self));
  g_return_if_fail (scenario != NULL);

  if (g_str_equal (what, "name"))
    {
      g_free (scenario->name);
      scenario->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name)));
    }
  else if (g_str_equal (what, "description"))
    {
      GtkTextIter start, end;

      g_free (scenario->description);
      gtk_text_buffer_get_bounds (self->buffer, &start, &end);
      scenario->description = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
    }
  else if (g_str_equal (what, "criteria"))
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      /* ids of another track's criteria stay: the track may be switched back */
      for (guint i = 0; scenario->criteria[i] != NULL; i++)
        if (self->standard == NULL
            || zhi_standard_lookup_criterion (self->standard, scenario->criteria[i]) == NULL)
          g_strv_builder_add (builder, scenario->criteria[i]);
      for (guint i = 0; i < self->checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
          g_strv_builder_add (builder, g_ptr_array_index (self->check_ids, i));
      g_strfreev (scenario->criteria);
      scenario->criteria = g_strv_builder_end (builder);
    }
}

GtkWidget *
zhi_scenario_row_get_name_row (ZhiScenarioRow *self)
{
  g_return_val_if_fail (ZHI_IS_SCENARIO_ROW (self), NULL);
  return GTK_WIDGET (self->name);
}

static void
add_criteria (ZhiScenarioRow *self)
{
  GPtrArray *criteria;

  if (self->standard == NULL)
    {
      GtkWidget *crow = adw_action_row_new ();

      adw_preferences_row_set_title (
          ADW_PREFERENCES_ROW (crow),
          _ ("Choose the track above to link this scenario to the criteria it serves."));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (crow), 0);
      gtk_widget_add_css_class (crow, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), crow);
      return;
    }
  criteria = zhi_standard_get_criteria (self->standard);
  for (guint c = 0; c < criteria->len; c++)
    {
      const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);
      GtkWidget *crow = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = zhi_names_criterion (criterion, ZHI_NAMES_USER);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (crow), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (crow), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (crow), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (criterion_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (crow), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (crow), check);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->check_ids, g_strdup (criterion->id));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), crow);
    }
}

static void
add_description (ZhiScenarioRow *self)
{
  GtkWidget *desc_row = adw_preferences_row_new ();
  GtkWidget *desc_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *desc_label = gtk_label_new (_ ("Description"));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (desc_row), FALSE);
  gtk_widget_set_margin_start (desc_box, 12);
  gtk_widget_set_margin_end (desc_box, 12);
  gtk_widget_set_margin_top (desc_box, 8);
  gtk_widget_set_margin_bottom (desc_box, 12);
  gtk_label_set_xalign (GTK_LABEL (desc_label), 0);
  gtk_widget_add_css_class (desc_label, "caption");
  gtk_widget_add_css_class (desc_label, "dim-label");
  gtk_box_append (GTK_BOX (desc_box), desc_label);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Scenario Description"), -1);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (description_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (desc_box), frame);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (desc_row), desc_box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), desc_row);
}

static void
zhi_scenario_row_finalize (GObject *object)
{
  ZhiScenarioRow *self = ZHI_SCENARIO_ROW (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->check_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (zhi_scenario_row_parent_class)->finalize (object);
}

static void
zhi_scenario_row_dispose (GObject *object)
{
  ZhiScenarioRow *self = ZHI_SCENARIO_ROW (object);

  g_clear_object (&self->standard);
  G_OBJECT_CLASS (zhi_scenario_row_parent_class)->dispose (object);
}

static void
zhi_scenario_row_class_init (ZhiScenarioRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zhi_scenario_row_dispose;
  object_class->finalize = zhi_scenario_row_finalize;

  /**
   * ZhiScenarioRow::edited:
   * @what: "name", "description" or "criteria"
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
zhi_scenario_row_init (ZhiScenarioRow *self)
{
  self->checks = g_ptr_array_new ();
  self->check_ids = g_ptr_array_new_with_free_func (g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

GtkWidget *
zhi_scenario_row_new (ZhiStandard *standard, guint index)
{
  ZhiScenarioRow *self = g_object_new (ZHI_TYPE_SCENARIO_ROW, NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_label = NULL;

  self->standard = standard != NULL ? g_object_ref (standard) : NULL;

  /* Translators: %u is the number of the scenario in the list */
  remove_label = g_strdup_printf (_ ("Remove scenario %u"), index + 1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _ ("Remove Scenario"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), remove);

  self->name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name), _ ("Scenario Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Scenario Name"), -1);
  g_signal_connect_object (self->name, "changed", G_CALLBACK (name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->name));

  add_criteria (self);
  add_description (self);
  return GTK_WIDGET (self);
}
