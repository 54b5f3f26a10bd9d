/* test-industry.c — GB/T 4754-2017 manufacturing divisions */
#include "zhi-industry.h"

#include <locale.h>
#include <string.h>

static gboolean
is_process (int code)
{
  return (code >= 13 && code <= 17) || code == 22 || (code >= 25 && code <= 28)
         || (code >= 30 && code <= 32);
}

static void
test_all_divisions (void)
{
  guint n = 0;
  const ZhiIndustryDivision *list = zhi_industry_list (&n);
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, ==, 31);
  g_assert_true (zhi_industry_list (NULL) == list);
  for (int code = 13; code <= 43; code++)
    {
      const ZhiIndustryDivision *d = &list[code - 13];
      g_autofree char *key = g_strdup_printf ("%d", code);

      g_assert_cmpstr (d->code, ==, key);
      g_assert_true (zhi_industry_lookup (key) == d);
      g_assert_true (g_utf8_validate (d->name_zh, -1, NULL));
      g_assert_cmpuint (strlen (d->name_zh), >, 3);
      g_assert_true (g_str_has_suffix (d->name_zh, "业"));
      g_assert_cmpuint (strlen (d->name_en), >, 5);
      g_assert_false (g_hash_table_contains (names, d->name_zh));
      g_assert_false (g_hash_table_contains (names, d->name_en));
      g_hash_table_add (names, (gpointer)d->name_zh);
      g_hash_table_add (names, (gpointer)d->name_en);
    }
  g_hash_table_unref (names);

  g_assert_cmpstr (zhi_industry_lookup ("13")->name_zh, ==, "农副食品加工业");
  g_assert_cmpstr (zhi_industry_lookup ("36")->name_zh, ==, "汽车制造业");
  g_assert_cmpstr (zhi_industry_lookup ("37")->name_zh, ==,
                   "铁路、船舶、航空航天和其他运输设备制造业");
  g_assert_cmpstr (zhi_industry_lookup ("43")->name_zh, ==, "金属制品、机械和设备修理业");
}

static void
test_lookup_forms (void)
{
  const ZhiIndustryDivision *auto_division = zhi_industry_lookup ("36");
  static const char *same[] = { "C36", "c36", " 36 ", "C 36", "361", "3612", "C3612" };
  static const char *none[] = { NULL, "", "C", "12", "44", "06", "3", "36121", "3a", "汽车" };

  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_true (zhi_industry_lookup (same[i]) == auto_division);
  for (gsize i = 0; i < G_N_ELEMENTS (none); i++)
    g_assert_null (zhi_industry_lookup (none[i]));
}

static void
test_suggested_track (void)
{
  for (int code = 13; code <= 43; code++)
    {
      g_autofree char *key = g_strdup_printf ("%d", code);
      const char *expected
          = is_process (code) ? ZHI_INDUSTRY_TRACK_PROCESS : ZHI_INDUSTRY_TRACK_DISCRETE;

      g_assert_cmpstr (zhi_industry_suggested_track (key), ==, expected);
      g_assert_cmpstr (zhi_industry_lookup (key)->suggested_track, ==, expected);
      /* a suggestion only: every track, including the workshop, is open to every division */
      g_assert_true (zhi_industry_track_allowed (key, ZHI_INDUSTRY_TRACK_WORKSHOP));
      g_assert_true (zhi_industry_track_allowed (key, ZHI_INDUSTRY_TRACK_PROCESS));
      g_assert_true (zhi_industry_track_allowed (key, ZHI_INDUSTRY_TRACK_DISCRETE));
    }
  /* the seed's examples */
  g_assert_cmpstr (zhi_industry_suggested_track ("36"), ==, "factory-discrete"); /* 汽车 */
  g_assert_cmpstr (zhi_industry_suggested_track ("39"), ==, "factory-discrete"); /* 电子 */
  g_assert_cmpstr (zhi_industry_suggested_track ("31"), ==, "factory-process");  /* 冶金 */
  g_assert_cmpstr (zhi_industry_suggested_track ("26"), ==, "factory-process");  /* 化工 */
  g_assert_cmpstr (zhi_industry_suggested_track ("27"), ==, "factory-process");  /* 医药 */
  g_assert_cmpstr (zhi_industry_suggested_track ("14"), ==, "factory-process");  /* 食品 */
  g_assert_null (zhi_industry_suggested_track ("44"));
  g_assert_false (zhi_industry_track_allowed ("44", ZHI_INDUSTRY_TRACK_WORKSHOP));
  g_assert_false (zhi_industry_track_allowed ("36", "no-such-track"));
  g_assert_false (zhi_industry_track_allowed ("36", NULL));
}

static void
assert_search (const char *query, const char *const *codes)
{
  g_autoptr (GPtrArray) found = zhi_industry_search (query);
  guint n = g_strv_length ((char **)codes);

  if (found->len != n)
    g_error ("search “%s”: %u results, expected %u", query ? query : "(null)", found->len, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (((const ZhiIndustryDivision *)found->pdata[i])->code, ==, codes[i]);
}

static void
test_search (void)
{
  g_autoptr (GPtrArray) all = zhi_industry_search ("");
  g_autoptr (GPtrArray) all_null = zhi_industry_search (NULL);
  g_autoptr (GPtrArray) all_space = zhi_industry_search ("  ");

  g_assert_cmpuint (all->len, ==, 31);
  g_assert_cmpuint (all_null->len, ==, 31);
  g_assert_cmpuint (all_space->len, ==, 31);

  assert_search ("3", (const char *const[]){ "30", "31", "32", "33", "34", "35", "36", "37", "38",
                                             "39", NULL });
  assert_search ("C4", (const char *const[]){ "40", "41", "42", "43", NULL });
  assert_search ("36", (const char *const[]){ "36", NULL });
  assert_search ("3612", (const char *const[]){ "36", NULL });
  assert_search ("9", (const char *const[]){ NULL }); /* no division starts with 9 */
  assert_search ("汽车", (const char *const[]){ "36", NULL });
  assert_search ("化学", (const char *const[]){ "26", "28", NULL });
  assert_search ("冶炼", (const char *const[]){ "31", "32", NULL });
  assert_search (" 设备 ", (const char *const[]){ "34", "35", "37", "39", "43", NULL });
  assert_search ("AUTOMOBILE", (const char *const[]){ "36", NULL });
  assert_search ("metal", (const char *const[]){ "30", "31", "32", "33", "43", NULL });
  assert_search ("furniture", (const char *const[]){ "21", NULL });
  assert_search ("no such industry", (const char *const[]){ NULL });
}

static void
test_name_language (void)
{
  const ZhiIndustryDivision *d = zhi_industry_lookup ("36");

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpstr (zhi_industry_division_name (d), ==, "汽车制造业");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_assert_cmpstr (zhi_industry_division_name (d), ==, "Manufacture of automobiles");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/industry/divisions/all-present", test_all_divisions);
  g_test_add_func ("/industry/lookup/accepted-forms", test_lookup_forms);
  g_test_add_func ("/industry/track/suggested", test_suggested_track);
  g_test_add_func ("/industry/search/code-and-names", test_search);
  g_test_add_func ("/industry/name/follows-language", test_name_language);

  return g_test_run ();
}
