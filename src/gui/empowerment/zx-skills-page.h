/* zx-skills-page.h — skills, people's levels, gaps, and closing them with
 * a course or a mentor
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_SKILLS_PAGE (zx_skills_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxSkillsPage, zx_skills_page, ZX, SKILLS_PAGE, AdwBin)

GtkWidget  *zx_skills_page_new            (ZxContext    *context);
/* Shows the gaps of @department_id, and of @staff_id in it (NULL: the
 * whole department) */
void        zx_skills_page_show           (ZxSkillsPage *self,
                                           const char   *department_id,
                                           const char   *staff_id);
/* "gaps" or "catalogue" */
void        zx_skills_page_set_view       (ZxSkillsPage *self,
                                           const char   *name);
void        zx_skills_page_refresh        (ZxSkillsPage *self);

G_END_DECLS
