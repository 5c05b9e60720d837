/* zx-json-check.h — the strict pre-scan every untrusted JSON document passes
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZX_JSON_CHECK_ERROR (zx_json_check_error_quark ())

typedef enum
{
  ZX_JSON_CHECK_ERROR_TOO_LARGE,
  ZX_JSON_CHECK_ERROR_TOO_DEEP,
  ZX_JSON_CHECK_ERROR_SYNTAX,
  ZX_JSON_CHECK_ERROR_NUMBER,
  ZX_JSON_CHECK_ERROR_STRING,
  ZX_JSON_CHECK_ERROR_DUPLICATE_KEY,
  ZX_JSON_CHECK_ERROR_ENCODING,
} ZxJsonCheckError;

/* 0 in a member means its default: 1 MiB, depth 32, strings of 1 MiB */
typedef struct
{
  gsize max_bytes;
  guint max_depth;
  guint max_string_bytes;
} ZxJsonLimits;

GQuark   zx_json_check_error_quark (void);

/* TRUE when @data is one strict RFC 8259 JSON value that json-glib 1.6 can
 * read safely: within the limits, valid UTF-8, no comments or other
 * extensions, no NUL in strings, integers within ±(2^53 − 1) and finite
 * numbers, and no object with the same key twice (keys compared as
 * written, escapes included).  The error says what and where (line and
 * column), in words a person can act on. */
gboolean zx_json_check             (const char          *data,
                                    gsize                length,
                                    const ZxJsonLimits  *limits,
                                    GError             **error);

G_END_DECLS
