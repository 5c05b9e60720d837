/* zx-document.h — laying out printable documents: pages, title block,
 * headings, paragraphs, tables with wrapping CJK cells, signature lines
 *
 * A ZxDocument is a flow: each call adds to the current page and starts a
 * new one when the content does not fit.  What it lays out is kept as
 * Pango layouts and rules per page, drawn later, any number of times, on
 * any cairo context (PDF, print, preview).  Only cairo and Pango: no
 * display needed.  Not thread-safe, but documents in different threads are
 * independent.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define ZX_DOCUMENT_A4_WIDTH  595.276
#define ZX_DOCUMENT_A4_HEIGHT 841.89

typedef enum
{
  ZX_DOCUMENT_FONT_HOSPITAL,   /* the hospital's name above the title */
  ZX_DOCUMENT_FONT_TITLE,
  ZX_DOCUMENT_FONT_SUBTITLE,
  ZX_DOCUMENT_FONT_HEADING,
  ZX_DOCUMENT_FONT_BODY,
  ZX_DOCUMENT_FONT_CELL,
  ZX_DOCUMENT_FONT_CELL_HEAD,
  ZX_DOCUMENT_FONT_SMALL,
  ZX_DOCUMENT_N_FONTS
} ZxDocumentFont;

typedef struct _ZxDocument ZxDocument;

/* A document of pages @width × @height points with the margins given */
ZxDocument  *zx_document_new        (double          width,
                                     double          height,
                                     double          margin_x,
                                     double          margin_top,
                                     double          margin_bottom);
void         zx_document_free       (ZxDocument     *self);
double       zx_document_get_content_width (ZxDocument *self);

/* A layout in one of the document's fonts, @width points wide (-1: no
 * wrapping), words and CJK characters wrapped */
PangoLayout *zx_document_make_layout (ZxDocument     *self,
                                      const char     *text,
                                      ZxDocumentFont  font,
                                      double          width,
                                      PangoAlignment  alignment);

/* The hospital's name (may be NULL), the title and a subtitle line (may be
 * NULL), centred, with a rule below */
void         zx_document_add_title_block (ZxDocument *self,
                                          const char *hospital,
                                          const char *title,
                                          const char *subtitle);
/* A heading: kept with at least @keep_with points of what follows */
void         zx_document_add_heading   (ZxDocument *self,
                                        const char *text,
                                        double      keep_with);
void         zx_document_add_paragraph (ZxDocument *self,
                                        const char *text,
                                        ZxDocumentFont font);
/* Vertical space */
void         zx_document_add_space     (ZxDocument *self,
                                        double      points);

/* A table over the content width: @n_columns columns with @shares of the
 * width (summing to 1) and @aligns; @header (n_columns strings, may be
 * NULL: no header row) is repeated at the top of every page the table
 * continues on; @rows holds rows, each an array of n_columns strings (NULL
 * cells are empty).  Cells wrap; a row is never split across pages.
 * @shaded_first_column: the first column as a label column (grey). */
void         zx_document_add_table     (ZxDocument          *self,
                                        guint                n_columns,
                                        const double        *shares,
                                        const PangoAlignment *aligns,
                                        const char * const  *header,
                                        GPtrArray           *rows,
                                        gboolean             shaded_first_column);

/* Signature lines in two columns, kept together on one page: for each
 * label (“被考核人”), “label（签字）：______   日期：____年__月__日”.
 * @labels is NULL-terminated. */
void         zx_document_add_signatures (ZxDocument         *self,
                                         const char * const *labels);

/* Ends the layout: adds “第 1 页 / 共 N 页” to each page, and @footer (may
 * be NULL) at the bottom left.  Call once, after the last add. */
void         zx_document_finish        (ZxDocument *self,
                                        const char *footer);

guint        zx_document_get_n_pages   (ZxDocument *self);
/* Draws @page (0-based) with the page's top-left corner at the origin of
 * @cr, in points; a sheet of another size gets the page scaled to fit and
 * centred. */
void         zx_document_draw_page     (ZxDocument *self,
                                        cairo_t    *cr,
                                        guint       page,
                                        double      width,
                                        double      height);

G_END_DECLS
