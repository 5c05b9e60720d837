/* zx-people-page.h — departments and staff
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_PEOPLE_PAGE (zx_people_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxPeoplePage, zx_people_page, ZX, PEOPLE_PAGE, AdwBin)

GtkWidget  *zx_people_page_new                  (ZxContext    *context);
/* The rows as shown: filtered and sorted; items are ZxRecord */
GListModel *zx_people_page_get_department_model (ZxPeoplePage *self);
GListModel *zx_people_page_get_staff_model      (ZxPeoplePage *self);
/* "departments" or "staff" */
void        zx_people_page_set_view             (ZxPeoplePage *self,
                                                 const char   *name);
const char *zx_people_page_get_view             (ZxPeoplePage *self);

G_END_DECLS
