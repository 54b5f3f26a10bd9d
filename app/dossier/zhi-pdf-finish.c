/* zhi-pdf-finish.c — language, page labels, XMP, figure alternates and artifacts (libqpdf) */
#include "zhi-pdf-finish.h"

#include "zhi-pdf-compact.h"

#include <string.h>

/* ---- content streams: mark the top-level drawing as /Artifact ----------- */

typedef struct
{
  const guint8 *d;
  gsize n, i;
} Lexer;

static gboolean
is_space (guint8 c)
{
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean
is_delimiter (guint8 c)
{
  return strchr ("()<>[]{}/%", c) != NULL && c != 0;
}

/* The next token [*start, *end); *is_op when it is an operator (not a number, string, name,
 * array or dictionary bracket, boolean or null). */
static gboolean
lex_next (Lexer *lx, gsize *start, gsize *end, gboolean *is_op)
{
  const guint8 *d = lx->d;

  for (;;)
    {
      while (lx->i < lx->n && is_space (d[lx->i]))
        lx->i++;
      if (lx->i < lx->n && d[lx->i] == '%')
        {
          while (lx->i < lx->n && d[lx->i] != '\n' && d[lx->i] != '\r')
            lx->i++;
          continue;
        }
      break;
    }
  if (lx->i >= lx->n)
    return FALSE;
  *start = lx->i;
  *is_op = FALSE;
  switch (d[lx->i])
    {
      case '(':
        {
          int depth = 0;

          for (; lx->i < lx->n; lx->i++)
            {
              if (d[lx->i] == '\\')
                lx->i++;
              else if (d[lx->i] == '(')
                depth++;
              else if (d[lx->i] == ')' && --depth == 0)
                {
                  lx->i++;
                  break;
                }
            }
          break;
        }
      case '<':
        if (lx->i + 1 < lx->n && d[lx->i + 1] == '<')
          lx->i += 2;
        else
          {
            while (lx->i < lx->n && d[lx->i] != '>')
              lx->i++;
            lx->i++;
          }
        break;
      case '>':
        lx->i += (lx->i + 1 < lx->n && d[lx->i + 1] == '>') ? 2 : 1;
        break;
      case '[':
      case ']':
      case '{':
      case '}':
      case ')':
        lx->i++;
        break;
      case '/':
        lx->i++;
        while (lx->i < lx->n && !is_space (d[lx->i]) && !is_delimiter (d[lx->i]))
          lx->i++;
        break;
      default:
        {
          guint8 c = d[lx->i];

          while (lx->i < lx->n && !is_space (d[lx->i]) && !is_delimiter (d[lx->i]))
            lx->i++;
          if (!g_ascii_isdigit (c) && c != '+' && c != '-' && c != '.')
            {
              gsize len = lx->i - *start;

              *is_op = !((len == 4 && memcmp (d + *start, "true", 4) == 0)
                         || (len == 5 && memcmp (d + *start, "false", 5) == 0)
                         || (len == 4 && memcmp (d + *start, "null", 4) == 0));
            }
          break;
        }
    }
  if (lx->i > lx->n)
    lx->i = lx->n;
  *end = lx->i;
  return TRUE;
}

/* After the ID operator: skip the inline image's bytes up to and including "EI". */
static void
lex_skip_inline_image (Lexer *lx)
{
  const guint8 *d = lx->d;

  lx->i++; /* the single white-space byte after ID */
  for (; lx->i + 1 < lx->n; lx->i++)
    if (d[lx->i] == 'E' && d[lx->i + 1] == 'I' && lx->i > 0 && is_space (d[lx->i - 1])
        && (lx->i + 2 >= lx->n || is_space (d[lx->i + 2])))
      {
        lx->i += 2;
        return;
      }
  lx->i = lx->n;
}

static gboolean
op_is (const guint8 *d, gsize start, gsize end, const char *const *names)
{
  for (; *names; names++)
    if (strlen (*names) == end - start && memcmp (d + start, *names, end - start) == 0)
      return TRUE;
  return FALSE;
}

GBytes *
zhi_pdf_finish_mark_artifacts (const guint8 *data, gsize len)
{
  static const char *const marked_begin[] = { "BDC", "BMC", NULL };
  static const char *const marked_end[] = { "EMC", NULL };
  static const char *const path_build[] = { "m", "l", "c", "v", "y", "h", "re", NULL };
  static const char *const path_paint[]
      = { "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", NULL };
  static const char *const single[] = { "Do", "sh", NULL };
  Lexer lx = { data, len, 0 };
  g_autoptr (GArray) segments = g_array_new (FALSE, FALSE, sizeof (gsize));
  GString *out;
  gsize start, end, operands = G_MAXSIZE, seg = G_MAXSIZE, at = 0;
  gboolean is_op, in_text = FALSE, in_path = FALSE;
  int depth = 0;
  guint k;

  while (lex_next (&lx, &start, &end, &is_op))
    {
      gsize first;

      if (!is_op)
        {
          if (operands == G_MAXSIZE)
            operands = start;
          continue;
        }
      first = operands != G_MAXSIZE ? operands : start;
      operands = G_MAXSIZE;
      if (op_is (data, start, end, marked_begin))
        {
          /* content already marked: a pending piece of ours would straddle it, drop it */
          depth++;
          in_text = in_path = FALSE;
          seg = G_MAXSIZE;
        }
      else if (op_is (data, start, end, marked_end))
        depth = MAX (depth - 1, 0);
      else if (depth > 0)
        {
          if (end - start == 2 && memcmp (data + start, "ID", 2) == 0)
            lex_skip_inline_image (&lx);
        }
      else if (end - start == 2 && memcmp (data + start, "BT", 2) == 0)
        {
          in_text = TRUE;
          seg = start;
        }
      else if (end - start == 2 && memcmp (data + start, "ET", 2) == 0)
        {
          if (in_text && seg != G_MAXSIZE)
            {
              g_array_append_val (segments, seg);
              g_array_append_val (segments, end);
            }
          in_text = FALSE;
          seg = G_MAXSIZE;
        }
      else if (in_text)
        continue;
      else if (op_is (data, start, end, path_build))
        {
          if (!in_path)
            seg = first;
          in_path = TRUE;
        }
      else if (op_is (data, start, end, path_paint))
        {
          if (in_path && seg != G_MAXSIZE)
            {
              g_array_append_val (segments, seg);
              g_array_append_val (segments, end);
            }
          in_path = FALSE;
          seg = G_MAXSIZE;
        }
      else if (op_is (data, start, end, single))
        {
          g_array_append_val (segments, first);
          g_array_append_val (segments, end);
        }
      else if (end - start == 2 && memcmp (data + start, "BI", 2) == 0)
        seg = start;
      else if (end - start == 2 && memcmp (data + start, "ID", 2) == 0)
        {
          lex_skip_inline_image (&lx);
          if (seg != G_MAXSIZE)
            {
              gsize stop = lx.i;

              g_array_append_val (segments, seg);
              g_array_append_val (segments, stop);
            }
          seg = G_MAXSIZE;
        }
    }

  out = g_string_sized_new (len + segments->len * 12);
  for (k = 0; k + 1 < segments->len; k += 2)
    {
      gsize s = g_array_index (segments, gsize, k), e = g_array_index (segments, gsize, k + 1);

      g_string_append_len (out, (const char *)data + at, s - at);
      g_string_append (out, "/Artifact BMC\n");
      g_string_append_len (out, (const char *)data + s, e - s);
      g_string_append (out, "\nEMC");
      at = e;
    }
  g_string_append_len (out, (const char *)data + at, len - at);
  return g_string_free_to_bytes (out);
}

/* ---- the catalog ---------------------------------------------------------- */

static gboolean
check (qpdf_data qpdf, GError **error, const char *what)
{
  if (qpdf_has_error (qpdf))
    {
      qpdf_error e = qpdf_get_error (qpdf);

      g_set_error (error, ZHI_PDF_COMPACT_ERROR, ZHI_PDF_COMPACT_ERROR_WRITE, "qpdf: %s: %s", what,
                   e ? qpdf_get_error_full_text (qpdf, e) : "failed");
      return FALSE;
    }
  return TRUE;
}

static void
set_page_labels (qpdf_data qpdf, qpdf_oh root, const ZhiPdfFinish *finish)
{
  qpdf_oh labels = qpdf_oh_new_dictionary (qpdf);
  qpdf_oh nums = qpdf_oh_new_array (qpdf);
  qpdf_oh decimal = qpdf_oh_new_dictionary (qpdf);

  if (finish->unnumbered > 0)
    {
      qpdf_oh cover = qpdf_oh_new_dictionary (qpdf);

      if (finish->unnumbered_label)
        qpdf_oh_replace_key (qpdf, cover, "/P",
                             qpdf_oh_new_unicode_string (qpdf, finish->unnumbered_label));
      qpdf_oh_append_item (qpdf, nums, qpdf_oh_new_integer (qpdf, 0));
      qpdf_oh_append_item (qpdf, nums, cover);
    }
  qpdf_oh_replace_key (qpdf, decimal, "/S", qpdf_oh_new_name (qpdf, "/D"));
  qpdf_oh_replace_key (qpdf, decimal, "/St", qpdf_oh_new_integer (qpdf, 1));
  qpdf_oh_append_item (qpdf, nums, qpdf_oh_new_integer (qpdf, finish->unnumbered));
  qpdf_oh_append_item (qpdf, nums, decimal);
  qpdf_oh_replace_key (qpdf, labels, "/Nums", nums);
  qpdf_oh_replace_key (qpdf, root, "/PageLabels", labels);
}

/* "D:20260418093000+08'00'" → "2026-04-18T09:30:00+08:00"; NULL when it is no such date. */
static char *
xmp_date (const char *pdf_date)
{
  GString *s;
  const char *p;

  if (pdf_date == NULL || !g_str_has_prefix (pdf_date, "D:") || strlen (pdf_date) < 16)
    return NULL;
  p = pdf_date + 2;
  for (int i = 0; i < 14; i++)
    if (!g_ascii_isdigit (p[i]))
      return NULL;
  s = g_string_new (NULL);
  g_string_append_printf (s, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", p, p + 4, p + 6, p + 8, p + 10,
                          p + 12);
  p += 14;
  if (*p == 'Z' || *p == '\0')
    g_string_append_c (s, 'Z');
  else if ((*p == '+' || *p == '-') && strlen (p) >= 6)
    g_string_append_printf (s, "%c%.2s:%.2s", *p, p + 1, p + 4);
  else
    g_string_append_c (s, 'Z');
  return g_string_free (s, FALSE);
}

static char *
info_string (qpdf_data qpdf, qpdf_oh info, const char *key)
{
  qpdf_oh v = qpdf_oh_get_key (qpdf, info, key);

  if (!qpdf_oh_is_string (qpdf, v))
    return NULL;
  return g_markup_escape_text (qpdf_oh_get_utf8_value (qpdf, v), -1);
}

/* The XMP packet a validator compares with /Info: title, author, subject, tool, producer, dates,
 * language. */
static void
set_xmp (qpdf_data qpdf, qpdf_oh root, const ZhiPdfFinish *finish)
{
  qpdf_oh info = qpdf_oh_get_key (qpdf, qpdf_get_trailer (qpdf), "/Info");
  g_autofree char *title = NULL, *author = NULL, *subject = NULL, *creator = NULL, *producer = NULL,
                  *created = NULL, *modified = NULL;
  GString *x = g_string_new (NULL);
  qpdf_oh stream, dict;

  if (qpdf_oh_is_dictionary (qpdf, info))
    {
      g_autofree char *cd = NULL, *md = NULL;

      title = info_string (qpdf, info, "/Title");
      author = info_string (qpdf, info, "/Author");
      subject = info_string (qpdf, info, "/Subject");
      creator = info_string (qpdf, info, "/Creator");
      producer = info_string (qpdf, info, "/Producer");
      if (qpdf_oh_is_string (qpdf, qpdf_oh_get_key (qpdf, info, "/CreationDate")))
        {
          const char *date
              = qpdf_oh_get_utf8_value (qpdf, qpdf_oh_get_key (qpdf, info, "/CreationDate"));
          g_autofree char *fixed = NULL;

          /* cairo 1.16 writes "20261202183540+00'00": no "D:", no closing quote */
          if (!g_str_has_prefix (date, "D:"))
            {
              fixed = g_strconcat ("D:", date, g_str_has_suffix (date, "'") ? "" : "'", NULL);
              qpdf_oh_replace_key (qpdf, info, "/CreationDate", qpdf_oh_new_string (qpdf, fixed));
              date = fixed;
            }
          created = xmp_date (date);
        }
      if (qpdf_oh_is_string (qpdf, qpdf_oh_get_key (qpdf, info, "/ModDate")))
        modified
            = xmp_date (qpdf_oh_get_utf8_value (qpdf, qpdf_oh_get_key (qpdf, info, "/ModDate")));
    }
  g_string_append (x, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                      "<rdf:Description rdf:about=\"\"\n"
                      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                      " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                      " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                      "<dc:format>application/pdf</dc:format>\n");
  if (title)
    g_string_append_printf (
        x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n",
        title);
  if (author)
    g_string_append_printf (x, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n",
                            author);
  if (subject)
    g_string_append_printf (x,
                            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>"
                            "</rdf:Alt></dc:description>\n",
                            subject);
  if (finish->lang)
    g_string_append_printf (
        x, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", finish->lang);
  if (creator)
    g_string_append_printf (x, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", creator);
  if (created)
    g_string_append_printf (x, "<xmp:CreateDate>%s</xmp:CreateDate>\n", created);
  if (modified)
    g_string_append_printf (x, "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", modified);
  if (producer)
    g_string_append_printf (x, "<pdf:Producer>%s</pdf:Producer>\n", producer);
  g_string_append (x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");

  stream = qpdf_oh_new_stream (qpdf);
  qpdf_oh_replace_stream_data (qpdf, stream, (const unsigned char *)x->str, x->len,
                               qpdf_oh_new_null (qpdf), qpdf_oh_new_null (qpdf));
  dict = qpdf_oh_get_dict (qpdf, stream);
  qpdf_oh_replace_key (qpdf, dict, "/Type", qpdf_oh_new_name (qpdf, "/Metadata"));
  qpdf_oh_replace_key (qpdf, dict, "/Subtype", qpdf_oh_new_name (qpdf, "/XML"));
  qpdf_oh_replace_key (qpdf, root, "/Metadata", stream);
  g_string_free (x, TRUE);
}

/* Pre-order walk of the structure tree: every /Figure gets the next alternate text. */
static void
set_figure_alts (qpdf_data qpdf, qpdf_oh node, const char *const **alts, guint depth)
{
  qpdf_oh kids;

  if (depth > 64 || **alts == NULL)
    return;
  if (qpdf_oh_is_array (qpdf, node))
    {
      int i, n = qpdf_oh_get_array_n_items (qpdf, node);

      for (i = 0; i < n && **alts; i++)
        set_figure_alts (qpdf, qpdf_oh_get_array_item (qpdf, node, i), alts, depth + 1);
      return;
    }
  if (!qpdf_oh_is_dictionary (qpdf, node))
    return;
  if (qpdf_oh_is_name_and_equals (qpdf, qpdf_oh_get_key (qpdf, node, "/S"), "/Figure"))
    {
      qpdf_oh_replace_key (qpdf, node, "/Alt", qpdf_oh_new_unicode_string (qpdf, **alts));
      (*alts)++;
    }
  kids = qpdf_oh_get_key (qpdf, node, "/K");
  if (qpdf_oh_is_array (qpdf, kids) || qpdf_oh_is_dictionary (qpdf, kids))
    set_figure_alts (qpdf, kids, alts, depth + 1);
}

static gboolean
mark_page_artifacts (qpdf_data qpdf, qpdf_oh page, GError **error)
{
  unsigned char *buf = NULL;
  size_t len = 0;
  g_autoptr (GBytes) marked = NULL;
  qpdf_oh stream;
  gsize n;
  const guint8 *data;

  if (qpdf_oh_get_page_content_data (qpdf, page, &buf, &len) & QPDF_ERRORS)
    return check (qpdf, error, "page contents");
  marked = zhi_pdf_finish_mark_artifacts (buf, len);
  free (buf);
  data = g_bytes_get_data (marked, &n);
  stream = qpdf_oh_new_stream (qpdf);
  qpdf_oh_replace_stream_data (qpdf, stream, data, n, qpdf_oh_new_null (qpdf),
                               qpdf_oh_new_null (qpdf));
  qpdf_oh_replace_key (qpdf, page, "/Contents", stream);
  return check (qpdf, error, "page contents");
}

gboolean
zhi_pdf_finish_apply (qpdf_data qpdf, const ZhiPdfFinish *finish, GError **error)
{
  qpdf_oh root;
  guint i, n_pages;

  g_return_val_if_fail (qpdf != NULL && finish != NULL, FALSE);

  root = qpdf_get_root (qpdf);
  if (finish->lang)
    qpdf_oh_replace_key (qpdf, root, "/Lang", qpdf_oh_new_unicode_string (qpdf, finish->lang));
  set_page_labels (qpdf, root, finish);
  set_xmp (qpdf, root, finish);
  {
    qpdf_oh tree = qpdf_oh_get_key (qpdf, root, "/StructTreeRoot");

    /* cairo 1.16 writes the structure tree and the marked content but not /MarkInfo, without
     * which readers take the file for untagged (pdfinfo: "Tagged: no") */
    if (qpdf_oh_is_dictionary (qpdf, tree))
      qpdf_oh_replace_key (qpdf, root, "/MarkInfo", qpdf_oh_parse (qpdf, "<< /Marked true >>"));
    if (finish->figure_alts && finish->figure_alts[0] && qpdf_oh_is_dictionary (qpdf, tree))
      {
        const char *const *alts = finish->figure_alts;

        set_figure_alts (qpdf, qpdf_oh_get_key (qpdf, tree, "/K"), &alts, 0);
      }
  }
  if (!check (qpdf, error, "catalog"))
    return FALSE;

  n_pages = (guint)MAX (qpdf_get_num_pages (qpdf), 0);
  for (i = 0; i < n_pages && i < finish->n_own_pages; i++)
    {
      qpdf_oh page;

      if (!finish->own_pages[i])
        continue;
      page = qpdf_get_page_n (qpdf, i);
      if (!mark_page_artifacts (qpdf, page, error))
        return FALSE;
      qpdf_oh_release (qpdf, page);
    }
  return TRUE;
}
