/* zx-backup-task.h — export and import a backup off the UI thread
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zx-backup.h"

G_BEGIN_DECLS

typedef enum
{
  ZX_BACKUP_TASK_EXPORT,
  ZX_BACKUP_TASK_IMPORT,
} ZxBackupTaskKind;

/* Runs the export or import in a worker thread on its own connection to
 * the database at @db_path (SQLite in WAL mode lets the window keep its
 * own).  @progress is called on the calling thread's main context.
 * After an import the caller emits ::reloaded on its store. */
void     zx_backup_task_run_async (const char          *db_path,
                                   ZxBackupTaskKind     kind,
                                   GFile               *file,
                                   ZxProgressFunc       progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean zx_backup_task_finish    (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
