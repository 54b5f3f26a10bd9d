#pragma once

#include <adwaita.h>

#include "zhi-page.h"

G_BEGIN_DECLS

#define ZHI_TYPE_DOSSIER_PAGE (zhi_dossier_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiDossierPage, zhi_dossier_page, ZHI, DOSSIER_PAGE, ZhiPage)

/* Renders the dossier to @file (draft or final as chosen on the page), with progress. */
void zhi_dossier_page_export (ZhiDossierPage *self, GFile *file);
/* For tests: pages in the preview, and whether a render is running. */
guint zhi_dossier_page_get_n_preview_pages (ZhiDossierPage *self);
gboolean zhi_dossier_page_is_busy (ZhiDossierPage *self);
GFile *zhi_dossier_page_get_exported_file (ZhiDossierPage *self);

G_END_DECLS
