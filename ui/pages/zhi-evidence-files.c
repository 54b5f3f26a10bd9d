/* zhi-evidence-files.c — what an evidence file is, and reading and drawing it
 *
 * Threads: the store may only be used from the main thread (zhi-store.h), so the bytes of
 * an item are read there, in chunks from an idle source, and only the rendering (poppler,
 * gdk-pixbuf) runs in a worker thread, on a GBytes copy.  Thumbnails are cached by SHA-256
 * for the whole process: identical bytes render once.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "zhi-evidence-files.h"
#include "zhi-pdf-render.h"
#include "zhi-store.h"

#define THUMB_WIDTH 96
#define THUMB_HEIGHT 128
#define PAGE_WIDTH 720
#define READ_CHUNK (256 * 1024)
#define MAX_RENDER_SIZE (G_GUINT64_CONSTANT (512) * 1024 * 1024)

/* ---- what a file is ------------------------------------------------------------------ */

gboolean
zhi_evidence_file_is_pdf (const char *media_type)
{
  return g_strcmp0 (media_type, "application/pdf") == 0;
}

gboolean
zhi_evidence_file_is_image (const char *media_type)
{
  return media_type != NULL && g_str_has_prefix (media_type, "image/");
}

char *
zhi_evidence_file_describe_type (const char *media_type)
{
  g_autofree char *type = g_content_type_from_mime_type (media_type);

  if (zhi_evidence_file_is_pdf (media_type))
    return g_strdup (_ ("PDF document"));
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return g_strdup (_ ("JPEG picture"));
  if (g_strcmp0 (media_type, "image/png") == 0)
    return g_strdup (_ ("PNG picture"));
  return g_content_type_get_description (type != NULL ? type : media_type);
}

const char *
zhi_evidence_file_type_icon (const char *media_type)
{
  if (zhi_evidence_file_is_image (media_type))
    return "image-x-generic-symbolic";
  if (zhi_evidence_file_is_pdf (media_type))
    return "x-office-document-symbolic";
  return "text-x-generic-symbolic";
}

/* ---- reading an item's bytes on the main thread, in chunks ---------------------------- */

typedef struct
{
  GInputStream *stream;
  GByteArray *data;
  guint64 size;
} ReadData;

static void
read_data_free (ReadData *d)
{
  g_clear_object (&d->stream);
  g_clear_pointer (&d->data, g_byte_array_unref);
  g_free (d);
}

static gboolean
read_chunk_cb (gpointer user_data)
{
  GTask *task = user_data;
  ReadData *d = g_task_get_task_data (task);
  GError *error = NULL;
  guint len = d->data->len;
  gssize n;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  g_byte_array_set_size (d->data, len + READ_CHUNK);
  n = g_input_stream_read (d->stream, d->data->data + len, READ_CHUNK,
                           g_task_get_cancellable (task), &error);
  if (n < 0)
    {
      g_task_return_error (task, error);
      return G_SOURCE_REMOVE;
    }
  g_byte_array_set_size (d->data, len + n);
  if (n == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&d->data)),
                             (GDestroyNotify)g_bytes_unref);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
zhi_evidence_file_read_async (ZhiProject *project,
                              ZhiEvidence *evidence,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task = g_task_new (evidence, cancellable, callback, user_data);
  g_autoptr (GSource) source = NULL;
  GError *error = NULL;
  ReadData *d;

  if (zhi_evidence_get_size (evidence) > MAX_RENDER_SIZE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               _ ("The file is too large to show here."));
      g_object_unref (task);
      return;
    }
  d = g_new0 (ReadData, 1);
  g_task_set_task_data (task, d, (GDestroyNotify)read_data_free);
  d->stream = zhi_project_open_evidence_stream (project, zhi_evidence_get_id (evidence), &error);
  if (d->stream == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  d->size = zhi_evidence_get_size (evidence);
  d->data = g_byte_array_sized_new (MIN (d->size, MAX_RENDER_SIZE) + 1);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_task_attach_source (task, source, read_chunk_cb);
  g_object_unref (task); /* the source holds it */
}

GBytes *
zhi_evidence_file_read_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- rendering, in worker threads ----------------------------------------------------- */

typedef struct
{
  GBytes *pixels;
  int width;
  int height;
  gsize stride;
  GdkMemoryFormat format;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->pixels, g_bytes_unref);
}

static GdkTexture *
pixels_to_texture (Pixels *p)
{
  if (p->pixels == NULL)
    return NULL;
  return gdk_memory_texture_new (p->width, p->height, p->format, p->pixels, p->stride);
}

/* The message for a PDF poppler refuses, naming the cause. */
static char *
pdf_problem (const GError *error)
{
  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    return g_strdup (_ ("The PDF is protected by a password, so it cannot be shown or put "
                        "into the dossier. Attach a copy saved without a password."));
  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_DAMAGED)
      || g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_INVALID))
    return g_strdup (_ ("The file is damaged or is not a PDF. Open it in a PDF reader; if it "
                        "shows there, print it to a new PDF and attach that one."));
  return g_strdup_printf (_ ("The PDF cannot be read: %s"), error->message);
}

/* Renders @page into a white-backed cairo image fitted into @max_w × @max_h. */
static void
render_pdf_page (PopplerPage *page, int max_w, int max_h, Pixels *out)
{
  double w, h, scale;
  int width, height;

  poppler_page_get_size (page, &w, &h);
  if (w <= 0 || h <= 0)
    w = 595, h = 842;
  scale = max_w / w;
  if (max_h > 0)
    scale = MIN (scale, max_h / h);
  width = MAX (1, (int)(w * scale + 0.5));
  height = MAX (1, (int)(h * scale + 0.5));
  out->width = width;
  out->height = height;
  out->format = GDK_MEMORY_DEFAULT; /* cairo's ARGB32 in native byte order, premultiplied */
  out->pixels = zhi_pdf_render_page (page, scale, width, height, &out->stride);
}

static gboolean
render_image (GBytes *bytes, int max_w, int max_h, Pixels *out, char **problem)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf
      = gdk_pixbuf_new_from_stream_at_scale (in, max_w, max_h, TRUE, NULL, &error);
  g_autoptr (GdkPixbuf) oriented = NULL;

  if (pixbuf == NULL)
    {
      *problem = g_strdup_printf (_ ("The picture cannot be read: %s"), error->message);
      return FALSE;
    }
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  out->width = gdk_pixbuf_get_width (oriented);
  out->height = gdk_pixbuf_get_height (oriented);
  out->stride = gdk_pixbuf_get_rowstride (oriented);
  out->format = gdk_pixbuf_get_has_alpha (oriented) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8;
  out->pixels = gdk_pixbuf_read_pixel_bytes (oriented);
  return TRUE;
}

GtkFileChooserNative *
zhi_evidence_file_chooser_new (GtkWidget *widget, const char *title)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser
      = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Add"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) supported = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (supported, _ ("PDF documents and pictures"));
  gtk_file_filter_add_mime_type (supported, "application/pdf");
  gtk_file_filter_add_mime_type (supported, "image/jpeg");
  gtk_file_filter_add_mime_type (supported, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), supported);
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  return chooser;
}

char *
zhi_evidence_file_pages_text (guint pages)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", pages), pages);
}

/* ---- thumbnails, cached per SHA-256 for the process ---------------------------------- */

static void
thumb_free (ZhiEvidenceThumb *t)
{
  g_clear_object (&t->texture);
  g_free (t->problem);
  g_free (t);
}

static GHashTable *
thumb_cache (void)
{
  static GHashTable *cache;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)thumb_free);
  return cache;
}

const ZhiEvidenceThumb *
zhi_evidence_thumb_lookup (ZhiEvidence *evidence)
{
  return g_hash_table_lookup (thumb_cache (), zhi_evidence_get_sha256 (evidence));
}

typedef struct
{
  ZhiEvidence *evidence;
  char *media_type;
  GBytes *bytes;
  /* out */
  Pixels pixels;
  guint pages;
  char *problem;
} ThumbJob;

static void
thumb_job_free (ThumbJob *j)
{
  g_clear_object (&j->evidence);
  g_free (j->media_type);
  g_clear_pointer (&j->bytes, g_bytes_unref);
  pixels_clear (&j->pixels);
  g_free (j->problem);
  g_free (j);
}

static void
thumb_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ThumbJob *j = task_data;

  if (zhi_evidence_file_is_pdf (j->media_type))
    {
      /* poppler-glib 22.12 defines no autoptr cleanups */
      g_autoptr (GError) error = NULL;
      PopplerDocument *doc = poppler_document_new_from_bytes (j->bytes, NULL, &error);

      if (doc == NULL)
        j->problem = pdf_problem (error);
      else if ((j->pages = poppler_document_get_n_pages (doc)) == 0)
        j->problem = g_strdup (_ ("The PDF has no pages."));
      else
        {
          PopplerPage *page = poppler_document_get_page (doc, 0);

          if (page != NULL)
            render_pdf_page (page, THUMB_WIDTH, THUMB_HEIGHT, &j->pixels);
          g_clear_object (&page);
        }
      g_clear_object (&doc);
    }
  else if (zhi_evidence_file_is_image (j->media_type))
    {
      if (render_image (j->bytes, THUMB_WIDTH, THUMB_HEIGHT, &j->pixels, &j->problem))
        j->pages = 1;
    }
  g_clear_pointer (&j->bytes, g_bytes_unref);
  g_task_return_boolean (task, TRUE);
}

void
zhi_evidence_thumb_render_async (gpointer source_object,
                                 ZhiEvidence *evidence,
                                 GBytes *bytes,
                                 const char *problem,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  ThumbJob *j = g_new0 (ThumbJob, 1);

  j->evidence = g_object_ref (evidence);
  j->media_type = g_strdup (zhi_evidence_get_media_type (evidence));
  j->problem = g_strdup (problem);
  g_task_set_task_data (task, j, (GDestroyNotify)thumb_job_free);
  if (bytes == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  j->bytes = g_bytes_ref (bytes);
  g_task_run_in_thread (task, thumb_thread);
}

const ZhiEvidenceThumb *
zhi_evidence_thumb_render_finish (GAsyncResult *result, GError **error)
{
  ThumbJob *j = g_task_get_task_data (G_TASK (result));
  ZhiEvidenceThumb *thumb;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  thumb = g_new0 (ZhiEvidenceThumb, 1);
  thumb->texture = pixels_to_texture (&j->pixels);
  thumb->pages = j->pages;
  thumb->problem = g_steal_pointer (&j->problem);
  g_hash_table_replace (thumb_cache (), g_strdup (zhi_evidence_get_sha256 (j->evidence)), thumb);
  return thumb;
}

/* ---- the preview of one item: its pages ----------------------------------------------- */

/* The bytes of the previewed item, shared with the render threads; poppler documents are
 * not to be used by two threads at once, hence the lock. */
struct _ZhiEvidencePreview
{
  GBytes *bytes;
  char *media_type;
  GMutex lock;
  PopplerDocument *doc; /* opened on first use, under the lock */
  char *problem;        /* set when opening failed, under the lock */
};

static void
preview_doc_clear (gpointer data)
{
  ZhiEvidencePreview *doc = data;

  g_bytes_unref (doc->bytes);
  g_free (doc->media_type);
  g_clear_object (&doc->doc);
  g_free (doc->problem);
  g_mutex_clear (&doc->lock);
}

ZhiEvidencePreview *
zhi_evidence_preview_new (GBytes *bytes, const char *media_type)
{
  ZhiEvidencePreview *doc = g_atomic_rc_box_new0 (ZhiEvidencePreview);

  doc->bytes = g_bytes_ref (bytes);
  doc->media_type = g_strdup (media_type);
  g_mutex_init (&doc->lock);
  return doc;
}

void
zhi_evidence_preview_unref (ZhiEvidencePreview *doc)
{
  g_atomic_rc_box_release_full (doc, preview_doc_clear);
}

/* with doc->lock held */
static PopplerDocument *
preview_doc_open (ZhiEvidencePreview *doc)
{
  if (doc->doc == NULL && doc->problem == NULL)
    {
      g_autoptr (GError) error = NULL;

      doc->doc = poppler_document_new_from_bytes (doc->bytes, NULL, &error);
      if (doc->doc == NULL)
        doc->problem = pdf_problem (error);
    }
  return doc->doc;
}

typedef struct
{
  ZhiEvidencePreview *doc;
  guint index;
  Pixels pixels;
  guint n_pages;
  char *problem;
} PageJob;

static void
page_job_free (PageJob *j)
{
  zhi_evidence_preview_unref (j->doc);
  pixels_clear (&j->pixels);
  g_free (j->problem);
  g_free (j);
}

static void
open_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PageJob *j = task_data;

  g_mutex_lock (&j->doc->lock);
  if (preview_doc_open (j->doc) != NULL)
    j->n_pages = poppler_document_get_n_pages (j->doc->doc);
  else
    j->problem = g_strdup (j->doc->problem);
  g_mutex_unlock (&j->doc->lock);
  g_task_return_boolean (task, TRUE);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PageJob *j = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (zhi_evidence_file_is_pdf (j->doc->media_type))
    {
      g_mutex_lock (&j->doc->lock);
      if (preview_doc_open (j->doc) != NULL)
        {
          PopplerPage *page = poppler_document_get_page (j->doc->doc, j->index);

          if (page != NULL)
            render_pdf_page (page, PAGE_WIDTH, 0, &j->pixels);
          g_clear_object (&page);
        }
      g_mutex_unlock (&j->doc->lock);
    }
  else
    render_image (j->doc->bytes, PAGE_WIDTH, -1, &j->pixels, &j->problem);
  g_task_return_boolean (task, TRUE);
}

ZhiEvidencePreview *
zhi_evidence_preview_ref (ZhiEvidencePreview *doc)
{
  return g_atomic_rc_box_acquire (doc);
}

/* Runs @thread on a PageJob for page @index of @doc. */
static void
page_job_run (ZhiEvidencePreview *doc,
              guint index,
              GTaskThreadFunc thread,
              gpointer source_object,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  PageJob *j = g_new0 (PageJob, 1);

  j->doc = zhi_evidence_preview_ref (doc);
  j->index = index;
  g_task_set_task_data (task, j, (GDestroyNotify)page_job_free);
  g_task_run_in_thread (task, thread);
}

/* The finished PageJob of @result, or NULL with @error. */
static PageJob *
page_job_finish (GAsyncResult *result, GError **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

void
zhi_evidence_preview_count_pages_async (ZhiEvidencePreview *doc,
                                        gpointer source_object,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  page_job_run (doc, 0, open_thread, source_object, cancellable, callback, user_data);
}

gboolean
zhi_evidence_preview_count_pages_finish (
    GAsyncResult *result, ZhiEvidencePreview **doc, guint *n_pages, char **problem, GError **error)
{
  PageJob *j = page_job_finish (result, error);

  if (j == NULL)
    return FALSE;
  *doc = j->doc;
  *n_pages = j->n_pages;
  *problem = g_steal_pointer (&j->problem);
  return TRUE;
}

void
zhi_evidence_preview_render_page_async (ZhiEvidencePreview *doc,
                                        guint index,
                                        gpointer source_object,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  page_job_run (doc, index, render_thread, source_object, cancellable, callback, user_data);
}

gboolean
zhi_evidence_preview_render_page_finish (GAsyncResult *result,
                                         ZhiEvidencePreview **doc,
                                         guint *index,
                                         GdkTexture **texture,
                                         GError **error)
{
  PageJob *j = page_job_finish (result, error);

  if (j == NULL)
    return FALSE;
  *doc = j->doc;
  *index = j->index;
  *texture = pixels_to_texture (&j->pixels);
  return TRUE;
}

/* ---- problems ------------------------------------------------------------------------- */

/* Why the file cannot be used, or NULL: the inspection recorded in the project (the file
 * does not open, so it supports nothing), else what the thumbnailer found. */
char *
zhi_evidence_file_problem (ZhiEvidence *evidence)
{
  const ZhiEvidenceThumb *thumb = zhi_evidence_thumb_lookup (evidence);

  if (!zhi_evidence_get_usable (evidence))
    return g_strdup_printf (
        _ ("%s: this file does not open, so it supports nothing. Replace it with a file that "
           "opens."),
        zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));
  if (thumb != NULL && thumb->problem != NULL)
    return g_strdup (thumb->problem);
  return NULL;
}
