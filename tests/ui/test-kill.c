/* Nothing typed is lost after kill -9 (issue 10): a child process runs the real window on a
 * project file, types into a field of every kind (an entry, a number, a date, an eligibility
 * rule's note, only a ratio's numerator, only a KPI's baseline, a narrative's text view, a
 * yes/no check), waits 600 ms
 * (the autosave ticks every 500 ms) and is killed with SIGKILL; the parent opens the file and
 * finds every value. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>

#include "zhi-criterion-page.h"
#include "zhi-eligibility-page.h"
#include "zhi-enterprise-page.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"

#define NARRATIVE "车间于 2023 年完成 MES 部署，设备联网率 88%。\n第二段：质量追溯。"

static const char *self_path;

static void
type_into_text_view (GtkWidget *widget, const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

  gtk_widget_grab_focus (widget);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      char one[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), one);
      gtk_text_buffer_insert_at_cursor (buffer, one, -1);
    }
}

/* The child: the window, typing, then waiting to be killed. */
static int
child_main (const char *path)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  g_autoptr (GFile) file = g_file_new_for_path (path);
  ZhiWindow *window = zhi_test_ui_open_window (app, file, 1000, 720);
  ZhiProjectView *view;
  GtkWidget *check;

  zhi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  view = zhi_window_get_project_view (window);

  zhi_test_ui_type_keys (
      zhi_enterprise_page_get_control (
          ZHI_ENTERPRISE_PAGE (zhi_test_ui_show_step (view, "enterprise")), "name"),
      "沈阳示例装备制造有限公司");
  zhi_test_ui_type_keys (
      zhi_enterprise_page_get_control (
          ZHI_ENTERPRISE_PAGE (zhi_test_ui_show_step (view, "enterprise")), "employees"),
      "326");
  zhi_test_ui_type_keys (
      zhi_enterprise_page_get_control (
          ZHI_ENTERPRISE_PAGE (zhi_test_ui_show_step (view, "enterprise")), "founding-date"),
      "2015-03-18");
  zhi_test_ui_type_keys (
      zhi_eligibility_page_get_control (
          ZHI_ELIGIBILITY_PAGE (zhi_test_ui_show_step (view, "eligibility")), "cond-2", "note"),
      "财务报表经审计");
  zhi_test_ui_type_keys (
      zhi_test_ui_criterion_control (view, "criterion:w02", "w02.smart-equipment-ratio:numerator"),
      "55");
  zhi_test_ui_type_keys (
      zhi_test_ui_criterion_control (view, "criterion:w10", "w10.kpi-cycle:baseline"), "120");
  type_into_text_view (zhi_test_ui_criterion_control (view, "criterion:w02", "w02.narrative:text"),
                       NARRATIVE);
  check = zhi_test_ui_criterion_control (view, "criterion:w01", "w01.network:yes");
  if (GTK_IS_CHECK_BUTTON (check))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), TRUE);
  /* the last keystroke: tell the parent, then keep the window running */
  g_print ("typed\n");
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
test_kill_keeps_typing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("zhizao-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "断电.zhizao", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  const char *argv[] = { self_path, "--kill-child", path, NULL };
  GPid pid;
  int out_fd, status;

  {
    g_autoptr (ZhiProject) project = zhi_project_create (file, &error);

    g_assert_no_error (error);
    zhi_project_set_track (project, ZHI_TRACK_WORKSHOP);
    g_assert_true (zhi_project_close (project, &error));
    g_assert_no_error (error);
  }

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  /* blocks until the child has typed everything (the test's meson timeout bounds it) */
  {
    g_autoptr (GString) out = g_string_new (NULL);
    char buf[256];
    gssize n;

    while (strstr (out->str, "typed\n") == NULL && (n = read (out_fd, buf, sizeof buf)) > 0)
      g_string_append_len (out, buf, n);
    close (out_fd);
    if (strstr (out->str, "typed\n") == NULL)
      {
        kill (pid, SIGKILL);
        waitpid (pid, &status, 0);
        g_error ("the child window stopped before typing everything: %s", out->str);
      }
  }
  /* at most one autosave tick (500 ms) of typing may be lost: after 600 ms, nothing */
  g_usleep (600 * 1000);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);

  {
    g_autoptr (ZhiProject) reopened = zhi_project_open (file, &error);
    ZhiAnswers *answers;
    double a = 0, b = 0, c = 0;
    gboolean yes = FALSE;

    g_assert_no_error (error);
    g_assert_cmpstr (zhi_project_get_name (reopened), ==, "沈阳示例装备制造有限公司");
    g_assert_cmpint (zhi_project_get_employees (reopened), ==, 326);
    g_assert_cmpstr (zhi_project_get_founding_date (reopened), ==, "2015-03-18");
    answers = zhi_project_get_answers (reopened);
    g_assert_cmpstr (zhi_answers_get_note (answers, "cond-2"), ==, "财务报表经审计");
    g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &a, &b, &c));
    g_assert_cmpfloat (a, ==, 55);
    g_assert_true (isnan (b));
    g_assert_true (zhi_answers_get_kpi (answers, "w10.kpi-cycle", &a, &b));
    g_assert_cmpfloat (a, ==, 120);
    g_assert_true (isnan (b));
    g_assert_cmpstr (zhi_project_get_narrative (reopened, "w02"), ==, NARRATIVE);
    g_assert_true (zhi_answers_get_bool (answers, "w01.network", &yes));
    g_assert_true (yes);
    g_assert_true (zhi_project_close (reopened, &error));
    g_assert_no_error (error);
  }
  g_unlink (path);
  g_unlink (journal);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--kill-child"))
    {
      zhi_test_ui_init (&argc, &argv);
      return child_main (argv[2]);
    }
  self_path = argv[0];
  zhi_test_ui_init (&argc, &argv);
  g_test_add_func ("/kill/typing-survives-sigkill", test_kill_keeps_typing);
  return g_test_run ();
}
