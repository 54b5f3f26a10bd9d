/* zhi-scenario.c — an application scenario (ZhiScenario), a plain boxed value */
#include "zhi-project-private.h"

G_DEFINE_BOXED_TYPE (ZhiScenario, zhi_scenario, zhi_scenario_copy, zhi_scenario_free)

ZhiScenario *
zhi_scenario_new (const char *name, const char *const *criteria, const char *description)
{
  ZhiScenario *s = g_new0 (ZhiScenario, 1);
  s->name = g_strdup (name ? name : "");
  s->criteria = _zhi_strv_copy_or_empty (criteria);
  s->description = g_strdup (description ? description : "");
  return s;
}

ZhiScenario *
zhi_scenario_copy (const ZhiScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return zhi_scenario_new (self->name, (const char *const *)self->criteria, self->description);
}

void
zhi_scenario_free (ZhiScenario *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_strfreev (self->criteria);
  g_free (self->description);
  g_free (self);
}

gboolean
zhi_scenario_equal (const ZhiScenario *a, const ZhiScenario *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->description, b->description) == 0
         && _zhi_strv_equal0 ((const char *const *)a->criteria, (const char *const *)b->criteria);
}
