/* zhi-guide.h — guide.json: the guide's sections (docs/standards-format.md) */
#pragma once

#include "zhi-standard.h"

G_BEGIN_DECLS

/* ---- guide.json ---------------------------------------------------------------------------- */

typedef struct
{
  char *id;
  ZhiText title;
  GPtrArray *paragraphs; /* ZhiText * */
} ZhiGuideSection;

#define ZHI_TYPE_GUIDE (zhi_guide_get_type ())
G_DECLARE_FINAL_TYPE (ZhiGuide, zhi_guide, ZHI, GUIDE, GObject)

ZhiGuide *zhi_guide_new_from_file (const char *path, GError **error);
ZhiGuide *zhi_guide_new_from_bytes (GBytes *bytes, const char *name, GError **error);
ZhiGuide *zhi_guide_load_builtin (GError **error);
GPtrArray *zhi_guide_get_sections (ZhiGuide *self); /* ZhiGuideSection * */
const ZhiGuideSection *zhi_guide_lookup_section (ZhiGuide *self, const char *id);

G_END_DECLS
