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
#include "zhi-number.h"
#include "zhi-kpi-editor.h"
#include "zhi-store.h"

/* One indicator's widgets (borrowed from the page's tree). */
typedef struct
{
  ZhiCriterionPage *page;
  const ZhiIndicator *indicator;
  gboolean is_gate;

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
} Indicator;

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
  GtkListBox *library_list;

  /* Owned References */
  char *criterion_id;
  ZhiStandard *standard; /* the one the widgets were built from */
  GPtrArray *indicators; /* Indicator * */
  GHashTable *named;     /* name → GtkWidget * (borrowed), see zhi_criterion_page_lookup */
  GCancellable *cancellable;
  GtkFileChooserNative *chooser;

  /* Borrowed References */
  const ZhiCriterion *criterion;
  GtkWidget *pending_focus;
  guint pending_focus_tick;
  guint pending_focus_frames;

  guint attaching;
  gboolean syncing; /* the page is writing the project's values into its widgets */
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

/* ---- numbers ------------------------------------------------------------------------------ */

typedef enum
{
  NUMBER_EMPTY,
  NUMBER_VALID,
  NUMBER_INVALID,
} NumberState;

/* The one reading and writing of numbers (zhi-number.h). */
static NumberState
parse_number (const char *text, double *value)
{
  switch (zhi_number_parse (text, value))
    {
      case ZHI_NUMBER_EMPTY:
        return NUMBER_EMPTY;
      case ZHI_NUMBER_VALID:
        return NUMBER_VALID;
      case ZHI_NUMBER_INVALID:
      default:
        return NUMBER_INVALID;
    }
}

static char *
format_number (double value)
{
  return zhi_number_format (value, 6);
}

static gboolean
numbers_equal (double a, double b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

/* Equal, or both not filled in (NAN). */
static gboolean
same_number (double a, double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return numbers_equal (a, b);
}

/* Sets @editable to @value unless it already reads as that value (keeps the cursor). */
static void
entry_show_number (GtkEditable *editable, gboolean has_value, double value)
{
  double current = 0;
  NumberState state = parse_number (gtk_editable_get_text (editable), &current);
  g_autofree char *text = NULL;

  if (!has_value)
    {
      if (state != NUMBER_EMPTY)
        gtk_editable_set_text (editable, "");
      return;
    }
  if (state == NUMBER_VALID && numbers_equal (current, value))
    return;
  text = format_number (value);
  gtk_editable_set_text (editable, text);
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
show_error (Indicator *ind, const char *message)
{
  gtk_label_set_text (ind->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (ind->error_label), message != NULL);
}

/* ---- writing answers ---------------------------------------------------------------------- */

static ZhiAnswers *
answers (ZhiCriterionPage *self)
{
  return zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self)));
}

static void
clear_answer (ZhiCriterionPage *self, const char *id)
{
  if (zhi_answers_get_answer_type (answers (self), id) == ZHI_ANSWER_NONE)
    return;
  zhi_answers_clear (answers (self), id);
  zhi_project_answers_changed (zhi_page_get_project (ZHI_PAGE (self)), id);
}

static void
check_toggled_cb (GtkToggleButton *button, Indicator *ind)
{
  ZhiCriterionPage *self = ind->page;
  const char *id = ind->indicator->id;
  gboolean value = FALSE;
  gboolean answered;

  if (self->syncing || zhi_page_get_project (ZHI_PAGE (self)) == NULL
      || !gtk_toggle_button_get_active (button))
    return;
  answered = zhi_answers_get_bool (answers (self), id, &value);
  if (button == ind->toggles[2])
    clear_answer (self, id);
  else if (!answered || value != (button == ind->toggles[0]))
    {
      zhi_answers_set_bool (answers (self), id, button == ind->toggles[0]);
      zhi_project_answers_changed (zhi_page_get_project (ZHI_PAGE (self)), id);
    }
}

static void
level_selected_cb (AdwComboRow *row, GParamSpec *pspec, Indicator *ind)
{
  ZhiCriterionPage *self = ind->page;
  const char *id = ind->indicator->id;
  guint selected = adw_combo_row_get_selected (row);
  const ZhiLevel *level;

  if (self->syncing || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > ind->indicator->levels->len)
    {
      clear_answer (self, id);
      return;
    }
  level = g_ptr_array_index (ind->indicator->levels, selected - 1);
  if (g_strcmp0 (zhi_answers_get_level (answers (self), id), level->id) == 0)
    return;
  zhi_answers_set_level (answers (self), id, level->id);
  zhi_project_answers_changed (zhi_page_get_project (ZHI_PAGE (self)), id);
}

/* Reads the entries: FALSE (with the message shown and the bad entries marked) when one is
 * not a number; *n_empty counts the empty ones. */
static gboolean
read_entries (Indicator *ind, double *values, guint *n_empty)
{
  gboolean ok = TRUE;

  *n_empty = 0;
  for (guint i = 0; i < ind->n_entries; i++)
    {
      NumberState state;

      values[i] = NAN;
      state = parse_number (gtk_editable_get_text (ind->entries[i]), &values[i]);
      set_error (GTK_WIDGET (ind->entries[i]), state == NUMBER_INVALID);
      if (state == NUMBER_INVALID)
        ok = FALSE;
      *n_empty += state == NUMBER_EMPTY;
    }
  if (!ok)
    show_error (ind, _ ("Enter a number, such as 12 or 12.5."));
  return ok;
}

static void
set_computed (Indicator *ind, const char *text, const char *style)
{
  gtk_label_set_text (ind->computed_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (ind->computed_label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (ind->computed_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (ind->computed_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (ind->computed_label), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (ind->computed_label), style);
}

/* The ratio as typed: every field written as it is typed, whether or not the others are filled
 * in (nothing typed is lost); the computed ratio shown once it can be computed.  Only text that is
 * no number is not written (it stays in its entry, marked). */
static void
ratio_changed (Indicator *ind, gboolean write)
{
  ZhiCriterionPage *self = ind->page;
  const ZhiIndicator *indicator = ind->indicator;
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

  ind->pending = TRUE;
  if (!read_entries (ind, v, &n_empty))
    {
      set_computed (ind, NULL, NULL);
      return;
    }
  ind->pending = FALSE;
  new_bench = ind->n_entries > 2 ? v[2] / 100 : NAN;
  if (write)
    {
      double num = NAN, den = NAN, bench = NAN;

      if (n_empty == ind->n_entries)
        clear_answer (self, indicator->id);
      else if (!zhi_answers_get_ratio (answers (self), indicator->id, &num, &den, &bench)
               || !same_number (num, v[0]) || !same_number (den, v[1])
               || !same_number (bench, new_bench))
        {
          zhi_answers_set_ratio (answers (self), indicator->id, v[0], v[1], new_bench);
          zhi_project_answers_changed (zhi_page_get_project (ZHI_PAGE (self)), indicator->id);
        }
    }
  if (n_empty == ind->n_entries)
    {
      show_error (ind, NULL);
      set_computed (ind, NULL, NULL);
      return;
    }
  if (!isnan (v[1]) && v[1] <= 0)
    {
      set_error (GTK_WIDGET (ind->entries[1]), TRUE);
      /* Translators: %s names the field, e.g. 车间设备台（套）总数 */
      problem = g_strdup_printf (_ ("%s must be more than 0."), denominator);
    }
  else if (!isnan (v[0]) && v[0] < 0)
    {
      set_error (GTK_WIDGET (ind->entries[0]), TRUE);
      problem = g_strdup_printf (_ ("%s cannot be negative."), numerator);
    }
  else if (!isnan (v[0]) && !isnan (v[1]) && v[0] > v[1])
    {
      set_error (GTK_WIDGET (ind->entries[0]), TRUE);
      /* Translators: "自动化…设备台（套）数不能大于车间设备台（套）总数：前者是后者的一部分。" */
      problem = g_strdup_printf (_ ("%s cannot be larger than %s: it counts part of the same "
                                    "whole."),
                                 numerator, denominator);
    }
  else if (ind->n_entries > 2 && !isnan (v[2]) && (v[2] <= 0 || v[2] > 100))
    {
      set_error (GTK_WIDGET (ind->entries[2]), TRUE);
      problem = g_strdup (_ ("The industry benchmark is a percentage above 0 and at most 100."));
    }
  show_error (ind, problem);
  if (problem != NULL)
    {
      set_computed (ind, NULL, NULL);
      return;
    }
  if (n_empty > 0)
    {
      set_computed (ind,
                    ind->n_entries > 2 ? _ ("Enter both figures and the industry benchmark.")
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
  threshold = ind->n_entries > 2 ? v[2] / 100 : indicator->threshold;
  ratio = v[0] / v[1];
  ratio_text = format_number (round (ratio * 1000) / 10);
  threshold_text = format_number (round (threshold * 1000) / 10);
  if (ind->n_entries > 2)
    /* Translators: "62% against the industry benchmark of 60%: met" */
    computed = g_strdup_printf (met ? _ ("%s%% against the industry benchmark of %s%%: met")
                                    : _ ("%s%% against the industry benchmark of %s%%: not met"),
                                ratio_text, threshold_text);
  else
    computed = g_strdup_printf (met ? _ ("%s%% against the required %s%%: met")
                                    : _ ("%s%% against the required %s%%: not met"),
                                ratio_text, threshold_text);
  set_computed (ind, computed, met ? "success" : "error");
}

static void
count_changed (Indicator *ind, gboolean write)
{
  ZhiCriterionPage *self = ind->page;
  const char *text = gtk_editable_get_text (ind->entries[0]);
  g_autofree char *normal = g_strstrip (g_utf8_normalize (text, -1, G_NORMALIZE_ALL));
  guint64 count = 0;
  gint64 stored = 0;

  ind->pending = TRUE;
  if (*normal == '\0')
    {
      ind->pending = FALSE;
      set_error (GTK_WIDGET (ind->entries[0]), FALSE);
      show_error (ind, NULL);
      if (write)
        clear_answer (self, ind->indicator->id);
      return;
    }
  if (!g_ascii_string_to_unsigned (normal, 10, 0, G_MAXINT32, &count, NULL))
    {
      set_error (GTK_WIDGET (ind->entries[0]), TRUE);
      show_error (ind, _ ("Enter a whole number, 0 or more."));
      return;
    }
  ind->pending = FALSE;
  set_error (GTK_WIDGET (ind->entries[0]), FALSE);
  show_error (ind, NULL);
  if (!write
      || (zhi_answers_get_count (answers (self), ind->indicator->id, &stored)
          && stored == (gint64)count))
    return;
  zhi_answers_set_count (answers (self), ind->indicator->id, (gint64)count);
  zhi_project_answers_changed (zhi_page_get_project (ZHI_PAGE (self)), ind->indicator->id);
}

static void
entry_changed_cb (GtkEditable *editable, Indicator *ind)
{
  gboolean write = !ind->page->syncing && zhi_page_get_project (ZHI_PAGE (ind->page)) != NULL;

  switch (ind->indicator->kind)
    {
      case ZHI_INDICATOR_RATIO:
        ratio_changed (ind, write);
        break;
      case ZHI_INDICATOR_COUNT:
        count_changed (ind, write);
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
update_counter (Indicator *ind, const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  glong chars = g_utf8_strlen (trimmed, -1);
  const ZhiIndicator *indicator = ind->indicator;
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
  set_computed (ind, counter, style);
}

static void
narrative_changed_cb (GtkTextBuffer *buffer, Indicator *ind)
{
  ZhiCriterionPage *self = ind->page;
  g_autofree char *text = buffer_get_text (buffer);

  update_counter (ind, text);
  if (self->syncing || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  if (g_strcmp0 (
          zhi_project_get_narrative (zhi_page_get_project (ZHI_PAGE (self)), self->criterion_id),
          text)
      != 0)
    zhi_project_set_narrative (zhi_page_get_project (ZHI_PAGE (self)), self->criterion_id, text);
}

/* ---- building ----------------------------------------------------------------------------- */

static void
name_widget (ZhiCriterionPage *self, const char *id, const char *part, GtkWidget *widget)
{
  g_hash_table_insert (self->named,
                       id != NULL ? g_strconcat (id, ":", part, NULL) : g_strdup (part), widget);
}

static GtkWidget *
wrapped_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
build_text (ZhiCriterionPage *self)
{
  const ZhiCriterion *criterion = self->criterion;
  g_autofree char *title
      = g_strdup_printf ("%d. %s", criterion->number, zhi_text_get (&criterion->title));
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
      GtkWidget *label = wrapped_label (zhi_text_get (&item->text), "body");

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
          GtkWidget *sub_label = wrapped_label (text, "body");

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

static GtkWidget *
header_row_new (Indicator *ind)
{
  const ZhiIndicator *indicator = ind->indicator;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = wrapped_label (zhi_text_get (&indicator->label), "heading");
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
  ind->points_label = GTK_LABEL (points);
  name_widget (ind->page, indicator->id, "points", points);
  if (*help != '\0')
    {
      GtkWidget *label = wrapped_label (help, "dim-label");

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
       * the focus from Tab even when not focusable, which trapped Tab in the field above */
      gtk_widget_set_focusable (label, FALSE);
      gtk_widget_set_can_focus (label, FALSE);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (ind->is_gate)
    {
      GtkWidget *gate = wrapped_label (_ ("A condition for applying: if it is not met, the "
                                          "application is not eligible whatever the points."),
                                       "caption-heading");

      gtk_widget_add_css_class (gate, "accent");
      gtk_box_append (GTK_BOX (box), gate);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
status_row_new (Indicator *ind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-question-symbolic");
  GtkWidget *computed = wrapped_label (NULL, NULL);
  GtkWidget *error = wrapped_label (NULL, "error");
  GtkWidget *detail = wrapped_label (NULL, "dim-label");

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

  ind->status_icon = GTK_IMAGE (icon);
  ind->computed_label = GTK_LABEL (computed);
  ind->error_label = GTK_LABEL (error);
  ind->detail_label = GTK_LABEL (detail);
  name_widget (ind->page, ind->indicator->id, "computed", computed);
  name_widget (ind->page, ind->indicator->id, "error", error);
  name_widget (ind->page, ind->indicator->id, "detail", detail);
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
entry_row_new (Indicator *ind, const char *title, const char *part)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *label = zhi_text_get (&ind->indicator->label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* long official labels are ellipsized in a narrow window */
  gtk_widget_set_tooltip_text (row, title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), ind->indicator->kind == ZHI_INDICATOR_COUNT
                                                            ? GTK_INPUT_PURPOSE_DIGITS
                                                            : GTK_INPUT_PURPOSE_NUMBER);
  accessible_label (row, label, title);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), ind);
  ind->entries[ind->n_entries++] = GTK_EDITABLE (row);
  name_widget (ind->page, ind->indicator->id, part, row);
  if (ind->focus == NULL)
    ind->focus = row;
  return row;
}

static GtkWidget *
suffix_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static void
show_scenarios_clicked_cb (GtkButton *button, ZhiCriterionPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "view.show-step", "s", "enterprise#scenarios");
}

static void
build_indicator (ZhiCriterionPage *self, const ZhiIndicator *indicator, gboolean first_text)
{
  Indicator *ind = g_new0 (Indicator, 1);
  GtkWidget *card;
  GtkWidget *list;
  const char *label = zhi_text_get (&indicator->label);
  GPtrArray *gates = zhi_standard_get_gates (self->standard);

  ind->page = self;
  ind->indicator = indicator;
  for (guint i = 0; i < gates->len; i++)
    if (((const ZhiGate *)g_ptr_array_index (gates, i))->indicator == indicator)
      ind->is_gate = TRUE;
  g_ptr_array_add (self->indicators, ind);

  if (indicator->kind == ZHI_INDICATOR_KPI)
    {
      /* The KPI's rows come from the editor shared with condition （四）; the header and the
       * status frame them in one card. */
      card = zhi_kpi_editor_new (self->standard, indicator, FALSE);
      ind->kpi_editor = ZHI_KPI_EDITOR (card);
      list = GTK_WIDGET (zhi_kpi_editor_get_list (ind->kpi_editor));
      gtk_list_box_prepend (GTK_LIST_BOX (list), header_row_new (ind));
    }
  else
    {
      card = list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      accessible_label (list, label, NULL);
      gtk_list_box_append (GTK_LIST_BOX (list), header_row_new (ind));
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
                gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), ind->toggles[0]);
              accessible_label (toggle, label, titles[i]);
              g_signal_connect (toggle, "toggled", G_CALLBACK (check_toggled_cb), ind);
              gtk_box_append (GTK_BOX (box), toggle);
              ind->toggles[i] = GTK_TOGGLE_BUTTON (toggle);
              name_widget (self, indicator->id, parts[i], toggle);
            }
          gtk_toggle_button_set_active (ind->toggles[2], TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          ind->focus = GTK_WIDGET (ind->toggles[0]);
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
          g_signal_connect (row, "notify::selected", G_CALLBACK (level_selected_cb), ind);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          ind->combo = ADW_COMBO_ROW (row);
          ind->focus = row;
          name_widget (self, indicator->id, "level", row);
          break;
        }

      case ZHI_INDICATOR_RATIO:
        {
          gtk_list_box_append (
              GTK_LIST_BOX (list),
              entry_row_new (ind, zhi_text_get (&indicator->numerator), "numerator"));
          gtk_list_box_append (
              GTK_LIST_BOX (list),
              entry_row_new (ind, zhi_text_get (&indicator->denominator), "denominator"));
          if (indicator->threshold_from_benchmark)
            {
              GtkWidget *row = entry_row_new (ind, _ ("Industry benchmark"), "benchmark");

              adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), suffix_label_new ("%"));
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
                         zhi_kpi_editor_get_part (ind->kpi_editor, parts[i]));
          ind->focus = zhi_kpi_editor_get_part (ind->kpi_editor, "baseline");
          zhi_kpi_editor_set_project (ind->kpi_editor, zhi_page_get_project (ZHI_PAGE (self)));
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
            ind->focus = button;
          }
        else
          {
            g_autofree char *title
                = g_strdup_printf (_ ("Number (at least %lld)"), (long long)indicator->min_count);

            gtk_list_box_append (GTK_LIST_BOX (list), entry_row_new (ind, title, "count"));
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
                              G_CALLBACK (narrative_changed_cb), ind);
            /* a frame, so the writing area shows as one on a light card too */
            gtk_widget_set_margin_top (frame, 12);
            gtk_widget_set_margin_bottom (frame, 12);
            gtk_widget_set_margin_start (frame, 12);
            gtk_widget_set_margin_end (frame, 12);
            gtk_frame_set_child (GTK_FRAME (frame), view);
            gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), frame);
            gtk_list_box_append (GTK_LIST_BOX (list), row);
            ind->text_view = GTK_TEXT_VIEW (view);
            ind->focus = view;
            name_widget (self, indicator->id, "text", view);
            name_widget (self, NULL, "narrative", view);
            g_hash_table_insert (self->named, g_strconcat (self->criterion_id, ".narrative", NULL),
                                 view);
          }
        break;

      default:
        g_assert_not_reached ();
    }

  gtk_list_box_append (GTK_LIST_BOX (list), status_row_new (ind));
  if (ind->kpi_editor != NULL)
    /* the change is computed by the editor: its label, not the status row's */
    name_widget (self, indicator->id, "computed",
                 zhi_kpi_editor_get_part (ind->kpi_editor, "computed"));
  if (ind->focus == NULL)
    ind->focus = list;
  g_hash_table_insert (self->named, g_strdup (indicator->id), ind->focus);
  if (ind->text_view != NULL)
    update_counter (ind, "");
  gtk_box_append (self->indicators_box, card);
}

static void
clear_built (ZhiCriterionPage *self)
{
  GtkWidget *child;

  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_box))) != NULL)
    gtk_box_remove (self->items_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->indicators_box))) != NULL)
    gtk_box_remove (self->indicators_box, child);
  self->syncing = FALSE;
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

      build_indicator (self, indicator, first_text);
      have_text |= first_text;
    }
}

/* ---- reading the project and the evaluation ----------------------------------------------- */

static void
sync_indicator (ZhiCriterionPage *self, Indicator *ind)
{
  const ZhiAnswers *a = answers (self);
  const char *id = ind->indicator->id;

  switch (ind->indicator->kind)
    {
      case ZHI_INDICATOR_CHECK:
        {
          gboolean value = FALSE;
          guint which = zhi_answers_get_bool (a, id, &value) ? (value ? 0 : 1) : 2;

          if (!gtk_toggle_button_get_active (ind->toggles[which]))
            gtk_toggle_button_set_active (ind->toggles[which], TRUE);
          break;
        }

      case ZHI_INDICATOR_LEVEL:
        {
          int index = zhi_indicator_level_index (ind->indicator, zhi_answers_get_level (a, id));
          guint selected = index < 0 ? 0 : (guint)index + 1;

          if (adw_combo_row_get_selected (ind->combo) != selected)
            adw_combo_row_set_selected (ind->combo, selected);
          break;
        }

      case ZHI_INDICATOR_RATIO:
        {
          double num = 0, den = 0, bench = NAN;
          gboolean has = zhi_answers_get_ratio (a, id, &num, &den, &bench);

          /* Keep what the user is still typing (incomplete or invalid, so not written). */
          if (ind->pending)
            break;
          entry_show_number (ind->entries[0], has && isfinite (num), num);
          entry_show_number (ind->entries[1], has && isfinite (den), den);
          if (ind->n_entries > 2)
            entry_show_number (ind->entries[2], has && isfinite (bench), bench * 100);
          ratio_changed (ind, FALSE);
          break;
        }

      case ZHI_INDICATOR_KPI: /* the editor follows the project itself */
        break;

      case ZHI_INDICATOR_COUNT:
        if (ind->n_entries > 0)
          {
            gint64 count = 0;
            gboolean has = zhi_answers_get_count (a, id, &count);

            if (ind->pending)
              break;
            entry_show_number (ind->entries[0], has, (double)count);
            count_changed (ind, FALSE);
          }
        else
          {
            g_autofree char *text = g_strdup_printf (
                "%u", zhi_project_get_n_scenarios (zhi_page_get_project (ZHI_PAGE (self))));
            g_autofree char *name = g_strconcat (id, ":count", NULL);

            gtk_label_set_text (GTK_LABEL (g_hash_table_lookup (self->named, name)), text);
          }
        break;

      case ZHI_INDICATOR_TEXT:
        if (ind->text_view != NULL)
          {
            GtkTextBuffer *buffer = gtk_text_view_get_buffer (ind->text_view);
            g_autofree char *current = buffer_get_text (buffer);
            const char *narrative = zhi_project_get_narrative (
                zhi_page_get_project (ZHI_PAGE (self)), self->criterion_id);

            if (g_strcmp0 (current, narrative != NULL ? narrative : "") != 0)
              gtk_text_buffer_set_text (buffer, narrative != NULL ? narrative : "", -1);
          }
        break;

      default:
        break;
    }
}

static void
sync_from_project (ZhiCriterionPage *self)
{
  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || self->criterion == NULL)
    return;
  self->syncing = TRUE;
  for (guint i = 0; i < self->indicators->len; i++)
    sync_indicator (self, g_ptr_array_index (self->indicators, i));
  self->syncing = FALSE;
}

static void
set_status_icon (GtkImage *icon, const char *name, const char *style, const char *label)
{
  gtk_image_set_from_icon_name (icon, name);
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (icon), style);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (icon), label);
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
    set_status_icon (self->summary_icon, "emblem-ok-symbolic", "success", _ ("Full marks"));
  else
    set_status_icon (self->summary_icon, "dialog-warning-symbolic", "warning",
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
      Indicator *ind = g_ptr_array_index (self->indicators, i);
      const ZhiIndicatorResult *r = zhi_score_lookup_indicator (score, ind->indicator->id);
      g_autofree char *points = NULL;
      g_autofree char *of = NULL;
      g_autofree char *text = NULL;

      if (r == NULL)
        continue;
      points = zhi_scoring_format_points (r->points);
      of = zhi_scoring_format_points (r->max_points);
      if (ind->indicator->kind == ZHI_INDICATOR_TEXT)
        /* the narrative: required content, no points whatever its length */
        text = g_strdup (_ ("Required · no points"));
      else
        /* Translators: an indicator's points, "2.7 / 6 points" */
        text = g_strdup_printf (_ ("%s / %s points"), points, of);
      gtk_label_set_text (ind->points_label, text);
      gtk_label_set_text (ind->detail_label, r->detail != NULL ? r->detail : "");
      if (ind->indicator->kind == ZHI_INDICATOR_TEXT)
        {
          /* ✓ only when the step has nothing open about the narrative (a length outside the
           * suggested range is an open item, so never a green ✓ beside it) */
          if (r->answered
              && zhi_evaluation_lookup_open_item (zhi_page_get_evaluation (ZHI_PAGE (self)), step,
                                                  ind->indicator->id)
                     != NULL)
            set_status_icon (ind->status_icon, "dialog-warning-symbolic", "warning",
                             _ ("Written, but outside the suggested length"));
          else if (r->answered)
            set_status_icon (ind->status_icon, "emblem-ok-symbolic", "success", _ ("Written"));
          else
            set_status_icon (ind->status_icon, "dialog-error-symbolic", "error",
                             _ ("Required: not written yet"));
        }
      else if (!r->answered)
        set_status_icon (ind->status_icon, "dialog-question-symbolic", "dim-label",
                         _ ("Not answered"));
      else if (r->met)
        set_status_icon (ind->status_icon, "emblem-ok-symbolic", "success", _ ("Met"));
      else
        set_status_icon (ind->status_icon, "dialog-warning-symbolic",
                         ind->is_gate ? "error" : "warning", _ ("Not met"));
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

/* The popover's list of evidence not yet linked, kept current with the evidence. */
static void
update_library (ZhiCriterionPage *self)
{
  GListModel *list;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->library_list))) != NULL)
    gtk_list_box_remove (self->library_list, child);
  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  list = zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (self)));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);
      GtkWidget *row;

      if (zhi_evidence_supports (evidence, self->criterion_id))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zhi_evidence_get_title (evidence));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), zhi_evidence_get_id (evidence));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("list-add-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "zhi-evidence-id",
                              g_strdup (zhi_evidence_get_id (evidence)), g_free);
      gtk_list_box_append (self->library_list, row);
      n++;
    }
  if (n == 0)
    {
      GtkWidget *label = wrapped_label (g_list_model_get_n_items (list) == 0
                                            ? _ ("The evidence library is empty. Use “Add "
                                                 "Files…” to attach documents.")
                                            : _ ("Every evidence item is already linked to "
                                                 "this criterion."),
                                        "dim-label");

      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_list_box_append (self->library_list, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
}

static void
library_row_activated_cb (GtkListBox *list, GtkListBoxRow *row, ZhiCriterionPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "zhi-evidence-id");

  if (id == NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  zhi_project_add_evidence_support (zhi_page_get_project (ZHI_PAGE (self)), id, self->criterion_id);
  gtk_popover_popdown (self->library_popover);
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
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
      _ ("Add Evidence Files"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Add"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (documents, _ ("PDF documents and images"));
  gtk_file_filter_add_mime_type (documents, "application/pdf");
  gtk_file_filter_add_mime_type (documents, "image/jpeg");
  gtk_file_filter_add_mime_type (documents, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), documents);
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
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
    {
      Indicator *ind = g_ptr_array_index (self->indicators, i);

      if (ind->kpi_editor != NULL)
        zhi_kpi_editor_set_project (ind->kpi_editor, project);
    }
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
  self->syncing = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_CRITERION_PAGE);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->named, g_hash_table_unref);
  g_clear_object (&self->standard);
  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_child (widget_class, ZhiCriterionPage, library_list);
  gtk_widget_class_bind_template_callback (widget_class, add_files_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, library_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "page.unlink-evidence", "s",
                                   unlink_evidence_action);
}

static void
zhi_criterion_page_init (ZhiCriterionPage *self)
{
  self->indicators = g_ptr_array_new_with_free_func (g_free);
  self->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
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
