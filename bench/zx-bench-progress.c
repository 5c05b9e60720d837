/* zx-bench-progress.c — the OKR progress figures for bench/run
 *
 *   zx-bench-progress DATABASE [--today YYYY-MM-DD]
 *
 * prints JSON lines (metric, value in ms):
 *   okr_progress_first         the first zx_progress_index_new() of the
 *                              process: every key result, objective, battle
 *                              and pillar read once (each key result with
 *                              the date of its latest check-in; no check-in
 *                              is read)
 *   okr_progress_recompute     a recompute, as the cockpit makes one when the
 *                              store changes (median of 9)
 *   okr_progress_after_write   a recompute after a check-in row was written
 *                              (its key result's last_check_in_at with it, by
 *                              trigger; in a transaction rolled back, so the
 *                              cached database stays as generated; median
 *                              of 9)
 *
 * and a summary of the health counts on stderr.  Default day: 2026-11-16,
 * in the fourth quarter of the generated year.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zx-progress.h"
#include "zx-store-private.h"

#define RUNS 9

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

static ZxProgressIndex *
build (ZxStore                *store,
       const GDate            *today,
       const ZxProgressParams *params,
       double                 *ms)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  ZxProgressIndex *index = zx_progress_index_new (store, today, params, &error);

  *ms = ms_since (start);
  if (index == NULL)
    {
      fprintf (stderr, "zx-bench-progress: %s\n", error->message);
      exit (1);
    }
  return index;
}

/* Writes one check-in row as the store does (its trigger then writes the
 * key result's last_check_in_at, which the update hook notes) and rolls it
 * back */
static void
touch_check_in (ZxStore *store,
                gint64   rowid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE check_in SET deleted = deleted, note = note "
                                          "WHERE rowid = %" G_GINT64_FORMAT, rowid);

  if (!zx_store_begin (store, &error) || !zx_store_exec (store, sql, &error))
    {
      fprintf (stderr, "zx-bench-progress: %s\n", error->message);
      exit (1);
    }
  zx_store_rollback (store);
}

static void
summarise (ZxStore         *store,
           ZxProgressIndex *index)
{
  const char *tables[] = { "key_result", "objective", "battle", "pillar" };
  sqlite3 *db = zx_store_get_db (store);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0", tables[t]);
      sqlite3_stmt *stmt = NULL;
      guint health[4] = { 0, }, stale = 0, none = 0;
      double sum = 0;
      guint n = 0;

      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const ZxProgress *p = zx_progress_index_lookup (index, (const char *) sqlite3_column_text (stmt, 0));

          if (p == NULL || !p->has_progress)
            {
              none++;
              continue;
            }
          health[p->health]++;
          stale += p->stale;
          sum += p->progress;
          n++;
        }
      sqlite3_finalize (stmt);
      fprintf (stderr, "zx-bench-progress: %-10s %6u with progress (mean %.2f), %u without; "
               "not started %u, on track %u, at risk %u, off track %u; stale %u\n",
               tables[t], n, n ? sum / n : 0, none, health[0], health[1], health[2], health[3], stale);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxProgressIndex) first = NULL;
  const char *day = "2026-11-16";
  ZxProgressParams params;
  double ms, times[RUNS];
  GDate today;
  int y, m, d;

  if (argc == 4 && g_str_equal (argv[2], "--today"))
    day = argv[3];
  else if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE [--today YYYY-MM-DD]\n", argv[0]);
      return 2;
    }
  if (sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    {
      fprintf (stderr, "zx-bench-progress: “%s” is not a date\n", day);
      return 2;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, d, m, y);
  zx_progress_params_init_default (&params);

  store = zx_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "zx-bench-progress: %s\n", error->message);
      return 1;
    }

  first = build (store, &today, &params, &ms);
  emit ("okr_progress_first", ms);
  fprintf (stderr, "zx-bench-progress: %u rows with numbers\n", zx_progress_index_get_size (first));
  summarise (store, first);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(ZxProgressIndex) index = build (store, &today, &params, &times[i]);
    }
  emit ("okr_progress_recompute", median (times, RUNS));

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(ZxProgressIndex) index = NULL;

      touch_check_in (store, 1 + (gint64) i * 50021);
      index = build (store, &today, &params, &times[i]);
    }
  emit ("okr_progress_after_write", median (times, RUNS));

  return 0;
}
