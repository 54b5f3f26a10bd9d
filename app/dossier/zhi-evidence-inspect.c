/* zhi-evidence-inspect.c — does an evidence file open?  See the header. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <png.h>
#include <poppler.h>
#include <setjmp.h>
#include <string.h>

#include "zhi-evidence-inspect.h"
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

/* JPEG through gdk-pixbuf's incremental loader, decoded at a small size (libjpeg scales
 * while decoding, so memory stays small for any picture) */
static void
jpeg_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  (void)data;
  if (width > 64 || height > 64)
    gdk_pixbuf_loader_set_size (loader, MAX (1, width / 8), MAX (1, height / 8));
}

static gboolean
jpeg_feed (gpointer state, const guint8 *buf, gsize n)
{
  return gdk_pixbuf_loader_write (state, buf, n, NULL);
}

static const char *
inspect_jpeg (GFile *file,
              GInputStream *in,
              const guint8 *first,
              gsize n0,
              GCancellable *cancellable,
              GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", &local);
  if (loader == NULL)
    {
      could_not_read (error, file, local);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (jpeg_size_prepared), NULL);
  int fed = feed_stream (in, first, n0, jpeg_feed, loader, cancellable, &local);
  /* close in every case: the loader warns when disposed unclosed */
  g_autoptr (GError) closing = NULL;
  gboolean closed = gdk_pixbuf_loader_close (loader, &closing);
  if (fed < 0)
    {
      could_not_read (error, file, local);
      return NULL;
    }
  if (fed == 0 || !closed || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    return ZHI_EVIDENCE_PROBLEM_DAMAGED;
  return "";
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
            verdict = ZHI_EVIDENCE_PROBLEM_UNSUPPORTED;
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
  };
  if (problem == NULL || *problem == '\0')
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (problem, texts[i].code))
      return texts[i].zh;
  return "无法打开";
}
