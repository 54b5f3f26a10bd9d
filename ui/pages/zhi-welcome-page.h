#pragma once

#include <adwaita.h>

#include "zhi-page.h"

G_BEGIN_DECLS

#define ZHI_TYPE_WELCOME_PAGE (zhi_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiWelcomePage, zhi_welcome_page, ZHI, WELCOME_PAGE, ZhiPage)

void zhi_welcome_page_set_settings (ZhiWelcomePage *self, GSettings *settings);
/* Asks for the track, then where to save; emits ::create-requested. */
void zhi_welcome_page_choose_track (ZhiWelcomePage *self);
guint zhi_welcome_page_get_n_recent (ZhiWelcomePage *self);

G_END_DECLS
