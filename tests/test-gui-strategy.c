/* test-gui-strategy.c — the strategy area: plan, pillars, factors, battle maps, pledges
 *
 * Runs a real window under Xvfb on a temporary database filled with the
 * demo hospital.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "zx-context.h"
#include "zx-demo.h"
#include "zx-test-gui.h"
#include "zx-test-account.h"
#include "zx-test-util.h"
#include "zx-window.h"
#include "strategy/zx-battle-editor.h"
#include "strategy/zx-battle-map.h"
#include "strategy/zx-pillar-editor.h"
#include "strategy/zx-pledge-editor.h"
#include "strategy/zx-strategy-map.h"
#include "strategy/zx-strategy-page.h"
#include "strategy/zx-success-factor-editor.h"

#define TODAY "2026-05-15"
#define NOW   "2026-05-15T08:00:00Z"

typedef struct
{
  char           *dir;
  ZxStore        *store;
  ZxContext      *context;
  ZxWindow       *window;
  GtkWidget      *own_window;  /* holds the page while the area is not registered */
  ZxStrategyPage *page;
} Fixture;

/* Main loop helpers --------------------------------------------------------- */

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  drain ();
}

static ZxRecord *
find_named (GListModel *model,
            const char *name)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (zx_record_get_string (record, "name"), name) == 0)
        return g_steal_pointer (&record);
    }
  return NULL;
}

static gboolean
model_has_id (GListModel *model,
              const char *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (zx_record_get_id (record), id) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
id_at (GListModel *model,
       guint       position)
{
  g_autoptr(ZxRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);
  return g_strdup (zx_record_get_id (record));
}

/* Fixture --------------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *page;

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

  /* The area in the window when registered, else in a window of its own */
  if (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-area", "s", "strategy"))
    drain ();
  page = zx_window_get_area_page (f->window, "strategy");
  if (page == NULL)
    {
      f->own_window = adw_window_new ();
      gtk_window_set_default_size (GTK_WINDOW (f->own_window), 1366, 768);
      page = zx_strategy_page_new (f->context);
      adw_window_set_content (ADW_WINDOW (f->own_window), page);
      gtk_window_present (GTK_WINDOW (f->own_window));
    }
  g_assert_true (ZX_IS_STRATEGY_PAGE (page));
  f->page = ZX_STRATEGY_PAGE (page);
  wait_mapped (page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  while ((dialog = find_toplevel (ZX_TYPE_RECORD_EDITOR)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (f->own_window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->own_window));
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Tests ------------------------------------------------------------------------- */

static void
test_demo_plan (Fixture       *f,
                gconstpointer  data)
{
  ZxRecord *plan = zx_strategy_page_get_plan (f->page);
  GListModel *pillars = zx_strategy_page_get_pillar_model (f->page);
  ZxBattleMap *map = ZX_BATTLE_MAP (zx_strategy_page_get_battle_map (f->page));

  g_assert_nonnull (plan);
  g_assert_cmpstr (zx_record_get_string (plan, "goal"), ==, "建设区域医疗中心");
  g_assert_cmpuint (g_list_model_get_n_items (pillars), ==, zx_store_count (f->store, "pillar", NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (zx_strategy_page_get_factor_model (f->page)), ==,
                    zx_store_count (f->store, "success_factor", NULL, NULL));
  g_assert_nonnull (zx_battle_map_get_department (map));
  g_assert_cmpint (zx_battle_map_get_year (map), ==, 2026);
  g_assert_cmpuint (g_list_model_get_n_items (zx_battle_map_get_battle_model (map)), >, 0);
}

/* A pillar and a battle serving it, through their forms */
static void
test_create_pillar_and_battle (Fixture       *f,
                               gconstpointer  data)
{
  GListModel *pillars = zx_strategy_page_get_pillar_model (f->page);
  ZxBattleMap *map = ZX_BATTLE_MAP (zx_strategy_page_get_battle_map (f->page));
  guint n_pillars = g_list_model_get_n_items (pillars);
  g_autoptr(ZxRecord) pillar = NULL;
  g_autoptr(ZxRecord) last = NULL;
  g_autoptr(ZxRecord) battle = NULL;
  GtkWidget *editor, *row, *save;
  GtkWidget *pillar_row;
  GListModel *choices;
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.new-pillar", NULL));
  editor = opened_editor (ZX_TYPE_PILLAR_EDITOR);
  save = template_child (editor, ZX_TYPE_PILLAR_EDITOR, "save_button");
  g_assert_false (gtk_widget_get_sensitive (save));
  row = template_child (editor, ZX_TYPE_PILLAR_EDITOR, "name_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "智慧医院建设");
  drain ();
  click (save);
  g_assert_null (find_toplevel (ZX_TYPE_PILLAR_EDITOR));

  /* In the page's list, last */
  g_assert_cmpuint (g_list_model_get_n_items (pillars), ==, n_pillars + 1);
  pillar = find_named (pillars, "智慧医院建设");
  g_assert_nonnull (pillar);
  last = g_list_model_get_item (pillars, n_pillars);
  g_assert_true (last == pillar);

  /* A battle for it on the shown department's map */
  zx_strategy_page_set_view (f->page, "battles");
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "battles.add", NULL));
  editor = opened_editor (ZX_TYPE_BATTLE_EDITOR);
  save = template_child (editor, ZX_TYPE_BATTLE_EDITOR, "save_button");
  row = template_child (editor, ZX_TYPE_BATTLE_EDITOR, "name_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "互联网医院上线");
  row = template_child (editor, ZX_TYPE_BATTLE_EDITOR, "target_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "线上复诊量占比达到15%");
  row = template_child (editor, ZX_TYPE_BATTLE_EDITOR, "deadline_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-12-31");
  pillar_row = template_child (editor, ZX_TYPE_BATTLE_EDITOR, "pillar_row");
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (pillar_row));
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (choices, i);
      if (g_strcmp0 (gtk_string_object_get_string (item), "智慧医院建设") == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (pillar_row), position);
  drain ();
  click (save);
  g_assert_null (find_toplevel (ZX_TYPE_BATTLE_EDITOR));

  battle = find_named (zx_battle_map_get_battle_model (map), "互联网医院上线");
  g_assert_nonnull (battle);
  g_assert_cmpstr (zx_record_get_string (battle, "pillar_id"), ==, zx_record_get_id (pillar));
  g_assert_cmpstr (zx_record_get_string (battle, "department_id"), ==, zx_battle_map_get_department (map));
  g_assert_cmpstr (zx_record_get_string (battle, "status"), ==, "planned");
  g_assert_cmpstr (zx_record_get_string (battle, "deadline"), ==, "2026-12-31");

  /* And on the map: the layout has a node for each */
  {
    ZxStrategyMap *canvas = ZX_STRATEGY_MAP (zx_strategy_page_get_map (f->page));
    ZxStrategyLayout *layout;
    int index;

    zx_strategy_map_relayout (canvas);
    layout = zx_strategy_map_get_layout (canvas);
    g_assert_nonnull (layout);
    index = zx_strategy_layout_find (layout, zx_record_get_id (pillar));
    g_assert_cmpint (index, >=, 0);
    g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->type, ==, ZX_STRATEGY_NODE_PILLAR);
    index = zx_strategy_layout_find (layout, zx_record_get_id (battle));
    g_assert_cmpint (index, >=, 0);
    g_assert_cmpint (zx_strategy_layout_get_node (layout, index)->type, ==, ZX_STRATEGY_NODE_BATTLE);
  }
}

static void
test_reorder_pillars (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *pillars = zx_strategy_page_get_pillar_model (f->page);
  g_autofree char *first = id_at (pillars, 0);
  g_autofree char *second = id_at (pillars, 1);
  g_autofree char *last = NULL;
  guint n = g_list_model_get_n_items (pillars);
  gint64 queued = zx_store_queue_length (f->store);
  g_autofree char *now_first = NULL;
  g_autofree char *now_second = NULL;
  g_autofree char *now_last = NULL;
  g_autoptr(GListStore) stored = NULL;
  g_autofree char *stored_first = NULL;

  g_assert_cmpuint (n, >=, 3);
  last = id_at (pillars, n - 1);

  /* Down one: the first and second swap, one rank change */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.move-down", "s", first));
  drain ();
  now_first = id_at (pillars, 0);
  now_second = id_at (pillars, 1);
  g_assert_cmpstr (now_first, ==, second);
  g_assert_cmpstr (now_second, ==, first);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);

  /* The store orders them the same way: by rank */
  {
    ZxRecord *plan = zx_strategy_page_get_plan (f->page);
    const char *params[] = { zx_record_get_id (plan), NULL };

    stored = zx_store_list (f->store, "pillar", "plan_id = ?", params);
    stored_first = id_at (G_LIST_MODEL (stored), 0);
    g_assert_cmpstr (stored_first, ==, second);
  }

  /* The last one up: it comes before the one that was before it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.move-up", "s", last));
  drain ();
  now_last = id_at (pillars, n - 2);
  g_assert_cmpstr (now_last, ==, last);

  /* Ranks strictly increase down the list */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(ZxRecord) a = g_list_model_get_item (pillars, i - 1);
      g_autoptr(ZxRecord) b = g_list_model_get_item (pillars, i);

      g_assert_cmpstr (zx_record_get_string (a, "rank"), <, zx_record_get_string (b, "rank"));
    }

  /* Up from the top does nothing */
  g_clear_pointer (&now_first, g_free);
  now_first = id_at (pillars, 0);
  queued = zx_store_queue_length (f->store);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.move-up", "s", now_first);
  drain ();
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
}

static void
test_relink_battle (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GListStore) battles = zx_store_list (f->store, "battle", NULL, NULL);
  g_autoptr(ZxRecord) battle = g_list_model_get_item (G_LIST_MODEL (battles), 0);
  GListModel *pillars = zx_strategy_page_get_pillar_model (f->page);
  g_autofree char *battle_id = g_strdup (zx_record_get_id (battle));
  g_autofree char *target = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  gint64 queued = zx_store_queue_length (f->store);
  JsonObject *mutation;

  for (guint i = 0; i < g_list_model_get_n_items (pillars) && target == NULL; i++)
    {
      g_autofree char *id = id_at (pillars, i);
      if (g_strcmp0 (id, zx_record_get_string (battle, "pillar_id")) != 0)
        target = g_steal_pointer (&id);
    }
  g_assert_nonnull (target);

  /* What the map asks for when a battle is dropped on another pillar */
  g_signal_emit_by_name (zx_strategy_page_get_map (f->page), "relink-requested", battle_id, target);
  drain ();

  row = zx_store_get (f->store, "battle", battle_id, NULL);
  g_assert_cmpstr (json_object_get_string_member (row, "pillar_id"), ==, target);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
  queue = zx_store_queue_list (f->store, 0, 0);
  mutation = g_ptr_array_index (queue, queue->len - 1);
  g_assert_cmpstr (json_object_get_string_member (mutation, "name"), ==, "battle.update");

  /* The same pillar again changes nothing */
  g_assert_true (zx_strategy_page_relink_battle (f->page, battle_id, target));
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
}

/* The strategy page of a window on @context, with its map laid out */
static ZxStrategyPage *
signed_in_page (ZxContext  *context,
                ZxWindow  **window_out)
{
  ZxWindow *window = zx_window_new (NULL, context);
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  g_assert_true (zx_window_show_area (window, "strategy"));
  page = zx_window_get_area_page (window, "strategy");
  g_assert_true (ZX_IS_STRATEGY_PAGE (page));
  wait_mapped (page);
  wait_mapped (zx_strategy_page_get_map (ZX_STRATEGY_PAGE (page)));
  zx_strategy_map_relayout (ZX_STRATEGY_MAP (zx_strategy_page_get_map (ZX_STRATEGY_PAGE (page))));
  settle ();
  *window_out = window;
  return ZX_STRATEGY_PAGE (page);
}

/* Drops the battle @battle_id on the pillar @pillar_id of @page's map */
static gboolean
drop_on_pillar (ZxStrategyPage *page,
                const char     *battle_id,
                const char     *pillar_id)
{
  ZxStrategyMap *map = ZX_STRATEGY_MAP (zx_strategy_page_get_map (page));
  graphene_rect_t area;
  gboolean dropped;

  zx_strategy_map_zoom_fit (map);
  g_assert_true (zx_strategy_map_get_node_area (map, pillar_id, &area));
  dropped = zx_strategy_map_drop_battle_at (map, battle_id, area.origin.x + area.size.width / 2,
                                            area.origin.y + area.size.height / 2);
  drain ();
  return dropped;
}

/* Signed in to a server, the map mirrors the account's role: another
 * department's head may not re-link a battle (the drop is refused and a
 * toast says why, nothing is written), its own department's head may;
 * so may an admin. */
static void
test_relink_signed_in (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GListStore) battles = zx_store_list (f->store, "battle", NULL, NULL);
  g_autoptr(ZxRecord) battle = g_list_model_get_item (G_LIST_MODEL (battles), 0);
  GListModel *pillars = zx_strategy_page_get_pillar_model (f->page);
  g_autofree char *battle_id = g_strdup (zx_record_get_id (battle));
  const char *department = zx_record_get_string (battle, "department_id");
  g_autoptr(GListStore) departments = zx_store_list (f->store, "department", NULL, NULL);
  g_autofree char *other_department = NULL;
  g_autofree char *target = NULL;
  g_autofree char *other_target = NULL;
  gint64 queued = zx_store_queue_length (f->store);
  ZxStrategyPage *page;
  ZxWindow *window;
  ZxContext *context;

  for (guint i = 0; i < g_list_model_get_n_items (pillars); i++)
    {
      g_autofree char *id = id_at (pillars, i);

      if (g_strcmp0 (id, zx_record_get_string (battle, "pillar_id")) == 0)
        continue;
      if (target == NULL)
        target = g_steal_pointer (&id);
      else if (other_target == NULL)
        other_target = g_steal_pointer (&id);
    }
  g_assert_nonnull (target);
  g_assert_nonnull (other_target);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (departments)) && other_department == NULL; i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (departments), i);

      if (g_strcmp0 (zx_record_get_id (d), department) != 0)
        other_department = g_strdup (zx_record_get_id (d));
    }
  g_assert_nonnull (other_department);

  /* another department's head */
  context = zx_test_account_context (f->store, "head", other_department, NULL);
  page = signed_in_page (context, &window);
  g_assert_false (drop_on_pillar (page, battle_id, target));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "cannot be linked to another pillar. "
                                     "You may change the battle map and pledge only of your own department."));
  maybe_shot (GTK_WIDGET (window), "strategy-relink-refused");
  g_assert_false (zx_strategy_page_relink_battle (page, battle_id, target));
  {
    g_autoptr(JsonObject) row = zx_store_get (f->store, "battle", battle_id, NULL);

    g_assert_cmpstr (json_object_get_string_member (row, "pillar_id"), ==, zx_record_get_string (battle, "pillar_id"));
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&context);

  /* its own department's head */
  context = zx_test_account_context (f->store, "head", department, NULL);
  page = signed_in_page (context, &window);
  g_assert_true (drop_on_pillar (page, battle_id, target));
  {
    g_autoptr(JsonObject) row = zx_store_get (f->store, "battle", battle_id, NULL);

    g_assert_cmpstr (json_object_get_string_member (row, "pillar_id"), ==, target);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&context);

  /* an admin */
  context = zx_test_account_context (f->store, "admin", NULL, NULL);
  page = signed_in_page (context, &window);
  g_assert_true (drop_on_pillar (page, battle_id, other_target));
  {
    g_autoptr(JsonObject) row = zx_store_get (f->store, "battle", battle_id, NULL);

    g_assert_cmpstr (json_object_get_string_member (row, "pillar_id"), ==, other_target);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&context);
  zx_test_account_sign_out ();
}

static void
test_delete_factor_undo (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *factors = zx_strategy_page_get_factor_model (f->page);
  guint n = g_list_model_get_n_items (factors);
  g_autofree char *id = id_at (factors, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.delete-factor", "s", id));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (factors), ==, n - 1);
  g_assert_false (model_has_id (factors, id));

  /* Undo (the toast's button and Ctrl+Z run this) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.undo", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (factors), ==, n);
  g_assert_true (model_has_id (factors, id));
}

/* The row of the page that shows record @id */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *id)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "zx-id"), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Keyboard: Delete on a focused factor row deletes it, Ctrl+Z brings it back */
static void
test_delete_factor_keyboard (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *factors = zx_strategy_page_get_factor_model (f->page);
  g_autoptr(ZxRecord) factor = g_list_model_get_item (factors, 0);
  g_autofree char *id = g_strdup (zx_record_get_id (factor));
  GtkWidget *pillar_row = find_row (GTK_WIDGET (f->page), zx_record_get_string (factor, "pillar_id"));
  GtkWidget *row;
  guint n = g_list_model_get_n_items (factors);

  g_assert_true (ADW_IS_EXPANDER_ROW (pillar_row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (pillar_row), TRUE);
  drain ();
  row = find_row (pillar_row, id);
  g_assert_nonnull (row);
  wait_mapped (row);
  g_assert_true (gtk_widget_grab_focus (row));

  g_assert_true (gtk_widget_activate_action (row, "strategy.delete", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (factors), ==, n - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.undo", NULL));
  drain ();
  g_assert_true (model_has_id (factors, id));

  /* The pillar stays open after the lists were rebuilt */
  pillar_row = find_row (GTK_WIDGET (f->page), zx_record_get_string (factor, "pillar_id"));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (pillar_row)));
}

/* The map's requests open the right forms and delete with Undo */
static void
test_map_signals (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *canvas = zx_strategy_page_get_map (f->page);
  GListModel *factors = zx_strategy_page_get_factor_model (f->page);
  g_autofree char *pillar_id = id_at (zx_strategy_page_get_pillar_model (f->page), 1);
  g_autofree char *factor_id = id_at (factors, 0);
  g_autoptr(GListStore) battles = zx_store_list (f->store, "battle", NULL, NULL);
  g_autoptr(ZxRecord) battle = g_list_model_get_item (G_LIST_MODEL (battles), 0);
  GtkWidget *editor, *row;
  ZxRecord *record;
  guint n = g_list_model_get_n_items (factors);

  g_assert_true (ZX_IS_STRATEGY_MAP (canvas));

  /* A pillar node: its form */
  g_signal_emit_by_name (canvas, "node-activated", (int) ZX_STRATEGY_NODE_PILLAR, pillar_id);
  editor = opened_editor (ZX_TYPE_PILLAR_EDITOR);
  g_object_get (editor, "record", &record, NULL);
  g_assert_cmpstr (zx_record_get_id (record), ==, pillar_id);
  g_object_unref (record);
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();

  /* A battle node: its form */
  g_signal_emit_by_name (canvas, "node-activated", (int) ZX_STRATEGY_NODE_BATTLE, zx_record_get_id (battle));
  editor = opened_editor (ZX_TYPE_BATTLE_EDITOR);
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();

  /* Add a child to a pillar: a new factor of that pillar */
  g_signal_emit_by_name (canvas, "add-child-requested", (int) ZX_STRATEGY_NODE_PILLAR, pillar_id);
  editor = opened_editor (ZX_TYPE_SUCCESS_FACTOR_EDITOR);
  row = template_child (editor, ZX_TYPE_SUCCESS_FACTOR_EDITOR, "name_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "远程会诊网络");
  drain ();
  click (template_child (editor, ZX_TYPE_SUCCESS_FACTOR_EDITOR, "save_button"));
  record = find_named (factors, "远程会诊网络");
  g_assert_nonnull (record);
  g_assert_cmpstr (zx_record_get_string (record, "pillar_id"), ==, pillar_id);
  g_object_unref (record);
  g_assert_cmpuint (g_list_model_get_n_items (factors), ==, n + 1);

  /* Delete a factor from the map, then Undo */
  g_signal_emit_by_name (canvas, "delete-requested", (int) ZX_STRATEGY_NODE_FACTOR, factor_id);
  drain ();
  g_assert_false (model_has_id (factors, factor_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.undo", NULL));
  drain ();
  g_assert_true (model_has_id (factors, factor_id));

  /* Zooming goes through the map */
  {
    double zoom = zx_strategy_map_get_zoom (ZX_STRATEGY_MAP (canvas));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.zoom-in", NULL));
    g_assert_cmpfloat (zx_strategy_map_get_zoom (ZX_STRATEGY_MAP (canvas)), >, zoom);
  }
}

static char *
add_pillar (Fixture    *f,
            const char *plan_id,
            const char *name)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (fields, "plan_id", plan_id);
  json_object_set_string_member (fields, "name", name);
  id = zx_store_create (f->store, "pillar", fields, &error);
  g_assert_no_error (error);
  drain ();
  return id;
}

static void
test_pillar_warning (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = NULL;
  char *ids[6] = { NULL };

  /* The demo's four pillars: no warning */
  g_assert_cmpuint (g_list_model_get_n_items (zx_strategy_page_get_pillar_model (f->page)), ==, 4);
  g_assert_false (zx_strategy_page_get_pillar_warning (f->page));

  /* A plan for this year that sorts first becomes the page's plan */
  json_object_set_string_member (fields, "name", "0 新一轮规划");
  json_object_set_int_member (fields, "start_year", 2026);
  json_object_set_int_member (fields, "end_year", 2028);
  json_object_set_string_member (fields, "goal", "建设高水平研究型医院");
  plan_id = zx_store_create (f->store, "plan", fields, &error);
  g_assert_no_error (error);
  drain ();
  g_assert_cmpstr (zx_record_get_id (zx_strategy_page_get_plan (f->page)), ==, plan_id);
  /* No pillars yet is fewer than three */
  g_assert_true (zx_strategy_page_get_pillar_warning (f->page));

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("支柱%u", i + 1);

      ids[i] = add_pillar (f, plan_id, name);
      g_assert_cmpuint (g_list_model_get_n_items (zx_strategy_page_get_pillar_model (f->page)), ==, i + 1);
      if (i + 1 == 2)
        g_assert_true (zx_strategy_page_get_pillar_warning (f->page));
      else if (i + 1 == 4)
        g_assert_false (zx_strategy_page_get_pillar_warning (f->page));
      else if (i + 1 == 6)
        g_assert_true (zx_strategy_page_get_pillar_warning (f->page));
    }

  /* Back to four: gone again; never a block */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.delete-pillar", "s", ids[5]);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "strategy.delete-pillar", "s", ids[4]);
  drain ();
  g_assert_false (zx_strategy_page_get_pillar_warning (f->page));

  for (guint i = 0; i < 6; i++)
    g_free (ids[i]);
}

static void
test_record_signing (Fixture       *f,
                     gconstpointer  data)
{
  ZxBattleMap *map = ZX_BATTLE_MAP (zx_strategy_page_get_battle_map (f->page));
  g_autoptr(GListStore) pledges = zx_store_list (f->store, "pledge", "signed_at IS NULL", NULL);
  g_autoptr(ZxRecord) unsigned_pledge = g_list_model_get_item (G_LIST_MODEL (pledges), 0);
  g_autofree char *department_id = NULL;
  g_autofree char *pledge_id = NULL;
  GtkWidget *pledge_row = template_child (map, ZX_TYPE_BATTLE_MAP, "pledge_row");
  GtkWidget *pledge_tag = template_child (map, ZX_TYPE_BATTLE_MAP, "pledge_tag");
  GtkWidget *editor, *row;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *title;

  g_assert_nonnull (unsigned_pledge);
  department_id = g_strdup (zx_record_get_string (unsigned_pledge, "department_id"));
  pledge_id = g_strdup (zx_record_get_id (unsigned_pledge));

  zx_strategy_page_set_view (f->page, "battles");
  zx_battle_map_set_department (map, department_id);
  drain ();
  g_assert_cmpstr (zx_battle_map_get_department (map), ==, department_id);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pledge_tag)), ==, "Not signed");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "battles.record-signing", NULL));
  editor = opened_editor (ZX_TYPE_PLEDGE_EDITOR);
  /* Today by default, signed by the head */
  row = template_child (editor, ZX_TYPE_PLEDGE_EDITOR, "signed_on_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, TODAY);
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-03-02");
  row = template_child (editor, ZX_TYPE_PLEDGE_EDITOR, "witness_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "院长 林振华");
  drain ();
  click (template_child (editor, ZX_TYPE_PLEDGE_EDITOR, "save_button"));
  g_assert_null (find_toplevel (ZX_TYPE_PLEDGE_EDITOR));

  stored = zx_store_get (f->store, "pledge", pledge_id, NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (stored, "signed_at"), "2026-03-0"));
  g_assert_false (json_object_get_null_member (stored, "signed_by"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pledge_tag)), ==, "Signed");
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (pledge_row));
  g_assert_true (g_str_has_prefix (title, "Signed by "));
  g_assert_nonnull (strstr (title, "2026-03-02"));

  /* Without a pledge for the year, recording the signing creates it */
  g_assert_true (zx_store_delete (f->store, "pledge", pledge_id, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_null (zx_battle_map_get_pledge (map));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pledge_tag)), ==, "Not signed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "battles.record-signing", NULL));
  editor = opened_editor (ZX_TYPE_PLEDGE_EDITOR);
  click (template_child (editor, ZX_TYPE_PLEDGE_EDITOR, "save_button"));
  g_assert_null (find_toplevel (ZX_TYPE_PLEDGE_EDITOR));
  g_assert_nonnull (zx_battle_map_get_pledge (map));
  g_assert_false (zx_record_is_null (zx_battle_map_get_pledge (map), "signed_at"));
  g_assert_cmpint (zx_record_get_int (zx_battle_map_get_pledge (map), "year"), ==, 2026);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (pledge_tag)), ==, "Signed");
}

/* A battle deleted from the battle map comes back with Undo */
static void
test_battle_delete_undo (Fixture       *f,
                         gconstpointer  data)
{
  ZxBattleMap *map = ZX_BATTLE_MAP (zx_strategy_page_get_battle_map (f->page));
  GListModel *battles = zx_battle_map_get_battle_model (map);
  guint n;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pillar_id = id_at (zx_strategy_page_get_pillar_model (f->page), 0);

  /* A battle nothing refers to yet (the demo's have objectives) */
  json_object_set_string_member (fields, "department_id", zx_battle_map_get_department (map));
  json_object_set_string_member (fields, "pillar_id", pillar_id);
  json_object_set_string_member (fields, "name", "日间手术中心扩容");
  json_object_set_string_member (fields, "status", "planned");
  id = zx_store_create (f->store, "battle", fields, &error);
  g_assert_no_error (error);
  zx_strategy_page_set_view (f->page, "battles");
  drain ();
  n = g_list_model_get_n_items (battles);
  g_assert_true (zx_battle_map_select_battle (map, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "battles.delete", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (battles), ==, n - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map), "battles.undo", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (battles), ==, n);
  g_assert_true (model_has_id (battles, id));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  zx_test_account_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gui/strategy/demo-plan", test_demo_plan);
  ADD ("/gui/strategy/create-pillar-and-battle", test_create_pillar_and_battle);
  ADD ("/gui/strategy/reorder-pillars", test_reorder_pillars);
  ADD ("/gui/strategy/relink-battle", test_relink_battle);
  ADD ("/gui/strategy/relink-signed-in", test_relink_signed_in);
  ADD ("/gui/strategy/delete-factor-undo", test_delete_factor_undo);
  ADD ("/gui/strategy/delete-factor-keyboard", test_delete_factor_keyboard);
  ADD ("/gui/strategy/map-signals", test_map_signals);
  ADD ("/gui/strategy/pillar-warning", test_pillar_warning);
  ADD ("/gui/strategy/record-signing", test_record_signing);
  ADD ("/gui/strategy/battle-delete-undo", test_battle_delete_undo);

  {
    int status = g_test_run ();

    zx_test_account_cleanup ();
    return status;
  }
}
