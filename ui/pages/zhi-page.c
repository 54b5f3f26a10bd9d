/* zhi-page.c — what every page of an open application has in common */
#include "config.h"

#include "zhi-page.h"

typedef struct
{
  ZhiProject *project;
  ZhiEvaluation *evaluation;
} ZhiPagePrivate;

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_EVALUATION,
  N_PROPS
};

enum
{
  ADD_TOAST,
  SHOW_STEP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_PRIVATE (ZhiPage, zhi_page, ADW_TYPE_BIN)

ZhiProject *
zhi_page_get_project (ZhiPage *self)
{
  ZhiPagePrivate *priv = zhi_page_get_instance_private (self);

  g_return_val_if_fail (ZHI_IS_PAGE (self), NULL);
  return priv->project;
}

void
zhi_page_set_project (ZhiPage *self, ZhiProject *project)
{
  ZhiPagePrivate *priv = zhi_page_get_instance_private (self);
  g_autoptr (ZhiProject) old = NULL;

  g_return_if_fail (ZHI_IS_PAGE (self));
  g_return_if_fail (project == NULL || ZHI_IS_PROJECT (project));

  if (priv->project == project)
    return;
  old = g_steal_pointer (&priv->project);
  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  priv->project = project != NULL ? g_object_ref (project) : NULL;
  if (ZHI_PAGE_GET_CLASS (self)->project_changed != NULL)
    ZHI_PAGE_GET_CLASS (self)->project_changed (self, old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

ZhiEvaluation *
zhi_page_get_evaluation (ZhiPage *self)
{
  ZhiPagePrivate *priv = zhi_page_get_instance_private (self);

  g_return_val_if_fail (ZHI_IS_PAGE (self), NULL);
  return priv->evaluation;
}

void
zhi_page_set_evaluation (ZhiPage *self, ZhiEvaluation *evaluation)
{
  ZhiPagePrivate *priv = zhi_page_get_instance_private (self);
  g_autoptr (ZhiEvaluation) old = NULL;

  g_return_if_fail (ZHI_IS_PAGE (self));
  g_return_if_fail (evaluation == NULL || ZHI_IS_EVALUATION (evaluation));

  if (priv->evaluation == evaluation)
    return;
  old = g_steal_pointer (&priv->evaluation);
  if (old != NULL)
    g_signal_handlers_disconnect_by_data (old, self);
  priv->evaluation = evaluation != NULL ? g_object_ref (evaluation) : NULL;
  if (ZHI_PAGE_GET_CLASS (self)->evaluation_changed != NULL)
    ZHI_PAGE_GET_CLASS (self)->evaluation_changed (self, old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVALUATION]);
}

gboolean
zhi_page_focus_field (ZhiPage *self, const char *id)
{
  g_return_val_if_fail (ZHI_IS_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (ZHI_PAGE_GET_CLASS (self)->focus_field == NULL)
    return FALSE;
  return ZHI_PAGE_GET_CLASS (self)->focus_field (self, id);
}

void
zhi_page_add_toast (ZhiPage *self, AdwToast *toast)
{
  gboolean shown = FALSE;

  g_return_if_fail (ZHI_IS_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_emit (self, signals[ADD_TOAST], 0, toast, &shown);
  g_object_unref (toast);
}

void
zhi_page_show_step (ZhiPage *self, const char *step, const char *focus)
{
  g_return_if_fail (ZHI_IS_PAGE (self));
  g_return_if_fail (step != NULL);

  g_signal_emit (self, signals[SHOW_STEP], 0, step, focus);
}

/* page.focus (parameter s): the same as zhi_page_focus_field, for the checklist's rows */
static gboolean
list_keynav_failed_cb (GtkWidget *list, GtkDirectionType direction, gpointer unused)
{
  GtkRoot *root = gtk_widget_get_root (list);

  if (root == NULL || (direction != GTK_DIR_UP && direction != GTK_DIR_DOWN))
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (root), direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD
                                                                            : GTK_DIR_TAB_FORWARD);
}

void
zhi_page_list_arrows_leave (GtkListBox *list)
{
  g_signal_connect (list, "keynav-failed", G_CALLBACK (list_keynav_failed_cb), NULL);
}

static void
focus_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  zhi_page_focus_field (ZHI_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
zhi_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ZhiPage *self = ZHI_PAGE (object);

  switch (prop_id)
    {
      case PROP_PROJECT:
        g_value_set_object (value, zhi_page_get_project (self));
        break;
      case PROP_EVALUATION:
        g_value_set_object (value, zhi_page_get_evaluation (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ZhiPage *self = ZHI_PAGE (object);

  switch (prop_id)
    {
      case PROP_PROJECT:
        zhi_page_set_project (self, g_value_get_object (value));
        break;
      case PROP_EVALUATION:
        zhi_page_set_evaluation (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A subclass lets go of the project in its own dispose (zhi_page_set_project (NULL)) while
 * its widgets still exist; what is left here is only dropped, without the hooks. */
static void
zhi_page_dispose (GObject *object)
{
  ZhiPage *self = ZHI_PAGE (object);
  ZhiPagePrivate *priv = zhi_page_get_instance_private (self);

  if (priv->project != NULL)
    g_signal_handlers_disconnect_by_data (priv->project, self);
  if (priv->evaluation != NULL)
    g_signal_handlers_disconnect_by_data (priv->evaluation, self);
  g_clear_object (&priv->project);
  g_clear_object (&priv->evaluation);
  G_OBJECT_CLASS (zhi_page_parent_class)->dispose (object);
}

static void
zhi_page_class_init (ZhiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = zhi_page_get_property;
  object_class->set_property = zhi_page_set_property;
  object_class->dispose = zhi_page_dispose;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, ZHI_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the project's live eligibility, score and checklist, shared with the sidebar */
  properties[PROP_EVALUATION]
      = g_param_spec_object ("evaluation", NULL, NULL, ZHI_TYPE_EVALUATION,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ZhiPage::add-toast:
   * @toast: (transfer none): the toast to show
   *
   * Returns: TRUE when the toast is shown (the handler took a reference)
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN,
                                     1, ADW_TYPE_TOAST);
  /**
   * ZhiPage::show-step:
   * @step: the step to show, as in ui/zhi-project-view-steps.h
   * @focus: (nullable): the id of a field of that step's page to focus
   */
  signals[SHOW_STEP]
      = g_signal_new ("show-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "page.focus", "s", focus_action);
}

static void
zhi_page_init (ZhiPage *self)
{
}
