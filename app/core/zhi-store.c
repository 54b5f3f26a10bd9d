/* zhi-store.c — the *.zhizao project file (SQLite) and the evidence blobs in it */
#include "zhi-context.h"
#include "zhi-editions.h"
#include "zhi-store.h"
#include "zhi-project-private.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#define CHUNK_SIZE (64 * 1024)
#define DEFAULT_DELAY_MS 500

typedef struct
{
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
} ZhiStore;

/* ---------------------------------------------------------------------------------- */
/* schema */

static const char schema_v1[]
    = "CREATE TABLE fields (key TEXT PRIMARY KEY, value);"
      "CREATE TABLE answers (id TEXT PRIMARY KEY, json TEXT NOT NULL);"
      "CREATE TABLE narratives (criterion_id TEXT PRIMARY KEY, text TEXT NOT NULL);"
      "CREATE TABLE evidence (id TEXT PRIMARY KEY, position INTEGER NOT NULL,"
      " title TEXT NOT NULL, file_name TEXT NOT NULL, media_type TEXT NOT NULL,"
      " size INTEGER NOT NULL, sha256 TEXT NOT NULL, page_count INTEGER NOT NULL,"
      " supports TEXT NOT NULL, added_us INTEGER NOT NULL);"
      "CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL);";

/* migrations[i] takes version i+1 to i+2 */
static const char *const migrations[] = {
  /* 1 → 2: application scenarios */
  "CREATE TABLE scenarios (position INTEGER PRIMARY KEY, name TEXT NOT NULL,"
  " criteria TEXT NOT NULL, description TEXT NOT NULL);",
  /* 2 → 3: whether each evidence document opens (NULL: not inspected yet, re-checked when
   * opened by a program with an inspector) and why not */
  "ALTER TABLE evidence ADD COLUMN usable INTEGER;"
  "ALTER TABLE evidence ADD COLUMN problem TEXT NOT NULL DEFAULT '';",
  /* 3 → 4: the PDF an office document was converted to (both blobs are kept) */
  "CREATE TABLE conversions (sha256 TEXT PRIMARY KEY, pdf_sha256 TEXT NOT NULL);",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZHI_PROJECT_SCHEMA_VERSION - 1);

/* drops conversions of contents no item has any more, then every blob no item and no kept
 * conversion refers to */
#define GC_SQL                                                                                     \
  "DELETE FROM conversions WHERE sha256 NOT IN (SELECT sha256 FROM evidence);"                     \
  "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM evidence)"                            \
  " AND sha256 NOT IN (SELECT pdf_sha256 FROM conversions)"

static char *
display_name (const char *path)
{
  return path ? g_filename_display_name (path) : g_strdup (_ ("(unsaved project)"));
}

/* "<what> (file “…”: <reason>)" */
static gboolean
set_store_error (GError **error, int code, const char *path, const char *what, const char *reason)
{
  g_autofree char *name = display_name (path);
  g_set_error (error, ZHI_PROJECT_ERROR, code, _ ("%s (file “%s”: %s)"), what, name, reason);
  return FALSE;
}

static gboolean
set_sqlite_error (GError **error, sqlite3 *db, int code, const char *path, const char *what)
{
  return set_store_error (error, code, path, what,
                          db ? sqlite3_errmsg (db) : _ ("cannot open the database"));
}

static gboolean
exec (sqlite3 *db, const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static int
pragma_int (sqlite3 *db, const char *pragma, int *out)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int (st, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (st);
  return rc;
}

static void
configure (sqlite3 *db)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  exec (db, "PRAGMA journal_mode=DELETE");
  exec (db, "PRAGMA synchronous=FULL");
}

/* Creates (version 0) or migrates the schema to the current version, in one transaction.
 * A new file goes through version 1 and every migration, so the migrations run always. */
static gboolean
ensure_schema (sqlite3 *db, const char *path, GError **error)
{
  int version = 0;
  if (pragma_int (db, "user_version", &version) != SQLITE_OK)
    return set_sqlite_error (error, db, ZHI_PROJECT_ERROR_DAMAGED, path,
                             _ ("Could not read the project's version."));
  if (version == ZHI_PROJECT_SCHEMA_VERSION)
    return TRUE;
  if (!exec (db, "BEGIN IMMEDIATE"))
    return set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
                             _ ("Could not update the project file to this version of Zhizao."));
  gboolean ok = TRUE;
  if (version == 0)
    {
      g_autofree char *sql
          = g_strdup_printf ("PRAGMA application_id = %d", ZHI_PROJECT_APPLICATION_ID);
      ok = exec (db, schema_v1) && exec (db, sql);
      version = 1;
    }
  for (; ok && version < ZHI_PROJECT_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      ok = exec (db, migrations[version - 1]) && exec (db, sql);
    }
  if (ok && exec (db, "COMMIT"))
    return TRUE;
  set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
                    _ ("Could not update the project file to this version of Zhizao; it was "
                       "left as it was."));
  exec (db, "ROLLBACK");
  return FALSE;
}

/* ---------------------------------------------------------------------------------- */
/* writing and reading the model */

static char *
strv_to_json_string (const char *const *v)
{
  g_autoptr (JsonArray) a = json_array_new ();
  for (; v && *v; v++)
    json_array_add_string_element (a, *v);
  g_autoptr (JsonNode) n = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (n, a);
  return json_to_string (n, FALSE);
}

static GStrv
strv_from_json_string (const char *s)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr (JsonNode) n = s ? json_from_string (s, NULL) : NULL;
  if (n && JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *e = json_array_get_string_element (a, i);
          if (e)
            g_strv_builder_add (b, e);
        }
    }
  return g_strv_builder_end (b);
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    return NULL;
  return st;
}

/* Keeps the reason of the first failure: SQLite's message is gone once the statement is
 * finalized or another one prepared. */
static gboolean
why_fail (sqlite3 *db, char **why)
{
  if (why && *why == NULL)
    *why = g_strdup (sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
step_done (sqlite3_stmt *st, char **why)
{
  int rc = sqlite3_step (st);
  if (rc != SQLITE_DONE)
    why_fail (sqlite3_db_handle (st), why);
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return rc == SQLITE_DONE;
}

#define TEXT(st, i, s) sqlite3_bind_text (st, i, s, -1, SQLITE_TRANSIENT)

/* The whole document is small (kilobytes): every save rewrites it in one transaction. */
static gboolean
write_model (sqlite3 *db, ZhiProject *p, char **why)
{
  gboolean ok = exec (db, "DELETE FROM fields") && exec (db, "DELETE FROM scenarios")
                && exec (db, "DELETE FROM answers") && exec (db, "DELETE FROM narratives")
                && exec (db, "DELETE FROM evidence");
  if (!ok)
    return why_fail (db, why);

  sqlite3_stmt *st = prepare (db, "INSERT INTO fields (key, value) VALUES (?, ?)");
  if (!st)
    return why_fail (db, why);
  guint n_fields;
  const ZhiFieldInfo *fields = _zhi_project_fields (&n_fields);
  for (guint i = 0; ok && i < n_fields; i++)
    {
      g_auto (GValue) v = G_VALUE_INIT;
      _zhi_project_get_field (p, i, &v);
      TEXT (st, 1, fields[i].key);
      if (G_VALUE_HOLDS_STRING (&v))
        TEXT (st, 2, g_value_get_string (&v));
      else if (G_VALUE_HOLDS_DOUBLE (&v))
        sqlite3_bind_double (st, 2, g_value_get_double (&v));
      else
        sqlite3_bind_int64 (st, 2, g_value_get_int64 (&v));
      ok = step_done (st, why);
    }
  sqlite3_finalize (st);
  if (!ok)
    return FALSE;

  st = prepare (db, "INSERT INTO scenarios (position, name, criteria, description) "
                    "VALUES (?, ?, ?, ?)");
  if (!st)
    return why_fail (db, why);
  for (guint i = 0; ok && i < zhi_project_get_n_scenarios (p); i++)
    {
      const ZhiScenario *s = zhi_project_get_scenario (p, i);
      g_autofree char *criteria = strv_to_json_string ((const char *const *)s->criteria);
      sqlite3_bind_int (st, 1, i);
      TEXT (st, 2, s->name);
      TEXT (st, 3, criteria);
      TEXT (st, 4, s->description);
      ok = step_done (st, why);
    }
  sqlite3_finalize (st);
  if (!ok)
    return FALSE;

  st = prepare (db, "INSERT INTO answers (id, json) VALUES (?, ?)");
  if (!st)
    return why_fail (db, why);
  {
    ZhiAnswers *answers = zhi_project_get_answers (p);
    g_autoptr (GPtrArray) ids = zhi_answers_list_ids (answers);
    for (guint i = 0; ok && i < ids->len; i++)
      {
        g_autoptr (JsonNode) node = zhi_answers_get_json (answers, ids->pdata[i]);
        if (node == NULL)
          continue;
        g_autofree char *json = json_to_string (node, FALSE);
        TEXT (st, 1, ids->pdata[i]);
        TEXT (st, 2, json);
        ok = step_done (st, why);
      }
  }
  sqlite3_finalize (st);
  if (!ok)
    return FALSE;

  st = prepare (db, "INSERT INTO narratives (criterion_id, text) VALUES (?, ?)");
  if (!st)
    return why_fail (db, why);
  {
    g_autoptr (GPtrArray) ids = zhi_project_list_narrative_ids (p);
    for (guint i = 0; ok && i < ids->len; i++)
      {
        TEXT (st, 1, ids->pdata[i]);
        TEXT (st, 2, zhi_project_get_narrative (p, ids->pdata[i]));
        ok = step_done (st, why);
      }
  }
  sqlite3_finalize (st);
  if (!ok)
    return FALSE;

  st = prepare (db, "INSERT INTO evidence (id, position, title, file_name, media_type, size, "
                    "sha256, page_count, supports, added_us, usable, problem) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!st)
    return why_fail (db, why);
  GListModel *list = zhi_project_get_evidence_list (p);
  for (guint i = 0; ok && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      g_autofree char *supports = strv_to_json_string (zhi_evidence_get_supports (ev));
      GDateTime *added = zhi_evidence_get_added (ev);
      TEXT (st, 1, zhi_evidence_get_id (ev));
      sqlite3_bind_int (st, 2, i);
      TEXT (st, 3, zhi_evidence_get_title (ev));
      TEXT (st, 4, zhi_evidence_get_file_name (ev));
      TEXT (st, 5, zhi_evidence_get_media_type (ev));
      sqlite3_bind_int64 (st, 6, (sqlite3_int64)zhi_evidence_get_size (ev));
      TEXT (st, 7, zhi_evidence_get_sha256 (ev));
      sqlite3_bind_int64 (st, 8, zhi_evidence_get_page_count (ev));
      TEXT (st, 9, supports);
      sqlite3_bind_int64 (st, 10,
                          g_date_time_to_unix (added) * G_USEC_PER_SEC
                              + g_date_time_get_microsecond (added));
      if (zhi_evidence_get_inspected (ev))
        sqlite3_bind_int (st, 11, zhi_evidence_get_usable (ev));
      else
        sqlite3_bind_null (st, 11);
      TEXT (st, 12, zhi_evidence_get_problem (ev));
      ok = step_done (st, why);
    }
  sqlite3_finalize (st);
  return ok;
}

static const char *
col_text (sqlite3_stmt *st, int i)
{
  const char *s = (const char *)sqlite3_column_text (st, i);
  return s ? s : "";
}

/* Text read into the model is valid UTF-8 even from a damaged or crafted file (SQLite
 * stores whatever bytes it was given): a repaired copy, owned by @keep, replaces it. */
static const char *
col_utf8 (sqlite3_stmt *st, int i, GPtrArray *keep)
{
  const char *s = col_text (st, i);
  if (g_utf8_validate (s, -1, NULL))
    return s;
  char *valid = g_utf8_make_valid (s, -1);
  g_ptr_array_add (keep, valid);
  return valid;
}

static gboolean
read_model (sqlite3 *db, int version, ZhiProject *p, const char *path, GError **error)
{
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  guint n_fields;
  const ZhiFieldInfo *fields = _zhi_project_fields (&n_fields);
  sqlite3_stmt *st = prepare (db, "SELECT key, value FROM fields");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *key = col_text (st, 0);
      for (guint i = 0; i < n_fields; i++)
        {
          if (!g_str_equal (fields[i].key, key))
            continue;
          g_auto (GValue) v = G_VALUE_INIT;
          switch (fields[i].kind)
            {
              case ZHI_FIELD_STRING:
                g_value_init (&v, G_TYPE_STRING);
                g_value_set_string (&v, col_utf8 (st, 1, keep));
                if (!g_str_equal (key, "track") || zhi_track_is_valid (col_text (st, 1)))
                  _zhi_project_set_field (p, i, &v);
                break;
              case ZHI_FIELD_DOUBLE:
                g_value_init (&v, G_TYPE_DOUBLE);
                g_value_set_double (&v, sqlite3_column_double (st, 1));
                /* SQLite stores ±Inf (a REAL overflowing, like 1e999); the model takes
                 * finite numbers only */
                if (isfinite (g_value_get_double (&v)))
                  _zhi_project_set_field (p, i, &v);
                break;
              case ZHI_FIELD_INT64:
                g_value_init (&v, G_TYPE_INT64);
                g_value_set_int64 (&v, sqlite3_column_int64 (st, 1));
                _zhi_project_set_field (p, i, &v);
                break;
            }
        }
    }
  sqlite3_finalize (st);

  if (version >= 2)
    {
      st = prepare (db, "SELECT name, criteria, description FROM scenarios ORDER BY position");
      if (!st)
        goto fail;
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          g_auto (GStrv) criteria = strv_from_json_string (col_text (st, 1));
          g_autoptr (ZhiScenario) s = zhi_scenario_new (
              col_utf8 (st, 0, keep), (const char *const *)criteria, col_utf8 (st, 2, keep));
          zhi_project_add_scenario (p, s);
        }
      sqlite3_finalize (st);
    }

  st = prepare (db, "SELECT id, json FROM answers");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr (JsonNode) node = json_from_string (col_text (st, 1), NULL);
      g_autoptr (GError) local = NULL;
      if (node == NULL
          || !zhi_answers_set_json (zhi_project_get_answers (p), col_utf8 (st, 0, keep), node,
                                    &local))
        g_warning ("Skipping unreadable answer “%s” in %s", col_text (st, 0), path);
    }
  sqlite3_finalize (st);

  st = prepare (db, "SELECT criterion_id, text FROM narratives");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    if (*col_text (st, 0))
      zhi_project_set_narrative (p, col_utf8 (st, 0, keep), col_utf8 (st, 1, keep));
  sqlite3_finalize (st);

  st = prepare (db, version >= 3
                        ? "SELECT id, title, file_name, media_type, size, sha256, page_count, "
                          "supports, added_us, usable, problem FROM evidence ORDER BY position"
                        : "SELECT id, title, file_name, media_type, size, sha256, page_count, "
                          "supports, added_us, NULL, '' FROM evidence ORDER BY position");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_auto (GStrv) supports = strv_from_json_string (col_text (st, 7));
      gint64 us = sqlite3_column_int64 (st, 8);
      /* NULL (out of GDateTime's range, a damaged value) makes it "now" */
      g_autoptr (GDateTime) t0 = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
      g_autoptr (GDateTime) added = t0 ? g_date_time_add (t0, us % G_USEC_PER_SEC) : NULL;
      g_autoptr (GError) local = NULL;
      sqlite3_int64 size = sqlite3_column_int64 (st, 4);
      sqlite3_int64 pages = sqlite3_column_int64 (st, 6);
      if (size < 0 || pages < 0 || pages > G_MAXUINT)
        {
          /* JSON import refuses them too: they would not survive export and import */
          g_warning ("Skipping unreadable evidence “%s” in %s: a negative size or page count",
                     col_text (st, 0), path);
          continue;
        }
      /* usable NULL: not inspected; 0 with no reason (a damaged value) is re-checked too */
      gboolean inspected = sqlite3_column_type (st, 9) != SQLITE_NULL;
      const char *problem = sqlite3_column_int (st, 9) ? "" : col_utf8 (st, 10, keep);
      if (inspected && !sqlite3_column_int (st, 9) && *problem == '\0')
        inspected = FALSE;
      if (!_zhi_project_add_evidence_inspected (
              p, col_utf8 (st, 0, keep), col_utf8 (st, 1, keep), col_utf8 (st, 2, keep),
              col_utf8 (st, 3, keep), (guint64)size, col_text (st, 5), (guint)pages,
              (const char *const *)supports, added, inspected, problem, &local))
        g_warning ("Skipping unreadable evidence “%s” in %s: %s", col_text (st, 0), path,
                   local->message);
    }
  sqlite3_finalize (st);
  return TRUE;

fail:
  return set_sqlite_error (error, db, ZHI_PROJECT_ERROR_DAMAGED, path,
                           _ ("The project file is damaged: its content cannot be read."));
}

/* ---------------------------------------------------------------------------------- */
/* the store */

static gboolean store_save (ZhiStore *store, gboolean *busy, GError **error);

/* The blobs changed: the sizes are read again when next asked for. */
static void
forget_sizes (ZhiStore *store)
{
  g_mutex_lock (&store->mutex);
  g_clear_pointer (&store->sizes, g_hash_table_unref);
  g_mutex_unlock (&store->mutex);
}

#define BUSY_RETRY_MS 5

static gboolean
autosave_cb (gpointer data)
{
  ZhiStore *store = data;
  g_autoptr (GError) error = NULL;
  gboolean busy = FALSE;

  if (!g_mutex_trylock (&store->mutex))
    return G_SOURCE_CONTINUE; /* an attach is writing: try again later */
  g_mutex_unlock (&store->mutex);
  store->timeout_id = 0;
  if (!store_save (store, &busy, &error))
    _zhi_project_emit_save_failed (store->project, error);
  else if (busy)
    {
      /* an attach is between two slices of its write: it yields, so retry at once */
      store->timeout_id = g_timeout_add (BUSY_RETRY_MS, autosave_cb, store);
      g_source_set_name_by_id (store->timeout_id, "[zhizao] autosave retry");
    }
  return G_SOURCE_REMOVE;
}

static void
on_changed (ZhiProject *project, const char *what, gpointer data)
{
  ZhiStore *store = data;
  (void)project;
  (void)what;
  store->dirty = TRUE;
  store->failed = FALSE;
  if (store->read_only || store->path == NULL || store->timeout_id != 0)
    return;
  /* not restarted by later edits: nothing typed waits longer than delay_ms */
  store->timeout_id = g_timeout_add (store->delay_ms, autosave_cb, store);
  g_source_set_name_by_id (store->timeout_id, "[zhizao] autosave");
}

/* With @busy, never waits for another connection's write: sets *busy and returns TRUE
 * with the changes still unsaved when the file is locked. */
static gboolean
store_save (ZhiStore *store, gboolean *busy, GError **error)
{
  if (!store->dirty)
    return TRUE;
  g_clear_handle_id (&store->timeout_id, g_source_remove);
  if (store->path == NULL)
    return TRUE; /* the temporary store of a file-less project: save_as writes the model */
  if (store->read_only)
    {
      g_autofree char *name = display_name (store->path);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_READ_ONLY,
                   _ ("“%s” is open read-only, so your changes are only in this window. Use "
                      "“Save As” to keep them in a new file."),
                   name);
      return FALSE;
    }

  g_autofree char *why = NULL;
  g_mutex_lock (&store->mutex);
  if (busy != NULL)
    sqlite3_busy_timeout (store->db, 0);
  int rc = sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (busy != NULL)
    sqlite3_busy_timeout (store->db, 5000);
  if (busy != NULL && (rc & 0xff) == SQLITE_BUSY)
    {
      g_atomic_int_set (&store->saver_waiting, 1);
      g_mutex_unlock (&store->mutex);
      *busy = TRUE;
      return TRUE;
    }
  g_atomic_int_set (&store->saver_waiting, 0);
  gboolean ok = rc == SQLITE_OK;
  if (ok)
    {
      ok = write_model (store->db, store->project, &why)
           && (exec (store->db, "COMMIT") || why_fail (store->db, &why));
      if (!ok)
        {
          set_store_error (error, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                           _ ("Could not save the project. Your changes are kept in this "
                              "window; free some disk space or use “Save As” to store them "
                              "elsewhere."),
                           why);
          exec (store->db, "ROLLBACK");
        }
    }
  else
    set_sqlite_error (error, store->db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                      _ ("Could not save the project. Your changes are kept in this window; "
                         "use “Save As” to store them elsewhere."));
  g_mutex_unlock (&store->mutex);

  if (ok)
    store->dirty = FALSE;
  else
    store->failed = TRUE;
  return ok;
}

static void
store_close (ZhiStore *store)
{
  /* an attach worker still uses the store: let it finish (it never waits for this thread) */
  g_mutex_lock (&store->mutex);
  while (store->n_workers > 0)
    g_cond_wait (&store->idle, &store->mutex);
  g_mutex_unlock (&store->mutex);
  g_clear_handle_id (&store->timeout_id, g_source_remove);
  if (store->changed_id && store->project)
    g_signal_handler_disconnect (store->project, store->changed_id);
  store->changed_id = 0;
  if (store->db)
    sqlite3_close_v2 (store->db); /* before the lock fd: closing that drops fcntl locks;
                                     _v2: an open evidence stream keeps it alive */
  store->db = NULL;
  if (store->lock_fd >= 0)
    close (store->lock_fd);
  store->lock_fd = -1;
  g_clear_pointer (&store->sizes, g_hash_table_unref);
  g_mutex_clear (&store->mutex);
  g_cond_clear (&store->idle);
  g_free (store->path);
  g_free (store);
}

/* drop blobs no evidence item refers to (only when no attach can be in flight) */
static void
collect_garbage (ZhiStore *store)
{
  if (store->read_only || store->db == NULL)
    return;
  g_mutex_lock (&store->mutex);
  exec (store->db, GC_SQL);
  g_clear_pointer (&store->sizes, g_hash_table_unref);
  g_mutex_unlock (&store->mutex);
}

/* GDestroyNotify for the project's dispose */
static void
store_free (gpointer data)
{
  ZhiStore *store = data;
  g_autoptr (GError) error = NULL;
  if (store->path && !store->read_only)
    {
      if (!store_save (store, NULL, &error))
        g_warning ("%s", error->message);
      else
        collect_garbage (store);
    }
  store->project = NULL;
  store_close (store);
}

static ZhiStore *
store_new (ZhiProject *project, sqlite3 *db, const char *path, int lock_fd, gboolean read_only)
{
  ZhiStore *store = g_new0 (ZhiStore, 1);
  store->project = project;
  store->db = db;
  store->path = g_strdup (path);
  store->lock_fd = lock_fd;
  store->read_only = read_only;
  store->delay_ms = DEFAULT_DELAY_MS;
  g_mutex_init (&store->mutex);
  g_cond_init (&store->idle);
  return store;
}

static void
store_attach (ZhiStore *store, ZhiProject *project)
{
  _zhi_project_set_store (project, store, store_free);
  store->changed_id = g_signal_connect (project, "changed", G_CALLBACK (on_changed), store);
}

/* a temporary on-disk database (SQLite deletes it on close) for a project without file */
static ZhiStore *
ensure_store (ZhiProject *self, GError **error)
{
  ZhiStore *store = _zhi_project_get_store (self);
  if (store)
    return store;
  sqlite3 *db = NULL;
  if (sqlite3_open_v2 ("", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, db, ZHI_PROJECT_ERROR_IO, NULL,
                        _ ("Could not create temporary storage for evidence."));
      sqlite3_close (db);
      return NULL;
    }
  configure (db);
  if (!ensure_schema (db, NULL, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  store = store_new (self, db, NULL, -1, FALSE);
  store_attach (store, self);
  return store;
}

/* ---------------------------------------------------------------------------------- */
/* opening */

static guint32
be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* Checks the 100-byte SQLite header without SQLite: never writes anything. */
static gboolean
check_header (const char *path, gboolean hot_journal, GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  guint8 h[100];
  struct stat sb;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("Could not open “%s”: %s. Check that the file exists and that you may "
                      "read it."),
                   name, g_strerror (e));
      return FALSE;
    }
  ssize_t n = 0;
  if (fstat (fd, &sb) == 0 && S_ISREG (sb.st_mode))
    n = read (fd, h, sizeof h);
  else
    n = -2;
  close (fd);

  if (n == -2)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NOT_A_PROJECT,
                   _ ("“%s” is not a Zhizao project: it is not a regular file."), name);
      return FALSE;
    }
  if (n < 16 || memcmp (h, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NOT_A_PROJECT,
                   _ ("“%s” is not a Zhizao project (it is not an SQLite database). Choose a "
                      "file ending in .zhizao, or create a new project."),
                   name);
      return FALSE;
    }
  if (n < 100)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_DAMAGED,
                   _ ("“%s” is damaged: the file is truncated (%zd bytes). Use a backup copy "
                      "or ask the sender for the file again."),
                   name, n);
      return FALSE;
    }
  guint32 app_id = be32 (h + 68);
  if (app_id != ZHI_PROJECT_APPLICATION_ID)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NOT_A_PROJECT,
                   _ ("“%s” is an SQLite database of another program, not a Zhizao project. "
                      "Choose a file ending in .zhizao, or create a new project."),
                   name);
      return FALSE;
    }
  guint32 version = be32 (h + 60);
  if (version > ZHI_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NEWER_VERSION,
                   _ ("“%s” was saved by a newer version of Zhizao (file version %u, this "
                      "version reads up to %d). Update Zhizao to open it; the file was not "
                      "changed."),
                   name, version, ZHI_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == 0)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_DAMAGED,
                   _ ("“%s” is damaged: it carries no schema version. Use a backup copy."), name);
      return FALSE;
    }
  guint32 page_size = ((guint32)h[16] << 8) | h[17];
  if (page_size == 1)
    page_size = 65536;
  guint32 pages = be32 (h + 28);
  /* the page count in the header is valid when the two change counters agree */
  if (!hot_journal && be32 (h + 24) == be32 (h + 92) && pages > 0
      && (guint64)sb.st_size < (guint64)pages * page_size)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_DAMAGED,
                   _ ("“%s” is damaged: the file is truncated (%llu of %llu bytes). Use a backup "
                      "copy or ask the sender for the file again."),
                   name, (unsigned long long)sb.st_size, (unsigned long long)pages * page_size);
      return FALSE;
    }
  return TRUE;
}

/* A rollback journal that starts with SQLite's journal magic may need playing back; one
 * whose header is still zero (a crash before its first sync) is ignored by SQLite. */
static gboolean
has_hot_journal (const char *path)
{
  static const guint8 magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  guint8 head[8] = { 0 };
  int fd = g_open (journal, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  gboolean hot = read (fd, head, sizeof head) == sizeof head && memcmp (head, magic, 8) == 0;
  close (fd);
  return hot;
}

/* Full read-only check with SQLite: quick_check, application id, version. */
static gboolean
check_with_sqlite (const char *path, GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 5000);
    }
  sqlite3_stmt *st = NULL;
  g_autofree char *verdict = NULL;
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  /* Every table but the evidence bytes: checking those would read every byte attached (a
   * second per 400 MB) at each open; they are checked against their SHA-256 when read. */
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (
        db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'blobs'", -1, &st,
        NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        g_ptr_array_add (tables, g_strdup (col_text (st, 0)));
      sqlite3_finalize (st);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  for (guint i = 0; rc == SQLITE_OK && (i == 0 || i < tables->len)
                    && (verdict == NULL || g_str_equal (verdict, "ok"));
       i++)
    {
      char *sql = tables->len > 0
                      ? sqlite3_mprintf ("PRAGMA quick_check(\"%w\")", (char *)tables->pdata[i])
                      : NULL;
      g_clear_pointer (&verdict, g_free);
      rc = sqlite3_prepare_v2 (db, sql != NULL ? sql : "PRAGMA quick_check", -1, &st, NULL);
      sqlite3_free (sql);
      if (rc != SQLITE_OK)
        break;
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          const char *text = col_text (st, 0);
          if (g_str_has_prefix (text, "*** ") && strchr (text, '\n'))
            text = strchr (text, '\n') + 1;
          const char *nl = strchr (text, '\n');
          /* several problems come as one multi-line row: name the first */
          verdict = g_strndup (text, nl ? (gsize)(nl - text) : MIN (strlen (text), 200));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (st);
    }
  int app_id = 0;
  if (rc == SQLITE_OK)
    rc = pragma_int (db, "application_id", &app_id);

  gboolean ok = FALSE;
  if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NOT_A_PROJECT,
                 _ ("“%s” is not a Zhizao project (SQLite cannot read it as a database)."), name);
  else if (rc == SQLITE_READONLY_ROLLBACK)
    g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                 _ ("“%s” was not closed properly and needs recovery, but it or its folder "
                    "is read-only. Copy it to a folder you can write to and open the copy."),
                 name);
  else if (rc != SQLITE_OK || verdict == NULL || !g_str_equal (verdict, "ok"))
    g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_DAMAGED,
                 _ ("“%s” is damaged (%s). Use a backup copy or ask the sender for the file "
                    "again; the file was not changed."),
                 name, verdict ? verdict : sqlite3_errstr (rc));
  else if ((guint32)app_id != ZHI_PROJECT_APPLICATION_ID)
    g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_NOT_A_PROJECT,
                 _ ("“%s” is an SQLite database of another program, not a Zhizao project."), name);
  else
    ok = TRUE;
  sqlite3_close (db);
  return ok;
}

static ZhiProjectAccess
probe_access (const char *path, int *lock_fd)
{
  struct stat sb;
  g_autofree char *dir = g_path_get_dirname (path);
  *lock_fd = -1;

  /* permission bits, not access(2): root would be allowed anyway, but a file the user
   * marked read-only should stay so */
  if (g_stat (path, (GStatBuf *)&sb) != 0 || (sb.st_mode & 0222) == 0 || g_access (path, W_OK) != 0)
    return ZHI_PROJECT_READ_ONLY_FILE;
  if (g_stat (dir, (GStatBuf *)&sb) != 0 || (sb.st_mode & 0222) == 0 || g_access (dir, W_OK) != 0)
    return ZHI_PROJECT_READ_ONLY_FOLDER;

  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return ZHI_PROJECT_READ_ONLY_FILE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return ZHI_PROJECT_READ_ONLY_LOCKED;
    }
  *lock_fd = fd;
  return ZHI_PROJECT_WRITABLE;
}

static ZhiProject *open_project (GFile *file, gboolean read_only_requested, GError **error);

ZhiProject *
zhi_project_open (GFile *file, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return open_project (file, FALSE, error);
}

ZhiProject *
zhi_project_open_read_only (GFile *file, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return open_project (file, TRUE, error);
}

static ZhiProject *
open_project (GFile *file, gboolean read_only_requested, GError **error)
{

  g_autofree char *path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("Could not open “%s”: only local files can be projects. Copy it to this "
                      "computer first."),
                   uri);
      return NULL;
    }

  g_autoptr (ZhiProject) project = NULL;
  sqlite3 *db = NULL;
  int lock_fd = -1;

  /* 1. recognise it without SQLite (the header bytes that say what the file is) */
  gboolean hot = has_hot_journal (path);
  if (!check_header (path, hot, error))
    return NULL;
  if (hot && read_only_requested)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("“%s” was not closed properly and needs recovery. Open it once in "
                      "Zhizao to recover it, then try again; the file was not changed."),
                   name);
      return NULL;
    }

  /* 2. a crash left a hot journal: SQLite rolls the last transaction back on first use
   *    (this is recovery of our own file, not a change of a foreign one) */
  ZhiProjectAccess access
      = read_only_requested ? ZHI_PROJECT_READ_ONLY_REQUESTED : probe_access (path, &lock_fd);
  if (hot && access == ZHI_PROJECT_WRITABLE)
    {
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        exec (db, "SELECT count(*) FROM sqlite_schema");
      sqlite3_close (db);
      db = NULL;
      if (!check_header (path, FALSE, error))
        goto fail;
    }

  /* 3. integrity, read-only */
  if (!check_with_sqlite (path, error))
    goto fail;

  /* 4. the real connection; migrations only on a file that passed every check */
  gboolean read_only = access != ZHI_PROJECT_WRITABLE;
  int rc
      = sqlite3_open_v2 (path, &db, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, ZHI_PROJECT_ERROR_IO, path, _ ("Could not open the project."));
      sqlite3_close (db);
      goto fail;
    }
  configure (db);
  if (!read_only && !ensure_schema (db, path, error))
    {
      sqlite3_close (db);
      goto fail;
    }
  /* an attach interrupted by a crash left bytes no evidence record refers to (a converted
   * office document's PDF is referred to by its conversion) */
  if (!read_only)
    exec (db, GC_SQL);
  int version = 0;
  pragma_int (db, "user_version", &version);

  project = zhi_project_new ();
  if (!read_model (db, version, project, path, error))
    {
      sqlite3_close (db);
      goto fail;
    }
  /* drafted against an edition that is not installed: read-only, its data visible and
   * exportable, until the edition is installed */
  if (access == ZHI_PROJECT_WRITABLE && zhi_editions_project_edition_missing (project, NULL))
    {
      access = ZHI_PROJECT_READ_ONLY_EDITION;
      read_only = TRUE;
    }
  ZhiStore *store = store_new (project, db, path, lock_fd, read_only);
  store_attach (store, project);
  _zhi_project_set_location (project, file, access);
  return g_steal_pointer (&project);

fail:
  if (lock_fd >= 0)
    close (lock_fd);
  return NULL;
}

ZhiProject *
zhi_project_create (GFile *file, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  if (g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("“%s” already exists. Choose another name, or open it instead."), name);
      return NULL;
    }
  g_autoptr (ZhiProject) project = zhi_project_new ();
  if (!zhi_project_save_as (project, file, error))
    return NULL;
  return g_steal_pointer (&project);
}

/* ---------------------------------------------------------------------------------- */
/* saving */

gboolean
zhi_project_flush (ZhiProject *self, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  ZhiStore *store = _zhi_project_get_store (self);
  if (store == NULL)
    return TRUE;
  return store_save (store, NULL, error);
}

gboolean
zhi_project_has_unsaved_changes (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  ZhiStore *store = _zhi_project_get_store (self);
  if (store == NULL || store->path == NULL)
    return TRUE;
  return store->dirty;
}

void
zhi_project_set_autosave_delay (ZhiProject *self, guint milliseconds)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  ZhiStore *store = ensure_store (self, NULL);
  if (store)
    store->delay_ms = milliseconds;
}

gboolean
zhi_project_close (ZhiProject *self, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  ZhiStore *store = _zhi_project_get_store (self);
  if (store == NULL)
    return TRUE;
  if (store->path != NULL && !store->read_only && !store_save (store, NULL, error))
    return FALSE;
  collect_garbage (store);
  store = _zhi_project_steal_store (self);
  store_close (store);
  _zhi_project_set_location (self, NULL, ZHI_PROJECT_WRITABLE);
  return TRUE;
}

static void
fsync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
zhi_project_save_as (ZhiProject *self, GFile *file, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  g_autofree char *why = NULL;
  g_autofree char *path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("Could not save to “%s”: only local files can be projects."), uri);
      return FALSE;
    }
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *dir = g_path_get_dirname (path);
  ZhiStore *old = _zhi_project_get_store (self);

  /* someone else holds the target open? (our own file is fine: we hold its lock) */
  if (old == NULL || old->path == NULL || !g_str_equal (old->path, path))
    {
      int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      if (fd >= 0)
        {
          gboolean busy = flock (fd, LOCK_EX | LOCK_NB) != 0;
          close (fd);
          if (busy)
            {
              g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_LOCKED,
                           _ ("Could not save to “%s”: that project is open in another window. "
                              "Close it there, or choose another name."),
                           name);
              return FALSE;
            }
        }
    }

  g_autofree char *tmpl = g_build_filename (dir, ".zhizao-XXXXXX", NULL);
  int tmp_fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0644);
  if (tmp_fd < 0)
    {
      int e = errno;
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("Could not save “%s”: %s. Choose a folder you can write to."), name,
                   g_strerror (e));
      return FALSE;
    }
  close (tmp_fd);

  sqlite3 *db = NULL;
  gboolean ok = sqlite3_open_v2 (tmpl, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
  if (ok)
    configure (db);
  if (ok && old != NULL && old->db != NULL)
    {
      /* copies the committed content, evidence bytes included, page by page */
      g_mutex_lock (&old->mutex);
      sqlite3_backup *bk = sqlite3_backup_init (db, "main", old->db, "main");
      ok = bk != NULL && sqlite3_backup_step (bk, -1) == SQLITE_DONE;
      ok = sqlite3_backup_finish (bk) == SQLITE_OK && ok;
      g_mutex_unlock (&old->mutex);
      configure (db);
    }
  if (!ok)
    {
      set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
                        _ ("Could not save the project."));
      goto fail;
    }
  if (!ensure_schema (db, path, error))
    goto fail;
  ok = (exec (db, "BEGIN IMMEDIATE") || why_fail (db, &why)) && write_model (db, self, &why)
       && (exec (db, GC_SQL) || why_fail (db, &why))
       && (exec (db, "COMMIT") || why_fail (db, &why));
  if (!ok)
    {
      set_store_error (error, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
                       _ ("Could not save the project; free some disk space or choose another "
                          "folder."),
                       why);
      exec (db, "ROLLBACK");
      goto fail;
    }
  sqlite3_close (db);
  db = NULL;

  if (g_rename (tmpl, path) != 0)
    {
      int e = errno;
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("Could not save “%s”: %s. Choose a folder you can write to."), name,
                   g_strerror (e));
      goto fail;
    }
  fsync_dir (dir);

  /* continue in the new file */
  int lock_fd = -1;
  ZhiProjectAccess access;
  if (old != NULL && old->path != NULL && g_str_equal (old->path, path))
    {
      /* same path: the old connection and lock refer to the replaced inode */
      store_close (_zhi_project_steal_store (self));
      old = NULL;
    }
  access = probe_access (path, &lock_fd);
  if (sqlite3_open_v2 (
          path, &db, access == ZHI_PROJECT_WRITABLE ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
          NULL)
      != SQLITE_OK)
    {
      set_sqlite_error (error, db, ZHI_PROJECT_ERROR_IO, path,
                        _ ("The project was saved but could not be reopened."));
      sqlite3_close (db);
      if (lock_fd >= 0)
        close (lock_fd);
      return FALSE;
    }
  configure (db);
  if (old != NULL)
    store_close (_zhi_project_steal_store (self));
  ZhiStore *store = store_new (self, db, path, lock_fd, access != ZHI_PROJECT_WRITABLE);
  store_attach (store, self);
  _zhi_project_set_location (self, file, access);
  return TRUE;

fail:
  if (db)
    sqlite3_close (db);
  g_unlink (tmpl);
  return FALSE;
}

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
  ZhiProgressFunc func;
  gpointer data;
  GMainContext *context; /* where to call func; NULL = call directly */
} Progress;

typedef struct
{
  Progress *progress;
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
report (Progress *progress, double fraction)
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

typedef struct
{
  char *sha256;
  guint64 size;
  char *media_type;
  char *file_name;
  gboolean inspected;
  char *problem; /* NULL: usable */
  guint pages;
} BlobInfo;

static void
blob_info_free (BlobInfo *info)
{
  g_free (info->problem);
  g_free (info->sha256);
  g_free (info->media_type);
  g_free (info->file_name);
  g_free (info);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlobInfo, blob_info_free)

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
  sqlite3_stmt *st = prepare (db, "SELECT 1 FROM blobs WHERE sha256 = ?");
  gboolean exists = FALSE;
  if (st)
    {
      TEXT (st, 1, sha256);
      exists = sqlite3_step (st) == SQLITE_ROW;
      sqlite3_finalize (st);
    }
  return exists;
}

/* After a slice: let a waiting autosave of the main thread take the write lock first. */
static void
yield_to_saver (ZhiStore *store)
{
  for (guint i = 0; i < 50 && g_atomic_int_get (&store->saver_waiting); i++)
    g_usleep (2000);
}

static BlobInfo *
store_blob_sliced (ZhiStore *store,
                   GFile *file,
                   BlobInfo *info_in,
                   guint8 *buf,
                   Progress *progress,
                   GCancellable *cancellable,
                   GError **error)
{
  g_autoptr (BlobInfo) info = info_in;
  g_autoptr (GError) local = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_int64 rowid = 0;
  guint64 done = 0;
  gboolean inserted = FALSE;

  if (sqlite3_open_v2 (store->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto db_fail;
  configure (db);
  if (blob_exists (db, info->sha256))
    {
      sqlite3_close (db);
      report (progress, 1.0);
      return g_steal_pointer (&info);
    }

  {
    sqlite3_stmt *st = prepare (db, "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)");
    gboolean ok = st != NULL;
    if (ok)
      {
        TEXT (st, 1, info->sha256);
        sqlite3_bind_int64 (st, 2, (sqlite3_int64)info->size);
        sqlite3_bind_zeroblob64 (st, 3, info->size);
        ok = sqlite3_step (st) == SQLITE_DONE;
        rowid = sqlite3_last_insert_rowid (db);
        sqlite3_finalize (st);
      }
    if (!ok)
      goto db_fail;
    inserted = TRUE;
  }
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
      guint64 slice = 0;

      if (!exec (db, "BEGIN IMMEDIATE")
          || sqlite3_blob_open (db, "main", "blobs", "data", rowid, 1, &blob) != SQLITE_OK)
        {
          exec (db, "ROLLBACK");
          goto db_fail;
        }
      while (slice < WRITE_SLICE)
        {
          gssize n = read_chunk (G_INPUT_STREAM (in), buf, file, cancellable, error);
          if (n < 0 || done + n > info->size)
            {
              sqlite3_blob_close (blob);
              exec (db, "ROLLBACK");
              if (n < 0)
                goto fail;
              goto changed; /* grew */
            }
          if (n == 0)
            {
              eof = TRUE;
              break;
            }
          g_checksum_update (sum, buf, n);
          if (sqlite3_blob_write (blob, buf, (int)n, (int)done) != SQLITE_OK)
            {
              sqlite3_blob_close (blob);
              exec (db, "ROLLBACK");
              goto db_fail;
            }
          done += n;
          slice += n;
        }
      sqlite3_blob_close (blob);
      if (!exec (db, "COMMIT"))
        {
          exec (db, "ROLLBACK");
          goto db_fail;
        }
      report (progress, 0.5 + (info->size ? 0.5 * (double)done / info->size : 0.5));
      yield_to_saver (store);
    }
  if (done != info->size || !g_str_equal (g_checksum_get_string (sum), info->sha256))
    goto changed;

  sqlite3_close (db);
  report (progress, 1.0);
  return g_steal_pointer (&info);

changed:
  {
    g_autofree char *name = g_file_get_parse_name (file);
    g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                 _ ("“%s” changed while it was being attached. Wait until the program "
                    "writing it has finished, then attach it again."),
                 name);
  }
  goto fail;
db_fail:
  set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                    _ ("Could not store the evidence in the project; free some disk space "
                       "and try again."));
fail:
  if (inserted)
    {
      sqlite3_stmt *st = prepare (db, "DELETE FROM blobs WHERE rowid = ?");
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
static BlobInfo *
store_blob (ZhiStore *store,
            GFile *file,
            const char *expected,
            Progress *progress,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (BlobInfo) info = g_new0 (BlobInfo, 1);
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
    g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
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
        g_checksum_update (sum, buf, n);
        info->size += n;
        report (progress, total ? 0.5 * MIN (1.0, (double)info->size / total) : 0.5);
      }
    if (first)
      info->media_type = g_strdup ("application/octet-stream");
    info->sha256 = g_strdup (g_checksum_get_string (sum));
  }

  if (expected && !g_str_equal (expected, info->sha256))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
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
  sqlite3_stmt *st = prepare (db, "SELECT 1 FROM blobs WHERE sha256 = ?");
  gboolean exists = FALSE;
  if (st)
    {
      TEXT (st, 1, info->sha256);
      exists = sqlite3_step (st) == SQLITE_ROW;
      sqlite3_finalize (st);
    }
  if (exists)
    {
      g_mutex_unlock (&store->mutex);
      report (progress, 1.0);
      return g_steal_pointer (&info);
    }

  /* pass 2: write */
  gboolean ok = exec (db, "BEGIN IMMEDIATE");
  sqlite3_blob *blob = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 done = 0;
  if (ok)
    {
      st = prepare (db, "INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)");
      ok = st != NULL;
      if (ok)
        {
          TEXT (st, 1, info->sha256);
          sqlite3_bind_int64 (st, 2, (sqlite3_int64)info->size);
          sqlite3_bind_zeroblob64 (st, 3, info->size);
          ok = sqlite3_step (st) == SQLITE_DONE;
          sqlite3_finalize (st);
        }
      ok = ok
           && sqlite3_blob_open (db, "main", "blobs", "data", sqlite3_last_insert_rowid (db), 1,
                                 &blob)
                  == SQLITE_OK;
    }
  if (!ok)
    {
      set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                        _ ("Could not store the evidence in the project; free some disk space "
                           "and try again."));
      goto fail;
    }
  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    {
      evidence_io_error (error, file, local);
      goto fail;
    }
  for (;;)
    {
      gssize n = read_chunk (G_INPUT_STREAM (in), buf, file, cancellable, error);
      if (n < 0)
        goto fail;
      if (n == 0)
        break;
      if (done + n > info->size)
        break; /* grew: caught below */
      g_checksum_update (sum, buf, n);
      if (sqlite3_blob_write (blob, buf, (int)n, (int)done) != SQLITE_OK)
        {
          set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                            _ ("Could not store the evidence in the project; free some disk "
                               "space and try again."));
          goto fail;
        }
      done += n;
      report (progress, 0.5 + (info->size ? 0.5 * (double)done / info->size : 0.5));
    }
  if (done != info->size || !g_str_equal (g_checksum_get_string (sum), info->sha256))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                   _ ("“%s” changed while it was being attached. Wait until the program "
                      "writing it has finished, then attach it again."),
                   name);
      goto fail;
    }
  sqlite3_blob_close (blob);
  blob = NULL;
  if (!exec (db, "COMMIT"))
    {
      set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                        _ ("Could not store the evidence in the project; free some disk space "
                           "and try again."));
      goto fail;
    }
  g_mutex_unlock (&store->mutex);
  report (progress, 1.0);
  return g_steal_pointer (&info);

fail:
  if (blob)
    sqlite3_blob_close (blob);
  exec (db, "ROLLBACK");
  g_mutex_unlock (&store->mutex);
  return NULL;
}

static ZhiStore *
writable_store (ZhiProject *self, GError **error)
{
  ZhiStore *store = ensure_store (self, error);
  if (store == NULL)
    return NULL;
  if (store->read_only)
    {
      g_autofree char *name = display_name (store->path);
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_READ_ONLY,
                   _ ("Cannot attach evidence: “%s” is open read-only. Use “Save As” to "
                      "continue in a copy you can change."),
                   name);
      return NULL;
    }
  return store;
}

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
inspect_file (GFile *file, BlobInfo *info, GCancellable *cancellable, GError **error)
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
add_evidence_for_blob (ZhiProject *self, BlobInfo *info, const char *title, GError **error)
{
  guint pages = info->inspected                                 ? info->pages
                : g_str_has_prefix (info->media_type, "image/") ? 1
                                                                : 0;
  return _zhi_project_add_evidence_inspected (
      self, NULL, title && *title ? title : info->file_name, info->file_name, info->media_type,
      info->size, info->sha256, pages, NULL, NULL, info->inspected, info->problem, error);
}

ZhiEvidence *
zhi_project_attach_file (
    ZhiProject *self, GFile *file, const char *title, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  ZhiStore *store = writable_store (self, error);
  if (store == NULL)
    return NULL;
  g_autoptr (BlobInfo) info = store_blob (store, file, NULL, NULL, cancellable, error);
  forget_sizes (store);
  if (info == NULL || !inspect_file (file, info, cancellable, error))
    return NULL;
  return add_evidence_for_blob (self, info, title, error);
}

typedef struct
{
  ZhiStore *store;
  GFile *file;
  char *title;
  Progress progress;
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
  BlobInfo *info = store_blob (d->store, d->file, NULL, &d->progress, cancellable, &error);
  forget_sizes (d->store);
  /* the verdict is the source file's, read right after its bytes were hashed and stored */
  if (info != NULL && !inspect_file (d->file, info, cancellable, &error))
    g_clear_pointer (&info, blob_info_free);
  g_mutex_lock (&d->store->mutex);
  if (--d->store->n_workers == 0)
    g_cond_broadcast (&d->store->idle);
  g_mutex_unlock (&d->store->mutex);
  d->store = NULL; /* may be freed from now on */
  if (info)
    g_task_return_pointer (task, info, (GDestroyNotify)blob_info_free);
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
  g_autoptr (BlobInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
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
  ZhiStore *store = writable_store (self, &error);
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
  ZhiStore *store = writable_store (self, error);
  if (store == NULL)
    return FALSE;
  g_autoptr (BlobInfo) info = store_blob (store, file, expected_sha256, NULL, cancellable, error);
  forget_sizes (store);
  return info != NULL;
}

/* size of the stored blob, or -1 when missing */
static gint64
blob_size (ZhiStore *store, const char *sha256, sqlite3_int64 *rowid)
{
  gint64 size = -1;
  g_mutex_lock (&store->mutex);
  if (rowid == NULL)
    {
      /* the evaluation asks for every item at each edit: one query, then a lookup */
      if (store->sizes == NULL)
        {
          sqlite3_stmt *st = prepare (store->db, "SELECT sha256, size FROM blobs");
          store->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          while (st && sqlite3_step (st) == SQLITE_ROW)
            g_hash_table_insert (
                store->sizes, g_strdup (col_text (st, 0)),
                g_memdup2 (&(gint64){ sqlite3_column_int64 (st, 1) }, sizeof (gint64)));
          sqlite3_finalize (st);
        }
      gint64 *known = g_hash_table_lookup (store->sizes, sha256);
      g_mutex_unlock (&store->mutex);
      return known ? *known : -1;
    }
  sqlite3_stmt *st = prepare (store->db, "SELECT rowid, length(data) FROM blobs WHERE sha256 = ?");
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
  return store && sha256 && blob_size (store, sha256, NULL) >= 0;
}

/* ---- ZhiBlobInputStream: reads a blob in chunks, opening the blob per read so no read
 *      transaction stays open between reads ---- */

#define ZHI_TYPE_BLOB_INPUT_STREAM (zhi_blob_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    ZhiBlobInputStream, zhi_blob_input_stream, ZHI, BLOB_INPUT_STREAM, GInputStream)

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
          if (blob_size (store, self->sha256, &rowid) != self->size)
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
      set_sqlite_error (error, store->db, ZHI_PROJECT_ERROR_EVIDENCE, store->path,
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

static GInputStream *
open_blob_stream_sha (ZhiProject *self, ZhiEvidence *ev, const char *sha, GError **error)
{
  ZhiStore *store = _zhi_project_get_store (self);
  gint64 size = store ? blob_size (store, sha, NULL) : -1;
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

static GInputStream *
open_blob_stream (ZhiProject *self, ZhiEvidence *ev, GError **error)
{
  return open_blob_stream_sha (self, ev, zhi_evidence_get_sha256 (ev), error);
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
  sqlite3_stmt *st = prepare (store->db, "SELECT pdf_sha256 FROM conversions WHERE sha256 = ?");
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

GInputStream *
zhi_project_open_evidence_pdf_stream (ZhiProject *self, const char *evidence_id, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  ZhiEvidence *ev = lookup_or_error (self, evidence_id, error);
  if (ev == NULL)
    return NULL;
  g_autofree char *pdf = zhi_project_get_evidence_pdf_sha256 (self, evidence_id);
  if (pdf == NULL)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                   _ ("Evidence %s (“%s”) has not been converted to PDF yet. Install "
                      "LibreOffice and convert it."),
                   zhi_evidence_get_id (ev), zhi_evidence_get_title (ev));
      return NULL;
    }
  return open_blob_stream_sha (self, ev, pdf, error);
}

gboolean
zhi_project_set_evidence_pdf (ZhiProject *self,
                              const char *evidence_id,
                              GFile *pdf,
                              guint pages,
                              GCancellable *cancellable,
                              GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (pdf), FALSE);
  ZhiEvidence *ev = lookup_or_error (self, evidence_id, error);
  if (ev == NULL)
    return FALSE;
  ZhiStore *store = writable_store (self, error);
  if (store == NULL)
    return FALSE;
  g_autoptr (BlobInfo) info = store_blob (store, pdf, NULL, NULL, cancellable, error);
  if (info == NULL)
    return FALSE;
  forget_sizes (store); /* a new blob: the cached sizes are stale */
  g_mutex_lock (&store->mutex);
  sqlite3_stmt *st = prepare (
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
    set_sqlite_error (error, store->db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
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
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  for (;;)
    {
      gssize n = g_input_stream_read (in, buf, CHUNK_SIZE, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_checksum_update (sum, buf, n);
      if (out && !g_output_stream_write_all (out, buf, n, NULL, cancellable, error))
        return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
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
  if (ev == NULL)
    return FALSE;
  g_autoptr (GInputStream) in = open_blob_stream (self, ev, error);
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
  if (sha == NULL || !g_str_equal (sha, zhi_evidence_get_sha256 (ev)))
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
apply_verdict (ZhiProject *self, const char *sha256, BlobInfo *info)
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
      g_autoptr (BlobInfo) info = g_new0 (BlobInfo, 1);
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
  BlobInfo *info = task_data;
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
  BlobInfo *info = g_task_get_task_data (G_TASK (result));
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
          BlobInfo *info = g_new0 (BlobInfo, 1);
          info->media_type = g_strdup (job->types->pdata[job->next]);
          GTask *inner = g_task_new (job->project, cancellable, inspect_done, outer);
          g_task_set_task_data (inner, info, (GDestroyNotify)blob_info_free);
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

/* ---- test hook ---- */
gboolean
_zhi_project_test_exec (ZhiProject *self, const char *sql)
{
  ZhiStore *store = _zhi_project_get_store (self);
  if (store)
    forget_sizes (store);
  return store && exec (store->db, sql);
}
