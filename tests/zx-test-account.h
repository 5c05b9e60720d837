/* zx-test-account.h — a desktop signed in to a sync server, without one
 *
 * What the UI mirrors of the server's roles depends on the account in
 * GSettings (account-role, account-department, account-staff) and on the
 * database being synced with the configured server.  These helpers make a
 * context look so: the database is bound to a made-up server, GSettings
 * (the memory backend in tests) names it and the account, and the
 * keyring is libsecret's file backend, which holds no token (the sync
 * service then waits for a password and never connects).
 *
 * Call zx_test_account_init () in main() before anything uses libsecret,
 * and zx_test_account_cleanup () before returning.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-context.h"
#include "zx-store-private.h"
#include "zx-sync-service.h"
#include "zx-test-util.h"

G_BEGIN_DECLS

#define ZX_TEST_ACCOUNT_SERVER "https://zhixing.invalid"

static char *zx_test_account_keyring_dir;

G_GNUC_UNUSED static void
zx_test_account_init (void)
{
  g_autofree char *keyring = NULL;

  zx_test_account_keyring_dir = zx_test_tmpdir ();
  keyring = g_build_filename (zx_test_account_keyring_dir, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test keyring password", TRUE);
}

G_GNUC_UNUSED static void
zx_test_account_cleanup (void)
{
  if (zx_test_account_keyring_dir != NULL)
    zx_test_rmdir (zx_test_account_keyring_dir);
  g_clear_pointer (&zx_test_account_keyring_dir, g_free);
}

/* A new context on @store signed in as an account of @role (NULL or "":
 * not signed in), department @department and staff member @staff (may
 * be NULL).  The sync service is not "not configured" once it returns. */
G_GNUC_UNUSED static ZxContext *
zx_test_account_context (ZxStore    *store,
                         const char *role,
                         const char *department,
                         const char *staff)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = zx_context_create_settings ();
  ZxContext *context;

  g_assert_nonnull (settings);
  g_assert_true (zx_store_set_local_state (store, "sync_server", ZX_TEST_ACCOUNT_SERVER, &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "server-url", ZX_TEST_ACCOUNT_SERVER);
  g_settings_set_string (settings, "server-user", "test");
  g_settings_set_string (settings, "account-role", role != NULL ? role : "");
  g_settings_set_string (settings, "account-department", department != NULL ? department : "");
  g_settings_set_string (settings, "account-staff", staff != NULL ? staff : "");
  context = zx_context_new (store, settings);
  g_assert_cmpint (zx_sync_service_get_state (zx_context_get_sync_service (context)), !=,
                   ZX_SYNC_STATE_NOT_CONFIGURED);
  return context;
}

/* Signs out again: other tests in the process share the memory backend */
G_GNUC_UNUSED static void
zx_test_account_sign_out (void)
{
  g_autoptr(GSettings) settings = zx_context_create_settings ();

  g_settings_set_string (settings, "account-role", "");
  g_settings_set_string (settings, "account-department", "");
  g_settings_set_string (settings, "account-staff", "");
  g_settings_set_string (settings, "server-url", "");
  g_settings_set_string (settings, "server-user", "");
}

G_END_DECLS
