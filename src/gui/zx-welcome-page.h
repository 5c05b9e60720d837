/* zx-welcome-page.h — create a hospital or open the demo one
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_WELCOME_PAGE (zx_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxWelcomePage, zx_welcome_page, ZX, WELCOME_PAGE, AdwBin)

void zx_welcome_page_set_context (ZxWelcomePage *self,
                                  ZxContext     *context);

G_END_DECLS
