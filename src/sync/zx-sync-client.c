/* zx-sync-client.c — the desktop's side of sync: sign in, push, pull, bootstrap
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "zx-store-private.h"
#include "zx-sync-client.h"
#include "zx-wire.h"

#define API "/api/v1"
#define PUSH_MAX_MUTATIONS 500
#define PUSH_MAX_BYTES (900 * 1024)   /* the server takes 1 MiB */
#define PULL_LIMIT 500
#define BOOTSTRAP_LIMIT 2000
#define MAX_ANSWER_BYTES ((gsize) 256 * 1024 * 1024)
#define MAX_ROUNDS 1000000            /* pages or batches in one run: a bound, never reached */
#define CHANGED_LIMIT 2000            /* more changed rows than this: views reload */

G_DEFINE_QUARK (zx-sync-error-quark, zx_sync_error)

void
zx_sync_session_free (ZxSyncSession *session)
{
  if (session == NULL)
    return;
  g_free (session->token);
  g_free (session->expires_at);
  g_free (session->role);
  g_free (session->department_id);
  g_free (session->staff_id);
  g_free (session);
}

void
zx_sync_report_free (ZxSyncReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->changed, g_ptr_array_unref);
  g_free (report->backup_path);
  g_free (report);
}

void
zx_pull_page_free (ZxPullPage *page)
{
  if (page == NULL)
    return;
  if (page->rows != NULL)
    {
      for (guint i = 0; i < page->rows->len; i++)
        json_object_unref (g_array_index (page->rows, ZxReplicaRow, i).row);
      g_array_unref (page->rows);
    }
  g_free (page);
}

/* Addresses ------------------------------------------------------------------ */

char *
zx_sync_normalize_url (const char  *text,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  const char *scheme, *host, *path;
  int port;

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (stripped[0] == '\0')
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID,
                   _("Enter the server’s address, for example https://zhixing.hospital.cn:8443."));
      return NULL;
    }

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  path = uri ? g_uri_get_path (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      host == NULL || host[0] == '\0' || g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      (path != NULL && path[0] != '\0' && !g_str_equal (path, "/")))
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID,
                   _("“%s” is not a server address. Enter it as https://name-or-address:port, as your IT department gave it."),
                   stripped);
      return NULL;
    }

  port = g_uri_get_port (uri);
  {
    g_autofree char *lower = g_ascii_strdown (scheme, -1);
    g_autofree char *host_part = strchr (host, ':') ? g_strdup_printf ("[%s]", host) : g_strdup (host);

    if (port > 0)
      return g_strdup_printf ("%s://%s:%d", lower, host_part, port);
    return g_strdup_printf ("%s://%s", lower, host_part);
  }
}

/* HTTP -------------------------------------------------------------------------- */

typedef struct
{
  SoupSession *session;
  char        *base;
  char        *token;
} Http;

static void
http_clear (Http *http)
{
  g_clear_object (&http->session);
  g_clear_pointer (&http->base, g_free);
  g_clear_pointer (&http->token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Http, http_clear)

static void
http_init (Http       *http,
           const char *base,
           const char *token)
{
  http->session = soup_session_new ();
  soup_session_set_timeout (http->session, 60);
  soup_session_set_idle_timeout (http->session, 20);
  soup_session_set_user_agent (http->session, "Zhixing/" PACKAGE_VERSION " ");
  http->base = g_strdup (base);
  http->token = g_strdup (token);
}

const ZxJsonLimits zx_sync_answer_limits = {
  .max_bytes = MAX_ANSWER_BYTES,
  .max_depth = 32,
  .max_string_bytes = 1024 * 1024,
};

/* The server's error answer as a GError: its sentence when it gave one. */
static void
set_answer_error (GError     **error,
                  guint        status,
                  GBytes      *body,
                  const char  *code_wanted,
                  gboolean    *out_matched)
{
  g_autoptr(JsonNode) root = NULL;
  const char *code = NULL;
  const char *message = NULL;
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (data != NULL)
    root = zx_wire_parse (data, size, &zx_sync_answer_limits, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      code = json_object_get_string_member_with_default (object, "error", NULL);
      message = json_object_get_string_member_with_default (object, "message", NULL);
    }
  if (out_matched != NULL)
    *out_matched = code != NULL && code_wanted != NULL && g_str_equal (code, code_wanted);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_UNAUTHORIZED, "%s",
                 message ? message : _("Your sign-in has expired. Sign in again; your changes are kept."));
  else if (message != NULL)
    g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_SERVER, "%s", message);
  else
    g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_SERVER,
                 _("The server answered with an error (HTTP %u). Try again later, or tell your IT department."),
                 status);
}

/* Sends one request and returns the body of its answer; *@out_status the
 * HTTP status.  Transport failures are ZX_SYNC_ERROR_OFFLINE. */
static GBytes *
http_send (Http          *http,
           const char    *method,
           const char    *path_and_query,
           const char    *body,
           gsize          body_length,
           guint         *out_status,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *url = g_strconcat (http->base, path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) local_error = NULL;
  GBytes *answer;

  if (msg == NULL)
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID,
                   _("“%s” is not a server address."), http->base);
      return NULL;
    }

  /* Every request of this protocol may be repeated safely (pushes are
   * skipped when seen before), and libsoup reuses connections only for
   * requests marked so. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  if (http->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", http->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (http->session, msg, cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (local_error->domain == G_TLS_ERROR)
        g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_OFFLINE,
                     _("The server’s certificate is not trusted (%s). Ask your IT department."),
                     local_error->message);
      else
        g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_OFFLINE,
                     _("The server could not be reached (%s). Your changes are kept and sent later."),
                     local_error->message);
      return NULL;
    }
  *out_status = soup_message_get_status (msg);
  return answer;
}

/* The answer as a JSON object, or NULL with ZX_SYNC_ERROR_PROTOCOL */
static JsonNode *
parse_answer (GBytes  *body,
              GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = zx_wire_parse (data ? data : "", size, &zx_sync_answer_limits, &local_error);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer could not be understood (%s). Is the address that of a Zhixing server?"),
                   local_error ? local_error->message : _("not a JSON object"));
      if (root != NULL)
        json_node_unref (root);
      return NULL;
    }
  return root;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64       min,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min)
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer has no valid “%s”."), name);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
get_bool (JsonObject  *object,
          const char  *name,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer has no valid “%s”."), name);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Signing in ---------------------------------------------------------------------- */

ZxSyncSession *
zx_sync_sign_in (const char    *server_url,
                 const char    *username,
                 const char    *password,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_auto(Http) http = { 0 };
  g_autofree char *base = NULL;
  g_autoptr(GString) body = g_string_new ("{\"username\":");
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ZxSyncSession) session = NULL;
  JsonObject *object;
  guint status = 0;

  base = zx_sync_normalize_url (server_url, error);
  if (base == NULL)
    return NULL;
  if (username == NULL || username[0] == '\0')
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID, _("Enter your user name."));
      return NULL;
    }
  if (password == NULL || password[0] == '\0')
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID, _("Enter your password."));
      return NULL;
    }

  zx_wire_append_string (body, username);
  g_string_append (body, ",\"password\":");
  zx_wire_append_string (body, password);
  g_string_append_c (body, '}');

  http_init (&http, base, NULL);
  answer = http_send (&http, "POST", API "/session", body->str, body->len, &status, cancellable, error);
  /* the password is no longer needed in memory */
  memset (body->str, 0, body->len);
  if (answer == NULL)
    return NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID,
                   _("The user name or password is wrong."));
      return NULL;
    }
  if (status != SOUP_STATUS_OK)
    {
      set_answer_error (error, status, answer, NULL, NULL);
      return NULL;
    }

  root = parse_answer (answer, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  session = g_new0 (ZxSyncSession, 1);
  session->token = g_strdup (get_string (object, "token"));
  session->expires_at = g_strdup (get_string (object, "expires_at"));
  session->role = g_strdup (get_string (object, "role"));
  session->department_id = g_strdup (get_string (object, "department_id"));
  session->staff_id = g_strdup (get_string (object, "staff_id"));
  if (session->token == NULL || session->role == NULL)
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer has no valid “%s”."), "token");
      return NULL;
    }
  return g_steal_pointer (&session);
}

/* Decoding pages --------------------------------------------------------------- */

static ZxPullPage *
decode_page (const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ZxPullPage) page = g_new0 (ZxPullPage, 1);
  JsonObject *object;
  JsonNode *rows;
  JsonArray *array;

  page->rows = g_array_new (FALSE, FALSE, sizeof (ZxReplicaRow));
  page->last_mutation_id = -1;

  root = parse_answer (bytes, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  if (!get_int (object, "cursor", 0, &page->cursor, error) ||
      !get_bool (object, "has_more", &page->has_more, error) ||
      !get_int (object, "last_mutation_id", 0, &page->last_mutation_id, error))
    return NULL;

  rows = json_object_get_member (object, "changes");
  if (rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows))
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer has no valid “%s”."), "changes");
      return NULL;
    }
  array = json_node_get_array (rows);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ZxReplicaRow row = { 0 };
      g_autoptr(GError) local_error = NULL;

      row.row = zx_wire_parse_row (json_array_get_element (array, i), &row.entity, &local_error);
      if (row.row == NULL)
        {
          g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                       _("Row %u of the server’s answer is not valid: %s"), i + 1, local_error->message);
          return NULL;
        }
      g_array_append_val (page->rows, row);
    }
  return g_steal_pointer (&page);
}

ZxPullPage *
zx_sync_decode_pull (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  return decode_page (data ? data : "", length, error);
}

/* One run ---------------------------------------------------------------------- */

typedef struct
{
  Http                http;
  ZxStore            *store;
  GCancellable       *cancellable;
  ZxSyncProgressFunc  progress;
  gpointer            user_data;
  ZxSyncReport       *report;
  GHashTable         *changed;       /* "entity\nid" */
  gulong              handler;
  guint               bootstraps;
} Run;

static void
progress (Run        *run,
          double      fraction,
          const char *what)
{
  if (run->progress != NULL)
    run->progress (fraction, what, run->user_data);
}

static void
store_changed_cb (ZxStore    *store G_GNUC_UNUSED,
                  const char *entity,
                  const char *id,
                  Run        *run)
{
  if (run->report->reloaded)
    return;
  if (g_hash_table_size (run->changed) >= CHANGED_LIMIT)
    {
      run->report->reloaded = TRUE;
      g_hash_table_remove_all (run->changed);
      return;
    }
  g_hash_table_add (run->changed, g_strdup_printf ("%s\n%s", entity, id));
}

static gboolean
cancelled (Run     *run,
           GError **error)
{
  return g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

static gboolean
local_error (GError **error,
             GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED) || cause->domain == ZX_SYNC_ERROR)
    g_propagate_error (error, cause);
  else
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_LOCAL,
                   _("This computer’s database could not be updated: %s"), cause->message);
      g_error_free (cause);
    }
  return FALSE;
}

/* Before a desktop that has data of its own first takes the server's, its
 * file is copied next to itself. */
static gboolean
copy_before_first_sync (Run     *run,
                        GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *path = g_strdup_printf ("%s.before-sync-%s", zx_store_get_path (run->store), stamp);
  sqlite3 *db = zx_store_get_db (run->store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "VACUUM INTO ?", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  run->report->backup_path = g_steal_pointer (&path);
  return TRUE;

fail:
  g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_LOCAL,
               _("Before taking the server’s data, a copy of this computer’s data could not be made (%s); nothing was changed."),
               sqlite3_errmsg (db));
  return FALSE;
}

/* The download of a bootstrap runs on a thread of its own, with its own
 * connection: while one page is written to the database the next is
 * fetched and decoded, at most PAGES_AHEAD pages ahead.  Eight let the
 * download go on while the writer makes an entity's indexes (half a
 * second for the check-ins): 0.1-1.4 s less in four paired runs than
 * three. */
#define PAGES_AHEAD 8

typedef struct
{
  Http          http;
  GCancellable *cancellable;
  GAsyncQueue  *pages;      /* ZxBootstrapPage *, then one without tables at the end */
  GMutex        lock;
  GCond         room;
  guint         queued;
  gboolean      stop;       /* the consumer gave up */
  GError       *error;      /* why the producer stopped early */
} Download;

static gpointer
download_thread (gpointer data)
{
  Download *d = data;
  g_autofree char *after = NULL;

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) answer = NULL;
      ZxBootstrapPage *page;
      gsize size = 0;
      const char *bytes;
      guint status = 0;
      gboolean has_more;

      /* wait for room: the consumer may not keep up */
      g_mutex_lock (&d->lock);
      while (d->queued >= PAGES_AHEAD && !d->stop)
        g_cond_wait (&d->room, &d->lock);
      if (d->stop)
        {
          g_mutex_unlock (&d->lock);
          break;
        }
      g_mutex_unlock (&d->lock);

      if (g_cancellable_set_error_if_cancelled (d->cancellable, &d->error))
        break;
      if (after == NULL)
        path = g_strdup_printf (API "/bootstrap?limit=%d", BOOTSTRAP_LIMIT);
      else
        {
          g_autofree char *escaped = g_uri_escape_string (after, NULL, FALSE);

          path = g_strdup_printf (API "/bootstrap?limit=%d&after=%s", BOOTSTRAP_LIMIT, escaped);
        }

      answer = http_send (&d->http, "GET", path, NULL, 0, &status, d->cancellable, &d->error);
      if (answer == NULL)
        break;
      if (status != SOUP_STATUS_OK)
        {
          set_answer_error (&d->error, status, answer, NULL, NULL);
          break;
        }
      bytes = g_bytes_get_data (answer, &size);
      page = zx_sync_decode_bootstrap (bytes, size, &d->error);
      if (page == NULL)
        break;
      has_more = page->has_more;
      if (has_more && page->next == NULL)
        {
          zx_bootstrap_page_free (page);
          g_set_error (&d->error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                       _("The server’s answer has no valid “%s”."), "next");
          break;
        }
      g_free (after);
      after = g_strdup (page->next);

      g_mutex_lock (&d->lock);
      d->queued++;
      g_mutex_unlock (&d->lock);
      g_async_queue_push (d->pages, page);
      if (!has_more)
        break;
    }

  /* the end (or an error in d->error): a page-less marker */
  g_async_queue_push (d->pages, g_new0 (ZxBootstrapPage, 1));
  return NULL;
}

static ZxBootstrapPage *
download_next (Download *d)
{
  ZxBootstrapPage *page = g_async_queue_pop (d->pages);

  g_mutex_lock (&d->lock);
  if (page->tables != NULL)
    d->queued--;
  g_cond_signal (&d->room);
  g_mutex_unlock (&d->lock);
  return page;
}

static gboolean
bootstrap (Run      *run,
           gboolean  keep_queue,
           GError  **error)
{
  Download d = { 0 };
  const ZxEntity *open_entity = NULL;
  GThread *thread;
  gint64 cursor = -1;
  guint64 received = 0;
  GError *cause = NULL;
  gboolean ok = FALSE;

  if (++run->bootstraps > 2)
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_SERVER,
                   _("The server keeps asking for a full download. Tell your IT department."));
      return FALSE;
    }

  if (!keep_queue && !zx_store_is_empty (run->store) && run->report->backup_path == NULL &&
      !copy_before_first_sync (run, error))
    return FALSE;

  progress (run, -1, _("Downloading the hospital’s data…"));
  if (!zx_replica_bootstrap_begin (run->store, &cause))
    return local_error (error, cause);

  http_init (&d.http, run->http.base, run->http.token);
  d.cancellable = run->cancellable;
  d.pages = g_async_queue_new ();
  g_mutex_init (&d.lock);
  g_cond_init (&d.room);
  thread = g_thread_new ("zx-sync-download", download_thread, &d);

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autoptr(ZxBootstrapPage) page = download_next (&d);
      gboolean written = TRUE;

      if (cancelled (run, error))
        break;
      if (page->tables == NULL)
        {
          /* the producer's end: complete, or stopped by an error */
          ok = d.error == NULL;
          break;
        }
      if (cursor < 0)
        cursor = page->cursor;
      for (guint i = 0; written && i < page->tables->len; i++)
        {
          const ZxReplicaTable *table = &g_array_index (page->tables, ZxReplicaTable, i);

          /* entities come one after the other: the one before is complete */
          if (open_entity != NULL && table->entity != open_entity)
            written = zx_replica_bootstrap_entity_done (run->store, open_entity, &cause);
          open_entity = table->entity;
          written = written && zx_replica_bootstrap_table (run->store, table, &cause);
        }
      if (!written)
        {
          local_error (error, cause);
          break;
        }
      received += page->n_rows;
      run->report->pulled += page->n_rows;
      {
        guint shown = (guint) MIN (received, G_MAXUINT);
        g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Downloading the hospital’s data: %u row…",
                                                              "Downloading the hospital’s data: %u rows…",
                                                              shown),
                                                 shown);
        progress (run, -1, what);
      }
    }

  /* let the producer finish, whatever happened, and drop what it queued */
  g_mutex_lock (&d.lock);
  d.stop = TRUE;
  g_cond_signal (&d.room);
  g_mutex_unlock (&d.lock);
  g_thread_join (thread);
  for (ZxBootstrapPage *left; (left = g_async_queue_try_pop (d.pages)) != NULL;)
    zx_bootstrap_page_free (left);
  g_async_queue_unref (d.pages);
  g_mutex_clear (&d.lock);
  g_cond_clear (&d.room);
  http_clear (&d.http);

  if (!ok)
    {
      if (d.error != NULL && error != NULL && *error == NULL)
        g_propagate_error (error, d.error);
      else
        g_clear_error (&d.error);
      zx_replica_bootstrap_abort (run->store);
      return FALSE;
    }

  progress (run, -1, _("Saving the hospital’s data…"));
  if (!zx_replica_bootstrap_finish (run->store, run->http.base, MAX (cursor, 0), keep_queue, &cause))
    return local_error (error, cause);
  run->report->bootstrapped = TRUE;
  run->report->reloaded = TRUE;
  return TRUE;
}

typedef enum
{
  STEP_OK,
  STEP_ERROR,
  STEP_RESYNC,   /* the server asks for a new bootstrap */
} Step;

static Step
push (Run     *run,
      GError **error)
{
  gint64 total = zx_store_queue_length (run->store);
  gint64 sent = 0;
  GError *cause = NULL;

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autoptr(GPtrArray) batch = zx_store_queue_list (run->store, 0, PUSH_MAX_MUTATIONS);
      g_autoptr(GString) body = g_string_new ("{\"client_id\":");
      g_autoptr(GPtrArray) refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object;
      JsonNode *results;
      gint64 last = 0;
      guint status = 0, n = 0;

      if (batch->len == 0)
        return STEP_OK;
      if (cancelled (run, error))
        return STEP_ERROR;

      {
        guint shown = (guint) CLAMP (total, 0, G_MAXUINT);
        g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Sending %u change…",
                                                              "Sending %u changes…",
                                                              shown),
                                                 shown);
        progress (run, total > 0 ? (double) sent / total : -1, what);
      }

      zx_wire_append_string (body, zx_store_get_client_id (run->store));
      g_string_append (body, ",\"mutations\":[");
      for (guint i = 0; i < batch->len; i++)
        {
          JsonObject *item = g_ptr_array_index (batch, i);
          gsize before = body->len;

          if (i > 0)
            g_string_append_c (body, ',');
          g_string_append_printf (body, "{\"id\":%" G_GINT64_FORMAT ",\"name\":",
                                  json_object_get_int_member (item, "id"));
          zx_wire_append_string (body, json_object_get_string_member (item, "name"));
          g_string_append (body, ",\"args\":");
          zx_wire_append_node (body, json_object_get_member (item, "args"));
          g_string_append_printf (body, ",\"base_version\":%" G_GINT64_FORMAT "}",
                                  json_object_get_int_member (item, "base_version"));
          if (body->len > PUSH_MAX_BYTES && i > 0)
            {
              g_string_truncate (body, before);
              break;
            }
          n++;
        }
      g_string_append (body, "]}");

      answer = http_send (&run->http, "POST", API "/push", body->str, body->len, &status,
                          run->cancellable, error);
      if (answer == NULL)
        return STEP_ERROR;
      if (status == SOUP_STATUS_CONFLICT)
        {
          gboolean gap = FALSE;
          g_autoptr(GError) ignored = NULL;

          set_answer_error (&ignored, status, answer, "mutation_gap", &gap);
          if (gap)
            return STEP_RESYNC;
        }
      if (status != SOUP_STATUS_OK)
        {
          set_answer_error (error, status, answer, NULL, NULL);
          return STEP_ERROR;
        }

      root = parse_answer (answer, error);
      if (root == NULL)
        return STEP_ERROR;
      object = json_node_get_object (root);
      if (!get_int (object, "last_mutation_id", 0, &last, error))
        return STEP_ERROR;
      results = json_object_get_member (object, "results");
      if (results != NULL && JSON_NODE_HOLDS_ARRAY (results))
        {
          JsonArray *array = json_node_get_array (results);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              JsonObject *result;
              const char *result_status;
              JsonNode *list;

              if (!JSON_NODE_HOLDS_OBJECT (element))
                continue;
              result = json_node_get_object (element);
              result_status = get_string (result, "status");
              if (g_strcmp0 (result_status, "refused") == 0)
                {
                  g_ptr_array_add (refusals, json_object_ref (result));
                  run->report->refused++;
                }
              list = json_object_get_member (result, "conflicts");
              if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
                {
                  JsonArray *items = json_node_get_array (list);

                  for (guint j = 0; j < json_array_get_length (items); j++)
                    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, j)))
                      {
                        g_ptr_array_add (conflicts, json_object_ref (json_array_get_object_element (items, j)));
                        run->report->conflicts++;
                      }
                }
            }
        }

      if (!zx_replica_acknowledge (run->store, last, refusals, conflicts, &cause))
        {
          local_error (error, cause);
          return STEP_ERROR;
        }
      run->report->pushed += n;
      sent += n;

      /* the server must have taken at least the first of them */
      if (last < json_object_get_int_member (g_ptr_array_index (batch, 0), "id"))
        {
          g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                       _("The server did not take the changes sent. Try again later, or tell your IT department."));
          return STEP_ERROR;
        }
    }
  return STEP_OK;
}

static Step
pull (Run     *run,
      GError **error)
{
  gint64 cursor = zx_replica_get_cursor (run->store);
  gint64 last = 0;
  GError *cause = NULL;

  progress (run, -1, _("Receiving changes…"));
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autofree char *path = NULL;
      g_autofree char *client = g_uri_escape_string (zx_store_get_client_id (run->store), NULL, FALSE);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(ZxPullPage) page = NULL;
      const char *data;
      gsize size = 0;
      guint status = 0;
      gint64 before = cursor;

      if (cancelled (run, error))
        return STEP_ERROR;
      path = g_strdup_printf (API "/pull?cursor=%" G_GINT64_FORMAT "&limit=%d&client_id=%s",
                              MAX (cursor, 0), PULL_LIMIT, client);
      answer = http_send (&run->http, "GET", path, NULL, 0, &status, run->cancellable, error);
      if (answer == NULL)
        return STEP_ERROR;
      if (status == SOUP_STATUS_GONE)
        return STEP_RESYNC;
      if (status != SOUP_STATUS_OK)
        {
          set_answer_error (error, status, answer, NULL, NULL);
          return STEP_ERROR;
        }
      data = g_bytes_get_data (answer, &size);
      page = zx_sync_decode_pull (data, size, error);
      if (page == NULL)
        return STEP_ERROR;
      if (page->cursor < cursor)
        {
          g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                       _("The server’s answer has no valid “%s”."), "cursor");
          return STEP_ERROR;
        }
      if (!zx_replica_apply_page (run->store, (ZxReplicaRow *) (void *) page->rows->data,
                                  page->rows->len, page->cursor, &cause))
        {
          local_error (error, cause);
          return STEP_ERROR;
        }
      run->report->pulled += page->rows->len;
      cursor = page->cursor;
      last = page->last_mutation_id;
      if (!page->has_more)
        break;
      if (page->cursor == before)
        {
          /* has_more without progress would loop forever */
          g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_PROTOCOL,
                       _("The server’s answer has no valid “%s”."), "cursor");
          return STEP_ERROR;
        }
    }

  if (zx_replica_rebase (run->store, last, &cause) < 0)
    {
      local_error (error, cause);
      return STEP_ERROR;
    }
  return STEP_OK;
}

gboolean
zx_sync_run (const char          *db_path,
             const char          *server_url,
             const char          *token,
             GCancellable        *cancellable,
             ZxSyncProgressFunc   progress_func,
             gpointer             user_data,
             ZxSyncReport       **out_report,
             GError             **error)
{
  g_autoptr(ZxStore) store = NULL;
  g_autofree char *base = NULL;
  g_autofree char *bound = NULL;
  g_autoptr(ZxSyncReport) report = g_new0 (ZxSyncReport, 1);
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError *cause = NULL;
  Run run = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (server_url != NULL, FALSE);

  base = zx_sync_normalize_url (server_url, error);
  if (base == NULL)
    return FALSE;
  if (token == NULL || token[0] == '\0')
    {
      g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_UNAUTHORIZED,
                   _("Sign in to the server first."));
      return FALSE;
    }

  store = zx_store_open (db_path, &cause);
  if (store == NULL)
    return local_error (error, cause);

  run.store = store;
  run.cancellable = cancellable;
  run.progress = progress_func;
  run.user_data = user_data;
  run.report = report;
  run.changed = changed;
  http_init (&run.http, base, token);
  run.handler = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), &run);

  bound = zx_replica_get_server (store);
  if ((bound == NULL || zx_replica_get_cursor (store) < 0 || !g_str_equal (bound, base)) &&
      !bootstrap (&run, bound != NULL, error))
    goto out;

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      Step step = push (&run, error);

      if (step == STEP_OK)
        step = pull (&run, error);
      if (step == STEP_OK)
        {
          ok = TRUE;
          break;
        }
      if (step == STEP_ERROR || !bootstrap (&run, TRUE, error))
        break;
    }
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_SERVER,
                 _("The server keeps asking for a full download. Tell your IT department."));

out:
  g_signal_handler_disconnect (store, run.handler);
  http_clear (&run.http);
  report->pending = zx_store_queue_length (store);
  report->changed = g_ptr_array_new_with_free_func (g_free);
  if (!report->reloaded)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, changed);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (report->changed, g_strdup (key));
    }
  if (ok)
    progress (&run, 1.0, _("Up to date"));
  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return ok;
}
