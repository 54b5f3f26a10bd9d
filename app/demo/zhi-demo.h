/* zhi-demo.h — a realistic sample application for a fictitious Liaoning manufacturer */
#pragma once

#include <gio/gio.h>

#include "zhi-project.h"

G_BEGIN_DECLS

/* Writes a new project file at @file (which must not exist) for @track ("workshop",
 * "factory-discrete" or "factory-process"; NULL = workshop): the track's example enterprise
 * (zhi-demo-data.h) marked as an example (zhi_project_get_example), its facts, scenarios,
 * answers and narratives, and evidence documents generated on the fly (report PDFs with
 * text and a table, a photo-like JPEG, a PNG chart, the licence) linked to the criteria.
 * One criterion is left without evidence and one measure is not in place, as in a real
 * application; nothing fails the cross-checks.  The project is returned open. */
ZhiProject *zhi_demo_create (GFile *file, const char *track, GError **error);

G_END_DECLS
