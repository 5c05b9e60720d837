/* test-gui-okr-editors.c — the objective, key result and check-in forms, filled through their widgets
 *
 * Runs under Xvfb on a temporary database filled with the demo hospital.
 * With ZX_TEST_SHOTS=DIR each form is saved as DIR/okr-*-{light,dark}.png.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "okr/zx-check-in-editor.h"
#include "okr/zx-key-result-editor.h"
#include "okr/zx-objective-editor.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-okr.h"
#include "zx-record-editor.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"
#include "zx-window.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char      *dir;
  ZxStore   *store;
  ZxContext *context;
  ZxWindow  *window;
  char      *quarter;        /* 2026-Q4 */
  char      *year;           /* 2026 */
} Fixture;

/* Widgets --------------------------------------------------------------------------- */

static gboolean
is_open (GtkWidget *editor)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == G_OBJECT (editor))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
child (GtkWidget  *editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (editor, G_OBJECT_TYPE (editor), name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GObject *
child_object (GtkWidget  *editor,
              const char *name)
{
  GObject *object = gtk_widget_get_template_child (editor, G_OBJECT_TYPE (editor), name);

  g_assert_nonnull (object);
  return object;
}

/* The visible form row titled @title under @root */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (c))
        continue;
      if (ADW_IS_PREFERENCES_ROW (c) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        return c;
      if ((found = find_row (c, title)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
row (GtkWidget  *editor,
     const char *title)
{
  GtkWidget *found = find_row (editor, title);

  if (found == NULL)
    g_error ("no visible row “%s” in the form", title);
  return found;
}

static void
type_into (GtkWidget  *editor,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (editor, title)), text);
  drain ();
}

/* Picks the item of a combo row whose label is @label */
static void
choose (GtkWidget  *editor,
        const char *title,
        const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (editor, title));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (combo, i);
          drain ();
          return;
        }
    }
  g_error ("no “%s” in the row “%s”", label, title);
}

static const char *
chosen (GtkWidget  *editor,
        const char *title)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (editor, title));
  g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (combo),
                                                           adw_combo_row_get_selected (combo));

  return item != NULL ? g_intern_string (gtk_string_object_get_string (item)) : NULL;
}

static gboolean
marked (GtkWidget *widget)
{
  return gtk_widget_has_css_class (widget, "error");
}

static gboolean
can_save (GtkWidget *editor)
{
  return zx_record_editor_is_valid (ZX_RECORD_EDITOR (editor)) &&
         gtk_widget_get_sensitive (child (editor, "save_button"));
}

static void
set_text (GtkWidget  *editor,
          const char *buffer,
          const char *text)
{
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (child_object (editor, buffer)), text, -1);
  drain ();
}

/* Editors ------------------------------------------------------------------------- */

#define OPEN(f, type, ...) open_editor_real ((f), g_object_new ((type), "context", (f)->context, __VA_ARGS__, NULL))

static GtkWidget *
open_editor_real (Fixture   *f,
                  GObject   *object)
{
  GtkWidget *editor = GTK_WIDGET (object);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (editor));
  wait_mapped (editor);
  return editor;
}

static void
save (GtkWidget *editor)
{
  g_assert_true (can_save (editor));
  g_object_ref (editor);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  drain ();
  /* saved: the form closed */
  g_assert_false (is_open (editor));
  g_object_unref (editor);
}

static ZxRecord *
record_of (ZxStore    *store,
           const char *entity,
           const char *id)
{
  JsonObject *row = zx_store_get (store, entity, id, NULL);

  g_assert_nonnull (row);
  return zx_record_new (zx_schema_lookup (entity), row);
}

/* The one live row of @entity where @where holds */
static char *
only_id (ZxStore            *store,
         const char         *entity,
         const char         *where,
         const char * const *params)
{
  g_autoptr(GListStore) rows = zx_store_list (store, entity, where, params);
  g_autoptr(ZxRecord) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  return g_strdup (zx_record_get_id (first));
}

static double
get_double (ZxStore    *store,
            const char *entity,
            const char *id,
            const char *field)
{
  g_autoptr(JsonObject) row = zx_store_get (store, entity, id, NULL);

  g_assert_nonnull (row);
  g_assert_true (json_object_has_member (row, field) && !json_object_get_null_member (row, field));
  return json_object_get_double_member (row, field);
}

static gint64
get_int (ZxStore    *store,
         const char *entity,
         const char *id,
         const char *field)
{
  g_autoptr(JsonObject) row = zx_store_get (store, entity, id, NULL);

  g_assert_nonnull (row);
  return json_object_get_int_member (row, field);
}

static char *
get_str (ZxStore    *store,
         const char *entity,
         const char *id,
         const char *field)
{
  g_autoptr(JsonObject) row = zx_store_get (store, entity, id, NULL);

  g_assert_nonnull (row);
  return g_strdup (json_object_get_string_member_with_default (row, field, NULL));
}

/* The key result's latest check-in: the last week, then the last written */
static char *
latest_check_in (ZxStore    *store,
                 const char *kr_id)
{
  const char *params[] = { kr_id, NULL };
  g_autoptr(GListStore) all = zx_store_list (store, "check_in", "key_result_id = ?", params);
  g_autoptr(ZxRecord) best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(ZxRecord) c = g_list_model_get_item (G_LIST_MODEL (all), i);
      int cmp = best != NULL ? g_strcmp0 (zx_record_get_string (c, "week"), zx_record_get_string (best, "week")) : 1;

      if (cmp > 0 || (cmp == 0 && g_strcmp0 (zx_record_get_string (c, "created_at"),
                                             zx_record_get_string (best, "created_at")) >= 0))
        g_set_object (&best, c);
    }
  g_assert_nonnull (best);
  return g_strdup (zx_record_get_id (best));
}

/* A department objective of the quarter with a key result of @kind */
static void
department_kr (Fixture     *f,
               const char  *kind,
               char       **out_objective,
               char       **out_kr)
{
  const char *params[] = { f->quarter, NULL };
  g_autoptr(GListStore) objectives = zx_store_list (f->store, "objective", "level = 'department' AND cycle_id = ?", params);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (objectives)); i++)
    {
      g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (objectives), i);
      const char *by_objective[] = { zx_record_get_id (o), kind, NULL };
      g_autoptr(GListStore) krs = zx_store_list (f->store, "key_result", "objective_id = ? AND kind = ?", by_objective);

      if (g_list_model_get_n_items (G_LIST_MODEL (krs)) > 0)
        {
          g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), 0);

          *out_objective = g_strdup (zx_record_get_id (o));
          *out_kr = g_strdup (zx_record_get_id (kr));
          return;
        }
    }
  g_error ("the demo has no department key result of kind %s in 2026-Q4", kind);
}

/* Fixture --------------------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);
  f->quarter = zx_cycle_find (f->store, "2026-Q4");
  f->year = zx_cycle_find (f->store, "2026");
  g_assert_nonnull (f->quarter);
  g_assert_nonnull (f->year);

  f->context = zx_context_new (f->store, NULL);
  f->window = zx_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (ZX_IS_RECORD_EDITOR (window))
        gtk_window_destroy (GTK_WINDOW (window));
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->quarter);
  g_free (f->year);
}

/* Tests ------------------------------------------------------------------------------ */

/* A person's objective aligned to a department key result, then its own key
 * result, both through the forms */
static void
test_personal_aligned_to_department_kr (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *dept_objective = NULL;
  g_autofree char *dept_kr = NULL;
  g_autofree char *department = NULL;
  g_autofree char *kr_title = NULL;
  g_autofree char *objective_title = NULL;
  g_autofree char *aligned_label = NULL;
  g_autofree char *objective_id = NULL;
  g_autofree char *kr_id = NULL;
  g_autofree char *pillar = NULL;
  g_autofree char *mine = NULL;
  gint64 queued = zx_store_queue_length (f->store);
  GtkWidget *editor;

  department_kr (f, "numeric", &dept_objective, &dept_kr);
  department = get_str (f->store, "objective", dept_objective, "department_id");
  kr_title = get_str (f->store, "key_result", dept_kr, "title");
  objective_title = get_str (f->store, "objective", dept_objective, "title");
  aligned_label = g_strdup_printf ("%s — %s", kr_title, objective_title);

  editor = OPEN (f, ZX_TYPE_OBJECTIVE_EDITOR, "level", "personal", "cycle-id", f->quarter,
                 "department-id", department);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==, "New Objective");
  /* a person's objective: no pillar, no battle, no hospital objective; a department key result */
  g_assert_true (gtk_widget_get_visible (child (editor, "department_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "pillar_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "battle_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "parent_row")));
  g_assert_true (gtk_widget_get_visible (child (editor, "parent_kr_row")));
  g_assert_cmpstr (chosen (editor, "Cycle"), ==, "2026-Q4");
  g_assert_false (can_save (editor));

  type_into (editor, "Title", "提升病历书写质量");
  /* nobody owns it yet: refused, and the owner row says so */
  g_assert_false (can_save (editor));
  g_assert_true (marked (child (editor, "owner_row")));
  g_assert_true (gtk_widget_get_visible (child (editor, "error_label")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "owner_row")), 1);
  drain ();
  mine = g_strdup (chosen (editor, "Owner"));
  g_assert_false (marked (child (editor, "owner_row")));
  choose (editor, "Aligned to", aligned_label);
  maybe_shot (editor, "okr-objective-editor");
  save (editor);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);

  {
    const char *params[] = { "提升病历书写质量", NULL };

    objective_id = only_id (f->store, "objective", "title = ?", params);
  }
  {
    g_autofree char *level = get_str (f->store, "objective", objective_id, "level");
    g_autofree char *parent = get_str (f->store, "objective", objective_id, "parent_objective_id");
    g_autofree char *parent_kr = get_str (f->store, "objective", objective_id, "parent_key_result_id");
    g_autofree char *dept = get_str (f->store, "objective", objective_id, "department_id");
    g_autofree char *cycle = get_str (f->store, "objective", objective_id, "cycle_id");
    g_autofree char *owner = get_str (f->store, "objective", objective_id, "owner_id");
    g_autofree char *owner_name = zx_store_get_display (f->store, "staff", owner);
    g_autofree char *rank = get_str (f->store, "objective", objective_id, "rank");

    g_assert_cmpstr (level, ==, "personal");
    g_assert_cmpstr (parent_kr, ==, dept_kr);
    g_assert_cmpstr (parent, ==, dept_objective);
    g_assert_cmpstr (dept, ==, department);
    g_assert_cmpstr (cycle, ==, f->quarter);
    g_assert_cmpstr (owner_name, ==, mine);
    g_assert_nonnull (rank);
    /* the pillar follows what it is aligned to */
    pillar = get_str (f->store, "objective", dept_objective, "pillar_id");
    g_free (level);
    level = get_str (f->store, "objective", objective_id, "pillar_id");
    g_assert_cmpstr (level, ==, pillar);
  }

  /* its key result: 20% → 60% */
  editor = OPEN (f, ZX_TYPE_KEY_RESULT_EDITOR, "objective-id", objective_id);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==, "提升病历书写质量");
  type_into (editor, "Title", "甲级病历率");
  choose (editor, "Kind", "Percentage");
  g_assert_false (gtk_widget_get_visible (child (editor, "unit_row")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (editor, "target_unit"))), ==, "%");
  type_into (editor, "Start value", "20");
  type_into (editor, "Target value", "120");
  /* a percentage lies between 0 and 100 */
  g_assert_false (can_save (editor));
  g_assert_true (marked (row (editor, "Target value")));
  type_into (editor, "Target value", "60");
  type_into (editor, "Due date", "2026-12-25");
  g_assert_cmpstr (chosen (editor, "Owner"), ==, mine);
  maybe_shot (editor, "okr-kr-editor");
  save (editor);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 2);
  {
    const char *params[] = { objective_id, NULL };
    g_autofree char *kind = NULL;
    g_autofree char *direction = NULL;

    kr_id = only_id (f->store, "key_result", "objective_id = ?", params);
    kind = get_str (f->store, "key_result", kr_id, "kind");
    direction = get_str (f->store, "key_result", kr_id, "direction");
    g_assert_cmpstr (kind, ==, "percentage");
    g_assert_cmpstr (direction, ==, "higher");
    g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "start_value"), ==, 20);
    g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "target_value"), ==, 60);
    g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "weight"), ==, 1);
  }

  /* the alignment is the whole way up: key result, objective, department key result … */
  {
    g_autoptr(GPtrArray) path = zx_okr_alignment_path (f->store, kr_id);

    g_assert_nonnull (path);
    g_assert_cmpuint (path->len, >=, 4);
    g_assert_cmpstr (g_ptr_array_index (path, 0), ==, kr_id);
    g_assert_cmpstr (g_ptr_array_index (path, 1), ==, objective_id);
    g_assert_cmpstr (g_ptr_array_index (path, 2), ==, dept_kr);
    g_assert_cmpstr (g_ptr_array_index (path, 3), ==, dept_objective);
  }
}

/* A department objective serves one of its department's battles and a
 * hospital objective of the same year; the rows follow the level */
static void
test_department_objective (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dept_objective = NULL;
  g_autofree char *dept_kr = NULL;
  g_autofree char *department = NULL;
  g_autofree char *objective_id = NULL;
  const char *battle_name, *parent_title;
  GtkWidget *editor;
  gint64 n_battles;

  department_kr (f, "numeric", &dept_objective, &dept_kr);
  department = get_str (f->store, "objective", dept_objective, "department_id");
  {
    const char *params[] = { department, NULL };

    n_battles = zx_store_count (f->store, "battle", "department_id = ?", params);
    g_assert_cmpint (n_battles, >, 0);
  }

  editor = OPEN (f, ZX_TYPE_OBJECTIVE_EDITOR, "level", "department", "cycle-id", f->quarter,
                 "department-id", department);
  g_assert_true (gtk_widget_get_visible (child (editor, "battle_row")));
  g_assert_true (gtk_widget_get_visible (child (editor, "parent_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "parent_kr_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "pillar_row")));
  /* the department's battles, after “None” */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (child (editor, "battle_row")))),
                    ==, (guint) n_battles + 1);
  /* hospital objectives of the year and its quarters, after “Not aligned yet” */
  {
    const char *params[] = { f->year, f->year, NULL };
    gint64 n = zx_store_count (f->store, "objective",
                               "level = 'hospital' AND (cycle_id = ? OR cycle_id IN (SELECT id FROM cycle WHERE parent_id = ?))",
                               params);

    g_assert_cmpint (n, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (child (editor, "parent_row")))),
                      ==, (guint) n + 1);
  }

  /* the level changes the rows */
  choose (editor, "Level", "Hospital");
  g_assert_false (gtk_widget_get_visible (child (editor, "department_row")));
  g_assert_true (gtk_widget_get_visible (child (editor, "pillar_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "battle_row")));
  choose (editor, "Level", "Personal");
  g_assert_true (gtk_widget_get_visible (child (editor, "parent_kr_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "parent_row")));
  choose (editor, "Level", "Department");

  type_into (editor, "Title", "缩短平均住院日");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "battle_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "parent_row")), 1);
  drain ();
  battle_name = chosen (editor, "Battle served");
  parent_title = chosen (editor, "Aligned to");
  save (editor);

  {
    const char *params[] = { "缩短平均住院日", NULL };
    g_autofree char *battle = NULL;
    g_autofree char *battle_pillar = NULL;
    g_autofree char *pillar = NULL;
    g_autofree char *parent = NULL;
    g_autofree char *shown_battle = NULL;
    g_autofree char *shown_parent = NULL;

    objective_id = only_id (f->store, "objective", "title = ?", params);
    battle = get_str (f->store, "objective", objective_id, "battle_id");
    parent = get_str (f->store, "objective", objective_id, "parent_objective_id");
    pillar = get_str (f->store, "objective", objective_id, "pillar_id");
    shown_battle = zx_store_get_display (f->store, "battle", battle);
    shown_parent = zx_store_get_display (f->store, "objective", parent);
    battle_pillar = get_str (f->store, "battle", battle, "pillar_id");
    g_assert_cmpstr (shown_battle, ==, battle_name);
    g_assert_cmpstr (shown_parent, ==, parent_title);
    /* it serves the pillar of its battle */
    g_assert_cmpstr (pillar, ==, battle_pillar);
  }

  /* editing it: the level is fixed, the form is filled and valid as it stands */
  {
    g_autoptr(ZxRecord) record = record_of (f->store, "objective", objective_id);

    editor = OPEN (f, ZX_TYPE_OBJECTIVE_EDITOR, "record", record);
    g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==, "Edit Objective");
    g_assert_false (gtk_widget_get_sensitive (child (editor, "level_row")));
    g_assert_cmpstr (chosen (editor, "Battle served"), ==, battle_name);
    g_assert_true (can_save (editor));
    choose (editor, "Status", "Closed");
    save (editor);
    {
      g_autofree char *status = get_str (f->store, "objective", objective_id, "status");

      g_assert_cmpstr (status, ==, "closed");
    }
  }
}

/* Average length of stay 9.0 → 7.0 days: lower is better, guessed from the
 * numbers; a target equal to the start is refused at the target row */
static void
test_lower_is_better (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dept_objective = NULL;
  g_autofree char *dept_kr = NULL;
  g_autofree char *kr_id = NULL;
  gint64 queued;
  GtkWidget *editor;

  department_kr (f, "numeric", &dept_objective, &dept_kr);
  editor = OPEN (f, ZX_TYPE_KEY_RESULT_EDITOR, "objective-id", dept_objective);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==, "New Key Result");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (editor, "Weight"))), ==, "1");
  type_into (editor, "Title", "平均住院日");
  type_into (editor, "Unit", "天");
  type_into (editor, "Start value", "9.0");
  type_into (editor, "Target value", "7.0");
  g_assert_cmpstr (chosen (editor, "Direction"), ==, "Lower is better");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (editor, "start_unit"))), ==, "天");
  g_assert_true (can_save (editor));

  /* the target equal to the start: Save is off, the target row marked, nothing written */
  type_into (editor, "Target value", "9");
  g_assert_false (can_save (editor));
  g_assert_true (marked (row (editor, "Target value")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (editor, "error_label"))), ==,
                   "The target must differ from the start value.");
  queued = zx_store_queue_length (f->store);
  gtk_widget_activate_action (editor, "editor.save", NULL);
  drain ();
  g_assert_true (is_open (editor));
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);

  /* the user's own direction is kept, and a contradiction shows at it */
  choose (editor, "Direction", "Higher is better");
  type_into (editor, "Target value", "7.0");
  g_assert_cmpstr (chosen (editor, "Direction"), ==, "Higher is better");
  g_assert_false (can_save (editor));
  g_assert_true (marked (row (editor, "Direction")));
  g_assert_false (marked (row (editor, "Target value")));
  choose (editor, "Direction", "Lower is better");
  g_assert_true (can_save (editor));

  /* the due date inside the objective's cycle */
  type_into (editor, "Due date", "2027-02-01");
  g_assert_false (can_save (editor));
  g_assert_true (marked (row (editor, "Due date")));
  type_into (editor, "Due date", "2026-12-31");
  gtk_switch_set_active (GTK_SWITCH (child (editor, "challenge_switch")), TRUE);
  drain ();
  save (editor);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);

  {
    const char *params[] = { "平均住院日", dept_objective, NULL };
    g_autofree char *direction = NULL;
    g_autofree char *unit = NULL;
    g_autoptr(JsonObject) kr = NULL;

    kr_id = only_id (f->store, "key_result", "title = ? AND objective_id = ?", params);
    direction = get_str (f->store, "key_result", kr_id, "direction");
    unit = get_str (f->store, "key_result", kr_id, "unit");
    kr = zx_store_get (f->store, "key_result", kr_id, NULL);
    g_assert_cmpstr (direction, ==, "lower");
    g_assert_cmpstr (unit, ==, "天");
    g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "start_value"), ==, 9.0);
    g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "target_value"), ==, 7.0);
    g_assert_true (json_object_get_boolean_member (kr, "challenge"));
  }

  /* editing it keeps the direction chosen, and a milestone hides the numbers */
  {
    g_autoptr(ZxRecord) record = record_of (f->store, "key_result", kr_id);

    editor = OPEN (f, ZX_TYPE_KEY_RESULT_EDITOR, "record", record);
    g_assert_cmpstr (chosen (editor, "Direction"), ==, "Lower is better");
    g_assert_true (can_save (editor));
    choose (editor, "Kind", "Milestone");
    g_assert_false (gtk_widget_get_visible (child (editor, "measure_group")));
    g_assert_null (find_row (editor, "Start value"));
    choose (editor, "Kind", "Numeric");
    g_assert_true (gtk_widget_get_visible (child (editor, "measure_group")));
    gtk_window_destroy (GTK_WINDOW (editor));
    drain ();
  }
}

/* A check-in moves its key result's value and confidence in the same
 * transaction; a refused one writes nothing */
static void
test_check_in (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dept_objective = NULL;
  g_autofree char *kr_id = NULL;
  g_autofree char *check_in_id = NULL;
  g_autofree char *week = NULL;
  g_autofree char *author = NULL;
  g_autofree char *created = NULL;
  g_autofree char *note = NULL;
  double start, target, middle;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gint64 queued, check_ins;
  GtkWidget *editor;

  department_kr (f, "numeric", &dept_objective, &kr_id);
  start = get_double (f->store, "key_result", kr_id, "start_value");
  target = get_double (f->store, "key_result", kr_id, "target_value");
  middle = start + (target - start) / 2;

  editor = OPEN (f, ZX_TYPE_CHECK_IN_EDITOR, "key-result-id", kr_id);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==, "Check In");
  {
    g_autofree char *title = get_str (f->store, "key_result", kr_id, "title");

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (editor, "key_result_row"))), ==, title);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (editor, "key_result_row"))), "Start "));
  }
  /* this week's Monday (22 November 2026 is a Sunday) */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "week_row"))), ==, "2026-11-16");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (editor, "week_label"))), ==, "Week 47");
  g_assert_false (gtk_widget_get_visible (child (editor, "reached_row")));
  g_assert_true (gtk_widget_has_focus (child (editor, "value_row")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), child (editor, "value_row")));

  g_ascii_formatd (text, sizeof text, "%g", middle);
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "value_row")), text);
  gtk_range_set_value (GTK_RANGE (child (editor, "confidence_scale")), 8);
  set_text (editor, "note_buffer", "已完成第一阶段培训");
  set_text (editor, "obstacles_buffer", "夜班人手紧张");
  set_text (editor, "support_buffer", "请信息科协助导出数据");
  maybe_shot (editor, "okr-check-in-editor");
  queued = zx_store_queue_length (f->store);
  save (editor);

  /* the check-in and the key result's new value and confidence: two mutations */
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 2);
  g_assert_cmpfloat_with_epsilon (get_double (f->store, "key_result", kr_id, "current_value"), middle, 1e-9);
  g_assert_cmpint (get_int (f->store, "key_result", kr_id, "confidence"), ==, 8);
  {
    const char *params[] = { kr_id, "2026-11-16", NOW, NULL };

    check_in_id = only_id (f->store, "check_in", "key_result_id = ? AND week = ? AND created_at = ?", params);
  }
  author = get_str (f->store, "check_in", check_in_id, "author_id");
  note = get_str (f->store, "check_in", check_in_id, "obstacles");
  g_assert_null (author);   /* nobody signed in */
  g_assert_cmpstr (note, ==, "夜班人手紧张");

  /* next time the form starts from there */
  editor = OPEN (f, ZX_TYPE_CHECK_IN_EDITOR, "key-result-id", kr_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "value_row"))), ==, text);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (child (editor, "confidence_scale"))), ==, 8);

  /* a week outside the key result's cycle: refused at the week row */
  type_into (editor, "Week", "2027-03-01");
  g_assert_false (can_save (editor));
  g_assert_true (marked (child (editor, "week_row")));
  queued = zx_store_queue_length (f->store);
  gtk_widget_activate_action (editor, "editor.save", NULL);
  drain ();
  g_assert_true (is_open (editor));
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);

  /* any day of a week stands for its Monday */
  type_into (editor, "Week", "2026-11-25");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (editor, "week_label"))), ==, "Week 48");
  g_assert_true (can_save (editor));
  save (editor);
  {
    const char *params[] = { kr_id, "2026-11-23", NULL };
    g_autofree char *id = only_id (f->store, "check_in", "key_result_id = ? AND week = ?", params);

    week = get_str (f->store, "check_in", id, "week");
    created = get_str (f->store, "check_in", id, "created_at");
    g_assert_cmpstr (week, ==, "2026-11-23");
    g_assert_cmpstr (created, ==, NOW);
  }

  /* refused by the store: nothing at all is written, the key result unchanged */
  queued = zx_store_queue_length (f->store);
  {
    const char *params[] = { kr_id, NULL };

    check_ins = zx_store_count (f->store, "check_in", "key_result_id = ?", params);
  }
  {
    g_autoptr(JsonObject) outside = json_object_new ();
    g_autoptr(JsonObject) too_sure = json_object_new ();
    g_autoptr(GError) error = NULL;
    const char *params[] = { kr_id, NULL };

    json_object_set_string_member (outside, "week", "2027-01-04");
    json_object_set_double_member (outside, "value", target);
    json_object_set_int_member (outside, "confidence", 9);
    g_assert_null (zx_check_in_save (f->store, NULL, kr_id, outside, &error));
    g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
    g_clear_error (&error);

    json_object_set_string_member (too_sure, "week", "2026-11-30");
    json_object_set_double_member (too_sure, "value", target);
    json_object_set_int_member (too_sure, "confidence", 11);
    g_assert_null (zx_check_in_save (f->store, NULL, kr_id, too_sure, &error));
    g_assert_nonnull (error);

    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
    g_assert_cmpint (zx_store_count (f->store, "check_in", "key_result_id = ?", params), ==, check_ins);
    g_assert_cmpfloat_with_epsilon (get_double (f->store, "key_result", kr_id, "current_value"), middle, 1e-9);
    g_assert_cmpint (get_int (f->store, "key_result", kr_id, "confidence"), ==, 8);
  }
}

/* A milestone is reached with a switch; its key result's value becomes 1 */
static void
test_milestone_check_in (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *objective = NULL;
  g_autofree char *kr_id = NULL;
  GtkWidget *editor;
  gint64 queued = zx_store_queue_length (f->store);

  department_kr (f, "milestone", &objective, &kr_id);
  {
    /* not reached yet */
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autoptr(GError) error = NULL;

    json_object_set_double_member (changes, "current_value", 0);
    g_assert_true (zx_store_update (f->store, "key_result", kr_id, changes, &error));
    g_assert_no_error (error);
    queued++;
  }

  editor = OPEN (f, ZX_TYPE_CHECK_IN_EDITOR, "key-result-id", kr_id);
  g_assert_true (gtk_widget_get_visible (child (editor, "reached_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "value_row")));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (editor, "reached_switch"))));
  gtk_switch_set_active (GTK_SWITCH (child (editor, "reached_switch")), TRUE);
  drain ();
  save (editor);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 2);
  g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "current_value"), ==, 1.0);
}

/* Correcting a past check-in through the form writes one audit entry per
 * changed field; the key result keeps following its latest check-in */
static void
test_correct_past_check_in (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *objective = NULL;
  g_autofree char *kr_id = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(GError) error = NULL;
  double start, target, later;
  gint64 audits, queued;
  GtkWidget *editor;

  department_kr (f, "numeric", &objective, &kr_id);
  start = get_double (f->store, "key_result", kr_id, "start_value");
  target = get_double (f->store, "key_result", kr_id, "target_value");
  later = start + (target - start) * 0.75;
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "week", "2026-10-05");
    json_object_set_double_member (fields, "value", start);
    json_object_set_int_member (fields, "confidence", 6);
    old_id = zx_check_in_save (f->store, NULL, kr_id, fields, &error);
    g_assert_no_error (error);
    json_object_set_string_member (fields, "week", "2026-11-16");
    json_object_set_double_member (fields, "value", later);
    json_object_set_int_member (fields, "confidence", 7);
    new_id = zx_check_in_save (f->store, NULL, kr_id, fields, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "current_value"), ==, later);

  /* the old one: a new value and a note */
  audits = zx_store_count (f->store, "audit_entry", NULL, NULL);
  queued = zx_store_queue_length (f->store);
  {
    g_autoptr(ZxRecord) record = record_of (f->store, "check_in", old_id);
    double corrected = start + (target - start) / 4;
    char text[G_ASCII_DTOSTR_BUF_SIZE];
    const char *params[] = { old_id, "value", NULL };
    g_autoptr(GListStore) entries = NULL;
    g_autoptr(ZxRecord) entry = NULL;
    char before[G_ASCII_DTOSTR_BUF_SIZE];

    editor = OPEN (f, ZX_TYPE_CHECK_IN_EDITOR, "record", record);
    g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==, "Correct Check-in");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "week_row"))), ==, "2026-10-05");
    g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (child (editor, "confidence_scale"))), ==, 6);
    g_assert_true (can_save (editor));
    g_ascii_formatd (text, sizeof text, "%g", corrected);
    gtk_editable_set_text (GTK_EDITABLE (child (editor, "value_row")), text);
    set_text (editor, "note_buffer", "补录：数据来源更正");
    save (editor);

    g_assert_cmpint (zx_store_count (f->store, "audit_entry", NULL, NULL), ==, audits + 2);
    /* the check-in's update and its two audit entries; the key result untouched */
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 3);
    g_assert_cmpfloat (get_double (f->store, "check_in", old_id, "value"), ==, corrected);
    g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "current_value"), ==, later);
    g_assert_cmpint (get_int (f->store, "key_result", kr_id, "confidence"), ==, 7);

    entries = zx_store_list (f->store, "audit_entry", "row_id = ? AND field = ?", params);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (entries)), ==, 1);
    entry = g_list_model_get_item (G_LIST_MODEL (entries), 0);
    g_assert_cmpstr (zx_record_get_string (entry, "entity"), ==, "check_in");
    g_ascii_formatd (before, sizeof before, "%.15g", start);
    g_assert_cmpstr (zx_record_get_string (entry, "old_value"), ==, before);
    g_assert_cmpstr (zx_record_get_string (entry, "at"), ==, NOW);
  }

  /* the latest: a lower confidence moves the key result too */
  audits = zx_store_count (f->store, "audit_entry", NULL, NULL);
  queued = zx_store_queue_length (f->store);
  {
    g_autoptr(ZxRecord) record = record_of (f->store, "check_in", new_id);

    editor = OPEN (f, ZX_TYPE_CHECK_IN_EDITOR, "record", record);
    gtk_range_set_value (GTK_RANGE (child (editor, "confidence_scale")), 4);
    drain ();
    save (editor);
  }
  g_assert_cmpint (zx_store_count (f->store, "audit_entry", NULL, NULL), ==, audits + 1);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 3);
  g_assert_cmpint (get_int (f->store, "key_result", kr_id, "confidence"), ==, 4);
  g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "current_value"), ==, later);

  /* moving the latest back behind the old one: the key result follows the other */
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "week", "2026-10-01");
    g_assert_nonnull (zx_check_in_save (f->store, new_id, kr_id, fields, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *latest = latest_check_in (f->store, kr_id);

    g_assert_cmpstr (latest, !=, new_id);
    g_assert_cmpfloat (get_double (f->store, "key_result", kr_id, "current_value"), ==,
                       get_double (f->store, "check_in", latest, "value"));
    g_assert_cmpint (get_int (f->store, "key_result", kr_id, "confidence"), ==,
                     get_int (f->store, "check_in", latest, "confidence"));
  }
}

/* “Add aligned objective” on a department objective: a person's objective
 * aligned to the whole objective, not to one of its key results */
static void
test_aligned_to_objective (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dept_objective = NULL;
  g_autofree char *dept_kr = NULL;
  g_autofree char *department = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *parent_kr = NULL;
  GtkWidget *editor;

  department_kr (f, "numeric", &dept_objective, &dept_kr);
  department = get_str (f->store, "objective", dept_objective, "department_id");
  title = get_str (f->store, "objective", dept_objective, "title");

  editor = OPEN (f, ZX_TYPE_OBJECTIVE_EDITOR, "level", "personal", "cycle-id", f->quarter,
                 "department-id", department, "parent-objective-id", dept_objective);
  g_assert_cmpstr (chosen (editor, "Aligned to"), ==, title);
  type_into (editor, "Title", "参与科室质控小组");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "owner_row")), 1);
  drain ();
  save (editor);
  {
    const char *params[] = { "参与科室质控小组", NULL };

    id = only_id (f->store, "objective", "title = ?", params);
  }
  parent = get_str (f->store, "objective", id, "parent_objective_id");
  parent_kr = get_str (f->store, "objective", id, "parent_key_result_id");
  g_assert_cmpstr (parent, ==, dept_objective);
  g_assert_null (parent_kr);
}

/* Without presets: a hospital objective of the quarter holding today */
static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *editor = OPEN (f, ZX_TYPE_OBJECTIVE_EDITOR, NULL);

  g_assert_cmpstr (chosen (editor, "Level"), ==, "Hospital");
  g_assert_cmpstr (chosen (editor, "Cycle"), ==, "2026-Q4");
  g_assert_cmpstr (chosen (editor, "Status"), ==, "Active");
  g_assert_true (gtk_widget_get_visible (child (editor, "pillar_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "department_row")));
  /* untouched, a new form shows no problem, but cannot be saved */
  g_assert_false (gtk_widget_get_visible (child (editor, "error_label")));
  g_assert_false (can_save (editor));
  type_into (editor, "Title", "建设区域医疗中心");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "pillar_row")), 1);
  drain ();
  save (editor);
  {
    const char *params[] = { "建设区域医疗中心", NULL };
    g_autofree char *id = only_id (f->store, "objective", "title = ?", params);
    g_autofree char *pillar = get_str (f->store, "objective", id, "pillar_id");
    g_autofree char *department = get_str (f->store, "objective", id, "department_id");

    g_assert_nonnull (pillar);
    g_assert_null (department);
  }
}

/* The forms go away with their window: nothing keeps them alive */
static void
test_finalized (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *objective = NULL;
  g_autofree char *kr = NULL;
  GtkWidget *editors[3];

  department_kr (f, "numeric", &objective, &kr);
  editors[0] = OPEN (f, ZX_TYPE_OBJECTIVE_EDITOR, "level", "personal", "cycle-id", f->quarter);
  editors[1] = OPEN (f, ZX_TYPE_KEY_RESULT_EDITOR, "objective-id", objective);
  editors[2] = OPEN (f, ZX_TYPE_CHECK_IN_EDITOR, "key-result-id", kr);
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      g_object_add_weak_pointer (G_OBJECT (editors[i]), (gpointer *) &editors[i]);
      gtk_window_destroy (GTK_WINDOW (editors[i]));
    }
  settle ();
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    g_assert_null (editors[i]);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gui/okr-editors/personal-aligned-to-department-kr", test_personal_aligned_to_department_kr);
  ADD ("/gui/okr-editors/department-objective", test_department_objective);
  ADD ("/gui/okr-editors/lower-is-better", test_lower_is_better);
  ADD ("/gui/okr-editors/check-in", test_check_in);
  ADD ("/gui/okr-editors/milestone-check-in", test_milestone_check_in);
  ADD ("/gui/okr-editors/correct-past-check-in", test_correct_past_check_in);
  ADD ("/gui/okr-editors/aligned-to-objective", test_aligned_to_objective);
  ADD ("/gui/okr-editors/defaults", test_defaults);
  ADD ("/gui/okr-editors/finalized", test_finalized);

#undef ADD

  return g_test_run ();
}
