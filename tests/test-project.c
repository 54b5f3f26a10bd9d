/* test-project.c — the project model: fields, notify, changed, scenarios, evidence, JSON */
#include <math.h>
#include <glib.h>

#include "zhi-project.h"
#include "zhi-standard.h"
#include "zhi-credit-code.h"
#include "zhi-test-util.h"

typedef struct
{
  guint changed;
  guint notify;
  char *last_what;
  guint ev_added, ev_removed, ev_changed;
} Counts;

static void
on_changed (ZhiProject *p, const char *what, Counts *c)
{
  (void)p;
  c->changed++;
  g_free (c->last_what);
  c->last_what = g_strdup (what);
}

static void
on_notify (GObject *o, GParamSpec *ps, Counts *c)
{
  (void)o;
  (void)ps;
  c->notify++;
}

static void
on_ev (ZhiProject *p, ZhiEvidence *ev, guint *counter)
{
  (void)p;
  g_assert_true (ZHI_IS_EVIDENCE (ev));
  (*counter)++;
}

static void
incr (guint *counter)
{
  (*counter)++;
}

static void
watch (ZhiProject *p, Counts *c)
{
  g_signal_connect (p, "changed", G_CALLBACK (on_changed), c);
  g_signal_connect (p, "notify", G_CALLBACK (on_notify), c);
  g_signal_connect (p, "evidence-added", G_CALLBACK (on_ev), &c->ev_added);
  g_signal_connect (p, "evidence-removed", G_CALLBACK (on_ev), &c->ev_removed);
  g_signal_connect (p, "evidence-changed", G_CALLBACK (on_ev), &c->ev_changed);
}

#define SHA_A "0000000000000000000000000000000000000000000000000000000000000000"
#define SHA_B "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void
test_defaults (void)
{
  g_autoptr (ZhiProject) p = zhi_project_new ();
  g_assert_cmpstr (zhi_project_get_name (p), ==, "");
  g_assert_cmpstr (zhi_project_get_track (p), ==, "");
  g_assert_cmpfloat (zhi_project_get_registered_capital (p), ==, 0);
  g_assert_cmpint (zhi_project_get_employees (p), ==, 0);
  g_assert_cmpuint (zhi_project_get_n_scenarios (p), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (zhi_project_get_evidence_list (p)), ==, 0);
  g_assert_null (zhi_project_get_file (p));
  g_assert_false (zhi_project_is_read_only (p));
}

static void
test_notify_only_on_change (void)
{
  g_autoptr (ZhiProject) p = zhi_project_new ();
  Counts c = { 0 };
  guint detailed = 0;
  watch (p, &c);
  g_signal_connect_swapped (p, "changed::name", G_CALLBACK (incr), &detailed);

  zhi_project_set_name (p, "沈阳新松机器人自动化股份有限公司");
  g_assert_cmpuint (c.changed, ==, 1);
  g_assert_cmpuint (c.notify, ==, 1);
  g_assert_cmpuint (detailed, ==, 1);
  g_assert_cmpstr (c.last_what, ==, "name");
  zhi_project_set_name (p, "沈阳新松机器人自动化股份有限公司");
  g_assert_cmpuint (c.changed, ==, 1);
  g_assert_cmpuint (c.notify, ==, 1);

  zhi_project_set_employees (p, 3500);
  zhi_project_set_employees (p, 3500);
  zhi_project_set_investment_total (p, 2100.5);
  zhi_project_set_investment_total (p, 2100.5);
  g_assert_cmpuint (c.changed, ==, 3);
  g_assert_cmpstr (c.last_what, ==, "investment-total");

  /* through GObject properties too */
  g_object_set (p, "site-name", "焊装数字化车间", "revenue-last-year", 12.5, NULL);
  g_assert_cmpstr (zhi_project_get_site_name (p), ==, "焊装数字化车间");
  g_assert_cmpfloat (zhi_project_get_revenue_last_year (p), ==, 12.5);
  g_assert_cmpuint (c.notify, ==, 5);
  g_object_set (p, "site-name", "焊装数字化车间", NULL);
  g_assert_cmpuint (c.notify, ==, 5);

  zhi_project_set_track (p, ZHI_TRACK_FACTORY_PROCESS);
  g_assert_cmpstr (zhi_project_get_track (p), ==, "factory-process");
  g_assert_true (zhi_track_is_valid (""));
  g_assert_false (zhi_track_is_valid ("factory"));
  g_free (c.last_what);
}

static void
test_scenarios (void)
{
  g_autoptr (ZhiProject) p = zhi_project_new ();
  Counts c = { 0 };
  watch (p, &c);
  const char *crit[] = { "w2", "w3", NULL };
  g_autoptr (ZhiScenario) a = zhi_scenario_new ("智能排产", crit, "APS 排产");
  g_autoptr (ZhiScenario) b = zhi_scenario_new ("质量追溯", NULL, NULL);

  g_assert_cmpuint (zhi_project_add_scenario (p, a), ==, 0);
  g_assert_cmpuint (zhi_project_add_scenario (p, b), ==, 1);
  g_assert_cmpuint (c.changed, ==, 2);
  g_assert_cmpstr (c.last_what, ==, "scenarios");
  g_assert_cmpstrv (zhi_project_get_scenario (p, 0)->criteria, crit);
  g_assert_cmpuint (g_strv_length (zhi_project_get_scenario (p, 1)->criteria), ==, 0);

  zhi_project_update_scenario (p, 1, b); /* same: no signal */
  g_assert_cmpuint (c.changed, ==, 2);
  g_autoptr (ZhiScenario) b2 = zhi_scenario_new ("质量追溯", crit, "MES");
  zhi_project_update_scenario (p, 1, b2);
  g_assert_cmpuint (c.changed, ==, 3);
  zhi_project_move_scenario (p, 1, 0);
  g_assert_cmpstr (zhi_project_get_scenario (p, 0)->description, ==, "MES");
  zhi_project_remove_scenario (p, 0);
  g_assert_cmpuint (zhi_project_get_n_scenarios (p), ==, 1);
  g_assert_true (zhi_scenario_equal (zhi_project_get_scenario (p, 0), a));
  g_assert_cmpuint (c.changed, ==, 5);
  g_free (c.last_what);
}

static void
test_narratives_answers (void)
{
  g_autoptr (ZhiProject) p = zhi_project_new ();
  Counts c = { 0 };
  watch (p, &c);
  zhi_project_set_narrative (p, "w2", "设备联网率 85%");
  zhi_project_set_narrative (p, "w1", "工业防火墙");
  zhi_project_set_narrative (p, "w1", "工业防火墙");
  g_assert_cmpuint (c.changed, ==, 2);
  g_autoptr (GPtrArray) ids = zhi_project_list_narrative_ids (p);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (ids->pdata[0], ==, "w1");
  zhi_project_set_narrative (p, "w1", "");
  zhi_project_set_narrative (p, "w9", NULL); /* absent: nothing */
  g_assert_null (zhi_project_get_narrative (p, "w1"));
  g_assert_cmpuint (c.changed, ==, 3);

  zhi_answers_set_bool (zhi_project_get_answers (p), "cond-1", TRUE);
  zhi_project_answers_changed (p, "cond-1");
  g_assert_cmpstr (c.last_what, ==, "answers");
  g_autoptr (ZhiAnswers) other = zhi_answers_new ();
  zhi_answers_set_count (other, "scenarios", 3);
  zhi_project_set_answers (p, other);
  zhi_project_set_answers (p, other);
  g_assert_cmpuint (c.changed, ==, 5);
  gint64 n = 0;
  g_assert_true (zhi_answers_get_count (zhi_project_get_answers (p), "scenarios", &n));
  g_assert_cmpint (n, ==, 3);
  g_free (c.last_what);
}

static void
test_evidence (void)
{
  g_autoptr (ZhiProject) p = zhi_project_new ();
  g_autoptr (GError) error = NULL;
  Counts c = { 0 };
  watch (p, &c);
  const char *sup[] = { "w1", NULL };

  ZhiEvidence *e1 = zhi_project_add_evidence (p, NULL, "等保证书", "cert.pdf", "application/pdf",
                                              1024, SHA_A, 0, sup, NULL, &error);
  g_assert_no_error (error);
  ZhiEvidence *e2 = zhi_project_add_evidence (p, NULL, "照片", "p.jpg", "image/jpeg", 0, SHA_B, 1,
                                              NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_evidence_get_id (e1), ==, "E1");
  g_assert_cmpstr (zhi_evidence_get_id (e2), ==, "E2");
  g_assert_cmpuint (c.ev_added, ==, 2);
  g_assert_nonnull (zhi_evidence_get_added (e1));

  g_assert_null (
      zhi_project_add_evidence (p, "E1", "x", "x", NULL, 0, SHA_A, 0, NULL, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (
      zhi_project_add_evidence (p, NULL, "x", "x", NULL, 0, "ABC", 0, NULL, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ABC"));
  g_clear_error (&error);

  guint ev_notify = 0;
  g_signal_connect_swapped (e1, "notify::page-count", G_CALLBACK (incr), &ev_notify);
  zhi_project_set_evidence_page_count (p, "E1", 7);
  zhi_project_set_evidence_page_count (p, "E1", 7);
  g_assert_cmpuint (zhi_evidence_get_page_count (e1), ==, 7);
  g_assert_cmpuint (ev_notify, ==, 1);
  zhi_project_add_evidence_support (p, "E2", "w1");
  zhi_project_add_evidence_support (p, "E2", "cond-4");
  zhi_project_add_evidence_support (p, "E2", "cond-4");
  zhi_project_set_evidence_title (p, "E2", "车间照片");
  g_assert_cmpuint (c.ev_changed, ==, 4);
  g_autoptr (GPtrArray) for_w1 = zhi_project_list_evidence_for (p, "w1");
  g_assert_cmpuint (for_w1->len, ==, 2);
  zhi_project_remove_evidence_support (p, "E2", "w1");
  g_assert_false (zhi_evidence_supports (e2, "w1"));
  g_assert_true (zhi_evidence_supports (e2, "cond-4"));

  g_assert_true (zhi_project_remove_evidence (p, "E1"));
  g_assert_false (zhi_project_remove_evidence (p, "E1"));
  g_assert_cmpuint (c.ev_removed, ==, 1);
  ZhiEvidence *e3
      = zhi_project_add_evidence (p, NULL, "t", "t", NULL, 0, SHA_A, 0, NULL, NULL, &error);
  g_assert_cmpstr (zhi_evidence_get_id (e3), ==, "E3");
  g_assert_cmpstr (zhi_evidence_get_media_type (e3), ==, "application/octet-stream");
  g_free (c.last_what);
}

static ZhiProject *
make_full_project (void)
{
  ZhiProject *p = zhi_project_new ();
  zhi_test_fill_project (p);
  const char *sup[] = { "w2", "cond-4", NULL };
  g_autoptr (GDateTime) t = g_date_time_new_utc (2024, 3, 5, 8, 9, 10.123456);
  zhi_project_add_evidence (p, NULL, "设备清单", "equip.pdf", "application/pdf", 123456, SHA_B, 12,
                            sup, t, NULL);
  zhi_project_add_evidence (p, "E7", "车间照片", "photo.jpg", "image/jpeg", 99, SHA_A, 1, NULL, t,
                            NULL);
  return p;
}

static void
test_json_round_trip (void)
{
  g_autoptr (ZhiProject) p = make_full_project ();
  g_autoptr (JsonNode) node = zhi_project_to_json (p);
  g_autofree char *text = json_to_string (node, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) parsed = json_from_string (text, &error);
  g_assert_no_error (error);
  g_autoptr (ZhiProject) q = zhi_project_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_true (zhi_project_equal (p, q));
  g_assert_cmpstr (zhi_project_get_main_products (q), ==, "数控机床\n工业机器人");
  g_assert_cmpfloat (zhi_project_get_investment_hardware (q), ==, 1700.75);
  g_assert_cmpint (zhi_project_get_employees (q), ==, 860);
  g_assert_cmpstr (zhi_project_get_scenario (q, 0)->description, ==, "DNC \"联网\" 120 台");
  ZhiEvidence *e = zhi_project_lookup_evidence (q, "E1");
  g_assert_cmpstr (zhi_evidence_get_sha256 (e), ==, SHA_B);
  g_assert_cmpuint (zhi_evidence_get_size (e), ==, 123456);
  g_assert_cmpint (g_date_time_get_microsecond (zhi_evidence_get_added (e)), ==, 123456);
  g_assert_true (zhi_answers_equal (zhi_project_get_answers (p), zhi_project_get_answers (q)));
  g_assert_nonnull (zhi_project_lookup_evidence (q, "E7"));

  zhi_project_set_narrative (q, "w2", "changed");
  g_assert_false (zhi_project_equal (p, q));
}

static void
expect_json_error (const char *json, int code, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_autoptr (ZhiProject) p = zhi_project_from_json (node, &error);
  g_assert_null (p);
  g_assert_error (error, ZHI_PROJECT_ERROR, code);
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_json_invalid (void)
{
  expect_json_error ("[1]", ZHI_PROJECT_ERROR_INVALID, "/");
  expect_json_error ("{\"format\":\"other\"}", ZHI_PROJECT_ERROR_NOT_A_PROJECT, "other");
  expect_json_error ("{\"format\":\"zhizao-project\",\"format_version\":9}",
                     ZHI_PROJECT_ERROR_NEWER_VERSION, "9");
  expect_json_error ("{\"format\":\"zhizao-project\",\"employees\":\"many\"}",
                     ZHI_PROJECT_ERROR_INVALID, "employees");
  expect_json_error ("{\"format\":\"zhizao-project\",\"track\":\"x\"}", ZHI_PROJECT_ERROR_INVALID,
                     "track");
  expect_json_error ("{\"format\":\"zhizao-project\",\"evidence\":[{\"sha256\":\"zz\"}]}",
                     ZHI_PROJECT_ERROR_INVALID, "zz");
  expect_json_error ("{\"format\":\"zhizao-project\",\"scenarios\":[{\"criteria\":[1]}]}",
                     ZHI_PROJECT_ERROR_INVALID, "scenarios[0]");
  /* text that is not UTF-8: json-glib turns an octal escape, which JSON has not got, into the
   * byte (a value, a member name, deeper in an answer) */
  expect_json_error ("{\"format\":\"zhizao-project\",\"credit_code\":\"9\\210804\"}",
                     ZHI_PROJECT_ERROR_INVALID, "“credit_code”");
  expect_json_error ("{\"format\":\"zhizao-project\",\"narratives\":{\"w\\377\":\"x\"}}",
                     ZHI_PROJECT_ERROR_INVALID, "“narratives”");
  expect_json_error ("{\"format\":\"zhizao-project\",\"answers\":{\"w10.kpi-cycle\":"
                     "{\"type\":\"kpi\",\"source\":\"\\303\"}}}",
                     ZHI_PROJECT_ERROR_INVALID, "“answers.w10.kpi-cycle.source”");
}

static void
test_json_partial_answer_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) in = json_from_string (
      "{\"format\":\"zhizao-project\",\"format_version\":1,\"answers\":{"
      "\"w02.smart-equipment-ratio\":{\"type\":\"ratio\",\"numerator\":55},"
      "\"w10.kpi-cycle\":{\"type\":\"kpi\",\"baseline\":120,\"baseline_year\":2021,"
      "\"current_year\":2023,\"source\":\"财务报表\"}}}",
      &error);
  g_assert_no_error (error);
  g_autoptr (ZhiProject) p = zhi_project_from_json (in, &error);
  g_assert_no_error (error);
  g_autoptr (JsonNode) out = zhi_project_to_json (p);
  JsonObject *answers = json_object_get_object_member (json_node_get_object (out), "answers");
  g_autofree char *ratio
      = json_to_string (json_object_get_member (answers, "w02.smart-equipment-ratio"), FALSE);
  g_autofree char *kpi = json_to_string (json_object_get_member (answers, "w10.kpi-cycle"), FALSE);

  /* accepted, and exported back unchanged */
  g_assert_cmpstr (ratio, ==, "{\"type\":\"ratio\",\"numerator\":55}");
  g_assert_cmpstr (kpi, ==,
                   "{\"type\":\"kpi\",\"baseline\":120,\"baseline_year\":2021,"
                   "\"current_year\":2023,\"source\":\"财务报表\"}");
}

/* The error domains are named as GLib names them: no spaces (clang-format once turned
 * G_DEFINE_QUARK's first argument into "zhi - project - error - quark"). */
static void
test_error_domain_names (void)
{
  g_assert_cmpstr (g_quark_to_string (ZHI_PROJECT_ERROR), ==, "zhi-project-error-quark");
  g_assert_cmpstr (g_quark_to_string (ZHI_STANDARD_ERROR), ==, "zhi-standard-error-quark");
  g_assert_cmpstr (g_quark_to_string (ZHI_CREDIT_CODE_ERROR), ==, "zhi-credit-code-error-quark");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/project/error-domain-names", test_error_domain_names);
  g_test_add_func ("/project/fields/defaults", test_defaults);
  g_test_add_func ("/project/fields/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/project/scenarios/add-update-move-remove", test_scenarios);
  g_test_add_func ("/project/narratives-and-answers/changed", test_narratives_answers);
  g_test_add_func ("/project/evidence/signals-and-ids", test_evidence);
  g_test_add_func ("/project/json/round-trip", test_json_round_trip);
  g_test_add_func ("/project/json/partial-answer-import-export", test_json_partial_answer_import);
  g_test_add_func ("/project/json/invalid-rejected-with-reason", test_json_invalid);
  return g_test_run ();
}
