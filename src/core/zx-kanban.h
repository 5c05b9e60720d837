/* zx-kanban.h — the collaboration board: columns, requests, moves, supervision
 *
 * The hospital has one collaboration board (横向协同需求看板).  Its columns
 * are ordered by rank; one or more of them "counts as done" (is_done).  A
 * card is a request from one department (from_department_id) to another
 * (to_department_id), optionally serving a key result.
 *
 * Moving a card is one mutation, "card.move", with arguments
 *   { id, column_id, rank, event_id, at }
 * applied the same way on the desktop and the server: the card takes the
 * column and rank (done_at is set when it enters a done column from a
 * column that is not done, cleared when it leaves the done columns), and a
 * card_event row { id = event_id, kind "moved", from/to column, actor, at }
 * records it — in the mutation's one transaction.  Ids and time travel in
 * the arguments, so both sides write the same rows.
 *
 * Who may do what (DESIGN.md): when the store's actor is the id of a live
 * staff member, their role and department decide; any other actor (the
 * desktop before anyone signs in, tests, the demo) may do everything.
 *   - hospital office ("office") and admin: everything on the board.
 *   - create a request: from the actor's own department.
 *   - move a card: the supporting department (to_department_id), or the
 *     requesting department while it is still in the first column.
 *   - edit a card's fields: the requesting department.
 *   - supervise, set the supervision deadline, columns: the office only.
 *   - comment: anyone.
 * Refusals are ZX_ERROR_PERMISSION with a translated message.  The
 * functions below check them; the mutations themselves (zx_store_mutate()
 * of "card.move" included) are the plain data rules both sides share, so
 * whoever applies a mutation from elsewhere checks zx_kanban_may() first.
 *
 * Each function that writes runs in one transaction: on any error nothing
 * changes.  A move queues exactly one "card.move"; only when the new
 * neighbours' ranks leave no room (equal keys after concurrent moves, or
 * keys grown long) do those neighbours get new ranks first, each queued as
 * a "card.update" of its rank, in the same transaction.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-record.h"
#include "zx-store.h"

G_BEGIN_DECLS

/* The board and its columns ------------------------------------------------ */

/* The id of the hospital's live board (the first by rank); when there is
 * none, creates it with the five default columns 提出 Submitted, 受理
 * Accepted, 进行中 In progress, 待验收 Awaiting acceptance, 已完成 Done (the
 * last counts as done), named in the current language. */
char        *zx_kanban_ensure_board      (ZxStore     *store,
                                          GError     **error);
/* The live columns of @board_id by rank, as ZxRecord; archived ones only
 * with @with_archived. */
GPtrArray   *zx_kanban_list_columns      (ZxStore     *store,
                                          const char  *board_id,
                                          gboolean     with_archived);
/* Office only.  A new column after @after_column_id (NULL: last). */
char        *zx_kanban_add_column        (ZxStore     *store,
                                          const char  *board_id,
                                          const char  *name,
                                          const char  *after_column_id,
                                          GError     **error);
gboolean     zx_kanban_rename_column     (ZxStore     *store,
                                          const char  *column_id,
                                          const char  *name,
                                          GError     **error);
/* Moves a column between two others: @before_id the column that will come
 * before it (NULL: it becomes the first), @after_id the one that will come
 * after it (NULL: the last).  @before_id decides when both are given; both
 * NULL puts it last. */
gboolean     zx_kanban_move_column       (ZxStore     *store,
                                          const char  *column_id,
                                          const char  *before_id,
                                          const char  *after_id,
                                          GError     **error);
/* Archiving hides a column; refused while it holds live cards (the message
 * says how many) or when it is the last live one or the last done one. */
gboolean     zx_kanban_archive_column    (ZxStore     *store,
                                          const char  *column_id,
                                          gboolean     archived,
                                          GError     **error);

/* Cards -------------------------------------------------------------------- */

/* The live cards of a column in board order (rank, then id), as ZxRecord. */
GPtrArray   *zx_kanban_list_cards        (ZxStore     *store,
                                          const char  *column_id);
/* Every live card of the board's live columns, grouped by column: a hash
 * table column id → GPtrArray of ZxRecord in board order.  Every live
 * column that is not archived has its array, empty ones too.  One query:
 * what opening the board costs. */
GHashTable  *zx_kanban_load_board        (ZxStore     *store,
                                          const char  *board_id);

/* Creates a request in the board's first live column, last in it, with a
 * "created" event, in one transaction.  @fields holds the card's fields
 * (title, from/to department, due date, priority…); board_id, column_id,
 * rank and created_by (the actor when a staff) are filled in; priority is
 * "normal" unless given.  Supervision fields need the office's right. */
char        *zx_kanban_create_card       (ZxStore     *store,
                                          const char  *board_id,
                                          JsonObject  *fields,
                                          GError     **error);

/* Changes fields of a request (title, description, departments, due date,
 * priority, assignee, key result; the supervision fields need the office)
 * with an "edited" event naming them, in one transaction.  The column,
 * position, done time and blocker change only by moving the request and
 * zx_kanban_set_blocker().  Unchanged values are left out; nothing changed
 * is no change and succeeds. */
gboolean     zx_kanban_update_card       (ZxStore     *store,
                                          const char  *card_id,
                                          JsonObject  *changes,
                                          GError     **error);

typedef enum
{
  ZX_KANBAN_MOVE_DEFAULT        = 0,
  /* move into a done column although a blocking request is not done */
  ZX_KANBAN_MOVE_DESPITE_BLOCK  = 1 << 0,
} ZxKanbanMoveFlags;

/* Where a card stood, to undo a move */
typedef struct
{
  char *column_id;
  char *rank;
} ZxCardPlace;

void         zx_card_place_clear         (ZxCardPlace *place);

/* Moves @card_id into @column_id between the cards @above_id and @below_id
 * (either NULL: the top or the bottom of the column; both NULL in an empty
 * column, or to put it last), as one "card.move" mutation.  @above_id
 * decides when both are given; a neighbour that is no longer a live card
 * of @column_id (the board changed meanwhile) is ZX_ERROR_NOT_FOUND.  The new rank lies strictly between
 * the neighbours' ranks; when they are equal (a concurrent move elsewhere),
 * the neighbours in the column are re-spread first, in the same
 * transaction.  A card moved into a done column while its blocked_by card
 * is live and not done is refused (ZX_ERROR_BLOCKED) unless
 * ZX_KANBAN_MOVE_DESPITE_BLOCK.  Moving a card where it already is changes
 * nothing and succeeds.  On success *@out_previous (may be NULL) says where
 * it was, for zx_kanban_move_back(). */
gboolean     zx_kanban_move_card         (ZxStore           *store,
                                          const char        *card_id,
                                          const char        *column_id,
                                          const char        *above_id,
                                          const char        *below_id,
                                          ZxKanbanMoveFlags  flags,
                                          ZxCardPlace       *out_previous,
                                          GError           **error);
/* Undo: puts the card back where @place says (one "card.move" too, despite
 * any block), at its old rank unless another card took that one meanwhile.
 * Whoever may move the card where it is, or where @place is, may. */
gboolean     zx_kanban_move_back         (ZxStore           *store,
                                          const char        *card_id,
                                          const ZxCardPlace *place,
                                          GError           **error);

/* The live blocking card of @card_id when it is not done (in no done
 * column), else NULL. */
char        *zx_kanban_get_blocker       (ZxStore     *store,
                                          const char  *card_id);
/* The live cards that @card_id blocks, as ids. */
GPtrArray   *zx_kanban_list_blocked      (ZxStore     *store,
                                          const char  *card_id);
/* Sets or clears (NULL) what blocks @card_id, with a "blocked" event;
 * refuses the card itself and any chain that comes back to it. */
gboolean     zx_kanban_set_blocker       (ZxStore     *store,
                                          const char  *card_id,
                                          const char  *blocker_id,
                                          GError     **error);

/* Adds a comment by the actor, with a "commented" event. */
char        *zx_kanban_add_comment       (ZxStore     *store,
                                          const char  *card_id,
                                          const char  *body,
                                          GError     **error);

/* Is the card in a done column */
gboolean     zx_kanban_card_is_done      (ZxStore     *store,
                                          ZxRecord    *card);
/* Days past its due date on @today (0 when not due yet, done, or without a
 * due date). */
int          zx_kanban_days_overdue      (ZxRecord    *card,
                                          gboolean     done,
                                          const GDate *today);

/* Supervision (督办) --------------------------------------------------------- */

/* Office only.  Marks the card supervised (or not), with a deadline (may be
 * NULL) and a note, and a "supervised" event; one transaction. */
gboolean     zx_kanban_supervise         (ZxStore     *store,
                                          const char  *card_id,
                                          gboolean     supervised,
                                          const char  *deadline,
                                          const char  *note,
                                          GError     **error);

typedef struct
{
  ZxRecord *card;
  int       days_overdue;     /* 0 when not overdue */
  gboolean  supervised;
  gboolean  done;
} ZxSupervisionEntry;

/* The supervision list on @today: every live card that is supervised, or
 * overdue and not done, most days overdue first, then those not done
 * before those done, then by due date (none last).  A supervised card that
 * is done stays listed (done TRUE) until the office lifts the supervision.
 * An array of ZxSupervisionEntry* (freed with the array). */
GPtrArray   *zx_kanban_supervision_list  (ZxStore     *store,
                                          const char  *board_id,
                                          const GDate *today);
/* The automatic rule: puts under supervision every card overdue by more
 * than @days on @today and not yet supervised (deadline: @today + 7 days,
 * note saying it was automatic), in one transaction.  Returns how many it
 * marked, or -1 with @error.  Runs with the rule's own authority (whatever
 * the actor). */
int          zx_kanban_auto_supervise    (ZxStore     *store,
                                          const char  *board_id,
                                          const GDate *today,
                                          int          days,
                                          GError     **error);

/* Reminders: live cards not done whose due date lies within @days after
 * @today (today included), supporting department @department_id (NULL: any),
 * by due date.  Ids. */
GPtrArray   *zx_kanban_due_soon          (ZxStore     *store,
                                          const char  *department_id,
                                          const GDate *today,
                                          int          days);

/* Permissions, for the UI to mirror (see the top of this file) */
typedef enum
{
  ZX_KANBAN_CREATE,
  ZX_KANBAN_MOVE,
  ZX_KANBAN_EDIT,
  ZX_KANBAN_SUPERVISE,
  ZX_KANBAN_COLUMNS,
  ZX_KANBAN_COMMENT,
} ZxKanbanAction;

/* @card may be NULL for CREATE (then @department_id is the requesting
 * department) and COLUMNS; for the other actions NULL asks whether the
 * actor may do it to any card (the office, admin, or no staff actor). */
gboolean     zx_kanban_may               (ZxStore        *store,
                                          ZxKanbanAction  action,
                                          ZxRecord       *card,
                                          const char     *department_id);

G_END_DECLS
