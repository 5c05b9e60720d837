/* zx-presentation-window.h — the cockpit as fullscreen slides for meetings
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-store.h"
#include "zx-warnings.h"

G_BEGIN_DECLS

#define ZX_TYPE_PRESENTATION_WINDOW (zx_presentation_window_get_type ())

G_DECLARE_FINAL_TYPE (ZxPresentationWindow, zx_presentation_window, ZX, PRESENTATION_WINDOW, GtkWindow)

/* Computes the figures of @store on @today and shows them fullscreen: the
 * overview, one slide per pillar, the warnings.  Page Down, Right, Down,
 * Space and Enter go forward (a clicker sends Page Down), Page Up, Left,
 * Up and Backspace back, Home and End to the ends, Escape leaves. */
GtkWidget *zx_presentation_window_new         (ZxStore               *store,
                                               const GDate           *today,
                                               const ZxWarningParams *params);
guint      zx_presentation_window_get_n_slides (ZxPresentationWindow *self);
guint      zx_presentation_window_get_slide   (ZxPresentationWindow  *self);
void       zx_presentation_window_set_slide   (ZxPresentationWindow  *self,
                                               guint                  slide);

G_END_DECLS
