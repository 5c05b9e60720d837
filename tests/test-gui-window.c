/* test-gui-window.c — the main window, the people area and its editors
 *
 * Runs a real window under Xvfb on a temporary database filled with the
 * demo hospital.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "zx-areas.h"
#include "zx-backup-task.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-department-editor.h"
#include "zx-people-page.h"
#include "zx-staff-editor.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"
#include "zx-window.h"

#define TODAY "2026-05-15"

typedef struct
{
  char      *dir;
  ZxStore   *store;
  ZxContext *context;
  ZxWindow  *window;
} Fixture;

/* Main loop helpers --------------------------------------------------------- */

/* GtkButton's keyboard activation clicks after an animation: click now */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  drain ();
}

static gboolean
model_has_name (GListModel *model,
                const char *name)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (zx_record_get_string (record, "name"), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gint64
count_named (ZxStore    *store,
             const char *entity,
             const char *name)
{
  const char *params[] = { name, NULL };

  return zx_store_count (store, entity, "name = ?", params);
}

/* Fixture --------------------------------------------------------------------- */

static void
open_window (Fixture  *f,
             gboolean  demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  if (demo)
    {
      zx_demo_populate (f->store, TODAY, &error);
      g_assert_no_error (error);
    }

  f->context = zx_context_new (f->store, NULL);
  f->window = zx_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window));
}

static void
fixture_demo (Fixture       *f,
              gconstpointer  data)
{
  open_window (f, TRUE);
}

static void
fixture_empty (Fixture       *f,
               gconstpointer  data)
{
  open_window (f, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

static ZxPeoplePage *
show_people (Fixture *f)
{
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-area", "s", "people");
  drain ();
  page = zx_window_get_area_page (f->window, "people");
  g_assert_true (ZX_IS_PEOPLE_PAGE (page));
  wait_mapped (page);
  return ZX_PEOPLE_PAGE (page);
}

/* Opens the new-department editor through the page's action */
static GtkWidget *
open_department_editor (ZxPeoplePage *page)
{
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.new-department", NULL));
  editor = find_toplevel (ZX_TYPE_DEPARTMENT_EDITOR);
  g_assert_nonnull (editor);
  wait_mapped (editor);
  return editor;
}

static GtkWidget *
open_staff_editor (ZxPeoplePage *page)
{
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.new-staff", NULL));
  editor = find_toplevel (ZX_TYPE_STAFF_EDITOR);
  g_assert_nonnull (editor);
  wait_mapped (editor);
  return editor;
}

/* Tests ------------------------------------------------------------------------- */

static void
test_sidebar_lists_people (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *list = template_child (f->window, ZX_TYPE_WINDOW, "sidebar_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  GtkWidget *box;
  GtkWidget *label;

  g_assert_cmpstr (zx_window_get_visible_page (f->window), ==, "main");
  g_assert_nonnull (row);
  /* the cockpit first, for leadership, then People */
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (row)), ==, "cockpit");
  label = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "Cockpit");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (row)), ==, "people");
  box = gtk_list_box_row_get_child (row);
  label = gtk_widget_get_last_child (box);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "People");
  /* Only the areas that exist, one row each */
  {
    guint n_areas;

    zx_areas_get (&n_areas);
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n_areas - 1));
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n_areas));
  }
}

static void
test_window_title_is_hospital (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GListStore) hospitals = zx_store_list (f->store, "hospital", NULL, NULL);
  g_autoptr(ZxRecord) hospital = g_list_model_get_item (G_LIST_MODEL (hospitals), 0);

  g_assert_nonnull (hospital);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==,
                   zx_record_get_string (hospital, "name"));
}

static void
test_department_list (Fixture       *f,
                      gconstpointer  data)
{
  ZxPeoplePage *page = show_people (f);
  GListModel *departments = zx_people_page_get_department_model (page);
  GListModel *staff = zx_people_page_get_staff_model (page);

  g_assert_cmpint (zx_store_count (f->store, "department", NULL, NULL), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==,
                    zx_store_count (f->store, "department", NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (staff), ==,
                    zx_store_count (f->store, "staff", NULL, NULL));
}

static void
test_new_department (Fixture       *f,
                     gconstpointer  data)
{
  ZxPeoplePage *page = show_people (f);
  GListModel *departments = zx_people_page_get_department_model (page);
  guint before = g_list_model_get_n_items (departments);
  GtkWidget *editor = open_department_editor (page);
  GtkWidget *name_row = template_child (editor, ZX_TYPE_DEPARTMENT_EDITOR, "name_row");
  GtkWidget *kind_row = template_child (editor, ZX_TYPE_DEPARTMENT_EDITOR, "kind_row");
  GtkWidget *save_button = template_child (editor, ZX_TYPE_DEPARTMENT_EDITOR, "save_button");

  /* Empty, the form cannot be saved */
  g_assert_false (gtk_widget_get_sensitive (save_button));

  gtk_editable_set_text (GTK_EDITABLE (name_row), "疼痛科");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), 0);
  drain ();
  g_assert_true (gtk_widget_get_sensitive (save_button));

  click (save_button);

  g_assert_null (find_toplevel (ZX_TYPE_DEPARTMENT_EDITOR));
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, before + 1);
  g_assert_true (model_has_name (departments, "疼痛科"));
  g_assert_cmpint (count_named (f->store, "department", "疼痛科"), ==, 1);
}

static void
test_editor_validation (Fixture       *f,
                        gconstpointer  data)
{
  ZxPeoplePage *page = show_people (f);
  g_autoptr(ZxRecord) first = g_list_model_get_item (zx_people_page_get_department_model (page), 0);
  GtkWidget *editor = open_department_editor (page);
  GtkWidget *name_row = template_child (editor, ZX_TYPE_DEPARTMENT_EDITOR, "name_row");
  GtkWidget *error_label = template_child (editor, ZX_TYPE_DEPARTMENT_EDITOR, "error_label");
  GtkWidget *save_button = template_child (editor, ZX_TYPE_DEPARTMENT_EDITOR, "save_button");
  gint64 before = zx_store_count (f->store, "department", NULL, NULL);

  /* A name already taken: the store's message, on the name row */
  gtk_editable_set_text (GTK_EDITABLE (name_row), zx_record_get_string (first, "name"));
  drain ();
  g_assert_false (gtk_widget_get_sensitive (save_button));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));

  /* Fixed, the message goes away */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "康复医学科（新）");
  drain ();
  g_assert_true (gtk_widget_get_sensitive (save_button));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));

  /* Escape cancels: nothing is written */
  gtk_widget_activate_action (editor, "window.close", NULL);
  drain ();
  g_assert_null (find_toplevel (ZX_TYPE_DEPARTMENT_EDITOR));
  g_assert_cmpint (zx_store_count (f->store, "department", NULL, NULL), ==, before);
}

/* A new staff member through the form: a taken employee number is refused
 * on its row; a free one saves, with the post, in the chosen department */
static void
test_new_staff (Fixture       *f,
                gconstpointer  data)
{
  ZxPeoplePage *page = show_people (f);
  g_autoptr(ZxRecord) someone = g_list_model_get_item (zx_people_page_get_staff_model (page), 0);
  GtkWidget *editor = open_staff_editor (page);
  GtkWidget *name_row = template_child (editor, ZX_TYPE_STAFF_EDITOR, "name_row");
  GtkWidget *number_row = template_child (editor, ZX_TYPE_STAFF_EDITOR, "employee_no_row");
  GtkWidget *post_row = template_child (editor, ZX_TYPE_STAFF_EDITOR, "post_row");
  GtkWidget *save_button = template_child (editor, ZX_TYPE_STAFF_EDITOR, "save_button");
  GtkWidget *error_label = template_child (editor, ZX_TYPE_STAFF_EDITOR, "error_label");
  const char *params[] = { "99001", NULL };
  g_autoptr(GListStore) found = NULL;
  g_autoptr(ZxRecord) added = NULL;

  gtk_editable_set_text (GTK_EDITABLE (name_row), "欧阳静");
  gtk_editable_set_text (GTK_EDITABLE (number_row), zx_record_get_string (someone, "employee_no"));
  drain ();
  g_assert_false (gtk_widget_get_sensitive (save_button));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (number_row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (number_row), "99001");
  gtk_editable_set_text (GTK_EDITABLE (post_row), "护士长");
  drain ();
  g_assert_true (gtk_widget_get_sensitive (save_button));
  click (save_button);

  g_assert_null (find_toplevel (ZX_TYPE_STAFF_EDITOR));
  found = zx_store_list (f->store, "staff", "employee_no = ?", params);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  added = g_list_model_get_item (G_LIST_MODEL (found), 0);
  g_assert_cmpstr (zx_record_get_string (added, "name"), ==, "欧阳静");
  g_assert_cmpstr (zx_record_get_string (added, "post"), ==, "护士长");
  g_assert_nonnull (zx_record_get_string (added, "department_id"));
  g_assert_true (model_has_name (zx_people_page_get_staff_model (page), "欧阳静"));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
  double    last_progress;
  guint     n_progress;
} TaskResult;

static void
task_progress_cb (double   fraction,
                  gpointer user_data)
{
  TaskResult *r = user_data;

  /* Called on the main thread, in order */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpfloat (fraction, >=, r->last_progress);
  r->last_progress = fraction;
  r->n_progress++;
}

static void
task_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TaskResult *r = user_data;

  r->ok = zx_backup_task_finish (result, &r->error);
  r->done = TRUE;
}

static void
run_task (const char       *db_path,
          ZxBackupTaskKind  kind,
          GFile            *file,
          GCancellable     *cancellable,
          TaskResult       *r)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  zx_backup_task_run_async (db_path, kind, file, task_progress_cb, r, cancellable, task_done_cb, r);
  while (!r->done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* What Export Backup… and Import Backup… run: a worker thread with its own
 * connection, progress on the main thread, and a cancel that changes nothing */
static void
test_backup_task (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "backup.json", NULL);
  g_autofree char *target = g_build_filename (f->dir, "restored.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(ZxStore) restored = NULL;
  g_autoptr(GError) error = NULL;
  TaskResult exported = { 0, }, cancel = { 0, }, imported = { 0, };

  run_task (zx_store_get_path (f->store), ZX_BACKUP_TASK_EXPORT, file, NULL, &exported);
  g_assert_no_error (exported.error);
  g_assert_true (exported.ok);
  g_assert_cmpfloat (exported.last_progress, ==, 1.0);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));

  restored = zx_store_open (target, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancelled);
  run_task (target, ZX_BACKUP_TASK_IMPORT, file, cancelled, &cancel);
  g_assert_false (cancel.ok);
  g_assert_nonnull (cancel.error);
  g_clear_error (&cancel.error);
  g_assert_true (zx_store_is_empty (restored));

  run_task (target, ZX_BACKUP_TASK_IMPORT, file, NULL, &imported);
  g_assert_no_error (imported.error);
  g_assert_true (imported.ok);
  g_assert_cmpint (zx_store_count (restored, "staff", NULL, NULL), ==,
                   zx_store_count (f->store, "staff", NULL, NULL));
  g_assert_cmpint (zx_store_count (restored, "check_in", NULL, NULL), ==,
                   zx_store_count (f->store, "check_in", NULL, NULL));
}

static void
test_delete_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  ZxPeoplePage *page = show_people (f);
  GListModel *departments = zx_people_page_get_department_model (page);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint n;

  json_object_set_string_member (fields, "name", "临时科室");
  json_object_set_string_member (fields, "kind", "functional");
  id = zx_store_create (f->store, "department", fields, &error);
  g_assert_no_error (error);
  drain ();
  n = g_list_model_get_n_items (departments);
  g_assert_true (model_has_name (departments, "临时科室"));

  /* Select it and press Delete (the action) */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (departments, i);
      if (g_strcmp0 (zx_record_get_id (record), id) == 0)
        {
          GtkWidget *view = template_child (page, ZX_TYPE_PEOPLE_PAGE, "department_view");
          GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
          gtk_selection_model_select_item (selection, i, TRUE);
        }
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.delete", NULL));
  drain ();
  g_assert_false (model_has_name (departments, "临时科室"));
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n - 1);
  g_assert_cmpint (count_named (f->store, "department", "临时科室"), ==, 0);

  /* Undo (the toast's button and Ctrl+Z run the same action) brings it back, once */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.undo", NULL));
  drain ();
  g_assert_true (model_has_name (departments, "临时科室"));
  g_assert_cmpint (count_named (f->store, "department", "临时科室"), ==, 1);
  {
    gint64 queued = zx_store_queue_length (f->store);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "people.undo", NULL));
    drain ();
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  }
}

static void
test_staff_search (Fixture       *f,
                   gconstpointer  data)
{
  ZxPeoplePage *page = show_people (f);
  GListModel *staff = zx_people_page_get_staff_model (page);
  GtkWidget *search = template_child (page, ZX_TYPE_PEOPLE_PAGE, "search_entry");
  g_autoptr(ZxRecord) someone = g_list_model_get_item (staff, 0);
  const char *number = zx_record_get_string (someone, "employee_no");
  gboolean timed_out = FALSE;
  guint timeout;

  zx_people_page_set_view (page, "staff");
  g_assert_cmpstr (zx_people_page_get_view (page), ==, "staff");
  gtk_editable_set_text (GTK_EDITABLE (search), number);

  /* GtkSearchEntry reports changes after a short delay */
  timeout = g_timeout_add_seconds (5, timeout_cb, &timed_out);
  while (g_list_model_get_n_items (staff) != 1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

static void
test_welcome_creates_hospital (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *welcome = template_child (f->window, ZX_TYPE_WINDOW, "welcome_page");
  GType type = G_OBJECT_TYPE (welcome);
  GtkWidget *name_row = template_child (welcome, type, "name_row");
  GtkWidget *create = template_child (welcome, type, "create_button");
  GtkWidget *error_label = template_child (welcome, type, "error_label");

  g_assert_cmpstr (zx_window_get_visible_page (f->window), ==, "welcome");

  /* An empty name: the store's message */
  click (create);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_false (zx_store_has_hospital (f->store));
  g_assert_cmpstr (zx_window_get_visible_page (f->window), ==, "welcome");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "江城市第二人民医院");
  click (create);
  g_assert_true (zx_store_has_hospital (f->store));
  g_assert_cmpstr (zx_window_get_visible_page (f->window), ==, "main");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "江城市第二人民医院");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_teardown)

  ADD ("/gui/window/sidebar-lists-people", fixture_demo, test_sidebar_lists_people);
  ADD ("/gui/window/title-is-hospital", fixture_demo, test_window_title_is_hospital);
  ADD ("/gui/window/welcome-creates-hospital", fixture_empty, test_welcome_creates_hospital);
  ADD ("/gui/people/department-list", fixture_demo, test_department_list);
  ADD ("/gui/people/new-department", fixture_demo, test_new_department);
  ADD ("/gui/people/editor-validation", fixture_demo, test_editor_validation);
  ADD ("/gui/people/new-staff", fixture_demo, test_new_staff);
  ADD ("/gui/people/delete-and-restore", fixture_demo, test_delete_and_restore);
  ADD ("/gui/window/backup-task", fixture_demo, test_backup_task);
  ADD ("/gui/people/staff-search", fixture_demo, test_staff_search);

  return g_test_run ();
}
