/* test-cockpit.c — the cockpit's figures equal independent queries on the
 * demo hospital
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "zx-cockpit.h"
#include "zx-demo.h"
#include "zx-warnings.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"

typedef struct
{
  char      *dir;
  char      *path;
  ZxStore   *store;
  sqlite3   *db;     /* a connection of the test's own */
  ZxCockpit *cockpit;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  f->dir = zx_test_tmpdir ();
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = zx_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &f->db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 22, 11, 2026);
  f->cockpit = zx_cockpit_new (f->store, NULL, &today, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->cockpit);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->cockpit, zx_cockpit_free);
  sqlite3_close (f->db);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static double
sql_number (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  if (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (f->db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static GPtrArray *
sql_strings (Fixture    *f,
             const char *sql)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (f->db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return list;
}

#define CURRENT_KRS \
  "SELECT kr.id FROM key_result kr, objective o, cycle c " \
  "WHERE kr.objective_id = o.id AND o.cycle_id = c.id AND kr.deleted = 0 AND o.deleted = 0 " \
  "AND c.deleted = 0 AND '" TODAY "' BETWEEN c.start_date AND c.end_date"

static void
test_key_results (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = sql_strings (f, CURRENT_KRS);
  guint counts[ZX_COCKPIT_N_HEALTH] = { 0 }, stale = 0, in_departments = 0;

  g_assert_cmpuint (ids->len, >, 20);
  g_assert_cmpuint (f->cockpit->kr_total, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      const ZxProgress *p = zx_progress_index_lookup (f->cockpit->index, g_ptr_array_index (ids, i));

      g_assert_nonnull (p);
      counts[p->health]++;
      stale += p->stale;
    }
  for (guint h = 0; h < ZX_COCKPIT_N_HEALTH; h++)
    g_assert_cmpuint (f->cockpit->kr_counts[h], ==, counts[h]);
  g_assert_cmpuint (f->cockpit->kr_stale, ==, stale);
  /* the demo has some of each */
  g_assert_cmpuint (counts[ZX_HEALTH_ON_TRACK], >, 0);
  g_assert_cmpuint (counts[ZX_HEALTH_AT_RISK] + counts[ZX_HEALTH_OFF_TRACK], >, 0);

  /* every current key result of a department's objective is in its row */
  for (guint i = 0; i < f->cockpit->department_list->len; i++)
    in_departments += ((ZxCockpitGroup *) g_ptr_array_index (f->cockpit->department_list, i))->total;
  g_assert_cmpuint (in_departments, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM (" CURRENT_KRS ") x JOIN key_result k ON k.id = x.id "
                                           "JOIN objective o ON o.id = k.objective_id "
                                           "JOIN department d ON d.id = o.department_id AND d.deleted = 0"));
  g_assert_cmpuint (f->cockpit->department_list->len, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM department WHERE deleted = 0"));
  g_assert_cmpuint (f->cockpit->people->len, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM staff WHERE deleted = 0 AND key_person = 1"));
  g_assert_cmpuint (f->cockpit->people->len, >, 0);
}

static void
test_pillars (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) names = sql_strings (f, "SELECT name FROM pillar WHERE deleted = 0 ORDER BY rank, id");
  double sum = 0;
  guint n = 0;

  g_assert_cmpuint (f->cockpit->pillars->len, ==, names->len);
  g_assert_cmpuint (names->len, >=, 3);
  for (guint i = 0; i < names->len; i++)
    {
      ZxCockpitPillar *p = g_ptr_array_index (f->cockpit->pillars, i);
      const ZxProgress *numbers = zx_progress_index_lookup (f->cockpit->index, p->id);

      g_assert_cmpstr (p->name, ==, g_ptr_array_index (names, i));
      g_assert_true (p->has_progress);
      g_assert_cmpfloat_with_epsilon (p->progress, numbers->progress, 1e-12);
      g_assert_cmpfloat_with_epsilon (p->expected, numbers->expected, 1e-12);
      sum += p->progress;
      n++;
    }
  g_assert_true (f->cockpit->has_progress);
  g_assert_cmpfloat_with_epsilon (f->cockpit->progress, sum / n, 1e-12);
  g_assert_cmpfloat (f->cockpit->expected, >, 0.5);
  g_assert_cmpfloat (f->cockpit->expected, <=, 1);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_assert_cmpuint (f->cockpit->requests_open, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM card WHERE deleted = 0 AND column_id NOT IN "
                                           "(SELECT id FROM board_column WHERE is_done = 1)"));
  g_assert_cmpuint (f->cockpit->requests_overdue, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM card WHERE deleted = 0 AND column_id NOT IN "
                                           "(SELECT id FROM board_column WHERE is_done = 1) "
                                           "AND due_date < '" TODAY "'"));
  g_assert_cmpuint (f->cockpit->requests_overdue, >, 0);
  g_assert_cmpuint (f->cockpit->pledges_signed, ==,
                    (guint) sql_number (f, "SELECT COUNT (DISTINCT p.department_id) FROM pledge p, department d "
                                           "WHERE p.department_id = d.id AND d.deleted = 0 AND p.deleted = 0 "
                                           "AND p.year = 2026 AND p.signed_at IS NOT NULL"));
  g_assert_cmpuint (f->cockpit->departments, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM department WHERE deleted = 0"));
  g_assert_cmpuint (f->cockpit->enrolments, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM enrolment e WHERE e.deleted = 0 "
                                           "AND e.course_id IN (SELECT id FROM course WHERE deleted = 0) "
                                           "AND e.staff_id IN (SELECT id FROM staff WHERE deleted = 0)"));
  g_assert_cmpuint (f->cockpit->enrolments_completed, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM enrolment e WHERE e.deleted = 0 "
                                           "AND e.completed_at IS NOT NULL "
                                           "AND e.course_id IN (SELECT id FROM course WHERE deleted = 0) "
                                           "AND e.staff_id IN (SELECT id FROM staff WHERE deleted = 0)"));
  g_assert_cmpfloat_with_epsilon (f->cockpit->satisfaction,
                                  sql_number (f, "SELECT COALESCE (SUM (rating) * 1.0 / COUNT (rating), 0) "
                                                 "FROM enrolment e WHERE e.deleted = 0 "
                                                 "AND e.course_id IN (SELECT id FROM course WHERE deleted = 0) "
                                                 "AND e.staff_id IN (SELECT id FROM staff WHERE deleted = 0)"),
                                  1e-9);
  g_assert_cmpuint (f->cockpit->fund_in_progress, ==,
                    (guint) sql_number (f, "SELECT COUNT (*) FROM fund_proposal WHERE deleted = 0 "
                                           "AND state <> 'draft' AND state <> 'rejected' AND state <> 'reported'"));
  g_assert_cmpfloat_with_epsilon (f->cockpit->fund_amount,
                                  sql_number (f, "SELECT TOTAL (amount) FROM fund_proposal WHERE deleted = 0 "
                                                 "AND state <> 'draft' AND state <> 'rejected' AND state <> 'reported'"),
                                  1e-6);
}

static void
test_trend (Fixture       *f,
            gconstpointer  data)
{
  GArray *trend = f->cockpit->trend;
  ZxCockpitWeek *last;

  g_autofree char *first_week = NULL;
  GDate first, today_monday;

  /* every Monday from the first check-in's week of the year's hospital key
   * results to today's week */
  {
    g_autoptr(GPtrArray) weeks = sql_strings (f, "SELECT MIN (ci.week) FROM check_in ci, key_result kr, objective o, cycle c "
                                                 "WHERE ci.key_result_id = kr.id AND kr.objective_id = o.id "
                                                 "AND o.cycle_id = c.id AND c.kind = 'year' AND o.level = 'hospital' "
                                                 "AND ci.deleted = 0 AND kr.deleted = 0 AND o.deleted = 0 "
                                                 "AND c.start_date <= '" TODAY "' AND c.end_date >= '" TODAY "'");
    first_week = g_strdup (g_ptr_array_index (weeks, 0));
  }
  g_assert_nonnull (first_week);
  g_date_set_parse (&first, first_week);
  g_assert_true (g_date_valid (&first));
  g_date_clear (&today_monday, 1);
  g_date_set_dmy (&today_monday, 16, 11, 2026);
  g_assert_cmpint (g_date_get_weekday (&g_array_index (trend, ZxCockpitWeek, 0).week), ==, G_DATE_MONDAY);
  g_assert_cmpint (g_date_days_between (&g_array_index (trend, ZxCockpitWeek, 0).week, &first), >=, 0);
  g_assert_cmpint (g_date_days_between (&g_array_index (trend, ZxCockpitWeek, 0).week, &first), <, 7);
  g_assert_cmpint (g_date_compare (&g_array_index (trend, ZxCockpitWeek, trend->len - 1).week, &today_monday), ==, 0);
  for (guint i = 1; i < trend->len; i++)
    g_assert_cmpint (g_date_days_between (&g_array_index (trend, ZxCockpitWeek, i - 1).week,
                                          &g_array_index (trend, ZxCockpitWeek, i).week), ==, 7);
  last = &g_array_index (trend, ZxCockpitWeek, trend->len - 1);
  g_assert_cmpfloat (last->progress, >=, g_array_index (trend, ZxCockpitWeek, 0).progress);
  g_assert_cmpfloat (last->progress, >, 0);
  g_assert_cmpfloat (last->expected, >, 0.8);
  for (guint i = 1; i < trend->len; i++)
    g_assert_cmpfloat (g_array_index (trend, ZxCockpitWeek, i).expected, >=,
                       g_array_index (trend, ZxCockpitWeek, i - 1).expected);
}

static void
test_drill_down (Fixture       *f,
                 gconstpointer  data)
{
  ZxCockpitPillar *pillar = g_ptr_array_index (f->cockpit->pillars, 0);
  g_autoptr(GPtrArray) items = zx_cockpit_pillar_items (f->cockpit, f->store, pillar->id);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM battle WHERE deleted = 0 AND pillar_id = '%s'", pillar->id);
  g_autoptr(GPtrArray) battles = sql_strings (f, sql);
  guint n_battles = 0, n_krs = 0;
  ZxCockpitGroup *dept = NULL;
  g_autoptr(GPtrArray) dept_items = NULL;
  g_autoptr(GPtrArray) check_ins = NULL;
  const char *kr = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      ZxCockpitItem *item = g_ptr_array_index (items, i);

      n_battles += g_str_equal (item->entity, "battle");
      if (g_str_equal (item->entity, "key_result"))
        {
          n_krs++;
          g_assert_nonnull (item->numbers);
          kr = item->id;
        }
    }
  g_assert_cmpuint (n_battles, ==, battles->len);
  g_assert_cmpuint (n_krs, >, 0);

  check_ins = zx_cockpit_check_ins (f->store, kr);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT COUNT (*) FROM check_in WHERE deleted = 0 AND key_result_id = '%s'", kr);
  g_assert_cmpuint (check_ins->len, ==, (guint) sql_number (f, sql));

  for (guint i = 0; i < f->cockpit->department_list->len && dept == NULL; i++)
    if (((ZxCockpitGroup *) g_ptr_array_index (f->cockpit->department_list, i))->total > 0)
      dept = g_ptr_array_index (f->cockpit->department_list, i);
  g_assert_nonnull (dept);
  dept_items = zx_cockpit_department_items (f->cockpit, f->store, dept->id);
  g_assert_cmpuint (dept_items->len, >, 0);
}

static void
test_warnings_on_demo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (TODAY "T10:00:00Z", NULL);
  g_autoptr(GPtrArray) list = zx_warnings_compute (f->store, f->cockpit->index, &f->cockpit->today, now, NULL, &error);
  guint kinds[ZX_WARNING_N_KINDS] = { 0 };

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      ZxWarning *w = g_ptr_array_index (list, i);

      kinds[w->kind]++;
      g_assert_nonnull (w->what);
      g_assert_nonnull (w->department);
      g_assert_nonnull (w->owner);
      g_assert_true (g_date_valid (&w->since));
    }
  g_assert_cmpuint (kinds[ZX_WARNING_REQUEST_OVERDUE], ==, f->cockpit->requests_overdue);
  g_assert_cmpuint (kinds[ZX_WARNING_STALE], ==, f->cockpit->kr_stale);
  g_assert_cmpuint (kinds[ZX_WARNING_BEHIND_PACE], >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cockpit/key-results", test_key_results);
  ADD ("/cockpit/pillars", test_pillars);
  ADD ("/cockpit/counts", test_counts);
  ADD ("/cockpit/trend", test_trend);
  ADD ("/cockpit/drill-down", test_drill_down);
  ADD ("/cockpit/warnings", test_warnings_on_demo);
#undef ADD

  return g_test_run ();
}
