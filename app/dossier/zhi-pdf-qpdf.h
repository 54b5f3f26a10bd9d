/* zhi-pdf-qpdf.h — small helpers over libqpdf's C API (app/dossier only) */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* A new qpdf document that reports errors and warnings through the API only (never on stderr),
 * and recovers a damaged file's cross-reference table when reading it only with @recovery. */
qpdf_data zhi_qpdf_new (gboolean recovery);
/* A real number with 4 decimals, an array of @n of them. */
qpdf_oh zhi_qpdf_new_real (qpdf_data q, double v);
qpdf_oh zhi_qpdf_new_numbers (qpdf_data q, const double *v, guint n);
/* @oh of @ev copied into @q: indirect objects by qpdf (each once: qpdf remembers what it copied
 * from @ev), direct ones here. */
qpdf_oh zhi_qpdf_copy_value (qpdf_data q, qpdf_data ev, qpdf_oh oh, guint depth);
/* @oh's @key when @oh is a dictionary, else null; the items of an array, else 0: qpdf warns
 * (and the warning fails the dossier) when a key is asked of what is not a dictionary. */
qpdf_oh zhi_qpdf_key (qpdf_data q, qpdf_oh oh, const char *key);
int zhi_qpdf_n_items (qpdf_data q, qpdf_oh oh);
/* Whether @q was written with a cross-reference stream, as writers do that put objects in object
 * streams (PDF 1.5 and later): its trailer is the stream's dictionary (/Type /XRef), or a hybrid
 * file's table trailer points to it (/XRefStm).  A file with a cross-reference table only has no
 * object streams. */
gboolean zhi_qpdf_came_in_object_streams (qpdf_data q);

G_END_DECLS
