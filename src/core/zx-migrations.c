/* zx-migrations.c — the schema's versions, one SQL script each
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "zx-core-resources.h"
#include "zx-store-private.h"

static const char * const scripts[] = {
  "migrations/001-initial.sql",
  "migrations/002-indexes.sql",
  "migrations/003-staff-post.sql",
  "migrations/004-latest-check-in.sql",
  "migrations/005-sync.sql",
  "migrations/006-check-in-author.sql",
};

G_STATIC_ASSERT (G_N_ELEMENTS (scripts) == ZX_SCHEMA_VERSION);

int
zx_migrations_latest (void)
{
  return G_N_ELEMENTS (scripts);
}

char *
zx_migrations_sql (int      version,
                   GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (version >= 1 && version <= (int) G_N_ELEMENTS (scripts), NULL);

  path = g_strconcat ("/io/github/zhixing/Zhixing/core/", scripts[version - 1], NULL);
  /* Looked up in our own resource rather than the global table: a static
   * library's registration constructor may be dropped by the linker. */
  bytes = g_resource_lookup_data (zx_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}
