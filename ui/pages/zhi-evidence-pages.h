/* zhi-evidence-pages.h — the pages of the previewed evidence item */
#pragma once

#include <adwaita.h>

#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_EVIDENCE_PAGES (zhi_evidence_pages_get_type ())
G_DECLARE_FINAL_TYPE (ZhiEvidencePages, zhi_evidence_pages, ZHI, EVIDENCE_PAGES, AdwBin)

/* Reads @evidence's bytes from @project and shows its pages (NULL: shows nothing). */
void zhi_evidence_pages_show (ZhiEvidencePages *self, ZhiProject *project, ZhiEvidence *evidence);
/* Rendered pages kept so far. */
guint zhi_evidence_pages_get_n_textures (ZhiEvidencePages *self);

G_END_DECLS
