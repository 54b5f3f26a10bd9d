/* zhi-office-convert.h — office documents (Word, Excel, PowerPoint, OpenDocument) become
 * evidence through a PDF that LibreOffice makes of them
 *
 * `soffice --headless --convert-to pdf`, run with a private profile in a temporary folder
 * (a LibreOffice the user has open is untouched) and a zh_CN locale (CJK text picks
 * Simplified Chinese fonts).  All the documents of one call convert in ONE LibreOffice run.
 * A run that takes longer than its timeout, or is cancelled, is killed with everything it
 * started.  The project keeps the original and the PDF (zhi_project_set_evidence_pdf());
 * until converted an office document is kept but not usable (problem "not-converted"). */
#pragma once

#include "zhi-project.h"
#include "zhi-store.h"

G_BEGIN_DECLS

#define ZHI_OFFICE_ERROR (zhi_office_error_quark ())
GQuark zhi_office_error_quark (void);
typedef enum
{
  ZHI_OFFICE_ERROR_NOT_INSTALLED, /* no soffice in PATH: the message says how to install it */
  ZHI_OFFICE_ERROR_FAILED,        /* LibreOffice ran but made no PDF of a document */
  ZHI_OFFICE_ERROR_TIMEOUT,       /* killed after the timeout */
} ZhiOfficeError;

/* The command that installs what converting needs (Debian 12). */
#define ZHI_OFFICE_INSTALL_COMMAND                                                                 \
  "sudo apt install libreoffice-writer-nogui libreoffice-calc-nogui"

/* By the name's extension (.docx .doc .xlsx .xls .pptx .odt .ods, any case) or the media
 * type (either may be NULL). */
gboolean zhi_office_is_document (const char *file_name, const char *media_type);
/* soffice's path in PATH, or NULL */
char *zhi_office_find_soffice (void);

/* Converts @paths (distinct base names) to @outdir/<name without extension>.pdf in one run.
 * FALSE with ZHI_OFFICE_ERROR_* or G_IO_ERROR_CANCELLED; nothing is left running. */
gboolean zhi_office_convert_files (const char *const *paths,
                                   const char *outdir,
                                   guint timeout_seconds,
                                   GCancellable *cancellable,
                                   GError **error);

/* Converts every office document of @project that has no PDF yet, in one run, and records
 * each PDF with its item.  @progress (may be NULL) is called on the calling thread.
 * *n_converted (may be NULL) counts the items that became usable.  TRUE also when there is
 * nothing to convert. */
gboolean zhi_office_convert_project (ZhiProject *project,
                                     guint *n_converted,
                                     ZhiProgressFunc progress,
                                     gpointer progress_data,
                                     GCancellable *cancellable,
                                     GError **error);

/* The same, LibreOffice running in a worker thread: the copies are made and the PDFs recorded
 * on the calling thread's main context, @progress called there.  Items removed meanwhile are
 * skipped; items added meanwhile wait for the next call. */
void zhi_office_convert_project_async (ZhiProject *project,
                                       GCancellable *cancellable,
                                       ZhiProgressFunc progress,
                                       gpointer progress_data,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean zhi_office_convert_project_finish (ZhiProject *project,
                                            GAsyncResult *result,
                                            guint *n_converted,
                                            GError **error);
/* How many distinct office documents of @project have no PDF yet. */
guint zhi_office_count_unconverted (ZhiProject *project);

G_END_DECLS
