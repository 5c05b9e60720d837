/* zx-pace-bar.c — an OKR row's progress against the expected pace
 *
 * Drawn with GtkSnapshot only, so a column of hundreds of rows stays cheap:
 * a rounded track in the inherited text colour at low alpha, the fill in the
 * widget's own CSS colour (which the health class sets) and a marker at the
 * expected pace in the inherited text colour.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-pace-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "zx-pace-bar.h"

#define NATURAL_WIDTH   140
#define MINIMUM_WIDTH   32
#define HEIGHT          10
#define TRACK_HEIGHT    6.f
#define MARKER_WIDTH    2.f
#define DASH_LENGTH     4.f
#define DASH_GAP        3.f
#define DASH_HEIGHT     2.f

typedef enum
{
  HEALTH_NOT_STARTED,
  HEALTH_ON_TRACK,
  HEALTH_AT_RISK,
  HEALTH_OFF_TRACK,
  N_HEALTH
} Health;

/* property value, CSS class */
static const struct { const char *name; const char *css_class; } healths[N_HEALTH] = {
  [HEALTH_NOT_STARTED] = { "not_started", "not-started" },
  [HEALTH_ON_TRACK]    = { "on_track", "on-track" },
  [HEALTH_AT_RISK]     = { "at_risk", "at-risk" },
  [HEALTH_OFF_TRACK]   = { "off_track", "off-track" },
};

struct _ZxPaceBar
{
  GtkWidget parent_instance;

  double    progress;
  double    expected;
  Health    health;
  gboolean  has_progress;
};

G_DEFINE_FINAL_TYPE (ZxPaceBar, zx_pace_bar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROGRESS,
  PROP_EXPECTED,
  PROP_HEALTH,
  PROP_HAS_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Health
health_from_string (const char *health)
{
  for (guint i = 0; health != NULL && i < N_HEALTH; i++)
    if (g_str_equal (health, healths[i].name))
      return i;
  return HEALTH_NOT_STARTED;
}

static const char *
health_label (Health health)
{
  switch (health)
    {
    case HEALTH_ON_TRACK:
      /* Translators: read out after a KR's progress, "60%, expected 45%, on track" */
      return C_("pace bar", "on track");
    case HEALTH_AT_RISK:
      /* Translators: read out after a KR's progress, "60%, expected 45%, at risk" */
      return C_("pace bar", "at risk");
    case HEALTH_OFF_TRACK:
      /* Translators: read out after a KR's progress, "20%, expected 45%, off track" */
      return C_("pace bar", "off track");
    case HEALTH_NOT_STARTED:
    case N_HEALTH:
    default:
      /* Translators: read out after a KR's progress, "0%, expected 10%, not started" */
      return C_("pace bar", "not started");
    }
}

static int
percent (double fraction)
{
  return (int) round (CLAMP (fraction, -1000.0, 1000.0) * 100.0);
}

static void
update_accessible (ZxPaceBar *self)
{
  g_autofree char *text = NULL;

  if (self->has_progress)
    {
      /* Translators: a KR's progress, where it should be by now and its health,
       * e.g. "60%, expected 45%, at risk" */
      text = g_strdup_printf (_("%d%%, expected %d%%, %s"),
                              percent (self->progress), percent (self->expected),
                              health_label (self->health));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                      (double) CLAMP (percent (self->progress), 0, 100),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
    }
  else
    {
      /* Translators: a KR without any check-in value yet, and where it should be by now */
      text = g_strdup_printf (_("No progress recorded, expected %d%%"), percent (self->expected));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
    }
}

static void
apply_health_class (ZxPaceBar *self)
{
  for (guint i = 0; i < N_HEALTH; i++)
    if (i != self->health)
      gtk_widget_remove_css_class (GTK_WIDGET (self), healths[i].css_class);
  gtk_widget_add_css_class (GTK_WIDGET (self), healths[self->health].css_class);
}

/* Drawing ----------------------------------------------------------------------------- */

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  radius,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, MIN (radius, MIN (rect->size.width, rect->size.height) / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
zx_pace_bar_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  ZxPaceBar *self = ZX_PACE_BAR (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gboolean hc = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  float track_h = MIN (TRACK_HEIGHT, height);
  float track_y = (height - track_h) / 2;
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GdkRGBA fill, fg, track, marker;
  float marker_x;

  if (width <= 0 || height <= 0)
    return;

  /* The fill is the widget's colour (set by its health class); track and
   * marker follow the text colour around it, so both work on a selected row */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fill);
  if (parent != NULL)
    gtk_style_context_get_color (gtk_widget_get_style_context (parent), &fg);
  else if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "view_fg_color", &fg))
    fg = fill;
  G_GNUC_END_IGNORE_DEPRECATIONS

  track = fg;
  track.alpha *= hc ? 0.3f : 0.15f;

  if (!self->has_progress)
    {
      /* No value yet: a row of short dashes, like "—" in a text column */
      GdkRGBA dash = fg;

      dash.alpha *= hc ? 0.55f : 0.3f;
      for (float x = 0; x < width; x += DASH_LENGTH + DASH_GAP)
        append_rounded (snapshot,
                        &GRAPHENE_RECT_INIT (x, (height - DASH_HEIGHT) / 2,
                                             MIN (DASH_LENGTH, width - x), DASH_HEIGHT),
                        DASH_HEIGHT / 2, &dash);
      return;
    }

  append_rounded (snapshot, &GRAPHENE_RECT_INIT (0, track_y, width, track_h), track_h / 2, &track);

  if (self->progress > 0)
    {
      float fill_w = (float) (CLAMP (self->progress, 0.0, 1.0) * width);

      fill_w = MAX (fill_w, 1.f);
      append_rounded (snapshot,
                      &GRAPHENE_RECT_INIT (rtl ? width - fill_w : 0, track_y, fill_w, track_h),
                      track_h / 2, &fill);
    }

  /* The expected pace: a thin mark across the whole height, kept inside the bar */
  marker_x = (float) (self->expected * width);
  if (rtl)
    marker_x = width - marker_x;
  marker_x = CLAMP (marker_x - MARKER_WIDTH / 2, 0, MAX (width - MARKER_WIDTH, 0));
  marker = fg;
  marker.alpha *= hc ? 1.f : 0.85f;
  append_rounded (snapshot, &GRAPHENE_RECT_INIT (marker_x, 0, MARKER_WIDTH, height), MARKER_WIDTH / 2, &marker);
}

static void
zx_pace_bar_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MINIMUM_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = *natural = HEIGHT;
    }
}

static void
zx_pace_bar_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (zx_pace_bar_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
zx_pace_bar_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

/* GObject ------------------------------------------------------------------------------ */

static void
zx_pace_bar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ZxPaceBar *self = ZX_PACE_BAR (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_EXPECTED:
      g_value_set_double (value, self->expected);
      break;
    case PROP_HEALTH:
      g_value_set_string (value, zx_pace_bar_get_health (self));
      break;
    case PROP_HAS_PROGRESS:
      g_value_set_boolean (value, self->has_progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_pace_bar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ZxPaceBar *self = ZX_PACE_BAR (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      zx_pace_bar_set_progress (self, g_value_get_double (value));
      break;
    case PROP_EXPECTED:
      zx_pace_bar_set_expected (self, g_value_get_double (value));
      break;
    case PROP_HEALTH:
      zx_pace_bar_set_health (self, g_value_get_string (value));
      break;
    case PROP_HAS_PROGRESS:
      zx_pace_bar_set_has_progress (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_pace_bar_class_init (ZxPaceBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = zx_pace_bar_get_property;
  object_class->set_property = zx_pace_bar_set_property;

  widget_class->snapshot = zx_pace_bar_snapshot;
  widget_class->measure = zx_pace_bar_measure;
  widget_class->css_changed = zx_pace_bar_css_changed;
  widget_class->direction_changed = zx_pace_bar_direction_changed;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPECTED] =
    g_param_spec_double ("expected", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEALTH] =
    g_param_spec_string ("health", NULL, NULL, "not_started",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_PROGRESS] =
    g_param_spec_boolean ("has-progress", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "zx-pace-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
zx_pace_bar_init (ZxPaceBar *self)
{
  self->health = HEALTH_NOT_STARTED;
  self->has_progress = TRUE;

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  apply_health_class (self);
  update_accessible (self);
}

/* Public ------------------------------------------------------------------------------- */

GtkWidget *
zx_pace_bar_new (void)
{
  return g_object_new (ZX_TYPE_PACE_BAR, NULL);
}

double
zx_pace_bar_get_progress (ZxPaceBar *self)
{
  g_return_val_if_fail (ZX_IS_PACE_BAR (self), 0.0);

  return self->progress;
}

double
zx_pace_bar_get_expected (ZxPaceBar *self)
{
  g_return_val_if_fail (ZX_IS_PACE_BAR (self), 0.0);

  return self->expected;
}

const char *
zx_pace_bar_get_health (ZxPaceBar *self)
{
  g_return_val_if_fail (ZX_IS_PACE_BAR (self), NULL);

  return healths[self->health].name;
}

gboolean
zx_pace_bar_get_has_progress (ZxPaceBar *self)
{
  g_return_val_if_fail (ZX_IS_PACE_BAR (self), FALSE);

  return self->has_progress;
}

void
zx_pace_bar_set (ZxPaceBar  *self,
                 double      progress,
                 double      expected,
                 const char *health,
                 gboolean    has_progress)
{
  Health h;
  gboolean changed = FALSE;

  g_return_if_fail (ZX_IS_PACE_BAR (self));

  progress = isfinite (progress) ? progress : 0.0;
  expected = isfinite (expected) ? CLAMP (expected, 0.0, 1.0) : 0.0;
  h = health_from_string (health);
  has_progress = !!has_progress;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
      changed = TRUE;
    }
  if (self->expected != expected)
    {
      self->expected = expected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPECTED]);
      changed = TRUE;
    }
  if (self->health != h)
    {
      self->health = h;
      apply_health_class (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH]);
      changed = TRUE;
    }
  if (self->has_progress != has_progress)
    {
      self->has_progress = has_progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PROGRESS]);
      changed = TRUE;
    }
  if (changed)
    {
      update_accessible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
zx_pace_bar_set_progress (ZxPaceBar *self,
                          double     progress)
{
  g_return_if_fail (ZX_IS_PACE_BAR (self));

  zx_pace_bar_set (self, progress, self->expected, healths[self->health].name, self->has_progress);
}

void
zx_pace_bar_set_expected (ZxPaceBar *self,
                          double     expected)
{
  g_return_if_fail (ZX_IS_PACE_BAR (self));

  zx_pace_bar_set (self, self->progress, expected, healths[self->health].name, self->has_progress);
}

void
zx_pace_bar_set_health (ZxPaceBar  *self,
                        const char *health)
{
  g_return_if_fail (ZX_IS_PACE_BAR (self));

  zx_pace_bar_set (self, self->progress, self->expected, health, self->has_progress);
}

void
zx_pace_bar_set_has_progress (ZxPaceBar *self,
                              gboolean   has_progress)
{
  g_return_if_fail (ZX_IS_PACE_BAR (self));

  zx_pace_bar_set (self, self->progress, self->expected, healths[self->health].name, has_progress);
}
