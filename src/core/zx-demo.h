/* zx-demo.h — the demo hospital
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

/* Fills an empty store with a realistic tertiary hospital whose current
 * quarter is the one containing @today (a date "YYYY-MM-DD").  The same
 * @today always gives the same data.  One transaction; nothing queued. */
gboolean zx_demo_populate (ZxStore     *store,
                           const char  *today,
                           GError     **error);

G_END_DECLS
