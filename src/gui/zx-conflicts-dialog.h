/* zx-conflicts-dialog.h — conflicts and refused changes, for the person to settle
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_CONFLICTS_DIALOG (zx_conflicts_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZxConflictsDialog, zx_conflicts_dialog, ZX, CONFLICTS_DIALOG, AdwWindow)

GtkWidget *zx_conflicts_dialog_new  (GtkWindow *parent,
                                     ZxContext *context);
/* Presents the dialog over @parent: the one already open, else a new one */
GtkWidget *zx_conflicts_dialog_show (GtkWindow *parent,
                                     ZxContext *context);

G_END_DECLS
