/* zx-bench-okr.c — the OKR area's figures for bench/run
 *
 *   zx-bench-okr DATABASE
 *
 * prints JSON lines (metric, value in ms; medians of 5 after one warm-up):
 *   okr_tree_open_first    the first model of the process for this quarter: the
 *                          OKR trees read and every progress and health
 *                          computed, roots listed (what opening the area costs)
 *   okr_tree_open          the same again, as after switching cycles
 *   okr_tree_open_year     the same for the whole year (every key result)
 *   okr_filter_department  filtering the quarter's trees to one department
 *   okr_expand_roots       expanding every root row (the hospital objectives)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "okr/zx-okr-model.h"
#include "zx-okr.h"
#include "zx-store.h"

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (GCompareFunc) compare_doubles);
  return values[n / 2];
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
emit (const char *metric,
      double      value)
{
  printf ("{\"metric\": \"%s\", \"value\": %.2f, \"unit\": \"ms\"}\n", metric, value);
}

static double
time_open (ZxStore    *store,
           const char *cycle_id,
           double     *first)
{
  double times[RUNS];

  for (int run = -1; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(ZxOkrModel) model = zx_okr_model_new (store, NULL);

      zx_okr_model_set_cycle (model, cycle_id);
      g_assert (g_list_model_get_n_items (zx_okr_model_get_roots (model)) > 0);
      if (run >= 0)
        times[run] = ms_since (start);
      else if (first != NULL)
        *first = ms_since (start);
    }
  return median (times, RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxOkrModel) model = NULL;
  g_autofree char *quarter = NULL;
  g_autofree char *year = NULL;
  double times[RUNS];
  const char *department = NULL;
  ZxOkrForest *forest;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  store = zx_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  quarter = zx_cycle_find (store, "2026-Q4");
  year = zx_cycle_find (store, "2026");
  if (quarter == NULL || year == NULL)
    {
      fprintf (stderr, "the database has no 2026 cycles\n");
      return 1;
    }

  {
    double first = 0, again = time_open (store, quarter, &first);

    emit ("okr_tree_open_first", first);
    emit ("okr_tree_open", again);
  }
  emit ("okr_tree_open_year", time_open (store, year, NULL));

  model = zx_okr_model_new (store, NULL);
  zx_okr_model_set_cycle (model, quarter);
  forest = zx_okr_model_get_forest (model);
  /* a department from the middle of the list */
  {
    g_autoptr(GPtrArray) departments = g_ptr_array_new ();

    for (guint i = 0; i < zx_okr_forest_get_n_nodes (forest); i++)
      if (zx_okr_forest_get_node (forest, i)->kind == ZX_OKR_NODE_OBJECTIVE &&
          zx_okr_forest_get_node (forest, i)->level == ZX_OKR_LEVEL_DEPARTMENT)
        g_ptr_array_add (departments, (gpointer) zx_okr_forest_get_node (forest, i)->department_id);
    if (departments->len > 0)
      department = g_ptr_array_index (departments, departments->len / 2);
  }
  g_assert (department != NULL);

  for (int run = -1; run < RUNS; run++)
    {
      ZxOkrFilter filter = { 0 };
      gint64 start;

      filter.health = -1;
      filter.department_id = department;
      start = g_get_monotonic_time ();
      zx_okr_model_set_filter (model, &filter);
      if (run >= 0)
        times[run] = ms_since (start);
      zx_okr_model_set_filter (model, NULL);
    }
  emit ("okr_filter_department", median (times, RUNS));

  {
    GtkTreeListModel *tree = zx_okr_model_get_tree (model);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (tree));
    gint64 start = g_get_monotonic_time ();

    /* every root row: hospital objectives hold the department objectives */
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);

        gtk_tree_list_row_set_expanded (row, TRUE);
      }
    emit ("okr_expand_roots", ms_since (start));
  }

  return 0;
}
