/* zhi-pdf-render.h — drawing one page of a PDF for the screen (dossier preview, evidence
 * thumbnails and pages, the review window): on white, in cairo's ARGB32, which is
 * GDK_MEMORY_DEFAULT
 */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

/* The pixels of @page drawn at @scale into a white @width × @height image; *stride is the
 * bytes a row.  Safe in a worker thread (one page at a time per document). */
GBytes *zhi_pdf_render_page (PopplerPage *page, double scale, int width, int height, gsize *stride);
/* The same as a texture, for the main thread. */
GdkTexture *zhi_pdf_render_texture (PopplerPage *page, double scale, int width, int height);

G_END_DECLS
