/* test-migration.c — moving a project onto a newer edition of its track: what carries over,
 * the report of what does not, and the edition recorded */
#include "zhi-editions.h"
#include "zhi-migration.h"
#include "zhi-store.h"

#include <glib/gstdio.h>

#include <math.h>
#include <string.h>

#include "zhi-test-util.h"

static ZhiStandard *
standard_from_text (const char *text, const char *name)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  ZhiStandard *s = zhi_standard_new_from_bytes (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* The next edition: w01.security renamed, the maturity level L4 renamed L5, criterion w09
 * renumbered w11 (with its items and indicators) */
static ZhiStandard *
newer_workshop (const char *edition)
{
  char *text = zhi_test_newer_workshop_json (edition);
  ZhiStandard *standard;

  text = zhi_test_replace (
      text, "\"L4\",\n              \"name\": {\n                \"zh\": \"四级（L4）\"",
      "\"L5\",\n              \"name\": {\n                \"zh\": \"四级（L4）\"");
  standard = standard_from_text (text, "workshop@next.json");
  g_free (text);
  return standard;
}

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static ZhiProject *
drafted_project (ZhiStandard *from)
{
  ZhiProject *project = zhi_project_new ();
  ZhiAnswers *answers = zhi_project_get_answers (project);
  const char *w01[] = { "w01", NULL };
  const char *both[] = { "w01", "w09", "cond-1", NULL };
  const char *w09[] = { "w09", "w02", NULL };
  g_autoptr (ZhiScenario) scenario = zhi_scenario_new ("安全巡检", w09, "巡检");
  g_autoptr (GError) error = NULL;

  zhi_editions_set_project_standard (project, from);
  zhi_answers_set_bool (answers, "w01.network", TRUE);
  zhi_answers_set_bool (answers, "w01.security", TRUE);
  zhi_answers_set_level (answers, "w02.equipment-maturity", "L4");
  zhi_answers_set_ratio (answers, "w02.smart-equipment-ratio", 60, 100, NAN);
  zhi_answers_set_bool (answers, "w09.safety-equipment", TRUE);
  zhi_answers_set_bool (answers, "cond-1", TRUE);
  zhi_project_answers_changed (project, NULL);
  zhi_project_set_narrative (project, "w01", "网络全覆盖");
  zhi_project_set_narrative (project, "w09", "安全设施齐全");
  g_assert_nonnull (zhi_project_add_evidence (project, "E1", "网络拓扑", "net.pdf",
                                              "application/pdf", 10, SHA_A, 1, w01, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (zhi_project_add_evidence (project, "E2", "安全台账", "safe.pdf",
                                              "application/pdf", 10, SHA_B, 1, both, NULL, &error));
  g_assert_no_error (error);
  zhi_project_add_scenario (project, scenario);
  return project;
}

static char *
loss_ids (GPtrArray *losses)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < losses->len; i++)
    {
      const ZhiMigrationLoss *loss = losses->pdata[i];

      g_string_append_printf (out, "%s%d:%s%s%s", i ? " " : "", loss->kind, loss->id,
                              loss->owner ? "/" : "", loss->owner ? loss->owner : "");
    }
  return g_string_free (out, FALSE);
}

#define EXPECTED_LOSSES                                                                            \
  "0:w01.security 0:w02.equipment-maturity 0:w09.safety-equipment 1:w09 2:w09/E2 3:w09/安全巡检"

static void
test_plan_changes_nothing (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) from = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiStandard) to = newer_workshop ("2025-06-01");
  g_autoptr (ZhiProject) project = drafted_project (from);
  g_autoptr (ZhiAnswers) before = zhi_answers_copy (zhi_project_get_answers (project));
  g_autoptr (GPtrArray) losses = zhi_migration_plan (project, from, to, &error);
  g_autofree char *ids = NULL;
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  ids = loss_ids (losses);
  g_assert_cmpstr (ids, ==, EXPECTED_LOSSES);
  g_assert_true (zhi_answers_equal (before, zhi_project_get_answers (project)));
  g_assert_cmpstr (zhi_project_get_narrative (project, "w09"), ==, "安全设施齐全");
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2023-04-18");

  report = zhi_migration_report (from, to, losses);
  g_assert_nonnull (strstr (report, "From workshop@2023-04-18 to workshop@2025-06-01: 6 things "
                                    "do not carry over:\n"));
  g_assert_nonnull (strstr (report, "the new edition has no level L4"));
  g_assert_nonnull (strstr (report, "Evidence E2 (安全台账): its link to w09, which is not in "
                                    "edition 2025-06-01"));
}

static void
test_apply (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) from = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiStandard) to = newer_workshop ("2025-06-01");
  g_autoptr (ZhiProject) project = drafted_project (from);
  g_autoptr (GPtrArray) losses = zhi_migration_apply (project, from, to, &error);
  ZhiAnswers *answers = zhi_project_get_answers (project);
  g_autofree char *ids = NULL;
  gboolean yes = FALSE;
  double num = 0, den = 0;
  const ZhiScenario *scenario;
  ZhiEvidence *e2;

  g_assert_no_error (error);
  ids = loss_ids (losses);
  g_assert_cmpstr (ids, ==, EXPECTED_LOSSES);

  /* recorded: the new edition and its file's hash */
  g_assert_cmpstr (zhi_project_get_track (project), ==, "workshop");
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2025-06-01");
  g_assert_cmpstr (zhi_project_get_standard_sha256 (project), ==, zhi_standard_get_sha256 (to));
  g_assert_cmpstr (zhi_project_get_standard_sha256 (project), !=, zhi_standard_get_sha256 (from));

  /* carried over where the ids match */
  g_assert_true (zhi_answers_get_bool (answers, "w01.network", &yes) && yes);
  g_assert_true (zhi_answers_get_ratio (answers, "w02.smart-equipment-ratio", &num, &den, NULL));
  g_assert_cmpfloat (num, ==, 60);
  g_assert_true (zhi_answers_get_bool (answers, "cond-1", &yes) && yes);
  g_assert_cmpstr (zhi_project_get_narrative (project, "w01"), ==, "网络全覆盖");
  g_assert_true (zhi_evidence_supports (zhi_project_lookup_evidence (project, "E1"), "w01"));

  /* dropped what does not */
  g_assert_cmpint (zhi_answers_get_answer_type (answers, "w01.security"), ==, ZHI_ANSWER_NONE);
  g_assert_null (zhi_answers_get_level (answers, "w02.equipment-maturity"));
  g_assert_cmpint (zhi_answers_get_answer_type (answers, "w09.safety-equipment"), ==,
                   ZHI_ANSWER_NONE);
  g_assert_null (zhi_project_get_narrative (project, "w09"));
  e2 = zhi_project_lookup_evidence (project, "E2");
  g_assert_false (zhi_evidence_supports (e2, "w09"));
  g_assert_true (zhi_evidence_supports (e2, "w01"));
  g_assert_true (zhi_evidence_supports (e2, "cond-1"));
  scenario = zhi_project_get_scenario (project, 0);
  g_assert_cmpuint (g_strv_length (scenario->criteria), ==, 1);
  g_assert_cmpstr (scenario->criteria[0], ==, "w02");
  g_assert_cmpstr (scenario->description, ==, "巡检");

  /* a second move from the same edition to itself is refused */
  g_clear_pointer (&losses, g_ptr_array_unref);
  losses = zhi_migration_apply (project, to, to, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (losses);
}

static void
test_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) from = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiStandard) older = newer_workshop ("2021-01-01");
  g_autoptr (ZhiStandard) other = zhi_standard_load_builtin ("factory-process", &error);
  g_autoptr (ZhiProject) project = drafted_project (from);
  g_autoptr (GPtrArray) losses = NULL;

  g_assert_no_error (error);
  losses = zhi_migration_plan (project, from, older, &error);
  g_assert_null (losses);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "2021-01-01 is not newer"));
  g_clear_error (&error);

  losses = zhi_migration_apply (project, from, other, &error);
  g_assert_null (losses);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "another track"));
  /* nothing changed */
  g_assert_cmpstr (zhi_project_get_track (project), ==, "workshop");
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2023-04-18");
  g_assert_cmpstr (zhi_project_get_narrative (project, "w09"), ==, "安全设施齐全");
}

/* A project drafted against an edition that is not installed opens read-only, its data intact;
 * once the edition is installed it opens writable again. */
static void
test_missing_edition_opens_read_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zhi-migration-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.zhizao", NULL);
  g_autofree char *next_path = g_build_filename (dir, "next.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (ZhiStandard) next = newer_workshop ("2026-02-02");
  g_autoptr (ZhiStandard) installed = NULL;
  g_autoptr (ZhiProject) project = NULL;
  g_autofree char *message = NULL;
  char *text = zhi_test_newer_workshop_json ("2026-02-02");

  g_assert_no_error (error);
  project = zhi_project_create (file, &error);
  g_assert_no_error (error);
  zhi_editions_set_project_standard (project, next);
  zhi_project_set_narrative (project, "w01", "网络全覆盖");
  g_assert_true (zhi_project_close (project, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&project));

  project = zhi_project_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zhi_project_get_access (project), ==, ZHI_PROJECT_READ_ONLY_EDITION);
  g_assert_true (zhi_project_is_read_only (project));
  g_assert_cmpstr (zhi_project_get_narrative (project, "w01"), ==, "网络全覆盖");
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2026-02-02");
  g_assert_true (zhi_editions_project_edition_missing (project, &message));
  g_assert_nonnull (strstr (message, "workshop@2026-02-02, which is not installed"));
  g_assert_true (zhi_project_close (project, &error));
  g_assert_finalize_object (g_steal_pointer (&project));

  /* installed: writable again */
  g_assert_true (g_file_set_contents (next_path, text, -1, &error));
  installed = zhi_editions_install (next_path, NULL, &error);
  g_assert_no_error (error);
  project = zhi_project_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zhi_project_get_access (project), ==, ZHI_PROJECT_WRITABLE);
  g_assert_false (zhi_editions_project_edition_missing (project, NULL));
  g_assert_true (zhi_project_close (project, &error));
  g_assert_true (zhi_editions_uninstall ("workshop@2026-02-02", &error));
  g_assert_no_error (error);
  g_free (text);
  g_unlink (next_path);
  g_unlink (path);
  g_rmdir (dir);
}

/* Undo after a move puts the project back exactly: answers, narratives, evidence links,
 * scenarios and the edition fields */
static void
test_undo_restores_exactly (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) from = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiStandard) to = newer_workshop ("2025-06-01");
  g_autoptr (ZhiProject) project = drafted_project (from);
  g_autofree char *before = zhi_test_project_json (project);
  g_autofree char *moved = NULL;
  g_autofree char *after = NULL;
  g_autoptr (ZhiMigrationUndo) undo = zhi_migration_undo_new (project, from, to);
  g_autofree char *unchanged = zhi_test_project_json (project);
  g_autoptr (GPtrArray) losses = NULL;

  g_assert_cmpstr (unchanged, ==, before); /* recording changes nothing */
  losses = zhi_migration_apply (project, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (losses->len, ==, 6);
  moved = zhi_test_project_json (project);
  g_assert_cmpstr (moved, !=, before);

  g_assert_true (zhi_migration_undo_restore (undo, project, &error));
  g_assert_no_error (error);
  after = zhi_test_project_json (project);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2023-04-18");
  g_assert_cmpstr (zhi_project_get_standard_sha256 (project), ==, zhi_standard_get_sha256 (from));
  g_assert_cmpstr (
      zhi_answers_get_level (zhi_project_get_answers (project), "w02.equipment-maturity"), ==,
      "L4");
  g_assert_cmpstr (zhi_project_get_narrative (project, "w09"), ==, "安全设施齐全");
}

/* What the applicant did after the move and the move did not touch stays through an undo */
static void
test_undo_keeps_later_edits (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) from = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiStandard) to = newer_workshop ("2025-06-01");
  g_autoptr (ZhiProject) project = drafted_project (from);
  g_autoptr (ZhiMigrationUndo) undo = zhi_migration_undo_new (project, from, to);
  g_autoptr (GPtrArray) losses = zhi_migration_apply (project, from, to, &error);
  ZhiAnswers *answers = zhi_project_get_answers (project);
  const char *linked[] = { "w01", "w09", "cond-1", "w11", NULL };
  const ZhiScenario *scenario;
  const char *const *supports;
  gboolean yes = TRUE;

  g_assert_no_error (error);
  /* after the move: an answer and a narrative of the new criterion, a new link */
  zhi_answers_set_bool (answers, "w11.safety-equipment", TRUE);
  zhi_answers_set_bool (answers, "w01.network", FALSE);
  zhi_project_answers_changed (project, NULL);
  zhi_project_set_narrative (project, "w11", "新编号的安全条目");
  zhi_project_add_evidence_support (project, "E2", "w11");

  g_assert_true (zhi_migration_undo_restore (undo, project, &error));
  g_assert_no_error (error);
  /* back: what the move dropped */
  g_assert_cmpstr (zhi_answers_get_level (answers, "w02.equipment-maturity"), ==, "L4");
  g_assert_true (zhi_answers_get_bool (answers, "w09.safety-equipment", &yes) && yes);
  g_assert_cmpstr (zhi_project_get_narrative (project, "w09"), ==, "安全设施齐全");
  supports = zhi_evidence_get_supports (zhi_project_lookup_evidence (project, "E2"));
  g_assert_cmpstrv (supports, linked);
  scenario = zhi_project_get_scenario (project, 0);
  g_assert_cmpstr (scenario->criteria[0], ==, "w09");
  g_assert_cmpstr (scenario->criteria[1], ==, "w02");
  g_assert_cmpstr (zhi_project_get_standard_edition (project), ==, "2023-04-18");
  /* kept: what was done since */
  g_assert_true (zhi_answers_get_bool (answers, "w11.safety-equipment", &yes) && yes);
  g_assert_true (zhi_answers_get_bool (answers, "w01.network", &yes) && !yes);
  g_assert_cmpstr (zhi_project_get_narrative (project, "w11"), ==, "新编号的安全条目");
}

/* A read-only project is not changed by an undo either */
static void
test_undo_refused_read_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zhi-migration-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.zhizao", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (ZhiStandard) from = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiStandard) to = newer_workshop ("2025-06-01");
  g_autoptr (ZhiProject) project = zhi_project_create (file, &error);
  g_autoptr (ZhiMigrationUndo) undo = NULL;
  g_autoptr (GPtrArray) losses = NULL;
  g_autoptr (ZhiProject) reader = NULL;

  g_assert_no_error (error);
  zhi_editions_set_project_standard (project, from);
  zhi_project_set_narrative (project, "w09", "安全设施齐全");
  undo = zhi_migration_undo_new (project, from, to);
  losses = zhi_migration_apply (project, from, to, &error);
  g_assert_no_error (error);
  g_assert_true (zhi_project_close (project, &error));
  g_assert_no_error (error);

  reader = zhi_project_open_read_only (file, &error);
  g_assert_no_error (error);
  g_assert_false (zhi_migration_undo_restore (undo, reader, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_cmpstr (zhi_project_get_standard_edition (reader), ==, "2025-06-01");
  g_assert_null (zhi_project_get_narrative (reader, "w09"));
  g_assert_true (zhi_project_close (reader, &error));
  g_unlink (path);
  g_rmdir (dir);
}

/* The edition a project is offered: the newest of its track newer than its own */
static void
test_newer_for_project (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) builtin = zhi_standard_load_builtin ("workshop", &error);
  g_autoptr (ZhiProject) project = zhi_project_new ();
  g_autoptr (ZhiStandard) none = NULL;
  g_autoptr (ZhiStandard) newer = NULL;
  g_autoptr (ZhiStandard) newest = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zhi-migration-XXXXXX", &error);
  const char *editions[] = { "2021-01-01", "2025-06-01", "2026-03-01" };

  g_assert_no_error (error);
  /* no track: nothing */
  g_assert_null (zhi_editions_newer_for_project (project));
  /* only the built-in edition: nothing newer */
  zhi_project_set_track (project, "workshop");
  g_assert_null (zhi_editions_newer_for_project (project));
  zhi_editions_set_project_standard (project, builtin);
  g_assert_null (zhi_editions_newer_for_project (project));

  for (guint i = 0; i < G_N_ELEMENTS (editions); i++)
    {
      g_autofree char *edition = g_strdup_printf ("\"edition\": \"%s\"", editions[i]);
      g_autofree char *name = g_strdup_printf ("%s.json", editions[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (ZhiStandard) installed = NULL;
      char *text
          = zhi_test_replace (zhi_test_workshop_json (), "\"edition\": \"2023-04-18\"", edition);

      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_free (text);
      installed = zhi_editions_install (path, NULL, &error);
      g_assert_no_error (error);
      g_unlink (path);
    }

  /* the newest of the track, whether the project records its edition or not */
  newest = zhi_editions_newer_for_project (project);
  g_assert_nonnull (newest);
  g_assert_cmpstr (zhi_standard_get_edition (newest), ==, "2026-03-01");
  zhi_project_set_standard_edition (project, "");
  g_clear_object (&newest); /* the editions cache parses an installed standard once: it keeps it */
  newest = zhi_editions_newer_for_project (project);
  g_assert_cmpstr (zhi_standard_get_edition (newest), ==, "2026-03-01");
  /* on the newest: nothing; another track's editions never count */
  zhi_editions_set_project_standard (project, newest);
  none = zhi_editions_newer_for_project (project);
  g_assert_null (none);
  zhi_project_set_track (project, "factory-process");
  zhi_project_set_standard_edition (project, "");
  g_assert_null (zhi_editions_newer_for_project (project));
  /* on an older installed one: the newest */
  zhi_project_set_track (project, "workshop");
  zhi_project_set_standard_edition (project, "2021-01-01");
  newer = zhi_editions_newer_for_project (project);
  g_assert_cmpstr (zhi_standard_get_edition (newer), ==, "2026-03-01");

  for (guint i = 0; i < G_N_ELEMENTS (editions); i++)
    {
      g_autofree char *ref = g_strdup_printf ("workshop@%s", editions[i]);

      g_assert_true (zhi_editions_uninstall (ref, &error));
      g_assert_no_error (error);
    }
  g_rmdir (dir);
}

/* An installed edition is read once: looking it up again gives the same object while its file
 * stays as it is; a file changed in place is read again (here: broken, so it drops out of the
 * list and is named among the broken ones). */
static void
test_installed_parsed_once (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zhi-editions-XXXXXX", &error);
  g_autofree char *source = g_build_filename (dir, "next.json", NULL);
  g_autofree char *installed_dir = zhi_editions_installed_dir ();
  g_autofree char *target = g_build_filename (installed_dir, "workshop@2027-03-03.json", NULL);
  g_autoptr (GPtrArray) broken = NULL;
  char *text = zhi_test_workshop_json ();

  g_assert_no_error (error);
  text = zhi_test_replace (text, "\"edition\": \"2023-04-18\"", "\"edition\": \"2027-03-03\"");
  g_assert_true (g_file_set_contents (source, text, -1, &error));
  g_autoptr (ZhiStandard) installed = zhi_editions_install (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (installed);

  g_autoptr (ZhiStandard) first = zhi_editions_lookup ("workshop", "2027-03-03", &error);
  g_assert_no_error (error);
  g_autoptr (ZhiStandard) second = zhi_editions_lookup ("workshop", "2027-03-03", &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_true (zhi_standard_get_installed (first));

  /* changed in place (another size): read again */
  g_assert_true (g_file_set_contents (target, "{ \"format\": 1 }", -1, &error));
  g_autoptr (ZhiStandard) after = zhi_editions_lookup ("workshop", "2027-03-03", &error);
  g_assert_error (error, ZHI_STANDARD_ERROR, ZHI_STANDARD_ERROR_NOT_FOUND);
  g_assert_null (after);
  g_clear_error (&error);
  g_autoptr (GPtrArray) all = zhi_editions_list (&broken, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (broken->len, ==, 1);
  g_assert_nonnull (strstr (broken->pdata[0], "workshop@2027-03-03.json"));

  g_assert_true (zhi_editions_uninstall ("workshop@2027-03-03", &error));
  g_assert_no_error (error);
  g_free (text);
  g_unlink (source);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("zhi-migration-data-XXXXXX", NULL);
  int status;

  /* installed editions go to a folder of this test's own */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("ZHIZAO_STANDARDS_DIR", ZHI_SOURCE_DIR "/resources/standards", FALSE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migration/plan-changes-nothing", test_plan_changes_nothing);
  g_test_add_func ("/migration/apply", test_apply);
  g_test_add_func ("/migration/refused", test_refused);
  g_test_add_func ("/migration/undo-restores-exactly", test_undo_restores_exactly);
  g_test_add_func ("/migration/undo-keeps-later-edits", test_undo_keeps_later_edits);
  g_test_add_func ("/migration/undo-refused-read-only", test_undo_refused_read_only);
  g_test_add_func ("/editions/missing-opens-read-only", test_missing_edition_opens_read_only);
  g_test_add_func ("/editions/newer-for-project", test_newer_for_project);
  g_test_add_func ("/editions/installed-parsed-once", test_installed_parsed_once);
  status = g_test_run ();
  zhi_test_remove_dir (data_home); /* the test's own data folder */
  return status;
}
