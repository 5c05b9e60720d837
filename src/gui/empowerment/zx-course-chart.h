/* zx-course-chart.h — completion and satisfaction as horizontal bars
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-empowerment.h"

G_BEGIN_DECLS

#define ZX_TYPE_COURSE_CHART (zx_course_chart_get_type ())

G_DECLARE_FINAL_TYPE (ZxCourseChart, zx_course_chart, ZX, COURSE_CHART, GtkWidget)

GtkWidget *zx_course_chart_new      (void);
/* @stats: ZxCourseStat; copied */
void       zx_course_chart_set_stats (ZxCourseChart *self,
                                      GPtrArray     *stats);
guint      zx_course_chart_get_n_rows (ZxCourseChart *self);
/* The text of row @index as read aloud and shown in its tooltip */
char      *zx_course_chart_describe_row (ZxCourseChart *self,
                                         guint          index);

G_END_DECLS
