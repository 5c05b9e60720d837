/* zx-check-in-chart.h — one key result's check-ins across its cycle
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZX_TYPE_CHECK_IN_CHART (zx_check_in_chart_get_type ())

G_DECLARE_FINAL_TYPE (ZxCheckInChart, zx_check_in_chart, ZX, CHECK_IN_CHART, GtkWidget)

/* A line chart (minimum 320×180, natural 600×260) of a key result's check-in
 * values against its target and the expected pace, from the cycle's start
 * to its end: the values as a line with dots, the pace as a dashed line from
 * (cycle start, start value) to (due date or cycle end, target), the target
 * as a labelled horizontal line and today as a vertical line while the cycle
 * runs.  A milestone KR ("milestone") shows each check-in as a dot on
 * "Not reached" or "Reached".  Colours come from the style (accent for the
 * values, the text colour dimmed for the rest), so it follows dark mode and
 * high contrast.  Accessible role: image, labelled "Check-in history", with
 * a description such as "6 check-ins; latest 8.2 days on 2026-03-09;
 * target 7 days". */

GtkWidget *zx_check_in_chart_new             (void);

/* @kind: the KR's kind, "numeric", "percentage" or "milestone"; @unit may be
 * NULL or ""; a unit of "%" is put on the axis labels, any other above
 * them.  @due may be NULL; it is clamped into the cycle. */
void       zx_check_in_chart_set_key_result  (ZxCheckInChart *self,
                                              const char     *kind,
                                              double          start,
                                              double          target,
                                              const char     *unit,
                                              const GDate    *cycle_start,
                                              const GDate    *cycle_end,
                                              const GDate    *due);

/* The check-ins, copied, in any order (they are sorted by date; invalid
 * dates are skipped).  A point whose @has_value is FALSE is a check-in
 * without a value: it is counted and drawn as a small ring on the date axis.
 * For a milestone KR a point is reached when it has a value of 0.5 or more
 * (pass milestone_done as 1 or 0).  @has_value may be NULL (all have
 * values). */
void       zx_check_in_chart_set_points      (ZxCheckInChart *self,
                                              const GDate    *dates,
                                              const double   *values,
                                              const gboolean *has_value,
                                              guint           n);

/* The day drawn as "Today" (the default is the local date when the widget is
 * made); an invalid or NULL date hides the line */
void       zx_check_in_chart_set_today       (ZxCheckInChart *self,
                                              const GDate    *today);

/* For tests: the y coordinate, in the widget at its current size (600×260
 * before it has one), where @value is drawn; it grows downwards. */
double     zx_check_in_chart_value_to_y      (ZxCheckInChart *self,
                                              double          value);

G_END_DECLS
