/* zhi-cli-credit-code.c — zhizao-cli credit-code CODE [--json]
 *
 * Checks a unified social credit code (GB 32100-2015) and decodes its region.
 * Exit status: 0 valid, 1 invalid, 2 usage error.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "zhi-cli-commands.h"
#include "zhi-credit-code.h"

/* the city, else the province, in the gettext language */
static const char *
place_name (const ZhiCreditCode *info)
{
  const char *const *languages = g_get_language_names ();
  gboolean chinese = languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
  const char *en = info->city_en;

  if (en == NULL)
    en = zhi_region_province_name (info->region_code, FALSE);
  if (en == NULL)
    return NULL;
  if (chinese)
    return info->city_zh ? info->city_zh : zhi_region_province_name (info->region_code, TRUE);
  return _ (en);
}

static JsonNode *
build_json (const char *input, const ZhiCreditCode *info, const char *reason)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  zhi_cli_json_string (builder, "code", info->normalized[0] ? info->normalized : input);
  zhi_cli_json_bool (builder, "valid", info->status == ZHI_CREDIT_CODE_VALID);
  zhi_cli_json_string (builder, "status", zhi_credit_code_status_to_string (info->status));
  zhi_cli_json_string (builder, "reason", reason);
  json_builder_set_member_name (builder, "position");
  if (info->bad_position > 0)
    json_builder_add_int_value (builder, info->bad_position);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "expected");
  if (info->expected != 0)
    {
      char expected[2] = { info->expected, '\0' };

      json_builder_add_string_value (builder, expected);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "region_code");
  if (info->region_code[0] != '\0')
    json_builder_add_string_value (builder, info->region_code);
  else
    json_builder_add_null_value (builder);
  zhi_cli_json_bool (builder, "in_liaoning", info->in_liaoning);
  zhi_cli_json_string_or_null (builder, "city", info->city_zh);
  zhi_cli_json_string_or_null (builder, "city_en", info->city_en);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_text (const char *input, const ZhiCreditCode *info, const char *reason)
{
  const char *code = info->normalized[0] ? info->normalized : input;
  const char *place = place_name (info);

  if (info->status == ZHI_CREDIT_CODE_VALID)
    /* Translators: %s is the credit code */
    g_print (_ ("%s: valid\n"), code);
  else
    /* Translators: %s is the credit code */
    g_print (_ ("%s: invalid\n"), code);
  g_print ("%s\n", reason);

  if (info->region_code[0] == '\0')
    return;
  if (place != NULL)
    /* Translators: first %s is the 6-digit region code, second the city or province */
    g_print (_ ("Region: %s (%s)\n"), info->region_code, place);
  else
    g_print (_ ("Region: %s\n"), info->region_code);
  g_print (info->in_liaoning ? _ ("Registered in Liaoning: yes\n")
                             : _ ("Registered in Liaoning: no\n"));
}

int
zhi_cli_credit_code (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto (GStrv) rest = NULL;
  GOptionEntry entries[] = {
    { "json", 'j', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_ ("Print the result as a JSON object"), NULL },
    { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autofree char *input = NULL;
  g_autofree char *reason = NULL;
  ZhiCreditCode info;

  if (!zhi_cli_parse_options ("credit-code", _ ("CODE"),
                              _ ("Check a unified social credit code (GB 32100-2015) and show "
                                 "the region it was registered in.\nExit status: 0 valid, 1 "
                                 "invalid, 2 usage error."),
                              entries, &argc, &argv))
    return ZHI_CLI_USAGE;

  if (rest == NULL || rest[0] == NULL)
    return zhi_cli_usage_error ("credit-code", "%s",
                                _ ("missing CODE: zhizao-cli credit-code CODE [--json]"));

  /* "9121 0106 …" given as several arguments: spaces are not part of a code anyway */
  input = g_strjoinv ("", rest);
  zhi_credit_code_check (input, &info);
  reason = zhi_credit_code_describe (&info);

  if (json)
    {
      g_autoptr (JsonNode) node = build_json (g_strstrip (input), &info, reason);

      zhi_cli_print_json (node);
    }
  else
    {
      print_text (g_strstrip (input), &info, reason);
    }

  return info.status == ZHI_CREDIT_CODE_VALID ? ZHI_CLI_OK : ZHI_CLI_PROBLEMS;
}
