/* zx-sync-indicator.h — the sync state in the header bar, with its popover
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_SYNC_INDICATOR (zx_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (ZxSyncIndicator, zx_sync_indicator, ZX, SYNC_INDICATOR, GtkWidget)

void        zx_sync_indicator_set_context (ZxSyncIndicator *self,
                                           ZxContext       *context);
/* The text the button's tooltip and accessible label give now */
const char *zx_sync_indicator_get_text    (ZxSyncIndicator *self);

/* Opens Preferences → Server over the window of @widget */
void        zx_sync_show_server_preferences (GtkWidget *widget,
                                             ZxContext *context);

G_END_DECLS
