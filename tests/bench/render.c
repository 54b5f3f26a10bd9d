/* render.c — how long the dossier takes, beside the tools that do part of its job
 *
 *   build/tests/bench-render [--keep] [N_FILES [PAGES_PER_FILE]]
 *
 * Without N_FILES: two workloads in one run, 100 × 10 and 300 × 10 evidence pages (1,000 and
 * 3,000).  Each workload is a project with N_FILES evidence PDFs of text pages made by cairo,
 * each carrying its own subsets of the Noto CJK fonts (as Word or WPS exports do), and is
 * measured, each in a child process (wall and CPU time, peak RSS from wait4(), and the largest
 * anonymous and file-backed parts of the RSS as sampled from /proc every 2 ms: the file-backed
 * part is mostly the libraries and, for the dossier, the Noto CJK font files cairo reads):
 *   - the dossier with every attachment (zhi_dossier_render_to_file: the body and a frame page
 *     per evidence page by cairo, then libqpdf copying the original pages under the frames);
 *   - the same dossier without attachments (the body alone);
 *   - qpdf --empty --pages merging the same evidence files (the floor: copying the pages);
 *   - pdftocairo -pdf re-rendering those pages (poppler → cairo, what the dossier did before).
 * Prints a table, the ratios to qpdf's merge and output ÷ (evidence + body).  Not part of the
 * test suite.
 */
#include "zhi-dossier.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  double seconds;
  double cpu;   /* user + system */
  long peak_kb; /* VmHWM, from wait4() */
  long anon_kb; /* the largest RssAnon seen (heap, stacks: what the process allocated) */
  long file_kb; /* the largest RssFile seen (mapped files: libraries, fonts, caches) */
  int status;
} Run;

/* RssAnon and RssFile of @pid from /proc (0 when gone). */
static void
sample_rss (pid_t pid, long *anon_kb, long *file_kb)
{
  char path[64], line[256];
  FILE *f;

  g_snprintf (path, sizeof path, "/proc/%d/status", (int)pid);
  *anon_kb = *file_kb = 0;
  f = fopen (path, "r");
  while (f && fgets (line, sizeof line, f))
    if (sscanf (line, "RssAnon: %ld", anon_kb) != 1)
      sscanf (line, "RssFile: %ld", file_kb);
  if (f)
    fclose (f);
}

static Run
run_child (char **argv)
{
  Run run = { 0 };
  struct rusage ru;
  gint64 start = g_get_monotonic_time ();
  pid_t pid = fork ();

  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, 1);
      execvp (argv[0], argv);
      _exit (127);
    }
  /* sampled from outside every 2 ms: the peaks of the anonymous and the file-backed parts (a
   * sample may miss a peak shorter than that) */
  while (wait4 (pid, &run.status, WNOHANG, &ru) == 0)
    {
      long anon, file;

      sample_rss (pid, &anon, &file);
      run.anon_kb = MAX (run.anon_kb, anon);
      run.file_kb = MAX (run.file_kb, file);
      g_usleep (2000);
    }
  run.seconds = (g_get_monotonic_time () - start) / 1e6;
  run.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec
            + ru.ru_stime.tv_usec / 1e6;
  run.peak_kb = ru.ru_maxrss;
  return run;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64)st.st_size : 0;
}

static int
child_render (const char *project_path, const char *out, gboolean no_attachments)
{
  g_autoptr (GFile) file = g_file_new_for_path (project_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = zhi_project_open (file, &error);
  g_autoptr (ZhiDossierResult) result = NULL;
  ZhiDossierOptions options;

  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  zhi_dossier_options_init (&options);
  options.no_attachments = no_attachments;
  if (!zhi_dossier_render_to_file (project, NULL, &options, out, NULL, NULL, NULL, &result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_printerr ("  (%s: %u pages, fingerprint %s, %u warnings)\n", out, result->n_pages,
              result->fingerprint, result->warnings->len);
  zhi_project_close (project, NULL);
  return 0;
}

static void
print_row (const char *what, Run run, guint64 out_size)
{
  g_print ("%-40s %8.2f s %8.2f s %8.1f MB %8.1f MB %8.1f MB %9.2f MB%s\n", what, run.seconds,
           run.cpu, run.peak_kb / 1024.0, run.anon_kb / 1024.0, run.file_kb / 1024.0,
           out_size / 1e6, run.status == 0 ? "" : "  (FAILED)");
  if (WIFEXITED (run.status) && WEXITSTATUS (run.status) != 0)
    g_print ("  (exit status %d)\n", WEXITSTATUS (run.status));
  else if (WIFSIGNALED (run.status))
    g_print ("  (killed by signal %d)\n", WTERMSIG (run.status));
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
workload (const char *self, guint n_files, guint per_file, gboolean keep)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr (GFile) project_file = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *full = NULL, *lean = NULL, *merged = NULL, *cairo_out = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *pdftocairo = g_find_program_in_path ("pdftocairo");
  guint total_pages = n_files * per_file;
  guint64 input_size = 0;
  const char *criteria[] = { "w01", "w02", "w03", "w04", "w05", "w06", "w07", "w08", "w09", "w10" };
  Run dossier, body, floor = { 0 }, redraw;

  dir = g_dir_make_tmp ("zhi-bench-render-XXXXXX", &error);
  g_assert_no_error (error);
  project_path = g_build_filename (dir, "bench.zhizao", NULL);
  project_file = g_file_new_for_path (project_path);
  project = zhi_project_create (project_file, &error);
  g_assert_no_error (error);
  zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
  zhi_project_set_name (project, "辽宁基准测试机械有限公司");
  zhi_project_set_city (project, "沈阳市");

  g_print ("\n== %u evidence PDFs of %u pages (%u pages): generating…\n", n_files, per_file,
           total_pages);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/evidence-%03u.pdf", dir, i + 1);
      g_autofree char *title = g_strdup_printf ("证明材料%u", i + 1);
      g_autofree char *tail = g_strdup_printf ("%% zhizao bench %u\n", i + 1);
      g_autoptr (GFile) f = g_file_new_for_path (path);
      FILE *fp;
      ZhiEvidence *ev;

      g_assert_true (zhi_test_pdfs_write_text_pdf (path, per_file, &error));
      /* distinct bytes, so that the store keeps every blob (a comment after %%EOF) */
      fp = fopen (path, "ab");
      fputs (tail, fp);
      fclose (fp);
      input_size += file_size (path);
      ev = zhi_project_attach_file (project, f, title, NULL, &error);
      g_assert_no_error (error);
      zhi_project_add_evidence_support (project, zhi_evidence_get_id (ev),
                                        criteria[i % G_N_ELEMENTS (criteria)]);
      g_ptr_array_add (inputs, g_steal_pointer (&path));
    }
  g_assert_true (zhi_project_close (project, &error));

  full = g_build_filename (dir, "dossier.pdf", NULL);
  lean = g_build_filename (dir, "dossier-lean.pdf", NULL);
  merged = g_build_filename (dir, "qpdf-merged.pdf", NULL);
  cairo_out = g_build_filename (dir, "pdftocairo.pdf", NULL);

  g_print ("input: %u files, %u pages, %.2f MB\n\n", n_files, total_pages, input_size / 1e6);
  g_print ("%-40s %10s %10s %11s %11s %11s %12s\n", "", "wall", "CPU", "peak RSS", "of it anon",
           "file", "output");
  {
    char *args[] = { (char *)self, "--child", project_path, full, "full", NULL };

    dossier = run_child (args);
    print_row ("dossier, with the attachments", dossier, file_size (full));
  }
  {
    char *args[] = { (char *)self, "--child", project_path, lean, "lean", NULL };

    body = run_child (args);
    print_row ("dossier without attachments (the body)", body, file_size (lean));
  }
  if (qpdf != NULL)
    {
      GPtrArray *args = g_ptr_array_new ();

      g_ptr_array_add (args, qpdf);
      g_ptr_array_add (args, "--empty");
      g_ptr_array_add (args, "--pages");
      for (guint i = 0; i < inputs->len; i++)
        g_ptr_array_add (args, inputs->pdata[i]);
      g_ptr_array_add (args, "--");
      g_ptr_array_add (args, merged);
      g_ptr_array_add (args, NULL);
      floor = run_child ((char **)args->pdata);
      print_row ("qpdf --empty --pages (the copy)", floor, file_size (merged));
      g_ptr_array_free (args, TRUE);
    }
  else
    g_print ("qpdf not installed: skipped\n");
  if (pdftocairo != NULL && qpdf != NULL)
    {
      char *args[] = { pdftocairo, "-pdf", merged, cairo_out, NULL };

      redraw = run_child (args);
      print_row ("pdftocairo -pdf (re-rendering)", redraw, file_size (cairo_out));
    }
  else
    g_print ("pdftocairo (or qpdf for its input) not installed: skipped\n");

  g_print ("\n");
  if (floor.seconds > 0)
    g_print ("dossier ÷ qpdf: wall %.2f×, CPU %.2f×, peak RSS %.2f×, peak anonymous %.2f×\n",
             dossier.seconds / floor.seconds, dossier.cpu / floor.cpu,
             (double)dossier.peak_kb / floor.peak_kb, (double)dossier.anon_kb / floor.anon_kb);
  g_print ("output ÷ (evidence + body): %.3f (%.2f MB ÷ (%.2f + %.2f) MB)\n",
           (double)file_size (full) / (input_size + file_size (lean)), file_size (full) / 1e6,
           input_size / 1e6, file_size (lean) / 1e6);
  if (keep)
    g_print ("(the files are in %s)\n", dir);
  else
    remove_tree (dir);
}

int
main (int argc, char **argv)
{
  gboolean keep = FALSE;
  int first = 1;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_render (argv[2], argv[3], g_str_equal (argv[4], "lean"));
  if (argc > 1 && g_str_equal (argv[1], "--keep"))
    keep = TRUE, first = 2;
  if (argc > first)
    workload (argv[0], MAX (1, atoi (argv[first])),
              argc > first + 1 ? MAX (1, atoi (argv[first + 1])) : 10, keep);
  else
    {
      workload (argv[0], 100, 10, keep);
      workload (argv[0], 300, 10, keep);
    }
  return 0;
}
