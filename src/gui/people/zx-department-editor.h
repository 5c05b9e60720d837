/* zx-department-editor.h — create or edit a department
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_DEPARTMENT_EDITOR (zx_department_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxDepartmentEditor, zx_department_editor, ZX, DEPARTMENT_EDITOR, ZxRecordEditor)

/* @record NULL creates a new department */
GtkWidget *zx_department_editor_new (ZxContext *context,
                                     ZxRecord  *record);

G_END_DECLS
