/* zx-window.h — the main window: welcome page or the areas
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-application.h"
#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_WINDOW (zx_window_get_type ())

G_DECLARE_FINAL_TYPE (ZxWindow, zx_window, ZX, WINDOW, AdwApplicationWindow)

ZxWindow   *zx_window_new           (ZxApplication *application,
                                     ZxContext     *context);
ZxContext  *zx_window_get_context   (ZxWindow      *self);
void        zx_window_add_toast     (ZxWindow      *self,
                                     AdwToast      *toast);
/* Shows the area with @id ("people"); FALSE when there is no such area. */
gboolean    zx_window_show_area     (ZxWindow      *self,
                                     const char    *id);
/* The page of the area @id, or NULL before the main page was shown. */
GtkWidget  *zx_window_get_area_page (ZxWindow      *self,
                                     const char    *id);
/* "welcome" or "main" */
const char *zx_window_get_visible_page (ZxWindow   *self);

/* Shows @error in a dialog over the window of @widget: for refusals and
 * failures that need more than a toast. */
void        zx_show_error_dialog    (GtkWidget     *widget,
                                     const char    *heading,
                                     const char    *message);
/* Adds @toast to the ZxWindow @widget is in (or whose editor it is). */
void        zx_widget_add_toast     (GtkWidget     *widget,
                                     AdwToast      *toast);
/* A toast saying @text, which may hold names with “&” or “<” (a toast's
 * title is markup, so it is escaped here). */
void        zx_widget_show_message  (GtkWidget     *widget,
                                     const char    *text);

/* Alt+1, Alt+2… activate @action (with a string parameter) with the
 * names in @views on the area page @page wherever the focus is in the
 * window, while @page is shown. */
void        zx_page_add_view_shortcuts (GtkWidget          *page,
                                        const char         *action,
                                        const char * const *views);

/* @accelerator (as gtk_shortcut_trigger_parse_string() reads it, such as
 * "<Control>p") activates @action on @page wherever the focus is in the
 * window, while @page is shown. */
void        zx_page_add_shortcut       (GtkWidget          *page,
                                        const char         *accelerator,
                                        const char         *action);

G_END_DECLS
