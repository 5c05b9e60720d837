/* test-fund.c — the micro-innovation fund: tiers at and around each
 * threshold, the steps, who may take them, the audit trail
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "zx-demo.h"
#include "zx-error.h"
#include "zx-fund.h"
#include "zx-store.h"
#include "zx-test-util.h"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *head;        /* 张建华, head of 心血管内科 */
  char    *applicant;   /* 李明, staff of 心血管内科 */
  char    *finance;     /* 钱国梁, head of 财务部 */
  char    *president;   /* 林振华, 院长 */
  char    *vice;        /* 陈立新, 副院长: leadership but not the president */
  char    *other_head;  /* 胡军, head of 骨科 */
  char    *dept;
  char    *kr;
} Fixture;

static char *
query (ZxStore    *store,
       const char *sql,
       const char *param)
{
  sqlite3 *db = zx_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static char *
staff (Fixture    *f,
       const char *name)
{
  char *id = query (f->store, "SELECT id FROM staff WHERE name = ?", name);

  g_assert_nonnull (id);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "fund.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (f->store, "2026-11-16", &error));
  f->head = staff (f, "张建华");
  f->applicant = staff (f, "李明");
  f->finance = staff (f, "钱国梁");
  f->president = staff (f, "林振华");
  f->vice = staff (f, "陈立新");
  f->other_head = staff (f, "胡军");
  f->dept = query (f->store, "SELECT id FROM department WHERE name = ?", "心血管内科");
  f->kr = query (f->store, "SELECT id FROM key_result WHERE deleted = 0 ORDER BY id LIMIT 1", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->head);
  g_free (f->applicant);
  g_free (f->finance);
  g_free (f->president);
  g_free (f->vice);
  g_free (f->other_head);
  g_free (f->dept);
  g_free (f->kr);
}

/* A draft of @amount with one budget line of the same amount */
static char *
draft (Fixture *f,
       double   amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonObject) line = json_object_new ();
  g_autofree char *line_id = NULL;
  char *id;

  json_object_set_string_member (o, "title", "Bedside tablets");
  json_object_set_string_member (o, "problem", "Patients wait for answers");
  json_object_set_string_member (o, "plan", "Tablets in two wards");
  json_object_set_string_member (o, "key_result_id", f->kr);
  json_object_set_string_member (o, "applicant_id", f->applicant);
  json_object_set_string_member (o, "department_id", f->dept);
  json_object_set_double_member (o, "amount", amount);
  json_object_set_string_member (o, "state", "draft");
  id = zx_store_create (f->store, "fund_proposal", o, &error);
  g_assert_no_error (error);
  json_object_set_string_member (line, "proposal_id", id);
  json_object_set_string_member (line, "item", "Tablets");
  json_object_set_double_member (line, "amount", amount);
  line_id = zx_store_create (f->store, "fund_budget_line", line, &error);
  g_assert_no_error (error);
  return id;
}

static char *
field (Fixture    *f,
       const char *id,
       const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM fund_proposal WHERE id = ?", name);

  return query (f->store, sql, id);
}

static void
assert_state (Fixture    *f,
              const char *id,
              const char *state,
              const char *tier)
{
  g_autofree char *s = field (f, id, "state");
  g_autofree char *t = field (f, id, "current_tier");

  g_assert_cmpstr (s, ==, state);
  g_assert_cmpstr (t, ==, tier);
}

/* Tiers at and around each threshold -------------------------------------------- */

static void
test_routing (void)
{
  const struct { double amount; guint tiers; } cases[] = {
    { 0.01, 1 }, { 19999.99, 1 }, { 20000, 1 }, { 20000.004, 1 }, { 20000.01, 2 }, { 20001, 2 },
    { 99999.99, 2 }, { 100000, 2 }, { 100000.01, 3 }, { 100001, 3 }, { 5e6, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%.3f", cases[i].amount);
      g_assert_cmpuint (zx_fund_tiers_needed (cases[i].amount, 20000, 100000), ==, cases[i].tiers);
    }
  /* other thresholds */
  g_assert_cmpuint (zx_fund_tiers_needed (5000, 5000, 50000), ==, 1);
  g_assert_cmpuint (zx_fund_tiers_needed (5000.01, 5000, 50000), ==, 2);
  g_assert_cmpuint (zx_fund_tiers_needed (50000.01, 5000, 50000), ==, 3);
}

static void
test_thresholds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  double x, y;

  zx_fund_get_thresholds (f->store, &x, &y);
  g_assert_cmpfloat (x, ==, 20000);
  g_assert_cmpfloat (y, ==, 100000);

  g_assert_true (zx_fund_set_thresholds (f->store, 30000, 150000, &error));
  g_assert_no_error (error);
  zx_fund_get_thresholds (f->store, &x, &y);
  g_assert_cmpfloat (x, ==, 30000);
  g_assert_cmpfloat (y, ==, 150000);
  {
    g_autofree char *text = query (f->store, "SELECT value FROM setting WHERE key = ?", ZX_FUND_SETTING_HEAD_MAX);

    g_assert_cmpstr (text, ==, "30000");
  }

  /* X must be below Y and above zero; nothing changes */
  g_assert_false (zx_fund_set_thresholds (f->store, 150000, 150000, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (zx_fund_set_thresholds (f->store, 0, 1000, &error));
  g_clear_error (&error);
  zx_fund_get_thresholds (f->store, &x, &y);
  g_assert_cmpfloat (x, ==, 30000);

  /* routing follows the settings: 25,000 is now the head's alone */
  {
    g_autofree char *id = draft (f, 25000);

    g_assert_true (zx_fund_submit (f->store, id, f->applicant, &error));
    g_assert_true (zx_fund_approve (f->store, id, f->head, NULL, &error));
    g_assert_no_error (error);
    assert_state (f, id, "approved", NULL);
  }
}

/* The whole way, amount at each threshold and one fen above */
static void
walk (Fixture    *f,
      double      amount,
      guint       tiers)
{
  const char *approvers[3] = { f->head, f->finance, f->president };
  g_autoptr(GError) error = NULL;
  g_autofree char *id = draft (f, amount);

  g_assert_true (zx_fund_submit (f->store, id, f->applicant, &error));
  g_assert_no_error (error);
  for (guint t = 0; t < tiers; t++)
    {
      assert_state (f, id, "submitted", zx_fund_tier_name (t));
      g_assert_true (zx_fund_approve (f->store, id, approvers[t], "Agreed", &error));
      g_assert_no_error (error);
    }
  assert_state (f, id, "approved", NULL);
  {
    g_autofree char *n = query (f->store, "SELECT count(*) FROM fund_approval WHERE proposal_id = ?", id);
    g_autofree char *expected = g_strdup_printf ("%u", tiers);

    g_assert_cmpstr (n, ==, expected);
  }
  g_assert_true (zx_fund_start_pilot (f->store, id, f->applicant, &error));
  g_assert_no_error (error);
  assert_state (f, id, "piloting", NULL);
  g_assert_true (zx_fund_report (f->store, id, f->applicant, "Waiting halved", &error));
  g_assert_no_error (error);
  assert_state (f, id, "reported", NULL);
}

static void
test_walk (Fixture       *f,
           gconstpointer  data)
{
  walk (f, 20000, 1);
  walk (f, 20000.01, 2);
  walk (f, 100000, 2);
  walk (f, 100000.01, 3);
}

/* No skipping, no wrong person ------------------------------------------------------ */

static void
test_who (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = draft (f, 150000);
  g_autoptr(JsonObject) row = NULL;

  /* only the applicant submits */
  g_assert_false (zx_fund_submit (f->store, id, f->head, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (zx_fund_submit (f->store, id, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (zx_fund_submit (f->store, id, f->applicant, &error));

  /* the finance head and the president may not decide the head's tier,
   * nor the applicant, nor another department's head */
  {
    const char *wrong[] = { f->finance, f->president, f->applicant, f->other_head };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_assert_false (zx_fund_approve (f->store, id, wrong[i], NULL, &error));
        g_assert_error (error, ZX_ERROR, ZX_ERROR_PERMISSION);
        g_clear_error (&error);
      }
  }
  assert_state (f, id, "submitted", "head");
  row = zx_store_get (f->store, "fund_proposal", id, NULL);
  g_assert_true (zx_fund_may (f->store, ZX_FUND_APPROVE, row, f->head));
  g_assert_false (zx_fund_may (f->store, ZX_FUND_APPROVE, row, f->finance));
  g_assert_false (zx_fund_may (f->store, ZX_FUND_EDIT, row, f->applicant));

  g_assert_true (zx_fund_approve (f->store, id, f->head, NULL, &error));
  /* the head again, the president early: refused */
  g_assert_false (zx_fund_approve (f->store, id, f->head, NULL, &error));
  g_clear_error (&error);
  g_assert_false (zx_fund_approve (f->store, id, f->president, NULL, &error));
  g_clear_error (&error);
  g_assert_true (zx_fund_approve (f->store, id, f->finance, NULL, &error));
  /* a vice president is leadership but not the president */
  g_assert_false (zx_fund_approve (f->store, id, f->vice, NULL, &error));
  g_assert_nonnull (strstr (error->message, "president"));
  g_clear_error (&error);
  g_assert_false (zx_fund_start_pilot (f->store, id, f->applicant, &error));
  g_clear_error (&error);
  g_assert_true (zx_fund_approve (f->store, id, f->president, NULL, &error));
  g_assert_no_error (error);
  assert_state (f, id, "approved", NULL);

  /* pilot and result: the applicant's */
  g_assert_false (zx_fund_start_pilot (f->store, id, f->head, &error));
  g_clear_error (&error);
  g_assert_true (zx_fund_start_pilot (f->store, id, f->applicant, &error));
  g_assert_false (zx_fund_report (f->store, id, f->applicant, "  ", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
}

/* Submitting checks the proposal --------------------------------------------------- */

static void
test_submit_checks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = draft (f, 5000);
  g_autoptr(JsonObject) changes = json_object_new ();

  json_object_set_double_member (changes, "amount", 6000);
  g_assert_true (zx_store_update (f->store, "fund_proposal", id, changes, &error));
  g_assert_false (zx_fund_submit (f->store, id, f->applicant, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "5000.00"));
  g_clear_error (&error);

  json_object_set_double_member (changes, "amount", 5000);
  json_object_set_null_member (changes, "key_result_id");
  g_assert_true (zx_store_update (f->store, "fund_proposal", id, changes, &error));
  g_assert_false (zx_fund_submit (f->store, id, f->applicant, &error));
  g_assert_nonnull (strstr (error->message, "key result"));
  g_clear_error (&error);
  assert_state (f, id, "draft", NULL);
}

/* Rejection needs a reason; every step is audited ------------------------------------- */

static void
test_reject_and_audit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = draft (f, 50000);
  g_autofree char *n = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *actor = NULL;

  g_assert_true (zx_fund_submit (f->store, id, f->applicant, &error));
  g_assert_true (zx_fund_approve (f->store, id, f->head, NULL, &error));
  g_assert_false (zx_fund_reject (f->store, id, f->finance, "", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (zx_fund_reject (f->store, id, f->finance, " \n", &error));
  g_clear_error (&error);
  assert_state (f, id, "submitted", "finance");
  g_assert_true (zx_fund_reject (f->store, id, f->finance, "Use the equipment budget", &error));
  g_assert_no_error (error);
  assert_state (f, id, "rejected", NULL);
  reason = query (f->store, "SELECT reason FROM fund_approval WHERE proposal_id = ? AND decision = 'rejected'", id);
  g_assert_cmpstr (reason, ==, "Use the equipment budget");

  /* submit, head, reject: three entries, in order, with who */
  n = query (f->store, "SELECT group_concat (new_value, ',') FROM (SELECT new_value FROM audit_entry"
                       " WHERE entity = 'fund_proposal' AND row_id = ? ORDER BY at, rowid)", id);
  g_assert_cmpstr (n, ==, "submitted,submitted,rejected");
  actor = query (f->store, "SELECT actor FROM audit_entry WHERE row_id = ? AND new_value = 'rejected'", id);
  g_assert_cmpstr (actor, ==, f->finance);
  g_clear_pointer (&reason, g_free);
  reason = query (f->store, "SELECT reason FROM audit_entry WHERE row_id = ? AND new_value = 'rejected'", id);
  g_assert_cmpstr (reason, ==, "finance: Use the equipment budget");

  /* nothing further happens to a rejected proposal */
  g_assert_false (zx_fund_approve (f->store, id, f->finance, NULL, &error));
  g_clear_error (&error);
  g_assert_false (zx_fund_start_pilot (f->store, id, f->applicant, &error));
}

/* The server's check of pushed rows ---------------------------------------------------- */

static gboolean
check (Fixture    *f,
       const char *entity,
       const char *op,
       const char *args_json,
       const char *staff_id)
{
  g_autoptr(JsonNode) node = json_from_string (args_json, NULL);
  JsonObject *args = json_node_get_object (node);
  const char *id = json_object_get_string_member_with_default (args, "id", NULL);
  g_autoptr(JsonObject) before = id ? zx_store_get (f->store, entity, id, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = zx_fund_check_change (f->store, entity, op, args, before, staff_id, &error);

  if (!ok)
    g_test_message ("refused: %s", error->message);
  return ok;
}

static void
test_check_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = draft (f, 50000);
  g_autofree char *a = NULL;

  /* submitting straight to finance: skipped tier */
  a = g_strdup_printf ("{\"id\":\"%s\",\"state\":\"submitted\",\"current_tier\":\"finance\"}", id);
  g_assert_false (check (f, "fund_proposal", "update", a, f->applicant));
  g_free (a);
  a = g_strdup_printf ("{\"id\":\"%s\",\"state\":\"submitted\",\"current_tier\":\"head\"}", id);
  g_assert_true (check (f, "fund_proposal", "update", a, f->applicant));
  g_assert_false (check (f, "fund_proposal", "update", a, f->head));
  g_free (a);
  /* approved at once */
  a = g_strdup_printf ("{\"id\":\"%s\",\"state\":\"approved\"}", id);
  g_assert_false (check (f, "fund_proposal", "update", a, f->applicant));
  g_free (a);

  g_assert_true (zx_fund_submit (f->store, id, f->applicant, &error));
  /* an approval at the finance tier while the head's is awaited */
  a = g_strdup_printf ("{\"proposal_id\":\"%s\",\"tier\":\"finance\",\"approver_id\":\"%s\","
                       "\"decision\":\"approved\",\"decided_at\":\"2026-11-16T09:00:00Z\"}", id, f->finance);
  g_assert_false (check (f, "fund_approval", "create", a, f->finance));
  g_free (a);
  a = g_strdup_printf ("{\"proposal_id\":\"%s\",\"tier\":\"head\",\"approver_id\":\"%s\","
                       "\"decision\":\"approved\",\"decided_at\":\"2026-11-16T09:00:00Z\"}", id, f->head);
  g_assert_true (check (f, "fund_approval", "create", a, f->head));
  g_assert_false (check (f, "fund_approval", "create", a, f->other_head));
  g_free (a);
  /* the head's tier passed without its approval recorded */
  a = g_strdup_printf ("{\"id\":\"%s\",\"current_tier\":\"finance\"}", id);
  g_assert_false (check (f, "fund_proposal", "update", a, f->head));
  g_free (a);
  /* editing the amount while submitted */
  a = g_strdup_printf ("{\"id\":\"%s\",\"amount\":10}", id);
  g_assert_false (check (f, "fund_proposal", "update", a, f->applicant));
  g_free (a);
  /* a new proposal as approved, or in someone else's name */
  a = g_strdup_printf ("{\"title\":\"X\",\"applicant_id\":\"%s\",\"department_id\":\"%s\",\"amount\":5,\"state\":\"approved\"}",
                       f->applicant, f->dept);
  g_assert_false (check (f, "fund_proposal", "create", a, f->applicant));
  g_free (a);
  a = g_strdup_printf ("{\"title\":\"X\",\"applicant_id\":\"%s\",\"department_id\":\"%s\",\"amount\":5,\"state\":\"draft\"}",
                       f->applicant, f->dept);
  g_assert_true (check (f, "fund_proposal", "create", a, f->applicant));
  g_assert_false (check (f, "fund_proposal", "create", a, f->head));
  g_free (a);
  /* approvals are never changed */
  {
    g_autofree char *approval = query (f->store, "SELECT id FROM fund_approval ORDER BY id LIMIT 1", NULL);

    a = g_strdup_printf ("{\"id\":\"%s\",\"decision\":\"rejected\"}", approval);
    g_assert_false (check (f, "fund_approval", "update", a, f->president));
  }
}

/* The demo's fund: every stage, and every step audited ---------------------------- */

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  const char *checks[][2] = {
    /* a submission entry for every proposal submitted */
    { "SELECT count(*) FROM fund_proposal p WHERE submitted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_entry a"
      " WHERE a.row_id = p.id AND a.old_value = 'draft' AND a.new_value = 'submitted' AND a.actor = p.applicant_id)", "0" },
    /* an entry for every decision, by its approver, at its time */
    { "SELECT count(*) FROM fund_approval f WHERE NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.row_id = f.proposal_id"
      " AND a.old_value = 'submitted' AND a.actor = f.approver_id AND a.at = f.decided_at)", "0" },
    { "SELECT count(*) FROM fund_proposal p WHERE state IN ('piloting', 'reported') AND NOT EXISTS (SELECT 1 FROM audit_entry a"
      " WHERE a.row_id = p.id AND a.new_value = 'piloting')", "0" },
    { "SELECT count(*) FROM fund_proposal p WHERE state = 'reported' AND NOT EXISTS (SELECT 1 FROM audit_entry a"
      " WHERE a.row_id = p.id AND a.new_value = 'reported')", "0" },
    { "SELECT count(DISTINCT state) FROM fund_proposal", "6" },
    { "SELECT count(DISTINCT current_tier) FROM fund_proposal WHERE state = 'submitted'", "3" },
  };
  double x, y;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *value = query (f->store, checks[i][0], NULL);

      g_test_message ("%s", checks[i][0]);
      g_assert_cmpstr (value, ==, checks[i][1]);
    }

  /* every proposal waits at the tier its amount reaches: the rules agree with the data */
  zx_fund_get_thresholds (f->store, &x, &y);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (f->store),
                                         "SELECT amount, current_tier FROM fund_proposal WHERE state = 'submitted'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_assert_cmpint (zx_fund_tier_from_name ((const char *) sqlite3_column_text (stmt, 1)), <,
                       (int) zx_fund_tiers_needed (sqlite3_column_double (stmt, 0), x, y));
    sqlite3_finalize (stmt);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fund/routing", test_routing);
  g_test_add ("/fund/thresholds", Fixture, NULL, fixture_set_up, test_thresholds, fixture_tear_down);
  g_test_add ("/fund/walk", Fixture, NULL, fixture_set_up, test_walk, fixture_tear_down);
  g_test_add ("/fund/who", Fixture, NULL, fixture_set_up, test_who, fixture_tear_down);
  g_test_add ("/fund/submit-checks", Fixture, NULL, fixture_set_up, test_submit_checks, fixture_tear_down);
  g_test_add ("/fund/reject-and-audit", Fixture, NULL, fixture_set_up, test_reject_and_audit, fixture_tear_down);
  g_test_add ("/fund/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/fund/check-change", Fixture, NULL, fixture_set_up, test_check_change, fixture_tear_down);

  return g_test_run ();
}
