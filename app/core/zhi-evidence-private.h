/* zhi-evidence-private.h — the evidence item's fields, which the project changes (core only) */
#pragma once

#include "zhi-evidence.h"

G_BEGIN_DECLS

struct _ZhiEvidence
{
  GObject parent_instance;
  char *id;
  char *title;
  char *file_name;
  char *media_type;
  guint64 size;
  char *sha256;
  guint page_count;
  char **supports;
  GDateTime *added;
  gboolean inspected;
  char *problem; /* "" when usable or not inspected */
};

enum
{
  EV_PROP_0,
  EV_PROP_ID,
  EV_PROP_TITLE,
  EV_PROP_FILE_NAME,
  EV_PROP_MEDIA_TYPE,
  EV_PROP_SIZE,
  EV_PROP_SHA256,
  EV_PROP_PAGE_COUNT,
  EV_PROP_SUPPORTS,
  EV_PROP_ADDED,
  EV_PROP_INSPECTED,
  EV_PROP_USABLE,
  EV_PROP_PROBLEM,
  EV_N_PROPS
};

/* Notifies the property EV_PROP_* after the project changed the field */
void _zhi_evidence_notify (ZhiEvidence *self, guint prop);

G_END_DECLS
