/* test-gui-review.c — the weekly OKR review meeting: starting it, walking
 * it, decisions and their owners, the minutes
 *
 * Runs under Xvfb on a temporary database filled with the demo hospital.
 * The view is shown alone in a window of the size the OKR area gives it.
 *
 * With ZX_TEST_SHOTS=DIR it saves PNGs of the view to look at; with
 * ZX_TEST_DARK=1 in dark mode; with ZX_TEST_LOCALEDIR=DIR (holding
 * zh_CN/LC_MESSAGES/zhixing.mo) and LANGUAGE=zh_CN in Chinese.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "okr/zx-review-view.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-okr.h"
#define ZX_TEST_GUI_OWN_TEMPLATE_CHILD /* this test has its own */
#define ZX_TEST_GUI_OWN_SHOTS /* this test has its own */
#include "zx-test-gui.h"
#include "zx-test-util.h"

#define TODAY      "2026-11-18"
#define NOW        "2026-11-18T02:00:00Z"
#define MONDAY     "2026-11-16"
#define DEPARTMENT "心血管内科"

typedef struct
{
  char         *dir;
  ZxStore      *store;
  ZxContext    *context;
  GtkWidget    *window;
  ZxReviewView *view;
  char         *department_id;
  char         *cycle_id;
} Fixture;

/* Main loop helpers --------------------------------------------------------- */

static gpointer
template_child (ZxReviewView *view,
                const char   *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (view), ZX_TYPE_REVIEW_VIEW, name);

  g_assert_nonnull (child);
  return child;
}

/* Widgets under @root (depth first) that are drawn and have @css_class */
static guint
count_shown_with_class (GtkWidget  *root,
                        const char *css_class)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (gtk_widget_has_css_class (child, css_class))
        n++;
      n += count_shown_with_class (child, css_class);
    }
  return n;
}

/* The button under @root showing the icon @icon_name */
static GtkWidget *
find_icon_button (GtkWidget  *root,
                  const char *icon_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), icon_name) == 0)
        return child;
      if ((found = find_icon_button (child, icon_name)) != NULL)
        return found;
    }
  return NULL;
}

/* The rows of a decision list (without its add row) */
static guint
count_decision_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += ADW_IS_ACTION_ROW (child);
  return n;
}

static GtkWidget *
first_decision_row (GtkListBox *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      return child;
  return NULL;
}

/* The @n-th GtkDropDown in @row: 0 owner, 1 status */
static GtkDropDown *
row_dropdown (GtkWidget *row,
              guint      n)
{
  GtkWidget *found = NULL;
  GtkWidget *stack[64];
  guint depth = 0;

  stack[depth++] = row;
  while (depth > 0)
    {
      GtkWidget *widget = stack[--depth];
      g_autoptr(GPtrArray) children = g_ptr_array_new ();

      if (GTK_IS_DROP_DOWN (widget) && n-- == 0)
        {
          found = widget;
          break;
        }
      if (GTK_IS_DROP_DOWN (widget))
        continue;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (children, c);
      for (guint i = children->len; i-- > 0 && depth < G_N_ELEMENTS (stack);)
        stack[depth++] = g_ptr_array_index (children, i);
    }
  g_assert_nonnull (found);
  return GTK_DROP_DOWN (found);
}

static void
set_buffer (GtkTextView *view,
            const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  /* as typing does: an edit of the buffer */
  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  drain ();
}

/* With ZX_TEST_SHOTS=DIR, saves a PNG of @widget as DIR/NAME.png */
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
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strdup_printf ("%s/%s%s.png", dir, name, g_getenv ("ZX_TEST_DARK") != NULL ? "-dark" : "");
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

/* Messages are checked in English only (screenshots may run in Chinese) */
static gboolean
english (void)
{
  return g_getenv ("ZX_TEST_LOCALEDIR") == NULL;
}

/* Fixture --------------------------------------------------------------------- */

static char *
find_id (ZxStore    *store,
         const char *entity,
         const char *where,
         const char *value)
{
  const char *params[] = { value, NULL };
  g_autoptr(GListStore) found = zx_store_list (store, entity, where, params);
  g_autoptr(ZxRecord) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), >, 0);
  first = g_list_model_get_item (G_LIST_MODEL (found), 0);
  return g_strdup (zx_record_get_id (first));
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
  zx_store_set_now (f->store, NOW);
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);
  f->department_id = find_id (f->store, "department", "name = ?", DEPARTMENT);
  f->cycle_id = zx_cycle_find (f->store, "2026-Q4");
  g_assert_nonnull (f->cycle_id);
  if (data != NULL)
    {
      /* someone of 骨科 is using the program */
      g_autofree char *department = find_id (f->store, "department", "name = ?", "骨科");
      g_autofree char *staff = find_id (f->store, "staff", "department_id = ?", department);

      zx_store_set_actor (f->store, staff);
    }
  f->context = zx_context_new (f->store, NULL);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 650);
  f->view = ZX_REVIEW_VIEW (zx_review_view_new (f->context));
  g_object_set (f->view, "cycle-id", f->cycle_id, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_assert_null (f->view);
  g_clear_object (&f->context);
  g_assert_finalize_object (f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->department_id);
  g_free (f->cycle_id);
}

/* The latest check-in of @kr_id, found here independently */
static JsonObject *
latest_check_in (ZxStore    *store,
                 const char *kr_id)
{
  const char *params[] = { kr_id, NULL };
  g_autoptr(GListStore) all = zx_store_list (store, "check_in", "key_result_id = ?", params);
  g_autofree char *best_key = NULL;
  JsonObject *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(ZxRecord) c = g_list_model_get_item (G_LIST_MODEL (all), i);
      g_autofree char *key = g_strconcat (zx_record_get_string (c, "week"), " ",
                                          zx_record_get_string (c, "created_at"), NULL);

      if (best_key == NULL || strcmp (key, best_key) > 0)
        {
          g_free (best_key);
          best_key = g_steal_pointer (&key);
          g_clear_pointer (&best, json_object_unref);
          best = json_object_ref (zx_record_get_object (c));
        }
    }
  return best;
}

static const char *
member_or_null (JsonObject *object,
                const char *member)
{
  if (object == NULL || !json_object_has_member (object, member) || json_object_get_null_member (object, member))
    return NULL;
  return json_object_get_string_member (object, member);
}

/* Tests ------------------------------------------------------------------------ */

/* One item per live key result of the department's active objectives of the
 * cycle, filled in from the latest check-ins, in one transaction */
static void
test_start (Fixture       *f,
            gconstpointer  data)
{
  const char *by_department[] = { f->department_id, NULL };
  g_autoptr(GListStore) objectives = zx_store_list (f->store, "objective",
                                                    "department_id = ? AND status = 'active'", by_department);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting_id = NULL;
  gint64 queued = zx_store_queue_length (f->store);
  gint64 meetings = zx_store_count (f->store, "meeting", NULL, NULL);
  const char *by_meeting[] = { NULL, NULL };
  g_autoptr(GListStore) items = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  guint prefilled = 0, personal = 0;
  GDate week;

  /* what the review should cover, worked out here: department objectives
   * first, then personal ones */
  for (int level = 0; level < 2; level++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (objectives)); i++)
      {
        g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (objectives), i);
        const char *by_objective[] = { zx_record_get_id (o), NULL };
        g_autoptr(GListStore) krs = NULL;
        g_autofree char *cycle = g_strdup (zx_record_get_string (o, "cycle_id"));

        if (g_strcmp0 (zx_record_get_string (o, "level"), level == 0 ? "department" : "personal") != 0)
          continue;
        /* the quarter's, or its year's */
        if (g_strcmp0 (cycle, f->cycle_id) != 0)
          {
            g_autoptr(JsonObject) quarter = zx_store_get (f->store, "cycle", f->cycle_id, NULL);

            if (g_strcmp0 (cycle, member_or_null (quarter, "parent_id")) != 0)
              continue;
          }
        krs = zx_store_list (f->store, "key_result", "objective_id = ?", by_objective);
        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (krs)); k++)
          {
            g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), k);

            g_ptr_array_add (expected, g_strdup (zx_record_get_id (kr)));
            personal += level == 1;
          }
      }
  g_assert_cmpuint (expected->len, >, 2);
  g_assert_cmpuint (personal, >, 0);

  /* a day in the middle of the week: the meeting is dated its Monday */
  g_date_clear (&week, 1);
  g_date_set_dmy (&week, 18, 11, 2026);
  g_assert_true (zx_review_start (f->store, f->department_id, f->cycle_id, &week, &meeting_id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (meeting_id);

  /* the meeting and its items, queued for sync together */
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1 + (gint64) expected->len);
  meeting = zx_store_get (f->store, "meeting", meeting_id, NULL);
  g_assert_cmpstr (member_or_null (meeting, "held_on"), ==, MONDAY);
  if (english ())
    g_assert_cmpstr (member_or_null (meeting, "title"), ==, "Weekly OKR review " MONDAY);
  g_assert_cmpstr (member_or_null (meeting, "kind"), ==, "weekly_review");
  g_assert_cmpstr (member_or_null (meeting, "department_id"), ==, f->department_id);
  g_assert_cmpstr (member_or_null (meeting, "cycle_id"), ==, f->cycle_id);

  by_meeting[0] = meeting_id;
  items = zx_store_list (f->store, "meeting_item", "meeting_id = ?", by_meeting);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      const char *kr = zx_record_get_string (item, "key_result_id");
      g_autoptr(JsonObject) check_in = latest_check_in (f->store, kr);

      /* in order (items list by rank) */
      g_assert_cmpstr (kr, ==, g_ptr_array_index (expected, i));
      g_assert_cmpstr (zx_record_get_string (item, "progress"), ==, member_or_null (check_in, "note"));
      g_assert_cmpstr (zx_record_get_string (item, "obstacles"), ==, member_or_null (check_in, "obstacles"));
      g_assert_cmpstr (zx_record_get_string (item, "support_needed"), ==,
                       member_or_null (check_in, "support_needed"));
      prefilled += member_or_null (check_in, "note") != NULL;
    }
  /* the demo has check-ins with notes to copy */
  g_assert_cmpuint (prefilled, >, 0);

  /* a failure writes nothing: not even the meeting */
  queued = zx_store_queue_length (f->store);
  meetings = zx_store_count (f->store, "meeting", NULL, NULL);
  g_assert_false (zx_review_start (f->store, f->department_id, "no-such-cycle", &week, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  g_assert_cmpint (zx_store_count (f->store, "meeting", NULL, NULL), ==, meetings);
}

/* Through the widget: open, walk, answer, decide; flags after 24 hours */
static void
test_meeting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting_id = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "minutes.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *kr_id = NULL;
  g_autofree char *decision_id = NULL;
  g_autoptr(ZxRecord) first = NULL;
  g_autoptr(ZxRecord) second = NULL;
  g_autoptr(JsonObject) stored = NULL;
  const char *by_meeting[] = { NULL, NULL };
  GtkListBox *item_decisions = template_child (f->view, "item_decisions");
  GtkListBox *meeting_list = template_child (f->view, "meeting_list");
  GtkMenuButton *step = template_child (f->view, "step_button");
  GtkWidget *row;
  g_autofree char *expected_step = NULL;
  gsize length;
  guint n;
  GDate week;

  /* the view starts on the department of nobody in particular: the first */
  g_assert_nonnull (zx_review_view_get_department (f->view));
  zx_review_view_set_department (f->view, f->department_id);
  g_assert_cmpstr (zx_review_view_get_department (f->view), ==, f->department_id);
  g_assert_cmpuint (g_list_model_get_n_items (zx_review_view_get_meetings (f->view)), ==, 1);   /* the demo's */
  maybe_shot (f->window, "review-empty");

  /* last week's review, written up now (the demo has this week's) */
  g_date_clear (&week, 1);
  g_date_set_dmy (&week, 12, 11, 2026);
  g_assert_true (zx_review_start (f->store, f->department_id, f->cycle_id, &week, &meeting_id, &error));
  g_assert_no_error (error);
  settle ();

  /* the list shows it, newest first: after this week's */
  g_assert_cmpuint (g_list_model_get_n_items (zx_review_view_get_meetings (f->view)), ==, 2);
  {
    g_autoptr(ZxRecord) older = g_list_model_get_item (zx_review_view_get_meetings (f->view), 1);

    g_assert_cmpstr (zx_record_get_id (older), ==, meeting_id);
    g_assert_cmpstr (zx_record_get_string (older, "held_on"), ==, "2026-11-09");
  }
  g_assert_nonnull (gtk_list_box_get_row_at_index (meeting_list, 1));
  g_assert_null (gtk_list_box_get_row_at_index (meeting_list, 2));

  /* open it from the list */
  g_signal_emit_by_name (meeting_list, "row-activated", gtk_list_box_get_row_at_index (meeting_list, 1));
  drain ();
  g_assert_cmpstr (zx_review_view_get_meeting (f->view), ==, meeting_id);
  n = zx_review_view_get_n_items (f->view);
  by_meeting[0] = meeting_id;
  g_assert_cmpint (n, ==, zx_store_count (f->store, "meeting_item", "meeting_id = ?", by_meeting));
  g_assert_cmpuint (zx_review_view_get_position (f->view), ==, 0);
  expected_step = g_strdup_printf ("1 of %u", n);
  if (english ())
    g_assert_cmpstr (gtk_menu_button_get_label (step), ==, expected_step);
  maybe_shot (f->window, "review-item");

  /* the first item's answers are its latest check-in's */
  {
    g_autoptr(GListStore) items = zx_store_list (f->store, "meeting_item", "meeting_id = ?", by_meeting);

    first = g_list_model_get_item (G_LIST_MODEL (items), 0);
    second = g_list_model_get_item (G_LIST_MODEL (items), 1);
  }
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (template_child (f->view, "progress_view"));
    GtkTextIter s, e;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &s, &e);
    text = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
    g_assert_cmpstr (text, ==, zx_record_get_string (first, "progress") ? zx_record_get_string (first, "progress") : "");
  }

  /* Previous does nothing on the first item; Next moves on */
  g_assert_false (gtk_widget_is_sensitive (template_child (f->view, "previous_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "review.next", NULL));
  drain ();
  g_assert_cmpuint (zx_review_view_get_position (f->view), ==, 1);
  g_free (expected_step);
  expected_step = g_strdup_printf ("2 of %u", n);
  if (english ())
    g_assert_cmpstr (gtk_menu_button_get_label (step), ==, expected_step);
  g_assert_true (gtk_widget_is_sensitive (template_child (f->view, "previous_button")));

  /* what is in the way: saved on leaving the item, only that field */
  set_buffer (template_child (f->view, "obstacles_view"), "信息科接口排期未定");
  {
    gint64 queued = zx_store_queue_length (f->store);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "review.previous", NULL));
    drain ();
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
    stored = zx_store_get (f->store, "meeting_item", zx_record_get_id (second), NULL);
    g_assert_cmpstr (member_or_null (stored, "obstacles"), ==, "信息科接口排期未定");
    g_assert_cmpstr (member_or_null (stored, "progress"), ==, zx_record_get_string (second, "progress"));
    g_clear_pointer (&stored, json_object_unref);

    /* going back and forth without typing writes nothing */
    zx_review_view_set_position (f->view, 1);
    zx_review_view_set_position (f->view, 0);
    zx_review_view_set_position (f->view, 1);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued + 1);
  }
  /* …and when the field loses the focus */
  gtk_widget_grab_focus (template_child (f->view, "support_view"));
  set_buffer (template_child (f->view, "support_view"), "请院办协调信息科");
  gtk_widget_grab_focus (template_child (f->view, "item_decision_entry"));
  drain ();
  stored = zx_store_get (f->store, "meeting_item", zx_record_get_id (second), NULL);
  g_assert_cmpstr (member_or_null (stored, "support_needed"), ==, "请院办协调信息科");
  g_clear_pointer (&stored, json_object_unref);

  /* a decision without an owner */
  g_assert_cmpuint (count_decision_rows (item_decisions), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (template_child (f->view, "item_decision_entry")), "协调信息科开通病历质控接口");
  gtk_drop_down_set_selected (template_child (f->view, "item_owner_dropdown"), 0);
  gtk_editable_set_text (GTK_EDITABLE (template_child (f->view, "item_deadline_entry")), "2026-11-30");
  g_signal_emit_by_name (template_child (f->view, "item_add_button"), "clicked");
  drain ();
  {
    g_autoptr(GListStore) decisions = zx_store_list (f->store, "decision", "meeting_id = ?", by_meeting);
    g_autoptr(ZxRecord) d = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (decisions)), ==, 1);
    d = g_list_model_get_item (G_LIST_MODEL (decisions), 0);
    decision_id = g_strdup (zx_record_get_id (d));
    kr_id = g_strdup (zx_record_get_string (second, "key_result_id"));
    g_assert_cmpstr (zx_record_get_string (d, "content"), ==, "协调信息科开通病历质控接口");
    g_assert_null (zx_record_get_string (d, "owner_id"));
    g_assert_cmpstr (zx_record_get_string (d, "deadline"), ==, "2026-11-30");
    g_assert_cmpstr (zx_record_get_string (d, "status"), ==, "open");
    g_assert_cmpstr (zx_record_get_string (d, "key_result_id"), ==, kr_id);
    g_assert_cmpstr (zx_record_get_string (d, "created_at"), ==, NOW);
  }
  /* the form is cleared for the next one */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (f->view, "item_decision_entry"))), ==, "");
  g_assert_cmpuint (count_decision_rows (item_decisions), ==, 1);
  row = first_decision_row (item_decisions);
  /* “No owner” shows, not yet flagged */
  g_assert_cmpuint (count_shown_with_class (row, "zx-tag"), ==, 1);
  g_assert_cmpuint (count_shown_with_class (row, "flagged"), ==, 0);

  /* 23 hours later: still not flagged */
  zx_store_set_now (f->store, "2026-11-19T01:00:00Z");
  zx_review_view_refresh (f->view);
  g_assert_cmpuint (count_shown_with_class (GTK_WIDGET (item_decisions), "flagged"), ==, 0);
  g_assert_cmpuint (count_shown_with_class (GTK_WIDGET (gtk_list_box_get_row_at_index (meeting_list, 1)), "flagged"), ==, 0);
  g_assert_cmpuint (zx_review_count_flagged (f->store, meeting_id, 24), ==, 0);

  /* 25 hours later: flagged, in the meeting and in the list of meetings */
  zx_store_set_now (f->store, "2026-11-19T03:00:00Z");
  zx_review_view_refresh (f->view);
  g_assert_true (first_decision_row (item_decisions) == row);   /* updated in place */
  g_assert_cmpuint (count_shown_with_class (row, "flagged"), ==, 1);
  g_assert_cmpuint (count_shown_with_class (GTK_WIDGET (gtk_list_box_get_row_at_index (meeting_list, 1)), "flagged"), ==, 1);
  g_assert_cmpuint (zx_review_count_flagged (f->store, meeting_id, 24), ==, 1);
  maybe_shot (f->window, "review-flagged");

  /* an owner clears the flag */
  {
    GtkDropDown *owner = row_dropdown (row, 0);

    g_assert_cmpuint (gtk_drop_down_get_selected (owner), ==, 0);
    gtk_drop_down_set_selected (owner, 1);
    drain ();
    stored = zx_store_get (f->store, "decision", decision_id, NULL);
    g_assert_nonnull (member_or_null (stored, "owner_id"));
    g_clear_pointer (&stored, json_object_unref);
    g_assert_cmpuint (count_shown_with_class (row, "zx-tag"), ==, 0);
    g_assert_cmpuint (count_shown_with_class (GTK_WIDGET (gtk_list_box_get_row_at_index (meeting_list, 1)), "flagged"), ==, 0);
    g_assert_cmpuint (zx_review_count_flagged (f->store, meeting_id, 24), ==, 0);
  }

  /* the status menu */
  gtk_drop_down_set_selected (row_dropdown (row, 1), 1);
  drain ();
  stored = zx_store_get (f->store, "decision", decision_id, NULL);
  g_assert_cmpstr (member_or_null (stored, "status"), ==, "done");
  g_clear_pointer (&stored, json_object_unref);

  /* delete, and undo */
  {
    GtkWidget *remove = find_icon_button (row, "user-trash-symbolic");

    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
    drain ();
    g_assert_cmpint (zx_store_count (f->store, "decision", "meeting_id = ?", by_meeting), ==, 0);
    g_assert_cmpuint (count_decision_rows (item_decisions), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "review.undo", NULL));
    settle ();
    g_assert_cmpint (zx_store_count (f->store, "decision", "meeting_id = ?", by_meeting), ==, 1);
    g_assert_cmpuint (count_decision_rows (item_decisions), ==, 1);
  }

  /* a bad deadline is refused, nothing written */
  gtk_editable_set_text (GTK_EDITABLE (template_child (f->view, "item_decision_entry")), "下周例会汇报");
  gtk_editable_set_text (GTK_EDITABLE (template_child (f->view, "item_deadline_entry")), "30/11/2026");
  g_signal_emit_by_name (template_child (f->view, "item_add_button"), "clicked");
  drain ();
  g_assert_cmpint (zx_store_count (f->store, "decision", "meeting_id = ?", by_meeting), ==, 1);
  g_assert_true (gtk_widget_has_css_class (template_child (f->view, "item_deadline_entry"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (template_child (f->view, "item_deadline_entry")), "");
  g_assert_false (gtk_widget_has_css_class (template_child (f->view, "item_deadline_entry"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (template_child (f->view, "item_decision_entry")), "");

  /* the summary: minutes, a decision for the whole meeting */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "review.go-to", "u", n));
  drain ();
  g_assert_cmpuint (zx_review_view_get_position (f->view), ==, n);
  if (english ())
    g_assert_cmpstr (gtk_menu_button_get_label (step), ==, "Summary");
  g_assert_false (gtk_widget_is_sensitive (template_child (f->view, "next_button")));
  set_buffer (template_child (f->view, "notes_view"), "逐项复盘科室关键成果，明确责任人与完成时限。");
  gtk_editable_set_text (GTK_EDITABLE (template_child (f->view, "summary_decision_entry")), "下周起例会前一天提交进展");
  g_signal_emit_by_name (template_child (f->view, "summary_decision_entry"), "activate");
  drain ();
  g_assert_cmpuint (count_decision_rows (template_child (f->view, "summary_decisions")), ==, 1);
  g_assert_cmpuint (count_decision_rows (template_child (f->view, "kr_decisions")), ==, 1);
  g_assert_cmpint (zx_store_count (f->store, "decision", "meeting_id = ? AND key_result_id IS NULL", by_meeting), ==, 1);
  maybe_shot (f->window, "review-summary");

  /* the minutes, with what was typed saved first */
  g_assert_true (zx_review_view_export_minutes (f->view, pdf, &error));
  g_assert_no_error (error);
  stored = zx_store_get (f->store, "meeting", meeting_id, NULL);
  g_assert_cmpstr (member_or_null (stored, "notes"), ==, "逐项复盘科室关键成果，明确责任人与完成时限。");
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

/* The signed-in person's department comes first */
static void
test_default_department (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *department = find_id (f->store, "department", "name = ?", "骨科");

  g_assert_cmpstr (zx_review_view_get_department (f->view), ==, department);
  /* its meeting is listed */
  g_assert_cmpuint (g_list_model_get_n_items (zx_review_view_get_meetings (f->view)), ==, 1);

  /* …unless the OKR area names one */
  {
    GtkWidget *other = g_object_new (ZX_TYPE_REVIEW_VIEW, "context", f->context,
                                     "department-id", f->department_id, "cycle-id", f->cycle_id, NULL);
    g_autofree char *read = NULL;

    g_object_ref_sink (other);
    g_object_get (other, "department-id", &read, NULL);
    g_assert_cmpstr (read, ==, f->department_id);
    g_assert_cmpuint (g_list_model_get_n_items (zx_review_view_get_meetings (ZX_REVIEW_VIEW (other))), ==, 1);
    g_assert_finalize_object (other);
  }
}

/* Ctrl+N asks for the week, with this week's Monday and a title to start from */
static void
test_start_dialog (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *week_row, *title_row;
  const char *by_department[] = { f->department_id, NULL };
  gint64 meetings;

  zx_review_view_set_department (f->view, f->department_id);
  meetings = zx_store_count (f->store, "meeting", "department_id = ?", by_department);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "review.start", NULL));
  drain ();
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  wait_mapped (GTK_WIDGET (dialog));
  week_row = find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (week_row);
  title_row = gtk_widget_get_next_sibling (week_row);
  g_assert_true (ADW_IS_ENTRY_ROW (title_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (week_row)), ==, MONDAY);
  if (english ())
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Weekly OKR review " MONDAY);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "start"));
  maybe_shot (GTK_WIDGET (dialog), "review-start-dialog");

  /* not a date: cannot start, Enter does nothing */
  gtk_editable_set_text (GTK_EDITABLE (week_row), "next week");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "start"));
  gtk_widget_activate_action (week_row, "default.activate", NULL);
  drain ();
  g_assert_true (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == GTK_WIDGET (dialog));
  g_assert_cmpint (zx_store_count (f->store, "meeting", "department_id = ?", by_department), ==, meetings);
  /* another week: the title follows */
  gtk_editable_set_text (GTK_EDITABLE (week_row), "2026-11-26");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "start"));
  if (english ())
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Weekly OKR review 2026-11-23");
  /* …until the person writes their own */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "心血管内科第47周OKR例会");
  gtk_editable_set_text (GTK_EDITABLE (week_row), "2026-11-23");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "心血管内科第47周OKR例会");

  /* Enter in the week: starts, and the dialog closes */
  g_assert_true (gtk_widget_activate_action (week_row, "default.activate", NULL));
  /* a button activated from the keyboard clicks after 250 ms */
  settle ();
  settle ();
  settle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (zx_store_count (f->store, "meeting", "department_id = ?", by_department), ==, meetings + 1);
  {
    g_autoptr(JsonObject) meeting = zx_store_get (f->store, "meeting", zx_review_view_get_meeting (f->view), NULL);

    g_assert_cmpstr (member_or_null (meeting, "title"), ==, "心血管内科第47周OKR例会");
    g_assert_cmpstr (member_or_null (meeting, "held_on"), ==, "2026-11-23");
  }
  g_assert_cmpuint (zx_review_view_get_position (f->view), ==, 0);
  g_assert_true (gtk_widget_has_focus (template_child (f->view, "progress_view")));
}

/* Filled in while hidden (the OKR area shows another view first), then
 * shown: the answers' fields take the height of their text, not more */
static void
test_shown_later (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *meeting_id = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *progress = template_child (f->view, "progress_view");
  GDate week;

  g_object_ref (f->view);
  gtk_window_set_child (GTK_WINDOW (f->window), stack);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("another view"), "other");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (f->view), "review");
  g_object_unref (f->view);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "other");
  settle ();

  zx_review_view_set_department (f->view, f->department_id);
  g_date_clear (&week, 1);
  g_date_set_dmy (&week, 9, 11, 2026);
  g_assert_true (zx_review_start (f->store, f->department_id, f->cycle_id, &week, &meeting_id, &error));
  g_assert_no_error (error);
  zx_review_view_open_meeting (f->view, meeting_id);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "review.next", NULL);
  drain ();

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "review");
  settle ();
  maybe_shot (f->window, "review-shown-later");
  /* a line or two of text in a field 600 px wide */
  g_assert_cmpint (gtk_widget_get_width (progress), >, 500);
  g_assert_cmpint (gtk_widget_get_height (progress), <, 100);
}

/* Narrow: the list and the meeting fold into one column */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *meeting_id = NULL;
  g_autoptr(GError) error = NULL;
  AdwLeaflet *leaflet = template_child (f->view, "leaflet");
  GDate week;

  zx_review_view_set_department (f->view, f->department_id);
  g_date_clear (&week, 1);
  g_date_set_dmy (&week, 16, 11, 2026);
  g_assert_true (zx_review_start (f->store, f->department_id, f->cycle_id, &week, &meeting_id, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 560, 650);
  settle ();
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_signal_emit_by_name (template_child (f->view, "meeting_list"), "row-activated",
                         gtk_list_box_get_row_at_index (template_child (f->view, "meeting_list"), 0));
  settle ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (gtk_widget_get_visible (template_child (f->view, "back_button")));
  maybe_shot (f->window, "review-narrow");
  g_signal_emit_by_name (template_child (f->view, "back_button"), "clicked");
  settle ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ZX_TEST_LOCALEDIR");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (localedir != NULL)
    {
      /* gtk_test_init() chose en_US */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  {
    /* what AdwApplication would load */
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/io/github/zhixing/Zhixing/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  if (g_getenv ("ZX_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add ("/gui/review/start", Fixture, NULL, fixture_setup, test_start, fixture_teardown);
  g_test_add ("/gui/review/meeting", Fixture, NULL, fixture_setup, test_meeting, fixture_teardown);
  g_test_add ("/gui/review/default-department", Fixture, "actor", fixture_setup, test_default_department,
              fixture_teardown);
  g_test_add ("/gui/review/start-dialog", Fixture, NULL, fixture_setup, test_start_dialog, fixture_teardown);
  g_test_add ("/gui/review/shown-later", Fixture, NULL, fixture_setup, test_shown_later, fixture_teardown);
  g_test_add ("/gui/review/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);

  return g_test_run ();
}
