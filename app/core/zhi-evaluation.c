/* zhi-evaluation.c — eligibility, score and checklist of one project, kept current */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "zhi-crosscheck.h"
#include "zhi-editions.h"
#include "zhi-evaluation.h"
#include "zhi-kpi.h"
#include "zhi-names.h"
#include "zhi-store.h"

struct _ZhiEvaluation
{
  GObject parent_instance;

  ZhiProject *project;
  ZhiStandard *standard;
  char *standard_error; /* why the project's edition could not be loaded, or NULL */
  ZhiConditions *conditions;
  ZhiAnswers *answers;
  ZhiScore *score;
  ZhiEligibility *eligibility;
  GPtrArray *problems;
  guint update_source;
};

enum
{
  PROP_0,
  PROP_PROJECT,
  N_PROPS
};

enum
{
  SIGNAL_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZhiEvaluation, zhi_evaluation, G_TYPE_OBJECT)

static void
problem_free (ZhiProblem *problem)
{
  g_free (problem->step);
  g_free (problem->field);
  g_free (problem->code);
  g_free (problem->message);
  g_free (problem);
}

GPtrArray *
zhi_problem_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);
}

void
zhi_problem_list_add (GPtrArray *problems,
                      ZhiProblemSeverity severity,
                      const char *step,
                      const char *field,
                      const char *code,
                      char *message /* owned */)
{
  ZhiProblem *problem = g_new0 (ZhiProblem, 1);

  problem->severity = severity;
  problem->step = g_strdup (step);
  problem->field = g_strdup (field);
  problem->code = g_strdup (code);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
check_enterprise (ZhiEvaluation *self, GPtrArray *problems)
{
  ZhiProject *p = self->project;
  ZhiCreditCode code;

  if (is_blank (zhi_project_get_name (p)))
    zhi_problem_list_add (problems, ZHI_PROBLEM_BLOCKING, "enterprise", "name", "missing-name",
                          g_strdup (_ ("Enter the enterprise's name as on its business licence.")));
  zhi_credit_code_check (zhi_project_get_credit_code (p), &code);
  if (code.status == ZHI_CREDIT_CODE_EMPTY)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "credit-code", "missing-credit-code",
        g_strdup (_ ("Enter the unified social credit code from the business licence.")));
  else if (code.status != ZHI_CREDIT_CODE_VALID
           && is_blank (
               zhi_answers_get_note (zhi_project_get_answers (p), ZHI_CREDIT_CODE_NOTE_ID)))
    zhi_problem_list_add (problems, ZHI_PROBLEM_BLOCKING, "enterprise", "credit-code",
                          "invalid-credit-code", zhi_credit_code_describe (&code));
  if (is_blank (zhi_project_get_track (p)))
    zhi_problem_list_add (problems, ZHI_PROBLEM_BLOCKING, "enterprise", "track", "missing-track",
                          g_strdup (_ ("Choose what you apply for: a digital workshop or a smart "
                                       "factory (discrete or process).")));
  if (is_blank (zhi_project_get_site_name (p)))
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise", "site-name", "missing-site-name",
        g_strdup (_ ("Enter the name of the workshop or factory you apply with.")));
  if (is_blank (zhi_project_get_contact_person (p)) || is_blank (zhi_project_get_phone (p)))
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_BLOCKING, "enterprise",
        is_blank (zhi_project_get_contact_person (p)) ? "contact-person" : "phone",
        "missing-contact",
        g_strdup (_ ("Enter a contact person and phone number: the bureau calls them "
                     "with questions.")));
  if (is_blank (zhi_project_get_city (p)))
    zhi_problem_list_add (problems, ZHI_PROBLEM_WARNING, "enterprise", "city", "missing-city",
                          g_strdup (_ ("Enter the city: the dossier goes to that city's industry "
                                       "bureau.")));
  if (is_blank (zhi_project_get_industry_division (p)))
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "enterprise", "industry-division", "missing-industry",
        g_strdup (_ ("Choose the industry (GB/T 4754 division) of the main products.")));
  if (is_blank (zhi_project_get_in_use_date (p)))
    zhi_problem_list_add (problems, ZHI_PROBLEM_WARNING, "enterprise", "in-use-date",
                          "missing-in-use-date",
                          g_strdup (_ ("Enter the date the workshop or factory was put into use: "
                                       "condition (4) requires it to be built and in use.")));
  if (zhi_project_get_investment_total (p) <= 0)
    zhi_problem_list_add (problems, ZHI_PROBLEM_WARNING, "enterprise", "investment-total",
                          "missing-investment",
                          g_strdup (_ ("Enter the investment made (software, hardware, total): the "
                                       "dossier reports it.")));
}

static void
check_eligibility (ZhiEvaluation *self, GPtrArray *problems)
{
  for (guint i = 0; i < self->eligibility->rules->len; i++)
    {
      const ZhiRuleResult *rule = g_ptr_array_index (self->eligibility->rules, i);
      g_autofree char *step = NULL;
      const char *field = rule->id;
      char *message;

      if (!rule->decides || rule->state == ZHI_RULE_MET)
        continue;
      /* Every deciding rule not met is an open item of the eligibility step, whose page lists
       * every rule (gates included, with their input or a link to it): the sidebar's mark and
       * the page's banner then agree.  Where the input of a gate lives elsewhere, that page
       * has its own open item (an unanswered indicator, too few scenarios). */
      step = g_strdup ("eligibility");
      if (rule->kind == ZHI_RULE_KIND_GATE && self->standard != NULL)
        {
          const ZhiGate *gate = zhi_standard_lookup_gate (self->standard, rule->id);

          /* the eligibility page finds a gate by its indicator too */
          if (gate != NULL)
            field = gate->indicator->id;
        }
      message = g_strdup_printf ("%s%s：%s", rule->mark != NULL ? rule->mark : "", rule->title,
                                 rule->reason);
      zhi_problem_list_add (problems, ZHI_PROBLEM_BLOCKING, step, field,
                            rule->state == ZHI_RULE_NOT_MET ? "rule-not-met" : "rule-unanswered",
                            message);
    }
}

/* The narrative's length against the standard's min_chars..max_chars: the tool's advice, never a
 * rule of the province, so a warning that says so (the narrative earns no points either way). */
static void
check_narrative_length (ZhiEvaluation *self,
                        GPtrArray *problems,
                        const ZhiCriterion *criterion,
                        const ZhiIndicator *text,
                        const char *step)
{
  g_autofree char *trimmed
      = g_strstrip (g_strdup (zhi_project_get_narrative (self->project, criterion->id)));
  glong chars = g_utf8_strlen (trimmed, -1);

  if (chars < text->min_chars)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, step, text->id, "short-narrative",
        g_strdup_printf (_ ("%d. %s: the narrative has %ld characters. This tool "
                            "suggests at least %lld, naming the systems, equipment and "
                            "results (the tool's advice, not a rule of the provincial "
                            "document; the narrative earns no points)."),
                         criterion->number, zhi_text_get (&criterion->title), chars,
                         (long long)text->min_chars));
  else if (chars > text->max_chars)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, step, text->id, "long-narrative",
        g_strdup_printf (_ ("%d. %s: the narrative has %ld characters. This tool "
                            "suggests at most %lld so that reviewers read it through "
                            "(the tool's advice, not a rule of the provincial "
                            "document)."),
                         criterion->number, zhi_text_get (&criterion->title), chars,
                         (long long)text->max_chars));
}

static void
check_criteria (ZhiEvaluation *self, GPtrArray *problems)
{
  for (guint c = 0; c < self->score->criteria->len; c++)
    {
      const ZhiCriterionResult *result = g_ptr_array_index (self->score->criteria, c);
      const ZhiCriterion *criterion = result->criterion;
      g_autofree char *step = g_strconcat ("criterion:", criterion->id, NULL);
      const char *first_unanswered = NULL;
      const ZhiIndicator *text = NULL;
      const char *text_id = NULL;
      guint unanswered = 0;

      for (guint i = 0; i < result->indicators->len; i++)
        {
          const ZhiIndicatorResult *ir = g_ptr_array_index (result->indicators, i);

          if (ir->indicator->kind == ZHI_INDICATOR_TEXT)
            {
              text = ir->indicator;
              text_id = ir->indicator->id;
              continue;
            }
          if (!ir->answered)
            {
              unanswered++;
              if (first_unanswered == NULL)
                first_unanswered = ir->indicator->id;
            }
        }
      if (is_blank (zhi_project_get_narrative (self->project, criterion->id)))
        zhi_problem_list_add (
            problems, ZHI_PROBLEM_BLOCKING, step, text_id, "missing-narrative",
            g_strdup_printf (_ ("%d. %s: describe what was built (the construction "
                                "content); the dossier prints it for this criterion."),
                             criterion->number, zhi_text_get (&criterion->title)));
      else if (text != NULL)
        check_narrative_length (self, problems, criterion, text, step);
      if (unanswered > 0)
        zhi_problem_list_add (
            problems, ZHI_PROBLEM_WARNING, step, first_unanswered, "unanswered-indicator",
            g_strdup_printf (
                g_dngettext (GETTEXT_PACKAGE, "%d. %s: %u indicator is not answered yet.",
                             "%d. %s: %u indicators are not answered yet.", unanswered),
                criterion->number, zhi_text_get (&criterion->title), unanswered));
      if (!result->has_evidence)
        zhi_problem_list_add (problems, ZHI_PROBLEM_WARNING, step, "evidence", "no-evidence",
                              g_strdup_printf (_ ("%d. %s: no evidence supports it, so it earns no "
                                                  "evidenced points. Attach a document."),
                                               criterion->number,
                                               zhi_text_get (&criterion->title)));
    }
}

/* Ratio and kpi answers kept half-filled (zhi-answers.h) and the KPIs' own checks: each names
 * the indicator and the field that is missing, and jumps to that field.  A kpi with a baseline of
 * 0 blocks (its change cannot be computed, the dossier would print nonsense); a KPI value without
 * its years or data source is a warning (reviewers cannot check it). */
static void
check_ratio_and_kpi_answers (ZhiEvaluation *self, GPtrArray *problems)
{
  GPtrArray *criteria = zhi_standard_get_criteria (self->standard);

  for (guint c = 0; c < criteria->len; c++)
    {
      const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);
      g_autofree char *step = g_strconcat ("criterion:", criterion->id, NULL);

      for (guint i = 0; i < criterion->indicators->len; i++)
        {
          const ZhiIndicator *ind = g_ptr_array_index (criterion->indicators, i);

          if (ind->kind == ZHI_INDICATOR_RATIO)
            {
              double num = NAN, den = NAN, bench = NAN;
              const char *part = NULL;

              if (!zhi_answers_get_ratio (self->answers, ind->id, &num, &den, &bench))
                continue;
              if (isnan (num))
                part = "numerator";
              else if (isnan (den))
                part = "denominator";
              else if (ind->threshold_from_benchmark && isnan (bench))
                part = "benchmark";
              if (part != NULL)
                {
                  const ZhiIndicatorResult *r = zhi_score_lookup_indicator (self->score, ind->id);
                  g_autofree char *field = g_strconcat (ind->id, ":", part, NULL);

                  zhi_problem_list_add (problems, ZHI_PROBLEM_WARNING, step, field,
                                        "partial-answer",
                                        g_strdup_printf ("%d. %s", criterion->number,
                                                         r != NULL ? r->detail : ind->id));
                }
            }
          else if (ind->kind == ZHI_INDICATOR_KPI)
            {
              ZhiKpiFigures f;
              g_autofree char *details = NULL;

              zhi_kpi_read (ind, self->answers, &f);
              if (f.trend == ZHI_KPI_INCOMPLETE || f.trend == ZHI_KPI_ZERO_BASELINE)
                {
                  g_autofree char *field = g_strconcat (
                      ind->id,
                      isnan (f.baseline) || f.trend == ZHI_KPI_ZERO_BASELINE ? ":baseline"
                                                                             : ":current",
                      NULL);
                  g_autofree char *what = zhi_kpi_describe (ind, &f);

                  zhi_problem_list_add (
                      problems,
                      f.trend == ZHI_KPI_ZERO_BASELINE ? ZHI_PROBLEM_BLOCKING : ZHI_PROBLEM_WARNING,
                      step, field,
                      f.trend == ZHI_KPI_ZERO_BASELINE ? "kpi-zero-baseline" : "partial-answer",
                      g_strdup_printf ("%d. %s", criterion->number, what));
                }
              details = zhi_kpi_describe_details_problem (ind, &f);
              if (details != NULL)
                {
                  const char *part = f.baseline_year <= 0               ? ":baseline-year"
                                     : f.current_year <= 0              ? ":current-year"
                                     : f.current_year < f.baseline_year ? ":current-year"
                                                                        : ":source";
                  g_autofree char *field = g_strconcat (ind->id, part, NULL);

                  zhi_problem_list_add (problems, ZHI_PROBLEM_WARNING, step, field,
                                        "kpi-missing-details",
                                        g_strdup_printf ("%d. %s", criterion->number, details));
                }
            }
        }
    }
}

/* What a supported id names, for messages: the names of zhi-names.h ("3. 网络安全" for a
 * criterion, "条件（一）依法设立" for a condition, the gate's text for a gate), else the id. */
static char *
claim_label (ZhiEvaluation *self, const char *id)
{
  if (self->standard != NULL && zhi_standard_lookup_criterion (self->standard, id) != NULL)
    return zhi_names_support (self->standard, NULL, id);
  if (self->eligibility != NULL)
    for (guint i = 0; i < self->eligibility->rules->len; i++)
      {
        const ZhiRuleResult *rule = g_ptr_array_index (self->eligibility->rules, i);

        if (g_strcmp0 (rule->id, id) == 0)
          return zhi_names_rule (rule);
      }
  return g_strdup (id);
}

static char *
claims_text (ZhiEvaluation *self, const char *const *ids)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint s = 0; ids != NULL && ids[s] != NULL; s++)
    g_ptr_array_add (labels, claim_label (self, ids[s]));
  g_ptr_array_add (labels, NULL);
  /* TRANSLATORS: separates the criteria and conditions a document supports */
  return g_strjoinv (_ ("; "), (char **)labels->pdata);
}

/* “title” (file name) */
static char *
evidence_label (ZhiEvidence *evidence)
{
  return g_strdup_printf (_ ("“%s” (%s)"), zhi_evidence_get_title (evidence),
                          zhi_evidence_get_file_name (evidence));
}

/* Evidence that cannot be opened counts for nothing (the evidenced set takes only usable
 * items); here it is named with its reason and what it was meant to support, and a claim
 * whose only support it is blocks the final dossier.  The same bytes attached twice are
 * one document: reported here, counted once (zhi_evaluation_count_documents). */
static void
check_evidence (ZhiEvaluation *self, GPtrArray *problems)
{
  GListModel *list = zhi_project_get_evidence_list (self->project);
  gboolean stored = zhi_project_get_file (self->project) != NULL;
  /* supported id → the unusable items supporting it, when no usable item does */
  g_autoptr (GHashTable) usable_claims = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) unusable_claims
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GPtrArray) claim_order = g_ptr_array_new ();
  /* sha256 → the items with these bytes */
  g_autoptr (GHashTable) by_sha
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  g_autoptr (GPtrArray) sha_order = g_ptr_array_new ();

  /* an empty library is an open item, never a ✓ */
  if (g_list_model_get_n_items (list) == 0)
    zhi_problem_list_add (
        problems, ZHI_PROBLEM_WARNING, "evidence", NULL, "no-evidence-attached",
        g_strdup (_ ("No evidence is attached yet: add the documents (licences, contracts, "
                     "reports, photos) that support the conditions and criteria.")));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);
      const char *const *supports = zhi_evidence_get_supports (evidence);
      const char *sha = zhi_evidence_get_sha256 (evidence);
      GPtrArray *same = g_hash_table_lookup (by_sha, sha);

      if (same == NULL)
        {
          same = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_sha, (gpointer)sha, same);
          g_ptr_array_add (sha_order, (gpointer)sha);
        }
      g_ptr_array_add (same, g_object_ref (evidence));

      if (stored && !zhi_project_has_blob (self->project, zhi_evidence_get_sha256 (evidence)))
        zhi_problem_list_add (problems, ZHI_PROBLEM_BLOCKING, "evidence",
                              zhi_evidence_get_id (evidence), "missing-evidence-file",
                              g_strdup_printf (_ ("“%s”: the file's content is missing from the "
                                                  "project. Attach the file again."),
                                               zhi_evidence_get_title (evidence)));
      if (!zhi_evidence_get_usable (evidence))
        {
          g_autofree char *label = evidence_label (evidence);
          const char *reason = zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence));

          if (g_strcmp0 (zhi_evidence_get_problem (evidence), ZHI_EVIDENCE_PROBLEM_NOT_CONVERTED)
              == 0)
            {
              /* not broken: waiting for LibreOffice (the window converts at open) */
              g_autofree char *claims
                  = supports != NULL && supports[0] != NULL ? claims_text (self, supports) : NULL;

              zhi_problem_list_add (
                  problems, ZHI_PROBLEM_WARNING, "evidence", zhi_evidence_get_id (evidence),
                  "unconverted-evidence",
                  claims != NULL
                      ? g_strdup_printf (_ ("%s is an office document not converted to PDF yet, "
                                            "so it supports nothing until it is: it is meant to "
                                            "support %s. Install LibreOffice, then open the "
                                            "project again to convert it."),
                                         label, claims)
                      : g_strdup_printf (_ ("%s is an office document not converted to PDF yet. "
                                            "Install LibreOffice, then open the project again "
                                            "to convert it."),
                                         label));
            }
          else if (supports != NULL && supports[0] != NULL)
            {
              g_autofree char *claims = claims_text (self, supports);

              zhi_problem_list_add (
                  problems, ZHI_PROBLEM_WARNING, "evidence", zhi_evidence_get_id (evidence),
                  "unusable-evidence",
                  g_strdup_printf (_ ("%s cannot be opened (%s), so it supports "
                                      "nothing. It was meant to support: %s. Replace "
                                      "it with a file that opens."),
                                   label, reason, claims));
            }
          else
            zhi_problem_list_add (
                problems, ZHI_PROBLEM_WARNING, "evidence", zhi_evidence_get_id (evidence),
                "unusable-evidence",
                g_strdup_printf (_ ("%s cannot be opened (%s). Replace it with a file "
                                    "that opens, or remove it."),
                                 label, reason));
        }
      else if (supports == NULL || supports[0] == NULL)
        zhi_problem_list_add (
            problems, ZHI_PROBLEM_WARNING, "evidence", zhi_evidence_get_id (evidence),
            "unlinked-evidence",
            g_strdup_printf (_ ("“%s” supports no criterion or condition yet: link it "
                                "so it counts."),
                             zhi_evidence_get_title (evidence)));

      for (guint s = 0; supports != NULL && supports[s] != NULL; s++)
        {
          GPtrArray *bad;

          if (zhi_evidence_get_usable (evidence))
            {
              g_hash_table_add (usable_claims, (gpointer)supports[s]);
              continue;
            }
          bad = g_hash_table_lookup (unusable_claims, supports[s]);
          if (bad == NULL)
            {
              bad = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (unusable_claims, (gpointer)supports[s], bad);
              g_ptr_array_add (claim_order, (gpointer)supports[s]);
            }
          g_ptr_array_add (bad, g_object_ref (evidence));
        }
    }

  /* a claim whose only support cannot be opened */
  for (guint c = 0; c < claim_order->len; c++)
    {
      const char *id = claim_order->pdata[c];
      GPtrArray *bad = g_hash_table_lookup (unusable_claims, id);
      g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *claim = NULL;
      g_autofree char *files = NULL;

      if (g_hash_table_contains (usable_claims, id))
        continue;
      for (guint k = 0; k < bad->len; k++)
        {
          ZhiEvidence *evidence = bad->pdata[k];
          g_autofree char *label = evidence_label (evidence);

          g_ptr_array_add (labels, g_strdup_printf (_ ("%s: %s"), label,
                                                    zhi_evidence_problem_describe (
                                                        zhi_evidence_get_problem (evidence))));
        }
      g_ptr_array_add (labels, NULL);
      files = g_strjoinv (_ ("; "), (char **)labels->pdata);
      claim = claim_label (self, id);
      zhi_problem_list_add (
          problems, ZHI_PROBLEM_BLOCKING, "evidence", zhi_evidence_get_id (bad->pdata[0]),
          "unusable-only-evidence",
          g_strdup_printf (_ ("%s: its only evidence cannot be opened (%s). Attach a "
                              "document that opens, or remove the claim."),
                           claim, files));
    }

  /* the same bytes under two titles or names */
  for (guint i = 0; i < sha_order->len; i++)
    {
      GPtrArray *same = g_hash_table_lookup (by_sha, sha_order->pdata[i]);
      g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;

      if (same->len < 2)
        continue;
      for (guint k = 0; k < same->len; k++)
        g_ptr_array_add (labels, evidence_label (same->pdata[k]));
      g_ptr_array_add (labels, NULL);
      /* TRANSLATORS: separates the titles of copies of one file */
      joined = g_strjoinv (_ (" and "), (char **)labels->pdata);
      zhi_problem_list_add (
          problems, ZHI_PROBLEM_WARNING, "evidence", zhi_evidence_get_id (same->pdata[1]),
          "duplicate-evidence",
          g_strdup_printf (_ ("%s are the same file (SHA-256 %.12s…); it counts as one "
                              "document. Keep one and link it to everything it "
                              "supports."),
                           joined, (const char *)sha_order->pdata[i]));
    }
}

guint
zhi_evaluation_count_documents (ZhiEvaluation *self, const char *id)
{
  g_autoptr (GHashTable) contents = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *list;

  g_return_val_if_fail (ZHI_IS_EVALUATION (self), 0);
  list = zhi_project_get_evidence_list (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);

      if (zhi_evidence_get_usable (evidence) && zhi_evidence_supports (evidence, id))
        g_hash_table_add (contents, (gpointer)zhi_evidence_get_sha256 (evidence));
    }
  return g_hash_table_size (contents);
}

static int
problem_compare (gconstpointer a, gconstpointer b)
{
  const ZhiProblem *pa = *(const ZhiProblem *const *)a;
  const ZhiProblem *pb = *(const ZhiProblem *const *)b;

  return (int)pa->severity - (int)pb->severity;
}

void
zhi_evaluation_update (ZhiEvaluation *self)
{
  g_autoptr (GHashTable) evidenced = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  GListModel *list;
  const char *track;
  GPtrArray *problems;

  g_return_if_fail (ZHI_IS_EVALUATION (self));

  g_clear_handle_id (&self->update_source, g_source_remove);

  track = zhi_project_get_track (self->project);
  if (self->standard == NULL || g_strcmp0 (zhi_standard_get_id (self->standard), track) != 0
      || (!is_blank (zhi_project_get_standard_edition (self->project))
          && g_strcmp0 (zhi_standard_get_edition (self->standard),
                        zhi_project_get_standard_edition (self->project))
                 != 0))
    {
      g_clear_object (&self->standard);
      g_clear_pointer (&self->standard_error, g_free);
      if (!is_blank (track))
        {
          /* the recorded edition; a missing one is reported by zhi_evaluation_get_standard_error */
          self->standard = zhi_editions_for_project (self->project, &error);
          if (self->standard == NULL)
            self->standard_error = g_strdup (error->message);
        }
    }

  /* What the engines see: narratives answer text indicators, scenarios are counted. */
  g_clear_pointer (&self->answers, zhi_answers_unref);
  self->answers = zhi_answers_copy (zhi_project_get_answers (self->project));
  if (self->standard != NULL)
    {
      GPtrArray *criteria = zhi_standard_get_criteria (self->standard);
      GPtrArray *track_indicators = zhi_standard_get_track_indicators (self->standard);

      for (guint c = 0; c < criteria->len; c++)
        {
          const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);
          const char *narrative = zhi_project_get_narrative (self->project, criterion->id);

          for (guint i = 0; i < criterion->indicators->len; i++)
            {
              const ZhiIndicator *indicator = g_ptr_array_index (criterion->indicators, i);

              if (indicator->kind != ZHI_INDICATOR_TEXT)
                continue;
              if (is_blank (narrative))
                zhi_answers_clear (self->answers, indicator->id);
              else
                zhi_answers_set_text (self->answers, indicator->id, narrative);
            }
        }
      for (guint i = 0; i < track_indicators->len; i++)
        {
          const ZhiIndicator *indicator = g_ptr_array_index (track_indicators, i);

          /* No scenario yet means not answered yet, not "zero scenarios, not eligible". */
          if (indicator->kind == ZHI_INDICATOR_COUNT
              && g_strcmp0 (indicator->derived, "scenarios") == 0
              && zhi_project_get_n_scenarios (self->project) > 0)
            zhi_answers_set_count (self->answers, indicator->id,
                                   zhi_project_get_n_scenarios (self->project));
        }
    }

  list = zhi_project_get_evidence_list (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (ZhiEvidence) evidence = g_list_model_get_item (list, i);
      const char *const *supports = zhi_evidence_get_supports (evidence);

      /* only a document that opens is evidence (an item never inspected counts) */
      if (!zhi_evidence_get_usable (evidence))
        continue;
      for (guint s = 0; supports != NULL && supports[s] != NULL; s++)
        g_hash_table_add (evidenced, (gpointer)supports[s]);
    }

  g_clear_pointer (&self->score, zhi_score_unref);
  if (self->standard != NULL)
    self->score = zhi_scoring_compute (self->standard, self->answers, evidenced);
  g_clear_pointer (&self->eligibility, zhi_eligibility_unref);
  self->eligibility = zhi_eligibility_evaluate (self->standard, self->conditions, self->answers,
                                                zhi_project_get_credit_code (self->project));

  problems = zhi_problem_list_new ();
  if (self->standard_error != NULL)
    zhi_problem_list_add (problems, ZHI_PROBLEM_BLOCKING, "enterprise", "track", "missing-edition",
                          g_strdup (self->standard_error));
  check_enterprise (self, problems);
  check_eligibility (self, problems);
  if (self->score != NULL)
    {
      check_criteria (self, problems);
      check_ratio_and_kpi_answers (self, problems);
    }
  check_evidence (self, problems);
  zhi_crosscheck_run (self->project, self->standard, self->answers, NULL, problems);
  /* GLib's sort is stable: blocking first, each group in step order. */
  g_ptr_array_sort (problems, problem_compare);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = problems;

  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

static gboolean
update_idle_cb (gpointer data)
{
  ZhiEvaluation *self = data;

  self->update_source = 0;
  zhi_evaluation_update (self);
  return G_SOURCE_REMOVE;
}

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiEvaluation *self)
{
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle_cb, self, NULL);
}

static void
zhi_evaluation_constructed (GObject *object)
{
  ZhiEvaluation *self = ZHI_EVALUATION (object);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (zhi_evaluation_parent_class)->constructed (object);

  self->conditions = zhi_conditions_load_builtin (&error);
  if (self->conditions == NULL)
    g_error ("The built-in conditions do not load: %s", error->message);
  g_signal_connect_object (self->project, "changed", G_CALLBACK (project_changed_cb), self, 0);
  zhi_evaluation_update (self);
}

static void
zhi_evaluation_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ZhiEvaluation *self = ZHI_EVALUATION (object);

  switch (prop_id)
    {
      case PROP_PROJECT:
        g_value_set_object (value, self->project);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_evaluation_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ZhiEvaluation *self = ZHI_EVALUATION (object);

  switch (prop_id)
    {
      case PROP_PROJECT:
        self->project = g_value_dup_object (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_evaluation_dispose (GObject *object)
{
  ZhiEvaluation *self = ZHI_EVALUATION (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (zhi_evaluation_parent_class)->dispose (object);
}

static void
zhi_evaluation_finalize (GObject *object)
{
  ZhiEvaluation *self = ZHI_EVALUATION (object);

  g_clear_object (&self->standard);
  g_free (self->standard_error);
  g_clear_object (&self->conditions);
  g_clear_pointer (&self->answers, zhi_answers_unref);
  g_clear_pointer (&self->score, zhi_score_unref);
  g_clear_pointer (&self->eligibility, zhi_eligibility_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  G_OBJECT_CLASS (zhi_evaluation_parent_class)->finalize (object);
}

static void
zhi_evaluation_class_init (ZhiEvaluationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = zhi_evaluation_constructed;
  object_class->get_property = zhi_evaluation_get_property;
  object_class->set_property = zhi_evaluation_set_property;
  object_class->dispose = zhi_evaluation_dispose;
  object_class->finalize = zhi_evaluation_finalize;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, ZHI_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ZhiEvaluation::updated:
   *
   * The score, eligibility and problems were recomputed.
   */
  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
zhi_evaluation_init (ZhiEvaluation *self)
{
}

ZhiEvaluation *
zhi_evaluation_new (ZhiProject *project)
{
  g_return_val_if_fail (ZHI_IS_PROJECT (project), NULL);
  return g_object_new (ZHI_TYPE_EVALUATION, "project", project, NULL);
}

ZhiProject *
zhi_evaluation_get_project (ZhiEvaluation *self)
{
  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  return self->project;
}

ZhiStandard *
zhi_evaluation_get_standard (ZhiEvaluation *self)
{
  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  return self->standard;
}

ZhiScore *
zhi_evaluation_get_score (ZhiEvaluation *self)
{
  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  return self->score;
}

ZhiEligibility *
zhi_evaluation_get_eligibility (ZhiEvaluation *self)
{
  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  return self->eligibility;
}

GPtrArray *
zhi_evaluation_get_problems (ZhiEvaluation *self)
{
  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  return self->problems;
}

ZhiAnswers *
zhi_evaluation_get_effective_answers (ZhiEvaluation *self)
{
  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  return self->answers;
}

guint
zhi_evaluation_count_problems (ZhiEvaluation *self, const char *step, gboolean blocking_only)
{
  guint n = 0;

  g_return_val_if_fail (ZHI_IS_EVALUATION (self), 0);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (self->problems, i);

      if (blocking_only && problem->severity != ZHI_PROBLEM_BLOCKING)
        continue;
      if (step == NULL || zhi_problem_in_step (problem, step))
        n++;
    }
  return n;
}

gboolean
zhi_problem_in_step (const ZhiProblem *problem, const char *step)
{
  g_return_val_if_fail (problem != NULL && step != NULL, FALSE);
  return g_str_equal (step, problem->step)
         || (g_str_equal (step, "criteria") && g_str_has_prefix (problem->step, "criterion:"));
}

GPtrArray *
zhi_evaluation_list_open_items (ZhiEvaluation *self, const char *step)
{
  GPtrArray *items = g_ptr_array_new ();

  g_return_val_if_fail (ZHI_IS_EVALUATION (self), items);
  for (guint i = 0; i < self->problems->len; i++)
    {
      ZhiProblem *problem = g_ptr_array_index (self->problems, i);

      if (step == NULL || zhi_problem_in_step (problem, step))
        g_ptr_array_add (items, problem);
    }
  return items;
}

/* What a group of one code's items says, or NULL when the code's items are never grouped
 * (each names something different to fix). */
static char *
checklist_group_message (const char *code, guint n)
{
  if (g_strcmp0 (code, "unlinked-evidence") == 0)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%u document supports no criterion or condition yet: link it on the "
                     "Evidence page so it counts.",
                     "%u documents support no criterion or condition yet: link each on the "
                     "Evidence page so it counts.",
                     n),
        n);
  if (g_strcmp0 (code, "unusable-evidence") == 0)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%u document cannot be opened: replace it with a file that opens, or "
                     "remove it (the Evidence page lists it).",
                     "%u documents cannot be opened: replace each with a file that opens, or "
                     "remove it (the Evidence page lists them).",
                     n),
        n);
  if (g_strcmp0 (code, "unconverted-evidence") == 0)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%u office document is not converted to PDF yet: install LibreOffice, "
                     "then open the project again to convert it.",
                     "%u office documents are not converted to PDF yet: install LibreOffice, "
                     "then open the project again to convert them.",
                     n),
        n);
  if (g_strcmp0 (code, "missing-evidence-file") == 0)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The content of %u document is missing from the project: attach the "
                     "file again (the Evidence page lists it).",
                     "The content of %u documents is missing from the project: attach the "
                     "files again (the Evidence page lists them).",
                     n),
        n);
  if (g_strcmp0 (code, "duplicate-evidence") == 0)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%u document is a copy of another: each file counts once. Keep one of "
                     "each (the Evidence page lists them).",
                     "%u documents are copies of others: each file counts once. Keep one of "
                     "each (the Evidence page lists them).",
                     n),
        n);
  return NULL;
}

static void
checklist_entry_free (ZhiChecklistEntry *entry)
{
  g_free (entry->message);
  g_free (entry);
}

GPtrArray *
zhi_evaluation_list_checklist (ZhiEvaluation *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)checklist_entry_free);
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (ZHI_IS_EVALUATION (self), entries);
  /* how many items each step has of each code */
  for (guint i = 0; i < self->problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (self->problems, i);
      char *key = g_strconcat (problem->step, "\n", problem->code, NULL);

      g_hash_table_insert (
          counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }
  for (guint i = 0; i < self->problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (self->problems, i);
      g_autofree char *key = g_strconcat (problem->step, "\n", problem->code, NULL);
      gpointer stored_key = NULL, value = NULL;
      guint n;
      ZhiChecklistEntry *entry;
      char *group = NULL;

      g_hash_table_lookup_extended (counts, key, &stored_key, &value);
      n = GPOINTER_TO_UINT (value);
      if (n > ZHI_CHECKLIST_GROUP_MAX && (group = checklist_group_message (problem->code, n)))
        {
          /* the group stands where its first item would */
          if (!g_hash_table_add (done, stored_key))
            {
              g_free (group);
              continue;
            }
        }
      entry = g_new0 (ZhiChecklistEntry, 1);
      entry->problem = problem;
      entry->n_items = group != NULL ? n : 1;
      entry->message = group != NULL ? group : g_strdup (problem->message);
      g_ptr_array_add (entries, entry);
    }
  return entries;
}

const ZhiProblem *
zhi_evaluation_lookup_open_item (ZhiEvaluation *self, const char *step, const char *field)
{
  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (self->problems, i);

      if (zhi_problem_in_step (problem, step) && g_strcmp0 (problem->field, field) == 0)
        return problem;
    }
  return NULL;
}

gboolean
zhi_evaluation_has_blocking_problems (ZhiEvaluation *self)
{
  return zhi_evaluation_count_problems (self, NULL, TRUE) > 0;
}

const char *
zhi_problem_severity_to_string (ZhiProblemSeverity severity)
{
  return severity == ZHI_PROBLEM_BLOCKING ? "blocking" : "warning";
}

static void
add_points (JsonBuilder *builder, const char *name, double points)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, round (points * 100) / 100);
}

JsonNode *
zhi_evaluation_to_json (ZhiEvaluation *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  ZhiEligibility *e;

  g_return_val_if_fail (ZHI_IS_EVALUATION (self), NULL);
  e = self->eligibility;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "track");
  json_builder_add_string_value (builder, zhi_project_get_track (self->project));
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, zhi_verdict_to_string (e->verdict));
  json_builder_set_member_name (builder, "verdict_label");
  json_builder_add_string_value (builder, zhi_verdict_to_label (e->verdict));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, e->summary);

  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < e->rules->len; i++)
    {
      const ZhiRuleResult *rule = g_ptr_array_index (e->rules, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, rule->id);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, rule->kind == ZHI_RULE_KIND_CONDITION   ? "condition"
                                              : rule->kind == ZHI_RULE_KIND_EXCLUSION ? "exclusion"
                                                                                      : "gate");
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, rule->title);
      json_builder_set_member_name (builder, "decides");
      json_builder_add_boolean_value (builder, rule->decides);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, zhi_rule_state_to_string (rule->state));
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, rule->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "score");
  if (self->score == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_points (builder, "claimed", self->score->total_claimed);
      add_points (builder, "evidenced", self->score->total_evidenced);
      json_builder_set_member_name (builder, "band");
      json_builder_add_string_value (builder,
                                     self->score->band != NULL ? self->score->band->id : "");
      json_builder_set_member_name (builder, "band_label");
      json_builder_add_string_value (
          builder, self->score->band != NULL ? zhi_text_get (&self->score->band->label) : "");
      json_builder_set_member_name (builder, "band_claimed");
      json_builder_add_string_value (
          builder, self->score->band_claimed != NULL ? self->score->band_claimed->id : "");
      json_builder_set_member_name (builder, "criteria");
      json_builder_begin_array (builder);
      for (guint c = 0; c < self->score->criteria->len; c++)
        {
          const ZhiCriterionResult *r = g_ptr_array_index (self->score->criteria, c);
          g_autofree char *explain = zhi_scoring_explain_criterion (self->score, r->criterion->id);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, r->criterion->id);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, zhi_text_get (&r->criterion->title));
          add_points (builder, "weight", r->max_points);
          add_points (builder, "claimed", r->claimed);
          add_points (builder, "evidenced", r->evidenced);
          json_builder_set_member_name (builder, "has_evidence");
          json_builder_add_boolean_value (builder, r->has_evidence);
          json_builder_set_member_name (builder, "evidence_documents");
          json_builder_add_int_value (builder,
                                      zhi_evaluation_count_documents (self, r->criterion->id));
          json_builder_set_member_name (builder, "explain");
          json_builder_add_string_value (builder, explain);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "weakest");
      json_builder_begin_array (builder);
      for (guint w = 0; w < self->score->weakest->len; w++)
        {
          const ZhiCriterionResult *r = g_ptr_array_index (self->score->weakest, w);
          json_builder_add_string_value (builder, r->criterion->id);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const ZhiProblem *problem = g_ptr_array_index (self->problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, zhi_problem_severity_to_string (problem->severity));
      json_builder_set_member_name (builder, "step");
      json_builder_add_string_value (builder, problem->step);
      json_builder_set_member_name (builder, "field");
      if (problem->field != NULL)
        json_builder_add_string_value (builder, problem->field);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, problem->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* each step's open items, as the sidebar badge counts them */
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_object (builder);
  {
    g_autoptr (GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (steps, g_strdup ("enterprise"));
    g_ptr_array_add (steps, g_strdup ("eligibility"));
    if (self->standard != NULL)
      {
        GPtrArray *criteria = zhi_standard_get_criteria (self->standard);

        for (guint c = 0; c < criteria->len; c++)
          g_ptr_array_add (
              steps,
              g_strconcat ("criterion:", ((const ZhiCriterion *)criteria->pdata[c])->id, NULL));
      }
    g_ptr_array_add (steps, g_strdup ("evidence"));
    for (guint s = 0; s < steps->len; s++)
      {
        const char *step = steps->pdata[s];

        json_builder_set_member_name (builder, step);
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "open");
        json_builder_add_int_value (builder, zhi_evaluation_count_problems (self, step, FALSE));
        json_builder_set_member_name (builder, "blocking");
        json_builder_add_int_value (builder, zhi_evaluation_count_problems (self, step, TRUE));
        json_builder_end_object (builder);
      }
  }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "blocking");
  json_builder_add_boolean_value (builder, zhi_evaluation_has_blocking_problems (self));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
