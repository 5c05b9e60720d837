/* test-demo.c — the demo hospital: complete, valid, deterministic
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "zx-demo.h"
#include "zx-record.h"
#include "zx-store.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"

typedef struct
{
  char    *dir;
  ZxStore *store;
} Fixture;

static ZxStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  ZxStore *store = zx_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = zx_test_tmpdir ();
  f->store = open_store (f->dir, "demo.db");
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Live rows of @entity matching @where, with NULL-terminated string parameters */
static gint64
count (ZxStore    *store,
       const char *entity,
       const char *where,
       ...)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  va_list args;

  va_start (args, where);
  for (const char *p = va_arg (args, const char *); p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (params, (gpointer) p);
  va_end (args);
  g_ptr_array_add (params, NULL);

  return zx_store_count (store, entity, where, (const char * const *) params->pdata);
}

static double
sql_double (ZxStore    *store,
            const char *sql)
{
  sqlite3 *db = zx_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every row of every entity, in a stable order, as JSON */
static char *
dump (ZxStore *store)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autoptr(GListStore) rows = zx_store_list (store, entity->name, NULL, NULL);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (rows)); j++)
        {
          g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (rows), j);
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
          g_autofree char *json = NULL;

          json_node_set_object (node, zx_record_get_object (record));
          json = json_to_string (node, FALSE);
          g_string_append_printf (s, "%s %s\n", entity->name, json);
        }
    }

  return g_string_free (s, FALSE);
}

/* The minimum content the issue asks for */
static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  ZxStore *s = f->store;
  gint64 departments = count (s, "department", NULL, NULL);
  g_autoptr(GListStore) pillars = zx_store_list (s, "pillar", NULL, NULL);

  g_assert_cmpint (count (s, "hospital", "grade = ?", "三级甲等", NULL), ==, 1);
  g_assert_cmpint (count (s, "plan", "start_year = 2025 AND end_year = 2027", NULL), ==, 1);

  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (pillars)), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(ZxRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), i);
      gint64 n = count (s, "success_factor", "pillar_id = ?", zx_record_get_id (pillar), NULL);

      g_assert_cmpint (n, >=, 2);
      g_assert_cmpint (n, <=, 4);
    }

  g_assert_cmpint (departments, >=, 12);
  g_assert_cmpint (count (s, "department", "kind = 'clinical'", NULL), >=, 1);
  g_assert_cmpint (count (s, "department", "kind = 'medtech'", NULL), >=, 1);
  g_assert_cmpint (count (s, "department", "kind = 'functional'", NULL), >=, 1);
  g_assert_cmpint (count (s, "department", "kind = 'clinical' AND (beds IS NULL OR beds = 0)", NULL), ==, 0);
  /* every department has a head, and the head works there */
  g_assert_cmpint (count (s, "department", "head_id IS NULL OR head_id NOT IN "
                          "(SELECT id FROM staff WHERE staff.department_id = department.id)", NULL), ==, 0);

  g_assert_cmpint (count (s, "staff", NULL, NULL), >=, 40);
  g_assert_cmpint (count (s, "staff", "role = 'admin' AND department_id IN "
                          "(SELECT id FROM department WHERE name = ?)", "信息科", NULL), >=, 1);
  g_assert_cmpint (count (s, "staff", "role = 'office' AND department_id IN "
                          "(SELECT id FROM department WHERE name = ?)", "院办", NULL), >=, 1);
  g_assert_cmpint (count (s, "staff", "role = 'hr' AND department_id IN "
                          "(SELECT id FROM department WHERE name = ?)", "人力资源部", NULL), >=, 1);
  g_assert_cmpint (count (s, "staff", "role = 'leadership'", NULL), >=, 2);
  g_assert_cmpint (count (s, "staff", "key_person = 1", NULL), >=, 3);
  g_assert_cmpint (count (s, "staff", "title IS NULL", NULL), ==, 0);

  /* battle maps: every department fights, with measurable targets and owners */
  g_assert_cmpint (count (s, "department", "id NOT IN (SELECT department_id FROM battle)", NULL), ==, 0);
  g_assert_cmpint (count (s, "battle", "target IS NULL OR owner_id IS NULL OR deadline IS NULL", NULL), ==, 0);
  g_assert_cmpint (count (s, "battle", "status = 'at_risk'", NULL), >=, 1);
  g_assert_cmpint (count (s, "battle", "status = 'achieved'", NULL), >=, 1);

  /* pledges for this year: all departments, two not yet signed */
  g_assert_cmpint (count (s, "pledge", "year = 2026", NULL), ==, departments);
  g_assert_cmpint (count (s, "pledge", "year = 2026 AND signed_at IS NULL", NULL), ==, 2);

  /* cycles */
  g_assert_cmpint (count (s, "cycle", "name = '2026' AND kind = 'year' AND start_date = '2026-01-01' "
                          "AND end_date = '2026-12-31'", NULL), ==, 1);
  g_assert_cmpint (count (s, "cycle", "kind = 'quarter' AND parent_id = (SELECT id FROM cycle WHERE name = '2026')",
                          NULL), ==, 4);
  g_assert_cmpint (count (s, "cycle", "name = '2026-Q1' AND start_date = '2026-01-01' AND end_date = '2026-03-31'",
                          NULL), ==, 1);
  g_assert_cmpint (count (s, "cycle", "name = '2026-Q2' AND start_date = '2026-04-01' AND end_date = '2026-06-30'",
                          NULL), ==, 1);
  g_assert_cmpint (count (s, "cycle", "name = '2026-Q4' AND start_date = '2026-10-01' AND end_date = '2026-12-31'",
                          NULL), ==, 1);

  /* OKRs: hospital → department → personal */
  g_assert_cmpint (count (s, "objective", "level = 'hospital' AND pillar_id IS NOT NULL", NULL), >=, 4);
  g_assert_cmpint (count (s, "objective", "level = 'department' AND parent_objective_id IN "
                          "(SELECT id FROM objective WHERE level = 'hospital') AND battle_id IS NOT NULL", NULL),
                   >=, 12);
  g_assert_cmpint (count (s, "staff", "id IN (SELECT owner_id FROM objective WHERE level = 'personal' AND "
                          "parent_key_result_id IN (SELECT id FROM key_result WHERE objective_id IN "
                          "(SELECT id FROM objective WHERE level = 'department')))", NULL), >=, 40);
  g_assert_cmpint (count (s, "key_result", "kind = 'numeric' AND direction = 'lower'", NULL), >=, 1);
  g_assert_cmpint (count (s, "key_result", "kind = 'percentage'", NULL), >=, 1);
  g_assert_cmpint (count (s, "key_result", "kind = 'milestone'", NULL), >=, 1);
  g_assert_cmpint (count (s, "key_result", "challenge = 1", NULL), >=, 1);
  g_assert_cmpint (count (s, "key_result", "title = ? AND start_value = 9.0 AND target_value = 7.0",
                          "平均住院日由9.0天降至7.0天", NULL), ==, 1);

  /* meetings */
  g_assert_cmpint (count (s, "meeting", "kind = 'weekly_review'", NULL), >=, 1);
  g_assert_cmpint (count (s, "meeting_item", NULL, NULL), >=, 2);
  g_assert_cmpint (count (s, "decision", "owner_id IS NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "decision", "owner_id IS NOT NULL", NULL), >=, 1);

  /* empowerment */
  g_assert_cmpint (count (s, "course", "series = ?", "《我们的战略与我》", NULL), >=, 5);
  g_assert_cmpint (count (s, "course", "series = ?", "《我们的战略与我》", NULL), <=, 6);
  g_assert_cmpint (count (s, "course", "series = ? AND pillar_id IS NOT NULL", "《我们的战略与我》", NULL), >=, 4);
  g_assert_cmpint (count (s, "course", "id NOT IN (SELECT course_id FROM course_audience)", NULL), ==, 0);
  g_assert_cmpint (count (s, "staff", "id IN (SELECT staff_id FROM enrolment WHERE completed_at IS NOT NULL "
                          "AND rating IS NOT NULL)", NULL), >=, 40);
  g_assert_cmpint (count (s, "enrolment", "completed_at IS NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "enrolment", "assigned = 1 AND skill_id IS NOT NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "skill", NULL, NULL), >=, 5);
  g_assert_cmpint (count (s, "staff_skill", NULL, NULL), >=, 40);
  g_assert_cmpint (count (s, "skill_need", "battle_id IS NOT NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "skill_need", "key_result_id IS NOT NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "mentorship", NULL, NULL), >=, 1);

  /* evaluation: a draft scheme for the current quarter, OKR at least half */
  g_assert_cmpint (count (s, "eval_scheme", "status = 'draft' AND okr_weight >= 0.5 AND challenge_credit = 0.7 "
                          "AND abs (okr_weight + indicator_weight + assessment_weight - 1) < 1e-9 "
                          "AND grade_a > grade_b AND grade_b > grade_c "
                          "AND cycle_id = (SELECT id FROM cycle WHERE name = '2026-Q4')", NULL), ==, 1);
  g_assert_cmpfloat_with_epsilon (sql_double (s, "SELECT total (weight) FROM eval_scheme_item WHERE scheme_id IN "
                                              "(SELECT id FROM eval_scheme WHERE status = 'draft')"), 1.0, 1e-9);

  g_assert_cmpint (count (s, "setting", "key = 'fund.tier.head_max' AND value = '20000'", NULL), ==, 1);
  g_assert_cmpint (count (s, "setting", "key = 'fund.tier.finance_max' AND value = '100000'", NULL), ==, 1);
  g_assert_cmpint (count (s, "setting", "key = 'kanban.auto_supervise_days' AND value = '3'", NULL), ==, 1);

  /* bulk loading queues nothing */
  g_assert_cmpint (zx_store_queue_length (s), ==, 0);
}

/* Weekly check-ins: many people, Mondays of this quarter, some stale */
static void
test_check_ins (Fixture       *f,
                gconstpointer  data)
{
  ZxStore *s = f->store;

  g_assert_cmpint (count (s, "staff", "id IN (SELECT author_id FROM check_in)", NULL), >=, 40);
  /* the current quarter's, and the last quarter's closing check-in (its
   * finished evaluation, zx-demo-evaluation.c) on its last Monday */
  g_assert_cmpint (count (s, "check_in", "(week < '2026-10-01' AND week != '2026-09-28') OR week > ? "
                          "OR strftime ('%w', week) != '1' OR created_at > ?", TODAY, TODAY "T23:59:59Z", NULL), ==, 0);
  g_assert_cmpint (count (s, "check_in", "week = '2026-11-16'", NULL), >=, 40);

  /* a stale key result: checked in before, but not in the last 14 days */
  g_assert_cmpint (count (s, "key_result", "id IN (SELECT key_result_id FROM check_in) AND id NOT IN "
                          "(SELECT key_result_id FROM check_in WHERE week >= ? OR created_at >= ?)",
                          "2026-11-08", "2026-11-08", NULL), >=, 1);
  /* behind pace, with obstacles and support asked for; and low confidence */
  g_assert_cmpint (count (s, "check_in", "obstacles IS NOT NULL AND support_needed IS NOT NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "key_result", "confidence <= 3", NULL), >=, 1);
  g_assert_cmpint (count (s, "key_result", "confidence >= 8", NULL), >=, 1);

  /* a key result's current value is its last check-in's */
  g_assert_cmpint (count (s, "key_result", "id IN (SELECT key_result_id FROM check_in) AND current_value IS NOT "
                          "(SELECT value FROM check_in c WHERE c.key_result_id = key_result.id "
                          "ORDER BY week DESC LIMIT 1)", NULL), ==, 0);
  g_assert_cmpint (count (s, "key_result", "id NOT IN (SELECT key_result_id FROM check_in) AND "
                          "current_value IS NOT start_value", NULL), ==, 0);
  /* one check-in per key result and week */
  g_assert_cmpfloat (sql_double (s, "SELECT count(*) - count(DISTINCT key_result_id || week) FROM check_in"), ==, 0);
}

/* The collaboration board */
static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  static const char * const names[] = { "提出", "受理", "进行中", "待验收", "已完成" };
  ZxStore *s = f->store;
  g_autoptr(GListStore) columns = zx_store_list (s, "board_column", NULL, NULL);

  g_assert_cmpint (count (s, "board", "name = ?", "横向协同需求看板", NULL), ==, 1);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (columns)), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ZxRecord) column = g_list_model_get_item (G_LIST_MODEL (columns), i);

      g_assert_cmpstr (zx_record_get_string (column, "name"), ==, names[i]);
      g_assert_cmpint (zx_record_get_bool (column, "is_done"), ==, i == G_N_ELEMENTS (names) - 1);
    }

  g_assert_cmpint (count (s, "card", NULL, NULL), >=, 15);
  g_assert_cmpint (count (s, "board_column", "id IN (SELECT column_id FROM card)", NULL), >=, 4);
  g_assert_cmpint (count (s, "card", "from_department_id = to_department_id", NULL), ==, 0);
  g_assert_cmpint (count (s, "card", "due_date < ? AND column_id NOT IN (SELECT id FROM board_column WHERE is_done = 1)",
                          TODAY, NULL), >=, 2);
  g_assert_cmpint (count (s, "card", "supervised = 1 AND supervision_deadline IS NOT NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "card", "blocked_by_id IS NOT NULL", NULL), >=, 1);
  g_assert_cmpint (count (s, "card", "to_department_id = (SELECT id FROM department WHERE name = ?) "
                          "AND title LIKE ? AND key_result_id IS NOT NULL", "信息科", "%接口%", NULL), >=, 1);
  g_assert_cmpint (count (s, "card", "column_id IN (SELECT id FROM board_column WHERE is_done = 1) "
                          "AND done_at IS NULL", NULL), ==, 0);
  g_assert_cmpint (count (s, "card", "id NOT IN (SELECT card_id FROM card_event WHERE kind = 'created')", NULL), ==, 0);
  g_assert_cmpint (count (s, "card_event", "kind = 'moved'", NULL), >=, 10);
  g_assert_cmpint (count (s, "card_comment", NULL, NULL), >=, 5);
}

/* The innovation fund: every state, tiers by amount, budgets that add up */
static void
test_fund (Fixture       *f,
           gconstpointer  data)
{
  static const char * const states[] = { "draft", "submitted", "approved", "rejected", "piloting", "reported" };
  static const char * const tiers[] = { "head", "finance", "president" };
  ZxStore *s = f->store;

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_assert_cmpint (count (s, "fund_proposal", "state = ?", states[i], NULL), >=, 1);
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    g_assert_cmpint (count (s, "fund_proposal", "state = 'submitted' AND current_tier = ?", tiers[i], NULL), >=, 1);

  g_assert_cmpint (count (s, "fund_proposal", "state = 'rejected' AND id NOT IN (SELECT proposal_id FROM "
                          "fund_approval WHERE decision = 'rejected' AND reason IS NOT NULL)", NULL), ==, 0);
  g_assert_cmpint (count (s, "fund_proposal", "abs (amount - (SELECT total (amount) FROM fund_budget_line "
                          "WHERE proposal_id = fund_proposal.id)) > 0.001", NULL), ==, 0);
  g_assert_cmpint (count (s, "fund_proposal", "state IN ('approved', 'piloting', 'reported') AND amount > 20000 "
                          "AND id NOT IN (SELECT proposal_id FROM fund_approval WHERE tier = 'finance' "
                          "AND decision = 'approved')", NULL), ==, 0);
  g_assert_cmpint (count (s, "fund_proposal", "state = 'reported' AND result IS NULL", NULL), ==, 0);
  g_assert_cmpint (count (s, "fund_proposal", "state = 'draft' AND submitted_at IS NOT NULL", NULL), ==, 0);
}

/* The indicator library and a year of monthly values */
static void
test_indicators (Fixture       *f,
                 gconstpointer  data)
{
  ZxStore *s = f->store;
  double first, last;

  g_assert_cmpint (count (s, "indicator", "source = 'national'", NULL), ==, 56);
  g_assert_cmpint (count (s, "indicator", "source = 'operational'", NULL), ==, 16);
  g_assert_cmpint (count (s, "indicator", "source = 'national' AND national_monitoring = 1", NULL), ==, 26);

  g_assert_cmpint (count (s, "indicator_value", "department_id IS NULL AND indicator_id = "
                          "(SELECT id FROM indicator WHERE name = ?)", "平均住院日", NULL), ==, 12);
  g_assert_cmpint (count (s, "indicator_value", "month < '2025-11' OR month > '2026-10'", NULL), ==, 0);
  g_assert_cmpint (count (s, "indicator_value", "department_id IS NOT NULL", NULL), >=, 12);
  g_assert_cmpint (count (s, "indicator_target", "period = '2026'", NULL), >=, 1);

  /* average length of stay comes down over the year */
  first = sql_double (s, "SELECT v.value FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id "
                         "WHERE i.name = '平均住院日' AND v.department_id IS NULL ORDER BY v.month LIMIT 1");
  last = sql_double (s, "SELECT v.value FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id "
                        "WHERE i.name = '平均住院日' AND v.department_id IS NULL ORDER BY v.month DESC LIMIT 1");
  g_assert_cmpfloat (last, <, first);
  g_assert_cmpfloat (first, <, 10);
  g_assert_cmpfloat (last, >, 6);
}

/* Every row passes the store's own checks, with the scope its rule gives */
static void
assert_rows_valid (ZxStore *store)
{
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autoptr(GListStore) rows = zx_store_list (store, entity->name, NULL, NULL);

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (rows)); j++)
        {
          g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (rows), j);
          JsonObject *row = zx_record_get_object (record);
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autoptr(GError) error = NULL;
          g_autofree char *field = NULL;
          g_autofree char *expected = NULL;
          const char *value;

          for (guint k = 0; k < entity->n_fields; k++)
            json_object_set_member (fields, entity->fields[k].name,
                                    json_node_copy (json_object_get_member (row, entity->fields[k].name)));
          if (!zx_store_check (store, entity->name, zx_record_get_id (record), fields, &field, &error))
            g_error ("%s %s: %s (%s)", entity->name, zx_record_get_id (record), error->message, field);

          switch (entity->scope_rule)
            {
            case ZX_SCOPE_SELF:
              expected = g_strdup (zx_record_get_id (record));
              break;
            case ZX_SCOPE_FIELD:
              value = json_object_get_string_member_with_default (row, entity->scope_field, NULL);
              expected = g_strdup (value ? value : ZX_SCOPE_ALL);
              break;
            case ZX_SCOPE_PARENT:
              {
                const ZxField *ref = zx_entity_lookup_field (entity, entity->scope_field);
                g_autoptr(JsonObject) parent = zx_store_get (store, ref->ref,
                                                             json_object_get_string_member (row, entity->scope_field),
                                                             NULL);

                g_assert_nonnull (parent);
                expected = g_strdup (json_object_get_string_member (parent, ZX_COLUMN_SCOPE));
              }
              break;
            case ZX_SCOPE_HOSPITAL:
            default:
              expected = g_strdup (ZX_SCOPE_ALL);
              break;
            }
          g_assert_cmpstr (json_object_get_string_member (row, ZX_COLUMN_SCOPE), ==, expected);
          g_assert_cmpstr (json_object_get_string_member (row, ZX_COLUMN_UPDATED_BY), ==, "demo");
          g_assert_cmpint (json_object_get_int_member (row, ZX_COLUMN_VERSION), ==, 0);
          g_assert_true (g_uuid_string_is_valid (zx_record_get_id (record)));
        }
    }
}

static void
test_rows_valid (Fixture       *f,
                 gconstpointer  data)
{
  assert_rows_valid (f->store);
}

/* The same day gives the same hospital, byte for byte; another day differs */
static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ZxStore) again = open_store (f->dir, "again.db");
  g_autoptr(ZxStore) later = open_store (f->dir, "later.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = dump (f->store);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_true (zx_demo_populate (again, TODAY, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const char *name = zx_schema_entity_at (i)->name;

      g_assert_cmpint (count (again, name, NULL, NULL), ==, count (f->store, name, NULL, NULL));
    }
  b = dump (again);
  g_assert_cmpstr (a, ==, b);

  g_assert_true (zx_demo_populate (later, "2026-11-29", &error));
  g_assert_no_error (error);
  c = dump (later);
  g_assert_cmpstr (a, !=, c);
}

/* A store that already holds a hospital is left alone */
static void
test_refuses_non_empty (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  g_autoptr(ZxStore) other = open_store (f->dir, "other.db");
  g_autoptr(JsonObject) hospital = zx_test_fields ("name", "江城市第二人民医院", NULL);
  g_autofree char *id = NULL;
  gint64 queued;

  g_assert_false (zx_demo_populate (f->store, TODAY, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);

  id = zx_store_create (other, "hospital", hospital, &error);
  g_assert_no_error (error);
  queued = zx_store_queue_length (other);
  g_assert_false (zx_demo_populate (other, TODAY, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_EMPTY);
  g_assert_cmpint (count (other, "hospital", NULL, NULL), ==, 1);
  g_assert_cmpint (count (other, "department", NULL, NULL), ==, 0);
  g_assert_cmpint (zx_store_queue_length (other), ==, queued);
}

/* A day that is not a date changes nothing */
static void
test_bad_date (void)
{
  static const char * const bad[] = { "2026-02-30", "2026-1-5", "22.11.2026", "", "2026-11-22T08:00:00Z" };
  g_autofree char *dir = zx_test_tmpdir ();
  g_autoptr(ZxStore) store = open_store (dir, "bad.db");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (zx_demo_populate (store, bad[i], &error));
      g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
      g_assert_true (zx_store_is_empty (store));
    }

  g_clear_object (&store);
  zx_test_rmdir (dir);
}

/* Other days, including the first of a quarter (no Monday yet) and a leap day */
static void
test_other_days (void)
{
  static const struct { const char *today, *quarter; } days[] = {
    { "2026-01-01", "2026-Q1" }, { "2026-01-02", "2026-Q1" }, { "2028-02-29", "2028-Q1" },
    { "2027-06-30", "2027-Q2" }, { "2030-12-31", "2030-Q4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *dir = zx_test_tmpdir ();
      g_autoptr(ZxStore) store = open_store (dir, "day.db");
      g_autoptr(GError) error = NULL;
      g_autofree char *end_of_day = NULL;

      g_test_message ("today = %s", days[i].today);
      g_assert_true (zx_demo_populate (store, days[i].today, &error));
      g_assert_no_error (error);
      g_assert_cmpint (count (store, "cycle", NULL, NULL), ==, 5);
      g_assert_cmpint (count (store, "eval_scheme", "cycle_id = (SELECT id FROM cycle WHERE name = ?)",
                              days[i].quarter, NULL), ==, 1);
      end_of_day = g_strconcat (days[i].today, "T23:59:59Z", NULL);
      g_assert_cmpint (count (store, "check_in", "week > ? OR created_at > ?", days[i].today, end_of_day, NULL), ==, 0);
      assert_rows_valid (store);

      g_clear_object (&store);
      zx_test_rmdir (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/demo/check-ins", Fixture, NULL, fixture_set_up, test_check_ins, fixture_tear_down);
  g_test_add ("/demo/board", Fixture, NULL, fixture_set_up, test_board, fixture_tear_down);
  g_test_add ("/demo/fund", Fixture, NULL, fixture_set_up, test_fund, fixture_tear_down);
  g_test_add ("/demo/indicators", Fixture, NULL, fixture_set_up, test_indicators, fixture_tear_down);
  g_test_add ("/demo/rows-valid", Fixture, NULL, fixture_set_up, test_rows_valid, fixture_tear_down);
  g_test_add ("/demo/deterministic", Fixture, NULL, fixture_set_up, test_deterministic, fixture_tear_down);
  g_test_add ("/demo/refuses-non-empty", Fixture, NULL, fixture_set_up, test_refuses_non_empty, fixture_tear_down);
  g_test_add_func ("/demo/bad-date", test_bad_date);
  g_test_add_func ("/demo/other-days", test_other_days);

  return g_test_run ();
}
