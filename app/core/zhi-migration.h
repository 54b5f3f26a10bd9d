/* zhi-migration.h — moving a project onto a newer edition of its track's standard
 *
 * Answers, narratives and evidence links carry over where the criterion and indicator ids match
 * (and an answer still fits its indicator); everything else is listed, before anything changes,
 * as what does not carry over.  Condition and exclusion answers are not the track standard's
 * and always carry over.
 */
#pragma once

#include "zhi-project.h"
#include "zhi-standard.h"

G_BEGIN_DECLS

typedef enum
{
  ZHI_MIGRATION_LOSS_ANSWER,    /* an indicator's answer */
  ZHI_MIGRATION_LOSS_NARRATIVE, /* a criterion's narrative */
  ZHI_MIGRATION_LOSS_EVIDENCE,  /* an evidence item's link to a criterion or indicator */
  ZHI_MIGRATION_LOSS_SCENARIO,  /* a scenario's link to a criterion */
} ZhiMigrationLossKind;

/* One thing that does not carry over */
typedef struct
{
  ZhiMigrationLossKind kind;
  char *id;      /* the indicator or criterion id */
  char *owner;   /* the evidence id or scenario name for links, else NULL */
  char *message; /* what is lost and why, in the user's language */
} ZhiMigrationLoss;

void zhi_migration_loss_free (ZhiMigrationLoss *loss);

/* What moving @project from @from to @to would lose (ZhiMigrationLoss *, owning; empty when
 * everything carries over).  Changes nothing.  NULL and an error when @to is not a newer
 * edition of @from's track. */
GPtrArray *
zhi_migration_plan (ZhiProject *project, ZhiStandard *from, ZhiStandard *to, GError **error);

/* Moves @project onto @to: drops what zhi_migration_plan() lists and records @to's edition and
 * file hash.  Returns that list (as zhi_migration_plan()), or NULL and an error (nothing
 * changed) when @to is not a newer edition of @from's track or the project is read-only. */
GPtrArray *
zhi_migration_apply (ZhiProject *project, ZhiStandard *from, ZhiStandard *to, GError **error);

/* The report as text: a headline and one line per loss */
char *zhi_migration_report (ZhiStandard *from, ZhiStandard *to, GPtrArray *losses);

/* What moving @project from @from to @to would change, recorded before the move so it can be
 * put back: the edition fields and every answer, narrative, evidence link and scenario the move
 * drops.  Changes nothing. */
typedef struct _ZhiMigrationUndo ZhiMigrationUndo;

ZhiMigrationUndo *zhi_migration_undo_new (ZhiProject *project, ZhiStandard *from, ZhiStandard *to);
void zhi_migration_undo_free (ZhiMigrationUndo *undo);

/* Puts back what the move dropped and the edition @project was on; what was changed since the
 * move and is not among that stays.  FALSE and an error (nothing changed) when the project is
 * read-only. */
gboolean zhi_migration_undo_restore (ZhiMigrationUndo *undo, ZhiProject *project, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiMigrationUndo, zhi_migration_undo_free)

G_END_DECLS
