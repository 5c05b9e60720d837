/* zx-pace-bar.h — an OKR row's progress against the expected pace
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZX_TYPE_PACE_BAR (zx_pace_bar_get_type ())

G_DECLARE_FINAL_TYPE (ZxPaceBar, zx_pace_bar, ZX, PACE_BAR, GtkWidget)

/* A compact bar (about 140×10, expands horizontally) for a GtkColumnView
 * cell: a track, the progress fill coloured by health and a thin marker at
 * the expected pace.
 *
 * Properties:
 *   progress      double   the fraction done; drawn clamped to 0–1, read out
 *                          as it is (a KR past its target reads "120%")
 *   expected      double   0–1, where the KR should be by now
 *   health        string   "not_started", "on_track", "at_risk", "off_track";
 *                          anything else reads as "not_started"
 *   has-progress  boolean  FALSE: no check-in with a value yet; only an
 *                          empty, dashed track is drawn
 *
 * CSS: the node is zx-pace-bar with one of the classes .not-started,
 * .on-track, .at-risk, .off-track; the fill is drawn in its `color`
 * (src/gui/style.css sets libadwaita's success/warning/error colours), the
 * track and the marker in the colour it inherits.  Accessible role:
 * progress bar, with value text such as "60%, expected 45%, at risk". */

GtkWidget  *zx_pace_bar_new              (void);

double      zx_pace_bar_get_progress     (ZxPaceBar  *self);
void        zx_pace_bar_set_progress     (ZxPaceBar  *self,
                                          double      progress);
double      zx_pace_bar_get_expected     (ZxPaceBar  *self);
void        zx_pace_bar_set_expected     (ZxPaceBar  *self,
                                          double      expected);
const char *zx_pace_bar_get_health       (ZxPaceBar  *self);
void        zx_pace_bar_set_health       (ZxPaceBar  *self,
                                          const char *health);
gboolean    zx_pace_bar_get_has_progress (ZxPaceBar  *self);
void        zx_pace_bar_set_has_progress (ZxPaceBar  *self,
                                          gboolean    has_progress);

/* Sets all four at once, with one redraw and one accessible update (for
 * GtkSignalListItemFactory::bind) */
void        zx_pace_bar_set              (ZxPaceBar  *self,
                                          double      progress,
                                          double      expected,
                                          const char *health,
                                          gboolean    has_progress);

G_END_DECLS
