/* test-pdf-map.c — evidence and cairo's output read by qpdf from read-only mappings
 * (zhi-pdf-map.h): the same objects as from the file, their pages let go of and read again, the
 * mappings' pages let go of while the output is written, and a file that is not ours never
 * mapped. */
#include "zhi-pdf-compact.h"
#include "zhi-pdf-map.h"
#include "zhi-pdf-output.h"
#include "zhi-pdf-qpdf.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* kB of this process's memory resident in mappings of @path (from /proc/self/smaps); *@mapped:
 * whether any mapping of it exists */
static guint64
mapping_rss_kb (const char *path, gboolean *mapped)
{
  FILE *smaps = fopen ("/proc/self/smaps", "re");
  char line[4096];
  gboolean in_file = FALSE;
  guint64 total = 0;

  g_assert_nonnull (smaps);
  if (mapped != NULL)
    *mapped = FALSE;
  while (fgets (line, sizeof line, smaps) != NULL)
    {
      unsigned long kb;
      char *dash = strchr (line, '-'), *space = strchr (line, ' ');

      if (g_ascii_isxdigit (line[0]) && dash != NULL && space != NULL && dash < space)
        {
          in_file = g_str_has_suffix (g_strchomp (line), path);
          if (in_file && mapped != NULL)
            *mapped = TRUE;
        }
      else if (in_file && sscanf (line, "Rss: %lu kB", &kb) == 1)
        total += kb;
    }
  fclose (smaps);
  return total;
}

/* A PDF of @n_pages pages drawn by cairo, "PAGE k" on each, and on each page @noise_kb kB of an
 * image that does not compress (so the file is large enough to be seen in memory). */
static char *
make_pdf (const char *dir, const char *name, int n_pages, int noise_kb)
{
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (11);

  for (int k = 1; k <= n_pages; k++)
    {
      g_autofree char *text = g_strdup_printf ("PAGE %d", k);

      if (noise_kb > 0)
        {
          int side = 1;
          cairo_surface_t *image;
          guint32 *data;

          while (side * side * 4 < noise_kb * 1024)
            side++;
          image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
          data = (guint32 *)cairo_image_surface_get_data (image);
          for (int i = 0; i < side * side; i++)
            data[i] = g_rand_int (rand) & 0xffffff;
          cairo_surface_mark_dirty (image);
          cairo_set_source_surface (cr, image, 100, 300);
          cairo_paint (cr);
          cairo_surface_destroy (image);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 24);
      cairo_move_to (cr, 72, 100);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  return path;
}

static GBytes *
page_content (qpdf_data q, int index)
{
  unsigned char *buf = NULL;
  size_t len = 0;
  GBytes *bytes;

  g_assert_cmpint (
      qpdf_oh_get_page_content_data (q, qpdf_get_page_n (q, (size_t)index), &buf, &len), ==,
      QPDF_SUCCESS);
  bytes = g_bytes_new (buf, len);
  free (buf);
  return bytes;
}

static void
test_read_drop_and_read_again (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-map-XXXXXX", NULL);
  g_autofree char *path = make_pdf (dir, "evidence.pdf", 5, 200);
  qpdf_data from_file = zhi_qpdf_new (FALSE), mapped = zhi_qpdf_new (FALSE);
  ZhiPdfMap *map = NULL;
  g_autoptr (GBytes) expected = NULL, first = NULL, again = NULL;
  gboolean is_mapped;

  g_assert_cmpint (qpdf_read (from_file, path, NULL) & QPDF_ERRORS, ==, 0);
  g_assert_cmpint (zhi_pdf_map_read (mapped, path, &map) & QPDF_ERRORS, ==, 0);
  g_assert_nonnull (map);
  g_assert_cmpint (qpdf_get_num_pages (mapped), ==, 5);
  expected = page_content (from_file, 2);
  first = page_content (mapped, 2);
  g_assert_true (g_bytes_equal (expected, first));
  /* what qpdf read is this process's memory until let go of */
  g_assert_cmpuint (mapping_rss_kb (path, &is_mapped), >, 0);
  g_assert_true (is_mapped);
  zhi_pdf_map_drop_pages (map);
  g_assert_cmpuint (mapping_rss_kb (path, NULL), ==, 0);
  /* and comes back from the file when read again */
  again = page_content (mapped, 2);
  g_assert_true (g_bytes_equal (expected, again));
  g_assert_cmpuint (mapping_rss_kb (path, NULL), >, 0);
  /* a second document of the same mapping */
  {
    qpdf_data second = zhi_qpdf_new (FALSE);
    g_autoptr (GBytes) last = NULL;

    g_assert_cmpint (zhi_pdf_map_read_again (second, map) & QPDF_ERRORS, ==, 0);
    last = page_content (second, 4);
    g_assert_true (g_bytes_equal (last, page_content (from_file, 4)));
    qpdf_cleanup (&second);
  }
  qpdf_cleanup (&mapped);
  qpdf_cleanup (&from_file);
  zhi_pdf_map_free (map);
  mapping_rss_kb (path, &is_mapped);
  g_assert_false (is_mapped);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_empty_file_is_read_as_a_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.pdf", NULL);
  qpdf_data q = zhi_qpdf_new (FALSE);
  ZhiPdfMap *map = GINT_TO_POINTER (1);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  /* nothing to map: qpdf reads the file, and says what is wrong with it */
  g_assert_cmpint (zhi_pdf_map_read (q, path, &map) & QPDF_ERRORS, !=, 0);
  g_assert_null (map);
  g_assert_nonnull (qpdf_get_error (q));
  qpdf_cleanup (&q);
  g_unlink (path);
  g_rmdir (dir);
}

/* A file of ours (a copy the render made) is read from a mapping, and what inspecting it read is
 * let go of; any other file (the caller's own, which may change) is read as a file. */
static void
test_read_pages_maps_only_ours (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-map-XXXXXX", NULL);
  g_autofree char *path = make_pdf (dir, "evidence.pdf", 3, 100);
  ZhiPdfPages pages;
  g_autoptr (GError) error = NULL;
  gboolean is_mapped;

  g_assert_true (zhi_pdf_read_pages_full (path, TRUE, TRUE, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages.n_pages, ==, 3);
  g_assert_nonnull (pages.source);
  g_assert_cmpuint (mapping_rss_kb (path, &is_mapped), ==, 0);
  g_assert_true (is_mapped);
  zhi_pdf_pages_clear (&pages);
  mapping_rss_kb (path, &is_mapped);
  g_assert_false (is_mapped);

  g_assert_true (zhi_pdf_read_pages_full (path, TRUE, FALSE, &pages, &error));
  g_assert_cmpuint (pages.n_pages, ==, 3);
  mapping_rss_kb (path, &is_mapped);
  g_assert_false (is_mapped);
  zhi_pdf_pages_clear (&pages);

  /* without keeping the source, nothing stays mapped */
  g_assert_true (zhi_pdf_read_pages_full (path, FALSE, TRUE, &pages, &error));
  mapping_rss_kb (path, &is_mapped);
  g_assert_false (is_mapped);
  zhi_pdf_pages_clear (&pages);
  g_unlink (path);
  g_rmdir (dir);
}

/* Pages copied from a mapped file are written from it after its document is freed; the write
 * lets go of what it read, and the output carries the original's bytes. */
static void
test_write_lets_go_of_what_it_read (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhi-map-XXXXXX", NULL);
  g_autofree char *path = make_pdf (dir, "evidence.pdf", 4, 4096);
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr (GPtrArray) maps = g_ptr_array_new_with_free_func (zhi_pdf_map_free_func);
  g_autoptr (GError) error = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  GBytes *originals[4];
  qpdf_data ev = zhi_qpdf_new (FALSE), q = zhi_qpdf_new (FALSE), check = zhi_qpdf_new (FALSE);
  ZhiPdfMap *map = NULL;

  g_assert_cmpint (zhi_pdf_map_read (ev, path, &map) & QPDF_ERRORS, ==, 0);
  g_assert_nonnull (map);
  g_ptr_array_add (maps, map);
  g_assert_cmpint (qpdf_empty_pdf (q) & QPDF_ERRORS, ==, 0);
  for (int i = 0; i < 4; i++)
    {
      qpdf_oh page = qpdf_get_page_n (ev, (size_t)i);

      originals[i] = page_content (ev, i);
      g_assert_cmpint (qpdf_add_page (q, ev, page, QPDF_FALSE) & QPDF_ERRORS, ==, 0);
    }
  /* the copies hold what they need of the source's input, not its document */
  qpdf_cleanup (&ev);
  zhi_pdf_map_drop_pages (map);
  g_assert_true (zhi_pdf_output_write (q, out, FALSE, maps, &digest, &error));
  g_assert_no_error (error);
  /* 12 MB of images read through the mapping while writing: none of it still resident */
  g_assert_cmpuint (mapping_rss_kb (path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 12 * 1000 * 1000);
  g_assert_cmpint (qpdf_read (check, out, NULL) & QPDF_ERRORS, ==, 0);
  g_assert_cmpint (qpdf_get_num_pages (check), ==, 4);
  for (int i = 0; i < 4; i++)
    {
      g_autoptr (GBytes) copied = page_content (check, i);

      g_assert_true (g_bytes_equal (copied, originals[i]));
      g_bytes_unref (originals[i]);
    }
  qpdf_cleanup (&check);
  qpdf_cleanup (&q);
  g_clear_pointer (&maps, g_ptr_array_unref);
  g_unlink (out);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-map/read-drop-and-read-again", test_read_drop_and_read_again);
  g_test_add_func ("/pdf-map/empty-file-read-as-a-file", test_empty_file_is_read_as_a_file);
  g_test_add_func ("/pdf-map/read-pages-maps-only-ours", test_read_pages_maps_only_ours);
  g_test_add_func ("/pdf-map/write-lets-go-of-what-it-read", test_write_lets_go_of_what_it_read);
  return g_test_run ();
}
