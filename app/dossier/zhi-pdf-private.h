/* zhi-pdf-private.h — page geometry and fonts shared inside app/dossier */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

#define ZHI_PDF_MM (72.0 / 25.4)
#define ZHI_PDF_PAGE_WIDTH (210.0 * ZHI_PDF_MM)
#define ZHI_PDF_PAGE_HEIGHT (297.0 * ZHI_PDF_MM)
#define ZHI_PDF_MARGIN_TOP (37.0 * ZHI_PDF_MM)
#define ZHI_PDF_MARGIN_LEFT (28.0 * ZHI_PDF_MM)
#define ZHI_PDF_BLOCK_WIDTH (156.0 * ZHI_PDF_MM)
#define ZHI_PDF_BLOCK_HEIGHT (225.0 * ZHI_PDF_MM)

/* The body and heading faces.  A character they lack falls back through
 * fontconfig (an emoji in a file name to Noto Color Emoji, which
 * build-aux/deps.sh installs), never to a hex box. */
#define ZHI_PDF_SERIF "Noto Serif CJK SC"
#define ZHI_PDF_SANS "Noto Sans CJK SC"
/* Level-2 headings: a 楷体-style face after GB/T 9704 (Debian's fonts-lxgw-wenkai),
 * the serif face where it is missing. */
#define ZHI_PDF_KAI "LXGW WenKai, Noto Serif CJK SC"

/* A layout in points (the context's resolution is 72 dpi), wrapped at
 * @width points (≤ 0: no wrapping), breaking anywhere between CJK
 * characters and at words for Latin text.  A word too long for the line
 * (a SHA-256 value, a long file name) breaks between characters with no
 * hyphen inserted: a reviewer copying a hash must copy the hash. */
static inline PangoLayout *
zhi_pdf_layout_new (PangoContext *context,
                    const char *family,
                    PangoWeight weight,
                    double size,
                    const char *text,
                    double width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();
  PangoAttrList *attrs;

  pango_font_description_set_family (desc, family);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

G_END_DECLS
