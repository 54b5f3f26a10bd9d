/* zhi-evidence-row.c — one item of the evidence library */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-evidence-files.h"
#include "zhi-evidence-row.h"

struct _ZhiEvidenceRow
{
  GtkBox parent_instance;

  /* Template Widgets */
  GtkStack *thumb_stack;
  GtkImage *icon;
  GtkImage *picture;
  GtkLabel *title;
  GtkLabel *meta;
  GtkLabel *supports;
  GtkImage *warning;
  GtkButton *remove;

  ZhiEvidence *evidence; /* while bound */
};

enum
{
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZhiEvidenceRow, zhi_evidence_row, GTK_TYPE_BOX)

static void
remove_clicked_cb (ZhiEvidenceRow *self)
{
  if (self->evidence != NULL)
    g_signal_emit (self, signals[REMOVE], 0, self->evidence);
}

void
zhi_evidence_row_update (ZhiEvidenceRow *self, const char *supports)
{
  ZhiEvidence *evidence = self->evidence;
  const char *media_type;
  g_autofree char *type = NULL;
  g_autofree char *size = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *remove_label = NULL;
  const ZhiEvidenceThumb *thumb;
  const char *title;

  g_return_if_fail (ZHI_IS_EVIDENCE_ROW (self));

  if (evidence == NULL)
    return;
  media_type = zhi_evidence_get_media_type (evidence);
  thumb = zhi_evidence_thumb_lookup (evidence);
  title = zhi_evidence_get_title (evidence);
  if (*title == '\0')
    title = zhi_evidence_get_file_name (evidence);

  gtk_label_set_text (self->title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), title);
  type = zhi_evidence_file_describe_type (media_type);
  size = g_format_size (zhi_evidence_get_size (evidence));
  if (!zhi_evidence_get_usable (evidence))
    {
      /* TRANSLATORS: the reason an evidence file cannot be used, e.g. “Unusable: Empty
       * file” */
      g_autofree char *reason = g_strdup_printf (
          _ ("Unusable: %s"), zhi_evidence_problem_describe (zhi_evidence_get_problem (evidence)));

      /* the reason first and alone: the row is narrow, type and size are in the detail */
      meta = g_strdup (reason);
      gtk_widget_remove_css_class (GTK_WIDGET (self->meta), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->meta), "error");
    }
  else
    {
      if (zhi_evidence_get_page_count (evidence) > 0)
        {
          g_autofree char *pages
              = zhi_evidence_file_pages_text (zhi_evidence_get_page_count (evidence));

          meta = g_strdup_printf ("%s · %s · %s", type, size, pages);
        }
      else
        meta = g_strdup_printf ("%s · %s", type, size);
      gtk_widget_remove_css_class (GTK_WIDGET (self->meta), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->meta), "dim-label");
    }
  gtk_label_set_text (self->meta, meta);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta), meta);

  gtk_label_set_text (self->supports, supports);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->supports), supports);
  if (zhi_evidence_get_supports (evidence)[0] == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->supports), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->supports), "accent");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->supports), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->supports), "accent");
    }

  if (thumb != NULL && thumb->texture != NULL)
    {
      gtk_image_set_from_paintable (self->picture, GDK_PAINTABLE (thumb->texture));
      gtk_stack_set_visible_child_name (self->thumb_stack, "picture");
    }
  else
    {
      gtk_image_clear (self->picture);
      gtk_image_set_from_icon_name (self->icon, zhi_evidence_file_type_icon (media_type));
      gtk_stack_set_visible_child_name (self->thumb_stack, "icon");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Thumbnail"), -1);

  {
    g_autofree char *problem = zhi_evidence_file_problem (evidence);

    gtk_widget_set_visible (GTK_WIDGET (self->warning), problem != NULL);
    if (problem != NULL)
      {
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning), problem);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
      }
  }

  remove_label = g_strdup_printf (_ ("Remove “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
}

ZhiEvidence *
zhi_evidence_row_get_evidence (ZhiEvidenceRow *self)
{
  g_return_val_if_fail (ZHI_IS_EVIDENCE_ROW (self), NULL);
  return self->evidence;
}

void
zhi_evidence_row_set_evidence (ZhiEvidenceRow *self, ZhiEvidence *evidence)
{
  g_return_if_fail (ZHI_IS_EVIDENCE_ROW (self));
  g_return_if_fail (evidence == NULL || ZHI_IS_EVIDENCE (evidence));

  g_set_object (&self->evidence, evidence);
}

static void
zhi_evidence_row_dispose (GObject *object)
{
  ZhiEvidenceRow *self = ZHI_EVIDENCE_ROW (object);

  g_clear_object (&self->evidence);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_EVIDENCE_ROW);
  G_OBJECT_CLASS (zhi_evidence_row_parent_class)->dispose (object);
}

static void
zhi_evidence_row_class_init (ZhiEvidenceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_evidence_row_dispose;

  /**
   * ZhiEvidenceRow::remove:
   * @evidence: the item shown
   *
   * The remove button was clicked.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, ZHI_TYPE_EVIDENCE);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/rows/zhi-evidence-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, thumb_stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, icon);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, picture);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, title);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, meta);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, supports);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, warning);
  gtk_widget_class_bind_template_child (widget_class, ZhiEvidenceRow, remove);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
zhi_evidence_row_init (ZhiEvidenceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zhi_evidence_row_new (void)
{
  return g_object_new (ZHI_TYPE_EVIDENCE_ROW, NULL);
}
