/* zhi-fuzz-replay.c — main() for a fuzz target without libFuzzer
 *
 *   fuzz-<target>-replay FILE|FOLDER…
 *
 * Feeds every file (folders: every file in them, sorted by name) to
 * LLVMFuzzerTestOneInput() once, so the corpora run as regression inputs in the unit
 * suite of any build.  A broken invariant aborts, as under libFuzzer; otherwise it prints
 * how many inputs ran and exits 0.  No input at all is an error (a missing corpus).
 */
#include "zhi-fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

static void
run_file (const char *path, guint *count)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  /* a copy of exactly the input's size, so ASan catches reads past its end */
  g_autofree guint8 *copy = g_memdup2 (contents, length);
  LLVMFuzzerTestOneInput (copy, length);
  (*count)++;
}

int
main (int argc, char **argv)
{
  guint count = 0;
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          run_file (argv[i], &count);
          continue;
        }
      g_autoptr (GError) error = NULL;
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (argv[i], names->pdata[j], NULL);
          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            run_file (path, &count);
        }
    }
  printf ("%u inputs ran\n", count);
  return count > 0 ? 0 : 1;
}
