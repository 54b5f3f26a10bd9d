/* zhi-blob-stream.h — reading an evidence blob out of the project's SQLite file (core only) */
#pragma once

#include "zhi-store-private.h"

G_BEGIN_DECLS

/* A GInputStream over one blob: reads it in chunks, opening the blob per read so no read
 * transaction stays open between reads. */
#define ZHI_TYPE_BLOB_INPUT_STREAM (zhi_blob_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    ZhiBlobInputStream, zhi_blob_input_stream, ZHI, BLOB_INPUT_STREAM, GInputStream)

/* A stream over the blob with SHA-256 @sha, for @ev (named in the error when it is missing) */
GInputStream *
zhi_blob_input_stream_open (ZhiProject *self, ZhiEvidence *ev, const char *sha, GError **error);

/* Size of the stored blob, or -1 when missing; with @rowid, read now (and its row id too),
 * else from the store's cache of sizes. */
gint64 zhi_store_blob_size (ZhiStore *store, const char *sha256, sqlite3_int64 *rowid);

G_END_DECLS
