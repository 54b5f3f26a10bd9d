/* zhi-store.h — the *.zhizao project file: one SQLite database (docs/project-format.md)
 *
 * Opening never changes a file that fails its checks (not a project, damaged, newer
 * version): those are recognised read-only first.  Edits are written in one transaction,
 * at most autosave-delay after the first unsaved change (default 500 ms), or at once by
 * zhi_project_flush(); the last edits are flushed when the project is closed or disposed.
 *
 * Access: a file whose permissions carry no write bit, or whose folder cannot be
 * written, opens read-only; so does a file another Zhizao window or process holds
 * (an advisory flock() on the file, released by the kernel when that process ends,
 * even by a crash).  Read-only edits stay in memory; zhi_project_save_as() writes them.
 *
 * Threads: call everything from the thread that owns the main context, except that the
 * async attach does its hashing and blob writing in a worker thread.
 */
#pragma once

#include "zhi-project.h"

G_BEGIN_DECLS

#define ZHI_PROJECT_SCHEMA_VERSION 4
#define ZHI_PROJECT_APPLICATION_ID 0x5A48495A /* "ZHIZ", PRAGMA application_id */
#define ZHI_PROJECT_FILE_SUFFIX ".zhizao"

/* Creates a new project file (fails if it exists). */
ZhiProject *zhi_project_create (GFile *file, GError **error);
ZhiProject *zhi_project_open (GFile *file, GError **error);
/* Opens for reading only, whatever the file's permissions: no migration, no recovery of a
 * hot journal (that is an error), no lock, nothing ever written; edits stay in memory.
 * For programs that only read applications (the bureau's summary and review). */
ZhiProject *zhi_project_open_read_only (GFile *file, GError **error);

/* Commit pending edits now.  FALSE with ZHI_PROJECT_ERROR_READ_ONLY when the project is
 * read-only and has unsaved edits, ZHI_PROJECT_ERROR_SAVE_FAILED when the commit fails. */
gboolean zhi_project_flush (ZhiProject *self, GError **error);
gboolean zhi_project_has_unsaved_changes (ZhiProject *self);
/* Flush, drop evidence bytes no item uses any more, close the file.  The project stays
 * usable in memory (like a project from zhi_project_new() with its content). */
gboolean zhi_project_close (ZhiProject *self, GError **error);
/* Gives back the memory SQLite's page cache holds: a render that has read 100 MB of evidence
 * out of the project file otherwise keeps the last 2 MB of it cached. */
void zhi_project_release_memory (ZhiProject *self);
/* Writes everything (including evidence bytes) to @file, atomically (a temporary file
 * renamed over it), then continues editing there, writable. */
gboolean zhi_project_save_as (ZhiProject *self, GFile *file, GError **error);
void zhi_project_set_autosave_delay (ZhiProject *self, guint milliseconds);

/* Evidence bytes.  Files are read and written in 64 KiB chunks; identical bytes are
 * stored once.  The sync attach runs on the calling (main) thread; the async one hashes
 * and writes in a worker thread and adds the item on the main context. */
typedef void (*ZhiProgressFunc) (double fraction, gpointer user_data);

ZhiEvidence *zhi_project_attach_file (
    ZhiProject *self, GFile *file, const char *title, GCancellable *cancellable, GError **error);
void zhi_project_attach_file_async (ZhiProject *self,
                                    GFile *file,
                                    const char *title,
                                    GCancellable *cancellable,
                                    ZhiProgressFunc progress,
                                    gpointer progress_data,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
/* transfer none: the item belongs to the project */
ZhiEvidence *
zhi_project_attach_file_finish (ZhiProject *self, GAsyncResult *result, GError **error);
/* Stores @file's bytes for an existing record (import); fails with ZHI_PROJECT_ERROR_MISMATCH
 * (nothing stored) if they do not hash to @expected_sha256. */
gboolean zhi_project_add_blob_from_file (ZhiProject *self,
                                         GFile *file,
                                         const char *expected_sha256,
                                         GCancellable *cancellable,
                                         GError **error);
gboolean zhi_project_has_blob (ZhiProject *self, const char *sha256);
GInputStream *
zhi_project_open_evidence_stream (ZhiProject *self, const char *evidence_id, GError **error);
/* Office documents (Word, Excel …) are evidence through the PDF they were converted to
 * (app/dossier/zhi-office-convert.h): the project keeps both, the relation recorded against
 * the original's SHA-256 (so every item with those bytes shares it).  Setting it stores the
 * PDF's bytes (written at once, like an attach) and marks those items usable with @pages;
 * with @expected_sha256 (NULL: any bytes) the PDF is hashed once, while it is stored, and
 * other bytes fail with ZHI_PROJECT_ERROR_MISMATCH, nothing stored or recorded.
 * The PDF's SHA-256, NULL when not converted (or no project file): */
char *zhi_project_get_evidence_pdf_sha256 (ZhiProject *self, const char *evidence_id);
gboolean zhi_project_set_evidence_pdf (ZhiProject *self,
                                       const char *evidence_id,
                                       GFile *pdf,
                                       const char *expected_sha256,
                                       guint pages,
                                       GCancellable *cancellable,
                                       GError **error);
GInputStream *
zhi_project_open_evidence_pdf_stream (ZhiProject *self, const char *evidence_id, GError **error);
/* Every recorded conversion, original SHA-256 → the PDF's SHA-256 (owned strings; empty
 * without a project file): one query for all items, as the JSON export needs. */
GHashTable *zhi_project_list_conversions (ZhiProject *self);
/* Copies the converted PDF's bytes to @dest, like zhi_project_export_evidence(); fails with
 * a message when the item has no PDF. */
gboolean zhi_project_export_evidence_pdf (ZhiProject *self,
                                          const char *evidence_id,
                                          GFile *dest,
                                          GCancellable *cancellable,
                                          GError **error);
/* Copies the bytes to @dest (replaced), checking the SHA-256 on the way. */
gboolean zhi_project_export_evidence (ZhiProject *self,
                                      const char *evidence_id,
                                      GFile *dest,
                                      GCancellable *cancellable,
                                      GError **error);
/* Re-hashes every item's bytes.  Returns the ids (owned strings) whose bytes are missing
 * or do not match their SHA-256 (empty: all good), or NULL with @error when it could not
 * check. */
GPtrArray *
zhi_project_verify_evidence (ZhiProject *self, GCancellable *cancellable, GError **error);

/* Evidence inspection: does the document open?  Core cannot tell (no poppler, no image
 * decoders here), so a program installs an inspector once at startup, before opening
 * projects: zhizao-cli's main(), the application's startup and the tests call
 * zhi_evidence_inspector_install() (app/dossier/zhi-evidence-inspect.h).
 *
 * The inspector looks at a local @file whose recorded media type is @media_type (what the
 * content or the name said at attach time).  It returns TRUE with a verdict: *problem NULL
 * (usable, *pages = its page count) or a newly allocated ZHI_EVIDENCE_PROBLEM_* code; or
 * FALSE with @error when it could not look at all (cancelled, unreadable).  It is called
 * from worker threads too.
 *
 * Attaching (sync and async) inspects the source file right after hashing it and records
 * the verdict with the item.  With no inspector installed, items are recorded as not
 * inspected and count as usable (core alone cannot judge them; every program that shows
 * or scores a project installs one). */
typedef gboolean (*ZhiEvidenceInspector) (GFile *file,
                                          const char *media_type,
                                          guint *pages,
                                          char **problem,
                                          GCancellable *cancellable,
                                          GError **error);
void zhi_evidence_set_inspector (ZhiEvidenceInspector inspector); /* NULL removes it */
ZhiEvidenceInspector zhi_evidence_get_inspector (void);

/* Re-check: inspects every item not inspected yet (projects saved by an older version,
 * imports, items attached without an inspector).  Each distinct content is copied from the
 * project to a temporary file in 64 KiB chunks and inspected there; items sharing a SHA-256
 * get the same verdict.  Items whose bytes are missing stay not inspected (the checklist
 * reports them).  Sets *n_inspected (may be NULL); TRUE also when there is no inspector
 * (nothing done).  The CLI calls the sync one right after opening; the window the async
 * one, which copies on the main context in small idle steps and inspects in a worker
 * thread, so the window stays responsive. */
gboolean zhi_project_inspect_evidence (ZhiProject *self,
                                       guint *n_inspected,
                                       GCancellable *cancellable,
                                       GError **error);
void zhi_project_inspect_evidence_async (ZhiProject *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean zhi_project_inspect_evidence_finish (ZhiProject *self,
                                              GAsyncResult *result,
                                              guint *n_inspected,
                                              GError **error);

G_END_DECLS
