/* zx-server-push.h — reading the body of POST /api/v1/push
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure function of the bytes: no SoupServerMessage, no storage, so that
 * it can be tested and fuzzed on its own (tests/fuzz/fuzz-push-decode.c).
 * The rules are those of docs/sync-protocol.md, "POST /api/v1/push".
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ZX_SERVER_PUSH_MAX_MUTATIONS     500
#define ZX_SERVER_PUSH_MAX_CLIENT_ID     128  /* bytes */
#define ZX_SERVER_PUSH_MAX_NAME          128  /* bytes */

typedef struct
{
  gint64      id;            /* ≥ 1, each one more than the one before */
  const char *name;          /* 1–128 bytes; points into the request's JSON */
  JsonObject *args;          /* points into the request's JSON */
  gint64      base_version;  /* ≥ 0 */
} ZxPushMutation;

typedef struct
{
  char           *client_id;     /* 1–128 bytes */
  JsonNode       *mutations;     /* the checked array, as zx_server_storage_push() takes it */
  guint           n_mutations;
  ZxPushMutation *items;         /* n_mutations of them */
} ZxPushRequest;

void zx_push_request_free (ZxPushRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxPushRequest, zx_push_request_free)

/* Why a body was refused: the answer to give, as in docs/sync-protocol.md */
typedef struct
{
  guint  status;    /* HTTP status: 400, or 413 for a document over the size limit */
  char  *code;      /* "too_large", "invalid_json", "invalid_request", "missing_field",
                     * "invalid_field" or "unknown_field" */
  char  *field;     /* the member at fault ("mutations[3].id"), or NULL */
  char  *message;   /* translated, for a person */
} ZxServerPushError;

void zx_server_push_error_clear (ZxServerPushError *error);

/* Decodes and checks a push body: the strict pre-scan (zx_wire_parse()),
 * an object with exactly "client_id" (string, 1–128 bytes) and "mutations"
 * (an array of at most 500 objects with exactly "id", "name", "args" and
 * "base_version", of the right types and limits, ids consecutive).  The
 * checks stop at the first problem, in that order.  Returns NULL and fills
 * @out_error (clear it with zx_server_push_error_clear()) when the body is
 * refused.  @data need not be NUL-terminated; NULL with @length 0 is an
 * empty body. */
ZxPushRequest *zx_server_push_decode (const char         *data,
                                      gsize               length,
                                      ZxServerPushError  *out_error);

G_END_DECLS
