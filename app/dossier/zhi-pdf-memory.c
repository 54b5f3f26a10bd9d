/* zhi-pdf-memory.c — see zhi-pdf-memory.h */
#include "zhi-pdf-memory.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static gboolean
is_font_file (const char *path)
{
  static const char *const endings[] = { ".ttf", ".ttc", ".otf", ".otc" };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    if (g_str_has_suffix (lower, endings[i]))
      return TRUE;
  return FALSE;
}

guint64
zhi_pdf_release_memory (void)
{
  FILE *maps;
  char line[4096];
  guint64 dropped = 0;

  malloc_trim (0);
  maps = fopen ("/proc/self/maps", "re");
  if (maps == NULL)
    return 0;
  while (fgets (line, sizeof line, maps) != NULL)
    {
      unsigned long start, end;
      char perms[8], path[4096];

      /* "start-end perms offset dev inode path": only a private, read-only file mapping, whose
       * pages are always the file's own */
      if (sscanf (line, "%lx-%lx %7s %*s %*s %*s %4095[^\n]", &start, &end, perms, path) != 4)
        continue;
      if (strcmp (perms, "r--p") != 0 || path[0] != '/' || !is_font_file (path))
        continue;
      if (madvise ((void *)start, end - start, MADV_DONTNEED) == 0)
        dropped += end - start;
    }
  fclose (maps);
  return dropped;
}
