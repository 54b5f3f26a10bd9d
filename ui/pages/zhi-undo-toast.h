/* zhi-undo-toast.h — pressing an undo toast's button from code (the tests, a shortcut)
 *
 * Whoever offers an undo keeps a weak pointer to its toast (g_set_weak_pointer), so the
 * offer ends when the toast is dismissed.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean zhi_undo_toast_press (AdwToast *toast);

G_END_DECLS
