/* zx-scheme-editor.h — the form of an evaluation scheme
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_SCHEME_EDITOR (zx_scheme_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxSchemeEditor, zx_scheme_editor, ZX, SCHEME_EDITOR, ZxRecordEditor)

/* @record NULL: a new scheme.  A locked scheme's form is read-only. */
GtkWidget *zx_scheme_editor_new (ZxContext *context,
                                 ZxRecord  *record);

G_END_DECLS
