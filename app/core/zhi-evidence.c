/* zhi-evidence.c — one evidence item (ZhiEvidence); the project changes it (zhi-project.c) */
#include "zhi-evidence-private.h"

#include <glib/gi18n-lib.h>

G_DEFINE_FINAL_TYPE (ZhiEvidence, zhi_evidence, G_TYPE_OBJECT)

static GParamSpec *ev_props[EV_N_PROPS];

static void
zhi_evidence_finalize (GObject *object)
{
  ZhiEvidence *self = ZHI_EVIDENCE (object);
  g_free (self->id);
  g_free (self->title);
  g_free (self->file_name);
  g_free (self->media_type);
  g_free (self->sha256);
  g_strfreev (self->supports);
  g_clear_pointer (&self->added, g_date_time_unref);
  g_free (self->problem);
  G_OBJECT_CLASS (zhi_evidence_parent_class)->finalize (object);
}

static void
zhi_evidence_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ZhiEvidence *self = ZHI_EVIDENCE (object);
  switch (prop_id)
    {
      case EV_PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case EV_PROP_TITLE:
        g_value_set_string (value, self->title);
        break;
      case EV_PROP_FILE_NAME:
        g_value_set_string (value, self->file_name);
        break;
      case EV_PROP_MEDIA_TYPE:
        g_value_set_string (value, self->media_type);
        break;
      case EV_PROP_SIZE:
        g_value_set_uint64 (value, self->size);
        break;
      case EV_PROP_SHA256:
        g_value_set_string (value, self->sha256);
        break;
      case EV_PROP_PAGE_COUNT:
        g_value_set_uint (value, self->page_count);
        break;
      case EV_PROP_SUPPORTS:
        g_value_set_boxed (value, self->supports);
        break;
      case EV_PROP_ADDED:
        g_value_set_boxed (value, self->added);
        break;
      case EV_PROP_INSPECTED:
        g_value_set_boolean (value, self->inspected);
        break;
      case EV_PROP_USABLE:
        g_value_set_boolean (value, zhi_evidence_get_usable (self));
        break;
      case EV_PROP_PROBLEM:
        g_value_set_string (value, self->problem);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_evidence_class_init (ZhiEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags f = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = zhi_evidence_finalize;
  object_class->get_property = zhi_evidence_get_property;

  ev_props[EV_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, f);
  ev_props[EV_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, f);
  ev_props[EV_PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, f);
  ev_props[EV_PROP_MEDIA_TYPE] = g_param_spec_string ("media-type", NULL, NULL, NULL, f);
  ev_props[EV_PROP_SIZE] = g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, f);
  ev_props[EV_PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, f);
  ev_props[EV_PROP_PAGE_COUNT] = g_param_spec_uint ("page-count", NULL, NULL, 0, G_MAXUINT, 0, f);
  ev_props[EV_PROP_SUPPORTS] = g_param_spec_boxed ("supports", NULL, NULL, G_TYPE_STRV, f);
  ev_props[EV_PROP_ADDED] = g_param_spec_boxed ("added", NULL, NULL, G_TYPE_DATE_TIME, f);
  ev_props[EV_PROP_INSPECTED] = g_param_spec_boolean ("inspected", NULL, NULL, FALSE, f);
  ev_props[EV_PROP_USABLE] = g_param_spec_boolean ("usable", NULL, NULL, TRUE, f);
  ev_props[EV_PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, "", f);
  g_object_class_install_properties (object_class, EV_N_PROPS, ev_props);
}

static void
zhi_evidence_init (ZhiEvidence *self)
{
  self->supports = g_new0 (char *, 1);
  self->problem = g_strdup ("");
}

const char *
zhi_evidence_get_id (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return self->id;
}

const char *
zhi_evidence_get_title (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return self->title;
}

const char *
zhi_evidence_get_file_name (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return self->file_name;
}

const char *
zhi_evidence_get_media_type (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return self->media_type;
}

guint64
zhi_evidence_get_size (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), 0);
  return self->size;
}

const char *
zhi_evidence_get_sha256 (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return self->sha256;
}

guint
zhi_evidence_get_page_count (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), 0);
  return self->page_count;
}

gboolean
zhi_evidence_get_inspected (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), FALSE);
  return self->inspected;
}

gboolean
zhi_evidence_get_usable (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), FALSE);
  return self->problem[0] == '\0';
}

const char *
zhi_evidence_get_problem (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return self->problem;
}

const char *
zhi_evidence_problem_describe (const char *problem)
{
  static const struct
  {
    const char *code;
    const char *text;
  } texts[] = {
    { ZHI_EVIDENCE_PROBLEM_EMPTY, N_ ("Empty file") },
    { ZHI_EVIDENCE_PROBLEM_ENCRYPTED, N_ ("Encrypted, needs a password") },
    { ZHI_EVIDENCE_PROBLEM_DAMAGED, N_ ("File is damaged") },
    { ZHI_EVIDENCE_PROBLEM_NO_PAGES, N_ ("PDF without pages") },
    { ZHI_EVIDENCE_PROBLEM_NOT_A_PDF, N_ ("Not a PDF file") },
    { ZHI_EVIDENCE_PROBLEM_NOT_AN_IMAGE, N_ ("Not a picture") },
    { ZHI_EVIDENCE_PROBLEM_UNSUPPORTED, N_ ("Unsupported file type (only PDF, JPEG, PNG)") },
    { ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED,
      N_ ("Office document not converted to PDF yet (needs LibreOffice)") },
  };
  if (problem == NULL || *problem == '\0')
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (problem, texts[i].code))
      return _ (texts[i].text);
  /* a code of a newer version */
  return _ ("Cannot be opened");
}

const char *const *
zhi_evidence_get_supports (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return (const char *const *)self->supports;
}

gboolean
zhi_evidence_supports (ZhiEvidence *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), FALSE);
  return id != NULL && g_strv_contains ((const char *const *)self->supports, id);
}

GDateTime *
zhi_evidence_get_added (ZhiEvidence *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE (self), NULL);
  return self->added;
}

void
_zhi_evidence_notify (ZhiEvidence *self, guint prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), ev_props[prop]);
}
