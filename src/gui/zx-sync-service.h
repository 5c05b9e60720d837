/* zx-sync-service.h — sync in the background, and its state for the window
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zx-store.h"

G_BEGIN_DECLS

typedef enum
{
  ZX_SYNC_STATE_NOT_CONFIGURED,  /* no server, or the demo hospital */
  ZX_SYNC_STATE_UP_TO_DATE,
  ZX_SYNC_STATE_PENDING,         /* changes waiting to be sent */
  ZX_SYNC_STATE_SYNCING,
  ZX_SYNC_STATE_OFFLINE,         /* the server could not be reached; retried */
  ZX_SYNC_STATE_ERROR,           /* :message says why */
  ZX_SYNC_STATE_SIGN_IN_NEEDED,  /* no token, or the server refused it */
} ZxSyncState;

GType zx_sync_state_get_type (void) G_GNUC_CONST;
#define ZX_TYPE_SYNC_STATE (zx_sync_state_get_type ())

#define ZX_TYPE_SYNC_SERVICE (zx_sync_service_get_type ())

G_DECLARE_FINAL_TYPE (ZxSyncService, zx_sync_service, ZX, SYNC_SERVICE, GObject)

/* Syncs the database of @store (followed when the context switches
 * databases: see zx_sync_service_set_store()) with the server in
 * @settings.  @settings NULL: never configured. */
ZxSyncService *zx_sync_service_new            (ZxStore       *store,
                                               GSettings     *settings);
void           zx_sync_service_set_store      (ZxSyncService *self,
                                               ZxStore       *store);

ZxSyncState    zx_sync_service_get_state      (ZxSyncService *self);
gint64         zx_sync_service_get_pending    (ZxSyncService *self);
/* A translated sentence for offline, error and sign-in-needed, or NULL */
const char    *zx_sync_service_get_message    (ZxSyncService *self);
/* When the last complete sync ended, or NULL */
GDateTime     *zx_sync_service_get_last_synced (ZxSyncService *self);
guint          zx_sync_service_get_conflicts  (ZxSyncService *self);
guint          zx_sync_service_get_refusals   (ZxSyncService *self);
/* What a sync is doing now ("Sending 120 changes…"), or NULL */
const char    *zx_sync_service_get_progress   (ZxSyncService *self);
/* FALSE for the demo hospital, which stays on this computer */
gboolean       zx_sync_service_get_can_sync   (ZxSyncService *self);

/* The label the header bar and the preferences show for the state:
 * "Up to date", "3 changes waiting", … (translated, new string) */
char          *zx_sync_service_describe       (ZxSyncService *self);

/* "Last synced today at 14:05", "Never synced" (translated, new string) */
char          *zx_sync_service_describe_last  (ZxSyncService *self);
/* The icon for the state */
const char    *zx_sync_service_get_icon_name  (ZxSyncService *self);
/* The server's address and the user name, or NULL when signed out */
const char    *zx_sync_service_get_url        (ZxSyncService *self);
const char    *zx_sync_service_get_user       (ZxSyncService *self);
/* The server this database last synced with, or NULL: a first sign-in
 * (or one to another server) replaces the local data */
const char    *zx_sync_service_get_bound_server (ZxSyncService *self);

/* "Department head" for "head" (translated); @role itself when unknown */
const char    *zx_sync_role_label             (const char    *role);

/* Checks the address (a bad one fails at once and nothing is saved), signs
 * in on a worker thread, keeps the token in the keyring, saves the server,
 * user and the account's role, department and staff member in the
 * settings, then syncs. */
void           zx_sync_service_sign_in_async  (ZxSyncService       *self,
                                               const char          *url,
                                               const char          *user,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean       zx_sync_service_sign_in_finish (ZxSyncService       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Forgets the token and the account (changes waiting stay queued). */
void           zx_sync_service_sign_out       (ZxSyncService *self);

/* Starts a sync now, unless one runs (then another follows it). */
void           zx_sync_service_sync_now       (ZxSyncService *self);
/* The conflicts or refusals changed (the conflicts dialog resolved one) */
void           zx_sync_service_refresh        (ZxSyncService *self);
/* Cancels a running sync and waits (briefly) for its thread; no more
 * syncs start.  The window calls it when it closes. */
void           zx_sync_service_shutdown       (ZxSyncService *self);

G_END_DECLS
