/* test-warnings.c — each early-warning rule at and around its threshold,
 * and acknowledgements
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "zx-kanban.h"
#include "zx-okr.h"
#include "zx-warnings.h"
#include "zx-test-util.h"

#define TODAY "2026-02-15"
#define NOW   "2026-02-15T12:00:00Z"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *dept;
  char    *staff;
  char    *pillar;
  char    *battle;
  char    *q1;
  char    *year;
  char    *objective;
  ZxWarningParams params;
} Fixture;

static GDate
date (const char *s)
{
  GDate d;
  int y, m, dd;

  g_assert_cmpint (sscanf (s, "%d-%d-%d", &y, &m, &dd), ==, 3);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, dd, m, y);
  return d;
}

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
  g_autofree char *hospital = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *path = NULL;
  JsonObject *o;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, "2026-01-05T08:00:00Z");
  zx_warning_params_init_default (&f->params);

  hospital = create (f, "hospital", zx_test_fields ("name", "江城市第一人民医院", NULL));
  f->dept = create (f, "department", zx_test_fields ("name", "心血管内科", "kind", "clinical", NULL));
  f->staff = create (f, "staff", zx_test_fields ("name", "张三", "employee_no", "1001", "role", "head",
                                                 "department_id", f->dept, NULL));
  o = zx_test_fields ("name", "十五五规划", "goal", "建设区域医疗中心", NULL);
  json_object_set_int_member (o, "start_year", 2026);
  json_object_set_int_member (o, "end_year", 2030);
  plan = create (f, "plan", o);
  f->pillar = create (f, "pillar", zx_test_fields ("plan_id", plan, "name", "学科建设", NULL));
  f->battle = create (f, "battle", zx_test_fields ("department_id", f->dept, "pillar_id", f->pillar,
                                                   "name", "胸痛中心提质", "status", "in_progress", NULL));
  g_assert_true (zx_cycle_ensure (f->store, 2026, 1, &f->q1, &error));
  g_assert_true (zx_cycle_ensure (f->store, 2026, 0, &f->year, &error));
  g_assert_no_error (error);
  f->objective = create (f, "objective",
                         zx_test_fields ("cycle_id", f->q1, "level", "department", "title", "降低平均住院日",
                                         "owner_id", f->staff, "status", "active", "department_id", f->dept,
                                         "battle_id", f->battle, NULL));
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
  g_free (f->battle);
  g_free (f->q1);
  g_free (f->year);
  g_free (f->objective);
}

/* A key result from 0 to 100 with one check-in at @created_at of @value */
static char *
key_result (Fixture    *f,
            const char *title,
            const char *created_at,
            double      value,
            int         confidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) update = json_object_new ();
  g_autofree char *week = NULL;
  JsonObject *o = zx_test_fields ("objective_id", f->objective, "title", title, "kind", "numeric",
                                  "direction", "higher", NULL);
  char *kr;

  json_object_set_double_member (o, "start_value", 0);
  json_object_set_double_member (o, "target_value", 100);
  json_object_set_double_member (o, "weight", 1);
  kr = create (f, "key_result", o);
  if (created_at == NULL)
    return kr;

  week = g_strndup (created_at, 10);
  o = zx_test_fields ("key_result_id", kr, "week", week, "created_at", created_at, NULL);
  json_object_set_double_member (o, "value", value);
  json_object_set_int_member (o, "confidence", confidence);
  g_free (create (f, "check_in", o));
  json_object_set_double_member (update, "current_value", value);
  json_object_set_int_member (update, "confidence", confidence);
  g_assert_true (zx_store_update (f->store, "key_result", kr, update, &error));
  g_assert_no_error (error);
  return kr;
}

static GPtrArray *
compute (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  GDate today = date (TODAY);
  GPtrArray *list = zx_warnings_compute (f->store, NULL, &today, now, &f->params, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* The warning of @kind about @id, or NULL */
static ZxWarning *
find (GPtrArray     *list,
      ZxWarningKind  kind,
      const char    *id)
{
  for (guint i = 0; i < list->len; i++)
    {
      ZxWarning *w = g_ptr_array_index (list, i);

      if (w->kind == kind && g_strcmp0 (w->target_id, id) == 0)
        return w;
    }
  return NULL;
}

static void
test_behind_pace (Fixture       *f,
                  gconstpointer  data)
{
  GDate q1_start = date ("2026-01-01"), q1_end = date ("2026-03-31"), today = date (TODAY);
  double expected = zx_expected_pace (&q1_start, &q1_end, &today);
  double at = (expected - f->params.progress.behind_margin) * 100;
  g_autofree char *exactly = key_result (f, "exactly", "2026-02-15T04:00:00Z", at, 8);
  g_autofree char *ahead = key_result (f, "ahead", "2026-02-15T04:00:00Z", at + 0.5, 8);
  g_autofree char *behind = key_result (f, "behind", "2026-02-15T04:00:00Z", at - 0.5, 8);
  g_autofree char *unstarted = key_result (f, "unstarted", NULL, 0, 0);
  g_autoptr(GPtrArray) list = compute (f);
  ZxWarning *w;

  g_assert_null (find (list, ZX_WARNING_BEHIND_PACE, exactly));
  g_assert_null (find (list, ZX_WARNING_BEHIND_PACE, ahead));
  g_assert_null (find (list, ZX_WARNING_BEHIND_PACE, unstarted));
  w = find (list, ZX_WARNING_BEHIND_PACE, behind);
  g_assert_nonnull (w);
  g_assert_cmpstr (w->entity, ==, "key_result");
  g_assert_cmpstr (w->subject, ==, "behind");
  g_assert_cmpstr (w->department, ==, "心血管内科");
  g_assert_cmpstr (w->owner, ==, "张三");
  g_assert_cmpint (g_date_compare (&w->since, &today), ==, 0);
  g_assert_true (g_str_has_prefix (w->key, "behind_pace/"));

  /* a wider margin lets it pass */
  f->params.progress.behind_margin = 0.16;
  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  g_assert_null (find (list, ZX_WARNING_BEHIND_PACE, behind));
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *fourteen = key_result (f, "14 days", "2026-02-01T04:00:00Z", 60, 8);
  g_autofree char *fifteen = key_result (f, "15 days", "2026-01-31T04:00:00Z", 60, 8);
  g_autofree char *never = key_result (f, "never", NULL, 0, 0);
  g_autoptr(GPtrArray) list = compute (f);
  GDate jan31 = date ("2026-01-31"), jan1 = date ("2026-01-01");
  ZxWarning *w;

  g_assert_null (find (list, ZX_WARNING_STALE, fourteen));
  w = find (list, ZX_WARNING_STALE, fifteen);
  g_assert_nonnull (w);
  g_assert_cmpint (g_date_compare (&w->since, &jan31), ==, 0);
  g_assert_cmpstr (w->what, ==, "No check-in for 15 days");
  w = find (list, ZX_WARNING_STALE, never);
  g_assert_nonnull (w);
  g_assert_cmpint (g_date_compare (&w->since, &jan1), ==, 0);

  f->params.progress.stale_days = 15;
  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  g_assert_null (find (list, ZX_WARNING_STALE, fifteen));
}

static void
test_low_confidence (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *three = key_result (f, "3", "2026-02-14T04:00:00Z", 60, 3);
  g_autofree char *four = key_result (f, "4", "2026-02-14T04:00:00Z", 60, 4);
  g_autofree char *one = key_result (f, "1", "2026-02-14T04:00:00Z", 60, 1);
  g_autoptr(GPtrArray) list = compute (f);

  g_assert_nonnull (find (list, ZX_WARNING_LOW_CONFIDENCE, three));
  g_assert_nonnull (find (list, ZX_WARNING_LOW_CONFIDENCE, one));
  g_assert_null (find (list, ZX_WARNING_LOW_CONFIDENCE, four));
  g_assert_cmpstr (find (list, ZX_WARNING_LOW_CONFIDENCE, three)->what, ==, "Confidence 3 out of 10");

  f->params.progress.low_confidence = 2;
  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  g_assert_null (find (list, ZX_WARNING_LOW_CONFIDENCE, three));
  g_assert_nonnull (find (list, ZX_WARNING_LOW_CONFIDENCE, one));

  /* the key results' titles and owners are kept between computations,
   * and read again when they change */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) change = zx_test_fields ("title", "门诊预约率", NULL);

    g_assert_true (zx_store_update (f->store, "key_result", one, change, &error));
    g_assert_no_error (error);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = compute (f);
    g_assert_cmpstr (find (list, ZX_WARNING_LOW_CONFIDENCE, one)->subject, ==, "门诊预约率");
  }
}

static char *
card (Fixture    *f,
      const char *board,
      const char *other,
      const char *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = zx_test_fields ("title", due, "from_department_id", other,
                                            "to_department_id", f->dept, "due_date", due, NULL);
  char *id = zx_kanban_create_card (f->store, board, o, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_request_overdue (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *board = zx_kanban_ensure_board (f->store, &error);
  g_autofree char *other = create (f, "department", zx_test_fields ("name", "信息科", "kind", "functional", NULL));
  g_autofree char *today = NULL, *yesterday = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonObject) head = json_object_new ();
  GDate due = date ("2026-02-14");
  ZxWarning *w;

  g_assert_no_error (error);
  json_object_set_string_member (head, "head_id", f->staff);
  g_assert_true (zx_store_update (f->store, "department", f->dept, head, &error));
  today = card (f, board, other, "2026-02-15");
  yesterday = card (f, board, other, "2026-02-14");
  list = compute (f);
  g_assert_null (find (list, ZX_WARNING_REQUEST_OVERDUE, today));
  w = find (list, ZX_WARNING_REQUEST_OVERDUE, yesterday);
  g_assert_nonnull (w);
  g_assert_cmpint (g_date_compare (&w->since, &due), ==, 0);
  g_assert_cmpstr (w->department, ==, "心血管内科");
  g_assert_cmpstr (w->owner, ==, "张三");
  g_assert_cmpstr (w->what, ==, "Requested by 信息科, 1 day overdue");
}

static char *
decision (Fixture    *f,
          const char *meeting,
          const char *created_at,
          const char *owner)
{
  return create (f, "decision", zx_test_fields ("meeting_id", meeting, "content", created_at,
                                                "status", "open", "created_at", created_at,
                                                "owner_id", owner, NULL));
}

static void
test_decision_owner (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *meeting = create (f, "meeting", zx_test_fields ("department_id", f->dept, "held_on", "2026-02-14",
                                                                   "title", "周例会", "kind", "weekly_review", NULL));
  g_autofree char *day = decision (f, meeting, "2026-02-14T12:00:00Z", NULL);
  g_autofree char *almost = decision (f, meeting, "2026-02-14T12:00:01Z", NULL);
  g_autofree char *owned = decision (f, meeting, "2026-02-13T12:00:00Z", f->staff);
  g_autoptr(GPtrArray) list = compute (f);
  ZxWarning *w;

  w = find (list, ZX_WARNING_DECISION_OWNER, day);
  g_assert_nonnull (w);
  g_assert_cmpstr (w->entity, ==, "decision");
  g_assert_cmpstr (w->department, ==, "心血管内科");
  g_assert_null (find (list, ZX_WARNING_DECISION_OWNER, almost));
  g_assert_null (find (list, ZX_WARNING_DECISION_OWNER, owned));

  f->params.decision_owner_hours = 25;
  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  g_assert_null (find (list, ZX_WARNING_DECISION_OWNER, day));
}

static void
test_departments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bare = create (f, "department", zx_test_fields ("name", "骨科", "kind", "clinical", NULL));
  g_autofree char *office = create (f, "department", zx_test_fields ("name", "院办", "kind", "functional", NULL));
  g_autofree char *pledge = NULL;
  g_autoptr(GPtrArray) list = compute (f);
  g_autoptr(JsonObject) sign = json_object_new ();
  JsonObject *o;

  g_assert_nonnull (find (list, ZX_WARNING_NO_BATTLE_MAP, bare));
  g_assert_null (find (list, ZX_WARNING_NO_BATTLE_MAP, office));
  g_assert_null (find (list, ZX_WARNING_NO_BATTLE_MAP, f->dept));
  g_assert_nonnull (find (list, ZX_WARNING_PLEDGE_UNSIGNED, f->dept));
  g_assert_null (find (list, ZX_WARNING_PLEDGE_UNSIGNED, bare));

  /* a pledge for 2026 not yet signed still warns; signed, it does not */
  o = zx_test_fields ("department_id", f->dept, NULL);
  json_object_set_int_member (o, "year", 2026);
  pledge = create (f, "pledge", o);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  g_assert_nonnull (find (list, ZX_WARNING_PLEDGE_UNSIGNED, f->dept));
  json_object_set_string_member (sign, "signed_at", "2026-01-10T02:00:00Z");
  g_assert_true (zx_store_update (f->store, "pledge", pledge, sign, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  g_assert_null (find (list, ZX_WARNING_PLEDGE_UNSIGNED, f->dept));
}

static void
test_acknowledge (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kr = key_result (f, "low", "2026-02-14T04:00:00Z", 60, 2);
  g_autoptr(GPtrArray) list = compute (f);
  ZxWarning *w = find (list, ZX_WARNING_LOW_CONFIDENCE, kr);
  g_autofree char *key = NULL;

  g_assert_nonnull (w);
  g_assert_false (w->acknowledged);
  g_assert_false (((ZxWarning *) g_ptr_array_index (list, list->len - 1))->acknowledged);
  key = g_strdup (w->key);
  g_assert_true (zx_warnings_acknowledge (f->store, key, "已约谈科主任", &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_count (f->store, "warning_ack", NULL, NULL), ==, 1);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  w = find (list, ZX_WARNING_LOW_CONFIDENCE, kr);
  g_assert_true (w->acknowledged);
  g_assert_cmpstr (w->ack_note, ==, "已约谈科主任");
  /* acknowledged ones come last */
  g_assert_true (g_ptr_array_index (list, list->len - 1) == w);

  /* a new check-in is a new situation: a new warning */
  g_free (key_result (f, "other", "2026-02-15T04:00:00Z", 60, 2));
  {
    g_autoptr(JsonObject) o = zx_test_fields ("key_result_id", kr, "week", "2026-02-15",
                                              "created_at", "2026-02-15T05:00:00Z", NULL);
    json_object_set_double_member (o, "value", 61);
    json_object_set_int_member (o, "confidence", 2);
    g_free (zx_store_create (f->store, "check_in", o, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = compute (f);
  g_assert_false (find (list, ZX_WARNING_LOW_CONFIDENCE, kr)->acknowledged);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/warnings/behind-pace", test_behind_pace);
  ADD ("/warnings/stale", test_stale);
  ADD ("/warnings/low-confidence", test_low_confidence);
  ADD ("/warnings/request-overdue", test_request_overdue);
  ADD ("/warnings/decision-owner", test_decision_owner);
  ADD ("/warnings/departments", test_departments);
  ADD ("/warnings/acknowledge", test_acknowledge);
#undef ADD

  return g_test_run ();
}
