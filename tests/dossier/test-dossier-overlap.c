/* test-dossier-overlap.c — the body drawn while the evidence is read: when every evidence file's
 * pages are recorded in the project (inspected when attached), the render lays the dossier out
 * with them on one thread while it reads the evidence on another.  Whatever the evidence turns
 * out to be, the dossier is the one a render on one thread makes (evidence whose pages are not
 * recorded). */
#define _GNU_SOURCE /* memmem */
#include "zhi-dossier.h"
#include "zhi-pdf-doc.h"
#include "zhi-evidence-inspect.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <qpdf/qpdfjob-c.h>
#include <string.h>

typedef struct
{
  guint n_pages;
  GPtrArray *texts; /* each page's text, white space and the fingerprint taken out */
  GPtrArray *dests; /* "att-N" → its page, as "att-N@page" */
} Dossier;

static void
dossier_clear (Dossier *d)
{
  g_clear_pointer (&d->texts, g_ptr_array_unref);
  g_clear_pointer (&d->dests, g_ptr_array_unref);
}

/* A text PDF of @n_pages in @dir, its bytes its own (a comment after %%EOF). */
static GFile *
write_pdf (const char *dir, const char *name, guint n_pages)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  FILE *fp;

  g_assert_true (zhi_test_pdfs_write_text_pdf (path, n_pages, &error));
  g_assert_no_error (error);
  fp = fopen (path, "ab");
  g_assert_nonnull (fp);
  fprintf (fp, "%% %s\n", name);
  fclose (fp);
  return g_file_new_for_path (path);
}

/* A project in @dir with evidence PDFs of 2, 3 and 1 pages and a PNG, attached as the
 * application attaches them: inspected, their pages recorded.  Their ids in @ids. */
static ZhiProject *
project_new (const char *dir, GPtrArray *ids)
{
  static const guint pages[] = { 2, 3, 1 };
  g_autofree char *project_path = g_build_filename (dir, "p.zhizao", NULL);
  g_autofree char *png_path = g_build_filename (dir, "车间.png", NULL);
  g_autoptr (GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr (GFile) png = g_file_new_for_path (png_path);
  g_autoptr (GError) error = NULL;
  ZhiProject *project;
  ZhiEvidence *ev;

  project = zhi_project_create (project_file, &error);
  g_assert_no_error (error);
  zhi_test_fill_project (project);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("材料%u.pdf", i + 1);
      g_autofree char *title = g_strdup_printf ("证明材料%u", i + 1);
      g_autoptr (GFile) file = write_pdf (dir, name, pages[i]);

      ev = zhi_project_attach_file (project, file, title, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (zhi_evidence_get_page_count (ev), ==, pages[i]);
      g_ptr_array_add (ids, g_strdup (zhi_evidence_get_id (ev)));
    }
  g_assert_true (zhi_test_pdfs_write_png_rows (png_path, 40, 30, &error));
  ev = zhi_project_attach_file (project, png, "车间照片", NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (ids, g_strdup (zhi_evidence_get_id (ev)));
  return project;
}

/* Renders @project into @path with a fixed date and reads the dossier back. */
static void
render (ZhiProject *project, const char *path, ZhiTestProgress *progress, Dossier *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr (ZhiDossierResult) result = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *pdf;
  gboolean skipped;
  ZhiDossierOptions options;

  zhi_dossier_options_init (&options);
  options.date = date;
  g_assert_true (zhi_dossier_render_to_file (project, NULL, &options, path, zhi_test_progress_cb,
                                             progress, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  /* every page was reported before the render returned */
  g_assert_cmpuint (progress->calls, >, 0);
  g_assert_cmpuint (progress->done, ==, result->n_pages);
  g_assert_cmpuint (progress->total, ==, result->n_pages);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  out->n_pages = (guint)poppler_document_get_n_pages (pdf);
  g_assert_cmpuint (out->n_pages, ==, result->n_pages);
  out->texts = zhi_test_pdf_page_texts (pdf);
  for (guint i = 0; i < out->texts->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (out->texts->pdata[i], result->fingerprint, -1);

      g_free (out->texts->pdata[i]);
      out->texts->pdata[i] = g_strjoinv ("F", parts);
    }
  out->dests = g_ptr_array_new_with_free_func (g_free);
  for (guint n = 1;; n++)
    {
      g_autofree char *name = g_strdup_printf ("att-%u", n);
      PopplerDest *dest = poppler_document_find_dest (pdf, name);

      if (dest == NULL)
        break;
      g_ptr_array_add (out->dests, g_strdup_printf ("%s@%d", name, dest->page_num));
      poppler_dest_free (dest);
    }
  g_object_unref (pdf);
  g_assert_true (zhi_test_qpdf_check (path, &skipped, NULL));
}

/* The pages of the evidence are no longer recorded: the render reads the evidence first. */
static void
forget_pages (ZhiProject *project, GPtrArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    zhi_project_set_evidence_inspection (project, ids->pdata[i], NULL, 0);
}

static void
assert_same (Dossier *a, Dossier *b)
{
  g_assert_cmpuint (a->n_pages, ==, b->n_pages);
  g_assert_cmpuint (a->texts->len, ==, b->texts->len);
  for (guint i = 0; i < a->texts->len; i++)
    g_assert_cmpstr (a->texts->pdata[i], ==, b->texts->pdata[i]);
  g_assert_cmpuint (a->dests->len, ==, b->dests->len);
  for (guint i = 0; i < a->dests->len; i++)
    g_assert_cmpstr (a->dests->pdata[i], ==, b->dests->pdata[i]);
}

static gboolean
any_page_has (Dossier *d, const char *needle)
{
  for (guint i = 0; i < d->texts->len; i++)
    if (strstr (d->texts->pdata[i], needle))
      return TRUE;
  return FALSE;
}

/* A scratch directory with the project of project_new() in it. */
typedef struct
{
  char *dir;
  char *path; /* where the dossier goes */
  GPtrArray *ids;
  ZhiProject *project;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("zhi-dossier-overlap-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "dossier.pdf", NULL);
  f->ids = g_ptr_array_new_with_free_func (g_free);
  f->project = project_new (f->dir, f->ids);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  zhi_test_assert_no_temp_files (f->dir);
  zhi_project_close (f->project, NULL);
  g_clear_object (&f->project);
  g_ptr_array_unref (f->ids);
  zhi_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Renders into @a with the pages the project records, then, with none recorded, checks the
 * render that reads the evidence first makes the same dossier. */
static void
render_as_one_thread_does (Fixture *f, Dossier *a)
{
  ZhiTestProgress overlapped = { g_thread_self () }, one = { g_thread_self () };
  Dossier b = { 0 };

  render (f->project, f->path, &overlapped, a);
  forget_pages (f->project, f->ids);
  render (f->project, f->path, &one, &b);
  assert_same (a, &b);
  dossier_clear (&b);
}

/* Recorded pages: the same dossier as a render that reads the evidence first. */
static void
test_same_dossier (Fixture *f, gconstpointer data)
{
  Dossier a = { 0 };

  render_as_one_thread_does (f, &a);
  /* the evidence's pages, stamped, and every 附件 found */
  g_assert_true (any_page_has (&a, "附件2第3页/共3页申报书指纹F"));
  g_assert_true (any_page_has (&a, "附件4第1页/共1页申报书指纹F"));
  g_assert_cmpuint (a.dests->len, ==, 4);
  dossier_clear (&a);
}

/* The pages recorded are not the evidence's (a count from another tool): the dossier is laid out
 * again with the evidence's own, and is the one a render that reads the evidence first makes. */
static void
test_pages_not_as_recorded (Fixture *f, gconstpointer data)
{
  Dossier a = { 0 };

  /* 附件2 has 3 pages, recorded as 5 */
  zhi_project_set_evidence_inspection (f->project, f->ids->pdata[1], NULL, 5);
  render_as_one_thread_does (f, &a);
  g_assert_true (any_page_has (&a, "附件2第3页/共3页申报书指纹F"));
  g_assert_false (any_page_has (&a, "共5页"));
  dossier_clear (&a);
}

/* A PDF whose permissions forbid printing (not recorded in the project): the list says so. */
static void
test_printing_forbidden (Fixture *f, gconstpointer data)
{
  g_autofree char *locked = g_build_filename (f->dir, "检测报告.pdf", NULL);
  g_autoptr (GFile) plain = write_pdf (f->dir, "plain.pdf", 2);
  g_autofree char *plain_path = g_file_get_path (plain);
  g_autoptr (GFile) locked_file = g_file_new_for_path (locked);
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "qpdf",         "--encrypt", "",         "owner-pw", "256",
                         "--print=none", "--",        plain_path, locked,     NULL };
  Dossier a = { 0 };

  g_assert_cmpint (qpdfjob_run_from_argv (argv), ==, 0);
  g_assert_nonnull (zhi_project_attach_file (f->project, locked_file, "检测报告", NULL, &error));
  g_assert_no_error (error);
  render_as_one_thread_does (f, &a);
  g_assert_true (any_page_has (&a, "原文件的权限设置禁止打印"));
  g_assert_true (any_page_has (&a, "附件5第2页/共2页申报书指纹F"));
  dossier_clear (&a);
}

/* The last place of @needle in @data's @len bytes, or NULL. */
static const char *
rfind_bytes (const char *data, gsize len, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = len; i >= n; i--)
    if (memcmp (data + i - n, needle, n) == 0)
      return data + i - n;
  return NULL;
}

/* Makes the font object of the PDF at @path unreadable, in an update appended to the file: its
 * entry in the cross-reference table points into the header.  The page tree still reads (the
 * inspections count the pages); copying the page's fonts does not. */
static void
break_font (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr (GString) update = g_string_new (NULL);
  gsize len;
  const char *font, *obj, *root, *startxref;
  guint font_id, root_id, size = 0;
  FILE *fp;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  font = memmem (data, len, "/Type /Font", strlen ("/Type /Font"));
  g_assert_nonnull (font);
  /* the object header before it: "N 0 obj" */
  obj = rfind_bytes (data, (gsize)(font - data), " 0 obj");
  g_assert_nonnull (obj);
  while (obj > data && g_ascii_isdigit (obj[-1]))
    obj--;
  font_id = (guint)g_ascii_strtoull (obj, NULL, 10);
  root = rfind_bytes (data, len, "/Root ");
  g_assert_nonnull (root);
  root_id = (guint)g_ascii_strtoull (root + strlen ("/Root "), NULL, 10);
  g_assert_nonnull (rfind_bytes (data, len, "/Size "));
  size = (guint)g_ascii_strtoull (rfind_bytes (data, len, "/Size ") + strlen ("/Size "), NULL, 10);
  startxref = rfind_bytes (data, len, "startxref");
  g_assert_nonnull (startxref);
  g_assert_cmpuint (font_id, >, 0);
  g_string_append_printf (update, "xref\n%u 1\n0000000010 00000 n \ntrailer\n", font_id);
  g_string_append_printf (update, "<< /Size %u /Root %u 0 R /Prev %" G_GUINT64_FORMAT " >>\n", size,
                          root_id, g_ascii_strtoull (startxref + strlen ("startxref"), NULL, 10));
  g_string_append_printf (update, "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", len);
  fp = fopen (path, "ab");
  g_assert_nonnull (fp);
  fputs (update->str, fp);
  fclose (fp);
}

/* Renders @project into @path; the error's message, or NULL. */
static char *
render_error (ZhiProject *project, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) temp = NULL;
  ZhiDossierResult *result = NULL;

  if (zhi_dossier_render_to_file (project, NULL, NULL, path, NULL, NULL, NULL, &result, &error))
    {
      zhi_dossier_result_free (result);
      return NULL;
    }
  g_assert_error (error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_FAILED);
  /* the render's temporary names (.zhizao-dossier-XXXXXX/.zhizao-att5-file-XXXXXX) aside */
  temp = g_regex_new ("\\.zhizao-[a-z0-9-]+-[A-Za-z0-9]{6}", 0, 0, NULL);
  return g_regex_replace (temp, error->message, -1, 0, "TEMP", 0, NULL);
}

/* Evidence whose page reads but whose fonts do not: the evidence parsed ahead of the copying met
 * the broken object; the render does what a render on one thread does (which copies the page
 * from the document the inspection read, and fails on it), not copy the page without its
 * fonts. */
static void
test_broken_font (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) broken = write_pdf (f->dir, "broken.pdf", 2);
  g_autofree char *broken_path = g_file_get_path (broken);
  g_autoptr (GError) error = NULL;
  g_autofree char *overlapped = NULL, *one = NULL;
  ZhiEvidence *ev;

  break_font (broken_path);
  ev = zhi_project_attach_file (f->project, broken, "损坏的材料", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_evidence_get_page_count (ev), ==, 2);
  g_ptr_array_add (f->ids, g_strdup (zhi_evidence_get_id (ev)));
  overlapped = render_error (f->project, f->path);
  forget_pages (f->project, f->ids);
  one = render_error (f->project, f->path);
  g_assert_nonnull (one);
  g_assert_cmpstr (overlapped, ==, one);
  /* the page by its attachment and the file by the name it was attached with, not by the
   * render's copy of it */
  g_assert_nonnull (strstr (one, "附件5 第1页: "));
  g_assert_nonnull (strstr (one, "broken.pdf (object "));
  g_assert_null (strstr (one, "TEMP"));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* The dossier at @path holds @needle. */
static gboolean
dossier_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* A PDF of two A4 landscape pages (Helvetica: "INHERITED ONE", "INHERITED TWO") whose
 * /MediaBox and /Resources are their page tree node's, which the pages inherit. */
static void
write_inherited_pdf (const char *path)
{
  static const char *const objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 841.89 595.276] "
    "/Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
    "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 400 Td (INHERITED ONE) Tj ET\nendstream",
    "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 400 Td (INHERITED TWO) Tj ET\nendstream",
  };
  g_autoptr (GString) out = g_string_new ("%PDF-1.5\n");
  g_autoptr (GString) xref = g_string_new (NULL);

  g_string_append_printf (xref, "xref\n0 %u\n0000000000 65535 f \n",
                          (guint)G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_string_append_printf (xref, "%010" G_GSIZE_FORMAT " 00000 n \n", out->len);
      g_string_append_printf (out, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  g_string_append_printf (
      out, "%strailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
      xref->str, (guint)G_N_ELEMENTS (objects) + 1, out->len);
  g_assert_true (g_file_set_contents (path, out->str, (gssize)out->len, NULL));
}

/* The dossier is written as compactly as its evidence came.  Evidence with cross-reference
 * tables (cairo's, as scanners' and LibreOffice's): a table, no object streams.  Once one
 * evidence PDF came in object streams (qpdf's here, as Acrobat and many PDF 1.5 writers do), the
 * dossier's objects are in object streams too.  Such a file is kept unparsed after its
 * inspection, and its pages get their inherited size and fonts when they are copied. */
static void
test_object_streams_as_the_evidence_came (Fixture *f, gconstpointer data)
{
  g_autofree char *plain_path = g_build_filename (f->dir, "inherited.pdf", NULL);
  g_autofree char *packed_path = g_build_filename (f->dir, "紧凑.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr (GFile) packed = g_file_new_for_path (packed_path);
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "qpdf", "--object-streams=generate", "--", plain_path, packed_path, NULL };
  Dossier a = { 0 }, b = { 0 };
  PopplerDocument *pdf;
  ZhiEvidence *ev;
  guint found = 0;

  render_as_one_thread_does (f, &a);
  g_assert_false (dossier_contains (f->path, "/ObjStm"));
  g_assert_true (dossier_contains (f->path, "\nxref\n"));

  write_inherited_pdf (plain_path);
  g_assert_cmpint (qpdfjob_run_from_argv (argv), ==, 0);
  g_assert_true (dossier_contains (packed_path, "/ObjStm"));
  g_assert_false (dossier_contains (packed_path, "\nxref\n"));
  ev = zhi_project_attach_file (f->project, packed, "紧凑的材料", NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (f->ids, g_strdup (zhi_evidence_get_id (ev)));
  render_as_one_thread_does (f, &b);
  g_assert_true (any_page_has (&b, "附件5第2页/共2页申报书指纹F"));
  g_assert_true (dossier_contains (f->path, "/ObjStm"));
  g_assert_false (dossier_contains (f->path, "\nxref\n"));
  /* each page at its inherited size, with its inherited font's text */
  uri = g_filename_to_uri (f->path, NULL, NULL);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      if (strstr (text, "INHERITED ONE") || strstr (text, "INHERITED TWO"))
        {
          g_assert_cmpfloat_with_epsilon (w, 841.89, 0.01);
          g_assert_cmpfloat_with_epsilon (h, 595.276, 0.01);
          found++;
        }
      g_object_unref (page);
    }
  g_object_unref (pdf);
  g_assert_cmpuint (found, ==, 2);
  dossier_clear (&a);
  dossier_clear (&b);
}

/* Cancelled while the body is drawn and the evidence read: an error, no file, nothing left. */
static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  ZhiDossierResult *result = NULL;
  ZhiTestProgress progress = { g_thread_self () };

  progress.cancel_at_first = cancellable;
  g_assert_false (zhi_dossier_render_to_file (f->project, NULL, NULL, f->path, zhi_test_progress_cb,
                                              &progress, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* evidence is attached as the application attaches it: inspected */
  zhi_evidence_inspector_install ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dossier-overlap/same-dossier", test_same_dossier);
  ADD ("/dossier-overlap/pages-not-as-recorded", test_pages_not_as_recorded);
  ADD ("/dossier-overlap/printing-forbidden", test_printing_forbidden);
  ADD ("/dossier-overlap/broken-font", test_broken_font);
  ADD ("/dossier-overlap/cancelled", test_cancelled);
  ADD ("/dossier-overlap/object-streams-as-the-evidence-came",
       test_object_streams_as_the_evidence_came);
#undef ADD
  return g_test_run ();
}
