/* zx-course-chart.c — completion and satisfaction as horizontal bars
 *
 * One row per course or department: its name, a bar of the completion
 * rate with the counts, and the mean rating.  Drawn with GtkSnapshot; the
 * whole chart is also described in words for screen readers, and each
 * row has a tooltip.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-course-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-course-chart.h"

#define ROW_HEIGHT   36
#define BAR_HEIGHT   14
#define GAP          12
#define COUNT_WIDTH  104
#define RATING_WIDTH 56

struct _ZxCourseChart
{
  GtkWidget  parent_instance;

  GPtrArray *stats;   /* ZxCourseStat */
};

G_DEFINE_FINAL_TYPE (ZxCourseChart, zx_course_chart, GTK_TYPE_WIDGET)

static ZxCourseStat *
stat_copy (const ZxCourseStat *s)
{
  ZxCourseStat *copy = g_memdup2 (s, sizeof *s);

  copy->id = g_strdup (s->id);
  copy->name = g_strdup (s->name);
  return copy;
}

static char *
count_text (const ZxCourseStat *s)
{
  /* Translators: completion rate in a chart: percentage, then completed/assigned people */
  return g_strdup_printf (_("%.0f%% (%u/%u)"), s->completion * 100, s->completed, s->assigned);
}

static char *
rating_text (const ZxCourseStat *s)
{
  if (s->n_ratings == 0)
    return g_strdup ("—");
  /* Translators: the mean rating in a chart, out of 5 stars */
  return g_strdup_printf (_("★ %.1f"), s->satisfaction);
}

char *
zx_course_chart_describe_row (ZxCourseChart *self,
                              guint          index)
{
  const ZxCourseStat *s;

  g_return_val_if_fail (ZX_IS_COURSE_CHART (self), NULL);
  g_return_val_if_fail (index < self->stats->len, NULL);

  s = g_ptr_array_index (self->stats, index);
  if (s->n_ratings == 0)
    /* Translators: name, percentage, completed, assigned */
    return g_strdup_printf (_("%s: %.0f%% completed (%u of %u), not rated yet"),
                            s->name, s->completion * 100, s->completed, s->assigned);
  /* Translators: name, percentage, completed, assigned, mean rating, number of ratings */
  return g_strdup_printf (ngettext ("%s: %.0f%% completed (%u of %u), rated %.1f of 5 by %u person",
                                    "%s: %.0f%% completed (%u of %u), rated %.1f of 5 by %u people",
                                    s->n_ratings),
                          s->name, s->completion * 100, s->completed, s->assigned, s->satisfaction, s->n_ratings);
}

static void
update_accessible (ZxCourseChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->stats->len; i++)
    {
      g_autofree char *row = zx_course_chart_describe_row (self, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, row);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

void
zx_course_chart_set_stats (ZxCourseChart *self,
                           GPtrArray     *stats)
{
  g_return_if_fail (ZX_IS_COURSE_CHART (self));

  g_ptr_array_set_size (self->stats, 0);
  for (guint i = 0; stats != NULL && i < stats->len; i++)
    g_ptr_array_add (self->stats, stat_copy (g_ptr_array_index (stats, i)));
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
zx_course_chart_get_n_rows (ZxCourseChart *self)
{
  g_return_val_if_fail (ZX_IS_COURSE_CHART (self), 0);
  return self->stats->len;
}

static void
zx_course_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ZxCourseChart *self = ZX_COURSE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120 + COUNT_WIDTH + RATING_WIDTH + 2 * GAP + 60;
      *natural = MAX (*minimum, 640);
    }
  else
    *minimum = *natural = MAX (1, (int) self->stats->len) * ROW_HEIGHT;
}

static void
append_text (GtkWidget   *widget,
             GtkSnapshot *snapshot,
             const char  *text,
             int          x,
             int          y,
             int          width,
             gboolean     right,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int tw, th;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &tw, &th);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (ROW_HEIGHT - th) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_bar (GtkSnapshot    *snapshot,
            float           x,
            float           y,
            float           width,
            const GdkRGBA  *color)
{
  GskRoundedRect rect;

  if (width <= 0)
    return;
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, BAR_HEIGHT), MIN (BAR_HEIGHT / 2.0, width / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, BAR_HEIGHT));
  gtk_snapshot_pop (snapshot);
}

static void
zx_course_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ZxCourseChart *self = ZX_COURSE_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int label_width = CLAMP (width * 0.42, 80, 360);
  int bar_x = label_width + GAP;
  int bar_width = width - bar_x - COUNT_WIDTH - RATING_WIDTH - 2 * GAP;
  GdkRGBA fg, track, accent, warn;

  gtk_style_context_get_color (style, &fg);
  track = fg;
  track.alpha *= 0.12;
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  if (!gtk_style_context_lookup_color (style, "warning_bg_color", &warn))
    gdk_rgba_parse (&warn, "#e5a50a");

  for (guint i = 0; i < self->stats->len; i++)
    {
      const ZxCourseStat *s = g_ptr_array_index (self->stats, i);
      int y = i * ROW_HEIGHT;
      float bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;
      g_autofree char *count = count_text (s);
      g_autofree char *rating = rating_text (s);

      append_text (widget, snapshot, s->name, 0, y, label_width, FALSE, &fg);
      if (bar_width > 10)
        {
          append_bar (snapshot, bar_x, bar_y, bar_width, &track);
          /* Below half done stands out */
          append_bar (snapshot, bar_x, bar_y, bar_width * CLAMP (s->completion, 0, 1),
                      s->completion < 0.5 ? &warn : &accent);
        }
      append_text (widget, snapshot, count, bar_x + MAX (bar_width, 0) + GAP, y, COUNT_WIDTH, TRUE, &fg);
      append_text (widget, snapshot, rating, width - RATING_WIDTH, y, RATING_WIDTH, TRUE, &fg);
    }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  ZxCourseChart *self = ZX_COURSE_CHART (widget);
  g_autofree char *text = NULL;
  guint row;

  if (keyboard || y < 0)
    return FALSE;
  row = y / ROW_HEIGHT;
  if (row >= self->stats->len)
    return FALSE;
  text = zx_course_chart_describe_row (self, row);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
zx_course_chart_finalize (GObject *object)
{
  ZxCourseChart *self = ZX_COURSE_CHART (object);

  g_ptr_array_unref (self->stats);
  G_OBJECT_CLASS (zx_course_chart_parent_class)->finalize (object);
}

static void
zx_course_chart_class_init (ZxCourseChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = zx_course_chart_finalize;
  widget_class->measure = zx_course_chart_measure;
  widget_class->snapshot = zx_course_chart_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "zx-course-chart");
}

static void
zx_course_chart_init (ZxCourseChart *self)
{
  self->stats = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_course_stat_free);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
zx_course_chart_new (void)
{
  return g_object_new (ZX_TYPE_COURSE_CHART, NULL);
}
