/* test-evidence-inspect.c — evidence that cannot be read is not evidence
 *
 * The inspector's verdict on every kind of file, what the store records at attach time (sync
 * and async) and on re-check of a version-2 project, and what the evaluation makes of it:
 * no evidenced points, the file named in the checklist, --final blocked, duplicates reported
 * and counted once; the dossier's evidence list gives the reason instead of a page count. */
#include "zhi-demo.h"
#include "zhi-dossier.h"
#include "zhi-evaluation.h"
#include "zhi-evidence-inspect.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <sqlite3.h>
#include <string.h>

static ZhiTestPdfs *samples;
/* extra hostile files, made in main() */
static char *random_pdf;    /* random bytes named .pdf */
static char *text_jpg;      /* a .jpg that is text */
static char *text_png;      /* a .png that is text */
static char *truncated_jpg; /* the first half of a JPEG */
static char *truncated_png; /* the first half of a PNG */

static void
write_file (const char *path, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_set_contents (path, data, (gssize)len, &error));
  g_assert_no_error (error);
}

static char *
write_half_of (const char *source, const char *name)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  char *path = zhi_test_tmp_path (name);
  g_assert_true (g_file_get_contents (source, &data, &len, NULL));
  write_file (path, data, len / 2);
  return path;
}

/* one inspection: the verdict code ("" usable) and the page count */
static char *
inspect (const char *path, const char *media_type, guint *pages)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  char *problem = NULL;
  g_assert_true (zhi_evidence_inspect_file (file, media_type, pages, &problem, NULL, &error));
  g_assert_no_error (error);
  return problem ? problem : g_strdup ("");
}

typedef struct
{
  const char *label;
  const char **path;
  const char *media_type;
  const char *problem; /* "" usable */
  guint pages;
} Case;

static const char *encrypted_path (void);

static void
test_verdicts (void)
{
  const Case cases[] = {
    { "3-page PDF", (const char **)&samples->multi_pdf, "application/pdf", "", 3 },
    { "JPEG", (const char **)&samples->jpeg, "image/jpeg", "", 1 },
    { "1-pixel JPEG", (const char **)&samples->jpeg_1px, "image/jpeg", "", 1 },
    { "PNG", (const char **)&samples->png, "image/png", "", 1 },
    { "1-pixel PNG", (const char **)&samples->png_1px, "image/png", "", 1 },
    { "empty", (const char **)&samples->empty_pdf, "application/pdf", "empty", 0 },
    { "truncated PDF", (const char **)&samples->truncated_pdf, "application/pdf", "damaged", 0 },
    { "text named .pdf", (const char **)&samples->garbage_pdf, "application/pdf", "not-a-pdf", 0 },
    { "random bytes named .pdf", (const char **)&random_pdf, "application/pdf", "not-a-pdf", 0 },
    { "text named .jpg", (const char **)&text_jpg, "image/jpeg", "not-an-image", 0 },
    { "text named .png", (const char **)&text_png, "image/png", "not-an-image", 0 },
    { "truncated JPEG", (const char **)&truncated_jpg, "image/jpeg", "damaged", 0 },
    { "truncated PNG", (const char **)&truncated_png, "image/png", "damaged", 0 },
    { "docx", (const char **)&samples->docx,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "not-converted",
      0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint pages = 99;
      g_autofree char *problem = inspect (*cases[i].path, cases[i].media_type, &pages);
      g_test_message ("%s: “%s”, %u pages", cases[i].label, problem, pages);
      g_assert_cmpstr (problem, ==, cases[i].problem);
      g_assert_cmpuint (pages, ==, cases[i].pages);
    }
  if (encrypted_path () != NULL)
    {
      guint pages = 99;
      g_autofree char *problem = inspect (encrypted_path (), "application/pdf", &pages);
      g_assert_cmpstr (problem, ==, "encrypted");
      g_assert_cmpuint (pages, ==, 0);
    }
}

/* big pictures are decoded row by row / at 1/8 scale: peak memory stays far below the
 * decoded size (10000 × 10000 RGBA = 400 MB) */
static void
test_big_pictures_stream (void)
{
  guint pages = 0;
  g_autofree char *png = inspect (samples->png_huge, "image/png", &pages);
  g_assert_cmpstr (png, ==, "");
  g_autofree char *jpeg = inspect (samples->jpeg_huge, "image/jpeg", &pages);
  g_assert_cmpstr (jpeg, ==, "");
  g_assert_cmpuint (pages, ==, 1);
}

static const char *
encrypted_path (void)
{
  return samples->encrypted_pdf;
}

/* ---- the project: a demo workshop, criterion w04 stripped of its evidence ---- */

typedef struct
{
  char *path;
  ZhiProject *project;
  ZhiEvaluation *evaluation;
} Demo;

static void
demo_free (Demo *d)
{
  if (d->evaluation)
    g_assert_finalize_object (g_steal_pointer (&d->evaluation));
  if (d->project)
    {
      zhi_project_close (d->project, NULL);
      g_assert_finalize_object (g_steal_pointer (&d->project));
    }
  g_unlink (d->path);
  g_free (d->path);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

#define TARGET "w04"

static Demo *
demo_new (const char *name)
{
  g_autoptr (GError) error = NULL;
  Demo *d = g_new0 (Demo, 1);
  g_autoptr (GFile) file = zhi_test_tmp_file (name, &d->path);
  d->project = zhi_demo_create (file, "workshop", &error);
  g_assert_no_error (error);
  /* w04 loses its evidence: only what a test attaches supports it */
  GListModel *list = zhi_project_get_evidence_list (d->project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      g_assert_true (zhi_evidence_get_inspected (ev));
      g_assert_true (zhi_evidence_get_usable (ev));
      zhi_project_remove_evidence_support (d->project, zhi_evidence_get_id (ev), TARGET);
    }
  d->evaluation = zhi_evaluation_new (d->project);
  zhi_evaluation_update (d->evaluation);
  g_assert_false (zhi_evaluation_has_blocking_problems (d->evaluation));
  const ZhiCriterionResult *cr
      = zhi_score_lookup_criterion (zhi_evaluation_get_score (d->evaluation), TARGET);
  g_assert_cmpfloat (cr->claimed, >, 0);
  g_assert_cmpfloat (cr->evidenced, ==, 0);
  return d;
}

static ZhiEvidence *
attach (Demo *d, const char *path, const char *title, const char *to)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *ev = zhi_project_attach_file (d->project, file, title, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ev);
  if (to)
    zhi_project_add_evidence_support (d->project, zhi_evidence_get_id (ev), to);
  zhi_evaluation_update (d->evaluation);
  return ev;
}

static const ZhiProblem *
find_problem (ZhiEvaluation *evaluation, const char *code, const char *field)
{
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *p = problems->pdata[i];
      if (g_str_equal (p->code, code) && (field == NULL || g_strcmp0 (p->field, field) == 0))
        return p;
    }
  return NULL;
}

/* the problem, which must be there */
static const ZhiProblem *
must_find (ZhiEvaluation *evaluation, const char *code, const char *field)
{
  const ZhiProblem *p = find_problem (evaluation, code, field);
  if (p == NULL)
    g_error ("no “%s” problem for %s", code, field ? field : "any field");
  return p;
}

static double
evidenced (Demo *d, const char *criterion)
{
  return zhi_score_lookup_criterion (zhi_evaluation_get_score (d->evaluation), criterion)
      ->evidenced;
}

/* every kind of unusable file: kept, marked, earns nothing, named, blocks --final; a file
 * that opens then lifts the block and earns the points */
static void
test_unusable_earns_nothing (void)
{
  struct
  {
    const char **path;
    const char *problem;
  } kinds[] = {
    { (const char **)&samples->empty_pdf, "empty" },
    { (const char **)&random_pdf, "not-a-pdf" },
    { (const char **)&samples->garbage_pdf, "not-a-pdf" },
    { (const char **)&samples->truncated_pdf, "damaged" },
    { (const char **)&samples->encrypted_pdf, "encrypted" },
    { (const char **)&text_jpg, "not-an-image" },
    { (const char **)&text_png, "not-an-image" },
    { (const char **)&truncated_jpg, "damaged" },
    { (const char **)&truncated_png, "damaged" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      if (*kinds[k].path == NULL)
        {
          g_test_message ("skipping %s: qpdf is not installed", kinds[k].problem);
          continue;
        }
      g_autofree char *name = g_strdup_printf ("unusable-%u.zhizao", k);
      g_autoptr (Demo) d = demo_new (name);
      g_autofree char *base = g_path_get_basename (*kinds[k].path);
      ZhiEvidence *ev = attach (d, *kinds[k].path, "坏材料", TARGET);
      g_test_message ("%s → %s", base, zhi_evidence_get_problem (ev));

      g_assert_true (zhi_evidence_get_inspected (ev));
      g_assert_false (zhi_evidence_get_usable (ev));
      g_assert_cmpstr (zhi_evidence_get_problem (ev), ==, kinds[k].problem);
      g_assert_cmpuint (zhi_evidence_get_page_count (ev), ==, 0);
      g_assert_cmpfloat (evidenced (d, TARGET), ==, 0);
      g_assert_false (zhi_score_lookup_criterion (zhi_evaluation_get_score (d->evaluation), TARGET)
                          ->has_evidence);
      g_assert_cmpuint (zhi_evaluation_count_documents (d->evaluation, TARGET), ==, 0);

      /* named: title, file name, reason and the criterion it was meant to support */
      const ZhiProblem *item
          = must_find (d->evaluation, "unusable-evidence", zhi_evidence_get_id (ev));
      g_assert_cmpint (item->severity, ==, ZHI_PROBLEM_WARNING);
      g_assert_nonnull (strstr (item->message, "坏材料"));
      g_assert_nonnull (strstr (item->message, base));
      g_assert_nonnull (strstr (item->message, zhi_evidence_problem_describe (kinds[k].problem)));
      g_assert_nonnull (strstr (item->message, "4. "));
      const ZhiProblem *claim = must_find (d->evaluation, "unusable-only-evidence", NULL);
      g_assert_cmpint (claim->severity, ==, ZHI_PROBLEM_BLOCKING);
      g_assert_nonnull (strstr (claim->message, base));
      g_assert_true (zhi_evaluation_has_blocking_problems (d->evaluation));

      /* a document that opens supports the claim: the block goes, the points come */
      attach (d, samples->multi_pdf, "好材料", TARGET);
      g_assert_null (find_problem (d->evaluation, "unusable-only-evidence", NULL));
      g_assert_nonnull (find_problem (d->evaluation, "unusable-evidence", NULL));
      g_assert_false (zhi_evaluation_has_blocking_problems (d->evaluation));
      g_assert_cmpfloat (evidenced (d, TARGET), >, 0);
    }
}

/* a condition (rule) whose only support does not open blocks too */
static void
test_unusable_rule_support_blocks (void)
{
  g_autoptr (Demo) d = demo_new ("rule.zhizao");
  GListModel *list = zhi_project_get_evidence_list (d->project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) e = g_list_model_get_item (list, i);
      zhi_project_remove_evidence_support (d->project, zhi_evidence_get_id (e), "cond-1");
    }
  attach (d, samples->empty_pdf, "营业执照", "cond-1");
  const ZhiProblem *claim = must_find (d->evaluation, "unusable-only-evidence", NULL);
  g_assert_cmpint (claim->severity, ==, ZHI_PROBLEM_BLOCKING);
  g_assert_nonnull (strstr (claim->message, "（一）"));
  g_assert_nonnull (strstr (claim->message, "营业执照"));
  g_assert_true (zhi_evaluation_has_blocking_problems (d->evaluation));
  /* an unusable file that supports nothing is named, blocks nothing */
  ZhiEvidence *loose = attach (d, text_jpg, "照片", NULL);
  const ZhiProblem *p = must_find (d->evaluation, "unusable-evidence", zhi_evidence_get_id (loose));
  g_assert_nonnull (strstr (p->message, "照片"));
}

/* the same bytes twice: reported with both names, one document */
static void
test_duplicate (void)
{
  g_autoptr (Demo) d = demo_new ("dup.zhizao");
  ZhiEvidence *a = attach (d, samples->multi_pdf, "检测报告", TARGET);
  g_autofree char *copy = zhi_test_tmp_path ("copy-of-report.pdf");
  g_autofree char *data = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (samples->multi_pdf, &data, &len, NULL));
  write_file (copy, data, len);
  ZhiEvidence *b = attach (d, copy, "检测报告（复印件）", TARGET);
  g_assert_cmpstr (zhi_evidence_get_sha256 (a), ==, zhi_evidence_get_sha256 (b));
  const ZhiProblem *p = must_find (d->evaluation, "duplicate-evidence", NULL);
  g_assert_cmpint (p->severity, ==, ZHI_PROBLEM_WARNING);
  g_assert_nonnull (strstr (p->message, "检测报告"));
  g_assert_nonnull (strstr (p->message, "检测报告（复印件）"));
  g_assert_nonnull (strstr (p->message, "copy-of-report.pdf"));
  g_assert_cmpuint (zhi_evaluation_count_documents (d->evaluation, TARGET), ==, 1);
  /* the JSON says the same */
  g_autoptr (JsonNode) node = zhi_evaluation_to_json (d->evaluation);
  g_autofree char *json = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (json, "\"id\":\"" TARGET "\""));
  g_assert_nonnull (strstr (json, "duplicate-evidence"));
  /* a different file makes it two */
  attach (d, samples->png, "图表", TARGET);
  g_assert_cmpuint (zhi_evaluation_count_documents (d->evaluation, TARGET), ==, 2);
}

/* the async attach (the window's) records the inspection as well */
static void
test_async_attach (void)
{
  g_autoptr (Demo) d = demo_new ("async.zhizao");
  g_autoptr (GFile) file = g_file_new_for_path (truncated_png);
  ZhiEvidence *ev = NULL;
  zhi_project_attach_file_async (d->project, file, NULL, NULL, NULL, NULL, zhi_test_attached_cb,
                                 &ev);
  while (ev == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (zhi_evidence_get_inspected (ev));
  g_assert_cmpstr (zhi_evidence_get_problem (ev), ==, "damaged");
  ZhiEvidence *good = NULL;
  g_autoptr (GFile) pdf = g_file_new_for_path (samples->multi_pdf);
  zhi_project_attach_file_async (d->project, pdf, NULL, NULL, NULL, NULL, zhi_test_attached_cb,
                                 &good);
  while (good == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (zhi_evidence_get_usable (good));
  g_assert_cmpuint (zhi_evidence_get_page_count (good), ==, 3);
}

/* ---- a version-2 file (as Zhizao 0.2 wrote it): migrated, then its evidence inspected ---- */

static const char v2_schema[]
    = ZHI_TEST_SCHEMA_V2 "PRAGMA application_id = 1514686810; PRAGMA user_version = 2;"
                         "INSERT INTO fields VALUES ('name', '旧版企业'), ('track', 'workshop');";

static void
v2_add (sqlite3 *db, const char *id, int position, const char *path, const char *type, int pages)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)data, len);
  g_autofree char *name = g_path_get_basename (path);
  sqlite3_stmt *st;
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO blobs VALUES (?, ?, ?)", -1, &st, NULL), ==,
      SQLITE_OK);
  sqlite3_bind_text (st, 1, sha, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 2, (sqlite3_int64)len);
  sqlite3_bind_blob (st, 3, data, (int)len, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                       "'[\"w04\"]', 1700000000000000)",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, position);
  sqlite3_bind_text (st, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 5, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 6, (sqlite3_int64)len);
  sqlite3_bind_text (st, 7, sha, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (st, 8, pages);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
}

static char *
make_v2 (const char *name)
{
  char *path = zhi_test_tmp_path (name);
  sqlite3 *db;
  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v2_schema, NULL, NULL, NULL), ==, SQLITE_OK);
  /* version 2 gave a picture "1 page" whether it decoded or not */
  v2_add (db, "E1", 0, samples->multi_pdf, "application/pdf", 0);
  v2_add (db, "E2", 1, text_jpg, "image/jpeg", 1);
  v2_add (db, "E3", 2, samples->truncated_pdf, "application/pdf", 0);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE evidence SET title = 'copy' WHERE id = 'E3';"
                                 "INSERT INTO evidence SELECT 'E4', 3, 'again', file_name, "
                                 "media_type, size, sha256, page_count, supports, added_us "
                                 "FROM evidence WHERE id = 'E2'",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static int
user_version (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  int v = -1;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return v;
}

static void
check_v2_verdicts (ZhiProject *p)
{
  ZhiEvidence *e1 = zhi_project_lookup_evidence (p, "E1");
  ZhiEvidence *e2 = zhi_project_lookup_evidence (p, "E2");
  ZhiEvidence *e3 = zhi_project_lookup_evidence (p, "E3");
  ZhiEvidence *e4 = zhi_project_lookup_evidence (p, "E4");
  g_assert_true (zhi_evidence_get_inspected (e1) && zhi_evidence_get_usable (e1));
  g_assert_cmpuint (zhi_evidence_get_page_count (e1), ==, 3);
  g_assert_cmpstr (zhi_evidence_get_problem (e2), ==, "not-an-image");
  g_assert_cmpuint (zhi_evidence_get_page_count (e2), ==, 0); /* no longer "1" */
  g_assert_cmpstr (zhi_evidence_get_problem (e3), ==, "damaged");
  g_assert_cmpstr (zhi_evidence_get_problem (e4), ==, "not-an-image"); /* same bytes as E2 */
}

static void
test_migration_v2 (void)
{
  g_autofree char *path = make_v2 ("v2.zhizao");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiProject) p = zhi_project_open (file, &error);
    g_assert_no_error (error);
    g_assert_cmpint (user_version (path), ==, ZHI_PROJECT_SCHEMA_VERSION);
    g_assert_cmpint (ZHI_PROJECT_SCHEMA_VERSION, ==, 4);
    ZhiEvidence *e2 = zhi_project_lookup_evidence (p, "E2");
    g_assert_false (zhi_evidence_get_inspected (e2));
    g_assert_true (zhi_evidence_get_usable (e2)); /* nothing known against it yet */
    guint n = 0;
    g_assert_true (zhi_project_inspect_evidence (p, &n, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 4);
    check_v2_verdicts (p);
    /* nothing left to do */
    g_assert_true (zhi_project_inspect_evidence (p, &n, NULL, &error));
    g_assert_cmpuint (n, ==, 0);
    g_autoptr (ZhiEvaluation) ev = zhi_evaluation_new (p);
    g_assert_nonnull (find_problem (ev, "unusable-evidence", "E2"));
    g_assert_nonnull (find_problem (ev, "unusable-evidence", "E3"));
    g_assert_nonnull (find_problem (ev, "duplicate-evidence", "E4"));
    /* E1 opens: w04 is evidenced, nothing blocks on evidence */
    g_assert_null (find_problem (ev, "unusable-only-evidence", NULL));
    g_assert_true (zhi_project_close (p, &error));
  }
  /* stored: read back without inspecting again */
  zhi_evidence_set_inspector (NULL);
  g_autoptr (ZhiProject) q = zhi_project_open (file, &error);
  zhi_evidence_inspector_install ();
  g_assert_no_error (error);
  check_v2_verdicts (q);
  /* and carried by the JSON form */
  g_autoptr (JsonNode) json = zhi_project_to_json (q);
  g_autoptr (ZhiProject) r = zhi_project_from_json (json, &error);
  g_assert_no_error (error);
  check_v2_verdicts (r);
  g_assert_true (zhi_project_equal (q, r));
  g_unlink (path);
}

static void
inspect_async_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  guint *n = data;
  g_autoptr (GError) error = NULL;
  g_assert_true (zhi_project_inspect_evidence_finish (ZHI_PROJECT (source), result, n, &error));
  g_assert_no_error (error);
}

/* the window's re-check: in the background, same verdicts */
static void
test_migration_v2_async (void)
{
  g_autofree char *path = make_v2 ("v2-async.zhizao");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) p = zhi_project_open (file, &error);
  g_assert_no_error (error);
  guint n = G_MAXUINT;
  zhi_project_inspect_evidence_async (p, NULL, inspect_async_cb, &n);
  while (n == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n, ==, 4);
  check_v2_verdicts (p);
  zhi_project_close (p, NULL);
  g_unlink (path);
}

/* ---- the dossier: the list gives the reason, not a page count; a copy names its original ---- */

/* The text of @d's dossier, rendered as a draft without the attachments to @name (removed
 * again). */
static char *
dossier_text (Demo *d, const char *name)
{
  g_autofree char *out = zhi_test_tmp_path (name);
  g_autoptr (GError) error = NULL;
  ZhiDossierOptions options;
  char *text;

  zhi_dossier_options_init (&options);
  options.draft = ZHI_DOSSIER_DRAFT_YES;
  options.no_attachments = TRUE;
  g_assert_true (zhi_dossier_render_to_file (d->project, d->evaluation, &options, out, NULL, NULL,
                                             NULL, NULL, &error));
  g_assert_no_error (error);
  text = zhi_test_pdf_text (out);
  g_unlink (out);
  return text;
}

static void
test_dossier_list (void)
{
  g_autoptr (Demo) d = demo_new ("list.zhizao");
  attach (d, samples->empty_pdf, "空白材料", TARGET);
  attach (d, text_jpg, "假照片", TARGET);
  ZhiEvidence *report = attach (d, samples->multi_pdf, "原件", TARGET);
  attach (d, samples->multi_pdf, "副本", TARGET);
  g_autofree char *same = g_strdup_printf (
      "同附件%u", g_list_model_get_n_items (zhi_project_get_evidence_list (d->project)) - 1);
  g_assert_cmpuint (zhi_evidence_get_page_count (report), ==, 3);
  g_autofree char *text = dossier_text (d, "list.pdf");
  const char *list = strstr (text, "证明材料清单编号");
  if (list == NULL)
    list = strstr (text, "六、证明材料清单");
  g_assert_nonnull (list);
  g_assert_nonnull (strstr (list, "空白材料"));
  g_assert_nonnull (strstr (list, "空文件"));
  g_assert_nonnull (strstr (list, "假照片"));
  g_assert_nonnull (strstr (list, "不是图片"));
  /* the copy points at the original instead of counting its pages again */
  g_assert_nonnull (strstr (list, "副本"));
  {
    /* "同附件N" in the copy's row; a narrow cell may wrap it before 附件N (kept whole), and
     * the reading order then puts the hash's first line between */
    const char *row = strstr (list, "副本");

    g_assert_nonnull (row);
    g_assert_nonnull (strstr (row, "同"));
    g_assert_nonnull (strstr (strstr (row, "同"), same + strlen ("同")));
  }
}

/* A criterion whose only linked evidence does not open: the dossier says so where the score is
 * given, not "none linked". */
static void
test_dossier_unusable_only (void)
{
  g_autoptr (Demo) d = demo_new ("unusable-only.zhizao");
  g_autofree char *text = NULL;

  attach (d, samples->empty_pdf, "空白材料", TARGET);
  text = dossier_text (d, "unusable-only.pdf");
  g_assert_nonnull (strstr (text, "关联的证明材料无法打开"));
  g_assert_nonnull (strstr (text, "上列证明材料无法打开（原因见证明材料清单），佐证得分按0分计。"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  zhi_evidence_inspector_install ();
  samples = zhi_test_pdfs_generate (zhi_test_tmp_dir_make ("zhi-evidence-inspect-XXXXXX"), &error);
  g_assert_no_error (error);
  {
    guint8 noise[4096];
    GRand *rand = g_rand_new_with_seed (9);
    for (guint i = 0; i < sizeof noise; i++)
      noise[i] = (guint8)g_rand_int_range (rand, 0, 256);
    g_rand_free (rand);
    noise[0] = 'x'; /* never a PDF, JPEG or PNG signature by chance */
    random_pdf = zhi_test_tmp_path ("random.pdf");
    write_file (random_pdf, noise, sizeof noise);
    text_jpg = zhi_test_tmp_path ("not-a-photo.jpg");
    write_file (text_jpg, "this is not a photo\n", 20);
    text_png = zhi_test_tmp_path ("not-a-chart.png");
    write_file (text_png, "this is not a chart\n", 20);
    truncated_jpg = write_half_of (samples->jpeg, "half.jpg");
    truncated_png = write_half_of (samples->png, "half.png");
  }

  g_test_add_func ("/evidence-inspect/verdict-for-every-kind", test_verdicts);
  g_test_add_func ("/evidence-inspect/big-pictures-decode-streaming", test_big_pictures_stream);
  g_test_add_func ("/evidence-inspect/unusable-earns-nothing-named-blocks",
                   test_unusable_earns_nothing);
  g_test_add_func ("/evidence-inspect/unusable-rule-support", test_unusable_rule_support_blocks);
  g_test_add_func ("/evidence-inspect/duplicate-reported-counted-once", test_duplicate);
  g_test_add_func ("/evidence-inspect/async-attach-inspects", test_async_attach);
  g_test_add_func ("/evidence-inspect/migration-v2-rechecked", test_migration_v2);
  g_test_add_func ("/evidence-inspect/migration-v2-rechecked-async", test_migration_v2_async);
  g_test_add_func ("/evidence-inspect/dossier-list-gives-reason", test_dossier_list);
  g_test_add_func ("/evidence-inspect/dossier-unusable-only-said-so", test_dossier_unusable_only);
  status = g_test_run ();

  zhi_test_tmp_dir_remove ();
  return status;
}
