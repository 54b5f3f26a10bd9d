/* test-demo.c — the three example enterprises are believable and pass their own cross-checks */
#include "config.h"

#include <locale.h>
#include <poppler.h>
#include <string.h>

#include <glib/gstdio.h>

#include "zhi-credit-code.h"
#include "zhi-demo.h"
#include "zhi-evaluation.h"
#include "zhi-industry.h"
#include "zhi-store.h"
#include "zhi-test-util.h"

typedef struct
{
  const char *track;
  const char *licence_word; /* the licence scope names the industry */
  const char *wrong_kind;   /* a narrative never claims the other kind of production */
  char *dir;
  ZhiProject *project;
} Demo;

static Demo demos[] = {
  { "workshop", "汽车零部件", "流程型", NULL, NULL },
  { "factory-discrete", "轴承", "流程型", NULL, NULL },
  { "factory-process", "化工产品", "离散型", NULL, NULL },
};

static Demo *
ensure (gconstpointer data)
{
  Demo *d = (Demo *)data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;

  if (d->project != NULL)
    return d;
  d->dir = g_dir_make_tmp ("zhi-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (d->dir, "demo.zhizao", NULL);
  file = g_file_new_for_path (path);
  d->project = zhi_demo_create (file, d->track, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d->project);
  return d;
}

static const char *const crosscheck_codes[] = {
  "industry-track-mismatch",
  "too-few-workshops",
  "workshop-count-mismatch",
  "workshops-not-named",
  "scenario-without-criterion",
  "investment-parts-exceed-total",
  "funding-exceeds-total",
  "in-use-date-in-future",
  "in-use-date-before-founding",
  "founding-date-in-future",
  "bad-date",
};

/* No cross-check finds anything; the only problem left is the deliberate evidence gap. */
static void
test_cross_checks (gconstpointer data)
{
  Demo *d = ensure (data);
  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (d->project);
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);

  g_assert_true (zhi_project_get_example (d->project));
  g_assert_cmpstr (zhi_project_get_track (d->project), ==, d->track);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s: %s", problem->code, problem->message);
      g_assert_false (g_strv_contains (crosscheck_codes, problem->code));
      g_assert_cmpint (problem->severity, ==, ZHI_PROBLEM_WARNING);
      g_assert_cmpstr (problem->code, ==, "no-evidence");
    }
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_false (zhi_evaluation_has_blocking_problems (evaluation));
  g_assert_cmpint (zhi_evaluation_get_eligibility (evaluation)->verdict, ==, ZHI_VERDICT_ELIGIBLE);
}

/* The credit code is valid and registered in the city the project names; the industry
 * division is the one the track suggests (a workshop: any manufacturing division). */
static void
test_credit_code_and_industry (gconstpointer data)
{
  Demo *d = ensure (data);
  const char *division = zhi_project_get_industry_division (d->project);
  ZhiCreditCode code;

  zhi_credit_code_check (zhi_project_get_credit_code (d->project), &code);
  g_assert_cmpint (code.status, ==, ZHI_CREDIT_CODE_VALID);
  g_assert_true (code.in_liaoning);
  g_assert_cmpstr (code.city_zh, ==, zhi_project_get_city (d->project));
  g_assert_true (g_str_has_prefix (zhi_project_get_address (d->project), "辽宁省"));
  g_assert_nonnull (zhi_industry_lookup (division));
  if (g_str_equal (d->track, ZHI_TRACK_WORKSHOP))
    g_assert_true (zhi_industry_track_allowed (division, d->track));
  else
    g_assert_cmpstr (zhi_industry_suggested_track (division), ==, d->track);
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF1B /* ； */ || c == 0xFF1A /* ： */;
}

static char *
first_sentence (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_sentence_end (g_utf8_get_char (p)))
      return g_strndup (text, p - text);
  return g_strdup (text);
}

/* Stray punctuation: a full stop or comma followed by another, doubled commas. */
static void
assert_clean_punctuation (const char *where, const char *text)
{
  static const char *const stray[] = {
    "。”，", "。\"，", "\"，", "，，", "，。", "。，", "。。", "、、", "；；", ",，", "，,", "（）",
  };

  for (guint i = 0; i < G_N_ELEMENTS (stray); i++)
    if (strstr (text, stray[i]) != NULL)
      g_error ("%s: stray punctuation “%s” in: %s", where, stray[i], text);
}

/* Every criterion has its own narrative of 200–600 characters; no two narratives of any
 * demo begin with the same sentence; no stray punctuation; none claims the other kind of
 * production or a whole workshop where a factory is meant. */
static void
test_narratives (void)
{
  g_autoptr (GHashTable) firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
    {
      Demo *d = ensure (&demos[i]);
      g_autoptr (ZhiStandard) standard = zhi_standard_load_builtin (d->track, NULL);
      GPtrArray *criteria = zhi_standard_get_criteria (standard);

      for (guint c = 0; c < criteria->len; c++)
        {
          const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);
          const char *text = zhi_project_get_narrative (d->project, criterion->id);
          g_autofree char *first = first_sentence (text);
          g_autofree char *where = g_strdup_printf ("%s %s", d->track, criterion->id);
          glong length = g_utf8_strlen (text, -1);

          g_test_message ("%s: %ld characters", where, length);
          g_assert_cmpint (length, >=, 200);
          g_assert_cmpint (length, <=, 600);
          assert_clean_punctuation (where, text);
          g_assert_null (strstr (text, d->wrong_kind));
          if (!g_str_equal (d->track, ZHI_TRACK_WORKSHOP))
            g_assert_null (strstr (text, "全车间"));
          if (g_hash_table_contains (firsts, first))
            g_error ("%s begins like %s: %s", where, (char *)g_hash_table_lookup (firsts, first),
                     first);
          g_hash_table_insert (firsts, g_steal_pointer (&first), g_strdup (where));
        }
    }
}

/* The scenarios serve criteria of the track; a factory lists as many digital workshops as
 * it declares; the investment parts and sources add up to the total. */
static void
test_facts (gconstpointer data)
{
  Demo *d = ensure (data);
  g_autoptr (ZhiStandard) standard = zhi_standard_load_builtin (d->track, NULL);
  g_auto (GStrv) workshops = zhi_project_list_workshops (d->project);
  g_autofree char *count_id = g_strconcat (d->track, ".workshop-count", NULL);
  gint64 declared = -1;

  g_assert_cmpuint (zhi_project_get_n_scenarios (d->project), >=, 2);
  for (guint i = 0; i < zhi_project_get_n_scenarios (d->project); i++)
    {
      const ZhiScenario *scenario = zhi_project_get_scenario (d->project, i);

      g_assert_nonnull (scenario->criteria[0]);
      for (guint c = 0; scenario->criteria[c] != NULL; c++)
        g_assert_nonnull (zhi_standard_lookup_criterion (standard, scenario->criteria[c]));
      assert_clean_punctuation (scenario->name, scenario->description);
    }
  if (g_str_equal (d->track, ZHI_TRACK_WORKSHOP))
    g_assert_cmpuint (g_strv_length (workshops), ==, 0);
  else
    {
      g_assert_true (
          zhi_answers_get_count (zhi_project_get_answers (d->project), count_id, &declared));
      g_assert_cmpint (declared, >=, 2);
      g_assert_cmpint (declared, ==, g_strv_length (workshops));
    }
  g_assert_cmpfloat_with_epsilon (zhi_project_get_investment_software (d->project)
                                      + zhi_project_get_investment_hardware (d->project),
                                  zhi_project_get_investment_total (d->project), 0.001);
  g_assert_cmpstr (zhi_project_get_in_use_date (d->project), >,
                   zhi_project_get_founding_date (d->project));
}

/* The text of the evidence PDF @file_name, without the line breaks where its layout wrapped. */
static char *
evidence_text (ZhiProject *project, const char *file_name)
{
  GListModel *list = zhi_project_get_evidence_list (project);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      g_autoptr (GInputStream) stream = NULL;
      g_autoptr (GOutputStream) out = NULL;
      g_autoptr (GBytes) bytes = NULL;
      PopplerDocument *pdf;
      g_autoptr (GError) error = NULL;
      GString *text;

      if (!g_str_equal (zhi_evidence_get_file_name (ev), file_name))
        continue;
      stream = zhi_project_open_evidence_stream (project, zhi_evidence_get_id (ev), &error);
      g_assert_no_error (error);
      out = g_memory_output_stream_new_resizable ();
      g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
      g_assert_no_error (error);
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
      pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
      g_assert_no_error (error);
      text = g_string_new (NULL);
      for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
        {
          PopplerPage *page = poppler_document_get_page (pdf, p);
          g_autofree char *t = poppler_page_get_text (page);

          for (const char *c = t; *c != '\0'; c++)
            if (*c != '\n')
              g_string_append_c (text, *c);
          g_object_unref (page);
        }
      g_object_unref (pdf);
      return g_string_free (text, FALSE);
    }
  g_error ("no evidence %s", file_name);
  return NULL;
}

/* The licence evidence names the enterprise, its code and a scope that fits its products. */
static void
test_licence (gconstpointer data)
{
  Demo *d = ensure (data);
  g_autofree char *flat = evidence_text (d->project, "licence.pdf");

  g_assert_nonnull (strstr (flat, zhi_project_get_name (d->project)));
  g_assert_nonnull (strstr (flat, zhi_project_get_credit_code (d->project)));
  g_assert_nonnull (strstr (flat, zhi_project_get_founding_date (d->project)));
  g_assert_nonnull (strstr (flat, "经营范围"));
  g_assert_nonnull (strstr (flat, d->licence_word));
  g_assert_null (strstr (flat, "数控机床"));
  g_assert_nonnull (strstr (flat, "虚构"));
}

/* The construction reports carry the narratives of the criteria they support and the KPI
 * table with its years and sources. */
static void
test_reports (gconstpointer data)
{
  Demo *d = ensure (data);
  g_autofree char *flat = evidence_text (d->project, "report-01.pdf");
  g_autoptr (ZhiStandard) standard = zhi_standard_load_builtin (d->track, NULL);
  const ZhiCriterion *first = g_ptr_array_index (zhi_standard_get_criteria (standard), 0);
  g_autofree char *opening = first_sentence (zhi_project_get_narrative (d->project, first->id));

  g_assert_nonnull (strstr (flat, zhi_project_get_name (d->project)));
  g_assert_nonnull (strstr (flat, opening));
  g_assert_nonnull (strstr (flat, "数据来源"));
  g_assert_nonnull (strstr (flat, "2023年"));
  g_assert_nonnull (strstr (flat, "2025年"));
}

int
main (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    GTestDataFunc func;
  } cases[] = {
    { "cross-checks", test_cross_checks },
    { "credit-code-and-industry", test_credit_code_and_industry },
    { "facts", test_facts },
    { "licence", test_licence },
    { "reports", test_reports },
  };
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
    for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
      {
        g_autofree char *path = g_strdup_printf ("/demo/%s/%s", demos[i].track, cases[k].name);

        g_test_add_data_func (path, &demos[i], cases[k].func);
      }
  g_test_add_func ("/demo/narratives", test_narratives);
  status = g_test_run ();
  for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
    {
      if (demos[i].project != NULL)
        {
          g_autoptr (GFile) file = g_object_ref (zhi_project_get_file (demos[i].project));

          g_assert_finalize_object (g_steal_pointer (&demos[i].project));
          g_file_delete (file, NULL, NULL);
        }
      if (demos[i].dir != NULL)
        zhi_test_remove_dir (demos[i].dir);
      g_free (demos[i].dir);
    }
  return status;
}
