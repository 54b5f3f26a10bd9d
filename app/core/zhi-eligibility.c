/* zhi-eligibility.c — 申报条件 evaluated from the answers (rules in zhi-eligibility.h) */
#include "zhi-eligibility.h"

#include "zhi-kpi.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (ZhiEligibility, zhi_eligibility, zhi_eligibility_ref, zhi_eligibility_unref)

static void
rule_free (gpointer data)
{
  ZhiRuleResult *rule = data;

  g_free (rule->reason);
  g_free (rule);
}

ZhiEligibility *
zhi_eligibility_ref (ZhiEligibility *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
zhi_eligibility_unref (ZhiEligibility *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_object (&self->standard);
  g_clear_object (&self->conditions);
  g_free (self->summary);
  g_free (self);
}

const char *
zhi_verdict_to_label (ZhiVerdict verdict)
{
  switch (verdict)
    {
      case ZHI_VERDICT_ELIGIBLE:
        return _ ("Eligible");
      case ZHI_VERDICT_INCOMPLETE:
        return _ ("Incomplete");
      case ZHI_VERDICT_NOT_ELIGIBLE:
      default:
        return _ ("Not eligible");
    }
}

const char *
zhi_verdict_to_string (ZhiVerdict verdict)
{
  switch (verdict)
    {
      case ZHI_VERDICT_ELIGIBLE:
        return "eligible";
      case ZHI_VERDICT_INCOMPLETE:
        return "incomplete";
      case ZHI_VERDICT_NOT_ELIGIBLE:
      default:
        return "not-eligible";
    }
}

const char *
zhi_rule_state_to_string (ZhiRuleState state)
{
  switch (state)
    {
      case ZHI_RULE_MET:
        return "met";
      case ZHI_RULE_NOT_MET:
        return "not-met";
      case ZHI_RULE_UNANSWERED:
      default:
        return "unanswered";
    }
}

/* The plain bool answer as a rule state; for exclusions yes means not met. */
static ZhiRuleState
bool_state (const ZhiAnswers *answers, const char *id, gboolean inverted)
{
  gboolean value = FALSE;

  if (!zhi_answers_get_bool (answers, id, &value))
    return ZHI_RULE_UNANSWERED;
  return (inverted ? !value : value) ? ZHI_RULE_MET : ZHI_RULE_NOT_MET;
}

static ZhiRuleState
worse (ZhiRuleState a, ZhiRuleState b)
{
  if (a == ZHI_RULE_NOT_MET || b == ZHI_RULE_NOT_MET)
    return ZHI_RULE_NOT_MET;
  if (a == ZHI_RULE_UNANSWERED || b == ZHI_RULE_UNANSWERED)
    return ZHI_RULE_UNANSWERED;
  return ZHI_RULE_MET;
}

static char *
condition_headline (ZhiRuleState state, const char *mark, const char *text)
{
  switch (state)
    {
      case ZHI_RULE_MET:
        return g_strdup_printf (_ ("Confirmed: %s%s"), mark, text);
      case ZHI_RULE_NOT_MET:
        return g_strdup_printf (_ ("Not met: %s%s"), mark, text);
      case ZHI_RULE_UNANSWERED:
      default:
        return g_strdup_printf (_ ("Not answered yet: %s%s"), mark, text);
    }
}

/* Condition （一）'s credit-code part; appends to notes. */
static ZhiRuleState
credit_code_state (ZhiEligibility *self, const ZhiAnswers *answers, GPtrArray *notes)
{
  const char *note = zhi_answers_get_note (answers, ZHI_CREDIT_CODE_NOTE_ID);
  gboolean explained = note != NULL && note[0] != '\0';
  const ZhiCreditCode *info = &self->credit;

  if (info->status == ZHI_CREDIT_CODE_EMPTY)
    {
      g_ptr_array_add (notes, g_strdup (_ ("Enter the enterprise’s unified social credit code.")));
      return ZHI_RULE_UNANSWERED;
    }
  if (info->status != ZHI_CREDIT_CODE_VALID)
    {
      g_autofree char *why = zhi_credit_code_describe (info);

      if (explained)
        {
          g_ptr_array_add (notes,
                           g_strdup_printf (_ ("The unified social credit code does not check "
                                               "out (%s); explanation recorded: %s"),
                                            why, note));
          return ZHI_RULE_MET;
        }
      g_ptr_array_add (notes, g_strdup_printf (_ ("The unified social credit code is not valid: %s "
                                                  "Correct it, or record an explanation."),
                                               why));
      return ZHI_RULE_NOT_MET;
    }
  if (!info->in_liaoning)
    {
      if (explained)
        {
          g_ptr_array_add (notes,
                           g_strdup_printf (_ ("The credit code %s was issued outside "
                                               "Liaoning (region %s); explanation recorded: %s"),
                                            info->normalized, info->region_code, note));
          return ZHI_RULE_MET;
        }
      g_ptr_array_add (notes,
                       g_strdup_printf (_ ("The credit code %s was issued outside Liaoning "
                                           "(region %s), but the enterprise must be "
                                           "registered in Liaoning. Record an explanation if "
                                           "it is registered there all the same."),
                                        info->normalized, info->region_code));
      return ZHI_RULE_NOT_MET;
    }
  {
    const char *city
        = info->city_zh != NULL ? zhi_i18n_pick (info->city_zh, info->city_en) : info->region_code;

    g_ptr_array_add (notes, g_strdup_printf (_ ("Credit code %s is valid and registered in "
                                                "Liaoning (%s)."),
                                             info->normalized, city));
  }
  return ZHI_RULE_MET;
}

/* Condition （四）'s KPI part.  The seed asks for 显著效果 in 研制周期, 劳动生产率, 运维成本,
 * 能源利用率 and 不良品率: qualitative, so the enterprise's own answer decides and the figures
 * support it.  They decide only where they contradict it outright: MET when at least one KPI
 * improved; NOT_MET when all are entered and usable and none improved; else UNANSWERED.  A
 * missing value or a baseline of 0 is named (never counted as an improvement), and a KPI that got
 * worse is flagged.  Appends the figures to notes. */
static ZhiRuleState
kpi_state (ZhiStandard *standard, const ZhiAnswers *answers, GPtrArray *notes)
{
  GPtrArray *kpis;
  g_autoptr (GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) worse = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  guint improved = 0;

  if (standard == NULL || zhi_standard_get_kpis (standard)->len == 0)
    return ZHI_RULE_MET;
  kpis = zhi_standard_get_kpis (standard);
  for (guint i = 0; i < kpis->len; i++)
    {
      const ZhiIndicator *ind = kpis->pdata[i];
      ZhiKpiFigures f;

      zhi_kpi_read (ind, answers, &f);
      if (!zhi_kpi_trend_is_usable (f.trend))
        {
          g_ptr_array_add (errors, zhi_kpi_describe (ind, &f));
          continue;
        }
      if (f.trend == ZHI_KPI_IMPROVED)
        improved++;
      else if (f.trend == ZHI_KPI_WORSE)
        g_ptr_array_add (worse, (gpointer)zhi_text_get (&ind->label));
      g_ptr_array_add (details, zhi_kpi_describe (ind, &f));
    }
  if (details->len > 0)
    {
      g_ptr_array_add (details, NULL);
      joined = g_strjoinv (_ ("; "), (char **)details->pdata);
      g_ptr_array_add (notes, g_strdup_printf (_ ("Results: %u of %u indicators improved (%s)."),
                                               improved, kpis->len, joined));
    }
  if (worse->len > 0)
    {
      g_ptr_array_add (worse, NULL);
      g_clear_pointer (&joined, g_free);
      joined = g_strjoinv (_ (", "), (char **)worse->pdata);
      g_ptr_array_add (notes, g_strdup_printf (_ ("Got worse: %s."), joined));
    }
  if (errors->len > 0)
    {
      g_ptr_array_add (errors, NULL);
      g_clear_pointer (&joined, g_free);
      joined = g_strjoinv (_ ("; "), (char **)errors->pdata);
      g_ptr_array_add (notes, g_strdup_printf (_ ("To correct: %s."), joined));
    }
  if (improved > 0)
    return ZHI_RULE_MET;
  if (errors->len == 0)
    {
      g_ptr_array_add (notes, g_strdup (_ ("None of the indicators shows an improvement, but the "
                                           "condition asks for marked results.")));
      return ZHI_RULE_NOT_MET;
    }
  return ZHI_RULE_UNANSWERED;
}

static char *
join_reason (char *headline, GPtrArray *notes)
{
  g_autoptr (GString) text = g_string_new (headline);

  g_free (headline);
  for (guint i = 0; i < notes->len; i++)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, notes->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The encouraged half of a condition (（五）: 鼓励使用安全可控的关键技术装备和工业软件): its own
 * rule, answered on its own, reported but never deciding. */
static void
add_encouraged (ZhiEligibility *self, const ZhiAnswers *answers, const ZhiCondition *cond)
{
  const ZhiEncouraged *part = cond->encouraged;
  ZhiRuleResult *rule = g_new0 (ZhiRuleResult, 1);
  gboolean value = FALSE;
  const char *text;

  rule->kind = ZHI_RULE_KIND_CONDITION;
  rule->id = part->id;
  rule->mark = cond->mark;
  rule->title = zhi_text_get (&part->short_name);
  rule->text = text = zhi_text_get (&part->text);
  rule->decides = FALSE;
  rule->state = bool_state (answers, part->id, FALSE);
  if (!zhi_answers_get_bool (answers, part->id, &value))
    rule->reason = g_strdup_printf (_ ("Encouraged, not answered yet: %s%s It does not decide "
                                       "eligibility."),
                                    cond->mark, text);
  else if (value)
    rule->reason = g_strdup_printf (_ ("Encouraged, and the enterprise does so: %s%s It does not "
                                       "decide eligibility."),
                                    cond->mark, text);
  else
    rule->reason = g_strdup_printf (_ ("Encouraged, and the enterprise does not do so: %s%s It "
                                       "does not decide eligibility."),
                                    cond->mark, text);
  g_ptr_array_add (self->rules, rule);
}

static void
add_conditions (ZhiEligibility *self, const ZhiAnswers *answers)
{
  GPtrArray *conditions = zhi_conditions_get_conditions (self->conditions);

  for (guint i = 0; i < conditions->len; i++)
    {
      const ZhiCondition *cond = conditions->pdata[i];
      ZhiRuleResult *rule = g_new0 (ZhiRuleResult, 1);
      g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      ZhiRuleState own = bool_state (answers, cond->id, FALSE);

      rule->kind = ZHI_RULE_KIND_CONDITION;
      rule->id = cond->id;
      rule->mark = cond->mark;
      rule->title = zhi_text_get (&cond->short_name);
      rule->text = zhi_text_get (&cond->text);
      rule->decides = cond->required;
      rule->state = own;
      if (strcmp (cond->id, "cond-1") == 0)
        rule->state = worse (own, credit_code_state (self, answers, notes));
      else if (strcmp (cond->id, "cond-4") == 0 && own != ZHI_RULE_NOT_MET)
        rule->state = worse (own, kpi_state (self->standard, answers, notes));
      if (!cond->required)
        g_ptr_array_insert (notes, 0,
                            g_strdup (_ ("Encouraged: reported, but it does not decide "
                                         "eligibility.")));
      /* a condition with an encouraged part decides by its other part, named by its short name */
      rule->reason
          = join_reason (condition_headline (rule->state, cond->mark,
                                             cond->encouraged != NULL ? rule->title : rule->text),
                         notes);
      g_ptr_array_add (self->rules, rule);
      if (cond->encouraged != NULL)
        add_encouraged (self, answers, cond);
    }
}

static void
add_exclusions (ZhiEligibility *self, const ZhiAnswers *answers)
{
  GPtrArray *exclusions = zhi_conditions_get_exclusions (self->conditions);

  for (guint i = 0; i < exclusions->len; i++)
    {
      const ZhiExclusion *excl = exclusions->pdata[i];
      ZhiRuleResult *rule = g_new0 (ZhiRuleResult, 1);

      rule->kind = ZHI_RULE_KIND_EXCLUSION;
      rule->id = excl->id;
      rule->mark = excl->mark;
      rule->title = zhi_text_get (&excl->short_name);
      rule->text = zhi_text_get (&excl->text);
      rule->decides = TRUE;
      rule->state = bool_state (answers, excl->id, TRUE);
      switch (rule->state)
        {
          case ZHI_RULE_NOT_MET:
            rule->reason = g_strdup_printf (_ ("Applies, so the enterprise may not apply: %s%s"),
                                            excl->mark, rule->text);
            break;
          case ZHI_RULE_MET:
            rule->reason = g_strdup_printf (_ ("Does not apply: %s%s"), excl->mark, rule->text);
            break;
          case ZHI_RULE_UNANSWERED:
          default:
            rule->reason = g_strdup_printf (_ ("Not answered yet: %s%s"), excl->mark, rule->text);
            break;
        }
      g_ptr_array_add (self->rules, rule);
    }
}

static void
add_gates (ZhiEligibility *self, const ZhiAnswers *answers)
{
  GPtrArray *gates;

  if (self->standard == NULL)
    return;
  gates = zhi_standard_get_gates (self->standard);
  for (guint i = 0; i < gates->len; i++)
    {
      const ZhiGate *gate = gates->pdata[i];
      ZhiIndicatorResult *r = zhi_indicator_evaluate (gate->indicator, answers, 0);
      ZhiRuleResult *rule = g_new0 (ZhiRuleResult, 1);

      rule->kind = ZHI_RULE_KIND_GATE;
      rule->id = gate->id;
      rule->title = zhi_text_get (&gate->text);
      rule->text = rule->title;
      rule->decides = TRUE;
      rule->state = zhi_indicator_result_state (r);
      switch (rule->state)
        {
          case ZHI_RULE_MET:
            rule->reason = g_strdup_printf (_ ("Met: %s (%s)"), rule->title, r->detail);
            break;
          case ZHI_RULE_NOT_MET:
            rule->reason = g_strdup_printf (_ ("Not met: %s (%s; %s)"), rule->title, r->detail,
                                            zhi_text_get (&gate->source));
            break;
          case ZHI_RULE_UNANSWERED:
          default:
            rule->reason
                = g_strdup_printf (_ ("Not answered yet: %s (%s)"), rule->title, r->detail);
            break;
        }
      zhi_indicator_result_free (r);
      g_ptr_array_add (self->rules, rule);
    }
}

/* "condition （一） 辽宁注册…", "exclusion （二） …", or the gate's text */
static char *
rule_name (const ZhiRuleResult *rule)
{
  switch (rule->kind)
    {
      case ZHI_RULE_KIND_CONDITION:
        return g_strdup_printf (_ ("condition %s %s"), rule->mark, rule->title);
      case ZHI_RULE_KIND_EXCLUSION:
        return g_strdup_printf (_ ("exclusion %s %s"), rule->mark, rule->title);
      case ZHI_RULE_KIND_GATE:
      default:
        return g_strdup (rule->title);
    }
}

static char *
names_of (GPtrArray *rules)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rules->len; i++)
    g_ptr_array_add (names, rule_name (rules->pdata[i]));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (_ ("; "), (char **)names->pdata);
}

ZhiEligibility *
zhi_eligibility_evaluate (ZhiStandard *standard,
                          ZhiConditions *conditions,
                          const ZhiAnswers *answers,
                          const char *credit_code)
{
  ZhiEligibility *self;
  g_autoptr (GPtrArray) failing = NULL;
  g_autoptr (GPtrArray) missing = NULL;

  g_return_val_if_fail (standard == NULL || ZHI_IS_STANDARD (standard), NULL);
  g_return_val_if_fail (ZHI_IS_CONDITIONS (conditions), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  self = g_new0 (ZhiEligibility, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->standard = standard != NULL ? g_object_ref (standard) : NULL;
  self->conditions = g_object_ref (conditions);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  zhi_credit_code_check (credit_code != NULL ? credit_code : "", &self->credit);

  add_conditions (self, answers);
  add_exclusions (self, answers);
  add_gates (self, answers);

  failing = zhi_eligibility_list (self, ZHI_RULE_NOT_MET);
  missing = zhi_eligibility_list (self, ZHI_RULE_UNANSWERED);
  if (failing->len > 0)
    {
      g_autofree char *names = names_of (failing);

      self->verdict = ZHI_VERDICT_NOT_ELIGIBLE;
      self->summary = g_strdup_printf (_ ("Not eligible: %s."), names);
    }
  else if (missing->len > 0)
    {
      g_autofree char *names = names_of (missing);

      self->verdict = ZHI_VERDICT_INCOMPLETE;
      self->summary = g_strdup_printf (_ ("Incomplete — still to answer: %s."), names);
    }
  else
    {
      self->verdict = ZHI_VERDICT_ELIGIBLE;
      self->summary = g_strdup (_ ("Meets the application conditions."));
    }
  return self;
}

const ZhiRuleResult *
zhi_eligibility_lookup (const ZhiEligibility *self, const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; id != NULL && i < self->rules->len; i++)
    if (strcmp (((ZhiRuleResult *)self->rules->pdata[i])->id, id) == 0)
      return self->rules->pdata[i];
  return NULL;
}

GPtrArray *
zhi_eligibility_list (const ZhiEligibility *self, ZhiRuleState state)
{
  GPtrArray *list;

  g_return_val_if_fail (self != NULL, NULL);
  list = g_ptr_array_new ();
  for (guint i = 0; i < self->rules->len; i++)
    {
      ZhiRuleResult *rule = self->rules->pdata[i];

      if (rule->decides && rule->state == state)
        g_ptr_array_add (list, rule);
    }
  return list;
}
