/* zhi-evaluation.h — a project's live verdict: eligibility, score and the pre-submit checklist
 *
 * One object per open project, shared by the CLI (validate, score), the window (sidebar
 * badges, live score, checklist) and the dossier (draft or final).  It follows the project's
 * track and recomputes after every change, so every reader sees the same numbers.
 *
 * How the project feeds the engines:
 * - a criterion's `text` indicators are answered by its narrative (建设内容): required content
 *   that earns no points (empty blocks a final dossier; a length outside the standard's
 *   min_chars..max_chars is a warning worded as the tool's advice, not the province's rule);
 * - a `count` indicator derived from "scenarios" counts the project's application scenarios;
 * - a criterion is evidenced when at least one usable evidence item supports it: a document
 *   that does not open (zhi_evidence_get_usable) counts for nothing; the checklist names it
 *   ("unusable-evidence") and blocks on a claim that has no other support
 *   ("unusable-only-evidence").  The same bytes attached twice ("duplicate-evidence") are
 *   one document: a criterion is evidenced or not, never twice, and document counts count
 *   distinct contents.
 */
#pragma once

#include "zhi-eligibility.h"
#include "zhi-project.h"
#include "zhi-scoring.h"

G_BEGIN_DECLS

typedef enum
{
  ZHI_PROBLEM_BLOCKING, /* the dossier cannot be final while it remains */
  ZHI_PROBLEM_WARNING,  /* weakens the application, does not block it */
} ZhiProblemSeverity;

typedef struct
{
  ZhiProblemSeverity severity;
  char *step;    /* where to fix it: "enterprise", "eligibility", "criterion:w02", "evidence" */
  char *field;   /* the field or id to focus there ("credit-code", "w02.smart-equipment-ratio",
                  * an evidence id), or NULL */
  char *code;    /* stable, for JSON: "missing-name", "rule-not-met", "no-evidence", … */
  char *message; /* in the user's language: what is wrong and what to do */
} ZhiProblem;

#define ZHI_TYPE_EVALUATION (zhi_evaluation_get_type ())
G_DECLARE_FINAL_TYPE (ZhiEvaluation, zhi_evaluation, ZHI, EVALUATION, GObject)

/* Computes at once; then again shortly after each change of @project (::updated). */
ZhiEvaluation *zhi_evaluation_new (ZhiProject *project);
ZhiProject *zhi_evaluation_get_project (ZhiEvaluation *self);
/* Recompute now (the CLI and tests; the UI lets the idle do it). */
void zhi_evaluation_update (ZhiEvaluation *self);

/* NULL while the project has no track (or its standard failed to load). */
ZhiStandard *zhi_evaluation_get_standard (ZhiEvaluation *self);
ZhiScore *zhi_evaluation_get_score (ZhiEvaluation *self);
ZhiEligibility *zhi_evaluation_get_eligibility (ZhiEvaluation *self);
/* ZhiProblem *, blocking ones first, then in step order */
GPtrArray *zhi_evaluation_get_problems (ZhiEvaluation *self);
guint zhi_evaluation_count_problems (ZhiEvaluation *self, const char *step, gboolean blocking_only);
gboolean zhi_evaluation_has_blocking_problems (ZhiEvaluation *self);
/* The one source of a step's open items: the problems of @step ("enterprise", "eligibility",
 * "criterion:w02", "evidence"; "criteria" for every criterion; NULL for all), in checklist
 * order.  The sidebar badge counts them (✓ only when there are none), the step's page lists
 * them, the checklist shows them and `zhizao-cli validate --json` prints them under "steps".
 * A new array of borrowed ZhiProblem *, valid until the next update. */
GPtrArray *zhi_evaluation_list_open_items (ZhiEvaluation *self, const char *step);
/* The pre-submit checklist: the open items of every step, in order, except that the items of
 * one step sharing a code (e.g. 200 documents linked to nothing) become one entry when there
 * are more than ZHI_CHECKLIST_GROUP_MAX of them, its message saying how many and what to do.
 * One entry per item otherwise.  A new array of ZhiChecklistEntry *, valid until the next
 * update (its problems are borrowed). */
#define ZHI_CHECKLIST_GROUP_MAX 5
typedef struct
{
  const ZhiProblem *problem; /* the first (for a group) or only item */
  guint n_items;             /* 1, or how many items the entry stands for */
  char *message;             /* the entry's text: the item's message, or the group's */
} ZhiChecklistEntry;

GPtrArray *zhi_evaluation_list_checklist (ZhiEvaluation *self);
/* The first open item of @step about @field, or NULL. */
const ZhiProblem *
zhi_evaluation_lookup_open_item (ZhiEvaluation *self, const char *step, const char *field);
gboolean zhi_problem_in_step (const ZhiProblem *problem, const char *step);
/* The usable documents supporting a criterion or rule id, copies with the same SHA-256
 * counted once. */
guint zhi_evaluation_count_documents (ZhiEvaluation *self, const char *id);
/* The answers the engines saw (narratives and scenario counts filled in). */
ZhiAnswers *zhi_evaluation_get_effective_answers (ZhiEvaluation *self);

/* The whole result as JSON: verdict, rules, score per criterion with explanations,
 * problems.  Used by `zhizao-cli validate --json` and `score --json`. */
JsonNode *zhi_evaluation_to_json (ZhiEvaluation *self);
const char *zhi_problem_severity_to_string (ZhiProblemSeverity severity);
/* An empty list of problems (ZhiProblem *) that frees them with it. */
GPtrArray *zhi_problem_list_new (void);
/* Appends a new problem to @problems (ZhiProblem *, freed by the array); takes @message. */
void zhi_problem_list_add (GPtrArray *problems,
                           ZhiProblemSeverity severity,
                           const char *step,
                           const char *field,
                           const char *code,
                           char *message);

G_END_DECLS
