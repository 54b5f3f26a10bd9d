/* zhi-pdf-attach.c — evidence files embedded as dossier attachment pages */
#include "zhi-pdf-attach.h"
#include "zhi-pdf-compact.h"
#include "zhi-pdf-private.h"
#include "zhi-sha256.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <poppler.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <string.h>

/* Decoded raster images are kept at most this many pixels on their long
 * side: about 350 dpi over the text block, enough for a printed dossier. */
#define ZHI_PDF_IMAGE_MAX_SIDE 2400
/* An interlaced PNG must be decoded whole; refuse beyond this many pixels. */
#define ZHI_PDF_PNG_INTERLACED_MAX_PIXELS (4096 * 4096)
/* the stamp label: its text size, its distance from the page's top and right edges */
#define LABEL_SIZE 7.0
#define LABEL_PAD 2.0
#define LABEL_EDGE (1.5 * ZHI_PDF_MM)
#define LABEL_RIGHT (6.0 * ZHI_PDF_MM)

typedef enum
{
  KIND_UNKNOWN,
  KIND_PDF,          /* re-drawn through poppler: what qpdf cannot read */
  KIND_PDF_ORIGINAL, /* the original pages, put under frame pages by qpdf */
  KIND_JPEG,
  KIND_PNG,
} Kind;

typedef enum
{
  SOURCE_PATH,
  SOURCE_BYTES,
  SOURCE_STREAM,
} SourceType;

struct _ZhiPdfAttachment
{
  guint number;
  char *title;
  char *file_name;
  char *media_type;
  char *sha256;

  SourceType source;
  char *path;
  ZhiPdfBytesFunc bytes_func;
  ZhiPdfStreamFunc stream_func;
  gpointer user_data;
  GDestroyNotify destroy;

  /* the file, read once (zhi_pdf_attachment_open) and kept until discarded */
  char *work_dir;
  char *file; /* a path: att->path, or a copy of the bytes in work_dir */
  gboolean file_is_ours;
  char *underlay; /* KIND_PDF_ORIGINAL: the file whose pages qpdf copies */
  gboolean underlay_is_ours;
  gboolean inspected;
  ZhiPdfAttachProblem problem;
  char *detail;
  ZhiPdfPages pages; /* KIND_PDF_ORIGINAL */

  /* open state */
  gboolean opened;
  Kind kind; /* KIND_UNKNOWN once inspected means: placeholder */
  GBytes *bytes;
  PopplerDocument *pdf;
  cairo_surface_t *image;
  int image_width; /* true pixel size */
  int image_height;
  guint n_pages;
  guint expected_pages; /* what the caller expects before the inspection, 0: not known */
  char *reason;
};

void
zhi_pdf_attach_warning_free (ZhiPdfAttachWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->file_name);
  g_free (warning->sha256);
  g_free (warning->reason);
  g_free (warning->detail);
  g_free (warning);
}

static ZhiPdfAttachment *
attachment_new (guint number,
                const char *title,
                const char *file_name,
                const char *media_type,
                const char *sha256_hex)
{
  ZhiPdfAttachment *att = g_new0 (ZhiPdfAttachment, 1);

  att->number = number;
  att->title = g_strdup (title ? title : "");
  att->file_name = g_strdup (file_name ? file_name : "");
  att->media_type = g_strdup (media_type);
  att->sha256 = g_strdup (sha256_hex ? sha256_hex : "");
  return att;
}

ZhiPdfAttachment *
zhi_pdf_attachment_new_for_path (guint number,
                                 const char *title,
                                 const char *file_name,
                                 const char *media_type,
                                 const char *sha256_hex,
                                 const char *path)
{
  ZhiPdfAttachment *att = attachment_new (number, title, file_name, media_type, sha256_hex);

  g_return_val_if_fail (path != NULL, att);
  att->source = SOURCE_PATH;
  att->path = g_strdup (path);
  return att;
}

ZhiPdfAttachment *
zhi_pdf_attachment_new_for_bytes_func (guint number,
                                       const char *title,
                                       const char *file_name,
                                       const char *media_type,
                                       const char *sha256_hex,
                                       ZhiPdfBytesFunc func,
                                       gpointer user_data,
                                       GDestroyNotify destroy)
{
  ZhiPdfAttachment *att = attachment_new (number, title, file_name, media_type, sha256_hex);

  att->source = SOURCE_BYTES;
  att->bytes_func = func;
  att->user_data = user_data;
  att->destroy = destroy;
  return att;
}

ZhiPdfAttachment *
zhi_pdf_attachment_new_for_stream_func (guint number,
                                        const char *title,
                                        const char *file_name,
                                        const char *media_type,
                                        const char *sha256_hex,
                                        ZhiPdfStreamFunc func,
                                        gpointer user_data,
                                        GDestroyNotify destroy)
{
  ZhiPdfAttachment *att = attachment_new (number, title, file_name, media_type, sha256_hex);

  att->source = SOURCE_STREAM;
  att->stream_func = func;
  att->user_data = user_data;
  att->destroy = destroy;
  return att;
}

void
zhi_pdf_attachment_free (ZhiPdfAttachment *att)
{
  if (att == NULL)
    return;
  zhi_pdf_attachment_discard (att);
  if (att->destroy)
    att->destroy (att->user_data);
  g_free (att->title);
  g_free (att->file_name);
  g_free (att->media_type);
  g_free (att->sha256);
  g_free (att->path);
  g_free (att->work_dir);
  g_free (att);
}

guint
zhi_pdf_attachment_get_number (ZhiPdfAttachment *att)
{
  return att->number;
}

const char *
zhi_pdf_attachment_get_file_name (ZhiPdfAttachment *att)
{
  return att->file_name;
}

const char *
zhi_pdf_attachment_get_title (ZhiPdfAttachment *att)
{
  return att->title;
}

gboolean
zhi_pdf_attachment_is_image (ZhiPdfAttachment *att)
{
  return (att->kind == KIND_JPEG || att->kind == KIND_PNG) && att->image != NULL;
}

guint
zhi_pdf_attachment_get_n_pages (ZhiPdfAttachment *att)
{
  return att->n_pages > 0 ? att->n_pages : 1;
}

void
zhi_pdf_attachment_set_expected_pages (ZhiPdfAttachment *att, guint n_pages)
{
  att->expected_pages = n_pages;
}

guint
zhi_pdf_attachment_get_expected_pages (ZhiPdfAttachment *att)
{
  return att->expected_pages;
}

void
zhi_pdf_attachment_close (ZhiPdfAttachment *att)
{
  g_clear_object (&att->pdf);
  g_clear_pointer (&att->image, cairo_surface_destroy);
  g_clear_pointer (&att->bytes, g_bytes_unref);
  att->opened = FALSE;
}

static void
remove_file (char **path, gboolean *ours)
{
  if (*path != NULL && *ours)
    g_unlink (*path);
  g_clear_pointer (path, g_free);
  *ours = FALSE;
}

void
zhi_pdf_attachment_discard (ZhiPdfAttachment *att)
{
  zhi_pdf_attachment_close (att);
  if (att->underlay != NULL && g_strcmp0 (att->underlay, att->file) == 0)
    g_clear_pointer (&att->underlay, g_free);
  remove_file (&att->underlay, &att->underlay_is_ours);
  remove_file (&att->file, &att->file_is_ours);
  zhi_pdf_pages_clear (&att->pages);
  g_clear_pointer (&att->reason, g_free);
  g_clear_pointer (&att->detail, g_free);
  att->inspected = FALSE;
  att->problem = ZHI_PDF_ATTACH_PROBLEM_NONE;
  att->kind = KIND_UNKNOWN;
  att->n_pages = 0;
}

void
zhi_pdf_attachment_set_work_dir (ZhiPdfAttachment *att, const char *dir)
{
  g_free (att->work_dir);
  att->work_dir = g_strdup (dir);
}

gboolean
zhi_pdf_attachment_get_page_size (ZhiPdfAttachment *att, guint index, double *width, double *height)
{
  if (att->kind != KIND_PDF_ORIGINAL || index >= att->pages.n_pages)
    return FALSE;
  *width = att->pages.widths[index];
  *height = att->pages.heights[index];
  return TRUE;
}

const char *
zhi_pdf_attachment_get_original (ZhiPdfAttachment *att)
{
  return att->kind == KIND_PDF_ORIGINAL ? att->underlay : NULL;
}

gpointer
zhi_pdf_attachment_get_source (ZhiPdfAttachment *att)
{
  return att->kind == KIND_PDF_ORIGINAL ? att->pages.source : NULL;
}

gpointer
zhi_pdf_attachment_steal_source (ZhiPdfAttachment *att)
{
  return att->kind == KIND_PDF_ORIGINAL ? zhi_pdf_pages_steal_source (&att->pages) : NULL;
}

gboolean
zhi_pdf_attachment_get_no_printing (ZhiPdfAttachment *att)
{
  return att->kind == KIND_PDF_ORIGINAL && att->pages.no_printing;
}

/* ---- JPEG ------------------------------------------------------------- */

gboolean
zhi_pdf_jpeg_get_info (const guint8 *data, gsize length, int *width, int *height, int *components)
{
  gsize i = 2;

  if (length < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;
  while (i + 4 <= length)
    {
      guint8 marker;
      gsize seglen;

      if (data[i] != 0xFF)
        return FALSE;
      marker = data[i + 1];
      if (marker == 0xFF) /* fill byte */
        {
          i++;
          continue;
        }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          i += 2;
          continue;
        }
      if (marker == 0xD9 || marker == 0xDA) /* end of image, start of scan before a frame */
        return FALSE;
      seglen = ((gsize)data[i + 2] << 8) | data[i + 3];
      if (seglen < 2 || i + 2 + seglen > length)
        return FALSE;
      /* SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          const guint8 *sof = data + i + 4;
          int h, w, n;

          if (seglen < 8)
            return FALSE;
          h = (sof[1] << 8) | sof[2];
          w = (sof[3] << 8) | sof[4];
          n = sof[5];
          if (w <= 0 || h <= 0 || (n != 1 && n != 3 && n != 4))
            return FALSE;
          *width = w;
          *height = h;
          *components = n;
          return TRUE;
        }
      i += 2 + seglen;
    }
  return FALSE;
}

/* cairo 1.16's own JPEG parser (it reads the frame header again to write the
 * DCTDecode image) does not accept fill bytes (0xFF before a marker, allowed by
 * T.81 B.1.1.2): given such a file it silently draws the stand-in surface, a grey
 * square, instead of the photo.  Returns a copy without the fill bytes before
 * the frame header (the same image), or NULL when there are none. */
static GBytes *
jpeg_without_fill_bytes (GBytes *bytes)
{
  gsize length, i = 2, copied = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  GByteArray *out = NULL;

  while (i + 4 <= length && data[i] == 0xFF)
    {
      guint8 marker = data[i + 1];

      if (marker == 0xFF) /* data[i] is a fill byte: drop it */
        {
          if (out == NULL)
            out = g_byte_array_sized_new (length);
          g_byte_array_append (out, data + copied, i - copied);
          copied = ++i;
          continue;
        }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          i += 2;
          continue;
        }
      if (marker == 0xD9 || marker == 0xDA
          || (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
              && marker != 0xCC))
        break;
      i += 2 + (((gsize)data[i + 2] << 8) | data[i + 3]);
    }
  if (out == NULL)
    return NULL;
  g_byte_array_append (out, data + copied, length - copied);
  return g_byte_array_free_to_bytes (out);
}

/* A small stand-in surface carrying the JPEG as mime data: cairo's PDF
 * backend writes the JPEG bytes as a DCTDecode image and scales it to the
 * stand-in's extents, so the pixels are never decoded here. */
static cairo_surface_t *
jpeg_surface_new (ZhiPdfAttachment *att, int width, int height)
{
  double s = MIN (1.0, 64.0 / MAX (width, height));
  int sw = MAX (1, (int)(width * s + 0.5));
  int sh = MAX (1, (int)(height * s + 0.5));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, sw, sh);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *uid = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (att->bytes, &len);

  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, data, len,
                               (cairo_destroy_func_t)g_bytes_unref, g_bytes_ref (att->bytes));
  /* the content's own hash: the same image twice becomes one PDF object */
  uid = zhi_sha256_for_bytes (att->bytes);
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_UNIQUE_ID, (const guint8 *)uid,
                               strlen (uid), g_free, uid);
  uid = NULL;
  return surface;
}

/* ---- PNG -------------------------------------------------------------- */

typedef struct
{
  const guint8 *data;
  gsize length;
  gsize pos;
  char *error;
  guint8 *row;
  guint8 *image;
  png_bytep *rows;
  guint32 *acc;
  cairo_surface_t *surface;
} PngState;

static void
png_read_cb (png_structp png, png_bytep out, png_size_t n)
{
  PngState *st = png_get_io_ptr (png);

  if (st->pos + n > st->length)
    png_error (png, "file ends early");
  memcpy (out, st->data + st->pos, n);
  st->pos += n;
}

static void
png_error_cb (png_structp png, png_const_charp msg)
{
  PngState *st = png_get_error_ptr (png);

  if (st->error == NULL)
    st->error = g_strdup (msg);
  png_longjmp (png, 1);
}

static void
png_warning_cb (png_structp png, png_const_charp msg)
{
  (void)png;
  (void)msg;
}

static void
png_state_clear (PngState *st)
{
  g_clear_pointer (&st->row, g_free);
  g_clear_pointer (&st->image, g_free);
  g_clear_pointer (&st->rows, g_free);
  g_clear_pointer (&st->acc, g_free);
  g_clear_pointer (&st->surface, cairo_surface_destroy);
}

/* Decodes a PNG row by row, averaging f×f blocks so that the result is at
 * most ZHI_PDF_IMAGE_MAX_SIDE on its long side.  Memory: one input row plus
 * the (bounded) output surface. */
static cairo_surface_t *
png_decode (GBytes *bytes, int *out_width, int *out_height, char **error)
{
  PngState *st = g_new0 (PngState, 1);
  png_structp png;
  png_infop info;
  png_uint_32 w, h;
  int bit_depth, color_type, interlace;
  cairo_surface_t *volatile result = NULL;

  st->data = g_bytes_get_data (bytes, &st->length);
  png = png_create_read_struct (PNG_LIBPNG_VER_STRING, st, png_error_cb, png_warning_cb);
  info = png_create_info_struct (png);
  if (setjmp (png_jmpbuf (png)))
    {
      *error = g_strdup_printf ("PNG: %s", st->error ? st->error : "decoding failed");
      goto out;
    }
  png_set_read_fn (png, st, png_read_cb);
  png_set_user_limits (png, 100000, 100000);
  png_read_info (png, info);
  png_get_IHDR (png, info, &w, &h, &bit_depth, &color_type, &interlace, NULL, NULL);
  png_set_expand (png);
  png_set_strip_16 (png);
  png_set_gray_to_rgb (png);
  if (!(color_type & PNG_COLOR_MASK_ALPHA) && !png_get_valid (png, info, PNG_INFO_tRNS))
    png_set_filler (png, 0xFF, PNG_FILLER_AFTER);
  if (interlace != PNG_INTERLACE_NONE)
    png_set_interlace_handling (png);
  png_read_update_info (png, info);
  if (png_get_rowbytes (png, info) != (gsize)w * 4)
    png_error (png, "unexpected row layout");

  {
    int f = (int)((MAX (w, h) + ZHI_PDF_IMAGE_MAX_SIDE - 1) / ZHI_PDF_IMAGE_MAX_SIDE);
    int ow, oh, stride;
    guint8 *pixels;
    png_uint_32 y;

    f = MAX (f, 1);
    ow = (int)((w + f - 1) / f);
    oh = (int)((h + f - 1) / f);
    st->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, ow, oh);
    if (cairo_surface_status (st->surface) != CAIRO_STATUS_SUCCESS)
      png_error (png, "out of memory");
    cairo_surface_flush (st->surface);
    stride = cairo_image_surface_get_stride (st->surface);
    pixels = cairo_image_surface_get_data (st->surface);
    st->acc = g_new0 (guint32, (gsize)ow * 4);

    if (interlace != PNG_INTERLACE_NONE)
      {
        if ((guint64)w * h > ZHI_PDF_PNG_INTERLACED_MAX_PIXELS)
          png_error (png, "interlaced image too large");
        st->image = g_malloc ((gsize)w * h * 4);
        st->rows = g_new (png_bytep, h);
        for (y = 0; y < h; y++)
          st->rows[y] = st->image + (gsize)y * w * 4;
        png_read_image (png, st->rows);
      }
    else
      st->row = g_malloc ((gsize)w * 4);

    for (y = 0; y < h; y++)
      {
        png_bytep row;
        png_uint_32 x;

        if (st->rows)
          row = st->rows[y];
        else
          {
            png_read_row (png, st->row, NULL);
            row = st->row;
          }
        for (x = 0; x < w; x++)
          {
            guint32 *a = st->acc + (x / f) * 4;
            a[0] += row[x * 4];
            a[1] += row[x * 4 + 1];
            a[2] += row[x * 4 + 2];
            a[3] += row[x * 4 + 3];
          }
        if ((y + 1) % f == 0 || y + 1 == h)
          {
            guint32 *out = (guint32 *)(pixels + (gsize)(y / f) * stride);
            guint rows_in = y % f + 1;
            int ox;

            for (ox = 0; ox < ow; ox++)
              {
                guint cols = MIN ((guint)f, w - (guint)ox * f);
                guint n = cols * rows_in;
                guint32 *a = st->acc + ox * 4;
                guint32 al = a[3] / n;
                guint32 r = a[0] / n * al / 255;
                guint32 g = a[1] / n * al / 255;
                guint32 b = a[2] / n * al / 255;

                out[ox] = (al << 24) | (r << 16) | (g << 8) | b;
              }
            memset (st->acc, 0, (gsize)ow * 4 * sizeof (guint32));
          }
      }
    cairo_surface_mark_dirty (st->surface);
    *out_width = (int)w;
    *out_height = (int)h;
    result = st->surface;
    st->surface = NULL;
  }

out:
  png_destroy_read_struct (&png, &info, NULL);
  png_state_clear (st);
  g_free (st->error);
  g_free (st);
  return result;
}

/* ---- opening ---------------------------------------------------------- */

static Kind
sniff (const guint8 *data, gsize len)
{
  if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return KIND_JPEG;
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return KIND_PNG;
  /* PDF readers accept the header anywhere in the first kilobyte */
  if (len >= 5 && g_strstr_len ((const char *)data, MIN (len, 1024), "%PDF-") != NULL)
    return KIND_PDF;
  return KIND_UNKNOWN;
}

static Kind
declared_kind (const char *media_type)
{
  if (media_type == NULL)
    return KIND_UNKNOWN;
  if (g_ascii_strcasecmp (media_type, "application/pdf") == 0)
    return KIND_PDF;
  if (g_ascii_strcasecmp (media_type, "image/jpeg") == 0
      || g_ascii_strcasecmp (media_type, "image/jpg") == 0)
    return KIND_JPEG;
  if (g_ascii_strcasecmp (media_type, "image/png") == 0)
    return KIND_PNG;
  return KIND_UNKNOWN;
}

/* A new empty file in the work directory; returns its path. */
static char *
temp_file_new (ZhiPdfAttachment *att, const char *what, int *fd, GError **error)
{
  const char *dir = att->work_dir ? att->work_dir : g_get_tmp_dir ();
  g_autofree char *name = g_strdup_printf (".zhizao-att%u-%s-XXXXXX", att->number, what);
  char *path = g_build_filename (dir, name, NULL);

  *fd = g_mkstemp_full (path, O_RDWR, 0600);
  if (*fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      g_free (path);
      return NULL;
    }
  return path;
}

/* Puts the file's bytes into att->file: its own path, or a copy in the work directory (the one
 * read of the evidence in a render; a stream is copied through, never held whole). */
static gboolean
materialize (ZhiPdfAttachment *att, GCancellable *cancellable, GError **error)
{
  g_autoptr (GOutputStream) out = NULL;
  g_autofree char *path = NULL;
  gboolean ok = FALSE;
  int fd;

  if (att->source == SOURCE_PATH)
    {
      if (!g_file_test (att->path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no such file", att->path);
          return FALSE;
        }
      att->file = g_strdup (att->path);
      att->file_is_ours = FALSE;
      return TRUE;
    }
  path = temp_file_new (att, "file", &fd, error);
  if (path == NULL)
    return FALSE;
  g_close (fd, NULL);
  {
    g_autoptr (GFile) file = g_file_new_for_path (path);

    out = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_PRIVATE, cancellable, error));
  }
  if (out == NULL)
    {
      g_unlink (path);
      return FALSE;
    }
  if (att->source == SOURCE_BYTES)
    {
      g_autoptr (GBytes) bytes = att->bytes_func (att->user_data, cancellable, error);
      gsize written;

      ok = bytes != NULL
           && g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL),
                                         g_bytes_get_size (bytes), &written, cancellable, error);
    }
  else
    {
      g_autoptr (GInputStream) in = att->stream_func (att->user_data, cancellable, error);

      ok = in != NULL
           && g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, cancellable,
                                      error)
                  >= 0;
    }
  if (!g_output_stream_close (out, NULL, ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    {
      g_unlink (path);
      return FALSE;
    }
  att->file = g_steal_pointer (&path);
  att->file_is_ours = TRUE;
  return TRUE;
}

/* Records why the attachment becomes a placeholder page. */
static void
fail (ZhiPdfAttachment *att, ZhiPdfAttachProblem problem, char *reason, const char *detail)
{
  g_clear_object (&att->pdf);
  g_clear_pointer (&att->image, cairo_surface_destroy);
  g_clear_pointer (&att->bytes, g_bytes_unref);
  att->kind = KIND_UNKNOWN;
  att->n_pages = 1;
  att->problem = problem;
  g_free (att->reason);
  att->reason = reason;
  g_free (att->detail);
  att->detail = g_strdup (detail);
}

static ZhiPdfAttachWarning *
warning_new (ZhiPdfAttachment *att)
{
  ZhiPdfAttachWarning *w = g_new0 (ZhiPdfAttachWarning, 1);

  w->number = att->number;
  w->file_name = g_strdup (att->file_name);
  w->sha256 = g_strdup (att->sha256);
  w->problem = att->problem;
  w->reason = g_strdup (att->reason);
  w->detail = g_strdup (att->detail);
  return w;
}

static GBytes *
map_file (const char *path, GError **error)
{
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  return mapped ? g_mapped_file_get_bytes (mapped) : NULL;
}

/* PDF: the original pages when qpdf reads the file as it is; else poppler's re-drawing. */
static void
inspect_pdf (ZhiPdfAttachment *att, GBytes *bytes)
{
  g_autoptr (GError) qpdf_error = NULL;
  g_autoptr (GError) local = NULL;
  PopplerDocument *pdf;

  /* kept open for the assembly (zhi_pdf_attachment_steal_source()): parsed once */
  if (zhi_pdf_read_pages_full (att->file, TRUE, att->file_is_ours, &att->pages, &qpdf_error))
    {
      att->kind = KIND_PDF_ORIGINAL;
      att->n_pages = att->pages.n_pages;
      att->underlay = g_strdup (att->file);
      if (att->pages.has_annotations)
        {
          g_autoptr (GError) flatten_error = NULL;
          int fd;
          g_autofree char *flat = temp_file_new (att, "flat", &fd, &flatten_error);

          if (flat != NULL)
            g_close (fd, NULL);
          /* annotations (e-seals, stamps) and filled-in fields are drawn into the page, or
           * they would be lost: qpdf's underlay carries the page content only */
          if (flat != NULL && zhi_pdf_flatten (att->file, flat, &flatten_error))
            {
              g_free (att->underlay);
              att->underlay = g_steal_pointer (&flat);
              att->underlay_is_ours = TRUE;
              /* the pages come from the flattened copy, opened by the assembly */
              zhi_pdf_source_free (zhi_pdf_pages_steal_source (&att->pages));
            }
          else
            {
              if (flat != NULL)
                g_unlink (flat);
              g_message ("attachment %u: annotations not flattened: %s", att->number,
                         flatten_error->message);
            }
        }
      return;
    }
  zhi_pdf_pages_clear (&att->pages);
  if (g_error_matches (qpdf_error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_PASSWORD))
    {
      fail (att, ZHI_PDF_ATTACH_PROBLEM_ENCRYPTED, g_strdup ("PDF 文件已加密，需要密码才能打开"),
            qpdf_error->message);
      return;
    }
  /* what qpdf cannot read as it is, poppler may still draw */
  pdf = poppler_document_new_from_bytes (bytes, NULL, &local);
  if (pdf == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        fail (att, ZHI_PDF_ATTACH_PROBLEM_ENCRYPTED, g_strdup ("PDF 文件已加密，需要密码才能打开"),
              local->message);
      else
        fail (att, ZHI_PDF_ATTACH_PROBLEM_DAMAGED, g_strdup ("PDF 文件已损坏或不完整，无法打开"),
              local ? local->message : qpdf_error->message);
      return;
    }
  att->n_pages = (guint)MAX (0, poppler_document_get_n_pages (pdf));
  g_object_unref (pdf);
  if (att->n_pages == 0)
    {
      fail (att, ZHI_PDF_ATTACH_PROBLEM_DAMAGED, g_strdup ("PDF 文件没有任何页面"), NULL);
      return;
    }
  att->kind = KIND_PDF;
}

/* Learns the kind, the pages and any problem; reads the evidence once. */
static gboolean
inspect (ZhiPdfAttachment *att, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const guint8 *data;
  gsize len;
  Kind kind, declared;

  att->kind = KIND_UNKNOWN;
  att->problem = ZHI_PDF_ATTACH_PROBLEM_NONE;
  if (!materialize (att, cancellable, &local) || (bytes = map_file (att->file, &local)) == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      fail (att, ZHI_PDF_ATTACH_PROBLEM_UNREADABLE, g_strdup ("无法读取文件内容"),
            local ? local->message : NULL);
      return TRUE;
    }

  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      fail (att, ZHI_PDF_ATTACH_PROBLEM_EMPTY, g_strdup ("文件为空（0 字节）"), NULL);
      return TRUE;
    }

  kind = sniff (data, len);
  declared = declared_kind (att->media_type);
  if (kind == KIND_UNKNOWN)
    {
      if (declared == KIND_PDF)
        fail (att, ZHI_PDF_ATTACH_PROBLEM_WRONG_TYPE,
              g_strdup ("文件内容不是 PDF 格式（可能是改了扩展名的其他文件）"), NULL);
      else if (declared != KIND_UNKNOWN)
        fail (att, ZHI_PDF_ATTACH_PROBLEM_WRONG_TYPE,
              g_strdup_printf ("文件内容与声明的类型 %s 不符", att->media_type), NULL);
      else
        fail (att, ZHI_PDF_ATTACH_PROBLEM_UNSUPPORTED,
              g_strdup_printf ("不支持嵌入此类型的文件（%s），仅支持 PDF、JPEG、PNG",
                               att->media_type ? att->media_type : "未知类型"),
              NULL);
      return TRUE;
    }

  switch (kind)
    {
      case KIND_PDF:
        inspect_pdf (att, bytes);
        break;
      case KIND_JPEG:
        {
          int w, h, n;

          if (!zhi_pdf_jpeg_get_info (data, len, &w, &h, &n))
            {
              fail (att, ZHI_PDF_ATTACH_PROBLEM_DAMAGED, g_strdup ("JPEG 图片已损坏，无法读取尺寸"),
                    NULL);
              return TRUE;
            }
          att->kind = KIND_JPEG;
          att->n_pages = 1;
        }
        break;
      case KIND_PNG:
        {
          g_autofree char *detail = NULL;
          int w, h;
          cairo_surface_t *image = png_decode (bytes, &w, &h, &detail);

          /* decoded here to learn whether it can be, and again when drawn: a decoded image is
           * not kept between the passes */
          if (image == NULL)
            {
              fail (att, ZHI_PDF_ATTACH_PROBLEM_DAMAGED, g_strdup ("PNG 图片已损坏或无法解码"),
                    detail);
              return TRUE;
            }
          cairo_surface_destroy (image);
          att->kind = KIND_PNG;
          att->n_pages = 1;
        }
        break;
      case KIND_PDF_ORIGINAL:
      case KIND_UNKNOWN:
        g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
zhi_pdf_attachment_inspect (ZhiPdfAttachment *att,
                            GCancellable *cancellable,
                            ZhiPdfAttachWarning **warning,
                            GError **error)
{
  g_return_val_if_fail (warning != NULL && *warning == NULL, FALSE);

  if (!att->inspected)
    {
      if (!inspect (att, cancellable, error))
        {
          zhi_pdf_attachment_discard (att);
          return FALSE;
        }
      att->inspected = TRUE;
    }
  if (att->problem != ZHI_PDF_ATTACH_PROBLEM_NONE)
    *warning = warning_new (att);
  return TRUE;
}

gboolean
zhi_pdf_attachment_open (ZhiPdfAttachment *att,
                         GCancellable *cancellable,
                         ZhiPdfAttachWarning **warning,
                         GError **error)
{
  g_autoptr (GError) local = NULL;

  zhi_pdf_attachment_close (att);
  if (!zhi_pdf_attachment_inspect (att, cancellable, warning, error))
    return FALSE;
  att->opened = TRUE;
  if (att->problem != ZHI_PDF_ATTACH_PROBLEM_NONE)
    return TRUE;

  /* what drawing needs, from the copy made by the first open */
  switch (att->kind)
    {
      case KIND_PDF_ORIGINAL:
        break;
      case KIND_PDF:
        {
          g_autoptr (GBytes) bytes = map_file (att->file, &local);

          att->pdf = bytes ? poppler_document_new_from_bytes (bytes, NULL, &local) : NULL;
        }
        break;
      case KIND_JPEG:
        {
          int w, h, n;
          GBytes *plain;

          att->bytes = map_file (att->file, &local);
          if (att->bytes == NULL
              || !zhi_pdf_jpeg_get_info (g_bytes_get_data (att->bytes, NULL),
                                         g_bytes_get_size (att->bytes), &w, &h, &n))
            break;
          att->image_width = w;
          att->image_height = h;
          plain = jpeg_without_fill_bytes (att->bytes);
          if (plain != NULL)
            {
              g_bytes_unref (att->bytes);
              att->bytes = plain;
            }
          att->image = jpeg_surface_new (att, w, h);
        }
        break;
      case KIND_PNG:
        {
          g_autoptr (GBytes) bytes = map_file (att->file, &local);
          g_autofree char *detail = NULL;

          if (bytes != NULL)
            att->image = png_decode (bytes, &att->image_width, &att->image_height, &detail);
        }
        break;
      case KIND_UNKNOWN:
        g_assert_not_reached ();
    }
  if (local != NULL)
    g_message ("attachment %u: %s", att->number, local->message);
  return TRUE;
}

/* ---- drawing ---------------------------------------------------------- */

static void
show_layout_at (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The stamp: a small white-backed label hugging the page's top edge, right-aligned — in the
 * margin of any page that has one, over the top edge of a page that has none; the page itself
 * is never scaled or covered in the middle.  Plain spaces: an ideographic one is a gap wide
 * enough for text extraction to split the label in two. */
char *
zhi_pdf_attachment_label_text (ZhiPdfAttachment *att, guint index, const char *fingerprint)
{
  return g_strdup_printf ("附件%u 第%u页/共%u页%s%s", att->number, index + 1,
                          zhi_pdf_attachment_get_n_pages (att),
                          fingerprint && *fingerprint ? " " : "", fingerprint ? fingerprint : "");
}

void
zhi_pdf_attachment_draw_label_template (cairo_t *cr,
                                        PangoContext *context,
                                        const char *chars,
                                        ZhiPdfFrameStyle *style)
{
  g_autoptr (PangoLayout) layout
      = zhi_pdf_layout_new (context, ZHI_PDF_SANS, PANGO_WEIGHT_NORMAL, LABEL_SIZE, chars, -1);
  g_autoptr (PangoLayout) space
      = zhi_pdf_layout_new (context, ZHI_PDF_SANS, PANGO_WEIGHT_NORMAL, LABEL_SIZE, " ", -1);
  PangoRectangle logical, space_logical;

  pango_layout_get_extents (layout, NULL, &logical);
  pango_layout_get_extents (space, NULL, &space_logical);
  style->size = LABEL_SIZE;
  style->pad = LABEL_PAD;
  style->edge = LABEL_EDGE;
  style->right = LABEL_RIGHT;
  style->line_height = logical.height / (double)PANGO_SCALE;
  style->baseline = (pango_layout_get_baseline (layout) - logical.y) / (double)PANGO_SCALE;
  style->space = space_logical.width / (double)PANGO_SCALE;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_move_to (cr, LABEL_RIGHT, LABEL_EDGE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_label (ZhiPdfAttachment *att,
            cairo_t *cr,
            PangoContext *context,
            guint index,
            double page_width,
            const char *fingerprint)
{
  g_autofree char *text = zhi_pdf_attachment_label_text (att, index, fingerprint);
  g_autoptr (PangoLayout) layout
      = zhi_pdf_layout_new (context, ZHI_PDF_SANS, PANGO_WEIGHT_NORMAL, LABEL_SIZE, text, -1);
  PangoRectangle logical;
  double w, h, x;

  pango_layout_get_extents (layout, NULL, &logical);
  w = logical.width / (double)PANGO_SCALE + 2 * LABEL_PAD;
  h = logical.height / (double)PANGO_SCALE + 2 * LABEL_PAD;
  x = MAX (0, page_width - LABEL_RIGHT - w);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, LABEL_EDGE, w, h);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.4);
  cairo_stroke (cr);
  /* one structure element per label: on a thousand pages every element counts */
  cairo_tag_begin (cr, "P", NULL);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_move_to (cr, x + LABEL_PAD - logical.x / (double)PANGO_SCALE, LABEL_EDGE + LABEL_PAD);
  pango_cairo_show_layout (cr, layout);
  cairo_tag_end (cr, "P");
  cairo_restore (cr);
}

static void
draw_placeholder (
    ZhiPdfAttachment *att, cairo_t *cr, PangoContext *context, double x, double y, double width)
{
  g_autofree char *text
      = g_strdup_printf ("此证明材料无法嵌入本申报书\n\n文件名：%s\nSHA-256：%s\n原因：%"
                         "s\n\n请向申报单位索取原件核对；原件的 "
                         "SHA-256 值应与上列一致。",
                         att->file_name, att->sha256[0] ? att->sha256 : "（未提供）",
                         att->reason ? att->reason : "未知");
  double pad = 14;
  g_autoptr (PangoLayout) layout
      = zhi_pdf_layout_new (context, ZHI_PDF_SERIF, PANGO_WEIGHT_NORMAL, 12, text, width - 2 * pad);
  int lw, lh;

  pango_layout_get_size (layout, &lw, &lh);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.97, 0.95, 0.9);
  cairo_rectangle (cr, x, y + 10, width, lh / (double)PANGO_SCALE + 2 * pad);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.6, 0, 0);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_tag_begin (cr, "P", NULL);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout_at (cr, layout, x + pad, y + 10 + pad);
  cairo_tag_end (cr, "P");
  cairo_restore (cr);
}

static void
frame_rect (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
zhi_pdf_attachment_draw_page (ZhiPdfAttachment *att,
                              cairo_t *cr,
                              PangoContext *context,
                              guint index,
                              double page_width,
                              double page_height,
                              const char *fingerprint)
{
  /* what is drawn here (not the originals) goes in the text block of an A4 page */
  double bx = ZHI_PDF_MARGIN_LEFT, by = ZHI_PDF_MARGIN_TOP;
  double bw = ZHI_PDF_BLOCK_WIDTH, bh = ZHI_PDF_BLOCK_HEIGHT;

  (void)page_height;
  draw_label (att, cr, context, index, page_width, fingerprint);
  if (att->kind == KIND_PDF_ORIGINAL)
    ; /* the original page is put under this one by qpdf */
  else if (att->kind == KIND_PDF && att->pdf && index < att->n_pages)
    {
      PopplerPage *page = poppler_document_get_page (att->pdf, (int)index);
      double pw = 0, ph = 0, s, dw, dh, ox;

      if (page)
        poppler_page_get_size (page, &pw, &ph);
      if (page == NULL || pw <= 0 || ph <= 0)
        g_clear_object (&page);
      else
        {
          s = MIN (bw / pw, bh / ph);
          dw = pw * s;
          dh = ph * s;
          ox = bx + (bw - dw) / 2;
          cairo_save (cr);
          cairo_tag_begin (cr, "Div", NULL);
          cairo_translate (cr, ox, by);
          cairo_scale (cr, s, s);
          cairo_rectangle (cr, 0, 0, pw, ph);
          cairo_clip (cr);
          poppler_page_render_for_printing (page, cr);
          g_object_unref (page);
          cairo_tag_end (cr, "Div");
          cairo_restore (cr);
          frame_rect (cr, ox, by, dw, dh);
        }
    }
  else if ((att->kind == KIND_JPEG || att->kind == KIND_PNG) && att->image)
    {
      int sw = cairo_image_surface_get_width (att->image);
      int sh = cairo_image_surface_get_height (att->image);
      double s = MIN (bw / att->image_width, bh / att->image_height);
      double dw = att->image_width * s, dh = att->image_height * s;
      double ox = bx + (bw - dw) / 2;
      cairo_pattern_t *pattern;

      cairo_save (cr);
      cairo_tag_begin (cr, "Figure", NULL);
      cairo_translate (cr, ox, by);
      cairo_scale (cr, dw / sw, dh / sh);
      cairo_set_source_surface (cr, att->image, 0, 0);
      pattern = cairo_get_source (cr);
      /* enlarged tiny images keep crisp pixels */
      cairo_pattern_set_filter (pattern, dw / sw > 4 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_tag_end (cr, "Figure");
      cairo_restore (cr);
      frame_rect (cr, ox, by, dw, dh);
    }
  else
    draw_placeholder (att, cr, context, bx, by, bw);
}
