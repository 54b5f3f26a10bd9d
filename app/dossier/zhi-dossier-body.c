/* zhi-dossier-body.c — the 申报书's body: cover, commitment, contents, enterprise, eligibility,
 * score, content and KPIs (phase 1 of zhi-dossier.c, on the thread owning the project) */
#include "config.h"

#include <math.h>
#include <string.h>

#include "zhi-dossier-private.h"
#include "zhi-industry.h"
#include "zhi-kpi.h"
#include "zhi-names.h"

/* 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 */
static char *
cn_number (guint n)
{
  static const char *digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

  if (n < 10)
    return g_strdup (digits[n]);
  if (n < 100)
    return g_strdup_printf ("%s十%s", n / 10 == 1 ? "" : digits[n / 10],
                            n % 10 == 0 ? "" : digits[n % 10]);
  return g_strdup_printf ("%u", n);
}

/* At most two decimals, trailing zeros dropped, C digits: 62.5, 1350, 0.85 */
static char *
fmt_num (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (!isfinite (value))
    return g_strdup ("—");
  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  if (strchr (buf, '.') != NULL)
    {
      end = buf + strlen (buf) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (strcmp (buf, "-0") == 0)
    return g_strdup ("0");
  return g_strdup (buf);
}

static char *
fmt_money (double wan)
{
  g_autofree char *n = fmt_num (wan);

  return wan > 0 ? g_strdup_printf ("%s 万元", n) : g_strdup ("（未填写）");
}

/* "2026-04-18" or a GDateTime → 2026年4月18日 */
static char *
fmt_date_iso (const char *iso)
{
  int y, m, d;

  if (iso != NULL && sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
    return g_strdup_printf ("%d年%d月%d日", y, m, d);
  return g_strdup (or_blank (iso));
}

static char *
fmt_date (GDateTime *date)
{
  return g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (date), g_date_time_get_month (date),
                          g_date_time_get_day_of_month (date));
}

/* ---- the document, phase 1: everything but the list, the attachments and the last page --- */

/* "（二）智能装备广泛应用" */
static char *
criterion_label (const ZhiCriterion *c)
{
  g_autofree char *n = cn_number (c->number);

  return g_strdup_printf ("（%s）%s", n, zh (&c->title));
}

char *
zhi_dossier_support_label (Builder *b, const char *id)
{
  const ZhiCriterion *c = zhi_standard_lookup_criterion (b->standard, id);
  const ZhiRuleResult *rule;

  if (c != NULL)
    {
      g_autofree char *label = criterion_label (c);

      return g_strdup_printf ("建设内容%s", label);
    }
  rule = zhi_eligibility_lookup (b->eligibility, id);
  if (rule != NULL && rule->kind == ZHI_RULE_KIND_CONDITION)
    return g_strdup_printf ("申报条件%s", rule->mark);
  if (rule != NULL && rule->kind == ZHI_RULE_KIND_EXCLUSION)
    return g_strdup_printf ("不得申报情形%s", rule->mark);
  if (rule != NULL && rule->kind == ZHI_RULE_KIND_GATE)
    return g_strdup_printf ("门槛：%s", zh (&zhi_standard_lookup_gate (b->standard, id)->text));
  return g_strdup (id);
}

/* The evidence numbers supporting @id, as "见附件1、3" (NULL when none); the table cell
 * or paragraph is linked afterwards with link_refs(). */
static GPtrArray *
entries_for (Builder *b, const char *id)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < b->entries->len; i++)
    {
      Entry *e = b->entries->pdata[i];

      if (id != NULL && g_strv_contains ((const char *const *)e->supports, id))
        g_ptr_array_add (out, e);
    }
  return out;
}

static char *
refs_text (GPtrArray *entries)
{
  GString *s = g_string_new (NULL);

  /* "见附件1、6": the word once, then the numbers */
  for (guint i = 0; i < entries->len; i++)
    g_string_append_printf (s, i > 0 ? "、%u" : "见附件%u", ((Entry *)entries->pdata[i])->number);
  return g_string_free (s, FALSE);
}

static void
link_refs_in_cell (ZhiPdfTable *table, guint column, GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = entries->pdata[i];
      /* numbers ascend, so "、6" is found before any "、60" */
      g_autofree char *needle = g_strdup_printf (i > 0 ? "、%u" : "见附件%u", e->number);

      zhi_pdf_table_link_text (table, column, needle, e->dest);
    }
}

static void
link_refs_in_paragraph (ZhiPdfDoc *doc, guint paragraph, GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = entries->pdata[i];
      g_autofree char *needle = g_strdup_printf ("见附件%u", e->number);

      zhi_pdf_doc_link_text (doc, paragraph, needle, e->dest);
    }
}

/* An indicator's answer, in Chinese, from the answers the engines saw. */
static char *
indicator_value (Builder *b, const ZhiIndicator *ind)
{
  switch (ind->kind)
    {
      case ZHI_INDICATOR_CHECK:
        {
          gboolean value;

          if (!zhi_answers_get_bool (b->answers, ind->id, &value))
            return g_strdup ("未填写");
          return g_strdup (value ? "是" : "否");
        }
      case ZHI_INDICATOR_LEVEL:
        {
          const char *level = zhi_answers_get_level (b->answers, ind->id);
          int index = level ? zhi_indicator_level_index (ind, level) : -1;
          const ZhiLevel *min = g_ptr_array_index (ind->levels, ind->min_level);

          if (index < 0)
            return g_strdup_printf ("未填写（要求不低于%s）", zh (&min->name));
          return g_strdup_printf (
              "%s（要求不低于%s）",
              zh (&((const ZhiLevel *)g_ptr_array_index (ind->levels, index))->name),
              zh (&min->name));
        }
      case ZHI_INDICATOR_RATIO:
        {
          double num, den, bench = NAN;
          g_autofree char *n = NULL, *d = NULL, *pct = NULL, *req = NULL;

          if (!zhi_answers_get_ratio (b->answers, ind->id, &num, &den, &bench))
            return g_strdup ("未填写");
          n = fmt_num (num);
          d = fmt_num (den);
          pct = den > 0 ? fmt_num (num / den * 100) : g_strdup ("—");
          if (ind->threshold_from_benchmark)
            {
              g_autofree char *bp = fmt_num (bench * 100);

              req = isfinite (bench) ? g_strdup_printf ("行业先进水平 %s%%", bp)
                                     : g_strdup ("未填写行业先进水平");
            }
          else
            {
              g_autofree char *tp = fmt_num (ind->threshold * 100);

              req = g_strdup_printf ("要求≥%s%%", tp);
            }
          return g_strdup_printf ("%s÷%s＝%s%%（%s）", n, d, pct, req);
        }
      case ZHI_INDICATOR_KPI:
        {
          double base, cur;
          g_autofree char *bs = NULL, *cs = NULL;

          if (!zhi_answers_get_kpi (b->answers, ind->id, &base, &cur))
            return g_strdup ("未填写");
          bs = fmt_num (base);
          cs = fmt_num (cur);
          return g_strdup_printf ("%s → %s %s（%s）", bs, cs, zh (&ind->kpi_unit),
                                  ind->better_higher ? "越高越好" : "越低越好");
        }
      case ZHI_INDICATOR_COUNT:
        {
          gint64 count;

          if (!zhi_answers_get_count (b->answers, ind->id, &count))
            return g_strdup ("未填写");
          return g_strdup_printf ("%" G_GINT64_FORMAT "（要求≥%" G_GINT64_FORMAT "）", count,
                                  ind->min_count);
        }
      case ZHI_INDICATOR_TEXT:
      default:
        {
          const char *text = zhi_answers_get_text (b->answers, ind->id);
          glong n = text ? g_utf8_strlen (text, -1) : 0;

          /* the province sets no length: no "要求" here */
          if (n == 0)
            return g_strdup ("未填写");
          return g_strdup_printf ("建设内容说明 %ld 字", n);
        }
    }
}

static const char *
indicator_state (const ZhiIndicatorResult *r)
{
  if (r == NULL || !r->answered)
    return "未填写";
  return r->met ? "达到" : "未达到";
}

/* The optional GB/T 39116-2020 maturity self-assessment (the track indicator "<track>.cmmm-level",
 * share 0): "二级 规范级（L2）", "未自评", or NULL when the standard has no such indicator. */
static const ZhiIndicator *
cmmm_indicator (Builder *b)
{
  g_autofree char *id = g_strconcat (zhi_standard_get_id (b->standard), ".cmmm-level", NULL);
  const ZhiIndicator *ind = zhi_standard_lookup_indicator (b->standard, id);

  return ind != NULL && ind->kind == ZHI_INDICATOR_LEVEL ? ind : NULL;
}

static char *
cmmm_text (Builder *b)
{
  const ZhiIndicator *ind = cmmm_indicator (b);
  const char *level;
  int index;

  if (ind == NULL)
    return NULL;
  level = zhi_answers_get_level (b->answers, ind->id);
  index = level != NULL ? zhi_indicator_level_index (ind, level) : -1;
  if (index < 0)
    return g_strdup ("未自评");
  return g_strdup_printf (
      "%s（%s）", zh (&((const ZhiLevel *)g_ptr_array_index (ind->levels, index))->name), level);
}

void
zhi_dossier_add_cover (Builder *b, GDateTime *date)
{
  ZhiProject *p = b->project;
  ZhiPdfDoc *doc = b->doc;
  g_autofree char *title = g_strdup_printf ("辽宁省%s申报书", b->track);
  g_autofree char *when = fmt_date (date);
  g_autofree char *contact = NULL;
  ZhiPdfTable *t;

  zhi_pdf_doc_add_spacer (doc, 70);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_TITLE, title);
  zhi_pdf_doc_add_spacer (doc, 6);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_CENTERED,
                             zh (zhi_standard_get_title (b->standard)));
  /* The demo's enterprise is invented: its cover says so before anything else. */
  if (zhi_project_get_example (p))
    {
      zhi_pdf_doc_add_spacer (doc, 12);
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_CENTERED, "示例项目（虚构企业）");
    }
  zhi_pdf_doc_add_spacer (doc, zhi_project_get_example (p) ? 80 : 110);
  t = zhi_pdf_doc_add_key_value_table (doc, KEY_FRACTION);
  zhi_pdf_table_set_font_size (t, 14);
  zhi_pdf_table_add_pair (t, "申报单位", or_blank (zhi_project_get_name (p)));
  zhi_pdf_table_add_pair (t, b->workshop ? "车间名称" : "工厂名称",
                          or_blank (zhi_project_get_site_name (p)));
  zhi_pdf_table_add_pair (t, "所在城市", or_blank (zhi_project_get_city (p)));
  zhi_pdf_table_add_pair (t, "联系人", or_blank (zhi_project_get_contact_person (p)));
  zhi_pdf_table_add_pair (t, "联系电话", or_blank (zhi_project_get_phone (p)));
  zhi_pdf_table_add_pair (t, "电子邮箱", or_blank (zhi_project_get_email (p)));
  /* the edition of the standard the application answers (an installed edition names its own) */
  {
    g_autofree char *edition = fmt_date_iso (zhi_standard_get_edition (b->standard));
    g_autofree char *edition_text = g_strdup_printf ("%s版", edition);

    zhi_pdf_table_add_pair (t, "评定标准版本", edition_text);
  }
  zhi_pdf_table_add_pair (t, "申报日期", when);
  /* where the applicant seals and dates the cover */
  zhi_pdf_doc_add_spacer (doc, 40);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, "申报单位（盖章）");
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, "年　　月　　日");
  zhi_pdf_doc_add_page_break (doc);
}

void
zhi_dossier_add_commitment (Builder *b)
{
  ZhiPdfDoc *doc = b->doc;
  const char *city = zhi_project_get_city (b->project);
  g_autofree char *to
      = g_strdup_printf ("辽宁省工业和信息化厅、%s工业和信息化局：", city[0] ? city : "　　市");
  g_autofree char *p1
      = g_strdup_printf ("本单位%s自愿申报辽宁省%s评定，申报对象为%s。本单位郑重承诺：",
                         or_blank (zhi_project_get_name (b->project)), b->track,
                         or_blank (zhi_project_get_site_name (b->project)));
  const char *clauses[] = {
    "一、本申报书及所附全部证明材料真实、准确、完整，所填数据均有据可查，不存在虚报、瞒报、"
    "伪造、篡改等弄虚作假行为；",
    "二、本单位不存在《辽宁省数字化车间、智能工厂申报工作解读》所列不得申报的情形；",
    "三、申报内容不涉及国家秘密，所附材料不侵犯他人知识产权，涉及商业秘密的内容已作相应处理；",
    "四、本单位自愿接受主管部门的审核、抽查和后续监督管理。如有不实，本单位愿意承担由此产生的"
    "一切后果及相应的法律责任。",
    "特此承诺。",
  };

  zhi_pdf_doc_add_title (doc, "承诺书", TRUE);
  zhi_pdf_doc_add_spacer (doc, 8);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_PLAIN, to);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, p1);
  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, clauses[i]);
  zhi_pdf_doc_add_spacer (doc, 24);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE,
                             "法定代表人（签字）：＿＿＿＿＿＿＿＿");
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, "企业（盖章）　　　　　　　　");
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, "年　　月　　日　　　　");
  zhi_pdf_doc_add_page_break (doc);
}

void
zhi_dossier_add_contents (Builder *b)
{
  zhi_pdf_doc_add_title (b->doc, "目　　录", FALSE);
  zhi_pdf_doc_add_contents (b->doc, 2, TRUE);
  zhi_pdf_doc_add_page_break (b->doc);
}

void
zhi_dossier_add_enterprise (Builder *b)
{
  ZhiProject *p = b->project;
  ZhiPdfDoc *doc = b->doc;
  ZhiPdfTable *t;
  const ZhiIndustryDivision *division = zhi_industry_lookup (zhi_project_get_industry_division (p));
  g_autofree char *industry = NULL;
  g_autofree char *capital = fmt_money (zhi_project_get_registered_capital (p));
  g_autofree char *revenue = fmt_money (zhi_project_get_revenue_last_year (p));
  g_autofree char *founded = fmt_date_iso (zhi_project_get_founding_date (p));
  g_autofree char *in_use = fmt_date_iso (zhi_project_get_in_use_date (p));
  g_autofree char *employees
      = zhi_project_get_employees (p) > 0
            ? g_strdup_printf ("%" G_GINT64_FORMAT " 人", zhi_project_get_employees (p))
            : g_strdup ("（未填写）");
  g_autofree char *sw = fmt_money (zhi_project_get_investment_software (p));
  g_autofree char *hw = fmt_money (zhi_project_get_investment_hardware (p));
  g_autofree char *total = fmt_money (zhi_project_get_investment_total (p));
  g_autofree char *cmmm = cmmm_text (b);
  const double widths[] = { 0.08, 0.24, 0.26, 0.42 };
  const char *header[] = { "序号", "应用场景", "对应建设内容", "场景说明" };

  if (division != NULL)
    industry = g_strdup_printf ("C%s %s（GB/T 4754-2017）", division->code, division->name_zh);
  else
    industry = g_strdup (or_blank (zhi_project_get_industry_division (p)));

  zhi_pdf_doc_add_heading (doc, 1, "一、企业基本情况", TRUE);
  zhi_pdf_doc_add_heading (doc, 2, "（一）基本信息", TRUE);
  t = zhi_pdf_doc_add_key_value_table (doc, KEY_FRACTION);
  zhi_pdf_table_add_pair (t, "企业名称", or_blank (zhi_project_get_name (p)));
  zhi_pdf_table_add_pair (t, "统一社会信用代码", or_blank (zhi_project_get_credit_code (p)));
  zhi_pdf_table_add_pair (t, "所在城市", or_blank (zhi_project_get_city (p)));
  zhi_pdf_table_add_pair (t, "注册地址", or_blank (zhi_project_get_address (p)));
  zhi_pdf_table_add_pair (t, "法定代表人", or_blank (zhi_project_get_legal_representative (p)));
  zhi_pdf_table_add_pair (t, "联系人", or_blank (zhi_project_get_contact_person (p)));
  zhi_pdf_table_add_pair (t, "联系电话", or_blank (zhi_project_get_phone (p)));
  zhi_pdf_table_add_pair (t, "电子邮箱", or_blank (zhi_project_get_email (p)));
  zhi_pdf_table_add_pair (t, "所属行业", industry);
  zhi_pdf_table_add_pair (t, "注册资本", capital);
  zhi_pdf_table_add_pair (t, "成立日期", founded);
  zhi_pdf_table_add_pair (t, "职工人数", employees);
  zhi_pdf_table_add_pair (t, "上年度营业收入", revenue);
  zhi_pdf_table_add_pair (t, "主要产品", or_blank (zhi_project_get_main_products (p)));
  zhi_pdf_table_add_pair (t, "申报类型", b->track);
  zhi_pdf_table_add_pair (t, b->workshop ? "车间名称" : "工厂名称",
                          or_blank (zhi_project_get_site_name (p)));
  zhi_pdf_table_add_pair (t, "建成投用日期", in_use);
  if (cmmm != NULL)
    zhi_pdf_table_add_pair (t, "智能制造能力成熟度自评（GB/T 39116-2020）", cmmm);

  zhi_pdf_doc_add_heading (doc, 2, "（二）投资情况", TRUE);
  t = zhi_pdf_doc_add_key_value_table (doc, KEY_FRACTION);
  zhi_pdf_table_add_pair (t, "软件投入", sw);
  zhi_pdf_table_add_pair (t, "硬件投入", hw);
  zhi_pdf_table_add_pair (t, "总投资", total);
  zhi_pdf_table_add_pair (t, "资金来源", or_blank (zhi_project_get_funding_sources (p)));

  zhi_pdf_doc_add_heading (doc, 2, "（三）应用场景建设情况", TRUE);
  if (zhi_project_get_n_scenarios (p) == 0)
    {
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "（尚未填写应用场景。）");
      return;
    }
  t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
  zhi_pdf_table_set_font_size (t, 10.5);
  for (guint i = 0; i < zhi_project_get_n_scenarios (p); i++)
    {
      const ZhiScenario *s = zhi_project_get_scenario (p, i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;

      for (guint k = 0; s->criteria[k] != NULL; k++)
        {
          const ZhiCriterion *c = zhi_standard_lookup_criterion (b->standard, s->criteria[k]);

          g_ptr_array_add (labels, c ? criterion_label (c) : g_strdup (s->criteria[k]));
        }
      g_ptr_array_add (labels, NULL);
      joined = g_strjoinv ("\n", (char **)labels->pdata);
      {
        const char *row[] = { n, s->name, joined, s->description };

        zhi_pdf_table_add_row (t, row);
      }
    }
}

/* The reason of a rule, in Chinese, from the state the evaluation gave it. */
static char *
rule_reason (Builder *b, const ZhiRuleResult *rule)
{
  GString *s = g_string_new (NULL);
  const char *note = zhi_answers_get_note (b->answers, rule->id);

  switch (rule->kind)
    {
      case ZHI_RULE_KIND_CONDITION:
        if (!rule->decides)
          {
            /* （五）'s second half: the province encourages it; the applicant says whether */
            g_string_append (s, rule->state == ZHI_RULE_MET ? "鼓励项，企业确认使用。"
                                : rule->state == ZHI_RULE_NOT_MET ? "鼓励项，企业未使用。"
                                                                  : "鼓励项，尚未填写。");
            break;
          }
        if (strcmp (rule->id, "cond-1") == 0)
          {
            const ZhiCreditCode *cc = &b->eligibility->credit;

            if (cc->status == ZHI_CREDIT_CODE_VALID)
              g_string_append_printf (s, "统一社会信用代码 %s 校验通过，登记机关%s%s。",
                                      cc->normalized, cc->in_liaoning ? "在辽宁省" : "不在辽宁省",
                                      cc->city_zh ? cc->city_zh : "");
            else if (cc->status == ZHI_CREDIT_CODE_EMPTY)
              g_string_append (s, "尚未填写统一社会信用代码。");
            else
              g_string_append (s, "统一社会信用代码未通过校验。");
            note = zhi_answers_get_note (b->answers, ZHI_CREDIT_CODE_NOTE_ID);
          }
        if (strcmp (rule->id, "cond-4") == 0)
          {
            GPtrArray *kpis = zhi_standard_get_kpis (b->standard);
            guint improved = 0;

            for (guint i = 0; i < kpis->len; i++)
              {
                const ZhiIndicator *ind = kpis->pdata[i];
                const ZhiIndicatorResult *r = zhi_score_lookup_indicator (b->score, ind->id);

                if (r && r->answered && r->met)
                  improved++;
              }
            g_string_append_printf (s, "五项主要指标中 %u 项较建设前改善（见五、主要指标）。",
                                    improved);
          }
        g_string_append (s, rule->state == ZHI_RULE_MET       ? "企业确认符合。"
                            : rule->state == ZHI_RULE_NOT_MET ? "不符合。"
                                                              : "尚未确认。");
        break;
      case ZHI_RULE_KIND_EXCLUSION:
        g_string_append (s, rule->state == ZHI_RULE_MET       ? "企业确认不存在该情形。"
                            : rule->state == ZHI_RULE_NOT_MET ? "存在该情形，不得申报。"
                                                              : "尚未确认。");
        break;
      case ZHI_RULE_KIND_GATE:
        {
          const ZhiGate *gate = zhi_standard_lookup_gate (b->standard, rule->id);
          g_autofree char *value = gate ? indicator_value (b, gate->indicator) : g_strdup ("");

          g_string_append_printf (s, "%s；依据：%s。", value, gate ? zh (&gate->source) : "");
        }
        break;
    }
  if (note != NULL && note[0] != '\0')
    g_string_append_printf (s, "企业说明：%s", note);
  return g_string_free (s, FALSE);
}

static const char *
rule_state_word (const ZhiRuleResult *rule)
{
  if (rule->kind == ZHI_RULE_KIND_EXCLUSION)
    return rule->state == ZHI_RULE_MET       ? "不存在"
           : rule->state == ZHI_RULE_NOT_MET ? "存在"
                                             : "未确认";
  if (rule->kind == ZHI_RULE_KIND_GATE)
    return rule->state == ZHI_RULE_MET       ? "达到"
           : rule->state == ZHI_RULE_NOT_MET ? "未达到"
                                             : "未填写";
  if (!rule->decides) /* an encouraged part */
    return rule->state == ZHI_RULE_MET       ? "使用"
           : rule->state == ZHI_RULE_NOT_MET ? "未使用"
                                             : "未填写";
  return rule->state == ZHI_RULE_MET       ? "符合"
         : rule->state == ZHI_RULE_NOT_MET ? "不符合"
                                           : "未确认";
}

/* The verdict in the dossier's words, whatever the desktop's language (the bureau's summary
 * uses them too). */
const char *
zhi_dossier_verdict_label (ZhiVerdict verdict)
{
  switch (verdict)
    {
      case ZHI_VERDICT_ELIGIBLE:
        return "符合申报条件";
      case ZHI_VERDICT_NOT_ELIGIBLE:
        return "不符合申报条件";
      case ZHI_VERDICT_INCOMPLETE:
      default:
        return "待完善";
    }
}

void
zhi_dossier_add_eligibility (Builder *b)
{
  ZhiPdfDoc *doc = b->doc;
  const double widths[] = { 0.15, 0.39, 0.11, 0.35 };
  const char *header[] = { "项目", "内容", "情况", "说明及证明材料" };
  ZhiPdfTable *t = NULL;
  ZhiRuleKind kind = (ZhiRuleKind)-1;
  guint n_gates = 0;
  g_autofree char *verdict = NULL;

  zhi_pdf_doc_add_heading (doc, 1, "二、申报条件符合情况", TRUE);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY,
                             "依据《辽宁省数字化车间、智能工厂申报工作解读》，本企业对照申报条件、"
                             "不得申报情形和本类别的量化门槛逐项说明如下。");
  for (guint i = 0; i < b->eligibility->rules->len; i++)
    {
      const ZhiRuleResult *rule = b->eligibility->rules->pdata[i];
      g_autofree char *label = NULL;
      g_autofree char *reason = rule_reason (b, rule);
      g_autofree char *refs = NULL;
      g_autofree char *cell = NULL;
      g_autoptr (GPtrArray) entries = NULL;
      const char *text = rule->text;

      if (rule->kind != kind)
        {
          kind = rule->kind;
          zhi_pdf_doc_add_heading (doc, 2,
                                   kind == ZHI_RULE_KIND_CONDITION   ? "（一）申报条件"
                                   : kind == ZHI_RULE_KIND_EXCLUSION ? "（二）不得申报情形"
                                                                     : "（三）量化门槛",
                                   TRUE);
          t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
          zhi_pdf_table_set_font_size (t, 10.5);
        }
      if (rule->kind == ZHI_RULE_KIND_CONDITION)
        {
          const ZhiCondition *c
              = zhi_conditions_lookup_condition (b->eligibility->conditions, rule->id);

          if (c == NULL) /* an encouraged part: its own short name and words */
            {
              GPtrArray *all = zhi_conditions_get_conditions (b->eligibility->conditions);

              for (guint k = 0; k < all->len; k++)
                {
                  const ZhiCondition *owner = all->pdata[k];

                  if (owner->encouraged != NULL && strcmp (owner->encouraged->id, rule->id) == 0)
                    {
                      label = g_strdup_printf ("条件%s%s", rule->mark,
                                               zh (&owner->encouraged->short_name));
                      text = zh (&owner->encouraged->text);
                    }
                }
            }
          if (label == NULL)
            label = g_strdup_printf ("条件%s%s", rule->mark, c ? zh (&c->short_name) : "");
          if (c != NULL)
            text = c->encouraged != NULL ? zh (&c->short_name) : zh (&c->text);
        }
      else if (rule->kind == ZHI_RULE_KIND_EXCLUSION)
        {
          const ZhiExclusion *e
              = zhi_conditions_lookup_exclusion (b->eligibility->conditions, rule->id);

          label = g_strdup_printf ("情形%s%s", rule->mark, e ? zh (&e->short_name) : "");
          text = e ? zh (&e->text) : text;
        }
      else
        {
          const ZhiGate *gate = zhi_standard_lookup_gate (b->standard, rule->id);

          label = g_strdup_printf ("门槛%u", ++n_gates);
          text = gate ? zh (&gate->text) : text;
          entries = entries_for (
              b, gate && gate->indicator->criterion ? gate->indicator->criterion->id : NULL);
        }
      if (entries == NULL)
        entries = entries_for (b, rule->id);
      refs = refs_text (entries);
      cell = entries->len > 0 ? g_strdup_printf ("%s%s。", reason, refs) : g_strdup (reason);
      {
        const char *row[] = { label, text, rule_state_word (rule), cell };

        zhi_pdf_table_add_row (t, row);
        link_refs_in_cell (t, 3, entries);
      }
    }
  verdict = g_strdup_printf ("自评结论：%s。", zhi_dossier_verdict_label (b->eligibility->verdict));
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, verdict);
}

/* The bar chart of 三、自评得分: per criterion the weight, the claimed and the evidenced
 * points.  Plain data: it is drawn in the worker thread. */
typedef struct
{
  guint n;
  char **labels;
  double *weight;
  double *claimed;
  double *evidenced;
} Chart;

static void
chart_free (gpointer data)
{
  Chart *c = data;

  g_strfreev (c->labels);
  g_free (c->weight);
  g_free (c->claimed);
  g_free (c->evidenced);
  g_free (c);
}

/* Draws @text with its left (or right, @right) edge at @x, centred on @y; returns its width. */
double
zhi_dossier_chart_text (
    cairo_t *cr, double x, double y, double size, const char *text, gboolean right)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Noto Sans CJK SC");
  int w, h;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, right ? x - w / (double)PANGO_SCALE : x, y - h / 2.0 / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return w / (double)PANGO_SCALE;
}

/* Bar @kind: 0 full marks (white, outlined), 1 claimed (mid grey), 2 evidenced (near black). */
static void
chart_bar (cairo_t *cr, guint kind, double x, double y, double w, double h)
{
  static const double fills[] = { 1.0, 0.62, 0.15 };

  if (w <= 0)
    return;
  cairo_set_source_rgb (cr, fills[kind], fills[kind], fills[kind]);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
}

/* Three bars per criterion that read in grey print as well as in colour: the full marks (the
 * default weight) as an outline, the claimed score mid grey, the evidenced score black; each
 * row says its figures in words on the right, in the dossier's one notation. */
static void
chart_draw (cairo_t *cr, double width, double height, gpointer data)
{
  Chart *c = data;
  double label_w = 132, left = label_w + 6, text_w = 150, right = width - text_w - 8;
  double top = 26, row_h = (height - top - 22) / MAX (c->n, 1);
  double max = 1;

  for (guint i = 0; i < c->n; i++)
    max = MAX (max, c->weight[i]);

  /* legend: the three bars as drawn below */
  {
    static const char *names[] = { "满分（默认权重）", "自评得分", "佐证得分" };
    double x = left;

    for (guint k = 0; k < 3; k++)
      {
        chart_bar (cr, k, x, 6, 14, 9);
        cairo_set_source_rgb (cr, 0, 0, 0);
        x += 18 + zhi_dossier_chart_text (cr, x + 18, 10.5, 9, names[k], FALSE) + 16;
      }
  }
  for (guint i = 0; i < c->n; i++)
    {
      double y = top + i * row_h;
      double bar = row_h * 0.26;
      double scale = (right - left) / max;
      g_autofree char *m = fmt_num (c->weight[i]);
      g_autofree char *cl = fmt_num (c->claimed[i]);
      g_autofree char *ev = fmt_num (c->evidenced[i]);
      g_autofree char *value = g_strdup_printf ("自评 %s 分 / 佐证 %s 分 / 满分 %s 分", cl, ev, m);

      cairo_set_source_rgb (cr, 0, 0, 0);
      zhi_dossier_chart_text (cr, label_w, y + row_h / 2, 9, c->labels[i], TRUE);
      chart_bar (cr, 0, left, y + row_h / 2 - 1.5 * bar, c->weight[i] * scale, bar);
      chart_bar (cr, 1, left, y + row_h / 2 - 0.5 * bar, c->claimed[i] * scale, bar);
      chart_bar (cr, 2, left, y + row_h / 2 + 0.5 * bar, c->evidenced[i] * scale, bar);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      zhi_dossier_chart_text (cr, width, y + row_h / 2, 7.5, value, TRUE);
    }
  /* axis */
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, left, top - 2);
  cairo_line_to (cr, left, top + c->n * row_h + 2);
  cairo_stroke (cr);
  {
    g_autofree char *mx = fmt_num (max);
    g_autofree char *axis = g_strdup_printf ("%s 分", mx);

    zhi_dossier_chart_text (cr, left, top + c->n * row_h + 12, 8, "0", FALSE);
    zhi_dossier_chart_text (cr, right, top + c->n * row_h + 12, 8, axis, TRUE);
  }
}

void
zhi_dossier_add_score (Builder *b)
{
  ZhiPdfDoc *doc = b->doc;
  ZhiScore *score = b->score;
  const double widths[] = { 0.34, 0.12, 0.12, 0.12, 0.30 };
  const char *header[] = { "评定项", "满分", "自评得分", "佐证得分", "证明材料" };
  const double gate_widths[] = { 0.45, 0.13, 0.42 };
  const char *gate_header[] = { "门槛", "情况", "说明" };
  /* Only what the province or the applicant said: the province sets no points, so say plainly
   * that the score is the enterprise's self-assessment with default weights (no tool name, no
   * band, no rule the province never wrote). */
  g_autofree char *edition_date = fmt_date_iso (zhi_standard_get_edition (b->standard));
  const char *source = zh (zhi_standard_get_source (b->standard));
  /* the edition, unless the source already names its date */
  g_autofree char *edition
      = strstr (source, edition_date) ? g_strdup ("") : g_strdup_printf ("，%s版", edition_date);
  g_autofree char *intro = g_strdup_printf (
      "本章是本企业对照《%s》（%s%s）所作的自评。省文件未规定各评定项的分值，下列得分按默认权重"
      "计算。自评得分为企业主张的得分；佐证得分只计入已关联证明材料的评定项；建设情况说明不计分。",
      zh (zhi_standard_get_title (b->standard)), source, edition);
  g_autofree char *tc = fmt_num (score->total_claimed);
  g_autofree char *te = fmt_num (score->total_evidenced);
  g_autofree char *summary = NULL;
  g_autofree char *cmmm = cmmm_text (b);
  ZhiPdfTable *t;
  Chart *chart = g_new0 (Chart, 1);
  int weights = 0;

  zhi_pdf_doc_add_heading (doc, 1, "三、自评得分", TRUE);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, intro);
  zhi_pdf_doc_add_heading (doc, 2, "（一）各评定项得分", TRUE);
  t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
  for (guint c = 1; c <= 3; c++)
    zhi_pdf_table_set_numeric_column (t, c);
  zhi_pdf_table_set_font_size (t, 10.5);
  chart->n = score->criteria->len;
  chart->labels = g_new0 (char *, chart->n + 1);
  chart->weight = g_new0 (double, chart->n);
  chart->claimed = g_new0 (double, chart->n);
  chart->evidenced = g_new0 (double, chart->n);
  for (guint i = 0; i < score->criteria->len; i++)
    {
      const ZhiCriterionResult *cr = score->criteria->pdata[i];
      g_autofree char *label = criterion_label (cr->criterion);
      g_autofree char *w = g_strdup_printf ("%d", cr->criterion->weight);
      g_autofree char *c = fmt_num (cr->claimed);
      g_autofree char *e = fmt_num (cr->evidenced);
      g_autoptr (GPtrArray) entries = entries_for (b, cr->criterion->id);
      g_autofree char *refs = entries->len > 0 ? refs_text (entries) : g_strdup ("无");
      const char *row[] = { label, w, c, e, refs };

      zhi_pdf_table_add_row (t, row);
      link_refs_in_cell (t, 4, entries);
      weights += cr->criterion->weight;
      chart->labels[i] = zhi_names_criterion (cr->criterion, ZHI_NAMES_DOSSIER);
      chart->weight[i] = cr->max_points;
      chart->claimed[i] = cr->claimed;
      chart->evidenced[i] = cr->evidenced;
    }
  {
    g_autofree char *w = g_strdup_printf ("%d", weights);
    const char *row[] = { "合计", w, tc, te, "" };

    zhi_pdf_table_add_row (t, row);
  }
  {
    /* the chart in words, for a reader who cannot see it */
    GString *alt = g_string_new ("各评定项得分条形图：");

    for (guint i = 0; i < chart->n; i++)
      {
        g_autofree char *m = fmt_num (chart->weight[i]);
        g_autofree char *c = fmt_num (chart->claimed[i]);
        g_autofree char *e = fmt_num (chart->evidenced[i]);

        g_string_append_printf (alt, "%s%s，满分 %s 分，自评 %s 分，佐证 %s 分", i ? "；" : "",
                                chart->labels[i], m, c, e);
      }
    g_string_append (alt, "。");
    zhi_pdf_doc_add_drawing (doc, 40 + 24 * chart->n, chart_draw, chart, chart_free);
    zhi_pdf_doc_set_drawing_alt (doc, alt->str);
    g_string_free (alt, TRUE);
  }

  zhi_pdf_doc_add_heading (doc, 2, "（二）量化门槛", TRUE);
  t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (gate_widths), gate_widths, gate_header);
  zhi_pdf_table_set_font_size (t, 10.5);
  for (guint i = 0; i < score->gates->len; i++)
    {
      const ZhiGateResult *g = score->gates->pdata[i];
      g_autofree char *value = indicator_value (b, g->gate->indicator);
      const char *state = g->state == ZHI_RULE_MET       ? "达到"
                          : g->state == ZHI_RULE_NOT_MET ? "未达到"
                                                         : "未填写";
      const char *row[] = { zh (&g->gate->text), state, value };

      zhi_pdf_table_add_row (t, row);
    }

  zhi_pdf_doc_add_heading (doc, 2, "（三）自评结论", TRUE);
  summary = g_strdup_printf ("自评得分 %s 分，其中有证明材料支撑的佐证得分 %s 分。量化门槛%s。"
                             "申报条件：%s。",
                             tc, te,
                             score->gates_state == ZHI_RULE_MET       ? "均已达到"
                             : score->gates_state == ZHI_RULE_NOT_MET ? "未全部达到"
                                                                      : "尚有未填写的项",
                             zhi_dossier_verdict_label (b->eligibility->verdict));
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, summary);
  if (cmmm != NULL)
    {
      g_autofree char *text = g_strdup_printf (
          "智能制造能力成熟度自评（GB/T 39116-2020）：%s。该项为选填项，不计分，不影响自评得分和"
          "申报条件，仅供评审参考。",
          cmmm);

      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, text);
    }
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY,
                             "以上得分为企业按默认权重所作的自评，不是辽宁省工业和信息化厅的评定"
                             "结论。");
}

void
zhi_dossier_add_content (Builder *b)
{
  ZhiPdfDoc *doc = b->doc;
  GPtrArray *criteria = zhi_standard_get_criteria (b->standard);
  const double widths[] = { 0.36, 0.36, 0.12, 0.16 };
  const char *header[] = { "指标", "填报情况", "结论", "得分" };

  zhi_pdf_doc_add_heading (doc, 1, "四、建设内容", TRUE);
  for (guint i = 0; i < criteria->len; i++)
    {
      const ZhiCriterion *c = criteria->pdata[i];
      const ZhiCriterionResult *cr = zhi_score_lookup_criterion (b->score, c->id);
      g_autofree char *label = criterion_label (c);
      const char *narrative = zhi_project_get_narrative (b->project, c->id);
      g_autoptr (GPtrArray) entries = entries_for (b, c->id);
      g_autofree char *std = g_strdup_printf ("1．评定要求（《%s》原文）",
                                              zh (zhi_standard_get_title (b->standard)));
      ZhiPdfTable *t;

      zhi_pdf_doc_add_heading (doc, 2, label, TRUE);
      zhi_pdf_doc_add_heading (doc, 3, std, FALSE);
      for (guint k = 0; k < c->items->len; k++)
        {
          const ZhiItem *item = c->items->pdata[k];

          zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, zh (&item->text));
          for (guint s = 0; s < item->sub_items->len; s++)
            {
              const ZhiSubItem *sub = item->sub_items->pdata[s];
              g_autofree char *text
                  = g_strdup_printf ("%s%s", sub->mark ? sub->mark : "", zh (&sub->text));

              zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, text);
            }
        }

      zhi_pdf_doc_add_heading (doc, 3, "2．建设情况", FALSE);
      if (narrative != NULL && narrative[0] != '\0')
        {
          g_auto (GStrv) paragraphs = g_strsplit (narrative, "\n", -1);

          for (guint k = 0; paragraphs[k] != NULL; k++)
            if (g_strstrip (paragraphs[k])[0] != '\0')
              zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, paragraphs[k]);
        }
      else
        zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "（企业尚未填写本项建设情况。）");

      zhi_pdf_doc_add_heading (doc, 3, "3．指标情况", FALSE);
      t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
      zhi_pdf_table_set_font_size (t, 10.5);
      for (guint k = 0; cr != NULL && k < cr->indicators->len; k++)
        {
          const ZhiIndicatorResult *r = cr->indicators->pdata[k];
          g_autofree char *value = NULL;

          /* the narrative is printed above (2．建设情况) and earns nothing: no row of points */
          if (r->indicator->kind == ZHI_INDICATOR_TEXT)
            continue;
          value = indicator_value (b, r->indicator);
          g_autofree char *p = fmt_num (r->points);
          g_autofree char *m = fmt_num (r->max_points);
          g_autofree char *pts = g_strdup_printf ("自评 %s 分 / 满分 %s 分", p, m);
          const char *row[] = { zh (&r->indicator->label), value, indicator_state (r), pts };

          zhi_pdf_table_add_row (t, row);
        }
      if (cr != NULL)
        {
          g_autofree char *cl = fmt_num (cr->claimed);
          g_autofree char *ev = fmt_num (cr->evidenced);
          g_autofree char *w = fmt_num (cr->max_points);
          /* linked evidence that does not open supports nothing: say so, not "none linked" */
          const char *text = cr->has_evidence   ? "已关联证明材料"
                             : entries->len > 0 ? "关联的证明材料无法打开"
                                                : "未关联证明材料";
          g_autofree char *sum
              = g_strdup_printf ("自评 %s 分 / 佐证 %s 分 / 满分 %s 分", cl, ev, w);
          const char *row[] = { "本项合计", text, "", sum };

          zhi_pdf_table_add_row (t, row);
        }

      zhi_pdf_doc_add_heading (doc, 3, "4．证明材料", FALSE);
      if (entries->len == 0)
        zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY,
                                   "本项未关联证明材料，佐证得分按 0 分计。");
      else
        {
          GString *s = g_string_new (NULL);
          guint para;

          for (guint k = 0; k < entries->len; k++)
            {
              Entry *e = entries->pdata[k];

              g_string_append_printf (s, "%s见附件%u《%s》", k > 0 ? "；" : "", e->number,
                                      e->title);
            }
          g_string_append (s, "。");
          if (cr != NULL && !cr->has_evidence)
            g_string_append (s, "上列证明材料无法打开（原因见证明材料清单），佐证得分按 0 分计。");
          para = zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, s->str);
          link_refs_in_paragraph (doc, para, entries);
          g_string_free (s, TRUE);
        }
    }
}

/* "120" over "2021 年", "120", "—" */
static char *
kpi_value_cell (double value, int year)
{
  g_autofree char *number = fmt_num (value);

  if (year > 0)
    return g_strdup_printf ("%s\n%d 年", number, year);
  return g_steal_pointer (&number);
}

/* 主要指标: each KPI's value before and after with the year each is from, the change, what the
 * figures show and where they come from — only what the applicant entered; a figure not entered
 * is printed as such, a baseline of 0 as giving no change. */
void
zhi_dossier_add_kpis (Builder *b)
{
  ZhiPdfDoc *doc = b->doc;
  GPtrArray *kpis = zhi_standard_get_kpis (b->standard);
  const double widths[] = { 0.24, 0.12, 0.12, 0.18, 0.15, 0.19 };
  const char *header[] = { "指标（单位）", "建设前", "建设后", "变化", "评价", "数据来源" };
  ZhiPdfTable *t;

  zhi_pdf_doc_add_heading (doc, 1, "五、主要指标", TRUE);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY,
                             "申报条件（四）：申报的数字化车间、智能工厂应已经建成并投入使用，"
                             "在缩短产品研制周期、提高劳动生产率、降低运维成本、提高能源利用率、"
                             "降低产品不良率等方面取得显著效果。建设前后主要指标如下。");
  t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
  for (guint c = 1; c <= 3; c++)
    zhi_pdf_table_set_numeric_column (t, c);
  zhi_pdf_table_set_font_size (t, 10.5);
  for (guint i = 0; i < kpis->len; i++)
    {
      const ZhiIndicator *ind = kpis->pdata[i];
      ZhiKpiFigures f;
      g_autofree char *label = NULL;
      g_autofree char *bs = NULL, *cs = NULL, *change = NULL;
      const char *unit = zh (&ind->kpi_unit);
      const char *verdict;

      zhi_kpi_read (ind, b->answers, &f);
      label = g_strdup_printf ("%s（%s）\n%s", zh (&ind->label), unit,
                               ind->better_higher ? "越高越好" : "越低越好");
      bs = kpi_value_cell (f.baseline, f.baseline_year);
      cs = kpi_value_cell (f.current, f.current_year);
      switch (f.trend)
        {
          case ZHI_KPI_IMPROVED:
          case ZHI_KPI_WORSE:
          case ZHI_KPI_UNCHANGED:
            {
              g_autofree char *diff = fmt_num (fabs (f.current - f.baseline));
              const char *sign = f.current > f.baseline ? "+" : f.current < f.baseline ? "−" : "±";

              if (strcmp (unit, "%") == 0)
                change = g_strdup_printf ("%s%s 个百分点", sign, diff);
              else
                {
                  g_autofree char *pct = fmt_num (fabs (f.change));

                  change = g_strdup_printf ("%s%s（%s%s%%）", sign, diff, sign, pct);
                }
              verdict = f.trend == ZHI_KPI_IMPROVED ? "改善"
                        : f.trend == ZHI_KPI_WORSE  ? "变差"
                                                    : "无变化";
              break;
            }
          case ZHI_KPI_ZERO_BASELINE:
            change = g_strdup ("无法计算");
            verdict = "基准值为 0";
            break;
          case ZHI_KPI_INCOMPLETE:
            change = g_strdup ("—");
            verdict = isnan (f.baseline) ? "建设前未填" : "建设后未填";
            break;
          case ZHI_KPI_NOT_ENTERED:
          default:
            change = g_strdup ("—");
            verdict = "未填写";
            break;
        }
      {
        const char *row[]
            = { label,  bs,      cs,
                change, verdict, f.source != NULL && *f.source != '\0' ? f.source : "未填写" };

        zhi_pdf_table_add_row (t, row);
      }
    }
}
