/* zhi-undo-toast.c — see zhi-undo-toast.h */
#include "config.h"

#include "zhi-undo-toast.h"

/**
 * zhi_undo_toast_press:
 * @toast: (nullable): the undo toast while it shows, or NULL when there is none
 *
 * Does what the toast's button does, then dismisses the toast.
 *
 * Returns: FALSE when there was no toast to press
 */
gboolean
zhi_undo_toast_press (AdwToast *toast)
{
  g_return_val_if_fail (toast == NULL || ADW_IS_TOAST (toast), FALSE);

  if (toast == NULL)
    return FALSE;
  g_object_ref (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  g_object_unref (toast);
  return TRUE;
}
