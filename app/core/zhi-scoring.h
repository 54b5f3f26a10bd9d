/* zhi-scoring.h — the self-assessment score, computed from the standard and the answers alone
 *
 * Rules (docs/standards-format.md, and the choices documented in zhi-scoring.c):
 * - an indicator gives fraction × (criterion weight × share / 100) points;
 * - a criterion's claimed points are the sum of its indicators' points; its evidenced points are
 *   the claimed ones when at least one evidence item is linked to it, else 0;
 * - a `text` indicator (the narrative) earns nothing: it is required content, not a score;
 * - the band is the band of the evidenced total (reviewers give nothing for unsupported claims);
 *   bands are the tool's own reading (the province defines none): the window may show them,
 *   labelled so, the dossier never prints them;
 * - a gate fails when its indicator's own threshold is not met; a failing gate makes the
 *   application not eligible whatever the points.
 * The computation is pure and deterministic; numbers are kept as doubles and rounded only for
 * display (zhi_scoring_format_points).
 */
#pragma once

#include "zhi-answers.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

typedef enum
{
  ZHI_RULE_UNANSWERED,
  ZHI_RULE_MET,
  ZHI_RULE_NOT_MET,
} ZhiRuleState;

typedef struct
{
  const ZhiIndicator *indicator;
  gboolean answered; /* a usable answer exists (an invalid one counts as unanswered) */
  gboolean met;      /* the indicator's own threshold is reached */
  double fraction;   /* 0..1 */
  double max_points; /* criterion weight × share / 100; 0 for track indicators */
  double points;     /* fraction × max_points */
  char *detail;      /* "设备占比 62% ≥ 50%" */
  char *explain;     /* detail and points: "设备占比 62% ≥ 50% → 6/6" */
  char *advice;      /* what would raise it, NULL when nothing would */
} ZhiIndicatorResult;

typedef struct
{
  const ZhiCriterion *criterion;
  gboolean has_evidence;
  double max_points; /* the weight */
  double claimed;
  double evidenced;
  GPtrArray *indicators; /* ZhiIndicatorResult * */
  char *advice;          /* what would raise it (lines joined by "\n"), NULL when at full marks */
} ZhiCriterionResult;

typedef struct
{
  const ZhiGate *gate;
  ZhiRuleState state;
  char *explain; /* the indicator's detail: "设备占比 48% < 50%" */
} ZhiGateResult;

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public, read-only >*/
  ZhiStandard *standard;
  GPtrArray *criteria;         /* ZhiCriterionResult *, in the standard's order */
  GPtrArray *track_indicators; /* ZhiIndicatorResult * */
  GPtrArray *gates;            /* ZhiGateResult * */
  double total_claimed;
  double total_evidenced;
  const ZhiBand *band;         /* the verdict band: that of total_evidenced */
  const ZhiBand *band_claimed; /* that of total_claimed */
  ZhiRuleState gates_state; /* NOT_MET when any gate fails, else UNANSWERED when any is, else MET */
  GPtrArray *weakest;       /* up to 3 ZhiCriterionResult * (not owned) with the largest
                             * evidenced gap, largest first; criteria at full marks excluded */
} ZhiScore;

#define ZHI_TYPE_SCORE (zhi_score_get_type ())
GType zhi_score_get_type (void) G_GNUC_CONST;
ZhiScore *zhi_score_ref (ZhiScore *self);
void zhi_score_unref (ZhiScore *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiScore, zhi_score_unref)

/* evidenced_criteria: criterion ids (keys, strings) that have at least one evidence item, or
 * NULL for none.  Only membership is used. */
ZhiScore *zhi_scoring_compute (ZhiStandard *standard,
                               const ZhiAnswers *answers,
                               GHashTable *evidenced_criteria);

const ZhiCriterionResult *zhi_score_lookup_criterion (const ZhiScore *self, const char *id);
/* The evidenced points reach the weight (the weakest criteria never are). */
gboolean zhi_criterion_result_at_full_marks (const ZhiCriterionResult *result);
/* an indicator's result, across criteria and track indicators */
const ZhiIndicatorResult *zhi_score_lookup_indicator (const ZhiScore *self, const char *id);

/* One indicator on its own (used by eligibility for gates and KPIs).  max_points is its weight
 * in points; free with zhi_indicator_result_free. */
ZhiIndicatorResult *zhi_indicator_evaluate (const ZhiIndicator *indicator,
                                            const ZhiAnswers *answers,
                                            double max_points);
void zhi_indicator_result_free (ZhiIndicatorResult *result);
ZhiRuleState zhi_indicator_result_state (const ZhiIndicatorResult *result);

/* The text the CLI (score --explain), the UI and the dossier show for one criterion, e.g.
 * "智能装备广泛应用 (12 分): 设备占比 62% ≥ 50% → 6/6; 成熟度 L2 < L3 → 2/3 × 4 = 2.7; …
 *  自评 10.7 分；未关联证明材料，佐证得分 0 分".  NULL for an unknown id. */
char *zhi_scoring_explain_criterion (const ZhiScore *self, const char *criterion_id);
/* The totals, the band (labelled as the tool's reading), the gates and a reminder that this is a
 * self-assessment with default weights. */
char *zhi_scoring_explain_total (const ZhiScore *self);

/* Points for display: one decimal at most, "6", "2.7", "10.7" (C locale digits). */
char *zhi_scoring_format_points (double points);

G_END_DECLS
