/* zx-strategy-page.h — the Strategy area: plan, pillars, map and battle maps
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_STRATEGY_PAGE (zx_strategy_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxStrategyPage, zx_strategy_page, ZX, STRATEGY_PAGE, AdwBin)

GtkWidget  *zx_strategy_page_new                (ZxContext      *context);
/* The plan shown (the one whose years hold this year, else the latest), or NULL */
ZxRecord   *zx_strategy_page_get_plan           (ZxStrategyPage *self);
/* The plan's pillars in rank order, and their key success factors; items are ZxRecord */
GListModel *zx_strategy_page_get_pillar_model   (ZxStrategyPage *self);
GListModel *zx_strategy_page_get_factor_model   (ZxStrategyPage *self);
/* The battle-map view (a ZxBattleMap) */
GtkWidget  *zx_strategy_page_get_battle_map     (ZxStrategyPage *self);
/* The strategy map canvas (a ZxStrategyMap) */
GtkWidget  *zx_strategy_page_get_map            (ZxStrategyPage *self);
/* TRUE while the "3 to 5 pillars" warning shows */
gboolean    zx_strategy_page_get_pillar_warning (ZxStrategyPage *self);
/* "map" or "battles" */
void        zx_strategy_page_set_view           (ZxStrategyPage *self,
                                                 const char     *name);
const char *zx_strategy_page_get_view           (ZxStrategyPage *self);
/* What the map's relink-requested signal does: the battle now serves
 * @pillar_id.  FALSE (and a dialog) when the store refuses. */
gboolean    zx_strategy_page_relink_battle      (ZxStrategyPage *self,
                                                 const char     *battle_id,
                                                 const char     *pillar_id);

G_END_DECLS
