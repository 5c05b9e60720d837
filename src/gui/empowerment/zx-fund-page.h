/* zx-fund-page.h — the micro-innovation fund: proposals, their tiers of
 * approval and where each one stands
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_FUND_PAGE (zx_fund_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxFundPage, zx_fund_page, ZX, FUND_PAGE, AdwBin)

GtkWidget *zx_fund_page_new (ZxContext *context);

G_END_DECLS
