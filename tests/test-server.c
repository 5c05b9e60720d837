/* test-server.c — the real zhixing-server on 127.0.0.1, driven over HTTP
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the zhixing-server that meson built (ZHIXING_SERVER_EXE) on
 * 127.0.0.1 with port 0 and a temporary database, reads the port it prints,
 * and talks to it with SoupSession.  Every wait is bounded; the server is
 * killed at the end and its output shown with --verbose.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "zx-test-util.h"

#define WAIT_SECONDS 30
#define PASSWORD "correct horse 1"

typedef struct
{
  GSubprocess *process;
  char        *stdout_path;
  char        *stderr_path;
  char        *base;       /* http://127.0.0.1:PORT */
} Server;

/* A self-signed test certificate for 127.0.0.1 (P-256, valid until 2126) */
static const char test_certificate[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUd/WWg1GO0W5ZQXhu7RmV5m/4Jd0wCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNjA3MTkyN1oYDzIxMjYxMTEy\n"
  "MDcxOTI3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAR4sG/Akv+RecnqVLtG9dSaAw/MbkGjEiKtcN7QPVTqDxqrmJTOjFFS\n"
  "7Ke67ToMJZU0DQwzCQ+pWYuaytBXlzZXo2QwYjAdBgNVHQ4EFgQUj9uRMBbnOz8w\n"
  "fZIJjVQyiGma7hMwHwYDVR0jBBgwFoAUj9uRMBbnOz8wfZIJjVQyiGma7hMwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQDGng9qDq2+It3dc2LTV8xT7oY535w6/QtA8tvw33T/2AIgcWV7TLFs/X7lc7U4\n"
  "3ftyurxZmgUJxBVmIIkaC9YPYHw=\n"
  "-----END CERTIFICATE-----\n";
static const char test_key[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxLpStzGQW/NW+Qiq\n"
  "7IxAMYJXAy0uFtOu8Gkm50AzNLChRANCAAR4sG/Akv+RecnqVLtG9dSaAw/MbkGj\n"
  "EiKtcN7QPVTqDxqrmJTOjFFS7Ke67ToMJZU0DQwzCQ+pWYuaytBXlzZX\n"
  "-----END PRIVATE KEY-----\n";

static char *tmpdir;
static char *db_path;
static Server main_server;
static SoupSession *session;

/* Processes ------------------------------------------------------------------ */

static const char *
server_exe (void)
{
  const char *exe = g_getenv ("ZHIXING_SERVER_EXE");

  g_assert_nonnull (exe);
  return exe;
}

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs zhixing-server --database DB ARGS… with @input on stdin; the exit
 * status, and what it printed in @out and @err. */
static int
run_cli (const char  *input,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  va_list args;

  g_ptr_array_add (argv, (gpointer) server_exe ());
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, db_path);
  va_start (args, err);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, input ? input : "", NULL, communicate_cb, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  if (result == NULL)
    {
      g_subprocess_force_exit (process);
      g_error ("zhixing-server %s did not finish in %d s", (char *) argv->pdata[3], WAIT_SECONDS);
    }
  g_subprocess_communicate_utf8_finish (process, result, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static void
add_user (const char *name,
          const char *role,
          const char *department)
{
  g_autofree char *out = NULL, *err = NULL;
  int status;

  if (department != NULL)
    status = run_cli (PASSWORD "\n", &out, &err, "user", "add", name, "--role", role,
                      "--department", department, NULL);
  else
    status = run_cli (PASSWORD "\n", &out, &err, "user", "add", name, "--role", role, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
}

/* The server dies with the test, even when the test aborts (an assertion
 * once left one running) */
static void
server_child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts the server on 127.0.0.1 with a free port (and @extra_arg). */
static void
server_start (Server     *server,
              const char *extra_arg,
              const char *extra_arg2,
              const char *extra_arg3,
              const char *extra_arg4)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  static int count = 0;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  count++;
  server->stdout_path = g_strdup_printf ("%s/server-%d.out", tmpdir, count);
  server->stderr_path = g_strdup_printf ("%s/server-%d.err", tmpdir, count);
  g_subprocess_launcher_set_stdout_file_path (launcher, server->stdout_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->stderr_path);
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, server_exe (),
                                                 "--database", db_path,
                                                 "--listen", "127.0.0.1:0",
                                                 extra_arg, extra_arg2, extra_arg3, extra_arg4, NULL);
  g_assert_no_error (error);

  while (server->base == NULL && g_get_monotonic_time () < deadline)
    {
      g_autofree char *text = NULL;
      const char *line;

      if (g_file_get_contents (server->stdout_path, &text, NULL, NULL) &&
          ((line = strstr (text, "listening on http://127.0.0.1:")) != NULL ||
           (line = strstr (text, "listening on https://127.0.0.1:")) != NULL) &&
          strchr (line, '\n') != NULL)
        server->base = g_strndup (line + strlen ("listening on "),
                                  strchr (line, '\n') - line - strlen ("listening on "));
      else
        g_usleep (10 * 1000);
    }
  g_assert_nonnull (server->base);
  g_test_message ("server at %s", server->base);
}

static void
server_stop (Server *server)
{
  g_autofree char *err = NULL;

  if (server->process == NULL)
    return;
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  if (g_file_get_contents (server->stderr_path, &err, NULL, NULL) && err[0] != '\0')
    g_test_message ("server stderr:\n%s", err);
  g_clear_object (&server->process);
  g_clear_pointer (&server->stdout_path, g_free);
  g_clear_pointer (&server->stderr_path, g_free);
  g_clear_pointer (&server->base, g_free);
}

/* The server must still be running and answering. */
static void assert_healthy (void);

/* HTTP ---------------------------------------------------------------------- */

typedef struct
{
  guint       status;
  JsonNode   *root;     /* the JSON answer, NULL if none */
  SoupMessage *msg;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->root, json_node_unref);
  g_clear_object (&reply->msg);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
send_message (SoupMessage *msg,
              Reply       *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);
  const char *type;

  g_assert_no_error (error);
  reply->msg = g_object_ref (msg);
  reply->status = soup_message_get_status (msg);
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (g_strcmp0 (type, "application/json") == 0 && g_bytes_get_size (body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      reply->root = json_node_ref (json_parser_get_root (parser));
    }
}

static void
request_full (const char *method,
              const char *path,
              const char *content_type,
              const char *body,
              gssize      length,
              const char *token,
              Reply      *reply)
{
  g_autofree char *uri = g_strconcat (main_server.base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  send_message (msg, reply);
}

static void
post_json (const char *path,
           const char *body,
           Reply      *reply)
{
  request_full ("POST", path, "application/json", body, -1, NULL, reply);
}

static const char *
reply_string (Reply      *reply,
              const char *member)
{
  g_assert_nonnull (reply->root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->root));
  if (!json_object_has_member (json_node_get_object (reply->root), member) ||
      json_object_get_null_member (json_node_get_object (reply->root), member))
    return NULL;
  return json_object_get_string_member (json_node_get_object (reply->root), member);
}

/* @status with {"error": @code, "message": …} (and "field": @field) */
static void
assert_error (Reply      *reply,
              guint       status,
              const char *code,
              const char *field)
{
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (reply_string (reply, "error"), ==, code);
  g_assert_nonnull (reply_string (reply, "message"));
  g_assert_cmpstr (reply_string (reply, "field"), ==, field);
  g_test_message ("%u %s: %s", status, code, reply_string (reply, "message"));
}

static char *
sign_in (const char *name,
         const char *password,
         Reply      *reply)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);

  post_json ("/api/v1/session", body, reply);
  return reply->status == 200 ? g_strdup (reply_string (reply, "token")) : NULL;
}

static void
assert_healthy (void)
{
  g_auto(Reply) reply = { 0 };

  request_full ("GET", "/api/v1/health", NULL, NULL, 0, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (reply_string (&reply, "status"), ==, "ok");
}

/* The database ------------------------------------------------------------- */

static char *
dump_tables (void)
{
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  static const char * const queries[] = {
    "SELECT id, name, role, ifnull(department_id, '-'), password_hash, disabled, created_at FROM account ORDER BY id",
    "SELECT hash, account_id, created_at, expires_at FROM token ORDER BY hash",
  };

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s|", sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static void
expire_token (const char *token)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE token SET expires_at = 1000 WHERE hash = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

/* Cases ---------------------------------------------------------------------- */

static void
test_health (void)
{
  g_auto(Reply) reply = { 0 };

  request_full ("GET", "/api/v1/health", NULL, NULL, 0, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (reply_string (&reply, "status"), ==, "ok");
  g_assert_cmpstr (reply_string (&reply, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply.root), "schema"), ==, 3);
}

static void
test_cli (void)
{
  g_autofree char *out = NULL, *err = NULL;

  /* too short, no role, a wrong role, a duplicate, an unknown account */
  g_assert_cmpint (run_cli ("short\n", NULL, &err, "user", "add", "dora", "--role", "staff", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "at least 8 characters"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (PASSWORD "\n", NULL, &err, "user", "add", "dora", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--role"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (PASSWORD "\n", NULL, &err, "user", "add", "dora", "--role", "boss", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“boss” is not a role"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("", NULL, &err, "user", "add", "dora", "--role", "staff", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No password"));
  g_clear_pointer (&err, g_free);

  add_user ("dora", "head", "dept-icu");
  g_assert_cmpint (run_cli (PASSWORD "\n", NULL, &err, "user", "add", "dora", "--role", "staff", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already an account named “dora”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "user", "disable", "nobody", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no account named “nobody”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "user", "frobnicate", NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &out, &err, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "dora\thead\tdept-icu\tno\t-\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* linking to a staff member: without hospital data, stored as given */
  g_assert_cmpint (run_cli (NULL, NULL, &err, "user", "link", "dora", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--staff"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "user", "link", "nobody", "--staff", "E001", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no account named “nobody”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, &err, "user", "list", "--staff", "E001", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--staff is only for"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "user", "link", "dora", "--staff", "E001", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "dora\thead\tdept-icu\tno\tE001\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --listen takes an IP address and a port, nothing else */
  g_assert_cmpint (run_cli (NULL, NULL, &err, "--listen", "localhost:8443", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not an address to listen on"));
  g_clear_pointer (&err, g_free);
}

static void
test_session (void)
{
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) wrong = { 0 };
  g_auto(Reply) unknown = { 0 };
  g_auto(Reply) me = { 0 };
  g_autofree char *token = NULL;
  g_autoptr(GDateTime) expires = NULL;
  gint64 days;

  add_user ("erin", "staff", NULL);
  token = sign_in ("erin", PASSWORD, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpint (strlen (token), ==, 43);
  g_assert_cmpstr (reply_string (&reply, "role"), ==, "staff");
  g_assert_null (reply_string (&reply, "department_id"));
  g_assert_true (json_object_has_member (json_node_get_object (reply.root), "staff_id"));
  g_assert_null (reply_string (&reply, "staff_id"));
  expires = g_date_time_new_from_iso8601 (reply_string (&reply, "expires_at"), NULL);
  g_assert_nonnull (expires);
  days = (g_date_time_to_unix (expires) - g_get_real_time () / G_USEC_PER_SEC) / 86400;
  g_assert_cmpint (days, >=, 29);
  g_assert_cmpint (days, <=, 30);
  /* only the hash is kept */
  {
    g_autofree char *dump = dump_tables ();
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);

    g_assert_null (strstr (dump, token));
    g_assert_nonnull (strstr (dump, hash));
  }

  request_full ("GET", "/api/v1/whoami", NULL, NULL, 0, token, &me);
  g_assert_cmpuint (me.status, ==, 200);
  g_assert_cmpstr (reply_string (&me, "name"), ==, "erin");
  g_assert_cmpstr (reply_string (&me, "role"), ==, "staff");

  /* a wrong password and an unknown account: the same answer */
  g_assert_null (sign_in ("erin", "wrong password", &wrong));
  assert_error (&wrong, 401, "invalid_credentials", NULL);
  g_assert_null (sign_in ("nobody", PASSWORD, &unknown));
  assert_error (&unknown, 401, "invalid_credentials", NULL);
  g_assert_cmpstr (reply_string (&wrong, "message"), ==, reply_string (&unknown, "message"));
}

static void
test_whoami (void)
{
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) none = { 0 };
  g_auto(Reply) garbage = { 0 };
  g_auto(Reply) unknown = { 0 };
  g_auto(Reply) expired = { 0 };
  g_autofree char *token = NULL;

  add_user ("fred", "office", "办公室");
  token = sign_in ("fred", PASSWORD, &reply);
  g_assert_nonnull (token);
  g_assert_cmpstr (reply_string (&reply, "department_id"), ==, "办公室");

  request_full ("GET", "/api/v1/whoami", NULL, NULL, 0, NULL, &none);
  assert_error (&none, 401, "unauthorized", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (none.msg), "WWW-Authenticate"), ==, "Bearer");
  request_full ("GET", "/api/v1/whoami", NULL, NULL, 0, "not a token", &garbage);
  assert_error (&garbage, 401, "unauthorized", NULL);
  request_full ("GET", "/api/v1/whoami", NULL, NULL, 0, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &unknown);
  assert_error (&unknown, 401, "unauthorized", NULL);

  expire_token (token);
  request_full ("GET", "/api/v1/whoami", NULL, NULL, 0, token, &expired);
  assert_error (&expired, 401, "unauthorized", NULL);
}

static void
test_disable_and_passwd (void)
{
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) after = { 0 };
  g_auto(Reply) disabled = { 0 };
  g_auto(Reply) again = { 0 };
  g_auto(Reply) old_password = { 0 };
  g_auto(Reply) new_password = { 0 };
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *out = NULL;

  add_user ("gina", "hr", NULL);
  token = sign_in ("gina", PASSWORD, &reply);
  g_assert_nonnull (token);

  /* a new password ends the sessions; the old one no longer works */
  g_assert_cmpint (run_cli ("another secret\n", NULL, NULL, "user", "passwd", "gina", NULL), ==, 0);
  request_full ("GET", "/api/v1/whoami", NULL, NULL, 0, token, &after);
  assert_error (&after, 401, "unauthorized", NULL);
  g_assert_null (sign_in ("gina", PASSWORD, &old_password));
  assert_error (&old_password, 401, "invalid_credentials", NULL);
  token2 = sign_in ("gina", "another secret", &new_password);
  g_assert_nonnull (token2);

  /* disabling ends the sessions and refuses the right password */
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "user", "disable", "gina", NULL), ==, 0);
  request_full ("GET", "/api/v1/whoami", NULL, NULL, 0, token2, &disabled);
  assert_error (&disabled, 401, "unauthorized", NULL);
  g_assert_null (sign_in ("gina", "another secret", &again));
  assert_error (&again, 401, "invalid_credentials", NULL);

  g_assert_cmpint (run_cli (NULL, &out, NULL, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "gina\thr\t-\tyes\t-\n"));
}

static void
test_rate_limit (void)
{
  g_auto(Reply) limited = { 0 };
  g_auto(Reply) right = { 0 };
  g_auto(Reply) other = { 0 };
  g_autofree char *token = NULL;
  const char *retry;

  add_user ("hank", "leadership", NULL);
  for (int i = 0; i < 5; i++)
    {
      g_auto(Reply) reply = { 0 };

      g_assert_null (sign_in ("hank", "wrong password", &reply));
      assert_error (&reply, 401, "invalid_credentials", NULL);
    }

  g_assert_null (sign_in ("hank", "wrong password", &limited));
  assert_error (&limited, 429, "too_many_attempts", NULL);
  retry = soup_message_headers_get_one (soup_message_get_response_headers (limited.msg), "Retry-After");
  g_assert_nonnull (retry);
  g_assert_cmpint (atoi (retry), >, 0);
  g_assert_cmpint (atoi (retry), <=, 15 * 60);
  g_assert_nonnull (strstr (reply_string (&limited, "message"), "15 minutes"));

  /* even the right password waits; other accounts do not */
  g_assert_null (sign_in ("hank", PASSWORD, &right));
  g_assert_cmpuint (right.status, ==, 429);
  add_user ("iris", "staff", NULL);
  token = sign_in ("iris", PASSWORD, &other);
  g_assert_nonnull (token);
}

/* Hostile requests: each refused with its status, nothing written, and
 * the server still answering afterwards. */
static void
check_hostile (const char *method,
               const char *path,
               const char *content_type,
               const char *body,
               gssize      length,
               guint       status,
               const char *code,
               const char *field)
{
  g_autofree char *before = dump_tables ();
  g_autofree char *after = NULL;
  g_auto(Reply) reply = { 0 };

  request_full (method, path, content_type, body, length, NULL, &reply);
  assert_error (&reply, status, code, field);
  after = dump_tables ();
  g_assert_cmpstr (before, ==, after);
  assert_healthy ();
}

static void
test_hostile (void)
{
  g_autofree char *big = g_malloc (2 * 1024 * 1024);
  g_autofree char *deep = g_malloc (100000);
  g_auto(Reply) reply = { 0 };

  memset (big, 'a', 2 * 1024 * 1024);
  memset (deep, '[', 100000);

  check_hostile ("POST", "/api/v1/session", "application/json", big, 2 * 1024 * 1024, 413, "too_large", NULL);
  check_hostile ("POST", "/api/v1/session", "text/plain", "{\"username\":\"erin\",\"password\":\"x\"}", -1,
                 415, "unsupported_media_type", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json; charset=latin1", "{}", -1,
                 415, "unsupported_media_type", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json", "{\"username\":", -1, 400, "invalid_json", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json", "", 0, 400, "invalid_json", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json", deep, 100000, 400, "invalid_json", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"er\\u0000in\",\"password\":\"x\"}", -1, 400, "invalid_json", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"erin\0\",\"password\":\"x\"}", 33, 400, "invalid_json", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"erin\",\"password\":1e400}", -1, 400, "invalid_json", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"erin\",\"username\":\"x\",\"password\":\"y\"}", -1, 400, "invalid_json", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json", "[\"erin\"]", -1, 400, "invalid_request", NULL);
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":42,\"password\":\"x\"}", -1, 400, "invalid_field", "username");
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"erin\",\"password\":[\"x\"]}", -1, 400, "invalid_field", "password");
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"\",\"password\":\"x\"}", -1, 400, "invalid_field", "username");
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"erin\"}", -1, 400, "missing_field", "password");
  check_hostile ("POST", "/api/v1/session", "application/json",
                 "{\"username\":\"erin\",\"password\":\"x\",\"admin\":true}", -1, 400, "unknown_field", "admin");
  check_hostile ("GET", "/api/v1/nothing", NULL, NULL, 0, 404, "not_found", NULL);
  check_hostile ("GET", "/", NULL, NULL, 0, 404, "not_found", NULL);
  check_hostile ("DELETE", "/api/v1/session", NULL, NULL, 0, 405, "method_not_allowed", NULL);
  check_hostile ("POST", "/api/v1/health", "application/json", "{}", -1, 405, "method_not_allowed", NULL);

  request_full ("GET", "/api/v1/session", NULL, NULL, 0, NULL, &reply);
  assert_error (&reply, 405, "method_not_allowed", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (reply.msg), "Allow"), ==, "POST");
}

/* A body without Content-Length (chunked) is counted as it arrives */
static void
test_chunked_too_large (void)
{
  g_autofree char *uri = g_strconcat (main_server.base, "/api/v1/session", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  gsize size = 2 * 1024 * 1024;
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_malloc0 (size), size, g_free);
  g_autofree char *before = dump_tables ();
  g_autofree char *after = NULL;
  g_auto(Reply) reply = { 0 };

  soup_message_set_request_body (msg, "application/json", stream, -1);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_request_headers (msg)), ==, SOUP_ENCODING_CHUNKED);
  send_message (msg, &reply);
  assert_error (&reply, 413, "too_large", NULL);
  after = dump_tables ();
  g_assert_cmpstr (before, ==, after);
  assert_healthy ();
}

/* A connection that says nothing is closed after --idle-timeout */
static void
test_idle_timeout (void)
{
  Server server = { 0 };
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  char buffer[64];
  gssize n;
  gint64 start;

  server_start (&server, "--idle-timeout=1", NULL, NULL, NULL);
  uri = g_uri_parse (server.base, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 10);
  start = g_get_monotonic_time ();
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                           buffer, sizeof buffer, NULL, &error);
  if (error != NULL)
    g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
  else
    g_assert_cmpint (n, ==, 0);
  g_test_message ("closed after %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  server_stop (&server);
}


static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTlsCertificate *expected = user_data;

  /* self-signed: trusted because it is exactly the one we gave the server */
  return g_tls_certificate_is_same (certificate, expected);
}

/* --tls-certificate and --tls-key: HTTPS, and no plain HTTP on that port */
static void
test_tls (void)
{
  Server server = { 0 };
  g_autofree char *cert_path = g_build_filename (tmpdir, "tls.crt", NULL);
  g_autofree char *key_path = g_build_filename (tmpdir, "tls.key", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *plain_uri = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) plain = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) plain_body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (cert_path, test_certificate, -1, NULL));
  g_assert_true (g_file_set_contents (key_path, test_key, -1, NULL));
  certificate = g_tls_certificate_new_from_pem (test_certificate, -1, &error);
  g_assert_no_error (error);

  server_start (&server, "--tls-certificate", cert_path, "--tls-key", key_path);
  g_assert_true (g_str_has_prefix (server.base, "https://127.0.0.1:"));

  uri = g_strconcat (server.base, "/api/v1/health", NULL);
  msg = soup_message_new ("GET", uri);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), certificate);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "\"status\":\"ok\""));

  plain_uri = g_strconcat ("http://", server.base + strlen ("https://"), "/api/v1/health", NULL);
  plain = soup_message_new ("GET", plain_uri);
  plain_body = soup_session_send_and_read (session, plain, NULL, &error);
  g_assert_nonnull (error);
  g_test_message ("plain HTTP on the HTTPS port: %s", error->message);

  server_stop (&server);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  int *done = user_data;

  (*done)++;
}

/* Sign-ins hash on workers: the server answers /health meanwhile */
static void
test_not_blocked (void)
{
  g_autoptr(SoupSession) async_session = soup_session_new_with_options ("timeout", WAIT_SECONDS,
                                                                       "max-conns-per-host", 16, NULL);
  g_autofree char *session_uri = g_strconcat (main_server.base, "/api/v1/session", NULL);
  g_autofree char *health_uri = g_strconcat (main_server.base, "/api/v1/health", NULL);
  g_autoptr(SoupMessage) health = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  gint64 start, health_time = 0, all_time;
  int sessions_done = 0, health_done = 0;
  const int n = 8;

  start = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    {
      /* unknown accounts cost a full verification too; one name each, so
       * that the rate limiter lets them all through */
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", session_uri);
      g_autofree char *body = g_strdup_printf ("{\"username\":\"ghost%d\",\"password\":\"" PASSWORD "\"}", i);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), strlen ("{\"username\":\"ghost0\",\"password\":\"" PASSWORD "\"}"));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_session_send_and_read_async (async_session, msg, G_PRIORITY_DEFAULT, NULL, count_done_cb, &sessions_done);
    }
  /* let the sign-ins reach the server first */
  while (g_get_monotonic_time () < start + 30 * 1000)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  health = soup_message_new ("GET", health_uri);
  soup_session_send_and_read_async (async_session, health, G_PRIORITY_DEFAULT, NULL, count_done_cb, &health_done);
  while ((sessions_done < n || health_done < 1) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
      if (health_done == 1 && health_time == 0)
        health_time = g_get_monotonic_time () - start;
    }
  all_time = g_get_monotonic_time () - start;
  g_assert_cmpint (sessions_done, ==, n);
  g_assert_cmpint (health_done, ==, 1);
  g_assert_cmpuint (soup_message_get_status (health), ==, 200);
  g_test_message ("%d sign-ins took %.0f ms; /health answered after %.0f ms",
                  n, all_time / 1e3, health_time / 1e3);
  g_assert_cmpint (health_time, <, all_time);
}


/* Sign-ins under way count against the limit: a burst of wrong passwords
 * gets at most 5 verifications */
static void
test_rate_limit_burst (void)
{
  g_autoptr(SoupSession) async_session = soup_session_new_with_options ("timeout", WAIT_SECONDS,
                                                                       "max-conns-per-host", 16, NULL);
  g_autofree char *uri = g_strconcat (main_server.base, "/api/v1/session", NULL);
  static const char body[] = "{\"username\":\"kate\",\"password\":\"wrong password\"}";
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  SoupMessage *msgs[10];
  int done = 0, refused = 0, limited = 0;

  add_user ("kate", "staff", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (msgs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));

      msgs[i] = soup_message_new ("POST", uri);
      soup_message_set_request_body_from_bytes (msgs[i], "application/json", bytes);
      soup_session_send_and_read_async (async_session, msgs[i], G_PRIORITY_DEFAULT, NULL, count_done_cb, &done);
    }
  while (done < (int) G_N_ELEMENTS (msgs) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  g_assert_cmpint (done, ==, G_N_ELEMENTS (msgs));

  for (guint i = 0; i < G_N_ELEMENTS (msgs); i++)
    {
      guint status = soup_message_get_status (msgs[i]);

      g_assert_true (status == 401 || status == 429);
      refused += status == 401;
      limited += status == 429;
      g_object_unref (msgs[i]);
    }
  g_test_message ("%d verified and refused, %d limited", refused, limited);
  g_assert_cmpint (refused, >=, 1);
  g_assert_cmpint (refused, <=, 5);
  g_assert_cmpint (limited, >=, 5);
}

/* A client that goes away while its sign-in is being checked */
static void
test_client_gone (void)
{
  static const char request[] =
    "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    "Content-Length: 46\r\n\r\n{\"username\":\"ghost9\",\"password\":\"wrong pass\"} ";
  g_autoptr(GUri) uri = g_uri_parse (main_server.base, G_URI_FLAGS_NONE, NULL);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GError) error = NULL;

      connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
      g_assert_no_error (error);
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                 request, strlen (request), NULL, NULL, &error);
      g_assert_no_error (error);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  g_usleep (500 * 1000);   /* the checks finish with nobody to answer */
  assert_healthy ();
}

/* Files that are not a server database are refused and left alone */
static void
test_foreign_files (void)
{
  g_autofree char *text_path = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *desktop_path = g_build_filename (tmpdir, "desktop.sqlite", NULL);
  g_autofree char *before = NULL, *after = NULL, *err = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = db_path;
  gsize length;

  g_assert_true (g_file_set_contents (text_path, "not a database, just some notes\n", -1, NULL));
  db_path = text_path;
  g_assert_cmpint (run_cli (NULL, NULL, &err, "user", "list", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not a Zhixing server database"));
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (text_path, &after, &length, NULL));
  g_assert_cmpstr (after, ==, "not a database, just some notes\n");

  store = zx_store_open (desktop_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  db_path = desktop_path;
  g_assert_cmpint (run_cli (NULL, NULL, &err, "user", "list", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not a Zhixing server database"));

  db_path = g_steal_pointer (&saved);
}

/* A server file of schema 2 (accounts, tokens, change log) is copied and
 * migrated to schema 3 when opened; its accounts stay. */
static void
test_migrate_v2 (void)
{
  g_autofree char *old_path = g_build_filename (tmpdir, "v2.sqlite", NULL);
  g_autofree char *saved = db_path;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean copied = FALSE;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  static const char *v2 =
    "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " role TEXT NOT NULL CHECK (role IN ('admin', 'leadership', 'office', 'hr', 'head', 'staff')),"
    " department_id TEXT, password_hash TEXT NOT NULL,"
    " disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)), created_at INTEGER NOT NULL);"
    "CREATE TABLE token (hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
    " created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);"
    "CREATE INDEX token_account ON token (account_id);"
    "CREATE INDEX token_expires ON token (expires_at);"
    "CREATE TABLE change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, row_id TEXT NOT NULL,"
    " scope TEXT NOT NULL, op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')), at INTEGER NOT NULL,"
    " account_id INTEGER REFERENCES account (id));"
    "CREATE INDEX change_log_row ON change_log (entity, row_id);"
    "CREATE TABLE client_state (client_id TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account (id),"
    " last_mutation_id INTEGER NOT NULL CHECK (last_mutation_id >= 0));"
    "INSERT INTO account (name, role, department_id, password_hash, created_at) VALUES ('old', 'head', 'ward-3', 'x', 1);"
    "PRAGMA application_id = 1515737942;"   /* "ZXSV" */
    "PRAGMA user_version = 2;";

  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v2, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  db_path = old_path;
  g_assert_cmpint (run_cli (NULL, &out, &err, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "old\thead\tward-3\tno\t-\n"));

  dir = g_dir_open (tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "v2.sqlite.v2-backup-"))
      copied = TRUE;
  g_assert_true (copied);

  g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                                       " (SELECT count(*) FROM sqlite_schema WHERE name IN ('field_change', 'conflict', 'server_state')),"
                                       " (SELECT count(*) FROM pragma_table_info('account') WHERE name = 'staff_id')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 3);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  db_path = g_steal_pointer (&saved);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = zx_test_tmpdir ();
  db_path = g_build_filename (tmpdir, "server.sqlite", NULL);
  session = soup_session_new_with_options ("timeout", WAIT_SECONDS, "idle-timeout", WAIT_SECONDS, NULL);

  /* the first account, made before the server runs (creates the file) */
  add_user ("admin", "admin", NULL);
  server_start (&main_server, NULL, NULL, NULL, NULL);

  g_test_add_func ("/server/health", test_health);
  g_test_add_func ("/server/cli", test_cli);
  g_test_add_func ("/server/session", test_session);
  g_test_add_func ("/server/whoami", test_whoami);
  g_test_add_func ("/server/disable-and-passwd", test_disable_and_passwd);
  g_test_add_func ("/server/rate-limit", test_rate_limit);
  g_test_add_func ("/server/hostile", test_hostile);
  g_test_add_func ("/server/chunked-too-large", test_chunked_too_large);
  g_test_add_func ("/server/idle-timeout", test_idle_timeout);
  g_test_add_func ("/server/tls", test_tls);
  g_test_add_func ("/server/not-blocked", test_not_blocked);
  g_test_add_func ("/server/rate-limit-burst", test_rate_limit_burst);
  g_test_add_func ("/server/client-gone", test_client_gone);
  g_test_add_func ("/server/foreign-files", test_foreign_files);
  g_test_add_func ("/server/migrate-v2", test_migrate_v2);

  status = g_test_run ();

  server_stop (&main_server);
  g_clear_object (&session);
  zx_test_rmdir (tmpdir);
  g_free (db_path);
  g_free (tmpdir);
  return status;
}
