/* zx-cockpit-document.c — the cockpit as a printed handout and an image
 *
 * Page 1: the tiles, the pillars' progress with the expected pace, the
 * health of the key results and the trend.  Page 2: the pillars and key
 * people as tables, the departments' heat map.  Then the warnings, up to
 * four pages.  The charts are the widgets' own render functions drawing
 * on cairo; Pango writes the text, so a PDF keeps it as text.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-cockpit-document"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "zx-bar-chart.h"
#include "zx-cockpit-data.h"
#include "zx-cockpit-document.h"
#include "zx-error.h"
#include "zx-record.h"
#include "zx-heat-map.h"
#include "zx-line-chart.h"
#include "zx-ring-chart.h"

#define MARGIN 36.0
#define FONT "Noto Sans CJK SC, Source Han Sans SC, sans-serif"
#define WARNINGS_PER_PAGE 22
#define MAX_WARNING_PAGES 4
#define HEAT_ROWS 22

struct _ZxCockpitDocument
{
  GObject    parent_instance;
  ZxCockpit *cockpit;
  GPtrArray *warnings;
  char      *hospital;
  int        stale_days;
};

static void zx_cockpit_document_printable_init (ZxPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZxCockpitDocument, zx_cockpit_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ZX_TYPE_PRINTABLE, zx_cockpit_document_printable_init))

static guint
n_warning_pages (ZxCockpitDocument *self)
{
  guint n = (self->warnings->len + WARNINGS_PER_PAGE - 1) / WARNINGS_PER_PAGE;

  return CLAMP (n, 1, MAX_WARNING_PAGES);
}

static guint
printable_get_n_pages (ZxPrintable *printable)
{
  return 2 + n_warning_pages (ZX_COCKPIT_DOCUMENT (printable));
}

/* Draws @text at @x, @y, at most @width wide (0: any); returns its height */
static double
text (cairo_t    *cr,
      const char *s,
      double      x,
      double      y,
      double      width,
      double      size,
      gboolean    bold,
      double      grey)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  PangoRectangle logical;

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, s != NULL ? s : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
heading (ZxCockpitDocument *self,
         cairo_t           *cr,
         const char        *title,
         guint              page,
         guint              n_pages)
{
  g_autofree char *date = zx_cockpit_format_date (&self->cockpit->today);
  /* Translators: the hospital, then the date of the figures */
  g_autofree char *sub = g_strdup_printf (_("%s · as of %s"), self->hospital, date);
  g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  double h;

  h = text (cr, title, MARGIN, MARGIN - 8, 0, 18, TRUE, 0.1);
  text (cr, sub, MARGIN, MARGIN - 8 + h, 0, 9, FALSE, 0.35);
  text (cr, footer, ZX_COCKPIT_PAGE_WIDTH - MARGIN - 60, ZX_COCKPIT_PAGE_HEIGHT - MARGIN + 10, 60, 8, FALSE, 0.4);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_rectangle (cr, MARGIN, MARGIN - 8 + h + 16, ZX_COCKPIT_PAGE_WIDTH - 2 * MARGIN, 0.8);
  cairo_fill (cr);
  return MARGIN - 8 + h + 24;
}

static void
section (cairo_t    *cr,
         const char *title,
         double      x,
         double      y)
{
  text (cr, title, x, y, 0, 10.5, TRUE, 0.15);
}

static void
draw_overview (ZxCockpitDocument *self,
               cairo_t           *cr,
               guint              n_pages)
{
  ZxCockpit *c = self->cockpit;
  g_autoptr(GPtrArray) tiles = zx_cockpit_make_tiles (c, self->warnings, self->stale_days);
  g_autoptr(GPtrArray) bars = zx_cockpit_pillar_bars (c);
  g_autoptr(GPtrArray) segments = zx_cockpit_health_segments (c);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autofree char *center = zx_cockpit_ring_center (c);
  double y = heading (self, cr, _("Strategy Execution Cockpit"), 0, n_pages);
  double full = ZX_COCKPIT_PAGE_WIDTH - 2 * MARGIN, tile_w = (full - 3 * 8) / 4, tile_h = 58;
  double half = (full - 16) / 2;
  ZxChartPainter painter;

  for (guint i = 0; i < tiles->len; i++)
    {
      ZxCockpitTile *t = g_ptr_array_index (tiles, i);
      double x = MARGIN + (i % 4) * (tile_w + 8), ty = y + (i / 4) * (tile_h + 8);

      cairo_set_source_rgb (cr, 0.965, 0.965, 0.965);
      cairo_rectangle (cr, x, ty, tile_w, tile_h);
      cairo_fill (cr);
      if (t->color != ZX_CHART_N_COLORS)
        {
          GdkRGBA rgba;

          zx_chart_painter_init_cairo (&painter, cr, 9, FALSE);
          zx_chart_color (&painter, t->color, &rgba);
          zx_chart_painter_clear (&painter);
          gdk_cairo_set_source_rgba (cr, &rgba);
          cairo_rectangle (cr, x, ty, 3, tile_h);
          cairo_fill (cr);
        }
      text (cr, t->caption, x + 10, ty + 5, tile_w - 14, 8.5, FALSE, 0.3);
      text (cr, t->value, x + 10, ty + 17, tile_w - 14, 17, TRUE, 0.1);
      text (cr, t->detail, x + 10, ty + 41, tile_w - 14, 7, FALSE, 0.4);
    }
  y += 2 * (tile_h + 8) + 6;

  section (cr, _("Pillars: progress and expected pace"), MARGIN, y);
  section (cr, _("Current key results"), MARGIN + half + 16, y);
  y += 18;

  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  zx_chart_painter_init_cairo (&painter, cr, 8.5, FALSE);
  zx_bar_chart_render (bars, zx_cockpit_column_colors (), zx_cockpit_column_labels (), 3, _("Expected pace"),
                       &painter, half, 180, NULL);
  zx_chart_painter_clear (&painter);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, MARGIN + half + 16, y);
  zx_chart_painter_init_cairo (&painter, cr, 8.5, FALSE);
  zx_ring_chart_render (segments, center, zx_cockpit_ring_caption (), &painter, half, 110, NULL);
  zx_chart_painter_clear (&painter);
  cairo_restore (cr);

  section (cr, _("Progress by week"), MARGIN + half + 16, y + 122);
  zx_cockpit_trend_data (c, &labels, &series);
  cairo_save (cr);
  cairo_translate (cr, MARGIN + half + 16, y + 140);
  zx_chart_painter_init_cairo (&painter, cr, 7.5, FALSE);
  zx_line_chart_render (labels, series, &painter, half, ZX_COCKPIT_PAGE_HEIGHT - MARGIN - (y + 140), NULL);
  zx_chart_painter_clear (&painter);
  cairo_restore (cr);
}

static void
draw_people_page (ZxCockpitDocument *self,
                  cairo_t           *cr,
                  guint              n_pages)
{
  ZxCockpit *c = self->cockpit;
  g_autoptr(GPtrArray) groups = zx_cockpit_departments_by_trouble (c, HEAT_ROWS);
  g_autoptr(GPtrArray) rows = zx_cockpit_heat_rows (groups);
  double y = heading (self, cr, _("Departments, Pillars and Key People"), 1, n_pages);
  double full = ZX_COCKPIT_PAGE_WIDTH - 2 * MARGIN, half = (full - 24) / 2, ry;
  ZxChartPainter painter;
  guint shown_people = 0;

  section (cr, _("Departments in most difficulty"), MARGIN, y);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y + 18);
  zx_chart_painter_init_cairo (&painter, cr, 8, FALSE);
  zx_heat_map_render (rows, zx_cockpit_column_labels (), zx_cockpit_column_colors (), ZX_COCKPIT_N_COLUMNS,
                      &painter, half, ZX_COCKPIT_PAGE_HEIGHT - MARGIN - y - 24, NULL);
  zx_chart_painter_clear (&painter);
  cairo_restore (cr);

  /* the pillars as a table */
  ry = y;
  section (cr, _("Pillars"), MARGIN + half + 24, ry);
  ry += 18;
  for (guint i = 0; i < c->pillars->len; i++)
    {
      ZxCockpitPillar *p = g_ptr_array_index (c->pillars, i);
      g_autofree char *progress = zx_cockpit_percent (p->progress);
      g_autofree char *expected = zx_cockpit_percent (p->expected);
      /* Translators: progress, expected pace and health of a pillar */
      g_autofree char *figures = g_strdup_printf (_("%s (expected %s), %s"), progress, expected,
                                                  zx_health_get_label (p->health));
      double h = text (cr, p->name, MARGIN + half + 24, ry, half * 0.55, 8.5, FALSE, 0.1);

      text (cr, figures, MARGIN + half + 24 + half * 0.57, ry, half * 0.43, 8.5, FALSE, 0.25);
      ry += MAX (h, 11) + 3;
    }

  ry += 12;
  section (cr, _("Key people"), MARGIN + half + 24, ry);
  ry += 18;
  for (guint i = 0; i < c->people->len && ry < ZX_COCKPIT_PAGE_HEIGHT - MARGIN - 14; i++, shown_people++)
    {
      ZxCockpitGroup *g = g_ptr_array_index (c->people, i);
      g_autofree char *who = g_strdup_printf ("%s · %s", g->name, g->department);
      g_autofree char *status = g_strdup_printf (_("%s: %u on track, %u at risk, %u off track"),
                                                 zx_health_get_label (zx_cockpit_group_health (g)),
                                                 g->counts[ZX_HEALTH_ON_TRACK], g->counts[ZX_HEALTH_AT_RISK],
                                                 g->counts[ZX_HEALTH_OFF_TRACK]);

      text (cr, who, MARGIN + half + 24, ry, half * 0.45, 8, FALSE, 0.1);
      text (cr, status, MARGIN + half + 24 + half * 0.47, ry, half * 0.53, 8, FALSE, 0.25);
      ry += 13;
    }
  if (shown_people < c->people->len)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more key people"), c->people->len - shown_people);
      text (cr, more, MARGIN + half + 24, ry, 0, 8, FALSE, 0.4);
    }
}

static void
draw_warnings (ZxCockpitDocument *self,
               cairo_t           *cr,
               guint              page,
               guint              n_pages)
{
  guint first = (page - 2) * WARNINGS_PER_PAGE, last = MIN (first + WARNINGS_PER_PAGE, self->warnings->len);
  double y = heading (self, cr, _("Early Warnings"), page, n_pages);
  double full = ZX_COCKPIT_PAGE_WIDTH - 2 * MARGIN;

  if (self->warnings->len == 0)
    text (cr, _("No early warnings: execution is on course."), MARGIN, y, full, 10, FALSE, 0.2);
  for (guint i = first; i < last; i++)
    {
      ZxWarning *w = g_ptr_array_index (self->warnings, i);
      g_autofree char *since = g_date_valid (&w->since) ? zx_cockpit_format_date (&w->since) : g_strdup ("—");
      g_autofree char *title = g_strdup_printf ("%s · %s", zx_warning_kind_get_label (w->kind), w->subject);
      /* Translators: what is wrong; where; who owns it; since when */
      g_autofree char *line = g_strdup_printf (_("%s — %s · %s · since %s"), w->what, w->department, w->owner, since);
      double h;

      if (w->acknowledged)
        {
          g_autofree char *acked = g_strdup_printf (_("%s · acknowledged: %s"), line, w->ack_note);
          g_free (line);
          line = g_steal_pointer (&acked);
        }
      h = text (cr, title, MARGIN, y, full * 0.42, 8.5, TRUE, 0.1);
      h = MAX (h, text (cr, line, MARGIN + full * 0.44, y, full * 0.56, 8, FALSE, 0.3));
      y += h + 5;
    }
  if (page + 1 == n_pages && last < self->warnings->len)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more warnings in Zhixing"), self->warnings->len - last);
      text (cr, more, MARGIN, y + 4, 0, 8.5, FALSE, 0.4);
    }
}

static void
printable_draw_page (ZxPrintable *printable,
                     cairo_t     *cr,
                     guint        page,
                     double       width,
                     double       height)
{
  ZxCockpitDocument *self = ZX_COCKPIT_DOCUMENT (printable);
  guint n_pages = printable_get_n_pages (printable);
  double scale = MIN (width / ZX_COCKPIT_PAGE_WIDTH, height / ZX_COCKPIT_PAGE_HEIGHT);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  if (page == 0)
    draw_overview (self, cr, n_pages);
  else if (page == 1)
    draw_people_page (self, cr, n_pages);
  else
    draw_warnings (self, cr, page, n_pages);
  cairo_restore (cr);
}

static GtkPageSetup *
printable_get_page_setup (ZxPrintable *printable)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  return setup;
}

static char *
printable_get_title (ZxPrintable *printable)
{
  return g_strdup (_("Strategy Execution Cockpit"));
}

static void
zx_cockpit_document_printable_init (ZxPrintableInterface *iface)
{
  iface->get_n_pages = printable_get_n_pages;
  iface->draw_page = printable_draw_page;
  iface->get_page_setup = printable_get_page_setup;
  iface->get_title = printable_get_title;
}

static void
zx_cockpit_document_finalize (GObject *object)
{
  ZxCockpitDocument *self = ZX_COCKPIT_DOCUMENT (object);

  g_clear_pointer (&self->cockpit, zx_cockpit_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->hospital);
  G_OBJECT_CLASS (zx_cockpit_document_parent_class)->finalize (object);
}

static void
zx_cockpit_document_class_init (ZxCockpitDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_cockpit_document_finalize;
}

static void
zx_cockpit_document_init (ZxCockpitDocument *self)
{
}

ZxCockpitDocument *
zx_cockpit_document_new (ZxStore               *store,
                         const GDate           *today,
                         const ZxWarningParams *params,
                         GError               **error)
{
  g_autoptr(ZxCockpitDocument) self = g_object_new (ZX_TYPE_COCKPIT_DOCUMENT, NULL);
  g_autoptr(GListStore) hospitals = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  ZxWarningParams defaults;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  if (params == NULL)
    {
      zx_warning_params_init_default (&defaults);
      params = &defaults;
    }
  self->stale_days = params->progress.stale_days;
  self->cockpit = zx_cockpit_new (store, NULL, today, &params->progress, error);
  if (self->cockpit == NULL)
    return NULL;
  self->warnings = zx_warnings_compute (store, self->cockpit->index, today, now, params, error);
  if (self->warnings == NULL)
    return NULL;
  hospitals = zx_store_list (store, "hospital", NULL, NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (hospitals)) > 0)
    {
      g_autoptr(ZxRecord) hospital = g_list_model_get_item (G_LIST_MODEL (hospitals), 0);
      self->hospital = g_strdup (zx_record_get_string (hospital, "name"));
    }
  else
    self->hospital = g_strdup ("");
  return g_steal_pointer (&self);
}

static gboolean
export_png (ZxCockpitDocument *self,
            const char        *path,
            GError           **error)
{
  double scale = ZX_COCKPIT_PNG_WIDTH / ZX_COCKPIT_PAGE_WIDTH;
  int height = (int) (ZX_COCKPIT_PAGE_HEIGHT * scale + 0.5);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, ZX_COCKPIT_PNG_WIDTH, height);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  cairo_status_t status;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  printable_draw_page (ZX_PRINTABLE (self), cr, 0, ZX_COCKPIT_PAGE_WIDTH, ZX_COCKPIT_PAGE_HEIGHT);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS || g_rename (tmp, path) != 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, ZX_ERROR, ZX_ERROR_FAILED, _("Could not write “%s”: %s"), name,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
zx_cockpit_document_export (ZxCockpitDocument *self,
                            const char        *path,
                            GError           **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (ZX_IS_COCKPIT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    return zx_printable_export_pdf (ZX_PRINTABLE (self), path, ZX_COCKPIT_PAGE_WIDTH, ZX_COCKPIT_PAGE_HEIGHT,
                                    _("Strategy Execution Cockpit"), self->hospital, NULL, error);
  if (g_str_has_suffix (lower, ".png"))
    return export_png (self, path, error);

  g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
               _("“%s” does not end in .pdf or .png: say which kind of file to write."), path);
  return FALSE;
}
