/* zhi-track.h — the tracks an enterprise applies under, by id */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The title of the track @track_id ("workshop", "factory-discrete", "factory-process") in the
 * user's language — 数字化车间, 离散型智能工厂, 流程型智能工厂 — or NULL for any other id.
 * Every page names tracks through it; nothing needs a standard loaded for it. */
const char *zhi_track_get_title (const char *track_id);

G_END_DECLS
