/* zx-heat-map.c — rows × columns of shaded counts
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-heat-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-heat-map.h"

struct _ZxHeatMap
{
  ZxChart       parent_instance;
  GPtrArray    *rows;
  char         *labels[ZX_HEAT_MAP_MAX_COLUMNS + 1];
  ZxChartColor  colors[ZX_HEAT_MAP_MAX_COLUMNS];
  guint         n_columns;
};

G_DEFINE_FINAL_TYPE (ZxHeatMap, zx_heat_map, ZX_TYPE_CHART)

ZxHeatRow *
zx_heat_row_new (const char *label)
{
  ZxHeatRow *row = g_new0 (ZxHeatRow, 1);

  row->label = g_strdup (label);
  return row;
}

void
zx_heat_row_free (ZxHeatRow *row)
{
  if (row == NULL)
    return;
  g_free (row->label);
  g_free (row);
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
zx_heat_map_height_for (ZxChartPainter *painter,
                        guint           n_rows)
{
  double line = line_height (painter);

  return line * 1.8 + n_rows * line * 1.6;
}

static char *
row_text (ZxHeatRow          *row,
          const char * const *labels,
          guint               n_columns)
{
  GString *s = g_string_new (row->label);

  g_string_append (s, ": ");
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (s, c == 0 ? "%s %u" : ", %s %u", labels[c], row->counts[c]);
  return g_string_free (s, FALSE);
}

static GdkRGBA
blend (const GdkRGBA *color,
       const GdkRGBA *bg,
       double         share)
{
  GdkRGBA c;

  c.red = bg->red + (color->red - bg->red) * share;
  c.green = bg->green + (color->green - bg->green) * share;
  c.blue = bg->blue + (color->blue - bg->blue) * share;
  c.alpha = 1;
  return c;
}

void
zx_heat_map_render (GPtrArray           *rows,
                    const char * const  *column_labels,
                    const ZxChartColor  *column_colors,
                    guint                n_columns,
                    ZxChartPainter      *painter,
                    double               width,
                    double               height,
                    GArray              *hits)
{
  double line = line_height (painter), row_h = line * 1.6, label_w = 0, cell_w, y;
  GdkRGBA fg = zx_chart_fg (painter, 1), muted = zx_chart_fg (painter, 0.75);
  guint n = rows ? rows->len : 0;

  n_columns = MIN (n_columns, ZX_HEAT_MAP_MAX_COLUMNS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = zx_chart_layout (painter, ((ZxHeatRow *) g_ptr_array_index (rows, i))->label, 1, FALSE);
      double w;

      zx_chart_layout_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
    }
  label_w = MIN (label_w + line, width * 0.4);
  cell_w = n_columns > 0 ? (width - label_w) / n_columns : 0;

  /* column heads */
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = zx_chart_layout (painter, column_labels[c], 0.9, TRUE);
      double tw;
      GdkRGBA color;

      pango_layout_set_width (layout, pango_units_from_double (cell_w - line * 0.3));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      zx_chart_layout_size (layout, &tw, NULL);
      zx_chart_draw_layout (painter, layout, label_w + cell_w * c + (cell_w - tw) / 2, 0, &muted);
      zx_chart_color (painter, column_colors[c], &color);
      zx_chart_fill_rect (painter, label_w + cell_w * c + 2, line * 1.25, cell_w - 4, MAX (2, line * 0.15), &color);
    }
  y = line * 1.8;

  for (guint i = 0; i < n; i++)
    {
      ZxHeatRow *row = g_ptr_array_index (rows, i);
      g_autoptr(PangoLayout) label = zx_chart_layout (painter, row->label, 1, FALSE);
      guint total = 0;
      double lh;

      if (y > height)
        break;
      for (guint c = 0; c < n_columns; c++)
        total += row->counts[c];
      pango_layout_set_width (label, pango_units_from_double (label_w - line * 0.5));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      zx_chart_layout_size (label, NULL, &lh);
      zx_chart_draw_layout (painter, label, 0, y + (row_h - lh) / 2, &fg);

      for (guint c = 0; c < n_columns; c++)
        {
          double share = total > 0 ? (double) row->counts[c] / total : 0;
          GdkRGBA color, cell, text_color;
          g_autofree char *text = g_strdup_printf ("%u", row->counts[c]);
          g_autoptr(PangoLayout) layout = zx_chart_layout (painter, text, 1, share >= 0.5);
          double tw, th;

          zx_chart_color (painter, column_colors[c], &color);
          cell = row->counts[c] > 0 ? blend (&color, &painter->bg, 0.15 + 0.85 * share) : zx_chart_fg (painter, 0.04);
          zx_chart_fill_rect (painter, label_w + cell_w * c + 1, y + 1, cell_w - 2, row_h - 2, &cell);
          text_color = row->counts[c] > 0 ? zx_chart_contrast (&cell) : zx_chart_fg (painter, 0.4);
          zx_chart_layout_size (layout, &tw, &th);
          zx_chart_draw_layout (painter, layout, label_w + cell_w * c + (cell_w - tw) / 2, y + (row_h - th) / 2,
                                &text_color);
        }
      zx_chart_add_hit (hits, 0, y, width, row_h, i, row_text (row, column_labels, n_columns));
      y += row_h;
    }
}

static void
zx_heat_map_render_vfunc (ZxChart        *chart,
                          ZxChartPainter *painter,
                          double          width,
                          double          height,
                          GArray         *hits)
{
  ZxHeatMap *self = ZX_HEAT_MAP (chart);

  zx_heat_map_render (self->rows, (const char * const *) self->labels, self->colors, self->n_columns,
                      painter, width, height, hits);
}

static void
zx_heat_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  ZxHeatMap *self = ZX_HEAT_MAP (widget);
  ZxChartPainter painter = { 0 };

  painter.pango = gtk_widget_get_pango_context (widget);
  painter.font = (PangoFontDescription *) pango_context_get_font_description (painter.pango);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 300;
  else
    *minimum = *natural = (int) ceil (zx_heat_map_height_for (&painter, self->rows ? self->rows->len : 0));
}

static void
zx_heat_map_finalize (GObject *object)
{
  ZxHeatMap *self = ZX_HEAT_MAP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  for (guint i = 0; i < self->n_columns; i++)
    g_free (self->labels[i]);
  G_OBJECT_CLASS (zx_heat_map_parent_class)->finalize (object);
}

static void
zx_heat_map_class_init (ZxHeatMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_heat_map_finalize;
  GTK_WIDGET_CLASS (klass)->measure = zx_heat_map_measure;
  ZX_CHART_CLASS (klass)->render = zx_heat_map_render_vfunc;
}

static void
zx_heat_map_init (ZxHeatMap *self)
{
}

GtkWidget *
zx_heat_map_new (void)
{
  return g_object_new (ZX_TYPE_HEAT_MAP, NULL);
}

void
zx_heat_map_set_data (ZxHeatMap           *self,
                      GPtrArray           *rows,
                      const char * const  *column_labels,
                      const ZxChartColor  *column_colors,
                      guint                n_columns)
{
  GString *description = g_string_new (NULL);

  g_return_if_fail (ZX_IS_HEAT_MAP (self));
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows ? g_ptr_array_ref (rows) : NULL;
  for (guint i = 0; i < self->n_columns; i++)
    g_clear_pointer (&self->labels[i], g_free);
  self->n_columns = MIN (n_columns, ZX_HEAT_MAP_MAX_COLUMNS);
  for (guint i = 0; i < self->n_columns; i++)
    {
      self->labels[i] = g_strdup (column_labels[i]);
      self->colors[i] = column_colors[i];
    }
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autofree char *text = row_text (g_ptr_array_index (rows, i), column_labels, self->n_columns);
      g_string_append_printf (description, "%s; ", text);
    }
  zx_chart_changed (ZX_CHART (self), description->str);
  g_string_free (description, TRUE);
}
