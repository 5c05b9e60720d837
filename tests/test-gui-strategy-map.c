/* test-gui-strategy-map.c — the strategy map widget in a real window
 *
 * Runs under Xvfb on a temporary database filled with the demo hospital.
 *
 *   test-gui-strategy-map --show [--database FILE] [--select ID]
 *
 * only shows the map in a window until it is closed (for screenshots).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "zx-demo.h"
#include "strategy/zx-strategy-map.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"

#define TODAY "2026-05-15"

typedef struct
{
  char          *dir;
  ZxStore       *store;
  GtkWidget     *window;
  ZxStrategyMap *map;
} Fixture;

static GtkWidget *
make_window (ZxStore *store)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *map = zx_strategy_map_new ();
  GtkWidget *button;

  gtk_window_set_title (GTK_WINDOW (window), "Strategy map");
  button = gtk_button_new_from_icon_name ("zoom-fit-best-symbolic");
  gtk_widget_set_tooltip_text (button, "Zoom to fit");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (zx_strategy_map_zoom_fit), map);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (map, TRUE);
  gtk_box_append (GTK_BOX (box), map);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  zx_strategy_map_set_store (ZX_STRATEGY_MAP (map), store);
  g_object_set_data (G_OBJECT (window), "map", map);
  return window;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, TODAY "T08:00:00Z");
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));

  f->window = make_window (f->store);
  f->map = g_object_get_data (G_OBJECT (f->window), "map");
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->map));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Helpers ------------------------------------------------------------------------- */

static int
find_type (ZxStrategyLayout   *layout,
           ZxStrategyNodeType  type,
           int                 nth)
{
  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
    if (zx_strategy_layout_get_node (layout, i)->type == type && nth-- == 0)
      return (int) i;
  g_assert_not_reached ();
}

/* Draws the widget and counts the distinct colours */
static guint
count_colors (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  guint32 *pixels;

  /* the widget's own drawing, now (a paintable would wait for a frame) */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = (guint32 *) cairo_image_surface_get_data (surface);
  for (int i = 0; i < w * h; i += 7)
    g_hash_table_add (colors, GUINT_TO_POINTER (pixels[i]));
  cairo_surface_destroy (surface);
  return g_hash_table_size (colors);
}

typedef struct
{
  int   count;
  int   type;
  char *a, *b;
} Emission;

static void
emission_clear (Emission *e)
{
  g_clear_pointer (&e->a, g_free);
  g_clear_pointer (&e->b, g_free);
  e->count = 0;
  e->type = -1;
}

static void
typed_cb (ZxStrategyMap *map,
          int            type,
          const char    *id,
          Emission      *e)
{
  e->count++;
  e->type = type;
  g_free (e->a);
  e->a = g_strdup (id);
}

static void
relink_cb (ZxStrategyMap *map,
           const char    *battle,
           const char    *pillar,
           Emission      *e)
{
  e->count++;
  g_free (e->a);
  g_free (e->b);
  e->a = g_strdup (battle);
  e->b = g_strdup (pillar);
}

/* Tests ------------------------------------------------------------------------------- */

static void
test_shows_demo (Fixture       *f,
                 gconstpointer  data)
{
  ZxStrategyLayout *layout = zx_strategy_map_get_layout (f->map);
  graphene_rect_t area;
  double mw, mh, zoom = zx_strategy_map_get_zoom (f->map);
  int w = gtk_widget_get_width (GTK_WIDGET (f->map)), h = gtk_widget_get_height (GTK_WIDGET (f->map));

  g_assert_nonnull (layout);
  g_assert_cmpuint (zx_strategy_layout_get_n_nodes (layout), >, 60);
  g_assert_true (zx_strategy_map_get_store (f->map) == f->store);
  zx_strategy_layout_get_size (layout, &mw, &mh);

  /* It opens readable: either the whole map fits at a readable zoom, or
   * the top of the map is shown with its goal in view */
  g_assert_cmpfloat (zoom, >=, 0.8 - 1e-9);
  g_assert_true (zx_strategy_map_get_node_area (f->map, zx_strategy_layout_get_node (layout, 0)->id, &area));
  g_assert_cmpfloat (area.origin.y, >=, 0);
  g_assert_cmpfloat (area.origin.y + area.size.height, <=, h);
  g_assert_cmpfloat (area.origin.x + area.size.width / 2, >, w / 4.0);
  g_assert_cmpfloat (area.origin.x + area.size.width / 2, <, w * 3 / 4.0);

  /* Fitted: the whole map is in the window */
  zx_strategy_map_zoom_fit (f->map);
  zoom = zx_strategy_map_get_zoom (f->map);
  g_assert_cmpfloat (mw * zoom, <=, w + 0.5);
  g_assert_cmpfloat (mh * zoom, <=, h + 0.5);
  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
    {
      g_assert_true (zx_strategy_map_get_node_area (f->map, zx_strategy_layout_get_node (layout, i)->id, &area));
      g_assert_cmpfloat (area.origin.x, >=, 0);
      g_assert_cmpfloat (area.origin.y, >=, 0);
      g_assert_cmpfloat (area.origin.x + area.size.width, <=, w + 0.5);
      g_assert_cmpfloat (area.origin.y + area.size.height, <=, h + 0.5);
    }

  /* It draws something with many colours, not a blank */
  g_assert_cmpuint (count_colors (GTK_WIDGET (f->map)), >, 20);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  ZxStrategyLayout *layout = zx_strategy_map_get_layout (f->map);
  int pillar0 = find_type (layout, ZX_STRATEGY_NODE_PILLAR, 0);
  int pillar1 = find_type (layout, ZX_STRATEGY_NODE_PILLAR, 1);
  const ZxStrategyNode *goal = zx_strategy_layout_get_node (layout, 0);
  const ZxStrategyNode *p0 = zx_strategy_layout_get_node (layout, pillar0);
  const ZxStrategyNode *p1 = zx_strategy_layout_get_node (layout, pillar1);
  Emission activated = { 0, -1 }, deleted = { 0, -1 };
  int notified = 0;
  g_autofree char *expected = NULL;
  char *problem;

  g_signal_connect (f->map, "node-activated", G_CALLBACK (typed_cb), &activated);
  g_signal_connect (f->map, "delete-requested", G_CALLBACK (typed_cb), &deleted);
  g_signal_connect_swapped (f->map, "notify::selected-id", G_CALLBACK (g_atomic_int_inc), &notified);
  gtk_widget_grab_focus (GTK_WIDGET (f->map));
  g_assert_null (zx_strategy_map_get_selected_id (f->map));

  /* The first arrow selects the goal, then Down a pillar, Right the next */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.move", "i", ZX_STRATEGY_DIRECTION_DOWN));
  g_assert_cmpstr (zx_strategy_map_get_selected_id (f->map), ==, goal->id);
  g_assert_cmpint (notified, ==, 1);
  zx_strategy_map_set_selected_id (f->map, p0->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.move", "i", ZX_STRATEGY_DIRECTION_RIGHT));
  g_assert_cmpstr (zx_strategy_map_get_selected_id (f->map), ==, p1->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.move", "i", ZX_STRATEGY_DIRECTION_LEFT));
  g_assert_cmpstr (zx_strategy_map_get_selected_id (f->map), ==, p0->id);
  g_assert_cmpint (notified, ==, 4);
  /* The keyboard lights the selected pillar's chain as hovering does */
  g_assert_cmpint (zx_strategy_map_get_lit_pillar (f->map), ==, pillar0);

  /* The screen reader hears what is selected */
  expected = g_strdup_printf ("Strategic pillar “%s”", p0->label);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (f->map), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  if (problem != NULL)
    g_error ("%s", problem);

  /* Down, down…: a factor of this pillar, then on into the battles */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.move", "i", ZX_STRATEGY_DIRECTION_DOWN));
  {
    int index = zx_strategy_layout_find (layout, zx_strategy_map_get_selected_id (f->map));

    g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->type, ==, ZX_STRATEGY_NODE_FACTOR);
    g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->parent, ==, pillar0);
  }

  /* Enter activates, Delete asks to delete — but not the goal */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.activate-selected", NULL));
  g_assert_cmpint (activated.count, ==, 1);
  g_assert_cmpint (activated.type, ==, ZX_STRATEGY_NODE_FACTOR);
  g_assert_cmpstr (activated.a, ==, zx_strategy_map_get_selected_id (f->map));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.delete-selected", NULL));
  g_assert_cmpint (deleted.count, ==, 1);
  zx_strategy_map_set_selected_id (f->map, goal->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.delete-selected", NULL));
  g_assert_cmpint (deleted.count, ==, 1);

  /* A selection off screen is scrolled into view */
  zx_strategy_map_set_zoom (f->map, 3.0);
  {
    int battle = find_type (layout, ZX_STRATEGY_NODE_BATTLE, 30);
    graphene_rect_t area;

    zx_strategy_map_set_selected_id (f->map, zx_strategy_layout_get_node (layout, battle)->id);
    g_assert_true (zx_strategy_map_get_node_area (f->map, zx_strategy_layout_get_node (layout, battle)->id, &area));
    g_assert_cmpfloat (area.origin.x, >=, 0);
    g_assert_cmpfloat (area.origin.y, >=, 0);
    g_assert_cmpfloat (area.origin.x + area.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->map)));
    g_assert_cmpfloat (area.origin.y + area.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f->map)));
  }
  g_assert_cmpuint (count_colors (GTK_WIDGET (f->map)), >, 20);

  emission_clear (&activated);
  emission_clear (&deleted);
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  double fit;

  zx_strategy_map_zoom_fit (f->map);
  fit = zx_strategy_map_get_zoom (f->map);
  g_assert_cmpfloat (fit, >, ZX_STRATEGY_MAP_MIN_ZOOM);
  g_assert_cmpfloat (fit, <=, 1.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-in", NULL));
  g_assert_cmpfloat (zx_strategy_map_get_zoom (f->map), >, fit * 1.1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-in", NULL));
  g_assert_cmpuint (count_colors (GTK_WIDGET (f->map)), >, 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-fit", NULL));
  g_assert_cmpfloat (fabs (zx_strategy_map_get_zoom (f->map) - fit), <, 1e-6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-out", NULL));
  g_assert_cmpfloat (zx_strategy_map_get_zoom (f->map), <, fit);

  /* bounded */
  zx_strategy_map_set_zoom (f->map, 100);
  g_assert_cmpfloat (zx_strategy_map_get_zoom (f->map), ==, ZX_STRATEGY_MAP_MAX_ZOOM);
  g_assert_cmpuint (count_colors (GTK_WIDGET (f->map)), >, 5);
  zx_strategy_map_set_zoom (f->map, 0);
  g_assert_cmpfloat (zx_strategy_map_get_zoom (f->map), ==, ZX_STRATEGY_MAP_MIN_ZOOM);
  zx_strategy_map_zoom_fit (f->map);
  g_assert_cmpfloat (fabs (zx_strategy_map_get_zoom (f->map) - fit), <, 1e-6);
}

static void
test_relink (Fixture       *f,
             gconstpointer  data)
{
  ZxStrategyLayout *layout = zx_strategy_map_get_layout (f->map);
  int battle = find_type (layout, ZX_STRATEGY_NODE_BATTLE, 0);
  const ZxStrategyNode *b = zx_strategy_layout_get_node (layout, battle);
  const ZxStrategyNode *own = zx_strategy_layout_get_node (layout, b->pillar);
  const ZxStrategyNode *other = NULL, *other_factor = NULL;
  Emission relinked = { 0, -1 };
  graphene_rect_t area;

  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
    {
      const ZxStrategyNode *n = zx_strategy_layout_get_node (layout, i);

      if (n->type == ZX_STRATEGY_NODE_PILLAR && (int) i != b->pillar && other == NULL)
        other = n;
      if (n->type == ZX_STRATEGY_NODE_FACTOR && other != NULL && n->parent == zx_strategy_layout_find (layout, other->id))
        other_factor = n;
    }
  g_assert_nonnull (other);
  g_assert_nonnull (other_factor);
  g_signal_connect (f->map, "relink-requested", G_CALLBACK (relink_cb), &relinked);

  /* Onto another pillar: a request to re-link */
  g_assert_true (zx_strategy_map_get_node_area (f->map, other->id, &area));
  g_assert_true (zx_strategy_map_drop_battle_at (f->map, b->id, area.origin.x + area.size.width / 2,
                                                 area.origin.y + area.size.height / 2));
  g_assert_cmpint (relinked.count, ==, 1);
  g_assert_cmpstr (relinked.a, ==, b->id);
  g_assert_cmpstr (relinked.b, ==, other->id);

  /* Onto one of that pillar's factors: the same */
  g_assert_true (zx_strategy_map_get_node_area (f->map, other_factor->id, &area));
  g_assert_true (zx_strategy_map_drop_battle_at (f->map, b->id, area.origin.x + 4, area.origin.y + 4));
  g_assert_cmpint (relinked.count, ==, 2);
  g_assert_cmpstr (relinked.b, ==, other->id);

  /* Onto its own pillar, onto a department, or onto nothing: no request */
  g_assert_true (zx_strategy_map_get_node_area (f->map, own->id, &area));
  g_assert_false (zx_strategy_map_drop_battle_at (f->map, b->id, area.origin.x + 4, area.origin.y + 4));
  g_assert_true (zx_strategy_map_get_node_area (f->map, zx_strategy_layout_get_node (layout, b->parent)->id, &area));
  g_assert_false (zx_strategy_map_drop_battle_at (f->map, b->id, area.origin.x + 4, area.origin.y + 4));
  g_assert_false (zx_strategy_map_drop_battle_at (f->map, b->id, 1, 1));
  /* only battles move */
  g_assert_true (zx_strategy_map_get_node_area (f->map, other->id, &area));
  g_assert_false (zx_strategy_map_drop_battle_at (f->map, own->id, area.origin.x + 4, area.origin.y + 4));
  g_assert_cmpint (relinked.count, ==, 2);

  emission_clear (&relinked);
}

/* A relink check that refuses every battle but @user_data's, and says why */
static char *
refuse_others (const char *battle_id,
               const char *pillar_id,
               gpointer    user_data)
{
  if (g_strcmp0 (battle_id, user_data) == 0)
    return NULL;
  return g_strdup_printf ("not %s to %s", battle_id, pillar_id != NULL ? pillar_id : "anywhere");
}

/* The relink check is asked before a drop: a refused battle's drop asks
 * for nothing and says why (relink-refused); an allowed one relinks */
static void
test_relink_check (Fixture       *f,
                   gconstpointer  data)
{
  ZxStrategyLayout *layout = zx_strategy_map_get_layout (f->map);
  const ZxStrategyNode *refused = zx_strategy_layout_get_node (layout, find_type (layout, ZX_STRATEGY_NODE_BATTLE, 0));
  const ZxStrategyNode *allowed = zx_strategy_layout_get_node (layout, find_type (layout, ZX_STRATEGY_NODE_BATTLE, 1));
  const ZxStrategyNode *target = NULL;
  Emission relinked = { 0, -1 }, said = { 0, -1 };
  graphene_rect_t area;
  g_autofree char *reason = NULL;

  for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout) && target == NULL; i++)
    {
      const ZxStrategyNode *n = zx_strategy_layout_get_node (layout, i);

      if (n->type == ZX_STRATEGY_NODE_PILLAR && (int) i != refused->pillar && (int) i != allowed->pillar)
        target = n;
    }
  g_assert_nonnull (target);
  g_signal_connect (f->map, "relink-requested", G_CALLBACK (relink_cb), &relinked);
  g_signal_connect (f->map, "relink-refused", G_CALLBACK (relink_cb), &said);
  zx_strategy_map_set_relink_check (f->map, refuse_others, g_strdup (allowed->id), g_free);

  g_assert_true (zx_strategy_map_get_node_area (f->map, target->id, &area));
  g_assert_false (zx_strategy_map_drop_battle_at (f->map, refused->id, area.origin.x + area.size.width / 2,
                                                  area.origin.y + area.size.height / 2));
  g_assert_cmpint (relinked.count, ==, 0);
  g_assert_cmpint (said.count, ==, 1);
  g_assert_cmpstr (said.a, ==, refused->id);
  reason = g_strdup_printf ("not %s to %s", refused->id, target->id);
  g_assert_cmpstr (said.b, ==, reason);

  g_assert_true (zx_strategy_map_drop_battle_at (f->map, allowed->id, area.origin.x + area.size.width / 2,
                                                 area.origin.y + area.size.height / 2));
  g_assert_cmpint (relinked.count, ==, 1);
  g_assert_cmpint (said.count, ==, 1);

  zx_strategy_map_set_relink_check (f->map, NULL, NULL, NULL);
  emission_clear (&relinked);
  emission_clear (&said);
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* held, so a new layout cannot reuse its address */
  g_autoptr(ZxStrategyLayout) layout = g_object_ref (zx_strategy_map_get_layout (f->map));
  int battle = find_type (layout, ZX_STRATEGY_NODE_BATTLE, 3);
  g_autofree char *id = g_strdup (zx_strategy_layout_get_node (layout, battle)->id);
  g_autoptr(JsonObject) changes = zx_test_fields ("name", "新战役名称：日间手术全覆盖", NULL);
  ZxStrategyLayout *after;
  int index;

  zx_strategy_map_set_selected_id (f->map, id);
  g_assert_true (zx_store_update (f->store, "battle", id, changes, &error));
  g_assert_no_error (error);
  drain ();
  after = zx_strategy_map_get_layout (f->map);
  g_assert_true (after != layout);
  index = zx_strategy_layout_find (after, id);
  g_assert_cmpstr (zx_strategy_layout_get_node (after, index)->label, ==, "新战役名称：日间手术全覆盖");
  /* the selection stays on its record */
  g_assert_cmpstr (zx_strategy_map_get_selected_id (f->map), ==, id);

  /* deleting the selected node clears the selection */
  after = zx_strategy_map_get_layout (f->map);
  g_free (id);
  id = g_strdup (zx_strategy_layout_get_node (after, find_type (after, ZX_STRATEGY_NODE_FACTOR, 2))->id);
  zx_strategy_map_set_selected_id (f->map, id);
  g_assert_true (zx_store_delete (f->store, "success_factor", id, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpint (zx_strategy_layout_find (zx_strategy_map_get_layout (f->map), id), ==, -1);
  g_assert_null (zx_strategy_map_get_selected_id (f->map));
}

static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  ZxStrategyLayout *layout = zx_strategy_map_get_layout (f->map);
  const ZxStrategyNode *pillar = zx_strategy_layout_get_node (layout, find_type (layout, ZX_STRATEGY_NODE_PILLAR, 2));
  const ZxStrategyNode *dept = zx_strategy_layout_get_node (layout, find_type (layout, ZX_STRATEGY_NODE_DEPARTMENT, 0));
  Emission added = { 0, -1 };

  g_signal_connect (f->map, "add-child-requested", G_CALLBACK (typed_cb), &added);

  zx_strategy_map_set_selected_id (f->map, pillar->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.menu", NULL));
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.add-child", NULL));
  g_assert_cmpint (added.count, ==, 1);
  g_assert_cmpint (added.type, ==, ZX_STRATEGY_NODE_PILLAR);
  g_assert_cmpstr (added.a, ==, pillar->id);

  zx_strategy_map_set_selected_id (f->map, dept->id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.menu", NULL));
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.add-child", NULL));
  g_assert_cmpint (added.count, ==, 2);
  g_assert_cmpint (added.type, ==, ZX_STRATEGY_NODE_DEPARTMENT);
  g_assert_cmpstr (added.a, ==, dept->id);
  emission_clear (&added);
}

static void
test_finalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = zx_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  ZxStore *store = zx_store_open (path, &error);
  GtkWidget *map;

  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (store, TODAY, &error));
  map = g_object_ref_sink (zx_strategy_map_new ());
  g_object_set (map, "store", store, "selected-id", "nothing", NULL);
  g_assert_cmpstr (zx_strategy_map_get_selected_id (ZX_STRATEGY_MAP (map)), ==, "nothing");
  g_assert_finalize_object (map);
  g_assert_finalize_object (store);
  zx_test_rmdir (dir);
}

/* --show: a window for looking at ------------------------------------------------ */

static int
show (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(ZxStore) store = NULL;
  const char *database = NULL, *select = NULL;
  GtkWidget *window;
  gboolean hover = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--database") && i + 1 < argc)
        database = argv[++i];
      else if (g_str_equal (argv[i], "--select") && i + 1 < argc)
        select = argv[++i];
      else if (g_str_equal (argv[i], "--hover"))
        hover = TRUE;
    }
  if (database == NULL)
    {
      g_autofree char *path = NULL;

      dir = zx_test_tmpdir ();
      path = g_build_filename (dir, "demo.db", NULL);
      store = zx_store_open (path, &error);
      if (store != NULL)
        zx_demo_populate (store, TODAY, &error);
    }
  else
    store = zx_store_open (database, &error);
  if (error != NULL)
    g_error ("%s", error->message);

  window = make_window (store);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (window);
  {
    ZxStrategyMap *map = g_object_get_data (G_OBJECT (window), "map");
    ZxStrategyLayout *layout = zx_strategy_map_get_layout (map);

    gtk_widget_grab_focus (GTK_WIDGET (map));
    if (select != NULL && zx_strategy_layout_get_n_nodes (layout) > 0)
      {
        /* "pillar", "battle" … picks the first of that kind; "zoom" also zooms in */
        for (guint i = 0; i < zx_strategy_layout_get_n_nodes (layout); i++)
          {
            const ZxStrategyNode *n = zx_strategy_layout_get_node (layout, i);

            if (g_str_equal (select, zx_strategy_node_type_to_entity (n->type)) || g_str_equal (select, n->id))
              {
                zx_strategy_map_set_selected_id (map, n->id);
                break;
              }
          }
      }
    if (hover)
      {
        /* light a chain as a pointer over the first pillar would */
        graphene_rect_t area;
        const ZxStrategyNode *p = zx_strategy_layout_get_node (layout, find_type (layout, ZX_STRATEGY_NODE_PILLAR, 1));
        GtkEventController *motion = NULL;
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (map));

        for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
          {
            g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

            if (GTK_IS_EVENT_CONTROLLER_MOTION (c))
              motion = GTK_EVENT_CONTROLLER (c);
          }
        zx_strategy_map_get_node_area (map, p->id, &area);
        g_signal_emit_by_name (motion, "motion", (double) area.origin.x + 5, (double) area.origin.y + 5);
      }
    if (g_getenv ("ZX_SHOW_ZOOM") != NULL)
      zx_strategy_map_set_zoom (map, g_ascii_strtod (g_getenv ("ZX_SHOW_ZOOM"), NULL));
  }
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  if (dir != NULL)
    zx_test_rmdir (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--show"))
      {
        gtk_init ();
        adw_init ();
        return show (argc, argv);
      }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/strategy-map/shows-demo", Fixture, NULL, fixture_setup, test_shows_demo, fixture_teardown);
  g_test_add ("/gui/strategy-map/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/gui/strategy-map/zoom", Fixture, NULL, fixture_setup, test_zoom, fixture_teardown);
  g_test_add ("/gui/strategy-map/relink", Fixture, NULL, fixture_setup, test_relink, fixture_teardown);
  g_test_add ("/gui/strategy-map/relink-check", Fixture, NULL, fixture_setup, test_relink_check, fixture_teardown);
  g_test_add ("/gui/strategy-map/follows-store", Fixture, NULL, fixture_setup, test_follows_store, fixture_teardown);
  g_test_add ("/gui/strategy-map/context-menu", Fixture, NULL, fixture_setup, test_context_menu, fixture_teardown);
  g_test_add_func ("/gui/strategy-map/finalize", test_finalize);

  return g_test_run ();
}
