/* zhi-support-row.c — "this item supports that criterion or rule": a row with a switch
 *
 * ZhiSupportRow::toggled (gboolean active) is emitted when the user flips the switch.
 */
#include "config.h"

#include "zhi-support-row.h"

struct _ZhiSupportRow
{
  AdwActionRow parent_instance;

  GtkSwitch *sw;
  char *support_id;
  gboolean setting; /* zhi_support_row_set_active is at work */
};

enum
{
  TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZhiSupportRow, zhi_support_row, ADW_TYPE_ACTION_ROW)

static void
active_cb (ZhiSupportRow *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[TOGGLED], 0, gtk_switch_get_active (self->sw));
}

const char *
zhi_support_row_get_support_id (ZhiSupportRow *self)
{
  g_return_val_if_fail (ZHI_IS_SUPPORT_ROW (self), NULL);
  return self->support_id;
}

GtkSwitch *
zhi_support_row_get_switch (ZhiSupportRow *self)
{
  g_return_val_if_fail (ZHI_IS_SUPPORT_ROW (self), NULL);
  return self->sw;
}

void
zhi_support_row_set_active (ZhiSupportRow *self, gboolean active)
{
  g_return_if_fail (ZHI_IS_SUPPORT_ROW (self));
  self->setting = TRUE;
  gtk_switch_set_active (self->sw, active);
  self->setting = FALSE;
}

static void
zhi_support_row_finalize (GObject *object)
{
  ZhiSupportRow *self = ZHI_SUPPORT_ROW (object);

  g_free (self->support_id);
  G_OBJECT_CLASS (zhi_support_row_parent_class)->finalize (object);
}

static void
zhi_support_row_class_init (ZhiSupportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zhi_support_row_finalize;

  /**
   * ZhiSupportRow::toggled:
   * @active: whether the item now supports it
   */
  signals[TOGGLED] = g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
zhi_support_row_init (ZhiSupportRow *self)
{
  self->sw = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->sw), GTK_ALIGN_CENTER);
  g_signal_connect_object (self->sw, "notify::active", G_CALLBACK (active_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->sw));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->sw));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 0);
}

GtkWidget *
zhi_support_row_new (const char *support_id, const char *title)
{
  ZhiSupportRow *self = g_object_new (ZHI_TYPE_SUPPORT_ROW, "title", title, NULL);

  self->support_id = g_strdup (support_id);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sw), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  return GTK_WIDGET (self);
}
