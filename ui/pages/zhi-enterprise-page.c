/* zhi-enterprise-page.c — 企业信息: the enterprise, the track, the site, the investment and the
 * application scenarios
 *
 * Every entry writes to the project as the user types (the project autosaves) and follows the
 * project when it changes elsewhere, without rewriting an entry whose text already means the
 * stored value.  Values that cannot be stored (letters in a number, an impossible date) are
 * shown with an error under the row and leave the project as it was.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zhi-editions.h"
#include "zhi-formats.h"
#include "zhi-credit-code.h"
#include "zhi-enterprise-page.h"
#include "zhi-number.h"
#include "zhi-number-entry.h"
#include "zhi-scenario-row.h"
#include "zhi-industry-row.h"
#include "zhi-message-row.h"
#include "zhi-industry.h"
#include "zhi-standard.h"
#include "zhi-track.h"

typedef enum
{
  KIND_TEXT,
  KIND_NUMBER,  /* double, ≥ 0 */
  KIND_INTEGER, /* gint64, ≥ 0 */
  KIND_DATE,    /* ISO 8601 YYYY-MM-DD */
  KIND_EMAIL,
  KIND_PHONE,
  KIND_CREDIT_CODE,
} FieldKind;

typedef enum
{
  GROUP_BASIC,
  GROUP_SITE,
  GROUP_INVESTMENT,
} FieldGroup;

typedef struct
{
  const char *id;    /* the ZhiProject property, and the page.focus id */
  const char *title; /* N_() */
  FieldKind kind;
  FieldGroup group;
  const char *unit; /* N_(), shown after the text; NULL for none */
} FieldInfo;

/* In page order; the industry division row follows "email". */
static const FieldInfo field_infos[] = {
  { "name", N_ ("Enterprise Name"), KIND_TEXT, GROUP_BASIC, NULL },
  { "credit-code", N_ ("Unified Social Credit Code"), KIND_CREDIT_CODE, GROUP_BASIC, NULL },
  { "city", N_ ("City"), KIND_TEXT, GROUP_BASIC, NULL },
  { "address", N_ ("Address"), KIND_TEXT, GROUP_BASIC, NULL },
  { "legal-representative", N_ ("Legal Representative"), KIND_TEXT, GROUP_BASIC, NULL },
  { "contact-person", N_ ("Contact Person"), KIND_TEXT, GROUP_BASIC, NULL },
  { "phone", N_ ("Phone"), KIND_PHONE, GROUP_BASIC, NULL },
  { "email", N_ ("E-mail"), KIND_EMAIL, GROUP_BASIC, NULL },
  { "registered-capital", N_ ("Registered Capital"), KIND_NUMBER, GROUP_BASIC, N_ ("10k yuan") },
  { "founding-date", N_ ("Founding Date"), KIND_DATE, GROUP_BASIC, N_ ("YYYY-MM-DD") },
  { "employees", N_ ("Employees"), KIND_INTEGER, GROUP_BASIC, N_ ("people") },
  { "revenue-last-year", N_ ("Revenue Last Year"), KIND_NUMBER, GROUP_BASIC, N_ ("10k yuan") },
  { "main-products", N_ ("Main Products"), KIND_TEXT, GROUP_BASIC, NULL },
  /* (the facts from "employees" on lie below the fold: see show_below_fold ()) */
  { "site-name", N_ ("Workshop or Factory Name"), KIND_TEXT, GROUP_SITE, NULL },
  { "in-use-date", N_ ("Date Put into Use"), KIND_DATE, GROUP_SITE, N_ ("YYYY-MM-DD") },
  { "workshops", N_ ("Digital Workshops of the Factory"), KIND_TEXT, GROUP_SITE,
    N_ ("separate with ；") },
  { "investment-software", N_ ("Software"), KIND_NUMBER, GROUP_INVESTMENT, N_ ("10k yuan") },
  { "investment-hardware", N_ ("Hardware"), KIND_NUMBER, GROUP_INVESTMENT, N_ ("10k yuan") },
  { "investment-total", N_ ("Total Investment"), KIND_NUMBER, GROUP_INVESTMENT, N_ ("10k yuan") },
  { "funding-sources", N_ ("Sources of Funds"), KIND_TEXT, GROUP_INVESTMENT, NULL },
};

#define N_FIELDS G_N_ELEMENTS (field_infos)

typedef struct
{
  const FieldInfo *info;
  AdwEntryRow *row;
  ZhiMessageRow *message_row; /* hidden when there is nothing to say */
  ZhiEnterprisePage *page;
  guint clear_source; /* a pending store of an emptied number or date */
} Field;

struct _ZhiEnterprisePage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  AdwPreferencesGroup *basic_group;
  GtkListBox *basic_list; /* the basic group's rows (see the .ui) */
  AdwPreferencesGroup *track_group;
  AdwPreferencesGroup *site_group;
  AdwPreferencesGroup *investment_group;
  AdwPreferencesGroup *scenarios_group;
  AdwComboRow *track_row;
  AdwActionRow *suggestion_row;
  GtkButton *suggestion_button;
  GtkButton *add_scenario_button;
  AdwActionRow *count_row;
  GtkImage *count_icon;

  /* Built in code, borrowed from the tree */
  Field fields[N_FIELDS];
  AdwEntryRow *note_row; /* the credit code's explanation */
  ZhiMessageRow *note_message_row;
  ZhiIndustryRow *industry_row;
  GPtrArray *scenario_rows; /* AdwExpanderRow * */

  /* Owned References */
  ZhiStandard *standard;       /* of the project's track, or NULL */
  char *city_suggestion;       /* the city the credit code names, or NULL */
  const char *suggested_track; /* static */

  guint syncing;             /* > 0 while the page writes its widgets from the project */
  gboolean below_fold_shown; /* the rows and groups below the fold are shown */
};

G_DEFINE_FINAL_TYPE (ZhiEnterprisePage, zhi_enterprise_page, ZHI_TYPE_PAGE)

static void sync_all (ZhiEnterprisePage *self);
static guint first_below_fold (void);
static void show_below_fold (ZhiEnterprisePage *self);
static void update_investment_hint (ZhiEnterprisePage *self);
static void update_workshops_row (ZhiEnterprisePage *self);

/* ---- values and their text ------------------------------------------------------------------ */

/* What the entry's text would be stored as, or NULL when it cannot be stored. */
static char *
field_text_to_stored (const Field *field, const char *text)
{
  switch (field->info->kind)
    {
      case KIND_NUMBER:
        {
          double value;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (!zhi_number_entry_read_amount (text, &value))
            return NULL;
          return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
        }
      case KIND_INTEGER:
        {
          gint64 value;

          if (!zhi_number_entry_read_count (text, &value))
            return NULL;
          return g_strdup_printf ("%" G_GINT64_FORMAT, value);
        }
      case KIND_DATE:
        return zhi_format_normalize_date (text);
      case KIND_CREDIT_CODE:
        {
          ZhiCreditCode info;

          zhi_credit_code_check (text, &info);
          return g_strdup (info.normalized[0] != '\0' ? info.normalized : text);
        }
      case KIND_TEXT:
      case KIND_EMAIL:
      case KIND_PHONE:
      default:
        return g_strdup (text);
    }
}

/* The stored value in the same form as field_text_to_stored. */
static char *
field_get_stored (ZhiEnterprisePage *self, const Field *field)
{
  char *s = NULL;

  switch (field->info->kind)
    {
      case KIND_NUMBER:
        {
          double value = 0;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_object_get (zhi_page_get_project (ZHI_PAGE (self)), field->info->id, &value, NULL);
          return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
        }
      case KIND_INTEGER:
        {
          gint64 value = 0;

          g_object_get (zhi_page_get_project (ZHI_PAGE (self)), field->info->id, &value, NULL);
          return g_strdup_printf ("%" G_GINT64_FORMAT, value);
        }
      default:
        g_object_get (zhi_page_get_project (ZHI_PAGE (self)), field->info->id, &s, NULL);
        return s != NULL ? s : g_strdup ("");
    }
}

/* The text to show for the stored value */
static char *
field_get_display (ZhiEnterprisePage *self, const Field *field)
{
  switch (field->info->kind)
    {
      case KIND_NUMBER:
        {
          double value = 0;

          g_object_get (zhi_page_get_project (ZHI_PAGE (self)), field->info->id, &value, NULL);
          return zhi_number_entry_amount_text (value);
        }
      case KIND_INTEGER:
        {
          gint64 value = 0;

          g_object_get (zhi_page_get_project (ZHI_PAGE (self)), field->info->id, &value, NULL);
          return zhi_number_entry_amount_text ((double)value);
        }
      default:
        return field_get_stored (self, field);
    }
}

static void
field_store (ZhiEnterprisePage *self, const Field *field, const char *stored)
{
  switch (field->info->kind)
    {
      case KIND_NUMBER:
        g_object_set (zhi_page_get_project (ZHI_PAGE (self)), field->info->id,
                      g_ascii_strtod (stored, NULL), NULL);
        break;
      case KIND_INTEGER:
        g_object_set (zhi_page_get_project (ZHI_PAGE (self)), field->info->id,
                      g_ascii_strtoll (stored, NULL, 10), NULL);
        break;
      default:
        g_object_set (zhi_page_get_project (ZHI_PAGE (self)), field->info->id, stored, NULL);
        break;
    }
}

static Field *
lookup_field (ZhiEnterprisePage *self, const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (self->fields[i].info->id, id) == 0)
      return &self->fields[i];
  return NULL;
}

/* A field the table is known to hold */
static Field *
get_field (ZhiEnterprisePage *self, const char *id)
{
  Field *field = lookup_field (self, id);

  g_assert (field != NULL);
  return field;
}

/* ---- messages under the rows ---------------------------------------------------------------- */

/* The message under @field's row, and @field's row marked with it. */
static void
field_show_message (Field *field, ZhiMessageStyle style, const char *text, const char *button_label)
{
  GtkWidget *row = GTK_WIDGET (field->row);
  gboolean shown;

  if (row == NULL) /* not built yet: show_below_fold () validates it */
    return;
  shown = zhi_message_row_show (field->message_row, style, text, button_label);

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_remove_css_class (row, "warning");
  if (shown && style == ZHI_MESSAGE_ERROR)
    gtk_widget_add_css_class (row, "error");
  else if (shown && style == ZHI_MESSAGE_WARNING)
    gtk_widget_add_css_class (row, "warning");
  if (shown)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (style == ZHI_MESSAGE_ERROR && shown)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
}

/* ---- derived displays ----------------------------------------------------------------------- */

/* (the titles of zhi-track.h: naming a track loads no standard) */
static const char *
track_name (const char *track)
{
  if (track == NULL || *track == '\0')
    return _ ("Not Chosen");
  return zhi_track_get_title (track) != NULL ? zhi_track_get_title (track) : track;
}

/* The minimum number of scenarios the track's standard asks for, 0 when none */
static gint64
scenarios_required (ZhiEnterprisePage *self)
{
  GPtrArray *indicators;
  GPtrArray *criteria;

  if (self->standard == NULL)
    return 0;
  indicators = zhi_standard_get_track_indicators (self->standard);
  for (guint i = 0; i < indicators->len; i++)
    {
      const ZhiIndicator *ind = g_ptr_array_index (indicators, i);

      if (ind->kind == ZHI_INDICATOR_COUNT && g_strcmp0 (ind->derived, "scenarios") == 0)
        return ind->min_count;
    }
  criteria = zhi_standard_get_criteria (self->standard);
  for (guint c = 0; c < criteria->len; c++)
    {
      const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);

      for (guint i = 0; i < criterion->indicators->len; i++)
        {
          const ZhiIndicator *ind = g_ptr_array_index (criterion->indicators, i);

          if (ind->kind == ZHI_INDICATOR_COUNT && g_strcmp0 (ind->derived, "scenarios") == 0)
            return ind->min_count;
        }
    }
  return 0;
}

static void
update_count (ZhiEnterprisePage *self)
{
  guint n = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                ? zhi_project_get_n_scenarios (zhi_page_get_project (ZHI_PAGE (self)))
                : 0;
  gint64 required = scenarios_required (self);
  g_autofree char *title
      = g_strdup_printf (ngettext ("%u scenario entered", "%u scenarios entered", n), n);
  g_autofree char *subtitle = NULL;
  gboolean enough = required == 0 || n >= required;

  if (required > 0)
    /* Translators: the minimum number of application scenarios of the chosen track */
    subtitle = g_strdup_printf (
        ngettext ("%s needs at least %u application scenario.",
                  "%s needs at least %u application scenarios.", (gulong)required),
        track_name (zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self)))),
        (guint)required);
  else if (n == 0)
    subtitle = g_strdup (_ ("Add the scenarios built, such as online quality inspection or "
                            "equipment condition monitoring."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row), title);
  adw_action_row_set_subtitle (self->count_row, subtitle != NULL ? subtitle : "");
  gtk_image_set_from_icon_name (self->count_icon,
                                enough ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_icon), enough ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_icon), enough ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle != NULL ? subtitle : "", -1);
}

static void
update_suggestion (ZhiEnterprisePage *self)
{
  const char *division
      = zhi_page_get_project (ZHI_PAGE (self)) != NULL
            ? zhi_project_get_industry_division (zhi_page_get_project (ZHI_PAGE (self)))
            : "";
  const char *track = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                          ? zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self)))
                          : "";
  const char *suggested = zhi_industry_suggested_track (division);
  g_autofree char *title = NULL;
  const char *subtitle;

  self->suggested_track = suggested;
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_row), suggested != NULL);
  if (suggested == NULL)
    return;
  /* Translators: %s is a track, e.g. 离散型智能工厂 */
  title = g_strdup_printf (_ ("Based on the industry division, the suggested track is: %s"),
                           track_name (suggested));
  if (g_strcmp0 (track, suggested) == 0)
    subtitle = _ ("Your choice follows the suggestion.");
  else if (g_strcmp0 (track, ZHI_TRACK_WORKSHOP) == 0)
    subtitle = _ ("A digital workshop is open to every manufacturing industry; if you apply "
                  "for a whole smart factory, use the suggested track.");
  else
    subtitle = _ ("Only a suggestion: choose the track that fits your application.");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row), title);
  adw_action_row_set_subtitle (self->suggestion_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_button), g_strcmp0 (track, suggested) != 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggestion_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static void
update_industry (ZhiEnterprisePage *self)
{
  ZhiProject *project = zhi_page_get_project (ZHI_PAGE (self));

  zhi_industry_row_set_division (
      self->industry_row, project != NULL ? zhi_project_get_industry_division (project) : "");
}

/* The hint under the total when software + hardware is not the total */
static void
update_investment_hint (ZhiEnterprisePage *self)
{
  Field *total_field = get_field (self, "investment-total");
  double software, hardware, total, sum;
  double typed;
  g_autofree char *s_sum = NULL;
  g_autofree char *s_total = NULL;
  g_autofree char *text = NULL;
  g_autofree char *button = NULL;

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || total_field->row == NULL)
    return;
  /* a number the total entry cannot hold is reported by the entry itself */
  if (!zhi_number_entry_read_amount (gtk_editable_get_text (GTK_EDITABLE (total_field->row)),
                                     &typed))
    return;
  software = zhi_project_get_investment_software (zhi_page_get_project (ZHI_PAGE (self)));
  hardware = zhi_project_get_investment_hardware (zhi_page_get_project (ZHI_PAGE (self)));
  total = zhi_project_get_investment_total (zhi_page_get_project (ZHI_PAGE (self)));
  sum = software + hardware;
  if (fabs (sum - total) < 0.00005 || (sum == 0 && total > 0))
    {
      field_show_message (total_field, ZHI_MESSAGE_NONE, NULL, NULL);
      return;
    }
  s_sum = zhi_number_entry_amount_text (sum);
  s_total = zhi_number_entry_amount_text (total);
  if (total == 0)
    text = g_strdup_printf (_ ("Software and hardware add up to %s (10k yuan); the total is still "
                               "empty."),
                            s_sum);
  else
    /* Translators: amounts in 万元; the total may include other costs */
    text = g_strdup_printf (_ ("Software and hardware add up to %s, but the total is %s (both in "
                               "10k yuan). If the total includes other costs, name them under "
                               "the sources of funds."),
                            s_sum, s_total);
  /* Translators: %s is an amount in 万元 */
  button = g_strdup_printf (_ ("Set Total to %s"), s_sum);
  field_show_message (total_field, ZHI_MESSAGE_WARNING, text, button);
}

/* ---- validation of one field ---------------------------------------------------------------- */

static void
update_note_row (ZhiEnterprisePage *self, const ZhiCreditCode *info)
{
  gboolean explain = (info->status == ZHI_CREDIT_CODE_BAD_ORG_CHECK
                      || info->status == ZHI_CREDIT_CODE_BAD_CHECK_CHAR
                      || (info->status == ZHI_CREDIT_CODE_VALID && !info->in_liaoning));
  const char *note = NULL;

  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    note = zhi_answers_get_note (zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self))),
                                 "credit-code");
  /* an explanation already written stays visible, so it can be read and removed */
  if (note != NULL && *note != '\0')
    explain = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->note_row), explain);
  gtk_widget_set_visible (GTK_WIDGET (self->note_message_row), explain);
}

static void
update_city_suggestion (ZhiEnterprisePage *self)
{
  Field *city = get_field (self, "city");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (city->row));
  g_autofree char *message = NULL;
  g_autofree char *button = NULL;

  if (self->city_suggestion == NULL || strstr (text, self->city_suggestion) != NULL)
    {
      field_show_message (city, ZHI_MESSAGE_NONE, NULL, NULL);
      return;
    }
  /* Translators: %s is a city, e.g. 沈阳市 */
  message = g_strdup_printf (_ ("The credit code was registered in %s."), self->city_suggestion);
  /* Translators: %s is a city, e.g. 沈阳市 */
  button = g_strdup_printf (_ ("Use %s"), self->city_suggestion);
  field_show_message (city, ZHI_MESSAGE_HINT, message, button);
}

/* Checks the text of a field and shows what is wrong; TRUE when it can be stored. */
static gboolean
field_validate (ZhiEnterprisePage *self, Field *field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (field->row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *stored = field_text_to_stored (field, text);
  /* every message names its field: it may be read away from the field (a screen reader) */
  const char *title = _ (field->info->title);

  switch (field->info->kind)
    {
      case KIND_NUMBER:
        if (stored == NULL)
          {
            /* Translators: %s names the field, e.g. 注册资本 */
            g_autofree char *message = g_strdup_printf (
                _ ("%s: enter a number, such as 1200 or 85.5; letters and units are not allowed "
                   "here."),
                title);

            field_show_message (field, ZHI_MESSAGE_ERROR, message, NULL);
          }
        else if (g_str_has_prefix (field->info->id, "investment-"))
          {
            if (!g_str_equal (field->info->id, "investment-total"))
              field_show_message (field, ZHI_MESSAGE_NONE, NULL, NULL);
            /* the total's hint is set by update_investment_hint */
          }
        else
          field_show_message (field, ZHI_MESSAGE_NONE, NULL, NULL);
        break;

      case KIND_INTEGER:
        {
          g_autofree char *message
              = g_strdup_printf (_ ("%s: enter a whole number, such as 320."), title);

          field_show_message (field, stored == NULL ? ZHI_MESSAGE_ERROR : ZHI_MESSAGE_NONE, message,
                              NULL);
        }
        break;

      case KIND_DATE:
        if (stored != NULL)
          field_show_message (field, ZHI_MESSAGE_NONE, NULL, NULL);
        else
          {
            g_autofree char *message
                = zhi_format_date_incomplete (text)
                      ? g_strdup_printf (
                          _ ("%s: write the date as year-month-day, such as 2019-06-30."), title)
                      : g_strdup_printf (_ ("%s: this is not a date. Write it as year-month-day, "
                                            "such as 2019-06-30."),
                                         title);

            field_show_message (
                field, zhi_format_date_incomplete (text) ? ZHI_MESSAGE_HINT : ZHI_MESSAGE_ERROR,
                message, NULL);
          }
        break;

      case KIND_EMAIL:
        {
          g_autofree char *message
              = g_strdup_printf (_ ("%s: this does not look like an e-mail address, such as "
                                    "zhang.wei@example.com."),
                                 title);

          field_show_message (field,
                              *stripped != '\0' && !zhi_format_email_plausible (stripped)
                                  ? ZHI_MESSAGE_WARNING
                                  : ZHI_MESSAGE_NONE,
                              message, NULL);
        }
        break;

      case KIND_PHONE:
        {
          g_autofree char *message = g_strdup_printf (
              _ ("%s: this does not look like a phone number. Use 7 to 15 digits, such as "
                 "024-23456789 or 13912345678."),
              title);

          field_show_message (field,
                              *stripped != '\0' && !zhi_format_phone_plausible (stripped)
                                  ? ZHI_MESSAGE_WARNING
                                  : ZHI_MESSAGE_NONE,
                              message, NULL);
        }
        break;

      case KIND_CREDIT_CODE:
        {
          ZhiCreditCode info;
          g_autofree char *sentence = NULL;
          ZhiMessageStyle style;
          const char *city = NULL;

          zhi_credit_code_check (text, &info);
          sentence = zhi_credit_code_describe (&info);
          switch (info.status)
            {
              case ZHI_CREDIT_CODE_EMPTY:
                style = ZHI_MESSAGE_NONE;
                break;
              case ZHI_CREDIT_CODE_VALID:
                style = info.in_liaoning ? ZHI_MESSAGE_HINT : ZHI_MESSAGE_WARNING;
                break;
              default:
                style = ZHI_MESSAGE_ERROR;
                break;
            }
          field_show_message (field, style, sentence, NULL);
          update_note_row (self, &info);

          if (info.status == ZHI_CREDIT_CODE_VALID || info.status == ZHI_CREDIT_CODE_BAD_ORG_CHECK
              || info.status == ZHI_CREDIT_CODE_BAD_CHECK_CHAR)
            city = info.city_zh;
          if (g_strcmp0 (city, self->city_suggestion) != 0)
            {
              g_free (self->city_suggestion);
              self->city_suggestion = g_strdup (city);
            }
          update_city_suggestion (self);
        }
        break;

      case KIND_TEXT:
      default:
        if (g_str_equal (field->info->id, "city"))
          update_city_suggestion (self);
        break;
    }
  return stored != NULL;
}

/* ---- project → widgets ---------------------------------------------------------------------- */

static void
field_sync (ZhiEnterprisePage *self, Field *field)
{
  const char *text;
  g_autofree char *typed = NULL;
  g_autofree char *stored = NULL;

  /* a field below the fold not built yet is synced when it is (show_below_fold ()) */
  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL || field->row == NULL)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (field->row));
  typed = field_text_to_stored (field, text);
  stored = field_get_stored (self, field);
  if (g_strcmp0 (typed, stored) != 0)
    {
      g_autofree char *display = field_get_display (self, field);

      g_clear_handle_id (&field->clear_source, g_source_remove);
      self->syncing++;
      gtk_editable_set_text (GTK_EDITABLE (field->row), display);
      self->syncing--;
    }
  field_validate (self, field);
}

static void
sync_note (ZhiEnterprisePage *self)
{
  const char *note = NULL;
  ZhiCreditCode info;

  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    note = zhi_answers_get_note (zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self))),
                                 "credit-code");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->note_row)), note ? note : "") != 0)
    {
      self->syncing++;
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), note ? note : "");
      self->syncing--;
    }
  zhi_credit_code_check (
      gtk_editable_get_text (GTK_EDITABLE (get_field (self, "credit-code")->row)), &info);
  update_note_row (self, &info);
}

/* A smart factory lists its digital workshops; a digital workshop is one */
static void
update_workshops_row (ZhiEnterprisePage *self)
{
  ZhiProject *project = zhi_page_get_project (ZHI_PAGE (self));
  GtkWidget *row = GTK_WIDGET (get_field (self, "workshops")->row);
  const char *track = project != NULL ? zhi_project_get_track (project) : NULL;

  if (row != NULL) /* (built with the site group: show_below_fold ()) */
    gtk_widget_set_visible (row, track != NULL && g_str_has_prefix (track, "factory-"));
}

static void
sync_track (ZhiEnterprisePage *self)
{
  const char *track = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                          ? zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self)))
                          : "";
  const char *const *ids = zhi_standard_track_ids ();
  guint selected = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], track) == 0)
      selected = i + 1;
  self->syncing++;
  if (adw_combo_row_get_selected (self->track_row) != selected)
    adw_combo_row_set_selected (self->track_row, selected);
  self->syncing--;
  update_workshops_row (self);

  g_clear_object (&self->standard);
  if (track != NULL && *track != '\0')
    {
      g_autoptr (GError) error = NULL;

      /* the edition the project is drafted against; when it is not installed (the project
       * then opens read-only) the built-in edition still shows its data */
      self->standard = zhi_editions_for_project (zhi_page_get_project (ZHI_PAGE (self)), NULL);
      if (self->standard == NULL)
        self->standard = zhi_standard_load_builtin (track, &error);
      if (self->standard == NULL)
        g_warning ("standard for %s: %s", track, error->message);
    }
}

/* ---- scenarios ------------------------------------------------------------------------------ */

/* the place of @row in the list, -1 when it shows no scenario of the project (any more) */
static int
scenario_row_index (ZhiEnterprisePage *self, ZhiScenarioRow *row)
{
  ZhiProject *project = zhi_page_get_project (ZHI_PAGE (self));
  guint index;

  if (project == NULL || !g_ptr_array_find (self->scenario_rows, row, &index)
      || index >= zhi_project_get_n_scenarios (project))
    return -1;
  return (int)index;
}

static void
scenario_edited_cb (ZhiScenarioRow *row, const char *what, ZhiEnterprisePage *self)
{
  ZhiProject *project = zhi_page_get_project (ZHI_PAGE (self));
  int index = scenario_row_index (self, row);
  g_autoptr (ZhiScenario) scenario = NULL;

  if (self->syncing > 0 || index < 0)
    return;
  scenario = zhi_scenario_copy (zhi_project_get_scenario (project, index));
  zhi_scenario_row_apply (row, what, scenario);
  zhi_project_update_scenario (project, index, scenario);
}

typedef struct
{
  GWeakRef project;
  guint index;
  ZhiScenario *scenario;
} RemovedScenario;

static void
removed_scenario_free (gpointer data)
{
  RemovedScenario *removed = data;

  g_weak_ref_clear (&removed->project);
  zhi_scenario_free (removed->scenario);
  g_free (removed);
}

static void
undo_remove_cb (AdwToast *toast, RemovedScenario *removed)
{
  g_autoptr (ZhiProject) project = g_weak_ref_get (&removed->project);
  guint index;

  if (project == NULL)
    return;
  index = zhi_project_add_scenario (project, removed->scenario);
  if (removed->index < index)
    zhi_project_move_scenario (project, index, removed->index);
}

static void
scenario_remove_cb (ZhiScenarioRow *row, ZhiEnterprisePage *self)
{
  int index = scenario_row_index (self, row);
  RemovedScenario *removed;
  AdwToast *toast;
  const char *name;
  g_autofree char *escaped = NULL;

  if (index < 0)
    return;
  removed = g_new0 (RemovedScenario, 1);
  g_weak_ref_init (&removed->project, zhi_page_get_project (ZHI_PAGE (self)));
  removed->index = index;
  removed->scenario = zhi_scenario_copy (
      zhi_project_get_scenario (zhi_page_get_project (ZHI_PAGE (self)), index));
  name = *removed->scenario->name != '\0' ? removed->scenario->name : _ ("Unnamed Scenario");
  zhi_project_remove_scenario (zhi_page_get_project (ZHI_PAGE (self)), index);

  /* Translators: %s is the name of an application scenario */
  escaped = g_markup_escape_text (name, -1);
  toast = adw_toast_new_format (_ ("Scenario “%s” removed"), escaped);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_remove_cb), removed,
                         (GClosureNotify)(void (*) (void))removed_scenario_free, 0);
  zhi_page_add_toast (ZHI_PAGE (self), toast);
}

static GtkWidget *
scenario_row_new (ZhiEnterprisePage *self, const ZhiScenario *scenario, guint index)
{
  GtkWidget *row = zhi_scenario_row_new (self->standard, index);

  g_signal_connect_object (row, "edited", G_CALLBACK (scenario_edited_cb), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (scenario_remove_cb), self, 0);
  self->syncing++;
  zhi_scenario_row_sync (ZHI_SCENARIO_ROW (row), scenario);
  self->syncing--;
  return row;
}

static void
rebuild_scenarios (ZhiEnterprisePage *self)
{
  guint n = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                ? zhi_project_get_n_scenarios (zhi_page_get_project (ZHI_PAGE (self)))
                : 0;

  for (guint i = 0; i < self->scenario_rows->len; i++)
    adw_preferences_group_remove (self->scenarios_group,
                                  g_ptr_array_index (self->scenario_rows, i));
  g_ptr_array_set_size (self->scenario_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = scenario_row_new (
          self, zhi_project_get_scenario (zhi_page_get_project (ZHI_PAGE (self)), i), i);

      g_ptr_array_add (self->scenario_rows, row);
      adw_preferences_group_add (self->scenarios_group, row);
    }
}

static void
sync_scenarios (ZhiEnterprisePage *self)
{
  guint n = zhi_page_get_project (ZHI_PAGE (self)) != NULL
                ? zhi_project_get_n_scenarios (zhi_page_get_project (ZHI_PAGE (self)))
                : 0;

  if (n != self->scenario_rows->len)
    rebuild_scenarios (self);
  else
    for (guint i = 0; i < n; i++)
      {
        self->syncing++;
        zhi_scenario_row_sync (
            g_ptr_array_index (self->scenario_rows, i),
            zhi_project_get_scenario (zhi_page_get_project (ZHI_PAGE (self)), i));
        self->syncing--;
      }
  update_count (self);
}

/* ---- widget callbacks ----------------------------------------------------------------------- */

static gboolean
clear_idle (gpointer data)
{
  Field *field = data;
  ZhiEnterprisePage *self = field->page;
  g_autofree char *stored = field_text_to_stored (field, "");

  field->clear_source = 0;
  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    field_store (self, field, stored);
  return G_SOURCE_REMOVE;
}

static void
cancel_clears (ZhiEnterprisePage *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_handle_id (&self->fields[i].clear_source, g_source_remove);
}

static void
field_changed_cb (GtkEditable *editable, Field *field)
{
  ZhiEnterprisePage *self = field->page;
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *stored = NULL;

  if (self->syncing > 0 || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  g_clear_handle_id (&field->clear_source, g_source_remove);
  if (!field_validate (self, field))
    return;
  /* Replacing the text (paste over a selection, gtk_editable_set_text) passes through an
   * empty text: emptying a number or a date is stored a moment later, so that a rejected
   * replacement leaves the old value, not a cleared one. */
  if (*stripped == '\0'
      && (field->info->kind == KIND_NUMBER || field->info->kind == KIND_INTEGER
          || field->info->kind == KIND_DATE))
    {
      field->clear_source = g_idle_add (clear_idle, field);
      return;
    }
  stored = field_text_to_stored (field, text);
  field_store (self, field, stored);
  if (g_str_has_prefix (field->info->id, "investment-"))
    update_investment_hint (self);

  /* A valid code fills an empty city: the code names where the enterprise registered. */
  if (field->info->kind == KIND_CREDIT_CODE && self->city_suggestion != NULL)
    {
      ZhiCreditCode info;

      zhi_credit_code_check (stored, &info);
      if (info.status == ZHI_CREDIT_CODE_VALID
          && *zhi_project_get_city (zhi_page_get_project (ZHI_PAGE (self))) == '\0')
        zhi_project_set_city (zhi_page_get_project (ZHI_PAGE (self)), self->city_suggestion);
    }
}

static void
message_button_clicked_cb (GtkButton *button, Field *field)
{
  ZhiEnterprisePage *self = field->page;

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  if (g_str_equal (field->info->id, "city") && self->city_suggestion != NULL)
    zhi_project_set_city (zhi_page_get_project (ZHI_PAGE (self)), self->city_suggestion);
  else if (g_str_equal (field->info->id, "investment-total"))
    zhi_project_set_investment_total (
        zhi_page_get_project (ZHI_PAGE (self)),
        zhi_project_get_investment_software (zhi_page_get_project (ZHI_PAGE (self)))
            + zhi_project_get_investment_hardware (zhi_page_get_project (ZHI_PAGE (self))));
}

static void
note_changed_cb (GtkEditable *editable, ZhiEnterprisePage *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->syncing > 0 || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  zhi_answers_set_note (zhi_project_get_answers (zhi_page_get_project (ZHI_PAGE (self))),
                        "credit-code", *text != '\0' ? text : NULL);
  zhi_project_answers_changed (zhi_page_get_project (ZHI_PAGE (self)), "credit-code");
}

typedef struct
{
  GWeakRef page;
  char *track;
} TrackChange;

static gboolean
apply_track_idle (gpointer data)
{
  TrackChange *change = data;
  g_autoptr (ZhiEnterprisePage) self = g_weak_ref_get (&change->page);
  g_autoptr (ZhiProject) project = NULL;
  g_autoptr (GtkWidget) parent = NULL;

  if (self == NULL || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return G_SOURCE_REMOVE;
  project = g_object_ref (zhi_page_get_project (ZHI_PAGE (self)));
  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  if (parent != NULL)
    g_object_ref (parent);
  zhi_project_set_track (project, change->track);
  /* The view built its pages anew for another track (this one is gone): bring the user
   * back to the combo of the new enterprise page. */
  if (parent != NULL && gtk_widget_get_parent (GTK_WIDGET (self)) != parent)
    zhi_page_show_step (ZHI_PAGE (self), "enterprise", "track");
  return G_SOURCE_REMOVE;
}

static void
track_change_free (gpointer data)
{
  TrackChange *change = data;

  g_weak_ref_clear (&change->page);
  g_free (change->track);
  g_free (change);
}

/* Changing the track can make the project view rebuild every page, this one included:
 * do it once the combo row has finished handling the click. */
static void
change_track_later (ZhiEnterprisePage *self, const char *track)
{
  TrackChange *change = g_new0 (TrackChange, 1);

  g_weak_ref_init (&change->page, self);
  change->track = g_strdup (track);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_track_idle, change, track_change_free);
}

static void
track_selected_cb (AdwComboRow *row, GParamSpec *pspec, ZhiEnterprisePage *self)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *const *ids = zhi_standard_track_ids ();
  const char *track = "";

  if (self->syncing > 0 || zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0
      && selected <= g_strv_length ((char **)ids))
    track = ids[selected - 1];
  if (g_strcmp0 (track, zhi_project_get_track (zhi_page_get_project (ZHI_PAGE (self)))) != 0)
    change_track_later (self, track);
}

static void
suggestion_clicked_cb (GtkButton *button, ZhiEnterprisePage *self)
{
  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL && self->suggested_track != NULL)
    change_track_later (self, self->suggested_track);
}

static void
add_scenario_clicked_cb (GtkButton *button, ZhiEnterprisePage *self)
{
  g_autoptr (ZhiScenario) scenario = zhi_scenario_new ("", NULL, "");
  guint index;
  GtkWidget *row;

  if (zhi_page_get_project (ZHI_PAGE (self)) == NULL)
    return;
  index = zhi_project_add_scenario (zhi_page_get_project (ZHI_PAGE (self)), scenario);
  if (index >= self->scenario_rows->len)
    return;
  row = g_ptr_array_index (self->scenario_rows, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (zhi_scenario_row_get_name_row (ZHI_SCENARIO_ROW (row)));
}

/* -- the industry chooser -- */

static void
industry_chosen_cb (ZhiIndustryRow *row, const char *code, ZhiEnterprisePage *self)
{
  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    zhi_project_set_industry_division (zhi_page_get_project (ZHI_PAGE (self)), code);
}

/* ---- building ------------------------------------------------------------------------------- */

/* A row into its group: the basic group's rows go into the list the .ui gives it */
static void
group_add (ZhiEnterprisePage *self, FieldGroup group, GtkWidget *row)
{
  switch (group)
    {
      case GROUP_BASIC:
        gtk_list_box_append (self->basic_list, row);
        break;
      case GROUP_SITE:
        adw_preferences_group_add (self->site_group, row);
        break;
      case GROUP_INVESTMENT:
      default:
        adw_preferences_group_add (self->investment_group, row);
        break;
    }
}

/* The row of @field, and its message row, into its group (the credit code's explanation and
 * the industry division come with the credit code and the e-mail address) */
static void
build_field (ZhiEnterprisePage *self, Field *field)
{
  const FieldInfo *info = field->info;
  GtkWidget *row = adw_entry_row_new ();

  field->row = ADW_ENTRY_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ (info->title));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (info->title), -1);
  switch (info->kind)
    {
      case KIND_NUMBER:
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
        break;
      case KIND_INTEGER:
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
        break;
      case KIND_EMAIL:
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
        break;
      case KIND_PHONE:
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
        break;
      case KIND_CREDIT_CODE:
        adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_UPPERCASE_CHARS
                                                                | GTK_INPUT_HINT_NO_SPELLCHECK);
        break;
      case KIND_DATE:
      case KIND_TEXT:
      default:
        break;
    }
  if (info->unit != NULL)
    {
      GtkWidget *unit = gtk_label_new (_ (info->unit));

      gtk_widget_add_css_class (unit, "dim-label");
      gtk_widget_set_valign (unit, GTK_ALIGN_CENTER);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), unit);
    }
  g_signal_connect (row, "changed", G_CALLBACK (field_changed_cb), field);
  group_add (self, info->group, row);

  field->message_row = ZHI_MESSAGE_ROW (zhi_message_row_new ());
  g_signal_connect (zhi_message_row_get_button (field->message_row), "clicked",
                    G_CALLBACK (message_button_clicked_cb), field);
  group_add (self, info->group, GTK_WIDGET (field->message_row));

  if (info->kind == KIND_CREDIT_CODE)
    {
      self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row),
                                     _ ("Explanation for the Reviewers"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Explanation of the credit code"), -1);
      gtk_widget_set_visible (GTK_WIDGET (self->note_row), FALSE);
      g_signal_connect (self->note_row, "changed", G_CALLBACK (note_changed_cb), self);
      group_add (self, info->group, GTK_WIDGET (self->note_row));
      self->note_message_row = ZHI_MESSAGE_ROW (zhi_message_row_new ());
      zhi_message_row_show (self->note_message_row, ZHI_MESSAGE_HINT,
                            _ ("Say why this code is right, e.g. an early pilot code or "
                               "a registration in a special zone; it goes into the "
                               "dossier with the eligibility answers."),
                            NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->note_message_row), FALSE);
      group_add (self, info->group, GTK_WIDGET (self->note_message_row));
    }
  if (g_str_equal (info->id, "email"))
    {
      self->industry_row = ZHI_INDUSTRY_ROW (zhi_industry_row_new ());
      g_signal_connect_object (self->industry_row, "chosen", G_CALLBACK (industry_chosen_cb), self,
                               0);
      group_add (self, info->group, GTK_WIDGET (self->industry_row));
    }
}

static void
build_fields (ZhiEnterprisePage *self)
{
  g_autoptr (GtkStringList) tracks = gtk_string_list_new (NULL);
  const char *const *ids = zhi_standard_track_ids ();

  for (guint i = 0; i < N_FIELDS; i++)
    {
      self->fields[i].info = &field_infos[i];
      self->fields[i].page = self;
      if (i < first_below_fold ())
        build_field (self, &self->fields[i]);
    }

  gtk_string_list_append (tracks, _ ("Not Chosen"));
  for (guint i = 0; ids[i] != NULL; i++)
    gtk_string_list_append (tracks, track_name (ids[i]));
  adw_combo_row_set_model (self->track_row, G_LIST_MODEL (tracks));
  g_signal_connect (self->track_row, "notify::selected", G_CALLBACK (track_selected_cb), self);
}

/* ---- the project ---------------------------------------------------------------------------- */

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiEnterprisePage *self)
{
  Field *field = lookup_field (self, what);

  if (field != NULL)
    field_sync (self, field);
  if (g_strcmp0 (what, "credit-code") == 0)
    sync_note (self);
  if (g_strcmp0 (what, "city") == 0 || g_strcmp0 (what, "credit-code") == 0)
    update_city_suggestion (self);
  if (g_strcmp0 (what, "industry-division") == 0)
    {
      update_industry (self);
      update_suggestion (self);
    }
  if (g_strcmp0 (what, "track") == 0)
    {
      sync_track (self);
      update_suggestion (self);
      rebuild_scenarios (self);
      update_count (self);
    }
  if (g_str_has_prefix (what, "investment-"))
    update_investment_hint (self);
  if (g_strcmp0 (what, "scenarios") == 0)
    sync_scenarios (self);
  if (g_strcmp0 (what, "answers") == 0)
    sync_note (self);
}

static void
sync_all (ZhiEnterprisePage *self)
{
  sync_track (self);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
        field_sync (self, &self->fields[i]);
      else if (self->fields[i].row != NULL)
        {
          self->syncing++;
          gtk_editable_set_text (GTK_EDITABLE (self->fields[i].row), "");
          self->syncing--;
          field_show_message (&self->fields[i], ZHI_MESSAGE_NONE, NULL, NULL);
        }
    }
  sync_note (self);
  update_city_suggestion (self);
  update_industry (self);
  update_suggestion (self);
  update_investment_hint (self);
  rebuild_scenarios (self);
  update_count (self);
}

static void
zhi_enterprise_page_project_changed (ZhiPage *page, ZhiProject *old_project)
{
  ZhiEnterprisePage *self = ZHI_ENTERPRISE_PAGE (page);
  ZhiProject *project = zhi_page_get_project (page);

  cancel_clears (self);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, 0);
  sync_all (self);
}

/* the page's own widgets, by the ids the tests and the checklist use */
static const struct
{
  const char *id;
  gsize offset;
} page_controls[] = {
  { "credit-code-note", G_STRUCT_OFFSET (ZhiEnterprisePage, note_row) },
  { "track", G_STRUCT_OFFSET (ZhiEnterprisePage, track_row) },
  { "track-suggestion", G_STRUCT_OFFSET (ZhiEnterprisePage, suggestion_row) },
  { "track-suggestion-apply", G_STRUCT_OFFSET (ZhiEnterprisePage, suggestion_button) },
  { "industry-division", G_STRUCT_OFFSET (ZhiEnterprisePage, industry_row) },
  { "scenario-add", G_STRUCT_OFFSET (ZhiEnterprisePage, add_scenario_button) },
  { "scenarios", G_STRUCT_OFFSET (ZhiEnterprisePage, count_row) },
};

/* ---- below the fold ------------------------------------------------------------------------ */

/* The last facts (from "employees" on) and the groups after them (track, site, investment,
 * scenarios) lie below the fold of the window at its default size (1100 × 760).  The groups
 * are built with the page but shown, and the fields' rows from "employees" on built, only once
 * the page's first frame is painted: that frame (the window's first, when a project is opened
 * from the command line) builds, measures and draws the facts above the fold alone.  Anyone asking
 * for one of their controls (page.focus, tests) has them shown at once. */
/* The index of the first fact below the fold */
static guint
first_below_fold (void)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (field_infos[i].id, "employees"))
      return i;
  g_assert_not_reached ();
}

static void
show_below_fold (ZhiEnterprisePage *self)
{
  if (self->below_fold_shown)
    return;
  self->below_fold_shown = TRUE;
  for (guint i = first_below_fold (); i < N_FIELDS; i++)
    {
      build_field (self, &self->fields[i]);
      field_sync (self, &self->fields[i]);
    }
  update_workshops_row (self);
  update_investment_hint (self);
  gtk_widget_set_visible (GTK_WIDGET (self->track_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->site_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->investment_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->scenarios_group), TRUE);
}

static void
first_frame_painted_cb (GdkFrameClock *clock, ZhiEnterprisePage *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  show_below_fold (self);
}

static void
zhi_enterprise_page_map (GtkWidget *widget)
{
  ZhiEnterprisePage *self = ZHI_ENTERPRISE_PAGE (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (zhi_enterprise_page_parent_class)->map (widget);
  if (self->below_fold_shown)
    return;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    show_below_fold (self);
  else if (g_signal_handler_find (clock, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                  first_frame_painted_cb, self)
           == 0)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_painted_cb), self, 0);
}

GtkWidget *
zhi_enterprise_page_get_control (ZhiEnterprisePage *self, const char *id)
{
  Field *field;

  g_return_val_if_fail (ZHI_IS_ENTERPRISE_PAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  show_below_fold (self);

  if ((field = lookup_field (self, id)) != NULL)
    return GTK_WIDGET (field->row);
  for (guint i = 0; i < G_N_ELEMENTS (page_controls); i++)
    if (g_str_equal (id, page_controls[i].id))
      return G_STRUCT_MEMBER (GtkWidget *, self, page_controls[i].offset);
  if (g_str_equal (id, "industry-search"))
    return zhi_industry_row_get_search (self->industry_row);
  if (g_str_equal (id, "industry-list"))
    return zhi_industry_row_get_list (self->industry_row);
  return NULL;
}

const char *
zhi_enterprise_page_get_message (ZhiEnterprisePage *self, const char *id)
{
  Field *field;

  g_return_val_if_fail (ZHI_IS_ENTERPRISE_PAGE (self), NULL);
  show_below_fold (self);
  field = lookup_field (self, id);
  return field != NULL ? zhi_message_row_get_text (field->message_row) : NULL;
}

GtkWidget *
zhi_enterprise_page_get_scenario_row (ZhiEnterprisePage *self, guint index)
{
  g_return_val_if_fail (ZHI_IS_ENTERPRISE_PAGE (self), NULL);
  show_below_fold (self);
  return index < self->scenario_rows->len ? g_ptr_array_index (self->scenario_rows, index) : NULL;
}

/* page.focus: a field id, "scenarios" or "scenario:N" (1-based) */
static gboolean
zhi_enterprise_page_focus_field (ZhiPage *page, const char *id)
{
  ZhiEnterprisePage *self = ZHI_ENTERPRISE_PAGE (page);
  GtkWidget *target = NULL;

  show_below_fold (self);
  if (g_str_has_prefix (id, "scenario:"))
    {
      guint64 n = 0;

      if (g_ascii_string_to_unsigned (id + strlen ("scenario:"), 10, 1, G_MAXUINT, &n, NULL)
          && (target = zhi_enterprise_page_get_scenario_row (self, n - 1)) != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (target), TRUE);
    }
  else if (g_str_equal (id, "scenarios"))
    target = self->scenario_rows->len > 0 ? g_ptr_array_index (self->scenario_rows, 0)
                                          : GTK_WIDGET (self->add_scenario_button);
  else
    target = zhi_enterprise_page_get_control (self, id);
  if (target == NULL || !gtk_widget_get_visible (target))
    {
      if (g_str_has_prefix (id, "credit-code"))
        target = zhi_enterprise_page_get_control (self, "credit-code");
      else
        return FALSE;
    }
  gtk_widget_grab_focus (target);
  return TRUE;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
zhi_enterprise_page_dispose (GObject *object)
{
  ZhiEnterprisePage *self = ZHI_ENTERPRISE_PAGE (object);

  if (zhi_page_get_project (ZHI_PAGE (self)) != NULL)
    g_signal_handlers_disconnect_by_data (zhi_page_get_project (ZHI_PAGE (self)), self);
  cancel_clears (self);
  g_clear_object (&self->standard);
  g_clear_pointer (&self->city_suggestion, g_free);
  if (self->scenario_rows != NULL)
    g_ptr_array_set_size (self->scenario_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_ENTERPRISE_PAGE);
  G_OBJECT_CLASS (zhi_enterprise_page_parent_class)->dispose (object);
}

static void
zhi_enterprise_page_finalize (GObject *object)
{
  ZhiEnterprisePage *self = ZHI_ENTERPRISE_PAGE (object);

  g_clear_pointer (&self->scenario_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (zhi_enterprise_page_parent_class)->finalize (object);
}

static void
zhi_enterprise_page_class_init (ZhiEnterprisePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_enterprise_page_dispose;
  object_class->finalize = zhi_enterprise_page_finalize;
  ZHI_PAGE_CLASS (klass)->project_changed = zhi_enterprise_page_project_changed;
  ZHI_PAGE_CLASS (klass)->focus_field = zhi_enterprise_page_focus_field;
  widget_class->map = zhi_enterprise_page_map;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-enterprise-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, basic_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, basic_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, track_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, site_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, investment_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, scenarios_group);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, track_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, suggestion_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, suggestion_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, add_scenario_button);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, count_row);
  gtk_widget_class_bind_template_child (widget_class, ZhiEnterprisePage, count_icon);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_scenario_clicked_cb);
}

static void
zhi_enterprise_page_init (ZhiEnterprisePage *self)
{
  self->scenario_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  zhi_page_list_arrows_leave (self->basic_list);
  build_fields (self);
  sync_all (self);
}

GtkWidget *
zhi_enterprise_page_new (void)
{
  return g_object_new (ZHI_TYPE_ENTERPRISE_PAGE, NULL);
}
