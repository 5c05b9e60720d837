/* zx-secret.h — the server sign-in token in the keyring
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The token of @user on @server (a normalised server address) is kept by
 * the Secret Service under the schema "io.github.zhixing.Zhixing.Token"
 * with the attributes "server" and "user".  Only libsecret's asynchronous
 * calls are used: its synchronous ones may block without end. */

void      zx_secret_store_token_async   (const char          *server,
                                         const char          *user,
                                         const char          *token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  zx_secret_store_token_finish  (GAsyncResult        *result,
                                         GError             **error);

/* Returns the token, or NULL: with @error set when the keyring could not
 * be read, without when there is no token. */
void      zx_secret_lookup_token_async  (const char          *server,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char     *zx_secret_lookup_token_finish (GAsyncResult        *result,
                                         GError             **error);

/* Removes the token; TRUE also when there was none. */
void      zx_secret_clear_token_async   (const char          *server,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  zx_secret_clear_token_finish  (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
