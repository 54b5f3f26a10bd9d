/* zhi-kpi.h — one KPI answer read for display and checks: its values, years, source and trend
 *
 * The five KPIs of condition （四） (研制周期, 劳动生产率, 运维成本, 能源利用率, 不良品率) are the
 * `kpi` indicators of the track's standard; the criterion page, the eligibility page, the
 * checklist, the scoring and the dossier all read them through zhi_kpi_read(), so they agree on
 * what counts as an improvement.  A baseline of 0 gives no change that can be computed: it is
 * reported as an error naming the KPI, never as an improvement.
 */
#pragma once

#include "zhi-answers.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

typedef enum
{
  ZHI_KPI_NOT_ENTERED,   /* neither value */
  ZHI_KPI_INCOMPLETE,    /* one of the two values is missing */
  ZHI_KPI_ZERO_BASELINE, /* baseline 0: no change can be computed */
  ZHI_KPI_IMPROVED,      /* better in the KPI's direction */
  ZHI_KPI_UNCHANGED,
  ZHI_KPI_WORSE,
} ZhiKpiTrend;

typedef struct
{
  ZhiKpiTrend trend;
  double baseline;   /* NAN when not entered */
  double current;    /* NAN when not entered */
  double change;     /* (current − baseline) / |baseline| × 100, signed; NAN unless computable */
  int baseline_year; /* 0 when not entered */
  int current_year;  /* 0 when not entered */
  const char *source; /* borrowed from the answers; NULL when not entered */
} ZhiKpiFigures;

void zhi_kpi_read (const ZhiIndicator *kpi, const ZhiAnswers *answers, ZhiKpiFigures *out);

/* TRUE for IMPROVED, UNCHANGED and WORSE: both values there and a change computed. */
gboolean zhi_kpi_trend_is_usable (ZhiKpiTrend trend);

/* A value as the user would type it ("12.5", "1200"); "—" for NAN. */
char *zhi_kpi_format_value (double value);
/* "−25%", "+12.5%", "±0%"; NULL unless the change is computable. */
char *zhi_kpi_format_change (const ZhiKpiFigures *figures);
/* "2021 → 2023", "2021 → ?", "" when neither year is entered */
char *zhi_kpi_format_years (const ZhiKpiFigures *figures);

/* One line naming the KPI, in the user's language: "产品研制周期：120 → 90 天（−25%），改善",
 * "产品研制周期：基准值为 0，无法计算变化…", "劳动生产率：当前值未填写". */
char *zhi_kpi_describe (const ZhiIndicator *kpi, const ZhiKpiFigures *figures);

/* What is missing besides the values — the baseline year, the current year, the data source, or
 * a current year before the baseline year — as one message naming the KPI; NULL when nothing is
 * missing, and NULL while the KPI has no value at all (then the value is what is missing). */
char *zhi_kpi_describe_details_problem (const ZhiIndicator *kpi, const ZhiKpiFigures *figures);

G_END_DECLS
