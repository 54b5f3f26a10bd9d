#pragma once

#include <adwaita.h>

#include "zhi-application.h"

G_BEGIN_DECLS

#define ZHI_TYPE_WINDOW (zhi_window_get_type ())
G_DECLARE_FINAL_TYPE (ZhiWindow, zhi_window, ZHI, WINDOW, AdwApplicationWindow)

ZhiWindow *zhi_window_new (ZhiApplication *application);
void zhi_window_open_file (ZhiWindow *self, GFile *file);
/* The name of the visible page of the window's stack: "welcome" or "project". */
const char *zhi_window_get_page_name (ZhiWindow *self);
void zhi_window_add_toast (ZhiWindow *self, AdwToast *toast);

G_END_DECLS
