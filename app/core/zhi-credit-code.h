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

typedef struct
{
  ZhiCreditCodeStatus status;
  char normalized[19];  /* upper-cased, spaces removed; "" when unusable */
  int bad_position;     /* 1-based position of the offending character, 0 when none */
  char expected;        /* the character expected at bad_position for check failures, else 0 */
  char region_code[7];  /* positions 3-8, "" when unusable */
  gboolean in_liaoning; /* positions 3-4 are "21" */
  const char *city_zh;  /* 沈阳市 … 葫芦岛市, 辽宁省 for 210000; NULL when unknown */
  const char *city_en;  /* Shenyang … Huludao, Liaoning Province; NULL when unknown */
} ZhiCreditCode;

/* Never fails: the verdict is in out->status. */
void zhi_credit_code_check (const char *code, ZhiCreditCode *out);
/* A translated sentence that names the problem and what to do, or "valid" wording. */
char *zhi_credit_code_describe (const ZhiCreditCode *info);
/* The Liaoning city for a GB/T 2260 code ("2101xx" → 沈阳市), or NULL. */
const char *zhi_region_city_name (const char *region_code, gboolean chinese);

G_END_DECLS
