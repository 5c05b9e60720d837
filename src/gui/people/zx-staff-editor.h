/* zx-staff-editor.h — create or edit a staff member
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_STAFF_EDITOR (zx_staff_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxStaffEditor, zx_staff_editor, ZX, STAFF_EDITOR, ZxRecordEditor)

/* @record NULL creates a new staff member, in @department_id when given */
GtkWidget *zx_staff_editor_new (ZxContext  *context,
                                ZxRecord   *record,
                                const char *department_id);

G_END_DECLS
