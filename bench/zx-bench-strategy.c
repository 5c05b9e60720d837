/* zx-bench-strategy.c — the strategy map's figures for bench/run
 *
 *   zx-bench-strategy DATABASE
 *
 * prints JSON lines (metric, value in ms):
 *   strategy_map_first_layout    the first layout in the process (fonts included),
 *                                once the OKR figures have been read as the
 *                                window does at idle after its first frame
 *   strategy_map_layout_cold     the same before any OKR figure was read: what
 *                                opening the map costs if done within the
 *                                first instants of the program
 *   strategy_map_frame           drawing the whole map, uncached, at fit zoom
 *                                on a 1920×1080 surface (median of 7): what a
 *                                frame costs when the widget's cache is rebuilt
 *   strategy_map_frame_cached    a frame from the widget's cached picture plus
 *                                its selection overlay (median of 30)
 *   strategy_map_pdf_export      zx_strategy_export() of an A3 PDF, layout included
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include <time.h>

#include "zx-progress.h"
#include "zx-store.h"
#include "strategy/zx-strategy-render.h"

#define WIDTH  1920
#define HEIGHT 1080

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxStrategyLayout) layout = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  ZxStrategyPalette palette;
  ZxStrategyRenderOptions options;
  cairo_surface_t *screen, *cache;
  cairo_t *cr;
  double mw, mh, zoom, times[30];
  gint64 start;
  int selected = -1;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  store = zx_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "zx-bench-strategy: %s\n", error->message);
      return 1;
    }

  /* As in the program: the window reads the OKR figures at idle after its
   * first frame, before anyone opens the map; then the first layout of the
   * process (fonts included) */
  {
    g_autoptr(ZxProgressIndex) warm = NULL;
    ZxProgressParams params;
    GDate today;

    g_date_clear (&today, 1);
    g_date_set_time_t (&today, time (NULL));
    zx_progress_params_init_default (&params);
    warm = zx_progress_index_new (store, &today, &params, NULL);
  }
  start = g_get_monotonic_time ();
  layout = zx_strategy_layout_new (store, NULL, 0, &error);
  if (layout == NULL)
    {
      fprintf (stderr, "zx-bench-strategy: %s\n", error->message);
      return 1;
    }
  emit ("strategy_map_first_layout", ms_since (start));
  g_clear_object (&layout);

  /* Cold: a store whose OKR figures were never read */
  {
    g_autoptr(ZxStore) fresh = zx_store_open (argv[1], &error);

    start = g_get_monotonic_time ();
    layout = zx_strategy_layout_new (fresh, NULL, 0, &error);
    emit ("strategy_map_layout_cold", ms_since (start));
    g_clear_object (&layout);
  }
  layout = zx_strategy_layout_new (store, NULL, 0, &error);
  fprintf (stderr, "zx-bench-strategy: %u nodes, %u links\n",
           zx_strategy_layout_get_n_nodes (layout), zx_strategy_layout_get_n_edges (layout));
  if (zx_strategy_layout_get_n_nodes (layout) == 0)
    {
      fprintf (stderr, "zx-bench-strategy: the database has no strategic plan\n");
      return 1;
    }

  /* The whole map at fit zoom, as the widget first draws it */
  zx_strategy_layout_get_size (layout, &mw, &mh);
  zoom = MIN (WIDTH / mw, HEIGHT / mh);
  zx_strategy_palette_init_light (&palette);
  zx_strategy_render_options_init (&options, &palette);
  options.scale = zoom;
  options.background = FALSE;
  screen = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  for (guint i = 0; i < 7; i++)
    {
      start = g_get_monotonic_time ();
      cr = cairo_create (cache);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_scale (cr, zoom, zoom);
      zx_strategy_render (cr, layout, &options);
      cairo_destroy (cr);
      cairo_surface_flush (cache);
      times[i] = ms_since (start);
    }
  emit ("strategy_map_frame", median (times, 7));

  /* A frame as the widget makes it: the cached picture and the overlay */
  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout) && selected < 0; i++)
    if (zx_strategy_layout_get_node (layout, i)->type == ZX_STRATEGY_NODE_BATTLE)
      selected = (int) i;
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      guint8 *mask = g_malloc0 (zx_strategy_layout_get_n_nodes (layout));

      start = g_get_monotonic_time ();
      cr = cairo_create (screen);
      cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
      cairo_paint (cr);
      cairo_set_source_surface (cr, cache, 0, 0);
      cairo_paint (cr);
      cairo_scale (cr, zoom, zoom);
      mask[selected] = 1;
      options.selected = selected;
      zx_strategy_render_nodes (cr, layout, &options, mask);
      cairo_destroy (cr);
      cairo_surface_flush (screen);
      times[i] = ms_since (start);
      g_free (mask);
    }
  emit ("strategy_map_frame_cached", median (times, G_N_ELEMENTS (times)));
  cairo_surface_destroy (cache);
  cairo_surface_destroy (screen);

  dir = g_dir_make_tmp ("zx-bench-strategy-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "zx-bench-strategy: %s\n", error->message);
      return 1;
    }
  pdf = g_build_filename (dir, "map.pdf", NULL);
  start = g_get_monotonic_time ();
  if (!zx_strategy_export (store, pdf, 0, &error))
    {
      fprintf (stderr, "zx-bench-strategy: %s\n", error->message);
      return 1;
    }
  emit ("strategy_map_pdf_export", ms_since (start));
  g_unlink (pdf);
  g_rmdir (dir);
  return 0;
}
