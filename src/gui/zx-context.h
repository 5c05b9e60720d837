/* zx-context.h — what windows and pages share: the store and the settings
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zx-store.h"
#include "zx-sync-service.h"

G_BEGIN_DECLS

#define ZX_TYPE_CONTEXT (zx_context_get_type ())

G_DECLARE_FINAL_TYPE (ZxContext, zx_context, ZX, CONTEXT, GObject)

/* @settings may be NULL: then the schema is looked up, and when it is not
 * installed (an uninstalled run without GSETTINGS_SCHEMA_DIR) nothing is
 * remembered. */
ZxContext  *zx_context_new          (ZxStore    *store,
                                     GSettings  *settings);
ZxStore    *zx_context_get_store    (ZxContext  *self);
/* Switches every view to another database; notifies ::store. */
void        zx_context_set_store    (ZxContext  *self,
                                     ZxStore    *store);
/* NULL when the GSettings schema is not installed. */
GSettings  *zx_context_get_settings (ZxContext  *self);
/* Syncs the context's database with the server (made on first use; it
 * follows ::store).  Never NULL. */
ZxSyncService *zx_context_get_sync_service (ZxContext *self);
/* Stops syncing: cancels a run and waits for it (the window closes) */
void        zx_context_shutdown     (ZxContext  *self);
/* Creates the settings object for the application's schema, or NULL. */
GSettings  *zx_context_create_settings (void);

/* Where databases live: g_get_user_data_dir()/zhixing/NAME. */
char       *zx_context_default_database_path (GSettings *settings);
char       *zx_context_demo_database_path    (void);
/* Opens (creating when missing) the demo database and fills it with the
 * demo hospital when it is empty. */
ZxStore    *zx_context_open_demo_store       (GError   **error);

G_END_DECLS
