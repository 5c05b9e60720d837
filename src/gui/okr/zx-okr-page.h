/* zx-okr-page.h — the OKR area: aligned trees, check-ins and the weekly review
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"
#include "zx-okr-model.h"

G_BEGIN_DECLS

#define ZX_TYPE_OKR_PAGE (zx_okr_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxOkrPage, zx_okr_page, ZX, OKR_PAGE, AdwBin)

GtkWidget   *zx_okr_page_new            (ZxContext   *context);
ZxOkrModel  *zx_okr_page_get_model      (ZxOkrPage   *self);
/* The cycle shown */
const char  *zx_okr_page_get_cycle      (ZxOkrPage   *self);
void         zx_okr_page_set_cycle      (ZxOkrPage   *self,
                                         const char  *cycle_id);
/* The selected objective or key result, or NULL */
ZxOkrItem   *zx_okr_page_get_selected   (ZxOkrPage   *self);
/* Selects @id, expanding the rows above it; FALSE when it is not in the
 * cycle's trees as filtered */
gboolean     zx_okr_page_select         (ZxOkrPage   *self,
                                         const char  *id);
/* The rows as shown (GtkTreeListRow of ZxOkrItem) */
GListModel  *zx_okr_page_get_rows       (ZxOkrPage   *self);
/* "tree" or "review" */
void         zx_okr_page_set_view       (ZxOkrPage   *self,
                                         const char  *name);
/* The detail panel (for tests) */
GtkWidget   *zx_okr_page_get_detail     (ZxOkrPage   *self);

G_END_DECLS
