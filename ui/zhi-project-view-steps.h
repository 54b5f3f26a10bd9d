/* zhi-project-view-steps.h — the steps of an application, in sidebar order
 *
 * Included once, by zhi-project-view.c.  A page is listed here when it exists; the
 * "criteria" entry expands to one ZhiCriterionPage per criterion of the track.
 */
#pragma once

#include "zhi-criterion-page.h"
#include "zhi-enterprise-page.h"
#include "zhi-dossier-page.h"
#include "zhi-evidence-page.h"
#include "zhi-eligibility-page.h"
#include "zhi-guide-page.h"
#include "zhi-score-page.h"

static inline GType
zhi_criterion_page_type (void)
{
  return ZHI_TYPE_CRITERION_PAGE;
}

static const ZhiStepInfo zhi_steps[] = {
  { "enterprise", N_ ("Enterprise"), "x-office-address-book-symbolic",
    zhi_enterprise_page_get_type },
  { "eligibility", N_ ("Eligibility"), "security-high-symbolic", zhi_eligibility_page_get_type },
  { "criteria", N_ ("Self-Assessment"), "view-list-ordered-symbolic", NULL },
  { "evidence", N_ ("Evidence"), "folder-documents-symbolic", zhi_evidence_page_get_type },
  { "score", N_ ("Score Preview"), "semi-starred-symbolic", zhi_score_page_get_type },
  { "dossier", N_ ("Dossier"), "x-office-document-symbolic", zhi_dossier_page_get_type },
  { "guide", N_ ("Application Guide"), "help-browser-symbolic", zhi_guide_page_get_type },
};
