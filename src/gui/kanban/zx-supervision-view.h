/* zx-supervision-view.h — the hospital office's supervision list (督办清单)
 *
 * Every request under supervision or overdue and not done, most days
 * overdue first: title, requesting → supporting department, due date, days
 * overdue, supervision deadline and note.  Activating a row (Enter,
 * double click) emits ::open-card (gboolean handler (view, card_id)); when
 * no handler returns TRUE the view opens the request's form itself.
 * Print and Export as PDF make the A4 list for the office's
 * weekly report to leadership (ZxSupervisionDocument).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_SUPERVISION_VIEW (zx_supervision_view_get_type ())

G_DECLARE_FINAL_TYPE (ZxSupervisionView, zx_supervision_view, ZX, SUPERVISION_VIEW, GtkWidget)

GtkWidget  *zx_supervision_view_new          (ZxContext         *context);
void        zx_supervision_view_set_board    (ZxSupervisionView *self,
                                              const char        *board_id);
/* How many rows it lists now */
guint       zx_supervision_view_get_n_rows   (ZxSupervisionView *self);
/* The rows: the cards (ZxRecord) in the list's order */
GListModel *zx_supervision_view_get_model    (ZxSupervisionView *self);
/* The days overdue the row of @card_id shows; -1 when it is not listed */
int         zx_supervision_view_get_days_overdue (ZxSupervisionView *self,
                                              const char        *card_id);
/* Reads the list again now (it follows the store in an idle otherwise) */
void        zx_supervision_view_refresh      (ZxSupervisionView *self);
/* What Export as PDF writes, without asking for the file */
gboolean    zx_supervision_view_export_pdf   (ZxSupervisionView *self,
                                              const char        *path,
                                              GError           **error);
/* The "Supervise Overdue Requests" action without its toast: runs
 * zx_kanban_auto_supervise() with the kanban-auto-supervise-days setting;
 * how many it marked, or -1 with @error */
int         zx_supervision_view_auto_supervise (ZxSupervisionView *self,
                                                GError           **error);

G_END_DECLS
