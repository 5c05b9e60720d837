/* zx-board-view.h — the collaboration board: columns of cards
 *
 * A horizontal scroller of the board's live columns; each column a header
 * (name, number of cards shown, a mark on columns that count as done) and
 * a list of its cards (a one-column GtkGridView, which makes widgets only
 * for the cards near the view).  The board is read once with
 * zx_kanban_load_board() and then follows the store's ::changed signal
 * card by card (::reloaded reads it again).
 *
 * Cards move by drag and drop (with a drop line, scrolling near the edges),
 * from the keyboard (Ctrl+Shift+arrows on a focused card) and from the
 * context menu (right click, Shift+F10, Menu); every move is one
 * zx_kanban_move_card(), shows a toast with Undo, and asks first when a
 * blocked request would go to a done column.  Actions (group "board",
 * string parameter: a card id): open, move-left, move-right, move-up,
 * move-down, move-to ("(ss)": card, column), supervise, delete, undo.
 *
 * Signal ::card-activated (ZxRecord *card): Enter, a double click or Open.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_BOARD_VIEW (zx_board_view_get_type ())

G_DECLARE_FINAL_TYPE (ZxBoardView, zx_board_view, ZX, BOARD_VIEW, GtkWidget)

typedef enum
{
  ZX_BOARD_DIRECTION_BOTH,       /* requests from or to the department */
  ZX_BOARD_DIRECTION_INCOMING,   /* requests to it (it supports) */
  ZX_BOARD_DIRECTION_OUTGOING,   /* requests from it (it asked) */
} ZxBoardDirection;

/* Which cards the board shows; every member may be 0/NULL (no condition) */
typedef struct
{
  const char       *department_id;
  ZxBoardDirection  direction;
  gboolean          overdue_only;
  gboolean          supervised_only;
  const char       *key_result_id;
  const char       *search;          /* in titles, any case */
} ZxBoardFilter;

GtkWidget  *zx_board_view_new              (ZxContext     *context);
/* Shows the board @board_id of the context's store (NULL: nothing) */
void        zx_board_view_set_board        (ZxBoardView   *self,
                                            const char    *board_id);
const char *zx_board_view_get_board        (ZxBoardView   *self);
/* Copies @filter; NULL shows every card */
void        zx_board_view_set_filter       (ZxBoardView   *self,
                                            const ZxBoardFilter *filter);

/* The ids of the columns shown, left to right (transfer container) */
GPtrArray  *zx_board_view_get_column_ids   (ZxBoardView   *self);
/* The ids of the cards @column_id shows, top to bottom, as filtered
 * (transfer container); NULL for an unknown column */
GPtrArray  *zx_board_view_get_card_ids     (ZxBoardView   *self,
                                            const char    *column_id);
/* The number the column's header shows: its cards as filtered */
guint       zx_board_view_get_count        (ZxBoardView   *self,
                                            const char    *column_id);
/* The cards shown on the whole board */
guint       zx_board_view_get_total        (ZxBoardView   *self);
/* The distinct key results the board's cards serve, by title (transfer
 * container) */
GPtrArray  *zx_board_view_get_key_result_ids (ZxBoardView *self);
/* The title of a key result, as the cards show it */
const char *zx_board_view_get_key_result_title (ZxBoardView *self,
                                              const char  *key_result_id);

/* Scrolls @card_id into view and gives its card the keyboard focus (now
 * or, when its row is not made yet, after the next layout); FALSE when the
 * card is not shown */
gboolean    zx_board_view_focus_card       (ZxBoardView   *self,
                                            const char    *card_id);
/* The ZxCardWidget showing @card_id, or NULL when it is not on screen */
GtkWidget  *zx_board_view_get_card_widget  (ZxBoardView   *self,
                                            const char    *card_id);
/* The widget of @column_id that takes drops (its list of cards) */
GtkWidget  *zx_board_view_get_column_widget (ZxBoardView  *self,
                                            const char    *column_id);

/* Moves @card_id into @column_id between @above_id and @below_id (either
 * NULL: the top or the bottom) as a drop does: asks first when a blocked
 * request would go into a done column, then moves, shows the toast with
 * Undo and keeps the focus on the card.  FALSE when nothing moved (yet:
 * the question may still be open). */
gboolean    zx_board_view_move_card        (ZxBoardView   *self,
                                            const char    *card_id,
                                            const char    *column_id,
                                            const char    *above_id,
                                            const char    *below_id);
/* What a dragged card's pointer at @y (in the column's drop widget) does
 * over @column_id: the drop line, and scrolling when near an edge; a
 * @column_id of NULL ends it.  For the benchmark, which cannot drag. */
void        zx_board_view_hover_drop       (ZxBoardView   *self,
                                            const char    *column_id,
                                            double         y);
/* Undoes the last move or deletion made on the board; FALSE when there is
 * nothing to undo */
gboolean    zx_board_view_undo             (ZxBoardView   *self);

G_END_DECLS
