/* test-gui-kanban.c — the collaboration board in a real window
 *
 * Runs under Xvfb on a temporary database filled with the demo hospital:
 * the board's columns and cards, keyboard moves and undo, the question
 * before a blocked request goes to Done, the filters, the columns dialog,
 * and a real pointer drag made with xdotool.
 *
 * With ZX_TEST_SHOTS=DIR it saves PNGs of the board (light and dark,
 * 1366×768) to look at.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "kanban/zx-board-view.h"
#include "kanban/zx-card-editor.h"
#include "kanban/zx-card-widget.h"
#include "kanban/zx-kanban-page.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-kanban.h"
#include "zx-record-editor.h"
#define ZX_TEST_GUI_OWN_FIND_TOPLEVEL /* this test has its own */
#define ZX_TEST_GUI_OWN_SHOTS /* this test has its own */
#include "zx-test-gui.h"
#include "zx-test-account.h"
#include "zx-test-util.h"
#include "zx-window.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char         *dir;
  ZxStore      *store;
  ZxContext    *context;
  ZxWindow     *window;
  ZxKanbanPage *page;
  ZxBoardView  *board;
} Fixture;

/* Main loop helpers ------------------------------------------------------------- */

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The button labelled @label under @root */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the dialog's button labelled @label, as a person does */
static void
click (GtkWidget  *dialog,
       const char *label)
{
  GtkWidget *button = find_button (dialog, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  drain ();
}

static GtkWidget *
focused (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* With ZX_TEST_SHOTS=DIR, saves a PNG of @widget as DIR/NAME.png to look at */
static void
maybe_shot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("ZX_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  GskRenderer *renderer;
  int w, h;

  if (dir == NULL)
    return;
  settle ();
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
}

/* The store's side ------------------------------------------------------------------ */

static GPtrArray *
stored_columns (Fixture *f)
{
  return zx_kanban_list_columns (f->store, zx_kanban_page_get_board_id (f->page), FALSE);
}

static const char *
column_id_at (GPtrArray *columns,
              guint      i)
{
  return zx_record_get_id (g_ptr_array_index (columns, i));
}

/* The ids of the cards stored in @column_id, in board order */
static GPtrArray *
stored_ids (Fixture    *f,
            const char *column_id)
{
  g_autoptr(GPtrArray) cards = zx_kanban_list_cards (f->store, column_id);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (ids, g_strdup (zx_record_get_id (g_ptr_array_index (cards, i))));
  return ids;
}

static int
index_in (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return (int) i;
  return -1;
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static char *
card_field (Fixture    *f,
            const char *card_id,
            const char *field)
{
  g_autoptr(JsonObject) row = zx_store_get (f->store, "card", card_id, NULL);

  g_assert_nonnull (row);
  return g_strdup (json_object_get_string_member_with_default (row, field, NULL));
}

/* The id of the live card titled @title */
static char *
card_by_title (Fixture    *f,
               const char *title)
{
  const char *params[] = { title, NULL };
  g_autoptr(GListStore) cards = zx_store_list (f->store, "card", "title = ?", params);
  g_autoptr(ZxRecord) card = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cards)), ==, 1);
  card = g_list_model_get_item (G_LIST_MODEL (cards), 0);
  return g_strdup (zx_record_get_id (card));
}

static char *
last_mutation_name (Fixture *f)
{
  g_autoptr(GPtrArray) queue = zx_store_queue_list (f->store, 0, 100000);
  JsonObject *last;

  g_assert_cmpuint (queue->len, >, 0);
  last = g_ptr_array_index (queue, queue->len - 1);
  return g_strdup (json_object_get_string_member (last, "name"));
}

/* Fixture ------------------------------------------------------------------------------ */

static void
load_css (void)
{
  static gboolean loaded;

  if (!loaded)
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, "/io/github/zhixing/Zhixing/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      loaded = TRUE;
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  load_css ();
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
  g_assert_true (zx_window_show_area (f->window, "kanban"));
  f->page = ZX_KANBAN_PAGE (zx_window_get_area_page (f->window, "kanban"));
  g_assert_nonnull (f->page);
  wait_mapped (GTK_WIDGET (f->page));
  f->board = zx_kanban_page_get_board_view (f->page);
  settle ();
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
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  while ((dialog = find_toplevel (GTK_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Tests -------------------------------------------------------------------------------------- */

/* The page opens on the demo hospital's board: five columns, each with its
 * cards in stored order and the count in its header */
static void
test_opens (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) columns = stored_columns (f);
  g_autoptr(GPtrArray) shown = zx_board_view_get_column_ids (f->board);
  guint total = 0;

  g_assert_nonnull (zx_kanban_page_get_board_id (f->page));
  g_assert_cmpuint (columns->len, ==, 5);
  g_assert_cmpuint (shown->len, ==, 5);
  for (guint i = 0; i < columns->len; i++)
    {
      g_autoptr(GPtrArray) stored = stored_ids (f, column_id_at (columns, i));
      g_autoptr(GPtrArray) cards = zx_board_view_get_card_ids (f->board, column_id_at (columns, i));

      g_assert_cmpstr (g_ptr_array_index (shown, i), ==, column_id_at (columns, i));
      assert_same_ids (stored, cards);
      g_assert_cmpuint (zx_board_view_get_count (f->board, column_id_at (columns, i)), ==, stored->len);
      total += stored->len;
    }
  g_assert_cmpuint (total, ==, 18);
  g_assert_cmpuint (zx_board_view_get_total (f->board), ==, total);
  /* the last column counts as done */
  g_assert_true (zx_record_get_bool (g_ptr_array_index (columns, 4), "is_done"));

  /* a card on screen says everything in one sentence, and an overdue one is red */
  {
    g_autofree char *id = card_by_title (f, "为TAVR新技术开发手术数据采集接口");
    GtkWidget *card;

    g_assert_true (zx_board_view_focus_card (f->board, id));
    settle ();
    card = zx_board_view_get_card_widget (f->board, id);
    g_assert_nonnull (card);
    g_assert_true (gtk_widget_has_focus (card));
    g_assert_cmpint (zx_card_widget_get_days_overdue (ZX_CARD_WIDGET (card)), ==, 3);
    g_assert_true (gtk_widget_has_css_class (card, "overdue"));
    g_assert_true (gtk_widget_has_css_class (card, "supervised"));
    g_assert_nonnull (strstr (zx_card_widget_get_description (ZX_CARD_WIDGET (card)), "心血管内科"));
    g_assert_nonnull (strstr (zx_card_widget_get_description (ZX_CARD_WIDGET (card)), "信息科"));
    g_assert_nonnull (strstr (zx_card_widget_get_description (ZX_CARD_WIDGET (card)), "3 days overdue"));
    g_assert_nonnull (strstr (zx_card_widget_get_description (ZX_CARD_WIDGET (card)), "under supervision"));
  }
  /* the blocked one says by what */
  {
    g_autofree char *id = card_by_title (f, "手术排程系统增加机器人手术类别");
    GtkWidget *card = zx_board_view_get_card_widget (f->board, id);

    g_assert_nonnull (card);
    g_assert_nonnull (strstr (zx_card_widget_get_description (ZX_CARD_WIDGET (card)),
                              "blocked by “机器人辅助关节置换收费项目物价备案”"));
  }

  /* a second page on the same store finds the same board */
  {
    GtkWidget *other = g_object_ref_sink (zx_kanban_page_new (f->context));

    g_assert_cmpstr (zx_kanban_page_get_board_id (ZX_KANBAN_PAGE (other)), ==, zx_kanban_page_get_board_id (f->page));
    g_object_unref (other);
  }

  maybe_shot (GTK_WIDGET (f->window), "kanban-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  maybe_shot (GTK_WIDGET (f->window), "kanban-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Ctrl+Shift+Right (the action its key runs) moves the focused card to the
 * next column at the same height, as one card.move; Ctrl+Z puts it back */
static void
test_keyboard_move_and_undo (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) columns = stored_columns (f);
  const char *first = column_id_at (columns, 1), *second = column_id_at (columns, 2);
  g_autoptr(GPtrArray) before_first = stored_ids (f, first);
  g_autoptr(GPtrArray) before_second = stored_ids (f, second);
  g_autofree char *id = g_strdup (g_ptr_array_index (before_first, 1));
  g_autofree char *rank = card_field (f, id, "rank");
  gint64 queued = zx_store_queue_length (f->store);
  GtkWidget *card;

  g_assert_cmpuint (before_first->len, >=, 2);
  g_assert_cmpuint (before_second->len, >=, 2);
  g_assert_true (zx_board_view_focus_card (f->board, id));
  settle ();
  card = zx_board_view_get_card_widget (f->board, id);
  g_assert_true (gtk_widget_has_focus (card));

  g_assert_true (gtk_widget_activate_action (card, "board.move-right", "s", id));
  settle ();
  {
    g_autofree char *column = card_field (f, id, "column_id");
    g_autoptr(GPtrArray) after_second = stored_ids (f, second);
    g_autoptr(GPtrArray) after_first = stored_ids (f, first);
    g_autofree char *name = last_mutation_name (f);

    g_assert_cmpstr (column, ==, second);
    /* the same height: second from the top */
    g_assert_cmpint (index_in (after_second, id), ==, 1);
    g_assert_cmpuint (after_second->len, ==, before_second->len + 1);
    g_assert_cmpint (index_in (after_first, id), ==, -1);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
    g_assert_cmpstr (name, ==, "card.move");
    /* the board follows the store, and the focus follows the card */
    {
      g_autoptr(GPtrArray) shown = zx_board_view_get_card_ids (f->board, second);

      assert_same_ids (after_second, shown);
    }
    card = zx_board_view_get_card_widget (f->board, id);
    g_assert_nonnull (card);
    g_assert_true (focused (f) == card);
  }

  /* Up within the column: above its neighbour */
  g_assert_true (gtk_widget_activate_action (card, "board.move-up", "s", id));
  settle ();
  {
    g_autoptr(GPtrArray) after = stored_ids (f, second);

    g_assert_cmpint (index_in (after, id), ==, 0);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 2);
  }

  /* Ctrl+Z: the last move undone; again: the first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kanban.undo", NULL));
  settle ();
  {
    g_autoptr(GPtrArray) after = stored_ids (f, second);

    g_assert_cmpint (index_in (after, id), ==, 1);
  }
  /* only one step of undo is kept: the move back is the last change */
  g_assert_false (zx_board_view_undo (f->board));

  /* back to the first column through the board's own function, then undo */
  {
    g_autoptr(GPtrArray) here = stored_ids (f, second);
    const char *above = NULL, *below = NULL;
    int at = index_in (before_first, id);

    if (at > 0)
      above = g_ptr_array_index (before_first, at - 1);
    if ((guint) at + 1 < before_first->len)
      below = g_ptr_array_index (before_first, at + 1);
    g_assert_true (zx_board_view_move_card (f->board, id, first, above, below));
    settle ();
    {
      g_autoptr(GPtrArray) after = stored_ids (f, first);

      assert_same_ids (before_first, after);
    }
    g_assert_true (zx_board_view_undo (f->board));
    settle ();
    {
      g_autoptr(GPtrArray) after = stored_ids (f, second);

      assert_same_ids (here, after);
    }
  }
  {
    g_autofree char *now = card_field (f, id, "rank");

    g_assert_nonnull (now);
    (void) rank;
  }
}

/* Moving a blocked request to Done asks first; cancelling changes nothing,
 * moving anyway passes the block */
static void
test_blocked_asks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) columns = stored_columns (f);
  const char *done = column_id_at (columns, 4);
  g_autofree char *id = card_by_title (f, "手术排程系统增加机器人手术类别");
  g_autofree char *column = card_field (f, id, "column_id");
  g_autofree char *rank = card_field (f, id, "rank");
  gint64 queued = zx_store_queue_length (f->store);
  GtkWidget *dialog;

  g_assert_nonnull (zx_kanban_get_blocker (f->store, id));
  g_assert_true (zx_board_view_focus_card (f->board, id));
  settle ();
  g_assert_true (gtk_widget_activate_action (zx_board_view_get_card_widget (f->board, id), "board.move-to",
                                             "(ss)", id, done));
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Move a Blocked Request to Done?");
  click (dialog, "_Cancel");
  settle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  {
    g_autofree char *now_column = card_field (f, id, "column_id");
    g_autofree char *now_rank = card_field (f, id, "rank");

    g_assert_cmpstr (now_column, ==, column);
    g_assert_cmpstr (now_rank, ==, rank);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  }

  /* the same from the context menu's Move to Column, answered Move Anyway */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-to", "(ss)", id, done));
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  click (dialog, "_Move Anyway");
  settle ();
  {
    g_autofree char *now_column = card_field (f, id, "column_id");
    g_autoptr(GPtrArray) shown = zx_board_view_get_card_ids (f->board, done);

    g_assert_cmpstr (now_column, ==, done);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
    g_assert_cmpint (index_in (shown, id), ==, (int) shown->len - 1);
  }
  /* a card not blocked goes without a question */
  {
    g_autofree char *free_id = card_by_title (f, "季度绩效评价数据导出");

    g_assert_null (zx_kanban_get_blocker (f->store, free_id));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-to", "(ss)", free_id, done));
    settle ();
    g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    {
      g_autofree char *now_column = card_field (f, free_id, "column_id");

      g_assert_cmpstr (now_column, ==, done);
    }
  }
}

/* Each filter changes what the columns count */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *overdue = template_child (f->page, ZX_TYPE_KANBAN_PAGE, "overdue_button");
  GtkWidget *supervised = template_child (f->page, ZX_TYPE_KANBAN_PAGE, "supervised_button");
  GtkWidget *krs = template_child (f->page, ZX_TYPE_KANBAN_PAGE, "kr_dropdown");
  GtkWidget *search = template_child (f->page, ZX_TYPE_KANBAN_PAGE, "search_entry");
  GtkWidget *count = template_child (f->page, ZX_TYPE_KANBAN_PAGE, "count_label");
  g_autoptr(GPtrArray) columns = stored_columns (f);
  guint all = zx_board_view_get_total (f->board);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_parse (&today, TODAY);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, "18 requests");

  /* Overdue: cards past their due date outside the done column */
  {
    guint expected = 0;

    for (guint i = 0; i < columns->len; i++)
      {
        g_autoptr(GPtrArray) cards = zx_kanban_list_cards (f->store, column_id_at (columns, i));
        gboolean done = zx_record_get_bool (g_ptr_array_index (columns, i), "is_done");
        guint in_column = 0;

        for (guint j = 0; j < cards->len; j++)
          in_column += zx_kanban_days_overdue (g_ptr_array_index (cards, j), done, &today) > 0;
        g_assert_cmpuint (zx_board_view_get_count (f->board, column_id_at (columns, i)), ==, cards->len);
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (overdue), TRUE);
        g_assert_cmpuint (zx_board_view_get_count (f->board, column_id_at (columns, i)), ==, in_column);
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (overdue), FALSE);
        expected += in_column;
      }
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (overdue), TRUE);
    g_assert_cmpuint (expected, >, 0);
    g_assert_cmpuint (zx_board_view_get_total (f->board), ==, expected);
    g_assert_cmpuint (zx_board_view_get_count (f->board, column_id_at (columns, 4)), ==, 0);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (overdue), FALSE);
    g_assert_cmpuint (zx_board_view_get_total (f->board), ==, all);
  }

  /* Supervised */
  {
    const char *yes[] = { "1", NULL };
    gint64 n = zx_store_count (f->store, "card", "supervised = ?", yes);

    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (supervised), TRUE);
    g_assert_cmpint (zx_board_view_get_total (f->board), ==, n);
    g_assert_cmpint (n, ==, 3);
    {
      g_autofree char *text = g_strdup_printf ("%d requests shown", (int) n);

      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (count)), ==, text);
    }
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (supervised), FALSE);
  }

  /* My department: 信息科's incoming and outgoing requests */
  {
    const char *name[] = { "信息科", NULL };
    g_autoptr(GListStore) found = zx_store_list (f->store, "department", "name = ?", name);
    g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (found), 0);
    const char *id[] = { zx_record_get_id (department), NULL };
    gint64 incoming = zx_store_count (f->store, "card", "to_department_id = ?", id);
    gint64 outgoing = zx_store_count (f->store, "card", "from_department_id = ?", id);

    g_assert_cmpint (incoming, >, 0);
    zx_kanban_page_set_department (f->page, id[0], ZX_BOARD_DIRECTION_INCOMING);
    g_assert_cmpint (zx_board_view_get_total (f->board), ==, incoming);
    zx_kanban_page_set_department (f->page, id[0], ZX_BOARD_DIRECTION_OUTGOING);
    g_assert_cmpint (zx_board_view_get_total (f->board), ==, outgoing);
    zx_kanban_page_set_department (f->page, id[0], ZX_BOARD_DIRECTION_BOTH);
    g_assert_cmpint (zx_board_view_get_total (f->board), ==, incoming + outgoing);
    /* remembered for next time */
    {
      GSettings *settings = zx_context_get_settings (f->context);

      if (settings != NULL)
        {
          g_autofree char *kept = g_settings_get_string (settings, "kanban-department");

          g_assert_cmpstr (kept, ==, id[0]);
        }
    }
    maybe_shot (GTK_WIDGET (f->window), "kanban-filtered");
    /* a page opened later starts on that department */
    if (zx_context_get_settings (f->context) != NULL)
      {
        GtkWidget *window = gtk_window_new ();
        GtkWidget *page = zx_kanban_page_new (f->context);
        GtkWidget *dropdown = template_child (page, ZX_TYPE_KANBAN_PAGE, "department_dropdown");
        GtkStringObject *chosen;

        gtk_window_set_child (GTK_WINDOW (window), page);
        gtk_window_present (GTK_WINDOW (window));
        wait_mapped (page);
        chosen = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));
        g_assert_cmpstr (gtk_string_object_get_string (chosen), ==, "信息科");
        g_assert_cmpint (zx_board_view_get_total (zx_kanban_page_get_board_view (ZX_KANBAN_PAGE (page))), ==,
                         incoming + outgoing);
        gtk_window_destroy (GTK_WINDOW (window));
        drain ();
      }
    zx_kanban_page_set_department (f->page, NULL, ZX_BOARD_DIRECTION_BOTH);
    g_assert_cmpuint (zx_board_view_get_total (f->board), ==, all);
    if (zx_context_get_settings (f->context) != NULL)
      {
        GSettings *settings = zx_context_get_settings (f->context);
        g_autofree char *kept = g_settings_get_string (settings, "kanban-department");
        const char *other_name[] = { "骨科", NULL };
        g_autoptr(GListStore) other = zx_store_list (f->store, "department", "name = ?", other_name);
        g_autoptr(ZxRecord) bone = g_list_model_get_item (G_LIST_MODEL (other), 0);
        const char *bone_id[] = { zx_record_get_id (bone), NULL };

        /* looking at every department does not forget yours */
        g_assert_cmpstr (kept, ==, id[0]);
        /* choosing it in the preferences shows it on the board at once */
        g_settings_set_string (settings, "kanban-department", bone_id[0]);
        g_assert_cmpint (zx_board_view_get_total (f->board), ==,
                         zx_store_count (f->store, "card", "to_department_id = ? OR from_department_id = ?",
                                         (const char *[]) { bone_id[0], bone_id[0], NULL }));
        zx_kanban_page_set_department (f->page, NULL, ZX_BOARD_DIRECTION_BOTH);
        /* the settings live as long as the process: the next test starts afresh */
        g_settings_reset (settings, "kanban-department");
      }
  }

  /* By key result: the dropdown lists the key results cards serve */
  {
    GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (krs));
    g_autoptr(GPtrArray) ids = zx_board_view_get_key_result_ids (f->board);
    const char *kr[2] = { NULL, NULL };
    gint64 n;

    g_assert_cmpuint (ids->len, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, ids->len + 1);
    kr[0] = g_ptr_array_index (ids, 0);
    n = zx_store_count (f->store, "card", "key_result_id = ?", kr);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (krs), 1);
    g_assert_cmpint (zx_board_view_get_total (f->board), ==, n);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (krs), 0);
  }

  /* Search on titles */
  gtk_editable_set_text (GTK_EDITABLE (search), "tavr");
  wait_ms (400);    /* the search entry's delay */
  g_assert_cmpuint (zx_board_view_get_total (f->board), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kanban.clear-filters", NULL));
  g_assert_cmpuint (zx_board_view_get_total (f->board), ==, all);
}

/* Deleting from the card's menu, with undo */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = card_by_title (f, "哮喘患儿随访数据统计报表");
  g_autofree char *column = card_field (f, id, "column_id");
  guint before = zx_board_view_get_count (f->board, column);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.delete", "s", id));
  settle ();
  g_assert_cmpuint (zx_board_view_get_count (f->board, column), ==, before - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kanban.undo", NULL));
  settle ();
  g_assert_cmpuint (zx_board_view_get_count (f->board, column), ==, before);
  {
    g_autoptr(GPtrArray) shown = zx_board_view_get_card_ids (f->board, column);

    g_assert_cmpint (index_in (shown, id), >=, 0);
  }
}

/* Opening a card and New Request present the card editor */
static void
test_editors (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = card_by_title (f, "季度绩效评价数据导出");
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.open", "s", id));
  drain ();
  editor = find_toplevel (ZX_TYPE_CARD_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  g_assert_nonnull (zx_record_editor_get_record (ZX_RECORD_EDITOR (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kanban.new-request", NULL));
  drain ();
  editor = find_toplevel (ZX_TYPE_CARD_EDITOR);
  g_assert_nonnull (editor);
  g_assert_null (zx_record_editor_get_record (ZX_RECORD_EDITOR (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();
}

/* The office's Columns… dialog renames, adds, moves and archives columns,
 * and the board follows */
static void
test_columns_dialog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) columns = stored_columns (f);
  g_autofree char *first = g_strdup (column_id_at (columns, 0));
  GtkWidget *window, *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kanban.columns", NULL));
  drain ();
  window = find_toplevel (ADW_TYPE_WINDOW);
  g_assert_nonnull (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Columns");
  wait_mapped (window);
  maybe_shot (window, "kanban-columns");

  /* rename the first */
  row = find_descendant (window, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "新提出");
  g_signal_emit_by_name (row, "apply");
  settle ();
  {
    g_autofree char *name = zx_store_get_display (f->store, "board_column", first);

    g_assert_cmpstr (name, ==, "新提出");
  }

  /* add one at the end: the board shows six */
  {
    g_autofree char *id = zx_kanban_add_column (f->store, zx_kanban_page_get_board_id (f->page), "暂缓", NULL, NULL);
    g_autoptr(GPtrArray) shown = NULL;

    g_assert_nonnull (id);
    settle ();
    shown = zx_board_view_get_column_ids (f->board);
    g_assert_cmpuint (shown->len, ==, 6);
    g_assert_cmpstr (g_ptr_array_index (shown, 5), ==, id);

    /* archive it from the dialog: the last Archive button */
    {
      GtkWidget *last = NULL;
      GtkWidget *list = gtk_widget_get_parent (find_descendant (window, ADW_TYPE_ENTRY_ROW));

      for (GtkWidget *r = gtk_widget_get_first_child (list); r != NULL; r = gtk_widget_get_next_sibling (r))
        last = r;
      g_assert_nonnull (last);
      /* the row's suffix buttons: the last is Archive */
      {
        GtkWidget *button = NULL;
        GPtrArray *stack = g_ptr_array_new ();

        g_ptr_array_add (stack, last);
        while (stack->len > 0)
          {
            GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

            if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "Archive") == 0)
              button = w;
            for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
              g_ptr_array_add (stack, c);
          }
        g_ptr_array_unref (stack);
        g_assert_nonnull (button);
        g_signal_emit_by_name (button, "clicked");
      }
    }
    settle ();
    g_clear_pointer (&shown, g_ptr_array_unref);
    shown = zx_board_view_get_column_ids (f->board);
    g_assert_cmpuint (shown->len, ==, 5);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Opens the Columns dialog of @page */
static GtkWidget *
open_columns (GtkWidget *page)
{
  GtkWidget *window;

  g_assert_true (gtk_widget_activate_action (page, "kanban.columns", NULL));
  drain ();
  window = find_toplevel (ADW_TYPE_WINDOW);
  g_assert_nonnull (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Columns");
  wait_mapped (window);
  return window;
}

/* Every column of the dialog @window read-only, with @reason as its
 * tooltip, its buttons too, the new column's row as well, and the reason
 * said in the dialog */
static void
assert_columns_read_only (GtkWidget  *window,
                          const char *reason)
{
  GtkWidget *list = gtk_widget_get_parent (find_descendant (window, ADW_TYPE_ENTRY_ROW));
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row), n++)
    {
      GtkWidget *button = find_descendant (row, GTK_TYPE_BUTTON);

      g_assert_false (gtk_widget_get_sensitive (row));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, reason);
      g_assert_nonnull (button);
      g_assert_false (gtk_widget_is_sensitive (button));
    }
  g_assert_cmpuint (n, ==, 5);
  {
    GtkWidget *label = find_label_with (window, reason);

    g_assert_nonnull (label);
    g_assert_true (gtk_widget_get_visible (label));
  }
}

/* The id of the live staff member called @name */
static char *
staff_by_name (Fixture    *f,
               const char *name)
{
  const char *params[] = { name, NULL };
  g_autoptr(GListStore) found = zx_store_list (f->store, "staff", "name = ?", params);
  g_autoptr(ZxRecord) staff = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  staff = g_list_model_get_item (G_LIST_MODEL (found), 0);
  return g_strdup (zx_record_get_id (staff));
}

/* Roles are mirrored: a paediatrics nurse moves nobody else's request and
 * sees the columns read-only; the hospital office changes them */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *nurse = staff_by_name (f, "吕楠");
  g_autofree char *clerk = staff_by_name (f, "孙晓东");
  g_autofree char *id = card_by_title (f, "季度绩效评价数据导出");
  g_autofree char *column = card_field (f, id, "column_id");
  gint64 queued = zx_store_queue_length (f->store);

  zx_store_set_actor (f->store, nurse);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-right", "s", id));
  settle ();
  {
    g_autofree char *now = card_field (f, id, "column_id");

    g_assert_cmpstr (now, ==, column);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  }
  /* a page made for the nurse shows the columns read-only, with the reason */
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *page = zx_kanban_page_new (f->context);
    GtkWidget *columns;

    gtk_window_set_child (GTK_WINDOW (window), page);
    gtk_window_present (GTK_WINDOW (window));
    wait_mapped (page);
    columns = open_columns (page);
    assert_columns_read_only (columns, "Only the hospital office can change the columns of the board.");
    gtk_window_destroy (GTK_WINDOW (columns));
    gtk_window_destroy (GTK_WINDOW (window));
    drain ();
  }

  /* the office moves it */
  zx_store_set_actor (f->store, clerk);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-right", "s", id));
  settle ();
  {
    g_autofree char *now = card_field (f, id, "column_id");

    g_assert_cmpstr (now, !=, column);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
  }
}

/* A window on the board for an account signed in to a server */
static ZxWindow *
signed_in_window (ZxContext *context)
{
  ZxWindow *window = zx_window_new (NULL, context);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  g_assert_true (zx_window_show_area (window, "kanban"));
  wait_mapped (zx_window_get_area_page (window, "kanban"));
  settle ();
  return window;
}

/* What dragging the card @id starts in @window's board: the drag
 * source's content, or NULL when it refuses */
static GdkContentProvider *
prepare_drag (ZxWindow   *window,
              const char *id)
{
  ZxKanbanPage *page = ZX_KANBAN_PAGE (zx_window_get_area_page (window, "kanban"));
  GtkWidget *card = zx_board_view_get_card_widget (zx_kanban_page_get_board_view (page), id);
  GListModel *controllers;
  GdkContentProvider *content = NULL;
  GtkDragSource *source = NULL;

  g_assert_nonnull (card);
  controllers = gtk_widget_observe_controllers (card);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && source == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        source = GTK_DRAG_SOURCE (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (source);
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
  drain ();
  return content;
}

/* Signed in to a server, the board mirrors the account's role (the
 * settings), not the store's actor: a nurse may not drag another
 * department's request nor change the columns, and is told why; an
 * account not linked to anyone moves nothing; an admin does both. */
static void
test_signed_in (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *nurse = staff_by_name (f, "吕楠");
  g_autofree char *nurse_department = NULL;
  g_autofree char *id = card_by_title (f, "季度绩效评价数据导出");
  g_autoptr(GPtrArray) columns = stored_columns (f);
  g_autofree char *first = g_strdup (column_id_at (columns, 0));
  gint64 queued = zx_store_queue_length (f->store);
  ZxContext *context;
  ZxWindow *window;
  GtkWidget *dialog, *row;

  {
    g_autoptr(JsonObject) staff = zx_store_get (f->store, "staff", nurse, NULL);

    nurse_department = g_strdup (json_object_get_string_member (staff, "department_id"));
  }

  /* the nurse */
  context = zx_test_account_context (f->store, "staff", nurse_department, nurse);
  window = signed_in_window (context);
  g_assert_null (prepare_drag (window, id));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "You may not move “季度绩效评价数据导出”"));

  dialog = open_columns (zx_window_get_area_page (window, "kanban"));
  assert_columns_read_only (dialog, "Only the hospital office may change the board’s columns.");
  maybe_shot (dialog, "kanban-columns-read-only");
  /* a rename that gets through anyway is refused with the reason */
  row = find_descendant (dialog, ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (row), "新提出");
  g_signal_emit_by_name (row, "apply");
  settle ();
  {
    g_autofree char *name = zx_store_get_display (f->store, "board_column", first);

    g_assert_cmpstr (name, !=, "新提出");
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  }
  {
    GtkWidget *message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (message);
    g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), ==,
                     "Only the hospital office may change the board’s columns.");
    gtk_window_destroy (GTK_WINDOW (message));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&context);

  /* an account linked to nobody */
  context = zx_test_account_context (f->store, "head", nurse_department, NULL);
  window = signed_in_window (context);
  g_assert_null (prepare_drag (window, id));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "Your account is not linked to a staff member"));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&context);

  /* an admin, linked to nobody either */
  context = zx_test_account_context (f->store, "admin", NULL, NULL);
  window = signed_in_window (context);
  {
    g_autoptr(GdkContentProvider) content = prepare_drag (window, id);

    g_assert_nonnull (content);
  }
  dialog = open_columns (zx_window_get_area_page (window, "kanban"));
  row = find_descendant (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_null (gtk_widget_get_tooltip_text (row));
  g_assert_null (find_label_with (dialog, "Only the hospital office"));
  gtk_editable_set_text (GTK_EDITABLE (row), "新提出");
  g_signal_emit_by_name (row, "apply");
  settle ();
  {
    g_autofree char *name = zx_store_get_display (f->store, "board_column", first);

    g_assert_cmpstr (name, ==, "新提出");
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&context);
  zx_test_account_sign_out ();
}

/* Supervise… from the card's menu: the office's deadline and note, then the 督办 mark */
static void
test_supervise (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = card_by_title (f, "季度绩效评价数据导出");
  GtkWidget *dialog, *row, *card;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.supervise", "s", id));
  drain ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Supervise “季度绩效评价数据导出”");
  /* a week from today, proposed */
  row = find_descendant (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2026-11-29");
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-11-30");
  click (dialog, "_Supervise");
  settle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  {
    g_autoptr(JsonObject) row_after = zx_store_get (f->store, "card", id, NULL);

    g_assert_true (json_object_get_boolean_member (row_after, "supervised"));
    g_assert_cmpstr (json_object_get_string_member (row_after, "supervision_deadline"), ==, "2026-11-30");
  }
  card = zx_board_view_get_card_widget (f->board, id);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_has_css_class (card, "supervised"));
  /* and the filter sees it */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (template_child (f->page, ZX_TYPE_KANBAN_PAGE, "supervised_button")), TRUE);
  {
    g_autofree char *column = card_field (f, id, "column_id");
    g_autoptr(GPtrArray) shown = zx_board_view_get_card_ids (f->board, column);

    g_assert_cmpint (index_in (shown, id), >=, 0);
  }
}

/* Alt+2 shows the supervision list; the board comes back with Alt+1 */
static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (template_child (f->page, ZX_TYPE_KANBAN_PAGE, "view_stack"));

  /* a drag's drop line, as the pointer would put it */
  {
    g_autoptr(GPtrArray) columns = zx_board_view_get_column_ids (f->board);

    zx_board_view_hover_drop (f->board, g_ptr_array_index (columns, 1), 130);
    maybe_shot (GTK_WIDGET (f->window), "kanban-drop-line");
    zx_board_view_hover_drop (f->board, NULL, 0);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kanban.show-view", "s", "supervision"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "supervision");
  settle ();
  maybe_shot (GTK_WIDGET (f->window), "kanban-supervision");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kanban.show-view", "s", "board"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "board");
}

/* A real pointer drag ------------------------------------------------------------------------- */

static void
subprocess_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

/* Runs xdotool with @args while the main loop runs */
static void
run_xdotool (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  gboolean done = FALSE, timed_out = FALSE;
  guint timeout;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, subprocess_done_cb, &done);
  timeout = g_timeout_add_seconds (20, timeout_cb, &timed_out);
  while (!done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

/* Where the point (@x, @y) of @widget is in its window's X window (the
 * surface), for “xdotool mousemove --window” */
static void
surface_point (GtkWidget *widget,
               double     x,
               double     y,
               int       *sx,
               int       *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double tx, ty;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &tx, &ty);
  *sx = (int) (point.x + tx);
  *sy = (int) (point.y + ty);
}

static char *
window_xid (GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  return g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (gtk_native_get_surface (gtk_widget_get_native (widget))));
#else
  return g_strdup ("0");
#endif
}

static gboolean
xdotool_usable (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    {
      g_test_skip ("xdotool is not installed (build-aux/install-deps installs it)");
      return FALSE;
    }
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
#endif
  g_test_skip ("not running on X11");
  return FALSE;
}

/* Drags the card at the top of the first column with the real pointer
 * onto the upper half of the first card of the third column */
static void
test_pointer_drag (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) columns = stored_columns (f);
  const char *from = column_id_at (columns, 0), *to = column_id_at (columns, 2);
  g_autoptr(GPtrArray) from_ids = stored_ids (f, from);
  g_autoptr(GPtrArray) to_ids = stored_ids (f, to);
  g_autofree char *id = g_strdup (g_ptr_array_index (from_ids, 0));
  const char *target_id = g_ptr_array_index (to_ids, 0);
  GtkWidget *card, *target;
  int x0, y0, x1, y1;
  gint64 queued = zx_store_queue_length (f->store);

  if (!xdotool_usable ())
    return;

  card = zx_board_view_get_card_widget (f->board, id);
  target = zx_board_view_get_card_widget (f->board, target_id);
  g_assert_nonnull (card);
  g_assert_nonnull (target);
  surface_point (card, gtk_widget_get_width (card) / 2.0, 20, &x0, &y0);
  surface_point (target, gtk_widget_get_width (target) / 2.0, gtk_widget_get_height (target) / 4.0, &x1, &y1);

  {
    g_autofree char *sx0 = g_strdup_printf ("%d", x0), *sy0 = g_strdup_printf ("%d", y0);
    g_autofree char *sx1 = g_strdup_printf ("%d", x1), *sy1 = g_strdup_printf ("%d", y1);
    g_autofree char *ax = g_strdup_printf ("%d", x0 + 12), *ay = g_strdup_printf ("%d", y0 + 12);
    g_autofree char *bx = g_strdup_printf ("%d", (x0 + x1) / 2), *by = g_strdup_printf ("%d", (y0 + y1) / 2);
    g_autofree char *cx = g_strdup_printf ("%d", x1 - 10), *cy = g_strdup_printf ("%d", y1 + 6);
    g_autofree char *xid = window_xid (GTK_WIDGET (f->window));
    const char *args[] = {
      "mousemove", "--window", xid, sx0, sy0, "sleep", "0.2",
      "mousedown", "1", "sleep", "0.2",
      "mousemove", "--window", xid, ax, ay, "sleep", "0.15",
      "mousemove", "--window", xid, bx, by, "sleep", "0.15",
      "mousemove", "--window", xid, cx, cy, "sleep", "0.15",
      "mousemove", "--window", xid, sx1, sy1, "sleep", "0.3",
      "mouseup", "1", "sleep", "0.2",
      NULL
    };

    run_xdotool (args);
  }
  settle ();

  {
    g_autofree char *column = card_field (f, id, "column_id");
    g_autoptr(GPtrArray) after = stored_ids (f, to);
    g_autoptr(GPtrArray) shown = zx_board_view_get_card_ids (f->board, to);
    g_autofree char *name = last_mutation_name (f);

    g_assert_cmpstr (column, ==, to);
    /* dropped on the upper half of the first card: above it */
    g_assert_cmpint (index_in (after, id), ==, 0);
    g_assert_cmpstr (g_ptr_array_index (after, 1), ==, target_id);
    assert_same_ids (after, shown);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
    g_assert_cmpstr (name, ==, "card.move");
  }
  maybe_shot (GTK_WIDGET (f->window), "kanban-after-drag");

  /* and Ctrl+Z, pressed for real, puts it back */
  {
    const char *args[] = { "key", "--clearmodifiers", "ctrl+z", "sleep", "0.2", NULL };

    run_xdotool (args);
  }
  settle ();
  {
    g_autofree char *column = card_field (f, id, "column_id");
    g_autoptr(GPtrArray) after = stored_ids (f, from);

    g_assert_cmpstr (column, ==, from);
    assert_same_ids (from_ids, after);
  }
}

/* Dragging to the right edge scrolls the board sideways; the card lands
 * in the column that came under the pointer */
static void
test_drag_autoscroll (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = card_by_title (f, "哮喘患儿随访数据统计报表");
  g_autofree char *before = card_field (f, id, "column_id");
  GtkWidget *scroller = find_descendant (GTK_WIDGET (f->board), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *card;
  int x0, y0, x1, y1;

  if (!xdotool_usable ())
    return;
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj));
  card = zx_board_view_get_card_widget (f->board, id);
  g_assert_nonnull (card);
  surface_point (card, gtk_widget_get_width (card) / 2.0, 20, &x0, &y0);
  /* 10 px inside the board's right edge, a third of the way down */
  surface_point (scroller, gtk_widget_get_width (scroller) - 10, gtk_widget_get_height (scroller) / 3.0, &x1, &y1);
  {
    g_autofree char *xid = window_xid (GTK_WIDGET (f->window));
    g_autofree char *sx0 = g_strdup_printf ("%d", x0), *sy0 = g_strdup_printf ("%d", y0);
    g_autofree char *ax = g_strdup_printf ("%d", x0 + 15), *ay = g_strdup_printf ("%d", y0 + 10);
    g_autofree char *bx = g_strdup_printf ("%d", (x0 + x1) / 2), *by = g_strdup_printf ("%d", (y0 + y1) / 2);
    g_autofree char *sx1 = g_strdup_printf ("%d", x1), *sy1 = g_strdup_printf ("%d", y1);
    g_autofree char *cx = g_strdup_printf ("%d", x1 - 2);
    const char *args[] = {
      "mousemove", "--window", xid, sx0, sy0, "sleep", "0.2",
      "mousedown", "1", "sleep", "0.2",
      "mousemove", "--window", xid, ax, ay, "sleep", "0.15",
      "mousemove", "--window", xid, bx, by, "sleep", "0.15",
      "mousemove", "--window", xid, sx1, sy1, "sleep", "0.1",
      /* the pointer resting at the edge: the board scrolls by itself */
      "mousemove", "--window", xid, cx, sy1, "sleep", "1.2",
      "mouseup", "1", "sleep", "0.3",
      NULL
    };

    run_xdotool (args);
  }
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  {
    g_autofree char *after = card_field (f, id, "column_id");
    g_autoptr(GPtrArray) columns = stored_columns (f);

    g_assert_cmpstr (after, !=, before);
    /* one of the columns that were off the screen's right side */
    g_assert_true (g_str_equal (after, column_id_at (columns, 3)) || g_str_equal (after, column_id_at (columns, 4)));
  }
}

/* The keys themselves, pressed for real: Ctrl+Shift+Down on a focused card */
static void
test_real_keys (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) columns = stored_columns (f);
  const char *column = column_id_at (columns, 2);
  g_autoptr(GPtrArray) before = stored_ids (f, column);
  g_autofree char *id = g_strdup (g_ptr_array_index (before, 0));

  if (!xdotool_usable ())
    return;
  g_assert_true (zx_board_view_focus_card (f->board, id));
  settle ();
  {
    const char *args[] = { "key", "--clearmodifiers", "ctrl+shift+Down", "sleep", "0.2", NULL };

    run_xdotool (args);
  }
  settle ();
  {
    g_autoptr(GPtrArray) after = stored_ids (f, column);

    g_assert_cmpint (index_in (after, id), ==, 1);
    g_assert_true (focused (f) == zx_board_view_get_card_widget (f->board, id));
  }
  /* Shift+F10 opens the card's menu */
  {
    const char *args[] = { "key", "--clearmodifiers", "shift+F10", "sleep", "0.2", NULL };
    GtkWidget *popover;

    run_xdotool (args);
    settle ();
    popover = find_descendant (GTK_WIDGET (f->board), GTK_TYPE_POPOVER_MENU);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    maybe_shot (GTK_WIDGET (f->window), "kanban-menu");
    gtk_popover_popdown (GTK_POPOVER (popover));
    settle ();
  }
  /* a double click opens a card too */
  {
    g_autofree char *xid = window_xid (GTK_WIDGET (f->window));
    GtkWidget *card = zx_board_view_get_card_widget (f->board, id);
    GtkWidget *editor;
    int x, y;

    g_assert_nonnull (card);
    surface_point (card, gtk_widget_get_width (card) / 2.0, 12, &x, &y);
    {
      g_autofree char *sx = g_strdup_printf ("%d", x), *sy = g_strdup_printf ("%d", y);
      const char *args[] = { "mousemove", "--window", xid, sx, sy, "sleep", "0.2",
                             "click", "--repeat", "2", "--delay", "80", "1", "sleep", "0.3", NULL };

      run_xdotool (args);
    }
    settle ();
    editor = find_toplevel (ZX_TYPE_CARD_EDITOR);
    g_assert_nonnull (editor);
    g_assert_cmpstr (zx_record_get_id (zx_record_editor_get_record (ZX_RECORD_EDITOR (editor))), ==, id);
    gtk_window_destroy (GTK_WINDOW (editor));
    drain ();
  }
  /* Return opens the focused card in its form */
  g_assert_true (zx_board_view_focus_card (f->board, id));
  settle ();
  {
    const char *args[] = { "key", "--clearmodifiers", "Return", "sleep", "0.2", NULL };
    GtkWidget *editor;

    run_xdotool (args);
    settle ();
    editor = find_toplevel (ZX_TYPE_CARD_EDITOR);
    g_assert_nonnull (editor);
    g_assert_cmpstr (zx_record_get_id (zx_record_editor_get_record (ZX_RECORD_EDITOR (editor))), ==, id);
    gtk_window_destroy (GTK_WINDOW (editor));
    drain ();
  }
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

  ADD ("/gui/kanban/opens", test_opens);
  ADD ("/gui/kanban/keyboard-move-undo", test_keyboard_move_and_undo);
  ADD ("/gui/kanban/blocked-asks", test_blocked_asks);
  ADD ("/gui/kanban/filters", test_filters);
  ADD ("/gui/kanban/delete-undo", test_delete_undo);
  ADD ("/gui/kanban/editors", test_editors);
  ADD ("/gui/kanban/columns-dialog", test_columns_dialog);
  ADD ("/gui/kanban/views", test_views);
  ADD ("/gui/kanban/roles", test_roles);
  ADD ("/gui/kanban/signed-in", test_signed_in);
  ADD ("/gui/kanban/supervise", test_supervise);
  ADD ("/gui/kanban/pointer-drag", test_pointer_drag);
  ADD ("/gui/kanban/drag-autoscroll", test_drag_autoscroll);
  ADD ("/gui/kanban/real-keys", test_real_keys);

#undef ADD

  {
    int status = g_test_run ();

    zx_test_account_cleanup ();
    return status;
  }
}
