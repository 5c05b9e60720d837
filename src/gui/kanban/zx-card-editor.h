/* zx-card-editor.h — create or edit a collaboration request (a card)
 *
 * A ZxRecordEditor for the card's fields (title, requesting and supporting
 * department, the key result it serves — picked from the requesting
 * department's OKRs —, due date, priority, assignee, blocked by,
 * description); for an existing card also its comments (with a box to add
 * one) and its history of moves.  A new card is written through
 * zx_kanban_create_card() into the board's first column.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_CARD_EDITOR (zx_card_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxCardEditor, zx_card_editor, ZX, CARD_EDITOR, ZxRecordEditor)

/* @record NULL: a new request on @board_id, its requesting department
 * preset to @department_id (may be NULL). */
GtkWidget *zx_card_editor_new (ZxContext  *context,
                               const char *board_id,
                               ZxRecord   *record,
                               const char *department_id);

G_END_DECLS
