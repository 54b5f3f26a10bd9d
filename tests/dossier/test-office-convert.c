/* test-office-convert.c — Word and Excel documents are evidence through their PDF
 *
 * With LibreOffice: a .docx and an .xlsx (made here by LibreOffice from text and CSV) are kept
 * unusable at attach time, converted in one run, become usable, and appear in the dossier
 * with their text and both hashes in the evidence list; the relation survives closing the
 * project.  With a stand-in soffice: batch attaches convert in one run with a private profile
 * and a zh_CN locale, and a hung run is killed at the timeout.  Without soffice in PATH: the
 * message with the install command, and the document stays. */
#include "zhi-demo.h"
#include "zhi-dossier.h"
#include "zhi-evaluation.h"
#include "zhi-evidence-inspect.h"
#include "zhi-office-convert.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <signal.h>
#include <string.h>

static ZhiTestPdfs *samples;
static const char *tmpdir; /* zhi_test_tmp_dir () */
static char *saved_path;   /* PATH while path_set () holds it */

static ZhiProject *
project_new (const char *name, char **path_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = zhi_test_tmp_file (name, path_out);
  ZhiProject *project = zhi_demo_create (file, "workshop", &error);
  g_assert_no_error (error);
  return project;
}

/* PATH for the code under test: @dir in front of the test's own, or @dir @alone; put back by
 * path_restore (). */
static void
path_set (const char *dir, gboolean alone)
{
  g_autofree char *path = NULL;

  g_assert_null (saved_path);
  saved_path = g_strdup (g_getenv ("PATH"));
  path = alone ? g_strdup (dir) : g_strconcat (dir, ":", saved_path, NULL);
  g_setenv ("PATH", path, TRUE);
}

static void
path_restore (void)
{
  g_setenv ("PATH", saved_path, TRUE);
  g_clear_pointer (&saved_path, g_free);
}

static ZhiEvidence *
attach (ZhiProject *project, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *ev = zhi_project_attach_file (project, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ev);
  return ev;
}

/* @source converted by LibreOffice to @format in tmpdir (test input, not the code under test) */
static char *
make_office_file (const char *name, const char *contents, const char *format, const char *filter)
{
  g_autofree char *source = zhi_test_tmp_path (name);
  g_autofree char *profile = zhi_test_tmp_path ("make-profile");
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *env = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autoptr (GError) error = NULL;
  int status = -1;
  g_assert_true (g_file_set_contents (source, contents, -1, &error));
  const char *argv[] = { "timeout",      "120",  "soffice",  env,    "--headless", filter,
                         "--convert-to", format, "--outdir", tmpdir, source,       NULL };
  if (filter == NULL) /* drop the filter: shift the rest down */
    memmove (&argv[5], &argv[6], sizeof argv - 6 * sizeof argv[0]);
  g_assert_true (
      g_spawn_sync (NULL, (char **)argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_autofree char *stem = g_strndup (name, strrchr (name, '.') - name);
  char *out = g_strdup_printf ("%s/%s.%s", tmpdir, stem, format);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  return out;
}

static void
progress_cb (double fraction, gpointer data)
{
  double *last = data;
  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_convert_real (void)
{
  g_autofree char *soffice = zhi_office_find_soffice ();
  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  g_autofree char *docx = make_office_file (
      "验收报告.txt", "数字化车间验收报告\n设备联网率达到百分之九十\n", "docx", NULL);
  g_autofree char *xlsx = make_office_file ("设备清单.csv", "设备名称,数量\n五轴数控机床,12\n",
                                            "xlsx", "--infilter=CSV:44,34,76");
  g_autofree char *path = NULL;
  g_autoptr (ZhiProject) project = project_new ("office.zhizao", &path);
  g_autoptr (GError) error = NULL;

  ZhiEvidence *word = attach (project, docx);
  ZhiEvidence *excel = attach (project, xlsx);
  g_autofree char *word_id = g_strdup (zhi_evidence_get_id (word));
  g_autofree char *word_sha = g_strdup (zhi_evidence_get_sha256 (word));
  g_autofree char *excel_sha = g_strdup (zhi_evidence_get_sha256 (excel));
  /* kept, not usable until converted */
  g_assert_cmpstr (zhi_evidence_get_problem (word), ==, ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED);
  g_assert_cmpstr (zhi_evidence_get_problem (excel), ==, ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED);
  g_assert_null (zhi_project_get_evidence_pdf_sha256 (project, word_id));

  guint n = 0;
  double last = 0;
  g_assert_true (zhi_office_convert_project (project, &n, progress_cb, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_true (zhi_evidence_get_usable (word));
  g_assert_true (zhi_evidence_get_usable (excel));
  g_assert_cmpuint (zhi_evidence_get_page_count (word), >=, 1);
  g_autofree char *word_pdf = zhi_project_get_evidence_pdf_sha256 (project, word_id);
  g_autofree char *excel_pdf
      = zhi_project_get_evidence_pdf_sha256 (project, zhi_evidence_get_id (excel));
  g_assert_nonnull (word_pdf);
  g_assert_nonnull (excel_pdf);
  g_assert_cmpstr (word_pdf, !=, word_sha);
  /* nothing more to convert: no run at all */
  g_assert_true (zhi_office_convert_project (project, &n, NULL, NULL, NULL, &error));
  g_assert_cmpuint (n, ==, 0);

  g_autoptr (ZhiEvaluation) evaluation = zhi_evaluation_new (project);
  zhi_evaluation_update (evaluation);
  g_autofree char *out = zhi_test_tmp_path ("office.pdf");
  ZhiDossierOptions options;
  zhi_dossier_options_init (&options);
  options.draft = ZHI_DOSSIER_DRAFT_YES;
  g_assert_true (zhi_dossier_render_to_file (project, evaluation, &options, out, NULL, NULL, NULL,
                                             NULL, &error));
  g_assert_no_error (error);
  g_autofree char *text = zhi_test_pdf_text (out);
  /* the documents' own text, read back from the dossier */
  g_assert_nonnull (strstr (text, "数字化车间验收报告"));
  g_assert_nonnull (strstr (text, "设备联网率达到百分之九十"));
  g_assert_nonnull (strstr (text, "五轴数控机床"));
  /* the evidence list gives both hashes (a narrow cell wraps them: compare their starts) */
  const char *list = strstr (text, "证明材料清单");
  g_assert_nonnull (list);
  g_autofree char *word_sha_start = g_strndup (word_sha, 16);
  g_autofree char *word_pdf_start = g_strndup (word_pdf, 16);
  g_autofree char *excel_pdf_start = g_strndup (excel_pdf, 16);
  g_autofree char *excel_sha_start = g_strndup (excel_sha, 16);
  g_assert_nonnull (strstr (list, word_sha_start));
  g_assert_nonnull (strstr (list, word_pdf_start));
  g_assert_nonnull (strstr (list, excel_sha_start));
  g_assert_nonnull (strstr (list, excel_pdf_start));
  g_assert_nonnull (strstr (list, "转换所得PDF"));
  g_unlink (out);

  /* closing keeps both blobs and the relation */
  g_assert_true (zhi_project_close (project, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&evaluation)); /* it holds the project */
  g_assert_finalize_object (g_steal_pointer (&project));
  g_autoptr (GFile) file = g_file_new_for_path (path);
  project = zhi_project_open (file, &error);
  g_assert_no_error (error);
  g_autofree char *again = zhi_project_get_evidence_pdf_sha256 (project, word_id);
  g_assert_cmpstr (again, ==, word_pdf);
  g_assert_true (zhi_project_has_blob (project, word_sha));
  g_assert_true (zhi_project_has_blob (project, word_pdf));
  {
    g_autoptr (GInputStream) in = zhi_project_open_evidence_pdf_stream (project, word_id, &error);
    g_assert_no_error (error);
    g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
    g_assert_cmpint (
        g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error), >, 0);
    g_autoptr (GBytes) bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
    g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    g_assert_cmpstr (sha, ==, word_pdf);
    g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), "%PDF-", 5) == 0);
  }
  zhi_project_close (project, NULL);
  g_unlink (path);
}

/* A folder holding only a stand-in soffice (or nothing), to put on PATH with path_set () */
static char *
fake_bin (const char *name, const char *script)
{
  char *dir = zhi_test_tmp_path (name);
  g_autofree char *exe = g_build_filename (dir, "soffice", NULL);
  g_mkdir_with_parents (dir, 0700);
  if (script != NULL)
    {
      g_assert_true (g_file_set_contents (exe, script, -1, NULL));
      g_assert_cmpint (g_chmod (exe, 0700), ==, 0);
    }
  return dir;
}

static void
test_missing (void)
{
  g_autofree char *dir = fake_bin ("empty-bin", NULL);
  g_autofree char *path = NULL;
  g_autoptr (ZhiProject) project = project_new ("missing.zhizao", &path);
  g_autoptr (GError) error = NULL;
  g_autofree char *docx = zhi_test_tmp_path ("申报说明.docx");

  g_assert_true (g_file_set_contents (docx, "PK\x03\x04 a Word document", -1, NULL));
  ZhiEvidence *ev = attach (project, docx);
  guint before = g_list_model_get_n_items (zhi_project_get_evidence_list (project));
  path_set (dir, TRUE);
  gboolean ok = zhi_office_convert_project (project, NULL, NULL, NULL, NULL, &error);
  path_restore ();
  g_assert_false (ok);
  g_assert_error (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_NOT_INSTALLED);
  g_assert_nonnull (
      strstr (error->message, "sudo apt install libreoffice-writer-nogui libreoffice-calc-nogui"));
  g_assert_nonnull (strstr (error->message, "LibreOffice"));
  /* the document stays, unusable */
  g_assert_cmpuint (g_list_model_get_n_items (zhi_project_get_evidence_list (project)), ==, before);
  g_assert_cmpstr (zhi_evidence_get_problem (ev), ==, ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED);
  g_assert_cmpstr (zhi_evidence_problem_describe (zhi_evidence_get_problem (ev)), !=,
                   zhi_evidence_problem_describe (ZHI_EVIDENCE_PROBLEM_UNSUPPORTED));
  zhi_project_close (project, NULL);
  g_unlink (path);
}

/* A folder @name holding a stand-in soffice that logs its arguments and environment to @log and
 * copies a sample PDF per document. */
static char *
stand_in_bin (const char *name, const char *log)
{
  g_autofree char *script
      = g_strdup_printf ("#!/bin/sh\n"
                         "echo \"RUN LANG=$LANG LC_ALL=$LC_ALL $*\" >> '%s'\n"
                         "out=\n"
                         "while [ $# -gt 0 ]; do\n"
                         "  case \"$1\" in\n"
                         "    --outdir) out=$2; shift ;;\n"
                         "    -*|pdf) ;;\n"
                         "    *) b=$(basename \"$1\"); cp '%s' \"$out/${b%%.*}.pdf\" ;;\n"
                         "  esac\n"
                         "  shift\n"
                         "done\n",
                         log, samples->multi_pdf);

  return fake_bin (name, script);
}

static void
test_batch_one_run (void)
{
  g_autofree char *log = zhi_test_tmp_path ("soffice.log");
  g_autofree char *dir = stand_in_bin ("fake-bin", log);
  g_autofree char *path = NULL;
  g_autoptr (ZhiProject) project = project_new ("batch.zhizao", &path);
  g_autoptr (GError) error = NULL;
  const char *names[] = { "a.docx", "b.xls", "c.odt", "a.pptx" };
  ZhiEvidence *evs[G_N_ELEMENTS (names)];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = zhi_test_tmp_path (names[i]);
      g_autofree char *content = g_strdup_printf ("office document %u", i);
      g_assert_true (g_file_set_contents (p, content, -1, NULL));
      evs[i] = attach (project, p);
      g_assert_false (zhi_evidence_get_usable (evs[i]));
    }
  g_unlink (log);
  path_set (dir, FALSE);
  guint n = 0;
  gboolean ok = zhi_office_convert_project (project, &n, NULL, NULL, NULL, &error);
  path_restore ();
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (zhi_evidence_get_usable (evs[i]));
      g_assert_cmpuint (zhi_evidence_get_page_count (evs[i]), ==, 3);
    }
  g_autofree char *logged = NULL;
  g_assert_true (g_file_get_contents (log, &logged, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (g_strstrip (logged), "\n", -1);
  /* one run for all four, with its own profile, headless, Simplified Chinese */
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], "LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8"));
  g_assert_nonnull (strstr (lines[0], "-env:UserInstallation=file:///"));
  g_assert_nonnull (strstr (lines[0], "--headless"));
  g_assert_nonnull (strstr (lines[0], "--convert-to pdf"));
  g_assert_nonnull (strstr (lines[0], ".pptx"));
  zhi_project_close (project, NULL);
  g_unlink (path);
}

static void
async_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  GAsyncResult **out = data;
  *out = g_object_ref (result);
}

/* the window's path: LibreOffice in a worker thread, the PDFs recorded on the main context */
static void
test_async (void)
{
  g_autofree char *log = zhi_test_tmp_path ("soffice-async.log");
  g_autofree char *dir = stand_in_bin ("fake-bin-async", log);
  g_autofree char *path = NULL;
  g_autoptr (ZhiProject) project = project_new ("async.zhizao", &path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *a = zhi_test_tmp_path ("计划.docx");
  g_autofree char *b = zhi_test_tmp_path ("台账.xlsx");
  double last = 0;
  guint n = 0;

  g_assert_true (g_file_set_contents (a, "async one", -1, NULL));
  g_assert_true (g_file_set_contents (b, "async two", -1, NULL));
  ZhiEvidence *ea = attach (project, a);
  ZhiEvidence *eb = attach (project, b);
  g_assert_cmpuint (zhi_office_count_unconverted (project), ==, 2);
  path_set (dir, FALSE);
  zhi_office_convert_project_async (project, NULL, progress_cb, &last, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  path_restore ();
  g_assert_true (zhi_office_convert_project_finish (project, result, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_true (zhi_evidence_get_usable (ea));
  g_assert_true (zhi_evidence_get_usable (eb));
  g_assert_cmpuint (zhi_office_count_unconverted (project), ==, 0);
  g_autofree char *logged = NULL;
  g_assert_true (g_file_get_contents (log, &logged, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (g_strstrip (logged), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  zhi_project_close (project, NULL);
  g_unlink (path);
}

/* cancels once the stand-in has started (its pid file exists) */
static gpointer
cancel_later (gpointer data)
{
  g_autofree char *pidfile = zhi_test_tmp_path ("hung.pid");
  for (int i = 0; i < 3000 && !g_file_test (pidfile, G_FILE_TEST_EXISTS); i++)
    g_usleep (10 * 1000);
  g_usleep (100 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_timeout_kills (void)
{
  g_autofree char *pidfile = zhi_test_tmp_path ("hung.pid");
  g_autofree char *script
      = g_strdup_printf ("#!/bin/sh\necho $$ > '%s'\nexec sleep 600\n", pidfile);
  g_autofree char *dir = fake_bin ("hung-bin", script);
  g_autofree char *doc = zhi_test_tmp_path ("hung.docx");
  g_autofree char *outdir = zhi_test_tmp_path ("hung-out");
  g_autoptr (GError) error = NULL;
  const char *paths[] = { doc, NULL };

  g_assert_true (g_file_set_contents (doc, "PK", -1, NULL));
  g_mkdir_with_parents (outdir, 0700);
  path_set (dir, FALSE);
  gint64 start = g_get_monotonic_time ();
  gboolean ok = zhi_office_convert_files (paths, outdir, 1, NULL, &error);
  gint64 took = g_get_monotonic_time () - start;
  path_restore ();
  g_assert_false (ok);
  g_assert_error (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_TIMEOUT);
  g_assert_cmpint (took, <, 60 * G_USEC_PER_SEC);
  g_autofree char *pid_text = NULL;
  g_assert_true (g_file_get_contents (pidfile, &pid_text, NULL, NULL));
  pid_t pid = (pid_t)g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  /* the hung process is gone (already reaped by the wait) */
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);

  /* cancelled while running: stopped too, long before its timeout */
  g_clear_error (&error);
  g_unlink (pidfile);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  GThread *canceller = g_thread_new ("cancel", cancel_later, cancellable);
  path_set (dir, FALSE);
  start = g_get_monotonic_time ();
  ok = zhi_office_convert_files (paths, outdir, 600, cancellable, &error);
  took = g_get_monotonic_time () - start;
  path_restore ();
  g_thread_join (canceller);
  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (took, <, 60 * G_USEC_PER_SEC);
  g_clear_pointer (&pid_text, g_free);
  g_assert_true (g_file_get_contents (pidfile, &pid_text, NULL, NULL));
  pid = (pid_t)g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  zhi_evidence_inspector_install ();
  tmpdir = zhi_test_tmp_dir_make ("zhi-office-convert-XXXXXX");
  samples = zhi_test_pdfs_generate (tmpdir, &error);
  g_assert_no_error (error);
  g_test_add_func ("/office/convert-docx-xlsx-into-dossier", test_convert_real);
  g_test_add_func ("/office/missing-libreoffice-says-how", test_missing);
  g_test_add_func ("/office/batch-in-one-run", test_batch_one_run);
  g_test_add_func ("/office/timeout-kills-hung-run", test_timeout_kills);
  g_test_add_func ("/office/async-in-worker-thread", test_async);
  int status = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return status;
}
