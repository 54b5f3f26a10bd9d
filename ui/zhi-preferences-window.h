/* zhi-preferences-window.h — Preferences: the editions of the evaluation standards */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZHI_TYPE_PREFERENCES_WINDOW (zhi_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ZhiPreferencesWindow,
                      zhi_preferences_window,
                      ZHI,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

ZhiPreferencesWindow *zhi_preferences_window_new (GtkWindow *parent);

/* Installs the edition in @file as the Import button does (checks first; on a problem shows
 * the list in a dialog).  TRUE when installed. */
gboolean zhi_preferences_window_import (ZhiPreferencesWindow *self, GFile *file);

/* Removes the installed edition "id@edition" as its row's Remove button does. */
gboolean zhi_preferences_window_remove (ZhiPreferencesWindow *self, const char *ref);

/* The number of editions listed (built-in and installed). */
guint zhi_preferences_window_get_n_editions (ZhiPreferencesWindow *self);

G_END_DECLS
