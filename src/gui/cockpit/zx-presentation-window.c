/* zx-presentation-window.c — the cockpit as fullscreen slides
 *
 * Large type for the back of a meeting room at 1920×1080: the window
 * carries the style class zx-presentation (style.css sets its font size),
 * and the charts draw with the window's font, so they grow with it.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-presentation"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-bar-chart.h"
#include "zx-cockpit-data.h"
#include "zx-presentation-window.h"
#include "zx-ring-chart.h"

#define WARNINGS_ON_SLIDE 6
#define BATTLES_ON_SLIDE 8

struct _ZxPresentationWindow
{
  GtkWindow   parent_instance;
  ZxCockpit  *cockpit;
  GPtrArray  *warnings;
  GtkStack   *stack;
  GtkLabel   *counter;
  guint       n_slides;
  guint       slide;
};

G_DEFINE_FINAL_TYPE (ZxPresentationWindow, zx_presentation_window, GTK_TYPE_WINDOW)

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
slide_new (const char *title,
           const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_widget_add_css_class (box, "zx-slide");
  gtk_box_append (GTK_BOX (box), label_new (title, "zx-slide-title", TRUE));
  if (subtitle != NULL)
    gtk_box_append (GTK_BOX (box), label_new (subtitle, "zx-slide-subtitle", TRUE));
  return box;
}

static void
add_slide (ZxPresentationWindow *self,
           GtkWidget            *slide)
{
  g_autofree char *name = g_strdup_printf ("%u", self->n_slides++);

  gtk_stack_add_named (self->stack, slide, name);
}

static GtkWidget *
tile_new (ZxCockpitTile *t)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "zx-tile");
  gtk_box_append (GTK_BOX (box), label_new (t->caption, "dim-label", TRUE));
  gtk_box_append (GTK_BOX (box), label_new (t->value, "zx-tile-value", FALSE));
  gtk_box_append (GTK_BOX (box), label_new (t->detail, "zx-tile-detail", TRUE));
  return box;
}

static void
build_overview (ZxPresentationWindow *self,
                const char           *date,
                int                   stale_days)
{
  g_autoptr(GPtrArray) tiles = zx_cockpit_make_tiles (self->cockpit, self->warnings, stale_days);
  g_autoptr(GPtrArray) bars = zx_cockpit_pillar_bars (self->cockpit);
  g_autoptr(GPtrArray) segments = zx_cockpit_health_segments (self->cockpit);
  g_autofree char *center = zx_cockpit_ring_center (self->cockpit);
  g_autofree char *sub = g_strdup_printf (_("As of %s"), date);
  GtkWidget *slide = slide_new (_("Strategy Execution Cockpit"), sub);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);
  GtkWidget *bar = zx_bar_chart_new (), *ring = zx_ring_chart_new ();
  /* the first four tiles and the warnings tile */
  static const guint shown[] = { 0, 1, 2, 3, 7 };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    gtk_grid_attach (GTK_GRID (grid), tile_new (g_ptr_array_index (tiles, shown[i])), i, 0, 1, 1);
  gtk_box_append (GTK_BOX (slide), grid);

  zx_cockpit_set_pillar_chart (bar, bars);
  gtk_widget_set_hexpand (bar, TRUE);
  zx_ring_chart_set_segments (ZX_RING_CHART (ring), segments, center, zx_cockpit_ring_caption ());
  gtk_widget_set_hexpand (ring, TRUE);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_box_append (GTK_BOX (row), bar);
  gtk_box_append (GTK_BOX (row), ring);
  gtk_widget_set_vexpand (row, TRUE);
  gtk_box_append (GTK_BOX (slide), row);
  add_slide (self, slide);
}

static double
gap_of (ZxCockpitItem *item)
{
  return item->numbers ? item->numbers->judged_against - item->numbers->progress : 0;
}

static int
compare_gap (gconstpointer a,
             gconstpointer b)
{
  double x = gap_of (*(ZxCockpitItem * const *) a), y = gap_of (*(ZxCockpitItem * const *) b);

  return x > y ? -1 : x < y;
}

static void
build_pillar (ZxPresentationWindow *self,
              ZxStore              *store,
              ZxCockpitPillar      *pillar)
{
  g_autoptr(GPtrArray) items = zx_cockpit_pillar_items (self->cockpit, store, pillar->id);
  g_autoptr(GPtrArray) battles = g_ptr_array_new ();
  g_autoptr(GPtrArray) bars = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_bar_item_free);
  g_autofree char *progress = zx_cockpit_percent (pillar->progress);
  g_autofree char *expected = zx_cockpit_percent (pillar->expected);
  /* Translators: a pillar's progress, expected pace and health, on a slide */
  g_autofree char *sub = g_strdup_printf (_("Progress %s · expected %s · %s"), progress, expected,
                                          zx_health_get_label (pillar->health));
  GtkWidget *slide = slide_new (pillar->name, sub);
  GtkWidget *chart = zx_bar_chart_new ();
  guint n_battles;

  for (guint i = 0; i < items->len; i++)
    {
      ZxCockpitItem *item = g_ptr_array_index (items, i);
      if (g_str_equal (item->entity, "battle") && item->numbers != NULL && item->numbers->has_progress)
        g_ptr_array_add (battles, item);
    }
  n_battles = battles->len;
  g_ptr_array_sort (battles, compare_gap);
  for (guint i = 0; i < MIN (battles->len, BATTLES_ON_SLIDE); i++)
    {
      ZxCockpitItem *item = g_ptr_array_index (battles, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", item->detail, item->title);

      g_ptr_array_add (bars, zx_bar_item_new (label, item->numbers->progress, item->numbers->expected,
                                              zx_cockpit_health_color (item->numbers->health), label));
    }
  if (bars->len > 0)
    {
      g_autofree char *heading = n_battles > bars->len
        ? g_strdup_printf (_("The %u battles furthest behind, of %u"), bars->len, n_battles)
        : g_strdup (_("Its battles"));

      gtk_box_append (GTK_BOX (slide), label_new (heading, "zx-slide-heading", FALSE));
      zx_cockpit_set_pillar_chart (chart, bars);
      gtk_box_append (GTK_BOX (slide), chart);
    }
  else
    gtk_box_append (GTK_BOX (slide), label_new (_("No battle serves this pillar yet."), "dim-label", FALSE));
  add_slide (self, slide);
}

static void
build_warnings (ZxPresentationWindow *self)
{
  guint open = zx_cockpit_count_open (self->warnings), shown = 0;
  g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not yet acknowledged",
                                                       "%u not yet acknowledged", open), open);
  GtkWidget *slide = slide_new (_("Early Warnings"), sub);

  for (guint i = 0; i < self->warnings->len && shown < WARNINGS_ON_SLIDE; i++)
    {
      ZxWarning *w = g_ptr_array_index (self->warnings, i);
      g_autofree char *title = NULL;
      g_autofree char *line = NULL;
      g_autofree char *since = NULL;
      GtkWidget *box;

      if (w->acknowledged)
        continue;
      since = g_date_valid (&w->since) ? zx_cockpit_format_date (&w->since) : g_strdup ("—");
      title = g_strdup_printf ("%s · %s", zx_warning_kind_get_label (w->kind), w->subject);
      line = g_strdup_printf (_("%s — %s · owner %s · since %s"), w->what, w->department, w->owner, since);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_box_append (GTK_BOX (box), label_new (title, "zx-slide-item", TRUE));
      gtk_box_append (GTK_BOX (box), label_new (line, "zx-slide-detail", TRUE));
      gtk_box_append (GTK_BOX (slide), box);
      shown++;
    }
  if (open == 0)
    gtk_box_append (GTK_BOX (slide), label_new (_("No early warnings: execution is on course."), NULL, TRUE));
  else if (open > shown)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more in the cockpit"), open - shown);
      gtk_box_append (GTK_BOX (slide), label_new (more, "dim-label", FALSE));
    }
  add_slide (self, slide);
}

void
zx_presentation_window_set_slide (ZxPresentationWindow *self,
                                  guint                 slide)
{
  g_autofree char *name = NULL;
  g_autofree char *counter = NULL;

  g_return_if_fail (ZX_IS_PRESENTATION_WINDOW (self));
  if (self->n_slides == 0)
    return;
  self->slide = MIN (slide, self->n_slides - 1);
  name = g_strdup_printf ("%u", self->slide);
  gtk_stack_set_visible_child_name (self->stack, name);
  /* Translators: slide 2 of 7, and the keys */
  counter = g_strdup_printf (_("%u / %u · Page Down: next · Page Up: back · Esc: leave"), self->slide + 1,
                             self->n_slides);
  gtk_label_set_text (self->counter, counter);
}

guint
zx_presentation_window_get_slide (ZxPresentationWindow *self)
{
  g_return_val_if_fail (ZX_IS_PRESENTATION_WINDOW (self), 0);
  return self->slide;
}

guint
zx_presentation_window_get_n_slides (ZxPresentationWindow *self)
{
  g_return_val_if_fail (ZX_IS_PRESENTATION_WINDOW (self), 0);
  return self->n_slides;
}

static void
move_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  ZxPresentationWindow *self = ZX_PRESENTATION_WINDOW (widget);
  int by = g_variant_get_int32 (parameter);

  if (by <= -1000)
    zx_presentation_window_set_slide (self, 0);
  else if (by >= 1000)
    zx_presentation_window_set_slide (self, self->n_slides - 1);
  else if (by < 0 && self->slide == 0)
    return;
  else
    zx_presentation_window_set_slide (self, self->slide + by);
}

static void
leave_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
zx_presentation_window_finalize (GObject *object)
{
  ZxPresentationWindow *self = ZX_PRESENTATION_WINDOW (object);

  g_clear_pointer (&self->cockpit, zx_cockpit_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  G_OBJECT_CLASS (zx_presentation_window_parent_class)->finalize (object);
}

static void
zx_presentation_window_class_init (ZxPresentationWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; int by; } keys[] = {
    { GDK_KEY_Page_Down, 1 }, { GDK_KEY_Right, 1 }, { GDK_KEY_Down, 1 }, { GDK_KEY_space, 1 },
    { GDK_KEY_Return, 1 }, { GDK_KEY_KP_Enter, 1 }, { GDK_KEY_KP_Page_Down, 1 },
    { GDK_KEY_Page_Up, -1 }, { GDK_KEY_Left, -1 }, { GDK_KEY_Up, -1 }, { GDK_KEY_BackSpace, -1 },
    { GDK_KEY_KP_Page_Up, -1 }, { GDK_KEY_Home, -1000 }, { GDK_KEY_End, 1000 },
  };

  G_OBJECT_CLASS (klass)->finalize = zx_presentation_window_finalize;
  gtk_widget_class_install_action (widget_class, "presentation.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "presentation.leave", NULL, leave_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].key, 0, "presentation.move", "i", keys[i].by);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "presentation.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "presentation.leave", NULL);
}

static void
zx_presentation_window_init (ZxPresentationWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (GTK_WIDGET (self), "zx-presentation");
  gtk_window_set_title (GTK_WINDOW (self), _("Cockpit Presentation"));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  self->counter = GTK_LABEL (label_new (NULL, "zx-slide-counter", FALSE));
  gtk_widget_set_halign (GTK_WIDGET (self->counter), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->counter));
  gtk_window_set_child (GTK_WINDOW (self), box);
}

GtkWidget *
zx_presentation_window_new (ZxStore               *store,
                            const GDate           *day,
                            const ZxWarningParams *params)
{
  ZxPresentationWindow *self = g_object_new (ZX_TYPE_PRESENTATION_WINDOW, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  GDate today;

  g_return_val_if_fail (ZX_IS_STORE (store), GTK_WIDGET (self));
  today = *day;
  self->cockpit = zx_cockpit_new (store, NULL, &today, params ? &params->progress : NULL, &error);
  if (self->cockpit != NULL)
    self->warnings = zx_warnings_compute (store, self->cockpit->index, &today, now, params, &error);
  if (self->warnings == NULL)
    {
      g_warning ("Could not compute the cockpit: %s", error->message);
      add_slide (self, slide_new (_("The cockpit could not be computed."), error->message));
    }
  else
    {
      date = zx_cockpit_format_date (&today);
      build_overview (self, date, params ? params->progress.stale_days : 14);
      for (guint i = 0; i < self->cockpit->pillars->len; i++)
        build_pillar (self, store, g_ptr_array_index (self->cockpit->pillars, i));
      build_warnings (self);
    }
  zx_presentation_window_set_slide (self, 0);
  /* the screen's size, also where no window manager makes it fullscreen */
  {
    GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
    g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ? g_list_model_get_item (monitors, 0) : NULL;

    if (monitor != NULL)
      {
        GdkRectangle geometry;

        gdk_monitor_get_geometry (monitor, &geometry);
        gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      }
  }
  gtk_window_fullscreen (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
