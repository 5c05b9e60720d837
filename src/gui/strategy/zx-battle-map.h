/* zx-battle-map.h — one department's battle map and its yearly pledge
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_BATTLE_MAP (zx_battle_map_get_type ())

G_DECLARE_FINAL_TYPE (ZxBattleMap, zx_battle_map, ZX, BATTLE_MAP, AdwBin)

GtkWidget  *zx_battle_map_new               (ZxContext   *context);
/* The department shown; NULL before there are departments */
const char *zx_battle_map_get_department    (ZxBattleMap *self);
void        zx_battle_map_set_department    (ZxBattleMap *self,
                                             const char  *department_id);
/* The year whose pledge is shown (this year by the store's clock) */
int         zx_battle_map_get_year          (ZxBattleMap *self);
/* The department's battles as shown; items are ZxRecord */
GListModel *zx_battle_map_get_battle_model  (ZxBattleMap *self);
/* The department's pledge for the year, or NULL */
ZxRecord   *zx_battle_map_get_pledge        (ZxBattleMap *self);
/* Selects and scrolls to the battle @id; FALSE when it is not shown */
gboolean    zx_battle_map_select_battle     (ZxBattleMap *self,
                                             const char  *battle_id);

G_END_DECLS
