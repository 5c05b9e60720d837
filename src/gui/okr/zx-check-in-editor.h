/* zx-check-in-editor.h — the weekly check-in of a key result
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_CHECK_IN_EDITOR (zx_check_in_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxCheckInEditor, zx_check_in_editor, ZX, CHECK_IN_EDITOR, ZxRecordEditor)

/* A new check-in of @key_result_id, or @record to correct */
GtkWidget *zx_check_in_editor_new (ZxContext  *context,
                                   ZxRecord   *record,
                                   const char *key_result_id);

/* Writes a check-in in one transaction: the check-in row (new when
 * @check_in_id is NULL; its created_at and author are set here), the key
 * result's current value (1 or 0 for a milestone) and confidence when this
 * is its latest check-in, and — when a past check-in is corrected — one
 * audit entry per changed field.  Returns the check-in's id, or NULL with
 * @error and nothing changed. */
char      *zx_check_in_save       (ZxStore     *store,
                                   const char  *check_in_id,
                                   const char  *key_result_id,
                                   JsonObject  *fields,
                                   GError     **error);

G_END_DECLS
