/* zx-battle-editor.h — create or edit a department's battle
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_BATTLE_EDITOR (zx_battle_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxBattleEditor, zx_battle_editor, ZX, BATTLE_EDITOR, ZxRecordEditor)

/* @record NULL creates a new battle, pre-filled with @department_id and
 * @pillar_id when given, placed after the department's other battles */
GtkWidget     *zx_battle_editor_new          (ZxContext  *context,
                                              ZxRecord   *record,
                                              const char *department_id,
                                              const char *pillar_id);

/* The translated name of a battle status ("at_risk" → "At risk") */
const char    *zx_battle_status_label        (const char *status);
/* Every status's name, in the schema's order */
GtkStringList *zx_battle_status_label_list   (void);

G_END_DECLS
