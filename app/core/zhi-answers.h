/* zhi-answers.h — the applicant's answers to indicators and eligibility rules, keyed by id
 *
 * Contract shared by the scoring/eligibility engines (which read it) and the project
 * (which stores it).  Implemented in zhi-answers.c.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZHI_ANSWER_NONE, /* unanswered */
  ZHI_ANSWER_BOOL, /* check indicators, conditions, exclusions */
  ZHI_ANSWER_LEVEL,
  ZHI_ANSWER_RATIO,
  ZHI_ANSWER_KPI,
  ZHI_ANSWER_COUNT,
  ZHI_ANSWER_TEXT,
} ZhiAnswerType;

#define ZHI_TYPE_ANSWERS (zhi_answers_get_type ())
typedef struct _ZhiAnswers ZhiAnswers; /* reference-counted boxed type */

GType zhi_answers_get_type (void) G_GNUC_CONST;
ZhiAnswers *zhi_answers_new (void);
ZhiAnswers *zhi_answers_ref (ZhiAnswers *self);
void zhi_answers_unref (ZhiAnswers *self);
ZhiAnswers *zhi_answers_copy (const ZhiAnswers *self);
gboolean zhi_answers_equal (const ZhiAnswers *a, const ZhiAnswers *b);

void zhi_answers_set_bool (ZhiAnswers *self, const char *id, gboolean value);
void zhi_answers_set_level (ZhiAnswers *self, const char *id, const char *level_id);
/* Partial answers are kept as typed: any number may be NAN (not entered yet); the engines treat
 * an answer with a number missing as unanswered.
 * benchmark: the industry benchmark ratio (0..1) the user compares with, or NAN when none */
void zhi_answers_set_ratio (
    ZhiAnswers *self, const char *id, double numerator, double denominator, double benchmark);
/* Sets the values and keeps the kpi's years and source. */
void zhi_answers_set_kpi (ZhiAnswers *self, const char *id, double baseline, double current);
/* The years the two values are from (0 = not entered; outside 1–9999 is taken as 0) and their
 * data source (e.g. 财务报表,
 * MES 统计; NULL or "" = none); keeps the values (NAN when the kpi had none yet). */
void zhi_answers_set_kpi_details (
    ZhiAnswers *self, const char *id, int baseline_year, int current_year, const char *source);
void zhi_answers_set_count (ZhiAnswers *self, const char *id, gint64 count);
void zhi_answers_set_text (ZhiAnswers *self, const char *id, const char *text);
/* a free note on any id (an explanation, e.g. why a credit code fails its check) */
void zhi_answers_set_note (ZhiAnswers *self, const char *id, const char *note);
void zhi_answers_clear (ZhiAnswers *self, const char *id); /* value only; the note stays */

ZhiAnswerType zhi_answers_get_answer_type (const ZhiAnswers *self, const char *id);
gboolean zhi_answers_get_bool (const ZhiAnswers *self, const char *id, gboolean *value);
const char *zhi_answers_get_level (const ZhiAnswers *self, const char *id);
gboolean zhi_answers_get_ratio (const ZhiAnswers *self,
                                const char *id,
                                double *numerator,
                                double *denominator,
                                double *benchmark);
gboolean
zhi_answers_get_kpi (const ZhiAnswers *self, const char *id, double *baseline, double *current);
/* FALSE (0, 0, NULL) when id holds no kpi */
gboolean zhi_answers_get_kpi_details (const ZhiAnswers *self,
                                      const char *id,
                                      int *baseline_year,
                                      int *current_year,
                                      const char **source);
gboolean zhi_answers_get_count (const ZhiAnswers *self, const char *id, gint64 *count);
const char *zhi_answers_get_text (const ZhiAnswers *self, const char *id);
const char *zhi_answers_get_note (const ZhiAnswers *self, const char *id);

/* ids that carry a value or a note, sorted */
GPtrArray *zhi_answers_list_ids (const ZhiAnswers *self);

/* One id's value and note as a JSON object, e.g. {"type":"ratio","numerator":12,
 * "denominator":20,"benchmark":0.8,"note":"…"}; NULL when the id has neither. */
JsonNode *zhi_answers_get_json (const ZhiAnswers *self, const char *id);
gboolean zhi_answers_set_json (ZhiAnswers *self, const char *id, JsonNode *node, GError **error);
/* All answers as one JSON object keyed by id, and back. */
JsonNode *zhi_answers_to_json (const ZhiAnswers *self);
ZhiAnswers *zhi_answers_from_json (JsonNode *node, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiAnswers, zhi_answers_unref)

G_END_DECLS
