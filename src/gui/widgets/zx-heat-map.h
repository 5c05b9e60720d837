/* zx-heat-map.h — rows × columns of counts, each cell shaded by its share
 * of the row in its column's colour, with row and column labels
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-chart.h"

G_BEGIN_DECLS

#define ZX_HEAT_MAP_MAX_COLUMNS 6

typedef struct
{
  char  *label;
  guint  counts[ZX_HEAT_MAP_MAX_COLUMNS];
} ZxHeatRow;

ZxHeatRow *zx_heat_row_new  (const char *label);
void       zx_heat_row_free (ZxHeatRow  *row);

#define ZX_TYPE_HEAT_MAP (zx_heat_map_get_type ())

G_DECLARE_FINAL_TYPE (ZxHeatMap, zx_heat_map, ZX, HEAT_MAP, ZxChart)

GtkWidget *zx_heat_map_new      (void);
/* @rows: ZxHeatRow* (reference kept); @n_columns labels and colours */
void       zx_heat_map_set_data (ZxHeatMap           *self,
                                 GPtrArray           *rows,
                                 const char * const  *column_labels,
                                 const ZxChartColor  *column_colors,
                                 guint                n_columns);

void       zx_heat_map_render   (GPtrArray           *rows,
                                 const char * const  *column_labels,
                                 const ZxChartColor  *column_colors,
                                 guint                n_columns,
                                 ZxChartPainter      *painter,
                                 double               width,
                                 double               height,
                                 GArray              *hits);
/* The height @n_rows need with @painter's font */
double     zx_heat_map_height_for (ZxChartPainter   *painter,
                                   guint             n_rows);

G_END_DECLS
