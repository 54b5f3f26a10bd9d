/* zhi-demo-evidence.h — evidence documents the demo project generates for itself
 *
 * The demo must show what a real dossier looks like without shipping anyone's
 * documents: multi-page PDF reports with text and a table, a photo-like JPEG and a
 * PNG chart, all drawn here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *title;             /* first page heading */
  const char *issuer;            /* the line under the heading */
  const char *const *paragraphs; /* NULL-terminated; flowed over the pages */
  const char *const *table;      /* NULL-terminated cells, row by row, first row is the header */
  guint table_columns;
  guint min_pages; /* pad with continuation paragraphs up to this many pages */
} ZhiDemoReport;

/* A text PDF (A4, Noto CJK, selectable text) with a table on the first page. */
GBytes *zhi_demo_evidence_report_pdf (const ZhiDemoReport *report, GError **error);
/* A photo-like picture of a workshop floor, as JPEG. */
GBytes *zhi_demo_evidence_photo_jpeg (guint width, guint height, guint seed, GError **error);
/* A bar chart of @n_values values with @labels, as PNG. */
GBytes *zhi_demo_evidence_chart_png (const char *title,
                                     const char *const *labels,
                                     const double *before,
                                     const double *after,
                                     guint n_values,
                                     GError **error);

G_END_DECLS
