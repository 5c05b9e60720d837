/* fuzz-push-decode.c — the body of POST /api/v1/push
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * zx_server_push_decode() never crashes; a refusal is one of the answers
 * docs/sync-protocol.md lists, with a message; what it accepts holds to
 * the protocol (at most 500 mutations, ids consecutive from ≥ 1, names and
 * client id of 1–128 bytes, args objects, base versions ≥ 0) and passed
 * the strict pre-scan.
 */
#include <string.h>

#include "zx-fuzz.h"
#include "zx-json-check.h"
#include "zx-server-push.h"

static void
check_refusal (const ZxServerPushError *error,
               gboolean                 json_ok)
{
  static const char * const codes[] = { "invalid_json", "invalid_request", "missing_field",
                                        "invalid_field", "unknown_field", NULL };

  ZX_FUZZ_CHECK (error->code != NULL, "a refusal without a code");
  ZX_FUZZ_CHECK (error->message != NULL && error->message[0] != '\0' &&
                 g_utf8_validate (error->message, -1, NULL), "a refusal without a message");
  if (error->status == 413)
    {
      ZX_FUZZ_CHECK (strcmp (error->code, "too_large") == 0, "413 with %s", error->code);
      return;
    }
  ZX_FUZZ_CHECK (error->status == 400, "status %u", error->status);
  ZX_FUZZ_CHECK (g_strv_contains (codes, error->code), "the code %s", error->code);
  ZX_FUZZ_CHECK ((strcmp (error->code, "invalid_json") == 0) == !json_ok,
                 "%s for a document the pre-scan %s", error->code, json_ok ? "accepts" : "refuses");
  /* (an unknown member may be called "") */
  if (g_str_has_suffix (error->code, "_field"))
    ZX_FUZZ_CHECK (error->field != NULL && (error->field[0] != '\0' || strcmp (error->code, "unknown_field") == 0) &&
                   g_utf8_validate (error->field, -1, NULL), "%s without a field", error->code);
  else
    ZX_FUZZ_CHECK (error->field == NULL, "%s with a field", error->code);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ZxPushRequest) request = NULL;
  ZxServerPushError error = { 0, };
  gboolean json_ok;

  zx_fuzz_init ();
  json_ok = zx_json_check ((const char *) data, size, NULL, NULL);
  request = zx_server_push_decode ((const char *) data, size, &error);
  if (request == NULL)
    {
      check_refusal (&error, json_ok);
      zx_server_push_error_clear (&error);
      ZX_FUZZ_CHECK (error.code == NULL && error.field == NULL && error.message == NULL, "not cleared");
      return 0;
    }

  ZX_FUZZ_CHECK (error.code == NULL && error.status == 0, "accepted with an error");
  ZX_FUZZ_CHECK (json_ok, "accepted what the pre-scan refuses");
  ZX_FUZZ_CHECK (request->client_id != NULL && request->client_id[0] != '\0' &&
                 strlen (request->client_id) <= ZX_SERVER_PUSH_MAX_CLIENT_ID, "client_id");
  ZX_FUZZ_CHECK (request->n_mutations <= ZX_SERVER_PUSH_MAX_MUTATIONS, "%u mutations", request->n_mutations);
  ZX_FUZZ_CHECK (request->mutations != NULL && JSON_NODE_HOLDS_ARRAY (request->mutations) &&
                 json_array_get_length (json_node_get_array (request->mutations)) == request->n_mutations,
                 "the array and the items disagree");
  for (guint i = 0; i < request->n_mutations; i++)
    {
      const ZxPushMutation *m = &request->items[i];
      JsonObject *object = json_array_get_object_element (json_node_get_array (request->mutations), i);

      ZX_FUZZ_CHECK (m->id >= 1, "id %" G_GINT64_FORMAT, m->id);
      ZX_FUZZ_CHECK (i == 0 || m->id == request->items[i - 1].id + 1, "ids not consecutive at %u", i);
      ZX_FUZZ_CHECK (m->name != NULL && m->name[0] != '\0' && strlen (m->name) <= ZX_SERVER_PUSH_MAX_NAME, "name");
      ZX_FUZZ_CHECK (m->args != NULL, "args");
      ZX_FUZZ_CHECK (m->base_version >= 0, "base_version");
      ZX_FUZZ_CHECK (json_object_get_size (object) == 4, "%u members in mutation %u", json_object_get_size (object), i);
      /* what zx_server_storage_push() reads */
      ZX_FUZZ_CHECK (json_object_get_int_member (object, "id") == m->id, "id member");
      ZX_FUZZ_CHECK (strcmp (json_object_get_string_member (object, "name"), m->name) == 0, "name member");
      ZX_FUZZ_CHECK (json_object_get_object_member (object, "args") == m->args, "args member");
    }
  return 0;
}
