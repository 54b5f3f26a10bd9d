/* zhi-sqlite.h — what the project store (zhi-store.c) and the bureau's review file
 * (app/review/zhi-review.c) share of SQLite: the connection's settings, and read-only looks at
 * a file before it is opened for writing */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Extended result codes, a 5 s busy timeout, a rollback journal, full sync */
void zhi_sqlite_configure (sqlite3 *db);
gboolean zhi_sqlite_exec (sqlite3 *db, const char *sql);
/* A prepared statement, NULL when @sql does not prepare */
sqlite3_stmt *zhi_sqlite_prepare (sqlite3 *db, const char *sql);
/* Column @i as text, "" for NULL */
const char *zhi_sqlite_col_text (sqlite3_stmt *st, int i);
/* The integer value of "PRAGMA @pragma" ("user_version", "application_id"): an SQLite result
 * code, SQLITE_OK with *out set */
int zhi_sqlite_pragma_int (sqlite3 *db, const char *pragma, int *out);
/* The first line of "PRAGMA quick_check" of @table (of the whole database when NULL) in
 * *verdict, "ok" when sound: an SQLite result code */
int zhi_sqlite_quick_check (sqlite3 *db, const char *table, char **verdict);

/* Reads up to @size bytes from the start of the file at @path without writing anything: the
 * count read (0 when it cannot be read); -1 when it cannot be opened (errno in *err), -2 when
 * it is not a regular file.  *file_size (if not NULL) receives its size. */
gssize
zhi_sqlite_read_head (const char *path, guint8 *buf, gsize size, goffset *file_size, int *err);

G_END_DECLS
