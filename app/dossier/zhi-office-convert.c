/* zhi-office-convert.c — office documents to PDF through LibreOffice (see the header) */
#include "config.h"

#include "zhi-office-convert.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "zhi-evidence-inspect.h"

G_DEFINE_QUARK (zhi - office - error - quark, zhi_office_error)

static const char *const extensions[]
    = { ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".odt", ".ods" };
static const char *const media_types[] = {
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
};

gboolean
zhi_office_is_document (const char *file_name, const char *media_type)
{
  if (file_name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (file_name, -1);
      for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
        if (g_str_has_suffix (lower, extensions[i]))
          return TRUE;
    }
  if (media_type == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (media_types); i++)
    if (g_str_equal (media_type, media_types[i]))
      return TRUE;
  return g_str_has_prefix (media_type, "application/vnd.openxmlformats-officedocument.")
         || g_str_has_prefix (media_type, "application/vnd.oasis.opendocument.text")
         || g_str_has_prefix (media_type, "application/vnd.oasis.opendocument.spreadsheet");
}

char *
zhi_office_find_soffice (void)
{
  return g_find_program_in_path ("soffice");
}

/* ---- one LibreOffice run ---- */

/* a temporary tree of ours (LibreOffice's profile, the copies and their PDFs) */
static void
remove_tree (const char *dir)
{
  g_autofree char *quoted = g_shell_quote (dir);
  g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

typedef struct
{
  gboolean done;
  gboolean timed_out;
  GSubprocess *proc;
} Run;

static void
kill_group (Run *run)
{
  const char *id = g_subprocess_get_identifier (run->proc);
  /* the child made itself a process group leader: soffice starts oosplash and soffice.bin */
  if (id != NULL)
    kill (-(pid_t)g_ascii_strtoll (id, NULL, 10), SIGKILL);
  g_subprocess_force_exit (run->proc);
}

static void
run_waited (GObject *source, GAsyncResult *result, gpointer data)
{
  Run *run = data;
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  run->done = TRUE;
}

static gboolean
run_timeout (gpointer data)
{
  Run *run = data;
  run->timed_out = TRUE;
  kill_group (run);
  return G_SOURCE_REMOVE;
}

static gboolean
run_cancelled (GCancellable *cancellable, gpointer data)
{
  (void)cancellable;
  kill_group (data);
  return G_SOURCE_REMOVE;
}

static void
child_setup (gpointer data)
{
  (void)data;
  setsid ();
}

static gboolean
not_installed (GError **error)
{
  g_set_error (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_NOT_INSTALLED,
               _ ("LibreOffice is not installed, so Word, Excel and other office documents "
                  "cannot be converted to PDF. They stay in the project but support nothing "
                  "until converted. Install LibreOffice with “%s”, then convert them."),
               ZHI_OFFICE_INSTALL_COMMAND);
  return FALSE;
}

gboolean
zhi_office_convert_files (const char *const *paths,
                          const char *outdir,
                          guint timeout_seconds,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autofree char *soffice = zhi_office_find_soffice ();
  if (soffice == NULL)
    return not_installed (error);
  if (paths == NULL || paths[0] == NULL)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_autofree char *profile_dir = g_dir_make_tmp ("zhizao-lo-XXXXXX", error);
  if (profile_dir == NULL)
    return FALSE;
  g_autofree char *profile_uri = g_filename_to_uri (profile_dir, NULL, NULL);
  g_autofree char *env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, soffice);
  g_ptr_array_add (argv, env_arg);
  g_ptr_array_add (argv, "--headless");
  g_ptr_array_add (argv, "--norestore");
  g_ptr_array_add (argv, "--nologo");
  g_ptr_array_add (argv, "--nolockcheck");
  g_ptr_array_add (argv, "--convert-to");
  g_ptr_array_add (argv, "pdf");
  g_ptr_array_add (argv, "--outdir");
  g_ptr_array_add (argv, (gpointer)outdir);
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)paths[i]);
  g_ptr_array_add (argv, NULL);

  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "LANG", "zh_CN.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "zh_CN.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "zh_CN", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", profile_dir, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  GMainContext *context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  Run run = { 0 };
  gboolean ok = FALSE;
  run.proc = g_subprocess_launcher_spawnv (launcher, (const char *const *)argv->pdata, error);
  if (run.proc != NULL)
    {
      g_subprocess_wait_async (run.proc, NULL, run_waited, &run);
      GSource *timer = g_timeout_source_new_seconds (MAX (timeout_seconds, 1));
      g_source_set_callback (timer, run_timeout, &run, NULL);
      g_source_attach (timer, context);
      GSource *cancel = NULL;
      if (cancellable != NULL)
        {
          cancel = g_cancellable_source_new (cancellable);
          g_source_set_callback (cancel, G_SOURCE_FUNC (run_cancelled), &run, NULL);
          g_source_attach (cancel, context);
        }
      while (!run.done)
        g_main_context_iteration (context, TRUE);
      g_source_destroy (timer);
      g_source_unref (timer);
      if (cancel != NULL)
        {
          g_source_destroy (cancel);
          g_source_unref (cancel);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ;
      else if (run.timed_out)
        g_set_error (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_TIMEOUT,
                     _ ("LibreOffice did not finish converting within %u seconds and was "
                        "stopped. Open the document in LibreOffice, save it again and retry."),
                     timeout_seconds);
      else
        ok = TRUE;
      g_object_unref (run.proc);
    }
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);

  /* each document must have its PDF */
  for (guint i = 0; ok && paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      char *dot = strrchr (base, '.');
      if (dot != NULL)
        *dot = '\0';
      g_autofree char *pdf_name = g_strconcat (base, ".pdf", NULL);
      g_autofree char *pdf = g_build_filename (outdir, pdf_name, NULL);
      if (!g_file_test (pdf, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *name = g_path_get_basename (paths[i]);
          g_set_error (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_FAILED,
                       _ ("LibreOffice could not convert “%s” to PDF. Check that the document "
                          "opens in LibreOffice, or save it as PDF yourself and attach that."),
                       name);
          ok = FALSE;
        }
    }
  remove_tree (profile_dir);
  return ok;
}

/* ---- a project's office documents ---- */

/* one conversion of a project's documents: collected and copied out on the calling thread,
 * converted (possibly in a worker thread), recorded on the calling thread */
typedef struct
{
  GPtrArray *ids;   /* evidence ids, one per distinct content */
  GPtrArray *paths; /* their copies, NULL-terminated once prepared */
  char *tmp;
  char *outdir;
  ZhiProgressFunc progress;
  gpointer progress_data;
} Batch;

static void
batch_free (Batch *b)
{
  if (b->tmp != NULL)
    remove_tree (b->tmp);
  g_ptr_array_unref (b->ids);
  g_ptr_array_unref (b->paths);
  g_free (b->tmp);
  g_free (b->outdir);
  g_free (b);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

static void
batch_progress (Batch *b, double fraction)
{
  if (b->progress != NULL)
    b->progress (fraction, b->progress_data);
}

/* the office documents without their PDF, one item per distinct content */
static Batch *
batch_collect (ZhiProject *project)
{
  GListModel *list = zhi_project_get_evidence_list (project);
  g_autoptr (GPtrArray) shas = g_ptr_array_new ();
  Batch *b = g_new0 (Batch, 1);

  b->ids = g_ptr_array_new_with_free_func (g_free);
  b->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      const char *sha = zhi_evidence_get_sha256 (ev);
      if (!zhi_office_is_document (zhi_evidence_get_file_name (ev),
                                   zhi_evidence_get_media_type (ev))
          || !zhi_project_has_blob (project, sha)
          || g_ptr_array_find_with_equal_func (shas, sha, g_str_equal, NULL))
        continue;
      g_autofree char *pdf
          = zhi_project_get_evidence_pdf_sha256 (project, zhi_evidence_get_id (ev));
      if (pdf != NULL)
        continue;
      g_ptr_array_add (shas, (gpointer)sha);
      g_ptr_array_add (b->ids, g_strdup (zhi_evidence_get_id (ev)));
    }
  return b;
}

guint
zhi_office_count_unconverted (ZhiProject *project)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (project), 0);
  g_autoptr (Batch) b = batch_collect (project);
  return b->ids->len;
}

/* copies the originals out, by number (distinct names; the original names may repeat) */
static gboolean
batch_prepare (Batch *b, ZhiProject *project, GCancellable *cancellable, GError **error)
{
  g_autofree char *soffice = zhi_office_find_soffice ();
  if (soffice == NULL)
    return not_installed (error);
  b->tmp = g_dir_make_tmp ("zhizao-office-XXXXXX", error);
  if (b->tmp == NULL)
    return FALSE;
  b->outdir = g_build_filename (b->tmp, "pdf", NULL);
  if (g_mkdir (b->outdir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", b->outdir,
                   g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < b->ids->len; i++)
    {
      ZhiEvidence *ev = zhi_project_lookup_evidence (project, b->ids->pdata[i]);
      const char *dot = ev ? strrchr (zhi_evidence_get_file_name (ev), '.') : NULL;
      g_autofree char *ext = g_ascii_strdown (dot ? dot : ".doc", -1);
      g_autofree char *name = g_strdup_printf ("%u%s", i + 1, ext);
      char *path = g_build_filename (b->tmp, name, NULL);
      g_autoptr (GFile) dest = g_file_new_for_path (path);
      g_ptr_array_add (b->paths, path);
      if (!zhi_project_export_evidence (project, b->ids->pdata[i], dest, cancellable, error))
        return FALSE;
    }
  g_ptr_array_add (b->paths, NULL);
  batch_progress (b, 0.1);
  return TRUE;
}

static gboolean
batch_run (Batch *b, GCancellable *cancellable, GError **error)
{
  return zhi_office_convert_files ((const char *const *)b->paths->pdata, b->outdir,
                                   60 + 30 * b->ids->len, cancellable, error);
}

/* each PDF must open; then it is stored with its item */
static gboolean
batch_record (
    Batch *b, ZhiProject *project, guint *n_converted, GCancellable *cancellable, GError **error)
{
  batch_progress (b, 0.9);
  for (guint i = 0; i < b->ids->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.pdf", i + 1);
      g_autofree char *path = g_build_filename (b->outdir, name, NULL);
      g_autoptr (GFile) pdf = g_file_new_for_path (path);
      g_autofree char *problem = NULL;
      guint pages = 0;
      /* removed meanwhile (the async run): nothing to record */
      if (zhi_project_lookup_evidence (project, b->ids->pdata[i]) == NULL)
        continue;
      if (!zhi_evidence_inspect_file (pdf, "application/pdf", &pages, &problem, cancellable, error))
        return FALSE;
      if (problem != NULL)
        {
          ZhiEvidence *ev = zhi_project_lookup_evidence (project, b->ids->pdata[i]);
          g_set_error (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_FAILED,
                       _ ("LibreOffice could not convert “%s” to PDF. Check that the document "
                          "opens in LibreOffice, or save it as PDF yourself and attach that."),
                       ev ? zhi_evidence_get_file_name (ev) : "");
          return FALSE;
        }
      if (!zhi_project_set_evidence_pdf (project, b->ids->pdata[i], pdf, NULL, pages, cancellable,
                                         error))
        return FALSE;
      if (n_converted)
        (*n_converted)++;
      batch_progress (b, 0.9 + 0.1 * (i + 1) / b->ids->len);
    }
  return TRUE;
}

gboolean
zhi_office_convert_project (ZhiProject *project,
                            guint *n_converted,
                            ZhiProgressFunc progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  if (n_converted)
    *n_converted = 0;
  g_autoptr (Batch) b = batch_collect (project);
  if (b->ids->len == 0)
    return TRUE;
  b->progress = progress;
  b->progress_data = progress_data;
  return batch_prepare (b, project, cancellable, error) && batch_run (b, cancellable, error)
         && batch_record (b, project, n_converted, cancellable, error);
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  (void)source;
  if (batch_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *outer = data;
  Batch *b = g_task_get_task_data (outer);
  GError *error = NULL;
  guint n = 0;
  ZhiProject *project = g_task_get_source_object (outer);

  if (g_task_propagate_boolean (G_TASK (result), &error)
      && batch_record (b, project, &n, g_task_get_cancellable (outer), &error))
    g_task_return_int (outer, n);
  else
    g_task_return_error (outer, error);
  g_object_unref (outer);
  (void)source;
}

void
zhi_office_convert_project_async (ZhiProject *project,
                                  GCancellable *cancellable,
                                  ZhiProgressFunc progress,
                                  gpointer progress_data,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_return_if_fail (ZHI_IS_PROJECT (project));
  GTask *outer = g_task_new (project, cancellable, callback, user_data);
  Batch *b = batch_collect (project);
  GError *error = NULL;

  g_task_set_source_tag (outer, zhi_office_convert_project_async);
  g_task_set_task_data (outer, b, (GDestroyNotify)batch_free);
  b->progress = progress;
  b->progress_data = progress_data;
  if (b->ids->len == 0)
    {
      g_task_return_int (outer, 0);
      g_object_unref (outer);
      return;
    }
  if (!batch_prepare (b, project, cancellable, &error))
    {
      g_task_return_error (outer, error);
      g_object_unref (outer);
      return;
    }
  /* LibreOffice runs in a worker thread; the PDFs are recorded back here */
  GTask *inner = g_task_new (NULL, cancellable, run_done, outer);
  g_task_set_task_data (inner, b, NULL);
  g_task_run_in_thread (inner, run_thread);
  g_object_unref (inner);
}

gboolean
zhi_office_convert_project_finish (ZhiProject *project,
                                   GAsyncResult *result,
                                   guint *n_converted,
                                   GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);
  gssize n = g_task_propagate_int (G_TASK (result), error);
  if (n_converted)
    *n_converted = n < 0 ? 0 : (guint)n;
  return n >= 0;
}
