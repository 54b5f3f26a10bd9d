/* zhi-demo.c — the demo application: every step filled, evidence generated here */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "zhi-credit-code.h"
#include "zhi-demo-evidence.h"
#include "zhi-demo.h"
#include "zhi-standard.h"
#include "zhi-store.h"

/* A fictional enterprise: the organisation code is invented, the check characters are
 * computed, so the code is valid and registered in Shenyang's Tiexi district (210106). */
static char *
demo_credit_code (void)
{
  char code[19] = "91210106MA0X7Q3K";
  char org[9];

  memcpy (org, code + 8, 8);
  org[8] = '\0';
  code[16] = zhi_credit_code_compute_org_check (org);
  code[17] = zhi_credit_code_compute_check_char (code);
  code[18] = '\0';
  return g_strdup (code);
}

static const char *const demo_narrative_tail[] = {
  "项目自2021年起分三期实施，由企业信息化部牵头，生产、设备、质量、物流部门共同推进，"
  "建立了周例会和月度考核机制。",
  "相关系统已稳定运行一年以上，运行数据均可在车间看板和管理平台中查询，"
  "有关记录作为证明材料附后。",
};

static char *
narrative_for (const ZhiCriterion *criterion)
{
  GString *text = g_string_new (NULL);
  const ZhiItem *item;

  g_string_append_printf (text, "围绕“%s”，本企业开展了以下建设：", criterion->title.zh);
  for (guint i = 0; i < criterion->items->len; i++)
    {
      item = g_ptr_array_index (criterion->items, i);
      g_string_append_printf (text, "（%u）对照“%s”，", i + 1, item->text.zh);
      g_string_append (text, "完成了相应系统和装备的部署，形成了覆盖全车间的管理流程；");
    }
  g_string_append (text, demo_narrative_tail[criterion->number % 2]);
  g_string_append (text,
                   "建设完成后，相关环节的人工干预明显减少，数据记录由纸质台账改为系统自动采集，"
                   "管理人员能够及时发现并处置异常，为持续改进提供了依据。");
  return g_string_free (text, FALSE);
}

static void
answer_indicator (ZhiAnswers *answers, const ZhiIndicator *indicator)
{
  switch (indicator->kind)
    {
      case ZHI_INDICATOR_CHECK:
        zhi_answers_set_bool (answers, indicator->id, TRUE);
        break;
      case ZHI_INDICATOR_LEVEL:
        {
          const ZhiLevel *level = g_ptr_array_index (indicator->levels, indicator->min_level);
          zhi_answers_set_level (answers, indicator->id, level->id);
        }
        break;
      case ZHI_INDICATOR_RATIO:
        if (indicator->threshold_from_benchmark)
          zhi_answers_set_ratio (answers, indicator->id, 172, 186, 0.85);
        else
          zhi_answers_set_ratio (answers, indicator->id, 186, 264, NAN);
        break;
      case ZHI_INDICATOR_KPI:
        {
          /* 研制周期 (天), 劳动生产率 (万元/人), 运维成本 (万元), 能源利用率 (%), 不良品率 (%) */
          /* the years before (2023) and after (2025) the workshop went into use (2024-09) */
          static const struct
          {
            const char *suffix;
            double baseline, current;
            const char *source;
          } kpis[] = {
            { ".kpi-cycle", 45, 32, "PLM 项目台账" },
            { ".kpi-productivity", 68, 91, "财务报表、人力资源台账" },
            { ".kpi-om-cost", 820, 610, "设备管理系统维修记录" },
            { ".kpi-energy", 71, 83, "能源管理系统月报" },
            { ".kpi-defect", 2.8, 1.1, "MES 质量统计" },
          };
          double baseline = indicator->better_higher ? 100 : 120;
          double current = indicator->better_higher ? 120 : 100;
          const char *source = "企业统计台账";

          for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
            if (g_str_has_suffix (indicator->id, kpis[k].suffix))
              {
                baseline = kpis[k].baseline;
                current = kpis[k].current;
                source = kpis[k].source;
              }
          zhi_answers_set_kpi (answers, indicator->id, baseline, current);
          zhi_answers_set_kpi_details (answers, indicator->id, 2023, 2025, source);
        }
        break;
      case ZHI_INDICATOR_COUNT:
        zhi_answers_set_count (answers, indicator->id, MAX (indicator->min_count, 2) + 1);
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

static GBytes *
report (const char *title, const char *topic, guint pages, GError **error)
{
  g_autofree char *p1 = g_strdup_printf (
      "本报告说明辽宁示例精工机械有限公司%s的建设与运行情况。项目建设内容包括系统部署、"
      "设备改造、数据采集和管理制度建设，相关数据由企业制造执行系统导出。",
      topic);
  const char *paragraphs[] = {
    p1,
    "一、建设内容。企业按照统一规划、分步实施的原则推进建设，先完成网络和数据平台，"
    "再逐条产线实施设备联网和系统集成，最后建立覆盖全过程的指标体系。",
    "二、运行效果。系统上线后运行稳定，关键指标持续改善，管理人员可通过看板实时掌握"
    "生产、质量、设备和能耗情况，异常处置时间明显缩短。",
    "三、保障措施。企业成立了由总经理任组长的智能制造领导小组，建立了项目管理、"
    "考核激励和信息安全制度，并与高校、服务商建立长期合作。",
    NULL,
  };
  const char *table[] = {
    "指标",
    "改造前",
    "改造后",
    "变化",
    "研制周期（天）",
    "45",
    "32",
    "-28.9%",
    "劳动生产率（万元/人）",
    "68",
    "91",
    "+33.8%",
    "运维成本（万元/年）",
    "820",
    "610",
    "-25.6%",
    "能源利用率（%）",
    "71",
    "83",
    "+12 个百分点",
    "不良品率（%）",
    "2.8",
    "1.1",
    "-1.7 个百分点",
    NULL,
  };
  ZhiDemoReport r = { title, "辽宁示例精工机械有限公司　2026年10月", paragraphs, table, 4, pages };

  return zhi_demo_evidence_report_pdf (&r, error);
}

ZhiProject *
zhi_demo_create (GFile *file, const char *track, GError **error)
{
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (ZhiStandard) standard = NULL;
  g_autoptr (ZhiConditions) conditions = NULL;
  g_autofree char *code = demo_credit_code ();
  g_autofree char *tmpdir = NULL;
  ZhiAnswers *answers;
  GPtrArray *criteria;
  gboolean workshop;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (track == NULL)
    track = "workshop";
  standard = zhi_standard_load_builtin (track, error);
  if (standard == NULL)
    return NULL;
  conditions = zhi_conditions_load_builtin (error);
  if (conditions == NULL)
    return NULL;
  project = zhi_project_create (file, error);
  if (project == NULL)
    return NULL;
  workshop = g_str_equal (track, "workshop");

  zhi_project_set_track (project, track);
  zhi_project_set_name (project, "辽宁示例精工机械有限公司");
  zhi_project_set_credit_code (project, code);
  zhi_project_set_city (project, "沈阳市");
  zhi_project_set_address (project, "辽宁省沈阳市铁西区示例路 88 号");
  zhi_project_set_legal_representative (project, "王建国");
  zhi_project_set_contact_person (project, "李晓梅");
  zhi_project_set_phone (project, "024-2588 0000");
  zhi_project_set_email (project, "shenbao@example.com");
  zhi_project_set_industry_division (project, g_str_equal (track, "factory-process") ? "26" : "34");
  zhi_project_set_registered_capital (project, 12000);
  zhi_project_set_founding_date (project, "2006-05-18");
  zhi_project_set_employees (project, 860);
  zhi_project_set_revenue_last_year (project, 86500);
  zhi_project_set_main_products (project, g_str_equal (track, "factory-process")
                                              ? "精细化工中间体、工业涂料助剂"
                                              : "数控机床主轴、精密传动部件");
  zhi_project_set_investment_software (project, 1350);
  zhi_project_set_investment_hardware (project, 3650);
  zhi_project_set_investment_total (project, 5000);
  zhi_project_set_funding_sources (project, "企业自筹 4200 万元，银行贷款 800 万元");
  zhi_project_set_site_name (project, workshop ? "精密主轴数字化车间"
                                               : "精工机械智能工厂（一期、二期车间）");
  zhi_project_set_in_use_date (project, "2024-09-01");

  criteria = zhi_standard_get_criteria (standard);
  {
    const ZhiCriterion *c1 = g_ptr_array_index (criteria, 0);
    const ZhiCriterion *c2 = g_ptr_array_index (criteria, MIN (2, criteria->len - 1));
    const ZhiCriterion *c3 = g_ptr_array_index (criteria, MIN (4, criteria->len - 1));
    const char *s1[] = { c2->id, c3->id, NULL };
    const char *s2[] = { c3->id, NULL };
    const char *s3[] = { c1->id, c2->id, NULL };
    g_autoptr (ZhiScenario) a = zhi_scenario_new (
        "设备联网与状态监测", s1, "全部数控设备接入工业互联网平台，实时采集运行状态并自动报警。");
    g_autoptr (ZhiScenario) b = zhi_scenario_new (
        "生产计划动态排程", s2, "基于订单和设备状态自动排程，插单时实时调整计划。");
    g_autoptr (ZhiScenario) c = zhi_scenario_new (
        "质量在线检测与追溯", s3, "关键工序在线检测，一物一码追溯生产过程和物料批次。");

    zhi_project_add_scenario (project, a);
    zhi_project_add_scenario (project, b);
    zhi_project_add_scenario (project, c);
  }

  answers = zhi_project_get_answers (project);
  for (guint i = 0; i < zhi_conditions_get_conditions (conditions)->len; i++)
    {
      const ZhiCondition *cond = g_ptr_array_index (zhi_conditions_get_conditions (conditions), i);
      zhi_answers_set_bool (answers, cond->id, TRUE);
    }
  for (guint i = 0; i < zhi_conditions_get_exclusions (conditions)->len; i++)
    {
      const ZhiExclusion *excl = g_ptr_array_index (zhi_conditions_get_exclusions (conditions), i);
      zhi_answers_set_bool (answers, excl->id, FALSE);
    }
  for (guint i = 0; i < zhi_standard_get_track_indicators (standard)->len; i++)
    answer_indicator (answers, g_ptr_array_index (zhi_standard_get_track_indicators (standard), i));
  for (guint c = 0; c < criteria->len; c++)
    {
      const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);
      g_autofree char *narrative = narrative_for (criterion);

      for (guint i = 0; i < criterion->indicators->len; i++)
        {
          const ZhiIndicator *indicator = g_ptr_array_index (criterion->indicators, i);

          answer_indicator (answers, indicator);
          /* One measure not yet in place, for the same reason. */
          if (c == 6 && i == 0 && indicator->kind == ZHI_INDICATOR_CHECK)
            zhi_answers_set_bool (answers, indicator->id, FALSE);
        }
      zhi_project_set_narrative (project, criterion->id, narrative);
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
      g_autofree char *title
          = b != NULL ? g_strdup_printf ("%s及%s建设情况报告", a->title.zh, b->title.zh)
                      : g_strdup_printf ("%s建设情况报告", a->title.zh);
      g_autofree char *file_name = g_strdup_printf ("report-%02u.pdf", c + 1);
      /* The second report covers only its first criterion: a real application has gaps,
       * and the demo shows how the score and checklist point them out. */
      const char *supports[] = { a->id, b != NULL && c != 2 ? b->id : NULL, NULL };
      g_autoptr (GBytes) bytes = report (title, a->title.zh, 2 + c % 3, error);

      if (bytes == NULL
          || !attach_bytes (project, tmpdir, file_name, title, bytes, supports, error))
        goto failed;
    }
  {
    const ZhiCriterion *equipment = g_ptr_array_index (criteria, 1);
    const ZhiCriterion *results = g_ptr_array_index (criteria, criteria->len - 1);
    const char *photo_supports[] = { equipment->id, NULL };
    const char *chart_supports[] = { results->id, "cond-4", NULL };
    const char *licence_supports[] = { "cond-1", "cond-2", NULL };
    const char *labels[] = { "研制周期", "劳动生产率", "运维成本", "能源利用率", "不良品率" };
    const double before[] = { 45, 68, 82, 71, 28 };
    const double after[] = { 32, 91, 61, 83, 11 };
    g_autoptr (GBytes) photo = zhi_demo_evidence_photo_jpeg (1600, 1000, 7, error);
    g_autoptr (GBytes) chart = NULL;
    g_autoptr (GBytes) licence = NULL;
    const char *licence_paragraphs[] = {
      "名称：辽宁示例精工机械有限公司",
      "类型：有限责任公司",
      "住所：辽宁省沈阳市铁西区示例路 88 号",
      "经营范围：数控机床及功能部件的研发、制造、销售；技术服务。",
      "（本文件为演示用示例，不是真实证照。）",
      NULL,
    };
    ZhiDemoReport licence_report = { "营业执照（副本）", NULL, licence_paragraphs, NULL, 0, 1 };

    if (photo == NULL
        || !attach_bytes (project, tmpdir, "workshop-photo.jpg", "车间现场照片", photo,
                          photo_supports, error))
      goto failed;
    chart = zhi_demo_evidence_chart_png ("主要指标改造前后对比（示例）", labels, before, after, 5,
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
