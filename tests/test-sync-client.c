/* test-sync-client.c — desktops syncing with the real zhixing-server
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server (127.0.0.1, a free port) is seeded with the demo hospital;
 * each "desktop" is a database file that zx_sync_run() syncs, opened and
 * closed around every step as a restarted program would.
 */
#include "config.h"

#include <libsecret/secret.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "zx-replica.h"
#include "zx-sync-client.h"
#include "zx-test-server.h"
#include "zx-test-util.h"

static char *tmpdir;
static ZxTestServer *server;
static char *dept_a;
static char *tok_admin, *tok_admin2, *tok_head;

/* Desktops ------------------------------------------------------------------- */

static char *
desktop (const char *name)
{
  return g_strdup_printf ("%s/%s.sqlite", tmpdir, name);
}

static ZxStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  ZxStore *store = zx_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static ZxSyncReport *
sync_ok (const char *path,
         const char *token)
{
  g_autoptr(GError) error = NULL;
  ZxSyncReport *report = NULL;
  gboolean ok = zx_sync_run (path, server->base, token, NULL, NULL, NULL, &report, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (report);
  return report;
}

static char *
export_text (const char *path)
{
  g_autoptr(ZxStore) store = open_store (path);
  g_autofree char *out = g_strconcat (path, ".json", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  zx_backup_export (store, out, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  return text;
}

static char *
sql_text (const char *path,
          const char *sql)
{
  g_autoptr(ZxStore) store = open_store (path);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, c ? "|%s" : "%s", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  if (out->len > 0)
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
update (const char *path,
        const char *entity,
        const char *id,
        const char *field,
        const char *value)
{
  g_autoptr(ZxStore) store = open_store (path);
  g_autoptr(JsonObject) changes = zx_test_fields (field, value, NULL);
  g_autoptr(GError) error = NULL;

  zx_store_update (store, entity, id, changes, &error);
  g_assert_no_error (error);
}

static gint64
pending (const char *path)
{
  g_autoptr(ZxStore) store = open_store (path);

  return zx_store_queue_length (store);
}

/* Some row's id, by SQL */
static char *
pick (const char *sql)
{
  g_autofree char *seed = g_build_filename (tmpdir, "seed.sqlite", NULL);

  return sql_text (seed, sql);
}

/* Cases ------------------------------------------------------------------------ */

static void
test_bootstrap (void)
{
  g_autofree char *a = desktop ("boot-a");
  g_autofree char *b = desktop ("boot-b");
  g_autofree char *seed = g_build_filename (tmpdir, "seed.sqlite", NULL);
  g_autoptr(ZxSyncReport) ra = sync_ok (a, tok_admin);
  g_autoptr(ZxSyncReport) rb = sync_ok (b, tok_admin);
  g_autofree char *ea = export_text (a);
  g_autofree char *eb = export_text (b);
  g_autofree char *count_seed = sql_text (seed, "SELECT count(*) FROM objective");
  g_autofree char *count_a = sql_text (a, "SELECT count(*) FROM objective");
  g_autoptr(ZxStore) store = open_store (a);
  g_autofree char *bound = zx_replica_get_server (store);

  g_assert_true (ra->bootstrapped);
  g_assert_true (ra->reloaded);
  g_assert_null (ra->backup_path);   /* it was empty: nothing to keep */
  g_assert_cmpuint (ra->pulled, >, 1000);
  g_assert_cmpint (ra->pending, ==, 0);
  g_assert_cmpstr (count_a, ==, count_seed);
  g_assert_cmpstr (ea, ==, eb);
  g_assert_cmpstr (bound, ==, server->base);
  g_assert_cmpint (zx_replica_get_cursor (store), >, 0);

  /* a second run changes nothing and needs no bootstrap */
  {
    g_autoptr(ZxSyncReport) again = sync_ok (a, tok_admin);
    g_autofree char *ea2 = export_text (a);

    g_assert_false (again->bootstrapped);
    g_assert_cmpuint (again->pushed, ==, 0);
    g_assert_cmpstr (ea2, ==, ea);
  }
}

static void
test_edit_flows (void)
{
  g_autofree char *a = desktop ("flow-a");
  g_autofree char *b = desktop ("flow-b");
  g_autofree char *objective = pick ("SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1");
  g_autofree char *title = NULL;
  g_autofree char *ea = NULL, *eb = NULL;

  zx_sync_report_free (sync_ok (a, tok_admin));
  zx_sync_report_free (sync_ok (b, tok_admin));

  update (a, "objective", objective, "title", "提高门诊患者满意度到95%");
  g_assert_cmpint (pending (a), ==, 1);
  {
    g_autoptr(ZxSyncReport) report = sync_ok (a, tok_admin);

    g_assert_cmpuint (report->pushed, ==, 1);
    g_assert_cmpuint (report->refused, ==, 0);
    g_assert_cmpint (report->pending, ==, 0);
  }
  {
    g_autoptr(ZxSyncReport) report = sync_ok (b, tok_admin);
    g_autofree char *key = g_strdup_printf ("objective\n%s", objective);

    g_assert_false (report->reloaded);
    g_assert_true (g_ptr_array_find_with_equal_func (report->changed, key, g_str_equal, NULL));
  }
  title = sql_text (b, "SELECT title FROM objective WHERE id = (SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1)");
  g_assert_cmpstr (title, ==, "提高门诊患者满意度到95%");

  /* a synced a before b pulled: both now hold the server's rows exactly */
  zx_sync_report_free (sync_ok (a, tok_admin));
  ea = export_text (a);
  eb = export_text (b);
  g_assert_cmpstr (ea, ==, eb);
}

/* A change waiting here and another person's change to the same row
 * merge: the rebase keeps ours on top of theirs. */
static void
test_rebase (void)
{
  g_autofree char *a = desktop ("rebase-a");
  g_autofree char *b = desktop ("rebase-b");
  g_autofree char *objective = pick ("SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1 OFFSET 3");
  g_autofree char *sql = g_strdup_printf ("SELECT status, description FROM objective WHERE id = '%s'", objective);
  g_autofree char *row_a = NULL, *row_b = NULL;

  zx_sync_report_free (sync_ok (a, tok_admin));
  zx_sync_report_free (sync_ok (b, tok_admin));

  update (a, "objective", objective, "description", "由门诊部牵头，每周通报");
  update (b, "objective", objective, "status", "closed");
  zx_sync_report_free (sync_ok (b, tok_admin));

  /* a pulls b's change while its own is still pending: both show */
  {
    g_autoptr(ZxSyncReport) report = sync_ok (a, tok_admin);

    g_assert_cmpint (report->pending, ==, 0);
  }
  zx_sync_report_free (sync_ok (b, tok_admin));
  row_a = sql_text (a, sql);
  row_b = sql_text (b, sql);
  g_assert_cmpstr (row_a, ==, "closed|由门诊部牵头，每周通报");
  g_assert_cmpstr (row_b, ==, row_a);
}

/* The same text changed on two desktops: the server keeps the first, the
 * second person sees both and chooses; nothing is lost. */
static void
test_text_conflict (void)
{
  g_autofree char *a = desktop ("conflict-a");
  g_autofree char *b = desktop ("conflict-b");
  g_autofree char *objective = pick ("SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1 OFFSET 8");
  g_autofree char *sql = g_strdup_printf ("SELECT title FROM objective WHERE id = '%s'", objective);
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  ZxConflict *c;

  zx_sync_report_free (sync_ok (a, tok_admin));
  zx_sync_report_free (sync_ok (b, tok_admin2));

  update (b, "objective", objective, "title", "护理部：压疮发生率降至0.5%以下");
  update (a, "objective", objective, "title", "护理部：住院患者压疮零发生");
  zx_sync_report_free (sync_ok (b, tok_admin2));
  {
    g_autoptr(ZxSyncReport) report = sync_ok (a, tok_admin);

    g_assert_cmpuint (report->conflicts, ==, 1);
    g_assert_cmpint (report->pending, ==, 0);
  }

  /* until a chooses, a shows the server's text and keeps its own aside */
  title = sql_text (a, sql);
  g_assert_cmpstr (title, ==, "护理部：压疮发生率降至0.5%以下");
  {
    g_autoptr(ZxStore) store = open_store (a);

    conflicts = zx_replica_list_conflicts (store);
    g_assert_cmpuint (conflicts->len, ==, 1);
    c = conflicts->pdata[0];
    g_assert_cmpstr (c->entity, ==, "objective");
    g_assert_cmpstr (c->row_id, ==, objective);
    g_assert_cmpstr (c->field, ==, "title");
    g_assert_cmpstr (c->yours, ==, "\"护理部：住院患者压疮零发生\"");
    g_assert_cmpstr (c->theirs, ==, "\"护理部：压疮发生率降至0.5%以下\"");
    g_assert_cmpstr (c->theirs_by, ==, "admin2");
    g_assert_nonnull (c->theirs_at);

    /* keep mine: a normal change, sent with the next sync */
    g_assert_true (zx_replica_resolve_conflict (store, c->id, TRUE, NULL));
    g_assert_cmpint (zx_store_queue_length (store), ==, 1);
    g_clear_pointer (&conflicts, g_ptr_array_unref);
    conflicts = zx_replica_list_conflicts (store);
    g_assert_cmpuint (conflicts->len, ==, 0);
  }
  zx_sync_report_free (sync_ok (a, tok_admin));
  zx_sync_report_free (sync_ok (b, tok_admin2));
  g_free (title);
  title = sql_text (b, sql);
  g_assert_cmpstr (title, ==, "护理部：住院患者压疮零发生");
}

/* Offline: nothing is lost, the queue waits, the next sync sends it. */
static void
test_offline (void)
{
  g_autofree char *a = desktop ("offline-a");
  g_autofree char *objective = pick ("SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1 OFFSET 5");
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxSyncReport) report = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT title FROM objective WHERE id = '%s'", objective);

  zx_sync_report_free (sync_ok (a, tok_admin));
  update (a, "objective", objective, "title", "离线时修改的目标");

  /* nothing listens on port 9 of 127.0.0.1 (discard; never served here) */
  g_assert_false (zx_sync_run (a, "http://127.0.0.1:9", tok_admin, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (pending (a), ==, 1);
  title = sql_text (a, sql);
  g_assert_cmpstr (title, ==, "离线时修改的目标");
  g_clear_pointer (&report, zx_sync_report_free);

  report = sync_ok (a, tok_admin);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpint (report->pending, ==, 0);
  g_free (title);
  title = sql_text (a, sql);
  g_assert_cmpstr (title, ==, "离线时修改的目标");
}

/* A 401 keeps the queue */
static void
test_unauthorized (void)
{
  g_autofree char *a = desktop ("unauth-a");
  g_autofree char *objective = pick ("SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1 OFFSET 6");
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxSyncReport) report = NULL;

  zx_sync_report_free (sync_ok (a, tok_admin));
  update (a, "objective", objective, "title", "令牌过期时的修改");
  g_assert_false (zx_sync_run (a, server->base, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                               NULL, NULL, NULL, &report, &error));
  g_assert_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpint (pending (a), ==, 1);
  g_clear_pointer (&report, zx_sync_report_free);
  report = sync_ok (a, tok_admin);
  g_assert_cmpint (report->pending, ==, 0);
}

/* What the server refuses is undone here, and the reason kept */
static void
test_refused (void)
{
  g_autofree char *a = desktop ("refused-a");
  g_autofree char *hospital = pick ("SELECT id FROM hospital LIMIT 1");
  g_autofree char *name = pick ("SELECT name FROM hospital LIMIT 1");
  g_autofree char *now = NULL;
  g_autoptr(ZxSyncReport) report = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(GPtrArray) refusals = NULL;

  zx_sync_report_free (sync_ok (a, tok_head));
  update (a, "hospital", hospital, "name", "科主任改的医院名称");
  report = sync_ok (a, tok_head);
  g_assert_cmpuint (report->refused, ==, 1);
  g_assert_cmpint (report->pending, ==, 0);
  now = sql_text (a, "SELECT name FROM hospital");
  g_assert_cmpstr (now, ==, name);

  store = open_store (a);
  refusals = zx_replica_list_refusals (store);
  g_assert_cmpuint (refusals->len, ==, 1);
  g_assert_cmpstr (((ZxRefusal *) refusals->pdata[0])->name, ==, "hospital.update");
  g_assert_cmpstr (((ZxRefusal *) refusals->pdata[0])->reason, !=, "");
  g_assert_true (zx_replica_dismiss_refusal (store, ((ZxRefusal *) refusals->pdata[0])->id, NULL));
  g_clear_pointer (&refusals, g_ptr_array_unref);
  refusals = zx_replica_list_refusals (store);
  g_assert_cmpuint (refusals->len, ==, 0);
}

/* A desktop used on its own first: its data is copied aside, then replaced
 * by the server's; its old queue is not sent. */
static void
test_first_sync_replaces_local (void)
{
  g_autofree char *a = desktop ("local-a");
  g_autofree char *ref = desktop ("local-ref");
  g_autoptr(ZxSyncReport) report = NULL;
  g_autofree char *ea = NULL, *eref = NULL;

  {
    g_autoptr(ZxStore) store = open_store (a);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) fields = zx_test_fields ("name", "本机自建医院", NULL);

    g_free (zx_store_create (store, "hospital", fields, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pending (a), ==, 1);

  report = sync_ok (a, tok_admin);
  g_assert_true (report->bootstrapped);
  g_assert_nonnull (report->backup_path);
  g_assert_true (g_file_test (report->backup_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (report->pushed, ==, 0);
  g_assert_cmpint (report->pending, ==, 0);

  zx_sync_report_free (sync_ok (ref, tok_admin));
  ea = export_text (a);
  eref = export_text (ref);
  g_assert_cmpstr (ea, ==, eref);
}

/* Cancelled in the middle of the first download: nothing changed, and the
 * next run starts again. */
static void
cancel_progress_cb (double      fraction,
                    const char *what,
                    gpointer    user_data)
{
  if (strstr (what, "row") != NULL)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_bootstrap (void)
{
  g_autofree char *a = desktop ("cancel-a");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxSyncReport) report = NULL;
  g_autofree char *count = NULL;

  g_assert_false (zx_sync_run (a, server->base, tok_admin, cancellable, cancel_progress_cb, cancellable,
                               &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  count = sql_text (a, "SELECT count(*) FROM objective");
  g_assert_cmpstr (count, ==, "0");
  {
    g_autoptr(ZxStore) store = open_store (a);
    g_autofree char *bound = zx_replica_get_server (store);

    g_assert_null (bound);
  }
  g_clear_pointer (&report, zx_sync_report_free);
  report = sync_ok (a, tok_admin);
  g_assert_true (report->bootstrapped);
}

/* `zhixing --sync-now`: 0 only when fully synced */
static void
test_command_line (void)
{
  g_autofree char *a = desktop ("cli-a");
  const char *exe = g_getenv ("ZHIXING_EXE");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  g_assert_nonnull (exe);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ZHIXING_PASSWORD", ZX_TEST_PASSWORD, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, "--database", a, "--sync-now",
                                         "--server", server->base, "--user", "admin", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "received"));
  g_clear_object (&process);
  g_clear_object (&launcher);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a wrong password: 1, a message, nothing changed */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "ZHIXING_PASSWORD", "wrong password", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, exe, "--database", a, "--sync-now",
                                         "--server", server->base, "--user", "admin", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "password"));
  g_clear_object (&process);
  g_clear_object (&launcher);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* no password: the window's sign-in from the keyring (libsecret's file
   * backend in the test's folder), as the window keeps it */
  {
    static const SecretSchema schema = {
      "io.github.zhixing.Zhixing.Token", SECRET_SCHEMA_NONE,
      { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "user", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
    };
    g_autofree char *keyring = g_build_filename (tmpdir, "keyring", NULL);
    g_autofree char *b = desktop ("cli-b");

    g_setenv ("SECRET_BACKEND", "file", TRUE);
    g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
    g_setenv ("SECRET_FILE_TEST_PASSWORD", "test keyring password", TRUE);

    /* nothing kept yet: 1 and what to do */
    launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_subprocess_launcher_unsetenv (launcher, "ZHIXING_PASSWORD");
    process = g_subprocess_launcher_spawn (launcher, &error, exe, "--database", b, "--sync-now",
                                           "--server", server->base, "--user", "admin", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
    g_assert_nonnull (strstr (err, "ZHIXING_PASSWORD"));
    g_clear_object (&process);
    g_clear_object (&launcher);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, "Zhixing", tok_admin, NULL, &error,
                                "server", server->base, "user", "admin", NULL);
    g_assert_no_error (error);
    launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_subprocess_launcher_unsetenv (launcher, "ZHIXING_PASSWORD");
    process = g_subprocess_launcher_spawn (launcher, &error, exe, "--database", b, "--sync-now",
                                           "--server", server->base, "--user", "admin", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  }
}

/* Connections are kept alive between requests (SoupServer 3.2 closes them
 * unless it has a listener of its own: zx_server_listen()). */
static void
test_keep_alive (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (server->base, "/api/v1/health", NULL);
  guint64 ids[3];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

      g_assert_nonnull (body);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      ids[i] = soup_message_get_connection_id (msg);
    }
  g_assert_cmpuint (ids[0], ==, ids[1]);
  g_assert_cmpuint (ids[1], ==, ids[2]);
}

/* Many desktops pushing at the same moment: the server applies waiting
 * pushes together in one transaction (group commit); each still gets its
 * own answer, and every change lands once. */
typedef struct
{
  guint  index;
  char  *objective;
  guint  applied;
} Pusher;

static gpointer
pusher_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (server->base, "/api/v1/push", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", tok_admin, NULL);
  g_autofree char *client_id = g_strdup_printf ("pusher-%u", pusher->index);

  for (guint p = 0; p < 5; p++)
    {
      g_autofree char *body = g_strdup_printf ("{\"client_id\":\"%s\",\"mutations\":["
                                               "{\"id\":%u,\"name\":\"objective.update\",\"base_version\":0,"
                                               "\"args\":{\"id\":\"%s\",\"description\":\"同时推送 %u-%u\"}}]}",
                                               client_id, p + 1, pusher->objective, pusher->index, p);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr(GBytes) answer = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      answer = soup_session_send_and_read (session, msg, NULL, NULL);
      if (answer != NULL && soup_message_get_status (msg) == 200 &&
          strstr (g_bytes_get_data (answer, NULL), "\"applied\"") != NULL)
        pusher->applied++;
    }
  return NULL;
}

static void
test_concurrent_pushes (void)
{
  g_autofree char *a = desktop ("concurrent-a");
  Pusher pushers[12];
  GThread *threads[G_N_ELEMENTS (pushers)];

  for (guint i = 0; i < G_N_ELEMENTS (pushers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1 OFFSET %u", 20 + i);

      pushers[i].index = i;
      pushers[i].objective = pick (sql);
      pushers[i].applied = 0;
      threads[i] = g_thread_new ("pusher", pusher_thread, &pushers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pushers); i++)
    g_thread_join (threads[i]);

  /* every push answered "applied", and a desktop sees each last text once */
  zx_sync_report_free (sync_ok (a, tok_admin));
  for (guint i = 0; i < G_N_ELEMENTS (pushers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT description FROM objective WHERE id = '%s'", pushers[i].objective);
      g_autofree char *text = sql_text (a, sql);
      g_autofree char *want = g_strdup_printf ("同时推送 %u-4", i);

      g_assert_cmpuint (pushers[i].applied, ==, 5);
      g_assert_cmpstr (text, ==, want);
      g_free (pushers[i].objective);
    }
}

/* Set-up ----------------------------------------------------------------------- */

static char *
sign_in (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxSyncSession) session = zx_sync_sign_in (server->base, name, ZX_TEST_PASSWORD, NULL, &error);

  g_assert_no_error (error);
  return g_strdup (session->token);
}

static void
setup (void)
{
  g_autofree char *seed = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  tmpdir = zx_test_tmpdir ();
  server = zx_test_server_new (tmpdir);
  seed = g_build_filename (tmpdir, "seed.sqlite", NULL);
  store = open_store (seed);
  g_assert_true (zx_demo_populate (store, "2026-11-16", &error));
  zx_test_server_import (server, store);

  dept_a = sql_text (seed, "SELECT department_id FROM staff WHERE deleted = 0 AND department_id IS NOT NULL ORDER BY id LIMIT 1");
  zx_test_server_add_user (server, "admin", "admin", NULL);
  zx_test_server_add_user (server, "admin2", "admin", NULL);
  zx_test_server_add_user (server, "head.a", "head", dept_a);
  zx_test_server_start (server);
  tok_admin = sign_in ("admin");
  tok_admin2 = sign_in ("admin2");
  tok_head = sign_in ("head.a");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  setup ();

  g_test_add_func ("/sync/keep-alive", test_keep_alive);
  g_test_add_func ("/sync/bootstrap", test_bootstrap);
  g_test_add_func ("/sync/edit-flows", test_edit_flows);
  g_test_add_func ("/sync/rebase", test_rebase);
  g_test_add_func ("/sync/text-conflict", test_text_conflict);
  g_test_add_func ("/sync/offline", test_offline);
  g_test_add_func ("/sync/unauthorized", test_unauthorized);
  g_test_add_func ("/sync/refused", test_refused);
  g_test_add_func ("/sync/first-sync-replaces-local", test_first_sync_replaces_local);
  g_test_add_func ("/sync/cancel-bootstrap", test_cancel_bootstrap);
  g_test_add_func ("/sync/command-line", test_command_line);
  g_test_add_func ("/sync/concurrent-pushes", test_concurrent_pushes);

  status = g_test_run ();

  zx_test_server_free (server);
  zx_test_rmdir (tmpdir);
  g_free (tmpdir);
  g_free (dept_a);
  g_free (tok_admin);
  g_free (tok_admin2);
  g_free (tok_head);
  return status;
}
