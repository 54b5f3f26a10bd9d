/* zhi-context.h — handing work from a worker thread back to the thread that owns a context */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Queues @func on @context, to run when its owner next iterates it.  Never
 * g_main_context_invoke(): when nobody has acquired @context at that moment, that runs @func
 * at once on the calling thread — the worker — which would then touch the project (its SQLite
 * connection) or the UI from the wrong thread.  @name labels the source for debugging. */
void zhi_context_queue (GMainContext *context,
                        GSourceFunc func,
                        gpointer data,
                        GDestroyNotify destroy,
                        const char *name);

G_END_DECLS
