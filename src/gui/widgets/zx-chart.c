/* zx-chart.c — the base of the chart widgets, and the painter
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zx-chart.h"

/* Okabe & Ito; the dark set lighter so it reads on #242424 */
static const char * const light_colors[ZX_CHART_N_COLORS] = {
  "#8d8a86", "#009e73", "#e69f00", "#d55e00", "#0072b2", "#56b4e9", "#cc79a7",
};
static const char * const dark_colors[ZX_CHART_N_COLORS] = {
  "#9a9996", "#2fc79a", "#f2b630", "#ff7a3d", "#4aa3e0", "#8fd0f5", "#e39bc4",
};

void
zx_chart_painter_init_cairo (ZxChartPainter *painter,
                             cairo_t        *cr,
                             double          font_size,
                             gboolean        dark)
{
  memset (painter, 0, sizeof *painter);
  painter->cr = cr;
  painter->pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (painter->pango, 72);
  painter->font = pango_font_description_from_string ("Noto Sans CJK SC, Source Han Sans SC, sans-serif");
  pango_font_description_set_absolute_size (painter->font, font_size * PANGO_SCALE);
  painter->dark = dark;
  gdk_rgba_parse (&painter->fg, dark ? "#ffffff" : "#1e1e1e");
  gdk_rgba_parse (&painter->bg, dark ? "#242424" : "#ffffff");
}

void
zx_chart_painter_clear (ZxChartPainter *painter)
{
  g_clear_object (&painter->pango);
  g_clear_pointer (&painter->font, pango_font_description_free);
}

void
zx_chart_color (ZxChartPainter *painter,
                ZxChartColor    color,
                GdkRGBA        *out)
{
  g_return_if_fail (color < ZX_CHART_N_COLORS);
  gdk_rgba_parse (out, (painter->dark ? dark_colors : light_colors)[color]);
}

GdkRGBA
zx_chart_fg (ZxChartPainter *painter,
             double          alpha)
{
  GdkRGBA c = painter->fg;

  c.alpha *= alpha;
  return c;
}

GdkRGBA
zx_chart_contrast (const GdkRGBA *color)
{
  double l = 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
  GdkRGBA c = { 0, 0, 0, 1 };

  if (l < 0.5)
    c.red = c.green = c.blue = 1;
  return c;
}

void
zx_chart_fill_rect (ZxChartPainter *painter,
                    double x, double y, double w, double h,
                    const GdkRGBA  *color)
{
  if (w <= 0 || h <= 0)
    return;
  if (painter->snapshot != NULL)
    gtk_snapshot_append_color (painter->snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
  else
    {
      gdk_cairo_set_source_rgba (painter->cr, color);
      cairo_rectangle (painter->cr, x, y, w, h);
      cairo_fill (painter->cr);
    }
}

cairo_t *
zx_chart_begin_cairo (ZxChartPainter *painter,
                      double x, double y, double w, double h)
{
  if (painter->snapshot != NULL)
    return gtk_snapshot_append_cairo (painter->snapshot, &GRAPHENE_RECT_INIT (x, y, MAX (w, 1), MAX (h, 1)));
  cairo_save (painter->cr);
  cairo_new_path (painter->cr);
  return cairo_reference (painter->cr);
}

void
zx_chart_end_cairo (ZxChartPainter *painter,
                    cairo_t        *cr)
{
  if (painter->snapshot == NULL)
    cairo_restore (painter->cr);
  cairo_destroy (cr);
}

PangoLayout *
zx_chart_layout (ZxChartPainter *painter,
                 const char     *text,
                 double          scale,
                 gboolean        bold)
{
  PangoLayout *layout = pango_layout_new (painter->pango);
  PangoFontDescription *font = pango_font_description_copy (painter->font);
  int size = pango_font_description_get_size (font);

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_font_description_free (font);
  return layout;
}

void
zx_chart_layout_size (PangoLayout *layout,
                      double      *w,
                      double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w != NULL)
    *w = logical.width / (double) PANGO_SCALE;
  if (h != NULL)
    *h = logical.height / (double) PANGO_SCALE;
}

void
zx_chart_draw_layout (ZxChartPainter *painter,
                      PangoLayout    *layout,
                      double          x,
                      double          y,
                      const GdkRGBA  *color)
{
  if (painter->snapshot != NULL)
    {
      gtk_snapshot_save (painter->snapshot);
      gtk_snapshot_translate (painter->snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_append_layout (painter->snapshot, layout, color);
      gtk_snapshot_restore (painter->snapshot);
    }
  else
    {
      gdk_cairo_set_source_rgba (painter->cr, color);
      cairo_move_to (painter->cr, x, y);
      pango_cairo_show_layout (painter->cr, layout);
    }
}

double
zx_chart_draw_legend (ZxChartPainter     *painter,
                      double              x,
                      double              y,
                      const ZxChartColor *colors,
                      const char * const *labels,
                      guint               n)
{
  GdkRGBA fg = zx_chart_fg (painter, 0.85);
  double line_h = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = zx_chart_layout (painter, labels[i], 0.9, FALSE);
      double w, h;
      GdkRGBA c;

      zx_chart_layout_size (layout, &w, &h);
      line_h = MAX (line_h, h);
      if (colors[i] == ZX_CHART_N_COLORS)
        {
          /* the expected-pace marker */
          c = painter->fg;
          zx_chart_fill_rect (painter, x + h * 0.35, y + h * 0.1, MAX (2, h * 0.12), h * 0.8, &c);
        }
      else
        {
          zx_chart_color (painter, colors[i], &c);
          zx_chart_fill_rect (painter, x, y + h * 0.2, h * 0.9, h * 0.6, &c);
        }
      zx_chart_draw_layout (painter, layout, x + h * 1.2, y, &fg);
      x += h * 1.2 + w + h * 1.2;
    }
  return line_h;
}

void
zx_chart_add_hit (GArray *hits,
                  double x, double y, double w, double h,
                  guint   index,
                  char   *tooltip)
{
  ZxChartHit hit;

  if (hits == NULL)
    {
      g_free (tooltip);
      return;
    }
  hit.rect = GRAPHENE_RECT_INIT (x, y, w, h);
  hit.index = index;
  hit.tooltip = tooltip;
  g_array_append_val (hits, hit);
}

static void
clear_hit (gpointer data)
{
  g_free (((ZxChartHit *) data)->tooltip);
}

/* The widget ----------------------------------------------------------------- */

typedef struct
{
  GArray *hits;
  int     focus;   /* the hit under the keyboard focus ring, -1 none */
} ZxChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ZxChart, zx_chart, GTK_TYPE_WIDGET)

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
painter_init_widget (ZxChartPainter *painter,
                     GtkWidget      *widget,
                     GtkSnapshot    *snapshot)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS

  memset (painter, 0, sizeof *painter);
  painter->snapshot = snapshot;
  painter->pango = g_object_ref (gtk_widget_get_pango_context (widget));
  painter->font = pango_font_description_copy (pango_context_get_font_description (painter->pango));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &painter->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  painter->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gdk_rgba_parse (&painter->bg, painter->dark ? "#242424" : "#ffffff");
}

static void
zx_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  ZxChart *self = ZX_CHART (widget);
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  ZxChartPainter painter;

  g_array_set_size (priv->hits, 0);
  painter_init_widget (&painter, widget, snapshot);
  ZX_CHART_GET_CLASS (self)->render (self, &painter, w, h, priv->hits);

  if (priv->focus >= 0 && (guint) priv->focus < priv->hits->len && gtk_widget_has_visible_focus (widget))
    {
      ZxChartHit *hit = &g_array_index (priv->hits, ZxChartHit, priv->focus);
      GdkRGBA c;
      cairo_t *cr;

      zx_chart_color (&painter, ZX_CHART_BLUE, &c);
      cr = zx_chart_begin_cairo (&painter, hit->rect.origin.x - 2, hit->rect.origin.y - 2,
                                 hit->rect.size.width + 4, hit->rect.size.height + 4);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, hit->rect.origin.x - 1, hit->rect.origin.y - 1,
                       hit->rect.size.width + 2, hit->rect.size.height + 2);
      cairo_stroke (cr);
      zx_chart_end_cairo (&painter, cr);
    }
  zx_chart_painter_clear (&painter);
}

const char *
zx_chart_hit_at (ZxChart *self,
                 double   x,
                 double   y,
                 guint   *out_index)
{
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);

  g_return_val_if_fail (ZX_IS_CHART (self), NULL);
  /* the last drawn is on top */
  for (guint i = priv->hits->len; i-- > 0;)
    {
      ZxChartHit *hit = &g_array_index (priv->hits, ZxChartHit, i);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        {
          if (out_index != NULL)
            *out_index = hit->index;
          return hit->tooltip;
        }
    }
  return NULL;
}

guint
zx_chart_get_n_hits (ZxChart *self)
{
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);

  g_return_val_if_fail (ZX_IS_CHART (self), 0);
  return priv->hits->len;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  ZxChart *self = ZX_CHART (widget);
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);
  const char *text = NULL;

  if (keyboard && priv->focus >= 0 && (guint) priv->focus < priv->hits->len)
    text = g_array_index (priv->hits, ZxChartHit, priv->focus).tooltip;
  else if (!keyboard)
    text = zx_chart_hit_at (self, x, y, NULL);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ZxChart         *self)
{
  guint index;

  if (zx_chart_hit_at (self, x, y, &index) != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      g_signal_emit (self, signals[ITEM_ACTIVATED], 0, index);
    }
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           ZxChart                  *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), zx_chart_hit_at (self, x, y, NULL) ? "pointer" : NULL);
}

static void
move_focus (GtkWidget  *widget,
            const char *action,
            GVariant   *parameter)
{
  ZxChart *self = ZX_CHART (widget);
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);
  int n = priv->hits->len;

  if (n == 0)
    return;
  priv->focus = CLAMP (priv->focus + g_variant_get_int32 (parameter), 0, n - 1);
  gtk_widget_queue_draw (widget);
}

static void
activate_focus (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  ZxChart *self = ZX_CHART (widget);
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);

  if (priv->focus >= 0 && (guint) priv->focus < priv->hits->len)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, g_array_index (priv->hits, ZxChartHit, priv->focus).index);
}

static void
zx_chart_finalize (GObject *object)
{
  ZxChartPrivate *priv = zx_chart_get_instance_private (ZX_CHART (object));

  g_array_unref (priv->hits);
  G_OBJECT_CLASS (zx_chart_parent_class)->finalize (object);
}

static void
zx_chart_class_init (ZxChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = zx_chart_finalize;
  widget_class->snapshot = zx_chart_snapshot;
  widget_class->query_tooltip = query_tooltip_cb;

  /**
   * ZxChart::item-activated:
   * @index: the item clicked or activated with the keyboard
   */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_focus);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_focus);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate", NULL);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
zx_chart_init (ZxChart *self)
{
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  priv->hits = g_array_new (FALSE, FALSE, sizeof (ZxChartHit));
  g_array_set_clear_func (priv->hits, clear_hit);
  priv->focus = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

void
zx_chart_changed (ZxChart    *self,
                  const char *description)
{
  ZxChartPrivate *priv = zx_chart_get_instance_private (self);

  g_return_if_fail (ZX_IS_CHART (self));
  priv->focus = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

GdkTexture *
zx_chart_render_texture (ZxChart *self,
                         int      width,
                         int      height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (ZxChartHit));
  g_autoptr(GError) error = NULL;
  ZxChartPainter painter;
  GdkTexture *texture;

  g_return_val_if_fail (ZX_IS_CHART (self), NULL);
  g_array_set_clear_func (hits, clear_hit);
  painter_init_widget (&painter, GTK_WIDGET (self), snapshot);
  gtk_snapshot_append_color (snapshot, &painter.bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ZX_CHART_GET_CLASS (self)->render (self, &painter, width, height, hits);
  zx_chart_painter_clear (&painter);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      g_warning ("Could not render the chart: %s", error->message);
      return NULL;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  return texture;
}
