/* test-pdf-originals.c — evidence PDF pages are the original pages, read back with poppler */
#define _GNU_SOURCE /* memmem */
#include "zhi-pdf-compact.h"
#include "zhi-pdf-doc.h"
#include "zhi-test-pdfs.h"

#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <string.h>
#include <unistd.h>

#define FINGERPRINT "申报书指纹 ORIG-0001"
#define A4_W 595.276
#define A4_H 841.89
#define MM (72.0 / 25.4)

static ZhiTestPdfs *samples;
static char *tmpdir;

enum
{
  ATT_A3 = 1,
  ATT_ROTATED,
  ATT_STAMP,
  ATT_IMAGES,
  ATT_TEXT,
  ATT_RESTRICTED,
  ATT_LINKS,
  N_ATT = ATT_LINKS
};

typedef struct
{
  char *path;
  char *work;
  ZhiPdfDoc *doc;
  PopplerDocument *pdf;
  GBytes *raw;
} Built;

static Built built;

/* Text of a page with white space removed. */
static char *
page_text (PopplerDocument *pdf, int index)
{
  PopplerPage *page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  g_object_unref (page);
  return g_string_free (out, FALSE);
}

/* The characters (no white space) whose boxes lie within @height of the page's top edge. */
static char *
top_strip_text (PopplerPage *page, double height)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n = 0, i = 0;
  GString *out = g_string_new (NULL);

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
  for (const char *p = text; *p && i < n; p = g_utf8_next_char (p), i++)
    if (rects[i].y2 <= height && !g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  g_free (rects);
  return g_string_free (out, FALSE);
}

static gboolean
dir_is_empty (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name = d ? g_dir_read_name (d) : NULL;

  if (name != NULL)
    g_test_message ("left in %s: %s", dir, name);
  return d != NULL && name == NULL;
}

static ZhiPdfAttachment *
attachment (guint number, const char *path)
{
  g_autofree char *title = g_strdup_printf ("证明材料%u", number);
  g_autofree char *base = g_path_get_basename (path);

  return zhi_pdf_attachment_new_for_path (number, title, base, "application/pdf", "00", path);
}

static void
ensure_built (void)
{
  g_autoptr (GError) error = NULL;
  const char *paths[N_ATT];
  g_autofree char *uri = NULL;
  char *contents;
  gsize len;

  if (built.doc != NULL)
    return;
  paths[ATT_A3 - 1] = samples->a3_landscape_pdf;
  paths[ATT_ROTATED - 1] = samples->rotated_pdf;
  paths[ATT_STAMP - 1] = samples->stamp_pdf;
  paths[ATT_IMAGES - 1] = samples->images_pdf;
  paths[ATT_TEXT - 1] = samples->multi_pdf;
  /* without qpdf's command line (the fixture's maker) the plain file stands in */
  paths[ATT_RESTRICTED - 1]
      = samples->restricted_pdf ? samples->restricted_pdf : samples->multi_pdf;
  paths[ATT_LINKS - 1] = samples->links_pdf;

  built.work = g_build_filename (tmpdir, "work", NULL);
  g_assert_cmpint (g_mkdir (built.work, 0700), ==, 0);
  built.path = g_build_filename (tmpdir, "originals.pdf", NULL);
  built.doc = zhi_pdf_doc_new ();
  zhi_pdf_doc_set_fingerprint (built.doc, FINGERPRINT);
  zhi_pdf_doc_set_work_dir (built.doc, built.work);
  zhi_pdf_doc_add_heading (built.doc, 1, "七、附件", TRUE);
  {
    guint p
        = zhi_pdf_doc_add_paragraph (built.doc, ZHI_PDF_STYLE_BODY, "图纸见附件1，证书见附件3。");

    g_assert_true (zhi_pdf_doc_link_text (built.doc, p, "附件1", "att-1"));
    g_assert_true (zhi_pdf_doc_link_text (built.doc, p, "附件3", "att-3"));
  }
  for (guint i = 1; i <= N_ATT; i++)
    zhi_pdf_doc_add_attachment (built.doc, attachment (i, paths[i - 1]));
  g_assert_true (zhi_pdf_doc_write_to_file (built.doc, built.path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zhi_pdf_doc_get_warnings (built.doc)->len, ==, 0);
  uri = g_filename_to_uri (built.path, NULL, NULL);
  built.pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (built.path, &contents, &len, &error));
  built.raw = g_bytes_new_take (contents, len);
}

static int
first_page (guint number)
{
  g_autofree char *dest = g_strdup_printf ("att-%u", number);

  return zhi_pdf_doc_get_dest_page (built.doc, dest);
}

static void
assert_page_size (int index, double width, double height)
{
  PopplerPage *page = poppler_document_get_page (built.pdf, index);
  double w, h;

  poppler_page_get_size (page, &w, &h);
  g_test_message ("page %d: %.2f × %.2f", index + 1, w, h);
  g_assert_cmpfloat (fabs (w - width), <, 0.5);
  g_assert_cmpfloat (fabs (h - height), <, 0.5);
  g_object_unref (page);
}

static void
test_a3_landscape_keeps_its_size (void)
{
  int index;
  g_autofree char *text = NULL;

  ensure_built ();
  index = first_page (ATT_A3);
  assert_page_size (index, A3_LONG, A3_SHORT);
  text = page_text (built.pdf, index);
  g_assert_nonnull (strstr (text, "A3LANDSCAPEDRAWING"));
  /* the body around it stays A4 */
  assert_page_size (0, A4_W, A4_H);
  assert_page_size (first_page (ATT_STAMP), A4_W, A4_H);
}

/* /Rotate 90 applied: shown landscape, its line of text running left to right. */
static void
test_rotated_page_reads_upright (void)
{
  int index = (ensure_built (), first_page (ATT_ROTATED));
  PopplerPage *page = poppler_document_get_page (built.pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  const char *hit = strstr (text, "UPRIGHT");
  glong at;

  assert_page_size (index, A4_H, A4_W);
  g_assert_nonnull (hit);
  at = g_utf8_pointer_to_offset (text, hit);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  g_assert_cmpuint (n_rects, >=, (guint)at + 7);
  for (int i = 0; i < 6; i++)
    {
      PopplerRectangle *a = &rects[at + i], *b = &rects[at + i + 1];

      /* left to right on one line, glyphs taller than a line is thick: upright */
      g_assert_cmpfloat (b->x1, >, a->x1);
      g_assert_cmpfloat (fabs (b->y1 - a->y1), <, 1);
      g_assert_cmpfloat (a->y2 - a->y1, >, 10);
    }
  /* and at the top of the shown page, where the original shows it: 100 pt from the left,
   * near the top (the text starts 100 pt in from the unturned page's left edge, 100 pt up) */
  g_assert_cmpfloat (fabs (rects[at].x1 - 100), <, 5);
  g_assert_cmpfloat (rects[at].y2, <, 140);
  g_free (rects);
  g_object_unref (page);
}

/* The original's web link stays a link, over the same text, on the page turned upright. */
static void
test_web_link_kept (void)
{
  int index = (ensure_built (), first_page (ATT_ROTATED));
  PopplerPage *page = poppler_document_get_page (built.pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  GList *links = poppler_page_get_link_mapping (page);
  PopplerRectangle *rects = NULL, text_box;
  guint n_rects = 0, n_uri = 0;
  double width, height;
  glong at = g_utf8_pointer_to_offset (text, strstr (text, "UPRIGHT"));

  poppler_page_get_size (page, &width, &height);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  g_assert_cmpuint (n_rects, >=, (guint)at + 20);
  /* the text's box, in the link areas' space (origin at the bottom left) */
  text_box.x1 = rects[at].x1, text_box.x2 = rects[at + 19].x2;
  text_box.y1 = height - rects[at].y2, text_box.y2 = height - rects[at].y1;
  g_free (rects);
  for (GList *l = links; l != NULL; l = l->next)
    {
      PopplerLinkMapping *m = l->data;

      if (m->action->type != POPPLER_ACTION_URI)
        continue;
      n_uri++;
      g_assert_cmpstr (m->action->uri.uri, ==, ZHI_TEST_LINK_URI);
      g_test_message ("link %.0f,%.0f–%.0f,%.0f; text %.0f,%.0f–%.0f,%.0f", m->area.x1, m->area.y1,
                      m->area.x2, m->area.y2, text_box.x1, text_box.y1, text_box.x2, text_box.y2);
      /* over the text: wider than tall, as the text now runs, and around it */
      g_assert_cmpfloat (m->area.x2 - m->area.x1, >, m->area.y2 - m->area.y1);
      g_assert_cmpfloat (m->area.x1, <=, text_box.x1 + 2);
      g_assert_cmpfloat (m->area.x2, >=, text_box.x2 - 30);
      g_assert_cmpfloat (m->area.y1, <=, text_box.y1 + 4);
      g_assert_cmpfloat (m->area.y2, >=, text_box.y2 - 4);
    }
  g_assert_cmpuint (n_uri, ==, 1);
  poppler_page_free_link_mapping (links);
  g_object_unref (page);
}

/* The links of an attachment's page that lead inside the file, as the dossier has them. */
static GList *
goto_links (int index, guint *n_all)
{
  PopplerPage *page = poppler_document_get_page (built.pdf, index);
  GList *links = poppler_page_get_link_mapping (page), *gotos = NULL;

  *n_all = g_list_length (links);
  for (GList *l = links; l != NULL; l = l->next)
    {
      PopplerLinkMapping *m = l->data;

      g_test_message ("page %d: link %.1f,%.1f–%.1f,%.1f, action %d", index + 1, m->area.x1,
                      m->area.y1, m->area.x2, m->area.y2, m->action->type);
      if (m->action->type == POPPLER_ACTION_GOTO_DEST)
        gotos = g_list_append (gotos, poppler_link_mapping_copy (m));
    }
  poppler_page_free_link_mapping (links);
  g_object_unref (page);
  return gotos;
}

/* @m's destination, a named one looked up. */
static PopplerDest *
link_dest (PopplerLinkMapping *m)
{
  PopplerDest *d = m->action->goto_dest.dest;

  if (d->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (built.pdf, d->named_dest);

      g_assert_nonnull (named);
      return named;
    }
  return poppler_dest_copy (d);
}

static PopplerLinkMapping *
link_at (GList *links, double x, double y)
{
  for (GList *l = links; l != NULL; l = l->next)
    {
      PopplerLinkMapping *m = l->data;

      if (x >= m->area.x1 && x <= m->area.x2 && y >= m->area.y1 && y <= m->area.y2)
        return m;
    }
  g_error ("no link at %.1f, %.1f", x, y);
  return NULL;
}

/* A table of contents inside an evidence file (a named destination, a /GoTo action, the old
 * /Dests dictionary, an explicit page) still leads to its pages, as the dossier shows them:
 * the target's place turned with its page; what leads elsewhere is dropped. */
static void
test_internal_links_kept (void)
{
  int first = (ensure_built (), first_page (ATT_LINKS));
  double sec_two[2] = { ZHI_TEST_LINKS_SEC_TWO }, shown[2] = { ZHI_TEST_LINKS_PAGE3_SHOWN };
  double p4[4] = { ZHI_TEST_LINKS_P4_RECT };
  guint n_all = 0;
  GList *links = goto_links (first, &n_all);
  PopplerLinkMapping *m;
  PopplerDest *d;
  gboolean skipped;
  g_autofree char *qpdf_out = NULL;

  /* 「Section two」: the name sec-two, on page 2 (landscape, not turned) */
  m = link_at (links, 100, A4_H - 120);
  /* cairo pads the rectangle by a point */
  g_assert_cmpfloat (fabs (m->area.y2 - (A4_H - 110)), <, 2);
  d = link_dest (m);
  g_assert_cmpint (d->page_num - 1, ==, first + 1);
  g_assert_cmpint (d->type, ==, POPPLER_DEST_XYZ);
  g_assert_cmpfloat (fabs (d->left - sec_two[0]), <, 2);
  g_assert_cmpfloat (fabs (d->top - sec_two[1]), <, 2);
  poppler_dest_free (d);
  /* the /GoTo action to page 3 /FitH: page 3 is turned, the line now stands upright */
  m = link_at (links, 100, 570);
  d = link_dest (m);
  g_assert_cmpint (d->page_num - 1, ==, first + 2);
  g_assert_cmpint (d->type, ==, POPPLER_DEST_FITV);
  g_assert_cmpfloat (fabs (d->left - ZHI_TEST_LINKS_FITH), <, 2);
  poppler_dest_free (d);
  /* /OldStyle, from the catalog's /Dests dictionary */
  m = link_at (links, 100, 530);
  d = link_dest (m);
  g_assert_cmpint (d->page_num - 1, ==, first + 1);
  g_assert_cmpint (d->type, ==, POPPLER_DEST_FIT);
  poppler_dest_free (d);
  /* and nothing else: not the other file, the program, the script, the unknown name, the
   * page out of range, the broken rectangle, nor cairo's link without a destination */
  g_assert_cmpuint (g_list_length (links), ==, 3);
  g_assert_cmpuint (n_all, ==, 3);
  g_list_free_full (links, (GDestroyNotify)poppler_link_mapping_free);

  /* page 4, turned 270°: its link turned with it, to page 3's place as page 3 is shown */
  links = goto_links (first + 3, &n_all);
  g_assert_cmpuint (n_all, ==, 1);
  g_assert_nonnull (links);
  m = links->data;
  /* (x, y) unturned is (A4_H − y, x) shown; cairo pads the rectangle by a point */
  g_assert_cmpfloat (fabs (m->area.x1 - (A4_H - p4[3])), <, 2);
  g_assert_cmpfloat (fabs (m->area.x2 - (A4_H - p4[1])), <, 2);
  g_assert_cmpfloat (fabs (m->area.y1 - p4[0]), <, 2);
  g_assert_cmpfloat (fabs (m->area.y2 - p4[2]), <, 2);
  d = link_dest (m);
  g_assert_cmpint (d->page_num - 1, ==, first + 2);
  g_assert_cmpint (d->type, ==, POPPLER_DEST_XYZ);
  g_assert_cmpfloat (fabs (d->left - shown[0]), <, 2);
  g_assert_cmpfloat (fabs (d->top - shown[1]), <, 2);
  poppler_dest_free (d);
  g_list_free_full (links, (GDestroyNotify)poppler_link_mapping_free);
  /* and page 3, shown landscape, has 「PAGE THREE」 where that destination points */
  {
    PopplerPage *page = poppler_document_get_page (built.pdf, first + 2);
    GList *hits = poppler_page_find_text (page, "PAGE");
    PopplerRectangle *r;
    double w, h;

    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat (fabs (w - A4_H), <, 0.5);
    g_assert_nonnull (hits);
    r = hits->data;
    /* the text's corner nearest the page's top right (PDF space), its first line turned */
    g_test_message ("PAGE at %.1f,%.1f–%.1f,%.1f", r->x1, r->y1, r->x2, r->y2);
    g_assert_cmpfloat (fabs (r->x2 - shown[0]), <, 2);
    g_assert_cmpfloat (fabs (r->y2 - shown[1]), <, 2);
    g_list_free_full (hits, (GDestroyNotify)poppler_rectangle_free);
    g_object_unref (page);
  }
  if (!zhi_test_qpdf_check (built.path, &skipped, &qpdf_out))
    g_error ("qpdf --check: %s", qpdf_out);
}

/* The evidence file's own outline nests under its 附件 entry (closed), its items leading to
 * the dossier pages of their targets, at their places as shown. */
static void
test_evidence_outline_nested (void)
{
  int first = (ensure_built (), first_page (ATT_LINKS));
  double sec_two[2] = { ZHI_TEST_LINKS_SEC_TWO }, shown[2] = { ZHI_TEST_LINKS_PAGE3_SHOWN };
  PopplerIndexIter *iter = poppler_index_iter_new (built.pdf);
  PopplerIndexIter *entries, *own, *part;
  PopplerAction *action;
  PopplerDest *d;
  guint n = 1;

  g_assert_nonnull (iter);
  entries = poppler_index_iter_get_child (iter);
  g_assert_nonnull (entries);
  while (n < ATT_LINKS && poppler_index_iter_next (entries))
    n++;
  g_assert_cmpuint (n, ==, ATT_LINKS);
  action = poppler_index_iter_get_action (entries);
  g_assert_cmpstr (action->any.title, ==, "附件7：证明材料7");
  poppler_action_free (action);
  /* closed: the dossier's outline reads as before until it is opened */
  g_assert_false (poppler_index_iter_is_open (entries));
  own = poppler_index_iter_get_child (entries);
  g_assert_nonnull (own);

  /* 「Part one」 → the attachment's first page; open, as the evidence had it */
  action = poppler_index_iter_get_action (own);
  g_assert_cmpstr (action->any.title, ==, "Part one");
  g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
  g_assert_cmpint (zhi_test_pdf_dest_page (built.pdf, action->goto_dest.dest) - 1, ==, first);
  poppler_action_free (action);
  g_assert_true (poppler_index_iter_is_open (own));
  part = poppler_index_iter_get_child (own);
  g_assert_nonnull (part);
  action = poppler_index_iter_get_action (part);
  g_assert_cmpstr (action->any.title, ==, "Section two");
  d = action->goto_dest.dest;
  g_assert_cmpint (d->type, ==, POPPLER_DEST_XYZ);
  g_assert_cmpint (d->page_num - 1, ==, first + 1);
  g_assert_cmpfloat (fabs (d->left - sec_two[0]), <, 2);
  g_assert_cmpfloat (fabs (d->top - sec_two[1]), <, 2);
  g_assert_false (poppler_index_iter_next (part));
  poppler_action_free (action);
  poppler_index_iter_free (part);

  /* 「Page three」 → page 3 as it is shown, turned */
  g_assert_true (poppler_index_iter_next (own));
  action = poppler_index_iter_get_action (own);
  g_assert_cmpstr (action->any.title, ==, "Page three");
  d = action->goto_dest.dest;
  g_assert_cmpint (d->type, ==, POPPLER_DEST_XYZ);
  g_assert_cmpint (d->page_num - 1, ==, first + 2);
  g_assert_cmpfloat (fabs (d->left - shown[0]), <, 2);
  g_assert_cmpfloat (fabs (d->top - shown[1]), <, 2);
  poppler_action_free (action);

  /* a web address stays one */
  g_assert_true (poppler_index_iter_next (own));
  action = poppler_index_iter_get_action (own);
  g_assert_cmpstr (action->any.title, ==, "Elsewhere");
  g_assert_cmpint (action->type, ==, POPPLER_ACTION_URI);
  g_assert_cmpstr (action->uri.uri, ==, ZHI_TEST_LINK_URI);
  poppler_action_free (action);
  g_assert_false (poppler_index_iter_next (own));

  /* the entries after it and the other attachments' entries have no children */
  g_assert_false (poppler_index_iter_next (entries));
  poppler_index_iter_free (own);
  poppler_index_iter_free (entries);
  poppler_index_iter_free (iter);
}

/* The stamp annotation is drawn into the page (flattened): red at its place on paper. */
static void
test_stamp_annotation_still_drawn (void)
{
  int index = (ensure_built (), first_page (ATT_STAMP));
  PopplerPage *page = poppler_document_get_page (built.pdf, index);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
  cairo_t *cr = cairo_create (surface);
  const int rect[4] = { ZHI_TEST_STAMP_RECT };
  int cx = (rect[0] + rect[2]) / 2, cy = 842 - (rect[1] + rect[3]) / 2;
  guint32 pixel, outside;
  GList *annots;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* as printed: annotations that are still annotations would be drawn too, so none may be */
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(guint32 *)(cairo_image_surface_get_data (surface)
                       + cy * cairo_image_surface_get_stride (surface) + cx * 4);
  outside = *(guint32 *)(cairo_image_surface_get_data (surface)
                         + (cy + 80) * cairo_image_surface_get_stride (surface) + cx * 4);
  g_test_message ("pixel at the stamp %06x, below it %06x", pixel & 0xFFFFFF, outside & 0xFFFFFF);
  g_assert_cmpuint ((pixel >> 16) & 0xFF, >, 200);
  g_assert_cmpuint ((pixel >> 8) & 0xFF, <, 60);
  g_assert_cmpuint (pixel & 0xFF, <, 60);
  g_assert_cmpuint (outside & 0xFFFFFF, ==, 0xFFFFFF);
  annots = poppler_page_get_annot_mapping (page);
  for (GList *l = annots; l; l = l->next)
    g_assert_cmpint (poppler_annot_get_annot_type (((PopplerAnnotMapping *)l->data)->annot), !=,
                     POPPLER_ANNOT_STAMP);
  poppler_page_free_annot_mapping (annots);
  cairo_surface_destroy (surface);
  g_object_unref (page);
}

static gboolean
raw_contains (const void *needle, gsize n)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (built.raw, &len);

  return memmem (data, len, needle, n) != NULL;
}

/* Images are copied as they are: the JPEG's bytes and the CCITT G4 data appear unchanged. */
static void
test_images_keep_their_encoding (void)
{
  g_autoptr (GBytes) jpeg = zhi_test_pdfs_make_jpeg (320, 240);
  guint8 ccitt[ZHI_TEST_CCITT_BYTES + 20];
  gsize n;

  ensure_built ();
  g_assert_true (raw_contains (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg)));
  g_assert_true (raw_contains ("/DCTDecode", 10));
  g_assert_true (raw_contains ("/CCITTFaxDecode", 15));
  /* the stream's data, whole, between "stream" and "endstream" */
  memcpy (ccitt, "stream\n", 7);
  memset (ccitt + 7, 0xFF, ZHI_TEST_CCITT_BYTES);
  n = 7 + ZHI_TEST_CCITT_BYTES;
  {
    gsize len;
    const guint8 *data = g_bytes_get_data (built.raw, &len);
    const guint8 *hit = memmem (data, len, ccitt, n);

    g_assert_nonnull (hit);
    hit += n;
    if (*hit == '\r')
      hit++;
    if (*hit == '\n')
      hit++;
    g_assert_cmpint (memcmp (hit, "endstream", 9), ==, 0);
  }
  {
    g_autofree char *text = page_text (built.pdf, first_page (ATT_IMAGES));

    g_assert_nonnull (strstr (text, "IMAGESPAGE"));
  }
}

/* Text of every original page is text (the CJK fonts of a cairo-made PDF included), every page
 * carries its stamp with the fingerprint at the top edge, every attachment has its
 * destination, outline entry and links. */
static void
test_text_stamps_outline_links (void)
{
  const guint pages[N_ATT] = { 1, 1, 1, 1, 3, 3, 4 };
  PopplerIndexIter *iter, *child;
  guint n_outline = 0;
  gboolean skipped;
  g_autofree char *qpdf_out = NULL;

  ensure_built ();
  for (guint a = 1; a <= N_ATT; a++)
    {
      int first = first_page (a);
      g_autofree char *dest = g_strdup_printf ("att-%u", a);
      PopplerDest *found = poppler_document_find_dest (built.pdf, dest);

      g_assert_nonnull (found);
      g_assert_cmpint (found->page_num - 1, ==, first);
      poppler_dest_free (found);
      for (guint k = 0; k < pages[a - 1]; k++)
        {
          PopplerPage *page = poppler_document_get_page (built.pdf, first + (int)k);
          g_autofree char *text = page_text (built.pdf, first + (int)k);
          g_autofree char *stamp = g_strdup_printf ("附件%u第%u页/共%u页", a, k + 1, pages[a - 1]);
          g_autofree char *label = g_strdup_printf ("附件%u", a);
          GList *hits;
          double w, h;

          poppler_page_get_size (page, &w, &h);
          /* the label, alone in the strip along the top edge */
          {
            g_autofree char *top = top_strip_text (page, 12 * MM);

            if (strstr (top, stamp) == NULL || strstr (top, "申报书指纹ORIG-0001") == NULL)
              g_error ("page %d lacks %s at its top: %s", first + k + 1, stamp, top);
          }
          /* no page number of the body on an evidence page */
          g_assert_null (strstr (text, "—"));
          if (a == ATT_TEXT || a == ATT_RESTRICTED)
            {
              g_autofree char *own = g_strdup_printf ("证明材料第%u页", k + 1);

              g_assert_nonnull (strstr (text, own));
              g_assert_nonnull (strstr (text, "不良品率"));
            }
          /* the label hugs the top edge (PDF space: y up) */
          hits = poppler_page_find_text (page, label);
          g_assert_nonnull (hits);
          g_assert_cmpfloat (((PopplerRectangle *)hits->data)->y1, >, h - 12 * MM);
          g_list_free_full (hits, (GDestroyNotify)poppler_rectangle_free);
          g_object_unref (page);
        }
    }

  iter = poppler_index_iter_new (built.pdf);
  g_assert_nonnull (iter);
  child = poppler_index_iter_get_child (iter);
  g_assert_nonnull (child);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (child);
      g_autofree char *expected
          = g_strdup_printf ("附件%u：证明材料%u", n_outline + 1, n_outline + 1);

      g_assert_cmpstr (action->any.title, ==, expected);
      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      poppler_action_free (action);
      n_outline++;
    }
  while (poppler_index_iter_next (child));
  poppler_index_iter_free (child);
  poppler_index_iter_free (iter);
  g_assert_cmpuint (n_outline, ==, N_ATT);

  /* the body's 见附件 links reach the originals' first pages */
  {
    PopplerPage *page = poppler_document_get_page (built.pdf, 0);
    GList *links = poppler_page_get_link_mapping (page);
    guint reached = 0;

    for (GList *l = links; l; l = l->next)
      {
        PopplerAction *action = ((PopplerLinkMapping *)l->data)->action;
        PopplerDest *d;

        if (action->type != POPPLER_ACTION_GOTO_DEST || action->goto_dest.dest->named_dest == NULL)
          continue;
        d = poppler_document_find_dest (built.pdf, action->goto_dest.dest->named_dest);
        g_assert_nonnull (d);
        if (d->page_num - 1 == first_page (ATT_A3) || d->page_num - 1 == first_page (ATT_STAMP))
          reached++;
        poppler_dest_free (d);
      }
    g_assert_cmpuint (reached, ==, 2);
    poppler_page_free_link_mapping (links);
    g_object_unref (page);
  }

  if (!zhi_test_qpdf_check (built.path, &skipped, &qpdf_out))
    g_error ("qpdf --check: %s", qpdf_out);
  /* the copies of the evidence and the temporary PDFs are gone */
  g_assert_true (dir_is_empty (built.work));
  /* a file identifier of its own, made of its bytes, in both halves */
  {
    g_autofree char *first = NULL, *second = NULL, *expected = NULL;

    g_assert_true (zhi_test_pdf_file_id (built.path, &first, &second, &expected));
    g_assert_cmpstr (first, ==, expected);
    g_assert_cmpstr (second, ==, expected);
  }
}

/* An owner-restricted PDF (printing forbidden) is embedded, and says so. */
static void
test_restricted_embedded (void)
{
  g_autoptr (ZhiPdfAttachment) att = NULL;
  ZhiPdfAttachWarning *warning = NULL;

  if (samples->restricted_pdf == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return;
    }
  att = attachment (1, samples->restricted_pdf);
  g_assert_true (zhi_pdf_attachment_inspect (att, NULL, &warning, NULL));
  g_assert_null (warning);
  g_assert_cmpuint (zhi_pdf_attachment_get_n_pages (att), ==, 3);
  g_assert_nonnull (zhi_pdf_attachment_get_original (att));
  g_assert_true (zhi_pdf_attachment_get_no_printing (att));
  g_clear_pointer (&att, zhi_pdf_attachment_free);
  att = attachment (2, samples->multi_pdf);
  g_assert_true (zhi_pdf_attachment_inspect (att, NULL, &warning, NULL));
  g_assert_false (zhi_pdf_attachment_get_no_printing (att));
}

typedef struct
{
  GCancellable *cancel;
  const char *damage;
} Progress;

static void
progress_cb (guint done, guint total, gpointer data)
{
  Progress *p = data;

  (void)done;
  (void)total;
  if (p->cancel)
    g_cancellable_cancel (p->cancel);
  /* cut short in place: the render keeps the file open from its first read, a removed file
   * would still be read whole */
  if (p->damage)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (p->damage, &st), ==, 0);
      g_assert_cmpint (truncate (p->damage, st.st_size / 2), ==, 0);
    }
}

static guint bytes_calls;

static GBytes *
count_bytes (gpointer user_data, GCancellable *cancellable, GError **error)
{
  gchar *contents;
  gsize len;

  bytes_calls++;
  if (!g_file_get_contents (user_data, &contents, &len, error))
    return NULL;
  return g_bytes_new_take (contents, len);
}

/* The evidence is read once per render; temporary files go on success, failure and cancel. */
static void
test_read_once_and_temp_files (void)
{
  g_autofree char *work = g_build_filename (tmpdir, "work-2", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "temp.pdf", NULL);
  g_autofree char *doomed = g_build_filename (tmpdir, "doomed.pdf", NULL);
  g_autoptr (GError) error = NULL;
  GCancellable *cancellable = g_cancellable_new ();

  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);

  /* success: one read of a bytes source, nothing left */
  {
    g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();

    zhi_pdf_doc_set_work_dir (doc, work);
    zhi_pdf_doc_add_attachment (
        doc, zhi_pdf_attachment_new_for_bytes_func (1, "报告", "r.pdf", "application/pdf", "00",
                                                    count_bytes, samples->multi_pdf, NULL));
    bytes_calls = 0;
    g_assert_true (zhi_pdf_doc_write_to_file (doc, out, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (bytes_calls, ==, 1);
    g_assert_cmpuint (zhi_pdf_doc_get_n_pages (doc), ==, 3);
    g_assert_true (dir_is_empty (work));
    g_unlink (out);
  }

  /* failure: the evidence is damaged between reading its pages and copying them (large enough
   * that what is cut was not read yet: its fonts, at the end) */
  g_assert_true (zhi_test_pdfs_write_text_pdf (doomed, 10, &error));
  g_assert_no_error (error);
  {
    g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
    Progress p = { NULL, doomed };

    zhi_pdf_doc_set_work_dir (doc, work);
    zhi_pdf_doc_add_attachment (doc, attachment (1, doomed));
    g_assert_false (zhi_pdf_doc_write_to_file (doc, out, progress_cb, &p, NULL, &error));
    g_assert_error (error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_FAILED);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "could not be copied"));
    g_clear_error (&error);
    g_assert_true (dir_is_empty (work));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  /* cancelled while writing */
  {
    g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
    Progress p = { cancellable, NULL };

    zhi_pdf_doc_set_work_dir (doc, work);
    zhi_pdf_doc_add_attachment (doc, attachment (1, samples->multi_pdf));
    zhi_pdf_doc_add_attachment (
        doc, zhi_pdf_attachment_new_for_bytes_func (2, "报告", "r.pdf", "application/pdf", "00",
                                                    count_bytes, samples->stamp_pdf, NULL));
    g_assert_false (zhi_pdf_doc_write_to_file (doc, out, progress_cb, &p, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_true (dir_is_empty (work));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  g_object_unref (cancellable);
  g_rmdir (work);
}

typedef struct
{
  GArray *done; /* guint per call */
  guint total;
  guint cancel_at; /* cancel once this many pages are done (0: never) */
  GCancellable *cancellable;
  const char *work;
  guint after_cairo; /* calls made once cairo's file was complete: the qpdf pass's */
} Steps;

/* TRUE when @dir holds a finished PDF (cairo's, written before the qpdf pass starts). */
static gboolean
holds_finished_pdf (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gboolean found = FALSE;

  while (d && (name = g_dir_read_name (d)) != NULL && !found)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_str_has_suffix (name, ".pdf") && g_file_get_contents (path, &contents, &len, NULL)
          && len > 5 && g_str_has_prefix (contents, "%PDF-"))
        found = g_strstr_len (contents + (len > 32 ? len - 32 : 0), len > 32 ? 32 : (gssize)len,
                              "%%EOF")
                != NULL;
    }
  return found;
}

static void
steps_cb (guint done, guint total, gpointer data)
{
  Steps *s = data;

  if (holds_finished_pdf (s->work))
    s->after_cairo++;
  g_array_append_val (s->done, done);
  s->total = total;
  if (s->cancel_at > 0 && done >= s->cancel_at)
    g_cancellable_cancel (s->cancellable);
}

/* The qpdf pass reports a page of progress for each original it copies (the body's pages come
 * first, from cairo's pass; the last page once the file is written) and stops when cancelled
 * between two originals, leaving no file behind. */
static void
test_copy_progress_and_cancel (void)
{
  g_autofree char *work = g_build_filename (tmpdir, "work-3", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "steps.pdf", NULL);
  g_autofree char *ten = g_build_filename (tmpdir, "ten.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
  g_assert_true (zhi_test_pdfs_write_text_pdf (ten, 10, &error));
  g_assert_no_error (error);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr (ZhiPdfDoc) doc = zhi_pdf_doc_new ();
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GArray) done = g_array_new (FALSE, FALSE, sizeof (guint));
      /* one body page, then the ten originals: page 2 to 11 */
      Steps s = { done, 0, pass == 1 ? 5 : 0, cancellable, work, 0 };

      zhi_pdf_doc_set_work_dir (doc, work);
      zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "正文一页。");
      zhi_pdf_doc_add_attachment (doc, attachment (1, ten));
      if (pass == 0)
        {
          g_assert_true (zhi_pdf_doc_write_to_file (doc, out, steps_cb, &s, cancellable, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (zhi_pdf_doc_get_n_pages (doc), ==, 11);
          /* every page once, in order: 1 from cairo's pass, 2 to 10 as the originals are
           * copied, 11 once written */
          g_assert_cmpuint (s.total, ==, 11);
          g_assert_cmpuint (done->len, ==, 11);
          for (guint i = 0; i < done->len; i++)
            g_assert_cmpuint (g_array_index (done, guint, i), ==, i + 1);
          /* pages 2 to 11 were reported by the qpdf pass, cairo's file finished */
          g_assert_cmpuint (s.after_cairo, ==, 10);
          g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
          g_unlink (out);
        }
      else
        {
          g_assert_false (zhi_pdf_doc_write_to_file (doc, out, steps_cb, &s, cancellable, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_clear_error (&error);
          /* stopped at the next original: nothing reported after the fifth page, which the
           * qpdf pass reported (the fourth original copied) */
          g_assert_cmpuint (g_array_index (done, guint, done->len - 1), ==, 5);
          g_assert_cmpuint (s.after_cairo, ==, 4);
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
        }
      /* the evidence's copy and both temporary PDFs are gone */
      g_assert_true (dir_is_empty (work));
    }
  g_unlink (ten);
  g_rmdir (work);
}

/* The process exits right after a render, while its qpdf objects are still being freed in the
 * background (zhi_pdf_assemble_wait): it exits cleanly.  In a fresh process that made and freed
 * no qpdf object before (libqpdf's static objects are made during the render or the freeing). */
static void
test_exit_while_freeing (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("zhi-pdf-exit-XXXXXX", NULL);
      g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
      g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      ZhiPdfDoc *doc = zhi_pdf_doc_new ();
      g_autoptr (GError) error = NULL;

      for (guint i = 0; i < 30; i++)
        {
          char *path = g_strdup_printf ("%s/e%u.pdf", dir, i);

          g_assert_true (zhi_test_pdfs_write_text_pdf (path, 10, &error));
          g_assert_no_error (error);
          zhi_pdf_doc_add_attachment (doc, attachment (i + 1, path));
          g_ptr_array_add (paths, path);
        }
      g_assert_true (zhi_pdf_doc_write_to_file (doc, out, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (zhi_pdf_doc_get_n_pages (doc), ==, 300);
      zhi_pdf_doc_free (doc);
      for (guint i = 0; i < paths->len; i++)
        g_unlink (paths->pdata[i]);
      g_unlink (out);
      g_rmdir (dir);
      /* no zhi_pdf_assemble_wait(): exit() waits */
      exit (0);
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf-originals/exit-while-freeing", test_exit_while_freeing);
  if (g_test_subprocess ())
    return g_test_run ();
  tmpdir = g_dir_make_tmp ("zhi-pdf-originals-XXXXXX", &error);
  g_assert_no_error (error);
  samples = zhi_test_pdfs_generate (tmpdir, &error);
  g_assert_no_error (error);

  g_test_add_func ("/pdf-originals/a3-landscape-keeps-its-size", test_a3_landscape_keeps_its_size);
  g_test_add_func ("/pdf-originals/rotated-page-reads-upright", test_rotated_page_reads_upright);
  g_test_add_func ("/pdf-originals/web-link-kept", test_web_link_kept);
  g_test_add_func ("/pdf-originals/internal-links-kept", test_internal_links_kept);
  g_test_add_func ("/pdf-originals/evidence-outline-nested", test_evidence_outline_nested);
  g_test_add_func ("/pdf-originals/stamp-annotation-still-drawn",
                   test_stamp_annotation_still_drawn);
  g_test_add_func ("/pdf-originals/jpeg-and-ccitt-keep-their-bytes",
                   test_images_keep_their_encoding);
  g_test_add_func ("/pdf-originals/text-stamps-outline-links-check",
                   test_text_stamps_outline_links);
  g_test_add_func ("/pdf-originals/owner-restricted-embedded", test_restricted_embedded);
  g_test_add_func ("/pdf-originals/read-once-temp-files-removed", test_read_once_and_temp_files);
  g_test_add_func ("/pdf-originals/copy-progress-and-cancel", test_copy_progress_and_cancel);
  status = g_test_run ();

  g_clear_object (&built.pdf);
  g_clear_pointer (&built.raw, g_bytes_unref);
  g_clear_pointer (&built.doc, zhi_pdf_doc_free);
  if (g_getenv ("ZHI_KEEP_TEST_OUTPUT") == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);

      if (system (cmd) != 0)
        g_printerr ("could not remove %s\n", tmpdir);
    }
  else
    g_printerr ("output kept in %s\n", tmpdir);
  g_free (built.path);
  g_free (built.work);
  zhi_test_pdfs_free (samples);
  g_free (tmpdir);
  return status;
}
