/* zx-chart.h — the base of the chart widgets, and the painter they draw with
 *
 * A chart draws through a ZxChartPainter, which writes either to a
 * GtkSnapshot (the widget: colour nodes, text as Pango layout nodes, cairo
 * nodes only for lines and arcs) or to a cairo context (PDF and PNG
 * export, no display needed).  The same render function serves both.
 *
 * ZxChart (abstract) keeps what the render function reports as hit areas:
 * they give the tooltips (query-tooltip) and the clicks (::item-activated
 * with the item's index; Enter and Space activate the item under the
 * keyboard focus ring, moved with the arrow keys).  Subclasses set their
 * accessible description from their data.
 *
 * Palette: Okabe and Ito's colours, told apart with the common colour
 * vision deficiencies, in a lighter set on dark backgrounds.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  ZX_CHART_GREY,       /* not started */
  ZX_CHART_GREEN,      /* on track: bluish green */
  ZX_CHART_ORANGE,     /* at risk */
  ZX_CHART_VERMILION,  /* off track */
  ZX_CHART_BLUE,       /* a series */
  ZX_CHART_SKY,
  ZX_CHART_PURPLE,
  ZX_CHART_N_COLORS
} ZxChartColor;

typedef struct
{
  GtkSnapshot  *snapshot;  /* one of these two */
  cairo_t      *cr;
  PangoContext *pango;
  PangoFontDescription *font;   /* the labels' font */
  GdkRGBA       fg;             /* text and axes */
  GdkRGBA       bg;             /* what the chart is drawn on */
  gboolean      dark;
} ZxChartPainter;

/* For export: draws on @cr with @font_size (in @cr's units) for labels */
void          zx_chart_painter_init_cairo (ZxChartPainter *painter,
                                           cairo_t        *cr,
                                           double          font_size,
                                           gboolean        dark);
void          zx_chart_painter_clear      (ZxChartPainter *painter);

void          zx_chart_color              (ZxChartPainter *painter,
                                           ZxChartColor    color,
                                           GdkRGBA        *out);
/* @fg with @alpha */
GdkRGBA       zx_chart_fg                 (ZxChartPainter *painter,
                                           double          alpha);
void          zx_chart_fill_rect          (ZxChartPainter *painter,
                                           double x, double y, double w, double h,
                                           const GdkRGBA  *color);
/* A cairo context for lines and arcs inside the given bounds; give it
 * back with zx_chart_end_cairo() */
cairo_t      *zx_chart_begin_cairo        (ZxChartPainter *painter,
                                           double x, double y, double w, double h);
void          zx_chart_end_cairo          (ZxChartPainter *painter,
                                           cairo_t        *cr);
/* A layout of @text in the label font × @scale (bold when asked) */
PangoLayout  *zx_chart_layout             (ZxChartPainter *painter,
                                           const char     *text,
                                           double          scale,
                                           gboolean        bold);
void          zx_chart_layout_size        (PangoLayout    *layout,
                                           double         *w,
                                           double         *h);
void          zx_chart_draw_layout        (ZxChartPainter *painter,
                                           PangoLayout    *layout,
                                           double          x,
                                           double          y,
                                           const GdkRGBA  *color);
/* A legend row of (colour, label) pairs from @x, @y; returns its height */
double        zx_chart_draw_legend        (ZxChartPainter     *painter,
                                           double              x,
                                           double              y,
                                           const ZxChartColor *colors,
                                           const char * const *labels,
                                           guint               n);
/* The colour (black or white) that reads on @color */
GdkRGBA       zx_chart_contrast           (const GdkRGBA  *color);

/* What a render function reports for tooltips and clicks */
typedef struct
{
  graphene_rect_t rect;
  guint           index;
  char           *tooltip;
} ZxChartHit;

/* Adds a hit area; @hits may be NULL (export) */
void          zx_chart_add_hit            (GArray         *hits,
                                           double x, double y, double w, double h,
                                           guint           index,
                                           char           *tooltip);   /* taken */

#define ZX_TYPE_CHART (zx_chart_get_type ())

G_DECLARE_DERIVABLE_TYPE (ZxChart, zx_chart, ZX, CHART, GtkWidget)

struct _ZxChartClass
{
  GtkWidgetClass parent_class;

  void (*render) (ZxChart        *self,
                  ZxChartPainter *painter,
                  double          width,
                  double          height,
                  GArray         *hits);
};

/* For subclasses: the data changed (redraws, re-measures) */
void          zx_chart_changed            (ZxChart        *self,
                                           const char     *description);
/* Renders @self into a texture of @width × @height (tests, screenshots) */
GdkTexture   *zx_chart_render_texture     (ZxChart        *self,
                                           int             width,
                                           int             height);
guint         zx_chart_get_n_hits         (ZxChart        *self);
/* The tooltip of the hit at @x, @y, or NULL; *@out_index its item */
const char   *zx_chart_hit_at             (ZxChart        *self,
                                           double          x,
                                           double          y,
                                           guint          *out_index);

G_END_DECLS
