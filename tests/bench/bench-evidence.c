/* bench-evidence — attaching many files, and a project with many evidence items
 *
 * Usage: bench-evidence OUT.zhizao [N_ITEMS]
 * Attaches 100 generated PDFs at once (asynchronously, as the evidence page does) and
 * prints the wall time, then adds records up to N_ITEMS (default 1000) so that
 * tests/bench/startup.py can time opening a project with that many items.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>

#include "zhi-demo-evidence.h"
#include "zhi-store.h"

typedef struct
{
  guint pending;
  guint failed;
} Attach;

static void
attached_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Attach *attach = data;
  g_autoptr (GError) error = NULL;

  if (zhi_project_attach_file_finish (ZHI_PROJECT (source), result, &error) == NULL)
    {
      g_printerr ("attach: %s\n", error->message);
      attach->failed++;
    }
  attach->pending--;
}

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autofree char *tmpdir = NULL;
  guint n_items = argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 1000;
  const char *paragraphs[] = { "本文件为性能测试生成的证明材料。", NULL };
  Attach attach = { 0, 0 };
  GTimer *timer;
  guint64 bytes = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s OUT.zhizao [N_ITEMS]\n", argv[0]);
      return 2;
    }
  g_unlink (argv[1]);
  file = g_file_new_for_path (argv[1]);
  project = zhi_project_create (file, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  zhi_project_set_track (project, "workshop");
  zhi_project_set_name (project, "性能测试有限公司");
  tmpdir = g_dir_make_tmp ("zhizao-bench-XXXXXX", NULL);

  /* 100 different two-page PDFs on disk */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *title = g_strdup_printf ("测试材料 %u", i + 1);
      ZhiDemoReport report = { title, NULL, paragraphs, NULL, 0, 2 };
      g_autoptr (GBytes) pdf = zhi_demo_evidence_report_pdf (&report, &error);
      g_autofree char *path = g_strdup_printf ("%s/file-%03u.pdf", tmpdir, i);

      g_assert_no_error (error);
      bytes += g_bytes_get_size (pdf);
      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
    }

  timer = g_timer_new ();
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/file-%03u.pdf", tmpdir, i);
      g_autoptr (GFile) source = g_file_new_for_path (path);

      attach.pending++;
      zhi_project_attach_file_async (project, source, NULL, NULL, NULL, NULL, attached_cb, &attach);
    }
  while (attach.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  if (!zhi_project_flush (project, &error))
    g_error ("%s", error->message);
  g_print ("attach 100 files (%.1f MB) at once: %.0f ms, %u failed, peak RSS %ld MB\n", bytes / 1e6,
           g_timer_elapsed (timer, NULL) * 1000, attach.failed, peak_rss_kb () / 1024);

  /* Records up to n_items, sharing the stored bytes: opening cost is about the records. */
  g_timer_start (timer);
  for (guint i = 100; i < n_items; i++)
    {
      GListModel *list = zhi_project_get_evidence_list (project);
      g_autoptr (ZhiEvidence) model = g_list_model_get_item (list, i % 100);
      g_autofree char *title = g_strdup_printf ("测试材料 %u", i + 1);
      const char *supports[] = { "w01", NULL };

      zhi_project_add_evidence (project, NULL, title, zhi_evidence_get_file_name (model),
                                zhi_evidence_get_media_type (model), zhi_evidence_get_size (model),
                                zhi_evidence_get_sha256 (model), 2, supports, NULL, &error);
      g_assert_no_error (error);
    }
  if (!zhi_project_close (project, &error))
    g_error ("%s", error->message);
  g_print ("add %u evidence records and save: %.0f ms\n", n_items > 100 ? n_items - 100 : 0,
           g_timer_elapsed (timer, NULL) * 1000);

  g_object_unref (g_steal_pointer (&project));
  g_timer_start (timer);
  project = zhi_project_open (file, &error);
  if (project == NULL)
    g_error ("%s", error->message);
  g_print ("open the project with %u evidence items (core only): %.1f ms\n",
           g_list_model_get_n_items (zhi_project_get_evidence_list (project)),
           g_timer_elapsed (timer, NULL) * 1000);
  zhi_project_close (project, NULL);

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/file-%03u.pdf", tmpdir, i);
      g_unlink (path);
    }
  g_rmdir (tmpdir);
  g_timer_destroy (timer);
  return 0;
}
