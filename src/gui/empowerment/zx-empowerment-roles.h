/* zx-empowerment-roles.h — what the signed-in account may change here
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-context.h"

G_BEGIN_DECLS

/* Why the account signed in to the server may not write a row of @entity
 * whose scope is @scope (NULL: the whole hospital), or NULL: allowed, or
 * not signed in (standalone and the demo allow everything). */
char *zx_empowerment_write_refusal (ZxContext  *context,
                                    const char *entity,
                                    const char *scope);
/* The same for a row whose owner is @owner_id (an enrolment's learner:
 * the signed-in person may mark their own courses completed) */
char *zx_empowerment_write_refusal_owned (ZxContext  *context,
                                          const char *entity,
                                          const char *scope,
                                          const char *owner_id);
/* Why the account may not change the skills the battle @battle_id or
 * (when NULL) the key result @key_result_id needs, or NULL */
char *zx_empowerment_need_refusal  (ZxContext  *context,
                                    const char *battle_id,
                                    const char *key_result_id);
/* Sets @widget's sensitivity and tooltip from @refusal (NULL: allowed,
 * with @tooltip); returns TRUE when allowed. */
gboolean zx_empowerment_apply    (GtkWidget  *widget,
                                  const char *refusal,
                                  const char *tooltip);
/* Makes @widget insensitive with the refusal as its tooltip when the
 * account may not write @entity rows of @scope, else sensitive with
 * @tooltip; returns TRUE when allowed. */
gboolean zx_empowerment_allow    (GtkWidget  *widget,
                                  ZxContext  *context,
                                  const char *entity,
                                  const char *scope,
                                  const char *tooltip);

G_END_DECLS
