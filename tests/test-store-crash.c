/* test-store-crash.c — SIGKILL in the middle of a burst of edits loses nothing committed
 *
 * A child opens the project and makes batches of edits, flushing after each batch and
 * then reporting the batch number through a pipe.  The parent kills it (SIGKILL) at a
 * random moment of the burst, reopens the file and checks that every reported batch is
 * there, complete.  Several rounds, each killed at another moment.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zhi-store.h"
#include "zhi-test-util.h"

#define PER_BATCH 8

static G_NORETURN void
child (const char *path, int fd, int round)
{
  g_autoptr (GFile) f = g_file_new_for_path (path);
  GError *error = NULL;
  ZhiProject *p = zhi_project_open (f, &error);
  if (p == NULL || zhi_project_is_read_only (p))
    _exit (3);
  for (guint32 batch = 1;; batch++)
    {
      for (int k = 0; k < PER_BATCH; k++)
        {
          char id[32], text[64];
          g_snprintf (id, sizeof id, "r%d-b%u-k%d", round, batch, k);
          g_snprintf (text, sizeof text, "第%u批第%d条", batch, k);
          zhi_project_set_narrative (p, id, text);
        }
      zhi_project_set_employees (p, batch);
      if (!zhi_project_flush (p, &error))
        _exit (4);
      if (write (fd, &batch, sizeof batch) != sizeof batch)
        _exit (5);
    }
}

static gboolean
journal_is_hot (const char *journal)
{
  static const guint8 magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
  g_autofree char *data = NULL;
  gsize len = 0;
  return g_file_get_contents (journal, &data, &len, NULL) && len >= 8
         && memcmp (data, magic, 8) == 0;
}

static void
test_kill_mid_burst (void)
{
  g_autofree char *path = zhi_test_tmp_path ("crash.zhizao");
  g_autoptr (GFile) f = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (ZhiProject) p = zhi_project_create (f, &error);
    g_assert_no_error (error);
    zhi_project_set_name (p, "崩溃测试");
  }

  for (int round = 0; round < 6; round++)
    {
      int fds[2];
      g_assert_cmpint (pipe (fds), ==, 0);
      pid_t pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child (path, fds[1], round);
        }
      close (fds[1]);

      /* let it commit a few batches, then kill it at a random point of the next ones */
      guint32 reported = 0, b;
      guint32 wait_for = (guint32)g_test_rand_int_range (3, 12);
      while (reported < wait_for && read (fds[0], &b, sizeof b) == sizeof b)
        reported = b;
      g_usleep (g_test_rand_int_range (0, 4000));
      kill (pid, SIGKILL);
      int status;
      waitpid (pid, &status, 0);
      g_assert_true (WIFSIGNALED (status));
      while (read (fds[0], &b, sizeof b) == sizeof b) /* reported before dying */
        reported = b;
      close (fds[0]);
      g_assert_cmpuint (reported, >=, wait_for);

      g_autoptr (ZhiProject) p = zhi_project_open (f, &error);
      g_assert_no_error (error);
      g_assert_false (zhi_project_is_read_only (p)); /* the dead child's lock is gone */
      g_assert_cmpstr (zhi_project_get_name (p), ==, "崩溃测试");
      g_assert_cmpint (zhi_project_get_employees (p), >=, reported);
      for (guint32 batch = 1; batch <= reported; batch++)
        for (int k = 0; k < PER_BATCH; k++)
          {
            char id[32], text[64];
            g_snprintf (id, sizeof id, "r%d-b%u-k%d", round, batch, k);
            g_snprintf (text, sizeof text, "第%u批第%d条", batch, k);
            g_assert_cmpstr (zhi_project_get_narrative (p, id), ==, text);
          }
      g_test_message ("round %d: %u batches reported before the kill", round, reported);
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);
      g_assert_false (journal_is_hot (journal)); /* rolled back, or never valid */
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/sigkill-mid-burst-loses-nothing-committed", test_kill_mid_burst);
  zhi_test_tmp_dir_make ("zhi-crash-XXXXXX"); /* the file, and the journal a kill leaves */
  status = g_test_run ();
  zhi_test_tmp_dir_remove ();
  return status;
}
