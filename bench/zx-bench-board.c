/* zx-bench-board.c — the collaboration board's widgets for bench/run
 *
 *   zx-bench-board DATABASE        (needs a display: bench/run uses Xvfb)
 *
 * prints JSON lines (metric, value in ms):
 *   kanban_board_open        the Collaboration page made on the large
 *                            hospital (its 2,000 cards read, the columns and
 *                            list views built) and its first frame painted,
 *                            in a window already shown — as the app opens
 *                            the area
 *   kanban_board_open_again  the same with a second page (median of 5)
 *   kanban_drag_frame        while a dragged card's pointer moves down the
 *                            fullest column (drop line following it, the
 *                            column scrolling near its edge): the time each
 *                            frame takes to lay out and paint, median of
 *                            the frames
 *   kanban_drag_frame_max    the slowest of those frames
 *
 * With ZX_BENCH_VERBOSE=1 it tells on stderr how long making the page took
 * and when each phase of the first frame came, and how many card widgets
 * were made.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "kanban/zx-board-view.h"
#include "kanban/zx-card-widget.h"
#include "kanban/zx-kanban-page.h"
#include "zx-context.h"
#include "zx-store.h"

#define RUNS         5
#define DRAG_FRAMES  180

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

static void
emit (const char *metric,
      double      value)
{
  printf ("{\"metric\": \"%s\", \"value\": %.2f, \"unit\": \"ms\"}\n", metric, value);
}

static gboolean painted;
static gint64 phase_start;

static void
phase_cb (GdkFrameClock *clock,
          gpointer       name)
{
  gint64 now = g_get_monotonic_time ();

  if (g_getenv ("ZX_BENCH_VERBOSE"))
    fprintf (stderr, "zx-bench-board:   %s at +%.1f ms\n", (const char *) name, (now - phase_start) / 1000.0);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

/* Shows @child in @window and waits for the frame that paints it; the ms it took */
static double
open_page (GtkWindow *window,
           ZxContext *context)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 start = g_get_monotonic_time ();
  GtkWidget *page = zx_kanban_page_new (context);

  if (g_getenv ("ZX_BENCH_VERBOSE"))
    fprintf (stderr, "zx-bench-board: page made in %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  painted = FALSE;
  phase_start = start;
  gtk_window_set_child (window, page);
  phase_cb (clock, (gpointer) "child set");
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (phase_cb), (gpointer) "before-paint");
  g_signal_connect (clock, "flush-events", G_CALLBACK (phase_cb), (gpointer) "flush-events");
  g_signal_connect (clock, "update", G_CALLBACK (phase_cb), (gpointer) "update");
  g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), (gpointer) "layout");
  g_signal_connect (clock, "paint", G_CALLBACK (phase_cb), (gpointer) "paint");
  g_signal_connect (clock, "after-paint", G_CALLBACK (phase_cb), (gpointer) "after-paint");
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  g_signal_handlers_disconnect_by_func (clock, phase_cb, (gpointer) "before-paint");
  g_signal_handlers_disconnect_by_func (clock, phase_cb, (gpointer) "flush-events");
  g_signal_handlers_disconnect_by_func (clock, phase_cb, (gpointer) "update");
  g_signal_handlers_disconnect_by_func (clock, phase_cb, (gpointer) "layout");
  g_signal_handlers_disconnect_by_func (clock, phase_cb, (gpointer) "paint");
  g_signal_handlers_disconnect_by_func (clock, phase_cb, (gpointer) "after-paint");
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The drag: each frame moves the pointer 9 px down the column and times
 * the frame from its start (the pointer moving, the layout) to the end
 * of its paint */
typedef struct
{
  ZxBoardView *board;
  const char  *column_id;
  GtkWidget   *column;
  double       y;
  gint64       frame_start;
  double       times[DRAG_FRAMES];
  guint        n;
} Drag;

static void
before_paint_cb (GdkFrameClock *clock,
                  Drag          *drag)
{
  drag->frame_start = g_get_monotonic_time ();
}

static void
drag_after_paint_cb (GdkFrameClock *clock,
                     Drag          *drag)
{
  if (drag->frame_start > 0 && drag->n < DRAG_FRAMES)
    drag->times[drag->n++] = (g_get_monotonic_time () - drag->frame_start) / 1000.0;
  drag->frame_start = 0;
}

static gboolean
drag_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  Drag *drag = data;
  int height = gtk_widget_get_height (drag->column);

  /* down the column, then a while at its bottom edge where it scrolls */
  drag->y = MIN (drag->y + 9, height - 10);
  zx_board_view_hover_drop (drag->board, drag->column_id, drag->y);
  return drag->n < DRAG_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* The card widgets under @widget */
static guint
count_cards (GtkWidget *widget)
{
  guint n = ZX_IS_CARD_WIDGET (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_cards (child);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxContext) context = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  GtkWidget *window;
  double times[RUNS];

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/zhixing/Zhixing/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  store = zx_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  context = zx_context_new (store, NULL);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  /* What the window shows before the area opens (its sidebar and
   * header): the same fonts, so the first page does not pay for loading
   * them as the app would not */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *heading = gtk_label_new ("江城一院 协作 Collaboration");
    GtkWidget *caption = gtk_label_new ("人力资源部 信息科 11-24 · 3 days overdue");

    gtk_widget_add_css_class (heading, "heading");
    gtk_widget_add_css_class (caption, "caption");
    gtk_box_append (GTK_BOX (box), heading);
    gtk_box_append (GTK_BOX (box), gtk_label_new ("人员 战略 目标与关键成果 1234567890"));
    gtk_box_append (GTK_BOX (box), caption);
    /* the sidebar's and the header bars' icons */
    {
      static const char * const icons[] = {
        "system-users-symbolic", "emblem-documents-symbolic", "object-select-symbolic",
        "network-workgroup-symbolic", "list-add-symbolic", "system-search-symbolic",
        "open-menu-symbolic", "go-previous-symbolic", "pan-down-symbolic",
      };

      for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
        gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icons[i]));
    }
    gtk_window_set_child (GTK_WINDOW (window), box);
  }
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  emit ("kanban_board_open", open_page (GTK_WINDOW (window), context));
  if (g_getenv ("ZX_BENCH_VERBOSE"))
    fprintf (stderr, "zx-bench-board: %u card widgets made\n", count_cards (window));
  for (guint i = 0; i < RUNS; i++)
    times[i] = open_page (GTK_WINDOW (window), context);
  emit ("kanban_board_open_again", median (times, RUNS));

  /* Drag over the fullest column */
  {
    ZxKanbanPage *page = ZX_KANBAN_PAGE (gtk_window_get_child (GTK_WINDOW (window)));
    ZxBoardView *board = zx_kanban_page_get_board_view (page);
    g_autoptr(GPtrArray) columns = zx_board_view_get_column_ids (board);
    GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
    Drag drag = { 0 };
    guint most = 0;

    for (guint i = 0; i < columns->len; i++)
      if (zx_board_view_get_count (board, g_ptr_array_index (columns, i)) >= most)
        {
          most = zx_board_view_get_count (board, g_ptr_array_index (columns, i));
          drag.column_id = g_ptr_array_index (columns, i);
        }
    if (drag.column_id == NULL)
      {
        fprintf (stderr, "zx-bench-board: the board has no columns\n");
        return 1;
      }
    fprintf (stderr, "zx-bench-board: %u cards in the fullest column\n", most);
    drag.board = board;
    drag.column = zx_board_view_get_column_widget (board, drag.column_id);
    drag.y = 10;
    g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &drag);
    g_signal_connect (clock, "after-paint", G_CALLBACK (drag_after_paint_cb), &drag);
    gtk_widget_add_tick_callback (window, drag_tick_cb, &drag, NULL);
    while (drag.n < DRAG_FRAMES)
      g_main_context_iteration (NULL, TRUE);
    g_signal_handlers_disconnect_by_data (clock, &drag);
    zx_board_view_hover_drop (board, NULL, 0);
    emit ("kanban_drag_frame", median (drag.times, drag.n));
    emit ("kanban_drag_frame_max", drag.times[drag.n - 1]);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
