/* zhi-sqlite.c — SQLite helpers shared by the project store and the review file */
#include "zhi-sqlite.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

void
zhi_sqlite_configure (sqlite3 *db)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  zhi_sqlite_exec (db, "PRAGMA journal_mode=DELETE");
  zhi_sqlite_exec (db, "PRAGMA synchronous=FULL");
}

gboolean
zhi_sqlite_exec (sqlite3 *db, const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

sqlite3_stmt *
zhi_sqlite_prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    return NULL;
  return st;
}

const char *
zhi_sqlite_col_text (sqlite3_stmt *st, int i)
{
  const char *s = (const char *)sqlite3_column_text (st, i);
  return s ? s : "";
}

int
zhi_sqlite_pragma_int (sqlite3 *db, const char *pragma, int *out)
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

int
zhi_sqlite_quick_check (sqlite3 *db, const char *table, char **verdict)
{
  char *sql = table != NULL ? sqlite3_mprintf ("PRAGMA quick_check(\"%w\")", table) : NULL;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (db, sql != NULL ? sql : "PRAGMA quick_check", -1, &st, NULL);

  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (st, 0);
      if (text == NULL)
        text = "";
      if (g_str_has_prefix (text, "*** ") && strchr (text, '\n'))
        text = strchr (text, '\n') + 1;
      const char *nl = strchr (text, '\n');
      /* several problems come as one multi-line row: name the first */
      *verdict = g_strndup (text, nl ? (gsize)(nl - text) : MIN (strlen (text), 200));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (st);
  return rc;
}

gssize
zhi_sqlite_read_head (const char *path, guint8 *buf, gsize size, goffset *file_size, int *err)
{
  struct stat sb;
  gssize n;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      *err = errno;
      return -1;
    }
  if (fstat (fd, &sb) == 0 && S_ISREG (sb.st_mode))
    {
      n = read (fd, buf, size);
      if (n < 0)
        n = 0; /* as good as empty: nothing of it can be told */
    }
  else
    n = -2;
  close (fd);
  if (file_size != NULL)
    *file_size = n == -2 ? 0 : (goffset)sb.st_size;
  return n;
}
