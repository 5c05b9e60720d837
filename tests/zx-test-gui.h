/* zx-test-gui.h — helpers the GUI tests share: the main loop, widgets, screenshots
 *
 * Include after "config.h" (load_style() uses RESOURCE_BASE). Every helper is
 * static and marked G_GNUC_UNUSED, so a test that does not need one gets no
 * warning for it. A test with a helper of its own under the same name defines
 * ZX_TEST_GUI_OWN_FIND_TOPLEVEL (find_toplevel() and opened_editor()),
 * ZX_TEST_GUI_OWN_TEMPLATE_CHILD or ZX_TEST_GUI_OWN_SHOTS (shot_one() and
 * maybe_shot()) before including this header.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <string.h>

G_BEGIN_DECLS

/* Main loop ------------------------------------------------------------------------- */

/* Runs whatever is pending, without blocking */
G_GNUC_UNUSED static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A timeout that sets the gboolean at @data */
G_GNUC_UNUSED static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits (at most 10 s) until @widget is mapped */
G_GNUC_UNUSED static void
wait_mapped (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!gtk_widget_get_mapped (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  drain ();
}

/* Lets the store's idle reloads and the frame clock run (150 ms) */
G_GNUC_UNUSED static void
settle (void)
{
  gboolean done = FALSE;

  g_timeout_add (150, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

/* Widgets --------------------------------------------------------------------------- */

#ifndef ZX_TEST_GUI_OWN_FIND_TOPLEVEL
/* The first toplevel of @type, or NULL */
G_GNUC_UNUSED static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The editor of @type that was just opened, once it is mapped */
G_GNUC_UNUSED static GtkWidget *
opened_editor (GType type)
{
  GtkWidget *editor;

  drain ();
  editor = find_toplevel (type);
  g_assert_nonnull (editor);
  wait_mapped (editor);
  return editor;
}
#endif

#ifndef ZX_TEST_GUI_OWN_TEMPLATE_CHILD
/* @widget's template child @name, declared by @type; never NULL */
G_GNUC_UNUSED static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}
#endif

/* The first widget of @type under @root, depth first */
G_GNUC_UNUSED static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @root whose text holds @text (a toast's title,
 * a dialog's body), or NULL */
G_GNUC_UNUSED static GtkWidget *
find_label_with (GtkWidget  *root,
                 const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return child;
      if ((found = find_label_with (child, text)) != NULL)
        return found;
    }
  return NULL;
}

/* The application's style sheet, as AdwApplication loads it */
G_GNUC_UNUSED static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Screenshots ----------------------------------------------------------------------- */

#ifndef ZX_TEST_GUI_OWN_SHOTS
/* Saves @widget, as drawn now, as the PNG @file */
G_GNUC_UNUSED static void
shot_one (GtkWidget  *widget,
          const char *file)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, file);
}

/* With ZX_TEST_SHOTS=DIR, saves @widget as DIR/NAME-light.png and DIR/NAME-dark.png */
G_GNUC_UNUSED static void
maybe_shot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("ZX_TEST_SHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  if (dir == NULL)
    return;
  light = g_strdup_printf ("%s/%s-light.png", dir, name);
  dark = g_strdup_printf ("%s/%s-dark.png", dir, name);
  settle ();
  shot_one (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  shot_one (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle ();
}
#endif

G_END_DECLS
