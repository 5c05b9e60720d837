/* zx-error.h — the error domain of the core
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZX_ERROR (zx_error_quark ())

typedef enum
{
  ZX_ERROR_FAILED,
  ZX_ERROR_INVALID,       /* a value breaks a rule; the message says which */
  ZX_ERROR_NOT_FOUND,     /* the row does not exist */
  ZX_ERROR_DELETED,       /* the row was deleted */
  ZX_ERROR_IN_USE,        /* other rows still refer to the row */
  ZX_ERROR_DUPLICATE,     /* a unique value is already used */
  ZX_ERROR_DATABASE,      /* SQLite failed */
  ZX_ERROR_NOT_DATABASE,  /* the file is not a Zhixing database or is damaged */
  ZX_ERROR_NEWER_SCHEMA,  /* written by a newer Zhixing */
  ZX_ERROR_IMPORT,        /* a backup file is malformed */
  ZX_ERROR_NOT_EMPTY,     /* import into a database that already holds data */
  ZX_ERROR_PERMISSION,
  ZX_ERROR_CANCELLED,
  ZX_ERROR_BLOCKED,       /* another row must be finished first (a blocking request) */
} ZxError;

GQuark zx_error_quark (void);

G_END_DECLS
