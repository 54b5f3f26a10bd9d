/* zhi-evidence-row.h — one item of the evidence library (a row of the evidence page's list) */
#pragma once

#include <gtk/gtk.h>

#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_EVIDENCE_ROW (zhi_evidence_row_get_type ())
G_DECLARE_FINAL_TYPE (ZhiEvidenceRow, zhi_evidence_row, ZHI, EVIDENCE_ROW, GtkBox)

GtkWidget *zhi_evidence_row_new (void);
/* The item shown (NULL while the row is not bound); the row does not listen to it. */
ZhiEvidence *zhi_evidence_row_get_evidence (ZhiEvidenceRow *self);
void zhi_evidence_row_set_evidence (ZhiEvidenceRow *self, ZhiEvidence *evidence);
/* Shows the item again: @supports names what it supports ("Supports: 3. …" or that it
 * supports nothing), its thumbnail (and why the file cannot be read) comes from the cache. */
void zhi_evidence_row_update (ZhiEvidenceRow *self, const char *supports);

G_END_DECLS
