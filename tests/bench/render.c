/* render.c — how long the dossier takes, beside the tools that do part of its job
 *
 *   build/tests/bench-render [--keep] [--glyphs N] [--object-streams] [N_FILES [PAGES_PER_FILE]]
 *
 * Without N_FILES: two workloads in one run, 100 × 10 and 300 × 10 evidence pages (1,000 and
 * 3,000).  Each workload is a project with N_FILES evidence PDFs of text pages made by cairo,
 * each carrying its own subsets of the Noto CJK fonts (as Word or WPS exports do), and is
 * measured, each in a child process (wall and CPU time, peak RSS from wait4(), and the largest
 * anonymous and file-backed parts of the RSS as sampled from /proc every 2 ms: the file-backed
 * part is mostly the libraries and, for the dossier, the Noto CJK font files cairo reads; the
 * children are forked by a small launcher, so that none counts this process's memory):
 *   - the dossier with every attachment (zhi_dossier_render_to_file: the body by cairo, then
 *     libqpdf making the original pages' pages);
 *   - the same dossier without attachments (the body alone);
 *   - qpdf --empty --pages merging the same evidence files (the floor: copying the pages);
 *   - pdftocairo -pdf re-rendering those pages (poppler → cairo, what the dossier did before).
 * The dossier's children also print the time of the render call alone (no process start, no
 * opening of the project), and a third child renders the body twice: the second call is the
 * application's preview, made again on every change by a process whose fonts are loaded.
 * Prints a table, the ratios to qpdf's merge and output ÷ (evidence + body).  Not part of the
 * test suite.
 *
 * With --glyphs N, each workload is measured twice: as above, then with files whose pages also
 * show N distinct CJK ideographs per file (a different run of them in each file), spread over
 * its pages: font subsets of the size Word or WPS exports of real documents carry (hundreds to
 * a thousand glyphs each), heavier than the plain files' few dozen.
 *
 * cairo writes its files with a cross-reference table, as scanners and LibreOffice do; the
 * dossier is then written without object streams.  With --object-streams, each evidence file is
 * rewritten by libqpdf with object streams and a cross-reference stream (as Acrobat and many
 * PDF 1.5 writers do), and the dossier is written with object streams too.
 */
#include "zhi-dossier.h"
#include "zhi-evidence-inspect.h"
#include "zhi-pdf-compact.h"
#include "zhi-store.h"
#include "zhi-test-pdfs.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
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
run_child_here (char **argv)
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

/* A child's peak RSS (wait4()'s ru_maxrss, and the first samples) counts what it had before its
 * exec: the memory of the process that forked it.  This process generates the workload with
 * cairo and the fonts (50 MB and more), so the children are forked by a launcher forked at the
 * start, before any of that (a few MB). */
static int launcher_requests = -1, launcher_results = -1;

static gboolean
read_all (int fd, void *buf, gsize len)
{
  for (gsize done = 0; done < len;)
    {
      ssize_t n = read (fd, (char *)buf + done, len - done);

      if (n <= 0)
        return FALSE;
      done += (gsize)n;
    }
  return TRUE;
}

static gboolean
write_all (int fd, const void *buf, gsize len)
{
  for (gsize done = 0; done < len;)
    {
      ssize_t n = write (fd, (const char *)buf + done, len - done);

      if (n <= 0)
        return FALSE;
      done += (gsize)n;
    }
  return TRUE;
}

static void
start_launcher (void)
{
  int requests[2], results[2];
  pid_t pid;

  if (pipe (requests) != 0 || pipe (results) != 0)
    return;
  pid = fork ();
  if (pid < 0)
    return;
  if (pid == 0)
    {
      guint32 argc;

      close (requests[1]);
      close (results[0]);
      /* one request: argc, then each argument's length and bytes; the answer: a Run */
      while (read_all (requests[0], &argc, sizeof argc))
        {
          char **argv = g_new0 (char *, argc + 1);
          Run run;

          for (guint32 i = 0; i < argc; i++)
            {
              guint32 len;

              if (!read_all (requests[0], &len, sizeof len))
                _exit (1);
              argv[i] = g_malloc0 (len + 1);
              if (!read_all (requests[0], argv[i], len))
                _exit (1);
            }
          run = run_child_here (argv);
          g_strfreev (argv);
          if (!write_all (results[1], &run, sizeof run))
            _exit (1);
        }
      _exit (0);
    }
  close (requests[0]);
  close (results[1]);
  launcher_requests = requests[1];
  launcher_results = results[0];
}

static Run
run_child (char **argv)
{
  guint32 argc = 0;
  Run run = { 0 };

  if (launcher_requests < 0)
    return run_child_here (argv);
  while (argv[argc])
    argc++;
  write_all (launcher_requests, &argc, sizeof argc);
  for (guint32 i = 0; i < argc; i++)
    {
      guint32 len = (guint32)strlen (argv[i]);

      write_all (launcher_requests, &len, sizeof len);
      write_all (launcher_requests, argv[i], len);
    }
  if (!read_all (launcher_results, &run, sizeof run))
    run.status = -1;
  return run;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64)st.st_size : 0;
}

static double
cpu_seconds (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/* @rounds renders of the dossier, with or without its attachments; the second is the
 * application's preview, made again on every change by a process whose fonts are loaded */
static int
child_render (const char *project_path, const char *out, gboolean no_attachments, guint rounds)
{
  g_autoptr (GFile) file = g_file_new_for_path (project_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = zhi_project_open (file, &error);
  ZhiDossierOptions options;

  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  zhi_dossier_options_init (&options);
  options.no_attachments = no_attachments;
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr (ZhiDossierResult) result = NULL;
      double cpu = cpu_seconds ();
      gint64 start = g_get_monotonic_time ();

      if (!zhi_dossier_render_to_file (project, NULL, &options, out, NULL, NULL, NULL, &result,
                                       &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (round == 0)
        g_printerr ("  (%s: %u pages, fingerprint %s, %u warnings)\n", out, result->n_pages,
                    result->fingerprint, result->warnings->len);
      /* the render call alone: no process start, no opening of the project */
      g_printerr ("  (the render call%s: %.2f s, CPU %.2f s)\n", round ? ", again" : "",
                  (g_get_monotonic_time () - start) / 1e6, cpu_seconds () - cpu);
    }
  zhi_project_close (project, NULL);
  return 0;
}

/* A text PDF of @n_pages A4 pages, as zhi_test_pdfs_write_text_pdf() makes, whose pages also
 * show @n_glyphs distinct ideographs between them, starting at the @first-th of the CJK
 * Unified Ideographs from U+4E00 (16,000 of them, wrapping round). */
static gboolean
write_heavy_pdf (const char *path, guint n_pages, guint n_glyphs, guint first, GError **error)
{
  const double w = 595.276, h = 841.89;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, w, h);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *heading = pango_font_description_from_string ("Noto Sans CJK SC 20");
  PangoFontDescription *body = pango_font_description_from_string ("Noto Serif CJK SC 10");
  /* the first 16,000: cairo 1.16 failed an assertion on a run further into the block */
  const guint n_block = 16000;
  guint per_page = (n_glyphs + n_pages - 1) / MAX (n_pages, 1), shown = 0;

  pango_layout_set_width (layout, (int)((w - 144) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);
  for (guint k = 1; k <= n_pages; k++)
    {
      g_autofree char *title = g_strdup_printf ("证明材料 第%u页", k);
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint i = 0; i < per_page && shown < n_glyphs; i++, shown++)
        g_string_append_unichar (text, 0x4E00 + (first + shown) % n_block);
      pango_layout_set_font_description (layout, heading);
      pango_layout_set_text (layout, title, -1);
      cairo_move_to (cr, 72, 72);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_font_description (layout, body);
      pango_layout_set_text (layout, text->str, -1);
      cairo_move_to (cr, 72, 120);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
    }
  g_object_unref (layout);
  pango_font_description_free (heading);
  pango_font_description_free (body);
  cairo_destroy (cr);
  return zhi_test_pdfs_finish (surface, path, error);
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
workload (const char *self,
          guint n_files,
          guint per_file,
          guint glyphs,
          gboolean object_streams,
          gboolean keep)
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

  if (glyphs > 0)
    g_print ("\n== %u evidence PDFs of %u pages (%u pages), %u distinct ideographs each%s: "
             "generating…\n",
             n_files, per_file, total_pages, glyphs, object_streams ? ", in object streams" : "");
  else
    g_print ("\n== %u evidence PDFs of %u pages (%u pages)%s: generating…\n", n_files, per_file,
             total_pages, object_streams ? ", in object streams" : "");
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/evidence-%03u.pdf", dir, i + 1);
      g_autofree char *title = g_strdup_printf ("证明材料%u", i + 1);
      g_autofree char *tail = g_strdup_printf ("%% zhizao bench %u\n", i + 1);
      g_autoptr (GFile) f = g_file_new_for_path (path);
      FILE *fp;
      ZhiEvidence *ev;

      if (glyphs > 0)
        g_assert_true (write_heavy_pdf (path, per_file, glyphs, i * glyphs, &error));
      else
        g_assert_true (zhi_test_pdfs_write_text_pdf (path, per_file, &error));
      if (object_streams)
        {
          g_autofree char *packed = g_strconcat (path, ".packed", NULL);

          g_assert_true (zhi_pdf_compact (path, packed, &error));
          g_assert_no_error (error);
          g_assert_cmpint (g_rename (packed, path), ==, 0);
        }
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
  {
    /* not a row: its process renders twice, for the render calls' own times */
    char *args[] = { (char *)self, "--child", project_path, lean, "preview", NULL };

    run_child (args);
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
  gboolean keep = FALSE, object_streams = FALSE;
  guint glyphs = 0;
  int first = 1;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return child_render (argv[2], argv[3], !g_str_equal (argv[4], "full"),
                         g_str_equal (argv[4], "preview") ? 2 : 1);
  start_launcher ();
  /* evidence is attached as the application and the CLI attach it: inspected, its pages
   * counted */
  zhi_evidence_inspector_install ();
  if (argc > first && g_str_equal (argv[first], "--keep"))
    keep = TRUE, first++;
  if (argc > first + 1 && g_str_equal (argv[first], "--glyphs"))
    {
      glyphs = (guint)MAX (1, atoi (argv[first + 1]));
      first += 2;
    }
  if (argc > first && g_str_equal (argv[first], "--object-streams"))
    object_streams = TRUE, first++;
  /* the plain workload, then (--glyphs) the heavy one of the same size */
  for (guint heavy = 0; heavy <= (glyphs > 0 ? 1u : 0u); heavy++)
    {
      guint g = heavy ? glyphs : 0;

      if (argc > first)
        workload (argv[0], MAX (1, atoi (argv[first])),
                  argc > first + 1 ? MAX (1, atoi (argv[first + 1])) : 10, g, object_streams, keep);
      else
        {
          workload (argv[0], 100, 10, g, object_streams, keep);
          workload (argv[0], 300, 10, g, object_streams, keep);
        }
    }
  return 0;
}
