/* The live evaluation: the project feeds the engines, the checklist names what is missing */
#include "config.h"

#include <math.h>
#include <string.h>

#include "zhi-evaluation.h"
#include "zhi-i18n.h"
#include "zhi-names.h"
#include "zhi-test-util.h"

static gboolean
has_problem (ZhiEvaluation *evaluation, const char *code, const char *field)
{
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);

  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, code)
          && (field == NULL || g_strcmp0 (problem->field, field) == 0))
        return TRUE;
    }
  return FALSE;
}

/* One source per step: every problem belongs to exactly one step, the steps' open items add
 * up to the whole checklist, the count agrees with the list, and a step with nothing open is
 * the only one that may show ✓. */
static void
test_open_items (void)
{
  g_autoptr (ZhiProject) project = zhi_project_new ();
  g_autoptr (ZhiEvaluation) evaluation = NULL;
  const char *steps[] = { "enterprise", "eligibility", "evidence" };
  g_autoptr (GString) narrative = g_string_new (NULL);
  GPtrArray *problems;
  guint total = 0;

  zhi_project_set_track (project, "workshop");
  evaluation = zhi_evaluation_new (project);

  /* a new, empty project: nothing is attached, so 证明材料 has an open item */
  {
    g_autoptr (GPtrArray) items = zhi_evaluation_list_open_items (evaluation, "evidence");

    g_assert_cmpuint (items->len, ==, 1);
    g_assert_cmpstr (((ZhiProblem *)items->pdata[0])->code, ==, "no-evidence-attached");
  }
  /* an eligibility verdict still incomplete is never a ✓ on the eligibility step */
  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, ==,
                   ZHI_VERDICT_INCOMPLETE);
  g_assert_cmpuint (zhi_evaluation_count_problems (evaluation, "eligibility", FALSE), >, 0);

  /* a 5,000-character narrative is an open item of its criterion */
  for (guint i = 0; i < 5000; i++)
    g_string_append (narrative, "字");
  zhi_project_set_narrative (project, "w02", narrative->str);
  zhi_evaluation_update (evaluation);
  {
    const ZhiProblem *long_one = NULL;
    g_autoptr (GPtrArray) items = zhi_evaluation_list_open_items (evaluation, "criterion:w02");

    for (guint i = 0; i < items->len; i++)
      if (g_str_equal (((ZhiProblem *)items->pdata[i])->code, "long-narrative"))
        long_one = items->pdata[i];
    g_assert_nonnull (long_one);
    g_assert_true (zhi_evaluation_lookup_open_item (evaluation, "criterion:w02", long_one->field)
                   == long_one);
  }

  problems = zhi_evaluation_get_problems (evaluation);
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autoptr (GPtrArray) items = zhi_evaluation_list_open_items (evaluation, steps[s]);

      g_assert_cmpuint (items->len, ==,
                        zhi_evaluation_count_problems (evaluation, steps[s], FALSE));
      total += items->len;
    }
  {
    g_autoptr (GPtrArray) items = zhi_evaluation_list_open_items (evaluation, "criteria");

    g_assert_cmpuint (items->len, ==,
                      zhi_evaluation_count_problems (evaluation, "criteria", FALSE));
    total += items->len;
  }
  /* every problem is in exactly one step */
  g_assert_cmpuint (total, ==, problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = problems->pdata[i];
      guint in = 0;

      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        in += zhi_problem_in_step (problem, steps[s]);
      in += zhi_problem_in_step (problem, "criteria");
      g_assert_cmpuint (in, ==, 1);
    }

  /* validate --json prints the same count per step */
  {
    g_autoptr (JsonNode) node = zhi_evaluation_to_json (evaluation);
    JsonObject *stepsobj = json_object_get_object_member (json_node_get_object (node), "steps");

    for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
      g_assert_cmpint (
          json_object_get_int_member (json_object_get_object_member (stepsobj, steps[s]), "open"),
          ==, zhi_evaluation_count_problems (evaluation, steps[s], FALSE));
    g_assert_cmpint (json_object_get_int_member (
                         json_object_get_object_member (stepsobj, "criterion:w02"), "open"),
                     ==, zhi_evaluation_count_problems (evaluation, "criterion:w02", FALSE));
  }
}

static void
test_empty_project (void)
{
  g_autoptr (ZhiProject) project = zhi_project_new ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);

  g_assert_null (zhi_evaluation_get_standard (evaluation));
  g_assert_null (zhi_evaluation_get_score (evaluation));
  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, ==,
                   ZHI_VERDICT_INCOMPLETE);
  g_assert_true (has_problem (evaluation, "missing-name", "name"));
  g_assert_true (has_problem (evaluation, "missing-track", "track"));
  g_assert_true (has_problem (evaluation, "missing-credit-code", "credit-code"));
  g_assert_true (zhi_evaluation_has_blocking_problems (evaluation));
  /* Blocking problems come first. */
  for (guint i = 1; i < problems->len; i++)
    {
      const ZhiProblem *prev = g_ptr_array_index (problems, i - 1);
      const ZhiProblem *cur = g_ptr_array_index (problems, i);

      g_assert_cmpint (prev->severity, <=, cur->severity);
    }
}

static ZhiProject *
filled_workshop (void)
{
  ZhiProject *project = zhi_project_new ();
  ZhiAnswers *answers = zhi_project_get_answers (project);
  const char *none[] = { NULL };
  g_autofree char *code = zhi_test_credit_code ("210102", "MA0T5K2P"); /* Shenyang */
  g_autoptr (ZhiScenario) a = zhi_scenario_new ("设备联网", none, "");
  g_autoptr (ZhiScenario) b = zhi_scenario_new ("在线检测", none, "");

  zhi_project_set_track (project, "workshop");
  zhi_project_set_name (project, "沈阳测试机械有限公司");

  zhi_project_set_credit_code (project, code);
  zhi_project_set_site_name (project, "精密加工数字化车间");
  zhi_project_set_contact_person (project, "李四");
  zhi_project_set_phone (project, "024-12345678");
  zhi_project_add_scenario (project, a);
  zhi_project_add_scenario (project, b);
  zhi_answers_set_ratio (answers, "w02.smart-equipment-ratio", 60, 100, NAN);
  zhi_project_answers_changed (project, "w02.smart-equipment-ratio");
  return project;
}

static void
test_narrative_answers_text_indicator (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  const ZhiIndicatorResult *text;
  g_autofree char *long_text = NULL;
  GString *s = g_string_new (NULL);

  text = zhi_score_lookup_indicator (zhi_evaluation_get_score (evaluation), "w01.narrative");
  g_assert_nonnull (text);
  g_assert_false (text->answered);
  g_assert_true (has_problem (evaluation, "missing-narrative", "w01.narrative"));

  for (int i = 0; i < 40; i++)
    g_string_append (s, "建立车间级工业通信网络，部署工业互联网平台。");
  long_text = g_string_free (s, FALSE);
  zhi_project_set_narrative (project, "w01", long_text);
  zhi_evaluation_update (evaluation);
  text = zhi_score_lookup_indicator (zhi_evaluation_get_score (evaluation), "w01.narrative");
  g_assert_true (text->answered);
  g_assert_cmpstr (
      zhi_answers_get_text (zhi_evaluation_get_effective_answers (evaluation), "w01.narrative"), ==,
      long_text);
  g_assert_false (has_problem (evaluation, "missing-narrative", "w01.narrative"));
  /* The project's own answers are not changed by the evaluation. */
  g_assert_null (zhi_answers_get_text (zhi_project_get_answers (project), "w01.narrative"));
}

static const ZhiProblem *
find_problem (ZhiEvaluation *evaluation, const char *code, const char *field)
{
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);

  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, code) && g_strcmp0 (problem->field, field) == 0)
        return problem;
    }
  return NULL;
}

/* The narrative is required content: empty blocks a final dossier; too short or too long is a
 * warning that says it is the tool's advice; and whatever its length, it earns nothing. */
static void
test_narrative_required_length_advice (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  const ZhiProblem *problem;
  double claimed_empty, evidenced_empty;
  GString *s = g_string_new (NULL);
  g_autofree char *long_text = NULL;

  claimed_empty = zhi_evaluation_get_score (evaluation)->total_claimed;
  evidenced_empty = zhi_evaluation_get_score (evaluation)->total_evidenced;
  problem = find_problem (evaluation, "missing-narrative", "w02.narrative");
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, ZHI_PROBLEM_BLOCKING);
  g_assert_cmpstr (problem->step, ==, "criterion:w02");
  g_assert_null (find_problem (evaluation, "short-narrative", "w02.narrative"));

  /* short: a warning, worded as the tool's advice */
  zhi_project_set_narrative (project, "w02", "车间共有数控机床120台。");
  zhi_evaluation_update (evaluation);
  g_assert_null (find_problem (evaluation, "missing-narrative", "w02.narrative"));
  problem = find_problem (evaluation, "short-narrative", "w02.narrative");
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, ZHI_PROBLEM_WARNING);
  g_assert_nonnull (strstr (problem->message, "13 characters"));
  g_assert_nonnull (strstr (problem->message, "This tool suggests at least 150"));
  g_assert_nonnull (strstr (problem->message, "not a rule of the provincial document"));
  g_assert_cmpfloat (zhi_evaluation_get_score (evaluation)->total_claimed, ==, claimed_empty);

  /* 2,000 characters: in the range, no warning; still no points */
  for (int i = 0; i < 2000; i++)
    g_string_append (s, "车");
  long_text = g_string_free (s, FALSE);
  zhi_project_set_narrative (project, "w02", long_text);
  zhi_evaluation_update (evaluation);
  g_assert_null (find_problem (evaluation, "short-narrative", "w02.narrative"));
  g_assert_null (find_problem (evaluation, "long-narrative", "w02.narrative"));
  g_assert_cmpfloat (zhi_evaluation_get_score (evaluation)->total_claimed, ==, claimed_empty);
  g_assert_cmpfloat (zhi_evaluation_get_score (evaluation)->total_evidenced, ==, evidenced_empty);

  /* one more: over the suggested maximum, a warning, not a block */
  {
    g_autofree char *longer = g_strconcat (long_text, "床", NULL);

    zhi_project_set_narrative (project, "w02", longer);
  }
  zhi_evaluation_update (evaluation);
  problem = find_problem (evaluation, "long-narrative", "w02.narrative");
  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, ZHI_PROBLEM_WARNING);
  g_assert_nonnull (strstr (problem->message, "This tool suggests at most 2000"));
  g_assert_nonnull (strstr (problem->message, "not a rule of the provincial document"));
  g_assert_cmpfloat (zhi_evaluation_get_score (evaluation)->total_claimed, ==, claimed_empty);

  /* restating the criterion's own text earns nothing either */
  {
    const ZhiCriterion *w02
        = zhi_standard_lookup_criterion (zhi_evaluation_get_standard (evaluation), "w02");
    GString *restated = g_string_new (NULL);

    for (guint i = 0; i < w02->items->len; i++)
      g_string_append (restated, ((ZhiItem *)w02->items->pdata[i])->text.zh);
    zhi_project_set_narrative (project, "w02", restated->str);
    g_string_free (restated, TRUE);
  }
  zhi_evaluation_update (evaluation);
  g_assert_cmpfloat (zhi_evaluation_get_score (evaluation)->total_claimed, ==, claimed_empty);
}

static void
test_scenarios_counted_for_gate (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  const ZhiRuleResult *gate;
  g_autofree char *gate_id = NULL;
  gint64 count = 0;

  g_assert_true (zhi_answers_get_count (zhi_evaluation_get_effective_answers (evaluation),
                                        "workshop.scenario-count", &count));
  g_assert_cmpint (count, ==, 2);
  gate = zhi_eligibility_lookup (zhi_evaluation_get_eligibility (evaluation),
                                 "gate.workshop-scenario-count");
  if (gate == NULL)
    {
      /* find the gate on the scenario count whatever its id */
      GPtrArray *gates = zhi_standard_get_gates (zhi_evaluation_get_standard (evaluation));

      for (guint i = 0; i < gates->len && gate == NULL; i++)
        {
          const ZhiGate *g = g_ptr_array_index (gates, i);

          if (g_str_equal (g->indicator->id, "workshop.scenario-count"))
            gate = zhi_eligibility_lookup (zhi_evaluation_get_eligibility (evaluation), g->id);
        }
    }
  g_assert_nonnull (gate);
  g_assert_cmpint (gate->state, ==, ZHI_RULE_MET);

  /* One scenario is below the seed's 多个: the gate fails and points to the scenarios. */
  gate_id = g_strdup (gate->id); /* the result is replaced by the update */
  zhi_project_remove_scenario (project, 1);
  zhi_evaluation_update (evaluation);
  gate = zhi_eligibility_lookup (zhi_evaluation_get_eligibility (evaluation), gate_id);
  g_assert_cmpint (gate->state, ==, ZHI_RULE_NOT_MET);

  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, ==,
                   ZHI_VERDICT_NOT_ELIGIBLE);
  /* an open item of the eligibility step, as its page lists it and its badge counts it */
  g_assert_true (has_problem (evaluation, "rule-not-met", NULL));
  g_assert_cmpuint (zhi_evaluation_count_problems (evaluation, "eligibility", FALSE), >=, 1);

  /* …and with none at all it is not answered yet: a new project is not "not eligible". */
  zhi_project_remove_scenario (project, 0);
  zhi_evaluation_update (evaluation);
  gate = zhi_eligibility_lookup (zhi_evaluation_get_eligibility (evaluation), gate_id);
  g_assert_cmpint (gate->state, ==, ZHI_RULE_UNANSWERED);
}

static void
test_evidence_makes_points_count (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  const char *supports[] = { "w02", NULL };
  const ZhiCriterionResult *w02;
  g_autoptr (GError) error = NULL;
  ZhiEvidence *evidence;

  w02 = zhi_score_lookup_criterion (zhi_evaluation_get_score (evaluation), "w02");
  g_assert_cmpfloat (w02->claimed, >, 0);
  g_assert_cmpfloat (w02->evidenced, ==, 0);
  g_assert_true (has_problem (evaluation, "no-evidence", "evidence"));

  evidence = zhi_project_add_evidence (
      project, NULL, "设备台账", "ledger.pdf", "application/pdf", 1024,
      "0000000000000000000000000000000000000000000000000000000000000000", 3, supports, NULL,
      &error);
  g_assert_no_error (error);
  g_assert_nonnull (evidence);
  zhi_evaluation_update (evaluation);
  w02 = zhi_score_lookup_criterion (zhi_evaluation_get_score (evaluation), "w02");
  g_assert_cmpfloat (w02->evidenced, ==, w02->claimed);
  g_assert_cmpuint (zhi_evaluation_count_problems (evaluation, "criterion:w02", FALSE), <,
                    zhi_evaluation_count_problems (evaluation, "criterion:w03", FALSE));
}

/* The checklist: a few items of one kind are listed one by one; more than
 * ZHI_CHECKLIST_GROUP_MAX become one entry saying how many, where the first one stood, and
 * the entries still stand for every open item. */
static void
test_checklist_groups (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint n_unlinked = 0, n_items = 0, first_unlinked = G_MAXUINT;
  GPtrArray *problems;

  for (guint i = 0; i <= ZHI_CHECKLIST_GROUP_MAX; i++)
    {
      g_autofree char *title = g_strdup_printf ("文件%u", i + 1);
      g_autofree char *sha = g_strdup_printf ("%064u", i + 1);

      g_assert_nonnull (zhi_project_add_evidence (project, NULL, title, "a.pdf", "application/pdf",
                                                  1024, sha, 1, NULL, NULL, &error));
      g_assert_no_error (error);
      zhi_evaluation_update (evaluation);
      g_clear_pointer (&entries, g_ptr_array_unref);
      entries = zhi_evaluation_list_checklist (evaluation);
      n_unlinked = 0;
      for (guint e = 0; e < entries->len; e++)
        {
          const ZhiChecklistEntry *entry = g_ptr_array_index (entries, e);

          if (g_str_equal (entry->problem->code, "unlinked-evidence"))
            {
              n_unlinked++;
              if (i < ZHI_CHECKLIST_GROUP_MAX)
                {
                  g_assert_cmpuint (entry->n_items, ==, 1);
                  g_assert_cmpstr (entry->message, ==, entry->problem->message);
                }
            }
        }
      g_assert_cmpuint (n_unlinked, ==, i < ZHI_CHECKLIST_GROUP_MAX ? i + 1 : 1);
    }

  /* grouped: one entry for all six, in the first one's place, saying how many */
  problems = zhi_evaluation_get_problems (evaluation);
  for (guint p = 0; p < problems->len; p++)
    if (g_str_equal (((ZhiProblem *)problems->pdata[p])->code, "unlinked-evidence"))
      {
        first_unlinked = p;
        break;
      }
  for (guint e = 0; e < entries->len; e++)
    {
      const ZhiChecklistEntry *entry = g_ptr_array_index (entries, e);

      n_items += entry->n_items;
      if (g_str_equal (entry->problem->code, "unlinked-evidence"))
        {
          g_assert_true (entry->problem == problems->pdata[first_unlinked]);
          g_assert_cmpuint (entry->n_items, ==, ZHI_CHECKLIST_GROUP_MAX + 1);
          g_assert_nonnull (strstr (entry->message, "6 documents support no criterion"));
          g_assert_cmpuint (e, ==, first_unlinked);
        }
      else
        g_assert_cmpuint (entry->n_items, ==, 1);
    }
  g_assert_cmpuint (n_items, ==, problems->len);
}

/* An office document waiting for LibreOffice is said to be so, not to be unopenable */
static void
test_unconverted_evidence (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  const char *supports[] = { "w02", NULL };
  g_autoptr (GError) error = NULL;
  GPtrArray *problems;
  ZhiEvidence *evidence;
  gboolean found = FALSE;

  evidence = zhi_project_add_evidence (
      project, NULL, "设备台账", "ledger.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 1024,
      "0000000000000000000000000000000000000000000000000000000000000001", 0, supports, NULL,
      &error);
  g_assert_no_error (error);
  zhi_project_set_evidence_inspection (project, zhi_evidence_get_id (evidence),
                                       ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED, 0);
  zhi_evaluation_update (evaluation);
  problems = zhi_evaluation_get_problems (evaluation);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->code, !=, "unusable-evidence");
      if (g_str_equal (problem->code, "unconverted-evidence"))
        {
          found = TRUE;
          g_assert_cmpstr (problem->field, ==, zhi_evidence_get_id (evidence));
          g_assert_nonnull (strstr (problem->message, "not converted to PDF yet"));
          g_assert_nonnull (strstr (problem->message, "LibreOffice"));
          g_assert_null (strstr (problem->message, "cannot be opened"));
        }
    }
  g_assert_true (found);
}

/* A document that cannot be opened names what it was meant to support with the names every
 * page uses (zhi-names.h): a condition as "Condition （一） …" */
static void
test_claims_named_once (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  const char *supports[] = { "cond-1", "w02", NULL };
  g_autoptr (GError) error = NULL;
  const ZhiRuleResult *cond1 = NULL;
  g_autofree char *cond_name = NULL;
  g_autofree char *w02_name = NULL;
  ZhiEligibility *eligibility;
  GPtrArray *problems;
  ZhiEvidence *evidence;
  gboolean found = FALSE;

  evidence = zhi_project_add_evidence (
      project, NULL, "营业执照", "licence.pdf", "application/pdf", 1024,
      "0000000000000000000000000000000000000000000000000000000000000002", 1, supports, NULL,
      &error);
  g_assert_no_error (error);
  zhi_project_set_evidence_inspection (project, zhi_evidence_get_id (evidence),
                                       ZHI_EVIDENCE_PROBLEM_DAMAGED, 0);
  zhi_evaluation_update (evaluation);
  eligibility = zhi_evaluation_get_eligibility (evaluation);
  for (guint i = 0; i < eligibility->rules->len; i++)
    if (g_strcmp0 (((ZhiRuleResult *)eligibility->rules->pdata[i])->id, "cond-1") == 0)
      cond1 = eligibility->rules->pdata[i];
  g_assert_nonnull (cond1);
  cond_name = zhi_names_rule (cond1);
  w02_name = zhi_names_support (zhi_evaluation_get_standard (evaluation), NULL, "w02");
  g_assert_true (g_str_has_prefix (cond_name, "Condition "));
  problems = zhi_evaluation_get_problems (evaluation);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, "unusable-evidence"))
        {
          found = TRUE;
          g_assert_nonnull (strstr (problem->message, cond_name));
          g_assert_nonnull (strstr (problem->message, w02_name));
        }
    }
  g_assert_true (found);
}

static void
updated_cb (ZhiEvaluation *evaluation, guint *count)
{
  (*count)++;
}

static void
test_recomputes_after_change (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  guint updates = 0;

  g_signal_connect (evaluation, "updated", G_CALLBACK (updated_cb), &updates);
  g_assert_true (has_problem (evaluation, "missing-investment", NULL));
  /* Several edits in a row give one recomputation, on the main loop. */
  zhi_project_set_investment_total (project, 3000);
  zhi_project_set_city (project, "沈阳市");
  g_assert_cmpuint (updates, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (updates, ==, 1);
  g_assert_false (has_problem (evaluation, "missing-investment", NULL));
  g_assert_false (has_problem (evaluation, "missing-city", NULL));
}

static void
test_json (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  g_autoptr (JsonNode) node = zhi_evaluation_to_json (evaluation);
  JsonObject *root = json_node_get_object (node);
  JsonObject *score = json_object_get_object_member (root, "score");

  g_assert_cmpstr (json_object_get_string_member (root, "track"), ==, "workshop");
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "incomplete");
  g_assert_true (json_object_get_boolean_member (root, "blocking"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rules")), >=, 9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (score, "criteria")), ==,
                    10);
  g_assert_cmpfloat (json_object_get_double_member (score, "evidenced"), ==, 0);
}

/* The checklist names what a half-filled answer lacks, and the KPIs' years and source. */
static void
test_partial_and_kpi_problems (void)
{
  g_autoptr (ZhiProject) project = filled_workshop ();
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  ZhiAnswers *answers = zhi_project_get_answers (project);
  const ZhiIndicatorResult *r;
  GPtrArray *problems;
  gboolean named = FALSE;

  zhi_answers_set_ratio (answers, "w02.smart-equipment-ratio", 55, NAN, NAN);
  zhi_answers_set_kpi (answers, "w10.kpi-cycle", 120, 90);
  zhi_answers_set_kpi (answers, "w10.kpi-energy", 0, 85);
  zhi_answers_set_kpi_details (answers, "w10.kpi-energy", 2021, 2023, "能源台账");
  zhi_project_answers_changed (project, NULL);
  zhi_evaluation_update (evaluation);

  /* a partial ratio scores as unanswered */
  r = zhi_score_lookup_indicator (zhi_evaluation_get_score (evaluation),
                                  "w02.smart-equipment-ratio");
  g_assert_false (r->answered);
  g_assert_cmpfloat (r->points, ==, 0);
  g_assert_true (
      has_problem (evaluation, "partial-answer", "w02.smart-equipment-ratio:denominator"));
  problems = zhi_evaluation_get_problems (evaluation);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, "partial-answer"))
        named |= strstr (problem->message, "not filled in: All workshop equipment (units/sets)")
                     != NULL
                 || strstr (problem->message, "车间设备台（套）总数") != NULL;
    }
  g_assert_true (named);
  /* values without years and source: a warning naming the KPI; a baseline of 0 blocks */
  g_assert_true (has_problem (evaluation, "kpi-missing-details", "w10.kpi-cycle:baseline-year"));
  g_assert_false (has_problem (evaluation, "kpi-missing-details", "w10.kpi-energy:baseline-year"));
  g_assert_true (has_problem (evaluation, "kpi-zero-baseline", "w10.kpi-energy:baseline"));

  zhi_answers_set_kpi_details (answers, "w10.kpi-cycle", 2021, 2023, "MES 统计");
  zhi_answers_set_kpi (answers, "w10.kpi-energy", 80, 85);
  zhi_answers_set_ratio (answers, "w02.smart-equipment-ratio", 55, 62, NAN);
  zhi_project_answers_changed (project, NULL);
  zhi_evaluation_update (evaluation);
  g_assert_false (has_problem (evaluation, "kpi-missing-details", NULL));
  g_assert_false (has_problem (evaluation, "kpi-zero-baseline", NULL));
  g_assert_false (has_problem (evaluation, "partial-answer", NULL));
  r = zhi_score_lookup_indicator (zhi_evaluation_get_score (evaluation),
                                  "w02.smart-equipment-ratio");
  g_assert_true (r->answered);
}

int
main (int argc, char **argv)
{
  zhi_i18n_set_override (1);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/evaluation/empty-project", test_empty_project);
  g_test_add_func ("/evaluation/narrative-answers-text-indicator",
                   test_narrative_answers_text_indicator);
  g_test_add_func ("/evaluation/narrative-required-length-advice",
                   test_narrative_required_length_advice);
  g_test_add_func ("/evaluation/scenarios-counted-for-gate", test_scenarios_counted_for_gate);
  g_test_add_func ("/evaluation/evidence-makes-points-count", test_evidence_makes_points_count);
  g_test_add_func ("/evaluation/recomputes-after-change", test_recomputes_after_change);
  g_test_add_func ("/evaluation/json", test_json);
  g_test_add_func ("/evaluation/open-items", test_open_items);
  g_test_add_func ("/evaluation/checklist-groups", test_checklist_groups);
  g_test_add_func ("/evaluation/unconverted-evidence", test_unconverted_evidence);
  g_test_add_func ("/evaluation/claims-named-once", test_claims_named_once);
  g_test_add_func ("/evaluation/partial-and-kpi-problems", test_partial_and_kpi_problems);
  return g_test_run ();
}
