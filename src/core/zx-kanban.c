/* zx-kanban.c — the collaboration board: columns, requests, moves, supervision
 *
 * Everything here is made of the store's mutations, so it syncs as they
 * do: columns and cards are created and updated with zx_store_create() and
 * zx_store_update(), history entries are card_event rows, and a move is
 * the one custom mutation "card.move" (zx_kanban_apply_move(), called by
 * zx_store_mutate() through the table in zx-store.c).  Each public
 * function runs in one transaction: on any error nothing changes.
 *
 * Order: columns and cards are ordered by (rank, id), the ranks being
 * fractional keys (zx-rank.c).  A move gives the moved row one new key
 * between its new neighbours.  Two devices that move different cards into
 * the same gap offline end up with equal keys; the next move into that gap
 * re-keys just the colliding neighbours (make_room()).
 *
 * Permissions (see zx-kanban.h) are checked here, before the mutations,
 * with the store's actor; the mutations themselves stay the plain data
 * rules both sides share.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-kanban"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "zx-kanban.h"
#include "zx-rank.h"
#include "zx-store-private.h"

/* Keys longer than this are not made: the neighbours around the gap get
 * fresh, short keys instead (zx_rank_is_valid() allows 64). */
#define MAX_RANK_LENGTH 24

/* The default columns, in order; the last counts as done */
static const char * const default_columns[] = {
  NC_("board column", "Submitted"),
  NC_("board column", "Accepted"),
  NC_("board column", "In progress"),
  NC_("board column", "Awaiting acceptance"),
  NC_("board column", "Done"),
};

/* Small helpers -------------------------------------------------------------- */

static const ZxEntity *
entity_of (const char *name)
{
  const ZxEntity *entity = zx_schema_lookup (name);

  g_assert (entity != NULL);
  return entity;
}

static const char *
entity_label (const ZxEntity *entity)
{
  return g_dgettext (GETTEXT_PACKAGE, entity->label);
}

static const char *
get_str (JsonObject *row,
         const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_bool (JsonObject *row,
          const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  return json_node_get_boolean (node);
}

static void
set_str_or_null (JsonObject *object,
                 const char *name,
                 const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* The row @id of @entity_name when it exists and is not deleted, else NULL
 * with ZX_ERROR_NOT_FOUND or ZX_ERROR_DELETED */
static JsonObject *
get_live (ZxStore     *store,
          const char  *entity_name,
          const char  *id,
          GError     **error)
{
  g_autoptr(JsonObject) row = zx_store_get (store, entity_name, id, error);

  if (row == NULL)
    return NULL;
  if (get_bool (row, "deleted"))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DELETED,
                   _("The %s was deleted, so it cannot be changed."),
                   entity_label (entity_of (entity_name)));
      return NULL;
    }
  return g_steal_pointer (&row);
}

/* "YYYY-MM-DD" of @date */
static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static gboolean
parse_date (const char *s,
            GDate      *out)
{
  guint y, m, d;
  char tail;

  if (s == NULL || strlen (s) != 10 || sscanf (s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
date_plus_days (const GDate *today,
                int          days)
{
  GDate date = *today;

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  return format_date (&date);
}

/* Rows in board order as ZxRecord: "SELECT <all columns> FROM <table>
 * WHERE deleted = 0 AND <where> ORDER BY rank, id" */
static GPtrArray *
select_records (ZxStore            *store,
                const ZxEntity     *entity,
                const char         *where,
                const char * const *params)
{
  g_autofree char *cols = zx_store_select_columns (entity);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0 AND (%s) ORDER BY rank, id",
                                          cols, entity->table, where);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    {
      g_critical ("Could not list %s: %s", entity->name, sqlite3_errmsg (zx_store_get_db (store)));
      return records;
    }
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) row = zx_store_row_from_statement (entity, stmt);

      g_ptr_array_add (records, zx_record_new (entity, row));
    }
  sqlite3_reset (stmt);
  return records;
}

/* The ids selected by @sql (first column), binding @params */
static GPtrArray *
select_ids (ZxStore            *store,
            const char         *sql,
            const char * const *params)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    {
      g_critical ("Could not read the board: %s", sqlite3_errmsg (zx_store_get_db (store)));
      return ids;
    }
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}

/* The one text (or NULL) selected by @sql with one parameter */
static char *
select_text (ZxStore    *store,
             const char *sql,
             const char *param)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);
  char *text = NULL;

  if (stmt == NULL || param == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static gint64
select_int (ZxStore    *store,
            const char *sql,
            const char *param)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL || param == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
column_is_done (ZxStore    *store,
                const char *column_id)
{
  return select_int (store, "SELECT is_done FROM board_column WHERE id = ?", column_id) != 0;
}

/* The board's first live column that is not archived */
static char *
first_column (ZxStore    *store,
              const char *board_id)
{
  return select_text (store,
                      "SELECT id FROM board_column WHERE board_id = ? AND deleted = 0 AND archived = 0 "
                      "ORDER BY rank, id LIMIT 1", board_id);
}

/* The actor --------------------------------------------------------------------- */

typedef struct
{
  char *staff_id;       /* NULL: the actor is not a live staff member */
  char *role;
  char *department_id;
} Actor;

static void
actor_clear (Actor *actor)
{
  g_clear_pointer (&actor->staff_id, g_free);
  g_clear_pointer (&actor->role, g_free);
  g_clear_pointer (&actor->department_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, actor_clear)

static void
actor_lookup (ZxStore *store,
              Actor   *out)
{
  const char *id = zx_store_get_actor (store);
  sqlite3_stmt *stmt = zx_store_prepare (store,
                                         "SELECT role, department_id FROM staff WHERE id = ? AND deleted = 0",
                                         NULL);

  memset (out, 0, sizeof *out);
  if (stmt == NULL || id == NULL)
    return;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->staff_id = g_strdup (id);
      out->role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      out->department_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
}

/* The actor's staff id for created_by, actor_id and author_id, or NULL */
static char *
actor_staff_id (ZxStore *store)
{
  g_auto(Actor) actor;

  actor_lookup (store, &actor);
  return g_steal_pointer (&actor.staff_id);
}

/* Permissions --------------------------------------------------------------------- */

/* The rule of zx-kanban.h on plain values: @from and @to are the card's
 * departments, @column_id the column the card is in (for the requesting
 * department's "while still in the first column"). */
static gboolean
may (ZxStore        *store,
     ZxKanbanAction  action,
     const char     *from,
     const char     *to,
     const char     *board_id,
     const char     *column_id)
{
  g_auto(Actor) actor;

  actor_lookup (store, &actor);
  if (actor.staff_id == NULL)
    return TRUE;
  if (g_strcmp0 (actor.role, "office") == 0 || g_strcmp0 (actor.role, "admin") == 0)
    return TRUE;

  switch (action)
    {
    case ZX_KANBAN_CREATE:
    case ZX_KANBAN_EDIT:
      return from != NULL && g_strcmp0 (from, actor.department_id) == 0;

    case ZX_KANBAN_MOVE:
      if (to != NULL && g_strcmp0 (to, actor.department_id) == 0)
        return TRUE;
      if (from != NULL && g_strcmp0 (from, actor.department_id) == 0 && column_id != NULL)
        {
          g_autofree char *first = first_column (store, board_id);

          return g_strcmp0 (first, column_id) == 0;
        }
      return FALSE;

    case ZX_KANBAN_COMMENT:
      return TRUE;

    case ZX_KANBAN_SUPERVISE:
    case ZX_KANBAN_COLUMNS:
    default:
      return FALSE;
    }
}

static gboolean
refuse (ZxKanbanAction   action,
        GError         **error)
{
  const char *message;

  switch (action)
    {
    case ZX_KANBAN_CREATE:
      message = _("You can file requests only on behalf of your own department.");
      break;
    case ZX_KANBAN_MOVE:
      message = _("Only the supporting department can move this request; the requesting department can move it only while it is still in the first column.");
      break;
    case ZX_KANBAN_EDIT:
      message = _("Only the requesting department can change this request.");
      break;
    case ZX_KANBAN_SUPERVISE:
      message = _("Only the hospital office can supervise requests.");
      break;
    case ZX_KANBAN_COLUMNS:
    case ZX_KANBAN_COMMENT:
    default:
      message = _("Only the hospital office can change the columns of the board.");
      break;
    }
  g_set_error_literal (error, ZX_ERROR, ZX_ERROR_PERMISSION, message);
  return FALSE;
}

static gboolean
check_may_card (ZxStore         *store,
                ZxKanbanAction   action,
                JsonObject      *card,
                GError         **error)
{
  if (may (store, action, get_str (card, "from_department_id"), get_str (card, "to_department_id"),
           get_str (card, "board_id"), get_str (card, "column_id")))
    return TRUE;
  return refuse (action, error);
}

gboolean
zx_kanban_may (ZxStore        *store,
               ZxKanbanAction  action,
               ZxRecord       *card,
               const char     *department_id)
{
  JsonObject *row;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (card == NULL || ZX_IS_RECORD (card), FALSE);

  if (card == NULL)
    {
      switch (action)
        {
        case ZX_KANBAN_CREATE:
          return may (store, action, department_id, NULL, NULL, NULL);
        case ZX_KANBAN_COLUMNS:
        case ZX_KANBAN_SUPERVISE:
        case ZX_KANBAN_COMMENT:
          return may (store, action, NULL, NULL, NULL, NULL);
        case ZX_KANBAN_MOVE:
        case ZX_KANBAN_EDIT:
        default:
          /* about no card in particular: only who may do it to any card */
          return may (store, ZX_KANBAN_COLUMNS, NULL, NULL, NULL, NULL);
        }
    }

  row = zx_record_get_object (card);
  return may (store, action, get_str (row, "from_department_id"), get_str (row, "to_department_id"),
              get_str (row, "board_id"), get_str (row, "column_id"));
}

/* Order ------------------------------------------------------------------------ */

typedef struct
{
  char *id;
  char *rank;   /* NULL when the row has none */
} Slot;

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_free (slot->id);
  g_free (slot->rank);
  g_free (slot);
}

#define SLOT(slots, i) ((Slot *) g_ptr_array_index ((slots), (i)))

/* The live cards of a column (@table "card", @parent_field "column_id") or
 * the live columns of a board, archived ones included, in board order */
static GPtrArray *
ordered_slots (ZxStore    *store,
               const char *table,
               const char *parent_field,
               const char *parent)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, rank FROM %s WHERE %s = ? AND deleted = 0 ORDER BY rank, id",
                                          table, parent_field);
  GPtrArray *slots = g_ptr_array_new_with_free_func (slot_free);
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return slots;
  sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Slot *slot = g_new0 (Slot, 1);

      slot->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        slot->rank = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (slots, slot);
    }
  sqlite3_reset (stmt);
  return slots;
}

static int
slot_index (GPtrArray  *slots,
            const char *id)
{
  for (guint i = 0; id != NULL && i < slots->len; i++)
    if (g_str_equal (SLOT (slots, i)->id, id))
      return (int) i;
  return -1;
}

/* Fills keys[from..to) with keys strictly between @lo and @hi, in order,
 * halving the interval each time so they stay short */
static void
assign_keys (char       **keys,
             guint        from,
             guint        to,
             const char  *lo,
             const char  *hi)
{
  guint mid;

  if (from >= to)
    return;
  mid = from + (to - from) / 2;
  keys[mid] = zx_rank_between (lo, hi);
  assign_keys (keys, from, mid, lo, keys[mid]);
  assign_keys (keys, mid + 1, to, keys[mid], hi);
}

/* The key for a row inserted at @pos among @slots (which do not hold it).
 * Usually one key between the two neighbours, changing nothing else.  When
 * the neighbours' keys are equal (two devices moved cards into the same
 * gap), missing, or so close that the key would grow past
 * MAX_RANK_LENGTH, the smallest window of neighbours around @pos whose
 * outer neighbours leave room gets fresh keys, each with one
 * "<entity>.update" of its rank, in the caller's transaction. */
static char *
make_room (ZxStore     *store,
           const char  *entity_name,
           GPtrArray   *slots,
           guint        pos,
           GError     **error)
{
  guint n = slots->len;
  guint a = pos;    /* slots[a..b) get new keys along with the new row */
  guint b = pos;

  g_assert (pos <= n);

  for (;;)
    {
      const char *lo = a > 0 ? SLOT (slots, a - 1)->rank : NULL;
      const char *hi = b < n ? SLOT (slots, b)->rank : NULL;
      gboolean lo_ok = a == 0 || zx_rank_is_valid (lo);
      gboolean hi_ok = b == n || zx_rank_is_valid (hi);

      if (lo_ok && hi_ok && (lo == NULL || hi == NULL || strcmp (lo, hi) < 0))
        {
          guint k = b - a + 1;
          g_auto(GStrv) keys = g_new0 (char *, k + 1);
          gboolean fits = TRUE;

          assign_keys (keys, 0, k, lo, hi);
          for (guint i = 0; i < k; i++)
            fits = fits && strlen (keys[i]) <= MAX_RANK_LENGTH;

          /* With the whole list in the window the keys are as short as
           * they can be: take them */
          if (fits || (a == 0 && b == n))
            {
              for (guint i = a; i < b; i++)
                {
                  const char *key = keys[i < pos ? i - a : i - a + 1];
                  g_autoptr(JsonObject) changes = NULL;

                  if (g_strcmp0 (SLOT (slots, i)->rank, key) == 0)
                    continue;
                  changes = json_object_new ();
                  json_object_set_string_member (changes, "rank", key);
                  if (!zx_store_update (store, entity_name, SLOT (slots, i)->id, changes, error))
                    return NULL;
                  zx_set_str (&SLOT (slots, i)->rank, key);
                }
              return g_strdup (keys[pos - a]);
            }
        }

      if (a > 0)
        a--;
      if (b < n)
        b++;
    }
}

/* The board and its columns ------------------------------------------------------ */

char *
zx_kanban_ensure_board (ZxStore  *store,
                        GError  **error)
{
  g_autofree char *board = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_auto(GStrv) ranks = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr(GPtrArray) boards = select_ids (store, "SELECT id FROM board WHERE deleted = 0 ORDER BY rank, id LIMIT 1",
                                              NULL);

    if (boards->len > 0)
      return g_strdup (g_ptr_array_index (boards, 0));
  }

  if (!zx_store_begin (store, error))
    return NULL;

  fields = json_object_new ();
  json_object_set_string_member (fields, "name", _("Collaboration Board"));
  board = zx_store_create (store, "board", fields, error);
  if (board == NULL)
    goto failed;

  ranks = zx_rank_spread (G_N_ELEMENTS (default_columns));
  for (guint i = 0; i < G_N_ELEMENTS (default_columns); i++)
    {
      g_autoptr(JsonObject) column = json_object_new ();
      g_autofree char *id = NULL;

      json_object_set_string_member (column, "board_id", board);
      json_object_set_string_member (column, "name",
                                     g_dpgettext2 (GETTEXT_PACKAGE, "board column", default_columns[i]));
      json_object_set_boolean_member (column, "is_done", i == G_N_ELEMENTS (default_columns) - 1);
      json_object_set_boolean_member (column, "archived", FALSE);
      json_object_set_string_member (column, "rank", ranks[i]);
      id = zx_store_create (store, "board_column", column, error);
      if (id == NULL)
        goto failed;
    }

  if (!zx_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&board);

failed:
  zx_store_rollback (store);
  return NULL;
}

GPtrArray *
zx_kanban_list_columns (ZxStore    *store,
                        const char *board_id,
                        gboolean    with_archived)
{
  const char *params[] = { board_id, NULL };

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (board_id != NULL, NULL);

  return select_records (store, entity_of ("board_column"),
                         with_archived ? "board_id = ?" : "board_id = ? AND archived = 0",
                         params);
}

/* Begins the transaction of a change to the board's columns: checks the
 * permission, and that the column is a live one (when @column_id) */
static gboolean
begin_columns (ZxStore      *store,
               const char   *column_id,
               JsonObject  **out_column,
               GError      **error)
{
  if (!may (store, ZX_KANBAN_COLUMNS, NULL, NULL, NULL, NULL))
    return refuse (ZX_KANBAN_COLUMNS, error);
  if (!zx_store_begin (store, error))
    return FALSE;
  if (column_id != NULL)
    {
      JsonObject *column = get_live (store, "board_column", column_id, error);

      if (column == NULL)
        {
          zx_store_rollback (store);
          return FALSE;
        }
      *out_column = column;
    }
  return TRUE;
}

char *
zx_kanban_add_column (ZxStore     *store,
                      const char  *board_id,
                      const char  *name,
                      const char  *after_column_id,
                      GError     **error)
{
  g_autoptr(JsonObject) board = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *rank = NULL;
  char *id = NULL;
  guint pos;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (board_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!begin_columns (store, NULL, NULL, error))
    return NULL;

  board = get_live (store, "board", board_id, error);
  if (board == NULL)
    goto failed;

  slots = ordered_slots (store, "board_column", "board_id", board_id);
  pos = slots->len;
  if (after_column_id != NULL)
    {
      int i = slot_index (slots, after_column_id);

      if (i < 0)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                       _("The %s was not found; it may have been removed."),
                       entity_label (entity_of ("board_column")));
          goto failed;
        }
      pos = (guint) i + 1;
    }

  rank = make_room (store, "board_column", slots, pos, error);
  if (rank == NULL)
    goto failed;

  fields = json_object_new ();
  json_object_set_string_member (fields, "board_id", board_id);
  set_str_or_null (fields, "name", name);
  json_object_set_boolean_member (fields, "is_done", FALSE);
  json_object_set_boolean_member (fields, "archived", FALSE);
  json_object_set_string_member (fields, "rank", rank);
  id = zx_store_create (store, "board_column", fields, error);
  if (id == NULL)
    goto failed;

  if (!zx_store_commit (store, error))
    {
      g_free (id);
      return NULL;
    }
  return id;

failed:
  zx_store_rollback (store);
  return NULL;
}

gboolean
zx_kanban_rename_column (ZxStore     *store,
                         const char  *column_id,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(JsonObject) column = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (column_id != NULL, FALSE);

  if (!begin_columns (store, column_id, &column, error))
    return FALSE;

  if (g_strcmp0 (get_str (column, "name"), name) == 0)
    return zx_store_commit (store, error);

  set_str_or_null (changes, "name", name);
  if (!zx_store_update (store, "board_column", column_id, changes, error))
    {
      zx_store_rollback (store);
      return FALSE;
    }
  return zx_store_commit (store, error);
}

gboolean
zx_kanban_move_column (ZxStore     *store,
                       const char  *column_id,
                       const char  *before_id,
                       const char  *after_id,
                       GError     **error)
{
  g_autoptr(JsonObject) column = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *rank = NULL;
  const char *anchor = before_id ? before_id : after_id;
  int current;
  guint pos;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (column_id != NULL, FALSE);

  if (!begin_columns (store, column_id, &column, error))
    return FALSE;

  slots = ordered_slots (store, "board_column", "board_id", get_str (column, "board_id"));
  current = slot_index (slots, column_id);
  g_assert (current >= 0);
  g_ptr_array_remove_index (slots, (guint) current);

  if (g_strcmp0 (anchor, column_id) == 0)
    return zx_store_commit (store, error);

  pos = slots->len;
  if (anchor != NULL)
    {
      int i = slot_index (slots, anchor);

      if (i < 0)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                       _("The %s was not found; it may have been removed."),
                       entity_label (entity_of ("board_column")));
          zx_store_rollback (store);
          return FALSE;
        }
      pos = before_id != NULL ? (guint) i + 1 : (guint) i;
    }

  /* Already there */
  if (pos == (guint) current)
    return zx_store_commit (store, error);

  rank = make_room (store, "board_column", slots, pos, error);
  if (rank == NULL)
    {
      zx_store_rollback (store);
      return FALSE;
    }

  changes = json_object_new ();
  json_object_set_string_member (changes, "rank", rank);
  if (!zx_store_update (store, "board_column", column_id, changes, error))
    {
      zx_store_rollback (store);
      return FALSE;
    }
  return zx_store_commit (store, error);
}

gboolean
zx_kanban_archive_column (ZxStore     *store,
                          const char  *column_id,
                          gboolean     archived,
                          GError     **error)
{
  g_autoptr(JsonObject) column = NULL;
  g_autoptr(JsonObject) changes = NULL;
  const char *board_id;
  const char *name;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (column_id != NULL, FALSE);

  if (!begin_columns (store, column_id, &column, error))
    return FALSE;

  archived = !!archived;
  if (get_bool (column, "archived") == archived)
    return zx_store_commit (store, error);

  board_id = get_str (column, "board_id");
  name = get_str (column, "name");

  if (archived)
    {
      const char *params[] = { column_id, NULL };
      const char *board_params[] = { board_id, column_id, NULL };
      gint64 cards = zx_store_count (store, "card", "column_id = ?", params);

      if (cards > 0)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_IN_USE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The column “%s” still holds %d request; move it to another column before archiving the column.",
                                    "The column “%s” still holds %d requests; move them to other columns before archiving the column.",
                                    (gulong) cards),
                       name, (int) cards);
          goto failed;
        }
      if (zx_store_count (store, "board_column", "board_id = ? AND id != ? AND archived = 0", board_params) == 0)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("“%s” is the last column of the board and cannot be archived."), name);
          goto failed;
        }
      if (get_bool (column, "is_done") &&
          zx_store_count (store, "board_column", "board_id = ? AND id != ? AND archived = 0 AND is_done = 1",
                          board_params) == 0)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("“%s” is the only column where requests are done, so it cannot be archived."), name);
          goto failed;
        }
    }

  changes = json_object_new ();
  json_object_set_boolean_member (changes, "archived", archived);
  if (!zx_store_update (store, "board_column", column_id, changes, error))
    goto failed;
  return zx_store_commit (store, error);

failed:
  zx_store_rollback (store);
  return FALSE;
}

/* Cards ------------------------------------------------------------------------ */

GPtrArray *
zx_kanban_list_cards (ZxStore    *store,
                      const char *column_id)
{
  const char *params[] = { column_id, NULL };

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (column_id != NULL, NULL);

  return select_records (store, entity_of ("card"), "column_id = ?", params);
}

/* A card of the board being loaded, with its sort key */
typedef struct
{
  const char *rank;     /* owned by the record */
  const char *id;
  ZxRecord   *record;
} Loaded;

/* Board order: rank (none first), then id, compared bytewise as SQLite's
 * ORDER BY rank, id does */
static int
compare_loaded (gconstpointer a,
                gconstpointer b)
{
  const Loaded *x = a;
  const Loaded *y = b;

  if (x->rank != y->rank)
    {
      int c;

      if (x->rank == NULL)
        return -1;
      if (y->rank == NULL)
        return 1;
      c = strcmp (x->rank, y->rank);
      if (c != 0)
        return c;
    }
  return strcmp (x->id, y->id);
}

GHashTable *
zx_kanban_load_board (ZxStore    *store,
                      const char *board_id)
{
  const ZxEntity *card = entity_of ("card");
  GHashTable *board;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GHashTable) loaded = NULL;
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (board_id != NULL, NULL);

  board = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  /* column id (owned by @board) → GArray of Loaded */
  loaded = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);

  /* Every shown column has its list, empty ones too */
  columns = select_ids (store,
                        "SELECT id FROM board_column WHERE board_id = ? AND deleted = 0 AND archived = 0",
                        (const char *[]) { board_id, NULL });
  for (guint i = 0; i < columns->len; i++)
    {
      char *id = g_strdup (g_ptr_array_index (columns, i));

      g_hash_table_insert (board, id, g_ptr_array_new_with_free_func (g_object_unref));
      g_hash_table_insert (loaded, id, g_array_new (FALSE, FALSE, sizeof (Loaded)));
    }

  /* Read in table order and sorted here: SQLite sorting whole rows costs
   * about twice the reading (bench/run kanban), sorting the keys nothing */
  cols = zx_store_select_columns (card);
  sql = g_strdup_printf ("SELECT %s FROM card WHERE board_id = ? AND deleted = 0", cols);
  stmt = zx_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    {
      g_critical ("Could not load the board: %s", sqlite3_errmsg (zx_store_get_db (store)));
      return board;
    }

  sqlite3_bind_text (stmt, 1, board_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) row = zx_store_row_from_statement (card, stmt);
      GArray *list = g_hash_table_lookup (loaded, get_str (row, "column_id"));
      Loaded entry;

      if (list == NULL)
        continue;       /* in an archived or deleted column */
      entry.record = zx_record_new (card, row);
      entry.rank = zx_record_get_string (entry.record, "rank");
      entry.id = zx_record_get_id (entry.record);
      g_array_append_val (list, entry);
    }
  sqlite3_reset (stmt);

  g_hash_table_iter_init (&iter, loaded);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *list = value;
      GPtrArray *records = g_hash_table_lookup (board, key);

      g_array_sort (list, compare_loaded);
      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (records, g_array_index (list, Loaded, i).record);
    }

  return board;
}

/* Records what happened to a card: a card_event row made through the store
 * (queued as "card_event.create").  @detail may be NULL. */
static gboolean
add_event (ZxStore     *store,
           const char  *card_id,
           const char  *kind,
           const char  *actor_id,
           const char  *to_column_id,
           const char  *detail,
           GError     **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *now = zx_store_now (store);
  g_autofree char *id = NULL;

  json_object_set_string_member (fields, "card_id", card_id);
  json_object_set_string_member (fields, "kind", kind);
  json_object_set_null_member (fields, "from_column_id");
  set_str_or_null (fields, "to_column_id", to_column_id);
  set_str_or_null (fields, "actor_id", actor_id);
  json_object_set_string_member (fields, "at", now);
  set_str_or_null (fields, "detail", detail);
  id = zx_store_create (store, "card_event", fields, error);
  return id != NULL;
}

static gboolean
touches_supervision (JsonObject *fields)
{
  return json_object_has_member (fields, "supervised") ||
         json_object_has_member (fields, "supervision_deadline") ||
         json_object_has_member (fields, "supervision_note");
}

char *
zx_kanban_create_card (ZxStore     *store,
                       const char  *board_id,
                       JsonObject  *fields,
                       GError     **error)
{
  g_autoptr(JsonObject) board = NULL;
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *column = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *creator = NULL;
  char *id = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (board_id != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!may (store, ZX_KANBAN_CREATE, get_str (fields, "from_department_id"), NULL, NULL, NULL))
    return (refuse (ZX_KANBAN_CREATE, error), NULL);
  if (touches_supervision (fields) && !may (store, ZX_KANBAN_SUPERVISE, NULL, NULL, NULL, NULL))
    return (refuse (ZX_KANBAN_SUPERVISE, error), NULL);

  if (!zx_store_begin (store, error))
    return NULL;

  board = get_live (store, "board", board_id, error);
  if (board == NULL)
    goto failed;

  column = first_column (store, board_id);
  if (column == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("The board has no column to put the request in; ask the hospital office to add one."));
      goto failed;
    }

  slots = ordered_slots (store, "card", "column_id", column);
  rank = make_room (store, "card", slots, slots->len, error);
  if (rank == NULL)
    goto failed;

  card = json_object_new ();
  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (card, l->data, json_node_copy (json_object_get_member (fields, l->data)));
  json_object_set_string_member (card, "board_id", board_id);
  json_object_set_string_member (card, "column_id", column);
  json_object_set_string_member (card, "rank", rank);
  json_object_set_null_member (card, "done_at");
  creator = actor_staff_id (store);
  if (creator != NULL)
    json_object_set_string_member (card, "created_by", creator);
  if (!json_object_has_member (card, "priority"))
    json_object_set_string_member (card, "priority", "normal");

  id = zx_store_create (store, "card", card, error);
  if (id == NULL)
    goto failed;

  if (!add_event (store, id, "created", creator, column, NULL, error))
    {
      g_clear_pointer (&id, g_free);
      goto failed;
    }
  /* a failed commit rolls back by itself */
  if (!zx_store_commit (store, error))
    g_clear_pointer (&id, g_free);
  return id;

failed:
  zx_store_rollback (store);
  return NULL;
}

gboolean
zx_kanban_update_card (ZxStore     *store,
                       const char  *card_id,
                       JsonObject  *changes,
                       GError     **error)
{
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(JsonObject) real = json_object_new ();
  g_autoptr(GString) fields = g_string_new (NULL);
  gboolean needs_edit = FALSE;
  gboolean needs_supervise = FALSE;
  g_autofree char *actor = NULL;
  g_autofree char *detail = NULL;
  const ZxEntity *entity = entity_of ("card");
  static const char * const not_here[] = { "board_id", "column_id", "rank", "done_at", "blocked_by_id" };

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (not_here); i++)
    if (json_object_has_member (changes, not_here[i]))
      {
        g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                     _("%s of a request is not changed by editing it; move the request or set what blocks it instead."),
                     g_dgettext (GETTEXT_PACKAGE, zx_entity_lookup_field (entity, not_here[i])->label));
        return FALSE;
      }

  if (!zx_store_begin (store, error))
    return FALSE;

  card = get_live (store, "card", card_id, error);
  if (card == NULL)
    goto failed;

  /* Supervision fields need the office's right, the others the
   * requesting department's */
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (g_str_has_prefix (l->data, "supervis"))
        needs_supervise = TRUE;
      else
        needs_edit = TRUE;
    }
  g_clear_pointer (&members, g_list_free);
  if ((needs_edit && !check_may_card (store, ZX_KANBAN_EDIT, card, error)) ||
      (needs_supervise && !check_may_card (store, ZX_KANBAN_SUPERVISE, card, error)))
    goto failed;

  /* Only what really changes is written and named in the history */
  members = json_object_get_members (changes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const ZxField *field = zx_entity_lookup_field (entity, l->data);
      JsonNode *old = json_object_get_member (card, l->data);
      JsonNode *new = json_object_get_member (changes, l->data);

      if (field != NULL && old != NULL && json_node_equal (old, new))
        continue;
      json_object_set_member (real, l->data, json_node_copy (new));
      if (field == NULL)
        continue;       /* the store names the unknown field */
      if (fields->len > 0)
        /* Translators: between the names of changed fields */
        g_string_append (fields, C_("list separator", ", "));
      g_string_append (fields, g_dgettext (GETTEXT_PACKAGE, field->label));
    }

  if (json_object_get_size (real) == 0)
    return zx_store_commit (store, error);

  if (!zx_store_update (store, "card", card_id, real, error))
    goto failed;

  actor = actor_staff_id (store);
  /* Translators: the history of a request; %s lists the fields, e.g. “Due date, Priority” */
  detail = g_strdup_printf (_("Changed %s"), fields->str);
  if (!add_event (store, card_id, "edited", actor, NULL, detail, error))
    goto failed;
  return zx_store_commit (store, error);

failed:
  zx_store_rollback (store);
  return FALSE;
}

void
zx_card_place_clear (ZxCardPlace *place)
{
  g_return_if_fail (place != NULL);

  g_clear_pointer (&place->column_id, g_free);
  g_clear_pointer (&place->rank, g_free);
}

/* Queues the one "card.move" of @card_id to @column_id at @rank */
static gboolean
mutate_move (ZxStore     *store,
             const char  *card_id,
             const char  *column_id,
             const char  *rank,
             GError     **error)
{
  g_autoptr(JsonObject) args = json_object_new ();
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *at = zx_store_now (store);

  json_object_set_string_member (args, "id", card_id);
  json_object_set_string_member (args, "column_id", column_id);
  json_object_set_string_member (args, "rank", rank);
  json_object_set_string_member (args, "event_id", event_id);
  json_object_set_string_member (args, "at", at);
  return zx_store_mutate (store, "card.move", args, error);
}

static gboolean
check_neighbour (GPtrArray   *slots,
                 const char  *id,
                 int         *out_index,
                 GError     **error)
{
  *out_index = slot_index (slots, id);
  if (*out_index >= 0)
    return TRUE;
  g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
               _("The request next to the chosen place has been moved or removed meanwhile; look at the board again and repeat the move."));
  return FALSE;
}

gboolean
zx_kanban_move_card (ZxStore           *store,
                     const char        *card_id,
                     const char        *column_id,
                     const char        *above_id,
                     const char        *below_id,
                     ZxKanbanMoveFlags  flags,
                     ZxCardPlace       *out_previous,
                     GError           **error)
{
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(JsonObject) column = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *rank = NULL;
  const char *from_column;
  int current = -1;
  guint pos;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);
  g_return_val_if_fail (column_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!zx_store_begin (store, error))
    return FALSE;

  card = get_live (store, "card", card_id, error);
  if (card == NULL)
    goto failed;
  if (!check_may_card (store, ZX_KANBAN_MOVE, card, error))
    goto failed;
  column = get_live (store, "board_column", column_id, error);
  if (column == NULL)
    goto failed;

  from_column = get_str (card, "column_id");
  slots = ordered_slots (store, "card", "column_id", column_id);
  if (g_strcmp0 (from_column, column_id) == 0)
    {
      current = slot_index (slots, card_id);
      g_assert (current >= 0);
      g_ptr_array_remove_index (slots, (guint) current);
    }

  /* Dropped onto itself: it stays */
  if (current >= 0 && (g_strcmp0 (above_id, card_id) == 0 || g_strcmp0 (below_id, card_id) == 0))
    goto unchanged;

  if (above_id != NULL)
    {
      int i;

      if (!check_neighbour (slots, above_id, &i, error))
        goto failed;
      pos = (guint) i + 1;
    }
  else if (below_id != NULL)
    {
      int i;

      if (!check_neighbour (slots, below_id, &i, error))
        goto failed;
      pos = (guint) i;
    }
  else
    pos = slots->len;

  if (current >= 0 && pos == (guint) current)
    goto unchanged;

  if (!(flags & ZX_KANBAN_MOVE_DESPITE_BLOCK) &&
      get_bool (column, "is_done") && !column_is_done (store, from_column))
    {
      g_autofree char *blocker = zx_kanban_get_blocker (store, card_id);

      if (blocker != NULL)
        {
          g_autofree char *title = zx_store_get_display (store, "card", blocker);

          g_set_error (error, ZX_ERROR, ZX_ERROR_BLOCKED,
                       _("“%s” cannot be done yet: it waits for “%s”, which is not done."),
                       get_str (card, "title"), title ? title : "");
          goto failed;
        }
    }

  rank = make_room (store, "card", slots, pos, error);
  if (rank == NULL || !mutate_move (store, card_id, column_id, rank, error))
    goto failed;
  if (!zx_store_commit (store, error))
    return FALSE;

  if (out_previous != NULL)
    {
      out_previous->column_id = g_strdup (from_column);
      out_previous->rank = g_strdup (get_str (card, "rank"));
    }
  return TRUE;

unchanged:
  if (out_previous != NULL)
    {
      out_previous->column_id = g_strdup (from_column);
      out_previous->rank = g_strdup (get_str (card, "rank"));
    }
  return zx_store_commit (store, error);

failed:
  zx_store_rollback (store);
  return FALSE;
}

gboolean
zx_kanban_move_back (ZxStore           *store,
                     const char        *card_id,
                     const ZxCardPlace *place,
                     GError           **error)
{
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *rank = NULL;
  int current;
  guint pos;
  gboolean taken = FALSE;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);
  g_return_val_if_fail (place != NULL && place->column_id != NULL, FALSE);

  if (!zx_store_begin (store, error))
    return FALSE;

  card = get_live (store, "card", card_id, error);
  if (card == NULL)
    goto failed;

  /* Whoever could move it from there may put it back there */
  if (!may (store, ZX_KANBAN_MOVE, get_str (card, "from_department_id"), get_str (card, "to_department_id"),
            get_str (card, "board_id"), get_str (card, "column_id")) &&
      !may (store, ZX_KANBAN_MOVE, get_str (card, "from_department_id"), get_str (card, "to_department_id"),
            get_str (card, "board_id"), place->column_id))
    {
      refuse (ZX_KANBAN_MOVE, error);
      goto failed;
    }

  if (g_strcmp0 (get_str (card, "column_id"), place->column_id) == 0 &&
      g_strcmp0 (get_str (card, "rank"), place->rank) == 0)
    return zx_store_commit (store, error);

  /* Its old key, unless another card took it meanwhile */
  slots = ordered_slots (store, "card", "column_id", place->column_id);
  current = slot_index (slots, card_id);
  if (current >= 0)
    g_ptr_array_remove_index (slots, (guint) current);
  for (pos = 0; pos < slots->len; pos++)
    {
      const char *r = SLOT (slots, pos)->rank;

      if (place->rank == NULL || r == NULL)
        continue;
      if (strcmp (r, place->rank) >= 0)
        {
          taken = strcmp (r, place->rank) == 0;
          break;
        }
    }

  if (zx_rank_is_valid (place->rank) && !taken)
    rank = g_strdup (place->rank);
  else
    rank = make_room (store, "card", slots, pos, error);
  if (rank == NULL || !mutate_move (store, card_id, place->column_id, rank, error))
    goto failed;
  return zx_store_commit (store, error);

failed:
  zx_store_rollback (store);
  return FALSE;
}

/* The mutation "card.move" { id, column_id, rank, event_id, at }: see
 * zx-kanban.h and zx-store-private.h.  It may come from another device, so
 * every argument is checked here; the store queues it once. */
gboolean
zx_kanban_apply_move (ZxStore     *store,
                      JsonObject  *args,
                      gint64      *out_base_version,
                      GError     **error)
{
  static const char * const names[] = { "id", "column_id", "rank", "event_id", "at" };
  const ZxEntity *event_entity = entity_of ("card_event");
  g_autoptr(GList) members = json_object_get_members (args);
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(JsonObject) column = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autofree char *from_column = NULL;
  g_autofree char *actor = NULL;
  const char *id, *column_id, *rank, *event_id, *at;
  gboolean was_done, is_done;

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        known = known || g_str_equal (names[i], l->data);
      if (!known)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("A move of a request has no argument “%s”."), (const char *) l->data);
          return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (get_str (args, names[i]) == NULL)
      {
        g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                     _("A move of a request needs the argument “%s”."), names[i]);
        return FALSE;
      }

  id = get_str (args, "id");
  column_id = get_str (args, "column_id");
  rank = get_str (args, "rank");
  event_id = get_str (args, "event_id");
  at = get_str (args, "at");

  card = get_live (store, "card", id, error);
  if (card == NULL)
    return FALSE;
  *out_base_version = json_object_get_int_member_with_default (card, "version", 0);

  column = get_live (store, "board_column", column_id, error);
  if (column == NULL)
    return FALSE;
  if (get_bool (column, "archived"))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("The column “%s” is archived; requests cannot be moved into it."),
                   get_str (column, "name"));
      return FALSE;
    }
  if (g_strcmp0 (get_str (column, "board_id"), get_str (card, "board_id")) != 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("The column “%s” belongs to another board than the request."),
                   get_str (column, "name"));
      return FALSE;
    }
  if (!zx_rank_is_valid (rank))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("The position given for the request is not valid."));
      return FALSE;
    }
  if (!g_uuid_string_is_valid (event_id))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("The history entry of the move has no valid id."));
      return FALSE;
    }
  if (select_int (store, "SELECT count(*) FROM card_event WHERE id = ?", event_id) > 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE,
                   _("This move was already recorded (its history entry exists)."));
      return FALSE;
    }
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

    json_node_set_string (node, at);
    if (!zx_field_check_value (zx_entity_lookup_field (event_entity, "at"), node, NULL))
      {
        g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                     _("The time of the move must be a time such as 2026-03-31T08:30:00Z."));
        return FALSE;
      }
  }

  /* The history names the column it left only while that one exists */
  from_column = select_text (store, "SELECT id FROM board_column WHERE id = ? AND deleted = 0",
                             get_str (card, "column_id"));
  was_done = column_is_done (store, get_str (card, "column_id"));
  is_done = get_bool (column, "is_done");

  changes = json_object_new ();
  json_object_set_string_member (changes, "id", id);
  json_object_set_string_member (changes, "column_id", column_id);
  json_object_set_string_member (changes, "rank", rank);
  if (is_done && !was_done)
    json_object_set_string_member (changes, "done_at", at);
  else if (!is_done && was_done)
    json_object_set_null_member (changes, "done_at");
  if (!zx_store_apply_update (store, entity_of ("card"), changes, error))
    return FALSE;

  actor = actor_staff_id (store);
  event = json_object_new ();
  json_object_set_string_member (event, "id", event_id);
  json_object_set_string_member (event, "card_id", id);
  json_object_set_string_member (event, "kind", "moved");
  set_str_or_null (event, "from_column_id", from_column);
  json_object_set_string_member (event, "to_column_id", column_id);
  set_str_or_null (event, "actor_id", actor);
  json_object_set_string_member (event, "at", at);
  json_object_set_null_member (event, "detail");
  return zx_store_apply_create (store, event_entity, event, error);
}

/* Blocking ------------------------------------------------------------------------ */

char *
zx_kanban_get_blocker (ZxStore    *store,
                       const char *card_id)
{
  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  return select_text (store,
                      "SELECT b.id FROM card c JOIN card b ON b.id = c.blocked_by_id "
                      "JOIN board_column bc ON bc.id = b.column_id "
                      "WHERE c.id = ? AND b.deleted = 0 AND bc.is_done = 0", card_id);
}

GPtrArray *
zx_kanban_list_blocked (ZxStore    *store,
                        const char *card_id)
{
  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  return select_ids (store, "SELECT id FROM card WHERE blocked_by_id = ? AND deleted = 0 ORDER BY rank, id",
                     (const char *[]) { card_id, NULL });
}

gboolean
zx_kanban_set_blocker (ZxStore     *store,
                       const char  *card_id,
                       const char  *blocker_id,
                       GError     **error)
{
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  if (!zx_store_begin (store, error))
    return FALSE;

  card = get_live (store, "card", card_id, error);
  if (card == NULL)
    goto failed;
  if (!check_may_card (store, ZX_KANBAN_EDIT, card, error))
    goto failed;

  if (g_strcmp0 (get_str (card, "blocked_by_id"), blocker_id) == 0)
    return zx_store_commit (store, error);

  /* The store checks it exists and zx-validate.c that no circle forms */
  changes = json_object_new ();
  set_str_or_null (changes, "blocked_by_id", blocker_id);
  if (!zx_store_update (store, "card", card_id, changes, error))
    goto failed;

  if (blocker_id != NULL)
    {
      g_autofree char *title = zx_store_get_display (store, "card", blocker_id);

      /* Translators: the history of a request */
      detail = g_strdup_printf (_("Waits for “%s”"), title ? title : "");
    }
  else
    /* Translators: the history of a request */
    detail = g_strdup (_("No longer waits for another request"));

  actor = actor_staff_id (store);
  if (!add_event (store, card_id, "blocked", actor, NULL, detail, error))
    goto failed;
  return zx_store_commit (store, error);

failed:
  zx_store_rollback (store);
  return FALSE;
}

/* Comments ------------------------------------------------------------------------ */

char *
zx_kanban_add_comment (ZxStore     *store,
                       const char  *card_id,
                       const char  *body,
                       GError     **error)
{
  g_autoptr(JsonObject) card = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *now = NULL;
  char *id;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  if (!zx_store_begin (store, error))
    return NULL;

  card = get_live (store, "card", card_id, error);
  if (card == NULL)
    goto failed;
  if (!check_may_card (store, ZX_KANBAN_COMMENT, card, error))
    goto failed;

  actor = actor_staff_id (store);
  now = zx_store_now (store);
  fields = json_object_new ();
  json_object_set_string_member (fields, "card_id", card_id);
  set_str_or_null (fields, "author_id", actor);
  set_str_or_null (fields, "body", body);
  json_object_set_string_member (fields, "created_at", now);
  id = zx_store_create (store, "card_comment", fields, error);
  if (id == NULL)
    goto failed;

  if (!add_event (store, card_id, "commented", actor, NULL, NULL, error))
    {
      g_clear_pointer (&id, g_free);
      goto failed;
    }
  /* a failed commit rolls back by itself */
  if (!zx_store_commit (store, error))
    g_clear_pointer (&id, g_free);
  return id;

failed:
  zx_store_rollback (store);
  return NULL;
}

/* Done and overdue ------------------------------------------------------------------ */

gboolean
zx_kanban_card_is_done (ZxStore  *store,
                        ZxRecord *card)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (ZX_IS_RECORD (card), FALSE);

  return column_is_done (store, zx_record_get_string (card, "column_id"));
}

int
zx_kanban_days_overdue (ZxRecord    *card,
                        gboolean     done,
                        const GDate *today)
{
  GDate due;
  int days;

  g_return_val_if_fail (ZX_IS_RECORD (card), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  if (done || !parse_date (zx_record_get_string (card, "due_date"), &due))
    return 0;
  days = g_date_days_between (&due, today);
  return MAX (days, 0);
}

/* Supervision ------------------------------------------------------------------------- */

/* Marks @card_id supervised (or not) with its "supervised" event: the part
 * zx_kanban_supervise() and the automatic rule share.  @actor may be NULL
 * (the rule). */
static gboolean
set_supervision (ZxStore     *store,
                 const char  *card_id,
                 gboolean     supervised,
                 const char  *deadline,
                 const char  *note,
                 const char  *actor,
                 const char  *detail,
                 GError     **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  json_object_set_boolean_member (changes, "supervised", supervised);
  set_str_or_null (changes, "supervision_deadline", supervised ? deadline : NULL);
  set_str_or_null (changes, "supervision_note", note);
  return zx_store_update (store, "card", card_id, changes, error) &&
         add_event (store, card_id, "supervised", actor, NULL, detail, error);
}

gboolean
zx_kanban_supervise (ZxStore     *store,
                     const char  *card_id,
                     gboolean     supervised,
                     const char  *deadline,
                     const char  *note,
                     GError     **error)
{
  g_autoptr(JsonObject) card = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  if (!zx_store_begin (store, error))
    return FALSE;

  card = get_live (store, "card", card_id, error);
  if (card == NULL)
    goto failed;
  if (!check_may_card (store, ZX_KANBAN_SUPERVISE, card, error))
    goto failed;

  if (supervised && deadline != NULL)
    /* Translators: the history of a request; %s is a date (YYYY-MM-DD) */
    detail = g_strdup_printf (_("Supervised by the hospital office, deadline %s"), deadline);
  else if (supervised)
    /* Translators: the history of a request */
    detail = g_strdup (_("Supervised by the hospital office"));
  else
    /* Translators: the history of a request */
    detail = g_strdup (_("Supervision lifted"));

  actor = actor_staff_id (store);
  if (!set_supervision (store, card_id, supervised, deadline, note, actor, detail, error))
    goto failed;
  return zx_store_commit (store, error);

failed:
  zx_store_rollback (store);
  return FALSE;
}

static void
supervision_entry_free (gpointer data)
{
  ZxSupervisionEntry *entry = data;

  g_clear_object (&entry->card);
  g_free (entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const ZxSupervisionEntry *x = *(ZxSupervisionEntry * const *) a;
  const ZxSupervisionEntry *y = *(ZxSupervisionEntry * const *) b;
  const char *dx, *dy;

  if (x->days_overdue != y->days_overdue)
    return y->days_overdue - x->days_overdue;
  if (x->done != y->done)
    return x->done ? 1 : -1;
  dx = zx_record_get_string (x->card, "due_date");
  dy = zx_record_get_string (y->card, "due_date");
  if (g_strcmp0 (dx, dy) != 0)
    {
      if (dx == NULL)
        return 1;
      if (dy == NULL)
        return -1;
      return strcmp (dx, dy);
    }
  return strcmp (zx_record_get_id (x->card), zx_record_get_id (y->card));
}

GPtrArray *
zx_kanban_supervision_list (ZxStore     *store,
                            const char  *board_id,
                            const GDate *today)
{
  const ZxEntity *card = entity_of ("card");
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *day = NULL;
  GPtrArray *list;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (board_id != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  list = g_ptr_array_new_with_free_func (supervision_entry_free);
  day = format_date (today);
  cols = zx_store_select_columns (card);
  sql = g_strdup_printf ("SELECT %s, coalesce ((SELECT is_done FROM board_column WHERE id = card.column_id), 0) "
                         "FROM card WHERE board_id = ? AND deleted = 0 AND "
                         "(supervised = 1 OR due_date < ?)", cols);
  stmt = zx_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    {
      g_critical ("Could not list supervised requests: %s", sqlite3_errmsg (zx_store_get_db (store)));
      return list;
    }

  sqlite3_bind_text (stmt, 1, board_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) row = zx_store_row_from_statement (card, stmt);
      g_autoptr(ZxRecord) record = zx_record_new (card, row);
      gboolean done = sqlite3_column_int (stmt, (int) card->n_fields + 6) != 0;
      gboolean supervised = zx_record_get_bool (record, "supervised");
      ZxSupervisionEntry *entry;

      /* Overdue ones leave the list when done; supervised ones stay,
       * marked done, until the office lifts the supervision */
      if (done && !supervised)
        continue;

      entry = g_new0 (ZxSupervisionEntry, 1);
      entry->card = g_steal_pointer (&record);
      entry->done = done;
      entry->supervised = supervised;
      entry->days_overdue = zx_kanban_days_overdue (entry->card, done, today);
      g_ptr_array_add (list, entry);
    }
  sqlite3_reset (stmt);

  g_ptr_array_sort (list, compare_entries);
  return list;
}

int
zx_kanban_auto_supervise (ZxStore      *store,
                          const char   *board_id,
                          const GDate  *today,
                          int           days,
                          GError      **error)
{
  g_autofree char *limit = NULL;
  g_autofree char *deadline = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  sqlite3_stmt *stmt;
  int marked = 0;

  g_return_val_if_fail (ZX_IS_STORE (store), -1);
  g_return_val_if_fail (board_id != NULL, -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);
  g_return_val_if_fail (days >= 0, -1);

  /* Overdue by more than @days: due before today - days */
  limit = date_plus_days (today, -days);
  deadline = date_plus_days (today, 7);

  stmt = zx_store_prepare (store,
                           "SELECT c.id, c.due_date FROM card c JOIN board_column bc ON bc.id = c.column_id "
                           "WHERE c.board_id = ? AND c.deleted = 0 AND c.supervised = 0 AND bc.is_done = 0 "
                           "AND c.due_date < ? ORDER BY c.due_date, c.rank, c.id", error);
  if (stmt == NULL)
    return -1;
  cards = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_text (stmt, 1, board_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, limit, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (cards, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (cards, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  if (cards->len == 0)
    return 0;

  if (!zx_store_begin (store, error))
    return -1;

  for (guint i = 0; i < cards->len; i += 2)
    {
      GDate due;
      int overdue;
      g_autofree char *note = NULL;

      if (!parse_date (g_ptr_array_index (cards, i + 1), &due))
        continue;
      overdue = g_date_days_between (&due, today);
      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Put under supervision automatically: %d day overdue.",
                                           "Put under supervision automatically: %d days overdue.",
                                           (gulong) overdue),
                              overdue);
      if (!set_supervision (store, g_ptr_array_index (cards, i), TRUE, deadline, note, NULL, note, error))
        {
          zx_store_rollback (store);
          return -1;
        }
      marked++;
    }

  if (!zx_store_commit (store, error))
    return -1;
  return marked;
}

GPtrArray *
zx_kanban_due_soon (ZxStore     *store,
                    const char  *department_id,
                    const GDate *today,
                    int          days)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GPtrArray *ids;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  ids = g_ptr_array_new_with_free_func (g_free);
  if (days < 0)
    return ids;

  first = format_date (today);
  last = date_plus_days (today, days);
  stmt = zx_store_prepare (store,
                           "SELECT c.id FROM card c JOIN board_column bc ON bc.id = c.column_id "
                           "WHERE c.deleted = 0 AND bc.is_done = 0 AND c.due_date >= ?1 AND c.due_date <= ?2 "
                           "AND (?3 IS NULL OR c.to_department_id = ?3) ORDER BY c.due_date, c.rank, c.id",
                           NULL);
  if (stmt == NULL)
    {
      g_critical ("Could not list requests due soon: %s", sqlite3_errmsg (zx_store_get_db (store)));
      return ids;
    }
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  if (department_id != NULL)
    sqlite3_bind_text (stmt, 3, department_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}
