/* zhi-demo.c — the demo application: every step filled, evidence generated here */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "zhi-credit-code.h"
#include "zhi-demo-data.h"
#include "zhi-demo-evidence.h"
#include "zhi-demo.h"
#include "zhi-standard.h"
#include "zhi-store.h"

/* The credit code of an example: "91" (market regulation, enterprise), the region of its
 * registration authority, its organisation code, and the two check characters computed. */
static char *
demo_credit_code (const ZhiDemoEnterprise *e)
{
  char code[19];

  g_assert (strlen (e->region) == 6 && strlen (e->org_code) == 8);
  memcpy (code, "91", 2);
  memcpy (code + 2, e->region, 6);
  memcpy (code + 8, e->org_code, 8);
  code[16] = zhi_credit_code_compute_org_check (e->org_code);
  code[17] = zhi_credit_code_compute_check_char (code);
  code[18] = '\0';
  return g_strdup (code);
}

static const ZhiDemoKpi *
demo_kpi (const ZhiDemoEnterprise *e, const char *indicator_id)
{
  for (guint k = 0; k < G_N_ELEMENTS (e->kpis); k++)
    if (g_str_has_suffix (indicator_id, e->kpis[k].suffix))
      return &e->kpis[k];
  return NULL;
}

static void
answer_indicator (const ZhiDemoEnterprise *e, ZhiAnswers *answers, const ZhiIndicator *indicator)
{
  switch (indicator->kind)
    {
      case ZHI_INDICATOR_CHECK:
        zhi_answers_set_bool (answers, indicator->id,
                              g_strcmp0 (indicator->id, e->gap_indicator) != 0);
        break;
      case ZHI_INDICATOR_LEVEL:
        {
          const ZhiLevel *level = g_ptr_array_index (indicator->levels, indicator->min_level);

          /* the optional GB/T 39116 self-assessment has no minimum: the example's own level */
          if (g_str_has_suffix (indicator->id, ".cmmm-level") && e->cmmm_level != NULL)
            zhi_answers_set_level (answers, indicator->id, e->cmmm_level);
          else
            zhi_answers_set_level (answers, indicator->id, level->id);
        }
        break;
      case ZHI_INDICATOR_RATIO:
        if (indicator->threshold_from_benchmark)
          zhi_answers_set_ratio (answers, indicator->id, e->networked, e->equipment_smart,
                                 e->networked_benchmark);
        else
          zhi_answers_set_ratio (answers, indicator->id, e->equipment_smart, e->equipment_all, NAN);
        break;
      case ZHI_INDICATOR_KPI:
        {
          const ZhiDemoKpi *kpi = demo_kpi (e, indicator->id);

          g_assert (kpi != NULL);
          zhi_answers_set_kpi (answers, indicator->id, kpi->baseline, kpi->current);
          zhi_answers_set_kpi_details (answers, indicator->id, e->kpi_baseline_year,
                                       e->kpi_current_year, kpi->source);
        }
        break;
      case ZHI_INDICATOR_COUNT:
        if (g_strcmp0 (indicator->derived, "scenarios") == 0)
          zhi_answers_set_count (answers, indicator->id, e->n_scenarios);
        else
          {
            /* a factory's digital workshops: the count of the ones it lists */
            g_auto (GStrv) names = g_strsplit (e->workshops, "；", -1);

            zhi_answers_set_count (answers, indicator->id,
                                   *e->workshops != '\0' ? g_strv_length (names) : 0);
          }
        break;
      case ZHI_INDICATOR_TEXT:
      default:
        break;
    }
}

typedef struct
{
  const char *title;
  const char *file_name;
  const char *support; /* criterion index (1-based) or rule id */
} DemoEvidence;

static gboolean
attach_bytes (ZhiProject *project,
              const char *dir,
              const char *file_name,
              const char *title,
              GBytes *bytes,
              const char *const *supports,
              GError **error)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  ZhiEvidence *evidence;
  gboolean ok;

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;
  evidence = zhi_project_attach_file (project, file, title, NULL, error);
  ok = evidence != NULL;
  if (ok)
    zhi_project_set_evidence_supports (project, zhi_evidence_get_id (evidence), supports);
  g_unlink (path);
  return ok;
}

/* "-28.9%" for a relative change, "-1.2 个百分点" for a rate given in percent */
static char *
format_change (const ZhiDemoKpi *kpi)
{
  if (strstr (kpi->label, "%") != NULL)
    return g_strdup_printf ("%+g 个百分点", kpi->current - kpi->baseline);
  return g_strdup_printf ("%+.1f%%", (kpi->current - kpi->baseline) / kpi->baseline * 100);
}

/* A construction report on one or two criteria: their narratives and the KPI table. */
static GBytes *
report (const ZhiDemoEnterprise *e,
        const char *title,
        const ZhiCriterion *a,
        const ZhiCriterion *b,
        guint pages,
        GError **error)
{
  g_autoptr (GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) table = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *issuer = g_strdup_printf ("%s　%s", e->name, e->report_date);
  const ZhiCriterion *parts[] = { a, b };
  const char *numbers[] = { "一", "二" };
  ZhiDemoReport r = { title, issuer, NULL, NULL, 5, pages };
  guint n = 0;

  if (b != NULL)
    g_ptr_array_add (paragraphs, g_strdup_printf ("本报告说明%s%s在“%s”和“%s”方面的建设与运行情况，"
                                                  "指标为%d年与%d年全年数据。",
                                                  e->name, e->site_name, a->title.zh, b->title.zh,
                                                  e->kpi_baseline_year, e->kpi_current_year));
  else
    g_ptr_array_add (paragraphs, g_strdup_printf ("本报告说明%s%s在“%s”方面的建设与运行情况，"
                                                  "指标为%d年与%d年全年数据。",
                                                  e->name, e->site_name, a->title.zh,
                                                  e->kpi_baseline_year, e->kpi_current_year));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *text;

      if (parts[i] == NULL || (text = zhi_demo_enterprise_narrative (e, parts[i]->id)) == NULL)
        continue;
      g_ptr_array_add (paragraphs,
                       g_strdup_printf ("%s、%s。%s", numbers[n++], parts[i]->title.zh, text));
    }
  g_ptr_array_add (paragraphs, NULL);

  g_ptr_array_add (table, g_strdup ("指标"));
  g_ptr_array_add (table, g_strdup_printf ("%d年", e->kpi_baseline_year));
  g_ptr_array_add (table, g_strdup_printf ("%d年", e->kpi_current_year));
  g_ptr_array_add (table, g_strdup ("变化"));
  g_ptr_array_add (table, g_strdup ("数据来源"));
  for (guint k = 0; k < G_N_ELEMENTS (e->kpis); k++)
    {
      const ZhiDemoKpi *kpi = &e->kpis[k];

      g_ptr_array_add (table, g_strdup (kpi->label));
      g_ptr_array_add (table, g_strdup_printf ("%g", kpi->baseline));
      g_ptr_array_add (table, g_strdup_printf ("%g", kpi->current));
      g_ptr_array_add (table, format_change (kpi));
      g_ptr_array_add (table, g_strdup (kpi->source));
    }
  g_ptr_array_add (table, NULL);

  r.paragraphs = (const char *const *)paragraphs->pdata;
  r.table = (const char *const *)table->pdata;
  return zhi_demo_evidence_report_pdf (&r, error);
}

ZhiProject *
zhi_demo_create (GFile *file, const char *track, GError **error)
{
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiStandard) standard = NULL;
  g_autoptr (ZhiConditions) conditions = NULL;
  g_autofree char *code = NULL;
  g_autofree char *tmpdir = NULL;
  const ZhiDemoEnterprise *e;
  ZhiAnswers *answers;
  GPtrArray *criteria;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (track == NULL)
    track = ZHI_TRACK_WORKSHOP;
  standard = zhi_standard_load_builtin (track, error);
  if (standard == NULL)
    return NULL;
  e = zhi_demo_enterprise (track);
  g_return_val_if_fail (e != NULL, NULL);
  conditions = zhi_conditions_load_builtin (error);
  if (conditions == NULL)
    return NULL;
  project = zhi_project_create (file, error);
  if (project == NULL)
    return NULL;
  code = demo_credit_code (e);

  zhi_project_set_example (project, TRUE);
  zhi_project_set_track (project, track);
  zhi_project_set_name (project, e->name);
  zhi_project_set_credit_code (project, code);
  zhi_project_set_city (project, e->city);
  zhi_project_set_address (project, e->address);
  zhi_project_set_legal_representative (project, e->legal_representative);
  zhi_project_set_contact_person (project, e->contact_person);
  zhi_project_set_phone (project, e->phone);
  zhi_project_set_email (project, e->email);
  zhi_project_set_industry_division (project, e->industry_division);
  zhi_project_set_registered_capital (project, e->registered_capital);
  zhi_project_set_founding_date (project, e->founding_date);
  zhi_project_set_employees (project, e->employees);
  zhi_project_set_revenue_last_year (project, e->revenue_last_year);
  zhi_project_set_main_products (project, e->main_products);
  zhi_project_set_investment_software (project, e->investment_software);
  zhi_project_set_investment_hardware (project, e->investment_hardware);
  zhi_project_set_investment_total (project, e->investment_total);
  zhi_project_set_funding_sources (project, e->funding_sources);
  zhi_project_set_site_name (project, e->site_name);
  zhi_project_set_in_use_date (project, e->in_use_date);
  zhi_project_set_workshops (project, e->workshops);

  for (guint i = 0; i < e->n_scenarios; i++)
    {
      g_autoptr (ZhiScenario) scenario = zhi_scenario_new (
          e->scenarios[i].name, e->scenarios[i].criteria, e->scenarios[i].description);

      zhi_project_add_scenario (project, scenario);
    }

  answers = zhi_project_get_answers (project);
  for (guint i = 0; i < zhi_conditions_get_conditions (conditions)->len; i++)
    {
      const ZhiCondition *cond = g_ptr_array_index (zhi_conditions_get_conditions (conditions), i);
      zhi_answers_set_bool (answers, cond->id, TRUE);
      if (cond->encouraged != NULL) /* （五）'s encouraged half: answered, it decides nothing */
        zhi_answers_set_bool (answers, cond->encouraged->id, TRUE);
    }
  for (guint i = 0; i < zhi_conditions_get_exclusions (conditions)->len; i++)
    {
      const ZhiExclusion *excl = g_ptr_array_index (zhi_conditions_get_exclusions (conditions), i);
      zhi_answers_set_bool (answers, excl->id, FALSE);
    }
  for (guint i = 0; i < zhi_standard_get_track_indicators (standard)->len; i++)
    answer_indicator (e, answers,
                      g_ptr_array_index (zhi_standard_get_track_indicators (standard), i));
  criteria = zhi_standard_get_criteria (standard);
  for (guint c = 0; c < criteria->len; c++)
    {
      const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);

      for (guint i = 0; i < criterion->indicators->len; i++)
        answer_indicator (e, answers, g_ptr_array_index (criterion->indicators, i));
      zhi_project_set_narrative (project, criterion->id,
                                 zhi_demo_enterprise_narrative (e, criterion->id));
    }
  zhi_project_answers_changed (project, NULL);

  /* Evidence: one report per pair of criteria, a photo, a chart, and the licence scan. */
  tmpdir = g_dir_make_tmp ("zhizao-demo-XXXXXX", error);
  if (tmpdir == NULL)
    return NULL;
  for (guint c = 0; c < criteria->len; c += 2)
    {
      const ZhiCriterion *a = g_ptr_array_index (criteria, c);
      const ZhiCriterion *b = c + 1 < criteria->len ? g_ptr_array_index (criteria, c + 1) : NULL;
      /* The second report covers only its first criterion: a real application has gaps,
       * and the demo shows how the score and checklist point them out. */
      const ZhiCriterion *covered = c != 2 ? b : NULL;
      g_autofree char *title
          = covered != NULL ? g_strdup_printf ("%s及%s建设情况报告", a->title.zh, b->title.zh)
                            : g_strdup_printf ("%s建设情况报告", a->title.zh);
      g_autofree char *file_name = g_strdup_printf ("report-%02u.pdf", c + 1);
      const char *supports[] = { a->id, covered != NULL ? covered->id : NULL, NULL };
      g_autoptr (GBytes) bytes = report (e, title, a, covered, 2 + c % 3, error);

      if (bytes == NULL
          || !attach_bytes (project, tmpdir, file_name, title, bytes, supports, error))
        goto failed;
    }
  {
    const ZhiCriterion *results = g_ptr_array_index (criteria, criteria->len - 1);
    const char *photo_supports[] = { e->photo_supports, NULL };
    const char *chart_supports[] = { results->id, "cond-4", NULL };
    const char *licence_supports[] = { "cond-1", "cond-2", NULL };
    const char *labels[G_N_ELEMENTS (e->kpis)];
    double before[G_N_ELEMENTS (e->kpis)];
    double after[G_N_ELEMENTS (e->kpis)];
    g_autoptr (GBytes) photo = zhi_demo_evidence_photo_jpeg (1600, 1000, 7, error);
    g_autoptr (GBytes) chart = NULL;
    g_autoptr (GBytes) licence = NULL;
    g_autofree char *chart_title = g_strdup_printf ("主要指标对比（以%d年为100，%d年数据）",
                                                    e->kpi_baseline_year, e->kpi_current_year);
    g_autofree char *l_name = g_strdup_printf ("名称：%s", e->name);
    g_autofree char *l_code = g_strdup_printf ("统一社会信用代码：%s", code);
    g_autofree char *l_type = g_strdup_printf ("类型：%s", e->company_type);
    g_autofree char *l_address = g_strdup_printf ("住所：%s", e->address);
    g_autofree char *l_legal = g_strdup_printf ("法定代表人：%s", e->legal_representative);
    g_autofree char *l_capital
        = g_strdup_printf ("注册资本：人民币%g万元整", e->registered_capital);
    g_autofree char *l_founded = g_strdup_printf ("成立日期：%s", e->founding_date);
    g_autofree char *l_scope = g_strdup_printf ("经营范围：%s", e->licence_scope);
    const char *licence_paragraphs[] = {
      l_name,    l_code,  l_type,
      l_address, l_legal, l_capital,
      l_founded, l_scope, "（本文件为演示用示例，企业为虚构，不是真实证照。）",
      NULL,
    };
    ZhiDemoReport licence_report = { "营业执照（副本）", NULL, licence_paragraphs, NULL, 0, 1 };

    for (guint k = 0; k < G_N_ELEMENTS (e->kpis); k++)
      {
        /* values as an index of the baseline year, so all five fit one scale */
        labels[k] = e->kpis[k].label;
        before[k] = 100;
        after[k] = e->kpis[k].current / e->kpis[k].baseline * 100;
      }
    if (photo == NULL
        || !attach_bytes (project, tmpdir, "site-photo.jpg", e->photo_title, photo, photo_supports,
                          error))
      goto failed;
    chart = zhi_demo_evidence_chart_png (chart_title, labels, before, after, G_N_ELEMENTS (e->kpis),
                                         error);
    if (chart == NULL
        || !attach_bytes (project, tmpdir, "kpi-chart.png", "主要指标对比图", chart, chart_supports,
                          error))
      goto failed;
    licence = zhi_demo_evidence_report_pdf (&licence_report, error);
    if (licence == NULL
        || !attach_bytes (project, tmpdir, "licence.pdf", "营业执照（示例）", licence,
                          licence_supports, error))
      goto failed;
  }
  g_rmdir (tmpdir);
  if (!zhi_project_flush (project, error))
    return NULL;
  return g_steal_pointer (&project);

failed:
  g_rmdir (tmpdir);
  return NULL;
}
