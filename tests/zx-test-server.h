/* zx-test-server.h — a real zhixing-server for tests, on 127.0.0.1
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server is build/src/server/zhixing-server (meson passes its path in
 * ZHIXING_SERVER_EXE), always on 127.0.0.1, first with port 0; the port it
 * chose is read from what it prints.  It is killed when the test process
 * dies, even by an assertion.  Every wait is bounded.
 */
#pragma once

#include <gio/gio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "zx-backup.h"
#include "zx-demo.h"
#include "zx-store.h"

G_BEGIN_DECLS

#define ZX_TEST_SERVER_WAIT_SECONDS 30
#define ZX_TEST_PASSWORD "correct horse 1"

typedef struct
{
  char        *dir;       /* where its files go */
  char        *db_path;
  GSubprocess *process;
  char        *base;      /* http://127.0.0.1:PORT while running */
  char        *out_path;
  char        *err_path;
  guint        starts;
} ZxTestServer;

static inline const char *
zx_test_server_exe (void)
{
  const char *exe = g_getenv ("ZHIXING_SERVER_EXE");

  g_assert_nonnull (exe);
  return exe;
}

static inline ZxTestServer *
zx_test_server_new (const char *dir)
{
  ZxTestServer *server = g_new0 (ZxTestServer, 1);

  server->dir = g_strdup (dir);
  server->db_path = g_build_filename (dir, "server.sqlite", NULL);
  return server;
}

/* Runs zhixing-server --database DB ARGS… with @input on stdin; returns its
 * exit status and, in *@err, what it wrote to stderr. */
static inline int
zx_test_server_cli (ZxTestServer  *server,
                    const char    *input,
                    char         **err,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_text = NULL, *err_text = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) zx_test_server_exe ());
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, server->db_path);
  va_start (args, err);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &out_text, &err_text, &error);
  g_assert_no_error (error);
  if (err != NULL)
    *err = g_steal_pointer (&err_text);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* An account with the password ZX_TEST_PASSWORD */
static inline void
zx_test_server_add_user (ZxTestServer *server,
                         const char   *name,
                         const char   *role,
                         const char   *department_id)
{
  g_autofree char *err = NULL;
  int status;

  if (department_id != NULL)
    status = zx_test_server_cli (server, ZX_TEST_PASSWORD "\n", &err, "user", "add", name,
                                 "--role", role, "--department", department_id, NULL);
  else
    status = zx_test_server_cli (server, ZX_TEST_PASSWORD "\n", &err, "user", "add", name,
                                 "--role", role, NULL);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
}

/* Seeds the server with @store's data through the desktop's export and
 * `zhixing-server import`. */
static inline void
zx_test_server_import (ZxTestServer *server,
                       ZxStore      *store)
{
  g_autofree char *export_path = g_build_filename (server->dir, "seed.json", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  zx_backup_export (store, export_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zx_test_server_cli (server, NULL, &err, "import", export_path, NULL), ==, 0);
}

/* The server dies with the test, even when the test aborts */
static inline void
zx_test_server_child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts it on 127.0.0.1:@port ("0": a free port, read from what it
 * prints; a number: that one again, after a kill) */
static inline void
zx_test_server_start_on (ZxTestServer *server,
                         const char   *port)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%s", port);
  gint64 deadline = g_get_monotonic_time () + ZX_TEST_SERVER_WAIT_SECONDS * G_USEC_PER_SEC;

  g_assert_null (server->process);
  server->starts++;
  g_free (server->out_path);
  g_free (server->err_path);
  server->out_path = g_strdup_printf ("%s/server-%u.out", server->dir, server->starts);
  server->err_path = g_strdup_printf ("%s/server-%u.err", server->dir, server->starts);
  g_subprocess_launcher_set_stdout_file_path (launcher, server->out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->err_path);
  g_subprocess_launcher_set_child_setup (launcher, zx_test_server_child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, zx_test_server_exe (),
                                                 "--database", server->db_path,
                                                 "--listen", listen, NULL);
  g_assert_no_error (error);

  g_clear_pointer (&server->base, g_free);
  while (server->base == NULL && g_get_monotonic_time () < deadline)
    {
      g_autofree char *text = NULL;
      const char *line;

      if (g_file_get_contents (server->out_path, &text, NULL, NULL) &&
          (line = strstr (text, "listening on http://127.0.0.1:")) != NULL && strchr (line, '\n') != NULL)
        server->base = g_strndup (line + strlen ("listening on "),
                                  strchr (line, '\n') - line - strlen ("listening on "));
      else
        g_usleep (10 * 1000);
    }
  g_assert_nonnull (server->base);
}

static inline void
zx_test_server_start (ZxTestServer *server)
{
  zx_test_server_start_on (server, "0");
}

/* SIGKILL, and wait for it */
static inline void
zx_test_server_kill (ZxTestServer *server)
{
  if (server->process == NULL)
    return;
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  g_clear_pointer (&server->base, g_free);
}

static inline void
zx_test_server_free (ZxTestServer *server)
{
  zx_test_server_kill (server);
  g_free (server->dir);
  g_free (server->db_path);
  g_free (server->out_path);
  g_free (server->err_path);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxTestServer, zx_test_server_free)

G_END_DECLS
