/* zhi-project.h — the project document: enterprise facts, track, scenarios, answers,
 * narratives and evidence items
 *
 * The model lives here and knows nothing of storage; zhi-store.h opens, saves and
 * attaches files.  Every setter emits GObject::notify for its property (only when the
 * value changes) and ZhiProject::changed with a detail naming what changed:
 * a property name ("name", "credit-code", …), or "scenarios", "answers",
 * "narratives", "evidence".
 *
 * Strings are never NULL: an unset string field reads "".  Numbers are 0 when unset.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "zhi-answers.h"
#include "zhi-evidence.h"
#include "zhi-scenario.h"

G_BEGIN_DECLS

#define ZHI_PROJECT_ERROR (zhi_project_error_quark ())
GQuark zhi_project_error_quark (void);

typedef enum
{
  ZHI_PROJECT_ERROR_IO,            /* the file cannot be read or written (see message) */
  ZHI_PROJECT_ERROR_NOT_A_PROJECT, /* random bytes, or an SQLite database of another app */
  ZHI_PROJECT_ERROR_DAMAGED,       /* truncated or corrupt */
  ZHI_PROJECT_ERROR_NEWER_VERSION, /* written by a newer Zhizao */
  ZHI_PROJECT_ERROR_READ_ONLY,     /* the project is open read-only; use Save As */
  ZHI_PROJECT_ERROR_SAVE_FAILED,   /* a commit failed (disk full, folder not writable …) */
  ZHI_PROJECT_ERROR_LOCKED,        /* the target file is open in another window */
  ZHI_PROJECT_ERROR_EVIDENCE,      /* evidence bytes missing, changed or unreadable */
  ZHI_PROJECT_ERROR_INVALID,       /* bad input (JSON, unknown id, bad value) */
  ZHI_PROJECT_ERROR_MISMATCH,      /* bytes whose SHA-256 is not the one expected: not stored */
} ZhiProjectError;

typedef enum
{
  ZHI_PROJECT_WRITABLE,
  ZHI_PROJECT_READ_ONLY_FILE,      /* the file's permissions forbid writing */
  ZHI_PROJECT_READ_ONLY_FOLDER,    /* the folder forbids writing (SQLite's journal goes there) */
  ZHI_PROJECT_READ_ONLY_LOCKED,    /* another window or program has the project open */
  ZHI_PROJECT_READ_ONLY_EDITION,   /* its standard's edition is not installed (zhi-editions.h) */
  ZHI_PROJECT_READ_ONLY_REQUESTED, /* opened with zhi_project_open_read_only() */
} ZhiProjectAccess;

/* The three tracks (申报类型) */
#define ZHI_TRACK_WORKSHOP "workshop"
#define ZHI_TRACK_FACTORY_DISCRETE "factory-discrete"
#define ZHI_TRACK_FACTORY_PROCESS "factory-process"
gboolean zhi_track_is_valid (const char *track); /* one of the three, or "" (not chosen) */

/* ------------------------------------------------------------------------------------ */
/* ZhiProject */

#define ZHI_TYPE_PROJECT (zhi_project_get_type ())
G_DECLARE_FINAL_TYPE (ZhiProject, zhi_project, ZHI, PROJECT, GObject)

/* An empty project held in memory only (no file yet; zhi_project_save_as gives it one). */
ZhiProject *zhi_project_new (void);

/* Where it is stored (NULL before the first save) and whether edits reach the file. */
GFile *zhi_project_get_file (ZhiProject *self);
gboolean zhi_project_is_read_only (ZhiProject *self);
ZhiProjectAccess zhi_project_get_access (ZhiProject *self);

/* Enterprise facts (企业基本情况) */
const char *zhi_project_get_name (ZhiProject *self);
void zhi_project_set_name (ZhiProject *self, const char *value);
const char *zhi_project_get_credit_code (ZhiProject *self);
void zhi_project_set_credit_code (ZhiProject *self, const char *value);
const char *zhi_project_get_city (ZhiProject *self);
void zhi_project_set_city (ZhiProject *self, const char *value);
const char *zhi_project_get_address (ZhiProject *self);
void zhi_project_set_address (ZhiProject *self, const char *value);
const char *zhi_project_get_legal_representative (ZhiProject *self);
void zhi_project_set_legal_representative (ZhiProject *self, const char *value);
const char *zhi_project_get_contact_person (ZhiProject *self);
void zhi_project_set_contact_person (ZhiProject *self, const char *value);
const char *zhi_project_get_phone (ZhiProject *self);
void zhi_project_set_phone (ZhiProject *self, const char *value);
const char *zhi_project_get_email (ZhiProject *self);
void zhi_project_set_email (ZhiProject *self, const char *value);
/* GB/T 4754 two-digit division code, e.g. "36" */
const char *zhi_project_get_industry_division (ZhiProject *self);
void zhi_project_set_industry_division (ZhiProject *self, const char *value);
double zhi_project_get_registered_capital (ZhiProject *self); /* 万元 */
void zhi_project_set_registered_capital (ZhiProject *self, double value);
const char *zhi_project_get_founding_date (ZhiProject *self); /* ISO 8601 date */
void zhi_project_set_founding_date (ZhiProject *self, const char *value);
gint64 zhi_project_get_employees (ZhiProject *self);
void zhi_project_set_employees (ZhiProject *self, gint64 value);
double zhi_project_get_revenue_last_year (ZhiProject *self); /* 万元 */
void zhi_project_set_revenue_last_year (ZhiProject *self, double value);
const char *zhi_project_get_main_products (ZhiProject *self);
void zhi_project_set_main_products (ZhiProject *self, const char *value);

/* Investment (投资), 万元 */
double zhi_project_get_investment_software (ZhiProject *self);
void zhi_project_set_investment_software (ZhiProject *self, double value);
double zhi_project_get_investment_hardware (ZhiProject *self);
void zhi_project_set_investment_hardware (ZhiProject *self, double value);
double zhi_project_get_investment_total (ZhiProject *self);
void zhi_project_set_investment_total (ZhiProject *self, double value);
const char *zhi_project_get_funding_sources (ZhiProject *self);
void zhi_project_set_funding_sources (ZhiProject *self, const char *value);

/* The application */
const char *zhi_project_get_track (ZhiProject *self); /* ZHI_TRACK_* or "" */
void zhi_project_set_track (ZhiProject *self, const char *value);
/* The edition of the track's standard the project is drafted against and the SHA-256 of its
 * file ("" = the built-in edition); see zhi-editions.h */
const char *zhi_project_get_standard_edition (ZhiProject *self);
void zhi_project_set_standard_edition (ZhiProject *self, const char *value);
const char *zhi_project_get_standard_sha256 (ZhiProject *self);
void zhi_project_set_standard_sha256 (ZhiProject *self, const char *value);
const char *zhi_project_get_site_name (ZhiProject *self); /* workshop / factory name */
void zhi_project_set_site_name (ZhiProject *self, const char *value);
const char *zhi_project_get_in_use_date (ZhiProject *self); /* ISO 8601 date */
void zhi_project_set_in_use_date (ZhiProject *self, const char *value);
/* A smart factory's digital workshops (its 数字化车间), one name per line or separated by
 * ";" / "；"; "" when none are named.  list returns the trimmed, non-empty names. */
const char *zhi_project_get_workshops (ZhiProject *self);
void zhi_project_set_workshops (ZhiProject *self, const char *value);
char **zhi_project_list_workshops (ZhiProject *self);
/* A fictitious example (the demo): the window title and the dossier cover say so. */
gboolean zhi_project_get_example (ZhiProject *self);
void zhi_project_set_example (ZhiProject *self, gboolean value);

/* Application scenarios, in order.  add returns the new index. */
guint zhi_project_get_n_scenarios (ZhiProject *self);
const ZhiScenario *zhi_project_get_scenario (ZhiProject *self, guint index);
guint zhi_project_add_scenario (ZhiProject *self, const ZhiScenario *scenario);
void zhi_project_update_scenario (ZhiProject *self, guint index, const ZhiScenario *scenario);
void zhi_project_remove_scenario (ZhiProject *self, guint index);
void zhi_project_move_scenario (ZhiProject *self, guint from, guint to);

/* Answers.  The returned object is owned by the project; after changing it in place call
 * zhi_project_answers_changed() so listeners and the store see the change. */
ZhiAnswers *zhi_project_get_answers (ZhiProject *self);
void zhi_project_answers_changed (ZhiProject *self, const char *id);
void zhi_project_set_answers (ZhiProject *self, ZhiAnswers *answers); /* takes a copy */

/* Per-criterion narratives (建设内容); NULL or "" removes. */
const char *zhi_project_get_narrative (ZhiProject *self, const char *criterion_id);
void zhi_project_set_narrative (ZhiProject *self, const char *criterion_id, const char *text);
GPtrArray *zhi_project_list_narrative_ids (ZhiProject *self); /* sorted, owned strings */

/* Evidence items.  The list model (of ZhiEvidence, in dossier order) is owned by the
 * project.  Adding bytes is zhi_project_attach_file() in zhi-store.h; this adds the
 * record only (import, tests).  id NULL picks the next free "E<n>"; added NULL = now. */
GListModel *zhi_project_get_evidence_list (ZhiProject *self);
ZhiEvidence *zhi_project_lookup_evidence (ZhiProject *self, const char *id);
ZhiEvidence *zhi_project_add_evidence (ZhiProject *self,
                                       const char *id,
                                       const char *title,
                                       const char *file_name,
                                       const char *media_type,
                                       guint64 size,
                                       const char *sha256,
                                       guint page_count,
                                       const char *const *supports,
                                       GDateTime *added,
                                       GError **error);
gboolean zhi_project_remove_evidence (ZhiProject *self, const char *id);
void zhi_project_set_evidence_title (ZhiProject *self, const char *id, const char *title);
void zhi_project_set_evidence_page_count (ZhiProject *self, const char *id, guint pages);
/* Records an inspection: @problem NULL or "" = usable with @pages pages; otherwise the
 * reason code, and the page count becomes 0. */
void zhi_project_set_evidence_inspection (ZhiProject *self,
                                          const char *id,
                                          const char *problem,
                                          guint pages);
void
zhi_project_set_evidence_supports (ZhiProject *self, const char *id, const char *const *supports);
void zhi_project_add_evidence_support (ZhiProject *self, const char *id, const char *rule_id);
void zhi_project_remove_evidence_support (ZhiProject *self, const char *id, const char *rule_id);
/* The evidence items supporting a criterion or rule id (borrowed ZhiEvidence pointers). */
GPtrArray *zhi_project_list_evidence_for (ZhiProject *self, const char *rule_id);

/* JSON interchange (docs/project-format.md).  from_json builds an in-memory project. */
JsonNode *zhi_project_to_json (ZhiProject *self);
ZhiProject *zhi_project_from_json (JsonNode *node, GError **error);
/* Same content (every field, scenarios, answers, narratives, evidence records). */
gboolean zhi_project_equal (ZhiProject *a, ZhiProject *b);

G_END_DECLS
