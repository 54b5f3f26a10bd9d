/* zhi-project-view.c — an open application: the steps in a sidebar, the step's page beside it
 *
 * Pages are ZhiPage subclasses (ui/pages/zhi-page.h): the view hands them the project and
 * its evaluation, asks them to focus a field, and passes their toasts on to the window.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zhi-editions.h"
#include "zhi-names.h"
#include "zhi-track.h"
#include "zhi-evaluation.h"
#include "zhi-migration.h"
#include "zhi-page.h"
#include "zhi-project-view.h"
#include "zhi-standard.h"
#include "zhi-undo-toast.h"

typedef struct
{
  const char *name;
  const char *title; /* N_() */
  const char *icon;
  GType (*get_type) (void);
} ZhiStepInfo;

/* The page types register themselves here as they are written; see HACKING.md. */
#include "zhi-project-view-steps.h"

struct _ZhiProjectView
{
  AdwBin parent_instance;

  /* Template Widgets */
  AdwLeaflet *leaflet;
  GtkListBox *steps_list;
  GtkStack *pages;
  AdwWindowTitle *content_title;
  GtkRevealer *read_only_revealer;
  GtkLabel *read_only_label;
  GtkLabel *score_label;
  GtkLevelBar *score_bar;
  GtkLabel *verdict_label;
  GtkButton *score_button;
  GtkRevealer *offer_revealer;
  GtkLabel *offer_label;

  /* Owned References */
  ZhiProject *project;
  ZhiEvaluation *evaluation;
  ZhiStandard *standard;
  ZhiStandard *offer; /* a newer edition of the project's track, offered; or NULL */
  char *step;

  gint64 offer_stamp;     /* the installed editions folder as update_offer () last saw it */
  AdwToast *undo_toast;   /* weak: the last move's, while it shows */
  GtkWidget *active_root; /* weak: the window whose activation re-checks the offer */
};

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ZhiProjectView, zhi_project_view, ADW_TYPE_BIN)

static const char *
track_title (const char *track)
{
  const char *title = zhi_track_get_title (track);

  return title != NULL ? title : _ ("Track not chosen");
}

static GtkWidget *
step_row_new (const char *name, const char *title, const char *icon, gboolean indented)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *badge = gtk_label_new (NULL);

  g_object_set_data_full (G_OBJECT (row), "zhi-step", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (row), "zhi-badge", badge);
  g_object_set_data_full (G_OBJECT (row), "zhi-title", g_strdup (title), g_free);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* a long (English) criterion name is ellipsized: the tooltip gives it whole */
  gtk_widget_set_tooltip_text (label, title);
  gtk_widget_set_hexpand (label, TRUE);
  if (icon != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  if (indented)
    {
      gtk_widget_set_margin_start (box, 28);
      gtk_widget_add_css_class (row, "zhi-substep");
    }
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (badge, "zhi-badge");
  gtk_widget_set_visible (badge, FALSE);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

/* a page's toast goes to whoever shows the view's toasts (the window) */
static gboolean
page_add_toast_cb (ZhiPage *page, AdwToast *toast, ZhiProjectView *self)
{
  gboolean shown = FALSE;

  g_signal_emit (self, signals[ADD_TOAST], 0, toast, &shown);
  return shown;
}

static void
page_show_step_cb (ZhiPage *page, const char *step, const char *focus, ZhiProjectView *self)
{
  zhi_project_view_show_step (self, step, focus);
}

static void
add_page (ZhiProjectView *self, const char *name, const char *title, GtkWidget *page)
{
  gtk_stack_add_titled (self->pages, page, name, title);
  g_signal_connect_object (page, "add-toast", G_CALLBACK (page_add_toast_cb), self, 0);
  g_signal_connect_object (page, "show-step", G_CALLBACK (page_show_step_cb), self, 0);
  zhi_page_set_evaluation (ZHI_PAGE (page), self->evaluation);
  zhi_page_set_project (ZHI_PAGE (page), self->project);
}

static void
clear_pages (ZhiProjectView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages))) != NULL)
    {
      zhi_page_set_project (ZHI_PAGE (child), NULL);
      zhi_page_set_evaluation (ZHI_PAGE (child), NULL);
      gtk_stack_remove (self->pages, child);
    }
}

/* Lets go of the project and its evaluation: their handlers, and the pages built for them
 * (there are none without a project). */
static void
release_project (ZhiProjectView *self)
{
  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      clear_pages (self);
    }
  if (self->evaluation != NULL)
    g_signal_handlers_disconnect_by_data (self->evaluation, self);
  g_clear_object (&self->evaluation);
  g_clear_object (&self->project);
}

/* Builds the sidebar and pages for the project's track: the criteria differ per track. */
static void
rebuild (ZhiProjectView *self)
{
  g_autoptr (GError) error = NULL;
  const char *track;

  clear_pages (self);
  g_clear_object (&self->standard);
  if (self->project == NULL)
    return;

  track = zhi_project_get_track (self->project);
  if (track != NULL && *track != '\0')
    {
      /* the edition the project is drafted against; when it is not installed (the project
       * then opens read-only) the built-in edition still shows its data */
      self->standard = zhi_editions_for_project (self->project, NULL);
      if (self->standard == NULL)
        self->standard = zhi_standard_load_builtin (track, &error);
      if (self->standard == NULL)
        g_warning ("standard for %s: %s", track, error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (zhi_steps); i++)
    {
      const ZhiStepInfo *info = &zhi_steps[i];

      if (g_str_equal (info->name, "criteria"))
        {
          GPtrArray *criteria;

          if (self->standard == NULL || zhi_criterion_page_type () == G_TYPE_INVALID)
            continue;
          gtk_list_box_append (self->steps_list,
                               step_row_new ("criteria", _ (info->title), info->icon, FALSE));
          criteria = zhi_standard_get_criteria (self->standard);
          for (guint c = 0; c < criteria->len; c++)
            {
              const ZhiCriterion *criterion = g_ptr_array_index (criteria, c);
              g_autofree char *name = g_strconcat ("criterion:", criterion->id, NULL);
              g_autofree char *title = zhi_names_criterion (criterion, ZHI_NAMES_USER);

              gtk_list_box_append (self->steps_list, step_row_new (name, title, NULL, TRUE));
            }
          continue;
        }
      gtk_list_box_append (self->steps_list,
                           step_row_new (info->name, _ (info->title), info->icon, FALSE));
    }
}

/* A step's page is built the first time it is wanted (shown, or asked for): opening a
 * project builds only the sidebar, whose badges come from the evaluation. */
static GtkWidget *
ensure_page (ZhiProjectView *self, const char *step)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->pages, step);
  GtkWidget *row = NULL;

  if (page != NULL || self->project == NULL || g_str_equal (step, "criteria"))
    return page;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       child != NULL && row == NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "zhi-step"), step) == 0)
      row = child;
  if (row == NULL)
    return NULL;
  if (g_str_has_prefix (step, "criterion:"))
    page = g_object_new (zhi_criterion_page_type (), "criterion-id", step + strlen ("criterion:"),
                         NULL);
  else
    for (guint i = 0; i < G_N_ELEMENTS (zhi_steps) && page == NULL; i++)
      if (g_str_equal (zhi_steps[i].name, step) && zhi_steps[i].get_type != NULL)
        page = g_object_new (zhi_steps[i].get_type (), NULL);
  if (page == NULL)
    return NULL;
  add_page (self, step, g_object_get_data (G_OBJECT (row), "zhi-title"), page);
  return page;
}

static void
update_title (ZhiProjectView *self)
{
  const char *name = self->project != NULL ? zhi_project_get_name (self->project) : "";
  g_autofree char *subtitle = NULL;

  if (self->project == NULL)
    return;
  subtitle = g_strdup_printf ("%s · %s", *name != '\0' ? name : _ ("Enterprise not named yet"),
                              track_title (zhi_project_get_track (self->project)));
  if (zhi_project_get_example (self->project))
    {
      char *marked = g_strdup_printf ("%s · %s", _ ("Example (fictitious enterprise)"), subtitle);

      g_free (subtitle);
      subtitle = marked;
    }
  adw_window_title_set_subtitle (self->content_title, subtitle);
}

static void
update_read_only (ZhiProjectView *self)
{
  const char *text = NULL;
  g_autofree char *edition_text = NULL;

  if (self->project != NULL)
    switch (zhi_project_get_access (self->project))
      {
        case ZHI_PROJECT_READ_ONLY_FILE:
          text = _ ("This file is read-only: your changes are kept in this window only. Use "
                    "“Save As” to keep them.");
          break;
        case ZHI_PROJECT_READ_ONLY_FOLDER:
          text = _ ("The folder of this file cannot be written: your changes are kept in this "
                    "window only. Use “Save As” to keep them.");
          break;
        case ZHI_PROJECT_READ_ONLY_LOCKED:
          text = _ ("This application is open in another window or program, so it opened "
                    "read-only here. Use “Save As” to keep a copy of your changes.");
          break;
        case ZHI_PROJECT_READ_ONLY_EDITION:
          if (zhi_editions_project_edition_missing (self->project, NULL))
            text = edition_text = g_strdup_printf (
                /* TRANSLATORS: id@edition of the standard; the place in Preferences */
                _ ("This application was drafted against the standard’s edition %s@%s, which is "
                   "not installed, so it opened read-only: its data can be read and exported. "
                   "Install that edition in Preferences › Standards, then open the application "
                   "again."),
                zhi_project_get_track (self->project),
                zhi_project_get_standard_edition (self->project));
          else
            text = _ ("The standard's edition of this application was not installed when it "
                      "opened, so it opened read-only. Open it again to edit it.");
          break;
        case ZHI_PROJECT_READ_ONLY_REQUESTED:
          text = _ ("This application was opened for reading only: your changes are kept in "
                    "this window only. Use “Save As” to keep them.");
          break;
        case ZHI_PROJECT_WRITABLE:
        default:
          break;
      }
  if (text != NULL)
    gtk_label_set_text (self->read_only_label, text);
  gtk_revealer_set_reveal_child (self->read_only_revealer, text != NULL);
}

/* The project has a track whose standard did not load: its recorded edition is not installed */
static gboolean
edition_missing (ZhiProjectView *self)
{
  const char *track = zhi_project_get_track (self->project);
  const char *edition = zhi_project_get_standard_edition (self->project);

  return track != NULL && *track != '\0' && edition != NULL && *edition != '\0'
         && zhi_evaluation_get_standard (self->evaluation) == NULL;
}

/* ---- moving onto a newer edition ---------------------------------------------------------- */

/* offers the user set aside this session: "<project>\n<id>@<edition>" */
static GHashTable *dismissed_offers;

static char *
offer_key (ZhiProject *project, ZhiStandard *offer)
{
  GFile *file = zhi_project_get_file (project);
  g_autofree char *where = file != NULL ? g_file_get_uri (file) : g_strdup_printf ("%p", project);

  return g_strdup_printf ("%s\n%s@%s", where, zhi_standard_get_id (offer),
                          zhi_standard_get_edition (offer));
}

/* When the folder of installed editions last changed (an install or removal), or 0 */
static gint64
installed_stamp (void)
{
  g_autofree char *dir = zhi_editions_installed_dir ();
  GStatBuf buf;

  if (g_stat (dir, &buf) != 0)
    return 0;
  return (gint64)buf.st_mtime * G_USEC_PER_SEC + buf.st_mtim.tv_nsec / 1000;
}

static void
update_offer (ZhiProjectView *self)
{
  g_autoptr (ZhiStandard) newer = NULL;

  self->offer_stamp = installed_stamp ();
  g_clear_object (&self->offer);
  /* a read-only project is never offered the move */
  if (self->project != NULL && self->standard != NULL && !zhi_project_is_read_only (self->project))
    newer = zhi_editions_newer_for_project (self->project);
  if (newer != NULL)
    {
      g_autofree char *key = offer_key (self->project, newer);

      if (dismissed_offers == NULL || !g_hash_table_contains (dismissed_offers, key))
        self->offer = g_steal_pointer (&newer);
    }
  if (self->offer != NULL)
    {
      g_autofree char *text = g_strdup_printf (
          /* TRANSLATORS: the track's standard, the newer edition, the project's edition */
          _ ("The standard “%s” has a newer edition installed, %s; this application is "
             "drafted against edition %s."),
          zhi_text_get (zhi_standard_get_track (self->offer)),
          zhi_standard_get_edition (self->offer), zhi_standard_get_edition (self->standard));

      gtk_label_set_text (self->offer_label, text);
    }
  gtk_revealer_set_reveal_child (self->offer_revealer, self->offer != NULL);
}

static void
offer_dismiss_clicked_cb (ZhiProjectView *self)
{
  if (self->offer == NULL)
    return;
  if (dismissed_offers == NULL)
    dismissed_offers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (dismissed_offers, offer_key (self->project, self->offer));
  update_offer (self);
}

typedef struct
{
  GWeakRef view;
  ZhiProject *project;
  ZhiMigrationUndo *undo;
  gboolean done;
} MoveUndo;

static void
move_undo_free (gpointer data, GClosure *closure)
{
  MoveUndo *m = data;

  g_weak_ref_clear (&m->view);
  g_clear_object (&m->project);
  g_clear_pointer (&m->undo, zhi_migration_undo_free);
  g_free (m);
}

/* the view's own toasts take the pages' way: ZhiProjectView::add-toast, which the window
 * connects; takes @toast, which is dropped when nobody shows it (a view on its own) */
static void
add_toast (ZhiProjectView *self, AdwToast *toast)
{
  gboolean shown = FALSE;

  g_signal_emit (self, signals[ADD_TOAST], 0, toast, &shown);
  g_object_unref (toast);
}

static void
undo_move_cb (AdwToast *toast, MoveUndo *m)
{
  g_autoptr (ZhiProjectView) self = g_weak_ref_get (&m->view);
  g_autoptr (GError) error = NULL;

  if (m->done || self == NULL || self->project != m->project)
    return; /* undone already, or the application was closed since */
  m->done = TRUE;
  if (!zhi_migration_undo_restore (m->undo, m->project, &error))
    add_toast (self, adw_toast_new (error->message));
}

static void
move (ZhiProjectView *self, ZhiStandard *from, ZhiStandard *to)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) losses = NULL;
  MoveUndo *m;
  AdwToast *toast;

  if (self->project == NULL || zhi_project_is_read_only (self->project))
    return;
  m = g_new0 (MoveUndo, 1);
  g_weak_ref_init (&m->view, self);
  m->project = g_object_ref (self->project);
  m->undo = zhi_migration_undo_new (self->project, from, to);
  losses = zhi_migration_apply (self->project, from, to, &error);
  if (losses == NULL)
    {
      move_undo_free (m, NULL);
      add_toast (self, adw_toast_new (error->message));
      return;
    }
  /* TRANSLATORS: a toast after the move; %s is the edition (a date) */
  toast = adw_toast_new_format (_ ("Moved onto edition %s"), zhi_standard_get_edition (to));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_move_cb), m, move_undo_free, 0);
  g_set_weak_pointer (&self->undo_toast, toast);
  add_toast (self, toast);
}

static void
move_response_cb (AdwMessageDialog *dialog, const char *response, ZhiProjectView *self)
{
  ZhiStandard *from = g_object_get_data (G_OBJECT (dialog), "zhi-from");
  ZhiStandard *to = g_object_get_data (G_OBJECT (dialog), "zhi-to");

  if (g_str_equal (response, "move")
      && g_object_get_data (G_OBJECT (dialog), "zhi-project") == self->project)
    move (self, from, to);
}

static void
offer_review_clicked_cb (ZhiProjectView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ZhiStandard) from = NULL;
  g_autoptr (GPtrArray) losses = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->offer == NULL || self->project == NULL || zhi_project_is_read_only (self->project))
    return;
  from = zhi_editions_for_project (self->project, &error);
  if (from != NULL)
    losses = zhi_migration_plan (self->project, from, self->offer, &error);
  if (losses == NULL)
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  /* TRANSLATORS: the dialog's heading; %s is the edition (a date) */
  heading = g_strdup_printf (_ ("Move onto Edition %s?"), zhi_standard_get_edition (self->offer));
  if (losses->len == 0)
    body = g_strdup_printf (
        /* TRANSLATORS: the project's edition, the newer one */
        _ ("This application is drafted against edition %s. On edition %s everything carries "
           "over: answers, narratives and evidence links. You can undo the move right after."),
        zhi_standard_get_edition (from), zhi_standard_get_edition (self->offer));
  else
    body = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     /* TRANSLATORS: the project's edition, the newer one, the count */
                     "This application is drafted against edition %s. On edition %s, answers, "
                     "narratives and evidence links carry over where the criteria and indicators "
                     "are the same, but %u thing does not carry over and will be dropped. You can "
                     "undo the move right after.",
                     "This application is drafted against edition %s. On edition %s, answers, "
                     "narratives and evidence links carry over where the criteria and indicators "
                     "are the same, but %u things do not carry over and will be dropped. You can "
                     "undo the move right after.",
                     losses->len),
        zhi_standard_get_edition (from), zhi_standard_get_edition (self->offer), losses->len);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  gtk_widget_set_name (dialog, "edition-move-dialog");
  if (losses->len > 0)
    {
      GString *list = g_string_new (NULL);
      GtkWidget *label;
      GtkWidget *extra;

      for (guint i = 0; i < losses->len; i++)
        {
          const ZhiMigrationLoss *loss = losses->pdata[i];

          g_string_append_printf (list, "%s• %s", i > 0 ? "\n" : "", loss->message);
        }
      label = gtk_label_new (list->str);
      g_string_free (list, TRUE);
      gtk_widget_set_name (label, "edition-move-losses");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("What does not carry over"), -1);
      extra = label;
      /* a long list scrolls; a short one is shown whole */
      if (losses->len > 6)
        {
          extra = gtk_scrolled_window_new ();
          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (extra), GTK_POLICY_NEVER,
                                          GTK_POLICY_AUTOMATIC);
          gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (extra), 240);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (extra), label);
        }
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
    }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "move",
                                    _ ("_Move"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              losses->len > 0 ? ADW_RESPONSE_DESTRUCTIVE
                                                              : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "zhi-from", g_steal_pointer (&from), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "zhi-to", g_object_ref (self->offer), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "zhi-project", self->project);
  g_signal_connect_object (dialog, "response", G_CALLBACK (move_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* an edition installed in Preferences meanwhile is offered when the window is back */
static void
root_active_cb (GtkWindow *root, GParamSpec *pspec, ZhiProjectView *self)
{
  /* only when an edition was installed or removed since: reading them costs a moment */
  if (gtk_window_is_active (root) && installed_stamp () != self->offer_stamp)
    update_offer (self);
}

/* The sidebar's marks and the live score, from the evaluation. */
static void
evaluation_updated_cb (ZhiProjectView *self)
{
  ZhiScore *score = zhi_evaluation_get_score (self->evaluation);
  ZhiEligibility *eligibility = zhi_evaluation_get_eligibility (self->evaluation);

  gtk_label_set_max_width_chars (self->score_label, -1);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *step = g_object_get_data (G_OBJECT (row), "zhi-step");
      GtkWidget *badge = g_object_get_data (G_OBJECT (row), "zhi-badge");
      guint n;
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      if (g_str_equal (step, "guide") || g_str_equal (step, "score")
          || g_str_equal (step, "dossier"))
        continue;
      n = zhi_evaluation_count_problems (self->evaluation, step, FALSE);
      if (n > 0)
        {
          text = g_strdup_printf ("%u", n);
          /* Translators: the accessible description of a step's badge */
          label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thing needs attention",
                                                "%u things need attention", n),
                                   n);
          gtk_widget_remove_css_class (badge, "done");
        }
      else
        {
          text = g_strdup ("✓");
          label = g_strdup (_ ("Complete"));
          gtk_widget_add_css_class (badge, "done");
        }
      gtk_label_set_text (GTK_LABEL (badge), text);
      gtk_widget_set_tooltip_text (badge, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      label, -1);
      gtk_widget_set_visible (badge, TRUE);
    }

  if (score != NULL)
    {
      g_autofree char *claimed = zhi_scoring_format_points (score->total_claimed);
      g_autofree char *evidenced = zhi_scoring_format_points (score->total_evidenced);
      g_autofree char *text = g_strdup_printf (_ ("Claimed %s · evidenced %s"), claimed, evidenced);

      gtk_label_set_text (self->score_label, text);
      gtk_level_bar_set_value (self->score_bar, CLAMP (score->total_evidenced, 0, 100));
      {
        /* A screen reader hears the score and verdict, not only where the button leads. */
        g_autofree char *spoken
            = g_strdup_printf ("%s; %s", text, zhi_verdict_to_label (eligibility->verdict));

        gtk_accessible_update_property (
            GTK_ACCESSIBLE (self->score_button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
            GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _ ("Show the score preview"), -1);
      }
    }
  else if (edition_missing (self))
    {
      g_autofree char *text = g_strdup_printf (
          /* TRANSLATORS: the sidebar's score line; id@edition of the standard */
          _ ("No score: edition %s@%s is not installed"), zhi_project_get_track (self->project),
          zhi_project_get_standard_edition (self->project));

      gtk_label_set_text (self->score_label, text);
      /* wrapped within the sidebar's width rather than widening it */
      gtk_label_set_max_width_chars (self->score_label, 24);
      gtk_level_bar_set_value (self->score_bar, 0);
      gtk_accessible_update_property (
          GTK_ACCESSIBLE (self->score_button), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _ ("Show the score preview"), -1);
    }
  else
    {
      gtk_label_set_text (self->score_label, _ ("No score until the track is chosen"));
      gtk_level_bar_set_value (self->score_bar, 0);
    }
  gtk_label_set_text (self->verdict_label, zhi_verdict_to_label (eligibility->verdict));
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label),
                            eligibility->verdict == ZHI_VERDICT_ELIGIBLE     ? "success"
                            : eligibility->verdict == ZHI_VERDICT_INCOMPLETE ? "warning"
                                                                             : "error");
}

static void
project_changed_cb (ZhiProject *project, const char *what, ZhiProjectView *self)
{
  if (g_strcmp0 (what, "track") == 0 || g_strcmp0 (what, "standard-edition") == 0)
    {
      g_autofree char *step = g_strdup (self->step);

      /* another track or edition: other criteria (a criterion kept by a new edition stays) */
      rebuild (self);
      evaluation_updated_cb (self);
      if (step == NULL || !zhi_project_view_show_step (self, step, NULL))
        zhi_project_view_show_step (self, "enterprise", NULL);
      update_offer (self);
    }
  if (g_strcmp0 (what, "track") == 0 || g_strcmp0 (what, "name") == 0
      || g_strcmp0 (what, "example") == 0)
    update_title (self);
}

static void
step_activated_cb (GtkListBox *list, GtkListBoxRow *row, ZhiProjectView *self)
{
  const char *step = g_object_get_data (G_OBJECT (row), "zhi-step");

  if (g_str_equal (step, "criteria"))
    {
      /* The heading row opens the first criterion. */
      GtkListBoxRow *next
          = gtk_list_box_get_row_at_index (list, gtk_list_box_row_get_index (row) + 1);

      if (next == NULL)
        return;
      step = g_object_get_data (G_OBJECT (next), "zhi-step");
    }
  zhi_project_view_show_step (self, step, NULL);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (GtkButton *button, ZhiProjectView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_step_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ZhiProjectView *self = ZHI_PROJECT_VIEW (widget);
  const char *target = g_variant_get_string (param, NULL);
  g_auto (GStrv) parts = g_strsplit (target, "#", 2);

  /* "step" or "step#field" */
  zhi_project_view_show_step (self, parts[0], parts[1]);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
zhi_project_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ZhiProjectView *self = ZHI_PROJECT_VIEW (object);

  switch (prop_id)
    {
      case PROP_PROJECT:
        g_value_set_object (value, self->project);
        break;
      case PROP_STEP:
        g_value_set_string (value, self->step);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_project_view_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  ZhiProjectView *self = ZHI_PROJECT_VIEW (object);

  switch (prop_id)
    {
      case PROP_PROJECT:
        zhi_project_view_set_project (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zhi_project_view_dispose (GObject *object)
{
  ZhiProjectView *self = ZHI_PROJECT_VIEW (object);

  release_project (self);
  g_clear_object (&self->standard);
  g_clear_object (&self->offer);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_pointer (&self->step, g_free);
  /* AdwBin unparents its child (the leaflet) itself. */
  G_OBJECT_CLASS (zhi_project_view_parent_class)->dispose (object);
}

static void
zhi_project_view_map (GtkWidget *widget)
{
  ZhiProjectView *self = ZHI_PROJECT_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (zhi_project_view_parent_class)->map (widget);
  if (GTK_IS_WINDOW (root) && self->active_root == NULL)
    {
      self->active_root = GTK_WIDGET (root);
      g_object_add_weak_pointer (G_OBJECT (root), (gpointer *)&self->active_root);
      g_signal_connect_object (root, "notify::is-active", G_CALLBACK (root_active_cb), self, 0);
    }
}

static void
zhi_project_view_unmap (GtkWidget *widget)
{
  ZhiProjectView *self = ZHI_PROJECT_VIEW (widget);

  if (self->active_root != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->active_root, root_active_cb, self);
      g_object_remove_weak_pointer (G_OBJECT (self->active_root), (gpointer *)&self->active_root);
      self->active_root = NULL;
    }
  GTK_WIDGET_CLASS (zhi_project_view_parent_class)->unmap (widget);
}

static void
zhi_project_view_class_init (ZhiProjectViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zhi_project_view_dispose;
  object_class->get_property = zhi_project_view_get_property;
  object_class->set_property = zhi_project_view_set_property;
  widget_class->map = zhi_project_view_map;
  widget_class->unmap = zhi_project_view_unmap;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, ZHI_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP]
      = g_param_spec_string ("step", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ZhiProjectView::add-toast:
   * @toast: (transfer none): a page's toast, or the view's own (an edition move and its undo)
   *
   * Returns: TRUE when the toast is shown (the handler took a reference)
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN,
                                     1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/zhizao/Zhizao/ui/zhi-project-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, pages);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, content_title);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, score_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, score_bar);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, score_button);
  gtk_widget_class_bind_template_callback (widget_class, step_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, offer_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZhiProjectView, offer_label);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, offer_review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, offer_dismiss_clicked_cb);

  gtk_widget_class_install_action (widget_class, "view.show-step", "s", show_step_action);
}

static void
zhi_project_view_init (ZhiProjectView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ZhiEvaluation *
zhi_project_view_get_evaluation (ZhiProjectView *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), NULL);
  return self->evaluation;
}

ZhiProject *
zhi_project_view_get_project (ZhiProjectView *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), NULL);
  return self->project;
}

void
zhi_project_view_set_project (ZhiProjectView *self, ZhiProject *project)
{
  g_return_if_fail (ZHI_IS_PROJECT_VIEW (self));
  g_return_if_fail (project == NULL || ZHI_IS_PROJECT (project));

  if (self->project == project)
    return;
  release_project (self);
  if (project != NULL)
    {
      self->project = g_object_ref (project);
      self->evaluation = zhi_evaluation_new (project);
      g_signal_connect_object (self->evaluation, "updated", G_CALLBACK (evaluation_updated_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self, 0);
      g_signal_connect_object (project, "notify::access", G_CALLBACK (update_read_only), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "notify::access", G_CALLBACK (update_offer), self,
                               G_CONNECT_SWAPPED);
    }
  rebuild (self);
  if (self->evaluation != NULL)
    evaluation_updated_cb (self);
  update_title (self);
  update_read_only (self);
  update_offer (self);
  if (!zhi_project_view_show_step (self, "enterprise", NULL))
    {
      GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));

      if (first != NULL)
        zhi_project_view_show_step (self, g_object_get_data (G_OBJECT (first), "zhi-step"), NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

gboolean
zhi_project_view_show_step (ZhiProjectView *self, const char *step, const char *focus)
{
  GtkWidget *page;

  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  page = ensure_page (self, step);
  if (page == NULL)
    return FALSE;
  gtk_stack_set_visible_child (self->pages, page);
  adw_window_title_set_title (self->content_title,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->pages, page)));
  /* The criteria unfold under 自评 while one of them is shown: the other steps stay in
   * view without scrolling the sidebar. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *row_step = g_object_get_data (G_OBJECT (row), "zhi-step");

      if (g_str_has_prefix (row_step, "criterion:"))
        gtk_widget_set_visible (row, g_str_has_prefix (step, "criterion:"));
      if (g_str_equal (row_step, step))
        gtk_list_box_select_row (self->steps_list, GTK_LIST_BOX_ROW (row));
    }
  if (focus != NULL)
    zhi_page_focus_field (ZHI_PAGE (page), focus);
  if (g_strcmp0 (self->step, step) != 0)
    {
      g_free (self->step);
      self->step = g_strdup (step);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
    }
  return TRUE;
}

const char *
zhi_project_view_get_step (ZhiProjectView *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), NULL);
  return self->step;
}

GtkWidget *
zhi_project_view_get_page (ZhiProjectView *self, const char *step)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), NULL);
  return ensure_page (self, step);
}

GStrv
zhi_project_view_list_steps (ZhiProjectView *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *step = g_object_get_data (G_OBJECT (row), "zhi-step");

      if (!g_str_equal (step, "criteria"))
        g_strv_builder_add (builder, step);
    }
  return g_strv_builder_end (builder);
}

/* Whether the sidebar shows the row of @step (the criteria fold away outside 自评). */
gboolean
zhi_project_view_is_step_listed (ZhiProjectView *self, const char *step)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), FALSE);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "zhi-step"), step) == 0)
      return gtk_widget_get_visible (row);
  return FALSE;
}

const char *
zhi_project_view_get_badge_text (ZhiProjectView *self, const char *step)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *badge = g_object_get_data (G_OBJECT (row), "zhi-badge");

      if (badge != NULL && gtk_widget_get_visible (badge)
          && g_strcmp0 (g_object_get_data (G_OBJECT (row), "zhi-step"), step) == 0)
        return gtk_label_get_text (GTK_LABEL (badge));
    }
  return NULL;
}

const char *
zhi_project_view_get_offered_edition (ZhiProjectView *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), NULL);
  return self->offer != NULL ? zhi_standard_get_edition (self->offer) : NULL;
}

gboolean
zhi_project_view_undo_move (ZhiProjectView *self)
{
  g_return_val_if_fail (ZHI_IS_PROJECT_VIEW (self), FALSE);
  return zhi_undo_toast_press (self->undo_toast);
}
