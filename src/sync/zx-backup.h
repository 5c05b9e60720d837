/* zx-backup.h — the whole database as a JSON document in the wire format
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

#define ZX_BACKUP_DEFAULT_MAX_BYTES (G_GINT64_CONSTANT (512) * 1024 * 1024)

typedef void (*ZxProgressFunc) (double fraction, gpointer user_data);

/* Writes every synced row, tombstones included, sorted by entity (schema
 * order) then id, with no per-device state: the same data always gives
 * the same bytes.  Written to a temporary file and renamed into place. */
gboolean zx_backup_export (ZxStore       *store,
                           const char    *path,
                           ZxProgressFunc progress,
                           gpointer       user_data,
                           GCancellable  *cancellable,
                           GError       **error);

/* Validates the whole file first (strict JSON, known entities and fields,
 * types, references) and then loads it in one transaction into a database
 * that holds no hospital data yet.  On any error nothing is changed and
 * the message names what is wrong and where (row number, entity, field). */
gboolean zx_backup_import (ZxStore       *store,
                           const char    *path,
                           gint64         max_bytes,
                           ZxProgressFunc progress,
                           gpointer       user_data,
                           GCancellable  *cancellable,
                           GError       **error);

G_END_DECLS
