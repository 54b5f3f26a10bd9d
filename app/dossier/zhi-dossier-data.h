/* zhi-dossier-data.h — the application's data carried inside its dossier
 *
 * Every exported dossier embeds one file, "zhizao-dossier.json" (docs/dossier-data.md), visible
 * behind any PDF reader's paperclip: the project's JSON export (no evidence bytes), the
 * evaluation as it stood at rendering, each evidence document's SHA-256 and page range, and a
 * hash of every page of the finished dossier.  `zhizao-cli verify` and the bureau's summary read
 * the application back from the PDF alone.
 *
 * A page's hash covers what the page shows and how: its size and rotation, its content streams
 * (decoded), the content of the forms it draws (recursively), the description of its images
 * (size, encoding, length — not their bytes, which would make hashing as slow as copying), and
 * its annotations (kind, rectangle, text).  Removing, reordering or replacing a page, adding
 * drawing or a comment to it, all change what verify finds.  It proves the dossier is unchanged
 * since it was produced; it says nothing of who produced it (this is no signature).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

#define ZHI_DOSSIER_DATA_NAME "zhizao-dossier.json"
#define ZHI_DOSSIER_DATA_FORMAT "zhizao-dossier-data/1"

#define ZHI_DOSSIER_DATA_ERROR (zhi_dossier_data_error_quark ())
GQuark zhi_dossier_data_error_quark (void);

typedef enum
{
  ZHI_DOSSIER_DATA_ERROR_UNREADABLE, /* not a PDF qpdf can read */
  ZHI_DOSSIER_DATA_ERROR_MISSING,    /* a PDF without Zhizao's data: no Zhizao dossier */
  ZHI_DOSSIER_DATA_ERROR_INVALID,    /* the data is there but not in a format this version reads */
} ZhiDossierDataError;

/* The SHA-256 (hex) of page @index (0-based) of the document open in @qpdf. */
char *zhi_dossier_data_page_hash (qpdf_data qpdf, int index);

/* Fills @data's "pages" member with the hash of every page of the document open in @qpdf and
 * embeds @data as ZHI_DOSSIER_DATA_NAME.  Call last, just before writing: it releases every
 * object handle of @qpdf (qpdf_oh_release_all()). */
gboolean zhi_dossier_data_embed (qpdf_data qpdf, JsonObject *data, GError **error);
/* The same; @between (may be NULL) is called with @user_data every few dozen pages hashed. */
gboolean zhi_dossier_data_embed_full (
    qpdf_data qpdf, JsonObject *data, GFunc between, gpointer user_data, GError **error);

/* The embedded data of the document open in @qpdf; NULL with ZHI_DOSSIER_DATA_ERROR_MISSING or
 * _INVALID. */
JsonObject *zhi_dossier_data_read (qpdf_data qpdf, GError **error);

G_END_DECLS
