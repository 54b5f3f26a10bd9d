/* The evidence page: attaching by drop and by the page's API, thumbnails and page counts,
 * broken files, removing with undo, linking to criteria, search and filter, preview */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zhi-evidence-inspect.h"
#include "zhi-evidence-page.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"

typedef struct
{
  ZhiApplication *app;
  ZhiWindow *window;
  char *tmpdir;
  char *project_path;
  ZhiProject *project; /* the window's */
  ZhiEvidencePage *page;
  GFile *pdf;     /* two pages */
  GFile *png;     /* a chart */
  GFile *broken;  /* garbage named .pdf */
  GFile *missing; /* does not exist */
} Fixture;

static GFile *
write_pdf (const char *dir, const char *name, guint pages)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Test report, page %u", i + 1);

      cairo_set_source_rgb (cr, 0.1, 0.2, 0.6);
      cairo_rectangle (cr, 60, 60, 475, 120);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, 60, 240);
      cairo_set_font_size (cr, 24);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_file_new_for_path (path);
}

static GFile *
write_png (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (int i = 0; i < 5; i++)
    {
      cairo_set_source_rgb (cr, 0.2, 0.5 + i * 0.1, 0.3);
      cairo_rectangle (cr, 20 + i * 60, 180 - i * 30, 40, i * 30 + 10);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_file_new_for_path (path);
}

static GFile *
write_garbage (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char garbage[] = "%PDF-1.4\nthis is not really a PDF, it stops right here\n";

  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage - 1, NULL));
  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (ZhiProject) sample = NULL;
  g_autofree char *missing = NULL;
  ZhiProjectView *view;

  /* an application without evidence yet */
  sample = zhi_test_ui_new_project ("zhizao-evidence-XXXXXX", "申报.zhizao", &f->project_path,
                                    &f->tmpdir);
  file = g_file_new_for_path (f->project_path);
  zhi_project_set_track (sample, ZHI_TRACK_WORKSHOP);
  zhi_project_set_name (sample, "沈阳示例精密机床有限公司");
  g_assert_true (zhi_project_close (sample, &error));
  g_assert_finalize_object (g_steal_pointer (&sample));

  f->pdf = write_pdf (f->tmpdir, "检测报告.pdf", 2);
  f->png = write_png (f->tmpdir, "chart.png");
  f->broken = write_garbage (f->tmpdir, "broken.pdf");
  missing = g_build_filename (f->tmpdir, "gone.pdf", NULL);
  f->missing = g_file_new_for_path (missing);

  f->app = zhi_test_ui_application_new ();
  f->window = zhi_test_ui_open_window (f->app, file, 1100, 760);
  view = zhi_window_get_project_view (f->window);
  f->project = zhi_window_get_project (f->window);
  g_assert_nonnull (f->project);
  g_assert_true (zhi_project_view_show_step (view, "evidence", NULL));
  f->page = ZHI_EVIDENCE_PAGE (zhi_project_view_get_page (view, "evidence"));
  g_assert_true (ZHI_IS_EVIDENCE_PAGE (f->page));
  g_assert_true (zhi_page_get_project (ZHI_PAGE (f->page)) == f->project);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->pdf, f->png, f->broken };

  zhi_test_ui_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_file_delete (files[i], NULL, NULL);
      g_object_unref (files[i]);
    }
  g_object_unref (f->missing);
  g_unlink (f->project_path);
  g_assert_cmpint (g_rmdir (f->tmpdir), ==, 0);
  g_free (f->project_path);
  g_free (f->tmpdir);
}

/* With ZHI_EVIDENCE_SHOTS=DIR, the tests save what the page looks like at some steps. */
static void
shoot (Fixture *f, const char *name)
{
  const char *dir = g_getenv ("ZHI_EVIDENCE_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (dir == NULL)
    return;
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  path = g_strdup_printf ("%s/%s-%s.png", dir, name, g_getenv ("LANGUAGE") ? "zh" : "en");
  if (!zhi_test_ui_save_png (GTK_WIDGET (f->window), path, &error))
    g_test_message ("%s: %s", path, error->message);
}

static gboolean
attach_done (gpointer data)
{
  Fixture *f = data;

  return zhi_evidence_page_get_n_attaching (f->page) == 0;
}

static gboolean
thumbnails_done (gpointer data)
{
  Fixture *f = data;
  GListModel *list = zhi_project_get_evidence_list (f->project);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);

      if (!zhi_evidence_page_thumbnail_done (f->page, zhi_evidence_get_id (evidence)))
        return FALSE;
    }
  return TRUE;
}

static void
attach (Fixture *f, GFile *const *files, guint n_files)
{
  zhi_evidence_page_add_files (f->page, files, n_files);
  zhi_test_ui_wait_until (attach_done, f, ZHI_TEST_UI_TIMEOUT_MS);
  zhi_test_ui_wait_until (thumbnails_done, f, ZHI_TEST_UI_TIMEOUT_MS);
}

static ZhiEvidence *
find_by_file_name (Fixture *f, const char *name)
{
  GListModel *list = zhi_project_get_evidence_list (f->project);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);

      if (g_str_equal (zhi_evidence_get_file_name (evidence), name))
        return evidence; /* the project holds it */
    }
  return NULL;
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  shoot (f, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (zhi_evidence_page_get_visible_items (f->page)), ==,
                    0);
  /* Ctrl+F's action does not fail on an empty library */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", "search"));
}

static void
test_drop_attaches_all (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->pdf, f->png };
  g_auto (GValue) value = G_VALUE_INIT;
  ZhiEvidence *pdf, *png;
  GdkTexture *texture;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  /* what GtkDropTarget hands its "drop" handler */
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, G_N_ELEMENTS (files)));
  g_assert_true (zhi_evidence_page_drop_value (f->page, &value));
  g_assert_cmpuint (zhi_evidence_page_get_n_attaching (f->page), ==, 2);
  zhi_test_ui_wait_until (attach_done, f, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_cmpuint (zhi_evidence_page_get_n_failed (f->page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (zhi_project_get_evidence_list (f->project)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (zhi_evidence_page_get_visible_items (f->page)), ==,
                    2);

  zhi_test_ui_wait_until (thumbnails_done, f, ZHI_TEST_UI_TIMEOUT_MS);
  pdf = find_by_file_name (f, "检测报告.pdf");
  png = find_by_file_name (f, "chart.png");
  g_assert_nonnull (pdf);
  g_assert_nonnull (png);
  g_assert_cmpstr (zhi_evidence_get_media_type (pdf), ==, "application/pdf");
  /* page counts come from poppler */
  g_assert_cmpuint (zhi_evidence_get_page_count (pdf), ==, 2);
  g_assert_cmpuint (zhi_evidence_get_page_count (png), ==, 1);
  g_assert_null (zhi_evidence_page_get_problem (f->page, zhi_evidence_get_id (pdf)));

  texture = zhi_evidence_page_get_thumbnail (f->page, zhi_evidence_get_id (pdf));
  g_assert_nonnull (texture);
  /* portrait A4, fitted into the thumbnail box */
  g_assert_cmpint (gdk_texture_get_height (texture), >, gdk_texture_get_width (texture));
  g_assert_cmpint (gdk_texture_get_height (texture), <=, 128);
  texture = zhi_evidence_page_get_thumbnail (f->page, zhi_evidence_get_id (png));
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), >, gdk_texture_get_height (texture));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);

  /* the same bytes again: a second item, its page count from the cache */
  zhi_evidence_page_add_files (f->page, files, 1);
  zhi_test_ui_wait_until (attach_done, f, ZHI_TEST_UI_TIMEOUT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (zhi_project_get_evidence_list (f->project)), ==, 3);
  {
    g_autoptr (ZhiEvidence) again
        = g_list_model_get_item (zhi_project_get_evidence_list (f->project), 2);

    g_assert_cmpstr (zhi_evidence_get_sha256 (again), ==, zhi_evidence_get_sha256 (pdf));
    g_assert_cmpuint (zhi_evidence_get_page_count (again), ==, 2);
  }
}

static void
test_errors_named_others_continue (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->missing, f->png };

  attach (f, files, G_N_ELEMENTS (files));
  g_assert_cmpuint (zhi_evidence_page_get_n_failed (f->page), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (zhi_project_get_evidence_list (f->project)), ==, 1);
  shoot (f, "failed");
  g_assert_nonnull (find_by_file_name (f, "chart.png"));
}

static void
test_broken_pdf_warns (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->broken };
  ZhiEvidence *evidence;
  const char *problem;

  attach (f, files, 1);
  evidence = find_by_file_name (f, "broken.pdf");
  g_assert_nonnull (evidence);
  problem = zhi_evidence_page_get_problem (f->page, zhi_evidence_get_id (evidence));
  g_assert_nonnull (problem);
  g_test_message ("problem: %s", problem);
  g_assert_null (zhi_evidence_page_get_thumbnail (f->page, zhi_evidence_get_id (evidence)));
  g_assert_cmpuint (zhi_evidence_get_page_count (evidence), ==, 0);
  /* the preview copes too */
  g_assert_true (zhi_evidence_page_select (f->page, zhi_evidence_get_id (evidence)));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  shoot (f, "broken");
}

static void
test_remove_and_undo (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->pdf, f->png };
  ZhiEvidence *pdf;
  g_autofree char *id = NULL;
  const char *const supports[] = { "w03", "cond-2", NULL };

  attach (f, files, G_N_ELEMENTS (files));
  pdf = find_by_file_name (f, "检测报告.pdf");
  id = g_strdup (zhi_evidence_get_id (pdf));
  zhi_project_set_evidence_supports (f->project, id, supports);
  zhi_project_set_evidence_title (f->project, id, "质量检测报告");

  g_assert_true (zhi_evidence_page_remove (f->page, id));
  shoot (f, "undo");
  g_assert_null (zhi_project_lookup_evidence (f->project, id));
  g_assert_cmpuint (g_list_model_get_n_items (zhi_evidence_page_get_visible_items (f->page)), ==,
                    1);
  g_assert_true (zhi_evidence_page_undo_remove (f->page));
  pdf = zhi_project_lookup_evidence (f->project, id);
  g_assert_nonnull (pdf);
  g_assert_cmpstr (zhi_evidence_get_title (pdf), ==, "质量检测报告");
  g_assert_cmpuint (zhi_evidence_get_page_count (pdf), ==, 2);
  g_assert_true (g_strv_equal ((const char *const *)zhi_evidence_get_supports (pdf), supports));
  g_assert_cmpuint (g_list_model_get_n_items (zhi_evidence_page_get_visible_items (f->page)), ==,
                    2);
  /* the bytes are still there */
  g_assert_true (zhi_project_has_blob (f->project, zhi_evidence_get_sha256 (pdf)));
  g_assert_false (zhi_evidence_page_undo_remove (f->page));
}

static void
test_support_toggles (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->pdf };
  ZhiEvidence *pdf;
  GtkSwitch *criterion, *rule, *exclusion;

  attach (f, files, 1);
  pdf = find_by_file_name (f, "检测报告.pdf");
  g_assert_true (zhi_evidence_page_select (f->page, zhi_evidence_get_id (pdf)));
  criterion = zhi_evidence_page_get_support_switch (f->page, "w02");
  rule = zhi_evidence_page_get_support_switch (f->page, "cond-1");
  exclusion = zhi_evidence_page_get_support_switch (f->page, "excl-3");
  g_assert_nonnull (criterion);
  g_assert_nonnull (rule);
  g_assert_nonnull (exclusion);
  g_assert_false (gtk_switch_get_active (criterion));

  gtk_switch_set_active (criterion, TRUE);
  gtk_switch_set_active (rule, TRUE);
  g_assert_true (zhi_evidence_supports (pdf, "w02"));
  g_assert_true (zhi_evidence_supports (pdf, "cond-1"));
  g_assert_cmpuint (g_strv_length ((char **)zhi_evidence_get_supports (pdf)), ==, 2);
  gtk_switch_set_active (criterion, FALSE);
  g_assert_false (zhi_evidence_supports (pdf, "w02"));

  /* a change made elsewhere shows in the switches */
  zhi_project_add_evidence_support (f->project, zhi_evidence_get_id (pdf), "excl-3");
  g_assert_true (gtk_switch_get_active (exclusion));
  /* （五）'s encouraged half has a switch of its own */
  g_assert_nonnull (zhi_evidence_page_get_support_switch (f->page, "cond-5.encouraged"));
  gtk_switch_set_active (zhi_evidence_page_get_support_switch (f->page, "cond-5.encouraged"), TRUE);
  g_assert_true (zhi_evidence_supports (pdf, "cond-5.encouraged"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s",
                                             zhi_evidence_get_id (pdf)));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
}

static gboolean
visible_is_one (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (zhi_evidence_page_get_visible_items (f->page)) == 1;
}

static void
test_search_and_filter (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->pdf, f->png };
  GtkWidget *entry = zhi_test_ui_find_type (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  GListModel *visible = zhi_evidence_page_get_visible_items (f->page);
  ZhiEvidence *pdf, *png;
  g_autoptr (ZhiEvidence) first = NULL;

  attach (f, files, G_N_ELEMENTS (files));
  pdf = find_by_file_name (f, "检测报告.pdf");
  png = find_by_file_name (f, "chart.png");
  zhi_project_set_evidence_title (f->project, zhi_evidence_get_id (png), "Output Chart");

  /* Ctrl+F focuses the search entry */
  gtk_widget_grab_focus (GTK_WIDGET (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", "search"));
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_get_focus_child (entry) != NULL);

  /* by title, case-insensitive */
  gtk_editable_set_text (GTK_EDITABLE (entry), "output");
  zhi_test_ui_wait_until (visible_is_one, f, ZHI_TEST_UI_TIMEOUT_MS);
  first = g_list_model_get_item (visible, 0);
  g_assert_true (first == png);
  g_clear_object (&first);
  /* by file name */
  gtk_editable_set_text (GTK_EDITABLE (entry), "检测");
  zhi_test_ui_wait_until (visible_is_one, f, ZHI_TEST_UI_TIMEOUT_MS);
  first = g_list_model_get_item (visible, 0);
  g_assert_true (first == pdf);
  g_clear_object (&first);
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like this");
  while (g_list_model_get_n_items (visible) != 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  while (g_list_model_get_n_items (visible) != 2)
    g_main_context_iteration (NULL, TRUE);

  /* not linked to anything */
  zhi_project_add_evidence_support (f->project, zhi_evidence_get_id (pdf), "w01");
  zhi_evidence_page_set_unlinked_only (f->page, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  first = g_list_model_get_item (visible, 0);
  g_assert_true (first == png);
  /* linking the last one empties the filtered list */
  zhi_project_add_evidence_support (f->project, zhi_evidence_get_id (png), "cond-3");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  zhi_evidence_page_set_unlinked_only (f->page, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
}

static gboolean
preview_rendered (gpointer data)
{
  Fixture *f = data;

  return zhi_evidence_page_get_n_preview_textures (f->page) >= 1;
}

static void
test_preview_pages (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->pdf };
  ZhiEvidence *pdf;
  GtkStackSwitcher *switcher;

  attach (f, files, 1);
  pdf = find_by_file_name (f, "检测报告.pdf");
  g_assert_true (zhi_evidence_page_select (f->page, zhi_evidence_get_id (pdf)));
  /* the pages tab renders lazily, once shown */
  switcher
      = GTK_STACK_SWITCHER (zhi_test_ui_find_type (GTK_WIDGET (f->page), GTK_TYPE_STACK_SWITCHER));
  gtk_stack_set_visible_child_name (gtk_stack_switcher_get_stack (switcher), "pages");
  zhi_test_ui_wait_until (preview_rendered, f, ZHI_TEST_UI_TIMEOUT_MS);
  shoot (f, "pages");

  /* narrow: the list, then the preview on its own */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 760);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (zhi_window_get_project_view (f->window)),
                                             "view.show-step", "s", "evidence"));
  shoot (f, "narrow-list");
  /* page.focus with an id shows that item, in the preview pane */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s",
                                             zhi_evidence_get_id (pdf)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (gtk_stack_switcher_get_stack (switcher)), ==,
                   "details");
  shoot (f, "narrow-preview");
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  GFile *files[] = { f->pdf, f->png, f->broken, f->pdf, f->png };
  GtkWidget *cancel = NULL;
  guint n;

  zhi_evidence_page_add_files (f->page, files, G_N_ELEMENTS (files));
  /* the Cancel button of the progress area */
  g_assert_true (zhi_evidence_page_get_n_attaching (f->page) > 0);
  for (GtkWidget *w = zhi_test_ui_find_type (GTK_WIDGET (f->page), GTK_TYPE_PROGRESS_BAR);
       w != NULL; w = NULL)
    {
      GtkWidget *area = gtk_widget_get_parent (w);

      for (GtkWidget *c = zhi_test_ui_find_type (area, GTK_TYPE_BUTTON); c != NULL; c = NULL)
        cancel = c;
    }
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  zhi_test_ui_wait_until (attach_done, f, ZHI_TEST_UI_TIMEOUT_MS);
  shoot (f, "cancelled");
  n = g_list_model_get_n_items (zhi_project_get_evidence_list (f->project));
  g_assert_cmpuint (n + zhi_evidence_page_get_n_failed (f->page), ==, G_N_ELEMENTS (files));
  g_assert_cmpuint (zhi_evidence_page_get_n_failed (f->page), >=, 4);
  zhi_test_ui_wait_until (thumbnails_done, f, ZHI_TEST_UI_TIMEOUT_MS);
}

/* The texts of the labels on screen under @widget, joined by newlines. */
static void
collect_mapped_labels (GtkWidget *widget, GString *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_mapped_labels (c, out);
}

static char *
mapped_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_mapped_labels (widget, out);
  return g_string_free (out, FALSE);
}

static gboolean
text_shown (GtkWidget *widget, const char *needle)
{
  g_autofree char *text = mapped_text (widget);

  return strstr (text, needle) != NULL;
}

/* Waits until the mapped labels below @widget show @needle. */
static void
wait_for_text (GtkWidget *widget, const char *needle)
{
  zhi_test_ui_wait_for_text (text_shown, widget, needle);
}

/* An empty file and a .jpg that is no picture: kept, marked with their reason on the row and
 * in the detail, in the user's language; they support nothing. */
static void
test_unusable_marked (Fixture *f, gconstpointer data)
{
  g_autofree char *empty_path = g_build_filename (f->tmpdir, "空白.pdf", NULL);
  g_autofree char *fake_path = g_build_filename (f->tmpdir, "photo.jpg", NULL);
  g_autoptr (GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr (GFile) fake = g_file_new_for_path (fake_path);
  GFile *files[] = { empty, fake, f->pdf };
  ZhiEvidence *e, *j, *pdf;
  g_autofree char *text = NULL;
  g_autofree char *row_mark = NULL;
  const char *empty_reason;

  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  g_assert_true (g_file_set_contents (fake_path, "not a photo", -1, NULL));
  /* an empty file has no type to draw a thumbnail of: wait for the attaching only */
  zhi_evidence_page_add_files (f->page, files, G_N_ELEMENTS (files));
  zhi_test_ui_wait_until (attach_done, f, ZHI_TEST_UI_TIMEOUT_MS);
  e = find_by_file_name (f, "空白.pdf");
  j = find_by_file_name (f, "photo.jpg");
  pdf = find_by_file_name (f, "检测报告.pdf");
  g_assert_nonnull (e);
  g_assert_nonnull (j);
  g_assert_nonnull (pdf);
  g_assert_cmpstr (zhi_evidence_get_problem (e), ==, ZHI_EVIDENCE_PROBLEM_EMPTY);
  g_assert_cmpstr (zhi_evidence_get_problem (j), ==, ZHI_EVIDENCE_PROBLEM_NOT_AN_IMAGE);
  g_assert_cmpuint (zhi_evidence_get_page_count (j), ==, 0); /* not "1" */
  g_assert_true (zhi_evidence_get_usable (pdf));
  g_assert_cmpuint (zhi_evidence_get_page_count (pdf), ==, 2);

  /* the rows: the reason in the user's language */
  empty_reason = zhi_evidence_problem_describe (ZHI_EVIDENCE_PROBLEM_EMPTY);
  if (g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "zh"))
    g_assert_cmpstr (empty_reason, ==, "空文件");
  row_mark = g_strdup_printf (_ ("Unusable: %s"), empty_reason);
  wait_for_text (GTK_WIDGET (f->page), row_mark);
  text = mapped_text (GTK_WIDGET (f->page));
  g_test_message ("on screen:\n%s", text);
  g_assert_nonnull (strstr (text, row_mark));
  g_clear_pointer (&row_mark, g_free);
  row_mark = g_strdup_printf (_ ("Unusable: %s"),
                              zhi_evidence_problem_describe (ZHI_EVIDENCE_PROBLEM_NOT_AN_IMAGE));
  g_assert_nonnull (strstr (text, row_mark));

  /* the detail says it too */
  g_assert_true (zhi_evidence_page_select (f->page, zhi_evidence_get_id (e)));
  {
    g_autofree char *detail = g_strdup_printf (
        _ ("%s: this file does not open, so it supports nothing. Replace it with a file that "
           "opens."),
        empty_reason);

    wait_for_text (GTK_WIDGET (f->page), detail);
  }
  shoot (f, "unusable");
  g_unlink (empty_path);
  g_unlink (fake_path);
}

/* A project whose evidence was never inspected (as an older version saved it) is checked in
 * the background when the window opens it. */
static void
test_recheck_on_open (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = zhi_test_ui_tmp_path ("zhizao-recheck-XXXXXX", "old.zhizao", &dir);
  g_autofree char *empty_path = g_build_filename (dir, "empty.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr (ZhiApplication) app = NULL;
  ZhiWindow *window;
  ZhiEvidence *ev;

  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  {
    g_autoptr (ZhiProject) old = zhi_project_create (file, &error);

    g_assert_no_error (error);
    zhi_project_set_track (old, ZHI_TRACK_WORKSHOP);
    zhi_evidence_set_inspector (NULL); /* as before inspection existed */
    ev = zhi_project_attach_file (old, empty, "旧材料", NULL, &error);
    zhi_evidence_inspector_install ();
    g_assert_no_error (error);
    g_assert_false (zhi_evidence_get_inspected (ev));
    g_assert_true (zhi_project_close (old, &error));
  }
  app = zhi_test_ui_application_new ();
  window = zhi_test_ui_open_window (app, file, 0, 0);
  ev = zhi_project_lookup_evidence (zhi_window_get_project (window), "E1");
  g_assert_nonnull (ev);
  while (!zhi_evidence_get_inspected (ev))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (zhi_evidence_get_problem (ev), ==, ZHI_EVIDENCE_PROBLEM_EMPTY);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (path);
  g_unlink (empty_path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char *argv[])
{
  zhi_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/evidence-page/empty", test_empty);
  ADD ("/evidence-page/drop/attaches-all-with-thumbnails-and-pages", test_drop_attaches_all);
  ADD ("/evidence-page/add/errors-named-others-continue", test_errors_named_others_continue);
  ADD ("/evidence-page/add/cancel", test_cancel);
  ADD ("/evidence-page/broken-pdf/warns-without-crashing", test_broken_pdf_warns);
  ADD ("/evidence-page/remove/undo-restores-record", test_remove_and_undo);
  ADD ("/evidence-page/preview/support-toggles", test_support_toggles);
  ADD ("/evidence-page/preview/pages-rendered", test_preview_pages);
  ADD ("/evidence-page/search-and-filter", test_search_and_filter);
  ADD ("/evidence-page/unusable/marked-with-reason", test_unusable_marked);
#undef ADD
  g_test_add_func ("/evidence-page/unusable/old-project-rechecked-on-open", test_recheck_on_open);

  return g_test_run ();
}
