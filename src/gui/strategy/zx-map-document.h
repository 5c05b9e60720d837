/* zx-map-document.h — the strategy map or one department's battle map as a printable A3 page
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-print-operation.h"
#include "zx-strategy-layout.h"

G_BEGIN_DECLS

#define ZX_TYPE_MAP_DOCUMENT (zx_map_document_get_type ())

G_DECLARE_FINAL_TYPE (ZxMapDocument, zx_map_document, ZX, MAP_DOCUMENT, GObject)

/* One A3 landscape page: the title line and @layout scaled to fit */
ZxMapDocument    *zx_map_document_new        (ZxStrategyLayout *layout);
ZxStrategyLayout *zx_map_document_get_layout (ZxMapDocument    *self);

G_END_DECLS
