/* zhi-pdf-compact.c — rewrite a PDF with object streams through libqpdf's C API */
#include "zhi-pdf-compact.h"

#include "zhi-dossier-data.h"
#include "zhi-pdf-finish.h"

#include <qpdf/qpdf-c.h>
#include <qpdf/qpdfjob-c.h>
#include <qpdf/qpdflogger-c.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

GQuark
zhi_pdf_compact_error_quark (void)
{
  return g_quark_from_static_string ("zhi-pdf-compact-error-quark");
}

/* Moves qpdf's pending error (or, failing that, @fallback) into @error. */
static void
set_qpdf_error (GError **error, qpdf_data qpdf, ZhiPdfCompactError code, const char *fallback)
{
  qpdf_error e = qpdf_has_error (qpdf) ? qpdf_get_error (qpdf) : NULL;
  const char *text = e ? qpdf_get_error_full_text (qpdf, e) : NULL;

  g_set_error (error, ZHI_PDF_COMPACT_ERROR, code, "qpdf: %s", text && *text ? text : fallback);
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
  gboolean ok = FALSE;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (in_path, out_path) != 0, FALSE);

  qpdf = qpdf_init ();
  /* errors and warnings are taken from the API, never printed on stderr */
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  /* the input is our own cairo output: a file that needs recovery is a bug, not a dossier */
  qpdf_set_attempt_recovery (qpdf, QPDF_FALSE);

  if (qpdf_read (qpdf, in_path, NULL) & QPDF_ERRORS)
    {
      set_qpdf_error (error, qpdf, ZHI_PDF_COMPACT_ERROR_READ, "the PDF could not be read");
      goto out;
    }
  if (finish && !zhi_pdf_finish_apply (qpdf, finish, error))
    goto out;
  /* last: the page hashes see every page as it will be written */
  if (finish && finish->data && !zhi_dossier_data_embed (qpdf, finish->data, error))
    goto out;
  if (qpdf_init_write (qpdf, out_path) & QPDF_ERRORS)
    {
      set_qpdf_error (error, qpdf, ZHI_PDF_COMPACT_ERROR_WRITE, "the output could not be opened");
      goto out;
    }
  qpdf_set_object_stream_mode (qpdf, qpdf_o_generate);
  /* uncompressed streams get compressed; Flate streams (all of cairo's) are copied as they are,
   * not decoded and compressed again */
  qpdf_set_compress_streams (qpdf, QPDF_TRUE);
  qpdf_set_preserve_unreferenced_objects (qpdf, QPDF_FALSE);
  /* the same input gives the same bytes */
  qpdf_set_deterministic_ID (qpdf, QPDF_TRUE);
  if (qpdf_write (qpdf) & QPDF_ERRORS)
    {
      set_qpdf_error (error, qpdf, ZHI_PDF_COMPACT_ERROR_WRITE, "the PDF could not be written");
      goto out;
    }
  ok = TRUE;

out:
  qpdf_cleanup (&qpdf);
  return ok;
}

/* ---- jobs: underlays and flattening ------------------------------------------------------- */

static int
log_append (const char *data, size_t len, void *udata)
{
  GString *s = udata;

  /* bounded: a broken file can make qpdf warn once per object */
  if (s->len < 4096)
    g_string_append_len (s, data, (gssize)MIN (len, 4096 - s->len));
  return 0;
}

/* Runs one qpdf job from @argv (argv[0] is "qpdf"); messages are collected, never printed.
 * qpdf's exit code 3 (done, with warnings) is a success. */
static gboolean
run_job (const char *const *argv, ZhiPdfCompactError code, GError **error)
{
  qpdfjob_handle job = qpdfjob_init ();
  qpdflogger_handle logger = qpdflogger_create ();
  g_autoptr (GString) errors = g_string_new (NULL);
  g_autoptr (GString) ignored = g_string_new (NULL);
  int status;

  qpdflogger_set_info (logger, qpdf_log_dest_custom, log_append, ignored);
  qpdflogger_set_warn (logger, qpdf_log_dest_custom, log_append, ignored);
  qpdflogger_set_error (logger, qpdf_log_dest_custom, log_append, errors);
  qpdfjob_set_logger (job, logger);
  status = qpdfjob_initialize_from_argv (job, argv);
  if (status == 0)
    status = qpdfjob_run (job);
  qpdfjob_cleanup (&job);
  qpdflogger_cleanup (&logger);
  if (status == 0 || status == 3)
    return TRUE;
  g_strstrip (errors->str);
  g_set_error (error, ZHI_PDF_COMPACT_ERROR, code, "qpdf: %s",
               errors->len > 0 ? errors->str : "the job failed");
  return FALSE;
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

static qpdf_oh
new_real (qpdf_data q, double v)
{
  return qpdf_oh_new_real_from_double (q, v, 4);
}

static qpdf_oh
new_number_array (qpdf_data q, const double *v, guint n)
{
  qpdf_oh a = qpdf_oh_new_array (q);

  for (guint i = 0; i < n; i++)
    qpdf_oh_append_item (q, a, new_real (q, v[i]));
  return a;
}

/* Turns @page (an evidence page just copied into @q) into a form XObject drawing it upright at
 * the origin of a page of its displayed size: its box moved to (0, 0) and its /Rotate applied.
 * A single content stream becomes the form itself (its bytes unchanged); several are joined.
 * Returns 0 on failure. */
static qpdf_oh
page_to_form (qpdf_data q, qpdf_oh page, GHashTable *used_streams)
{
  qpdf_oh contents = qpdf_oh_get_key (q, page, "/Contents");
  qpdf_oh rotate = qpdf_oh_get_key (q, page, "/Rotate");
  int turns = qpdf_oh_is_integer (q, rotate) ? qpdf_oh_get_int_value_as_int (q, rotate) : 0;
  double box[4], w, h, x0, y0, m[6];
  qpdf_oh form, dict;

  if (!shown_box (q, page, box))
    return 0;
  x0 = box[0], y0 = box[1], w = box[2] - box[0], h = box[3] - box[1];
  if (qpdf_oh_is_stream (q, contents) && qpdf_oh_is_indirect (q, contents)
      && !g_hash_table_contains (used_streams,
                                 GINT_TO_POINTER (qpdf_oh_get_object_id (q, contents))))
    {
      form = contents;
      g_hash_table_add (used_streams, GINT_TO_POINTER (qpdf_oh_get_object_id (q, contents)));
    }
  else
    {
      unsigned char *buf = NULL;
      size_t len = 0;

      /* an array of streams (or one shared with another page): one new stream */
      if (qpdf_oh_get_page_content_data (q, page, &buf, &len) & QPDF_ERRORS)
        return 0;
      form = qpdf_oh_new_stream (q);
      qpdf_oh_replace_stream_data (q, form, buf, len, qpdf_oh_new_null (q), qpdf_oh_new_null (q));
      free (buf);
    }
  dict = qpdf_oh_get_dict (q, form);
  qpdf_oh_replace_key (q, dict, "/Type", qpdf_oh_new_name (q, "/XObject"));
  qpdf_oh_replace_key (q, dict, "/Subtype", qpdf_oh_new_name (q, "/Form"));
  qpdf_oh_replace_key (q, dict, "/FormType", qpdf_oh_new_integer (q, 1));
  qpdf_oh_replace_key (q, dict, "/BBox", new_number_array (q, box, 4));
  if (qpdf_oh_has_key (q, page, "/Resources"))
    qpdf_oh_replace_key (q, dict, "/Resources", qpdf_oh_get_key (q, page, "/Resources"));
  else
    qpdf_oh_replace_key (q, dict, "/Resources", qpdf_oh_new_dictionary (q));
  if (qpdf_oh_has_key (q, page, "/Group"))
    qpdf_oh_replace_key (q, dict, "/Group", qpdf_oh_get_key (q, page, "/Group"));
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
  qpdf_oh_replace_key (q, dict, "/Matrix", new_number_array (q, m, 6));
  return form;
}

/* Draws @form under everything on @frame, as /@name: "q /@name Do Q" put before the frame's
 * content, in one stream (the frame's own when it has one: no stream more per page). */
static gboolean
put_under (qpdf_data q, qpdf_oh frame, qpdf_oh form, const char *name)
{
  qpdf_oh resources = qpdf_oh_get_key (q, frame, "/Resources");
  qpdf_oh xobjects, contents, stream;
  g_autofree char *key = g_strdup_printf ("/%s", name);
  g_autofree char *ops = g_strdup_printf ("q /%s Do Q\n", name);
  gsize ops_len = strlen (ops);
  unsigned char *buf = NULL;
  size_t len = 0;
  g_autofree guchar *joined = NULL;

  if (!qpdf_oh_is_dictionary (q, resources))
    {
      resources = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, frame, "/Resources", resources);
    }
  xobjects = qpdf_oh_get_key (q, resources, "/XObject");
  if (!qpdf_oh_is_dictionary (q, xobjects))
    {
      xobjects = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, resources, "/XObject", xobjects);
    }
  qpdf_oh_replace_key (q, xobjects, key, form);

  /* the frame's content as the finish left it (in memory) or as cairo wrote it (decoded) */
  if (qpdf_oh_get_page_content_data (q, frame, &buf, &len) & QPDF_ERRORS)
    return FALSE;
  joined = g_malloc (ops_len + len);
  memcpy (joined, ops, ops_len);
  if (len > 0)
    memcpy (joined + ops_len, buf, len);
  free (buf);
  contents = qpdf_oh_get_key (q, frame, "/Contents");
  /* cairo writes one content stream per page, never shared */
  stream = qpdf_oh_is_stream (q, contents) ? contents : qpdf_oh_new_stream (q);
  qpdf_oh_replace_stream_data (q, stream, joined, ops_len + len, qpdf_oh_new_null (q),
                               qpdf_oh_new_null (q));
  qpdf_oh_replace_key (q, frame, "/Contents", stream);
  return TRUE;
}

/* ---- freeing qpdf's objects in the background ----------------------------------------------- */

/* Freeing the object model of a thousand-page dossier and of its evidence takes ~0.15 s of pure
 * deallocation after the output is written: a thread does it while the caller goes on.  One
 * such thread at a time (the next assembly waits for the previous one first, so memory stays
 * bounded), and the process waits for it at exit (nothing is left allocated for a leak checker,
 * and no object is freed while libqpdf's own static objects are being destroyed). */
static GMutex cleanup_mutex;
static GThread *cleanup_thread;

static gpointer
cleanup_run (gpointer data)
{
  GPtrArray *all = data;

  for (guint i = 0; i < all->len; i++)
    {
      qpdf_data d = all->pdata[i];

      qpdf_cleanup (&d);
    }
  g_ptr_array_unref (all);
  return NULL;
}

void
zhi_pdf_assemble_wait (void)
{
  GThread *thread;

  g_mutex_lock (&cleanup_mutex);
  thread = g_steal_pointer (&cleanup_thread);
  g_mutex_unlock (&cleanup_mutex);
  if (thread != NULL)
    g_thread_join (thread);
}

static void
cleanup_at_exit (void)
{
  zhi_pdf_assemble_wait ();
}

/* Frees every qpdf object of @all (a qpdf_data each) in a thread; @all is taken. */
static void
cleanup_in_background (GPtrArray *all)
{
  static gsize registered;
  GThread *thread;

  if (g_once_init_enter (&registered))
    {
      /* exit() runs its handlers in reverse order: libqpdf's static objects made after the
       * handler is registered would be destroyed before the thread is joined, while it may still
       * use them (~QPDF uses one, made the first time a QPDF with objects is destroyed: that
       * crashed).  A throwaway pair of documents, one holding a stream copied from the other,
       * makes them here first. */
      qpdf_data a = qpdf_init (), b = qpdf_init ();
      qpdf_oh stream;

      qpdf_silence_errors (a);
      qpdf_silence_errors (b);
      qpdf_empty_pdf (a);
      qpdf_empty_pdf (b);
      stream = qpdf_oh_new_stream (b);
      qpdf_oh_replace_stream_data (b, stream, (const unsigned char *)"q Q", 3, qpdf_oh_new_null (b),
                                   qpdf_oh_new_null (b));
      qpdf_oh_copy_foreign_object (a, b, stream);
      qpdf_cleanup (&a);
      qpdf_cleanup (&b);
      atexit (cleanup_at_exit);
      g_once_init_leave (&registered, 1);
    }
  zhi_pdf_assemble_wait ();
  thread = g_thread_try_new ("zhi-qpdf-free", cleanup_run, all, NULL);
  if (thread == NULL)
    {
      cleanup_run (all);
      return;
    }
  g_mutex_lock (&cleanup_mutex);
  /* another assembly's thread may have started meanwhile: this one waits for it */
  while (cleanup_thread != NULL)
    {
      GThread *other = g_steal_pointer (&cleanup_thread);

      g_mutex_unlock (&cleanup_mutex);
      g_thread_join (other);
      g_mutex_lock (&cleanup_mutex);
    }
  cleanup_thread = thread;
  g_mutex_unlock (&cleanup_mutex);
}

/* Opens the evidence file of one attachment (kept open until the output is written: qpdf
 * copies stream data from it then). */
static qpdf_data
open_evidence (const char *path, GError **error)
{
  qpdf_data ev = qpdf_init ();

  qpdf_silence_errors (ev);
  qpdf_set_suppress_warnings (ev, QPDF_TRUE);
  /* zhi_pdf_read_pages() read it without recovery; a damaged stream met while copying is
   * recovered (a warning), rather than failing the whole dossier */
  qpdf_set_attempt_recovery (ev, QPDF_TRUE);
  if ((qpdf_read (ev, path, NULL) & QPDF_ERRORS)
      || (qpdf_push_inherited_attributes_to_page (ev) & QPDF_ERRORS))
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autoptr (GError) local = NULL;

      set_qpdf_error (&local, ev, ZHI_PDF_COMPACT_ERROR_READ, "the PDF could not be read");
      g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ, "%s: %s", name,
                   local->message);
      qpdf_cleanup (&ev);
      return NULL;
    }
  return ev;
}

gboolean
zhi_pdf_assemble (const char *in_path,
                  const char *out_path,
                  ZhiPdfUnderlay *underlays,
                  guint n_underlays,
                  const ZhiPdfFinish *finish,
                  GError **error)
{
  qpdf_data q;
  GPtrArray *sources = g_ptr_array_new ();
  g_autoptr (GHashTable) used_streams = NULL;
  qpdf_data ev = NULL;
  gboolean ok = FALSE;
  int n_frames, n_pages, n_source_pages = 0;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (in_path, out_path) != 0, FALSE);

  /* the previous assembly's objects are gone before this one's are made */
  zhi_pdf_assemble_wait ();
  q = qpdf_init ();
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  qpdf_set_attempt_recovery (q, QPDF_FALSE);
  if (qpdf_read (q, in_path, NULL) & QPDF_ERRORS)
    {
      set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the PDF could not be read");
      goto out;
    }
  if (finish && !zhi_pdf_finish_apply (q, finish, error))
    goto out;
  n_frames = qpdf_get_num_pages (q);
  n_pages = n_frames;
  for (guint i = 0; i < n_underlays; i++)
    {
      ZhiPdfUnderlay *u = &underlays[i];
      qpdf_oh frame, src, copy, form;
      char name[32];

      /* a new source for each run of one file: one attachment's pages */
      if (i == 0 || g_strcmp0 (u->path, underlays[i - 1].path) != 0
          || u->source_page <= underlays[i - 1].source_page)
        {
          if (u->source != NULL)
            {
              /* read whole at inspection, without recovery: parsed once per render */
              ev = g_steal_pointer (&u->source);
            }
          else if ((ev = open_evidence (u->path, error)) == NULL)
            goto out;
          /* what recovery said while reading (a flattened copy is read with it) */
          while (qpdf_more_warnings (ev))
            qpdf_next_warning (ev);
          g_ptr_array_add (sources, ev);
          n_source_pages = qpdf_get_num_pages (ev);
          g_clear_pointer (&used_streams, g_hash_table_unref);
          used_streams = g_hash_table_new (NULL, NULL);
        }
      if (u->page < 1 || (int)u->page > n_frames || u->source_page < 1
          || (int)u->source_page > n_source_pages)
        {
          g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_WRITE,
                       "page %u of %s does not exist", u->source_page, u->path);
          goto out;
        }
      frame = qpdf_get_page_n (q, u->page - 1);
      src = qpdf_get_page_n (ev, u->source_page - 1);
      /* qpdf copies the page with everything it uses (fonts, images: streams as they are,
       * read from the evidence file when the output is written), appended to the page tree;
       * only its content and resources are kept, as a form under the frame */
      if (qpdf_add_page (q, ev, src, QPDF_FALSE) & QPDF_ERRORS)
        {
          set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the page could not be copied");
          goto out;
        }
      /* appended: the frames, then the pages copied so far */
      n_pages = n_frames + (int)i + 1;
      copy = qpdf_get_page_n (q, (size_t)n_pages - 1);
      form = page_to_form (q, copy, used_streams);
      if (form == 0 || qpdf_has_error (q))
        {
          set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the page has no valid box");
          goto out;
        }
      g_snprintf (name, sizeof name, "ZhiOriginal%u", u->page);
      if (!put_under (q, frame, form, name) || qpdf_has_error (q) || qpdf_has_error (ev))
        {
          set_qpdf_error (error, qpdf_has_error (q) ? q : ev, ZHI_PDF_COMPACT_ERROR_READ,
                          "the page could not be copied");
          goto out;
        }
      /* an object of the page that no longer reads (the file changed since it was inspected)
       * would be copied as null: a page missing its fonts or images is no copy */
      if (qpdf_more_warnings (ev))
        {
          qpdf_error w = qpdf_next_warning (ev);

          g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ,
                       "the page could not be copied: %s",
                       w ? qpdf_get_error_full_text (ev, w) : "qpdf warned");
          goto out;
        }
      qpdf_oh_release_all (q);
      qpdf_oh_release_all (ev);
    }

  /* the copied pages leave the page tree (flat since the first copy) all at once: only their
   * content and resources are used, by the forms */
  if (n_underlays > 0)
    {
      qpdf_oh pages = qpdf_oh_get_key (q, qpdf_get_root (q), "/Pages");
      qpdf_oh kids = qpdf_oh_get_key (q, pages, "/Kids");
      qpdf_oh frames = qpdf_oh_new_array (q);

      /* a new array: erasing items one by one costs as much as the array each time */
      for (int k = 0; k < n_frames; k++)
        qpdf_oh_append_item (q, frames, qpdf_oh_get_array_item (q, kids, k));
      qpdf_oh_replace_key (q, pages, "/Kids", frames);
      qpdf_oh_replace_key (q, pages, "/Count", qpdf_oh_new_integer (q, n_frames));
      if ((qpdf_update_all_pages_cache (q) & QPDF_ERRORS) || qpdf_get_num_pages (q) != n_frames)
        {
          set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_WRITE, "the page tree broke");
          goto out;
        }
      qpdf_oh_release_all (q);
    }
  /* last: the page hashes see every page as it will be written */
  if (finish && finish->data && !zhi_dossier_data_embed (q, finish->data, error))
    goto out;
  if (qpdf_init_write (q, out_path) & QPDF_ERRORS)
    {
      set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_WRITE, "the output could not be opened");
      goto out;
    }
  qpdf_set_object_stream_mode (q, qpdf_o_generate);
  qpdf_set_compress_streams (q, QPDF_TRUE);
  qpdf_set_preserve_unreferenced_objects (q, QPDF_FALSE);
  qpdf_set_deterministic_ID (q, QPDF_TRUE);
  if (qpdf_write (q) & QPDF_ERRORS)
    {
      set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_WRITE, "the PDF could not be written");
      goto out;
    }
  ok = TRUE;

out:
  g_clear_pointer (&used_streams, g_hash_table_unref);
  /* the dossier first (it holds references into the evidence files), as before */
  g_ptr_array_insert (sources, 0, q);
  cleanup_in_background (g_steal_pointer (&sources));
  return ok;
}

gboolean
zhi_pdf_flatten (const char *in_path, const char *out_path, GError **error)
{
  const char *argv[] = { "qpdf",
                         "--generate-appearances",
                         "--flatten-annotations=print",
                         "--object-streams=preserve",
                         in_path,
                         out_path,
                         NULL };

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (in_path, out_path) != 0, FALSE);
  return run_job (argv, ZHI_PDF_COMPACT_ERROR_WRITE, error);
}

/* ---- reading an evidence PDF's pages ------------------------------------------------------ */

void
zhi_pdf_source_free (gpointer source)
{
  qpdf_data q = source;

  if (q != NULL)
    qpdf_cleanup (&q);
}

gpointer
zhi_pdf_pages_steal_source (ZhiPdfPages *pages)
{
  return g_steal_pointer (&pages->source);
}

void
zhi_pdf_pages_clear (ZhiPdfPages *pages)
{
  g_clear_pointer (&pages->source, zhi_pdf_source_free);
  g_clear_pointer (&pages->widths, g_free);
  g_clear_pointer (&pages->heights, g_free);
  memset (pages, 0, sizeof *pages);
}

/* The rectangle under @key of @page as width and height; FALSE when absent or malformed. */
static gboolean
page_box (qpdf_data q, qpdf_oh page, const char *key, double *width, double *height)
{
  qpdf_oh box = qpdf_oh_get_key (q, page, key);
  double v[4];

  if (!qpdf_oh_is_array (q, box) || qpdf_oh_get_array_n_items (q, box) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      qpdf_oh item = qpdf_oh_get_array_item (q, box, i);

      if (!qpdf_oh_is_number (q, item))
        return FALSE;
      v[i] = qpdf_oh_get_numeric_value (q, item);
    }
  *width = fabs (v[2] - v[0]);
  *height = fabs (v[3] - v[1]);
  return *width >= 1 && *height >= 1;
}

static gboolean
has_annotations (qpdf_data q, qpdf_oh page)
{
  qpdf_oh annots = qpdf_oh_get_key (q, page, "/Annots");
  int n = qpdf_oh_is_array (q, annots) ? qpdf_oh_get_array_n_items (q, annots) : 0;

  for (int i = 0; i < n; i++)
    {
      qpdf_oh annot = qpdf_oh_get_array_item (q, annots, i);

      if (!qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, annot, "/Subtype"), "/Link"))
        return TRUE;
    }
  return FALSE;
}

gboolean
zhi_pdf_read_pages (const char *path, gboolean keep_source, ZhiPdfPages *pages, GError **error)
{
  qpdf_data q = qpdf_init ();
  gboolean ok = FALSE;
  int n;

  memset (pages, 0, sizeof *pages);
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  qpdf_set_attempt_recovery (q, QPDF_FALSE);
  if (qpdf_read (q, path, NULL) & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (q);

      if (e != NULL && qpdf_get_error_code (q, e) == qpdf_e_password)
        set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_PASSWORD, "the PDF needs a password");
      else
        set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the PDF could not be read");
      goto out;
    }
  /* /MediaBox, /CropBox, /Rotate and /Resources inherited from the page tree, on every page */
  if (qpdf_push_inherited_attributes_to_page (q) & QPDF_ERRORS)
    {
      set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the page tree could not be read");
      goto out;
    }
  n = qpdf_get_num_pages (q);
  if (n <= 0 || qpdf_has_error (q))
    {
      set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the PDF has no pages");
      goto out;
    }
  pages->n_pages = (guint)n;
  pages->widths = g_new (double, n);
  pages->heights = g_new (double, n);
  for (int i = 0; i < n; i++)
    {
      qpdf_oh page = qpdf_get_page_n (q, (size_t)i);
      qpdf_oh rotate = qpdf_oh_get_key (q, page, "/Rotate");
      int turns = qpdf_oh_is_integer (q, rotate) ? qpdf_oh_get_int_value_as_int (q, rotate) : 0;
      double w, h;

      /* the box qpdf places an underlay by */
      if (!page_box (q, page, "/TrimBox", &w, &h) && !page_box (q, page, "/CropBox", &w, &h)
          && !page_box (q, page, "/MediaBox", &w, &h))
        {
          g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_READ,
                       "qpdf: page %d has no valid /MediaBox", i + 1);
          goto out;
        }
      turns = ((turns % 360) + 360) % 360;
      pages->widths[i] = turns == 90 || turns == 270 ? h : w;
      pages->heights[i] = turns == 90 || turns == 270 ? w : h;
      if (!pages->has_annotations && has_annotations (q, page))
        pages->has_annotations = TRUE;
      qpdf_oh_release_all (q);
    }
  if (qpdf_oh_has_key (q, qpdf_get_root (q), "/AcroForm"))
    pages->has_annotations = TRUE;
  pages->no_printing = qpdf_is_encrypted (q) && !qpdf_allow_print_low_res (q);
  if (qpdf_has_error (q))
    {
      set_qpdf_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the PDF could not be read");
      goto out;
    }
  ok = TRUE;
  if (keep_source)
    {
      qpdf_oh_release_all (q);
      pages->source = g_steal_pointer (&q);
    }

out:
  if (!ok)
    zhi_pdf_pages_clear (pages);
  if (q != NULL)
    qpdf_cleanup (&q);
  return ok;
}
