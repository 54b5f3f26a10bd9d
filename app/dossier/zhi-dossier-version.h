#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The creator string written into every dossier's metadata. */
const char *zhi_dossier_creator (void);
/* The versions of the libraries that shape the PDF, for `zhizao-cli --version`. */
char *zhi_dossier_library_versions (void);

G_END_DECLS
