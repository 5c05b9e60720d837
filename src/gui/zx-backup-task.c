/* zx-backup-task.c — export and import a backup off the UI thread
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-backup-task"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-backup-task.h"

typedef struct
{
  char            *db_path;
  char            *file_path;
  ZxBackupTaskKind kind;
  ZxProgressFunc   progress;
  gpointer         progress_data;
  GMainContext    *context;
  /* Worker side: the last fraction posted, in percent */
  int              last_percent;
} TaskData;

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressUpdate;

static void
task_data_free (gpointer data)
{
  TaskData *td = data;

  g_free (td->db_path);
  g_free (td->file_path);
  g_main_context_unref (td->context);
  g_free (td);
}

static gboolean
progress_idle (gpointer data)
{
  ProgressUpdate *update = data;
  TaskData *td = g_task_get_task_data (update->task);

  if (!g_task_get_completed (update->task) && td->progress != NULL)
    td->progress (update->fraction, td->progress_data);

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->task);
  g_free (update);
}

/* Worker thread: post at most one update per percent */
static void
worker_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  TaskData *td = g_task_get_task_data (task);
  int percent = (int) (fraction * 100);
  ProgressUpdate *update;

  if (percent == td->last_percent)
    return;
  td->last_percent = percent;

  update = g_new0 (ProgressUpdate, 1);
  update->task = g_object_ref (task);
  update->fraction = fraction;
  g_main_context_invoke_full (td->context, G_PRIORITY_DEFAULT, progress_idle,
                              update, progress_update_free);
}

static void
worker (GTask        *task,
        gpointer      source_object,
        gpointer      task_data,
        GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  gboolean ok;

  store = zx_store_open (td->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (td->kind == ZX_BACKUP_TASK_EXPORT)
    ok = zx_backup_export (store, td->file_path, worker_progress, task, cancellable, &error);
  else
    ok = zx_backup_import (store, td->file_path, ZX_BACKUP_DEFAULT_MAX_BYTES,
                           worker_progress, task, cancellable, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
zx_backup_task_run_async (const char          *db_path,
                          ZxBackupTaskKind     kind,
                          GFile               *file,
                          ZxProgressFunc       progress,
                          gpointer             progress_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zx_backup_task_run_async);
  g_task_set_name (task, "zx-backup-task");

  td = g_new0 (TaskData, 1);
  td->db_path = g_strdup (db_path);
  td->file_path = g_file_get_path (file);
  td->kind = kind;
  td->progress = progress;
  td->progress_data = progress_data;
  td->context = g_main_context_ref_thread_default ();
  td->last_percent = -1;
  g_task_set_task_data (task, td, task_data_free);

  if (td->file_path == NULL)
    {
      g_task_return_new_error (task, ZX_ERROR, ZX_ERROR_FAILED,
                               _("Backups can only be written to and read from local files."));
      return;
    }

  g_task_run_in_thread (task, worker);
}

gboolean
zx_backup_task_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, zx_backup_task_run_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
