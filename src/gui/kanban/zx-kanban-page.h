/* zx-kanban-page.h — the Collaboration area: the board and the supervision list
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-board-view.h"
#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_KANBAN_PAGE (zx_kanban_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxKanbanPage, zx_kanban_page, ZX, KANBAN_PAGE, AdwBin)

GtkWidget   *zx_kanban_page_new            (ZxContext    *context);
/* The board's id (zx_kanban_ensure_board()), NULL when it could not be made */
const char  *zx_kanban_page_get_board_id   (ZxKanbanPage *self);
ZxBoardView *zx_kanban_page_get_board_view (ZxKanbanPage *self);
/* "board" or "supervision" */
void         zx_kanban_page_set_view       (ZxKanbanPage *self,
                                            const char   *name);
/* Chooses the department of the filter (NULL: every department) and the
 * direction, as the dropdowns do */
void         zx_kanban_page_set_department (ZxKanbanPage     *self,
                                            const char       *department_id,
                                            ZxBoardDirection  direction);

G_END_DECLS
