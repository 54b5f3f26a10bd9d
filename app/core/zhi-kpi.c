/* zhi-kpi.c — one KPI answer read for display and checks (see zhi-kpi.h) */
#include "zhi-kpi.h"
#include "zhi-number.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

void
zhi_kpi_read (const ZhiIndicator *kpi, const ZhiAnswers *answers, ZhiKpiFigures *out)
{
  double baseline = NAN, current = NAN;

  g_return_if_fail (kpi != NULL && answers != NULL && out != NULL);
  memset (out, 0, sizeof *out);
  out->baseline = out->current = out->change = NAN;
  if (!zhi_answers_get_kpi (answers, kpi->id, &baseline, &current))
    {
      out->trend = ZHI_KPI_NOT_ENTERED;
      return;
    }
  zhi_answers_get_kpi_details (answers, kpi->id, &out->baseline_year, &out->current_year,
                               &out->source);
  out->baseline = isfinite (baseline) ? baseline : NAN;
  out->current = isfinite (current) ? current : NAN;
  if (isnan (out->baseline) && isnan (out->current))
    out->trend = ZHI_KPI_NOT_ENTERED;
  else if (isnan (out->baseline) || isnan (out->current))
    out->trend = ZHI_KPI_INCOMPLETE;
  else if (out->baseline == 0)
    out->trend = ZHI_KPI_ZERO_BASELINE;
  else
    {
      gboolean better
          = kpi->better_higher ? out->current > out->baseline : out->current < out->baseline;

      out->change = (out->current - out->baseline) / fabs (out->baseline) * 100;
      out->trend = better                          ? ZHI_KPI_IMPROVED
                   : out->current == out->baseline ? ZHI_KPI_UNCHANGED
                                                   : ZHI_KPI_WORSE;
    }
}

gboolean
zhi_kpi_trend_is_usable (ZhiKpiTrend trend)
{
  return trend == ZHI_KPI_IMPROVED || trend == ZHI_KPI_UNCHANGED || trend == ZHI_KPI_WORSE;
}

char *
zhi_kpi_format_value (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  /* the same thousands separators as every field (zhi-number.h) */
  return zhi_number_format (value, 6);
}

char *
zhi_kpi_format_change (const ZhiKpiFigures *figures)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded;

  g_return_val_if_fail (figures != NULL, NULL);
  if (!isfinite (figures->change))
    return NULL;
  rounded = round (fabs (figures->change) * 10) / 10;
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", rounded);
  if (g_str_has_suffix (buffer, ".0"))
    buffer[strlen (buffer) - 2] = '\0';
  return g_strdup_printf ("%s%s%%", rounded == 0 ? "±" : figures->change < 0 ? "−" : "+", buffer);
}

char *
zhi_kpi_format_years (const ZhiKpiFigures *figures)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (figures != NULL, NULL);
  if (figures->baseline_year <= 0 && figures->current_year <= 0)
    return g_strdup ("");
  from = figures->baseline_year > 0 ? g_strdup_printf ("%d", figures->baseline_year)
                                    : g_strdup ("?");
  to = figures->current_year > 0 ? g_strdup_printf ("%d", figures->current_year) : g_strdup ("?");
  return g_strdup_printf ("%s → %s", from, to);
}

/* "90 天", but "1.5%" */
static char *
with_unit (const ZhiIndicator *kpi, double value)
{
  const char *unit = zhi_text_get (&kpi->kpi_unit);
  g_autofree char *number = zhi_kpi_format_value (value);

  if (*unit == '\0' || g_str_equal (unit, "%"))
    return g_strconcat (number, unit, NULL);
  return g_strdup_printf ("%s %s", number, unit);
}

char *
zhi_kpi_describe (const ZhiIndicator *kpi, const ZhiKpiFigures *figures)
{
  const char *label;
  g_autofree char *baseline = NULL;
  g_autofree char *current = NULL;
  g_autofree char *change = NULL;

  g_return_val_if_fail (kpi != NULL && figures != NULL, NULL);
  label = zhi_text_get (&kpi->label);
  switch (figures->trend)
    {
      case ZHI_KPI_NOT_ENTERED:
        /* Translators: %s is a KPI, e.g. 产品研制周期 */
        return g_strdup_printf (_ ("%s: the baseline and the current value are not filled in"),
                                label);
      case ZHI_KPI_INCOMPLETE:
        return g_strdup_printf (isnan (figures->baseline)
                                    ? _ ("%s: the baseline (before the project) is not filled in")
                                    : _ ("%s: the current value is not filled in"),
                                label);
      case ZHI_KPI_ZERO_BASELINE:
        return g_strdup_printf (_ ("%s: the baseline is 0, so no change can be computed; enter "
                                   "the value before the project"),
                                label);
      case ZHI_KPI_IMPROVED:
      case ZHI_KPI_UNCHANGED:
      case ZHI_KPI_WORSE:
      default:
        break;
    }
  baseline = with_unit (kpi, figures->baseline);
  current = with_unit (kpi, figures->current);
  change = zhi_kpi_format_change (figures);
  switch (figures->trend)
    {
      case ZHI_KPI_IMPROVED:
        /* Translators: "产品研制周期：120 天 → 90 天（−25%），改善" */
        return g_strdup_printf (_ ("%s: %s → %s (%s), improved"), label, baseline, current, change);
      case ZHI_KPI_WORSE:
        return g_strdup_printf (_ ("%s: %s → %s (%s), got worse"), label, baseline, current,
                                change);
      case ZHI_KPI_UNCHANGED:
      default:
        return g_strdup_printf (_ ("%s: %s → %s, unchanged"), label, baseline, current);
    }
}

char *
zhi_kpi_describe_details_problem (const ZhiIndicator *kpi, const ZhiKpiFigures *figures)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *source = NULL;
  const char *label;

  g_return_val_if_fail (kpi != NULL && figures != NULL, NULL);
  label = zhi_text_get (&kpi->label);
  source = g_strstrip (g_strdup (figures->source != NULL ? figures->source : ""));
  if (figures->trend == ZHI_KPI_NOT_ENTERED)
    return NULL;
  if (figures->baseline_year > 0 && figures->current_year > 0
      && figures->current_year < figures->baseline_year)
    return g_strdup_printf (_ ("%s: the current value’s year (%d) is before the baseline’s year "
                               "(%d)"),
                            label, figures->current_year, figures->baseline_year);
  if (figures->baseline_year <= 0)
    g_ptr_array_add (missing, (gpointer)_ ("the baseline year"));
  if (figures->current_year <= 0)
    g_ptr_array_add (missing, (gpointer)_ ("the current year"));
  if (*source == '\0')
    g_ptr_array_add (missing, (gpointer)_ ("the data source"));
  if (missing->len == 0)
    return NULL;
  g_ptr_array_add (missing, NULL);
  joined = g_strjoinv (_ (", "), (char **)missing->pdata);
  /* Translators: "产品研制周期：基准年份、数据来源未填写，评审无法核对该数值" */
  return g_strdup_printf (_ ("%s: not filled in: %s; reviewers cannot check the figures without "
                             "them"),
                          label, joined);
}
