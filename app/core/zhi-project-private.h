/* zhi-project-private.h — hooks between the project model and its store (core only) */
#pragma once

#include "zhi-project.h"

G_BEGIN_DECLS

/* Field table shared by the store and the JSON code: every scalar field of the project. */
typedef enum
{
  ZHI_FIELD_STRING,
  ZHI_FIELD_DOUBLE,
  ZHI_FIELD_INT64,
} ZhiFieldKind;

typedef struct
{
  const char *property; /* GObject property name, also the "changed" detail */
  const char *key;      /* key in the file and in JSON (snake_case) */
  ZhiFieldKind kind;
} ZhiFieldInfo;

const ZhiFieldInfo *_zhi_project_fields (guint *n_fields);
/* value is a GValue of G_TYPE_STRING, G_TYPE_DOUBLE or G_TYPE_INT64 */
void _zhi_project_get_field (ZhiProject *self, guint index, GValue *value);
void _zhi_project_set_field (ZhiProject *self, guint index, const GValue *value);

/* The store: an opaque pointer the project owns, freed (flushed and closed) on dispose. */
void _zhi_project_set_store (ZhiProject *self, gpointer store, GDestroyNotify free_func);
gpointer _zhi_project_get_store (ZhiProject *self);
gpointer _zhi_project_steal_store (ZhiProject *self);
void _zhi_project_set_location (ZhiProject *self, GFile *file, ZhiProjectAccess access);
void _zhi_project_emit_save_failed (ZhiProject *self, const GError *error);

gboolean _zhi_sha256_is_valid (const char *hex);

/* A copy of the vector, an empty one for NULL */
static inline char **
_zhi_strv_copy_or_empty (const char *const *v)
{
  return v ? g_strdupv ((char **)v) : g_new0 (char *, 1);
}

/* Same strings in the same order; NULL is empty */
static inline gboolean
_zhi_strv_equal0 (const char *const *a, const char *const *b)
{
  guint na = a ? g_strv_length ((char **)a) : 0;
  guint nb = b ? g_strv_length ((char **)b) : 0;
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

/* An evidence item as the store reads or attaches it: zhi_project_add_evidence()'s arguments
 * and the item's inspection (@inspected FALSE ignores @problem) */
typedef struct
{
  const char *id; /* NULL: the next free "E<n>" */
  const char *title;
  const char *file_name;
  const char *media_type;
  guint64 size;
  const char *sha256;
  guint page_count;
  const char *const *supports;
  GDateTime *added; /* NULL: now */
  gboolean inspected;
  const char *problem;
} ZhiEvidenceRecord;

ZhiEvidence *_zhi_project_add_evidence_record (ZhiProject *self,
                                               const ZhiEvidenceRecord *record,
                                               GError **error);

G_END_DECLS

G_BEGIN_DECLS
/* tests only: run SQL on the project's connection (e.g. PRAGMA max_page_count) */
gboolean _zhi_project_test_exec (ZhiProject *self, const char *sql);
G_END_DECLS
