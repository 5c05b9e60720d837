/* zx-supervision-document.h — the supervision list (督办清单) as a printable A4 document
 *
 * An A4 landscape table: what the hospital office hands to leadership with its weekly report: the
 * hospital, the title, the day, the table of requests under supervision or
 * overdue (request, requesting → supporting department, due date, days
 * overdue, supervision deadline, note) with its header repeated on every
 * page, the totals and a line for the office to sign and seal.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "strategy/zx-print-operation.h"
#include "zx-store.h"

G_BEGIN_DECLS

/* A4 landscape, in points: the table's text columns get room */
#define ZX_SUPERVISION_PAGE_WIDTH  841.89
#define ZX_SUPERVISION_PAGE_HEIGHT 595.276

#define ZX_TYPE_SUPERVISION_DOCUMENT (zx_supervision_document_get_type ())

G_DECLARE_FINAL_TYPE (ZxSupervisionDocument, zx_supervision_document, ZX, SUPERVISION_DOCUMENT, GObject)

/* Reads zx_kanban_supervision_list (@store, @board_id, @today) and the
 * names it shows, and lays the document out.  @board_id NULL: the
 * hospital's first board.  An empty list gets a document that says so. */
ZxSupervisionDocument *zx_supervision_document_new         (ZxStore               *store,
                                                            const char            *board_id,
                                                            const GDate           *today);
guint                  zx_supervision_document_get_n_pages (ZxSupervisionDocument *self);
/* How many requests the table lists */
guint                  zx_supervision_document_get_n_rows  (ZxSupervisionDocument *self);
/* Draws @page (0-based) with the page's top-left corner at the origin of
 * @cr, in points; a sheet other than A4 landscape gets the page scaled to
 * fit and centred. */
void                   zx_supervision_document_draw_page   (ZxSupervisionDocument *self,
                                                            cairo_t               *cr,
                                                            guint                  page,
                                                            double                 width_pt,
                                                            double                 height_pt);
/* Writes every page as an A4 landscape PDF through zx_printable_export_pdf() (a
 * temporary file renamed over @path only when complete). */
gboolean               zx_supervision_document_export_pdf  (ZxSupervisionDocument *self,
                                                            const char            *path,
                                                            GError               **error);
/* "Collaboration Requests Under Supervision" (“协同需求督办清单”) */
const char            *zx_supervision_document_get_title   (ZxSupervisionDocument *self);

G_END_DECLS
