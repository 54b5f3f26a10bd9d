/* zhi-message-row.c — the message under a field of the enterprise page */
#include "zhi-message-row.h"

struct _ZhiMessageRow
{
  AdwPreferencesRow parent_instance;

  GtkLabel *label;
  GtkButton *button;
};

G_DEFINE_FINAL_TYPE (ZhiMessageRow, zhi_message_row, ADW_TYPE_PREFERENCES_ROW)

static void
zhi_message_row_class_init (ZhiMessageRowClass *klass)
{
}

static void
zhi_message_row_init (ZhiMessageRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  /* A tab stop (read by screen readers): a GtkListBox moving the focus with Tab to a row that
   * takes none keeps it where it was, so a message row that took no focus trapped Tab in the
   * field above it. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* selectable by mouse, but never in the Tab chain: a selectable GtkLabel takes
   * the focus from Tab even when not focusable, which trapped Tab in the field above */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_can_focus (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  /* below the text, so a long message keeps the row's width even on a phone-sized window */
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_visible (button, FALSE);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->label = GTK_LABEL (label);
  self->button = GTK_BUTTON (button);
}

GtkWidget *
zhi_message_row_new (void)
{
  return g_object_new (ZHI_TYPE_MESSAGE_ROW, NULL);
}

gboolean
zhi_message_row_show (ZhiMessageRow *self,
                      ZhiMessageStyle style,
                      const char *text,
                      const char *button_label)
{
  GtkWidget *label;
  gboolean shown;

  g_return_val_if_fail (ZHI_IS_MESSAGE_ROW (self), FALSE);
  label = GTK_WIDGET (self->label);
  shown = style != ZHI_MESSAGE_NONE && text != NULL && *text != '\0';
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  if (g_strcmp0 (gtk_label_get_text (self->label), shown ? text : "") != 0)
    gtk_label_set_text (self->label, shown ? text : "");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  if (shown)
    gtk_widget_add_css_class (label, style == ZHI_MESSAGE_ERROR     ? "error"
                                     : style == ZHI_MESSAGE_WARNING ? "warning"
                                                                    : "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->button), shown && button_label != NULL);
  if (shown && button_label != NULL)
    {
      gtk_button_set_label (self->button, button_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      button_label, -1);
    }
  return shown;
}

const char *
zhi_message_row_get_text (ZhiMessageRow *self)
{
  g_return_val_if_fail (ZHI_IS_MESSAGE_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self)) ? gtk_label_get_text (self->label) : NULL;
}

GtkButton *
zhi_message_row_get_button (ZhiMessageRow *self)
{
  g_return_val_if_fail (ZHI_IS_MESSAGE_ROW (self), NULL);
  return self->button;
}
