/* zx-warnings.h — early warnings of execution deviation (预警)
 *
 * The rules, on @today (tests/test-warnings.c checks each at and around its
 * threshold).  Key results are the current ones (zx-cockpit.h); their
 * numbers come from the progress index made with the same parameters.
 *
 *   behind_pace     a started key result whose progress trails the bar it
 *                   is judged against (the expected pace; 70% of it for a
 *                   challenge) by more than behind_margin.  Since: its
 *                   latest check-in.
 *   stale           a key result the index marks stale (no check-in for
 *                   more than stale_days days).  Since: its latest
 *                   check-in, else its cycle's start.
 *   low_confidence  a key result whose latest confidence is at or below
 *                   low_confidence.  Since: its latest check-in.
 *   request_overdue a live collaboration request in a column that is not
 *                   done, due before @today.  Since: its due date; owner:
 *                   its assignee, else the supporting department's head.
 *   decision_owner  an open decision of a live meeting without an owner,
 *                   made decision_owner_hours hours or more before @now.
 *                   Since: when it was made; owner: the meeting
 *                   department's head.
 *   no_battle_map   a clinical or medtech department without a live
 *                   battle.  Since: 1 January of @today's year.
 *   pledge_unsigned a live department with live battles whose pledge for
 *                   @today's year is missing or unsigned.  Since: 1
 *                   January.
 *
 * Each warning has a key, "rule/row id/since", so acknowledging it (a
 * warning_ack row with a note) holds until the situation changes — a new
 * check-in, a new due date — and then a new warning is raised.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-progress.h"
#include "zx-store.h"

G_BEGIN_DECLS

typedef enum
{
  ZX_WARNING_BEHIND_PACE,
  ZX_WARNING_STALE,
  ZX_WARNING_LOW_CONFIDENCE,
  ZX_WARNING_REQUEST_OVERDUE,
  ZX_WARNING_DECISION_OWNER,
  ZX_WARNING_NO_BATTLE_MAP,
  ZX_WARNING_PLEDGE_UNSIGNED,
  ZX_WARNING_N_KINDS
} ZxWarningKind;

/* "behind_pace", … as in the keys */
const char *zx_warning_kind_to_string (ZxWarningKind kind);
/* Translated, short: “Behind pace”, “No check-in”, … */
const char *zx_warning_kind_get_label (ZxWarningKind kind);

typedef struct
{
  ZxProgressParams progress;
  int              decision_owner_hours;  /* warn-decision-owner-hours, default 24 */
} ZxWarningParams;

void zx_warning_params_init_default (ZxWarningParams *params);

typedef struct
{
  ZxWarningKind kind;
  char     *key;            /* "rule/id/since" */
  char     *entity;         /* "key_result", "card", "decision", "department" */
  char     *target_id;      /* the row it is about */
  char     *subject;        /* its title or name */
  char     *what;           /* a translated sentence saying what is wrong */
  char     *department_id;  /* where; NULL for the hospital */
  char     *department;     /* translated “Hospital” when NULL */
  char     *owner_id;       /* who owns it; may be NULL */
  char     *owner;          /* translated “No owner” when NULL */
  GDate     since;          /* may be invalid (cleared) when unknown */
  gboolean  acknowledged;
  char     *ack_note;       /* NULL unless acknowledged */
  char     *acked_at;
} ZxWarning;

void       zx_warning_free     (ZxWarning *warning);

/* Every warning on @today, @now the current time (for decisions), from
 * @index (NULL: one is made with @params->progress).  Unacknowledged ones
 * first, then by rule in the order above, then oldest first.  An array of
 * ZxWarning*; NULL with @error when the database cannot be read. */
GPtrArray *zx_warnings_compute (ZxStore               *store,
                                ZxProgressIndex       *index,
                                const GDate           *today,
                                GDateTime             *now,
                                const ZxWarningParams *params,
                                GError               **error);

/* Records that @key was seen, with @note (may be NULL or empty), by the
 * store's actor when it is a staff member: a warning_ack row. */
gboolean   zx_warnings_acknowledge (ZxStore    *store,
                                    const char *key,
                                    const char *note,
                                    GError    **error);

G_END_DECLS
