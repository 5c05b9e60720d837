/* test-gui-empowerment.c — the Empowerment area on the demo hospital:
 * marking a course completed with a rating through the widgets, the
 * statistics following, closing a skill gap with a mentor or a course, and
 * editing the skills a battle needs
 *
 * Runs under Xvfb.  With ZX_TEST_SHOTS=DIR the pages are saved as
 * DIR/empowerment-{courses,statistics,skills-person,skills-department,
 * catalogue}-{light,dark}.png (1366×768).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "empowerment/zx-course-chart.h"
#include "empowerment/zx-course-editor.h"
#include "empowerment/zx-courses-page.h"
#include "empowerment/zx-empowerment-page.h"
#include "empowerment/zx-skills-page.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-empowerment.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"
#include "zx-window.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char              *dir;
  ZxStore           *store;
  ZxContext         *context;
  ZxWindow          *window;
  ZxEmpowermentPage *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static gboolean styled;

  if (!styled)
    load_style ();
  styled = TRUE;
  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);
  f->context = zx_context_new (f->store, NULL);
  f->window = zx_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window));
  g_assert_true (zx_window_show_area (f->window, "empowerment"));
  f->page = ZX_EMPOWERMENT_PAGE (zx_window_get_area_page (f->window, "empowerment"));
  g_assert_nonnull (f->page);
  wait_mapped (GTK_WIDGET (f->page));
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  while ((dialog = find_toplevel (ZX_TYPE_COURSE_EDITOR)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  while ((dialog = find_toplevel (GTK_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* The first widget under @root (depth first) named @name */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (out, child);
      collect (child, type, out);
    }
}

static ZxCourseStat *
stat_of (GPtrArray  *stats,
         const char *id,
         guint      *index)
{
  for (guint i = 0; i < stats->len; i++)
    if (g_str_equal (((ZxCourseStat *) stats->pdata[i])->id, id))
      {
        *index = i;
        return stats->pdata[i];
      }
  g_assert_not_reached ();
}

/* A learner marks a course completed with 4 stars and a comment through the
 * row's button and the dialog; the list, the chart and the "not finished"
 * list follow */
static void
test_complete_course (Fixture       *f,
                      gconstpointer  data)
{
  ZxCoursesPage *courses = ZX_COURSES_PAGE (zx_empowerment_page_get_page (f->page, "courses"));
  GtkWidget *list = template_child (courses, ZX_TYPE_COURSES_PAGE, "course_list");
  GtkWidget *chart = template_child (courses, ZX_TYPE_COURSES_PAGE, "chart");
  GtkWidget *count = template_child (courses, ZX_TYPE_COURSES_PAGE, "pending_count");
  GtkWidget *pending_view = template_child (courses, ZX_TYPE_COURSES_PAGE, "pending_view");
  g_autoptr(GPtrArray) pending = zx_empowerment_not_finished (f->store, TODAY, NULL, NULL);
  g_autoptr(GPtrArray) before = zx_empowerment_stats_by_course (f->store, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) stars = g_ptr_array_new ();
  g_autoptr(ZxRecord) enrolment = NULL;
  g_autofree char *person = NULL;
  g_autofree char *course = NULL;
  g_autofree char *count_before = NULL;
  g_autofree char *described = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *row = NULL, *button, *dialog, *entry;
  ZxCourseStat *was, *now;
  guint index, n_pending;

  g_assert_cmpstr (zx_empowerment_page_get_view (f->page), ==, "courses");
  g_assert_nonnull (zx_empowerment_page_get_page (f->page, "skills"));
  g_assert_nonnull (zx_empowerment_page_get_page (f->page, "fund"));

  /* Someone with a course meant for them and not finished; the overdue come first */
  g_assert_cmpuint (pending->len, >, 0);
  person = g_strdup (((ZxPendingCourse *) pending->pdata[0])->staff_id);
  course = g_strdup (((ZxPendingCourse *) pending->pdata[0])->course_id);
  n_pending = pending->len;
  was = stat_of (before, course, &index);

  zx_courses_page_set_person (courses, person);
  settle ();
  g_assert_cmpstr (zx_courses_page_get_person (courses), ==, person);
  maybe_shot (GTK_WIDGET (f->window), "empowerment-courses");

  for (GtkWidget *r = gtk_widget_get_first_child (list); r != NULL; r = gtk_widget_get_next_sibling (r))
    {
      ZxRecord *record = g_object_get_data (G_OBJECT (r), "zx-course");

      if (record != NULL && g_str_equal (zx_record_get_id (record), course))
        row = r;
    }
  g_assert_nonnull (row);
  button = find_named (row, "complete-button");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  drain ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  wait_mapped (dialog);

  collect (dialog, GTK_TYPE_TOGGLE_BUTTON, stars);
  g_assert_cmpuint (stars->len, ==, 5);
  gtk_toggle_button_set_active (stars->pdata[3], TRUE);
  g_assert_false (gtk_toggle_button_get_active (stars->pdata[4]));
  entry = find_descendant (dialog, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "讲得很清楚");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "complete");
  settle ();

  enrolment = zx_empowerment_find_enrolment (f->store, course, person);
  g_assert_nonnull (enrolment);
  g_assert_cmpstr (zx_record_get_string (enrolment, "completed_at"), ==, NOW);
  g_assert_cmpint (zx_record_get_int (enrolment, "rating"), ==, 4);
  g_assert_cmpstr (zx_record_get_string (enrolment, "comment"), ==, "讲得很清楚");

  /* The statistics: one more completed, the rating counted */
  count_before = g_strdup (gtk_label_get_label (GTK_LABEL (count)));
  zx_courses_page_set_view (courses, "statistics");
  settle ();
  after = zx_empowerment_stats_by_course (f->store, NULL);
  now = stat_of (after, course, &index);
  g_assert_cmpuint (now->completed, ==, was->completed + 1);
  g_assert_cmpuint (now->assigned, ==, was->assigned);
  g_assert_cmpuint (now->n_ratings, ==, was->n_ratings + 1);
  g_assert_cmpfloat (now->completion, >, was->completion);
  g_assert_cmpuint (zx_course_chart_get_n_rows (ZX_COURSE_CHART (chart)), ==, after->len);
  described = zx_course_chart_describe_row (ZX_COURSE_CHART (chart), index);
  expected = g_strdup_printf ("%s: %.0f%% completed (%u of %u), rated %.1f of 5 by %u people",
                              now->name, now->completion * 100, now->completed, now->assigned,
                              now->satisfaction, now->n_ratings);
  g_assert_cmpstr (described, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (pending_view)))),
                    ==, n_pending - 1);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (count)), "not finished"));
  maybe_shot (GTK_WIDGET (f->window), "empowerment-statistics");

  /* By department: every department that has staff a course is for */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (courses, ZX_TYPE_COURSES_PAGE, "group_dropdown")), 1);
  settle ();
  {
    g_autoptr(GPtrArray) departments = zx_empowerment_stats_by_department (f->store, NULL);

    g_assert_cmpuint (zx_course_chart_get_n_rows (ZX_COURSE_CHART (chart)), ==, departments->len);
  }
}

/* A person's gap: make the first suggested mentor their mentor, and
 * assign a suggested course with a due date */
static void
test_close_gap (Fixture       *f,
                gconstpointer  data)
{
  ZxSkillsPage *skills = ZX_SKILLS_PAGE (zx_empowerment_page_get_page (f->page, "skills"));
  GtkWidget *box = template_child (skills, ZX_TYPE_SKILLS_PAGE, "gaps_box");
  g_autoptr(GListStore) departments = zx_store_list (f->store, "department", NULL, NULL);
  g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (departments), 0);
  g_autoptr(GPtrArray) gaps = zx_empowerment_department_gaps (f->store, zx_record_get_id (department));
  g_autoptr(GPtrArray) person_gaps = NULL;
  g_autoptr(GPtrArray) mentors = NULL;
  ZxSkillGap *gap = NULL;
  GtkWidget *button, *dialog, *entry;
  const char *person;

  zx_empowerment_page_set_view (f->page, "skills");
  settle ();
  /* The department's gaps first */
  g_assert_cmpuint (gaps->len, >, 0);
  g_assert_nonnull (find_named (box, "show-person-button"));
  maybe_shot (GTK_WIDGET (f->window), "empowerment-skills-department");

  /* "Show" on a person of the department opens their gaps */
  g_signal_emit_by_name (find_named (box, "show-person-button"), "clicked");
  settle ();
  person = ((ZxSkillGap *) gaps->pdata[0])->staff_id;
  person_gaps = zx_empowerment_person_gaps (f->store, person);
  for (guint i = 0; i < person_gaps->len && gap == NULL; i++)
    {
      ZxSkillGap *g = person_gaps->pdata[i];

      mentors = zx_empowerment_suggest_mentors (f->store, g->skill_id, person, MAX (g->level_needed, 4));
      if (mentors->len == 0 && g->level_needed < 4)
        {
          g_ptr_array_unref (mentors);
          mentors = zx_empowerment_suggest_mentors (f->store, g->skill_id, person, g->level_needed);
        }
      if (mentors->len > 0)
        gap = g;
      else
        g_clear_pointer (&mentors, g_ptr_array_unref);
    }
  g_assert_nonnull (gap);
  maybe_shot (GTK_WIDGET (f->window), "empowerment-skills-person");

  button = find_named (box, "mentor-button");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  settle ();
  {
    const char *params[] = { ((ZxMentorSuggestion *) mentors->pdata[0])->staff_id, person, gap->skill_id, NULL };

    g_assert_cmpint (zx_store_count (f->store, "mentorship",
                                     "mentor_id = ? AND mentee_id = ? AND skill_id = ? AND status = 'active' "
                                     "AND started_on = '" TODAY "'", params), ==, 1);
  }

  /* Assign a suggested course, if the demo has one for a gap of theirs */
  button = find_named (box, "assign-button");
  if (button != NULL)
    {
      g_autoptr(GPtrArray) before = zx_empowerment_not_finished (f->store, TODAY, NULL, NULL);
      g_autoptr(GPtrArray) after = NULL;
      const char *params[] = { person, NULL };
      gint64 assigned = zx_store_count (f->store, "enrolment", "staff_id = ? AND assigned = 1", params);

      g_signal_emit_by_name (button, "clicked");
      drain ();
      dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (dialog);
      wait_mapped (dialog);
      entry = find_descendant (dialog, GTK_TYPE_ENTRY);
      gtk_editable_set_text (GTK_EDITABLE (entry), "not a date");
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign"));
      gtk_editable_set_text (GTK_EDITABLE (entry), "2026-12-31");
      g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign"));
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "assign");
      settle ();
      g_assert_cmpint (zx_store_count (f->store, "enrolment",
                                       "staff_id = ? AND assigned = 1 AND due_date = '2026-12-31'", params), >=, 1);
      g_assert_cmpint (zx_store_count (f->store, "enrolment", "staff_id = ? AND assigned = 1", params), >=, assigned);
    }

  zx_skills_page_set_view (skills, "catalogue");
  settle ();
  g_assert_nonnull (gtk_widget_get_first_child (template_child (skills, ZX_TYPE_SKILLS_PAGE, "catalogue_box")));
  maybe_shot (GTK_WIDGET (f->window), "empowerment-catalogue");
}

/* A course's form shows its audience; choosing the whole hospital and
 * saving leaves one audience row with neither department nor role */
static void
test_course_editor (Fixture       *f,
                    gconstpointer  data)
{
  ZxCoursesPage *courses = ZX_COURSES_PAGE (zx_empowerment_page_get_page (f->page, "courses"));
  GtkWidget *list = template_child (courses, ZX_TYPE_COURSES_PAGE, "course_list");
  GtkWidget *row = NULL, *editor, *departments;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autofree char *course = NULL;
  const char *params[2] = { NULL, NULL };
  guint checked = 0;
  gint64 before;

  /* The first course for some departments */
  for (GtkWidget *r = gtk_widget_get_first_child (list); r != NULL && row == NULL; r = gtk_widget_get_next_sibling (r))
    {
      ZxRecord *record = g_object_get_data (G_OBJECT (r), "zx-course");

      params[0] = record ? zx_record_get_id (record) : NULL;
      if (record != NULL && zx_store_count (f->store, "course_audience", "course_id = ? AND department_id IS NOT NULL", params) > 0)
        {
          row = r;
          course = g_strdup (zx_record_get_id (record));
        }
    }
  g_assert_nonnull (row);
  params[0] = course;
  before = zx_store_count (f->store, "course_audience", "course_id = ?", params);
  g_signal_emit_by_name (list, "row-activated", row);
  editor = opened_editor (ZX_TYPE_COURSE_EDITOR);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (template_child (editor, ZX_TYPE_COURSE_EDITOR, "audience_row"))), ==, 1);
  departments = template_child (editor, ZX_TYPE_COURSE_EDITOR, "department_list");
  g_assert_true (gtk_widget_get_visible (departments));
  collect (departments, GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    checked += gtk_check_button_get_active (checks->pdata[i]);
  g_assert_cmpint (checked, ==, before);

  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (editor, ZX_TYPE_COURSE_EDITOR, "audience_row")), 0);
  g_assert_false (gtk_widget_get_visible (departments));
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  settle ();
  params[0] = course;
  g_assert_cmpint (zx_store_count (f->store, "course_audience", "course_id = ?", params), ==, 1);
  g_assert_cmpint (zx_store_count (f->store, "course_audience",
                                   "course_id = ? AND department_id IS NULL AND role IS NULL", params), ==, 1);
}

/* The skills a battle needs, edited on the Skills page: a skill added at
 * level 5 through the widgets becomes a gap of the department's people;
 * its level changed, then removed, and the gap goes */
static gboolean
has_gap_row (GtkWidget  *box,
             const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (box, ADW_TYPE_EXPANDER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_gap (ZxStore    *store,
         const char *department,
         const char *skill)
{
  g_autoptr(GPtrArray) gaps = zx_empowerment_department_gaps (store, department);

  for (guint i = 0; i < gaps->len; i++)
    if (g_strcmp0 (((ZxSkillGap *) gaps->pdata[i])->skill_id, skill) == 0)
      return TRUE;
  return FALSE;
}

static void
test_edit_needs (Fixture       *f,
                 gconstpointer  data)
{
  ZxSkillsPage *skills = ZX_SKILLS_PAGE (zx_empowerment_page_get_page (f->page, "skills"));
  GtkWidget *box = template_child (skills, ZX_TYPE_SKILLS_PAGE, "gaps_box");
  g_autoptr(GListStore) departments = zx_store_list (f->store, "department", NULL, NULL);
  g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (departments), 0);
  const char *dept = zx_record_get_id (department);
  const char *params[] = { dept, NULL };
  g_autoptr(GListStore) battles = zx_store_list (f->store, "battle", "department_id = ?", params);
  g_autoptr(ZxRecord) battle = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *target, *skill_row, *level, *add, *spin = NULL, *remove = NULL;
  GPtrArray *ids;
  g_autofree char *skill = NULL;   /* a copy: the page is rebuilt after each change */
  g_autofree char *skill_name = NULL;
  g_autofree char *need = NULL;

  zx_empowerment_page_set_view (f->page, "skills");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (battles)), >, 0);
  battle = g_list_model_get_item (G_LIST_MODEL (battles), 0);

  /* the department's first battle is chosen */
  target = find_named (box, "need-target");
  g_assert_nonnull (target);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (target)), ==, 0);

  /* a skill the battle does not need yet and nobody lacks yet */
  add = find_named (box, "need-add-button");
  skill_row = find_named (box, "need-skill");
  level = find_named (box, "need-add-level");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_sensitive (add));   /* standalone: everything allowed */
  ids = g_object_get_data (G_OBJECT (add), "zx-ids");
  for (guint i = 0; i < ids->len && skill == NULL; i++)
    if (!has_gap (f->store, dept, ids->pdata[i]))
      {
        skill = g_strdup (ids->pdata[i]);
        adw_combo_row_set_selected (ADW_COMBO_ROW (skill_row), i);
      }
  g_assert_nonnull (skill);
  skill_name = zx_store_get_display (f->store, "skill", skill);
  g_assert_false (has_gap_row (box, skill_name));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (level), 5);
  g_signal_emit_by_name (add, "clicked");
  settle ();
  {
    const char *check[] = { zx_record_get_id (battle), skill, NULL };

    g_autoptr(GListStore) found = zx_store_list (f->store, "skill_need", "battle_id = ? AND skill_id = ? AND level = 5", check);
    g_autoptr(ZxRecord) row = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
    row = g_list_model_get_item (G_LIST_MODEL (found), 0);
    need = g_strdup (zx_record_get_id (row));
  }
  /* the gap list follows */
  g_assert_true (has_gap (f->store, dept, skill));
  g_assert_true (has_gap_row (box, skill_name));
  maybe_shot (GTK_WIDGET (f->window), "empowerment-skills-needs");

  /* level 1: nobody lacks it (everyone who holds it has at least 1) */
  collect (box, GTK_TYPE_SPIN_BUTTON, spins);
  for (guint i = 0; i < spins->len; i++)
    if (g_strcmp0 (g_object_get_data (spins->pdata[i], "zx-id"), need) == 0)
      spin = spins->pdata[i];
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2);
  settle ();
  {
    g_autoptr(JsonObject) row = zx_store_get (f->store, "skill_need", need, NULL);

    g_assert_cmpint (json_object_get_int_member (row, "level"), ==, 2);
  }

  /* removed */
  g_ptr_array_set_size (spins, 0);
  collect (box, GTK_TYPE_BUTTON, spins);
  for (guint i = 0; i < spins->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (spins->pdata[i]), "need-remove-button") == 0 &&
        g_strcmp0 (g_object_get_data (spins->pdata[i], "zx-id"), need) == 0)
      remove = spins->pdata[i];
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  settle ();
  {
    const char *check[] = { need, NULL };

    g_assert_cmpint (zx_store_count (f->store, "skill_need", "id = ?", check), ==, 0);
  }
  g_assert_false (has_gap (f->store, dept, skill));
  g_assert_false (has_gap_row (box, skill_name));
}

/* Alt+1…3 switch the pages */
static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  zx_empowerment_page_set_view (f->page, "fund");
  g_assert_cmpstr (zx_empowerment_page_get_view (f->page), ==, "fund");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "empowerment.view", "s", "skills");
  g_assert_cmpstr (zx_empowerment_page_get_view (f->page), ==, "skills");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/empowerment/complete-course", Fixture, NULL, fixture_setup, test_complete_course, fixture_teardown);
  g_test_add ("/gui/empowerment/close-gap", Fixture, NULL, fixture_setup, test_close_gap, fixture_teardown);
  g_test_add ("/gui/empowerment/edit-needs", Fixture, NULL, fixture_setup, test_edit_needs, fixture_teardown);
  g_test_add ("/gui/empowerment/course-editor", Fixture, NULL, fixture_setup, test_course_editor, fixture_teardown);
  g_test_add ("/gui/empowerment/views", Fixture, NULL, fixture_setup, test_views, fixture_teardown);

  return g_test_run ();
}
