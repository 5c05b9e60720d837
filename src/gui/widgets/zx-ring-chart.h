/* zx-ring-chart.h — a ring of shares with a figure in its centre and a
 * legend with counts and percentages
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
  double        value;
  ZxChartColor  color;
} ZxRingSegment;

ZxRingSegment *zx_ring_segment_new  (const char    *label,
                                     double         value,
                                     ZxChartColor   color);
void           zx_ring_segment_free (ZxRingSegment *segment);

#define ZX_TYPE_RING_CHART (zx_ring_chart_get_type ())

G_DECLARE_FINAL_TYPE (ZxRingChart, zx_ring_chart, ZX, RING_CHART, ZxChart)

GtkWidget *zx_ring_chart_new          (void);
/* @segments: ZxRingSegment* (reference kept); @center the big figure,
 * @caption the line under it */
void       zx_ring_chart_set_segments (ZxRingChart *self,
                                       GPtrArray   *segments,
                                       const char  *center,
                                       const char  *caption);

void       zx_ring_chart_render       (GPtrArray      *segments,
                                       const char     *center,
                                       const char     *caption,
                                       ZxChartPainter *painter,
                                       double          width,
                                       double          height,
                                       GArray         *hits);

G_END_DECLS
