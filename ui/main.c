#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "zhi-application.h"

int
main (int argc, char **argv)
{
  g_autoptr (ZhiApplication) app = NULL;

  zhi_application_setup_i18n ();
  app = zhi_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
