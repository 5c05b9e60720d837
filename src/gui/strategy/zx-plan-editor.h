/* zx-plan-editor.h — create or edit the strategic plan
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_PLAN_EDITOR (zx_plan_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxPlanEditor, zx_plan_editor, ZX, PLAN_EDITOR, ZxRecordEditor)

/* @record NULL creates a new plan starting this year */
GtkWidget *zx_plan_editor_new (ZxContext *context,
                               ZxRecord  *record);

G_END_DECLS
