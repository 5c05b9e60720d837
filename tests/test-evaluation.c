/* test-evaluation.c — scoring, the 50% floor, assessment, adjustment,
 * grades and locking (zx-evaluation.h), with worked examples
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "zx-demo.h"
#include "zx-evaluation.h"
#include "zx-store.h"
#include "zx-test-util.h"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *scheme, *dept, *alice, *bob, *quarter;
  char    *ind_up, *ind_down, *ind_missing;
} Fixture;

static JsonObject *
obj (void)
{
  return json_object_new ();
}

static JsonObject *
s_ (JsonObject *o,
    const char *k,
    const char *v)
{
  json_object_set_string_member (o, k, v);
  return o;
}

static JsonObject *
d_ (JsonObject *o,
    const char *k,
    double      v)
{
  json_object_set_double_member (o, k, v);
  return o;
}

static char *
create (ZxStore    *store,
        const char *entity,
        JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  char *id = zx_store_create (store, entity, fields, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  json_object_unref (fields);
  return id;
}

static char *
kr (Fixture    *f,
    const char *objective,
    double      start,
    double      target,
    double      current,
    double      weight,
    gboolean    challenge)
{
  JsonObject *o = obj ();

  s_ (o, "objective_id", objective);
  s_ (o, "title", "KR");
  s_ (o, "kind", "numeric");
  s_ (o, "direction", target >= start ? "higher" : "lower");
  d_ (o, "start_value", start);
  d_ (o, "target_value", target);
  d_ (o, "current_value", current);
  d_ (o, "weight", weight);
  json_object_set_boolean_member (o, "challenge", challenge);
  return create (f->store, "key_result", o);
}

static void
value (Fixture    *f,
       const char *indicator,
       const char *month,
       double      v)
{
  JsonObject *o = obj ();

  s_ (o, "indicator_id", indicator);
  s_ (o, "department_id", f->dept);
  s_ (o, "month", month);
  d_ (o, "value", v);
  s_ (o, "source", "manual");
  g_free (create (f->store, "indicator_value", o));
}

static char *
indicator (Fixture    *f,
           const char *code,
           const char *direction)
{
  JsonObject *o = obj ();

  s_ (o, "code", code);
  s_ (o, "name", code);
  s_ (o, "level", "department");
  s_ (o, "direction", direction);
  s_ (o, "source", "hospital");
  return create (f->store, "indicator", o);
}

static JsonObject *
scheme_fields (Fixture *f,
               double   okr,
               double   ind,
               double   ass)
{
  JsonObject *o = obj ();

  s_ (o, "name", "2026年第三季度绩效评价");
  s_ (o, "cycle_id", f->quarter);
  s_ (o, "subject", "person");
  d_ (o, "okr_weight", okr);
  d_ (o, "indicator_weight", ind);
  d_ (o, "assessment_weight", ass);
  d_ (o, "challenge_credit", 0.7);
  d_ (o, "grade_a", 90);
  d_ (o, "grade_b", 80);
  d_ (o, "grade_c", 60);
  d_ (o, "quota_a", 0.2);
  s_ (o, "status", "draft");
  return o;
}

/* One department, two people, 2026-Q3; Alice has two key results (one a
 * challenge), Bob none; three indicators: one higher-is-better with a
 * department target, one lower-is-better with only a hospital target, one
 * without any value (skipped). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *year = NULL;
  g_autofree char *objective = NULL;
  JsonObject *o;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_actor (f->store, "hr-wang");

  f->dept = create (f->store, "department", s_ (s_ (obj (), "name", "心内科"), "kind", "clinical"));
  o = s_ (s_ (s_ (s_ (obj (), "name", "张三"), "employee_no", "001"), "department_id", f->dept), "role", "staff");
  f->alice = create (f->store, "staff", o);
  o = s_ (s_ (s_ (s_ (obj (), "name", "李四"), "employee_no", "002"), "department_id", f->dept), "role", "staff");
  f->bob = create (f->store, "staff", o);

  o = s_ (s_ (s_ (s_ (obj (), "name", "2026"), "kind", "year"), "start_date", "2026-01-01"), "end_date", "2026-12-31");
  year = create (f->store, "cycle", o);
  o = s_ (s_ (s_ (s_ (s_ (obj (), "name", "2026-Q3"), "kind", "quarter"), "start_date", "2026-07-01"),
                  "end_date", "2026-09-30"), "parent_id", year);
  f->quarter = create (f->store, "cycle", o);

  o = s_ (s_ (s_ (s_ (s_ (s_ (obj (), "cycle_id", f->quarter), "level", "personal"), "title", "提升服务"),
                      "owner_id", f->alice), "department_id", f->dept), "status", "active");
  objective = create (f->store, "objective", o);
  /* 50% of a plain key result (weight 60): credit 0.5 */
  g_free (kr (f, objective, 0, 100, 50, 60, FALSE));
  /* 70% of a challenge key result (weight 40): with the credit 0.7, full */
  g_free (kr (f, objective, 0, 10, 7, 40, TRUE));

  f->ind_up = indicator (f, "T-UP", "higher");
  f->ind_down = indicator (f, "T-DOWN", "lower");
  f->ind_missing = indicator (f, "T-NONE", "higher");
  value (f, f->ind_up, "2026-07", 90);
  value (f, f->ind_up, "2026-08", 100);
  value (f, f->ind_up, "2026-09", 110);
  value (f, f->ind_up, "2026-10", 10);   /* outside the quarter */
  value (f, f->ind_down, "2026-08", 10);
  o = d_ (s_ (s_ (s_ (obj (), "indicator_id", f->ind_up), "department_id", f->dept), "period", "2026"), "target", 100);
  g_free (create (f->store, "indicator_target", o));
  o = d_ (s_ (s_ (obj (), "indicator_id", f->ind_down), "period", "2026-Q3"), "target", 8);
  g_free (create (f->store, "indicator_target", o));
  o = d_ (s_ (s_ (obj (), "indicator_id", f->ind_missing), "period", "2026"), "target", 50);
  g_free (create (f->store, "indicator_target", o));

  f->scheme = create (f->store, "eval_scheme", scheme_fields (f, 0.6, 0.3, 0.1));
  o = d_ (s_ (s_ (obj (), "scheme_id", f->scheme), "indicator_id", f->ind_up), "weight", 0.5);
  g_free (create (f->store, "eval_scheme_item", o));
  o = d_ (s_ (s_ (obj (), "scheme_id", f->scheme), "indicator_id", f->ind_down), "weight", 0.3);
  g_free (create (f->store, "eval_scheme_item", o));
  o = d_ (s_ (s_ (obj (), "scheme_id", f->scheme), "indicator_id", f->ind_missing), "weight", 0.2);
  g_free (create (f->store, "eval_scheme_item", o));
  g_free (create (f->store, "eval_audience", s_ (s_ (obj (), "scheme_id", f->scheme), "role", "staff")));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->scheme);
  g_free (f->dept);
  g_free (f->alice);
  g_free (f->bob);
  g_free (f->quarter);
  g_free (f->ind_up);
  g_free (f->ind_down);
  g_free (f->ind_missing);
}

static JsonObject *
evaluation_of (Fixture    *f,
               const char *staff_id)
{
  g_autoptr(GListStore) rows = NULL;
  const char *params[] = { f->scheme, staff_id, NULL };
  g_autoptr(ZxRecord) record = NULL;

  rows = zx_store_list (f->store, "evaluation", "scheme_id = ? AND staff_id = ?", params);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);
  record = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  return json_object_ref (zx_record_get_object (record));
}

static double
field (JsonObject *row,
       const char *name)
{
  return json_object_get_double_member (row, name);
}

/* The pure rules ------------------------------------------------------------ */

static void
test_rules (void)
{
  ZxEvalRules rules = { 0.6, 0.3, 0.1, 0.7, 90, 80, 60, 0.2 };
  double s;

  /* challenge credit: 70% of a challenge counts as full, 35% as half */
  g_assert_cmpfloat_with_epsilon (zx_evaluation_kr_credit (0.7, TRUE, 0.7), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (zx_evaluation_kr_credit (0.35, TRUE, 0.7), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (zx_evaluation_kr_credit (1.0, TRUE, 0.7), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (zx_evaluation_kr_credit (0.7, FALSE, 0.7), 0.7, 1e-9);

  /* higher is better: 90 of 100 is 90; beyond the target is capped at 100 */
  g_assert_true (zx_evaluation_item_score ("higher", 90, 100, &s));
  g_assert_cmpfloat_with_epsilon (s, 90, 1e-9);
  g_assert_true (zx_evaluation_item_score ("higher", 120, 100, &s));
  g_assert_cmpfloat_with_epsilon (s, 100, 1e-9);
  /* lower is better: average stay 8.2 days against 7.8 is 7.8 / 8.2 */
  g_assert_true (zx_evaluation_item_score ("lower", 8.2, 7.8, &s));
  g_assert_cmpfloat_with_epsilon (s, 100 * 7.8 / 8.2, 1e-9);
  g_assert_true (zx_evaluation_item_score ("lower", 7.0, 7.8, &s));
  g_assert_cmpfloat_with_epsilon (s, 100, 1e-9);
  /* watched-only indicators do not count */
  g_assert_false (zx_evaluation_item_score ("monitor", 1, 1, &s));
  g_assert_false (zx_evaluation_item_score ("qualitative", 1, 1, &s));

  /* all components: 0.6 × 80 + 0.3 × 90 + 0.1 × 70 = 82 */
  g_assert_cmpfloat_with_epsilon (zx_evaluation_total (&rules, 80, TRUE, 90, TRUE, 70, 0), 82, 1e-9);
  /* no assessment yet: (48 + 27) / 0.9 */
  g_assert_cmpfloat_with_epsilon (zx_evaluation_total (&rules, 80, TRUE, 90, FALSE, 0, 0), 75 / 0.9, 1e-9);
  /* an adjustment adds, and the total stays within 0–100 */
  g_assert_cmpfloat_with_epsilon (zx_evaluation_total (&rules, 80, TRUE, 90, TRUE, 70, 3), 85, 1e-9);
  g_assert_cmpfloat_with_epsilon (zx_evaluation_total (&rules, 100, TRUE, 100, TRUE, 100, 5), 100, 1e-9);

  g_assert_cmpstr (zx_evaluation_grade_for (&rules, 90), ==, "A");
  g_assert_cmpstr (zx_evaluation_grade_for (&rules, 89.996), ==, "A");
  g_assert_cmpstr (zx_evaluation_grade_for (&rules, 85), ==, "B");
  g_assert_cmpstr (zx_evaluation_grade_for (&rules, 60), ==, "C");
  g_assert_cmpstr (zx_evaluation_grade_for (&rules, 59.9), ==, "D");
}

/* Computing from the data ----------------------------------------------------- */

static void
test_compute (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) alice = NULL;
  g_autoptr(JsonObject) bob = NULL;
  g_autoptr(JsonObject) scheme = NULL;
  gint64 queued;
  guint n = 0;

  g_assert_true (zx_evaluation_compute (f->store, f->scheme, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  /* OKR: (60 × 0.5 + 40 × 1.0) / 100 = 70 */
  alice = evaluation_of (f, f->alice);
  g_assert_cmpfloat_with_epsilon (field (alice, "okr_score"), 70, 1e-9);
  /* indicators: T-UP mean of July–September 100 vs 100 → 100 (October is
   * outside); T-DOWN 10 days vs the hospital's 8 → 80; T-NONE has no value
   * and is skipped: (0.5 × 100 + 0.3 × 80) / 0.8 = 92.5 */
  g_assert_cmpfloat_with_epsilon (field (alice, "indicator_score"), 92.5, 1e-9);
  /* no assessment yet: (0.6 × 70 + 0.3 × 92.5) / 0.9 = 77.5 */
  g_assert_true (json_object_get_null_member (alice, "assessment_score"));
  g_assert_cmpfloat_with_epsilon (field (alice, "total"), 77.5, 1e-9);

  /* Bob has no key results: OKR 0, the department's indicators all the same */
  bob = evaluation_of (f, f->bob);
  g_assert_cmpfloat_with_epsilon (field (bob, "okr_score"), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (field (bob, "total"), round (27.75 / 0.9 * 100) / 100, 1e-9);

  scheme = zx_store_get (f->store, "eval_scheme", f->scheme, NULL);
  g_assert_cmpstr (json_object_get_string_member (scheme, "status"), ==, "running");

  /* Computing again changes nothing, so nothing is queued */
  queued = zx_store_queue_length (f->store);
  g_assert_true (zx_evaluation_compute (f->store, f->scheme, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
}

static void
test_assess_adjust (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) after = NULL;
  const char *id;
  const char *params[2] = { NULL, NULL };
  guint n_a = 0, allowed = 0, n = 0;

  g_assert_true (zx_evaluation_compute (f->store, f->scheme, NULL, &error));
  row = evaluation_of (f, f->alice);
  id = json_object_get_string_member (row, "id");

  /* The head's assessment: 0.6 × 70 + 0.3 × 92.5 + 0.1 × 90 = 78.75 */
  g_assert_true (zx_evaluation_assess (f->store, id, 90, "认真负责", &error));
  g_assert_no_error (error);
  g_assert_false (zx_evaluation_assess (f->store, id, 120, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  /* HR's adjustment needs a reason … */
  g_assert_false (zx_evaluation_adjust (f->store, id, 5, "  ", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (zx_store_count (f->store, "audit_entry", NULL, NULL), ==, 0);

  /* … and is audit-logged in the same transaction: 78.75 + 5 = 83.75 */
  g_assert_true (zx_evaluation_adjust (f->store, id, 5, "获院级质量改进奖", &error));
  g_assert_no_error (error);
  after = evaluation_of (f, f->alice);
  g_assert_cmpfloat_with_epsilon (field (after, "assessment_score"), 90, 1e-9);
  g_assert_cmpfloat_with_epsilon (field (after, "adjustment"), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (field (after, "total"), 83.75, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (after, "adjust_reason"), ==, "获院级质量改进奖");
  params[0] = id;
  g_assert_cmpint (zx_store_count (f->store, "audit_entry",
                                   "entity = 'evaluation' AND row_id = ? AND field = 'adjustment'"
                                   " AND old_value = '0.00' AND new_value = '5.00' AND reason = '获院级质量改进奖'"
                                   " AND actor = 'hr-wang'", params), ==, 1);

  /* Computing again keeps the assessment and the adjustment */
  g_assert_true (zx_evaluation_compute (f->store, f->scheme, NULL, &error));
  g_clear_pointer (&after, json_object_unref);
  after = evaluation_of (f, f->alice);
  g_assert_cmpfloat_with_epsilon (field (after, "total"), 83.75, 1e-9);

  /* Grades by the bands: 83.75 → B; Bob's 30.83 → D; no A, the quota holds */
  g_assert_true (zx_evaluation_assign_grades (f->store, f->scheme, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, json_object_unref);
  after = evaluation_of (f, f->alice);
  g_assert_cmpstr (json_object_get_string_member (after, "grade"), ==, "B");
  g_clear_pointer (&after, json_object_unref);
  after = evaluation_of (f, f->bob);
  g_assert_cmpstr (json_object_get_string_member (after, "grade"), ==, "D");
  g_assert_true (zx_evaluation_check_quota (f->store, f->scheme, &n_a, &allowed, &n));
  g_assert_cmpuint (n_a, ==, 0);
  g_assert_cmpuint (allowed, ==, 1);   /* 20% of 2, at least one */
  g_assert_cmpuint (n, ==, 2);

  /* Two A among two people is over the quota: a warning, not a refusal */
  g_assert_true (zx_evaluation_adjust (f->store, id, 20, "特殊贡献", &error));
  g_assert_true (zx_evaluation_adjust (f->store, json_object_get_string_member (after, "id"), 80, "特殊贡献", &error));
  g_assert_no_error (error);
  g_assert_true (zx_evaluation_assign_grades (f->store, f->scheme, &error));
  g_assert_false (zx_evaluation_check_quota (f->store, f->scheme, &n_a, &allowed, &n));
  g_assert_cmpuint (n_a, ==, 2);
}

/* The 50% floor --------------------------------------------------------------- */

static void
test_floor (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_field = NULL;
  g_autoptr(JsonObject) low = scheme_fields (f, 0.4, 0.4, 0.2);
  g_autoptr(JsonObject) half = scheme_fields (f, 0.5, 0.4, 0.1);
  g_autoptr(JsonObject) sum = scheme_fields (f, 0.6, 0.4, 0.1);

  g_assert_false (zx_store_check (f->store, "eval_scheme", NULL, low, &bad_field, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The OKR contribution must weigh at least 50% of the evaluation.");
  g_assert_cmpstr (bad_field, ==, "okr_weight");
  g_clear_error (&error);
  g_clear_pointer (&bad_field, g_free);

  g_assert_true (zx_store_check (f->store, "eval_scheme", NULL, half, &bad_field, &error));
  g_assert_no_error (error);

  g_assert_false (zx_store_check (f->store, "eval_scheme", NULL, sum, &bad_field, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  /* the same through the mutator: nothing written */
  g_assert_null (zx_store_create (f->store, "eval_scheme", low, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpint (zx_store_count (f->store, "eval_scheme", NULL, NULL), ==, 1);
}

/* Locking ----------------------------------------------------------------------- */

static void
assert_locked_error (GError **error)
{
  g_assert_error (*error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_true (strstr ((*error)->message, "locked") != NULL);
  g_clear_error (error);
}

static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) change = obj ();
  g_autoptr(JsonObject) same = NULL;
  g_autoptr(JsonObject) scheme_change = obj ();
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(GListStore) items = NULL;
  const char *id;
  const char *params[] = { f->scheme, NULL };
  gint64 audits;

  g_assert_true (zx_evaluation_compute (f->store, f->scheme, NULL, &error));
  row = evaluation_of (f, f->alice);
  id = json_object_get_string_member (row, "id");

  /* not before every row has its grade */
  g_assert_false (zx_evaluation_lock (f->store, f->scheme, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (zx_evaluation_assign_grades (f->store, f->scheme, &error));
  audits = zx_store_count (f->store, "audit_entry", NULL, NULL);
  g_assert_true (zx_evaluation_lock (f->store, f->scheme, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_count (f->store, "evaluation", "scheme_id = ? AND locked = 1", params), ==, 2);
  g_assert_true (zx_evaluation_scheme_is_locked (f->store, f->scheme));
  g_assert_cmpint (zx_store_count (f->store, "audit_entry", NULL, NULL), ==, audits + 1);

  /* every change is refused, whichever way it comes */
  json_object_set_string_member (change, "hr_comment", "改一下");
  g_assert_false (zx_store_update (f->store, "evaluation", id, change, &error));
  assert_locked_error (&error);
  g_assert_false (zx_store_delete (f->store, "evaluation", id, &error));
  assert_locked_error (&error);
  g_assert_false (zx_evaluation_adjust (f->store, id, 1, "迟到的加分", &error));
  assert_locked_error (&error);
  g_assert_false (zx_evaluation_assess (f->store, id, 95, NULL, &error));
  assert_locked_error (&error);
  g_assert_false (zx_evaluation_compute (f->store, f->scheme, NULL, &error));
  assert_locked_error (&error);
  g_assert_false (zx_evaluation_assign_grades (f->store, f->scheme, &error));
  assert_locked_error (&error);
  g_assert_false (zx_evaluation_lock (f->store, f->scheme, &error));
  assert_locked_error (&error);

  json_object_set_double_member (scheme_change, "okr_weight", 0.7);
  json_object_set_double_member (scheme_change, "indicator_weight", 0.2);
  g_assert_false (zx_store_update (f->store, "eval_scheme", f->scheme, scheme_change, &error));
  assert_locked_error (&error);
  g_assert_false (zx_store_delete (f->store, "eval_scheme", f->scheme, &error));
  assert_locked_error (&error);

  items = zx_store_list (f->store, "eval_scheme_item", "scheme_id = ?", params);
  g_assert_false (zx_store_delete (f->store, "eval_scheme_item",
                                   zx_record_get_id (g_list_model_get_item (G_LIST_MODEL (items), 0)), &error));
  assert_locked_error (&error);
  item = d_ (s_ (s_ (obj (), "scheme_id", f->scheme), "indicator_id", f->ind_up), "weight", 0.1);
  g_assert_null (zx_store_create (f->store, "eval_scheme_item", item, &error));
  assert_locked_error (&error);
  g_assert_null (zx_store_create (f->store, "evaluation",
                                  s_ (s_ (s_ (obj (), "scheme_id", f->scheme), "staff_id", f->bob), "department_id", f->dept),
                                  &error));
  assert_locked_error (&error);

  /* re-saving a row as it is changes nothing and passes */
  same = json_object_new ();
  json_object_set_string_member (same, "scheme_id", f->scheme);
  json_object_set_double_member (same, "total", field (row, "total"));
  g_assert_true (zx_store_check (f->store, "evaluation", id, same, NULL, &error));
  g_assert_no_error (error);
}

/* A department scheme: one row per department, from its department key
 * results; a personal key result does not count */
static void
test_department (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *objective = NULL;
  g_autofree char *scheme = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(ZxRecord) row = NULL;
  JsonObject *o;
  const char *params[2] = { NULL, NULL };
  guint n = 0;

  o = s_ (s_ (s_ (s_ (s_ (obj (), "cycle_id", f->quarter), "level", "department"), "title", "缩短平均住院日"),
                  "department_id", f->dept), "status", "active");
  objective = create (f->store, "objective", o);
  /* lower is better: from 9 days to 7, now 8 → half way */
  g_free (kr (f, objective, 9, 7, 8, 100, FALSE));

  o = scheme_fields (f, 0.7, 0.3, 0);
  json_object_set_string_member (o, "subject", "department");
  scheme = create (f->store, "eval_scheme", o);
  g_assert_true (zx_evaluation_compute (f->store, scheme, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  params[0] = scheme;
  rows = zx_store_list (f->store, "evaluation", "scheme_id = ?", params);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);
  row = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_true (zx_record_is_null (row, "staff_id"));
  g_assert_cmpstr (zx_record_get_string (row, "department_id"), ==, f->dept);
  g_assert_cmpfloat_with_epsilon (zx_record_get_double (row, "okr_score"), 50, 1e-9);
  /* no indicator items: that part is left out, the OKR part alone counts */
  g_assert_true (zx_record_is_null (row, "indicator_score"));
  g_assert_cmpfloat_with_epsilon (zx_record_get_double (row, "total"), 50, 1e-9);
}

/* The demo hospital's finished evaluation of the last quarter ----------------- */

static void
test_demo (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (path, &error);
  g_autoptr(GListStore) schemes = NULL;
  g_autoptr(ZxRecord) scheme = NULL;
  const char *params[2] = { NULL, NULL };

  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (store, "2026-11-22", &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (store), ==, 0);

  schemes = zx_store_list (store, "eval_scheme", "status = 'locked' AND cycle_id = "
                           "(SELECT id FROM cycle WHERE name = '2026-Q3')", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (schemes)), ==, 1);
  scheme = g_list_model_get_item (G_LIST_MODEL (schemes), 0);
  params[0] = zx_record_get_id (scheme);

  g_assert_cmpint (zx_store_count (store, "evaluation", "scheme_id = ?", params), >=, 40);
  g_assert_cmpint (zx_store_count (store, "evaluation", "scheme_id = ? AND (locked = 0 OR grade IS NULL)", params), ==, 0);
  g_assert_cmpint (zx_store_count (store, "evaluation", "scheme_id = ? AND okr_score > 50", params), >=, 20);
  g_assert_cmpint (zx_store_count (store, "evaluation", "scheme_id = ? AND indicator_score IS NOT NULL", params), >=, 10);
  g_assert_cmpint (zx_store_count (store, "evaluation", "scheme_id = ? AND grade = 'A'", params), >=, 1);
  g_assert_cmpint (zx_store_count (store, "evaluation", "scheme_id = ? AND grade = 'B'", params), >=, 1);
  g_assert_cmpint (zx_store_count (store, "evaluation", "scheme_id = ? AND adjustment != 0 AND adjust_reason IS NOT NULL",
                                   params), ==, 3);
  g_assert_cmpint (zx_store_count (store, "audit_entry", "entity = 'evaluation' AND field = 'adjustment'", NULL), ==, 3);
  {
    guint n_a = 0, allowed = 0, n = 0;
    gboolean within = zx_evaluation_check_quota (store, params[0], &n_a, &allowed, &n);

    g_test_message ("demo: %u of %u hold A, %u allowed", n_a, n, allowed);
    g_assert_true (within);   /* the demo's HR kept to its quota */
  }

  /* the scores are the scoring's: computing them again gives the same */
  {
    g_autoptr(GPtrArray) scores = zx_evaluation_score (store, params[0], &error);

    g_assert_no_error (error);
    for (guint i = 0; i < scores->len; i++)
      {
        ZxEvalScore *s = g_ptr_array_index (scores, i);
        const char *p[] = { params[0], s->staff_id, NULL };
        g_autoptr(GListStore) rows = zx_store_list (store, "evaluation", "scheme_id = ? AND staff_id = ?", p);
        g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (rows), 0);
        JsonObject *o = zx_record_get_object (r);

        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "okr_score"), s->okr_score, 1e-9);
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "total"), s->total, 0.006);
      }
  }

  g_clear_object (&store);
  zx_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evaluation/rules", test_rules);
  g_test_add ("/evaluation/compute", Fixture, NULL, fixture_setup, test_compute, fixture_teardown);
  g_test_add ("/evaluation/assess-adjust", Fixture, NULL, fixture_setup, test_assess_adjust, fixture_teardown);
  g_test_add ("/evaluation/floor", Fixture, NULL, fixture_setup, test_floor, fixture_teardown);
  g_test_add ("/evaluation/lock", Fixture, NULL, fixture_setup, test_lock, fixture_teardown);
  g_test_add ("/evaluation/department", Fixture, NULL, fixture_setup, test_department, fixture_teardown);
  g_test_add_func ("/evaluation/demo", test_demo);

  return g_test_run ();
}
