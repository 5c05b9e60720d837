/* zx-indicators-page.h — the indicator library, targets, monthly values
 * with hand corrections, the trend chart and the CSV import
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_INDICATORS_PAGE (zx_indicators_page_get_type ())

G_DECLARE_FINAL_TYPE (ZxIndicatorsPage, zx_indicators_page, ZX, INDICATORS_PAGE, AdwBin)

GtkWidget  *zx_indicators_page_new              (ZxContext        *context);
/* Selects the indicator @indicator_id (and shows its values for
 * @department_id, NULL: hospital-wide) */
void        zx_indicators_page_select           (ZxIndicatorsPage *self,
                                                 const char       *indicator_id,
                                                 const char       *department_id);

/* Reads @file (CSV monthly values) and opens the import preview */
void        zx_indicators_page_import_file      (ZxIndicatorsPage *self,
                                                 GFile            *file);

G_END_DECLS
