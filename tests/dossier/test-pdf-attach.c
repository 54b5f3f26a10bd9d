/* test-pdf-attach.c — evidence files embedded as attachment pages */
#define _GNU_SOURCE /* memmem */
#include "zhi-pdf-doc.h"
#include "zhi-test-pdfs.h"
#include "zhi-test-util.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

static ZhiTestPdfs *samples;
static const char *tmpdir;

static char *
page_text (PopplerDocument *pdf, int index)
{
  PopplerPage *page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);

  g_object_unref (page);
  return zhi_test_strip_space (text);
}

static void
test_jpeg_info (void)
{
  g_autoptr (GBytes) jpeg = zhi_test_pdfs_make_jpeg (320, 240);
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  int w = 0, h = 0, n = 0;

  g_assert_true (zhi_pdf_jpeg_get_info (data, len, &w, &h, &n));
  g_assert_cmpint (w, ==, 320);
  g_assert_cmpint (h, ==, 240);
  g_assert_cmpint (n, ==, 1);
  g_assert_false (zhi_pdf_jpeg_get_info (data, 20, &w, &h, &n));
  g_assert_false (zhi_pdf_jpeg_get_info ((const guint8 *)"not a jpeg", 10, &w, &h, &n));
}

/* Fill bytes (0xFF before a marker, T.81 B.1.1.2) are legal; cairo 1.16's JPEG parser rejects
 * them and drew its 64-pixel grey stand-in instead of the photo, without any warning. */
static void
test_jpeg_fill_bytes (void)
{
  g_autoptr (GBytes) jpeg = zhi_test_pdfs_make_jpeg (320, 240);
  g_autoptr (GByteArray) filled = g_byte_array_new ();
  g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "fill-bytes.pdf", NULL);
  g_autofree char *jpeg_path = g_build_filename (tmpdir, "fill-bytes.jpg", NULL);
  g_autofree char *raw = NULL;
  gsize len, raw_len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);

  g_byte_array_append (filled, data, 2);                           /* SOI */
  g_byte_array_append (filled, (const guint8 *)"\xFF\xFF\xFF", 3); /* fill bytes */
  g_byte_array_append (filled, data + 2, len - 2);
  g_assert_true (g_file_set_contents (jpeg_path, (const char *)filled->data, filled->len, NULL));
  zhi_pdf_doc_add_attachment (doc, zhi_pdf_attachment_new_for_path (1, "照片", "fill-bytes.jpg",
                                                                    "image/jpeg", "", jpeg_path));
  g_assert_true (zhi_pdf_doc_write_to_file (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_pdf_doc_get_warnings (doc)->len, ==, 0);
  g_assert_true (g_file_get_contents (path, &raw, &raw_len, NULL));
  g_assert_nonnull (memmem (raw, raw_len, "/DCTDecode", 10));
  g_assert_nonnull (memmem (raw, raw_len, "/Width 320", 10));
  g_assert_nonnull (memmem (raw, raw_len, "/Height 240", 11));
}

/* providers: the caller owns where the bytes live */
static GBytes *
bytes_from_file (gpointer user_data, GCancellable *cancellable, GError **error)
{
  char *contents;
  gsize len;

  (void)cancellable;
  if (!g_file_get_contents (user_data, &contents, &len, error))
    return NULL;
  return g_bytes_new_take (contents, len);
}

static GBytes *
bytes_fail (gpointer user_data, GCancellable *cancellable, GError **error)
{
  (void)user_data;
  (void)cancellable;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "blob missing from the project file");
  return NULL;
}

static GInputStream *
stream_from_file (gpointer user_data, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (user_data);

  return G_INPUT_STREAM (g_file_read (file, cancellable, error));
}

typedef struct
{
  guint number;
  const char *path;
  const char *media_type;
  ZhiPdfAttachProblem problem;
  guint pages;
  const char *reason_part; /* on the placeholder page */
} Case;

static void
test_all_kinds (void)
{
  Case cases[] = {
    { 1, samples->multi_pdf, "application/pdf", ZHI_PDF_ATTACH_PROBLEM_NONE, 3, NULL },
    { 2, samples->encrypted_pdf, "application/pdf", ZHI_PDF_ATTACH_PROBLEM_ENCRYPTED, 1, "已加密" },
    { 3, samples->truncated_pdf, "application/pdf", ZHI_PDF_ATTACH_PROBLEM_DAMAGED, 1, "已损坏" },
    { 4, samples->empty_pdf, "application/pdf", ZHI_PDF_ATTACH_PROBLEM_EMPTY, 1, "0字节" },
    { 5, samples->garbage_pdf, "application/pdf", ZHI_PDF_ATTACH_PROBLEM_WRONG_TYPE, 1, "不是PDF" },
    { 6, samples->jpeg, "image/jpeg", ZHI_PDF_ATTACH_PROBLEM_NONE, 1, NULL },
    { 7, samples->jpeg_1px, "image/jpeg", ZHI_PDF_ATTACH_PROBLEM_NONE, 1, NULL },
    { 8, samples->jpeg_huge, "image/jpeg", ZHI_PDF_ATTACH_PROBLEM_NONE, 1, NULL },
    { 9, samples->png, "image/png", ZHI_PDF_ATTACH_PROBLEM_NONE, 1, NULL },
    { 10, samples->png_1px, "image/png", ZHI_PDF_ATTACH_PROBLEM_NONE, 1, NULL },
    { 11, samples->png_huge, "image/png", ZHI_PDF_ATTACH_PROBLEM_NONE, 1, NULL },
    { 12, samples->docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ZHI_PDF_ATTACH_PROBLEM_UNSUPPORTED, 1, "不支持" },
    { 13, samples->multi_pdf, NULL, ZHI_PDF_ATTACH_PROBLEM_NONE, 3, NULL },  /* bytes func */
    { 14, samples->png, "image/png", ZHI_PDF_ATTACH_PROBLEM_NONE, 1, NULL }, /* stream func */
    { 15, samples->multi_pdf, "application/pdf", ZHI_PDF_ATTACH_PROBLEM_UNREADABLE, 1, "无法读取" },
  };
  g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "attachments.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *raw = NULL;
  g_autofree char *qpdf_out = NULL;
  PopplerDocument *pdf = NULL;
  PopplerIndexIter *iter, *child;
  GPtrArray *warnings;
  gboolean skipped;
  gsize raw_len;
  guint i, k, n_outline = 0;

  zhi_pdf_doc_set_fingerprint (doc, "FP-ATTACH");
  zhi_pdf_doc_add_heading (doc, 1, "附件", TRUE);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Case *c = &cases[i];
      g_autofree char *sha = c->path ? zhi_test_sha256_file (c->path) : g_strdup ("");
      g_autofree char *base = c->path ? g_path_get_basename (c->path) : g_strdup ("encrypted.pdf");
      g_autofree char *title = g_strdup_printf ("证明材料%u", c->number);
      ZhiPdfAttachment *att;

      if (c->path == NULL) /* no qpdf: a missing file stands in, still a placeholder */
        {
          c->path = "/nonexistent/encrypted.pdf";
          c->problem = ZHI_PDF_ATTACH_PROBLEM_UNREADABLE;
          c->reason_part = "无法读取";
        }
      if (c->number == 13)
        att = zhi_pdf_attachment_new_for_bytes_func (c->number, title, base, c->media_type, sha,
                                                     bytes_from_file, g_strdup (c->path), g_free);
      else if (c->number == 14)
        att = zhi_pdf_attachment_new_for_stream_func (c->number, title, base, c->media_type, sha,
                                                      stream_from_file, g_strdup (c->path), g_free);
      else if (c->number == 15)
        att = zhi_pdf_attachment_new_for_bytes_func (c->number, title, base, c->media_type, sha,
                                                     bytes_fail, NULL, NULL);
      else
        att = zhi_pdf_attachment_new_for_path (c->number, title, base, c->media_type, sha, c->path);
      zhi_pdf_doc_add_attachment (doc, att);
    }
  g_assert_true (zhi_pdf_doc_write_to_file (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* problems reported back, in order */
  warnings = zhi_pdf_doc_get_warnings (doc);
  k = 0;
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ZhiPdfAttachWarning *w;

      if (cases[i].problem == ZHI_PDF_ATTACH_PROBLEM_NONE)
        continue;
      g_assert_cmpuint (k, <, warnings->len);
      w = g_ptr_array_index (warnings, k++);
      g_assert_cmpuint (w->number, ==, cases[i].number);
      g_assert_cmpint (w->problem, ==, cases[i].problem);
      g_assert_nonnull (w->file_name);
      g_assert_nonnull (w->reason);
    }
  g_assert_cmpuint (k, ==, warnings->len);

  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int)zhi_pdf_doc_get_n_pages (doc));

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Case *c = &cases[i];
      g_autofree char *dest = g_strdup_printf ("att-%u", c->number);
      int first = zhi_pdf_doc_get_dest_page (doc, dest);
      PopplerDest *found = poppler_document_find_dest (pdf, dest);

      g_assert_cmpint (first, >=, 0);
      g_assert_nonnull (found);
      g_assert_cmpint (found->page_num - 1, ==, first);
      poppler_dest_free (found);
      for (k = 0; k < c->pages; k++)
        {
          g_autofree char *text = page_text (pdf, first + (int)k);
          g_autofree char *stamp
              = g_strdup_printf ("附件%u第%u页/共%u页", c->number, k + 1, c->pages);

          if (strstr (text, stamp) == NULL)
            g_error ("page %d lacks %s: %s", first + k + 1, stamp, text);
          g_assert_nonnull (strstr (text, "FP-ATTACH"));
          if (c->problem == ZHI_PDF_ATTACH_PROBLEM_NONE && c->pages == 3)
            {
              g_autofree char *own = g_strdup_printf ("证明材料第%u页", k + 1);

              g_assert_nonnull (strstr (text, own));
              g_assert_nonnull (strstr (text, "不良品率"));
            }
          if (c->problem != ZHI_PDF_ATTACH_PROBLEM_NONE)
            {
              g_autofree char *sha = zhi_test_sha256_file (c->path);
              g_autofree char *base = g_path_get_basename (c->path);

              g_assert_nonnull (strstr (text, "无法嵌入"));
              g_assert_nonnull (strstr (text, base));
              if (*sha)
                g_assert_nonnull (strstr (text, sha));
              if (strstr (text, c->reason_part) == NULL)
                g_error ("placeholder %u lacks %s: %s", c->number, c->reason_part, text);
            }
        }
      /* the next attachment starts right after */
      if (i + 1 < G_N_ELEMENTS (cases))
        {
          g_autofree char *next = g_strdup_printf ("att-%u", cases[i + 1].number);
          g_assert_cmpint (zhi_pdf_doc_get_dest_page (doc, next), ==, first + (int)c->pages);
        }
    }

  /* outline: every attachment under 附件 */
  iter = poppler_index_iter_new (pdf);
  g_assert_nonnull (iter);
  child = poppler_index_iter_get_child (iter);
  g_assert_nonnull (child);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (child);
      g_autofree char *expected = g_strdup_printf ("附件%u：证明材料%u", cases[n_outline].number,
                                                   cases[n_outline].number);

      g_assert_cmpstr (action->any.title, ==, expected);
      poppler_action_free (action);
      n_outline++;
    }
  while (poppler_index_iter_next (child));
  poppler_index_iter_free (child);
  poppler_index_iter_free (iter);
  g_assert_cmpuint (n_outline, ==, G_N_ELEMENTS (cases));

  /* JPEGs are passed through: the 10000 × 10000 one is written as DCT data
   * at its full size, and the file stays small */
  g_assert_true (g_file_get_contents (path, &raw, &raw_len, NULL));
  g_assert_nonnull (memmem (raw, raw_len, "/Width 10000", 12));
  g_assert_nonnull (memmem (raw, raw_len, "/DCTDecode", 10));
  g_assert_cmpuint (raw_len, <, 4 * 1024 * 1024);
  g_test_message ("15 attachments, %d pages, %" G_GSIZE_FORMAT " bytes",
                  poppler_document_get_n_pages (pdf), raw_len);

  g_object_unref (pdf);
  if (!zhi_test_qpdf_check (path, &skipped, &qpdf_out))
    g_error ("qpdf --check: %s", qpdf_out);
  if (skipped)
    g_test_message ("qpdf not installed: structure check skipped");
}

static double
embed_pages (guint n_pages, guint *pages_out)
{
  g_autofree char *src = g_strdup_printf ("%s/text-%u.pdf", tmpdir, n_pages);
  g_autofree char *out = g_strdup_printf ("%s/out-%u.pdf", tmpdir, n_pages);
  g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
  g_autoptr (GError) error = NULL;
  gint64 t0;

  g_assert_true (zhi_test_pdfs_write_text_pdf (src, n_pages, &error));
  zhi_pdf_doc_add_heading (doc, 1, "附件", TRUE);
  zhi_pdf_doc_add_attachment (
      doc, zhi_pdf_attachment_new_for_path (1, "长文档", "long.pdf", "application/pdf", "", src));
  t0 = g_get_monotonic_time ();
  g_assert_true (zhi_pdf_doc_write_to_file (doc, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  *pages_out = zhi_pdf_doc_get_n_pages (doc);
  g_unlink (src);
  g_unlink (out);
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* Memory must not grow with the page count: the peak after 400 pages is
 * close to the peak after 100. */
static void
test_throughput_and_memory (void)
{
  guint pages_small, pages_big;
  double secs_small, secs_big;
  glong rss_small, rss_big;

  secs_small = embed_pages (100, &pages_small);
  rss_small = zhi_test_peak_rss_kb ();
  secs_big = embed_pages (400, &pages_big);
  rss_big = zhi_test_peak_rss_kb ();
  g_test_message ("attachment pages: %u in %.2f s (%.0f pages/s); %u in %.2f s (%.0f pages/s)",
                  pages_small, secs_small, pages_small / secs_small, pages_big, secs_big,
                  pages_big / secs_big);
  g_test_message ("peak RSS after 100 pages: %ld KB, after 400 pages: %ld KB", rss_small, rss_big);
  g_assert_cmpuint (pages_big, ==, 401);
#if defined(__SANITIZE_ADDRESS__)
  g_test_message ("AddressSanitizer quarantines freed memory: growth not checked");
#else
  g_assert_cmpint (rss_big - rss_small, <, 48 * 1024);
#endif
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = zhi_test_tmp_dir_make ("zhi-pdf-attach-XXXXXX");
  samples = zhi_test_pdfs_generate (tmpdir, &error);
  g_assert_no_error (error);

  g_test_add_func ("/pdf-attach/jpeg-size-from-sof", test_jpeg_info);
  g_test_add_func ("/pdf-attach/jpeg-fill-bytes-embedded-as-jpeg", test_jpeg_fill_bytes);
  g_test_add_func ("/pdf-attach/every-kind-embedded-or-placeholder", test_all_kinds);
  g_test_add_func ("/pdf-attach/throughput-and-flat-memory", test_throughput_and_memory);
  status = g_test_run ();

  zhi_test_pdfs_free (samples);
  zhi_test_tmp_dir_remove ();
  return status;
}
