/* zhi-formats.h — the forms of what is typed into the enterprise's details: dates, e-mail
 * addresses and phone numbers (numbers: zhi-number.h, credit codes: zhi-credit-code.h)
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2019-06-30", "2019/6/30", "2019.6.30" → "2019-06-30"; "" → ""; NULL when not a date
 * (years 1900–2100). */
char *zhi_format_normalize_date (const char *text);
/* Could more typing still make this a date? */
gboolean zhi_format_date_incomplete (const char *text);
/* One "@" with something before it and a dotted domain after it, no spaces, ASCII only. */
gboolean zhi_format_email_plausible (const char *text);
/* 7 to 15 digits with spaces, dashes, brackets, a leading +, an extension after "转" or
 * "ext". */
gboolean zhi_format_phone_plausible (const char *text);

G_END_DECLS
