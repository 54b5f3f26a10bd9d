/* zhi-migration.c — moving a project onto a newer edition of its track's standard */
#include "config.h"

#include "zhi-migration.h"

#include "zhi-editions.h"

#include <glib/gi18n-lib.h>

void
zhi_migration_loss_free (ZhiMigrationLoss *loss)
{
  if (loss == NULL)
    return;
  g_free (loss->id);
  g_free (loss->owner);
  g_free (loss->message);
  g_free (loss);
}

static void
add_loss (GPtrArray *losses,
          ZhiMigrationLossKind kind,
          const char *id,
          const char *owner,
          char *message /* owned */)
{
  ZhiMigrationLoss *loss = g_new0 (ZhiMigrationLoss, 1);

  loss->kind = kind;
  loss->id = g_strdup (id);
  loss->owner = g_strdup (owner);
  loss->message = message;
  g_ptr_array_add (losses, loss);
}

static gboolean
check_target (ZhiStandard *from, ZhiStandard *to, GError **error)
{
  if (g_strcmp0 (zhi_standard_get_id (from), zhi_standard_get_id (to)) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* TRANSLATORS: moving a project onto another track's standard */
                   _ ("%s@%s is a standard of another track than %s@%s: a project moves only to "
                      "a newer edition of its own track."),
                   zhi_standard_get_id (to), zhi_standard_get_edition (to),
                   zhi_standard_get_id (from), zhi_standard_get_edition (from));
      return FALSE;
    }
  if (g_strcmp0 (zhi_standard_get_edition (to), zhi_standard_get_edition (from)) <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _ ("%s@%s is not newer than the project's edition %s: choose a newer edition "
                      "of the track."),
                   zhi_standard_get_id (to), zhi_standard_get_edition (to),
                   zhi_standard_get_edition (from));
      return FALSE;
    }
  return TRUE;
}

/* does the answer to @old (of the old edition) still fit @new? */
static gboolean
answer_fits (const ZhiAnswers *answers,
             const char *id,
             const ZhiIndicator *old,
             const ZhiIndicator *new,
             char **why)
{
  const char *level;

  if (new == NULL)
    {
      *why = g_strdup (_ ("the indicator is not in the new edition"));
      return FALSE;
    }
  if (new->kind != old->kind)
    {
      /* TRANSLATORS: %s are indicator kinds as in the standards files: check, level, ratio … */
      *why = g_strdup_printf (_ ("the indicator is now of kind %s (was %s)"),
                              zhi_indicator_kind_to_string (new->kind),
                              zhi_indicator_kind_to_string (old->kind));
      return FALSE;
    }
  level = new->kind == ZHI_INDICATOR_LEVEL ? zhi_answers_get_level (answers, id) : NULL;
  if (level != NULL && zhi_indicator_level_index (new, level) < 0)
    {
      *why = g_strdup_printf (_ ("the new edition has no level %s"), level);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_old_rule (ZhiStandard *from, const char *id)
{
  return zhi_standard_lookup_criterion (from, id) != NULL
         || zhi_standard_lookup_indicator (from, id) != NULL;
}

static gboolean
is_new_rule (ZhiStandard *to, const char *id)
{
  return zhi_standard_lookup_criterion (to, id) != NULL
         || zhi_standard_lookup_indicator (to, id) != NULL;
}

/* Lists (and with @apply, drops) what does not carry over */
static GPtrArray *
walk (ZhiProject *project, ZhiStandard *from, ZhiStandard *to, gboolean apply)
{
  GPtrArray *losses = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_migration_loss_free);
  ZhiAnswers *answers = zhi_project_get_answers (project);
  g_autoptr (GPtrArray) ids = zhi_answers_list_ids (answers);
  g_autoptr (GPtrArray) narratives = zhi_project_list_narrative_ids (project);
  GListModel *evidence = zhi_project_get_evidence_list (project);
  const char *edition = zhi_standard_get_edition (to);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      const ZhiIndicator *old = zhi_standard_lookup_indicator (from, id);
      g_autofree char *why = NULL;

      /* conditions and exclusions are not the track standard's: they carry over */
      if (old == NULL || zhi_answers_get_answer_type (answers, id) == ZHI_ANSWER_NONE)
        continue;
      if (answer_fits (answers, id, old, zhi_standard_lookup_indicator (to, id), &why))
        continue;
      add_loss (
          losses, ZHI_MIGRATION_LOSS_ANSWER, id, NULL,
          /* TRANSLATORS: answer to indicator (id, label) not carried over: reason */
          g_strdup_printf (_ ("Answer to %s (%s): %s."), id, zhi_text_get (&old->label), why));
      if (apply)
        {
          zhi_answers_clear (answers, id);
          zhi_project_answers_changed (project, id);
        }
    }

  for (guint i = 0; i < narratives->len; i++)
    {
      const char *id = narratives->pdata[i];
      const ZhiCriterion *old = zhi_standard_lookup_criterion (from, id);

      if (zhi_standard_lookup_criterion (to, id) != NULL)
        continue;
      add_loss (losses, ZHI_MIGRATION_LOSS_NARRATIVE, id, NULL,
                g_strdup_printf (_ ("Narrative of criterion %s (%s): the criterion is not in "
                                    "edition %s."),
                                 id, old != NULL ? zhi_text_get (&old->title) : "?", edition));
      if (apply)
        zhi_project_set_narrative (project, id, NULL);
    }

  for (guint i = 0; i < g_list_model_get_n_items (evidence); i++)
    {
      g_autoptr (ZhiEvidence) item = g_list_model_get_item (evidence, i);
      g_auto (GStrv) supports = g_strdupv ((char **)zhi_evidence_get_supports (item));

      for (guint j = 0; supports != NULL && supports[j] != NULL; j++)
        {
          if (!is_old_rule (from, supports[j]) || is_new_rule (to, supports[j]))
            continue;
          add_loss (losses, ZHI_MIGRATION_LOSS_EVIDENCE, supports[j], zhi_evidence_get_id (item),
                    /* TRANSLATORS: evidence id, its title, the criterion or indicator id */
                    g_strdup_printf (_ ("Evidence %s (%s): its link to %s, which is not in "
                                        "edition %s (the file itself stays)."),
                                     zhi_evidence_get_id (item), zhi_evidence_get_title (item),
                                     supports[j], edition));
          if (apply)
            zhi_project_remove_evidence_support (project, zhi_evidence_get_id (item), supports[j]);
        }
    }

  for (guint i = 0; i < zhi_project_get_n_scenarios (project); i++)
    {
      const ZhiScenario *scenario = zhi_project_get_scenario (project, i);
      g_autoptr (GPtrArray) kept = g_ptr_array_new ();
      gboolean dropped = FALSE;

      for (guint j = 0; scenario->criteria[j] != NULL; j++)
        {
          const char *id = scenario->criteria[j];

          if (!is_old_rule (from, id) || is_new_rule (to, id))
            {
              g_ptr_array_add (kept, (gpointer)id);
              continue;
            }
          dropped = TRUE;
          add_loss (losses, ZHI_MIGRATION_LOSS_SCENARIO, id, scenario->name,
                    g_strdup_printf (_ ("Scenario “%s”: its link to criterion %s, which is not "
                                        "in edition %s."),
                                     scenario->name, id, edition));
        }
      if (apply && dropped)
        {
          g_autoptr (ZhiScenario) changed = NULL;

          g_ptr_array_add (kept, NULL);
          changed = zhi_scenario_new (scenario->name, (const char *const *)kept->pdata,
                                      scenario->description);
          zhi_project_update_scenario (project, i, changed);
        }
    }
  return losses;
}

GPtrArray *
zhi_migration_plan (ZhiProject *project, ZhiStandard *from, ZhiStandard *to, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (ZHI_IS_STANDARD (from) && ZHI_IS_STANDARD (to), NULL);
  if (!check_target (from, to, error))
    return NULL;
  return walk (project, from, to, FALSE);
}

GPtrArray *
zhi_migration_apply (ZhiProject *project, ZhiStandard *from, ZhiStandard *to, GError **error)
{
  GPtrArray *losses;

  g_return_val_if_fail (ZHI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (ZHI_IS_STANDARD (from) && ZHI_IS_STANDARD (to), NULL);
  if (!check_target (from, to, error))
    return NULL;
  if (zhi_project_is_read_only (project))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _ ("The project is open read-only: it cannot move to another edition."));
      return NULL;
    }
  losses = walk (project, from, to, TRUE);
  zhi_editions_set_project_standard (project, to);
  return losses;
}

char *
zhi_migration_report (ZhiStandard *from, ZhiStandard *to, GPtrArray *losses)
{
  GString *out = g_string_new (NULL);

  /* TRANSLATORS: id@edition → id@edition */
  g_string_append_printf (out, _ ("From %s@%s to %s@%s: "), zhi_standard_get_id (from),
                          zhi_standard_get_edition (from), zhi_standard_get_id (to),
                          zhi_standard_get_edition (to));
  if (losses->len == 0)
    g_string_append (out, _ ("everything carries over."));
  else
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "%u thing does not carry over:",
                                         "%u things do not carry over:", losses->len),
                            losses->len);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < losses->len; i++)
    {
      const ZhiMigrationLoss *loss = losses->pdata[i];

      g_string_append_printf (out, "  - %s\n", loss->message);
    }
  return g_string_free (out, FALSE);
}

/* ---- undoing a move --------------------------------------------------------------------- */

struct _ZhiMigrationUndo
{
  char *track;
  char *edition;
  char *sha256;
  GHashTable *answers;    /* indicator id → JsonNode (value and note) */
  GHashTable *narratives; /* criterion id → text */
  GHashTable *supports;   /* evidence id → GStrv, its links before the move */
  GPtrArray *scenarios;   /* ZhiScenario *, those that lose a link, as they were */
  GArray *scenario_index; /* guint, where each of them was */
};

ZhiMigrationUndo *
zhi_migration_undo_new (ZhiProject *project, ZhiStandard *from, ZhiStandard *to)
{
  ZhiMigrationUndo *undo;
  g_autoptr (GPtrArray) losses = NULL;
  ZhiAnswers *answers;

  g_return_val_if_fail (ZHI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (ZHI_IS_STANDARD (from) && ZHI_IS_STANDARD (to), NULL);

  answers = zhi_project_get_answers (project);
  undo = g_new0 (ZhiMigrationUndo, 1);
  undo->track = g_strdup (zhi_project_get_track (project));
  undo->edition = g_strdup (zhi_project_get_standard_edition (project));
  undo->sha256 = g_strdup (zhi_project_get_standard_sha256 (project));
  undo->answers
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_node_unref);
  undo->narratives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  undo->supports
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
  undo->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_scenario_free);
  undo->scenario_index = g_array_new (FALSE, FALSE, sizeof (guint));

  losses = walk (project, from, to, FALSE);
  for (guint i = 0; i < losses->len; i++)
    {
      const ZhiMigrationLoss *loss = losses->pdata[i];

      switch (loss->kind)
        {
          case ZHI_MIGRATION_LOSS_ANSWER:
            {
              JsonNode *node = zhi_answers_get_json (answers, loss->id);

              if (node != NULL)
                g_hash_table_replace (undo->answers, g_strdup (loss->id), node);
            }
            break;
          case ZHI_MIGRATION_LOSS_NARRATIVE:
            g_hash_table_replace (undo->narratives, g_strdup (loss->id),
                                  g_strdup (zhi_project_get_narrative (project, loss->id)));
            break;
          case ZHI_MIGRATION_LOSS_EVIDENCE:
            {
              ZhiEvidence *item = zhi_project_lookup_evidence (project, loss->owner);

              if (item != NULL && !g_hash_table_contains (undo->supports, loss->owner))
                g_hash_table_replace (undo->supports, g_strdup (loss->owner),
                                      g_strdupv ((char **)zhi_evidence_get_supports (item)));
            }
            break;
          case ZHI_MIGRATION_LOSS_SCENARIO:
            for (guint s = 0; s < zhi_project_get_n_scenarios (project); s++)
              {
                const ZhiScenario *scenario = zhi_project_get_scenario (project, s);
                gboolean seen = FALSE;

                if (g_strcmp0 (scenario->name, loss->owner) != 0)
                  continue;
                for (guint k = 0; k < undo->scenario_index->len; k++)
                  seen = seen || g_array_index (undo->scenario_index, guint, k) == s;
                if (!seen)
                  {
                    g_ptr_array_add (undo->scenarios, zhi_scenario_copy (scenario));
                    g_array_append_val (undo->scenario_index, s);
                  }
              }
            break;
          default:
            g_assert_not_reached ();
        }
    }
  return undo;
}

void
zhi_migration_undo_free (ZhiMigrationUndo *undo)
{
  if (undo == NULL)
    return;
  g_free (undo->track);
  g_free (undo->edition);
  g_free (undo->sha256);
  g_hash_table_unref (undo->answers);
  g_hash_table_unref (undo->narratives);
  g_hash_table_unref (undo->supports);
  g_ptr_array_unref (undo->scenarios);
  g_array_unref (undo->scenario_index);
  g_free (undo);
}

/* The index of the scenario @saved was at @index, or -1 when it is gone */
static int
find_scenario (ZhiProject *project, const ZhiScenario *saved, guint index)
{
  guint n = zhi_project_get_n_scenarios (project);

  if (index < n && g_strcmp0 (zhi_project_get_scenario (project, index)->name, saved->name) == 0)
    return index;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (zhi_project_get_scenario (project, i)->name, saved->name) == 0)
      return i;
  return -1;
}

gboolean
zhi_migration_undo_restore (ZhiMigrationUndo *undo, ZhiProject *project, GError **error)
{
  ZhiAnswers *answers;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (ZHI_IS_PROJECT (project), FALSE);
  if (zhi_project_is_read_only (project))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _ ("The project is open read-only: the move to another edition cannot be "
                      "undone."));
      return FALSE;
    }

  answers = zhi_project_get_answers (project);
  g_hash_table_iter_init (&iter, undo->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      /* a value the applicant gave since the move stays */
      if (zhi_answers_get_answer_type (answers, key) != ZHI_ANSWER_NONE)
        continue;
      if (zhi_answers_set_json (answers, key, value, NULL))
        zhi_project_answers_changed (project, key);
    }

  g_hash_table_iter_init (&iter, undo->narratives);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (zhi_project_get_narrative (project, key) == NULL)
      zhi_project_set_narrative (project, key, value);

  g_hash_table_iter_init (&iter, undo->supports);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ZhiEvidence *item = zhi_project_lookup_evidence (project, key);
      g_autoptr (GStrvBuilder) builder = NULL;
      g_auto (GStrv) supports = NULL;
      const char *const *now;

      if (item == NULL)
        continue; /* removed since */
      /* the links as they were, then any made since */
      builder = g_strv_builder_new ();
      g_strv_builder_addv (builder, (const char **)value);
      now = zhi_evidence_get_supports (item);
      for (guint i = 0; now != NULL && now[i] != NULL; i++)
        if (!g_strv_contains ((const char *const *)value, now[i]))
          g_strv_builder_add (builder, now[i]);
      supports = g_strv_builder_end (builder);
      zhi_project_set_evidence_supports (project, key, (const char *const *)supports);
    }

  for (guint i = 0; i < undo->scenarios->len; i++)
    {
      const ZhiScenario *saved = undo->scenarios->pdata[i];
      int at = find_scenario (project, saved, g_array_index (undo->scenario_index, guint, i));

      const ZhiScenario *now;
      g_autoptr (GPtrArray) criteria = NULL;
      g_autoptr (ZhiScenario) restored = NULL;

      if (at < 0)
        continue; /* removed since */
      /* its links as they were, then any made since; its description as it is now */
      now = zhi_project_get_scenario (project, at);
      criteria = g_ptr_array_new ();
      for (guint j = 0; saved->criteria[j] != NULL; j++)
        g_ptr_array_add (criteria, saved->criteria[j]);
      for (guint j = 0; now->criteria[j] != NULL; j++)
        if (!g_strv_contains ((const char *const *)saved->criteria, now->criteria[j]))
          g_ptr_array_add (criteria, now->criteria[j]);
      g_ptr_array_add (criteria, NULL);
      restored
          = zhi_scenario_new (now->name, (const char *const *)criteria->pdata, now->description);
      if (!zhi_scenario_equal (now, restored))
        zhi_project_update_scenario (project, at, restored);
    }

  /* last: the pages showing the edition rebuild once, with everything back */
  zhi_project_set_track (project, undo->track);
  zhi_project_set_standard_edition (project, undo->edition);
  zhi_project_set_standard_sha256 (project, undo->sha256);
  return TRUE;
}
