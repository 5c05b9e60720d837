/* zx-strategy-map.c — the strategy map canvas
 *
 * Draws a ZxStrategyLayout with zx-strategy-render.  The map at the current
 * zoom is rendered once into a texture covering the view and a margin around
 * it; a frame then only places that texture and draws the few overlays that
 * change often (the hovered pillar's chain, the selection, a dragged battle
 * and its drop target).  Panning reuses the texture until the view leaves it;
 * while zooming the old texture is scaled and a sharp one is made when the
 * zoom rests.  A new layout is made, at idle, only when the store changes
 * something the map shows.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-strategy-map"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "zx-strategy-map.h"
#include "zx-strategy-render.h"

#define ZOOM_STEP        1.2
#define CACHE_MARGIN     0.25   /* of the view, on each side */
#define CACHE_MAX_PX     8192
#define DRAG_THRESHOLD   6.0
#define ZOOM_SETTLE_MS   120
#define VIEW_PAD         16.0
/* The smallest zoom the map opens at: battle names about 10 px high */
#define READABLE_ZOOM    0.8

typedef enum { DRAG_NONE, DRAG_PAN, DRAG_BATTLE } DragMode;

struct _ZxStrategyMap
{
  GtkWidget          parent_instance;

  ZxStore           *store;
  ZxStrategyLayout  *layout;
  guint              relayout_id;

  char              *selected_id;
  int                selected;
  int                hover;
  int                chain_of;       /* the pillar whose chain is lit, or -1 */
  guint8            *chain;          /* n_nodes */
  guint8            *mask;           /* n_nodes, scratch */

  double             zoom, ox, oy;   /* ox, oy: the map point at the widget's origin */
  gboolean           fit;            /* keep the whole map in view */
  gboolean           readable;       /* the opening view: top of the map, text readable */
  double             pointer_x, pointer_y;

  DragMode           drag_mode;
  gboolean           dragging;
  double             drag_x, drag_y, drag_ox, drag_oy;
  int                drag_battle;
  int                drop_target;

  ZxStrategyMapRelinkCheck relink_check;
  gpointer                 relink_check_data;
  GDestroyNotify           relink_check_destroy;
  double             pinch_zoom;

  ZxStrategyPalette  palette;
  gboolean           have_palette;
  GdkTexture        *cache;
  double             cache_zoom;
  int                cache_scale;
  ZxStrategyRect     cache_rect;
  guint              settle_id;

  GtkWidget         *menu;
  int                menu_node;
};

G_DEFINE_FINAL_TYPE (ZxStrategyMap, zx_strategy_map, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_ID,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  NODE_ACTIVATED,
  DELETE_REQUESTED,
  ADD_CHILD_REQUESTED,
  RELINK_REQUESTED,
  RELINK_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_accessible (ZxStrategyMap *self);

/* Geometry ------------------------------------------------------------------------ */

static void
map_size (ZxStrategyMap *self,
          double        *w,
          double        *h)
{
  *w = *h = 1;
  if (self->layout != NULL)
    zx_strategy_layout_get_size (self->layout, w, h);
}

static void
to_map (ZxStrategyMap *self,
        double         x,
        double         y,
        double        *mx,
        double        *my)
{
  *mx = self->ox + x / self->zoom;
  *my = self->oy + y / self->zoom;
}

static int
node_at (ZxStrategyMap *self,
         double         x,
         double         y)
{
  double mx, my;

  if (self->layout == NULL)
    return -1;
  to_map (self, x, y, &mx, &my);
  return zx_strategy_layout_hit_test (self->layout, mx, my);
}

static const ZxStrategyNode *
node (ZxStrategyMap *self,
      int            index)
{
  if (self->layout == NULL || index < 0 || (guint) index >= zx_strategy_layout_get_n_nodes (self->layout))
    return NULL;
  return zx_strategy_layout_get_node (self->layout, index);
}

/* Keeps the map in view: centred along an axis where it fits, else no more
 * than a little past its edges */
static void
clamp_offsets (ZxStrategyMap *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
  double mw, mh, pad = VIEW_PAD / self->zoom;

  map_size (self, &mw, &mh);
  if (mw <= w)
    self->ox = (mw - w) / 2;
  else
    self->ox = CLAMP (self->ox, -pad, mw - w + pad);
  if (mh <= h)
    self->oy = (mh - h) / 2;
  else
    self->oy = CLAMP (self->oy, -pad, mh - h + pad);
}

static double
fit_zoom (ZxStrategyMap *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * VIEW_PAD;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * VIEW_PAD;
  double mw, mh;

  map_size (self, &mw, &mh);
  if (w <= 0 || h <= 0)
    return 1.0;
  return CLAMP (MIN (w / mw, h / mh), ZX_STRATEGY_MAP_MIN_ZOOM, 1.0);
}

/* The opening view: the whole map when its text is readable that way,
 * else the top of the map (goal and pillars) at the smallest zoom whose
 * text is readable, centred on the goal */
static void
readable_view (ZxStrategyMap *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double mw, mh;

  map_size (self, &mw, &mh);
  self->zoom = MAX (fit_zoom (self), READABLE_ZOOM);
  self->ox = (mw - w / self->zoom) / 2;
  self->oy = -VIEW_PAD / self->zoom;
}

/* Sets the zoom and offsets the current view mode asks for */
static void
apply_view_mode (ZxStrategyMap *self)
{
  if (self->fit)
    self->zoom = fit_zoom (self);
  else if (self->readable)
    readable_view (self);
}

static gboolean
settle_cb (gpointer data)
{
  ZxStrategyMap *self = data;

  self->settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Zooms keeping the map point under widget point (@x, @y) in place */
static void
zoom_at (ZxStrategyMap *self,
         double         zoom,
         double         x,
         double         y)
{
  double mx, my;

  zoom = CLAMP (zoom, ZX_STRATEGY_MAP_MIN_ZOOM, ZX_STRATEGY_MAP_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-9)
    return;
  to_map (self, x, y, &mx, &my);
  self->zoom = zoom;
  self->ox = mx - x / zoom;
  self->oy = my - y / zoom;
  clamp_offsets (self);

  /* Scale the old picture now; draw a sharp one when the zoom rests */
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (ZOOM_SETTLE_MS, settle_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
ensure_visible (ZxStrategyMap *self,
                int            index)
{
  const ZxStrategyNode *n = node (self, index);
  double w = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
  double pad = 24 / self->zoom;
  const ZxStrategyRect *r;

  if (n == NULL || w <= 0 || h <= 0)
    return;
  r = &n->rect;
  if (r->x - pad < self->ox)
    self->ox = r->x - pad;
  else if (r->x + r->width + pad > self->ox + w)
    self->ox = MIN (r->x - pad, r->x + r->width + pad - w);
  if (r->y - pad < self->oy)
    self->oy = r->y - pad;
  else if (r->y + r->height + pad > self->oy + h)
    self->oy = MIN (r->y - pad, r->y + r->height + pad - h);
  clamp_offsets (self);
}

/* Selection and hover ----------------------------------------------------------------- */

static void update_chain (ZxStrategyMap *self);

static void
select_index (ZxStrategyMap *self,
              int            index,
              gboolean       scroll)
{
  const ZxStrategyNode *n = node (self, index);
  const char *id = n != NULL ? n->id : NULL;

  if (scroll && n != NULL)
    {
      self->readable = FALSE;
      ensure_visible (self, index);
    }
  self->selected = n != NULL ? index : -1;
  update_chain (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (g_strcmp0 (self->selected_id, id) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

/* Lights the chain of the pillar under the pointer, or else of the
 * selected node, so the keyboard shows the same chains as the mouse */
static void
update_chain (ZxStrategyMap *self)
{
  int index = self->hover >= 0 ? self->hover : self->selected;
  const ZxStrategyNode *n = node (self, index);
  int pillar = n != NULL ? n->pillar : -1;

  if (pillar == self->chain_of)
    return;
  self->chain_of = pillar;
  if (pillar >= 0)
    zx_strategy_layout_get_chain (self->layout, index, self->chain);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_hover (ZxStrategyMap *self,
           int            index)
{
  const ZxStrategyNode *n = node (self, index);

  self->hover = n != NULL ? index : -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), n != NULL ? "pointer" : NULL);
  update_chain (self);
}

/* Layout ------------------------------------------------------------------------------- */

static void
drop_cache (ZxStrategyMap *self)
{
  g_clear_object (&self->cache);
}

void
zx_strategy_map_relayout (ZxStrategyMap *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));

  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->chain, g_free);
  g_clear_pointer (&self->mask, g_free);
  drop_cache (self);
  self->hover = self->chain_of = self->drop_target = self->menu_node = -1;
  self->drag_mode = DRAG_NONE;
  self->dragging = FALSE;

  if (self->store != NULL)
    {
      self->layout = zx_strategy_layout_new (self->store, NULL, 0, &error);
      if (self->layout == NULL)
        g_warning ("Could not lay out the strategy map: %s", error->message);
    }
  n = self->layout != NULL ? zx_strategy_layout_get_n_nodes (self->layout) : 0;
  self->chain = g_malloc0 (MAX (n, 1));
  self->mask = g_malloc0 (MAX (n, 1));

  /* The selection follows its record; a deleted one is dropped */
  self->selected = self->layout != NULL ? zx_strategy_layout_find (self->layout, self->selected_id) : -1;
  if (self->selected < 0 && self->selected_id != NULL)
    {
      g_clear_pointer (&self->selected_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
    }

  apply_view_mode (self);
  clamp_offsets (self);
  update_chain (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
relayout_cb (gpointer data)
{
  ZxStrategyMap *self = data;

  self->relayout_id = 0;
  zx_strategy_map_relayout (self);
  return G_SOURCE_REMOVE;
}

static void
queue_relayout (ZxStrategyMap *self)
{
  if (self->relayout_id == 0)
    self->relayout_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, relayout_cb, self, NULL);
}

static void
store_changed_cb (ZxStrategyMap *self,
                  const char    *entity,
                  const char    *id,
                  ZxStore       *store)
{
  if (zx_strategy_layout_entity_matters (entity))
    queue_relayout (self);
}

static void
store_reloaded_cb (ZxStrategyMap *self,
                   ZxStore       *store)
{
  queue_relayout (self);
}

/* Accessibility ------------------------------------------------------------------------- */

static void
update_accessible (ZxStrategyMap *self)
{
  const ZxStrategyNode *n = node (self, self->selected);
  g_autofree char *description = NULL;

  if (n == NULL)
    {
      guint pillars = 0, departments = 0, battles = 0;

      for (guint i = 0; self->layout != NULL && i < zx_strategy_layout_get_n_nodes (self->layout); i++)
        {
          const ZxStrategyNode *m = zx_strategy_layout_get_node (self->layout, i);

          pillars += m->type == ZX_STRATEGY_NODE_PILLAR;
          departments += m->type == ZX_STRATEGY_NODE_DEPARTMENT;
          battles += m->type == ZX_STRATEGY_NODE_BATTLE;
        }
      if (self->layout == NULL || zx_strategy_layout_get_n_nodes (self->layout) == 0)
        description = g_strdup (_("No strategic plan yet"));
      else
        description = g_strdup_printf (_("%u pillars, %u departments, %u battles. Use the arrow keys to move between them."),
                                       pillars, departments, battles);
    }
  else if (n->type == ZX_STRATEGY_NODE_BATTLE)
    {
      const ZxStrategyNode *dept = node (self, n->parent);
      const ZxStrategyNode *pillar = node (self, n->pillar);

      /* Translators: battle “name”, its department, the pillar it serves, its status */
      description = g_strdup_printf (_("Battle “%s” of %s, serving “%s”: %s"), n->label,
                                     dept != NULL ? dept->label : "", pillar != NULL ? pillar->label : "",
                                     zx_strategy_status_to_string (n->status));
    }
  else if (n->type == ZX_STRATEGY_NODE_DEPARTMENT)
    description = g_strdup_printf (n->pledge_signed ? _("Department “%s”: pledge signed")
                                                    : _("Department “%s”: pledge not signed yet"), n->label);
  else
    /* Translators: a node's kind (e.g. Strategic pillar) and its name */
    description = g_strdup_printf (_("%s “%s”"), zx_strategy_node_type_to_string (n->type), n->label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Strategy map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Drawing -------------------------------------------------------------------------------- */

static void
color_from_rgba (ZxStrategyColor *c,
                 const GdkRGBA   *rgba)
{
  *c = (ZxStrategyColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* The palette from the theme: its colours for surfaces, text and accent */
static void
theme_palette (ZxStrategyMap     *self,
               ZxStrategyPalette *p)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA rgba;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    zx_strategy_palette_init_dark (p);
  else
    zx_strategy_palette_init_light (p);

  if (gtk_style_context_lookup_color (style, "view_bg_color", &rgba))
    color_from_rgba (&p->background, &rgba);
  gtk_style_context_get_color (style, &rgba);
  color_from_rgba (&p->foreground, &rgba);
  p->dim_foreground = p->foreground;
  p->dim_foreground.alpha *= 0.6;
  if (gtk_style_context_lookup_color (style, "card_bg_color", &rgba))
    color_from_rgba (&p->card, &rgba);
  if (gtk_style_context_lookup_color (style, "accent_bg_color", &rgba))
    color_from_rgba (&p->accent, &rgba);
  if (gtk_style_context_lookup_color (style, "accent_fg_color", &rgba))
    color_from_rgba (&p->accent_foreground, &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
free_surface (gpointer data)
{
  cairo_surface_destroy (data);
}

/* Renders the part of the map around the view at the current zoom */
static void
render_cache (ZxStrategyMap        *self,
              const ZxStrategyRect *view,
              int                   scale_factor)
{
  ZxStrategyRenderOptions options;
  ZxStrategyRect r;
  double mw, mh, px;
  int w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;

  drop_cache (self);
  map_size (self, &mw, &mh);
  px = self->zoom * scale_factor;

  /* The view and a margin around it, within the map */
  r.x = MAX (view->x - view->width * CACHE_MARGIN, 0);
  r.y = MAX (view->y - view->height * CACHE_MARGIN, 0);
  r.width = MIN (view->x + view->width * (1 + CACHE_MARGIN), mw) - r.x;
  r.height = MIN (view->y + view->height * (1 + CACHE_MARGIN), mh) - r.y;
  if (r.width * px > CACHE_MAX_PX || r.height * px > CACHE_MAX_PX)
    {
      r.x = MAX (view->x, 0);
      r.y = MAX (view->y, 0);
      r.width = MIN (view->x + view->width, mw) - r.x;
      r.height = MIN (view->y + view->height, mh) - r.y;
    }
  if (r.width <= 0 || r.height <= 0)
    return;
  w = (int) ceil (r.width * px);
  h = (int) ceil (r.height * px);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, px, px);
  cairo_translate (cr, -r.x, -r.y);
  zx_strategy_render_options_init (&options, &self->palette);
  options.scale = px;
  options.clip = r;
  options.background = FALSE;
  zx_strategy_render (cr, self->layout, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * h,
                                      free_surface, surface);
  self->cache = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
  self->cache_zoom = self->zoom;
  self->cache_scale = scale_factor;
  self->cache_rect = r;
}

static gboolean
rect_covers (const ZxStrategyRect *outer,
             const ZxStrategyRect *inner)
{
  return inner->x >= outer->x - 0.5 && inner->y >= outer->y - 0.5 &&
         inner->x + inner->width <= outer->x + outer->width + 0.5 &&
         inner->y + inner->height <= outer->y + outer->height + 0.5;
}

static void
draw_empty (ZxStrategyMap *self,
            GtkSnapshot   *snapshot)
{
  g_autoptr(PangoLayout) text = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("No strategic plan yet"));
  GdkRGBA color = { self->palette.dim_foreground.red, self->palette.dim_foreground.green,
                    self->palette.dim_foreground.blue, self->palette.dim_foreground.alpha };
  int w, h;

  pango_layout_get_pixel_size (text, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((gtk_widget_get_width (GTK_WIDGET (self)) - w) / 2.0,
                                                          (gtk_widget_get_height (GTK_WIDGET (self)) - h) / 2.0));
  gtk_snapshot_append_layout (snapshot, text, &color);
  gtk_snapshot_restore (snapshot);
}

static void
zx_strategy_map_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale_factor = gtk_widget_get_scale_factor (widget);
  ZxStrategyPalette palette;
  ZxStrategyRect view, visible;
  ZxStrategyRenderOptions options;
  double mw, mh;
  gboolean overlay;
  const ZxStrategyNode *sel;
  cairo_t *cr;
  GdkRGBA bg;

  theme_palette (self, &palette);
  if (!self->have_palette || !zx_strategy_palette_equal (&palette, &self->palette))
    {
      self->palette = palette;
      self->have_palette = TRUE;
      drop_cache (self);
    }
  bg = (GdkRGBA) { palette.background.red, palette.background.green, palette.background.blue, palette.background.alpha };
  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->layout == NULL || zx_strategy_layout_get_n_nodes (self->layout) == 0)
    {
      draw_empty (self, snapshot);
      return;
    }

  map_size (self, &mw, &mh);
  view = (ZxStrategyRect) { self->ox, self->oy, width / self->zoom, height / self->zoom };
  visible.x = MAX (view.x, 0);
  visible.y = MAX (view.y, 0);
  visible.width = MIN (view.x + view.width, mw) - visible.x;
  visible.height = MIN (view.y + view.height, mh) - visible.y;

  if (visible.width > 0 && visible.height > 0)
    {
      gboolean usable = self->cache != NULL && self->cache_scale == scale_factor &&
                        rect_covers (&self->cache_rect, &visible);

      /* While the zoom moves the old picture is scaled; a sharp one is
       * made when it rests (settle_id gone) */
      if (!usable || (self->cache_zoom != self->zoom && self->settle_id == 0))
        render_cache (self, &view, scale_factor);
      if (self->cache != NULL)
        gtk_snapshot_append_texture (snapshot, self->cache,
                                     &GRAPHENE_RECT_INIT ((self->cache_rect.x - self->ox) * self->zoom,
                                                          (self->cache_rect.y - self->oy) * self->zoom,
                                                          self->cache_rect.width * self->zoom,
                                                          self->cache_rect.height * self->zoom));
    }

  /* Overlays: the hovered chain, the selection, a dragged battle */
  sel = node (self, self->selected);
  overlay = self->chain_of >= 0 || sel != NULL || self->dragging;
  if (!overlay)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->ox, -self->oy);
  zx_strategy_render_options_init (&options, &self->palette);
  options.scale = self->zoom * scale_factor;
  options.clip = view;
  options.background = FALSE;

  if (self->chain_of >= 0 && !self->dragging)
    {
      /* Everything else fades; the chain is drawn again on top */
      cairo_rectangle (cr, view.x, view.y, view.width, view.height);
      cairo_set_source_rgba (cr, bg.red, bg.green, bg.blue, 0.72);
      cairo_fill (cr);
      /* the chain's departments whole, their other battles faint */
      memcpy (self->mask, self->chain, zx_strategy_layout_get_n_nodes (self->layout));
      for (guint i = 0; i < zx_strategy_layout_get_n_nodes (self->layout); i++)
        {
          const ZxStrategyNode *n = zx_strategy_layout_get_node (self->layout, i);

          if (n->type == ZX_STRATEGY_NODE_BATTLE && self->chain[n->parent])
            self->mask[i] = 1;
        }
      options.highlight = self->chain;
      options.links = ZX_STRATEGY_LINKS_HIGHLIGHTED;
      zx_strategy_render_nodes (cr, self->layout, &options, self->mask);
      options.highlight = NULL;
    }

  memset (self->mask, 0, zx_strategy_layout_get_n_nodes (self->layout));
  if (sel != NULL)
    self->mask[self->selected] = 1;
  if (self->dragging && self->drop_target >= 0)
    self->mask[self->drop_target] = 1;
  options.selected = self->selected;
  options.drop_target = self->dragging ? self->drop_target : -1;
  options.links = ZX_STRATEGY_LINKS_HIGHLIGHTED;
  zx_strategy_render_nodes (cr, self->layout, &options, self->mask);

  if (self->dragging && node (self, self->drag_battle) != NULL)
    {
      const ZxStrategyNode *b = node (self, self->drag_battle);
      double mx, my;

      /* The battle follows the pointer, a little transparent */
      to_map (self, self->drag_x, self->drag_y, &mx, &my);
      memset (self->mask, 0, zx_strategy_layout_get_n_nodes (self->layout));
      self->mask[self->drag_battle] = 1;
      options.selected = -1;
      options.drop_target = -1;
      options.links = ZX_STRATEGY_LINKS_HIGHLIGHTED;
      options.clip.width = 0;
      cairo_push_group (cr);
      cairo_translate (cr, mx - (b->rect.x + b->rect.width / 2), my - (b->rect.y + b->rect.height / 2));
      /* no link while dragging: draw the node alone */
      options.highlight = NULL;
      zx_strategy_render_nodes (cr, self->layout, &options, self->mask);
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.85);
    }
  cairo_destroy (cr);
}

static void
zx_strategy_map_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

static void
zx_strategy_map_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (widget);

  apply_view_mode (self);
  clamp_offsets (self);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

/* Input -------------------------------------------------------------------------------------- */

static void
motion_cb (ZxStrategyMap            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode == DRAG_NONE)
    set_hover (self, node_at (self, x, y));
}

static void
leave_cb (ZxStrategyMap            *self,
          GtkEventControllerMotion *controller)
{
  if (self->drag_mode == DRAG_NONE)
    set_hover (self, -1);
}

static void
popup_menu (ZxStrategyMap *self,
            int            index,
            double         x,
            double         y)
{
  const ZxStrategyNode *n = node (self, index);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  if (n == NULL)
    return;
  self->menu_node = index;
  if (n->type == ZX_STRATEGY_NODE_PILLAR)
    g_menu_append (section, _("Add Key Success Factor"), "map.add-child");
  else if (n->type == ZX_STRATEGY_NODE_DEPARTMENT)
    g_menu_append (section, _("Add Battle"), "map.add-child");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);
  section = g_menu_new ();
  g_menu_append (section, _("_Edit"), "map.edit-node");
  if (n->type != ZX_STRATEGY_NODE_GOAL)
    g_menu_append (section, _("_Delete"), "map.delete-node");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
pressed_cb (ZxStrategyMap   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  int index = node_at (self, x, y);
  const ZxStrategyNode *n;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (button == GDK_BUTTON_SECONDARY)
    {
      if (index >= 0)
        {
          select_index (self, index, FALSE);
          popup_menu (self, index, x, y);
        }
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;

  select_index (self, index, FALSE);
  n = node (self, index);
  if (n_press == 2 && n != NULL)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, (int) n->type, n->id);
}

/* Whether the relink check refuses the battle node @battle serving the
 * pillar node @pillar (-1: moving at all); when it does, says why
 * (relink-refused) */
static gboolean
relink_refused (ZxStrategyMap *self,
                int            battle,
                int            pillar)
{
  const ZxStrategyNode *b = node (self, battle);
  const ZxStrategyNode *p = node (self, pillar);
  g_autofree char *refusal = NULL;

  if (self->relink_check == NULL || b == NULL)
    return FALSE;
  refusal = self->relink_check (b->id, p != NULL ? p->id : NULL, self->relink_check_data);
  if (refusal == NULL)
    return FALSE;
  g_signal_emit (self, signals[RELINK_REFUSED], 0, b->id, refusal);
  return TRUE;
}

/* The pillar a battle would be re-linked to at widget point (@x, @y), or -1 */
static int
drop_target_at (ZxStrategyMap *self,
                int            battle,
                double         x,
                double         y)
{
  const ZxStrategyNode *b = node (self, battle);
  int index = node_at (self, x, y);
  const ZxStrategyNode *n = node (self, index);

  if (b == NULL || n == NULL || b->type != ZX_STRATEGY_NODE_BATTLE)
    return -1;
  /* onto a factor counts as onto its pillar */
  if (n->type == ZX_STRATEGY_NODE_FACTOR)
    {
      index = n->parent;
      n = node (self, index);
    }
  if (n == NULL || n->type != ZX_STRATEGY_NODE_PILLAR || index == b->pillar)
    return -1;
  return index;
}

void
zx_strategy_map_set_relink_check (ZxStrategyMap            *self,
                                  ZxStrategyMapRelinkCheck  check,
                                  gpointer                  user_data,
                                  GDestroyNotify            destroy)
{
  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));

  if (self->relink_check_destroy != NULL)
    self->relink_check_destroy (self->relink_check_data);
  self->relink_check = check;
  self->relink_check_data = user_data;
  self->relink_check_destroy = destroy;
}

gboolean
zx_strategy_map_drop_battle_at (ZxStrategyMap *self,
                                const char    *battle_id,
                                double         x,
                                double         y)
{
  int battle, target;

  g_return_val_if_fail (ZX_IS_STRATEGY_MAP (self), FALSE);

  if (self->layout == NULL)
    return FALSE;
  battle = zx_strategy_layout_find (self->layout, battle_id);
  target = drop_target_at (self, battle, x, y);
  if (target < 0 || relink_refused (self, battle, target))
    return FALSE;
  g_signal_emit (self, signals[RELINK_REQUESTED], 0, node (self, battle)->id, node (self, target)->id);
  return TRUE;
}

static void
drag_begin_cb (ZxStrategyMap  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  int index = node_at (self, x, y);
  const ZxStrategyNode *n = node (self, index);

  self->dragging = FALSE;
  self->drop_target = -1;
  self->drag_x = x;
  self->drag_y = y;
  if (n != NULL && n->type == ZX_STRATEGY_NODE_BATTLE)
    {
      self->drag_mode = DRAG_BATTLE;
      self->drag_battle = index;
    }
  else if (n == NULL)
    {
      self->drag_mode = DRAG_PAN;
      self->drag_ox = self->ox;
      self->drag_oy = self->oy;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  else
    self->drag_mode = DRAG_NONE;
}

static void
drag_update_cb (ZxStrategyMap  *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  double sx, sy;

  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  switch (self->drag_mode)
    {
    case DRAG_PAN:
      self->fit = self->readable = FALSE;
      self->ox = self->drag_ox - dx / self->zoom;
      self->oy = self->drag_oy - dy / self->zoom;
      clamp_offsets (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_BATTLE:
      if (!self->dragging && hypot (dx, dy) < DRAG_THRESHOLD)
        break;
      /* a battle the account may not change does not move */
      if (!self->dragging && relink_refused (self, self->drag_battle, -1))
        {
          self->drag_mode = DRAG_NONE;
          gtk_widget_error_bell (GTK_WIDGET (self));
          break;
        }
      if (!self->dragging)
        {
          self->dragging = TRUE;
          set_hover (self, -1);
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
        }
      self->drag_x = sx + dx;
      self->drag_y = sy + dy;
      self->drop_target = drop_target_at (self, self->drag_battle, self->drag_x, self->drag_y);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (ZxStrategyMap  *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  if (self->drag_mode == DRAG_BATTLE && self->dragging)
    {
      double sx, sy;
      const ZxStrategyNode *b = node (self, self->drag_battle);
      g_autofree char *battle_id = b != NULL ? g_strdup (b->id) : NULL;

      gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
      self->dragging = FALSE;
      self->drag_mode = DRAG_NONE;
      self->drop_target = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (battle_id != NULL)
        zx_strategy_map_drop_battle_at (self, battle_id, sx + dx, sy + dy);
    }
  self->dragging = FALSE;
  self->drag_mode = DRAG_NONE;
  self->drop_target = -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (ZxStrategyMap            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);
  double step = unit == GDK_SCROLL_UNIT_WHEEL ? 48 : 1;

  if (state & GDK_CONTROL_MASK)
    {
      self->fit = self->readable = FALSE;
      zoom_at (self, self->zoom * pow (ZOOM_STEP, -dy * (unit == GDK_SCROLL_UNIT_WHEEL ? 1 : 0.05)),
               self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  self->fit = self->readable = FALSE;
  self->ox += dx * step / self->zoom;
  self->oy += dy * step / self->zoom;
  clamp_offsets (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
pinch_begin_cb (ZxStrategyMap    *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_cb (ZxStrategyMap  *self,
          double          scale,
          GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  self->fit = self->readable = FALSE;
  zoom_at (self, self->pinch_zoom * scale, x, y);
}

/* Keys and actions ------------------------------------------------------------------------- */

/* map.move(i): the arrows; from nothing selected, the goal */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (widget);
  int next;

  if (self->layout == NULL || zx_strategy_layout_get_n_nodes (self->layout) == 0)
    return;
  if (self->selected < 0)
    next = 0;
  else
    next = zx_strategy_layout_get_neighbour (self->layout, self->selected,
                                             (ZxStrategyDirection) g_variant_get_int32 (param));
  if (next >= 0)
    select_index (self, next, TRUE);
  else
    gtk_widget_error_bell (widget);
}

/* map.activate-selected (Enter), map.delete-selected (Delete),
 * map.menu (Menu, Shift+F10) */
static void
selected_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (widget);
  const ZxStrategyNode *n = node (self, self->selected);

  if (n == NULL)
    return;
  if (g_str_equal (action_name, "map.activate-selected"))
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, (int) n->type, n->id);
  else if (g_str_equal (action_name, "map.delete-selected"))
    {
      if (n->type != ZX_STRATEGY_NODE_GOAL)
        g_signal_emit (self, signals[DELETE_REQUESTED], 0, (int) n->type, n->id);
    }
  else
    popup_menu (self, self->selected,
                (n->rect.x + n->rect.width / 2 - self->ox) * self->zoom,
                (n->rect.y + n->rect.height - self->oy) * self->zoom);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (widget);

  if (g_str_equal (action_name, "map.zoom-in"))
    zx_strategy_map_zoom_in (self);
  else if (g_str_equal (action_name, "map.zoom-out"))
    zx_strategy_map_zoom_out (self);
  else
    zx_strategy_map_zoom_fit (self);
}

static void
node_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (widget);
  const ZxStrategyNode *n = node (self, self->menu_node);
  g_autofree char *id = NULL;
  int type;

  if (n == NULL)
    return;
  id = g_strdup (n->id);
  type = (int) n->type;
  if (g_str_equal (action_name, "map.add-child"))
    g_signal_emit (self, signals[ADD_CHILD_REQUESTED], 0, type, id);
  else if (g_str_equal (action_name, "map.edit-node"))
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, type, id);
  else if (type != ZX_STRATEGY_NODE_GOAL)
    g_signal_emit (self, signals[DELETE_REQUESTED], 0, type, id);
}

/* GObject ------------------------------------------------------------------------------------ */

static void
dark_changed_cb (ZxStrategyMap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zx_strategy_map_dispose (GObject *object)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (object);

  zx_strategy_map_set_store (self, NULL);
  zx_strategy_map_set_relink_check (self, NULL, NULL, NULL);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->layout);
  drop_cache (self);

  G_OBJECT_CLASS (zx_strategy_map_parent_class)->dispose (object);
}

static void
zx_strategy_map_finalize (GObject *object)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (object);

  g_free (self->selected_id);
  g_free (self->chain);
  g_free (self->mask);

  G_OBJECT_CLASS (zx_strategy_map_parent_class)->finalize (object);
}

static void
zx_strategy_map_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_strategy_map_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ZxStrategyMap *self = ZX_STRATEGY_MAP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      zx_strategy_map_set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ID:
      zx_strategy_map_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_ZOOM:
      zx_strategy_map_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_strategy_map_class_init (ZxStrategyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; int dir; } arrows[] = {
    { GDK_KEY_Left, ZX_STRATEGY_DIRECTION_LEFT }, { GDK_KEY_KP_Left, ZX_STRATEGY_DIRECTION_LEFT },
    { GDK_KEY_Right, ZX_STRATEGY_DIRECTION_RIGHT }, { GDK_KEY_KP_Right, ZX_STRATEGY_DIRECTION_RIGHT },
    { GDK_KEY_Up, ZX_STRATEGY_DIRECTION_UP }, { GDK_KEY_KP_Up, ZX_STRATEGY_DIRECTION_UP },
    { GDK_KEY_Down, ZX_STRATEGY_DIRECTION_DOWN }, { GDK_KEY_KP_Down, ZX_STRATEGY_DIRECTION_DOWN },
  };

  object_class->dispose = zx_strategy_map_dispose;
  object_class->finalize = zx_strategy_map_finalize;
  object_class->get_property = zx_strategy_map_get_property;
  object_class->set_property = zx_strategy_map_set_property;

  widget_class->snapshot = zx_strategy_map_snapshot;
  widget_class->measure = zx_strategy_map_measure;
  widget_class->size_allocate = zx_strategy_map_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ZX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZX_STRATEGY_MAP_MIN_ZOOM, ZX_STRATEGY_MAP_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  signals[ADD_CHILD_REQUESTED] =
    g_signal_new ("add-child-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  signals[RELINK_REQUESTED] =
    g_signal_new ("relink-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[RELINK_REFUSED] =
    g_signal_new ("relink-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.add-child", NULL, node_action);
  gtk_widget_class_install_action (widget_class, "map.edit-node", NULL, node_action);
  gtk_widget_class_install_action (widget_class, "map.delete-node", NULL, node_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "map.zoom-fit", NULL);

  gtk_widget_class_install_action (widget_class, "map.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "map.activate-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "map.delete-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "map.menu", NULL, selected_action);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding_action (widget_class, arrows[i].key, 0, "map.move", "i", arrows[i].dir);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.activate-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.activate-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "map.activate-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "map.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "map.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "map.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "map.menu", NULL);

  gtk_widget_class_set_css_name (widget_class, "strategymap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zx_strategy_map_init (ZxStrategyMap *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->readable = TRUE;
  self->selected = self->hover = self->chain_of = self->drop_target = self->menu_node = -1;
  self->drag_battle = -1;
  self->chain = g_malloc0 (1);
  self->mask = g_malloc0 (1);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (pinch_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

/* Public API ------------------------------------------------------------------------------------ */

GtkWidget *
zx_strategy_map_new (void)
{
  return g_object_new (ZX_TYPE_STRATEGY_MAP, NULL);
}

ZxStore *
zx_strategy_map_get_store (ZxStrategyMap *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_MAP (self), NULL);
  return self->store;
}

void
zx_strategy_map_set_store (ZxStrategyMap *self,
                           ZxStore       *store)
{
  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));
  g_return_if_fail (store == NULL || ZX_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
      g_signal_connect_swapped (store, "reloaded", G_CALLBACK (store_reloaded_cb), self);
    }
  self->fit = FALSE;
  self->readable = TRUE;
  /* laid out at idle: a map opened with the window does not hold up its
   * first frame (the first OKR figures of a process take a while) */
  g_clear_object (&self->layout);
  drop_cache (self);
  self->selected = self->hover = self->chain_of = self->drop_target = self->menu_node = -1;
  queue_relayout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

int
zx_strategy_map_get_lit_pillar (ZxStrategyMap *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_MAP (self), -1);
  return self->chain_of;
}

const char *
zx_strategy_map_get_selected_id (ZxStrategyMap *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_MAP (self), NULL);
  return self->selected_id;
}

void
zx_strategy_map_set_selected_id (ZxStrategyMap *self,
                                 const char    *id)
{
  int index;

  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));

  index = self->layout != NULL ? zx_strategy_layout_find (self->layout, id) : -1;
  if (index < 0 && id != NULL)
    {
      /* Not on the map (yet): remembered, selected once it appears */
      if (g_strcmp0 (self->selected_id, id) == 0)
        return;
      g_free (self->selected_id);
      self->selected_id = g_strdup (id);
      self->selected = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
      return;
    }
  select_index (self, index, TRUE);
}

double
zx_strategy_map_get_zoom (ZxStrategyMap *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_MAP (self), 1.0);
  return self->zoom;
}

void
zx_strategy_map_set_zoom (ZxStrategyMap *self,
                          double         zoom)
{
  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));

  self->fit = self->readable = FALSE;
  zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
zx_strategy_map_zoom_in (ZxStrategyMap *self)
{
  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));
  zx_strategy_map_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
zx_strategy_map_zoom_out (ZxStrategyMap *self)
{
  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));
  zx_strategy_map_set_zoom (self, self->zoom / ZOOM_STEP);
}

void
zx_strategy_map_zoom_fit (ZxStrategyMap *self)
{
  double zoom;

  g_return_if_fail (ZX_IS_STRATEGY_MAP (self));

  self->fit = TRUE;
  zoom = fit_zoom (self);
  if (fabs (zoom - self->zoom) > 1e-9)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  clamp_offsets (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ZxStrategyLayout *
zx_strategy_map_get_layout (ZxStrategyMap *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_MAP (self), NULL);
  return self->layout;
}

gboolean
zx_strategy_map_get_node_area (ZxStrategyMap   *self,
                               const char      *id,
                               graphene_rect_t *area)
{
  const ZxStrategyNode *n;

  g_return_val_if_fail (ZX_IS_STRATEGY_MAP (self), FALSE);

  n = self->layout != NULL ? node (self, zx_strategy_layout_find (self->layout, id)) : NULL;
  if (n == NULL)
    return FALSE;
  graphene_rect_init (area, (n->rect.x - self->ox) * self->zoom, (n->rect.y - self->oy) * self->zoom,
                      n->rect.width * self->zoom, n->rect.height * self->zoom);
  return TRUE;
}
