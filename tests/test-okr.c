/* test-okr.c — cycles, carrying objectives over, and alignment
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "zx-okr.h"
#include "zx-progress.h"
#include "zx-test-util.h"

/* Cycle names and dates ------------------------------------------------------------ */

static void
test_name_round_trip (void)
{
  for (int year = 2000; year <= 2100; year += 25)
    for (int quarter = 0; quarter <= 4; quarter++)
      {
        g_autofree char *name = zx_cycle_name_format (year, quarter);
        int y = 0, q = -1;

        g_assert_true (zx_cycle_name_parse (name, &y, &q));
        g_assert_cmpint (y, ==, year);
        g_assert_cmpint (q, ==, quarter);
      }

  {
    g_autofree char *q1 = zx_cycle_name_format (2026, 1);
    g_autofree char *year = zx_cycle_name_format (2026, 0);

    g_assert_cmpstr (q1, ==, "2026-Q1");
    g_assert_cmpstr (year, ==, "2026");
  }
}

static void
test_name_parse (void)
{
  static const struct { const char *name; int year, quarter; } good[] = {
    { "2026", 2026, 0 },
    { "2026-Q4", 2026, 4 },
    { "2026-q2", 2026, 2 },
    { "2026 Q3", 2026, 3 },
    { "2026Q1", 2026, 1 },
    { "2026 年度", 2026, 0 },
    { "2026年度", 2026, 0 },
    { "2026 年第 1 季度", 2026, 1 },
    { "2026年第4季度", 2026, 4 },
  };
  static const char *bad[] = {
    "", "26", "202", "20261", "2026-", "2026-Q", "2026-Q0", "2026-Q5", "2026-Q12", "2026-Q1x",
    "2026-1", "Q1-2026", "1999", "2101", "1999-Q1", "2026 年第 5 季度", "2026 年第 0 季度",
    "2026 年", "2026 年第 1 季", "2026 年度 Q1", "abcd", "２０２６", "2026-年度",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int y = 0, q = -1;

      if (!zx_cycle_name_parse (good[i].name, &y, &q))
        g_error ("“%s” was refused", good[i].name);
      g_assert_cmpint (y, ==, good[i].year);
      g_assert_cmpint (q, ==, good[i].quarter);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (zx_cycle_name_parse (bad[i], NULL, NULL))
      g_error ("“%s” was accepted", bad[i]);
  g_assert_false (zx_cycle_name_parse (NULL, NULL, NULL));
}

static void
test_dates (void)
{
  static const struct { int year, quarter; const char *start, *end; } cases[] = {
    { 2026, 0, "2026-01-01", "2026-12-31" },
    { 2026, 1, "2026-01-01", "2026-03-31" },
    { 2026, 2, "2026-04-01", "2026-06-30" },
    { 2026, 3, "2026-07-01", "2026-09-30" },
    { 2026, 4, "2026-10-01", "2026-12-31" },
    { 2028, 1, "2028-01-01", "2028-03-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate start, end;
      char s[16], e[16];

      g_assert_true (zx_cycle_dates (cases[i].year, cases[i].quarter, &start, &end));
      g_date_strftime (s, sizeof s, "%Y-%m-%d", &start);
      g_date_strftime (e, sizeof e, "%Y-%m-%d", &end);
      g_assert_cmpstr (s, ==, cases[i].start);
      g_assert_cmpstr (e, ==, cases[i].end);
    }
  g_assert_false (zx_cycle_dates (2026, 5, NULL, NULL));
  g_assert_false (zx_cycle_dates (1999, 1, NULL, NULL));

  g_assert_cmpstr (zx_cycle_kind_to_string (ZX_CYCLE_QUARTER), ==, "quarter");
  {
    ZxCycleKind kind;

    g_assert_true (zx_cycle_kind_from_string ("year", &kind));
    g_assert_cmpint (kind, ==, ZX_CYCLE_YEAR);
    g_assert_false (zx_cycle_kind_from_string ("month", &kind));
  }
}

/* With a store ------------------------------------------------------------------------ */

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *dept;
  char    *staff;
  char    *pillar;
  char    *q1;
} Fixture;

static char *
create (Fixture    *f,
        const char *entity,
        JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  char *id = zx_store_create (f->store, entity, fields, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  json_object_unref (fields);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hospital = NULL;
  g_autofree char *plan = NULL;
  JsonObject *o;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, "2026-01-05T08:00:00Z");

  hospital = create (f, "hospital", zx_test_fields ("name", "江城市第一人民医院", NULL));
  f->dept = create (f, "department", zx_test_fields ("name", "心血管内科", "kind", "clinical", NULL));
  f->staff = create (f, "staff", zx_test_fields ("name", "张三", "employee_no", "1001", "role", "staff",
                                                 "department_id", f->dept, NULL));
  o = zx_test_fields ("name", "十五五规划", "goal", "建设区域医疗中心", NULL);
  json_object_set_int_member (o, "start_year", 2026);
  json_object_set_int_member (o, "end_year", 2030);
  plan = create (f, "plan", o);
  f->pillar = create (f, "pillar", zx_test_fields ("plan_id", plan, "name", "学科建设", NULL));
  g_assert_true (zx_cycle_ensure (f->store, 2026, 1, &f->q1, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->dept);
  g_free (f->staff);
  g_free (f->pillar);
  g_free (f->q1);
}

static char *
objective (Fixture    *f,
           const char *level,
           const char *parent_objective,
           const char *parent_kr)
{
  JsonObject *o = zx_test_fields ("cycle_id", f->q1, "level", level, "title", "降低平均住院日",
                                  "owner_id", f->staff, "status", "active",
                                  "parent_objective_id", parent_objective,
                                  "parent_key_result_id", parent_kr, NULL);

  if (g_str_equal (level, "department") || g_str_equal (level, "personal"))
    json_object_set_string_member (o, "department_id", f->dept);
  if (g_str_equal (level, "hospital"))
    json_object_set_string_member (o, "pillar_id", f->pillar);
  return create (f, "objective", o);
}

static JsonObject *
kr_fields (const char *objective_id,
           double      start,
           double      target,
           double      current,
           const char *due)
{
  JsonObject *o = zx_test_fields ("objective_id", objective_id, "title", "平均住院日", "kind", "numeric",
                                  "direction", target >= start ? "higher" : "lower", "unit", "天", NULL);

  json_object_set_double_member (o, "start_value", start);
  json_object_set_double_member (o, "target_value", target);
  json_object_set_double_member (o, "current_value", current);
  json_object_set_double_member (o, "weight", 2);
  json_object_set_int_member (o, "confidence", 6);
  json_object_set_boolean_member (o, "challenge", TRUE);
  if (due != NULL)
    json_object_set_string_member (o, "due_date", due);
  return o;
}

static char *
key_result (Fixture    *f,
            const char *objective_id,
            double      start,
            double      target,
            double      current,
            const char *due)
{
  return create (f, "key_result", kr_fields (objective_id, start, target, current, due));
}

static const char *
string_of (JsonObject *row,
           const char *name)
{
  return json_object_get_null_member (row, name) ? NULL : json_object_get_string_member (row, name);
}

/* ensure creates the year and quarter once, with the right dates */
static void
test_ensure (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *q3 = NULL;
  g_autofree char *again = NULL;
  g_autofree char *year = NULL;
  g_autoptr(JsonObject) row = NULL;
  gint64 queue = zx_store_queue_length (f->store);
  int y, q;

  /* 2026 and 2026-Q1 exist from the fixture */
  g_assert_true (zx_cycle_ensure (f->store, 2026, 3, &q3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 1);
  g_assert_true (zx_cycle_ensure (f->store, 2026, 3, &again, &error));
  g_assert_cmpstr (again, ==, q3);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 1);

  row = zx_store_get (f->store, "cycle", q3, &error);
  g_assert_cmpstr (string_of (row, "name"), ==, "2026-Q3");
  g_assert_cmpstr (string_of (row, "kind"), ==, "quarter");
  g_assert_cmpstr (string_of (row, "start_date"), ==, "2026-07-01");
  g_assert_cmpstr (string_of (row, "end_date"), ==, "2026-09-30");
  year = zx_cycle_find (f->store, "2026");
  g_assert_nonnull (year);
  g_assert_cmpstr (string_of (row, "parent_id"), ==, year);
  g_assert_true (zx_cycle_get_period (f->store, q3, &y, &q));
  g_assert_cmpint (y, ==, 2026);
  g_assert_cmpint (q, ==, 3);

  /* A quarter of a new year brings its year */
  g_clear_pointer (&again, g_free);
  g_assert_true (zx_cycle_ensure (f->store, 2027, 2, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 3);
  {
    g_autofree char *y2027 = zx_cycle_find (f->store, "2027");
    g_autoptr(JsonObject) year_row = zx_store_get (f->store, "cycle", y2027, NULL);

    g_assert_cmpstr (string_of (year_row, "start_date"), ==, "2027-01-01");
    g_assert_cmpstr (string_of (year_row, "end_date"), ==, "2027-12-31");
    g_assert_cmpstr (string_of (year_row, "kind"), ==, "year");
  }

  g_assert_false (zx_cycle_ensure (f->store, 2026, 7, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_null (zx_cycle_find (f->store, "2031-Q1"));
  g_assert_null (zx_cycle_find (f->store, "nonsense"));
}

/* Cycles named otherwise (the bench hospital: “2028 年第 1 季度”) are found by dates */
static void
test_find_by_dates (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *year = create (f, "cycle", zx_test_fields ("name", "2028 年度", "kind", "year",
                                                              "start_date", "2028-01-01",
                                                              "end_date", "2028-12-31", NULL));
  g_autofree char *q4 = create (f, "cycle", zx_test_fields ("name", "2028 年第 4 季度", "kind", "quarter",
                                                            "parent_id", year, "start_date", "2028-10-01",
                                                            "end_date", "2028-12-31", NULL));
  g_autofree char *found = zx_cycle_find (f->store, "2028-Q4");
  g_autofree char *ensured = NULL;
  g_autofree char *next = NULL;
  g_autoptr(JsonObject) row = NULL;
  gint64 queue;

  g_assert_cmpstr (found, ==, q4);
  g_clear_pointer (&found, g_free);
  found = zx_cycle_find (f->store, "2028 年第 4 季度");
  g_assert_cmpstr (found, ==, q4);
  queue = zx_store_queue_length (f->store);
  g_assert_true (zx_cycle_ensure (f->store, 2028, 4, &ensured, &error));
  g_assert_cmpstr (ensured, ==, q4);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);

  /* The next of a Q4 is the next year's Q1, made with its year */
  next = zx_cycle_next (f->store, q4, &error);
  g_assert_no_error (error);
  row = zx_store_get (f->store, "cycle", next, NULL);
  g_assert_cmpstr (string_of (row, "name"), ==, "2029-Q1");
  g_assert_cmpstr (string_of (row, "start_date"), ==, "2029-01-01");
  g_assert_cmpstr (string_of (row, "end_date"), ==, "2029-03-31");
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 2);
}

static void
test_next (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *q2 = zx_cycle_next (f->store, f->q1, &error);
  g_autofree char *q2_again = zx_cycle_next (f->store, f->q1, &error);
  g_autofree char *year = zx_cycle_find (f->store, "2026");
  g_autofree char *next_year = zx_cycle_next (f->store, year, &error);
  g_autofree char *expected_q2 = zx_cycle_find (f->store, "2026-Q2");
  g_autofree char *expected_year = zx_cycle_find (f->store, "2027");

  g_assert_no_error (error);
  g_assert_nonnull (q2);
  g_assert_cmpstr (q2, ==, expected_q2);
  g_assert_cmpstr (q2_again, ==, q2);
  g_assert_cmpstr (next_year, ==, expected_year);

  g_assert_null (zx_cycle_next (f->store, "no-such-cycle", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
}

/* Carrying over: in the next cycle, from where the KRs stand */
static void
test_copy_objective (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = objective (f, "department", NULL, NULL);
  g_autofree char *lower = key_result (f, o, 9.0, 7.0, 8.2, "2026-03-31");
  g_autofree char *higher = key_result (f, o, 100, 200, 150, "2026-02-28");
  g_autofree char *done = key_result (f, o, 0, 10, 10, NULL);
  g_autofree char *q2 = zx_cycle_next (f->store, f->q1, &error);
  g_autofree char *copy = NULL;
  g_autoptr(GListStore) krs = NULL;
  g_autoptr(JsonObject) row = NULL;
  gint64 queue = zx_store_queue_length (f->store);

  g_assert_true (zx_okr_copy_objective (f->store, o, q2, &copy, &error));
  g_assert_no_error (error);
  /* the objective and the two KRs still open, each queued for sync */
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 3);

  row = zx_store_get (f->store, "objective", copy, NULL);
  g_assert_cmpstr (string_of (row, "cycle_id"), ==, q2);
  g_assert_cmpstr (string_of (row, "status"), ==, "active");
  g_assert_cmpstr (string_of (row, "department_id"), ==, f->dept);

  krs = zx_store_list (f->store, "key_result", "objective_id = ?", (const char *[]) { copy, NULL });
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (krs)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), i);
      gboolean is_lower = g_str_equal (zx_record_get_string (kr, "direction"), "lower");

      g_assert_cmpfloat (zx_record_get_double (kr, "start_value"), ==, is_lower ? 8.2 : 150);
      g_assert_cmpfloat (zx_record_get_double (kr, "current_value"), ==, is_lower ? 8.2 : 150);
      g_assert_cmpfloat (zx_record_get_double (kr, "target_value"), ==, is_lower ? 7.0 : 200);
      g_assert_true (zx_record_is_null (kr, "confidence"));
      /* 31 March is not in Q2; 28 February neither */
      g_assert_true (zx_record_is_null (kr, "due_date"));
      g_assert_true (zx_record_get_bool (kr, "challenge"));
      g_assert_cmpfloat (zx_record_get_double (kr, "weight"), ==, 2);
      g_assert_cmpstr (zx_record_get_string (kr, "unit"), ==, "天");
    }

  /* The copy has not started */
  {
    GDate today;
    g_autoptr(ZxProgressIndex) index = NULL;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 15, 4, 2026);
    index = zx_progress_index_new (f->store, &today, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (zx_progress_index_lookup (index, copy)->progress, ==, 0);
    g_assert_cmpint (zx_progress_index_lookup (index, copy)->health, ==, ZX_HEALTH_NOT_STARTED);
  }
  (void) lower; (void) higher; (void) done;
}

/* A due date inside the new cycle stays */
static void
test_copy_keeps_due_date (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *year = zx_cycle_find (f->store, "2026");
  g_autofree char *o = NULL;
  g_autofree char *kr = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GListStore) krs = NULL;
  g_autoptr(ZxRecord) record = NULL;

  o = objective (f, "department", NULL, NULL);
  kr = key_result (f, o, 0, 100, 20, "2026-03-15");
  g_assert_true (zx_okr_copy_objective (f->store, o, year, &copy, &error));
  g_assert_no_error (error);
  krs = zx_store_list (f->store, "key_result", "objective_id = ?", (const char *[]) { copy, NULL });
  record = g_list_model_get_item (G_LIST_MODEL (krs), 0);
  g_assert_cmpstr (zx_record_get_string (record, "due_date"), ==, "2026-03-15");
}

static void
test_copy_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = objective (f, "department", NULL, NULL);
  g_autofree char *a = key_result (f, o, 0, 10, 10, NULL);
  g_autofree char *b = key_result (f, o, 9, 7, 6.5, NULL);
  g_autofree char *q2 = zx_cycle_next (f->store, f->q1, &error);
  g_autofree char *open = objective (f, "department", NULL, NULL);
  g_autofree char *copy = NULL;
  gint64 queue = zx_store_queue_length (f->store);

  /* complete */
  g_assert_false (zx_okr_copy_objective (f->store, o, q2, &copy, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "complete"));
  g_clear_error (&error);

  /* into its own cycle */
  g_assert_false (zx_okr_copy_objective (f->store, open, f->q1, &copy, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already in this cycle"));
  g_clear_error (&error);

  /* no such cycle; no such objective */
  g_assert_false (zx_okr_copy_objective (f->store, open, "no-such-cycle", &copy, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (zx_okr_copy_objective (f->store, "no-such-objective", q2, &copy, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (copy);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);

  /* An objective without key results can be carried over */
  g_assert_true (zx_okr_copy_objective (f->store, open, q2, &copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 1);
  (void) a; (void) b;
}

/* The copy keeps its alignment, unless what it aligned to was deleted */
static void
test_copy_alignment (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *top = objective (f, "hospital", NULL, NULL);
  g_autofree char *gone = objective (f, "department", NULL, NULL);
  g_autofree char *gone_kr = key_result (f, gone, 0, 100, 10, NULL);
  g_autofree char *mine = objective (f, "personal", top, gone_kr);
  g_autofree char *kr = key_result (f, mine, 0, 100, 10, NULL);
  g_autofree char *q2 = zx_cycle_next (f->store, f->q1, &error);
  g_autofree char *copy = NULL;
  g_autoptr(JsonObject) row = NULL;

  /* (the store refuses to delete what is aligned to; a deletion synced
   * from elsewhere can still leave it so) */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE key_result SET deleted = 1 WHERE id = '%s'", gone_kr);

    g_assert_cmpint (sqlite3_exec (zx_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_true (zx_okr_copy_objective (f->store, mine, q2, &copy, &error));
  g_assert_no_error (error);
  row = zx_store_get (f->store, "objective", copy, NULL);
  g_assert_cmpstr (string_of (row, "parent_objective_id"), ==, top);
  g_assert_null (string_of (row, "parent_key_result_id"));
  g_assert_cmpstr (string_of (row, "level"), ==, "personal");
  (void) kr;
}

/* One transaction: a key result the store refuses leaves nothing behind */
static void
test_copy_all_or_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = objective (f, "department", NULL, NULL);
  g_autofree char *good = key_result (f, o, 0, 100, 30, NULL);
  g_autofree char *q2 = zx_cycle_next (f->store, f->q1, &error);
  g_autofree char *copy = NULL;
  g_autoptr(JsonObject) bad = kr_fields (o, 10, 20, 12, NULL);
  gint64 queue, objectives, krs;

  /* A row that went round the rules (an old import): “lower is better”
   * with a target above the start; its copy would be refused */
  json_object_set_string_member (bad, "id", "bad-kr");
  json_object_set_string_member (bad, "direction", "lower");
  json_object_set_string_member (bad, "rank", "zz");
  json_object_set_int_member (bad, "version", 0);
  json_object_set_string_member (bad, "updated_at", "2026-01-05T08:00:00Z");
  json_object_set_string_member (bad, "updated_by", "import");
  json_object_set_boolean_member (bad, "deleted", FALSE);
  json_object_set_string_member (bad, "scope", f->dept);
  g_assert_true (zx_store_begin (f->store, &error));
  g_assert_true (zx_store_insert_row (f->store, zx_schema_lookup ("key_result"), bad, &error));
  g_assert_true (zx_store_commit (f->store, &error));
  g_assert_no_error (error);

  queue = zx_store_queue_length (f->store);
  objectives = zx_store_count (f->store, "objective", NULL, NULL);
  krs = zx_store_count (f->store, "key_result", NULL, NULL);

  g_assert_false (zx_okr_copy_objective (f->store, o, q2, &copy, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_null (copy);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);
  g_assert_cmpint (zx_store_count (f->store, "objective", NULL, NULL), ==, objectives);
  g_assert_cmpint (zx_store_count (f->store, "key_result", NULL, NULL), ==, krs);
  (void) good;
}

/* Alignment cannot loop, through either link */
static void
test_alignment_cycles (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *top = objective (f, "hospital", NULL, NULL);
  g_autofree char *top_kr = key_result (f, top, 0, 100, 10, NULL);
  g_autofree char *dept = objective (f, "department", NULL, top_kr);
  g_autofree char *dept_kr = key_result (f, dept, 0, 100, 10, NULL);
  g_autofree char *mine = objective (f, "personal", dept, dept_kr);
  g_autofree char *mine_kr = key_result (f, mine, 0, 100, 10, NULL);
  g_autoptr(JsonObject) under_mine = zx_test_fields ("parent_objective_id", mine, NULL);
  g_autoptr(JsonObject) under_mine_kr = zx_test_fields ("parent_key_result_id", mine_kr, NULL);
  g_autoptr(JsonObject) under_own_kr = zx_test_fields ("parent_key_result_id", dept_kr, NULL);
  g_autoptr(JsonObject) under_self = zx_test_fields ("parent_objective_id", dept, NULL);

  /* the hospital objective under the personal one (parent objective link) */
  g_assert_false (zx_store_check (f->store, "objective", top, under_mine, &field, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "parent_objective_id");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* …under the personal one's KR: the walk goes up through the KR links */
  g_assert_false (zx_store_check (f->store, "objective", top, under_mine_kr, &field, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "parent_key_result_id");
  g_assert_nonnull (strstr (error->message, "key results"));
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* under its own KR, or itself */
  g_assert_false (zx_store_update (f->store, "objective", dept, under_own_kr, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (zx_store_check (f->store, "objective", dept, under_self, &field, &error));
  g_assert_cmpstr (field, ==, "parent_objective_id");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* A personal objective aligns to a department or hospital KR, not a personal one */
  {
    g_autoptr(JsonObject) o = zx_test_fields ("cycle_id", f->q1, "level", "personal", "title", "学习",
                                              "owner_id", f->staff, "status", "active",
                                              "parent_key_result_id", mine_kr, NULL);

    g_assert_false (zx_store_check (f->store, "objective", NULL, o, &field, &error));
    g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
    g_assert_cmpstr (field, ==, "parent_key_result_id");
    g_clear_error (&error);
    g_clear_pointer (&field, g_free);

    json_object_set_string_member (o, "parent_key_result_id", top_kr);
    g_assert_true (zx_store_check (f->store, "objective", NULL, o, &field, &error));
    g_assert_no_error (error);
  }

  /* Alignment is checked when it changes: a loop already stored (by a
   * program other than Zhixing) does not stop an edit of the title, only a
   * change of where the objective is aligned */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE objective SET parent_objective_id = '%s' WHERE id = '%s'",
                                            mine, top);
    g_autoptr(JsonObject) retitle = zx_test_fields ("title", "缩短平均住院日", NULL);

    g_assert_cmpint (sqlite3_exec (zx_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (zx_store_update (f->store, "objective", top, retitle, &error));
    g_assert_no_error (error);
    g_assert_false (zx_store_update (f->store, "objective", top, under_mine, &error));
    g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* A KR's due date lies in its objective's cycle; a check-in's week in its KR's */
static void
test_dates_in_cycle (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *o = objective (f, "department", NULL, NULL);
  g_autofree char *kr = key_result (f, o, 0, 100, 10, "2026-03-31");
  g_autoptr(JsonObject) late = kr_fields (o, 0, 100, 10, "2026-04-01");
  g_autoptr(JsonObject) early = kr_fields (o, 0, 100, 10, "2025-12-31");
  g_autoptr(JsonObject) ci = zx_test_fields ("key_result_id", kr, "week", "2026-04-06",
                                             "created_at", "2026-04-07T02:00:00Z", NULL);

  g_assert_false (zx_store_check (f->store, "key_result", NULL, late, &field, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "due_date");
  g_assert_nonnull (strstr (error->message, "2026-01-01 to 2026-03-31"));
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  g_assert_false (zx_store_check (f->store, "key_result", NULL, early, &field, &error));
  g_assert_cmpstr (field, ==, "due_date");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  json_object_set_int_member (ci, "confidence", 7);
  g_assert_false (zx_store_check (f->store, "check_in", NULL, ci, &field, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "week");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* The week of 29 December 2025 runs into Q1 2026: it counts */
  json_object_set_string_member (ci, "week", "2025-12-29");
  g_assert_true (zx_store_check (f->store, "check_in", NULL, ci, &field, &error));
  g_assert_no_error (error);
  json_object_set_string_member (ci, "week", "2025-12-25");
  g_assert_false (zx_store_check (f->store, "check_in", NULL, ci, &field, &error));
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  json_object_set_string_member (ci, "week", "2026-03-30");
  g_assert_true (zx_store_check (f->store, "check_in", NULL, ci, &field, &error));
  g_assert_no_error (error);
}

static void
test_alignment_path (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *top = objective (f, "hospital", NULL, NULL);
  g_autofree char *top_kr = key_result (f, top, 0, 100, 10, NULL);
  g_autofree char *dept = objective (f, "department", top, NULL);
  g_autofree char *dept_kr = key_result (f, dept, 0, 100, 10, NULL);
  g_autofree char *mine = objective (f, "personal", dept, dept_kr);
  g_autofree char *mine_kr = key_result (f, mine, 0, 100, 10, NULL);
  g_autofree char *orphan = objective (f, "personal", NULL, NULL);
  g_autoptr(GPtrArray) path = zx_okr_alignment_path (f->store, mine_kr);
  g_autoptr(GPtrArray) from_top = zx_okr_alignment_path (f->store, top);
  g_autoptr(GPtrArray) orphans = zx_okr_list_orphans (f->store, f->q1);
  g_autoptr(GPtrArray) all_orphans = zx_okr_list_orphans (f->store, NULL);
  const char *expected[] = { mine_kr, mine, dept_kr, dept, top, f->pillar };

  g_assert_cmpuint (path->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (path, i), ==, expected[i]);

  g_assert_cmpuint (from_top->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (from_top, 1), ==, f->pillar);
  g_assert_null (zx_okr_alignment_path (f->store, "no-such-row"));

  g_assert_cmpuint (orphans->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (orphans, 0), ==, orphan);
  g_assert_cmpuint (all_orphans->len, ==, 1);
  (void) top_kr;
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/okr/cycle/name-round-trip", test_name_round_trip);
  g_test_add_func ("/okr/cycle/name-parse", test_name_parse);
  g_test_add_func ("/okr/cycle/dates", test_dates);
  ADD ("/okr/cycle/ensure", test_ensure);
  ADD ("/okr/cycle/find-by-dates", test_find_by_dates);
  ADD ("/okr/cycle/next", test_next);
  ADD ("/okr/copy/next-cycle", test_copy_objective);
  ADD ("/okr/copy/keeps-due-date", test_copy_keeps_due_date);
  ADD ("/okr/copy/refused", test_copy_refused);
  ADD ("/okr/copy/alignment", test_copy_alignment);
  ADD ("/okr/copy/all-or-nothing", test_copy_all_or_nothing);
  ADD ("/okr/align/no-cycles", test_alignment_cycles);
  ADD ("/okr/align/dates-in-cycle", test_dates_in_cycle);
  ADD ("/okr/align/path-and-orphans", test_alignment_path);

  return g_test_run ();
}
