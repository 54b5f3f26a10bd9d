/* zhi-number-entry.h — what every entry of a figure does alike: show a stored figure without
 * moving the cursor, and the dimmed unit after it
 *
 * The figures are read and written as zhi-number.h says (the one reading of numbers).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean zhi_number_close (double a, double b);
void zhi_number_entry_show (GtkEditable *editable, double value, gboolean replace_invalid);
GtkWidget *zhi_number_suffix_new (const char *unit);

G_END_DECLS
