/* test-gui-preferences.c — the Preferences window and app.preferences
 *
 * Runs the application (registered without a session bus, non-unique) and
 * a real window under Xvfb on a temporary database filled with the demo
 * hospital; GSettings is the memory backend.
 *
 * With ZX_TEST_SHOTS=DIR both pages are saved as
 * DIR/preferences-{warnings,collaboration}-{light,dark}.png.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "zx-application.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-preferences-window.h"
#define ZX_TEST_GUI_OWN_SHOTS /* this test has its own */
#include "zx-test-gui.h"
#include "zx-test-util.h"
#include "zx-window.h"

#define TODAY "2026-05-15"

static GApplication *application;

static const char * const keys[] = {
  "warn-behind-pace-margin",
  "warn-stale-days",
  "warn-low-confidence",
  "warn-decision-owner-hours",
  "kanban-department",
  "kanban-remind-days",
  "kanban-auto-supervise-days",
};

typedef struct
{
  char      *dir;
  ZxStore   *store;
  ZxContext *context;
  GSettings *settings;
  ZxWindow  *window;
} Fixture;

/* Widgets ----------------------------------------------------------------------- */

static GtkWidget *
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        count++;
    }
  return count;
}

/* The first descendant of @widget (itself included) that is a mapped
 * GtkLabel showing @text, or NULL */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The primary menu button of @widget's tree (the one on screen), or NULL */
static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) &&
      gtk_widget_get_mapped (widget))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *found = find_primary_menu_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses @keyval (no modifiers) on @widget the way its shortcut
 * controllers would: GTK 4 cannot synthesize a key event, so this finds
 * the shortcut the key triggers and activates it.  FALSE when none. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* With ZX_TEST_SHOTS=DIR, saves @widget as DIR/NAME-light.png and DIR/NAME-dark.png */
static void
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
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static void
shot (GtkWidget  *widget,
      const char *dir,
      const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s/%s-light.png", dir, name);
  g_autofree char *dark = g_strdup_printf ("%s/%s-dark.png", dir, name);

  settle ();
  shot_one (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  shot_one (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle ();
}

/* The store ----------------------------------------------------------------------- */

static ZxRecord *
department_at (ZxStore *store,
               guint    position)
{
  g_autoptr(GListStore) departments = zx_store_list (store, "department", NULL, NULL);

  g_assert_cmpuint (position, <, g_list_model_get_n_items (G_LIST_MODEL (departments)));
  return g_list_model_get_item (G_LIST_MODEL (departments), position);
}

/* Fixture --------------------------------------------------------------------------- */

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
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);

  f->context = zx_context_new (f->store, NULL);
  f->settings = g_object_ref (zx_context_get_settings (f->context));
  g_assert_nonnull (f->settings);
  /* The memory backend lives as long as the process */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (f->settings, keys[i]);

  f->window = zx_window_new (ZX_APPLICATION (application), f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *preferences;

  while ((preferences = find_toplevel (ZX_TYPE_PREFERENCES_WINDOW)) != NULL)
    gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->settings);
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Opens the preferences through app.preferences on the window */
static GtkWidget *
open_preferences (Fixture *f)
{
  GtkWidget *preferences;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "preferences"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.preferences", NULL));
  preferences = find_toplevel (ZX_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  wait_mapped (preferences);
  return preferences;
}

/* Tests ----------------------------------------------------------------------------- */

/* The action, its accelerator, the menu item above Keyboard Shortcuts; the
 * window is modal over the main window, and opening it again presents the
 * same one */
static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                 "app.preferences");
  GtkMenuButton *button = find_primary_menu_button (GTK_WIDGET (f->window));
  GMenuModel *menu;
  GtkWidget *preferences;
  int preferences_at = -1, shortcuts_at = -1, n = 0;

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++, n++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          if (g_strcmp0 (action, "app.preferences") == 0)
            {
              preferences_at = n;
              g_assert_cmpstr (label, ==, "_Preferences");
            }
          if (g_strcmp0 (action, "win.show-help-overlay") == 0)
            shortcuts_at = n;
        }
    }
  g_assert_cmpint (preferences_at, >=, 0);
  g_assert_cmpint (shortcuts_at, ==, preferences_at + 1);

  preferences = open_preferences (f);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (preferences)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==, "Preferences");
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==, "warnings");

  /* The action again (the main window is still the application's active
   * one): the same window, not a second */
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  drain ();
  g_assert_cmpuint (count_toplevels (ZX_TYPE_PREFERENCES_WINDOW), ==, 1);
  g_assert_true (find_toplevel (ZX_TYPE_PREFERENCES_WINDOW) == preferences);
}

/* Without settings (the schema not installed) the action is off; with no
 * main window at all too */
static void
test_disabled_without_settings (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(ZxContext) context = g_object_new (ZX_TYPE_CONTEXT, "store", f->store, NULL);
  ZxWindow *window;

  g_assert_null (zx_context_get_settings (context));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "preferences"));

  window = zx_window_new (ZX_APPLICATION (application), context);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (application)) == GTK_WINDOW (window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "preferences"));
  gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL);
  drain ();
  g_assert_null (find_toplevel (ZX_TYPE_PREFERENCES_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  /* Back to the fixture's window, which has settings */
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (application)) == GTK_WINDOW (f->window));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "preferences"));
}

/* The spin buttons take the schema's ranges (the margin in percentage
 * points) and show the defaults */
static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *preferences = open_preferences (f);
  const struct { const char *spin; double lower, upper, value; } expected[] = {
    { "behind_margin_spin", 0, 100, 15 },
    { "stale_days_spin", 1, 365, 14 },
    { "low_confidence_spin", 1, 10, 3 },
    { "decision_owner_spin", 1, 720, 24 },
    { "remind_days_spin", 0, 30, 2 },
    { "auto_supervise_spin", 1, 90, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (child (preferences, expected[i].spin));
      double lower, upper;

      gtk_spin_button_get_range (spin, &lower, &upper);
      g_assert_cmpfloat_with_epsilon (lower, expected[i].lower, 1e-9);
      g_assert_cmpfloat_with_epsilon (upper, expected[i].upper, 1e-9);
      g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), expected[i].value, 1e-9);
    }
}

/* Changing a spin button changes the setting at once */
static void
test_spin_to_settings (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *preferences = open_preferences (f);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "behind_margin_spin")), 20);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "stale_days_spin")), 30);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "low_confidence_spin")), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "decision_owner_spin")), 48);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "remind_days_spin")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "auto_supervise_spin")), 7);
  drain ();

  g_assert_cmpfloat_with_epsilon (g_settings_get_double (f->settings, "warn-behind-pace-margin"), 0.20, 1e-9);
  g_assert_cmpint (g_settings_get_int (f->settings, "warn-stale-days"), ==, 30);
  g_assert_cmpint (g_settings_get_int (f->settings, "warn-low-confidence"), ==, 5);
  g_assert_cmpint (g_settings_get_int (f->settings, "warn-decision-owner-hours"), ==, 48);
  g_assert_cmpint (g_settings_get_int (f->settings, "kanban-remind-days"), ==, 0);
  g_assert_cmpint (g_settings_get_int (f->settings, "kanban-auto-supervise-days"), ==, 7);

  /* Typed text counts once the spin button takes it */
  gtk_editable_set_text (GTK_EDITABLE (child (preferences, "stale_days_spin")), "21");
  gtk_spin_button_update (GTK_SPIN_BUTTON (child (preferences, "stale_days_spin")));
  drain ();
  g_assert_cmpint (g_settings_get_int (f->settings, "warn-stale-days"), ==, 21);
}

/* Changing a setting elsewhere shows at once */
static void
test_settings_to_spin (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *preferences = open_preferences (f);

  g_settings_set_double (f->settings, "warn-behind-pace-margin", 0.25);
  g_settings_set_int (f->settings, "warn-stale-days", 60);
  g_settings_set_int (f->settings, "warn-low-confidence", 4);
  g_settings_set_int (f->settings, "warn-decision-owner-hours", 72);
  g_settings_set_int (f->settings, "kanban-remind-days", 5);
  g_settings_set_int (f->settings, "kanban-auto-supervise-days", 10);
  drain ();

  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (child (preferences, "behind_margin_spin"))), 25, 1e-9);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (preferences, "behind_margin_spin"))), ==, "25");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (preferences, "stale_days_spin"))), ==, 60);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (preferences, "low_confidence_spin"))), ==, 4);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (preferences, "decision_owner_spin"))), ==, 72);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (preferences, "remind_days_spin"))), ==, 5);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (preferences, "auto_supervise_spin"))), ==, 10);
  /* Showing it wrote nothing back: the margin is exactly what was set */
  g_assert_cmpfloat (g_settings_get_double (f->settings, "warn-behind-pace-margin"), ==, 0.25);
}

/* The department row: “None” and the live departments by name; choosing
 * one stores its id, and the row follows the setting and the store */
static void
test_department (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *preferences = open_preferences (f);
  AdwComboRow *row = ADW_COMBO_ROW (child (preferences, "department_row"));
  g_autoptr(GListStore) departments = zx_store_list (f->store, "department", NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (departments));
  g_autoptr(ZxRecord) first = department_at (f->store, 1);
  g_autoptr(ZxRecord) second = department_at (f->store, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rename = NULL;
  g_autofree char *stored = NULL;
  GListModel *model;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "collaboration");
  settle ();

  model = adw_combo_row_get_model (row);
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "None");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (row), "None"));

  /* Chosen in the row: the setting holds its id, the row its name */
  adw_combo_row_set_selected (row, 2);
  drain ();
  stored = g_settings_get_string (f->settings, "kanban-department");
  g_assert_cmpstr (stored, ==, zx_record_get_id (first));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)), ==,
                   zx_record_get_string (first, "name"));
  g_assert_nonnull (find_label (GTK_WIDGET (row), zx_record_get_string (first, "name")));

  /* Set elsewhere (the board's department filter): the row follows */
  g_settings_set_string (f->settings, "kanban-department", zx_record_get_id (second));
  drain ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 4);
  g_assert_nonnull (find_label (GTK_WIDGET (row), zx_record_get_string (second, "name")));

  /* Renamed in the store: the new name, still selected */
  rename = zx_test_fields ("name", "心血管内科（新院区）", NULL);
  g_assert_true (zx_store_update (f->store, "department", zx_record_get_id (second), rename, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 4);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)), ==,
                   "心血管内科（新院区）");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (f->settings, "kanban-department");
  g_assert_cmpstr (stored, ==, zx_record_get_id (second));

  /* An id this database does not know: “None” shows, the setting stays */
  g_settings_set_string (f->settings, "kanban-department", "no-such-department");
  drain ();
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (f->settings, "kanban-department");
  g_assert_cmpstr (stored, ==, "no-such-department");

  /* “None” chosen: empty */
  adw_combo_row_set_selected (row, 3);
  drain ();
  adw_combo_row_set_selected (row, 0);
  drain ();
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (f->settings, "kanban-department");
  g_assert_cmpstr (stored, ==, "");
}

/* Every row can be reached with Tab, each spin button is labelled by its
 * row for screen readers, and activating a row focuses its spin button */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *preferences = open_preferences (f);
  const struct { const char *page, *widget; } rows[] = {
    { "warnings", "behind_margin_spin" },
    { "warnings", "stale_days_spin" },
    { "warnings", "low_confidence_spin" },
    { "warnings", "decision_owner_spin" },
    { "collaboration", "department_row" },
    { "collaboration", "remind_days_spin" },
    { "collaboration", "auto_supervise_spin" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *target = child (preferences, rows[i].widget);
      GtkWidget *row = ADW_IS_COMBO_ROW (target) ? target : gtk_widget_get_ancestor (target, ADW_TYPE_ACTION_ROW);
      gboolean reached = FALSE;

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), rows[i].page);
      settle ();
      gtk_window_set_focus (GTK_WINDOW (preferences), NULL);

      /* Tab from the top of the window until the widget (or something in
       * it, such as a spin button's text) has the focus */
      for (guint step = 0; step < 40 && !reached; step++)
        {
          GtkWidget *focus;

          if (!gtk_widget_child_focus (preferences, GTK_DIR_TAB_FORWARD))
            continue;  /* wrapped around */
          focus = gtk_root_get_focus (GTK_ROOT (preferences));
          reached = focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target));
        }
      g_assert_true (reached);

      if (target != row)
        {
          gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                               row, NULL);
          gtk_window_set_focus (GTK_WINDOW (preferences), NULL);
          g_signal_emit_by_name (row, "activate");
          drain ();
          g_assert_true (gtk_widget_has_focus (target) ||
                         gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (preferences)), target));
        }
    }
}

/* Escape closes the window; it is finalized */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *preferences = open_preferences (f);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "stale_days_spin")), 10);
  gtk_widget_grab_focus (child (preferences, "stale_days_spin"));
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  g_assert_true (press_key (preferences, GDK_KEY_Escape));
  settle ();
  g_assert_null (preferences);
  g_assert_null (find_toplevel (ZX_TYPE_PREFERENCES_WINDOW));
  /* Nothing to confirm: what was changed stays */
  g_assert_cmpint (g_settings_get_int (f->settings, "warn-stale-days"), ==, 10);
}

/* With ZX_TEST_SHOTS=DIR: both pages, light and dark */
static void
test_shots (Fixture       *f,
            gconstpointer  data)
{
  const char *dir = g_getenv ("ZX_TEST_SHOTS");
  GtkWidget *preferences;
  g_autoptr(ZxRecord) department = department_at (f->store, 2);

  if (dir == NULL)
    {
      g_test_skip ("Set ZX_TEST_SHOTS=DIR to save the screenshots");
      return;
    }

  g_settings_set_string (f->settings, "kanban-department", zx_record_get_id (department));
  preferences = open_preferences (f);
  shot (preferences, dir, "preferences-warnings");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "collaboration");
  shot (preferences, dir, "preferences-collaboration");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  /* The real application, for app.preferences and its accelerator; not
   * unique, so it needs no session bus */
  application = g_object_new (ZX_TYPE_APPLICATION,
                              "application-id", "io.github.zhixing.Zhixing.Test",
                              "flags", G_APPLICATION_NON_UNIQUE,
                              "resource-base-path", RESOURCE_BASE,
                              NULL);
  g_assert_true (g_application_register (application, NULL, &error));
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gui/preferences/open", test_open);
  ADD ("/gui/preferences/disabled-without-settings", test_disabled_without_settings);
  ADD ("/gui/preferences/ranges", test_ranges);
  ADD ("/gui/preferences/spin-to-settings", test_spin_to_settings);
  ADD ("/gui/preferences/settings-to-spin", test_settings_to_spin);
  ADD ("/gui/preferences/department", test_department);
  ADD ("/gui/preferences/keyboard", test_keyboard);
  ADD ("/gui/preferences/escape", test_escape);
  ADD ("/gui/preferences/shots", test_shots);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
