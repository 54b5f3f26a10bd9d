/* zhi-counting-stream.h — an output stream that counts the bytes written through it */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZHI_TYPE_COUNTING_STREAM (zhi_counting_stream_get_type ())
G_DECLARE_FINAL_TYPE (
    ZhiCountingStream, zhi_counting_stream, ZHI, COUNTING_STREAM, GFilterOutputStream)

/* Writes go to @base (which stays open when this stream is closed). */
GOutputStream *zhi_counting_stream_new (GOutputStream *base);

/* The number of bytes the base stream accepted so far. */
guint64 zhi_counting_stream_get_count (ZhiCountingStream *self);

G_END_DECLS
