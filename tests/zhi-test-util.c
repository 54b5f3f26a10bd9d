/* zhi-test-util.c — see zhi-test-util.h */
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>

#include "zhi-credit-code.h"
#include "zhi-store.h"

static char *tmp_dir;

const char *
zhi_test_tmp_dir_make (const char *tmpl)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (tmp_dir);
  tmp_dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  return tmp_dir;
}

const char *
zhi_test_tmp_dir (void)
{
  g_assert_nonnull (tmp_dir);
  return tmp_dir;
}

char *
zhi_test_tmp_path (const char *name)
{
  return g_build_filename (zhi_test_tmp_dir (), name, NULL);
}

GFile *
zhi_test_tmp_file (const char *name, char **out_path)
{
  g_autofree char *path = zhi_test_tmp_path (name);

  g_unlink (path);
  if (out_path != NULL)
    *out_path = g_strdup (path);
  return g_file_new_for_path (path);
}

void
zhi_test_tmp_dir_remove (void)
{
  if (tmp_dir == NULL)
    return;
  if (g_getenv ("ZHI_KEEP_TEST_OUTPUT") != NULL)
    g_printerr ("kept %s\n", tmp_dir);
  else
    zhi_test_remove_dir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

void
zhi_test_remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        zhi_test_remove_dir (path);
      else if (g_unlink (path) != 0)
        g_printerr ("could not remove %s\n", path);
    }
  if (g_rmdir (dir) != 0 && g_file_test (dir, G_FILE_TEST_EXISTS))
    g_printerr ("could not remove %s\n", dir);
}

char *
zhi_test_file_sha256 (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, len);
}

void
zhi_test_set_enterprise (ZhiProject *p)
{
  zhi_project_set_name (p, "辽宁示例装备制造有限公司");
  zhi_project_set_credit_code (p, "91210100MA0QC0JX3B");
  zhi_project_set_city (p, "沈阳市");
  zhi_project_set_address (p, "沈阳市浑南区示例路 1 号");
  zhi_project_set_legal_representative (p, "张三");
  zhi_project_set_contact_person (p, "李四");
  zhi_project_set_phone (p, "024-12345678");
  zhi_project_set_email (p, "li@example.com");
  zhi_project_set_industry_division (p, "35");
  zhi_project_set_registered_capital (p, 5000.25);
  zhi_project_set_founding_date (p, "2008-06-18");
  zhi_project_set_employees (p, 860);
  zhi_project_set_revenue_last_year (p, 48000.5);
  zhi_project_set_investment_software (p, 800);
  zhi_project_set_investment_hardware (p, 1700.75);
  zhi_project_set_investment_total (p, 2500.75);
}

void
zhi_test_fill_project (ZhiProject *p)
{
  const char *crit[] = { "w2", "w5", NULL };
  g_autoptr (ZhiScenario) s = zhi_scenario_new ("设备联网与数据采集", crit, "DNC \"联网\" 120 台");
  g_autoptr (ZhiScenario) s2 = zhi_scenario_new ("智能排产", NULL, "");
  ZhiAnswers *a = zhi_project_get_answers (p);

  zhi_test_set_enterprise (p);
  zhi_project_set_main_products (p, "数控机床\n工业机器人");
  zhi_project_set_funding_sources (p, "自筹 80%，银行贷款 20%");
  zhi_project_set_track (p, ZHI_TRACK_WORKSHOP);
  zhi_project_set_site_name (p, "机加工数字化车间");
  zhi_project_set_in_use_date (p, "2022-10-01");
  zhi_project_add_scenario (p, s);
  zhi_project_add_scenario (p, s2);
  zhi_answers_set_bool (a, "cond-1", TRUE);
  zhi_answers_set_text (a, "w10", "效益明显");
  zhi_answers_set_count (a, "scenarios", 2);
  zhi_answers_set_ratio (a, "w2.equipment", 60, 100, 0.5);
  zhi_answers_set_kpi (a, "kpi.defect", 2.5, 1.2);
  zhi_answers_set_kpi_details (a, "kpi.defect", 2021, 2023, "质量月报");
  zhi_answers_set_ratio (a, "w3.networked", 55, NAN, NAN);
  zhi_answers_set_kpi (a, "kpi.cycle", 30, NAN);
  zhi_answers_set_note (a, "cond-1", "注册地沈阳");
  zhi_project_answers_changed (p, NULL);
  zhi_project_set_narrative (p, "w1", "部署工业防火墙");
  zhi_project_set_narrative (p, "w2", "设备数字化率 60%");
}

char *
zhi_test_credit_code (const char *region, const char *org)
{
  g_autofree char *first17 = NULL;
  char org_check = zhi_credit_code_compute_org_check (org);
  char check;

  g_assert_cmpuint (strlen (region), ==, 6);
  g_assert_cmpuint (strlen (org), ==, 8);
  g_assert_cmpint (org_check, !=, 0);
  first17 = g_strdup_printf ("91%s%s%c", region, org, org_check);
  check = zhi_credit_code_compute_check_char (first17);
  g_assert_cmpint (check, !=, 0);
  return g_strdup_printf ("%s%c", first17, check);
}

char *
zhi_test_replace (char *text, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);
  g_free (text);
  return g_strjoinv (to, parts);
}

char *
zhi_test_workshop_json (void)
{
  g_autofree char *path
      = g_build_filename (ZHI_SOURCE_DIR, "resources", "standards", "workshop.json", NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

char *
zhi_test_newer_workshop_json (const char *edition)
{
  g_autofree char *field = g_strdup_printf ("\"edition\": \"%s\"", edition);
  char *text = zhi_test_workshop_json ();

  text = zhi_test_replace (text, "\"edition\": \"2023-04-18\"", field);
  text = zhi_test_replace (text, "\"w01.security\"", "\"w01.cyber-security\"");
  return zhi_test_replace (text, "\"w09", "\"w11");
}

void
zhi_test_attached_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ZhiEvidence **out = data;
  g_autoptr (GError) error = NULL;

  *out = zhi_project_attach_file_finish (ZHI_PROJECT (source), result, &error);
  g_assert_no_error (error);
}

char *
zhi_test_project_json (ZhiProject *project)
{
  g_autoptr (JsonNode) node = zhi_project_to_json (project);

  return json_to_string (node, TRUE);
}

glong
zhi_test_peak_rss_kb (void)
{
  struct rusage ru;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  return ru.ru_maxrss;
}
