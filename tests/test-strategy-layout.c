/* test-strategy-layout.c — the strategy map's layout
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "zx-demo.h"
#include "zx-rank.h"
#include "strategy/zx-strategy-layout.h"
#include "zx-test-util.h"

#define TODAY "2026-05-15"

typedef struct
{
  char    *dir;
  ZxStore *store;
} Fixture;

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
  if (data != NULL)
    {
      g_assert_true (zx_demo_populate (f->store, TODAY, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

static ZxStrategyLayout *
layout_of (ZxStore *store)
{
  g_autoptr(GError) error = NULL;
  ZxStrategyLayout *layout = zx_strategy_layout_new (store, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

/* Every record of @entity has a node of @type */
static guint
assert_all_shown (ZxStrategyLayout   *layout,
                  ZxStore            *store,
                  const char         *entity,
                  ZxStrategyNodeType  type)
{
  g_autoptr(GListStore) rows = zx_store_list (store, entity, NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      int index = zx_strategy_layout_find (layout, zx_record_get_id (row));
      const ZxStrategyNode *node;

      g_assert_cmpint (index, >=, 0);
      node = zx_strategy_layout_get_node (layout, index);
      g_assert_cmpint (node->type, ==, type);
      g_assert_cmpstr (node->label, ==, zx_record_get_string (row, "name"));
      g_assert_nonnull (node->text);
    }
  return n;
}

static gboolean
overlap (const ZxStrategyRect *a,
         const ZxStrategyRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_no_overlap (ZxStrategyLayout *layout)
{
  guint n = zx_strategy_layout_get_n_nodes (layout);
  double w, h;
  ZxStrategyRect legend;

  zx_strategy_layout_get_size (layout, &w, &h);
  zx_strategy_layout_get_legend_rect (layout, &legend);
  for (guint i = 0; i < n; i++)
    {
      const ZxStrategyNode *a = zx_strategy_layout_get_node (layout, i);

      /* inside the map, and its text inside the node */
      g_assert_cmpfloat (a->rect.x, >=, 0);
      g_assert_cmpfloat (a->rect.y, >=, 0);
      g_assert_cmpfloat (a->rect.x + a->rect.width, <=, w);
      g_assert_cmpfloat (a->rect.y + a->rect.height, <=, h);
      g_assert_cmpfloat (a->text_rect.x + a->text_rect.width, <=, a->rect.width);
      g_assert_cmpfloat (a->text_rect.y + a->text_rect.height, <=, a->rect.height + 0.01);
      g_assert_false (overlap (&a->rect, &legend));

      for (guint j = i + 1; j < n; j++)
        {
          const ZxStrategyNode *b = zx_strategy_layout_get_node (layout, j);

          if (overlap (&a->rect, &b->rect))
            g_error ("“%s” overlaps “%s”", a->label, b->label);
          /* department cards do not overlap either */
          if (a->type == ZX_STRATEGY_NODE_DEPARTMENT && b->type == ZX_STRATEGY_NODE_DEPARTMENT)
            g_assert_false (overlap (&a->group, &b->group));
        }
    }
}

/* Tests --------------------------------------------------------------------- */

static void
test_demo_nodes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = layout_of (f->store);
  const ZxStrategyNode *goal;
  guint pillars, factors, battles, unsigned_pledges = 0;
  double last_x = -1;

  g_assert_cmpuint (zx_strategy_layout_get_n_nodes (layout), >, 0);
  goal = zx_strategy_layout_get_node (layout, 0);
  g_assert_cmpint (goal->type, ==, ZX_STRATEGY_NODE_GOAL);
  g_assert_cmpstr (goal->label, ==, "建设区域医疗中心");
  g_assert_cmpstr (zx_strategy_layout_get_plan_name (layout), ==, "2025—2027年发展规划");
  g_assert_nonnull (zx_strategy_layout_get_hospital_name (layout));
  g_assert_cmpint (zx_strategy_layout_get_year (layout), ==, 2026);

  pillars = assert_all_shown (layout, f->store, "pillar", ZX_STRATEGY_NODE_PILLAR);
  factors = assert_all_shown (layout, f->store, "success_factor", ZX_STRATEGY_NODE_FACTOR);
  battles = assert_all_shown (layout, f->store, "battle", ZX_STRATEGY_NODE_BATTLE);
  assert_all_shown (layout, f->store, "department", ZX_STRATEGY_NODE_DEPARTMENT);
  g_assert_cmpuint (pillars, ==, 4);
  g_assert_cmpuint (factors, ==, 13);
  g_assert_cmpuint (battles, ==, 36);
  g_assert_cmpuint (zx_strategy_layout_get_n_pillars (layout), ==, 4);

  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
    {
      const ZxStrategyNode *node = zx_strategy_layout_get_node (layout, i);

      switch (node->type)
        {
        case ZX_STRATEGY_NODE_PILLAR:
          /* in rank order, left to right, under the goal */
          g_assert_cmpfloat (node->rect.x, >, last_x);
          g_assert_cmpfloat (node->rect.y, >, goal->rect.y + goal->rect.height);
          last_x = node->rect.x;
          break;
        case ZX_STRATEGY_NODE_FACTOR:
          {
            const ZxStrategyNode *pillar = zx_strategy_layout_get_node (layout, node->parent);

            g_assert_cmpint (pillar->type, ==, ZX_STRATEGY_NODE_PILLAR);
            g_assert_cmpfloat (node->rect.y, >, pillar->rect.y + pillar->rect.height);
            /* beneath its pillar */
            g_assert_cmpfloat (fabs ((node->rect.x + node->rect.width / 2) - (pillar->rect.x + pillar->rect.width / 2)), <, 1);
          }
          break;
        case ZX_STRATEGY_NODE_BATTLE:
          {
            const ZxStrategyNode *dept = zx_strategy_layout_get_node (layout, node->parent);

            /* inside its department's card, below the header */
            g_assert_cmpint (dept->type, ==, ZX_STRATEGY_NODE_DEPARTMENT);
            g_assert_cmpfloat (node->rect.y, >=, dept->rect.y + dept->rect.height);
            g_assert_cmpfloat (node->rect.x, >=, dept->group.x);
            g_assert_cmpfloat (node->rect.y + node->rect.height, <=, dept->group.y + dept->group.height);
            g_assert_cmpint (node->status, >=, ZX_STRATEGY_STATUS_PLANNED);
          }
          break;
        case ZX_STRATEGY_NODE_DEPARTMENT:
          unsigned_pledges += !node->pledge_signed;
          break;
        case ZX_STRATEGY_NODE_GOAL:
        default:
          break;
        }
    }
  /* the demo's two heads who have not signed */
  g_assert_cmpuint (unsigned_pledges, ==, 2);
  /* pillars, statuses, the badge and — the demo has OKRs — the progress bar */
  g_assert_cmpuint (zx_strategy_layout_get_n_legend_items (layout), ==, 4 + ZX_STRATEGY_N_STATUS + 2);

  /* Colours follow progress once OKRs exist: battles served by department
   * objectives with key results, and every pillar, carry their progress */
  {
    guint battles_with_progress = 0, pillars_with_progress = 0;

    for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
      {
        const ZxStrategyNode *node = zx_strategy_layout_get_node (layout, i);

        if (!node->has_progress)
          continue;
        g_assert_cmpfloat (node->progress, >=, 0);
        g_assert_cmpfloat (node->progress, <=, 1);
        if (node->type == ZX_STRATEGY_NODE_BATTLE)
          {
            battles_with_progress++;
            g_assert_nonnull (node->progress_text);
          }
        else if (node->type == ZX_STRATEGY_NODE_PILLAR)
          pillars_with_progress++;
        else
          g_assert_not_reached ();
      }
    g_assert_cmpuint (battles_with_progress, >, 5);
    g_assert_cmpuint (pillars_with_progress, ==, 4);
  }
}

static void
test_demo_no_overlap (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = layout_of (f->store);

  assert_no_overlap (layout);
}

static void
test_demo_links (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = layout_of (f->store);
  g_autoptr(GListStore) battles = zx_store_list (f->store, "battle", NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (battles));

  g_assert_cmpuint (zx_strategy_layout_get_n_edges (layout), ==, n);
  for (guint i = 0; i < zx_strategy_layout_get_n_edges (layout); i++)
    {
      const ZxStrategyEdge *edge = zx_strategy_layout_get_edge (layout, i);
      const ZxStrategyNode *battle = zx_strategy_layout_get_node (layout, edge->from);
      const ZxStrategyNode *pillar = zx_strategy_layout_get_node (layout, edge->to);
      g_autoptr(JsonObject) row = zx_store_get (f->store, "battle", battle->id, NULL);

      g_assert_cmpint (battle->type, ==, ZX_STRATEGY_NODE_BATTLE);
      g_assert_cmpint (pillar->type, ==, ZX_STRATEGY_NODE_PILLAR);
      /* the pillar the store says it serves */
      g_assert_cmpstr (pillar->id, ==, json_object_get_string_member (row, "pillar_id"));
      g_assert_cmpint (battle->pillar, ==, edge->to);
      /* the curve ends on that pillar's node and starts beside the battle */
      g_assert_cmpfloat (edge->x3, >=, pillar->rect.x);
      g_assert_cmpfloat (edge->x3, <=, pillar->rect.x + pillar->rect.width);
      g_assert_cmpfloat (fabs (edge->y3 - (pillar->rect.y + pillar->rect.height)), <, 1);
      g_assert_cmpfloat (edge->y0, >=, battle->rect.y);
      g_assert_cmpfloat (edge->y0, <=, battle->rect.y + battle->rect.height);
      g_assert_cmpfloat (fabs (edge->x0 - battle->rect.x) < 20 ||
                         fabs (edge->x0 - (battle->rect.x + battle->rect.width)) < 20, ==, TRUE);
    }
}

static void
test_demo_hit_test (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = layout_of (f->store);

  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
    {
      ZxStrategyRect r;

      g_assert_true (zx_strategy_layout_get_bounds (layout, (int) i, &r));
      g_assert_cmpint (zx_strategy_layout_hit_test (layout, r.x + r.width / 2, r.y + r.height / 2), ==, (int) i);
      g_assert_cmpint (zx_strategy_layout_hit_test (layout, r.x + 1, r.y + 1), ==, (int) i);
    }
  g_assert_cmpint (zx_strategy_layout_hit_test (layout, 1, 1), ==, -1);
  g_assert_cmpint (zx_strategy_layout_hit_test (layout, -100, -100), ==, -1);
  g_assert_false (zx_strategy_layout_get_bounds (layout, -1, &(ZxStrategyRect) { 0 }));
}

static void
test_demo_navigation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = layout_of (f->store);
  guint n = zx_strategy_layout_get_n_nodes (layout);
  int first_pillar = -1, second_pillar = -1, index, steps;
  g_autofree guint8 *seen = g_malloc0 (n);

  for (guint i = 0; i < n; i++)
    {
      const ZxStrategyNode *node = zx_strategy_layout_get_node (layout, i);

      if (node->type == ZX_STRATEGY_NODE_PILLAR && node->pillar_rank == 0)
        first_pillar = (int) i;
      if (node->type == ZX_STRATEGY_NODE_PILLAR && node->pillar_rank == 1)
        second_pillar = (int) i;
    }

  /* Down from the goal lands on a pillar; right goes to the next pillar,
   * left comes back */
  index = zx_strategy_layout_get_neighbour (layout, 0, ZX_STRATEGY_DIRECTION_DOWN);
  g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->type, ==, ZX_STRATEGY_NODE_PILLAR);
  g_assert_cmpint (zx_strategy_layout_get_neighbour (layout, first_pillar, ZX_STRATEGY_DIRECTION_RIGHT), ==, second_pillar);
  g_assert_cmpint (zx_strategy_layout_get_neighbour (layout, second_pillar, ZX_STRATEGY_DIRECTION_LEFT), ==, first_pillar);
  g_assert_cmpint (zx_strategy_layout_get_neighbour (layout, first_pillar, ZX_STRATEGY_DIRECTION_UP), ==, 0);
  g_assert_cmpint (zx_strategy_layout_get_neighbour (layout, 0, ZX_STRATEGY_DIRECTION_UP), ==, -1);

  /* Down from a pillar: its first factor */
  index = zx_strategy_layout_get_neighbour (layout, first_pillar, ZX_STRATEGY_DIRECTION_DOWN);
  g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->type, ==, ZX_STRATEGY_NODE_FACTOR);
  g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->parent, ==, first_pillar);

  /* Going down always ends, through factors and departments to a battle */
  index = first_pillar;
  for (steps = 0; steps < 100; steps++)
    {
      int next = zx_strategy_layout_get_neighbour (layout, index, ZX_STRATEGY_DIRECTION_DOWN);
      ZxStrategyRect a, b;

      if (next < 0)
        break;
      zx_strategy_layout_get_bounds (layout, index, &a);
      zx_strategy_layout_get_bounds (layout, next, &b);
      g_assert_cmpfloat (b.y, >=, a.y + a.height);
      seen[next] = 1;
      index = next;
    }
  g_assert_cmpint (steps, <, 100);
  g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->type, ==, ZX_STRATEGY_NODE_BATTLE);

  /* Every node can be reached from the goal with the four arrows */
  memset (seen, 0, n);
  {
    g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (int));
    int start = 0;
    guint reached = 1;

    seen[0] = 1;
    g_array_append_val (queue, start);
    for (guint q = 0; q < queue->len; q++)
      for (int d = 0; d < 4; d++)
        {
          int next = zx_strategy_layout_get_neighbour (layout, g_array_index (queue, int, q), d);

          if (next >= 0 && !seen[next])
            {
              seen[next] = 1;
              reached++;
              g_array_append_val (queue, next);
            }
        }
    g_assert_cmpuint (reached, ==, n);
  }
}

static void
test_demo_chain (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = layout_of (f->store);
  guint n = zx_strategy_layout_get_n_nodes (layout);
  g_autofree guint8 *mask = g_malloc0 (n);
  int pillar = -1;

  for (guint i = 0; i < n && pillar < 0; i++)
    if (zx_strategy_layout_get_node (layout, i)->type == ZX_STRATEGY_NODE_PILLAR)
      pillar = (int) i;

  g_assert_true (zx_strategy_layout_get_chain (layout, pillar, mask));
  for (guint i = 0; i < n; i++)
    {
      const ZxStrategyNode *node = zx_strategy_layout_get_node (layout, i);
      gboolean expected;

      switch (node->type)
        {
        case ZX_STRATEGY_NODE_PILLAR:
          expected = (int) i == pillar;
          break;
        case ZX_STRATEGY_NODE_FACTOR:
        case ZX_STRATEGY_NODE_BATTLE:
          expected = node->pillar == pillar;
          break;
        case ZX_STRATEGY_NODE_DEPARTMENT:
          expected = FALSE;
          for (guint j = 0; j < n; j++)
            {
              const ZxStrategyNode *b = zx_strategy_layout_get_node (layout, j);

              if (b->type == ZX_STRATEGY_NODE_BATTLE && b->parent == (int) i && b->pillar == pillar)
                expected = TRUE;
            }
          break;
        case ZX_STRATEGY_NODE_GOAL:
        default:
          expected = FALSE;
        }
      g_assert_cmpint (mask[i], ==, expected);
    }

  /* A battle's chain is its pillar's; the goal has none */
  for (guint i = 0; i < n; i++)
    if (zx_strategy_layout_get_node (layout, i)->type == ZX_STRATEGY_NODE_BATTLE)
      {
        g_autofree guint8 *other = g_malloc0 (n);

        g_assert_true (zx_strategy_layout_get_chain (layout, (int) i, other));
        g_assert_true (other[zx_strategy_layout_get_node (layout, i)->pillar]);
        g_assert_true (other[i]);
        break;
      }
  g_assert_false (zx_strategy_layout_get_chain (layout, 0, mask));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = layout_of (f->store);
  g_autoptr(GError) error = NULL;
  ZxStrategyLayout *missing;

  g_assert_cmpuint (zx_strategy_layout_get_n_nodes (layout), ==, 0);
  g_assert_cmpint (zx_strategy_layout_hit_test (layout, 10, 10), ==, -1);
  g_assert_cmpint (zx_strategy_layout_get_neighbour (layout, -1, ZX_STRATEGY_DIRECTION_DOWN), ==, -1);

  missing = zx_strategy_layout_new (f->store, "00000000-0000-4000-8000-000000000000", 0, &error);
  g_assert_null (missing);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
}

/* 150 departments × 3 battles, 4 pillars × 3 factors, written in bulk */
static void
fill_large (ZxStore *store)
{
  g_autoptr(GError) error = NULL;
  const ZxEntity *e_plan = zx_schema_lookup ("plan"), *e_pillar = zx_schema_lookup ("pillar");
  const ZxEntity *e_factor = zx_schema_lookup ("success_factor"), *e_dept = zx_schema_lookup ("department");
  const ZxEntity *e_battle = zx_schema_lookup ("battle"), *e_pledge = zx_schema_lookup ("pledge");
  const ZxEntity *e_hospital = zx_schema_lookup ("hospital");
  static const char * const states[] = { "planned", "in_progress", "at_risk", "achieved", "dropped" };
  g_autofree char *plan = g_uuid_string_random ();
  char *pillars[4];
  g_auto(GStrv) pillar_ranks = zx_rank_spread (4);
  g_auto(GStrv) dept_ranks = zx_rank_spread (150);
  JsonObject *row;

  g_assert_true (zx_store_begin (store, &error));

  row = zx_test_fields ("id", "5b0a0a4e-2f1c-4d8e-9a40-3c1f9d7e6a01", "name", "大型三甲医院", NULL);
  g_assert_true (zx_store_insert_row (store, e_hospital, row, &error));
  json_object_unref (row);

  row = zx_test_fields ("id", plan, "name", "2026—2030年发展规划", "goal", "建设国家区域医疗中心", NULL);
  json_object_set_int_member (row, "start_year", 2026);
  json_object_set_int_member (row, "end_year", 2030);
  g_assert_true (zx_store_insert_row (store, e_plan, row, &error));
  json_object_unref (row);

  for (int p = 0; p < 4; p++)
    {
      g_autofree char *name = g_strdup_printf ("战略支柱%d", p + 1);
      const char *rank = pillar_ranks[p];

      pillars[p] = g_uuid_string_random ();
      row = zx_test_fields ("id", pillars[p], "plan_id", plan, "name", name, "rank", rank, NULL);
      zx_store_insert_row (store, e_pillar, row, &error);
      g_assert_no_error (error);
      json_object_unref (row);
      for (int k = 0; k < 3; k++)
        {
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *fname = g_strdup_printf ("支柱%d的关键成功要素%d", p + 1, k + 1);

          row = zx_test_fields ("id", id, "pillar_id", pillars[p], "name", fname, NULL);
          g_assert_true (zx_store_insert_row (store, e_factor, row, &error));
          json_object_unref (row);
        }
    }

  for (int d = 0; d < 150; d++)
    {
      g_autofree char *dept = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("临床科室%03d", d + 1);
      const char *rank = dept_ranks[d];

      row = zx_test_fields ("id", dept, "name", name, "kind", "clinical", "rank", rank, "scope", dept, NULL);
      g_assert_true (zx_store_insert_row (store, e_dept, row, &error));
      json_object_unref (row);
      for (int b = 0; b < 3; b++)
        {
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *bname = g_strdup_printf ("%s第%d场战役：提升疑难危重症救治能力与服务质量", name, b + 1);

          row = zx_test_fields ("id", id, "department_id", dept, "pillar_id", pillars[(d + b * (d % 3 == 0)) % 4],
                                "name", bname, "status", states[(d + b) % 5], "scope", dept, NULL);
          g_assert_true (zx_store_insert_row (store, e_battle, row, &error));
          json_object_unref (row);
        }
      if (d % 7 != 0)
        {
          g_autofree char *id = g_uuid_string_random ();

          row = zx_test_fields ("id", id, "department_id", dept, "signed_at", "2026-02-26T02:00:00Z", "scope", dept, NULL);
          json_object_set_int_member (row, "year", 2026);
          g_assert_true (zx_store_insert_row (store, e_pledge, row, &error));
          json_object_unref (row);
        }
    }
  g_assert_no_error (error);
  g_assert_true (zx_store_commit (store, &error));
  g_assert_no_error (error);
  for (int p = 0; p < 4; p++)
    g_free (pillars[p]);
}

/* Without OKRs the map shows statuses only: no progress, no progress legend */
static void
test_no_okrs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = NULL;
  guint pillars = 0;

  fill_large (f->store);
  layout = layout_of (f->store);
  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
    {
      g_assert_false (zx_strategy_layout_get_node (layout, i)->has_progress);
      pillars += zx_strategy_layout_get_node (layout, i)->type == ZX_STRATEGY_NODE_PILLAR;
    }
  g_assert_cmpuint (zx_strategy_layout_get_n_legend_items (layout), ==, pillars + ZX_STRATEGY_N_STATUS + 1);
}

static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ZxStrategyLayout) layout = NULL;
  gint64 start;
  double ms, w, h;
  guint battles = 0, departments = 0;

  fill_large (f->store);

  start = g_get_monotonic_time ();
  layout = layout_of (f->store);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  zx_strategy_layout_get_size (layout, &w, &h);
  g_test_message ("first layout of 150 departments × 3 battles: %.1f ms, map %.0f × %.0f", ms, w, h);

  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
    {
      battles += zx_strategy_layout_get_node (layout, i)->type == ZX_STRATEGY_NODE_BATTLE;
      departments += zx_strategy_layout_get_node (layout, i)->type == ZX_STRATEGY_NODE_DEPARTMENT;
    }
  g_assert_cmpuint (battles, ==, 450);
  g_assert_cmpuint (departments, ==, 150);
  /* a wide map rather than a tall strip: it fits a screen */
  g_assert_cmpfloat (w / h, >, 0.8);
  g_assert_cmpfloat (w / h, <, 4.0);
  assert_no_overlap (layout);

  start = g_get_monotonic_time ();
  g_clear_object (&layout);
  layout = layout_of (f->store);
  g_test_message ("second layout: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/strategy-layout/demo/nodes", Fixture, "demo", fixture_setup, test_demo_nodes, fixture_teardown);
  g_test_add ("/strategy-layout/demo/no-overlap", Fixture, "demo", fixture_setup, test_demo_no_overlap, fixture_teardown);
  g_test_add ("/strategy-layout/demo/links", Fixture, "demo", fixture_setup, test_demo_links, fixture_teardown);
  g_test_add ("/strategy-layout/demo/hit-test", Fixture, "demo", fixture_setup, test_demo_hit_test, fixture_teardown);
  g_test_add ("/strategy-layout/demo/navigation", Fixture, "demo", fixture_setup, test_demo_navigation, fixture_teardown);
  g_test_add ("/strategy-layout/demo/chain", Fixture, "demo", fixture_setup, test_demo_chain, fixture_teardown);
  g_test_add ("/strategy-layout/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/strategy-layout/no-okrs", Fixture, NULL, fixture_setup, test_no_okrs, fixture_teardown);
  g_test_add ("/strategy-layout/large", Fixture, NULL, fixture_setup, test_large, fixture_teardown);

  return g_test_run ();
}
