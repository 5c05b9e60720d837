/* zx-strategy-render.c — drawing the strategy map with cairo, and exporting it
 *
 * One drawing for the screen, the printer and the files.  Colours come from a
 * palette (the widget's follows the theme; files use the print palette).
 * Battle status is shown by a shape as well as a colour (Okabe–Ito colours,
 * readable with the common colour-vision deficiencies) and by its name.
 *
 * PDF keeps Pango's text as text.  Cairo's SVG surface writes glyphs as
 * paths, so for SVG the map is drawn without its text and the text is added
 * as <text> elements, one per line, at the positions Pango chose, each node's
 * full name in a <title>.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-strategy-render"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "zx-strategy-render.h"

/* Text smaller than this many device pixels is drawn as grey bars */
#define LEGIBLE_PX 5.0
/* Maps with more battles than this show only highlighted links */
#define AUTO_LINKS_MAX 150

typedef struct
{
  cairo_t                       *cr;
  ZxStrategyLayout              *layout;
  const ZxStrategyRenderOptions *options;
  const ZxStrategyPalette       *palette;
  const guint8                  *only;       /* draw only these nodes */
  GString                       *svg_text;   /* SVG: text goes here, not on cr */
  gboolean                       coarse;     /* too small for rounded corners and clips */
} Ctx;

/* Below this many device pixels per map unit nodes are drawn plainly */
#define COARSE_SCALE 0.45

/* Palettes --------------------------------------------------------------------- */

static ZxStrategyColor
rgb (guint32 hex)
{
  return (ZxStrategyColor) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1.0 };
}

static void
init_common (ZxStrategyPalette *p,
             gboolean           dark)
{
  /* Okabe–Ito: planned grey, in progress blue, at risk orange, achieved
   * bluish green, dropped dim */
  static const guint32 status_light[] = { 0x77767b, 0x0072b2, 0xd55e00, 0x009e73, 0xb0afb4 };
  static const guint32 status_dark[] = { 0xa8a7ac, 0x56b4e9, 0xe69f00, 0x2fbf90, 0x6b6a70 };
  static const guint32 pillars_light[] = { 0x813d9c, 0x1b7a6e, 0x986a44, 0xb0305c, 0x3d5a98, 0x5e7a1a };
  static const guint32 pillars_dark[] = { 0x9b59b6, 0x24907f, 0xa87a50, 0xc13f6c, 0x5572b8, 0x6f8e22 };
  /* not started grey, on track green, at risk amber, off track red */
  static const guint32 health_light[] = { 0x9a9996, 0x26a269, 0xe5a50a, 0xc01c28 };
  static const guint32 health_dark[] = { 0x77767b, 0x33d17a, 0xf6d32d, 0xff7b63 };

  for (guint i = 0; i < ZX_STRATEGY_N_STATUS; i++)
    p->status[i] = rgb (dark ? status_dark[i] : status_light[i]);

  for (guint i = 0; i < ZX_STRATEGY_N_PILLAR_COLORS; i++)
    p->pillars[i] = rgb (dark ? pillars_dark[i] : pillars_light[i]);
  for (guint i = 0; i < G_N_ELEMENTS (p->health); i++)
    p->health[i] = rgb (dark ? health_dark[i] : health_light[i]);
  p->on_pillar = rgb (0xffffff);
  p->accent_foreground = rgb (0xffffff);
  p->badge = rgb (dark ? 0xff8c4a : 0xc64600);
  p->dark = dark;
}

void
zx_strategy_palette_init_print (ZxStrategyPalette *palette)
{
  init_common (palette, FALSE);
  palette->background = rgb (0xffffff);
  palette->foreground = rgb (0x1e1e1e);
  palette->dim_foreground = rgb (0x5e5c64);
  palette->card = rgb (0xf6f6f7);
  palette->card_border = rgb (0xd3d2d7);
  palette->node = rgb (0xffffff);
  palette->accent = rgb (0x1c71d8);
}

void
zx_strategy_palette_init_light (ZxStrategyPalette *palette)
{
  init_common (palette, FALSE);
  palette->background = rgb (0xfafafa);
  palette->foreground = (ZxStrategyColor) { 0, 0, 0, 0.8 };
  palette->dim_foreground = (ZxStrategyColor) { 0, 0, 0, 0.55 };
  palette->card = rgb (0xffffff);
  palette->card_border = (ZxStrategyColor) { 0, 0, 0, 0.12 };
  palette->node = rgb (0xf6f5f4);
  palette->accent = rgb (0x1c71d8);
}

void
zx_strategy_palette_init_dark (ZxStrategyPalette *palette)
{
  init_common (palette, TRUE);
  palette->background = rgb (0x242424);
  palette->foreground = rgb (0xffffff);
  palette->dim_foreground = (ZxStrategyColor) { 1, 1, 1, 0.6 };
  palette->card = rgb (0x303030);
  palette->card_border = (ZxStrategyColor) { 1, 1, 1, 0.1 };
  palette->node = rgb (0x3a3a3a);
  palette->accent = rgb (0x3584e4);
}

gboolean
zx_strategy_palette_equal (const ZxStrategyPalette *a,
                           const ZxStrategyPalette *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

void
zx_strategy_render_options_init (ZxStrategyRenderOptions *options,
                                 const ZxStrategyPalette *palette)
{
  memset (options, 0, sizeof *options);
  options->palette = palette;
  options->scale = 1.0;
  options->selected = -1;
  options->drop_target = -1;
  options->links = ZX_STRATEGY_LINKS_AUTO;
  options->background = TRUE;
}

/* Helpers ------------------------------------------------------------------------ */

static void
set_color (cairo_t               *cr,
           const ZxStrategyColor *color,
           double                 alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A node's outline: rounded, or plain when too small to tell */
static void
shape (const Ctx *ctx,
       double     x,
       double     y,
       double     w,
       double     h,
       double     r)
{
  if (ctx->coarse)
    cairo_rectangle (ctx->cr, x, y, w, h);
  else
    rounded_rect (ctx->cr, x, y, w, h, r);
}

/* A card with a coloured stripe along one side (@left) or the top */
static void
striped_card (const Ctx             *ctx,
              const ZxStrategyRect  *r,
              double                 radius,
              const ZxStrategyColor *fill,
              const ZxStrategyColor *border,
              const ZxStrategyColor *stripe,
              double                 stripe_w,
              gboolean               left,
              double                 alpha,
              double                 stripe_alpha)
{
  cairo_t *cr = ctx->cr;

  shape (ctx, r->x, r->y, r->width, r->height, radius);
  set_color (cr, fill, alpha);
  if (ctx->coarse)
    {
      cairo_fill (cr);
      set_color (cr, stripe, stripe_alpha);
      if (left)
        cairo_rectangle (cr, r->x, r->y, stripe_w, r->height);
      else
        cairo_rectangle (cr, r->x, r->y, r->width, stripe_w);
      cairo_fill (cr);
      return;
    }
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  if (border != NULL)
    {
      set_color (cr, border, alpha);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    cairo_new_path (cr);
  set_color (cr, stripe, stripe_alpha);
  if (left)
    cairo_rectangle (cr, r->x, r->y, stripe_w, r->height);
  else
    cairo_rectangle (cr, r->x, r->y, r->width, stripe_w);
  cairo_fill (cr);
  cairo_restore (cr);
}

static gboolean
visible (const Ctx            *ctx,
         const ZxStrategyRect *r)
{
  const ZxStrategyRect *c = &ctx->options->clip;

  if (c->width <= 0)
    return TRUE;
  return r->x < c->x + c->width && r->x + r->width > c->x &&
         r->y < c->y + c->height && r->y + r->height > c->y;
}

static double
font_px (PangoLayout *layout)
{
  const PangoFontDescription *desc = pango_layout_get_font_description (layout);

  return desc != NULL ? pango_font_description_get_size (desc) / (double) PANGO_SCALE : 12.0;
}

/* Appends one <text> per line of @layout drawn at (@x, @y) in user space */
static void
svg_text (Ctx                   *ctx,
          PangoLayout           *layout,
          double                 x,
          double                 y,
          const ZxStrategyColor *color,
          double                 alpha)
{
  const PangoFontDescription *desc = pango_layout_get_font_description (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  const char *text = pango_layout_get_text (layout);
  double ux = 1, uy = 0, size;

  cairo_user_to_device_distance (ctx->cr, &ux, &uy);
  size = font_px (layout) * hypot (ux, uy);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      g_autoptr(GString) content = g_string_new (NULL);
      g_autofree char *escaped = NULL;
      double bx, by;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      bx = x + logical.x / (double) PANGO_SCALE;
      by = y + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      cairo_user_to_device (ctx->cr, &bx, &by);

      for (GSList *l = line->runs; l != NULL; l = l->next)
        {
          PangoGlyphItem *run = l->data;

          if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
            g_string_append (content, "…");
          else
            g_string_append_len (content, text + run->item->offset, run->item->length);
        }
      if (content->len == 0)
        continue;
      escaped = g_markup_escape_text (content->str, -1);
      g_string_append_printf (ctx->svg_text,
                              "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" font-weight=\"%s\" "
                              "fill=\"#%02x%02x%02x\" fill-opacity=\"%.2f\">%s</text>\n",
                              bx, by, size,
                              desc != NULL && pango_font_description_get_weight (desc) >= PANGO_WEIGHT_BOLD ? "bold" : "normal",
                              (int) (color->red * 255), (int) (color->green * 255), (int) (color->blue * 255),
                              color->alpha * alpha, escaped);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_text (Ctx                   *ctx,
           PangoLayout           *layout,
           double                 x,
           double                 y,
           const ZxStrategyColor *color,
           double                 alpha)
{
  cairo_t *cr = ctx->cr;

  if (layout == NULL)
    return;
  if (ctx->svg_text != NULL)
    {
      svg_text (ctx, layout, x, y, color, alpha);
      return;
    }

  if (font_px (layout) * ctx->options->scale < LEGIBLE_PX)
    {
      /* Too small to read: a bar per line keeps the shape of the map */
      double line_y = y;

      set_color (cr, color, alpha * 0.35);
      for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
        {
          PangoRectangle logical;

          pango_layout_line_get_extents (l->data, NULL, &logical);
          cairo_rectangle (cr, x + logical.x / (double) PANGO_SCALE,
                           line_y + logical.height * 0.25 / PANGO_SCALE,
                           logical.width / (double) PANGO_SCALE, logical.height * 0.5 / PANGO_SCALE);
          line_y += logical.height / (double) PANGO_SCALE;
        }
      cairo_fill (cr);
      return;
    }

  set_color (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* The status mark: a shape per status, so colour is not the only cue */
static void
draw_status_mark (cairo_t                 *cr,
                  const ZxStrategyPalette *palette,
                  ZxStrategyStatus         status,
                  double                   cx,
                  double                   cy,
                  double                   r,
                  double                   alpha,
                  gboolean                 coarse)
{
  const ZxStrategyColor *color = &palette->status[status];

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_width (cr, 1.5);
  if (coarse)
    status = ZX_STRATEGY_N_STATUS;   /* a plain square, below */
  switch (status)
    {
    case ZX_STRATEGY_STATUS_PLANNED:
      set_color (cr, color, alpha);
      cairo_arc (cr, cx, cy, r - 0.75, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    case ZX_STRATEGY_STATUS_IN_PROGRESS:
      set_color (cr, color, alpha);
      cairo_arc (cr, cx, cy, r - 0.75, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, cx, cy - r);
      cairo_arc_negative (cr, cx, cy, r, -G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case ZX_STRATEGY_STATUS_AT_RISK:
      set_color (cr, color, alpha);
      cairo_move_to (cr, cx, cy - r * 1.1);
      cairo_line_to (cr, cx + r * 1.1, cy + r * 0.85);
      cairo_line_to (cr, cx - r * 1.1, cy + r * 0.85);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, alpha);
      cairo_rectangle (cr, cx - 0.7, cy - r * 0.45, 1.4, r * 0.7);
      cairo_rectangle (cr, cx - 0.7, cy + r * 0.4, 1.4, 1.3);
      cairo_fill (cr);
      break;
    case ZX_STRATEGY_STATUS_ACHIEVED:
      set_color (cr, color, alpha);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, alpha);
      cairo_move_to (cr, cx - r * 0.5, cy);
      cairo_line_to (cr, cx - r * 0.1, cy + r * 0.4);
      cairo_line_to (cr, cx + r * 0.55, cy - r * 0.4);
      cairo_stroke (cr);
      break;
    case ZX_STRATEGY_STATUS_DROPPED:
      set_color (cr, color, alpha);
      cairo_arc (cr, cx, cy, r - 0.75, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, cx - r * 0.5, cy);
      cairo_line_to (cr, cx + r * 0.5, cy);
      cairo_stroke (cr);
      break;
    case ZX_STRATEGY_N_STATUS:
      set_color (cr, color, alpha);
      cairo_rectangle (cr, cx - r, cy - r, 2 * r, 2 * r);
      cairo_fill (cr);
      break;
    case ZX_STRATEGY_STATUS_NONE:
    default:
      break;
    }
  cairo_restore (cr);
}

/* ZxHealth's values, which index the palette's health colours */
#define ZX_STRATEGY_HEALTH_ON_TRACK  1
#define ZX_STRATEGY_HEALTH_OFF_TRACK 3

/* Width of a battle's progress bar, in map units */
#define PROGRESS_W 56.0

/* A small progress bar centred on @cy starting at @x: in a battle, the bar
 * in its health's colour and the percentage after it; along the bottom of
 * a pillar (@on_pillar), a white bar across it */
static void
draw_progress (Ctx                  *ctx,
               const ZxStrategyNode *node,
               double                x,
               double                cy,
               double                alpha,
               gboolean              on_pillar)
{
  cairo_t *cr = ctx->cr;
  const ZxStrategyPalette *pal = ctx->palette;
  int health = CLAMP (node->health, 0, (int) G_N_ELEMENTS (pal->health) - 1);
  double w, h = on_pillar ? 3 : 5;
  int tw = 0, th = 0;

  if (node->progress_text != NULL)
    pango_layout_get_pixel_size (node->progress_text, &tw, &th);
  w = on_pillar ? node->rect.width - 28 : PROGRESS_W - tw - 4;
  if (on_pillar)
    {
      rounded_rect (cr, x, cy - h / 2, w, h, h / 2);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.3 * alpha);
      cairo_fill (cr);
      rounded_rect (cr, x, cy - h / 2, MAX (h, w * node->progress), h, h / 2);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.95 * alpha);
      cairo_fill (cr);
      return;
    }
  rounded_rect (cr, x, cy - h / 2, w, h, h / 2);
  set_color (cr, &pal->dim_foreground, 0.25 * alpha);
  cairo_fill (cr);
  if (node->progress > 0)
    {
      rounded_rect (cr, x, cy - h / 2, MAX (h, w * node->progress), h, h / 2);
      set_color (cr, &pal->health[health], alpha);
      cairo_fill (cr);
    }
  if (node->progress_text != NULL)
    draw_text (ctx, node->progress_text, x + w + 4, cy - th / 2.0, &pal->dim_foreground, alpha);
}

/* The unsigned-pledge badge with its top-right corner at (@right, @top) */
static void
draw_badge (Ctx    *ctx,
            double  x,
            double  cy,
            double  alpha)
{
  cairo_t *cr = ctx->cr;
  PangoLayout *text = zx_strategy_layout_get_badge_text (ctx->layout);
  int w, h;

  pango_layout_get_pixel_size (text, &w, &h);
  rounded_rect (cr, x, cy - h / 2.0 - 1, w + 12, h + 2, (h + 2) / 2.0);
  set_color (cr, &ctx->palette->badge, alpha * 0.14);
  cairo_fill_preserve (cr);
  set_color (cr, &ctx->palette->badge, alpha);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  draw_text (ctx, text, x + 6, cy - h / 2.0, &ctx->palette->badge, alpha);
}

static double
node_alpha (const Ctx *ctx,
            guint      index)
{
  const guint8 *h = ctx->options->highlight;

  if (h == NULL)
    return 1.0;
  return h[index] ? 1.0 : 0.25;
}

static const ZxStrategyColor *
pillar_color (const Ctx *ctx,
              int        rank)
{
  if (rank < 0)
    return &ctx->palette->card_border;
  return &ctx->palette->pillars[rank % ZX_STRATEGY_N_PILLAR_COLORS];
}

/* Nodes ------------------------------------------------------------------------------ */

static void
draw_node (Ctx                  *ctx,
           guint                 index,
           const ZxStrategyNode *node)
{
  cairo_t *cr = ctx->cr;
  const ZxStrategyPalette *pal = ctx->palette;
  const ZxStrategyRect *r = &node->rect;
  double alpha = node_alpha (ctx, index);
  double tx = r->x + node->text_rect.x, ty = r->y + node->text_rect.y;

  if (ctx->svg_text != NULL)
    {
      g_autofree char *title = g_markup_escape_text (node->label, -1);

      g_string_append_printf (ctx->svg_text, "<g><title>%s</title>\n", title);
    }

  switch (node->type)
    {
    case ZX_STRATEGY_NODE_GOAL:
      {
        PangoLayout *caption = zx_strategy_layout_get_caption_text (ctx->layout);
        int cw;

        rounded_rect (cr, r->x, r->y, r->width, r->height, 14);
        set_color (cr, &pal->accent, alpha);
        cairo_fill (cr);
        pango_layout_get_pixel_size (caption, &cw, NULL);
        draw_text (ctx, caption, r->x + (r->width - cw) / 2, r->y + 14, &pal->accent_foreground, alpha * 0.85);
        draw_text (ctx, node->text, tx, ty, &pal->accent_foreground, alpha);
      }
      break;

    case ZX_STRATEGY_NODE_PILLAR:
      rounded_rect (cr, r->x, r->y, r->width, r->height, 12);
      set_color (cr, pillar_color (ctx, node->pillar_rank), alpha);
      cairo_fill (cr);
      draw_text (ctx, node->text, tx, ty, &pal->on_pillar, alpha);
      if (node->has_progress)
        draw_progress (ctx, node, r->x + 14, r->y + r->height - 7, alpha, TRUE);
      break;

    case ZX_STRATEGY_NODE_FACTOR:
      striped_card (ctx, r, 8, &pal->card, &pal->card_border, pillar_color (ctx, node->pillar_rank), 5, TRUE, alpha, alpha);
      draw_text (ctx, node->text, tx, ty, &pal->foreground, alpha);
      break;

    case ZX_STRATEGY_NODE_DEPARTMENT:
      {
        const ZxStrategyRect *g = &node->group;

        striped_card (ctx, g, 10, &pal->card, &pal->card_border, pillar_color (ctx, node->pillar_rank), 3, FALSE, alpha, alpha);
        draw_text (ctx, node->text, tx, ty, &pal->foreground, alpha);
        if (!node->pledge_signed)
          draw_badge (ctx, tx + node->text_rect.width + 6, r->y + r->height / 2, alpha);
      }
      break;

    case ZX_STRATEGY_NODE_BATTLE:
      {
        gboolean dropped = node->status == ZX_STRATEGY_STATUS_DROPPED;
        double a = dropped ? alpha * 0.6 : alpha;
        PangoLayout *status = zx_strategy_layout_get_status_text (ctx->layout, node->status);
        double sy = r->y + r->height - 6 - 8;
        int sh = 0;

        striped_card (ctx, r, 6, &pal->node, NULL, pillar_color (ctx, node->pillar_rank), 5, TRUE, alpha, a);
        draw_text (ctx, node->text, tx, ty, &pal->foreground, a);
        if (node->has_progress)
          draw_progress (ctx, node, r->x + r->width - 8 - PROGRESS_W, sy, a, FALSE);
        draw_status_mark (cr, pal, node->status, tx + 5, sy, 5, alpha, ctx->coarse);
        if (status != NULL)
          {
            pango_layout_get_pixel_size (status, NULL, &sh);
            draw_text (ctx, status, tx + 14, sy - sh / 2.0,
                       node->status == ZX_STRATEGY_STATUS_AT_RISK ? &pal->status[node->status] : &pal->dim_foreground, alpha);
          }
      }
      break;

    default:
      break;
    }

  if (ctx->svg_text != NULL)
    g_string_append (ctx->svg_text, "</g>\n");

  if ((int) index == ctx->options->drop_target)
    {
      rounded_rect (cr, r->x - 4, r->y - 4, r->width + 8, r->height + 8, 14);
      set_color (cr, &pal->accent, 0.18);
      cairo_fill_preserve (cr);
      set_color (cr, &pal->accent, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  if ((int) index == ctx->options->selected)
    {
      rounded_rect (cr, r->x - 3, r->y - 3, r->width + 6, r->height + 6, 12);
      set_color (cr, &pal->accent, 1);
      cairo_set_line_width (cr, MAX (2.5, 1.5 / ctx->options->scale));
      cairo_stroke (cr);
    }
}

static void
draw_edges (Ctx *ctx)
{
  cairo_t *cr = ctx->cr;
  ZxStrategyLayout *layout = ctx->layout;
  const guint8 *h = ctx->options->highlight;
  guint n = zx_strategy_layout_get_n_edges (layout);
  ZxStrategyLinks links = ctx->options->links;
  double width = MAX (1.5, 1.0 / ctx->options->scale);

  if (links == ZX_STRATEGY_LINKS_AUTO)
    links = n <= AUTO_LINKS_MAX ? ZX_STRATEGY_LINKS_ALL : ZX_STRATEGY_LINKS_HIGHLIGHTED;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const ZxStrategyEdge *e = zx_strategy_layout_get_edge (layout, i);
      const ZxStrategyNode *battle = zx_strategy_layout_get_node (layout, e->from);
      gboolean lit = h != NULL && h[e->from];
      ZxStrategyRect box;
      double alpha;

      if (ctx->only != NULL && !ctx->only[e->from])
        continue;
      if (links == ZX_STRATEGY_LINKS_HIGHLIGHTED && !lit && e->from != ctx->options->selected)
        continue;

      box.x = MIN (e->x0, e->x3) - 20;
      box.y = MIN (e->y3, e->y0);
      box.width = fabs (e->x3 - e->x0) + 40;
      box.height = fabs (e->y0 - e->y3);
      if (!visible (ctx, &box))
        continue;

      alpha = h == NULL ? 0.4 : lit ? 0.9 : 0.08;
      set_color (cr, pillar_color (ctx, battle->pillar_rank), alpha);
      cairo_set_line_width (cr, lit ? width * 1.4 : width);
      cairo_move_to (cr, e->x0, e->y0);
      cairo_curve_to (cr, e->x1, e->y1, e->x2, e->y2, e->x3, e->y3);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The lanes' tint, the tree from the goal to the pillars and down through
 * their factors */
static void
draw_structure (Ctx *ctx)
{
  cairo_t *cr = ctx->cr;
  ZxStrategyLayout *layout = ctx->layout;
  guint n_pillars = zx_strategy_layout_get_n_pillars (layout);
  const ZxStrategyNode *goal;
  double dim = ctx->options->highlight != NULL ? 0.4 : 1.0;

  if (zx_strategy_layout_get_n_nodes (layout) == 0)
    return;
  goal = zx_strategy_layout_get_node (layout, 0);

  for (guint p = 0; p < n_pillars; p++)
    {
      ZxStrategyRect lane;

      zx_strategy_layout_get_lane (layout, p, &lane);
      if (!visible (ctx, &lane))
        continue;
      rounded_rect (cr, lane.x, lane.y, lane.width, lane.height, 18);
      set_color (cr, pillar_color (ctx, (int) p), (ctx->palette->dark ? 0.10 : 0.06) * dim);
      cairo_fill (cr);
    }

  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  set_color (cr, &ctx->palette->dim_foreground, 0.6 * dim);
  for (guint i = 1; i < zx_strategy_layout_get_n_nodes (layout); i++)
    {
      const ZxStrategyNode *node = zx_strategy_layout_get_node (layout, i);
      double gx = goal->rect.x + goal->rect.width / 2, gy = goal->rect.y + goal->rect.height;
      double px, py, bus;

      if (node->type != ZX_STRATEGY_NODE_PILLAR && node->type != ZX_STRATEGY_NODE_FACTOR)
        continue;
      if (node->type == ZX_STRATEGY_NODE_PILLAR)
        {
          px = node->rect.x + node->rect.width / 2;
          py = node->rect.y;
          bus = py - 24;
          cairo_move_to (cr, gx, gy);
          cairo_line_to (cr, gx, bus);
          cairo_line_to (cr, px, bus);
          cairo_line_to (cr, px, py);
        }
      else
        {
          const ZxStrategyNode *pillar = zx_strategy_layout_get_node (layout, node->parent);

          px = pillar->rect.x + pillar->rect.width / 2;
          cairo_move_to (cr, px, pillar->rect.y + pillar->rect.height);
          cairo_line_to (cr, px, node->rect.y);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_legend (Ctx *ctx)
{
  cairo_t *cr = ctx->cr;
  ZxStrategyLayout *layout = ctx->layout;
  ZxStrategyRect lr;
  guint n = zx_strategy_layout_get_n_legend_items (layout);

  zx_strategy_layout_get_legend_rect (layout, &lr);
  if (n == 0 || !visible (ctx, &lr))
    return;

  rounded_rect (cr, lr.x, lr.y, lr.width, lr.height, 10);
  set_color (cr, &ctx->palette->card, 1);
  cairo_fill_preserve (cr);
  set_color (cr, &ctx->palette->card_border, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      const ZxStrategyLegendItem *it = zx_strategy_layout_get_legend_item (layout, i);
      double cy = it->rect.y + it->rect.height / 2;
      double tx = it->rect.x + 24;
      int th;

      pango_layout_get_pixel_size (it->text, NULL, &th);
      if (it->pillar_rank >= 0)
        {
          rounded_rect (cr, it->rect.x, cy - 7, 14, 14, 4);
          set_color (cr, pillar_color (ctx, it->pillar_rank), 1);
          cairo_fill (cr);
        }
      else if (it->badge)
        {
          int bw;

          pango_layout_get_pixel_size (zx_strategy_layout_get_badge_text (layout), &bw, NULL);
          draw_badge (ctx, it->rect.x, cy, 1);
          tx = it->rect.x + bw + 12 + 8;
        }
      else if (it->progress)
        {
          /* three short bars: on track, at risk, off track */
          for (int h = ZX_STRATEGY_HEALTH_ON_TRACK; h <= ZX_STRATEGY_HEALTH_OFF_TRACK; h++)
            {
              rounded_rect (cr, it->rect.x + (h - 1) * 11, cy - 3, 9, 6, 3);
              set_color (cr, &ctx->palette->health[h], 1);
              cairo_fill (cr);
            }
          tx = it->rect.x + 40;
        }
      else
        draw_status_mark (cr, ctx->palette, it->status, it->rect.x + 7, cy, 6, 1, ctx->coarse);
      draw_text (ctx, it->text, tx, cy - th / 2.0, &ctx->palette->foreground, 1);
    }
}

static void
render (Ctx *ctx)
{
  cairo_t *cr = ctx->cr;
  ZxStrategyLayout *layout = ctx->layout;
  guint n = zx_strategy_layout_get_n_nodes (layout);

  cairo_save (cr);
  if (ctx->only == NULL)
    {
      if (ctx->options->background)
        {
          set_color (cr, &ctx->palette->background, 1);
          cairo_paint (cr);
        }
      draw_structure (ctx);
      draw_legend (ctx);
    }
  draw_edges (ctx);

  for (guint i = 0; i < n; i++)
    {
      const ZxStrategyNode *node = zx_strategy_layout_get_node (layout, i);
      const ZxStrategyRect *r = node->type == ZX_STRATEGY_NODE_DEPARTMENT ? &node->group : &node->rect;

      if (ctx->only != NULL && !ctx->only[i])
        continue;
      if (!visible (ctx, r))
        continue;
      draw_node (ctx, i, node);
    }
  cairo_restore (cr);
}

void
zx_strategy_render (cairo_t                       *cr,
                    ZxStrategyLayout              *layout,
                    const ZxStrategyRenderOptions *options)
{
  Ctx ctx = { cr, layout, options, options->palette, NULL, NULL, FALSE };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (ZX_IS_STRATEGY_LAYOUT (layout));
  g_return_if_fail (options != NULL && options->palette != NULL);

  ctx.coarse = options->scale < COARSE_SCALE;
  render (&ctx);
}

void
zx_strategy_render_nodes (cairo_t                       *cr,
                          ZxStrategyLayout              *layout,
                          const ZxStrategyRenderOptions *options,
                          const guint8                  *mask)
{
  Ctx ctx = { cr, layout, options, options->palette, mask, NULL, FALSE };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (ZX_IS_STRATEGY_LAYOUT (layout));
  g_return_if_fail (options != NULL && options->palette != NULL);
  g_return_if_fail (mask != NULL);

  ctx.coarse = options->scale < COARSE_SCALE;
  render (&ctx);
}

/* Pages and files ------------------------------------------------------------------------- */

static void
render_page (cairo_t          *cr,
             ZxStrategyLayout *layout,
             double            width,
             double            height,
             gboolean          vector,
             GString          *svg)
{
  ZxStrategyPalette palette;
  ZxStrategyRenderOptions options;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *title = NULL;
  g_autoptr(PangoLayout) title_text = NULL;
  g_autoptr(PangoLayout) date_text = NULL;
  double unit = width / ZX_STRATEGY_A3_WIDTH;   /* 1 at A3 in points */
  double margin = 28 * unit, map_w, map_h, s, top;
  int tw, th, dw;
  Ctx ctx = { cr, layout, &options, &palette, NULL, svg, FALSE };
  const char *hospital = zx_strategy_layout_get_hospital_name (layout);
  const char *plan = zx_strategy_layout_get_plan_name (layout);
  const char *department = zx_strategy_layout_get_department_name (layout);

  zx_strategy_palette_init_print (&palette);
  zx_strategy_render_options_init (&options, &palette);

  cairo_save (cr);
  set_color (cr, &palette.background, 1);
  cairo_paint (cr);

  /* The title line: hospital · plan, and the date at the right */
  if (department != NULL)
    /* Translators: the title of a printed battle map: hospital, department, plan */
    title = g_strdup_printf (_("%s · %s battle map · %s"), hospital != NULL ? hospital : "", department,
                             plan != NULL ? plan : "");
  else if (hospital != NULL && plan != NULL)
    title = g_strdup_printf ("%s · %s", hospital, plan);
  else
    title = g_strdup (plan != NULL ? plan : hospital != NULL ? hospital : _("Strategy map"));
  title_text = zx_strategy_layout_create_text (layout, title, 16 * unit, TRUE);
  date_text = zx_strategy_layout_create_text (layout, date, 11 * unit, FALSE);
  pango_layout_get_pixel_size (date_text, &dw, NULL);
  pango_layout_set_width (title_text, (int) ((width - 2 * margin - dw - 24 * unit) * PANGO_SCALE));
  pango_layout_set_ellipsize (title_text, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (title_text, &tw, &th);
  options.scale = 1000;   /* titles are always text */
  draw_text (&ctx, title_text, margin, margin, &palette.foreground, 1);
  draw_text (&ctx, date_text, width - margin - dw, margin + th - 11 * unit * 1.4, &palette.dim_foreground, 1);
  cairo_set_line_width (cr, 0.75 * unit);
  set_color (cr, &palette.card_border, 1);
  cairo_move_to (cr, margin, margin + th + 6 * unit);
  cairo_line_to (cr, width - margin, margin + th + 6 * unit);
  cairo_stroke (cr);

  top = margin + th + 14 * unit;
  zx_strategy_layout_get_size (layout, &map_w, &map_h);
  if (zx_strategy_layout_get_n_nodes (layout) == 0)
    {
      g_autoptr(PangoLayout) empty = zx_strategy_layout_create_text (layout, _("No strategic plan yet"), 14 * unit, FALSE);

      draw_text (&ctx, empty, margin, top + 20 * unit, &palette.dim_foreground, 1);
      cairo_restore (cr);
      return;
    }

  s = MIN ((width - 2 * margin) / map_w, (height - top - margin) / map_h);
  cairo_translate (cr, (width - map_w * s) / 2, top);
  cairo_scale (cr, s, s);
  options.background = FALSE;
  options.scale = vector ? 1000 : s;   /* vector output always keeps its text */
  ctx.coarse = options.scale < COARSE_SCALE;
  render (&ctx);
  cairo_restore (cr);
}

void
zx_strategy_render_page (cairo_t          *cr,
                         ZxStrategyLayout *layout,
                         double            width,
                         double            height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (ZX_IS_STRATEGY_LAYOUT (layout));

  render_page (cr, layout, width, height, TRUE, NULL);
}

typedef enum { FORMAT_NONE, FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } Format;

static Format
format_of (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    return FORMAT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return FORMAT_SVG;
  if (g_str_has_suffix (lower, ".pdf"))
    return FORMAT_PDF;
  return FORMAT_NONE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
finish_file (const char  *tmp,
             const char  *path,
             GError     **error)
{
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
zx_strategy_export_layout (ZxStrategyLayout  *layout,
                           const char        *path,
                           int                width_px,
                           GError           **error)
{
  Format format;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (layout), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_of (path);
  if (format == FORMAT_NONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot export “%s”: choose a file name ending in .png, .svg or .pdf."), path);
      return FALSE;
    }
  if (format == FORMAT_PNG && (width_px < 200 || width_px > 16000))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The picture width must be between 200 and 16000 pixels."));
      return FALSE;
    }

  tmp = g_strdup_printf ("%s.partial", path);

  if (format == FORMAT_PNG)
    {
      double map_w, map_h, s, unit, top, height;
      int th;
      g_autoptr(PangoLayout) probe = NULL;

      /* As tall as the map needs at this width, below the title line */
      zx_strategy_layout_get_size (layout, &map_w, &map_h);
      unit = width_px / ZX_STRATEGY_A3_WIDTH;
      probe = zx_strategy_layout_create_text (layout, "知行", 16 * unit, TRUE);
      pango_layout_get_pixel_size (probe, NULL, &th);
      top = 28 * unit + th + 14 * unit;
      s = (width_px - 2 * 28 * unit) / MAX (map_w, 1);
      height = ceil (top + map_h * s + 28 * unit);
      height = MIN (height, 32000);

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px, (int) height);
      cr = cairo_create (surface);
      render_page (cr, layout, width_px, height, FALSE, NULL);
      cairo_destroy (cr);
      ok = check_surface (surface, path, error);
      if (ok && cairo_surface_write_to_png (surface, tmp) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not write “%s”: the folder may be read-only or the disk full."), path);
          ok = FALSE;
        }
      cairo_surface_destroy (surface);
      if (!ok)
        {
          g_unlink (tmp);
          return FALSE;
        }
      return finish_file (tmp, path, error);
    }

  if (format == FORMAT_PDF)
    {
      surface = cairo_pdf_surface_create (tmp, ZX_STRATEGY_A3_WIDTH, ZX_STRATEGY_A3_HEIGHT);
      if (!check_surface (surface, path, error))
        {
          cairo_surface_destroy (surface);
          g_unlink (tmp);
          return FALSE;
        }
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      zx_strategy_layout_get_plan_name (layout) != NULL ?
                                      zx_strategy_layout_get_plan_name (layout) : _("Strategy map"));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Zhixing");
      cr = cairo_create (surface);
      render_page (cr, layout, ZX_STRATEGY_A3_WIDTH, ZX_STRATEGY_A3_HEIGHT, TRUE, NULL);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      ok = check_surface (surface, path, error);
      cairo_surface_destroy (surface);
      if (!ok)
        {
          g_unlink (tmp);
          return FALSE;
        }
      return finish_file (tmp, path, error);
    }

  /* SVG: shapes through cairo, text as <text> elements added at the end */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autofree char *contents = NULL;
    gsize length;
    char *end;
    g_autoptr(GString) out = NULL;

    surface = cairo_svg_surface_create (tmp, ZX_STRATEGY_A3_WIDTH, ZX_STRATEGY_A3_HEIGHT);
    if (!check_surface (surface, path, error))
      {
        cairo_surface_destroy (surface);
        g_unlink (tmp);
        return FALSE;
      }
    cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    cr = cairo_create (surface);
    g_string_append (text, "<g font-family=\"" ZX_STRATEGY_FONT_FAMILIES "\" xml:space=\"preserve\">\n");
    render_page (cr, layout, ZX_STRATEGY_A3_WIDTH, ZX_STRATEGY_A3_HEIGHT, TRUE, text);
    g_string_append (text, "</g>\n");
    cairo_destroy (cr);
    cairo_surface_finish (surface);
    ok = check_surface (surface, path, error);
    cairo_surface_destroy (surface);
    if (ok && !g_file_get_contents (tmp, &contents, &length, error))
      ok = FALSE;
    g_unlink (tmp);
    if (!ok)
      return FALSE;

    end = g_strrstr (contents, "</svg>");
    if (end == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path, "SVG");
        return FALSE;
      }
    out = g_string_new_len (contents, end - contents);
    g_string_append_len (out, text->str, text->len);
    g_string_append (out, end);
    return g_file_set_contents (path, out->str, out->len, error);
  }
}

gboolean
zx_strategy_export (ZxStore     *store,
                    const char  *path,
                    int          width_px,
                    GError     **error)
{
  g_autoptr(ZxStrategyLayout) layout = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  layout = zx_strategy_layout_new (store, NULL, 0, error);
  if (layout == NULL)
    return FALSE;
  return zx_strategy_export_layout (layout, path, width_px, error);
}
