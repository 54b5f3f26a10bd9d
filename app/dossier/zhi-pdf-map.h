/* zhi-pdf-map.h — inside app/dossier: a PDF file qpdf reads from a read-only mapping */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* A file of ours (a copy the render made, or cairo's output) mapped read-only for qpdf.  qpdf
 * reads an object of a file with a seek and a read, two system calls per object; from memory it
 * makes none (parsing a hundred evidence files: 0.6 s of CPU time on a machine where a system
 * call is dear, 0.1 s from mappings).  The file must not change while mapped: only files the
 * render made and nothing else writes are. */
typedef struct _ZhiPdfMap ZhiPdfMap;

/* Reads @path into @q (qpdf_read()), from a mapping of it when one can be made: *@map, to be
 * freed once @q is freed and whatever was copied from @q (qpdf reads a copied stream's data
 * from @q's input when it writes the copy) — else NULL, and @q reads the file itself. */
QPDF_ERROR_CODE zhi_pdf_map_read (qpdf_data q, const char *path, ZhiPdfMap **map);
/* Reads @map's file into @q again (a second document of the same file). */
QPDF_ERROR_CODE zhi_pdf_map_read_again (qpdf_data q, ZhiPdfMap *map);
/* Takes the pages read so far out of the process's resident memory: they are the file's, in the
 * page cache, and a later read maps them again (MADV_DONTNEED).  Any thread, any time. */
void zhi_pdf_map_drop_pages (ZhiPdfMap *map);
/* Unmaps (NULL: nothing). */
void zhi_pdf_map_free (ZhiPdfMap *map);
/* The same, as a GDestroyNotify for a GPtrArray of maps. */
void zhi_pdf_map_free_func (gpointer map);

G_END_DECLS

G_BEGIN_DECLS

/* An evidence file as zhi_pdf_read_pages() keeps it open (ZhiPdfPages.source): its qpdf
 * document, and the mapping the document reads (or NULL). */
typedef struct
{
  qpdf_data doc;
  ZhiPdfMap *map;
} ZhiPdfSource;

G_END_DECLS
