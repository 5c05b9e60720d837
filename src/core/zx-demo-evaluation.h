/* zx-demo-evaluation.h — the demo hospital's finished evaluation
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

/* Inside the demo's transaction, after its OKRs, indicators and the
 * current quarter's draft scheme: the last quarter of the same year, as
 * finished — its department and personal OKRs (closed, with a final
 * check-in each), a locked scheme like the current one, every person's
 * scores computed by zx-evaluation.c, the heads' assessments, a few HR
 * adjustments with their reasons and audit entries, grades.  Nothing when
 * the current quarter is the year's first (there is no last quarter in the
 * demo's year).  Deterministic; queues nothing. */
gboolean zx_demo_evaluation_populate (ZxStore  *store,
                                      GError  **error);

G_END_DECLS
