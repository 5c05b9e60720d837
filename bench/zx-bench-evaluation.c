/* zx-bench-evaluation.c — scoring the large hospital's evaluation for bench/run
 *
 * Makes an evaluation scheme of the latest quarter for everyone (5,000
 * people) with the national indicators the generator filled, then times
 * zx_evaluation_score() (reading and scoring, nothing written; first and
 * the median of 5) and zx_evaluation_compute() (the same plus one
 * evaluation row per person written and queued in one transaction; median
 * of 3), each in a transaction rolled back, so the cached database is not
 * changed.  Prints JSON lines {"metric", "value", "unit"} on stdout.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "zx-evaluation.h"
#include "zx-store-private.h"

#define SCORE_RUNS 5
#define COMPUTE_RUNS 3

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

static G_GNUC_NORETURN void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "zx-bench-evaluation: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static char *
first_value (ZxStore    *store,
             const char *sql)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);
  char *value = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

/* The scheme and its items, inside the caller's transaction */
static char *
make_scheme (ZxStore  *store,
             GError  **error)
{
  g_autofree char *cycle = first_value (store, "SELECT id FROM cycle WHERE kind = 'quarter' AND deleted = 0"
                                               " AND id IN (SELECT cycle_id FROM objective)"
                                               " ORDER BY start_date DESC LIMIT 1");
  g_autoptr(JsonObject) o = json_object_new ();
  sqlite3_stmt *stmt;
  char *scheme;
  guint n = 0;

  if (cycle == NULL)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_NOT_FOUND, "no quarter with objectives");
      return NULL;
    }
  json_object_set_string_member (o, "name", "bench");
  json_object_set_string_member (o, "cycle_id", cycle);
  json_object_set_string_member (o, "subject", "person");
  json_object_set_double_member (o, "okr_weight", 0.6);
  json_object_set_double_member (o, "indicator_weight", 0.3);
  json_object_set_double_member (o, "assessment_weight", 0.1);
  json_object_set_double_member (o, "challenge_credit", 0.7);
  json_object_set_double_member (o, "grade_a", 90);
  json_object_set_double_member (o, "grade_b", 80);
  json_object_set_double_member (o, "grade_c", 60);
  json_object_set_double_member (o, "quota_a", 0.2);
  json_object_set_string_member (o, "status", "draft");
  scheme = zx_store_create (store, "eval_scheme", o, error);
  if (scheme == NULL)
    return NULL;

  /* Up to five counted indicators with department values */
  stmt = zx_store_prepare (store,
                           "SELECT id FROM indicator WHERE deleted = 0 AND direction IN ('higher', 'lower')"
                           " AND id IN (SELECT indicator_id FROM indicator_value WHERE department_id IS NOT NULL)"
                           " ORDER BY code LIMIT 5", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) item = json_object_new ();
      g_autofree char *id = NULL;

      json_object_set_string_member (item, "scheme_id", scheme);
      json_object_set_string_member (item, "indicator_id", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_double_member (item, "weight", 0.2);
      id = zx_store_create (store, "eval_scheme_item", item, error);
      if (id == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      n++;
    }
  sqlite3_reset (stmt);
  fprintf (stderr, "zx-bench-evaluation: a scheme of %s with %u indicators\n", cycle, n);
  return scheme;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  double times[SCORE_RUNS];
  g_autofree char *scheme = NULL;
  guint people = 0, with_indicator = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  store = zx_store_open (argv[1], &error);
  if (store == NULL)
    die ("opening the database", error);

  if (!zx_store_begin (store, &error))
    die ("beginning a transaction", error);
  scheme = make_scheme (store, &error);
  if (scheme == NULL)
    die ("making a scheme", error);

  for (guint i = 0; i < SCORE_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) scores = zx_evaluation_score (store, scheme, &error);

      times[i] = ms_since (start);
      if (scores == NULL)
        die ("scoring", error);
      if (i == 0)
        {
          emit ("evaluation_score_first", times[0]);
          people = scores->len;
          for (guint j = 0; j < scores->len; j++)
            with_indicator += ((ZxEvalScore *) g_ptr_array_index (scores, j))->has_indicator;
        }
    }
  emit ("evaluation_score", median (times, SCORE_RUNS));
  fprintf (stderr, "zx-bench-evaluation: %u people scored, %u with an indicator score\n", people, with_indicator);
  if (people < 1000)
    die ("the database is not the large hospital", NULL);

  for (guint i = 0; i < COMPUTE_RUNS; i++)
    {
      gint64 start;
      guint n = 0;

      if (!zx_store_begin (store, &error))
        die ("beginning a transaction", error);
      start = g_get_monotonic_time ();
      if (!zx_evaluation_compute (store, scheme, &n, &error))
        die ("computing", error);
      times[i] = ms_since (start);
      zx_store_rollback (store);
    }
  emit ("evaluation_compute", median (times, COMPUTE_RUNS));

  zx_store_rollback (store);
  return 0;
}
