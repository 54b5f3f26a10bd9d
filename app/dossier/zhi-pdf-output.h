/* zhi-pdf-output.h — inside app/dossier: what the qpdf passes (zhi-pdf-compact.c) share */
#pragma once

#include "zhi-pdf-compact.h"

#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* Writes @q to @out_path, its objects in object streams when @object_streams, with qpdf's fixed
 * /ID, which zhi_pdf_output_set_id() replaces; the same input gives the same bytes.  A thread
 * reads the file behind qpdf's writing and hashes it: the file's SHA-256 in *@digest (NULL when
 * no thread could be made, or a read failed).  @maps (ZhiPdfMap, or NULL): the mappings qpdf
 * reads stream data from while it writes, whose pages that thread takes out of the resident
 * memory as the writing goes on (zhi_pdf_map_drop_pages()). */
gboolean zhi_pdf_output_write (qpdf_data q,
                               const char *out_path,
                               gboolean object_streams,
                               GPtrArray *maps,
                               char **digest,
                               GError **error);
/* Gives the file at @path, written by zhi_pdf_output_write(), an identifier of its own: the
 * first half of @digest (the SHA-256 of its bytes; NULL: the file is read back and hashed). */
gboolean zhi_pdf_output_set_id (const char *path, const char *digest, GError **error);

/* A thread that frees qpdf documents while an assembly goes on (one at a time: the previous
 * one's is joined first).  Returns its queue, or NULL when no thread could be made (the
 * documents are then freed by zhi_pdf_freer_free() itself). */
GAsyncQueue *zhi_pdf_freer_start (void);
/* Frees @doc, then @memory (g_free(); the document may read it until it is freed), on the
 * thread of @queue.  Either may be NULL. */
void zhi_pdf_freer_free (GAsyncQueue *queue, qpdf_data doc, gpointer memory);
/* The same, @memory freed with @destroy. */
void zhi_pdf_freer_free_full (GAsyncQueue *queue,
                              qpdf_data doc,
                              gpointer memory,
                              GDestroyNotify destroy);
/* Nothing more comes: the thread ends once it has freed what it was given. */
void zhi_pdf_freer_done (GAsyncQueue *queue);

G_END_DECLS
