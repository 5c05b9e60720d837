/* zx-line-chart.h — lines over a row of labelled points (weeks), values
 * from 0 to 100%, with a y axis, x labels, a legend and a tooltip per point
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-chart.h"

G_BEGIN_DECLS

typedef struct
{
  char         *name;
  ZxChartColor  color;
  gboolean      dashed;
  GArray       *values;    /* double 0–1, one per x label */
} ZxLineSeries;

ZxLineSeries *zx_line_series_new  (const char   *name,
                                   ZxChartColor  color,
                                   gboolean      dashed);
void          zx_line_series_free (ZxLineSeries *series);

#define ZX_TYPE_LINE_CHART (zx_line_chart_get_type ())

G_DECLARE_FINAL_TYPE (ZxLineChart, zx_line_chart, ZX, LINE_CHART, ZxChart)

GtkWidget *zx_line_chart_new      (void);
/* @labels: char* per point; @series: ZxLineSeries* (references kept) */
void       zx_line_chart_set_data (ZxLineChart *self,
                                   GPtrArray   *labels,
                                   GPtrArray   *series);

/* Optional, before set_data(): the values are in units (NAN: no value,
 * the line breaks), drawn from @min at the bottom to @max at the top, the
 * axis and tooltips in numbers with @unit (may be NULL) */
void       zx_line_chart_set_scale (ZxLineChart *self,
                                    double       min,
                                    double       max,
                                    const char  *unit);

void       zx_line_chart_render   (GPtrArray      *labels,
                                   GPtrArray      *series,
                                   ZxChartPainter *painter,
                                   double          width,
                                   double          height,
                                   GArray         *hits);

G_END_DECLS
