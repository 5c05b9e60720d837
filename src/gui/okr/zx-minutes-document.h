/* zx-minutes-document.h — an OKR review meeting's minutes (会议纪要) as a printable A4 document
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "strategy/zx-print-operation.h"
#include "zx-store.h"

G_BEGIN_DECLS

/* A4 portrait, in points */
#define ZX_MINUTES_PAGE_WIDTH  595.276
#define ZX_MINUTES_PAGE_HEIGHT 841.89

#define ZX_TYPE_MINUTES_DOCUMENT (zx_minutes_document_get_type ())

G_DECLARE_FINAL_TYPE (ZxMinutesDocument, zx_minutes_document, ZX, MINUTES_DOCUMENT, GObject)

/* Reads the meeting, its department and cycle, the key results reviewed
 * (its meeting items, in their order) and its decisions, and lays the
 * document out.  Fails with ZX_ERROR_NOT_FOUND for an unknown or deleted
 * meeting.  A meeting without items or decisions gets a document that says
 * so. */
ZxMinutesDocument *zx_minutes_document_new         (ZxStore           *store,
                                                    const char        *meeting_id,
                                                    GError           **error);
guint              zx_minutes_document_get_n_pages (ZxMinutesDocument *self);
/* Draws @page (0-based) with the page's top-left corner at the origin of
 * @cr, in points; a sheet other than A4 portrait gets the page scaled to fit
 * and centred. */
void               zx_minutes_document_draw_page   (ZxMinutesDocument *self,
                                                    cairo_t           *cr,
                                                    guint              page,
                                                    double             width_pt,
                                                    double             height_pt);
/* Writes every page as an A4 PDF: to a temporary file next to @path, renamed
 * over @path only when complete. */
gboolean           zx_minutes_document_export_pdf  (ZxMinutesDocument *self,
                                                    const char        *path,
                                                    GError           **error);
/* The document's heading in the user's language, by the meeting's kind:
 * "Weekly OKR Review — Minutes" (“OKR周例会纪要”) for a weekly review. */
const char        *zx_minutes_document_get_title   (ZxMinutesDocument *self);

G_END_DECLS
