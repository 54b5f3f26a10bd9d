/* zhi-evidence-page.c — 证明材料: the evidence library of an application
 *
 * A list of the attached documents with thumbnails, a preview pane (details, the criteria
 * and rules each document supports, its pages) and the ways in: a file chooser and drops
 * of many files at once.
 *
 * Threads: the store may only be used from the main thread (zhi-store.h), so the bytes of
 * an item are read there, in chunks from an idle source, and only the rendering (poppler,
 * gdk-pixbuf) runs in a worker thread, on a GBytes copy.  Thumbnails are cached by SHA-256
 * for the whole process: identical bytes render once.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "zhi-editions.h"
#include "zhi-evidence-page.h"
#include "zhi-standard.h"
#include "zhi-store.h"

#define THUMB_WIDTH 96
#define THUMB_HEIGHT 128
#define PAGE_WIDTH 720
#define READ_CHUNK (256 * 1024)
#define MAX_RENDER_SIZE (G_GUINT64_CONSTANT (512) * 1024 * 1024)

struct _ZhiEvidencePage
{
  ZhiPage parent_instance;

  AdwToastOverlay *toast_overlay; /* the child */

  /* Template Widgets */
  GtkWidget *toolbar;
  GtkSearchEntry *search_entry;
  GtkToggleButton *unlinked_button;
  AdwButtonContent *add_content;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkButton *cancel_button;
  GtkButton *dismiss_button;
  GtkListBox *progress_list;
  GtkStack *stack;
  AdwLeaflet *leaflet;
  GtkStack *list_stack;
  GtkListView *list_view;
  GtkStack *preview_stack;
  GtkButton *back_button;
  GtkStack *preview_tabs;
  GtkScrolledWindow *details_scroller;
  AdwEntryRow *title_row;
  AdwActionRow *problem_row;
  AdwActionRow *file_row;
  AdwActionRow *type_row;
  AdwActionRow *size_row;
  AdwActionRow *pages_row;
  AdwActionRow *added_row;
  AdwActionRow *sha_row;
  AdwPreferencesGroup *criteria_group;
  AdwPreferencesGroup *rules_group;
  GtkStack *pages_stack;
  GtkSpinner *pages_spinner;
  AdwStatusPage *pages_status;
  GtkListView *pages_view;

  /* Owned References */
  ZhiStandard *standard;
  ZhiConditions *conditions;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char *needle;                 /* casefolded search text, "" for none */
  GPtrArray *bound_rows;        /* row widgets currently bound to an item (borrowed) */
  GHashTable *support_switches; /* rule id → GtkSwitch (borrowed, inside the groups) */
  GPtrArray *support_rows;      /* rows added to the groups (borrowed) */
  ZhiEvidence *current;         /* previewed item */
  gboolean updating;            /* the page is setting widgets, not the user */
  gboolean selecting;
  guint folded_idle;
  guint thumb_idle; /* the page changes the selection, not the user */

  /* thumbnails */
  GQueue thumb_queue; /* ZhiEvidence * (owned) */
  gboolean thumb_running;
  GCancellable *thumb_cancellable;

  /* attaching */
  GQueue attach_queue; /* AttachJob * */
  gboolean attach_running;
  GCancellable *attach_cancellable;
  guint attach_total;
  guint attach_finished;
  guint attach_failed;
  double attach_fraction; /* of the file being attached */
  GtkFileChooserNative *chooser;

  /* preview */
  GCancellable *preview_cancellable;
  struct _PreviewDoc *preview_doc;
  GtkStringList *page_model;
  GHashTable *page_textures; /* page index → GdkTexture */
  GHashTable *page_pending;  /* page index → TRUE while rendering */
  GHashTable *page_pictures; /* page index → GtkPicture bound to it (borrowed) */

  /* undo */
  AdwToast *undo_toast; /* weak */
};

G_DEFINE_FINAL_TYPE (ZhiEvidencePage, zhi_evidence_page, ZHI_TYPE_PAGE)

static void update_row (GtkWidget *row);
static void update_preview (ZhiEvidencePage *self);
static void thumb_next (ZhiEvidencePage *self);

/* ---- what a file is ------------------------------------------------------------------ */

static gboolean
is_pdf (const char *media_type)
{
  return g_strcmp0 (media_type, "application/pdf") == 0;
}

static gboolean
is_image (const char *media_type)
{
  return media_type != NULL && g_str_has_prefix (media_type, "image/");
}

static char *
describe_type (const char *media_type)
{
  g_autofree char *type = g_content_type_from_mime_type (media_type);

  if (is_pdf (media_type))
    return g_strdup (_ ("PDF document"));
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return g_strdup (_ ("JPEG picture"));
  if (g_strcmp0 (media_type, "image/png") == 0)
    return g_strdup (_ ("PNG picture"));
  return g_content_type_get_description (type != NULL ? type : media_type);
}

static const char *
type_icon (const char *media_type)
{
  if (is_image (media_type))
    return "image-x-generic-symbolic";
  if (is_pdf (media_type))
    return "x-office-document-symbolic";
  return "text-x-generic-symbolic";
}

/* ---- reading an item's bytes on the main thread, in chunks ---------------------------- */

typedef struct
{
  GInputStream *stream;
  GByteArray *data;
  guint64 size;
} ReadData;

static void
read_data_free (ReadData *d)
{
  g_clear_object (&d->stream);
  g_clear_pointer (&d->data, g_byte_array_unref);
  g_free (d);
}

static gboolean
read_chunk_cb (gpointer user_data)
{
  GTask *task = user_data;
  ReadData *d = g_task_get_task_data (task);
  GError *error = NULL;
  guint len = d->data->len;
  gssize n;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  g_byte_array_set_size (d->data, len + READ_CHUNK);
  n = g_input_stream_read (d->stream, d->data->data + len, READ_CHUNK,
                           g_task_get_cancellable (task), &error);
  if (n < 0)
    {
      g_task_return_error (task, error);
      return G_SOURCE_REMOVE;
    }
  g_byte_array_set_size (d->data, len + n);
  if (n == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&d->data)),
                             (GDestroyNotify)g_bytes_unref);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Reads the bytes of @evidence; the callback (whose source object is @evidence) gets them
 * with read_bytes_finish(). */
static void
read_bytes_async (ZhiProject *project,
                  ZhiEvidence *evidence,
                  GCancellable *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer user_data)
{
  GTask *task = g_task_new (evidence, cancellable, callback, user_data);
  g_autoptr (GSource) source = NULL;
  GError *error = NULL;
  ReadData *d;

  if (zhi_evidence_get_size (evidence) > MAX_RENDER_SIZE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               _ ("The file is too large to show here."));
      g_object_unref (task);
      return;
    }
  d = g_new0 (ReadData, 1);
  g_task_set_task_data (task, d, (GDestroyNotify)read_data_free);
  d->stream = zhi_project_open_evidence_stream (project, zhi_evidence_get_id (evidence), &error);
  if (d->stream == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  d->size = zhi_evidence_get_size (evidence);
  d->data = g_byte_array_sized_new (MIN (d->size, MAX_RENDER_SIZE) + 1);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_task_attach_source (task, source, read_chunk_cb);
  g_object_unref (task); /* the source holds it */
}

static GBytes *
read_bytes_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- rendering, in worker threads ----------------------------------------------------- */

typedef struct
{
  GBytes *pixels;
  int width;
  int height;
  gsize stride;
  GdkMemoryFormat format;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->pixels, g_bytes_unref);
}

static GdkTexture *
pixels_to_texture (Pixels *p)
{
  if (p->pixels == NULL)
    return NULL;
  return gdk_memory_texture_new (p->width, p->height, p->format, p->pixels, p->stride);
}

/* The message for a PDF poppler refuses, naming the cause. */
static char *
pdf_problem (const GError *error)
{
  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    return g_strdup (_ ("The PDF is protected by a password, so it cannot be shown or put "
                        "into the dossier. Attach a copy saved without a password."));
  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_DAMAGED)
      || g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_INVALID))
    return g_strdup (_ ("The file is damaged or is not a PDF. Open it in a PDF reader; if it "
                        "shows there, print it to a new PDF and attach that one."));
  return g_strdup_printf (_ ("The PDF cannot be read: %s"), error->message);
}

/* Renders @page into a white-backed cairo image fitted into @max_w × @max_h. */
static void
render_pdf_page (PopplerPage *page, int max_w, int max_h, Pixels *out)
{
  double w, h, scale;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  poppler_page_get_size (page, &w, &h);
  if (w <= 0 || h <= 0)
    w = 595, h = 842;
  scale = max_w / w;
  if (max_h > 0)
    scale = MIN (scale, max_h / h);
  width = MAX (1, (int)(w * scale + 0.5));
  height = MAX (1, (int)(h * scale + 0.5));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  out->width = width;
  out->height = height;
  out->stride = cairo_image_surface_get_stride (surface);
  out->format = GDK_MEMORY_DEFAULT; /* cairo's ARGB32 in native byte order, premultiplied */
  out->pixels = g_bytes_new (cairo_image_surface_get_data (surface), out->stride * height);
  cairo_surface_destroy (surface);
}

static gboolean
render_image (GBytes *bytes, int max_w, int max_h, Pixels *out, char **problem)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf
      = gdk_pixbuf_new_from_stream_at_scale (in, max_w, max_h, TRUE, NULL, &error);
  g_autoptr (GdkPixbuf) oriented = NULL;

  if (pixbuf == NULL)
    {
      *problem = g_strdup_printf (_ ("The picture cannot be read: %s"), error->message);
      return FALSE;
    }
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  out->width = gdk_pixbuf_get_width (oriented);
  out->height = gdk_pixbuf_get_height (oriented);
  out->stride = gdk_pixbuf_get_rowstride (oriented);
  out->format = gdk_pixbuf_get_has_alpha (oriented) ? GDK_MEMORY_R8G8B8A8 : GDK_MEMORY_R8G8B8;
  out->pixels = gdk_pixbuf_read_pixel_bytes (oriented);
  return TRUE;
}

/* ---- thumbnails, cached per SHA-256 for the process ---------------------------------- */

typedef struct
{
  GdkTexture *texture; /* NULL when there is none */
  guint pages;         /* 0 when unknown */
  char *problem;       /* why the file cannot be read, or NULL */
} Thumb;

static void
thumb_free (Thumb *t)
{
  g_clear_object (&t->texture);
  g_free (t->problem);
  g_free (t);
}

static GHashTable *
thumb_cache (void)
{
  static GHashTable *cache;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)thumb_free);
  return cache;
}

static Thumb *
thumb_lookup (ZhiEvidence *evidence)
{
  return g_hash_table_lookup (thumb_cache (), zhi_evidence_get_sha256 (evidence));
}

typedef struct
{
  char *media_type;
  GBytes *bytes;
  /* out */
  Pixels pixels;
  guint pages;
  char *problem;
} ThumbJob;

static void
thumb_job_free (ThumbJob *j)
{
  g_free (j->media_type);
  g_clear_pointer (&j->bytes, g_bytes_unref);
  pixels_clear (&j->pixels);
  g_free (j->problem);
  g_free (j);
}

static void
thumb_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ThumbJob *j = task_data;

  if (is_pdf (j->media_type))
    {
      /* poppler-glib 22.12 defines no autoptr cleanups */
      g_autoptr (GError) error = NULL;
      PopplerDocument *doc = poppler_document_new_from_bytes (j->bytes, NULL, &error);

      if (doc == NULL)
        j->problem = pdf_problem (error);
      else if ((j->pages = poppler_document_get_n_pages (doc)) == 0)
        j->problem = g_strdup (_ ("The PDF has no pages."));
      else
        {
          PopplerPage *page = poppler_document_get_page (doc, 0);

          if (page != NULL)
            render_pdf_page (page, THUMB_WIDTH, THUMB_HEIGHT, &j->pixels);
          g_clear_object (&page);
        }
      g_clear_object (&doc);
    }
  else if (is_image (j->media_type))
    {
      if (render_image (j->bytes, THUMB_WIDTH, THUMB_HEIGHT, &j->pixels, &j->problem))
        j->pages = 1;
    }
  g_clear_pointer (&j->bytes, g_bytes_unref);
  g_task_return_boolean (task, TRUE);
}

static void
thumb_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (source);
  g_autoptr (ZhiEvidence) evidence = user_data;
  ThumbJob *j = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  Thumb *thumb;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return; /* cancelled: the page let go of the project */

  thumb = g_new0 (Thumb, 1);
  thumb->texture = pixels_to_texture (&j->pixels);
  thumb->pages = j->pages;
  thumb->problem = g_steal_pointer (&j->problem);
  g_hash_table_replace (thumb_cache (), g_strdup (zhi_evidence_get_sha256 (evidence)), thumb);

  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    {
      GListModel *list = zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (self)));

      /* Every item with these bytes learns its page count. */
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);

          if (thumb->pages > 0 && zhi_evidence_get_page_count (ev) == 0
              && zhi_evidence_get_usable (ev)
              && g_str_equal (zhi_evidence_get_sha256 (ev), zhi_evidence_get_sha256 (evidence)))
            zhi_project_set_evidence_page_count (zhi_page_get_project (ZHI_PAGE (self)),
                                                 zhi_evidence_get_id (ev), thumb->pages);
        }
    }
  for (guint i = 0; i < self->bound_rows->len; i++)
    update_row (g_ptr_array_index (self->bound_rows, i));
  if (self->current != NULL
      && g_str_equal (zhi_evidence_get_sha256 (self->current), zhi_evidence_get_sha256 (evidence)))
    update_preview (self);

  self->thumb_running = FALSE;
  thumb_next (self);
}

static void
thumb_bytes_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePage *self = user_data; /* the task below holds a reference */
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GError) error = NULL;
  ZhiEvidence *evidence = ZHI_EVIDENCE (source);
  GBytes *bytes = read_bytes_finish (result, &error);
  ThumbJob *j;

  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  j = g_new0 (ThumbJob, 1);
  j->media_type = g_strdup (zhi_evidence_get_media_type (evidence));
  outer = g_task_new (self, self->thumb_cancellable, thumb_rendered_cb, g_object_ref (evidence));
  g_task_set_task_data (outer, j, (GDestroyNotify)thumb_job_free);
  g_object_unref (self);
  if (bytes == NULL)
    {
      /* Missing bytes are a problem of their own; too-large files just get no picture. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        j->problem = g_strdup (error->message);
      g_task_return_boolean (outer, TRUE);
      return;
    }
  j->bytes = bytes;
  g_task_run_in_thread (outer, thumb_thread);
}

static void
thumb_next (ZhiEvidencePage *self)
{
  while (!self->thumb_running && zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    {
      g_autoptr (ZhiEvidence) evidence = g_queue_pop_head (&self->thumb_queue);

      if (evidence == NULL)
        return;
      /* Removed meanwhile, or rendered for an item with the same bytes */
      if (zhi_project_lookup_evidence (zhi_page_get_project (ZHI_PAGE (self)),
                                       zhi_evidence_get_id (evidence))
              != evidence
          || thumb_lookup (evidence) != NULL)
        continue;
      if (!is_pdf (zhi_evidence_get_media_type (evidence))
          && !is_image (zhi_evidence_get_media_type (evidence)))
        continue; /* no picture for other kinds of files */
      self->thumb_running = TRUE;
      read_bytes_async (zhi_page_get_project (ZHI_PAGE (self)), evidence, self->thumb_cancellable,
                        thumb_bytes_cb, g_object_ref (self));
    }
}

static void
thumb_request (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  Thumb *thumb = thumb_lookup (evidence);

  /* bytes seen before (another item, another project): only the page count is missing */
  if (thumb != NULL && thumb->pages > 0 && zhi_evidence_get_page_count (evidence) == 0
      && zhi_evidence_get_usable (evidence)
      && zhi_project_lookup_evidence (zhi_page_get_project (ZHI_PAGE (self)),
                                      zhi_evidence_get_id (evidence))
             == evidence)
    zhi_project_set_evidence_page_count (zhi_page_get_project (ZHI_PAGE (self)),
                                         zhi_evidence_get_id (evidence), thumb->pages);
  if (thumb != NULL || g_queue_find (&self->thumb_queue, evidence) != NULL)
    return;
  g_queue_push_tail (&self->thumb_queue, g_object_ref (evidence));
  thumb_next (self);
}

/* On opening: the items whose page count is unknown; the others render when shown. */
static void
thumb_request_uncounted (ZhiEvidencePage *self)
{
  GListModel *list = zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (self)));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);

      if (zhi_evidence_get_page_count (evidence) == 0)
        thumb_request (self, evidence);
    }
}

static gboolean
thumb_next_idle (gpointer data)
{
  ZhiEvidencePage *self = data;

  self->thumb_idle = 0;
  thumb_next (self);
  return G_SOURCE_REMOVE;
}

/* From a list row being bound: queue only, start outside the list's layout. */
static void
thumb_request_shown (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  if (thumb_lookup (evidence) != NULL || g_queue_find (&self->thumb_queue, evidence) != NULL)
    return;
  g_queue_push_tail (&self->thumb_queue, g_object_ref (evidence));
  if (self->thumb_idle == 0)
    self->thumb_idle = g_idle_add (thumb_next_idle, self);
}

/* ---- names of criteria and rules ------------------------------------------------------- */

/* "3. 生产线智能化运行", "条件（一）…", or the id itself for an unknown one */
static char *
support_name (ZhiEvidencePage *self, const char *id)
{
  const ZhiCriterion *criterion
      = self->standard != NULL ? zhi_standard_lookup_criterion (self->standard, id) : NULL;
  const ZhiCondition *condition = NULL;
  const ZhiExclusion *exclusion = NULL;

  if (criterion != NULL)
    return g_strdup_printf ("%d. %s", criterion->number, zhi_text_get (&criterion->title));
  if (self->conditions != NULL
      && (condition = zhi_conditions_lookup_condition (self->conditions, id)) != NULL)
    /* TRANSLATORS: an eligibility condition: its mark "（一）" and short name */
    return g_strdup_printf (_ ("Condition %s %s"), condition->mark,
                            zhi_text_get (&condition->short_name));
  if (self->conditions != NULL
      && zhi_conditions_lookup_encouraged (self->conditions, id, &condition) != NULL)
    /* （五）'s encouraged half */
    return g_strdup_printf (_ ("Condition %s %s"), condition->mark,
                            zhi_text_get (&condition->encouraged->short_name));
  if (self->conditions != NULL
      && (exclusion = zhi_conditions_lookup_exclusion (self->conditions, id)) != NULL)
    /* TRANSLATORS: a case that excludes an enterprise: its mark "（一）" and short name */
    return g_strdup_printf (_ ("Exclusion %s %s"), exclusion->mark,
                            zhi_text_get (&exclusion->short_name));
  return g_strdup (id);
}

static char *
supports_summary (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  const char *const *supports = zhi_evidence_get_supports (evidence);
  g_autoptr (GString) text = g_string_new (NULL);

  if (supports == NULL || supports[0] == NULL)
    return g_strdup (_ ("Not linked to any criterion"));
  for (guint i = 0; supports[i] != NULL; i++)
    {
      g_autofree char *name = support_name (self, supports[i]);

      if (i > 0)
        g_string_append (text, _ ("; "));
      g_string_append (text, name);
    }
  return g_strdup_printf (_ ("Supports: %s"), text->str);
}

static char *
pages_text (guint pages)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", pages), pages);
}

/* ---- the rows of the list ------------------------------------------------------------- */

typedef struct
{
  ZhiEvidencePage *page;
  ZhiEvidence *evidence; /* while bound */
  GtkStack *thumb_stack;
  GtkImage *icon;
  GtkImage *picture;
  GtkLabel *title;
  GtkLabel *meta;
  GtkLabel *supports;
  GtkImage *warning;
  GtkButton *remove;
} Row;

/* Why the file cannot be used, or NULL: the inspection recorded in the project (the file
 * does not open, so it supports nothing), else what the thumbnailer found. */
static char *
problem_text (ZhiEvidence *evidence, Thumb *thumb)
{
  if (!zhi_evidence_get_usable (evidence))
    return g_strdup_printf (
        _ ("%s: this file does not open, so it supports nothing. Replace it with a file that "
           "opens."),
        zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));
  if (thumb != NULL && thumb->problem != NULL)
    return g_strdup (thumb->problem);
  return NULL;
}

static void
remove_row_clicked_cb (GtkButton *button, Row *row)
{
  if (row->evidence != NULL)
    zhi_evidence_page_remove (row->page, zhi_evidence_get_id (row->evidence));
}

static void
list_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  Row *row = g_new0 (Row, 1);

  row->page = self;
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  /* a fixed 64 × 64 box whatever the shape of the document */
  row->thumb_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_size_request (GTK_WIDGET (row->thumb_stack), 64, 64);
  gtk_widget_set_valign (GTK_WIDGET (row->thumb_stack), GTK_ALIGN_CENTER);
  row->icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (row->icon, 32);
  gtk_widget_add_css_class (GTK_WIDGET (row->icon), "dim-label");
  gtk_stack_add_named (row->thumb_stack, GTK_WIDGET (row->icon), "icon");
  row->picture = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (row->picture, 64);
  gtk_stack_add_named (row->thumb_stack, GTK_WIDGET (row->picture), "picture");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->thumb_stack));

  row->title = GTK_LABEL (gtk_label_new (NULL));
  row->meta = GTK_LABEL (gtk_label_new (NULL));
  row->supports = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->title), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->meta), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->supports), "caption");
  for (GtkLabel **l = &row->title; l <= &row->supports; l++)
    {
      gtk_label_set_xalign (*l, 0);
      gtk_label_set_ellipsize (*l, PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (text), GTK_WIDGET (*l));
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  row->warning = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (row->warning), "warning");
  gtk_widget_set_valign (GTK_WIDGET (row->warning), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("This file cannot be read"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->warning));

  row->remove = GTK_BUTTON (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (row->remove), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (row->remove), "circular");
  gtk_widget_set_valign (GTK_WIDGET (row->remove), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->remove), _ ("Remove"));
  g_signal_connect (row->remove, "clicked", G_CALLBACK (remove_row_clicked_cb), row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->remove));

  g_object_set_data_full (G_OBJECT (box), "zhi-row", row, g_free);
  gtk_list_item_set_child (item, box);
}

static void
update_row (GtkWidget *widget)
{
  Row *row = g_object_get_data (G_OBJECT (widget), "zhi-row");
  ZhiEvidence *evidence = row->evidence;
  const char *media_type;
  g_autofree char *type = NULL;
  g_autofree char *size = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *supports = NULL;
  g_autofree char *remove_label = NULL;
  Thumb *thumb;
  const char *title;

  if (evidence == NULL)
    return;
  media_type = zhi_evidence_get_media_type (evidence);
  thumb = thumb_lookup (evidence);
  title = zhi_evidence_get_title (evidence);
  if (*title == '\0')
    title = zhi_evidence_get_file_name (evidence);

  gtk_label_set_text (row->title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->title), title);
  type = describe_type (media_type);
  size = g_format_size (zhi_evidence_get_size (evidence));
  if (!zhi_evidence_get_usable (evidence))
    {
      /* TRANSLATORS: the reason an evidence file cannot be used, e.g. “Unusable: Empty
       * file” */
      g_autofree char *reason = g_strdup_printf (
          _ ("Unusable: %s"), zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));

      /* the reason first and alone: the row is narrow, type and size are in the detail */
      meta = g_strdup (reason);
      gtk_widget_remove_css_class (GTK_WIDGET (row->meta), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (row->meta), "error");
    }
  else
    {
      if (zhi_evidence_get_page_count (evidence) > 0)
        {
          g_autofree char *pages = pages_text (zhi_evidence_get_page_count (evidence));

          meta = g_strdup_printf ("%s · %s · %s", type, size, pages);
        }
      else
        meta = g_strdup_printf ("%s · %s", type, size);
      gtk_widget_remove_css_class (GTK_WIDGET (row->meta), "error");
      gtk_widget_add_css_class (GTK_WIDGET (row->meta), "dim-label");
    }
  gtk_label_set_text (row->meta, meta);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->meta), meta);

  supports = supports_summary (row->page, evidence);
  gtk_label_set_text (row->supports, supports);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->supports), supports);
  if (zhi_evidence_get_supports (evidence)[0] == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row->supports), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (row->supports), "accent");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row->supports), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (row->supports), "accent");
    }

  if (thumb != NULL && thumb->texture != NULL)
    {
      gtk_image_set_from_paintable (row->picture, GDK_PAINTABLE (thumb->texture));
      gtk_stack_set_visible_child_name (row->thumb_stack, "picture");
    }
  else
    {
      gtk_image_clear (row->picture);
      gtk_image_set_from_icon_name (row->icon, type_icon (media_type));
      gtk_stack_set_visible_child_name (row->thumb_stack, "icon");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Thumbnail"), -1);

  {
    g_autofree char *problem = problem_text (evidence, thumb);

    gtk_widget_set_visible (GTK_WIDGET (row->warning), problem != NULL);
    if (problem != NULL)
      {
        gtk_widget_set_tooltip_text (GTK_WIDGET (row->warning), problem);
        gtk_accessible_update_property (GTK_ACCESSIBLE (row->warning),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
      }
  }

  remove_label = g_strdup_printf (_ ("Remove “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
}

static void
evidence_notify_cb (ZhiEvidence *evidence, GParamSpec *pspec, GtkWidget *widget)
{
  update_row (widget);
}

static void
list_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  Row *row = g_object_get_data (G_OBJECT (widget), "zhi-row");

  row->evidence = gtk_list_item_get_item (item);
  g_signal_connect_object (row->evidence, "notify", G_CALLBACK (evidence_notify_cb), widget, 0);
  g_ptr_array_add (self->bound_rows, widget);
  update_row (widget);
  thumb_request_shown (self, row->evidence);
}

static void
list_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  Row *row = g_object_get_data (G_OBJECT (widget), "zhi-row");

  if (row->evidence != NULL)
    g_signal_handlers_disconnect_by_func (row->evidence, evidence_notify_cb, widget);
  row->evidence = NULL;
  g_ptr_array_remove_fast (self->bound_rows, widget);
}

/* ---- search and filter ---------------------------------------------------------------- */

static gboolean
contains_casefold (const char *haystack, const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  ZhiEvidencePage *self = user_data;
  ZhiEvidence *evidence = item;

  if (gtk_toggle_button_get_active (self->unlinked_button)
      && zhi_evidence_get_supports (evidence)[0] != NULL)
    return FALSE;
  if (*self->needle == '\0')
    return TRUE;
  return contains_casefold (zhi_evidence_get_title (evidence), self->needle)
         || contains_casefold (zhi_evidence_get_file_name (evidence), self->needle);
}

static void
update_stacks (ZhiEvidencePage *self)
{
  GListModel *all = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                        ? zhi_project_get_evidence_list (zhi_page_get_project (ZHI_PAGE (self)))
                        : NULL;
  gboolean empty = all == NULL || g_list_model_get_n_items (all) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "library");
  gtk_widget_set_visible (self->toolbar, !empty);
  gtk_stack_set_visible_child_name (
      self->list_stack,
      g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0 ? "list" : "nothing-found");
}

static void
refilter (ZhiEvidencePage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stacks (self);
}

static void
search_changed_cb (GtkSearchEntry *entry, ZhiEvidencePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_free (self->needle);
  self->needle = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
unlinked_toggled_cb (GtkToggleButton *button, ZhiEvidencePage *self)
{
  refilter (self);
}

/* ---- the preview pane: pages ---------------------------------------------------------- */

/* The bytes of the previewed item, shared with the render threads; poppler documents are
 * not to be used by two threads at once, hence the lock. */
typedef struct _PreviewDoc
{
  GBytes *bytes;
  char *media_type;
  GMutex lock;
  PopplerDocument *doc; /* opened on first use, under the lock */
  char *problem;        /* set when opening failed, under the lock */
} PreviewDoc;

static void
preview_doc_clear (gpointer data)
{
  PreviewDoc *doc = data;

  g_bytes_unref (doc->bytes);
  g_free (doc->media_type);
  g_clear_object (&doc->doc);
  g_free (doc->problem);
  g_mutex_clear (&doc->lock);
}

static PreviewDoc *
preview_doc_new (GBytes *bytes, const char *media_type)
{
  PreviewDoc *doc = g_atomic_rc_box_new0 (PreviewDoc);

  doc->bytes = g_bytes_ref (bytes);
  doc->media_type = g_strdup (media_type);
  g_mutex_init (&doc->lock);
  return doc;
}

static void
preview_doc_unref (PreviewDoc *doc)
{
  g_atomic_rc_box_release_full (doc, preview_doc_clear);
}

/* with doc->lock held */
static PopplerDocument *
preview_doc_open (PreviewDoc *doc)
{
  if (doc->doc == NULL && doc->problem == NULL)
    {
      g_autoptr (GError) error = NULL;

      doc->doc = poppler_document_new_from_bytes (doc->bytes, NULL, &error);
      if (doc->doc == NULL)
        doc->problem = pdf_problem (error);
    }
  return doc->doc;
}

typedef struct
{
  PreviewDoc *doc;
  guint index;
  Pixels pixels;
  guint n_pages;
  char *problem;
} PageJob;

static void
page_job_free (PageJob *j)
{
  preview_doc_unref (j->doc);
  pixels_clear (&j->pixels);
  g_free (j->problem);
  g_free (j);
}

static void
open_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PageJob *j = task_data;

  g_mutex_lock (&j->doc->lock);
  if (preview_doc_open (j->doc) != NULL)
    j->n_pages = poppler_document_get_n_pages (j->doc->doc);
  else
    j->problem = g_strdup (j->doc->problem);
  g_mutex_unlock (&j->doc->lock);
  g_task_return_boolean (task, TRUE);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PageJob *j = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (is_pdf (j->doc->media_type))
    {
      g_mutex_lock (&j->doc->lock);
      if (preview_doc_open (j->doc) != NULL)
        {
          PopplerPage *page = poppler_document_get_page (j->doc->doc, j->index);

          if (page != NULL)
            render_pdf_page (page, PAGE_WIDTH, 0, &j->pixels);
          g_clear_object (&page);
        }
      g_mutex_unlock (&j->doc->lock);
    }
  else
    render_image (j->doc->bytes, PAGE_WIDTH, -1, &j->pixels, &j->problem);
  g_task_return_boolean (task, TRUE);
}

static void
set_page_picture (GtkPicture *picture, GdkTexture *texture)
{
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  /* a page-shaped placeholder until the page is rendered */
  gtk_widget_set_size_request (GTK_WIDGET (picture), -1, texture != NULL ? -1 : 360);
}

static void
page_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (source);
  PageJob *j = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkPicture *picture;

  if (!g_task_propagate_boolean (G_TASK (result), &error) || j->doc != self->preview_doc)
    return; /* another item is previewed now */
  g_hash_table_remove (self->page_pending, GUINT_TO_POINTER (j->index));
  texture = pixels_to_texture (&j->pixels);
  if (texture == NULL)
    return;
  g_hash_table_replace (self->page_textures, GUINT_TO_POINTER (j->index), g_object_ref (texture));
  picture = g_hash_table_lookup (self->page_pictures, GUINT_TO_POINTER (j->index));
  if (picture != NULL)
    set_page_picture (picture, texture);
}

static void
page_request (ZhiEvidencePage *self, guint index)
{
  g_autoptr (GTask) task = NULL;
  PageJob *j;

  if (self->preview_doc == NULL
      || g_hash_table_contains (self->page_textures, GUINT_TO_POINTER (index))
      || g_hash_table_contains (self->page_pending, GUINT_TO_POINTER (index)))
    return;
  g_hash_table_add (self->page_pending, GUINT_TO_POINTER (index));
  j = g_new0 (PageJob, 1);
  j->doc = g_atomic_rc_box_acquire (self->preview_doc);
  j->index = index;
  task = g_task_new (self, self->preview_cancellable, page_rendered_cb, NULL);
  g_task_set_task_data (task, j, (GDestroyNotify)page_job_free);
  g_task_run_in_thread (task, render_thread);
}

static void
pages_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_add_css_class (picture, "card");
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
pages_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkPicture *picture = GTK_PICTURE (gtk_widget_get_first_child (box));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_last_child (box));
  guint index = gtk_list_item_get_position (item);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->page_model));
  g_autofree char *text = g_strdup_printf (_ ("Page %u of %u"), index + 1, n);

  gtk_label_set_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  g_object_set_data (G_OBJECT (item), "zhi-index", GUINT_TO_POINTER (index));
  g_hash_table_replace (self->page_pictures, GUINT_TO_POINTER (index), picture);
  set_page_picture (picture, g_hash_table_lookup (self->page_textures, GUINT_TO_POINTER (index)));
  page_request (self, index);
}

static void
pages_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, ZhiEvidencePage *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  gpointer index = g_object_get_data (G_OBJECT (item), "zhi-index");

  if (g_hash_table_lookup (self->page_pictures, index) == picture)
    g_hash_table_remove (self->page_pictures, index);
  gtk_picture_set_paintable (GTK_PICTURE (picture), NULL);
  /* Keep the memory bounded: forget pages scrolled away from in long documents. */
  if (g_hash_table_size (self->page_textures) > 24)
    g_hash_table_remove (self->page_textures, index);
}

static void
show_pages_problem (ZhiEvidencePage *self, const char *title, const char *problem)
{
  gtk_spinner_stop (self->pages_spinner);
  adw_status_page_set_title (self->pages_status, title);
  adw_status_page_set_description (self->pages_status, problem);
  gtk_stack_set_visible_child_name (self->pages_stack, "unavailable");
}

static void
show_pages (ZhiEvidencePage *self, guint n_pages)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_pages; i++)
    g_ptr_array_add (items, g_strdup_printf ("%u", i + 1));
  g_ptr_array_add (items, NULL);
  gtk_string_list_splice (self->page_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->page_model)),
                          (const char *const *)items->pdata);
  gtk_spinner_stop (self->pages_spinner);
  gtk_stack_set_visible_child_name (self->pages_stack, "pages");
}

static void
preview_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (source);
  PageJob *j = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) || j->doc != self->preview_doc)
    return;
  if (j->problem != NULL)
    show_pages_problem (self, _ ("This File Cannot Be Read"), j->problem);
  else if (j->n_pages == 0)
    show_pages_problem (self, _ ("This File Cannot Be Read"), _ ("The PDF has no pages."));
  else
    show_pages (self, j->n_pages);
}

static void
preview_bytes_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ZhiEvidencePage *self = user_data;
  ZhiEvidence *evidence = ZHI_EVIDENCE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = read_bytes_finish (result, &error);

  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (evidence != self->current)
    ; /* a stale read that was not cancelled in time */
  else if (bytes == NULL)
    show_pages_problem (self, _ ("No Preview"), error->message);
  else
    {
      const char *media_type = zhi_evidence_get_media_type (evidence);

      self->preview_doc = preview_doc_new (bytes, media_type);
      if (is_pdf (media_type))
        {
          g_autoptr (GTask) task
              = g_task_new (self, self->preview_cancellable, preview_opened_cb, NULL);
          PageJob *j = g_new0 (PageJob, 1);

          j->doc = g_atomic_rc_box_acquire (self->preview_doc);
          g_task_set_task_data (task, j, (GDestroyNotify)page_job_free);
          g_task_run_in_thread (task, open_thread);
        }
      else
        show_pages (self, 1);
    }
  g_object_unref (self);
}

static void
clear_pages (ZhiEvidencePage *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->preview_doc, preview_doc_unref);
  g_hash_table_remove_all (self->page_textures);
  g_hash_table_remove_all (self->page_pending);
  gtk_string_list_splice (self->page_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->page_model)), NULL);
}

static void
load_pages (ZhiEvidencePage *self)
{
  const char *media_type = zhi_evidence_get_media_type (self->current);

  clear_pages (self);
  if (!is_pdf (media_type) && !is_image (media_type))
    {
      g_autofree char *type = describe_type (media_type);
      g_autofree char *text = g_strdup_printf (
          _ ("Zhizao shows PDF documents and pictures; this file is a %s."), type);

      show_pages_problem (self, _ ("No Preview"), text);
      return;
    }
  gtk_stack_set_visible_child_name (self->pages_stack, "loading");
  gtk_spinner_start (self->pages_spinner);
  read_bytes_async (zhi_page_get_project (ZHI_PAGE (self)), self->current,
                    self->preview_cancellable, preview_bytes_cb, g_object_ref (self));
}

/* ---- the preview pane: details and links ---------------------------------------------- */

static void
support_switch_cb (GtkSwitch *sw, GParamSpec *pspec, ZhiEvidencePage *self)
{
  const char *rule_id = g_object_get_data (G_OBJECT (sw), "zhi-rule");

  if (self->updating || self->current == NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  if (gtk_switch_get_active (sw))
    zhi_project_add_evidence_support (zhi_page_get_project (ZHI_PAGE (self)),
                                      zhi_evidence_get_id (self->current), rule_id);
  else
    zhi_project_remove_evidence_support (zhi_page_get_project (ZHI_PAGE (self)),
                                         zhi_evidence_get_id (self->current), rule_id);
}

static void
add_support_row (ZhiEvidencePage *self,
                 AdwPreferencesGroup *group,
                 const char *rule_id,
                 const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (sw), "zhi-rule", g_strdup (rule_id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (sw, "notify::active", G_CALLBACK (support_switch_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->support_rows, row);
  g_hash_table_replace (self->support_switches, g_strdup (rule_id), sw);
}

static void
build_support_rows (ZhiEvidencePage *self)
{
  for (guint i = 0; i < self->support_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->support_rows, i);

      adw_preferences_group_remove (
          ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->support_rows, 0);
  g_hash_table_remove_all (self->support_switches);

  if (self->standard != NULL)
    {
      GPtrArray *criteria = zhi_standard_get_criteria (self->standard);

      adw_preferences_group_set_description (self->criteria_group, NULL);
      for (guint i = 0; i < criteria->len; i++)
        {
          const ZhiCriterion *criterion = g_ptr_array_index (criteria, i);
          g_autofree char *title = support_name (self, criterion->id);

          add_support_row (self, self->criteria_group, criterion->id, title, NULL);
        }
    }
  else
    adw_preferences_group_set_description (
        self->criteria_group,
        _ ("Choose the track of the application first: the criteria depend on it."));

  if (self->conditions != NULL)
    {
      GPtrArray *conditions = zhi_conditions_get_conditions (self->conditions);
      GPtrArray *exclusions = zhi_conditions_get_exclusions (self->conditions);

      for (guint i = 0; i < conditions->len; i++)
        {
          const ZhiCondition *condition = g_ptr_array_index (conditions, i);
          g_autofree char *title = support_name (self, condition->id);

          add_support_row (self, self->rules_group, condition->id, title, NULL);
          if (condition->encouraged != NULL)
            {
              g_autofree char *part = support_name (self, condition->encouraged->id);

              add_support_row (self, self->rules_group, condition->encouraged->id, part, NULL);
            }
        }
      for (guint i = 0; i < exclusions->len; i++)
        {
          const ZhiExclusion *exclusion = g_ptr_array_index (exclusions, i);
          g_autofree char *title = support_name (self, exclusion->id);

          add_support_row (self, self->rules_group, exclusion->id, title, NULL);
        }
    }
}

static void
update_preview (ZhiEvidencePage *self)
{
  ZhiEvidence *evidence = self->current;
  GHashTableIter iter;
  gpointer key, value;
  Thumb *thumb;
  g_autofree char *type = NULL;
  g_autofree char *size = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *added = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (evidence == NULL)
    {
      gtk_stack_set_visible_child_name (self->preview_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  self->updating = TRUE;

  /* Do not overwrite what the user is typing. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->title_row))
      && gtk_widget_get_focus_child (GTK_WIDGET (self->title_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), zhi_evidence_get_title (evidence));

  thumb = thumb_lookup (evidence);
  {
    g_autofree char *problem = problem_text (evidence, thumb);

    gtk_widget_set_visible (GTK_WIDGET (self->problem_row), problem != NULL);
    if (problem != NULL)
      adw_action_row_set_subtitle (self->problem_row, problem);
  }

  adw_action_row_set_subtitle (self->file_row, zhi_evidence_get_file_name (evidence));
  type = describe_type (zhi_evidence_get_media_type (evidence));
  adw_action_row_set_subtitle (self->type_row, type);
  size = g_format_size (zhi_evidence_get_size (evidence));
  {
    guint64 n = zhi_evidence_get_size (evidence);
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

    /* TRANSLATORS: a file size: "1.2 MB (1234567 bytes)" */
    bytes = n < 1000 ? g_strdup (size)
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s byte)",
                                                     "%s (%s bytes)", (gulong)MIN (n, G_MAXULONG)),
                                        size, count);
  }
  adw_action_row_set_subtitle (self->size_row, bytes);
  if (!zhi_evidence_get_usable (evidence))
    adw_action_row_set_subtitle (
        self->pages_row, zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));
  else if (zhi_evidence_get_page_count (evidence) > 0)
    {
      g_autofree char *pages = pages_text (zhi_evidence_get_page_count (evidence));

      adw_action_row_set_subtitle (self->pages_row, pages);
    }
  else
    adw_action_row_set_subtitle (self->pages_row, _ ("Not known yet"));
  local = g_date_time_to_local (zhi_evidence_get_added (evidence));
  /* TRANSLATORS: the date and time an evidence file was added, see g_date_time_format() */
  added = g_date_time_format (local, _ ("%Y-%m-%d %H:%M"));
  adw_action_row_set_subtitle (self->added_row, added);
  adw_action_row_set_subtitle (self->sha_row, zhi_evidence_get_sha256 (evidence));

  g_hash_table_iter_init (&iter, self->support_switches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_switch_set_active (GTK_SWITCH (value), zhi_evidence_supports (evidence, key));
  self->updating = FALSE;
}

static void
current_notify_cb (ZhiEvidence *evidence, GParamSpec *pspec, ZhiEvidencePage *self)
{
  update_preview (self);
}

static void
show_evidence (ZhiEvidencePage *self, ZhiEvidence *evidence)
{
  if (self->current == evidence)
    return;
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, current_notify_cb, self);
  g_set_object (&self->current, evidence);
  if (evidence != NULL)
    {
      g_signal_connect_object (evidence, "notify", G_CALLBACK (current_notify_cb), self, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), zhi_evidence_get_title (evidence));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->details_scroller), 0);
      load_pages (self);
    }
  else
    clear_pages (self);
  update_preview (self);
}

static void
title_apply_cb (AdwEntryRow *row, ZhiEvidencePage *self)
{
  g_autofree char *title = NULL;

  if (self->current == NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  zhi_project_set_evidence_title (zhi_page_get_project (ZHI_PAGE (self)),
                                  zhi_evidence_get_id (self->current), title);
  gtk_editable_set_text (GTK_EDITABLE (row), zhi_evidence_get_title (self->current));
}

static void
copy_hash_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  if (self->current == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          zhi_evidence_get_sha256 (self->current));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_ ("SHA-256 copied")));
}

static void
remove_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  if (self->current != NULL)
    zhi_evidence_page_remove (self, zhi_evidence_get_id (self->current));
}

static void
back_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
apply_folded (gpointer data)
{
  ZhiEvidencePage *self = data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->folded_idle = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  /* narrow: the search entry needs the room more than the button its label */
  adw_button_content_set_label (self->add_content, folded ? "" : _ ("_Add Files…"));
  return G_SOURCE_REMOVE;
}

static void
folded_changed_cb (ZhiEvidencePage *self)
{
  /* The leaflet folds while it is being allocated: change other widgets after that. */
  if (self->folded_idle == 0)
    self->folded_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_folded, self, NULL);
}

static void
selection_changed_cb (GtkSingleSelection *selection, GParamSpec *pspec, ZhiEvidencePage *self)
{
  ZhiEvidence *evidence = gtk_single_selection_get_selected_item (selection);

  /* An item filtered away stays in the preview until another one is chosen. */
  if (evidence == NULL)
    return;
  show_evidence (self, evidence);
  if (!self->selecting && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
list_activate_cb (GtkListView *view, guint position, ZhiEvidencePage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- adding files ----------------------------------------------------------------------- */

typedef struct
{
  GWeakRef page;
  GFile *file;
  AdwActionRow *row; /* in progress_list; owned reference */
  GtkImage *icon;
} AttachJob;

static void
attach_job_free (AttachJob *job)
{
  g_weak_ref_clear (&job->page);
  g_object_unref (job->file);
  g_object_unref (job->row);
  g_free (job);
}

static void
attach_job_set_state (AttachJob *job, const char *icon, const char *text, gboolean failed)
{
  adw_action_row_set_subtitle (job->row, text);
  gtk_image_set_from_icon_name (job->icon, icon);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (job->row), "error");
}

static void
update_progress (ZhiEvidencePage *self)
{
  g_autofree char *text = NULL;
  guint total = self->attach_total;

  if (self->attach_running || !g_queue_is_empty (&self->attach_queue))
    {
      double fraction = total > 0 ? (self->attach_finished + self->attach_fraction) / total : 0;

      text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Adding %u of %u file…", "Adding %u of %u files…", total),
          MIN (self->attach_finished + 1, total), total);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), FALSE);
    }
  else
    {
      text = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u of %u file added; the others are listed below.",
                       "%u of %u files added; the others are listed below.", total),
          total - self->attach_failed, total);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), TRUE);
    }
  gtk_label_set_text (self->progress_label, text);
}

static void
clear_progress (ZhiEvidencePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->progress_list))) != NULL)
    gtk_list_box_remove (self->progress_list, child);
  self->attach_total = self->attach_finished = self->attach_failed = 0;
  self->attach_fraction = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static void
batch_finished (ZhiEvidencePage *self)
{
  if (self->attach_failed == 0)
    {
      guint added = self->attach_total;
      AdwToast *toast = adw_toast_new_format (
          g_dngettext (GETTEXT_PACKAGE, "%u file added", "%u files added", added), added);

      clear_progress (self);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    update_progress (self);
}

static void attach_next (ZhiEvidencePage *self);

static void
attach_progress_cb (double fraction, gpointer user_data)
{
  AttachJob *job = user_data;
  g_autoptr (ZhiEvidencePage) self = g_weak_ref_get (&job->page);
  g_autofree char *text = NULL;

  if (self == NULL)
    return;
  self->attach_fraction = CLAMP (fraction, 0, 1);
  /* TRANSLATORS: progress of one file, e.g. "Storing… 40 %" */
  text = g_strdup_printf (_ ("Storing… %d %%"), (int)(self->attach_fraction * 100 + 0.5));
  adw_action_row_set_subtitle (job->row, text);
  update_progress (self);
}

static void
attach_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AttachJob *job = user_data;
  g_autoptr (ZhiEvidencePage) self = g_weak_ref_get (&job->page);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *evidence = zhi_project_attach_file_finish (ZHI_PROJECT (source), result, &error);

  if (self == NULL)
    {
      attach_job_free (job);
      return;
    }
  self->attach_running = FALSE;
  self->attach_finished++;
  self->attach_fraction = 0;
  if (evidence != NULL)
    {
      attach_job_set_state (job, "emblem-ok-symbolic", C_ ("file state", "Added"), FALSE);
      if (self->current == NULL && zhi_page_get_project (ZHI_PAGE (self)) == ZHI_PROJECT (source))
        zhi_evidence_page_select (self, zhi_evidence_get_id (evidence));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      attach_job_set_state (job, "process-stop-symbolic", C_ ("file state", "Cancelled"), TRUE);
      self->attach_failed++;
    }
  else
    {
      attach_job_set_state (job, "dialog-warning-symbolic", error->message, TRUE);
      self->attach_failed++;
    }
  attach_job_free (job);
  attach_next (self);
}

static void
attach_next (ZhiEvidencePage *self)
{
  AttachJob *job;

  if (self->attach_running)
    return;
  job = g_queue_pop_head (&self->attach_queue);
  if (job == NULL)
    {
      if (self->attach_total > 0)
        batch_finished (self);
      return;
    }
  self->attach_running = TRUE;
  self->attach_fraction = 0;
  attach_job_set_state (job, "document-open-recent-symbolic", _ ("Reading…"), FALSE);
  update_progress (self);
  zhi_project_attach_file_async (zhi_page_get_project (ZHI_PAGE (self)), job->file, NULL,
                                 self->attach_cancellable, attach_progress_cb, job, attach_done_cb,
                                 job);
}

static void
cancel_attach (ZhiEvidencePage *self)
{
  AttachJob *job;

  g_cancellable_cancel (self->attach_cancellable);
  g_clear_object (&self->attach_cancellable);
  self->attach_cancellable = g_cancellable_new ();
  while ((job = g_queue_pop_head (&self->attach_queue)) != NULL)
    {
      attach_job_set_state (job, "process-stop-symbolic", C_ ("file state", "Cancelled"), TRUE);
      self->attach_finished++;
      self->attach_failed++;
      attach_job_free (job);
    }
  if (!self->attach_running && self->attach_total > 0)
    batch_finished (self);
}

static void
cancel_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  cancel_attach (self);
}

static void
dismiss_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  clear_progress (self);
}

void
zhi_evidence_page_add_files (ZhiEvidencePage *self, GFile *const *files, guint n_files)
{
  g_return_if_fail (ZHI_IS_EVIDENCE_PAGE (self));

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || n_files == 0)
    return;
  /* A finished batch with errors still shown makes way for the new one. */
  if (!self->attach_running && g_queue_is_empty (&self->attach_queue))
    clear_progress (self);
  for (guint i = 0; i < n_files; i++)
    {
      AttachJob *job = g_new0 (AttachJob, 1);
      g_autofree char *name = g_file_get_basename (files[i]);

      g_weak_ref_init (&job->page, self);
      job->file = g_object_ref (files[i]);
      job->row = g_object_ref_sink (ADW_ACTION_ROW (adw_action_row_new ()));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (job->row), FALSE);
      adw_action_row_set_subtitle_lines (job->row, 0);
      job->icon = GTK_IMAGE (gtk_image_new ());
      adw_action_row_add_prefix (job->row, GTK_WIDGET (job->icon));
      attach_job_set_state (job, "document-open-recent-symbolic", C_ ("file state", "Waiting"),
                            FALSE);
      gtk_list_box_append (self->progress_list, GTK_WIDGET (job->row));
      g_queue_push_tail (&self->attach_queue, job);
      self->attach_total++;
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_progress (self);
  attach_next (self);
}

gboolean
zhi_evidence_page_drop_value (ZhiEvidencePage *self, const GValue *value)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GdkFileList *list = g_value_get_boxed (value);
      g_autoptr (GSList) items = list != NULL ? gdk_file_list_get_files (list) : NULL;

      for (GSList *l = items; l != NULL; l = l->next)
        g_ptr_array_add (files, l->data);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    g_ptr_array_add (files, g_value_get_object (value));
  if (files->len == 0)
    return FALSE;
  zhi_evidence_page_add_files (self, (GFile *const *)files->pdata, files->len);
  return TRUE;
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, ZhiEvidencePage *self)
{
  return zhi_evidence_page_drop_value (self, value);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, ZhiEvidencePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      zhi_evidence_page_add_files (self, (GFile *const *)files->pdata, files->len);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
add_clicked_cb (GtkButton *button, ZhiEvidencePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GtkFileFilter) supported = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (
      _ ("Add Evidence"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Add"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (supported, _ ("PDF documents and pictures"));
  gtk_file_filter_add_mime_type (supported, "application/pdf");
  gtk_file_filter_add_mime_type (supported, "image/jpeg");
  gtk_file_filter_add_mime_type (supported, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), supported);
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- removing, with undo ---------------------------------------------------------------- */

typedef struct
{
  GWeakRef page;
  ZhiProject *project;
  char *id;
  char *title;
  char *file_name;
  char *media_type;
  guint64 size;
  char *sha256;
  guint page_count;
  GStrv supports;
  GDateTime *added;
} Removed;

static void
removed_free (gpointer data, GClosure *closure)
{
  Removed *r = data;

  g_weak_ref_clear (&r->page);
  g_object_unref (r->project);
  g_free (r->id);
  g_free (r->title);
  g_free (r->file_name);
  g_free (r->media_type);
  g_free (r->sha256);
  g_strfreev (r->supports);
  g_date_time_unref (r->added);
  g_free (r);
}

static void
undo_clicked_cb (AdwToast *toast, Removed *r)
{
  g_autoptr (ZhiEvidencePage) self = g_weak_ref_get (&r->page);
  g_autoptr (GError) error = NULL;
  ZhiEvidence *evidence = NULL;

  if (zhi_project_lookup_evidence (r->project, r->id) != NULL)
    return; /* undone already */
  /* The bytes stay in the file until it is closed; a project saved elsewhere since has
   * dropped them. */
  if (zhi_project_has_blob (r->project, r->sha256))
    {
      evidence = zhi_project_add_evidence (r->project, r->id, r->title, r->file_name, r->media_type,
                                           r->size, r->sha256, r->page_count,
                                           (const char *const *)r->supports, r->added, &error);
    }
  if (self == NULL)
    return;
  if (evidence == NULL)
    {
      AdwToast *failed = adw_toast_new_format (
          _ ("“%s” cannot be restored: its file is no longer in the application. Add it again."),
          r->title);

      adw_toast_set_priority (failed, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, failed);
      return;
    }
  if (zhi_page_get_project (ZHI_PAGE (self)) == r->project)
    zhi_evidence_page_select (self, r->id);
}

gboolean
zhi_evidence_page_remove (ZhiEvidencePage *self, const char *evidence_id)
{
  ZhiEvidence *evidence;
  Removed *r;
  AdwToast *toast;
  const char *title;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL
      || (evidence
          = zhi_project_lookup_evidence (zhi_page_get_project (ZHI_PAGE (self)), evidence_id))
             == NULL)
    return FALSE;
  r = g_new0 (Removed, 1);
  g_weak_ref_init (&r->page, self);
  r->project = g_object_ref (zhi_page_get_project (ZHI_PAGE (self)));
  r->id = g_strdup (zhi_evidence_get_id (evidence));
  r->title = g_strdup (zhi_evidence_get_title (evidence));
  r->file_name = g_strdup (zhi_evidence_get_file_name (evidence));
  r->media_type = g_strdup (zhi_evidence_get_media_type (evidence));
  r->size = zhi_evidence_get_size (evidence);
  r->sha256 = g_strdup (zhi_evidence_get_sha256 (evidence));
  r->page_count = zhi_evidence_get_page_count (evidence);
  r->supports = g_strdupv ((char **)zhi_evidence_get_supports (evidence));
  r->added = g_date_time_ref (zhi_evidence_get_added (evidence));

  title = *r->title != '\0' ? r->title : r->file_name;
  toast = adw_toast_new_format (_ ("“%s” removed"), title);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), r, removed_free, 0);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *)&self->undo_toast);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *)&self->undo_toast);

  zhi_project_remove_evidence (zhi_page_get_project (ZHI_PAGE (self)), r->id);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

gboolean
zhi_evidence_page_undo_remove (ZhiEvidencePage *self)
{
  AdwToast *toast;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);

  if (self->undo_toast == NULL)
    return FALSE;
  toast = g_object_ref (self->undo_toast);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  g_object_unref (toast);
  return TRUE;
}

/* ---- the project ------------------------------------------------------------------------ */

static void
load_standard (ZhiEvidencePage *self)
{
  const char *track = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                          ? zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self)))
                          : "";
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->standard);
  if (track != NULL && *track != '\0')
    {
      /* the edition the project is drafted against; when it is not installed (the project
       * then opens read-only) the built-in edition still shows its data */
      self->standard = zhi_editions_for_project (zhi_page_get_project (ZHI_PAGE (self)), NULL);
      if (self->standard == NULL)
        self->standard = zhi_standard_load_builtin (track, &error);
      if (self->standard == NULL)
        g_warning ("standard for %s: %s", track, error->message);
    }
  build_support_rows (self);
  for (guint i = 0; i < self->bound_rows->len; i++)
    update_row (g_ptr_array_index (self->bound_rows, i));
  update_preview (self);
}

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiEvidencePage *self)
{
  if (g_strcmp0 (what, "track") == 0)
    load_standard (self);
  else if (g_strcmp0 (what, "evidence") == 0)
    {
      /* a link or a title changed: the filters may see the item differently now */
      if (*self->needle != '\0' || gtk_toggle_button_get_active (self->unlinked_button))
        refilter (self);
      else
        update_stacks (self);
    }
}

static void
evidence_added_cb (ZhiProject *project, ZhiEvidence *evidence, ZhiEvidencePage *self)
{
  thumb_request (self, evidence);
  update_stacks (self);
}

static void
evidence_removed_cb (ZhiProject *project, ZhiEvidence *evidence, ZhiEvidencePage *self)
{
  if (evidence == self->current)
    {
      show_evidence (self, NULL);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    }
  update_stacks (self);
}

static void
reset_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

static void
let_go (ZhiEvidencePage *self)
{
  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    g_signal_handlers_disconnect_by_data (zhi_page_get_project (ZHI_PAGE (self)), self);
  cancel_attach (self);
  reset_cancellable (&self->thumb_cancellable);
  g_queue_clear_full (&self->thumb_queue, g_object_unref);
  self->thumb_running = FALSE;
  show_evidence (self, NULL);
}

static void
zhi_evidence_page_project_changed (ZhiPage *page, ZhiProject *old_project)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (page);
  ZhiProject *project = zhi_page_get_project (page);

  let_go (self);
  clear_progress (self);
  gtk_filter_list_model_set_model (
      self->filtered, project != NULL ? zhi_project_get_evidence_list (project) : NULL);
  load_standard (self);
  if (project != NULL)
    {
      g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, 0);
      g_signal_connect_object (project, "evidence-added", G_CALLBACK (evidence_added_cb), self, 0);
      g_signal_connect_object (project, "evidence-removed", G_CALLBACK (evidence_removed_cb), self,
                               0);
      thumb_request_uncounted (self);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
        {
          self->selecting = TRUE;
          gtk_single_selection_set_selected (self->selection, 0);
          self->selecting = FALSE;
        }
    }
  update_stacks (self);
}

/* ---- actions ---------------------------------------------------------------------------- */

/* "search" focuses the search entry, an evidence id shows that item */
static gboolean
zhi_evidence_page_focus_field (ZhiPage *page, const char *target)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (page);

  if (g_str_equal (target, "search"))
    {
      if (gtk_widget_get_visible (self->toolbar))
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return TRUE;
    }
  if (!zhi_evidence_page_select (self, target))
    return FALSE;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  gtk_stack_set_visible_child_name (self->preview_tabs, "details");
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return TRUE;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  add_clicked_cb (NULL, ZHI_EVIDENCE_PAGE (widget));
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
zhi_evidence_page_dispose (GObject *object)
{
  ZhiEvidencePage *self = ZHI_EVIDENCE_PAGE (object);

  if (self->bound_rows != NULL)
    let_go (self);
  g_clear_handle_id (&self->folded_idle, g_source_remove);
  g_clear_handle_id (&self->thumb_idle, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *)&self->undo_toast);
  self->undo_toast = NULL;
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_pointer (&self->preview_doc, preview_doc_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_EVIDENCE_PAGE);

  g_clear_object (&self->standard);
  g_clear_object (&self->conditions);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->page_model);
  g_clear_object (&self->thumb_cancellable);
  g_clear_object (&self->attach_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_pointer (&self->support_rows, g_ptr_array_unref);
  g_clear_pointer (&self->support_switches, g_hash_table_unref);
  g_clear_pointer (&self->page_textures, g_hash_table_unref);
  g_clear_pointer (&self->page_pending, g_hash_table_unref);
  g_clear_pointer (&self->page_pictures, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (zhi_evidence_page_parent_class)->dispose (object);
}

static void
zhi_evidence_page_class_init (ZhiEvidencePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_evidence_page_dispose;
  ZHI_PAGE_CLASS (klass)->project_changed = zhi_evidence_page_project_changed;
  ZHI_PAGE_CLASS (klass)->focus_field = zhi_evidence_page_focus_field;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-evidence-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, unlinked_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, add_content);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, progress_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, preview_tabs);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, details_scroller);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, problem_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, file_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, type_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, size_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, pages_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, added_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, sha_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, pages_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, pages_status);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidencePage, pages_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlinked_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_hash_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);

  gtk_widget_class_install_action (widget_class, "page.add-files", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.focus", "s",
                                       "search");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.add-files", NULL);
}

static void
zhi_evidence_page_init (ZhiEvidencePage *self)
{
  g_autoptr (GError) error = NULL;
  GtkListItemFactory *factory;
  GtkDropTarget *drop;

  self->needle = g_strdup ("");
  self->bound_rows = g_ptr_array_new ();
  self->support_rows = g_ptr_array_new ();
  self->support_switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->page_textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->page_pending = g_hash_table_new (NULL, NULL);
  self->page_pictures = g_hash_table_new (NULL, NULL);
  self->page_model = gtk_string_list_new (NULL);
  self->thumb_cancellable = g_cancellable_new ();
  self->attach_cancellable = g_cancellable_new ();
  self->preview_cancellable = g_cancellable_new ();
  g_queue_init (&self->thumb_queue);
  g_queue_init (&self->attach_queue);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the template's top widget: AdwBin unparents it, so it is not a bound template child */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  self->conditions = zhi_conditions_load_builtin (&error);
  if (self->conditions == NULL)
    g_warning ("conditions: %s", error->message);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb),
                    self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_stacks), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (list_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (list_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (list_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (pages_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (pages_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (pages_unbind_cb), self);
  gtk_list_view_set_factory (self->pages_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->pages_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                 g_object_ref (G_LIST_MODEL (self->page_model)))));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  build_support_rows (self);
  update_stacks (self);
  update_preview (self);
}

GtkWidget *
zhi_evidence_page_new (void)
{
  return g_object_new (ZHI_TYPE_EVIDENCE_PAGE, NULL);
}

/* ---- for tests and other pages ---------------------------------------------------------- */

guint
zhi_evidence_page_get_n_attaching (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), 0);
  return g_queue_get_length (&self->attach_queue) + (self->attach_running ? 1 : 0);
}

guint
zhi_evidence_page_get_n_failed (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), 0);
  return self->attach_failed;
}

GListModel *
zhi_evidence_page_get_visible_items (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
zhi_evidence_page_set_unlinked_only (ZhiEvidencePage *self, gboolean unlinked_only)
{
  g_return_if_fail (ZHI_IS_EVIDENCE_PAGE (self));
  gtk_toggle_button_set_active (self->unlinked_button, unlinked_only);
}

static Thumb *
thumb_for_id (ZhiEvidencePage *self, const char *evidence_id)
{
  ZhiEvidence *evidence
      = zhi_page_get_project (ZHI_PAGE (self)) != NULL
            ? zhi_project_lookup_evidence (zhi_page_get_project (ZHI_PAGE (self)), evidence_id)
            : NULL;

  return evidence != NULL ? thumb_lookup (evidence) : NULL;
}

GdkTexture *
zhi_evidence_page_get_thumbnail (ZhiEvidencePage *self, const char *evidence_id)
{
  Thumb *thumb;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  thumb = thumb_for_id (self, evidence_id);
  return thumb != NULL ? thumb->texture : NULL;
}

const char *
zhi_evidence_page_get_problem (ZhiEvidencePage *self, const char *evidence_id)
{
  Thumb *thumb;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  thumb = thumb_for_id (self, evidence_id);
  return thumb != NULL ? thumb->problem : NULL;
}

gboolean
zhi_evidence_page_thumbnail_done (ZhiEvidencePage *self, const char *evidence_id)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);
  return thumb_for_id (self, evidence_id) != NULL;
}

gboolean
zhi_evidence_page_select (ZhiEvidencePage *self, const char *evidence_id)
{
  GListModel *model;
  ZhiEvidence *evidence;

  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), FALSE);

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL
      || (evidence
          = zhi_project_lookup_evidence (zhi_page_get_project (ZHI_PAGE (self)), evidence_id))
             == NULL)
    return FALSE;
  model = G_LIST_MODEL (self->filtered);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (ZhiEvidence) item = g_list_model_get_item (model, i);

      if (item == evidence)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  self->selecting = FALSE;
  show_evidence (self, evidence);
  return TRUE;
}

GtkSwitch *
zhi_evidence_page_get_support_switch (ZhiEvidencePage *self, const char *rule_id)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), NULL);
  return g_hash_table_lookup (self->support_switches, rule_id);
}

guint
zhi_evidence_page_get_n_preview_textures (ZhiEvidencePage *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_PAGE (self), 0);
  return g_hash_table_size (self->page_textures);
}
