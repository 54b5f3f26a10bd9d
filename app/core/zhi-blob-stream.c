/* zhi-blob-stream.c — ZhiBlobInputStream: an evidence blob read out of the project file */
#include "zhi-store-private.h"

#include <glib/gi18n-lib.h>

/* size of the stored blob, or -1 when missing */
gint64
zhi_store_blob_size (ZhiStore *store, const char *sha256, sqlite3_int64 *rowid)
{
  gint64 size = -1;
  g_mutex_lock (&store->mutex);
  if (rowid == NULL)
    {
      /* the evaluation asks for every item at each edit: one query, then a lookup */
      if (store->sizes == NULL)
        {
          sqlite3_stmt *st = zhi_sqlite_prepare (store->db, "SELECT sha256, size FROM blobs");
          store->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          while (st && sqlite3_step (st) == SQLITE_ROW)
            g_hash_table_insert (
                store->sizes, g_strdup (zhi_sqlite_col_text (st, 0)),
                g_memdup2 (&(gint64){ sqlite3_column_int64 (st, 1) }, sizeof (gint64)));
          sqlite3_finalize (st);
        }
      gint64 *known = g_hash_table_lookup (store->sizes, sha256);
      g_mutex_unlock (&store->mutex);
      return known ? *known : -1;
    }
  sqlite3_stmt *st
      = zhi_sqlite_prepare (store->db, "SELECT rowid, length(data) FROM blobs WHERE sha256 = ?");
  if (st)
    {
      TEXT (st, 1, sha256);
      if (sqlite3_step (st) == SQLITE_ROW)
        {
          *rowid = sqlite3_column_int64 (st, 0);
          size = sqlite3_column_int64 (st, 1);
        }
      sqlite3_finalize (st);
    }
  g_mutex_unlock (&store->mutex);
  return size;
}

gboolean
zhi_project_has_blob (ZhiProject *self, const char *sha256)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  ZhiStore *store = _zhi_project_get_store (self);
  return store && sha256 && zhi_store_blob_size (store, sha256, NULL) >= 0;
}

/* ---- ZhiBlobInputStream: reads a blob in chunks, opening the blob per read so no read
 *      transaction stays open between reads ---- */

struct _ZhiBlobInputStream
{
  GInputStream parent_instance;
  ZhiProject *project;
  char *sha256;
  gint64 size;
  gint64 offset;
  sqlite3 *db;        /* the connection blob was opened on */
  sqlite3_blob *blob; /* kept open between reads so SQLite can seek in O(1) */
};

G_DEFINE_FINAL_TYPE (ZhiBlobInputStream, zhi_blob_input_stream, G_TYPE_INPUT_STREAM)

static void
blob_stream_release (ZhiBlobInputStream *self)
{
  if (self->blob)
    sqlite3_blob_close (self->blob);
  self->blob = NULL;
  self->db = NULL;
}

static gssize
blob_stream_read (
    GInputStream *stream, void *buffer, gsize count, GCancellable *cancellable, GError **error)
{
  ZhiBlobInputStream *self = ZHI_BLOB_INPUT_STREAM (stream);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->offset >= self->size || count == 0)
    return 0;
  ZhiStore *store = _zhi_project_get_store (self->project);
  gsize n = MIN (count, (gsize)(self->size - self->offset));
  n = MIN (n, (gsize)G_MAXINT);
  if (store == NULL)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                   _ ("The project was closed while its evidence was being read."));
      return -1;
    }
  int rc = SQLITE_ABORT;
  for (int attempt = 0; attempt < 2 && rc == SQLITE_ABORT; attempt++)
    {
      if (self->blob == NULL || self->db != store->db)
        {
          /* first read, the project moved (save as), or the handle expired */
          blob_stream_release (self);
          sqlite3_int64 rowid = 0;
          if (zhi_store_blob_size (store, self->sha256, &rowid) != self->size)
            {
              g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                           _ ("The evidence bytes disappeared from the project while being "
                              "read."));
              return -1;
            }
          g_mutex_lock (&store->mutex);
          rc = sqlite3_blob_open (store->db, "main", "blobs", "data", rowid, 0, &self->blob);
          g_mutex_unlock (&store->mutex);
          if (rc != SQLITE_OK)
            {
              self->blob = NULL;
              break;
            }
          self->db = store->db;
        }
      g_mutex_lock (&store->mutex);
      rc = sqlite3_blob_read (self->blob, buffer, (int)n, (int)self->offset);
      g_mutex_unlock (&store->mutex);
      if (rc == SQLITE_ABORT)
        blob_stream_release (self);
    }
  if (rc != SQLITE_OK)
    {
      zhi_store_set_sqlite_error (error, store->db, ZHI_PROJECT_ERROR_EVIDENCE, store->path,
                                  _ ("Could not read evidence from the project."));
      return -1;
    }
  self->offset += n;
  return (gssize)n;
}

static gboolean
blob_stream_close (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  (void)cancellable;
  (void)error;
  blob_stream_release (ZHI_BLOB_INPUT_STREAM (stream));
  return TRUE;
}

static void
blob_stream_finalize (GObject *object)
{
  ZhiBlobInputStream *self = ZHI_BLOB_INPUT_STREAM (object);
  blob_stream_release (self);
  g_object_unref (self->project);
  g_free (self->sha256);
  G_OBJECT_CLASS (zhi_blob_input_stream_parent_class)->finalize (object);
}

static void
zhi_blob_input_stream_class_init (ZhiBlobInputStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = blob_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = blob_stream_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = blob_stream_close;
}

static void
zhi_blob_input_stream_init (ZhiBlobInputStream *self)
{
  (void)self;
}

GInputStream *
zhi_blob_input_stream_open (ZhiProject *self, ZhiEvidence *ev, const char *sha, GError **error)
{
  ZhiStore *store = _zhi_project_get_store (self);
  gint64 size = store ? zhi_store_blob_size (store, sha, NULL) : -1;
  if (size < 0)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                   _ ("The file of evidence %s (“%s”) is missing from the project. Attach it "
                      "again."),
                   zhi_evidence_get_id (ev), zhi_evidence_get_title (ev));
      return NULL;
    }
  ZhiBlobInputStream *s = g_object_new (ZHI_TYPE_BLOB_INPUT_STREAM, NULL);
  s->project = g_object_ref (self);
  s->sha256 = g_strdup (sha);
  s->size = size;
  return G_INPUT_STREAM (s);
}
