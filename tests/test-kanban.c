/* test-kanban.c — the collaboration board: columns, moves, blocking,
 * supervision, reminders and who may do what
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "zx-kanban.h"
#include "zx-rank.h"
#include "zx-test-util.h"

#define NOW "2026-03-20T08:00:00Z"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *board;
  char    *column[5];     /* Submitted … Done */

  char    *cardio;        /* departments */
  char    *radiology;
  char    *office;
  char    *leaders;

  char    *clerk;         /* staff: the hospital office */
  char    *admin;
  char    *cardio_staff;
  char    *cardio_head;
  char    *radiology_staff;
  char    *leader;
  char    *hr;
} Fixture;

static char *
create (Fixture    *f,
        const char *entity,
        JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  char *id = zx_store_create (f->store, entity, fields, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  json_object_unref (fields);
  return id;
}

static char *
staff (Fixture    *f,
       const char *name,
       const char *no,
       const char *role,
       const char *department)
{
  return create (f, "staff", zx_test_fields ("name", name, "employee_no", no, "role", role,
                                             "department_id", department, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hospital = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);

  hospital = create (f, "hospital", zx_test_fields ("name", "江城市第一人民医院", NULL));
  f->cardio = create (f, "department", zx_test_fields ("name", "心血管内科", "kind", "clinical", NULL));
  f->radiology = create (f, "department", zx_test_fields ("name", "医学影像科", "kind", "medtech", NULL));
  f->office = create (f, "department", zx_test_fields ("name", "院办", "kind", "functional", NULL));
  f->leaders = create (f, "department", zx_test_fields ("name", "院领导", "kind", "functional", NULL));

  f->clerk = staff (f, "孙晓东", "9001", "office", f->office);
  f->admin = staff (f, "信息科管理员", "9002", "admin", f->office);
  f->cardio_staff = staff (f, "张三", "1001", "staff", f->cardio);
  f->cardio_head = staff (f, "李主任", "1002", "head", f->cardio);
  f->radiology_staff = staff (f, "王五", "2001", "staff", f->radiology);
  f->leader = staff (f, "赵院长", "8001", "leadership", f->leaders);
  f->hr = staff (f, "人事钱六", "7001", "hr", f->office);

  f->board = zx_kanban_ensure_board (f->store, &error);
  g_assert_no_error (error);
  columns = zx_kanban_list_columns (f->store, f->board, FALSE);
  g_assert_cmpuint (columns->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    f->column[i] = g_strdup (zx_record_get_id (g_ptr_array_index (columns, i)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->board);
  for (guint i = 0; i < 5; i++)
    g_free (f->column[i]);
  g_free (f->cardio);
  g_free (f->radiology);
  g_free (f->office);
  g_free (f->leaders);
  g_free (f->clerk);
  g_free (f->admin);
  g_free (f->cardio_staff);
  g_free (f->cardio_head);
  g_free (f->radiology_staff);
  g_free (f->leader);
  g_free (f->hr);
}

/* A request from cardiology to radiology (or @from → @to), due @due */
static char *
card_between (Fixture    *f,
              const char *title,
              const char *from,
              const char *to,
              const char *due)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = zx_test_fields ("title", title, "from_department_id", from,
                                                 "to_department_id", to, "priority", "normal",
                                                 "due_date", due, NULL);
  char *id = zx_kanban_create_card (f->store, f->board, fields, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
card (Fixture    *f,
      const char *title,
      const char *due)
{
  return card_between (f, title, f->cardio, f->radiology, due);
}

static JsonObject *
row (Fixture    *f,
     const char *entity,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = zx_store_get (f->store, entity, id, &error);

  g_assert_no_error (error);
  return object;
}

static const char *
string_of (JsonObject *object,
           const char *name)
{
  return json_object_get_null_member (object, name) ? NULL : json_object_get_string_member (object, name);
}

/* The card's current field, as a new string */
static char *
field (Fixture    *f,
       const char *id,
       const char *name)
{
  g_autoptr(JsonObject) object = row (f, "card", id);

  return g_strdup (string_of (object, name));
}

static void
move (Fixture    *f,
      const char *id,
      int         column,
      const char *above,
      const char *below)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (zx_kanban_move_card (f->store, id, f->column[column], above, below,
                                      ZX_KANBAN_MOVE_DEFAULT, NULL, &error));
  g_assert_no_error (error);
}

/* The ids of a column's cards, as the board shows them */
static GPtrArray *
column_ids (Fixture *f,
            int      column)
{
  g_autoptr(GPtrArray) cards = zx_kanban_list_cards (f->store, f->column[column]);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (ids, g_strdup (zx_record_get_id (g_ptr_array_index (cards, i))));
  return ids;
}

static void
assert_column (Fixture     *f,
               int          column,
               const char **expected,
               guint        n)
{
  g_autoptr(GPtrArray) ids = column_ids (f, column);

  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, expected[i]);
}

/* zx_kanban_load_board() shows each column as zx_kanban_list_cards() does */
static void
assert_board_matches (Fixture *f)
{
  g_autoptr(GHashTable) board = zx_kanban_load_board (f->store, f->board);
  g_autoptr(GPtrArray) columns = zx_kanban_list_columns (f->store, f->board, FALSE);

  g_assert_cmpuint (g_hash_table_size (board), ==, columns->len);
  for (guint c = 0; c < columns->len; c++)
    {
      const char *column = zx_record_get_id (g_ptr_array_index (columns, c));
      g_autoptr(GPtrArray) cards = zx_kanban_list_cards (f->store, column);
      GPtrArray *loaded = g_hash_table_lookup (board, column);

      g_assert_nonnull (loaded);
      g_assert_cmpuint (loaded->len, ==, cards->len);
      for (guint i = 0; i < cards->len; i++)
        g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (loaded, i)), ==,
                         zx_record_get_id (g_ptr_array_index (cards, i)));
    }
}

/* Everything the board is made of and the queue, as text: a refused
 * change must leave it as it was */
static char *
snapshot (Fixture *f)
{
  static const char *tables[] = { "board", "board_column", "card", "card_event", "card_comment", "mutation_queue" };
  sqlite3 *db = zx_store_get_db (f->store);
  GString *s = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (s, "%s\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (s, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                ? "∅" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (s, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (s, FALSE);
}

/* The mutations queued after the first @before ones */
static GPtrArray *
queued_since (Fixture *f,
              gint64   before)
{
  g_autoptr(GPtrArray) all = zx_store_queue_list (f->store, 0, 0);
  GPtrArray *since = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = (guint) before; i < all->len; i++)
    g_ptr_array_add (since, json_object_ref (g_ptr_array_index (all, i)));
  return since;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
as (Fixture    *f,
    const char *actor)
{
  zx_store_set_actor (f->store, actor ? actor : "local");
}

/* The board ------------------------------------------------------------------- */

static void
test_default_board (Fixture       *f,
                    gconstpointer  data)
{
  static const char *names[] = { "Submitted", "Accepted", "In progress", "Awaiting acceptance", "Done" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = zx_kanban_list_columns (f->store, f->board, TRUE);
  g_autofree char *again = NULL;
  gint64 queue = zx_store_queue_length (f->store);

  g_assert_cmpuint (columns->len, ==, 5);
  for (guint i = 0; i < columns->len; i++)
    {
      ZxRecord *column = g_ptr_array_index (columns, i);

      g_assert_cmpstr (zx_record_get_string (column, "name"), ==, names[i]);
      g_assert_cmpstr (zx_record_get_string (column, "board_id"), ==, f->board);
      g_assert_cmpint (zx_record_get_bool (column, "is_done"), ==, i == 4);
      g_assert_false (zx_record_get_bool (column, "archived"));
      g_assert_true (zx_rank_is_valid (zx_record_get_string (column, "rank")));
      if (i > 0)
        g_assert_cmpstr (zx_record_get_string (g_ptr_array_index (columns, i - 1), "rank"), <,
                         zx_record_get_string (column, "rank"));
    }

  /* Once only */
  again = zx_kanban_ensure_board (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, f->board);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);
  g_assert_cmpint (zx_store_count (f->store, "board", NULL, NULL), ==, 1);
}

/* Creating a request ---------------------------------------------------------- */

static void
test_create_card (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "影像会诊支持", "2026-04-01");
  g_autofree char *b = NULL;
  g_autoptr(JsonObject) r = NULL;
  g_autoptr(GListStore) events = NULL;
  g_autoptr(ZxRecord) event = NULL;
  const char *params[] = { NULL, NULL };
  const char *expected[2] = { a, NULL };
  gint64 queue;

  as (f, f->cardio_staff);
  queue = zx_store_queue_length (f->store);
  b = card (f, "CT 预约加急通道", NULL);
  expected[1] = b;
  /* the card and its "created" event */
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 2);
  assert_column (f, 0, expected, 2);

  r = row (f, "card", b);
  g_assert_cmpstr (string_of (r, "board_id"), ==, f->board);
  g_assert_cmpstr (string_of (r, "column_id"), ==, f->column[0]);
  g_assert_cmpstr (string_of (r, "created_by"), ==, f->cardio_staff);
  g_assert_null (string_of (r, "done_at"));

  params[0] = b;
  events = zx_store_list (f->store, "card_event", "card_id = ?", params);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 1);
  event = g_list_model_get_item (G_LIST_MODEL (events), 0);
  g_assert_cmpstr (zx_record_get_string (event, "kind"), ==, "created");
  g_assert_cmpstr (zx_record_get_string (event, "to_column_id"), ==, f->column[0]);
  g_assert_cmpstr (zx_record_get_string (event, "actor_id"), ==, f->cardio_staff);
  g_assert_cmpstr (zx_record_get_string (event, "at"), ==, NOW);

  /* A request to one's own department is refused, naming the field */
  {
    g_autofree char *before = snapshot (f);
    g_autofree char *after = NULL;
    g_autoptr(JsonObject) fields = zx_test_fields ("title", "自己找自己", "from_department_id", f->cardio,
                                                   "to_department_id", f->cardio, "priority", "normal", NULL);
    g_autofree char *id = zx_kanban_create_card (f->store, f->board, fields, &error);

    g_assert_null (id);
    g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "supporting department"));
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);
  }
}

/* Moves ----------------------------------------------------------------------- */

static void
test_move_between (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *c = card (f, "丙", NULL);
  g_autofree char *ra = field (f, a, "rank");
  g_autofree char *rb = field (f, b, "rank");
  g_autofree char *rc = NULL;
  g_autoptr(GPtrArray) queued = NULL;
  gint64 queue = zx_store_queue_length (f->store);

  /* c between a and b */
  move (f, c, 0, a, b);
  rc = field (f, c, "rank");
  g_assert_cmpstr (ra, <, rc);
  g_assert_cmpstr (rc, <, rb);
  {
    const char *expected[] = { a, c, b };
    assert_column (f, 0, expected, 3);
  }

  /* One mutation, "card.move", with exactly its five arguments */
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 1);
  queued = queued_since (f, queue);
  g_assert_cmpuint (queued->len, ==, 1);
  {
    JsonObject *m = g_ptr_array_index (queued, 0);
    JsonObject *args = json_object_get_object_member (m, "args");
    g_autoptr(GList) members = json_object_get_members (args);

    g_assert_cmpstr (json_object_get_string_member (m, "name"), ==, "card.move");
    g_assert_cmpuint (g_list_length (members), ==, 5);
    g_assert_cmpstr (json_object_get_string_member (args, "id"), ==, c);
    g_assert_cmpstr (json_object_get_string_member (args, "column_id"), ==, f->column[0]);
    g_assert_cmpstr (json_object_get_string_member (args, "rank"), ==, rc);
    g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (args, "event_id")));
    g_assert_cmpstr (json_object_get_string_member (args, "at"), ==, NOW);
  }

  /* a into the empty column, then b on top of it, c below it */
  move (f, a, 1, NULL, NULL);
  move (f, b, 1, NULL, a);
  move (f, c, 1, a, NULL);
  {
    const char *expected[] = { b, a, c };
    assert_column (f, 1, expected, 3);
    assert_column (f, 0, NULL, 0);
  }
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 4);

  /* Where it already is: nothing changes, and that is fine */
  {
    g_autofree char *before = snapshot (f);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    ZxCardPlace place = { NULL, NULL };
    g_autofree char *ra2 = field (f, a, "rank");

    move (f, a, 1, b, c);
    move (f, a, 1, b, NULL);
    move (f, a, 1, NULL, c);
    move (f, a, 1, a, NULL);
    g_assert_true (zx_kanban_move_card (f->store, a, f->column[1], b, c, 0, &place, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (place.column_id, ==, f->column[1]);
    g_assert_cmpstr (place.rank, ==, ra2);
    zx_card_place_clear (&place);
    after = snapshot (f);
    g_assert_cmpstr (before, ==, after);
  }

  /* The history: one "moved" event per move, with both columns */
  {
    const char *params[] = { c, NULL };
    g_autoptr(GListStore) events = zx_store_list (f->store, "card_event", "card_id = ? AND kind = 'moved'", params);
    gboolean saw_cross = FALSE;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(ZxRecord) event = g_list_model_get_item (G_LIST_MODEL (events), i);

        g_assert_cmpstr (zx_record_get_string (event, "at"), ==, NOW);
        g_assert_null (zx_record_get_string (event, "actor_id"));
        if (g_strcmp0 (zx_record_get_string (event, "to_column_id"), f->column[1]) == 0)
          {
            g_assert_cmpstr (zx_record_get_string (event, "from_column_id"), ==, f->column[0]);
            saw_cross = TRUE;
          }
      }
    g_assert_true (saw_cross);
  }
}

/* A neighbour that moved away meanwhile: refused, nothing changes */
static void
test_move_stale_neighbour (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  move (f, a, 2, NULL, NULL);
  before = snapshot (f);
  g_assert_false (zx_kanban_move_card (f->store, b, f->column[1], a, NULL, 0, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_no_duplicate_ranks (Fixture *f)
{
  g_assert_cmpint (count (f, "SELECT count(*) FROM (SELECT column_id, rank FROM card WHERE deleted = 0 "
                             "GROUP BY column_id, rank HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM card WHERE rank IS NULL"), ==, 0);
}

/* 200 random moves: the board always shows what was intended, no two
 * cards share a place, and each move is one "card.move" */
static void
test_move_random (Fixture       *f,
                  gconstpointer  data)
{
  GPtrArray *model[5];
  guint n_cards = 14;
  guint re_ranked = 0;

  for (guint c = 0; c < 5; c++)
    model[c] = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *title = g_strdup_printf ("需求 %u", i);

      g_ptr_array_add (model[0], card (f, title, NULL));
    }

  for (guint step = 0; step < 200; step++)
    {
      guint from = 0, from_pos = 0, to, pos;
      guint pick = (guint) g_test_rand_int_range (0, (gint32) n_cards);
      char *id;
      const char *above, *below;
      gint64 queue = zx_store_queue_length (f->store);
      g_autoptr(GPtrArray) queued = NULL;
      guint moves = 0;
      int style = g_test_rand_int_range (0, 3);
      gboolean same;

      /* the pick-th card of the board */
      while (pick >= model[from]->len)
        pick -= model[from++]->len;
      from_pos = pick;
      id = g_ptr_array_steal_index (model[from], from_pos);

      to = (guint) g_test_rand_int_range (0, 5);
      pos = (guint) g_test_rand_int_range (0, (gint32) model[to]->len + 1);
      above = pos > 0 ? g_ptr_array_index (model[to], pos - 1) : NULL;
      below = pos < model[to]->len ? g_ptr_array_index (model[to], pos) : NULL;
      /* the board may name both neighbours or only one */
      if (style == 1 && above != NULL)
        below = NULL;
      else if (style == 2 && below != NULL)
        above = NULL;

      move (f, id, (int) to, above, below);
      same = from == to && pos == from_pos;
      g_ptr_array_insert (model[to], (int) pos, id);

      for (guint c = 0; c < 5; c++)
        assert_column (f, (int) c, (const char **) model[c]->pdata, model[c]->len);
      assert_board_matches (f);
      assert_no_duplicate_ranks (f);

      /* exactly one card.move; anything else is a neighbour's new key */
      queued = queued_since (f, queue);
      for (guint i = 0; i < queued->len; i++)
        {
          JsonObject *m = g_ptr_array_index (queued, i);
          const char *name = json_object_get_string_member (m, "name");

          if (g_str_equal (name, "card.move"))
            moves++;
          else
            {
              JsonObject *args = json_object_get_object_member (m, "args");

              g_assert_cmpstr (name, ==, "card.update");
              g_assert_cmpuint (json_object_get_size (args), ==, 2);
              g_assert_true (json_object_has_member (args, "rank"));
              re_ranked++;
            }
        }
      g_assert_cmpuint (moves, ==, same ? 0 : 1);

      /* done_at follows the done column */
      g_assert_cmpint (count (f, "SELECT count(*) FROM card c JOIN board_column bc ON bc.id = c.column_id "
                                 "WHERE (bc.is_done = 1) != (c.done_at IS NOT NULL)"), ==, 0);
    }

  g_test_message ("%u neighbours got new keys in 200 moves", re_ranked);
  for (guint c = 0; c < 5; c++)
    g_ptr_array_unref (model[c]);
}

typedef struct
{
  Fixture *f;
  guint    emissions;
  gboolean distinct_at_first;
  gboolean saw_event;
  GPtrArray *cards;
} ChangedProbe;

static void
on_changed (ZxStore    *store,
            const char *entity,
            const char *id,
            gpointer    user_data)
{
  ChangedProbe *probe = user_data;

  if (probe->emissions++ == 0)
    probe->distinct_at_first = count (probe->f, "SELECT count(DISTINCT rank) = count(*) FROM card") == 1;
  if (g_str_equal (entity, "card_event"))
    probe->saw_event = TRUE;
  if (g_str_equal (entity, "card"))
    g_ptr_array_add (probe->cards, g_strdup (id));
}

/* Two devices moved cards into the same gap: equal keys.  The next move
 * there re-keys them, in the move's transaction. */
static void
test_move_equal_ranks (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *c = card (f, "丙", NULL);
  g_autofree char *d = card (f, "丁", NULL);
  g_autofree char *rc = field (f, c, "rank");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GPtrArray) queued = NULL;
  ChangedProbe probe = { f, 0, FALSE, FALSE, g_ptr_array_new_with_free_func (g_free) };
  const char *x, *y;
  gulong handler;
  gint64 queue;
  guint moves = 0;

  json_object_set_string_member (changes, "rank", rc);
  g_assert_true (zx_store_update (f->store, "card", b, changes, &error));
  g_assert_no_error (error);

  /* b and c now share a key; the board orders them by id */
  assert_board_matches (f);
  order = column_ids (f, 0);
  g_assert_cmpuint (order->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (order, 0), ==, a);
  g_assert_cmpstr (g_ptr_array_index (order, 3), ==, d);
  x = g_ptr_array_index (order, 1);
  y = g_ptr_array_index (order, 2);

  queue = zx_store_queue_length (f->store);
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &probe);
  move (f, d, 0, x, y);
  g_signal_handler_disconnect (f->store, handler);

  {
    const char *expected[] = { a, x, d, y };
    g_autofree char *ra = field (f, a, "rank");
    g_autofree char *rx = field (f, x, "rank");
    g_autofree char *rd = field (f, d, "rank");
    g_autofree char *ry = field (f, y, "rank");

    assert_column (f, 0, expected, 4);
    g_assert_cmpstr (ra, <, rx);
    g_assert_cmpstr (rx, <, rd);
    g_assert_cmpstr (rd, <, ry);
  }
  assert_no_duplicate_ranks (f);

  /* One transaction: the first ::changed came after all of it */
  g_assert_cmpuint (probe.emissions, >, 0);
  g_assert_true (probe.distinct_at_first);
  g_assert_true (probe.saw_event);
  g_assert_true (g_ptr_array_find_with_equal_func (probe.cards, d, g_str_equal, NULL));
  g_ptr_array_unref (probe.cards);

  /* One card.move; the neighbours' new keys as card.update of the rank */
  queued = queued_since (f, queue);
  for (guint i = 0; i < queued->len; i++)
    {
      JsonObject *m = g_ptr_array_index (queued, i);

      if (g_str_equal (json_object_get_string_member (m, "name"), "card.move"))
        moves++;
      else
        g_assert_cmpstr (json_object_get_string_member (m, "name"), ==, "card.update");
    }
  g_assert_cmpuint (moves, ==, 1);
  g_assert_cmpuint (queued->len, >=, 2);
  g_assert_cmpuint (queued->len, <=, 3);
}

/* Keys stay short: always dropping at the top re-keys the neighbours now and then */
static void
test_move_keys_stay_short (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *c = card (f, "丙", NULL);

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GPtrArray) order = column_ids (f, 0);
      const char *last = g_ptr_array_index (order, 2);

      /* the last to the top, again and again: always the same gap */
      move (f, last, 0, NULL, g_ptr_array_index (order, 0));
    }
  g_assert_cmpint (count (f, "SELECT max(length(rank)) FROM card"), <=, 24);
  assert_no_duplicate_ranks (f);
}

static void
test_move_done_at (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *done_at = NULL;
  g_autofree char *cleared = NULL;

  move (f, a, 3, NULL, NULL);
  done_at = field (f, a, "done_at");
  g_assert_null (done_at);

  zx_store_set_now (f->store, "2026-03-21T09:30:00Z");
  move (f, a, 4, NULL, NULL);
  g_clear_pointer (&done_at, g_free);
  done_at = field (f, a, "done_at");
  g_assert_cmpstr (done_at, ==, "2026-03-21T09:30:00Z");
  {
    g_autoptr(GPtrArray) cards = zx_kanban_list_cards (f->store, f->column[4]);

    g_assert_true (zx_kanban_card_is_done (f->store, g_ptr_array_index (cards, 0)));
  }

  /* Reordering inside the done columns keeps the time it was done */
  {
    g_autofree char *b = card (f, "乙", NULL);
    g_autofree char *kept = NULL;

    move (f, b, 4, NULL, NULL);
    zx_store_set_now (f->store, "2026-03-22T09:30:00Z");
    move (f, a, 4, b, NULL);
    kept = field (f, a, "done_at");
    g_assert_cmpstr (kept, ==, "2026-03-21T09:30:00Z");
  }

  move (f, a, 2, NULL, NULL);
  cleared = field (f, a, "done_at");
  g_assert_null (cleared);
}

static void
test_move_blocked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲：术后随访数据", NULL);
  g_autofree char *b = card (f, "乙：接口改造", NULL);
  g_autofree char *blocker = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) blocked = NULL;
  g_autofree char *done_at = NULL;

  g_assert_true (zx_kanban_set_blocker (f->store, a, b, &error));
  g_assert_no_error (error);
  blocker = zx_kanban_get_blocker (f->store, a);
  g_assert_cmpstr (blocker, ==, b);
  blocked = zx_kanban_list_blocked (f->store, b);
  g_assert_cmpuint (blocked->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (blocked, 0), ==, a);

  move (f, a, 3, NULL, NULL);

  before = snapshot (f);
  g_assert_false (zx_kanban_move_card (f->store, a, f->column[4], NULL, NULL, 0, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "乙：接口改造"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* Knowingly, it may */
  g_assert_true (zx_kanban_move_card (f->store, a, f->column[4], NULL, NULL,
                                      ZX_KANBAN_MOVE_DESPITE_BLOCK, NULL, &error));
  g_assert_no_error (error);
  done_at = field (f, a, "done_at");
  g_assert_cmpstr (done_at, ==, NOW);

  /* Once the blocker is done, nothing blocks */
  move (f, a, 3, NULL, NULL);
  move (f, b, 4, NULL, NULL);
  g_clear_pointer (&blocker, g_free);
  blocker = zx_kanban_get_blocker (f->store, a);
  g_assert_null (blocker);
  move (f, a, 4, NULL, NULL);

  /* Clearing the blocker */
  g_assert_true (zx_kanban_set_blocker (f->store, a, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&blocked, g_ptr_array_unref);
  blocked = zx_kanban_list_blocked (f->store, b);
  g_assert_cmpuint (blocked->len, ==, 0);
}

static void
test_move_back (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *c = card (f, "丙", NULL);
  g_autofree char *rb = field (f, b, "rank");
  g_autofree char *restored = NULL;
  ZxCardPlace place = { NULL, NULL };
  gint64 queue;

  move (f, a, 2, NULL, NULL);
  g_assert_true (zx_kanban_move_card (f->store, b, f->column[2], NULL, a, 0, &place, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (place.column_id, ==, f->column[0]);
  g_assert_cmpstr (place.rank, ==, rb);

  queue = zx_store_queue_length (f->store);
  g_assert_true (zx_kanban_move_back (f->store, b, &place, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 1);
  restored = field (f, b, "rank");
  g_assert_cmpstr (restored, ==, rb);
  {
    const char *expected0[] = { b, c };
    const char *expected2[] = { a };

    assert_column (f, 0, expected0, 2);
    assert_column (f, 2, expected2, 1);
  }
  zx_card_place_clear (&place);

  /* Back into the done column despite a block */
  g_assert_true (zx_kanban_set_blocker (f->store, a, c, &error));
  g_assert_no_error (error);
  g_assert_true (zx_kanban_move_card (f->store, a, f->column[4], NULL, NULL,
                                      ZX_KANBAN_MOVE_DESPITE_BLOCK, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (zx_kanban_move_card (f->store, a, f->column[3], NULL, NULL, 0, &place, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (place.column_id, ==, f->column[4]);
  g_assert_true (zx_kanban_move_back (f->store, a, &place, &error));
  g_assert_no_error (error);
  {
    const char *expected4[] = { a };

    assert_column (f, 4, expected4, 1);
  }
  zx_card_place_clear (&place);
}

/* The mutation itself, as it may arrive from another device */
static JsonObject *
move_args (const char *id,
           const char *column,
           const char *rank,
           const char *event_id,
           const char *at)
{
  return zx_test_fields ("id", id, "column_id", column, "rank", rank, "event_id", event_id, "at", at, NULL);
}

static void
test_move_mutation (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *other_board = NULL;
  g_autofree char *other_column = NULL;
  g_autofree char *archived = NULL;
  g_autofree char *deleted = card (f, "已删除", NULL);
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *used_event = NULL;
  ChangedProbe probe = { f, 0, FALSE, FALSE, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;
  gulong handler;

  {
    g_autoptr(JsonObject) o = zx_test_fields ("name", "另一块看板", NULL);

    other_board = zx_store_create (f->store, "board", o, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(JsonObject) o = zx_test_fields ("board_id", other_board, "name", "提出", NULL);

    other_column = zx_store_create (f->store, "board_column", o, &error);
    g_assert_no_error (error);
  }
  archived = zx_kanban_add_column (f->store, f->board, "暂缓", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (zx_kanban_archive_column (f->store, archived, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (zx_store_delete (f->store, "card", deleted, &error));
  g_assert_no_error (error);
  {
    const char *params[] = { a, NULL };
    g_autoptr(GListStore) events = zx_store_list (f->store, "card_event", "card_id = ?", params);
    g_autoptr(ZxRecord) event = g_list_model_get_item (G_LIST_MODEL (events), 0);

    used_event = g_strdup (zx_record_get_id (event));
  }

  {
    struct { JsonObject *args; int code; } bad[] = {
      { move_args (a, f->column[1], "V", event_id, NULL), ZX_ERROR_INVALID },
      { move_args (a, f->column[1], "V0", event_id, NOW), ZX_ERROR_INVALID },
      { move_args (a, f->column[1], "", event_id, NOW), ZX_ERROR_INVALID },
      { move_args (a, f->column[1], "V", "not-a-uuid", NOW), ZX_ERROR_INVALID },
      { move_args (a, f->column[1], "V", used_event, NOW), ZX_ERROR_DUPLICATE },
      { move_args (a, f->column[1], "V", event_id, "2026-03-20"), ZX_ERROR_INVALID },
      { move_args (a, f->column[1], "V", event_id, "2026-02-30T08:00:00Z"), ZX_ERROR_INVALID },
      { move_args (a, archived, "V", event_id, NOW), ZX_ERROR_INVALID },
      { move_args (a, other_column, "V", event_id, NOW), ZX_ERROR_INVALID },
      { move_args (a, "no-such-column", "V", event_id, NOW), ZX_ERROR_NOT_FOUND },
      { move_args ("no-such-card", f->column[1], "V", event_id, NOW), ZX_ERROR_NOT_FOUND },
      { move_args (deleted, f->column[1], "V", event_id, NOW), ZX_ERROR_DELETED },
      { move_args (a, f->column[1], "V", event_id, NOW), ZX_ERROR_INVALID },
    };
    g_autofree char *before = NULL;

    /* an argument too many */
    json_object_set_string_member (bad[G_N_ELEMENTS (bad) - 1].args, "title", "改个标题");

    before = snapshot (f);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *after = NULL;

        g_assert_false (zx_store_mutate (f->store, "card.move", bad[i].args, &error));
        if (!g_error_matches (error, ZX_ERROR, bad[i].code))
          g_error ("case %u: %s", i, error->message);
        g_test_message ("case %u: %s", i, error->message);
        g_clear_error (&error);
        after = snapshot (f);
        g_assert_cmpstr (before, ==, after);
        json_object_unref (bad[i].args);
      }
  }

  /* The good one: the card and its event reported changed, once queued */
  {
    g_autoptr(JsonObject) args = move_args (a, f->column[4], "V", event_id, "2026-03-19T10:00:00Z");
    g_autoptr(JsonObject) event = NULL;
    g_autoptr(JsonObject) moved = NULL;
    gint64 queue = zx_store_queue_length (f->store);

    as (f, f->radiology_staff);
    handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &probe);
    g_assert_true (zx_store_mutate (f->store, "card.move", args, &error));
    g_assert_no_error (error);
    g_signal_handler_disconnect (f->store, handler);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queue + 1);
    g_assert_true (probe.saw_event);
    g_assert_cmpuint (probe.cards->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (probe.cards, 0), ==, a);
    g_ptr_array_unref (probe.cards);

    moved = row (f, "card", a);
    g_assert_cmpstr (string_of (moved, "column_id"), ==, f->column[4]);
    g_assert_cmpstr (string_of (moved, "rank"), ==, "V");
    g_assert_cmpstr (string_of (moved, "done_at"), ==, "2026-03-19T10:00:00Z");

    event = row (f, "card_event", event_id);
    g_assert_cmpstr (string_of (event, "card_id"), ==, a);
    g_assert_cmpstr (string_of (event, "kind"), ==, "moved");
    g_assert_cmpstr (string_of (event, "from_column_id"), ==, f->column[0]);
    g_assert_cmpstr (string_of (event, "to_column_id"), ==, f->column[4]);
    g_assert_cmpstr (string_of (event, "actor_id"), ==, f->radiology_staff);
    g_assert_cmpstr (string_of (event, "at"), ==, "2026-03-19T10:00:00Z");
  }
}

/* Columns ----------------------------------------------------------------------- */

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *review = NULL;
  g_autofree char *done2 = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) all = NULL;

  /* Added after "Accepted" */
  review = zx_kanban_add_column (f->store, f->board, "院办审核", f->column[1], &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) columns = zx_kanban_list_columns (f->store, f->board, FALSE);

    g_assert_cmpuint (columns->len, ==, 6);
    g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (columns, 2)), ==, review);
    g_assert_false (zx_record_get_bool (g_ptr_array_index (columns, 2), "is_done"));
  }

  /* Renamed; a name used twice on the board is refused */
  g_assert_true (zx_kanban_rename_column (f->store, review, "院办复核", &error));
  g_assert_no_error (error);
  g_assert_false (zx_kanban_rename_column (f->store, review, "Done", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (zx_kanban_rename_column (f->store, review, "  ", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);

  /* Moved first, then between Done's neighbours */
  g_assert_true (zx_kanban_move_column (f->store, review, NULL, f->column[0], &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) columns = zx_kanban_list_columns (f->store, f->board, FALSE);

    g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (columns, 0)), ==, review);
    g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (columns, 1)), ==, f->column[0]);
  }
  g_assert_true (zx_kanban_move_column (f->store, review, f->column[3], f->column[4], &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) columns = zx_kanban_list_columns (f->store, f->board, FALSE);

    g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (columns, 4)), ==, review);
    g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (columns, 5)), ==, f->column[4]);
  }
  /* where it already is */
  {
    gint64 queue = zx_store_queue_length (f->store);

    g_assert_true (zx_kanban_move_column (f->store, review, f->column[3], NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);
  }

  /* Not archived while requests are in it; the message counts them */
  before = snapshot (f);
  g_assert_false (zx_kanban_archive_column (f->store, f->column[0], TRUE, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "2 requests"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* An empty one is; then it is hidden and nothing moves into it */
  g_assert_true (zx_kanban_archive_column (f->store, review, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) shown = zx_kanban_list_columns (f->store, f->board, FALSE);

    all = zx_kanban_list_columns (f->store, f->board, TRUE);
    g_assert_cmpuint (shown->len, ==, 5);
    g_assert_cmpuint (all->len, ==, 6);
  }
  g_assert_false (zx_kanban_move_card (f->store, a, review, NULL, NULL, 0, NULL, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (zx_kanban_archive_column (f->store, review, FALSE, &error));
  g_assert_no_error (error);

  /* The only done column stays */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = snapshot (f);
  g_assert_false (zx_kanban_archive_column (f->store, f->column[4], TRUE, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "done"));
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* … unless another column counts as done */
  done2 = zx_kanban_add_column (f->store, f->board, "已归档", NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) changes = json_object_new ();

    json_object_set_boolean_member (changes, "is_done", TRUE);
    g_assert_true (zx_store_update (f->store, "board_column", done2, changes, &error));
    g_assert_no_error (error);
  }
  g_assert_true (zx_kanban_archive_column (f->store, f->column[4], TRUE, &error));
  g_assert_no_error (error);

  /* The last live column stays: empty the others first */
  move (f, a, 1, NULL, NULL);
  move (f, b, 1, NULL, NULL);
  g_assert_true (zx_kanban_archive_column (f->store, f->column[0], TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (zx_kanban_archive_column (f->store, f->column[2], TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (zx_kanban_archive_column (f->store, f->column[3], TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (zx_kanban_archive_column (f->store, review, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) changes = json_object_new ();

    /* done2 is the last done column; make Accepted count as done too, to
     * reach the "last column" rule */
    json_object_set_boolean_member (changes, "is_done", TRUE);
    g_assert_true (zx_store_update (f->store, "board_column", f->column[1], changes, &error));
    g_assert_no_error (error);
  }
  g_assert_true (zx_store_delete (f->store, "card", a, &error));
  g_assert_no_error (error);
  g_assert_true (zx_store_delete (f->store, "card", b, &error));
  g_assert_no_error (error);
  g_assert_true (zx_kanban_archive_column (f->store, f->column[1], TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (zx_kanban_archive_column (f->store, done2, TRUE, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "last column"));
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) shown = zx_kanban_list_columns (f->store, f->board, FALSE);

    g_assert_cmpuint (shown->len, ==, 1);
  }

  /* New requests go to the first live column */
  {
    g_autofree char *c = card (f, "丙", NULL);
    g_autofree char *column = field (f, c, "column_id");

    g_assert_cmpstr (column, ==, done2);
  }
}

static void
test_load_board (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *c = card (f, "丙", NULL);
  g_autofree char *gone = card (f, "已撤回", NULL);
  g_autofree char *extra = NULL;
  g_autoptr(GHashTable) board = NULL;
  GPtrArray *list;

  move (f, b, 2, NULL, NULL);
  move (f, c, 0, NULL, a);
  g_assert_true (zx_store_delete (f->store, "card", gone, &error));
  g_assert_no_error (error);
  extra = zx_kanban_add_column (f->store, f->board, "暂缓", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (zx_kanban_archive_column (f->store, extra, TRUE, &error));
  g_assert_no_error (error);

  board = zx_kanban_load_board (f->store, f->board);
  g_assert_cmpuint (g_hash_table_size (board), ==, 5);
  g_assert_null (g_hash_table_lookup (board, extra));
  list = g_hash_table_lookup (board, f->column[0]);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (list, 0)), ==, c);
  g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (list, 1)), ==, a);
  list = g_hash_table_lookup (board, f->column[2]);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (zx_record_get_id (g_ptr_array_index (list, 0)), ==, b);
  g_assert_cmpstr (zx_record_get_string (g_ptr_array_index (list, 0), "title"), ==, "乙");
  list = g_hash_table_lookup (board, f->column[4]);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 0);
}

/* Blockers and comments ----------------------------------------------------------- */

static void
test_blocker_cycles (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *b = card (f, "乙", NULL);
  g_autofree char *c = card (f, "丙", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *at_fault = NULL;

  g_assert_true (zx_kanban_set_blocker (f->store, a, b, &error));
  g_assert_no_error (error);
  g_assert_true (zx_kanban_set_blocker (f->store, b, c, &error));
  g_assert_no_error (error);

  before = snapshot (f);
  g_assert_false (zx_kanban_set_blocker (f->store, c, a, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "circle"));
  g_clear_error (&error);
  g_assert_false (zx_kanban_set_blocker (f->store, a, a, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (zx_kanban_set_blocker (f->store, a, "no-such-card", &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* A form learns which field is at fault */
  {
    g_autoptr(JsonObject) fields = zx_test_fields ("blocked_by_id", a, NULL);

    g_assert_false (zx_store_check (f->store, "card", c, fields, &at_fault, &error));
    g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
    g_assert_cmpstr (at_fault, ==, "blocked_by_id");
    g_clear_error (&error);
  }

  /* The history says so */
  {
    const char *params[] = { a, NULL };

    g_assert_cmpint (zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'blocked'", params), ==, 1);
  }
}

static void
test_card_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  struct { const char *name; const char *value; const char *field; } bad[] = {
    { "to_department_id", NULL, "to_department_id" },
    { "due_date", "2026-13-01", "due_date" },
    { "due_date", "下周五", "due_date" },
    { "supervision_deadline", "2026-04-31", "supervision_deadline" },
    { "priority", "very", "priority" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) fields = zx_test_fields (bad[i].name, bad[i].value ? bad[i].value : f->cardio, NULL);
      g_autofree char *at_fault = NULL;

      g_assert_false (zx_store_check (f->store, "card", a, fields, &at_fault, &error));
      g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
      g_assert_cmpstr (at_fault, ==, bad[i].field);
      g_test_message ("%s: %s", bad[i].name, error->message);
      g_clear_error (&error);
    }
}

static void
test_comments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", NULL);
  g_autofree char *comment = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(JsonObject) r = NULL;
  const char *params[] = { a, NULL };

  as (f, f->hr);
  comment = zx_kanban_add_comment (f->store, a, "请尽快安排，谢谢。", &error);
  g_assert_no_error (error);
  r = row (f, "card_comment", comment);
  g_assert_cmpstr (string_of (r, "card_id"), ==, a);
  g_assert_cmpstr (string_of (r, "author_id"), ==, f->hr);
  g_assert_cmpstr (string_of (r, "body"), ==, "请尽快安排，谢谢。");
  g_assert_cmpstr (string_of (r, "created_at"), ==, NOW);
  g_assert_cmpint (zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'commented'", params), ==, 1);

  before = snapshot (f);
  refused = zx_kanban_add_comment (f->store, a, "   ", &error);
  g_assert_null (refused);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_update_card (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = card (f, "甲", "2026-04-01");
  g_autoptr(JsonObject) changes = zx_test_fields ("title", "甲（加急）", "priority", "urgent",
                                                  "due_date", "2026-04-01", NULL);
  g_autoptr(JsonObject) same = zx_test_fields ("priority", "urgent", NULL);
  g_autoptr(JsonObject) column = zx_test_fields ("column_id", f->column[2], NULL);
  g_autoptr(GListStore) events = NULL;
  g_autoptr(ZxRecord) event = NULL;
  const char *params[] = { a, NULL };
  gint64 queue;

  g_assert_true (zx_kanban_update_card (f->store, a, changes, &error));
  g_assert_no_error (error);
  events = zx_store_list (f->store, "card_event", "card_id = ? AND kind = 'edited'", params);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 1);
  event = g_list_model_get_item (G_LIST_MODEL (events), 0);
  /* the unchanged due date is not named */
  g_assert_cmpstr (zx_record_get_string (event, "detail"), ==, "Changed Title, Priority");

  queue = zx_store_queue_length (f->store);
  g_assert_true (zx_kanban_update_card (f->store, a, same, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);

  g_assert_false (zx_kanban_update_card (f->store, a, column, &error));
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);
}

/* Supervision and reminders --------------------------------------------------------- */

static void
test_days_overdue (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = card (f, "甲", "2026-03-01");
  g_autofree char *b = card (f, "乙", NULL);
  g_autoptr(GPtrArray) cards = zx_kanban_list_cards (f->store, f->column[0]);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MARCH, 2026);
  g_assert_cmpint (zx_kanban_days_overdue (g_ptr_array_index (cards, 0), FALSE, &today), ==, 19);
  g_assert_cmpint (zx_kanban_days_overdue (g_ptr_array_index (cards, 0), TRUE, &today), ==, 0);
  g_assert_cmpint (zx_kanban_days_overdue (g_ptr_array_index (cards, 1), FALSE, &today), ==, 0);
  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2026);
  g_assert_cmpint (zx_kanban_days_overdue (g_ptr_array_index (cards, 0), FALSE, &today), ==, 0);
  g_date_set_dmy (&today, 20, G_DATE_FEBRUARY, 2026);
  g_assert_cmpint (zx_kanban_days_overdue (g_ptr_array_index (cards, 0), FALSE, &today), ==, 0);
}

static void
test_supervision (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *late19 = card (f, "逾期 19 天", "2026-03-01");
  g_autofree char *late5 = card (f, "逾期 5 天", "2026-03-15");
  g_autofree char *late3 = card (f, "逾期 3 天", "2026-03-17");
  g_autofree char *late4 = card (f, "逾期 4 天", "2026-03-16");
  g_autofree char *not_due = card (f, "未到期", "2026-03-25");
  g_autofree char *done = card (f, "已完成但逾期", "2026-03-01");
  g_autofree char *no_date = card (f, "无截止日期", NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonObject) r = NULL;
  GDate today;
  gint64 queue;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MARCH, 2026);
  move (f, done, 4, NULL, NULL);

  /* the rule runs whatever the actor */
  as (f, f->cardio_staff);
  g_assert_cmpint (zx_kanban_auto_supervise (f->store, f->board, &today, 4, &error), ==, 2);
  g_assert_no_error (error);
  r = row (f, "card", late5);
  g_assert_true (json_object_get_boolean_member (r, "supervised"));
  g_assert_cmpstr (string_of (r, "supervision_deadline"), ==, "2026-03-27");
  g_assert_nonnull (strstr (string_of (r, "supervision_note"), "automatically"));
  g_assert_nonnull (strstr (string_of (r, "supervision_note"), "5 days"));
  g_clear_pointer (&r, json_object_unref);
  r = row (f, "card", late4);
  g_assert_false (json_object_get_boolean_member (r, "supervised"));
  {
    const char *params[] = { late19, NULL };

    g_assert_cmpint (zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'supervised'", params), ==, 1);
  }

  /* Again: nothing more to do */
  queue = zx_store_queue_length (f->store);
  g_assert_cmpint (zx_kanban_auto_supervise (f->store, f->board, &today, 4, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queue);

  /* The office supervises one by hand */
  as (f, f->clerk);
  g_assert_true (zx_kanban_supervise (f->store, not_due, TRUE, "2026-03-24", "请本周内反馈", &error));
  g_assert_no_error (error);

  list = zx_kanban_supervision_list (f->store, f->board, &today);
  {
    struct { const char *id; int days; gboolean supervised; } expected[] = {
      { late19, 19, TRUE }, { late5, 5, TRUE }, { late4, 4, FALSE }, { late3, 3, FALSE }, { not_due, 0, TRUE },
    };

    g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < list->len; i++)
      {
        ZxSupervisionEntry *entry = g_ptr_array_index (list, i);

        g_assert_cmpstr (zx_record_get_id (entry->card), ==, expected[i].id);
        g_assert_cmpint (entry->days_overdue, ==, expected[i].days);
        g_assert_cmpint (entry->supervised, ==, expected[i].supervised);
        g_assert_false (entry->done);
      }
  }

  /* A supervised request that gets done stays listed, as done, last */
  as (f, NULL);
  move (f, late5, 4, NULL, NULL);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = zx_kanban_supervision_list (f->store, f->board, &today);
  g_assert_cmpuint (list->len, ==, 5);
  {
    ZxSupervisionEntry *entry = g_ptr_array_index (list, 4);

    g_assert_cmpstr (zx_record_get_id (entry->card), ==, late5);
    g_assert_true (entry->done);
    g_assert_cmpint (entry->days_overdue, ==, 0);
  }

  /* Lifting it */
  as (f, f->clerk);
  g_assert_true (zx_kanban_supervise (f->store, late5, FALSE, NULL, "已办结", &error));
  g_assert_no_error (error);
  g_clear_pointer (&r, json_object_unref);
  r = row (f, "card", late5);
  g_assert_false (json_object_get_boolean_member (r, "supervised"));
  g_assert_null (string_of (r, "supervision_deadline"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = zx_kanban_supervision_list (f->store, f->board, &today);
  g_assert_cmpuint (list->len, ==, 4);
  (void) no_date;
}

static void
test_due_soon (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *today_card = card (f, "今天到期", "2026-03-20");
  g_autofree char *in2 = card (f, "两天后到期", "2026-03-22");
  g_autofree char *in3 = card (f, "三天后到期", "2026-03-23");
  g_autofree char *past = card (f, "已逾期", "2026-03-19");
  g_autofree char *done = card (f, "已完成", "2026-03-21");
  g_autofree char *tomorrow = card_between (f, "明天到期（给心内科）", f->radiology, f->cardio, "2026-03-21");
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(GPtrArray) radiology = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MARCH, 2026);
  move (f, done, 4, NULL, NULL);

  any = zx_kanban_due_soon (f->store, NULL, &today, 2);
  g_assert_cmpuint (any->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (any, 0), ==, today_card);
  g_assert_cmpstr (g_ptr_array_index (any, 1), ==, tomorrow);
  g_assert_cmpstr (g_ptr_array_index (any, 2), ==, in2);

  radiology = zx_kanban_due_soon (f->store, f->radiology, &today, 2);
  g_assert_cmpuint (radiology->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (radiology, 0), ==, today_card);
  g_assert_cmpstr (g_ptr_array_index (radiology, 1), ==, in2);

  none = zx_kanban_due_soon (f->store, f->radiology, &today, -1);
  g_assert_cmpuint (none->len, ==, 0);
  (void) in3;
  (void) past;
}

/* Who may do what -------------------------------------------------------------------- */

/* @ok: it must succeed; else it must be refused and change nothing */
#define EXPECT(ok, call)                                                  \
  G_STMT_START {                                                          \
    g_autofree char *before_ = snapshot (f);                              \
    g_autoptr(GError) error_ = NULL;                                      \
    GError **error = &error_;                                             \
    gboolean done_ = (call);                                              \
    if (ok)                                                               \
      {                                                                   \
        g_assert_no_error (error_);                                       \
        g_assert_true (done_);                                            \
      }                                                                   \
    else                                                                  \
      {                                                                   \
        g_autofree char *after_ = snapshot (f);                           \
        g_assert_false (done_);                                           \
        g_assert_error (error_, ZX_ERROR, ZX_ERROR_PERMISSION);           \
        g_assert_cmpstr (before_, ==, after_);                            \
      }                                                                   \
    (void) error;                                                         \
  } G_STMT_END

static gboolean
may_card (Fixture        *f,
          ZxKanbanAction  action,
          const char     *id)
{
  g_autoptr(JsonObject) r = row (f, "card", id);
  g_autoptr(ZxRecord) record = zx_record_new (zx_schema_lookup ("card"), r);

  return zx_kanban_may (f->store, action, record, NULL);
}

static gboolean
created (char *id)
{
  gboolean ok = id != NULL;

  g_free (id);
  return ok;
}

static JsonObject *
request_fields (const char *from,
                const char *to)
{
  return zx_test_fields ("title", "协同需求", "from_department_id", from, "to_department_id", to,
                         "priority", "high", NULL);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = card (f, "心内科请影像科支持", "2026-04-01");
  g_autofree char *b = card (f, "另一条需求", "2026-04-01");
  g_autoptr(JsonObject) from_cardio = request_fields (f->cardio, f->radiology);
  g_autoptr(JsonObject) from_radiology = request_fields (f->radiology, f->cardio);
  g_autoptr(JsonObject) title = zx_test_fields ("title", "新标题", NULL);
  g_autoptr(JsonObject) title2 = zx_test_fields ("title", "再改标题", NULL);
  g_autoptr(JsonObject) supervision = zx_test_fields ("supervision_note", "请加快", NULL);

  /* Staff of the requesting department: create from their department,
   * move while it is in the first column, edit, comment */
  as (f, f->cardio_staff);
  g_assert_true (zx_kanban_may (f->store, ZX_KANBAN_CREATE, NULL, f->cardio));
  g_assert_false (zx_kanban_may (f->store, ZX_KANBAN_CREATE, NULL, f->radiology));
  g_assert_false (zx_kanban_may (f->store, ZX_KANBAN_COLUMNS, NULL, NULL));
  g_assert_true (may_card (f, ZX_KANBAN_MOVE, a));
  g_assert_true (may_card (f, ZX_KANBAN_EDIT, a));
  g_assert_false (may_card (f, ZX_KANBAN_SUPERVISE, a));
  g_assert_true (may_card (f, ZX_KANBAN_COMMENT, a));
  EXPECT (TRUE, created (zx_kanban_create_card (f->store, f->board, from_cardio, error)));
  EXPECT (FALSE, created (zx_kanban_create_card (f->store, f->board, from_radiology, error)));
  EXPECT (TRUE, zx_kanban_move_card (f->store, a, f->column[0], NULL, NULL, 0, NULL, error));
  EXPECT (TRUE, zx_kanban_update_card (f->store, a, title, error));
  EXPECT (TRUE, zx_kanban_set_blocker (f->store, a, b, error));
  EXPECT (TRUE, created (zx_kanban_add_comment (f->store, a, "麻烦了", error)));
  EXPECT (FALSE, zx_kanban_supervise (f->store, a, TRUE, NULL, NULL, error));
  EXPECT (FALSE, zx_kanban_update_card (f->store, a, supervision, error));
  EXPECT (FALSE, created (zx_kanban_add_column (f->store, f->board, "新列", NULL, error)));
  EXPECT (FALSE, zx_kanban_rename_column (f->store, f->column[0], "新名字", error));
  EXPECT (FALSE, zx_kanban_move_column (f->store, f->column[0], NULL, f->column[2], error));
  EXPECT (FALSE, zx_kanban_archive_column (f->store, f->column[3], TRUE, error));

  /* Staff of the supporting department: moves it anywhere, does not edit it */
  as (f, f->radiology_staff);
  g_assert_true (may_card (f, ZX_KANBAN_MOVE, a));
  g_assert_false (may_card (f, ZX_KANBAN_EDIT, a));
  EXPECT (FALSE, zx_kanban_update_card (f->store, a, title2, error));
  EXPECT (FALSE, zx_kanban_set_blocker (f->store, a, NULL, error));
  EXPECT (TRUE, zx_kanban_move_card (f->store, a, f->column[1], NULL, NULL, 0, NULL, error));
  EXPECT (TRUE, zx_kanban_move_card (f->store, a, f->column[2], NULL, NULL, 0, NULL, error));
  EXPECT (TRUE, created (zx_kanban_add_comment (f->store, a, "已安排", error)));

  /* Out of the first column, the requester no longer moves it; the
   * department head neither */
  as (f, f->cardio_staff);
  g_assert_false (may_card (f, ZX_KANBAN_MOVE, a));
  EXPECT (FALSE, zx_kanban_move_card (f->store, a, f->column[0], NULL, NULL, 0, NULL, error));
  as (f, f->cardio_head);
  EXPECT (FALSE, zx_kanban_move_card (f->store, a, f->column[3], NULL, NULL, 0, NULL, error));
  EXPECT (TRUE, zx_kanban_update_card (f->store, a, title2, error));

  /* Leadership and HR read and comment; they do not move or supervise */
  as (f, f->leader);
  g_assert_false (may_card (f, ZX_KANBAN_MOVE, a));
  EXPECT (FALSE, zx_kanban_move_card (f->store, a, f->column[3], NULL, NULL, 0, NULL, error));
  EXPECT (FALSE, zx_kanban_supervise (f->store, a, TRUE, NULL, NULL, error));
  EXPECT (TRUE, created (zx_kanban_add_comment (f->store, a, "请院办跟进", error)));
  as (f, f->hr);
  EXPECT (FALSE, zx_kanban_move_card (f->store, a, f->column[3], NULL, NULL, 0, NULL, error));
  EXPECT (FALSE, created (zx_kanban_create_card (f->store, f->board, from_cardio, error)));

  /* The hospital office and admin: everything on the board */
  as (f, f->clerk);
  g_assert_true (zx_kanban_may (f->store, ZX_KANBAN_COLUMNS, NULL, NULL));
  g_assert_true (may_card (f, ZX_KANBAN_SUPERVISE, a));
  g_assert_true (may_card (f, ZX_KANBAN_EDIT, a));
  EXPECT (TRUE, zx_kanban_supervise (f->store, a, TRUE, "2026-03-27", "院办督办", error));
  EXPECT (TRUE, zx_kanban_move_card (f->store, a, f->column[3], NULL, NULL, 0, NULL, error));
  EXPECT (TRUE, created (zx_kanban_create_card (f->store, f->board, from_radiology, error)));
  EXPECT (TRUE, zx_kanban_rename_column (f->store, f->column[3], "待验收确认", error));
  as (f, f->admin);
  EXPECT (TRUE, created (zx_kanban_add_column (f->store, f->board, "暂缓", NULL, error)));
  EXPECT (TRUE, zx_kanban_move_card (f->store, a, f->column[2], NULL, NULL, 0, NULL, error));

  /* Undo: whoever could move it from there may put it back */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *c = NULL;
    ZxCardPlace place = { NULL, NULL };

    as (f, f->cardio_staff);
    c = card (f, "撤回测试", NULL);
    g_assert_true (zx_kanban_move_card (f->store, c, f->column[1], NULL, NULL, 0, &place, &error));
    g_assert_no_error (error);
    g_assert_true (zx_kanban_move_back (f->store, c, &place, &error));
    g_assert_no_error (error);
    zx_card_place_clear (&place);
  }

  /* Someone not (or no longer) on the staff list: the desktop before sign-in */
  as (f, "local");
  g_assert_true (may_card (f, ZX_KANBAN_SUPERVISE, a));
  EXPECT (TRUE, zx_kanban_supervise (f->store, a, FALSE, NULL, NULL, error));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/kanban/board/default", test_default_board);
  ADD ("/kanban/board/load", test_load_board);
  ADD ("/kanban/columns", test_columns);
  ADD ("/kanban/card/create", test_create_card);
  ADD ("/kanban/card/update", test_update_card);
  ADD ("/kanban/card/rules", test_card_rules);
  ADD ("/kanban/move/between", test_move_between);
  ADD ("/kanban/move/stale-neighbour", test_move_stale_neighbour);
  ADD ("/kanban/move/random", test_move_random);
  ADD ("/kanban/move/equal-ranks", test_move_equal_ranks);
  ADD ("/kanban/move/keys-stay-short", test_move_keys_stay_short);
  ADD ("/kanban/move/done-at", test_move_done_at);
  ADD ("/kanban/move/blocked", test_move_blocked);
  ADD ("/kanban/move/back", test_move_back);
  ADD ("/kanban/move/mutation", test_move_mutation);
  ADD ("/kanban/blockers/cycles", test_blocker_cycles);
  ADD ("/kanban/comments", test_comments);
  ADD ("/kanban/supervision/days-overdue", test_days_overdue);
  ADD ("/kanban/supervision/list-and-auto", test_supervision);
  ADD ("/kanban/due-soon", test_due_soon);
  ADD ("/kanban/permissions", test_permissions);

  return g_test_run ();
}
