/* zhi-project-view-steps.h — the steps of an application, in sidebar order
 *
 * Included once, by zhi-project-view.c.  A page is listed here when it exists; the
 * "criteria" entry expands to one ZhiCriterionPage per criterion of the track.
 */
#pragma once

#include "zhi-guide-page.h"
#include "zhi-score-page.h"

/* G_TYPE_INVALID until the criterion page exists */
static inline GType
zhi_criterion_page_type (void)
{
  return G_TYPE_INVALID;
}

static const ZhiStepInfo zhi_steps[] = {
  { "score", N_ ("Score Preview"), "semi-starred-symbolic", zhi_score_page_get_type },
  { "guide", N_ ("Application Guide"), "help-browser-symbolic", zhi_guide_page_get_type },
};
