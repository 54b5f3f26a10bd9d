/* fuzz-standard.c — the strict standards loader: any bytes as a standards JSON file
 *
 * The bytes go to zhi_standard_new_from_bytes() (and, being cheap, to the conditions and
 * guide loaders too).  A standard that loads is walked: every id it lists must be found
 * by its lookup function, and every score in 0..100 must fall in a band.
 */
#include "zhi-fuzz.h"

#include <string.h>

#include "zhi-standard.h"

static void
check_error (const char *what, GError *error)
{
  if (error == NULL || error->message == NULL || *error->message == '\0')
    zhi_fuzz_fail ("%s failed without an error message", what);
}

static void
walk_standard (ZhiStandard *st)
{
  (void)strlen (zhi_standard_get_id (st));
  GPtrArray *criteria = zhi_standard_get_criteria (st);
  int weights = 0;
  for (guint i = 0; i < criteria->len; i++)
    {
      const ZhiCriterion *c = criteria->pdata[i];
      weights += c->weight;
      if (zhi_standard_lookup_criterion (st, c->id) != c)
        zhi_fuzz_fail ("criterion “%s” is not found by its id", c->id);
      for (guint j = 0; j < c->indicators->len; j++)
        {
          const ZhiIndicator *ind = c->indicators->pdata[j];
          if (zhi_standard_lookup_indicator (st, ind->id) != ind)
            zhi_fuzz_fail ("indicator “%s” is not found by its id", ind->id);
          if (ind->criterion != c)
            zhi_fuzz_fail ("indicator “%s” does not point back at “%s”", ind->id, c->id);
          (void)zhi_indicator_kind_to_string (ind->kind);
          if (ind->kind == ZHI_INDICATOR_LEVEL)
            {
              if (ind->levels == NULL || ind->min_level >= ind->levels->len)
                zhi_fuzz_fail ("level indicator “%s” with min_level out of range", ind->id);
              for (guint k = 0; k < ind->levels->len; k++)
                {
                  const ZhiLevel *level = ind->levels->pdata[k];
                  if (zhi_indicator_level_index (ind, level->id) != (int)k)
                    zhi_fuzz_fail ("level “%s” of “%s” is not found", level->id, ind->id);
                }
            }
        }
    }
  if (weights != 100)
    zhi_fuzz_fail ("a standard loaded whose weights sum to %d", weights);

  GPtrArray *track = zhi_standard_get_track_indicators (st);
  for (guint i = 0; i < track->len; i++)
    {
      const ZhiIndicator *ind = track->pdata[i];
      if (zhi_standard_lookup_indicator (st, ind->id) != ind)
        zhi_fuzz_fail ("track indicator “%s” is not found by its id", ind->id);
    }
  GPtrArray *gates = zhi_standard_get_gates (st);
  for (guint i = 0; i < gates->len; i++)
    {
      const ZhiGate *gate = gates->pdata[i];
      if (zhi_standard_lookup_gate (st, gate->id) != gate)
        zhi_fuzz_fail ("gate “%s” is not found by its id", gate->id);
    }
  GPtrArray *kpis = zhi_standard_get_kpis (st);
  for (guint i = 0; i < kpis->len; i++)
    if (((const ZhiIndicator *)kpis->pdata[i])->kind != ZHI_INDICATOR_KPI)
      zhi_fuzz_fail ("a KPI that is not of kind kpi");
  for (int score = 0; score <= 100; score++)
    if (zhi_standard_band_for_score (st, score) == NULL)
      zhi_fuzz_fail ("no band holds the score %d", score);
  (void)zhi_standard_get_definition (st);
  (void)zhi_standard_get_cites (st);
  (void)zhi_standard_get_bands (st);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  zhi_fuzz_init ();
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);

  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) st = zhi_standard_new_from_bytes (bytes, "fuzz.json", &error);
  if (st != NULL)
    walk_standard (st);
  else
    check_error ("zhi_standard_new_from_bytes", error);

  g_clear_error (&error);
  g_autoptr (ZhiConditions) cond = zhi_conditions_new_from_bytes (bytes, "fuzz.json", &error);
  if (cond != NULL)
    {
      GPtrArray *conditions = zhi_conditions_get_conditions (cond);
      for (guint i = 0; i < conditions->len; i++)
        {
          const ZhiCondition *c = conditions->pdata[i];
          if (zhi_conditions_lookup_condition (cond, c->id) != c)
            zhi_fuzz_fail ("condition “%s” is not found by its id", c->id);
        }
      GPtrArray *exclusions = zhi_conditions_get_exclusions (cond);
      for (guint i = 0; i < exclusions->len; i++)
        {
          const ZhiExclusion *x = exclusions->pdata[i];
          if (zhi_conditions_lookup_exclusion (cond, x->id) != x)
            zhi_fuzz_fail ("exclusion “%s” is not found by its id", x->id);
        }
    }
  else
    check_error ("zhi_conditions_new_from_bytes", error);

  g_clear_error (&error);
  g_autoptr (ZhiGuide) guide = zhi_guide_new_from_bytes (bytes, "fuzz.json", &error);
  if (guide != NULL)
    {
      GPtrArray *sections = zhi_guide_get_sections (guide);
      for (guint i = 0; i < sections->len; i++)
        {
          const ZhiGuideSection *s = sections->pdata[i];
          if (zhi_guide_lookup_section (guide, s->id) != s)
            zhi_fuzz_fail ("guide section “%s” is not found by its id", s->id);
        }
    }
  else
    check_error ("zhi_guide_new_from_bytes", error);
  return 0;
}
