/* zx-server-push.c — reading the body of POST /api/v1/push
 *
 * The checks and messages handle_push() in zx-server.c gave inline before
 * they moved here; zx-server.c turns a ZxServerPushError into the answer.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zx-json-check.h"
#include "zx-server-push.h"
#include "zx-server.h"
#include "zx-wire.h"

#define STATUS_BAD_REQUEST 400
#define STATUS_TOO_LARGE   413

void
zx_push_request_free (ZxPushRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->client_id);
  g_clear_pointer (&request->mutations, json_node_unref);
  g_free (request->items);
  g_free (request);
}

void
zx_server_push_error_clear (ZxServerPushError *error)
{
  if (error == NULL)
    return;
  g_clear_pointer (&error->code, g_free);
  g_clear_pointer (&error->field, g_free);
  g_clear_pointer (&error->message, g_free);
  error->status = 0;
}

/* Fills @error; takes @message.  Returns FALSE for the callers' convenience. */
static gboolean
fail (ZxServerPushError *error,
      guint              status,
      const char        *code,
      const char        *field,
      char              *message)
{
  error->status = status;
  error->code = g_strdup (code);
  error->field = g_strdup (field);
  error->message = message;
  return FALSE;
}

static gboolean
is_int_node (JsonNode *node,
             gint64    min)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) >= min;
}

static gboolean
is_string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Checks one mutation's shape and fills @out; FALSE after filling @error. */
static gboolean
check_mutation (JsonNode          *node,
                guint              index,
                gint64            *inout_id,
                ZxPushMutation    *out,
                ZxServerPushError *error)
{
  static const char * const members[] = { "id", "name", "args", "base_version", NULL };
  JsonObject *object;
  JsonNode *member;
  g_autofree char *field = NULL;
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      field = g_strdup_printf ("mutations[%u]", index);
      return fail (error, STATUS_BAD_REQUEST, "invalid_field", field,
                   g_strdup_printf (_("Change %u of the request must be a JSON object."), index + 1));
    }
  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        field = g_strdup_printf ("mutations[%u].%s", index, (const char *) l->data);
        return fail (error, STATUS_BAD_REQUEST, "unknown_field", field,
                     g_strdup_printf (_("The request has a field “%s” this server does not know."), field));
      }
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_object_has_member (object, members[i]))
      {
        field = g_strdup_printf ("mutations[%u].%s", index, members[i]);
        return fail (error, STATUS_BAD_REQUEST, "missing_field", field,
                     g_strdup_printf (_("The request lacks the field “%s”."), field));
      }

  member = json_object_get_member (object, "id");
  if (!is_int_node (member, 1) || (*inout_id > 0 && json_node_get_int (member) != *inout_id + 1))
    {
      field = g_strdup_printf ("mutations[%u].id", index);
      return fail (error, STATUS_BAD_REQUEST, "invalid_field", field,
                   g_strdup_printf (_("The field “%s” must be a whole number, one more than the id of the change before it."), field));
    }
  *inout_id = json_node_get_int (member);
  out->id = *inout_id;

  member = json_object_get_member (object, "name");
  if (!is_string_node (member) ||
      json_node_get_string (member)[0] == '\0' || strlen (json_node_get_string (member)) > ZX_SERVER_PUSH_MAX_NAME)
    {
      field = g_strdup_printf ("mutations[%u].name", index);
      return fail (error, STATUS_BAD_REQUEST, "invalid_field", field,
                   g_strdup_printf (_("The field “%s” must not be empty or longer than %u bytes."),
                                    field, ZX_SERVER_PUSH_MAX_NAME));
    }
  out->name = json_node_get_string (member);

  member = json_object_get_member (object, "args");
  if (!JSON_NODE_HOLDS_OBJECT (member))
    {
      field = g_strdup_printf ("mutations[%u].args", index);
      return fail (error, STATUS_BAD_REQUEST, "invalid_field", field,
                   g_strdup_printf (_("The field “%s” must be a JSON object."), field));
    }
  out->args = json_node_get_object (member);

  member = json_object_get_member (object, "base_version");
  if (!is_int_node (member, 0))
    {
      field = g_strdup_printf ("mutations[%u].base_version", index);
      return fail (error, STATUS_BAD_REQUEST, "invalid_field", field,
                   g_strdup_printf (_("The field “%s” must be a whole number, 0 or more."), field));
    }
  out->base_version = json_node_get_int (member);
  return TRUE;
}

ZxPushRequest *
zx_server_push_decode (const char        *data,
                       gsize              length,
                       ZxServerPushError *out_error)
{
  static const char * const top[] = { "client_id", "mutations", NULL };
  const ZxJsonLimits limits = { .max_bytes = ZX_SERVER_MAX_BODY };
  g_autoptr(ZxPushRequest) request = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  const char *client_id;
  gint64 id = 0;
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (out_error != NULL, NULL);
  memset (out_error, 0, sizeof *out_error);

  /* JSON (400, or 413 past the size limit), strictly */
  root = zx_wire_parse (data ? data : "", length, &limits, &error);
  if (root == NULL)
    {
      if (g_error_matches (error, ZX_JSON_CHECK_ERROR, ZX_JSON_CHECK_ERROR_TOO_LARGE))
        fail (out_error, STATUS_TOO_LARGE, "too_large", NULL,
              g_strdup_printf (_("The request is too large: at most %d MiB are accepted."),
                               ZX_SERVER_MAX_BODY / (1024 * 1024)));
      else
        fail (out_error, STATUS_BAD_REQUEST, "invalid_json", NULL, g_strdup (error->message));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (out_error, STATUS_BAD_REQUEST, "invalid_request", NULL,
            g_strdup (_("The request must be a JSON object.")));
      return NULL;
    }
  object = json_node_get_object (root);

  /* Closed members */
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (top, l->data))
      {
        fail (out_error, STATUS_BAD_REQUEST, "unknown_field", l->data,
              g_strdup_printf (_("The request has a field “%s” this server does not know."),
                               (const char *) l->data));
        return NULL;
      }

  /* client_id */
  member = json_object_get_member (object, "client_id");
  if (member == NULL)
    {
      fail (out_error, STATUS_BAD_REQUEST, "missing_field", "client_id",
            g_strdup_printf (_("The request lacks the field “%s”."), "client_id"));
      return NULL;
    }
  if (!is_string_node (member))
    {
      fail (out_error, STATUS_BAD_REQUEST, "invalid_field", "client_id",
            g_strdup_printf (_("The field “%s” must be a string."), "client_id"));
      return NULL;
    }
  client_id = json_node_get_string (member);
  if (client_id == NULL || client_id[0] == '\0' || strlen (client_id) > ZX_SERVER_PUSH_MAX_CLIENT_ID)
    {
      fail (out_error, STATUS_BAD_REQUEST, "invalid_field", "client_id",
            g_strdup_printf (_("The field “%s” must not be empty or longer than %u bytes."),
                             "client_id", (guint) ZX_SERVER_PUSH_MAX_CLIENT_ID));
      return NULL;
    }

  /* mutations */
  member = json_object_get_member (object, "mutations");
  if (member == NULL)
    {
      fail (out_error, STATUS_BAD_REQUEST, "missing_field", "mutations",
            g_strdup_printf (_("The request lacks the field “%s”."), "mutations"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      fail (out_error, STATUS_BAD_REQUEST, "invalid_field", "mutations",
            g_strdup (_("The field “mutations” must be a list.")));
      return NULL;
    }
  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n > ZX_SERVER_PUSH_MAX_MUTATIONS)
    {
      fail (out_error, STATUS_BAD_REQUEST, "invalid_field", "mutations",
            g_strdup_printf (_("A request may carry at most %u changes; send the rest in another request."),
                             ZX_SERVER_PUSH_MAX_MUTATIONS));
      return NULL;
    }

  request = g_new0 (ZxPushRequest, 1);
  request->items = g_new0 (ZxPushMutation, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (!check_mutation (json_array_get_element (array, i), i, &id, &request->items[i], out_error))
      return NULL;

  request->client_id = g_strdup (client_id);
  request->n_mutations = n;
  /* The items point into the array, which keeps the rest of the document alive */
  request->mutations = json_node_ref (member);
  return g_steal_pointer (&request);
}
