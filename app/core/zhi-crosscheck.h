/* zhi-crosscheck.h — the consistency checks a reviewer makes in the first minutes
 *
 * Each finding is a ZhiProblem (zhi-evaluation.h) whose step and field lead to the fields
 * involved:
 * - "industry-track-mismatch" (warning): a smart factory whose GB/T 4754 division suggests
 *   the other factory track (the seed tells the two apart by production characteristics and
 *   names typical industries; the division mapping is this tool's suggestion).  A digital
 *   workshop may be in any division.
 * - "too-few-workshops" (blocking): a smart factory that lists fewer than two digital
 *   workshops (the seed: 实现多个数字化车间的统一管理和协同生产).
 * - "workshop-count-mismatch" (blocking): the number of digital workshops answered on the
 *   eligibility page differs from the workshops listed on the enterprise page.
 * - "workshops-not-named" (warning): a factory answered a count but named no workshop.
 * - "scenario-without-criterion" (warning): a scenario linked to no criterion of the track.
 * - "investment-parts-exceed-total" (blocking): software + hardware exceed the total.
 * - "funding-exceeds-total" (warning, the text is read by pattern): the amounts (万元 / 亿元)
 * written in the sources of funds add up to more than the total, or their percentages to more than
 * 100 %.
 * - "in-use-date-in-future", "in-use-date-before-founding", "founding-date-in-future"
 *   (blocking), "bad-date" (warning: not a YYYY-MM-DD date).
 */
#pragma once

#include "zhi-evaluation.h"

G_BEGIN_DECLS

/* Appends the problems found in @project to @problems (whose free function frees
 * ZhiProblem values as zhi-evaluation.c does).  @standard is the track's standard or
 * NULL; @answers the answers the engines saw.  @today NULL means the local date now. */
void zhi_crosscheck_run (ZhiProject *project,
                         ZhiStandard *standard,
                         ZhiAnswers *answers,
                         const GDate *today,
                         GPtrArray *problems);

/* The sum of the amounts in a sources-of-funds text, in 万元 ("自筹 4200 万元，贷款 0.08 亿元"
 * → 5000), and of its percentages ("自筹 80%，贷款 20%" → 100).  Each is -1 when the
 * text has none. */
void zhi_crosscheck_parse_funding (const char *text, double *amount, double *percent);

G_END_DECLS
