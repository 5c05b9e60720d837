/* test-indicators.c — the shipped indicator library, the CSV import of
 * monthly values (each kind of bad line refused with nothing stored) and
 * hand corrections with their audit entries
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "zx-demo.h"
#include "zx-error.h"
#include "zx-indicators.h"
#include "zx-record.h"
#include "zx-test-util.h"

typedef struct
{
  char    *dir;
  ZxStore *store;
} Fixture;

static void
open_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "indicators.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  if (data != NULL)
    g_assert_true (zx_demo_populate (f->store, "2026-11-16", &error));
  g_assert_no_error (error);
}

static void
close_store (Fixture       *f,
             gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
count (ZxStore    *store,
       const char *entity,
       const char *where)
{
  return zx_store_count (store, entity, where, NULL);
}

static ZxRecord *
by_code (ZxStore    *store,
         const char *code)
{
  const char *params[] = { code, NULL };
  g_autoptr(GListStore) list = zx_store_list (store, "indicator", "code = ?", params);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

static void
test_library (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxRecord) gk08 = NULL;
  g_autoptr(ZxRecord) gk01 = NULL;
  g_autoptr(ZxRecord) yy01 = NULL;
  g_autoptr(ZxRecord) yy15 = NULL;
  guint added = 99;

  g_assert_cmpuint (zx_indicators_n_shipped ("national"), ==, 56);
  g_assert_cmpuint (zx_indicators_n_shipped ("operational"), ==, 16);

  g_assert_true (zx_indicators_load_library (f->store, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 72);
  g_assert_cmpint (count (f->store, "indicator", "source = 'national'"), ==, 56);
  g_assert_cmpint (count (f->store, "indicator", "source = 'operational'"), ==, 16);
  /* The directions as the file gives them (its README counts 5 qualitative,
   * the file itself marks 3), and 26 national monitoring indicators */
  g_assert_cmpint (count (f->store, "indicator", "source = 'national' AND direction = 'higher'"), ==, 24);
  g_assert_cmpint (count (f->store, "indicator", "source = 'national' AND direction = 'lower'"), ==, 10);
  g_assert_cmpint (count (f->store, "indicator", "source = 'national' AND direction = 'monitor'"), ==, 19);
  g_assert_cmpint (count (f->store, "indicator", "source = 'national' AND direction = 'qualitative'"), ==, 3);
  g_assert_cmpint (count (f->store, "indicator", "national_monitoring = 1"), ==, 26);

  gk01 = by_code (f->store, "GK-01");
  g_assert_cmpstr (zx_record_get_string (gk01, "direction"), ==, "monitor");
  g_assert_cmpstr (zx_record_get_string (gk01, "unit"), ==, "比值");
  gk08 = by_code (f->store, "GK-08");
  g_assert_cmpstr (zx_record_get_string (gk08, "name"), ==, "手术患者并发症发生率");
  g_assert_cmpstr (zx_record_get_string (gk08, "direction"), ==, "lower");
  yy01 = by_code (f->store, "YY-01");
  g_assert_cmpstr (zx_record_get_string (yy01, "name"), ==, "平均住院日");
  g_assert_cmpstr (zx_record_get_string (yy01, "direction"), ==, "lower");
  g_assert_cmpstr (zx_record_get_string (yy01, "unit"), ==, "天");
  g_assert_cmpstr (zx_record_get_string (yy01, "level"), ==, "hospital");
  yy15 = by_code (f->store, "YY-15");
  g_assert_cmpstr (zx_record_get_string (yy15, "name"), ==, "药学查房次数");
  g_assert_cmpstr (zx_record_get_string (yy15, "level"), ==, "department");

  /* Idempotent, and a retired or edited indicator is left alone */
  g_assert_true (zx_indicator_set_retired (f->store, zx_record_get_id (gk08), TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (zx_indicators_load_library (f->store, &added, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpint (count (f->store, "indicator", NULL), ==, 72);
  g_assert_cmpint (count (f->store, "indicator", "retired = 1"), ==, 1);
  {
    g_autoptr(GListStore) live = zx_indicators_list (f->store, NULL);
    ZxIndicatorFilter all = { .include_retired = TRUE, .source = "national" };
    g_autoptr(GListStore) national = zx_indicators_list (f->store, &all);
    ZxIndicatorFilter search = { .search = "住院日" };
    g_autoptr(GListStore) found = zx_indicators_list (f->store, &search);
    g_auto(GStrv) dims = zx_indicators_dimensions (f->store);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (live)), ==, 71);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (national)), ==, 56);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
    g_assert_cmpuint (g_strv_length (dims), ==, 4);
  }
}

static void
test_library_demo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint added = 99;
  gint64 before = count (f->store, "indicator", NULL);

  /* The demo hospital uses the same codes: nothing to add */
  g_assert_cmpint (before, ==, 72);
  g_assert_true (zx_indicators_load_library (f->store, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpint (count (f->store, "indicator", NULL), ==, before);
}

typedef struct
{
  const char                *bad_line;
  ZxIndicatorImportErrorKind kind;
} BadCase;

static const BadCase bad_cases[] = {
  { "YY-99,心血管内科,2026-11,8.1", ZX_IMPORT_ERROR_UNKNOWN_INDICATOR },
  { "不存在的指标,心血管内科,2026-11,8.1", ZX_IMPORT_ERROR_UNKNOWN_INDICATOR },
  { "YY-01,不存在的科室,2026-11,8.1", ZX_IMPORT_ERROR_UNKNOWN_DEPARTMENT },
  { "YY-01,XXX,2026-11,8.1", ZX_IMPORT_ERROR_UNKNOWN_DEPARTMENT },
  { "YY-01,心血管内科,2026-11,八点一", ZX_IMPORT_ERROR_BAD_NUMBER },
  { "YY-01,心血管内科,2026-11,8.1%", ZX_IMPORT_ERROR_BAD_NUMBER },
  { "YY-01,心血管内科,2026-11,", ZX_IMPORT_ERROR_BAD_NUMBER },
  { "YY-01,心血管内科,2026-13,8.1", ZX_IMPORT_ERROR_BAD_MONTH },
  { "YY-01,心血管内科,十一月,8.1", ZX_IMPORT_ERROR_BAD_MONTH },
  { "平均住院日,XNK,2026/11,8.3", ZX_IMPORT_ERROR_DUPLICATE },    /* = line 2 */
  { "YY-01,心血管内科,2026-10,8.1", ZX_IMPORT_ERROR_DUPLICATE },  /* stored by the demo */
  { "YY-01,心血管内科,2026-12", ZX_IMPORT_ERROR_FORMAT },
  { "\"YY-01,心血管内科,2026-12,8.1", ZX_IMPORT_ERROR_FORMAT },
};

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  gint64 before = count (f->store, "indicator_value", NULL);
  gint64 queued = zx_store_queue_length (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = g_strdup_printf ("indicator,department,month,value\n"
                                              "YY-01,心血管内科,2026-11,8.2\n"
                                              "YY-04,,2026-11,1.05\n"
                                              "%s\n"
                                              "YY-02,全院,2026-11,92.5\n", bad_cases[i].bad_line);
      g_autoptr(ZxIndicatorImport) import = zx_indicator_import_check (f->store, csv, -1, FALSE, &error);
      ZxIndicatorImportError *e;

      g_test_message ("case %u: %s", i, bad_cases[i].bad_line);
      g_assert_no_error (error);
      g_assert_nonnull (import);
      g_assert_cmpuint (import->errors->len, ==, 1);
      e = g_ptr_array_index (import->errors, 0);
      g_assert_cmpuint (e->line, ==, 4);
      g_assert_cmpint (e->kind, ==, bad_cases[i].kind);
      g_assert_true (g_str_has_prefix (e->message, "Line 4: "));
      g_assert_cmpuint (import->rows->len, ==, 3);

      g_assert_false (zx_indicator_import_apply (f->store, import, NULL, NULL, NULL, &error));
      g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
      g_assert_cmpint (count (f->store, "indicator_value", NULL), ==, before);
      g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
    }

  /* Several bad lines: every one listed by line */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ZxIndicatorImport) import =
      zx_indicator_import_check (f->store,
                                 "YY-99,心血管内科,2026-11,1\n"
                                 "YY-01,心血管内科,2026-11,x\n"
                                 "YY-01,心血管内科,2026-11,8\n"
                                 "YY-01,心血管内科,2026-11,8\n", -1, FALSE, &error);

    g_assert_cmpuint (import->errors->len, ==, 3);
    g_assert_cmpuint (((ZxIndicatorImportError *) g_ptr_array_index (import->errors, 0))->line, ==, 1);
    g_assert_cmpuint (((ZxIndicatorImportError *) g_ptr_array_index (import->errors, 1))->line, ==, 2);
    g_assert_cmpuint (((ZxIndicatorImportError *) g_ptr_array_index (import->errors, 2))->line, ==, 4);
  }

  /* A retired indicator takes no values */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ZxRecord) yy01 = by_code (f->store, "YY-01");
    g_autoptr(ZxIndicatorImport) import = NULL;

    g_assert_true (zx_indicator_set_retired (f->store, zx_record_get_id (yy01), TRUE, &error));
    import = zx_indicator_import_check (f->store, "YY-01,心血管内科,2026-11,8\n", -1, FALSE, &error);
    g_assert_cmpuint (import->errors->len, ==, 1);
    g_assert_cmpint (((ZxIndicatorImportError *) g_ptr_array_index (import->errors, 0))->kind, ==,
                     ZX_IMPORT_ERROR_UNKNOWN_INDICATOR);
  }
  g_assert_cmpint (count (f->store, "indicator_value", NULL), ==, before);
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxIndicatorImport) import = NULL;
  g_autoptr(ZxIndicatorImport) again = NULL;
  g_autoptr(ZxIndicatorImport) replace = NULL;
  gint64 before = count (f->store, "indicator_value", NULL);
  /* A BOM, Windows line ends, a quoted name and an empty line, as exported */
  const char *csv = "\xEF\xBB\xBF" "指标,科室,月份,数值\r\n"
                    "YY-01,心血管内科,2026-11,8.2\r\n"
                    "\"病例组合指数（CMI）\",XNK,202611,1.04\r\n"
                    "\r\n"
                    "yy-04,,2026-11,1.05\r\n"
                    "YY-02,全院,2026-11,92.5\r\n";

  import = zx_indicator_import_check (f->store, csv, -1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (import->errors->len, ==, 0);
  g_assert_cmpuint (import->rows->len, ==, 4);
  g_assert_cmpuint (((ZxIndicatorImportRow *) g_ptr_array_index (import->rows, 2))->line, ==, 5);
  g_assert_true (zx_indicator_import_apply (f->store, import, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "indicator_value", NULL), ==, before + 4);
  g_assert_cmpint (count (f->store, "indicator_value", "month = '2026-11' AND source = 'import'"), ==, 4);
  g_assert_cmpint (count (f->store, "indicator_value", "month = '2026-11' AND department_id IS NULL"), ==, 2);

  /* The same file again: every line is a stored month */
  again = zx_indicator_import_check (f->store, csv, -1, FALSE, &error);
  g_assert_cmpuint (again->errors->len, ==, 4);
  /* …unless it replaces them */
  replace = zx_indicator_import_check (f->store, "YY-01,心血管内科,2026-11,8.0\n", -1, TRUE, &error);
  g_assert_cmpuint (replace->errors->len, ==, 0);
  g_assert_cmpuint (replace->n_replaced, ==, 1);
  g_assert_true (zx_indicator_import_apply (f->store, replace, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "indicator_value", NULL), ==, before + 4);
  g_assert_cmpint (count (f->store, "indicator_value", "month = '2026-11' AND value = 8.0"), ==, 1);

  /* GB18030, as many information systems export */
  {
    g_autofree char *gbk = g_convert ("YY-02,心血管内科,2026-11,95.5\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
    g_autoptr(ZxIndicatorImport) gb = zx_indicator_import_check (f->store, gbk, -1, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (gb->errors->len, ==, 0);
    g_assert_cmpstr (((ZxIndicatorImportRow *) g_ptr_array_index (gb->rows, 0))->department_name, ==, "心血管内科");
  }
}

static void
test_correct (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxRecord) yy01 = by_code (f->store, "YY-01");
  const char *params[] = { zx_record_get_id (yy01), NULL };
  g_autoptr(GListStore) values = zx_store_list (f->store, "indicator_value",
                                                "indicator_id = ? AND department_id IS NULL", params);
  g_autoptr(ZxRecord) value = g_list_model_get_item (G_LIST_MODEL (values), 0);
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GListStore) audit = NULL;
  g_autoptr(ZxRecord) entry = NULL;
  gint64 audits = count (f->store, "audit_entry", NULL);
  double target = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (values)), ==, 12);
  g_assert_true (zx_indicator_target_for (f->store, zx_record_get_id (yy01), NULL, "2026-05", &target));
  g_assert_cmpfloat (target, ==, 7.8);

  /* No reason, no correction */
  g_assert_false (zx_indicator_value_correct (f->store, zx_record_get_id (value), 7.5, "  ", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, "audit_entry", NULL), ==, audits);

  zx_store_set_actor (f->store, "staff-1");
  g_assert_true (zx_indicator_value_correct (f->store, zx_record_get_id (value), 7.5,
                                             "信息系统漏计了转科患者", &error));
  g_assert_no_error (error);
  row = zx_store_get (f->store, "indicator_value", zx_record_get_id (value), &error);
  g_assert_cmpfloat (json_object_get_double_member (row, "value"), ==, 7.5);
  g_assert_cmpstr (json_object_get_string_member (row, "source"), ==, "manual");

  audit = zx_store_list (f->store, "audit_entry", "entity = 'indicator_value'", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (audit)), ==, 1);
  entry = g_list_model_get_item (G_LIST_MODEL (audit), 0);
  g_assert_cmpstr (zx_record_get_string (entry, "row_id"), ==, zx_record_get_id (value));
  g_assert_cmpstr (zx_record_get_string (entry, "field"), ==, "value");
  g_assert_cmpfloat (g_ascii_strtod (zx_record_get_string (entry, "old_value"), NULL), ==,
                     zx_record_get_double (value, "value"));
  g_assert_cmpstr (zx_record_get_string (entry, "new_value"), ==, "7.5");
  g_assert_cmpstr (zx_record_get_string (entry, "reason"), ==, "信息系统漏计了转科患者");
  g_assert_cmpstr (zx_record_get_string (entry, "actor"), ==, "staff-1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/indicators/library", Fixture, NULL, open_store, test_library, close_store);
  g_test_add ("/indicators/library-demo", Fixture, "demo", open_store, test_library_demo, close_store);
  g_test_add ("/indicators/import-bad", Fixture, "demo", open_store, test_import_bad, close_store);
  g_test_add ("/indicators/import-good", Fixture, "demo", open_store, test_import_good, close_store);
  g_test_add ("/indicators/correct", Fixture, "demo", open_store, test_correct, close_store);

  return g_test_run ();
}
