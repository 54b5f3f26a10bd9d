/* zhi-store-evidence.c — the project's evidence files: attaching (also in a worker thread),
 * the inspector hook, export and verification, office conversions, re-inspection */
#include "zhi-store-private.h"
#include "zhi-sha256.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* ---- inspection ---- */

static ZhiEvidenceInspector inspector; /* accessed atomically */

void
zhi_evidence_set_inspector (ZhiEvidenceInspector func)
{
  g_atomic_pointer_set ((gpointer *)&inspector, (gpointer)func);
}

ZhiEvidenceInspector
zhi_evidence_get_inspector (void)
{
  return (ZhiEvidenceInspector)g_atomic_pointer_get ((gpointer *)&inspector);
}

/* Runs the installed inspector on @file (any thread).  No inspector: TRUE, not inspected. */
static gboolean
inspect_file (GFile *file, ZhiBlobInfo *info, GCancellable *cancellable, GError **error)
{
  ZhiEvidenceInspector func = zhi_evidence_get_inspector ();
  if (func == NULL)
    return TRUE;
  guint pages = 0;
  char *problem = NULL;
  if (!func (file, info->media_type, &pages, &problem, cancellable, error))
    return FALSE;
  info->inspected = TRUE;
  g_free (info->problem);
  info->problem = problem;
  info->pages = problem ? 0 : pages;
  return TRUE;
}

static ZhiEvidence *
add_evidence_for_blob (ZhiProject *self, ZhiBlobInfo *info, const char *title, GError **error)
{
  guint pages = info->inspected                                 ? info->pages
                : g_str_has_prefix (info->media_type, "image/") ? 1
                                                                : 0;
  ZhiEvidenceRecord record = {
    .title = title && *title ? title : info->file_name,
    .file_name = info->file_name,
    .media_type = info->media_type,
    .size = info->size,
    .sha256 = info->sha256,
    .page_count = pages,
    .inspected = info->inspected,
    .problem = info->problem,
  };

  return _zhi_project_add_evidence_record (self, &record, error);
}

ZhiEvidence *
zhi_project_attach_file (
    ZhiProject *self, GFile *file, const char *title, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  ZhiStore *store = zhi_store_writable (self, error);
  if (store == NULL)
    return NULL;
  g_autoptr (ZhiBlobInfo) info = zhi_store_blob (store, file, NULL, NULL, cancellable, error);
  zhi_store_forget_sizes (store);
  if (info == NULL || !inspect_file (file, info, cancellable, error))
    return NULL;
  return add_evidence_for_blob (self, info, title, error);
}

typedef struct
{
  ZhiStore *store;
  GFile *file;
  char *title;
  ZhiStoreProgress progress;
} AttachData;

static void
attach_data_free (AttachData *d)
{
  g_object_unref (d->file);
  g_free (d->title);
  g_clear_pointer (&d->progress.context, g_main_context_unref);
  g_free (d);
}

static void
attach_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AttachData *d = task_data;
  GError *error = NULL;
  (void)source;
  ZhiBlobInfo *info = zhi_store_blob (d->store, d->file, NULL, &d->progress, cancellable, &error);
  zhi_store_forget_sizes (d->store);
  /* the verdict is the source file's, read right after its bytes were hashed and stored */
  if (info != NULL && !inspect_file (d->file, info, cancellable, &error))
    g_clear_pointer (&info, zhi_blob_info_free);
  g_mutex_lock (&d->store->mutex);
  if (--d->store->n_workers == 0)
    g_cond_broadcast (&d->store->idle);
  g_mutex_unlock (&d->store->mutex);
  d->store = NULL; /* may be freed from now on */
  if (info)
    g_task_return_pointer (task, info, (GDestroyNotify)zhi_blob_info_free);
  else
    g_task_return_error (task, error);
}

static void
attach_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  ZhiProject *self = ZHI_PROJECT (source);
  AttachData *d = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  g_autoptr (ZhiBlobInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
  if (info == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  if (!zhi_project_has_blob (self, info->sha256))
    {
      /* the project was closed or saved elsewhere meanwhile: the bytes are not in its file */
      g_autofree char *name = g_file_get_parse_name (d->file);
      g_task_return_new_error (outer, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                               _ ("“%s” was not attached: the project was closed or saved "
                                  "elsewhere meanwhile. Attach it again."),
                               name);
      return;
    }
  ZhiEvidence *ev = add_evidence_for_blob (self, info, d->title, &error);
  if (ev == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, g_object_ref (ev), g_object_unref);
}

void
zhi_project_attach_file_async (ZhiProject *self,
                               GFile *file,
                               const char *title,
                               GCancellable *cancellable,
                               ZhiProgressFunc progress,
                               gpointer progress_data,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  g_return_if_fail (G_IS_FILE (file));
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, zhi_project_attach_file_async);
  GError *error = NULL;
  ZhiStore *store = zhi_store_writable (self, &error);
  if (store == NULL)
    {
      g_task_return_error (outer, error);
      g_object_unref (outer);
      return;
    }
  AttachData *d = g_new0 (AttachData, 1);
  d->store = store;
  g_mutex_lock (&store->mutex);
  store->n_workers++;
  g_mutex_unlock (&store->mutex);
  d->file = g_object_ref (file);
  d->title = g_strdup (title);
  d->progress.func = progress;
  d->progress.data = progress_data;
  d->progress.context = g_main_context_ref_thread_default ();
  /* the inner task keeps the project (and so its store) alive until it ends */
  GTask *inner = g_task_new (self, cancellable, attach_done, outer);
  g_task_set_task_data (inner, d, (GDestroyNotify)attach_data_free);
  g_task_run_in_thread (inner, attach_thread);
  g_object_unref (inner);
}

ZhiEvidence *
zhi_project_attach_file_finish (ZhiProject *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  ZhiEvidence *ev = g_task_propagate_pointer (G_TASK (result), error);
  if (ev)
    g_object_unref (ev); /* the project keeps it */
  return ev;
}

gboolean
zhi_project_add_blob_from_file (ZhiProject *self,
                                GFile *file,
                                const char *expected_sha256,
                                GCancellable *cancellable,
                                GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (_zhi_sha256_is_valid (expected_sha256), FALSE);
  ZhiStore *store = zhi_store_writable (self, error);
  if (store == NULL)
    return FALSE;
  g_autoptr (ZhiBlobInfo) info
      = zhi_store_blob (store, file, expected_sha256, NULL, cancellable, error);
  zhi_store_forget_sizes (store);
  return info != NULL;
}

static GInputStream *
open_blob_stream (ZhiProject *self, ZhiEvidence *ev, GError **error)
{
  return zhi_blob_input_stream_open (self, ev, zhi_evidence_get_sha256 (ev), error);
}

static ZhiEvidence *
lookup_or_error (ZhiProject *self, const char *id, GError **error)
{
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, id);
  if (ev == NULL)
    g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID,
                 _ ("There is no evidence with id “%s” in this project."), id ? id : "");
  return ev;
}

GInputStream *
zhi_project_open_evidence_stream (ZhiProject *self, const char *evidence_id, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  ZhiEvidence *ev = lookup_or_error (self, evidence_id, error);
  return ev ? open_blob_stream (self, ev, error) : NULL;
}

/* ---- office documents converted to PDF ---- */

char *
zhi_project_get_evidence_pdf_sha256 (ZhiProject *self, const char *evidence_id)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, evidence_id);
  ZhiStore *store = _zhi_project_get_store (self);
  char *pdf = NULL;
  if (ev == NULL || store == NULL || store->db == NULL)
    return NULL;
  g_mutex_lock (&store->mutex);
  sqlite3_stmt *st
      = zhi_sqlite_prepare (store->db, "SELECT pdf_sha256 FROM conversions WHERE sha256 = ?");
  if (st)
    {
      TEXT (st, 1, zhi_evidence_get_sha256 (ev));
      if (sqlite3_step (st) == SQLITE_ROW)
        pdf = g_strdup ((const char *)sqlite3_column_text (st, 0));
      sqlite3_finalize (st);
    }
  g_mutex_unlock (&store->mutex);
  return pdf;
}

GHashTable *
zhi_project_list_conversions (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ZhiStore *store = _zhi_project_get_store (self);
  if (store == NULL || store->db == NULL)
    return map;
  g_mutex_lock (&store->mutex);
  sqlite3_stmt *st = zhi_sqlite_prepare (store->db, "SELECT sha256, pdf_sha256 FROM conversions");
  while (st && sqlite3_step (st) == SQLITE_ROW)
    g_hash_table_insert (map, g_strdup ((const char *)sqlite3_column_text (st, 0)),
                         g_strdup ((const char *)sqlite3_column_text (st, 1)));
  if (st)
    sqlite3_finalize (st);
  g_mutex_unlock (&store->mutex);
  return map;
}

/* The bytes of the PDF @ev was converted to; @sha256 (may be NULL) gets the PDF's SHA-256. */
static GInputStream *
open_pdf_stream (ZhiProject *self, ZhiEvidence *ev, char **sha256, GError **error)
{
  g_autofree char *pdf = zhi_project_get_evidence_pdf_sha256 (self, zhi_evidence_get_id (ev));
  if (pdf == NULL)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                   _ ("Evidence %s (“%s”) has not been converted to PDF yet. Install "
                      "LibreOffice and convert it."),
                   zhi_evidence_get_id (ev), zhi_evidence_get_title (ev));
      return NULL;
    }
  GInputStream *in = zhi_blob_input_stream_open (self, ev, pdf, error);
  if (in != NULL && sha256 != NULL)
    *sha256 = g_steal_pointer (&pdf);
  return in;
}

GInputStream *
zhi_project_open_evidence_pdf_stream (ZhiProject *self, const char *evidence_id, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  ZhiEvidence *ev = lookup_or_error (self, evidence_id, error);
  return ev ? open_pdf_stream (self, ev, NULL, error) : NULL;
}

gboolean
zhi_project_set_evidence_pdf (ZhiProject *self,
                              const char *evidence_id,
                              GFile *pdf,
                              const char *expected_sha256,
                              guint pages,
                              GCancellable *cancellable,
                              GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (pdf), FALSE);
  ZhiEvidence *ev = lookup_or_error (self, evidence_id, error);
  if (ev == NULL)
    return FALSE;
  ZhiStore *store = zhi_store_writable (self, error);
  if (store == NULL)
    return FALSE;
  g_autoptr (ZhiBlobInfo) info
      = zhi_store_blob (store, pdf, expected_sha256, NULL, cancellable, error);
  if (info == NULL)
    return FALSE;
  zhi_store_forget_sizes (store); /* a new blob: the cached sizes are stale */
  g_mutex_lock (&store->mutex);
  sqlite3_stmt *st = zhi_sqlite_prepare (
      store->db, "INSERT OR REPLACE INTO conversions (sha256, pdf_sha256) VALUES (?, ?)");
  gboolean ok = st != NULL;
  if (st)
    {
      TEXT (st, 1, zhi_evidence_get_sha256 (ev));
      TEXT (st, 2, info->sha256);
      ok = sqlite3_step (st) == SQLITE_DONE;
      sqlite3_finalize (st);
    }
  if (!ok)
    zhi_store_set_sqlite_error (error, store->db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                                _ ("Could not save the project."));
  g_mutex_unlock (&store->mutex);
  if (!ok)
    return FALSE;
  /* every item with these bytes is now usable through the PDF */
  GListModel *list = zhi_project_get_evidence_list (self);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) other = g_list_model_get_item (list, i);
      if (g_str_equal (zhi_evidence_get_sha256 (other), zhi_evidence_get_sha256 (ev)))
        zhi_project_set_evidence_inspection (self, zhi_evidence_get_id (other), NULL, pages);
    }
  return TRUE;
}

/* reads @in to the end in chunks, optionally copying to @out; returns the hex digest */
static char *
hash_stream (GInputStream *in, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);
  g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
  for (;;)
    {
      gssize n = g_input_stream_read (in, buf, CHUNK_SIZE, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      zhi_sha256_update (sum, buf, n);
      if (out && !g_output_stream_write_all (out, buf, n, NULL, cancellable, error))
        return NULL;
    }
  return g_strdup (zhi_sha256_get_string (sum));
}

/* Copies @in (bytes of @ev that hash to @sha256) to @dest, checking the SHA-256 on the
 * way; takes @in. */
static gboolean
export_stream (ZhiEvidence *ev,
               GInputStream *in_,
               const char *sha256,
               GFile *dest,
               GCancellable *cancellable,
               GError **error)
{
  g_autoptr (GInputStream) in = in_;
  if (in == NULL)
    return FALSE;
  g_autoptr (GError) local = NULL;
  g_autofree char *name = g_file_get_parse_name (dest);
  gboolean existed = g_file_query_exists (dest, cancellable);
  g_autoptr (GFileOutputStream) out
      = g_file_replace (dest, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local);
  if (out == NULL)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("Could not write “%s”: %s. Choose a folder you can write to."), name,
                   local->message);
      return FALSE;
    }
  g_autofree char *sha = hash_stream (in, G_OUTPUT_STREAM (out), cancellable, &local);
  if (sha == NULL || !g_str_equal (sha, sha256))
    {
      /* a cancelled close drops the replacement: a file that was there stays as it was
       * (closing normally, also by the last unref, would put the bad bytes in its place) */
      g_autoptr (GCancellable) abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      if (!existed)
        g_file_delete (dest, NULL, NULL);
      if (sha == NULL)
        g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                     _ ("Could not write “%s”: %s."), name, local->message);
      else
        g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                     _ ("The stored bytes of evidence %s (“%s”) no longer match their SHA-256; "
                        "the project is damaged. Attach the original file again."),
                     zhi_evidence_get_id (ev), zhi_evidence_get_title (ev));
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &local))
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO, _ ("Could not write “%s”: %s."),
                   name, local->message);
      if (!existed)
        g_file_delete (dest, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
zhi_project_export_evidence (ZhiProject *self,
                             const char *evidence_id,
                             GFile *dest,
                             GCancellable *cancellable,
                             GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  ZhiEvidence *ev = lookup_or_error (self, evidence_id, error);
  return ev
         && export_stream (ev, open_blob_stream (self, ev, error), zhi_evidence_get_sha256 (ev),
                           dest, cancellable, error);
}

gboolean
zhi_project_export_evidence_pdf (ZhiProject *self,
                                 const char *evidence_id,
                                 GFile *dest,
                                 GCancellable *cancellable,
                                 GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  ZhiEvidence *ev = lookup_or_error (self, evidence_id, error);
  if (ev == NULL)
    return FALSE;
  g_autofree char *pdf = NULL;
  GInputStream *in = open_pdf_stream (self, ev, &pdf, error);
  return export_stream (ev, in, pdf, dest, cancellable, error);
}

GPtrArray *
zhi_project_verify_evidence (ZhiProject *self, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  g_autoptr (GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) verdicts = g_hash_table_new (g_str_hash, g_str_equal); /* sha → ok */
  GListModel *list = zhi_project_get_evidence_list (self);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      const char *sha = zhi_evidence_get_sha256 (ev);
      gpointer verdict;
      if (!g_hash_table_lookup_extended (verdicts, sha, NULL, &verdict))
        {
          gboolean ok = FALSE;
          g_autoptr (GInputStream) in = open_blob_stream (self, ev, NULL);
          if (in)
            {
              g_autoptr (GError) local = NULL;
              g_autofree char *got = hash_stream (in, NULL, cancellable, &local);
              if (got == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return NULL;
                }
              ok = got != NULL && g_str_equal (got, sha);
            }
          verdict = GINT_TO_POINTER (ok);
          g_hash_table_insert (verdicts, (gpointer)sha, verdict);
        }
      if (!GPOINTER_TO_INT (verdict))
        g_ptr_array_add (bad, g_strdup (zhi_evidence_get_id (ev)));
    }
  return g_steal_pointer (&bad);
}

/* ---- re-check: inspecting items that were never inspected ---- */

/* the distinct contents (SHA-256) of the items not inspected yet, in list order, each with
 * the media type of its first item */
static GPtrArray *
uninspected_contents (ZhiProject *self, GPtrArray **types)
{
  GPtrArray *shas = g_ptr_array_new_with_free_func (g_free);
  *types = g_ptr_array_new_with_free_func (g_free);
  GListModel *list = zhi_project_get_evidence_list (self);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      const char *sha = zhi_evidence_get_sha256 (ev);
      if (zhi_evidence_get_inspected (ev)
          || g_ptr_array_find_with_equal_func (shas, sha, g_str_equal, NULL))
        continue;
      g_ptr_array_add (shas, g_strdup (sha));
      g_ptr_array_add (*types, g_strdup (zhi_evidence_get_media_type (ev)));
    }
  return shas;
}

/* the verdict for every item with these bytes that is still not inspected */
static guint
apply_verdict (ZhiProject *self, const char *sha256, ZhiBlobInfo *info)
{
  guint n = 0;
  GListModel *list = zhi_project_get_evidence_list (self);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      if (zhi_evidence_get_inspected (ev) || !g_str_equal (zhi_evidence_get_sha256 (ev), sha256))
        continue;
      zhi_project_set_evidence_inspection (self, zhi_evidence_get_id (ev), info->problem,
                                           info->pages);
      n++;
    }
  return n;
}

static ZhiEvidence *
first_with_sha (ZhiProject *self, const char *sha256)
{
  GListModel *list = zhi_project_get_evidence_list (self);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      if (g_str_equal (zhi_evidence_get_sha256 (ev), sha256))
        return ev; /* the list keeps it */
    }
  return NULL;
}

static GFile *
new_temp_file (GFileIOStream **io, GError **error)
{
  g_autoptr (GError) local = NULL;
  GFile *tmp = g_file_new_tmp ("zhizao-inspect-XXXXXX", io, &local);
  if (tmp == NULL)
    g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                 _ ("Could not create a temporary file to check the evidence: %s. Free some "
                    "disk space in the temporary folder."),
                 local->message);
  return tmp;
}

gboolean
zhi_project_inspect_evidence (ZhiProject *self,
                              guint *n_inspected,
                              GCancellable *cancellable,
                              GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  guint n = 0;
  if (n_inspected)
    *n_inspected = 0;
  if (zhi_evidence_get_inspector () == NULL)
    return TRUE;
  g_autoptr (GPtrArray) types = NULL;
  g_autoptr (GPtrArray) shas = uninspected_contents (self, &types);
  for (guint i = 0; i < shas->len; i++)
    {
      const char *sha = shas->pdata[i];
      ZhiEvidence *ev = first_with_sha (self, sha);
      g_autoptr (GInputStream) in = ev ? open_blob_stream (self, ev, NULL) : NULL;
      if (in == NULL)
        continue; /* bytes missing: reported by the checklist, nothing to look at */
      g_autoptr (GFileIOStream) io = NULL;
      g_autoptr (GFile) tmp = new_temp_file (&io, error);
      if (tmp == NULL)
        return FALSE;
      g_autoptr (GError) local = NULL;
      g_autofree char *got
          = hash_stream (in, g_io_stream_get_output_stream (G_IO_STREAM (io)), cancellable, &local);
      gboolean ok = got != NULL && g_io_stream_close (G_IO_STREAM (io), cancellable, &local);
      g_autoptr (ZhiBlobInfo) info = g_new0 (ZhiBlobInfo, 1);
      info->media_type = g_strdup (types->pdata[i]);
      if (ok)
        ok = inspect_file (tmp, info, cancellable, &local);
      g_file_delete (tmp, NULL, NULL);
      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (info->inspected)
        n += apply_verdict (self, sha, info);
    }
  if (n_inspected)
    *n_inspected = n;
  return TRUE;
}

/* The async re-check: a state machine on the owner's main context.  Copying is done in
 * idle steps of a few chunks (the store is used from its own thread only); the inspector
 * runs in a worker thread on the temporary copy. */
typedef struct
{
  ZhiProject *project;
  GPtrArray *shas;
  GPtrArray *types;
  guint next;
  GInputStream *in;
  GFileIOStream *io;
  GFile *tmp;
  guint8 *buf;
  guint source; /* on the task's context */
  guint n;
} InspectJob;

static void
inspect_job_free (InspectJob *job)
{
  g_clear_object (&job->in);
  g_clear_object (&job->io);
  if (job->tmp)
    g_file_delete (job->tmp, NULL, NULL);
  g_clear_object (&job->tmp);
  g_clear_pointer (&job->shas, g_ptr_array_unref);
  g_clear_pointer (&job->types, g_ptr_array_unref);
  g_free (job->buf);
  g_object_unref (job->project);
  g_free (job);
}

static gboolean inspect_step (gpointer data);

/* the next step, on the context the caller started from */
static void
inspect_schedule (GTask *outer)
{
  InspectJob *job = g_task_get_task_data (outer);
  GSource *idle = g_idle_source_new ();
  g_source_set_callback (idle, inspect_step, outer, NULL);
  g_source_set_static_name (idle, "[zhizao] evidence re-check");
  job->source = g_source_attach (idle, g_task_get_context (outer));
  g_source_unref (idle);
}

static void
inspect_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ZhiBlobInfo *info = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;
  (void)source;
  if (inspect_file (file, info, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
inspect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *outer = user_data; /* owned by the job's chain */
  InspectJob *job = g_task_get_task_data (outer);
  ZhiBlobInfo *info = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  (void)source;
  g_file_delete (job->tmp, NULL, NULL);
  g_clear_object (&job->tmp);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      g_object_unref (outer);
      return;
    }
  if (info->inspected)
    job->n += apply_verdict (job->project, job->shas->pdata[job->next], info);
  job->next++;
  inspect_schedule (outer);
}

static gboolean
inspect_step (gpointer data)
{
  GTask *outer = data;
  InspectJob *job = g_task_get_task_data (outer);
  GCancellable *cancellable = g_task_get_cancellable (outer);
  GError *error = NULL;

  job->source = 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto fail;
  while (job->in == NULL)
    {
      if (job->next >= job->shas->len)
        {
          g_task_return_boolean (outer, TRUE);
          g_object_unref (outer);
          return G_SOURCE_REMOVE;
        }
      ZhiEvidence *ev = first_with_sha (job->project, job->shas->pdata[job->next]);
      job->in = ev && !zhi_evidence_get_inspected (ev) ? open_blob_stream (job->project, ev, NULL)
                                                       : NULL;
      if (job->in == NULL)
        {
          job->next++; /* removed, inspected meanwhile, or its bytes are missing */
          continue;
        }
      job->tmp = new_temp_file (&job->io, &error);
      if (job->tmp == NULL)
        goto fail;
    }
  /* a few chunks per step: a few milliseconds of the main loop */
  for (int k = 0; k < 16; k++)
    {
      gssize n = g_input_stream_read (job->in, job->buf, CHUNK_SIZE, cancellable, &error);
      if (n < 0)
        goto fail;
      if (n == 0)
        {
          g_clear_object (&job->in);
          if (!g_io_stream_close (G_IO_STREAM (job->io), cancellable, &error))
            goto fail;
          g_clear_object (&job->io);
          ZhiBlobInfo *info = g_new0 (ZhiBlobInfo, 1);
          info->media_type = g_strdup (job->types->pdata[job->next]);
          GTask *inner = g_task_new (job->project, cancellable, inspect_done, outer);
          g_task_set_task_data (inner, info, (GDestroyNotify)zhi_blob_info_free);
          g_object_set_data_full (G_OBJECT (inner), "file", g_object_ref (job->tmp),
                                  g_object_unref);
          g_task_run_in_thread (inner, inspect_thread);
          g_object_unref (inner);
          return G_SOURCE_REMOVE;
        }
      if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (job->io)),
                                      job->buf, n, NULL, cancellable, &error))
        goto fail;
    }
  inspect_schedule (outer);
  return G_SOURCE_REMOVE;

fail:
  g_task_return_error (outer, error);
  g_object_unref (outer);
  return G_SOURCE_REMOVE;
}

void
zhi_project_inspect_evidence_async (ZhiProject *self,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zhi_project_inspect_evidence_async);
  InspectJob *job = g_new0 (InspectJob, 1);
  job->project = g_object_ref (self);
  job->shas = uninspected_contents (self, &job->types);
  job->buf = g_malloc (CHUNK_SIZE);
  g_task_set_task_data (task, job, (GDestroyNotify)inspect_job_free);
  if (zhi_evidence_get_inspector () == NULL)
    job->next = job->shas->len;
  inspect_schedule (task);
}

gboolean
zhi_project_inspect_evidence_finish (ZhiProject *self,
                                     GAsyncResult *result,
                                     guint *n_inspected,
                                     GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  InspectJob *job = g_task_get_task_data (G_TASK (result));
  if (n_inspected)
    *n_inspected = job->n;
  return g_task_propagate_boolean (G_TASK (result), error);
}
