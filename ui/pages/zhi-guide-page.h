#pragma once

#include <adwaita.h>

#include "zhi-page.h"

G_BEGIN_DECLS

#define ZHI_TYPE_GUIDE_PAGE (zhi_guide_page_get_type ())
G_DECLARE_FINAL_TYPE (ZhiGuidePage, zhi_guide_page, ZHI, GUIDE_PAGE, ZhiPage)

GtkWidget *zhi_guide_page_new (void);
/* Shows only the paragraphs containing @text (all when empty); returns how many match. */
guint zhi_guide_page_search (ZhiGuidePage *self, const char *text);

G_END_DECLS
