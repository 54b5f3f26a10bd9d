/* test-counting-stream.c — ZhiCountingStream passes bytes through and counts them */
#include "config.h"

#include <gio/gio.h>

#include "zhi-counting-stream.h"

static void
test_counts_and_passes_through (void)
{
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) counting = zhi_counting_stream_new (memory);
  g_autoptr (GError) error = NULL;
  gsize written = 0;

  g_assert_true (
      g_output_stream_write_all (counting, "申报书", strlen ("申报书"), &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (counting, "%PDF", 4, &written, NULL, &error));
  g_assert_cmpuint (zhi_counting_stream_get_count (ZHI_COUNTING_STREAM (counting)), ==,
                    strlen ("申报书") + 4);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), ==,
                    strlen ("申报书") + 4);
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), 4,
                   "\xe7\x94\xb3\xe6", 4);

  /* closing the counter leaves the base open: the caller still owns it */
  g_assert_true (g_output_stream_close (counting, NULL, &error));
  g_assert_false (g_output_stream_is_closed (memory));
  g_assert_finalize_object (g_steal_pointer (&counting));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/counting-stream/counts-and-passes-through", test_counts_and_passes_through);
  return g_test_run ();
}
