/* zhi-pdf-cjk.c — the Chinese typesetting rules of the dossier's text: justification that
 * stretches only between CJK characters, closing marks that never start a line, no lone
 * character on a heading's last line, strings never broken ("附件12"), a cell's small second
 * line */
#include "zhi-pdf-doc-private.h"

#include <string.h>

/* A closing mark that cannot start a line: it counts with the character before it. */
static gboolean
is_closing_mark (gunichar c)
{
  return g_utf8_strchr ("）》」』】〕〉。，、；：！？”’)].,;:!?", -1, c) != NULL;
}

/* A heading or contents entry that wraps never leaves a single character (告, 文）) alone on its
 * last line: the wrapping width is narrowed by two characters at a time until the last line
 * holds at least two. */
void
zhi_pdf_writer_avoid_lone_last_line (PangoLayout *layout, double size)
{
  int width = pango_layout_get_width (layout);
  guint tries;

  for (tries = 0; tries < 4 && width > 0; tries++)
    {
      const char *text = pango_layout_get_text (layout);
      GSList *lines = pango_layout_get_lines_readonly (layout), *l;
      gboolean lone = FALSE;

      /* the last line of each paragraph that wrapped */
      for (l = lines; l != NULL && !lone; l = l->next)
        {
          PangoLayoutLine *line = l->data;
          PangoLayoutLine *next = l->next ? l->next->data : NULL;
          const char *p, *end;
          guint chars = 0;

          if (line->is_paragraph_start || (next != NULL && !next->is_paragraph_start))
            continue;
          end = text + line->start_index + line->length;
          for (p = text + line->start_index; p < end; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);

              if (!g_unichar_isspace (c) && !is_closing_mark (c))
                chars++;
            }
          lone = chars < 2;
        }
      /* a narrow column would only wrap worse */
      if (!lone || width - 2 * size * PANGO_SCALE < 6 * size * PANGO_SCALE)
        return;
      width -= (int)(2 * size * PANGO_SCALE);
      pango_layout_set_width (layout, width);
    }
}

/* A cell's text after ZHI_PDF_SMALL_MARK starts a new line in smaller grey type (an evidence
 * title, then its original file name). */
void
zhi_pdf_writer_small_after_mark (PangoLayout *layout, double size)
{
  const char *text = pango_layout_get_text (layout);
  const char *mark = strchr (text, ZHI_PDF_SMALL_MARK[0]);
  g_autofree char *copy = NULL;
  PangoAttrList *attrs;
  PangoAttribute *a;

  if (mark == NULL)
    return;
  copy = g_strdup (text);
  /* one byte for one byte: link offsets stay right */
  for (char *p = copy; *p; p++)
    if (*p == ZHI_PDF_SMALL_MARK[0])
      *p = '\n';
  attrs = pango_layout_get_attributes (layout)
              ? pango_attr_list_copy (pango_layout_get_attributes (layout))
              : pango_attr_list_new ();
  a = pango_attr_size_new_absolute ((int)(size * 0.8 * PANGO_SCALE));
  a->start_index = mark - text + 1;
  pango_attr_list_insert (attrs, a);
  a = pango_attr_foreground_new (0x4000, 0x4000, 0x4000);
  a->start_index = mark - text + 1;
  pango_attr_list_insert (attrs, a);
  pango_layout_set_text (layout, copy, -1);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Strings a line never breaks inside: "附件12" (a reviewer looks for the number beside the word),
 * a standard's code ("GB/T 39116-2020"). */
void
zhi_pdf_writer_keep_whole (PangoLayout *layout)
{
  static GRegex *re;
  const char *text = pango_layout_get_text (layout);
  g_autoptr (GMatchInfo) match = NULL;
  PangoAttrList *attrs;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("附件[0-9]+|(GB|GB/T|GB/Z)\\s?[0-9]+(\\.[0-9]+)?-[0-9]{4}",
                                         G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (re, text, 0, &match))
    return;
  attrs = pango_layout_get_attributes (layout)
              ? pango_attr_list_copy (pango_layout_get_attributes (layout))
              : pango_attr_list_new ();
  while (g_match_info_matches (match))
    {
      int start, end;
      PangoAttribute *a = pango_attr_allow_breaks_new (FALSE);

      g_match_info_fetch_pos (match, 0, &start, &end);
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert (attrs, a);
      g_match_info_next (match, NULL);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* A character between which and its neighbour a justified line may stretch: CJK ideographs
 * and punctuation, kana, fullwidth forms. */
static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)
         || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
         || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

typedef struct
{
  PangoGlyphItem *run;
  int last_glyph; /* the cluster's last glyph in run->glyphs */
  gunichar c;     /* the cluster's first character */
} Cluster;

/* Justify every line but a paragraph's last by widening the gaps next to CJK characters only.
 * Pango's own justification puts all the slack into the spaces of a line that has any ("共  8
 * 件") and otherwise spreads it between every two clusters, letter-spacing Latin words
 * (《e n c r y p t e d . p d f》); a Chinese typesetter stretches only between CJK characters
 * and leaves a line without such gaps ragged. */
void
zhi_pdf_writer_justify_cjk (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  int width = pango_layout_get_width (layout);
  int indent = pango_layout_get_indent (layout);
  GSList *lines = pango_layout_get_lines_readonly (layout), *l;
  g_autoptr (GArray) clusters = g_array_new (FALSE, FALSE, sizeof (Cluster));

  if (width <= 0)
    return;
  for (l = lines; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      PangoLayoutLine *next = l->next ? l->next->data : NULL;
      int avail, slack, gaps = 0, extra, rest, used, trailing;
      guint k;
      GSList *r;

      /* a paragraph's last line stays as it is */
      if (next == NULL || next->is_paragraph_start)
        continue;
      avail = width - (line->is_paragraph_start && indent > 0 ? indent : 0);
      g_array_set_size (clusters, 0);
      for (r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          PangoGlyphString *glyphs = run->glyphs;
          int i;

          if (run->item->analysis.level % 2 != 0)
            break; /* right-to-left text: leave the line to pango */
          for (i = 0; i < glyphs->num_glyphs; i++)
            {
              if (i == 0 || glyphs->log_clusters[i] != glyphs->log_clusters[i - 1])
                {
                  Cluster c
                      = { run, i,
                          g_utf8_get_char (text + run->item->offset + glyphs->log_clusters[i]) };

                  g_array_append_val (clusters, c);
                }
              else
                g_array_index (clusters, Cluster, clusters->len - 1).last_glyph = i;
            }
        }
      if (r != NULL)
        continue;
      /* trailing spaces take no part, neither in the gaps nor in the width */
      trailing = 0;
      while (clusters->len > 0
             && g_unichar_isspace (g_array_index (clusters, Cluster, clusters->len - 1).c))
        {
          Cluster *c = &g_array_index (clusters, Cluster, clusters->len - 1);

          trailing += c->run->glyphs->glyphs[c->last_glyph].geometry.width;
          g_array_set_size (clusters, clusters->len - 1);
        }
      for (k = 0; k + 1 < clusters->len; k++)
        if (is_cjk (g_array_index (clusters, Cluster, k).c)
            || is_cjk (g_array_index (clusters, Cluster, k + 1).c))
          gaps++;
      if (gaps == 0)
        continue;
      used = 0;
      for (r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          int i;

          for (i = 0; i < run->glyphs->num_glyphs; i++)
            used += run->glyphs->glyphs[i].geometry.width;
        }
      slack = avail - (used - trailing);
      /* a line that is full, or one so short that stretching it would look wrong */
      if (slack <= 0 || slack > avail / 4)
        continue;
      extra = slack / gaps;
      rest = slack - extra * gaps;
      for (k = 0; k + 1 < clusters->len; k++)
        {
          Cluster *c = &g_array_index (clusters, Cluster, k);

          if (is_cjk (c->c) || is_cjk (g_array_index (clusters, Cluster, k + 1).c))
            {
              c->run->glyphs->glyphs[c->last_glyph].geometry.width += extra + (rest > 0 ? 1 : 0);
              if (rest > 0)
                rest--;
            }
        }
    }
}
