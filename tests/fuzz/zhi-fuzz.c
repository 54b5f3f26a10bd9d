/* zhi-fuzz.c — logging, a private temporary folder and failure reporting for fuzz targets */
#include "zhi-fuzz.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags log_level,
                 const GLogField *fields,
                 gsize n_fields,
                 gpointer user_data)
{
  (void)user_data;
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) == 0)
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (log_level, fields, n_fields, NULL);
  abort ();
}

void
zhi_fuzz_init (void)
{
  static gsize done = 0;
  if (!g_once_init_enter (&done))
    return;
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("G_DEBUG");
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_once_init_leave (&done, 1);
}

static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

const char *
zhi_fuzz_tmp_dir (void)
{
  if (tmp_dir == NULL)
    {
      g_autoptr (GError) error = NULL;
      tmp_dir = g_dir_make_tmp ("zhi-fuzz-XXXXXX", &error);
      if (tmp_dir == NULL)
        zhi_fuzz_fail ("cannot make a temporary folder: %s", error->message);
      atexit (remove_tmp_dir);
    }
  return tmp_dir;
}

void
zhi_fuzz_fail (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  fputs ("zhi-fuzz: invariant broken: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  abort ();
}

static void
touch_string (const char *s, const char *what)
{
  if (s == NULL)
    zhi_fuzz_fail ("%s is NULL (strings are never NULL)", what);
  (void)strlen (s);
}

void
zhi_fuzz_exercise_project (ZhiProject *p)
{
  touch_string (zhi_project_get_name (p), "name");
  touch_string (zhi_project_get_credit_code (p), "credit_code");
  touch_string (zhi_project_get_founding_date (p), "founding_date");
  const char *track = zhi_project_get_track (p);
  if (!zhi_track_is_valid (track))
    zhi_fuzz_fail ("the project's track “%s” is not a valid track", track);
  (void)zhi_project_get_employees (p);
  (void)zhi_project_get_registered_capital (p);

  for (guint i = 0; i < zhi_project_get_n_scenarios (p); i++)
    {
      const ZhiScenario *s = zhi_project_get_scenario (p, i);
      touch_string (s->name, "scenario name");
      touch_string (s->description, "scenario description");
      if (s->criteria == NULL)
        zhi_fuzz_fail ("scenario %u has NULL criteria", i);
      for (char **c = s->criteria; *c; c++)
        touch_string (*c, "scenario criterion");
    }

  ZhiAnswers *answers = zhi_project_get_answers (p);
  g_autoptr (GPtrArray) ids = zhi_answers_list_ids (answers);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (JsonNode) node = zhi_answers_get_json (answers, ids->pdata[i]);
      if (node == NULL)
        zhi_fuzz_fail ("answer “%s” is listed but has no JSON", (char *)ids->pdata[i]);
      g_autofree char *text = json_to_string (node, FALSE);
      touch_string (text, "answer JSON");
    }

  g_autoptr (GPtrArray) narratives = zhi_project_list_narrative_ids (p);
  for (guint i = 0; i < narratives->len; i++)
    touch_string (zhi_project_get_narrative (p, narratives->pdata[i]), "narrative");

  GListModel *list = zhi_project_get_evidence_list (p);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (list, i);
      const char *id = zhi_evidence_get_id (ev);
      touch_string (id, "evidence id");
      touch_string (zhi_evidence_get_title (ev), "evidence title");
      touch_string (zhi_evidence_get_file_name (ev), "evidence file name");
      touch_string (zhi_evidence_get_media_type (ev), "evidence media type");
      touch_string (zhi_evidence_get_sha256 (ev), "evidence sha256");
      if (zhi_evidence_get_added (ev) == NULL)
        zhi_fuzz_fail ("evidence “%s” has no time", id);
      if (zhi_project_lookup_evidence (p, id) != ev)
        zhi_fuzz_fail ("evidence “%s” is not found by its id", id);
      for (const char *const *s = zhi_evidence_get_supports (ev); s && *s; s++)
        {
          g_autoptr (GPtrArray) users = zhi_project_list_evidence_for (p, *s);
          if (users->len == 0)
            zhi_fuzz_fail ("evidence “%s” supports “%s”, which lists no evidence", id, *s);
        }
    }

  /* export → text → import: the same project (docs/project-format.md) */
  g_autoptr (JsonNode) json = zhi_project_to_json (p);
  g_autofree char *text = json_to_string (json, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) parsed = json_from_string (text, &error);
  if (parsed == NULL)
    zhi_fuzz_fail ("the project's JSON export does not parse: %s\n%s", error->message, text);
  g_autoptr (ZhiProject) back = zhi_project_from_json (parsed, &error);
  if (back == NULL)
    zhi_fuzz_fail ("the project's JSON export does not import: %s\n%s", error->message, text);
  if (!zhi_project_equal (p, back))
    {
      g_autoptr (JsonNode) json2 = zhi_project_to_json (back);
      g_autofree char *text2 = json_to_string (json2, FALSE);
      zhi_fuzz_fail ("the project changed through export and import:\n%s\n%s", text, text2);
    }
}
