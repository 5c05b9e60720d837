/* zx-progress.h — OKR progress, expected pace, health and staleness
 *
 * The rules (the help pages quote them; tests/test-progress.c has a worked
 * example of each):
 *
 * Key result progress, a number from 0 to 1
 *   - Numeric and percentage: (current − start) / (target − start), clamped
 *     to [0, 1].  The same formula serves “lower is better”: from 9.0 days
 *     to 7.0 days, 8.0 days is 0.5.  No current value yet: 0.
 *   - Milestone: 1 when the current value is 1 or more (reached), else 0.
 *   - A check-in also writes its key result's current value (1 or 0 for a
 *     milestone) and confidence, so progress reads only the key results.
 *     Even the date of the latest check-in comes with the key result: its
 *     last_check_in_at, a local column that triggers on check_in keep
 *     (migrations/004-latest-check-in.sql).
 *
 * Objective progress
 *   - The mean of its live key results' progress weighted by their weight;
 *     the plain mean when every weight is 0.  An objective without key
 *     results has no progress (has_progress FALSE) and is left out of
 *     roll-ups.  Closed objectives get their numbers too.
 *
 * Roll-up
 *   - A battle: the mean progress of the live department objectives serving
 *     it (battle_id), those that have progress.
 *   - A pillar: the mean progress of the live hospital objectives (pillar_id)
 *     and the live battles of the pillar, each counted once, those that have
 *     progress.
 *   - Nothing to count: no progress (has_progress FALSE).
 *
 * Expected pace on a day
 *   - A key result: linear from its cycle's start date (0) to its due date
 *     when it has one inside the cycle, else the cycle's end date (1),
 *     clamped to [0, 1].
 *   - An objective: the mean of its key results' expected pace with the same
 *     weights as its progress.  A battle or a pillar: the mean of what it
 *     counts.  (An objective without key results: its cycle's pace.)
 *
 * Challenge key results
 *   - 70% of the target counts as success: health judges them against 0.7 ×
 *     the expected pace.  Their progress is not changed.  That bar is
 *     ZxProgress.judged_against; objectives, battles and pillars average it
 *     the same way as the expected pace.
 *
 * Health
 *   - Not started: a key result without any check-in whose progress is 0; an
 *     objective none of whose key results has a check-in, or without key
 *     results; a battle or pillar none of whose objectives (and battles) has
 *     started.
 *   - Otherwise, with gap = judged_against − progress and the margin
 *     behind_margin (default 0.15): gap ≤ margin is on track, gap ≤ 2 ×
 *     margin at risk, more off track.
 *   - A key result whose confidence (1–10) is at or below low_confidence
 *     (default 3) is at least at risk.
 *
 * Stale
 *   - A key result whose latest check-in (the day it was written,
 *     created_at, in local time) is more than stale_days (default 14) days
 *     before today, or that has none while its cycle started more than
 *     stale_days days ago.  Never stale once its progress is 1 or after its
 *     cycle has ended.  An objective is stale when one of its key results
 *     is.  (Battles and pillars are never marked stale.)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-store.h"

G_BEGIN_DECLS

typedef struct
{
  double behind_margin;  /* GSettings warn-behind-pace-margin, default 0.15 */
  int    stale_days;     /* warn-stale-days, default 14 */
  int    low_confidence; /* warn-low-confidence, default 3 */
} ZxProgressParams;

void         zx_progress_params_init_default (ZxProgressParams *params);

typedef enum
{
  ZX_HEALTH_NOT_STARTED,
  ZX_HEALTH_ON_TRACK,
  ZX_HEALTH_AT_RISK,
  ZX_HEALTH_OFF_TRACK,
} ZxHealth;

/* "not_started", "on_track", "at_risk", "off_track" */
const char  *zx_health_to_string  (ZxHealth    health);
/* FALSE when @s names no health */
gboolean     zx_health_from_string (const char *s,
                                    ZxHealth   *out_health);
/* Translated: “Not started”, “On track”, “At risk”, “Off track” */
const char  *zx_health_get_label  (ZxHealth    health);

typedef struct
{
  double   progress;       /* 0–1; 0 when !has_progress */
  double   expected;       /* the expected pace today, 0–1 */
  double   judged_against; /* what health compares progress with: expected,
                            * 0.7 × expected for challenge key results */
  gboolean has_progress;   /* FALSE: an objective without key results, or a
                            * battle or pillar with nothing to count */
  gboolean stale;
  ZxHealth health;
  gint64   last_check_in;  /* julian day of the latest check-in (for an
                            * objective, battle or pillar: of any of its key
                            * results); 0 none */
  int      confidence;     /* a key result's latest confidence 1–10; 0 none
                            * (and for everything but key results) */
} ZxProgress;

/* The progress of one key result, 0–1.  @kind is "numeric", "percentage"
 * or "milestone"; @has_current FALSE when the current value is NULL. */
double       zx_kr_progress       (const char *kind,
                                   gboolean    has_current,
                                   double      start,
                                   double      target,
                                   double      current);
/* Where progress should be on @today, linearly from @start (0) to @end (1),
 * clamped to [0, 1].  @end on or before @start: 1 from @end on, else 0. */
double       zx_expected_pace     (const GDate *start,
                                   const GDate *end,
                                   const GDate *today);
/* @expected is the bar progress is judged against (for a challenge key
 * result already × 0.7); @started FALSE means not started; @confidence
 * 1–10, 0 when there is none (then the confidence rule does not apply). */
ZxHealth     zx_health_from       (double                  progress,
                                   double                  expected,
                                   gboolean                started,
                                   int                     confidence,
                                   const ZxProgressParams *params);

/* The share of the expected pace a challenge key result must reach */
#define ZX_CHALLENGE_SHARE 0.7

/* The numbers of every key result, objective, battle and pillar of the
 * database (all cycles) on one day.  A snapshot: make a new one when the
 * store changes (::changed, ::reloaded) or the day or parameters do.
 *
 * The first index of a store reads the cycles, pillars, battles, objectives
 * and key results it needs (never the check-ins) and keeps them with the
 * store; later ones read only the rows written since (a few milliseconds).
 * To do so the first one sets an SQLite update hook on the store's
 * connection. */
typedef struct _ZxProgressIndex ZxProgressIndex;

ZxProgressIndex  *zx_progress_index_new    (ZxStore                *store,
                                            const GDate            *today,
                                            const ZxProgressParams *params,
                                            GError                **error);
ZxProgressIndex  *zx_progress_index_ref    (ZxProgressIndex        *self);
void              zx_progress_index_unref  (ZxProgressIndex        *self);
/* The numbers of a live key result, objective, battle or pillar; NULL when
 * @id is none of these (or was deleted).  Valid as long as @self. */
const ZxProgress *zx_progress_index_lookup (ZxProgressIndex        *self,
                                            const char             *id);
/* How many rows it holds numbers for */
guint             zx_progress_index_get_size (ZxProgressIndex      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxProgressIndex, zx_progress_index_unref)

G_END_DECLS
