/* zx-courses-page.c — strategy micro-courses: the list, completing and
 * rating them, and HR's statistics
 *
 * The list shows every course with the learner's own state (done and
 * rated, due, overdue, to do); a row opens the course's form, its buttons
 * open the material with the system's handler and mark the course
 * completed with a rating.  The statistics are completion and satisfaction
 * by course or by department (zx-empowerment.h, drawn by ZxCourseChart)
 * and who has not finished a course meant for them, overdue first.
 * Any change to the tables they read recomputes them once, when idle.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-courses-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-course-chart.h"
#include "zx-course-editor.h"
#include "zx-courses-page.h"
#include "zx-empowerment.h"
#include "zx-empowerment-roles.h"
#include "zx-form.h"
#include "zx-people-labels.h"
#include "zx-window.h"

/* One row of the "not finished" list ------------------------------------------ */

#define ZX_TYPE_PENDING_ITEM (zx_pending_item_get_type ())
G_DECLARE_FINAL_TYPE (ZxPendingItem, zx_pending_item, ZX, PENDING_ITEM, GObject)

struct _ZxPendingItem
{
  GObject          parent_instance;
  ZxPendingCourse *pending;
};

G_DEFINE_FINAL_TYPE (ZxPendingItem, zx_pending_item, G_TYPE_OBJECT)

static void
zx_pending_item_finalize (GObject *object)
{
  zx_pending_course_free (ZX_PENDING_ITEM (object)->pending);
  G_OBJECT_CLASS (zx_pending_item_parent_class)->finalize (object);
}

static void
zx_pending_item_class_init (ZxPendingItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_pending_item_finalize;
}

static void
zx_pending_item_init (ZxPendingItem *self)
{
}

/* The page ------------------------------------------------------------------------ */

struct _ZxCoursesPage
{
  AdwBin          parent_instance;

  ZxContext      *context;
  ZxStore        *store;
  guint           refresh_id;
  gboolean        updating;
  gboolean        choices_dirty;

  ZxRefChoices    people;
  ZxRefChoices    pillars;
  ZxRefChoices    departments;
  ZxRefChoices    courses;
  char           *person_id;
  char           *person_scope;  /* the scope of the learner's enrolments */
  GListStore     *pending;

  GtkSearchEntry *search_entry;
  GtkDropDown    *pillar_filter;
  GtkLabel       *person_label;
  GtkDropDown    *person_dropdown;
  GtkButton      *add_button;
  GtkStack       *inner_stack;
  GtkStack       *list_stack;
  GtkListBox     *course_list;
  AdwStatusPage  *empty_page;
  GtkDropDown    *group_dropdown;
  GtkDropDown    *department_filter;
  GtkDropDown    *course_filter;
  GtkLabel       *legend_label;
  ZxCourseChart  *chart;
  GtkLabel       *pending_heading;
  GtkLabel       *pending_count;
  GtkColumnView  *pending_view;
};

G_DEFINE_FINAL_TYPE (ZxCoursesPage, zx_courses_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (ZxCoursesPage *self);

static char *
today (ZxCoursesPage *self)
{
  char *now = zx_store_now (self->store);

  if (strlen (now) > 10)
    now[10] = '\0';
  return now;
}

static void
present (ZxCoursesPage *self,
         GtkWidget     *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

/* Drop-downs of choices, keeping what was chosen ---------------------------------- */

static void
load_choices (ZxCoursesPage *self,
              GtkDropDown   *dropdown,
              ZxRefChoices  *choices,
              const char    *entity,
              const char    *none_label)
{
  const char *old = zx_ref_choices_id (choices, gtk_drop_down_get_selected (dropdown));
  g_autofree char *keep = g_strdup (old);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  guint position;

  zx_ref_choices_clear (choices);
  zx_ref_choices_load (choices, self->store, entity, NULL, NULL, none_label);
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (choices->labels));
  position = zx_ref_choices_find (choices, keep);
  gtk_drop_down_set_selected (dropdown, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
load_all_choices (ZxCoursesPage *self)
{
  guint position;

  self->updating = TRUE;
  load_choices (self, self->pillar_filter, &self->pillars, "pillar", _("All pillars"));
  load_choices (self, self->department_filter, &self->departments, "department", _("All departments"));
  load_choices (self, self->course_filter, &self->courses, "course", _("All courses"));
  load_choices (self, self->person_dropdown, &self->people, "staff", NULL);

  position = zx_ref_choices_find (&self->people, self->person_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      GSettings *settings = zx_context_get_settings (self->context);
      g_autofree char *account = settings ? g_settings_get_string (settings, "account-staff") : NULL;

      position = zx_ref_choices_find (&self->people, account);
      if (position == GTK_INVALID_LIST_POSITION)
        position = 0;
    }
  gtk_drop_down_set_selected (self->person_dropdown, position);
  g_free (self->person_id);
  self->person_id = g_strdup (zx_ref_choices_id (&self->people, position));
  self->updating = FALSE;
}

/* The course list ----------------------------------------------------------------- */

static void open_material (ZxCoursesPage *self, const char *material);

static gboolean
is_openable (const char *material)
{
  return material != NULL && (strstr (material, "://") != NULL || g_path_is_absolute (material));
}

static char *
stars (int rating)
{
  GString *s = g_string_new (NULL);

  for (int i = 1; i <= 5; i++)
    g_string_append (s, i <= rating ? "★" : "☆");
  return g_string_free (s, FALSE);
}

/* Where the learner stands with @course, and a style class for it */
static char *
status_text (ZxCoursesPage *self,
             ZxRecord      *course,
             const char   **style)
{
  g_autoptr(ZxRecord) enrolment = NULL;
  g_autofree char *now = today (self);
  const char *due;

  *style = "dim-label";
  if (self->person_id == NULL)
    return NULL;
  enrolment = zx_empowerment_find_enrolment (self->store, zx_record_get_id (course), self->person_id);
  if (enrolment != NULL && !zx_record_is_null (enrolment, "completed_at"))
    {
      *style = "success";
      if (!zx_record_is_null (enrolment, "rating"))
        {
          g_autofree char *s = stars (zx_record_get_int (enrolment, "rating"));

          /* Translators: a course's state: completed, and the stars it was given */
          return g_strdup_printf (_("Completed %s"), s);
        }
      return g_strdup (_("Completed"));
    }
  due = enrolment != NULL ? zx_record_get_string (enrolment, "due_date") : NULL;
  if (due != NULL && g_strcmp0 (due, now) < 0)
    {
      *style = "error";
      /* Translators: a course not finished by its due date, %s */
      return g_strdup_printf (_("Overdue since %s"), due);
    }
  if (due != NULL)
    {
      *style = "warning";
      /* Translators: %s is a date */
      return g_strdup_printf (_("Due %s"), due);
    }
  if (zx_empowerment_course_is_for (self->store, zx_record_get_id (course), self->person_id))
    return g_strdup (_("To do"));
  return g_strdup (_("Optional"));
}

static char *
audience_text (ZxCoursesPage *self,
               ZxRecord      *course)
{
  const char *params[] = { zx_record_get_id (course), NULL };
  g_autoptr(GListStore) rows = zx_store_list (self->store, "course_audience", "course_id = ?", params);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) a = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const char *department = zx_record_get_string (a, "department_id");
      const char *role = zx_record_get_string (a, "role");
      g_autofree char *department_name = department ? zx_store_get_display (self->store, "department", department) : NULL;

      if (department == NULL && role == NULL)
        return g_strdup (_("Whole hospital"));
      if (department_name != NULL && role != NULL)
        g_ptr_array_add (names, g_strdup_printf ("%s %s", department_name, zx_role_label (role)));
      else if (department_name != NULL)
        g_ptr_array_add (names, g_steal_pointer (&department_name));
      else
        g_ptr_array_add (names, g_strdup (zx_role_label (role)));
    }
  if (names->len == 0)
    return g_strdup (_("Those assigned"));
  g_ptr_array_add (names, NULL);
  /* Translators: the separator of a list of names */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

static void
material_clicked_cb (GtkButton     *button,
                     ZxCoursesPage *self)
{
  open_material (self, g_object_get_data (G_OBJECT (button), "zx-material"));
}

static void
complete_clicked_cb (GtkButton     *button,
                     ZxCoursesPage *self)
{
  zx_courses_page_mark_completed (self, g_object_get_data (G_OBJECT (button), "zx-course"));
}

static gboolean
matches (ZxCoursesPage *self,
         ZxRecord      *course)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *pillar = zx_ref_choices_id (&self->pillars, gtk_drop_down_get_selected (self->pillar_filter));
  static const char * const searched[] = { "title", "summary", "series" };
  g_autofree char *needle = NULL;

  if (pillar != NULL && g_strcmp0 (zx_record_get_string (course, "pillar_id"), pillar) != 0)
    return FALSE;
  if (search == NULL || *search == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  for (guint i = 0; i < G_N_ELEMENTS (searched); i++)
    {
      const char *text = zx_record_get_string (course, searched[i]);
      g_autofree char *folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;

      if (folded != NULL && strstr (folded, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
course_row (ZxCoursesPage *self,
            ZxRecord      *course)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *status, *button;
  const char *style = NULL;
  const char *material = zx_record_get_string (course, "material");
  const char *pillar_id = zx_record_get_string (course, "pillar_id");
  g_autofree char *pillar = pillar_id ? zx_store_get_display (self->store, "pillar", pillar_id) : NULL;
  g_autofree char *audience = audience_text (self, course);
  g_autofree char *state = status_text (self, course, &style);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *minutes = NULL;

  if (pillar != NULL)
    g_string_append_printf (subtitle, "%s · ", pillar);
  if (zx_record_get_int (course, "duration_min") > 0)
    {
      /* Translators: a course's duration */
      minutes = g_strdup_printf (ngettext ("%d minute", "%d minutes", zx_record_get_int (course, "duration_min")),
                                 (int) zx_record_get_int (course, "duration_min"));
      g_string_append_printf (subtitle, "%s · ", minutes);
    }
  /* Translators: who a course is for, e.g. "For: Whole hospital" */
  g_string_append_printf (subtitle, _("For: %s"), audience);
  if (material != NULL && !is_openable (material))
    g_string_append_printf (subtitle, " · %s", material);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zx_record_get_string (course, "title"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, zx_record_get_string (course, "summary"));
  g_object_set_data_full (G_OBJECT (row), "zx-course", g_object_ref (course), g_object_unref);

  if (state != NULL)
    {
      status = gtk_label_new (state);
      gtk_widget_add_css_class (status, style);
      gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), status);
    }
  if (is_openable (material))
    {
      button = gtk_button_new_from_icon_name ("document-open-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Open the Material"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open the Material"), -1);
      g_object_set_data_full (G_OBJECT (button), "zx-material", g_strdup (material), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (material_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  button = gtk_button_new_with_mnemonic (style != NULL && g_str_equal (style, "success") ? _("Change _Rating…")
                                                                                       : _("Mark _Completed…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  {
    /* HR and the department's head for anyone of theirs; the learner for themselves */
    g_autofree char *refusal = zx_empowerment_write_refusal_owned (self->context, "enrolment", self->person_scope,
                                                                   self->person_id);

    zx_empowerment_apply (button, refusal, _("Record that the learner finished this course, with a rating"));
  }
  if (self->person_id == NULL)
    gtk_widget_set_sensitive (button, FALSE);
  g_object_set_data_full (G_OBJECT (button), "zx-course", g_strdup (zx_record_get_id (course)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (complete_clicked_cb), self);
  gtk_widget_set_name (button, "complete-button");
  gtk_box_append (GTK_BOX (box), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static void
refresh_list (ZxCoursesPage *self)
{
  g_autoptr(GListStore) courses = zx_store_list (self->store, "course", NULL, NULL);
  GtkWidget *child;
  guint shown = 0;

  g_clear_pointer (&self->person_scope, g_free);
  if (self->person_id != NULL)
    {
      g_autoptr(JsonObject) person = zx_store_get (self->store, "staff", self->person_id, NULL);

      if (person != NULL)
        self->person_scope = g_strdup (json_object_get_string_member_with_default (person, ZX_COLUMN_SCOPE, NULL));
    }
  zx_empowerment_allow (GTK_WIDGET (self->add_button), self->context, "course", NULL, _("Add a course (HR)"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->course_list))) != NULL)
    gtk_list_box_remove (self->course_list, child);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (courses)); i++)
    {
      g_autoptr(ZxRecord) course = g_list_model_get_item (G_LIST_MODEL (courses), i);

      if (!matches (self, course))
        continue;
      gtk_list_box_append (self->course_list, course_row (self, course));
      shown++;
    }
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
}

/* Statistics ------------------------------------------------------------------------ */

static void
refresh_stats (ZxCoursesPage *self)
{
  const char *department = zx_ref_choices_id (&self->departments, gtk_drop_down_get_selected (self->department_filter));
  const char *course = zx_ref_choices_id (&self->courses, gtk_drop_down_get_selected (self->course_filter));
  gboolean by_department = gtk_drop_down_get_selected (self->group_dropdown) == 1;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *now = today (self);
  g_autofree char *count = NULL;
  guint overdue = 0;

  /* By course within one department, or by department for one course */
  if (by_department)
    stats = zx_empowerment_stats_by_department (self->store, course);
  else
    stats = zx_empowerment_stats_by_course (self->store, department);
  zx_course_chart_set_stats (self->chart, stats);

  pending = zx_empowerment_not_finished (self->store, now, department, course);
  g_list_store_remove_all (self->pending);
  for (guint i = 0; i < pending->len; i++)
    {
      ZxPendingItem *item = g_object_new (ZX_TYPE_PENDING_ITEM, NULL);

      item->pending = g_steal_pointer (&pending->pdata[i]);
      overdue += item->pending->overdue;
      g_list_store_append (self->pending, item);
      g_object_unref (item);
    }
  /* Translators: the number of unfinished courses, then how many are overdue */
  count = g_strdup_printf (ngettext ("%u not finished, %u overdue", "%u not finished, %u overdue",
                                     g_list_model_get_n_items (G_LIST_MODEL (self->pending))),
                           g_list_model_get_n_items (G_LIST_MODEL (self->pending)), overdue);
  gtk_label_set_label (self->pending_count, count);
}

static void
refresh (ZxCoursesPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;
  if (self->choices_dirty)
    load_all_choices (self);
  self->choices_dirty = FALSE;
  refresh_list (self);
  refresh_stats (self);
}

void
zx_courses_page_refresh (ZxCoursesPage *self)
{
  g_return_if_fail (ZX_IS_COURSES_PAGE (self));
  refresh (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  ZxCoursesPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ZxCoursesPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

static void
store_changed_cb (ZxCoursesPage *self,
                  const char    *entity,
                  const char    *id)
{
  static const char * const watched[] = {
    "course", "course_audience", "course_skill", "enrolment", "staff", "department", "pillar", NULL
  };
  static const char * const choices[] = { "course", "staff", "department", "pillar", NULL };

  if (entity == NULL || g_strv_contains (watched, entity))
    queue_refresh (self);
  if (entity == NULL || g_strv_contains (choices, entity))
    self->choices_dirty = TRUE;
}

static void
store_reloaded_cb (ZxCoursesPage *self)
{
  self->choices_dirty = TRUE;
  queue_refresh (self);
}

static void
follow_store (ZxCoursesPage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);
    }
  self->choices_dirty = TRUE;
  queue_refresh (self);
}

/* Callbacks -------------------------------------------------------------------------- */

static void
filter_changed_cb (ZxCoursesPage *self)
{
  if (!self->updating && self->store != NULL)
    refresh_list (self);
}

static void
stats_changed_cb (ZxCoursesPage *self)
{
  if (!self->updating && self->store != NULL)
    refresh_stats (self);
}

static void
person_changed_cb (ZxCoursesPage *self)
{
  if (self->updating)
    return;
  g_free (self->person_id);
  self->person_id = g_strdup (zx_ref_choices_id (&self->people, gtk_drop_down_get_selected (self->person_dropdown)));
  if (self->store != NULL)
    refresh_list (self);
}

/* The search, pillar and learner filter the list only: hidden with the statistics */
static void
inner_view_cb (ZxCoursesPage *self)
{
  gboolean list = g_strcmp0 (gtk_stack_get_visible_child_name (self->inner_stack), "courses") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), list);
  gtk_widget_set_visible (GTK_WIDGET (self->pillar_filter), list);
  gtk_widget_set_visible (GTK_WIDGET (self->person_label), list);
  gtk_widget_set_visible (GTK_WIDGET (self->person_dropdown), list);
  gtk_widget_set_hexpand (GTK_WIDGET (self->add_button), !list);
}

static void
course_activated_cb (ZxCoursesPage *self,
                     GtkListBoxRow *row)
{
  ZxRecord *course = g_object_get_data (G_OBJECT (row), "zx-course");

  if (course != NULL)
    present (self, zx_course_editor_new (self->context, course));
}

static void
add_activated (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  ZxCoursesPage *self = ZX_COURSES_PAGE (widget);

  present (self, zx_course_editor_new (self->context, NULL));
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GtkWidget) widget = data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    zx_show_error_dialog (widget, _("Could Not Open the Material"),
                          _("No program on this computer opens it. Ask the IT department to install one, or check the address."));
}

static void
open_material (ZxCoursesPage *self,
               const char    *material)
{
  g_autofree char *uri = NULL;

  if (material == NULL)
    return;
  if (g_path_is_absolute (material))
    {
      g_autoptr(GFile) file = g_file_new_for_path (material);

      uri = g_file_get_uri (file);
    }
  else
    uri = g_strdup (material);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launched_cb, g_object_ref (GTK_WIDGET (self)));
}

/* Marking a course completed ---------------------------------------------------------- */

typedef struct
{
  ZxCoursesPage *self;
  char          *course_id;
  char          *person_id;
  GtkWidget     *stars[5];
  GtkEntry      *comment;
} Completion;

static void
completion_free (gpointer data)
{
  Completion *c = data;

  g_object_unref (c->self);
  g_free (c->course_id);
  g_free (c->person_id);
  g_free (c);
}

static void
completion_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Completion       *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  int rating = 0;

  if (g_strcmp0 (response, "complete") != 0)
    return;
  for (int i = 0; i < 5; i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (c->stars[i])))
      rating = i + 1;
  id = zx_empowerment_complete (c->self->store, c->course_id, c->person_id, rating,
                                gtk_editable_get_text (GTK_EDITABLE (c->comment)), &error);
  if (id == NULL)
    {
      zx_show_error_dialog (GTK_WIDGET (c->self), _("Could Not Mark the Course Completed"), error->message);
      return;
    }
  title = zx_store_get_display (c->self->store, "course", c->course_id);
  /* Translators: a toast; %s is a course's title */
  message = g_strdup_printf (_("“%s” marked completed"), title ? title : "");
  zx_widget_show_message (GTK_WIDGET (c->self), message);
  refresh (c->self);
}

GtkWidget *
zx_courses_page_mark_completed (ZxCoursesPage *self,
                                const char    *course_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = NULL;
  g_autofree char *person = NULL;
  g_autofree char *body = NULL;
  g_autoptr(ZxRecord) enrolment = NULL;
  GtkWidget *dialog, *box, *row, *label;
  Completion *c;
  int rating = 0;

  g_return_val_if_fail (ZX_IS_COURSES_PAGE (self), NULL);

  if (self->person_id == NULL || course_id == NULL)
    return NULL;
  title = zx_store_get_display (self->store, "course", course_id);
  person = zx_store_get_display (self->store, "staff", self->person_id);
  enrolment = zx_empowerment_find_enrolment (self->store, course_id, self->person_id);
  if (enrolment != NULL && !zx_record_is_null (enrolment, "rating"))
    rating = zx_record_get_int (enrolment, "rating");

  c = g_new0 (Completion, 1);
  c->self = g_object_ref (self);
  c->course_id = g_strdup (course_id);
  c->person_id = g_strdup (self->person_id);

  /* Translators: %s is the learner's name */
  body = g_strdup_printf (_("%s finished this course. How useful was it?"), person ? person : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, title, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "complete", _("Mark _Completed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "complete", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "complete");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row, "linked");
  label = gtk_label_new (_("Rating"));
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *text = g_strdup_printf ("%d ★", i + 1);

      c->stars[i] = gtk_toggle_button_new_with_label (text);
      /* Translators: a rating button, read aloud */
      name = g_strdup_printf (ngettext ("%d star", "%d stars", i + 1), i + 1);
      gtk_widget_set_tooltip_text (c->stars[i], name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (c->stars[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (c->stars[i]), GTK_TOGGLE_BUTTON (c->stars[0]));
      gtk_box_append (GTK_BOX (row), c->stars[i]);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (c->stars[(rating > 0 ? rating : 5) - 1]), TRUE);
  gtk_box_append (GTK_BOX (box), row);
  c->comment = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (c->comment, _("Comment (optional)"));
  gtk_entry_set_activates_default (c->comment, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->comment), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"), -1);
  if (enrolment != NULL && zx_record_get_string (enrolment, "comment") != NULL)
    gtk_editable_set_text (GTK_EDITABLE (c->comment), zx_record_get_string (enrolment, "comment"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c->comment));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "zx-completion", c, completion_free);
  g_signal_connect (dialog, "response", G_CALLBACK (completion_response_cb), c);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Public --------------------------------------------------------------------------- */

const char *
zx_courses_page_get_person (ZxCoursesPage *self)
{
  g_return_val_if_fail (ZX_IS_COURSES_PAGE (self), NULL);
  return self->person_id;
}

void
zx_courses_page_set_person (ZxCoursesPage *self,
                            const char    *staff_id)
{
  guint position;

  g_return_if_fail (ZX_IS_COURSES_PAGE (self));

  position = zx_ref_choices_find (&self->people, staff_id);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->person_dropdown, position);
}

void
zx_courses_page_set_view (ZxCoursesPage *self,
                          const char    *name)
{
  g_return_if_fail (ZX_IS_COURSES_PAGE (self));
  gtk_stack_set_visible_child_name (self->inner_stack, name);
}

/* Pending list columns ---------------------------------------------------------------- */

typedef enum { COL_PERSON, COL_DEPARTMENT, COL_COURSE, COL_DUE } PendingColumn;

static void
pending_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
pending_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  ZxPendingItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  ZxPendingCourse *p = row->pending;
  g_autofree char *due = NULL;

  gtk_widget_remove_css_class (label, "error");
  switch ((PendingColumn) GPOINTER_TO_INT (data))
    {
    case COL_PERSON:
      gtk_label_set_label (GTK_LABEL (label), p->staff_name);
      break;
    case COL_DEPARTMENT:
      gtk_label_set_label (GTK_LABEL (label), p->department_name);
      break;
    case COL_COURSE:
      gtk_label_set_label (GTK_LABEL (label), p->course_title);
      gtk_widget_set_tooltip_text (label, p->course_title);
      break;
    case COL_DUE:
      if (p->overdue)
        {
          /* Translators: in the "not finished" list; %s is the due date */
          due = g_strdup_printf (_("Overdue %s"), p->due_date);
          gtk_widget_add_css_class (label, "error");
        }
      else
        due = g_strdup (p->due_date != NULL ? p->due_date : "—");
      gtk_label_set_label (GTK_LABEL (label), due);
      break;
    }
}

static void
add_pending_column (ZxCoursesPage *self,
                    const char    *title,
                    PendingColumn  column,
                    gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;

  g_signal_connect (factory, "setup", G_CALLBACK (pending_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (pending_bind_cb), GINT_TO_POINTER (column));
  c = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (c, expand);
  gtk_column_view_column_set_resizable (c, TRUE);
  gtk_column_view_append_column (self->pending_view, c);
  g_object_unref (c);
}

/* GObject ------------------------------------------------------------------------------ */

static void
zx_courses_page_constructed (GObject *object)
{
  ZxCoursesPage *self = ZX_COURSES_PAGE (object);
  GtkNoSelection *selection;

  G_OBJECT_CLASS (zx_courses_page_parent_class)->constructed (object);

  self->pending = g_list_store_new (ZX_TYPE_PENDING_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->pending)));
  gtk_column_view_set_model (self->pending_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_pending_column (self, _("Person"), COL_PERSON, FALSE);
  add_pending_column (self, _("Department"), COL_DEPARTMENT, FALSE);
  add_pending_column (self, _("Course"), COL_COURSE, TRUE);
  add_pending_column (self, _("Due"), COL_DUE, FALSE);

  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
  refresh (self);
}

static void
zx_courses_page_dispose (GObject *object)
{
  ZxCoursesPage *self = ZX_COURSES_PAGE (object);

  /* Disposing the drop-downs notifies their selection: ignore it */
  self->updating = TRUE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  zx_ref_choices_clear (&self->people);
  zx_ref_choices_clear (&self->pillars);
  zx_ref_choices_clear (&self->departments);
  zx_ref_choices_clear (&self->courses);
  g_clear_object (&self->pending);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_COURSES_PAGE);
  G_OBJECT_CLASS (zx_courses_page_parent_class)->dispose (object);
}

static void
zx_courses_page_finalize (GObject *object)
{
  ZxCoursesPage *self = ZX_COURSES_PAGE (object);

  g_free (self->person_id);
  g_free (self->person_scope);
  G_OBJECT_CLASS (zx_courses_page_parent_class)->finalize (object);
}

static void
zx_courses_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZxCoursesPage *self = ZX_COURSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_courses_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ZxCoursesPage *self = ZX_COURSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_courses_page_class_init (ZxCoursesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_courses_page_constructed;
  object_class->dispose = zx_courses_page_dispose;
  object_class->finalize = zx_courses_page_finalize;
  object_class->get_property = zx_courses_page_get_property;
  object_class->set_property = zx_courses_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "courses.add", NULL, add_activated);

  g_type_ensure (ZX_TYPE_COURSE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/empowerment/zx-courses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, pillar_filter);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, person_label);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, inner_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, course_list);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, department_filter);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, course_filter);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, pending_heading);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, pending_count);
  gtk_widget_class_bind_template_child (widget_class, ZxCoursesPage, pending_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stats_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, course_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, inner_view_cb);
}

static void
zx_courses_page_init (ZxCoursesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zx_courses_page_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  return g_object_new (ZX_TYPE_COURSES_PAGE, "context", context, NULL);
}
