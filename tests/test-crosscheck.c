/* The cross-checks a reviewer makes: each at, under and over its edge */
#include "config.h"

#include <string.h>

#include "zhi-crosscheck.h"
#include "zhi-evaluation.h"

typedef struct
{
  ZhiProject *project;
  ZhiStandard *standard;
  GPtrArray *problems;
  GDate today;
} Fixture;

/* A project with nothing to cross-check: every check has its inputs, all consistent. */
static void
setup (Fixture *f, gconstpointer data)
{
  const char *track = data != NULL ? data : "workshop";
  g_autoptr (GError) error = NULL;
  const char *w[] = { "w02", "w03", NULL };
  const char *fd[] = { "fd03", NULL };
  const char *fp[] = { "fp03", NULL };
  g_autoptr (ZhiScenario) scenario = NULL;

  f->project = zhi_project_new ();
  zhi_project_set_track (f->project, track);
  f->standard = zhi_standard_load_builtin (track, &error);
  g_assert_no_error (error);
  f->problems = zhi_problem_list_new ();
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 2, G_DATE_DECEMBER, 2026);

  zhi_project_set_industry_division (f->project,
                                     g_str_equal (track, ZHI_TRACK_FACTORY_PROCESS) ? "26" : "34");
  zhi_project_set_founding_date (f->project, "2006-05-18");
  zhi_project_set_in_use_date (f->project, "2024-09-01");
  zhi_project_set_investment_software (f->project, 1350);
  zhi_project_set_investment_hardware (f->project, 3650);
  zhi_project_set_investment_total (f->project, 5000);
  zhi_project_set_funding_sources (f->project, "企业自筹 4200 万元，银行贷款 800 万元");
  scenario = zhi_scenario_new ("设备联网",
                               g_str_equal (track, "workshop")           ? w
                               : g_str_equal (track, "factory-discrete") ? fd
                                                                         : fp,
                               "");
  zhi_project_add_scenario (f->project, scenario);
  if (!g_str_equal (track, "workshop"))
    {
      g_autofree char *id = g_strconcat (track, ".workshop-count", NULL);

      zhi_answers_set_count (zhi_project_get_answers (f->project), id, 2);
      zhi_project_set_workshops (f->project, "机加工车间；装配车间");
    }
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_assert_finalize_object (g_steal_pointer (&f->project));
  g_clear_object (&f->standard);
  g_clear_pointer (&f->problems, g_ptr_array_unref);
}

static void
set_track (Fixture *f, const char *track)
{
  g_autoptr (GError) error = NULL;

  zhi_project_set_track (f->project, track);
  g_clear_object (&f->standard);
  f->standard = zhi_standard_load_builtin (track, &error);
  g_assert_no_error (error);
}

static void
run (Fixture *f)
{
  g_ptr_array_set_size (f->problems, 0);
  zhi_crosscheck_run (f->project, f->standard, NULL, &f->today, f->problems);
}

static const ZhiProblem *
find (Fixture *f, const char *code)
{
  for (guint i = 0; i < f->problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (f->problems, i);

      if (g_str_equal (problem->code, code))
        return problem;
    }
  return NULL;
}

static void
assert_clean (Fixture *f)
{
  run (f);
  for (guint i = 0; i < f->problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (f->problems, i);

      g_test_message ("unexpected: %s %s", problem->code, problem->message);
    }
  g_assert_cmpuint (f->problems->len, ==, 0);
}

static const ZhiProblem *
assert_one (Fixture *f, const char *code, ZhiProblemSeverity severity, const char *field)
{
  const ZhiProblem *problem;

  run (f);
  problem = find (f, code);
  if (problem == NULL)
    g_error ("no “%s” problem", code);
  g_assert_cmpint (problem->severity, ==, severity);
  g_assert_cmpstr (problem->step, ==, "enterprise");
  g_assert_cmpstr (problem->field, ==, field);
  g_assert_cmpuint (strlen (problem->message), >, 20);
  return problem;
}

static void
test_clean (Fixture *f, gconstpointer data)
{
  assert_clean (f);
}

static void
test_industry_track (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *track;
    const char *division;
    const char *mentions[2]; /* in the warning; NULL: no warning */
  } cases[] = {
    /* a process factory in C34 通用设备制造业 (discrete) */
    { ZHI_TRACK_FACTORY_PROCESS, "34", { "C34", "process smart factory" } },
    /* a class code counts by its division: C2614 is chemistry, fits a process factory */
    { ZHI_TRACK_FACTORY_PROCESS, "C2614", { NULL } },
    /* the reverse: a discrete factory in C31 黑色金属冶炼 */
    { ZHI_TRACK_FACTORY_DISCRETE, "31", { "C31", "discrete smart factory" } },
    { ZHI_TRACK_FACTORY_DISCRETE, "36", { NULL } },
    /* a digital workshop fits any division; an unknown division is not compared */
    { ZHI_TRACK_WORKSHOP, "26", { NULL } },
    { ZHI_TRACK_WORKSHOP, "31", { NULL } },
    { ZHI_TRACK_FACTORY_PROCESS, "99", { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_track (f, cases[i].track);
      zhi_project_set_industry_division (f->project, cases[i].division);
      if (cases[i].mentions[0] != NULL)
        {
          const ZhiProblem *problem
              = assert_one (f, "industry-track-mismatch", ZHI_PROBLEM_WARNING, "industry-division");

          for (guint k = 0; k < G_N_ELEMENTS (cases[i].mentions); k++)
            g_assert_nonnull (strstr (problem->message, cases[i].mentions[k]));
        }
      else
        {
          run (f);
          g_assert_null (find (f, "industry-track-mismatch"));
        }
    }
}

static void
test_workshops (Fixture *f, gconstpointer data)
{
  const char *track = data;
  g_autofree char *id = g_strconcat (track, ".workshop-count", NULL);
  ZhiAnswers *answers = zhi_project_get_answers (f->project);
  const ZhiProblem *problem;

  /* at the edge: two listed, two declared (setup) */
  assert_clean (f);
  /* separators: newline, ";" and "；", blank names ignored */
  zhi_project_set_workshops (f->project, "机加工车间\n装配车间; 涂装车间；\n  \n");
  zhi_answers_set_count (answers, id, 3);
  assert_clean (f);

  /* under: one listed */
  zhi_project_set_workshops (f->project, "机加工车间");
  zhi_answers_set_count (answers, id, 1);
  problem = assert_one (f, "too-few-workshops", ZHI_PROBLEM_BLOCKING, "workshops");
  g_assert_nonnull (strstr (problem->message, "1 is listed"));
  g_assert_null (find (f, "workshop-count-mismatch"));

  /* the count disagrees with the list, both ways */
  zhi_project_set_workshops (f->project, "机加工车间；装配车间");
  zhi_answers_set_count (answers, id, 3);
  problem = assert_one (f, "workshop-count-mismatch", ZHI_PROBLEM_BLOCKING, "workshops");
  g_assert_nonnull (strstr (problem->message, "declares 3"));
  g_assert_nonnull (strstr (problem->message, "lists 2"));
  g_assert_null (find (f, "too-few-workshops"));
  zhi_answers_set_count (answers, id, 1);
  problem = assert_one (f, "workshop-count-mismatch", ZHI_PROBLEM_BLOCKING, "workshops");
  g_assert_nonnull (strstr (problem->message, "declares 1"));

  /* declared but none named: a warning; neither declared nor named: the gate asks */
  zhi_project_set_workshops (f->project, "");
  zhi_answers_set_count (answers, id, 2);
  assert_one (f, "workshops-not-named", ZHI_PROBLEM_WARNING, "workshops");
  zhi_answers_clear (answers, id);
  assert_clean (f);
  /* named but not declared: nothing to compare yet */
  zhi_project_set_workshops (f->project, "机加工车间；装配车间");
  assert_clean (f);
}

static void
test_workshops_not_for_workshop_track (Fixture *f, gconstpointer data)
{
  /* a digital workshop is one workshop: a list there is not compared */
  zhi_project_set_workshops (f->project, "机加工车间");
  assert_clean (f);
}

static void
test_scenarios (Fixture *f, gconstpointer data)
{
  const char *none[] = { NULL };
  const char *other_track[] = { "fd03", NULL };
  const char *mixed[] = { "fd03", "w05", NULL };
  g_autoptr (ZhiScenario) unlinked = zhi_scenario_new ("智能排产", none, "");
  g_autoptr (ZhiScenario) elsewhere = zhi_scenario_new ("", other_track, "");
  g_autoptr (ZhiScenario) partly = zhi_scenario_new ("质量追溯", mixed, "");
  const ZhiProblem *problem;

  zhi_project_add_scenario (f->project, unlinked);
  problem = assert_one (f, "scenario-without-criterion", ZHI_PROBLEM_WARNING, "scenario:2");
  g_assert_nonnull (strstr (problem->message, "“智能排产”"));
  g_assert_cmpuint (f->problems->len, ==, 1);

  /* linked only to a criterion of another track: still linked to none of this one */
  zhi_project_update_scenario (f->project, 1, elsewhere);
  problem = assert_one (f, "scenario-without-criterion", ZHI_PROBLEM_WARNING, "scenario:2");
  g_assert_nonnull (strstr (problem->message, "2"));

  /* one criterion of the track is enough */
  zhi_project_update_scenario (f->project, 1, partly);
  assert_clean (f);
}

static void
test_investment_parts (Fixture *f, gconstpointer data)
{
  const ZhiProblem *problem;

  /* at the edge: 1350 + 3650 = 5000 (setup); a rounding cent is no contradiction */
  zhi_project_set_investment_hardware (f->project, 3650.004);
  assert_clean (f);
  /* over */
  zhi_project_set_investment_hardware (f->project, 3650.01);
  problem
      = assert_one (f, "investment-parts-exceed-total", ZHI_PROBLEM_BLOCKING, "investment-total");
  g_assert_nonnull (strstr (problem->message, "5000.01"));
  g_assert_nonnull (strstr (problem->message, "5000.00"));
  /* under */
  zhi_project_set_investment_hardware (f->project, 3000);
  assert_clean (f);
  /* no total yet: "missing-investment" asks for it, nothing to compare */
  zhi_project_set_investment_total (f->project, 0);
  assert_clean (f);
}

static void
test_funding (Fixture *f, gconstpointer data)
{
  const ZhiProblem *problem;

  /* at the edge (setup: 4200 + 800 = 5000) */
  assert_clean (f);
  /* over */
  zhi_project_set_funding_sources (f->project, "企业自筹 4200 万元，银行贷款 801 万元");
  problem = assert_one (f, "funding-exceeds-total", ZHI_PROBLEM_WARNING, "funding-sources");
  g_assert_nonnull (strstr (problem->message, "5001.00"));
  /* under, with 亿元 and a year that is no amount */
  zhi_project_set_funding_sources (f->project, "2023年企业自筹0.3亿元，省专项资金 1,500万元");
  assert_clean (f);
  /* shares: 100 % at the edge, more is a contradiction */
  zhi_project_set_funding_sources (f->project, "自筹 80%，银行贷款 20％");
  assert_clean (f);
  zhi_project_set_funding_sources (f->project, "自筹 80%，银行贷款 20.5%");
  problem = assert_one (f, "funding-exceeds-total", ZHI_PROBLEM_WARNING, "funding-sources");
  g_assert_nonnull (strstr (problem->message, "100.5"));
  /* shares are judged without a total */
  zhi_project_set_investment_total (f->project, 0);
  assert_one (f, "funding-exceeds-total", ZHI_PROBLEM_WARNING, "funding-sources");
  zhi_project_set_investment_total (f->project, 5000);
  /* text without figures is not judged */
  zhi_project_set_funding_sources (f->project, "企业自筹");
  assert_clean (f);
}

static void
test_parse_funding (void)
{
  double amount, percent;

  zhi_crosscheck_parse_funding ("企业自筹 4200 万元，银行贷款 800 万元", &amount, &percent);
  g_assert_cmpfloat_with_epsilon (amount, 5000, 1e-9);
  g_assert_cmpfloat (percent, ==, -1);
  zhi_crosscheck_parse_funding ("自筹 0.45 亿元（90%），贷款　500万元（10%）", &amount, &percent);
  g_assert_cmpfloat_with_epsilon (amount, 5000, 1e-9);
  g_assert_cmpfloat_with_epsilon (percent, 100, 1e-9);
  zhi_crosscheck_parse_funding ("2024年3月到位", &amount, &percent);
  g_assert_cmpfloat (amount, ==, -1);
  g_assert_cmpfloat (percent, ==, -1);
  zhi_crosscheck_parse_funding (NULL, &amount, &percent);
  g_assert_cmpfloat (amount, ==, -1);
}

static void
test_dates (Fixture *f, gconstpointer data)
{
  const ZhiProblem *problem;

  /* in use today and founded the same day: at both edges, fine */
  zhi_project_set_in_use_date (f->project, "2026-12-02");
  assert_clean (f);
  zhi_project_set_founding_date (f->project, "2026-12-02");
  assert_clean (f);

  /* one day in the future */
  zhi_project_set_founding_date (f->project, "2006-05-18");
  zhi_project_set_in_use_date (f->project, "2026-12-03");
  problem = assert_one (f, "in-use-date-in-future", ZHI_PROBLEM_BLOCKING, "in-use-date");
  g_assert_nonnull (strstr (problem->message, "2026-12-03"));
  g_assert_null (find (f, "in-use-date-before-founding"));

  /* one day before the founding date */
  zhi_project_set_in_use_date (f->project, "2006-05-17");
  problem = assert_one (f, "in-use-date-before-founding", ZHI_PROBLEM_BLOCKING, "in-use-date");
  g_assert_nonnull (strstr (problem->message, "2006-05-17"));
  g_assert_nonnull (strstr (problem->message, "2006-05-18"));
  g_assert_null (find (f, "in-use-date-in-future"));
  zhi_project_set_in_use_date (f->project, "2006-05-18");
  assert_clean (f);

  /* a founding date in the future */
  zhi_project_set_founding_date (f->project, "2027-01-01");
  zhi_project_set_in_use_date (f->project, "");
  assert_one (f, "founding-date-in-future", ZHI_PROBLEM_BLOCKING, "founding-date");

  /* not dates: a warning each, nothing compared */
  zhi_project_set_founding_date (f->project, "2006/05/18");
  zhi_project_set_in_use_date (f->project, "2023-02-29");
  run (f);
  g_assert_cmpuint (f->problems->len, ==, 2);
  g_assert_cmpstr (((ZhiProblem *)g_ptr_array_index (f->problems, 0))->field, ==, "founding-date");
  g_assert_cmpstr (((ZhiProblem *)g_ptr_array_index (f->problems, 1))->field, ==, "in-use-date");
  g_assert_nonnull (find (f, "bad-date"));
  /* a leap day is a date */
  zhi_project_set_founding_date (f->project, "");
  zhi_project_set_in_use_date (f->project, "2024-02-29");
  assert_clean (f);
}

/* The evaluation runs the cross-checks: their problems reach validate and the checklist. */
static void
test_in_evaluation (void)
{
  g_autoptr (ZhiProject) project = zhi_project_new ();
  g_autoptr (ZhiEvaluation) evaluation = NULL;
  GPtrArray *problems;
  gboolean found = FALSE;

  zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
  zhi_project_set_investment_software (project, 600);
  zhi_project_set_investment_hardware (project, 500);
  zhi_project_set_investment_total (project, 1000);
  evaluation = zhi_evaluation_new (project);
  problems = zhi_evaluation_get_problems (evaluation);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, "investment-parts-exceed-total"))
        found = TRUE;
    }
  g_assert_true (found);
  g_assert_true (zhi_evaluation_has_blocking_problems (evaluation));
}

static const ZhiProblem *find_in (ZhiEvaluation *evaluation, const char *field);

/* Like find_in, but the problem must be there. */
static const ZhiProblem *
get_in (ZhiEvaluation *evaluation, const char *field)
{
  const ZhiProblem *problem = find_in (evaluation, field);

  if (problem == NULL)
    g_error ("no problem on “%s”", field);
  return problem;
}

static const ZhiProblem *
find_in (ZhiEvaluation *evaluation, const char *field)
{
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);

  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0)
        return problem;
    }
  return NULL;
}

/* A factory declaring fewer than two digital workshops: the track's gate blocks it (the
 * cross-check does not repeat it); two or more listed and declared: nothing about them. */
static void
test_declared_workshops_in_evaluation (void)
{
  g_autoptr (ZhiProject) project = zhi_project_new ();
  g_autoptr (ZhiEvaluation) evaluation = NULL;
  ZhiAnswers *answers = zhi_project_get_answers (project);
  const char *id = "factory-discrete.workshop-count";
  const ZhiProblem *problem;

  zhi_project_set_track (project, ZHI_TRACK_FACTORY_DISCRETE);
  zhi_answers_set_count (answers, id, 1);
  evaluation = zhi_evaluation_new (project);
  problem = get_in (evaluation, id);
  g_assert_cmpint (problem->severity, ==, ZHI_PROBLEM_BLOCKING);
  g_assert_cmpstr (problem->step, ==, "eligibility");
  /* the cross-check only asks for their names */
  g_assert_cmpstr (get_in (evaluation, "workshops")->code, ==, "workshops-not-named");

  zhi_project_set_workshops (project, "车加工车间");
  zhi_evaluation_update (evaluation);
  g_assert_nonnull (find_in (evaluation, id));
  problem = get_in (evaluation, "workshops");
  g_assert_cmpstr (problem->code, ==, "too-few-workshops");

  zhi_answers_set_count (answers, id, 2);
  zhi_project_answers_changed (project, id);
  zhi_project_set_workshops (project, "车加工车间；装配车间");
  zhi_evaluation_update (evaluation);
  g_assert_null (find_in (evaluation, id));
  g_assert_null (find_in (evaluation, "workshops"));
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, track, func)                                                                     \
  g_test_add ("/crosscheck/" path, Fixture, track, setup, func, teardown)
  ADD ("clean/workshop", "workshop", test_clean);
  ADD ("clean/factory-discrete", "factory-discrete", test_clean);
  ADD ("clean/factory-process", "factory-process", test_clean);
  ADD ("industry-track", "workshop", test_industry_track);
  ADD ("workshops/factory-discrete", "factory-discrete", test_workshops);
  ADD ("workshops/factory-process", "factory-process", test_workshops);
  ADD ("workshops/not-for-a-workshop", "workshop", test_workshops_not_for_workshop_track);
  ADD ("scenarios", "workshop", test_scenarios);
  ADD ("investment/parts", "workshop", test_investment_parts);
  ADD ("investment/funding", "workshop", test_funding);
  ADD ("dates", "workshop", test_dates);
#undef ADD
  g_test_add_func ("/crosscheck/parse-funding", test_parse_funding);
  g_test_add_func ("/crosscheck/in-evaluation", test_in_evaluation);
  g_test_add_func ("/crosscheck/declared-workshops-in-evaluation",
                   test_declared_workshops_in_evaluation);
  return g_test_run ();
}
