/* zx-bar-chart.h — horizontal bars from 0 to 100%, each with an optional
 * marker (the expected pace), labels on the left, values on the right, an
 * axis and a legend
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-chart.h"

G_BEGIN_DECLS

typedef struct
{
  char         *label;
  double        value;     /* 0–1 */
  double        marker;    /* 0–1; negative: none */
  ZxChartColor  color;
  char         *tooltip;
} ZxBarItem;

ZxBarItem *zx_bar_item_new  (const char   *label,
                             double        value,
                             double        marker,
                             ZxChartColor  color,
                             const char   *tooltip);
void       zx_bar_item_free (ZxBarItem    *item);

#define ZX_TYPE_BAR_CHART (zx_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (ZxBarChart, zx_bar_chart, ZX, BAR_CHART, ZxChart)

GtkWidget *zx_bar_chart_new       (void);
/* @items: ZxBarItem* (the chart keeps a reference); the legend names the
 * bars' colours (@legend_colors, @n) and, when @marker_legend is not NULL,
 * the marker. */
void       zx_bar_chart_set_items (ZxBarChart          *self,
                                   GPtrArray           *items,
                                   const ZxChartColor  *legend_colors,
                                   const char * const  *legend_labels,
                                   guint                n_legend,
                                   const char          *marker_legend);
GPtrArray *zx_bar_chart_get_items (ZxBarChart          *self);

/* Draws @items on @painter within @width × @height; @hits may be NULL */
void       zx_bar_chart_render    (GPtrArray           *items,
                                   const ZxChartColor  *legend_colors,
                                   const char * const  *legend_labels,
                                   guint                n_legend,
                                   const char          *marker_legend,
                                   ZxChartPainter      *painter,
                                   double               width,
                                   double               height,
                                   GArray              *hits);
/* The height @n_items bars need with @painter's font */
double     zx_bar_chart_height_for (ZxChartPainter     *painter,
                                    guint               n_items);

G_END_DECLS
