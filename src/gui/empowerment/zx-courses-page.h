/* zx-courses-page.h — strategy micro-courses: the list, completing and
 * rating them, and HR's statistics
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_COURSES_PAGE (zx_courses_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxCoursesPage, zx_courses_page, ZX, COURSES_PAGE, AdwBin)

GtkWidget  *zx_courses_page_new              (ZxContext     *context);
/* The person who marks courses completed: the signed-in account's staff
 * member, else the one chosen in the page (the first by default) */
const char *zx_courses_page_get_person       (ZxCoursesPage *self);
void        zx_courses_page_set_person       (ZxCoursesPage *self,
                                              const char    *staff_id);
/* "courses" or "statistics" */
void        zx_courses_page_set_view         (ZxCoursesPage *self,
                                              const char    *name);
/* Opens the dialog that marks @course_id completed with a rating */
GtkWidget  *zx_courses_page_mark_completed   (ZxCoursesPage *self,
                                              const char    *course_id);
/* Recomputes now what a change scheduled (tests) */
void        zx_courses_page_refresh          (ZxCoursesPage *self);

G_END_DECLS
