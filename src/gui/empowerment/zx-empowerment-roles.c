/* zx-empowerment-roles.c — what the signed-in account may change here
 *
 * The server refuses courses, skills, enrolments and mentorships from any
 * role but HR and IT (zx-roles.c); the pages mirror that so nobody makes a
 * change that would be undone at the next sync.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-empowerment-roles"

#include "config.h"

#include "zx-empowerment-roles.h"
#include "zx-roles.h"

char *
zx_empowerment_write_refusal (ZxContext  *context,
                              const char *entity,
                              const char *scope)
{
  GSettings *settings;
  g_autofree char *role = NULL;
  g_autofree char *department = NULL;
  g_autofree char *staff = NULL;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  settings = zx_context_get_settings (context);
  if (settings == NULL ||
      zx_sync_service_get_state (zx_context_get_sync_service (context)) == ZX_SYNC_STATE_NOT_CONFIGURED)
    return NULL;
  role = g_settings_get_string (settings, "account-role");
  if (*role == '\0')
    return NULL;
  department = g_settings_get_string (settings, "account-department");
  staff = g_settings_get_string (settings, "account-staff");
  return zx_roles_write_refusal (role, *department ? department : NULL, *staff ? staff : NULL,
                                 entity, scope != NULL ? scope : ZX_SCOPE_ALL, NULL);
}

gboolean
zx_empowerment_allow (GtkWidget  *widget,
                      ZxContext  *context,
                      const char *entity,
                      const char *scope,
                      const char *tooltip)
{
  g_autofree char *refusal = zx_empowerment_write_refusal (context, entity, scope);

  gtk_widget_set_sensitive (widget, refusal == NULL);
  gtk_widget_set_tooltip_text (widget, refusal != NULL ? refusal : tooltip);
  return refusal == NULL;
}
