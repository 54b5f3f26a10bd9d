/* zhi-test-util.h — what the unit, dossier and review tests would otherwise each write again:
 * a scratch directory per test program, a file's checksum, the sample enterprise, old schemas,
 * a newer edition of the workshop standard, an attach callback */
#pragma once

#include <gio/gio.h>

#include "zhi-project.h"

G_BEGIN_DECLS

/* The project file's tables as Zhizao 0.1 wrote them (user_version 1), for the tests that make
 * files of older versions (fixtures: never change them); 0.2 (version 2) added the scenarios. */
#define ZHI_TEST_SCHEMA_V1                                                                         \
  "CREATE TABLE fields (key TEXT PRIMARY KEY, value);"                                             \
  "CREATE TABLE answers (id TEXT PRIMARY KEY, json TEXT NOT NULL);"                                \
  "CREATE TABLE narratives (criterion_id TEXT PRIMARY KEY, text TEXT NOT NULL);"                   \
  "CREATE TABLE evidence (id TEXT PRIMARY KEY, position INTEGER NOT NULL,"                         \
  " title TEXT NOT NULL, file_name TEXT NOT NULL, media_type TEXT NOT NULL,"                       \
  " size INTEGER NOT NULL, sha256 TEXT NOT NULL, page_count INTEGER NOT NULL,"                     \
  " supports TEXT NOT NULL, added_us INTEGER NOT NULL);"                                           \
  "CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL);"
#define ZHI_TEST_SCHEMA_V2                                                                         \
  ZHI_TEST_SCHEMA_V1                                                                               \
  "CREATE TABLE scenarios (position INTEGER PRIMARY KEY, name TEXT NOT NULL,"                      \
  " criteria TEXT NOT NULL, description TEXT NOT NULL);"

/* Makes the test program's scratch directory from @tmpl ("zhi-store-XXXXXX") and returns it. */
const char *zhi_test_tmp_dir_make (const char *tmpl);
/* The scratch directory, made by zhi_test_tmp_dir_make(). */
const char *zhi_test_tmp_dir (void);
/* @name in the scratch directory.  Free with g_free(). */
char *zhi_test_tmp_path (const char *name);
/* @name in the scratch directory, with no file there (one left over is removed); its path in
 * *@out_path (free with g_free()) unless that is NULL. */
GFile *zhi_test_tmp_file (const char *name, char **out_path);
/* Removes the scratch directory and everything in it, unless ZHI_KEEP_TEST_OUTPUT is set (to look
 * at the files written; the directory is printed). */
void zhi_test_tmp_dir_remove (void);

/* Removes @dir and everything below it (links are removed, not followed). */
void zhi_test_remove_dir (const char *dir);

/* The SHA-256 of the file's bytes, in hex; the file must be readable. */
char *zhi_test_file_sha256 (const char *path);

/* Fills the enterprise step of @p with a sample enterprise's fields (its name and codes, its
 * contacts, figures and investment; not its main products or funding sources). */
void zhi_test_set_enterprise (ZhiProject *p);

/* Fills @p with content of every kind but evidence: the sample enterprise
 * (zhi_test_set_enterprise), its main products (two lines) and funding, the workshop track,
 * the site, two scenarios (one with quotes in its description), answers of every type (a
 * ratio and a KPI partly blank, a KPI's years and source, a note) and two narratives. */
void zhi_test_fill_project (ZhiProject *p);

/* A valid unified social credit code: "91", the 6-digit @region (the registering authority),
 * the 8-character @org code and both check characters computed.  Free with g_free(). */
char *zhi_test_credit_code (const char *region, const char *org);

/* @text with every @from replaced by @to; @from must be there (the edit must hit).  Takes
 * @text; free the result with g_free(). */
char *zhi_test_replace (char *text, const char *from, const char *to);
/* The built-in workshop.json, as read from the source tree.  Free with g_free(). */
char *zhi_test_workshop_json (void);
/* workshop.json as its next edition changes it: dated @edition, w01.security renamed
 * w01.cyber-security, criterion w09 renumbered w11 (with its items and indicators). */
char *zhi_test_newer_workshop_json (const char *edition);

/* The project's JSON interchange form (zhi_project_to_json), pretty-printed: what a test compares
 * to say a project is unchanged or put back exactly.  Free with g_free(). */
char *zhi_test_project_json (ZhiProject *project);

/* The process's peak resident set size so far, in KiB (getrusage's ru_maxrss). */
glong zhi_test_peak_rss_kb (void);

/* A GAsyncReadyCallback for zhi_project_attach_file_async(): stores the evidence in the
 * ZhiEvidence ** passed as data (no reference: the project holds it); asserts no error. */
void zhi_test_attached_cb (GObject *source, GAsyncResult *result, gpointer data);

G_END_DECLS
