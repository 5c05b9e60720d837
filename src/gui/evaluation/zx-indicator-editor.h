/* zx-indicator-editor.h — add or edit an indicator of the library
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_INDICATOR_EDITOR (zx_indicator_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxIndicatorEditor, zx_indicator_editor, ZX, INDICATOR_EDITOR, ZxRecordEditor)

/* @record NULL: a new indicator of the hospital's own */
GtkWidget  *zx_indicator_editor_new (ZxContext *context,
                                     ZxRecord  *record);

/* The words shown for the schema's values */
const char *zx_indicator_level_label     (const char *level);
const char *zx_indicator_direction_label (const char *direction);
const char *zx_indicator_source_label    (const char *source);

G_END_DECLS
