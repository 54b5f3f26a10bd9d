/* zhi-demo-data.h — the three example enterprises of the demo, one per track
 *
 * Each is invented (the dossier cover and the window title say so) but consistent: its
 * credit code is valid and registered in its city, its industry division fits its track,
 * its licence scope matches its products, its scenarios serve the criteria they name, its
 * narratives describe what that industry's workshop or plant would build, and its figures
 * agree with each other (investment parts and sources add up to the total; dates in order).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *suffix; /* ".kpi-cycle" … matched against the indicator id */
  const char *label;  /* the table row: name and unit */
  double baseline, current;
  const char *source; /* where the figures come from (数据来源) */
} ZhiDemoKpi;

typedef struct
{
  const char *name;
  const char *criteria[4]; /* criterion ids, NULL-terminated */
  const char *description;
} ZhiDemoScenario;

typedef struct
{
  const char *criterion;
  const char *text; /* 200–600 characters, specific to the criterion and the industry */
} ZhiDemoNarrative;

typedef struct
{
  const char *track;
  const char *name;
  const char *region;   /* GB/T 2260 code of the registration authority: positions 3–8 */
  const char *org_code; /* 8 characters of the organisation code; its check is computed */
  const char *city;
  const char *address;
  const char *legal_representative, *contact_person, *phone, *email;
  const char *industry_division;
  const char *company_type; /* 有限责任公司 … */
  double registered_capital;
  const char *founding_date;
  gint64 employees;
  double revenue_last_year;
  const char *main_products;
  const char *licence_scope;
  const char *site_name;
  const char *in_use_date;
  const char *workshops; /* factories: one per "；" */
  double investment_software, investment_hardware, investment_total;
  const char *funding_sources;
  /* workshop track only: GB/T 23021 ratio indicators */
  double equipment_smart, equipment_all; /* w02: smart equipment / all equipment */
  double networked, networked_benchmark; /* w03: networked / smart equipment, benchmark */
  const char *cmmm_level;                /* GB/T 39116 self-assessment, e.g. "L2" */
  const char *gap_indicator;             /* the one measure not yet in place */
  int kpi_baseline_year, kpi_current_year;
  ZhiDemoKpi kpis[5];
  const ZhiDemoScenario *scenarios;
  guint n_scenarios;
  const ZhiDemoNarrative *narratives;
  guint n_narratives;
  const char *photo_title;
  const char *photo_supports; /* criterion id */
  const char *report_date;    /* the line under each report's heading */
} ZhiDemoEnterprise;

/* The example for a track id; NULL for an unknown track. */
const ZhiDemoEnterprise *zhi_demo_enterprise (const char *track);
/* The narrative for a criterion, or NULL. */
const char *zhi_demo_enterprise_narrative (const ZhiDemoEnterprise *e, const char *criterion);

G_END_DECLS
