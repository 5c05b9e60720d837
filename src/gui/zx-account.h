/* zx-account.h — the account signed in to the sync server, and what it may change
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-context.h"
#include "zx-kanban.h"
#include "zx-record.h"

G_BEGIN_DECLS

/* The account the desktop is signed in to a sync server with (the
 * account-role, account-department and account-staff settings; empty
 * ones as NULL), or FALSE: standalone, the demo, or no role yet, when
 * the desktop allows everything. */
gboolean  zx_account_get            (ZxContext       *context,
                                     char           **role,
                                     char           **department,
                                     char           **staff);

/* Why the signed-in account may not write a row of @entity whose scope
 * is @scope (NULL: the whole hospital) and owner @owner_id (may be
 * NULL), as zx_roles_write_refusal () says, or NULL: allowed, or not
 * signed in. */
char     *zx_account_write_refusal  (ZxContext       *context,
                                     const char      *entity,
                                     const char      *scope,
                                     const char      *owner_id);

/* Why the board refuses @action on @card (arguments as zx_kanban_may ()),
 * or NULL.  Signed in, it is decided as the server does: admin and
 * office may do everything, anyone else as the staff member the account
 * is linked to; not signed in, for the store's actor. */
char     *zx_account_kanban_refusal (ZxContext       *context,
                                     ZxKanbanAction   action,
                                     ZxRecord        *card,
                                     const char      *department_id);

G_END_DECLS
