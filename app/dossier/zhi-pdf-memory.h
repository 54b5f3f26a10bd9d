/* zhi-pdf-memory.h — giving back what cairo's pass no longer needs before qpdf's pass grows
 *
 * Once cairo has written the body, the dossier needs neither the memory cairo freed nor the
 * font files pango and cairo's subsetter read (Noto Serif and Sans CJK, 40 MB and more of
 * file pages, read whole by the CFF subsetter).  The qpdf pass then grows with the evidence;
 * without this it grew on top of them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the freed heap to the system (malloc_trim) and drops this process's pages of the
 * font files it has mapped read-only (madvise MADV_DONTNEED: a later read of them faults them
 * back in from the file, as the first did).  Returns the bytes of font pages dropped. */
guint64 zhi_pdf_release_memory (void);

G_END_DECLS
