/* zhi-score-page.c — 评分预览: the self-assessed score, the gates, the weakest criteria and the
 * pre-submit checklist
 *
 * Everything shown comes from the shared ZhiEvaluation (never computed here) and is rebuilt on
 * ZhiEvaluation::updated.  Rows jump to where a problem is fixed through the view's
 * "view.show-step" action ("step" or "step#field").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-evaluation.h"
#include "zhi-names.h"
#include "zhi-score-page.h"

/* Chart geometry, in pixels */
#define BAR_HEIGHT 9
#define BAR_GAP 2
#define TEXT_GAP 4
#define ROW_GAP 14

struct _ZhiScorePage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  GtkStack *stack;
  AdwStatusPage *empty_status;
  GtkLabel *claimed_label;
  GtkLabel *claimed_of_label;
  GtkLabel *claimed_band_label;
  GtkLabel *evidenced_label;
  GtkLabel *evidenced_of_label;
  GtkLabel *evidenced_band_label;
  GtkLabel *advice_label;
  GtkLabel *claimed_advice_label;
  GtkImage *verdict_icon;
  GtkLabel *verdict_label;
  GtkLabel *summary_label;
  GtkExpander *weights_expander;
  GtkLabel *weights_label;
  GtkListBox *gates_list;
  GtkBox *legend_box;
  GtkDrawingArea *chart;
  GtkListBox *weakest_list;
  GtkExpander *weakest_expander;
  AdwPreferencesGroup *checklist_group;
  GtkListBox *checklist;

  /* Owned References */
  ZhiScore *score; /* the score the chart draws */

  guint n_chart_bars;
};

G_DEFINE_FINAL_TYPE (ZhiScorePage, zhi_score_page, ZHI_TYPE_PAGE)

/* ---- colours ------------------------------------------------------------------------------ */

typedef enum
{
  SERIES_CLAIMED,
  SERIES_EVIDENCED,
  SERIES_WEIGHT,
} Series;

/* Colours readable on the card background of the current style: lighter tints in dark mode. */
static void
series_color (GtkWidget *widget, Series series, GdkRGBA *color)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  switch (series)
    {
      case SERIES_CLAIMED:
        /* GNOME palette blue 3 / blue 2 */
        gdk_rgba_parse (color, dark ? "#62a0ea" : "#3584e4");
        break;
      case SERIES_EVIDENCED:
        /* green 5 / green 2 */
        gdk_rgba_parse (color, dark ? "#57e389" : "#26a269");
        break;
      case SERIES_WEIGHT:
      default:
        gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
        break;
    }
}

static void
draw_bar (cairo_t *cr, GtkWidget *widget, Series series, double x, double y, double w, double h)
{
  GdkRGBA color;

  series_color (widget, series, &color);
  if (series == SERIES_WEIGHT)
    {
      /* The weight: a faint track with a thin outline */
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.08);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.35);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (w - 1, 0), MAX (h - 1, 0));
      cairo_stroke (cr);
      return;
    }
  if (w <= 0)
    return;
  /* Claimed: a lighter fill with a solid edge; evidenced: solid.  Told apart without colour. */
  if (series == SERIES_CLAIMED)
    {
      cairo_set_source_rgba (cr, color.red, color.green, color.blue,
                             adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.6
                                                                                           : 0.4);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (w - 1, 0), MAX (h - 1, 0));
      cairo_stroke (cr);
    }
  else
    {
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
    }
}

/* ---- the chart ---------------------------------------------------------------------------- */

static char *
chart_values_text (const ZhiCriterionResult *result)
{
  g_autofree char *claimed = zhi_scoring_format_points (result->claimed);
  g_autofree char *evidenced = zhi_scoring_format_points (result->evidenced);
  g_autofree char *weight = zhi_scoring_format_points (result->max_points);

  /* Translators: a criterion in the chart: claimed points, evidenced points, its weight */
  return g_strdup_printf (_ ("%s · %s / %s"), claimed, evidenced, weight);
}

static int
chart_line_height (GtkWidget *widget)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0. 智能 Ag");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static int
chart_row_height (GtkWidget *widget)
{
  return chart_line_height (widget) + TEXT_GAP + 2 * BAR_HEIGHT + BAR_GAP + ROW_GAP;
}

static void
chart_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  ZhiScorePage *self = ZHI_SCORE_PAGE (data);
  GtkWidget *widget = GTK_WIDGET (area);
  int line_height = chart_line_height (widget);
  int row_height = chart_row_height (widget);
  double max_weight = 0;
  GdkRGBA fg;

  self->n_chart_bars = 0;
  if (self->score == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  for (guint i = 0; i < self->score->criteria->len; i++)
    {
      const ZhiCriterionResult *result = g_ptr_array_index (self->score->criteria, i);
      max_weight = MAX (max_weight, result->max_points);
    }
  if (max_weight <= 0)
    return;

  for (guint i = 0; i < self->score->criteria->len; i++)
    {
      const ZhiCriterionResult *result = g_ptr_array_index (self->score->criteria, i);
      g_autofree char *title = zhi_names_criterion (result->criterion, ZHI_NAMES_USER);
      g_autofree char *values = chart_values_text (result);
      g_autoptr (PangoLayout) title_layout = gtk_widget_create_pango_layout (widget, title);
      g_autoptr (PangoLayout) values_layout = gtk_widget_create_pango_layout (widget, values);
      double y = i * row_height;
      double bar_y = y + line_height + TEXT_GAP;
      double scale = width / max_weight;
      int values_width;

      /* The values right-aligned, the title in what is left, ellipsized when it must be. */
      pango_layout_get_pixel_size (values_layout, &values_width, NULL);
      pango_layout_set_width (title_layout, MAX (width - values_width - 12, 0) * PANGO_SCALE);
      pango_layout_set_ellipsize (title_layout, PANGO_ELLIPSIZE_END);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, title_layout);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.7);
      cairo_move_to (cr, width - values_width, y);
      pango_cairo_show_layout (cr, values_layout);

      draw_bar (cr, widget, SERIES_WEIGHT, 0, bar_y, result->max_points * scale,
                2 * BAR_HEIGHT + BAR_GAP);
      draw_bar (cr, widget, SERIES_CLAIMED, 0, bar_y, result->claimed * scale, BAR_HEIGHT);
      draw_bar (cr, widget, SERIES_EVIDENCED, 0, bar_y + BAR_HEIGHT + BAR_GAP,
                result->evidenced * scale, BAR_HEIGHT);
      self->n_chart_bars += 2;
    }
}

/* The full title and values of the criterion under the pointer: narrow charts ellipsize. */
static gboolean
chart_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, ZhiScorePage *self)
{
  const ZhiCriterionResult *result;
  g_autofree char *title = NULL;
  g_autofree char *claimed = NULL;
  g_autofree char *evidenced = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *text = NULL;
  guint index;

  if (self->score == NULL || keyboard || y < 0)
    return FALSE;
  index = y / chart_row_height (widget);
  if (index >= self->score->criteria->len)
    return FALSE;
  result = g_ptr_array_index (self->score->criteria, index);
  title = zhi_names_criterion (result->criterion, ZHI_NAMES_USER);
  claimed = zhi_scoring_format_points (result->claimed);
  evidenced = zhi_scoring_format_points (result->evidenced);
  weight = zhi_scoring_format_points (result->max_points);
  text = g_strdup_printf (_ ("%s: claimed %s, evidenced %s, of %s."), title, claimed, evidenced,
                          weight);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
legend_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Series series = GPOINTER_TO_INT (data);

  draw_bar (cr, GTK_WIDGET (area), series, 0, 0, width, height);
}

static void
legend_add (ZhiScorePage *self, Series series, const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* The label beside it names the series: the swatch is decoration. */
  GtkWidget *swatch = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role",
                                    GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (text);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 18);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), BAR_HEIGHT);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), legend_draw, GINT_TO_POINTER (series),
                                  NULL);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->legend_box, box);
}

static void
update_chart (ZhiScorePage *self)
{
  g_autoptr (GString) summary = g_string_new (NULL);

  if (self->score != NULL)
    {
      gtk_drawing_area_set_content_height (
          self->chart, self->score->criteria->len * chart_row_height (GTK_WIDGET (self->chart)));
      g_string_append (summary, _ ("Claimed and evidenced points per criterion, against its "
                                   "weight."));
      for (guint i = 0; i < self->score->criteria->len; i++)
        {
          const ZhiCriterionResult *result = g_ptr_array_index (self->score->criteria, i);
          g_autofree char *title = zhi_names_criterion (result->criterion, ZHI_NAMES_USER);
          g_autofree char *claimed = zhi_scoring_format_points (result->claimed);
          g_autofree char *evidenced = zhi_scoring_format_points (result->evidenced);
          g_autofree char *weight = zhi_scoring_format_points (result->max_points);

          g_string_append_c (summary, ' ');
          /* Translators: one criterion in the chart's description for screen readers */
          g_string_append_printf (summary, _ ("%s: claimed %s, evidenced %s, of %s."), title,
                                  claimed, evidenced, weight);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* ---- rows --------------------------------------------------------------------------------- */

static void
list_box_clear (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A row that jumps to @target ("step" or "step#field") through the view. */
static void
row_set_target (GtkWidget *row, const char *target)
{
  GtkWidget *arrow;

  if (target == NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      return;
    }
  /* AdwActionRow is not activatable unless told so. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "view.show-step");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (target));
  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Go there"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
}

static GtkWidget *
row_new (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static GtkWidget *
status_image_new (const char *icon, const char *css_class, const char *label)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  gtk_widget_add_css_class (image, css_class);
  gtk_widget_set_tooltip_text (image, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return image;
}

/* Where an indicator is answered: its criterion, the scenarios, or the eligibility step. */
static char *
indicator_target (const ZhiIndicator *indicator)
{
  if (indicator->criterion != NULL)
    return g_strdup_printf ("criterion:%s#%s", indicator->criterion->id, indicator->id);
  if (g_strcmp0 (indicator->derived, "scenarios") == 0)
    return g_strdup ("enterprise#scenarios");
  return g_strdup_printf ("eligibility#%s", indicator->id);
}

static void
update_gates (ZhiScorePage *self)
{
  list_box_clear (self->gates_list);
  if (self->score == NULL)
    return;
  for (guint i = 0; i < self->score->gates->len; i++)
    {
      const ZhiGateResult *gate = g_ptr_array_index (self->score->gates, i);
      g_autofree char *target = indicator_target (gate->gate->indicator);
      const char *explain = gate->explain;
      GtkWidget *row;
      GtkWidget *image;
      GtkWidget *state;
      g_autofree char *description = NULL;

      if (gate->state == ZHI_RULE_UNANSWERED && (explain == NULL || *explain == '\0'))
        explain = _ ("Not answered yet");
      row = row_new (zhi_text_get (&gate->gate->text), explain);
      switch (gate->state)
        {
          case ZHI_RULE_MET:
            image = status_image_new ("emblem-ok-symbolic", "success", _ ("Met"));
            state = gtk_label_new (_ ("Met"));
            gtk_widget_add_css_class (state, "success");
            break;
          case ZHI_RULE_NOT_MET:
            image = status_image_new ("dialog-error-symbolic", "error", _ ("Not met"));
            state = gtk_label_new (_ ("Not met"));
            gtk_widget_add_css_class (state, "error");
            break;
          case ZHI_RULE_UNANSWERED:
          default:
            image = status_image_new ("dialog-question-symbolic", "warning", _ ("Unanswered"));
            state = gtk_label_new (_ ("Unanswered"));
            gtk_widget_add_css_class (state, "warning");
            break;
        }
      gtk_widget_add_css_class (state, "caption-heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      /* Screen readers hear the state with the gate. */
      description = g_strdup_printf ("%s. %s", gtk_label_get_text (GTK_LABEL (state)), explain);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
      row_set_target (row, target);
      gtk_list_box_append (self->gates_list, row);
    }
  if (self->score->gates->len == 0)
    {
      GtkWidget *row = row_new (_ ("This track has no gates"), NULL);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->gates_list, row);
    }
}

static void
update_weakest (ZhiScorePage *self)
{
  list_box_clear (self->weakest_list);
  if (self->score == NULL)
    return;
  for (guint i = 0; i < self->score->weakest->len; i++)
    {
      const ZhiCriterionResult *result = g_ptr_array_index (self->score->weakest, i);
      g_autofree char *title = zhi_names_criterion (result->criterion, ZHI_NAMES_USER);
      g_autofree char *target = g_strconcat ("criterion:", result->criterion->id, NULL);
      g_autofree char *gap = zhi_scoring_format_points (result->max_points - result->evidenced);
      g_autofree char *gap_text = NULL;
      const char *advice = result->advice;
      GtkWidget *row;
      GtkWidget *gap_label;

      if (advice == NULL || *advice == '\0')
        advice = result->has_evidence ? _ ("Complete the answers of this criterion.")
                                      : _ ("Attach a document that supports this criterion.");
      row = row_new (title, advice);
      /* Translators: evidenced points a criterion could still gain */
      gap_text = g_strdup_printf (_ ("+%s points"), gap);
      gap_label = gtk_label_new (gap_text);
      gtk_widget_add_css_class (gap_label, "caption-heading");
      gtk_widget_add_css_class (gap_label, "accent");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gap_label);
      gtk_widget_set_tooltip_text (row, _ ("Open this criterion"));
      row_set_target (row, target);
      gtk_list_box_append (self->weakest_list, row);
    }
  if (self->score->weakest->len == 0)
    {
      GtkWidget *row = row_new (_ ("Every criterion has full evidenced marks"), NULL);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 status_image_new ("emblem-ok-symbolic", "success", _ ("Done")));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->weakest_list, row);
    }
  /* the count stays in place while the list under it shrinks */
  {
    g_autofree char *label
        = self->score->weakest->len > 0 ? g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE, "%u criterion can still gain evidenced points",
                           "%u criteria can still gain evidenced points",
                           self->score->weakest->len),
              self->score->weakest->len)
                                        : g_strdup (_ ("Every criterion has full evidenced marks"));

    gtk_expander_set_label (self->weakest_expander, label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->weakest_expander),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

static void
update_checklist (ZhiScorePage *self)
{
  GPtrArray *problems = zhi_evaluation_get_problems (zhi_page_get_evaluation (ZHI_PAGE (self)));
  /* many items of one kind (200 unlinked documents) are one row: the step's page lists them */
  g_autoptr (GPtrArray) entries
      = zhi_evaluation_list_checklist (zhi_page_get_evaluation (ZHI_PAGE (self)));
  guint n_blocking = 0;
  g_autofree char *description = NULL;

  list_box_clear (self->checklist);
  for (guint i = 0; i < entries->len; i++)
    {
      const ZhiChecklistEntry *entry = g_ptr_array_index (entries, i);
      const ZhiProblem *problem = entry->problem;
      gboolean blocking = problem->severity == ZHI_PROBLEM_BLOCKING;
      g_autofree char *target = problem->field != NULL && entry->n_items == 1
                                    ? g_strconcat (problem->step, "#", problem->field, NULL)
                                    : g_strdup (problem->step);
      GtkWidget *row = row_new (entry->message, NULL);
      const char *kind = blocking ? _ ("Blocks submission") : _ ("Warning");

      n_blocking += blocking ? entry->n_items : 0;
      adw_action_row_add_prefix (
          ADW_ACTION_ROW (row),
          status_image_new (blocking ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                            blocking ? "error" : "warning", kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      kind, -1);
      row_set_target (row, target);
      g_object_set_data (G_OBJECT (row), "zhi-n-items", GUINT_TO_POINTER (entry->n_items));
      gtk_list_box_append (self->checklist, row);
    }

  if (n_blocking > 0)
    description = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u problem blocks submission: fix it first.",
                     "%u problems block submission: fix them first.", n_blocking),
        n_blocking);
  else if (problems->len > 0)
    description = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "Nothing blocks submission. %u warning could still weaken the application.",
                     "Nothing blocks submission. %u warnings could still weaken the application.",
                     problems->len),
        problems->len);
  else
    description = g_strdup (_ ("Nothing blocks submission."));
  adw_preferences_group_set_description (self->checklist_group, description);
}

/* ---- totals ------------------------------------------------------------------------------- */

static void
set_total (GtkLabel *number,
           GtkLabel *of,
           GtkLabel *band_label,
           const char *what,
           double points,
           const ZhiBand *band)
{
  g_autofree char *text = zhi_scoring_format_points (points);
  /* The bands are the tool's own reading (the province defines none): say so beside them. */
  g_autofree char *band_text
      = band != NULL
            /* Translators: under a total, %s is a band's label, e.g. "本工具的参考读数：较好" */
            ? g_strdup_printf (_ ("The tool’s own reading: %s"), zhi_text_get (&band->label))
            : g_strdup ("");
  g_autofree char *accessible = NULL;

  gtk_label_set_text (number, text);
  /* Translators: after the score in large digits, "85.9 / 100" */
  gtk_label_set_text (of, _ ("/ 100"));
  gtk_label_set_text (band_label, band_text);
  /* Translators: e.g. "Claimed score: 97.9 of 100, Strong" */
  accessible = g_strdup_printf (_ ("%s: %s of 100, %s"), what, text, band_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (number), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* A band's advice without the sentence every band's advice ends with (the bands are the
 * tool's own reading, not the province's): the page says that once, in its disclaimer. */
static char *
band_advice (ZhiStandard *standard, const ZhiBand *band)
{
  GPtrArray *bands = standard != NULL ? zhi_standard_get_bands (standard) : NULL;
  const char *advice = zhi_text_get (&band->advice);
  gsize common = strlen (advice);
  gsize len = common;

  if (bands == NULL || bands->len < 2)
    return g_strdup (advice);
  /* the longest common suffix, in bytes */
  for (guint i = 0; i < bands->len; i++)
    {
      const char *other = zhi_text_get (&((const ZhiBand *)bands->pdata[i])->advice);
      gsize olen = strlen (other);
      gsize n = 0;

      while (n < common && n < olen && advice[len - 1 - n] == other[olen - 1 - n])
        n++;
      common = n;
    }
  /* cut at a sentence end inside the common part, keeping the band's own advice */
  for (gsize k = len - common; k < len; k++)
    {
      if (k >= 3 && strncmp (advice + k - 3, "。", 3) == 0) /* after a full stop */
        return g_strndup (advice, k);
      if (k >= 2 && advice[k - 1] == ' ' && advice[k - 2] == '.')
        return g_strndup (advice, k - 1);
    }
  return g_strdup (advice);
}

static void
update_totals (ZhiScorePage *self)
{
  ZhiScore *score = self->score;
  ZhiEligibility *eligibility
      = zhi_evaluation_get_eligibility (zhi_page_get_evaluation (ZHI_PAGE (self)));
  ZhiStandard *standard = zhi_evaluation_get_standard (zhi_page_get_evaluation (ZHI_PAGE (self)));
  const ZhiText *note = standard != NULL ? zhi_standard_get_weights_note (standard) : NULL;
  const char *icon;
  const char *css;
  const char *summary;
  const char *label;

  set_total (self->claimed_label, self->claimed_of_label, self->claimed_band_label,
             _ ("Claimed score"), score->total_claimed, score->band_claimed);
  set_total (self->evidenced_label, self->evidenced_of_label, self->evidenced_band_label,
             _ ("Evidenced score"), score->total_evidenced, score->band);

  /* The verdict band's advice; the claimed band's too when the evidence would change it. */
  {
    g_autofree char *advice = score->band != NULL ? band_advice (standard, score->band) : NULL;

    gtk_label_set_text (self->advice_label, advice != NULL ? advice : "");
  }
  if (score->band_claimed != NULL && score->band_claimed != score->band)
    {
      g_autofree char *advice = band_advice (standard, score->band_claimed);
      g_autofree char *text = g_strdup_printf (
          /* Translators: %s is a band's label, then its advice */
          _ ("With evidence for every claim (%s): %s"), zhi_text_get (&score->band_claimed->label),
          advice);

      gtk_label_set_text (self->claimed_advice_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->claimed_advice_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->claimed_advice_label), FALSE);

  switch (eligibility->verdict)
    {
      case ZHI_VERDICT_ELIGIBLE:
        icon = "emblem-ok-symbolic";
        css = "success";
        break;
      case ZHI_VERDICT_INCOMPLETE:
        icon = "dialog-warning-symbolic";
        css = "warning";
        break;
      case ZHI_VERDICT_NOT_ELIGIBLE:
      default:
        icon = "dialog-error-symbolic";
        css = "error";
        break;
    }
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  gtk_widget_set_css_classes (GTK_WIDGET (self->verdict_icon), (const char *[]){ css, NULL });
  gtk_label_set_text (self->verdict_label, zhi_verdict_to_label (eligibility->verdict));
  gtk_widget_set_css_classes (GTK_WIDGET (self->verdict_label),
                              (const char *[]){ "title-4", css, NULL });
  summary = eligibility->summary != NULL ? eligibility->summary : "";
  gtk_label_set_text (self->summary_label, summary);
  /* "符合申报条件" needs no "符合申报条件。" under it; "不符合申报条件：…" says why. */
  label = zhi_verdict_to_label (eligibility->verdict);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label),
                          *summary != '\0'
                              && !(g_str_has_prefix (summary, label)
                                   && g_utf8_strlen (summary + strlen (label), -1) <= 1));

  if (note != NULL && *zhi_text_get (note) != '\0')
    gtk_label_set_text (self->weights_label, zhi_text_get (note));
  gtk_widget_set_visible (GTK_WIDGET (self->weights_expander),
                          note != NULL && *zhi_text_get (note) != '\0');
}

/* Why there is no score: no track yet, or the project's edition of the standard is missing */
static void
update_empty (ZhiScorePage *self)
{
  ZhiEvaluation *evaluation = zhi_page_get_evaluation (ZHI_PAGE (self));
  ZhiProject *project = evaluation != NULL ? zhi_evaluation_get_project (evaluation) : NULL;
  const char *track = project != NULL ? zhi_project_get_track (project) : "";
  const char *edition = project != NULL ? zhi_project_get_standard_edition (project) : "";
  g_autofree char *description = NULL;

  if (track == NULL || *track == '\0' || edition == NULL || *edition == '\0')
    {
      adw_status_page_set_title (self->empty_status, _ ("No Score Yet"));
      adw_status_page_set_description (
          self->empty_status, _ ("Choose the track of the application (digital workshop or smart "
                                 "factory) to see its self-assessed score."));
      return;
    }
  description = g_strdup_printf (
      /* TRANSLATORS: id@edition of the standard; the place in Preferences */
      _ ("This application was drafted against the standard’s edition %s@%s, which is not "
         "installed on this computer, so there is no score to show. Install that edition’s file "
         "in Preferences › Standards, then open the application again."),
      track, edition);
  adw_status_page_set_title (self->empty_status, _ ("Standard Edition Missing"));
  adw_status_page_set_description (self->empty_status, description);
}

static void
update (ZhiScorePage *self)
{
  ZhiScore *score = zhi_page_get_evaluation (ZHI_PAGE (self)) != NULL
                        ? zhi_evaluation_get_score (zhi_page_get_evaluation (ZHI_PAGE (self)))
                        : NULL;

  if (score != NULL)
    zhi_score_ref (score);
  g_clear_pointer (&self->score, zhi_score_unref);
  self->score = score;

  if (self->score == NULL)
    {
      update_empty (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      list_box_clear (self->gates_list);
      list_box_clear (self->weakest_list);
      list_box_clear (self->checklist);
      gtk_label_set_text (self->claimed_label, "");
      gtk_label_set_text (self->evidenced_label, "");
      update_chart (self);
      return;
    }
  update_totals (self);
  update_gates (self);
  update_chart (self);
  update_weakest (self);
  update_checklist (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/* ---- properties and actions --------------------------------------------------------------- */

/* Everything shown comes from the evaluation (the page has no use for the project). */
static void
zhi_score_page_evaluation_changed (ZhiPage *page, ZhiEvaluation *old_evaluation)
{
  ZhiScorePage *self = ZHI_SCORE_PAGE (page);
  ZhiEvaluation *evaluation = zhi_page_get_evaluation (page);

  if (evaluation != NULL)
    g_signal_connect_object (evaluation, "updated", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

/* "checklist", "gates" or "weakest": focus that list's first row. */
static gboolean
zhi_score_page_focus_field (ZhiPage *page, const char *field)
{
  ZhiScorePage *self = ZHI_SCORE_PAGE (page);
  GtkListBox *list = self->checklist;
  GtkListBoxRow *row;

  if (g_str_equal (field, "gates"))
    list = self->gates_list;
  else if (g_str_equal (field, "weakest"))
    list = self->weakest_list;
  row = gtk_list_box_get_row_at_index (list, 0);
  gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (list));
  return TRUE;
}

static void
dark_changed_cb (ZhiScorePage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->legend_box)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    gtk_widget_queue_draw (gtk_widget_get_first_child (item));
}

static void
zhi_score_page_dispose (GObject *object)
{
  ZhiScorePage *self = ZHI_SCORE_PAGE (object);

  g_clear_pointer (&self->score, zhi_score_unref);
  /* AdwBin unparents its child (the template's stack) itself. */
  G_OBJECT_CLASS (zhi_score_page_parent_class)->dispose (object);
}

static void
zhi_score_page_class_init (ZhiScorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_score_page_dispose;
  ZHI_PAGE_CLASS (klass)->evaluation_changed = zhi_score_page_evaluation_changed;
  ZHI_PAGE_CLASS (klass)->focus_field = zhi_score_page_focus_field;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-score-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, claimed_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, claimed_of_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, claimed_band_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, evidenced_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, evidenced_of_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, evidenced_band_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, advice_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, claimed_advice_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, weights_expander);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, weights_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, gates_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, chart);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, weakest_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, weakest_expander);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiScorePage, checklist);
}

static void
zhi_score_page_init (ZhiScorePage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->chart, chart_draw, self, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->chart), TRUE);
  g_signal_connect_object (self->chart, "query-tooltip", G_CALLBACK (chart_query_tooltip), self, 0);
  legend_add (self, SERIES_CLAIMED, _ ("Claimed"));
  legend_add (self, SERIES_EVIDENCED, _ ("Evidenced"));
  legend_add (self, SERIES_WEIGHT, _ ("Weight (full marks)"));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  placeholder = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_box_append (GTK_BOX (placeholder),
                  status_image_new ("emblem-ok-symbolic", "success", _ ("Done")));
  {
    GtkWidget *label
        = gtk_label_new (_ ("Nothing blocks submission, and nothing needs attention."));

    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_box_append (GTK_BOX (placeholder), label);
  }
  gtk_list_box_set_placeholder (self->checklist, placeholder);
  update (self);
}

GtkWidget *
zhi_score_page_new (void)
{
  return g_object_new (ZHI_TYPE_SCORE_PAGE, NULL);
}

const char *
zhi_score_page_get_total_text (ZhiScorePage *self, gboolean evidenced)
{
  g_return_val_if_fail (ZHI_IS_SCORE_PAGE (self), NULL);
  return gtk_label_get_text (evidenced ? self->evidenced_label : self->claimed_label);
}

const char *
zhi_score_page_get_band_text (ZhiScorePage *self, gboolean evidenced)
{
  g_return_val_if_fail (ZHI_IS_SCORE_PAGE (self), NULL);
  return gtk_label_get_text (evidenced ? self->evidenced_band_label : self->claimed_band_label);
}

GtkListBox *
zhi_score_page_get_checklist (ZhiScorePage *self)
{
  g_return_val_if_fail (ZHI_IS_SCORE_PAGE (self), NULL);
  return self->checklist;
}

GtkListBox *
zhi_score_page_get_weakest_list (ZhiScorePage *self)
{
  g_return_val_if_fail (ZHI_IS_SCORE_PAGE (self), NULL);
  return self->weakest_list;
}

GtkWidget *
zhi_score_page_get_chart (ZhiScorePage *self)
{
  g_return_val_if_fail (ZHI_IS_SCORE_PAGE (self), NULL);
  return GTK_WIDGET (self->chart);
}

guint
zhi_score_page_get_n_chart_bars (ZhiScorePage *self)
{
  g_return_val_if_fail (ZHI_IS_SCORE_PAGE (self), 0);
  return self->n_chart_bars;
}

GtkExpander *
zhi_score_page_get_weakest_expander (ZhiScorePage *self)
{
  g_return_val_if_fail (ZHI_IS_SCORE_PAGE (self), NULL);
  return self->weakest_expander;
}
