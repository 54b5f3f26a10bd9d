/* zhi-pdf-finish.h — what cairo 1.16 cannot write into a tagged PDF, added through libqpdf
 *
 * - /Lang on the catalog (the document's language, for screen readers and text-to-speech);
 * - /PageLabels that match the printed page numbers (the cover unnumbered, "— 1 —" is label 1);
 * - an XMP metadata stream that says what the document information says;
 * - /Alt on every Figure structure element (the chart's figures in words);
 * - the running furniture (page numbers, the fingerprint footer, the draft mark) marked as
 *   /Artifact: on the pages the dossier drew, every text object, path and XObject drawn
 *   outside any structure element is wrapped in "/Artifact BMC … EMC".
 * The caller has read the document into @qpdf and writes it afterwards.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

typedef struct _ZhiPdfFinish
{
  const char *lang;               /* "zh-CN", or NULL to leave /Lang alone */
  guint unnumbered;               /* leading pages that carry no printed number */
  const char *unnumbered_label;   /* their label ("封面"), or NULL for none */
  const char *const *figure_alts; /* NULL-terminated, Figure elements in document order */
  /* pages whose untagged content is furniture: own_pages[i] for page i < n_own_pages; pages past
   * the end count as not ours (a copied evidence page keeps its content as it is) */
  const gboolean *own_pages;
  guint n_own_pages;
  /* the application's data, embedded last with every page's hash (zhi-dossier-data.h); NULL
   * for none */
  JsonObject *data;
} ZhiPdfFinish;

/* Applies @finish to the document open in @qpdf.  Returns FALSE with @error when qpdf fails
 * (the document may then be partly changed: do not write it). */
gboolean zhi_pdf_finish_apply (qpdf_data qpdf, const ZhiPdfFinish *finish, GError **error);

/* Wraps the top-level drawing of a content stream in /Artifact marked content (exposed for
 * tests).  Returns a new buffer. */
GBytes *zhi_pdf_finish_mark_artifacts (const guint8 *data, gsize len);

G_END_DECLS
