/* zhi-pdf-write.c — a ZhiPdfDoc written: the layout pass, the cairo pass and the qpdf pass */
#include "zhi-pdf-doc-private.h"
#include "zhi-pdf-memory.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the two passes --------------------------------------------------- */

/* The room the block at @index needs at the foot of a page so that a heading before it is not
 * left alone there (0 past the end, before a page break, for attachments). */
double
zhi_pdf_writer_keep_height (Writer *w, guint index)
{
  Block *b;

  if (index >= w->doc->blocks->len)
    return 0;
  b = g_ptr_array_index (w->doc->blocks, index);
  switch (b->type)
    {
      case BLOCK_HEADING:
        zhi_pdf_writer_heading_prepare (w, b);
        return (b->level == 1 ? 14 : 8)
               + zhi_pdf_writer_lines_height (&b->lines, 0, b->lines.lines->len)
               + (b->level == 1 ? 8 : 4) + zhi_pdf_writer_keep_height (w, index + 1);
      case BLOCK_PARAGRAPH:
        zhi_pdf_writer_paragraph_prepare (w, b);
        return zhi_pdf_writer_paragraph_space_before (b)
               + zhi_pdf_writer_lines_height (&b->lines, 0,
                                              zhi_pdf_writer_paragraph_keep_lines (b));
      case BLOCK_TABLE:
        return 6 + zhi_pdf_writer_table_start_height (w, b->table);
      case BLOCK_DRAWING:
        return 6 + b->height;
      case BLOCK_SPACER:
      case BLOCK_PAGE_BREAK:
      case BLOCK_CONTENTS:
      case BLOCK_ATTACHMENT:
        break;
    }
  return 0;
}

static PangoContext *
context_new (PangoFontMap *font_map)
{
  PangoContext *context
      = pango_font_map_create_context (font_map ? font_map : pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* the same metrics in both passes and whatever the target */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  return context;
}

static void
run_pass (Writer *w)
{
  guint i;

  w->page = -1;
  w->page_open = FALSE;
  memset (w->outline_parent, 0, sizeof w->outline_parent);
  zhi_pdf_writer_tag_begin (w, "Document", NULL);
  for (i = 0; i < w->doc->blocks->len && !w->cancelled; i++)
    {
      Block *b = g_ptr_array_index (w->doc->blocks, i);

      switch (b->type)
        {
          case BLOCK_HEADING:
            zhi_pdf_writer_place_heading (w, b, i);
            break;
          case BLOCK_PARAGRAPH:
            zhi_pdf_writer_place_paragraph (w, b);
            break;
          case BLOCK_TABLE:
            zhi_pdf_writer_place_table (w, b);
            break;
          case BLOCK_SPACER:
            zhi_pdf_writer_open_page (w);
            if (!zhi_pdf_writer_page_is_empty (w))
              zhi_pdf_writer_space_after (w, b->height);
            break;
          case BLOCK_PAGE_BREAK:
            zhi_pdf_writer_close_page (w);
            break;
          case BLOCK_DRAWING:
            zhi_pdf_writer_place_drawing (w, b);
            break;
          case BLOCK_CONTENTS:
            zhi_pdf_writer_place_contents (w, b);
            break;
          case BLOCK_ATTACHMENT:
            zhi_pdf_writer_place_attachment (w, b);
            break;
        }
    }
  if (w->page < 0)
    zhi_pdf_writer_open_page (w);
  zhi_pdf_writer_close_page (w);
  zhi_pdf_writer_tag_end (w, "Document");
}

typedef struct
{
  GOutputStream *out;
  GCancellable *cancellable;
  GError *error;
  gboolean stop;
} StreamClosure;

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  StreamClosure *sc = closure;

  if (sc->stop || sc->error)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sc->out, data, length, NULL, sc->cancellable, &sc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (ZhiPdfDoc *doc, cairo_surface_t *surface)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date
      = g_date_time_format (doc->create_date ? doc->create_date : now, "%Y-%m-%dT%H:%M:%S%:z");

  if (doc->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  if (doc->author)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, doc->author);
  if (doc->subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  doc->creator ? doc->creator : "Zhizao");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static void
writer_clear_layouts (Writer *w)
{
  g_ptr_array_foreach (w->doc->blocks, zhi_pdf_doc_block_clear_layouts, NULL);
  g_clear_object (&w->footer);
  g_clear_object (&w->watermark);
  g_clear_pointer (&w->watermark_mark, cairo_surface_destroy);
}

/* Pass 2 into @out.  FALSE with @error set, or with w->cancelled. */
static gboolean
write_pass (Writer *w, GOutputStream *out, GError **error)
{
  StreamClosure sc = { 0 };
  cairo_status_t status;

  sc.out = out;
  sc.cancellable = w->cancellable;
  w->writing = TRUE;
  w->surface = cairo_pdf_surface_create_for_stream (write_cb, &sc, ZHI_PDF_PAGE_WIDTH,
                                                    ZHI_PDF_PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (w->surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (w->doc, w->surface);
  w->cr = cairo_create (w->surface);
  g_ptr_array_set_size (w->doc->figure_alts, 0);
  g_array_set_size (w->doc->own_pages, 0);
  w->done = 0;
  /* set by the first original page (zhi_pdf_writer_place_attachment()) */
  w->defer_last = FALSE;
  run_pass (w);
  if (w->doc->underlays->len > 0 && !w->cancelled)
    zhi_pdf_writer_draw_template (w);
  g_ptr_array_add (w->doc->figure_alts, NULL);
  cairo_destroy (w->cr);
  if (w->cancelled)
    sc.stop = TRUE;
  cairo_surface_finish (w->surface);
  status = cairo_surface_status (w->surface);
  cairo_surface_destroy (w->surface);
  w->surface = NULL;
  w->cr = NULL;
  if (w->cancelled)
    {
      g_clear_error (&sc.error);
      return FALSE;
    }
  if (sc.error)
    {
      g_propagate_error (error, sc.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_FAILED,
                   _ ("The dossier could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* A new empty file (mode 0600) in @dir; returns its path. */
static char *
temp_file_new (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, ".zhizao-pdf-XXXXXX.pdf", NULL);
  int fd = g_mkstemp_full (path, O_RDWR, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not create a temporary file in %s: %s"), name, g_strerror (saved));
      return NULL;
    }
  g_close (fd, NULL);
  return g_steal_pointer (&path);
}

static void
temp_file_remove (char *path)
{
  if (path != NULL)
    g_unlink (path);
  g_free (path);
}

/* The mode @path has, or a new file would get (0666 less the umask, read from /proc: umask()
 * would change it for every thread for a moment). */
static mode_t
result_mode (const char *path, gboolean *existed)
{
  GStatBuf st;
  g_autofree char *status = NULL;
  mode_t mask = 022;

  *existed = g_stat (path, &st) == 0;
  if (*existed)
    return st.st_mode & 07777;
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "\nUmask:");

      if (line != NULL)
        mask = (mode_t)strtoul (line + strlen ("\nUmask:"), NULL, 8) & 0777;
    }
  return 0666 & ~mask;
}

/* Puts the finished file @source at @path with one rename, as g_file_replace() would leave
 * it: the mode kept, and flushed to disk first when it replaces a file.  A 100 MB dossier
 * is not copied a second time. */
static gboolean
move_into_place (const char *source, const char *path, GError **error)
{
  gboolean existed;
  mode_t mode = result_mode (path, &existed);
  int fd = g_open (source, O_RDWR | O_CLOEXEC, 0);
  int saved = 0;

  /* the mode as best it can: a disk without Unix modes (a FAT memory stick) refuses it */
  if (fd >= 0)
    (void)fchmod (fd, mode);
  if (fd < 0 || (existed && fsync (fd) != 0))
    saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  if (saved == 0 && g_rename (source, path) != 0)
    saved = errno;
  if (saved != 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not save the dossier as %s: %s"), name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
assemble_progress (guint copied, gpointer data)
{
  Writer *w = data;

  /* pass 2 reported its own pages; the originals come in order after them */
  zhi_pdf_writer_progress (w, w->done + 1);
  (void)copied;
}

/* Pass 2 into a temporary file, then the qpdf pass (the originals under their frame pages) into
 * a second one, which is copied into @out, or renamed to the document's result path. */
static gboolean
write_through_qpdf (Writer *w, const char *dir, GOutputStream *out, GError **error)
{
  ZhiPdfDoc *doc = w->doc;
  char *cairo_path = NULL, *qpdf_path = NULL;
  const char *source;
  g_autoptr (GError) qpdf_error = NULL;
  gboolean ok = FALSE;

  cairo_path = temp_file_new (dir, error);
  if (cairo_path == NULL)
    goto out;
  qpdf_path = temp_file_new (dir, error);
  if (qpdf_path == NULL)
    goto out;
  {
    g_autoptr (GFile) file = g_file_new_for_path (cairo_path);
    g_autoptr (GFileOutputStream) stream = NULL;
    g_autoptr (GOutputStream) buffered = NULL;

    stream = g_file_append_to (file, G_FILE_CREATE_PRIVATE, w->cancellable, error);
    if (stream == NULL)
      goto out;
    buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
    if (!write_pass (w, buffered, error))
      goto out;
    if (!g_output_stream_close (buffered, w->cancellable, error))
      goto out;
  }
  zhi_pdf_phase ("pass 2: cairo");
  /* the qpdf pass grows with the evidence: not on top of what drew the body */
  writer_clear_layouts (w);
  zhi_pdf_release_memory ();
  zhi_pdf_phase ("giving memory back");
  if (g_cancellable_is_cancelled (w->cancellable))
    {
      w->cancelled = TRUE;
      goto out;
    }
  /* progress for each original copied; cancellable between pages */
  if (zhi_pdf_assemble (cairo_path, qpdf_path, (ZhiPdfUnderlay *)doc->underlays->data,
                        doc->underlays->len, &doc->frame_style,
                        zhi_pdf_doc_get_finish (
                            doc, doc->finish_label,
                            doc->data_func ? doc->data_func (doc, doc->data_user_data) : NULL),
                        doc->prefetch, assemble_progress, w, w->cancellable, &qpdf_error))
    source = qpdf_path;
  else if (g_error_matches (qpdf_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      w->cancelled = TRUE;
      goto out;
    }
  else if (doc->underlays->len > 0)
    {
      /* cairo's file has empty frames where the evidence goes: never a dossier */
      g_set_error (error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_FAILED,
                   _ ("The evidence pages could not be copied into the dossier (%s). Check that "
                      "every evidence PDF opens in a PDF viewer, replace the one that does not, "
                      "and render again."),
                   qpdf_error->message);
      goto out;
    }
  else
    {
      g_free (doc->compact_warning);
      doc->compact_warning = g_strdup (qpdf_error->message);
      g_message ("dossier: the object-stream pass failed, keeping cairo's output: %s",
                 qpdf_error->message);
      source = cairo_path;
    }
  if (g_cancellable_is_cancelled (w->cancellable))
    {
      w->cancelled = TRUE;
      goto out;
    }
  if (doc->result_path != NULL)
    {
      if (!move_into_place (source, doc->result_path, error))
        goto out;
      zhi_pdf_phase ("renaming into the target");
    }
  else
    {
      g_autoptr (GFile) file = g_file_new_for_path (source);
      g_autoptr (GFileInputStream) in = g_file_read (file, w->cancellable, error);

      if (in == NULL)
        goto out;
      if (g_output_stream_splice (out, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                  w->cancellable, error)
          < 0)
        goto out;
      zhi_pdf_phase ("copy into the target");
    }
  if (w->defer_last)
    {
      w->defer_last = FALSE;
      zhi_pdf_writer_progress (w, w->total_pages);
    }
  ok = TRUE;

out:
  temp_file_remove (cairo_path);
  temp_file_remove (qpdf_path);
  return ok;
}

gboolean
zhi_pdf_doc_write (ZhiPdfDoc *doc,
                   GOutputStream *out,
                   ZhiPdfProgressFunc progress,
                   gpointer user_data,
                   GCancellable *cancellable,
                   GError **error)
{
  Writer w = { 0 };
  g_autofree char *own_dir = NULL;
  const char *dir = doc->work_dir;
  gboolean has_attachments = FALSE, ok;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (doc != NULL && G_IS_OUTPUT_STREAM (out), FALSE);

  g_ptr_array_set_size (doc->warnings, 0);
  g_hash_table_remove_all (doc->dest_pages);
  g_ptr_array_foreach (doc->blocks, zhi_pdf_doc_block_clear_layouts, NULL);
  zhi_pdf_doc_clear_underlays (doc);
  g_clear_pointer (&doc->compact_warning, g_free);
  doc->n_pages = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    if (((Block *)g_ptr_array_index (doc->blocks, i))->type == BLOCK_ATTACHMENT)
      has_attachments = TRUE;
  /* evidence copies and the temporary PDFs: in the caller's directory or a private one */
  if (dir == NULL && (has_attachments || doc->compact))
    {
      own_dir = g_dir_make_tmp ("zhizao-pdf-XXXXXX", error);
      if (own_dir == NULL)
        return FALSE;
      dir = own_dir;
    }
  /* with a gate, the attachments are the caller's thread's until each is read */
  for (guint i = 0; i < doc->blocks->len && doc->gate == NULL; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      if (b->type == BLOCK_ATTACHMENT)
        zhi_pdf_attachment_set_work_dir (b->attachment, dir);
    }

  w.doc = doc;
  w.context = context_new (doc->font_map);
  w.cancellable = cancellable;
  w.progress = progress;
  w.user_data = user_data;

  /* pass 1: pages of every heading and attachment */
  zhi_pdf_phase (NULL);
  run_pass (&w);
  zhi_pdf_phase ("pass 1: layout, inspection");
  if (!w.cancelled)
    {
      w.total_pages = w.page + 1;
      /* pass 2: the PDF, straight into @out when qpdf has nothing to do (the preview) */
      if (w.originals || doc->compact)
        ok = write_through_qpdf (&w, dir, out, &local);
      else
        ok = write_pass (&w, out, &local);
    }
  else
    ok = FALSE;
  writer_clear_layouts (&w);
  g_object_unref (w.context);
  /* the copies of the evidence are removed whatever happened (with a gate, by the caller: its
   * thread may still be reading them) */
  if (doc->gate == NULL)
    zhi_pdf_doc_discard_attachments (doc);
  if (own_dir != NULL)
    g_rmdir (own_dir);
  if (w.pages_changed)
    {
      g_set_error_literal (error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_PAGES_CHANGED,
                           "an attachment occupies other pages than expected");
      return FALSE;
    }
  if (w.cancelled || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Rendering was cancelled"));
      return FALSE;
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  doc->n_pages = w.page + 1;
  return TRUE;
}

gboolean
zhi_pdf_doc_write_to_file (ZhiPdfDoc *doc,
                           const char *path,
                           ZhiPdfProgressFunc progress,
                           gpointer user_data,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GOutputStream) buffered = NULL;
  gboolean existed = g_file_query_exists (file, NULL);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (out == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 64 * 1024);
  if (!zhi_pdf_doc_write (doc, buffered, progress, user_data, cancellable, error))
    {
      /* closing with a cancelled cancellable keeps the original file */
      g_autoptr (GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      /* a new file was written in place: no half document is left behind */
      if (!existed)
        g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (buffered, cancellable, error);
}
