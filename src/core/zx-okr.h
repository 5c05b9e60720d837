/* zx-okr.h — OKR cycles, carrying objectives over, and alignment
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-store.h"

G_BEGIN_DECLS

/* Cycles ------------------------------------------------------------------------
 *
 * A year runs from 1 January to 31 December; its quarters Q1 1 January –
 * 31 March, Q2 1 April – 30 June, Q3 1 July – 30 September, Q4 1 October –
 * 31 December, each with the year as parent.  Names are "2026" and
 * "2026-Q1"; parsing also accepts "2026 Q1", "2026Q1", "2026 年度",
 * "2026年第1季度" and "2026 年第 1 季度".
 */
typedef enum
{
  ZX_CYCLE_YEAR,
  ZX_CYCLE_QUARTER,
} ZxCycleKind;

#define ZX_CYCLE_MIN_YEAR 2000
#define ZX_CYCLE_MAX_YEAR 2100

/* "year" or "quarter", as the cycle's kind field holds it */
const char  *zx_cycle_kind_to_string   (ZxCycleKind  kind);
gboolean     zx_cycle_kind_from_string (const char  *s,
                                        ZxCycleKind *out_kind);

/* "2026-Q1" → 2026, 1; "2026" → 2026, 0.  FALSE for anything else, a
 * quarter other than 1–4 or a year outside 2000–2100. */
gboolean     zx_cycle_name_parse       (const char  *name,
                                        int         *out_year,
                                        int         *out_quarter);
/* 2026, 1 → "2026-Q1"; 2026, 0 → "2026" */
char        *zx_cycle_name_format      (int          year,
                                        int          quarter);
/* The first and last day of a year (@quarter 0) or quarter; FALSE when
 * out of range */
gboolean     zx_cycle_dates            (int          year,
                                        int          quarter,
                                        GDate       *out_start,
                                        GDate       *out_end);
/* The year and quarter (0 for a year) of a cycle row, from its kind and
 * start date (so any name will do) */
gboolean     zx_cycle_get_period       (ZxStore     *store,
                                        const char  *cycle_id,
                                        int         *out_year,
                                        int         *out_quarter);

/* The id of the live cycle named @name; failing that, when @name parses,
 * of the live cycle of that kind and dates (whatever its name).  NULL when
 * there is none. */
char        *zx_cycle_find             (ZxStore     *store,
                                        const char  *name);
/* The id of the year (@quarter 0) or quarter, creating it — and for a
 * quarter its year — when missing, through the mutators. */
gboolean     zx_cycle_ensure           (ZxStore     *store,
                                        int          year,
                                        int          quarter,
                                        char       **out_id,
                                        GError     **error);
/* The cycle after @cycle_id of the same kind (2026-Q4 → 2027-Q1, 2026 →
 * 2027), created when missing.  NULL with @error on failure. */
char        *zx_cycle_next             (ZxStore     *store,
                                        const char  *cycle_id,
                                        GError     **error);

/* Carrying an objective over ----------------------------------------------------------
 *
 * Copies a live objective that is not yet complete, and its live key
 * results that are not complete, into @target_cycle_id, in one transaction,
 * through the mutators (each row is queued for sync).  The copy is active
 * and keeps the owner, department, pillar, battle and alignment.  Each key
 * result copied starts where the original stands (start = its current value
 * when it has one) with the current value at that start and no confidence;
 * a due date outside the new cycle is cleared.  Milestones start again not
 * reached.  Check-ins are not copied.  Refuses an objective all of whose key
 * results are complete, and a copy into the objective's own cycle.
 */
gboolean     zx_okr_copy_objective     (ZxStore     *store,
                                        const char  *objective_id,
                                        const char  *target_cycle_id,
                                        char       **out_new_id,
                                        GError     **error);

/* Alignment ----------------------------------------------------------------------- */

/* The ids from a key result or objective up to its pillar: a key result,
 * its objective, then each objective's parent key result (and that key
 * result's objective) or else its parent objective, up to the top
 * objective, then that objective's pillar (or its battle and the battle's
 * pillar).  Only live rows; NULL when @id is no live key result or
 * objective.  Elements are strings. */
GPtrArray   *zx_okr_alignment_path     (ZxStore     *store,
                                        const char  *kr_or_objective_id);
/* Ids of the live personal objectives of @cycle_id (NULL: every cycle)
 * aligned to nothing live, in their order (rank). */
GPtrArray   *zx_okr_list_orphans       (ZxStore     *store,
                                        const char  *cycle_id);

G_END_DECLS
