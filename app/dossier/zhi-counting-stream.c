/* zhi-counting-stream.c — an output stream that counts the bytes written through it (the
 * size of a dossier written to a stream whose size cannot be asked) */
#include "config.h"

#include "zhi-counting-stream.h"

struct _ZhiCountingStream
{
  GFilterOutputStream parent_instance;
  guint64 count;
};

G_DEFINE_FINAL_TYPE (ZhiCountingStream, zhi_counting_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
zhi_counting_stream_write (GOutputStream *stream,
                           const void *buffer,
                           gsize count,
                           GCancellable *cancellable,
                           GError **error)
{
  ZhiCountingStream *self = ZHI_COUNTING_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gssize n = g_output_stream_write (base, buffer, count, cancellable, error);

  if (n > 0)
    self->count += n;
  return n;
}

static void
zhi_counting_stream_class_init (ZhiCountingStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = zhi_counting_stream_write;
}

static void
zhi_counting_stream_init (ZhiCountingStream *self)
{
}

GOutputStream *
zhi_counting_stream_new (GOutputStream *base)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (base), NULL);
  return g_object_new (ZHI_TYPE_COUNTING_STREAM, "base-stream", base, "close-base-stream", FALSE,
                       NULL);
}

guint64
zhi_counting_stream_get_count (ZhiCountingStream *self)
{
  g_return_val_if_fail (ZHI_IS_COUNTING_STREAM (self), 0);
  return self->count;
}
