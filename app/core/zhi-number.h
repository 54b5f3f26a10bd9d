/* zhi-number.h — the one way numbers are read from and written to every field
 *
 * Read: digits with at most one decimal point, an optional leading sign, and thousands
 * separators (',' or a space; full-width forms are read as these) used consistently: the same
 * separator throughout, groups of exactly three digits, none after the point.  Full-width
 * digits and point (１２．５) read as the ASCII ones.  Rejected: hex ("0x10"), exponents,
 * "inf"/"nan", trailing garbage, a lone sign or point.  Locale-independent.
 *
 * Written: ',' between groups of three digits, at most @decimals decimals, trailing zeros
 * removed ("1,234,567.5").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZHI_NUMBER_EMPTY,   /* only blanks: not entered (yet) */
  ZHI_NUMBER_VALID,   /* *value set */
  ZHI_NUMBER_INVALID, /* something that is not a number */
} ZhiNumberState;

ZhiNumberState zhi_number_parse (const char *text, double *value);
/* @decimals 0..9 */
char *zhi_number_format (double value, guint decimals);

G_END_DECLS
