/* zx-review-view.h — the weekly OKR review meeting of a department
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_REVIEW_VIEW (zx_review_view_get_type ())

G_DECLARE_FINAL_TYPE (ZxReviewView, zx_review_view, ZX, REVIEW_VIEW, AdwBin)

/* A view of the OKR area: a department's review meetings, newest first, and
 * the meeting opened, walked one key result at a time, then a summary with
 * the minutes.
 *
 * Properties:
 *   context        ZxContext  construct-only
 *   cycle-id       string     the cycle new reviews cover (the OKR area's)
 *   department-id  string     the department shown; by default the signed-in
 *                             staff member's, else the first
 *
 * Actions (prefix "review."): start (Ctrl+N, asks for the week), next and
 * previous (Alt+→ and Alt+←; Page Down and Page Up outside a text field),
 * go-to (u: a position as zx_review_view_set_position() takes it),
 * export-minutes, print-minutes, undo (Ctrl+Z: a deleted decision). */

GtkWidget  *zx_review_view_new             (ZxContext    *context);
const char *zx_review_view_get_cycle       (ZxReviewView *self);
void        zx_review_view_set_cycle       (ZxReviewView *self,
                                            const char   *cycle_id);
const char *zx_review_view_get_department  (ZxReviewView *self);
void        zx_review_view_set_department  (ZxReviewView *self,
                                            const char   *department_id);
/* The meetings listed (the department's, newest first), as ZxRecord */
GListModel *zx_review_view_get_meetings    (ZxReviewView *self);
/* Opens @meeting_id (NULL: none) on its first item; the answers typed on
 * the page being left are saved first */
void        zx_review_view_open_meeting    (ZxReviewView *self,
                                            const char   *meeting_id);
const char *zx_review_view_get_meeting     (ZxReviewView *self);
/* The page shown: 0 … n_items − 1 a key result, n_items the summary */
guint       zx_review_view_get_position    (ZxReviewView *self);
guint       zx_review_view_get_n_items     (ZxReviewView *self);
void        zx_review_view_set_position    (ZxReviewView *self,
                                            guint         position);
/* Saves what was typed on the page shown (each field only when changed) */
void        zx_review_view_save            (ZxReviewView *self);
/* Reads everything again, e.g. after the store's clock moved: the flags on
 * decisions without an owner depend on it (a timer also does it each
 * minute) */
void        zx_review_view_refresh         (ZxReviewView *self);
/* Saves the page, then writes the open meeting's minutes to @path as PDF */
gboolean    zx_review_view_export_minutes  (ZxReviewView *self,
                                            const char   *path,
                                            GError      **error);

/* The review itself ------------------------------------------------------------ */

/* Starts the review of @department_id for the week holding @week (its
 * Monday becomes the meeting's date) in @cycle_id: the meeting, titled
 * “Weekly OKR review YYYY-MM-DD”, and one item per live key result of the
 * department's active objectives (department level first, then personal) of
 * the cycle and, for a quarter, of its year — each filled in from the key
 * result's latest check-in (note, obstacles, support needed).  All in one
 * transaction: on failure nothing is written. */
gboolean    zx_review_start                (ZxStore      *store,
                                            const char   *department_id,
                                            const char   *cycle_id,
                                            const GDate  *week,
                                            char        **out_meeting_id,
                                            GError      **error);
/* The key results zx_review_start() would list, in its order (ZxRecord) */
GPtrArray  *zx_review_list_key_results     (ZxStore      *store,
                                            const char   *department_id,
                                            const char   *cycle_id);
/* TRUE when @decision (a decision row) is open, has no owner, and more than
 * @hours have passed, by the store's clock, since the later of its meeting's
 * day (from midnight, local time) and the moment it was recorded */
gboolean    zx_review_decision_is_flagged  (ZxStore      *store,
                                            ZxRecord     *decision,
                                            int           hours);
/* How many decisions of @meeting_id are flagged */
guint       zx_review_count_flagged        (ZxStore      *store,
                                            const char   *meeting_id,
                                            int           hours);

G_END_DECLS
