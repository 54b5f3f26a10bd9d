/* zhi-dossier.c — the 申报书: a project rendered to PDF (see zhi-dossier.h for the threads) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "zhi-dossier-version.h"
#include "zhi-context.h"
#include "zhi-dossier.h"
#include "zhi-counting-stream.h"
#include "zhi-dossier-data.h"
#include "zhi-evidence-inspect.h"
#include "zhi-kpi.h"
#include "zhi-industry.h"
#include "zhi-pdf-compact.h"
#include "zhi-pdf-doc.h"
#include "zhi-store.h"

GQuark
zhi_dossier_error_quark (void)
{
  return g_quark_from_static_string ("zhi-dossier-error-quark");
}

#define KEY_FRACTION 0.3
#define FINGERPRINT_FORMAT "zhizao-dossier/1"

/* ---- small helpers ---------------------------------------------------------------------- */

/* The Chinese member of a bilingual text: the dossier is a Chinese document. */
static const char *
zh (const ZhiText *text)
{
  if (text == NULL)
    return "";
  if (text->zh != NULL && text->zh[0] != '\0')
    return text->zh;
  return text->en != NULL ? text->en : "";
}

static const char *
or_blank (const char *s)
{
  return s != NULL && s[0] != '\0' ? s : "（未填写）";
}

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

/* ---- evidence ---------------------------------------------------------------------------- */

typedef struct
{
  guint number;
  char *id;
  char *title;
  char *file_name;
  char *media_type;
  char *sha256;
  char *pdf_sha256; /* an office document's PDF, or NULL */
  char **supports;
  char *supports_text;  /* the labels of what it supports */
  guint n_pages;        /* counted in phase 2 (0: unknown) */
  char *problem;        /* why it does not open (ZHI_EVIDENCE_PROBLEM_*), "" when usable */
  gboolean no_printing; /* an original PDF whose permissions forbid printing */
  char dest[16];        /* "att-N" */
} Entry;

static void
entry_free (Entry *e)
{
  g_free (e->id);
  g_free (e->title);
  g_free (e->file_name);
  g_free (e->media_type);
  g_free (e->sha256);
  g_free (e->pdf_sha256);
  g_free (e->problem);
  g_strfreev (e->supports);
  g_free (e->supports_text);
  g_free (e);
}

/* Runs @func on the thread owning @context: at once when that is this thread. */
static void
run_on_owner (GThread *owner, GMainContext *context, GSourceFunc func, gpointer data)
{
  if (g_thread_self () == owner)
    func (data);
  else
    zhi_context_queue (context, func, data, NULL, "[zhizao] dossier render");
}

static gboolean
unref_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static GBytes *
read_evidence (ZhiProject *project, const char *id, GError **error)
{
  g_autofree char *pdf = zhi_project_get_evidence_pdf_sha256 (project, id);
  /* an office document is in the dossier as the PDF made of it */
  g_autoptr (GInputStream) in = pdf ? zhi_project_open_evidence_pdf_stream (project, id, error)
                                    : zhi_project_open_evidence_stream (project, id, error);
  g_autoptr (GOutputStream) mem = NULL;

  if (in == NULL)
    return NULL;
  mem = g_memory_output_stream_new_resizable ();
  if (g_output_stream_splice (
          mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
          error)
      < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/* A blob read asked of the owner thread by the worker. */
typedef struct
{
  gatomicrefcount ref;
  GMutex mutex;
  GCond cond;
  gboolean done;
  ZhiProject *project; /* released on the owner thread */
  char *id;
  GBytes *bytes;
  GError *error;
} BlobRequest;

static void
blob_request_unref (BlobRequest *req)
{
  if (!g_atomic_ref_count_dec (&req->ref))
    return;
  g_warn_if_fail (req->project == NULL);
  g_mutex_clear (&req->mutex);
  g_cond_clear (&req->cond);
  g_free (req->id);
  g_clear_pointer (&req->bytes, g_bytes_unref);
  g_clear_error (&req->error);
  g_free (req);
}

static gboolean
blob_request_run (gpointer data)
{
  BlobRequest *req = data;
  GError *error = NULL;
  GBytes *bytes = read_evidence (req->project, req->id, &error);

  g_clear_object (&req->project);
  g_mutex_lock (&req->mutex);
  req->bytes = bytes;
  req->error = error;
  req->done = TRUE;
  g_cond_signal (&req->cond);
  g_mutex_unlock (&req->mutex);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  ZhiProject *project; /* a reference, dropped on the owner thread */
  GThread *owner;
  GMainContext *context;
  char *id;
  char *sha256;
} Source;

static void
source_free (gpointer data)
{
  Source *s = data;

  run_on_owner (s->owner, s->context, unref_cb, s->project);
  g_main_context_unref (s->context);
  g_free (s->id);
  g_free (s->sha256);
  g_free (s);
}

static GBytes *
source_get_bytes (gpointer data, GCancellable *cancellable, GError **error)
{
  Source *s = data;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sha = NULL;

  if (g_thread_self () == s->owner)
    bytes = read_evidence (s->project, s->id, error);
  else
    {
      BlobRequest *req = g_new0 (BlobRequest, 1);
      gboolean cancelled = FALSE, done;

      g_atomic_ref_count_init (&req->ref);
      g_atomic_ref_count_inc (&req->ref); /* one for the owner's side */
      g_mutex_init (&req->mutex);
      g_cond_init (&req->cond);
      req->project = g_object_ref (s->project);
      req->id = g_strdup (s->id);
      zhi_context_queue (s->context, blob_request_run, req, (GDestroyNotify)blob_request_unref,
                         "[zhizao] dossier evidence");
      g_mutex_lock (&req->mutex);
      while (!req->done && !cancelled)
        {
          g_cond_wait_until (&req->cond, &req->mutex, g_get_monotonic_time () + 50 * 1000);
          cancelled = g_cancellable_is_cancelled (cancellable);
        }
      done = req->done;
      if (done)
        {
          bytes = g_steal_pointer (&req->bytes);
          if (bytes == NULL)
            g_propagate_error (error, g_steal_pointer (&req->error));
        }
      g_mutex_unlock (&req->mutex);
      blob_request_unref (req);
      /* the read's own error when it finished, even if cancelled meanwhile */
      if (!done)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _ ("Rendering was cancelled"));
          return NULL;
        }
    }
  if (bytes == NULL)
    return NULL;
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (sha, s->sha256) != 0)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                   "内容与登记的 SHA-256 不一致（读得 %s）", sha);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* ---- the fingerprint --------------------------------------------------------------------- */

char *
zhi_dossier_compute_fingerprint (ZhiProject *project, ZhiStandard *standard, gboolean draft)
{
  g_autoptr (JsonNode) node = zhi_project_to_json (project);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GString) canon = g_string_new (FINGERPRINT_FORMAT "\n");
  g_autofree char *json = NULL;
  g_autofree char *sha = NULL;
  GListModel *list = zhi_project_get_evidence_list (project);
  guint n = g_list_model_get_n_items (list);

  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, node);
  json = json_generator_to_data (generator, NULL);
  g_string_append_printf (canon, "standard=%s@%s\n", standard ? zhi_standard_get_id (standard) : "",
                          standard ? zhi_standard_get_edition (standard) : "");
  g_string_append_printf (canon, "draft=%d\n", draft ? 1 : 0);
  g_string_append_printf (canon, "project=%s\n", json);
  g_string_append (canon, "evidence=");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);

      g_string_append_printf (canon, "%s%s", i > 0 ? "," : "", zhi_evidence_get_sha256 (ev));
    }
  g_string_append_c (canon, '\n');
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canon->str, canon->len);
  return g_strdup_printf ("%.4s-%.4s-%.4s", sha, sha + 4, sha + 8);
}

/* ---- the document, phase 1: everything but the list, the attachments and the last page --- */

typedef struct
{
  ZhiPdfDoc *doc;
  ZhiProject *project;
  ZhiStandard *standard;
  ZhiScore *score;
  ZhiEligibility *eligibility;
  ZhiAnswers *answers;
  GPtrArray *entries; /* Entry * */
  const char *track;  /* 数字化车间 … */
  gboolean workshop;
} Builder;

/* "（二）智能装备广泛应用" */
static char *
criterion_label (const ZhiCriterion *c)
{
  g_autofree char *n = cn_number (c->number);

  return g_strdup_printf ("（%s）%s", n, zh (&c->title));
}

static char *
support_label (Builder *b, const char *id)
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

static void
add_cover (Builder *b, GDateTime *date)
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

static void
add_commitment (Builder *b)
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

static void
add_contents (Builder *b)
{
  zhi_pdf_doc_add_title (b->doc, "目　　录", FALSE);
  zhi_pdf_doc_add_contents (b->doc, 2, TRUE);
  zhi_pdf_doc_add_page_break (b->doc);
}

static void
add_enterprise (Builder *b)
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

static void
add_eligibility (Builder *b)
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
static double
chart_text (cairo_t *cr, double x, double y, double size, const char *text, gboolean right)
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
        x += 18 + chart_text (cr, x + 18, 10.5, 9, names[k], FALSE) + 16;
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
      chart_text (cr, label_w, y + row_h / 2, 9, c->labels[i], TRUE);
      chart_bar (cr, 0, left, y + row_h / 2 - 1.5 * bar, c->weight[i] * scale, bar);
      chart_bar (cr, 1, left, y + row_h / 2 - 0.5 * bar, c->claimed[i] * scale, bar);
      chart_bar (cr, 2, left, y + row_h / 2 + 0.5 * bar, c->evidenced[i] * scale, bar);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      chart_text (cr, width, y + row_h / 2, 7.5, value, TRUE);
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

    chart_text (cr, left, top + c->n * row_h + 12, 8, "0", FALSE);
    chart_text (cr, right, top + c->n * row_h + 12, 8, axis, TRUE);
  }
}

static void
add_score (Builder *b)
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
      chart->labels[i]
          = g_strdup_printf ("%d %s", cr->criterion->number, zh (&cr->criterion->title));
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

static void
add_content (Builder *b)
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
static void
add_kpis (Builder *b)
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

/* ---- the document, phase 2: the list, the attachments, the last page -------------------- */

typedef struct
{
  gatomicrefcount ref;
  GThread *owner;
  GMainContext *context;
  ZhiPdfDoc *doc;
  GPtrArray *entries;     /* Entry * */
  GPtrArray *attachments; /* ZhiPdfAttachment *, moved into doc in phase 2 */
  gboolean with_attachments;
  gboolean draft;
  char *fingerprint;
  char *city;
  char *name;
  char *track;
  /* progress */
  ZhiDossierProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_destroy;
  guint done;
  guint total;
  gboolean progress_pending;
  GMutex progress_mutex;
  /* output */
  GFile *file;
  guint64 size;
  char *compact_warning;
  JsonObject *data; /* what the dossier carries (zhi-dossier-data.h); evidence pages filled at
                     * the end */
} Job;

static gboolean
job_free_on_owner (gpointer data)
{
  Job *job = data;

  zhi_pdf_doc_free (job->doc);
  g_ptr_array_unref (job->entries);
  g_ptr_array_unref (job->attachments);
  g_free (job->fingerprint);
  g_free (job->city);
  g_free (job->name);
  g_free (job->track);
  if (job->progress_destroy)
    job->progress_destroy (job->progress_data);
  g_clear_object (&job->file);
  g_free (job->compact_warning);
  g_clear_pointer (&job->data, json_object_unref);
  g_mutex_clear (&job->progress_mutex);
  g_main_context_unref (job->context);
  g_free (job);
  return G_SOURCE_REMOVE;
}

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (Job *job)
{
  if (g_atomic_ref_count_dec (&job->ref))
    run_on_owner (job->owner, job->context, job_free_on_owner, job);
}

static void
opinion_draw (cairo_t *cr, double width, double height, gpointer data)
{
  (void)data;
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
  chart_text (cr, 12, 22, 16, "推荐意见：", FALSE);
  /* who handled it and how to reach them, left; who signs and seals, right */
  chart_text (cr, 12, height - 186, 16, "经办人（签字）：＿＿＿＿＿＿", FALSE);
  chart_text (cr, 12, height - 148, 16, "联系电话：＿＿＿＿＿＿＿＿", FALSE);
  chart_text (cr, width - 40, height - 110, 16, "负责人（签字）：＿＿＿＿＿＿", TRUE);
  chart_text (cr, width - 40, height - 72, 16, "市工业和信息化局（盖章）", TRUE);
  chart_text (cr, width - 40, height - 34, 16, "年　　月　　日", TRUE);
}

static void
add_list (Job *job)
{
  ZhiPdfDoc *doc = job->doc;
  const double widths[] = { 0.1, 0.27, 0.22, 0.08, 0.33 };
  const char *header[] = { "编号", "名称", "支撑的内容", "页数", "SHA-256" };
  g_autofree char *fp = NULL;
  ZhiPdfTable *t;

  zhi_pdf_doc_add_heading (doc, 1, "六、证明材料清单", TRUE);
  if (job->entries->len == 0)
    zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "（尚未添加证明材料。）");
  else
    {
      t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
      zhi_pdf_table_set_numeric_column (t, 3);
      zhi_pdf_table_set_font_size (t, 9);
      for (guint i = 0; i < job->entries->len; i++)
        {
          Entry *e = job->entries->pdata[i];
          g_autofree char *n = g_strdup_printf ("附件%u", e->number);
          g_autofree char *name = g_strdup_printf (
              "%s" ZHI_PDF_SMALL_MARK "原文件：%s%s", e->title, e->file_name,
              e->no_printing ? "\n原文件的权限设置禁止打印，本申报书按原页面收录" : "");
          g_autofree char *pages = NULL;
          Entry *first = NULL;

          /* the same bytes as an earlier attachment: one document, said so */
          for (guint k = 0; k < i && first == NULL; k++)
            if (g_str_equal (((Entry *)job->entries->pdata[k])->sha256, e->sha256))
              first = job->entries->pdata[k];
          /* a document that does not open has no pages to count: its reason instead */
          if (e->problem[0])
            pages = g_strdup (zhi_evidence_problem_zh (e->problem));
          else if (first != NULL)
            pages = g_strdup_printf ("同附件%u", first->number);
          else if (e->n_pages > 0)
            pages = g_strdup_printf ("%u", e->n_pages);
          else
            pages = g_strdup ("—");
          /* a converted office document: both hashes, the original's first */
          g_autofree char *hashes
              = e->pdf_sha256 ? g_strdup_printf ("%s\n转换所得 PDF：%s", e->sha256, e->pdf_sha256)
                              : g_strdup (e->sha256);
          const char *row[] = { n, name, e->supports_text, pages, hashes };

          zhi_pdf_table_add_row (t, row);
          if (job->with_attachments)
            zhi_pdf_table_link_text (t, 0, n, e->dest);
        }
    }
  /* one plain sentence for the reviewer; how it is computed is in docs/dossier-fingerprint.md */
  fp = g_strdup_printf (
      "本申报书指纹为 %s，印在每页页脚；各页页脚指纹一致，说明各页出自同一份申报书。"
      "上表所列 SHA-256 值可与企业提供的原始文件逐一核对。",
      job->fingerprint);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, fp);
}

static void
add_attachments (Job *job)
{
  ZhiPdfDoc *doc = job->doc;
  g_autofree char *intro = g_strdup_printf (
      "以下为证明材料，共 %u 件，按证明材料清单顺序编号。PDF 文件按原页面收录，保持原尺寸"
      "和方向；每页上边缘的标签注明附件编号、页码（附件N 第k页/共n页）和申报书指纹；"
      "无法嵌入的文件以说明页代替，注明文件名、SHA-256 和原因。",
      job->entries->len);

  zhi_pdf_doc_add_page_break (doc);
  zhi_pdf_doc_add_heading (doc, 1, "七、附件", TRUE);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, intro);
  for (guint i = 0; i < job->attachments->len; i++)
    zhi_pdf_doc_add_attachment (doc, g_steal_pointer (&job->attachments->pdata[i]));
}

static void
add_opinion (Job *job)
{
  ZhiPdfDoc *doc = job->doc;
  g_autofree char *title
      = g_strdup_printf ("%s工业和信息化局推荐意见", job->city[0] ? job->city : "　　市");
  ZhiPdfTable *t;

  zhi_pdf_doc_add_page_break (doc);
  zhi_pdf_doc_add_title (doc, title, TRUE);
  t = zhi_pdf_doc_add_key_value_table (doc, KEY_FRACTION);
  zhi_pdf_table_add_pair (t, "申报单位", job->name);
  zhi_pdf_table_add_pair (t, "申报类型", job->track);
  zhi_pdf_doc_add_drawing (doc, 470, opinion_draw, NULL, NULL);
  zhi_pdf_doc_set_drawing_alt (doc, "市工业和信息化局推荐意见填写栏：推荐意见、经办人、联系电话、日"
                                    "期和盖章处，由市工业和信息化局填写。");
}

static void
progress_emit (Job *job)
{
  guint done, total;

  g_mutex_lock (&job->progress_mutex);
  done = job->done;
  total = job->total;
  job->progress_pending = FALSE;
  g_mutex_unlock (&job->progress_mutex);
  if (job->progress)
    job->progress (done, total, job->progress_data);
}

static gboolean
progress_idle (gpointer data)
{
  progress_emit (data);
  return G_SOURCE_REMOVE;
}

static void
progress_cb (guint done, guint total, gpointer data)
{
  Job *job = data;
  gboolean schedule;

  if (job->progress == NULL)
    return;
  g_mutex_lock (&job->progress_mutex);
  job->done = done;
  job->total = total;
  schedule = !job->progress_pending;
  job->progress_pending = TRUE;
  g_mutex_unlock (&job->progress_mutex);
  if (g_thread_self () == job->owner)
    progress_emit (job);
  else if (schedule)
    zhi_context_queue (job->context, progress_idle, job_ref (job), (GDestroyNotify)job_unref,
                       "[zhizao] dossier progress");
}

/* Counts the attachments' pages, completes the document and writes it.  Any thread. */
static gboolean
job_write (Job *job, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  if (job->with_attachments)
    for (guint i = 0; i < job->attachments->len; i++)
      {
        ZhiPdfAttachment *att = job->attachments->pdata[i];
        Entry *e = job->entries->pdata[i];
        ZhiPdfAttachWarning *warning = NULL;

        /* the one read of the evidence in this render: kept in the work directory */
        if (!zhi_pdf_attachment_inspect (att, cancellable, &warning, error))
          return FALSE;
        /* a placeholder page stands for a file that did not open: no page count */
        e->n_pages = warning == NULL ? zhi_pdf_attachment_get_n_pages (att) : 0;
        e->no_printing = zhi_pdf_attachment_get_no_printing (att);
        zhi_pdf_attach_warning_free (warning);
      }
  add_list (job);
  if (job->with_attachments)
    add_attachments (job);
  add_opinion (job);
  if (!zhi_pdf_doc_write (job->doc, out, progress_cb, job, cancellable, error))
    return FALSE;
  return TRUE;
}

/* ---- the output: cairo → a temporary file → qpdf → the destination ------------------------ */

/* Removes @dir and the files in it (the work directory of one render: no subdirectories). */
static void
work_dir_remove (const char *dir)
{
  g_autoptr (GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* With attachments, everything temporary goes into a private directory made in @dir: the copy of
 * each evidence file (read once from the project), flattened copies of PDFs with annotations,
 * cairo's PDF (the body and a frame page per original evidence page) and qpdf's result (the
 * originals put under their frames, object streams; zhi_pdf_doc_write()), which is copied into
 * @dest.  The directory is removed on success, failure and cancellation.  Disk: about the
 * evidence's size plus twice the dossier's.  If the qpdf pass fails where there are no original
 * pages, cairo's file — valid, ~10 % larger — is copied instead and job->compact_warning says
 * why; where there are, the render fails. */
static void dossier_data_set_pages (Job *job);

/* After layout: the data to embed, with each 附件's pages. */
static JsonObject *
job_data_cb (ZhiPdfDoc *doc, gpointer user_data)
{
  Job *job = user_data;

  dossier_data_set_pages (job);
  return job->data;
}

static gboolean
job_write_compact (
    Job *job, const char *dir, GOutputStream *dest, GCancellable *cancellable, GError **error)
{
  g_autofree char *work = NULL;
  g_autoptr (GOutputStream) buffered = g_buffered_output_stream_new_sized (dest, 64 * 1024);
  gboolean ok;

  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  if (!job->with_attachments)
    {
      /* a preview (the dossier page renders one on every change): cairo's output as it is,
       * the pass would cost ~50 ms of the 300 ms budget to save 0.2 MB nobody keeps */
      return job_write (job, buffered, cancellable, error)
             && g_output_stream_close (buffered, cancellable, error);
    }
  work = g_build_filename (dir, ".zhizao-dossier-XXXXXX", NULL);
  if (g_mkdtemp_full (work, 0700) == NULL)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not create a temporary file in %s: %s"), name, g_strerror (saved));
      return FALSE;
    }
  zhi_pdf_doc_set_work_dir (job->doc, work);
  zhi_pdf_doc_set_compact (job->doc, TRUE);
  zhi_pdf_doc_set_finish (job->doc, "封面", job_data_cb, job);
  for (guint i = 0; i < job->attachments->len; i++)
    if (job->attachments->pdata[i] != NULL)
      zhi_pdf_attachment_set_work_dir (job->attachments->pdata[i], work);
  ok = job_write (job, buffered, cancellable, error)
       && g_output_stream_close (buffered, cancellable, error);
  if (zhi_pdf_doc_get_compact_warning (job->doc) != NULL)
    {
      g_clear_pointer (&job->compact_warning, g_free);
      job->compact_warning = g_strdup (zhi_pdf_doc_get_compact_warning (job->doc));
    }
  /* attachments not yet handed to the document (a cancelled count) keep their copies here */
  for (guint i = 0; i < job->attachments->len; i++)
    if (job->attachments->pdata[i] != NULL)
      zhi_pdf_attachment_discard (job->attachments->pdata[i]);
  work_dir_remove (work);
  return ok;
}

static gboolean
job_write_file (Job *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  /* the temporary files go beside a local target (its disk has room for the result) */
  g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : g_strdup (g_get_tmp_dir ());
  gboolean existed = g_file_query_exists (job->file, NULL);

  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                        error);
  if (out == NULL)
    return FALSE;
  if (!job_write_compact (job, dir, G_OUTPUT_STREAM (out), cancellable, error))
    {
      /* closing with a cancelled cancellable keeps the original file */
      g_autoptr (GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      /* a new file was written in place: no half dossier is left behind */
      if (!existed)
        g_file_delete (job->file, NULL, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      if (!existed)
        g_file_delete (job->file, NULL, NULL);
      return FALSE;
    }
  info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;
  job->size = g_file_info_get_size (info);
  return TRUE;
}

static ZhiDossierResult *
job_result (Job *job)
{
  ZhiDossierResult *result = g_new0 (ZhiDossierResult, 1);
  GPtrArray *warnings = zhi_pdf_doc_get_warnings (job->doc);

  result->n_pages = zhi_pdf_doc_get_n_pages (job->doc);
  result->size = job->size;
  result->fingerprint = g_strdup (job->fingerprint);
  result->draft = job->draft;
  result->compact_warning = g_steal_pointer (&job->compact_warning);
  result->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_pdf_attach_warning_free);
  /* the doc owns its warnings: take them over */
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (result->warnings, g_steal_pointer (&warnings->pdata[i]));
  g_ptr_array_set_size (warnings, 0);
  return result;
}

void
zhi_dossier_result_free (ZhiDossierResult *result)
{
  if (result == NULL)
    return;
  g_free (result->fingerprint);
  g_free (result->compact_warning);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

void
zhi_dossier_options_init (ZhiDossierOptions *options)
{
  memset (options, 0, sizeof *options);
  options->draft = ZHI_DOSSIER_DRAFT_AUTO;
}

/* Phase 1, on the thread owning @project. */

/* The data the dossier carries (docs/dossier-data.md): read on the owner's thread, like the
 * rest of the project. */
static JsonObject *
dossier_data_new (ZhiProject *project,
                  ZhiEvaluation *evaluation,
                  ZhiStandard *standard,
                  const char *fingerprint,
                  gboolean draft,
                  GDateTime *date)
{
  JsonObject *data = json_object_new ();
  JsonObject *std = json_object_new ();
  JsonObject *ev = json_object_new ();
  JsonArray *blocking = json_array_new ();
  JsonArray *evidence = json_array_new ();
  ZhiScore *score = zhi_evaluation_get_score (evaluation);
  ZhiEligibility *eligibility = zhi_evaluation_get_eligibility (evaluation);
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);
  GListModel *list = zhi_project_get_evidence_list (project);
  g_autofree char *created = g_date_time_format_iso8601 (date);

  json_object_set_string_member (data, "format", ZHI_DOSSIER_DATA_FORMAT);
  json_object_set_string_member (data, "generator", zhi_dossier_creator ());
  json_object_set_string_member (data, "created", created);
  json_object_set_string_member (data, "fingerprint", fingerprint);
  json_object_set_boolean_member (data, "draft", draft);
  json_object_set_string_member (std, "id", zhi_standard_get_id (standard));
  json_object_set_string_member (std, "edition", zhi_standard_get_edition (standard));
  json_object_set_object_member (data, "standard", std);
  json_object_set_member (data, "project", zhi_project_to_json (project));
  json_object_set_string_member (ev, "verdict", zhi_verdict_to_string (eligibility->verdict));
  json_object_set_string_member (ev, "verdict_label",
                                 zhi_dossier_verdict_label (eligibility->verdict));
  json_object_set_double_member (ev, "claimed", score ? score->total_claimed : 0);
  json_object_set_double_member (ev, "evidenced", score ? score->total_evidenced : 0);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == ZHI_PROBLEM_BLOCKING)
        json_array_add_string_element (blocking, problem->message);
    }
  json_object_set_array_member (ev, "blocking", blocking);
  json_object_set_object_member (data, "evaluation", ev);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) item = g_list_model_get_item (list, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "number", i + 1);
      json_object_set_string_member (o, "title", zhi_evidence_get_title (item));
      json_object_set_string_member (o, "file_name", zhi_evidence_get_file_name (item));
      json_object_set_string_member (o, "sha256", zhi_evidence_get_sha256 (item));
      json_array_add_object_element (evidence, o);
    }
  json_object_set_array_member (data, "evidence", evidence);
  return data;
}

/* Each 附件's first page and page count in the finished dossier, once it is laid out. */
static void
dossier_data_set_pages (Job *job)
{
  JsonArray *evidence = json_object_get_array_member (job->data, "evidence");

  for (guint i = 0; i < json_array_get_length (evidence) && i < job->entries->len; i++)
    {
      Entry *e = job->entries->pdata[i];
      JsonObject *o = json_array_get_object_element (evidence, i);
      int first = zhi_pdf_doc_get_dest_page (job->doc, e->dest);

      if (first >= 0)
        json_object_set_int_member (o, "first_page", first + 1);
      else
        json_object_set_null_member (o, "first_page");
      json_object_set_int_member (o, "pages", e->n_pages);
    }
}

static Job *
job_new (ZhiProject *project,
         ZhiEvaluation *evaluation,
         const ZhiDossierOptions *options,
         GError **error)
{
  g_autoptr (ZhiEvaluation) own = NULL;
  ZhiDossierOptions defaults;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDateTime *date;
  Builder b = { 0 };
  Job *job;
  GListModel *list;
  g_autofree char *title = NULL;

  if (options == NULL)
    {
      zhi_dossier_options_init (&defaults);
      options = &defaults;
    }
  date = options->date ? options->date : now;
  if (evaluation == NULL)
    evaluation = own = zhi_evaluation_new (project);
  else
    zhi_evaluation_update (evaluation);
  b.standard = zhi_evaluation_get_standard (evaluation);
  if (b.standard == NULL)
    {
      g_set_error_literal (error, ZHI_DOSSIER_ERROR, ZHI_DOSSIER_ERROR_NO_TRACK,
                           _ ("The project has no track yet: choose the application type before "
                              "rendering the dossier."));
      return NULL;
    }
  b.project = project;
  b.score = zhi_evaluation_get_score (evaluation);
  b.eligibility = zhi_evaluation_get_eligibility (evaluation);
  b.answers = zhi_evaluation_get_effective_answers (evaluation);
  b.track = zh (zhi_standard_get_track (b.standard));
  b.workshop = g_str_equal (zhi_standard_get_id (b.standard), ZHI_TRACK_WORKSHOP);

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref);
  job->owner = g_thread_self ();
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->progress_mutex);
  job->doc = zhi_pdf_doc_new ();
  job->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  job->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_pdf_attachment_free);
  job->with_attachments = !options->no_attachments;
  job->draft = options->draft == ZHI_DOSSIER_DRAFT_YES
               || (options->draft == ZHI_DOSSIER_DRAFT_AUTO
                   && zhi_evaluation_has_blocking_problems (evaluation));
  job->fingerprint = zhi_dossier_compute_fingerprint (project, b.standard, job->draft);
  job->data
      = dossier_data_new (project, evaluation, b.standard, job->fingerprint, job->draft, date);
  job->city = g_strdup (zhi_project_get_city (project));
  job->name = g_strdup (or_blank (zhi_project_get_name (project)));
  job->track = g_strdup (b.track);
  b.doc = job->doc;
  b.entries = job->entries;

  /* evidence, in list order: 附件1 … */
  list = zhi_project_get_evidence_list (project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      Entry *e = g_new0 (Entry, 1);

      e->number = i + 1;
      e->id = g_strdup (zhi_evidence_get_id (ev));
      e->title = g_strdup (zhi_evidence_get_title (ev));
      e->file_name = g_strdup (zhi_evidence_get_file_name (ev));
      e->media_type = g_strdup (zhi_evidence_get_media_type (ev));
      e->sha256 = g_strdup (zhi_evidence_get_sha256 (ev));
      e->pdf_sha256 = zhi_project_get_evidence_pdf_sha256 (project, e->id);
      if (e->pdf_sha256 != NULL)
        {
          g_free (e->media_type);
          e->media_type = g_strdup ("application/pdf");
        }
      e->supports = g_strdupv ((char **)zhi_evidence_get_supports (ev));
      e->n_pages = zhi_evidence_get_page_count (ev);
      e->problem = g_strdup (zhi_evidence_get_problem (ev));
      g_snprintf (e->dest, sizeof e->dest, "att-%u", e->number);
      g_ptr_array_add (job->entries, e);
    }
  for (guint i = 0; i < job->entries->len; i++)
    {
      Entry *e = job->entries->pdata[i];
      g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      Source *s = g_new0 (Source, 1);

      for (guint k = 0; e->supports[k] != NULL; k++)
        g_ptr_array_add (labels, support_label (&b, e->supports[k]));
      g_ptr_array_add (labels, NULL);
      e->supports_text = g_strjoinv ("；", (char **)labels->pdata);
      s->project = g_object_ref (project);
      s->owner = job->owner;
      s->context = g_main_context_ref (job->context);
      s->id = g_strdup (e->id);
      s->sha256 = g_strdup (e->pdf_sha256 ? e->pdf_sha256 : e->sha256);
      g_ptr_array_add (job->attachments, zhi_pdf_attachment_new_for_bytes_func (
                                             e->number, e->title, e->file_name, e->media_type,
                                             s->sha256, source_get_bytes, s, source_free));
    }

  title = g_strdup_printf ("辽宁省%s申报书", b.track);
  zhi_pdf_doc_set_metadata (job->doc, title, zhi_project_get_name (project), b.track,
                            zhi_dossier_creator (), date);
  {
    g_autofree char *footer = g_strdup_printf ("申报书指纹 %s", job->fingerprint);

    zhi_pdf_doc_set_fingerprint (job->doc, footer);
  }
  zhi_pdf_doc_set_draft (job->doc, job->draft);
  zhi_pdf_doc_set_unnumbered_pages (job->doc, 1);
  zhi_pdf_doc_set_page_number_position (job->doc, ZHI_PDF_PAGE_NUMBER_OUTER);

  add_cover (&b, date);
  add_commitment (&b);
  add_contents (&b);
  add_enterprise (&b);
  add_eligibility (&b);
  add_score (&b);
  add_content (&b);
  add_kpis (&b);
  return job;
}

/* ---- the public functions ---------------------------------------------------------------- */

gboolean
zhi_dossier_render (ZhiProject *project,
                    ZhiEvaluation *evaluation,
                    const ZhiDossierOptions *options,
                    GOutputStream *out,
                    ZhiDossierProgressFunc progress,
                    gpointer progress_data,
                    GCancellable *cancellable,
                    ZhiDossierResult **result,
                    GError **error)
{
  Job *job;
  gboolean ok;
  g_autoptr (GOutputStream) counting = NULL;

  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  job = job_new (project, evaluation, options, error);
  if (job == NULL)
    return FALSE;
  job->progress = progress;
  job->progress_data = progress_data;
  counting = zhi_counting_stream_new (out);
  ok = job_write_compact (job, g_get_tmp_dir (), counting, cancellable, error);
  job->size = zhi_counting_stream_get_count (ZHI_COUNTING_STREAM (counting));
  if (ok)
    ok = g_output_stream_flush (counting, cancellable, error);
  if (ok && result)
    *result = job_result (job);
  job_unref (job);
  return ok;
}

gboolean
zhi_dossier_render_to_file (ZhiProject *project,
                            ZhiEvaluation *evaluation,
                            const ZhiDossierOptions *options,
                            const char *path,
                            ZhiDossierProgressFunc progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            ZhiDossierResult **result,
                            GError **error)
{
  Job *job;
  gboolean ok;

  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  job = job_new (project, evaluation, options, error);
  if (job == NULL)
    return FALSE;
  job->progress = progress;
  job->progress_data = progress_data;
  job->file = g_file_new_for_path (path);
  ok = job_write_file (job, cancellable, error);
  if (ok && result)
    *result = job_result (job);
  job_unref (job);
  return ok;
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  (void)source;
  if (!job_write_file (job, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, job_result (job), (GDestroyNotify)zhi_dossier_result_free);
}

void
zhi_dossier_render_async (ZhiProject *project,
                          ZhiEvaluation *evaluation,
                          const ZhiDossierOptions *options,
                          GFile *file,
                          ZhiDossierProgressFunc progress,
                          gpointer progress_data,
                          GDestroyNotify progress_destroy,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;
  Job *job;

  g_return_if_fail (ZHI_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, zhi_dossier_render_async);
  job = job_new (project, evaluation, options, &error);
  if (job == NULL)
    {
      if (progress_destroy)
        progress_destroy (progress_data);
      g_task_return_error (task, error);
      return;
    }
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify)job_unref);
  g_task_run_in_thread (task, render_thread);
}

ZhiDossierResult *
zhi_dossier_render_finish (ZhiProject *project, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
