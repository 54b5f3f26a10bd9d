/* zhi-pdf-prefetch.c — evidence documents parsed ahead of the assembly.  See zhi-pdf-compact.h. */
#include "zhi-pdf-compact.h"
#include "zhi-pdf-links.h"
#include "zhi-pdf-map.h"

#include <qpdf/qpdf-c.h>

/* How many documents the parsing thread keeps parsed ahead of the assembly: their objects are
 * held until copied (about 0.6 MB a file of Word-weight exports). */
#define AHEAD 16

typedef enum
{
  WAITING,
  PARSING,
  PARSED,
  TAKEN,
} State;

typedef struct
{
  ZhiPdfSource *source;
  State state;
  gboolean damaged;
} Item;

struct _ZhiPdfPrefetch
{
  GMutex mutex;
  GCond cond;
  GArray *items; /* Item, in the assembly's order */
  guint next;    /* the item after the last the assembly took */
  gboolean closed;
};

ZhiPdfPrefetch *
zhi_pdf_prefetch_new (void)
{
  ZhiPdfPrefetch *p = g_new0 (ZhiPdfPrefetch, 1);

  g_mutex_init (&p->mutex);
  g_cond_init (&p->cond);
  p->items = g_array_new (FALSE, FALSE, sizeof (Item));
  return p;
}

void
zhi_pdf_prefetch_free (ZhiPdfPrefetch *p)
{
  if (p == NULL)
    return;
  g_mutex_clear (&p->mutex);
  g_cond_clear (&p->cond);
  g_array_unref (p->items);
  g_free (p);
}

void
zhi_pdf_prefetch_add (ZhiPdfPrefetch *p, gpointer source)
{
  Item item = { source, WAITING, FALSE };

  g_return_if_fail (source != NULL);
  g_mutex_lock (&p->mutex);
  g_array_append_val (p->items, item);
  g_mutex_unlock (&p->mutex);
}

/* Reads every object of @doc into qpdf's cache (their stream data stays in the file); FALSE when
 * one of them did not read.  What reading the file said before is forgotten first, as the
 * assembly forgets it. */
static gboolean
parse_all (qpdf_data doc)
{
  qpdf_oh size;
  int n;

  zhi_pdf_links_forget_problems (doc);
  /* a file that came in object streams was kept unparsed (zhi_pdf_read_pages()): its pages get
   * their inherited attributes here (done already for the others) */
  if (qpdf_push_inherited_attributes_to_page (doc) & QPDF_ERRORS)
    return FALSE;
  size = qpdf_oh_get_key (doc, qpdf_get_trailer (doc), "/Size");
  n = qpdf_oh_is_integer (doc, size) ? qpdf_oh_get_int_value_as_int (doc, size) : 0;
  for (int id = 1; id < n; id++)
    {
      qpdf_oh oh = qpdf_get_object_by_id (doc, id, 0);

      qpdf_oh_get_type_code (doc, oh);
      if (id % 256 == 0)
        qpdf_oh_release_all (doc);
    }
  qpdf_oh_release_all (doc);
  return !qpdf_more_warnings (doc) && !qpdf_has_error (doc);
}

void
zhi_pdf_prefetch_run (ZhiPdfPrefetch *p)
{
  for (guint i = 0;; i++)
    {
      Item *item;
      ZhiPdfSource *source;
      gboolean damaged;

      g_mutex_lock (&p->mutex);
      while (!p->closed && i < p->items->len && i >= p->next + AHEAD)
        g_cond_wait (&p->cond, &p->mutex);
      if (p->closed || i >= p->items->len)
        {
          g_mutex_unlock (&p->mutex);
          return;
        }
      item = &g_array_index (p->items, Item, i);
      /* the assembly took it first: it is past this one */
      if (item->state != WAITING)
        {
          g_mutex_unlock (&p->mutex);
          continue;
        }
      item->state = PARSING;
      source = item->source;
      g_mutex_unlock (&p->mutex);

      damaged = !parse_all (source->doc);
      /* parsed: the file's pages are read again only for the stream data, when written */
      zhi_pdf_map_drop_pages (source->map);

      g_mutex_lock (&p->mutex);
      item = &g_array_index (p->items, Item, i);
      item->state = PARSED;
      item->damaged = damaged;
      g_cond_broadcast (&p->cond);
      g_mutex_unlock (&p->mutex);
    }
}

gboolean
zhi_pdf_prefetch_take (ZhiPdfPrefetch *p, gpointer source)
{
  gboolean clean = TRUE;

  if (p == NULL || source == NULL)
    return TRUE;
  g_mutex_lock (&p->mutex);
  for (guint i = p->next; i < p->items->len; i++)
    {
      Item *item = &g_array_index (p->items, Item, i);

      if (item->source != source)
        continue;
      while (item->state == PARSING)
        {
          g_cond_wait (&p->cond, &p->mutex);
          item = &g_array_index (p->items, Item, i);
        }
      clean = !(item->state == PARSED && item->damaged);
      item->state = TAKEN;
      p->next = i + 1;
      g_cond_broadcast (&p->cond);
      break;
    }
  g_mutex_unlock (&p->mutex);
  return clean;
}

void
zhi_pdf_prefetch_close (ZhiPdfPrefetch *p)
{
  if (p == NULL)
    return;
  g_mutex_lock (&p->mutex);
  p->closed = TRUE;
  g_cond_broadcast (&p->cond);
  g_mutex_unlock (&p->mutex);
}
