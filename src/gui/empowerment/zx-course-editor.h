/* zx-course-editor.h — the form of one course, with its audience and skills
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-record-editor.h"

G_BEGIN_DECLS

#define ZX_TYPE_COURSE_EDITOR (zx_course_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZxCourseEditor, zx_course_editor, ZX, COURSE_EDITOR, ZxRecordEditor)

/* @record NULL: a new course */
GtkWidget *zx_course_editor_new (ZxContext *context,
                                 ZxRecord  *record);

G_END_DECLS
