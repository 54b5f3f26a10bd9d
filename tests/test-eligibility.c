/* test-eligibility.c — conditions, exclusions, gates and the verdict */
#include "zhi-eligibility.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#define SHENYANG_CODE "91210100123456788H" /* valid, registered in 沈阳 */
#define FUJIAN_CODE "91350100123456788Q"   /* valid, registered in 福州 */
#define PILOT_CODE "91350100M0001TGQXM"    /* an early pilot code: fails its check character */
#define BAD_CHECK_CODE "91210100123456788J"

static ZhiConditions *
conditions (void)
{
  g_autoptr (GError) error = NULL;
  ZhiConditions *c = zhi_conditions_load_builtin (&error);

  g_assert_no_error (error);
  return c;
}

static ZhiStandard *
workshop (void)
{
  g_autoptr (GError) error = NULL;
  ZhiStandard *s = zhi_standard_load_builtin ("workshop", &error);

  g_assert_no_error (error);
  return s;
}

/* All conditions yes, no exclusion, KPIs improved, gates met. */
static ZhiAnswers *
good_answers (void)
{
  ZhiAnswers *a = zhi_answers_new ();

  for (int i = 1; i <= 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("cond-%d", i);

      zhi_answers_set_bool (a, id, TRUE);
    }
  zhi_answers_set_bool (a, "cond-5.encouraged", TRUE);
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("excl-%d", i);

      zhi_answers_set_bool (a, id, FALSE);
    }
  zhi_answers_set_kpi (a, "w10.kpi-cycle", 120, 90);
  zhi_answers_set_kpi (a, "w10.kpi-productivity", 50, 60);
  zhi_answers_set_kpi (a, "w10.kpi-om-cost", 300, 280);
  zhi_answers_set_kpi (a, "w10.kpi-energy", 80, 85);
  zhi_answers_set_kpi (a, "w10.kpi-defect", 2, 1.5);
  zhi_answers_set_ratio (a, "w02.smart-equipment-ratio", 62, 100, NAN);
  zhi_answers_set_level (a, "w02.equipment-maturity", "L3");
  zhi_answers_set_ratio (a, "w03.networked-equipment-ratio", 90, 100, 0.8);
  zhi_answers_set_count (a, "workshop.scenario-count", 3);
  return a;
}

static ZhiEligibility *
evaluate (ZhiAnswers *a, const char *code)
{
  g_autoptr (ZhiStandard) s = workshop ();
  g_autoptr (ZhiConditions) c = conditions ();

  return zhi_eligibility_evaluate (s, c, a, code);
}

static ZhiRuleState
state_of (ZhiEligibility *e, const char *id)
{
  const ZhiRuleResult *r = zhi_eligibility_lookup (e, id);

  g_assert_nonnull (r);
  g_test_message ("%s: %s", id, r->reason);
  return r->state;
}

static void
test_all_good (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) e = evaluate (a, SHENYANG_CODE);

  g_test_message ("%s", e->summary);
  g_assert_cmpint (e->verdict, ==, ZHI_VERDICT_ELIGIBLE);
  /* six conditions, （五）'s encouraged part, three exclusions, four gates */
  g_assert_cmpuint (e->rules->len, ==, 6 + 1 + 3 + 4);
  for (guint i = 0; i < e->rules->len; i++)
    g_assert_cmpint (((ZhiRuleResult *)e->rules->pdata[i])->state, ==, ZHI_RULE_MET);
  g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-1")->reason, "Shenyang"));
  g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-4")->reason, "5 of 5"));
  g_assert_cmpstr (e->summary, ==, "Meets the application conditions.");
  g_assert_cmpstr (zhi_verdict_to_string (e->verdict), ==, "eligible");
}

static void
test_empty_is_incomplete (void)
{
  g_autoptr (ZhiAnswers) a = zhi_answers_new ();
  g_autoptr (ZhiEligibility) e = evaluate (a, NULL);
  g_autoptr (GPtrArray) missing = zhi_eligibility_list (e, ZHI_RULE_UNANSWERED);

  g_assert_cmpint (e->verdict, ==, ZHI_VERDICT_INCOMPLETE);
  /* every condition, （五） included; its encouraged part is not listed */
  g_assert_cmpuint (missing->len, ==, 6 + 3 + 4);
  g_assert_true (g_str_has_prefix (e->summary, "Incomplete — still to answer: condition （一）"));
  g_assert_nonnull (strstr (e->summary, "exclusion （三）"));
  g_assert_nonnull (strstr (e->summary, "≥ 50% of units"));
  g_assert_nonnull (strstr (e->summary, "（五）"));
  g_assert_null (strstr (e->summary, "encouraged"));
  g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-1")->reason, "credit code"));
}

static void
test_exclusion_applies (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) e = NULL;

  zhi_answers_set_bool (a, "excl-2", TRUE);
  zhi_answers_clear (a, "cond-3"); /* something unanswered too: not eligible still wins */
  e = evaluate (a, SHENYANG_CODE);
  g_assert_cmpint (e->verdict, ==, ZHI_VERDICT_NOT_ELIGIBLE);
  g_assert_cmpint (state_of (e, "excl-2"), ==, ZHI_RULE_NOT_MET);
  g_assert_true (g_str_has_prefix (zhi_eligibility_lookup (e, "excl-2")->reason,
                                   "Applies, so the enterprise may not apply: （二）"));
  g_assert_true (g_str_has_prefix (e->summary, "Not eligible: exclusion （二）"));
  g_assert_null (strstr (e->summary, "（三）"));
}

static void
test_every_failure_named (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) e = NULL;
  g_autoptr (GPtrArray) failing = NULL;

  zhi_answers_set_bool (a, "cond-2", FALSE);
  zhi_answers_set_bool (a, "excl-1", TRUE);
  zhi_answers_set_ratio (a, "w02.smart-equipment-ratio", 49, 100, NAN);
  e = evaluate (a, SHENYANG_CODE);
  failing = zhi_eligibility_list (e, ZHI_RULE_NOT_MET);
  g_assert_cmpuint (failing->len, ==, 3);
  g_assert_nonnull (strstr (e->summary, "condition （二）"));
  g_assert_nonnull (strstr (e->summary, "exclusion （一）"));
  g_assert_nonnull (strstr (e->summary, "≥ 50% of units"));
  g_assert_nonnull (
      strstr (zhi_eligibility_lookup (e, "gate.w02-equipment-ratio")->reason, "49% < 50%"));
}

typedef struct
{
  const char *name;
  const char *code;
  const char *note;
  ZhiRuleState state;
  const char *reason;
} CreditCase;

static const CreditCase credit_cases[] = {
  { "valid-liaoning", SHENYANG_CODE, NULL, ZHI_RULE_MET, "registered in Liaoning" },
  { "valid-liaoning-lowercase-spaced", "91210100 12345678 8h", NULL, ZHI_RULE_MET, "Shenyang" },
  { "outside-liaoning", FUJIAN_CODE, NULL, ZHI_RULE_NOT_MET, "outside Liaoning (region 350100)" },
  { "outside-liaoning-explained", FUJIAN_CODE, "总部迁入沈阳，营业执照换发中", ZHI_RULE_MET,
    "explanation recorded: 总部迁入沈阳" },
  { "pilot-code-fails-check", PILOT_CODE, NULL, ZHI_RULE_NOT_MET, "not valid" },
  { "pilot-code-explained", PILOT_CODE, "早期试点代码", ZHI_RULE_MET, "早期试点代码" },
  { "bad-check-character", BAD_CHECK_CODE, NULL, ZHI_RULE_NOT_MET, "Position 18" },
  { "too-short", "9121010012345", NULL, ZHI_RULE_NOT_MET, "13 characters" },
  { "empty", "", NULL, ZHI_RULE_UNANSWERED, "Enter the enterprise" },
  { "empty-with-note-still-missing", NULL, "n/a", ZHI_RULE_UNANSWERED, "Enter the enterprise" },
};

static void
test_credit_code (gconstpointer data)
{
  const CreditCase *k = data;
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) e = NULL;

  if (k->note != NULL)
    zhi_answers_set_note (a, ZHI_CREDIT_CODE_NOTE_ID, k->note);
  e = evaluate (a, k->code);
  g_assert_cmpint (state_of (e, "cond-1"), ==, k->state);
  g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-1")->reason, k->reason));
  g_assert_cmpint (e->verdict, ==,
                   k->state == ZHI_RULE_MET       ? ZHI_VERDICT_ELIGIBLE
                   : k->state == ZHI_RULE_NOT_MET ? ZHI_VERDICT_NOT_ELIGIBLE
                                                  : ZHI_VERDICT_INCOMPLETE);
}

static void
test_condition_one_answered_no (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) e = NULL;

  zhi_answers_set_bool (a, "cond-1", FALSE);
  e = evaluate (a, SHENYANG_CODE);
  g_assert_cmpint (state_of (e, "cond-1"), ==, ZHI_RULE_NOT_MET);
  g_assert_true (
      g_str_has_prefix (zhi_eligibility_lookup (e, "cond-1")->reason, "Not met: （一）"));
}

static void
test_condition_four_kpis (void)
{
  static const char *const kpis[] = { "w10.kpi-cycle", "w10.kpi-productivity", "w10.kpi-om-cost",
                                      "w10.kpi-energy", "w10.kpi-defect" };

  /* none improved, all entered → not met */
  {
    g_autoptr (ZhiAnswers) a = good_answers ();
    g_autoptr (ZhiEligibility) e = NULL;

    for (gsize i = 0; i < G_N_ELEMENTS (kpis); i++)
      zhi_answers_set_kpi (a, kpis[i], 10, 10);
    e = evaluate (a, SHENYANG_CODE);
    g_assert_cmpint (state_of (e, "cond-4"), ==, ZHI_RULE_NOT_MET);
    g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-4")->reason, "0 of 5"));
  }
  /* none improved, some missing → unanswered, the missing named */
  {
    g_autoptr (ZhiAnswers) a = good_answers ();
    g_autoptr (ZhiEligibility) e = NULL;

    for (gsize i = 0; i < G_N_ELEMENTS (kpis); i++)
      zhi_answers_clear (a, kpis[i]);
    zhi_answers_set_kpi (a, kpis[0], 10, 12);
    e = evaluate (a, SHENYANG_CODE);
    g_assert_cmpint (state_of (e, "cond-4"), ==, ZHI_RULE_UNANSWERED);
    /* each missing KPI named, and the one that got worse flagged */
    g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-4")->reason,
                              "Labour productivity: the baseline and the current value are not "
                              "filled in"));
    g_assert_nonnull (
        strstr (zhi_eligibility_lookup (e, "cond-4")->reason, "Got worse: Product development"));
    g_assert_cmpint (e->verdict, ==, ZHI_VERDICT_INCOMPLETE);
  }
  /* a baseline of 0 is no improvement: an error naming the KPI */
  {
    g_autoptr (ZhiAnswers) a = good_answers ();
    g_autoptr (ZhiEligibility) e = NULL;

    for (gsize i = 0; i < G_N_ELEMENTS (kpis); i++)
      zhi_answers_set_kpi (a, kpis[i], 10, 10);
    zhi_answers_set_kpi (a, "w10.kpi-energy", 0, 85);
    e = evaluate (a, SHENYANG_CODE);
    g_assert_cmpint (state_of (e, "cond-4"), ==, ZHI_RULE_UNANSWERED);
    g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-4")->reason,
                              "Energy utilisation rate: the baseline is 0"));
    g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-4")->reason, "0 of 5"));
  }
  /* only a baseline typed: unanswered, the missing current value named */
  {
    g_autoptr (ZhiAnswers) a = good_answers ();
    g_autoptr (ZhiEligibility) e = NULL;

    for (gsize i = 0; i < G_N_ELEMENTS (kpis); i++)
      zhi_answers_clear (a, kpis[i]);
    zhi_answers_set_kpi (a, kpis[1], 50, NAN);
    e = evaluate (a, SHENYANG_CODE);
    g_assert_cmpint (state_of (e, "cond-4"), ==, ZHI_RULE_UNANSWERED);
    g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-4")->reason,
                              "Labour productivity: the current value is not filled in"));
  }
  /* one improved is enough */
  {
    g_autoptr (ZhiAnswers) a = good_answers ();
    g_autoptr (ZhiEligibility) e = NULL;

    for (gsize i = 1; i < G_N_ELEMENTS (kpis); i++)
      zhi_answers_clear (a, kpis[i]);
    e = evaluate (a, SHENYANG_CODE);
    g_assert_cmpint (state_of (e, "cond-4"), ==, ZHI_RULE_MET);
    g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-4")->reason, "1 of 5"));
  }
  /* the applicant says no: not met whatever the KPIs */
  {
    g_autoptr (ZhiAnswers) a = good_answers ();
    g_autoptr (ZhiEligibility) e = NULL;

    zhi_answers_set_bool (a, "cond-4", FALSE);
    e = evaluate (a, SHENYANG_CODE);
    g_assert_cmpint (state_of (e, "cond-4"), ==, ZHI_RULE_NOT_MET);
  }
}

/* （五） decides by its first half, 智能制造实践取得技术突破, like the other conditions. */
static void
test_condition_five_decides (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) yes = NULL;
  g_autoptr (ZhiEligibility) no = NULL;
  g_autoptr (ZhiEligibility) unanswered = NULL;
  const ZhiRuleResult *rule;

  yes = evaluate (a, SHENYANG_CODE);
  g_assert_cmpint (yes->verdict, ==, ZHI_VERDICT_ELIGIBLE);
  rule = zhi_eligibility_lookup (yes, "cond-5");
  g_assert_true (rule->decides);
  g_assert_cmpstr (rule->title, ==, "Technical breakthroughs in smart-manufacturing practice");
  g_assert_null (strstr (rule->reason, "Encouraged"));

  zhi_answers_set_bool (a, "cond-5", FALSE);
  no = evaluate (a, SHENYANG_CODE);
  g_assert_cmpint (state_of (no, "cond-5"), ==, ZHI_RULE_NOT_MET);
  g_assert_cmpint (no->verdict, ==, ZHI_VERDICT_NOT_ELIGIBLE);
  g_assert_cmpstr (no->summary, ==,
                   "Not eligible: condition （五） Technical breakthroughs in "
                   "smart-manufacturing practice.");

  zhi_answers_clear (a, "cond-5");
  unanswered = evaluate (a, SHENYANG_CODE);
  g_assert_cmpint (state_of (unanswered, "cond-5"), ==, ZHI_RULE_UNANSWERED);
  g_assert_cmpint (unanswered->verdict, ==, ZHI_VERDICT_INCOMPLETE);
  g_assert_nonnull (strstr (unanswered->summary, "（五）"));
}

/* Its second half, 鼓励使用安全可控的关键技术装备和工业软件, is encouragement: shown on its own,
 * never deciding. */
static void
test_condition_five_encouraged_part (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) no = NULL;
  g_autoptr (ZhiEligibility) unanswered = NULL;
  const ZhiRuleResult *rule;

  zhi_answers_set_bool (a, "cond-5.encouraged", FALSE);
  no = evaluate (a, SHENYANG_CODE);
  rule = zhi_eligibility_lookup (no, "cond-5.encouraged");
  g_assert_nonnull (rule);
  g_assert_false (rule->decides);
  g_assert_cmpint (rule->kind, ==, ZHI_RULE_KIND_CONDITION);
  g_assert_cmpstr (rule->mark, ==, "（五）");
  g_assert_cmpint (rule->state, ==, ZHI_RULE_NOT_MET);
  g_assert_true (g_str_has_prefix (rule->reason, "Encouraged, and the enterprise does not do so"));
  g_assert_nonnull (strstr (rule->reason, "does not decide eligibility"));
  g_assert_cmpint (no->verdict, ==, ZHI_VERDICT_ELIGIBLE);
  g_assert_cmpstr (no->summary, ==, "Meets the application conditions.");

  zhi_answers_clear (a, "cond-5.encouraged");
  unanswered = evaluate (a, SHENYANG_CODE);
  g_assert_cmpint (state_of (unanswered, "cond-5.encouraged"), ==, ZHI_RULE_UNANSWERED);
  g_assert_cmpint (unanswered->verdict, ==, ZHI_VERDICT_ELIGIBLE);
  /* the encouraged part follows its condition */
  for (guint i = 0; i < unanswered->rules->len; i++)
    if (unanswered->rules->pdata[i] == zhi_eligibility_lookup (unanswered, "cond-5.encouraged"))
      g_assert_true (unanswered->rules->pdata[i - 1]
                     == zhi_eligibility_lookup (unanswered, "cond-5"));
}

static void
test_gates (void)
{
  static const struct
  {
    const char *id;
    const char *indicator;
    ZhiAnswerType type;
    double a, b, c;
    const char *level;
    ZhiRuleState state;
  } cases[] = {
    { "gate.w02-equipment-ratio", "w02.smart-equipment-ratio", ZHI_ANSWER_RATIO, 50, 100, NAN, NULL,
      ZHI_RULE_MET },
    { "gate.w02-equipment-ratio", "w02.smart-equipment-ratio", ZHI_ANSWER_RATIO, 4999, 10000, NAN,
      NULL, ZHI_RULE_NOT_MET },
    { "gate.w02-equipment-maturity", "w02.equipment-maturity", ZHI_ANSWER_LEVEL, 0, 0, 0, "L2",
      ZHI_RULE_NOT_MET },
    { "gate.w02-equipment-maturity", "w02.equipment-maturity", ZHI_ANSWER_LEVEL, 0, 0, 0, "L4",
      ZHI_RULE_MET },
    { "gate.w03-networked-ratio", "w03.networked-equipment-ratio", ZHI_ANSWER_RATIO, 80, 100, 0.8,
      NULL, ZHI_RULE_MET },
    { "gate.w03-networked-ratio", "w03.networked-equipment-ratio", ZHI_ANSWER_RATIO, 79, 100, 0.8,
      NULL, ZHI_RULE_NOT_MET },
    { "gate.w03-networked-ratio", "w03.networked-equipment-ratio", ZHI_ANSWER_RATIO, 79, 100, NAN,
      NULL, ZHI_RULE_UNANSWERED },
    { "gate.scenario-count", "workshop.scenario-count", ZHI_ANSWER_COUNT, 1, 0, 0, NULL,
      ZHI_RULE_NOT_MET },
    { "gate.scenario-count", "workshop.scenario-count", ZHI_ANSWER_COUNT, 2, 0, 0, NULL,
      ZHI_RULE_MET },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (ZhiAnswers) a = good_answers ();
      g_autoptr (ZhiEligibility) e = NULL;

      if (cases[i].type == ZHI_ANSWER_RATIO)
        zhi_answers_set_ratio (a, cases[i].indicator, cases[i].a, cases[i].b, cases[i].c);
      else if (cases[i].type == ZHI_ANSWER_LEVEL)
        zhi_answers_set_level (a, cases[i].indicator, cases[i].level);
      else
        zhi_answers_set_count (a, cases[i].indicator, (gint64)cases[i].a);
      e = evaluate (a, SHENYANG_CODE);
      g_assert_cmpint (state_of (e, cases[i].id), ==, cases[i].state);
      g_assert_cmpint (e->verdict, ==,
                       cases[i].state == ZHI_RULE_MET       ? ZHI_VERDICT_ELIGIBLE
                       : cases[i].state == ZHI_RULE_NOT_MET ? ZHI_VERDICT_NOT_ELIGIBLE
                                                            : ZHI_VERDICT_INCOMPLETE);
    }
}

static void
test_no_track_yet (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiConditions) c = conditions ();
  g_autoptr (ZhiEligibility) e = zhi_eligibility_evaluate (NULL, c, a, SHENYANG_CODE);

  g_assert_cmpuint (e->rules->len, ==, 10);
  g_assert_cmpint (e->verdict, ==, ZHI_VERDICT_ELIGIBLE);
}

static void
test_factory_gate (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) s = zhi_standard_load_builtin ("factory-process", &error);
  g_autoptr (ZhiConditions) c = conditions ();
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) e = NULL;

  g_assert_no_error (error);
  /* the factory's KPIs are fp08.*; the workshop ones in good_answers do not count */
  zhi_answers_set_kpi (a, "fp08.kpi-energy", 70, 75);
  zhi_answers_set_count (a, "factory-process.workshop-count", 1);
  e = zhi_eligibility_evaluate (s, c, a, SHENYANG_CODE);
  g_assert_cmpint (state_of (e, "gate.workshop-count"), ==, ZHI_RULE_NOT_MET);
  g_assert_cmpint (state_of (e, "cond-4"), ==, ZHI_RULE_MET);
  g_assert_cmpint (e->verdict, ==, ZHI_VERDICT_NOT_ELIGIBLE);
}

static void
test_chinese_data_wording (void)
{
  g_autoptr (ZhiAnswers) a = good_answers ();
  g_autoptr (ZhiEligibility) e = NULL;

  zhi_i18n_set_override (1);
  zhi_answers_set_bool (a, "excl-3", TRUE);
  e = evaluate (a, SHENYANG_CODE);
  zhi_i18n_set_override (0);
  g_assert_cmpstr (zhi_eligibility_lookup (e, "excl-3")->mark, ==, "（三）");
  g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "excl-3")->reason,
                            "（三）近3年有偷税漏税、失信惩戒和不良信用记录等其他违法违规行为的。"));
  g_assert_nonnull (strstr (zhi_eligibility_lookup (e, "cond-1")->reason, "沈阳"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  zhi_i18n_set_override (0);

  g_test_add_func ("/eligibility/verdict/all-good-is-eligible", test_all_good);
  g_test_add_func ("/eligibility/verdict/empty-is-incomplete", test_empty_is_incomplete);
  g_test_add_func ("/eligibility/verdict/exclusion-applies", test_exclusion_applies);
  g_test_add_func ("/eligibility/verdict/every-failure-named", test_every_failure_named);
  for (gsize i = 0; i < G_N_ELEMENTS (credit_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/eligibility/condition-1/%s", credit_cases[i].name);

      g_test_add_data_func (name, &credit_cases[i], test_credit_code);
    }
  g_test_add_func ("/eligibility/condition-1/answered-no", test_condition_one_answered_no);
  g_test_add_func ("/eligibility/condition-4/kpis", test_condition_four_kpis);
  g_test_add_func ("/eligibility/condition-5/first-half-decides", test_condition_five_decides);
  g_test_add_func ("/eligibility/condition-5/encouraged-part-never-decides",
                   test_condition_five_encouraged_part);
  g_test_add_func ("/eligibility/gate/thresholds", test_gates);
  g_test_add_func ("/eligibility/gate/factory-workshop-count", test_factory_gate);
  g_test_add_func ("/eligibility/no-track-yet", test_no_track_yet);
  g_test_add_func ("/eligibility/wording/seed-text-in-chinese", test_chinese_data_wording);
  return g_test_run ();
}
