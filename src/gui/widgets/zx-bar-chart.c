/* zx-bar-chart.c — horizontal bars with expected-pace markers
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-bar-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-bar-chart.h"

#define MAX_LEGEND 6

struct _ZxBarChart
{
  ZxChart       parent_instance;
  GPtrArray    *items;
  ZxChartColor  legend_colors[MAX_LEGEND];
  char         *legend_labels[MAX_LEGEND + 1];
  guint         n_legend;
  char         *marker_legend;
};

G_DEFINE_FINAL_TYPE (ZxBarChart, zx_bar_chart, ZX_TYPE_CHART)

ZxBarItem *
zx_bar_item_new (const char   *label,
                 double        value,
                 double        marker,
                 ZxChartColor  color,
                 const char   *tooltip)
{
  ZxBarItem *item = g_new0 (ZxBarItem, 1);

  item->label = g_strdup (label);
  item->value = CLAMP (value, 0, 1);
  item->marker = marker < 0 ? -1 : CLAMP (marker, 0, 1);
  item->color = color;
  item->tooltip = g_strdup (tooltip);
  return item;
}

void
zx_bar_item_free (ZxBarItem *item)
{
  if (item == NULL)
    return;
  g_free (item->label);
  g_free (item->tooltip);
  g_free (item);
}

static double
line_height (ZxChartPainter *painter)
{
  g_autoptr(PangoLayout) layout = zx_chart_layout (painter, "Ag国", 1, FALSE);
  double h;

  zx_chart_layout_size (layout, NULL, &h);
  return h;
}

double
zx_bar_chart_height_for (ZxChartPainter *painter,
                         guint           n_items)
{
  double line = line_height (painter);

  /* legend, rows, axis labels */
  return line * 1.6 + n_items * line * 2.2 + line * 1.4;
}

void
zx_bar_chart_render (GPtrArray           *items,
                     const ZxChartColor  *legend_colors,
                     const char * const  *legend_labels,
                     guint                n_legend,
                     const char          *marker_legend,
                     ZxChartPainter      *painter,
                     double               width,
                     double               height,
                     GArray              *hits)
{
  double line = line_height (painter);
  double row_h = line * 2.2, bar_h = line * 1.1;
  double label_w = 0, value_w, plot_x, plot_w, y;
  GdkRGBA fg = zx_chart_fg (painter, 1), grid = zx_chart_fg (painter, 0.15), track = zx_chart_fg (painter, 0.07);
  ZxChartColor colors[MAX_LEGEND + 1];
  const char *labels[MAX_LEGEND + 1];
  guint n = 0;

  for (guint i = 0; i < n_legend && n < MAX_LEGEND; i++, n++)
    {
      colors[n] = legend_colors[i];
      labels[n] = legend_labels[i];
    }
  if (marker_legend != NULL)
    {
      colors[n] = ZX_CHART_N_COLORS;
      labels[n++] = marker_legend;
    }
  y = 0;
  if (n > 0)
    y += zx_chart_draw_legend (painter, 0, 0, colors, labels, n) + line * 0.6;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ZxBarItem *item = g_ptr_array_index (items, i);
      g_autoptr(PangoLayout) layout = zx_chart_layout (painter, item->label, 1, FALSE);
      double w;

      zx_chart_layout_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
    }
  label_w = MIN (label_w + line * 0.8, width * 0.38);
  {
    g_autoptr(PangoLayout) layout = zx_chart_layout (painter, "100%", 1, TRUE);
    zx_chart_layout_size (layout, &value_w, NULL);
    value_w += line * 0.6;
  }
  plot_x = label_w;
  plot_w = MAX (width - label_w - value_w, 10);

  /* grid and axis */
  {
    double rows_h = (items ? items->len : 0) * row_h;

    for (int t = 0; t <= 4; t++)
      {
        double x = plot_x + plot_w * t / 4.0;
        g_autofree char *text = g_strdup_printf ("%d%%", t * 25);
        g_autoptr(PangoLayout) layout = zx_chart_layout (painter, text, 0.85, FALSE);
        double tw;
        GdkRGBA muted = zx_chart_fg (painter, 0.7);

        zx_chart_fill_rect (painter, x - 0.5, y, 1, rows_h, &grid);
        zx_chart_layout_size (layout, &tw, NULL);
        /* only 0, 50 and 100% when the quarters' labels would touch */
        if (t % 2 == 1 && plot_w / 4 < value_w * 1.2)
          continue;
        zx_chart_draw_layout (painter, layout, CLAMP (x - tw / 2, 0, width - tw), y + rows_h + line * 0.2, &muted);
      }
  }

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ZxBarItem *item = g_ptr_array_index (items, i);
      g_autoptr(PangoLayout) label = zx_chart_layout (painter, item->label, 1, FALSE);
      g_autofree char *value_text = g_strdup_printf ("%.0f%%", item->value * 100);
      g_autoptr(PangoLayout) value = zx_chart_layout (painter, value_text, 1, TRUE);
      double by = y + (row_h - bar_h) / 2, lh;
      GdkRGBA c;

      pango_layout_set_width (label, pango_units_from_double (label_w - line * 0.6));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      zx_chart_layout_size (label, NULL, &lh);
      zx_chart_draw_layout (painter, label, 0, y + (row_h - lh) / 2, &fg);

      zx_chart_fill_rect (painter, plot_x, by, plot_w, bar_h, &track);
      zx_chart_color (painter, item->color, &c);
      zx_chart_fill_rect (painter, plot_x, by, plot_w * item->value, bar_h, &c);
      if (item->marker >= 0)
        {
          double mx = plot_x + plot_w * item->marker;
          double mw = MAX (2.5, line * 0.14);

          /* a bar in the background colour around the marker keeps it apart from the fill */
          zx_chart_fill_rect (painter, mx - mw / 2 - 1, by - line * 0.25, mw + 2, bar_h + line * 0.5, &painter->bg);
          zx_chart_fill_rect (painter, mx - mw / 2, by - line * 0.25, mw, bar_h + line * 0.5, &fg);
        }
      zx_chart_draw_layout (painter, value, plot_x + plot_w + line * 0.4, y + (row_h - lh) / 2, &fg);
      zx_chart_add_hit (hits, 0, y, width, row_h, i, g_strdup (item->tooltip ? item->tooltip : item->label));
      y += row_h;
    }
}

static void
zx_bar_chart_render_vfunc (ZxChart        *chart,
                           ZxChartPainter *painter,
                           double          width,
                           double          height,
                           GArray         *hits)
{
  ZxBarChart *self = ZX_BAR_CHART (chart);

  zx_bar_chart_render (self->items, self->legend_colors, (const char * const *) self->legend_labels,
                       self->n_legend, self->marker_legend, painter, width, height, hits);
}

static void
zx_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  ZxBarChart *self = ZX_BAR_CHART (widget);
  ZxChartPainter painter = { 0 };

  painter.pango = gtk_widget_get_pango_context (widget);
  painter.font = (PangoFontDescription *) pango_context_get_font_description (painter.pango);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 240;
  else
    *minimum = *natural = (int) ceil (zx_bar_chart_height_for (&painter, self->items ? self->items->len : 0));
}

static void
zx_bar_chart_finalize (GObject *object)
{
  ZxBarChart *self = ZX_BAR_CHART (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  for (guint i = 0; i < self->n_legend; i++)
    g_free (self->legend_labels[i]);
  g_free (self->marker_legend);
  G_OBJECT_CLASS (zx_bar_chart_parent_class)->finalize (object);
}

static void
zx_bar_chart_class_init (ZxBarChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_bar_chart_finalize;
  GTK_WIDGET_CLASS (klass)->measure = zx_bar_chart_measure;
  ZX_CHART_CLASS (klass)->render = zx_bar_chart_render_vfunc;
}

static void
zx_bar_chart_init (ZxBarChart *self)
{
}

GtkWidget *
zx_bar_chart_new (void)
{
  return g_object_new (ZX_TYPE_BAR_CHART, NULL);
}

void
zx_bar_chart_set_items (ZxBarChart          *self,
                        GPtrArray           *items,
                        const ZxChartColor  *legend_colors,
                        const char * const  *legend_labels,
                        guint                n_legend,
                        const char          *marker_legend)
{
  GString *description = g_string_new (NULL);

  g_return_if_fail (ZX_IS_BAR_CHART (self));

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items ? g_ptr_array_ref (items) : NULL;
  for (guint i = 0; i < self->n_legend; i++)
    g_clear_pointer (&self->legend_labels[i], g_free);
  self->n_legend = MIN (n_legend, MAX_LEGEND);
  for (guint i = 0; i < self->n_legend; i++)
    {
      self->legend_colors[i] = legend_colors[i];
      self->legend_labels[i] = g_strdup (legend_labels[i]);
    }
  g_free (self->marker_legend);
  self->marker_legend = g_strdup (marker_legend);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ZxBarItem *item = g_ptr_array_index (items, i);

      if (description->len > 0)
        g_string_append (description, "; ");
      g_string_append (description, item->tooltip ? item->tooltip : item->label);
    }
  zx_chart_changed (ZX_CHART (self), description->str);
  g_string_free (description, TRUE);
}

GPtrArray *
zx_bar_chart_get_items (ZxBarChart *self)
{
  g_return_val_if_fail (ZX_IS_BAR_CHART (self), NULL);
  return self->items;
}
