/* zhi-standard-parser-private.h — the strict JSON reader shared by the standard, the conditions
 * and the guide (internal to app/core)
 *
 * Every problem is reported as "<file>: <JSON path>: <problem>", e.g.
 *   workshop.json: $.criteria[3].indicators[1].kind: unknown kind “gauge” …
 */
#pragma once

#include <json-glib/json-glib.h>

#include "zhi-standard.h"

G_BEGIN_DECLS

/* The parsing context */
typedef struct
{
  const char *file;
  GString *path;       /* "$.criteria[3].indicators[1]" */
  GHashTable *dup_key; /* JsonObject * → the first key given twice in it */
  GHashTable *ids;     /* id → path where it was first defined (owned strings) */
  GError **error;      /* the first problem */
  GPtrArray *problems; /* ZhiStandardProblem *: every problem found (parsing goes on past a
                        * criterion that fails, so one check lists them all) */
} ZhiParseCtx;

/* Fills the object (a ZhiStandard, ZhiConditions or ZhiGuide) from the document's root */
typedef gboolean (*ZhiParseFunc) (ZhiParseCtx *c, JsonNode *root, gpointer self);
typedef gpointer (*ZhiFromBytesFunc) (GBytes *bytes, const char *name, GError **error);
/* The zh text of the entry with this id, or NULL when there is none. */
typedef const char *(*ZhiTextOfFunc) (gpointer owner, const char *id);

/* Records a problem at the current path; always returns FALSE. */
gboolean G_GNUC_PRINTF (3, 4)
    zhi_parse_fail (ZhiParseCtx *c, ZhiStandardError code, const char *format, ...);
/* Path steps: each returns the old length that zhi_parse_pop goes back to. */
gsize zhi_parse_push_key (ZhiParseCtx *c, const char *key);
gsize zhi_parse_push_index (ZhiParseCtx *c, guint index);
void zhi_parse_pop (ZhiParseCtx *c, gsize old);
gboolean zhi_parse_wrong_type (ZhiParseCtx *c, const char *expected, JsonNode *node);
/* Node at the current path must be an object with only the allowed keys, none repeated. */
gboolean
zhi_parse_as_object (ZhiParseCtx *c, JsonNode *node, const char *const *allowed, JsonObject **out);
gboolean zhi_parse_get_string (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean required, char **out);
gboolean zhi_parse_get_int (ZhiParseCtx *c,
                            JsonObject *object,
                            const char *key,
                            gboolean required,
                            gint64 lo,
                            gint64 hi,
                            gint64 *out);
gboolean zhi_parse_get_number (ZhiParseCtx *c,
                               JsonObject *object,
                               const char *key,
                               gboolean required,
                               double lo,
                               double hi,
                               gboolean lo_open,
                               double *out);
gboolean zhi_parse_get_bool (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean required, gboolean *out);
gboolean zhi_parse_get_text (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean required, ZhiText *out);
/* The array at key; *out stays NULL for an absent optional one. */
gboolean zhi_parse_get_array (ZhiParseCtx *c,
                              JsonObject *object,
                              const char *key,
                              gboolean required,
                              gboolean non_empty,
                              JsonArray **out);
/* Reads one element of an array, the path at its index; returns FALSE on a problem. */
typedef gboolean (*ZhiParseElementFunc) (ZhiParseCtx *c,
                                         JsonNode *node,
                                         guint index,
                                         gpointer data);
/* Reads each element of @array (NULL: none) with @func, the path at key[i] (at [i] when @key is
 * NULL); stops at the first element @func fails on.  The path is as on entry when it returns. */
gboolean zhi_parse_each (
    ZhiParseCtx *c, const char *key, JsonArray *array, ZhiParseElementFunc func, gpointer data);
/* The array at @key of @object (zhi_parse_get_array), each element read with @func
 * (zhi_parse_each). */
gboolean zhi_parse_each_member (ZhiParseCtx *c,
                                JsonObject *object,
                                const char *key,
                                gboolean required,
                                gboolean non_empty,
                                ZhiParseElementFunc func,
                                gpointer data);
/* A list of Text at key. */
gboolean zhi_parse_get_text_list (
    ZhiParseCtx *c, JsonObject *object, const char *key, gboolean non_empty, GPtrArray **out);
/* Registers a new id defined at the current path + ".id". */
gboolean zhi_parse_claim_id (ZhiParseCtx *c, const char *id);
gboolean zhi_parse_check_format (ZhiParseCtx *c, JsonObject *root);
/* "errata" (optional), see zhi-standard-parser.c */
gboolean zhi_parse_errata (
    ZhiParseCtx *c, JsonObject *root, GPtrArray *out, ZhiTextOfFunc text_of, gpointer owner);
void zhi_parse_erratum_free (gpointer p);

/* Parses the JSON (catching duplicate keys), creates an object of @type, fills it with @parse,
 * drops it on error; every problem goes into @problems when it is not NULL. */
gpointer zhi_parse_load_document_checked (GType type,
                                          ZhiParseFunc parse,
                                          GBytes *bytes,
                                          const char *name,
                                          GPtrArray *problems,
                                          GError **error);
gpointer
zhi_parse_load_document_file (const char *path, ZhiFromBytesFunc from_bytes, GError **error);
/* A built-in file (GResource, else $ZHIZAO_STANDARDS_DIR), loaded once and cached */
gpointer
zhi_parse_load_builtin_object (const char *file, ZhiFromBytesFunc from_bytes, GError **error);

/* The loaders the checker calls: as *_new_from_bytes, every problem into @problems too */
ZhiStandard *
zhi_standard_new_checked (GBytes *bytes, const char *name, GPtrArray *problems, GError **error);
ZhiConditions *
zhi_conditions_new_checked (GBytes *bytes, const char *name, GPtrArray *problems, GError **error);
ZhiGuide *
zhi_guide_new_checked (GBytes *bytes, const char *name, GPtrArray *problems, GError **error);

G_END_DECLS
