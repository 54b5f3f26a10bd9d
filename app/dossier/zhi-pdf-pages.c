/* zhi-pdf-pages.c — an evidence PDF as qpdf reads it: its pages' displayed sizes, rotation,
 * annotations and permissions (zhi_pdf_read_pages()), and its annotations flattened so that
 * they print (zhi_pdf_flatten(), a qpdf job) */
#include "zhi-pdf-compact.h"
#include "zhi-pdf-map.h"
#include "zhi-pdf-qpdf.h"

#include <qpdf/qpdf-c.h>
#include <qpdf/qpdfjob-c.h>
#include <qpdf/qpdflogger-c.h>
#include <math.h>
#include <string.h>

/* ---- qpdf jobs ----------------------------------------------------------------------------- */

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
  ZhiPdfSource *src = source;

  if (src == NULL)
    return;
  /* the document first: it reads the mapping */
  if (src->doc != NULL)
    qpdf_cleanup (&src->doc);
  zhi_pdf_map_free (src->map);
  g_free (src);
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
  return zhi_pdf_read_pages_full (path, keep_source, FALSE, pages, error);
}

gboolean
zhi_pdf_read_pages_full (
    const char *path, gboolean keep_source, gboolean ours, ZhiPdfPages *pages, GError **error)
{
  qpdf_data q = zhi_qpdf_new (FALSE);
  ZhiPdfMap *map = NULL;
  gboolean ok = FALSE;
  int n;

  memset (pages, 0, sizeof *pages);
  /* a file of ours is read from a mapping: nothing else changes it while it is mapped */
  if ((ours ? zhi_pdf_map_read (q, path, &map) : qpdf_read (q, path, NULL)) & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (q);

      if (e != NULL && qpdf_get_error_code (q, e) == qpdf_e_password)
        zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_PASSWORD,
                                   "the PDF needs a password");
      else
        zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_READ,
                                   "the PDF could not be read");
      goto out;
    }
  /* /MediaBox, /CropBox, /Rotate and /Resources inherited from the page tree, on every page */
  if (qpdf_push_inherited_attributes_to_page (q) & QPDF_ERRORS)
    {
      zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_READ,
                                 "the page tree could not be read");
      goto out;
    }
  n = qpdf_get_num_pages (q);
  if (n <= 0 || qpdf_has_error (q))
    {
      zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the PDF has no pages");
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
      zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_READ, "the PDF could not be read");
      goto out;
    }
  ok = TRUE;
  if (keep_source && zhi_qpdf_came_in_object_streams (q))
    {
      /* reading a page out of an object stream parsed every object of that stream (fonts, their
       * widths): kept, a hundred such files held 50 MB until copied.  The file read again holds
       * its cross-reference table only, and is parsed when its pages are copied (its inherited
       * attributes pushed to its pages then: zhi_pdf_assemble()) */
      qpdf_cleanup (&q);
      q = zhi_qpdf_new (FALSE);
      if ((map != NULL ? zhi_pdf_map_read_again (q, map) : qpdf_read (q, path, NULL)) & QPDF_ERRORS)
        {
          zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_READ,
                                     "the PDF could not be read");
          ok = FALSE;
          goto out;
        }
    }
  if (keep_source)
    {
      ZhiPdfSource *src = g_new (ZhiPdfSource, 1);

      qpdf_oh_release_all (q);
      src->doc = g_steal_pointer (&q);
      src->map = g_steal_pointer (&map);
      /* what inspecting read is not held until the copying: parsed ahead then, or copied */
      zhi_pdf_map_drop_pages (src->map);
      pages->source = src;
    }

out:
  if (!ok)
    zhi_pdf_pages_clear (pages);
  if (q != NULL)
    qpdf_cleanup (&q);
  zhi_pdf_map_free (map);
  return ok;
}
