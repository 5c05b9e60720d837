/* zx-key-result-editor.h — create or edit a key result of an objective
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_KEY_RESULT_EDITOR (zx_key_result_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxKeyResultEditor, zx_key_result_editor, ZX, KEY_RESULT_EDITOR, ZxRecordEditor)

/* A new key result of @objective_id, or @record to edit */
GtkWidget *zx_key_result_editor_new (ZxContext  *context,
                                     ZxRecord   *record,
                                     const char *objective_id);

G_END_DECLS
