/* zhi-crosscheck.c — contradictions between the project's own answers */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "zhi-crosscheck.h"
#include "zhi-industry.h"

/* Amounts are 万元 with two decimals: a difference below half a yuan cent is rounding. */
#define AMOUNT_EPSILON 0.005

/* ---- industry and track --------------------------------------------------------------- */

static void
check_industry_track (ZhiProject *project, GPtrArray *problems)
{
  const char *track = zhi_project_get_track (project);
  const ZhiIndustryDivision *division
      = zhi_industry_lookup (zhi_project_get_industry_division (project));
  const char *name;

  if (division == NULL || g_strcmp0 (division->suggested_track, track) == 0)
    return;
  name = zhi_industry_division_name (division);
  if (g_str_equal (track, ZHI_TRACK_FACTORY_PROCESS))
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "industry-division", "industry-track-mismatch",
        g_strdup_printf (_ ("Industry division C%s %s is usually discrete manufacturing, but the "
                            "application is for a process smart factory. The province tells "
                            "the two apart by how the products are made (discrete: parts made "
                            "separately and assembled; process: materials moving continuously "
                            "through the process). Check the track and the industry division. "
                            "(This tool's advice, not the province's rule.)"),
                         division->code, name));
  else if (g_str_equal (track, ZHI_TRACK_FACTORY_DISCRETE))
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "industry-division", "industry-track-mismatch",
        g_strdup_printf (_ ("Industry division C%s %s is usually process manufacturing, but the "
                            "application is for a discrete smart factory. The province tells "
                            "the two apart by how the products are made (discrete: parts made "
                            "separately and assembled; process: materials moving continuously "
                            "through the process). Check the track and the industry division. "
                            "(This tool's advice, not the province's rule.)"),
                         division->code, name));
  /* A digital workshop may be in any division: nothing to compare. */
}

/* ---- a factory's digital workshops ---------------------------------------------------- */

static const ZhiIndicator *
workshop_count_indicator (ZhiStandard *standard)
{
  GPtrArray *indicators;

  if (standard == NULL)
    return NULL;
  indicators = zhi_standard_get_track_indicators (standard);
  for (guint i = 0; i < indicators->len; i++)
    {
      const ZhiIndicator *indicator = g_ptr_array_index (indicators, i);

      if (indicator->kind == ZHI_INDICATOR_COUNT
          && g_str_has_suffix (indicator->id, ".workshop-count"))
        return indicator;
    }
  return NULL;
}

static void
check_workshops (ZhiProject *project,
                 ZhiStandard *standard,
                 ZhiAnswers *answers,
                 GPtrArray *problems)
{
  const ZhiIndicator *indicator = workshop_count_indicator (standard);
  g_auto (GStrv) listed = NULL;
  guint n_listed;
  gint64 declared = 0;
  gboolean answered;
  gint64 min;

  if (indicator == NULL)
    return;
  listed = zhi_project_list_workshops (project);
  n_listed = g_strv_length (listed);
  answered = zhi_answers_get_count (answers, indicator->id, &declared);
  min = MAX (indicator->min_count, 2);

  if (n_listed > 0 && n_listed < min)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "workshops", "too-few-workshops",
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Digital workshops: %u is listed, but a smart factory "
                                      "brings several digital workshops under unified "
                                      "management (at least %d). List every digital workshop "
                                      "of the factory.",
                                      "Digital workshops: %u are listed, but a smart factory "
                                      "brings several digital workshops under unified "
                                      "management (at least %d). List every digital workshop "
                                      "of the factory.",
                                      n_listed),
                         n_listed, (int)min));
  if (n_listed > 0 && answered && declared != (gint64)n_listed)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "workshops", "workshop-count-mismatch",
        g_strdup_printf (_ ("Digital workshops: the eligibility page declares %d, the enterprise "
                            "page lists %u. Make the number of digital "
                            "workshops and the list of their names agree."),
                         (int)CLAMP (declared, G_MININT, G_MAXINT), n_listed));
  if (n_listed == 0 && answered && declared > 0)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "workshops", "workshops-not-named",
        g_strdup_printf (_ ("Digital workshops: %d are declared, but none is "
                            "named. List the digital workshops on the enterprise page so the "
                            "reviewer can see which they are."),
                         (int)CLAMP (declared, G_MININT, G_MAXINT)));
}

/* ---- scenarios ------------------------------------------------------------------------ */

static void
check_scenarios (ZhiProject *project, ZhiStandard *standard, GPtrArray *problems)
{
  for (guint i = 0; i < zhi_project_get_n_scenarios (project); i++)
    {
      const ZhiScenario *scenario = zhi_project_get_scenario (project, i);
      gboolean linked = FALSE;
      g_autofree char *field = NULL;
      g_autofree char *label = NULL;

      for (guint c = 0; scenario->criteria[c] != NULL && !linked; c++)
        linked = standard == NULL
                 || zhi_standard_lookup_criterion (standard, scenario->criteria[c]) != NULL;
      if (linked)
        continue;
      field = g_strdup_printf ("scenario:%u", i + 1);
      label = *scenario->name != '\0' ? g_strdup_printf ("“%s”", scenario->name)
                                      : g_strdup_printf ("%u", i + 1);
      zhi_problem_list_add (
          problems, ZHI_PROBLEM_WARNING, "enterprise", field, "scenario-without-criterion",
          g_strdup_printf (_ ("Application scenario %s serves no criterion of this track. Tick "
                              "the criteria it serves so the reviewer sees what it supports."),
                           label));
    }
}

/* ---- investment ----------------------------------------------------------------------- */

void
zhi_crosscheck_parse_funding (const char *text, double *amount, double *percent)
{
  double sum_amount = 0, sum_percent = 0;
  gboolean has_amount = FALSE, has_percent = FALSE;
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *start = p;
      char *end;
      double value;

      if (!g_ascii_isdigit (*p))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      /* g_ascii_strtod also takes "1e5" or hex; only digits with one decimal point here */
      while (g_ascii_isdigit (*p) || *p == '.' || *p == ',')
        p++;
      {
        g_autoptr (GString) digits = g_string_new_len (start, p - start);

        g_string_replace (digits, ",", "", 0);
        value = g_ascii_strtod (digits->str, &end);
        if (end == digits->str || *end != '\0')
          continue;
      }
      while (*p == ' ' || g_str_has_prefix (p, "\xe3\x80\x80")) /* space, U+3000 */
        p += *p == ' ' ? 1 : 3;
      if (g_str_has_prefix (p, "万"))
        sum_amount += value, has_amount = TRUE;
      else if (g_str_has_prefix (p, "亿"))
        sum_amount += value * 10000, has_amount = TRUE;
      else if (*p == '%' || g_str_has_prefix (p, "％"))
        sum_percent += value, has_percent = TRUE;
    }
  if (amount != NULL)
    *amount = has_amount ? sum_amount : -1;
  if (percent != NULL)
    *percent = has_percent ? sum_percent : -1;
}

static void
check_investment (ZhiProject *project, GPtrArray *problems)
{
  double software = zhi_project_get_investment_software (project);
  double hardware = zhi_project_get_investment_hardware (project);
  double total = zhi_project_get_investment_total (project);
  double amount, percent;

  zhi_crosscheck_parse_funding (zhi_project_get_funding_sources (project), &amount, &percent);
  /* Shares need no total.  Free text read by pattern: a warning that says what was read. */
  if (percent > 100 + 1e-9)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "funding-sources", "funding-exceeds-total",
        g_strdup_printf (
            _ ("Sources of funds: the shares written there add up to %.1f%%, more than 100%%. "
               "Correct the sources of funds."),
            percent));
  if (total <= 0)
    return; /* "missing-investment" already asks for it */
  if (software + hardware > total + AMOUNT_EPSILON)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "investment-total",
        "investment-parts-exceed-total",
        g_strdup_printf (_ ("Investment: software %.2f plus hardware %.2f make %.2f (10k yuan), "
                            "more than the total investment %.2f. Correct the software, "
                            "hardware or total investment."),
                         software, hardware, software + hardware, total));
  if (amount > total + AMOUNT_EPSILON)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "funding-sources", "funding-exceeds-total",
        g_strdup_printf (
            _ ("Sources of funds: the amounts written there add up to %.2f (10k yuan), more than "
               "the total investment %.2f. Correct the sources of funds or the "
               "total investment."),
            amount, total));
}

/* ---- dates ---------------------------------------------------------------------------- */

/* YYYY-MM-DD (ISO 8601 calendar date) into @date; FALSE when blank or not a date. */
static gboolean
parse_date (const char *text, GDate *date)
{
  guint64 y, m, d;
  g_auto (GStrv) parts = NULL;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  parts = g_strsplit (text, "-", 3);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &y, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL)
      || !g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
check_dates (ZhiProject *project, const GDate *today, GPtrArray *problems)
{
  const char *founding_text = zhi_project_get_founding_date (project);
  const char *in_use_text = zhi_project_get_in_use_date (project);
  GDate founding, in_use;
  gboolean has_founding = parse_date (founding_text, &founding);
  gboolean has_in_use = parse_date (in_use_text, &in_use);

  if (!has_founding && !is_blank (founding_text))
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "founding-date", "bad-date",
        g_strdup_printf (_ ("Founding date “%s” is not a date: write it as YYYY-MM-DD."),
                         founding_text));
  if (!has_in_use && !is_blank (in_use_text))
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "in-use-date", "bad-date",
        g_strdup_printf (_ ("Date put into use “%s” is not a date: write it as YYYY-MM-DD."),
                         in_use_text));
  if (has_founding && g_date_compare (&founding, today) > 0)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "founding-date", "founding-date-in-future",
        g_strdup_printf (_ ("Founding date %s is in the future. Enter the date on the business "
                            "licence."),
                         founding_text));
  if (has_in_use && g_date_compare (&in_use, today) > 0)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "in-use-date", "in-use-date-in-future",
        g_strdup_printf (_ ("Date put into use %s is in the future: condition (4) requires the "
                            "workshop or factory to be built and in use already. Enter the date "
                            "it went into use."),
                         in_use_text));
  if (has_in_use && has_founding && g_date_compare (&in_use, &founding) < 0)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "in-use-date", "in-use-date-before-founding",
        g_strdup_printf (_ ("Date put into use %s is before the founding date %s. Correct one "
                            "of the two dates."),
                         in_use_text, founding_text));
}

void
zhi_crosscheck_run (ZhiProject *project,
                    ZhiStandard *standard,
                    ZhiAnswers *answers,
                    const GDate *today,
                    GPtrArray *problems)
{
  GDate now;

  g_return_if_fail (ZHI_IS_PROJECT (project));
  g_return_if_fail (problems != NULL);

  if (today == NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_new_now_local ();

      g_date_clear (&now, 1);
      g_date_set_dmy (&now, (GDateDay)g_date_time_get_day_of_month (local),
                      (GDateMonth)g_date_time_get_month (local),
                      (GDateYear)g_date_time_get_year (local));
      today = &now;
    }
  if (answers == NULL)
    answers = zhi_project_get_answers (project);

  check_industry_track (project, problems);
  check_workshops (project, standard, answers, problems);
  check_scenarios (project, standard, problems);
  check_investment (project, problems);
  check_dates (project, today, problems);
}
