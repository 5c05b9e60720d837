/* zx-cockpit-page.h — the Cockpit area (驾驶舱): leadership's live view of
 * strategy execution, with drill-down, warnings, presentation and export
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-cockpit.h"
#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_COCKPIT_PAGE (zx_cockpit_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxCockpitPage, zx_cockpit_page, ZX, COCKPIT_PAGE, AdwBin)

GtkWidget  *zx_cockpit_page_new           (ZxContext     *context);
/* The figures shown (NULL before the first computation) */
ZxCockpit  *zx_cockpit_page_get_cockpit   (ZxCockpitPage *self);
/* ZxWarning* as listed */
GPtrArray  *zx_cockpit_page_get_warnings  (ZxCockpitPage *self);
/* Recomputes now instead of after the store settles */
void        zx_cockpit_page_refresh       (ZxCockpitPage *self);
/* The day the figures are for (NULL: today, the default); recomputes */
void        zx_cockpit_page_set_today     (ZxCockpitPage *self,
                                           const GDate   *today);
/* The pillar chart, the department heat map (for tests) */
GtkWidget  *zx_cockpit_page_get_pillar_chart (ZxCockpitPage *self);
GtkWidget  *zx_cockpit_page_get_heat_map  (ZxCockpitPage *self);
/* The warnings listed (a GtkListBox, filled once the page is painted, a
 * page of 25 at a time) */
GtkWidget  *zx_cockpit_page_get_warning_list (ZxCockpitPage *self);
/* Shows the drill-down of a "pillar", "department", "key_result" or
 * "decision" (pushed on the drill history) */
void        zx_cockpit_page_drill         (ZxCockpitPage *self,
                                           const char    *entity,
                                           const char    *id);
/* "overview" or "drill", and the drill-down's title */
const char *zx_cockpit_page_get_view      (ZxCockpitPage *self);
const char *zx_cockpit_page_get_drill_title (ZxCockpitPage *self);

G_END_DECLS
