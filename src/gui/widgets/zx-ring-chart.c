/* zx-ring-chart.c — a ring of shares
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-ring-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-ring-chart.h"

struct _ZxRingChart
{
  ZxChart    parent_instance;
  GPtrArray *segments;
  char      *center;
  char      *caption;
};

G_DEFINE_FINAL_TYPE (ZxRingChart, zx_ring_chart, ZX_TYPE_CHART)

ZxRingSegment *
zx_ring_segment_new (const char   *label,
                     double        value,
                     ZxChartColor  color)
{
  ZxRingSegment *s = g_new0 (ZxRingSegment, 1);

  s->label = g_strdup (label);
  s->value = MAX (value, 0);
  s->color = color;
  return s;
}

void
zx_ring_segment_free (ZxRingSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->label);
  g_free (segment);
}

static double
total_of (GPtrArray *segments)
{
  double total = 0;

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    total += ((ZxRingSegment *) g_ptr_array_index (segments, i))->value;
  return total;
}

static char *
segment_text (ZxRingSegment *s,
              double         total)
{
  /* Translators: a share in a ring chart: label, count, percent */
  return g_strdup_printf (_("%s: %.0f (%.0f%%)"), s->label, s->value, total > 0 ? s->value * 100 / total : 0);
}

void
zx_ring_chart_render (GPtrArray      *segments,
                      const char     *center,
                      const char     *caption,
                      ZxChartPainter *painter,
                      double          width,
                      double          height,
                      GArray         *hits)
{
  double total = total_of (segments), line, legend_w = 0, size, cx, cy, r, thickness, angle = -G_PI / 2;
  GdkRGBA fg = zx_chart_fg (painter, 1), muted = zx_chart_fg (painter, 0.7), track = zx_chart_fg (painter, 0.08);
  guint n = segments ? segments->len : 0;
  cairo_t *cr;

  {
    g_autoptr(PangoLayout) probe = zx_chart_layout (painter, "Ag国", 1, FALSE);
    zx_chart_layout_size (probe, NULL, &line);
  }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = segment_text (g_ptr_array_index (segments, i), total);
      g_autoptr(PangoLayout) layout = zx_chart_layout (painter, text, 1, FALSE);
      double w;

      zx_chart_layout_size (layout, &w, NULL);
      legend_w = MAX (legend_w, w + line * 1.4);
    }
  legend_w = MIN (legend_w, width * 0.55);
  size = MIN (height, width - legend_w - line);
  size = MAX (size, line * 4);
  r = size / 2;
  thickness = r * 0.28;
  cx = r;
  cy = height / 2;

  cr = zx_chart_begin_cairo (painter, 0, cy - r, size, size);
  cairo_set_line_width (cr, thickness);
  gdk_cairo_set_source_rgba (cr, &track);
  cairo_arc (cr, cx, cy, r - thickness / 2, 0, 2 * G_PI);
  cairo_stroke (cr);
  for (guint i = 0; i < n && total > 0; i++)
    {
      ZxRingSegment *s = g_ptr_array_index (segments, i);
      double sweep = 2 * G_PI * s->value / total;
      GdkRGBA c;

      if (sweep <= 0)
        continue;
      zx_chart_color (painter, s->color, &c);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_arc (cr, cx, cy, r - thickness / 2, angle, angle + sweep);
      cairo_stroke (cr);
      /* a thin gap in the background colour between segments */
      if (n > 1 && sweep < 2 * G_PI)
        {
          gdk_cairo_set_source_rgba (cr, &painter->bg);
          cairo_set_line_width (cr, MAX (1.5, line * 0.08));
          cairo_move_to (cr, cx + (r - thickness) * cos (angle), cy + (r - thickness) * sin (angle));
          cairo_line_to (cr, cx + r * cos (angle), cy + r * sin (angle));
          cairo_stroke (cr);
          cairo_set_line_width (cr, thickness);
        }
      angle += sweep;
    }
  zx_chart_end_cairo (painter, cr);

  if (center != NULL)
    {
      g_autoptr(PangoLayout) big = zx_chart_layout (painter, center, MAX (1.0, r / line * 0.45), TRUE);
      g_autoptr(PangoLayout) small = zx_chart_layout (painter, caption, 0.85, FALSE);
      double bw, bh, sw, sh;

      zx_chart_layout_size (big, &bw, &bh);
      pango_layout_set_width (small, pango_units_from_double ((r - thickness) * 1.6));
      pango_layout_set_alignment (small, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (small, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (small, -2);
      pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_END);
      zx_chart_layout_size (small, &sw, &sh);
      if (caption == NULL)
        sh = 0;
      zx_chart_draw_layout (painter, big, cx - bw / 2, cy - (bh + sh) / 2, &fg);
      if (caption != NULL)
        zx_chart_draw_layout (painter, small, cx - (r - thickness) * 0.8, cy - (bh + sh) / 2 + bh, &muted);
    }
  zx_chart_add_hit (hits, 0, cy - r, size, size, n, g_strdup (caption ? caption : ""));

  /* the legend */
  {
    double y = cy - n * line * 1.5 / 2, x = size + line;

    for (guint i = 0; i < n; i++)
      {
        ZxRingSegment *s = g_ptr_array_index (segments, i);
        g_autofree char *text = segment_text (s, total);
        g_autoptr(PangoLayout) layout = zx_chart_layout (painter, text, 1, FALSE);
        GdkRGBA c;

        pango_layout_set_width (layout, pango_units_from_double (MAX (width - x - line * 1.2, 10)));
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        zx_chart_color (painter, s->color, &c);
        zx_chart_fill_rect (painter, x, y + line * 0.15, line * 0.8, line * 0.7, &c);
        zx_chart_draw_layout (painter, layout, x + line * 1.2, y, &fg);
        zx_chart_add_hit (hits, x, y, width - x, line * 1.5, i, g_steal_pointer (&text));
        y += line * 1.5;
      }
  }
}

static void
zx_ring_chart_render_vfunc (ZxChart        *chart,
                            ZxChartPainter *painter,
                            double          width,
                            double          height,
                            GArray         *hits)
{
  ZxRingChart *self = ZX_RING_CHART (chart);

  zx_ring_chart_render (self->segments, self->center, self->caption, painter, width, height, hits);
}

static void
zx_ring_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 260 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 180;
}

static void
zx_ring_chart_finalize (GObject *object)
{
  ZxRingChart *self = ZX_RING_CHART (object);

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_free (self->center);
  g_free (self->caption);
  G_OBJECT_CLASS (zx_ring_chart_parent_class)->finalize (object);
}

static void
zx_ring_chart_class_init (ZxRingChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_ring_chart_finalize;
  GTK_WIDGET_CLASS (klass)->measure = zx_ring_chart_measure;
  ZX_CHART_CLASS (klass)->render = zx_ring_chart_render_vfunc;
}

static void
zx_ring_chart_init (ZxRingChart *self)
{
}

GtkWidget *
zx_ring_chart_new (void)
{
  return g_object_new (ZX_TYPE_RING_CHART, NULL);
}

void
zx_ring_chart_set_segments (ZxRingChart *self,
                            GPtrArray   *segments,
                            const char  *center,
                            const char  *caption)
{
  GString *description = g_string_new (NULL);
  double total = total_of (segments);

  g_return_if_fail (ZX_IS_RING_CHART (self));
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->segments = segments ? g_ptr_array_ref (segments) : NULL;
  g_free (self->center);
  self->center = g_strdup (center);
  g_free (self->caption);
  self->caption = g_strdup (caption);

  if (caption != NULL)
    g_string_append_printf (description, "%s %s. ", center ? center : "", caption);
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      g_autofree char *text = segment_text (g_ptr_array_index (segments, i), total);
      g_string_append_printf (description, "%s; ", text);
    }
  zx_chart_changed (ZX_CHART (self), description->str);
  g_string_free (description, TRUE);
}
