/* zx-server.c — the HTTP API of zhixing-server on SoupServer 3.2
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handlers run on the main context and never block it: password hashing
 * and every storage call run in a small worker pool while the message is
 * paused, and the answer is given back on the main context.
 *
 * SoupServer 3.2 has neither a body size limit nor idle timeouts.  The
 * body is counted as it arrives (got-headers for a Content-Length, got-chunk
 * for the rest): past ZX_SERVER_MAX_BODY it is no longer kept, the answer
 * becomes 413 and the connection is closed after it; a client that keeps
 * sending far past the limit is cut off.  The server accepts connections
 * itself so that it can give each socket a timeout (g_socket_set_timeout):
 * a connection that waits longer than that on its client is closed.
 *
 * push, pull and bootstrap check the shape of the request here (body,
 * members, mutation ids consecutive, query numbers) and leave the token
 * lookup and the data to a worker: zx-server-storage.c applies a push one
 * mutation per transaction under its single-writer lock and writes the
 * answers as JSON text (rows in the export codec's format), which is sent
 * as it is.  See docs/sync-protocol.md.
 */
#define G_LOG_DOMAIN "zx-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sodium.h>
#include <string.h>

#include "zx-json-check.h"
#include "zx-server-push.h"
#include "zx-server.h"

/* How much of a refused body is read and dropped before the connection is
 * cut rather than answered. */
#define DISCARD_MAX (4 * 1024 * 1024)
#define MAX_USERNAME_BYTES 256
#define MAX_PASSWORD_BYTES 1024
#define TOKEN_BYTES 32
#define WORKERS 2
/* not in libsoup 3.2's SoupStatus */
#define STATUS_TOO_MANY_REQUESTS 429
#define MAX_CLIENT_ID_BYTES 128
#define PAGE_ROWS 500
#define BOOTSTRAP_ROWS 2000       /* default bootstrap page */
#define MAX_BOOTSTRAP_ROWS 5000

struct _ZxServer
{
  GObject           parent_instance;

  ZxServerStorage  *storage;
  SoupServer       *soup;
  GMainContext     *context;
  GSocket          *listener;
  GSource          *accept_source;
  GMainContext     *inert_context;   /* never iterated: see zx_server_listen() */
  GTlsCertificate  *certificate;
  GThreadPool      *pool;
  GMutex            push_lock;
  GPtrArray        *push_queue;      /* Job *: pushes waiting for the writer */
  gboolean          push_draining;   /* a JOB_PUSH_DRAIN is queued or running */
  guint             idle_timeout;
  guint16           port;

  GHashTable       *failures;       /* "name\naddress" → Failures */
  guint             cleanup_id;
};

G_DEFINE_FINAL_TYPE (ZxServer, zx_server, G_TYPE_OBJECT)

/* Per request, attached to the SoupServerMessage */
typedef struct
{
  gsize     received;
  gboolean  too_large;
  gboolean  disconnected;
} RequestState;

/* Failed sign-ins of one account from one address */
typedef struct
{
  GArray *times;     /* gint64, monotonic µs, oldest first */
  guint   pending;   /* verifications under way */
} Failures;

typedef enum
{
  JOB_SESSION,
  JOB_WHOAMI,
  JOB_CLEANUP,
  JOB_PUSH,
  JOB_PULL,
  JOB_BOOTSTRAP,
  JOB_PUSH_DRAIN,   /* applies the waiting pushes together (group commit) */
} JobKind;

typedef struct
{
  JobKind             kind;
  ZxServer           *self;
  SoupServerMessage  *msg;
  char               *username;
  char               *password;
  char               *rate_key;
  char               *token_hash;
  char               *client_id;
  JsonNode           *mutations;   /* JOB_PUSH: the array, checked */
  gint64              cursor;      /* JOB_PULL */
  guint               limit;       /* JOB_PULL */
  char               *after;       /* JOB_BOOTSTRAP: the position token, or NULL */

  /* results */
  guint               status;
  char               *error_code;
  char               *error_message;
  JsonNode           *reply;
  GString            *reply_text;  /* an answer already written as JSON */
  gboolean            auth_failed;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->msg);
  g_clear_object (&job->self);
  g_free (job->username);
  if (job->password != NULL)
    {
      sodium_memzero (job->password, strlen (job->password));
      g_free (job->password);
    }
  g_free (job->rate_key);
  g_free (job->token_hash);
  g_free (job->client_id);
  g_free (job->after);
  g_clear_pointer (&job->mutations, json_node_unref);
  if (job->reply_text != NULL)
    g_string_free (job->reply_text, TRUE);
  g_free (job->error_code);
  g_free (job->error_message);
  g_clear_pointer (&job->reply, json_node_unref);
  g_free (job);
}

static void
failures_free (Failures *failures)
{
  g_array_unref (failures->times);
  g_free (failures);
}

/* Answers ------------------------------------------------------------------- */

static RequestState *
request_state (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), "zx-request-state");
}

static void
set_json_response (SoupServerMessage *msg,
                   guint              status,
                   JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status,
                                  status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, text, length);
}

static JsonNode *
error_node (const char *code,
            const char *field,
            const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *field,
               const char        *message)
{
  g_autoptr(JsonNode) root = error_node (code, field, message);

  set_json_response (msg, status, root);
}

static void
respond_unauthorized (SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Bearer");
  respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                 _("You are not signed in, or your session has ended. Sign in again."));
}

/* Body limits ----------------------------------------------------------------- */

static void
refuse_too_large (SoupServerMessage *msg)
{
  RequestState *state = request_state (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = NULL;

  state->too_large = TRUE;
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  text = g_strdup_printf (_("The request is too large: at most %d MiB are accepted."),
                          ZX_SERVER_MAX_BODY / (1024 * 1024));
  respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", NULL, text);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > ZX_SERVER_MAX_BODY)
    refuse_too_large (msg);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  RequestState *state = request_state (msg);

  state->received += g_bytes_get_size (chunk);

  if (state->received > ZX_SERVER_MAX_BODY && !state->too_large)
    refuse_too_large (msg);
  else if (state->too_large)
    soup_message_body_truncate (soup_server_message_get_request_body (msg));

  if (state->received > (gsize) ZX_SERVER_MAX_BODY + DISCARD_MAX)
    {
      GSocketAddress *remote = soup_server_message_get_remote_address (msg);
      GSocket *socket = remote ? g_object_get_data (G_OBJECT (remote), "zx-socket") : NULL;

      /* The client does not stop: cut it off; reading ends here */
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
    }
}

static void
disconnected_cb (SoupServerMessage *msg,
                 gpointer           user_data)
{
  request_state (msg)->disconnected = TRUE;
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    ZxServer          *self)
{
  g_object_set_data_full (G_OBJECT (msg), "zx-request-state", g_new0 (RequestState, 1), g_free);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), NULL);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), NULL);
}

/* Reading requests ------------------------------------------------------------ */

/* The body as a JSON object, or NULL after answering why not. */
static JsonObject *
read_json_object (SoupServerMessage  *msg,
                  JsonParser         *parser)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *type, *charset;
  const char *data;
  gsize length;
  JsonNode *root;

  type = soup_message_headers_get_content_type (headers, &params);
  charset = params ? g_hash_table_lookup (params, "charset") : NULL;
  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0 ||
      (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0))
    {
      respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", NULL,
                     _("The request must be JSON in UTF-8 (Content-Type: application/json)."));
      return NULL;
    }

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (bytes, &length);
  if (length > ZX_SERVER_MAX_BODY)
    {
      refuse_too_large (msg);
      return NULL;
    }

  if (!zx_json_check (data ? data : "", length, NULL, &error))
    {
      if (g_error_matches (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_TOO_LARGE))
        refuse_too_large (msg);
      else
        respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_json", NULL, error->message);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_json", NULL, error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", NULL,
                     _("The request must be a JSON object."));
      return NULL;
    }
  return json_node_get_object (root);
}

/* FALSE (after answering) when @object has a member not in @allowed. */
static gboolean
check_members (SoupServerMessage  *msg,
               JsonObject         *object,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *text = g_strdup_printf (_("The request has a field “%s” this server does not know."),
                                                 (const char *) l->data);
        respond_error (msg, SOUP_STATUS_BAD_REQUEST, "unknown_field", l->data, text);
        return FALSE;
      }
  return TRUE;
}

/* The string member @name of 1 to @max_bytes bytes, or NULL after answering. */
static const char *
get_string_member (SoupServerMessage *msg,
                   JsonObject        *object,
                   const char        *name,
                   gsize              max_bytes)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;
  g_autofree char *text = NULL;

  if (node == NULL)
    {
      text = g_strdup_printf (_("The request lacks the field “%s”."), name);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "missing_field", name, text);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      text = g_strdup_printf (_("The field “%s” must be a string."), name);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", name, text);
      return NULL;
    }
  value = json_node_get_string (node);
  if (value == NULL || value[0] == '\0' || strlen (value) > max_bytes)
    {
      text = g_strdup_printf (_("The field “%s” must not be empty or longer than %u bytes."),
                              name, (guint) max_bytes);
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", name, text);
      return NULL;
    }
  return value;
}

/* Tokens ---------------------------------------------------------------------- */

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static char *
new_token (void)
{
  guchar bytes[TOKEN_BYTES];
  char *text;

  randombytes_buf (bytes, sizeof bytes);
  text = g_base64_encode (bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

/* The token of "Authorization: Bearer TOKEN" if it has the right shape. */
static char *
bearer_token (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  const char *token;
  gsize length;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  token = header + 7;
  while (*token == ' ')
    token++;
  length = strlen (token);
  if (length != 43)
    return NULL;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
      return NULL;
  return g_strdup (token);
}

/* The worker pool --------------------------------------------------------------- */

/* A hash of a password nobody knows: unknown accounts cost the same time. */
static const char *
dummy_hash (void)
{
  static char hash[crypto_pwhash_STRBYTES];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guchar secret[32];

      randombytes_buf (secret, sizeof secret);
      if (crypto_pwhash_str (hash, (const char *) secret, sizeof secret,
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        hash[0] = '\0';
      g_once_init_leave (&done, 1);
    }
  return hash;
}

static void
job_fail (Job        *job,
          guint       status,
          const char *code,
          const char *message)
{
  job->status = status;
  job->error_code = g_strdup (code);
  job->error_message = g_strdup (message);
}

static void
run_session (Job *job)
{
  g_autoptr(ZxServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *expires_text = NULL;
  gint64 now;
  gboolean verified;

  account = zx_server_storage_find_account (job->self->storage, job->username, &error);
  if (error != NULL)
    {
      g_warning ("Sign-in of %s: %s", job->username, error->message);
      job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", _("The server could not read its database. Try again later, or ask the IT department."));
      return;
    }

  if (account != NULL)
    verified = crypto_pwhash_str_verify (account->password_hash, job->password, strlen (job->password)) == 0;
  else
    {
      const char *hash = dummy_hash ();

      if (hash[0] != '\0' &&
          crypto_pwhash_str_verify (hash, job->password, strlen (job->password)) == 0)
        g_warning ("A random password was guessed");
      verified = FALSE;
    }

  if (!verified || account->disabled)
    {
      job->auth_failed = TRUE;
      job_fail (job, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials",
                _("The user name or password is wrong."));
      return;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  token = new_token ();
  token_hash = hash_token (token);
  if (!zx_server_storage_add_token (job->self->storage, token_hash, account->id,
                                    now, now + ZX_SERVER_TOKEN_LIFETIME, &error))
    {
      g_warning ("Sign-in of %s: %s", job->username, error->message);
      job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", _("The server could not write to its database. Try again later, or ask the IT department."));
      return;
    }

  expires = g_date_time_new_from_unix_utc (now + ZX_SERVER_TOKEN_LIFETIME);
  expires_text = g_date_time_format_iso8601 (expires);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, account->role);
  json_builder_set_member_name (builder, "department_id");
  if (account->department_id != NULL)
    json_builder_add_string_value (builder, account->department_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "staff_id");
  if (account->staff_id != NULL)
    json_builder_add_string_value (builder, account->staff_id);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  sodium_memzero (token, strlen (token));
  job->status = SOUP_STATUS_OK;
  job->reply = json_builder_get_root (builder);
  g_message ("%s signed in", account->name);
}

static void
run_whoami (Job *job)
{
  g_autoptr(ZxServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  account = zx_server_storage_lookup_token (job->self->storage, job->token_hash,
                                            g_get_real_time () / G_USEC_PER_SEC, &error);
  if (error != NULL)
    {
      g_warning ("Looking up a session: %s", error->message);
      job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", _("The server could not read its database. Try again later, or ask the IT department."));
      return;
    }
  if (account == NULL)
    {
      job->status = SOUP_STATUS_UNAUTHORIZED;
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, account->name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, account->role);
  json_builder_set_member_name (builder, "department_id");
  if (account->department_id != NULL)
    json_builder_add_string_value (builder, account->department_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "staff_id");
  if (account->staff_id != NULL)
    json_builder_add_string_value (builder, account->staff_id);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  job->status = SOUP_STATUS_OK;
  job->reply = json_builder_get_root (builder);
}

/* A push's outcome as its answer: the results, a 409 for a gap, or 500 */
static void
finish_push (Job     *job,
             GString *reply,
             gint64   expected,
             GError  *error)
{
  if (reply != NULL)
    {
      job->reply_text = reply;
      job->status = SOUP_STATUS_OK;
    }
  else if (error == NULL && expected > 0)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = g_strdup_printf (_("Changes are missing before this one: the server expects change number %lu next. Send the changes from there."),
                                               (gulong) expected);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, "mutation_gap");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "expected");
      json_builder_add_int_value (builder, expected);
      json_builder_end_object (builder);
      job->status = SOUP_STATUS_CONFLICT;
      job->reply = json_builder_get_root (builder);
    }
  else
    {
      g_warning ("%s", error ? error->message : "push failed");
      job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                _("The server could not read or write its database; nothing was changed. Try again later, or ask the IT department."));
    }
}

static void
run_sync (Job *job)
{
  g_autoptr(ZxServerAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *internal = _("The server could not read or write its database; nothing was changed. Try again later, or ask the IT department.");

  account = zx_server_storage_lookup_token (job->self->storage, job->token_hash,
                                            g_get_real_time () / G_USEC_PER_SEC, &error);
  if (error != NULL)
    {
      g_warning ("Looking up a session: %s", error->message);
      job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", internal);
      return;
    }
  if (account == NULL)
    {
      job->status = SOUP_STATUS_UNAUTHORIZED;
      return;
    }

  switch (job->kind)
    {
    case JOB_PUSH:
      {
        gint64 expected = 0;
        GString *reply = zx_server_storage_push (job->self->storage, account, job->client_id,
                                                 json_node_get_array (job->mutations), &expected, &error);

        finish_push (job, reply, expected, error);
        return;
      }
    case JOB_PULL:
      {
        gboolean resync = FALSE;

        job->reply_text = zx_server_storage_pull (job->self->storage, account, job->client_id,
                                                  job->cursor, job->limit, &resync, &error);
        if (job->reply_text == NULL && resync)
          {
            job_fail (job, SOUP_STATUS_GONE, "resync_required",
                      _("This copy of the data is too old or unknown to the server. Download everything again."));
            return;
          }
      }
      break;
    case JOB_BOOTSTRAP:
      job->reply_text = zx_server_storage_bootstrap (job->self->storage, account, job->after, job->limit, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (job->reply_text == NULL)
    {
      g_warning ("%s", error ? error->message : "sync request failed");
      job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", internal);
      return;
    }
  job->status = SOUP_STATUS_OK;
}

static void
record_failure (ZxServer   *self,
                const char *key,
                gboolean    failed,
                gboolean    finished);

static gboolean
job_finish (gpointer data)
{
  Job *job = data;
  ZxServer *self = job->self;

  if (job->kind == JOB_SESSION)
    record_failure (self, job->rate_key, job->auth_failed, job->status == SOUP_STATUS_OK);

  if (job->msg != NULL && !request_state (job->msg)->disconnected)
    {
      if (job->status == SOUP_STATUS_UNAUTHORIZED && job->kind != JOB_SESSION)
        respond_unauthorized (job->msg);
      else if (job->reply_text != NULL)
        {
          gsize length = job->reply_text->len;

          soup_server_message_set_status (job->msg, job->status, NULL);
          soup_message_headers_replace (soup_server_message_get_response_headers (job->msg),
                                        "Cache-Control", "no-store");
          soup_server_message_set_response (job->msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                            g_string_free (g_steal_pointer (&job->reply_text), FALSE), length);
        }
      else if (job->reply != NULL)
        set_json_response (job->msg, job->status, job->reply);
      else
        respond_error (job->msg, job->status, job->error_code, NULL, job->error_message);
      soup_server_message_unpause (job->msg);
    }

  job_free (job);
  return G_SOURCE_REMOVE;
}

/* The pushes waiting, applied in batches of one transaction each: under
 * many desktops at once, one write to disk serves them all instead of one
 * each.  Each push still gets its own answer, after the commit. */
#define PUSH_BATCH 64

static void
run_push_drain (ZxServer *self)
{
  for (;;)
    {
      g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
      g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_server_account_free);
      g_autoptr(GArray) pushes = g_array_new (FALSE, TRUE, sizeof (ZxServerPush));
      g_autoptr(GPtrArray) batched = g_ptr_array_new ();

      g_mutex_lock (&self->push_lock);
      while (self->push_queue->len > 0 && jobs->len < PUSH_BATCH)
        g_ptr_array_add (jobs, g_ptr_array_steal_index (self->push_queue, 0));
      if (jobs->len == 0)
        self->push_draining = FALSE;
      g_mutex_unlock (&self->push_lock);
      if (jobs->len == 0)
        return;

      for (guint i = 0; i < jobs->len; i++)
        {
          Job *job = jobs->pdata[i];
          g_autoptr(GError) error = NULL;
          ZxServerAccount *account = zx_server_storage_lookup_token (self->storage, job->token_hash,
                                                                     g_get_real_time () / G_USEC_PER_SEC, &error);

          if (error != NULL)
            finish_push (job, NULL, 0, error);
          else if (account == NULL)
            job->status = SOUP_STATUS_UNAUTHORIZED;
          else
            {
              ZxServerPush push = { account, job->client_id, json_node_get_array (job->mutations), NULL, 0, NULL };

              g_ptr_array_add (accounts, account);
              g_array_append_val (pushes, push);
              g_ptr_array_add (batched, job);
            }
        }

      zx_server_storage_push_many (self->storage, (ZxServerPush *) (void *) pushes->data, pushes->len);

      for (guint i = 0; i < batched->len; i++)
        {
          ZxServerPush *push = &g_array_index (pushes, ZxServerPush, i);

          finish_push (batched->pdata[i], push->reply, push->expected, push->error);
          g_clear_error (&push->error);
        }
      for (guint i = 0; i < jobs->len; i++)
        g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, job_finish, jobs->pdata[i], NULL);
    }
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = data;

  switch (job->kind)
    {
    case JOB_SESSION:
      run_session (job);
      break;
    case JOB_WHOAMI:
      run_whoami (job);
      break;
    case JOB_PUSH:
    case JOB_PULL:
    case JOB_BOOTSTRAP:
      run_sync (job);
      break;
    case JOB_PUSH_DRAIN:
      run_push_drain (job->self);
      break;
    case JOB_CLEANUP:
      {
        g_autoptr(GError) error = NULL;
        gint64 now = g_get_real_time () / G_USEC_PER_SEC;
        gint64 purged = 0;

        dummy_hash ();   /* made once, before the first sign-in of an unknown name needs it */

        if (!zx_server_storage_delete_expired_tokens (job->self->storage, now, &error))
          g_warning ("Removing expired sessions: %s", error->message);
        g_clear_error (&error);
        if (!zx_server_storage_purge_tombstones (job->self->storage,
                                                 now - (gint64) ZX_SERVER_TOMBSTONE_DAYS * 24 * 3600,
                                                 &purged, &error))
          g_warning ("Removing old deleted rows: %s", error->message);
        else if (purged > 0)
          g_message ("Removed %" G_GINT64_FORMAT " rows deleted more than %d days ago", purged,
                     ZX_SERVER_TOMBSTONE_DAYS);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  g_main_context_invoke_full (job->self->context, G_PRIORITY_DEFAULT, job_finish, job, NULL);
}

static void
submit (ZxServer          *self,
        Job               *job,
        SoupServerMessage *msg)
{
  if (self->pool == NULL)
    {
      /* stopping */
      if (msg != NULL)
        respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", NULL,
                       _("The server is stopping. Try again in a moment."));
      job_free (job);
      return;
    }

  job->self = g_object_ref (self);
  if (msg != NULL)
    {
      job->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
    }
  g_thread_pool_push (self->pool, job, NULL);
}

/* A push waits with the others for the writer (run_push_drain()) */
static void
submit_push (ZxServer          *self,
             Job               *job,
             SoupServerMessage *msg)
{
  Job *drain = NULL;

  if (self->pool == NULL)
    {
      submit (self, job, msg);   /* answers 503 */
      return;
    }

  job->self = g_object_ref (self);
  job->msg = g_object_ref (msg);
  soup_server_message_pause (msg);

  g_mutex_lock (&self->push_lock);
  g_ptr_array_add (self->push_queue, job);
  if (!self->push_draining)
    {
      self->push_draining = TRUE;
      drain = g_new0 (Job, 1);
      drain->kind = JOB_PUSH_DRAIN;
    }
  g_mutex_unlock (&self->push_lock);

  if (drain != NULL)
    submit (self, drain, NULL);
}

/* Rate limiting ---------------------------------------------------------------- */

static void
prune (Failures *failures,
       gint64    now)
{
  gint64 window = (gint64) ZX_SERVER_FAILURE_WINDOW * G_USEC_PER_SEC;
  guint old = 0;

  while (old < failures->times->len && g_array_index (failures->times, gint64, old) <= now - window)
    old++;
  if (old > 0)
    g_array_remove_range (failures->times, 0, old);
}

/* The seconds to wait before @key may try again, 0 if it may now; counts
 * the attempt as under way when it may. */
static gint64
begin_attempt (ZxServer   *self,
               const char *key)
{
  Failures *failures = g_hash_table_lookup (self->failures, key);
  gint64 now = g_get_monotonic_time ();

  if (failures == NULL)
    {
      failures = g_new0 (Failures, 1);
      failures->times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->failures, g_strdup (key), failures);
    }
  prune (failures, now);

  if (failures->times->len >= ZX_SERVER_MAX_FAILURES)
    {
      /* the failure that will leave the window first, for the count to drop below the limit */
      guint index = failures->times->len - ZX_SERVER_MAX_FAILURES;
      gint64 oldest = g_array_index (failures->times, gint64, index);
      gint64 wait = oldest + (gint64) ZX_SERVER_FAILURE_WINDOW * G_USEC_PER_SEC - now;

      return MAX (1, (wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
    }
  /* attempts still being checked count as failures until they are known:
   * no more than the limit can be tried at once */
  if (failures->times->len + failures->pending >= ZX_SERVER_MAX_FAILURES)
    return 1;

  failures->pending++;
  return 0;
}

static void
record_failure (ZxServer   *self,
                const char *key,
                gboolean    failed,
                gboolean    succeeded)
{
  Failures *failures = g_hash_table_lookup (self->failures, key);
  gint64 now = g_get_monotonic_time ();

  if (failures == NULL)
    return;
  if (failures->pending > 0)
    failures->pending--;
  if (succeeded)
    g_array_set_size (failures->times, 0);
  else if (failed)
    g_array_append_val (failures->times, now);

  if (failures->times->len == 0 && failures->pending == 0)
    g_hash_table_remove (self->failures, key);
}

static gboolean
cleanup_cb (gpointer data)
{
  ZxServer *self = data;
  GHashTableIter iter;
  Failures *failures;
  gint64 now = g_get_monotonic_time ();
  Job *job;

  g_hash_table_iter_init (&iter, self->failures);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &failures))
    {
      prune (failures, now);
      if (failures->times->len == 0 && failures->pending == 0)
        g_hash_table_iter_remove (&iter);
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_CLEANUP;
  submit (self, job, NULL);
  return G_SOURCE_CONTINUE;
}

/* Routes ----------------------------------------------------------------------- */

static void
handle_health (ZxServer          *self,
               SoupServerMessage *msg,
               GHashTable        *query G_GNUC_UNUSED)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, zx_server_storage_get_schema_version (self->storage));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  set_json_response (msg, SOUP_STATUS_OK, root);
}

static void
handle_session (ZxServer          *self,
                SoupServerMessage *msg,
                GHashTable        *query G_GNUC_UNUSED)
{
  static const char * const members[] = { "username", "password", NULL };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  const char *username, *password;
  g_autofree char *key = NULL;
  gint64 wait;
  Job *job;

  object = read_json_object (msg, parser);
  if (object == NULL || !check_members (msg, object, members))
    return;
  username = get_string_member (msg, object, "username", MAX_USERNAME_BYTES);
  if (username == NULL)
    return;
  password = get_string_member (msg, object, "password", MAX_PASSWORD_BYTES);
  if (password == NULL)
    return;

  key = g_strdup_printf ("%s\n%s", username, soup_server_message_get_remote_host (msg));
  wait = begin_attempt (self, key);
  if (wait > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, wait);
      int minutes = (int) ((wait + 59) / 60);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Too many failed sign-ins. Try again in %d minute.",
                                                            "Too many failed sign-ins. Try again in %d minutes.",
                                                            minutes),
                                               minutes);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", seconds);
      respond_error (msg, STATUS_TOO_MANY_REQUESTS, "too_many_attempts", NULL, text);
      g_message ("Sign-in of %s from %s refused for %" G_GINT64_FORMAT " s (too many failed or pending attempts)",
                 username, soup_server_message_get_remote_host (msg), wait);
      return;
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_SESSION;
  job->username = g_strdup (username);
  job->password = g_strdup (password);
  job->rate_key = g_steal_pointer (&key);
  submit (self, job, msg);
}

static void
handle_whoami (ZxServer          *self,
               SoupServerMessage *msg,
               GHashTable        *query G_GNUC_UNUSED)
{
  g_autofree char *token = bearer_token (msg);
  Job *job;

  if (token == NULL)
    {
      respond_unauthorized (msg);
      return;
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_WHOAMI;
  job->token_hash = hash_token (token);
  submit (self, job, msg);
}

static void
respond_field (SoupServerMessage *msg,
               const char        *field,
               const char        *message)
{
  respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", field, message);
}

/* FALSE (after answering 415) unless the body is declared JSON in UTF-8. */
static gboolean
check_json_media_type (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *type, *charset;

  type = soup_message_headers_get_content_type (headers, &params);
  charset = params ? g_hash_table_lookup (params, "charset") : NULL;
  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0 ||
      (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0))
    {
      respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", NULL,
                     _("The request must be JSON in UTF-8 (Content-Type: application/json)."));
      return FALSE;
    }
  return TRUE;
}

/* The body is checked by zx_server_push_decode() (zx-server-push.c), a pure
 * function that tests/fuzz/fuzz-push-decode.c fuzzes. */
static void
handle_push (ZxServer          *self,
             SoupServerMessage *msg,
             GHashTable        *query G_GNUC_UNUSED)
{
  g_autofree char *token = bearer_token (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ZxPushRequest) request = NULL;
  ZxServerPushError error = { 0, };
  const char *data;
  gsize length;
  Job *job;

  if (token == NULL)
    {
      respond_unauthorized (msg);
      return;
    }
  if (!check_json_media_type (msg))
    return;

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (bytes, &length);
  if (length > ZX_SERVER_MAX_BODY)
    {
      refuse_too_large (msg);
      return;
    }

  request = zx_server_push_decode (data, length, &error);
  if (request == NULL)
    {
      if (error.status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
        refuse_too_large (msg);
      else
        respond_error (msg, error.status, error.code, error.field, error.message);
      zx_server_push_error_clear (&error);
      return;
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_PUSH;
  job->token_hash = hash_token (token);
  job->client_id = g_steal_pointer (&request->client_id);
  job->mutations = g_steal_pointer (&request->mutations);
  submit_push (self, job, msg);
}

/* A query parameter as a whole number in [@min, @max]; @fallback when absent.
 * FALSE when present but not such a number. */
static gboolean
query_int (GHashTable *query,
           const char *name,
           gint64      min,
           gint64      max,
           gint64      fallback,
           gint64     *out)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 value = 0;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (text[0] == '\0' || strlen (text) > 18)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  value = g_ascii_strtoull (text, NULL, 10);
  if ((gint64) value < min || (gint64) value > max)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static const char *
query_client_id (SoupServerMessage *msg,
                 GHashTable        *query,
                 gboolean          *ok)
{
  const char *client_id = query ? g_hash_table_lookup (query, "client_id") : NULL;

  *ok = TRUE;
  if (client_id != NULL && (client_id[0] == '\0' || strlen (client_id) > MAX_CLIENT_ID_BYTES ||
                            !g_utf8_validate (client_id, -1, NULL)))
    {
      g_autofree char *text = g_strdup_printf (_("The field “%s” must not be empty or longer than %u bytes."),
                                               "client_id", MAX_CLIENT_ID_BYTES);
      respond_field (msg, "client_id", text);
      *ok = FALSE;
    }
  return client_id;
}

static void
handle_pull (ZxServer          *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_autofree char *token = bearer_token (msg);
  const char *client_id;
  gint64 cursor, limit;
  gboolean ok;
  Job *job;

  if (token == NULL)
    {
      respond_unauthorized (msg);
      return;
    }
  if (!query_int (query, "limit", 1, PAGE_ROWS, PAGE_ROWS, &limit))
    {
      g_autofree char *text = g_strdup_printf (_("The field “%s” must be a whole number from %d to %d."),
                                               "limit", 1, PAGE_ROWS);
      respond_field (msg, "limit", text);
      return;
    }
  client_id = query_client_id (msg, query, &ok);
  if (!ok)
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_PULL;
  job->token_hash = hash_token (token);
  job->client_id = g_strdup (client_id);
  job->limit = (guint) limit;
  /* an unreadable cursor is answered 410 by the worker, like one past the end */
  if (!query_int (query, "cursor", 0, G_MAXINT64 / 2, 0, &cursor))
    cursor = -1;
  job->cursor = cursor;
  submit (self, job, msg);
}

static void
handle_bootstrap (ZxServer          *self,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  g_autofree char *token = bearer_token (msg);
  g_autofree char *after_id = NULL;
  const char *after = query ? g_hash_table_lookup (query, "after") : NULL;
  guint after_index = 0;
  gint64 limit;
  Job *job;

  if (token == NULL)
    {
      respond_unauthorized (msg);
      return;
    }
  if (!query_int (query, "limit", 1, MAX_BOOTSTRAP_ROWS, BOOTSTRAP_ROWS, &limit))
    {
      g_autofree char *text = g_strdup_printf (_("The field “%s” must be a whole number from %d to %d."),
                                               "limit", 1, MAX_BOOTSTRAP_ROWS);
      respond_field (msg, "limit", text);
      return;
    }
  if (after != NULL && !zx_server_bootstrap_token_parse (after, &after_index, &after_id))
    {
      respond_field (msg, "after",
                     _("The field “after” must be the “next” value of the previous page, unchanged. Start the download again from the beginning."));
      return;
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_BOOTSTRAP;
  job->token_hash = hash_token (token);
  job->after = g_strdup (after);
  job->limit = (guint) limit;
  submit (self, job, msg);
}

typedef void (*RouteFunc) (ZxServer          *self,
                           SoupServerMessage *msg,
                           GHashTable        *query);

static const struct
{
  const char *path;
  const char *method;
  const char *allow;
  RouteFunc   func;
} routes[] = {
  { "/api/v1/health", "GET", "GET, HEAD", handle_health },
  { "/api/v1/session", "POST", "POST", handle_session },
  { "/api/v1/whoami", "GET", "GET, HEAD", handle_whoami },
  { "/api/v1/push", "POST", "POST", handle_push },
  { "/api/v1/pull", "GET", "GET, HEAD", handle_pull },
  { "/api/v1/bootstrap", "GET", "GET, HEAD", handle_bootstrap },
};

static void
server_cb (SoupServer        *soup,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  ZxServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (request_state (msg)->too_large)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!g_str_equal (path, routes[i].path))
        continue;

      if (g_str_equal (method, routes[i].method) ||
          (g_str_equal (method, "HEAD") && g_str_equal (routes[i].method, "GET")))
        routes[i].func (self, msg, query);
      else
        {
          g_autofree char *text = g_strdup_printf (_("%s cannot be used with %s; use %s."),
                                                   method, path, routes[i].allow);

          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Allow", routes[i].allow);
          respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", NULL, text);
        }
      return;
    }

  respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                 _("There is nothing at this address on the Zhixing server."));
}

/* Accepting connections --------------------------------------------------------- */

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  ZxServer *self = user_data;

  for (int i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GIOStream) stream = NULL;
      g_autoptr(GSocketAddress) local = NULL;
      g_autoptr(GSocketAddress) remote = NULL;

      if (socket == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_warning ("Accepting a connection: %s", error->message);
          break;
        }

      g_socket_set_timeout (socket, self->idle_timeout);
      g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
      local = g_socket_get_local_address (socket, NULL);
      remote = g_socket_get_remote_address (socket, NULL);
      if (local == NULL || remote == NULL)
        continue;
      /* so that a request can find its socket (got_chunk_cb) */
      g_object_set_data_full (G_OBJECT (remote), "zx-socket", g_object_ref (socket), g_object_unref);

      connection = g_socket_connection_factory_create_connection (socket);
      if (self->certificate != NULL)
        {
          stream = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
          if (stream == NULL)
            {
              g_warning ("Starting TLS: %s", error->message);
              continue;
            }
        }
      else
        stream = G_IO_STREAM (g_object_ref (connection));

      soup_server_accept_iostream (self->soup, stream, local, remote, NULL);
    }

  return G_SOURCE_CONTINUE;
}

GInetSocketAddress *
zx_server_parse_address (const char  *text,
                         GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *colon, *port_text;
  guint64 port = 0;

  if (text == NULL)
    goto invalid;

  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end == NULL || end[1] != ':')
        goto invalid;
      host = g_strndup (text + 1, end - text - 1);
      port_text = end + 2;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon == NULL || strchr (text, ':') != colon)
        goto invalid;
      host = g_strndup (text, colon - text);
      port_text = colon + 1;
    }

  address = g_inet_address_new_from_string (host);
  if (address == NULL || port_text[0] == '\0' ||
      !g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    goto invalid;

  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, (guint16) port));

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an address to listen on: give an IP address and a port, such as 127.0.0.1:8443."),
               text ? text : "");
  return NULL;
}

gboolean
zx_server_listen (ZxServer            *self,
                  GInetSocketAddress  *address,
                  GTlsCertificate     *certificate,
                  GError             **error)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  g_return_val_if_fail (ZX_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->listener == NULL, FALSE);

  listener = g_socket_new (g_socket_address_get_family (G_SOCKET_ADDRESS (address)),
                           G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  g_socket_set_blocking (listener, FALSE);
  /* GSocket's default backlog of 10 is too short for a hospital's desktops
   * syncing at the same moment (a timer, the morning's start-up) */
  g_socket_set_listen_backlog (listener, 256);
  if (!g_socket_bind (listener, G_SOCKET_ADDRESS (address), TRUE, error) ||
      !g_socket_listen (listener, error))
    return FALSE;

  bound = g_socket_get_local_address (listener, error);
  if (bound == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  /* SoupServer 3.2 keeps a connection alive after an answer only when it
   * has a listener of its own (request_finished() tests priv->listeners),
   * and we accept sockets ourselves for the idle timeout.  So it is given
   * the same socket, with its watch attached to a main context nobody
   * iterates: it never accepts, and connections are kept alive. */
  self->inert_context = g_main_context_new ();
  g_main_context_push_thread_default (self->inert_context);
  if (!soup_server_listen_socket (self->soup, listener, 0, error))
    {
      g_main_context_pop_thread_default (self->inert_context);
      return FALSE;
    }
  g_main_context_pop_thread_default (self->inert_context);

  g_set_object (&self->certificate, certificate);
  self->listener = g_steal_pointer (&listener);
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, self->context);
  return TRUE;
}

guint16
zx_server_get_port (ZxServer *self)
{
  g_return_val_if_fail (ZX_IS_SERVER (self), 0);
  return self->port;
}

void
zx_server_stop (ZxServer *self)
{
  g_return_if_fail (ZX_IS_SERVER (self));

  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_handle_id (&self->cleanup_id, g_source_remove);

  /* drop what has not started, wait for what has: then nothing uses the
   * storage any more (answers still queued for the main context are lost) */
  if (self->pool != NULL)
    {
      g_thread_pool_free (self->pool, TRUE, TRUE);
      self->pool = NULL;
    }
}

/* The object -------------------------------------------------------------------- */

static void
zx_server_dispose (GObject *object)
{
  ZxServer *self = ZX_SERVER (object);

  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
  g_clear_handle_id (&self->cleanup_id, g_source_remove);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (zx_server_parent_class)->dispose (object);
}

static void
zx_server_finalize (GObject *object)
{
  ZxServer *self = ZX_SERVER (object);

  /* every job holds a reference: the pool is idle here */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, TRUE, TRUE);
  g_hash_table_unref (self->failures);
  g_ptr_array_unref (self->push_queue);
  g_mutex_clear (&self->push_lock);
  g_main_context_unref (self->context);
  if (self->inert_context != NULL)
    g_main_context_unref (self->inert_context);

  G_OBJECT_CLASS (zx_server_parent_class)->finalize (object);
}

static void
zx_server_class_init (ZxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zx_server_dispose;
  object_class->finalize = zx_server_finalize;
}

static void
zx_server_init (ZxServer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) failures_free);
  self->pool = g_thread_pool_new (worker, self, WORKERS, FALSE, NULL);
  g_mutex_init (&self->push_lock);
  self->push_queue = g_ptr_array_new ();
}

ZxServer *
zx_server_new (ZxServerStorage *storage,
               guint            idle_timeout)
{
  ZxServer *self;

  g_return_val_if_fail (storage != NULL, NULL);

  self = g_object_new (ZX_TYPE_SERVER, NULL);
  self->storage = storage;
  self->idle_timeout = idle_timeout > 0 ? idle_timeout : ZX_SERVER_DEFAULT_IDLE_TIMEOUT;
  self->soup = soup_server_new ("server-header", "zhixing-server/" PACKAGE_VERSION " ", NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);
  self->cleanup_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, 3600, cleanup_cb, self, NULL);
  cleanup_cb (self);
  return self;
}
