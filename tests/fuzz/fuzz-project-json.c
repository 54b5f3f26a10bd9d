/* fuzz-project-json.c — JSON import: any bytes as the JSON form of a project
 *
 * The bytes are parsed as `zhizao-cli import` does (a JsonParser over the whole
 * data, NUL bytes included) and given to zhi_project_from_json().  A project that
 * imports must export and import back to an equal project (zhi_fuzz_exercise_project).
 */
#include "zhi-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  zhi_fuzz_init ();
  if (size > G_MAXSSIZE)
    return 0;

  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *)data, (gssize)size, NULL))
    return 0;
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL)
    return 0; /* empty document */

  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiProject) project = zhi_project_from_json (root, &error);
  if (project == NULL)
    {
      if (error == NULL || error->domain != ZHI_PROJECT_ERROR || error->message == NULL
          || *error->message == '\0')
        zhi_fuzz_fail ("zhi_project_from_json failed without a ZHI_PROJECT_ERROR (%s)",
                       error ? error->message : "no error");
      return 0;
    }
  zhi_fuzz_exercise_project (project);
  return 0;
}
