/* zx-demo-empowerment.h — the demo hospital's empowerment ring, completed
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

/* Inside zx_demo_populate()'s transaction, after its courses, skills and
 * enrolments: HR's follow-up of the 《我们的战略与我》 series.  Everyone
 * the series is for who never opened a lecture has it assigned with a
 * deadline that has passed, so the demo shows overdue learners.  Rows are
 * stamped @stamp; the same @today gives the same rows.  Does nothing when
 * *@error is already set. */
void zx_demo_put_empowerment_follow_up (ZxStore     *store,
                                        const GDate *today,
                                        const char  *stamp,
                                        GError     **error);

G_END_DECLS
