/* zx-strategy-render.h — drawing the strategy map with cairo, and exporting it
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "zx-strategy-layout.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} ZxStrategyColor;

#define ZX_STRATEGY_N_PILLAR_COLORS 6

typedef struct
{
  ZxStrategyColor background;
  ZxStrategyColor foreground;
  ZxStrategyColor dim_foreground;
  ZxStrategyColor card;            /* department cards, factors, legend */
  ZxStrategyColor card_border;
  ZxStrategyColor node;            /* battles */
  ZxStrategyColor accent;          /* the goal, selection, drop target */
  ZxStrategyColor accent_foreground;
  ZxStrategyColor on_pillar;       /* text on a pillar's colour */
  ZxStrategyColor badge;           /* the unsigned-pledge badge */
  ZxStrategyColor pillars[ZX_STRATEGY_N_PILLAR_COLORS];
  ZxStrategyColor status[ZX_STRATEGY_N_STATUS];
  ZxStrategyColor health[4];       /* by ZxHealth: not started, on track, at risk, off track */
  gboolean        dark;
} ZxStrategyPalette;

/* The print palette (white paper) and the screen palettes */
void zx_strategy_palette_init_print (ZxStrategyPalette *palette);
void zx_strategy_palette_init_light (ZxStrategyPalette *palette);
void zx_strategy_palette_init_dark  (ZxStrategyPalette *palette);
gboolean zx_strategy_palette_equal  (const ZxStrategyPalette *a,
                                     const ZxStrategyPalette *b);

typedef enum
{
  ZX_STRATEGY_LINKS_AUTO,          /* all links on small maps, else only highlighted ones */
  ZX_STRATEGY_LINKS_ALL,
  ZX_STRATEGY_LINKS_HIGHLIGHTED,
} ZxStrategyLinks;

typedef struct
{
  const ZxStrategyPalette *palette;
  /* Device pixels per map unit: text smaller than legible is drawn as bars */
  double                   scale;
  /* The part of the map to draw (culling); width ≤ 0: all of it */
  ZxStrategyRect           clip;
  /* n_nodes bytes, 1 for nodes to highlight (the others are dimmed); or NULL */
  const guint8            *highlight;
  int                      selected;     /* node index or -1 */
  int                      drop_target;  /* node index or -1 */
  ZxStrategyLinks          links;
  gboolean                 background;   /* paint the background first */
} ZxStrategyRenderOptions;

/* Defaults: no highlight, no selection, all the map, scale 1 */
void zx_strategy_render_options_init (ZxStrategyRenderOptions *options,
                                      const ZxStrategyPalette *palette);

/* Draws @layout in map coordinates on @cr (the caller sets the transform) */
void zx_strategy_render (cairo_t                       *cr,
                         ZxStrategyLayout              *layout,
                         const ZxStrategyRenderOptions *options);

/* Draws only the nodes set in @mask (and their links) — for the widget's
 * overlays over a cached picture: hover chain, selection, drop target */
void zx_strategy_render_nodes (cairo_t                       *cr,
                               ZxStrategyLayout              *layout,
                               const ZxStrategyRenderOptions *options,
                               const guint8                  *mask);

/* A3 landscape, in points */
#define ZX_STRATEGY_A3_WIDTH  1190.55
#define ZX_STRATEGY_A3_HEIGHT 841.89

/* Draws the title line (hospital, plan, date) and the map scaled to fit
 * @width × @height (points or pixels) with margins; for export and printing */
void zx_strategy_render_page (cairo_t          *cr,
                              ZxStrategyLayout *layout,
                              double            width,
                              double            height);

/* Exports the store's current plan as PNG (@width_px wide), SVG or PDF (A3
 * landscape), chosen by @path's extension.  Writes a temporary file beside
 * @path and renames it over @path only when complete. */
gboolean zx_strategy_export        (ZxStore          *store,
                                    const char       *path,
                                    int               width_px,
                                    GError          **error);
gboolean zx_strategy_export_layout (ZxStrategyLayout *layout,
                                    const char       *path,
                                    int               width_px,
                                    GError          **error);

G_END_DECLS
