/* zhi-store-private.h — the store behind a project's file, shared by its rooms (core only):
 * zhi-store.c (the file, the model, saving), zhi-store-blob.c (writing evidence bytes),
 * zhi-blob-stream.c (reading them), zhi-store-evidence.c (attaching, exporting, inspecting) */
#pragma once

#include "zhi-project-private.h"
#include "zhi-sqlite.h"
#include "zhi-store.h"

G_BEGIN_DECLS

#define CHUNK_SIZE (64 * 1024)

/* The store behind a project: its SQLite connection, file lock and autosave.  The project holds
 * the one reference (_zhi_project_set_store); attach workers use it without a reference and
 * count themselves in n_workers, which finalizing waits for. */
#define ZHI_TYPE_STORE (zhi_store_get_type ())
G_DECLARE_FINAL_TYPE (ZhiStore, zhi_store, ZHI, STORE, GObject)

struct _ZhiStore
{
  GObject parent_instance;

  ZhiProject *project; /* not owned: the project owns the store */
  sqlite3 *db;
  char *path;  /* NULL for the temporary store of a project without a file */
  int lock_fd; /* holds the flock(); -1 when none */
  gboolean read_only;
  gboolean dirty;
  gboolean failed; /* the last save failed: wait for the next change before retrying */
  guint timeout_id;
  guint delay_ms;
  gulong changed_id;
  GMutex mutex;      /* serialises use of db between the main thread and attach workers */
  GCond idle;        /* signalled when n_workers drops to 0 */
  guint n_workers;   /* attach workers using this store (under mutex) */
  int saver_waiting; /* atomic: the autosave found the file busy and wants the write lock */
  GHashTable *sizes; /* SHA-256 → gint64 * size of each stored blob, read once (under mutex);
                        NULL until asked for and after blobs change */
};

#define TEXT(st, i, s) sqlite3_bind_text (st, i, s, -1, SQLITE_TRANSIENT)

/* SQLite helpers (zhi-store.c) */
gboolean zhi_store_set_sqlite_error (
    GError **error, sqlite3 *db, int code, const char *path, const char *what);

/* The blobs changed: the sizes are read again when next asked for. */
void zhi_store_forget_sizes (ZhiStore *store);
/* The project's store (a temporary one for a project without a file) when it may be
 * changed; NULL with @error set when read-only. */
ZhiStore *zhi_store_writable (ZhiProject *self, GError **error);

/* ---- writing evidence bytes (zhi-store-blob.c) ---- */

typedef struct
{
  ZhiProgressFunc func;
  gpointer data;
  GMainContext *context; /* where to call func; NULL = call directly */
} ZhiStoreProgress;

typedef struct
{
  char *sha256;
  guint64 size;
  char *media_type;
  char *file_name;
  gboolean inspected;
  char *problem; /* NULL: usable */
  guint pages;
} ZhiBlobInfo;

void zhi_blob_info_free (ZhiBlobInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiBlobInfo, zhi_blob_info_free)

/* Hashes @file and, if its bytes are new, writes them into the store (any thread).
 * @expected: the SHA-256 the bytes must have, or NULL; other bytes fail with
 * ZHI_PROJECT_ERROR_MISMATCH before anything is written. */
ZhiBlobInfo *zhi_store_blob (ZhiStore *store,
                             GFile *file,
                             const char *expected,
                             ZhiStoreProgress *progress,
                             GCancellable *cancellable,
                             GError **error);

G_END_DECLS

#include "zhi-blob-stream.h"
