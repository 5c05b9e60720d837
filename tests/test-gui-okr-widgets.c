/* test-gui-okr-widgets.c — the OKR area's drawing widgets: pace bar and check-in chart
 *
 * Runs under Xvfb with the application's style sheet loaded, as
 * AdwApplication would.
 *
 *   test-gui-okr-widgets --shots DIR
 *
 * only writes DIR/pace-bars-{light,dark}.png and
 * DIR/check-in-chart-*-{light,dark}.png to look at.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "okr/zx-check-in-chart.h"
#include "okr/zx-pace-bar.h"
#include "zx-test-gui.h"

/* Helpers ------------------------------------------------------------------------- */

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A window holding @child at @width × @height, shown */
static GtkWidget *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_vexpand (child, TRUE);
  gtk_box_append (GTK_BOX (box), child);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (child);
  return window;
}

/* The widget's own drawing, now, as an image of its size */
static cairo_surface_t *
render (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpint (w, >, 0);
  g_assert_cmpint (h, >, 0);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (node != NULL)
    {
      cr = cairo_create (surface);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
    }
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

static guint
count_painted (cairo_surface_t *surface)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += (pixel (surface, x, y) >> 24) != 0;
  return n;
}

static guint
count_colors (cairo_surface_t *surface)
{
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      g_hash_table_add (colors, GUINT_TO_POINTER (pixel (surface, x, y)));
  return g_hash_table_size (colors);
}

static void
assert_accessible_text (GtkWidget              *widget,
                        GtkAccessibleProperty   property,
                        const char             *expected)
{
  g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, expected);

  if (problem != NULL)
    g_error ("accessible property: %s", problem);
}

static GDate *
date (const char *iso)
{
  GDate *d = g_date_new ();

  g_date_set_parse (d, iso);
  g_assert_true (g_date_valid (d));
  return d;
}

/* A KR's check-ins: @n weekly ones from the cycle's second Monday, going from
 * @start towards @target with some wobble */
static void
set_weekly_points (ZxCheckInChart *chart,
                   guint           n,
                   double          start,
                   double          target)
{
  g_autofree GDate *dates = g_new0 (GDate, MAX (n, 1));
  g_autofree double *values = g_new0 (double, MAX (n, 1));
  g_autofree gboolean *has = g_new0 (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_date_clear (&dates[i], 1);
      g_date_set_dmy (&dates[i], 9, G_DATE_JANUARY, 2026);
      g_date_add_days (&dates[i], 7 * i);
      values[i] = start + (target - start) * (i + 1) / 14.0 + ((int) (i % 3) - 1) * 0.04 * (target - start);
      values[i] = round (values[i] * 10) / 10;
      has[i] = i != 4;    /* one check-in without a value */
    }
  zx_check_in_chart_set_points (chart, dates, values, has, n);
}

static void
set_quarter_kr (ZxCheckInChart *chart,
                const char     *kind,
                double          start,
                double          target,
                const char     *unit)
{
  g_autoptr(GDate) cycle_start = date ("2026-01-01");
  g_autoptr(GDate) cycle_end = date ("2026-03-31");
  g_autoptr(GDate) due = date ("2026-03-20");
  g_autoptr(GDate) today = date ("2026-03-12");

  zx_check_in_chart_set_key_result (chart, kind, start, target, unit, cycle_start, cycle_end,
                                    g_str_equal (kind, "milestone") ? due : NULL);
  zx_check_in_chart_set_today (chart, today);
}

/* Pace bar --------------------------------------------------------------------------- */

static void
test_pace_bar_accessible (void)
{
  GtkWidget *bar = g_object_ref_sink (zx_pace_bar_new ());
  g_autofree char *health = NULL;
  double progress;
  gboolean has_progress;

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_ROLE_PROGRESS_BAR));
  g_assert_true (gtk_widget_has_css_class (bar, "not-started"));

  zx_pace_bar_set (ZX_PACE_BAR (bar), 0.6, 0.45, "at_risk", TRUE);
  assert_accessible_text (bar, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "60%, expected 45%, at risk");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 60.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0);
  g_assert_true (gtk_widget_has_css_class (bar, "at-risk"));
  g_assert_false (gtk_widget_has_css_class (bar, "not-started"));

  /* each property keeps it current */
  g_object_set (bar, "progress", 0.7, NULL);
  assert_accessible_text (bar, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "70%, expected 45%, at risk");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 70.0);
  zx_pace_bar_set_expected (ZX_PACE_BAR (bar), 0.5);
  zx_pace_bar_set_health (ZX_PACE_BAR (bar), "on_track");
  assert_accessible_text (bar, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "70%, expected 50%, on track");
  g_assert_true (gtk_widget_has_css_class (bar, "on-track"));
  g_assert_false (gtk_widget_has_css_class (bar, "at-risk"));

  /* past the target it reads as it is, the bar stays full */
  zx_pace_bar_set_progress (ZX_PACE_BAR (bar), 1.2);
  assert_accessible_text (bar, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "120%, expected 50%, on track");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 100.0);

  zx_pace_bar_set_health (ZX_PACE_BAR (bar), "off_track");
  zx_pace_bar_set_progress (ZX_PACE_BAR (bar), 0.2);
  assert_accessible_text (bar, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "20%, expected 50%, off track");

  zx_pace_bar_set_has_progress (ZX_PACE_BAR (bar), FALSE);
  assert_accessible_text (bar, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "No progress recorded, expected 50%");

  /* an unknown health reads as not started */
  zx_pace_bar_set_health (ZX_PACE_BAR (bar), "bogus");
  g_assert_cmpstr (zx_pace_bar_get_health (ZX_PACE_BAR (bar)), ==, "not_started");

  g_object_get (bar, "progress", &progress, "health", &health, "has-progress", &has_progress, NULL);
  g_assert_cmpfloat (progress, ==, 0.2);
  g_assert_cmpstr (health, ==, "not_started");
  g_assert_false (has_progress);

  g_assert_finalize_object (bar);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  /* the bar's own properties, not GtkWidget's css-classes */
  if (pspec->owner_type == ZX_TYPE_PACE_BAR)
    (*(guint *) data)++;
}

static void
test_pace_bar_notify (void)
{
  GtkWidget *bar = g_object_ref_sink (zx_pace_bar_new ());
  guint n = 0;

  g_signal_connect (bar, "notify", G_CALLBACK (notify_cb), &n);
  zx_pace_bar_set (ZX_PACE_BAR (bar), 0.5, 0.4, "on_track", TRUE);
  g_assert_cmpuint (n, ==, 3);    /* progress, expected, health; has-progress was TRUE */
  n = 0;
  zx_pace_bar_set (ZX_PACE_BAR (bar), 0.5, 0.4, "on_track", TRUE);
  g_object_set (bar, "health", "on_track", "progress", 0.5, NULL);
  g_assert_cmpuint (n, ==, 0);
  g_assert_finalize_object (bar);
}

static void
test_pace_bar_colors (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *on = zx_pace_bar_new (), *off = zx_pace_bar_new (), *none = zx_pace_bar_new ();
  GtkWidget *window;
  cairo_surface_t *on_image, *off_image, *none_image;
  guint32 on_fill, off_fill, on_track, marker;

  zx_pace_bar_set (ZX_PACE_BAR (on), 0.8, 0.5, "on_track", TRUE);
  zx_pace_bar_set (ZX_PACE_BAR (off), 0.8, 0.5, "off_track", TRUE);
  zx_pace_bar_set (ZX_PACE_BAR (none), 0.8, 0.5, "not_started", FALSE);
  gtk_box_append (GTK_BOX (box), on);
  gtk_box_append (GTK_BOX (box), off);
  gtk_box_append (GTK_BOX (box), none);
  window = show_in_window (box, 140, 42);
  drain ();
  g_assert_cmpint (gtk_widget_get_width (on), ==, 140);
  g_assert_cmpint (gtk_widget_get_height (on), ==, 10);

  on_image = render (on);
  off_image = render (off);
  none_image = render (none);
  g_assert_cmpuint (count_painted (on_image), >, 140 * 4);

  /* the fill (at 20%) is opaque and coloured by health; the track past 80% is not the fill */
  on_fill = pixel (on_image, 28, 5);
  off_fill = pixel (off_image, 28, 5);
  on_track = pixel (on_image, 130, 5);
  marker = pixel (on_image, 70, 1);
  g_assert_cmphex (on_fill >> 24, ==, 0xff);
  g_assert_cmphex (off_fill >> 24, ==, 0xff);
  g_assert_cmphex (on_fill, !=, off_fill);
  g_assert_cmphex (on_track, !=, on_fill);
  g_assert_cmphex (on_track >> 24, >, 0);
  g_assert_cmphex (on_track >> 24, <, 0x80);
  /* the pace marker reaches above the track */
  g_assert_cmphex (marker >> 24, >, 0x80);
  g_assert_cmphex (pixel (on_image, 28, 1) >> 24, ==, 0);
  /* green is green, red is red */
  g_assert_cmpuint ((on_fill >> 8) & 0xff, >, (on_fill >> 16) & 0xff);
  g_assert_cmpuint ((off_fill >> 16) & 0xff, >, (off_fill >> 8) & 0xff);

  /* no progress: dashes and no fill */
  g_assert_cmpuint (count_painted (none_image), >, 0);
  g_assert_cmpuint (count_painted (none_image), <, count_painted (on_image) / 2);
  g_assert_cmphex (pixel (none_image, 28, 1) >> 24, ==, 0);

  cairo_surface_destroy (on_image);
  cairo_surface_destroy (off_image);
  cairo_surface_destroy (none_image);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Check-in chart ----------------------------------------------------------------------- */

static void
test_chart_renders (void)
{
  GtkWidget *chart = zx_check_in_chart_new ();
  GtkWidget *window;
  cairo_surface_t *image;
  guint empty_colors, one_colors, ten_colors;

  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG));
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_LABEL, "Check-in history");

  set_quarter_kr (ZX_CHECK_IN_CHART (chart), "numeric", 62, 85, "%");
  window = show_in_window (chart, 600, 260);

  image = render (chart);
  empty_colors = count_colors (image);
  g_assert_cmpuint (count_painted (image), >, 1000);
  cairo_surface_destroy (image);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No check-ins yet; target 85%");

  set_weekly_points (ZX_CHECK_IN_CHART (chart), 1, 62, 85);
  image = render (chart);
  one_colors = count_colors (image);
  cairo_surface_destroy (image);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                          "1 check-in; latest 62.7% on 2026-01-09; target 85%");

  set_weekly_points (ZX_CHECK_IN_CHART (chart), 10, 62, 85);
  image = render (chart);
  ten_colors = count_colors (image);
  cairo_surface_destroy (image);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                          "10 check-ins; latest 77.5% on 2026-03-13; target 85%");

  /* the values bring the accent colour in */
  g_assert_cmpuint (one_colors, >, 4);
  g_assert_cmpuint (ten_colors, >, empty_colors);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_chart_small (void)
{
  GtkWidget *chart = zx_check_in_chart_new ();
  GtkWidget *window;
  cairo_surface_t *image;
  double y;

  set_quarter_kr (ZX_CHECK_IN_CHART (chart), "numeric", 9.0, 7.0, "days");
  set_weekly_points (ZX_CHECK_IN_CHART (chart), 10, 9.0, 7.0);
  window = show_in_window (chart, 320, 180);
  g_assert_cmpint (gtk_widget_get_width (chart), ==, 320);
  g_assert_cmpint (gtk_widget_get_height (chart), ==, 180);
  image = render (chart);
  g_assert_cmpuint (count_painted (image), >, 1000);
  cairo_surface_destroy (image);
  y = zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 7.0);
  g_assert_cmpfloat (y, >, 0);
  g_assert_cmpfloat (y, <, 180);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_chart_direction (void)
{
  GtkWidget *chart = g_object_ref_sink (zx_check_in_chart_new ());
  double y_start, y_target;

  /* lower is better: the target is drawn below the start */
  set_quarter_kr (ZX_CHECK_IN_CHART (chart), "numeric", 9.0, 7.0, "天");
  set_weekly_points (ZX_CHECK_IN_CHART (chart), 6, 9.0, 7.0);
  y_start = zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 9.0);
  y_target = zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 7.0);
  g_assert_cmpfloat (y_target, >, y_start);
  g_assert_cmpfloat (y_start, >, 0);
  g_assert_cmpfloat (y_target, <, 260);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                          "6 check-ins; latest 8.1天 on 2026-02-13; target 7天");

  /* higher is better: above */
  set_quarter_kr (ZX_CHECK_IN_CHART (chart), "numeric", 40, 90, "cases");
  y_start = zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 40);
  y_target = zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 90);
  g_assert_cmpfloat (y_target, <, y_start);

  /* one value, start and target equal: still a range */
  set_quarter_kr (ZX_CHECK_IN_CHART (chart), "numeric", 5, 5, NULL);
  zx_check_in_chart_set_points (ZX_CHECK_IN_CHART (chart), NULL, NULL, NULL, 0);
  g_assert_true (isfinite (zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 5)));

  g_assert_finalize_object (chart);
}

static void
test_chart_milestone (void)
{
  GtkWidget *chart = zx_check_in_chart_new ();
  GtkWidget *window;
  GDate dates[3];
  double values[3] = { 0, 0, 1 };
  cairo_surface_t *image;

  set_quarter_kr (ZX_CHECK_IN_CHART (chart), "milestone", 0, 0, NULL);
  window = show_in_window (chart, 600, 260);
  image = render (chart);
  cairo_surface_destroy (image);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No check-ins yet");

  for (guint i = 0; i < 3; i++)
    {
      g_date_clear (&dates[i], 1);
      g_date_set_dmy (&dates[i], 2 + 7 * i, G_DATE_FEBRUARY, 2026);
    }
  zx_check_in_chart_set_points (ZX_CHECK_IN_CHART (chart), dates, values, NULL, 3);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "3 check-ins; reached on 2026-02-16");
  g_assert_cmpfloat (zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 1), <,
                     zx_check_in_chart_value_to_y (ZX_CHECK_IN_CHART (chart), 0));
  image = render (chart);
  g_assert_cmpuint (count_colors (image), >, 4);
  cairo_surface_destroy (image);

  values[2] = 0;
  zx_check_in_chart_set_points (ZX_CHECK_IN_CHART (chart), dates, values, NULL, 3);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                          "3 check-ins; not reached as of 2026-02-16");

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_chart_no_values (void)
{
  GtkWidget *chart = g_object_ref_sink (zx_check_in_chart_new ());
  GDate dates[2];
  double values[2] = { 0, 0 };
  gboolean has[2] = { FALSE, FALSE };

  set_quarter_kr (ZX_CHECK_IN_CHART (chart), "numeric", 0, 12, "papers");
  for (guint i = 0; i < 2; i++)
    {
      g_date_clear (&dates[i], 1);
      g_date_set_dmy (&dates[i], 5 + 7 * i, G_DATE_JANUARY, 2026);
    }
  zx_check_in_chart_set_points (ZX_CHECK_IN_CHART (chart), dates, values, has, 2);
  assert_accessible_text (chart, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                          "2 check-ins without a value; target 12 papers");
  g_assert_finalize_object (chart);
}

/* Screenshots ------------------------------------------------------------------------------ */

static void
write_png (GtkWidget  *widget,
           const char *dir,
           const char *name,
           gboolean    dark)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.png", dir, name, dark ? "dark" : "light");
  GtkWidget *window = gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * 2, h * 2);
  cairo_t *cr = cairo_create (surface);
  GdkRGBA bg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (window), "window_bg_color", &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_scale (cr, 2, 2);
  gdk_cairo_set_source_rgba (cr, &bg);
  cairo_paint (cr);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_print ("wrote %s\n", path);
}

static GtkWidget *
pace_bar_row (GtkWidget  *grid,
              int         row,
              const char *label,
              double      progress,
              double      expected,
              const char *health,
              gboolean    has_progress)
{
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *bar = zx_pace_bar_new ();
  g_autofree char *number = has_progress ? g_strdup_printf ("%d%%", (int) round (progress * 100)) : g_strdup ("—");
  GtkWidget *value = gtk_label_new (number);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (value, "dim-label");
  zx_pace_bar_set (ZX_PACE_BAR (bar), progress, expected, health, has_progress);
  gtk_grid_attach (GTK_GRID (grid), title, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), bar, 1, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), value, 2, row, 1, 1);
  return bar;
}

static int
shots (const char *dir)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *small;
  GtkWidget *charts[4];
  const char *names[4] = { "check-in-chart-percent", "check-in-chart-lower", "check-in-chart-milestone",
                           "check-in-chart-empty" };
  GDate mdates[3];
  double mvalues[3] = { 0, 0, 1 };
  g_autoptr(GDate) year_start = date ("2026-01-01");
  g_autoptr(GDate) year_end = date ("2026-12-31");
  g_autoptr(GDate) may = date ("2026-05-15");

  load_style ();
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  pace_bar_row (grid, 0, "门诊预约率提升至 85%", 0.62, 0.45, "on_track", TRUE);
  pace_bar_row (grid, 1, "平均住院日降至 7 天", 0.38, 0.55, "at_risk", TRUE);
  pace_bar_row (grid, 2, "发表 SCI 论文 12 篇", 0.12, 0.55, "off_track", TRUE);
  pace_bar_row (grid, 3, "完成胸痛中心认证", 0, 0.3, "not_started", FALSE);
  pace_bar_row (grid, 4, "Patient satisfaction 95%", 1.0, 0.6, "on_track", TRUE);
  pace_bar_row (grid, 5, "Day surgery share 30%", 0.02, 0.1, "not_started", TRUE);
  gtk_widget_set_size_request (grid, 420, -1);
  gtk_box_append (GTK_BOX (box), grid);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      charts[i] = zx_check_in_chart_new ();
      gtk_widget_set_size_request (charts[i], i == 3 ? 320 : 600, i == 3 ? 180 : 260);
      gtk_widget_set_halign (charts[i], GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), charts[i]);
    }
  set_quarter_kr (ZX_CHECK_IN_CHART (charts[0]), "percentage", 62, 85, "%");
  set_weekly_points (ZX_CHECK_IN_CHART (charts[0]), 10, 62, 85);
  set_quarter_kr (ZX_CHECK_IN_CHART (charts[1]), "numeric", 9.0, 7.0, "天");
  set_weekly_points (ZX_CHECK_IN_CHART (charts[1]), 9, 9.0, 7.0);
  set_quarter_kr (ZX_CHECK_IN_CHART (charts[2]), "milestone", 0, 1, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_date_clear (&mdates[i], 1);
      g_date_set_dmy (&mdates[i], 2 + 12 * i, G_DATE_FEBRUARY, 2026);
    }
  zx_check_in_chart_set_points (ZX_CHECK_IN_CHART (charts[2]), mdates, mvalues, NULL, 3);
  zx_check_in_chart_set_key_result (ZX_CHECK_IN_CHART (charts[3]), "numeric", 0, 12, "篇",
                                    year_start, year_end, NULL);
  zx_check_in_chart_set_today (ZX_CHECK_IN_CHART (charts[3]), may);

  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (charts[2]);
  /* the smallest size, alone */
  g_object_ref (charts[3]);
  gtk_box_remove (GTK_BOX (box), charts[3]);
  small = show_in_window (charts[3], 320, 180);
  g_object_unref (charts[3]);

  for (int dark = 0; dark <= 1; dark++)
    {
      adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      wait_ms (300);
      drain ();
      write_png (grid, dir, "pace-bars", dark);
      for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
        write_png (charts[i], dir, names[i], dark);
    }
  gtk_window_destroy (GTK_WINDOW (small));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--shots"))
      {
        gtk_init ();
        adw_init ();
        return shots (argv[i + 1]);
      }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();

  g_test_add_func ("/gui/okr-widgets/pace-bar/accessible", test_pace_bar_accessible);
  g_test_add_func ("/gui/okr-widgets/pace-bar/notify", test_pace_bar_notify);
  g_test_add_func ("/gui/okr-widgets/pace-bar/colors", test_pace_bar_colors);
  g_test_add_func ("/gui/okr-widgets/check-in-chart/renders", test_chart_renders);
  g_test_add_func ("/gui/okr-widgets/check-in-chart/small", test_chart_small);
  g_test_add_func ("/gui/okr-widgets/check-in-chart/direction", test_chart_direction);
  g_test_add_func ("/gui/okr-widgets/check-in-chart/milestone", test_chart_milestone);
  g_test_add_func ("/gui/okr-widgets/check-in-chart/no-values", test_chart_no_values);

  return g_test_run ();
}
