/* zx-preferences-window.h — the Preferences window
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_PREFERENCES_WINDOW (zx_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ZxPreferencesWindow, zx_preferences_window, ZX, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* A new preferences window, modal over @parent, showing and changing the
 * settings of @context (which must have settings) */
GtkWidget *zx_preferences_window_new  (GtkWindow *parent,
                                       ZxContext *context);
/* Presents the preferences window of @parent: the one already open over
 * it, else a new one.  Returns it (owned by GTK). */
GtkWidget *zx_preferences_window_show (GtkWindow *parent,
                                       ZxContext *context);

/* Shows the Server page, with the focus where the person goes next: the
 * first empty entry of the sign-in, or Sync Now */
void       zx_preferences_window_show_server (ZxPreferencesWindow *self);

G_END_DECLS
