/* zhi-store.c — the *.zhizao project file (SQLite): checking, opening, reading and saving the
 * model; the evidence bytes are in zhi-store-blob.c, zhi-blob-stream.c and zhi-store-evidence.c */
#include "zhi-context.h"
#include "zhi-editions.h"
#include "zhi-store-private.h"

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

#define DEFAULT_DELAY_MS 500

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

gboolean
zhi_store_set_sqlite_error (
    GError **error, sqlite3 *db, int code, const char *path, const char *what)
{
  return set_store_error (error, code, path, what,
                          db ? sqlite3_errmsg (db) : _ ("cannot open the database"));
}

/* Creates (version 0) or migrates the schema to the current version, in one transaction.
 * A new file goes through version 1 and every migration, so the migrations run always. */
static gboolean
ensure_schema (sqlite3 *db, const char *path, GError **error)
{
  int version = 0;
  if (zhi_sqlite_pragma_int (db, "user_version", &version) != SQLITE_OK)
    return zhi_store_set_sqlite_error (error, db, ZHI_PROJECT_ERROR_DAMAGED, path,
                                       _ ("Could not read the project's version."));
  if (version == ZHI_PROJECT_SCHEMA_VERSION)
    return TRUE;
  if (!zhi_sqlite_exec (db, "BEGIN IMMEDIATE"))
    return zhi_store_set_sqlite_error (
        error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
        _ ("Could not update the project file to this version of Zhizao."));
  gboolean ok = TRUE;
  if (version == 0)
    {
      g_autofree char *sql
          = g_strdup_printf ("PRAGMA application_id = %d", ZHI_PROJECT_APPLICATION_ID);
      ok = zhi_sqlite_exec (db, schema_v1) && zhi_sqlite_exec (db, sql);
      version = 1;
    }
  for (; ok && version < ZHI_PROJECT_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      ok = zhi_sqlite_exec (db, migrations[version - 1]) && zhi_sqlite_exec (db, sql);
    }
  if (ok && zhi_sqlite_exec (db, "COMMIT"))
    return TRUE;
  zhi_store_set_sqlite_error (
      error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
      _ ("Could not update the project file to this version of Zhizao; it was "
         "left as it was."));
  zhi_sqlite_exec (db, "ROLLBACK");
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

static const char *
skip_json_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* What the project writes, an array of strings without escapes (criterion ids), read without
 * the JSON parser: NULL for anything else (an escape, a control character, another value),
 * which the parser reads. */
static GStrv
strv_from_plain_json_array (const char *s)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  const char *p = skip_json_space (s);

  if (*p++ != '[')
    return NULL;
  p = skip_json_space (p);
  if (*p != ']')
    for (;;)
      {
        const char *start;
        g_autofree char *e = NULL;

        if (*p++ != '"')
          return NULL;
        start = p;
        while (*p != '"' && *p != '\\' && *p != '\0' && (guchar)*p >= 0x20)
          p++;
        if (*p != '"' || !g_utf8_validate (start, p - start, NULL))
          return NULL;
        e = g_strndup (start, p - start);
        g_strv_builder_add (b, e);
        p = skip_json_space (p + 1);
        if (*p == ']')
          break;
        if (*p++ != ',')
          return NULL;
        p = skip_json_space (p);
      }
  if (*skip_json_space (p + 1) != '\0')
    return NULL;
  return g_strv_builder_end (b);
}

/* @parser is reused from row to row: a project opens with one per evidence item, and a parser
 * made for each (json_from_string) costs more than the reading */
static GStrv
strv_from_json_string (JsonParser *parser, const char *s)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  JsonNode *n = NULL;
  GStrv plain;

  if (s != NULL && (plain = strv_from_plain_json_array (s)) != NULL)
    return plain;
  if (s != NULL && *s != '\0' && strcmp (s, "[]") != 0
      && json_parser_load_from_data (parser, s, -1, NULL))
    n = json_parser_get_root (parser);
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

/* The whole document is small (kilobytes): every save rewrites it in one transaction. */
static gboolean
write_model (sqlite3 *db, ZhiProject *p, char **why)
{
  gboolean ok = zhi_sqlite_exec (db, "DELETE FROM fields")
                && zhi_sqlite_exec (db, "DELETE FROM scenarios")
                && zhi_sqlite_exec (db, "DELETE FROM answers")
                && zhi_sqlite_exec (db, "DELETE FROM narratives")
                && zhi_sqlite_exec (db, "DELETE FROM evidence");
  if (!ok)
    return why_fail (db, why);

  sqlite3_stmt *st = zhi_sqlite_prepare (db, "INSERT INTO fields (key, value) VALUES (?, ?)");
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

  st = zhi_sqlite_prepare (db, "INSERT INTO scenarios (position, name, criteria, description) "
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

  st = zhi_sqlite_prepare (db, "INSERT INTO answers (id, json) VALUES (?, ?)");
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

  st = zhi_sqlite_prepare (db, "INSERT INTO narratives (criterion_id, text) VALUES (?, ?)");
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

  st = zhi_sqlite_prepare (
      db, "INSERT INTO evidence (id, position, title, file_name, media_type, size, "
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

/* Text read into the model is valid UTF-8 even from a damaged or crafted file (SQLite
 * stores whatever bytes it was given): a repaired copy, owned by @keep, replaces it. */
static const char *
col_utf8 (sqlite3_stmt *st, int i, GPtrArray *keep)
{
  const char *s = zhi_sqlite_col_text (st, i);
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
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  guint n_fields;
  const ZhiFieldInfo *fields = _zhi_project_fields (&n_fields);
  sqlite3_stmt *st = zhi_sqlite_prepare (db, "SELECT key, value FROM fields");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *key = zhi_sqlite_col_text (st, 0);
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
                if (!g_str_equal (key, "track") || zhi_track_is_valid (zhi_sqlite_col_text (st, 1)))
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
      st = zhi_sqlite_prepare (
          db, "SELECT name, criteria, description FROM scenarios ORDER BY position");
      if (!st)
        goto fail;
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          g_auto (GStrv) criteria = strv_from_json_string (parser, zhi_sqlite_col_text (st, 1));
          g_autoptr (ZhiScenario) s = zhi_scenario_new (
              col_utf8 (st, 0, keep), (const char *const *)criteria, col_utf8 (st, 2, keep));
          zhi_project_add_scenario (p, s);
        }
      sqlite3_finalize (st);
    }

  st = zhi_sqlite_prepare (db, "SELECT id, json FROM answers");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_autoptr (JsonNode) node = json_from_string (zhi_sqlite_col_text (st, 1), NULL);
      g_autoptr (GError) local = NULL;
      if (node == NULL
          || !zhi_answers_set_json (zhi_project_get_answers (p), col_utf8 (st, 0, keep), node,
                                    &local))
        g_warning ("Skipping unreadable answer “%s” in %s", zhi_sqlite_col_text (st, 0), path);
    }
  sqlite3_finalize (st);

  st = zhi_sqlite_prepare (db, "SELECT criterion_id, text FROM narratives");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    if (*zhi_sqlite_col_text (st, 0))
      zhi_project_set_narrative (p, col_utf8 (st, 0, keep), col_utf8 (st, 1, keep));
  sqlite3_finalize (st);

  st = zhi_sqlite_prepare (
      db, version >= 3 ? "SELECT id, title, file_name, media_type, size, sha256, page_count, "
                         "supports, added_us, usable, problem FROM evidence ORDER BY position"
                       : "SELECT id, title, file_name, media_type, size, sha256, page_count, "
                         "supports, added_us, NULL, '' FROM evidence ORDER BY position");
  if (!st)
    goto fail;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_auto (GStrv) supports = strv_from_json_string (parser, zhi_sqlite_col_text (st, 7));
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
                     zhi_sqlite_col_text (st, 0), path);
          continue;
        }
      /* usable NULL: not inspected; 0 with no reason (a damaged value) is re-checked too */
      gboolean inspected = sqlite3_column_type (st, 9) != SQLITE_NULL;
      const char *problem = sqlite3_column_int (st, 9) ? "" : col_utf8 (st, 10, keep);
      if (inspected && !sqlite3_column_int (st, 9) && *problem == '\0')
        inspected = FALSE;
      ZhiEvidenceRecord record = {
        .id = col_utf8 (st, 0, keep),
        .title = col_utf8 (st, 1, keep),
        .file_name = col_utf8 (st, 2, keep),
        .media_type = col_utf8 (st, 3, keep),
        .size = (guint64)size,
        .sha256 = zhi_sqlite_col_text (st, 5),
        .page_count = (guint)pages,
        .supports = (const char *const *)supports,
        .added = added,
        .inspected = inspected,
        .problem = problem,
      };
      if (!_zhi_project_add_evidence_record (p, &record, &local))
        g_warning ("Skipping unreadable evidence “%s” in %s: %s", zhi_sqlite_col_text (st, 0), path,
                   local->message);
    }
  sqlite3_finalize (st);
  return TRUE;

fail:
  return zhi_store_set_sqlite_error (
      error, db, ZHI_PROJECT_ERROR_DAMAGED, path,
      _ ("The project file is damaged: its content cannot be read."));
}

/* ---------------------------------------------------------------------------------- */
/* the store */

static gboolean store_save (ZhiStore *store, gboolean *busy, GError **error);

/* The blobs changed: the sizes are read again when next asked for. */
void
zhi_store_forget_sizes (ZhiStore *store)
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
           && (zhi_sqlite_exec (store->db, "COMMIT") || why_fail (store->db, &why));
      if (!ok)
        {
          set_store_error (error, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
                           _ ("Could not save the project. Your changes are kept in this "
                              "window; free some disk space or use “Save As” to store them "
                              "elsewhere."),
                           why);
          zhi_sqlite_exec (store->db, "ROLLBACK");
        }
    }
  else
    zhi_store_set_sqlite_error (
        error, store->db, ZHI_PROJECT_ERROR_SAVE_FAILED, store->path,
        _ ("Could not save the project. Your changes are kept in this window; "
           "use “Save As” to store them elsewhere."));
  g_mutex_unlock (&store->mutex);

  if (ok)
    store->dirty = FALSE;
  else
    store->failed = TRUE;
  return ok;
}

G_DEFINE_FINAL_TYPE (ZhiStore, zhi_store, G_TYPE_OBJECT)

static void
zhi_store_finalize (GObject *object)
{
  ZhiStore *store = ZHI_STORE (object);

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
  G_OBJECT_CLASS (zhi_store_parent_class)->finalize (object);
}

static void
zhi_store_class_init (ZhiStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zhi_store_finalize;
}

static void
zhi_store_init (ZhiStore *store)
{
  store->lock_fd = -1;
  store->delay_ms = DEFAULT_DELAY_MS;
  g_mutex_init (&store->mutex);
  g_cond_init (&store->idle);
}

/* Closes the store now: it has one reference, the project's (attach workers hold none: they
 * count themselves in n_workers, which finalize waits for) */
static void
store_close (ZhiStore *store)
{
  g_object_unref (store);
}

/* drop blobs no evidence item refers to (only when no attach can be in flight) */
static void
collect_garbage (ZhiStore *store)
{
  if (store->read_only || store->db == NULL)
    return;
  g_mutex_lock (&store->mutex);
  zhi_sqlite_exec (store->db, GC_SQL);
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
  ZhiStore *store = g_object_new (ZHI_TYPE_STORE, NULL);
  store->project = project;
  store->db = db;
  store->path = g_strdup (path);
  store->lock_fd = lock_fd;
  store->read_only = read_only;
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
      zhi_store_set_sqlite_error (error, db, ZHI_PROJECT_ERROR_IO, NULL,
                                  _ ("Could not create temporary storage for evidence."));
      sqlite3_close (db);
      return NULL;
    }
  zhi_sqlite_configure (db);
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
  goffset file_size = 0;
  int e = 0;
  gssize n = zhi_sqlite_read_head (path, h, sizeof h, &file_size, &e);
  if (n == -1)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO,
                   _ ("Could not open “%s”: %s. Check that the file exists and that you may "
                      "read it."),
                   name, g_strerror (e));
      return FALSE;
    }
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
      && (guint64)file_size < (guint64)pages * page_size)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_DAMAGED,
                   _ ("“%s” is damaged: the file is truncated (%llu of %llu bytes). Use a backup "
                      "copy or ask the sender for the file again."),
                   name, (unsigned long long)file_size, (unsigned long long)pages * page_size);
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
  int e = 0;
  gboolean hot = zhi_sqlite_read_head (journal, head, sizeof head, NULL, &e) == sizeof head
                 && memcmp (head, magic, 8) == 0;
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
        g_ptr_array_add (tables, g_strdup (zhi_sqlite_col_text (st, 0)));
      sqlite3_finalize (st);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  for (guint i = 0; rc == SQLITE_OK && (i == 0 || i < tables->len)
                    && (verdict == NULL || g_str_equal (verdict, "ok"));
       i++)
    {
      g_clear_pointer (&verdict, g_free);
      rc = zhi_sqlite_quick_check (db, tables->len > 0 ? tables->pdata[i] : NULL, &verdict);
    }
  int app_id = 0;
  if (rc == SQLITE_OK)
    rc = zhi_sqlite_pragma_int (db, "application_id", &app_id);

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
        zhi_sqlite_exec (db, "SELECT count(*) FROM sqlite_schema");
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
      zhi_store_set_sqlite_error (error, db, ZHI_PROJECT_ERROR_IO, path,
                                  _ ("Could not open the project."));
      sqlite3_close (db);
      goto fail;
    }
  zhi_sqlite_configure (db);
  if (!read_only && !ensure_schema (db, path, error))
    {
      sqlite3_close (db);
      goto fail;
    }
  /* an attach interrupted by a crash left bytes no evidence record refers to (a converted
   * office document's PDF is referred to by its conversion) */
  if (!read_only)
    zhi_sqlite_exec (db, GC_SQL);
  int version = 0;
  zhi_sqlite_pragma_int (db, "user_version", &version);

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

void
zhi_project_release_memory (ZhiProject *self)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  ZhiStore *store = _zhi_project_get_store (self);
  if (store == NULL || store->db == NULL)
    return;
  g_mutex_lock (&store->mutex);
  sqlite3_db_release_memory (store->db);
  g_mutex_unlock (&store->mutex);
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
    zhi_sqlite_configure (db);
  if (ok && old != NULL && old->db != NULL)
    {
      /* copies the committed content, evidence bytes included, page by page */
      g_mutex_lock (&old->mutex);
      sqlite3_backup *bk = sqlite3_backup_init (db, "main", old->db, "main");
      ok = bk != NULL && sqlite3_backup_step (bk, -1) == SQLITE_DONE;
      ok = sqlite3_backup_finish (bk) == SQLITE_OK && ok;
      g_mutex_unlock (&old->mutex);
      zhi_sqlite_configure (db);
    }
  if (!ok)
    {
      zhi_store_set_sqlite_error (error, db, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
                                  _ ("Could not save the project."));
      goto fail;
    }
  if (!ensure_schema (db, path, error))
    goto fail;
  ok = (zhi_sqlite_exec (db, "BEGIN IMMEDIATE") || why_fail (db, &why))
       && write_model (db, self, &why) && (zhi_sqlite_exec (db, GC_SQL) || why_fail (db, &why))
       && (zhi_sqlite_exec (db, "COMMIT") || why_fail (db, &why));
  if (!ok)
    {
      set_store_error (error, ZHI_PROJECT_ERROR_SAVE_FAILED, path,
                       _ ("Could not save the project; free some disk space or choose another "
                          "folder."),
                       why);
      zhi_sqlite_exec (db, "ROLLBACK");
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
      zhi_store_set_sqlite_error (error, db, ZHI_PROJECT_ERROR_IO, path,
                                  _ ("The project was saved but could not be reopened."));
      sqlite3_close (db);
      if (lock_fd >= 0)
        close (lock_fd);
      return FALSE;
    }
  zhi_sqlite_configure (db);
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

ZhiStore *
zhi_store_writable (ZhiProject *self, GError **error)
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

/* ---- test hook ---- */
gboolean
_zhi_project_test_exec (ZhiProject *self, const char *sql)
{
  ZhiStore *store = _zhi_project_get_store (self);
  if (store)
    zhi_store_forget_sizes (store);
  return store && zhi_sqlite_exec (store->db, sql);
}
