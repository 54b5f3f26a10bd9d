/* test-credit-code.c — GB 32100-2015 unified social credit codes */
#include "zhi-credit-code.h"

#include <locale.h>
#include <string.h>

/* Published codes of well-known companies (from their business-licence disclosures),
 * each one verified independently of this implementation: both the GB 11714 check
 * (position 17) and the GB 32100 check character (position 18) were recomputed by hand
 * with a separate script before being written down here. */
typedef struct
{
  const char *code;
  const char *region;
  const char *who;
} RealCode;

static const RealCode real_codes[] = {
  { "914403001922038216", "440300", "华为技术有限公司" },
  { "91440300708461136T", "440300", "深圳市腾讯计算机系统有限公司" },
  { "91330100716105852F", "330100", "阿里巴巴（中国）有限公司" },
  { "91110000802100433B", "110000", "北京百度网讯科技有限公司" },
  { "91520000214434146R", "520000", "贵州茅台酒股份有限公司" },
  { "91110000710925462X", "110000", "中国石油天然气股份有限公司" },
  { "91440300192317458F", "440300", "比亚迪股份有限公司" },
  { "91110108551385082Q", "110108", "小米科技有限责任公司" },
};

/* CONSTRUCTED Liaoning codes (not real companies): "91" + region + an invented
 * organisation-code body, with positions 17 and 18 computed by an independent script.
 * One per city, 210000 (provincial registration) and a county-level city (新民市). */
typedef struct
{
  const char *code;
  const char *region;
  const char *city_zh;
  const char *city_en;
} LiaoningCode;

static const LiaoningCode liaoning_codes[] = {
  { "91210000123456788C", "210000", "辽宁省", "Liaoning Province" },
  { "91210106MA0XK7B218", "210106", "沈阳市", "Shenyang" },
  { "91210213603729159A", "210213", "大连市", "Dalian" },
  { "91210303MA10Q3RT8A", "210303", "鞍山市", "Anshan" },
  { "91210402241604382P", "210402", "抚顺市", "Fushun" },
  { "91210502MA0Y4KUPXF", "210502", "本溪市", "Benxi" },
  { "9121060311830072XR", "210603", "丹东市", "Dandong" },
  { "91210711MA0T9E1D3L", "210711", "锦州市", "Jinzhou" },
  { "912108047022568449", "210804", "营口市", "Yingkou" },
  { "91210902MA0U8G5H2Y", "210902", "阜新市", "Fuxin" },
  { "912110021200349772", "211002", "辽阳市", "Liaoyang" },
  { "91211103MA0P2WNC2R", "211103", "盘锦市", "Panjin" },
  { "91211202741588323P", "211202", "铁岭市", "Tieling" },
  { "91211303MA0QHJ0L7D", "211303", "朝阳市", "Chaoyang" },
  { "912114032420091633", "211403", "葫芦岛市", "Huludao" },
  { "91210181MA0R6X4A1C", "210181", "沈阳市", "Shenyang" },
};

static void
assert_valid (const char *code)
{
  ZhiCreditCode info;

  zhi_credit_code_check (code, &info);
  if (info.status != ZHI_CREDIT_CODE_VALID)
    g_error ("%s: status %s at %d", code, zhi_credit_code_status_to_string (info.status),
             info.bad_position);
  g_assert_cmpstr (info.normalized, ==, code);
  g_assert_cmpint (info.bad_position, ==, 0);
  g_assert_cmpint (info.expected, ==, 0);
  g_assert_cmpint (info.length, ==, 18);
}

static void
test_real_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (real_codes); i++)
    {
      ZhiCreditCode info;

      assert_valid (real_codes[i].code);
      zhi_credit_code_check (real_codes[i].code, &info);
      g_assert_cmpstr (info.region_code, ==, real_codes[i].region);
      g_assert_false (info.in_liaoning);
      g_assert_null (info.city_zh);
      g_assert_null (info.city_en);
      g_assert_cmpint (zhi_credit_code_compute_check_char (real_codes[i].code), ==,
                       real_codes[i].code[17]);
      g_assert_cmpint (zhi_credit_code_compute_org_check (real_codes[i].code + 8), ==,
                       real_codes[i].code[16]);
    }
}

static void
test_liaoning_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (liaoning_codes); i++)
    assert_valid (liaoning_codes[i].code);
}

static void
test_region_liaoning (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (liaoning_codes); i++)
    {
      const LiaoningCode *l = &liaoning_codes[i];
      ZhiCreditCode info;

      zhi_credit_code_check (l->code, &info);
      g_assert_cmpstr (info.region_code, ==, l->region);
      g_assert_true (info.in_liaoning);
      g_assert_cmpstr (info.city_zh, ==, l->city_zh);
      g_assert_cmpstr (info.city_en, ==, l->city_en);
      g_assert_cmpstr (zhi_region_city_name (l->region, TRUE), ==, l->city_zh);
      g_assert_cmpstr (zhi_region_city_name (l->region, FALSE), ==, l->city_en);
      g_assert_cmpstr (zhi_region_province_name (l->region, TRUE), ==, "辽宁省");
    }
}

static void
test_region_table (void)
{
  static const char *zh[]
      = { "沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市",
          "营口市", "阜新市", "辽阳市", "盘锦市", "铁岭市", "朝阳市", "葫芦岛市" };

  for (int c = 1; c <= 14; c++)
    {
      g_autofree char *city = g_strdup_printf ("21%02d00", c);
      g_autofree char *district = g_strdup_printf ("21%02d02", c);

      g_assert_cmpstr (zhi_region_city_name (city, TRUE), ==, zh[c - 1]);
      g_assert_cmpstr (zhi_region_city_name (district, TRUE), ==, zh[c - 1]);
      g_assert_nonnull (zhi_region_city_name (city, FALSE));
    }
  g_assert_cmpstr (zhi_region_city_name ("210000", TRUE), ==, "辽宁省");
  g_assert_cmpstr (zhi_region_city_name ("210000", FALSE), ==, "Liaoning Province");
  g_assert_null (zhi_region_city_name ("211500", TRUE));
  g_assert_null (zhi_region_city_name ("210100x", TRUE));
  g_assert_null (zhi_region_city_name ("2101", TRUE));
  g_assert_null (zhi_region_city_name (NULL, TRUE));
  g_assert_null (zhi_region_city_name ("220100", TRUE));
  g_assert_cmpstr (zhi_region_province_name ("350100", TRUE), ==, "福建省");
  g_assert_cmpstr (zhi_region_province_name ("110108", FALSE), ==, "Beijing");
  g_assert_null (zhi_region_province_name ("990000", TRUE));
}

static void
test_region_outside (void)
{
  ZhiCreditCode info;
  g_autofree char *text = NULL;

  zhi_credit_code_check ("91440300708461136T", &info);
  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_VALID);
  g_assert_cmpstr (info.region_code, ==, "440300");
  g_assert_false (info.in_liaoning);
  g_assert_null (info.city_zh);
  text = zhi_credit_code_describe (&info);
  g_assert_nonnull (strstr (text, "outside Liaoning"));
  g_assert_nonnull (strstr (text, "440300"));
}

/* Every single-character substitution of every valid code, with every charset character
 * and a few characters outside it, is rejected. */
static void
test_mutation_rejected (void)
{
  static const char extra[] = "IOZSV-*.#";
  GPtrArray *codes = g_ptr_array_new ();
  guint tried = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (real_codes); i++)
    g_ptr_array_add (codes, (gpointer)real_codes[i].code);
  for (gsize i = 0; i < G_N_ELEMENTS (liaoning_codes); i++)
    g_ptr_array_add (codes, (gpointer)liaoning_codes[i].code);

  for (guint k = 0; k < codes->len; k++)
    {
      const char *orig = codes->pdata[k];

      for (int pos = 0; pos < 18; pos++)
        {
          g_autofree char *alphabet = g_strconcat (ZHI_CREDIT_CODE_CHARSET, extra, NULL);

          for (const char *a = alphabet; *a; a++)
            {
              char mutated[19];
              ZhiCreditCode info;

              if (*a == orig[pos])
                continue;
              memcpy (mutated, orig, 19);
              mutated[pos] = *a;
              zhi_credit_code_check (mutated, &info);
              tried++;
              if (info.status == ZHI_CREDIT_CODE_VALID)
                g_error ("mutation %s of %s accepted", mutated, orig);

              if (strchr (ZHI_CREDIT_CODE_CHARSET, *a) == NULL)
                {
                  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_CHARACTER);
                  g_assert_cmpint (info.bad_position, ==, pos + 1);
                  g_assert_cmpint (info.found, ==, *a);
                }
              else if (pos < 8)
                {
                  /* outside the organisation code: only the check character sees it */
                  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_CHECK_CHAR);
                  g_assert_cmpint (info.bad_position, ==, 18);
                  g_assert_cmpint (info.expected, !=, orig[17]);
                }
              else if (pos == 17)
                {
                  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_CHECK_CHAR);
                  g_assert_cmpint (info.expected, ==, orig[17]);
                  g_assert_cmpint (info.found, ==, *a);
                }
              else
                {
                  g_assert_true (info.status == ZHI_CREDIT_CODE_BAD_ORG_CHECK
                                 || info.status == ZHI_CREDIT_CODE_BAD_CHECK_CHAR);
                  if (pos == 16)
                    {
                      g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_ORG_CHECK);
                      g_assert_cmpint (info.expected, ==, orig[16]);
                    }
                }
            }
        }
    }
  /* 24 codes × 18 positions × (30 charset alternatives + 9 outside it) */
  g_assert_cmpuint (tried, ==, codes->len * 18 * (30 + strlen (extra)));
  g_ptr_array_unref (codes);
}

static void
test_pilot_code (void)
{
  ZhiCreditCode info;
  g_autofree char *text = NULL;

  zhi_credit_code_check ("91350100M0001TGQXM", &info);
  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_CHECK_CHAR);
  g_assert_cmpint (info.bad_position, ==, 18);
  g_assert_cmpint (info.expected, ==, '1');
  g_assert_cmpint (info.found, ==, 'M');
  g_assert_cmpstr (info.normalized, ==, "91350100M0001TGQXM");
  g_assert_cmpstr (info.region_code, ==, "350100");
  g_assert_false (info.in_liaoning);
  text = zhi_credit_code_describe (&info);
  g_assert_nonnull (strstr (text, "18"));
  g_assert_nonnull (strstr (text, "pilot"));
}

static void
test_empty (void)
{
  static const char *empties[] = { "", "   ", "\t\n", "\xe3\x80\x80" /* U+3000 */ };
  ZhiCreditCode info;

  zhi_credit_code_check (NULL, &info);
  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_EMPTY);
  for (gsize i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autofree char *text = NULL;

      zhi_credit_code_check (empties[i], &info);
      g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_EMPTY);
      g_assert_cmpstr (info.normalized, ==, "");
      g_assert_cmpstr (info.region_code, ==, "");
      g_assert_cmpint (info.length, ==, 0);
      text = zhi_credit_code_describe (&info);
      g_assert_nonnull (strstr (text, "18"));
    }
}

static void
test_length (void)
{
  static const struct
  {
    const char *code;
    int length;
  } cases[] = {
    { "9", 1 },
    { "91440300708461136", 17 },
    { "91440300708461136T0", 19 },
    { "91440300708461136TT1234567", 26 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ZhiCreditCode info;
      g_autofree char *text = NULL;
      g_autofree char *n = g_strdup_printf ("%d", cases[i].length);

      zhi_credit_code_check (cases[i].code, &info);
      g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_LENGTH);
      g_assert_cmpint (info.length, ==, cases[i].length);
      g_assert_cmpint (info.bad_position, ==, 0);
      g_assert_cmpstr (info.normalized, ==, "");
      g_assert_cmpstr (info.region_code, ==, "");
      text = zhi_credit_code_describe (&info);
      g_assert_nonnull (strstr (text, n));
    }
}

static void
test_normalize (void)
{
  static const char *forms[] = {
    "91440300708461136t",
    "91440300708461136T ",
    "  9144 0300 7084 6113 6T  ",
    "914403\t00708461136T\n",
    "\xe2\x80\x8b"
    "91440300708461136T", /* zero-width space */
    "\xef\xbc\x99\xef\xbc\x91"
    "440300708461136T",              /* full-width ９１ */
    "91440300708461136\xef\xbd\x94", /* full-width ｔ */
    "\xe3\x80\x80"
    "91440300708461136T\xe3\x80\x80",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      ZhiCreditCode info;

      zhi_credit_code_check (forms[i], &info);
      g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_VALID);
      g_assert_cmpstr (info.normalized, ==, "91440300708461136T");
    }
}

static void
test_bad_characters (void)
{
  static const struct
  {
    const char *code;
    int position;
    gunichar found;
    const char *hint; /* a word the description must contain */
  } cases[] = {
    { "9I440300708461136T", 2, 'I', "1" },
    { "91440300708461136o", 18, 'O', "0" },
    { "91440300708461I36T", 15, 'I', "1" },
    { "Z1440300708461136T", 1, 'Z', "2" },
    { "914403007084611S6T", 16, 'S', "5" },
    { "91440300708461136V", 18, 'V', "V" },
    { "914403007084611-6T", 16, '-', "-" },
    { "91440300708461136", 0, 0, NULL },    /* only a length problem */
    { "9144030O708461136T1", 8, 'O', "0" }, /* too long and a bad character: the character */
    { "统一社会信用代码", 1, 0x7EDF, "统" },
    { "91440300\xff"
      "708461136T",
      9, 0xFFFD, "9" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ZhiCreditCode info;
      g_autofree char *text = NULL;
      g_autofree char *pos = g_strdup_printf ("%d", cases[i].position);

      zhi_credit_code_check (cases[i].code, &info);
      if (cases[i].position == 0)
        {
          g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_LENGTH);
          continue;
        }
      g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_CHARACTER);
      g_assert_cmpint (info.bad_position, ==, cases[i].position);
      g_assert_cmpuint (info.found, ==, cases[i].found);
      g_assert_cmpint (info.expected, ==, 0);
      text = zhi_credit_code_describe (&info);
      g_assert_nonnull (strstr (text, pos));
      g_assert_nonnull (strstr (text, cases[i].hint));
    }
}

static void
test_org_check (void)
{
  ZhiCreditCode info;
  g_autofree char *text = NULL;

  /* 华为 with positions 15 and 16 swapped: 0382 → 0328 */
  zhi_credit_code_check ("914403001922032816", &info);
  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_ORG_CHECK);
  g_assert_cmpint (info.bad_position, ==, 17);
  g_assert_cmpint (info.expected, ==, zhi_credit_code_compute_org_check ("19220328"));
  g_assert_cmpint (info.found, ==, '1');
  /* the region is still decoded */
  g_assert_cmpstr (info.region_code, ==, "440300");
  text = zhi_credit_code_describe (&info);
  g_assert_nonnull (strstr (text, "17"));

  /* GB 11714 arithmetic: 10 → X, 11 → 0, letters A=10 */
  g_assert_cmpint (zhi_credit_code_compute_org_check ("71092546"), ==, '2');
  g_assert_cmpint (zhi_credit_code_compute_org_check ("MA0Y4KUP"), ==, 'X');
  g_assert_cmpint (zhi_credit_code_compute_org_check ("1183007"), ==, 0);
  g_assert_cmpint (zhi_credit_code_compute_org_check ("1183007a"), ==, 0);
  g_assert_cmpint (zhi_credit_code_compute_org_check (NULL), ==, 0);
  g_assert_cmpint (zhi_credit_code_compute_check_char ("9144030070846113"), ==, 0);
  g_assert_cmpint (zhi_credit_code_compute_check_char (NULL), ==, 0);
  {
    /* find bodies whose check digit is 0 (sum ≡ 0 mod 11) and X, and confirm both */
    gboolean saw_zero = FALSE, saw_x = FALSE;

    for (int n = 10000000; n < 10000200; n++)
      {
        char body[9];
        const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        char c;

        g_snprintf (body, sizeof body, "%d", n);
        for (int i = 0; i < 8; i++)
          sum += (body[i] - '0') * w[i];
        c = zhi_credit_code_compute_org_check (body);
        if (sum % 11 == 0)
          {
            g_assert_cmpint (c, ==, '0');
            saw_zero = TRUE;
          }
        else if (sum % 11 == 1)
          {
            g_assert_cmpint (c, ==, 'X');
            saw_x = TRUE;
          }
        else
          g_assert_cmpint (c, ==, '0' + 11 - sum % 11);
      }
    g_assert_true (saw_zero && saw_x);
  }
}

static void
test_describe_position (void)
{
  ZhiCreditCode info;
  g_autofree char *valid = NULL;
  g_autofree char *bad = NULL;

  zhi_credit_code_check ("91210106MA0XK7B218", &info);
  valid = zhi_credit_code_describe (&info);
  g_assert_nonnull (strstr (valid, "Shenyang"));
  g_assert_nonnull (strstr (valid, "210106"));

  /* 华为 with a wrong first character: only the check character catches it */
  zhi_credit_code_check ("814403001922038216", &info);
  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_CHECK_CHAR);
  bad = zhi_credit_code_describe (&info);
  g_assert_nonnull (strstr (bad, "18"));
  g_assert_nonnull (strchr (bad, info.expected));
}

static void
test_validate_error (void)
{
  g_autoptr (GError) error = NULL;
  ZhiCreditCode info;

  g_assert_true (zhi_credit_code_validate ("91110108551385082Q", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (zhi_credit_code_validate ("91350100M0001TGQXM", &info, &error));
  g_assert_error (error, ZHI_CREDIT_CODE_ERROR, ZHI_CREDIT_CODE_ERROR_INVALID);
  g_assert_cmpint (info.status, ==, ZHI_CREDIT_CODE_BAD_CHECK_CHAR);
  g_assert_false (zhi_credit_code_validate ("", NULL, NULL));
  g_assert_cmpstr (zhi_credit_code_status_to_string (ZHI_CREDIT_CODE_BAD_ORG_CHECK), ==,
                   "bad-org-check");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* descriptions are checked in the source language */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credit-code/valid/real", test_real_valid);
  g_test_add_func ("/credit-code/valid/liaoning-constructed", test_liaoning_valid);
  g_test_add_func ("/credit-code/valid/normalized", test_normalize);
  g_test_add_func ("/credit-code/check-char/mutation-rejected", test_mutation_rejected);
  g_test_add_func ("/credit-code/check-char/pilot-code-fails", test_pilot_code);
  g_test_add_func ("/credit-code/org-check/reported-at-17", test_org_check);
  g_test_add_func ("/credit-code/empty", test_empty);
  g_test_add_func ("/credit-code/length", test_length);
  g_test_add_func ("/credit-code/character/forbidden", test_bad_characters);
  g_test_add_func ("/credit-code/region/liaoning-cities", test_region_liaoning);
  g_test_add_func ("/credit-code/region/table", test_region_table);
  g_test_add_func ("/credit-code/region/outside-province", test_region_outside);
  g_test_add_func ("/credit-code/describe/names-position", test_describe_position);
  g_test_add_func ("/credit-code/validate/gerror", test_validate_error);

  return g_test_run ();
}
