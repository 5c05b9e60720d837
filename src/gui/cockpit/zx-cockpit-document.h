/* zx-cockpit-document.h — the cockpit as a printed handout (A4 landscape
 * PDF, text kept as text) and as a PNG image of its first page
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "strategy/zx-print-operation.h"
#include "zx-store.h"
#include "zx-warnings.h"

G_BEGIN_DECLS

/* A4 landscape, in points */
#define ZX_COCKPIT_PAGE_WIDTH  841.89
#define ZX_COCKPIT_PAGE_HEIGHT 595.276
/* The width of the PNG image */
#define ZX_COCKPIT_PNG_WIDTH   1920

#define ZX_TYPE_COCKPIT_DOCUMENT (zx_cockpit_document_get_type ())

G_DECLARE_FINAL_TYPE (ZxCockpitDocument, zx_cockpit_document, ZX, COCKPIT_DOCUMENT, GObject)

/* Computes the figures and warnings of @store on @today with @params
 * (defaults when NULL) */
ZxCockpitDocument *zx_cockpit_document_new     (ZxStore               *store,
                                                const GDate           *today,
                                                const ZxWarningParams *params,
                                                GError               **error);
/* Writes @path as PDF or PNG, by its extension; the file appears only
 * when complete.  Errors name the file. */
gboolean           zx_cockpit_document_export  (ZxCockpitDocument     *self,
                                                const char            *path,
                                                GError               **error);

G_END_DECLS
