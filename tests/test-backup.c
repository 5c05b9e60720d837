/* test-backup.c — export, import, and hostile backups
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "zx-backup.h"
#include "zx-demo.h"
#include "zx-progress.h"
#include "zx-test-util.h"

typedef struct
{
  char    *dir;
  char    *demo_export;   /* the demo hospital, exported once */
  ZxStore *empty;         /* a fresh database to import into */
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
  g_autoptr(ZxStore) demo = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = zx_test_tmpdir ();
  demo = open_store (f->dir, "demo.db");
  g_assert_true (zx_demo_populate (demo, "2026-11-22", &error));
  g_assert_no_error (error);

  /* an edit and a tombstone, so those travel too */
  {
    g_autoptr(GListStore) staff = zx_store_list (demo, "staff", "key_person = 0", NULL);
    g_autoptr(ZxRecord) someone = g_list_model_get_item (G_LIST_MODEL (staff), 0);
    g_autoptr(JsonObject) change = zx_test_fields ("phone", "0710-1234567", NULL);

    zx_store_set_now (demo, "2026-11-22T10:00:00Z");
    g_assert_true (zx_store_update (demo, "staff", zx_record_get_id (someone), change, &error));
    g_assert_no_error (error);
  }

  f->demo_export = g_build_filename (f->dir, "demo.json", NULL);
  g_assert_true (zx_backup_export (demo, f->demo_export, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->empty = open_store (f->dir, "empty.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->empty);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->demo_export);
}

/* export → import into an empty database → export gives the same bytes */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = g_build_filename (f->dir, "again.json", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (zx_backup_import (f->empty, f->demo_export, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (zx_store_has_hospital (f->empty));
  /* a restore is not an edit: nothing to push */
  g_assert_cmpint (zx_store_queue_length (f->empty), ==, 0);

  g_assert_true (zx_backup_export (f->empty, again, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  a = zx_test_file_checksum (f->demo_export);
  b = zx_test_file_checksum (again);
  g_assert_cmpstr (a, ==, b);
}

/* The same data exports to the same bytes, with no per-device state */
static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) other = open_store (f->dir, "other.db");
  g_autofree char *path = g_build_filename (f->dir, "other.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* another device (another client id) with the same demo data */
  g_assert_true (zx_demo_populate (other, "2026-11-22", &error));
  {
    g_autoptr(GListStore) staff = zx_store_list (other, "staff", "key_person = 0", NULL);
    g_autoptr(ZxRecord) someone = g_list_model_get_item (G_LIST_MODEL (staff), 0);
    g_autoptr(JsonObject) change = zx_test_fields ("phone", "0710-1234567", NULL);

    zx_store_set_now (other, "2026-11-22T10:00:00Z");
    g_assert_true (zx_store_update (other, "staff", zx_record_get_id (someone), change, &error));
  }
  g_assert_true (zx_backup_export (other, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  a = zx_test_file_checksum (f->demo_export);
  b = zx_test_file_checksum (path);
  g_assert_cmpstr (a, ==, b);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, zx_store_get_client_id (other)));
  g_assert_null (strstr (contents, "mutation_queue"));
  g_assert_true (g_str_has_prefix (contents, "{\"format\":\"zhixing\",\"format_version\":1,"));
}

/* Writes @text to a file in the fixture's dir and tries to import it:
 * it must fail with ZX_ERROR_IMPORT (or @code) and leave the db empty. */
static char *
import_must_fail (Fixture    *f,
                  const char *text,
                  gssize      length,
                  int         code)
{
  g_autofree char *path = g_build_filename (f->dir, "hostile.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  g_assert_false (zx_backup_import (f->empty, path, 0, NULL, NULL, NULL, &error));
  g_assert_error (error, ZX_ERROR, code);
  g_assert_true (zx_store_is_empty (f->empty));
  g_assert_cmpint (zx_store_queue_length (f->empty), ==, 0);
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

/* Replaces the first occurrence of @from in the demo export with @to */
static char *
demo_with (Fixture    *f,
           const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GString) s = NULL;
  gssize pos;

  g_assert_true (g_file_get_contents (f->demo_export, &contents, NULL, NULL));
  s = g_string_new (contents);
  pos = strstr (s->str, from) - s->str;
  g_assert_cmpint (pos, >=, 0);
  g_string_erase (s, pos, strlen (from));
  g_string_insert (s, pos, to);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_bad_json (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *m1 = import_must_fail (f, "{\"format\":\"zhixing\", \"rows\": [", -1, ZX_ERROR_IMPORT);
  g_autofree char *m2 = import_must_fail (f, "not json at all", -1, ZX_ERROR_IMPORT);
  g_autofree char *m3 = import_must_fail (f, "{\"format\":\"zhixing\",\"format\":\"x\"}", -1, ZX_ERROR_IMPORT);
  g_autofree char *m4 = import_must_fail (f, "[1e400]", -1, ZX_ERROR_IMPORT);
  g_autofree char *m5 = import_must_fail (f, "{\"format\":\"other\",\"format_version\":1,\"schema_version\":1,\"rows\":[]}", -1, ZX_ERROR_IMPORT);
  g_autofree char *m6 = import_must_fail (f, "{\"format\":\"zhixing\",\"format_version\":1,\"schema_version\":99,\"rows\":[]}", -1, ZX_ERROR_IMPORT);
  g_autofree char *m7 = import_must_fail (f, "{\"a\":\"x\0y\"}", 11, ZX_ERROR_IMPORT);

  g_assert_nonnull (strstr (m1, "hostile.json"));
  g_assert_nonnull (strstr (m5, "not a Zhixing backup"));
  g_assert_nonnull (strstr (m6, "newer"));
}

static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *m = import_must_fail (f, deep, -1, ZX_ERROR_IMPORT);
}

static void
test_wrong_types (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *beds = demo_with (f, "\"beds\":", "\"beds\":\"many\",\"x_beds\":");
  g_autofree char *version = demo_with (f, "\"version\":0", "\"version\":\"0\"");
  g_autofree char *kind = demo_with (f, "\"kind\":\"clinical\"", "\"kind\":\"surgery\"");
  g_autofree char *m1 = import_must_fail (f, beds, -1, ZX_ERROR_IMPORT);
  g_autofree char *m2 = import_must_fail (f, version, -1, ZX_ERROR_IMPORT);
  g_autofree char *m3 = import_must_fail (f, kind, -1, ZX_ERROR_IMPORT);

  /* says where: the row number */
  g_assert_nonnull (strstr (m2, "row 1"));
  g_assert_nonnull (strstr (m3, "surgery"));
}

static void
test_unknown_entity (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = demo_with (f, "{\"entity\":\"department\"", "{\"entity\":\"patient\"");
  g_autofree char *m = import_must_fail (f, text, -1, ZX_ERROR_IMPORT);

  g_assert_nonnull (strstr (m, "patient"));
}

static void
test_dangling_reference (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = demo_with (f, "\"department_id\":\"", "\"department_id\":\"0");
  g_autofree char *m = import_must_fail (f, text, -1, ZX_ERROR_IMPORT);

  g_assert_nonnull (strstr (m, "not in the file"));
}

static void
test_duplicate_row (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  char **lines;
  guint n;

  g_assert_true (g_file_get_contents (f->demo_export, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  n = g_strv_length (lines);
  /* repeat the first row (line 1) after the last one (line n-3) */
  {
    g_autoptr(GString) s = g_string_new (lines[0]);

    g_string_append_c (s, '\n');
    for (guint i = 1; i < n - 2; i++)
      {
        g_string_append (s, lines[i]);
        if (i == n - 3)
          {
            g_string_append (s, ",\n");
            g_string_append_len (s, lines[1], strlen (lines[1]) - 1); /* drop the comma */
          }
        g_string_append_c (s, '\n');
      }
    g_string_append (s, "]}\n");
    text = g_string_free (g_steal_pointer (&s), FALSE);
  }
  g_strfreev (lines);

  g_free (import_must_fail (f, text, -1, ZX_ERROR_IMPORT));
}

/* A 50 MB file whose one text field is 50 MB long */
static void
test_huge_file (Fixture       *f,
                gconstpointer  data)
{
  gsize size = 50 * 1024 * 1024;
  g_autoptr(GString) s = g_string_sized_new (size + 200);
  g_autofree char *m = NULL;

  g_string_append (s, "{\"format\":\"zhixing\",\"format_version\":1,\"schema_version\":1,\"rows\":[\n"
                      "{\"entity\":\"hospital\",\"id\":\"h\",\"version\":0,\"updated_at\":\"2026-01-01T00:00:00Z\","
                      "\"updated_by\":\"x\",\"deleted\":false,\"scope\":\"hospital\",\"fields\":{\"name\":\"");
  while (s->len < size)
    g_string_append (s, "医院医院医院医院");
  g_string_append (s, "\"}}\n]}\n");

  m = import_must_fail (f, s->str, s->len, ZX_ERROR_IMPORT);
}

/* A size limit refuses the file before reading it */
static void
test_size_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (zx_backup_import (f->empty, f->demo_export, 1024, NULL, NULL, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_assert_true (zx_store_is_empty (f->empty));
}

/* Importing into a database that holds a hospital is refused */
static void
test_not_empty (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) hospital = zx_test_fields ("name", "另一家医院", NULL);
  g_autofree char *id = zx_store_create (f->empty, "hospital", hospital, &error);

  g_assert_false (zx_backup_import (f->empty, f->demo_export, 0, NULL, NULL, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_EMPTY);
  g_assert_cmpint (zx_store_count (f->empty, "department", NULL, NULL), ==, 0);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_false (zx_backup_import (f->empty, f->demo_export, 0, NULL, NULL, cancellable, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_CANCELLED);
  g_assert_true (zx_store_is_empty (f->empty));
}

/* id → last_check_in_at of every key result, in one string */
static char *
latest_check_ins (ZxStore *store)
{
  g_autoptr(GString) s = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store),
                                       "SELECT id, last_check_in_at FROM key_result ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (s, "%s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_type (stmt, 1) == SQLITE_NULL ? "-" : (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The live key results' and objectives' last check-in, staleness and
 * health on the demo's day, in one string; *@n_stale counts the stale ones */
static char *
stale_figures (ZxStore *store,
               guint   *n_stale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(ZxProgressIndex) index = NULL;
  GDate today;
  sqlite3_stmt *stmt;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 22, G_DATE_NOVEMBER, 2026);
  index = zx_progress_index_new (store, &today, NULL, &error);
  g_assert_no_error (error);

  *n_stale = 0;
  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store),
                                       "SELECT id FROM key_result WHERE deleted = 0 UNION ALL "
                                       "SELECT id FROM objective WHERE deleted = 0 ORDER BY 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const ZxProgress *p = zx_progress_index_lookup (index, id);

      g_assert_nonnull (p);
      g_string_append_printf (s, "%s %" G_GINT64_FORMAT " %d %s\n",
                              id, p->last_check_in, p->stale, zx_health_to_string (p->health));
      *n_stale += p->stale;
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* key_result.last_check_in_at is local, derived data: never in a backup,
 * and a restore makes it again from the check-ins (in any order), so the
 * staleness figures come back the same */
static void
test_latest_check_in_restored (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) demo = open_store (f->dir, "demo.db");
  g_autoptr(ZxStore) reversed = open_store (f->dir, "reversed.db");
  g_autofree char *path = g_build_filename (f->dir, "tombstone.json", NULL);
  g_autofree char *reversed_path = g_build_filename (f->dir, "reversed.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *tombstoned_kr = NULL;
  g_autofree char *tombstoned_at = NULL;
  guint n_stale = 0, n;

  /* Tombstone the hospital's latest check-in: its key result falls back
   * to its previous one, before and after the restore */
  {
    sqlite3_stmt *stmt;
    g_autofree char *id = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (demo),
                                         "SELECT id, key_result_id, created_at FROM check_in WHERE deleted = 0 "
                                         "ORDER BY created_at DESC, id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    tombstoned_kr = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    tombstoned_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    sqlite3_finalize (stmt);
    g_assert_true (zx_store_delete (demo, "check_in", id, &error));
    g_assert_no_error (error);
  }

  latest = latest_check_ins (demo);
  figures = stale_figures (demo, &n_stale);
  /* the demo has key results nobody checked in on for weeks */
  g_assert_cmpuint (n_stale, >, 0);
  {
    g_autofree char *line = g_strdup_printf ("%s %s\n", tombstoned_kr, tombstoned_at);

    g_assert_null (strstr (latest, line));
  }

  g_assert_true (zx_backup_export (demo, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "last_check_in_at"));

  /* In the file's order (key results before their check-ins) */
  g_assert_true (zx_backup_import (f->empty, path, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *latest2 = latest_check_ins (f->empty);
    g_autofree char *figures2 = stale_figures (f->empty, &n);

    g_assert_cmpstr (latest2, ==, latest);
    g_assert_cmpstr (figures2, ==, figures);
    g_assert_cmpuint (n, ==, n_stale);
  }

  /* Rows in the reverse order: check-ins before their key results */
  {
    char **lines = g_strsplit (contents, "\n", -1);
    guint n_lines = g_strv_length (lines);
    g_autoptr(GString) s = g_string_new (lines[0]);

    /* line 0 the header, 1 … n-3 the rows, then "]}" and "" */
    g_string_append_c (s, '\n');
    for (guint i = n_lines - 3; i >= 1; i--)
      {
        gsize len = strlen (lines[i]);

        if (len > 0 && lines[i][len - 1] == ',')
          len--;
        g_string_append_len (s, lines[i], len);
        g_string_append (s, i > 1 ? ",\n" : "\n");
      }
    g_string_append (s, "]}\n");
    g_strfreev (lines);
    g_assert_true (g_file_set_contents (reversed_path, s->str, s->len, NULL));
  }
  g_assert_true (zx_backup_import (reversed, reversed_path, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *latest3 = latest_check_ins (reversed);
    g_autofree char *figures3 = stale_figures (reversed, &n);

    g_assert_cmpstr (latest3, ==, latest);
    g_assert_cmpstr (figures3, ==, figures);
  }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/backup/round-trip", test_round_trip);
  ADD ("/backup/deterministic", test_deterministic);
  ADD ("/backup/bad-json", test_bad_json);
  ADD ("/backup/deep-nesting", test_deep_nesting);
  ADD ("/backup/wrong-types", test_wrong_types);
  ADD ("/backup/unknown-entity", test_unknown_entity);
  ADD ("/backup/dangling-reference", test_dangling_reference);
  ADD ("/backup/duplicate-row", test_duplicate_row);
  ADD ("/backup/huge-file", test_huge_file);
  ADD ("/backup/size-limit", test_size_limit);
  ADD ("/backup/not-empty", test_not_empty);
  ADD ("/backup/cancel", test_cancel);
  ADD ("/backup/latest-check-in-restored", test_latest_check_in_restored);

  return g_test_run ();
}
