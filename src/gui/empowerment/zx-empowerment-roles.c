/* zx-empowerment-roles.c — what the signed-in account may change here
 *
 * The server refuses courses, skills and mentorships from any role but HR
 * and IT, enrolments but from them, a department's head and the learner
 * (their own, completion and rating only), and a battle's or key result's
 * needed skills but from HR and that row's writers (zx-roles.c); the pages
 * mirror that so nobody makes a change that would be undone at the next
 * sync.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-empowerment-roles"

#include "config.h"

#include "zx-account.h"
#include "zx-empowerment-roles.h"
#include "zx-roles.h"

char *
zx_empowerment_write_refusal_owned (ZxContext  *context,
                                    const char *entity,
                                    const char *scope,
                                    const char *owner_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return zx_account_write_refusal (context, entity, scope, owner_id);
}

char *
zx_empowerment_write_refusal (ZxContext  *context,
                              const char *entity,
                              const char *scope)
{
  return zx_empowerment_write_refusal_owned (context, entity, scope, NULL);
}

char *
zx_empowerment_need_refusal (ZxContext  *context,
                             const char *battle_id,
                             const char *key_result_id)
{
  g_autofree char *role = NULL;
  g_autofree char *department = NULL;
  g_autofree char *staff = NULL;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  if (!zx_account_get (context, &role, &department, &staff))
    return NULL;
  return zx_roles_skill_need_refusal (zx_context_get_store (context), role, department, staff,
                                      battle_id, key_result_id);
}

gboolean
zx_empowerment_apply (GtkWidget  *widget,
                      const char *refusal,
                      const char *tooltip)
{
  gtk_widget_set_sensitive (widget, refusal == NULL);
  gtk_widget_set_tooltip_text (widget, refusal != NULL ? refusal : tooltip);
  return refusal == NULL;
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
