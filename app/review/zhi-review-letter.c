/* zhi-review-letter.c — the 推荐函 draft */
#include "zhi-review-letter.h"
#include "zhi-dossier-version.h"
#include "zhi-pdf-doc.h"

#include <math.h>

static char *
points (double value)
{
  return isnan (value) ? g_strdup ("") : g_strdup_printf ("%.1f", value);
}

static const char *
or_blank (const char *text, const char *blank)
{
  return text && *text ? text : blank;
}

gboolean
zhi_review_write_letter (ZhiReview *review, GDateTime *date, const char *path, GError **error)
{
  static const double widths[] = { 0.06, 0.20, 0.18, 0.11, 0.14, 0.07, 0.07, 0.17 };
  static const char *const header[]
      = { "序号",          "申报单位", "统一社会信用代码", "申报类型",
          "车间/工厂名称", "自评得分", "佐证得分",         "推荐意见" };

  g_return_val_if_fail (ZHI_IS_REVIEW (review), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_autoptr (GDateTime) now = date ? g_date_time_ref (date) : g_date_time_new_now_local ();
  g_autoptr (GPtrArray) order = zhi_review_recommended_in_rank_order (review);
  g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
  /* the letter is in Chinese whatever the desktop's language, like the dossier */
  const char *bureau = or_blank (zhi_review_get_bureau (review), "（单位名称）");
  g_autofree char *day
      = g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (now), g_date_time_get_month (now),
                         g_date_time_get_day_of_month (now));
  g_autofree char *body = NULL;

  zhi_pdf_doc_set_metadata (doc, "推荐函", bureau, NULL, zhi_dossier_creator (), now);
  zhi_pdf_doc_set_draft (doc, TRUE);
  zhi_pdf_doc_add_title (doc, "关于推荐数字化车间和智能工厂申报项目的函", FALSE);
  zhi_pdf_doc_add_spacer (doc, 12);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_PLAIN, "辽宁省工业和信息化厅：");
  if (order->len > 0)
    body = g_strdup_printf ("经审核，%s推荐以下%u个项目申报数字化车间和智能工厂，按推荐顺序排列"
                            "如下：",
                            bureau, order->len);
  else
    body = g_strdup_printf ("经审核，%s本次未推荐项目。", bureau);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, body);
  if (order->len > 0)
    {
      ZhiPdfTable *table = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
      zhi_pdf_table_set_font_size (table, 10.5);
      zhi_pdf_table_set_numeric_column (table, 5);
      zhi_pdf_table_set_numeric_column (table, 6);
      for (guint i = 0; i < order->len; i++)
        {
          guint index = GPOINTER_TO_UINT (order->pdata[i]);
          const ZhiSummaryRow *row = zhi_review_get_row (review, index);
          g_autofree char *number = g_strdup_printf ("%u", i + 1);
          g_autofree char *claimed = points (row->claimed);
          g_autofree char *evidenced = points (row->evidenced);
          g_autofree char *name = NULL;
          if (row->error)
            name = g_path_get_basename (row->path);
          const char *cells[] = { number,
                                  name ? name : or_blank (row->enterprise, ""),
                                  or_blank (row->credit_code, ""),
                                  or_blank (row->track, ""),
                                  or_blank (row->site_name, ""),
                                  claimed,
                                  evidenced,
                                  zhi_review_get_opinion (review, index) };
          zhi_pdf_table_add_row (table, cells);
        }
    }
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "附件：推荐汇总表及申报书");
  zhi_pdf_doc_add_spacer (doc, 36);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, bureau);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, "（盖章）");
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_SIGNATURE_LINE, day);
  return zhi_pdf_doc_write_to_file (doc, path, NULL, NULL, NULL, error);
}
