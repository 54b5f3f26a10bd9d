/* zhi-pdf-render.c — see zhi-pdf-render.h */
#include "config.h"

#include "zhi-pdf-render.h"

GBytes *
zhi_pdf_render_page (PopplerPage *page, double scale, int width, int height, gsize *stride)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;

  g_return_val_if_fail (POPPLER_IS_PAGE (page), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (stride != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  *stride = (gsize)cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), *stride * (gsize)height);
  cairo_surface_destroy (surface);
  return bytes;
}

GdkTexture *
zhi_pdf_render_texture (PopplerPage *page, double scale, int width, int height)
{
  gsize stride = 0;
  g_autoptr (GBytes) bytes = zhi_pdf_render_page (page, scale, width, height, &stride);

  if (bytes == NULL)
    return NULL;
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}
