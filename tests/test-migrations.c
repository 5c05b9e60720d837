/* test-migrations.c — opening databases of every version, and refusing others
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "zx-store.h"
#include "zx-test-util.h"

static int
pragma_int (const char *path,
            const char *pragma)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_from_empty (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sub", "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (path, &error);
  g_autofree char *sub = g_path_get_dirname (path);

  g_assert_no_error (error);
  g_assert_cmpint (zx_store_get_schema_version (store), ==, ZX_SCHEMA_VERSION);
  g_assert_null (zx_store_get_backup_path (store));
  g_assert_true (zx_store_is_empty (store));
  g_assert_false (zx_store_has_hospital (store));
  g_assert_nonnull (zx_store_get_client_id (store));
  g_clear_object (&store);

  g_assert_cmpint (pragma_int (path, "user_version"), ==, ZX_SCHEMA_VERSION);

  /* Opening again keeps the device's identity */
  {
    g_autoptr(ZxStore) again = zx_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_null (zx_store_get_backup_path (again));
  }

  zx_test_rmdir (sub);
  zx_test_rmdir (dir);
}

/* Each earlier version, holding data, migrates to the latest after a backup */
static void
test_from_every_version (void)
{
  for (int v = 1; v < ZX_SCHEMA_VERSION; v++)
    {
      g_autofree char *dir = zx_test_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "old.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ZxStore) old = zx_store_open_at_version (path, v, &error);
      g_autoptr(ZxStore) store = NULL;
      g_autoptr(JsonObject) hospital = zx_test_fields ("name", "江城市第一人民医院", NULL);
      g_autofree char *id = NULL;
      g_autofree char *client = NULL;
      g_autoptr(JsonObject) row = NULL;
      const char *backup;

      g_assert_no_error (error);
      g_assert_cmpint (zx_store_get_schema_version (old), ==, v);
      id = zx_store_create (old, "hospital", hospital, &error);
      g_assert_no_error (error);
      client = g_strdup (zx_store_get_client_id (old));
      g_clear_object (&old);

      store = zx_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (zx_store_get_schema_version (store), ==, ZX_SCHEMA_VERSION);

      /* The data and the device identity survived; a copy was taken first */
      row = zx_store_get (store, "hospital", id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "江城市第一人民医院");
      g_assert_cmpstr (zx_store_get_client_id (store), ==, client);
      g_assert_cmpint (zx_store_queue_length (store), ==, 1);

      backup = zx_store_get_backup_path (store);
      g_assert_nonnull (backup);
      g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (pragma_int (backup, "user_version"), ==, v);

      g_clear_object (&store);
      zx_test_rmdir (dir);
    }
}

static char *
sql_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

#define KR_LATEST(db, kr) \
  sql_text ((db), "SELECT last_check_in_at FROM key_result WHERE id = '" kr "'")

/* Version 3 to 4: each key result learns its latest live check-in's date
 * (key_result.last_check_in_at), and triggers keep it from then on */
static void
test_latest_check_in (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) old = zx_store_open_at_version (path, 3, &error);
  g_autoptr(ZxStore) store = NULL;
  char *latest;
  sqlite3 *db;

  g_assert_no_error (error);
  /* Rows as version 3 holds them (no objective: references may be empty).
   * kr-a: three check-ins, the latest one deleted; kr-b: none; kr-c: only
   * a deleted one; kr-d: one without a date. */
  g_assert_cmpint (sqlite3_exec (zx_store_get_db (old),
    "INSERT INTO key_result (id, title, kind, updated_at, updated_by) VALUES "
    "  ('kr-a', '平均住院日', 'numeric', '2026-01-05T08:00:00Z', 'test'),"
    "  ('kr-b', '门诊满意度', 'numeric', '2026-01-05T08:00:00Z', 'test'),"
    "  ('kr-c', '通过认证', 'milestone', '2026-01-05T08:00:00Z', 'test'),"
    "  ('kr-d', '四级手术占比', 'percentage', '2026-01-05T08:00:00Z', 'test');"
    "INSERT INTO check_in (id, key_result_id, week, created_at, deleted, updated_at, updated_by) VALUES "
    "  ('ci-1', 'kr-a', '2026-01-05', '2026-01-09T02:00:00Z', 0, '2026-01-09T02:00:00Z', 'test'),"
    "  ('ci-2', 'kr-a', '2026-01-19', '2026-01-23T02:00:00Z', 0, '2026-01-23T02:00:00Z', 'test'),"
    "  ('ci-3', 'kr-a', '2026-01-26', '2026-01-30T02:00:00Z', 1, '2026-01-30T02:00:00Z', 'test'),"
    "  ('ci-4', 'kr-a', '2026-01-12', '2026-01-16T02:00:00Z', 0, '2026-01-16T02:00:00Z', 'test'),"
    "  ('ci-5', 'kr-c', '2026-01-12', '2026-01-16T02:00:00Z', 1, '2026-01-16T02:00:00Z', 'test'),"
    "  ('ci-6', 'kr-d', '2026-01-12', NULL, 0, '2026-01-16T02:00:00Z', 'test');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&old);

  store = zx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_get_schema_version (store), ==, ZX_SCHEMA_VERSION);
  db = zx_store_get_db (store);

  latest = KR_LATEST (db, "kr-a");
  g_assert_cmpstr (latest, ==, "2026-01-23T02:00:00Z");
  g_free (latest);
  g_assert_null (KR_LATEST (db, "kr-b"));
  g_assert_null (KR_LATEST (db, "kr-c"));
  g_assert_null (KR_LATEST (db, "kr-d"));

  /* The triggers: a check-in written, restored, deleted for real */
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO check_in (id, key_result_id, week, created_at, updated_at, updated_by) VALUES "
    "  ('ci-7', 'kr-b', '2026-01-26', '2026-01-29T02:00:00Z', '2026-01-29T02:00:00Z', 'test');"
    "UPDATE check_in SET deleted = 0 WHERE id = 'ci-5';",
    NULL, NULL, NULL), ==, SQLITE_OK);
  latest = KR_LATEST (db, "kr-b");
  g_assert_cmpstr (latest, ==, "2026-01-29T02:00:00Z");
  g_free (latest);
  latest = KR_LATEST (db, "kr-c");
  g_assert_cmpstr (latest, ==, "2026-01-16T02:00:00Z");
  g_free (latest);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM check_in WHERE id = 'ci-7'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_null (KR_LATEST (db, "kr-b"));

  /* check_in_latest_idx serves lookups by key result; check_in_week_idx went */
  g_assert_null (sql_text (db, "SELECT name FROM sqlite_master WHERE name = 'check_in_week_idx'"));
  latest = sql_text (db, "SELECT name FROM sqlite_master WHERE name = 'check_in_latest_idx'");
  g_assert_cmpstr (latest, ==, "check_in_latest_idx");
  g_free (latest);

  g_clear_object (&store);
  zx_test_rmdir (dir);
}

/* A database from a newer Zhixing is refused and left alone */
static void
test_newer_refused (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  before = zx_test_file_checksum (path);
  store = zx_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer"));
  after = zx_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  zx_test_rmdir (dir);
}

/* Not a database at all, or another program's: refused, untouched */
static void
test_garbage_refused (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (path, "These are meeting notes, not a database.\n"
                                            "These are meeting notes, not a database.\n"
                                            "These are meeting notes, not a database.\n", -1, NULL));
  before = zx_test_file_checksum (path);
  store = zx_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  after = zx_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE patients (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = zx_store_open (other, &error);
  g_assert_null (store);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_DATABASE);

  zx_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrations/from-empty", test_from_empty);
  g_test_add_func ("/migrations/from-every-version", test_from_every_version);
  g_test_add_func ("/migrations/latest-check-in", test_latest_check_in);
  g_test_add_func ("/migrations/newer-refused", test_newer_refused);
  g_test_add_func ("/migrations/garbage-refused", test_garbage_refused);

  return g_test_run ();
}
