/* test-scoring.c — the scoring engine on the mini fixture and on the real standards
 *
 * mini.json: m01 (40) = equipment ratio ≥ 50% (share 70 → 28 points), maturity level L1–L4,
 * min L3 (30 → 12), narrative (share 0: required content, earns nothing); m02 (30) = networked
 * ratio against the benchmark (60 → 18), platform check (40 → 12); m03 (30) = five KPIs (20 → 6
 * each). Bands 85 strong, 70 good, 60 fair, 0 weak.  Gates on the equipment ratio, the maturity and
 * the scenario count (track indicator, min 2).
 */
#include "zhi-scoring.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#define NARRATIVE "车间级工业通信网络覆盖全部产线并接入平台" /* 20 characters */

static ZhiStandard *
mini (void)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "data", "standards-fixture", "mini.json", NULL);
  g_autoptr (GError) error = NULL;
  ZhiStandard *s = zhi_standard_new_from_file (path, &error);

  g_assert_no_error (error);
  return s;
}

static GHashTable *
evidence_for (const char *first, ...)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_hash_table_add (set, (gpointer)id);
  va_end (args);
  return set;
}

/* Every indicator of the mini standard at full marks, gates met. */
static ZhiAnswers *
full_answers (void)
{
  ZhiAnswers *a = zhi_answers_new ();

  zhi_answers_set_ratio (a, "m01.equipment-ratio", 62, 100, NAN);
  zhi_answers_set_level (a, "m01.maturity", "L3");
  zhi_answers_set_text (a, "m01.narrative", NARRATIVE);
  zhi_answers_set_ratio (a, "m02.network-ratio", 9, 10, 0.8);
  zhi_answers_set_bool (a, "m02.platform", TRUE);
  zhi_answers_set_kpi (a, "m03.kpi-cycle", 120, 90);
  zhi_answers_set_kpi (a, "m03.kpi-productivity", 50, 65);
  zhi_answers_set_kpi (a, "m03.kpi-cost", 300, 240);
  zhi_answers_set_kpi (a, "m03.kpi-energy", 80, 86);
  zhi_answers_set_kpi (a, "m03.kpi-defect", 2.5, 1.2);
  zhi_answers_set_count (a, "mini.scenarios", 3);
  return a;
}

static void
assert_close (double a, double b)
{
  g_assert_cmpfloat_with_epsilon (a, b, 1e-9);
}

static void
test_empty_answers (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (ZhiScore) score = zhi_scoring_compute (s, a, NULL);

  assert_close (score->total_claimed, 0);
  assert_close (score->total_evidenced, 0);
  g_assert_cmpstr (score->band->id, ==, "weak");
  g_assert_cmpstr (score->band_claimed->id, ==, "weak");
  g_assert_cmpint (score->gates_state, ==, ZHI_RULE_UNANSWERED);
  for (guint i = 0; i < score->gates->len; i++)
    g_assert_cmpint (((ZhiGateResult *)score->gates->pdata[i])->state, ==, ZHI_RULE_UNANSWERED);
  g_assert_cmpuint (score->weakest->len, ==, 3);
  /* gaps 40, 30, 30: ties keep the standard's order */
  g_assert_cmpstr (((ZhiCriterionResult *)score->weakest->pdata[0])->criterion->id, ==, "m01");
  g_assert_cmpstr (((ZhiCriterionResult *)score->weakest->pdata[1])->criterion->id, ==, "m02");
  g_assert_cmpstr (((ZhiCriterionResult *)score->weakest->pdata[2])->criterion->id, ==, "m03");
  g_assert_false (zhi_score_lookup_indicator (score, "m02.platform")->answered);
  g_assert_false (zhi_criterion_result_at_full_marks (zhi_score_lookup_criterion (score, "m01")));
}

static void
test_full_marks (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = full_answers ();
  g_autoptr (GHashTable) ev = evidence_for ("m01", "m02", "m03", NULL);
  g_autoptr (ZhiScore) score = zhi_scoring_compute (s, a, ev);

  assert_close (score->total_claimed, 100);
  assert_close (score->total_evidenced, 100);
  g_assert_cmpstr (score->band->id, ==, "strong");
  g_assert_cmpint (score->gates_state, ==, ZHI_RULE_MET);
  g_assert_cmpuint (score->weakest->len, ==, 0);
  g_assert_null (zhi_score_lookup_criterion (score, "m01")->advice);
  for (guint i = 0; i < score->criteria->len; i++)
    g_assert_true (zhi_criterion_result_at_full_marks (score->criteria->pdata[i]));
}

/* every point claimed, but no evidence for m01: reviewers give it nothing */
static void
test_full_marks_need_evidence (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = full_answers ();
  g_autoptr (GHashTable) ev = evidence_for ("m02", "m03", NULL);
  g_autoptr (ZhiScore) score = zhi_scoring_compute (s, a, ev);

  g_assert_false (zhi_criterion_result_at_full_marks (zhi_score_lookup_criterion (score, "m01")));
  g_assert_true (zhi_criterion_result_at_full_marks (zhi_score_lookup_criterion (score, "m02")));
}

typedef struct
{
  const char *name;
  const char *id;
  ZhiAnswerType type;
  double a, b, c; /* ratio: num, den, benchmark; kpi: baseline, current; count: a */
  const char *str;
  gboolean answered;
  gboolean met;
  double points;
  const char *detail; /* substring of the detail text, or NULL */
} KindCase;

static const KindCase kind_cases[] = {
  /* check: m02.platform, 12 points */
  { "check/yes", "m02.platform", ZHI_ANSWER_BOOL, 1, 0, 0, NULL, TRUE, TRUE, 12, ": yes" },
  { "check/no", "m02.platform", ZHI_ANSWER_BOOL, 0, 0, 0, NULL, TRUE, FALSE, 0, ": no" },
  { "check/unanswered", "m02.platform", ZHI_ANSWER_NONE, 0, 0, 0, NULL, FALSE, FALSE, 0,
    "not answered" },
  /* level: m01.maturity, 12 points, min L3 */
  { "level/L1", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, 0, "L1", TRUE, FALSE, 4, "L1 < L3" },
  { "level/L2", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, 0, "L2", TRUE, FALSE, 8, "L2 < L3" },
  { "level/L3-at-min", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, 0, "L3", TRUE, TRUE, 12, "L3 ≥ L3" },
  { "level/L4-above-min", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, 0, "L4", TRUE, TRUE, 12,
    "L4 ≥ L3" },
  { "level/unknown-id", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, 0, "L9", FALSE, FALSE, 0,
    "unknown level “L9”" },
  /* ratio: m01.equipment-ratio, 28 points, threshold 50% */
  { "ratio/above", "m01.equipment-ratio", ZHI_ANSWER_RATIO, 62, 100, NAN, NULL, TRUE, TRUE, 28,
    "62% ≥ 50%" },
  { "ratio/below-proportional", "m01.equipment-ratio", ZHI_ANSWER_RATIO, 40, 100, NAN, NULL, TRUE,
    FALSE, 22.4, "40% < 50%" },
  { "ratio/zero", "m01.equipment-ratio", ZHI_ANSWER_RATIO, 0, 100, NAN, NULL, TRUE, FALSE, 0,
    "0% < 50%" },
  { "ratio/denominator-zero", "m01.equipment-ratio", ZHI_ANSWER_RATIO, 3, 0, NAN, NULL, FALSE,
    FALSE, 0, "cannot be used: “All units” must be more than 0" },
  { "ratio/numerator-negative", "m01.equipment-ratio", ZHI_ANSWER_RATIO, -3, 10, NAN, NULL, FALSE,
    FALSE, 0, "cannot be used: “Smart units” cannot be negative" },
  { "ratio/numerator-above-denominator", "m01.equipment-ratio", ZHI_ANSWER_RATIO, 12, 10, NAN, NULL,
    FALSE, FALSE, 0, "larger than the denominator" },
  /* ratio against the benchmark: m02.network-ratio, 18 points */
  { "ratio/benchmark-met", "m02.network-ratio", ZHI_ANSWER_RATIO, 9, 10, 0.8, NULL, TRUE, TRUE, 18,
    "90% ≥ industry benchmark 80%" },
  { "ratio/benchmark-below", "m02.network-ratio", ZHI_ANSWER_RATIO, 6, 10, 0.8, NULL, TRUE, FALSE,
    13.5, "60% < industry benchmark 80%" },
  { "ratio/benchmark-missing", "m02.network-ratio", ZHI_ANSWER_RATIO, 9, 10, NAN, NULL, FALSE,
    FALSE, 0, "not filled in: the industry benchmark" },
  /* kpi: 6 points each */
  { "kpi/lower-better-improved", "m03.kpi-cycle", ZHI_ANSWER_KPI, 120, 90, 0, NULL, TRUE, TRUE, 6,
    "120 → 90 days (−25%), better" },
  { "kpi/lower-better-worse", "m03.kpi-cycle", ZHI_ANSWER_KPI, 100, 110, 0, NULL, TRUE, FALSE, 0,
    "100 → 110 days (+10%), not better" },
  { "kpi/unchanged", "m03.kpi-defect", ZHI_ANSWER_KPI, 2, 2, 0, NULL, TRUE, FALSE, 0,
    "not better" },
  { "kpi/higher-better-improved", "m03.kpi-productivity", ZHI_ANSWER_KPI, 50, 65, 0, NULL, TRUE,
    TRUE, 6, "(+30%), better" },
  { "kpi/higher-better-worse", "m03.kpi-productivity", ZHI_ANSWER_KPI, 50, 40, 0, NULL, TRUE, FALSE,
    0, "not better" },
  { "kpi/zero-baseline", "m03.kpi-energy", ZHI_ANSWER_KPI, 0, 10, 0, NULL, FALSE, FALSE, 0,
    "the baseline is 0, so no change can be computed" },
  { "kpi/only-baseline", "m03.kpi-energy", ZHI_ANSWER_KPI, 80, NAN, 0, NULL, FALSE, FALSE, 0,
    "the current value is not filled in" },
  { "kpi/only-current", "m03.kpi-energy", ZHI_ANSWER_KPI, NAN, 86, 0, NULL, FALSE, FALSE, 0,
    "the baseline (before the project) is not filled in" },
  { "ratio/only-numerator", "m01.equipment-ratio", ZHI_ANSWER_RATIO, 55, NAN, NAN, NULL, FALSE,
    FALSE, 0, "not filled in" },
  { "ratio/no-benchmark-yet", "m02.network-ratio", ZHI_ANSWER_RATIO, 55, 62, NAN, NULL, FALSE,
    FALSE, 0, "not filled in: the industry benchmark" },
  /* count: the track indicator earns no points */
  { "count/below", "mini.scenarios", ZHI_ANSWER_COUNT, 1, 0, 0, NULL, TRUE, FALSE, 0, "1 < 2" },
  { "count/at-min", "mini.scenarios", ZHI_ANSWER_COUNT, 2, 0, 0, NULL, TRUE, TRUE, 0, "2 ≥ 2" },
  { "count/negative", "mini.scenarios", ZHI_ANSWER_COUNT, -1, 0, 0, NULL, FALSE, FALSE, 0,
    "negative" },
  /* text: m01.narrative, required content that earns nothing whatever its length */
  { "text/at-min", "m01.narrative", ZHI_ANSWER_TEXT, 0, 0, 0, NARRATIVE, TRUE, TRUE, 0,
    "written, 20 characters (required content, earns no points)" },
  { "text/short", "m01.narrative", ZHI_ANSWER_TEXT, 0, 0, 0, "车间级工业通信网络覆盖全部产线并接入",
    TRUE, TRUE, 0, "written, 18 characters" },
  { "text/blank", "m01.narrative", ZHI_ANSWER_TEXT, 0, 0, 0, "  \n ", FALSE, FALSE, 0,
    "not written" },
};

static void
set_case (ZhiAnswers *a, const KindCase *k)
{
  switch (k->type)
    {
      case ZHI_ANSWER_BOOL:
        zhi_answers_set_bool (a, k->id, k->a != 0);
        break;
      case ZHI_ANSWER_LEVEL:
        zhi_answers_set_level (a, k->id, k->str);
        break;
      case ZHI_ANSWER_RATIO:
        zhi_answers_set_ratio (a, k->id, k->a, k->b, k->c);
        break;
      case ZHI_ANSWER_KPI:
        zhi_answers_set_kpi (a, k->id, k->a, k->b);
        break;
      case ZHI_ANSWER_COUNT:
        zhi_answers_set_count (a, k->id, (gint64)k->a);
        break;
      case ZHI_ANSWER_TEXT:
        zhi_answers_set_text (a, k->id, k->str);
        break;
      case ZHI_ANSWER_NONE:
      default:
        break;
    }
}

static void
test_kind (gconstpointer data)
{
  const KindCase *k = data;
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (ZhiScore) score = NULL;
  const ZhiIndicatorResult *r;

  set_case (a, k);
  score = zhi_scoring_compute (s, a, NULL);
  r = zhi_score_lookup_indicator (score, k->id);
  g_assert_nonnull (r);
  g_test_message ("%s", r->explain);
  g_assert_cmpint (r->answered, ==, k->answered);
  g_assert_cmpint (r->met, ==, k->met);
  assert_close (r->points, k->points);
  g_assert_cmpfloat (r->fraction, >=, 0);
  g_assert_cmpfloat (r->fraction, <=, 1);
  if (k->detail != NULL)
    g_assert_nonnull (strstr (r->detail, k->detail));
  g_assert_true (g_str_has_prefix (r->explain, r->detail));
  if (!k->met)
    g_assert_nonnull (r->advice);
  else
    g_assert_null (r->advice);
}

typedef struct
{
  const char *name;
  const char *gate;
  const char *indicator;
  ZhiAnswerType type;
  double a, b;
  const char *level;
  ZhiRuleState state;
} GateCase;

static const GateCase gate_cases[] = {
  { "ratio-at-threshold", "gate.m01-equipment-ratio", "m01.equipment-ratio", ZHI_ANSWER_RATIO, 50,
    100, NULL, ZHI_RULE_MET },
  { "ratio-at-threshold-odd-units", "gate.m01-equipment-ratio", "m01.equipment-ratio",
    ZHI_ANSWER_RATIO, 43, 86, NULL, ZHI_RULE_MET },
  { "ratio-just-below-threshold", "gate.m01-equipment-ratio", "m01.equipment-ratio",
    ZHI_ANSWER_RATIO, 4999, 10000, NULL, ZHI_RULE_NOT_MET },
  { "ratio-just-over-threshold", "gate.m01-equipment-ratio", "m01.equipment-ratio",
    ZHI_ANSWER_RATIO, 5001, 10000, NULL, ZHI_RULE_MET },
  { "ratio-unanswered", "gate.m01-equipment-ratio", "m01.equipment-ratio", ZHI_ANSWER_NONE, 0, 0,
    NULL, ZHI_RULE_UNANSWERED },
  { "level-at-min", "gate.m01-maturity", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, "L3",
    ZHI_RULE_MET },
  { "level-just-below-min", "gate.m01-maturity", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, "L2",
    ZHI_RULE_NOT_MET },
  { "level-just-over-min", "gate.m01-maturity", "m01.maturity", ZHI_ANSWER_LEVEL, 0, 0, "L4",
    ZHI_RULE_MET },
  { "count-at-min", "gate.scenarios", "mini.scenarios", ZHI_ANSWER_COUNT, 2, 0, NULL,
    ZHI_RULE_MET },
  { "count-just-below-min", "gate.scenarios", "mini.scenarios", ZHI_ANSWER_COUNT, 1, 0, NULL,
    ZHI_RULE_NOT_MET },
  { "count-just-over-min", "gate.scenarios", "mini.scenarios", ZHI_ANSWER_COUNT, 3, 0, NULL,
    ZHI_RULE_MET },
};

static void
test_gate (gconstpointer data)
{
  const GateCase *g = data;
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = full_answers ();
  g_autoptr (GHashTable) ev = evidence_for ("m01", "m02", "m03", NULL);
  g_autoptr (ZhiScore) score = NULL;
  const ZhiGateResult *found = NULL;

  zhi_answers_clear (a, g->indicator);
  if (g->type == ZHI_ANSWER_RATIO)
    zhi_answers_set_ratio (a, g->indicator, g->a, g->b, NAN);
  else if (g->type == ZHI_ANSWER_LEVEL)
    zhi_answers_set_level (a, g->indicator, g->level);
  else if (g->type == ZHI_ANSWER_COUNT)
    zhi_answers_set_count (a, g->indicator, (gint64)g->a);
  score = zhi_scoring_compute (s, a, ev);
  for (guint i = 0; i < score->gates->len; i++)
    {
      const ZhiGateResult *gr = score->gates->pdata[i];

      if (strcmp (gr->gate->id, g->gate) == 0)
        found = gr;
      else
        g_assert_cmpint (gr->state, ==, ZHI_RULE_MET);
    }
  g_assert_nonnull (found);
  g_test_message ("%s", found->explain);
  g_assert_cmpint (found->state, ==, g->state);
  g_assert_cmpint (score->gates_state, ==, g->state);
}

/* totals around a band edge: 28f + 12 + 30 + 3 × 6 with f = ratio / 0.5, so the ratio that
 * gives a total t is (t − 60) / 28 × 0.5 */
static void
test_band_edges (void)
{
  static const struct
  {
    double total;
    const char *band;
  } cases[] = {
    { 84.98, "good" }, { 84.99, "good" }, { 85, "strong" }, { 85.01, "strong" }, { 79, "good" },
  };
  g_autoptr (ZhiStandard) s = mini ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (ZhiAnswers) a = full_answers ();
      g_autoptr (GHashTable) ev = evidence_for ("m01", "m02", "m03", NULL);
      g_autoptr (ZhiScore) score = NULL;

      double numerator = (cases[i].total - 60) / 28 * 50;

      zhi_answers_set_ratio (a, "m01.equipment-ratio", numerator, 100, NAN);
      zhi_answers_set_kpi (a, "m03.kpi-cost", 100, 100);
      zhi_answers_set_kpi (a, "m03.kpi-defect", 1, 1);
      score = zhi_scoring_compute (s, a, ev);
      g_test_message ("%g → %.12f", numerator, score->total_evidenced);
      g_assert_cmpfloat_with_epsilon (score->total_evidenced, cases[i].total, 1e-6);
      g_assert_cmpstr (score->band->id, ==, cases[i].band);
      g_assert_cmpstr (score->band_claimed->id, ==, cases[i].band);
    }
}

static void
test_evidence (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = full_answers ();
  g_autoptr (GHashTable) some = evidence_for ("m01", "m03", "not-a-criterion", NULL);
  g_autoptr (GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (ZhiScore) with_some = zhi_scoring_compute (s, a, some);
  g_autoptr (ZhiScore) with_none = zhi_scoring_compute (s, a, none);
  g_autoptr (ZhiScore) with_null = zhi_scoring_compute (s, a, NULL);
  const ZhiCriterionResult *m02 = zhi_score_lookup_criterion (with_some, "m02");

  assert_close (with_some->total_claimed, 100);
  assert_close (with_some->total_evidenced, 70);
  g_assert_cmpstr (with_some->band->id, ==, "good"); /* 70: exactly on the edge */
  g_assert_cmpstr (with_some->band_claimed->id, ==, "strong");
  g_assert_false (m02->has_evidence);
  assert_close (m02->claimed, 30);
  assert_close (m02->evidenced, 0);
  g_assert_nonnull (strstr (m02->advice, "evidence"));

  assert_close (with_none->total_claimed, 100);
  assert_close (with_none->total_evidenced, 0);
  g_assert_cmpstr (with_none->band->id, ==, "weak");
  assert_close (with_null->total_evidenced, 0);
  /* gates do not depend on evidence */
  g_assert_cmpint (with_none->gates_state, ==, ZHI_RULE_MET);
}

static void
test_weakest_ordering (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = full_answers ();
  g_autoptr (GHashTable) ev = evidence_for ("m01", "m03", NULL);
  g_autoptr (ZhiScore) score = NULL;
  const ZhiCriterionResult *first, *second;

  /* m01 full and evidenced (gap 0); m02 full but unevidenced (gap 30);
   * m03 two KPIs not better (24 of 30, gap 6) */
  zhi_answers_set_kpi (a, "m03.kpi-cost", 100, 120);
  zhi_answers_set_kpi (a, "m03.kpi-defect", 1, 1);
  score = zhi_scoring_compute (s, a, ev);
  g_assert_cmpuint (score->weakest->len, ==, 2);
  first = score->weakest->pdata[0];
  second = score->weakest->pdata[1];
  g_assert_cmpstr (first->criterion->id, ==, "m02");
  g_assert_cmpstr (second->criterion->id, ==, "m03");
  assert_close (second->evidenced, 18);
  g_assert_nonnull (strstr (second->advice, "Operating cost: show a fall below the baseline "
                                            "(+6 points)"));
  g_assert_nonnull (strstr (second->advice, "Defect rate"));
}

static void
test_explain_english (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (ZhiScore) score = NULL;
  g_autoptr (GHashTable) ev = evidence_for ("m02", NULL);
  g_autofree char *m01 = NULL;
  g_autofree char *m02 = NULL;
  g_autofree char *total = NULL;

  zhi_answers_set_ratio (a, "m01.equipment-ratio", 62, 100, NAN);
  zhi_answers_set_level (a, "m01.maturity", "L2");
  zhi_answers_set_text (a, "m01.narrative", NARRATIVE "，并实现数据采集");
  zhi_answers_set_bool (a, "m02.platform", TRUE);
  zhi_answers_set_ratio (a, "m02.network-ratio", 6, 10, 0.8);
  score = zhi_scoring_compute (s, a, ev);
  m01 = zhi_scoring_explain_criterion (score, "m01");
  g_assert_cmpstr (m01, ==,
                   "Smart equipment widely used (40 points): Equipment share 62% ≥ 50% → 28/28; "
                   "Maturity L2 < L3 → 2/3 × 12 = 8; Narrative: written, 28 characters "
                   "(required content, earns no points). "
                   "Claimed 36 points; no evidence linked, evidenced 0 points");
  m02 = zhi_scoring_explain_criterion (score, "m02");
  g_assert_cmpstr (m02, ==,
                   "Equipment interconnected (30 points): Networked share 60% < industry "
                   "benchmark 80% → 60/80 × 18 = 13.5; Industrial internet platform: yes → "
                   "12/12. Claimed 25.5 points; evidence linked, evidenced 25.5 points");
  g_assert_null (zhi_scoring_explain_criterion (score, "m99"));
  total = zhi_scoring_explain_total (score);
  g_assert_nonnull (strstr (total, "Claimed 61.5 points; evidenced 25.5 points."));
  /* the band is the tool's own reading, said so; the province defines none */
  g_assert_nonnull (strstr (total, "The tool's own reading (the provincial document defines no "
                                   "bands): Not yet"));
  g_assert_null (strstr (total, "(Fair)"));
  g_assert_nonnull (strstr (total, "not eligible whatever the points"));
  g_assert_nonnull (strstr (total, "self-assessment with default weights"));
}

static void
test_explain_chinese_data (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (ZhiScore) score = NULL;
  g_autofree char *text = NULL;

  zhi_i18n_set_override (1);
  zhi_answers_set_ratio (a, "m01.equipment-ratio", 62, 100, NAN);
  zhi_answers_set_level (a, "m01.maturity", "L2");
  score = zhi_scoring_compute (s, a, NULL);
  text = zhi_scoring_explain_criterion (score, "m01");
  zhi_i18n_set_override (0);
  g_assert_true (g_str_has_prefix (text, "智能装备广泛应用 (40 "));
  g_assert_nonnull (strstr (text, "设备占比 62% ≥ 50% → 28/28"));
  g_assert_nonnull (strstr (text, "成熟度 L2 < L3 → 2/3 × 12 = 8"));
}

static void
test_deterministic (void)
{
  g_autoptr (ZhiStandard) s = mini ();
  g_autoptr (ZhiAnswers) a = full_answers ();
  g_autoptr (ZhiAnswers) b = zhi_answers_copy (a);
  g_autoptr (ZhiScore) x = NULL;
  g_autoptr (ZhiScore) y = NULL;

  zhi_answers_set_level (a, "m01.maturity", "L1");
  zhi_answers_set_level (b, "m01.maturity", "L1");
  x = zhi_scoring_compute (s, a, NULL);
  y = zhi_scoring_compute (s, b, NULL);
  g_assert_cmpfloat (x->total_claimed, ==, y->total_claimed);
  for (guint i = 0; i < x->criteria->len; i++)
    {
      const char *id = ((ZhiCriterionResult *)x->criteria->pdata[i])->criterion->id;
      g_autofree char *ex = zhi_scoring_explain_criterion (x, id);
      g_autofree char *ey = zhi_scoring_explain_criterion (y, id);

      g_assert_cmpstr (ex, ==, ey);
    }
  g_assert_true (zhi_answers_equal (a, b)); /* scoring never changes the answers */
}

static void
test_format_points (void)
{
  static const struct
  {
    double value;
    const char *text;
  } cases[] = {
    { 0, "0" },     { 6, "6" },       { 2.6666666, "2.7" }, { 10.66666, "10.7" },
    { -0.01, "0" }, { 99.96, "100" }, { 12.25, "12.3" },    { 0.04, "0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = zhi_scoring_format_points (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Answers that satisfy every indicator of a standard. */
static ZhiAnswers *
satisfy_all (ZhiStandard *s)
{
  ZhiAnswers *a = zhi_answers_new ();
  GPtrArray *criteria = zhi_standard_get_criteria (s);
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; i < criteria->len; i++)
    g_ptr_array_extend (all, ((ZhiCriterion *)criteria->pdata[i])->indicators, NULL, NULL);
  g_ptr_array_extend (all, zhi_standard_get_track_indicators (s), NULL, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      const ZhiIndicator *ind = all->pdata[i];
      g_autoptr (GString) text = g_string_new (NULL);

      switch (ind->kind)
        {
          case ZHI_INDICATOR_CHECK:
            zhi_answers_set_bool (a, ind->id, TRUE);
            break;
          case ZHI_INDICATOR_LEVEL:
            zhi_answers_set_level (a, ind->id,
                                   ((ZhiLevel *)ind->levels->pdata[ind->levels->len - 1])->id);
            break;
          case ZHI_INDICATOR_RATIO:
            zhi_answers_set_ratio (a, ind->id, 95, 100, 0.9);
            break;
          case ZHI_INDICATOR_KPI:
            zhi_answers_set_kpi (a, ind->id, 100, ind->better_higher ? 120 : 80);
            break;
          case ZHI_INDICATOR_COUNT:
            zhi_answers_set_count (a, ind->id, ind->min_count);
            break;
          case ZHI_INDICATOR_TEXT:
            for (gint64 n = 0; n < MAX (ind->min_chars, 1); n++)
              g_string_append (text, "字");
            zhi_answers_set_text (a, ind->id, text->str);
            break;
          default:
            g_assert_not_reached ();
        }
    }
  return a;
}

static void
test_real_standards (void)
{
  const char *const *ids = zhi_standard_track_ids ();

  for (gsize i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ZhiStandard) s = zhi_standard_load_builtin (ids[i], &error);
      g_autoptr (ZhiAnswers) empty = zhi_answers_new ();
      g_autoptr (ZhiAnswers) full = NULL;
      g_autoptr (GHashTable) ev = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (ZhiScore) zero = NULL;
      g_autoptr (ZhiScore) top = NULL;
      GPtrArray *criteria;

      g_assert_no_error (error);
      criteria = zhi_standard_get_criteria (s);
      for (guint j = 0; j < criteria->len; j++)
        g_hash_table_add (ev, ((ZhiCriterion *)criteria->pdata[j])->id);
      zero = zhi_scoring_compute (s, empty, ev);
      assert_close (zero->total_claimed, 0);
      g_assert_cmpuint (zero->weakest->len, ==, 3);
      full = satisfy_all (s);
      top = zhi_scoring_compute (s, full, ev);
      assert_close (top->total_claimed, 100);
      assert_close (top->total_evidenced, 100);
      g_assert_cmpint (top->gates_state, ==, ZHI_RULE_MET);
      g_assert_cmpstr (top->band->id, ==, ((ZhiBand *)zhi_standard_get_bands (s)->pdata[0])->id);
      for (guint j = 0; j < criteria->len; j++)
        {
          g_autofree char *text
              = zhi_scoring_explain_criterion (top, ((ZhiCriterion *)criteria->pdata[j])->id);

          g_assert_nonnull (strstr (text, "evidence linked"));
        }
    }
}

/* The narrative is required content and earns nothing: the same claimed score with no narrative,
 * with 2,000 characters, and with the criterion's own text restated, on every real track. */
static void
test_narrative_earns_nothing (void)
{
  const char *const *ids = zhi_standard_track_ids ();

  for (gsize i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (ZhiStandard) s = zhi_standard_load_builtin (ids[i], &error);
      g_autoptr (ZhiAnswers) empty = NULL;
      g_autoptr (ZhiAnswers) longer = NULL;
      g_autoptr (ZhiAnswers) restated = NULL;
      g_autoptr (GHashTable) ev = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (ZhiScore) x = NULL;
      g_autoptr (ZhiScore) y = NULL;
      g_autoptr (ZhiScore) z = NULL;
      GPtrArray *criteria;
      guint texts = 0;

      g_assert_no_error (error);
      criteria = zhi_standard_get_criteria (s);
      empty = satisfy_all (s);
      /* a middling score, so that there would be room for the narrative to add points */
      for (guint j = 0; j < criteria->len; j += 2)
        {
          const ZhiCriterion *crit = criteria->pdata[j];

          g_hash_table_add (ev, crit->id);
          for (guint k = 0; k < crit->indicators->len; k++)
            if (((ZhiIndicator *)crit->indicators->pdata[k])->kind == ZHI_INDICATOR_CHECK)
              zhi_answers_set_bool (empty, ((ZhiIndicator *)crit->indicators->pdata[k])->id, FALSE);
        }
      longer = zhi_answers_copy (empty);
      restated = zhi_answers_copy (empty);
      for (guint j = 0; j < criteria->len; j++)
        {
          const ZhiCriterion *crit = criteria->pdata[j];

          for (guint k = 0; k < crit->indicators->len; k++)
            {
              const ZhiIndicator *ind = crit->indicators->pdata[k];
              g_autoptr (GString) text = g_string_new (NULL);

              if (ind->kind != ZHI_INDICATOR_TEXT)
                continue;
              texts++;
              g_assert_cmpint (ind->share, ==, 0);
              zhi_answers_clear (empty, ind->id);
              for (guint n = 0; n < 2000; n++)
                g_string_append (text, "车");
              zhi_answers_set_text (longer, ind->id, text->str);
              g_string_truncate (text, 0);
              for (guint n = 0; n < crit->items->len; n++)
                g_string_append (text, ((ZhiItem *)crit->items->pdata[n])->text.zh);
              zhi_answers_set_text (restated, ind->id, text->str);
            }
        }
      g_assert_cmpuint (texts, ==, criteria->len); /* every criterion has its narrative */
      x = zhi_scoring_compute (s, empty, ev);
      y = zhi_scoring_compute (s, longer, ev);
      z = zhi_scoring_compute (s, restated, ev);
      g_test_message ("%s: %g claimed, %g evidenced", ids[i], x->total_claimed, x->total_evidenced);
      g_assert_cmpfloat (x->total_claimed, >, 0);
      g_assert_cmpfloat (x->total_claimed, <, 100);
      g_assert_cmpfloat (x->total_claimed, ==, y->total_claimed);
      g_assert_cmpfloat (x->total_claimed, ==, z->total_claimed);
      g_assert_cmpfloat (x->total_evidenced, ==, y->total_evidenced);
      g_assert_cmpfloat (x->total_evidenced, ==, z->total_evidenced);
      for (guint j = 0; j < criteria->len; j++)
        {
          const ZhiCriterionResult *a = x->criteria->pdata[j];
          const ZhiCriterionResult *b = y->criteria->pdata[j];

          g_assert_cmpfloat (a->claimed, ==, b->claimed);
          for (guint k = 0; k < a->indicators->len; k++)
            {
              const ZhiIndicatorResult *ra = a->indicators->pdata[k];
              const ZhiIndicatorResult *rb = b->indicators->pdata[k];

              if (ra->indicator->kind != ZHI_INDICATOR_TEXT)
                continue;
              /* empty: not written; long: written; both 0 of 0 points */
              g_assert_false (ra->answered);
              g_assert_true (rb->answered);
              g_assert_cmpfloat (ra->max_points, ==, 0);
              g_assert_cmpfloat (rb->points, ==, 0);
              g_assert_nonnull (strstr (rb->detail, "earns no points"));
            }
        }
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  zhi_i18n_set_override (0);

  g_test_add_func ("/scoring/empty-answers", test_empty_answers);
  g_test_add_func ("/scoring/full-marks", test_full_marks);
  g_test_add_func ("/scoring/full-marks/need-evidence", test_full_marks_need_evidence);
  for (gsize i = 0; i < G_N_ELEMENTS (kind_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/scoring/kind/%s", kind_cases[i].name);

      g_test_add_data_func (name, &kind_cases[i], test_kind);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (gate_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/scoring/gate/%s", gate_cases[i].name);

      g_test_add_data_func (name, &gate_cases[i], test_gate);
    }
  g_test_add_func ("/scoring/band/edges", test_band_edges);
  g_test_add_func ("/scoring/evidence/claimed-vs-evidenced", test_evidence);
  g_test_add_func ("/scoring/weakest/ordering-and-advice", test_weakest_ordering);
  g_test_add_func ("/scoring/explain/english-text", test_explain_english);
  g_test_add_func ("/scoring/explain/chinese-data", test_explain_chinese_data);
  g_test_add_func ("/scoring/deterministic", test_deterministic);
  g_test_add_func ("/scoring/format-points", test_format_points);
  g_test_add_func ("/scoring/real/all-tracks-empty-and-full", test_real_standards);
  g_test_add_func ("/scoring/real/narrative-earns-nothing", test_narrative_earns_nothing);
  return g_test_run ();
}
