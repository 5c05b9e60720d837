/* zx-pillar-editor.h — create or edit a strategic pillar
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_PILLAR_EDITOR (zx_pillar_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxPillarEditor, zx_pillar_editor, ZX, PILLAR_EDITOR, ZxRecordEditor)

/* @record NULL creates a new pillar of @plan_id, placed after the others */
GtkWidget *zx_pillar_editor_new (ZxContext  *context,
                                 ZxRecord   *record,
                                 const char *plan_id);

G_END_DECLS
