/* zx-cockpit-data.h — the cockpit's figures as the charts and tiles take
 * them; shared by the page, the presentation and the printed handout
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-chart.h"
#include "zx-cockpit.h"
#include "zx-warnings.h"

G_BEGIN_DECLS

/* The health columns in the order the cockpit shows them */
#define ZX_COCKPIT_N_COLUMNS 4
extern const ZxHealth zx_cockpit_column_health[ZX_COCKPIT_N_COLUMNS];

ZxChartColor zx_cockpit_health_color   (ZxHealth health);
/* The translated labels of the health columns, NULL-ended (static) */
const char * const *zx_cockpit_column_labels (void);
const ZxChartColor *zx_cockpit_column_colors (void);

typedef struct
{
  char *value;
  char *caption;
  char *detail;
  ZxChartColor color;    /* ZX_CHART_N_COLORS: none */
} ZxCockpitTile;

void       zx_cockpit_tile_free        (ZxCockpitTile *tile);
/* The overview tiles, in order: strategy progress, key results on track,
 * stale, overdue requests, pledges, courses, fund, warnings (@warnings
 * NULL: not computed yet) */
GPtrArray *zx_cockpit_make_tiles       (ZxCockpit     *cockpit,
                                        GPtrArray     *warnings,
                                        int            stale_days);

/* ZxBarItem* per pillar: progress, expected-pace marker, health colour */
GPtrArray *zx_cockpit_pillar_bars      (ZxCockpit     *cockpit);
/* The bar chart's legend: the health colours and the marker */
void       zx_cockpit_set_pillar_chart (GtkWidget     *bar_chart,
                                        GPtrArray     *bars);
/* ZxRingSegment* per health, of the current key results */
GPtrArray *zx_cockpit_health_segments  (ZxCockpit     *cockpit);
char      *zx_cockpit_ring_center      (ZxCockpit     *cockpit);
const char *zx_cockpit_ring_caption    (void);
/* The trend: week labels and the two series (progress, expected pace) */
void       zx_cockpit_trend_data       (ZxCockpit     *cockpit,
                                        GPtrArray    **labels,
                                        GPtrArray    **series);
/* ZxCockpitGroup* of the departments, those in most trouble first (share
 * off track, then at risk), at most @max (0: all) */
GPtrArray *zx_cockpit_departments_by_trouble (ZxCockpit *cockpit,
                                              guint      max);
/* ZxHeatRow* of those departments */
GPtrArray *zx_cockpit_heat_rows        (GPtrArray     *groups);

/* “62%” */
char      *zx_cockpit_percent          (double         share);
/* “22 November 2026” in the current language */
char      *zx_cockpit_format_date      (const GDate   *date);
/* The number of warnings not acknowledged */
guint      zx_cockpit_count_open       (GPtrArray     *warnings);

/* The GSettings thresholds (defaults when @settings is NULL) */
void       zx_cockpit_params_from_settings (GSettings       *settings,
                                            ZxWarningParams *params);

G_END_DECLS
