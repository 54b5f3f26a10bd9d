/* test-answers.c — ZhiAnswers: values, notes, equality, JSON round trip */
#include "zhi-answers.h"

#include <math.h>
#include <string.h>

static ZhiAnswers *
make_full (void)
{
  ZhiAnswers *answers = zhi_answers_new ();

  zhi_answers_set_bool (answers, "cond-1", TRUE);
  zhi_answers_set_bool (answers, "excl-2", FALSE);
  zhi_answers_set_level (answers, "w02.maturity", "L3");
  zhi_answers_set_ratio (answers, "w02.ratio", 62, 100, NAN);
  zhi_answers_set_ratio (answers, "w03.ratio", 9, 10, 0.75);
  zhi_answers_set_kpi (answers, "w10.kpi-cycle", 120.5, 90);
  zhi_answers_set_count (answers, "scenarios", 3);
  zhi_answers_set_text (answers, "w01.narrative", "建立车间级工业通信网络 “quoted”\n");
  zhi_answers_set_note (answers, "credit-code", "早期试点代码，登记机关出具说明");
  zhi_answers_set_note (answers, "cond-1", "见营业执照");
  return answers;
}

static void
test_values (void)
{
  g_autoptr (ZhiAnswers) a = make_full ();
  gboolean b = FALSE;
  double n = 0, d = 0, bench = 0, base = 0, cur = 0;
  gint64 count = 0;

  g_assert_true (zhi_answers_get_bool (a, "cond-1", &b));
  g_assert_true (b);
  g_assert_true (zhi_answers_get_bool (a, "excl-2", &b));
  g_assert_false (b);
  g_assert_cmpstr (zhi_answers_get_level (a, "w02.maturity"), ==, "L3");
  g_assert_true (zhi_answers_get_ratio (a, "w02.ratio", &n, &d, &bench));
  g_assert_cmpfloat (n, ==, 62);
  g_assert_cmpfloat (d, ==, 100);
  g_assert_true (isnan (bench));
  g_assert_true (zhi_answers_get_kpi (a, "w10.kpi-cycle", &base, &cur));
  g_assert_cmpfloat (base, ==, 120.5);
  g_assert_cmpfloat (cur, ==, 90);
  g_assert_true (zhi_answers_get_count (a, "scenarios", &count));
  g_assert_cmpint (count, ==, 3);
  g_assert_nonnull (zhi_answers_get_text (a, "w01.narrative"));
  g_assert_cmpint (zhi_answers_get_answer_type (a, "credit-code"), ==, ZHI_ANSWER_NONE);
  g_assert_cmpstr (zhi_answers_get_note (a, "credit-code"), ==, "早期试点代码，登记机关出具说明");

  /* wrong type reads as unanswered */
  g_assert_false (zhi_answers_get_bool (a, "w02.maturity", &b));
  g_assert_null (zhi_answers_get_level (a, "cond-1"));
  g_assert_false (zhi_answers_get_count (a, "missing", &count));
  g_assert_cmpint (zhi_answers_get_answer_type (a, "missing"), ==, ZHI_ANSWER_NONE);
}

static void
test_overwrite_and_clear (void)
{
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (GPtrArray) ids = NULL;

  zhi_answers_set_level (a, "x", "L1");
  zhi_answers_set_count (a, "x", 5);
  g_assert_cmpint (zhi_answers_get_answer_type (a, "x"), ==, ZHI_ANSWER_COUNT);
  g_assert_null (zhi_answers_get_level (a, "x"));

  zhi_answers_set_note (a, "x", "n");
  zhi_answers_clear (a, "x");
  g_assert_cmpint (zhi_answers_get_answer_type (a, "x"), ==, ZHI_ANSWER_NONE);
  g_assert_cmpstr (zhi_answers_get_note (a, "x"), ==, "n"); /* the note stays */
  zhi_answers_set_note (a, "x", NULL);
  ids = zhi_answers_list_ids (a);
  g_assert_cmpuint (ids->len, ==, 0);

  zhi_answers_set_text (a, "t", "hello");
  zhi_answers_set_text (a, "t", NULL); /* NULL clears */
  g_assert_cmpint (zhi_answers_get_answer_type (a, "t"), ==, ZHI_ANSWER_NONE);
  zhi_answers_clear (a, "never-set");
}

static void
test_list_ids_sorted (void)
{
  g_autoptr (ZhiAnswers) a = make_full ();
  g_autoptr (GPtrArray) ids = zhi_answers_list_ids (a);

  g_assert_cmpuint (ids->len, ==, 9);
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpstr (ids->pdata[i - 1], <, ids->pdata[i]);
  g_assert_cmpstr (ids->pdata[0], ==, "cond-1");
}

static void
test_equal_and_copy (void)
{
  g_autoptr (ZhiAnswers) a = make_full ();
  g_autoptr (ZhiAnswers) b = make_full ();
  g_autoptr (ZhiAnswers) c = zhi_answers_copy (a);
  g_autoptr (ZhiAnswers) d = zhi_answers_ref (a);

  g_assert_true (zhi_answers_equal (a, b));
  g_assert_true (zhi_answers_equal (a, c));
  g_assert_true (d == a);

  zhi_answers_set_ratio (b, "w02.ratio", 62, 100, 0.5);
  g_assert_false (zhi_answers_equal (a, b));
  zhi_answers_set_ratio (b, "w02.ratio", 62, 100, NAN);
  g_assert_true (zhi_answers_equal (a, b));
  zhi_answers_set_note (b, "w02.ratio", "n");
  g_assert_false (zhi_answers_equal (a, b));
  zhi_answers_set_note (b, "w02.ratio", NULL);
  zhi_answers_set_bool (c, "cond-1", FALSE);
  g_assert_false (zhi_answers_equal (a, c));
  g_assert_true (zhi_answers_equal (NULL, NULL));
  g_assert_false (zhi_answers_equal (a, NULL));
  g_assert_true (G_TYPE_IS_BOXED (ZHI_TYPE_ANSWERS));
}

static void
test_json_round_trip (void)
{
  g_autoptr (ZhiAnswers) a = make_full ();
  g_autoptr (JsonNode) node = zhi_answers_to_json (a);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr (JsonNode) parsed = json_from_string (text, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiAnswers) b = zhi_answers_from_json (parsed, &error);
  g_autoptr (JsonNode) one = zhi_answers_get_json (a, "w03.ratio");
  g_autofree char *one_text = json_to_string (one, FALSE);

  g_assert_no_error (error);
  g_assert_true (zhi_answers_equal (a, b));
  g_assert_cmpstr (one_text, ==,
                   "{\"type\":\"ratio\",\"numerator\":9,\"denominator\":10,\"benchmark\":0.75}");
  g_assert_null (zhi_answers_get_json (a, "nothing"));
}

static void
test_json_set_one (void)
{
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (JsonNode) node
      = json_from_string ("{\"type\":\"count\",\"count\":4,\"note\":\"x\"}", NULL);
  g_autoptr (JsonNode) ratio = json_from_string (
      "{\"type\":\"ratio\",\"numerator\":1,\"denominator\":2,\"benchmark\":null}", NULL);
  g_autoptr (GError) error = NULL;
  gint64 count = 0;
  double bench = 0;

  g_assert_true (zhi_answers_set_json (a, "n", node, &error));
  g_assert_no_error (error);
  g_assert_true (zhi_answers_get_count (a, "n", &count));
  g_assert_cmpint (count, ==, 4);
  g_assert_cmpstr (zhi_answers_get_note (a, "n"), ==, "x");
  g_assert_true (zhi_answers_set_json (a, "r", ratio, &error));
  g_assert_true (zhi_answers_get_ratio (a, "r", NULL, NULL, &bench));
  g_assert_true (isnan (bench));
  g_assert_true (zhi_answers_set_json (a, "n", NULL, &error));
  g_assert_cmpint (zhi_answers_get_answer_type (a, "n"), ==, ZHI_ANSWER_NONE);
}

/* Each of the @n JSON answers in @bad is refused, with a message naming the answer (“id”),
 * and the answer already there stays. */
static void
assert_json_rejected (const char *const *bad, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (ZhiAnswers) a = zhi_answers_new ();
      g_autoptr (JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr (GError) error = NULL;

      g_test_message ("case %s", bad[i]);
      zhi_answers_set_bool (a, "id", TRUE);
      g_assert_false (zhi_answers_set_json (a, "id", node, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "“id”"));
      /* a failed set leaves the old value */
      g_assert_cmpint (zhi_answers_get_answer_type (a, "id"), ==, ZHI_ANSWER_BOOL);
    }
}

static void
test_json_rejects (void)
{
  static const char *const bad[] = {
    "[]",
    "{\"type\":\"colour\"}",
    "{\"type\":\"bool\",\"value\":1}",
    "{\"type\":\"bool\"}",
    "{\"type\":\"count\",\"count\":1.5}",
    "{\"type\":\"ratio\",\"numerator\":\"1\",\"denominator\":2}",
    "{\"type\":\"level\",\"level\":\"L1\",\"extra\":1}",
    "{\"type\":\"text\",\"text\":\"a\",\"note\":3}",
    "{\"type\":\"none\"}",
    "{\"value\":true}",
  };

  assert_json_rejected (bad, G_N_ELEMENTS (bad));
}

static void
test_json_from_bad_document (void)
{
  g_autoptr (JsonNode) node = json_from_string ("{\"a\":{\"type\":\"bool\",\"value\":true},"
                                                "\"b\":{\"type\":\"kpi\",\"baseline\":1,"
                                                "\"current_year\":\"2023\"}}",
                                                NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiAnswers) a = zhi_answers_from_json (node, &error);
  g_autoptr (JsonNode) array = json_from_string ("[1]", NULL);
  g_autoptr (GError) error2 = NULL;
  g_autoptr (ZhiAnswers) b = zhi_answers_from_json (array, &error2);

  g_assert_null (a);
  g_assert_nonnull (strstr (error->message, "current_year"));
  g_assert_null (b);
  g_assert_nonnull (error2);
}

static void
test_non_finite_not_stored (void)
{
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  double baseline = 0;

  zhi_answers_set_kpi (a, "k", INFINITY, 1);
  g_assert_true (zhi_answers_get_kpi (a, "k", &baseline, NULL));
  g_assert_true (isnan (baseline));
  node = zhi_answers_get_json (a, "k");
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"type\":\"kpi\",\"current\":1}");
}

/* Half-filled answers are stored as typed, and exported back unchanged (issue 10). */
static void
test_partial_json_round_trip (void)
{
  static const char *const docs[] = {
    "{\"type\":\"ratio\",\"numerator\":55}",
    "{\"type\":\"ratio\",\"numerator\":55,\"denominator\":62}",
    "{\"type\":\"ratio\",\"denominator\":62,\"benchmark\":0.5}",
    "{\"type\":\"ratio\"}",
    "{\"type\":\"kpi\",\"baseline\":120}",
    "{\"type\":\"kpi\",\"current\":90.5}",
    "{\"type\":\"kpi\",\"baseline_year\":2021}",
    "{\"type\":\"kpi\",\"source\":\"MES 统计\"}",
    "{\"type\":\"kpi\",\"baseline\":120,\"current\":90,\"baseline_year\":2021,"
    "\"current_year\":2023,\"source\":\"财务报表\",\"note\":\"n\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (ZhiAnswers) a = zhi_answers_new ();
      g_autoptr (JsonNode) in = json_from_string (docs[i], NULL);
      g_autoptr (JsonNode) out = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;
      g_autoptr (ZhiAnswers) copy = NULL;
      g_autoptr (JsonNode) all = NULL;

      g_test_message ("case %s", docs[i]);
      g_assert_true (zhi_answers_set_json (a, "id", in, &error));
      g_assert_no_error (error);
      out = zhi_answers_get_json (a, "id");
      text = json_to_string (out, FALSE);
      g_assert_cmpstr (text, ==, docs[i]);
      /* through the whole-document form as well */
      all = zhi_answers_to_json (a);
      copy = zhi_answers_from_json (all, &error);
      g_assert_no_error (error);
      g_assert_true (zhi_answers_equal (a, copy));
    }
}

static void
test_partial_values (void)
{
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  double n = 0, d = 0, bench = 0, base = 0, cur = 0;
  int y0 = -1, y1 = -1;
  const char *source = "x";

  /* only a numerator */
  zhi_answers_set_ratio (a, "r", 55, NAN, NAN);
  g_assert_cmpint (zhi_answers_get_answer_type (a, "r"), ==, ZHI_ANSWER_RATIO);
  g_assert_true (zhi_answers_get_ratio (a, "r", &n, &d, &bench));
  g_assert_cmpfloat (n, ==, 55);
  g_assert_true (isnan (d));
  g_assert_true (isnan (bench));

  /* only a baseline; then years and source keep the value, and values keep the details */
  zhi_answers_set_kpi (a, "k", 120, NAN);
  zhi_answers_set_kpi_details (a, "k", 2021, 0, "财务报表");
  g_assert_true (zhi_answers_get_kpi (a, "k", &base, &cur));
  g_assert_cmpfloat (base, ==, 120);
  g_assert_true (isnan (cur));
  zhi_answers_set_kpi (a, "k", 120, 90);
  g_assert_true (zhi_answers_get_kpi_details (a, "k", &y0, &y1, &source));
  g_assert_cmpint (y0, ==, 2021);
  g_assert_cmpint (y1, ==, 0);
  g_assert_cmpstr (source, ==, "财务报表");

  /* details alone make a kpi without values */
  zhi_answers_set_kpi_details (a, "k2", 0, 2023, NULL);
  g_assert_true (zhi_answers_get_kpi (a, "k2", &base, &cur));
  g_assert_true (isnan (base) && isnan (cur));
  g_assert_true (zhi_answers_get_kpi_details (a, "k2", &y0, &y1, &source));
  g_assert_cmpint (y1, ==, 2023);
  g_assert_null (source);

  /* equality sees years and source */
  {
    g_autoptr (ZhiAnswers) b = zhi_answers_copy (a);

    g_assert_true (zhi_answers_equal (a, b));
    zhi_answers_set_kpi_details (b, "k", 2021, 0, "MES 统计");
    g_assert_false (zhi_answers_equal (a, b));
    zhi_answers_set_kpi_details (b, "k", 2021, 0, "财务报表");
    g_assert_true (zhi_answers_equal (a, b));
    zhi_answers_set_kpi_details (b, "k", 2020, 0, "财务报表");
    g_assert_false (zhi_answers_equal (a, b));
  }

  /* a year the JSON form cannot carry is not stored */
  zhi_answers_set_kpi_details (a, "k3", 20231, -5, "");
  g_assert_true (zhi_answers_get_kpi_details (a, "k3", &y0, &y1, &source));
  g_assert_cmpint (y0, ==, 0);
  g_assert_cmpint (y1, ==, 0);
  g_assert_null (source);

  /* no kpi: details read as none */
  g_assert_false (zhi_answers_get_kpi_details (a, "r", &y0, &y1, &source));
  g_assert_cmpint (y0, ==, 0);
  g_assert_null (source);
}

/* What earlier versions wrote (a number not entered as null) still reads, as a partial answer. */
static void
test_json_old_forms_read (void)
{
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (JsonNode) kpi
      = json_from_string ("{\"type\":\"kpi\",\"baseline\":null,\"current\":1}", NULL);
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (zhi_answers_set_json (a, "k", kpi, &error));
  g_assert_no_error (error);
  out = zhi_answers_get_json (a, "k");
  text = json_to_string (out, FALSE);
  g_assert_cmpstr (text, ==, "{\"type\":\"kpi\",\"current\":1}");
}

static void
test_json_rejects_bad_details (void)
{
  static const char *const bad[] = {
    "{\"type\":\"kpi\",\"baseline_year\":2021.5}",  "{\"type\":\"kpi\",\"current_year\":0}",
    "{\"type\":\"kpi\",\"current_year\":\"2023\"}", "{\"type\":\"kpi\",\"source\":3}",
    "{\"type\":\"ratio\",\"source\":\"x\"}",
  };

  assert_json_rejected (bad, G_N_ELEMENTS (bad));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/answers/values/typed-get", test_values);
  g_test_add_func ("/answers/values/overwrite-and-clear", test_overwrite_and_clear);
  g_test_add_func ("/answers/ids/sorted", test_list_ids_sorted);
  g_test_add_func ("/answers/equal/copy-and-differences", test_equal_and_copy);
  g_test_add_func ("/answers/json/round-trip", test_json_round_trip);
  g_test_add_func ("/answers/json/set-one", test_json_set_one);
  g_test_add_func ("/answers/json/rejects-malformed", test_json_rejects);
  g_test_add_func ("/answers/json/document-error", test_json_from_bad_document);
  g_test_add_func ("/answers/json/non-finite-not-stored", test_non_finite_not_stored);
  g_test_add_func ("/answers/json/partial-round-trip", test_partial_json_round_trip);
  g_test_add_func ("/answers/json/rejects-bad-kpi-details", test_json_rejects_bad_details);
  g_test_add_func ("/answers/json/old-null-forms-read", test_json_old_forms_read);
  g_test_add_func ("/answers/values/partial", test_partial_values);
  return g_test_run ();
}
