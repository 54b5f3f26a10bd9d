/* zhi-dossier.c — the 申报书: a project rendered to PDF (see zhi-dossier.h for the threads) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "zhi-dossier-version.h"
#include "zhi-context.h"
#include "zhi-sha256.h"
#include "zhi-dossier.h"
#include "zhi-dossier-private.h"
#include "zhi-counting-stream.h"
#include "zhi-dossier-data.h"
#include "zhi-evidence-inspect.h"
#include "zhi-kpi.h"
#include "zhi-industry.h"
#include "zhi-pdf-compact.h"
#include "zhi-pdf-doc.h"
#include "zhi-store.h"

GQuark
zhi_dossier_error_quark (void)
{
  return g_quark_from_static_string ("zhi-dossier-error-quark");
}

#define FINGERPRINT_FORMAT "zhizao-dossier/1"

/* ---- evidence ---------------------------------------------------------------------------- */

static void
entry_free (Entry *e)
{
  g_free (e->id);
  g_free (e->title);
  g_free (e->file_name);
  g_free (e->media_type);
  g_free (e->sha256);
  g_free (e->pdf_sha256);
  g_free (e->problem);
  g_strfreev (e->supports);
  g_free (e->supports_text);
  g_free (e);
}

/* Runs @func on the thread owning @context: at once when that is this thread. */
static void
run_on_owner (GThread *owner, GMainContext *context, GSourceFunc func, gpointer data)
{
  if (g_thread_self () == owner)
    func (data);
  else
    zhi_context_queue (context, func, data, NULL, "[zhizao] dossier render");
}

static gboolean
unref_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* The evidence's bytes (a converted office document's PDF), read out of the project file in
 * one read of the blob when its size is known: a splice into a growing memory stream read it
 * 8 KB at a time and copied it again at every doubling (0.1 s for 112 MB). */
static GBytes *
read_evidence (ZhiProject *project, const char *id, GError **error)
{
  g_autofree char *pdf = zhi_project_get_evidence_pdf_sha256 (project, id);
  ZhiEvidence *ev = zhi_project_lookup_evidence (project, id);
  /* an office document is in the dossier as the PDF made of it */
  g_autoptr (GInputStream) in = pdf ? zhi_project_open_evidence_pdf_stream (project, id, error)
                                    : zhi_project_open_evidence_stream (project, id, error);
  gsize size = 0, allocated = ev && !pdf ? (gsize)zhi_evidence_get_size (ev) : 0;
  guint8 *data;

  if (in == NULL)
    return NULL;
  /* one byte more than expected: a read that fills it has met the end */
  allocated = MAX (allocated + 1, 64 * 1024);
  data = g_malloc (allocated);
  for (;;)
    {
      gssize n;

      if (size == allocated)
        {
          allocated *= 2;
          data = g_realloc (data, allocated);
        }
      n = g_input_stream_read (in, data + size, allocated - size, NULL, error);
      if (n < 0)
        {
          g_free (data);
          return NULL;
        }
      if (n == 0)
        break;
      size += (gsize)n;
    }
  if (!g_input_stream_close (in, NULL, error))
    {
      g_free (data);
      return NULL;
    }
  /* the blob's pages are read once: not kept in SQLite's cache */
  zhi_project_release_memory (project);
  return g_bytes_new_take (data, size);
}

/* A blob read asked of the owner thread by the worker. */
typedef struct
{
  gatomicrefcount ref;
  GMutex mutex;
  GCond cond;
  gboolean done;
  ZhiProject *project; /* released on the owner thread */
  char *id;
  GBytes *bytes;
  GError *error;
} BlobRequest;

static void
blob_request_unref (BlobRequest *req)
{
  if (!g_atomic_ref_count_dec (&req->ref))
    return;
  g_warn_if_fail (req->project == NULL);
  g_mutex_clear (&req->mutex);
  g_cond_clear (&req->cond);
  g_free (req->id);
  g_clear_pointer (&req->bytes, g_bytes_unref);
  g_clear_error (&req->error);
  g_free (req);
}

static gboolean
blob_request_run (gpointer data)
{
  BlobRequest *req = data;
  GError *error = NULL;
  GBytes *bytes = read_evidence (req->project, req->id, &error);

  g_clear_object (&req->project);
  g_mutex_lock (&req->mutex);
  req->bytes = bytes;
  req->error = error;
  req->done = TRUE;
  g_cond_signal (&req->cond);
  g_mutex_unlock (&req->mutex);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  ZhiProject *project; /* a reference, dropped on the owner thread */
  GThread *owner;
  GMainContext *context;
  char *id;
  char *sha256;
} Source;

static void
source_free (gpointer data)
{
  Source *s = data;

  run_on_owner (s->owner, s->context, unref_cb, s->project);
  g_main_context_unref (s->context);
  g_free (s->id);
  g_free (s->sha256);
  g_free (s);
}

static GBytes *
source_get_bytes (gpointer data, GCancellable *cancellable, GError **error)
{
  Source *s = data;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sha = NULL;

  if (g_thread_self () == s->owner)
    bytes = read_evidence (s->project, s->id, error);
  else
    {
      BlobRequest *req = g_new0 (BlobRequest, 1);
      gboolean cancelled = FALSE, done;

      g_atomic_ref_count_init (&req->ref);
      g_atomic_ref_count_inc (&req->ref); /* one for the owner's side */
      g_mutex_init (&req->mutex);
      g_cond_init (&req->cond);
      req->project = g_object_ref (s->project);
      req->id = g_strdup (s->id);
      zhi_context_queue (s->context, blob_request_run, req, (GDestroyNotify)blob_request_unref,
                         "[zhizao] dossier evidence");
      g_mutex_lock (&req->mutex);
      while (!req->done && !cancelled)
        {
          g_cond_wait_until (&req->cond, &req->mutex, g_get_monotonic_time () + 50 * 1000);
          cancelled = g_cancellable_is_cancelled (cancellable);
        }
      done = req->done;
      if (done)
        {
          bytes = g_steal_pointer (&req->bytes);
          if (bytes == NULL)
            g_propagate_error (error, g_steal_pointer (&req->error));
        }
      g_mutex_unlock (&req->mutex);
      blob_request_unref (req);
      /* the read's own error when it finished, even if cancelled meanwhile */
      if (!done)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _ ("Rendering was cancelled"));
          return NULL;
        }
    }
  if (bytes == NULL)
    return NULL;
  sha = zhi_sha256_for_bytes (bytes);
  if (g_strcmp0 (sha, s->sha256) != 0)
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_EVIDENCE,
                   "内容与登记的 SHA-256 不一致（读得 %s）", sha);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/* ---- the fingerprint --------------------------------------------------------------------- */

char *
zhi_dossier_compute_fingerprint (ZhiProject *project, ZhiStandard *standard, gboolean draft)
{
  g_autoptr (JsonNode) node = zhi_project_to_json (project);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GString) canon = g_string_new (FINGERPRINT_FORMAT "\n");
  g_autofree char *json = NULL;
  g_autofree char *sha = NULL;
  GListModel *list = zhi_project_get_evidence_list (project);
  guint n = g_list_model_get_n_items (list);

  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, node);
  json = json_generator_to_data (generator, NULL);
  g_string_append_printf (canon, "standard=%s@%s\n", standard ? zhi_standard_get_id (standard) : "",
                          standard ? zhi_standard_get_edition (standard) : "");
  g_string_append_printf (canon, "draft=%d\n", draft ? 1 : 0);
  g_string_append_printf (canon, "project=%s\n", json);
  g_string_append (canon, "evidence=");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);

      g_string_append_printf (canon, "%s%s", i > 0 ? "," : "", zhi_evidence_get_sha256 (ev));
    }
  g_string_append_c (canon, '\n');
  sha = zhi_sha256_for_data (canon->str, canon->len);
  return g_strdup_printf ("%.4s-%.4s-%.4s", sha, sha + 4, sha + 8);
}

/* ---- the document, phase 2: the list, the attachments, the last page -------------------- */

typedef struct
{
  gatomicrefcount ref;
  GThread *owner;
  GMainContext *context;
  ZhiPdfDoc *doc;
  GPtrArray *entries;     /* Entry * */
  GPtrArray *attachments; /* ZhiPdfAttachment *, moved into doc in phase 2 */
  gboolean with_attachments;
  gboolean draft;
  char *fingerprint;
  char *city;
  char *name;
  char *track;
  /* progress */
  ZhiDossierProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_destroy;
  guint done;
  guint total;
  gboolean progress_pending;
  GMutex progress_mutex;
  GCond *relay;      /* set while the owner renders with a second thread: signalled on progress */
  gboolean finished; /* that thread is done (under progress_mutex) */
  guint shown;       /* the pages done last reported, on the owner thread */
  /* output */
  GFile *file;
  guint64 size;
  char *compact_warning;
  JsonObject *data; /* what the dossier carries (zhi-dossier-data.h); evidence pages filled at
                     * the end */
} Job;

static gboolean
job_free_on_owner (gpointer data)
{
  Job *job = data;

  zhi_pdf_doc_free (job->doc);
  g_ptr_array_unref (job->entries);
  g_ptr_array_unref (job->attachments);
  g_free (job->fingerprint);
  g_free (job->city);
  g_free (job->name);
  g_free (job->track);
  if (job->progress_destroy)
    job->progress_destroy (job->progress_data);
  g_clear_object (&job->file);
  g_free (job->compact_warning);
  g_clear_pointer (&job->data, json_object_unref);
  g_mutex_clear (&job->progress_mutex);
  g_main_context_unref (job->context);
  g_free (job);
  return G_SOURCE_REMOVE;
}

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (Job *job)
{
  if (g_atomic_ref_count_dec (&job->ref))
    run_on_owner (job->owner, job->context, job_free_on_owner, job);
}

static void
opinion_draw (cairo_t *cr, double width, double height, gpointer data)
{
  (void)data;
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
  zhi_dossier_chart_text (cr, 12, 22, 16, "推荐意见：", FALSE);
  /* who handled it and how to reach them, left; who signs and seals, right */
  zhi_dossier_chart_text (cr, 12, height - 186, 16, "经办人（签字）：＿＿＿＿＿＿", FALSE);
  zhi_dossier_chart_text (cr, 12, height - 148, 16, "联系电话：＿＿＿＿＿＿＿＿", FALSE);
  zhi_dossier_chart_text (cr, width - 40, height - 110, 16, "负责人（签字）：＿＿＿＿＿＿", TRUE);
  zhi_dossier_chart_text (cr, width - 40, height - 72, 16, "市工业和信息化局（盖章）", TRUE);
  zhi_dossier_chart_text (cr, width - 40, height - 34, 16, "年　　月　　日", TRUE);
}

static void
add_list (Job *job)
{
  ZhiPdfDoc *doc = job->doc;
  const double widths[] = { 0.1, 0.27, 0.22, 0.08, 0.33 };
  const char *header[] = { "编号", "名称", "支撑的内容", "页数", "SHA-256" };
  g_autofree char *fp = NULL;
  ZhiPdfTable *t;

  zhi_pdf_doc_add_heading (doc, 1, "六、证明材料清单", TRUE);
  if (job->entries->len == 0)
    zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, "（尚未添加证明材料。）");
  else
    {
      t = zhi_pdf_doc_add_table (doc, G_N_ELEMENTS (widths), widths, header);
      zhi_pdf_table_set_numeric_column (t, 3);
      zhi_pdf_table_set_font_size (t, 9);
      for (guint i = 0; i < job->entries->len; i++)
        {
          Entry *e = job->entries->pdata[i];
          g_autofree char *n = g_strdup_printf ("附件%u", e->number);
          g_autofree char *name = g_strdup_printf (
              "%s" ZHI_PDF_SMALL_MARK "原文件：%s%s", e->title, e->file_name,
              e->no_printing ? "\n原文件的权限设置禁止打印，本申报书按原页面收录" : "");
          g_autofree char *pages = NULL;
          Entry *first = NULL;

          /* the same bytes as an earlier attachment: one document, said so */
          for (guint k = 0; k < i && first == NULL; k++)
            if (g_str_equal (((Entry *)job->entries->pdata[k])->sha256, e->sha256))
              first = job->entries->pdata[k];
          /* a document that does not open has no pages to count: its reason instead */
          if (e->problem[0])
            pages = g_strdup (zhi_evidence_problem_zh (e->problem));
          else if (first != NULL)
            pages = g_strdup_printf ("同附件%u", first->number);
          else if (e->n_pages > 0)
            pages = g_strdup_printf ("%u", e->n_pages);
          else
            pages = g_strdup ("—");
          /* a converted office document: both hashes, the original's first */
          g_autofree char *hashes
              = e->pdf_sha256 ? g_strdup_printf ("%s\n转换所得 PDF：%s", e->sha256, e->pdf_sha256)
                              : g_strdup (e->sha256);
          const char *row[] = { n, name, e->supports_text, pages, hashes };

          zhi_pdf_table_add_row (t, row);
          if (job->with_attachments)
            zhi_pdf_table_link_text (t, 0, n, e->dest);
        }
    }
  /* one plain sentence for the reviewer; how it is computed is in docs/dossier-fingerprint.md */
  fp = g_strdup_printf (
      "本申报书指纹为 %s，印在每页页脚；各页页脚指纹一致，说明各页出自同一份申报书。"
      "上表所列 SHA-256 值可与企业提供的原始文件逐一核对。",
      job->fingerprint);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, fp);
}

static void
add_attachments (Job *job)
{
  ZhiPdfDoc *doc = job->doc;
  g_autofree char *intro = g_strdup_printf (
      "以下为证明材料，共 %u 件，按证明材料清单顺序编号。PDF 文件按原页面收录，保持原尺寸"
      "和方向；每页上边缘的标签注明附件编号、页码（附件N 第k页/共n页）和申报书指纹；"
      "无法嵌入的文件以说明页代替，注明文件名、SHA-256 和原因。",
      job->entries->len);

  zhi_pdf_doc_add_page_break (doc);
  zhi_pdf_doc_add_heading (doc, 1, "七、附件", TRUE);
  zhi_pdf_doc_add_paragraph (doc, ZHI_PDF_STYLE_BODY, intro);
  for (guint i = 0; i < job->attachments->len; i++)
    zhi_pdf_doc_add_attachment (doc, g_steal_pointer (&job->attachments->pdata[i]));
}

static void
add_opinion (Job *job)
{
  ZhiPdfDoc *doc = job->doc;
  g_autofree char *title
      = g_strdup_printf ("%s工业和信息化局推荐意见", job->city[0] ? job->city : "　　市");
  ZhiPdfTable *t;

  zhi_pdf_doc_add_page_break (doc);
  zhi_pdf_doc_add_title (doc, title, TRUE);
  t = zhi_pdf_doc_add_key_value_table (doc, KEY_FRACTION);
  zhi_pdf_table_add_pair (t, "申报单位", job->name);
  zhi_pdf_table_add_pair (t, "申报类型", job->track);
  zhi_pdf_doc_add_drawing (doc, 470, opinion_draw, NULL, NULL);
  zhi_pdf_doc_set_drawing_alt (doc, "市工业和信息化局推荐意见填写栏：推荐意见、经办人、联系电话、日"
                                    "期和盖章处，由市工业和信息化局填写。");
}

static void
progress_emit (Job *job)
{
  guint done, total;

  g_mutex_lock (&job->progress_mutex);
  done = job->done;
  total = job->total;
  job->progress_pending = FALSE;
  g_mutex_unlock (&job->progress_mutex);
  /* a document laid out again (job_write_parallel()) counts its pages from the start: the user
   * sees no step back */
  done = MIN (MAX (done, job->shown), total);
  job->shown = done;
  if (job->progress)
    job->progress (done, total, job->progress_data);
}

static gboolean
progress_idle (gpointer data)
{
  progress_emit (data);
  return G_SOURCE_REMOVE;
}

static void
progress_cb (guint done, guint total, gpointer data)
{
  Job *job = data;
  gboolean schedule;

  if (job->progress == NULL)
    return;
  g_mutex_lock (&job->progress_mutex);
  job->done = done;
  job->total = total;
  schedule = !job->progress_pending;
  job->progress_pending = TRUE;
  /* the owner is rendering on its own thread, and passes it on (job_write_parallel()) */
  if (job->relay != NULL)
    g_cond_signal (job->relay);
  g_mutex_unlock (&job->progress_mutex);
  if (g_thread_self () == job->owner)
    progress_emit (job);
  else if (schedule && job->relay == NULL)
    zhi_context_queue (job->context, progress_idle, job_ref (job), (GDestroyNotify)job_unref,
                       "[zhizao] dossier progress");
}

/* The pages the list gives an entry once its evidence is read: none for a file that did not
 * open (a placeholder page stands for it). */
static void
entry_set_inspected (Entry *e, ZhiPdfAttachment *att, const ZhiPdfAttachWarning *warning)
{
  e->n_pages = warning == NULL ? zhi_pdf_attachment_get_n_pages (att) : 0;
  e->no_printing = zhi_pdf_attachment_get_no_printing (att);
}

/* The list, the attachments and the last page, after the body's blocks. */
static void
add_rest (Job *job)
{
  add_list (job);
  if (job->with_attachments)
    add_attachments (job);
  add_opinion (job);
}

/* Reads every attachment's evidence, then lays the document out and writes it.  Any thread. */
static gboolean
job_write_serial (Job *job, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  zhi_pdf_phase (NULL);
  if (job->with_attachments)
    {
      for (guint i = 0; i < job->attachments->len; i++)
        {
          ZhiPdfAttachment *att = job->attachments->pdata[i];
          g_autoptr (ZhiPdfAttachWarning) warning = NULL;

          /* the one read of the evidence in this render: kept in the work directory */
          if (!zhi_pdf_attachment_inspect (att, cancellable, &warning, error))
            return FALSE;
          entry_set_inspected (job->entries->pdata[i], att, warning);
        }
      zhi_pdf_phase ("evidence: copied, checked, read");
    }
  add_rest (job);
  return zhi_pdf_doc_write (job->doc, out, progress_cb, job, cancellable, error);
}

/* ---- the body drawn while the evidence is read -------------------------------------------- */

/* What the two threads of a render share: the evidence read so far, and whether the document
 * laid out before it was read still holds. */
typedef struct
{
  Job *job;
  GOutputStream *out;
  GCancellable *cancellable;
  GMutex mutex;
  GCond cond;
  guint n_read;             /* attachments 1 … n_read are read */
  gboolean stop;            /* reading failed or was cancelled */
  gboolean mispredicted;    /* an entry's pages or note differ from what the list says */
  ZhiPdfPrefetch *prefetch; /* the originals' documents, parsed ahead of the assembly */
  GError *error;            /* the writing thread's */
} Parallel;

/* Each entry's pages as the project recorded them when the evidence was attached, or FALSE
 * when one of them is not known (an evidence file never inspected). */
static gboolean
job_predict (Job *job)
{
  for (guint i = 0; i < job->entries->len; i++)
    {
      Entry *e = job->entries->pdata[i];

      if (!e->problem[0] && e->n_pages == 0)
        return FALSE;
    }
  for (guint i = 0; i < job->entries->len; i++)
    {
      Entry *e = job->entries->pdata[i];

      if (e->problem[0])
        e->n_pages = 0;
      e->no_printing = FALSE;
      /* a file that does not open takes its placeholder page */
      zhi_pdf_attachment_set_expected_pages (job->attachments->pdata[i],
                                             e->problem[0] ? 1 : e->n_pages);
    }
  return TRUE;
}

/* The writing thread, before it places an attachment: waits until the reading thread is done
 * with it. */
static gboolean
parallel_gate (ZhiPdfAttachment *att, gpointer data)
{
  Parallel *p = data;
  guint number = zhi_pdf_attachment_get_number (att);
  gboolean go;

  g_mutex_lock (&p->mutex);
  while (p->n_read < number && !p->stop && !p->mispredicted)
    {
      g_cond_wait_until (&p->cond, &p->mutex, g_get_monotonic_time () + 50 * 1000);
      if (g_cancellable_is_cancelled (p->cancellable))
        break;
    }
  go = p->n_read >= number && !p->stop && !p->mispredicted;
  g_mutex_unlock (&p->mutex);
  return go;
}

static gpointer
parallel_write (gpointer data)
{
  Parallel *p = data;
  Job *job = p->job;
  gboolean ok = zhi_pdf_doc_write (job->doc, p->out, progress_cb, job, p->cancellable, &p->error);

  /* also when the write stopped before the assembly */
  zhi_pdf_prefetch_close (p->prefetch);

  g_mutex_lock (&job->progress_mutex);
  job->finished = TRUE;
  if (job->relay != NULL)
    g_cond_signal (job->relay);
  g_mutex_unlock (&job->progress_mutex);
  return GINT_TO_POINTER (ok);
}

/* The owner's thread, rendering itself: passes on the other thread's progress (until it is
 * done, with @until_finished). */
static void
relay_progress (Job *job, gboolean until_finished)
{
  gboolean pending, finished;

  g_mutex_lock (&job->progress_mutex);
  for (;;)
    {
      pending = job->progress_pending;
      finished = job->finished;
      if (pending || finished || !until_finished)
        {
          g_mutex_unlock (&job->progress_mutex);
          if (pending)
            progress_emit (job);
          if (finished || !until_finished)
            return;
          g_mutex_lock (&job->progress_mutex);
          continue;
        }
      g_cond_wait (job->relay, &job->progress_mutex);
    }
}

/* As job_write_serial(), on two threads: this one reads the evidence (the project's blobs are
 * read on the thread that owns it) while another lays out and draws the body, with each
 * attachment's pages as the project recorded them; it waits for an attachment's evidence
 * before placing it, then copies the original pages.  When the evidence read tells otherwise
 * than the project (a file that no longer opens, a PDF that forbids printing, which the list
 * notes), the body is laid out again once the evidence is read. */
static gboolean
job_write_parallel (Job *job, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  Parallel p = { 0 };
  guint n_body = zhi_pdf_doc_get_n_blocks (job->doc);
  g_autoptr (GPtrArray) attachments = g_ptr_array_new ();
  GError *read_error = NULL;
  GThread *thread;
  GCond relay;
  gboolean ok;

  for (guint i = 0; i < job->attachments->len; i++)
    g_ptr_array_add (attachments, job->attachments->pdata[i]);
  p.job = job;
  p.out = out;
  p.cancellable = cancellable;
  g_mutex_init (&p.mutex);
  g_cond_init (&p.cond);
  add_rest (job);
  p.prefetch = zhi_pdf_prefetch_new ();
  zhi_pdf_doc_set_attachment_gate (job->doc, parallel_gate, &p);
  zhi_pdf_doc_set_prefetch (job->doc, p.prefetch);
  /* the fonts this thread has loaded: the other uses them while this one reads evidence */
  zhi_pdf_doc_set_font_map (job->doc, pango_cairo_font_map_get_default ());
  job->finished = FALSE;
  if (g_thread_self () == job->owner && job->progress != NULL)
    {
      g_cond_init (&relay);
      job->relay = &relay;
    }
  thread = g_thread_new ("zhizao-dossier", parallel_write, &p);

  zhi_pdf_phase (NULL);
  for (guint i = 0; i < attachments->len; i++)
    {
      ZhiPdfAttachment *att = attachments->pdata[i];
      Entry *e = job->entries->pdata[i];
      g_autoptr (ZhiPdfAttachWarning) warning = NULL;
      guint n_pages = e->n_pages;
      gboolean no_printing = e->no_printing, read;

      read = zhi_pdf_attachment_inspect (att, cancellable, &warning, &read_error);
      if (read)
        {
          entry_set_inspected (e, att, warning);
          /* before the other thread may take it */
          if (zhi_pdf_attachment_get_source (att) != NULL)
            zhi_pdf_prefetch_add (p.prefetch, zhi_pdf_attachment_get_source (att));
        }
      g_mutex_lock (&p.mutex);
      if (!read)
        p.stop = TRUE;
      else
        {
          if (e->n_pages != n_pages || e->no_printing != no_printing)
            p.mispredicted = TRUE;
          p.n_read = i + 1;
        }
      g_cond_broadcast (&p.cond);
      g_mutex_unlock (&p.mutex);
      if (!read)
        break;
      if (job->relay != NULL)
        relay_progress (job, FALSE);
    }
  zhi_pdf_phase ("evidence: copied, checked, read (beside the body)");
  /* then the originals' objects, parsed ahead of the copying */
  if (read_error == NULL)
    zhi_pdf_prefetch_run (p.prefetch);
  zhi_pdf_phase ("evidence: parsed ahead of the copying");
  if (job->relay != NULL)
    relay_progress (job, TRUE);
  ok = GPOINTER_TO_INT (g_thread_join (thread));
  if (job->relay != NULL)
    {
      job->relay = NULL;
      g_cond_clear (&relay);
    }
  zhi_pdf_doc_set_attachment_gate (job->doc, NULL, NULL);
  zhi_pdf_doc_set_font_map (job->doc, NULL);
  g_mutex_clear (&p.mutex);
  g_cond_clear (&p.cond);
  if (read_error != NULL)
    {
      g_clear_error (&p.error);
      zhi_pdf_doc_discard_attachments (job->doc);
      g_propagate_error (error, read_error);
      ok = FALSE;
    }
  else if (p.mispredicted
           || g_error_matches (p.error, ZHI_PDF_DOC_ERROR, ZHI_PDF_DOC_ERROR_PAGES_CHANGED))
    {
      g_autoptr (GPtrArray) back = zhi_pdf_doc_take_blocks_from (job->doc, n_body);

      g_clear_error (&p.error);
      /* the attachments go back where add_attachments() took them from, read (and their
       * documents parsed: the prefetch still says which did not read) */
      for (guint i = 0; i < back->len && i < job->attachments->len; i++)
        job->attachments->pdata[i] = g_steal_pointer (&back->pdata[i]);
      add_rest (job);
      ok = zhi_pdf_doc_write (job->doc, out, progress_cb, job, cancellable, error);
    }
  else if (!ok)
    {
      zhi_pdf_doc_discard_attachments (job->doc);
      g_propagate_error (error, p.error);
    }
  else
    zhi_pdf_doc_discard_attachments (job->doc);
  zhi_pdf_doc_set_prefetch (job->doc, NULL);
  zhi_pdf_prefetch_free (p.prefetch);
  return ok;
}

/* Counts the attachments' pages, completes the document and writes it.  Any thread. */
static gboolean
job_write (Job *job, GOutputStream *out, GCancellable *cancellable, GError **error)
{
  if (job->with_attachments && job->attachments->len > 0 && job_predict (job))
    return job_write_parallel (job, out, cancellable, error);
  return job_write_serial (job, out, cancellable, error);
}

/* ---- the output: cairo → a temporary file → qpdf → the destination ------------------------ */

/* Removes @dir and the files in it (the work directory of one render: no subdirectories). */
static void
work_dir_remove (const char *dir)
{
  g_autoptr (GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* With attachments, everything temporary goes into a private directory made in @dir: the copy of
 * each evidence file (read once from the project), flattened copies of PDFs with annotations,
 * cairo's PDF (the body and the template page) and qpdf's result (the originals' pages made and
 * inserted; zhi_pdf_doc_write()), which is copied into
 * @dest.  The directory is removed on success, failure and cancellation.  Disk: about the
 * evidence's size plus twice the dossier's.  If the qpdf pass fails where there are no original
 * pages, cairo's file — valid, ~10 % larger — is copied instead and job->compact_warning says
 * why; where there are, the render fails. */
static void dossier_data_set_pages (Job *job);

/* After layout: the data to embed, with each 附件's pages. */
static JsonObject *
job_data_cb (ZhiPdfDoc *doc, gpointer user_data)
{
  Job *job = user_data;

  dossier_data_set_pages (job);
  return job->data;
}

static gboolean
job_write_compact (
    Job *job, const char *dir, GOutputStream *dest, GCancellable *cancellable, GError **error)
{
  g_autofree char *work = NULL;
  g_autoptr (GOutputStream) buffered = g_buffered_output_stream_new_sized (dest, 64 * 1024);
  gboolean ok;

  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  if (!job->with_attachments)
    {
      /* a preview (the dossier page renders one on every change): cairo's output as it is,
       * the pass would cost ~50 ms of the 300 ms budget to save 0.2 MB nobody keeps */
      return job_write (job, buffered, cancellable, error)
             && g_output_stream_close (buffered, cancellable, error);
    }
  work = g_build_filename (dir, ".zhizao-dossier-XXXXXX", NULL);
  if (g_mkdtemp_full (work, 0700) == NULL)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _ ("Could not create a temporary file in %s: %s"), name, g_strerror (saved));
      return FALSE;
    }
  zhi_pdf_doc_set_work_dir (job->doc, work);
  zhi_pdf_doc_set_compact (job->doc, TRUE);
  zhi_pdf_doc_set_finish (job->doc, "封面", job_data_cb, job);
  for (guint i = 0; i < job->attachments->len; i++)
    if (job->attachments->pdata[i] != NULL)
      zhi_pdf_attachment_set_work_dir (job->attachments->pdata[i], work);
  ok = job_write (job, buffered, cancellable, error)
       && g_output_stream_close (buffered, cancellable, error);
  if (zhi_pdf_doc_get_compact_warning (job->doc) != NULL)
    {
      g_clear_pointer (&job->compact_warning, g_free);
      job->compact_warning = g_strdup (zhi_pdf_doc_get_compact_warning (job->doc));
    }
  /* attachments not yet handed to the document (a cancelled count) keep their copies here */
  for (guint i = 0; i < job->attachments->len; i++)
    if (job->attachments->pdata[i] != NULL)
      zhi_pdf_attachment_discard (job->attachments->pdata[i]);
  work_dir_remove (work);
  return ok;
}

static gboolean
job_write_file (Job *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  /* the temporary files go beside a local target (its disk has room for the result) */
  g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : g_strdup (g_get_tmp_dir ());
  gboolean existed = g_file_query_exists (job->file, NULL);

  if (path != NULL && job->with_attachments)
    {
      /* the qpdf pass writes beside the target and its file is renamed into place: a
       * dossier of 100 MB and more is not copied again (the stream gets nothing) */
      g_autoptr (GOutputStream) nothing = g_memory_output_stream_new_resizable ();
      GStatBuf st;
      gboolean ok;

      zhi_pdf_doc_set_result_path (job->doc, path);
      ok = job_write_compact (job, dir, nothing, cancellable, error);
      zhi_pdf_doc_set_result_path (job->doc, NULL);
      if (!ok)
        return FALSE;
      if (g_stat (path, &st) != 0)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _ ("Could not save the dossier as %s: %s"), name, g_strerror (saved));
          return FALSE;
        }
      job->size = st.st_size;
      return TRUE;
    }
  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                        error);
  if (out == NULL)
    return FALSE;
  if (!job_write_compact (job, dir, G_OUTPUT_STREAM (out), cancellable, error))
    {
      /* closing with a cancelled cancellable keeps the original file */
      g_autoptr (GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      /* a new file was written in place: no half dossier is left behind */
      if (!existed)
        g_file_delete (job->file, NULL, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      if (!existed)
        g_file_delete (job->file, NULL, NULL);
      return FALSE;
    }
  info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;
  job->size = g_file_info_get_size (info);
  return TRUE;
}

static ZhiDossierResult *
job_result (Job *job)
{
  ZhiDossierResult *result = g_new0 (ZhiDossierResult, 1);
  GPtrArray *warnings = zhi_pdf_doc_get_warnings (job->doc);

  result->n_pages = zhi_pdf_doc_get_n_pages (job->doc);
  result->size = job->size;
  result->fingerprint = g_strdup (job->fingerprint);
  result->draft = job->draft;
  result->compact_warning = g_steal_pointer (&job->compact_warning);
  result->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_pdf_attach_warning_free);
  /* the doc owns its warnings: take them over */
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (result->warnings, g_steal_pointer (&warnings->pdata[i]));
  g_ptr_array_set_size (warnings, 0);
  return result;
}

void
zhi_dossier_result_free (ZhiDossierResult *result)
{
  if (result == NULL)
    return;
  g_free (result->fingerprint);
  g_free (result->compact_warning);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

void
zhi_dossier_options_init (ZhiDossierOptions *options)
{
  memset (options, 0, sizeof *options);
  options->draft = ZHI_DOSSIER_DRAFT_AUTO;
}

/* Phase 1, on the thread owning @project. */

/* The data the dossier carries (docs/dossier-data.md): read on the owner's thread, like the
 * rest of the project. */
static JsonObject *
dossier_data_new (ZhiProject *project,
                  ZhiEvaluation *evaluation,
                  ZhiStandard *standard,
                  const char *fingerprint,
                  gboolean draft,
                  GDateTime *date)
{
  JsonObject *data = json_object_new ();
  JsonObject *std = json_object_new ();
  JsonObject *ev = json_object_new ();
  JsonArray *blocking = json_array_new ();
  JsonArray *evidence = json_array_new ();
  ZhiScore *score = zhi_evaluation_get_score (evaluation);
  ZhiEligibility *eligibility = zhi_evaluation_get_eligibility (evaluation);
  GPtrArray *problems = zhi_evaluation_get_problems (evaluation);
  GListModel *list = zhi_project_get_evidence_list (project);
  g_autofree char *created = g_date_time_format_iso8601 (date);

  json_object_set_string_member (data, "format", ZHI_DOSSIER_DATA_FORMAT);
  json_object_set_string_member (data, "generator", zhi_dossier_creator ());
  json_object_set_string_member (data, "created", created);
  json_object_set_string_member (data, "fingerprint", fingerprint);
  json_object_set_boolean_member (data, "draft", draft);
  json_object_set_string_member (std, "id", zhi_standard_get_id (standard));
  json_object_set_string_member (std, "edition", zhi_standard_get_edition (standard));
  json_object_set_object_member (data, "standard", std);
  json_object_set_member (data, "project", zhi_project_to_json (project));
  json_object_set_string_member (ev, "verdict", zhi_verdict_to_string (eligibility->verdict));
  json_object_set_string_member (ev, "verdict_label",
                                 zhi_dossier_verdict_label (eligibility->verdict));
  json_object_set_double_member (ev, "claimed", score ? score->total_claimed : 0);
  json_object_set_double_member (ev, "evidenced", score ? score->total_evidenced : 0);
  for (guint i = 0; i < problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == ZHI_PROBLEM_BLOCKING)
        json_array_add_string_element (blocking, problem->message);
    }
  json_object_set_array_member (ev, "blocking", blocking);
  json_object_set_object_member (data, "evaluation", ev);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) item = g_list_model_get_item (list, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "number", i + 1);
      json_object_set_string_member (o, "title", zhi_evidence_get_title (item));
      json_object_set_string_member (o, "file_name", zhi_evidence_get_file_name (item));
      json_object_set_string_member (o, "sha256", zhi_evidence_get_sha256 (item));
      json_array_add_object_element (evidence, o);
    }
  json_object_set_array_member (data, "evidence", evidence);
  return data;
}

/* Each 附件's first page and page count in the finished dossier, once it is laid out. */
static void
dossier_data_set_pages (Job *job)
{
  JsonArray *evidence = json_object_get_array_member (job->data, "evidence");

  for (guint i = 0; i < json_array_get_length (evidence) && i < job->entries->len; i++)
    {
      Entry *e = job->entries->pdata[i];
      JsonObject *o = json_array_get_object_element (evidence, i);
      int first = zhi_pdf_doc_get_dest_page (job->doc, e->dest);

      if (first >= 0)
        json_object_set_int_member (o, "first_page", first + 1);
      else
        json_object_set_null_member (o, "first_page");
      json_object_set_int_member (o, "pages", e->n_pages);
    }
}

static Job *
job_new (ZhiProject *project,
         ZhiEvaluation *evaluation,
         const ZhiDossierOptions *options,
         GError **error)
{
  g_autoptr (ZhiEvaluation) own = NULL;
  ZhiDossierOptions defaults;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDateTime *date;
  Builder b = { 0 };
  Job *job;
  GListModel *list;
  g_autofree char *title = NULL;

  if (options == NULL)
    {
      zhi_dossier_options_init (&defaults);
      options = &defaults;
    }
  date = options->date ? options->date : now;
  if (evaluation == NULL)
    evaluation = own = zhi_evaluation_new (project);
  else
    zhi_evaluation_update (evaluation);
  b.standard = zhi_evaluation_get_standard (evaluation);
  if (b.standard == NULL)
    {
      g_set_error_literal (error, ZHI_DOSSIER_ERROR, ZHI_DOSSIER_ERROR_NO_TRACK,
                           _ ("The project has no track yet: choose the application type before "
                              "rendering the dossier."));
      return NULL;
    }
  b.project = project;
  b.score = zhi_evaluation_get_score (evaluation);
  b.eligibility = zhi_evaluation_get_eligibility (evaluation);
  b.answers = zhi_evaluation_get_effective_answers (evaluation);
  b.track = zh (zhi_standard_get_track (b.standard));
  b.workshop = g_str_equal (zhi_standard_get_id (b.standard), ZHI_TRACK_WORKSHOP);

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref);
  job->owner = g_thread_self ();
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->progress_mutex);
  job->doc = zhi_pdf_doc_new ();
  job->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  job->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_pdf_attachment_free);
  job->with_attachments = !options->no_attachments;
  job->draft = options->draft == ZHI_DOSSIER_DRAFT_YES
               || (options->draft == ZHI_DOSSIER_DRAFT_AUTO
                   && zhi_evaluation_has_blocking_problems (evaluation));
  job->fingerprint = zhi_dossier_compute_fingerprint (project, b.standard, job->draft);
  job->data
      = dossier_data_new (project, evaluation, b.standard, job->fingerprint, job->draft, date);
  job->city = g_strdup (zhi_project_get_city (project));
  job->name = g_strdup (or_blank (zhi_project_get_name (project)));
  job->track = g_strdup (b.track);
  b.doc = job->doc;
  b.entries = job->entries;

  /* evidence, in list order: 附件1 … */
  list = zhi_project_get_evidence_list (project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      Entry *e = g_new0 (Entry, 1);

      e->number = i + 1;
      e->id = g_strdup (zhi_evidence_get_id (ev));
      e->title = g_strdup (zhi_evidence_get_title (ev));
      e->file_name = g_strdup (zhi_evidence_get_file_name (ev));
      e->media_type = g_strdup (zhi_evidence_get_media_type (ev));
      e->sha256 = g_strdup (zhi_evidence_get_sha256 (ev));
      e->pdf_sha256 = zhi_project_get_evidence_pdf_sha256 (project, e->id);
      if (e->pdf_sha256 != NULL)
        {
          g_free (e->media_type);
          e->media_type = g_strdup ("application/pdf");
        }
      e->supports = g_strdupv ((char **)zhi_evidence_get_supports (ev));
      e->n_pages = zhi_evidence_get_page_count (ev);
      e->problem = g_strdup (zhi_evidence_get_problem (ev));
      g_snprintf (e->dest, sizeof e->dest, "att-%u", e->number);
      g_ptr_array_add (job->entries, e);
    }
  for (guint i = 0; i < job->entries->len; i++)
    {
      Entry *e = job->entries->pdata[i];
      g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      Source *s = g_new0 (Source, 1);

      for (guint k = 0; e->supports[k] != NULL; k++)
        g_ptr_array_add (labels, zhi_dossier_support_label (&b, e->supports[k]));
      g_ptr_array_add (labels, NULL);
      e->supports_text = g_strjoinv ("；", (char **)labels->pdata);
      s->project = g_object_ref (project);
      s->owner = job->owner;
      s->context = g_main_context_ref (job->context);
      s->id = g_strdup (e->id);
      s->sha256 = g_strdup (e->pdf_sha256 ? e->pdf_sha256 : e->sha256);
      g_ptr_array_add (job->attachments, zhi_pdf_attachment_new_for_bytes_func (
                                             e->number, e->title, e->file_name, e->media_type,
                                             s->sha256, source_get_bytes, s, source_free));
    }

  title = g_strdup_printf ("辽宁省%s申报书", b.track);
  zhi_pdf_doc_set_metadata (job->doc, title, zhi_project_get_name (project), b.track,
                            zhi_dossier_creator (), date);
  {
    g_autofree char *footer = g_strdup_printf ("申报书指纹 %s", job->fingerprint);

    zhi_pdf_doc_set_fingerprint (job->doc, footer);
  }
  zhi_pdf_doc_set_draft (job->doc, job->draft);
  zhi_pdf_doc_set_unnumbered_pages (job->doc, 1);
  zhi_pdf_doc_set_page_number_position (job->doc, ZHI_PDF_PAGE_NUMBER_OUTER);

  zhi_dossier_add_cover (&b, date);
  zhi_dossier_add_commitment (&b);
  zhi_dossier_add_contents (&b);
  zhi_dossier_add_enterprise (&b);
  zhi_dossier_add_eligibility (&b);
  zhi_dossier_add_score (&b);
  zhi_dossier_add_content (&b);
  zhi_dossier_add_kpis (&b);
  return job;
}

/* ---- the public functions ---------------------------------------------------------------- */

gboolean
zhi_dossier_render (ZhiProject *project,
                    ZhiEvaluation *evaluation,
                    const ZhiDossierOptions *options,
                    GOutputStream *out,
                    ZhiDossierProgressFunc progress,
                    gpointer progress_data,
                    GCancellable *cancellable,
                    ZhiDossierResult **result,
                    GError **error)
{
  Job *job;
  gboolean ok;
  g_autoptr (GOutputStream) counting = NULL;

  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  job = job_new (project, evaluation, options, error);
  if (job == NULL)
    return FALSE;
  job->progress = progress;
  job->progress_data = progress_data;
  counting = zhi_counting_stream_new (out);
  ok = job_write_compact (job, g_get_tmp_dir (), counting, cancellable, error);
  job->size = zhi_counting_stream_get_count (ZHI_COUNTING_STREAM (counting));
  if (ok)
    ok = g_output_stream_flush (counting, cancellable, error);
  if (ok && result)
    *result = job_result (job);
  job_unref (job);
  return ok;
}

gboolean
zhi_dossier_render_to_file (ZhiProject *project,
                            ZhiEvaluation *evaluation,
                            const ZhiDossierOptions *options,
                            const char *path,
                            ZhiDossierProgressFunc progress,
                            gpointer progress_data,
                            GCancellable *cancellable,
                            ZhiDossierResult **result,
                            GError **error)
{
  Job *job;
  gboolean ok;

  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  job = job_new (project, evaluation, options, error);
  if (job == NULL)
    return FALSE;
  job->progress = progress;
  job->progress_data = progress_data;
  job->file = g_file_new_for_path (path);
  ok = job_write_file (job, cancellable, error);
  if (ok && result)
    *result = job_result (job);
  job_unref (job);
  return ok;
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  (void)source;
  if (!job_write_file (job, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, job_result (job), (GDestroyNotify)zhi_dossier_result_free);
}

void
zhi_dossier_render_async (ZhiProject *project,
                          ZhiEvaluation *evaluation,
                          const ZhiDossierOptions *options,
                          GFile *file,
                          ZhiDossierProgressFunc progress,
                          gpointer progress_data,
                          GDestroyNotify progress_destroy,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;
  Job *job;

  g_return_if_fail (ZHI_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, zhi_dossier_render_async);
  job = job_new (project, evaluation, options, &error);
  if (job == NULL)
    {
      if (progress_destroy)
        progress_destroy (progress_data);
      g_task_return_error (task, error);
      return;
    }
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify)job_unref);
  g_task_run_in_thread (task, render_thread);
}

ZhiDossierResult *
zhi_dossier_render_finish (ZhiProject *project, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
