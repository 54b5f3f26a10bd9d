/* zhi-names.h — what a criterion, condition or exclusion is called where it is named
 *
 * One place for the names the evidence page, the checklist and messages show for the ids an
 * evidence item may support.
 */
#pragma once

#include "zhi-eligibility.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

/* The language a name is given in. */
typedef enum
{
  ZHI_NAMES_USER,    /* the user's, as the window shows it (gettext's language) */
  ZHI_NAMES_DOSSIER, /* Chinese, whatever the user's language: the dossier is a Chinese document */
} ZhiNamesLanguage;

/* "3. 生产线智能化运行" ("3. Intelligent operation of production lines" in English): a
 * criterion's number and title.  Free with g_free(). */
char *zhi_names_criterion (const ZhiCriterion *criterion, ZhiNamesLanguage language);

/* In the user's language: "3. 生产线智能化运行" for a criterion of @standard, "条件（一）依法设立"
 * for a condition (or its encouraged half) or exclusion of @conditions (either may be NULL),
 * else @id itself.  Free with g_free(). */
char *zhi_names_support (ZhiStandard *standard, ZhiConditions *conditions, const char *id);
/* The same name for a rule of an eligibility result; a gate is named by its text. */
char *zhi_names_rule (const ZhiRuleResult *result);

G_END_DECLS
