/* zx-account.c — the account signed in to the sync server, and what it may change
 *
 * The server refuses what the account's role may not write (zx-roles.h,
 * zx_kanban_may ()); the desktop mirrors that, so that nobody makes a
 * change that would vanish at the next sync.  Standalone, in the demo and
 * before anyone signs in, everything is allowed.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-account"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-account.h"
#include "zx-roles.h"
#include "zx-sync-service.h"

static char *
setting_or_null (GSettings  *settings,
                 const char *key)
{
  char *value = g_settings_get_string (settings, key);

  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

gboolean
zx_account_get (ZxContext  *context,
                char      **role,
                char      **department,
                char      **staff)
{
  GSettings *settings;
  g_autofree char *r = NULL;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), FALSE);

  settings = zx_context_get_settings (context);
  if (settings == NULL ||
      zx_sync_service_get_state (zx_context_get_sync_service (context)) == ZX_SYNC_STATE_NOT_CONFIGURED)
    return FALSE;
  r = setting_or_null (settings, "account-role");
  if (r == NULL)
    return FALSE;
  if (role != NULL)
    *role = g_steal_pointer (&r);
  if (department != NULL)
    *department = setting_or_null (settings, "account-department");
  if (staff != NULL)
    *staff = setting_or_null (settings, "account-staff");
  return TRUE;
}

char *
zx_account_write_refusal (ZxContext  *context,
                          const char *entity,
                          const char *scope,
                          const char *owner_id)
{
  g_autofree char *role = NULL;
  g_autofree char *department = NULL;
  g_autofree char *staff = NULL;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  if (!zx_account_get (context, &role, &department, &staff))
    return NULL;
  return zx_roles_write_refusal (role, department, staff, entity, scope != NULL ? scope : ZX_SCOPE_ALL, owner_id);
}

char *
zx_account_kanban_refusal (ZxContext      *context,
                           ZxKanbanAction  action,
                           ZxRecord       *card,
                           const char     *department_id)
{
  ZxStore *store;
  g_autofree char *role = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *actor = NULL;
  gboolean allowed;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  store = zx_context_get_store (context);
  if (store == NULL)
    return NULL;
  if (!zx_account_get (context, &role, NULL, &staff))
    return zx_kanban_may (store, action, card, department_id)
           ? NULL : g_strdup (zx_roles_kanban_refusal (action));

  /* as the server's check: the office and admin everything, anyone else
   * as their staff member (zx_kanban_may () decides for the store's
   * actor, put back at once) */
  if (g_str_equal (role, "admin") || g_str_equal (role, "office"))
    return NULL;
  if (staff == NULL)
    return g_strdup (_("Your account is not linked to a staff member, so it may not change collaboration requests. Ask the IT department to link it."));
  {
    g_autoptr(JsonObject) row = zx_store_get (store, "staff", staff, NULL);

    if (row == NULL || json_object_get_boolean_member_with_default (row, ZX_COLUMN_DELETED, FALSE))
      return g_strdup (_("The staff member your account is linked to is no longer in the hospital’s data. Ask the IT department to link your account again."));
  }
  actor = g_strdup (zx_store_get_actor (store));
  zx_store_set_actor (store, staff);
  allowed = zx_kanban_may (store, action, card, department_id);
  if (actor != NULL)
    zx_store_set_actor (store, actor);
  return allowed ? NULL : g_strdup (zx_roles_kanban_refusal (action));
}
