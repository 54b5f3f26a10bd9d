/* zhi-project-view-steps.h — the steps of an application, in sidebar order
 *
 * Included once, by zhi-project-view.c.  A page is listed here when it exists; the
 * "criteria" entry expands to one ZhiCriterionPage per criterion of the track.
 */
#pragma once

#include "zhi-criterion-page.h"
#include "zhi-guide-page.h"

static inline GType
zhi_criterion_page_type (void)
{
  return ZHI_TYPE_CRITERION_PAGE;
}

static const ZhiStepInfo zhi_steps[] = {
  { "criteria", N_ ("Self-Assessment"), "checkbox-checked-symbolic", NULL },
  { "guide", N_ ("Application Guide"), "help-browser-symbolic", zhi_guide_page_get_type },
};
