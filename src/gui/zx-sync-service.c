/* zx-sync-service.c — sync in the background, and its state for the window
 *
 * One service per window's context.  It follows the store's queue of
 * changes, syncs 3 s after local changes settle, every "sync-interval"
 * minutes, at start-up and on demand, one run at a time on a worker thread
 * (zx_sync_run() opens its own connection; the window's store stays on the
 * main thread and is told afterwards what changed).  An unreachable server
 * is retried with a growing pause; a refused token (401) keeps every
 * change and asks for the password again.
 *
 * A database syncs only with the server it is bound to (the one it last
 * synced with), or with the one its window signed in to: opening another
 * file never replaces its data behind the person's back.  The demo
 * hospital never syncs.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-sync-service"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-context.h"
#include "zx-replica.h"
#include "zx-secret.h"
#include "zx-sync-client.h"
#include "zx-sync-service.h"

#define SETTLE_SECONDS      3     /* after the last local change */
#define STARTUP_SECONDS     1
#define RETRY_FIRST_SECONDS 10    /* offline: 10 s, 20 s, 40 s … */
#define RETRY_MAX_SECONDS   300
#define SHUTDOWN_WAIT_USEC  (5 * G_USEC_PER_SEC)

struct _ZxSyncService
{
  GObject       parent_instance;

  ZxStore      *store;
  GSettings    *settings;

  /* the account, as last read from the settings */
  char         *url;
  char         *user;
  char         *token;            /* NULL: none (yet) */
  gboolean      looking_up;       /* the keyring is being asked */
  guint         lookup_generation; /* changes with the account */
  gboolean      demo;             /* the store is the demo hospital's */
  char         *bound_server;     /* the server the database is bound to */
  gboolean      bind_here;        /* signed in from this window: may bind */

  ZxSyncState   state;
  ZxSyncState   failure;          /* OFFLINE, ERROR or UP_TO_DATE (none) */
  gint64        pending;
  char         *message;
  char         *progress;
  GDateTime    *last_synced;
  guint         conflicts;
  guint         refusals;

  gboolean      running;
  gboolean      again;            /* a sync was asked for while one ran */
  gboolean      notifying;        /* telling the store what a sync changed */
  gboolean      shut_down;
  GCancellable *run_cancellable;
  GCancellable *cancellable;      /* keyring calls; cancelled at shutdown */

  guint         settle_id;
  guint         interval_id;
  guint         retry_id;
  guint         startup_id;
  guint         account_id;
  guint         retry_seconds;

  /* the worker thread of a run, for shutdown */
  GMutex        lock;
  GCond         cond;
  gboolean      thread_busy;
};

G_DEFINE_FINAL_TYPE (ZxSyncService, zx_sync_service, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ZxSyncState, zx_sync_state,
  G_DEFINE_ENUM_VALUE (ZX_SYNC_STATE_NOT_CONFIGURED, "not-configured"),
  G_DEFINE_ENUM_VALUE (ZX_SYNC_STATE_UP_TO_DATE, "up-to-date"),
  G_DEFINE_ENUM_VALUE (ZX_SYNC_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (ZX_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (ZX_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (ZX_SYNC_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (ZX_SYNC_STATE_SIGN_IN_NEEDED, "sign-in-needed"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_STATE,
  PROP_PENDING,
  PROP_MESSAGE,
  PROP_PROGRESS,
  PROP_LAST_SYNCED,
  PROP_CONFLICTS,
  PROP_REFUSALS,
  PROP_CAN_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_interval (ZxSyncService *self);

/* State ---------------------------------------------------------------------- */

static gboolean
is_demo (ZxSyncService *self)
{
  return self->demo;
}

static gboolean
configured (ZxSyncService *self)
{
  return self->url != NULL && *self->url != '\0' && self->user != NULL && *self->user != '\0';
}

/* This database may sync with the configured server */
static gboolean
may_sync (ZxSyncService *self)
{
  if (self->shut_down || self->store == NULL || !configured (self) || is_demo (self))
    return FALSE;
  return self->bind_here || g_strcmp0 (self->bound_server, self->url) == 0;
}

static void
set_message (ZxSyncService *self,
             const char    *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
set_progress (ZxSyncService *self,
              const char    *progress)
{
  if (g_strcmp0 (self->progress, progress) == 0)
    return;
  g_free (self->progress);
  self->progress = g_strdup (progress);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
update_state (ZxSyncService *self)
{
  ZxSyncState state;

  if (!may_sync (self))
    state = ZX_SYNC_STATE_NOT_CONFIGURED;
  else if (self->running)
    state = ZX_SYNC_STATE_SYNCING;
  else if (self->token == NULL && !self->looking_up)
    state = ZX_SYNC_STATE_SIGN_IN_NEEDED;
  else if (self->failure != ZX_SYNC_STATE_UP_TO_DATE)
    state = self->failure;
  else if (self->pending > 0 || self->last_synced == NULL || self->looking_up)
    state = ZX_SYNC_STATE_PENDING;
  else
    state = ZX_SYNC_STATE_UP_TO_DATE;

  if (state == ZX_SYNC_STATE_NOT_CONFIGURED)
    {
      if (is_demo (self))
        set_message (self, _("The demo hospital stays on this computer and is never synced."));
      else if (configured (self) && self->store != NULL)
        set_message (self, _("This database is not synced with the server. Sign in from its preferences to sync it."));
      else
        set_message (self, NULL);
    }
  else if (state == ZX_SYNC_STATE_SIGN_IN_NEEDED && self->message == NULL)
    set_message (self, _("Enter your password again to sync. Your changes are kept until then."));
  else if (state == ZX_SYNC_STATE_UP_TO_DATE || state == ZX_SYNC_STATE_PENDING)
    set_message (self, NULL);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
update_pending (ZxSyncService *self)
{
  gint64 pending = self->store != NULL ? zx_store_queue_length (self->store) : 0;

  if (pending != self->pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  update_state (self);
}

static void
update_counts (ZxSyncService *self)
{
  guint conflicts = 0, refusals = 0;

  if (self->store != NULL)
    {
      g_autoptr(GPtrArray) c = zx_replica_list_conflicts (self->store);
      g_autoptr(GPtrArray) r = zx_replica_list_refusals (self->store);

      conflicts = c != NULL ? c->len : 0;
      refusals = r != NULL ? r->len : 0;
    }

  if (conflicts != self->conflicts)
    {
      self->conflicts = conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
  if (refusals != self->refusals)
    {
      self->refusals = refusals;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSALS]);
    }
}

static void
set_last_synced (ZxSyncService *self,
                 GDateTime     *when)
{
  if (self->last_synced == when)
    return;
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  self->last_synced = when != NULL ? g_date_time_ref (when) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

static void
load_last_synced (ZxSyncService *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (self->settings != NULL && may_sync (self))
    text = g_settings_get_string (self->settings, "last-sync");
  if (text != NULL && *text != '\0')
    when = g_date_time_new_from_iso8601 (text, NULL);
  set_last_synced (self, when);
}

static void
read_bound_server (ZxSyncService *self)
{
  g_clear_pointer (&self->bound_server, g_free);
  if (self->store != NULL)
    self->bound_server = zx_replica_get_server (self->store);
}

/* Runs ----------------------------------------------------------------------- */

typedef struct
{
  char          *db_path;
  char          *url;
  char          *token;
  ZxSyncService *service;  /* the thread's own reference, for progress */
  ZxSyncReport  *report;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->db_path);
  g_free (data->url);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_clear_object (&data->service);
  g_clear_pointer (&data->report, zx_sync_report_free);
  g_free (data);
}

typedef struct
{
  ZxSyncService *service;
  char          *what;
} Progress;

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->service->running)
    set_progress (progress->service, progress->what);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer user_data)
{
  Progress *progress = user_data;

  g_object_unref (progress->service);
  g_free (progress->what);
  g_free (progress);
}

/* On the worker thread */
static void
run_progress_cb (double      fraction,
                 const char *what,
                 gpointer    user_data)
{
  RunData *data = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->service = g_object_ref (data->service);
  progress->what = g_strdup (what);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_idle, progress, progress_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ZxSyncService *self = source_object;
  RunData *data = task_data;
  GError *error = NULL;

  if (zx_sync_run (data->db_path, data->url, data->token, cancellable,
                   run_progress_cb, data, &data->report, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  g_mutex_lock (&self->lock);
  self->thread_busy = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
token_cleared_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!zx_secret_clear_token_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not remove the sign-in from the keyring: %s", error->message);
}

static gboolean
retry_cb (gpointer user_data)
{
  ZxSyncService *self = user_data;

  self->retry_id = 0;
  zx_sync_service_sync_now (self);
  return G_SOURCE_REMOVE;
}

/* Tells the window's store what the sync changed through its own
 * connection, so every view updates */
static void
notify_store (ZxSyncService *self,
              ZxSyncReport  *report)
{
  self->notifying = TRUE;
  if (report->reloaded || report->bootstrapped)
    zx_store_notify_reloaded (self->store);
  else if (report->changed != NULL)
    for (guint i = 0; i < report->changed->len; i++)
      {
        const char *key = g_ptr_array_index (report->changed, i);
        const char *newline = strchr (key, '\n');
        g_autofree char *entity = NULL;

        if (newline == NULL)
          continue;
        entity = g_strndup (key, newline - key);
        zx_store_notify_changed (self->store, entity, newline + 1);
      }
  self->notifying = FALSE;
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ZxSyncService *self = ZX_SYNC_SERVICE (source);
  RunData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->run_cancellable);
  if (self->shut_down)
    return;

  self->running = FALSE;
  set_progress (self, NULL);

  /* The account changed while this ran: its result is of no interest */
  if (g_strcmp0 (data->url, self->url) != 0 || !may_sync (self))
    {
      update_state (self);
      return;
    }

  if (ok)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format_iso8601 (now);
      ZxSyncReport *report = data->report;

      self->failure = ZX_SYNC_STATE_UP_TO_DATE;
      self->retry_seconds = 0;
      g_clear_handle_id (&self->retry_id, g_source_remove);
      set_message (self, NULL);
      read_bound_server (self);
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "last-sync", stamp);
      set_last_synced (self, now);
      if (report != NULL)
        {
          notify_store (self, report);
          if (report->bootstrapped && report->backup_path != NULL)
            g_signal_emit (self, signals[SIGNAL_REPLACED], 0, report->backup_path);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: nothing to say */
    }
  else if (g_error_matches (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_OFFLINE))
    {
      self->failure = ZX_SYNC_STATE_OFFLINE;
      set_message (self, error->message);
      self->retry_seconds = self->retry_seconds == 0
                            ? RETRY_FIRST_SECONDS
                            : MIN (self->retry_seconds * 2, RETRY_MAX_SECONDS);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      self->retry_id = g_timeout_add_seconds (self->retry_seconds, retry_cb, self);
    }
  else if (g_error_matches (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_UNAUTHORIZED))
    {
      /* The token is no good any more: forget it, keep every change */
      self->failure = ZX_SYNC_STATE_UP_TO_DATE;
      if (self->token != NULL)
        {
          memset (self->token, 0, strlen (self->token));
          g_clear_pointer (&self->token, g_free);
        }
      zx_secret_clear_token_async (self->url, self->user, self->cancellable, token_cleared_cb, NULL);
      set_message (self, _("The server asks you to sign in again. Your changes are kept and sent once you have."));
    }
  else
    {
      g_warning ("Sync failed: %s", error->message);
      self->failure = ZX_SYNC_STATE_ERROR;
      set_message (self, error->message);
    }

  update_counts (self);
  update_pending (self);

  if (self->again)
    {
      self->again = FALSE;
      if (self->failure == ZX_SYNC_STATE_UP_TO_DATE)
        zx_sync_service_sync_now (self);
    }
}

void
zx_sync_service_sync_now (ZxSyncService *self)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (ZX_IS_SYNC_SERVICE (self));

  if (!may_sync (self) || self->token == NULL)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->startup_id, g_source_remove);
  schedule_interval (self);

  data = g_new0 (RunData, 1);
  data->db_path = g_strdup (zx_store_get_path (self->store));
  data->url = g_strdup (self->url);
  data->token = g_strdup (self->token);
  data->service = g_object_ref (self);

  self->running = TRUE;
  self->run_cancellable = g_cancellable_new ();
  set_progress (self, _("Syncing…"));
  update_state (self);

  g_mutex_lock (&self->lock);
  self->thread_busy = TRUE;
  g_mutex_unlock (&self->lock);

  task = g_task_new (self, self->run_cancellable, run_done, NULL);
  g_task_set_source_tag (task, zx_sync_service_sync_now);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  /* The run's cancellation is noticed by zx_sync_run() itself */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

/* Timers --------------------------------------------------------------------- */

static gboolean
settle_cb (gpointer user_data)
{
  ZxSyncService *self = user_data;

  self->settle_id = 0;
  zx_sync_service_sync_now (self);
  return G_SOURCE_REMOVE;
}

static gboolean
interval_cb (gpointer user_data)
{
  ZxSyncService *self = user_data;

  self->interval_id = 0;
  zx_sync_service_sync_now (self);
  schedule_interval (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_interval (ZxSyncService *self)
{
  int minutes;

  g_clear_handle_id (&self->interval_id, g_source_remove);
  if (self->settings == NULL || !may_sync (self))
    return;
  minutes = MAX (1, g_settings_get_int (self->settings, "sync-interval"));
  self->interval_id = g_timeout_add_seconds ((guint) minutes * 60, interval_cb, self);
}

static gboolean
startup_cb (gpointer user_data)
{
  ZxSyncService *self = user_data;

  self->startup_id = 0;
  zx_sync_service_sync_now (self);
  return G_SOURCE_REMOVE;
}

/* The store ------------------------------------------------------------------ */

static void
store_changed_cb (ZxSyncService *self,
                  const char    *entity,
                  const char    *id,
                  ZxStore       *store)
{
  update_pending (self);

  /* A local change: sync once changes settle (not for rows a sync wrote) */
  if (!self->notifying && self->pending > 0 && may_sync (self) && self->token != NULL &&
      self->failure != ZX_SYNC_STATE_OFFLINE)
    {
      g_clear_handle_id (&self->settle_id, g_source_remove);
      self->settle_id = g_timeout_add_seconds (SETTLE_SECONDS, settle_cb, self);
    }
}

static void
store_reloaded_cb (ZxSyncService *self,
                   ZxStore       *store)
{
  update_pending (self);
  if (!self->notifying)
    update_counts (self);
}

/* The account ---------------------------------------------------------------- */

typedef struct
{
  ZxSyncService *service;
  guint          generation;
} LookupData;

static LookupData *
lookup_data_new (ZxSyncService *self)
{
  LookupData *data = g_new0 (LookupData, 1);

  data->service = g_object_ref (self);
  data->generation = self->lookup_generation;
  return data;
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LookupData *data = user_data;
  g_autoptr(ZxSyncService) self = data->service;
  guint generation = data->generation;
  g_autoptr(GError) error = NULL;
  char *token = zx_secret_lookup_token_finish (result, &error);

  g_free (data);

  /* Cancelled, or an answer about an account that is not this one any more */
  if (self->shut_down || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      generation != self->lookup_generation)
    {
      g_free (token);
      return;
    }

  self->looking_up = FALSE;
  g_free (self->token);
  self->token = token;
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      set_message (self, error->message);
    }
  update_state (self);

  if (self->token != NULL && may_sync (self))
    {
      g_clear_handle_id (&self->startup_id, g_source_remove);
      self->startup_id = g_timeout_add_seconds (STARTUP_SECONDS, startup_cb, self);
      schedule_interval (self);
    }
}

/* Reads the account from the settings; asks the keyring for its token
 * when it changed */
static void
load_account (ZxSyncService *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;

  if (self->settings != NULL)
    {
      url = g_settings_get_string (self->settings, "server-url");
      user = g_settings_get_string (self->settings, "server-user");
    }

  if (g_strcmp0 (url, self->url) == 0 && g_strcmp0 (user, self->user) == 0)
    return;

  g_free (self->url);
  self->url = g_steal_pointer (&url);
  g_free (self->user);
  self->user = g_steal_pointer (&user);
  self->lookup_generation++;
  self->looking_up = FALSE;
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  self->failure = ZX_SYNC_STATE_UP_TO_DATE;
  self->bind_here = FALSE;
  set_message (self, NULL);
  load_last_synced (self);

  if (configured (self) && !self->shut_down)
    {
      self->looking_up = TRUE;
      zx_secret_lookup_token_async (self->url, self->user, self->cancellable,
                                    lookup_done, lookup_data_new (self));
    }
  schedule_interval (self);
  update_state (self);
}

static gboolean
account_idle_cb (gpointer user_data)
{
  ZxSyncService *self = user_data;

  self->account_id = 0;
  load_account (self);
  return G_SOURCE_REMOVE;
}

static void
settings_changed_cb (ZxSyncService *self,
                     const char    *key,
                     GSettings     *settings)
{
  /* Once every key of a change is written: the keys arrive one by one */
  if ((g_str_equal (key, "server-url") || g_str_equal (key, "server-user")) && self->account_id == 0)
    self->account_id = g_idle_add (account_idle_cb, self);
  else if (g_str_equal (key, "sync-interval"))
    schedule_interval (self);
}

typedef struct
{
  char          *url;
  char          *user;
  char          *password;
  ZxSyncSession *session;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_clear_pointer (&data->session, zx_sync_session_free);
  g_free (data);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignInData *data = task_data;
  GError *error = NULL;

  data->session = zx_sync_sign_in (data->url, data->user, data->password, cancellable, &error);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  if (data->session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZxSyncService *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_url = NULL;
  g_autofree char *old_user = NULL;

  if (!zx_secret_store_token_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->shut_down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return;
    }

  /* Another account's token is of no use any more */
  old_url = g_strdup (self->url);
  old_user = g_strdup (self->user);
  if (old_url != NULL && *old_url != '\0' && old_user != NULL && *old_user != '\0' &&
      (g_strcmp0 (old_url, data->url) != 0 || g_strcmp0 (old_user, data->user) != 0))
    zx_secret_clear_token_async (old_url, old_user, self->cancellable, token_cleared_cb, NULL);

  /* The account first, so that the settings' change signals find it known */
  g_free (self->url);
  self->url = g_strdup (data->url);
  g_free (self->user);
  self->user = g_strdup (data->user);
  g_free (self->token);
  self->token = g_strdup (data->session->token);
  self->lookup_generation++;
  self->looking_up = FALSE;
  self->bind_here = TRUE;
  self->failure = ZX_SYNC_STATE_UP_TO_DATE;
  set_message (self, NULL);

  if (self->settings != NULL)
    {
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "server-url", data->url);
      g_settings_set_string (self->settings, "server-user", data->user);
      g_settings_set_string (self->settings, "account-role",
                             data->session->role ? data->session->role : "");
      g_settings_set_string (self->settings, "account-department",
                             data->session->department_id ? data->session->department_id : "");
      g_settings_set_string (self->settings, "account-staff",
                             data->session->staff_id ? data->session->staff_id : "");
      if (g_strcmp0 (self->bound_server, data->url) != 0)
        g_settings_set_string (self->settings, "last-sync", "");
      g_settings_apply (self->settings);
    }
  load_last_synced (self);
  update_state (self);
  g_task_return_boolean (task, TRUE);

  zx_sync_service_sync_now (self);
}

static void
sign_in_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZxSyncService *self = ZX_SYNC_SERVICE (source);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  if (self->shut_down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return;
    }
  zx_secret_store_token_async (data->url, data->user, data->session->token,
                               cancellable, token_stored_cb, g_steal_pointer (&task));
}

void
zx_sync_service_sign_in_async (ZxSyncService       *self,
                               const char          *url,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *name = NULL;
  SignInData *data;

  g_return_if_fail (ZX_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zx_sync_service_sign_in_async);

  if (is_demo (self))
    {
      g_task_return_new_error (task, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID, "%s",
                               _("The demo hospital stays on this computer and is never synced. Open your hospital’s database to sign in."));
      return;
    }

  normalized = zx_sync_normalize_url (url != NULL ? url : "", &error);
  if (normalized == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  name = g_strstrip (g_strdup (user != NULL ? user : ""));
  if (*name == '\0')
    {
      g_task_return_new_error (task, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID, "%s",
                               _("Enter your user name on the server."));
      return;
    }
  if (password == NULL || *password == '\0')
    {
      g_task_return_new_error (task, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID, "%s",
                               _("Enter your password."));
      return;
    }

  data = g_new0 (SignInData, 1);
  data->url = g_steal_pointer (&normalized);
  data->user = g_steal_pointer (&name);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  worker = g_task_new (self, cancellable, sign_in_done, g_object_ref (task));
  g_task_set_source_tag (worker, zx_sync_service_sign_in_async);
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, sign_in_thread);
}

gboolean
zx_sync_service_sign_in_finish (ZxSyncService  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
zx_sync_service_sign_out (ZxSyncService *self)
{
  g_return_if_fail (ZX_IS_SYNC_SERVICE (self));

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  if (configured (self))
    zx_secret_clear_token_async (self->url, self->user, self->cancellable, token_cleared_cb, NULL);

  if (self->settings != NULL)
    {
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "server-user", "");
      g_settings_set_string (self->settings, "account-role", "");
      g_settings_set_string (self->settings, "account-department", "");
      g_settings_set_string (self->settings, "account-staff", "");
      g_settings_set_string (self->settings, "last-sync", "");
      g_settings_apply (self->settings);
    }
  /* Without settings (tests) the account is forgotten here */
  g_clear_pointer (&self->user, g_free);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  self->bind_here = FALSE;
  self->looking_up = FALSE;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->startup_id, g_source_remove);
  g_clear_handle_id (&self->interval_id, g_source_remove);
  set_last_synced (self, NULL);
  update_state (self);
}

void
zx_sync_service_refresh (ZxSyncService *self)
{
  g_return_if_fail (ZX_IS_SYNC_SERVICE (self));

  update_counts (self);
  update_pending (self);
}

void
zx_sync_service_shutdown (ZxSyncService *self)
{
  gint64 deadline;

  g_return_if_fail (ZX_IS_SYNC_SERVICE (self));

  if (self->shut_down)
    return;
  self->shut_down = TRUE;

  g_cancellable_cancel (self->cancellable);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->startup_id, g_source_remove);
  g_clear_handle_id (&self->interval_id, g_source_remove);
  g_clear_handle_id (&self->account_id, g_source_remove);

  /* A cancelled run ends within moments: wait for it, so that the process
   * never exits with a worker in the middle of a transaction */
  deadline = g_get_monotonic_time () + SHUTDOWN_WAIT_USEC;
  g_mutex_lock (&self->lock);
  while (self->thread_busy)
    if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
      break;
  g_mutex_unlock (&self->lock);
}

void
zx_sync_service_set_store (ZxSyncService *self,
                           ZxStore       *store)
{
  g_return_if_fail (ZX_IS_SYNC_SERVICE (self));
  g_return_if_fail (store == NULL || ZX_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  {
    /* zx_context_demo_database_path() without making its folder */
    g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "zhixing", "demo.db", NULL);

    self->demo = store != NULL && g_strcmp0 (zx_store_get_path (store), demo) == 0;
  }
  self->bind_here = FALSE;
  self->failure = ZX_SYNC_STATE_UP_TO_DATE;
  set_message (self, NULL);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);
    }
  read_bound_server (self);
  load_last_synced (self);
  update_counts (self);
  update_pending (self);
  schedule_interval (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);

  if (self->token != NULL && may_sync (self) && !self->running)
    {
      g_clear_handle_id (&self->startup_id, g_source_remove);
      self->startup_id = g_timeout_add_seconds (STARTUP_SECONDS, startup_cb, self);
    }
}

/* Getters ---------------------------------------------------------------------- */

ZxSyncState
zx_sync_service_get_state (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), ZX_SYNC_STATE_NOT_CONFIGURED);
  return self->state;
}

gint64
zx_sync_service_get_pending (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), 0);
  return self->pending;
}

const char *
zx_sync_service_get_message (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);
  return self->message;
}

const char *
zx_sync_service_get_progress (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);
  return self->progress;
}

GDateTime *
zx_sync_service_get_last_synced (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);
  return self->last_synced;
}

guint
zx_sync_service_get_conflicts (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), 0);
  return self->conflicts;
}

guint
zx_sync_service_get_refusals (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), 0);
  return self->refusals;
}

gboolean
zx_sync_service_get_can_sync (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), FALSE);
  return self->store != NULL && !is_demo (self);
}

char *
zx_sync_service_describe (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);

  switch (self->state)
    {
    case ZX_SYNC_STATE_NOT_CONFIGURED:
      return g_strdup (_("Not connected to a server"));
    case ZX_SYNC_STATE_UP_TO_DATE:
      return g_strdup (_("Up to date"));
    case ZX_SYNC_STATE_PENDING:
      if (self->pending <= 0)
        return g_strdup (_("Waiting to sync"));
      /* Translators: changes made on this computer not yet sent to the server */
      return g_strdup_printf (ngettext ("%d change waiting", "%d changes waiting",
                                        (gulong) MIN (self->pending, G_MAXINT)),
                              (int) MIN (self->pending, G_MAXINT));
    case ZX_SYNC_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case ZX_SYNC_STATE_OFFLINE:
      return g_strdup (_("Offline — changes are kept and sent later"));
    case ZX_SYNC_STATE_ERROR:
      /* Translators: %s says what went wrong */
      return g_strdup_printf (_("Error: %s"), self->message ? self->message : "");
    case ZX_SYNC_STATE_SIGN_IN_NEEDED:
      return g_strdup (_("Sign in again"));
    default:
      g_assert_not_reached ();
    }
}

char *
zx_sync_service_describe_last (ZxSyncService *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);

  if (self->last_synced == NULL)
    return g_strdup (_("Never synced"));

  local = g_date_time_to_local (self->last_synced);
  now = g_date_time_new_now_local ();
  time = g_date_time_format (local, "%H:%M");
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: %s is a time such as 14:05 */
    return g_strdup_printf (_("Last synced today at %s"), time);

  date = g_date_time_format (local, "%Y-%m-%d");
  /* Translators: %s are a date (2026-05-14) and a time (14:05) */
  return g_strdup_printf (_("Last synced on %s at %s"), date, time);
}

const char *
zx_sync_service_get_icon_name (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);

  switch (self->state)
    {
    case ZX_SYNC_STATE_UP_TO_DATE:
      return "emblem-ok-symbolic";
    case ZX_SYNC_STATE_PENDING:
    case ZX_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case ZX_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case ZX_SYNC_STATE_ERROR:
      return "dialog-error-symbolic";
    case ZX_SYNC_STATE_SIGN_IN_NEEDED:
      return "dialog-password-symbolic";
    case ZX_SYNC_STATE_NOT_CONFIGURED:
    default:
      return "network-server-symbolic";
    }
}

const char *
zx_sync_service_get_url (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);
  return self->url != NULL && *self->url != '\0' ? self->url : NULL;
}

const char *
zx_sync_service_get_user (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);
  return configured (self) ? self->user : NULL;
}

const char *
zx_sync_service_get_bound_server (ZxSyncService *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_SERVICE (self), NULL);
  return self->bound_server;
}

const char *
zx_sync_role_label (const char *role)
{
  static const struct { const char *role; const char *label; } labels[] = {
    /* Translators: roles of accounts on the hospital's server */
    { "admin", N_("IT administrator") },
    { "leadership", N_("Hospital leadership") },
    { "office", N_("Hospital office") },
    { "hr", N_("Human resources") },
    { "head", N_("Department head") },
    { "staff", N_("Staff member") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (role, labels[i].role) == 0)
      return _(labels[i].label);
  return role;
}

/* GObject ---------------------------------------------------------------------- */

static void
zx_sync_service_constructed (GObject *object)
{
  ZxSyncService *self = ZX_SYNC_SERVICE (object);
  ZxStore *store = g_steal_pointer (&self->store);

  G_OBJECT_CLASS (zx_sync_service_parent_class)->constructed (object);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                             self, G_CONNECT_SWAPPED);
  zx_sync_service_set_store (self, store);
  g_clear_object (&store);
  load_account (self);
  update_state (self);
}

static void
zx_sync_service_dispose (GObject *object)
{
  ZxSyncService *self = ZX_SYNC_SERVICE (object);

  zx_sync_service_shutdown (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zx_sync_service_parent_class)->dispose (object);
}

static void
zx_sync_service_finalize (GObject *object)
{
  ZxSyncService *self = ZX_SYNC_SERVICE (object);

  g_free (self->url);
  g_free (self->user);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->bound_server);
  g_free (self->message);
  g_free (self->progress);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (zx_sync_service_parent_class)->finalize (object);
}

static void
zx_sync_service_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZxSyncService *self = ZX_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_PROGRESS:
      g_value_set_string (value, self->progress);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_REFUSALS:
      g_value_set_uint (value, self->refusals);
      break;
    case PROP_CAN_SYNC:
      g_value_set_boolean (value, zx_sync_service_get_can_sync (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_sync_service_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ZxSyncService *self = ZX_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      /* construct-only here; zx_sync_service_set_store() connects it */
      if (self->store == NULL)
        self->store = g_value_dup_object (value);
      else
        zx_sync_service_set_store (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_sync_service_class_init (ZxSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = zx_sync_service_constructed;
  object_class->dispose = zx_sync_service_dispose;
  object_class->finalize = zx_sync_service_finalize;
  object_class->get_property = zx_sync_service_get_property;
  object_class->set_property = zx_sync_service_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ZX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ZX_TYPE_SYNC_STATE, ZX_SYNC_STATE_NOT_CONFIGURED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_string ("progress", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED] =
    g_param_spec_boxed ("last-synced", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFUSALS] =
    g_param_spec_uint ("refusals", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SYNC] =
    g_param_spec_boolean ("can-sync", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The first sync replaced this computer's data with the server's; the
   * argument is where the copy of the old data is */
  signals[SIGNAL_REPLACED] =
    g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
zx_sync_service_init (ZxSyncService *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->cancellable = g_cancellable_new ();
  self->state = ZX_SYNC_STATE_NOT_CONFIGURED;
  self->failure = ZX_SYNC_STATE_UP_TO_DATE;
}

ZxSyncService *
zx_sync_service_new (ZxStore   *store,
                     GSettings *settings)
{
  g_return_val_if_fail (store == NULL || ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (ZX_TYPE_SYNC_SERVICE,
                       "store", store,
                       "settings", settings,
                       NULL);
}
