/* zhi-kpi-section.c — the figures condition （四） rests on, under its answer on the
 * eligibility page: a line per KPI with its change, and the KPI editors shared with the KPI
 * criterion's page (the same answers) */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-kpi-editor.h"
#include "zhi-kpi-section.h"
#include "zhi-kpi.h"

/* One of the KPIs condition （四） rests on: its line in the summary and its editor (the same
 * widget and the same answer as on the KPI criterion's page). */
typedef struct
{
  const ZhiIndicator *indicator;
  AdwActionRow *row;
  GtkImage *icon;
  ZhiKpiEditor *editor;
} Kpi;

struct _ZhiKpiSection
{
  GtkBox parent_instance;

  ZhiProject *project;
  GPtrArray *kpis;               /* Kpi * */
  GtkToggleButton *kpi_expander; /* shows the editors */
};

G_DEFINE_FINAL_TYPE (ZhiKpiSection, zhi_kpi_section, GTK_TYPE_BOX)

/* ---- condition （四）'s figures ------------------------------------------------------------- */

static void
kpi_free (gpointer data)
{
  g_free (data);
}

static GtkWidget *
section_label (const char *text, const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, style);
  return label;
}

/* The KPIs of @standard under condition （四）: a line each with the computed change (or
 * what is wrong with the figures), and their editors — the same answers as the KPI criterion. */
void
zhi_kpi_section_build (ZhiKpiSection *self, ZhiStandard *standard, ZhiProject *project)
{
  GtkWidget *child;
  GtkWidget *list;
  GtkWidget *editors;
  GPtrArray *kpis;
  const ZhiCriterion *criterion = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (ZHI_IS_KPI_SECTION (self));

  g_set_object (&self->project, project);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  g_ptr_array_set_size (self->kpis, 0);
  self->kpi_expander = NULL;
  kpis = standard != NULL ? zhi_standard_get_kpis (standard) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), kpis != NULL && kpis->len > 0);
  if (kpis == NULL || kpis->len == 0)
    return;
  criterion = ((const ZhiIndicator *)g_ptr_array_index (kpis, 0))->criterion;

  gtk_box_append (GTK_BOX (self), section_label (_ ("Results in Figures"), "heading"));
  if (criterion != NULL)
    /* Translators: %d and %s are the KPI criterion, e.g. "10" and "经济效益明显提升" */
    description = g_strdup_printf (
        _ ("The condition asks for marked results in these areas and sets no figure: the "
           "enterprise confirms it above, and these figures support it (it is not shown as met "
           "while none of them shows an improvement). They are the same figures as criterion %d, "
           "%s: a change here shows there too."),
        criterion->number, zhi_text_get (&criterion->title));
  else
    description = g_strdup (
        _ ("The condition asks for marked results in these areas and sets no figure: the "
           "enterprise confirms it above, and these figures support it (it is not shown as met "
           "while none of them shows an improvement)."));
  gtk_box_append (GTK_BOX (self), section_label (description, "dim-label"));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Results in Figures"), -1);
  editors = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (editors, 6);
  for (guint i = 0; i < kpis->len; i++)
    {
      Kpi *kpi = g_new0 (Kpi, 1);

      kpi->indicator = g_ptr_array_index (kpis, i);
      kpi->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (kpi->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kpi->row),
                                     zhi_text_get (&kpi->indicator->label));
      adw_action_row_set_title_lines (kpi->row, 0);
      adw_action_row_set_subtitle_lines (kpi->row, 0);
      kpi->icon = GTK_IMAGE (gtk_image_new ());
      adw_action_row_add_prefix (kpi->row, GTK_WIDGET (kpi->icon));
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (kpi->row));
      kpi->editor = ZHI_KPI_EDITOR (zhi_kpi_editor_new (standard, kpi->indicator, TRUE));
      zhi_kpi_editor_set_project (kpi->editor, self->project);
      gtk_box_append (GTK_BOX (editors), GTK_WIDGET (kpi->editor));
      g_ptr_array_add (self->kpis, kpi);
    }
  gtk_box_append (GTK_BOX (self), list);
  {
    GtkWidget *revealer = gtk_revealer_new ();

    /* a plain toggle button: GtkExpander's own button has no accessible name in GTK 4.8 */
    self->kpi_expander
        = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_ ("Enter the Figures")));
    gtk_widget_set_halign (GTK_WIDGET (self->kpi_expander), GTK_ALIGN_START);
    gtk_widget_set_margin_top (GTK_WIDGET (self->kpi_expander), 6);
    gtk_revealer_set_child (GTK_REVEALER (revealer), editors);
    g_object_bind_property (self->kpi_expander, "active", revealer, "reveal-child",
                            G_BINDING_SYNC_CREATE);
    gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->kpi_expander));
    gtk_box_append (GTK_BOX (self), revealer);
  }
  zhi_kpi_section_refresh (self);
}

/* Each KPI's line: the change, flagged when worse; an error naming it when a value is missing
 * or the baseline is 0. */
void
zhi_kpi_section_refresh (ZhiKpiSection *self)
{
  const ZhiAnswers *answers;

  g_return_if_fail (ZHI_IS_KPI_SECTION (self));

  if (self->project == NULL)
    return;
  answers = zhi_project_get_answers (self->project);
  for (guint i = 0; i < self->kpis->len; i++)
    {
      Kpi *kpi = g_ptr_array_index (self->kpis, i);
      ZhiKpiFigures f;
      g_autofree char *line = NULL;
      g_autofree char *details = NULL;
      g_autofree char *subtitle = NULL;
      const char *icon;
      const char *css;
      const char *state;

      zhi_kpi_read (kpi->indicator, answers, &f);
      line = zhi_kpi_describe (kpi->indicator, &f);
      details = zhi_kpi_describe_details_problem (kpi->indicator, &f);
      switch (f.trend)
        {
          case ZHI_KPI_IMPROVED:
            icon = "emblem-ok-symbolic", css = "success", state = _ ("Improved");
            break;
          case ZHI_KPI_WORSE:
            icon = "dialog-warning-symbolic", css = "warning", state = _ ("Got worse");
            break;
          case ZHI_KPI_UNCHANGED:
            icon = "dialog-warning-symbolic", css = "warning", state = _ ("Unchanged");
            break;
          case ZHI_KPI_INCOMPLETE:
          case ZHI_KPI_ZERO_BASELINE:
            icon = "dialog-error-symbolic", css = "error", state = _ ("To correct");
            break;
          case ZHI_KPI_NOT_ENTERED:
          default:
            icon = "dialog-question-symbolic", css = "dim-label", state = _ ("Not filled in");
            break;
        }
      subtitle = details != NULL ? g_strdup_printf ("%s\n%s", line, details) : g_strdup (line);
      adw_action_row_set_subtitle (kpi->row, subtitle);
      gtk_image_set_from_icon_name (kpi->icon, icon);
      gtk_widget_remove_css_class (GTK_WIDGET (kpi->icon), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (kpi->icon), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (kpi->icon), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (kpi->icon), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (kpi->icon), css);
      gtk_accessible_update_property (GTK_ACCESSIBLE (kpi->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      state, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (kpi->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
    }
}

static Kpi *
lookup_kpi (ZhiKpiSection *self, const char *id)
{
  for (guint i = 0; i < self->kpis->len; i++)
    {
      Kpi *kpi = g_ptr_array_index (self->kpis, i);

      if (g_strcmp0 (kpi->indicator->id, id) == 0)
        return kpi;
    }
  return NULL;
}

void
zhi_kpi_section_set_project (ZhiKpiSection *self, ZhiProject *project)
{
  g_return_if_fail (ZHI_IS_KPI_SECTION (self));

  g_set_object (&self->project, project);
  for (guint i = 0; i < self->kpis->len; i++)
    zhi_kpi_editor_set_project (((Kpi *)g_ptr_array_index (self->kpis, i))->editor, project);
}

GtkWidget *
zhi_kpi_section_get_control (ZhiKpiSection *self, const char *id, const char *which)
{
  Kpi *kpi;

  g_return_val_if_fail (ZHI_IS_KPI_SECTION (self), NULL);

  if ((kpi = lookup_kpi (self, id)) == NULL)
    return NULL;
  if (which == NULL || g_str_equal (which, "summary"))
    return GTK_WIDGET (kpi->row);
  if (g_str_equal (which, "editor"))
    return GTK_WIDGET (kpi->editor);
  if (g_str_equal (which, "expander"))
    return GTK_WIDGET (self->kpi_expander);
  return zhi_kpi_editor_get_part (kpi->editor, which);
}

static void
zhi_kpi_section_dispose (GObject *object)
{
  ZhiKpiSection *self = ZHI_KPI_SECTION (object);

  g_clear_object (&self->project);
  G_OBJECT_CLASS (zhi_kpi_section_parent_class)->dispose (object);
}

static void
zhi_kpi_section_finalize (GObject *object)
{
  ZhiKpiSection *self = ZHI_KPI_SECTION (object);

  g_clear_pointer (&self->kpis, g_ptr_array_unref);
  G_OBJECT_CLASS (zhi_kpi_section_parent_class)->finalize (object);
}

static void
zhi_kpi_section_class_init (ZhiKpiSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zhi_kpi_section_dispose;
  object_class->finalize = zhi_kpi_section_finalize;
}

static void
zhi_kpi_section_init (ZhiKpiSection *self)
{
  self->kpis = g_ptr_array_new_with_free_func (kpi_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
zhi_kpi_section_new (void)
{
  return g_object_new (ZHI_TYPE_KPI_SECTION, NULL);
}
