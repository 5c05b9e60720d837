/* zx-check-in-chart.c — one key result's check-ins across its cycle
 *
 * The chart is laid out afresh on each snapshot (it is one widget with a
 * few dozen points): the value axis gets 4–6 round ticks covering the start,
 * the target and every value, the date axis a tick per month (a long cycle)
 * or per month with weekly minor ticks (a quarter), labels thinned until
 * they do not touch.  Lines and dots are drawn with cairo, text with Pango
 * layouts made from the widget so the user's CJK font is used.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-check-in-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "zx-check-in-chart.h"

#define MIN_WIDTH        320
#define MIN_HEIGHT       180
#define NATURAL_WIDTH    600
#define NATURAL_HEIGHT   260

#define PAD              12.0   /* around the whole chart */
#define LABEL_GAP        8.0    /* between an axis and its labels */
#define TICK_MAJOR       5.0
#define TICK_MINOR       3.0
#define DOT_RADIUS       3.5
#define LATEST_RADIUS    5.0
#define LINE_WIDTH       2.0
#define MAX_TICKS        16
#define BADGE_PAD_X      5.0
#define BADGE_PAD_Y      1.0

typedef struct
{
  guint32  day;                /* julian */
  double   value;
  gboolean has_value;
} Point;

struct _ZxCheckInChart
{
  GtkWidget  parent_instance;

  gboolean   milestone;
  gboolean   percentage;
  double     start;
  double     target;
  char      *unit;
  guint32    cycle_start;      /* julian, 0 when unset */
  guint32    cycle_end;
  guint32    due;              /* julian, 0 when none */
  guint32    today;            /* julian, 0 when hidden */

  GArray    *points;           /* of Point, sorted by day */
};

G_DEFINE_FINAL_TYPE (ZxCheckInChart, zx_check_in_chart, GTK_TYPE_WIDGET)

/* Where everything goes at one size */
typedef struct
{
  double   x0, x1, y0, y1;     /* the plot area */
  guint32  day0, day1;
  double   v0, v1;             /* the value axis */
  double   step;               /* between value ticks */
  int      decimals;           /* of the tick labels */
  double   label_width;        /* the widest value label */
  gboolean caption;            /* the unit is shown above the value labels */
} Geometry;

typedef struct
{
  GdkRGBA fg;
  GdkRGBA dim;                 /* labels */
  GdkRGBA faint;               /* grid */
  GdkRGBA axis;
  GdkRGBA guide;               /* pace, today, target */
  GdkRGBA accent;
  GdkRGBA accent_bg;           /* the latest value's badge */
  GdkRGBA accent_fg;
} Palette;

/* Numbers ---------------------------------------------------------------------------- */

/* The fewest decimals (up to @max) that show @value exactly enough */
static int
decimals_for (double value,
              int    max)
{
  for (int d = 0; d < max; d++)
    {
      double scaled = fabs (value) * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-6 * MAX (1.0, scaled))
        return d;
    }
  return max;
}

static char *
format_number (double value,
               int    decimals)
{
  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;    /* no "-0" */
  return g_strdup_printf ("%.*f", decimals, value);
}

static gboolean
unit_is_percent (const char *unit)
{
  return unit != NULL && (g_str_equal (unit, "%") || g_str_equal (unit, "％"));
}

/* "8.5 days", "95%", "7天": no space before a percent sign or a CJK unit */
static char *
with_unit (const char *number,
           const char *unit)
{
  if (unit == NULL || *unit == '\0')
    return g_strdup (number);
  if (unit_is_percent (unit) || g_unichar_iswide (g_utf8_get_char (unit)))
    return g_strconcat (number, unit, NULL);
  return g_strconcat (number, " ", unit, NULL);
}

static char *
format_value (ZxCheckInChart *self,
              double          value)
{
  g_autofree char *number = format_number (value, decimals_for (value, 2));

  return with_unit (number, self->unit);
}

static guint32
julian_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

static char *
format_date (guint32      day,
             const char  *format)
{
  GDate date;
  g_autoptr(GDateTime) time = NULL;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  if (time == NULL)
    return g_strdup ("");
  return g_date_time_format (time, format);
}

/* Round ticks for [lo, hi]: 4 to 6 of them, 1, 2, 2.5 or 5 times a power of
 * ten apart, with the axis ending on ticks and as little past the data as
 * possible */
static void
nice_axis (double  lo,
           double  hi,
           double *axis_lo,
           double *axis_hi,
           double *step)
{
  static const double mults[] = { 1, 2, 2.5, 5 };
  double range = hi - lo, magnitude, best_extent = G_MAXDOUBLE;
  int best_miss = G_MAXINT;

  g_assert (range > 0);
  magnitude = pow (10, floor (log10 (range / 5)));
  *axis_lo = lo;
  *axis_hi = hi;
  *step = range / 4;

  for (int e = -1; e <= 1; e++)
    for (guint m = 0; m < G_N_ELEMENTS (mults); m++)
      {
        double s = mults[m] * magnitude * pow (10, e);
        double a = floor (lo / s + 1e-9) * s;
        double b = ceil (hi / s - 1e-9) * s;
        int n = (int) round ((b - a) / s) + 1;
        int miss = n < 4 ? 4 - n : n > 6 ? n - 6 : 0;

        if (miss < best_miss || (miss == best_miss && b - a < best_extent - 1e-9 * range))
          {
            best_miss = miss;
            best_extent = b - a;
            *axis_lo = a;
            *axis_hi = b;
            *step = s;
          }
      }
}

/* Text -------------------------------------------------------------------------------- */

static PangoLayout *
make_layout (ZxCheckInChart *self,
             const char     *text,
             gboolean        small,
             gboolean        bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static char *
tick_label (ZxCheckInChart *self,
            double          value,
            int             decimals)
{
  g_autofree char *number = NULL;

  /* Translators: the two rows of a milestone's check-in chart */
  if (self->milestone)
    return g_strdup (value > 0.5 ? C_("milestone", "Reached") : C_("milestone", "Not reached"));
  number = format_number (value, decimals);
  if (unit_is_percent (self->unit))
    return with_unit (number, self->unit);
  return g_steal_pointer (&number);
}

/* Geometry ----------------------------------------------------------------------------- */

static void
day_range (ZxCheckInChart *self,
           guint32        *day0,
           guint32        *day1)
{
  guint32 lo = self->cycle_start, hi = self->cycle_end;

  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);

      lo = lo == 0 ? p->day : MIN (lo, p->day);
      hi = hi == 0 ? p->day : MAX (hi, p->day);
    }
  if (lo == 0 || hi == 0)
    {
      hi = self->today != 0 ? self->today : julian_today ();
      lo = hi > 90 ? hi - 90 : 1;
    }
  if (hi <= lo)
    hi = lo + 1;
  *day0 = lo;
  *day1 = hi;
}

static void
value_range (ZxCheckInChart *self,
             Geometry       *g)
{
  double lo = MIN (self->start, self->target), hi = MAX (self->start, self->target);
  double data_lo, data_hi, span, pad;

  if (self->milestone)
    {
      g->v0 = -0.35;
      g->v1 = 1.35;
      g->step = 1;
      g->decimals = 0;
      return;
    }

  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);

      if (p->has_value)
        {
          lo = MIN (lo, p->value);
          hi = MAX (hi, p->value);
        }
    }
  data_lo = lo;
  data_hi = hi;
  span = hi - lo;
  if (span < 1e-9)
    span = fabs (hi) > 1e-9 ? fabs (hi) * 0.2 : 1.0;
  pad = span * 0.08;
  lo -= pad;
  hi += pad;
  /* no negative ticks for data that cannot be negative, nor 110% */
  if (data_lo >= 0)
    lo = MAX (lo, 0);
  if ((self->percentage || unit_is_percent (self->unit)) && data_hi <= 100)
    hi = MIN (hi, 100);
  if (hi - lo < 1e-9)
    hi = lo + 1;

  nice_axis (lo, hi, &g->v0, &g->v1, &g->step);
  g->decimals = decimals_for (g->step, 3);
}

/* The values of the ticks on the value axis, bottom up */
static guint
value_ticks (const Geometry *g,
             double         *ticks)
{
  double first = ceil (g->v0 / g->step - 1e-6) * g->step;
  guint n = 0;

  while (n < MAX_TICKS)
    {
      double v = first + n * g->step;

      if (v > g->v1 + g->step * 1e-6)
        break;
      ticks[n++] = fabs (v) < g->step * 1e-6 ? 0 : v;
    }
  return n;
}

static void
compute_geometry (ZxCheckInChart *self,
                  double          width,
                  double          height,
                  Geometry       *g)
{
  g_autoptr(PangoLayout) probe = make_layout (self, "0/", TRUE, FALSE);
  double text_w, text_h, ticks[MAX_TICKS];
  guint n_ticks;

  memset (g, 0, sizeof *g);
  day_range (self, &g->day0, &g->day1);
  value_range (self, g);

  layout_size (probe, &text_w, &text_h);
  n_ticks = value_ticks (g, ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double w, h;

      text = tick_label (self, ticks[i], g->decimals);
      layout = make_layout (self, text, TRUE, FALSE);
      layout_size (layout, &w, &h);
      g->label_width = MAX (g->label_width, w);
    }
  g->caption = !self->milestone && self->unit != NULL && *self->unit != '\0' && !unit_is_percent (self->unit);
  if (g->caption)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->unit, TRUE, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      g->label_width = MAX (g->label_width, w);
    }

  g->x0 = PAD + g->label_width + LABEL_GAP;
  g->x1 = width - PAD - text_w;
  g->y0 = PAD + (g->caption ? text_h * 1.5 + 4 : text_h / 2);
  g->y1 = height - PAD - text_h - TICK_MAJOR - 2;
  if (g->x1 <= g->x0 + 1)
    g->x1 = g->x0 + 1;
  if (g->y1 <= g->y0 + 1)
    g->y1 = g->y0 + 1;
}

static double
x_for_day (const Geometry *g,
           double          day)
{
  return g->x0 + (day - g->day0) / (double) (g->day1 - g->day0) * (g->x1 - g->x0);
}

static double
y_for_value (const Geometry *g,
             double          value)
{
  return g->y1 - (value - g->v0) / (g->v1 - g->v0) * (g->y1 - g->y0);
}

/* Drawing ------------------------------------------------------------------------------ */

static void
get_palette (ZxCheckInChart *self,
             Palette        *p)
{
  gboolean hc = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GtkStyleContext *style;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  style = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (style, &p->fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &p->accent))
    p->accent = (GdkRGBA) { 0.11f, 0.44f, 0.85f, 1.f };
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &p->accent_bg))
    p->accent_bg = p->accent;
  if (!gtk_style_context_lookup_color (style, "accent_fg_color", &p->accent_fg))
    p->accent_fg = (GdkRGBA) { 1.f, 1.f, 1.f, 1.f };
  G_GNUC_END_IGNORE_DEPRECATIONS

  p->dim = p->fg;
  p->dim.alpha *= hc ? 0.9f : 0.6f;
  p->faint = p->fg;
  p->faint.alpha *= hc ? 0.25f : 0.09f;
  p->axis = p->fg;
  p->axis.alpha *= hc ? 0.7f : 0.3f;
  p->guide = p->fg;
  p->guide.alpha *= hc ? 0.85f : 0.5f;
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color)
{
  gdk_cairo_set_source_rgba (cr, color);
}

/* 1px lines on pixel boundaries */
static double
crisp (double v)
{
  return floor (v) + 0.5;
}

typedef struct
{
  guint32  day;
  char    *label;              /* NULL: a minor tick */
} Tick;

static void
tick_clear (gpointer data)
{
  g_clear_pointer (&((Tick *) data)->label, g_free);
}

/* The date axis: month starts, labelled with the month on a long cycle and
 * with the date on a short one, which also gets Mondays as minor ticks;
 * Mondays labelled when the range holds fewer than two month starts */
static GArray *
date_ticks (const Geometry *g)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (Tick));
  gboolean long_cycle = g->day1 - g->day0 > 100;
  /* Translators: a month on the date axis of the check-in chart, a
   * g_date_time_format() format; "%-m月" in Chinese */
  const char *month_format = C_("check-in chart axis", "%b");
  /* Translators: a day on the date axis of the check-in chart, a
   * g_date_time_format() format: March 1 is "3/1"; "%-m月%-d日" in Chinese */
  /* xgettext:no-c-format */
  const char *day_format = C_("check-in chart axis", "%-m/%-d");
  guint n_months = 0;
  GDate date;

  g_array_set_clear_func (ticks, tick_clear);
  g_date_clear (&date, 1);
  for (guint32 day = g->day0; day <= g->day1; day++)
    {
      g_date_set_julian (&date, day);
      n_months += g_date_get_day (&date) == 1;
    }

  for (guint32 day = g->day0; day <= g->day1; day++)
    {
      Tick tick = { day, NULL };
      gboolean month_start, monday;

      g_date_set_julian (&date, day);
      month_start = g_date_get_day (&date) == 1;
      monday = g_date_get_weekday (&date) == G_DATE_MONDAY;
      if (n_months >= 2 && month_start)
        tick.label = format_date (day, long_cycle ? month_format : day_format);
      else if (n_months < 2 && monday)
        tick.label = format_date (day, day_format);
      else if (long_cycle || !monday)
        continue;
      g_array_append_val (ticks, tick);
    }
  return ticks;
}

static void
stroke_line (cairo_t       *cr,
             const GdkRGBA *color,
             double         width,
             double         x0,
             double         y0,
             double         x1,
             double         y1)
{
  set_source (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

static void
stroke_dashed (cairo_t       *cr,
               const GdkRGBA *color,
               double         width,
               double         x0,
               double         y0,
               double         x1,
               double         y1)
{
  static const double dash[] = { 6, 4 };

  cairo_save (cr);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  stroke_line (cr, color, width, x0, y0, x1, y1);
  cairo_restore (cr);
}

static void
clear_layout (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
draw_axes (ZxCheckInChart *self,
           GtkSnapshot    *snapshot,
           cairo_t        *cr,
           const Geometry *g,
           const Palette  *p,
           double          width)
{
  g_autoptr(GArray) ticks = date_ticks (g);
  double values[MAX_TICKS], max_label = 0, min_gap = G_MAXDOUBLE, prev_x = -1;
  guint n_values = value_ticks (g, values), stride = 1, nth = 0;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (clear_layout);

  /* the value grid and its labels */
  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *text = tick_label (self, values[i], g->decimals);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE, FALSE);
      double y = y_for_value (g, values[i]), w, h;

      if (fabs (y - g->y1) > 1)
        stroke_line (cr, &p->faint, 1, g->x0, crisp (y), g->x1, crisp (y));
      layout_size (layout, &w, &h);
      append_layout (snapshot, layout, g->x0 - LABEL_GAP - w, y - h / 2, &p->dim);
    }
  if (g->caption)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->unit, TRUE, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      append_layout (snapshot, layout, g->x0 - LABEL_GAP - w, PAD, &p->dim);
    }

  /* the date axis: one label every @stride labelled ticks so none touch */
  for (guint i = 0; i < ticks->len; i++)
    {
      const Tick *tick = &g_array_index (ticks, Tick, i);
      PangoLayout *layout = NULL;
      double x = x_for_day (g, tick->day);

      if (tick->label != NULL)
        {
          double w, h;

          layout = make_layout (self, tick->label, TRUE, FALSE);
          layout_size (layout, &w, &h);
          max_label = MAX (max_label, w);
          if (prev_x >= 0)
            min_gap = MIN (min_gap, x - prev_x);
          prev_x = x;
        }
      g_ptr_array_add (layouts, layout);
    }
  if (min_gap < G_MAXDOUBLE && min_gap > 0)
    stride = MAX (1, (guint) ceil ((max_label + LABEL_GAP) / min_gap));

  for (guint i = 0; i < ticks->len; i++)
    {
      const Tick *tick = &g_array_index (ticks, Tick, i);
      double x = crisp (x_for_day (g, tick->day));

      if (tick->label == NULL)
        {
          stroke_line (cr, &p->axis, 1, x, crisp (g->y1), x, crisp (g->y1) + TICK_MINOR);
          continue;
        }
      stroke_line (cr, &p->faint, 1, x, g->y0, x, crisp (g->y1) - 1);
      stroke_line (cr, &p->axis, 1, x, crisp (g->y1), x, crisp (g->y1) + TICK_MAJOR);
      if (nth++ % stride == 0)
        {
          PangoLayout *layout = g_ptr_array_index (layouts, i);
          double w, h;

          layout_size (layout, &w, &h);
          append_layout (snapshot, layout, CLAMP (x - w / 2, 0, width - w),
                         g->y1 + TICK_MAJOR + 2, &p->dim);
        }
    }
  stroke_line (cr, &p->axis, 1, g->x0, crisp (g->y1), g->x1, crisp (g->y1));
}

typedef struct
{
  double x, y, w, h;
} Box;

static gboolean
boxes_touch (const Box *a,
             const Box *b)
{
  return a->x < b->x + b->w + 2 && b->x < a->x + a->w + 2 &&
         a->y < b->y + b->h + 2 && b->y < a->y + a->h + 2;
}

/* The middle of the widest gap between the plot's top, its bottom and the
 * lines at @ys that cross where a message goes */
static double
free_band (const Geometry *g,
           const double   *ys,
           guint           n)
{
  double sorted[8], best = (g->y0 + g->y1) / 2, best_gap = -1;
  guint m = 0;

  sorted[m++] = g->y0;
  sorted[m++] = g->y1;
  for (guint i = 0; i < n && m < G_N_ELEMENTS (sorted); i++)
    if (ys[i] > g->y0 && ys[i] < g->y1)
      sorted[m++] = ys[i];
  for (guint i = 1; i < m; i++)
    for (guint j = i; j > 0 && sorted[j] < sorted[j - 1]; j--)
      {
        double t = sorted[j];

        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }
  for (guint i = 1; i < m; i++)
    if (sorted[i] - sorted[i - 1] > best_gap)
      {
        best_gap = sorted[i] - sorted[i - 1];
        best = (sorted[i] + sorted[i - 1]) / 2;
      }
  return best;
}

static void
draw_series (ZxCheckInChart *self,
             GtkSnapshot    *snapshot,
             cairo_t        *cr,
             const Geometry *g,
             const Palette  *p,
             double          width)
{
  GArray *points = self->points;
  gboolean have_cycle = self->cycle_start != 0 && self->cycle_end != 0;
  guint32 pace_end = self->due != 0 ? self->due : self->cycle_end;
  double target_y = y_for_value (g, self->target);
  int latest = -1;
  Box target_box = { 0 }, latest_box = { 0 }, today_box = { 0 };
  g_autoptr(PangoLayout) target_layout = NULL;
  g_autoptr(PangoLayout) latest_layout = NULL;
  g_autoptr(PangoLayout) today_layout = NULL;

  /* today, then the milestone's due date or the target and the pace */
  if (self->today != 0 && have_cycle && self->today >= self->cycle_start && self->today <= self->cycle_end)
    {
      double x = crisp (x_for_day (g, self->today));

      stroke_line (cr, &p->guide, 1, x, g->y0, x, g->y1);
      /* Translators: the label of the line for today on the check-in chart */
      today_layout = make_layout (self, _("Today"), TRUE, FALSE);
      layout_size (today_layout, &today_box.w, &today_box.h);
      today_box.x = x + 4 + today_box.w <= g->x1 ? x + 4 : x - 4 - today_box.w;
      today_box.y = g->y0;
    }

  if (self->milestone)
    {
      if (self->due != 0)
        {
          /* Translators: the label of a milestone's due date on the check-in chart */
          g_autoptr(PangoLayout) layout = make_layout (self, _("Due"), TRUE, FALSE);
          double x = crisp (x_for_day (g, self->due));
          Box due_box;

          stroke_dashed (cr, &p->guide, 1, x, g->y0, x, g->y1);
          layout_size (layout, &due_box.w, &due_box.h);
          due_box.x = x + 4 + due_box.w <= g->x1 ? x + 4 : x - 4 - due_box.w;
          due_box.y = g->y0;
          if (today_layout != NULL && boxes_touch (&due_box, &today_box))
            due_box.y += today_box.h + 2;
          append_layout (snapshot, layout, due_box.x, due_box.y, &p->dim);
        }
    }
  else
    {
      g_autofree char *value = format_value (self, self->target);
      /* Translators: the label of the target line on the check-in chart, "Target 95%" */
      g_autofree char *text = g_strdup_printf (_("Target %s"), value);

      stroke_line (cr, &p->guide, 1, g->x0, crisp (target_y), g->x1, crisp (target_y));
      if (have_cycle)
        stroke_dashed (cr, &p->guide, 1.5,
                       x_for_day (g, self->cycle_start), y_for_value (g, self->start),
                       x_for_day (g, pace_end), target_y);

      target_layout = make_layout (self, text, TRUE, FALSE);
      layout_size (target_layout, &target_box.w, &target_box.h);
      target_box.x = g->x1 - target_box.w;
      /* on the side of the line the pace does not come from, which is
       * where it ends */
      target_box.y = self->start > self->target ? target_y + 3 : target_y - target_box.h - 2;
      if (target_box.y < g->y0 - target_box.h / 2)
        target_box.y = target_y + 3;
      else if (target_box.y + target_box.h > g->y1)
        target_box.y = target_y - target_box.h - 2;
    }

  /* the check-ins */
  for (guint i = 0; i < points->len; i++)
    if (g_array_index (points, Point, i).has_value || self->milestone)
      latest = i;

  if (self->milestone)
    {
      gboolean first = TRUE;
      double prev_y = 0;

      set_source (cr, &p->axis);
      cairo_set_line_width (cr, 1.5);
      for (guint i = 0; i < points->len; i++)
        {
          const Point *pt = &g_array_index (points, Point, i);
          double x = x_for_day (g, pt->day);
          double y = y_for_value (g, pt->has_value && pt->value >= 0.5 ? 1 : 0);

          if (first)
            cairo_move_to (cr, x, y);
          else
            {
              cairo_line_to (cr, x, prev_y);
              cairo_line_to (cr, x, y);
            }
          first = FALSE;
          prev_y = y;
        }
      cairo_stroke (cr);

      for (guint i = 0; i < points->len; i++)
        {
          const Point *pt = &g_array_index (points, Point, i);
          gboolean reached = pt->has_value && pt->value >= 0.5;
          double r = (int) i == latest ? LATEST_RADIUS : DOT_RADIUS + 0.5;

          cairo_new_path (cr);
          cairo_arc (cr, x_for_day (g, pt->day), y_for_value (g, reached ? 1 : 0), r, 0, 2 * G_PI);
          if (reached)
            {
              set_source (cr, &p->accent);
              cairo_fill (cr);
            }
          else
            {
              set_source (cr, &p->dim);
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
        }
    }
  else
    {
      guint n_valued = 0;
      double first_x = 0, last_x = 0, top = g->y1;
      cairo_pattern_t *area;

      /* the area under the line, then the line */
      cairo_new_path (cr);
      for (guint i = 0; i < points->len; i++)
        {
          const Point *pt = &g_array_index (points, Point, i);
          double x = x_for_day (g, pt->day);

          if (!pt->has_value)
            continue;
          top = MIN (top, y_for_value (g, pt->value));
          if (n_valued++ == 0)
            {
              first_x = x;
              cairo_move_to (cr, x, y_for_value (g, pt->value));
            }
          else
            cairo_line_to (cr, x, y_for_value (g, pt->value));
          last_x = x;
        }
      if (n_valued > 1)
        {
          cairo_path_t *line = cairo_copy_path (cr);

          cairo_line_to (cr, last_x, g->y1);
          cairo_line_to (cr, first_x, g->y1);
          cairo_close_path (cr);
          area = cairo_pattern_create_linear (0, top, 0, g->y1);
          cairo_pattern_add_color_stop_rgba (area, 0, p->accent.red, p->accent.green, p->accent.blue,
                                             p->accent.alpha * 0.2);
          cairo_pattern_add_color_stop_rgba (area, 1, p->accent.red, p->accent.green, p->accent.blue,
                                             p->accent.alpha * 0.03);
          cairo_set_source (cr, area);
          cairo_fill (cr);
          cairo_pattern_destroy (area);

          cairo_new_path (cr);
          cairo_append_path (cr, line);
          cairo_path_destroy (line);
          set_source (cr, &p->accent);
          cairo_set_line_width (cr, LINE_WIDTH);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);

      for (guint i = 0; i < points->len; i++)
        {
          const Point *pt = &g_array_index (points, Point, i);
          double x = x_for_day (g, pt->day);

          if (pt->has_value)
            {
              set_source (cr, &p->accent);
              cairo_arc (cr, x, y_for_value (g, pt->value), (int) i == latest ? LATEST_RADIUS : DOT_RADIUS,
                         0, 2 * G_PI);
              cairo_fill (cr);
            }
          else
            {
              /* a check-in without a value: a ring on the date axis */
              set_source (cr, &p->accent);
              cairo_set_line_width (cr, 2);
              cairo_arc (cr, x, g->y1, DOT_RADIUS, 0, 2 * G_PI);
              cairo_stroke (cr);
            }
        }
    }

  /* the latest value beside its dot */
  if (latest >= 0 && !self->milestone)
    {
      const Point *pt = &g_array_index (points, Point, latest);
      g_autofree char *text = format_value (self, pt->value);
      double x = x_for_day (g, pt->day), y = y_for_value (g, pt->value);

      latest_layout = make_layout (self, text, TRUE, TRUE);
      layout_size (latest_layout, &latest_box.w, &latest_box.h);
      latest_box.w += 2 * BADGE_PAD_X;
      latest_box.h += 2 * BADGE_PAD_Y;
      latest_box.x = CLAMP (x - latest_box.w / 2, g->x0, width - PAD / 2 - latest_box.w);
      latest_box.y = y - LATEST_RADIUS - 4 - latest_box.h;
      if (latest_box.y < g->y0 - latest_box.h / 2)
        latest_box.y = y + LATEST_RADIUS + 4;
    }

  /* keep the floating labels apart: the target's moves across its line,
   * then the latest value's across its dot */
  if (target_layout != NULL && latest_layout != NULL && boxes_touch (&target_box, &latest_box))
    {
      double other = target_box.y < target_y ? target_y + 3 : target_y - target_box.h - 2;
      Box moved = target_box;

      moved.y = other;
      if (!boxes_touch (&moved, &latest_box) && moved.y >= g->y0 - moved.h / 2 && moved.y + moved.h <= g->y1)
        target_box = moved;
      else
        {
          const Point *pt = &g_array_index (points, Point, latest);
          double y = y_for_value (g, pt->value);

          latest_box.y = latest_box.y < y ? y + LATEST_RADIUS + 4 : y - LATEST_RADIUS - 4 - latest_box.h;
        }
    }
  if (today_layout != NULL)
    {
      double line_x = crisp (x_for_day (g, self->today));

      if (target_layout != NULL && boxes_touch (&today_box, &target_box))
        today_box.y = target_box.y + target_box.h + 2;
      if (latest_layout != NULL && boxes_touch (&today_box, &latest_box))
        today_box.x = today_box.x > line_x ? line_x - 4 - today_box.w : line_x + 4;
      append_layout (snapshot, today_layout, today_box.x, today_box.y, &p->dim);
    }
  if (target_layout != NULL)
    append_layout (snapshot, target_layout, target_box.x, target_box.y, &p->dim);
  if (latest_layout != NULL)
    {
      graphene_rect_t badge = GRAPHENE_RECT_INIT (round (latest_box.x), round (latest_box.y),
                                                  latest_box.w, latest_box.h);
      GskRoundedRect rounded;

      gsk_rounded_rect_init_from_rect (&rounded, &badge, 4);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &p->accent_bg, &badge);
      gtk_snapshot_pop (snapshot);
      append_layout (snapshot, latest_layout, latest_box.x + BADGE_PAD_X, latest_box.y + BADGE_PAD_Y,
                     &p->accent_fg);
    }

  /* nothing yet: say so where no line runs */
  if (points->len == 0)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, _("No check-ins yet"), FALSE, FALSE);
      double cx = (g->x0 + g->x1) / 2, ys[2], w, h;
      double pace_x0 = x_for_day (g, self->cycle_start), pace_x1 = x_for_day (g, pace_end);
      guint n_ys = 0;

      layout_size (layout, &w, &h);
      if (today_layout != NULL)
        {
          double tx = x_for_day (g, self->today);

          /* not across today's line: on its wider side, if the text fits */
          if (fabs (tx - cx) < w / 2 + 8)
            {
              if (tx - g->x0 > g->x1 - tx && tx - g->x0 > w + 16)
                cx = (g->x0 + tx) / 2;
              else if (g->x1 - tx > w + 16)
                cx = (tx + g->x1) / 2;
            }
        }
      if (!self->milestone)
        {
          ys[n_ys++] = target_y;
          if (have_cycle && cx >= pace_x0 && cx <= pace_x1 && pace_x1 > pace_x0)
            ys[n_ys++] = y_for_value (g, self->start) +
                         (target_y - y_for_value (g, self->start)) * (cx - pace_x0) / (pace_x1 - pace_x0);
        }
      append_layout (snapshot, layout, cx - w / 2, free_band (g, ys, n_ys) - h / 2, &p->dim);
    }
}

static void
zx_check_in_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  ZxCheckInChart *self = ZX_CHECK_IN_CHART (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Geometry g;
  Palette p;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  get_palette (self, &p);
  compute_geometry (self, width, height, &g);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_axes (self, snapshot, cr, &g, &p, width);
  cairo_destroy (cr);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_series (self, snapshot, cr, &g, &p, width);
  cairo_destroy (cr);
}

static void
zx_check_in_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
}

static void
zx_check_in_chart_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (zx_check_in_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

/* Accessibility ------------------------------------------------------------------------- */

static void
update_accessible (ZxCheckInChart *self)
{
  guint n = self->points->len;
  g_autofree char *description = NULL;
  g_autofree char *target = format_value (self, self->target);
  int latest = -1;

  for (guint i = 0; i < n; i++)
    if (g_array_index (self->points, Point, i).has_value || self->milestone)
      latest = i;

  if (n == 0 && self->milestone)
    description = g_strdup (_("No check-ins yet"));
  else if (n == 0)
    /* Translators: the description of an empty check-in chart, "No check-ins yet; target 95%" */
    description = g_strdup_printf (_("No check-ins yet; target %s"), target);
  else if (self->milestone)
    {
      const Point *pt = &g_array_index (self->points, Point, latest);
      g_autofree char *date = format_date (pt->day, _("%Y-%m-%d"));

      if (pt->has_value && pt->value >= 0.5)
        /* Translators: the description of a milestone's check-in chart,
         * "3 check-ins; reached on 2026-03-09" */
        description = g_strdup_printf (ngettext ("%u check-in; reached on %s",
                                                 "%u check-ins; reached on %s", n),
                                       n, date);
      else
        /* Translators: the description of a milestone's check-in chart,
         * "3 check-ins; not reached as of 2026-03-09" */
        description = g_strdup_printf (ngettext ("%u check-in; not reached as of %s",
                                                 "%u check-ins; not reached as of %s", n),
                                       n, date);
    }
  else if (latest < 0)
    /* Translators: the description of a check-in chart whose check-ins have
     * no value, "2 check-ins without a value; target 95%" */
    description = g_strdup_printf (ngettext ("%u check-in without a value; target %s",
                                             "%u check-ins without a value; target %s", n),
                                   n, target);
  else
    {
      const Point *pt = &g_array_index (self->points, Point, latest);
      g_autofree char *value = format_value (self, pt->value);
      g_autofree char *date = format_date (pt->day, _("%Y-%m-%d"));

      /* Translators: the description of a check-in chart,
       * "6 check-ins; latest 8.2 days on 2026-03-09; target 7 days" */
      description = g_strdup_printf (ngettext ("%u check-in; latest %s on %s; target %s",
                                               "%u check-ins; latest %s on %s; target %s", n),
                                     n, value, date, target);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* GObject ------------------------------------------------------------------------------- */

static void
zx_check_in_chart_finalize (GObject *object)
{
  ZxCheckInChart *self = ZX_CHECK_IN_CHART (object);

  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (zx_check_in_chart_parent_class)->finalize (object);
}

static void
zx_check_in_chart_class_init (ZxCheckInChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = zx_check_in_chart_finalize;

  widget_class->snapshot = zx_check_in_chart_snapshot;
  widget_class->measure = zx_check_in_chart_measure;
  widget_class->css_changed = zx_check_in_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "zx-check-in-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
zx_check_in_chart_init (ZxCheckInChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  self->today = julian_today ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  /* Translators: the accessible name of the chart of a KR's check-ins */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Check-in history"),
                                  -1);
  update_accessible (self);
}

/* Public --------------------------------------------------------------------------------- */

GtkWidget *
zx_check_in_chart_new (void)
{
  return g_object_new (ZX_TYPE_CHECK_IN_CHART, NULL);
}

static guint32
julian_or_zero (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? g_date_get_julian (date) : 0;
}

void
zx_check_in_chart_set_key_result (ZxCheckInChart *self,
                                  const char     *kind,
                                  double          start,
                                  double          target,
                                  const char     *unit,
                                  const GDate    *cycle_start,
                                  const GDate    *cycle_end,
                                  const GDate    *due)
{
  g_return_if_fail (ZX_IS_CHECK_IN_CHART (self));

  self->milestone = g_strcmp0 (kind, "milestone") == 0;
  self->percentage = g_strcmp0 (kind, "percentage") == 0;
  self->start = isfinite (start) ? start : 0;
  self->target = isfinite (target) ? target : 0;
  if (self->milestone)
    {
      self->start = 0;
      self->target = 1;
    }
  g_free (self->unit);
  self->unit = unit != NULL && *unit != '\0' ? g_strdup (unit) : NULL;
  self->cycle_start = julian_or_zero (cycle_start);
  self->cycle_end = julian_or_zero (cycle_end);
  if (self->cycle_start != 0 && self->cycle_end != 0 && self->cycle_end < self->cycle_start)
    {
      guint32 t = self->cycle_start;

      self->cycle_start = self->cycle_end;
      self->cycle_end = t;
    }
  self->due = julian_or_zero (due);
  if (self->due != 0 && self->cycle_start != 0 && self->cycle_end != 0)
    self->due = CLAMP (self->due, self->cycle_start, self->cycle_end);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
compare_points (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const Point *pa = a, *pb = b;

  return pa->day < pb->day ? -1 : pa->day > pb->day;
}

void
zx_check_in_chart_set_points (ZxCheckInChart *self,
                              const GDate    *dates,
                              const double   *values,
                              const gboolean *has_value,
                              guint           n)
{
  g_return_if_fail (ZX_IS_CHECK_IN_CHART (self));
  g_return_if_fail (n == 0 || (dates != NULL && values != NULL));

  g_array_set_size (self->points, 0);
  for (guint i = 0; i < n; i++)
    {
      Point p;

      if (!g_date_valid (&dates[i]))
        continue;
      p.day = g_date_get_julian (&dates[i]);
      p.has_value = (has_value == NULL || has_value[i]) && isfinite (values[i]);
      p.value = p.has_value ? values[i] : 0;
      g_array_append_val (self->points, p);
    }
  /* stable: check-ins on one day keep their order */
  g_qsort_with_data (self->points->data, self->points->len, sizeof (Point), compare_points, NULL);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
zx_check_in_chart_set_today (ZxCheckInChart *self,
                             const GDate    *today)
{
  guint32 day;

  g_return_if_fail (ZX_IS_CHECK_IN_CHART (self));

  day = julian_or_zero (today);
  if (day == self->today)
    return;
  self->today = day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
zx_check_in_chart_value_to_y (ZxCheckInChart *self,
                              double          value)
{
  int width, height;
  Geometry g;

  g_return_val_if_fail (ZX_IS_CHECK_IN_CHART (self), 0.0);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      width = NATURAL_WIDTH;
      height = NATURAL_HEIGHT;
    }
  compute_geometry (self, width, height, &g);
  return y_for_value (&g, value);
}
