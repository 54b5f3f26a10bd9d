/* test-dossier-file.c — the dossier's file: put in place by a rename of the finished file,
 * with the mode a file written there would have, the one it replaces kept whenever the render
 * does not finish, and nothing of the render's own left beside it. */
#include "zhi-demo.h"
#include "zhi-dossier.h"
#include "zhi-store.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <sys/stat.h>

static ZhiProject *project;
static const char *dir;

static int
n_pages_of (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);
  int n;

  g_assert_no_error (error);
  n = poppler_document_get_n_pages (pdf);
  g_object_unref (pdf);
  return n;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Only the project (and SQLite's own files) and the dossiers: no work directory, no
 * temporary PDF. */
static void
assert_nothing_left (void)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "demo.zhizao") && !g_str_has_suffix (name, ".pdf"))
      g_error ("left behind: %s", name);
    else
      g_assert_false (g_str_has_prefix (name, ".zhizao"));
}

static ZhiDossierResult *
render (const char *path,
        ZhiDossierProgressFunc progress,
        gpointer data,
        GCancellable *c,
        GError **error)
{
  ZhiDossierResult *result = NULL;
  ZhiDossierOptions options;

  zhi_dossier_options_init (&options);
  if (!zhi_dossier_render_to_file (project, NULL, &options, path, progress, data, c, &result,
                                   error))
    return NULL;
  return result;
}

static void
test_new_file (void)
{
  g_autofree char *path = g_build_filename (dir, "new.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiDossierResult) result = NULL;
  mode_t old = umask (027);

  result = render (path, NULL, NULL, NULL, &error);
  umask (old);
  g_assert_no_error (error);
  if (result == NULL)
    g_error ("no result");
  /* the demo carries its evidence as original pages: the render went through qpdf */
  g_assert_cmpuint (result->n_pages, >, 30);
  g_assert_cmpint (n_pages_of (path), ==, (int)result->n_pages);
  g_assert_cmpuint (mode_of (path), ==, 0640);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpuint (result->size, ==, (guint64)st.st_size);
  }
  assert_nothing_left ();
}

static void
test_replace_keeps_mode (void)
{
  g_autofree char *path = g_build_filename (dir, "replaced.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiDossierResult) result = NULL;

  g_assert_true (g_file_set_contents (path, "not a dossier yet", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0604), ==, 0);
  result = render (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (result == NULL)
    g_error ("no result");
  g_assert_cmpint (n_pages_of (path), ==, (int)result->n_pages);
  g_assert_cmpuint (mode_of (path), ==, 0604);
  assert_nothing_left ();
}

static void
cancel_late (guint done, guint total, gpointer data)
{
  /* past the body: the originals are being copied */
  if (done > total / 2)
    g_cancellable_cancel (data);
}

static void
test_cancel_keeps_old (void)
{
  g_autofree char *path = g_build_filename (dir, "kept.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (ZhiDossierResult) result = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (g_file_set_contents (path, "the dossier sent last week", -1, NULL));
  before = zhi_test_file_sha256 (path);
  result = render (path, cancel_late, cancellable, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = zhi_test_file_sha256 (path);
  g_assert_cmpstr (after, ==, before);
  assert_nothing_left ();
}

static void
test_no_directory (void)
{
  g_autofree char *path = g_build_filename (dir, "gone", "dossier.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiDossierResult) result = render (path, NULL, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_nothing_left ();
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr (GFile) file = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dir = zhi_test_tmp_dir_make ("zhi-dossier-file-XXXXXX");
  project_path = g_build_filename (dir, "demo.zhizao", NULL);
  file = g_file_new_for_path (project_path);
  project = zhi_demo_create (file, "workshop", &error);
  g_assert_no_error (error);

  g_test_add_func ("/dossier-file/new-file", test_new_file);
  g_test_add_func ("/dossier-file/replace-keeps-mode", test_replace_keeps_mode);
  g_test_add_func ("/dossier-file/cancel-keeps-old", test_cancel_keeps_old);
  g_test_add_func ("/dossier-file/no-directory", test_no_directory);
  status = g_test_run ();
  zhi_project_close (project, NULL);
  g_object_unref (project);
  zhi_test_tmp_dir_remove ();
  return status;
}
