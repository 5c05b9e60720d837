/* zx-okr-item.h — one objective or key result in the OKR tree
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zx-okr-forest.h"
#include "zx-progress.h"

G_BEGIN_DECLS

#define ZX_TYPE_OKR_ITEM (zx_okr_item_get_type ())

G_DECLARE_FINAL_TYPE (ZxOkrItem, zx_okr_item, ZX, OKR_ITEM, GObject)

ZxOkrItem     *zx_okr_item_new               (const char      *id,
                                              ZxOkrNodeKind    kind);
const char    *zx_okr_item_get_id            (ZxOkrItem       *self);
ZxOkrNodeKind  zx_okr_item_get_kind          (ZxOkrItem       *self);
gboolean       zx_okr_item_is_objective      (ZxOkrItem       *self);
ZxOkrLevel     zx_okr_item_get_level         (ZxOkrItem       *self);
const char    *zx_okr_item_get_title         (ZxOkrItem       *self);
const char    *zx_okr_item_get_owner_id      (ZxOkrItem       *self);
const char    *zx_okr_item_get_owner         (ZxOkrItem       *self);
const char    *zx_okr_item_get_department_id (ZxOkrItem       *self);
const char    *zx_okr_item_get_department    (ZxOkrItem       *self);
/* Progress 0–1 and the expected pace; has-progress FALSE for an objective
 * without key results */
double         zx_okr_item_get_progress      (ZxOkrItem       *self);
double         zx_okr_item_get_expected      (ZxOkrItem       *self);
gboolean       zx_okr_item_get_has_progress  (ZxOkrItem       *self);
ZxHealth       zx_okr_item_get_health        (ZxOkrItem       *self);
gboolean       zx_okr_item_get_stale         (ZxOkrItem       *self);
/* 1–10, 0 when none */
int            zx_okr_item_get_confidence    (ZxOkrItem       *self);
/* Julian day of the latest check-in, 0 when none */
gint64         zx_okr_item_get_last_check_in (ZxOkrItem       *self);
/* A one-line summary of a key result's value, such as “8.0 / 7.0 days” */
const char    *zx_okr_item_get_value_text    (ZxOkrItem       *self);
gboolean       zx_okr_item_get_closed        (ZxOkrItem       *self);
gboolean       zx_okr_item_get_aligned       (ZxOkrItem       *self);

/* For the model: refreshes the item from its node and numbers (either may
 * be NULL), notifying only the properties that changed */
void           zx_okr_item_update            (ZxOkrItem        *self,
                                              ZxOkrForest      *forest,
                                              const ZxOkrNode  *node,
                                              const ZxProgress *progress);
/* The children store the tree shows under the item, or NULL */
GListStore    *zx_okr_item_get_children      (ZxOkrItem       *self);
void           zx_okr_item_set_children      (ZxOkrItem       *self,
                                              GListStore      *children);

G_END_DECLS
