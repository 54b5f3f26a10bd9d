/* zhi-standard.h — the evaluation standards, loaded strictly from the files in resources/standards/
 *
 * See docs/standards-format.md.  Everything loaded here is immutable: the structs below are
 * owned by the ZhiStandard / ZhiConditions / ZhiGuide they come from and live as long as it;
 * treat their members as read-only.
 *
 * The umbrella of the standards: include it and you have the conditions (zhi-conditions.h), the
 * guide (zhi-guide.h) and the checker (zhi-standard-parser.h) too.
 */
#pragma once

#include <gio/gio.h>

#include "zhi-i18n.h"

G_BEGIN_DECLS

#define ZHI_STANDARD_ERROR (zhi_standard_error_quark ())
GQuark zhi_standard_error_quark (void);

typedef enum
{
  ZHI_STANDARD_ERROR_NOT_FOUND, /* no such file, resource or track */
  ZHI_STANDARD_ERROR_PARSE,     /* not JSON */
  ZHI_STANDARD_ERROR_SCHEMA,    /* unknown or missing key, wrong type, value out of range */
  ZHI_STANDARD_ERROR_DUPLICATE, /* an id (or a key) given twice */
  ZHI_STANDARD_ERROR_REFERENCE, /* a reference to an id that does not exist */
  ZHI_STANDARD_ERROR_SUM,       /* weights or shares that do not sum to 100 */
  ZHI_STANDARD_ERROR_BANDS,     /* bands not ordered or not covering 0..100 */
  ZHI_STANDARD_ERROR_INSTALL,   /* an edition that cannot be installed or removed */
} ZhiStandardError;

typedef enum
{
  ZHI_INDICATOR_CHECK,
  ZHI_INDICATOR_LEVEL,
  ZHI_INDICATOR_RATIO,
  ZHI_INDICATOR_KPI,
  ZHI_INDICATOR_COUNT,
  ZHI_INDICATOR_TEXT,
} ZhiIndicatorKind;

/* "check", "level", … as in the files */
const char *zhi_indicator_kind_to_string (ZhiIndicatorKind kind);

typedef struct _ZhiCriterion ZhiCriterion;

typedef struct
{
  char *id; /* "L3" */
  ZhiText name;
  gboolean confirmed; /* the level name is confirmed from the standard's text */
} ZhiLevel;

typedef struct
{
  char *id; /* "w02.smart-equipment-ratio" */
  ZhiIndicatorKind kind;
  ZhiText label;
  ZhiText help;                  /* both members NULL when absent */
  int share;                     /* percent of the criterion's weight; 0 for track indicators */
  char *item;                    /* id of the item / sub-item it measures, or NULL */
  const ZhiCriterion *criterion; /* NULL for track indicators */

  /* level */
  GPtrArray *levels; /* ZhiLevel *, low → high; NULL for other kinds */
  guint min_level;   /* index into levels of the fully satisfying level */

  /* ratio */
  ZhiText numerator;
  ZhiText denominator;
  double threshold;                  /* 0 < threshold ≤ 1; 0 when from the benchmark */
  gboolean threshold_from_benchmark; /* the user enters the industry benchmark */
  char *unit;                        /* ratio: "%"; NULL for other kinds */

  /* kpi */
  gboolean better_higher; /* "better": "higher" (else lower is better) */
  ZhiText kpi_unit;

  /* count */
  gint64 min_count;
  char *derived; /* "scenarios" or NULL */

  /* text */
  gint64 min_chars;
  gint64 max_chars;
} ZhiIndicator;

typedef struct
{
  char *id;
  char *mark; /* "①" */
  ZhiText text;
} ZhiSubItem;

typedef struct
{
  char *id;
  ZhiText text;
  GPtrArray *sub_items; /* ZhiSubItem *; empty when the item has none */
} ZhiItem;

struct _ZhiCriterion
{
  char *id; /* "w02" */
  int number;
  ZhiText title;
  int weight; /* points; a standard's weights sum to 100 */
  ZhiText weight_reason;
  GPtrArray *items;      /* ZhiItem * */
  GPtrArray *indicators; /* ZhiIndicator *; shares sum to 100 */
};

typedef struct
{
  char *id;
  const ZhiIndicator *indicator;
  ZhiText text;
  ZhiText source;
} ZhiGate;

typedef struct
{
  double min; /* the band holds scores ≥ min (and below the next band's min) */
  char *id;
  ZhiText label;
  ZhiText advice;
} ZhiBand;

typedef struct
{
  char *code; /* "GB/T 37393-2019" */
  ZhiText title;
} ZhiCite;

/* A slip in the seed that the data corrects: the zh text of the entry @at carries @corrected
 * where the seed has @seed (docs/standards-format.md, "Errata"). */
typedef struct
{
  char *at;        /* id of the corrected entry: an item or sub-item, a condition, an exclusion */
  char *seed;      /* the seed's wording, e.g. "财务管理机构 and 制度" */
  char *corrected; /* the data's wording, e.g. "财务管理机构和制度" */
  ZhiText reason;
} ZhiErratum;

/* ---- a track standard ---------------------------------------------------------------------- */

#define ZHI_TYPE_STANDARD (zhi_standard_get_type ())
G_DECLARE_FINAL_TYPE (ZhiStandard, zhi_standard, ZHI, STANDARD, GObject)

/* The track ids in display order: workshop, factory-discrete, factory-process; NULL-terminated. */
const char *const *zhi_standard_track_ids (void);

ZhiStandard *zhi_standard_new_from_file (const char *path, GError **error);
/* name: how the data is called in error messages (a file name) */
ZhiStandard *zhi_standard_new_from_bytes (GBytes *bytes, const char *name, GError **error);
/* The built-in standard for a track id, from the GResource
 * /io/github/zhizao/Zhizao/standards/<id>.json, or — when that resource is not linked in — from
 * $ZHIZAO_STANDARDS_DIR/<id>.json.  Loaded once and cached: returns a new reference. */
ZhiStandard *zhi_standard_load_builtin (const char *track_id, GError **error);
/* The three built-in standards in track order (ZhiStandard *, owning). */
GPtrArray *zhi_standard_load_catalog (GError **error);

const char *zhi_standard_get_id (ZhiStandard *self);
const char *zhi_standard_get_edition (ZhiStandard *self);
const char *zhi_standard_get_file_name (ZhiStandard *self);
const ZhiText *zhi_standard_get_source (ZhiStandard *self);
/* Who issued the edition (both texts NULL when the file does not say: "issuer" is optional) */
const ZhiText *zhi_standard_get_issuer (ZhiStandard *self);
/* SHA-256 (hex) of the file the standard was loaded from */
const char *zhi_standard_get_sha256 (ZhiStandard *self);
/* TRUE for an edition installed in the user's data folder, FALSE for a built-in one */
gboolean zhi_standard_get_installed (ZhiStandard *self);
/* For the editions registry (zhi-editions.c): marks a standard read from the user's folder. */
void zhi_standard_mark_installed (ZhiStandard *self);
const ZhiText *zhi_standard_get_track (ZhiStandard *self);
const ZhiText *zhi_standard_get_title (ZhiStandard *self);
const ZhiText *zhi_standard_get_weights_note (ZhiStandard *self);
GPtrArray *zhi_standard_get_definition (ZhiStandard *self);       /* ZhiText * */
GPtrArray *zhi_standard_get_cites (ZhiStandard *self);            /* ZhiCite * */
GPtrArray *zhi_standard_get_criteria (ZhiStandard *self);         /* ZhiCriterion * */
GPtrArray *zhi_standard_get_track_indicators (ZhiStandard *self); /* ZhiIndicator * */
GPtrArray *zhi_standard_get_gates (ZhiStandard *self);            /* ZhiGate * */
GPtrArray *zhi_standard_get_kpis (ZhiStandard *self);             /* const ZhiIndicator * */
GPtrArray *zhi_standard_get_bands (ZhiStandard *self);            /* ZhiBand *, highest first */
GPtrArray *zhi_standard_get_errata (ZhiStandard *self);           /* ZhiErratum *, maybe empty */

const ZhiCriterion *zhi_standard_lookup_criterion (ZhiStandard *self, const char *id);
/* across the criteria and the track indicators */
const ZhiIndicator *zhi_standard_lookup_indicator (ZhiStandard *self, const char *id);
const ZhiGate *zhi_standard_lookup_gate (ZhiStandard *self, const char *id);
/* the band holding score (a score within 1e-9 below a band's min counts as reaching it) */
const ZhiBand *zhi_standard_band_for_score (ZhiStandard *self, double score);
/* the level's index in indicator->levels, or -1 */
int zhi_indicator_level_index (const ZhiIndicator *indicator, const char *level_id);

G_END_DECLS

#include "zhi-conditions.h"
#include "zhi-guide.h"
#include "zhi-standard-parser.h"
