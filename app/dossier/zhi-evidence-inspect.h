/* zhi-evidence-inspect.h — does an evidence file open?  (poppler, libjpeg, libpng)
 *
 * Usable means a reviewer can read it in the dossier: a PDF that poppler opens without a
 * password and that has at least one page, or a JPEG or PNG picture that decodes to its
 * last row.  Everything else is kept in the project but counts for nothing; the reason is
 * one of the ZHI_EVIDENCE_PROBLEM_* codes (app/core/zhi-project.h):
 *
 *   empty         0 bytes
 *   encrypted     a PDF that needs a password to open (an owner password alone is fine)
 *   damaged       a PDF poppler cannot open, or a picture that does not decode (truncated)
 *   no-pages      a PDF with no page
 *   not-a-pdf     the name or type says PDF, the content is something else
 *   not-an-image  the name or type says picture, the content is no JPEG or PNG
 *   not-converted a Word, Excel … document not converted to PDF yet (zhi-office-convert.h)
 *   unsupported   anything else (TIFF …): the dossier cannot embed it
 *
 * The file is read in place, never loaded whole: poppler reads what it needs from the file,
 * pictures are decoded in 64 KiB chunks with the rows thrown away (a JPEG at 1/8 scale). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The ZhiEvidenceInspector of app/core/zhi-store.h: TRUE with *problem NULL (usable,
 * *pages set) or a reason code (newly allocated); FALSE with @error only when cancelled or
 * when the file cannot be read at all.  Thread-safe. */
gboolean zhi_evidence_inspect_file (GFile *file,
                                    const char *media_type,
                                    guint *pages,
                                    char **problem,
                                    GCancellable *cancellable,
                                    GError **error);

/* Installs zhi_evidence_inspect_file as the store's inspector (zhi_evidence_set_inspector).
 * Programs call it once at startup: zhizao-cli, the application, the tests. */
void zhi_evidence_inspector_install (void);

/* The reason in Chinese for the dossier (which is always Chinese), e.g. “空文件”. */
const char *zhi_evidence_problem_zh (const char *problem);

G_END_DECLS
