/* zx-demo-fund.h — the demo hospital's micro-innovation fund trail
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

/* Inside the demo's transaction, after its fund proposals and approvals:
 * writes the audit entry of every step they have taken (submission, each
 * tier's decision, the pilot's start, the result), as zx-fund.c would
 * have, and the thresholds when no setting holds them.  Deterministic:
 * ids and times come from the rows. */
gboolean zx_demo_fund_populate (ZxStore  *store,
                                GError  **error);

G_END_DECLS
