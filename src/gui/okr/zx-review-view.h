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

GtkWidget  *zx_review_view_new             (ZxContext    *context);
void        zx_review_view_set_department  (ZxReviewView *self,
                                            const char   *department_id);
const char *zx_review_view_get_department  (ZxReviewView *self);
/* The meetings of the department, newest first (ZxRecord) */
GListModel *zx_review_view_get_meetings    (ZxReviewView *self);
/* Opens @meeting_id on its first item */
void        zx_review_view_open_meeting    (ZxReviewView *self,
                                            const char   *meeting_id);
const char *zx_review_view_get_meeting     (ZxReviewView *self);
/* The item shown: 0 … n_items - 1, n_items for the summary */
guint       zx_review_view_get_position    (ZxReviewView *self);
guint       zx_review_view_get_n_items     (ZxReviewView *self);
void        zx_review_view_set_position    (ZxReviewView *self,
                                            guint         position);

/* Starts the weekly review of @department_id for the week of @week (its
 * Monday is used) in @cycle_id, in one transaction: the meeting, and one
 * item per live key result of the department's active objectives in the
 * cycle (and its year), filled in from each key result's latest check-in. */
gboolean    zx_review_start                (ZxStore      *store,
                                            const char   *department_id,
                                            const char   *cycle_id,
                                            const GDate  *week,
                                            char        **out_meeting_id,
                                            GError      **error);
/* TRUE when @decision (a decision row) has no owner @hours after it was
 * recorded, by the store's clock, and is still open */
gboolean    zx_review_decision_is_flagged  (ZxStore      *store,
                                            ZxRecord     *decision,
                                            int           hours);
/* The number of flagged decisions of @meeting_id */
guint       zx_review_count_flagged        (ZxStore      *store,
                                            const char   *meeting_id,
                                            int           hours);

G_END_DECLS
