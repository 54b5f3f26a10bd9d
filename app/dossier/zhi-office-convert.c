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

gboolean
zhi_office_convert_project (ZhiProject *project,
                            guint *n_converted,
                            ZhiProgressFunc progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  GListModel *list = zhi_project_get_evidence_list (project);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) exts = g_ptr_array_new_with_free_func (g_free);
  if (n_converted)
    *n_converted = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      const char *name = zhi_evidence_get_file_name (ev);
      if (!zhi_office_is_document (name, zhi_evidence_get_media_type (ev))
          || !zhi_project_has_blob (project, zhi_evidence_get_sha256 (ev)))
        continue;
      g_autofree char *pdf
          = zhi_project_get_evidence_pdf_sha256 (project, zhi_evidence_get_id (ev));
      if (pdf != NULL
          || g_ptr_array_find_with_equal_func (shas, zhi_evidence_get_sha256 (ev), g_str_equal,
                                               NULL))
        continue;
      const char *dot = strrchr (name, '.');
      g_ptr_array_add (ids, g_strdup (zhi_evidence_get_id (ev)));
      g_ptr_array_add (shas, g_strdup (zhi_evidence_get_sha256 (ev)));
      g_ptr_array_add (exts, g_ascii_strdown (dot ? dot : ".doc", -1));
    }
  if (ids->len == 0)
    return TRUE;
  g_autofree char *soffice = zhi_office_find_soffice ();
  if (soffice == NULL)
    return not_installed (error);

  g_autofree char *tmp = g_dir_make_tmp ("zhizao-office-XXXXXX", error);
  if (tmp == NULL)
    return FALSE;
  g_autofree char *outdir = g_build_filename (tmp, "pdf", NULL);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = g_mkdir (outdir, 0700) == 0;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", outdir, g_strerror (errno));
  /* the originals, by number (distinct names; the original names may repeat) */
  for (guint i = 0; ok && i < ids->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u%s", i + 1, (char *)exts->pdata[i]);
      char *path = g_build_filename (tmp, name, NULL);
      g_autoptr (GFile) dest = g_file_new_for_path (path);
      g_ptr_array_add (paths, path);
      ok = zhi_project_export_evidence (project, ids->pdata[i], dest, cancellable, error);
    }
  if (ok && progress)
    progress (0.1, progress_data);
  g_ptr_array_add (paths, NULL);
  ok = ok
       && zhi_office_convert_files ((const char *const *)paths->pdata, outdir, 60 + 30 * ids->len,
                                    cancellable, error);
  if (ok && progress)
    progress (0.9, progress_data);
  for (guint i = 0; ok && i < ids->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.pdf", i + 1);
      g_autofree char *path = g_build_filename (outdir, name, NULL);
      g_autoptr (GFile) pdf = g_file_new_for_path (path);
      g_autofree char *problem = NULL;
      guint pages = 0;
      ok = zhi_evidence_inspect_file (pdf, "application/pdf", &pages, &problem, cancellable, error);
      if (ok && problem != NULL)
        {
          ZhiEvidence *ev = zhi_project_lookup_evidence (project, ids->pdata[i]);
          g_set_error (error, ZHI_OFFICE_ERROR, ZHI_OFFICE_ERROR_FAILED,
                       _ ("LibreOffice could not convert “%s” to PDF. Check that the document "
                          "opens in LibreOffice, or save it as PDF yourself and attach that."),
                       ev ? zhi_evidence_get_file_name (ev) : "");
          ok = FALSE;
        }
      ok = ok
           && zhi_project_set_evidence_pdf (project, ids->pdata[i], pdf, pages, cancellable, error);
      if (ok && n_converted)
        (*n_converted)++;
      if (ok && progress)
        progress (0.9 + 0.1 * (i + 1) / ids->len, progress_data);
    }
  remove_tree (tmp);
  return ok;
}
