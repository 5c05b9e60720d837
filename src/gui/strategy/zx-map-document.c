/* zx-map-document.c — the strategy map or one department's battle map as a printable A3 page
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing goes through ZxPrintOperation (preview, printer choice); the
 * page is drawn by zx_strategy_render_page(), as the PDF export draws it,
 * so paper and file look the same.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zx-map-document.h"
#include "zx-strategy-render.h"

struct _ZxMapDocument
{
  GObject           parent_instance;
  ZxStrategyLayout *layout;
};

static void zx_map_document_printable_init (ZxPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZxMapDocument, zx_map_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ZX_TYPE_PRINTABLE, zx_map_document_printable_init))

static guint
printable_get_n_pages (ZxPrintable *printable)
{
  return 1;
}

static void
printable_draw_page (ZxPrintable *printable,
                     cairo_t     *cr,
                     guint        page,
                     double       width,
                     double       height)
{
  ZxMapDocument *self = ZX_MAP_DOCUMENT (printable);

  zx_strategy_render_page (cr, self->layout, width, height);
}

static GtkPageSetup *
printable_get_page_setup (ZxPrintable *printable)
{
  g_autoptr(GtkPaperSize) a3 = gtk_paper_size_new (GTK_PAPER_NAME_A3);
  GtkPageSetup *setup = gtk_page_setup_new ();

  gtk_page_setup_set_paper_size_and_default_margins (setup, a3);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  return setup;
}

static char *
printable_get_title (ZxPrintable *printable)
{
  ZxMapDocument *self = ZX_MAP_DOCUMENT (printable);
  const char *department = zx_strategy_layout_get_department_name (self->layout);
  const char *plan = zx_strategy_layout_get_plan_name (self->layout);

  if (department != NULL)
    /* Translators: a print job's name: the department */
    return g_strdup_printf (_("%s battle map"), department);
  return g_strdup (plan != NULL ? plan : _("Strategy map"));
}

static void
zx_map_document_printable_init (ZxPrintableInterface *iface)
{
  iface->get_n_pages = printable_get_n_pages;
  iface->draw_page = printable_draw_page;
  iface->get_page_setup = printable_get_page_setup;
  iface->get_title = printable_get_title;
}

static void
zx_map_document_finalize (GObject *object)
{
  ZxMapDocument *self = ZX_MAP_DOCUMENT (object);

  g_clear_object (&self->layout);
  G_OBJECT_CLASS (zx_map_document_parent_class)->finalize (object);
}

static void
zx_map_document_class_init (ZxMapDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_map_document_finalize;
}

static void
zx_map_document_init (ZxMapDocument *self)
{
}

ZxMapDocument *
zx_map_document_new (ZxStrategyLayout *layout)
{
  ZxMapDocument *self;

  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (layout), NULL);

  self = g_object_new (ZX_TYPE_MAP_DOCUMENT, NULL);
  self->layout = g_object_ref (layout);
  return self;
}

ZxStrategyLayout *
zx_map_document_get_layout (ZxMapDocument *self)
{
  g_return_val_if_fail (ZX_IS_MAP_DOCUMENT (self), NULL);
  return self->layout;
}
