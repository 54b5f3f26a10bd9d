/* zhi-scenario.h — an application scenario (应用场景): a plain boxed value */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* ZhiScenario — an application scenario (应用场景): a plain boxed value */

typedef struct
{
  char *name;
  char **criteria; /* criterion ids it serves; never NULL (empty vector) */
  char *description;
} ZhiScenario;

#define ZHI_TYPE_SCENARIO (zhi_scenario_get_type ())
GType zhi_scenario_get_type (void) G_GNUC_CONST;
ZhiScenario *
zhi_scenario_new (const char *name, const char *const *criteria, const char *description);
ZhiScenario *zhi_scenario_copy (const ZhiScenario *self);
void zhi_scenario_free (ZhiScenario *self);
gboolean zhi_scenario_equal (const ZhiScenario *a, const ZhiScenario *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiScenario, zhi_scenario_free)

G_END_DECLS
