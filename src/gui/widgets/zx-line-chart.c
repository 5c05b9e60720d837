/* zx-line-chart.c — lines over weeks
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-line-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-line-chart.h"

struct _ZxLineChart
{
  ZxChart    parent_instance;
  GPtrArray *labels;
  GPtrArray *series;
  /* zx_line_chart_set_scale(): values in units from min to max */
  gboolean   scaled;
  double     min, max;
  char      *unit;
};

typedef struct
{
  double      min, max;
  const char *unit;
} Scale;

/* A value as drawn: 0 at the bottom, 1 at the top */
static double
scale_norm (const Scale *scale,
            double       v)
{
  if (scale == NULL)
    return v;
  return scale->max > scale->min ? (v - scale->min) / (scale->max - scale->min) : 0.5;
}

static char *
scale_format (const Scale *scale,
              double       v,
              gboolean     with_unit)
{
  double span;
  int decimals;

  if (scale == NULL)
    return g_strdup_printf ("%.0f%%", v * 100);
  span = fabs (scale->max - scale->min);
  decimals = span >= 20 ? 0 : span >= 2 ? 1 : span >= 0.2 ? 2 : 3;
  return g_strdup_printf ("%.*f%s%s", decimals, v,
                          with_unit && scale->unit != NULL && !g_str_equal (scale->unit, "%") ? " " : "",
                          with_unit && scale->unit != NULL ? scale->unit : "");
}

static void render_scaled (GPtrArray      *labels,
                           GPtrArray      *series,
                           const Scale    *scale,
                           ZxChartPainter *painter,
                           double          width,
                           double          height,
                           GArray         *hits);

G_DEFINE_FINAL_TYPE (ZxLineChart, zx_line_chart, ZX_TYPE_CHART)

ZxLineSeries *
zx_line_series_new (const char   *name,
                    ZxChartColor  color,
                    gboolean      dashed)
{
  ZxLineSeries *series = g_new0 (ZxLineSeries, 1);

  series->name = g_strdup (name);
  series->color = color;
  series->dashed = dashed;
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
  return series;
}

void
zx_line_series_free (ZxLineSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

void
zx_line_chart_render (GPtrArray      *labels,
                      GPtrArray      *series,
                      ZxChartPainter *painter,
                      double          width,
                      double          height,
                      GArray         *hits)
{
  render_scaled (labels, series, NULL, painter, width, height, hits);
}

static void
render_scaled (GPtrArray      *labels,
               GPtrArray      *series,
               const Scale    *scale,
               ZxChartPainter *painter,
               double          width,
               double          height,
               GArray         *hits)
{
  g_autofree char *widest = scale != NULL ? scale_format (scale, fabs (scale->max) > fabs (scale->min) ? scale->max : scale->min, FALSE)
                                          : g_strdup ("100%");
  g_autoptr(PangoLayout) probe = zx_chart_layout (painter, widest, 0.85, FALSE);
  GdkRGBA grid = zx_chart_fg (painter, 0.15), muted = zx_chart_fg (painter, 0.7);
  double axis_w, line, legend_h = 0, plot_x, plot_y, plot_w, plot_h, step;
  guint n = labels ? labels->len : 0, label_every;
  cairo_t *cr;

  zx_chart_layout_size (probe, &axis_w, &line);
  axis_w += line * 0.5;

  if (series != NULL && series->len > 0)
    {
      ZxChartColor colors[4];
      const char *names[4];
      guint k = MIN (series->len, 4);

      for (guint i = 0; i < k; i++)
        {
          ZxLineSeries *s = g_ptr_array_index (series, i);
          colors[i] = s->color;
          names[i] = s->name;
        }
      legend_h = zx_chart_draw_legend (painter, 0, 0, colors, names, k) + line * 0.6;
    }

  plot_x = axis_w;
  plot_y = legend_h + line * 0.5;
  plot_w = MAX (width - axis_w - line, 10);
  plot_h = MAX (height - plot_y - line * 1.8, 10);

  for (int t = 0; t <= 4; t++)
    {
      double y = plot_y + plot_h * (1 - t / 4.0);
      g_autofree char *text = scale != NULL ? scale_format (scale, scale->min + (scale->max - scale->min) * t / 4.0, FALSE)
                                            : g_strdup_printf ("%d%%", t * 25);
      g_autoptr(PangoLayout) layout = zx_chart_layout (painter, text, 0.85, FALSE);
      double tw, th;

      zx_chart_fill_rect (painter, plot_x, y - 0.5, plot_w, 1, &grid);
      zx_chart_layout_size (layout, &tw, &th);
      zx_chart_draw_layout (painter, layout, axis_w - tw - line * 0.3, y - th / 2, &muted);
    }
  if (n == 0)
    return;

  step = n > 1 ? plot_w / (n - 1) : 0;
  /* as many x labels as fit */
  {
    double lw;
    g_autoptr(PangoLayout) layout = zx_chart_layout (painter, g_ptr_array_index (labels, 0), 0.85, FALSE);

    zx_chart_layout_size (layout, &lw, NULL);
    label_every = MAX (1, (guint) ceil ((lw + line) / MAX (step, 1)));
  }
  for (guint i = 0; i < n; i += label_every)
    {
      g_autoptr(PangoLayout) layout = zx_chart_layout (painter, g_ptr_array_index (labels, i), 0.85, FALSE);
      double tw, x = plot_x + step * i;

      zx_chart_layout_size (layout, &tw, NULL);
      zx_chart_fill_rect (painter, x - 0.5, plot_y + plot_h, 1, line * 0.25, &grid);
      zx_chart_draw_layout (painter, layout, CLAMP (x - tw / 2, 0, width - tw), plot_y + plot_h + line * 0.3, &muted);
    }

  cr = zx_chart_begin_cairo (painter, 0, 0, width, height);
  for (guint s = 0; series != NULL && s < series->len; s++)
    {
      ZxLineSeries *ls = g_ptr_array_index (series, s);
      GdkRGBA c;

      zx_chart_color (painter, ls->color, &c);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_set_line_width (cr, MAX (2, line * 0.15));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (ls->dashed)
        {
          double dash[] = { line * 0.5, line * 0.3 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      else
        cairo_set_dash (cr, NULL, 0, 0);
      /* a missing point (NAN) breaks the line */
      for (guint i = 0, drawn = 0; i < MIN (n, ls->values->len); i++)
        {
          double v = g_array_index (ls->values, double, i);
          double x = plot_x + step * i, y = plot_y + plot_h * (1 - CLAMP (scale_norm (scale, v), 0, 1));

          if (isnan (v))
            {
              drawn = 0;
              continue;
            }
          if (drawn++ == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      if (!ls->dashed && ls->values->len > 0)
        {
          guint last = MIN (n, ls->values->len) - 1;
          double v = g_array_index (ls->values, double, last);
          double x = plot_x + step * last, y = plot_y + plot_h * (1 - CLAMP (scale_norm (scale, v), 0, 1));

          if (!isnan (v))
            {
              cairo_arc (cr, x, y, MAX (3, line * 0.22), 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }
    }
  zx_chart_end_cairo (painter, cr);

  for (guint i = 0; i < n; i++)
    {
      GString *tip = g_string_new (g_ptr_array_index (labels, i));
      double x = plot_x + step * i;

      for (guint s = 0; series != NULL && s < series->len; s++)
        {
          ZxLineSeries *ls = g_ptr_array_index (series, s);

          if (i < ls->values->len && !isnan (g_array_index (ls->values, double, i)))
            {
              g_autofree char *text = scale_format (scale, g_array_index (ls->values, double, i), TRUE);

              g_string_append_printf (tip, "\n%s: %s", ls->name, text);
            }
        }
      zx_chart_add_hit (hits, x - MAX (step, 8) / 2, plot_y, MAX (step, 8), plot_h, i, g_string_free (tip, FALSE));
    }
}

static void
zx_line_chart_render_vfunc (ZxChart        *chart,
                            ZxChartPainter *painter,
                            double          width,
                            double          height,
                            GArray         *hits)
{
  ZxLineChart *self = ZX_LINE_CHART (chart);
  Scale scale = { self->min, self->max, self->unit };

  render_scaled (self->labels, self->series, self->scaled ? &scale : NULL, painter, width, height, hits);
}

static void
zx_line_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 240;
}

static void
zx_line_chart_finalize (GObject *object)
{
  ZxLineChart *self = ZX_LINE_CHART (object);

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_free (self->unit);
  G_OBJECT_CLASS (zx_line_chart_parent_class)->finalize (object);
}

static void
zx_line_chart_class_init (ZxLineChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_line_chart_finalize;
  GTK_WIDGET_CLASS (klass)->measure = zx_line_chart_measure;
  ZX_CHART_CLASS (klass)->render = zx_line_chart_render_vfunc;
}

static void
zx_line_chart_init (ZxLineChart *self)
{
}

GtkWidget *
zx_line_chart_new (void)
{
  return g_object_new (ZX_TYPE_LINE_CHART, NULL);
}

void
zx_line_chart_set_data (ZxLineChart *self,
                        GPtrArray   *labels,
                        GPtrArray   *series)
{
  GString *description = g_string_new (NULL);

  g_return_if_fail (ZX_IS_LINE_CHART (self));
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->labels = labels ? g_ptr_array_ref (labels) : NULL;
  self->series = series ? g_ptr_array_ref (series) : NULL;

  for (guint s = 0; series != NULL && labels != NULL && labels->len > 0 && s < series->len; s++)
    {
      ZxLineSeries *ls = g_ptr_array_index (series, s);

      if (ls->values->len == 0)
        continue;
      if (self->scaled)
        {
          Scale scale = { self->min, self->max, self->unit };
          g_autofree char *first = scale_format (&scale, g_array_index (ls->values, double, 0), TRUE);
          g_autofree char *last = scale_format (&scale, g_array_index (ls->values, double, ls->values->len - 1), TRUE);

          /* Translators: a line of a chart: its name, the first and last points */
          g_string_append_printf (description, _("%s: %s in %s, %s in %s. "), ls->name,
                                  first, (char *) g_ptr_array_index (labels, 0),
                                  last, (char *) g_ptr_array_index (labels, MIN (labels->len, ls->values->len) - 1));
          continue;
        }
      /* Translators: a line of a chart: its name, the first and last points */
      g_string_append_printf (description, _("%s: %.0f%% in %s, %.0f%% in %s. "), ls->name,
                              g_array_index (ls->values, double, 0) * 100, (char *) g_ptr_array_index (labels, 0),
                              g_array_index (ls->values, double, ls->values->len - 1) * 100,
                              (char *) g_ptr_array_index (labels, MIN (labels->len, ls->values->len) - 1));
    }
  zx_chart_changed (ZX_CHART (self), description->str);
  g_string_free (description, TRUE);
}

void
zx_line_chart_set_scale (ZxLineChart *self,
                         double       min,
                         double       max,
                         const char  *unit)
{
  g_return_if_fail (ZX_IS_LINE_CHART (self));

  self->scaled = TRUE;
  self->min = min;
  self->max = max;
  g_free (self->unit);
  self->unit = g_strdup (unit);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
