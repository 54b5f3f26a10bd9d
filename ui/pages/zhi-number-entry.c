/* zhi-number-entry.c — see zhi-number-entry.h */
#include "config.h"

#include <math.h>

#include "zhi-number-entry.h"
#include "zhi-number.h"

/**
 * zhi_number_close:
 *
 * Returns: whether @a and @b are the same figure, to one part in 10⁹ of the larger.
 */
gboolean
zhi_number_close (double a, double b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

/**
 * zhi_number_entry_show:
 * @editable: an entry of a figure
 * @value: the stored figure, or NAN for none
 * @replace_invalid: whether text in @editable that is no number is replaced too (else it is
 *   kept until the user corrects it)
 *
 * Sets @editable to @value unless it already reads as that value (keeps the cursor).
 */
void
zhi_number_entry_show (GtkEditable *editable, double value, gboolean replace_invalid)
{
  double current = 0;
  ZhiNumberState state = zhi_number_parse (gtk_editable_get_text (editable), &current);
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  if (state == ZHI_NUMBER_INVALID && !replace_invalid)
    return;
  if (isnan (value))
    {
      if (state != ZHI_NUMBER_EMPTY)
        gtk_editable_set_text (editable, "");
      return;
    }
  if (state == ZHI_NUMBER_VALID && zhi_number_close (current, value))
    return;
  text = zhi_number_format (value, 6);
  gtk_editable_set_text (editable, text);
}

/* The unit after an entry (“%”, “万元”), dimmed. */
GtkWidget *
zhi_number_suffix_new (const char *unit)
{
  GtkWidget *label = gtk_label_new (unit);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

gboolean
zhi_number_entry_read_amount (const char *text, double *out)
{
  double value = 0;

  switch (zhi_number_parse (text, &value))
    {
      case ZHI_NUMBER_EMPTY:
        *out = 0;
        return TRUE;
      case ZHI_NUMBER_VALID:
        if (value < 0)
          return FALSE;
        *out = value;
        return TRUE;
      case ZHI_NUMBER_INVALID:
      default:
        return FALSE;
    }
}

gboolean
zhi_number_entry_read_count (const char *text, gint64 *out)
{
  double value = 0;

  if (!zhi_number_entry_read_amount (text, &value) || value != floor (value)
      || value > (double)G_MAXINT64)
    return FALSE;
  *out = (gint64)value;
  return TRUE;
}

char *
zhi_number_entry_amount_text (double value)
{
  if (value == 0)
    return g_strdup ("");
  return zhi_number_format (value, 4);
}
