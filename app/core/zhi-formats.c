/* zhi-formats.c — the forms of what is typed into the enterprise's details */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "zhi-formats.h"

/* "2019-06-30", "2019/6/30", "2019.6.30" → "2019-06-30"; "" → ""; NULL when not a date. */
char *
zhi_format_normalize_date (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  unsigned year, month, day;
  char sep1, sep2;
  int consumed = 0;

  if (*clean == '\0')
    return g_strdup ("");
  if (sscanf (clean, "%4u%c%2u%c%2u%n", &year, &sep1, &month, &sep2, &day, &consumed) != 5
      || clean[consumed] != '\0' || sep1 != sep2 || strchr ("-/.", sep1) == NULL)
    return NULL;
  if (year < 1900 || year > 2100 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* Could more typing still make this a date? */
gboolean
zhi_format_date_incomplete (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));

  for (const char *p = clean; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("-/.", *p) == NULL)
      return FALSE;
  return strlen (clean) < 8;
}

gboolean
zhi_format_email_plausible (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || (guchar)*p >= 0x80)
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* Digits with spaces, dashes, brackets, a leading +, an extension after "转" or "ext". */
gboolean
zhi_format_phone_plausible (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digits++;
      else if (c == 0x8F6C /* 转 */ || g_ascii_strncasecmp (p, "ext", 3) == 0)
        break;
      else if (strchr (" -+()", c) == NULL || c == 0)
        return FALSE;
    }
  return digits >= 7 && digits <= 15;
}
