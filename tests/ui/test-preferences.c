/* test-preferences.c — Preferences › Standards: every edition listed, a new one imported with
 * the loader's checks, a broken one refused with its problems, an installed one removed. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "zhi-editions.h"
#include "zhi-preferences-window.h"
#include "zhi-test-ui.h"

/* workshop.json with another edition (and, when @broken, a weight that is not a number) */
static GFile *
make_edition (const char *name, const char *edition, gboolean broken)
{
  g_autofree char *src
      = g_build_filename (ZHI_SOURCE_DIR, "resources", "standards", "workshop.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  JsonObject *root;

  g_assert_true (json_parser_load_from_file (parser, src, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "edition", edition);
  if (broken)
    {
      JsonArray *criteria = json_object_get_array_member (root, "criteria");

      json_object_set_string_member (json_array_get_object_element (criteria, 0), "weight", "ten");
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, path, &error));
  return g_file_new_for_path (path);
}

static gboolean
problems_dialog_shown (gpointer data)
{
  GtkWindow *dialog = zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* Imports @file, which must be refused, and returns the body of the dialog that says why (the
 * dialog is closed).  Free with g_free(). */
static char *
import_refused (ZhiPreferencesWindow *prefs, GFile *file)
{
  GtkWindow *dialog;
  char *body = NULL;

  g_assert_false (zhi_preferences_window_import (prefs, file));
  zhi_test_ui_wait_until (problems_dialog_shown, NULL, ZHI_TEST_UI_TIMEOUT_MS);
  dialog = zhi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_object_get (dialog, "body", &body, NULL);
  gtk_window_destroy (dialog);
  return body;
}

static void
test_list_import_remove (void)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  g_autofree char *dir = zhi_editions_installed_dir ();
  g_autofree char *installed = g_build_filename (dir, "workshop@2025-06-01.json", NULL);
  g_autoptr (GFile) good = make_edition ("zhi-test-edition.json", "2025-06-01", FALSE);
  g_autoptr (GFile) bad = make_edition ("zhi-test-edition-bad.json", "2025-07-01", TRUE);
  ZhiPreferencesWindow *prefs;
  g_autofree char *body = NULL;

  g_unlink (installed);
  prefs = zhi_preferences_window_new (NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (prefs), 2);

  /* the three built-in editions, each with its source and no remove button */
  g_assert_cmpuint (zhi_preferences_window_get_n_editions (prefs), ==, 3);
  g_assert_nonnull (zhi_test_ui_find_named (GTK_WIDGET (prefs), "workshop@2023-04-18"));

  /* a new edition: checked, copied into the data folder, listed with a remove button */
  g_assert_true (zhi_preferences_window_import (prefs, good));
  g_assert_true (g_file_test (installed, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (zhi_preferences_window_get_n_editions (prefs), ==, 4);
  g_assert_nonnull (zhi_test_ui_find_named (GTK_WIDGET (prefs), "workshop@2025-06-01"));
  zhi_test_ui_wait_for_frames (GTK_WIDGET (prefs), 2);
  if (g_getenv ("ZHI_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *png
          = g_build_filename (g_getenv ("ZHI_SCREENSHOT_DIR"), "preferences-standards.png", NULL);
      g_assert_true (zhi_test_ui_save_png (GTK_WIDGET (prefs), png, NULL));
    }

  /* the same edition again: refused, with the way to replace it */
  body = import_refused (prefs, good);
  g_assert_nonnull (strstr (body, "--uninstall workshop@2025-06-01"));
  g_clear_pointer (&body, g_free);

  /* a broken file: refused with its problem's JSON path, nothing installed */
  body = import_refused (prefs, bad);
  g_assert_nonnull (strstr (body, "$.criteria[0].weight"));
  g_assert_cmpuint (zhi_preferences_window_get_n_editions (prefs), ==, 4);

  /* removed: the file is gone and so is its row; built-in editions cannot be removed */
  g_assert_true (zhi_preferences_window_remove (prefs, "workshop@2025-06-01"));
  g_assert_false (g_file_test (installed, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (zhi_preferences_window_get_n_editions (prefs), ==, 3);
  g_assert_null (zhi_test_ui_find_named (GTK_WIDGET (prefs), "workshop@2025-06-01"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_file_delete (good, NULL, NULL);
  g_file_delete (bad, NULL, NULL);
}

static void
test_menu_action (void)
{
  g_autoptr (ZhiApplication) app = zhi_test_ui_application_new ();
  GtkWindow *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = zhi_test_ui_find_toplevel (ZHI_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  gtk_window_destroy (prefs);
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);
  g_test_add_func ("/preferences/standards/list-import-remove", test_list_import_remove);
  g_test_add_func ("/preferences/menu-action", test_menu_action);
  return g_test_run ();
}
