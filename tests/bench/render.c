/* render.c — how long the dossier takes, beside the tools that do part of its job
 *
 *   build/tests/bench-render [N_FILES [PAGES_PER_FILE]]     (default 100 × 10 = 1,000 pages)
 *
 * Generates a project with N_FILES evidence PDFs of text pages, then measures, each in a child
 * process (wall time and peak RSS from wait4()):
 *   - the dossier with every attachment (zhi_dossier_render_to_file; cairo, then the qpdf pass
 *     that writes object streams);
 *   - the dossier without attachments (the same project, 七、附件 left out);
 *   - the qpdf pass alone (zhi_pdf_compact), on the dossier with its objects written out one by
 *     one again (qpdf --object-streams=disable: what cairo 1.16 hands the pass);
 *   - qpdf --empty --pages copying the same pages into one file (no re-rendering);
 *   - pdftocairo -pdf re-rendering those pages (poppler → cairo, what the dossier does).
 * Prints a table; sizes of the outputs beside the input.  Not part of the test suite.
 */
#include "zhi-dossier.h"
#include "zhi-pdf-compact.h"
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
  long peak_kb;
  int status;
} Run;

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
  wait4 (pid, &run.status, 0, &ru);
  run.seconds = (g_get_monotonic_time () - start) / 1e6;
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
print_row (const char *what, Run run, guint64 out_size, guint pages)
{
  g_autofree char *rate
      = pages > 0 ? g_strdup_printf ("%8.0f pages/s", pages / run.seconds) : g_strdup ("");

  g_print ("%-38s %8.2f s %8.1f MB %10.1f MB %s%s\n", what, run.seconds, run.peak_kb / 1024.0,
           out_size / 1048576.0, rate, run.status == 0 ? "" : "  (FAILED)");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr (GFile) project_file = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *full = NULL, *lean = NULL, *merged = NULL, *cairo_out = NULL;
  g_autofree char *expanded = NULL, *recompacted = NULL;
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *pdftocairo = g_find_program_in_path ("pdftocairo");
  guint n_files = 100, per_file = 10, total_pages;
  guint64 input_size = 0;
  const char *criteria[] = { "w01", "w02", "w03", "w04", "w05", "w06", "w07", "w08", "w09", "w10" };
  Run run;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_render (argv[2], argv[3], g_str_equal (argv[4], "lean"));
  if (argc == 4 && g_str_equal (argv[1], "--compact"))
    {
      if (!zhi_pdf_compact (argv[2], argv[3], &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }
  if (argc > 1)
    n_files = MAX (1, atoi (argv[1]));
  if (argc > 2)
    per_file = MAX (1, atoi (argv[2]));
  total_pages = n_files * per_file;

  dir = g_dir_make_tmp ("zhi-bench-render-XXXXXX", &error);
  g_assert_no_error (error);
  project_path = g_build_filename (dir, "bench.zhizao", NULL);
  project_file = g_file_new_for_path (project_path);
  project = zhi_project_create (project_file, &error);
  g_assert_no_error (error);
  zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
  zhi_project_set_name (project, "辽宁基准测试机械有限公司");
  zhi_project_set_city (project, "沈阳市");

  g_print ("Generating %u evidence PDFs of %u pages (%u pages)…\n", n_files, per_file, total_pages);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/evidence-%03u.pdf", dir, i + 1);
      g_autofree char *title = g_strdup_printf ("证明材料%u", i + 1);
      g_autofree char *tail = g_strdup_printf ("%% zhizao bench %u\n", i + 1);
      g_autoptr (GFile) f = g_file_new_for_path (path);
      FILE *fp;
      ZhiEvidence *ev;

      g_assert_true (zhi_test_pdfs_write_text_pdf (path, per_file, &error));
      /* distinct bytes, so that the store keeps 100 blobs (a comment after %%EOF) */
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
  expanded = g_build_filename (dir, "dossier-no-objstm.pdf", NULL);
  recompacted = g_build_filename (dir, "dossier-recompacted.pdf", NULL);

  g_print ("\ninput: %u files, %u pages, %.1f MB\n\n", n_files, total_pages,
           input_size / 1048576.0);
  g_print ("%-38s %10s %11s %13s %14s\n", "", "wall", "peak RSS", "output", "");
  {
    char *args[] = { argv[0], "--child", project_path, full, "full", NULL };

    run = run_child (args);
    print_row ("dossier, with attachments", run, file_size (full), total_pages);
  }
  {
    char *args[] = { argv[0], "--child", project_path, lean, "lean", NULL };

    run = run_child (args);
    print_row ("dossier, without attachments", run, file_size (lean), 0);
  }
  if (qpdf != NULL)
    {
      char *expand[] = { qpdf, "--object-streams=disable", full, expanded, NULL };
      char *args[] = { argv[0], "--compact", expanded, recompacted, NULL };

      run = run_child (expand);
      if (run.status == 0)
        {
          g_print ("%-38s %21s %10.1f MB\n", "  (dossier without object streams)", "",
                   file_size (expanded) / 1048576.0);
          run = run_child (args);
          print_row ("  the qpdf pass alone (zhi_pdf_compact)", run, file_size (recompacted), 0);
        }
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
      run = run_child ((char **)args->pdata);
      print_row ("qpdf --empty --pages (copy)", run, file_size (merged), total_pages);
      g_ptr_array_free (args, TRUE);
    }
  else
    g_print ("qpdf not installed: skipped\n");
  if (pdftocairo != NULL && qpdf != NULL)
    {
      char *args[] = { pdftocairo, "-pdf", merged, cairo_out, NULL };

      run = run_child (args);
      print_row ("pdftocairo -pdf (re-render)", run, file_size (cairo_out), total_pages);
    }
  else
    g_print ("pdftocairo (or qpdf for its input) not installed: skipped\n");

  g_print ("\noutput ÷ input: %.3f (dossier with attachments)\n",
           (double)file_size (full) / input_size);
  g_print ("\n(the files are in %s; remove it when done)\n", dir);
  return 0;
}
