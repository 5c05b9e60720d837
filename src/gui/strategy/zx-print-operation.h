/* zx-print-operation.h — print any document that can count and draw its pages
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* ZxPrintable ---------------------------------------------------------------
 *
 * What a document implements to be printed (and previewed) by
 * ZxPrintOperation.  The same drawing writes PDF files, so it must not need
 * a display: only cairo and Pango.
 */
#define ZX_TYPE_PRINTABLE (zx_printable_get_type ())

G_DECLARE_INTERFACE (ZxPrintable, zx_printable, ZX, PRINTABLE, GObject)

struct _ZxPrintableInterface
{
  GTypeInterface parent_iface;

  guint          (*get_n_pages)    (ZxPrintable *self);
  /* Draws page @page (0-based) on @cr, whose units are points and whose
   * origin is the paper's top-left corner; @width and @height are the
   * paper's size in points.  A document laid out for another size scales
   * itself to fit. */
  void           (*draw_page)      (ZxPrintable *self,
                                    cairo_t     *cr,
                                    guint        page,
                                    double       width,
                                    double       height);
  /* The paper and orientation the document is laid out for (optional:
   * A4 portrait when not implemented).  Returns a new object. */
  GtkPageSetup * (*get_page_setup) (ZxPrintable *self);
  /* A name for the print job (optional).  Returns a new string. */
  char *         (*get_title)      (ZxPrintable *self);
};

guint         zx_printable_get_n_pages    (ZxPrintable *self);
void          zx_printable_draw_page      (ZxPrintable *self,
                                           cairo_t     *cr,
                                           guint        page,
                                           double       width,
                                           double       height);
GtkPageSetup *zx_printable_get_page_setup (ZxPrintable *self);
char         *zx_printable_get_title      (ZxPrintable *self);
/* Writes every page of @self to the PDF file @path, pages @width × @height
 * points, with the metadata given (NULL: none).  Writes a temporary file
 * beside @path and renames it over @path only when complete and synced, so
 * a failure never leaves half a document.  Errors name the file. */
gboolean      zx_printable_export_pdf     (ZxPrintable *self,
                                           const char  *path,
                                           double       width,
                                           double       height,
                                           const char  *title,
                                           const char  *subject,
                                           const char  *author,
                                           GError     **error);

/* ZxPrintOperation ----------------------------------------------------------- */

#define ZX_TYPE_PRINT_OPERATION (zx_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (ZxPrintOperation, zx_print_operation, ZX, PRINT_OPERATION, GtkPrintOperation)

ZxPrintOperation *zx_print_operation_new          (ZxPrintable      *document);
ZxPrintable      *zx_print_operation_get_document (ZxPrintOperation *self);
/* Shows the print dialog (with its preview) over @parent and prints in the
 * background.  The operation keeps itself alive until GtkPrintOperation::done;
 * a failure is shown to the user in a dialog over @parent. */
void              zx_print_operation_run_async    (ZxPrintOperation *self,
                                                   GtkWindow        *parent);

G_END_DECLS
