/* zx-deletion.h — delete a row with a toast that can undo it
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-store.h"

G_BEGIN_DECLS

#define ZX_TYPE_DELETION (zx_deletion_get_type ())

G_DECLARE_FINAL_TYPE (ZxDeletion, zx_deletion, ZX, DELETION, GObject)

/* One per page: it remembers the page's last deletion for Undo. */
ZxDeletion *zx_deletion_new    (GtkWidget   *page);

/* Deletes the row through @store.  When the store refuses, its reason is
 * shown in a dialog and FALSE returned; otherwise a toast “Deleted
 * “@name”” offers Undo, which zx_deletion_undo() (Ctrl+Z) also does. */
gboolean    zx_deletion_delete (ZxDeletion  *self,
                                ZxStore     *store,
                                const char  *entity,
                                const char  *id,
                                const char  *name);
/* Restores the last deletion, once, and dismisses its toast. */
void        zx_deletion_undo   (ZxDeletion  *self);
/* Forgets the last deletion (the page is going away, or moved on). */
void        zx_deletion_forget (ZxDeletion  *self);

G_END_DECLS
