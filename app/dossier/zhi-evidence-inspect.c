/* zhi-evidence-inspect.c — does an evidence file open?  See the header. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <png.h>
#include <poppler.h>
#include <setjmp.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

#include "zhi-evidence-inspect.h"
#include "zhi-office-convert.h"
#include "zhi-project.h"
#include "zhi-store.h"

#define CHUNK_SIZE (64 * 1024)
/* the dossier's own PNG limit (zhi-pdf-attach.c): what it cannot embed is not usable */
#define PNG_MAX_SIDE 100000

typedef enum
{
  KIND_UNKNOWN,
  KIND_PDF,
  KIND_JPEG,
  KIND_PNG,
} Kind;

static Kind
sniff (const guint8 *buf, gsize n)
{
  if (n >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF)
    return KIND_JPEG;
  if (n >= 8 && memcmp (buf, "\x89PNG\r\n\x1a\n", 8) == 0)
    return KIND_PNG;
  /* like PDF readers, accept the header anywhere in the first kilobyte */
  for (gsize i = 0; i + 5 <= MIN (n, 1024); i++)
    if (memcmp (buf + i, "%PDF-", 5) == 0)
      return KIND_PDF;
  return KIND_UNKNOWN;
}

static gboolean
could_not_read (GError **error, GFile *file, GError *cause)
{
  g_autofree char *name = g_file_get_parse_name (file);
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _ ("Could not read “%s” to check it: %s. Check the file and try again."), name,
                 cause->message);
  return FALSE;
}

/* ---- PDF ---- */

static const char *
inspect_pdf (GFile *file, guint *pages, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local = NULL;
  PopplerDocument *doc = poppler_document_new_from_gfile (file, NULL, cancellable, &local);
  if (doc == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        return ZHI_EVIDENCE_PROBLEM_ENCRYPTED;
      return ZHI_EVIDENCE_PROBLEM_DAMAGED;
    }
  const char *verdict = "";
  int n = poppler_document_get_n_pages (doc);
  if (n <= 0)
    verdict = ZHI_EVIDENCE_PROBLEM_NO_PAGES;
  /* a page tree that names pages which are not there */
  for (int i = 0; i < n && *verdict == '\0'; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      if (page == NULL)
        verdict = ZHI_EVIDENCE_PROBLEM_DAMAGED;
      g_clear_object (&page);
    }
  g_object_unref (doc);
  if (*verdict == '\0')
    *pages = (guint)n;
  return verdict;
}

/* ---- pictures: fed chunk by chunk from the stream ---- */

typedef gboolean (*FeedFunc) (gpointer state, const guint8 *buf, gsize n);

/* Feeds @in (whose first @n0 bytes are already in @first) to @feed.  -1 read error (set),
 * 0 the decoder refused the data, 1 all fed. */
static int
feed_stream (GInputStream *in,
             const guint8 *first,
             gsize n0,
             FeedFunc feed,
             gpointer state,
             GCancellable *cancellable,
             GError **error)
{
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);
  if (n0 > 0 && !feed (state, first, n0))
    return 0;
  for (;;)
    {
      gssize n = g_input_stream_read (in, buf, CHUNK_SIZE, cancellable, error);
      if (n < 0)
        return -1;
      if (n == 0)
        return 1;
      if (!feed (state, buf, n))
        return 0;
    }
}

/* JPEG through libjpeg, read from the stream in chunks and decoded at 1/8 scale one row at a
 * time (memory stays small for any picture).  libjpeg only warns when the data ends early
 * or a segment is cut short, filling the rest with grey: those warnings mean damaged. */
typedef struct
{
  struct jpeg_source_mgr pub;
  GInputStream *in;
  GCancellable *cancellable;
  GError *error; /* a read error */
  const guint8 *first;
  gsize n_first;
  guint8 *buf;
  gboolean ended; /* the stream is at its end */
} JpegSource;

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf jump;
  gboolean cut_short;
} JpegErrors;

static void
jpeg_error_exit_cb (j_common_ptr cinfo)
{
  JpegErrors *err = (JpegErrors *)cinfo->err;
  longjmp (err->jump, 1);
}

static void
jpeg_message_cb (j_common_ptr cinfo, int level)
{
  JpegErrors *err = (JpegErrors *)cinfo->err;
  /* level -1: a warning.  Data that ends early or a segment cut short are damage; others
   * (extraneous bytes before a marker …) are what cameras write and viewers accept. */
  if (level < 0 && (err->pub.msg_code == JWRN_JPEG_EOF || err->pub.msg_code == JWRN_HIT_MARKER))
    err->cut_short = TRUE;
}

static void
jpeg_init_source_cb (j_decompress_ptr cinfo)
{
  (void)cinfo;
}

static boolean
jpeg_fill_cb (j_decompress_ptr cinfo)
{
  static const JOCTET eoi[2] = { 0xFF, JPEG_EOI };
  JpegSource *src = (JpegSource *)cinfo->src;
  gssize n = 0;

  if (src->first != NULL)
    {
      src->pub.next_input_byte = src->first;
      src->pub.bytes_in_buffer = src->n_first;
      src->first = NULL;
      return TRUE;
    }
  if (!src->ended && src->error == NULL)
    n = g_input_stream_read (src->in, src->buf, CHUNK_SIZE, src->cancellable, &src->error);
  if (n <= 0)
    {
      /* the end (or a read error, reported after): libjpeg's own advice is a fake EOI, and it
       * warns JWRN_JPEG_EOF */
      src->ended = TRUE;
      WARNMS (cinfo, JWRN_JPEG_EOF);
      src->pub.next_input_byte = eoi;
      src->pub.bytes_in_buffer = 2;
      return TRUE;
    }
  src->pub.next_input_byte = src->buf;
  src->pub.bytes_in_buffer = (size_t)n;
  return TRUE;
}

static void
jpeg_skip_cb (j_decompress_ptr cinfo, long count)
{
  JpegSource *src = (JpegSource *)cinfo->src;
  while (count > 0)
    {
      if (src->pub.bytes_in_buffer == 0)
        jpeg_fill_cb (cinfo);
      size_t k = MIN ((size_t)count, src->pub.bytes_in_buffer);
      src->pub.next_input_byte += k;
      src->pub.bytes_in_buffer -= k;
      count -= (long)k;
    }
}

static void
jpeg_term_source_cb (j_decompress_ptr cinfo)
{
  (void)cinfo;
}

static const char *
inspect_jpeg (GFile *file,
              GInputStream *in,
              const guint8 *first,
              gsize n0,
              GCancellable *cancellable,
              GError **error)
{
  struct jpeg_decompress_struct cinfo;
  JpegErrors err;
  JpegSource src;
  JSAMPARRAY row = NULL;
  volatile gboolean decoded = FALSE;

  memset (&src, 0, sizeof src);
  memset (&err, 0, sizeof err);
  src.in = in;
  src.cancellable = cancellable;
  src.first = first;
  src.n_first = n0;
  src.buf = g_malloc (CHUNK_SIZE);
  src.pub.init_source = jpeg_init_source_cb;
  src.pub.fill_input_buffer = jpeg_fill_cb;
  src.pub.skip_input_data = jpeg_skip_cb;
  src.pub.resync_to_restart = jpeg_resync_to_restart;
  src.pub.term_source = jpeg_term_source_cb;

  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = jpeg_error_exit_cb;
  err.pub.emit_message = jpeg_message_cb;
  jpeg_create_decompress (&cinfo);
  if (setjmp (err.jump) == 0)
    {
      cinfo.src = &src.pub;
      jpeg_read_header (&cinfo, TRUE);
      cinfo.scale_num = 1;
      cinfo.scale_denom = 8;
      cinfo.dct_method = JDCT_IFAST;
      jpeg_start_decompress (&cinfo);
      row = (*cinfo.mem->alloc_sarray) ((j_common_ptr)&cinfo, JPOOL_IMAGE,
                                        cinfo.output_width * cinfo.output_components, 1);
      while (cinfo.output_scanline < cinfo.output_height && !err.cut_short)
        jpeg_read_scanlines (&cinfo, row, 1);
      if (!err.cut_short)
        jpeg_finish_decompress (&cinfo);
      decoded = TRUE;
    }
  jpeg_destroy_decompress (&cinfo);
  g_free (src.buf);
  if (src.error != NULL)
    {
      could_not_read (error, file, src.error);
      g_error_free (src.error);
      return NULL;
    }
  return decoded && !err.cut_short ? "" : ZHI_EVIDENCE_PROBLEM_DAMAGED;
}

/* PNG through libpng's progressive reader, every row decoded and dropped */
typedef struct
{
  png_structp png;
  png_infop info;
  gboolean ended;
} PngState;

static void
png_error_cb (png_structp png, png_const_charp message)
{
  (void)message;
  png_longjmp (png, 1);
}

static void
png_warning_cb (png_structp png, png_const_charp message)
{
  (void)png;
  (void)message;
}

static void
png_info_cb (png_structp png, png_infop info)
{
  if (png_get_interlace_type (png, info) != PNG_INTERLACE_NONE)
    png_set_interlace_handling (png);
  png_read_update_info (png, info);
}

static void
png_row_cb (png_structp png, png_bytep row, png_uint_32 n, int pass)
{
  (void)png;
  (void)row;
  (void)n;
  (void)pass;
}

static void
png_end_cb (png_structp png, png_infop info)
{
  PngState *st = png_get_progressive_ptr (png);
  (void)info;
  st->ended = TRUE;
}

static gboolean
png_feed (gpointer state, const guint8 *buf, gsize n)
{
  PngState *st = state;
  if (setjmp (png_jmpbuf (st->png)))
    return FALSE;
  png_process_data (st->png, st->info, (png_bytep)buf, n);
  return TRUE;
}

static const char *
inspect_png (GFile *file,
             GInputStream *in,
             const guint8 *first,
             gsize n0,
             GCancellable *cancellable,
             GError **error)
{
  PngState st = { 0 };
  g_autoptr (GError) local = NULL;
  st.png = png_create_read_struct (PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warning_cb);
  if (st.png == NULL)
    return ZHI_EVIDENCE_PROBLEM_DAMAGED;
  st.info = png_create_info_struct (st.png);
  if (st.info == NULL)
    {
      png_destroy_read_struct (&st.png, NULL, NULL);
      return ZHI_EVIDENCE_PROBLEM_DAMAGED;
    }
  png_set_user_limits (st.png, PNG_MAX_SIDE, PNG_MAX_SIDE);
  png_set_progressive_read_fn (st.png, &st, png_info_cb, png_row_cb, png_end_cb);
  int fed = feed_stream (in, first, n0, png_feed, &st, cancellable, &local);
  gboolean ended = st.ended;
  png_destroy_read_struct (&st.png, &st.info, NULL);
  if (fed < 0)
    {
      could_not_read (error, file, local);
      return NULL;
    }
  /* a file that stops before its IEND is truncated */
  return fed == 1 && ended ? "" : ZHI_EVIDENCE_PROBLEM_DAMAGED;
}

/* ---- the inspector ---- */

gboolean
zhi_evidence_inspect_file (GFile *file,
                           const char *media_type,
                           guint *pages,
                           char **problem,
                           GCancellable *cancellable,
                           GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (pages != NULL && problem != NULL, FALSE);
  *pages = 0;
  *problem = NULL;

  g_autoptr (GError) local = NULL;
  g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    return could_not_read (error, file, local);
  guint8 head[1024];
  gsize n0 = 0;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n0, cancellable, &local))
    return could_not_read (error, file, local);

  const char *verdict;
  if (n0 == 0)
    verdict = ZHI_EVIDENCE_PROBLEM_EMPTY;
  else
    switch (sniff (head, n0))
      {
        case KIND_PDF:
          g_input_stream_close (G_INPUT_STREAM (in), NULL, NULL);
          verdict = inspect_pdf (file, pages, cancellable, error);
          break;
        case KIND_JPEG:
          verdict = inspect_jpeg (file, G_INPUT_STREAM (in), head, n0, cancellable, error);
          *pages = 1;
          break;
        case KIND_PNG:
          verdict = inspect_png (file, G_INPUT_STREAM (in), head, n0, cancellable, error);
          *pages = 1;
          break;
        case KIND_UNKNOWN:
        default:
          if (g_strcmp0 (media_type, "application/pdf") == 0)
            verdict = ZHI_EVIDENCE_PROBLEM_NOT_A_PDF;
          else if (media_type != NULL && g_str_has_prefix (media_type, "image/"))
            verdict = ZHI_EVIDENCE_PROBLEM_NOT_AN_IMAGE;
          else
            {
              g_autofree char *name = g_file_get_basename (file);
              verdict = zhi_office_is_document (name, media_type)
                            ? ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED
                            : ZHI_EVIDENCE_PROBLEM_UNSUPPORTED;
            }
          break;
      }
  if (verdict == NULL)
    return FALSE;
  if (*verdict)
    {
      *pages = 0;
      *problem = g_strdup (verdict);
    }
  return TRUE;
}

void
zhi_evidence_inspector_install (void)
{
  zhi_evidence_set_inspector (zhi_evidence_inspect_file);
}

const char *
zhi_evidence_problem_zh (const char *problem)
{
  static const struct
  {
    const char *code;
    const char *zh;
  } texts[] = {
    { ZHI_EVIDENCE_PROBLEM_EMPTY, "空文件" },
    { ZHI_EVIDENCE_PROBLEM_ENCRYPTED, "已加密，需要密码" },
    { ZHI_EVIDENCE_PROBLEM_DAMAGED, "文件已损坏" },
    { ZHI_EVIDENCE_PROBLEM_NO_PAGES, "PDF 没有页面" },
    { ZHI_EVIDENCE_PROBLEM_NOT_A_PDF, "不是 PDF 文件" },
    { ZHI_EVIDENCE_PROBLEM_NOT_AN_IMAGE, "不是图片" },
    { ZHI_EVIDENCE_PROBLEM_UNSUPPORTED, "不支持的文件类型" },
    { ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED, "Office 文档，尚未转换为 PDF" },
  };
  if (problem == NULL || *problem == '\0')
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (problem, texts[i].code))
      return texts[i].zh;
  return "无法打开";
}
