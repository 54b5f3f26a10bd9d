/* zhi-credit-code.h — the unified social credit code (GB 32100-2015)
 *
 * Contract shared by the enterprise page, the eligibility engine and the CLI.
 * Implemented in zhi-credit-code.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZHI_CREDIT_CODE_VALID,
  ZHI_CREDIT_CODE_EMPTY,
  ZHI_CREDIT_CODE_BAD_LENGTH,     /* not 18 characters */
  ZHI_CREDIT_CODE_BAD_CHARACTER,  /* a character outside 0-9 A-Z minus I O Z S V */
  ZHI_CREDIT_CODE_BAD_ORG_CHECK,  /* position 17 is not the GB 11714 check of 9-16 */
  ZHI_CREDIT_CODE_BAD_CHECK_CHAR, /* position 18 is not the GB 32100 check character */
} ZhiCreditCodeStatus;

/* Order of the checks (the first failing one is reported):
 *   EMPTY (nothing left after removing white space)
 *   BAD_CHARACTER (first offending character, 1-based position in the normalized code;
 *                  reported before the length so that a mistyped O/I is named precisely)
 *   BAD_LENGTH
 *   BAD_ORG_CHECK (position 17; a wrong character among 9-17 usually shows here first)
 *   BAD_CHECK_CHAR (position 18; catches every single-character substitution)
 *
 * Normalization: white space anywhere (ASCII and U+3000) is removed, full-width
 * ASCII (Ｏ９…) is folded to ASCII, lower case is upper-cased. */
typedef struct
{
  ZhiCreditCodeStatus status;
  char normalized[19];  /* upper-cased, spaces removed; "" when unusable (not 18 ASCII chars) */
  int bad_position;     /* 1-based position of the offending character, 0 when none */
  char expected;        /* the character expected at bad_position for check failures, else 0 */
  char region_code[7];  /* positions 3-8, "" when unusable (not 18 long or not 6 digits) */
  gboolean in_liaoning; /* positions 3-4 are "21" */
  const char *city_zh;  /* 沈阳市 … 葫芦岛市, 辽宁省 for 210000; NULL when unknown */
  const char *city_en;  /* Shenyang … Huludao, Liaoning Province; NULL when unknown */
  /* additions */
  int length;     /* characters after normalization */
  gunichar found; /* the character found at bad_position (upper-cased), else 0 */
} ZhiCreditCode;

#define ZHI_CREDIT_CODE_CHARSET "0123456789ABCDEFGHJKLMNPQRTUWXY"

/* Never fails: the verdict is in out->status. */
void zhi_credit_code_check (const char *code, ZhiCreditCode *out);
/* A translated sentence that names the problem and what to do, or "valid" wording. */
char *zhi_credit_code_describe (const ZhiCreditCode *info);
/* The Liaoning city for a GB/T 2260 code ("2101xx" → 沈阳市), or NULL. */
const char *zhi_region_city_name (const char *region_code, gboolean chinese);

/* additions */

/* The province-level division for a GB/T 2260 code ("35xxxx" → 福建省), or NULL. */
const char *zhi_region_province_name (const char *region_code, gboolean chinese);
/* A stable machine name for a status: "valid", "empty", "bad-length", "bad-character",
 * "bad-org-check", "bad-check-char". */
const char *zhi_credit_code_status_to_string (ZhiCreditCodeStatus status);
/* The GB 32100 check character for 17 upper-case characters of the charset, or 0. */
char zhi_credit_code_compute_check_char (const char *first17);
/* The GB 11714 check digit ('0'-'9' or 'X') for 8 characters [0-9A-Z], or 0. */
char zhi_credit_code_compute_org_check (const char *org8);

#define ZHI_CREDIT_CODE_ERROR (zhi_credit_code_error_quark ())
typedef enum
{
  ZHI_CREDIT_CODE_ERROR_INVALID, /* message: zhi_credit_code_describe () */
} ZhiCreditCodeError;
GQuark zhi_credit_code_error_quark (void);
/* TRUE when valid; otherwise sets ZHI_CREDIT_CODE_ERROR_INVALID with the description.
 * info may be NULL. */
gboolean zhi_credit_code_validate (const char *code, ZhiCreditCode *info, GError **error);

G_END_DECLS
