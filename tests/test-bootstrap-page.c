/* test-bootstrap-page.c — reading bootstrap pages without json-glib, and
 * writing them to a desktop's database in one bulk load
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "zx-replica.h"
#include "zx-store-private.h"
#include "zx-sync-client.h"
#include "zx-test-util.h"
#include "zx-wire.h"

#define ENVELOPE "\"id\",\"version\",\"updated_at\",\"updated_by\",\"deleted\",\"scope\""
#define DEPT_COLUMNS "[" ENVELOPE ",\"name\",\"code\",\"kind\",\"head_id\",\"beds\",\"rank\"]"
#define WHEN "\"2026-03-31T08:30:00Z\""

static ZxBootstrapPage *
decode (const char *text,
        GError    **error)
{
  return zx_sync_decode_bootstrap (text, strlen (text), error);
}

static const ZxValue *
row_values (ZxBootstrapPage *page,
            guint            table,
            guint            row)
{
  const ZxReplicaTable *t = &g_array_index (page->tables, ZxReplicaTable, table);

  g_assert_cmpuint (row, <, t->n_rows);
  return t->values + row * (t->entity->n_fields + 6);
}

static void
test_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxBootstrapPage) page = NULL;
  const ZxEntity *dept = zx_schema_lookup ("department");
  const ZxValue *v;

  page = decode ("{\"tables\":[{\"entity\":\"department\",\"columns\":" DEPT_COLUMNS ",\"rows\":["
                 "[\"d1\",7," WHEN ",\"wang\",false,\"d1\",\"心内科 \\\"一病区\\\"\\t\\u00e9\\ud83d\\ude00\",null,\"clinical\",null,42,\"m\"],"
                 "[\"d2\",0," WHEN ",\"li\",true,\"d2\",\"急诊科\",\"JZ\",\"medtech\",\"s1\",0,null]]}],"
                 "\"next\":\"MTpkMg\",\"has_more\":true,\"cursor\":12,\"total\":99}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpint (page->cursor, ==, 12);
  g_assert_cmpint (page->total, ==, 99);
  g_assert_true (page->has_more);
  g_assert_cmpstr (page->next, ==, "MTpkMg");
  g_assert_cmpuint (page->tables->len, ==, 1);
  g_assert_cmpuint (page->n_rows, ==, 2);
  g_assert_true (g_array_index (page->tables, ZxReplicaTable, 0).entity == dept);

  v = row_values (page, 0, 0);
  g_assert_cmpint (v[0].type, ==, ZX_VALUE_TEXT);
  g_assert_cmpstr (v[0].v.text.s, ==, "d1");
  g_assert_cmpstr (v[1].v.text.s, ==, "心内科 \"一病区\"\té😀");
  g_assert_cmpuint (v[1].v.text.len, ==, strlen ("心内科 \"一病区\"\té😀"));
  g_assert_cmpint (v[2].type, ==, ZX_VALUE_NULL);
  g_assert_cmpint (v[5].type, ==, ZX_VALUE_INT);
  g_assert_cmpint (v[5].v.i, ==, 42);
  g_assert_cmpint (v[dept->n_fields + 1].v.i, ==, 7);
  g_assert_cmpstr (v[dept->n_fields + 2].v.text.s, ==, "2026-03-31T08:30:00Z");
  g_assert_cmpint (v[dept->n_fields + 4].type, ==, ZX_VALUE_BOOL);
  g_assert_false (v[dept->n_fields + 4].v.b);
  v = row_values (page, 0, 1);
  g_assert_true (v[dept->n_fields + 4].v.b);
  g_assert_cmpstr (v[4].v.text.s, ==, "s1");
  g_assert_cmpint (v[6].type, ==, ZX_VALUE_NULL);

  /* the last page: no next, no total; no tables at all */
  g_clear_pointer (&page, zx_bootstrap_page_free);
  page = decode ("{\"tables\":[],\"next\":null,\"has_more\":false,\"cursor\":0}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->tables->len, ==, 0);
  g_assert_null (page->next);
  g_assert_cmpint (page->total, ==, -1);
}

/* Columns in any order, fields left out, members in any order, unknown
 * members ignored, rows before their columns, several tables */
static void
test_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxBootstrapPage) page = NULL;
  const ZxEntity *check_in = zx_schema_lookup ("check_in");
  const ZxValue *v;
  int value_slot = -1, note_slot = -1, done_slot = -1;

  for (guint i = 0; i < check_in->n_fields; i++)
    if (g_str_equal (check_in->fields[i].name, "value"))
      value_slot = 1 + i;
    else if (g_str_equal (check_in->fields[i].name, "note"))
      note_slot = 1 + i;
    else if (g_str_equal (check_in->fields[i].name, "milestone_done"))
      done_slot = 1 + i;

  page = decode ("{\"cursor\":5,\"future\":{\"a\":[1,{\"b\":\"\\\"]}\"}]},\"has_more\":false,"
                 " \"tables\" : [ {\"rows\":[[\"s\\\\x\",\"d1\",1," WHEN ",\"u\",false,\"A\\\"]\",\"王\",\"head\",\"d1\"]],"
                 "\"extra\":[],\"columns\":[\"employee_no\",\"scope\",\"version\",\"updated_at\",\"updated_by\",\"deleted\","
                 "\"id\",\"name\",\"role\",\"department_id\"],\"entity\":\"staff\"},"
                 "{\"entity\":\"check_in\",\"columns\":[" ENVELOPE ",\"key_result_id\",\"week\",\"value\",\"confidence\",\"created_at\",\"note\"],"
                 "\"rows\":[[\"c1\",3," WHEN ",\"u\",false,\"d1\",\"k1\",\"2026-03-30\",12,5," WHEN ",\"\"],"
                 "[\"c2\",3," WHEN ",\"u\",false,\"d1\",\"k1\",\"2026-03-30\",-1.5e2,5," WHEN ",null]]}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->tables->len, ==, 2);
  g_assert_cmpuint (page->n_rows, ==, 3);
  g_assert_false (page->has_more);
  g_assert_null (page->next);

  v = row_values (page, 0, 0);
  g_assert_cmpstr (v[0].v.text.s, ==, "A\"]");   /* id: the 7th column */
  g_assert_cmpstr (zx_schema_lookup ("staff")->fields[1].name, ==, "employee_no");
  g_assert_cmpstr (v[2].v.text.s, ==, "s\\x");
  v = row_values (page, 1, 0);
  g_assert_cmpint (v[value_slot].type, ==, ZX_VALUE_INT);
  g_assert_cmpint (v[value_slot].v.i, ==, 12);
  g_assert_cmpint (v[note_slot].type, ==, ZX_VALUE_TEXT);
  g_assert_cmpuint (v[note_slot].v.text.len, ==, 0);
  g_assert_cmpint (v[done_slot].type, ==, ZX_VALUE_NULL);   /* not a column: null, stored as false */
  v = row_values (page, 1, 1);
  g_assert_cmpint (v[value_slot].type, ==, ZX_VALUE_REAL);
  g_assert_cmpfloat (v[value_slot].v.d, ==, -150.0);
  g_assert_cmpint (v[note_slot].type, ==, ZX_VALUE_NULL);
}

static void
test_refusals (void)
{
  static const struct
  {
    const char *text;
    const char *says;   /* part of the message */
  } cases[] = {
    { "", "could not be understood" },
    { "[]", "could not be understood" },
    { "{\"tables\":[],\"has_more\":false,\"cursor\":1,\"cursor\":2}", "could not be understood" },
    { "{\"tables\":[],\"has_more\":false,\"cursor\":1e400}", "could not be understood" },
    { "{\"tables\":[],\"has_more\":false}", "“cursor”" },
    { "{\"tables\":[],\"cursor\":1}", "“has_more”" },
    { "{\"has_more\":false,\"cursor\":1}", "“tables”" },
    { "{\"tables\":{},\"has_more\":false,\"cursor\":1}", "“tables”" },
    { "{\"tables\":[],\"has_more\":false,\"cursor\":-1}", "“cursor”" },
    { "{\"tables\":[],\"has_more\":false,\"cursor\":1.5}", "“cursor”" },
    { "{\"tables\":[],\"has_more\":\"no\",\"cursor\":1}", "“has_more”" },
    { "{\"tables\":[],\"has_more\":true,\"next\":\"\",\"cursor\":1}", "“next”" },
    { "{\"tables\":[],\"has_more\":true,\"next\":3,\"cursor\":1}", "“next”" },
    { "{\"tables\":[],\"has_more\":false,\"cursor\":1,\"total\":\"9\"}", "“total”" },
    { "{\"tables\":[{\"entity\":\"nothing\",\"columns\":[],\"rows\":[]}],\"has_more\":false,\"cursor\":1}",
      "Unknown kind of data “nothing”" },
    { "{\"tables\":[{\"columns\":[],\"rows\":[]}],\"has_more\":false,\"cursor\":1}", "“entity”" },
    { "{\"tables\":[{\"columns\":[],\"entity\":\"department\",\"rows\":[]}],\"has_more\":false,\"cursor\":1}", "“id”" },
    { "{\"tables\":[{\"entity\":\"department\",\"rows\":[]}],\"has_more\":false,\"cursor\":1}", "“columns”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":" DEPT_COLUMNS "}],\"has_more\":false,\"cursor\":1}", "“rows”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"colour\"],\"rows\":[]}],\"has_more\":false,\"cursor\":1}",
      "no field “colour”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"name\"],\"rows\":[]}],\"has_more\":false,\"cursor\":1}",
      "“columns”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[\"id\",\"version\",\"updated_at\",\"updated_by\",\"deleted\",\"name\"],\"rows\":[]}],\"has_more\":false,\"cursor\":1}",
      "“scope”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",7],\"rows\":[]}],\"has_more\":false,\"cursor\":1}",
      "“columns”" },
    /* rows */
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[{}]}],\"has_more\":false,\"cursor\":1}",
      "Row 1 " },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"n\"]]}],\"has_more\":false,\"cursor\":1}",
      "one value for each column" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"n\",\"clinical\",1]]}],\"has_more\":false,\"cursor\":1}",
      "one value for each column" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"n\",[\"clinical\"]]]}],\"has_more\":false,\"cursor\":1}",
      "one value for each column" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"n\",\"surgery\"]]}],\"has_more\":false,\"cursor\":1}",
      "not allowed (“surgery”)" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",null,\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "Name is required" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "Name is required" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\",\"beds\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"n\",\"clinical\",1.5]]}],\"has_more\":false,\"cursor\":1}",
      "whole number" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\",\"beds\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"n\",\"clinical\",10001]]}],\"has_more\":false,\"cursor\":1}",
      "between" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"\",1," WHEN ",\"u\",false,\"d\",\"n\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "“id”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",-1," WHEN ",\"u\",false,\"d\",\"n\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "“version”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1,\"2026-02-30T08:30:00Z\",\"u\",false,\"d\",\"n\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "“updated_at”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",0,\"d\",\"n\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "“deleted”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,null,\"n\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "“scope”" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"a\\u0001b\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "control characters" },
    { "{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[[\"d\",1," WHEN ",\"u\",false,\"d\",\"a\\u0000b\",\"clinical\"]]}],\"has_more\":false,\"cursor\":1}",
      "could not be understood" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ZxBootstrapPage) page = decode (cases[i].text, &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (page);
      g_assert_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
    }
}

/* A page written to a desktop's database: every value as it came, the
 * derived last check-in computed, references checked at the end */
static void
test_bulk_load (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "desktop.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (path, &error);
  g_autoptr(ZxBootstrapPage) page = NULL;
  g_autoptr(JsonObject) kr = NULL;
  g_autoptr(JsonObject) dept = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  const char *tables;

  g_assert_no_error (error);

  /* the smallest tree a check-in hangs from, in schema order */
  tables =
    "{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\",\"beds\"],"
    " \"rows\":[[\"d1\",4," WHEN ",\"wang\",false,\"d1\",\"心内科\",\"clinical\",40]]},"
    "{\"entity\":\"staff\",\"columns\":[" ENVELOPE ",\"name\",\"employee_no\",\"department_id\",\"role\"],"
    " \"rows\":[[\"s1\",5," WHEN ",\"wang\",false,\"d1\",\"王医生\",\"E1\",\"d1\",\"head\"]]},"
    "{\"entity\":\"cycle\",\"columns\":[" ENVELOPE ",\"name\",\"kind\",\"start_date\",\"end_date\"],"
    " \"rows\":[[\"y1\",6," WHEN ",\"wang\",false,\"hospital\",\"2026\",\"year\",\"2026-01-01\",\"2026-12-31\"]]},"
    "{\"entity\":\"objective\",\"columns\":[" ENVELOPE ",\"cycle_id\",\"level\",\"title\",\"department_id\",\"owner_id\",\"status\"],"
    " \"rows\":[[\"o1\",7," WHEN ",\"wang\",false,\"d1\",\"y1\",\"department\",\"缩短平均住院日\",\"d1\",\"s1\",\"active\"]]},"
    "{\"entity\":\"key_result\",\"columns\":[" ENVELOPE ",\"objective_id\",\"title\",\"kind\",\"direction\",\"start_value\",\"target_value\",\"weight\"],"
    " \"rows\":[[\"k1\",8," WHEN ",\"wang\",false,\"d1\",\"o1\",\"平均住院日\",\"numeric\",\"lower\",9.5,8,1]]},"
    "{\"entity\":\"check_in\",\"columns\":[" ENVELOPE ",\"key_result_id\",\"week\",\"value\",\"confidence\",\"created_at\",\"note\"],"
    " \"rows\":[[\"c1\",9," WHEN ",\"wang\",false,\"d1\",\"k1\",\"2026-03-23\",9.1,6,\"2026-03-23T09:00:00Z\",\"第一周\"],"
    "         [\"c2\",10," WHEN ",\"wang\",false,\"d1\",\"k1\",\"2026-03-30\",8.7,7,\"2026-03-30T09:00:00Z\",null],"
    "         [\"c3\",11," WHEN ",\"wang\",true,\"d1\",\"k1\",\"2026-04-06\",8.2,7,\"2026-04-06T09:00:00Z\",null]]}";
  text = g_strdup_printf ("{\"tables\":[%s],\"next\":null,\"has_more\":false,\"cursor\":11}", tables);
  page = decode (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->n_rows, ==, 8);

  /* as the sync client does: each entity complete when the next begins
   * (department refers forward to staff: checked once staff is in) */
  g_assert_true (zx_replica_bootstrap_begin (store, &error));
  for (guint i = 0; i < page->tables->len; i++)
    {
      const ZxReplicaTable *table = &g_array_index (page->tables, ZxReplicaTable, i);

      if (i > 0)
        g_assert_true (zx_replica_bootstrap_entity_done (store, g_array_index (page->tables, ZxReplicaTable, i - 1).entity,
                                                         &error));
      g_assert_true (zx_replica_bootstrap_table (store, table, &error));
    }
  g_assert_true (zx_replica_bootstrap_finish (store, "http://127.0.0.1:1", 11, FALSE, &error));
  g_assert_no_error (error);

  dept = zx_store_get (store, "department", "d1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dept, "name"), ==, "心内科");
  g_assert_cmpint (json_object_get_int_member (dept, "beds"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (dept, "version"), ==, 4);
  kr = zx_store_get (store, "key_result", "k1", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (kr, "start_value"), ==, 9.5);
  g_assert_cmpfloat (json_object_get_double_member (kr, "target_value"), ==, 8.0);

  /* the trigger-kept column, computed once: the latest live check-in */
  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store), "SELECT last_check_in_at FROM key_result WHERE id = 'k1'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2026-03-30T09:00:00Z");
  sqlite3_finalize (stmt);

  /* the triggers are back and references are checked again */
  g_assert_cmpint (sqlite3_exec (zx_store_get_db (store),
                                 "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'check_in_latest_insert'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autofree char *id = NULL;

    json_object_set_string_member (fields, "key_result_id", "k1");
    json_object_set_string_member (fields, "week", "2026-04-13");
    json_object_set_int_member (fields, "confidence", 8);
    json_object_set_string_member (fields, "created_at", "2026-04-13T09:00:00Z");
    id = zx_store_create (store, "check_in", fields, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store), "SELECT last_check_in_at FROM key_result WHERE id = 'k1'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2026-04-13T09:00:00Z");
    sqlite3_finalize (stmt);
  }
  g_assert_cmpint (sqlite3_exec (zx_store_get_db (store), "INSERT INTO check_in (id, key_result_id, week, confidence, created_at, updated_at, updated_by)"
                                 " VALUES ('x', 'nope', '2026-01-05', 5, '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z', 'u')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_FOREIGNKEY);

  /* a page whose rows refer to a row that is not there: nothing is kept */
  g_clear_pointer (&page, zx_bootstrap_page_free);
  broken = g_strdup_printf ("{\"tables\":[{\"entity\":\"check_in\",\"columns\":[" ENVELOPE ",\"key_result_id\",\"week\",\"confidence\",\"created_at\"],"
                            "\"rows\":[[\"c9\",1," WHEN ",\"u\",false,\"d1\",\"k404\",\"2026-03-23\",5," WHEN "]]}],"
                            "\"next\":null,\"has_more\":false,\"cursor\":12}");
  page = decode (broken, &error);
  g_assert_no_error (error);
  g_assert_true (zx_replica_bootstrap_begin (store, &error));
  g_assert_true (zx_replica_bootstrap_table (store, &g_array_index (page->tables, ZxReplicaTable, 0), &error));
  g_assert_false (zx_replica_bootstrap_finish (store, "http://127.0.0.1:1", 12, FALSE, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  /* found as soon as the check-ins and what they refer to are complete */
  g_assert_true (zx_replica_bootstrap_begin (store, &error));
  g_assert_true (zx_replica_bootstrap_entity_done (store, zx_schema_lookup ("staff"), &error));
  g_assert_true (zx_replica_bootstrap_entity_done (store, zx_schema_lookup ("key_result"), &error));
  g_assert_true (zx_replica_bootstrap_table (store, &g_array_index (page->tables, ZxReplicaTable, 0), &error));
  g_assert_false (zx_replica_bootstrap_entity_done (store, zx_schema_lookup ("check_in"), &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  zx_replica_bootstrap_abort (store);
  g_clear_pointer (&dept, json_object_unref);
  dept = zx_store_get (store, "department", "d1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dept);
  g_assert_cmpint (sqlite3_exec (zx_store_get_db (store), "INSERT INTO check_in (id, key_result_id, week, confidence, created_at, updated_at, updated_by)"
                                 " VALUES ('x', 'nope', '2026-01-05', 5, '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z', 'u')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_FOREIGNKEY);

  g_clear_object (&store);
  zx_test_rmdir (dir);
}

/* The shortest text that reads back as the same double, as the loop over
 * every precision from 1 finds it */
static char *
shortest (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

static void
test_numbers (void)
{
  static const double values[] = { 0.1, 0.30000000000000004, 1e-05, 9.1, -150.25, 123456789012345.6,
                                   9007199254740992.0, 1e300, -2.5e-300, 3.141592653589793 };
  static const gint64 ints[] = { 0, -1, 7, 1843, G_MAXINT64, G_MININT64 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, ints[i]);

      zx_wire_append_int (out, ints[i]);
      g_assert_cmpstr (out->str, ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (values) + 20000; i++)
    {
      double value = i < G_N_ELEMENTS (values) ? values[i]
                     : i % 2 ? g_rand_double_range (rand, -1e6, 1e6)
                     : (double) g_rand_int_range (rand, -100000, 100000) / 100.0;
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *expected = NULL;

      if (value == floor (value) && fabs (value) < 1e15)
        continue;
      expected = shortest (value);
      zx_wire_append_double (out, value);
      if (strpbrk (expected, ".eE") == NULL)
        {
          char *again = g_strconcat (expected, ".0", NULL);

          g_free (expected);
          expected = again;
        }
      g_assert_cmpstr (out->str, ==, expected);
      g_assert_true (g_ascii_strtod (out->str, NULL) == value);
    }
}

/* Rows go in several at a time; a duplicate among them is still named */
static void
test_duplicate (void)
{
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "desktop.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (path, &error);
  g_autoptr(GString) text = g_string_new ("{\"tables\":[{\"entity\":\"department\",\"columns\":[" ENVELOPE ",\"name\",\"kind\"],\"rows\":[");
  g_autoptr(ZxBootstrapPage) page = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 37; i++)
    g_string_append_printf (text, "%s[\"d%02u\",1," WHEN ",\"u\",false,\"d%02u\",\"科室 %u\",\"clinical\"]",
                            i ? "," : "", i == 20 ? 5 : i, i, i);
  g_string_append (text, "]}],\"next\":null,\"has_more\":false,\"cursor\":1}");
  page = decode (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->n_rows, ==, 37);

  g_assert_true (zx_replica_bootstrap_begin (store, &error));
  g_assert_false (zx_replica_bootstrap_table (store, &g_array_index (page->tables, ZxReplicaTable, 0), &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "“d05”"));
  zx_replica_bootstrap_abort (store);
  g_clear_error (&error);

  /* without the duplicate all 37 go in: two statements of 16, five singly */
  g_string_replace (text, "[\"d05\",1," WHEN ",\"u\",false,\"d20\"", "[\"d20\",1," WHEN ",\"u\",false,\"d20\"", 1);
  g_clear_pointer (&page, zx_bootstrap_page_free);
  page = decode (text->str, &error);
  g_assert_no_error (error);
  g_assert_true (zx_replica_bootstrap_begin (store, &error));
  g_assert_true (zx_replica_bootstrap_table (store, &g_array_index (page->tables, ZxReplicaTable, 0), &error));
  g_assert_true (zx_replica_bootstrap_finish (store, "http://127.0.0.1:1", 1, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 37; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%02u", i);
      g_autoptr(JsonObject) row = zx_store_get (store, "department", id, &error);
      g_autofree char *name = g_strdup_printf ("科室 %u", i);

      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, name);
    }

  g_clear_object (&store);
  zx_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bootstrap-page/read", test_read);
  g_test_add_func ("/bootstrap-page/shapes", test_shapes);
  g_test_add_func ("/bootstrap-page/refusals", test_refusals);
  g_test_add_func ("/bootstrap-page/bulk-load", test_bulk_load);
  g_test_add_func ("/bootstrap-page/numbers", test_numbers);
  g_test_add_func ("/bootstrap-page/duplicate", test_duplicate);
  return g_test_run ();
}
