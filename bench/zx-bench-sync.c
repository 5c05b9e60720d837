/* zx-bench-sync.c — sync on loopback with the large hospital (bench/run sync)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * zx-bench-sync SERVER-EXE LARGE-HOSPITAL.db CACHE-DIR
 *
 * Seeds a zhixing-server database with the large hospital once (the
 * desktop's export, `zhixing-server import`; kept in CACHE-DIR), starts the
 * server on 127.0.0.1 with a free port, and prints JSON lines:
 *   sync_first_full      an empty desktop's first sync (the whole hospital)
 *   sync_push_pull_100   100 changes made here, then one sync (push, pull,
 *                        rebase), median of 5
 *   sync_concurrent_push_p99 / _p50   50 clients pushing at once, each 20
 *                        pushes of 5 changes, the latency of each push
 */
#include "config.h"

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "zx-backup.h"
#include "zx-sync-client.h"

#define PASSWORD "bench password 1"
#define N_CLIENTS 50
#define PUSHES 20
#define PER_PUSH 5

static const char *server_exe;
static char *server_db;
static char *base;
static char *token;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
emit (const char *metric,
      double      value)
{
  printf ("{\"metric\": \"%s\", \"value\": %.1f, \"unit\": \"ms\"}\n", metric, value);
  fflush (stdout);
}

static int
compare_double (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
run (const char  *input,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) server_exe);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, server_db);
  va_start (args, input);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, input, NULL, NULL, &err, &error))
    g_error ("%s", error->message);
  if (err != NULL && err[0] != '\0')
    fprintf (stderr, "%s", err);
  return g_subprocess_get_exit_status (process);
}

/* The server's database with the large hospital, made once */
static void
prepare_server (const char *hospital_db,
                const char *cache)
{
  g_autofree char *export_path = g_build_filename (cache, "large-hospital.json", NULL);
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st_db, st_server;

  server_db = g_build_filename (cache, "sync-server.sqlite", NULL);
  if (g_stat (server_db, &st_server) == 0 && g_stat (hospital_db, &st_db) == 0 &&
      st_server.st_mtime >= st_db.st_mtime)
    return;

  fprintf (stderr, "zx-bench-sync: seeding the server with the large hospital (once)\n");
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                       g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (server_db, suffix, NULL);

      g_unlink (path);
    }
  store = zx_store_open (hospital_db, &error);
  if (store == NULL || !zx_backup_export (store, export_path, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  if (run (NULL, "import", export_path, NULL) != 0 ||
      run (PASSWORD "\n", "user", "add", "bench", "--role", "admin", NULL) != 0)
    g_error ("could not seed the server");
  g_unlink (export_path);
}

static GSubprocess *
start_server (const char *cache)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *out = g_build_filename (cache, "sync-server.out", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_unlink (out);
  g_subprocess_launcher_set_stdout_file_path (launcher, out);
  process = g_subprocess_launcher_spawn (launcher, &error, server_exe, "--database", server_db,
                                         "--listen", "127.0.0.1:0", NULL);
  if (process == NULL)
    g_error ("%s", error->message);
  while (base == NULL && g_get_monotonic_time () < deadline)
    {
      g_autofree char *text = NULL;
      const char *line;

      if (g_file_get_contents (out, &text, NULL, NULL) &&
          (line = strstr (text, "listening on http://127.0.0.1:")) != NULL && strchr (line, '\n') != NULL)
        base = g_strndup (line + strlen ("listening on "), strchr (line, '\n') - line - strlen ("listening on "));
      else
        g_usleep (10 * 1000);
    }
  if (base == NULL)
    g_error ("the server did not start");
  return process;
}

static void
sync_or_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxSyncReport) report = NULL;

  if (!zx_sync_run (path, base, token, NULL, NULL, NULL, &report, &error))
    g_error ("sync: %s", error->message);
  if (report->pending != 0)
    g_error ("sync left %" G_GINT64_FORMAT " changes", report->pending);
}

/* 50 clients pushing at once ------------------------------------------------------ */

typedef struct
{
  guint   index;
  char  **ids;        /* objectives to retitle */
  double *latencies;  /* PUSHES each */
} Client;

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (base, "/api/v1/push", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *client_id = g_uuid_string_random ();
  gint64 next_id = 1;

  for (guint p = 0; p < PUSHES; p++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) error = NULL;
      double start;

      g_string_append_printf (body, "{\"client_id\":\"%s\",\"mutations\":[", client_id);
      for (guint m = 0; m < PER_PUSH; m++)
        g_string_append_printf (body, "%s{\"id\":%" G_GINT64_FORMAT ",\"name\":\"objective.update\",\"base_version\":0,"
                                "\"args\":{\"id\":\"%s\",\"description\":\"客户端 %u 第 %u 次\"}}",
                                m ? "," : "", next_id++, client->ids[(client->index * PUSHES + p + m) % 1000],
                                client->index, p);
      g_string_append (body, "]}");
      bytes = g_bytes_new (body->str, body->len);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);

      start = now_ms ();
      answer = soup_session_send_and_read (session, msg, NULL, &error);
      client->latencies[p] = now_ms () - start;
      if (answer == NULL || soup_message_get_status (msg) != 200)
        g_error ("push failed: %s %u", error ? error->message : "", soup_message_get_status (msg));
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *desktop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) server = NULL;
  double start, times[5];

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s SERVER-EXE LARGE-HOSPITAL.db CACHE-DIR\n", argv[0]);
      return 2;
    }
  server_exe = argv[1];
  prepare_server (argv[2], argv[3]);
  server = start_server (argv[3]);
  {
    g_autoptr(ZxSyncSession) session = zx_sync_sign_in (base, "bench", PASSWORD, NULL, &error);

    if (session == NULL)
      g_error ("%s", error->message);
    token = g_strdup (session->token);
  }

  /* the first full sync of an empty desktop */
  desktop = g_build_filename (argv[3], "sync-desktop.sqlite", NULL);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" :
                                                       g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (desktop, suffix, NULL);

      g_unlink (path);
    }
  start = now_ms ();
  sync_or_die (desktop);
  emit ("sync_first_full", now_ms () - start);

  /* 100 changes, then one sync */
  {
    g_autoptr(ZxStore) store = zx_store_open (desktop, &error);
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

    if (store == NULL)
      g_error ("%s", error->message);
    sqlite3_prepare_v2 (zx_store_get_db (store), "SELECT id FROM objective WHERE deleted = 0 ORDER BY id LIMIT 1000",
                        -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    if (ids->len < 1000)
      g_error ("the large hospital has too few objectives");

    for (guint run_index = 0; run_index < 5; run_index++)
      {
        for (guint i = 0; i < 100; i++)
          {
            g_autofree char *text = g_strdup_printf ("第 %u 轮修改 %u", run_index, i);
            g_autoptr(JsonObject) changes = json_object_new ();

            json_object_set_string_member (changes, "description", text);
            if (!zx_store_update (store, "objective", ids->pdata[run_index * 100 + i], changes, &error))
              g_error ("%s", error->message);
          }
        start = now_ms ();
        sync_or_die (desktop);
        times[run_index] = now_ms () - start;
      }
    g_qsort_with_data (times, 5, sizeof (double), compare_double, NULL);
    emit ("sync_push_pull_100", times[2]);

    /* 50 clients at once */
    {
      Client clients[N_CLIENTS];
      GThread *threads[N_CLIENTS];
      g_autofree double *all = g_new0 (double, N_CLIENTS * PUSHES);

      g_ptr_array_add (ids, NULL);
      for (guint c = 0; c < N_CLIENTS; c++)
        {
          clients[c].index = c;
          clients[c].ids = (char **) ids->pdata;
          clients[c].latencies = all + c * PUSHES;
          threads[c] = g_thread_new ("client", client_thread, &clients[c]);
        }
      for (guint c = 0; c < N_CLIENTS; c++)
        g_thread_join (threads[c]);
      g_qsort_with_data (all, N_CLIENTS * PUSHES, sizeof (double), compare_double, NULL);
      emit ("sync_concurrent_push_p50", all[N_CLIENTS * PUSHES / 2]);
      emit ("sync_concurrent_push_p99", all[(N_CLIENTS * PUSHES * 99) / 100]);
    }
  }

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  return 0;
}
