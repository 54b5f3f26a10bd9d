/* zhi-evidence-page.h — 证明材料: the evidence library of an application */
#pragma once

#include <adwaita.h>

#include "zhi-page.h"

#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_TYPE_EVIDENCE_PAGE (zhi_evidence_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiEvidencePage, zhi_evidence_page, ZHI, EVIDENCE_PAGE, ZhiPage)

GtkWidget *zhi_evidence_page_new (void);

/* Attaches @files one after the other in the background, with progress rows. */
void zhi_evidence_page_add_files (ZhiEvidencePage *self, GFile *const *files, guint n_files);
/* What the drop target does with a dropped GdkFileList (or GFile) value. */
gboolean zhi_evidence_page_drop_value (ZhiEvidencePage *self, const GValue *value);
/* Files queued or being attached; how many of the current batch failed. */
guint zhi_evidence_page_get_n_attaching (ZhiEvidencePage *self);
guint zhi_evidence_page_get_n_failed (ZhiEvidencePage *self);

/* The items the list shows (search and filter applied); a ZhiEvidence list model. */
GListModel *zhi_evidence_page_get_visible_items (ZhiEvidencePage *self);
void zhi_evidence_page_set_unlinked_only (ZhiEvidencePage *self, gboolean unlinked_only);

/* The thumbnail of an item once generated (NULL before, or when there is none), and why
 * its file cannot be read (NULL when readable or not checked yet). */
GdkTexture *zhi_evidence_page_get_thumbnail (ZhiEvidencePage *self, const char *evidence_id);
const char *zhi_evidence_page_get_problem (ZhiEvidencePage *self, const char *evidence_id);
/* TRUE when the thumbnail of the item has been tried (with or without success). */
gboolean zhi_evidence_page_thumbnail_done (ZhiEvidencePage *self, const char *evidence_id);

/* Shows an item in the preview pane; the switch linking it to a criterion or rule id. */
gboolean zhi_evidence_page_select (ZhiEvidencePage *self, const char *evidence_id);
GtkSwitch *zhi_evidence_page_get_support_switch (ZhiEvidencePage *self, const char *rule_id);
/* Rendered preview pages of the selected item so far. */
guint zhi_evidence_page_get_n_preview_textures (ZhiEvidencePage *self);

/* Removes an item and offers to undo it in a toast; undo_remove is the toast's button. */
gboolean zhi_evidence_page_remove (ZhiEvidencePage *self, const char *evidence_id);
gboolean zhi_evidence_page_undo_remove (ZhiEvidencePage *self);

G_END_DECLS
