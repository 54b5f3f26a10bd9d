/* zhi-message-row.h — the message under a field of the enterprise page: a hint, a warning or
 * an error in words, with an optional button that acts on it ("Use 沈阳市") */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  ZHI_MESSAGE_NONE,
  ZHI_MESSAGE_HINT,
  ZHI_MESSAGE_WARNING,
  ZHI_MESSAGE_ERROR,
} ZhiMessageStyle;

#define ZHI_TYPE_MESSAGE_ROW (zhi_message_row_get_type ())
G_DECLARE_FINAL_TYPE (ZhiMessageRow, zhi_message_row, ZHI, MESSAGE_ROW, AdwPreferencesRow)

/* Hidden until there is something to say. */
GtkWidget *zhi_message_row_new (void);
/* Shows @text in @style with a button labelled @button_label (NULL: none), or hides the row
 * (ZHI_MESSAGE_NONE, or no text).  Returns whether the row is shown. */
gboolean zhi_message_row_show (ZhiMessageRow *self,
                               ZhiMessageStyle style,
                               const char *text,
                               const char *button_label);
/* The text shown, NULL when hidden. */
const char *zhi_message_row_get_text (ZhiMessageRow *self);
GtkButton *zhi_message_row_get_button (ZhiMessageRow *self);

G_END_DECLS
