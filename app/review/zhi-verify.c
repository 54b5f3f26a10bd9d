/* zhi-verify.c — a dossier against the data it carries */
#include "config.h"

#include "zhi-verify.h"

#include "zhi-dossier-data.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

static void
finding_free (ZhiVerifyFinding *f)
{
  g_free (f->message);
  g_free (f);
}

void
zhi_verify_result_free (ZhiVerifyResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_free (result->reason);
  g_free (result->fingerprint);
  g_clear_pointer (&result->findings, g_ptr_array_unref);
  g_clear_pointer (&result->data, json_object_unref);
  g_free (result);
}

const char *
zhi_verify_status_to_string (ZhiVerifyStatus status)
{
  switch (status)
    {
      case ZHI_VERIFY_INTACT:
        return "intact";
      case ZHI_VERIFY_CHANGED:
        return "changed";
      case ZHI_VERIFY_NOT_A_DOSSIER:
      default:
        return "not-a-dossier";
    }
}

const char *
zhi_verify_page_change_to_string (ZhiVerifyPageChange change)
{
  switch (change)
    {
      case ZHI_VERIFY_PAGE_REMOVED:
        return "removed";
      case ZHI_VERIFY_PAGE_MOVED:
        return "moved";
      case ZHI_VERIFY_PAGE_DRAWN_OVER:
        return "drawn-over";
      case ZHI_VERIFY_PAGE_FOREIGN:
      default:
        return "foreign";
    }
}

static void
add_finding (ZhiVerifyResult *r, ZhiVerifyPageChange change, int page, int original, char *message)
{
  ZhiVerifyFinding *f = g_new0 (ZhiVerifyFinding, 1);

  f->change = change;
  f->page = page;
  f->original = original;
  f->message = message;
  g_ptr_array_add (r->findings, f);
}

static int
finding_compare (gconstpointer a, gconstpointer b)
{
  const ZhiVerifyFinding *fa = *(ZhiVerifyFinding *const *)a;
  const ZhiVerifyFinding *fb = *(ZhiVerifyFinding *const *)b;
  int pa = fa->page ? fa->page : fa->original;
  int pb = fb->page ? fb->page : fb->original;

  return pa - pb;
}

/* Whether page @index (0-based) of the PDF at @path carries @fingerprint in its text. */
static gboolean
page_has_fingerprint (PopplerDocument *pdf, int index, const char *fingerprint)
{
  PopplerPage *page;
  g_autofree char *text = NULL;

  if (pdf == NULL || fingerprint == NULL || fingerprint[0] == '\0')
    return FALSE;
  page = poppler_document_get_page (pdf, index);
  if (page == NULL)
    return FALSE;
  text = poppler_page_get_text (page);
  g_object_unref (page);
  return text != NULL && strstr (text, fingerprint) != NULL;
}

static void
compare_pages (ZhiVerifyResult *r, qpdf_data q, JsonArray *expected)
{
  guint m = json_array_get_length (expected);
  int n = qpdf_get_num_pages (q);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *matched = g_new0 (int, n); /* actual page → expected index + 1, 0 none */
  g_autofree gboolean *used = g_new0 (gboolean, m);
  g_autofree char *uri = NULL;
  PopplerDocument *pdf = NULL;

  /* expected hash → its first index + 1 (identical pages take the next unused one) */
  for (guint j = m; j-- > 0;)
    g_hash_table_insert (index, (gpointer)json_array_get_string_element (expected, j),
                         GUINT_TO_POINTER (j + 1));
  for (int i = 0; i < n; i++)
    {
      g_autofree char *hash = zhi_dossier_data_page_hash (q, i);
      guint j = GPOINTER_TO_UINT (g_hash_table_lookup (index, hash));

      while (j > 0 && j <= m && used[j - 1]
             && g_strcmp0 (json_array_get_string_element (expected, j - 1), hash) == 0)
        j++;
      if (j > 0 && j <= m && !used[j - 1]
          && g_strcmp0 (json_array_get_string_element (expected, j - 1), hash) == 0)
        {
          used[j - 1] = TRUE;
          matched[i] = j;
        }
    }

  /* poppler reads the file only when some page needs its text looked at */
  for (int i = 0; i < n && uri == NULL; i++)
    if (matched[i] == 0)
      {
        g_autofree char *absolute = g_canonicalize_filename (r->path, NULL);

        uri = g_filename_to_uri (absolute, NULL, NULL);
      }
  if (uri)
    pdf = poppler_document_new_from_file (uri, NULL, NULL);
  {
    /* an unknown page where an original page is missing took its place: one finding, and the
     * pages around it keep their alignment */
    g_autofree int *paired = g_new0 (int, n);
    g_autofree int *removed_before = g_new0 (int, m + 1);
    int inserted = 0;

    for (int i = 0; i < n; i++)
      if (matched[i] == 0 && (guint)i < m && !used[i])
        {
          used[i] = TRUE;
          paired[i] = i + 1;
        }
    for (guint j = 0; j < m; j++)
      removed_before[j + 1] = removed_before[j] + (used[j] ? 0 : 1);

    for (int i = 0; i < n; i++)
      {
        if (matched[i] == 0)
          {
            if (page_has_fingerprint (pdf, i, r->fingerprint))
              add_finding (r, ZHI_VERIFY_PAGE_DRAWN_OVER, i + 1, paired[i],
                           g_strdup_printf (_ ("Page %d has been changed: it carries this "
                                               "dossier's fingerprint, but what it shows is not "
                                               "what was written (drawn over or edited)."),
                                            i + 1));
            else
              add_finding (r, ZHI_VERIFY_PAGE_FOREIGN, i + 1, paired[i],
                           g_strdup_printf (_ ("Page %d is not a page of this dossier (replaced "
                                               "or inserted)."),
                                            i + 1));
            if (paired[i] == 0)
              inserted++;
            continue;
          }
        /* where page matched[i] would stand, given the pages removed before it and the pages
         * inserted before this one */
        if (matched[i] - removed_before[matched[i] - 1] + inserted != i + 1)
          add_finding (r, ZHI_VERIFY_PAGE_MOVED, i + 1, matched[i],
                       g_strdup_printf (_ ("Page %d was page %d of the dossier as written."), i + 1,
                                        matched[i]));
      }
  }
  for (guint j = 0; j < m; j++)
    if (!used[j])
      add_finding (r, ZHI_VERIFY_PAGE_REMOVED, 0, j + 1,
                   g_strdup_printf (_ ("Page %u of the dossier as written is missing."), j + 1));
  g_ptr_array_sort (r->findings, finding_compare);
  g_clear_object (&pdf);
}

/* "%PDF-" within the first kilobyte, as readers accept it */
static gboolean
starts_like_pdf (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, NULL);
  char head[1024];
  gsize n = 0;

  if (in == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, NULL))
    return FALSE;
  for (gsize i = 0; i + 5 <= n; i++)
    if (memcmp (head + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

ZhiVerifyResult *
zhi_verify_file (const char *path)
{
  ZhiVerifyResult *r = g_new0 (ZhiVerifyResult, 1);
  qpdf_data q = qpdf_init ();
  g_autoptr (GError) error = NULL;
  JsonArray *pages;

  r->path = g_strdup (path);
  r->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)finding_free);
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  if (!starts_like_pdf (path))
    {
      r->status = ZHI_VERIFY_NOT_A_DOSSIER;
      r->reason = g_strdup (_ ("The file is not a PDF."));
      qpdf_cleanup (&q);
      return r;
    }
  if (qpdf_read (q, path, NULL) & QPDF_ERRORS)
    {
      r->status = ZHI_VERIFY_NOT_A_DOSSIER;
      r->reason = g_strdup (_ ("The file cannot be read as a PDF (damaged, encrypted or not a "
                               "PDF at all)."));
      /* taken, so that qpdf does not report it as unhandled */
      while (qpdf_has_error (q))
        qpdf_get_error (q);
      qpdf_cleanup (&q);
      return r;
    }
  r->n_pages = qpdf_get_num_pages (q);
  r->data = zhi_dossier_data_read (q, &error);
  if (r->data == NULL)
    {
      r->status = ZHI_VERIFY_NOT_A_DOSSIER;
      r->reason = g_strdup (
          g_error_matches (error, ZHI_DOSSIER_DATA_ERROR, ZHI_DOSSIER_DATA_ERROR_MISSING)
              ? _ ("The PDF carries no Zhizao application data: it is not a dossier written by "
                   "Zhizao, or the data was removed.")
              : _ ("The PDF's Zhizao application data is damaged or in a format this version "
                   "does not read."));
      qpdf_cleanup (&q);
      return r;
    }
  r->fingerprint
      = g_strdup (json_object_get_string_member_with_default (r->data, "fingerprint", ""));
  pages = json_object_get_array_member (r->data, "pages");
  r->n_pages_written = json_array_get_length (pages);
  compare_pages (r, q, pages);
  r->status = r->findings->len == 0 ? ZHI_VERIFY_INTACT : ZHI_VERIFY_CHANGED;
  qpdf_cleanup (&q);
  return r;
}

/* "3", "3、5", "3–7、9": page numbers with runs joined */
static void
append_pages (GString *s, GArray *pages)
{
  for (guint i = 0; i < pages->len;)
    {
      int first = g_array_index (pages, int, i), last = first;
      guint j = i + 1;

      while (j < pages->len && g_array_index (pages, int, j) == last + 1)
        last = g_array_index (pages, int, j++);
      if (i > 0)
        g_string_append (s, "、");
      if (last > first)
        g_string_append_printf (s, "%d–%d", first, last);
      else
        g_string_append_printf (s, "%d", first);
      i = j;
    }
}

char *
zhi_verify_result_summary_zh (const ZhiVerifyResult *r)
{
  static const struct
  {
    ZhiVerifyPageChange change;
    const char *before, *after;
  } kinds[] = {
    { ZHI_VERIFY_PAGE_REMOVED, "原第", "页缺失" },
    { ZHI_VERIFY_PAGE_MOVED, "第", "页位置被调换" },
    { ZHI_VERIFY_PAGE_DRAWN_OVER, "第", "页内容被改动" },
    { ZHI_VERIFY_PAGE_FOREIGN, "第", "页不属于本申报书" },
  };
  GString *s;

  switch (r->status)
    {
      case ZHI_VERIFY_INTACT:
        return g_strdup ("完整");
      case ZHI_VERIFY_NOT_A_DOSSIER:
        return g_strdup ("不是智造申报书，无法核验");
      case ZHI_VERIFY_CHANGED:
      default:
        break;
    }
  /* one short clause per kind of change, pages in runs: it goes in a table cell */
  s = g_string_new ("已改动：");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));

      for (guint i = 0; i < r->findings->len; i++)
        {
          const ZhiVerifyFinding *f = r->findings->pdata[i];

          if (f->change == kinds[k].change)
            {
              int page = f->change == ZHI_VERIFY_PAGE_REMOVED ? f->original : f->page;

              g_array_append_val (pages, page);
            }
        }
      if (pages->len == 0)
        continue;
      if (!g_str_has_suffix (s->str, "："))
        g_string_append (s, "；");
      g_string_append (s, kinds[k].before);
      append_pages (s, pages);
      g_string_append (s, kinds[k].after);
    }
  return g_string_free (s, FALSE);
}
