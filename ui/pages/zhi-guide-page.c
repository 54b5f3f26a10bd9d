/* zhi-guide-page.c — 申报指南: the provincial document's policy content, searchable
 *
 * Background, principles, departments, conditions and exclusions, procedure and the
 * post-designation rules, from guide.json and conditions.json: staff never need the
 * original slides.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zhi-guide-page.h"
#include "zhi-standard.h"

struct _ZhiGuidePage
{
  ZhiPage parent_instance;

  /* Template Widgets */
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkBox *sections_box;

  /* Owned References */
  GPtrArray *paragraphs; /* GtkLabel *, borrowed from the tree; text in "zhi-text" */
};

G_DEFINE_FINAL_TYPE (ZhiGuidePage, zhi_guide_page, ZHI_TYPE_PAGE)

static GtkWidget *
section_new (ZhiGuidePage *self, const char *title, GPtrArray *texts)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* selectable by mouse, but not a tab stop that selects itself when the page opens */
      gtk_widget_set_focusable (label, FALSE);
      gtk_widget_add_css_class (label, "body");
      g_object_set_data_full (G_OBJECT (label), "zhi-text", g_utf8_casefold (text, -1), g_free);
      g_ptr_array_add (self->paragraphs, label);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
build (ZhiGuidePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiGuide) guide = zhi_guide_load_builtin (&error);
  g_autoptr (ZhiConditions) conditions = NULL;
  GPtrArray *sections;

  if (guide == NULL)
    {
      g_warning ("guide: %s", error->message);
      return;
    }
  sections = zhi_guide_get_sections (guide);
  for (guint i = 0; i < sections->len; i++)
    {
      const ZhiGuideSection *section = g_ptr_array_index (sections, i);
      g_autoptr (GPtrArray) texts = g_ptr_array_new ();

      for (guint p = 0; p < section->paragraphs->len; p++)
        g_ptr_array_add (texts,
                         (gpointer)zhi_text_get (g_ptr_array_index (section->paragraphs, p)));
      gtk_box_append (self->sections_box,
                      section_new (self, zhi_text_get (&section->title), texts));

      /* The conditions and exclusions belong right after the principles and departments. */
      if (i == 1 && (conditions = zhi_conditions_load_builtin (&error)) != NULL)
        {
          GPtrArray *conds = zhi_conditions_get_conditions (conditions);
          GPtrArray *excls = zhi_conditions_get_exclusions (conditions);
          g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

          for (guint c = 0; c < conds->len; c++)
            {
              const ZhiCondition *cond = g_ptr_array_index (conds, c);
              g_ptr_array_add (owned, g_strconcat (cond->mark, zhi_text_get (&cond->text), NULL));
            }
          gtk_box_append (self->sections_box,
                          section_new (self, _ ("The Six Conditions for Applying"), owned));
          g_ptr_array_set_size (owned, 0);
          for (guint c = 0; c < excls->len; c++)
            {
              const ZhiExclusion *excl = g_ptr_array_index (excls, c);
              g_ptr_array_add (owned, g_strconcat (excl->mark, zhi_text_get (&excl->text), NULL));
            }
          gtk_box_append (self->sections_box, section_new (self, _ ("Who May Not Apply"), owned));
        }
    }
}

guint
zhi_guide_page_search (ZhiGuidePage *self, const char *text)
{
  g_autofree char *needle = NULL;
  guint matches = 0;

  g_return_val_if_fail (ZHI_IS_GUIDE_PAGE (self), 0);

  needle = g_utf8_casefold (text != NULL ? g_strstrip (g_strdup (text)) : "", -1);
  for (GtkWidget *section = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));
       section != NULL; section = gtk_widget_get_next_sibling (section))
    {
      guint in_section = 0;
      GtkWidget *heading = gtk_widget_get_first_child (section);

      for (GtkWidget *label = gtk_widget_get_next_sibling (heading); label != NULL;
           label = gtk_widget_get_next_sibling (label))
        {
          const char *haystack = g_object_get_data (G_OBJECT (label), "zhi-text");
          gboolean match = *needle == '\0' || strstr (haystack, needle) != NULL;

          gtk_widget_set_visible (label, match);
          in_section += match;
        }
      /* A section whose title matches stays whole. */
      if (in_section == 0 && *needle != '\0')
        {
          g_autofree char *title = g_utf8_casefold (gtk_label_get_text (GTK_LABEL (heading)), -1);

          if (strstr (title, needle) != NULL)
            for (GtkWidget *label = gtk_widget_get_next_sibling (heading); label != NULL;
                 label = gtk_widget_get_next_sibling (label), in_section++)
              gtk_widget_set_visible (label, TRUE);
        }
      gtk_widget_set_visible (section, in_section > 0);
      matches += in_section;
    }
  gtk_stack_set_visible_child_name (self->stack, matches > 0 ? "content" : "empty");
  return matches;
}

static void
search_changed_cb (GtkSearchEntry *entry, ZhiGuidePage *self)
{
  zhi_guide_page_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* every id focuses the search */
static gboolean
zhi_guide_page_focus_field (ZhiPage *page, const char *id)
{
  ZhiGuidePage *self = ZHI_GUIDE_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
zhi_guide_page_dispose (GObject *object)
{
  ZhiGuidePage *self = ZHI_GUIDE_PAGE (object);

  g_clear_pointer (&self->paragraphs, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZHI_TYPE_GUIDE_PAGE);
  G_OBJECT_CLASS (zhi_guide_page_parent_class)->dispose (object);
}

static void
zhi_guide_page_class_init (ZhiGuidePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_guide_page_dispose;
  ZHI_PAGE_CLASS (klass)->focus_field = zhi_guide_page_focus_field;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/zhizao/Zhizao/ui/pages/zhi-guide-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiGuidePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZhiGuidePage, stack);
  gtk_widget_class_bind_template_child (widget_class, ZhiGuidePage, sections_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
zhi_guide_page_init (ZhiGuidePage *self)
{
  self->paragraphs = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  build (self);
}

GtkWidget *
zhi_guide_page_new (void)
{
  return g_object_new (ZHI_TYPE_GUIDE_PAGE, NULL);
}
