/* zx-cockpit-private.h — what zx-cockpit.c shares with zx-warnings.c
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

/* A current key result with what the cockpit and the warnings show of it */
typedef struct
{
  const char *id;
  const char *title;
  const char *department_id;  /* its objective's; NULL for the hospital */
  const char *department;
  const char *owner_id;       /* its own owner, else its objective's */
  const char *owner;
  GDate       cycle_start;
} ZxKrRow;

/* The live key results of the live objectives of the cycles containing
 * @today, as an array of ZxKrRow.  Kept with the store and read again only
 * when key results, objectives, staff, departments or cycles change (its
 * ::changed and ::reloaded, or another connection writing the file), or
 * @today's cycles differ.  Borrowed: valid until the next call. */
GArray *zx_cockpit_kr_rows (ZxStore      *store,
                            const GDate  *today,
                            GError      **error);

G_END_DECLS
