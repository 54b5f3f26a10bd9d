/* zhi-pdf-links.h — the links and outline inside an evidence file, carried onto its pages
 *
 * Used by the assembly (zhi_pdf_assemble(), zhi-pdf-compact.c) while it copies an attachment's
 * pages, one run of pages of one evidence file at a time: zhi_pdf_links_start_run(), then
 * zhi_pdf_links_copy() for each page copied, then zhi_pdf_links_flush().  Web links (/URI) are
 * carried at once; a link to a page of the same file (a /Dest, named or explicit, or a /GoTo
 * action) once the run is copied, to the dossier page carrying its target, its destination
 * moved as that page was; the file's own outline nests, closed, under its 附件 entry.  What
 * leads elsewhere (another file, a program, JavaScript), to a page not carried, or does not
 * read is dropped.
 */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* The links of one run of an attachment's pages, resolved once the run is copied. */
typedef struct
{
  GHashTable *carried; /* evidence page object id → where it went */
  GArray *pending;     /* GotoLink */
  GHashTable *names;   /* the name tree /Dests: GBytes → Target; read at the first named link */
  qpdf_data ev;        /* the file of the run */
  int outline_id;      /* the dossier's outline entry of its attachment, or 0 */
  GHashTable *entries; /* the dossier's outline entries by their /Dest name → object id; read
                        * at the first evidence file with an outline, NULL before */
} ZhiPdfLinks;

void zhi_pdf_links_init (ZhiPdfLinks *rl);
void zhi_pdf_links_clear (ZhiPdfLinks *rl);
/* Starts a run of the pages of @ev; @dest names the dossier's outline entry of its attachment
 * (NULL: none). */
void zhi_pdf_links_start_run (qpdf_data q, ZhiPdfLinks *rl, qpdf_data ev, const char *dest);
/* The links of the evidence page @src, now the dossier page @frame through the matrix @m (from
 * the original's space to the frame's). */
void zhi_pdf_links_copy (
    qpdf_data q, qpdf_data ev, qpdf_oh src, const double m[6], qpdf_oh frame, ZhiPdfLinks *rl);
/* Adds the run's links to its own pages and its outline.  Ends the run. */
void zhi_pdf_links_flush (qpdf_data q, ZhiPdfLinks *rl);
/* Drops what reading links and outline items of @ev made qpdf say: such a link or item is
 * dropped, and the pages were already copied and checked. */
void zhi_pdf_links_forget_problems (qpdf_data ev);

G_END_DECLS
