/* zx-server.h — the HTTP API of zhixing-server
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zx-server-storage.h"

G_BEGIN_DECLS

/* The largest request body accepted, in bytes (larger: 413). */
#define ZX_SERVER_MAX_BODY (1024 * 1024)
/* A session token's lifetime, in seconds. */
#define ZX_SERVER_TOKEN_LIFETIME (30 * 24 * 3600)
/* Failed sign-ins per account and address within the window before 429. */
#define ZX_SERVER_MAX_FAILURES 5
#define ZX_SERVER_FAILURE_WINDOW (15 * 60)
/* Seconds a connection may wait on the client before it is closed. */
#define ZX_SERVER_DEFAULT_IDLE_TIMEOUT 30

#define ZX_TYPE_SERVER (zx_server_get_type ())
G_DECLARE_FINAL_TYPE (ZxServer, zx_server, ZX, SERVER, GObject)

/* Serves @storage on the thread-default main context of the caller; the
 * storage must outlive the server. */
ZxServer   *zx_server_new     (ZxServerStorage  *storage,
                               guint             idle_timeout);

/* Listens on @address (an IP address and port; port 0 picks a free one).
 * @certificate, if not NULL, makes it HTTPS. */
gboolean    zx_server_listen  (ZxServer         *self,
                               GInetSocketAddress *address,
                               GTlsCertificate  *certificate,
                               GError          **error);

/* Stops listening and waits for the storage work under way to end; call
 * it before freeing the storage. */
void        zx_server_stop    (ZxServer         *self);

/* The port listened on, after zx_server_listen (). */
guint16     zx_server_get_port (ZxServer        *self);

/* Parses "IP:PORT" or "[IPv6]:PORT"; names are refused. */
GInetSocketAddress *zx_server_parse_address (const char  *text,
                                             GError     **error);

G_END_DECLS
