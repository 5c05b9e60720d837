/* zx-empowerment-page.h — the empowerment ring: courses, skills and the fund
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_EMPOWERMENT_PAGE (zx_empowerment_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxEmpowermentPage, zx_empowerment_page, ZX, EMPOWERMENT_PAGE, AdwBin)

GtkWidget  *zx_empowerment_page_new      (ZxContext         *context);
/* "courses", "skills" or "fund" */
void        zx_empowerment_page_set_view (ZxEmpowermentPage *self,
                                          const char        *name);
const char *zx_empowerment_page_get_view (ZxEmpowermentPage *self);
GtkWidget  *zx_empowerment_page_get_page (ZxEmpowermentPage *self,
                                          const char        *name);

G_END_DECLS
