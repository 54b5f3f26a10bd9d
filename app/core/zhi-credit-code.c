/* zhi-credit-code.c — the unified social credit code (GB 32100-2015)
 *
 * Structure (1-based positions):
 *   1      registration authority
 *   2      organisation type
 *   3-8    GB/T 2260 division code of the registration authority
 *   9-17   GB 11714 organisation code, position 17 being its own check digit
 *   18     GB 32100 check character
 */
#include "zhi-credit-code.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#define CODE_LENGTH 18

GQuark
zhi_credit_code_error_quark (void)
{
  return g_quark_from_static_string ("zhi-credit-code-error-quark");
}

/* value 0..30 of a charset character, -1 when outside the charset */
static int
charset_value (gunichar c)
{
  const char *p;

  if (c == 0 || c > 0x7f)
    return -1;
  p = strchr (ZHI_CREDIT_CODE_CHARSET, (int)c);
  return p ? (int)(p - ZHI_CREDIT_CODE_CHARSET) : -1;
}

/* value of a GB 11714 organisation-code character: 0-9, A=10 … Z=35; -1 otherwise */
static int
org_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return -1;
}

char
zhi_credit_code_compute_check_char (const char *first17)
{
  int sum = 0;
  int weight = 1;

  if (first17 == NULL)
    return 0;
  for (int i = 0; i < CODE_LENGTH - 1; i++)
    {
      int v = charset_value ((guchar)first17[i]);

      if (v < 0)
        return 0;
      sum += v * weight;
      weight = (weight * 3) % 31;
    }
  return ZHI_CREDIT_CODE_CHARSET[(31 - sum % 31) % 31];
}

char
zhi_credit_code_compute_org_check (const char *org8)
{
  static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;
  int c;

  if (org8 == NULL)
    return 0;
  for (int i = 0; i < 8; i++)
    {
      int v = org_value (org8[i]);

      if (v < 0)
        return 0;
      sum += v * weights[i];
    }
  c = 11 - sum % 11;
  if (c == 10)
    return 'X';
  if (c == 11)
    return '0';
  return (char)('0' + c);
}

/* ---- regions (GB/T 2260) ---- */

typedef struct
{
  const char *code; /* 2 digits for provinces, 4 for Liaoning cities */
  const char *zh;
  const char *en;
} Region;

static const Region liaoning_cities[] = {
  /* Translators: city names; in Chinese use the official name with 市 (沈阳市) */
  { "2101", "沈阳市", N_ ("Shenyang") }, { "2102", "大连市", N_ ("Dalian") },
  { "2103", "鞍山市", N_ ("Anshan") },   { "2104", "抚顺市", N_ ("Fushun") },
  { "2105", "本溪市", N_ ("Benxi") },    { "2106", "丹东市", N_ ("Dandong") },
  { "2107", "锦州市", N_ ("Jinzhou") },  { "2108", "营口市", N_ ("Yingkou") },
  { "2109", "阜新市", N_ ("Fuxin") },    { "2110", "辽阳市", N_ ("Liaoyang") },
  { "2111", "盘锦市", N_ ("Panjin") },   { "2112", "铁岭市", N_ ("Tieling") },
  { "2113", "朝阳市", N_ ("Chaoyang") }, { "2114", "葫芦岛市", N_ ("Huludao") },
};

static const Region provinces[] = {
  /* Translators: province-level divisions; in Chinese the official name (辽宁省) */
  { "10", "国家", N_ ("national level") },
  { "11", "北京市", N_ ("Beijing") },
  { "12", "天津市", N_ ("Tianjin") },
  { "13", "河北省", N_ ("Hebei Province") },
  { "14", "山西省", N_ ("Shanxi Province") },
  { "15", "内蒙古自治区", N_ ("Inner Mongolia Autonomous Region") },
  { "21", "辽宁省", N_ ("Liaoning Province") },
  { "22", "吉林省", N_ ("Jilin Province") },
  { "23", "黑龙江省", N_ ("Heilongjiang Province") },
  { "31", "上海市", N_ ("Shanghai") },
  { "32", "江苏省", N_ ("Jiangsu Province") },
  { "33", "浙江省", N_ ("Zhejiang Province") },
  { "34", "安徽省", N_ ("Anhui Province") },
  { "35", "福建省", N_ ("Fujian Province") },
  { "36", "江西省", N_ ("Jiangxi Province") },
  { "37", "山东省", N_ ("Shandong Province") },
  { "41", "河南省", N_ ("Henan Province") },
  { "42", "湖北省", N_ ("Hubei Province") },
  { "43", "湖南省", N_ ("Hunan Province") },
  { "44", "广东省", N_ ("Guangdong Province") },
  { "45", "广西壮族自治区", N_ ("Guangxi Zhuang Autonomous Region") },
  { "46", "海南省", N_ ("Hainan Province") },
  { "50", "重庆市", N_ ("Chongqing") },
  { "51", "四川省", N_ ("Sichuan Province") },
  { "52", "贵州省", N_ ("Guizhou Province") },
  { "53", "云南省", N_ ("Yunnan Province") },
  { "54", "西藏自治区", N_ ("Tibet Autonomous Region") },
  { "61", "陕西省", N_ ("Shaanxi Province") },
  { "62", "甘肃省", N_ ("Gansu Province") },
  { "63", "青海省", N_ ("Qinghai Province") },
  { "64", "宁夏回族自治区", N_ ("Ningxia Hui Autonomous Region") },
  { "65", "新疆维吾尔自治区", N_ ("Xinjiang Uygur Autonomous Region") },
  { "71", "台湾省", N_ ("Taiwan Province") },
  { "81", "香港特别行政区", N_ ("Hong Kong SAR") },
  { "82", "澳门特别行政区", N_ ("Macao SAR") },
};

static gboolean
is_region_code (const char *region_code)
{
  if (region_code == NULL || strlen (region_code) != 6)
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isdigit (region_code[i]))
      return FALSE;
  return TRUE;
}

/* Untranslated: callers that show it pass the English name through _() themselves
 * (zhi_credit_code_describe does). */
const char *
zhi_region_city_name (const char *region_code, gboolean chinese)
{
  if (!is_region_code (region_code))
    return NULL;
  if (strcmp (region_code, "210000") == 0)
    return chinese ? "辽宁省" : "Liaoning Province";
  for (gsize i = 0; i < G_N_ELEMENTS (liaoning_cities); i++)
    if (strncmp (region_code, liaoning_cities[i].code, 4) == 0)
      return chinese ? liaoning_cities[i].zh : liaoning_cities[i].en;
  return NULL;
}

const char *
zhi_region_province_name (const char *region_code, gboolean chinese)
{
  if (!is_region_code (region_code))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (strncmp (region_code, provinces[i].code, 2) == 0)
      return chinese ? provinces[i].zh : provinces[i].en;
  return NULL;
}

/* ---- checking ---- */

const char *
zhi_credit_code_status_to_string (ZhiCreditCodeStatus status)
{
  switch (status)
    {
      case ZHI_CREDIT_CODE_VALID:
        return "valid";
      case ZHI_CREDIT_CODE_EMPTY:
        return "empty";
      case ZHI_CREDIT_CODE_BAD_LENGTH:
        return "bad-length";
      case ZHI_CREDIT_CODE_BAD_CHARACTER:
        return "bad-character";
      case ZHI_CREDIT_CODE_BAD_ORG_CHECK:
        return "bad-org-check";
      case ZHI_CREDIT_CODE_BAD_CHECK_CHAR:
        return "bad-check-char";
      default:
        return "unknown";
    }
}

static gboolean
is_ignored (gunichar c)
{
  /* white space (incl. U+3000 ideographic space), and invisible characters that come
   * along when copying from web pages and PDFs */
  return g_unichar_isspace (c) || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060
         || c == 0xFEFF || c == 0x00A0;
}

static gunichar
fold (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII */
    c -= 0xFEE0;
  if (c >= 'a' && c <= 'z')
    c -= 'a' - 'A';
  return c;
}

void
zhi_credit_code_check (const char *code, ZhiCreditCode *out)
{
  g_autofree char *valid_utf8 = NULL;
  gunichar chars[CODE_LENGTH + 1];
  int n = 0;
  char expected;

  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->status = ZHI_CREDIT_CODE_EMPTY;
  if (code == NULL)
    return;

  valid_utf8 = g_utf8_make_valid (code, -1);

  /* normalize, keeping the first 19 characters (enough to tell "too long") and the count */
  for (const char *p = valid_utf8; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_ignored (c))
        continue;
      c = fold (c);
      if (n < (int)G_N_ELEMENTS (chars))
        chars[n] = c;
      n++;
    }
  out->length = n;

  if (n == 0)
    return;

  /* charset: first character outside it, among those that exist up to position 19 */
  for (int i = 0; i < MIN (n, (int)G_N_ELEMENTS (chars)); i++)
    if (charset_value (chars[i]) < 0)
      {
        out->status = ZHI_CREDIT_CODE_BAD_CHARACTER;
        out->bad_position = i + 1;
        out->found = chars[i];
        break;
      }

  if (n == CODE_LENGTH)
    {
      gboolean ascii = TRUE;

      for (int i = 0; i < CODE_LENGTH; i++)
        ascii = ascii && chars[i] > 0 && chars[i] <= 0x7f;
      if (ascii)
        {
          for (int i = 0; i < CODE_LENGTH; i++)
            out->normalized[i] = (char)chars[i];
          out->normalized[CODE_LENGTH] = '\0';

          memcpy (out->region_code, out->normalized + 2, 6);
          out->region_code[6] = '\0';
          if (is_region_code (out->region_code))
            {
              out->in_liaoning = strncmp (out->region_code, "21", 2) == 0;
              out->city_zh = zhi_region_city_name (out->region_code, TRUE);
              out->city_en = zhi_region_city_name (out->region_code, FALSE);
            }
          else
            {
              out->region_code[0] = '\0';
            }
        }
    }

  if (out->status == ZHI_CREDIT_CODE_BAD_CHARACTER)
    return;

  if (n != CODE_LENGTH)
    {
      out->status = ZHI_CREDIT_CODE_BAD_LENGTH;
      return;
    }

  /* every character is in the charset (hence ASCII) from here on */
  expected = zhi_credit_code_compute_org_check (out->normalized + 8);
  if (expected != out->normalized[16])
    {
      out->status = ZHI_CREDIT_CODE_BAD_ORG_CHECK;
      out->bad_position = 17;
      out->expected = expected;
      out->found = (gunichar)out->normalized[16];
      return;
    }

  expected = zhi_credit_code_compute_check_char (out->normalized);
  if (expected != out->normalized[17])
    {
      out->status = ZHI_CREDIT_CODE_BAD_CHECK_CHAR;
      out->bad_position = 18;
      out->expected = expected;
      out->found = (gunichar)out->normalized[17];
      return;
    }

  out->status = ZHI_CREDIT_CODE_VALID;
}

/* ---- describing ---- */

static char *
describe_bad_character (const ZhiCreditCode *info)
{
  char found[8] = { 0 };

  switch (info->found)
    {
      case 'O':
        return g_strdup_printf (_ ("Position %d is the letter O, which never appears in a credit "
                                   "code: it is probably the digit 0. Check the code on the "
                                   "business licence."),
                                info->bad_position);
      case 'I':
        return g_strdup_printf (_ ("Position %d is the letter I, which never appears in a credit "
                                   "code: it is probably the digit 1. Check the code on the "
                                   "business licence."),
                                info->bad_position);
      case 'Z':
        return g_strdup_printf (_ ("Position %d is the letter Z, which never appears in a credit "
                                   "code: it is probably the digit 2. Check the code on the "
                                   "business licence."),
                                info->bad_position);
      case 'S':
        return g_strdup_printf (_ ("Position %d is the letter S, which never appears in a credit "
                                   "code: it is probably the digit 5. Check the code on the "
                                   "business licence."),
                                info->bad_position);
      case 'V':
        return g_strdup_printf (_ ("Position %d is the letter V, which never appears in a credit "
                                   "code: it is probably U or Y. Check the code on the business "
                                   "licence."),
                                info->bad_position);
      default:
        break;
    }

  if (info->found != 0 && g_unichar_isprint (info->found))
    g_unichar_to_utf8 (info->found, found);
  else
    g_snprintf (found, sizeof found, "U+%04X", (guint)info->found);
  return g_strdup_printf (_ ("Position %d is “%s”, which cannot appear in a credit code (only "
                             "digits and capital letters other than I, O, Z, S and V): check the "
                             "code on the business licence."),
                          info->bad_position, found);
}

static char *
describe_valid (const ZhiCreditCode *info)
{
  const char *province;

  if (info->region_code[0] == '\0')
    return g_strdup (_ ("The unified social credit code is valid, but positions 3–8 are not a "
                        "region code: check that it was copied correctly."));

  if (info->in_liaoning)
    {
      if (info->city_en != NULL)
        /* Translators: first %s is a city (e.g. Dalian), second the 6-digit region code */
        return g_strdup_printf (_ ("The unified social credit code is valid; it was registered "
                                   "in %s (region %s)."),
                                _ (info->city_en), info->region_code);
      return g_strdup_printf (_ ("The unified social credit code is valid; it was registered in "
                                 "Liaoning (region %s)."),
                              info->region_code);
    }

  province = zhi_region_province_name (info->region_code, FALSE);
  if (province != NULL)
    /* Translators: first %s is a province (e.g. Fujian Province), second the region code */
    return g_strdup_printf (_ ("The unified social credit code is valid, but it was registered "
                               "outside Liaoning (%s, region %s): the evaluation requires "
                               "registration in Liaoning. Check the code, or record an "
                               "explanation to continue."),
                            _ (province), info->region_code);
  return g_strdup_printf (_ ("The unified social credit code is valid, but it was registered "
                             "outside Liaoning (region %s): the evaluation requires registration "
                             "in Liaoning. Check the code, or record an explanation to "
                             "continue."),
                          info->region_code);
}

char *
zhi_credit_code_describe (const ZhiCreditCode *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  switch (info->status)
    {
      case ZHI_CREDIT_CODE_VALID:
        return describe_valid (info);

      case ZHI_CREDIT_CODE_EMPTY:
        return g_strdup (_ ("No code entered: enter the 18-character unified social credit code "
                            "shown on the business licence."));

      case ZHI_CREDIT_CODE_BAD_LENGTH:
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE,
                         "The code has %d character, but a unified social credit code has 18: "
                         "copy it again from the business licence.",
                         "The code has %d characters, but a unified social credit code has 18: "
                         "copy it again from the business licence.",
                         (gulong)info->length),
            info->length);

      case ZHI_CREDIT_CODE_BAD_CHARACTER:
        return describe_bad_character (info);

      case ZHI_CREDIT_CODE_BAD_ORG_CHECK:
        /* Translators: position 17 is the check digit of the organisation code (positions 9–17) */
        return g_strdup_printf (_ ("Position %d should be %c but is %c: the organisation code in "
                                   "positions 9–17 does not check out. Compare positions 9–17 "
                                   "with the business licence."),
                                info->bad_position, info->expected, (char)info->found);

      case ZHI_CREDIT_CODE_BAD_CHECK_CHAR:
        return g_strdup_printf (_ ("Position %d (the check character) should be %c but is %c: "
                                   "compare the code with the business licence. If it really is "
                                   "an early pilot code, record an explanation and continue."),
                                info->bad_position, info->expected, (char)info->found);

      default:
        return g_strdup (_ ("The unified social credit code could not be checked."));
    }
}

gboolean
zhi_credit_code_validate (const char *code, ZhiCreditCode *info, GError **error)
{
  ZhiCreditCode local;
  ZhiCreditCode *out = info ? info : &local;

  zhi_credit_code_check (code, out);
  if (out->status == ZHI_CREDIT_CODE_VALID)
    return TRUE;

  if (error != NULL)
    {
      g_autofree char *message = zhi_credit_code_describe (out);

      g_set_error_literal (error, ZHI_CREDIT_CODE_ERROR, ZHI_CREDIT_CODE_ERROR_INVALID, message);
    }
  return FALSE;
}
