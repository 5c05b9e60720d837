/* test-okr-model.c — the OKR forest and the tree model over it
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "okr/zx-okr-model.h"
#include "zx-demo.h"
#include "zx-okr.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"

typedef struct
{
  char       *dir;
  ZxStore    *store;
  ZxOkrModel *model;
  char       *quarter;
} Fixture;

/* items-changed, as they come */
typedef struct
{
  guint count;
  guint position, removed, added;
} Changes;

static void
changes_cb (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            Changes    *changes)
{
  changes->count++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

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
  zx_store_set_now (f->store, TODAY "T08:00:00Z");
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
  g_assert_no_error (error);
  f->quarter = zx_cycle_find (f->store, "2026-Q4");
  g_assert_nonnull (f->quarter);
  f->model = zx_okr_model_new (f->store, NULL);
  zx_okr_model_set_cycle (f->model, f->quarter);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
  g_free (f->quarter);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* The first department objective under the first hospital objective that has one */
static const ZxOkrNode *
first_department_objective (ZxOkrForest *forest)
{
  for (guint i = 0; i < zx_okr_forest_get_n_nodes (forest); i++)
    {
      const ZxOkrNode *node = zx_okr_forest_get_node (forest, i);

      if (node->kind == ZX_OKR_NODE_OBJECTIVE && node->level == ZX_OKR_LEVEL_DEPARTMENT && node->parent >= 0)
        return node;
    }
  g_assert_not_reached ();
}

static void
test_forest (Fixture       *f,
             gconstpointer  data)
{
  ZxOkrForest *forest = zx_okr_model_get_forest (f->model);
  const int *roots;
  guint n_roots, personal_under_kr = 0;

  g_assert_nonnull (forest);
  g_assert_cmpuint (zx_okr_forest_get_n_key_results (forest), >, 20);
  roots = zx_okr_forest_get_roots (forest, &n_roots);
  g_assert_cmpuint (n_roots, >, 0);
  /* hospital objectives (yearly) come first at the roots */
  g_assert_cmpint (zx_okr_forest_get_node (forest, roots[0])->level, ==, ZX_OKR_LEVEL_HOSPITAL);

  for (guint i = 0; i < zx_okr_forest_get_n_nodes (forest); i++)
    {
      const ZxOkrNode *node = zx_okr_forest_get_node (forest, i);

      /* every node is its parent's child, key results first */
      if (node->parent >= 0)
        {
          const ZxOkrNode *parent = zx_okr_forest_get_node (forest, node->parent);
          gboolean found = FALSE;

          for (guint c = 0; c < parent->n_children; c++)
            found |= parent->children[c] == (int) i;
          g_assert_true (found);
          if (node->kind == ZX_OKR_NODE_KEY_RESULT)
            g_assert_cmpint (parent->kind, ==, ZX_OKR_NODE_OBJECTIVE);
        }
      for (guint c = 1; c < node->n_children; c++)
        g_assert_false (zx_okr_forest_get_node (forest, node->children[c - 1])->kind == ZX_OKR_NODE_OBJECTIVE &&
                        zx_okr_forest_get_node (forest, node->children[c])->kind == ZX_OKR_NODE_KEY_RESULT);
      /* personal objectives hang under the department key result they serve */
      if (node->kind == ZX_OKR_NODE_OBJECTIVE && node->level == ZX_OKR_LEVEL_PERSONAL && node->parent >= 0 &&
          zx_okr_forest_get_node (forest, node->parent)->kind == ZX_OKR_NODE_KEY_RESULT)
        personal_under_kr++;
      if (node->owner_id != NULL)
        g_assert_nonnull (zx_okr_forest_get_name (forest, node->owner_id));
    }
  g_assert_cmpuint (personal_under_kr, >, 10);
}

static void
test_items_changed (Fixture       *f,
                    gconstpointer  data)
{
  ZxOkrForest *forest = zx_okr_model_get_forest (f->model);
  const ZxOkrNode *node = first_department_objective (forest);
  g_autofree char *objective_id = g_strdup (node->id);
  GtkTreeListModel *tree = zx_okr_model_get_tree (f->model);
  ZxOkrItem *objective = zx_okr_model_lookup (f->model, objective_id);
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *kr_id = NULL;
  Changes child_changes = { 0 }, root_changes = { 0 }, tree_changes = { 0 };
  guint n_before, n_roots, n_tree;
  int notified = 0;

  g_assert_nonnull (objective);
  n_roots = g_list_model_get_n_items (zx_okr_model_get_roots (f->model));
  /* expand the objective's ancestors and itself in the tree */
  g_assert_true (zx_okr_model_lookup (f->model, objective_id) == objective);
  {
    g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (int));
    int index = zx_okr_forest_find (forest, objective_id);

    for (int up = index; up >= 0; up = zx_okr_forest_get_node (forest, up)->parent)
      g_array_prepend_val (chain, up);
    for (guint depth = 0; depth < chain->len; depth++)
      {
        const char *want = zx_okr_forest_get_node (forest, g_array_index (chain, int, depth))->id;

        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
          {
            g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);
            g_autoptr(ZxOkrItem) item = gtk_tree_list_row_get_item (row);

            if (g_str_equal (zx_okr_item_get_id (item), want))
              {
                gtk_tree_list_row_set_expanded (row, TRUE);
                break;
              }
          }
      }
  }
  g_assert_nonnull (zx_okr_item_get_children (objective));
  children = g_object_ref (G_LIST_MODEL (zx_okr_item_get_children (objective)));
  n_before = g_list_model_get_n_items (children);
  n_tree = g_list_model_get_n_items (G_LIST_MODEL (tree));
  g_signal_connect (children, "items-changed", G_CALLBACK (changes_cb), &child_changes);
  g_signal_connect (zx_okr_model_get_roots (f->model), "items-changed", G_CALLBACK (changes_cb), &root_changes);
  g_signal_connect (tree, "items-changed", G_CALLBACK (changes_cb), &tree_changes);
  g_signal_connect_swapped (objective, "notify::progress", G_CALLBACK (g_atomic_int_inc), &notified);

  /* A new key result: one row inserted among the key results, nothing else */
  fields = zx_test_fields ("objective_id", objective_id, "title", "门诊预约率", "kind", "percentage",
                           "direction", "higher", NULL);
  json_object_set_double_member (fields, "start_value", 20);
  json_object_set_double_member (fields, "target_value", 60);
  json_object_set_double_member (fields, "current_value", 60);
  json_object_set_double_member (fields, "weight", 1);
  json_object_set_string_member (fields, "rank", "zzzz");
  kr_id = zx_store_create (f->store, "key_result", fields, &error);
  g_assert_no_error (error);
  zx_okr_model_reload (f->model);

  g_assert_cmpuint (child_changes.count, ==, 1);
  g_assert_cmpuint (child_changes.removed, ==, 0);
  g_assert_cmpuint (child_changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, n_before + 1);
  {
    g_autoptr(ZxOkrItem) added = g_list_model_get_item (children, child_changes.position);

    g_assert_cmpstr (zx_okr_item_get_id (added), ==, kr_id);
    /* at the end of the key results, before any aligned objective */
    g_assert_false (zx_okr_item_is_objective (added));
    if (child_changes.position + 1 < g_list_model_get_n_items (children))
      {
        g_autoptr(ZxOkrItem) next = g_list_model_get_item (children, child_changes.position + 1);

        g_assert_true (zx_okr_item_is_objective (next));
      }
    g_assert_cmpfloat (zx_okr_item_get_progress (added), ==, 1.0);
  }
  g_assert_cmpuint (root_changes.count, ==, 0);
  g_assert_cmpuint (tree_changes.count, ==, 1);
  g_assert_cmpuint (tree_changes.added, ==, 1);
  g_assert_cmpuint (tree_changes.removed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tree)), ==, n_tree + 1);
  /* the objective's progress took the complete key result in */
  g_assert_cmpint (notified, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (zx_okr_model_get_roots (f->model)), ==, n_roots);

  /* Renaming changes the item in place: no items-changed anywhere */
  child_changes.count = tree_changes.count = 0;
  {
    g_autoptr(JsonObject) changes = zx_test_fields ("title", "门诊预约率（改）", NULL);
    ZxOkrItem *item = zx_okr_model_lookup (f->model, kr_id);
    int titled = 0;

    g_signal_connect_swapped (item, "notify::title", G_CALLBACK (g_atomic_int_inc), &titled);
    g_assert_true (zx_store_update (f->store, "key_result", kr_id, changes, &error));
    g_assert_no_error (error);
    zx_okr_model_reload (f->model);
    g_assert_cmpint (titled, ==, 1);
    g_assert_cmpstr (zx_okr_item_get_title (item), ==, "门诊预约率（改）");
  }
  g_assert_cmpuint (child_changes.count, ==, 0);
  g_assert_cmpuint (tree_changes.count, ==, 0);

  /* Deleting removes exactly that row; restoring brings it back */
  g_assert_true (zx_store_delete (f->store, "key_result", kr_id, &error));
  g_assert_no_error (error);
  zx_okr_model_reload (f->model);
  g_assert_cmpuint (child_changes.count, ==, 1);
  g_assert_cmpuint (child_changes.removed, ==, 1);
  g_assert_cmpuint (child_changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, n_before);
  g_assert_cmpuint (tree_changes.count, ==, 1);
  g_assert_cmpuint (tree_changes.removed, ==, 1);
  g_assert_true (zx_store_restore (f->store, "key_result", kr_id, &error));
  g_assert_no_error (error);
  zx_okr_model_reload (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, n_before + 1);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  ZxOkrForest *forest = zx_okr_model_get_forest (f->model);
  const ZxOkrNode *dept_objective = first_department_objective (forest);
  g_autofree char *dept = g_strdup (dept_objective->department_id);
  GListModel *roots = zx_okr_model_get_roots (f->model);
  ZxOkrFilter filter = { 0 };
  guint all = g_list_model_get_n_items (roots);

  filter.health = -1;
  filter.department_id = dept;
  zx_okr_model_set_filter (f->model, &filter);
  g_assert_true (zx_okr_model_is_filtered (f->model));
  g_assert_cmpuint (g_list_model_get_n_items (roots), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(ZxOkrItem) item = g_list_model_get_item (roots, i);

      g_assert_true (zx_okr_item_is_objective (item));
      g_assert_cmpstr (zx_okr_item_get_department_id (item), ==, dept);
    }

  /* by words in a key result's title, any case */
  filter.department_id = NULL;
  {
    const ZxOkrNode *kr = zx_okr_forest_get_node (forest, dept_objective->children[0]);
    g_autofree char *upper = g_utf8_strup (kr->title, -1);

    g_assert_cmpint (kr->kind, ==, ZX_OKR_NODE_KEY_RESULT);
    filter.search = upper;
    zx_okr_model_set_filter (f->model, &filter);
    g_assert_cmpuint (g_list_model_get_n_items (roots), >=, 1);
    {
      g_autoptr(ZxOkrItem) first = g_list_model_get_item (roots, 0);
      gboolean has = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
        {
          g_autoptr(ZxOkrItem) item = g_list_model_get_item (roots, i);

          has |= g_str_equal (zx_okr_item_get_id (item), dept_objective->id);
        }
      g_assert_true (has);
      (void) first;
    }
  }

  /* nothing matches: empty; no filter: everything back */
  filter.search = "没有这样的目标";
  zx_okr_model_set_filter (f->model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 0);
  zx_okr_model_set_filter (f->model, NULL);
  g_assert_false (zx_okr_model_is_filtered (f->model));
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, all);

  /* health: every root has that health */
  filter.search = NULL;
  filter.health = ZX_HEALTH_AT_RISK;
  zx_okr_model_set_filter (f->model, &filter);
  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(ZxOkrItem) item = g_list_model_get_item (roots, i);

      g_assert_cmpint (zx_okr_item_get_health (item), ==, ZX_HEALTH_AT_RISK);
    }
}

/* An unaligned personal objective is listed as an orphan, at the root */
static void
test_orphans (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *id = NULL;
  const char *owner_id = NULL;
  ZxOkrForest *forest = zx_okr_model_get_forest (f->model);
  ZxOkrFilter filter = { 0 };
  GListModel *roots = zx_okr_model_get_roots (f->model);

  for (guint i = 0; owner_id == NULL && i < zx_okr_forest_get_n_nodes (forest); i++)
    if (zx_okr_forest_get_node (forest, i)->level == ZX_OKR_LEVEL_PERSONAL)
      owner_id = zx_okr_forest_get_node (forest, i)->owner_id;
  fields = zx_test_fields ("cycle_id", f->quarter, "level", "personal", "title", "自学循证医学", "owner_id", owner_id,
                           "status", "active", NULL);
  id = zx_store_create (f->store, "objective", fields, &error);
  g_assert_no_error (error);
  zx_okr_model_reload (f->model);
  g_assert_nonnull (zx_okr_model_lookup (f->model, id));

  filter.health = -1;
  filter.orphans_only = TRUE;
  zx_okr_model_set_filter (f->model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
  {
    g_autoptr(ZxOkrItem) item = g_list_model_get_item (roots, 0);

    g_assert_cmpstr (zx_okr_item_get_id (item), ==, id);
    g_assert_false (zx_okr_item_get_has_progress (item));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/okr-model/forest", Fixture, NULL, fixture_setup, test_forest, fixture_teardown);
  g_test_add ("/okr-model/items-changed", Fixture, NULL, fixture_setup, test_items_changed, fixture_teardown);
  g_test_add ("/okr-model/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/okr-model/orphans", Fixture, NULL, fixture_setup, test_orphans, fixture_teardown);

  return g_test_run ();
}
