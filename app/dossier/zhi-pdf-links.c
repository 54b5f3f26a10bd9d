/* zhi-pdf-links.c — the links and outline inside an evidence file, carried onto its dossier
 * pages (see zhi-pdf-links.h) */
#include "zhi-pdf-links.h"

#include "zhi-pdf-qpdf.h"

#include <math.h>
#include <string.h>

/* What reading links and outline items of @ev said (an object that does not read): such a link
 * or item is dropped, the page was already copied and checked (zhi_pdf_assemble()). */
void
zhi_pdf_links_forget_problems (qpdf_data ev)
{
  while (qpdf_more_warnings (ev))
    qpdf_next_warning (ev);
  if (qpdf_has_error (ev))
    qpdf_get_error (ev);
}

/* A destination's kinds (PDF 32000-1 § 12.3.2.2), with how many numbers follow the name. */
static const struct
{
  const char *name;
  guint n;
} dest_kinds[] = { { "/XYZ", 3 },  { "/Fit", 0 },  { "/FitH", 1 },  { "/FitV", 1 },
                   { "/FitR", 4 }, { "/FitB", 0 }, { "/FitBH", 1 }, { "/FitBV", 1 } };

enum
{
  DEST_XYZ,
  DEST_FIT,
  DEST_FITH,
  DEST_FITV,
  DEST_FITR,
  DEST_FITB,
  DEST_FITBH,
  DEST_FITBV
};

/* Where a link inside an evidence file leads, in that file's terms. */
typedef struct
{
  int page_id; /* the target page's object id in the evidence file */
  guint kind;  /* index into dest_kinds */
  double v[4];
  gboolean has[4]; /* FALSE: null, the viewer's current value */
} Target;

/* A link of a copied page whose target is known once the whole file is copied. */
typedef struct
{
  int frame_id; /* the dossier page it is on */
  double rect[4];
  Target target;
} GotoLink;

/* Where an evidence page went: its frame page, and the matrix from its space to the frame's. */
typedef struct
{
  int frame_id;
  double m[6];
} Carried;

void
zhi_pdf_links_init (ZhiPdfLinks *rl)
{
  rl->carried = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  rl->pending = g_array_new (FALSE, FALSE, sizeof (GotoLink));
  rl->names = NULL;
  rl->ev = NULL;
  rl->outline_id = 0;
  rl->entries = NULL;
}

void
zhi_pdf_links_clear (ZhiPdfLinks *rl)
{
  g_clear_pointer (&rl->carried, g_hash_table_unref);
  g_clear_pointer (&rl->pending, g_array_unref);
  g_clear_pointer (&rl->names, g_hash_table_unref);
  g_clear_pointer (&rl->entries, g_hash_table_unref);
}

/* An explicit destination of @ev (an array, or a dictionary whose /D is one) read into @t. */
static gboolean
read_target (qpdf_data ev, qpdf_oh dest, Target *t)
{
  qpdf_oh page, kind;
  int n;

  if (qpdf_oh_is_dictionary (ev, dest))
    dest = qpdf_oh_get_key (ev, dest, "/D");
  n = zhi_qpdf_n_items (ev, dest);
  if (n < 2)
    return FALSE;
  page = qpdf_oh_get_array_item (ev, dest, 0);
  if (qpdf_oh_is_dictionary (ev, page) && qpdf_oh_is_indirect (ev, page))
    t->page_id = qpdf_oh_get_object_id (ev, page);
  else if (qpdf_oh_is_integer (ev, page))
    {
      /* a page number, as for a remote file: some writers use it inside the file too */
      long long k = qpdf_oh_get_int_value (ev, page);

      if (k < 0 || k >= qpdf_get_num_pages (ev))
        return FALSE;
      t->page_id = qpdf_oh_get_object_id (ev, qpdf_get_page_n (ev, (size_t)k));
    }
  else
    return FALSE;
  kind = qpdf_oh_get_array_item (ev, dest, 1);
  for (t->kind = 0; t->kind < G_N_ELEMENTS (dest_kinds); t->kind++)
    if (qpdf_oh_is_name_and_equals (ev, kind, dest_kinds[t->kind].name))
      break;
  if (t->kind == G_N_ELEMENTS (dest_kinds) || t->page_id <= 0)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      qpdf_oh v = (int)k + 2 < n && k < dest_kinds[t->kind].n
                      ? qpdf_oh_get_array_item (ev, dest, (int)k + 2)
                      : 0;

      t->has[k] = v != 0 && qpdf_oh_is_number (ev, v);
      t->v[k] = t->has[k] ? qpdf_oh_get_numeric_value (ev, v) : 0;
    }
  /* a rectangle needs all four */
  return t->kind != DEST_FITR || (t->has[0] && t->has[1] && t->has[2] && t->has[3]);
}

static void
read_name_tree (qpdf_data ev, qpdf_oh node, GHashTable *names, GHashTable *seen, guint depth)
{
  qpdf_oh pairs = zhi_qpdf_key (ev, node, "/Names"), kids = zhi_qpdf_key (ev, node, "/Kids");
  int n = zhi_qpdf_n_items (ev, pairs);

  if (depth > 32)
    return;
  if (qpdf_oh_is_indirect (ev, node))
    {
      /* a tree whose kids come back to a node is read once */
      gpointer id = GINT_TO_POINTER (qpdf_oh_get_object_id (ev, node));

      if (g_hash_table_contains (seen, id))
        return;
      g_hash_table_add (seen, id);
    }
  for (int i = 0; i + 1 < n; i += 2)
    {
      qpdf_oh key = qpdf_oh_get_array_item (ev, pairs, i);
      const char *bytes;
      size_t len = 0;
      Target t;
      GBytes *name;

      if (!qpdf_oh_is_string (ev, key)
          || !read_target (ev, qpdf_oh_get_array_item (ev, pairs, i + 1), &t))
        continue;
      bytes = qpdf_oh_get_binary_string_value (ev, key, &len);
      name = g_bytes_new (bytes, len);
      /* the first of a name given twice, as a lookup would find it */
      if (g_hash_table_contains (names, name))
        g_bytes_unref (name);
      else
        g_hash_table_insert (names, name, g_memdup2 (&t, sizeof t));
    }
  n = zhi_qpdf_n_items (ev, kids);
  for (int i = 0; i < n; i++)
    read_name_tree (ev, qpdf_oh_get_array_item (ev, kids, i), names, seen, depth + 1);
}

/* The named destination @bytes: in the name tree /Names /Dests (PDF 1.2), else in the older
 * /Dests dictionary. */
static gboolean
find_named (qpdf_data ev, ZhiPdfLinks *rl, const char *bytes, size_t len, Target *t)
{
  g_autoptr (GBytes) key = g_bytes_new (bytes, len);
  qpdf_oh root = qpdf_get_root (ev);
  Target *found;

  if (rl->names == NULL)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

      rl->names = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref,
                                         g_free);
      read_name_tree (ev, zhi_qpdf_key (ev, zhi_qpdf_key (ev, root, "/Names"), "/Dests"), rl->names,
                      seen, 0);
    }
  found = g_hash_table_lookup (rl->names, key);
  if (found != NULL)
    {
      *t = *found;
      return TRUE;
    }
  if (len > 0 && len < 128 && memchr (bytes, 0, len) == NULL)
    {
      char name[130];

      name[0] = '/';
      memcpy (name + 1, bytes, len);
      name[len + 1] = '\0';
      return read_target (ev, zhi_qpdf_key (ev, zhi_qpdf_key (ev, root, "/Dests"), name), t);
    }
  return FALSE;
}

/* A link's destination (explicit, or a name or string naming one) read into @t. */
static gboolean
resolve_dest (qpdf_data ev, ZhiPdfLinks *rl, qpdf_oh dest, Target *t)
{
  const char *bytes;
  size_t len = 0;

  if (qpdf_oh_is_string (ev, dest))
    {
      bytes = qpdf_oh_get_binary_string_value (ev, dest, &len);
      return bytes != NULL && find_named (ev, rl, bytes, len, t);
    }
  if (qpdf_oh_is_name (ev, dest))
    {
      bytes = qpdf_oh_get_name (ev, dest);
      return bytes != NULL && bytes[0] == '/'
             && find_named (ev, rl, bytes + 1, strlen (bytes + 1), t);
    }
  return read_target (ev, dest, t);
}

/* @annot's /Rect moved by @m, normalised; FALSE when it is not four numbers. */
static gboolean
moved_rect (qpdf_data ev, qpdf_oh annot, const double m[6], double box[4])
{
  qpdf_oh rect = zhi_qpdf_key (ev, annot, "/Rect");
  double r[4];

  if (zhi_qpdf_n_items (ev, rect) != 4)
    return FALSE;
  for (int k = 0; k < 4; k++)
    {
      qpdf_oh v = qpdf_oh_get_array_item (ev, rect, k);

      if (!qpdf_oh_is_number (ev, v))
        return FALSE;
      r[k] = qpdf_oh_get_numeric_value (ev, v);
    }
  box[0] = box[1] = G_MAXDOUBLE;
  box[2] = box[3] = -G_MAXDOUBLE;
  for (int k = 0; k < 4; k++)
    {
      double x = r[(k & 1) ? 2 : 0], y = r[(k & 2) ? 3 : 1];
      double u = m[0] * x + m[2] * y + m[4], v = m[1] * x + m[3] * y + m[5];

      box[0] = MIN (box[0], u), box[1] = MIN (box[1], v);
      box[2] = MAX (box[2], u), box[3] = MAX (box[3], v);
    }
  return TRUE;
}

/* Appends @annot (direct) to the /Annots of @page, made indirect. */
static void
add_annotation (qpdf_data q, qpdf_oh page, qpdf_oh annot)
{
  qpdf_oh annots = qpdf_oh_get_key (q, page, "/Annots");

  if (!qpdf_oh_is_array (q, annots))
    {
      annots = qpdf_oh_new_array (q);
      qpdf_oh_replace_key (q, page, "/Annots", annots);
    }
  qpdf_oh_append_item (q, annots, qpdf_make_indirect_object (q, annot));
}

/* The original's links stay links on its page, at their place moved as @m moves the page: web
 * links (a /URI action) at once; links to a page of the same file (a /Dest, or a /GoTo action)
 * once the file's pages are copied (zhi_pdf_links_flush()).  Other actions (another file, a
 * program, JavaScript) and what does not read are not carried; other annotations were flattened
 * into the page (zhi_pdf_flatten()).  @src becomes @frame (indirect) through @m. */
void
zhi_pdf_links_copy (
    qpdf_data q, qpdf_data ev, qpdf_oh src, const double m[6], qpdf_oh frame, ZhiPdfLinks *rl)
{
  qpdf_oh annots = zhi_qpdf_key (ev, src, "/Annots");
  int n = zhi_qpdf_n_items (ev, annots);
  Carried *c = g_new (Carried, 1);

  c->frame_id = qpdf_oh_get_object_id (q, frame);
  memcpy (c->m, m, sizeof c->m);
  g_hash_table_replace (rl->carried, GINT_TO_POINTER (qpdf_oh_get_object_id (ev, src)), c);
  for (int i = 0; i < n; i++)
    {
      qpdf_oh annot = qpdf_oh_get_array_item (ev, annots, i);
      qpdf_oh action = zhi_qpdf_key (ev, annot, "/A");
      qpdf_oh dest = zhi_qpdf_key (ev, annot, "/Dest");
      qpdf_oh uri = zhi_qpdf_key (ev, action, "/URI");
      qpdf_oh link, act;
      GotoLink g;

      if (!qpdf_oh_is_name_and_equals (ev, zhi_qpdf_key (ev, annot, "/Subtype"), "/Link")
          || !moved_rect (ev, annot, m, g.rect))
        continue;
      if (qpdf_oh_is_null (ev, dest)
          && qpdf_oh_is_name_and_equals (ev, zhi_qpdf_key (ev, action, "/S"), "/GoTo"))
        dest = zhi_qpdf_key (ev, action, "/D");
      if (!qpdf_oh_is_null (ev, dest))
        {
          if (resolve_dest (ev, rl, dest, &g.target))
            {
              g.frame_id = c->frame_id;
              g_array_append_val (rl->pending, g);
            }
          continue;
        }
      if (!qpdf_oh_is_name_and_equals (ev, zhi_qpdf_key (ev, action, "/S"), "/URI")
          || !qpdf_oh_is_string (ev, uri))
        continue;
      act = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, act, "/S", qpdf_oh_new_name (q, "/URI"));
      qpdf_oh_replace_key (q, act, "/URI", zhi_qpdf_copy_value (q, ev, uri, 0));
      link = qpdf_oh_parse (q, "<< /Type /Annot /Subtype /Link /F 4 /Border [0 0 0] >>");
      qpdf_oh_replace_key (q, link, "/Rect", zhi_qpdf_new_numbers (q, g.rect, 4));
      qpdf_oh_replace_key (q, link, "/A", act);
      add_annotation (q, frame, link);
    }
  zhi_pdf_links_forget_problems (ev);
}

/* (x, y) moved by @m, which turns by a multiple of 90° (make_form()): each coordinate may be
 * null (has FALSE), and one of a turned page comes from the other. */
static void
move_point (
    const double m[6], const gboolean has[2], const double v[2], gboolean oh[2], double o[2])
{
  if (fabs (m[1]) < 1e-9 && fabs (m[2]) < 1e-9)
    {
      oh[0] = has[0], o[0] = m[0] * v[0] + m[4];
      oh[1] = has[1], o[1] = m[3] * v[1] + m[5];
    }
  else
    {
      oh[0] = has[1], o[0] = m[2] * v[1] + m[4];
      oh[1] = has[0], o[1] = m[1] * v[0] + m[5];
    }
}

static void
append_maybe (qpdf_data q, qpdf_oh array, gboolean has, double v)
{
  qpdf_oh_append_item (q, array, has ? zhi_qpdf_new_real (q, v) : qpdf_oh_new_null (q));
}

/* @t on the frame page @c: [frame /Kind numbers…], its coordinates moved by @c's matrix. */
static qpdf_oh
moved_dest (qpdf_data q, const Target *t, const Carried *c)
{
  qpdf_oh dest = qpdf_oh_new_array (q);
  gboolean turned = !(fabs (c->m[1]) < 1e-9 && fabs (c->m[2]) < 1e-9);
  gboolean has[2], oh[2];
  double v[2], o[2];
  guint kind = t->kind;

  qpdf_oh_append_item (q, dest, qpdf_get_object_by_id (q, c->frame_id, 0));
  switch (kind)
    {
      case DEST_XYZ:
        has[0] = t->has[0], v[0] = t->v[0], has[1] = t->has[1], v[1] = t->v[1];
        move_point (c->m, has, v, oh, o);
        qpdf_oh_append_item (q, dest, qpdf_oh_new_name (q, "/XYZ"));
        append_maybe (q, dest, oh[0], o[0]);
        append_maybe (q, dest, oh[1], o[1]);
        append_maybe (q, dest, t->has[2], t->v[2]);
        break;
      case DEST_FITH:
      case DEST_FITBH:
      case DEST_FITV:
      case DEST_FITBV:
        {
          /* a line across the page: turned, a horizontal one stands upright */
          gboolean horizontal = kind == DEST_FITH || kind == DEST_FITBH;
          gboolean fit_b = kind == DEST_FITBH || kind == DEST_FITBV;

          has[0] = !horizontal && t->has[0], v[0] = t->v[0];
          has[1] = horizontal && t->has[0], v[1] = t->v[0];
          move_point (c->m, has, v, oh, o);
          if (horizontal != turned)
            {
              qpdf_oh_append_item (q, dest, qpdf_oh_new_name (q, fit_b ? "/FitBH" : "/FitH"));
              append_maybe (q, dest, oh[1], o[1]);
            }
          else
            {
              qpdf_oh_append_item (q, dest, qpdf_oh_new_name (q, fit_b ? "/FitBV" : "/FitV"));
              append_maybe (q, dest, oh[0], o[0]);
            }
          break;
        }
      case DEST_FITR:
        {
          double a[2], b[2];

          has[0] = has[1] = TRUE;
          v[0] = t->v[0], v[1] = t->v[1];
          move_point (c->m, has, v, oh, a);
          v[0] = t->v[2], v[1] = t->v[3];
          move_point (c->m, has, v, oh, b);
          qpdf_oh_append_item (q, dest, qpdf_oh_new_name (q, "/FitR"));
          qpdf_oh_append_item (q, dest, zhi_qpdf_new_real (q, MIN (a[0], b[0])));
          qpdf_oh_append_item (q, dest, zhi_qpdf_new_real (q, MIN (a[1], b[1])));
          qpdf_oh_append_item (q, dest, zhi_qpdf_new_real (q, MAX (a[0], b[0])));
          qpdf_oh_append_item (q, dest, zhi_qpdf_new_real (q, MAX (a[1], b[1])));
          break;
        }
      default:
        qpdf_oh_append_item (q, dest, qpdf_oh_new_name (q, dest_kinds[kind].name));
        break;
    }
  return dest;
}

/* Items of the outline in @q, by the name of their /Dest, into @entries. */
static void
read_entries (qpdf_data q, qpdf_oh item, GHashTable *entries, GHashTable *seen, guint depth)
{
  for (; qpdf_oh_is_dictionary (q, item) && depth <= 32; item = zhi_qpdf_key (q, item, "/Next"))
    {
      qpdf_oh dest = zhi_qpdf_key (q, item, "/Dest");
      gpointer id = GINT_TO_POINTER (qpdf_oh_get_object_id (q, item));

      if (g_hash_table_contains (seen, id))
        return;
      g_hash_table_add (seen, id);
      if (qpdf_oh_is_string (q, dest))
        g_hash_table_insert (entries, g_strdup (qpdf_oh_get_utf8_value (q, dest)), id);
      read_entries (q, zhi_qpdf_key (q, item, "/First"), entries, seen, depth + 1);
    }
}

/* The evidence outline's items from @item on (siblings, and their children) copied under
 * @parent (indirect, in @q): titles as they are, destinations as zhi_pdf_links_copy() leads links,
 * none when the target was not carried.  Returns how many items an open @parent shows.
 * @budget bounds the items copied, @seen a tree that loops. */
static int
copy_outline (qpdf_data q,
              ZhiPdfLinks *rl,
              qpdf_oh item,
              qpdf_oh parent,
              guint depth,
              GHashTable *seen,
              guint *budget)
{
  qpdf_data ev = rl->ev;
  qpdf_oh prev = 0;
  int shown = 0;

  for (; qpdf_oh_is_dictionary (ev, item) && *budget > 0; item = zhi_qpdf_key (ev, item, "/Next"))
    {
      gpointer id = GINT_TO_POINTER (qpdf_oh_get_object_id (ev, item));
      qpdf_oh title = zhi_qpdf_key (ev, item, "/Title"), action = zhi_qpdf_key (ev, item, "/A");
      qpdf_oh dest = zhi_qpdf_key (ev, item, "/Dest"), out, first;
      qpdf_oh count = zhi_qpdf_key (ev, item, "/Count");
      Target t;
      Carried *c;
      int below = 0;

      if (id == NULL || g_hash_table_contains (seen, id))
        break;
      g_hash_table_add (seen, id);
      (*budget)--;
      out = qpdf_make_indirect_object (q, qpdf_oh_new_dictionary (q));
      qpdf_oh_replace_key (q, out, "/Title",
                           qpdf_oh_is_string (ev, title) ? zhi_qpdf_copy_value (q, ev, title, 0)
                                                         : qpdf_oh_new_unicode_string (q, ""));
      qpdf_oh_replace_key (q, out, "/Parent", parent);
      if (qpdf_oh_is_null (ev, dest)
          && qpdf_oh_is_name_and_equals (ev, zhi_qpdf_key (ev, action, "/S"), "/GoTo"))
        dest = zhi_qpdf_key (ev, action, "/D");
      if (!qpdf_oh_is_null (ev, dest))
        {
          if (resolve_dest (ev, rl, dest, &t)
              && (c = g_hash_table_lookup (rl->carried, GINT_TO_POINTER (t.page_id))) != NULL)
            qpdf_oh_replace_key (q, out, "/Dest", moved_dest (q, &t, c));
        }
      else if (qpdf_oh_is_name_and_equals (ev, zhi_qpdf_key (ev, action, "/S"), "/URI")
               && qpdf_oh_is_string (ev, zhi_qpdf_key (ev, action, "/URI")))
        {
          qpdf_oh act = qpdf_oh_new_dictionary (q);

          qpdf_oh_replace_key (q, act, "/S", qpdf_oh_new_name (q, "/URI"));
          qpdf_oh_replace_key (q, act, "/URI",
                               zhi_qpdf_copy_value (q, ev, zhi_qpdf_key (ev, action, "/URI"), 0));
          qpdf_oh_replace_key (q, out, "/A", act);
        }
      if (prev != 0)
        {
          qpdf_oh_replace_key (q, prev, "/Next", out);
          qpdf_oh_replace_key (q, out, "/Prev", prev);
        }
      else
        qpdf_oh_replace_key (q, parent, "/First", out);
      qpdf_oh_replace_key (q, parent, "/Last", out);
      first = zhi_qpdf_key (ev, item, "/First");
      if (depth < 16 && qpdf_oh_is_dictionary (ev, first))
        below = copy_outline (q, rl, first, out, depth + 1, seen, budget);
      /* open as the evidence had it */
      if (below > 0)
        {
          gboolean open = qpdf_oh_is_integer (ev, count) && qpdf_oh_get_int_value (ev, count) > 0;

          qpdf_oh_replace_key (q, out, "/Count", qpdf_oh_new_integer (q, open ? below : -below));
          shown += open ? below : 0;
        }
      shown++;
      prev = out;
    }
  return shown;
}

/* The evidence file's own outline, under its attachment's entry (closed). */
static void
flush_outline (qpdf_data q, ZhiPdfLinks *rl)
{
  qpdf_oh first
      = zhi_qpdf_key (rl->ev, zhi_qpdf_key (rl->ev, qpdf_get_root (rl->ev), "/Outlines"), "/First");
  qpdf_oh entry;
  g_autoptr (GHashTable) seen = NULL;
  guint budget = 10000;
  int shown;

  if (rl->outline_id == 0 || !qpdf_oh_is_dictionary (rl->ev, first))
    return;
  entry = qpdf_get_object_by_id (q, rl->outline_id, 0);
  /* cairo's entry for the attachment has no children */
  if (!qpdf_oh_is_dictionary (q, entry) || qpdf_oh_has_key (q, entry, "/First"))
    return;
  seen = g_hash_table_new (NULL, NULL);
  shown = copy_outline (q, rl, first, entry, 0, seen, &budget);
  if (shown > 0)
    qpdf_oh_replace_key (q, entry, "/Count", qpdf_oh_new_integer (q, -shown));
}

/* Starts a run of the pages of @ev; @dest names the dossier's outline entry of its
 * attachment (NULL: none). */
void
zhi_pdf_links_start_run (qpdf_data q, ZhiPdfLinks *rl, qpdf_data ev, const char *dest)
{
  rl->ev = ev;
  rl->outline_id = 0;
  if (dest == NULL
      || !qpdf_oh_is_dictionary (
          ev, zhi_qpdf_key (ev, zhi_qpdf_key (ev, qpdf_get_root (ev), "/Outlines"), "/First")))
    return;
  if (rl->entries == NULL)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

      rl->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      read_entries (q, zhi_qpdf_key (q, zhi_qpdf_key (q, qpdf_get_root (q), "/Outlines"), "/First"),
                    rl->entries, seen, 0);
    }
  rl->outline_id = GPOINTER_TO_INT (g_hash_table_lookup (rl->entries, dest));
}

/* The run's links to its own pages, each to the frame page carrying its target; a link whose
 * target page was not carried is dropped; then its outline.  Ends the run. */
void
zhi_pdf_links_flush (qpdf_data q, ZhiPdfLinks *rl)
{
  for (guint i = 0; i < rl->pending->len; i++)
    {
      GotoLink *g = &g_array_index (rl->pending, GotoLink, i);
      Carried *c = g_hash_table_lookup (rl->carried, GINT_TO_POINTER (g->target.page_id));
      qpdf_oh link;

      if (c == NULL)
        continue;
      link = qpdf_oh_parse (q, "<< /Type /Annot /Subtype /Link /F 4 /Border [0 0 0] >>");
      qpdf_oh_replace_key (q, link, "/Rect", zhi_qpdf_new_numbers (q, g->rect, 4));
      qpdf_oh_replace_key (q, link, "/Dest", moved_dest (q, &g->target, c));
      add_annotation (q, qpdf_get_object_by_id (q, g->frame_id, 0), link);
    }
  if (rl->ev != NULL)
    {
      flush_outline (q, rl);
      zhi_pdf_links_forget_problems (rl->ev);
    }
  g_array_set_size (rl->pending, 0);
  g_hash_table_remove_all (rl->carried);
  g_clear_pointer (&rl->names, g_hash_table_unref);
  rl->ev = NULL;
  rl->outline_id = 0;
}
