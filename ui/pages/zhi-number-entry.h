/* zhi-number-entry.h — what every entry of a figure does alike: show a stored figure without
 * moving the cursor, and the dimmed unit after it
 *
 * The figures are read and written as zhi-number.h says (the one reading of numbers).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean zhi_number_close (double a, double b);
/* A field's amount: an empty text is 0; FALSE for anything but a non-negative number. */
gboolean zhi_number_entry_read_amount (const char *text, double *out);
/* The same, a whole number. */
gboolean zhi_number_entry_read_count (const char *text, gint64 *out);
/* An amount's text: 0 shows as an empty field. */
char *zhi_number_entry_amount_text (double value);
void zhi_number_entry_show (GtkEditable *editable, double value, gboolean replace_invalid);
GtkWidget *zhi_number_suffix_new (const char *unit);

G_END_DECLS
