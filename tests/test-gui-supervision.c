/* test-gui-supervision.c — the office's supervision list (督办清单) and printing it
 *
 * Runs under Xvfb on a temporary database filled with the demo hospital.
 * With ZX_TEST_SHOTS=DIR the view is saved as
 * DIR/kanban-supervision-{light,dark}.png (1366×768) and
 * DIR/kanban-supervision-empty-{light,dark}.png.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kanban/zx-card-editor.h"
#include "kanban/zx-supervision-document.h"
#include "kanban/zx-supervision-view.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-kanban.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char      *dir;
  ZxStore   *store;
  GSettings *settings;
  ZxContext *context;
  GtkWindow *window;
  ZxSupervisionView *view;
  char      *board;
} Fixture;

static GtkWidget *
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

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
card_by_title (ZxStore    *store,
               const char *title)
{
  const char *params[] = { title, NULL };

  return id_where (store, "card", "title = ?", params);
}

static void
today (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_parse (date, TODAY);
  g_assert_true (g_date_valid (date));
}

/* The cards the list must show, counted from the rows themselves: live,
 * and supervised (done or not) or past their due date and not done */
static guint
expected_rows (ZxStore    *store,
               guint      *out_overdue,
               guint      *out_unsupervised_overdue_by,
               int         days)
{
  g_autoptr(GListStore) cards = zx_store_list (store, "card", NULL, NULL);
  guint n = 0, overdue = 0, unsupervised = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cards)); i++)
    {
      g_autoptr(ZxRecord) card = g_list_model_get_item (G_LIST_MODEL (cards), i);
      const char *due = zx_record_get_string (card, "due_date");
      const char *params[] = { zx_record_get_string (card, "column_id"), NULL };
      gboolean done = zx_store_count (store, "board_column", "id = ? AND is_done = 1", params) > 0;
      gboolean late = due != NULL && strcmp (due, TODAY) < 0 && !done;

      if (late || zx_record_get_bool (card, "supervised"))
        n++;
      if (late)
        {
          GDate d, t;

          overdue++;
          g_date_clear (&d, 1);
          g_date_set_parse (&d, due);
          today (&t);
          if (!zx_record_get_bool (card, "supervised") && g_date_days_between (&d, &t) > days)
            unsupervised++;
        }
    }
  if (out_overdue != NULL)
    *out_overdue = overdue;
  if (out_unsupervised_overdue_by != NULL)
    *out_unsupervised_overdue_by = unsupervised;
  return n;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean empty = GPOINTER_TO_INT (data);

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);
  if (!empty)
    {
      zx_demo_populate (f->store, TODAY, &error);
      g_assert_no_error (error);
      f->board = zx_kanban_ensure_board (f->store, &error);
      g_assert_no_error (error);
    }

  f->settings = zx_context_create_settings ();
  g_assert_nonnull (f->settings);
  g_settings_set_int (f->settings, "kanban-auto-supervise-days", 3);
  f->context = zx_context_new (f->store, f->settings);
  f->view = ZX_SUPERVISION_VIEW (zx_supervision_view_new (f->context));
  if (f->board != NULL)
    zx_supervision_view_set_board (f->view, f->board);

  f->window = GTK_WINDOW (adw_window_new ());
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_set_default_size (f->window, 1366, 768);
  gtk_window_present (f->window);
  wait_mapped (GTK_WIDGET (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (ZX_IS_CARD_EDITOR (window))
        gtk_window_destroy (GTK_WINDOW (window));
    }
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (f->window);
  drain ();
  /* nothing keeps the view alive */
  g_assert_null (f->view);
  g_clear_object (&f->context);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->board);
}

/* Tests ------------------------------------------------------------------------------ */

/* The demo's overdue and supervised requests, most days overdue first */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *robot = card_by_title (f->store, "机器人辅助关节置换收费项目物价备案");
  g_autofree char *tavr = card_by_title (f->store, "为TAVR新技术开发手术数据采集接口");
  g_autofree char *pathology = card_by_title (f->store, "术中冰冻标本转运时效改进");
  g_autofree char *future = card_by_title (f->store, "AI肺结节筛查结果推送至临床");
  g_autofree char *done = card_by_title (f->store, "急诊分诊系统与HIS对接");
  GListModel *model = zx_supervision_view_get_model (f->view);
  guint overdue = 0;
  guint expected = expected_rows (f->store, &overdue, NULL, 3);
  int last = G_MAXINT;
  g_autofree char *summary = NULL;

  g_assert_cmpuint (expected, >, 3);
  g_assert_cmpuint (zx_supervision_view_get_n_rows (f->view), ==, expected);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f->view, "stack"))), ==, "list");

  /* due 6, 3 and 1 days ago, all three supervised */
  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, robot), ==, 6);
  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, tavr), ==, 3);
  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, pathology), ==, 1);
  /* not due yet and not supervised; done although overdue: not listed */
  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, future), ==, -1);
  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, done), ==, -1);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ZxRecord) card = g_list_model_get_item (model, i);
      int days = zx_supervision_view_get_days_overdue (f->view, zx_record_get_id (card));

      g_assert_cmpint (days, <=, last);
      last = days;
    }

  summary = g_strdup_printf ("3 requests under supervision · %u overdue", overdue);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (f->view, "summary_label"))), ==, summary);
  g_assert_true (gtk_widget_get_visible (child (f->view, "chart_box")));
  maybe_shot (GTK_WIDGET (f->window), "kanban-supervision");
}

/* The list follows the store: an overdue request done leaves it; a
 * supervised one stays, no longer overdue, until the office lifts it */
static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *robot = card_by_title (f->store, "机器人辅助关节置换收费项目物价备案");
  g_autofree char *mdt = card_by_title (f->store, "肿瘤MDT会诊室排班协调");
  g_autoptr(GPtrArray) columns = zx_kanban_list_columns (f->store, f->board, FALSE);
  ZxRecord *done = g_ptr_array_index (columns, columns->len - 1);
  g_autoptr(GError) error = NULL;
  guint before = zx_supervision_view_get_n_rows (f->view);

  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, mdt), ==, 2);
  g_assert_true (zx_kanban_move_card (f->store, mdt, zx_record_get_id (done), NULL, NULL,
                                      ZX_KANBAN_MOVE_DESPITE_BLOCK, NULL, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (zx_supervision_view_get_n_rows (f->view), ==, before - 1);
  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, mdt), ==, -1);

  g_assert_true (zx_kanban_move_card (f->store, robot, zx_record_get_id (done), NULL, NULL,
                                      ZX_KANBAN_MOVE_DESPITE_BLOCK, NULL, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (zx_supervision_view_get_n_rows (f->view), ==, before - 1);
  g_assert_cmpint (zx_supervision_view_get_days_overdue (f->view, robot), ==, 0);

  g_assert_true (zx_kanban_supervise (f->store, robot, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (zx_supervision_view_get_n_rows (f->view), ==, before - 2);
}

static gboolean
open_card_cb (ZxSupervisionView *view,
              const char        *card_id,
              char             **out)
{
  g_free (*out);
  *out = g_strdup (card_id);
  return TRUE;
}

static guint
n_card_editors (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n += ZX_IS_CARD_EDITOR (window) ? 1 : 0;
    }
  return n;
}

/* Activating a row emits ::open-card; unhandled, the view opens the form */
static void
test_open_card (Fixture       *f,
                gconstpointer  data)
{
  GListModel *model = zx_supervision_view_get_model (f->view);
  g_autoptr(ZxRecord) first = g_list_model_get_item (model, 0);
  GtkWidget *column_view = child (f->view, "column_view");
  g_autofree char *opened = NULL;
  gulong handler;

  handler = g_signal_connect (f->view, "open-card", G_CALLBACK (open_card_cb), &opened);
  g_signal_emit_by_name (column_view, "activate", 0);
  drain ();
  g_assert_cmpstr (opened, ==, zx_record_get_id (first));
  g_assert_cmpuint (n_card_editors (), ==, 0);

  g_signal_handler_disconnect (f->view, handler);
  g_signal_emit_by_name (column_view, "activate", 0);
  drain ();
  g_assert_cmpuint (n_card_editors (), ==, 1);
}

/* The office's action puts what is overdue by more than the setting's days
 * under supervision */
static void
test_auto_supervise (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint unsupervised = 0;
  guint rows = expected_rows (f->store, NULL, &unsupervised, 3);
  gint64 supervised = zx_store_count (f->store, "card", "supervised = 1", NULL);
  int marked;

  /* overdue by more than three days, not supervised: none in the demo */
  g_assert_cmpuint (unsupervised, ==, 0);
  g_assert_true (gtk_widget_get_visible (child (f->view, "auto_button")));
  g_assert_false (gtk_widget_get_sensitive (child (f->view, "auto_button")));

  /* by more than one day: 肿瘤MDT会诊室排班协调, two days */
  g_settings_set_int (f->settings, "kanban-auto-supervise-days", 1);
  drain ();
  rows = expected_rows (f->store, NULL, &unsupervised, 1);
  g_assert_cmpuint (unsupervised, >, 0);
  g_assert_true (gtk_widget_get_visible (child (f->view, "auto_button")));
  g_assert_true (gtk_widget_get_sensitive (child (f->view, "auto_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "supervision.auto-supervise", NULL));
  drain ();
  g_assert_cmpint (zx_store_count (f->store, "card", "supervised = 1", NULL), ==, supervised + unsupervised);
  g_assert_cmpuint (zx_supervision_view_get_n_rows (f->view), ==, rows);
  /* nothing left to supervise: the action is off, running it again marks none */
  g_assert_false (gtk_widget_get_sensitive (child (f->view, "auto_button")));
  marked = zx_supervision_view_auto_supervise (f->view, &error);
  g_assert_no_error (error);
  g_assert_cmpint (marked, ==, 0);
}

/* Only the office supervises: others do not get the button */
static void
test_not_office (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *it = NULL;
  g_autofree char *clerk = NULL;

  {
    const char *params[] = { "信息科", NULL };

    it = id_where (f->store, "department", "name = ?", params);
  }
  {
    const char *params[] = { it, NULL };

    clerk = id_where (f->store, "staff", "department_id = ? AND role = 'staff'", params);
  }
  zx_store_set_actor (f->store, clerk);
  zx_supervision_view_refresh (f->view);
  g_assert_false (gtk_widget_get_visible (child (f->view, "auto_button")));
  /* the list itself is everyone's to read */
  g_assert_cmpuint (zx_supervision_view_get_n_rows (f->view), >, 0);
}

/* Export as PDF writes the document of what the view lists */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "督办清单.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (zx_supervision_view_export_pdf (f->view, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* The print operation draws the same pages (exported through GTK's own PDF backend) */
static void
test_print_operation (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(ZxSupervisionDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  GDate day;

  today (&day);
  document = zx_supervision_document_new (f->store, f->board, &day);
  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* Nothing overdue or supervised: the empty state, nothing to print */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpuint (zx_supervision_view_get_n_rows (f->view), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f->view, "stack"))), ==, "empty");
  maybe_shot (GTK_WIDGET (f->window), "kanban-supervision-empty");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();

#define ADD(path, empty, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (empty), fixture_setup, func, fixture_teardown)

  ADD ("/gui/supervision/rows", FALSE, test_rows);
  ADD ("/gui/supervision/follows-store", FALSE, test_follows_store);
  ADD ("/gui/supervision/open-card", FALSE, test_open_card);
  ADD ("/gui/supervision/auto-supervise", FALSE, test_auto_supervise);
  ADD ("/gui/supervision/not-office", FALSE, test_not_office);
  ADD ("/gui/supervision/export", FALSE, test_export);
  ADD ("/gui/supervision/print-operation", FALSE, test_print_operation);
  ADD ("/gui/supervision/empty", TRUE, test_empty);

#undef ADD

  return g_test_run ();
}
