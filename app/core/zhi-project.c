/* zhi-project.c — the project document model */
#include "zhi-project-private.h"
#include "zhi-evidence-private.h"

#include <math.h>
#include <glib/gi18n-lib.h>

GQuark
zhi_project_error_quark (void)
{
  return g_quark_from_static_string ("zhi-project-error-quark");
}

gboolean
zhi_track_is_valid (const char *track)
{
  return track != NULL
         && (*track == '\0' || g_str_equal (track, ZHI_TRACK_WORKSHOP)
             || g_str_equal (track, ZHI_TRACK_FACTORY_DISCRETE)
             || g_str_equal (track, ZHI_TRACK_FACTORY_PROCESS));
}

gboolean
_zhi_sha256_is_valid (const char *hex)
{
  if (hex == NULL || strlen (hex) != 64)
    return FALSE;
  for (const char *p = hex; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------------- */
/* ZhiProject */

enum
{
  F_NAME,
  F_CREDIT_CODE,
  F_CITY,
  F_ADDRESS,
  F_LEGAL_REPRESENTATIVE,
  F_CONTACT_PERSON,
  F_PHONE,
  F_EMAIL,
  F_INDUSTRY_DIVISION,
  F_REGISTERED_CAPITAL,
  F_FOUNDING_DATE,
  F_EMPLOYEES,
  F_REVENUE_LAST_YEAR,
  F_MAIN_PRODUCTS,
  F_INVESTMENT_SOFTWARE,
  F_INVESTMENT_HARDWARE,
  F_INVESTMENT_TOTAL,
  F_FUNDING_SOURCES,
  F_TRACK,
  F_SITE_NAME,
  F_IN_USE_DATE,
  F_WORKSHOPS,
  F_EXAMPLE,
  F_STANDARD_EDITION,
  F_STANDARD_SHA256,
  N_FIELDS
};

static const ZhiFieldInfo fields[N_FIELDS] = {
  [F_NAME] = { "name", "name", ZHI_FIELD_STRING },
  [F_CREDIT_CODE] = { "credit-code", "credit_code", ZHI_FIELD_STRING },
  [F_CITY] = { "city", "city", ZHI_FIELD_STRING },
  [F_ADDRESS] = { "address", "address", ZHI_FIELD_STRING },
  [F_LEGAL_REPRESENTATIVE] = { "legal-representative", "legal_representative", ZHI_FIELD_STRING },
  [F_CONTACT_PERSON] = { "contact-person", "contact_person", ZHI_FIELD_STRING },
  [F_PHONE] = { "phone", "phone", ZHI_FIELD_STRING },
  [F_EMAIL] = { "email", "email", ZHI_FIELD_STRING },
  [F_INDUSTRY_DIVISION] = { "industry-division", "industry_division", ZHI_FIELD_STRING },
  [F_REGISTERED_CAPITAL] = { "registered-capital", "registered_capital", ZHI_FIELD_DOUBLE },
  [F_FOUNDING_DATE] = { "founding-date", "founding_date", ZHI_FIELD_STRING },
  [F_EMPLOYEES] = { "employees", "employees", ZHI_FIELD_INT64 },
  [F_REVENUE_LAST_YEAR] = { "revenue-last-year", "revenue_last_year", ZHI_FIELD_DOUBLE },
  [F_MAIN_PRODUCTS] = { "main-products", "main_products", ZHI_FIELD_STRING },
  [F_INVESTMENT_SOFTWARE] = { "investment-software", "investment_software", ZHI_FIELD_DOUBLE },
  [F_INVESTMENT_HARDWARE] = { "investment-hardware", "investment_hardware", ZHI_FIELD_DOUBLE },
  [F_INVESTMENT_TOTAL] = { "investment-total", "investment_total", ZHI_FIELD_DOUBLE },
  [F_FUNDING_SOURCES] = { "funding-sources", "funding_sources", ZHI_FIELD_STRING },
  [F_TRACK] = { "track", "track", ZHI_FIELD_STRING },
  [F_SITE_NAME] = { "site-name", "site_name", ZHI_FIELD_STRING },
  [F_IN_USE_DATE] = { "in-use-date", "in_use_date", ZHI_FIELD_STRING },
  [F_WORKSHOPS] = { "workshops", "workshops", ZHI_FIELD_STRING },
  [F_EXAMPLE] = { "example", "example", ZHI_FIELD_INT64 },
  /* the edition of the track's standard the project is drafted against ("" = the built-in
   * edition, as for every project written before editions could be installed) */
  [F_STANDARD_EDITION] = { "standard-edition", "standard_edition", ZHI_FIELD_STRING },
  [F_STANDARD_SHA256] = { "standard-sha256", "standard_sha256", ZHI_FIELD_STRING },
};

typedef struct
{
  char *s;
  double d;
  gint64 i;
} FieldValue;

struct _ZhiProject
{
  GObject parent_instance;

  FieldValue values[N_FIELDS];
  GPtrArray *scenarios; /* of ZhiScenario */
  ZhiAnswers *answers;
  GHashTable *narratives;     /* criterion id → text */
  GListStore *evidence;       /* of ZhiEvidence */
  GHashTable *evidence_by_id; /* its id → each item of evidence (the list holds them) */

  GFile *file;
  ZhiProjectAccess access;
  gpointer store;
  GDestroyNotify store_free;
};

G_DEFINE_FINAL_TYPE (ZhiProject, zhi_project, G_TYPE_OBJECT)

enum
{
  PROP_0,
  /* 1 .. N_FIELDS are the fields, in table order */
  PROP_FILE = N_FIELDS + 1,
  PROP_READ_ONLY,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum
{
  SIGNAL_CHANGED,
  SIGNAL_EVIDENCE_ADDED,
  SIGNAL_EVIDENCE_REMOVED,
  SIGNAL_EVIDENCE_CHANGED,
  SIGNAL_SAVE_FAILED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
emit_changed (ZhiProject *self, const char *what)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (what), what);
}

const ZhiFieldInfo *
_zhi_project_fields (guint *n_fields)
{
  *n_fields = N_FIELDS;
  return fields;
}

void
_zhi_project_get_field (ZhiProject *self, guint index, GValue *value)
{
  g_return_if_fail (index < N_FIELDS);
  switch (fields[index].kind)
    {
      case ZHI_FIELD_STRING:
        g_value_init (value, G_TYPE_STRING);
        g_value_set_string (value, self->values[index].s);
        break;
      case ZHI_FIELD_DOUBLE:
        g_value_init (value, G_TYPE_DOUBLE);
        g_value_set_double (value, self->values[index].d);
        break;
      case ZHI_FIELD_INT64:
        g_value_init (value, G_TYPE_INT64);
        g_value_set_int64 (value, self->values[index].i);
        break;
    }
}

static void
set_string (ZhiProject *self, guint index, const char *value)
{
  if (value == NULL)
    value = "";
  if (index == F_TRACK)
    g_return_if_fail (zhi_track_is_valid (value));
  if (g_str_equal (self->values[index].s, value))
    return;
  g_free (self->values[index].s);
  self->values[index].s = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), props[index + 1]);
  emit_changed (self, fields[index].property);
}

static void
set_double (ZhiProject *self, guint index, double value)
{
  g_return_if_fail (isfinite (value));
  if (self->values[index].d == value)
    return;
  self->values[index].d = value;
  g_object_notify_by_pspec (G_OBJECT (self), props[index + 1]);
  emit_changed (self, fields[index].property);
}

static void
set_int64 (ZhiProject *self, guint index, gint64 value)
{
  if (self->values[index].i == value)
    return;
  self->values[index].i = value;
  g_object_notify_by_pspec (G_OBJECT (self), props[index + 1]);
  emit_changed (self, fields[index].property);
}

void
_zhi_project_set_field (ZhiProject *self, guint index, const GValue *value)
{
  g_return_if_fail (index < N_FIELDS);
  switch (fields[index].kind)
    {
      case ZHI_FIELD_STRING:
        set_string (self, index, g_value_get_string (value));
        break;
      case ZHI_FIELD_DOUBLE:
        set_double (self, index, g_value_get_double (value));
        break;
      case ZHI_FIELD_INT64:
        set_int64 (self, index, g_value_get_int64 (value));
        break;
    }
}

#define STRING_ACCESSORS(fn, IDX)                                                                  \
  const char *zhi_project_get_##fn (ZhiProject *self)                                              \
  {                                                                                                \
    g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);                                            \
    return self->values[IDX].s;                                                                    \
  }                                                                                                \
  void zhi_project_set_##fn (ZhiProject *self, const char *value)                                  \
  {                                                                                                \
    g_return_if_fail (ZHI_IS_PROJECT (self));                                                      \
    set_string (self, IDX, value);                                                                 \
  }

#define DOUBLE_ACCESSORS(fn, IDX)                                                                  \
  double zhi_project_get_##fn (ZhiProject *self)                                                   \
  {                                                                                                \
    g_return_val_if_fail (ZHI_IS_PROJECT (self), 0);                                               \
    return self->values[IDX].d;                                                                    \
  }                                                                                                \
  void zhi_project_set_##fn (ZhiProject *self, double value)                                       \
  {                                                                                                \
    g_return_if_fail (ZHI_IS_PROJECT (self));                                                      \
    set_double (self, IDX, value);                                                                 \
  }

/* clang-format off */
STRING_ACCESSORS (name, F_NAME)
STRING_ACCESSORS (credit_code, F_CREDIT_CODE)
STRING_ACCESSORS (city, F_CITY)
STRING_ACCESSORS (address, F_ADDRESS)
STRING_ACCESSORS (legal_representative, F_LEGAL_REPRESENTATIVE)
STRING_ACCESSORS (contact_person, F_CONTACT_PERSON)
STRING_ACCESSORS (phone, F_PHONE)
STRING_ACCESSORS (email, F_EMAIL)
STRING_ACCESSORS (industry_division, F_INDUSTRY_DIVISION)
DOUBLE_ACCESSORS (registered_capital, F_REGISTERED_CAPITAL)
STRING_ACCESSORS (founding_date, F_FOUNDING_DATE)
DOUBLE_ACCESSORS (revenue_last_year, F_REVENUE_LAST_YEAR)
STRING_ACCESSORS (main_products, F_MAIN_PRODUCTS)
DOUBLE_ACCESSORS (investment_software, F_INVESTMENT_SOFTWARE)
DOUBLE_ACCESSORS (investment_hardware, F_INVESTMENT_HARDWARE)
DOUBLE_ACCESSORS (investment_total, F_INVESTMENT_TOTAL)
STRING_ACCESSORS (funding_sources, F_FUNDING_SOURCES)
STRING_ACCESSORS (track, F_TRACK)
STRING_ACCESSORS (site_name, F_SITE_NAME)
STRING_ACCESSORS (in_use_date, F_IN_USE_DATE)
STRING_ACCESSORS (workshops, F_WORKSHOPS)
STRING_ACCESSORS (standard_edition, F_STANDARD_EDITION)
STRING_ACCESSORS (standard_sha256, F_STANDARD_SHA256)
/* clang-format on */

char **
zhi_project_list_workshops (ZhiProject *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *p;

  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  p = self->values[F_WORKSHOPS].s;
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *name = NULL;
      gsize skip = 0;

      /* a name ends at a newline, ";" or a full-width "；" (U+FF1B) */
      for (; *end != '\0'; end++)
        {
          if (*end == '\n' || *end == ';')
            {
              skip = 1;
              break;
            }
          if (g_str_has_prefix (end, "\xef\xbc\x9b"))
            {
              skip = 3;
              break;
            }
        }
      name = g_strstrip (g_strndup (p, end - p));
      if (*name != '\0')
        g_strv_builder_add (builder, name);
      p = end + skip;
    }
  return g_strv_builder_end (builder);
}

gboolean
zhi_project_get_example (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  return self->values[F_EXAMPLE].i != 0;
}

void
zhi_project_set_example (ZhiProject *self, gboolean value)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  set_int64 (self, F_EXAMPLE, value ? 1 : 0);
}

gint64
zhi_project_get_employees (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), 0);
  return self->values[F_EMPLOYEES].i;
}

void
zhi_project_set_employees (ZhiProject *self, gint64 value)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  set_int64 (self, F_EMPLOYEES, value);
}

static void
zhi_project_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ZhiProject *self = ZHI_PROJECT (object);

  if (prop_id >= 1 && prop_id <= N_FIELDS)
    {
      guint i = prop_id - 1;
      switch (fields[i].kind)
        {
          case ZHI_FIELD_STRING:
            g_value_set_string (value, self->values[i].s);
            break;
          case ZHI_FIELD_DOUBLE:
            g_value_set_double (value, self->values[i].d);
            break;
          case ZHI_FIELD_INT64:
            g_value_set_int64 (value, self->values[i].i);
            break;
        }
      return;
    }
  switch (prop_id)
    {
      case PROP_FILE:
        g_value_set_object (value, self->file);
        break;
      case PROP_READ_ONLY:
        g_value_set_boolean (value, self->access != ZHI_PROJECT_WRITABLE);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_project_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ZhiProject *self = ZHI_PROJECT (object);

  if (prop_id >= 1 && prop_id <= N_FIELDS)
    _zhi_project_set_field (self, prop_id - 1, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
zhi_project_dispose (GObject *object)
{
  ZhiProject *self = ZHI_PROJECT (object);

  /* the store flushes pending edits and closes the file */
  if (self->store != NULL)
    {
      gpointer store = g_steal_pointer (&self->store);
      GDestroyNotify free_func = self->store_free;
      self->store_free = NULL;
      if (free_func)
        free_func (store);
    }
  G_OBJECT_CLASS (zhi_project_parent_class)->dispose (object);
}

static void
zhi_project_finalize (GObject *object)
{
  ZhiProject *self = ZHI_PROJECT (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->values[i].s);
  g_ptr_array_unref (self->scenarios);
  zhi_answers_unref (self->answers);
  g_hash_table_unref (self->narratives);
  g_hash_table_unref (self->evidence_by_id);
  g_object_unref (self->evidence);
  g_clear_object (&self->file);
  G_OBJECT_CLASS (zhi_project_parent_class)->finalize (object);
}

static void
zhi_project_class_init (ZhiProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = zhi_project_get_property;
  object_class->set_property = zhi_project_set_property;
  object_class->dispose = zhi_project_dispose;
  object_class->finalize = zhi_project_finalize;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *p = fields[i].property;
      switch (fields[i].kind)
        {
          case ZHI_FIELD_STRING:
            props[i + 1] = g_param_spec_string (p, NULL, NULL, "", rw);
            break;
          case ZHI_FIELD_DOUBLE:
            props[i + 1] = g_param_spec_double (p, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, rw);
            break;
          case ZHI_FIELD_INT64:
            props[i + 1] = g_param_spec_int64 (p, NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
            break;
        }
    }
  props[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  props[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /**
   * ZhiProject::changed:
   * @what: a property name, "scenarios", "answers", "narratives" or "evidence"
   *
   * Emitted after any change to the document; the detail is @what.
   */
  signals[SIGNAL_CHANGED] = g_signal_new (
      "changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL,
      NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_EVIDENCE_ADDED]
      = g_signal_new ("evidence-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, ZHI_TYPE_EVIDENCE);
  signals[SIGNAL_EVIDENCE_REMOVED]
      = g_signal_new ("evidence-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, ZHI_TYPE_EVIDENCE);
  signals[SIGNAL_EVIDENCE_CHANGED]
      = g_signal_new ("evidence-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, ZHI_TYPE_EVIDENCE);
  /**
   * ZhiProject::save-failed:
   * @error: why (ZHI_PROJECT_ERROR_SAVE_FAILED, with SQLite's reason in the message)
   *
   * A background save failed.  The edits stay in memory and are retried on the next
   * change or flush; offer Save As.
   */
  signals[SIGNAL_SAVE_FAILED]
      = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
zhi_project_init (ZhiProject *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    self->values[i].s = g_strdup ("");
  self->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify)zhi_scenario_free);
  self->answers = zhi_answers_new ();
  self->narratives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->evidence = g_list_store_new (ZHI_TYPE_EVIDENCE);
  self->evidence_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->access = ZHI_PROJECT_WRITABLE;
}

ZhiProject *
zhi_project_new (void)
{
  return g_object_new (ZHI_TYPE_PROJECT, NULL);
}

GFile *
zhi_project_get_file (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  return self->file;
}

gboolean
zhi_project_is_read_only (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), TRUE);
  return self->access != ZHI_PROJECT_WRITABLE;
}

ZhiProjectAccess
zhi_project_get_access (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), ZHI_PROJECT_READ_ONLY_FILE);
  return self->access;
}

/* ---- private hooks ---- */

void
_zhi_project_set_store (ZhiProject *self, gpointer store, GDestroyNotify free_func)
{
  g_return_if_fail (self->store == NULL);
  self->store = store;
  self->store_free = free_func;
}

gpointer
_zhi_project_get_store (ZhiProject *self)
{
  return self->store;
}

gpointer
_zhi_project_steal_store (ZhiProject *self)
{
  self->store_free = NULL;
  return g_steal_pointer (&self->store);
}

void
_zhi_project_set_location (ZhiProject *self, GFile *file, ZhiProjectAccess access)
{
  gboolean was_ro = self->access != ZHI_PROJECT_WRITABLE;

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FILE]);
  self->access = access;
  if (was_ro != (access != ZHI_PROJECT_WRITABLE))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_READ_ONLY]);
}

void
_zhi_project_emit_save_failed (ZhiProject *self, const GError *error)
{
  g_signal_emit (self, signals[SIGNAL_SAVE_FAILED], 0, error);
}

/* ---- scenarios ---- */

guint
zhi_project_get_n_scenarios (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), 0);
  return self->scenarios->len;
}

const ZhiScenario *
zhi_project_get_scenario (ZhiProject *self, guint index)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (index < self->scenarios->len, NULL);
  return g_ptr_array_index (self->scenarios, index);
}

guint
zhi_project_add_scenario (ZhiProject *self, const ZhiScenario *scenario)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), 0);
  g_return_val_if_fail (scenario != NULL, 0);
  g_ptr_array_add (self->scenarios, zhi_scenario_copy (scenario));
  emit_changed (self, "scenarios");
  return self->scenarios->len - 1;
}

void
zhi_project_update_scenario (ZhiProject *self, guint index, const ZhiScenario *scenario)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  g_return_if_fail (index < self->scenarios->len);
  g_return_if_fail (scenario != NULL);
  if (zhi_scenario_equal (g_ptr_array_index (self->scenarios, index), scenario))
    return;
  zhi_scenario_free (g_ptr_array_index (self->scenarios, index));
  g_ptr_array_index (self->scenarios, index) = zhi_scenario_copy (scenario);
  emit_changed (self, "scenarios");
}

void
zhi_project_remove_scenario (ZhiProject *self, guint index)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  g_return_if_fail (index < self->scenarios->len);
  g_ptr_array_remove_index (self->scenarios, index);
  emit_changed (self, "scenarios");
}

void
zhi_project_move_scenario (ZhiProject *self, guint from, guint to)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  g_return_if_fail (from < self->scenarios->len && to < self->scenarios->len);
  if (from == to)
    return;
  gpointer s = g_ptr_array_steal_index (self->scenarios, from);
  g_ptr_array_insert (self->scenarios, to, s);
  emit_changed (self, "scenarios");
}

/* ---- answers ---- */

ZhiAnswers *
zhi_project_get_answers (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  return self->answers;
}

void
zhi_project_answers_changed (ZhiProject *self, const char *id)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  (void)id;
  emit_changed (self, "answers");
}

void
zhi_project_set_answers (ZhiProject *self, ZhiAnswers *answers)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  g_return_if_fail (answers != NULL);
  if (zhi_answers_equal (self->answers, answers))
    return;
  zhi_answers_unref (self->answers);
  self->answers = zhi_answers_copy (answers);
  emit_changed (self, "answers");
}

/* ---- narratives ---- */

const char *
zhi_project_get_narrative (ZhiProject *self, const char *criterion_id)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  g_return_val_if_fail (criterion_id != NULL, NULL);
  return g_hash_table_lookup (self->narratives, criterion_id);
}

void
zhi_project_set_narrative (ZhiProject *self, const char *criterion_id, const char *text)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  g_return_if_fail (criterion_id != NULL && *criterion_id);

  const char *old = g_hash_table_lookup (self->narratives, criterion_id);
  if (text == NULL || *text == '\0')
    {
      if (!g_hash_table_remove (self->narratives, criterion_id))
        return;
    }
  else
    {
      if (g_strcmp0 (old, text) == 0)
        return;
      g_hash_table_insert (self->narratives, g_strdup (criterion_id), g_strdup (text));
    }
  emit_changed (self, "narratives");
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *
zhi_project_list_narrative_ids (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, self->narratives);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_strings);
  return ids;
}

/* ---- evidence ---- */

GListModel *
zhi_project_get_evidence_list (ZhiProject *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->evidence);
}

/* By its id, through the index (a project opens with thousands of items, each looked up as it
 * is added); @position, when wanted, from the list. */
static ZhiEvidence *
lookup_evidence (ZhiProject *self, const char *id, guint *position)
{
  ZhiEvidence *ev = g_hash_table_lookup (self->evidence_by_id, id);

  if (ev != NULL && position != NULL && !g_list_store_find (self->evidence, ev, position))
    g_return_val_if_reached (NULL);
  return ev; /* the list keeps its reference */
}

ZhiEvidence *
zhi_project_lookup_evidence (ZhiProject *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  return id ? lookup_evidence (self, id, NULL) : NULL;
}

static char *
next_evidence_id (ZhiProject *self)
{
  guint64 max = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->evidence));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (G_LIST_MODEL (self->evidence), i);
      guint64 v;
      if (ev->id[0] == 'E' && g_ascii_string_to_unsigned (ev->id + 1, 10, 0, G_MAXUINT32, &v, NULL))
        max = MAX (max, v);
    }
  return g_strdup_printf ("E%" G_GUINT64_FORMAT, max + 1);
}

ZhiEvidence *
zhi_project_add_evidence (ZhiProject *self,
                          const char *id,
                          const char *title,
                          const char *file_name,
                          const char *media_type,
                          guint64 size,
                          const char *sha256,
                          guint page_count,
                          const char *const *supports,
                          GDateTime *added,
                          GError **error)
{
  ZhiEvidenceRecord record = {
    id, title, file_name, media_type, size, sha256, page_count, supports, added, FALSE, NULL,
  };

  return _zhi_project_add_evidence_record (self, &record, error);
}

ZhiEvidence *
_zhi_project_add_evidence_record (ZhiProject *self, const ZhiEvidenceRecord *record, GError **error)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);

  if (!_zhi_sha256_is_valid (record->sha256))
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID,
                   _ ("Evidence “%s” has an invalid SHA-256 digest “%s”: expected 64 lower-case "
                      "hexadecimal digits."),
                   record->title ? record->title : "", record->sha256 ? record->sha256 : "");
      return NULL;
    }
  if (record->id != NULL
      && (*record->id == '\0' || lookup_evidence (self, record->id, NULL) != NULL))
    {
      g_set_error (error, ZHI_PROJECT_ERROR, ZHI_PROJECT_ERROR_INVALID,
                   _ ("Evidence id “%s” is empty or already used in this project."), record->id);
      return NULL;
    }

  ZhiEvidence *ev = g_object_new (ZHI_TYPE_EVIDENCE, NULL);
  ev->id = record->id ? g_strdup (record->id) : next_evidence_id (self);
  ev->title = g_strdup (record->title ? record->title : "");
  ev->file_name = g_strdup (record->file_name ? record->file_name : "");
  ev->media_type = g_strdup (
      record->media_type && *record->media_type ? record->media_type : "application/octet-stream");
  ev->size = record->size;
  ev->sha256 = g_strdup (record->sha256);
  ev->page_count = record->page_count;
  g_strfreev (ev->supports);
  ev->supports = _zhi_strv_copy_or_empty (record->supports);
  ev->added = record->added ? g_date_time_to_utc (record->added) : g_date_time_new_now_utc ();
  ev->inspected = record->inspected;
  if (record->inspected && record->problem && *record->problem)
    {
      g_free (ev->problem);
      ev->problem = g_strdup (record->problem);
      ev->page_count = 0;
    }

  g_list_store_append (self->evidence, ev);
  g_hash_table_insert (self->evidence_by_id, ev->id, ev);
  g_object_unref (ev); /* the list holds it */
  g_signal_emit (self, signals[SIGNAL_EVIDENCE_ADDED], 0, ev);
  emit_changed (self, "evidence");
  return ev;
}

gboolean
zhi_project_remove_evidence (ZhiProject *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), FALSE);
  guint pos;
  ZhiEvidence *ev = id ? lookup_evidence (self, id, &pos) : NULL;
  if (ev == NULL)
    return FALSE;
  g_object_ref (ev);
  g_hash_table_remove (self->evidence_by_id, ev->id);
  g_list_store_remove (self->evidence, pos);
  g_signal_emit (self, signals[SIGNAL_EVIDENCE_REMOVED], 0, ev);
  emit_changed (self, "evidence");
  g_object_unref (ev);
  return TRUE;
}

static void
evidence_changed (ZhiProject *self, ZhiEvidence *ev, guint prop)
{
  _zhi_evidence_notify (ev, prop);
  g_signal_emit (self, signals[SIGNAL_EVIDENCE_CHANGED], 0, ev);
  emit_changed (self, "evidence");
}

void
zhi_project_set_evidence_title (ZhiProject *self, const char *id, const char *title)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, id);
  g_return_if_fail (ev != NULL);
  if (title == NULL)
    title = "";
  if (g_str_equal (ev->title, title))
    return;
  g_free (ev->title);
  ev->title = g_strdup (title);
  evidence_changed (self, ev, EV_PROP_TITLE);
}

void
zhi_project_set_evidence_page_count (ZhiProject *self, const char *id, guint pages)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, id);
  g_return_if_fail (ev != NULL);
  if (ev->page_count == pages)
    return;
  ev->page_count = pages;
  evidence_changed (self, ev, EV_PROP_PAGE_COUNT);
}

void
zhi_project_set_evidence_inspection (ZhiProject *self,
                                     const char *id,
                                     const char *problem,
                                     guint pages)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, id);
  g_return_if_fail (ev != NULL);
  if (problem == NULL)
    problem = "";
  if (*problem)
    pages = 0;
  if (ev->inspected && g_str_equal (ev->problem, problem) && ev->page_count == pages)
    return;
  gboolean was_usable = zhi_evidence_get_usable (ev);
  gboolean was_problem = g_str_equal (ev->problem, problem);
  gboolean was_inspected = ev->inspected;
  gboolean was_pages = ev->page_count == pages;
  ev->inspected = TRUE;
  g_free (ev->problem);
  ev->problem = g_strdup (problem);
  ev->page_count = pages;
  g_object_freeze_notify (G_OBJECT (ev));
  if (!was_inspected)
    _zhi_evidence_notify (ev, EV_PROP_INSPECTED);
  if (was_usable != zhi_evidence_get_usable (ev))
    _zhi_evidence_notify (ev, EV_PROP_USABLE);
  if (!was_problem)
    _zhi_evidence_notify (ev, EV_PROP_PROBLEM);
  if (!was_pages)
    _zhi_evidence_notify (ev, EV_PROP_PAGE_COUNT);
  g_object_thaw_notify (G_OBJECT (ev));
  g_signal_emit (self, signals[SIGNAL_EVIDENCE_CHANGED], 0, ev);
  emit_changed (self, "evidence");
}

void
zhi_project_set_evidence_supports (ZhiProject *self, const char *id, const char *const *supports)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, id);
  g_return_if_fail (ev != NULL);
  if (_zhi_strv_equal0 ((const char *const *)ev->supports, supports))
    return;
  g_strfreev (ev->supports);
  ev->supports = _zhi_strv_copy_or_empty (supports);
  evidence_changed (self, ev, EV_PROP_SUPPORTS);
}

void
zhi_project_add_evidence_support (ZhiProject *self, const char *id, const char *rule_id)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  g_return_if_fail (rule_id != NULL && *rule_id);
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, id);
  g_return_if_fail (ev != NULL);
  if (zhi_evidence_supports (ev, rule_id))
    return;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_strv_builder_addv (b, (const char **)ev->supports);
  g_strv_builder_add (b, rule_id);
  g_auto (GStrv) v = g_strv_builder_end (b);
  zhi_project_set_evidence_supports (self, id, (const char *const *)v);
}

void
zhi_project_remove_evidence_support (ZhiProject *self, const char *id, const char *rule_id)
{
  g_return_if_fail (ZHI_IS_PROJECT (self));
  ZhiEvidence *ev = zhi_project_lookup_evidence (self, id);
  g_return_if_fail (ev != NULL);
  if (!zhi_evidence_supports (ev, rule_id))
    return;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  for (char **p = ev->supports; *p; p++)
    if (!g_str_equal (*p, rule_id))
      g_strv_builder_add (b, *p);
  g_auto (GStrv) v = g_strv_builder_end (b);
  zhi_project_set_evidence_supports (self, id, (const char *const *)v);
}

GPtrArray *
zhi_project_list_evidence_for (ZhiProject *self, const char *rule_id)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (self), NULL);
  GPtrArray *out = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->evidence));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ZhiEvidence) ev = g_list_model_get_item (G_LIST_MODEL (self->evidence), i);
      if (zhi_evidence_supports (ev, rule_id))
        g_ptr_array_add (out, ev);
    }
  return out;
}
