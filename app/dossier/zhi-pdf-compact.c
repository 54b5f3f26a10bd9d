/* zhi-pdf-compact.c — rewrite a PDF with object streams through libqpdf's C API */
#include "zhi-pdf-compact.h"

#include "zhi-dossier-data.h"
#include "zhi-pdf-finish.h"

#include <qpdf/qpdf-c.h>

G_DEFINE_QUARK (zhi - pdf - compact - error - quark, zhi_pdf_compact_error)

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
