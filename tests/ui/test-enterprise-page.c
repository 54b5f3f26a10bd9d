/* The enterprise page: typing writes the project, validation, credit code, track, industry,
 * scenarios, and the project's changes showing in the rows */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "zhi-enterprise-page.h"
#include "zhi-industry-row.h"
#include "zhi-project-view.h"
#include "zhi-standard.h"
#include "zhi-track.h"
#include "zhi-store.h"
#include "zhi-test-ui.h"
#include "zhi-test-util.h"

typedef struct
{
  char *tmpdir;
  char *path;
  ZhiProject *project;
  GtkWindow *window;
  ZhiEnterprisePage *page;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->project
      = zhi_test_ui_new_project ("zhizao-enterprise-XXXXXX", "企业.zhizao", &f->path, &f->tmpdir);
  f->page = ZHI_ENTERPRISE_PAGE (zhi_enterprise_page_new ());
  zhi_page_set_project (ZHI_PAGE (f->page), f->project);
  f->window = zhi_test_ui_present (GTK_WIDGET (f->page), 720, 900);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  zhi_test_ui_destroy_window (f->window);
  zhi_test_ui_close_project (&f->project, &f->path, &f->tmpdir);
}

static GtkWidget *
control (Fixture *f, const char *id)
{
  GtkWidget *widget = zhi_enterprise_page_get_control (f->page, id);

  g_assert_nonnull (widget);
  return widget;
}

static void
type (Fixture *f, const char *id, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (control (f, id)), text);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* As a user types at the end: gtk_editable_set_text passes through an empty text */
static void
append (Fixture *f, const char *id, const char *text)
{
  GtkEditable *editable = GTK_EDITABLE (control (f, id));
  int pos = (int)g_utf8_strlen (gtk_editable_get_text (editable), -1);

  gtk_editable_insert_text (editable, text, -1, &pos);
}

static const char *
text_of (Fixture *f, const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (control (f, id)));
}

/* A code that passes both checks, for a region code such as "210102" */
static char *
make_code (const char *region)
{
  return zhi_test_credit_code (region, "MA0Q7B2K");
}

static gboolean
track_is (gpointer data)
{
  gpointer *pair = data;

  return g_strcmp0 (zhi_project_get_track (pair[0]), pair[1]) == 0;
}

static void
wait_for_track (ZhiProject *project, const char *track)
{
  gpointer pair[] = { project, (gpointer)track };

  zhi_test_ui_wait_until (track_is, pair, ZHI_TEST_UI_TIMEOUT_MS);
}

static void
test_typing_writes_project (Fixture *f, gconstpointer data)
{
  type (f, "name", "沈阳示例精密机床有限公司");
  type (f, "address", "沈阳市浑南区示例路1号");
  type (f, "legal-representative", "张伟");
  type (f, "contact-person", "李娜");
  type (f, "phone", "024-23456789");
  type (f, "email", "lina@example.com");
  type (f, "registered-capital", "5,000");
  type (f, "founding-date", "2003/6/18");
  type (f, "employees", "320");
  type (f, "revenue-last-year", "12800.5");
  type (f, "main-products", "数控机床");
  type (f, "site-name", "关键零部件数字化车间");
  type (f, "in-use-date", "2022-09-01");
  type (f, "investment-software", "800");
  type (f, "funding-sources", "企业自筹");

  g_assert_cmpstr (zhi_project_get_name (f->project), ==, "沈阳示例精密机床有限公司");
  g_assert_cmpstr (zhi_project_get_address (f->project), ==, "沈阳市浑南区示例路1号");
  g_assert_cmpstr (zhi_project_get_legal_representative (f->project), ==, "张伟");
  g_assert_cmpstr (zhi_project_get_contact_person (f->project), ==, "李娜");
  g_assert_cmpstr (zhi_project_get_phone (f->project), ==, "024-23456789");
  g_assert_cmpstr (zhi_project_get_email (f->project), ==, "lina@example.com");
  g_assert_cmpfloat (zhi_project_get_registered_capital (f->project), ==, 5000);
  g_assert_cmpstr (zhi_project_get_founding_date (f->project), ==, "2003-06-18");
  g_assert_cmpint (zhi_project_get_employees (f->project), ==, 320);
  g_assert_cmpfloat (zhi_project_get_revenue_last_year (f->project), ==, 12800.5);
  g_assert_cmpstr (zhi_project_get_main_products (f->project), ==, "数控机床");
  g_assert_cmpstr (zhi_project_get_site_name (f->project), ==, "关键零部件数字化车间");
  g_assert_cmpstr (zhi_project_get_in_use_date (f->project), ==, "2022-09-01");
  g_assert_cmpfloat (zhi_project_get_investment_software (f->project), ==, 800);
  g_assert_cmpstr (zhi_project_get_funding_sources (f->project), ==, "企业自筹");
  /* what the user typed stays as typed */
  g_assert_cmpstr (text_of (f, "registered-capital"), ==, "5,000");
  g_assert_cmpstr (text_of (f, "founding-date"), ==, "2003/6/18");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "registered-capital"));
  g_assert_null (zhi_enterprise_page_get_message (f->page, "phone"));
  g_assert_null (zhi_enterprise_page_get_message (f->page, "email"));
}

static void
test_numbers_reject_letters (Fixture *f, gconstpointer data)
{
  GtkWidget *row = control (f, "registered-capital");

  type (f, "registered-capital", "1200");
  g_assert_cmpfloat (zhi_project_get_registered_capital (f->project), ==, 1200);
  append (f, "registered-capital", "万");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "registered-capital"));
  /* the message names its field */
  g_assert_true (g_str_has_prefix (zhi_enterprise_page_get_message (f->page, "registered-capital"),
                                   adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpfloat (zhi_project_get_registered_capital (f->project), ==, 1200);
  type (f, "registered-capital", "1300");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "registered-capital"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpfloat (zhi_project_get_registered_capital (f->project), ==, 1300);

  type (f, "employees", "12.5");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "employees"));
  g_assert_true (g_str_has_prefix (
      zhi_enterprise_page_get_message (f->page, "employees"),
      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (control (f, "employees")))));
  g_assert_cmpint (zhi_project_get_employees (f->project), ==, 0);
  type (f, "employees", "-3");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "employees"));
  type (f, "employees", "");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "employees"));
}

static void
test_dates_validated (Fixture *f, gconstpointer data)
{
  GtkWidget *row = control (f, "founding-date");

  type (f, "founding-date", "2019-06-30");
  g_assert_cmpstr (zhi_project_get_founding_date (f->project), ==, "2019-06-30");
  /* still typing: a hint, not an error */
  type (f, "founding-date", "2019-0");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "founding-date"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  type (f, "founding-date", "2019-02-30");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "founding-date"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  type (f, "founding-date", "去年");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (zhi_project_get_founding_date (f->project), ==, "2019-06-30");
  type (f, "founding-date", "");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "founding-date"));
  spin ();
  g_assert_cmpstr (zhi_project_get_founding_date (f->project), ==, "");
}

static void
test_email_phone_loose (Fixture *f, gconstpointer data)
{
  type (f, "email", "lina@");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "email"));
  g_assert_cmpstr (zhi_project_get_email (f->project), ==, "lina@");
  type (f, "email", "lina@example.com.cn");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "email"));
  type (f, "phone", "电话");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "phone"));
  type (f, "phone", "+86 (24) 2345-6789 转 801");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "phone"));
  type (f, "phone", "13912345678");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "phone"));
}

static void
test_credit_code_invalid_then_valid (Fixture *f, gconstpointer data)
{
  g_autofree char *valid = make_code ("210102");
  g_autofree char *broken = g_strdup (valid);
  GtkWidget *row = control (f, "credit-code");
  GtkWidget *note = control (f, "credit-code-note");
  const char *message;

  /* one wrong check character */
  broken[17] = broken[17] == '0' ? '1' : '0';
  type (f, "credit-code", broken);
  message = zhi_enterprise_page_get_message (f->page, "credit-code");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "18"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_cmpstr (zhi_project_get_city (f->project), ==, "");

  /* the explanation is the answers' note */
  type (f, "credit-code-note", "早期试点代码，营业执照原件见附件");
  g_assert_cmpstr (zhi_answers_get_note (zhi_project_get_answers (f->project), "credit-code"), ==,
                   "早期试点代码，营业执照原件见附件");
  type (f, "credit-code-note", "");
  g_assert_null (zhi_answers_get_note (zhi_project_get_answers (f->project), "credit-code"));

  /* typed in lower case with spaces: stored normalized, the city filled from the code */
  {
    g_autofree char *lower = g_ascii_strdown (valid, -1);
    g_autofree char *spaced = g_strdup_printf ("%.6s %s", lower, lower + 6);

    type (f, "credit-code", spaced);
    g_assert_cmpstr (text_of (f, "credit-code"), ==, spaced);
  }
  g_assert_cmpstr (zhi_project_get_credit_code (f->project), ==, valid);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "credit-code"));
  g_assert_false (gtk_widget_get_visible (note));
  g_assert_cmpstr (zhi_project_get_city (f->project), ==, "沈阳市");
  g_assert_cmpstr (text_of (f, "city"), ==, "沈阳市");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "city"));
}

static void
test_credit_code_city_offered (Fixture *f, gconstpointer data)
{
  g_autofree char *dalian = make_code ("210203");
  g_autofree char *fujian = make_code ("350100");

  /* a city already entered is not overwritten, but the code's city is offered */
  type (f, "city", "沈阳市");
  type (f, "credit-code", dalian);
  g_assert_cmpstr (zhi_project_get_city (f->project), ==, "沈阳市");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "city"));
  g_assert_nonnull (strstr (zhi_enterprise_page_get_message (f->page, "city"), "大连市"));

  /* registered outside Liaoning: valid, but a warning and an explanation offered */
  type (f, "credit-code", fujian);
  g_assert_cmpstr (zhi_project_get_credit_code (f->project), ==, fujian);
  g_assert_true (gtk_widget_has_css_class (control (f, "credit-code"), "warning"));
  g_assert_true (gtk_widget_get_visible (control (f, "credit-code-note")));
  g_assert_null (zhi_enterprise_page_get_message (f->page, "city"));
}

static void
test_track_combo_changes_project (Fixture *f, gconstpointer data)
{
  AdwComboRow *combo = ADW_COMBO_ROW (control (f, "track"));

  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
  adw_combo_row_set_selected (combo, 2);
  wait_for_track (f->project, "factory-discrete");
  adw_combo_row_set_selected (combo, 1);
  wait_for_track (f->project, "workshop");

  /* and back: the project's track selects the combo's item */
  zhi_project_set_track (f->project, "factory-process");
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 3);
  zhi_project_set_track (f->project, "");
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
}

static gboolean
list_filtered (gpointer data)
{
  GtkWidget *list = data;
  guint shown = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      shown++;
  return shown > 0 && shown < 31;
}

static void
test_industry_search_and_suggestion (Fixture *f, gconstpointer data)
{
  GtkWidget *search = control (f, "industry-search");
  GtkWidget *suggestion = control (f, "track-suggestion");
  GtkWidget *row = control (f, "industry-division");

  g_assert_false (gtk_widget_get_visible (suggestion));
  gtk_editable_set_text (GTK_EDITABLE (search), "化学");
  zhi_test_ui_wait_until (list_filtered, control (f, "industry-list"), ZHI_TEST_UI_TIMEOUT_MS);
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (zhi_project_get_industry_division (f->project), ==, "26");
  g_assert_nonnull (strstr (zhi_industry_row_get_subtitle (ZHI_INDUSTRY_ROW (row)), "26"));

  /* 26 is a process industry: the suggestion shows, nothing is forced */
  g_assert_true (gtk_widget_get_visible (suggestion));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (suggestion)),
                            zhi_track_get_title ("factory-process")));
  g_assert_cmpstr (zhi_project_get_track (f->project), ==, "");
  g_assert_true (gtk_widget_get_visible (control (f, "track-suggestion-apply")));
  g_signal_emit_by_name (control (f, "track-suggestion-apply"), "clicked");
  wait_for_track (f->project, "factory-process");
  g_assert_false (gtk_widget_get_visible (control (f, "track-suggestion-apply")));

  /* a discrete industry set elsewhere */
  zhi_project_set_industry_division (f->project, "36");
  g_assert_true (gtk_widget_get_visible (control (f, "track-suggestion-apply")));
  zhi_project_set_industry_division (f->project, "");
  g_assert_false (gtk_widget_get_visible (suggestion));
}

static void
test_investment_hint (Fixture *f, gconstpointer data)
{
  type (f, "investment-software", "800");
  type (f, "investment-hardware", "1200");
  type (f, "investment-total", "1500");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "investment-total"));
  type (f, "investment-total", "2000");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "investment-total"));
  type (f, "investment-hardware", "1000");
  g_assert_nonnull (zhi_enterprise_page_get_message (f->page, "investment-total"));
  /* letters in the total: the error wins over the hint */
  append (f, "investment-total", "两千");
  g_assert_true (gtk_widget_has_css_class (control (f, "investment-total"), "error"));
  g_assert_cmpfloat (zhi_project_get_investment_total (f->project), ==, 2000);
  /* hex and inconsistent separators are no numbers either (zhi-number.h) */
  type (f, "investment-total", "0x10");
  g_assert_true (gtk_widget_has_css_class (control (f, "investment-total"), "error"));
  type (f, "investment-total", "1,00,0");
  g_assert_true (gtk_widget_has_css_class (control (f, "investment-total"), "error"));
  g_assert_cmpfloat (zhi_project_get_investment_total (f->project), ==, 2000);
  zhi_project_set_investment_total (f->project, 1800);
  g_assert_cmpstr (text_of (f, "investment-total"), ==, "1,800");
  g_assert_null (zhi_enterprise_page_get_message (f->page, "investment-total"));
}

static GtkWidget *
find_nth (GtkWidget *root, GType type, guint *skip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && (*skip)-- == 0)
        return child;
      if ((found = find_nth (child, type, skip)) != NULL)
        return found;
    }
  return NULL;
}

/* The skip-th descendant of @type, depth first */
static GtkWidget *
find_descendant (GtkWidget *root, GType type, guint skip)
{
  return find_nth (root, type, &skip);
}

/* ZhiPage::add-toast: keeps the toast, as the window would show it */
static gboolean
keep_toast_cb (ZhiPage *page, AdwToast *toast, AdwToast **kept)
{
  g_set_object (kept, toast);
  return TRUE;
}

static void
test_scenarios_add_edit_remove (Fixture *f, gconstpointer data)
{
  AdwActionRow *count = ADW_ACTION_ROW (control (f, "scenarios"));
  GtkWidget *row;
  AdwToast *toast = NULL;
  GtkWidget *check;
  const ZhiScenario *scenario;

  zhi_project_set_track (f->project, "workshop");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (count), "2"));

  g_signal_emit_by_name (control (f, "scenario-add"), "clicked");
  g_assert_cmpuint (zhi_project_get_n_scenarios (f->project), ==, 1);
  row = zhi_enterprise_page_get_scenario_row (f->page, 0);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  gtk_editable_set_text (GTK_EDITABLE (find_descendant (row, ADW_TYPE_ENTRY_ROW, 0)),
                         "设备状态在线监测");
  check = find_descendant (row, GTK_TYPE_CHECK_BUTTON, 1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  {
    GtkTextView *view = GTK_TEXT_VIEW (find_descendant (row, GTK_TYPE_TEXT_VIEW, 0));

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "振动、温度传感器接入平台", -1);
  }
  scenario = zhi_project_get_scenario (f->project, 0);
  g_assert_cmpstr (scenario->name, ==, "设备状态在线监测");
  g_assert_cmpstr (scenario->description, ==, "振动、温度传感器接入平台");
  g_assert_cmpuint (g_strv_length (scenario->criteria), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "设备状态在线监测");

  g_signal_emit_by_name (control (f, "scenario-add"), "clicked");
  g_assert_cmpuint (zhi_project_get_n_scenarios (f->project), ==, 2);
  gtk_editable_set_text (
      GTK_EDITABLE (find_descendant (zhi_enterprise_page_get_scenario_row (f->page, 1),
                                     ADW_TYPE_ENTRY_ROW, 0)),
      "质量在线检测");

  /* remove the first: the second moves up, and a toast offers to undo it */
  row = zhi_enterprise_page_get_scenario_row (f->page, 0);
  g_signal_connect (f->page, "add-toast", G_CALLBACK (keep_toast_cb), &toast);
  {
    GtkWidget *remove = NULL;

    for (guint i = 0; (remove = find_descendant (row, GTK_TYPE_BUTTON, i)) != NULL; i++)
      if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (remove)), "user-trash-symbolic") == 0)
        break;
    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
  }
  g_assert_cmpuint (zhi_project_get_n_scenarios (f->project), ==, 1);
  g_assert_cmpstr (zhi_project_get_scenario (f->project, 0)->name, ==, "质量在线检测");
  g_assert_null (zhi_enterprise_page_get_scenario_row (f->page, 1));
  g_signal_handlers_disconnect_by_func (f->page, keep_toast_cb, &toast);

  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "设备状态在线监测"));
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpuint (zhi_project_get_n_scenarios (f->project), ==, 2);
  g_assert_cmpstr (zhi_project_get_scenario (f->project, 0)->name, ==, "设备状态在线监测");
  g_clear_object (&toast);
}

static void
test_project_changes_update_rows (Fixture *f, gconstpointer data)
{
  GtkEditable *name = GTK_EDITABLE (control (f, "name"));
  g_autoptr (ZhiScenario) scenario = zhi_scenario_new ("智能仓储物流", NULL, "");

  zhi_project_set_name (f->project, "大连示例重工股份有限公司");
  zhi_project_set_registered_capital (f->project, 12000.25);
  zhi_project_set_employees (f->project, 1500);
  zhi_project_set_in_use_date (f->project, "2021-12-01");
  zhi_project_set_industry_division (f->project, "34");
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "大连示例重工股份有限公司");
  g_assert_cmpstr (text_of (f, "registered-capital"), ==, "12,000.25");
  g_assert_cmpstr (text_of (f, "employees"), ==, "1,500");
  g_assert_cmpstr (text_of (f, "in-use-date"), ==, "2021-12-01");
  g_assert_nonnull (strstr (
      zhi_industry_row_get_subtitle (ZHI_INDUSTRY_ROW (control (f, "industry-division"))), "34 "));

  zhi_project_add_scenario (f->project, scenario);
  g_assert_nonnull (zhi_enterprise_page_get_scenario_row (f->page, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (
                       ADW_PREFERENCES_ROW (zhi_enterprise_page_get_scenario_row (f->page, 0))),
                   ==, "智能仓储物流");

  /* typing in the middle: the project follows, the entry keeps the cursor */
  gtk_editable_set_position (name, 2);
  {
    int pos = 2;

    gtk_editable_insert_text (name, "新", -1, &pos);
    gtk_editable_set_position (name, pos);
  }
  g_assert_cmpstr (zhi_project_get_name (f->project), ==, "大连新示例重工股份有限公司");
  g_assert_cmpint (gtk_editable_get_position (name), ==, 3);

  /* an equal value in another spelling is not rewritten */
  type (f, "registered-capital", "12,000.25");
  zhi_project_set_registered_capital (f->project, 12000.25);
  g_assert_cmpstr (text_of (f, "registered-capital"), ==, "12,000.25");

  /* a project set to NULL empties the page without writing anywhere */
  zhi_page_set_project (ZHI_PAGE (f->page), NULL);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "");
  g_assert_cmpstr (zhi_project_get_name (f->project), ==, "大连新示例重工股份有限公司");
  zhi_page_set_project (ZHI_PAGE (f->page), f->project);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "大连新示例重工股份有限公司");
}

static void
test_focus_action (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "name",      "credit-code",      "industry-division", "track",
                        "site-name", "investment-total", "scenarios" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GtkWidget *target
          = g_str_equal (ids[i], "scenarios") ? control (f, "scenario-add") : control (f, ids[i]);
      GtkWidget *focus;

      gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", ids[i]);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      g_assert_true (focus == target || gtk_widget_is_ancestor (focus, target));
    }
}

/* A factory lists its digital workshops; the row is there for factories only, and the
 * checklist's "workshops" field focuses it. */
static void
test_workshops_row (Fixture *f, gconstpointer data)
{
  GtkWidget *row = control (f, "workshops");
  g_auto (GStrv) names = NULL;

  zhi_project_set_track (f->project, ZHI_TRACK_WORKSHOP);
  spin ();
  g_assert_false (gtk_widget_get_visible (row));
  zhi_project_set_track (f->project, ZHI_TRACK_FACTORY_PROCESS);
  spin ();
  g_assert_true (gtk_widget_get_visible (row));

  type (f, "workshops", "聚醚合成车间；单体合成车间；灌装车间");
  spin ();
  g_assert_cmpstr (zhi_project_get_workshops (f->project), ==,
                   "聚醚合成车间；单体合成车间；灌装车间");
  names = zhi_project_list_workshops (f->project);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[2], ==, "灌装车间");

  zhi_project_set_workshops (f->project, "磨超车间；装配车间");
  spin ();
  g_assert_cmpstr (text_of (f, "workshops"), ==, "磨超车间；装配车间");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "page.focus", "s", "workshops");
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (f->window)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == row
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), row));
}

/* In the project view: first step, and a track change rebuilds the pages but keeps the user
 * on the track row */
static void
test_in_project_view (Fixture *f, gconstpointer data)
{
  ZhiProjectView *view = g_object_new (ZHI_TYPE_PROJECT_VIEW, NULL);
  g_auto (GStrv) steps = NULL;
  GtkWidget *page;
  GtkWidget *focus;

  gtk_window_set_child (f->window, GTK_WIDGET (view));
  zhi_project_view_set_project (view, f->project);
  steps = zhi_project_view_list_steps (view);
  g_assert_cmpstr (steps[0], ==, "enterprise");
  g_assert_cmpstr (zhi_project_view_get_step (view), ==, "enterprise");
  page = zhi_project_view_get_page (view, "enterprise");
  g_assert_true (ZHI_IS_ENTERPRISE_PAGE (page));
  g_assert_true (zhi_page_get_project (ZHI_PAGE (page)) == f->project);

  adw_combo_row_set_selected (
      ADW_COMBO_ROW (zhi_enterprise_page_get_control (ZHI_ENTERPRISE_PAGE (page), "track")), 1);
  wait_for_track (f->project, "workshop");
  page = zhi_project_view_get_page (view, "enterprise");
  g_assert_cmpstr (zhi_project_view_get_step (view), ==, "enterprise");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, page) || focus == page);

  zhi_project_view_set_project (view, NULL);
}

/* With ZHI_SHOTS_DIR set: the whole page, filled, narrow and wide, light and dark, to PNG */
static void
test_shots (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("ZHI_SHOTS_DIR");
  const int widths[] = { 360, 1000 };
  g_autofree char *code = make_code ("210203");
  g_autoptr (ZhiScenario) s1 = NULL;
  const char *criteria[] = { "w02", "w05", NULL };

  if (dir == NULL)
    {
      g_test_skip ("set ZHI_SHOTS_DIR to write the page's pictures");
      return;
    }
  zhi_project_set_track (f->project, "workshop");
  type (f, "name", "大连示例重工股份有限公司");
  type (f, "credit-code", code);
  type (f, "phone", "0411-8");
  type (f, "registered-capital", "12000");
  append (f, "registered-capital", "万");
  type (f, "founding-date", "2003-6");
  zhi_project_set_industry_division (f->project, "26");
  type (f, "investment-software", "800");
  type (f, "investment-hardware", "1200");
  type (f, "investment-total", "2500");
  s1 = zhi_scenario_new ("设备状态在线监测", criteria,
                         "振动、温度传感器接入设备管理平台，实现预测性维护。");
  zhi_project_add_scenario (f->project, s1);
  g_signal_emit_by_name (control (f, "scenario-add"), "clicked");
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *name = g_strdup_printf (
            "enterprise-%s-%d-%s.png", g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en",
            widths[w], dark ? "dark" : "light");
        g_autofree char *path = g_build_filename (dir, name, NULL);

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (f->window, widths[w], 3400);
        zhi_test_ui_wait_for_frames (GTK_WIDGET (f->window), 4);
        g_assert_true (zhi_test_ui_save_png (GTK_WIDGET (f->window), path, &error));
        g_assert_no_error (error);
      }
}

/* Tab leaves every field, whatever message the field shows (an invalid credit code, a total
 * smaller than its parts, letters in a number): the focus moves on to another widget. */
static void
test_tab_leaves_fields (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *id;
    const char *text;
  } cases[] = {
    { "credit-code", "91210102MA0Q7B2K9X" }, /* wrong check character */
    { "credit-code", "9121" },               /* too short */
    { "credit-code", "" },
    { "investment-total", "10" },   /* smaller than its parts */
    { "investment-total", "0x10" }, /* no number */
    { "investment-total", "" },
    { "name", "" },
    { "registered-capital", "两千" },
    { "phone", "12" },
    { "email", "a@" },
  };

  type (f, "investment-hardware", "1000");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *widget = control (f, cases[i].id);

      g_test_message ("%s “%s”", cases[i].id, cases[i].text);
      gtk_widget_grab_focus (widget);
      spin ();
      gtk_editable_set_text (GTK_EDITABLE (widget), cases[i].text);
      spin ();
      zhi_test_ui_assert_tab_leaves (f->window, widget);
    }
}

/* Up from the first fact and down from the last leave the facts' list for the widget before
 * or after it, as the arrow keys do in libadwaita's groups. */
static void
test_arrows_leave_list (Fixture *f, gconstpointer data)
{
  GtkWidget *list = gtk_widget_get_ancestor (control (f, "name"), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row, *first = NULL, *last = NULL;

  control (f, "investment-total"); /* every row built */
  spin ();
  g_assert_nonnull (list);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (row)))
      {
        first = first ? first : row;
        last = row;
      }
  g_assert_true (first != NULL && last != NULL && first != last);
  for (guint k = 0; k < 2; k++)
    {
      GtkDirectionType direction = k == 0 ? GTK_DIR_DOWN : GTK_DIR_UP;
      gboolean handled = FALSE;
      GtkWidget *focus;

      gtk_widget_grab_focus (GTK_WIDGET (k == 0 ? last : first));
      spin ();
      g_signal_emit_by_name (list, "keynav-failed", direction, &handled);
      g_assert_true (handled);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_nonnull (focus);
      g_assert_false (focus == list || gtk_widget_is_ancestor (focus, list));
    }
}

int
main (int argc, char **argv)
{
  zhi_test_ui_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/enterprise-page/tab-leaves-fields", test_tab_leaves_fields);
  ADD ("/enterprise-page/arrows-leave-the-list", test_arrows_leave_list);
  ADD ("/enterprise-page/typing-writes-project", test_typing_writes_project);
  ADD ("/enterprise-page/numbers/letters-rejected", test_numbers_reject_letters);
  ADD ("/enterprise-page/dates/validated", test_dates_validated);
  ADD ("/enterprise-page/email-phone/loosely-checked", test_email_phone_loose);
  ADD ("/enterprise-page/credit-code/invalid-then-valid-fills-city",
       test_credit_code_invalid_then_valid);
  ADD ("/enterprise-page/credit-code/city-offered-and-outside-liaoning",
       test_credit_code_city_offered);
  ADD ("/enterprise-page/track/combo-changes-project", test_track_combo_changes_project);
  ADD ("/enterprise-page/industry/search-and-suggestion", test_industry_search_and_suggestion);
  ADD ("/enterprise-page/investment/sum-hint", test_investment_hint);
  ADD ("/enterprise-page/scenarios/add-edit-remove", test_scenarios_add_edit_remove);
  ADD ("/enterprise-page/project-changes-update-rows", test_project_changes_update_rows);
  ADD ("/enterprise-page/focus-action", test_focus_action);
  ADD ("/enterprise-page/workshops", test_workshops_row);
  ADD ("/enterprise-page/in-project-view", test_in_project_view);
  ADD ("/enterprise-page/shots", test_shots);
#undef ADD

  return g_test_run ();
}
