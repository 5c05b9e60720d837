/* test-charts.c — the shared chart widgets: each renders to a texture of
 * the size asked, with no warning, in light and dark; hit areas give the
 * tooltips; the same drawing writes on cairo for export
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "widgets/zx-bar-chart.h"
#include "widgets/zx-heat-map.h"
#include "widgets/zx-line-chart.h"
#include "widgets/zx-ring-chart.h"
#include "zx-test-gui.h"

static GtkWidget *
bar_chart (void)
{
  GtkWidget *chart = zx_bar_chart_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_bar_item_free);
  static const ZxChartColor colors[] = { ZX_CHART_GREEN, ZX_CHART_ORANGE };
  static const char *labels[] = { "On track", "At risk" };

  g_ptr_array_add (items, zx_bar_item_new ("顶尖技术突破", 0.65, 0.77, ZX_CHART_GREEN, "顶尖技术突破: 65%"));
  g_ptr_array_add (items, zx_bar_item_new ("卓越患者体验", 0.2, 0.77, ZX_CHART_ORANGE, "卓越患者体验: 20%"));
  g_ptr_array_add (items, zx_bar_item_new ("No marker", 1.4, -1, ZX_CHART_BLUE, NULL));
  zx_bar_chart_set_items (ZX_BAR_CHART (chart), items, colors, labels, 2, "Expected pace");
  return chart;
}

static GtkWidget *
line_chart (void)
{
  GtkWidget *chart = zx_line_chart_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_line_series_free);
  ZxLineSeries *a = zx_line_series_new ("进度", ZX_CHART_BLUE, FALSE);
  ZxLineSeries *b = zx_line_series_new ("预期进度", ZX_CHART_ORANGE, TRUE);

  for (int i = 0; i < 20; i++)
    {
      double v = i / 25.0, e = i / 19.0;

      g_ptr_array_add (labels, g_strdup_printf ("11-%02d", i + 1));
      g_array_append_val (a->values, v);
      g_array_append_val (b->values, e);
    }
  g_ptr_array_add (series, a);
  g_ptr_array_add (series, b);
  zx_line_chart_set_data (ZX_LINE_CHART (chart), labels, series);
  return chart;
}

static GtkWidget *
ring_chart (void)
{
  GtkWidget *chart = zx_ring_chart_new ();
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_ring_segment_free);

  g_ptr_array_add (segments, zx_ring_segment_new ("正常", 102, ZX_CHART_GREEN));
  g_ptr_array_add (segments, zx_ring_segment_new ("有风险", 19, ZX_CHART_ORANGE));
  g_ptr_array_add (segments, zx_ring_segment_new ("偏离", 37, ZX_CHART_VERMILION));
  g_ptr_array_add (segments, zx_ring_segment_new ("未开始", 0, ZX_CHART_GREY));
  zx_ring_chart_set_segments (ZX_RING_CHART (chart), segments, "65%", "on track");
  return chart;
}

static GtkWidget *
heat_map (void)
{
  GtkWidget *chart = zx_heat_map_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_heat_row_free);
  static const char *labels[] = { "On track", "At risk", "Off track", "Not started" };
  static const ZxChartColor colors[] = { ZX_CHART_GREEN, ZX_CHART_ORANGE, ZX_CHART_VERMILION, ZX_CHART_GREY };

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("心血管内科 %u", i + 1);
      ZxHeatRow *row = zx_heat_row_new (name);

      row->counts[0] = i * 2;
      row->counts[1] = 3;
      row->counts[2] = 5 - i;
      g_ptr_array_add (rows, row);
    }
  zx_heat_map_set_data (ZX_HEAT_MAP (chart), rows, labels, colors, 4);
  return chart;
}

typedef GtkWidget *(*MakeChart) (void);

/* Non-background pixels of a texture */
static guint
inked (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) w * h * 4);
  guint n = 0;

  gdk_texture_download (texture, data, w * 4);
  for (gsize i = 0; i < (gsize) w * h; i++)
    if (memcmp (data + i * 4, data, 4) != 0)
      n++;
  return n;
}

static void
test_render (gconstpointer data)
{
  MakeChart make = (MakeChart) data;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = make ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  static const int sizes[][2] = { { 400, 300 }, { 1200, 500 }, { 120, 80 } };

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (chart);
  settle ();

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      settle ();
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(GdkTexture) texture = zx_chart_render_texture (ZX_CHART (chart), sizes[i][0], sizes[i][1]);

          g_assert_nonnull (texture);
          g_assert_cmpint (gdk_texture_get_width (texture), ==, sizes[i][0]);
          g_assert_cmpint (gdk_texture_get_height (texture), ==, sizes[i][1]);
          g_assert_cmpuint (inked (texture), >, 100);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* drawn in the window: hit areas with tooltips */
  g_assert_cmpuint (zx_chart_get_n_hits (ZX_CHART (chart)), >, 0);
  {
    gboolean found = FALSE;
    int w = gtk_widget_get_width (chart), h = gtk_widget_get_height (chart);

    for (int y = 0; y < h && !found; y += 3)
      for (int x = 0; x < w && !found; x += 7)
        found = zx_chart_hit_at (ZX_CHART (chart), x, y, NULL) != NULL;
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The same render functions on a cairo image surface, as export uses them */
static void
test_cairo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) bars = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_bar_item_free);
  ZxChartPainter painter;
  const guchar *data;
  guint n = 0;

  g_ptr_array_add (bars, zx_bar_item_new ("人才与学科建设", 0.5, 0.6, ZX_CHART_GREEN, NULL));
  zx_chart_painter_init_cairo (&painter, cr, 10, FALSE);
  zx_bar_chart_render (bars, NULL, NULL, 0, "Expected pace", &painter, 600, 400, NULL);
  zx_chart_painter_clear (&painter);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int i = 0; i < 600 * 400; i++)
    n += data[i * 4 + 3] != 0;
  g_assert_cmpuint (n, >, 1000);
  cairo_surface_destroy (surface);
}

static void
fatal_warnings (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();
  fatal_warnings ();

  g_test_add_data_func ("/charts/bar", bar_chart, test_render);
  g_test_add_data_func ("/charts/line", line_chart, test_render);
  g_test_add_data_func ("/charts/ring", ring_chart, test_render);
  g_test_add_data_func ("/charts/heat-map", heat_map, test_render);
  g_test_add_func ("/charts/cairo", test_cairo);

  return g_test_run ();
}
