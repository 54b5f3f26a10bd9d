/* bench-attach — typing while a large file is attached
 *
 * Usage: bench-attach DIR [SIZE_MB]
 * Writes a SIZE_MB (default 400) file and a project into DIR, attaches the file
 * asynchronously (as the evidence page does) while a 10 ms timeout edits the project (the
 * autosave writes it every 500 ms), and prints the longest main-loop stall: the longest
 * gap between two ticks beyond the 10 ms asked for.  Removes both files afterwards.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "zhi-store.h"

typedef struct
{
  gboolean done;
  gint64 last_tick;
  gint64 worst_gap;
  gint64 worst_save;
  guint ticks;
  guint saves;
  ZhiProject *project;
} Bench;

static void
attached_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Bench *bench = data;
  g_autoptr (GError) error = NULL;

  if (zhi_project_attach_file_finish (ZHI_PROJECT (source), result, &error) == NULL)
    g_printerr ("attach: %s\n", error->message);
  bench->done = TRUE;
}

static gboolean
tick_cb (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *name = g_strdup_printf ("性能测试企业 %u", bench->ticks++);
  gint64 t0;

  bench->worst_gap = MAX (bench->worst_gap, now - bench->last_tick);
  if (!zhi_project_has_unsaved_changes (bench->project))
    bench->saves++; /* the autosave wrote the last edit */
  t0 = g_get_monotonic_time ();
  zhi_project_set_name (bench->project, name);
  bench->worst_save = MAX (bench->worst_save, g_get_monotonic_time () - t0);
  bench->last_tick = g_get_monotonic_time ();
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_path = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr (GFile) data_file = NULL;
  g_autoptr (GFile) project_file = NULL;
  guint size_mb = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 400;
  Bench bench = { 0 };
  guint tick;
  gint64 t0;

  if (argc < 2)
    {
      g_printerr ("usage: %s DIR [SIZE_MB]\n", argv[0]);
      return 2;
    }
  data_path = g_build_filename (argv[1], "bench-attach.bin", NULL);
  project_path = g_build_filename (argv[1], "bench-attach.zhizao", NULL);
  g_unlink (project_path);
  {
    FILE *f = g_fopen (data_path, "wb");
    g_autofree guint32 *buf = g_new (guint32, 256 * 1024);
    guint32 x = 2463534242u;

    if (f == NULL)
      {
        g_printerr ("cannot write %s\n", data_path);
        return 1;
      }
    for (guint mb = 0; mb < size_mb; mb++)
      {
        for (guint i = 0; i < 256 * 1024; i++)
          {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            buf[i] = x;
          }
        fwrite (buf, 4, 256 * 1024, f);
      }
    fclose (f);
  }
  data_file = g_file_new_for_path (data_path);
  project_file = g_file_new_for_path (project_path);
  bench.project = zhi_project_create (project_file, &error);
  if (bench.project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  t0 = g_get_monotonic_time ();
  bench.last_tick = t0;
  tick = g_timeout_add (10, tick_cb, &bench);
  zhi_project_attach_file_async (bench.project, data_file, "大文件", NULL, NULL, NULL, attached_cb,
                                 &bench);
  while (!bench.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_print ("attach a %u MB file while editing every 10 ms: %.1f s, %u edits; longest "
           "main-loop stall %.1f ms (gap between 10 ms ticks beyond 10 ms), longest edit "
           "%.1f ms; %u autosaves during the attach\n",
           size_mb, (g_get_monotonic_time () - t0) / 1e6, bench.ticks,
           MAX (0, bench.worst_gap - 10000) / 1000.0, bench.worst_save / 1000.0, bench.saves);
  if (!zhi_project_close (bench.project, &error))
    g_printerr ("%s\n", error->message);
  g_clear_object (&bench.project);
  g_unlink (data_path);
  g_unlink (project_path);
  return 0;
}
