#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZHI_TYPE_APPLICATION (zhi_application_get_type ())
G_DECLARE_FINAL_TYPE (ZhiApplication, zhi_application, ZHI, APPLICATION, AdwApplication)

ZhiApplication *zhi_application_new (void);
GSettings *zhi_application_get_settings (ZhiApplication *self);
/* Most recent first; the list is capped and kept in GSettings. */
void zhi_application_add_recent (ZhiApplication *self, const char *path);
void zhi_application_remove_recent (ZhiApplication *self, const char *path);

G_END_DECLS
