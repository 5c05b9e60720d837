/* test-store.c — the mutators, their validation and the mutation queue
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "zx-store.h"
#include "zx-test-util.h"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *dept;   /* 心血管内科 */
  char    *staff;  /* 张三 in it */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) hospital = zx_test_fields ("name", "江城市第一人民医院", NULL);
  g_autoptr(JsonObject) dept = zx_test_fields ("name", "心血管内科", "kind", "clinical", NULL);
  g_autoptr(JsonObject) staff = NULL;
  g_autofree char *hid = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, "2026-11-22T08:00:00Z");

  hid = zx_store_create (f->store, "hospital", hospital, &error);
  g_assert_no_error (error);
  f->dept = zx_store_create (f->store, "department", dept, &error);
  g_assert_no_error (error);
  staff = zx_test_fields ("name", "张三", "employee_no", "1001", "role", "staff",
                          "department_id", f->dept, NULL);
  f->staff = zx_store_create (f->store, "staff", staff, &error);
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
}

/* The sync columns and the scope come out right */
static void
test_create_sets_sync_columns (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = zx_store_get (f->store, "staff", f->staff, &error);

  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "updated_at"), ==, "2026-11-22T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (row, "updated_by"), ==, "local");
  g_assert_false (json_object_get_boolean_member (row, "deleted"));
  g_assert_cmpstr (json_object_get_string_member (row, "scope"), ==, f->dept);
  g_assert_true (g_uuid_string_is_valid (f->staff));
  g_assert_false (json_object_get_boolean_member (row, "key_person"));
}

/* The queue holds exactly the mutations made, in order, with their args */
static void
test_queue_records_mutations (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) change = zx_test_fields ("title", "主治医师", NULL);
  g_autoptr(GPtrArray) queue = NULL;
  JsonObject *m;
  JsonObject *args;

  g_assert_true (zx_store_update (f->store, "staff", f->staff, change, &error));
  g_assert_no_error (error);

  queue = zx_store_queue_list (f->store, 0, 0);
  g_assert_cmpuint (queue->len, ==, 4);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (queue, 0), "name"), ==, "hospital.create");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (queue, 1), "name"), ==, "department.create");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (queue, 2), "name"), ==, "staff.create");

  m = g_ptr_array_index (queue, 3);
  g_assert_cmpstr (json_object_get_string_member (m, "name"), ==, "staff.update");
  g_assert_cmpint (json_object_get_int_member (m, "id"), ==,
                   json_object_get_int_member (g_ptr_array_index (queue, 2), "id") + 1);
  args = json_object_get_object_member (m, "args");
  g_assert_cmpuint (json_object_get_size (args), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (args, "id"), ==, f->staff);
  g_assert_cmpstr (json_object_get_string_member (args, "title"), ==, "主治医师");
  g_assert_cmpint (json_object_get_int_member (m, "base_version"), ==, 0);

  /* The department got a rank placed after the (absent) others */
  args = json_object_get_object_member (g_ptr_array_index (queue, 1), "args");
  g_assert_true (json_object_has_member (args, "rank"));
}

/* A refused change writes nothing: neither the row nor the queue */
static void
test_failed_write_leaves_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) dup = zx_test_fields ("name", "李四", "employee_no", "1001", "role", "staff",
                                              "department_id", f->dept, NULL);
  g_autoptr(JsonObject) bad_kind = zx_test_fields ("kind", "surgical", NULL);
  g_autoptr(JsonObject) unknown = zx_test_fields ("salary", "1", NULL);
  g_autoptr(JsonObject) dangling = zx_test_fields ("name", "王五", "employee_no", "1002", "role", "staff",
                                                   "department_id", "no-such-department", NULL);
  gint64 queue = zx_store_queue_length (f->store);
  char *id;

  id = zx_store_create (f->store, "staff", dup, &error);
  g_assert_null (id);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "1001"));
  g_assert_nonnull (strstr (error->message, "张三"));
  g_clear_error (&error);

  g_assert_false (zx_store_update (f->store, "department", f->dept, bad_kind, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (zx_store_update (f->store, "department", f->dept, unknown, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "salary"));
  g_clear_error (&error);

  id = zx_store_create (f->store, "staff", dangling, &error);
  g_assert_null (id);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (zx_store_mutate (f->store, "staff.promote", dup, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);
  g_assert_cmpint (zx_store_count (f->store, "staff", NULL, NULL), ==, 1);
  {
    g_autoptr(JsonObject) row = zx_store_get (f->store, "department", f->dept, NULL);
    g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "clinical");
  }
}

/* A write that fails inside SQLite after validation passed rolls back too */
static void
test_failed_commit_rolls_back (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) dept = zx_test_fields ("name", "骨科", "kind", "clinical", NULL);
  gint64 queue = zx_store_queue_length (f->store);
  sqlite3 *db = zx_store_get_db (f->store);

  /* Make the queue refuse inserts: the row insert succeeds, the queue fails */
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER refuse BEFORE INSERT ON mutation_queue "
                                 "BEGIN SELECT RAISE(ABORT, 'refused'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_null (zx_store_create (f->store, "department", dept, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_DATABASE);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER refuse", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (zx_store_count (f->store, "department", NULL, NULL), ==, 1);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);
}

static void
test_required_and_types (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) blank = zx_test_fields ("name", "   ", "kind", "clinical", NULL);
  g_autoptr(JsonObject) beds = json_object_new ();
  g_autofree char *field = NULL;

  g_assert_false (zx_store_check (f->store, "department", NULL, blank, &field, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  json_object_set_string_member (beds, "beds", "forty");
  g_assert_false (zx_store_check (f->store, "department", f->dept, beds, &field, &error));
  g_assert_cmpstr (field, ==, "beds");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  json_object_set_int_member (beds, "beds", -3);
  g_assert_false (zx_store_check (f->store, "department", f->dept, beds, &field, &error));
  g_assert_cmpstr (field, ==, "beds");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  json_object_set_int_member (beds, "beds", 42);
  g_assert_true (zx_store_check (f->store, "department", f->dept, beds, &field, &error));
  g_assert_no_error (error);
  g_assert_null (field);
}

/* A department with staff cannot go; the staff member can, and comes back */
static void
test_delete_restrict_and_restore (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) change = zx_test_fields ("title", "主任医师", NULL);

  g_assert_false (zx_store_delete (f->store, "department", f->dept, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "张三"));
  g_clear_error (&error);

  g_assert_true (zx_store_delete (f->store, "staff", f->staff, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_count (f->store, "staff", NULL, NULL), ==, 0);

  /* A tombstone: still there, marked deleted, cannot be edited */
  row = zx_store_get (f->store, "staff", f->staff, &error);
  g_assert_true (json_object_get_boolean_member (row, "deleted"));
  g_assert_false (zx_store_update (f->store, "staff", f->staff, change, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_DELETED);
  g_clear_error (&error);

  g_assert_true (zx_store_restore (f->store, "staff", f->staff, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_count (f->store, "staff", NULL, NULL), ==, 1);

  /* Now the department can go once its staff has */
  g_assert_true (zx_store_delete (f->store, "staff", f->staff, &error));
  g_assert_true (zx_store_delete (f->store, "department", f->dept, &error));
  g_assert_no_error (error);
}

/* Deleting a row takes its CASCADE children; restoring brings them back */
static void
test_cascade (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) plan = zx_test_fields ("name", "2025—2027 三年发展规划", "goal", "建设区域医疗中心", NULL);
  g_autoptr(JsonObject) pillar = NULL;
  g_autoptr(JsonObject) factor = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *pillar_id = NULL;
  g_autofree char *factor_id = NULL;

  json_object_set_int_member (plan, "start_year", 2025);
  json_object_set_int_member (plan, "end_year", 2027);
  plan_id = zx_store_create (f->store, "plan", plan, &error);
  g_assert_no_error (error);
  pillar = zx_test_fields ("plan_id", plan_id, "name", "顶尖技术突破", NULL);
  pillar_id = zx_store_create (f->store, "pillar", pillar, &error);
  g_assert_no_error (error);
  factor = zx_test_fields ("pillar_id", pillar_id, "name", "新技术新项目落地", NULL);
  factor_id = zx_store_create (f->store, "success_factor", factor, &error);
  g_assert_no_error (error);

  zx_store_set_now (f->store, "2026-11-22T09:00:00Z");
  g_assert_true (zx_store_delete (f->store, "pillar", pillar_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_count (f->store, "success_factor", NULL, NULL), ==, 0);

  zx_store_set_now (f->store, "2026-11-22T09:01:00Z");
  g_assert_true (zx_store_restore (f->store, "pillar", pillar_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_count (f->store, "success_factor", NULL, NULL), ==, 1);

  /* The plan still has a pillar: it cannot be deleted */
  g_assert_false (zx_store_delete (f->store, "plan", plan_id, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_IN_USE);
}

/* Moving a person to another department moves the scope of their rows */
static void
test_scope_follows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) dept = zx_test_fields ("name", "信息科", "kind", "functional", NULL);
  g_autoptr(JsonObject) skill = zx_test_fields ("name", "数据分析", NULL);
  g_autoptr(JsonObject) has = NULL;
  g_autoptr(JsonObject) move = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *it = NULL;
  g_autofree char *skill_id = NULL;
  g_autofree char *has_id = NULL;

  it = zx_store_create (f->store, "department", dept, &error);
  skill_id = zx_store_create (f->store, "skill", skill, &error);
  has = zx_test_fields ("staff_id", f->staff, "skill_id", skill_id, NULL);
  json_object_set_int_member (has, "level", 3);
  has_id = zx_store_create (f->store, "staff_skill", has, &error);
  g_assert_no_error (error);

  row = zx_store_get (f->store, "staff_skill", has_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (row, "scope"), ==, f->dept);
  g_clear_pointer (&row, json_object_unref);

  move = zx_test_fields ("department_id", it, NULL);
  g_assert_true (zx_store_update (f->store, "staff", f->staff, move, &error));
  g_assert_no_error (error);

  row = zx_store_get (f->store, "staff_skill", has_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (row, "scope"), ==, it);
}

static void
on_changed (ZxStore    *store,
            const char *entity,
            const char *id,
            GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup_printf ("%s %s", entity, id));
}

/* ::changed comes after commit, once per row, and not at all on failure */
static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) change = zx_test_fields ("title", "主治医师", NULL);
  g_autoptr(JsonObject) bad = zx_test_fields ("role", "king", NULL);
  g_autofree char *expected = g_strdup_printf ("staff %s", f->staff);

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), seen);

  g_assert_true (zx_store_update (f->store, "staff", f->staff, change, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, expected);

  g_assert_false (zx_store_update (f->store, "staff", f->staff, bad, &error));
  g_assert_cmpuint (seen->len, ==, 1);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) year = zx_test_fields ("name", "2026", "kind", "year",
                                               "start_date", "2026-01-01", "end_date", "2025-12-31", NULL);
  g_autoptr(JsonObject) quarter = zx_test_fields ("name", "2026-Q1", "kind", "quarter",
                                                  "start_date", "2026-01-01", "end_date", "2026-03-31", NULL);
  g_autoptr(JsonObject) date = zx_test_fields ("name", "2026", "kind", "year",
                                               "start_date", "2026-02-30", "end_date", "2026-12-31", NULL);
  g_autofree char *field = NULL;

  g_assert_false (zx_store_check (f->store, "cycle", NULL, year, &field, &error));
  g_assert_cmpstr (field, ==, "end_date");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  g_assert_false (zx_store_check (f->store, "cycle", NULL, quarter, &field, &error));
  g_assert_cmpstr (field, ==, "parent_id");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  g_assert_false (zx_store_check (f->store, "cycle", NULL, date, &field, &error));
  g_assert_cmpstr (field, ==, "start_date");
  g_clear_error (&error);
}

/* Listing returns live rows as records, in order */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) second = zx_test_fields ("name", "神经外科", "kind", "clinical", NULL);
  g_autofree char *id = zx_store_create (f->store, "department", second, &error);
  g_autoptr(GListStore) list = zx_store_list (f->store, "department", NULL, NULL);
  g_autoptr(ZxRecord) first = NULL;
  g_autoptr(ZxRecord) last = NULL;
  const char *params[] = { "clinical", NULL };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), 1);
  /* by rank: created first, listed first */
  g_assert_cmpstr (zx_record_get_string (first, "name"), ==, "心血管内科");
  g_assert_cmpstr (zx_record_get_id (last), ==, id);
  g_assert_cmpint (zx_store_count (f->store, "department", "kind = ?", params), ==, 2);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/create-sets-sync-columns", test_create_sets_sync_columns);
  ADD ("/store/queue-records-mutations", test_queue_records_mutations);
  ADD ("/store/failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  ADD ("/store/failed-commit-rolls-back", test_failed_commit_rolls_back);
  ADD ("/store/required-and-types", test_required_and_types);
  ADD ("/store/delete-restrict-and-restore", test_delete_restrict_and_restore);
  ADD ("/store/cascade", test_cascade);
  ADD ("/store/scope-follows", test_scope_follows);
  ADD ("/store/changed-signal", test_changed_signal);
  ADD ("/store/rules", test_rules);
  ADD ("/store/list", test_list);

  return g_test_run ();
}
