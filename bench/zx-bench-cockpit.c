/* zx-bench-cockpit.c — the cockpit for bench/run (bench/run cockpit)
 *
 *   zx-bench-cockpit DATABASE
 *
 * Needs a display (bench/run starts it under xvfb-run).  Prints JSON lines:
 *   cockpit_recompute_first  the first full recompute of a process on 16
 *                            November 2026: progress index, figures, warnings
 *   cockpit_recompute        a full recompute after that one, as after a
 *                            change to the store (median of 9)
 *   cockpit_first_frame      the Cockpit page made in a shown window and its
 *                            first frame painted (window at 1366×768), once
 *                            the day's figures were read (median of 5)
 *
 *   zx-bench-cockpit --cold-frame DATABASE
 *   cockpit_first_frame_cold the same as the first thing a new process does
 *   cockpit_chart_frame      the overview's four charts drawn on a
 *                            1920×1080 image with their text (median of 30)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "cockpit/zx-cockpit-data.h"
#include "cockpit/zx-cockpit-page.h"
#include "widgets/zx-bar-chart.h"
#include "widgets/zx-heat-map.h"
#include "widgets/zx-line-chart.h"
#include "widgets/zx-ring-chart.h"
#include "zx-cockpit.h"
#include "zx-context.h"
#include "zx-warnings.h"

#define RECOMPUTE_RUNS 9
#define FRAME_RUNS 30

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
  fflush (stdout);
}

static double
recompute (ZxStore     *store,
           const GDate *today,
           GDateTime   *now,
           ZxCockpit  **out)
{
  g_autoptr(GError) error = NULL;
  ZxWarningParams params;
  gint64 start = g_get_monotonic_time ();
  ZxCockpit *cockpit;
  GPtrArray *warnings;
  double ms;

  zx_warning_params_init_default (&params);
  cockpit = zx_cockpit_new (store, NULL, today, &params.progress, &error);
  warnings = cockpit ? zx_warnings_compute (store, cockpit->index, today, now, &params, &error) : NULL;
  ms = ms_since (start);
  if (warnings == NULL)
    {
      fprintf (stderr, "zx-bench-cockpit: %s\n", error->message);
      exit (1);
    }
  if (g_getenv ("ZX_BENCH_VERBOSE"))
    fprintf (stderr, "zx-bench-cockpit: %u key results, %u warnings\n", cockpit->kr_total, warnings->len);
  g_ptr_array_unref (warnings);
  if (out != NULL)
    *out = cockpit;
  else
    zx_cockpit_free (cockpit);
  return ms;
}

/* The four charts of the overview on one 1920×1080 image */
static double
chart_frame (ZxCockpit *cockpit)
{
  g_autoptr(GPtrArray) bars = zx_cockpit_pillar_bars (cockpit);
  g_autoptr(GPtrArray) segments = zx_cockpit_health_segments (cockpit);
  g_autoptr(GPtrArray) groups = zx_cockpit_departments_by_trouble (cockpit, 15);
  g_autoptr(GPtrArray) rows = zx_cockpit_heat_rows (groups);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autofree char *center = zx_cockpit_ring_center (cockpit);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  ZxChartPainter painter;
  gint64 start;
  cairo_t *cr;
  double ms;

  zx_cockpit_trend_data (cockpit, &labels, &series);
  start = g_get_monotonic_time ();
  cr = cairo_create (surface);
  zx_chart_painter_init_cairo (&painter, cr, 14, FALSE);
  zx_bar_chart_render (bars, zx_cockpit_column_colors (), zx_cockpit_column_labels (), 3, "Expected pace",
                       &painter, 940, 400, NULL);
  cairo_translate (cr, 980, 0);
  zx_ring_chart_render (segments, center, zx_cockpit_ring_caption (), &painter, 940, 400, NULL);
  cairo_translate (cr, -980, 420);
  zx_line_chart_render (labels, series, &painter, 940, 640, NULL);
  cairo_translate (cr, 980, 0);
  zx_heat_map_render (rows, zx_cockpit_column_labels (), zx_cockpit_column_colors (), ZX_COCKPIT_N_COLUMNS,
                      &painter, 940, 640, NULL);
  zx_chart_painter_clear (&painter);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  ms = ms_since (start);
  cairo_surface_destroy (surface);
  return ms;
}

static gboolean painted;
static gint64 phase_start;

static void
phase_cb (GdkFrameClock *clock,
          gpointer       name)
{
  if (g_getenv ("ZX_BENCH_VERBOSE"))
    fprintf (stderr, "zx-bench-cockpit:   %s at +%.1f ms\n", (const char *) name,
             (g_get_monotonic_time () - phase_start) / 1000.0);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

/* A shown window with text, as the app's sidebar is */
static GtkWidget *
show_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new ("江城一院 驾驶舱 Cockpit");

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("人员 战略 目标与关键成果 1234567890 %"));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("power-profile-performance-symbolic"));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return window;
}

/* The Cockpit page made in @window and its first frame painted; the ms */
static double
open_page (GtkWidget *window,
           ZxContext *context)
{
  static const char * const phases[] = { "before-paint", "update", "layout", "paint", "after-paint" };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gint64 start = g_get_monotonic_time ();
  GtkWidget *page = zx_cockpit_page_new (context);
  double ms;

  if (g_getenv ("ZX_BENCH_VERBOSE"))
    fprintf (stderr, "zx-bench-cockpit: page made in %.1f ms\n", ms_since (start));
  painted = FALSE;
  phase_start = start;
  gtk_window_set_child (GTK_WINDOW (window), page);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_signal_connect (clock, phases[i], G_CALLBACK (phase_cb), (gpointer) phases[i]);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  ms = ms_since (start);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_signal_handlers_disconnect_by_func (clock, phase_cb, (gpointer) phases[i]);
  /* the lists below, filled after the frame */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return ms;
}

static void
init_gtk (void)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_init ();
  adw_init ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/zhixing/Zhixing/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxContext) context = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 16, 18, 0, 0);
  gboolean cold = argc == 3 && g_str_equal (argv[1], "--cold-frame");
  double times[FRAME_RUNS];
  ZxCockpit *cockpit = NULL;
  GtkWidget *window;
  GDate today;

  if (argc != 2 && !cold)
    {
      fprintf (stderr, "usage: %s [--cold-frame] DATABASE\n", argv[0]);
      return 2;
    }
  store = zx_store_open (argv[argc - 1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  context = zx_context_new (store, NULL);

  if (cold)
    {
      /* a new process whose first area is the cockpit */
      init_gtk ();
      window = show_window ();
      emit ("cockpit_first_frame_cold", open_page (window, context));
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 16, 11, 2026);
  emit ("cockpit_recompute_first", recompute (store, &today, now, NULL));
  for (guint i = 0; i < RECOMPUTE_RUNS; i++)
    times[i] = recompute (store, &today, now, i == RECOMPUTE_RUNS - 1 ? &cockpit : NULL);
  emit ("cockpit_recompute", median (times, RECOMPUTE_RUNS));

  init_gtk ();
  chart_frame (cockpit);  /* fonts loaded */
  for (guint i = 0; i < FRAME_RUNS; i++)
    times[i] = chart_frame (cockpit);
  emit ("cockpit_chart_frame", median (times, FRAME_RUNS));
  zx_cockpit_free (cockpit);

  /* The page as opened once the app has warmed up: the figures of today
   * already read once (the window reads them after its first frame) */
  window = show_window ();
  g_date_set_time_t (&today, time (NULL));
  zx_cockpit_free (zx_cockpit_new (store, NULL, &today, NULL, NULL));
  for (guint i = 0; i < 5; i++)
    times[i] = open_page (window, context);
  emit ("cockpit_first_frame", median (times, 5));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
