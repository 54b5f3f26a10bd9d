/* zhi-number.c — see zhi-number.h */
#include "config.h"

#include <math.h>
#include <string.h>

#include "zhi-number.h"

ZhiNumberState
zhi_number_parse (const char *text, double *value)
{
  g_autofree char *normal = NULL;
  g_autoptr (GString) plain = g_string_new (NULL);
  const char *p;
  char separator = '\0';
  guint group = 0; /* digits since the last separator (or the start) */
  gboolean first_group = TRUE;
  gboolean seen_point = FALSE;
  guint digits = 0, fraction_digits = 0;
  char *end = NULL;
  double v;

  if (text == NULL)
    return ZHI_NUMBER_EMPTY;
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL); /* １２．５ → 12.5, ， → , */
  if (normal == NULL)
    return ZHI_NUMBER_INVALID;
  g_strstrip (normal);
  if (*normal == '\0')
    return ZHI_NUMBER_EMPTY;

  p = normal;
  if (*p == '-' || *p == '+')
    g_string_append_c (plain, *p++);
  for (; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isdigit (c))
        {
          g_string_append_c (plain, c);
          if (seen_point)
            fraction_digits++;
          else
            {
              digits++;
              group++;
            }
        }
      else if (c == '.' && !seen_point)
        {
          /* the group before the point is complete */
          if (separator != '\0' && group != 3)
            return ZHI_NUMBER_INVALID;
          seen_point = TRUE;
          g_string_append_c (plain, '.');
        }
      else if ((c == ',' || c == ' ') && !seen_point)
        {
          if (separator != '\0' && c != separator)
            return ZHI_NUMBER_INVALID; /* mixed separators */
          if (group == 0 || (first_group ? group > 3 : group != 3))
            return ZHI_NUMBER_INVALID;
          separator = c;
          first_group = FALSE;
          group = 0;
        }
      else
        return ZHI_NUMBER_INVALID;
    }
  if (separator != '\0' && !seen_point && group != 3)
    return ZHI_NUMBER_INVALID;
  if (digits + fraction_digits == 0)
    return ZHI_NUMBER_INVALID;
  v = g_ascii_strtod (plain->str, &end);
  if (end == plain->str || *end != '\0' || !isfinite (v))
    return ZHI_NUMBER_INVALID;
  if (value != NULL)
    *value = v;
  return ZHI_NUMBER_VALID;
}

char *
zhi_number_format (double value, guint decimals)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 64];
  GString *out;
  char *point;
  const char *digits;
  gsize int_len;

  g_return_val_if_fail (isfinite (value), g_strdup (""));
  decimals = MIN (decimals, 9);
  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (buf, sizeof buf, format, value);
  /* trailing zeros of the fraction, then a bare point */
  if ((point = strchr (buf, '.')) != NULL)
    {
      char *end = buf + strlen (buf) - 1;

      while (end > point && *end == '0')
        *end-- = '\0';
      if (end == point)
        *end = '\0';
    }
  if (g_str_equal (buf, "-0"))
    return g_strdup ("0");

  out = g_string_new (NULL);
  digits = buf;
  if (*digits == '-')
    g_string_append_c (out, *digits++);
  point = strchr (digits, '.');
  int_len = point != NULL ? (gsize)(point - digits) : strlen (digits);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    g_string_append (out, point);
  return g_string_free (out, FALSE);
}
