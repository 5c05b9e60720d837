/* zx-cockpit.h — the figures of the leadership cockpit (驾驶舱)
 *
 * One snapshot of the whole hospital on one day, for the cockpit's tiles,
 * charts and lists.  The definitions (the help page quotes them;
 * tests/test-cockpit.c checks each against its own SQL on the demo):
 *
 *   - Current key results: the live key results of the live objectives of
 *     every cycle that contains @today (the year and its quarter).  Their
 *     health and staleness come from the progress index (zx-progress.h).
 *   - Overall progress and expected pace: the mean of the pillars that have
 *     progress (progress index roll-up); its health judges the mean
 *     progress against the mean of the pillars' judged_against.
 *   - Pillars: the live pillars by rank, with the index's numbers.
 *   - Departments: the live departments by rank then name, with the health
 *     counts of the current key results of their objectives (department and
 *     personal level) and how many are stale.
 *   - Key people: live staff marked key_person, by department then name,
 *     with the health counts of the current key results they own (a key
 *     result without owner belongs to its objective's owner).
 *   - Collaboration requests: live cards in a column that is not done;
 *     overdue when their due date is before @today.
 *   - Pledges: live departments with a live pledge for @today's year that
 *     has signed_at, out of all live departments.
 *   - Training: live enrolments of live courses and staff; completed ones
 *     have completed_at; satisfaction is the mean rating (1–5) of those
 *     rated.
 *   - Fund: live proposals submitted, approved or piloting are in progress,
 *     with the sum of their amounts.
 *   - Trend: for each Monday from the start of the current year cycle, or
 *     from the week of the first check-in of its hospital key results when
 *     that is later (at most 53 weeks), to @today, the mean progress of the current year's live
 *     hospital objectives computed from the check-ins written for weeks up
 *     to that Monday's Sunday (weighted as in zx-progress.h), and the mean
 *     expected pace on that Sunday.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-progress.h"
#include "zx-store.h"

G_BEGIN_DECLS

/* Indexes of the health counts: ZxHealth values */
#define ZX_COCKPIT_N_HEALTH 4

typedef struct
{
  char     *id;
  char     *name;
  double    progress;
  double    expected;
  gboolean  has_progress;
  ZxHealth  health;
} ZxCockpitPillar;

typedef struct
{
  char  *id;
  char  *name;
  char  *department_id;   /* people: their department; departments: NULL */
  char  *department;      /* people: its name */
  guint  counts[ZX_COCKPIT_N_HEALTH];
  guint  stale;
  guint  total;
  double progress;        /* mean progress of those key results, 0 none */
} ZxCockpitGroup;

/* The worst health among a group's started key results (off track before
 * at risk before on track); not started when none started. */
ZxHealth zx_cockpit_group_health (const ZxCockpitGroup *group);

typedef struct
{
  GDate  week;            /* a Monday */
  double progress;
  double expected;
} ZxCockpitWeek;

typedef struct
{
  GDate     today;
  ZxProgressIndex *index;

  double    progress;
  double    expected;
  gboolean  has_progress;
  ZxHealth  health;

  guint     kr_total;
  guint     kr_counts[ZX_COCKPIT_N_HEALTH];
  guint     kr_stale;

  guint     requests_open;
  guint     requests_overdue;

  guint     departments;
  guint     pledges_signed;

  guint     enrolments;
  guint     enrolments_completed;
  guint     ratings;
  double    satisfaction;   /* 1–5, 0 when nothing was rated */

  guint     fund_in_progress;
  double    fund_amount;

  GPtrArray *pillars;       /* ZxCockpitPillar* */
  GPtrArray *department_list; /* ZxCockpitGroup* */
  GPtrArray *people;        /* ZxCockpitGroup* */
  GArray    *trend;         /* ZxCockpitWeek */
} ZxCockpit;

/* Computes every figure; @index may be NULL (then one is made with
 * @params, the defaults when NULL).  NULL with @error when the database
 * cannot be read. */
ZxCockpit *zx_cockpit_new   (ZxStore                *store,
                             ZxProgressIndex        *index,
                             const GDate            *today,
                             const ZxProgressParams *params,
                             GError                **error);
void       zx_cockpit_free  (ZxCockpit              *self);

/* The ids of the current cycles on @today (year first) */
GPtrArray *zx_cockpit_current_cycles (ZxStore     *store,
                                      const GDate *today);

/* What a drill-down lists ---------------------------------------------------- */

typedef struct
{
  char     *entity;        /* "battle", "objective", "key_result", "card" */
  char     *id;
  char     *title;
  char     *detail;        /* department, owner or due date; may be NULL */
  int       depth;         /* 0 battles and objectives, 1 key results */
  const ZxProgress *numbers; /* from the index; NULL for cards */
} ZxCockpitItem;

void       zx_cockpit_item_free (ZxCockpitItem *item);

/* A pillar's live battles and, under each, the current department
 * objectives serving it with their key results; then its hospital
 * objectives' current key results.  An array of ZxCockpitItem*. */
GPtrArray *zx_cockpit_pillar_items     (ZxCockpit  *self,
                                        ZxStore    *store,
                                        const char *pillar_id);
/* A department's current objectives and their key results, then the open
 * collaboration requests from and to it.  An array of ZxCockpitItem*. */
GPtrArray *zx_cockpit_department_items (ZxCockpit  *self,
                                        ZxStore    *store,
                                        const char *department_id);

typedef struct
{
  char   *week;        /* YYYY-MM-DD */
  double  value;       /* the value, 1/0 for a milestone */
  gboolean has_value;
  int     confidence;
  char   *note;
  char   *author;      /* may be NULL */
} ZxCockpitCheckIn;

void       zx_cockpit_check_in_free    (ZxCockpitCheckIn *check_in);
/* A key result's live check-ins, newest first.  An array of ZxCockpitCheckIn*. */
GPtrArray *zx_cockpit_check_ins        (ZxStore    *store,
                                        const char *key_result_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxCockpit, zx_cockpit_free)

G_END_DECLS
