/* test-gui-card-editor.c — the collaboration request form, filled through its widgets
 *
 * Runs under Xvfb on a temporary database filled with the demo hospital.
 * With ZX_TEST_SHOTS=DIR the forms are saved as DIR/kanban-card-*-{light,dark}.png.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kanban/zx-card-editor.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-kanban.h"
#include "zx-record-editor.h"
#include "zx-test-gui.h"
#include "zx-test-account.h"
#include "zx-test-util.h"
#include "zx-window.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char      *dir;
  ZxStore   *store;
  ZxContext *context;
  ZxWindow  *window;
  char      *board;
} Fixture;

/* Widgets --------------------------------------------------------------------------- */

static gboolean
is_open (GtkWidget *editor)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == G_OBJECT (editor))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
child (GtkWidget  *editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (editor, ZX_TYPE_CARD_EDITOR, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GObject *
child_object (GtkWidget  *editor,
              const char *name)
{
  GObject *object = gtk_widget_get_template_child (editor, ZX_TYPE_CARD_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (c))
        continue;
      if (ADW_IS_PREFERENCES_ROW (c) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        return c;
      if ((found = find_row (c, title)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
row (GtkWidget  *editor,
     const char *title)
{
  GtkWidget *found = find_row (editor, title);

  if (found == NULL)
    g_error ("no visible row “%s” in the form", title);
  return found;
}

static void
type_into (GtkWidget  *editor,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (editor, title)), text);
  drain ();
}

static GPtrArray *
labels_of (GtkWidget  *editor,
           const char *title)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row (editor, title)));
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_ptr_array_add (labels, g_strdup (gtk_string_object_get_string (item)));
    }
  return labels;
}

static void
choose (GtkWidget  *editor,
        const char *title,
        const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (editor, title));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (combo, i);
          drain ();
          return;
        }
    }
  g_error ("no “%s” in the row “%s”", label, title);
}

static const char *
chosen (GtkWidget  *editor,
        const char *title)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (editor, title));
  g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (combo),
                                                           adw_combo_row_get_selected (combo));

  return item != NULL ? g_intern_string (gtk_string_object_get_string (item)) : NULL;
}

static gboolean
can_save (GtkWidget *editor)
{
  return zx_record_editor_is_valid (ZX_RECORD_EDITOR (editor)) &&
         gtk_widget_get_sensitive (child (editor, "save_button"));
}

static guint
n_list_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;
  return n;
}

/* The text of every row of @list, joined */
static char *
list_text (GtkWidget *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i) != NULL; i++)
    {
      GtkListBoxRow *r = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);

      if (ADW_IS_ACTION_ROW (r))
        g_string_append_printf (text, "%s|%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r)),
                                adw_action_row_get_subtitle (ADW_ACTION_ROW (r)));
      else
        {
          GtkWidget *box = gtk_list_box_row_get_child (r);

          for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
            if (GTK_IS_LABEL (c))
              g_string_append_printf (text, "%s|", gtk_label_get_text (GTK_LABEL (c)));
          g_string_append_c (text, '\n');
        }
    }
  return g_string_free (text, FALSE);
}

static void
set_text (GtkWidget  *editor,
          const char *buffer,
          const char *text)
{
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (child_object (editor, buffer)), text, -1);
  drain ();
}

static GtkScrolledWindow *
find_scroller (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (c))
        return GTK_SCROLLED_WINDOW (c);
      if ((found = find_scroller (c)) != NULL)
        return found;
    }
  return NULL;
}

/* Sends a key press to the comment box's own key controller; TRUE when it
 * took the key */
static gboolean
press_in_comment_box (GtkWidget       *editor,
                      guint            keyval,
                      GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (child (editor, "comment_view"));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }
  g_error ("the comment box has no key controller of its own");
}

/* Store helpers --------------------------------------------------------------------- */

static char *
id_where (ZxStore            *store,
          const char         *entity,
          const char         *where,
          const char * const *params)
{
  g_autoptr(GListStore) rows = zx_store_list (store, entity, where, params);
  g_autoptr(ZxRecord) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);

  g_assert_nonnull (first);
  return g_strdup (zx_record_get_id (first));
}

static char *
department_id (ZxStore    *store,
               const char *name)
{
  const char *params[] = { name, NULL };

  return id_where (store, "department", "name = ?", params);
}

static char *
card_by_title (ZxStore    *store,
               const char *title)
{
  const char *params[] = { title, NULL };

  return id_where (store, "card", "title = ?", params);
}

static ZxRecord *
record_of (ZxStore    *store,
           const char *entity,
           const char *id)
{
  JsonObject *r = zx_store_get (store, entity, id, NULL);

  g_assert_nonnull (r);
  return zx_record_new (zx_schema_lookup (entity), r);
}

static char *
get_str (ZxStore    *store,
         const char *entity,
         const char *id,
         const char *field)
{
  g_autoptr(JsonObject) r = zx_store_get (store, entity, id, NULL);

  g_assert_nonnull (r);
  return g_strdup (json_object_get_string_member_with_default (r, field, NULL));
}

static gint64
count (ZxStore    *store,
       const char *entity,
       const char *where,
       const char *param)
{
  const char *params[] = { param, NULL };

  return zx_store_count (store, entity, where, param != NULL ? params : NULL);
}

/* The titles of the live department key results of @department_id, of the
 * cycles running on TODAY */
static GPtrArray *
department_kr_titles (ZxStore    *store,
                      const char *department_id)
{
  const char *params[] = { department_id, TODAY, TODAY, NULL };
  g_autoptr(GListStore) objectives = zx_store_list (store, "objective",
                                                    "level = 'department' AND department_id = ? AND cycle_id IN "
                                                    "(SELECT id FROM cycle WHERE start_date <= ? AND end_date >= ?)",
                                                    params);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (objectives)); i++)
    {
      g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (objectives), i);
      const char *by[] = { zx_record_get_id (o), NULL };
      g_autoptr(GListStore) krs = zx_store_list (store, "key_result", "objective_id = ?", by);

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (krs)); k++)
        {
          g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), k);

          g_ptr_array_add (titles, g_strdup_printf ("%s › %s", zx_record_get_string (o, "title"),
                                                    zx_record_get_string (kr, "title")));
        }
    }
  return titles;
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
  zx_store_set_now (f->store, NOW);
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);
  f->board = zx_kanban_ensure_board (f->store, &error);
  g_assert_no_error (error);

  f->context = zx_context_new (f->store, NULL);
  f->window = zx_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (ZX_IS_RECORD_EDITOR (window))
        gtk_window_destroy (GTK_WINDOW (window));
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->board);
}

static GtkWidget *
open_editor (Fixture    *f,
             ZxRecord   *record,
             const char *department)
{
  GtkWidget *editor = zx_card_editor_new (f->context, f->board, record, department);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (editor));
  wait_mapped (editor);
  return editor;
}

static void
save (GtkWidget *editor)
{
  g_assert_true (can_save (editor));
  g_object_ref (editor);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  drain ();
  g_assert_false (is_open (editor));
  g_object_unref (editor);
}

/* Tests ------------------------------------------------------------------------------ */

/* A new request through the form: in the first column, with a "created" event */
static void
test_new_card (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *cardiology = department_id (f->store, "心血管内科");
  g_autofree char *it = department_id (f->store, "信息科");
  g_autoptr(GPtrArray) columns = zx_kanban_list_columns (f->store, f->board, FALSE);
  g_autoptr(GPtrArray) krs = department_kr_titles (f->store, cardiology);
  g_autofree char *id = NULL;
  gint64 cards = count (f->store, "card", NULL, NULL);
  GtkWidget *editor;

  editor = open_editor (f, NULL, cardiology);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==,
                   "New Collaboration Request");
  /* the requesting department is the one given; nothing else is chosen */
  g_assert_cmpstr (chosen (editor, "Requesting department"), ==, "心血管内科");
  g_assert_cmpstr (chosen (editor, "Key result served"), ==, "None");
  g_assert_cmpstr (chosen (editor, "Priority"), ==, "Normal");
  g_assert_cmpstr (chosen (editor, "Assignee"), ==, "Nobody yet");
  g_assert_cmpstr (chosen (editor, "Blocked by"), ==, "Nothing");
  /* an existing request's sections are not there yet */
  g_assert_false (gtk_widget_get_visible (child (editor, "comments_group")));
  g_assert_false (gtk_widget_get_visible (child (editor, "history_group")));
  g_assert_false (gtk_widget_get_visible (child (editor, "supervision_group")));
  g_assert_false (can_save (editor));

  type_into (editor, "Title", "TAVR术后随访数据自动提取");
  choose (editor, "Supporting department", "信息科");
  g_assert_cmpuint (krs->len, >, 0);
  choose (editor, "Key result served", g_ptr_array_index (krs, 0));
  type_into (editor, "Due date", "2026-12-15");
  choose (editor, "Priority", "Urgent");
  /* the assignees are the supporting department's people */
  {
    g_autoptr(GPtrArray) people = labels_of (editor, "Assignee");
    const char *params[] = { it, NULL };

    g_assert_cmpint (people->len, ==, zx_store_count (f->store, "staff", "department_id = ?", params) + 1);
    choose (editor, "Assignee", g_ptr_array_index (people, 1));
  }
  set_text (editor, "description_buffer", "术后30天随访数据自动从随访系统提取。");
  maybe_shot (editor, "kanban-card-new");
  save (editor);

  g_assert_cmpint (count (f->store, "card", NULL, NULL), ==, cards + 1);
  id = card_by_title (f->store, "TAVR术后随访数据自动提取");
  {
    g_autofree char *column = get_str (f->store, "card", id, "column_id");
    g_autofree char *from = get_str (f->store, "card", id, "from_department_id");
    g_autofree char *to = get_str (f->store, "card", id, "to_department_id");
    g_autofree char *due = get_str (f->store, "card", id, "due_date");
    g_autofree char *priority = get_str (f->store, "card", id, "priority");
    g_autofree char *kr = get_str (f->store, "card", id, "key_result_id");
    g_autofree char *assignee = get_str (f->store, "card", id, "assignee_id");
    g_autofree char *board = get_str (f->store, "card", id, "board_id");
    const char *params[] = { id, NULL };

    g_assert_cmpstr (column, ==, zx_record_get_id (g_ptr_array_index (columns, 0)));
    g_assert_cmpstr (board, ==, f->board);
    g_assert_cmpstr (from, ==, cardiology);
    g_assert_cmpstr (to, ==, it);
    g_assert_cmpstr (due, ==, "2026-12-15");
    g_assert_cmpstr (priority, ==, "urgent");
    g_assert_nonnull (kr);
    g_assert_nonnull (assignee);
    g_assert_cmpint (zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'created'", params), ==, 1);
  }
}

/* A due date that is no date: said in the form, nothing written */
static void
test_bad_due_date (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cardiology = department_id (f->store, "心血管内科");
  gint64 cards = count (f->store, "card", NULL, NULL);
  gint64 queued = zx_store_queue_length (f->store);
  GtkWidget *editor;
  GtkWidget *error_label;

  editor = open_editor (f, NULL, cardiology);
  error_label = child (editor, "error_label");
  type_into (editor, "Title", "心导管室耗材二级库");
  choose (editor, "Supporting department", "信息科");
  g_assert_true (can_save (editor));
  type_into (editor, "Due date", "2026-13-45");
  g_assert_false (can_save (editor));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "Due date"));
  g_assert_true (gtk_widget_has_css_class (row (editor, "Due date"), "error"));

  /* Enter in a field: still refused, the form stays */
  g_signal_emit_by_name (row (editor, "Title"), "entry-activated");
  drain ();
  g_assert_true (is_open (editor));
  g_assert_cmpint (count (f->store, "card", NULL, NULL), ==, cards);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);

  type_into (editor, "Due date", "下周五");
  g_assert_false (can_save (editor));
  maybe_shot (editor, "kanban-card-bad-date");
  type_into (editor, "Due date", "2026-12-01");
  g_assert_true (can_save (editor));
  g_assert_false (gtk_widget_get_visible (error_label));
}

/* The key results offered are the requesting department's, and follow it */
static void
test_key_results_follow_department (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *cardiology = department_id (f->store, "心血管内科");
  g_autofree char *orthopaedics = department_id (f->store, "骨科");
  g_autoptr(GPtrArray) cardiology_krs = department_kr_titles (f->store, cardiology);
  g_autoptr(GPtrArray) orthopaedics_krs = department_kr_titles (f->store, orthopaedics);
  g_autoptr(GPtrArray) offered = NULL;
  GtkWidget *editor;

  g_assert_cmpuint (cardiology_krs->len, >, 0);
  g_assert_cmpuint (orthopaedics_krs->len, >, 0);

  editor = open_editor (f, NULL, cardiology);
  offered = labels_of (editor, "Key result served");
  g_assert_cmpuint (offered->len, ==, cardiology_krs->len + 1);
  g_assert_cmpstr (g_ptr_array_index (offered, 0), ==, "None");
  for (guint i = 0; i < cardiology_krs->len; i++)
    g_assert_cmpstr (g_ptr_array_index (offered, i + 1), ==, g_ptr_array_index (cardiology_krs, i));
  choose (editor, "Key result served", g_ptr_array_index (cardiology_krs, 0));

  choose (editor, "Requesting department", "骨科");
  g_clear_pointer (&offered, g_ptr_array_unref);
  offered = labels_of (editor, "Key result served");
  g_assert_cmpuint (offered->len, ==, orthopaedics_krs->len + 1);
  for (guint i = 0; i < orthopaedics_krs->len; i++)
    g_assert_cmpstr (g_ptr_array_index (offered, i + 1), ==, g_ptr_array_index (orthopaedics_krs, i));
  /* cardiology's key result is not orthopaedics' to serve */
  g_assert_cmpstr (chosen (editor, "Key result served"), ==, "None");
}

/* An existing request: its comments (newest last), its history, its supervision */
static void
test_existing_card (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = card_by_title (f->store, "为TAVR新技术开发手术数据采集接口");
  g_autoptr(ZxRecord) record = record_of (f->store, "card", id);
  g_autofree char *comments = NULL;
  g_autofree char *history = NULL;
  GtkWidget *editor;
  const char *params[] = { id, NULL };

  editor = open_editor (f, record, NULL);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==,
                   "Edit Collaboration Request");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (editor, "Title"))), ==, "为TAVR新技术开发手术数据采集接口");
  g_assert_cmpstr (chosen (editor, "Requesting department"), ==, "心血管内科");
  g_assert_cmpstr (chosen (editor, "Supporting department"), ==, "信息科");
  g_assert_cmpstr (chosen (editor, "Priority"), ==, "High");
  g_assert_cmpstr (chosen (editor, "Key result served"), !=, "None");
  g_assert_true (can_save (editor));

  /* supervision: shown, with the office's deadline and note */
  g_assert_true (gtk_widget_get_visible (child (editor, "supervision_group")));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (editor, "supervised_switch"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (editor, "Supervision note"))), ==,
                   "院办督办：请信息科在督办期限前提交接口测试版本，逾期在院周会通报。");

  /* comments: three, oldest first, with their authors */
  g_assert_cmpuint (n_list_rows (child (editor, "comments_list")), ==,
                    zx_store_count (f->store, "card_comment", "card_id = ?", params));
  g_assert_cmpuint (n_list_rows (child (editor, "comments_list")), ==, 3);
  comments = list_text (child (editor, "comments_list"));
  g_assert_nonnull (strstr (comments, "接口字段已和心内科确认"));
  g_assert_true (strstr (comments, "接口字段已和心内科确认") < strstr (comments, "已列入督办"));

  /* history: created, the moves, supervision, the edit, the comments */
  g_assert_true (gtk_widget_get_visible (child (editor, "history_group")));
  g_assert_cmpuint (n_list_rows (child (editor, "history_list")), ==,
                    zx_store_count (f->store, "card_event", "card_id = ?", params));
  history = list_text (child (editor, "history_list"));
  g_assert_nonnull (strstr (history, "Created in “提出”"));
  g_assert_nonnull (strstr (history, "Moved from “提出” to “受理”"));
  g_assert_nonnull (strstr (history, "Moved from “受理” to “进行中”"));
  g_assert_nonnull (strstr (history, "Supervision changed"));
  g_assert_nonnull (strstr (history, "Commented"));
  g_assert_nonnull (strstr (history, "孙晓东"));
  g_assert_true (strstr (history, "Created") < strstr (history, "Moved from “提出”"));

  maybe_shot (editor, "kanban-card-existing");
  /* and its comments and history, further down */
  if (g_getenv ("ZX_TEST_SHOTS") != NULL)
    {
      GtkScrolledWindow *scroller = find_scroller (editor);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      maybe_shot (editor, "kanban-card-existing-end");
      gtk_adjustment_set_value (adjustment, 0.33 * gtk_adjustment_get_upper (adjustment));
      maybe_shot (editor, "kanban-card-existing-middle");
    }

  /* Saving without a change writes nothing */
  {
    gint64 queued = zx_store_queue_length (f->store);

    save (editor);
    g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);
  }
}

/* The office supervises through the form: zx_kanban_supervise(), with its event */
static void
test_supervise (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = card_by_title (f->store, "肿瘤MDT会诊室排班协调");
  g_autoptr(ZxRecord) record = record_of (f->store, "card", id);
  const char *params[] = { id, NULL };
  gint64 events = zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'supervised'", params);
  gint64 queued = zx_store_queue_length (f->store);
  GtkWidget *editor;

  editor = open_editor (f, record, NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (editor, "supervised_switch"))));
  /* the deadline and note wait for the switch */
  g_assert_false (gtk_widget_get_sensitive (row (editor, "Supervision deadline")));
  gtk_switch_set_active (GTK_SWITCH (child (editor, "supervised_switch")), TRUE);
  drain ();
  g_assert_true (gtk_widget_get_sensitive (row (editor, "Supervision deadline")));

  type_into (editor, "Supervision deadline", "11月底");
  g_assert_false (can_save (editor));
  g_assert_true (gtk_widget_has_css_class (row (editor, "Supervision deadline"), "error"));
  type_into (editor, "Supervision deadline", "2026-11-30");
  type_into (editor, "Supervision note", "院办督办：医务部本周内给出排班表。");
  save (editor);

  g_assert_cmpint (zx_store_queue_length (f->store), >, queued);
  g_assert_cmpint (zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'supervised'", params), ==,
                   events + 1);
  {
    g_autoptr(JsonObject) card = zx_store_get (f->store, "card", id, NULL);

    g_assert_true (json_object_get_boolean_member (card, "supervised"));
    g_assert_cmpstr (json_object_get_string_member (card, "supervision_deadline"), ==, "2026-11-30");
    g_assert_cmpstr (json_object_get_string_member (card, "supervision_note"), ==, "院办督办：医务部本周内给出排班表。");
  }
}

/* Changing a field writes only that field */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *id = card_by_title (f->store, "TAVR术前CT三维重建支持");
  g_autoptr(ZxRecord) record = record_of (f->store, "card", id);
  g_autofree char *due = NULL;
  g_autofree char *title = NULL;
  GtkWidget *editor;

  editor = open_editor (f, record, NULL);
  type_into (editor, "Due date", "2026-12-20");
  choose (editor, "Priority", "Urgent");
  save (editor);
  due = get_str (f->store, "card", id, "due_date");
  title = get_str (f->store, "card", id, "title");
  g_assert_cmpstr (due, ==, "2026-12-20");
  g_assert_cmpstr (title, ==, "TAVR术前CT三维重建支持");
  {
    g_autofree char *priority = get_str (f->store, "card", id, "priority");

    g_assert_cmpstr (priority, ==, "urgent");
  }
}

/* A comment typed in the box is written and shown last */
static void
test_add_comment (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = card_by_title (f->store, "机器人辅助关节置换收费项目物价备案");
  g_autoptr(ZxRecord) record = record_of (f->store, "card", id);
  const char *params[] = { id, NULL };
  gint64 before = zx_store_count (f->store, "card_comment", "card_id = ?", params);
  gint64 events = zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'commented'", params);
  GtkWidget *editor;
  GtkWidget *list;
  g_autofree char *text = NULL;

  editor = open_editor (f, record, NULL);
  list = child (editor, "comments_list");
  g_assert_cmpuint (n_list_rows (list), ==, before);
  /* nothing typed: nothing to add */
  g_assert_false (gtk_widget_get_sensitive (child (editor, "add_comment_button")));
  set_text (editor, "comment_buffer", "   ");
  g_assert_false (gtk_widget_get_sensitive (child (editor, "add_comment_button")));

  set_text (editor, "comment_buffer", "物价部门已受理，预计下周批复。");
  g_assert_true (gtk_widget_get_sensitive (child (editor, "add_comment_button")));
  g_assert_true (gtk_widget_activate_action (editor, "card.add-comment", NULL));
  drain ();

  g_assert_cmpint (zx_store_count (f->store, "card_comment", "card_id = ?", params), ==, before + 1);
  g_assert_cmpint (zx_store_count (f->store, "card_event", "card_id = ? AND kind = 'commented'", params), ==,
                   events + 1);
  {
    const char *by_body[] = { "物价部门已受理，预计下周批复。", NULL };

    g_assert_cmpint (zx_store_count (f->store, "card_comment", "body = ?", by_body), ==, 1);
  }
  /* the box is empty again, the form stays open, the comment is shown last */
  g_assert_true (is_open (editor));
  {
    GtkTextIter start, end;
    g_autofree char *left = NULL;
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (child_object (editor, "comment_buffer"));

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    left = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (left, ==, "");
  }
  settle ();
  g_assert_cmpuint (n_list_rows (list), ==, before + 1);
  text = list_text (list);
  g_assert_true (g_str_has_suffix (text, "物价部门已受理，预计下周批复。|\n"));

  /* Ctrl+Enter in the box adds too; Enter alone is a new line */
  set_text (editor, "comment_buffer", "骨科已补充患者名单。");
  g_assert_false (press_in_comment_box (editor, GDK_KEY_Return, 0));
  g_assert_true (press_in_comment_box (editor, GDK_KEY_Return, GDK_CONTROL_MASK));
  drain ();
  g_assert_cmpint (zx_store_count (f->store, "card_comment", "card_id = ?", params), ==, before + 2);
  g_assert_cmpuint (n_list_rows (list), ==, before + 2);
}

/* Someone of another department may read and comment, not change */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = card_by_title (f->store, "为TAVR新技术开发手术数据采集接口");
  g_autoptr(ZxRecord) record = record_of (f->store, "card", id);
  g_autofree char *paediatrics = department_id (f->store, "儿科");
  g_autofree char *stranger = NULL;
  GtkWidget *editor;

  {
    const char *params[] = { paediatrics, NULL };

    stranger = id_where (f->store, "staff", "department_id = ? AND role = 'staff'", params);
  }
  zx_store_set_actor (f->store, stranger);
  g_assert_false (zx_kanban_may (f->store, ZX_KANBAN_EDIT, record, NULL));

  editor = open_editor (f, record, NULL);
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (child (editor, "window_title"))), ==,
                   "Collaboration Request");
  g_assert_true (gtk_widget_get_visible (child (editor, "readonly_box")));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row (editor, "Title"))));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row (editor, "Due date"))));
  g_assert_false (gtk_widget_get_sensitive (row (editor, "Supporting department")));
  g_assert_false (gtk_widget_get_sensitive (row (editor, "Key result served")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (child (editor, "description_view"))));
  /* supervision: the office's alone */
  g_assert_false (gtk_widget_get_sensitive (child (editor, "supervised_switch")));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row (editor, "Supervision note"))));
  /* nothing to save: Close, no Save */
  g_assert_false (gtk_widget_get_visible (child (editor, "save_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (editor, "cancel_button"))), ==, "_Close");
  /* but a comment, yes */
  set_text (editor, "comment_buffer", "儿科也需要类似接口。");
  g_assert_true (gtk_widget_get_sensitive (child (editor, "add_comment_button")));
  maybe_shot (editor, "kanban-card-read-only");
}

/* Signed in to a server, the form mirrors the account (the settings), not
 * the store's actor: read-only for a nurse of another department, open
 * to an admin */
static void
test_signed_in (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = card_by_title (f->store, "为TAVR新技术开发手术数据采集接口");
  g_autoptr(ZxRecord) record = record_of (f->store, "card", id);
  g_autofree char *paediatrics = department_id (f->store, "儿科");
  g_autofree char *stranger = NULL;
  const char *roles[] = { "staff", "admin" };

  {
    const char *params[] = { paediatrics, NULL };

    stranger = id_where (f->store, "staff", "department_id = ? AND role = 'staff'", params);
  }
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      gboolean admin = g_str_equal (roles[i], "admin");
      g_autoptr(ZxContext) context = zx_test_account_context (f->store, roles[i], admin ? NULL : paediatrics,
                                                             admin ? NULL : stranger);
      GtkWidget *editor = zx_card_editor_new (context, f->board, record, NULL);

      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (f->window));
      gtk_window_present (GTK_WINDOW (editor));
      wait_mapped (editor);
      g_assert_true (gtk_widget_get_visible (child (editor, "readonly_box")) == !admin);
      g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (row (editor, "Title"))) == admin);
      g_assert_true (gtk_widget_get_sensitive (child (editor, "supervised_switch")) == admin);
      gtk_window_destroy (GTK_WINDOW (editor));
      drain ();
    }
  zx_test_account_sign_out ();
}

/* The form goes away with its window */
static void
test_finalized (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = card_by_title (f->store, "为TAVR新技术开发手术数据采集接口");
  g_autoptr(ZxRecord) record = record_of (f->store, "card", id);
  GtkWidget *editors[2];

  editors[0] = open_editor (f, NULL, NULL);
  editors[1] = open_editor (f, record, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      g_object_add_weak_pointer (G_OBJECT (editors[i]), (gpointer *) &editors[i]);
      gtk_window_destroy (GTK_WINDOW (editors[i]));
    }
  settle ();
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    g_assert_null (editors[i]);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();
  zx_test_account_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gui/card-editor/new-card", test_new_card);
  ADD ("/gui/card-editor/bad-due-date", test_bad_due_date);
  ADD ("/gui/card-editor/key-results-follow-department", test_key_results_follow_department);
  ADD ("/gui/card-editor/existing-card", test_existing_card);
  ADD ("/gui/card-editor/supervise", test_supervise);
  ADD ("/gui/card-editor/edit", test_edit);
  ADD ("/gui/card-editor/add-comment", test_add_comment);
  ADD ("/gui/card-editor/read-only", test_read_only);
  ADD ("/gui/card-editor/signed-in", test_signed_in);
  ADD ("/gui/card-editor/finalized", test_finalized);

#undef ADD

  {
    int status = g_test_run ();

    zx_test_account_cleanup ();
    return status;
  }
}
