/* zx-success-factor-editor.h — create or edit a pillar's key success factor
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_SUCCESS_FACTOR_EDITOR (zx_success_factor_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxSuccessFactorEditor, zx_success_factor_editor, ZX, SUCCESS_FACTOR_EDITOR, ZxRecordEditor)

/* @record NULL creates a new factor of @pillar_id, after its others */
GtkWidget *zx_success_factor_editor_new (ZxContext  *context,
                                         ZxRecord   *record,
                                         const char *pillar_id);

G_END_DECLS
