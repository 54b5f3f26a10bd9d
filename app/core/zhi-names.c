/* zhi-names.c — what a criterion, condition or exclusion is called where it is named */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-names.h"

/* TRANSLATORS: an eligibility condition: its mark "（一）" and short name */
#define CONDITION_NAME N_ ("Condition %s %s")
/* TRANSLATORS: a case that excludes an enterprise: its mark "（一）" and short name */
#define EXCLUSION_NAME N_ ("Exclusion %s %s")

char *
zhi_names_criterion (const ZhiCriterion *criterion, ZhiNamesLanguage language)
{
  const ZhiText *title;

  g_return_val_if_fail (criterion != NULL, NULL);

  title = &criterion->title;
  return g_strdup_printf ("%d. %s", criterion->number,
                          language == ZHI_NAMES_DOSSIER ? zhi_text_get_chinese (title)
                                                        : zhi_text_get (title));
}

char *
zhi_names_support (ZhiStandard *standard, ZhiConditions *conditions, const char *id)
{
  const ZhiCriterion *criterion
      = standard != NULL ? zhi_standard_lookup_criterion (standard, id) : NULL;
  const ZhiCondition *condition = NULL;
  const ZhiExclusion *exclusion = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (criterion != NULL)
    return zhi_names_criterion (criterion, ZHI_NAMES_USER);
  if (conditions != NULL && (condition = zhi_conditions_lookup_condition (conditions, id)) != NULL)
    return g_strdup_printf (_ (CONDITION_NAME), condition->mark,
                            zhi_text_get (&condition->short_name));
  if (conditions != NULL && zhi_conditions_lookup_encouraged (conditions, id, &condition) != NULL)
    /* （五）'s encouraged half */
    return g_strdup_printf (_ (CONDITION_NAME), condition->mark,
                            zhi_text_get (&condition->encouraged->short_name));
  if (conditions != NULL && (exclusion = zhi_conditions_lookup_exclusion (conditions, id)) != NULL)
    return g_strdup_printf (_ (EXCLUSION_NAME), exclusion->mark,
                            zhi_text_get (&exclusion->short_name));
  return g_strdup (id);
}

char *
zhi_names_rule (const ZhiRuleResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  switch (result->kind)
    {
      case ZHI_RULE_KIND_CONDITION:
        return g_strdup_printf (_ (CONDITION_NAME), result->mark, result->title);
      case ZHI_RULE_KIND_EXCLUSION:
        return g_strdup_printf (_ (EXCLUSION_NAME), result->mark, result->title);
      case ZHI_RULE_KIND_GATE:
      default:
        return g_strdup (result->title);
    }
}
