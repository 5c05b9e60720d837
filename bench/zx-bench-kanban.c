/* zx-bench-kanban.c — the collaboration board for bench/run
 *
 *   zx-bench-kanban DATABASE
 *
 * prints JSON lines (metric, value in ms):
 *   kanban_board_load_first  the first zx_kanban_load_board() of the process:
 *                            every card of the board's columns read into
 *                            records, grouped by column (2,000 cards in the
 *                            large hospital)
 *   kanban_board_load        the same again (median of 5), as when the board
 *                            is opened a second time
 *   kanban_move              zx_kanban_move_card() of a card into the middle
 *                            of another column: the one "card.move" mutation
 *                            validated, applied and queued, with its history
 *                            entry (in a transaction rolled back, so the
 *                            cached database stays as generated; a different
 *                            card each time; median of 9)
 *
 * and the size of each column on stderr.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "zx-kanban.h"

#define LOAD_RUNS 5
#define MOVE_RUNS 9

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (GCompareFunc) compare_doubles);
  return values[n / 2];
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
emit (const char *metric,
      double      value)
{
  printf ("{\"metric\": \"%s\", \"value\": %.2f, \"unit\": \"ms\"}\n", metric, value);
}

static GHashTable *
load (ZxStore    *store,
      const char *board,
      double     *ms)
{
  gint64 start = g_get_monotonic_time ();
  GHashTable *cards = zx_kanban_load_board (store, board);

  *ms = ms_since (start);
  return cards;
}

static G_GNUC_NORETURN void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "zx-bench-kanban: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autofree char *board = NULL;
  double ms, times[MOVE_RUNS];
  GPtrArray *from, *to;
  guint total = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = zx_store_open (argv[1], &error);
  if (store == NULL)
    die ("opening the database", error);

  /* The generated board exists: this only reads its id */
  board = zx_kanban_ensure_board (store, &error);
  if (board == NULL)
    die ("finding the board", error);

  first = load (store, board, &ms);
  emit ("kanban_board_load_first", ms);

  columns = zx_kanban_list_columns (store, board, FALSE);
  for (guint i = 0; i < columns->len; i++)
    {
      ZxRecord *column = g_ptr_array_index (columns, i);
      GPtrArray *cards = g_hash_table_lookup (first, zx_record_get_id (column));

      fprintf (stderr, "zx-bench-kanban: %-8s %4u cards%s\n", zx_record_get_string (column, "name"),
               cards ? cards->len : 0, zx_record_get_bool (column, "is_done") ? " (done)" : "");
      total += cards ? cards->len : 0;
    }
  fprintf (stderr, "zx-bench-kanban: %u cards in %u columns\n", total, columns->len);
  if (columns->len < 3 || total == 0)
    die ("the board is not the generated one", NULL);

  for (guint i = 0; i < LOAD_RUNS; i++)
    {
      g_autoptr(GHashTable) again = load (store, board, &times[i]);
    }
  emit ("kanban_board_load", median (times, LOAD_RUNS));

  /* From the third column (in progress) into the middle of the second */
  from = g_hash_table_lookup (first, zx_record_get_id (g_ptr_array_index (columns, 2)));
  to = g_hash_table_lookup (first, zx_record_get_id (g_ptr_array_index (columns, 1)));
  if (from == NULL || to == NULL || from->len < MOVE_RUNS || to->len < 2)
    die ("the board has too few cards to move", NULL);

  for (guint i = 0; i < MOVE_RUNS; i++)
    {
      ZxRecord *card = g_ptr_array_index (from, i * (from->len / MOVE_RUNS));
      ZxRecord *above = g_ptr_array_index (to, to->len / 2 - 1);
      ZxRecord *below = g_ptr_array_index (to, to->len / 2);
      gint64 start;

      if (!zx_store_begin (store, &error))
        die ("beginning a transaction", error);
      start = g_get_monotonic_time ();
      if (!zx_kanban_move_card (store, zx_record_get_id (card),
                                zx_record_get_id (g_ptr_array_index (columns, 1)),
                                zx_record_get_id (above), zx_record_get_id (below),
                                ZX_KANBAN_MOVE_DESPITE_BLOCK, NULL, &error))
        die ("moving a card", error);
      times[i] = ms_since (start);
      zx_store_rollback (store);
    }
  emit ("kanban_move", median (times, MOVE_RUNS));

  return 0;
}
