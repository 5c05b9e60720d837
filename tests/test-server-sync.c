/* test-server-sync.c — import, push, pull and bootstrap on the real zhixing-server
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Makes a demo hospital with core, exports it with the desktop's backup
 * export, imports it with `zhixing-server import`, starts the server on
 * 127.0.0.1 with port 0 and drives it with SoupSession.  Every wait and
 * loop is bounded; the server is killed at the end.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "zx-backup.h"
#include "zx-demo.h"
#include "zx-schema.h"
#include "zx-store.h"
#include "zx-test-server.h"
#include "zx-test-util.h"

#define WAIT_SECONDS 30
#define PASSWORD ZX_TEST_PASSWORD

static char *tmpdir;
static ZxTestServer *zts;
static SoupSession *session;
static gint64 demo_rows;
static char *dept_a;     /* a department with a head and staff accounts */
static char *dept_b;     /* another one */
static char *cycle_id;
static char *staff_a;    /* the staff row staff-a is linked to */
static char *tok_admin, *tok_head, *tok_staff, *tok_other_head, *tok_hr;

/* The real server (tests/zx-test-server.h) */
#define run_cli(input, err, ...) zx_test_server_cli (zts, (input), (err), __VA_ARGS__)

static void
add_user (const char *name,
          const char *role,
          const char *department)
{
  zx_test_server_add_user (zts, name, role, department);
}

static void
server_start (void)
{
  zx_test_server_start (zts);
}

static void
server_kill (void)
{
  zx_test_server_kill (zts);
}

/* HTTP ---------------------------------------------------------------------- */

typedef struct
{
  guint     status;   /* 0: no answer (connection lost) */
  JsonNode *root;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->root, json_node_unref);
  reply->status = 0;
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* One attempt; FALSE when no answer came (connection lost). */
static gboolean
request_once (const char *method,
              const char *path,
              const char *body,
              const char *token,
              Reply      *reply)
{
  g_autofree char *uri = g_strconcat (zts->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
    }
  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  reply_clear (reply);
  if (answer == NULL)
    {
      g_test_message ("%s %s: %s", method, path, error->message);
      return FALSE;
    }
  reply->status = soup_message_get_status (msg);
  if (g_bytes_get_size (answer) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), &error);
      g_assert_no_error (error);
      reply->root = json_node_ref (json_parser_get_root (parser));
    }
  return TRUE;
}

/* Every request of these tests may be repeated safely (pushes are
 * idempotent), as a client does when a connection breaks: up to 3 tries
 * while the server is running. */
static void
request (const char *method,
         const char *path,
         const char *body,
         const char *token,
         Reply      *reply)
{
  for (int attempt = 0; attempt < 3; attempt++)
    {
      if (request_once (method, path, body, token, reply))
        return;
      g_usleep (20 * 1000);
      if (zts->process == NULL || g_subprocess_get_identifier (zts->process) == NULL)
        return;
    }
}

static JsonObject *
obj (Reply *reply)
{
  g_assert_nonnull (reply->root);
  return json_node_get_object (reply->root);
}

static void
assert_error (Reply      *reply,
              guint       status,
              const char *code,
              const char *field)
{
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (obj (reply), "error"), ==, code);
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member (obj (reply), "field"), ==, field);
}

static char *
sign_in (const char *name)
{
  g_auto(Reply) reply = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", name, PASSWORD);

  request ("POST", "/api/v1/session", body, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  return g_strdup (json_object_get_string_member (obj (&reply), "token"));
}

/* The database, read directly ------------------------------------------------ */

static char *
db_text (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (zts->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static gint64
db_int (const char *sql)
{
  g_autofree char *text = db_text (sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* What a refused request must leave untouched */
static char *
dump_data (void)
{
  g_autofree char *a = db_text ("SELECT * FROM change_log ORDER BY seq");
  g_autofree char *b = db_text ("SELECT * FROM client_state ORDER BY client_id");
  g_autofree char *c = db_text ("SELECT * FROM objective ORDER BY id");
  g_autofree char *d = db_text ("SELECT * FROM key_result ORDER BY id");
  g_autofree char *e = db_text ("SELECT * FROM department ORDER BY id");

  return g_strconcat (a, b, c, d, e, NULL);
}

static char *
objective_mutation (gint64      id,
                    const char *row_id,
                    const char *department,
                    const char *title)
{
  return g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"name\":\"objective.create\",\"base_version\":0,"
                          "\"args\":{\"id\":\"%s\",\"cycle_id\":\"%s\",\"level\":\"department\","
                          "\"title\":\"%s\",\"department_id\":\"%s\",\"status\":\"active\"}}",
                          id, row_id, cycle_id, title, department);
}

static char *
push_body (const char *client,
           GPtrArray  *mutations)
{
  g_autofree char *list = NULL;

  g_ptr_array_add (mutations, NULL);
  list = g_strjoinv (",", (char **) mutations->pdata);
  g_ptr_array_remove_index (mutations, mutations->len - 1);
  return g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":[%s]}", client, list);
}

static const char *
result_status (Reply *reply,
               guint  index)
{
  JsonArray *results = json_object_get_array_member (obj (reply), "results");

  return json_object_get_string_member (json_array_get_object_element (results, index), "status");
}

/* Cases ---------------------------------------------------------------------- */

static void
test_import (void)
{
  g_autofree char *err = NULL;
  g_autofree char *export_path = g_build_filename (tmpdir, "demo.json", NULL);

  /* every row has a change-log entry */
  g_assert_cmpint (db_int ("SELECT count(*) FROM change_log"), ==, demo_rows);
  g_assert_cmpint (db_int ("SELECT count(DISTINCT entity || row_id) FROM change_log"), ==, demo_rows);
  g_assert_cmpint (db_int ("SELECT count(*) FROM objective WHERE version = 0"), ==, 0);

  /* a second import is refused and changes nothing */
  server_kill ();
  {
    g_autofree char *before = dump_data ();
    g_autofree char *after = NULL;

    g_assert_cmpint (run_cli (NULL, &err, "import", export_path, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "already holds"));
    after = dump_data ();
    g_assert_cmpstr (before, ==, after);
  }
  server_start ();

  /* a damaged export into an empty server: refused, nothing imported */
  {
    g_autofree char *saved = zts->db_path;
    g_autofree char *contents = NULL;
    g_autofree char *bad_path = g_build_filename (tmpdir, "bad.json", NULL);
    g_autofree char *bad_err = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (export_path, &contents, &length, NULL));
    /* a reference to a row that is not there, deep in the file */
    {
      char *at = strstr (contents + length / 2, "\"cycle_id\":\"");

      g_assert_nonnull (at);
      at += strlen ("\"cycle_id\":\"");
      memcpy (at, "ffffffff", 8);
    }
    g_assert_true (g_file_set_contents (bad_path, contents, length, NULL));
    zts->db_path = g_build_filename (tmpdir, "empty.db", NULL);
    g_assert_cmpint (run_cli (NULL, &bad_err, "import", bad_path, NULL), ==, 1);
    g_test_message ("refused: %s", bad_err);
    g_assert_cmpint (db_int ("SELECT count(*) FROM change_log"), ==, 0);
    g_assert_cmpint (db_int ("SELECT count(*) FROM objective"), ==, 0);
    g_assert_cmpint (db_int ("SELECT count(*) FROM department"), ==, 0);
    g_free (zts->db_path);
    zts->db_path = g_steal_pointer (&saved);
  }
}

/* Every row of a bootstrap, page after page; returns the rows seen */
static char *
node_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* An object's member names in their order, joined with ',' */
static char *
member_names (JsonObject *object)
{
  GString *out = g_string_new (NULL);
  GList *members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, l->data);
    }
  g_list_free (members);
  return g_string_free (out, FALSE);
}

/* The envelope's columns, first in every bootstrap table */
static const char * const envelope[] = { "id", "version", "updated_at", "updated_by", "deleted", "scope" };

/* The tables of one bootstrap page, checked: entities in schema order and
 * once each, columns the envelope then the entity's fields, every row as
 * many values as columns.  @collect (may be NULL): each row rebuilt as pull
 * writes it, "entity/id" → its JSON text.  Returns the number of rows. */
static guint
bootstrap_page_rows (JsonObject *page,
                     GHashTable *collect,
                     guint      *out_tables)
{
  JsonArray *tables = json_object_get_array_member (page, "tables");
  gint last_index = -1;
  guint rows = 0;

  g_assert_nonnull (tables);
  for (guint t = 0; t < json_array_get_length (tables); t++)
    {
      JsonObject *table = json_array_get_object_element (tables, t);
      g_autofree char *members = member_names (table);
      const ZxEntity *entity = zx_schema_lookup (json_object_get_string_member (table, "entity"));
      JsonArray *columns = json_object_get_array_member (table, "columns");
      JsonArray *values = json_object_get_array_member (table, "rows");
      guint n_columns = json_array_get_length (columns);
      gint index = -1;

      g_assert_cmpstr (members, ==, "entity,columns,rows");
      g_assert_nonnull (entity);
      for (guint i = 0; i < zx_schema_n_entities (); i++)
        if (zx_schema_entity_at (i) == entity)
          index = (gint) i;
      g_assert_cmpint (index, >, last_index);
      last_index = index;

      g_assert_cmpuint (n_columns, ==, G_N_ELEMENTS (envelope) + entity->n_fields);
      for (guint c = 0; c < n_columns; c++)
        g_assert_cmpstr (json_array_get_string_element (columns, c), ==,
                         c < G_N_ELEMENTS (envelope) ? envelope[c]
                                                     : entity->fields[c - G_N_ELEMENTS (envelope)].name);

      g_assert_cmpuint (json_array_get_length (values), >, 0);   /* no empty tables */
      for (guint r = 0; r < json_array_get_length (values); r++)
        {
          JsonArray *row = json_array_get_array_element (values, r);
          g_autoptr(JsonNode) node = NULL;
          JsonObject *pulled, *fields;

          g_assert_cmpuint (json_array_get_length (row), ==, n_columns);
          if (collect == NULL)
            continue;
          /* {"entity","id","version","updated_at","updated_by","deleted","scope","fields":{…}} */
          pulled = json_object_new ();
          fields = json_object_new ();
          json_object_set_string_member (pulled, "entity", entity->name);
          for (guint c = 0; c < n_columns; c++)
            json_object_set_member (c < G_N_ELEMENTS (envelope) ? pulled : fields,
                                    json_array_get_string_element (columns, c),
                                    json_array_dup_element (row, c));
          json_object_set_object_member (pulled, "fields", fields);
          node = json_node_init_object (json_node_alloc (), pulled);
          json_object_unref (pulled);
          g_assert_true (g_hash_table_insert (collect,
                                              g_strdup_printf ("%s/%s", entity->name,
                                                               json_array_get_string_element (row, 0)),
                                              node_text (node)));
        }
      rows += json_array_get_length (values);
    }
  if (out_tables != NULL)
    *out_tables = json_array_get_length (tables);
  return rows;
}

/* @collect (may be NULL): "entity/id" → the row's JSON text as pull writes
 * it; @out_crossing (may be NULL): the pages with more than one table */
static gint64
bootstrap_collect (const char *token,
                   guint       limit,
                   gint64     *out_total,
                   gint64     *out_cursor,
                   guint      *out_pages,
                   guint      *out_crossing,
                   GHashTable *collect)
{
  g_autofree char *after = NULL;
  gint64 rows = 0;
  guint pages = 0, crossing = 0;

  for (; pages < 10000; )
    {
      g_auto(Reply) reply = { 0 };
      g_autofree char *path = NULL;
      g_autofree char *members = NULL;
      JsonObject *page;
      guint n, n_tables = 0;

      if (after == NULL)
        path = limit ? g_strdup_printf ("/api/v1/bootstrap?limit=%u", limit) : g_strdup ("/api/v1/bootstrap");
      else
        path = limit ? g_strdup_printf ("/api/v1/bootstrap?after=%s&limit=%u", after, limit)
                     : g_strdup_printf ("/api/v1/bootstrap?after=%s", after);
      request ("GET", path, NULL, token, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
      page = obj (&reply);
      members = member_names (page);
      g_assert_cmpstr (members, ==, pages == 0 ? "tables,next,has_more,cursor,total"
                                               : "tables,next,has_more,cursor");
      n = bootstrap_page_rows (page, collect, &n_tables);
      g_assert_cmpuint (n, <=, limit ? limit : 2000);
      if (n_tables > 1)
        crossing++;
      rows += n;
      if (pages++ == 0)
        {
          if (out_total != NULL)
            *out_total = json_object_get_int_member (page, "total");
          if (out_cursor != NULL)
            *out_cursor = json_object_get_int_member (page, "cursor");
        }
      if (!json_object_get_boolean_member (page, "has_more"))
        {
          g_assert_true (json_object_get_null_member (page, "next"));
          break;
        }
      g_free (after);
      after = g_strdup (json_object_get_string_member (page, "next"));
      g_assert_nonnull (after);
    }
  if (out_pages != NULL)
    *out_pages = pages;
  if (out_crossing != NULL)
    *out_crossing = crossing;
  return rows;
}

static gint64
bootstrap_all (const char *token,
               guint       limit,
               gint64     *out_total,
               gint64     *out_cursor,
               guint      *out_pages)
{
  return bootstrap_collect (token, limit, out_total, out_cursor, out_pages, NULL, NULL);
}

static void
test_bootstrap (void)
{
  gint64 total = 0, rows, cursor = -1;
  gint64 t0 = g_get_monotonic_time ();
  guint pages = 0, crossing = 0;

  g_autoptr(GHashTable) snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  rows = bootstrap_collect (tok_admin, 0, &total, &cursor, &pages, NULL, snapshot);
  g_test_message ("bootstrap of %" G_GINT64_FORMAT " rows in %u pages: %.1f ms", rows, pages,
                  (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (total, ==, demo_rows);
  g_assert_cmpint (rows, ==, demo_rows);
  g_assert_cmpint (cursor, ==, db_int ("SELECT max(seq) FROM change_log"));
  g_assert_cmpuint (g_hash_table_size (snapshot), ==, demo_rows);

  /* bootstrap writes rows straight from SQLite: exactly as pull (the
   * export codec) writes them */
  {
    gint64 from = 0;
    guint compared = 0;

    for (int i = 0; i < 1000; i++)
      {
        g_auto(Reply) reply = { 0 };
        g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT, from);
        JsonArray *changes;

        request ("GET", path, NULL, tok_admin, &reply);
        g_assert_cmpuint (reply.status, ==, 200);
        changes = json_object_get_array_member (obj (&reply), "changes");
        for (guint j = 0; j < json_array_get_length (changes); j++)
          {
            JsonNode *node = json_array_get_element (changes, j);
            JsonObject *row = json_node_get_object (node);
            g_autofree char *key = g_strdup_printf ("%s/%s", json_object_get_string_member (row, "entity"),
                                                    json_object_get_string_member (row, "id"));
            g_autofree char *text = node_text (node);

            g_assert_cmpstr (g_hash_table_lookup (snapshot, key), ==, text);
            compared++;
          }
        from = json_object_get_int_member (obj (&reply), "cursor");
        if (!json_object_get_boolean_member (obj (&reply), "has_more"))
          break;
      }
    g_assert_cmpuint (compared, ==, demo_rows);
  }

  /* small pages cross entities; a page ending exactly at the end says so */
  rows = bootstrap_collect (tok_admin, 7, NULL, NULL, &pages, &crossing, NULL);
  g_assert_cmpint (rows, ==, demo_rows);
  g_assert_cmpuint (pages, ==, (demo_rows + 6) / 7);
  g_assert_cmpuint (crossing, >, 0);   /* a page crossing entities has a table for each */
  rows = bootstrap_all (tok_admin, 5000, NULL, NULL, &pages);
  g_assert_cmpint (rows, ==, demo_rows);

  /* a page of rows the account may not read has no table: staff read no
   * evaluation, and the first evaluation row is alone on a page of one */
  {
    guint index = G_MAXUINT, n_tables = G_MAXUINT;
    g_autofree char *plain = NULL;
    g_autofree char *token = NULL;
    g_autofree char *path = NULL;
    gsize length;

    g_assert_cmpint (db_int ("SELECT count(*) FROM evaluation"), >, 0);
    for (guint i = 0; i < zx_schema_n_entities (); i++)
      if (g_str_equal (zx_schema_entity_at (i)->name, "evaluation"))
        index = i;
    g_assert_cmpuint (index, <, zx_schema_n_entities ());
    /* the token of "INDEX:0": "0" sorts before every id */
    plain = g_strdup_printf ("%u:0", index);
    token = g_base64_encode ((const guchar *) plain, strlen (plain));
    length = strlen (token);
    while (length > 0 && token[length - 1] == '=')
      token[--length] = '\0';
    g_strdelimit (token, "+", '-');
    g_strdelimit (token, "/", '_');
    path = g_strdup_printf ("/api/v1/bootstrap?after=%s&limit=1", token);
    for (guint k = 0; k < 2; k++)
      {
        g_auto(Reply) reply = { 0 };
        JsonArray *tables;

        request ("GET", path, NULL, k == 0 ? tok_staff : tok_admin, &reply);
        g_assert_cmpuint (reply.status, ==, 200);
        rows = bootstrap_page_rows (obj (&reply), NULL, &n_tables);
        g_assert_true (json_object_get_boolean_member (obj (&reply), "has_more"));
        tables = json_object_get_array_member (obj (&reply), "tables");
        if (k == 0)
          {
            g_assert_cmpint (rows, ==, 0);
            g_assert_cmpuint (n_tables, ==, 0);
          }
        else
          {
            g_assert_cmpint (rows, ==, 1);
            g_assert_cmpuint (n_tables, ==, 1);
            g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tables, 0), "entity"),
                             ==, "evaluation");
          }
      }
  }

  {
    g_auto(Reply) reply = { 0 };
    g_autofree char *before = dump_data ();
    g_autofree char *after = NULL;
    static const char * const bad_after[] = {
      "x", "", "MDp4eA==", "MDp4eA%3D", "OTk5Onh4", "LTE6eHg", "MDE6eHg", "Onh4", "MDo", "MA",
      "!!!!", "MDp4eA%0A",
    };

    request ("GET", "/api/v1/bootstrap?page=1", NULL, tok_admin, &reply);   /* unknown parameters are ignored */
    g_assert_cmpuint (reply.status, ==, 200);
    for (guint i = 0; i < G_N_ELEMENTS (bad_after); i++)
      {
        g_autofree char *path = g_strdup_printf ("/api/v1/bootstrap?after=%s", bad_after[i]);

        request ("GET", path, NULL, tok_admin, &reply);
        assert_error (&reply, 400, "invalid_field", "after");
      }
    request ("GET", "/api/v1/bootstrap?limit=0", NULL, tok_admin, &reply);
    assert_error (&reply, 400, "invalid_field", "limit");
    request ("GET", "/api/v1/bootstrap?limit=5001", NULL, tok_admin, &reply);
    assert_error (&reply, 400, "invalid_field", "limit");
    request ("GET", "/api/v1/bootstrap?limit=x", NULL, tok_admin, &reply);
    assert_error (&reply, 400, "invalid_field", "limit");
    /* "0:xx" is well formed: the rows after it */
    request ("GET", "/api/v1/bootstrap?after=MDp4eA", NULL, tok_admin, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    request ("GET", "/api/v1/bootstrap", NULL, NULL, &reply);
    assert_error (&reply, 401, "unauthorized", NULL);
    after = dump_data ();
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_push_pull (void)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autofree char *cursor_path = NULL;
  g_auto(Reply) reply = { 0 };
  gint64 cursor = db_int ("SELECT max(seq) FROM change_log");
  gint64 t0, t1;
  JsonArray *changes;
  gboolean found_first = FALSE;

  /* 100 creates by the head of dept_a, timed with the pull */
  for (int i = 1; i <= 100; i++)
    {
      g_autofree char *row_id = g_strdup_printf ("00000000-0000-4000-8000-%012d", i);
      g_autofree char *title = g_strdup_printf ("Sync objective %d", i);

      g_ptr_array_add (mutations, objective_mutation (i, row_id, dept_a, title));
    }
  body = push_body ("client-head", mutations);
  t0 = g_get_monotonic_time ();
  request ("POST", "/api/v1/push", body, tok_head, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (&reply), "last_mutation_id"), ==, 100);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpstr (result_status (&reply, i), ==, "applied");

  /* another user's client pulls them back */
  cursor_path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT "&client_id=client-staff", cursor);
  request ("GET", cursor_path, NULL, tok_staff, &reply);
  t1 = g_get_monotonic_time ();
  g_test_message ("100-mutation push + pull: %.1f ms", (t1 - t0) / 1000.0);
  g_assert_cmpuint (reply.status, ==, 200);
  changes = json_object_get_array_member (obj (&reply), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 100);
  g_assert_false (json_object_get_boolean_member (obj (&reply), "has_more"));
  g_assert_cmpint (json_object_get_int_member (obj (&reply), "last_mutation_id"), ==, 0);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *row = json_array_get_object_element (changes, i);
      JsonObject *fields = json_object_get_object_member (row, "fields");

      g_assert_cmpstr (json_object_get_string_member (row, "entity"), ==, "objective");
      g_assert_cmpstr (json_object_get_string_member (row, "scope"), ==, dept_a);
      g_assert_cmpstr (json_object_get_string_member (row, "updated_by"), ==, "head-a");
      g_assert_cmpint (json_object_get_int_member (row, "version"), >, cursor);
      if (g_str_equal (json_object_get_string_member (row, "id"), "00000000-0000-4000-8000-000000000001"))
        {
          found_first = TRUE;
          g_assert_cmpstr (json_object_get_string_member (fields, "title"), ==, "Sync objective 1");
          g_assert_cmpstr (json_object_get_string_member (fields, "department_id"), ==, dept_a);
        }
    }
  g_assert_true (found_first);
  cursor = json_object_get_int_member (obj (&reply), "cursor");

  /* an update, then pulled: the row once, in its latest state */
  {
    g_autofree char *update = g_strdup_printf (
      "{\"client_id\":\"client-head\",\"mutations\":["
      "{\"id\":101,\"name\":\"objective.update\",\"base_version\":0,"
      "\"args\":{\"id\":\"00000000-0000-4000-8000-000000000001\",\"title\":\"Renamed once\"}},"
      "{\"id\":102,\"name\":\"objective.update\",\"base_version\":0,"
      "\"args\":{\"id\":\"00000000-0000-4000-8000-000000000001\",\"title\":\"Renamed twice\"}}]}");
    g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT, cursor);

    request ("POST", "/api/v1/push", update, tok_head, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (result_status (&reply, 1), ==, "applied");
    request ("GET", path, NULL, tok_staff, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    changes = json_object_get_array_member (obj (&reply), "changes");
    g_assert_cmpuint (json_array_get_length (changes), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (json_array_get_object_element (changes, 0), "fields"),
                       "title"), ==, "Renamed twice");
  }
}

static void
test_card_move (void)
{
  g_autofree char *card = db_text ("SELECT id FROM card WHERE deleted = 0 ORDER BY id LIMIT 1");
  g_autofree char *column = NULL;
  g_autofree char *body = NULL;
  g_autofree char *sql = NULL;
  g_auto(Reply) reply = { 0 };
  gint64 log = db_int ("SELECT max(seq) FROM change_log");

  *strchr (card, '|') = '\0';
  sql = g_strdup_printf ("SELECT id FROM board_column WHERE deleted = 0 AND id <> (SELECT column_id FROM card WHERE id = '%s') ORDER BY id LIMIT 1", card);
  column = db_text (sql);
  *strchr (column, '|') = '\0';

  /* a custom mutation: the card and its history row, in one transaction */
  body = g_strdup_printf ("{\"client_id\":\"client-admin\",\"mutations\":[{\"id\":1,\"name\":\"card.move\",\"base_version\":0,"
                          "\"args\":{\"id\":\"%s\",\"column_id\":\"%s\",\"rank\":\"zz\","
                          "\"event_id\":\"00000000-0000-4000-8000-0000000c0001\",\"at\":\"2026-12-06T08:00:00Z\"}}]}",
                          card, column);
  request ("POST", "/api/v1/push", body, tok_admin, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (result_status (&reply, 0), ==, "applied");
  g_free (sql);
  sql = g_strdup_printf ("SELECT column_id FROM card WHERE id = '%s'", card);
  {
    g_autofree char *now = db_text (sql);
    g_autofree char *expected = g_strdup_printf ("%s|\n", column);

    g_assert_cmpstr (now, ==, expected);
  }
  g_free (sql);
  sql = g_strdup_printf ("SELECT entity FROM change_log WHERE seq > %" G_GINT64_FORMAT " ORDER BY entity", log);
  {
    g_autofree char *entities = db_text (sql);

    g_assert_cmpstr (entities, ==, "card|\ncard_event|\n");
  }

  /* staff may not touch the board's columns */
  body = g_strdup_printf ("{\"client_id\":\"client-staff\",\"mutations\":[{\"id\":6,\"name\":\"board_column.update\",\"base_version\":0,"
                          "\"args\":{\"id\":\"%s\",\"name\":\"Mine\"}}]}", column);
  request ("POST", "/api/v1/push", body, tok_staff, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (result_status (&reply, 0), ==, "refused");
}

static void
test_replay_and_gap (void)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_auto(Reply) reply = { 0 };
  gint64 objectives = db_int ("SELECT count(*) FROM objective");

  /* 101, 102 were applied: a retry of 101..103 applies only 103 */
  g_ptr_array_add (mutations, g_strdup ("{\"id\":101,\"name\":\"objective.update\",\"base_version\":0,"
                                        "\"args\":{\"id\":\"00000000-0000-4000-8000-000000000001\",\"title\":\"Renamed once\"}}"));
  g_ptr_array_add (mutations, g_strdup ("{\"id\":102,\"name\":\"objective.update\",\"base_version\":0,"
                                        "\"args\":{\"id\":\"00000000-0000-4000-8000-000000000001\",\"title\":\"Renamed twice\"}}"));
  g_ptr_array_add (mutations, objective_mutation (103, "00000000-0000-4000-8000-000000000103", dept_a, "Third"));
  body = push_body ("client-head", mutations);
  request ("POST", "/api/v1/push", body, tok_head, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (result_status (&reply, 0), ==, "duplicate");
  g_assert_cmpstr (result_status (&reply, 1), ==, "duplicate");
  g_assert_cmpstr (result_status (&reply, 2), ==, "applied");
  g_assert_cmpint (db_int ("SELECT count(*) FROM objective"), ==, objectives + 1);

  /* the same request again: all duplicates, nothing twice */
  before = dump_data ();
  request ("POST", "/api/v1/push", body, tok_head, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (result_status (&reply, 2), ==, "duplicate");
  g_assert_cmpint (json_object_get_int_member (obj (&reply), "last_mutation_id"), ==, 103);
  after = dump_data ();
  g_assert_cmpstr (before, ==, after);

  /* a gap: 409 with what is expected, nothing changed */
  {
    g_autofree char *gap = objective_mutation (105, "00000000-0000-4000-8000-000000000105", dept_a, "Gap");
    g_autofree char *gap_body = g_strdup_printf ("{\"client_id\":\"client-head\",\"mutations\":[%s]}", gap);
    g_autofree char *after_gap = NULL;

    request ("POST", "/api/v1/push", gap_body, tok_head, &reply);
    assert_error (&reply, 409, "mutation_gap", NULL);
    g_assert_cmpint (json_object_get_int_member (obj (&reply), "expected"), ==, 104);
    after_gap = dump_data ();
    g_assert_cmpstr (before, ==, after_gap);
  }
}

static void
test_refused (void)
{
  g_autofree char *before_log = NULL, *after_log = NULL;
  g_auto(Reply) reply = { 0 };
  gint64 objectives, log;
  g_autofree char *owner_body = g_strdup_printf ("{\"client_id\":\"client-owner\",\"mutations\":[{\"id\":1,\"name\":\"objective.update\","
                                                 "\"base_version\":0,\"args\":{\"id\":\"00000000-0000-4000-8000-000000000002\",\"owner_id\":\"%s\"}}]}",
                                                 staff_a);
  g_autofree char *m1 = objective_mutation (1, "00000000-0000-4000-8000-00000000b001", dept_b, "Not mine");
  g_autofree char *m2 = g_strdup_printf ("{\"id\":2,\"name\":\"objective.create\",\"base_version\":0,"
                                         "\"args\":{\"id\":\"00000000-0000-4000-8000-00000000b002\",\"cycle_id\":\"%s\","
                                         "\"level\":\"department\",\"title\":\"\",\"department_id\":\"%s\",\"status\":\"active\"}}",
                                         cycle_id, dept_a);
  g_autofree char *m3 = g_strdup_printf ("{\"id\":3,\"name\":\"department.update\",\"base_version\":0,"
                                         "\"args\":{\"id\":\"%s\",\"name\":\"Renamed by staff\"}}", dept_a);
  g_autofree char *m4 = g_strdup ("{\"id\":4,\"name\":\"objective.update\",\"base_version\":0,"
                                  "\"args\":{\"id\":\"00000000-0000-4000-8000-000000000002\",\"title\":\"Staff edit\"}}");
  g_autofree char *m5 = g_strdup ("{\"id\":5,\"name\":\"no_such.create\",\"base_version\":0,\"args\":{}}");
  g_autofree char *body = g_strdup_printf ("{\"client_id\":\"client-staff\",\"mutations\":[%s,%s,%s,%s,%s]}",
                                           m1, m2, m3, m4, m5);

  /* staff-a owns objective 2 (the admin says so) */
  request ("POST", "/api/v1/push", owner_body, tok_admin, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (result_status (&reply, 0), ==, "applied");
  objectives = db_int ("SELECT count(*) FROM objective");
  log = db_int ("SELECT count(*) FROM change_log");

  request ("POST", "/api/v1/push", body, tok_staff, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (result_status (&reply, 0), ==, "refused");   /* another department */
  g_assert_cmpstr (result_status (&reply, 1), ==, "refused");   /* invalid: empty title */
  g_assert_cmpstr (result_status (&reply, 2), ==, "refused");   /* staff may not rename departments */
  g_assert_cmpstr (result_status (&reply, 3), ==, "applied");   /* own objective */
  g_assert_cmpstr (result_status (&reply, 4), ==, "refused");   /* unknown */
  g_assert_cmpint (json_object_get_int_member (obj (&reply), "last_mutation_id"), ==, 5);
  g_assert_cmpint (db_int ("SELECT count(*) FROM objective"), ==, objectives);
  g_assert_cmpint (db_int ("SELECT count(*) FROM change_log"), ==, log + 1);
  g_assert_cmpint (db_int ("SELECT last_mutation_id FROM client_state WHERE client_id = 'client-staff'"), ==, 5);
  {
    JsonArray *results = json_object_get_array_member (obj (&reply), "results");

    for (guint i = 0; i < 5; i++)
      if (i != 3)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, i), "reason"), !=, "");
  }

  /* the head of another department may not touch dept_a, HR may not write OKRs */
  {
    g_autofree char *m = g_strdup ("{\"client_id\":\"client-other\",\"mutations\":[{\"id\":1,\"name\":\"objective.update\","
                                   "\"base_version\":0,\"args\":{\"id\":\"00000000-0000-4000-8000-000000000003\",\"title\":\"x\"}}]}");
    g_autofree char *h = g_strdup ("{\"client_id\":\"client-hr\",\"mutations\":[{\"id\":1,\"name\":\"objective.update\","
                                   "\"base_version\":0,\"args\":{\"id\":\"00000000-0000-4000-8000-000000000003\",\"title\":\"x\"}}]}");

    before_log = dump_data ();
    request ("POST", "/api/v1/push", m, tok_other_head, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (result_status (&reply, 0), ==, "refused");
    request ("POST", "/api/v1/push", h, tok_hr, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (result_status (&reply, 0), ==, "refused");
    after_log = db_text ("SELECT * FROM objective ORDER BY id");
    g_assert_nonnull (strstr (before_log, after_log));
  }
}

static void
test_hostile (void)
{
  g_autofree char *before = dump_data ();
  g_autofree char *after = NULL;
  g_auto(Reply) reply = { 0 };
  g_autoptr(GString) many = g_string_new ("{\"client_id\":\"c\",\"mutations\":[");
  g_autoptr(GString) huge = g_string_new ("{\"client_id\":\"c\",\"mutations\":[{\"id\":1,\"name\":\"x.create\",\"base_version\":0,\"args\":{\"t\":\"");

  for (int i = 1; i <= 501; i++)
    g_string_append_printf (many, "%s{\"id\":%d,\"name\":\"x.create\",\"base_version\":0,\"args\":{}}", i > 1 ? "," : "", i);
  g_string_append (many, "]}");
  request ("POST", "/api/v1/push", many->str, tok_admin, &reply);
  assert_error (&reply, 400, "invalid_field", "mutations");

  for (int i = 0; i < 1100 * 1024; i++)
    g_string_append_c (huge, 'a');
  g_string_append (huge, "\"}}]}");
  {
    /* with Expect: 100-continue the 413 comes before the body is sent */
    g_autofree char *uri = g_strconcat (zts->base, "/api/v1/push", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
    g_autoptr(GBytes) bytes = g_bytes_new (huge->str, huge->len);
    g_autofree char *header = g_strconcat ("Bearer ", tok_admin, NULL);
    g_autoptr(GBytes) answer = NULL;

    soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    soup_message_headers_set_expectations (soup_message_get_request_headers (msg), SOUP_EXPECTATION_CONTINUE);
    answer = soup_session_send_and_read (session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
  }

  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":[]}", NULL, &reply);
  assert_error (&reply, 401, "unauthorized", NULL);
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\"}", tok_admin, &reply);
  assert_error (&reply, 400, "missing_field", "mutations");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":[],\"x\":1}", tok_admin, &reply);
  assert_error (&reply, 400, "unknown_field", "x");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":{}}", tok_admin, &reply);
  assert_error (&reply, 400, "invalid_field", "mutations");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":[{\"id\":1.5,\"name\":\"a.b\",\"base_version\":0,\"args\":{}}]}", tok_admin, &reply);
  assert_error (&reply, 400, "invalid_field", "mutations[0].id");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":[{\"id\":1,\"name\":\"a.b\",\"base_version\":0,\"args\":{}},"
                                   "{\"id\":3,\"name\":\"a.b\",\"base_version\":0,\"args\":{}}]}", tok_admin, &reply);
  assert_error (&reply, 400, "invalid_field", "mutations[1].id");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":[{\"id\":1,\"name\":\"a.b\",\"base_version\":0,\"args\":[]}]}", tok_admin, &reply);
  assert_error (&reply, 400, "invalid_field", "mutations[0].args");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":[{\"id\":1,\"name\":\"a.b\",\"args\":{}}]}", tok_admin, &reply);
  assert_error (&reply, 400, "missing_field", "mutations[0].base_version");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"mutations\":[{\"id\":1,\"name\":\"a.b\",\"base_version\":0,\"args\":{},\"z\":0}]}", tok_admin, &reply);
  assert_error (&reply, 400, "unknown_field", "mutations[0].z");
  request ("POST", "/api/v1/push", "{\"client_id\":\"c\",\"client_id\":\"d\",\"mutations\":[]}", tok_admin, &reply);
  assert_error (&reply, 400, "invalid_json", NULL);
  request ("POST", "/api/v1/push", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", tok_admin, &reply);
  assert_error (&reply, 400, "invalid_json", NULL);
  {
    g_autofree char *uri = g_strconcat (zts->base, "/api/v1/push", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
    g_autoptr(GBytes) bytes = g_bytes_new_static ("{}", 2);
    g_autofree char *header = g_strconcat ("Bearer ", tok_admin, NULL);
    g_autoptr(GBytes) answer = NULL;

    soup_message_set_request_body_from_bytes (msg, "text/plain", bytes);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    answer = soup_session_send_and_read (session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 415);
  }
  request ("GET", "/api/v1/push", NULL, tok_admin, &reply);
  assert_error (&reply, 405, "method_not_allowed", NULL);

  /* pull */
  request ("GET", "/api/v1/pull?cursor=99999999", NULL, tok_admin, &reply);
  assert_error (&reply, 410, "resync_required", NULL);
  request ("GET", "/api/v1/pull?cursor=-1", NULL, tok_admin, &reply);
  assert_error (&reply, 410, "resync_required", NULL);
  request ("GET", "/api/v1/pull?cursor=abc", NULL, tok_admin, &reply);
  assert_error (&reply, 410, "resync_required", NULL);
  request ("GET", "/api/v1/pull?cursor=0&limit=501", NULL, tok_admin, &reply);
  assert_error (&reply, 400, "invalid_field", "limit");
  request ("GET", "/api/v1/pull?cursor=0&limit=0", NULL, tok_admin, &reply);
  assert_error (&reply, 400, "invalid_field", "limit");
  request ("GET", "/api/v1/pull?cursor=0", NULL, "not-a-token", &reply);
  assert_error (&reply, 401, "unauthorized", NULL);

  after = dump_data ();
  g_assert_cmpstr (before, ==, after);
}

static void
test_pull_paging (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 cursor = 0;
  guint pages = 0;
  gint64 distinct = db_int ("SELECT count(*) FROM (SELECT DISTINCT entity, row_id FROM change_log)");

  for (int i = 0; i < 10000; i++)
    {
      g_auto(Reply) reply = { 0 };
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT "&limit=500&client_id=client-head", cursor);
      JsonArray *changes;

      request ("GET", path, NULL, tok_admin, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
      pages++;
      changes = json_object_get_array_member (obj (&reply), "changes");
      g_assert_cmpuint (json_array_get_length (changes), <=, 500);
      g_assert_cmpint (json_object_get_int_member (obj (&reply), "last_mutation_id"), ==, 103);
      for (guint j = 0; j < json_array_get_length (changes); j++)
        {
          JsonObject *row = json_array_get_object_element (changes, j);
          g_autofree char *key = g_strdup_printf ("%s/%s", json_object_get_string_member (row, "entity"),
                                                  json_object_get_string_member (row, "id"));

          g_assert_true (g_hash_table_add (seen, g_steal_pointer (&key)));
        }
      g_assert_cmpint (json_object_get_int_member (obj (&reply), "cursor"), >=, cursor);
      cursor = json_object_get_int_member (obj (&reply), "cursor");
      if (!json_object_get_boolean_member (obj (&reply), "has_more"))
        break;
    }
  g_assert_cmpuint (pages, >, 1);
  g_assert_cmpint (g_hash_table_size (seen), ==, distinct);
  g_assert_cmpint (cursor, ==, db_int ("SELECT max(seq) FROM change_log"));

  /* staff do not see evaluations; admins do */
  {
    gint64 evaluations = db_int ("SELECT count(*) FROM evaluation WHERE scope <> ifnull((SELECT department_id FROM account WHERE name = 'staff-a'), '')");
    gint64 staff_rows = 0;

    staff_rows = bootstrap_all (tok_staff, 0, NULL, NULL, NULL);
    g_assert_cmpint (staff_rows, ==, db_int ("SELECT count(*) FROM (SELECT DISTINCT entity, row_id FROM change_log)") -
                                     db_int ("SELECT count(*) FROM evaluation"));
    (void) evaluations;
  }
}

/* One mutation pushed by @client; returns its result object (owned by @reply) */
static JsonObject *
push_one (const char *token,
          const char *client,
          gint64      id,
          const char *name,
          gint64      base_version,
          const char *args,
          Reply      *reply)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":[{\"id\":%" G_GINT64_FORMAT
                                           ",\"name\":\"%s\",\"base_version\":%" G_GINT64_FORMAT ",\"args\":%s}]}",
                                           client, id, name, base_version, args);

  request ("POST", "/api/v1/push", body, token, reply);
  g_assert_cmpuint (reply->status, ==, 200);
  return json_array_get_object_element (json_object_get_array_member (obj (reply), "results"), 0);
}

static void
assert_title_conflict (JsonObject *result,
                       const char *row_id,
                       const char *yours,
                       const char *theirs,
                       const char *by)
{
  JsonArray *conflicts = json_object_get_array_member (result, "conflicts");
  JsonObject *conflict;
  g_autoptr(GDateTime) at = NULL;

  g_assert_nonnull (conflicts);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  conflict = json_array_get_object_element (conflicts, 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "entity"), ==, "objective");
  g_assert_cmpstr (json_object_get_string_member (conflict, "id"), ==, row_id);
  g_assert_cmpstr (json_object_get_string_member (conflict, "field"), ==, "title");
  g_assert_cmpstr (json_object_get_string_member (conflict, "yours"), ==, yours);
  g_assert_cmpstr (json_object_get_string_member (conflict, "theirs"), ==, theirs);
  g_assert_cmpstr (json_object_get_string_member (conflict, "by"), ==, by);
  at = g_date_time_new_from_iso8601 (json_object_get_string_member (conflict, "at"), NULL);
  g_assert_nonnull (at);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (conflict, "at"), "Z"));
}

static void
test_conflicts (void)
{
  const char *row = "00000000-0000-4000-8000-00000000c001";
  g_autofree char *create = g_strdup_printf ("{\"id\":\"%s\",\"cycle_id\":\"%s\",\"level\":\"department\","
                                             "\"title\":\"Base\",\"description\":\"Base text\",\"department_id\":\"%s\",\"status\":\"active\"}",
                                             row, cycle_id, dept_a);
  g_autofree char *mine = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Mine\",\"status\":\"closed\"}", row);
  g_autofree char *theirs = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Theirs\"}", row);
  g_autofree char *sql = g_strdup_printf ("SELECT title, status, description FROM objective WHERE id = '%s'", row);
  g_autofree char *version_sql = g_strdup_printf ("SELECT version FROM objective WHERE id = '%s'", row);
  g_autofree char *state = NULL;
  g_auto(Reply) reply = { 0 };
  JsonObject *result;
  gint64 base_version;

  result = push_one (tok_head, "client-c1", 1, "objective.create", 0, create, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_false (json_object_has_member (result, "conflicts"));
  base_version = db_int (version_sql);

  /* the admin renames it, from another computer */
  result = push_one (tok_admin, "client-c2", 1, "objective.update", base_version, theirs, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  g_assert_false (json_object_has_member (result, "conflicts"));

  /* the head, offline since the create, renames it and closes it: the
   * title conflicts (theirs kept), the status applies */
  result = push_one (tok_head, "client-c1", 2, "objective.update", base_version, mine, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  assert_title_conflict (result, row, "Mine", "Theirs", "admin");
  state = db_text (sql);
  g_assert_cmpstr (state, ==, "Theirs|closed|Base text|\n");
  g_clear_pointer (&state, g_free);

  /* the answer was lost: the replay says the same */
  result = push_one (tok_head, "client-c1", 2, "objective.update", base_version, mine, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "duplicate");
  assert_title_conflict (result, row, "Mine", "Theirs", "admin");

  /* only free text conflicts: an older base changing the description (which
   * nobody else touched) and writing the title it already has applies */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Theirs\",\"description\":\"New text\"}", row);

    result = push_one (tok_head, "client-c1", 3, "objective.update", base_version, args, &reply);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
    g_assert_false (json_object_has_member (result, "conflicts"));
    state = db_text (sql);
    g_assert_cmpstr (state, ==, "Theirs|closed|New text|\n");
    g_clear_pointer (&state, g_free);
  }

  /* a conflict alone changes no row */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Mine again\"}", row);
    g_autofree char *rows_before = db_text ("SELECT * FROM objective ORDER BY id");
    g_autofree char *log_before = db_text ("SELECT * FROM change_log ORDER BY seq");
    g_autofree char *rows_after = NULL, *log_after = NULL;

    result = push_one (tok_head, "client-c1", 4, "objective.update", base_version, args, &reply);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
    assert_title_conflict (result, row, "Mine again", "Theirs", "admin");
    rows_after = db_text ("SELECT * FROM objective ORDER BY id");
    log_after = db_text ("SELECT * FROM change_log ORDER BY seq");
    g_assert_cmpstr (rows_before, ==, rows_after);
    g_assert_cmpstr (log_before, ==, log_after);
  }

  /* based on the current version: no conflict, the title is written */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Mine at last\"}", row);

    result = push_one (tok_head, "client-c1", 5, "objective.update", db_int (version_sql), args, &reply);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
    g_assert_false (json_object_has_member (result, "conflicts"));
    state = db_text (sql);
    g_assert_cmpstr (state, ==, "Mine at last|closed|New text|\n");
    g_clear_pointer (&state, g_free);
  }

  /* one's own earlier changes never conflict */
  {
    g_autofree char *args = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Mine, later\"}", row);
    gint64 own_base = db_int (version_sql);
    g_autofree char *args2 = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"Mine, later still\"}", row);

    result = push_one (tok_head, "client-c1", 6, "objective.update", own_base, args, &reply);
    g_assert_false (json_object_has_member (result, "conflicts"));
    result = push_one (tok_head, "client-c1", 7, "objective.update", own_base, args2, &reply);
    g_assert_false (json_object_has_member (result, "conflicts"));
  }
  g_assert_cmpint (db_int ("SELECT count(*) FROM conflict WHERE client_id = 'client-c1'"), ==, 2);
}

static void
test_rules (void)
{
  g_auto(Reply) reply = { 0 };
  JsonObject *result;
  const char *a = "00000000-0000-4000-8000-00000000d001";
  const char *b = "00000000-0000-4000-8000-00000000d002";
  g_autofree char *create_a = g_strdup_printf ("{\"id\":\"%s\",\"cycle_id\":\"%s\",\"level\":\"department\","
                                               "\"title\":\"A\",\"department_id\":\"%s\",\"status\":\"active\"}",
                                               a, cycle_id, dept_a);
  g_autofree char *create_b = g_strdup_printf ("{\"id\":\"%s\",\"cycle_id\":\"%s\",\"level\":\"department\","
                                               "\"title\":\"B\",\"department_id\":\"%s\",\"status\":\"active\","
                                               "\"parent_objective_id\":\"%s\"}",
                                               b, cycle_id, dept_a, a);
  g_autofree char *cycle = g_strdup_printf ("{\"id\":\"%s\",\"parent_objective_id\":\"%s\"}", a, b);
  g_autofree char *remove = g_strdup_printf ("{\"id\":\"%s\"}", b);
  g_autofree char *edit = g_strdup_printf ("{\"id\":\"%s\",\"title\":\"B renamed\"}", b);
  g_autofree char *before = NULL, *after = NULL;

  result = push_one (tok_head, "client-rules", 1, "objective.create", 0, create_a, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  result = push_one (tok_head, "client-rules", 2, "objective.create", 0, create_b, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");

  /* re-parenting into a cycle: refused, nothing changed */
  before = db_text ("SELECT o.*, (SELECT count(*) FROM change_log) FROM objective o ORDER BY id");
  result = push_one (tok_head, "client-rules", 3, "objective.update", 0, cycle, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "refused");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "reason"), "cannot be aligned under itself"));
  after = db_text ("SELECT o.*, (SELECT count(*) FROM change_log) FROM objective o ORDER BY id");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (db_int ("SELECT last_mutation_id FROM client_state WHERE client_id = 'client-rules'"), ==, 3);

  /* an edit of a deleted row: refused, and the reason says so */
  result = push_one (tok_admin, "client-rules-admin", 1, "objective.delete", 0, remove, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
  result = push_one (tok_head, "client-rules", 4, "objective.update", 0, edit, &reply);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "refused");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "reason"), "was deleted"));
}

static void
test_tombstones (void)
{
  g_auto(Reply) reply = { 0 };
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  const char *row = "00000000-0000-4000-8000-00000000d002";   /* deleted in test_rules */
  g_autofree char *log_sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE row_id = '%s'", row);
  gint64 old_cursor = db_int ("SELECT max(seq) FROM change_log") - 1;
  gint64 rows_before = db_int ("SELECT count(*) FROM objective");
  g_autofree char *path = NULL;

  g_assert_cmpint (db_int (log_sql), >, 0);

  /* not old enough: nothing removed */
  g_assert_cmpint (run_cli (NULL, &err, "purge-tombstones", NULL), ==, 0);
  g_assert_cmpint (db_int ("SELECT count(*) FROM objective"), ==, rows_before);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "purge-tombstones", "--days", "-1", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "user", "list", "--days", "3", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--days is only for"));
  g_clear_pointer (&err, g_free);

  /* a pull from an old cursor works before the purge */
  path = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT, old_cursor);
  request ("GET", path, NULL, tok_admin, &reply);
  g_assert_cmpuint (reply.status, ==, 200);

  /* --days 0: every tombstone nobody refers to goes, with its log */
  g_assert_cmpint (run_cli (NULL, &err, "purge-tombstones", "--days", "0", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (db_int (log_sql), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM objective WHERE id = '%s'", row);

    g_assert_cmpint (db_int (sql), ==, 0);
  }
  g_assert_cmpint (db_int ("SELECT count(*) FROM objective"), <, rows_before);
  g_assert_cmpint (db_int ("SELECT value FROM server_state WHERE key = 'purge_horizon'"), >, old_cursor);
  {
    g_autofree char *check = db_text ("PRAGMA foreign_key_check");

    g_assert_cmpstr (check, ==, "");
  }

  /* older cursors must bootstrap again; the bootstrap's cursor pulls */
  request ("GET", path, NULL, tok_admin, &reply);
  assert_error (&reply, 410, "resync_required", NULL);
  request ("GET", "/api/v1/pull?cursor=0", NULL, tok_admin, &reply);
  assert_error (&reply, 410, "resync_required", NULL);
  {
    gint64 cursor = -1;
    g_autofree char *fresh = NULL;
    gint64 rows = bootstrap_all (tok_admin, 0, NULL, &cursor, NULL);
    gint64 all = 0;

    for (guint i = 0; i < zx_schema_n_entities (); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", zx_schema_entity_at (i)->table);

        all += db_int (sql);
      }
    g_assert_cmpint (rows, ==, all);
    fresh = g_strdup_printf ("/api/v1/pull?cursor=%" G_GINT64_FORMAT, cursor);
    request ("GET", fresh, NULL, tok_admin, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
  }
  (void) out;
}

/* SIGKILL during a stream of pushes ---------------------------------------- */

typedef struct
{
  GPid  pid;
  guint delay_ms;
} Killer;

static gpointer
killer_thread (gpointer data)
{
  Killer *killer = data;

  g_usleep (killer->delay_ms * 1000);
  kill (killer->pid, SIGKILL);
  return NULL;
}

static void
test_crash (void)
{
  gint64 acknowledged = db_int ("SELECT ifnull(max(last_mutation_id), 0) FROM client_state WHERE client_id = 'client-crash'");
  const guint delays[] = { 40, 90, 150 };

  for (guint round = 0; round < G_N_ELEMENTS (delays); round++)
    {
      Killer killer;
      GThread *thread;
      gint64 next = acknowledged + 1;
      gint64 last;
      g_autofree char *check = NULL;

      killer.pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (zts->process), NULL, 10);
      killer.delay_ms = delays[round];
      thread = g_thread_new ("killer", killer_thread, &killer);

      /* pushes of 5 creates each, until the server is gone (bounded) */
      for (int i = 0; i < 2000; i++)
        {
          g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *body = NULL;
          g_auto(Reply) reply = { 0 };

          for (gint64 id = next; id < next + 5; id++)
            {
              g_autofree char *row_id = g_strdup_printf ("00000000-0000-4000-9000-%012" G_GINT64_MODIFIER "d", id);

              /* an explicit short rank: appending without one lengthens
               * the rank key each time, until it is refused as too long */
              g_ptr_array_add (mutations, g_strdup_printf (
                "{\"id\":%" G_GINT64_FORMAT ",\"name\":\"objective.create\",\"base_version\":0,"
                "\"args\":{\"id\":\"%s\",\"cycle_id\":\"%s\",\"level\":\"department\",\"rank\":\"c%06" G_GINT64_MODIFIER "dV\","
                "\"title\":\"Crash test\",\"department_id\":\"%s\",\"status\":\"active\"}}",
                id, row_id, cycle_id, id, dept_a));
            }
          body = push_body ("client-crash", mutations);
          request ("POST", "/api/v1/push", body, tok_head, &reply);
          if (reply.status != 200)
            break;
          acknowledged = json_object_get_int_member (obj (&reply), "last_mutation_id");
          g_assert_cmpint (acknowledged, ==, next + 4);
          for (guint k = 0; k < 5; k++)
            if (!g_str_equal (result_status (&reply, k), "applied"))
              {
                JsonObject *result = json_array_get_object_element (json_object_get_array_member (obj (&reply), "results"), k);

                g_test_message ("mutation %" G_GINT64_FORMAT ": %s %s", json_object_get_int_member (result, "id"),
                                json_object_get_string_member (result, "status"),
                                json_object_has_member (result, "reason") ? json_object_get_string_member (result, "reason") : "");
                g_assert_not_reached ();
              }
          next += 5;
        }
      g_thread_join (thread);
      g_subprocess_wait (zts->process, NULL, NULL);
      g_clear_object (&zts->process);
      g_clear_pointer (&zts->base, g_free);

      /* nothing acknowledged is lost, nothing is there twice */
      check = db_text ("PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok|\n");
      last = db_int ("SELECT last_mutation_id FROM client_state WHERE client_id = 'client-crash'");
      g_assert_cmpint (last, >=, acknowledged);
      g_assert_cmpint (last, <=, acknowledged + 5);
      g_assert_cmpint (db_int ("SELECT count(*) FROM objective WHERE title = 'Crash test'"), ==, last);
      g_assert_cmpint (db_int ("SELECT count(*) FROM change_log c JOIN objective o ON o.id = c.row_id WHERE o.title = 'Crash test'"), ==, last);
      g_test_message ("round %u: %" G_GINT64_FORMAT " acknowledged, %" G_GINT64_FORMAT " on disk", round, acknowledged, last);
      acknowledged = last;

      server_start ();
    }
}

/* Setup ---------------------------------------------------------------------- */

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autofree char *desktop_path = g_build_filename (tmpdir, "desktop.db", NULL);
  g_autofree char *export_path = g_build_filename (tmpdir, "demo.json", NULL);
  g_autofree char *err = NULL;

  store = zx_store_open (desktop_path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (store, "2026-11-16", &error));
  g_assert_no_error (error);
  g_assert_true (zx_backup_export (store, export_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  demo_rows = 0;
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", zx_schema_entity_at (i)->table);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      demo_rows += sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }
  g_assert_cmpint (demo_rows, >, 1000);

  g_assert_cmpint (run_cli (NULL, &err, "import", export_path, NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  {
    g_autofree char *a = db_text ("SELECT department_id FROM objective WHERE level = 'department' GROUP BY department_id ORDER BY department_id LIMIT 2");
    g_auto(GStrv) lines = g_strsplit (a, "|\n", -1);

    g_assert_cmpuint (g_strv_length (lines), >=, 2);
    dept_a = g_strdup (lines[0]);
    dept_b = g_strdup (lines[1]);
    cycle_id = db_text ("SELECT id FROM cycle ORDER BY id LIMIT 1");
    *strchr (cycle_id, '|') = '\0';
  }

  add_user ("admin", "admin", NULL);
  add_user ("head-a", "head", dept_a);
  add_user ("staff-a", "staff", dept_a);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM staff WHERE department_id = '%s' AND deleted = 0 ORDER BY id LIMIT 1", dept_a);
    g_autofree char *link_err = NULL;

    staff_a = db_text (sql);
    *strchr (staff_a, '|') = '\0';
    g_assert_cmpint (run_cli (NULL, &link_err, "user", "link", "staff-a", "--staff", staff_a, NULL), ==, 0);
    g_assert_cmpstr (link_err, ==, "");
  }
  add_user ("head-b", "head", dept_b);
  add_user ("hr", "hr", NULL);

  server_start ();
  tok_admin = sign_in ("admin");
  tok_head = sign_in ("head-a");
  tok_staff = sign_in ("staff-a");
  tok_other_head = sign_in ("head-b");
  tok_hr = sign_in ("hr");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = zx_test_tmpdir ();
  g_assert_nonnull (tmpdir);
  zts = zx_test_server_new (tmpdir);
  session = soup_session_new_with_options ("timeout", WAIT_SECONDS, "idle-timeout", WAIT_SECONDS, NULL);

  setup ();

  g_test_add_func ("/server-sync/import", test_import);
  g_test_add_func ("/server-sync/bootstrap", test_bootstrap);
  g_test_add_func ("/server-sync/push-pull", test_push_pull);
  g_test_add_func ("/server-sync/replay-and-gap", test_replay_and_gap);
  g_test_add_func ("/server-sync/refused", test_refused);
  g_test_add_func ("/server-sync/card-move", test_card_move);
  g_test_add_func ("/server-sync/hostile", test_hostile);
  g_test_add_func ("/server-sync/pull-paging", test_pull_paging);
  g_test_add_func ("/server-sync/conflicts", test_conflicts);
  g_test_add_func ("/server-sync/rules", test_rules);
  g_test_add_func ("/server-sync/tombstones", test_tombstones);
  g_test_add_func ("/server-sync/crash", test_crash);

  status = g_test_run ();

  zx_test_server_free (zts);
  g_object_unref (session);
  zx_test_rmdir (tmpdir);
  return status;
}
