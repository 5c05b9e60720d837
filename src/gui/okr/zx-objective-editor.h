/* zx-objective-editor.h — create or edit an objective (hospital, department or personal)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_OBJECTIVE_EDITOR (zx_objective_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxObjectiveEditor, zx_objective_editor, ZX, OBJECTIVE_EDITOR, ZxRecordEditor)

/* A new objective can be preset with the construct-only properties
 * "level" ("hospital", "department", "personal"), "cycle-id",
 * "department-id", "owner-id", "parent-objective-id" and
 * "parent-key-result-id". */
GtkWidget *zx_objective_editor_new (ZxContext *context,
                                    ZxRecord  *record);

G_END_DECLS
