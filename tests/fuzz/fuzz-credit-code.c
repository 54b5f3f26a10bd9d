/* fuzz-credit-code.c — the unified social credit code check: any bytes as user input
 *
 * Checks the contract of zhi-credit-code.h on every verdict: a valid code is 18
 * characters of the charset with both check characters right, normalizing is
 * idempotent, positions are in range, and describe/validate agree with check.
 */
#include "zhi-fuzz.h"

#include <string.h>

#include "zhi-credit-code.h"

static void
check_contract (const char *input, const ZhiCreditCode *info)
{
  if (info->status > ZHI_CREDIT_CODE_BAD_CHECK_CHAR)
    zhi_fuzz_fail ("unknown status %d", info->status);
  if (info->bad_position < 0 || info->bad_position > MAX (info->length, 19))
    zhi_fuzz_fail ("bad_position %d outside the code (length %d)", info->bad_position,
                   info->length);
  if (info->normalized[18] != '\0' || info->region_code[6] != '\0')
    zhi_fuzz_fail ("normalized or region_code not terminated");
  size_t n = strlen (info->normalized);
  if (n != 0 && n != 18)
    zhi_fuzz_fail ("normalized “%s” is neither empty nor 18 long", info->normalized);
  if (n == 18 && info->status != ZHI_CREDIT_CODE_BAD_CHARACTER
      && strspn (info->normalized, ZHI_CREDIT_CODE_CHARSET) != 18)
    zhi_fuzz_fail ("normalized “%s” has characters outside the charset", info->normalized);

  g_autofree char *text = zhi_credit_code_describe (info);
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    zhi_fuzz_fail ("describe gave no valid text");
  const char *status = zhi_credit_code_status_to_string (info->status);
  if (status == NULL)
    zhi_fuzz_fail ("no name for status %d", info->status);

  g_autoptr (GError) error = NULL;
  ZhiCreditCode again;
  gboolean valid = zhi_credit_code_validate (input, &again, &error);
  if (valid != (info->status == ZHI_CREDIT_CODE_VALID) || valid != (error == NULL))
    zhi_fuzz_fail ("validate (%d) disagrees with check (%s)", valid, status);
  if (memcmp (&again, info, sizeof again) != 0)
    zhi_fuzz_fail ("two checks of the same input differ");

  if (info->status == ZHI_CREDIT_CODE_VALID)
    {
      if (n != 18)
        zhi_fuzz_fail ("valid but normalized “%s” is not 18 long", info->normalized);
      if (zhi_credit_code_compute_check_char (info->normalized) != info->normalized[17])
        zhi_fuzz_fail ("valid “%s” with a wrong check character", info->normalized);
      if (zhi_credit_code_compute_org_check (info->normalized + 8) != info->normalized[16])
        zhi_fuzz_fail ("valid “%s” with a wrong organization check", info->normalized);
    }
  if (info->status == ZHI_CREDIT_CODE_BAD_ORG_CHECK
      || info->status == ZHI_CREDIT_CODE_BAD_CHECK_CHAR)
    {
      if (info->expected == 0 || n != 18)
        zhi_fuzz_fail ("a check failure without the expected character");
      /* putting the expected character in its place must get past that check */
      char fixed[19];
      memcpy (fixed, info->normalized, sizeof fixed);
      fixed[info->bad_position - 1] = info->expected;
      ZhiCreditCode after;
      zhi_credit_code_check (fixed, &after);
      if (after.status == info->status && after.bad_position == info->bad_position)
        zhi_fuzz_fail ("“%s” still fails the same check after the suggested fix", fixed);
    }
  if (n == 18)
    {
      /* normalizing is idempotent */
      ZhiCreditCode norm;
      zhi_credit_code_check (info->normalized, &norm);
      if (norm.status != info->status || strcmp (norm.normalized, info->normalized) != 0)
        zhi_fuzz_fail ("checking the normalized “%s” gives another verdict", info->normalized);
    }
  if (info->region_code[0])
    {
      (void)zhi_region_city_name (info->region_code, TRUE);
      (void)zhi_region_province_name (info->region_code, FALSE);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  zhi_fuzz_init ();
  g_autofree char *input = g_strndup ((const char *)data, size);
  ZhiCreditCode info;
  zhi_credit_code_check (input, &info);
  check_contract (input, &info);

  /* the helpers on raw input of the lengths they take */
  if (size >= 17)
    {
      g_autofree char *first17 = g_strndup (input, 17);
      (void)zhi_credit_code_compute_check_char (first17);
    }
  if (size >= 8)
    {
      g_autofree char *org8 = g_strndup (input, 8);
      (void)zhi_credit_code_compute_org_check (org8);
    }
  if (size >= 6)
    {
      (void)zhi_region_city_name (input, TRUE);
      (void)zhi_region_province_name (input, TRUE);
    }
  return 0;
}
