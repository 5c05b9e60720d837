/* zx-strategy-map.h — the strategy map canvas
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-store.h"
#include "zx-strategy-layout.h"

G_BEGIN_DECLS

#define ZX_STRATEGY_MAP_MIN_ZOOM 0.05
#define ZX_STRATEGY_MAP_MAX_ZOOM 4.0

#define ZX_TYPE_STRATEGY_MAP (zx_strategy_map_get_type ())

G_DECLARE_FINAL_TYPE (ZxStrategyMap, zx_strategy_map, ZX, STRATEGY_MAP, GtkWidget)

/* Signals (types are ZxStrategyNodeType values, ids record ids):
 *   node-activated (int type, char *id)      double-click, Enter, "Edit" in the menu
 *   delete-requested (int type, char *id)    Delete, "Delete" in the menu
 *   add-child-requested (int type, char *id) "Add Key Success Factor" on a pillar,
 *                                            "Add Battle" on a department
 *   relink-requested (char *battle_id, char *pillar_id)
 *                                            a battle dropped on another pillar
 *   relink-refused (char *battle_id, char *reason)
 *                                            a battle the relink check refused:
 *                                            its drag did not start, or its drop
 *                                            was not taken
 * Actions: map.zoom-in (Ctrl+plus), map.zoom-out (Ctrl+minus),
 * map.zoom-fit (Ctrl+0). */

GtkWidget        *zx_strategy_map_new             (void);

ZxStore          *zx_strategy_map_get_store       (ZxStrategyMap *self);
void              zx_strategy_map_set_store       (ZxStrategyMap *self,
                                                   ZxStore       *store);
/* The selected node's record id, or NULL */
const char       *zx_strategy_map_get_selected_id (ZxStrategyMap *self);
void              zx_strategy_map_set_selected_id (ZxStrategyMap *self,
                                                   const char    *id);
double            zx_strategy_map_get_zoom        (ZxStrategyMap *self);
/* Zooms about the centre of the view */
void              zx_strategy_map_set_zoom        (ZxStrategyMap *self,
                                                   double         zoom);
void              zx_strategy_map_zoom_in         (ZxStrategyMap *self);
void              zx_strategy_map_zoom_out        (ZxStrategyMap *self);
void              zx_strategy_map_zoom_fit        (ZxStrategyMap *self);
/* The current layout (NULL without a store); replaced when the store changes */
ZxStrategyLayout *zx_strategy_map_get_layout      (ZxStrategyMap *self);
/* Lays out again now instead of at the next idle (tests, the page after an edit) */
void              zx_strategy_map_relayout        (ZxStrategyMap *self);
/* The node index of the pillar whose chain is lit (under the pointer, or
 * else of the selection), or -1 */
int               zx_strategy_map_get_lit_pillar  (ZxStrategyMap *self);
/* Where the node showing @id is, in widget coordinates */
gboolean          zx_strategy_map_get_node_area   (ZxStrategyMap *self,
                                                   const char    *id,
                                                   graphene_rect_t *area);

/* Why the battle @battle_id may not serve the pillar @pillar_id (NULL: may
 * not move at all), as a translated sentence, or NULL: allowed */
typedef char *(*ZxStrategyMapRelinkCheck) (const char *battle_id,
                                           const char *pillar_id,
                                           gpointer    user_data);

/* Asks @check before a battle's drag starts and before a drop re-links it
 * (NULL: everything allowed) */
void              zx_strategy_map_set_relink_check (ZxStrategyMap            *self,
                                                    ZxStrategyMapRelinkCheck  check,
                                                    gpointer                  user_data,
                                                    GDestroyNotify            destroy);

/* For tests: what dropping the battle @battle_id at widget point (@x, @y)
 * does (emits relink-requested when it lands on another pillar); returns
 * whether it did. */
gboolean          zx_strategy_map_drop_battle_at  (ZxStrategyMap *self,
                                                   const char    *battle_id,
                                                   double         x,
                                                   double         y);

G_END_DECLS
