/* test-pdf-compact.c — the object-stream pass: smaller, and the same document to poppler */
#include "zhi-pdf-compact.h"
#include "zhi-pdf-doc.h"
#include "zhi-pdf-finish.h"
#include "zhi-pdf-output.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <qpdf/qpdfjob-c.h>
#include <string.h>

#define N_ATTACHMENTS 6
#define PAGES_PER_ATTACHMENT 4

typedef struct
{
  char *dir;
  char *cairo_path;   /* zhi_pdf_doc_write_to_file, objects written one by one as cairo does */
  char *compact_path; /* the same after zhi_pdf_compact */
} Files;

static Files files;

static void
ensure_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 4, 18, 9, 30, 0);
  ZhiPdfDoc *doc;
  g_autofree char *written_path = NULL;
  guint p;

  if (files.dir != NULL)
    return;
  files.dir = g_dir_make_tmp ("zhi-pdf-compact-XXXXXX", &error);
  g_assert_no_error (error);
  doc = zhi_pdf_doc_new ();
  zhi_pdf_doc_set_metadata (doc, "辽宁省数字化车间申报书", "辽宁示例机械有限公司", "数字化车间",
                            "Zhizao test", date);
  zhi_pdf_doc_set_fingerprint (doc, "ZZ-0B57-C0DE");
  zhi_pdf_doc_add_heading (doc, 1, "目　录", FALSE);
  zhi_pdf_doc_add_contents (doc, 2, TRUE);
  zhi_pdf_doc_add_page_break (doc);
  zhi_pdf_doc_add_heading (doc, 1, "一、企业基本情况", TRUE);
  p = zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY,
                                 "车间已建成制造执行系统，详见附件1和附件2。");
  g_assert_true (zhi_pdf_doc_link_text (doc, p, "附件1", "att-1"));
  g_assert_true (zhi_pdf_doc_link_text (doc, p, "附件2", "att-2"));
  zhi_pdf_doc_add_heading (doc, 2, "（一）设备情况", TRUE);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "设备联网率百分之九十五。");
  zhi_pdf_doc_add_heading (doc, 1, "七、附件", TRUE);
  for (guint i = 1; i <= N_ATTACHMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("evidence-%u.pdf", i);
      g_autofree char *path = g_build_filename (files.dir, name, NULL);
      g_autofree char *title = g_strdup_printf ("证明材料%u", i);

      g_assert_true (zhi_test_pdfs_write_text_pdf (path, PAGES_PER_ATTACHMENT, &error));
      g_assert_no_error (error);
      zhi_pdf_doc_add_attachment (
          doc, zhi_pdf_attachment_new_for_path (i, title, name, "application/pdf", "00", path));
    }
  files.cairo_path = g_build_filename (files.dir, "cairo.pdf", NULL);
  files.compact_path = g_build_filename (files.dir, "compact.pdf", NULL);
  written_path = g_build_filename (files.dir, "written.pdf", NULL);
  g_assert_true (zhi_pdf_doc_write_to_file (doc, written_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  zhi_pdf_doc_free (doc);
  /* original evidence pages make the writer pass its output through qpdf already: every object
   * written out one by one again, as cairo writes them, is the input of the pass under test */
  {
    const char *argv[] = { "qpdf",       "--object-streams=disable", "--compress-streams=n",
                           written_path, files.cairo_path,           NULL };

    g_assert_cmpint (qpdfjob_run_from_argv (argv), ==, 0);
  }
  g_assert_true (zhi_pdf_compact (files.cairo_path, files.compact_path, &error));
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *pdf = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  return pdf;
}

static void
describe_outline (PopplerDocument *pdf, PopplerIndexIter *iter, int depth, GString *out)
{
  if (iter == NULL)
    return;
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_string_append_printf (out, "%d %s → %d\n", depth, action->any.title,
                              zhi_test_pdf_dest_page (pdf, action->goto_dest.dest));
      describe_outline (pdf, child, depth + 1, out);
      if (child)
        poppler_index_iter_free (child);
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
}

static void
describe_structure (PopplerStructureElementIter *iter, int depth, GString *out)
{
  if (iter == NULL)
    return;
  do
    {
      PopplerStructureElement *e = poppler_structure_element_iter_get_element (iter);
      PopplerStructureElementIter *child = poppler_structure_element_iter_get_child (iter);

      g_string_append_printf (out, "%d kind %d page %d\n", depth,
                              poppler_structure_element_get_kind (e),
                              poppler_structure_element_get_page (e));
      describe_structure (child, depth + 1, out);
      if (child)
        poppler_structure_element_iter_free (child);
      g_object_unref (e);
    }
  while (poppler_structure_element_iter_next (iter));
}

/* Everything poppler tells about @pdf that the pass must keep, as text. */
static char *
describe (PopplerDocument *pdf)
{
  GString *out = g_string_new (NULL);
  g_autofree char *title = poppler_document_get_title (pdf);
  g_autofree char *author = poppler_document_get_author (pdf);
  g_autofree char *subject = poppler_document_get_subject (pdf);
  g_autofree char *creator = poppler_document_get_creator (pdf);
  PopplerIndexIter *outline = poppler_index_iter_new (pdf);
  PopplerStructureElementIter *structure = poppler_structure_element_iter_new (pdf);
  int n_pages = poppler_document_get_n_pages (pdf);

  g_string_append_printf (out, "%s|%s|%s|%s|%" G_GINT64_FORMAT "|%d pages\n", title, author,
                          subject, creator, (gint64)poppler_document_get_creation_date (pdf),
                          n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      GList *links = poppler_page_get_link_mapping (page);

      g_string_append_printf (out, "page %d: %s\n", i, text);
      for (GList *l = links; l; l = l->next)
        {
          PopplerLinkMapping *m = l->data;

          g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_GOTO_DEST);
          g_string_append_printf (out, "  link %.1f,%.1f → %d\n", m->area.x1, m->area.y1,
                                  zhi_test_pdf_dest_page (pdf, m->action->goto_dest.dest));
        }
      poppler_page_free_link_mapping (links);
      g_object_unref (page);
    }
  for (guint i = 1; i <= N_ATTACHMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("att-%u", i);
      PopplerDest *dest = poppler_document_find_dest (pdf, name);

      g_assert_nonnull (dest);
      g_string_append_printf (out, "%s → %d\n", name, dest->page_num);
      poppler_dest_free (dest);
    }
  g_assert_nonnull (outline);
  describe_outline (pdf, outline, 0, out);
  poppler_index_iter_free (outline);
  g_assert_nonnull (structure);
  describe_structure (structure, 0, out);
  poppler_structure_element_iter_free (structure);
  return g_string_free (out, FALSE);
}

static void
test_smaller_with_object_streams (void)
{
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  gsize size_before, size_after;

  ensure_files ();
  before = read_bytes (files.cairo_path);
  after = read_bytes (files.compact_path);
  size_before = g_bytes_get_size (before);
  size_after = g_bytes_get_size (after);
  g_test_message ("cairo %" G_GSIZE_FORMAT " bytes, after qpdf %" G_GSIZE_FORMAT " bytes",
                  size_before, size_after);
  g_assert_false (zhi_test_bytes_contain (before, "/ObjStm"));
  g_assert_true (zhi_test_bytes_contain (after, "/ObjStm"));
  g_assert_true (zhi_test_bytes_contain (after, "/XRef"));
  g_assert_cmpuint (size_after, <, size_before);
}

static void
test_same_document (void)
{
  PopplerDocument *before, *after;
  g_autofree char *a = NULL, *b = NULL;

  ensure_files ();
  before = open_pdf (files.cairo_path);
  after = open_pdf (files.compact_path);
  g_assert_cmpint (poppler_document_get_n_pages (before), ==,
                   2 + N_ATTACHMENTS * PAGES_PER_ATTACHMENT);
  a = describe (before);
  b = describe (after);
  /* the description covers links, the outline's levels and the structure tree */
  g_assert_nonnull (strstr (a, "  link "));
  g_assert_nonnull (strstr (a, "1 （一）设备情况 → "));
  g_assert_nonnull (strstr (a, "1 附件6：证明材料6 → "));
  g_assert_nonnull (strstr (a, "2 kind "));
  g_assert_cmpstr (a, ==, b);
  g_object_unref (before);
  g_object_unref (after);
}

static void
test_qpdf_check (void)
{
  g_autofree char *output = NULL;
  gboolean skipped = FALSE;

  ensure_files ();
  if (!zhi_test_qpdf_check (files.compact_path, &skipped, &output))
    g_error ("qpdf --check: %s", output);
  if (skipped)
    g_test_skip ("qpdf is not installed");
}

static void
test_deterministic (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *again = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;

  ensure_files ();
  again = g_build_filename (files.dir, "again.pdf", NULL);
  g_assert_true (zhi_pdf_compact (files.cairo_path, again, &error));
  g_assert_no_error (error);
  first = read_bytes (files.compact_path);
  second = read_bytes (again);
  g_assert_true (g_bytes_equal (first, second));
}

/* The /ID: the input's identifier first, then one made of the output's own bytes (a SHA-256,
 * not qpdf's fixed test identifier, which every file would share). */
static void
test_file_id (void)
{
  g_autofree char *in_first = NULL, *in_second = NULL, *in_expected = NULL;
  g_autofree char *first = NULL, *second = NULL, *expected = NULL;

  ensure_files ();
  g_assert_true (zhi_test_pdf_file_id (files.cairo_path, &in_first, &in_second, &in_expected));
  g_assert_true (zhi_test_pdf_file_id (files.compact_path, &first, &second, &expected));
  g_assert_cmpstr (first, ==, in_first);
  g_assert_cmpstr (second, ==, expected);
  g_assert_cmpstr (second, !=, "31415926535897932384626433832795");
  g_assert_cmpstr (second, !=, in_second);
}

/* In a large file the cross-reference stream's table, written after its dictionary, is tens of
 * kilobytes: the /ID is found where `startxref` points, not among the file's last bytes. */
static void
test_file_id_large (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *in = NULL, *out = NULL, *data = NULL;
  g_autofree char *first = NULL, *second = NULL, *expected = NULL;
  cairo_surface_t *surface;
  gsize len;
  const char *id;

  ensure_files ();
  in = g_build_filename (files.dir, "large-in.pdf", NULL);
  out = g_build_filename (files.dir, "large-out.pdf", NULL);
  surface = cairo_pdf_surface_create (in, 595.276, 841.89);
  {
    cairo_t *cr = cairo_create (surface);

    g_autoptr (GRand) rand = g_rand_new_with_seed (11);

    /* an image of noise on each page, of a random size: streams whose offsets in the file no
     * compressor flattens (objects in object streams cost the table next to nothing) */
    for (guint i = 0; i < 3000; i++)
      {
        int side = g_rand_int_range (rand, 2, 24);
        cairo_surface_t *noise = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
        guint32 *pixels = (guint32 *)cairo_image_surface_get_data (noise);

        for (int p = 0; p < side * (cairo_image_surface_get_stride (noise) / 4); p++)
          pixels[p] = g_rand_int (rand) & 0xffffff;
        cairo_surface_mark_dirty (noise);
        cairo_set_source_surface (cr, noise, 72, 72);
        cairo_paint (cr);
        cairo_surface_destroy (noise);
        cairo_show_page (cr);
      }
    cairo_destroy (cr);
  }
  cairo_surface_destroy (surface);
  g_assert_true (zhi_pdf_compact (in, out, &error));
  g_assert_no_error (error);
  g_assert_true (zhi_test_pdf_file_id (out, &first, &second, &expected));
  g_assert_cmpstr (first, ==, expected);
  g_assert_cmpstr (second, ==, expected);
  /* the case this covers: the identifier further from the end than the last 4 KB */
  g_assert_true (g_file_get_contents (out, &data, &len, NULL));
  id = NULL;
  for (gsize i = len - 32; i > 0 && id == NULL; i--)
    if (memcmp (data + i, expected, 32) == 0)
      id = data + i;
  g_assert_nonnull (id);
  g_assert_cmpint ((gssize)len - (id - data), >, 4096);
}

/* Where the bytes were not hashed as they were written (a file system that showed the hashing
 * thread less than qpdf wrote), the file is read back: the same identifier. */
static void
test_file_id_read_back (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *first = NULL, *second = NULL, *expected = NULL;
  const char *argv[] = { "qpdf", "--static-id", "--", NULL, NULL, NULL };

  ensure_files ();
  path = g_build_filename (files.dir, "static-id.pdf", NULL);
  argv[3] = files.cairo_path;
  argv[4] = path;
  g_assert_cmpint (qpdfjob_run_from_argv (argv), ==, 0);
  g_assert_true (zhi_test_pdf_file_id (path, &first, &second, &expected));
  g_assert_cmpstr (second, ==, "31415926535897932384626433832795");
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&second, g_free);
  g_clear_pointer (&expected, g_free);

  g_assert_true (zhi_pdf_output_set_id (path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (zhi_test_pdf_file_id (path, &first, &second, &expected));
  /* the second half; the first is cairo's, which the input had */
  g_assert_cmpstr (second, ==, expected);
  g_assert_cmpstr (second, !=, "31415926535897932384626433832795");
}

/* Input larger than qpdf is given in memory (a body with large images): read from the file,
 * the same document out. */
static void
test_large_input (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *in = NULL, *out = NULL, *text = NULL;
  g_autofree char *first = NULL, *second = NULL, *expected = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  cairo_surface_t *surface, *noise;
  cairo_t *cr;
  guint32 *pixels;
  GStatBuf st;

  ensure_files ();
  in = g_build_filename (files.dir, "photo-in.pdf", NULL);
  out = g_build_filename (files.dir, "photo-out.pdf", NULL);
  surface = cairo_pdf_surface_create (in, 595.276, 841.89);
  cr = cairo_create (surface);
  /* noise does not compress: 12 MB of image */
  noise = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 2000, 1500);
  pixels = (guint32 *)cairo_image_surface_get_data (noise);
  for (int p = 0; p < 1500 * (cairo_image_surface_get_stride (noise) / 4); p++)
    pixels[p] = g_rand_int (rand) & 0xffffff;
  cairo_surface_mark_dirty (noise);
  cairo_scale (cr, 0.25, 0.25);
  cairo_set_source_surface (cr, noise, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (noise);
  cairo_identity_matrix (cr);
  cairo_show_page (cr);
  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, "after the photo");
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpint (g_stat (in, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 8 * 1024 * 1024);

  g_assert_true (zhi_pdf_compact (in, out, &error));
  g_assert_no_error (error);
  text = zhi_test_pdf_text (out);
  /* white space taken out */
  g_assert_nonnull (strstr (text, "afterthephoto"));
  g_assert_true (zhi_test_pdf_file_id (out, &first, &second, &expected));
  g_assert_cmpstr (second, ==, expected);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 8 * 1024 * 1024);
}

static void
test_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *garbage = NULL, *out = NULL, *nowhere = NULL;

  ensure_files ();
  garbage = g_build_filename (files.dir, "garbage.pdf", NULL);
  out = g_build_filename (files.dir, "out.pdf", NULL);
  g_assert_true (g_file_set_contents (garbage, "not a PDF at all\n", -1, NULL));
  g_assert_false (zhi_pdf_compact (garbage, out, &error));
  g_assert_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "qpdf"));
  g_clear_error (&error);

  nowhere = g_build_filename (files.dir, "no-such-folder", "out.pdf", NULL);
  g_assert_false (zhi_pdf_compact (files.cairo_path, nowhere, &error));
  g_assert_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_WRITE);
}

/* Top-level drawing becomes /Artifact marked content; what a structure element already marks,
 * strings that look like operators and inline image bytes are left alone. */
static void
test_mark_artifacts (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    /* a page number before the tagged body, a tagged paragraph, the watermark path after */
    { "q BT /F1 14 Tf (- 1 -) Tj ET /P <</MCID 0>> BDC BT (x) Tj ET EMC 0 0 m 10 10 l f Q",
      "q /Artifact BMC\nBT /F1 14 Tf (- 1 -) Tj ET\nEMC /P <</MCID 0>> BDC BT (x) Tj ET EMC "
      "/Artifact BMC\n0 0 m 10 10 l f\nEMC Q" },
    /* operands of the first path operator belong to it; colour stays outside */
    { "0.9 g 1 2 3 4 re f", "0.9 g /Artifact BMC\n1 2 3 4 re f\nEMC" },
    /* "BT" and "ET" inside a string are no operators */
    { "BT (a BT b ET \\) c) Tj ET", "/Artifact BMC\nBT (a BT b ET \\) c) Tj ET\nEMC" },
    /* an XObject */
    { "q /Im1 Do Q", "q /Artifact BMC\n/Im1 Do\nEMC Q" },
    /* an inline image whose bytes hold "EMC" and "BT" */
    { "BI /W 1 /H 1 ID EMC BT EI Q", "/Artifact BMC\nBI /W 1 /H 1 ID EMC BT EI\nEMC Q" },
    /* already an artifact or marked: unchanged */
    { "/Artifact BMC BT (n) Tj ET EMC", "/Artifact BMC BT (n) Tj ET EMC" },
    { "/Span <</MCID 2>> BDC 0 0 m 1 1 l S EMC", "/Span <</MCID 2>> BDC 0 0 m 1 1 l S EMC" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) out
          = zhi_pdf_finish_mark_artifacts ((const guint8 *)cases[i].in, strlen (cases[i].in));
      g_autofree char *text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));

      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-compact/smaller-with-object-streams", test_smaller_with_object_streams);
  g_test_add_func ("/pdf-compact/same-document-to-poppler", test_same_document);
  g_test_add_func ("/pdf-compact/qpdf-check-clean", test_qpdf_check);
  g_test_add_func ("/pdf-compact/deterministic", test_deterministic);
  g_test_add_func ("/pdf-compact/file-id-from-the-bytes", test_file_id);
  g_test_add_func ("/pdf-compact/file-id-in-a-large-file", test_file_id_large);
  g_test_add_func ("/pdf-compact/file-id-read-back", test_file_id_read_back);
  g_test_add_func ("/pdf-compact/large-input", test_large_input);
  g_test_add_func ("/pdf-compact/errors", test_errors);
  g_test_add_func ("/pdf-compact/mark-artifacts", test_mark_artifacts);
  status = g_test_run ();
  if (files.dir)
    zhi_test_remove_dir (files.dir);
  return status;
}
