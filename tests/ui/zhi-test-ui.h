/* zhi-test-ui.h — helpers for tests that drive the real window */
#pragma once

#include <adwaita.h>

#include "zhi-application.h"
#include "zhi-project-view.h"
#include "zhi-project.h"
#include "zhi-window.h"

G_BEGIN_DECLS

/* gtk_test_init, or exit 77 (skipped) when there is no display. */
void zhi_test_ui_init (int *argc, char ***argv);
/* The process's registered, non-unique application (a new reference), as `zhizao`
 * has it after startup. */
ZhiApplication *zhi_test_ui_application_new (void);
/* Spins the main loop until @widget is mapped and has drawn @n_frames frames. */
void zhi_test_ui_wait_for_frames (GtkWidget *widget, guint n_frames);
/* Spins the main loop until @condition returns TRUE, or fails the test after @timeout_ms. */
void zhi_test_ui_wait_until (gboolean (*condition) (gpointer), gpointer data, guint timeout_ms);
/* The upper bound of the zhi_test_ui_wait_for_*() conditions below: generous, for a busy
 * machine; a condition that holds returns as soon as it does. */
#define ZHI_TEST_UI_TIMEOUT_MS 30000
/* Spins the main loop until the keyboard focus of @widget's window is @widget or inside it. */
void zhi_test_ui_wait_for_focus (GtkWidget *widget);
/* Spins the main loop until @shown (@root, @text) returns TRUE. */
void zhi_test_ui_wait_for_text (gboolean (*shown) (GtkWidget *root, const char *text),
                                GtkWidget *root,
                                const char *text);
/* Spins the main loop until a drawable label below @root shows @text (zhi_test_ui_label_shown). */
void zhi_test_ui_wait_for_label (GtkWidget *root, const char *text);
/* Renders @widget as it is on screen (snapshot → texture → PNG). */
gboolean zhi_test_ui_save_png (GtkWidget *widget, const char *path, GError **error);
/* Shows @step of @view (its page is built then if it was not yet) and waits for the page's
 * first frame; returns the page. */
GtkWidget *zhi_test_ui_show_step (ZhiProjectView *view, const char *step);
/* A plain window (@width × @height) holding @child, presented and drawn; it belongs to GTK. */
GtkWindow *zhi_test_ui_present (GtkWidget *child, int width, int height);
/* A new temporary folder named after @dir_template (stored in *@tmpdir) and the path of @name
 * in it. */
char *zhi_test_ui_tmp_path (const char *dir_template, const char *name, char **tmpdir);
/* A new, empty project file @name in a new temporary folder named after @dir_template; its path
 * in *@path and the folder in *@tmpdir (as zhi_test_ui_close_project() takes them). */
ZhiProject *
zhi_test_ui_new_project (const char *dir_template, const char *name, char **path, char **tmpdir);
/* The path of a closed workshop demo project (zhi_demo_create) written in a new temporary
 * folder named after @dir_template (stored in *@tmpdir). */
char *zhi_test_ui_demo_project (const char *dir_template, char **tmpdir);
/* A new window of @app (@width × @height unless 0) presented with the project at @file open;
 * the window belongs to GTK. */
ZhiWindow *zhi_test_ui_open_window (ZhiApplication *app, GFile *file, int width, int height);
/* The control @name of criterion page @step (shown first), asserted to exist. */
GtkWidget *zhi_test_ui_criterion_control (ZhiProjectView *view, const char *step, const char *name);
/* Focuses @widget (a GtkEditable) and types @text after its text one character at a time, as
 * a user does. */
void zhi_test_ui_type_keys (GtkWidget *widget, const char *text);
/* The first toplevel of @type other than @except, or NULL. */
GtkWindow *zhi_test_ui_find_toplevel (GType type);

/* The first widget in @root's tree (@root included) named @name / of @type, or NULL. */
GtkWidget *zhi_test_ui_find_named (GtkWidget *root, const char *name);
GtkWidget *zhi_test_ui_find_type (GtkWidget *root, GType type);
/* Whether a drawable GtkLabel below @root has a text containing @text. */
gboolean zhi_test_ui_label_shown (GtkWidget *root, const char *text);

/* Destroys @window, runs what its destruction queued and asserts the window is finalized:
 * a page or dialog that keeps it (or itself) alive fails the test. */
void zhi_test_ui_destroy_window (GtkWindow *window);
/* Destroys @window (when not NULL), runs what that queued and drops *@app: the end of a test
 * that may have closed its window itself. */
void zhi_test_ui_quit (GtkWindow *window, ZhiApplication **app);
/* Closes *@project (which must close cleanly), drops the caller's reference, the last one, and
 * asserts it is finalized; then removes its folder *@tmpdir with everything in it (without a
 * folder: the file at *@path) and frees both strings (either may be NULL). */
void zhi_test_ui_close_project (ZhiProject **project, char **path, char **tmpdir);

/* A project file at @file with the enterprise and some answers filled, closed again so a
 * window can open it. */
ZhiProject *zhi_test_ui_sample_project (GFile *file, GError **error);
/* The sample project above written as @name in a new temporary folder named after
 * @dir_template, closed and let go: its file; its path in *@path and the folder in *@tmpdir. */
GFile *
zhi_test_ui_sample_file (const char *dir_template, const char *name, char **path, char **tmpdir);
/* Records @edition as the edition of its standard the closed project at @file is drafted
 * against (it is opened, changed and closed again). */
void zhi_test_ui_set_project_edition (GFile *file, const char *edition);

/* A new empty folder for a test's own $XDG_DATA_HOME (the caller sets the variable), so the
 * editions it installs are seen by it alone; zhi_test_ui_data_home_remove() removes it again
 * with everything in it. */
char *zhi_test_ui_data_home_new (void);
void zhi_test_ui_data_home_remove (const char *data_home);

/* Installs (in $XDG_DATA_HOME) the built-in workshop standard as edition @edition, with
 * w01.security renamed w01.cyber-security and criterion w09 renumbered w11 (as
 * tests/test-migration.c's newer edition): what a move onto it cannot carry over is known. */
void zhi_test_ui_install_newer_workshop (const char *edition);

/* With the focus in @widget, Tab moves it out of @widget, and a second Tab moves it on again
 * (out of a message row below the field, if that is where it went). */
void zhi_test_ui_assert_tab_leaves (GtkWindow *window, GtkWidget *widget);

G_END_DECLS
