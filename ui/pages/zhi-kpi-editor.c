/* zhi-kpi-editor.c — the editor of one KPI answer (see zhi-kpi-editor.h) */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zhi-kpi-editor.h"
#include "zhi-kpi.h"
#include "zhi-number-entry.h"
#include "zhi-number.h"

enum
{
  ENTRY_BASELINE,
  ENTRY_CURRENT,
  ENTRY_BASELINE_YEAR,
  ENTRY_CURRENT_YEAR,
  ENTRY_SOURCE,
  N_ENTRIES
};

static const char *const entry_parts[N_ENTRIES] = {
  "baseline", "current", "baseline-year", "current-year", "source",
};

struct _ZhiKpiEditor
{
  AdwBin parent_instance;

  /* Owned References */
  ZhiStandard *standard;
  ZhiProject *project;

  /* Borrowed References */
  const ZhiIndicator *kpi;
  GtkListBox *list;
  GtkEditable *entries[N_ENTRIES];
  GtkLabel *computed_label;
  GtkLabel *details_label;
  GtkLabel *error_label;

  gboolean syncing; /* the entries are being set from the project */
  gboolean writing; /* the editor is writing the answer */
};

G_DEFINE_FINAL_TYPE (ZhiKpiEditor, zhi_kpi_editor, ADW_TYPE_BIN)

static void sync_from_project (ZhiKpiEditor *self);

/* ---- reading the entries ------------------------------------------------------------------ */

typedef enum
{
  FIELD_EMPTY,
  FIELD_VALID,
  FIELD_INVALID,
} FieldState;

/* The one reading of numbers (zhi-number.h): no hex, exponent, inf or nan. */
static FieldState
parse_number (const char *text, double *value)
{
  *value = NAN;
  switch (zhi_number_parse (text, value))
    {
      case ZHI_NUMBER_EMPTY:
        return FIELD_EMPTY;
      case ZHI_NUMBER_VALID:
        return FIELD_VALID;
      case ZHI_NUMBER_INVALID:
      default:
        return FIELD_INVALID;
    }
}

/* A four-digit year, 1000 to 9999. */
static FieldState
parse_year (const char *text, int *year)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);
  guint64 value = 0;

  *year = 0;
  if (normal == NULL)
    return FIELD_INVALID;
  g_strstrip (normal);
  if (*normal == '\0')
    return FIELD_EMPTY;
  if (!g_ascii_string_to_unsigned (normal, 10, 1000, 9999, &value, NULL))
    return FIELD_INVALID;
  *year = (int)value;
  return FIELD_VALID;
}

static FieldState
entry_state (ZhiKpiEditor *self, guint which, double *number, int *year)
{
  const char *text = gtk_editable_get_text (self->entries[which]);

  if (which == ENTRY_BASELINE || which == ENTRY_CURRENT)
    return parse_number (text, number);
  return parse_year (text, year);
}

static void
set_style (GtkWidget *widget, const char *style)
{
  static const char *const styles[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (widget, styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (widget, style);
}

static void
show_label (GtkLabel *label, const char *text, const char *style)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_LIST_BOX_ROW);
  gboolean any = FALSE;

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  set_style (GTK_WIDGET (label), style);
  /* no empty strip at the foot of the card */
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (label)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    any |= gtk_widget_get_visible (child);
  if (row != NULL)
    gtk_widget_set_visible (row, any);
}

/* ---- showing ------------------------------------------------------------------------------ */

/* The computed change and what is missing, from the project's answer. */
static void
update_computed (ZhiKpiEditor *self)
{
  ZhiKpiFigures f;
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;
  const char *style = NULL;

  if (self->project == NULL)
    {
      show_label (self->computed_label, NULL, NULL);
      show_label (self->details_label, NULL, NULL);
      return;
    }
  zhi_kpi_read (self->kpi, zhi_project_get_answers (self->project), &f);
  switch (f.trend)
    {
      case ZHI_KPI_NOT_ENTERED:
        break;
      case ZHI_KPI_INCOMPLETE:
        text = zhi_kpi_describe (self->kpi, &f);
        break;
      case ZHI_KPI_ZERO_BASELINE:
        text = zhi_kpi_describe (self->kpi, &f);
        style = "error";
        break;
      case ZHI_KPI_IMPROVED:
        {
          g_autofree char *change = zhi_kpi_format_change (&f);

          /* Translators: "Change −25%: an improvement" */
          text = g_strdup_printf (_ ("Change %s: an improvement"), change);
          style = "success";
          break;
        }
      case ZHI_KPI_WORSE:
        {
          g_autofree char *change = zhi_kpi_format_change (&f);

          /* Translators: "Change +10%: worse than before the project" */
          text = g_strdup_printf (_ ("Change %s: worse than before the project"), change);
          style = "warning";
          break;
        }
      case ZHI_KPI_UNCHANGED:
      default:
        text = g_strdup (_ ("No change: not an improvement"));
        style = "warning";
        break;
    }
  show_label (self->computed_label, text, style);
  details = zhi_kpi_describe_details_problem (self->kpi, &f);
  show_label (self->details_label, details, "warning");
}

static void
show_year (ZhiKpiEditor *self, guint which, int value)
{
  double number = NAN;
  int shown = 0;
  FieldState state = entry_state (self, which, &number, &shown);
  g_autofree char *text = NULL;

  if (state == FIELD_INVALID || (state == FIELD_VALID && shown == value)
      || (state == FIELD_EMPTY && value <= 0))
    return;
  text = value > 0 ? g_strdup_printf ("%d", value) : g_strdup ("");
  gtk_editable_set_text (self->entries[which], text);
}

static void
sync_from_project (ZhiKpiEditor *self)
{
  const ZhiAnswers *answers;
  double baseline = NAN, current = NAN;
  int baseline_year = 0, current_year = 0;
  const char *source = NULL;

  if (self->project == NULL)
    return;
  answers = zhi_project_get_answers (self->project);
  if (!zhi_answers_get_kpi (answers, self->kpi->id, &baseline, &current))
    baseline = current = NAN;
  zhi_answers_get_kpi_details (answers, self->kpi->id, &baseline_year, &current_year, &source);
  self->syncing = TRUE;
  /* text that is no number is kept until the user corrects it */
  zhi_number_entry_show (self->entries[ENTRY_BASELINE], baseline, FALSE);
  zhi_number_entry_show (self->entries[ENTRY_CURRENT], current, FALSE);
  show_year (self, ENTRY_BASELINE_YEAR, baseline_year);
  show_year (self, ENTRY_CURRENT_YEAR, current_year);
  if (g_strcmp0 (gtk_editable_get_text (self->entries[ENTRY_SOURCE]), source != NULL ? source : "")
      != 0)
    gtk_editable_set_text (self->entries[ENTRY_SOURCE], source != NULL ? source : "");
  self->syncing = FALSE;
  update_computed (self);
}

/* ---- writing ------------------------------------------------------------------------------ */

static gboolean
numbers_same (double a, double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b;
}

/* Every field as typed; a field holding text that is no number keeps the stored value. */
static void
entry_changed_cb (GtkEditable *editable, ZhiKpiEditor *self)
{
  ZhiAnswers *answers;
  double values[2] = { NAN, NAN };
  int years[2] = { 0, 0 };
  double old_values[2] = { NAN, NAN };
  int old_years[2] = { 0, 0 };
  const char *old_source = NULL;
  g_autofree char *source = NULL;
  GtkEditable *invalid_number = NULL; /* the first entry with what is no number, or year */
  GtkEditable *invalid_year = NULL;
  gboolean has_old;

  if (self->syncing || self->project == NULL)
    return;
  answers = zhi_project_get_answers (self->project);
  has_old = zhi_answers_get_kpi (answers, self->kpi->id, &old_values[0], &old_values[1]);
  zhi_answers_get_kpi_details (answers, self->kpi->id, &old_years[0], &old_years[1], &old_source);

  for (guint i = 0; i < 2; i++)
    {
      double number = NAN;
      int year = 0;
      FieldState state = entry_state (self, ENTRY_BASELINE + i, &number, &year);

      values[i] = state == FIELD_INVALID ? old_values[i] : number;
      set_style (GTK_WIDGET (self->entries[ENTRY_BASELINE + i]),
                 state == FIELD_INVALID ? "error" : NULL);
      if (state == FIELD_INVALID && invalid_number == NULL)
        invalid_number = self->entries[ENTRY_BASELINE + i];

      state = entry_state (self, ENTRY_BASELINE_YEAR + i, &number, &year);
      years[i] = state == FIELD_INVALID ? old_years[i] : year;
      set_style (GTK_WIDGET (self->entries[ENTRY_BASELINE_YEAR + i]),
                 state == FIELD_INVALID ? "error" : NULL);
      if (state == FIELD_INVALID && invalid_year == NULL)
        invalid_year = self->entries[ENTRY_BASELINE_YEAR + i];
    }
  source = g_strstrip (g_strdup (gtk_editable_get_text (self->entries[ENTRY_SOURCE])));
  /* the message names the field (the entry row's title) */
  if (invalid_number != NULL)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("%s: enter a number, such as 12 or 12.5."),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (invalid_number)));

      show_label (self->error_label, message, "error");
    }
  else if (invalid_year != NULL)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("%s: enter a year with four digits, such as 2023."),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (invalid_year)));

      show_label (self->error_label, message, "error");
    }
  else
    show_label (self->error_label, NULL, "error");

  if (has_old && numbers_same (values[0], old_values[0]) && numbers_same (values[1], old_values[1])
      && years[0] == old_years[0] && years[1] == old_years[1]
      && g_strcmp0 (*source != '\0' ? source : NULL, old_source) == 0)
    return;
  if (isnan (values[0]) && isnan (values[1]) && years[0] == 0 && years[1] == 0 && *source == '\0')
    {
      if (!has_old)
        return;
      zhi_answers_clear (answers, self->kpi->id);
    }
  else
    {
      zhi_answers_set_kpi (answers, self->kpi->id, values[0], values[1]);
      zhi_answers_set_kpi_details (answers, self->kpi->id, years[0], years[1], source);
    }
  self->writing = TRUE;
  zhi_project_answers_changed (self->project, self->kpi->id);
  self->writing = FALSE;
  update_computed (self);
}

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiKpiEditor *self)
{
  if (g_strcmp0 (what, "answers") == 0 && !self->writing)
    sync_from_project (self);
}

/* ---- building ----------------------------------------------------------------------------- */

static GtkWidget *
wrapped_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static GtkWidget *
entry_row_new (ZhiKpiEditor *self, guint which, const char *title, const char *tooltip)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *accessible = g_strdup_printf ("%s: %s", zhi_text_get (&self->kpi->label), title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_tooltip_text (row, tooltip != NULL ? tooltip : title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row),
                                   which == ENTRY_SOURCE          ? GTK_INPUT_PURPOSE_FREE_FORM
                                   : which >= ENTRY_BASELINE_YEAR ? GTK_INPUT_PURPOSE_DIGITS
                                                                  : GTK_INPUT_PURPOSE_NUMBER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
  self->entries[which] = GTK_EDITABLE (row);
  gtk_list_box_append (self->list, row);
  return row;
}

static void
build (ZhiKpiEditor *self, gboolean show_title)
{
  const char *label = zhi_text_get (&self->kpi->label);
  const char *unit = zhi_text_get (&self->kpi->kpi_unit);
  const char *better = self->kpi->better_higher ? _ ("Higher is better.") : _ ("Lower is better.");
  GtkWidget *row;
  GtkWidget *box;

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->list));

  if (show_title)
    {
      g_autofree char *subtitle
          = *unit != '\0' ? g_strdup_printf ("%s · %s", unit, better) : g_strdup (better);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "property");
      gtk_list_box_append (self->list, row);
    }

  row = entry_row_new (self, ENTRY_BASELINE, _ ("Baseline, before the project"), better);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), zhi_number_suffix_new (unit));
  row = entry_row_new (self, ENTRY_CURRENT, _ ("Current value"), better);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), zhi_number_suffix_new (unit));
  entry_row_new (self, ENTRY_BASELINE_YEAR, _ ("Year of the baseline"),
                 _ ("The year the baseline figure is from, such as 2021."));
  entry_row_new (self, ENTRY_CURRENT_YEAR, _ ("Year of the current value"),
                 _ ("The year the current figure is from, such as 2023."));
  entry_row_new (self, ENTRY_SOURCE, _ ("Data source"),
                 _ ("Where both figures come from, such as 财务报表 (financial statements) or "
                    "MES 统计 (MES statistics)."));

  /* What the figures say */
  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  self->computed_label = GTK_LABEL (wrapped_label (NULL));
  self->details_label = GTK_LABEL (wrapped_label ("caption"));
  self->error_label = GTK_LABEL (wrapped_label (NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->computed_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->details_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_append (self->list, row);
}

/* ---- public ------------------------------------------------------------------------------- */

GtkWidget *
zhi_kpi_editor_new (ZhiStandard *standard, const ZhiIndicator *kpi, gboolean show_title)
{
  ZhiKpiEditor *self;

  g_return_val_if_fail (ZHI_IS_STANDARD (standard), NULL);
  g_return_val_if_fail (kpi != NULL && kpi->kind == ZHI_INDICATOR_KPI, NULL);
  self = g_object_new (ZHI_TYPE_KPI_EDITOR, NULL);
  self->standard = g_object_ref (standard);
  self->kpi = kpi;
  build (self, show_title);
  return GTK_WIDGET (self);
}

const ZhiIndicator *
zhi_kpi_editor_get_indicator (ZhiKpiEditor *self)
{
  g_return_val_if_fail (ZHI_IS_KPI_EDITOR (self), NULL);
  return self->kpi;
}

void
zhi_kpi_editor_set_project (ZhiKpiEditor *self, ZhiProject *project)
{
  g_return_if_fail (ZHI_IS_KPI_EDITOR (self));
  g_return_if_fail (project == NULL || ZHI_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, 0);
  sync_from_project (self);
  update_computed (self);
}

GtkListBox *
zhi_kpi_editor_get_list (ZhiKpiEditor *self)
{
  g_return_val_if_fail (ZHI_IS_KPI_EDITOR (self), NULL);
  return self->list;
}

GtkWidget *
zhi_kpi_editor_get_part (ZhiKpiEditor *self, const char *part)
{
  g_return_val_if_fail (ZHI_IS_KPI_EDITOR (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);

  for (guint i = 0; i < N_ENTRIES; i++)
    if (g_str_equal (part, entry_parts[i]))
      return GTK_WIDGET (self->entries[i]);
  if (g_str_equal (part, "computed"))
    return GTK_WIDGET (self->computed_label);
  if (g_str_equal (part, "details"))
    return GTK_WIDGET (self->details_label);
  if (g_str_equal (part, "error"))
    return GTK_WIDGET (self->error_label);
  return NULL;
}

static void
zhi_kpi_editor_dispose (GObject *object)
{
  ZhiKpiEditor *self = ZHI_KPI_EDITOR (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (zhi_kpi_editor_parent_class)->dispose (object);
}

static void
zhi_kpi_editor_finalize (GObject *object)
{
  ZhiKpiEditor *self = ZHI_KPI_EDITOR (object);

  g_clear_object (&self->standard);
  G_OBJECT_CLASS (zhi_kpi_editor_parent_class)->finalize (object);
}

static void
zhi_kpi_editor_class_init (ZhiKpiEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zhi_kpi_editor_dispose;
  object_class->finalize = zhi_kpi_editor_finalize;
}

static void
zhi_kpi_editor_init (ZhiKpiEditor *self)
{
}
