/* zhi-eligibility.h — 申报条件: conditions （一）–（六）, exclusions （一）–（三） and the track's
 * gates
 *
 * Answers: a bool at the condition id ("cond-1" …, yes = the applicant meets it) and at the
 * exclusion id ("excl-1" …, yes = the bad situation applies).  Condition （一） also needs a valid
 * unified social credit code registered in Liaoning, unless an explanation is recorded as the
 * note of "credit-code".  Condition （四） also looks at the standard's five KPIs (zhi-kpi.h): met
 * when the applicant confirms it and at least one KPI improved; not met when all KPIs are entered
 * and none improved; unanswered while no KPI shows an improvement and some are missing or have a
 * baseline of 0 (each named in the reason; a KPI that got worse is named too).  Condition （五）
 * decides by its first half (智能制造实践取得技术突破, answer "cond-5") like the others; its second
 * half (鼓励使用安全可控的关键技术装备和工业软件) is encouragement: a rule of its own
 * ("cond-5.encouraged", from the condition's "encouraged" part in conditions.json) that is
 * reported but never decides.
 *
 * Verdict: any exclusion that applies, or a deciding condition or gate not met → not eligible
 * (every failing rule named); else anything unanswered → incomplete (what is missing listed);
 * else eligible.
 */
#pragma once

#include "zhi-answers.h"
#include "zhi-credit-code.h"
#include "zhi-scoring.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

#define ZHI_CREDIT_CODE_NOTE_ID "credit-code"

typedef enum
{
  ZHI_RULE_KIND_CONDITION,
  ZHI_RULE_KIND_EXCLUSION,
  ZHI_RULE_KIND_GATE,
} ZhiRuleKind;

typedef enum
{
  ZHI_VERDICT_ELIGIBLE,
  ZHI_VERDICT_INCOMPLETE,
  ZHI_VERDICT_NOT_ELIGIBLE,
} ZhiVerdict;

typedef struct
{
  ZhiRuleKind kind;
  const char *id;    /* "cond-1", "cond-5.encouraged", "excl-2", "gate.w02-equipment-ratio" */
  const char *mark;  /* "（一）"; NULL for gates */
  const char *title; /* short name (conditions, exclusions) or the gate's text, user's language */
  const char *text;  /* the seed's wording in the user's language */
  gboolean decides;  /* FALSE for an encouraged part (鼓励…) */
  ZhiRuleState state;
  char *reason; /* why, in the user's language */
} ZhiRuleResult;

typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  ZhiStandard *standard;
  ZhiConditions *conditions;
  /*< public, read-only >*/
  ZhiVerdict verdict;
  GPtrArray *rules;     /* ZhiRuleResult *: conditions, exclusions, then gates */
  ZhiCreditCode credit; /* the checked credit code */
  char *summary; /* "Not eligible: …" / "Incomplete — still to answer: …" / "Meets …" */
} ZhiEligibility;

#define ZHI_TYPE_ELIGIBILITY (zhi_eligibility_get_type ())
GType zhi_eligibility_get_type (void) G_GNUC_CONST;
ZhiEligibility *zhi_eligibility_ref (ZhiEligibility *self);
void zhi_eligibility_unref (ZhiEligibility *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiEligibility, zhi_eligibility_unref)

/* standard may be NULL (no track chosen yet): the gates are then left out.  credit_code may be
 * NULL or "" (condition （一） is then unanswered). */
ZhiEligibility *zhi_eligibility_evaluate (ZhiStandard *standard,
                                          ZhiConditions *conditions,
                                          const ZhiAnswers *answers,
                                          const char *credit_code);

const ZhiRuleResult *zhi_eligibility_lookup (const ZhiEligibility *self, const char *id);
/* The deciding rules in a state (not owned pointers), e.g. every failing rule. */
GPtrArray *zhi_eligibility_list (const ZhiEligibility *self, ZhiRuleState state);

/* "Eligible" / "Incomplete" / "Not eligible", translated (符合申报条件 / 待完善 / 不符合申报条件)
 */
const char *zhi_verdict_to_label (ZhiVerdict verdict);
/* "eligible" / "incomplete" / "not-eligible" for JSON */
const char *zhi_verdict_to_string (ZhiVerdict verdict);
/* "met" / "not-met" / "unanswered" for JSON */
const char *zhi_rule_state_to_string (ZhiRuleState state);

G_END_DECLS
