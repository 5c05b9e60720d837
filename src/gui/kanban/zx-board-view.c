/* zx-board-view.c — the collaboration board: columns of cards
 *
 * Each column keeps its cards in a GListStore in board order (rank, id),
 * filtered by one GtkCustomFilter the whole board shares, and shown by a
 * one-column GtkGridView over the first of them (a GtkSliceListModel that
 * grows as one scrolls): GTK 4.8's GtkListView makes 200 rows whatever its
 * height, the grid view 30, the slice keeps it to what shows, so a column
 * of 700 cards costs what six do.  The board is read once
 * (zx_kanban_load_board()); a ZxStore::changed for a card reads that row
 * again and moves its record to where its column and rank put it, so the
 * views update only the rows concerned.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-board-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-account.h"
#include "zx-board-view.h"
#include "zx-card-widget.h"
#include "zx-deletion.h"
#include "zx-kanban.h"
#include "zx-roles.h"
#include "zx-store-private.h"
#include "zx-window.h"

/* How close to an edge (px) the pointer scrolls while dragging, and how fast at most (px/s) */
#define EDGE          40.0
#define MAX_SPEED     900.0
/* Frames to wait for a row to be made before giving up focusing it */
#define FOCUS_FRAMES  10
/* A column's view holds its first cards (about what a 768-pixel-high
 * window shows) and this many more each time one scrolls near its end:
 * GTK 4.8's grid view makes rows for thirty items whatever its height, so
 * a column of 700 cards would cost 30 cards' widgets where 5 show */
#define SLICE_FIRST   6
#define SLICE_STEP    8

typedef struct _Column Column;

struct _Column
{
  ZxBoardView        *view;            /* unowned */
  char               *id;
  char               *name;
  gboolean            is_done;

  GListStore         *cards;           /* ZxRecord, board order */
  GtkFilterListModel *filtered;
  GtkSliceListModel  *slice;           /* the first of them, growing as one scrolls */
  guint               grow_id;

  GtkWidget          *widget;          /* in columns_box */
  GtkWidget          *name_label;
  GtkWidget          *done_icon;
  GtkWidget          *count_label;
  GtkWidget          *overlay;         /* takes drops */
  GtkWidget          *scroller;
  GtkWidget          *list_view;
  GtkWidget          *drop_line;
  GtkWidget          *empty_label;

  /* while a drag is over the column */
  int                 drop_y;          /* the line, in overlay coordinates; -1 none */
  double              pointer_y;
  double              vspeed;
};

typedef enum
{
  UNDO_NONE,
  UNDO_MOVE,
  UNDO_DELETE,
} UndoKind;

struct _ZxBoardView
{
  GtkWidget       parent_instance;

  ZxContext      *context;
  ZxStore        *store;
  char           *board_id;

  GPtrArray      *columns;             /* Column*, left to right */
  GHashTable     *records;             /* card id → ZxRecord (ref); its Column in qdata */
  GHashTable     *department_names;    /* id → name */
  GHashTable     *names;               /* "entity:id" → display name ("" unknown) */
  GHashTable     *comment_counts;      /* card id → count + 1 */
  GDate           today;

  GtkCustomFilter *filter;
  char           *department_id;
  ZxBoardDirection direction;
  gboolean        overdue_only;
  gboolean        supervised_only;
  char           *key_result_id;
  char           *search;              /* casefolded */

  GtkWidget      *scroller;
  GtkWidget      *columns_box;
  GtkWidget      *popover;
  char           *menu_card_id;

  ZxDeletion     *deletion;
  UndoKind        undo_kind;
  char           *undo_card_id;
  ZxCardPlace     undo_place;
  AdwToast       *move_toast;          /* weak */

  /* dragging */
  char           *drag_card_id;
  double          drag_x, drag_y;
  Column         *drop_column;
  double          hspeed;
  guint           scroll_tick;
  gint64          last_frame;

  char           *pending_focus;
  guint           focus_tick;
  int             focus_frames;
  guint           order_idle;
};

G_DEFINE_FINAL_TYPE (ZxBoardView, zx_board_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CARD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GQuark column_quark;

static void rebind (ZxBoardView *self, ZxCardWidget *widget, ZxRecord *card);
static void hide_drop_line (Column *column);

/* Lookups --------------------------------------------------------------------- */

static Column *
column_of (ZxRecord *card)
{
  return g_object_get_qdata (G_OBJECT (card), column_quark);
}

static Column *
find_column (ZxBoardView *self,
             const char  *column_id)
{
  for (guint i = 0; column_id != NULL && i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      if (g_str_equal (column->id, column_id))
        return column;
    }
  return NULL;
}

static int
column_index (ZxBoardView *self,
              Column      *column)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_ptr_array_index (self->columns, i) == column)
      return (int) i;
  return -1;
}

static ZxRecord *
find_card (ZxBoardView *self,
           const char  *card_id)
{
  return card_id != NULL ? g_hash_table_lookup (self->records, card_id) : NULL;
}

static const char *
cached_name (ZxBoardView *self,
             const char  *entity,
             const char  *id)
{
  g_autofree char *key = NULL;
  const char *name;

  if (id == NULL)
    return NULL;
  key = g_strconcat (entity, ":", id, NULL);
  name = g_hash_table_lookup (self->names, key);
  if (name == NULL)
    {
      char *display = zx_store_get_display (self->store, entity, id);

      name = display != NULL ? display : g_strdup ("");
      g_hash_table_insert (self->names, g_steal_pointer (&key), (char *) name);
    }
  return *name != '\0' ? name : NULL;
}

static const char *
department_name (ZxBoardView *self,
                 const char  *id)
{
  return id != NULL ? g_hash_table_lookup (self->department_names, id) : NULL;
}

static void
load_department_names (ZxBoardView *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);

  g_hash_table_remove_all (self->department_names);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (departments)); i++)
    {
      g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (departments), i);

      g_hash_table_insert (self->department_names, g_strdup (zx_record_get_id (department)),
                           g_strdup (zx_record_get_string (department, "name")));
    }
}

static void
update_today (ZxBoardView *self)
{
  g_autofree char *now = zx_store_now (self->store);

  g_date_clear (&self->today, 1);
  if (now != NULL && strlen (now) >= 10)
    {
      now[10] = '\0';
      g_date_set_parse (&self->today, now);
    }
}

/* The title of the unfinished request that blocks @card, or NULL */
static const char *
blocker_title (ZxBoardView *self,
               ZxRecord    *card)
{
  ZxRecord *blocker = find_card (self, zx_record_get_string (card, "blocked_by_id"));

  if (blocker == NULL || column_of (blocker)->is_done)
    return NULL;
  return zx_record_get_string (blocker, "title");
}

static guint
comment_count (ZxBoardView *self,
               const char  *card_id)
{
  gpointer value = g_hash_table_lookup (self->comment_counts, card_id);

  if (value == NULL)
    {
      const char *params[] = { card_id, NULL };
      gint64 n = zx_store_count (self->store, "card_comment", "card_id = ?", params);

      value = GUINT_TO_POINTER ((guint) MAX (n, 0) + 1);
      g_hash_table_insert (self->comment_counts, g_strdup (card_id), value);
    }
  return GPOINTER_TO_UINT (value) - 1;
}

/* What the signed-in account (or, standalone, the store's actor) may do:
 * the server's rules, mirrored */
static gboolean
may (ZxBoardView    *self,
     ZxKanbanAction  action,
     ZxRecord       *card)
{
  g_autofree char *refusal = zx_account_kanban_refusal (self->context, action, card, NULL);

  return refusal == NULL;
}

/* The filter ----------------------------------------------------------------------- */

static gboolean
filter_active (ZxBoardView *self)
{
  return self->department_id != NULL || self->overdue_only || self->supervised_only ||
         self->key_result_id != NULL || self->search != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  ZxBoardView *self = data;
  ZxRecord *card = item;

  if (self->department_id != NULL)
    {
      gboolean from = g_strcmp0 (zx_record_get_string (card, "from_department_id"), self->department_id) == 0;
      gboolean to = g_strcmp0 (zx_record_get_string (card, "to_department_id"), self->department_id) == 0;

      switch (self->direction)
        {
        case ZX_BOARD_DIRECTION_INCOMING:
          if (!to)
            return FALSE;
          break;
        case ZX_BOARD_DIRECTION_OUTGOING:
          if (!from)
            return FALSE;
          break;
        case ZX_BOARD_DIRECTION_BOTH:
        default:
          if (!from && !to)
            return FALSE;
          break;
        }
    }
  if (self->supervised_only && !zx_record_get_bool (card, "supervised"))
    return FALSE;
  if (self->key_result_id != NULL && g_strcmp0 (zx_record_get_string (card, "key_result_id"), self->key_result_id) != 0)
    return FALSE;
  if (self->overdue_only &&
      (!g_date_valid (&self->today) || zx_kanban_days_overdue (card, column_of (card)->is_done, &self->today) <= 0))
    return FALSE;
  if (self->search != NULL)
    {
      const char *title = zx_record_get_string (card, "title");
      g_autofree char *folded = g_utf8_casefold (title != NULL ? title : "", -1);

      if (strstr (folded, self->search) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Rows ------------------------------------------------------------------------------ */

static ZxCardWidget *
card_widget_of_row (GtkWidget *row)
{
  GtkWidget *child = gtk_widget_get_first_child (row);

  return child != NULL && ZX_IS_CARD_WIDGET (child) ? ZX_CARD_WIDGET (child) : NULL;
}

static ZxCardWidget *
find_card_widget (Column     *column,
                  const char *card_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (column->list_view); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      ZxCardWidget *widget = card_widget_of_row (row);

      if (widget != NULL && g_strcmp0 (zx_card_widget_get_card_id (widget), card_id) == 0 &&
          gtk_widget_get_child_visible (row))
        return widget;
    }
  return NULL;
}

static void
rebind (ZxBoardView  *self,
        ZxCardWidget *widget,
        ZxRecord     *card)
{
  ZxCardInfo info = { 0 };
  Column *column = column_of (card);

  info.from_department = department_name (self, zx_record_get_string (card, "from_department_id"));
  info.to_department = department_name (self, zx_record_get_string (card, "to_department_id"));
  info.key_result = cached_name (self, "key_result", zx_record_get_string (card, "key_result_id"));
  info.assignee = cached_name (self, "staff", zx_record_get_string (card, "assignee_id"));
  info.blocker = blocker_title (self, card);
  info.n_comments = comment_count (self, zx_record_get_id (card));
  info.done = column != NULL && column->is_done;
  info.today = g_date_valid (&self->today) ? &self->today : NULL;
  zx_card_widget_set_card (widget, card, &info);
  if (self->drag_card_id != NULL && g_strcmp0 (self->drag_card_id, zx_record_get_id (card)) == 0)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "dragging");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "dragging");
}

/* Every card on screen again (names changed) */
static void
rebind_all (ZxBoardView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);

      for (GtkWidget *row = gtk_widget_get_first_child (column->list_view); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          ZxCardWidget *widget = card_widget_of_row (row);

          if (widget != NULL && zx_card_widget_get_card (widget) != NULL)
            rebind (self, widget, zx_card_widget_get_card (widget));
        }
    }
}

static void
record_changed_cb (ZxRecord     *card,
                   GParamSpec   *pspec,
                   ZxCardWidget *widget)
{
  ZxBoardView *self = ZX_BOARD_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (widget), ZX_TYPE_BOARD_VIEW));

  if (self != NULL && zx_card_widget_get_card (widget) == card)
    rebind (self, widget, card);
}

/* Drag source ------------------------------------------------------------------------ */

static void refuse_move (ZxBoardView *self,
                         ZxRecord    *card);

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 ZxBoardView   *self)
{
  ZxCardWidget *widget = ZX_CARD_WIDGET (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)));
  ZxRecord *card = zx_card_widget_get_card (widget);

  if (card == NULL)
    return NULL;
  if (!may (self, ZX_KANBAN_MOVE, card))
    {
      refuse_move (self, card);
      return NULL;
    }
  self->drag_x = x;
  self->drag_y = y;
  return gdk_content_provider_new_typed (G_TYPE_STRING, zx_record_get_id (card));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               ZxBoardView   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) live = gtk_widget_paintable_new (widget);
  g_autoptr(GdkPaintable) icon = gdk_paintable_get_current_image (live);

  /* A still picture of the card, taken before it dims */
  gtk_drag_source_set_icon (source, icon, (int) self->drag_x, (int) self->drag_y);
  g_free (self->drag_card_id);
  self->drag_card_id = g_strdup (zx_card_widget_get_card_id (ZX_CARD_WIDGET (widget)));
  gtk_widget_add_css_class (widget, "dragging");
}

static void
stop_scrolling (ZxBoardView *self)
{
  self->hspeed = 0;
  for (guint i = 0; i < self->columns->len; i++)
    ((Column *) g_ptr_array_index (self->columns, i))->vspeed = 0;
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             ZxBoardView   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  /* the card's row may be gone with the move */
  if (widget != NULL)
    gtk_widget_remove_css_class (widget, "dragging");
  g_clear_pointer (&self->drag_card_id, g_free);
  for (guint i = 0; i < self->columns->len; i++)
    hide_drop_line (g_ptr_array_index (self->columns, i));
  stop_scrolling (self);
  /* a row recycled during the drag may still look dragged */
  rebind_all (self);
}

/* Where a card goes ------------------------------------------------------------------ */

/* The ids of @column's cards in board order, without @moving */
static GPtrArray *
ids_without (Column     *column,
             const char *moving,
             int        *moving_at)
{
  GPtrArray *ids = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->cards));

  if (moving_at != NULL)
    *moving_at = -1;
  for (guint i = 0; i < n; i++)
    {
      ZxRecord *card = g_list_model_get_item (G_LIST_MODEL (column->cards), i);
      const char *id = zx_record_get_id (card);

      g_object_unref (card);   /* the store keeps it */
      if (g_strcmp0 (id, moving) == 0)
        {
          if (moving_at != NULL)
            *moving_at = (int) ids->len;
          continue;
        }
      g_ptr_array_add (ids, (gpointer) id);
    }
  return ids;
}

static int
index_of (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return (int) i;
  return -1;
}

/* The neighbours of @moving placed just before (@after FALSE) or after
 * @target in @column (@target NULL: the bottom).  @target may be @moving
 * itself: then where it is now. */
static void
place_near (Column      *column,
            const char  *moving,
            const char  *target,
            gboolean     after,
            const char **above,
            const char **below)
{
  int moving_at;
  g_autoptr(GPtrArray) ids = ids_without (column, moving, &moving_at);
  int i;

  *above = *below = NULL;
  if (target == NULL)
    {
      *above = ids->len > 0 ? g_ptr_array_index (ids, ids->len - 1) : NULL;
      return;
    }
  if (g_strcmp0 (target, moving) == 0)
    i = moving_at;
  else if ((i = index_of (ids, target)) < 0)
    {
      *above = ids->len > 0 ? g_ptr_array_index (ids, ids->len - 1) : NULL;
      return;
    }
  else if (after)
    i++;
  /* the gap before position i */
  *above = i > 0 ? g_ptr_array_index (ids, i - 1) : NULL;
  *below = i >= 0 && (guint) i < ids->len ? g_ptr_array_index (ids, i) : NULL;
}

/* The ids the column shows, as filtered (borrowed from the records) */
static GPtrArray *
visible_ids (Column *column)
{
  GListModel *model = G_LIST_MODEL (column->filtered);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *ids = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      ZxRecord *card = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, (gpointer) zx_record_get_id (card));
      g_object_unref (card);
    }
  return ids;
}

/* Toasts and undo ---------------------------------------------------------------------- */

static void
forget_move (ZxBoardView *self)
{
  g_clear_pointer (&self->undo_card_id, g_free);
  zx_card_place_clear (&self->undo_place);
  if (self->move_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->move_toast), (gpointer *) &self->move_toast);
  self->move_toast = NULL;
}

static void
undo_clicked_cb (ZxBoardView *self)
{
  zx_board_view_undo (self);
}

static void
show_move_toast (ZxBoardView *self,
                 Column      *column)
{
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (self->move_toast != NULL)
    {
      AdwToast *old = self->move_toast;

      g_object_remove_weak_pointer (G_OBJECT (old), (gpointer *) &self->move_toast);
      self->move_toast = NULL;
      adw_toast_dismiss (old);
    }
  /* Translators: a toast after moving a request to another column (or within it), with Undo */
  title = g_strdup_printf (_("Moved to “%s”"), column->name);
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  self->move_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->move_toast);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, G_CONNECT_SWAPPED);
  zx_widget_add_toast (GTK_WIDGET (self), toast);
}

/* Moving --------------------------------------------------------------------------------- */

static gboolean ask_blocked (ZxBoardView *self, const char *card_id, const char *column_id,
                             const char *above_id, const char *below_id, const char *blocker_id);

static gboolean
do_move (ZxBoardView       *self,
         const char        *card_id_in,
         const char        *column_id,
         const char        *above_id_in,
         const char        *below_id_in,
         ZxKanbanMoveFlags  flags)
{
  g_autoptr(GError) error = NULL;
  ZxCardPlace previous = { 0 };
  /* copies: the ids may belong to records the move replaces */
  g_autofree char *card_id = g_strdup (card_id_in);
  g_autofree char *above_id = g_strdup (above_id_in);
  g_autofree char *below_id = g_strdup (below_id_in);
  ZxRecord *card;
  Column *column;

  if (!zx_kanban_move_card (self->store, card_id, column_id, above_id, below_id, flags, &previous, &error))
    {
      if (g_error_matches (error, ZX_ERROR, ZX_ERROR_BLOCKED) && !(flags & ZX_KANBAN_MOVE_DESPITE_BLOCK))
        {
          g_autofree char *blocker = zx_kanban_get_blocker (self->store, card_id);

          return ask_blocked (self, card_id, column_id, above_id, below_id, blocker);
        }
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Move the Request"), error->message);
      return FALSE;
    }

  card = find_card (self, card_id);
  column = find_column (self, column_id);
  if (previous.column_id == NULL ||
      (g_strcmp0 (previous.column_id, column_id) == 0 && card != NULL &&
       g_strcmp0 (previous.rank, zx_record_get_string (card, "rank")) == 0))
    {
      /* nothing moved */
      zx_card_place_clear (&previous);
      zx_board_view_focus_card (self, card_id);
      return TRUE;
    }

  zx_deletion_forget (self->deletion);
  forget_move (self);
  self->undo_kind = UNDO_MOVE;
  self->undo_card_id = g_strdup (card_id);
  self->undo_place = previous;
  if (column != NULL)
    show_move_toast (self, column);
  zx_board_view_focus_card (self, card_id);
  return TRUE;
}

typedef struct
{
  ZxBoardView *self;
  char        *card_id;
  char        *column_id;
  char        *above_id;
  char        *below_id;
} PendingMove;

static void
pending_move_free (gpointer data)
{
  PendingMove *move = data;

  g_object_unref (move->self);
  g_free (move->card_id);
  g_free (move->column_id);
  g_free (move->above_id);
  g_free (move->below_id);
  g_free (move);
}

static void
blocked_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PendingMove      *move)
{
  if (g_strcmp0 (response, "move") == 0)
    do_move (move->self, move->card_id, move->column_id, move->above_id, move->below_id, ZX_KANBAN_MOVE_DESPITE_BLOCK);
  else
    zx_board_view_focus_card (move->self, move->card_id);
}

static gboolean
ask_blocked (ZxBoardView *self,
             const char  *card_id,
             const char  *column_id,
             const char  *above_id,
             const char  *below_id,
             const char  *blocker_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = zx_store_get_display (self->store, "card", card_id);
  g_autofree char *blocker = blocker_id != NULL ? zx_store_get_display (self->store, "card", blocker_id) : NULL;
  Column *column = find_column (self, column_id);
  g_autofree char *body = NULL;
  PendingMove *move;
  GtkWidget *dialog;

  /* Translators: asked before moving a blocked request to a done column:
   * the request, the request it waits for, the column */
  body = g_strdup_printf (_("“%s” waits for “%s”, which is not done yet. Move it to “%s” anyway?"),
                          title ? title : "", blocker ? blocker : "", column ? column->name : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Move a Blocked Request to Done?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  move = g_new0 (PendingMove, 1);
  move->self = g_object_ref (self);
  move->card_id = g_strdup (card_id);
  move->column_id = g_strdup (column_id);
  move->above_id = g_strdup (above_id);
  move->below_id = g_strdup (below_id);
  g_signal_connect_data (dialog, "response", G_CALLBACK (blocked_response_cb), move,
                         (GClosureNotify) (void (*) (void)) pending_move_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

gboolean
zx_board_view_move_card (ZxBoardView *self,
                         const char  *card_id,
                         const char  *column_id,
                         const char  *above_id,
                         const char  *below_id)
{
  ZxRecord *card;
  Column *target;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (card_id != NULL && column_id != NULL, FALSE);

  card = find_card (self, card_id);
  target = find_column (self, column_id);
  if (card == NULL || target == NULL)
    return FALSE;

  /* Into a done column while what blocks it is unfinished: ask first */
  if (target->is_done && !column_of (card)->is_done)
    {
      g_autofree char *blocker = zx_kanban_get_blocker (self->store, card_id);

      if (blocker != NULL)
        return ask_blocked (self, card_id, column_id, above_id, below_id, blocker);
    }
  return do_move (self, card_id, column_id, above_id, below_id, ZX_KANBAN_MOVE_DEFAULT);
}

gboolean
zx_board_view_undo (ZxBoardView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), FALSE);

  switch (self->undo_kind)
    {
    case UNDO_MOVE:
      {
        g_autofree char *card_id = g_strdup (self->undo_card_id);
        ZxCardPlace place = self->undo_place;
        AdwToast *toast = self->move_toast;

        self->undo_place.column_id = self->undo_place.rank = NULL;
        self->undo_kind = UNDO_NONE;
        if (toast != NULL)
          g_object_ref (toast);
        forget_move (self);
        if (!zx_kanban_move_back (self->store, card_id, &place, &error))
          zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Undo the Move"), error->message);
        else
          zx_board_view_focus_card (self, card_id);
        zx_card_place_clear (&place);
        if (toast != NULL)
          {
            adw_toast_dismiss (toast);
            g_object_unref (toast);
          }
        return error == NULL;
      }
    case UNDO_DELETE:
      self->undo_kind = UNDO_NONE;
      zx_deletion_undo (self->deletion);
      return TRUE;
    case UNDO_NONE:
    default:
      return FALSE;
    }
}

/* Keyboard moves: the card's id in @parameter -------------------------------------------- */

static void
refuse_move (ZxBoardView *self,
             ZxRecord    *card)
{
  g_autofree char *refusal = zx_account_kanban_refusal (self->context, ZX_KANBAN_MOVE, card, NULL);
  g_autofree char *text = NULL;

  /* the board's own rule, or why the account may not move any (not linked) */
  if (refusal == NULL || g_strcmp0 (refusal, zx_roles_kanban_refusal (ZX_KANBAN_MOVE)) == 0)
    /* Translators: when someone may not move a request; %s is its title */
    text = g_strdup_printf (_("You may not move “%s”: the supporting department moves a request, "
                              "or the requesting department while it is new"),
                            zx_record_get_string (card, "title"));
  else
    text = g_steal_pointer (&refusal);

  gtk_widget_error_bell (GTK_WIDGET (self));
  zx_widget_show_message (GTK_WIDGET (self), text);
}

static ZxRecord *
movable_card (ZxBoardView *self,
              GVariant    *parameter)
{
  ZxRecord *card = find_card (self, g_variant_get_string (parameter, NULL));

  if (card == NULL)
    return NULL;
  if (!may (self, ZX_KANBAN_MOVE, card))
    {
      refuse_move (self, card);
      return NULL;
    }
  return card;
}

static void
move_sideways_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);
  ZxRecord *card = movable_card (self, parameter);
  g_autofree char *card_id = NULL;
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GPtrArray) there = NULL;
  const char *above, *below;
  Column *column, *target;
  int step = g_str_has_suffix (action_name, "left") ? -1 : +1;
  int at, i;

  if (card == NULL)
    return;
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    step = -step;
  card_id = g_strdup (zx_record_get_id (card));
  column = column_of (card);
  i = column_index (self, column) + step;
  if (i < 0 || (guint) i >= self->columns->len)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  target = g_ptr_array_index (self->columns, i);
  /* the same place from the top, or the bottom */
  here = visible_ids (column);
  there = visible_ids (target);
  at = index_of (here, card_id);
  if (at >= 0 && (guint) at < there->len)
    place_near (target, card_id, g_ptr_array_index (there, at), FALSE, &above, &below);
  else if (there->len > 0)
    place_near (target, card_id, g_ptr_array_index (there, there->len - 1), TRUE, &above, &below);
  else
    place_near (target, card_id, NULL, TRUE, &above, &below);
  zx_board_view_move_card (self, card_id, target->id, above, below);
}

static void
move_vertically_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);
  ZxRecord *card = movable_card (self, parameter);
  g_autofree char *card_id = NULL;
  g_autoptr(GPtrArray) here = NULL;
  gboolean up = g_str_has_suffix (action_name, "up");
  const char *above, *below;
  Column *column;
  int at;

  if (card == NULL)
    return;
  card_id = g_strdup (zx_record_get_id (card));
  column = column_of (card);
  here = visible_ids (column);
  at = index_of (here, card_id);
  if (at < 0 || (up && at == 0) || (!up && (guint) at + 1 >= here->len))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  place_near (column, card_id, g_ptr_array_index (here, up ? at - 1 : at + 1), !up, &above, &below);
  zx_board_view_move_card (self, card_id, column->id, above, below);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);
  const char *card_id, *column_id, *above, *below;
  g_autofree char *id = NULL;
  ZxRecord *card;
  Column *target;

  g_variant_get (parameter, "(&s&s)", &card_id, &column_id);
  card = find_card (self, card_id);
  target = find_column (self, column_id);
  if (card == NULL || target == NULL)
    return;
  if (!may (self, ZX_KANBAN_MOVE, card))
    {
      refuse_move (self, card);
      return;
    }
  id = g_strdup (card_id);
  /* to the bottom of the column */
  place_near (target, id, NULL, TRUE, &above, &below);
  zx_board_view_move_card (self, id, target->id, above, below);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);
  ZxRecord *card = find_card (self, g_variant_get_string (parameter, NULL));

  if (card != NULL)
    g_signal_emit (self, signals[SIGNAL_CARD_ACTIVATED], 0, card);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);
  ZxRecord *card = find_card (self, g_variant_get_string (parameter, NULL));
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) here = NULL;
  const char *next = NULL;
  int at;

  if (card == NULL)
    return;
  if (!may (self, ZX_KANBAN_EDIT, card))
    {
      gtk_widget_error_bell (widget);
      /* Translators: when someone may not delete a request */
      zx_widget_show_message (widget, _("Only the requesting department may delete a request"));
      return;
    }
  id = g_strdup (zx_record_get_id (card));
  title = g_strdup (zx_record_get_string (card, "title"));
  /* the focus goes to the next card, or the one before */
  here = visible_ids (column_of (card));
  at = index_of (here, id);
  if (at >= 0 && (guint) at + 1 < here->len)
    next = g_ptr_array_index (here, at + 1);
  else if (at > 0)
    next = g_ptr_array_index (here, at - 1);
  {
    g_autofree char *next_id = g_strdup (next);

    if (zx_deletion_delete (self->deletion, self->store, "card", id, title))
      {
        forget_move (self);
        self->undo_kind = UNDO_DELETE;
        if (next_id != NULL)
          zx_board_view_focus_card (self, next_id);
      }
  }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zx_board_view_undo (ZX_BOARD_VIEW (widget));
}

/* Supervision (督办) ----------------------------------------------------------------------- */

typedef struct
{
  ZxBoardView *self;
  char        *card_id;
  GtkWidget   *deadline_row;
  GtkWidget   *note_row;
} Supervision;

static void
supervision_free (gpointer data)
{
  Supervision *s = data;

  g_object_unref (s->self);
  g_free (s->card_id);
  g_free (s);
}

static void
supervise_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Supervision      *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *note = NULL;
  g_autofree char *title = zx_store_get_display (s->self->store, "card", s->card_id);
  g_autofree char *message = NULL;
  gboolean supervise = g_strcmp0 (response, "supervise") == 0;

  if (!supervise && g_strcmp0 (response, "end") != 0)
    return;
  if (supervise)
    {
      deadline = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (s->deadline_row))));
      note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (s->note_row))));
    }
  if (!zx_kanban_supervise (s->self->store, s->card_id, supervise,
                            deadline != NULL && *deadline ? deadline : NULL,
                            note != NULL && *note ? note : NULL, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (s->self), _("Could Not Change the Supervision"), error->message);
      return;
    }
  message = supervise
            /* Translators: a toast after putting a request under supervision (督办) */
            ? g_strdup_printf (_("“%s” is under supervision"), title ? title : "")
            /* Translators: a toast after ending the supervision of a request */
            : g_strdup_printf (_("Supervision of “%s” ended"), title ? title : "");
  zx_widget_show_message (GTK_WIDGET (s->self), message);
  zx_board_view_focus_card (s->self, s->card_id);
}

static void
supervise_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);
  ZxRecord *card = find_card (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean supervised;
  g_autofree char *heading = NULL;
  Supervision *s;
  GtkWidget *dialog, *list;

  if (card == NULL)
    return;
  if (!may (self, ZX_KANBAN_SUPERVISE, card))
    {
      gtk_widget_error_bell (widget);
      zx_widget_show_message (widget, _("Only the hospital office supervises requests"));
      return;
    }
  supervised = zx_record_get_bool (card, "supervised");
  /* Translators: the heading of the 督办 dialog; %s is the request */
  heading = g_strdup_printf (_("Supervise “%s”"), zx_record_get_string (card, "title"));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The hospital office follows the request up until it is done, "
                                     "and lists it in the supervision report."));
  s = g_new0 (Supervision, 1);
  s->self = g_object_ref (self);
  s->card_id = g_strdup (zx_record_get_id (card));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  s->deadline_row = adw_entry_row_new ();
  /* Translators: the date by which a supervised request must be done; the format follows */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (s->deadline_row), _("Deadline (YYYY-MM-DD)"));
  if (zx_record_get_string (card, "supervision_deadline") != NULL)
    gtk_editable_set_text (GTK_EDITABLE (s->deadline_row), zx_record_get_string (card, "supervision_deadline"));
  else if (g_date_valid (&self->today))
    {
      GDate date = self->today;
      char text[16];

      g_date_add_days (&date, 7);
      g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      gtk_editable_set_text (GTK_EDITABLE (s->deadline_row), text);
    }
  gtk_list_box_append (GTK_LIST_BOX (list), s->deadline_row);
  s->note_row = adw_entry_row_new ();
  /* Translators: the note of a supervision (督办说明) */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (s->note_row), C_("supervision", "Note"));
  if (zx_record_get_string (card, "supervision_note") != NULL)
    gtk_editable_set_text (GTK_EDITABLE (s->note_row), zx_record_get_string (card, "supervision_note"));
  gtk_list_box_append (GTK_LIST_BOX (list), s->note_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (supervised)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "end", _("_End Supervision"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "supervise",
                                   supervised ? _("_Save") : _("_Supervise"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "supervise", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "supervise");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (supervise_response_cb), s,
                         (GClosureNotify) (void (*) (void)) supervision_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The context menu ------------------------------------------------------------------------ */

static void
add_item (GMenu      *section,
          const char *label,
          const char *action,
          GVariant   *target,
          const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (section, item);
}

static GMenuModel *
card_menu (ZxBoardView *self,
           ZxRecord    *card)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) open = g_menu_new ();
  const char *id = zx_record_get_id (card);
  Column *column = column_of (card);
  int at = column_index (self, column);

  add_item (open, _("_Open"), "board.open", g_variant_new_string (id), "Return");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));

  if (may (self, ZX_KANBAN_MOVE, card))
    {
      g_autoptr(GMenu) moves = g_menu_new ();
      g_autoptr(GMenu) columns = g_menu_new ();
      g_autoptr(GPtrArray) here = visible_ids (column);
      int row = index_of (here, id);

      if (at > 0)
        add_item (moves, _("Move _Left"), "board.move-left", g_variant_new_string (id), "<Control><Shift>Left");
      if (at >= 0 && (guint) at + 1 < self->columns->len)
        add_item (moves, _("Move _Right"), "board.move-right", g_variant_new_string (id), "<Control><Shift>Right");
      if (row > 0)
        add_item (moves, _("Move _Up"), "board.move-up", g_variant_new_string (id), "<Control><Shift>Up");
      if (row >= 0 && (guint) row + 1 < here->len)
        add_item (moves, _("Move _Down"), "board.move-down", g_variant_new_string (id), "<Control><Shift>Down");
      for (guint i = 0; i < self->columns->len; i++)
        {
          Column *other = g_ptr_array_index (self->columns, i);

          if (other != column)
            add_item (columns, other->name, "board.move-to", g_variant_new ("(ss)", id, other->id), NULL);
        }
      g_menu_append_submenu (moves, _("Move to _Column"), G_MENU_MODEL (columns));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
    }

  {
    g_autoptr(GMenu) more = g_menu_new ();

    if (may (self, ZX_KANBAN_SUPERVISE, card))
      add_item (more, _("_Supervise…"), "board.supervise", g_variant_new_string (id), NULL);
    if (may (self, ZX_KANBAN_EDIT, card))
      add_item (more, _("_Delete"), "board.delete", g_variant_new_string (id), "Delete");
    if (g_menu_model_get_n_items (G_MENU_MODEL (more)) > 0)
      g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
  }
  return G_MENU_MODEL (menu);
}

static void
popover_closed_cb (ZxBoardView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* back to the card unless an action put the focus elsewhere */
  if (self->menu_card_id != NULL && (focus == NULL || gtk_widget_is_ancestor (focus, self->popover)))
    zx_board_view_focus_card (self, self->menu_card_id);
}

static void
show_menu (ZxBoardView  *self,
           ZxCardWidget *widget,
           double        x,
           double        y)
{
  ZxRecord *card = zx_card_widget_get_card (widget);
  g_autoptr(GMenuModel) model = NULL;
  graphene_point_t point;
  GdkRectangle rect;

  if (card == NULL)
    return;
  model = card_menu (self, card);
  g_free (self->menu_card_id);
  self->menu_card_id = g_strdup (zx_record_get_id (card));
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->popover), model);
  if (x < 0)
    {
      /* from the keyboard: under the card's top-left corner */
      x = 16;
      y = MIN (gtk_widget_get_height (GTK_WIDGET (widget)), 40);
    }
  if (!gtk_widget_compute_point (GTK_WIDGET (widget), GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  rect.x = (int) point.x;
  rect.y = (int) point.y;
  rect.width = rect.height = 1;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      ZxBoardView     *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (widget);
  show_menu (self, ZX_CARD_WIDGET (widget), x, y);
}

/* Shortcuts on a focused card ----------------------------------------------------------- */

static gboolean
card_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  ZxBoardView *self = ZX_BOARD_VIEW (gtk_widget_get_ancestor (widget, ZX_TYPE_BOARD_VIEW));
  const char *what = g_variant_get_string (args, NULL);
  const char *id = zx_card_widget_get_card_id (ZX_CARD_WIDGET (widget));

  if (self == NULL || id == NULL)
    return FALSE;
  if (g_str_equal (what, "menu"))
    {
      show_menu (self, ZX_CARD_WIDGET (widget), -1, -1);
      return TRUE;
    }
  if (g_str_equal (what, "left") || g_str_equal (what, "right"))
    {
      /* the card at the same height in the next column */
      ZxRecord *card = find_card (self, id);
      int step = g_str_equal (what, "left") ? -1 : +1;
      g_autoptr(GPtrArray) here = NULL;
      int at, i;

      if (card == NULL)
        return FALSE;
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        step = -step;
      here = visible_ids (column_of (card));
      at = index_of (here, id);
      for (i = column_index (self, column_of (card)) + step; i >= 0 && (guint) i < self->columns->len; i += step)
        {
          g_autoptr(GPtrArray) there = visible_ids (g_ptr_array_index (self->columns, i));

          if (there->len > 0)
            {
              zx_board_view_focus_card (self, g_ptr_array_index (there, MIN ((guint) MAX (at, 0), there->len - 1)));
              return TRUE;
            }
        }
      gtk_widget_error_bell (widget);
      return TRUE;
    }
  {
    g_autofree char *action = g_strconcat ("board.", what, NULL);

    return gtk_widget_activate_action (GTK_WIDGET (self), action, "s", id);
  }
}

static GListModel *
card_shortcuts (void)
{
  static GListStore *shortcuts;
  static const struct { guint key; GdkModifierType mods; const char *what; } keys[] = {
    { GDK_KEY_Left, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-left" },
    { GDK_KEY_KP_Left, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-left" },
    { GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-right" },
    { GDK_KEY_KP_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-right" },
    { GDK_KEY_Up, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-up" },
    { GDK_KEY_KP_Up, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-up" },
    { GDK_KEY_Down, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-down" },
    { GDK_KEY_KP_Down, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "move-down" },
    { GDK_KEY_Left, 0, "left" },
    { GDK_KEY_Right, 0, "right" },
    { GDK_KEY_F10, GDK_SHIFT_MASK, "menu" },
    { GDK_KEY_Menu, 0, "menu" },
    { GDK_KEY_Delete, 0, "delete" },
    { GDK_KEY_KP_Delete, 0, "delete" },
    { GDK_KEY_F2, 0, "open" },
  };

  if (shortcuts == NULL)
    {
      shortcuts = g_list_store_new (GTK_TYPE_SHORTCUT);
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                    gtk_callback_action_new (card_shortcut_cb, NULL, NULL));

          gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].what));
          g_list_store_append (shortcuts, shortcut);
          g_object_unref (shortcut);
        }
    }
  return g_object_ref (G_LIST_MODEL (shortcuts));
}

/* The list factory ------------------------------------------------------------------------ */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ZxBoardView              *self)
{
  GtkWidget *widget = zx_card_widget_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (source));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (secondary_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_widget_add_controller (widget, gtk_shortcut_controller_new_for_model (card_shortcuts ()));
  gtk_list_item_set_child (list_item, widget);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         ZxBoardView              *self)
{
  ZxRecord *card = gtk_list_item_get_item (list_item);
  GtkWidget *widget = gtk_list_item_get_child (list_item);

  rebind (self, ZX_CARD_WIDGET (widget), card);
  g_signal_connect_object (card, "notify::object", G_CALLBACK (record_changed_cb), widget, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ZxBoardView              *self)
{
  ZxRecord *card = gtk_list_item_get_item (list_item);
  GtkWidget *widget = gtk_list_item_get_child (list_item);

  if (card != NULL)
    g_signal_handlers_disconnect_by_func (card, record_changed_cb, widget);
  zx_card_widget_set_card (ZX_CARD_WIDGET (widget), NULL, NULL);
}

static void
activate_cb (GtkGridView *list_view,
             guint        position,
             Column      *column)
{
  g_autoptr(ZxRecord) card = g_list_model_get_item (G_LIST_MODEL (column->filtered), position);

  if (card != NULL)
    g_signal_emit (column->view, signals[SIGNAL_CARD_ACTIVATED], 0, card);
}

/* Dropping ------------------------------------------------------------------------------- */

/* Where a drop at @y (in the overlay) goes: before or after the card
 * @anchor (NULL: the column is empty as shown); the line's y */
static void
drop_position (Column      *column,
               double       y,
               const char **anchor,
               gboolean    *after,
               int         *line_y)
{
  double best_below = G_MAXDOUBLE, best_above = -G_MAXDOUBLE;
  const char *below_id = NULL, *above_id = NULL;
  double below_top = 0, above_bottom = 0;
  int height = gtk_widget_get_height (column->overlay);

  for (GtkWidget *row = gtk_widget_get_first_child (column->list_view); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      ZxCardWidget *widget = card_widget_of_row (row);
      graphene_rect_t bounds;
      double middle;

      if (widget == NULL || zx_card_widget_get_card (widget) == NULL || !gtk_widget_get_child_visible (row) ||
          !gtk_widget_compute_bounds (row, column->overlay, &bounds))
        continue;
      if (bounds.size.height <= 0 || bounds.origin.y + bounds.size.height < 0 || bounds.origin.y > height)
        continue;
      middle = bounds.origin.y + bounds.size.height / 2;
      if (middle >= y && middle < best_below)
        {
          best_below = middle;
          below_id = zx_card_widget_get_card_id (widget);
          below_top = bounds.origin.y;
        }
      if (middle < y && middle > best_above)
        {
          best_above = middle;
          above_id = zx_card_widget_get_card_id (widget);
          above_bottom = bounds.origin.y + bounds.size.height;
        }
    }
  if (below_id != NULL)
    {
      *anchor = below_id;
      *after = FALSE;
      *line_y = (int) below_top;
    }
  else if (above_id != NULL)
    {
      *anchor = above_id;
      *after = TRUE;
      *line_y = (int) above_bottom;
    }
  else
    {
      *anchor = NULL;
      *after = TRUE;
      *line_y = 4;
    }
}

static void
hide_drop_line (Column *column)
{
  column->drop_y = -1;
  column->vspeed = 0;
  gtk_widget_set_visible (column->drop_line, FALSE);
}

static void
update_drop_line (Column *column)
{
  const char *anchor;
  gboolean after;
  int y;

  drop_position (column, column->pointer_y, &anchor, &after, &y);
  if (y != column->drop_y || !gtk_widget_get_visible (column->drop_line))
    {
      column->drop_y = y;
      gtk_widget_set_visible (column->drop_line, TRUE);
      gtk_widget_queue_allocate (column->overlay);
    }
}

static gboolean
get_child_position_cb (GtkOverlay    *overlay,
                       GtkWidget     *child,
                       GtkAllocation *allocation,
                       Column        *column)
{
  int minimum;

  if (child != column->drop_line)
    return FALSE;
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
  allocation->x = 6;
  allocation->width = MAX (gtk_widget_get_width (GTK_WIDGET (overlay)) - 12, 1);
  allocation->height = MAX (minimum, 1);
  allocation->y = CLAMP (column->drop_y - allocation->height / 2, 0,
                         MAX (gtk_widget_get_height (GTK_WIDGET (overlay)) - allocation->height, 0));
  return TRUE;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame > 0 ? MIN ((now - self->last_frame) / 1e6, 0.1) : 1 / 60.0;
  gboolean moving = FALSE;

  self->last_frame = now;
  if (self->hspeed != 0)
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));
      double before = gtk_adjustment_get_value (adj);

      gtk_adjustment_set_value (adj, before + self->hspeed * dt);
      moving |= gtk_adjustment_get_value (adj) != before;
    }
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      GtkAdjustment *adj;
      double before;

      if (column->vspeed == 0)
        continue;
      adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (column->scroller));
      before = gtk_adjustment_get_value (adj);
      gtk_adjustment_set_value (adj, before + column->vspeed * dt);
      if (gtk_adjustment_get_value (adj) != before)
        {
          moving = TRUE;
          if (column->drop_y >= 0)
            update_drop_line (column);
        }
    }
  if (!moving && self->hspeed == 0)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->columns->len; i++)
        any |= ((Column *) g_ptr_array_index (self->columns, i))->vspeed != 0;
      if (!any)
        {
          self->scroll_tick = 0;
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
ensure_scrolling (ZxBoardView *self)
{
  if (self->scroll_tick == 0)
    {
      self->last_frame = 0;
      self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, NULL, NULL);
    }
}

/* -1…1: how far into the edge band @pos lies in a length @size */
static double
edge_factor (double pos,
             double size)
{
  double band = MIN (EDGE, size / 4);

  if (band <= 0)
    return 0;
  if (pos < band)
    return -(band - pos) / band;
  if (pos > size - band)
    return (pos - (size - band)) / band;
  return 0;
}

static gboolean
drop_accept_cb (GtkDropTarget *target,
                GdkDrop       *drop,
                Column        *column)
{
  /* cards from this board only */
  return gdk_drop_get_drag (drop) != NULL && column->view->drag_card_id != NULL;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                Column        *column)
{
  ZxBoardView *self = column->view;

  if (self->drop_column != NULL && self->drop_column != column)
    hide_drop_line (self->drop_column);
  self->drop_column = column;
  column->pointer_y = y;
  update_drop_line (column);
  column->vspeed = edge_factor (y - gtk_widget_get_height (column->overlay) + gtk_widget_get_height (column->scroller),
                                gtk_widget_get_height (column->scroller)) * MAX_SPEED;
  if (column->vspeed != 0)
    ensure_scrolling (self);
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               Column        *column)
{
  hide_drop_line (column);
  if (column->view->drop_column == column)
    column->view->drop_column = NULL;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Column        *column)
{
  ZxBoardView *self = column->view;
  g_autofree char *card_id = g_value_dup_string (value);
  g_autofree char *column_id = g_strdup (column->id);
  const char *anchor, *above, *below;
  gboolean after;
  int line;

  hide_drop_line (column);
  stop_scrolling (self);
  self->drop_column = NULL;
  if (card_id == NULL || find_card (self, card_id) == NULL)
    return FALSE;
  drop_position (column, y, &anchor, &after, &line);
  {
    g_autofree char *anchor_id = g_strdup (anchor);

    place_near (column, card_id, anchor_id, after, &above, &below);
    {
      g_autofree char *above_id = g_strdup (above);
      g_autofree char *below_id = g_strdup (below);

      zx_board_view_move_card (self, card_id, column_id, above_id, below_id);
    }
  }
  return TRUE;
}

void
zx_board_view_hover_drop (ZxBoardView *self,
                          const char  *column_id,
                          double       y)
{
  Column *column;

  g_return_if_fail (ZX_IS_BOARD_VIEW (self));

  column = find_column (self, column_id);
  if (column == NULL)
    {
      for (guint i = 0; i < self->columns->len; i++)
        hide_drop_line (g_ptr_array_index (self->columns, i));
      stop_scrolling (self);
      self->drop_column = NULL;
      return;
    }
  drop_motion_cb (NULL, 0, y, column);
}

static void
board_motion_cb (GtkDropControllerMotion *motion,
                 double                   x,
                 double                   y,
                 ZxBoardView             *self)
{
  if (self->drag_card_id == NULL)
    return;
  self->hspeed = edge_factor (x, gtk_widget_get_width (self->scroller)) * MAX_SPEED;
  if (self->hspeed != 0)
    ensure_scrolling (self);
}

static void
board_leave_cb (GtkDropControllerMotion *motion,
                ZxBoardView             *self)
{
  self->hspeed = 0;
}

/* Columns --------------------------------------------------------------------------------- */

static void
update_count (Column *column)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (column->cards));
  g_autofree char *text = g_strdup_printf ("%u", n);
  g_autofree char *tip = NULL;

  gtk_label_set_label (GTK_LABEL (column->count_label), text);
  if (n == all)
    tip = g_strdup_printf (ngettext ("%u request", "%u requests", n), n);
  else
    /* Translators: the tooltip of a column's count while a filter hides some cards */
    tip = g_strdup_printf (ngettext ("%u of %u request shown", "%u of %u requests shown", all), n, all);
  gtk_widget_set_tooltip_text (column->count_label, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->count_label), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  gtk_widget_set_visible (column->empty_label, n == 0);
  gtk_label_set_label (GTK_LABEL (column->empty_label),
                       all == 0 ? _("No requests") : _("No requests match the filter"));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Column     *column)
{
  update_count (column);
}

/* Shows at least @n cards of the column */
static void
ensure_slice (Column *column,
              guint   n)
{
  if (gtk_slice_list_model_get_size (column->slice) < n)
    gtk_slice_list_model_set_size (column->slice, n);
}

/* Within a third of a page of the end of what the column holds: more */
static gboolean
grow_slice (gpointer data)
{
  Column *column = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (column->scroller));
  double page = gtk_adjustment_get_page_size (adj);
  guint size = gtk_slice_list_model_get_size (column->slice);

  column->grow_id = 0;
  if (page > 0 && size < g_list_model_get_n_items (G_LIST_MODEL (column->filtered)) &&
      gtk_adjustment_get_upper (adj) - (gtk_adjustment_get_value (adj) + page) < page / 3)
    gtk_slice_list_model_set_size (column->slice, size + SLICE_STEP);
  return G_SOURCE_REMOVE;
}

/* The adjustment changes while the list is allocated: grow after that */
static void
grow_slice_cb (Column *column)
{
  if (column->grow_id == 0)
    column->grow_id = g_idle_add (grow_slice, column);
}

static void
update_column_header (Column *column)
{
  g_autofree char *list_label = NULL;

  gtk_label_set_label (GTK_LABEL (column->name_label), column->name);
  gtk_widget_set_tooltip_text (column->name_label, column->name);
  gtk_widget_set_visible (column->done_icon, column->is_done);
  if (column->is_done)
    gtk_widget_add_css_class (column->widget, "done");
  else
    gtk_widget_remove_css_class (column->widget, "done");
  /* Translators: the accessible name of a column's list of cards */
  list_label = g_strdup_printf (_("Requests in “%s”"), column->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL, list_label, -1);
}

static void
column_free (gpointer data)
{
  Column *column = data;

  if (column->list_view != NULL)
    gtk_grid_view_set_model (GTK_GRID_VIEW (column->list_view), NULL);
  if (column->filtered != NULL)
    g_signal_handlers_disconnect_by_data (column->filtered, column);
  if (column->scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (column->scroller)),
                                          column);
  g_clear_handle_id (&column->grow_id, g_source_remove);
  g_clear_object (&column->slice);
  g_clear_object (&column->filtered);
  g_clear_object (&column->cards);
  g_free (column->id);
  g_free (column->name);
  g_free (column);
}

static Column *
column_new (ZxBoardView *self,
            ZxRecord    *record)
{
  Column *column = g_new0 (Column, 1);
  GtkListItemFactory *factory;
  GtkDropTarget *target;
  GtkWidget *header;
  GtkSelectionModel *selection;

  column->view = self;
  column->id = g_strdup (zx_record_get_id (record));
  column->name = g_strdup (zx_record_get_string (record, "name"));
  column->is_done = zx_record_get_bool (record, "is_done");
  column->drop_y = -1;
  column->cards = g_list_store_new (ZX_TYPE_RECORD);
  column->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (column->cards)),
                                                GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect (column->filtered, "items-changed", G_CALLBACK (items_changed_cb), column);

  column->widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (column->widget, "zx-board-column");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (header, "zx-column-header");
  column->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (column->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (column->name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (column->name_label, "heading");
  gtk_box_append (GTK_BOX (header), column->name_label);
  column->done_icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  gtk_widget_add_css_class (column->done_icon, "success");
  gtk_widget_set_tooltip_text (column->done_icon, _("Requests here count as done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->done_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Requests here count as done"), -1);
  gtk_box_append (GTK_BOX (header), column->done_icon);
  column->count_label = gtk_label_new ("0");
  gtk_widget_set_hexpand (column->count_label, TRUE);
  gtk_widget_set_halign (column->count_label, GTK_ALIGN_END);
  gtk_widget_add_css_class (column->count_label, "zx-count");
  gtk_widget_add_css_class (column->count_label, "numeric");
  gtk_box_append (GTK_BOX (header), column->count_label);
  gtk_box_append (GTK_BOX (column->widget), header);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, 0);
  column->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (column->filtered)), 0, SLICE_FIRST);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (column->slice))));
  /* A grid of one column rather than a GtkListView: GTK 4.8's list view
   * keeps 200 rows alive whatever its height, its grid view about 30 */
  column->list_view = gtk_grid_view_new (selection, factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (column->list_view), 1);
  /* rows as tall as their natural height: a title wrapping on two or
   * three lines shows them all */
  gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (column->list_view), GTK_SCROLL_NATURAL);
  gtk_widget_add_css_class (column->list_view, "zx-board-list");
  gtk_widget_add_css_class (column->list_view, "background");
  g_signal_connect (column->list_view, "activate", G_CALLBACK (activate_cb), column);

  column->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (column->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (column->scroller), column->list_view);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (column->scroller), TRUE);
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (column->scroller));

    g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (grow_slice_cb), column);
    g_signal_connect_swapped (adj, "changed", G_CALLBACK (grow_slice_cb), column);
  }

  column->overlay = gtk_overlay_new ();
  gtk_widget_add_css_class (column->overlay, "zx-column-body");
  gtk_widget_set_vexpand (column->overlay, TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (column->overlay), column->scroller);
  column->drop_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (column->drop_line, "zx-drop-line");
  gtk_widget_set_can_target (column->drop_line, FALSE);
  gtk_widget_set_visible (column->drop_line, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (column->overlay), column->drop_line);
  column->empty_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (column->empty_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (column->empty_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (column->empty_label, "dim-label");
  gtk_widget_set_valign (column->empty_label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (column->empty_label, 24);
  gtk_widget_set_can_target (column->empty_label, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (column->overlay), column->empty_label);
  g_signal_connect (column->overlay, "get-child-position", G_CALLBACK (get_child_position_cb), column);
  gtk_box_append (GTK_BOX (column->widget), column->overlay);

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (target, "accept", G_CALLBACK (drop_accept_cb), column);
  g_signal_connect (target, "enter", G_CALLBACK (drop_motion_cb), column);
  g_signal_connect (target, "motion", G_CALLBACK (drop_motion_cb), column);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), column);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), column);
  gtk_widget_add_controller (column->overlay, GTK_EVENT_CONTROLLER (target));

  update_column_header (column);
  update_count (column);
  return column;
}

/* Loading and following the store ------------------------------------------------------------ */

static void
clear_board (ZxBoardView *self)
{
  GtkWidget *child;

  stop_scrolling (self);
  self->drop_column = NULL;
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  /* the columns let go of their list views' models, then the widgets go */
  g_ptr_array_set_size (self->columns, 0);
  while ((child = gtk_widget_get_first_child (self->columns_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->columns_box), child);
  g_hash_table_remove_all (self->records);
  g_hash_table_remove_all (self->names);
  g_hash_table_remove_all (self->comment_counts);
}

static void
add_record (ZxBoardView *self,
            Column      *column,
            ZxRecord    *card)
{
  g_object_set_qdata (G_OBJECT (card), column_quark, column);
  g_hash_table_insert (self->records, g_strdup (zx_record_get_id (card)), g_object_ref (card));
}

static void
reload (ZxBoardView *self)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GHashTable) board = NULL;

  clear_board (self);
  if (self->store == NULL || self->board_id == NULL)
    return;

  update_today (self);
  load_department_names (self);
  columns = zx_kanban_list_columns (self->store, self->board_id, FALSE);
  board = zx_kanban_load_board (self->store, self->board_id);
  for (guint i = 0; columns != NULL && i < columns->len; i++)
    {
      Column *column = column_new (self, g_ptr_array_index (columns, i));
      GPtrArray *cards = board != NULL ? g_hash_table_lookup (board, column->id) : NULL;

      g_ptr_array_add (self->columns, column);
      for (guint j = 0; cards != NULL && j < cards->len; j++)
        add_record (self, column, g_ptr_array_index (cards, j));
      if (cards != NULL && cards->len > 0)
        g_list_store_splice (column->cards, 0, 0, cards->pdata, cards->len);
      gtk_box_append (GTK_BOX (self->columns_box), column->widget);
    }
}

static int
compare_cards (ZxRecord *a,
               ZxRecord *b)
{
  int c = g_strcmp0 (zx_record_get_string (a, "rank"), zx_record_get_string (b, "rank"));

  return c != 0 ? c : g_strcmp0 (zx_record_get_id (a), zx_record_get_id (b));
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return compare_cards ((ZxRecord *) a, (ZxRecord *) b);
}

static guint
sorted_position (Column   *column,
                 ZxRecord *card)
{
  GListModel *model = G_LIST_MODEL (column->cards);
  guint lo = 0, hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(ZxRecord) other = g_list_model_get_item (model, mid);

      if (compare_cards (other, card) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Several cards may change in one transaction (a column re-spread): put
 * any column that ended up out of order back in order */
static gboolean
check_order_cb (gpointer data)
{
  ZxBoardView *self = data;

  self->order_idle = 0;
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *column = g_ptr_array_index (self->columns, i);
      GListModel *model = G_LIST_MODEL (column->cards);
      guint n = g_list_model_get_n_items (model);

      for (guint j = 1; j < n; j++)
        {
          g_autoptr(ZxRecord) a = g_list_model_get_item (model, j - 1);
          g_autoptr(ZxRecord) b = g_list_model_get_item (model, j);

          if (compare_cards (a, b) > 0)
            {
              g_list_store_sort (column->cards, compare_items, NULL);
              break;
            }
        }
    }
  return G_SOURCE_REMOVE;
}

static void
remove_record (ZxBoardView *self,
               ZxRecord    *card)
{
  Column *column = column_of (card);
  guint position;

  if (column != NULL && g_list_store_find (column->cards, card, &position))
    g_list_store_remove (column->cards, position);
  g_hash_table_remove (self->records, zx_record_get_id (card));
}

/* The cards waiting for @card_id show whether it is done */
static void
refresh_blocked_by (ZxBoardView *self,
                    const char  *card_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (zx_record_get_string (value, "blocked_by_id"), card_id) == 0)
      g_object_notify (value, "object");
}

static void
card_changed (ZxBoardView *self,
              const char  *id_in)
{
  g_autofree char *id = g_strdup (id_in);
  g_autoptr(JsonObject) row = zx_store_get (self->store, "card", id, NULL);
  ZxRecord *old = find_card (self, id);
  Column *column = NULL;

  if (row != NULL && !json_object_get_boolean_member_with_default (row, ZX_COLUMN_DELETED, FALSE) &&
      g_strcmp0 (json_object_get_string_member_with_default (row, "board_id", NULL), self->board_id) == 0)
    column = find_column (self, json_object_get_string_member_with_default (row, "column_id", NULL));

  if (column == NULL)
    {
      if (old != NULL)
        remove_record (self, old);
    }
  else if (old != NULL)
    {
      Column *was = column_of (old);
      g_autofree char *old_rank = g_strdup (zx_record_get_string (old, "rank"));
      gboolean same_place;

      g_object_ref (old);
      zx_record_set_object (old, row);
      same_place = was == column && g_strcmp0 (old_rank, zx_record_get_string (old, "rank")) == 0;
      if (!same_place || filter_active (self))
        {
          guint position;

          if (g_list_store_find (was->cards, old, &position))
            g_list_store_remove (was->cards, position);
          g_object_set_qdata (G_OBJECT (old), column_quark, column);
          g_list_store_insert (column->cards, sorted_position (column, old), old);
        }
      g_object_unref (old);
    }
  else
    {
      g_autoptr(ZxRecord) card = zx_record_new (zx_schema_lookup ("card"), row);

      add_record (self, column, card);
      g_list_store_insert (column->cards, sorted_position (column, card), card);
    }

  refresh_blocked_by (self, id);
  if (self->order_idle == 0)
    self->order_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, check_order_cb, self, NULL);
}

static void
columns_changed (ZxBoardView *self)
{
  g_autoptr(GPtrArray) columns = zx_kanban_list_columns (self->store, self->board_id, FALSE);
  gboolean same = columns != NULL && columns->len == self->columns->len;
  gboolean done_changed = FALSE;

  for (guint i = 0; same && i < columns->len; i++)
    same = g_str_equal (zx_record_get_id (g_ptr_array_index (columns, i)),
                        ((Column *) g_ptr_array_index (self->columns, i))->id);
  if (!same)
    {
      /* a column added, archived or moved: read the board again */
      g_autofree char *focus = NULL;
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focused = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focused != NULL && ZX_IS_CARD_WIDGET (focused) && gtk_widget_is_ancestor (focused, GTK_WIDGET (self)))
        focus = g_strdup (zx_card_widget_get_card_id (ZX_CARD_WIDGET (focused)));
      reload (self);
      if (focus != NULL)
        zx_board_view_focus_card (self, focus);
      return;
    }
  for (guint i = 0; i < columns->len; i++)
    {
      ZxRecord *record = g_ptr_array_index (columns, i);
      Column *column = g_ptr_array_index (self->columns, i);

      zx_set_str (&column->name, zx_record_get_string (record, "name"));
      if (column->is_done != zx_record_get_bool (record, "is_done"))
        {
          column->is_done = zx_record_get_bool (record, "is_done");
          done_changed = TRUE;
        }
      update_column_header (column);
    }
  if (done_changed)
    {
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      rebind_all (self);
    }
}

static void
store_changed_cb (ZxBoardView *self,
                  const char  *entity,
                  const char  *id)
{
  if (self->board_id == NULL)
    return;
  update_today (self);
  if (g_str_equal (entity, "card"))
    card_changed (self, id);
  else if (g_str_equal (entity, "board_column"))
    columns_changed (self);
  else if (g_str_equal (entity, "card_comment"))
    {
      g_autoptr(JsonObject) row = zx_store_get (self->store, "card_comment", id, NULL);
      const char *card_id = row != NULL ? json_object_get_string_member_with_default (row, "card_id", NULL) : NULL;
      ZxRecord *card = find_card (self, card_id);

      if (card != NULL)
        {
          g_hash_table_remove (self->comment_counts, card_id);
          g_object_notify (G_OBJECT (card), "object");
        }
    }
  else if (g_str_equal (entity, "department"))
    {
      load_department_names (self);
      rebind_all (self);
    }
  else if (g_str_equal (entity, "staff") || g_str_equal (entity, "key_result"))
    {
      g_hash_table_remove_all (self->names);
      rebind_all (self);
    }
}

static void
store_reloaded_cb (ZxBoardView *self)
{
  reload (self);
}

static void
follow_store (ZxBoardView *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (store == self->store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  zx_deletion_forget (self->deletion);
  forget_move (self);
  self->undo_kind = UNDO_NONE;
  g_set_object (&self->store, store);
  g_clear_pointer (&self->board_id, g_free);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);
    }
  reload (self);
}

/* Public ---------------------------------------------------------------------------------- */

void
zx_board_view_set_board (ZxBoardView *self,
                         const char  *board_id)
{
  g_return_if_fail (ZX_IS_BOARD_VIEW (self));

  follow_store (self);
  if (g_strcmp0 (board_id, self->board_id) == 0 && self->columns->len > 0)
    return;
  zx_set_str (&self->board_id, board_id);
  reload (self);
}

const char *
zx_board_view_get_board (ZxBoardView *self)
{
  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), NULL);
  return self->board_id;
}

void
zx_board_view_set_filter (ZxBoardView         *self,
                          const ZxBoardFilter *filter)
{
  const ZxBoardFilter none = { 0 };
  g_autofree char *search = NULL;

  g_return_if_fail (ZX_IS_BOARD_VIEW (self));

  if (filter == NULL)
    filter = &none;
  if (filter->search != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (filter->search));

      if (*stripped != '\0')
        search = g_utf8_casefold (stripped, -1);
    }
  if (g_strcmp0 (self->department_id, filter->department_id) == 0 &&
      (filter->department_id == NULL || self->direction == filter->direction) &&
      self->overdue_only == filter->overdue_only && self->supervised_only == filter->supervised_only &&
      g_strcmp0 (self->key_result_id, filter->key_result_id) == 0 && g_strcmp0 (self->search, search) == 0)
    return;

  zx_set_str (&self->department_id, filter->department_id);
  self->direction = filter->direction;
  self->overdue_only = filter->overdue_only;
  self->supervised_only = filter->supervised_only;
  zx_set_str (&self->key_result_id, filter->key_result_id);
  g_free (self->search);
  self->search = g_steal_pointer (&search);
  update_today (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GPtrArray *
zx_board_view_get_column_ids (ZxBoardView *self)
{
  GPtrArray *ids;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), NULL);

  ids = g_ptr_array_new ();
  for (guint i = 0; i < self->columns->len; i++)
    g_ptr_array_add (ids, ((Column *) g_ptr_array_index (self->columns, i))->id);
  return ids;
}

GPtrArray *
zx_board_view_get_card_ids (ZxBoardView *self,
                            const char  *column_id)
{
  Column *column;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), NULL);

  column = find_column (self, column_id);
  return column != NULL ? visible_ids (column) : NULL;
}

guint
zx_board_view_get_count (ZxBoardView *self,
                         const char  *column_id)
{
  Column *column;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), 0);

  column = find_column (self, column_id);
  return column != NULL ? g_list_model_get_n_items (G_LIST_MODEL (column->filtered)) : 0;
}

guint
zx_board_view_get_total (ZxBoardView *self)
{
  guint n = 0;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), 0);

  for (guint i = 0; i < self->columns->len; i++)
    n += g_list_model_get_n_items (G_LIST_MODEL (((Column *) g_ptr_array_index (self->columns, i))->filtered));
  return n;
}

typedef struct
{
  const char *id;
  char       *key;    /* the title's collation key */
} KeyResult;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (((const KeyResult *) a)->key, ((const KeyResult *) b)->key);
}

GPtrArray *
zx_board_view_get_key_result_ids (ZxBoardView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (KeyResult));
  GHashTableIter iter;
  gpointer value;
  GPtrArray *ids;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), NULL);

  g_hash_table_iter_init (&iter, self->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *kr = zx_record_get_string (value, "key_result_id");
      const char *title;

      if (kr != NULL && g_hash_table_add (seen, (gpointer) kr) && (title = cached_name (self, "key_result", kr)) != NULL)
        {
          KeyResult entry = { kr, g_utf8_collate_key (title, -1) };

          g_array_append_val (found, entry);
        }
    }
  g_array_sort (found, compare_keys);
  ids = g_ptr_array_sized_new (found->len);
  for (guint i = 0; i < found->len; i++)
    {
      g_ptr_array_add (ids, (gpointer) g_array_index (found, KeyResult, i).id);
      g_free (g_array_index (found, KeyResult, i).key);
    }
  return ids;
}

const char *
zx_board_view_get_key_result_title (ZxBoardView *self,
                                    const char  *key_result_id)
{
  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), NULL);
  return cached_name (self, "key_result", key_result_id);
}

GtkWidget *
zx_board_view_get_card_widget (ZxBoardView *self,
                               const char  *card_id)
{
  ZxRecord *card;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), NULL);

  card = find_card (self, card_id);
  return card != NULL ? (GtkWidget *) find_card_widget (column_of (card), card_id) : NULL;
}

GtkWidget *
zx_board_view_get_column_widget (ZxBoardView *self,
                                 const char  *column_id)
{
  Column *column;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), NULL);

  column = find_column (self, column_id);
  return column != NULL ? column->overlay : NULL;
}

/* Brings @column into the board's view */
static void
show_column (ZxBoardView *self,
             Column      *column)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  graphene_rect_t bounds;
  double value, page;

  if (!gtk_widget_compute_bounds (column->widget, self->columns_box, &bounds))
    return;
  value = gtk_adjustment_get_value (adj);
  page = gtk_adjustment_get_page_size (adj);
  if (bounds.origin.x - 12 < value)
    gtk_adjustment_set_value (adj, bounds.origin.x - 12);
  else if (bounds.origin.x + bounds.size.width + 12 > value + page)
    gtk_adjustment_set_value (adj, bounds.origin.x + bounds.size.width + 12 - page);
}

static gboolean
try_focus (ZxBoardView *self)
{
  ZxRecord *card = find_card (self, self->pending_focus);
  ZxCardWidget *widget = card != NULL ? find_card_widget (column_of (card), self->pending_focus) : NULL;

  if (widget == NULL)
    return FALSE;
  show_column (self, column_of (card));
  gtk_widget_grab_focus (GTK_WIDGET (widget));
  g_clear_pointer (&self->pending_focus, g_free);
  return TRUE;
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);

  if (self->pending_focus == NULL || try_focus (self) || ++self->focus_frames >= FOCUS_FRAMES)
    {
      g_clear_pointer (&self->pending_focus, g_free);
      self->focus_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

gboolean
zx_board_view_focus_card (ZxBoardView *self,
                          const char  *card_id)
{
  ZxRecord *card;
  Column *column;
  guint position;

  g_return_val_if_fail (ZX_IS_BOARD_VIEW (self), FALSE);

  card = find_card (self, card_id);
  if (card == NULL)
    return FALSE;
  column = column_of (card);
  if (!gtk_filter_match (GTK_FILTER (self->filter), card))
    return FALSE;
  for (position = 0; position < g_list_model_get_n_items (G_LIST_MODEL (column->filtered)); position++)
    {
      g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (column->filtered), position);

      if (item == card)
        break;
    }
  ensure_slice (column, position + SLICE_STEP / 2);
  gtk_widget_activate_action (column->list_view, "list.scroll-to-item", "u", position);
  zx_set_str (&self->pending_focus, card_id);
  if (try_focus (self))
    return TRUE;
  self->focus_frames = 0;
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, NULL, NULL);
  return TRUE;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
zx_board_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  gtk_widget_measure (ZX_BOARD_VIEW (widget)->scroller, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
zx_board_view_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (ZX_BOARD_VIEW (widget)->scroller);
}

static void
zx_board_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  ZxBoardView *self = ZX_BOARD_VIEW (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
zx_board_view_dispose (GObject *object)
{
  ZxBoardView *self = ZX_BOARD_VIEW (object);

  g_clear_handle_id (&self->order_idle, g_source_remove);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick);
  self->focus_tick = 0;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  forget_move (self);
  if (self->deletion != NULL)
    zx_deletion_forget (self->deletion);
  g_clear_object (&self->deletion);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (zx_board_view_parent_class)->dispose (object);
}

static void
zx_board_view_finalize (GObject *object)
{
  ZxBoardView *self = ZX_BOARD_VIEW (object);

  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->records);
  g_hash_table_unref (self->department_names);
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->comment_counts);
  g_clear_object (&self->filter);
  g_free (self->board_id);
  g_free (self->department_id);
  g_free (self->key_result_id);
  g_free (self->search);
  g_free (self->menu_card_id);
  g_free (self->drag_card_id);
  g_free (self->pending_focus);
  G_OBJECT_CLASS (zx_board_view_parent_class)->finalize (object);
}

static void
zx_board_view_class_init (ZxBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zx_board_view_dispose;
  object_class->finalize = zx_board_view_finalize;
  widget_class->measure = zx_board_view_measure;
  widget_class->get_request_mode = zx_board_view_get_request_mode;
  widget_class->size_allocate = zx_board_view_size_allocate;

  column_quark = g_quark_from_static_string ("zx-board-column");

  /**
   * ZxBoardView::card-activated:
   * @card: the ZxRecord of the card
   *
   * A card was activated (Enter, a double click, Open in its menu).
   */
  signals[SIGNAL_CARD_ACTIVATED] =
    g_signal_new ("card-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ZX_TYPE_RECORD);

  gtk_widget_class_install_action (widget_class, "board.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "board.move-left", "s", move_sideways_action);
  gtk_widget_class_install_action (widget_class, "board.move-right", "s", move_sideways_action);
  gtk_widget_class_install_action (widget_class, "board.move-up", "s", move_vertically_action);
  gtk_widget_class_install_action (widget_class, "board.move-down", "s", move_vertically_action);
  gtk_widget_class_install_action (widget_class, "board.move-to", "(ss)", move_to_action);
  gtk_widget_class_install_action (widget_class, "board.supervise", "s", supervise_action);
  gtk_widget_class_install_action (widget_class, "board.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "board.undo", NULL, undo_action);

  gtk_widget_class_set_css_name (widget_class, "zx-board-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zx_board_view_init (ZxBoardView *self)
{
  GtkEventController *motion;

  self->columns = g_ptr_array_new_with_free_func (column_free);
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->department_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->comment_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->deletion = zx_deletion_new (GTK_WIDGET (self));
  g_date_clear (&self->today, 1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->columns_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->columns_box, "zx-board-columns");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->columns_box);

  motion = gtk_drop_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (board_motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (board_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (board_leave_cb), self);
  gtk_widget_add_controller (self->scroller, motion);

  self->popover = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);
}

GtkWidget *
zx_board_view_new (ZxContext *context)
{
  ZxBoardView *self;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  self = g_object_new (ZX_TYPE_BOARD_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
  return GTK_WIDGET (self);
}
