/* zx-pledge-document.h — a department's yearly pledge (军令状) as a printable A4 document
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "zx-print-operation.h"
#include "zx-store.h"

G_BEGIN_DECLS

/* A4 portrait, in points */
#define ZX_PLEDGE_PAGE_WIDTH  595.276
#define ZX_PLEDGE_PAGE_HEIGHT 841.89

#define ZX_TYPE_PLEDGE_DOCUMENT (zx_pledge_document_get_type ())

G_DECLARE_FINAL_TYPE (ZxPledgeDocument, zx_pledge_document, ZX, PLEDGE_DOCUMENT, GObject)

/* Reads the department, its head, the pledge recorded for @year (if any) and
 * the department's battles due in @year (or undated, and not dropped), and
 * lays the document out.  Fails with ZX_ERROR_NOT_FOUND for an unknown or
 * deleted department and ZX_ERROR_INVALID for a year outside 2000–2100.
 * A department without battles gets a document that says so. */
ZxPledgeDocument *zx_pledge_document_new         (ZxStore          *store,
                                                  const char       *department_id,
                                                  int               year,
                                                  GError          **error);
guint             zx_pledge_document_get_n_pages (ZxPledgeDocument *self);
/* Draws @page (0-based) with the page's top-left corner at the origin of
 * @cr, in points; a sheet other than A4 portrait gets the page scaled to fit
 * and centred. */
void              zx_pledge_document_draw_page   (ZxPledgeDocument *self,
                                                  cairo_t          *cr,
                                                  guint             page,
                                                  double            width_pt,
                                                  double            height_pt);
/* Writes every page as an A4 PDF: to a temporary file next to @path, renamed
 * over @path only when complete. */
gboolean          zx_pledge_document_export_pdf  (ZxPledgeDocument *self,
                                                  const char       *path,
                                                  GError          **error);
/* "2026年度科室目标责任书（军令状）" in the user's language */
const char       *zx_pledge_document_get_title   (ZxPledgeDocument *self);

/* The id of the live department whose name or code is @name_or_code (a
 * name wins over a code), or NULL with ZX_ERROR_NOT_FOUND. */
char             *zx_pledge_document_find_department (ZxStore      *store,
                                                      const char   *name_or_code,
                                                      GError      **error);

G_END_DECLS
