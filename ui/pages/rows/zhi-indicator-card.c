/* zhi-indicator-card.c — one indicator of a criterion on the criterion page
 *
 * Answers are written to the project as they are typed (nothing typed is lost); whether an
 * indicator is met is app/core's to say (zhi_indicator_evaluate, the evaluation's score).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zhi-indicator-card.h"
#include "zhi-kpi-editor.h"
#include "zhi-number-entry.h"
#include "zhi-number.h"

struct _ZhiIndicatorCard
{
  AdwBin parent_instance;

  const ZhiIndicator *indicator;
  ZhiStandard *standard;
  ZhiProject *project;
  GHashTable *named; /* the page's: name → GtkWidget * (borrowed) */
  char *criterion_id;
  gboolean is_gate;
  gboolean syncing; /* the card is writing the project's values into its widgets */

  GtkWidget *focus; /* what page.focus focuses */
  GtkLabel *points_label;
  GtkImage *status_icon;
  GtkLabel *detail_label;
  GtkLabel *computed_label; /* ratio, kpi, text: computed here, as the user types */
  GtkLabel *error_label;

  GtkToggleButton *toggles[3]; /* check: yes, no, not answered */
  AdwComboRow *combo;          /* level; item 0 is "not answered" */
  GtkEditable *entries[3];     /* ratio: numerator, denominator, benchmark; count: count */
  guint n_entries;
  ZhiKpiEditor *kpi_editor; /* kpi: the editor shared with the eligibility page */
  GtkTextView *text_view;   /* text: the narrative */
  gboolean pending;         /* the entries hold input not written (text that is no number) */
};

G_DEFINE_FINAL_TYPE (ZhiIndicatorCard, zhi_indicator_card, ADW_TYPE_BIN)

/* ---- numbers ------------------------------------------------------------------------------ */

static char *
format_number (double value)
{
  return zhi_number_format (value, 6);
}

/* Equal, or both not filled in (NAN). */
static gboolean
same_number (double a, double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return zhi_number_close (a, b);
}

static void
set_error (GtkWidget *widget, gboolean error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
show_error (ZhiIndicatorCard *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* ---- writing answers ---------------------------------------------------------------------- */

static ZhiAnswers *
answers (ZhiIndicatorCard *self)
{
  return zhi_project_get_answers (self->project);
}

static void
clear_answer (ZhiIndicatorCard *self, const char *id)
{
  if (zhi_answers_get_answer_type (answers (self), id) == ZHI_ANSWER_NONE)
    return;
  zhi_answers_clear (answers (self), id);
  zhi_project_answers_changed (self->project, id);
}

static void
check_toggled_cb (GtkToggleButton *button, ZhiIndicatorCard *self)
{
  const char *id = self->indicator->id;
  gboolean value = FALSE;
  gboolean answered;

  if (self->syncing || self->project == NULL || !gtk_toggle_button_get_active (button))
    return;
  answered = zhi_answers_get_bool (answers (self), id, &value);
  if (button == self->toggles[2])
    clear_answer (self, id);
  else if (!answered || value != (button == self->toggles[0]))
    {
      zhi_answers_set_bool (answers (self), id, button == self->toggles[0]);
      zhi_project_answers_changed (self->project, id);
    }
}

static void
level_selected_cb (AdwComboRow *row, GParamSpec *pspec, ZhiIndicatorCard *self)
{
  const char *id = self->indicator->id;
  guint selected = adw_combo_row_get_selected (row);
  const ZhiLevel *level;

  if (self->syncing || self->project == NULL)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > self->indicator->levels->len)
    {
      clear_answer (self, id);
      return;
    }
  level = g_ptr_array_index (self->indicator->levels, selected - 1);
  if (g_strcmp0 (zhi_answers_get_level (answers (self), id), level->id) == 0)
    return;
  zhi_answers_set_level (answers (self), id, level->id);
  zhi_project_answers_changed (self->project, id);
}

/* Reads the entries: FALSE (with the message shown and the bad entries marked) when one is
 * not a number; *n_empty counts the empty ones. */
static gboolean
read_entries (ZhiIndicatorCard *self, double *values, guint *n_empty)
{
  GtkEditable *bad = NULL;

  *n_empty = 0;
  for (guint i = 0; i < self->n_entries; i++)
    {
      ZhiNumberState state;

      values[i] = NAN;
      state = zhi_number_parse (gtk_editable_get_text (self->entries[i]), &values[i]);
      set_error (GTK_WIDGET (self->entries[i]), state == ZHI_NUMBER_INVALID);
      if (state == ZHI_NUMBER_INVALID && bad == NULL)
        bad = self->entries[i];
      *n_empty += state == ZHI_NUMBER_EMPTY;
    }
  if (bad != NULL)
    {
      /* the message names the field (the entry row's title) */
      g_autofree char *message = g_strdup_printf (
          /* Translators: %s names the field, e.g. 车间设备台（套）总数 */
          _ ("%s: enter a number, such as 12 or 12.5."),
          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (bad)));

      show_error (self, message);
    }
  return bad == NULL;
}

static void
set_computed (ZhiIndicatorCard *self, const char *text, const char *style)
{
  gtk_label_set_text (self->computed_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->computed_label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->computed_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->computed_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->computed_label), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->computed_label), style);
}

/* The ratio as typed: every field written as it is typed, whether or not the others are filled
 * in (nothing typed is lost); the computed ratio shown once it can be computed.  Only text that is
 * no number is not written (it stays in its entry, marked). */
static void
ratio_changed (ZhiIndicatorCard *self, gboolean write)
{
  const ZhiIndicator *indicator = self->indicator;
  double v[3];
  guint n_empty;
  double threshold;
  double ratio;
  double new_bench;
  g_autofree char *ratio_text = NULL;
  g_autofree char *threshold_text = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *problem = NULL;
  const char *numerator = zhi_text_get (&indicator->numerator);
  const char *denominator = zhi_text_get (&indicator->denominator);
  gboolean met;

  self->pending = TRUE;
  if (!read_entries (self, v, &n_empty))
    {
      set_computed (self, NULL, NULL);
      return;
    }
  self->pending = FALSE;
  new_bench = self->n_entries > 2 ? v[2] / 100 : NAN;
  if (write)
    {
      double num = NAN, den = NAN, bench = NAN;

      if (n_empty == self->n_entries)
        clear_answer (self, indicator->id);
      else if (!zhi_answers_get_ratio (answers (self), indicator->id, &num, &den, &bench)
               || !same_number (num, v[0]) || !same_number (den, v[1])
               || !same_number (bench, new_bench))
        {
          zhi_answers_set_ratio (answers (self), indicator->id, v[0], v[1], new_bench);
          zhi_project_answers_changed (self->project, indicator->id);
        }
    }
  if (n_empty == self->n_entries)
    {
      show_error (self, NULL);
      set_computed (self, NULL, NULL);
      return;
    }
  if (!isnan (v[1]) && v[1] <= 0)
    {
      set_error (GTK_WIDGET (self->entries[1]), TRUE);
      /* Translators: %s names the field, e.g. 车间设备台（套）总数 */
      problem = g_strdup_printf (_ ("%s must be more than 0."), denominator);
    }
  else if (!isnan (v[0]) && v[0] < 0)
    {
      set_error (GTK_WIDGET (self->entries[0]), TRUE);
      problem = g_strdup_printf (_ ("%s cannot be negative."), numerator);
    }
  else if (!isnan (v[0]) && !isnan (v[1]) && v[0] > v[1])
    {
      set_error (GTK_WIDGET (self->entries[0]), TRUE);
      /* Translators: "自动化…设备台（套）数不能大于车间设备台（套）总数：前者是后者的一部分。" */
      problem = g_strdup_printf (_ ("%s cannot be larger than %s: it counts part of the same "
                                    "whole."),
                                 numerator, denominator);
    }
  else if (self->n_entries > 2 && !isnan (v[2]) && (v[2] <= 0 || v[2] > 100))
    {
      set_error (GTK_WIDGET (self->entries[2]), TRUE);
      problem = g_strdup (_ ("The industry benchmark is a percentage above 0 and at most 100."));
    }
  show_error (self, problem);
  if (problem != NULL)
    {
      set_computed (self, NULL, NULL);
      return;
    }
  if (n_empty > 0)
    {
      set_computed (self,
                    self->n_entries > 2 ? _ ("Enter both figures and the industry benchmark.")
                                        : _ ("Enter both figures."),
                    NULL);
      return;
    }

  /* whether it is met is app/core's to say, from the figures as typed */
  {
    g_autoptr (ZhiAnswers) typed = zhi_answers_new ();
    ZhiIndicatorResult *result;

    zhi_answers_set_ratio (typed, indicator->id, v[0], v[1], new_bench);
    result = zhi_indicator_evaluate (indicator, typed, 0);
    met = result->met;
    zhi_indicator_result_free (result);
  }
  threshold = self->n_entries > 2 ? v[2] / 100 : indicator->threshold;
  ratio = v[0] / v[1];
  ratio_text = format_number (round (ratio * 1000) / 10);
  threshold_text = format_number (round (threshold * 1000) / 10);
  if (self->n_entries > 2)
    /* Translators: "62% against the industry benchmark of 60%: met" */
    computed = g_strdup_printf (met ? _ ("%s%% against the industry benchmark of %s%%: met")
                                    : _ ("%s%% against the industry benchmark of %s%%: not met"),
                                ratio_text, threshold_text);
  else
    computed = g_strdup_printf (met ? _ ("%s%% against the required %s%%: met")
                                    : _ ("%s%% against the required %s%%: not met"),
                                ratio_text, threshold_text);
  set_computed (self, computed, met ? "success" : "error");
}

static void
count_changed (ZhiIndicatorCard *self, gboolean write)
{
  const char *text = gtk_editable_get_text (self->entries[0]);
  g_autofree char *normal = g_strstrip (g_utf8_normalize (text, -1, G_NORMALIZE_ALL));
  guint64 count = 0;
  gint64 stored = 0;

  self->pending = TRUE;
  if (*normal == '\0')
    {
      self->pending = FALSE;
      set_error (GTK_WIDGET (self->entries[0]), FALSE);
      show_error (self, NULL);
      if (write)
        clear_answer (self, self->indicator->id);
      return;
    }
  if (!g_ascii_string_to_unsigned (normal, 10, 0, G_MAXINT32, &count, NULL))
    {
      set_error (GTK_WIDGET (self->entries[0]), TRUE);
      show_error (self, _ ("Enter a whole number, 0 or more."));
      return;
    }
  self->pending = FALSE;
  set_error (GTK_WIDGET (self->entries[0]), FALSE);
  show_error (self, NULL);
  if (!write
      || (zhi_answers_get_count (answers (self), self->indicator->id, &stored)
          && stored == (gint64)count))
    return;
  zhi_answers_set_count (answers (self), self->indicator->id, (gint64)count);
  zhi_project_answers_changed (self->project, self->indicator->id);
}

static void
entry_changed_cb (GtkEditable *editable, ZhiIndicatorCard *self)
{
  gboolean write = !self->syncing && self->project != NULL;

  switch (self->indicator->kind)
    {
      case ZHI_INDICATOR_RATIO:
        ratio_changed (self, write);
        break;
      case ZHI_INDICATOR_COUNT:
        count_changed (self, write);
        break;
      case ZHI_INDICATOR_CHECK:
      case ZHI_INDICATOR_LEVEL:
      case ZHI_INDICATOR_KPI: /* the KPI editor writes its own fields */
      case ZHI_INDICATOR_TEXT:
      default:
        break;
    }
}

static char *
buffer_get_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The counter counts what the checklist counts: the characters without surrounding blanks.
 * The narrative earns no points; its length range is the tool's advice, and says so. */
static void
update_counter (ZhiIndicatorCard *self, const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  glong chars = g_utf8_strlen (trimmed, -1);
  const ZhiIndicator *indicator = self->indicator;
  g_autofree char *counter = NULL;
  const char *style = "success";

  if (chars == 0)
    {
      counter = g_strdup (_ ("Not written yet: the narrative is required for a final dossier (it "
                             "earns no points)."));
      style = "error";
    }
  else if (chars < indicator->min_chars || chars > indicator->max_chars)
    {
      counter = g_strdup_printf (_ ("%ld characters. This tool suggests %lld to %lld (the tool’s "
                                    "advice, not a rule of the provincial document)."),
                                 chars, (long long)indicator->min_chars,
                                 (long long)indicator->max_chars);
      style = "warning";
    }
  else
    counter = g_strdup_printf (_ ("%ld characters (this tool suggests %lld to %lld)"), chars,
                               (long long)indicator->min_chars, (long long)indicator->max_chars);
  set_computed (self, counter, style);
}

static void
narrative_changed_cb (GtkTextBuffer *buffer, ZhiIndicatorCard *self)
{
  g_autofree char *text = buffer_get_text (buffer);

  update_counter (self, text);
  if (self->syncing || self->project == NULL)
    return;
  if (g_strcmp0 (zhi_project_get_narrative (self->project, self->criterion_id), text) != 0)
    zhi_project_set_narrative (self->project, self->criterion_id, text);
}

/* ---- building ----------------------------------------------------------------------------- */

static void
name_widget (ZhiIndicatorCard *self, const char *id, const char *part, GtkWidget *widget)
{
  g_hash_table_insert (self->named,
                       id != NULL ? g_strconcat (id, ":", part, NULL) : g_strdup (part), widget);
}

GtkWidget *
zhi_wrapped_label_new (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
header_row_new (ZhiIndicatorCard *self)
{
  const ZhiIndicator *indicator = self->indicator;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = zhi_wrapped_label_new (zhi_text_get (&indicator->label), "heading");
  GtkWidget *points = gtk_label_new (NULL);
  const char *help = zhi_text_get (&indicator->help);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_selectable (GTK_LABEL (title), TRUE);
  /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
   * the focus from Tab even when not focusable, which trapped Tab in the field above */
  gtk_widget_set_focusable (title, FALSE);
  gtk_widget_set_can_focus (title, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_box_append (GTK_BOX (top), title);
  gtk_widget_add_css_class (points, "numeric");
  gtk_widget_set_valign (points, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), points);
  gtk_box_append (GTK_BOX (box), top);
  self->points_label = GTK_LABEL (points);
  name_widget (self, indicator->id, "points", points);
  if (*help != '\0')
    {
      GtkWidget *label = zhi_wrapped_label_new (help, "dim-label");

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
       * the focus from Tab even when not focusable, which trapped Tab in the field above */
      gtk_widget_set_focusable (label, FALSE);
      gtk_widget_set_can_focus (label, FALSE);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (self->is_gate)
    {
      GtkWidget *gate
          = zhi_wrapped_label_new (_ ("A condition for applying: if it is not met, the "
                                      "application is not eligible whatever the points."),
                                   "caption-heading");

      gtk_widget_add_css_class (gate, "accent");
      gtk_box_append (GTK_BOX (box), gate);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
status_row_new (ZhiIndicatorCard *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-question-symbolic");
  GtkWidget *computed = zhi_wrapped_label_new (NULL, NULL);
  GtkWidget *error = zhi_wrapped_label_new (NULL, "error");
  GtkWidget *detail = zhi_wrapped_label_new (NULL, "dim-label");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Not answered"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), computed);
  gtk_box_append (GTK_BOX (texts), error);
  gtk_label_set_selectable (GTK_LABEL (detail), TRUE);
  /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
   * the focus from Tab even when not focusable, which trapped Tab in the field above */
  gtk_widget_set_focusable (detail, FALSE);
  gtk_widget_set_can_focus (detail, FALSE);
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_visible (computed, FALSE);
  gtk_widget_set_visible (error, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  self->status_icon = GTK_IMAGE (icon);
  self->computed_label = GTK_LABEL (computed);
  self->error_label = GTK_LABEL (error);
  self->detail_label = GTK_LABEL (detail);
  name_widget (self, self->indicator->id, "computed", computed);
  name_widget (self, self->indicator->id, "error", error);
  name_widget (self, self->indicator->id, "detail", detail);
  return row;
}

static void
accessible_label (GtkWidget *widget, const char *label, const char *part)
{
  g_autofree char *text = part != NULL ? g_strdup_printf ("%s: %s", label, part) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : label, -1);
}

static GtkWidget *
entry_row_new (ZhiIndicatorCard *self, const char *title, const char *part)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *label = zhi_text_get (&self->indicator->label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* long official labels are ellipsized in a narrow window */
  gtk_widget_set_tooltip_text (row, title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), self->indicator->kind == ZHI_INDICATOR_COUNT
                                                            ? GTK_INPUT_PURPOSE_DIGITS
                                                            : GTK_INPUT_PURPOSE_NUMBER);
  accessible_label (row, label, title);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
  self->entries[self->n_entries++] = GTK_EDITABLE (row);
  name_widget (self, self->indicator->id, part, row);
  if (self->focus == NULL)
    self->focus = row;
  return row;
}

static void
show_scenarios_clicked_cb (GtkButton *button, ZhiIndicatorCard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "view.show-step", "s", "enterprise#scenarios");
}

static void
build (ZhiIndicatorCard *self, gboolean first_text)
{
  const ZhiIndicator *indicator = self->indicator;
  GtkWidget *card;
  GtkWidget *list;
  const char *label = zhi_text_get (&indicator->label);

  if (indicator->kind == ZHI_INDICATOR_KPI)
    {
      /* The KPI's rows come from the editor shared with condition （四）; the header and the
       * status frame them in one card. */
      card = zhi_kpi_editor_new (self->standard, indicator, FALSE);
      self->kpi_editor = ZHI_KPI_EDITOR (card);
      list = GTK_WIDGET (zhi_kpi_editor_get_list (self->kpi_editor));
      gtk_list_box_prepend (GTK_LIST_BOX (list), header_row_new (self));
    }
  else
    {
      card = list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      accessible_label (list, label, NULL);
      gtk_list_box_append (GTK_LIST_BOX (list), header_row_new (self));
    }

  switch (indicator->kind)
    {
      case ZHI_INDICATOR_CHECK:
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          const char *titles[] = { _ ("Yes"), _ ("No"), _ ("Not answered") };
          const char *parts[] = { "yes", "no", "unanswered" };

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Answer"));
          gtk_widget_add_css_class (box, "linked");
          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          for (guint i = 0; i < 3; i++)
            {
              GtkWidget *toggle = gtk_toggle_button_new_with_label (titles[i]);

              if (i > 0)
                gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), self->toggles[0]);
              accessible_label (toggle, label, titles[i]);
              g_signal_connect (toggle, "toggled", G_CALLBACK (check_toggled_cb), self);
              gtk_box_append (GTK_BOX (box), toggle);
              self->toggles[i] = GTK_TOGGLE_BUTTON (toggle);
              name_widget (self, indicator->id, parts[i], toggle);
            }
          gtk_toggle_button_set_active (self->toggles[2], TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          self->focus = GTK_WIDGET (self->toggles[0]);
          break;
        }

      case ZHI_INDICATOR_LEVEL:
        {
          GtkWidget *row = adw_combo_row_new ();
          g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
          const ZhiLevel *min = g_ptr_array_index (indicator->levels, indicator->min_level);
          g_autofree char *subtitle = NULL;

          gtk_string_list_append (model, _ ("Not answered"));
          for (guint i = 0; i < indicator->levels->len; i++)
            {
              const ZhiLevel *level = g_ptr_array_index (indicator->levels, i);

              /* the data's own names: 一级（L1）…, with the one name the seed gives */
              gtk_string_list_append (model, zhi_text_get (&level->name));
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Level reached"));
          subtitle = g_strdup_printf (_ ("Required: %s or higher"), zhi_text_get (&min->name));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
          accessible_label (row, label, _ ("Level reached"));
          g_signal_connect (row, "notify::selected", G_CALLBACK (level_selected_cb), self);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          self->combo = ADW_COMBO_ROW (row);
          self->focus = row;
          name_widget (self, indicator->id, "level", row);
          break;
        }

      case ZHI_INDICATOR_RATIO:
        {
          gtk_list_box_append (
              GTK_LIST_BOX (list),
              entry_row_new (self, zhi_text_get (&indicator->numerator), "numerator"));
          gtk_list_box_append (
              GTK_LIST_BOX (list),
              entry_row_new (self, zhi_text_get (&indicator->denominator), "denominator"));
          if (indicator->threshold_from_benchmark)
            {
              GtkWidget *row = entry_row_new (self, _ ("Industry benchmark"), "benchmark");

              adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), zhi_number_suffix_new ("%"));
              gtk_list_box_append (GTK_LIST_BOX (list), row);
            }
          break;
        }

      case ZHI_INDICATOR_KPI:
        {
          static const char *const parts[]
              = { "baseline", "current", "baseline-year", "current-year", "source", "details" };

          for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
            name_widget (self, indicator->id, parts[i],
                         zhi_kpi_editor_get_part (self->kpi_editor, parts[i]));
          self->focus = zhi_kpi_editor_get_part (self->kpi_editor, "baseline");
          zhi_kpi_editor_set_project (self->kpi_editor, self->project);
          break;
        }

      case ZHI_INDICATOR_COUNT:
        if (g_strcmp0 (indicator->derived, "scenarios") == 0)
          {
            GtkWidget *row = adw_action_row_new ();
            GtkWidget *button = gtk_button_new_with_label (_ ("Edit the Scenarios"));
            GtkWidget *value = gtk_label_new (NULL);

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                           _ ("Counted from the application scenarios"));
            gtk_widget_add_css_class (value, "numeric");
            gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
            gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
            accessible_label (button, label, _ ("Edit the scenarios on the enterprise page"));
            g_signal_connect_object (button, "clicked", G_CALLBACK (show_scenarios_clicked_cb),
                                     self, 0);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
            gtk_list_box_append (GTK_LIST_BOX (list), row);
            name_widget (self, indicator->id, "count", value);
            name_widget (self, indicator->id, "scenarios", button);
            self->focus = button;
          }
        else
          {
            g_autofree char *title
                = g_strdup_printf (_ ("Number (at least %lld)"), (long long)indicator->min_count);

            gtk_list_box_append (GTK_LIST_BOX (list), entry_row_new (self, title, "count"));
          }
        break;

      case ZHI_INDICATOR_TEXT:
        if (first_text)
          {
            GtkWidget *row = gtk_list_box_row_new ();
            GtkWidget *view = gtk_text_view_new ();
            GtkWidget *frame = gtk_frame_new (NULL);

            gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
            gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
            gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
            gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
            gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
            gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
            gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
            gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
            gtk_widget_set_size_request (view, -1, 160);
            accessible_label (view, label, _ ("the criterion's narrative (construction content)"));
            g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                              G_CALLBACK (narrative_changed_cb), self);
            /* a frame, so the writing area shows as one on a light card too */
            gtk_widget_set_margin_top (frame, 12);
            gtk_widget_set_margin_bottom (frame, 12);
            gtk_widget_set_margin_start (frame, 12);
            gtk_widget_set_margin_end (frame, 12);
            gtk_frame_set_child (GTK_FRAME (frame), view);
            gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), frame);
            gtk_list_box_append (GTK_LIST_BOX (list), row);
            self->text_view = GTK_TEXT_VIEW (view);
            self->focus = view;
            name_widget (self, indicator->id, "text", view);
            name_widget (self, NULL, "narrative", view);
            g_hash_table_insert (self->named, g_strconcat (self->criterion_id, ".narrative", NULL),
                                 view);
          }
        break;

      default:
        g_assert_not_reached ();
    }

  gtk_list_box_append (GTK_LIST_BOX (list), status_row_new (self));
  if (self->kpi_editor != NULL)
    /* the change is computed by the editor: its label, not the status row's */
    name_widget (self, indicator->id, "computed",
                 zhi_kpi_editor_get_part (self->kpi_editor, "computed"));
  if (self->focus == NULL)
    self->focus = list;
  g_hash_table_insert (self->named, g_strdup (indicator->id), self->focus);
  if (self->text_view != NULL)
    update_counter (self, "");
  adw_bin_set_child (ADW_BIN (self), card);
}

/* ---- the project and the score ------------------------------------------------------------ */

static void
sync_answer (ZhiIndicatorCard *self)
{
  const ZhiAnswers *a = answers (self);
  const char *id = self->indicator->id;

  switch (self->indicator->kind)
    {
      case ZHI_INDICATOR_CHECK:
        {
          gboolean value = FALSE;
          guint which = zhi_answers_get_bool (a, id, &value) ? (value ? 0 : 1) : 2;

          if (!gtk_toggle_button_get_active (self->toggles[which]))
            gtk_toggle_button_set_active (self->toggles[which], TRUE);
          break;
        }

      case ZHI_INDICATOR_LEVEL:
        {
          int index = zhi_indicator_level_index (self->indicator, zhi_answers_get_level (a, id));
          guint selected = index < 0 ? 0 : (guint)index + 1;

          if (adw_combo_row_get_selected (self->combo) != selected)
            adw_combo_row_set_selected (self->combo, selected);
          break;
        }

      case ZHI_INDICATOR_RATIO:
        {
          double num = 0, den = 0, bench = NAN;
          gboolean has = zhi_answers_get_ratio (a, id, &num, &den, &bench);

          /* Keep what the user is still typing (incomplete or invalid, so not written). */
          if (self->pending)
            break;
          zhi_number_entry_show (self->entries[0], has && isfinite (num) ? num : NAN, TRUE);
          zhi_number_entry_show (self->entries[1], has && isfinite (den) ? den : NAN, TRUE);
          if (self->n_entries > 2)
            zhi_number_entry_show (self->entries[2], has && isfinite (bench) ? bench * 100 : NAN,
                                   TRUE);
          ratio_changed (self, FALSE);
          break;
        }

      case ZHI_INDICATOR_KPI: /* the editor follows the project itself */
        break;

      case ZHI_INDICATOR_COUNT:
        if (self->n_entries > 0)
          {
            gint64 count = 0;
            gboolean has = zhi_answers_get_count (a, id, &count);

            if (self->pending)
              break;
            zhi_number_entry_show (self->entries[0], has ? (double)count : NAN, TRUE);
            count_changed (self, FALSE);
          }
        else
          {
            g_autofree char *text
                = g_strdup_printf ("%u", zhi_project_get_n_scenarios (self->project));
            g_autofree char *name = g_strconcat (id, ":count", NULL);

            gtk_label_set_text (GTK_LABEL (g_hash_table_lookup (self->named, name)), text);
          }
        break;

      case ZHI_INDICATOR_TEXT:
        if (self->text_view != NULL)
          {
            GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
            g_autofree char *current = buffer_get_text (buffer);
            const char *narrative = zhi_project_get_narrative (self->project, self->criterion_id);

            if (g_strcmp0 (current, narrative != NULL ? narrative : "") != 0)
              gtk_text_buffer_set_text (buffer, narrative != NULL ? narrative : "", -1);
          }
        break;

      default:
        break;
    }
}

void
zhi_indicator_card_sync (ZhiIndicatorCard *self)
{
  g_return_if_fail (ZHI_IS_INDICATOR_CARD (self));

  if (self->project == NULL)
    return;
  self->syncing = TRUE;
  sync_answer (self);
  self->syncing = FALSE;
}

void
zhi_status_icon_set (GtkImage *icon, const char *name, const char *style, const char *label)
{
  gtk_image_set_from_icon_name (icon, name);
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (icon), style);
  if (label == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (icon), label);
}

void
zhi_indicator_card_show_result (ZhiIndicatorCard *self,
                                const ZhiIndicatorResult *r,
                                gboolean outside_length)
{
  g_autofree char *points = NULL;
  g_autofree char *of = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (ZHI_IS_INDICATOR_CARD (self));
  g_return_if_fail (r != NULL);

  points = zhi_scoring_format_points (r->points);
  of = zhi_scoring_format_points (r->max_points);
  if (self->indicator->kind == ZHI_INDICATOR_TEXT)
    /* the narrative: required content, no points whatever its length */
    text = g_strdup (_ ("Required · no points"));
  else
    /* Translators: an indicator's points, "2.7 / 6 points" */
    text = g_strdup_printf (_ ("%s / %s points"), points, of);
  gtk_label_set_text (self->points_label, text);
  gtk_label_set_text (self->detail_label, r->detail != NULL ? r->detail : "");
  if (self->indicator->kind == ZHI_INDICATOR_TEXT)
    {
      /* ✓ only when the step has nothing open about the narrative (a length outside the
       * suggested range is an open item, so never a green ✓ beside it) */
      if (r->answered && outside_length)
        zhi_status_icon_set (self->status_icon, "dialog-warning-symbolic", "warning",
                             _ ("Written, but outside the suggested length"));
      else if (r->answered)
        zhi_status_icon_set (self->status_icon, "emblem-ok-symbolic", "success", _ ("Written"));
      else
        zhi_status_icon_set (self->status_icon, "dialog-error-symbolic", "error",
                             _ ("Required: not written yet"));
    }
  else if (!r->answered)
    zhi_status_icon_set (self->status_icon, "dialog-question-symbolic", "dim-label",
                         _ ("Not answered"));
  else if (r->met)
    zhi_status_icon_set (self->status_icon, "emblem-ok-symbolic", "success", _ ("Met"));
  else
    zhi_status_icon_set (self->status_icon, "dialog-warning-symbolic",
                         self->is_gate ? "error" : "warning", _ ("Not met"));
}

const ZhiIndicator *
zhi_indicator_card_get_indicator (ZhiIndicatorCard *self)
{
  g_return_val_if_fail (ZHI_IS_INDICATOR_CARD (self), NULL);
  return self->indicator;
}

void
zhi_indicator_card_set_project (ZhiIndicatorCard *self, ZhiProject *project)
{
  g_return_if_fail (ZHI_IS_INDICATOR_CARD (self));

  g_set_object (&self->project, project);
  if (self->kpi_editor != NULL)
    zhi_kpi_editor_set_project (self->kpi_editor, project);
}

static void
zhi_indicator_card_dispose (GObject *object)
{
  ZhiIndicatorCard *self = ZHI_INDICATOR_CARD (object);

  /* the widgets going away write nothing */
  self->syncing = TRUE;
  g_clear_object (&self->project);
  G_OBJECT_CLASS (zhi_indicator_card_parent_class)->dispose (object);
}

static void
zhi_indicator_card_finalize (GObject *object)
{
  ZhiIndicatorCard *self = ZHI_INDICATOR_CARD (object);

  g_clear_object (&self->standard);
  g_clear_pointer (&self->named, g_hash_table_unref);
  g_free (self->criterion_id);
  G_OBJECT_CLASS (zhi_indicator_card_parent_class)->finalize (object);
}

static void
zhi_indicator_card_class_init (ZhiIndicatorCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zhi_indicator_card_dispose;
  object_class->finalize = zhi_indicator_card_finalize;
}

static void
zhi_indicator_card_init (ZhiIndicatorCard *self)
{
}

GtkWidget *
zhi_indicator_card_new (ZhiStandard *standard,
                        const ZhiIndicator *indicator,
                        gboolean first_text,
                        const char *criterion_id,
                        GHashTable *named)
{
  ZhiIndicatorCard *self = g_object_new (ZHI_TYPE_INDICATOR_CARD, NULL);
  GPtrArray *gates = zhi_standard_get_gates (standard);

  self->standard = g_object_ref (standard);
  self->indicator = indicator;
  self->named = g_hash_table_ref (named);
  self->criterion_id = g_strdup (criterion_id);
  for (guint i = 0; i < gates->len; i++)
    if (((const ZhiGate *)g_ptr_array_index (gates, i))->indicator == indicator)
      self->is_gate = TRUE;
  build (self, first_text);
  return GTK_WIDGET (self);
}
