/* zhi-review.c — the bureau's review file (SQLite) */
#include "zhi-review.h"

#include "zhi-sqlite.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#define DEFAULT_DELAY_MS 500

static const char schema_v1[]
    = "CREATE TABLE settings (key TEXT PRIMARY KEY, value);"
      "CREATE TABLE applications (position INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
      " source INTEGER NOT NULL, error TEXT, enterprise TEXT, credit_code TEXT, city TEXT,"
      " track TEXT, site_name TEXT, claimed REAL, evidenced REAL, verdict TEXT,"
      " n_blocking INTEGER NOT NULL, problems TEXT, pages INTEGER NOT NULL, integrity TEXT,"
      " decision INTEGER NOT NULL, rank INTEGER NOT NULL, opinion TEXT NOT NULL);";

typedef struct
{
  ZhiSummaryRow *row;
  ZhiReviewDecision decision;
  guint rank;
  char *opinion;
} Application;

struct _ZhiReview
{
  GObject parent_instance;
  char *bureau;
  char *city;
  guint quota;
  GPtrArray *applications; /* Application * */

  GFile *file;
  sqlite3 *db;
  gboolean dirty;
  guint timeout_id;
  guint delay_ms;
};

G_DEFINE_TYPE (ZhiReview, zhi_review, G_TYPE_OBJECT)

GQuark
zhi_review_error_quark (void)
{
  return g_quark_from_static_string ("zhi-review-error-quark");
}

/* Replaces *@str by a copy of @value; TRUE when it changed (GLib 2.74 has no g_set_str). */
static gboolean
set_str (char **str, const char *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;
  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

enum
{
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
application_free (gpointer data)
{
  Application *app = data;
  zhi_summary_row_free (app->row);
  g_free (app->opinion);
  g_free (app);
}

static gboolean save_now (ZhiReview *self, GError **error);

static void
close_db (ZhiReview *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->db)
    sqlite3_close (self->db);
  self->db = NULL;
}

static void
zhi_review_dispose (GObject *object)
{
  ZhiReview *self = ZHI_REVIEW (object);
  if (self->db && self->dirty)
    {
      g_autoptr (GError) error = NULL;
      if (!save_now (self, &error))
        g_warning ("%s", error->message);
    }
  close_db (self);
  G_OBJECT_CLASS (zhi_review_parent_class)->dispose (object);
}

static void
zhi_review_finalize (GObject *object)
{
  ZhiReview *self = ZHI_REVIEW (object);
  g_free (self->bureau);
  g_free (self->city);
  g_ptr_array_unref (self->applications);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (zhi_review_parent_class)->finalize (object);
}

static void
zhi_review_class_init (ZhiReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->dispose = zhi_review_dispose;
  object_class->finalize = zhi_review_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
zhi_review_init (ZhiReview *self)
{
  self->bureau = g_strdup ("");
  self->city = g_strdup ("");
  self->applications = g_ptr_array_new_with_free_func (application_free);
  self->delay_ms = DEFAULT_DELAY_MS;
}

/* ---------------------------------------------------------------------------------- */
/* saving */

static gboolean
save_failed (ZhiReview *self, GError **error)
{
  g_autofree char *name = g_file_get_parse_name (self->file);
  g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_SAVE_FAILED,
               _ ("Could not save the review “%s” (%s). Check that the disk has space and the "
                  "folder can be written; your changes are kept in this window."),
               name, sqlite3_errmsg (self->db));
  zhi_sqlite_exec (self->db, "ROLLBACK");
  return FALSE;
}

static void
bind_text_or_null (sqlite3_stmt *st, int i, const char *text)
{
  if (text)
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (st, i);
}

static void
bind_number (sqlite3_stmt *st, int i, double value)
{
  if (isnan (value))
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_double (st, i, value);
}

/* The whole review in one transaction (it is small: a few dozen rows). */
static gboolean
save_now (ZhiReview *self, GError **error)
{
  sqlite3_stmt *st = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->db == NULL)
    return TRUE;
  if (!zhi_sqlite_exec (self->db, "BEGIN IMMEDIATE")
      || !zhi_sqlite_exec (self->db, "DELETE FROM settings")
      || !zhi_sqlite_exec (self->db, "DELETE FROM applications"))
    return save_failed (self, error);

  if (sqlite3_prepare_v2 (self->db, "INSERT INTO settings VALUES (?, ?)", -1, &st, NULL)
      != SQLITE_OK)
    return save_failed (self, error);
  const char *keys[] = { "bureau", "city" };
  const char *values[] = { self->bureau, self->city };
  gboolean ok = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (keys) && ok; i++)
    {
      sqlite3_bind_text (st, 1, keys[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 2, values[i], -1, SQLITE_STATIC);
      ok = sqlite3_step (st) == SQLITE_DONE;
      sqlite3_reset (st);
    }
  sqlite3_bind_text (st, 1, "quota", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 2, self->quota);
  ok = ok && sqlite3_step (st) == SQLITE_DONE;
  sqlite3_finalize (st);
  if (!ok)
    return save_failed (self, error);

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO applications VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                          " ?, ?, ?, ?, ?, ?, ?)",
                          -1, &st, NULL)
      != SQLITE_OK)
    return save_failed (self, error);
  for (guint i = 0; i < self->applications->len && ok; i++)
    {
      Application *app = g_ptr_array_index (self->applications, i);
      ZhiSummaryRow *r = app->row;
      sqlite3_bind_int (st, 1, i);
      sqlite3_bind_text (st, 2, r->path, -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 3, r->source);
      bind_text_or_null (st, 4, r->error);
      bind_text_or_null (st, 5, r->enterprise);
      bind_text_or_null (st, 6, r->credit_code);
      bind_text_or_null (st, 7, r->city);
      bind_text_or_null (st, 8, r->track);
      bind_text_or_null (st, 9, r->site_name);
      bind_number (st, 10, r->claimed);
      bind_number (st, 11, r->evidenced);
      bind_text_or_null (st, 12, r->verdict);
      sqlite3_bind_int (st, 13, r->n_blocking);
      bind_text_or_null (st, 14, r->problems);
      sqlite3_bind_int (st, 15, r->pages);
      bind_text_or_null (st, 16, r->integrity);
      sqlite3_bind_int (st, 17, app->decision);
      sqlite3_bind_int (st, 18, app->rank);
      sqlite3_bind_text (st, 19, app->opinion, -1, SQLITE_STATIC);
      ok = sqlite3_step (st) == SQLITE_DONE;
      sqlite3_reset (st);
    }
  sqlite3_finalize (st);
  if (!ok || !zhi_sqlite_exec (self->db, "COMMIT"))
    return save_failed (self, error);
  self->dirty = FALSE;
  return TRUE;
}

static gboolean
autosave_cb (gpointer data)
{
  ZhiReview *self = data;
  g_autoptr (GError) error = NULL;
  self->timeout_id = 0;
  if (!save_now (self, &error))
    g_warning ("%s", error->message);
  return G_SOURCE_REMOVE;
}

static void
changed (ZhiReview *self)
{
  self->dirty = TRUE;
  if (self->db && self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->delay_ms, autosave_cb, self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
zhi_review_flush (ZhiReview *self, GError **error)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), FALSE);
  return !self->dirty || save_now (self, error);
}

gboolean
zhi_review_has_unsaved_changes (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), FALSE);
  return self->dirty;
}

void
zhi_review_set_autosave_delay (ZhiReview *self, guint milliseconds)
{
  g_return_if_fail (ZHI_IS_REVIEW (self));
  self->delay_ms = milliseconds;
}

gboolean
zhi_review_close (ZhiReview *self, GError **error)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), FALSE);
  if (!zhi_review_flush (self, error))
    return FALSE;
  close_db (self);
  return TRUE;
}

GFile *
zhi_review_get_file (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), NULL);
  return self->file;
}

/* ---------------------------------------------------------------------------------- */
/* opening */

/* Everything that tells whether the file is a sound review, read-only: nothing written. */
static gboolean
check_file (const char *path, GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  guint8 head[16] = { 0 };
  int e = 0;
  gssize n = zhi_sqlite_read_head (path, head, sizeof head, NULL, &e);
  if (n == -1)
    {
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_IO,
                   _ ("Could not open “%s”: %s. Check that the file exists and that you may "
                      "read it."),
                   name, g_strerror (e));
      return FALSE;
    }
  if (n < 16 || memcmp (head, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_NOT_A_REVIEW,
                   _ ("“%s” is not a Zhizao review file."), name);
      return FALSE;
    }

  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  g_autofree char *verdict = NULL;
  int app_id = 0, version = 0;
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      rc = zhi_sqlite_quick_check (db, NULL, &verdict);
    }
  if (rc == SQLITE_OK)
    rc = zhi_sqlite_pragma_int (db, "application_id", &app_id);
  if (rc == SQLITE_OK)
    rc = zhi_sqlite_pragma_int (db, "user_version", &version);
  sqlite3_close (db);

  if (rc != SQLITE_OK || verdict == NULL || !g_str_equal (verdict, "ok"))
    g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_DAMAGED,
                 _ ("The review “%s” is damaged (%s). Use a backup copy; the file was not "
                    "changed."),
                 name, verdict ? verdict : sqlite3_errstr (rc));
  else if ((guint32)app_id != ZHI_REVIEW_APPLICATION_ID)
    g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_NOT_A_REVIEW,
                 _ ("“%s” is not a Zhizao review file."), name);
  else if (version > ZHI_REVIEW_SCHEMA_VERSION)
    g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_TOO_NEW,
                 _ ("The review “%s” was written by a newer version of Zhizao. Update Zhizao "
                    "to open it; the file was not changed."),
                 name);
  else
    return TRUE;
  return FALSE;
}

static char *
col_dup (sqlite3_stmt *st, int i)
{
  return sqlite3_column_type (st, i) == SQLITE_NULL
             ? NULL
             : g_strdup ((const char *)sqlite3_column_text (st, i));
}

static double
col_number (sqlite3_stmt *st, int i)
{
  return sqlite3_column_type (st, i) == SQLITE_NULL ? NAN : sqlite3_column_double (st, i);
}

static gboolean
read_review (ZhiReview *self, GError **error)
{
  sqlite3_stmt *st;
  gboolean ok = sqlite3_prepare_v2 (self->db, "SELECT key, value FROM settings", -1, &st, NULL)
                == SQLITE_OK;
  while (ok && sqlite3_step (st) == SQLITE_ROW)
    {
      const char *key = (const char *)sqlite3_column_text (st, 0);
      if (g_strcmp0 (key, "bureau") == 0)
        set_str (&self->bureau, (const char *)sqlite3_column_text (st, 1));
      else if (g_strcmp0 (key, "city") == 0)
        set_str (&self->city, (const char *)sqlite3_column_text (st, 1));
      else if (g_strcmp0 (key, "quota") == 0)
        self->quota = (guint)MAX (0, sqlite3_column_int64 (st, 1));
    }
  sqlite3_finalize (st);
  ok = ok
       && sqlite3_prepare_v2 (self->db,
                              "SELECT path, source, error, enterprise, credit_code, city, track,"
                              " site_name, claimed, evidenced, verdict, n_blocking, problems,"
                              " pages, integrity, decision, rank, opinion FROM applications"
                              " ORDER BY position",
                              -1, &st, NULL)
              == SQLITE_OK;
  while (ok && sqlite3_step (st) == SQLITE_ROW)
    {
      Application *app = g_new0 (Application, 1);
      ZhiSummaryRow *r = zhi_summary_row_new ((const char *)sqlite3_column_text (st, 0),
                                              sqlite3_column_int (st, 1));
      r->error = col_dup (st, 2);
      r->enterprise = col_dup (st, 3);
      r->credit_code = col_dup (st, 4);
      r->city = col_dup (st, 5);
      r->track = col_dup (st, 6);
      r->site_name = col_dup (st, 7);
      r->claimed = col_number (st, 8);
      r->evidenced = col_number (st, 9);
      r->verdict = col_dup (st, 10);
      r->n_blocking = sqlite3_column_int (st, 11);
      r->problems = col_dup (st, 12);
      r->pages = sqlite3_column_int (st, 13);
      r->integrity = col_dup (st, 14);
      app->row = r;
      app->decision
          = CLAMP (sqlite3_column_int (st, 15), ZHI_REVIEW_UNDECIDED, ZHI_REVIEW_NOT_RECOMMEND);
      app->rank = (guint)MAX (0, sqlite3_column_int (st, 16));
      app->opinion = g_strdup ((const char *)sqlite3_column_text (st, 17));
      g_ptr_array_add (self->applications, app);
    }
  sqlite3_finalize (st);
  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_DAMAGED,
                   _ ("The review “%s” is damaged (%s). Use a backup copy; the file was not "
                      "changed."),
                   name, sqlite3_errmsg (self->db));
    }
  return ok;
}

ZhiReview *
zhi_review_open (GFile *file, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_autofree char *path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_IO,
                   _ ("Could not open “%s”: only local files can be reviews. Copy it to this "
                      "computer first."),
                   uri);
      return NULL;
    }
  if (!check_file (path, error))
    return NULL;

  g_autoptr (ZhiReview) self = g_object_new (ZHI_TYPE_REVIEW, NULL);
  self->file = g_object_ref (file);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_IO,
                   _ ("Could not open the review “%s” for writing (%s). Check that you may "
                      "write the file and its folder."),
                   name, sqlite3_errmsg (self->db));
      close_db (self);
      return NULL;
    }
  zhi_sqlite_configure (self->db);
  if (!read_review (self, error))
    {
      close_db (self);
      return NULL;
    }
  return g_steal_pointer (&self);
}

ZhiReview *
zhi_review_create (GFile *file, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  if (path == NULL || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_IO,
                   path ? _ ("“%s” already exists. Choose another name, or open it instead.")
                        : _ ("Could not create “%s”: only local files can be reviews."),
                   name);
      return NULL;
    }
  /* written whole under a temporary name, then renamed: never a half-made review */
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_unlink (tmp);
  sqlite3 *db = NULL;
  g_autofree char *sql
      = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         (int)ZHI_REVIEW_APPLICATION_ID, ZHI_REVIEW_SCHEMA_VERSION);
  gboolean ok
      = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK;
  if (ok)
    {
      zhi_sqlite_configure (db);
      ok = zhi_sqlite_exec (db, "BEGIN") && zhi_sqlite_exec (db, schema_v1)
           && zhi_sqlite_exec (db, sql) && zhi_sqlite_exec (db, "COMMIT");
    }
  if (!ok)
    {
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_IO,
                   _ ("Could not create the review “%s” (%s). Check that the folder can be "
                      "written."),
                   name, db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      g_unlink (tmp);
      return NULL;
    }
  sqlite3_close (db);
  if (g_rename (tmp, path) != 0)
    {
      int e = errno;
      g_set_error (error, ZHI_REVIEW_ERROR, ZHI_REVIEW_ERROR_IO,
                   _ ("Could not create the review “%s” (%s). Check that the folder can be "
                      "written."),
                   name, g_strerror (e));
      g_unlink (tmp);
      return NULL;
    }
  return zhi_review_open (file, error);
}

/* ---------------------------------------------------------------------------------- */
/* the bureau */

const char *
zhi_review_get_bureau (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), NULL);
  return self->bureau;
}

void
zhi_review_set_bureau (ZhiReview *self, const char *name)
{
  g_return_if_fail (ZHI_IS_REVIEW (self));
  if (set_str (&self->bureau, name ? name : ""))
    changed (self);
}

const char *
zhi_review_get_city (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), NULL);
  return self->city;
}

void
zhi_review_set_city (ZhiReview *self, const char *city)
{
  g_return_if_fail (ZHI_IS_REVIEW (self));
  if (set_str (&self->city, city ? city : ""))
    changed (self);
}

guint
zhi_review_get_quota (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), 0);
  return self->quota;
}

void
zhi_review_set_quota (ZhiReview *self, guint quota)
{
  g_return_if_fail (ZHI_IS_REVIEW (self));
  if (self->quota == quota)
    return;
  self->quota = quota;
  changed (self);
}

/* ---------------------------------------------------------------------------------- */
/* the applications */

static Application *
get_app (ZhiReview *self, guint index)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), NULL);
  g_return_val_if_fail (index < self->applications->len, NULL);
  return g_ptr_array_index (self->applications, index);
}

int
zhi_review_find (ZhiReview *self, const char *path)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), -1);
  for (guint i = 0; i < self->applications->len; i++)
    {
      Application *app = g_ptr_array_index (self->applications, i);
      if (g_strcmp0 (app->row->path, path) == 0)
        return (int)i;
    }
  return -1;
}

guint
zhi_review_add (ZhiReview *self, ZhiSummaryRow *row)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), 0);
  g_return_val_if_fail (row != NULL && row->path != NULL, 0);
  int found = zhi_review_find (self, row->path);
  guint index;
  if (found >= 0)
    {
      Application *app = g_ptr_array_index (self->applications, found);
      zhi_summary_row_free (app->row);
      app->row = row;
      index = (guint)found;
    }
  else
    {
      Application *app = g_new0 (Application, 1);
      app->row = row;
      app->opinion = g_strdup ("");
      index = self->applications->len;
      g_ptr_array_add (self->applications, app);
    }
  changed (self);
  return index;
}

void
zhi_review_remove (ZhiReview *self, guint index)
{
  if (get_app (self, index) == NULL)
    return;
  g_ptr_array_remove_index (self->applications, index);
  changed (self);
}

guint
zhi_review_get_n_applications (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), 0);
  return self->applications->len;
}

const ZhiSummaryRow *
zhi_review_get_row (ZhiReview *self, guint index)
{
  Application *app = get_app (self, index);
  return app ? app->row : NULL;
}

ZhiReviewDecision
zhi_review_get_decision (ZhiReview *self, guint index)
{
  Application *app = get_app (self, index);
  return app ? app->decision : ZHI_REVIEW_UNDECIDED;
}

void
zhi_review_set_decision (ZhiReview *self, guint index, ZhiReviewDecision decision)
{
  Application *app = get_app (self, index);
  g_return_if_fail (decision <= ZHI_REVIEW_NOT_RECOMMEND);
  if (app == NULL || app->decision == decision)
    return;
  app->decision = decision;
  changed (self);
}

guint
zhi_review_get_rank (ZhiReview *self, guint index)
{
  Application *app = get_app (self, index);
  return app ? app->rank : 0;
}

void
zhi_review_set_rank (ZhiReview *self, guint index, guint rank)
{
  Application *app = get_app (self, index);
  if (app == NULL || app->rank == rank)
    return;
  app->rank = rank;
  changed (self);
}

const char *
zhi_review_get_opinion (ZhiReview *self, guint index)
{
  Application *app = get_app (self, index);
  return app ? app->opinion : "";
}

void
zhi_review_set_opinion (ZhiReview *self, guint index, const char *opinion)
{
  Application *app = get_app (self, index);
  if (app != NULL && set_str (&app->opinion, opinion ? opinion : ""))
    changed (self);
}

guint
zhi_review_count_recommended (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), 0);
  guint n = 0;
  for (guint i = 0; i < self->applications->len; i++)
    n += ((Application *)g_ptr_array_index (self->applications, i))->decision
         == ZHI_REVIEW_RECOMMEND;
  return n;
}

gboolean
zhi_review_exceeds_quota (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), FALSE);
  return self->quota > 0 && zhi_review_count_recommended (self) > self->quota;
}

static int
compare_rank (gconstpointer a, gconstpointer b, gpointer data)
{
  ZhiReview *self = data;
  guint ia = GPOINTER_TO_UINT (*(gpointer *)a), ib = GPOINTER_TO_UINT (*(gpointer *)b);
  guint ra = zhi_review_get_rank (self, ia), rb = zhi_review_get_rank (self, ib);
  if (ra != rb)
    {
      if (ra == 0 || rb == 0)
        return ra == 0 ? 1 : -1; /* the unranked after the ranked */
      return ra < rb ? -1 : 1;
    }
  return ia < ib ? -1 : ia > ib;
}

GPtrArray *
zhi_review_recommended_in_rank_order (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), NULL);
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < self->applications->len; i++)
    if (zhi_review_get_decision (self, i) == ZHI_REVIEW_RECOMMEND)
      g_ptr_array_add (out, GUINT_TO_POINTER (i));
  g_ptr_array_sort_with_data (out, compare_rank, self);
  return out;
}

GPtrArray *
zhi_review_get_rows (ZhiReview *self)
{
  g_return_val_if_fail (ZHI_IS_REVIEW (self), NULL);
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < self->applications->len; i++)
    g_ptr_array_add (out, ((Application *)g_ptr_array_index (self->applications, i))->row);
  return out;
}
