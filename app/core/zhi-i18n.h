/* zhi-i18n.h — pick the user's language for bilingual data
 *
 * The application's own strings go through gettext (_()); the standards data carries both
 * languages ({"zh": …, "en": …}) and is picked here, following the same language gettext uses
 * (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A bilingual text; either member may be NULL. */
typedef struct
{
  char *zh;
  char *en;
} ZhiText;

/* Sets the locale from the environment and binds the "zhizao" catalogue: from
 * $ZHIZAO_LOCALEDIR, else from the build tree when run from it (its catalogue exists and no
 * installed one does), else from the installed LOCALEDIR.  Where the environment names no
 * locale for a category (C or POSIX), that category becomes C.UTF-8: in C gettext ignores
 * LANGUAGE and GLib prints "?" for Chinese.  The application and the CLI call it first. */
void zhi_i18n_init (void);

/* TRUE when the first language gettext would use is Chinese ("zh", "zh_CN", "zh_CN.UTF-8" …). */
gboolean zhi_i18n_is_chinese (void);

/* For tests and the CLI's --lang: 1 forces Chinese, 0 forces English, -1 follows the
 * environment again (the default). */
void zhi_i18n_set_override (int chinese);

/* zh when the user's language is Chinese, else en; falls back to the other one when the
 * preferred text is NULL or empty. */
const char *zhi_i18n_pick (const char *zh, const char *en);

/* zhi_i18n_pick on a ZhiText; "" for NULL. */
const char *zhi_text_get (const ZhiText *text);

/* The Chinese member whatever the user's language (the dossier is a Chinese document); the
 * English one where the data has no Chinese; "" for NULL. */
const char *zhi_text_get_chinese (const ZhiText *text);

ZhiText *zhi_text_new (const char *zh, const char *en);
ZhiText *zhi_text_copy (const ZhiText *text);
void zhi_text_free (ZhiText *text);
/* Frees the members of a ZhiText embedded in another struct. */
void zhi_text_clear (ZhiText *text);
gboolean zhi_text_equal (const ZhiText *a, const ZhiText *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZhiText, zhi_text_free)

G_END_DECLS
