/* test-gui-okr.c — the OKR area in a real window: trees, filters, details, check-ins
 *
 * Runs under Xvfb on a temporary database filled with the demo hospital.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "okr/zx-check-in-editor.h"
#include "okr/zx-key-result-editor.h"
#include "okr/zx-objective-editor.h"
#include "okr/zx-okr-page.h"
#include "okr/zx-minutes-document.h"
#include "okr/zx-pace-bar.h"
#include "okr/zx-review-view.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-okr.h"
#include "zx-record-editor.h"
#define ZX_TEST_GUI_OWN_SHOTS /* this test has its own */
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
  ZxOkrPage *page;
} Fixture;

/* Main loop helpers --------------------------------------------------------- */

/* With ZX_TEST_SHOTS=DIR, saves a PNG of @widget as DIR/NAME.png to look at */
static void
maybe_shot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("ZX_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  GskRenderer *renderer;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  settle ();
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
}


/* The form row titled @title under @root */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
type_into (GtkWidget  *editor,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_row (editor, title);

  if (row == NULL)
    g_error ("no row “%s” in the form", title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  drain ();
}

static void
save_editor (GtkWidget *editor)
{
  GType type = G_OBJECT_TYPE (editor);

  g_assert_true (zx_record_editor_is_valid (ZX_RECORD_EDITOR (editor)));
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  drain ();
  /* saved: the form closed */
  g_assert_null (find_toplevel (type));
}

/* Fixture --------------------------------------------------------------------- */

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
  f->context = zx_context_new (f->store, NULL);
  f->window = zx_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window));
  g_assert_true (zx_window_show_area (f->window, "okr"));
  f->page = ZX_OKR_PAGE (zx_window_get_area_page (f->window, "okr"));
  g_assert_nonnull (f->page);
  wait_mapped (GTK_WIDGET (f->page));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  while ((dialog = find_toplevel (ZX_TYPE_RECORD_EDITOR)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Helpers ------------------------------------------------------------------------ */

/* A personal objective's node and the department key result it hangs under */
static const ZxOkrNode *
personal_under_kr (ZxOkrForest *forest)
{
  for (guint i = 0; i < zx_okr_forest_get_n_nodes (forest); i++)
    {
      const ZxOkrNode *node = zx_okr_forest_get_node (forest, i);

      if (node->kind == ZX_OKR_NODE_OBJECTIVE && node->level == ZX_OKR_LEVEL_PERSONAL && node->parent >= 0 &&
          zx_okr_forest_get_node (forest, node->parent)->kind == ZX_OKR_NODE_KEY_RESULT &&
          node->n_children > 0)
        return node;
    }
  g_assert_not_reached ();
}

/* Tests ------------------------------------------------------------------------- */

/* The area opens on the quarter holding today, with the hospital's trees */
static void
test_opens (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *quarter = zx_cycle_find (f->store, "2026-Q4");
  GListModel *rows = zx_okr_page_get_rows (f->page);
  GtkWidget *dropdown = template_child (f->page, ZX_TYPE_OKR_PAGE, "cycle_dropdown");

  g_assert_cmpstr (zx_okr_page_get_cycle (f->page), ==, quarter);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 0);
    g_autoptr(ZxOkrItem) item = gtk_tree_list_row_get_item (row);

    g_assert_true (zx_okr_item_is_objective (item));
    g_assert_cmpint (zx_okr_item_get_level (item), ==, ZX_OKR_LEVEL_HOSPITAL);
    g_assert_true (zx_okr_item_get_has_progress (item));
  }

  /* another cycle from the dropdown: the year */
  {
    g_autofree char *year = zx_cycle_find (f->store, "2026");
    GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
    guint n_before = zx_okr_forest_get_n_key_results (zx_okr_model_get_forest (zx_okr_page_get_model (f->page)));

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        if (g_strcmp0 (zx_okr_page_get_cycle (f->page), year) == 0)
          break;
      }
    g_assert_cmpstr (zx_okr_page_get_cycle (f->page), ==, year);
    /* a year holds its quarters' key results too */
    g_assert_cmpuint (zx_okr_forest_get_n_key_results (zx_okr_model_get_forest (zx_okr_page_get_model (f->page))), >=, n_before);
  }
}

/* Selecting shows the item's numbers, check-in chart and alignment */
static void
test_select_and_detail (Fixture       *f,
                        gconstpointer  data)
{
  ZxOkrForest *forest = zx_okr_model_get_forest (zx_okr_page_get_model (f->page));
  const ZxOkrNode *personal = personal_under_kr (forest);
  const ZxOkrNode *kr = zx_okr_forest_get_node (forest, personal->children[0]);
  GtkWidget *detail = zx_okr_page_get_detail (f->page);
  g_autofree char *kr_id = g_strdup (kr->id);

  g_assert_cmpint (kr->kind, ==, ZX_OKR_NODE_KEY_RESULT);
  g_assert_true (zx_okr_page_select (f->page, kr_id));
  drain ();
  g_assert_nonnull (zx_okr_page_get_selected (f->page));
  g_assert_cmpstr (zx_okr_item_get_id (zx_okr_page_get_selected (f->page)), ==, kr_id);
  /* the detail panel: a pace bar, the chart, the buttons */
  g_assert_nonnull (find_descendant (detail, ZX_TYPE_PACE_BAR));
  g_assert_nonnull (find_descendant (detail, GTK_TYPE_FLOW_BOX));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "okr.check-in", "s", kr_id));
  {
    GtkWidget *editor = find_toplevel (ZX_TYPE_CHECK_IN_EDITOR);

    g_assert_nonnull (editor);
    gtk_window_destroy (GTK_WINDOW (editor));
  }
}

/* A check-in on a personal key result moves its bar and its objective's */
static void
test_check_in_moves_progress (Fixture       *f,
                              gconstpointer  data)
{
  ZxOkrModel *model = zx_okr_page_get_model (f->page);
  ZxOkrForest *forest = zx_okr_model_get_forest (model);
  const ZxOkrNode *personal = personal_under_kr (forest);
  const ZxOkrNode *kr = zx_okr_forest_get_node (forest, personal->children[0]);
  g_autofree char *kr_id = g_strdup (kr->id);
  g_autofree char *objective_id = g_strdup (personal->id);
  ZxOkrItem *kr_item, *objective_item;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GError) error = NULL;
  double kr_before, objective_before, target = kr->target;
  int notified = 0;

  g_assert_true (zx_okr_page_select (f->page, kr_id));
  drain ();
  kr_item = zx_okr_model_lookup (model, kr_id);
  objective_item = zx_okr_model_lookup (model, objective_id);
  kr_before = zx_okr_item_get_progress (kr_item);
  objective_before = zx_okr_item_get_progress (objective_item);
  g_assert_cmpfloat (kr_before, <, 1.0);
  g_signal_connect_swapped (objective_item, "notify::progress", G_CALLBACK (g_atomic_int_inc), &notified);

  /* the target reached, through the check-in's own save */
  fields = json_object_new ();
  json_object_set_string_member (fields, "week", "2026-11-16");
  if (g_strcmp0 (kr->kr_kind, "milestone") == 0)
    json_object_set_boolean_member (fields, "milestone_done", TRUE);
  else
    json_object_set_double_member (fields, "value", target);
  json_object_set_int_member (fields, "confidence", 9);
  json_object_set_string_member (fields, "note", "按计划完成");
  g_assert_nonnull (zx_check_in_save (f->store, NULL, kr_id, fields, &error));
  g_assert_no_error (error);
  settle ();

  g_assert_cmpfloat (zx_okr_item_get_progress (kr_item), ==, 1.0);
  g_assert_cmpint (zx_okr_item_get_confidence (kr_item), ==, 9);
  g_assert_cmpfloat (zx_okr_item_get_progress (objective_item), >, objective_before);
  g_assert_cmpint (notified, >=, 1);

  maybe_shot (GTK_WIDGET (f->window), "okr-check-in");

  /* the list draws its bars with the pace bar widget */
  g_assert_nonnull (find_descendant (template_child (f->page, ZX_TYPE_OKR_PAGE, "column_view"), ZX_TYPE_PACE_BAR));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *departments = template_child (f->page, ZX_TYPE_OKR_PAGE, "department_dropdown");
  GtkWidget *orphans = template_child (f->page, ZX_TYPE_OKR_PAGE, "orphans_button");
  GtkWidget *search = template_child (f->page, ZX_TYPE_OKR_PAGE, "search_entry");
  GtkWidget *empty = template_child (f->page, ZX_TYPE_OKR_PAGE, "tree_stack");
  ZxOkrModel *model = zx_okr_page_get_model (f->page);
  GListModel *roots = zx_okr_model_get_roots (model);

  /* one department: its objectives at the root */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (departments), 1);
  drain ();
  g_assert_true (zx_okr_model_is_filtered (model));
  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(ZxOkrItem) item = g_list_model_get_item (roots, i);

      g_assert_nonnull (zx_okr_item_get_department_id (item));
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (departments), 0);
  drain ();
  g_assert_false (zx_okr_model_is_filtered (model));

  /* words nobody wrote: the empty state says so */
  gtk_editable_set_text (GTK_EDITABLE (search), "没有这样的目标");
  g_signal_emit_by_name (search, "search-changed");
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (empty)), ==, "empty");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  drain ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (empty)), ==, "tree");

  /* the demo's personal objectives are all aligned */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (orphans), TRUE);
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (orphans), FALSE);
}

/* Delete from the keyboard's action, then undo */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  ZxOkrModel *model = zx_okr_page_get_model (f->page);
  ZxOkrForest *forest = zx_okr_model_get_forest (model);
  const ZxOkrNode *personal = personal_under_kr (forest);
  g_autofree char *id = g_strdup (zx_okr_forest_get_node (forest, personal->children[0])->id);
  const char *params[] = { id, NULL };

  g_assert_true (zx_okr_page_select (f->page, id));
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "okr.delete-selected", NULL));
  settle ();
  g_assert_cmpint (zx_store_count (f->store, "key_result", "id = ?", params), ==, 0);
  g_assert_null (zx_okr_model_lookup (model, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "okr.undo", NULL));
  settle ();
  g_assert_cmpint (zx_store_count (f->store, "key_result", "id = ?", params), ==, 1);
  g_assert_nonnull (zx_okr_model_lookup (model, id));
}


/* The whole way through the window: a person aligns an objective to a
 * department key result, adds a key result, checks in; the bar and the
 * objective's progress follow */
static void
test_personal_okr_through_forms (Fixture       *f,
                                 gconstpointer  data)
{
  ZxOkrModel *model = zx_okr_page_get_model (f->page);
  ZxOkrForest *forest = zx_okr_model_get_forest (model);
  const ZxOkrNode *personal = personal_under_kr (forest);
  g_autofree char *dept_kr = g_strdup (zx_okr_forest_get_node (forest, personal->parent)->id);
  const char *params[] = { dept_kr, "自学循证医学，提升病历质量", NULL };
  g_autoptr(GListStore) created = NULL;
  g_autofree char *objective_id = NULL;
  g_autofree char *kr_id = NULL;
  gint64 queued = zx_store_queue_length (f->store);
  GtkWidget *editor;

  /* 1. an objective aligned under the department key result */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "okr.new-aligned", "s", dept_kr));
  editor = opened_editor (ZX_TYPE_OBJECTIVE_EDITOR);
  type_into (editor, "Title", "自学循证医学，提升病历质量");
  {
    AdwComboRow *owner = ADW_COMBO_ROW (find_row (editor, "Owner"));

    g_assert_nonnull (owner);
    adw_combo_row_set_selected (owner, 1);   /* the first of the department's staff */
    drain ();
  }
  maybe_shot (editor, "okr-objective-editor");
  save_editor (editor);
  created = zx_store_list (f->store, "objective", "parent_key_result_id = ? AND title = ?", params);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (created)), ==, 1);
  {
    g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (created), 0);

    objective_id = g_strdup (zx_record_get_id (o));
    g_assert_cmpstr (zx_record_get_string (o, "level"), ==, "personal");
  }
  settle ();
  /* it hangs under the key result in the tree */
  forest = zx_okr_model_get_forest (model);
  g_assert_cmpstr (zx_okr_forest_get_node (forest, zx_okr_forest_get_node (forest, zx_okr_forest_find (forest, objective_id))->parent)->id,
                   ==, dept_kr);
  g_assert_false (zx_okr_item_get_has_progress (zx_okr_model_lookup (model, objective_id)));

  /* 2. a key result: 20% → 60%; a target equal to the start is refused in the form */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "okr.new-key-result", "s", objective_id));
  editor = opened_editor (ZX_TYPE_KEY_RESULT_EDITOR);
  type_into (editor, "Title", "病历甲级率");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (editor, "Kind")), 1);   /* percentage */
  type_into (editor, "Start value", "20");
  type_into (editor, "Target value", "20");
  g_assert_false (zx_record_editor_is_valid (ZX_RECORD_EDITOR (editor)));
  g_assert_true (gtk_widget_has_css_class (find_row (editor, "Target value"), "error"));
  type_into (editor, "Target value", "60");
  maybe_shot (editor, "okr-kr-editor");
  save_editor (editor);
  {
    const char *by_objective[] = { objective_id, NULL };
    g_autoptr(GListStore) krs = zx_store_list (f->store, "key_result", "objective_id = ?", by_objective);
    g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), 0);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (krs)), ==, 1);
    kr_id = g_strdup (zx_record_get_id (kr));
  }
  settle ();
  g_assert_true (zx_okr_page_select (f->page, kr_id));
  drain ();

  /* 3. a check-in: 40% is half way */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "okr.check-in-selected", NULL));
  editor = opened_editor (ZX_TYPE_CHECK_IN_EDITOR);
  type_into (editor, "New value (%)", "40");
  maybe_shot (editor, "okr-check-in-editor");
  save_editor (editor);
  settle ();
  g_assert_cmpfloat_with_epsilon (zx_okr_item_get_progress (zx_okr_model_lookup (model, kr_id)), 0.5, 1e-9);
  g_assert_true (zx_okr_item_get_has_progress (zx_okr_model_lookup (model, objective_id)));
  g_assert_cmpfloat_with_epsilon (zx_okr_item_get_progress (zx_okr_model_lookup (model, objective_id)), 0.5, 1e-9);
  /* objective, key result, check-in and the key result's new value: all queued for sync */
  g_assert_cmpint (zx_store_queue_length (f->store), >=, queued + 4);
  maybe_shot (GTK_WIDGET (f->window), "okr-personal");
}

/* The weekly review: items from the check-ins, a decision without owner flagged after 24 hours */
static void
test_weekly_review (Fixture       *f,
                    gconstpointer  data)
{
  ZxOkrForest *forest = zx_okr_model_get_forest (zx_okr_page_get_model (f->page));
  const ZxOkrNode *personal = personal_under_kr (forest);
  g_autofree char *department = g_strdup (personal->department_id);
  const char *cycle = zx_okr_page_get_cycle (f->page);
  g_autofree char *meeting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 queued = zx_store_queue_length (f->store);
  const char *params[] = { NULL, NULL };
  GtkWidget *view;
  GDate week;
  gint64 n_items;

  zx_okr_page_set_view (f->page, "review");
  view = find_descendant (GTK_WIDGET (f->page), ZX_TYPE_REVIEW_VIEW);
  g_assert_nonnull (view);
  zx_review_view_set_department (ZX_REVIEW_VIEW (view), department);

  /* Ctrl+N, wherever the page's focus is, starts a meeting here, not an objective */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "okr.new-objective", NULL));
  drain ();
  g_assert_null (find_toplevel (ZX_TYPE_RECORD_EDITOR));
  {
    GtkWidget *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    gtk_window_destroy (GTK_WINDOW (dialog));
    drain ();
  }

  g_date_clear (&week, 1);
  g_date_set_dmy (&week, 18, 11, 2026);
  zx_review_start (f->store, department, cycle, &week, &meeting, &error);
  g_assert_no_error (error);
  params[0] = meeting;
  n_items = zx_store_count (f->store, "meeting_item", "meeting_id = ?", params);
  g_assert_cmpint (n_items, >, 0);
  /* one transaction: the meeting and its items */
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1 + n_items);
  {
    g_autoptr(JsonObject) m = zx_store_get (f->store, "meeting", meeting, NULL);

    g_assert_cmpstr (json_object_get_string_member (m, "held_on"), ==, "2026-11-16");
  }

  settle ();
  zx_review_view_open_meeting (ZX_REVIEW_VIEW (view), meeting);
  g_assert_cmpuint (zx_review_view_get_n_items (ZX_REVIEW_VIEW (view)), ==, (guint) n_items);
  g_assert_true (gtk_widget_activate_action (view, "review.next", NULL));
  g_assert_cmpuint (zx_review_view_get_position (ZX_REVIEW_VIEW (view)), ==, 1);
  maybe_shot (GTK_WIDGET (f->window), "okr-review");

  /* a decision with nobody to do it */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(ZxRecord) record = NULL;
    g_autofree char *id = NULL;

    json_object_set_string_member (fields, "meeting_id", meeting);
    json_object_set_string_member (fields, "content", "协调信息科开通病历质控接口");
    json_object_set_string_member (fields, "status", "open");
    json_object_set_string_member (fields, "created_at", NOW);
    id = zx_store_create (f->store, "decision", fields, &error);
    g_assert_no_error (error);
    record = zx_record_new (zx_schema_lookup ("decision"), zx_store_get (f->store, "decision", id, NULL));

    zx_store_set_now (f->store, "2026-11-23T07:00:00Z");   /* 23 hours later */
    g_assert_false (zx_review_decision_is_flagged (f->store, record, 24));
    zx_store_set_now (f->store, "2026-11-23T09:00:00Z");   /* 25 hours later */
    g_assert_true (zx_review_decision_is_flagged (f->store, record, 24));
    g_assert_cmpuint (zx_review_count_flagged (f->store, meeting, 24), ==, 1);
  }

  /* the minutes */
  {
    g_autofree char *pdf = g_build_filename (f->dir, "minutes.pdf", NULL);
    g_autoptr(ZxMinutesDocument) document = zx_minutes_document_new (f->store, meeting, &error);

    g_assert_no_error (error);
    g_assert_true (zx_minutes_document_export_pdf (document, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
}


/* Correcting a past check-in is written to the audit log; the key result
 * follows only its latest check-in; a bad check-in changes nothing */
static void
test_check_in_audit (Fixture       *f,
                     gconstpointer  data)
{
  ZxOkrForest *forest = zx_okr_model_get_forest (zx_okr_page_get_model (f->page));
  const ZxOkrNode *personal = personal_under_kr (forest);
  const ZxOkrNode *kr = NULL;
  g_autofree char *kr_id = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audits, queued;

  for (guint i = 0; i < personal->n_children && kr == NULL; i++)
    {
      const ZxOkrNode *child = zx_okr_forest_get_node (forest, personal->children[i]);

      if (child->kind == ZX_OKR_NODE_KEY_RESULT && g_strcmp0 (child->kr_kind, "milestone") != 0)
        kr = child;
    }
  g_assert_nonnull (kr);
  kr_id = g_strdup (kr->id);

  /* an old week, then this week */
  fields = json_object_new ();
  json_object_set_string_member (fields, "week", "2026-10-05");
  json_object_set_double_member (fields, "value", kr->start);
  json_object_set_int_member (fields, "confidence", 6);
  old_id = zx_check_in_save (f->store, NULL, kr_id, fields, &error);
  g_assert_no_error (error);
  json_object_set_string_member (fields, "week", "2026-11-30");
  json_object_set_double_member (fields, "value", kr->target);
  json_object_set_int_member (fields, "confidence", 8);
  new_id = zx_check_in_save (f->store, NULL, kr_id, fields, &error);
  g_assert_no_error (error);
  before = zx_store_get (f->store, "key_result", kr_id, NULL);
  g_assert_cmpfloat (json_object_get_double_member (before, "current_value"), ==, kr->target);

  /* correcting the old one: two fields changed, two audit entries; the key
   * result keeps its latest value */
  audits = zx_store_count (f->store, "audit_entry", NULL, NULL);
  {
    g_autoptr(JsonObject) correction = json_object_new ();

    json_object_set_double_member (correction, "value", kr->start + (kr->target - kr->start) / 4);
    json_object_set_string_member (correction, "note", "补录：数据来源更正");
    g_assert_nonnull (zx_check_in_save (f->store, old_id, kr_id, correction, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (zx_store_count (f->store, "audit_entry", NULL, NULL), ==, audits + 2);
  {
    const char *params[] = { old_id, NULL };
    g_autoptr(GListStore) entries = zx_store_list (f->store, "audit_entry", "row_id = ?", params);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (entries)), ==, 2);
  }
  after = zx_store_get (f->store, "key_result", kr_id, NULL);
  g_assert_cmpfloat (json_object_get_double_member (after, "current_value"), ==, kr->target);

  /* a confidence of 11 is refused, and nothing at all is written */
  queued = zx_store_queue_length (f->store);
  audits = zx_store_count (f->store, "audit_entry", NULL, NULL);
  {
    g_autoptr(JsonObject) bad = json_object_new ();
    g_autoptr(GError) refused = NULL;

    json_object_set_string_member (bad, "week", "2026-11-30");
    json_object_set_double_member (bad, "value", kr->start);
    json_object_set_int_member (bad, "confidence", 11);
    g_assert_null (zx_check_in_save (f->store, NULL, kr_id, bad, &refused));
    g_assert_nonnull (refused);
  }
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  g_assert_cmpint (zx_store_count (f->store, "audit_entry", NULL, NULL), ==, audits);
  {
    g_autoptr(JsonObject) unchanged = zx_store_get (f->store, "key_result", kr_id, NULL);

    g_assert_cmpfloat (json_object_get_double_member (unchanged, "current_value"), ==, kr->target);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gui/okr/opens", test_opens);
  ADD ("/gui/okr/select-and-detail", test_select_and_detail);
  ADD ("/gui/okr/check-in-moves-progress", test_check_in_moves_progress);
  ADD ("/gui/okr/filters", test_filters);
  ADD ("/gui/okr/delete-undo", test_delete_undo);
  ADD ("/gui/okr/personal-okr-through-forms", test_personal_okr_through_forms);
  ADD ("/gui/okr/weekly-review", test_weekly_review);
  ADD ("/gui/okr/check-in-audit", test_check_in_audit);

#undef ADD

  return g_test_run ();
}
