/* fuzz-project-open.c — the project loader: any bytes as a *.zhizao file
 *
 * Each input is written to a file in a private temporary folder and opened with
 * zhi_project_open(); a project that opens is read through its getters, exported and
 * imported back (zhi_fuzz_exercise_project), then closed.  Opening may only fail with a
 * ZHI_PROJECT_ERROR and a message.
 */
#include "zhi-fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "zhi-store.h"

static void
write_input (const char *path, const uint8_t *data, size_t size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    zhi_fuzz_fail ("cannot write %s: %s", path, g_strerror (errno));
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        zhi_fuzz_fail ("cannot write %s: %s", path, g_strerror (errno));
      data += n;
      size -= (size_t)n;
    }
  close (fd);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static char *path, *journal;

  zhi_fuzz_init ();
  if (path == NULL)
    {
      path = g_build_filename (zhi_fuzz_tmp_dir (), "input.zhizao", NULL);
      journal = g_strconcat (path, "-journal", NULL);
    }
  g_unlink (journal);
  g_unlink (path);
  write_input (path, data, size);

  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = zhi_project_open (file, &error);
  if (project == NULL)
    {
      if (error == NULL || error->domain != ZHI_PROJECT_ERROR || error->message == NULL
          || *error->message == '\0')
        zhi_fuzz_fail ("zhi_project_open failed without a ZHI_PROJECT_ERROR (%s)",
                       error ? error->message : "no error");
      return 0;
    }
  if (error != NULL)
    zhi_fuzz_fail ("zhi_project_open returned a project and set an error");

  zhi_fuzz_exercise_project (project);
  if (!zhi_project_close (project, &error))
    {
      if (error == NULL || error->domain != ZHI_PROJECT_ERROR)
        zhi_fuzz_fail ("zhi_project_close failed without a ZHI_PROJECT_ERROR");
    }
  return 0;
}
