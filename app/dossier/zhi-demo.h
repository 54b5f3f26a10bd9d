/* zhi-demo.h — a realistic sample application for a fictional Liaoning manufacturer */
#pragma once

#include <gio/gio.h>

#include "zhi-project.h"

G_BEGIN_DECLS

/* Writes a new project file at @file (which must not exist) for @track ("workshop",
 * "factory-discrete" or "factory-process"): enterprise facts with a valid credit code,
 * answers to every condition and indicator, narratives in Chinese, application
 * scenarios, and evidence documents generated on the fly (report PDFs with text and a
 * table, a photo-like JPEG, a PNG chart) linked to the criteria.  The project is
 * returned open. */
ZhiProject *zhi_demo_create (GFile *file, const char *track, GError **error);

G_END_DECLS
