/* zhi-i18n.c — pick the user's language for bilingual data */
#include "config.h"

#include "zhi-i18n.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX");
}

void
zhi_i18n_init (void)
{
  const char *dir = g_getenv ("ZHIZAO_LOCALEDIR");

  /* Per category: an environment with only LC_CTYPE set (Python sets LC_CTYPE=C.UTF-8 for the
   * programs it starts in the C locale) leaves LC_MESSAGES at C, where LANGUAGE is ignored. */
  setlocale (LC_ALL, "");
  if (is_c_locale (setlocale (LC_CTYPE, NULL)))
    setlocale (LC_CTYPE, "C.UTF-8");
  if (is_c_locale (setlocale (LC_MESSAGES, NULL)))
    setlocale (LC_MESSAGES, "C.UTF-8");
  if (dir == NULL
      && g_file_test (ZHI_BUILD_LOCALEDIR "/zh_CN/LC_MESSAGES/" GETTEXT_PACKAGE ".mo",
                      G_FILE_TEST_EXISTS)
      && !g_file_test (LOCALEDIR "/zh_CN/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS))
    dir = ZHI_BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static int language_override = -1;

void
zhi_i18n_set_override (int chinese)
{
  language_override = chinese < 0 ? -1 : (chinese ? 1 : 0);
}

gboolean
zhi_i18n_is_chinese (void)
{
  const char *const *names;

  if (language_override >= 0)
    return language_override == 1;

  /* g_get_language_names() reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG in gettext's order and
   * re-reads them when they change.  The first entry is the user's preferred language. */
  names = g_get_language_names ();
  for (gsize i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *name = names[i];

      if (strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0 || name[0] == '\0')
        continue;
      return g_str_has_prefix (name, "zh");
    }
  return FALSE;
}

const char *
zhi_i18n_pick (const char *zh, const char *en)
{
  gboolean chinese = zhi_i18n_is_chinese ();
  const char *first = chinese ? zh : en;
  const char *second = chinese ? en : zh;

  if (first != NULL && first[0] != '\0')
    return first;
  if (second != NULL)
    return second;
  return first != NULL ? first : "";
}

const char *
zhi_text_get (const ZhiText *text)
{
  if (text == NULL)
    return "";
  return zhi_i18n_pick (text->zh, text->en);
}

const char *
zhi_text_get_chinese (const ZhiText *text)
{
  if (text == NULL)
    return "";
  if (text->zh != NULL && text->zh[0] != '\0')
    return text->zh;
  return text->en != NULL ? text->en : "";
}

ZhiText *
zhi_text_new (const char *zh, const char *en)
{
  ZhiText *text = g_new0 (ZhiText, 1);

  text->zh = g_strdup (zh);
  text->en = g_strdup (en);
  return text;
}

ZhiText *
zhi_text_copy (const ZhiText *text)
{
  if (text == NULL)
    return NULL;
  return zhi_text_new (text->zh, text->en);
}

void
zhi_text_clear (ZhiText *text)
{
  if (text == NULL)
    return;
  g_clear_pointer (&text->zh, g_free);
  g_clear_pointer (&text->en, g_free);
}

void
zhi_text_free (ZhiText *text)
{
  if (text == NULL)
    return;
  zhi_text_clear (text);
  g_free (text);
}

gboolean
zhi_text_equal (const ZhiText *a, const ZhiText *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->zh, b->zh) == 0 && g_strcmp0 (a->en, b->en) == 0;
}
