/* zx-bench-reports.c — evaluation reports for bench/run
 *
 *   zx-bench-reports DATABASE [--keep DIR]
 *
 * Exports every person's report PDF, the department and hospital summaries
 * and the .xlsx of one evaluation scheme of the large hospital
 * (zx_report_export_run(), one thread per processor) into a temporary folder
 * and prints
 *
 *   {"metric": "reports_export_all", "value": …, "unit": "ms"}
 *   {"metric": "reports_files", "value": …, "unit": "files"}
 *
 * The generated hospital has no evaluation yet: when no scheme of 2026-Q4 has
 * evaluation rows, a scheme and one evaluation row per person are written in
 * a transaction that is rolled back at the end, so the cached database does
 * not change.  The folder is removed unless --keep names one.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "evaluation/zx-report-export.h"
#include "zx-okr.h"
#include "zx-record.h"
#include "zx-schema.h"
#include "zx-store.h"

#define CYCLE "2026-Q4"

static G_GNUC_NORETURN void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "zx-bench-reports: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
insert (ZxStore    *store,
        const char *entity_name,
        JsonObject *o,
        const char *scope)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();

  json_object_set_string_member (o, ZX_COLUMN_ID, id);
  json_object_set_int_member (o, ZX_COLUMN_VERSION, 0);
  json_object_set_string_member (o, ZX_COLUMN_UPDATED_AT, "2026-12-31T00:00:00Z");
  json_object_set_string_member (o, ZX_COLUMN_UPDATED_BY, "bench");
  json_object_set_boolean_member (o, ZX_COLUMN_DELETED, FALSE);
  json_object_set_string_member (o, ZX_COLUMN_SCOPE, scope);
  if (!zx_store_insert_row (store, zx_schema_lookup (entity_name), o, &error))
    die (entity_name, error);
}

/* A scheme of @cycle_id and one evaluation row per person, made up */
static char *
make_evaluation (ZxStore    *store,
                 const char *cycle_id)
{
  g_autoptr(JsonObject) scheme = json_object_new ();
  g_autoptr(GListStore) staff = zx_store_list (store, "staff", NULL, NULL);
  g_autoptr(GListStore) indicators = zx_store_list (store, "indicator", NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (staff));
  char *scheme_id;

  json_object_set_string_member (scheme, "name", "2026年第四季度全院人员绩效评价方案");
  json_object_set_string_member (scheme, "cycle_id", cycle_id);
  json_object_set_string_member (scheme, "subject", "person");
  json_object_set_double_member (scheme, "okr_weight", 0.6);
  json_object_set_double_member (scheme, "indicator_weight", 0.3);
  json_object_set_double_member (scheme, "assessment_weight", 0.1);
  json_object_set_double_member (scheme, "challenge_credit", 0.7);
  json_object_set_double_member (scheme, "grade_a", 90);
  json_object_set_double_member (scheme, "grade_b", 80);
  json_object_set_double_member (scheme, "grade_c", 60);
  json_object_set_string_member (scheme, "status", "locked");
  insert (store, "eval_scheme", scheme, ZX_SCOPE_ALL);
  scheme_id = g_strdup (json_object_get_string_member (scheme, ZX_COLUMN_ID));

  /* Four indicators, when the database has a library */
  for (guint i = 0; i < MIN (4, g_list_model_get_n_items (G_LIST_MODEL (indicators))); i++)
    {
      g_autoptr(ZxRecord) ind = g_list_model_get_item (G_LIST_MODEL (indicators), i);
      g_autoptr(JsonObject) item = json_object_new ();

      json_object_set_string_member (item, "scheme_id", scheme_id);
      json_object_set_string_member (item, "indicator_id", zx_record_get_id (ind));
      json_object_set_double_member (item, "weight", 0.25);
      insert (store, "eval_scheme_item", item, ZX_SCOPE_ALL);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) person = g_list_model_get_item (G_LIST_MODEL (staff), i);
      g_autoptr(JsonObject) o = json_object_new ();
      const char *dept = zx_record_get_string (person, "department_id");
      double okr = 55 + (i * 7) % 45, ind = 50 + (i * 13) % 50, ass = 70 + (i * 3) % 30;
      double total = round ((okr * 0.6 + ind * 0.3 + ass * 0.1) * 10) / 10;

      json_object_set_string_member (o, "scheme_id", scheme_id);
      json_object_set_string_member (o, "staff_id", zx_record_get_id (person));
      json_object_set_string_member (o, "department_id", dept);
      json_object_set_double_member (o, "okr_score", okr);
      json_object_set_double_member (o, "indicator_score", ind);
      json_object_set_double_member (o, "assessment_score", ass);
      json_object_set_double_member (o, "adjustment", 0);
      json_object_set_double_member (o, "total", total);
      json_object_set_string_member (o, "grade", total >= 90 ? "A" : total >= 80 ? "B" : total >= 60 ? "C" : "D");
      json_object_set_string_member (o, "head_comment", "本季度目标推进有力，关键结果按期完成，请继续保持。");
      json_object_set_boolean_member (o, "locked", TRUE);
      insert (store, "evaluation", o, dept);
    }
  return scheme_id;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(GPtrArray) schemes = NULL;
  g_autofree char *cycle_id = NULL;
  g_autofree char *scheme_id = NULL;
  g_autofree char *dir = NULL;
  gboolean keep = FALSE;
  guint n_files = 0;
  gint64 start;

  if (argc == 4 && g_strcmp0 (argv[2], "--keep") == 0)
    {
      dir = g_strdup (argv[3]);
      keep = TRUE;
    }
  else if (argc != 2)
    {
      fprintf (stderr, "usage: zx-bench-reports DATABASE [--keep DIR]\n");
      return 2;
    }

  store = zx_store_open (argv[1], &error);
  if (store == NULL)
    die ("opening the database", error);

  cycle_id = zx_cycle_find (store, CYCLE);
  if (cycle_id == NULL)
    die ("the database has no cycle " CYCLE, NULL);

  if (!zx_store_begin (store, &error))
    die ("beginning a transaction", error);
  schemes = zx_report_export_find_schemes (store, CYCLE, NULL);
  if (schemes != NULL)
    scheme_id = g_strdup (g_ptr_array_index (schemes, 0));
  else
    scheme_id = make_evaluation (store, cycle_id);

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("zx-bench-reports-XXXXXX", &error);
      if (dir == NULL)
        die ("making a temporary folder", error);
    }

  start = g_get_monotonic_time ();
  if (!zx_report_export_run (store, scheme_id, NULL, dir, NULL, NULL, &n_files, NULL, &error))
    die ("exporting", error);
  printf ("{\"metric\": \"reports_export_all\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          (g_get_monotonic_time () - start) / 1000.0);
  printf ("{\"metric\": \"reports_files\", \"value\": %u, \"unit\": \"files\"}\n", n_files);

  zx_store_rollback (store);
  if (!keep)
    remove_tree (dir);
  return 0;
}
