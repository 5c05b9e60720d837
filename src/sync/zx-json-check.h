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
  ZX_JSON_CHECK_ERROR_TOO_LARGE,      /* more than max_bytes (checked before reading a byte) */
  ZX_JSON_CHECK_ERROR_TOO_DEEP,       /* arrays and objects nested more than max_depth */
  ZX_JSON_CHECK_ERROR_SYNTAX,         /* not RFC 8259 JSON, or not exactly one value */
  ZX_JSON_CHECK_ERROR_NUMBER,         /* integer beyond ±(2^53 − 1), or not a finite double */
  ZX_JSON_CHECK_ERROR_STRING,         /* bad escape, \u0000 or NUL, lone surrogate, raw control
                                       * character, or longer than max_string_bytes */
  ZX_JSON_CHECK_ERROR_DUPLICATE_KEY,  /* the same key twice in one object */
  ZX_JSON_CHECK_ERROR_ENCODING,       /* not valid UTF-8 */
} ZxJsonCheckError;

/* 0 in a member means its default: 1 MiB, depth 32, strings of 1 MiB */
typedef struct
{
  gsize max_bytes;         /* the whole document */
  guint max_depth;         /* arrays and objects nested in each other; scalars add nothing */
  guint max_string_bytes;  /* each string or key, counted in UTF-8 bytes after unescaping */
} ZxJsonLimits;

GQuark   zx_json_check_error_quark (void);

/* TRUE when the @length bytes at @data (no terminating NUL needed) are
 * exactly one strict RFC 8259 JSON value, with only whitespace around it,
 * that json-glib 1.6 can read safely: within @limits (NULL for all the
 * defaults), valid UTF-8, no comments, single quotes, trailing commas,
 * NaN/Infinity or other extensions, no NUL in strings, integers within
 * ±(2^53 − 1), every other number a finite double, and no object with the
 * same key twice (keys compared after unescaping, so "a" and "\u0061" are
 * the same key).
 *
 * The size is checked before anything is read.  The scan is one linear
 * pass without recursion.  The error is in ZX_JSON_CHECK_ERROR; its
 * translated message names the line and column (1-based, columns counted
 * in characters) where the problem is, in words a person can act on. */
gboolean zx_json_check             (const char          *data,
                                    gsize                length,
                                    const ZxJsonLimits  *limits,
                                    GError             **error);

G_END_DECLS
