#include "config.h"

#include "zhi-context.h"

void
zhi_context_queue (GMainContext *context,
                   GSourceFunc func,
                   gpointer data,
                   GDestroyNotify destroy,
                   const char *name)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  g_source_unref (source);
}
