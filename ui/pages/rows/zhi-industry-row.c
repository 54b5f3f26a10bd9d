/* zhi-industry-row.c — the enterprise's industry division, chosen from a searchable list
 *
 * The list's rows are the divisions of zhi_industry_list() in order: a row's index is its
 * division's.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-industry-row.h"
#include "zhi-industry.h"

struct _ZhiIndustryRow
{
  AdwActionRow parent_instance;

  GtkLabel *title; /* the row's own title and subtitle: see zhi_industry_row_init () */
  GtkLabel *subtitle;
  GtkMenuButton *button;
  GtkSearchEntry *search;
  GtkListBox *list;

  char *code;        /* the division shown */
  GHashTable *shown; /* division codes matching the search; NULL = all */
  const ZhiIndustryDivision *divisions;
  guint n_divisions;
  gboolean rows_made; /* the list's rows (ensure_division_rows) */
};

enum
{
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZhiIndustryRow, zhi_industry_row, ADW_TYPE_ACTION_ROW)

static const char *
row_code (ZhiIndustryRow *self, GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  return index >= 0 && (guint)index < self->n_divisions ? self->divisions[index].code : NULL;
}

void
zhi_industry_row_set_division (ZhiIndustryRow *self, const char *code)
{
  const ZhiIndustryDivision *division;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (ZHI_IS_INDUSTRY_ROW (self));

  if (code == NULL)
    code = "";
  g_free (self->code);
  self->code = g_strdup (code);
  division = zhi_industry_lookup (code);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  if (division != NULL)
    subtitle = g_strdup_printf ("%s %s", division->code, zhi_industry_division_name (division));
  else if (*code != '\0')
    {
      /* Translators: %s is what the project holds as the industry code */
      subtitle = g_strdup_printf (_ ("“%s” is not a manufacturing division (13–43): choose one "
                                     "from the list."),
                                  code);
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
    }
  else
    subtitle = g_strdup (_ ("Not chosen: pick the division of your main products"));
  gtk_label_set_text (self->subtitle, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle), subtitle);
  /* a division's name is one line; a message about a wrong code is read whole */
  gtk_label_set_wrap (self->subtitle, division == NULL && *code != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static gboolean
filter_func (GtkListBoxRow *row, gpointer data)
{
  ZhiIndustryRow *self = data;

  return self->shown == NULL || g_hash_table_contains (self->shown, row_code (self, row));
}

/* The list's rows, one per division, are made the first time the list is wanted (the popover
 * shown, the list or the search asked for): a page shows the row long before anyone opens it. */
static void
ensure_division_rows (ZhiIndustryRow *self)
{
  if (self->rows_made)
    return;
  self->rows_made = TRUE;
  for (guint i = 0; i < self->n_divisions; i++)
    {
      GtkWidget *item = gtk_list_box_row_new ();
      g_autofree char *text = g_strdup_printf ("%s %s", self->divisions[i].code,
                                               zhi_industry_division_name (&self->divisions[i]));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
      gtk_list_box_append (self->list, item);
    }
}

static void
search_changed_cb (ZhiIndustryRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autoptr (GPtrArray) matches = NULL;

  ensure_division_rows (self);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  if (*text != '\0')
    {
      matches = zhi_industry_search (text);
      self->shown = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < matches->len; i++)
        {
          const ZhiIndustryDivision *division = g_ptr_array_index (matches, i);

          g_hash_table_add (self->shown, (gpointer)division->code);
        }
    }
  gtk_list_box_invalidate_filter (self->list);
}

static void
row_activated_cb (ZhiIndustryRow *self, GtkListBoxRow *row)
{
  g_signal_emit (self, signals[CHOSEN], 0, row_code (self, row));
  gtk_menu_button_popdown (self->button);
}

/* Enter in the search picks the first division shown */
static void
search_activate_cb (ZhiIndustryRow *self)
{
  ensure_division_rows (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && filter_func (GTK_LIST_BOX_ROW (row), self))
      {
        row_activated_cb (self, GTK_LIST_BOX_ROW (row));
        return;
      }
}

static void
popover_show_cb (ZhiIndustryRow *self)
{
  ensure_division_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row)
        && g_strcmp0 (row_code (self, GTK_LIST_BOX_ROW (row)), self->code) == 0)
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

/* What the row says under its title: the division, or what is wrong */
const char *
zhi_industry_row_get_subtitle (ZhiIndustryRow *self)
{
  g_return_val_if_fail (ZHI_IS_INDUSTRY_ROW (self), NULL);
  return gtk_label_get_text (self->subtitle);
}

GtkWidget *
zhi_industry_row_get_button (ZhiIndustryRow *self)
{
  g_return_val_if_fail (ZHI_IS_INDUSTRY_ROW (self), NULL);
  return GTK_WIDGET (self->button);
}

GtkWidget *
zhi_industry_row_get_search (ZhiIndustryRow *self)
{
  g_return_val_if_fail (ZHI_IS_INDUSTRY_ROW (self), NULL);
  ensure_division_rows (self);
  return GTK_WIDGET (self->search);
}

GtkWidget *
zhi_industry_row_get_list (ZhiIndustryRow *self)
{
  g_return_val_if_fail (ZHI_IS_INDUSTRY_ROW (self), NULL);
  ensure_division_rows (self);
  return GTK_WIDGET (self->list);
}

static void
zhi_industry_row_finalize (GObject *object)
{
  ZhiIndustryRow *self = ZHI_INDUSTRY_ROW (object);

  g_free (self->code);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  G_OBJECT_CLASS (zhi_industry_row_parent_class)->finalize (object);
}

static void
zhi_industry_row_class_init (ZhiIndustryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zhi_industry_row_finalize;

  /**
   * ZhiIndustryRow::chosen:
   * @code: the division's code, e.g. "36"
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
zhi_industry_row_init (ZhiIndustryRow *self)
{
  GtkWidget *row = GTK_WIDGET (self);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (_ ("No division matches"));
  GtkWidget *labels;

  self->code = g_strdup ("");
  self->button = GTK_MENU_BUTTON (button);
  self->search = GTK_SEARCH_ENTRY (search);
  self->list = GTK_LIST_BOX (list);

  /* The title and subtitle are the row's own labels, laid out and styled as AdwActionRow's
   * (row > box.header > box.title): AdwActionRow's always wrap, and GTK 4.8 sizes a wrapping
   * label in the row's horizontal box by trying width after width (some 20 M instructions on
   * the enterprise page's first frame).  These are one line, ellipsized, the whole text in the
   * tooltip; only a message about a wrong code wraps. */
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (labels, 6);
  gtk_widget_set_margin_bottom (labels, 6);
  gtk_widget_add_css_class (labels, "title");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  self->title = GTK_LABEL (gtk_label_new (_ ("Industry Division (GB/T 4754-2017)")));
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  for (guint i = 0; i < 2; i++)
    {
      GtkLabel *label = i == 0 ? self->title : self->subtitle;

      gtk_label_set_xalign (label, 0);
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (GTK_WIDGET (label), i == 0 ? "title" : "subtitle");
      gtk_box_append (GTK_BOX (labels), GTK_WIDGET (label));
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), gtk_label_get_text (self->title));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), labels);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Industry division"), -1);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "pan-down-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _ ("Choose the Industry Division"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Choose the industry division"), -1);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  g_object_set (search, "placeholder-text", _ ("Code or name, e.g. 34 or machinery"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Search the industry divisions"), -1);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (search, "activate", G_CALLBACK (search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (search), popover);
  gtk_box_append (GTK_BOX (box), search);

  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_func, self, NULL);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Industry divisions"), -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  self->divisions = zhi_industry_list (&self->n_divisions);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_widget_set_size_request (scrolled, 280, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_show_cb), self, G_CONNECT_SWAPPED);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
}

GtkWidget *
zhi_industry_row_new (void)
{
  return g_object_new (ZHI_TYPE_INDUSTRY_ROW, NULL);
}
