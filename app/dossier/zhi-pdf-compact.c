/* zhi-pdf-compact.c — rewrite a PDF with object streams through libqpdf's C API */
#include "zhi-pdf-compact.h"
#include "zhi-pdf-output.h"

#include "zhi-dossier-data.h"
#include "zhi-pdf-finish.h"
#include "zhi-pdf-links.h"
#include "zhi-pdf-map.h"
#include "zhi-pdf-qpdf.h"
#include "zhi-sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

GQuark
zhi_pdf_compact_error_quark (void)
{
  return g_quark_from_static_string ("zhi-pdf-compact-error-quark");
}

void
zhi_pdf_compact_set_error (GError **error,
                           gpointer qpdf_,
                           ZhiPdfCompactError code,
                           const char *fallback)
{
  qpdf_data qpdf = qpdf_;
  qpdf_error e = qpdf_has_error (qpdf) ? qpdf_get_error (qpdf) : NULL;
  const char *text = e ? qpdf_get_error_full_text (qpdf, e) : NULL;

  g_set_error (error, ZHI_PDF_COMPACT_ERROR, code, "qpdf: %s", text && *text ? text : fallback);
}

/* TRUE, with @error set to "@what: the warning", when qpdf has a warning for @q: the
 * assembly treats one as a failure (an object that no longer reads would be copied as null). */
static gboolean
take_warning (qpdf_data q, int code, const char *what, GError **error)
{
  qpdf_error w;

  if (!qpdf_more_warnings (q))
    return FALSE;
  w = qpdf_next_warning (q);
  g_set_error (error, ZHI_PDF_COMPACT_ERROR, code, "%s: %s", what,
               w ? qpdf_get_error_full_text (q, w) : "qpdf warned");
  return TRUE;
}

/* @error, about the copy of @u's page, says which page of which attachment it was: "附件N 第k页"
 * first, and the evidence file's own name where qpdf named the render's copy of it. */
static void
name_the_page (GError **error, const ZhiPdfUnderlay *u)
{
  g_autofree char *page = NULL;
  g_autofree char *text = NULL;

  if (error == NULL || *error == NULL || u->label == NULL)
    return;
  page = g_strndup (u->label, strcspn (u->label, "/"));
  text = g_strdup ((*error)->message);
  if (u->name != NULL && u->path != NULL && *u->path)
    {
      g_auto (GStrv) parts = g_strsplit (text, u->path, -1);

      g_free (text);
      text = g_strjoinv (u->name, parts);
    }
  g_free ((*error)->message);
  (*error)->message = g_strdup_printf ("%s: %s", page, text);
}

gboolean
zhi_pdf_compact (const char *in_path, const char *out_path, GError **error)
{
  return zhi_pdf_compact_finish (in_path, out_path, NULL, error);
}

gboolean
zhi_pdf_compact_finish (const char *in_path,
                        const char *out_path,
                        const ZhiPdfFinish *finish,
                        GError **error)
{
  qpdf_data qpdf;
  g_autofree char *digest = NULL;
  ZhiPdfMap *body = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (in_path, out_path) != 0, FALSE);

  /* the input is our own cairo output: a file that needs recovery is a bug, not a dossier */
  qpdf = zhi_qpdf_new (FALSE);

  /* from a mapping: qpdf reads every object of the body before its first new one, and from a
   * file each with a seek and a read */
  if (zhi_pdf_map_read (qpdf, in_path, &body) & QPDF_ERRORS)
    {
      zhi_pdf_compact_set_error (error, qpdf, ZHI_PDF_COMPACT_ERROR_READ,
                                 "the PDF could not be read");
      goto out;
    }
  if (finish && !zhi_pdf_finish_apply (qpdf, finish, error))
    goto out;
  /* last: the page hashes see every page as it will be written */
  if (finish && finish->data && !zhi_dossier_data_embed (qpdf, finish->data, error))
    goto out;
  /* cairo's objects alone, a sixth smaller in object streams, at little cost (zhi_pdf_assemble()
   * decides by its evidence) */
  if (!zhi_pdf_output_write (qpdf, out_path, TRUE, NULL, &digest, error)
      || !zhi_pdf_output_set_id (out_path, digest, error))
    goto out;
  ok = TRUE;

out:
  /* before the mapping it reads from */
  qpdf_cleanup (&qpdf);
  zhi_pdf_map_free (body);
  return ok;
}

/* An array of @n numbers as one indirect object, the same for every frame or form that holds
 * the same numbers (@shared: their text → object id).  A thousand A4 frames share one /MediaBox,
 * their forms one /BBox and one /Matrix: as direct arrays, qpdf kept 14 number objects a page in
 * memory until the output was written (7 MB at 1,000 pages). */
static qpdf_oh
shared_numbers (qpdf_data q, GHashTable *shared, const double *v, guint n)
{
  g_autoptr (GString) key = g_string_new (NULL);
  gpointer id;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (key, "%s%.4f", i > 0 ? " " : "", v[i]);
  id = g_hash_table_lookup (shared, key->str);
  if (id == NULL)
    {
      qpdf_oh array = qpdf_make_indirect_object (q, zhi_qpdf_new_numbers (q, v, n));

      id = GINT_TO_POINTER (qpdf_oh_get_object_id (q, array));
      g_hash_table_insert (shared, g_strdup (key->str), id);
    }
  return qpdf_get_object_by_id (q, GPOINTER_TO_INT (id), 0);
}

/* The box qpdf and viewers show of @page (TrimBox, else CropBox, else MediaBox), normalised. */
static gboolean
shown_box (qpdf_data q, qpdf_oh page, double box[4])
{
  static const char *const keys[] = { "/TrimBox", "/CropBox", "/MediaBox" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      qpdf_oh a = qpdf_oh_get_key (q, page, keys[k]);
      double v[4];
      gboolean ok = qpdf_oh_is_array (q, a) && qpdf_oh_get_array_n_items (q, a) == 4;

      for (int i = 0; ok && i < 4; i++)
        {
          qpdf_oh item = qpdf_oh_get_array_item (q, a, i);

          ok = qpdf_oh_is_number (q, item);
          v[i] = ok ? qpdf_oh_get_numeric_value (q, item) : 0;
        }
      if (ok && fabs (v[2] - v[0]) >= 1 && fabs (v[3] - v[1]) >= 1)
        {
          box[0] = MIN (v[0], v[2]);
          box[1] = MIN (v[1], v[3]);
          box[2] = MAX (v[0], v[2]);
          box[3] = MAX (v[1], v[3]);
          return TRUE;
        }
    }
  return FALSE;
}

/* A form XObject in @q drawing the evidence page @src of @ev upright at the origin of a page of
 * its displayed size: its box moved to (0, 0) and its /Rotate applied.  Its content, resources
 * and group are copied from @ev (fonts and images once per file: qpdf remembers what it copied
 * from @ev); a single content stream becomes the form itself (its bytes unchanged), several
 * are joined.  @m: the form's matrix, from the page's space to the frame's.  Returns 0 on
 * failure. */
static qpdf_oh
make_form (qpdf_data q,
           qpdf_data ev,
           qpdf_oh src,
           GHashTable *used_streams,
           GHashTable *shared,
           double m[6])
{
  qpdf_oh contents = qpdf_oh_get_key (ev, src, "/Contents");
  qpdf_oh rotate = qpdf_oh_get_key (ev, src, "/Rotate");
  int turns = qpdf_oh_is_integer (ev, rotate) ? qpdf_oh_get_int_value_as_int (ev, rotate) : 0;
  gboolean whole = qpdf_oh_is_stream (ev, contents) && qpdf_oh_is_indirect (ev, contents)
                   && !g_hash_table_contains (
                       used_streams, GINT_TO_POINTER (qpdf_oh_get_object_id (ev, contents)));
  double box[4], w, h, x0, y0;
  qpdf_oh form, dict, resources, group;

  if (!shown_box (ev, src, box))
    return 0;
  x0 = box[0], y0 = box[1], w = box[2] - box[0], h = box[3] - box[1];
  resources = zhi_qpdf_copy_value (q, ev, qpdf_oh_get_key (ev, src, "/Resources"), 0);
  group = zhi_qpdf_copy_value (q, ev, qpdf_oh_get_key (ev, src, "/Group"), 0);
  if (qpdf_has_error (q))
    return 0;
  if (whole)
    {
      form = qpdf_oh_copy_foreign_object (q, ev, contents);
      g_hash_table_add (used_streams, GINT_TO_POINTER (qpdf_oh_get_object_id (ev, contents)));
    }
  else
    {
      unsigned char *buf = NULL;
      size_t len = 0;

      /* an array of streams (or one shared with another page): one new stream */
      if (qpdf_oh_get_page_content_data (ev, src, &buf, &len) & QPDF_ERRORS)
        return 0;
      form = qpdf_oh_new_stream (q);
      qpdf_oh_replace_stream_data (q, form, buf, len, qpdf_oh_new_null (q), qpdf_oh_new_null (q));
      free (buf);
    }
  dict = qpdf_oh_get_dict (q, form);
  qpdf_oh_replace_key (q, dict, "/Type", qpdf_oh_new_name (q, "/XObject"));
  qpdf_oh_replace_key (q, dict, "/Subtype", qpdf_oh_new_name (q, "/Form"));
  qpdf_oh_replace_key (q, dict, "/FormType", qpdf_oh_new_integer (q, 1));
  qpdf_oh_replace_key (q, dict, "/BBox", shared_numbers (q, shared, box, 4));
  qpdf_oh_replace_key (q, dict, "/Resources",
                       qpdf_oh_is_dictionary (q, resources) ? resources
                                                            : qpdf_oh_new_dictionary (q));
  if (qpdf_oh_is_dictionary (q, group))
    qpdf_oh_replace_key (q, dict, "/Group", group);
  /* from the page's space to the frame's: (u, v) = (x − x0, y − y0) turned clockwise */
  switch (((turns % 360) + 360) % 360)
    {
      case 90:
        m[0] = 0, m[1] = -1, m[2] = 1, m[3] = 0, m[4] = -y0, m[5] = w + x0;
        break;
      case 180:
        m[0] = -1, m[1] = 0, m[2] = 0, m[3] = -1, m[4] = w + x0, m[5] = h + y0;
        break;
      case 270:
        m[0] = 0, m[1] = 1, m[2] = -1, m[3] = 0, m[4] = h + y0, m[5] = -x0;
        break;
      default:
        m[0] = 1, m[1] = 0, m[2] = 0, m[3] = 1, m[4] = -x0, m[5] = -y0;
        break;
    }
  qpdf_oh_replace_key (q, dict, "/Matrix", shared_numbers (q, shared, m, 6));
  return form;
}

/* ---- the labels' glyphs, from the template page ------------------------------------------- */

/* A character of the labels: which font of the template shows it, with which code. */
typedef struct
{
  guint font; /* index into the template's fonts: /ZhiF<font> on the frames */
  guint8 code[4];
  guint code_len;
  double width; /* in thousandths of the text size */
} Glyph;

static int
hex_value (guint8 c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* The bytes of a <hex> token starting at @d[*i]; FALSE when malformed or longer than @max. */
static gboolean
read_hex (const guint8 *d, gsize n, gsize *i, guint8 *out, guint max, guint *len)
{
  int hi = -1;

  *len = 0;
  for ((*i)++; *i < n && d[*i] != '>'; (*i)++)
    {
      int v = hex_value (d[*i]);

      if (v < 0)
        {
          if (g_ascii_isspace (d[*i]))
            continue;
          return FALSE;
        }
      if (hi < 0)
        hi = v;
      else
        {
          if (*len >= max)
            return FALSE;
          out[(*len)++] = (guint8)(hi << 4 | v);
          hi = -1;
        }
    }
  if (*i < n)
    (*i)++;
  return hi < 0;
}

/* One code point from UTF-16BE, or 0 when it is not exactly one. */
static gunichar
utf16be_char (const guint8 *u, guint len)
{
  guint hi, lo;

  if (len == 2)
    {
      hi = (guint)u[0] << 8 | u[1];
      return hi >= 0xD800 && hi < 0xE000 ? 0 : hi;
    }
  if (len == 4)
    {
      hi = (guint)u[0] << 8 | u[1];
      lo = (guint)u[2] << 8 | u[3];
      if (hi >= 0xD800 && hi < 0xDC00 && lo >= 0xDC00 && lo < 0xE000)
        return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    }
  return 0;
}

static guint
code_value (const guint8 *code, guint len)
{
  guint v = 0;

  for (guint k = 0; k < len; k++)
    v = v << 8 | code[k];
  return v;
}

static void
code_set (guint v, guint len, guint8 *code)
{
  for (guint k = 0; k < len; k++)
    code[len - 1 - k] = (guint8)(v >> (8 * k));
}

/* The advance of @code in @font (thousandths of the text size); -1 when unknown. */
static double
font_width (qpdf_data q, qpdf_oh font, guint code)
{
  qpdf_oh subtype = qpdf_oh_get_key (q, font, "/Subtype");

  if (qpdf_oh_is_name_and_equals (q, subtype, "/Type0"))
    {
      qpdf_oh descendants = qpdf_oh_get_key (q, font, "/DescendantFonts");
      qpdf_oh cid = qpdf_oh_get_array_item (q, descendants, 0);
      qpdf_oh w = qpdf_oh_get_key (q, cid, "/W");
      qpdf_oh dw = qpdf_oh_get_key (q, cid, "/DW");
      int n = qpdf_oh_is_array (q, w) ? qpdf_oh_get_array_n_items (q, w) : 0;

      /* Identity-H: the code is the CID */
      if (!qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, font, "/Encoding"), "/Identity-H"))
        return -1;
      for (int i = 0; i + 1 < n;)
        {
          qpdf_oh first = qpdf_oh_get_array_item (q, w, i);
          qpdf_oh next = qpdf_oh_get_array_item (q, w, i + 1);
          guint c0 = (guint)qpdf_oh_get_int_value_as_int (q, first);

          if (qpdf_oh_is_array (q, next))
            {
              guint k = (guint)qpdf_oh_get_array_n_items (q, next);

              if (code >= c0 && code < c0 + k)
                return qpdf_oh_get_numeric_value (
                    q, qpdf_oh_get_array_item (q, next, (int)(code - c0)));
              i += 2;
            }
          else if (i + 2 < n)
            {
              guint c1 = (guint)qpdf_oh_get_int_value_as_int (q, next);

              if (code >= c0 && code <= c1)
                return qpdf_oh_get_numeric_value (q, qpdf_oh_get_array_item (q, w, i + 2));
              i += 3;
            }
          else
            break;
        }
      return qpdf_oh_is_number (q, dw) ? qpdf_oh_get_numeric_value (q, dw) : 1000;
    }
  if (qpdf_oh_is_name_and_equals (q, subtype, "/Type1")
      || qpdf_oh_is_name_and_equals (q, subtype, "/TrueType"))
    {
      qpdf_oh widths = qpdf_oh_get_key (q, font, "/Widths");
      int first = qpdf_oh_get_int_value_as_int (q, qpdf_oh_get_key (q, font, "/FirstChar"));
      int n = qpdf_oh_is_array (q, widths) ? qpdf_oh_get_array_n_items (q, widths) : 0;

      if ((int)code >= first && (int)code - first < n)
        return qpdf_oh_get_numeric_value (q, qpdf_oh_get_array_item (q, widths, (int)code - first));
    }
  /* Type 3 (bitmap fonts) and the rest: not used for labels */
  return -1;
}

/* Character @c shown by code @v (@len bytes) of font number @index: into @glyphs when @needed
 * and not known yet. */
static void
add_glyph (qpdf_data q,
           qpdf_oh font,
           guint index,
           guint v,
           guint len,
           gunichar c,
           GHashTable *needed,
           GHashTable *glyphs)
{
  double width;
  Glyph *g;

  if (!g_hash_table_contains (needed, GUINT_TO_POINTER (c))
      || g_hash_table_contains (glyphs, GUINT_TO_POINTER (c))
      || (width = font_width (q, font, v)) < 0)
    return;
  g = g_new0 (Glyph, 1);
  g->font = index;
  code_set (v, len, g->code);
  g->code_len = len;
  g->width = width;
  g_hash_table_insert (glyphs, GUINT_TO_POINTER (c), g);
}

/* Adds to @glyphs (gunichar → Glyph) the characters of @needed that font number @index of the
 * template shows, read from its /ToUnicode; a character already known keeps its first font. */
static void
read_font (qpdf_data q, qpdf_oh font, guint index, GHashTable *needed, GHashTable *glyphs)
{
  qpdf_oh cmap = qpdf_oh_get_key (q, font, "/ToUnicode");
  unsigned char *d = NULL;
  size_t n = 0;
  gsize i = 0;
  enum
  {
    NONE,
    CHARS,
    RANGES
  } mode
      = NONE;

  if (!qpdf_oh_is_stream (q, cmap)
      || qpdf_oh_get_stream_data (q, cmap, qpdf_dl_generalized, NULL, &d, &n) != QPDF_SUCCESS
      || d == NULL)
    {
      free (d);
      return;
    }
  while (i < n)
    {
      guint8 src[4], lo[4], dst[8];
      guint src_len, hi_len, dst_len;

      if (g_ascii_isspace (d[i]))
        {
          i++;
          continue;
        }
      if (d[i] != '<' || mode == NONE)
        {
          gsize start = i;

          if (d[i] == '<' || d[i] == '[' || d[i] == ']')
            {
              i++;
              continue;
            }
          while (i < n && !g_ascii_isspace (d[i]) && d[i] != '<' && d[i] != '[')
            i++;
          if (i - start == 11 && memcmp (d + start, "beginbfchar", 11) == 0)
            mode = CHARS;
          else if (i - start == 12 && memcmp (d + start, "beginbfrange", 12) == 0)
            mode = RANGES;
          else if (i - start >= 5 && memcmp (d + start, "endbf", 5) == 0)
            mode = NONE;
          continue;
        }
      if (!read_hex (d, n, &i, src, sizeof src, &src_len) || src_len == 0)
        break;
      while (i < n && g_ascii_isspace (d[i]))
        i++;
      if (mode == CHARS)
        {
          gunichar c;

          if (i >= n || d[i] != '<' || !read_hex (d, n, &i, dst, sizeof dst, &dst_len))
            break;
          c = utf16be_char (dst, dst_len);
          if (c != 0 && g_hash_table_contains (needed, GUINT_TO_POINTER (c))
              && !g_hash_table_contains (glyphs, GUINT_TO_POINTER (c)))
            {
              double width = font_width (q, font, code_value (src, src_len));

              if (width >= 0)
                {
                  Glyph *g = g_new0 (Glyph, 1);

                  g->font = index;
                  memcpy (g->code, src, src_len);
                  g->code_len = src_len;
                  g->width = width;
                  g_hash_table_insert (glyphs, GUINT_TO_POINTER (c), g);
                }
            }
        }
      else
        {
          guint first, last;

          memcpy (lo, src, src_len);
          if (i >= n || d[i] != '<' || !read_hex (d, n, &i, src, sizeof src, &hi_len)
              || hi_len != src_len)
            break;
          first = code_value (lo, src_len);
          last = code_value (src, src_len);
          while (i < n && g_ascii_isspace (d[i]))
            i++;
          if (i < n && d[i] == '[')
            {
              /* <lo> <hi> [<dst> …]: one destination per code */
              i++;
              for (guint v = first; i < n && d[i] != ']';)
                {
                  gunichar c;

                  if (g_ascii_isspace (d[i]))
                    {
                      i++;
                      continue;
                    }
                  if (d[i] != '<' || !read_hex (d, n, &i, dst, sizeof dst, &dst_len))
                    goto done;
                  c = utf16be_char (dst, dst_len);
                  if (v <= last && c != 0)
                    add_glyph (q, font, index, v, src_len, c, needed, glyphs);
                  v++;
                }
              i++;
            }
          else
            {
              gunichar c0;

              /* <lo> <hi> <dst>: consecutive characters */
              if (i >= n || d[i] != '<' || !read_hex (d, n, &i, dst, sizeof dst, &dst_len))
                break;
              c0 = utf16be_char (dst, dst_len);
              for (guint v = first; c0 != 0 && v <= last && v - first < 0x10000; v++)
                {
                  add_glyph (q, font, index, v, src_len, c0 + (v - first), needed, glyphs);
                }
            }
        }
    }
done:
  free (d);
}

/* ---- the frame pages ---------------------------------------------------------------------- */

static void
append_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.3f", fabs (v) < 0.0005 ? 0.0 : v);
  g_string_append (s, buf);
  g_string_append_c (s, ' ');
}

/* The content of a frame page of @width × @height: the original, the stamp label (a pagination
 * artifact: furniture, like the body's page numbers), the watermark.  FALSE when a character of
 * @label is in no font of the template. */
static gboolean
frame_content (GString *s,
               const ZhiPdfFrameStyle *style,
               GHashTable *glyphs,
               gboolean with_mark,
               double width,
               double height,
               const char *label)
{
  double text_width = 0, lw, lh, x;
  int font = -1;
  gboolean in_string = FALSE;

  for (const char *p = label; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      Glyph *g = g_hash_table_lookup (glyphs, GUINT_TO_POINTER (c));

      if (g != NULL)
        text_width += g->width * style->size / 1000;
      else if (c == ' ')
        text_width += style->space;
      else
        return FALSE;
    }
  lw = text_width + 2 * style->pad;
  lh = style->line_height + 2 * style->pad;
  x = MAX (0, width - style->right - lw);

  g_string_append (s,
                   "q /ZhiOriginal Do Q\n/Artifact <</Type /Pagination /Subtype /Header>> BDC\n");
  g_string_append (s, "q 1 1 1 rg 0.55 0.55 0.55 RG 0.4 w\n");
  append_number (s, x);
  append_number (s, height - style->edge - lh);
  append_number (s, lw);
  append_number (s, lh);
  g_string_append (s, "re B\n0.15 0.15 0.15 rg BT 1 0 0 1 ");
  append_number (s, x + style->pad);
  append_number (s, height - style->edge - style->pad - style->baseline);
  g_string_append (s, "Tm\n");
  for (const char *p = label; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      Glyph *g = g_hash_table_lookup (glyphs, GUINT_TO_POINTER (c));

      if (g == NULL)
        {
          /* a space the fonts do not show: a gap */
          if (in_string)
            g_string_append (s, "> Tj\n");
          in_string = FALSE;
          if (font < 0)
            {
              g_string_append (s, "/ZhiF0 ");
              append_number (s, style->size);
              g_string_append (s, "Tf\n");
              font = 0;
            }
          g_string_append_printf (s, "[%d] TJ\n", -(int)(style->space * 1000 / style->size + 0.5));
          continue;
        }
      if ((int)g->font != font)
        {
          if (in_string)
            g_string_append (s, "> Tj\n");
          g_string_append_printf (s, "/ZhiF%u ", g->font);
          append_number (s, style->size);
          g_string_append (s, "Tf\n");
          font = (int)g->font;
          in_string = FALSE;
        }
      if (!in_string)
        g_string_append_c (s, '<');
      in_string = TRUE;
      for (guint k = 0; k < g->code_len; k++)
        g_string_append_printf (s, "%02x", g->code[k]);
    }
  if (in_string)
    g_string_append (s, "> Tj\n");
  g_string_append (s, "ET Q\nEMC\n");
  if (with_mark)
    {
      /* as cairo paints it on its pages (its space: y down), turned 45° about the centre */
      double c = G_SQRT2 / 2, mw = style->mark_width, mh = style->mark_height;

      g_string_append (s, "q /Artifact BMC 1 0 0 -1 0 ");
      append_number (s, height);
      g_string_append (s, "cm ");
      append_number (s, c);
      append_number (s, -c);
      append_number (s, c);
      append_number (s, c);
      append_number (s, width / 2 - c * mw / 2 - c * mh / 2);
      append_number (s, height / 2 + c * mw / 2 - c * mh / 2);
      g_string_append (s, "cm /ZhiMark Do EMC Q\n");
    }
  return TRUE;
}

static void
collect_dests (qpdf_data q, qpdf_oh node, GPtrArray *keys, GPtrArray *values, guint depth)
{
  qpdf_oh names = qpdf_oh_get_key (q, node, "/Names");
  qpdf_oh kids = qpdf_oh_get_key (q, node, "/Kids");

  if (depth > 32)
    return;
  if (qpdf_oh_is_array (q, names))
    {
      int n = qpdf_oh_get_array_n_items (q, names);

      for (int i = 0; i + 1 < n; i += 2)
        {
          qpdf_oh key = qpdf_oh_get_array_item (q, names, i);
          size_t len = 0;
          const char *bytes;

          if (!qpdf_oh_is_string (q, key))
            continue;
          bytes = qpdf_oh_get_binary_string_value (q, key, &len);
          g_ptr_array_add (keys, g_bytes_new (bytes, len));
          g_ptr_array_add (values, GUINT_TO_POINTER (qpdf_oh_get_array_item (q, names, i + 1)));
        }
    }
  if (qpdf_oh_is_array (q, kids))
    {
      int n = qpdf_oh_get_array_n_items (q, kids);

      for (int i = 0; i < n; i++)
        collect_dests (q, qpdf_oh_get_array_item (q, kids, i), keys, values, depth + 1);
    }
}

typedef struct
{
  GBytes *key;
  qpdf_oh value;
} Dest;

static int
compare_dests (gconstpointer a, gconstpointer b)
{
  return g_bytes_compare (((const Dest *)a)->key, ((const Dest *)b)->key);
}

/* Adds @added (name → page object id, height) to the catalog's /Dests name tree, rewritten as
 * one sorted /Names array. */
static void
add_dests (qpdf_data q, GArray *added_names, GArray *added_pages, GArray *added_heights)
{
  qpdf_oh root = qpdf_get_root (q);
  qpdf_oh names = qpdf_oh_get_key (q, root, "/Names");
  qpdf_oh tree, flat;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (Dest));

  if (added_names->len == 0)
    return;
  if (!qpdf_oh_is_dictionary (q, names))
    {
      names = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, root, "/Names", names);
    }
  tree = qpdf_oh_get_key (q, names, "/Dests");
  if (!qpdf_oh_is_dictionary (q, tree))
    {
      tree = qpdf_make_indirect_object (q, qpdf_oh_new_dictionary (q));
      qpdf_oh_replace_key (q, names, "/Dests", tree);
    }
  collect_dests (q, tree, keys, values, 0);
  for (guint i = 0; i < keys->len; i++)
    {
      Dest d = { keys->pdata[i], GPOINTER_TO_UINT (values->pdata[i]) };

      g_array_append_val (all, d);
    }
  for (guint i = 0; i < added_names->len; i++)
    {
      const char *name = g_array_index (added_names, char *, i);
      double h = g_array_index (added_heights, double, i);
      qpdf_oh dest = qpdf_oh_new_array (q);
      Dest d;

      qpdf_oh_append_item (q, dest,
                           qpdf_get_object_by_id (q, g_array_index (added_pages, int, i), 0));
      qpdf_oh_append_item (q, dest, qpdf_oh_new_name (q, "/XYZ"));
      qpdf_oh_append_item (q, dest, qpdf_oh_new_integer (q, 0));
      qpdf_oh_append_item (q, dest, zhi_qpdf_new_real (q, h));
      qpdf_oh_append_item (q, dest, qpdf_oh_new_integer (q, 0));
      d.key = g_bytes_new (name, strlen (name));
      d.value = dest;
      g_ptr_array_add (keys, d.key);
      g_array_append_val (all, d);
    }
  g_array_sort (all, compare_dests);
  flat = qpdf_oh_new_array (q);
  for (guint i = 0; i < all->len; i++)
    {
      Dest *d = &g_array_index (all, Dest, i);
      gsize len;
      const char *bytes = g_bytes_get_data (d->key, &len);

      qpdf_oh_append_item (q, flat, qpdf_oh_new_binary_string (q, bytes, len));
      qpdf_oh_append_item (q, flat, d->value);
    }
  qpdf_oh_remove_key (q, tree, "/Kids");
  qpdf_oh_remove_key (q, tree, "/Limits");
  qpdf_oh_replace_key (q, tree, "/Names", flat);
}
/* Hashing the pages reads their content streams (GFunc: @maps, the mappings they come from):
 * what it read is not held until the write. */
static void
drop_map_pages (gpointer q, gpointer maps)
{
  GPtrArray *array = maps;

  (void)q;
  for (guint i = 0; i < array->len; i++)
    zhi_pdf_map_drop_pages (array->pdata[i]);
}

/* Frees the qpdf documents of @sources, the evidence files whose pages are all copied, and
 * empties it.  What was copied from them stays valid: qpdf reads a copied stream's data from the
 * file itself when the output is written (the copy holds the file open), not from the document.
 * Holding all of them until then, as qpdf's own merge does, held their object models too: at
 * 1,000 pages of Word-weight exports, 60 MB of the 173 MB peak. */
static void
free_sources (GAsyncQueue *queue, GPtrArray *sources)
{
  for (guint k = 0; k < sources->len; k++)
    zhi_pdf_freer_free (queue, sources->pdata[k], NULL);
  g_ptr_array_set_size (sources, 0);
}

/* Opens the evidence file of one attachment, for its pages to be copied: with @recovery, as a
 * flattened copy is (a damaged stream met while copying is recovered, a warning, rather than
 * failing the whole dossier); without, as zhi_pdf_read_pages() opened the one it kept. */
static qpdf_data
open_evidence (const char *path, gboolean recovery, GError **error)
{
  qpdf_data ev = zhi_qpdf_new (recovery);

  if ((qpdf_read (ev, path, NULL) & QPDF_ERRORS)
      || (qpdf_push_inherited_attributes_to_page (ev) & QPDF_ERRORS))
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autoptr (GError) local = NULL;

      zhi_pdf_compact_set_error (&local, ev, ZHI_PDF_COMPACT_ERROR_READ,
                                 "the PDF could not be read");
      g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ, "%s: %s", name,
                   local->message);
      qpdf_cleanup (&ev);
      return NULL;
    }
  return ev;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

static void
glyph_free (gpointer g)
{
  g_free (g);
}

/* What the template page (the input's last) gives the frames: one resource name per font, the
 * labels' glyphs, the watermark.  FALSE with @error when a label's character is missing. */
typedef struct
{
  GHashTable *glyphs; /* gunichar → Glyph */
  int fonts_id;       /* the frames' /Font resources: one dictionary, shared */
  int mark_id;        /* the watermark form, or 0 */
} Template;

static gboolean
read_template (qpdf_data q,
               qpdf_oh page,
               ZhiPdfUnderlay *underlays,
               guint n_underlays,
               gboolean with_mark,
               Template *t,
               GError **error)
{
  qpdf_oh resources = qpdf_oh_get_key (q, page, "/Resources");
  qpdf_oh fonts = qpdf_oh_get_key (q, resources, "/Font");
  qpdf_oh xobjects = qpdf_oh_get_key (q, resources, "/XObject");
  qpdf_oh ours = qpdf_oh_new_dictionary (q);
  g_autoptr (GHashTable) needed = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint index = 0;

  t->glyphs = g_hash_table_new_full (NULL, NULL, NULL, glyph_free);
  for (guint i = 0; i < n_underlays; i++)
    for (const char *p = underlays[i].label; p && *p; p = g_utf8_next_char (p))
      g_hash_table_add (needed, GUINT_TO_POINTER (g_utf8_get_char (p)));
  if (qpdf_oh_is_dictionary (q, fonts))
    {
      qpdf_oh_begin_dict_key_iter (q, fonts);
      while (qpdf_oh_dict_more_keys (q))
        g_ptr_array_add (names, g_strdup (qpdf_oh_dict_next_key (q)));
    }
  /* cairo names its fonts in the order it met them: the label's first */
  g_ptr_array_sort (names, compare_strings);
  for (guint k = 0; k < names->len; k++)
    {
      qpdf_oh font = qpdf_oh_get_key (q, fonts, names->pdata[k]);
      char key[32];

      g_snprintf (key, sizeof key, "/ZhiF%u", index);
      read_font (q, font, index, needed, t->glyphs);
      qpdf_oh_replace_key (q, ours, key, font);
      index++;
    }
  t->fonts_id = qpdf_oh_get_object_id (q, qpdf_make_indirect_object (q, ours));
  {
    GHashTableIter iter;
    gpointer c;

    g_hash_table_iter_init (&iter, needed);
    while (g_hash_table_iter_next (&iter, &c, NULL))
      if (GPOINTER_TO_UINT (c) != ' ' && !g_hash_table_contains (t->glyphs, c))
        {
          char utf8[8] = { 0 };

          g_unichar_to_utf8 (GPOINTER_TO_UINT (c), utf8);
          g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ,
                       "the stamp's character %s (U+%04X) is in no font", utf8,
                       GPOINTER_TO_UINT (c));
          return FALSE;
        }
  }
  t->mark_id = 0;
  if (with_mark)
    {
      if (qpdf_oh_is_dictionary (q, xobjects))
        {
          qpdf_oh_begin_dict_key_iter (q, xobjects);
          if (qpdf_oh_dict_more_keys (q))
            {
              qpdf_oh mark = qpdf_oh_get_key (q, xobjects, qpdf_oh_dict_next_key (q));

              if (qpdf_oh_is_stream (q, mark) && qpdf_oh_is_indirect (q, mark))
                t->mark_id = qpdf_oh_get_object_id (q, mark);
            }
        }
      if (t->mark_id == 0)
        {
          g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ,
                       "the template page has no watermark");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
zhi_pdf_assemble (const char *in_path,
                  const char *out_path,
                  ZhiPdfUnderlay *underlays,
                  guint n_underlays,
                  const ZhiPdfFrameStyle *style,
                  const ZhiPdfFinish *finish,
                  ZhiPdfPrefetch *prefetch,
                  ZhiPdfAssembleProgress progress,
                  gpointer user_data,
                  GCancellable *cancellable,
                  GError **error)
{
  qpdf_data q;
  GPtrArray *sources = g_ptr_array_new ();
  g_autoptr (GHashTable) used_streams = NULL;
  g_autoptr (GHashTable) shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) dest_names = g_array_new (FALSE, FALSE, sizeof (char *));
  g_autoptr (GArray) dest_pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GArray) dest_heights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GString) content = g_string_new (NULL);
  Template t = { 0 };
  ZhiPdfLinks links;
  qpdf_data ev = NULL;
  GAsyncQueue *freer;
  g_autofree char *digest = NULL;
  /* the files qpdf reads from mappings: cairo's output and the evidence, unmapped once every
   * document that reads them is freed */
  GPtrArray *maps = g_ptr_array_new_with_free_func (zhi_pdf_map_free_func);
  ZhiPdfMap *body = NULL, *current_map = NULL;
  gboolean ok = FALSE, object_streams = FALSE;
  int n_input = 0, n_source_pages = 0, next_input = 0, n_out = 0;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (in_path, out_path) != 0, FALSE);
  g_return_val_if_fail (n_underlays == 0 || style != NULL, FALSE);

  zhi_pdf_links_init (&links);
  /* the previous assembly's objects are gone before this one's are made */
  freer = zhi_pdf_freer_start ();
  q = zhi_qpdf_new (FALSE);
  if ((zhi_pdf_map_read (q, in_path, &body) & QPDF_ERRORS)
      || (qpdf_push_inherited_attributes_to_page (q) & QPDF_ERRORS))
    {
      if (body != NULL)
        g_ptr_array_add (maps, body);
      zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the PDF could not be read");
      goto out;
    }
  if (body != NULL)
    g_ptr_array_add (maps, body);
  n_input = qpdf_get_num_pages (q);
  zhi_pdf_phase ("qpdf: read cairo's file");
  if (n_underlays > 0)
    {
      qpdf_oh pages = qpdf_oh_get_key (q, qpdf_get_root (q), "/Pages");

      /* the template is the last page */
      if (n_input < 1
          || !read_template (q, qpdf_get_page_n (q, (size_t)n_input - 1), underlays, n_underlays,
                             style->mark_width > 0, &t, error))
        {
          if (n_input < 1)
            g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ,
                         "the template page is missing");
          goto out;
        }
      n_input--;
      /* the new page list, built beside the old one */
      qpdf_oh_replace_key (q, pages, "/ZhiKids", qpdf_oh_new_array (q));
      qpdf_oh_release_all (q);
    }
  for (guint i = 0; i < n_underlays; i++)
    {
      ZhiPdfUnderlay *u = &underlays[i];
      qpdf_oh pages, old_kids, kids, src, form, frame, resources, xobjects, stream;
      double matrix[6];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      /* a new source for each run of one file: one attachment's pages */
      if (i == 0 || g_strcmp0 (u->path, underlays[i - 1].path) != 0
          || u->source_page <= underlays[i - 1].source_page)
        {
          /* the previous file's links, now that its pages are placed */
          zhi_pdf_links_flush (q, &links);
          free_sources (freer, sources);
          /* the previous file's pages are copied: what copying read of it is not held */
          zhi_pdf_map_drop_pages (g_steal_pointer (&current_map));
          if (u->source != NULL)
            {
              /* read whole at inspection, without recovery: parsed once per render (and,
               * with @prefetch, by another thread before this one copies from it) */
              ZhiPdfSource *kept = g_steal_pointer (&u->source);
              gboolean clean = zhi_pdf_prefetch_take (prefetch, kept);

              ev = kept->doc;
              /* kept until the dossier is freed: its copies read their stream data from it */
              if (kept->map != NULL)
                g_ptr_array_add (maps, kept->map);
              current_map = kept->map;
              g_free (kept);
              /* an object did not read while parsing ahead: copied from that document, a
               * page would lose it without a word; from the file read again as it was, the
               * copy meets it as the copy from a document not parsed ahead does */
              if (!clean)
                {
                  zhi_pdf_freer_free (freer, ev, NULL);
                  if ((ev = open_evidence (u->path, FALSE, error)) == NULL)
                    goto out;
                }
              /* a file that came in object streams was kept unparsed (zhi_pdf_read_pages()):
               * its pages get their inherited attributes now, unless the parsing thread gave
               * them (and the others had them at inspection) */
              else if (qpdf_push_inherited_attributes_to_page (ev) & QPDF_ERRORS)
                {
                  g_ptr_array_add (sources, ev);
                  zhi_pdf_compact_set_error (error, ev, ZHI_PDF_COMPACT_ERROR_READ,
                                             "the page tree could not be read");
                  name_the_page (error, u);
                  goto out;
                }
            }
          else if ((ev = open_evidence (u->path, TRUE, error)) == NULL)
            goto out;
          g_ptr_array_add (sources, ev);
          /* the dossier is written as compactly as the most compact evidence came: cairo's body
           * and a scanner's pages as a cross-reference table, evidence that came in object
           * streams with them (written without, it would grow) */
          object_streams = object_streams || zhi_qpdf_came_in_object_streams (ev);
          zhi_pdf_links_start_run (q, &links, ev, u->dest);
          /* what recovery said while reading (a flattened copy is read with it), and while
           * looking for its outline */
          zhi_pdf_links_forget_problems (ev);
          n_source_pages = qpdf_get_num_pages (ev);
          g_clear_pointer (&used_streams, g_hash_table_unref);
          used_streams = g_hash_table_new (NULL, NULL);
        }
      if (u->source_page < 1 || (int)u->source_page > n_source_pages || u->page < (guint)n_out + 1
          || u->page > (guint)(n_out + 1 + n_input - next_input))
        {
          g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_WRITE,
                       "page %u of %s does not exist", u->source_page, u->path);
          goto out;
        }
      pages = qpdf_oh_get_key (q, qpdf_get_root (q), "/Pages");
      old_kids = qpdf_oh_get_key (q, pages, "/Kids");
      kids = qpdf_oh_get_key (q, pages, "/ZhiKids");
      /* the input's pages before this one */
      while ((guint)n_out + 1 < u->page)
        {
          qpdf_oh_append_item (q, kids, qpdf_oh_get_array_item (q, old_kids, next_input++));
          n_out++;
        }
      src = qpdf_get_page_n (ev, u->source_page - 1);
      form = make_form (q, ev, src, used_streams, shared, matrix);
      if (form == 0 || qpdf_has_error (q) || qpdf_has_error (ev))
        {
          zhi_pdf_compact_set_error (error, qpdf_has_error (q) ? q : ev, ZHI_PDF_COMPACT_ERROR_READ,
                                     "the page could not be copied");
          name_the_page (error, u);
          goto out;
        }
      /* an object of the page that no longer reads (the file changed since it was inspected)
       * would be copied as null: a page missing its fonts or images is no copy */
      if (take_warning (ev, ZHI_PDF_COMPACT_ERROR_READ, "the page could not be copied", error))
        {
          name_the_page (error, u);
          goto out;
        }
      g_string_truncate (content, 0);
      if (!frame_content (content, style, t.glyphs, t.mark_id != 0, u->width, u->height, u->label))
        {
          g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_WRITE,
                       "the stamp of page %u cannot be written", u->page);
          goto out;
        }
      stream = qpdf_oh_new_stream (q);
      qpdf_oh_replace_stream_data (q, stream, (const unsigned char *)content->str, content->len,
                                   qpdf_oh_new_null (q), qpdf_oh_new_null (q));
      xobjects = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, xobjects, "/ZhiOriginal", form);
      if (t.mark_id != 0)
        qpdf_oh_replace_key (q, xobjects, "/ZhiMark", qpdf_get_object_by_id (q, t.mark_id, 0));
      resources = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, resources, "/Font", qpdf_get_object_by_id (q, t.fonts_id, 0));
      qpdf_oh_replace_key (q, resources, "/XObject", xobjects);
      frame = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, frame, "/Type", qpdf_oh_new_name (q, "/Page"));
      qpdf_oh_replace_key (q, frame, "/Parent", pages);
      {
        double box[4] = { 0, 0, u->width, u->height };

        qpdf_oh_replace_key (q, frame, "/MediaBox", shared_numbers (q, shared, box, 4));
      }
      qpdf_oh_replace_key (q, frame, "/Resources", resources);
      qpdf_oh_replace_key (q, frame, "/Contents", stream);
      frame = qpdf_make_indirect_object (q, frame);
      zhi_pdf_links_copy (q, ev, src, matrix, frame, &links);
      qpdf_oh_append_item (q, kids, frame);
      n_out++;
      if (u->dest != NULL)
        {
          int id = qpdf_oh_get_object_id (q, frame);

          g_array_append_val (dest_names, u->dest);
          g_array_append_val (dest_pages, id);
          g_array_append_val (dest_heights, u->height);
        }
      if (qpdf_has_error (q))
        {
          zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_WRITE,
                                     "the frame could not be made");
          goto out;
        }
      qpdf_oh_release_all (q);
      qpdf_oh_release_all (ev);
      if (progress)
        progress (i + 1, user_data);
    }

  zhi_pdf_links_flush (q, &links);
  free_sources (freer, sources);
  if (n_underlays > 0)
    {
      qpdf_oh pages = qpdf_oh_get_key (q, qpdf_get_root (q), "/Pages");
      qpdf_oh old_kids = qpdf_oh_get_key (q, pages, "/Kids");
      qpdf_oh kids = qpdf_oh_get_key (q, pages, "/ZhiKids");

      /* the input's pages after the last original; not the template */
      while (next_input < n_input)
        {
          qpdf_oh_append_item (q, kids, qpdf_oh_get_array_item (q, old_kids, next_input++));
          n_out++;
        }
      qpdf_oh_replace_key (q, pages, "/Kids", kids);
      qpdf_oh_remove_key (q, pages, "/ZhiKids");
      qpdf_oh_replace_key (q, pages, "/Count", qpdf_oh_new_integer (q, n_out));
      if ((qpdf_update_all_pages_cache (q) & QPDF_ERRORS) || qpdf_get_num_pages (q) != n_out)
        {
          zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_WRITE, "the page tree broke");
          goto out;
        }
      add_dests (q, dest_names, dest_pages, dest_heights);
      qpdf_oh_release_all (q);
    }
  zhi_pdf_phase ("qpdf: frames and copies");
  if (finish && !zhi_pdf_finish_apply (q, finish, error))
    goto out;
  zhi_pdf_phase ("qpdf: finish");
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  /* last: the page hashes see every page as it will be written */
  if (finish && finish->data
      && !zhi_dossier_data_embed_full (q, finish->data, drop_map_pages, maps, error))
    goto out;
  zhi_pdf_phase ("qpdf: page hashes");
  if (!zhi_pdf_output_write (q, out_path, object_streams, maps, &digest, error))
    goto out;
  zhi_pdf_phase ("qpdf: write");
  /* stream data (fonts, images) is read from the evidence files while writing, and qpdf warns
   * the dossier's document when it does not read (the file changed since it was copied from):
   * a page without it */
  if (take_warning (q, ZHI_PDF_COMPACT_ERROR_WRITE, "the PDF could not be written", error))
    goto out;
  ok = TRUE;

out:
  /* the sources not taken are the parsing thread's until it is told */
  zhi_pdf_prefetch_close (prefetch);
  zhi_pdf_links_clear (&links);
  g_clear_pointer (&used_streams, g_hash_table_unref);
  g_clear_pointer (&t.glyphs, g_hash_table_unref);
  /* the dossier, and the evidence file a failure left open (the dossier first: it holds
   * references into it) */
  zhi_pdf_freer_free (freer, q, NULL);
  free_sources (freer, sources);
  g_ptr_array_unref (sources);
  /* after every document that reads them (the thread frees in order) */
  zhi_pdf_freer_free_full (freer, NULL, maps, (GDestroyNotify)g_ptr_array_unref);
  zhi_pdf_freer_done (freer);
  /* the file's own /ID, hashed while it was written, while a thread frees qpdf's objects */
  if (ok && !zhi_pdf_output_set_id (out_path, digest, error))
    ok = FALSE;
  zhi_pdf_phase ("the file's own /ID");
  return ok;
}
