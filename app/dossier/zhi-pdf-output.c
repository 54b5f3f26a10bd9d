/* zhi-pdf-output.c — what the qpdf passes share: their output hashed by a thread as it is
 * written, the file's own /ID, qpdf's documents freed by a thread, and the phases'
 * clocks.  See zhi-pdf-output.h. */
#include "zhi-pdf-output.h"
#include "zhi-pdf-map.h"

#include "zhi-sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

/* Each thread's clock for zhi_pdf_phase(): the body and the evidence are read on two. */
typedef struct
{
  double wall;
  double cpu;
} PhaseClock;

static GPrivate phase_clock = G_PRIVATE_INIT (g_free);

void
zhi_pdf_phase (const char *name)
{
  static gsize checked;
  static gboolean enabled;
  PhaseClock *last;
  struct timespec ts;
  double wall, cpu;

  if (g_once_init_enter (&checked))
    {
      enabled = g_getenv ("ZHI_PDF_PHASES") != NULL;
      g_once_init_leave (&checked, 1);
    }
  if (!enabled)
    return;
  last = g_private_get (&phase_clock);
  if (last == NULL)
    {
      last = g_new0 (PhaseClock, 1);
      g_private_set (&phase_clock, last);
    }
  wall = g_get_monotonic_time () / 1e6;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  cpu = ts.tv_sec + ts.tv_nsec / 1e9;
  if (name != NULL && last->wall > 0)
    {
      g_autofree char *status = NULL;
      char thread[17] = "";
      long rss = 0, hwm = 0, anon = 0, file = 0;

      prctl (PR_GET_NAME, thread, 0, 0, 0);
      if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
        for (char **l = g_strsplit (status, "\n", -1), **p = l; l && *p; p++)
          {
            sscanf (*p, "VmRSS: %ld", &rss);
            sscanf (*p, "VmHWM: %ld", &hwm);
            sscanf (*p, "RssAnon: %ld", &anon);
            sscanf (*p, "RssFile: %ld", &file);
            if (p[1] == NULL)
              g_strfreev (l);
          }
      fprintf (stderr,
               "phase %-15s %-34s wall %6.3f s  cpu %6.3f s  RSS %5.1f MB (anon %5.1f, file "
               "%5.1f), peak %5.1f MB\n",
               thread, name, wall - last->wall, cpu - last->cpu, rss / 1024.0, anon / 1024.0,
               file / 1024.0, hwm / 1024.0);
    }
  last->wall = wall;
  last->cpu = cpu;
}

/* qpdf's fixed /ID (its test-suite one): the second half of the /ID qpdf writes, and the first
 * too when the input had none */
#define STATIC_ID "31415926535897932384626433832795"

static gboolean
set_io_error (GError **error, const char *path, int saved)
{
  g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_WRITE, "%s: %s", path,
               g_strerror (saved));
  return FALSE;
}

/* The last place @needle stands in @buf (@n bytes, which may hold binary stream data, NUL
 * bytes included), or NULL. */
static const char *
find_last (const char *buf, ssize_t n, const char *needle)
{
  for (ssize_t i = n - (ssize_t)strlen (needle); i >= 0; i--)
    if (memcmp (buf + i, needle, strlen (needle)) == 0)
      return buf + i;
  return NULL;
}

/* Where qpdf's fixed /ID stands in @buf (@n bytes, read from @offset of the file): the file
 * offset of its second half's digits, or -1; *@first_too when the first half is the fixed one
 * too (the input had no /ID). */
static goffset
find_fixed_id (const char *buf, ssize_t n, goffset offset, gboolean *first_too)
{
  static const char second[] = "<" STATIC_ID ">]", both[] = "[<" STATIC_ID "><" STATIC_ID ">]";
  const ssize_t before = (ssize_t)(strlen (both) - strlen (second));
  const char *at = find_last (buf, n, second);

  if (at == NULL)
    return -1;
  *first_too = at - buf >= before && memcmp (at - before, both, strlen (both)) == 0;
  return offset + (at - buf) + 1;
}

/* Gives the file at @path, written by qpdf with its fixed /ID, an identifier of its own: the
 * first half of the SHA-256 of its bytes (@digest, hashed as qpdf wrote them:
 * zhi_pdf_output_write(); or NULL: the file is read back and hashed here), put in place of the
 * fixed one.  As with qpdf's deterministic /ID, the same bytes give the same identifier and
 * different files different ones, and an identifier the input had stays first; but its MD5 over a
 * 112 MB dossier took 0.17 s on the writing thread, this hash costs that thread nothing (0.07 s
 * when read back, with the SHA instructions).  Reads through a small buffer: the file's pages are
 * not mapped into this process.
 *
 * The /ID stands in the dictionary of the cross-reference stream, which is never compressed and
 * starts where `startxref` points (its compressed table follows, 30 KB for 3,000 pages), or in
 * a plain trailer just before `startxref`. */
gboolean
zhi_pdf_output_set_id (const char *path, const char *digest, GError **error)
{
  enum
  {
    BUFFER = 256 * 1024,
    WINDOW = 4096
  };
  g_autoptr (ZhiSha256) sum = zhi_sha256_new ();
  char tail[WINDOW + 1], dict[WINDOW];
  const char *xref;
  goffset size = 0, start, at = -1;
  gboolean first_too = FALSE;
  ssize_t n;
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0), saved;

  if (fd < 0)
    return set_io_error (error, path, errno);
  if (digest == NULL)
    {
      g_autofree char *buffer = g_malloc (BUFFER);

      while ((n = read (fd, buffer, BUFFER)) != 0)
        {
          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            goto failed;
          zhi_sha256_update (sum, buffer, (gsize)n);
          size += n;
        }
      digest = zhi_sha256_get_string (sum);
    }
  else if ((size = lseek (fd, 0, SEEK_END)) < 0)
    goto failed;
  start = MAX (0, size - 64);
  n = pread (fd, tail, (size_t)(size - start), start);
  if (n < 0)
    goto failed;
  tail[n] = '\0';
  /* the cross-reference stream's dictionary, where the last `startxref` points */
  xref = find_last (tail, n, "startxref");
  if (xref != NULL)
    {
      goffset where = g_ascii_strtoll (xref + strlen ("startxref"), NULL, 10);

      if (where > 0 && where < size)
        {
          ssize_t got = pread (fd, dict, (size_t)MIN (WINDOW, size - where), where);

          if (got < 0)
            goto failed;
          /* the dictionary only: it ends where its stream's data begins */
          for (ssize_t i = 0; i + 6 <= got; i++)
            if (memcmp (dict + i, "stream", 6) == 0)
              {
                got = i;
                break;
              }
          at = find_fixed_id (dict, got, where, &first_too);
        }
    }
  /* a plain trailer: before `startxref` */
  if (at < 0)
    {
      start = MAX (0, size - WINDOW);
      n = pread (fd, tail, (size_t)(size - start), start);
      if (n < 0)
        goto failed;
      at = find_fixed_id (tail, n, start, &first_too);
    }
  if (at < 0)
    {
      close (fd);
      g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_WRITE,
                   "%s: the file identifier was not found where qpdf writes it", path);
      return FALSE;
    }
  if (pwrite (fd, digest, strlen (STATIC_ID), at) != (ssize_t)strlen (STATIC_ID))
    goto failed;
  /* a new file's two halves are the same */
  if (first_too
      && pwrite (fd, digest, strlen (STATIC_ID), at - (goffset)strlen (STATIC_ID) - 2)
             != (ssize_t)strlen (STATIC_ID))
    goto failed;
  if (close (fd) != 0)
    return set_io_error (error, path, errno);
  return TRUE;

failed:
  saved = errno;
  close (fd);
  return set_io_error (error, path, saved);
}

/* ---- the output hashed behind the writing ---------------------------------------------------- */

/* The mappings qpdf reads stream data from while it writes, and how far the write was when
 * their pages were last taken out of the resident memory. */
typedef struct
{
  GPtrArray *maps; /* ZhiPdfMap */
  int dropped_at;  /* percent */
} Reading;

static void
drop_map_pages (Reading *r)
{
  for (guint i = 0; i < r->maps->len; i++)
    zhi_pdf_map_drop_pages (r->maps->pdata[i]);
}

/* qpdf writes the output file; a thread reads it behind the writing, out of the page cache
 * through a small buffer, and hashes it, so that the hash is done nearly when the file is.  qpdf
 * never waits on the thread.  (Before, qpdf wrote into a pipe that the thread emptied into the
 * file: qpdf waited on the pipe whenever it wrote a large stream faster than the thread woke,
 * 0.06–0.08 s of a 0.26 s write at 113 MB.)  Linux makes a written byte readable before it moves
 * the file's end past it, so what the thread reads up to the end is what qpdf wrote. */
typedef struct
{
  int in;   /* the output file, read from the start */
  int wake; /* an eventfd: qpdf has written everything */
  ZhiSha256 *sum;
  goffset hashed;   /* bytes */
  int error;        /* errno of a failed read, or 0 */
  Reading *reading; /* or NULL */
} Follower;

static gpointer
follow_run (gpointer data)
{
  enum
  {
    BUFFER = 256 * 1024
  };
  enum
  {
    DROP_EVERY = 4 * 1024 * 1024
  };
  Follower *f = data;
  g_autofree char *buffer = g_malloc (BUFFER);
  gboolean last = FALSE;
  goffset dropped = 0;

  for (;;)
    {
      ssize_t n = read (f->in, buffer, BUFFER);

      if (n > 0)
        {
          zhi_sha256_update (f->sum, buffer, (gsize)n);
          f->hashed += n;
          /* what qpdf wrote it read first: the mappings' pages let go (as on qpdf's progress) */
          if (f->reading != NULL && f->hashed - dropped >= DROP_EVERY)
            {
              drop_map_pages (f->reading);
              dropped = f->hashed;
            }
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          f->error = errno;
          break;
        }
      /* the end of the file once qpdf had written everything: the end */
      if (last)
        break;
      {
        /* the end of what is written so far: a millisecond later (qpdf writes 4 KB at a time,
         * half a megabyte a millisecond) */
        struct pollfd fd = { f->wake, POLLIN, 0 };

        if (poll (&fd, 1, 1) > 0 && (fd.revents & POLLIN))
          last = TRUE;
      }
    }
  return NULL;
}

/* qpdf's progress (on its own thread, as it writes): at each percent of the objects written,
 * the pages of the mappings it read are let go, and behind the writing the thread that hashes
 * the file lets them go every few megabytes (qpdf counts objects: the large ones, the fonts,
 * come last, many megabytes a percent).  qpdf reads each stream's data once, and without this
 * the process would hold, resident, every page of evidence the output copies (a hundred
 * megabytes at 1,000 pages) when the write ends. */
static void
write_progress (int percent, void *data)
{
  Reading *r = data;

  if (percent > r->dropped_at)
    {
      drop_map_pages (r);
      r->dropped_at = percent;
    }
}

/* Writes @q to @out_path (with object streams when @object_streams), and qpdf's fixed /ID:
 * zhi_pdf_output_set_id() gives it its own.  The same input gives the same bytes.  The file's
 * SHA-256 in *@digest, hashed by a thread as it was written (NULL where no thread could be
 * made). */
gboolean
zhi_pdf_output_write (qpdf_data q,
                      const char *out_path,
                      gboolean object_streams,
                      GPtrArray *maps,
                      char **digest,
                      GError **error)
{
  Reading reading = { maps, 0 };
  Follower follower = { -1, -1, NULL, 0, 0, maps != NULL && maps->len > 0 ? &reading : NULL };
  GThread *thread = NULL;
  QPDF_ERROR_CODE status;
  struct stat st;

  *digest = NULL;
  /* qpdf creates the file here */
  if (qpdf_init_write (q, out_path) & QPDF_ERRORS)
    {
      zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_WRITE,
                                 "the output could not be opened");
      return FALSE;
    }
  follower.in = g_open (out_path, O_RDONLY | O_CLOEXEC, 0);
  follower.wake = eventfd (0, EFD_CLOEXEC);
  if (follower.in >= 0 && follower.wake >= 0)
    {
      follower.sum = zhi_sha256_new ();
      thread = g_thread_try_new ("zhi-pdf-hash", follow_run, &follower, NULL);
      if (thread == NULL)
        g_clear_pointer (&follower.sum, zhi_sha256_free);
    }
  qpdf_set_object_stream_mode (q, object_streams ? qpdf_o_generate : qpdf_o_disable);
  /* uncompressed streams get compressed; Flate streams (all of cairo's) are copied as they are,
   * not decoded and compressed again */
  qpdf_set_compress_streams (q, QPDF_TRUE);
  qpdf_set_preserve_unreferenced_objects (q, QPDF_FALSE);
  /* the fixed /ID, replaced by one from the contents once written (zhi_pdf_output_set_id()) */
  qpdf_set_static_ID (q, QPDF_TRUE);
  if (maps != NULL && maps->len > 0)
    qpdf_register_progress_reporter (q, write_progress, &reading);
  status = qpdf_write (q);
  if (thread != NULL)
    {
      /* qpdf flushed everything into the file before it returned: the rest is read */
      eventfd_write (follower.wake, 1);
      g_thread_join (thread);
      /* a failed read, or a file system that showed the thread less than qpdf wrote (one over a
       * network may): zhi_pdf_output_set_id() reads the file again */
      if (follower.error == 0 && fstat (follower.in, &st) == 0 && st.st_size == follower.hashed)
        *digest = g_strdup (zhi_sha256_get_string (follower.sum));
      zhi_sha256_free (follower.sum);
    }
  /* the rest qpdf read */
  if (maps != NULL)
    drop_map_pages (&reading);
  if (follower.in >= 0)
    close (follower.in);
  if (follower.wake >= 0)
    close (follower.wake);
  if (status & QPDF_ERRORS)
    {
      g_clear_pointer (digest, g_free);
      zhi_pdf_compact_set_error (error, q, ZHI_PDF_COMPACT_ERROR_WRITE,
                                 "the PDF could not be written");
      return FALSE;
    }
  return TRUE;
}

/* ---- freeing qpdf's objects in the background ----------------------------------------------- */

/* Freeing the object model of a thousand-page dossier takes ~0.1 s of pure deallocation after
 * the output is written, and each evidence file's ~1 ms once its pages are copied: a thread of
 * the assembly frees them while it goes on.  One such thread at a time (the next assembly waits
 * for the previous one first, so memory stays bounded), and the process waits for it at exit
 * (nothing is left allocated for a leak checker, and no object is freed while libqpdf's own
 * static objects are being destroyed). */
static GMutex cleanup_mutex;
static GThread *cleanup_thread;

/* what the thread is handed last */
#define FREER_DONE GINT_TO_POINTER (1)

/* What the thread frees: a document, then the memory it was read from (or NULL). */
typedef struct
{
  qpdf_data doc;
  gpointer memory;
  GDestroyNotify destroy;
} FreerItem;

static void
freer_item_run (FreerItem *item)
{
  if (item->doc != NULL)
    qpdf_cleanup (&item->doc);
  if (item->memory != NULL)
    item->destroy (item->memory);
  g_free (item);
}

static gpointer
cleanup_run (gpointer data)
{
  GAsyncQueue *queue = data;
  gpointer item;

  while ((item = g_async_queue_pop (queue)) != FREER_DONE)
    freer_item_run (item);
  g_async_queue_unref (queue);
  return NULL;
}

void
zhi_pdf_assemble_wait (void)
{
  GThread *thread;

  g_mutex_lock (&cleanup_mutex);
  thread = g_steal_pointer (&cleanup_thread);
  g_mutex_unlock (&cleanup_mutex);
  if (thread != NULL)
    g_thread_join (thread);
}

static void
cleanup_at_exit (void)
{
  zhi_pdf_assemble_wait ();
}

/* Starts the thread that frees what is pushed on the returned queue (qpdf_data), until
 * FREER_DONE; the previous assembly's is joined first.  Without a thread, NULL: the caller frees
 * on its own. */
GAsyncQueue *
zhi_pdf_freer_start (void)
{
  static gsize registered;
  GAsyncQueue *queue;
  GThread *thread;

  if (g_once_init_enter (&registered))
    {
      /* exit() runs its handlers in reverse order: libqpdf's static objects made after the
       * handler is registered would be destroyed before the thread is joined, while it may still
       * use them (~QPDF uses one, made the first time a QPDF with objects is destroyed: that
       * crashed).  A throwaway pair of documents, one holding a stream copied from the other,
       * makes them here first. */
      qpdf_data a = qpdf_init (), b = qpdf_init ();
      qpdf_oh stream;

      qpdf_silence_errors (a);
      qpdf_silence_errors (b);
      qpdf_empty_pdf (a);
      qpdf_empty_pdf (b);
      stream = qpdf_oh_new_stream (b);
      qpdf_oh_replace_stream_data (b, stream, (const unsigned char *)"q Q", 3, qpdf_oh_new_null (b),
                                   qpdf_oh_new_null (b));
      qpdf_oh_copy_foreign_object (a, b, stream);
      qpdf_cleanup (&a);
      qpdf_cleanup (&b);
      atexit (cleanup_at_exit);
      g_once_init_leave (&registered, 1);
    }
  zhi_pdf_assemble_wait ();
  queue = g_async_queue_new ();
  thread = g_thread_try_new ("zhi-qpdf-free", cleanup_run, g_async_queue_ref (queue), NULL);
  if (thread == NULL)
    {
      g_async_queue_unref (queue);
      g_async_queue_unref (queue);
      return NULL;
    }
  g_mutex_lock (&cleanup_mutex);
  /* another assembly's thread may have started meanwhile: this one waits for it */
  while (cleanup_thread != NULL)
    {
      GThread *other = g_steal_pointer (&cleanup_thread);

      g_mutex_unlock (&cleanup_mutex);
      g_thread_join (other);
      g_mutex_lock (&cleanup_mutex);
    }
  cleanup_thread = thread;
  g_mutex_unlock (&cleanup_mutex);
  return queue;
}

/* Frees @doc, then @memory (either may be NULL): on the thread of @queue, or here without one. */
void
zhi_pdf_freer_free (GAsyncQueue *queue, qpdf_data doc, gpointer memory)
{
  zhi_pdf_freer_free_full (queue, doc, memory, g_free);
}

void
zhi_pdf_freer_free_full (GAsyncQueue *queue, qpdf_data doc, gpointer memory, GDestroyNotify destroy)
{
  FreerItem *item;

  if (doc == NULL && memory == NULL)
    return;
  item = g_new (FreerItem, 1);
  item->doc = doc;
  item->memory = memory;
  item->destroy = destroy;
  if (queue != NULL)
    g_async_queue_push (queue, item);
  else
    freer_item_run (item);
}

void
zhi_pdf_freer_done (GAsyncQueue *queue)
{
  if (queue == NULL)
    return;
  g_async_queue_push (queue, FREER_DONE);
  g_async_queue_unref (queue);
}
