/* test-store.c — the *.zhizao file: round trip, migrations, bad input, evidence blobs */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "zhi-project-private.h"
#include "zhi-store.h"
#include "zhi-test-util.h"

#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* Drops the last reference the test holds and asserts the object is finalized: at once, or as
 * soon as a finished background job (an async attach's worker) has let go of its own. */
static void
assert_dies (gpointer object)
{
  gpointer weak = object;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (weak);
}

static void
write_file (const char *path, const char *data, gssize len)
{
  g_autoptr (GError) error = NULL;
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static ZhiProject *
create (const char *name, char **out_path)
{
  g_autoptr (GFile) f = zhi_test_tmp_file (name, out_path);
  g_autoptr (GError) error = NULL;
  ZhiProject *p = zhi_project_create (f, &error);
  g_assert_no_error (error);
  return p;
}

static ZhiProject *
open_path (const char *path, GError **error)
{
  g_autoptr (GFile) f = g_file_new_for_path (path);
  return zhi_project_open (f, error);
}

static ZhiEvidence *
attach_bytes (ZhiProject *p, const char *name, const char *data, gssize len)
{
  g_autofree char *path = zhi_test_tmp_path (name);
  write_file (path, data, len);
  g_autoptr (GFile) f = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *ev = zhi_project_attach_file (p, f, NULL, NULL, &error);
  g_assert_no_error (error);
  return ev;
}

static int
count_rows (const char *path, const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  int n = -1;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return n;
}

/* ---------------------------------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) reference = zhi_project_new ();
  zhi_test_fill_project (reference);
  {
    g_autoptr (ZhiProject) p = create ("round.zhizao", &path);
    g_assert_false (zhi_project_is_read_only (p));
    zhi_test_fill_project (p);
    ZhiEvidence *ev = attach_bytes (p, "cert.pdf", "%PDF-1.4 test", -1);
    g_assert_cmpstr (zhi_evidence_get_media_type (ev), ==, "application/pdf");
    g_assert_cmpuint (zhi_evidence_get_page_count (ev), ==, 0);
    zhi_project_set_evidence_page_count (p, "E1", 3);
    zhi_project_add_evidence_support (p, "E1", "f1");
    g_assert_true (zhi_project_has_unsaved_changes (p));
    g_assert_true (zhi_project_flush (p, &error));
    g_assert_no_error (error);
    g_assert_false (zhi_project_has_unsaved_changes (p));
    g_autoptr (JsonNode) j = zhi_project_to_json (p);
    g_autoptr (JsonNode) rj = zhi_project_to_json (reference);
    /* reference + the evidence item */
    ZhiEvidence *e = zhi_project_lookup_evidence (p, "E1");
    zhi_project_add_evidence (reference, "E1", zhi_evidence_get_title (e),
                              zhi_evidence_get_file_name (e), zhi_evidence_get_media_type (e),
                              zhi_evidence_get_size (e), zhi_evidence_get_sha256 (e), 3,
                              zhi_evidence_get_supports (e), zhi_evidence_get_added (e), &error);
    g_assert_no_error (error);
  }
  g_autoptr (ZhiProject) q = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (zhi_project_equal (q, reference));
  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, ZHI_PROJECT_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (path, "PRAGMA application_id"), ==, ZHI_PROJECT_APPLICATION_ID);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM blobs"), ==, 1);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* What an evidence item supports is stored as a JSON array of strings: the plain ones the
 * project writes are read without the JSON parser, everything else (escapes, spacing, another
 * value) by it, with the same result. */
static void
set_supports_json (const char *path, const char *json)
{
  sqlite3 *db;
  sqlite3_stmt *st;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "UPDATE evidence SET supports = ? WHERE id = 'E1'", -1, &st, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  sqlite3_close (db);
}

static void
test_evidence_supports_read_back (void)
{
  static const struct
  {
    const char *json;
    const char *expected; /* joined with | */
  } cases[] = {
    { "[\"f1\",\"指标二\"]", "f1|指标二" },
    { " [ \"f1\" ,\n\"f2\" ] ", "f1|f2" },
    { "[]", "" },
    { "", "" },
    { "[\"a\\\"b\",\"c\\\\d\",\"\\u6307\"]", "a\"b|c\\d|指" },
    { "[\"f1\",3,\"f2\"]", "f1|f2" },
    { "[\"f1\"] x", "" },
    { "[\"f1\"", "" },
    { "{\"a\":\"b\"}", "" },
  };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (ZhiProject) p = create ("supports.zhizao", &path);
    const char *odd[] = { "f1", "a\"b", "c\\d", "tab\there", NULL };
    ZhiEvidence *ev;

    attach_bytes (p, "cert.pdf", "%PDF-1.4 test", -1);
    zhi_project_set_evidence_supports (p, "E1", odd);
    g_assert_true (zhi_project_flush (p, &error));
    g_assert_no_error (error);
    g_clear_object (&p);
    p = open_path (path, &error);
    g_assert_no_error (error);
    ev = zhi_project_lookup_evidence (p, "E1");
    g_assert_true (g_strv_equal (zhi_evidence_get_supports (ev), odd));
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (ZhiProject) p = NULL;
      g_autofree char *joined = NULL;

      set_supports_json (path, cases[i].json);
      p = open_path (path, &error);
      g_assert_no_error (error);
      joined = g_strjoinv (
          "|", (char **)zhi_evidence_get_supports (zhi_project_lookup_evidence (p, "E1")));
      g_test_message ("%s", cases[i].json);
      g_assert_cmpstr (joined, ==, cases[i].expected);
    }
}

/* A half-filled ratio and a KPI with only its baseline (and its years and source) survive
 * closing and reopening the file, exactly as typed (issue 10). */
static void
test_partial_answers_survive_reopen (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  double num = 0, den = 0, bench = 0, base = 0, cur = 0;
  int y0 = 0, y1 = 0;
  const char *source = NULL;

  {
    g_autoptr (ZhiProject) p = create ("partial.zhizao", &path);
    ZhiAnswers *a = zhi_project_get_answers (p);

    zhi_answers_set_ratio (a, "w03.networked-equipment-ratio", 55, 62, NAN);
    zhi_answers_set_ratio (a, "w02.smart-equipment-ratio", 55, NAN, NAN);
    zhi_answers_set_kpi (a, "w10.kpi-cycle", 120, NAN);
    zhi_answers_set_kpi_details (a, "w10.kpi-cycle", 2021, 0, "MES 统计");
    zhi_project_answers_changed (p, NULL);
    g_assert_true (zhi_project_close (p, &error));
    g_assert_no_error (error);
  }
  g_autoptr (ZhiProject) q = open_path (path, &error);
  g_assert_no_error (error);
  ZhiAnswers *a = zhi_project_get_answers (q);
  g_assert_true (zhi_answers_get_ratio (a, "w03.networked-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 55);
  g_assert_cmpfloat (den, ==, 62);
  g_assert_true (isnan (bench));
  g_assert_true (zhi_answers_get_ratio (a, "w02.smart-equipment-ratio", &num, &den, &bench));
  g_assert_cmpfloat (num, ==, 55);
  g_assert_true (isnan (den));
  g_assert_true (zhi_answers_get_kpi (a, "w10.kpi-cycle", &base, &cur));
  g_assert_cmpfloat (base, ==, 120);
  g_assert_true (isnan (cur));
  g_assert_true (zhi_answers_get_kpi_details (a, "w10.kpi-cycle", &y0, &y1, &source));
  g_assert_cmpint (y0, ==, 2021);
  g_assert_cmpint (y1, ==, 0);
  g_assert_cmpstr (source, ==, "MES 统计");
  /* stored per id as the answer's JSON, missing numbers left out */
  g_autofree char *sql
      = g_strdup ("SELECT count(*) FROM answers WHERE id = 'w02.smart-equipment-ratio' "
                  "AND json = '{\"type\":\"ratio\",\"numerator\":55}'");
  g_assert_cmpint (count_rows (path, sql), ==, 1);
}

static gboolean
quit_when_saved (gpointer data)
{
  return zhi_project_has_unsaved_changes (data) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
test_autosave_and_lock (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) p = create ("autosave.zhizao", &path);
  zhi_project_set_autosave_delay (p, 50);
  zhi_project_set_name (p, "甲");
  zhi_project_set_name (p, "乙");
  gint64 start = g_get_monotonic_time ();
  while (zhi_project_has_unsaved_changes (p))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
    }
  (void)quit_when_saved;

  /* a second open of the same file, while the first holds it: read-only */
  g_autoptr (ZhiProject) second = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (zhi_project_is_read_only (second));
  g_assert_cmpint (zhi_project_get_access (second), ==, ZHI_PROJECT_READ_ONLY_LOCKED);
  g_assert_cmpstr (zhi_project_get_name (second), ==, "乙");
  zhi_project_set_name (second, "丙");
  g_assert_false (zhi_project_flush (second, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "autosave.zhizao"));
  g_clear_error (&error);
  g_assert_null (
      zhi_project_attach_file (second, zhi_project_get_file (second), NULL, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_dies (g_steal_pointer (&second));

  /* save_as onto a file open elsewhere is refused */
  g_autoptr (ZhiProject) other = zhi_project_new ();
  g_autoptr (GFile) f = g_file_new_for_path (path);
  g_assert_false (zhi_project_save_as (other, f, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_LOCKED);
  g_clear_error (&error);

  assert_dies (g_steal_pointer (&p)); /* closes, releases the lock */
  g_autoptr (ZhiProject) third = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_false (zhi_project_is_read_only (third));
  g_assert_cmpstr (zhi_project_get_name (third), ==, "乙");
}

/* the version-1 schema, as Zhizao 0.1 wrote it (a fixture: never change it) */
static const char v1_fixture[] = ZHI_TEST_SCHEMA_V1
    "PRAGMA application_id = 1514686810; PRAGMA user_version = 1;"
    "INSERT INTO fields VALUES ('name', '旧版企业'), ('employees', 42), ('track', 'workshop');"
    "INSERT INTO narratives VALUES ('w1', '旧版叙述');"
    "INSERT INTO blobs VALUES ('" SHA_EMPTY "', 0, x'');"
    "INSERT INTO evidence VALUES ('E1', 0, '空文件', 'empty.txt', 'text/plain', 0, '" SHA_EMPTY
    "', 0, '[\"w1\"]', 1700000000000000);";

static char *
make_v1 (const char *name)
{
  char *path = zhi_test_tmp_path (name);
  sqlite3 *db;
  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v1_fixture, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_migration_1_to_2 (void)
{
  G_STATIC_ASSERT (ZHI_PROJECT_APPLICATION_ID == 1514686810);
  g_autofree char *path = make_v1 ("v1.zhizao");
  g_autoptr (GError) error = NULL;
  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, 1);
  {
    g_autoptr (ZhiProject) p = open_path (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, ZHI_PROJECT_SCHEMA_VERSION);
    g_assert_cmpstr (zhi_project_get_name (p), ==, "旧版企业");
    g_assert_cmpint (zhi_project_get_employees (p), ==, 42);
    g_assert_cmpstr (zhi_project_get_narrative (p, "w1"), ==, "旧版叙述");
    g_assert_cmpuint (zhi_project_get_n_scenarios (p), ==, 0);
    ZhiEvidence *ev = zhi_project_lookup_evidence (p, "E1");
    g_assert_true (zhi_evidence_supports (ev, "w1"));
    g_assert_cmpint (g_date_time_to_unix (zhi_evidence_get_added (ev)), ==, 1700000000);
    g_autoptr (GPtrArray) bad = zhi_project_verify_evidence (p, NULL, &error);
    g_assert_cmpuint (bad->len, ==, 0);
    g_autoptr (ZhiScenario) s = zhi_scenario_new ("新场景", NULL, "");
    zhi_project_add_scenario (p, s);
  }
  g_autoptr (ZhiProject) q = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_project_get_n_scenarios (q), ==, 1);
  g_assert_cmpstr (zhi_project_get_name (q), ==, "旧版企业");
}

static void
test_migration_read_only_v1 (void)
{
  g_autofree char *path = make_v1 ("v1-ro.zhizao");
  g_autoptr (GError) error = NULL;
  g_chmod (path, 0444);
  g_autofree char *before = zhi_test_file_sha256 (path);
  {
    g_autoptr (ZhiProject) p = open_path (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (zhi_project_get_access (p), ==, ZHI_PROJECT_READ_ONLY_FILE);
    g_assert_cmpstr (zhi_project_get_name (p), ==, "旧版企业");
    zhi_project_set_city (p, "大连市");
    /* save as: the copy is migrated and carries the evidence bytes */
    g_autofree char *copy = NULL;
    g_autoptr (GFile) cf = zhi_test_tmp_file ("v1-copy.zhizao", &copy);
    g_assert_true (zhi_project_save_as (p, cf, &error));
    g_assert_no_error (error);
    g_assert_false (zhi_project_is_read_only (p));
    g_assert_cmpint (count_rows (copy, "PRAGMA user_version"), ==, ZHI_PROJECT_SCHEMA_VERSION);
    g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM blobs"), ==, 1);
    g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM fields WHERE value = '大连市'"), ==,
                     1);
  }
  g_autofree char *after = zhi_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_chmod (path, 0644);
}

static void
expect_refused (const char *name, int code, const char *needle)
{
  g_autofree char *path = zhi_test_tmp_path (name);
  g_autofree char *before = zhi_test_file_sha256 (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) p = open_path (path, &error);
  g_assert_null (p);
  g_assert_error (error, ZHI_PROJECT_ERROR, code);
  if (g_test_verbose ())
    g_printerr ("%s: %s\n", name, error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, needle));
  g_autofree char *after = zhi_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_bad_input (void)
{
  g_autofree char *random_path = zhi_test_tmp_path ("random.zhizao");
  g_autofree char *empty_path = zhi_test_tmp_path ("empty.zhizao");
  g_autofree char *foreign_path = zhi_test_tmp_path ("foreign.zhizao");
  g_autofree char *newer_path = NULL;
  g_autofree char *trunc_path = zhi_test_tmp_path ("truncated.zhizao");
  g_autofree char *corrupt_path = zhi_test_tmp_path ("corrupt.zhizao");
  g_autofree char *headless_path = zhi_test_tmp_path ("headless.zhizao");
  g_autoptr (GError) error = NULL;

  char random[4096];
  for (gsize i = 0; i < sizeof random; i++)
    random[i] = (char)g_test_rand_int ();
  write_file (random_path, random, sizeof random);
  write_file (empty_path, "", 0);
  write_file (headless_path, "SQLite format 3\0abc", 19);

  sqlite3 *db;
  g_unlink (foreign_path);
  sqlite3_open (foreign_path, &db);
  sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL);
  sqlite3_close (db);

  /* newer: a real project whose user_version says 99 */
  {
    g_autoptr (ZhiProject) p = create ("newer.zhizao", &newer_path);
    zhi_test_fill_project (p);
  }
  sqlite3_open (newer_path, &db);
  sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL);
  sqlite3_close (db);

  /* truncated and corrupt: a project with some bulk, then damaged */
  g_autofree char *src = NULL;
  {
    g_autoptr (ZhiProject) p = create ("bulk.zhizao", &src);
    zhi_test_fill_project (p);
    g_autofree char *big = g_strnfill (200000, 'x');
    attach_bytes (p, "big.txt", big, -1);
  }
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (src, &bytes, &len, NULL));
  write_file (trunc_path, bytes, len / 2);
  for (gsize page = 1; page < 8 && (page + 1) * 4096 <= len; page++)
    memset (bytes + page * 4096, 0xA5, 24); /* scribble over b-tree page headers */
  write_file (corrupt_path, bytes, len);

  expect_refused ("random.zhizao", ZHI_PROJECT_ERROR_NOT_A_PROJECT, "not a Zhizao project");
  expect_refused ("empty.zhizao", ZHI_PROJECT_ERROR_NOT_A_PROJECT, "not a Zhizao project");
  expect_refused ("headless.zhizao", ZHI_PROJECT_ERROR_DAMAGED, "truncated");
  expect_refused ("foreign.zhizao", ZHI_PROJECT_ERROR_NOT_A_PROJECT, "another program");
  expect_refused ("newer.zhizao", ZHI_PROJECT_ERROR_NEWER_VERSION, "Update Zhizao");
  expect_refused ("truncated.zhizao", ZHI_PROJECT_ERROR_DAMAGED, "truncated");
  expect_refused ("corrupt.zhizao", ZHI_PROJECT_ERROR_DAMAGED, "damaged");

  g_autofree char *missing = zhi_test_tmp_path ("missing.zhizao");
  g_autoptr (ZhiProject) p = open_path (missing, &error);
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_read_only_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiProject) p = create ("ro.zhizao", &path);
    zhi_test_fill_project (p);
  }
  g_chmod (path, 0444);
  g_autofree char *before = zhi_test_file_sha256 (path);
  g_autoptr (ZhiProject) p = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (zhi_project_is_read_only (p));
  g_assert_cmpint (zhi_project_get_access (p), ==, ZHI_PROJECT_READ_ONLY_FILE);
  zhi_project_set_phone (p, "0411-888");
  g_assert_true (zhi_project_has_unsaved_changes (p));
  g_assert_false (zhi_project_flush (p, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Save As"));
  g_clear_error (&error);
  g_assert_cmpstr (zhi_project_get_phone (p), ==, "0411-888");
  g_autofree char *after = zhi_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_chmod (path, 0644);
}

static void
on_save_failed (ZhiProject *p, GError *error, GError **out)
{
  (void)p;
  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_failed_commit_keeps_state (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) signalled = NULL;
  g_autoptr (ZhiProject) p = create ("full.zhizao", &path);
  zhi_test_fill_project (p);
  attach_bytes (p, "evidence.txt", "证据内容", -1);
  g_assert_true (zhi_project_flush (p, &error));
  g_signal_connect (p, "save-failed", G_CALLBACK (on_save_failed), &signalled);

  /* "disk full": the file may not grow any more */
  g_assert_true (_zhi_project_test_exec (p, "PRAGMA max_page_count = 1"));
  g_autofree char *big = g_strnfill (300000, 'n');
  zhi_project_set_narrative (p, "f5", big);
  g_assert_false (zhi_project_flush (p, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_SAVE_FAILED);
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);
  g_assert_nonnull (strstr (error->message, "full.zhizao"));
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  g_assert_true (zhi_project_has_unsaved_changes (p));
  g_assert_cmpstr (zhi_project_get_narrative (p, "f5"), ==, big);

  /* the autosave reports through the signal */
  zhi_project_set_autosave_delay (p, 10);
  zhi_project_set_narrative (p, "f6", "再改");
  gint64 start = g_get_monotonic_time ();
  while (signalled == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
    }
  g_assert_error (signalled, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_SAVE_FAILED);

  /* nothing lost: save as elsewhere */
  g_autofree char *rescue = NULL;
  g_autoptr (GFile) rf = zhi_test_tmp_file ("rescue.zhizao", &rescue);
  g_assert_true (zhi_project_save_as (p, rf, &error));
  g_assert_no_error (error);
  g_assert_false (zhi_project_has_unsaved_changes (p));
  g_autoptr (JsonNode) mem = zhi_project_to_json (p);
  assert_dies (g_steal_pointer (&p));
  g_autoptr (ZhiProject) q = open_path (rescue, &error);
  g_assert_no_error (error);
  g_autoptr (JsonNode) disk = zhi_project_to_json (q);
  g_assert_true (json_node_equal (mem, disk));
  g_assert_cmpstr (zhi_project_get_narrative (q, "f5"), ==, big);
  g_autoptr (GPtrArray) bad = zhi_project_verify_evidence (q, NULL, &error);
  g_assert_cmpuint (bad->len, ==, 0);

  /* when not root, a folder made read-only after opening fails the same way */
  if (getuid () != 0)
    {
      g_autofree char *sub = zhi_test_tmp_path ("locked-dir");
      g_mkdir (sub, 0755);
      g_autofree char *inner = g_build_filename (sub, "p.zhizao", NULL);
      g_autoptr (GFile) f = g_file_new_for_path (inner);
      g_autoptr (ZhiProject) r = zhi_project_create (f, &error);
      g_assert_no_error (error);
      g_chmod (sub, 0555);
      zhi_project_set_name (r, "x");
      g_assert_false (zhi_project_flush (r, &error));
      g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_SAVE_FAILED);
      g_clear_error (&error);
      g_chmod (sub, 0755);
      g_assert_true (zhi_project_flush (r, &error));
    }
}

static void
test_evidence_dedup (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) p = create ("dedup.zhizao", &path);
  ZhiEvidence *a = attach_bytes (p, "a.png", "\x89PNG\r\n\x1a\nsame bytes", 18);
  ZhiEvidence *b = attach_bytes (p, "b.png", "\x89PNG\r\n\x1a\nsame bytes", 18);
  attach_bytes (p, "c.txt", "other", -1);
  g_assert_cmpstr (zhi_evidence_get_sha256 (a), ==, zhi_evidence_get_sha256 (b));
  g_assert_cmpstr (zhi_evidence_get_id (b), ==, "E2");
  g_assert_cmpstr (zhi_evidence_get_media_type (a), ==, "image/png");
  g_assert_cmpuint (zhi_evidence_get_page_count (a), ==, 1);
  g_assert_cmpstr (zhi_evidence_get_file_name (b), ==, "b.png");
  g_assert_true (zhi_project_flush (p, &error));
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM blobs"), ==, 2);

  g_autofree char *out = zhi_test_tmp_path ("out.png");
  g_autoptr (GFile) of = g_file_new_for_path (out);
  g_assert_true (zhi_project_export_evidence (p, "E2", of, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *got = NULL;
  gsize len;
  g_file_get_contents (out, &got, &len, NULL);
  g_assert_cmpmem (got, len, "\x89PNG\r\n\x1a\nsame bytes", 18);

  /* bytes go when the last item using them goes (on close) */
  zhi_project_remove_evidence (p, "E1");
  g_assert_true (zhi_project_close (p, &error));
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM blobs"), ==, 2);
  assert_dies (g_steal_pointer (&p));
  p = open_path (path, &error);
  zhi_project_remove_evidence (p, "E2");
  g_assert_true (zhi_project_close (p, &error));
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_false (zhi_project_export_evidence (p, "E1", of, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID);
}

/* A converted PDF whose bytes are not the expected ones is refused before anything is
 * stored: no blob, no conversion, the item unchanged; the right bytes are then stored once. */
static void
test_evidence_pdf_expected_sha256 (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) p = create ("pdf-expected.zhizao", &path);
  ZhiEvidence *doc = attach_bytes (p, "说明.docx", "PK\x03\x04 a document", -1);
  const char *id = zhi_evidence_get_id (doc);
  static const char pdf_bytes[] = "%PDF-1.4 converted\n%%EOF\n";
  g_autofree char *pdf_path = zhi_test_tmp_path ("converted.pdf");
  g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
  g_autofree char *right = g_compute_checksum_for_data (
      G_CHECKSUM_SHA256, (const guchar *)pdf_bytes, sizeof pdf_bytes - 1);
  g_autofree char *wrong = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "other", -1);

  write_file (pdf_path, pdf_bytes, sizeof pdf_bytes - 1);
  g_assert_true (zhi_project_flush (p, &error));
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM blobs"), ==, 1);

  g_assert_false (zhi_project_set_evidence_pdf (p, id, pdf, wrong, 3, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_MISMATCH);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, wrong));
  g_clear_error (&error);
  /* an empty expectation (a JSON without "pdf_sha256") is no SHA-256 at all */
  g_assert_false (zhi_project_set_evidence_pdf (p, id, pdf, "", 3, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_null (zhi_project_get_evidence_pdf_sha256 (p, id));
  g_assert_false (zhi_project_has_blob (p, right));
  g_assert_cmpuint (zhi_evidence_get_page_count (doc), !=, 3);
  g_assert_true (zhi_project_flush (p, &error));
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM conversions"), ==, 0);

  g_assert_true (zhi_project_set_evidence_pdf (p, id, pdf, right, 3, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *stored = zhi_project_get_evidence_pdf_sha256 (p, id);
  g_assert_cmpstr (stored, ==, right);
  g_assert_true (zhi_project_has_blob (p, right));
  g_assert_cmpuint (zhi_evidence_get_page_count (doc), ==, 3);
  g_assert_true (zhi_project_flush (p, &error));
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM blobs"), ==, 2);
}

static void
test_evidence_large_chunked (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *big = zhi_test_tmp_path ("big.bin");
  const gsize size = 50 * 1024 * 1024 + 12345;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  {
    FILE *f = fopen (big, "wb");
    g_autofree guint32 *buf = g_new (guint32, 16384);
    guint32 x = 2463534242u;
    for (gsize done = 0; done < size;)
      {
        for (int i = 0; i < 16384; i++)
          {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            buf[i] = x;
          }
        gsize n = MIN (size - done, 65536);
        fwrite (buf, 1, n, f);
        g_checksum_update (sum, (guint8 *)buf, n);
        done += n;
      }
    fclose (f);
  }
  long rss0 = zhi_test_peak_rss_kb ();
  g_autoptr (ZhiProject) p = create ("large.zhizao", &path);
  g_autoptr (GFile) bf = g_file_new_for_path (big);
  ZhiEvidence *ev = zhi_project_attach_file (p, bf, "大文件", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_evidence_get_sha256 (ev), ==, g_checksum_get_string (sum));
  g_assert_cmpuint (zhi_evidence_get_size (ev), ==, size);

  /* read back through the stream with odd-sized reads */
  g_autoptr (GInputStream) in = zhi_project_open_evidence_stream (p, "E1", &error);
  g_assert_no_error (error);
  g_autoptr (GChecksum) back = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buf[10007];
  gssize n;
  gsize total = 0;
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, &error)) > 0)
    {
      g_checksum_update (back, buf, n);
      total += n;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, size);
  g_assert_cmpstr (g_checksum_get_string (back), ==, g_checksum_get_string (sum));

  g_autofree char *out = zhi_test_tmp_path ("big-out.bin");
  g_autoptr (GFile) of = g_file_new_for_path (out);
  g_assert_true (zhi_project_export_evidence (p, "E1", of, NULL, &error));
  g_autoptr (GPtrArray) bad = zhi_project_verify_evidence (p, NULL, &error);
  g_assert_cmpuint (bad->len, ==, 0);
  long grown_mb = (zhi_test_peak_rss_kb () - rss0) / 1024;
  g_test_message ("peak RSS grew by %ld MB for a %zu MB file", grown_mb, size >> 20);
  if (g_test_verbose ())
    g_printerr ("peak RSS grew by %ld MB for a %zu MB file\n", grown_mb, size >> 20);
#if defined(__SANITIZE_ADDRESS__)
    /* ASan's quarantine keeps freed page-cache buffers around: only report */
#else
  g_assert_cmpint (grown_mb, <, 40); /* coarse: no whole-file buffer */
#endif
  g_unlink (out);
  g_unlink (big);
  g_assert_finalize_object (g_steal_pointer (&in)); /* holds the project */
  assert_dies (g_steal_pointer (&p));
  g_unlink (path);
}

static void
test_verify_detects_damage (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiProject) p = create ("verify.zhizao", &path);
    attach_bytes (p, "one.txt", "original bytes", -1);
    attach_bytes (p, "two.txt", "untouched", -1);
  }
  sqlite3 *db;
  sqlite3_open (path, &db);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE blobs SET data = CAST('original bytez' AS BLOB) "
                                 "WHERE size = 14",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_autoptr (ZhiProject) p = open_path (path, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) bad = zhi_project_verify_evidence (p, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bad->len, ==, 1);
  g_assert_cmpstr (bad->pdata[0], ==, "E1");
  g_autofree char *out = zhi_test_tmp_path ("damaged-out.txt");
  g_autoptr (GFile) of = g_file_new_for_path (out);
  g_assert_false (zhi_project_export_evidence (p, "E1", of, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* a failed export (damaged bytes) leaves a file already at the destination as it was */
static void
test_export_failure_keeps_existing (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiProject) p = create ("export-keep.zhizao", &path);
    attach_bytes (p, "keep-src.txt", "original bytes", -1);
  }
  sqlite3 *db;
  sqlite3_open (path, &db);
  g_assert_cmpint (
      sqlite3_exec (db, "UPDATE blobs SET data = CAST('original bytez' AS BLOB)", NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
  g_autoptr (ZhiProject) p = open_path (path, &error);
  g_assert_no_error (error);
  g_autofree char *out = zhi_test_tmp_path ("export-keep-out.txt");
  write_file (out, "keep me", -1);
  g_autoptr (GFile) of = g_file_new_for_path (out);
  g_assert_false (zhi_project_export_evidence (p, "E1", of, NULL, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE);
  g_autofree char *data = NULL;
  g_assert_true (g_file_get_contents (out, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, "keep me");
  g_autoptr (GDir) dir = g_dir_open (zhi_test_tmp_dir (), 0, NULL);
  for (const char *e; (e = g_dir_read_name (dir));)
    g_assert_false (g_str_has_prefix (e, ".goutputstream")); /* no temporary left behind */
  assert_dies (g_steal_pointer (&p));
  g_unlink (out);
  g_unlink (path);
}

static void
on_progress (double fraction, gpointer data)
{
  double *last = data;
  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_attach_async_and_unsaved_project (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) p = zhi_project_new (); /* no file yet: bytes go to temp storage */
  g_autofree char *src = zhi_test_tmp_path ("async.txt");
  g_autofree char *data = g_strnfill (300000, 'a');
  write_file (src, data, -1);
  g_autoptr (GFile) sf = g_file_new_for_path (src);
  double last = 0;
  ZhiEvidence *ev = NULL;
  guint added = 0;
  g_signal_connect_swapped (p, "evidence-added", G_CALLBACK (g_atomic_int_inc), &added);
  zhi_project_attach_file_async (p, sf, "异步", NULL, on_progress, &last, zhi_test_attached_cb,
                                 &ev);
  while (ev == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpstr (zhi_evidence_get_title (ev), ==, "异步");

  g_autofree char *path = NULL;
  g_autoptr (GFile) f = zhi_test_tmp_file ("from-memory.zhizao", &path);
  zhi_project_set_name (p, "内存项目");
  g_assert_true (zhi_project_save_as (p, f, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (zhi_project_get_file (p), f));
  assert_dies (g_steal_pointer (&p));
  p = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_project_get_name (p), ==, "内存项目");
  g_autoptr (GPtrArray) bad = zhi_project_verify_evidence (p, NULL, &error);
  g_assert_cmpuint (bad->len, ==, 0);
  g_assert_true (
      zhi_project_has_blob (p, zhi_evidence_get_sha256 (zhi_project_lookup_evidence (p, "E1"))));
}

static void
on_attach_result (GObject *source, GAsyncResult *result, gpointer data)
{
  GError **out = data;
  ZhiEvidence *ev = zhi_project_attach_file_finish (ZHI_PROJECT (source), result, out);
  if (ev == NULL)
    g_assert_nonnull (*out);
  else
    g_assert_null (*out);
  *(gboolean *)g_object_get_data (source, "done") = TRUE;
}

/* The worker must not use the store close() or save_as() replaced, and an item must never
 * be added without its bytes in the project's (new) file. */
static void
test_attach_async_while_closed (gconstpointer mode)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (ZhiProject) p = create ("async-close.zhizao", &path);
  g_autofree char *src = zhi_test_tmp_path ("async-close.bin");
  g_autofree char *data = g_strnfill (8 << 20, 'c');
  write_file (src, data, -1);
  g_autoptr (GFile) sf = g_file_new_for_path (src);
  g_autofree char *other = NULL;
  g_autoptr (GFile) of = zhi_test_tmp_file ("async-close-other.zhizao", &other);
  gboolean done = FALSE;
  GError *attach_error = NULL;
  g_object_set_data (G_OBJECT (p), "done", &done);
  zhi_project_attach_file_async (p, sf, "并发", NULL, NULL, NULL, on_attach_result, &attach_error);
  if (g_str_equal (mode, "close"))
    g_assert_true (zhi_project_close (p, &error));
  else if (g_str_equal (mode, "save-as-same"))
    g_assert_true (zhi_project_save_as (p, zhi_project_get_file (p), &error));
  else
    g_assert_true (zhi_project_save_as (p, of, &error));
  g_assert_no_error (error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  ZhiEvidence *ev = zhi_project_lookup_evidence (p, "E1");
  if (ev != NULL)
    {
      g_assert_no_error (attach_error);
      g_assert_true (zhi_project_has_blob (p, zhi_evidence_get_sha256 (ev)));
    }
  else
    g_assert_true (attach_error != NULL && attach_error->domain == ZHI_PROJECT_ERROR);
  g_clear_error (&attach_error);
  assert_dies (g_steal_pointer (&p));
  g_unlink (path);
  g_unlink (other);
  g_unlink (src);
}

static GThread *main_thread;

static void
on_progress_main_thread (double fraction, gpointer data)
{
  g_assert_true (g_thread_self () == main_thread);
  *(double *)data = fraction;
}

/* progress is reported on the caller's main context even while nobody iterates it (then a
 * worker could acquire the context and call the function itself) */
static void
test_attach_async_progress_thread (void)
{
  g_autoptr (ZhiProject) p = zhi_project_new ();
  g_autofree char *src = zhi_test_tmp_path ("async-progress.bin");
  g_autofree char *data = g_strnfill (4 << 20, 'p');
  write_file (src, data, -1);
  g_autoptr (GFile) sf = g_file_new_for_path (src);
  double last = 0;
  ZhiEvidence *ev = NULL;
  main_thread = g_thread_self ();
  zhi_project_attach_file_async (p, sf, NULL, NULL, on_progress_main_thread, &last,
                                 zhi_test_attached_cb, &ev);
  g_usleep (300 * 1000); /* the worker hashes and writes while this thread is busy */
  while (ev == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (last, ==, 1.0);
  g_unlink (src);
}

static void
test_create_refuses_existing (void)
{
  g_autofree char *path = zhi_test_tmp_path ("exists.zhizao");
  write_file (path, "keep me", -1);
  g_autoptr (GFile) f = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_assert_null (zhi_project_create (f, &error));
  g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_IO);
  g_autofree char *data = NULL;
  g_file_get_contents (path, &data, NULL, NULL);
  g_assert_cmpstr (data, ==, "keep me");
}

/* ---- the inspection hook: core stores what an installed inspector says ---- */

static guint fake_calls;

/* "BAD…" is damaged, anything else usable with 5 pages */
static gboolean
fake_inspector (GFile *file,
                const char *media_type,
                guint *pages,
                char **problem,
                GCancellable *cancellable,
                GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  (void)media_type;
  fake_calls++;
  if (!g_file_load_contents (file, cancellable, &data, &len, NULL, error))
    return FALSE;
  *pages = 5;
  *problem = len >= 3 && memcmp (data, "BAD", 3) == 0 ? g_strdup ("damaged") : NULL;
  return TRUE;
}

static void
test_inspection_hook (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = zhi_test_tmp_file ("inspect.zhizao", &path);
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiProject) p = zhi_project_create (file, &error);
    g_assert_no_error (error);
    /* no inspector: not inspected, counts as usable */
    g_assert_null (zhi_evidence_get_inspector ());
    ZhiEvidence *plain = attach_bytes (p, "a.pdf", "BAD bytes", -1);
    g_assert_false (zhi_evidence_get_inspected (plain));
    g_assert_true (zhi_evidence_get_usable (plain));
    g_assert_cmpstr (zhi_evidence_get_problem (plain), ==, "");

    zhi_evidence_set_inspector (fake_inspector);
    ZhiEvidence *bad = attach_bytes (p, "b.pdf", "BAD other bytes", -1);
    ZhiEvidence *good = attach_bytes (p, "c.pdf", "good bytes", -1);
    g_assert_true (zhi_evidence_get_inspected (bad));
    g_assert_false (zhi_evidence_get_usable (bad));
    g_assert_cmpstr (zhi_evidence_get_problem (bad), ==, "damaged");
    g_assert_cmpuint (zhi_evidence_get_page_count (bad), ==, 0);
    g_assert_true (zhi_evidence_get_usable (good));
    g_assert_cmpuint (zhi_evidence_get_page_count (good), ==, 5);

    /* the re-check inspects only what was never inspected */
    fake_calls = 0;
    guint n = 0;
    g_assert_true (zhi_project_inspect_evidence (p, &n, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (fake_calls, ==, 1);
    g_assert_cmpstr (zhi_evidence_get_problem (plain), ==, "damaged");
    g_assert_true (zhi_project_close (p, &error));
  }
  /* stored in the file */
  g_autoptr (ZhiProject) q = open_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_evidence_get_problem (zhi_project_lookup_evidence (q, "E1")), ==, "damaged");
  g_assert_true (zhi_evidence_get_usable (zhi_project_lookup_evidence (q, "E3")));
  g_assert_cmpuint (zhi_evidence_get_page_count (zhi_project_lookup_evidence (q, "E3")), ==, 5);
  zhi_evidence_set_inspector (NULL);
  assert_dies (g_steal_pointer (&q));
  g_unlink (path);
}

/* the JSON form carries the verdict and refuses one that contradicts itself */
static void
test_inspection_json (void)
{
  g_autoptr (GError) error = NULL;
  const char *bad[] = {
    "{\"format\": \"zhizao-project\", \"evidence\": [{\"sha256\": \"" SHA_EMPTY
    "\", \"usable\": false}]}",
    "{\"format\": \"zhizao-project\", \"evidence\": [{\"sha256\": \"" SHA_EMPTY
    "\", \"usable\": true, \"problem\": \"empty\"}]}",
    "{\"format\": \"zhizao-project\", \"evidence\": [{\"sha256\": \"" SHA_EMPTY
    "\", \"problem\": \"empty\"}]}",
    "{\"format\": \"zhizao-project\", \"evidence\": [{\"sha256\": \"" SHA_EMPTY
    "\", \"usable\": \"no\"}]}",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonNode) node = json_from_string (bad[i], &error);
      g_assert_no_error (error);
      g_autoptr (ZhiProject) p = zhi_project_from_json (node, &error);
      g_assert_null (p);
      g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "evidence[0]"));
      g_clear_error (&error);
    }
  g_autoptr (JsonNode) node = json_from_string (
      "{\"format\": \"zhizao-project\", \"evidence\": [{\"sha256\": \"" SHA_EMPTY
      "\", \"usable\": false, \"problem\": "
      "\"empty\", \"page_count\": 3}, {\"sha256\": \"" SHA_EMPTY "\"}]}",
      &error);
  g_autoptr (ZhiProject) p = zhi_project_from_json (node, &error);
  g_assert_no_error (error);
  ZhiEvidence *e1 = zhi_project_lookup_evidence (p, "E1");
  ZhiEvidence *e2 = zhi_project_lookup_evidence (p, "E2");
  g_assert_true (zhi_evidence_get_inspected (e1));
  g_assert_cmpstr (zhi_evidence_get_problem (e1), ==, "empty");
  g_assert_cmpuint (zhi_evidence_get_page_count (e1), ==, 0);
  g_assert_false (zhi_evidence_get_inspected (e2));
  g_autoptr (JsonNode) out = zhi_project_to_json (p);
  g_autofree char *text = json_to_string (out, FALSE);
  g_assert_nonnull (strstr (text, "\"usable\":false,\"problem\":\"empty\""));
  g_assert_nonnull (strstr (text, "\"usable\":null,\"problem\":\"\""));
}

/* Opened read-only on request: a writable v1 file is neither migrated nor written */
static void
test_open_read_only_requested (void)
{
  g_autofree char *path = make_v1 ("v1-requested.zhizao");
  g_autoptr (GError) error = NULL;
  g_autofree char *before = zhi_test_file_sha256 (path);
  {
    g_autoptr (GFile) f = g_file_new_for_path (path);
    g_autoptr (ZhiProject) p = zhi_project_open_read_only (f, &error);
    g_assert_no_error (error);
    g_assert_true (zhi_project_is_read_only (p));
    g_assert_cmpint (zhi_project_get_access (p), ==, ZHI_PROJECT_READ_ONLY_REQUESTED);
    g_assert_cmpstr (zhi_project_get_name (p), ==, "旧版企业");
    zhi_project_set_city (p, "大连市");
    g_assert_false (zhi_project_flush (p, &error));
    g_assert_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_true (zhi_project_close (p, &error));
    g_assert_no_error (error);
  }
  g_autofree char *after = zhi_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  zhi_test_tmp_dir_make ("zhi-store-XXXXXX");
  g_test_add_func ("/store/round-trip/every-field", test_round_trip);
  g_test_add_func ("/store/round-trip/partial-answers", test_partial_answers_survive_reopen);
  g_test_add_func ("/store/autosave/debounced-and-locked-second-open", test_autosave_and_lock);
  g_test_add_func ("/store/migration/1-to-2", test_migration_1_to_2);
  g_test_add_func ("/store/migration/read-only-v1-not-migrated", test_migration_read_only_v1);
  g_test_add_func ("/store/open/read-only-requested", test_open_read_only_requested);
  g_test_add_func ("/store/open/bad-input-refused-and-unchanged", test_bad_input);
  g_test_add_func ("/store/open/read-only-file", test_read_only_file);
  g_test_add_func ("/store/save/failed-commit-keeps-state-and-save-as",
                   test_failed_commit_keeps_state);
  g_test_add_func ("/store/evidence/dedup", test_evidence_dedup);
  g_test_add_func ("/store/evidence/pdf-expected-sha256-refused-nothing-stored",
                   test_evidence_pdf_expected_sha256);
  g_test_add_func ("/store/evidence/supports-read-back", test_evidence_supports_read_back);
  g_test_add_func ("/store/evidence/large-file-chunked", test_evidence_large_chunked);
  g_test_add_func ("/store/evidence/verify-detects-damage", test_verify_detects_damage);
  g_test_add_func ("/store/evidence/async-attach-then-save-as",
                   test_attach_async_and_unsaved_project);
  g_test_add_data_func ("/store/evidence/async-attach-then-close", "close",
                        test_attach_async_while_closed);
  g_test_add_data_func ("/store/evidence/async-attach-then-save-as-same-file", "save-as-same",
                        test_attach_async_while_closed);
  g_test_add_data_func ("/store/evidence/async-attach-then-save-as-other-file", "save-as-other",
                        test_attach_async_while_closed);
  g_test_add_func ("/store/evidence/async-progress-on-main-thread",
                   test_attach_async_progress_thread);
  g_test_add_func ("/store/evidence/failed-export-keeps-existing-file",
                   test_export_failure_keeps_existing);
  g_test_add_func ("/store/create/refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/store/evidence/inspection-hook-stored-and-rechecked", test_inspection_hook);
  g_test_add_func ("/store/evidence/inspection-in-json", test_inspection_json);
  int rc = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return rc;
}
