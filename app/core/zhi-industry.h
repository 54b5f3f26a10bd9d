/* zhi-industry.h — GB/T 4754-2017 国民经济行业分类, section C (manufacturing), divisions 13–43
 *
 * Static data: the returned pointers live as long as the program.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZHI_INDUSTRY_TRACK_PROCESS "factory-process"
#define ZHI_INDUSTRY_TRACK_DISCRETE "factory-discrete"
#define ZHI_INDUSTRY_TRACK_WORKSHOP "workshop"

typedef struct
{
  const char *code;            /* two digits, "13" … "43" */
  const char *name_zh;         /* 农副食品加工业 */
  const char *name_en;         /* Processing of food from agricultural products (untranslated) */
  const char *suggested_track; /* ZHI_INDUSTRY_TRACK_PROCESS or ZHI_INDUSTRY_TRACK_DISCRETE */
} ZhiIndustryDivision;

/* All 31 divisions in code order; n_divisions may be NULL. */
const ZhiIndustryDivision *zhi_industry_list (guint *n_divisions);

/* The division for a code: "36", "C36", "c 36", or a longer class code whose first two
 * digits are the division ("361", "3612", "C3612").  NULL when not a manufacturing division. */
const ZhiIndustryDivision *zhi_industry_lookup (const char *code);

/* The smart-factory track suggested for a division code (any form zhi_industry_lookup
 * accepts): process for 13–17, 22, 25–28, 30–32, discrete otherwise; NULL when unknown.
 * Only a suggestion: the user decides. */
const char *zhi_industry_suggested_track (const char *code);

/* TRUE when the division may apply for a given track.  The digital workshop
 * (ZHI_INDUSTRY_TRACK_WORKSHOP) and both factory tracks are open to every manufacturing
 * division; FALSE for an unknown code or track. */
gboolean zhi_industry_track_allowed (const char *code, const char *track);

/* The division name in the gettext language (Chinese under zh*, else English). */
const char *zhi_industry_division_name (const ZhiIndustryDivision *division);

/* Divisions matching query, in code order: a code prefix ("3", "C3", "36"), or a substring
 * of the Chinese or (case-insensitively) the English name.  Surrounding white space is
 * ignored; an empty or NULL query matches everything.  Returns a new array of
 * const ZhiIndustryDivision * (no free func: the elements are static). */
GPtrArray *zhi_industry_search (const char *query);

G_END_DECLS
