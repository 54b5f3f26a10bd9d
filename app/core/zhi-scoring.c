/* zhi-scoring.c — the self-assessment score
 *
 * Choices beyond docs/standards-format.md:
 * - Answers that cannot be scored count as unanswered (0 points; a gate on them is unanswered):
 *   a ratio with a denominator ≤ 0, a negative numerator or a numerator above the denominator;
 *   a benchmark ratio without a benchmark; a level id not among the indicator's levels; a
 *   negative count; a text that is only white space.
 * - Thresholds compare with a 1e-9 tolerance so that 50/100 meets 0.5 whatever the rounding.
 * - A text (the narrative) earns nothing whatever its length: the province sets no rule on it
 *   (the loader rejects a text share above 0, and the points are forced to 0 here as well).
 *   It is "met" when written; min_chars..max_chars are only the tool's advice, reported by the
 *   checklist (zhi-evaluation.c) as a warning that says so.
 * - A kpi scores when current is strictly better than baseline in its direction.  A ratio or kpi
 *   with a number missing (a partial answer, kept as typed) is unanswered and names the missing
 *   field; a kpi with a baseline of 0 is unanswered too (no change can be computed, zhi-kpi.h).
 * - The verdict band is that of the evidenced total; the claimed total's band is shown too.
 * - The weakest three: criteria ordered by evidenced gap (weight − evidenced points), largest
 *   first; ties keep the standard's order; criteria at full evidenced marks are left out.
 */
#include "zhi-scoring.h"

#include "zhi-kpi.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define EPSILON 1e-9

G_DEFINE_BOXED_TYPE (ZhiScore, zhi_score, zhi_score_ref, zhi_score_unref)

char *
zhi_scoring_format_points (double points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = round (points * 10.0) / 10.0;
  char *text;
  gsize len;

  if (rounded == 0 || !isfinite (rounded))
    rounded = 0; /* no "-0" */
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", rounded);
  text = g_strdup (buffer);
  len = strlen (text);
  if (len > 2 && strcmp (text + len - 2, ".0") == 0)
    text[len - 2] = '\0';
  return text;
}

/* A short alias for building messages. */
#define FMT(x) zhi_scoring_format_points (x)

void
zhi_indicator_result_free (ZhiIndicatorResult *result)
{
  if (result == NULL)
    return;
  g_free (result->detail);
  g_free (result->explain);
  g_free (result->advice);
  g_free (result);
}

ZhiRuleState
zhi_indicator_result_state (const ZhiIndicatorResult *result)
{
  g_return_val_if_fail (result != NULL, ZHI_RULE_UNANSWERED);
  if (!result->answered)
    return ZHI_RULE_UNANSWERED;
  return result->met ? ZHI_RULE_MET : ZHI_RULE_NOT_MET;
}

/* A ratio with a number not filled in yet (kept as typed, see zhi-answers.h): unanswered, and
 * the detail names each missing field ("车间设备台（套）总数未填写").  FALSE when complete. */
static gboolean
ratio_partial (const ZhiIndicator *ind,
               double num,
               double den,
               double bench,
               ZhiIndicatorResult *r,
               char **target)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  const char *label = zhi_text_get (&ind->label);
  if (isnan (num))
    g_ptr_array_add (missing, (gpointer)zhi_text_get (&ind->numerator));
  if (isnan (den))
    g_ptr_array_add (missing, (gpointer)zhi_text_get (&ind->denominator));
  if (ind->threshold_from_benchmark && isnan (bench))
    g_ptr_array_add (missing, (gpointer)_ ("the industry benchmark"));
  if (missing->len == 0)
    return FALSE;
  g_ptr_array_add (missing, NULL);
  joined = g_strjoinv (_ (", "), (char **)missing->pdata);
  /* Translators: "智能化设备占比：车间设备台（套）总数未填写" */
  r->detail = g_strdup_printf (_ ("%s: not filled in: %s"), label, joined);
  *target = g_strdup_printf (_ ("%s: enter the figures"), label);
  return TRUE;
}

/* One function per indicator kind (ZhiIndicatorKind): each fills answered, met, fraction
 * and detail of the result, and the target and partial text of the outcome.  A new kind adds its
 * function here and its entry in evaluators[]. */
typedef struct
{
  ZhiIndicatorResult *r;
  char *partial_text; /* "a/b" for a partial fraction, or NULL */
  char *target;       /* the advice, without points */
} Outcome;

typedef void (*EvaluateFunc) (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o);

/* a yes/no answer: met when yes */
static void
evaluate_check (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o)
{
  const char *label = zhi_text_get (&ind->label);
  ZhiIndicatorResult *r = o->r;
  gboolean value = FALSE;

  r->answered = zhi_answers_get_bool (answers, ind->id, &value);
  r->met = r->answered && value;
  r->fraction = r->met ? 1 : 0;
  if (!r->answered)
    r->detail = g_strdup_printf (_ ("%s: not answered"), label);
  else
    r->detail = g_strdup_printf (value ? _ ("%s: yes") : _ ("%s: no"), label);
  o->target = g_strdup_printf (_ ("%s: have it in place and answer yes"), label);
}

/* a maturity level: met at the indicator's level or above, in part below it */
static void
evaluate_level (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o)
{
  const char *label = zhi_text_get (&ind->label);
  ZhiIndicatorResult *r = o->r;
  const char *level = zhi_answers_get_level (answers, ind->id);
  const ZhiLevel *min = ind->levels->pdata[ind->min_level];
  int index = zhi_indicator_level_index (ind, level);

  o->target = g_strdup_printf (_ ("%s: reach %s (%s)"), label, min->id, zhi_text_get (&min->name));
  if (level == NULL)
    {
      r->detail = g_strdup_printf (_ ("%s: not answered"), label);
      return;
    }
  if (index < 0)
    {
      r->detail = g_strdup_printf (_ ("%s: unknown level “%s”"), label, level);
      return;
    }
  r->answered = TRUE;
  r->met = (guint)index >= ind->min_level;
  if (r->met)
    {
      r->fraction = 1;
      r->detail = g_strdup_printf (_ ("%s %s ≥ %s"), label, level, min->id);
    }
  else
    {
      r->fraction = (double)(index + 1) / (double)(ind->min_level + 1);
      r->detail = g_strdup_printf (_ ("%s %s < %s"), label, level, min->id);
      o->partial_text = g_strdup_printf ("%d/%u", index + 1, ind->min_level + 1);
    }
}

/* a ratio of two figures against a threshold (or the industry benchmark) */
static void
evaluate_ratio (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o)
{
  const char *label = zhi_text_get (&ind->label);
  ZhiIndicatorResult *r = o->r;
  double num = 0, den = 0, bench = NAN, threshold, ratio;
  g_autofree char *ratio_pct = NULL;
  g_autofree char *threshold_pct = NULL;

  if (!zhi_answers_get_ratio (answers, ind->id, &num, &den, &bench))
    {
      r->detail = g_strdup_printf (_ ("%s: not answered"), label);
      o->target = g_strdup_printf (_ ("%s: enter the figures"), label);
      return;
    }
  if (ratio_partial (ind, num, den, bench, r, &o->target))
    return;
  threshold = ind->threshold_from_benchmark ? bench : ind->threshold;
  if (den <= 0 || num < 0)
    {
      /* the message names the field (车间设备台（套）总数), not "the denominator" */
      r->detail = den <= 0 ? g_strdup_printf (_ ("%s: the figures cannot be used: “%s” "
                                                 "must be more than 0"),
                                              label, zhi_text_get (&ind->denominator))
                           : g_strdup_printf (_ ("%s: the figures cannot be used: “%s” "
                                                 "cannot be negative"),
                                              label, zhi_text_get (&ind->numerator));
      o->target = g_strdup_printf (_ ("%s: correct the figures"), label);
      return;
    }
  if (num > den)
    {
      g_autofree char *num_text = FMT (num);
      g_autofree char *den_text = FMT (den);

      r->detail = g_strdup_printf (_ ("%s: the numerator (%s) is larger than the denominator "
                                      "(%s)"),
                                   label, num_text, den_text);
      o->target = g_strdup_printf (_ ("%s: correct the figures"), label);
      return;
    }
  if (!isfinite (threshold) || threshold <= 0 || threshold > 1)
    {
      r->detail = g_strdup_printf (_ ("%s: no industry benchmark entered"), label);
      o->target
          = g_strdup_printf (_ ("%s: enter the industry benchmark it is compared with"), label);
      return;
    }
  ratio = num / den;
  ratio_pct = FMT (ratio * 100);
  threshold_pct = FMT (threshold * 100);
  r->answered = TRUE;
  r->met = ratio + EPSILON >= threshold;
  r->fraction = r->met ? 1 : ratio / threshold;
  if (ind->threshold_from_benchmark)
    r->detail = g_strdup_printf (r->met ? _ ("%s %s%% ≥ industry benchmark %s%%")
                                        : _ ("%s %s%% < industry benchmark %s%%"),
                                 label, ratio_pct, threshold_pct);
  else
    r->detail = g_strdup_printf (r->met ? _ ("%s %s%% ≥ %s%%") : _ ("%s %s%% < %s%%"), label,
                                 ratio_pct, threshold_pct);
  if (!r->met)
    o->partial_text = g_strdup_printf ("%s/%s", ratio_pct, threshold_pct);
  o->target = g_strdup_printf (_ ("%s: raise it to %s%% or more"), label, threshold_pct);
}

/* a KPI's baseline and current value: met when better in its direction */
static void
evaluate_kpi (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o)
{
  const char *label = zhi_text_get (&ind->label);
  ZhiIndicatorResult *r = o->r;
  ZhiKpiFigures f;
  const char *unit = zhi_text_get (&ind->kpi_unit);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *signed_pct = NULL;

  o->target = g_strdup_printf (ind->better_higher ? _ ("%s: show a rise over the baseline")
                                                  : _ ("%s: show a fall below the baseline"),
                               label);
  /* A partial answer (one value) or a baseline of 0 is unanswered, and says why. */
  zhi_kpi_read (ind, answers, &f);
  if (f.trend == ZHI_KPI_NOT_ENTERED)
    {
      r->detail = g_strdup_printf (_ ("%s: not answered"), label);
      return;
    }
  if (!zhi_kpi_trend_is_usable (f.trend))
    {
      r->detail = zhi_kpi_describe (ind, &f);
      return;
    }
  b = FMT (f.baseline);
  c = FMT (f.current);
  r->answered = TRUE;
  r->met = f.trend == ZHI_KPI_IMPROVED;
  r->fraction = r->met ? 1 : 0;
  {
    g_autofree char *pct = FMT (fabs (f.change));

    signed_pct = g_strdup_printf ("%s%s%%", f.change < 0 ? "−" : (f.change > 0 ? "+" : "±"), pct);
  }
  r->detail = g_strdup_printf (r->met ? _ ("%s %s → %s %s (%s), better")
                                      : _ ("%s %s → %s %s (%s), not better"),
                               label, b, c, unit, signed_pct);
}

/* a count against its minimum */
static void
evaluate_count (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o)
{
  const char *label = zhi_text_get (&ind->label);
  ZhiIndicatorResult *r = o->r;
  gint64 count = 0;

  o->target = g_strdup_printf (_ ("%s: reach %lld"), label, (long long)ind->min_count);
  if (!zhi_answers_get_count (answers, ind->id, &count))
    {
      r->detail = g_strdup_printf (_ ("%s: not answered"), label);
      return;
    }
  if (count < 0)
    {
      r->detail = g_strdup_printf (_ ("%s: a count cannot be negative"), label);
      return;
    }
  r->answered = TRUE;
  r->met = count >= ind->min_count;
  r->fraction = r->met ? 1 : (double)count / (double)ind->min_count;
  r->detail = g_strdup_printf (r->met ? _ ("%s %lld ≥ %lld") : _ ("%s %lld < %lld"), label,
                               (long long)count, (long long)ind->min_count);
  if (!r->met)
    o->partial_text
        = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, count, ind->min_count);
}

/* the narrative: met when written, earns nothing */
static void
evaluate_text (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o)
{
  const char *label = zhi_text_get (&ind->label);
  ZhiIndicatorResult *r = o->r;
  const char *text = zhi_answers_get_text (answers, ind->id);
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  glong chars = g_utf8_strlen (trimmed, -1);

  o->target = g_strdup_printf (_ ("%s: describe what was built (required content)"), label);
  if (chars == 0)
    {
      r->detail = g_strdup_printf (_ ("%s: not written (required content, earns no "
                                      "points)"),
                                   label);
      return;
    }
  r->answered = TRUE;
  r->met = TRUE;
  r->fraction = 0;
  r->detail = g_strdup_printf (
      g_dngettext (
          GETTEXT_PACKAGE, "%s: written, %ld character (required content, earns no points)",
          "%s: written, %ld characters (required content, earns no points)", (gulong)chars),
      label, chars);
}

static const EvaluateFunc evaluators[] = {
  [ZHI_INDICATOR_CHECK] = evaluate_check, [ZHI_INDICATOR_LEVEL] = evaluate_level,
  [ZHI_INDICATOR_RATIO] = evaluate_ratio, [ZHI_INDICATOR_KPI] = evaluate_kpi,
  [ZHI_INDICATOR_COUNT] = evaluate_count, [ZHI_INDICATOR_TEXT] = evaluate_text,
};

/* The one place that picks the evaluation of an indicator's kind */
static void
evaluate_kind (const ZhiIndicator *ind, const ZhiAnswers *answers, Outcome *o)
{
  g_assert ((guint)ind->kind < G_N_ELEMENTS (evaluators) && evaluators[ind->kind] != NULL);
  evaluators[ind->kind](ind, answers, o);
}

ZhiIndicatorResult *
zhi_indicator_evaluate (const ZhiIndicator *indicator, const ZhiAnswers *answers, double max_points)
{
  ZhiIndicatorResult *r;
  g_autofree char *partial = NULL;
  g_autofree char *target = NULL;
  g_autofree char *points = NULL;
  g_autofree char *max = NULL;

  g_return_val_if_fail (indicator != NULL, NULL);
  g_return_val_if_fail (answers != NULL, NULL);
  r = g_new0 (ZhiIndicatorResult, 1);
  r->indicator = indicator;
  r->max_points = max_points;
  /* The narrative earns nothing, whatever a standards file says (the loader refuses a share
   * above 0 anyway). */
  if (indicator->kind == ZHI_INDICATOR_TEXT)
    r->max_points = max_points = 0;
  {
    Outcome o = { r, NULL, NULL };

    evaluate_kind (indicator, answers, &o);
    partial = o.partial_text;
    target = o.target;
  }
  r->fraction = CLAMP (r->fraction, 0.0, 1.0);
  r->points = r->fraction * max_points;

  points = FMT (r->points);
  max = FMT (max_points);
  if (max_points <= 0)
    r->explain = g_strdup (r->detail);
  else if (partial != NULL && r->fraction > 0 && r->fraction < 1)
    /* TRANSLATORS: "成熟度 L2 < L3 → 2/3 × 4 = 2.7" */
    r->explain = g_strdup_printf (_ ("%s → %s × %s = %s"), r->detail, partial, max, points);
  else
    /* TRANSLATORS: "设备占比 62% ≥ 50% → 6/6" */
    r->explain = g_strdup_printf (_ ("%s → %s/%s"), r->detail, points, max);

  if (!r->met && target != NULL)
    {
      g_autofree char *gain = FMT (max_points - r->points);

      if (max_points > 0)
        /* TRANSLATORS: "成熟度: reach L3 (+1.3 points)" */
        r->advice = g_strdup_printf (_ ("%s (+%s points)"), target, gain);
      else
        r->advice = g_steal_pointer (&target);
    }
  return r;
}

static void
criterion_result_free (gpointer data)
{
  ZhiCriterionResult *cr = data;

  g_clear_pointer (&cr->indicators, g_ptr_array_unref);
  g_free (cr->advice);
  g_free (cr);
}

static void
gate_result_free (gpointer data)
{
  ZhiGateResult *gr = data;

  g_free (gr->explain);
  g_free (gr);
}

ZhiScore *
zhi_score_ref (ZhiScore *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
zhi_score_unref (ZhiScore *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->weakest, g_ptr_array_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_pointer (&self->track_indicators, g_ptr_array_unref);
  g_clear_pointer (&self->gates, g_ptr_array_unref);
  g_clear_object (&self->standard);
  g_free (self);
}

static int
compare_gap (gconstpointer a, gconstpointer b)
{
  const ZhiCriterionResult *x = *(ZhiCriterionResult *const *)a;
  const ZhiCriterionResult *y = *(ZhiCriterionResult *const *)b;
  double gx = x->max_points - x->evidenced;
  double gy = y->max_points - y->evidenced;

  if (gx > gy + EPSILON)
    return -1;
  if (gy > gx + EPSILON)
    return 1;
  return x->criterion->number - y->criterion->number;
}

static char *
criterion_advice (const ZhiCriterionResult *cr)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (!cr->has_evidence && cr->claimed > EPSILON)
    {
      g_autofree char *claimed = FMT (cr->claimed);

      g_ptr_array_add (lines, g_strdup_printf (_ ("Link at least one evidence document to this "
                                                  "criterion (+%s evidenced points)"),
                                               claimed));
    }
  for (guint i = 0; i < cr->indicators->len; i++)
    {
      const ZhiIndicatorResult *ir = cr->indicators->pdata[i];

      if (ir->advice != NULL && ir->max_points > 0)
        g_ptr_array_add (lines, g_strdup (ir->advice));
    }
  if (lines->len == 0)
    return NULL;
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **)lines->pdata);
}

ZhiScore *
zhi_scoring_compute (ZhiStandard *standard,
                     const ZhiAnswers *answers,
                     GHashTable *evidenced_criteria)
{
  ZhiScore *self;
  GPtrArray *criteria, *gates, *track;
  g_autoptr (GPtrArray) sorted = NULL;

  g_return_val_if_fail (ZHI_IS_STANDARD (standard), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  self = g_new0 (ZhiScore, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->standard = g_object_ref (standard);
  self->criteria = g_ptr_array_new_with_free_func (criterion_result_free);
  self->track_indicators
      = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_indicator_result_free);
  self->gates = g_ptr_array_new_with_free_func (gate_result_free);
  self->weakest = g_ptr_array_new ();

  criteria = zhi_standard_get_criteria (standard);
  for (guint i = 0; i < criteria->len; i++)
    {
      const ZhiCriterion *crit = criteria->pdata[i];
      ZhiCriterionResult *cr = g_new0 (ZhiCriterionResult, 1);

      cr->criterion = crit;
      cr->max_points = crit->weight;
      cr->has_evidence
          = evidenced_criteria != NULL && g_hash_table_contains (evidenced_criteria, crit->id);
      cr->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_indicator_result_free);
      for (guint j = 0; j < crit->indicators->len; j++)
        {
          const ZhiIndicator *ind = crit->indicators->pdata[j];
          ZhiIndicatorResult *ir
              = zhi_indicator_evaluate (ind, answers, (double)crit->weight * ind->share / 100.0);

          cr->claimed += ir->points;
          g_ptr_array_add (cr->indicators, ir);
        }
      cr->evidenced = cr->has_evidence ? cr->claimed : 0;
      cr->advice = criterion_advice (cr);
      self->total_claimed += cr->claimed;
      self->total_evidenced += cr->evidenced;
      g_ptr_array_add (self->criteria, cr);
    }

  track = zhi_standard_get_track_indicators (standard);
  for (guint i = 0; i < track->len; i++)
    g_ptr_array_add (self->track_indicators, zhi_indicator_evaluate (track->pdata[i], answers, 0));

  self->gates_state = ZHI_RULE_MET;
  gates = zhi_standard_get_gates (standard);
  for (guint i = 0; i < gates->len; i++)
    {
      const ZhiGate *gate = gates->pdata[i];
      const ZhiIndicatorResult *ir = zhi_score_lookup_indicator (self, gate->indicator->id);
      ZhiGateResult *gr = g_new0 (ZhiGateResult, 1);

      gr->gate = gate;
      gr->state = zhi_indicator_result_state (ir);
      gr->explain = g_strdup (ir->detail);
      if (gr->state == ZHI_RULE_NOT_MET)
        self->gates_state = ZHI_RULE_NOT_MET;
      else if (gr->state == ZHI_RULE_UNANSWERED && self->gates_state == ZHI_RULE_MET)
        self->gates_state = ZHI_RULE_UNANSWERED;
      g_ptr_array_add (self->gates, gr);
    }

  self->band = zhi_standard_band_for_score (standard, self->total_evidenced);
  self->band_claimed = zhi_standard_band_for_score (standard, self->total_claimed);

  sorted = g_ptr_array_copy (self->criteria, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL); /* the copy inherits the owner's free function */
  g_ptr_array_sort (sorted, compare_gap);   /* stable: GLib's sort is a merge sort */
  for (guint i = 0; i < sorted->len && self->weakest->len < 3; i++)
    {
      const ZhiCriterionResult *cr = sorted->pdata[i];

      if (!zhi_criterion_result_at_full_marks (cr))
        g_ptr_array_add (self->weakest, (gpointer)cr);
    }
  return self;
}

const ZhiCriterionResult *
zhi_score_lookup_criterion (const ZhiScore *self, const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; id != NULL && i < self->criteria->len; i++)
    {
      const ZhiCriterionResult *cr = self->criteria->pdata[i];

      if (strcmp (cr->criterion->id, id) == 0)
        return cr;
    }
  return NULL;
}

gboolean
zhi_criterion_result_at_full_marks (const ZhiCriterionResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->max_points - result->evidenced <= EPSILON;
}

const ZhiIndicatorResult *
zhi_score_lookup_indicator (const ZhiScore *self, const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->criteria->len; i++)
    {
      const ZhiCriterionResult *cr = self->criteria->pdata[i];

      for (guint j = 0; j < cr->indicators->len; j++)
        if (strcmp (((ZhiIndicatorResult *)cr->indicators->pdata[j])->indicator->id, id) == 0)
          return cr->indicators->pdata[j];
    }
  for (guint i = 0; i < self->track_indicators->len; i++)
    if (strcmp (((ZhiIndicatorResult *)self->track_indicators->pdata[i])->indicator->id, id) == 0)
      return self->track_indicators->pdata[i];
  return NULL;
}

char *
zhi_scoring_explain_criterion (const ZhiScore *self, const char *criterion_id)
{
  const ZhiCriterionResult *cr;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *claimed = NULL;
  g_autofree char *evidenced = NULL;
  g_autofree char *evidence = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  cr = zhi_score_lookup_criterion (self, criterion_id);
  if (cr == NULL)
    return NULL;
  for (guint i = 0; i < cr->indicators->len; i++)
    g_ptr_array_add (parts, ((ZhiIndicatorResult *)cr->indicators->pdata[i])->explain);
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates the indicators in a criterion's explanation */
  joined = g_strjoinv (_ ("; "), (char **)parts->pdata);
  weight = FMT (cr->max_points);
  claimed = FMT (cr->claimed);
  evidenced = FMT (cr->evidenced);
  if (cr->has_evidence)
    evidence = g_strdup_printf (_ ("evidence linked, evidenced %s points"), evidenced);
  else
    evidence = g_strdup (_ ("no evidence linked, evidenced 0 points"));
  /* TRANSLATORS: title, weight, indicators, claimed points, the evidence sentence:
   * "智能装备广泛应用 (12 分): …. 自评 10.7 分；未关联证明材料，佐证得分 0 分" */
  return g_strdup_printf (_ ("%s (%s points): %s. Claimed %s points; %s"),
                          zhi_text_get (&cr->criterion->title), weight, joined, claimed, evidence);
}

char *
zhi_scoring_explain_total (const ZhiScore *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *claimed = NULL;
  g_autofree char *evidenced = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  claimed = FMT (self->total_claimed);
  evidenced = FMT (self->total_evidenced);
  g_string_append_printf (text, _ ("Claimed %s points; evidenced %s points."), claimed, evidenced);
  g_string_append_c (text, '\n');
  if (self->band != NULL)
    {
      g_string_append_printf (text,
                              _ ("The tool's own reading (the provincial document defines no "
                                 "bands): %s."),
                              zhi_text_get (&self->band->label));
      g_string_append_c (text, '\n');
    }
  switch (self->gates_state)
    {
      case ZHI_RULE_NOT_MET:
        g_string_append (text, _ ("A requirement of the standard is not met: not eligible whatever "
                                  "the points."));
        break;
      case ZHI_RULE_UNANSWERED:
        g_string_append (text, _ ("Some requirements of the standard are not answered yet."));
        break;
      case ZHI_RULE_MET:
      default:
        g_string_append (text, _ ("All requirements of the standard are met."));
        break;
    }
  for (guint i = 0; i < self->gates->len; i++)
    {
      const ZhiGateResult *gr = self->gates->pdata[i];
      const char *mark = gr->state == ZHI_RULE_MET       ? "✓"
                         : gr->state == ZHI_RULE_NOT_MET ? "✗"
                                                         : "?";

      g_string_append_printf (text, "\n  %s %s — %s", mark, zhi_text_get (&gr->gate->text),
                              gr->explain);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _ ("The provincial document sets no points: this is a self-assessment "
                            "with default weights, not the province’s decision."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
