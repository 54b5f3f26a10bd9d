/* zhi-rule-evidence-row.h — the evidence a condition or exclusion rests on, on the
 * eligibility page: the linked items, and a popover to link items of the library */
#pragma once

#include <adwaita.h>

#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_RULE_EVIDENCE_ROW (zhi_rule_evidence_row_get_type ())
G_DECLARE_FINAL_TYPE (
    ZhiRuleEvidenceRow, zhi_rule_evidence_row, ZHI, RULE_EVIDENCE_ROW, AdwActionRow)

/* @rule_id: the condition or exclusion; @button_label: the accessible name of its button */
GtkWidget *zhi_rule_evidence_row_new (const char *rule_id, const char *button_label);
void zhi_rule_evidence_row_set_project (ZhiRuleEvidenceRow *self, ZhiProject *project);
/* Lists the items linked to the rule (those that do not open marked as unusable). */
void zhi_rule_evidence_row_refresh (ZhiRuleEvidenceRow *self);
GtkWidget *zhi_rule_evidence_row_get_button (ZhiRuleEvidenceRow *self);

G_END_DECLS
