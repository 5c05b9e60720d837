/* zx-application.h — the desktop application
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZX_TYPE_APPLICATION (zx_application_get_type ())

G_DECLARE_FINAL_TYPE (ZxApplication, zx_application, ZX, APPLICATION, AdwApplication)

ZxApplication *zx_application_new (void);

G_END_DECLS
