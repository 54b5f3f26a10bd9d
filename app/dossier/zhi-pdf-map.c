/* zhi-pdf-map.c — see zhi-pdf-map.h */
#include "zhi-pdf-map.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct _ZhiPdfMap
{
  char *path; /* what qpdf's messages name */
  void *data;
  gsize len;
};

static ZhiPdfMap *
map_new (const char *path)
{
  struct stat st;
  ZhiPdfMap *map;
  void *data;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return NULL;
  /* an empty file cannot be mapped (and is no PDF): qpdf says so reading the file */
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= 0
      || (guint64)st.st_size > G_MAXSIZE)
    {
      close (fd);
      return NULL;
    }
  data = mmap (NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close (fd);
  if (data == MAP_FAILED)
    return NULL;
  map = g_new (ZhiPdfMap, 1);
  map->path = g_strdup (path);
  map->data = data;
  map->len = (gsize)st.st_size;
  return map;
}

QPDF_ERROR_CODE
zhi_pdf_map_read (qpdf_data q, const char *path, ZhiPdfMap **map)
{
  *map = map_new (path);
  if (*map == NULL)
    return qpdf_read (q, path, NULL);
  return zhi_pdf_map_read_again (q, *map);
}

QPDF_ERROR_CODE
zhi_pdf_map_read_again (qpdf_data q, ZhiPdfMap *map)
{
  /* qpdf reads the memory where it is, without a copy of its own */
  return qpdf_read_memory (q, map->path, map->data, (unsigned long long)map->len, NULL);
}

void
zhi_pdf_map_drop_pages (ZhiPdfMap *map)
{
  if (map != NULL)
    madvise (map->data, map->len, MADV_DONTNEED);
}

void
zhi_pdf_map_free (ZhiPdfMap *map)
{
  if (map == NULL)
    return;
  munmap (map->data, map->len);
  g_free (map->path);
  g_free (map);
}

void
zhi_pdf_map_free_func (gpointer map)
{
  zhi_pdf_map_free (map);
}
