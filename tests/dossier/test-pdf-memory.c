/* test-pdf-memory.c — zhi_pdf_release_memory(): the font files' pages leave this process's
 * memory once the body is drawn, and text drawn afterwards is the same as before. */
#include "zhi-pdf-memory.h"

#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

/* The resident kB of this process's mappings of font files, from /proc/self/smaps. */
static guint64
font_rss_kb (void)
{
  FILE *smaps = fopen ("/proc/self/smaps", "re");
  char line[4096];
  gboolean in_font = FALSE;
  guint64 total = 0;

  g_assert_nonnull (smaps);
  while (fgets (line, sizeof line, smaps) != NULL)
    {
      unsigned long kb;

      if (g_ascii_isxdigit (line[0]) && strchr (line, '-') != NULL && strchr (line, ' ') != NULL
          && strchr (line, '-') < strchr (line, ' '))
        {
          g_autofree char *lower = g_ascii_strdown (g_strstrip (line), -1);

          in_font = g_str_has_suffix (lower, ".ttc") || g_str_has_suffix (lower, ".otf")
                    || g_str_has_suffix (lower, ".ttf") || g_str_has_suffix (lower, ".otc");
        }
      else if (in_font && sscanf (line, "Rss: %lu kB", &kb) == 1)
        total += kb;
    }
  fclose (smaps);
  return total;
}

/* 承诺书 text in the dossier's body font, drawn into an image; returns its pixels. */
static GBytes *
draw_text (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 600, 120);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Serif CJK SC 24");
  GBytes *pixels;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "本企业承诺申报材料真实有效，数字化车间", -1);
  cairo_move_to (cr, 10, 10);
  pango_cairo_show_layout (cr, layout);
  cairo_surface_flush (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize)cairo_image_surface_get_stride (surface) * 120);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pixels;
}

static void
test_fonts_released (void)
{
  g_autoptr (GBytes) before = draw_text ();
  g_autoptr (GBytes) after = NULL;
  guint64 mapped = font_rss_kb (), dropped;

  /* drawing read the font file */
  g_assert_cmpuint (mapped, >, 0);
  dropped = zhi_pdf_release_memory ();
  g_assert_cmpuint (dropped, >, 0);
  g_assert_cmpuint (font_rss_kb (), ==, 0);
  /* the same text, the same pixels: the pages come back from the file */
  after = draw_text ();
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (font_rss_kb (), >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-memory/fonts-released", test_fonts_released);
  return g_test_run ();
}
