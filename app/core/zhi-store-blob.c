/* zhi-store-blob.c — writing evidence bytes into the project file: hashed, then written in
 * slices on a connection of the writer's own */
#include "zhi-context.h"
#include "zhi-sha256.h"
#include "zhi-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---------------------------------------------------------------------------------- */
/* evidence bytes */

static const char *
sniff_media_type (const guint8 *buf, gsize n, const char *file_name, char **owned)
{
  if (n >= 5 && memcmp (buf, "%PDF-", 5) == 0)
    return "application/pdf";
  if (n >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF)
    return "image/jpeg";
  if (n >= 8 && memcmp (buf, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  g_autofree char *type = g_content_type_guess (file_name, buf, n, NULL);
  *owned = g_content_type_get_mime_type (type);
  return *owned ? *owned : "application/octet-stream";
}

typedef struct
{
  ZhiStoreProgress *progress;
  double fraction;
} ProgressCall;

static gboolean
progress_idle (gpointer data)
{
  ProgressCall *call = data;
  call->progress->func (call->fraction, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
report (ZhiStoreProgress *progress, double fraction)
{
  if (progress == NULL || progress->func == NULL)
    return;
  if (progress->context == NULL)
    {
      progress->func (fraction, progress->data);
      return;
    }
  ProgressCall *call = g_new (ProgressCall, 1);
  call->progress = progress;
  call->fraction = fraction;
  zhi_context_queue (progress->context, progress_idle, call, g_free, "[zhizao] attach progress");
}

void
zhi_blob_info_free (ZhiBlobInfo *info)
{
  g_free (info->problem);
  g_free (info->sha256);
  g_free (info->media_type);
  g_free (info->file_name);
  g_free (info);
}

static gboolean
evidence_io_error (GError **error, GFile *file, GError *cause)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
               _ ("Could not read “%s”: %s. Check the file and try again."), name,
               cause ? cause->message : "");
  return FALSE;
}

/* One chunk of @file: its length, 0 at the end, -1 with @error set (a cancel stays a cancel). */
static gssize
read_chunk (GInputStream *in, guchar *buf, GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  gssize n = g_input_stream_read (in, buf, CHUNK_SIZE, cancellable, &local);

  if (n < 0)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        evidence_io_error (error, file, local);
    }
  return n;
}

#define WRITE_SLICE (2 * 1024 * 1024)

static gboolean
blob_exists (sqlite3 *db, const char *sha256)
{
  sqlite3_stmt *st = zhi_sqlite_prepare (db, "SELECT 1 FROM blobs WHERE sha256 = ?");
  gboolean exists = FALSE;
  if (st)
    {
      TEXT (st, 1, sha256);
      exists = sqlite3_step (st) == SQLITE_ROW;
      sqlite3_finalize (st);
    }
  return exists;
}

/* Adds the row that @info's bytes are written into (zeros for now); its rowid in *rowid. */
static gboolean
insert_zeroblob (sqlite3 *db, const ZhiBlobInfo *info, sqlite3_int64 *rowid)
{
  sqlite3_stmt *st
      = zhi_sqlite_prepare (db, "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)");
  gboolean ok = st != NULL;
  if (ok)
    {
      TEXT (st, 1, info->sha256);
      sqlite3_bind_int64 (st, 2, (sqlite3_int64)info->size);
      sqlite3_bind_zeroblob64 (st, 3, info->size);
      ok = sqlite3_step (st) == SQLITE_DONE;
      *rowid = sqlite3_last_insert_rowid (db);
      sqlite3_finalize (st);
    }
  return ok;
}

static void
set_store_failed (GError **error, sqlite3 *db, ZhiStore *store)
{
  zhi_store_set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                              _ ("Could not store the evidence in the project; free some disk "
                                 "space and try again."));
}

static void
set_changed (GError **error, GFile *file)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
               _ ("“%s” changed while it was being attached. Wait until the program "
                  "writing it has finished, then attach it again."),
               name);
}

typedef enum
{
  CHUNKS_END,          /* the end of the file */
  CHUNKS_SLICE_FULL,   /* @limit bytes written, the file goes on */
  CHUNKS_GREW,         /* more bytes than were hashed: nothing written of the last chunk */
  CHUNKS_READ_FAILED,  /* @error set */
  CHUNKS_WRITE_FAILED, /* SQLite's error on the blob's connection */
} ChunksResult;

/* Copies chunks of @in into @blob at *done, hashing them into @sum, until the end of the file
 * or @limit more bytes; reports the progress after each chunk when @progress is not NULL. */
static ChunksResult
write_chunks (GInputStream *in,
              sqlite3_blob *blob,
              guint8 *buf,
              GFile *file,
              ZhiSha256 *sum,
              guint64 *done,
              guint64 size,
              guint64 limit,
              ZhiStoreProgress *progress,
              GCancellable *cancellable,
              GError **error)
{
  for (guint64 slice = 0; slice < limit;)
    {
      gssize n = read_chunk (in, buf, file, cancellable, error);
      if (n < 0)
        return CHUNKS_READ_FAILED;
      if (n == 0)
        return CHUNKS_END;
      if (*done + n > size)
        return CHUNKS_GREW;
      zhi_sha256_update (sum, buf, n);
      if (sqlite3_blob_write (blob, buf, (int)n, (int)*done) != SQLITE_OK)
        return CHUNKS_WRITE_FAILED;
      *done += n;
      slice += n;
      if (progress != NULL)
        report (progress, 0.5 + (size ? 0.5 * (double)*done / size : 0.5));
    }
  return CHUNKS_SLICE_FULL;
}

/* After a slice: let a waiting autosave of the main thread take the write lock first. */
static void
yield_to_saver (ZhiStore *store)
{
  for (guint i = 0; i < 50 && g_atomic_int_get (&store->saver_waiting); i++)
    g_usleep (2000);
}

static ZhiBlobInfo *
store_blob_sliced (ZhiStore *store,
                   GFile *file,
                   ZhiBlobInfo *info_in,
                   guint8 *buf,
                   ZhiStoreProgress *progress,
                   GCancellable *cancellable,
                   GError **error)
{
  g_autoptr (ZhiBlobInfo) info = info_in;
  g_autoptr (GError) local = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
  sqlite3 *db = NULL;
  sqlite3_int64 rowid = 0;
  guint64 done = 0;
  gboolean inserted = FALSE;

  if (sqlite3_open_v2 (store->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto db_fail;
  zhi_sqlite_configure (db);
  if (blob_exists (db, info->sha256))
    {
      sqlite3_close (db);
      report (progress, 1.0);
      return g_steal_pointer (&info);
    }

  if (!insert_zeroblob (db, info, &rowid))
    goto db_fail;
  inserted = TRUE;
  yield_to_saver (store);

  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    {
      evidence_io_error (error, file, local);
      goto fail;
    }
  for (gboolean eof = FALSE; !eof;)
    {
      sqlite3_blob *blob = NULL;

      if (!zhi_sqlite_exec (db, "BEGIN IMMEDIATE")
          || sqlite3_blob_open (db, "main", "blobs", "data", rowid, 1, &blob) != SQLITE_OK)
        {
          zhi_sqlite_exec (db, "ROLLBACK");
          goto db_fail;
        }
      ChunksResult result = write_chunks (G_INPUT_STREAM (in), blob, buf, file, sum, &done,
                                          info->size, WRITE_SLICE, NULL, cancellable, error);
      if (result != CHUNKS_END && result != CHUNKS_SLICE_FULL)
        {
          sqlite3_blob_close (blob);
          zhi_sqlite_exec (db, "ROLLBACK");
          if (result == CHUNKS_READ_FAILED)
            goto fail;
          if (result == CHUNKS_GREW)
            goto changed;
          goto db_fail;
        }
      eof = result == CHUNKS_END;
      sqlite3_blob_close (blob);
      if (!zhi_sqlite_exec (db, "COMMIT"))
        {
          zhi_sqlite_exec (db, "ROLLBACK");
          goto db_fail;
        }
      report (progress, 0.5 + (info->size ? 0.5 * (double)done / info->size : 0.5));
      yield_to_saver (store);
    }
  if (done != info->size || !g_str_equal (zhi_sha256_get_string (sum), info->sha256))
    goto changed;

  sqlite3_close (db);
  report (progress, 1.0);
  return g_steal_pointer (&info);

changed:
  set_changed (error, file);
  goto fail;
db_fail:
  set_store_failed (error, db, store);
fail:
  if (inserted)
    {
      sqlite3_stmt *st = zhi_sqlite_prepare (db, "DELETE FROM blobs WHERE rowid = ?");
      if (st)
        {
          sqlite3_bind_int64 (st, 1, rowid);
          sqlite3_step (st);
          sqlite3_finalize (st);
        }
    }
  sqlite3_close (db);
  return NULL;
}

/* Hash @file in chunks (pass 1); if the bytes are new, write them into a zeroblob in
 * chunks while hashing again (pass 2) and check both passes agree.  Thread-safe. */
ZhiBlobInfo *
zhi_store_blob (ZhiStore *store,
                GFile *file,
                const char *expected,
                ZhiStoreProgress *progress,
                GCancellable *cancellable,
                GError **error)
{
  g_autoptr (ZhiBlobInfo) info = g_new0 (ZhiBlobInfo, 1);
  g_autoptr (GError) local = NULL;
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);
  g_autofree char *owned_type = NULL;
  g_autoptr (GFileInfo) finfo
      = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_NAME,
                           G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (finfo == NULL)
    {
      evidence_io_error (error, file, local);
      return NULL;
    }
  guint64 total = (guint64)g_file_info_get_size (finfo);
  info->file_name = g_file_get_basename (file);

  /* pass 1: hash */
  {
    g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, &local);
    if (in == NULL)
      {
        evidence_io_error (error, file, local);
        return NULL;
      }
    g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
    gboolean first = TRUE;
    for (;;)
      {
        gssize n = read_chunk (G_INPUT_STREAM (in), buf, file, cancellable, error);
        if (n < 0)
          return NULL;
        if (n == 0)
          break;
        if (first)
          info->media_type = g_strdup (sniff_media_type (buf, n, info->file_name, &owned_type));
        first = FALSE;
        zhi_sha256_update (sum, buf, n);
        info->size += n;
        report (progress, total ? 0.5 * MIN (1.0, (double)info->size / total) : 0.5);
      }
    if (first)
      info->media_type = g_strdup ("application/octet-stream");
    info->sha256 = g_strdup (zhi_sha256_get_string (sum));
  }

  if (expected && !g_str_equal (expected, info->sha256))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_MISMATCH,
                   _ ("“%s” does not match the evidence record: its SHA-256 is %s, the record "
                      "says %s. Use the original file."),
                   name, info->sha256, expected);
      return NULL;
    }

  /* A store with a file: the bytes go in through a connection of this call's own, in
   * transactions of WRITE_SLICE bytes, so the main thread's autosave (on the store's own
   * connection) never waits for more than one slice and never for this thread's mutex.
   * The evidence record that makes the blob visible is added only once every slice is
   * in: a crash leaves a blob no record refers to, which opening the file drops. */
  if (store->path != NULL)
    return store_blob_sliced (store, file, g_steal_pointer (&info), buf, progress, cancellable,
                              error);

  g_mutex_lock (&store->mutex);
  sqlite3 *db = store->db;
  if (blob_exists (db, info->sha256))
    {
      g_mutex_unlock (&store->mutex);
      report (progress, 1.0);
      return g_steal_pointer (&info);
    }

  /* pass 2: write */
  sqlite3_blob *blob = NULL;
  sqlite3_int64 rowid = 0;
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
  guint64 done = 0;
  if (!zhi_sqlite_exec (db, "BEGIN IMMEDIATE") || !insert_zeroblob (db, info, &rowid)
      || sqlite3_blob_open (db, "main", "blobs", "data", rowid, 1, &blob) != SQLITE_OK)
    {
      set_store_failed (error, db, store);
      goto fail;
    }
  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    {
      evidence_io_error (error, file, local);
      goto fail;
    }
  /* a file that grew is caught below */
  ChunksResult result = write_chunks (G_INPUT_STREAM (in), blob, buf, file, sum, &done, info->size,
                                      G_MAXUINT64, progress, cancellable, error);
  if (result == CHUNKS_READ_FAILED)
    goto fail;
  if (result == CHUNKS_WRITE_FAILED)
    {
      set_store_failed (error, db, store);
      goto fail;
    }
  if (done != info->size || !g_str_equal (zhi_sha256_get_string (sum), info->sha256))
    {
      set_changed (error, file);
      goto fail;
    }
  sqlite3_blob_close (blob);
  blob = NULL;
  if (!zhi_sqlite_exec (db, "COMMIT"))
    {
      set_store_failed (error, db, store);
      goto fail;
    }
  g_mutex_unlock (&store->mutex);
  report (progress, 1.0);
  return g_steal_pointer (&info);

fail:
  if (blob)
    sqlite3_blob_close (blob);
  zhi_sqlite_exec (db, "ROLLBACK");
  g_mutex_unlock (&store->mutex);
  return NULL;
}
