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
/* Makes @widget insensitive with the refusal as its tooltip when the
 * account may not write @entity rows of @scope, else sensitive with
 * @tooltip; returns TRUE when allowed. */
gboolean zx_empowerment_allow    (GtkWidget  *widget,
                                  ZxContext  *context,
                                  const char *entity,
                                  const char *scope,
                                  const char *tooltip);

G_END_DECLS
