/* The one number parser and formatter of every field (zhi-number.h), table-driven */
#include "config.h"

#include <math.h>

#include "zhi-formats.h"
#include "zhi-number.h"

static const struct
{
  const char *text;
  ZhiNumberState state;
  double value;
} parse_cases[] = {
  { "", ZHI_NUMBER_EMPTY, 0 },
  { "   ", ZHI_NUMBER_EMPTY, 0 },
  { "0", ZHI_NUMBER_VALID, 0 },
  { "42", ZHI_NUMBER_VALID, 42 },
  { " 42 ", ZHI_NUMBER_VALID, 42 },
  { "12.5", ZHI_NUMBER_VALID, 12.5 },
  { ".5", ZHI_NUMBER_VALID, 0.5 },
  { "5.", ZHI_NUMBER_VALID, 5 },
  { "-3.25", ZHI_NUMBER_VALID, -3.25 },
  { "+7", ZHI_NUMBER_VALID, 7 },
  { "１２．５", ZHI_NUMBER_VALID, 12.5 },
  { "1,234", ZHI_NUMBER_VALID, 1234 },
  { "1,234,567.89", ZHI_NUMBER_VALID, 1234567.89 },
  { "12,345", ZHI_NUMBER_VALID, 12345 },
  { "1 234 567", ZHI_NUMBER_VALID, 1234567 },
  { "１，２３４", ZHI_NUMBER_VALID, 1234 },
  { "1234567", ZHI_NUMBER_VALID, 1234567 },
  /* separators used inconsistently */
  { "1,23", ZHI_NUMBER_INVALID, 0 },
  { "1,2345", ZHI_NUMBER_INVALID, 0 },
  { "1234,567", ZHI_NUMBER_INVALID, 0 },
  { "1,234 567", ZHI_NUMBER_INVALID, 0 },
  { ",123", ZHI_NUMBER_INVALID, 0 },
  { "1,,234", ZHI_NUMBER_INVALID, 0 },
  { "1.234,5", ZHI_NUMBER_INVALID, 0 },
  { "1,234.5,6", ZHI_NUMBER_INVALID, 0 },
  /* not numbers */
  { "0x10", ZHI_NUMBER_INVALID, 0 },
  { "0X1A", ZHI_NUMBER_INVALID, 0 },
  { "1e3", ZHI_NUMBER_INVALID, 0 },
  { "inf", ZHI_NUMBER_INVALID, 0 },
  { "-infinity", ZHI_NUMBER_INVALID, 0 },
  { "nan", ZHI_NUMBER_INVALID, 0 },
  { "12abc", ZHI_NUMBER_INVALID, 0 },
  { "12%", ZHI_NUMBER_INVALID, 0 },
  { "1.2.3", ZHI_NUMBER_INVALID, 0 },
  { "-", ZHI_NUMBER_INVALID, 0 },
  { ".", ZHI_NUMBER_INVALID, 0 },
  { "--1", ZHI_NUMBER_INVALID, 0 },
  { "1-", ZHI_NUMBER_INVALID, 0 },
  { "万", ZHI_NUMBER_INVALID, 0 },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      double value = -999;
      ZhiNumberState state = zhi_number_parse (parse_cases[i].text, &value);

      g_test_message ("“%s”", parse_cases[i].text);
      g_assert_cmpint (state, ==, parse_cases[i].state);
      if (state == ZHI_NUMBER_VALID)
        g_assert_cmpfloat_with_epsilon (value, parse_cases[i].value, 1e-9);
      else
        g_assert_cmpfloat (value, ==, -999); /* untouched */
    }
  g_assert_cmpint (zhi_number_parse (NULL, NULL), ==, ZHI_NUMBER_EMPTY);
}

static const struct
{
  double value;
  guint decimals;
  const char *text;
} format_cases[] = {
  { 0, 2, "0" },
  { -0.0, 2, "0" },
  { 7, 2, "7" },
  { 999, 0, "999" },
  { 1000, 0, "1,000" },
  { 1234567.5, 4, "1,234,567.5" },
  { 1234567.5, 0, "1,234,568" },
  { -1234.25, 2, "-1,234.25" },
  { 0.126, 2, "0.13" },
  { 12.5, 4, "12.5" },
  { 100000, 2, "100,000" },
  { 0.000001, 4, "0" },
};

static void
test_format (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *text = zhi_number_format (format_cases[i].value, format_cases[i].decimals);
      double back = NAN;

      g_assert_cmpstr (text, ==, format_cases[i].text);
      /* what is written reads back */
      g_assert_cmpint (zhi_number_parse (text, &back), ==, ZHI_NUMBER_VALID);
    }
}

static void
test_dates (void)
{
  const char *valid[][2] = {
    { "2019-06-30", "2019-06-30" },
    { "2019/6/30", "2019-06-30" },
    { "2019.6.3", "2019-06-03" },
    { " 2024-02-29 ", "2024-02-29" },
    { "", "" },
  };
  const char *invalid[]
      = { "2019-6/30", "2023-02-29", "1899-12-31", "2019-13-01", "30.6.2019", "2019-06-30x" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *normal = zhi_format_normalize_date (valid[i][0]);

      g_assert_cmpstr (normal, ==, valid[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_null (zhi_format_normalize_date (invalid[i]));
  /* still being typed, or never a date */
  g_assert_true (zhi_format_date_incomplete ("2019-0"));
  g_assert_false (zhi_format_date_incomplete ("2019-06-30"));
  g_assert_false (zhi_format_date_incomplete ("20a"));
}

static void
test_contacts (void)
{
  g_assert_true (zhi_format_email_plausible ("li.ming@example.com.cn"));
  g_assert_false (zhi_format_email_plausible ("li.ming@example"));
  g_assert_false (zhi_format_email_plausible ("@example.com"));
  g_assert_false (zhi_format_email_plausible ("li ming@example.com"));
  g_assert_false (zhi_format_email_plausible ("a@b@example.com"));
  g_assert_false (zhi_format_email_plausible ("李明@example.com"));
  g_assert_true (zhi_format_phone_plausible ("024-2345 6789"));
  g_assert_true (zhi_format_phone_plausible ("+86 (24) 2345-6789转123"));
  g_assert_true (zhi_format_phone_plausible ("13912345678 ext 9"));
  g_assert_false (zhi_format_phone_plausible ("123456"));
  g_assert_false (zhi_format_phone_plausible ("1234567890123456"));
  g_assert_false (zhi_format_phone_plausible ("024 2345 678x"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/parse", test_parse);
  g_test_add_func ("/number/format", test_format);
  g_test_add_func ("/formats/dates", test_dates);
  g_test_add_func ("/formats/e-mail-and-phone", test_contacts);
  return g_test_run ();
}
