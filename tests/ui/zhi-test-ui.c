#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhi-criterion-page.h"
#include "zhi-demo-evidence.h"
#include "zhi-demo.h"
#include "zhi-editions.h"
#include "zhi-evidence-inspect.h"
#include "zhi-i18n.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

void
zhi_test_ui_init (int *argc, char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      /* TAP (meson's protocol here): an empty plan with SKIP is a skipped test, whereas
       * exit status 77 would be read as an error */
      g_print ("1..0 # SKIP no display: run under xvfb-run\n");
      exit (0);
    }
  zhi_i18n_init ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  zhi_evidence_inspector_install (); /* as the application's startup does */
  /* Screenshots and assertions see the end state, not a crossfade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

ZhiApplication *
zhi_test_ui_application_new (void)
{
  static ZhiApplication *app;
  g_autoptr (GError) error = NULL;

  /* One per process: a registered application stays exported on the bus. */
  if (app != NULL)
    return g_object_ref (app);
  app = zhi_application_new ();
  g_object_add_weak_pointer (G_OBJECT (app), (gpointer *)&app);
  g_application_hold (G_APPLICATION (app));

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

typedef struct
{
  guint frames;
} FrameCount;

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  FrameCount *count = data;

  count->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
zhi_test_ui_wait_for_frames (GtkWidget *widget, guint n_frames)
{
  FrameCount count = { 0 };
  guint id;
  gint64 deadline = g_get_monotonic_time () + ZHI_TEST_UI_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  /* a blocking iteration returns only when some source fires: this one makes sure one does, so
   * the deadline is checked even when the widget never maps and nothing else happens */
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));

  id = gtk_widget_add_tick_callback (widget, tick_cb, &count, NULL);
  while (count.frames < n_frames && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  g_source_remove (wake);
  /* Let idle work queued by the last frame run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
zhi_test_ui_wait_until (gboolean (*condition) (gpointer), gpointer data, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (condition (data));
}

static gboolean
focus_within (gpointer data)
{
  GtkWidget *widget = data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

void
zhi_test_ui_wait_for_focus (GtkWidget *widget)
{
  zhi_test_ui_wait_until (focus_within, widget, ZHI_TEST_UI_TIMEOUT_MS);
}

typedef struct
{
  gboolean (*shown) (GtkWidget *root, const char *text);
  GtkWidget *root;
  const char *text;
} TextWait;

static gboolean
text_condition (gpointer data)
{
  TextWait *wait = data;

  return wait->shown (wait->root, wait->text);
}

void
zhi_test_ui_wait_for_text (gboolean (*shown) (GtkWidget *root, const char *text),
                           GtkWidget *root,
                           const char *text)
{
  TextWait wait = { shown, root, text };

  zhi_test_ui_wait_until (text_condition, &wait, ZHI_TEST_UI_TIMEOUT_MS);
}

void
zhi_test_ui_wait_for_label (GtkWidget *root, const char *text)
{
  zhi_test_ui_wait_for_text (zhi_test_ui_label_shown, root, text);
}

gboolean
zhi_test_ui_save_png (GtkWidget *widget, const char *path, GError **error)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "widget %s has no size",
                   G_OBJECT_TYPE_NAME (widget));
      return FALSE;
    }

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* Work finishing in the background (thumbnails…) may have queued a new layout just
   * now: the widget draws nothing until the next frame has allocated it. */
  for (guint retry = 0; node == NULL && retry < 10; retry++)
    {
      zhi_test_ui_wait_for_frames (widget, 1);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "widget %s drew nothing",
                   G_OBJECT_TYPE_NAME (widget));
      return FALSE;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

GtkWindow *
zhi_test_ui_present (GtkWidget *child, int width, int height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  return window;
}

char *
zhi_test_ui_tmp_path (const char *dir_template, const char *name, char **tmpdir)
{
  g_autoptr (GError) error = NULL;

  *tmpdir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  return g_build_filename (*tmpdir, name, NULL);
}

ZhiProject *
zhi_test_ui_new_project (const char *dir_template, const char *name, char **path, char **tmpdir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  ZhiProject *project;

  *path = zhi_test_ui_tmp_path (dir_template, name, tmpdir);
  file = g_file_new_for_path (*path);
  project = zhi_project_create (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

char *
zhi_test_ui_demo_project (const char *dir_template, char **tmpdir)
{
  g_autoptr (GError) error = NULL;
  char *path = zhi_test_ui_tmp_path (dir_template, "demo.zhizao", tmpdir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (ZhiProject) project = zhi_demo_create (file, "workshop", &error);

  g_assert_no_error (error);
  g_assert_true (zhi_project_close (project, &error));
  g_assert_no_error (error);
  return path;
}

ZhiWindow *
zhi_test_ui_open_window (ZhiApplication *app, GFile *file, int width, int height)
{
  ZhiWindow *window = zhi_window_new (app);

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  zhi_window_open_file (window, file);
  g_assert_cmpstr (zhi_window_get_page_name (window), ==, "project");
  g_assert_nonnull (zhi_window_get_project (window));
  return window;
}

GtkWidget *
zhi_test_ui_criterion_control (ZhiProjectView *view, const char *step, const char *name)
{
  GtkWidget *widget
      = zhi_criterion_page_lookup (ZHI_CRITERION_PAGE (zhi_test_ui_show_step (view, step)), name);

  g_assert_nonnull (widget);
  return widget;
}

void
zhi_test_ui_type_keys (GtkWidget *widget, const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (widget));
  gtk_widget_grab_focus (widget);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char one[8] = { 0 };
      int position = -1;

      g_unichar_to_utf8 (g_utf8_get_char (p), one);
      gtk_editable_insert_text (GTK_EDITABLE (widget), one, -1, &position);
    }
}

GtkWindow *
zhi_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window; /* still owned by GTK's list */
    }
  return NULL;
}

GtkWidget *
zhi_test_ui_find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = zhi_test_ui_find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
zhi_test_ui_find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = zhi_test_ui_find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
zhi_test_ui_label_shown (GtkWidget *root, const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child)
          && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (zhi_test_ui_label_shown (child, text))
        return TRUE;
    }
  return FALSE;
}

void
zhi_test_ui_quit (GtkWindow *window, ZhiApplication **app)
{
  if (window != NULL)
    gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (app);
}

void
zhi_test_ui_destroy_window (GtkWindow *window)
{
  g_object_ref (window); /* GTK drops its own on destruction: this one is the last */
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

void
zhi_test_ui_close_project (ZhiProject **project, char **path, char **tmpdir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_steal_pointer (path);
  g_autofree char *dir = g_steal_pointer (tmpdir);

  g_assert_true (zhi_project_close (*project, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (project));
  if (dir != NULL)
    zhi_test_remove_dir (dir); /* the file, and whatever was written beside it */
  else if (file != NULL)
    g_unlink (file);
}

/* Two documents for the evidence page: a report PDF and a chart, linked to criteria. */
static gboolean
sample_evidence (ZhiProject *project, GFile *file, GError **error)
{
  static const char *const paragraphs[]
      = { "本报告记录数控机床关键零部件数字化车间的设备联网与数据采集情况。", NULL };
  static const char *const table[] = { "设备", "数量", "联网", "数控车床", "24", "是", NULL };
  static const char *const labels[] = { "2021", "2022", "2023", NULL };
  static const double before[] = { 62, 64, 66 };
  static const double after[] = { 70, 78, 86 };
  const ZhiDemoReport report
      = { "设备联网检测报告", "辽宁省智能制造检测中心", paragraphs, table, 3, 2 };
  const struct
  {
    const char *name;
    GBytes *bytes;
    const char *title;
    const char *supports[3];
  } docs[] = {
    { "设备联网检测报告.pdf",
      zhi_demo_evidence_report_pdf (&report, error),
      "设备联网检测报告",
      { "w03", "cond-2", NULL } },
    { "产能对比图.png", NULL, "设备综合效率对比图", { NULL } },
  };
  g_autoptr (GFile) dir = g_file_get_parent (file);
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (GBytes) bytes = docs[i].bytes;
      g_autoptr (GFile) doc = g_file_get_child (dir, docs[i].name);
      ZhiEvidence *evidence;

      if (ok && i == 1)
        bytes
            = zhi_demo_evidence_chart_png ("设备综合效率 OEE (%)", labels, before, after, 3, error);
      if (!ok || bytes == NULL
          || !g_file_replace_contents (doc, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), NULL, FALSE, G_FILE_CREATE_NONE,
                                       NULL, NULL, error))
        {
          ok = FALSE;
          continue;
        }
      evidence = zhi_project_attach_file (project, doc, docs[i].title, NULL, error);
      g_file_delete (doc, NULL, NULL);
      if (evidence == NULL)
        ok = FALSE;
      else
        zhi_project_set_evidence_supports (project, zhi_evidence_get_id (evidence),
                                           docs[i].supports);
    }
  return ok;
}

ZhiProject *
zhi_test_ui_sample_project (GFile *file, GError **error)
{
  g_autoptr (ZhiProject) project = zhi_project_create (file, error);

  if (project == NULL)
    return NULL;
  zhi_project_set_track (project, "workshop");
  zhi_project_set_name (project, "沈阳示例精密机床有限公司");
  {
    g_autofree char *code = zhi_test_credit_code ("210102", "MA0T5K2P"); /* Shenyang */

    zhi_project_set_credit_code (project, code);
  }
  zhi_project_set_city (project, "沈阳市");
  zhi_project_set_industry_division (project, "34");
  zhi_project_set_site_name (project, "数控机床关键零部件数字化车间");
  if (!sample_evidence (project, file, error))
    return NULL;
  if (!zhi_project_close (project, error))
    return NULL;
  return g_steal_pointer (&project);
}

GFile *
zhi_test_ui_sample_file (const char *dir_template, const char *name, char **path, char **tmpdir)
{
  g_autoptr (GError) error = NULL;
  GFile *file;
  ZhiProject *project;

  *path = zhi_test_ui_tmp_path (dir_template, name, tmpdir);
  file = g_file_new_for_path (*path);
  project = zhi_test_ui_sample_project (file, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (project);
  return file;
}

void
zhi_test_ui_set_project_edition (GFile *file, const char *edition)
{
  g_autoptr (GError) error = NULL;
  ZhiProject *project = zhi_project_open (file, &error);

  g_assert_no_error (error);
  zhi_project_set_standard_edition (project, edition);
  g_assert_true (zhi_project_close (project, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (project);
}

GtkWidget *
zhi_test_ui_show_step (ZhiProjectView *view, const char *step)
{
  GtkWidget *page;

  g_assert_true (zhi_project_view_show_step (view, step, NULL));
  page = zhi_project_view_get_page (view, step);
  g_assert_nonnull (page);
  zhi_test_ui_wait_for_frames (page, 1);
  return page;
}

char *
zhi_test_ui_data_home_new (void)
{
  g_autoptr (GError) error = NULL;
  char *data_home = g_dir_make_tmp ("zhizao-test-data-XXXXXX", &error);

  g_assert_no_error (error);
  return data_home;
}

void
zhi_test_ui_data_home_remove (const char *data_home)
{
  zhi_test_remove_dir (data_home);
}

void
zhi_test_ui_install_newer_workshop (const char *edition)
{
  g_autofree char *dir = g_dir_make_tmp ("zhizao-edition-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "next.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) installed = NULL;
  char *text = zhi_test_newer_workshop_json (edition);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_free (text);
  installed = zhi_editions_install (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zhi_standard_get_edition (installed), ==, edition);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
focus_inside (GtkWidget *widget, GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
press_tab (GtkWindow *window)
{
  g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_FORWARD);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
zhi_test_ui_assert_tab_leaves (GtkWindow *window, GtkWidget *widget)
{
  GtkWidget *next;

  g_assert_true (focus_inside (widget, window));
  press_tab (window);
  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 1);
  g_assert_false (focus_inside (widget, window));
  next = gtk_root_get_focus (GTK_ROOT (window));
  press_tab (window);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != next);
  g_assert_false (focus_inside (widget, window));
}
