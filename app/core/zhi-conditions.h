/* zhi-conditions.h — conditions.json: the application conditions and exclusions
 * (docs/standards-format.md) */
#pragma once

#include "zhi-standard.h"

G_BEGIN_DECLS

/* ---- conditions.json ----------------------------------------------------------------------- */

/* The encouraged half of a condition: shown on its own, never deciding eligibility. */
typedef struct
{
  char *id; /* "cond-5.encouraged": also the id of its answer */
  ZhiText text;
  ZhiText short_name;
  GPtrArray *checks; /* ZhiText * */
} ZhiEncouraged;

typedef struct
{
  char *id;   /* "cond-1" */
  char *mark; /* "（一）" */
  ZhiText text;
  gboolean required; /* TRUE: the condition decides eligibility */
  ZhiText short_name;
  GPtrArray *checks;         /* ZhiText * */
  ZhiEncouraged *encouraged; /* （五）'s second half (鼓励…), or NULL */
} ZhiCondition;

typedef struct
{
  char *id; /* "excl-1" */
  char *mark;
  ZhiText text;
  ZhiText short_name;
} ZhiExclusion;

#define ZHI_TYPE_CONDITIONS (zhi_conditions_get_type ())
G_DECLARE_FINAL_TYPE (ZhiConditions, zhi_conditions, ZHI, CONDITIONS, GObject)

ZhiConditions *zhi_conditions_new_from_file (const char *path, GError **error);
ZhiConditions *zhi_conditions_new_from_bytes (GBytes *bytes, const char *name, GError **error);
/* conditions.json from the GResource or $ZHIZAO_STANDARDS_DIR; cached, new reference */
ZhiConditions *zhi_conditions_load_builtin (GError **error);

const ZhiText *zhi_conditions_get_source (ZhiConditions *self);
GPtrArray *zhi_conditions_get_conditions (ZhiConditions *self); /* ZhiCondition * */
GPtrArray *zhi_conditions_get_exclusions (ZhiConditions *self); /* ZhiExclusion * */
GPtrArray *zhi_conditions_get_errata (ZhiConditions *self);     /* ZhiErratum *, maybe empty */
const ZhiCondition *zhi_conditions_lookup_condition (ZhiConditions *self, const char *id);
const ZhiExclusion *zhi_conditions_lookup_exclusion (ZhiConditions *self, const char *id);
/* The encouraged part with this id ("cond-5.encouraged"), and the condition it belongs to in
 * *condition when not NULL; NULL when there is none. */
const ZhiEncouraged *zhi_conditions_lookup_encouraged (ZhiConditions *self,
                                                       const char *id,
                                                       const ZhiCondition **condition);

G_END_DECLS
