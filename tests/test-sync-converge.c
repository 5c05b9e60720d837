/* test-sync-converge.c — many desktops, random offline edits, a bad network
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Five desktops sync with the real zhixing-server (127.0.0.1) through a
 * proxy on 127.0.0.1 that drops requests, and drops answers after the
 * server has acted on them.  Each desktop edits the same few rows offline
 * — the same fields, different fields, deletes against edits, kanban moves
 * of the same cards, re-parenting objectives — and is "restarted" (its
 * database closed and opened again) between every edit and every sync.
 * After the network heals and everyone has synced, every desktop must hold
 * the same data, nothing created may be missing or doubled, and the
 * invariants must hold.  Several random seeds; every loop is bounded.
 *
 * ZX_TEST_SEEDS=N runs N seeds (default 4).
 */
#include "config.h"

#include <sqlite3.h>

#include "zx-kanban.h"
#include "zx-replica.h"
#include "zx-sync-client.h"
#include "zx-test-server.h"
#include "zx-test-util.h"

#define N_CLIENTS 5
#define N_ROUNDS 6
#define POOL 6

static char *tmpdir;
static ZxTestServer *server;
static char *tokens[N_CLIENTS];

/* The proxy ----------------------------------------------------------------- */

typedef struct
{
  GSocketService *service;
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  guint16         port;
  guint16         target_port;
  GMutex          lock;
  GRand          *rand;
  double          drop_request;    /* per chunk from the client */
  double          drop_answer;     /* per chunk from the server */
  guint           dropped;
} Proxy;

static Proxy proxy;

static gboolean
chance (double p)
{
  gboolean yes;

  g_mutex_lock (&proxy.lock);
  yes = p > 0 && g_rand_double (proxy.rand) < p;
  if (yes)
    proxy.dropped++;
  g_mutex_unlock (&proxy.lock);
  return yes;
}

static gboolean
send_all (GSocket    *socket,
          const char *data,
          gssize      length)
{
  while (length > 0)
    {
      gssize sent = g_socket_send (socket, data, length, NULL, NULL);

      if (sent <= 0)
        return FALSE;
      data += sent;
      length -= sent;
    }
  return TRUE;
}

/* One connection, in its own thread: bytes both ways until either side
 * closes, or a fault closes both. */
static gboolean
proxy_run_cb (GThreadedSocketService *service,
              GSocketConnection      *downstream,
              GObject                *source,
              gpointer                user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  GSocket *down, *up;
  char buffer[16384];

  upstream = g_socket_client_connect_to_host (client, "127.0.0.1", proxy.target_port, NULL, NULL);
  if (upstream == NULL)
    return TRUE;
  down = g_socket_connection_get_socket (downstream);
  up = g_socket_connection_get_socket (upstream);

  for (int i = 0; i < 100000; i++)
    {
      GPollFD fds[2] = {
        { g_socket_get_fd (down), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 },
        { g_socket_get_fd (up), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 },
      };
      int n = g_poll (fds, 2, 30000);

      if (n <= 0)
        break;
      if (fds[0].revents)
        {
          gssize got = g_socket_receive (down, buffer, sizeof buffer, NULL, NULL);

          if (got <= 0 || chance (proxy.drop_request))
            break;
          if (!send_all (up, buffer, got))
            break;
        }
      if (fds[1].revents)
        {
          gssize got = g_socket_receive (up, buffer, sizeof buffer, NULL, NULL);

          if (got <= 0 || chance (proxy.drop_answer))
            break;
          if (!send_all (down, buffer, got))
            break;
        }
    }
  g_socket_close (down, NULL);
  g_socket_close (up, NULL);
  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  g_main_context_push_thread_default (proxy.context);
  g_main_loop_run (proxy.loop);
  g_main_context_pop_thread_default (proxy.context);
  return NULL;
}

static void
proxy_start (guint16 target_port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_mutex_init (&proxy.lock);
  proxy.rand = g_rand_new_with_seed (1);
  proxy.target_port = target_port;
  proxy.context = g_main_context_new ();
  proxy.loop = g_main_loop_new (proxy.context, FALSE);

  g_main_context_push_thread_default (proxy.context);
  proxy.service = g_threaded_socket_service_new (16);
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy.service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  proxy.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (proxy.service, "run", G_CALLBACK (proxy_run_cb), NULL);
  g_socket_service_start (proxy.service);
  g_main_context_pop_thread_default (proxy.context);

  proxy.thread = g_thread_new ("proxy", proxy_thread, NULL);
}

static void
proxy_faults (guint32 seed,
              double  drop_request,
              double  drop_answer)
{
  g_mutex_lock (&proxy.lock);
  g_rand_set_seed (proxy.rand, seed);
  proxy.dropped = 0;
  proxy.drop_request = drop_request;
  proxy.drop_answer = drop_answer;
  g_mutex_unlock (&proxy.lock);
}

static void
proxy_stop (void)
{
  g_socket_service_stop (proxy.service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy.service));
  g_main_loop_quit (proxy.loop);
  g_thread_join (proxy.thread);
  g_clear_object (&proxy.service);
  g_main_loop_unref (proxy.loop);
  g_main_context_unref (proxy.context);
  g_rand_free (proxy.rand);
}

/* Desktops ------------------------------------------------------------------- */

typedef struct
{
  char      *path;
  char      *token;
  GPtrArray *created;    /* titles of objectives this desktop created */
} Desktop;

static ZxStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  ZxStore *store = zx_store_open (path, &error);

  g_assert_no_error (error);
  return store;
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
  return g_string_free (out, FALSE);
}

static char **
sql_column (const char *path,
            const char *sql)
{
  g_autofree char *text = sql_text (path, sql);
  char **lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  /* the last line is empty */
  if (n > 0)
    {
      g_free (lines[n - 1]);
      lines[n - 1] = NULL;
    }
  return lines;
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

/* Through the proxy; failure is allowed (the network is bad) */
static gboolean
sync_lossy (Desktop *desktop)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", proxy.port);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxSyncReport) report = NULL;
  gboolean ok = zx_sync_run (desktop->path, url, desktop->token, NULL, NULL, NULL, &report, &error);

  if (!ok)
    {
      g_assert_true (g_error_matches (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_OFFLINE) ||
                     g_error_matches (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_SERVER) ||
                     g_error_matches (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL));
      g_test_message ("sync of %s failed: %s", desktop->path, error->message);
    }
  return ok;
}

/* Random edits ------------------------------------------------------------------ */

typedef struct
{
  char **objectives;   /* POOL live objectives every desktop edits */
  char **cards;        /* POOL cards */
  char **columns;      /* the board's live columns */
} Pool;

static void
edit (Desktop *desktop,
      Pool    *pool,
      GRand   *rand,
      guint    serial)
{
  g_autoptr(ZxStore) store = open_store (desktop->path);
  g_autoptr(GError) error = NULL;
  guint kind = g_rand_int_range (rand, 0, 8);
  const char *objective = pool->objectives[g_rand_int_range (rand, 0, POOL)];
  const char *card = pool->cards[g_rand_int_range (rand, 0, POOL)];

  switch (kind)
    {
    case 0: /* the same free-text field as others */
      {
        g_autofree char *title = g_strdup_printf ("目标标题 %s-%u", desktop->token + 40, serial);
        g_autoptr(JsonObject) changes = zx_test_fields ("title", title, NULL);

        zx_store_update (store, "objective", objective, changes, &error);
        break;
      }
    case 1: /* another field of the same rows */
      {
        g_autofree char *text = g_strdup_printf ("说明 %u", serial);
        g_autoptr(JsonObject) changes = zx_test_fields ("description", text, NULL);

        zx_store_update (store, "objective", objective, changes, &error);
        break;
      }
    case 2: /* status: last writer wins */
      {
        g_autoptr(JsonObject) changes = zx_test_fields ("status", g_rand_boolean (rand) ? "active" : "closed", NULL);

        zx_store_update (store, "objective", objective, changes, &error);
        break;
      }
    case 3: /* concurrent kanban moves */
      {
        const char *column = pool->columns[g_rand_int_range (rand, 0, g_strv_length (pool->columns))];

        zx_kanban_move_card (store, card, column, NULL, NULL, ZX_KANBAN_MOVE_DESPITE_BLOCK, NULL, &error);
        break;
      }
    case 4: /* a new objective, to be found exactly once at the end */
      {
        g_autofree char *title = g_strdup_printf ("新建目标 %s-%u", desktop->path + strlen (tmpdir) + 1, serial);
        g_autofree char *cycle = NULL;
        g_autofree char *department = NULL;
        g_autoptr(JsonObject) fields = NULL;
        g_autofree char *id = NULL;
        g_autofree char *sql = g_strdup_printf ("SELECT cycle_id, department_id FROM objective WHERE id = '%s'", objective);
        g_autofree char *row = NULL;
        g_auto(GStrv) parts = NULL;
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          {
            cycle = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
            department = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          }
        sqlite3_finalize (stmt);
        fields = zx_test_fields ("cycle_id", cycle, "level", "department", "title", title,
                                 "department_id", department, "status", "active", NULL);
        id = zx_store_create (store, "objective", fields, &error);
        if (id != NULL)
          g_ptr_array_add (desktop->created, g_strdup (title));
        break;
      }
    case 5: /* re-parenting: the server refuses cycles */
      {
        const char *parent = pool->objectives[g_rand_int_range (rand, 0, POOL)];
        g_autoptr(JsonObject) changes = zx_test_fields ("parent_objective_id",
                                                        g_rand_boolean (rand) ? parent : NULL, NULL);

        zx_store_update (store, "objective", objective, changes, &error);
        break;
      }
    case 6: /* delete against edits */
      if (g_rand_int_range (rand, 0, 3) == 0)
        zx_store_delete (store, "card", card, &error);
      else
        {
          g_autofree char *text = g_strdup_printf ("卡片说明 %u", serial);
          g_autoptr(JsonObject) changes = zx_test_fields ("description", text, NULL);

          zx_store_update (store, "card", card, changes, &error);
        }
      break;
    default: /* a deleted card may come back */
      zx_store_restore (store, "card", card, &error);
      break;
    }

  /* Edits a desktop's own rules refuse here (a cycle, a deleted row) are
   * simply not made, as in the window. */
  if (error != NULL)
    g_test_message ("edit %u on %s not made: %s", kind, desktop->path, error->message);
}

/* Invariants of one desktop's data */
static void
check_invariants (const char *path)
{
  g_autofree char *cycles = NULL;
  g_autofree char *orphans = NULL;
  g_autofree char *cards = NULL;

  /* no cycle among live objectives' parents */
  cycles = sql_text (path,
                     "WITH RECURSIVE up (start, id, depth) AS ("
                     "  SELECT id, parent_objective_id, 1 FROM objective WHERE deleted = 0 AND parent_objective_id IS NOT NULL"
                     "  UNION ALL SELECT up.start, o.parent_objective_id, up.depth + 1 FROM up JOIN objective o ON o.id = up.id"
                     "  WHERE o.parent_objective_id IS NOT NULL AND up.depth < 1000)"
                     " SELECT DISTINCT start FROM up WHERE id = start OR depth >= 1000");
  g_assert_cmpstr (cycles, ==, "");

  /* no live children of deleted parents */
  orphans = sql_text (path,
                      "SELECT k.id FROM key_result k JOIN objective o ON o.id = k.objective_id"
                      " WHERE k.deleted = 0 AND o.deleted = 1"
                      " UNION ALL SELECT c.id FROM card_comment c JOIN card d ON d.id = c.card_id"
                      " WHERE c.deleted = 0 AND d.deleted = 1");
  g_assert_cmpstr (orphans, ==, "");

  /* each live card in one live column of its board */
  cards = sql_text (path,
                    "SELECT c.id FROM card c LEFT JOIN board_column k ON k.id = c.column_id"
                    " WHERE c.deleted = 0 AND (k.id IS NULL OR k.deleted = 1 OR k.board_id <> c.board_id)");
  g_assert_cmpstr (cards, ==, "");
}

static void
test_converge (gconstpointer data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Desktop desktops[N_CLIENTS];
  g_autofree char *first_path = NULL;
  Pool pool = { 0 };
  guint serial = 0;
  guint conflicts = 0;
  guint faults;
  gboolean settled = FALSE;

  proxy_faults (seed, 0.0, 0.0);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      desktops[i].path = g_strdup_printf ("%s/seed%u-desktop%u.sqlite", tmpdir, seed, i);
      desktops[i].token = tokens[i];
      desktops[i].created = g_ptr_array_new_with_free_func (g_free);
      /* the first download over a sound network */
      g_assert_true (sync_lossy (&desktops[i]));
    }
  first_path = g_strdup (desktops[0].path);
  pool.objectives = sql_column (first_path,
                                "SELECT id FROM objective WHERE deleted = 0 AND level = 'department' ORDER BY id LIMIT 6");
  /* tombstones too: earlier seeds may have deleted some, and edits restore them */
  pool.cards = sql_column (first_path, "SELECT id FROM card ORDER BY id LIMIT 6");
  {
    g_autofree char *board_sql = g_strdup_printf ("SELECT id FROM board_column WHERE deleted = 0 AND board_id ="
                                                  " (SELECT board_id FROM card WHERE id = '%s') ORDER BY rank", pool.cards[0]);

    pool.columns = sql_column (first_path, board_sql);
  }
  g_assert_cmpuint (g_strv_length (pool.objectives), ==, POOL);
  g_assert_cmpuint (g_strv_length (pool.cards), ==, POOL);
  g_assert_cmpuint (g_strv_length (pool.columns), >=, 2);

  /* offline edits and syncs over a network that loses requests and answers */
  proxy_faults (seed, 0.06, 0.15);
  for (guint round = 0; round < N_ROUNDS; round++)
    for (guint k = 0; k < N_CLIENTS; k++)
      {
        Desktop *desktop = &desktops[g_rand_int_range (rand, 0, N_CLIENTS)];
        guint edits = g_rand_int_range (rand, 0, 4);

        for (guint e = 0; e < edits; e++)
          edit (desktop, &pool, rand, serial++);
        if (g_rand_int_range (rand, 0, 10) < 7)
          sync_lossy (desktop);
      }

  /* the network heals; everyone syncs until a whole pass changes nothing */
  faults = proxy.dropped;
  proxy_faults (seed, 0.0, 0.0);
  for (guint pass = 0; pass < 6 && !settled; pass++)
    {
      settled = TRUE;
      for (guint i = 0; i < N_CLIENTS; i++)
        {
          g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", proxy.port);
          g_autoptr(GError) error = NULL;
          g_autoptr(ZxSyncReport) report = NULL;

          g_assert_true (zx_sync_run (desktops[i].path, url, desktops[i].token, NULL, NULL, NULL, &report, &error));
          g_assert_no_error (error);
          g_assert_cmpint (report->pending, ==, 0);
          if (report->pushed > 0 || report->pulled > 0)
            settled = FALSE;
        }
    }
  g_assert_true (settled);

  {
    g_autofree char *reference = export_text (desktops[0].path);

    /* the server's own view: what a new desktop downloads */
    {
      g_autofree char *fresh_path = g_strdup_printf ("%s/seed%u-fresh.sqlite", tmpdir, seed);
      Desktop fresh = { fresh_path, tokens[0], NULL };
      g_autofree char *fresh_text = NULL;

      g_assert_true (sync_lossy (&fresh));
      fresh_text = export_text (fresh_path);
      g_assert_cmpstr (fresh_text, ==, reference);
    }

    for (guint i = 0; i < N_CLIENTS; i++)
      {
        g_autofree char *text = export_text (desktops[i].path);
        g_autoptr(ZxStore) store = open_store (desktops[i].path);
        g_autoptr(GPtrArray) list = zx_replica_list_conflicts (store);

        g_assert_cmpstr (text, ==, reference);
        check_invariants (desktops[i].path);
        conflicts += list->len;

        /* nothing created is lost, nothing is there twice */
        for (guint j = 0; j < desktops[i].created->len; j++)
          {
            g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM objective WHERE title = '%s'",
                                                    (const char *) desktops[i].created->pdata[j]);
            g_autofree char *count = sql_text (desktops[0].path, sql);

            g_assert_cmpstr (count, ==, "1\n");
          }
      }
  }
  g_test_message ("seed %u: %u edits, %u connections broken, %u text conflicts recorded", seed, serial, faults, conflicts);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_free (desktops[i].path);
      g_ptr_array_unref (desktops[i].created);
    }
  g_strfreev (pool.objectives);
  g_strfreev (pool.cards);
  g_strfreev (pool.columns);
}

/* Set-up ----------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *seed_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *seeds_env = g_getenv ("ZX_TEST_SEEDS");
  guint seeds = seeds_env ? (guint) g_ascii_strtoull (seeds_env, NULL, 10) : 4;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = zx_test_tmpdir ();
  server = zx_test_server_new (tmpdir);
  seed_path = g_build_filename (tmpdir, "seed.sqlite", NULL);
  {
    g_autoptr(ZxStore) store = open_store (seed_path);

    g_assert_true (zx_demo_populate (store, "2026-11-16", &error));
    zx_test_server_import (server, store);
  }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("desk%u", i);

      zx_test_server_add_user (server, name, i % 2 ? "admin" : "leadership", NULL);
    }
  zx_test_server_start (server);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("desk%u", i);
      g_autoptr(ZxSyncSession) session = zx_sync_sign_in (server->base, name, ZX_TEST_PASSWORD, NULL, &error);

      g_assert_no_error (error);
      tokens[i] = g_strdup (session->token);
    }
  proxy_start ((guint16) g_ascii_strtoull (strrchr (server->base, ':') + 1, NULL, 10));

  for (guint s = 1; s <= seeds; s++)
    {
      g_autofree char *name = g_strdup_printf ("/sync/converge/seed-%u", s);

      g_test_add_data_func (name, GUINT_TO_POINTER (s * 7919), test_converge);
    }

  status = g_test_run ();

  proxy_stop ();
  zx_test_server_free (server);
  zx_test_rmdir (tmpdir);
  g_free (tmpdir);
  for (guint i = 0; i < N_CLIENTS; i++)
    g_free (tokens[i]);
  return status;
}
