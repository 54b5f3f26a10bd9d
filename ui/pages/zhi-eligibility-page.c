/* zhi-eligibility-page.c — 申报条件: the six conditions, the three exclusions and the track's gates
 *
 * The verdict at the top comes from the shared ZhiEvaluation; every answer written here goes
 * into the project's answers (zhi_project_answers_changed), and every change of the project,
 * wherever it comes from, is shown again here.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zhi-eligibility-page.h"
#include "zhi-indicator-card.h"
#include "zhi-kpi-section.h"
#include "zhi-names.h"
#include "zhi-rule-evidence-row.h"
#include "zhi-number.h"
#include "zhi-eligibility.h"
#include "zhi-kpi-editor.h"
#include "zhi-kpi.h"
#include "zhi-standard.h"
#include "zhi-track.h"

/* One condition or exclusion and its widgets (all owned by the widget tree). */
typedef struct
{
  ZhiEligibilityPage *page;
  char *id;
  char *mark;
  ZhiRuleKind kind;
  GtkWidget *group;
  GtkToggleButton *yes;
  GtkToggleButton *no;
  GtkToggleButton *none;
  AdwActionRow *state_row;
  GtkImage *state_icon;
  AdwEntryRow *note_row;
  ZhiRuleEvidenceRow *evidence_row;
  AdwActionRow *credit_row;
  GtkWidget *credit_button;
} Rule;

/* A gate of the track, or a track indicator that is no gate (CMMM level). */
typedef struct
{
  ZhiEligibilityPage *page;
  char *gate_id; /* NULL for a plain track indicator */
  const ZhiIndicator *indicator;
  AdwActionRow *row;
  GtkImage *icon;     /* NULL for a plain track indicator */
  GtkWidget *control; /* GtkEntry (count), GtkDropDown (level) or GtkButton (jump) */
} Gate;

struct _ZhiEligibilityPage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  GtkBox *content_box;
  GtkBox *verdict_box;
  GtkImage *verdict_icon;
  GtkLabel *verdict_title;
  GtkLabel *verdict_summary;
  GtkListBox *attention_list;
  AdwExpanderRow *attention_row;
  GtkBox *conditions_box;
  GtkBox *exclusions_box;
  GtkLabel *gates_heading;
  GtkLabel *gates_description;
  GtkBox *gates_box;

  /* Owned References */
  gboolean own_evaluation; /* created here because no one set one */
  gboolean making_own_evaluation;
  gboolean changing_project;
  ZhiStandard *standard; /* whose gates are shown */
  gboolean gates_built;
  ZhiConditions *conditions;
  GPtrArray *rules;           /* Rule * */
  GPtrArray *gates;           /* Gate * */
  GPtrArray *attention;       /* rows added to attention_row */
  GPtrArray *attention_ids;   /* the rule id each of them focuses */
  ZhiKpiSection *kpi_section; /* condition （四）'s figures, below its answer (borrowed) */
  gboolean syncing;           /* controls are being set from the project */
  gboolean writing;           /* the page is writing an answer */
  GtkWidget *scroll_target;   /* scrolled to on the next frame (weak) */
  guint scroll_tick;
};

G_DEFINE_FINAL_TYPE (ZhiEligibilityPage, zhi_eligibility_page, ZHI_TYPE_PAGE)

static void refresh_states (ZhiEligibilityPage *self);
static void sync_answers (ZhiEligibilityPage *self);
static void refresh_evidence (ZhiEligibilityPage *self);
static void focus_id (ZhiEligibilityPage *self, const char *id);

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->id);
  g_free (rule->mark);
  g_free (rule);
}

static void
gate_free (gpointer data)
{
  Gate *gate = data;

  g_free (gate->gate_id);
  g_free (gate);
}

static Rule *
lookup_rule (ZhiEligibilityPage *self, const char *id)
{
  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);

      if (g_strcmp0 (rule->id, id) == 0)
        return rule;
    }
  return NULL;
}

static Gate *
lookup_gate (ZhiEligibilityPage *self, const char *id)
{
  for (guint i = 0; i < self->gates->len; i++)
    {
      Gate *gate = g_ptr_array_index (self->gates, i);

      if (g_strcmp0 (gate->gate_id, id) == 0 || g_strcmp0 (gate->indicator->id, id) == 0)
        return gate;
    }
  return NULL;
}

static void
set_accessible_label (GtkWidget *widget, const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static AdwActionRow *
plain_row_new (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return ADW_ACTION_ROW (row);
}

static void
set_state_icon (GtkImage *icon, ZhiRuleState state, gboolean decides)
{
  const char *name = state == ZHI_RULE_MET                  ? "emblem-ok-symbolic"
                     : state == ZHI_RULE_NOT_MET && decides ? "dialog-error-symbolic"
                     : state == ZHI_RULE_NOT_MET            ? "dialog-warning-symbolic"
                                                            : "dialog-question-symbolic";
  const char *css = state == ZHI_RULE_MET                  ? "success"
                    : state == ZHI_RULE_NOT_MET && decides ? "error"
                    : state == ZHI_RULE_NOT_MET            ? "warning"
                                                           : "dim-label";

  zhi_status_icon_set (icon, name, css, NULL); /* the row's subtitle says the state */
}

/* A given answer stands out: the one for the enterprise in the accent colour, the one against
 * it in red; "not answered" stays plain. */
static void
style_toggles (Rule *rule)
{
  gboolean exclusion = rule->kind == ZHI_RULE_KIND_EXCLUSION;
  GtkToggleButton *good = exclusion ? rule->no : rule->yes;
  GtkToggleButton *bad = exclusion ? rule->yes : rule->no;

  gtk_widget_remove_css_class (GTK_WIDGET (good), "suggested-action");
  gtk_widget_remove_css_class (GTK_WIDGET (bad), "destructive-action");
  if (gtk_toggle_button_get_active (good))
    gtk_widget_add_css_class (GTK_WIDGET (good), "suggested-action");
  if (gtk_toggle_button_get_active (bad))
    gtk_widget_add_css_class (GTK_WIDGET (bad), "destructive-action");
}

/* ---- writing answers ----------------------------------------------------------------------- */

static gboolean
can_write (ZhiEligibilityPage *self)
{
  return zhi_page_get_project (ZHI_PAGE (self)) != NULL && !self->syncing;
}

static void
answers_changed (ZhiEligibilityPage *self, const char *id)
{
  self->writing = TRUE;
  zhi_project_answers_changed (zhi_page_get_project (ZHI_PAGE (self)), id);
  self->writing = FALSE;
}

static void
answer_toggled_cb (GtkToggleButton *button, Rule *rule)
{
  ZhiEligibilityPage *self = rule->page;
  ZhiAnswers *answers;

  if (!gtk_toggle_button_get_active (button) || !can_write (self))
    return;
  answers = zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self)));
  if (button == rule->none)
    zhi_answers_clear (answers, rule->id);
  else
    zhi_answers_set_bool (answers, rule->id, button == rule->yes);
  answers_changed (self, rule->id);
  style_toggles (rule);
}

static void
note_changed_cb (GtkEditable *editable, Rule *rule)
{
  ZhiEligibilityPage *self = rule->page;
  const char *text = gtk_editable_get_text (editable);
  const char *old;

  if (!can_write (self))
    return;
  old = zhi_answers_get_note (zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self))),
                              rule->id);
  if (g_strcmp0 (old != NULL ? old : "", text) == 0)
    return;
  zhi_answers_set_note (zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self))), rule->id,
                        *text != '\0' ? text : NULL);
  answers_changed (self, rule->id);
}

/* "" → empty; a whole number 0..100,000 (read by zhi-number.h) → the count; else FALSE. */
static gboolean
parse_count (const char *text, gboolean *empty, gint64 *count)
{
  double value = 0;
  ZhiNumberState state = zhi_number_parse (text, &value);

  *empty = state == ZHI_NUMBER_EMPTY;
  if (*empty)
    return TRUE;
  if (state != ZHI_NUMBER_VALID || value != floor (value) || value < 0 || value > 100000)
    return FALSE;
  *count = (gint64)value;
  return TRUE;
}

static void
count_changed_cb (GtkEditable *editable, Gate *gate)
{
  ZhiEligibilityPage *self = gate->page;
  ZhiAnswers *answers;
  gboolean empty = FALSE;
  gint64 count = 0;

  gboolean valid = parse_count (gtk_editable_get_text (editable), &empty, &count);

  /* Text that is no number counts as no answer (and is marked). */
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  if (!can_write (self))
    return;
  answers = zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self)));
  if (empty || !valid)
    zhi_answers_clear (answers, gate->indicator->id);
  else
    zhi_answers_set_count (answers, gate->indicator->id, count);
  answers_changed (self, gate->indicator->id);
}

static void
level_selected_cb (GtkDropDown *drop_down, GParamSpec *pspec, Gate *gate)
{
  ZhiEligibilityPage *self = gate->page;
  guint selected = gtk_drop_down_get_selected (drop_down);
  ZhiAnswers *answers;

  if (!can_write (self))
    return;
  answers = zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self)));
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    zhi_answers_clear (answers, gate->indicator->id);
  else
    {
      const ZhiLevel *level = g_ptr_array_index (gate->indicator->levels, selected - 1);

      zhi_answers_set_level (answers, gate->indicator->id, level->id);
    }
  answers_changed (self, gate->indicator->id);
}

/* ---- evidence ------------------------------------------------------------------------------ */

static void
refresh_evidence (ZhiEligibilityPage *self)
{
  for (guint i = 0; i < self->rules->len; i++)
    zhi_rule_evidence_row_refresh (((Rule *)g_ptr_array_index (self->rules, i))->evidence_row);
}

/* ---- building ------------------------------------------------------------------------------ */

static GtkToggleButton *
answer_button_new (
    Rule *rule, GtkWidget *box, GtkToggleButton *group, const char *label, const char *accessible)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  set_accessible_label (button, accessible);
  g_signal_connect (button, "toggled", G_CALLBACK (answer_toggled_cb), rule);
  gtk_box_append (GTK_BOX (box), button);
  return GTK_TOGGLE_BUTTON (button);
}

static GtkWidget *
rule_group_new (ZhiEligibilityPage *self,
                ZhiRuleKind kind,
                const char *id,
                const char *mark,
                const ZhiText *short_name,
                const ZhiText *text,
                GPtrArray *checks,
                gboolean required)
{
  Rule *rule = g_new0 (Rule, 1);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = g_strdup_printf ("%s%s", mark, zhi_text_get (short_name));
  g_autofree char *kind_name = kind == ZHI_RULE_KIND_CONDITION
                                   ? g_strdup_printf (_ ("Condition %s"), mark)
                                   : g_strdup_printf (_ ("Exclusion %s"), mark);
  gboolean condition = kind == ZHI_RULE_KIND_CONDITION;
  GtkWidget *answer_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  rule->page = self;
  rule->id = g_strdup (id);
  rule->mark = g_strdup (mark);
  rule->kind = kind;
  rule->group = outer;
  g_ptr_array_add (self->rules, rule);

  /* Own heading labels: a group's title does not wrap in libadwaita 1.2 (and is markup). */
  {
    GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *heading = gtk_label_new (title);
    GtkWidget *wording = gtk_label_new (zhi_text_get (text));

    gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_widget_set_hexpand (heading, TRUE);
    gtk_widget_add_css_class (heading, "heading");
    gtk_box_append (GTK_BOX (header), heading);
    if (!required)
      {
        GtkWidget *tag = gtk_label_new (_ ("Encouraged"));

        gtk_widget_add_css_class (tag, "zhi-tag");
        gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (tag, _ ("Encouraged: reported, but it does not decide "
                                             "eligibility."));
        gtk_box_append (GTK_BOX (header), tag);
      }
    gtk_box_append (GTK_BOX (outer), header);
    gtk_label_set_wrap (GTK_LABEL (wording), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (wording), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_xalign (GTK_LABEL (wording), 0);
    gtk_label_set_selectable (GTK_LABEL (wording), TRUE);
    /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
     * the focus from Tab even when not focusable, which trapped Tab in the field above */
    gtk_widget_set_focusable (wording, FALSE);
    gtk_widget_set_can_focus (wording, FALSE);
    gtk_widget_add_css_class (wording, "dim-label");
    gtk_widget_set_margin_bottom (wording, 6);
    gtk_box_append (GTK_BOX (outer), wording);
    gtk_box_append (GTK_BOX (outer), group);
  }

  /* The answer: three linked toggle buttons below the question, one of them always active;
   * stacked so that they fit a narrow window too. */
  gtk_widget_add_css_class (answer_box, "linked");
  gtk_box_set_homogeneous (GTK_BOX (answer_box), TRUE);
  {
    g_autofree char *a_yes = g_strdup_printf (
        condition ? _ ("%s: the enterprise meets it") : _ ("%s: yes, it applies"), kind_name);
    g_autofree char *a_no = g_strdup_printf (condition ? _ ("%s: the enterprise does not meet it")
                                                       : _ ("%s: no, it does not apply"),
                                             kind_name);
    g_autofree char *a_none = g_strdup_printf (_ ("%s: not answered"), kind_name);

    rule->yes = answer_button_new (rule, answer_box, NULL,
                                   condition ? _ ("Meets It") : _ ("Yes, Applies"), a_yes);
    rule->no
        = answer_button_new (rule, answer_box, rule->yes,
                             condition ? _ ("Does Not Meet") : C_ ("exclusion answer", "No"), a_no);
    rule->none = answer_button_new (rule, answer_box, rule->yes, _ ("Not Answered"), a_none);
    gtk_toggle_button_set_active (rule->none, TRUE);
  }
  {
    /* an AdwPreferencesRow, or the group would put it below its list */
    GtkWidget *row = adw_preferences_row_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *question
        = gtk_label_new (!condition ? _ ("Does this apply to the enterprise?")
                         : required ? _ ("Does the enterprise meet this condition?")
                                    : _ ("Does the enterprise do so? This is encouraged: the "
                                         "answer does not decide eligibility."));

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    gtk_widget_set_focusable (row, FALSE);
    gtk_widget_set_margin_top (box, 12);
    gtk_widget_set_margin_bottom (box, 12);
    gtk_widget_set_margin_start (box, 12);
    gtk_widget_set_margin_end (box, 12);
    gtk_label_set_wrap (GTK_LABEL (question), TRUE);
    gtk_label_set_xalign (GTK_LABEL (question), 0);
    gtk_box_append (GTK_BOX (box), question);
    if (!condition)
      {
        GtkWidget *hint = gtk_label_new (_ ("“Yes” means the enterprise may not apply."));

        gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
        gtk_label_set_xalign (GTK_LABEL (hint), 0);
        gtk_widget_add_css_class (hint, "caption");
        gtk_widget_add_css_class (hint, "dim-label");
        gtk_box_append (GTK_BOX (box), hint);
      }
    gtk_widget_set_margin_top (answer_box, 6);
    gtk_box_append (GTK_BOX (box), answer_box);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                   gtk_label_get_text (GTK_LABEL (question)));
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (question)), -1);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  }

  /* What the user confirms */
  if (checks != NULL && checks->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *count = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u point to check", "%u points to check", checks->len),
          checks->len);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _ ("What You Confirm"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      for (guint i = 0; i < checks->len; i++)
        {
          AdwActionRow *row = plain_row_new (zhi_text_get (g_ptr_array_index (checks, i)), NULL);
          GtkWidget *bullet = gtk_image_new_from_icon_name ("object-select-symbolic");

          gtk_widget_add_css_class (bullet, "dim-label");
          adw_action_row_add_prefix (row, bullet);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), GTK_WIDGET (row));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }

  /* Condition （一） also needs the credit code, entered on the enterprise page. */
  if (g_str_equal (id, "cond-1"))
    {
      GtkWidget *button = gtk_button_new_with_label (_ ("Edit…"));

      rule->credit_row = plain_row_new (_ ("Unified Social Credit Code"), NULL);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "view.show-step");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "enterprise#credit-code");
      set_accessible_label (button, _ ("Edit the unified social credit code"));
      adw_action_row_add_suffix (rule->credit_row, button);
      rule->credit_button = button;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (rule->credit_row));
    }

  /* The live state and reason */
  rule->state_row = plain_row_new ("", NULL);
  rule->state_icon = GTK_IMAGE (gtk_image_new ());
  adw_action_row_add_prefix (rule->state_row, GTK_WIDGET (rule->state_icon));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (rule->state_row));

  /* Note */
  rule->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rule->note_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rule->note_row), _ ("Note"));
  {
    g_autofree char *label = g_strdup_printf (_ ("%s: note"), kind_name);

    set_accessible_label (GTK_WIDGET (rule->note_row), label);
  }
  g_signal_connect (rule->note_row, "changed", G_CALLBACK (note_changed_cb), rule);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (rule->note_row));

  /* Evidence */
  {
    g_autofree char *label = g_strdup_printf (_ ("%s: link evidence"), kind_name);

    rule->evidence_row = ZHI_RULE_EVIDENCE_ROW (zhi_rule_evidence_row_new (id, label));
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (rule->evidence_row));

  /* Condition （四）: the figures it rests on, filled in once the track is known (build_kpis) */
  if (g_str_equal (id, "cond-4"))
    {
      self->kpi_section = ZHI_KPI_SECTION (zhi_kpi_section_new ());
      gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->kpi_section));
    }

  return outer;
}

static void
build_rules (ZhiEligibilityPage *self)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *conds;
  GPtrArray *excls;

  self->conditions = zhi_conditions_load_builtin (&error);
  if (self->conditions == NULL)
    {
      g_warning ("conditions: %s", error->message);
      return;
    }
  conds = zhi_conditions_get_conditions (self->conditions);
  for (guint i = 0; i < conds->len; i++)
    {
      const ZhiCondition *cond = g_ptr_array_index (conds, i);

      gtk_box_append (self->conditions_box,
                      rule_group_new (self, ZHI_RULE_KIND_CONDITION, cond->id, cond->mark,
                                      &cond->short_name, &cond->text, cond->checks,
                                      cond->required));
      /* （五）'s second half, encouragement: shown on its own, answered on its own, never
       * deciding */
      if (cond->encouraged != NULL)
        gtk_box_append (self->conditions_box,
                        rule_group_new (self, ZHI_RULE_KIND_CONDITION, cond->encouraged->id,
                                        cond->mark, &cond->encouraged->short_name,
                                        &cond->encouraged->text, cond->encouraged->checks, FALSE));
    }
  excls = zhi_conditions_get_exclusions (self->conditions);
  for (guint i = 0; i < excls->len; i++)
    {
      const ZhiExclusion *excl = g_ptr_array_index (excls, i);

      gtk_box_append (self->exclusions_box,
                      rule_group_new (self, ZHI_RULE_KIND_EXCLUSION, excl->id, excl->mark,
                                      &excl->short_name, &excl->text, NULL, TRUE));
    }
}

static const char *
track_name (const char *track)
{
  const char *title = zhi_track_get_title (track);

  return title != NULL ? title : "";
}

/* The input of a track indicator (count entry, level drop-down), or NULL. */
static GtkWidget *
track_control_new (Gate *gate)
{
  const ZhiIndicator *indicator = gate->indicator;
  GtkWidget *control = NULL;

  if (indicator->kind == ZHI_INDICATOR_COUNT && indicator->derived == NULL)
    {
      control = gtk_entry_new ();
      gtk_entry_set_input_purpose (GTK_ENTRY (control), GTK_INPUT_PURPOSE_DIGITS);
      gtk_editable_set_width_chars (GTK_EDITABLE (control), 5);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (control), 5);
      gtk_entry_set_placeholder_text (GTK_ENTRY (control), "—");
      gtk_editable_set_alignment (GTK_EDITABLE (control), 1.0);
      g_signal_connect (control, "changed", G_CALLBACK (count_changed_cb), gate);
    }
  else if (indicator->kind == ZHI_INDICATOR_LEVEL && indicator->levels != NULL)
    {
      g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

      gtk_string_list_append (names, _ ("Not chosen"));
      for (guint i = 0; i < indicator->levels->len; i++)
        gtk_string_list_append (
            names, zhi_text_get (&((ZhiLevel *)g_ptr_array_index (indicator->levels, i))->name));
      control = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
      g_signal_connect (control, "notify::selected", G_CALLBACK (level_selected_cb), gate);
    }
  if (control != NULL)
    {
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      set_accessible_label (control, zhi_text_get (&indicator->label));
    }
  return control;
}

static void
clear_gates (ZhiEligibilityPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->gates_box))) != NULL)
    gtk_box_remove (self->gates_box, child);
  g_ptr_array_set_size (self->gates, 0);
}

static void
build_gates (ZhiEligibilityPage *self, ZhiStandard *standard)
{
  GtkWidget *group;
  GPtrArray *gates;
  GPtrArray *track_indicators;
  g_autoptr (GHashTable) gated = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *heading = NULL;
  gboolean any_other = FALSE;

  clear_gates (self);
  g_set_object (&self->standard, standard);
  self->gates_built = TRUE;
  if (self->kpi_section != NULL)
    zhi_kpi_section_build (self->kpi_section, standard, zhi_page_get_project (ZHI_PAGE (self)));
  if (standard == NULL)
    {
      AdwActionRow *row = plain_row_new (_ ("No track chosen yet"),
                                         _ ("The gates depend on what you apply for: a digital "
                                            "workshop or a smart factory."));
      GtkWidget *button = gtk_button_new_with_label (_ ("Choose…"));

      gtk_label_set_text (self->gates_heading, _ ("Gates of the Track"));
      gtk_label_set_text (self->gates_description,
                          _ ("Each track has gates that must be met whatever the score."));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "view.show-step");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "enterprise#track");
      set_accessible_label (button, _ ("Choose the track"));
      adw_action_row_add_suffix (row, button);
      group = adw_preferences_group_new ();
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
      gtk_box_append (self->gates_box, group);
      return;
    }

  /* Translators: %s is the track, e.g. "Digital Workshop" */
  heading = g_strdup_printf (_ ("Gates of the %s"), track_name (zhi_standard_get_id (standard)));
  gtk_label_set_text (self->gates_heading, heading);
  gtk_label_set_text (self->gates_description,
                      _ ("Each gate must be met whatever the score: one that fails makes the "
                         "application not eligible."));

  group = adw_preferences_group_new ();
  gates = zhi_standard_get_gates (standard);
  for (guint i = 0; i < gates->len; i++)
    {
      const ZhiGate *zgate = g_ptr_array_index (gates, i);
      const ZhiIndicator *indicator = zgate->indicator;
      Gate *gate = g_new0 (Gate, 1);
      GtkWidget *control = NULL;

      gate->page = self;
      gate->gate_id = g_strdup (zgate->id);
      gate->indicator = indicator;
      g_ptr_array_add (self->gates, gate);
      g_hash_table_add (gated, indicator->id);

      gate->row = plain_row_new (zhi_text_get (&zgate->text), NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (gate->row), zhi_text_get (&zgate->source));
      gate->icon = GTK_IMAGE (gtk_image_new ());
      adw_action_row_add_prefix (gate->row, GTK_WIDGET (gate->icon));

      if (indicator->criterion != NULL)
        {
          g_autofree char *label
              = g_strdup_printf (_ ("Criterion %d"), indicator->criterion->number);
          g_autofree char *a11y
              = g_strdup_printf (_ ("Open criterion %d, %s"), indicator->criterion->number,
                                 zhi_text_get (&indicator->criterion->title));
          g_autofree char *target
              = g_strdup_printf ("criterion:%s#%s", indicator->criterion->id, indicator->id);

          control = gtk_button_new_with_label (label);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (control), "view.show-step");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (control), "s", target);
          gtk_widget_set_tooltip_text (control, a11y);
          set_accessible_label (control, a11y);
        }
      else if (g_strcmp0 (indicator->derived, "scenarios") == 0)
        {
          control = gtk_button_new_with_label (_ ("Edit Scenarios…"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (control), "view.show-step");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (control), "s", "enterprise#scenarios");
          set_accessible_label (control, _ ("Edit the application scenarios"));
        }
      else
        control = track_control_new (gate);
      if (control != NULL)
        {
          gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (gate->row, control);
          gate->control = control;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (gate->row));
    }
  if (gates->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               GTK_WIDGET (plain_row_new (_ ("This track has no gates"), NULL)));
  gtk_box_append (self->gates_box, group);

  /* The track's other indicators (the optional CMMM level) */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ ("More About the Track"));
  track_indicators = zhi_standard_get_track_indicators (standard);
  for (guint i = 0; i < track_indicators->len; i++)
    {
      const ZhiIndicator *indicator = g_ptr_array_index (track_indicators, i);
      Gate *gate;
      GtkWidget *control;

      if (g_hash_table_contains (gated, indicator->id))
        continue;
      gate = g_new0 (Gate, 1);
      gate->page = self;
      gate->indicator = indicator;
      g_ptr_array_add (self->gates, gate);
      gate->row = plain_row_new (zhi_text_get (&indicator->label), zhi_text_get (&indicator->help));
      control = track_control_new (gate);
      if (control != NULL)
        {
          adw_action_row_add_suffix (gate->row, control);
          gate->control = control;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (gate->row));
      any_other = TRUE;
    }
  if (any_other)
    gtk_box_append (self->gates_box, group);
  else
    {
      g_object_ref_sink (group);
      g_object_unref (group);
    }
}

/* ---- showing the project ------------------------------------------------------------------- */

static void
sync_toggles (Rule *rule, const ZhiAnswers *answers)
{
  gboolean value = FALSE;
  GtkToggleButton *active;

  if (!zhi_answers_get_bool (answers, rule->id, &value))
    active = rule->none;
  else
    active = value ? rule->yes : rule->no;
  if (!gtk_toggle_button_get_active (active))
    gtk_toggle_button_set_active (active, TRUE);
  style_toggles (rule);
}

/* Controls from the project's answers (on load and on changes made elsewhere). */
static void
sync_answers (ZhiEligibilityPage *self)
{
  ZhiAnswers *answers;

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  answers = zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self)));
  self->syncing = TRUE;
  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);
      const char *note = zhi_answers_get_note (answers, rule->id);

      sync_toggles (rule, answers);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (rule->note_row)),
                     note != NULL ? note : "")
          != 0)
        gtk_editable_set_text (GTK_EDITABLE (rule->note_row), note != NULL ? note : "");
    }
  for (guint i = 0; i < self->gates->len; i++)
    {
      Gate *gate = g_ptr_array_index (self->gates, i);

      if (GTK_IS_ENTRY (gate->control))
        {
          gint64 stored = 0;
          gint64 shown = 0;
          gboolean empty = FALSE;
          gboolean has = zhi_answers_get_count (answers, gate->indicator->id, &stored);
          gboolean valid
              = parse_count (gtk_editable_get_text (GTK_EDITABLE (gate->control)), &empty, &shown);

          if (valid ? (has ? empty || shown != stored : !empty) : has)
            {
              g_autofree char *text = has ? g_strdup_printf ("%" G_GINT64_FORMAT, stored) : NULL;

              gtk_editable_set_text (GTK_EDITABLE (gate->control), text != NULL ? text : "");
              gtk_widget_remove_css_class (gate->control, "error");
            }
        }
      else if (GTK_IS_DROP_DOWN (gate->control))
        {
          int index = zhi_indicator_level_index (
              gate->indicator, zhi_answers_get_level (answers, gate->indicator->id));

          if (gtk_drop_down_get_selected (GTK_DROP_DOWN (gate->control)) != (guint)(index + 1))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (gate->control), index + 1);
        }
    }
  self->syncing = FALSE;
}

/* What follows the rule's own wording in its reason (the credit code, the KPIs …), or NULL. */
static const char *
reason_details (const ZhiRuleResult *result)
{
  g_autofree char *wording = g_strconcat (result->mark, result->text, NULL);
  const char *at = strstr (result->reason, wording);

  if (at == NULL)
    return result->reason;
  at += strlen (wording);
  while (*at == ' ')
    at++;
  return *at != '\0' ? at : NULL;
}

static const char *
state_title (const ZhiRuleResult *result)
{
  if (result->kind == ZHI_RULE_KIND_EXCLUSION)
    switch (result->state)
      {
        case ZHI_RULE_MET:
          return _ ("Does not apply");
        case ZHI_RULE_NOT_MET:
          return _ ("Applies: the enterprise may not apply");
        case ZHI_RULE_UNANSWERED:
        default:
          return _ ("Not answered yet");
      }
  switch (result->state)
    {
      case ZHI_RULE_MET:
        if (!result->decides)
          return _ ("Encouraged: the enterprise does so");
        return result->kind == ZHI_RULE_KIND_GATE ? _ ("Met") : _ ("Condition met");
      case ZHI_RULE_NOT_MET:
        return result->decides ? _ ("Not met") : _ ("Not met (encouraged only)");
      case ZHI_RULE_UNANSWERED:
      default:
        return _ ("Not answered yet");
    }
}

static void
attention_activated_cb (AdwActionRow *row, ZhiEligibilityPage *self)
{
  guint index;

  if (g_ptr_array_find (self->attention, row, &index))
    focus_id (self, g_ptr_array_index (self->attention_ids, index));
}

static void
refresh_verdict (ZhiEligibilityPage *self, ZhiEligibility *eligibility)
{
  const char *css = eligibility->verdict == ZHI_VERDICT_ELIGIBLE     ? "success"
                    : eligibility->verdict == ZHI_VERDICT_INCOMPLETE ? "warning"
                                                                     : "error";
  const char *icon = eligibility->verdict == ZHI_VERDICT_ELIGIBLE     ? "emblem-ok-symbolic"
                     : eligibility->verdict == ZHI_VERDICT_INCOMPLETE ? "dialog-warning-symbolic"
                                                                      : "dialog-error-symbolic";
  g_autoptr (GPtrArray) failing = zhi_eligibility_list (eligibility, ZHI_RULE_NOT_MET);
  g_autoptr (GPtrArray) missing = zhi_eligibility_list (eligibility, ZHI_RULE_UNANSWERED);
  g_autofree char *count = NULL;
  g_autoptr (GPtrArray) open = NULL;
  guint n, n_failing, n_missing;

  gtk_label_set_text (self->verdict_title, zhi_verdict_to_label (eligibility->verdict));
  if (eligibility->verdict == ZHI_VERDICT_ELIGIBLE)
    gtk_label_set_text (self->verdict_summary,
                        self->standard != NULL
                            ? _ ("Every deciding condition is met, no exclusion applies and the "
                                 "track’s gates are met.")
                            : _ ("Every deciding condition is met and no exclusion applies."));
  else
    {
      /* Every failing rule by name, or (when none fails) everything still unanswered */
      GPtrArray *list = failing->len > 0 ? failing : missing;
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (names, zhi_names_rule (g_ptr_array_index (list, i)));
      g_ptr_array_add (names, NULL);
      joined = g_strjoinv (_ ("; "), (char **)names->pdata);
      /* What is not met is named here; what is still to answer shrinks as one answers, so it
       * is listed once, in the fixed place below (a count with an expander), not here. */
      text = failing->len > 0
                 ? g_strdup_printf (_ ("Not met: %s."), joined)
                 : g_strdup (_ ("Answer the questions under “What Needs Attention” below."));
      gtk_label_set_text (self->verdict_summary, text);
    }
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  for (guint i = 0; i < 3; i++)
    {
      const char *classes[] = { "success", "warning", "error" };
      g_autofree char *box_class = g_strconcat ("zhi-verdict-", classes[i], NULL);

      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_title), classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_box), box_class);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_title), css);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css);
  {
    g_autofree char *box_class = g_strconcat ("zhi-verdict-", css, NULL);

    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_box), box_class);
  }

  /* Every failing and missing rule, each a way to get there */
  for (guint i = 0; i < self->attention->len; i++)
    adw_expander_row_remove (self->attention_row, g_ptr_array_index (self->attention, i));
  g_ptr_array_set_size (self->attention, 0);
  g_ptr_array_set_size (self->attention_ids, 0);
  /* …from the step's open items, the list the sidebar badge counts */
  open = zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL ? zhi_evaluation_list_open_items (
             zhi_page_get_evaluation (ZHI_PAGE (self)), "eligibility")
                                                           : g_ptr_array_new ();
  n = open->len;
  n_failing = n_missing = 0;
  {
    for (guint i = 0; i < open->len; i++)
      {
        const ZhiProblem *problem = g_ptr_array_index (open, i);
        const ZhiRuleResult *result = zhi_eligibility_lookup (eligibility, problem->field);
        Gate *gate;

        /* a gate's item names its indicator */
        if (result == NULL && problem->field != NULL
            && (gate = lookup_gate (self, problem->field)) != NULL)
          result = zhi_eligibility_lookup (eligibility, gate->gate_id);
        g_autofree char *name = NULL;

        if (result == NULL)
          continue;
        name = zhi_names_rule (result);
        if (result->state == ZHI_RULE_NOT_MET)
          n_failing++;
        else
          n_missing++;
        AdwActionRow *row = plain_row_new (name, state_title (result));
        GtkWidget *state = gtk_image_new ();

        set_state_icon (GTK_IMAGE (state), result->state, TRUE);
        adw_action_row_add_prefix (row, state);
        adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        g_signal_connect (row, "activated", G_CALLBACK (attention_activated_cb), self);
        adw_expander_row_add_row (self->attention_row, GTK_WIDGET (row));
        g_ptr_array_add (self->attention, row);
        g_ptr_array_add (self->attention_ids, g_strdup (result->id));
      }
  }
  if (n_failing > 0 && n_missing > 0)
    count = g_strdup_printf (_ ("%u not met, %u still to answer"), n_failing, n_missing);
  else if (n_failing > 0)
    count = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u rule not met", "%u rules not met", n_failing), n_failing);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question still to answer",
                                          "%u questions still to answer", n_missing),
                             n_missing);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->attention_row),
                                 _ ("What Needs Attention"));
  adw_expander_row_set_subtitle (self->attention_row, count);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_list), n > 0);
}

/* States, reasons and the verdict, from the evaluation. */
static void
refresh_states (ZhiEligibilityPage *self)
{
  ZhiEligibility *eligibility;
  ZhiScore *score;

  if (zhi_page_get_evaluation (ZHI_PAGE (self)) == NULL)
    return;
  if (zhi_evaluation_get_standard (zhi_page_get_evaluation (ZHI_PAGE (self))) != self->standard
      || !self->gates_built)
    {
      build_gates (self, zhi_evaluation_get_standard (zhi_page_get_evaluation (ZHI_PAGE (self))));
      sync_answers (self);
    }
  eligibility = zhi_evaluation_get_eligibility (zhi_page_get_evaluation (ZHI_PAGE (self)));
  score = zhi_evaluation_get_score (zhi_page_get_evaluation (ZHI_PAGE (self)));
  if (eligibility == NULL)
    return;
  refresh_verdict (self, eligibility);

  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);
      const ZhiRuleResult *result = zhi_eligibility_lookup (eligibility, rule->id);
      const char *details;

      if (result == NULL)
        continue;
      details = reason_details (result);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rule->state_row), state_title (result));
      adw_action_row_set_subtitle (rule->state_row, details != NULL ? details : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (rule->state_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, result->reason, -1);
      set_state_icon (rule->state_icon, result->state, result->decides);
      if (rule->credit_row != NULL)
        {
          /* The code only: the state row below says what it means for the condition. */
          const char *code
              = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                    ? zhi_project_get_credit_code (zhi_page_get_project (ZHI_PAGE (self)))
                    : "";

          adw_action_row_set_subtitle (rule->credit_row,
                                       *code != '\0' ? code : _ ("Not entered yet"));
        }
    }

  for (guint i = 0; i < self->gates->len; i++)
    {
      Gate *gate = g_ptr_array_index (self->gates, i);
      const ZhiIndicatorResult *ir
          = score != NULL ? zhi_score_lookup_indicator (score, gate->indicator->id) : NULL;

      if (gate->gate_id != NULL)
        {
          const ZhiRuleResult *result = zhi_eligibility_lookup (eligibility, gate->gate_id);
          g_autofree char *subtitle = NULL;

          if (result == NULL)
            continue;
          subtitle = ir != NULL && ir->detail != NULL && *ir->detail != '\0'
                         ? g_strdup_printf ("%s · %s", state_title (result), ir->detail)
                         : g_strdup (state_title (result));
          adw_action_row_set_subtitle (gate->row, subtitle);
          gtk_accessible_update_property (GTK_ACCESSIBLE (gate->row),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, result->reason, -1);
          set_state_icon (gate->icon, result->state, TRUE);
        }
    }
}

static void
evaluation_updated_cb (ZhiEligibilityPage *self)
{
  refresh_states (self);
}

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiEligibilityPage *self)
{
  if (g_strcmp0 (what, "answers") == 0)
    {
      if (!self->writing)
        sync_answers (self);
      if (self->kpi_section != NULL)
        zhi_kpi_section_refresh (self->kpi_section);
    }
  else if (g_strcmp0 (what, "evidence") == 0)
    refresh_evidence (self);
}

/* ---- focus --------------------------------------------------------------------------------- */

static gboolean
scroll_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ZhiEligibilityPage *self = ZHI_ELIGIBILITY_PAGE (widget);
  /* the scrolled window is the template's top widget; AdwBin owns it, so it is not bound */
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
  GtkWidget *viewport = gtk_scrolled_window_get_child (scrolled);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  graphene_point_t point;

  self->scroll_tick = 0;
  if (self->scroll_target != NULL
      && gtk_widget_compute_point (self->scroll_target, viewport, &GRAPHENE_POINT_INIT (0, 0),
                                   &point))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
  g_clear_weak_pointer (&self->scroll_target);
  return G_SOURCE_REMOVE;
}

static void
scroll_to (ZhiEligibilityPage *self, GtkWidget *target)
{
  g_set_weak_pointer (&self->scroll_target, target);
  if (self->scroll_tick == 0)
    self->scroll_tick
        = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);
}

static void
focus_id (ZhiEligibilityPage *self, const char *id)
{
  GtkWidget *control = zhi_eligibility_page_get_control (self, id, NULL);
  Rule *rule = lookup_rule (self, id);

  if (rule == NULL && g_strcmp0 (id, "credit-code") == 0)
    rule = lookup_rule (self, "cond-1");
  if (control == NULL)
    return;
  scroll_to (self, rule != NULL ? rule->group : control);
  gtk_widget_grab_focus (control);
}

static gboolean
zhi_eligibility_page_focus_field (ZhiPage *page, const char *id)
{
  focus_id (ZHI_ELIGIBILITY_PAGE (page), id);
  return TRUE;
}

/* ---- public -------------------------------------------------------------------------------- */

GtkWidget *
zhi_eligibility_page_get_control (ZhiEligibilityPage *self, const char *id, const char *which)
{
  Rule *rule;
  Gate *gate;
  GtkWidget *control;

  g_return_val_if_fail (ZHI_IS_ELIGIBILITY_PAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (g_str_equal (id, "credit-code"))
    {
      rule = lookup_rule (self, "cond-1");
      return rule != NULL ? rule->credit_button : NULL;
    }
  if ((rule = lookup_rule (self, id)) != NULL)
    {
      GtkToggleButton *active = gtk_toggle_button_get_active (rule->yes)  ? rule->yes
                                : gtk_toggle_button_get_active (rule->no) ? rule->no
                                                                          : rule->none;

      if (g_strcmp0 (which, "yes") == 0)
        return GTK_WIDGET (rule->yes);
      if (g_strcmp0 (which, "no") == 0)
        return GTK_WIDGET (rule->no);
      if (g_strcmp0 (which, "none") == 0)
        return GTK_WIDGET (rule->none);
      if (g_strcmp0 (which, "note") == 0)
        return GTK_WIDGET (rule->note_row);
      if (g_strcmp0 (which, "evidence") == 0)
        return zhi_rule_evidence_row_get_button (rule->evidence_row);
      return GTK_WIDGET (active);
    }
  if (self->kpi_section != NULL
      && (control = zhi_kpi_section_get_control (self->kpi_section, id, which)) != NULL)
    return control;
  if ((gate = lookup_gate (self, id)) != NULL)
    return gate->control != NULL ? gate->control : GTK_WIDGET (gate->row);
  return NULL;
}

guint
zhi_eligibility_page_get_n_open_items (ZhiEligibilityPage *self)
{
  g_return_val_if_fail (ZHI_IS_ELIGIBILITY_PAGE (self), 0);
  return self->attention->len;
}

const char *
zhi_eligibility_page_get_verdict_title (ZhiEligibilityPage *self)
{
  g_return_val_if_fail (ZHI_IS_ELIGIBILITY_PAGE (self), NULL);
  return gtk_label_get_text (self->verdict_title);
}

const char *
zhi_eligibility_page_get_verdict_summary (ZhiEligibilityPage *self)
{
  g_return_val_if_fail (ZHI_IS_ELIGIBILITY_PAGE (self), NULL);
  return gtk_label_get_text (self->verdict_summary);
}

static void
zhi_eligibility_page_evaluation_changed (ZhiPage *page, ZhiEvaluation *old_evaluation)
{
  ZhiEligibilityPage *self = ZHI_ELIGIBILITY_PAGE (page);
  ZhiEvaluation *evaluation = zhi_page_get_evaluation (page);

  self->own_evaluation = self->making_own_evaluation;
  if (evaluation != NULL)
    g_signal_connect_object (evaluation, "updated", G_CALLBACK (evaluation_updated_cb), self,
                             G_CONNECT_SWAPPED);
  if (!self->changing_project)
    refresh_states (self);
}

static void
zhi_eligibility_page_project_changed (ZhiPage *page, ZhiProject *old_project)
{
  ZhiEligibilityPage *self = ZHI_ELIGIBILITY_PAGE (page);
  ZhiProject *project = zhi_page_get_project (page);

  self->changing_project = TRUE;
  if (self->own_evaluation)
    zhi_page_set_evaluation (page, NULL);
  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, 0);
      /* Used on its own (no window around it): keep an evaluation of our own. */
      if (zhi_page_get_evaluation (page) == NULL)
        {
          g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);

          self->making_own_evaluation = TRUE;
          zhi_page_set_evaluation (page, evaluation);
          self->making_own_evaluation = FALSE;
        }
    }
  self->changing_project = FALSE;
  if (self->kpi_section != NULL)
    zhi_kpi_section_set_project (self->kpi_section, project);
  for (guint i = 0; i < self->rules->len; i++)
    zhi_rule_evidence_row_set_project (((Rule *)g_ptr_array_index (self->rules, i))->evidence_row,
                                       project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_box), project != NULL);
  sync_answers (self);
  refresh_evidence (self);
  refresh_states (self);
  if (self->kpi_section != NULL)
    zhi_kpi_section_refresh (self->kpi_section);
}

static void
zhi_eligibility_page_dispose (GObject *object)
{
  ZhiEligibilityPage *self = ZHI_ELIGIBILITY_PAGE (object);

  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    g_signal_handlers_disconnect_by_data (zhi_page_get_project (ZHI_PAGE (self)), self);
  if (zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL)
    g_signal_handlers_disconnect_by_data (zhi_page_get_evaluation (ZHI_PAGE (self)), self);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_weak_pointer (&self->scroll_target);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_ELIGIBILITY_PAGE);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->gates, g_ptr_array_unref);
  g_clear_pointer (&self->attention, g_ptr_array_unref);
  g_clear_pointer (&self->attention_ids, g_ptr_array_unref);
  g_clear_object (&self->standard);
  g_clear_object (&self->conditions);
  G_OBJECT_CLASS (zhi_eligibility_page_parent_class)->dispose (object);
}

static void
zhi_eligibility_page_class_init (ZhiEligibilityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_eligibility_page_dispose;
  ZHI_PAGE_CLASS (klass)->project_changed = zhi_eligibility_page_project_changed;
  ZHI_PAGE_CLASS (klass)->evaluation_changed = zhi_eligibility_page_evaluation_changed;
  ZHI_PAGE_CLASS (klass)->focus_field = zhi_eligibility_page_focus_field;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-eligibility-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, verdict_summary);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, attention_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, attention_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, conditions_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, exclusions_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, gates_heading);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, gates_description);
  gtk_widget_class_bind_template_child (widget_class, ZhiEligibilityPage, gates_box);
}

static void
zhi_eligibility_page_init (ZhiEligibilityPage *self)
{
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->gates = g_ptr_array_new_with_free_func (gate_free);
  self->attention = g_ptr_array_new ();
  self->attention_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rules (self);
  build_gates (self, NULL);
  self->gates_built = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->content_box), FALSE);
}

GtkWidget *
zhi_eligibility_page_new (void)
{
  return g_object_new (ZHI_TYPE_ELIGIBILITY_PAGE, NULL);
}
