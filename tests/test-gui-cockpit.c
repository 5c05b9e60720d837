/* test-gui-cockpit.c — the Cockpit area in a real window: the demo's
 * figures, drill-down from a pillar click, a department and a key result,
 * acknowledging a warning, presentation mode
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cockpit/zx-cockpit-page.h"
#include "cockpit/zx-presentation-window.h"
#include "widgets/zx-bar-chart.h"
#include "widgets/zx-heat-map.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"
#include "zx-warnings.h"
#include "zx-window.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char          *dir;
  ZxStore       *store;
  ZxContext     *context;
  ZxWindow      *window;
  ZxCockpitPage *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate today;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);
  f->context = zx_context_new (f->store, NULL);
  f->window = zx_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window));
  g_assert_true (zx_window_show_area (f->window, "cockpit"));
  f->page = ZX_COCKPIT_PAGE (zx_window_get_area_page (f->window, "cockpit"));
  g_assert_nonnull (f->page);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 22, 11, 2026);
  zx_cockpit_page_set_today (f->page, &today);
  wait_mapped (GTK_WIDGET (f->page));
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window;

  while ((window = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  while ((window = find_toplevel (ZX_TYPE_PRESENTATION_WINDOW)) != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* A point inside the hit area of item @index of @chart, as drawn */
static gboolean
point_of_item (GtkWidget *chart,
               guint      index,
               double    *x,
               double    *y)
{
  int w = gtk_widget_get_width (chart), h = gtk_widget_get_height (chart);

  for (int py = 1; py < h; py += 2)
    {
      guint found;

      if (zx_chart_hit_at (ZX_CHART (chart), w / 2.0, py, &found) != NULL && found == index)
        {
          *x = w / 2.0;
          *y = py;
          return TRUE;
        }
    }
  return FALSE;
}

/* A click as the chart's own gesture sees it: the press at @x, @y */
static void
click (GtkWidget *chart,
       double     x,
       double     y)
{
  guint index;
  const char *tip = zx_chart_hit_at (ZX_CHART (chart), x, y, &index);

  g_assert_nonnull (tip);
  g_signal_emit_by_name (chart, "item-activated", index);
  drain ();
}

static void
test_shows_demo (Fixture       *f,
                 gconstpointer  data)
{
  ZxCockpit *cockpit = zx_cockpit_page_get_cockpit (f->page);
  GtkWidget *chart = zx_cockpit_page_get_pillar_chart (f->page);
  GPtrArray *bars = zx_bar_chart_get_items (ZX_BAR_CHART (chart));
  g_autoptr(GListStore) pillars = zx_store_list (f->store, "pillar", NULL, NULL);

  g_assert_nonnull (cockpit);
  g_assert_cmpuint (cockpit->kr_total, >, 20);
  g_assert_cmpuint (bars->len, ==, g_list_model_get_n_items (G_LIST_MODEL (pillars)));
  for (guint i = 0; i < bars->len; i++)
    {
      g_autoptr(ZxRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), i);
      ZxBarItem *bar = g_ptr_array_index (bars, i);

      g_assert_cmpstr (bar->label, ==, zx_record_get_string (pillar, "name"));
      g_assert_nonnull (strstr (bar->tooltip, bar->label));
    }
  /* drawn: one hit area per pillar, the heat map has rows */
  g_assert_cmpuint (zx_chart_get_n_hits (ZX_CHART (chart)), ==, bars->len);
  g_assert_cmpuint (zx_chart_get_n_hits (ZX_CHART (zx_cockpit_page_get_heat_map (f->page))), >, 3);

  /* the first 25 warnings are listed, the first one is about a key result's, a request's… row */
  {
    GtkWidget *list = zx_cockpit_page_get_warning_list (f->page);
    guint n = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
      n += GTK_IS_LIST_BOX_ROW (row);
    g_assert_cmpuint (n, ==, MIN (zx_cockpit_page_get_warnings (f->page)->len, 25));
  }
  g_assert_cmpuint (zx_cockpit_page_get_warnings (f->page)->len, >, 0);
  g_assert_cmpstr (zx_cockpit_page_get_view (f->page), ==, "overview");
  maybe_shot (GTK_WIDGET (f->window), "cockpit");
  /* the whole overview, as tall as it is */
  maybe_shot (template_child (f->page, ZX_TYPE_COCKPIT_PAGE, "overview_box"), "cockpit-overview");
}

static void
test_pillar_click_drills (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *chart = zx_cockpit_page_get_pillar_chart (f->page);
  ZxCockpit *cockpit = zx_cockpit_page_get_cockpit (f->page);
  ZxCockpitPillar *second = g_ptr_array_index (cockpit->pillars, 1);
  double x, y;

  g_assert_true (point_of_item (chart, 1, &x, &y));
  click (chart, x, y);
  g_assert_cmpstr (zx_cockpit_page_get_view (f->page), ==, "drill");
  g_assert_cmpstr (zx_cockpit_page_get_drill_title (f->page), ==, second->name);
  maybe_shot (GTK_WIDGET (f->window), "cockpit-pillar");

  /* a key result of it, then back twice */
  {
    g_autoptr(GPtrArray) items = zx_cockpit_pillar_items (cockpit, f->store, second->id);
    const char *kr = NULL;
    g_autoptr(JsonObject) row = NULL;

    for (guint i = 0; i < items->len && kr == NULL; i++)
      if (g_str_equal (((ZxCockpitItem *) g_ptr_array_index (items, i))->entity, "key_result"))
        kr = ((ZxCockpitItem *) g_ptr_array_index (items, i))->id;
    g_assert_nonnull (kr);
    row = zx_store_get (f->store, "key_result", kr, NULL);
    zx_cockpit_page_drill (f->page, "key_result", kr);
    g_assert_cmpstr (zx_cockpit_page_get_drill_title (f->page), ==, json_object_get_string_member (row, "title"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cockpit.back", NULL));
  g_assert_cmpstr (zx_cockpit_page_get_drill_title (f->page), ==, second->name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cockpit.back", NULL));
  g_assert_cmpstr (zx_cockpit_page_get_view (f->page), ==, "overview");
}

static void
test_department_drills (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *heat = zx_cockpit_page_get_heat_map (f->page);
  double x, y;
  guint index;
  const char *tip;

  g_assert_true (point_of_item (heat, 0, &x, &y));
  tip = zx_chart_hit_at (ZX_CHART (heat), x, y, &index);
  click (heat, x, y);
  g_assert_cmpstr (zx_cockpit_page_get_view (f->page), ==, "drill");
  /* the tooltip starts with the department's name */
  g_assert_true (g_str_has_prefix (tip, zx_cockpit_page_get_drill_title (f->page)));
}

static void
test_acknowledge (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings = zx_cockpit_page_get_warnings (f->page);
  ZxWarning *first = g_ptr_array_index (warnings, 0);
  guint open = 0, open_after = 0;

  for (guint i = 0; i < warnings->len; i++)
    open += !((ZxWarning *) g_ptr_array_index (warnings, i))->acknowledged;
  g_assert_false (first->acknowledged);
  g_assert_true (zx_warnings_acknowledge (f->store, first->key, "已约谈", &error));
  g_assert_no_error (error);
  zx_cockpit_page_refresh (f->page);
  warnings = zx_cockpit_page_get_warnings (f->page);
  for (guint i = 0; i < warnings->len; i++)
    open_after += !((ZxWarning *) g_ptr_array_index (warnings, i))->acknowledged;
  g_assert_cmpuint (open_after, ==, open - 1);
  g_assert_true (((ZxWarning *) g_ptr_array_index (warnings, warnings->len - 1))->acknowledged);
}

static void
test_presentation (Fixture       *f,
                   gconstpointer  data)
{
  ZxCockpit *cockpit = zx_cockpit_page_get_cockpit (f->page);
  ZxPresentationWindow *show;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cockpit.present", NULL));
  drain ();
  show = ZX_PRESENTATION_WINDOW (find_toplevel (ZX_TYPE_PRESENTATION_WINDOW));
  g_assert_nonnull (show);
  wait_mapped (GTK_WIDGET (show));
  /* the overview, one per pillar, the warnings */
  g_assert_cmpuint (zx_presentation_window_get_n_slides (show), ==, cockpit->pillars->len + 2);
  g_assert_cmpuint (zx_presentation_window_get_slide (show), ==, 0);
  maybe_shot (GTK_WIDGET (show), "cockpit-presentation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (show), "presentation.move", "i", 1));
  g_assert_cmpuint (zx_presentation_window_get_slide (show), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (show), "presentation.move", "i", -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (show), "presentation.move", "i", -1));
  g_assert_cmpuint (zx_presentation_window_get_slide (show), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (show), "presentation.move", "i", 1000));
  g_assert_cmpuint (zx_presentation_window_get_slide (show), ==, cockpit->pillars->len + 1);
  maybe_shot (GTK_WIDGET (show), "cockpit-presentation-warnings");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (show), "presentation.leave", NULL));
  drain ();
  g_assert_null (find_toplevel (ZX_TYPE_PRESENTATION_WINDOW));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gui/cockpit/shows-demo", test_shows_demo);
  ADD ("/gui/cockpit/pillar-click-drills", test_pillar_click_drills);
  ADD ("/gui/cockpit/department-drills", test_department_drills);
  ADD ("/gui/cockpit/acknowledge", test_acknowledge);
  ADD ("/gui/cockpit/presentation", test_presentation);

#undef ADD

  return g_test_run ();
}
