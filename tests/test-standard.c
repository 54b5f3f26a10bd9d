/* test-standard.c — the strict standards loader: good fixtures, each malformed fixture, the real
 * files */
#include "zhi-names.h"
#include "zhi-standard.h"
#include "zhi-track.h"

#include <string.h>

static char *
fixture (const char *dir, const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

static ZhiStandard *
load_mini (void)
{
  g_autofree char *path = fixture ("standards-fixture", "mini.json");
  g_autoptr (GError) error = NULL;
  ZhiStandard *standard = zhi_standard_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (standard);
  return standard;
}

static void
test_mini_loads (void)
{
  g_autoptr (ZhiStandard) s = load_mini ();
  GPtrArray *criteria = zhi_standard_get_criteria (s);
  const ZhiCriterion *m01;
  const ZhiIndicator *ind;

  g_assert_cmpstr (zhi_standard_get_id (s), ==, "mini");
  g_assert_cmpstr (zhi_standard_get_edition (s), ==, "2023-04-18");
  g_assert_cmpuint (criteria->len, ==, 3);
  g_assert_cmpuint (zhi_standard_get_definition (s)->len, ==, 1);
  g_assert_cmpuint (zhi_standard_get_cites (s)->len, ==, 1);
  g_assert_cmpuint (zhi_standard_get_gates (s)->len, ==, 3);
  g_assert_cmpuint (zhi_standard_get_kpis (s)->len, ==, 5);
  g_assert_cmpuint (zhi_standard_get_bands (s)->len, ==, 4);
  g_assert_cmpuint (zhi_standard_get_track_indicators (s)->len, ==, 1);
  g_assert_cmpuint (zhi_standard_get_errata (s)->len, ==, 1);
  g_assert_cmpstr (((ZhiErratum *)zhi_standard_get_errata (s)->pdata[0])->at, ==, "m01.a");
  g_assert_cmpstr (((ZhiErratum *)zhi_standard_get_errata (s)->pdata[0])->corrected, ==,
                   "设备占比达到50%");
  g_assert_cmpint (zhi_standard_lookup_indicator (s, "m01.narrative")->share, ==, 0);

  m01 = zhi_standard_lookup_criterion (s, "m01");
  g_assert_true (m01 == criteria->pdata[0]);
  g_assert_cmpint (m01->weight, ==, 40);
  g_assert_cmpint (m01->number, ==, 1);
  g_assert_cmpstr (m01->title.zh, ==, "智能装备广泛应用");
  g_assert_cmpuint (m01->items->len, ==, 2);
  g_assert_cmpuint (((ZhiItem *)m01->items->pdata[1])->sub_items->len, ==, 1);
  g_assert_null (zhi_standard_lookup_criterion (s, "m09"));

  ind = zhi_standard_lookup_indicator (s, "m01.maturity");
  g_assert_nonnull (ind);
  g_assert_cmpint (ind->kind, ==, ZHI_INDICATOR_LEVEL);
  g_assert_true (ind->criterion == m01);
  g_assert_cmpuint (ind->levels->len, ==, 4);
  g_assert_cmpuint (ind->min_level, ==, 2);
  g_assert_cmpint (zhi_indicator_level_index (ind, "L4"), ==, 3);
  g_assert_cmpint (zhi_indicator_level_index (ind, "L9"), ==, -1);
  g_assert_cmpstr (ind->item, ==, "m01.b.1");

  ind = zhi_standard_lookup_indicator (s, "m01.equipment-ratio");
  g_assert_cmpfloat (ind->threshold, ==, 0.5);
  g_assert_false (ind->threshold_from_benchmark);
  g_assert_cmpstr (ind->unit, ==, "%");
  g_assert_cmpstr (ind->help.en, ==, "By units");
  ind = zhi_standard_lookup_indicator (s, "m02.network-ratio");
  g_assert_true (ind->threshold_from_benchmark);
  ind = zhi_standard_lookup_indicator (s, "m03.kpi-productivity");
  g_assert_true (ind->better_higher);
  g_assert_false (zhi_standard_lookup_indicator (s, "m03.kpi-cycle")->better_higher);
  ind = zhi_standard_lookup_indicator (s, "mini.scenarios"); /* a track indicator */
  g_assert_nonnull (ind);
  g_assert_null (ind->criterion);
  g_assert_cmpint (ind->min_count, ==, 2);
  g_assert_cmpstr (ind->derived, ==, "scenarios");
  ind = zhi_standard_lookup_indicator (s, "m01.narrative");
  g_assert_cmpint (ind->min_chars, ==, 20);
  g_assert_cmpint (ind->max_chars, ==, 2000);
  g_assert_null (ind->help.zh);

  g_assert_true (zhi_standard_lookup_gate (s, "gate.scenarios")->indicator
                 == zhi_standard_lookup_indicator (s, "mini.scenarios"));
  g_assert_cmpstr (zhi_indicator_kind_to_string (ZHI_INDICATOR_KPI), ==, "kpi");
}

static void
test_band_edges (void)
{
  g_autoptr (ZhiStandard) s = load_mini ();
  static const struct
  {
    double score;
    const char *band;
  } cases[] = {
    { 100, "strong" }, { 85.01, "strong" }, { 85, "strong" },         { 84.99, "good" },
    { 70, "good" },    { 69.99, "fair" },   { 60, "fair" },           { 59.999, "weak" },
    { 0, "weak" },     { -1, "weak" },      { 85 - 1e-12, "strong" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (zhi_standard_band_for_score (s, cases[i].score)->id, ==, cases[i].band);
}

static void
test_conditions_and_guide_load (void)
{
  g_autofree char *cpath = fixture ("standards-fixture", "conditions.json");
  g_autofree char *gpath = fixture ("standards-fixture", "guide.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiConditions) conditions = zhi_conditions_new_from_file (cpath, &error);
  g_autoptr (ZhiGuide) guide = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (zhi_conditions_get_conditions (conditions)->len, ==, 6);
  g_assert_cmpuint (zhi_conditions_get_exclusions (conditions)->len, ==, 3);
  /* （五） decides by its first half; its second half is an encouraged part of its own */
  g_assert_true (zhi_conditions_lookup_condition (conditions, "cond-5")->required);
  g_assert_cmpstr (zhi_conditions_lookup_condition (conditions, "cond-5")->encouraged->id, ==,
                   "cond-5.encouraged");
  g_assert_null (zhi_conditions_lookup_condition (conditions, "cond-4")->encouraged);
  g_assert_true (zhi_conditions_lookup_condition (conditions, "cond-4")->required);
  g_assert_cmpuint (zhi_conditions_get_errata (conditions)->len, ==, 0);
  g_assert_cmpstr (zhi_conditions_lookup_exclusion (conditions, "excl-2")->mark, ==, "（二）");
  g_assert_null (zhi_conditions_lookup_condition (conditions, "excl-2"));

  guide = zhi_guide_new_from_file (gpath, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_guide_get_sections (guide)->len, ==, 1);
  g_assert_nonnull (zhi_guide_lookup_section (guide, "background"));
}

typedef struct
{
  const char *file;
  ZhiStandardError code;
  const char *path; /* the JSON path the message must name, or NULL */
  const char *problem;
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-key.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[1].colour", "unknown key" },
  { "wrong-type.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[0].weight",
    "expected an integer, found a string" },
  { "missing-key.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[2].indicators[1].label",
    "missing key" },
  { "bad-kind.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[0].indicators[1].kind",
    "unknown kind “gauge”" },
  { "duplicate-id.json", ZHI_STANDARD_ERROR_DUPLICATE, "$.criteria[1].indicators[1].id",
    "duplicate id “m02.network-ratio” (first defined at $.criteria[1].indicators[0].id)" },
  { "gate-unknown-indicator.json", ZHI_STANDARD_ERROR_REFERENCE, "$.gates[1].indicator",
    "no indicator “m01.nothing”" },
  { "kpi-unknown-indicator.json", ZHI_STANDARD_ERROR_REFERENCE, "$.kpis[2]",
    "no indicator “m09.kpi”" },
  { "kpi-not-kpi.json", ZHI_STANDARD_ERROR_REFERENCE, "$.kpis[0]", "is a check, not a kpi" },
  { "weights-sum.json", ZHI_STANDARD_ERROR_SUM, "$.criteria", "weights sum to 95, not 100" },
  { "shares-sum.json", ZHI_STANDARD_ERROR_SUM, "$.criteria[1].indicators",
    "shares sum to 90, not 100" },
  { "bands-gap.json", ZHI_STANDARD_ERROR_BANDS, "$.bands[3].min", "do not cover 0..100" },
  { "bands-order.json", ZHI_STANDARD_ERROR_BANDS, "$.bands[1].min", "highest first" },
  { "level-min-unknown.json", ZHI_STANDARD_ERROR_REFERENCE, "$.criteria[0].indicators[1].min",
    "“L5” is not one of the indicator’s levels" },
  { "threshold-range.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[0].indicators[0].threshold",
    "out of range" },
  { "text-not-bilingual.json", ZHI_STANDARD_ERROR_SCHEMA, "$.title", "bilingual text" },
  { "item-unknown.json", ZHI_STANDARD_ERROR_REFERENCE, "$.criteria[0].indicators[0].item",
    "no item “m01.z” in m01" },
  { "format-version.json", ZHI_STANDARD_ERROR_SCHEMA, "$.format", "out of range" },
  { "number-order.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[1].number",
    "number 3 where 2 was expected" },
  { "share-fraction.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[0].indicators[2].share",
    "expected an integer, found a number" },
  { "duplicate-key.json", ZHI_STANDARD_ERROR_DUPLICATE, "$.criteria[0].weight", "key given twice" },
  { "not-json.json", ZHI_STANDARD_ERROR_PARSE, NULL, "not valid JSON" },
  { "not-an-object.json", ZHI_STANDARD_ERROR_SCHEMA, "$", "expected an object, found an array" },
  { "text-share.json", ZHI_STANDARD_ERROR_SCHEMA, "$.criteria[0].indicators[2].share",
    "a text indicator (the narrative) is required content and earns no points: its share must be "
    "0, not 20" },
  { "errata-unknown-at.json", ZHI_STANDARD_ERROR_REFERENCE, "$.errata[0].at",
    "no entry “m09.z” in this file" },
  { "errata-not-applied.json", ZHI_STANDARD_ERROR_REFERENCE, "$.errata[0].corrected",
    "“占比达成” is not in the text of “m01.a”: the correction is not applied" },
  { "errata-not-corrected.json", ZHI_STANDARD_ERROR_REFERENCE, "$.errata[0].seed",
    "“50%以上” is still in the text of “m01.a”: the slip is not corrected" },
  { "errata-unknown-key.json", ZHI_STANDARD_ERROR_SCHEMA, "$.errata[0].page", "unknown key" },
};

static void
check_error (const GError *error,
             const char *file,
             ZhiStandardError code,
             const char *path,
             const char *problem)
{
  g_autofree char *prefix = NULL;

  g_assert_nonnull (error);
  g_test_message ("%s → %s", file, error->message);
  g_assert_error (error, ZHI_STANDARD_ERROR, (int)code);
  /* "<file>: <path>: <problem>" */
  g_assert_nonnull (strstr (error->message, file));
  if (path != NULL)
    {
      prefix = g_strdup_printf ("%s: %s: ", file, path);
      g_assert_nonnull (strstr (error->message, prefix));
    }
  g_assert_nonnull (strstr (error->message, problem));
}

static void
test_bad_fixture (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *path = fixture ("standards-bad", bad->file);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) s = zhi_standard_new_from_file (path, &error);

  g_assert_null (s);
  check_error (error, bad->file, bad->code, bad->path, bad->problem);
}

static void
test_bad_conditions (void)
{
  static const BadCase cases[] = {
    { "conditions-unknown-key.json", ZHI_STANDARD_ERROR_SCHEMA, "$.conditions[3].mandatory",
      "unknown key" },
    { "conditions-required-type.json", ZHI_STANDARD_ERROR_SCHEMA, "$.conditions[4].required",
      "expected true or false, found a string" },
    { "conditions-encouraged-not-in-text.json", ZHI_STANDARD_ERROR_SCHEMA,
      "$.conditions[4].encouraged.text",
      "“鼓励使用国产软件。” is not part of the condition's text" },
    { "conditions-errata-not-applied.json", ZHI_STANDARD_ERROR_REFERENCE, "$.errata[0].corrected",
      "“机构与制度” is not in the text of “cond-1”" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture ("standards-bad", cases[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (ZhiConditions) c = zhi_conditions_new_from_file (path, &error);

      g_assert_null (c);
      check_error (error, cases[i].file, cases[i].code, cases[i].path, cases[i].problem);
    }
}

static void
test_bytes_name_and_missing_file (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("{\"format\":1}", 12);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) s = zhi_standard_new_from_bytes (bytes, "inline.json", &error);
  g_autoptr (GError) error2 = NULL;
  g_autoptr (ZhiStandard) s2 = zhi_standard_new_from_file ("/nonexistent/x.json", &error2);
  g_autoptr (GError) error3 = NULL;
  g_autoptr (ZhiStandard) s3 = zhi_standard_load_builtin ("shipyard", &error3);

  g_assert_null (s);
  check_error (error, "inline.json", ZHI_STANDARD_ERROR_SCHEMA, "$.id", "missing key");
  g_assert_null (s2);
  g_assert_error (error2, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND);
  g_assert_null (s3);
  g_assert_error (error3, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND);
}

/* The real files from resources/standards/ (through the GResource, or ZHIZAO_STANDARDS_DIR). */
static void
test_real_catalog (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = zhi_standard_load_catalog (&error);
  const char *const *ids = zhi_standard_track_ids ();
  g_autoptr (ZhiConditions) conditions = NULL;
  g_autoptr (ZhiGuide) guide = NULL;

  if (all == NULL && g_error_matches (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND))
    {
      g_test_skip (error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    {
      ZhiStandard *s = all->pdata[i];
      GPtrArray *criteria = zhi_standard_get_criteria (s);
      int weights = 0;

      g_assert_cmpstr (zhi_standard_get_id (s), ==, ids[i]);
      g_assert_cmpuint (criteria->len, ==, i == 0 ? 10 : 8);
      for (guint j = 0; j < criteria->len; j++)
        weights += ((ZhiCriterion *)criteria->pdata[j])->weight;
      g_assert_cmpint (weights, ==, 100);
      g_assert_cmpuint (zhi_standard_get_kpis (s)->len, ==, 5);
      g_assert_cmpuint (zhi_standard_get_gates (s)->len, >, 0);
    }
  /* the workshop's criterion 2 has the seed's wording */
  g_assert_cmpstr (((ZhiCriterion *)zhi_standard_get_criteria (all->pdata[0])->pdata[1])->title.zh,
                   ==, "智能装备广泛应用");

  conditions = zhi_conditions_load_builtin (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_conditions_get_conditions (conditions)->len, ==, 6);
  g_assert_cmpuint (zhi_conditions_get_exclusions (conditions)->len, ==, 3);
  /* the seed's slips, corrected and recorded: "and" in （一）, 源综合利用效率 in the factories */
  g_assert_cmpuint (zhi_conditions_get_errata (conditions)->len, ==, 1);
  g_assert_cmpstr (((ZhiErratum *)zhi_conditions_get_errata (conditions)->pdata[0])->at, ==,
                   "cond-1");
  g_assert_nonnull (
      strstr (zhi_conditions_lookup_condition (conditions, "cond-1")->text.zh, "机构和制度"));
  g_assert_cmpuint (zhi_standard_get_errata (all->pdata[0])->len, ==, 0);
  for (guint i = 1; i < 3; i++)
    {
      GPtrArray *errata = zhi_standard_get_errata (all->pdata[i]);

      g_assert_cmpuint (errata->len, ==, 1);
      g_assert_cmpstr (((ZhiErratum *)errata->pdata[0])->corrected, ==, "提高。资源综合利用效率");
    }
  /* （五） decides; its second half is encouragement */
  g_assert_true (zhi_conditions_lookup_condition (conditions, "cond-5")->required);
  g_assert_nonnull (zhi_conditions_lookup_condition (conditions, "cond-5")->encouraged);
  {
    const ZhiCondition *owner = NULL;
    const ZhiEncouraged *part
        = zhi_conditions_lookup_encouraged (conditions, "cond-5.encouraged", &owner);

    g_assert_nonnull (part);
    g_assert_cmpstr (owner->id, ==, "cond-5");
    g_assert_cmpstr (part->text.zh, ==, "鼓励使用安全可控的关键技术装备和工业软件。");
    g_assert_null (zhi_conditions_lookup_encouraged (conditions, "cond-5", NULL));
    g_assert_null (zhi_conditions_lookup_condition (conditions, "cond-5.encouraged"));
  }
  guide = zhi_guide_load_builtin (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_guide_get_sections (guide)->len, >, 0);
}

/* Every built-in track has a title, and only those */
static void
test_track_titles (void)
{
  g_autoptr (GPtrArray) catalog = zhi_standard_load_catalog (NULL);

  g_assert_nonnull (catalog);
  g_assert_cmpuint (catalog->len, ==, 3);
  for (guint i = 0; i < catalog->len; i++)
    {
      const char *id = zhi_standard_get_id (catalog->pdata[i]);

      g_assert_nonnull (zhi_track_get_title (id));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (zhi_track_get_title (id), !=,
                         zhi_track_get_title (zhi_standard_get_id (catalog->pdata[j])));
    }
  g_assert_cmpstr (zhi_track_get_title ("workshop"), ==, "Digital Workshop");
  g_assert_null (zhi_track_get_title ("factory"));
  g_assert_null (zhi_track_get_title (NULL));
}

/* one name per supported id: criterion "N. title", condition and exclusion by mark and name */
static void
test_support_names (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) workshop = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiConditions) conditions = zhi_conditions_load_builtin (&error);
  const ZhiCriterion *w02;
  const ZhiCondition *cond1, *cond5;
  const ZhiExclusion *excl3;
  g_autofree char *criterion = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *condition = NULL;
  g_autofree char *encouraged = NULL;
  g_autofree char *exclusion = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *no_standard = NULL;

  g_assert_no_error (error);
  w02 = zhi_standard_lookup_criterion (workshop, "w02");
  cond1 = zhi_conditions_lookup_condition (conditions, "cond-1");
  cond5 = zhi_conditions_lookup_condition (conditions, "cond-5");
  excl3 = zhi_conditions_lookup_exclusion (conditions, "excl-3");
  g_assert_nonnull (w02);
  g_assert_nonnull (cond1);
  g_assert_nonnull (cond5);
  g_assert_nonnull (excl3);

  criterion = zhi_names_support (workshop, conditions, "w02");
  expected = g_strdup_printf ("2. %s", zhi_text_get (&w02->title));
  g_assert_cmpstr (criterion, ==, expected);
  condition = zhi_names_support (workshop, conditions, "cond-1");
  g_assert_nonnull (strstr (condition, cond1->mark));
  g_assert_nonnull (strstr (condition, zhi_text_get (&cond1->short_name)));
  encouraged = zhi_names_support (workshop, conditions, cond5->encouraged->id);
  g_assert_nonnull (strstr (encouraged, cond5->mark));
  g_assert_nonnull (strstr (encouraged, zhi_text_get (&cond5->encouraged->short_name)));
  exclusion = zhi_names_support (workshop, conditions, "excl-3");
  g_assert_nonnull (strstr (exclusion, excl3->mark));
  g_assert_nonnull (strstr (exclusion, zhi_text_get (&excl3->short_name)));
  unknown = zhi_names_support (workshop, conditions, "no-such-id");
  g_assert_cmpstr (unknown, ==, "no-such-id");
  no_standard = zhi_names_support (NULL, NULL, "w02");
  g_assert_cmpstr (no_standard, ==, "w02");

  /* a rule of an eligibility result is named the same way; a gate by its text */
  {
    ZhiRuleResult rule = { 0 };
    g_autofree char *rule_name = NULL;
    g_autofree char *gate_name = NULL;

    rule.kind = ZHI_RULE_KIND_CONDITION;
    rule.id = "cond-1";
    rule.mark = cond1->mark;
    rule.title = zhi_text_get (&cond1->short_name);
    rule_name = zhi_names_rule (&rule);
    g_assert_cmpstr (rule_name, ==, condition);
    rule.kind = ZHI_RULE_KIND_GATE;
    rule.mark = NULL;
    rule.title = "设备联网率不低于 50%";
    gate_name = zhi_names_rule (&rule);
    g_assert_cmpstr (gate_name, ==, "设备联网率不低于 50%");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/standard/fixture/mini-loads", test_mini_loads);
  g_test_add_func ("/standard/track-titles", test_track_titles);
  g_test_add_func ("/standard/fixture/band-edges", test_band_edges);
  g_test_add_func ("/standard/fixture/conditions-and-guide", test_conditions_and_guide_load);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/standard/malformed/%s", bad_cases[i].file);

      *strrchr (name, '.') = '\0';
      g_test_add_data_func (name, &bad_cases[i], test_bad_fixture);
    }
  g_test_add_func ("/standard/malformed/conditions", test_bad_conditions);
  g_test_add_func ("/standard/malformed/bytes-and-missing-files", test_bytes_name_and_missing_file);
  g_test_add_func ("/standard/real/catalog-loads", test_real_catalog);
  g_test_add_func ("/standard/real/support-names", test_support_names);
  return g_test_run ();
}
