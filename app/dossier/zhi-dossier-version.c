#include "config.h"

#include <cairo.h>
#include <pango/pango.h>
#include <poppler.h>

#include "zhi-dossier-version.h"

const char *
zhi_dossier_creator (void)
{
  return "Zhizao " PACKAGE_VERSION;
}

char *
zhi_dossier_library_versions (void)
{
  return g_strdup_printf ("cairo %s, pango %s, poppler %s", cairo_version_string (),
                          pango_version_string (), poppler_get_version ());
}
