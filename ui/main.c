#include "config.h"

#include <glib/gi18n.h>
#include "zhi-application.h"
#include "zhi-i18n.h"

int
main (int argc, char **argv)
{
  g_autoptr (ZhiApplication) app = NULL;

  zhi_i18n_init ();
  app = zhi_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
