/* zhi-track.c — the tracks an enterprise applies under, by id */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zhi-track.h"

const char *
zhi_track_get_title (const char *track_id)
{
  if (g_strcmp0 (track_id, "workshop") == 0)
    return _ ("Digital Workshop");
  if (g_strcmp0 (track_id, "factory-discrete") == 0)
    return _ ("Discrete Smart Factory");
  if (g_strcmp0 (track_id, "factory-process") == 0)
    return _ ("Process Smart Factory");
  return NULL;
}
