/* test-gui-evaluation.c — the Evaluation area under Xvfb on the demo
 * hospital: last quarter's locked evaluation shown read-only, then the
 * current quarter's scores computed, one adjusted with a reason (audit
 * entry), graded and locked
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "evaluation/zx-evaluation-page.h"
#include "evaluation/zx-scheme-editor.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-evaluation.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"

#define TODAY "2026-11-16"
#define REASON "Led the hospital's sepsis bundle audit"

typedef struct
{
  char       *dir;
  ZxStore    *store;
  GSettings  *settings;
  ZxContext  *context;
  GtkWindow  *window;
  GtkWidget  *page;
} Fixture;

static char *
query (ZxStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
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
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);
  f->settings = zx_context_create_settings ();
  g_assert_nonnull (f->settings);
  g_settings_set_string (f->settings, "account-role", "");
  f->context = zx_context_new (f->store, f->settings);
  f->page = zx_evaluation_page_new (f->context);
  f->window = GTK_WINDOW (adw_window_new ());
  adw_window_set_content (ADW_WINDOW (f->window), f->page);
  gtk_window_set_default_size (f->window, 1366, 768);
  gtk_window_present (f->window);
  wait_mapped (f->page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (window != G_OBJECT (f->window))
        gtk_window_destroy (GTK_WINDOW (window));
    }
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_window_destroy (f->window);
  drain ();
  g_assert_null (f->page);
  g_clear_object (&f->context);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return template_child (f->page, ZX_TYPE_EVALUATION_PAGE, name);
}

static guint
n_rows (Fixture *f)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (f, "column_view")));

  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
select_row (Fixture *f,
            guint    position)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (f, "column_view")));

  gtk_selection_model_select_item (model, position, TRUE);
  drain ();
}

/* The message dialog just opened answers @response */
static void
respond (const char *response)
{
  GtkWidget *dialog;

  drain ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  drain ();
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
}

static void
test_compute_adjust_lock (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *locked = query (f->store, "SELECT id FROM eval_scheme WHERE status = 'locked'");
  g_autofree char *draft = query (f->store, "SELECT id FROM eval_scheme WHERE status = 'draft'");
  g_autofree char *evaluation = NULL;
  g_autofree char *adjustment = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *status = NULL;
  GtkWidget *dialog, *spin, *entry;
  const char *id;

  g_assert_nonnull (locked);
  g_assert_nonnull (draft);

  /* Opens on last quarter's finished evaluation: figures, read-only */
  settle ();
  g_assert_cmpuint (n_rows (f), >=, 40);
  g_assert_false (gtk_widget_get_sensitive (child (f, "compute_button")));
  g_assert_false (gtk_widget_get_sensitive (child (f, "lock_button")));
  g_assert_true (g_str_match_string ("Locked", gtk_label_get_label (GTK_LABEL (child (f, "status_label"))), FALSE));
  maybe_shot (GTK_WIDGET (f->window), "evaluation-locked");

  /* The current quarter: computed from the data */
  zx_evaluation_page_select_scheme (ZX_EVALUATION_PAGE (f->page), draft);
  drain ();
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (child (f, "compute_button")));
  g_assert_true (gtk_widget_activate_action (f->page, "evaluation.compute", NULL));
  settle ();
  g_assert_cmpuint (n_rows (f), >=, 40);

  /* One adjusted with a reason: Save waits for the reason */
  select_row (f, 2);
  id = zx_evaluation_page_get_selected (ZX_EVALUATION_PAGE (f->page));
  g_assert_nonnull (id);
  evaluation = g_strdup (id);
  g_assert_true (gtk_widget_activate_action (f->page, "evaluation.adjust", NULL));
  drain ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  wait_mapped (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  spin = find_descendant (dialog, GTK_TYPE_SPIN_BUTTON);
  entry = find_descendant (dialog, ADW_TYPE_ENTRY_ROW);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 4);
  gtk_editable_set_text (GTK_EDITABLE (entry), REASON);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  respond ("save");
  settle ();

  {
    g_autofree char *sql = g_strdup_printf ("SELECT adjustment || '|' || adjust_reason FROM evaluation WHERE id = '%s'", evaluation);
    g_autofree char *sql2 = g_strdup_printf ("SELECT reason FROM audit_entry WHERE entity = 'evaluation' AND row_id = '%s'"
                                             " AND field = 'adjustment' AND new_value = '4.00'", evaluation);

    adjustment = query (f->store, sql);
    audit = query (f->store, sql2);
  }
  g_assert_cmpstr (adjustment, ==, "4.0|" REASON);
  g_assert_cmpstr (audit, ==, REASON);

  /* Grades, then locked after confirming */
  g_assert_true (gtk_widget_activate_action (f->page, "evaluation.grades", NULL));
  drain ();
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)   /* over the quota: a warning */
    respond ("close");
  g_assert_true (gtk_widget_activate_action (f->page, "evaluation.lock", NULL));
  maybe_shot (GTK_WIDGET (f->window), "evaluation-computed");
  respond ("lock");
  settle ();

  {
    g_autofree char *sql = g_strdup_printf ("SELECT status FROM eval_scheme WHERE id = '%s'", draft);

    status = query (f->store, sql);
  }
  g_assert_cmpstr (status, ==, "locked");
  g_assert_true (zx_evaluation_scheme_is_locked (f->store, draft));
  g_assert_false (gtk_widget_get_sensitive (child (f, "compute_button")));
  g_assert_false (gtk_widget_get_sensitive (child (f, "adjust_button")));
}

/* The scheme form: the 50% floor refused on the field, with the message */
static void
test_scheme_floor (Fixture       *f,
                   gconstpointer  data)
{
  GtkListBox *list = GTK_LIST_BOX (child (f, "schemes_list"));
  GtkListBoxRow *row = NULL;
  GtkWidget *editor, *spin, *save;
  GtkLabel *error_label;

  zx_evaluation_page_set_view (ZX_EVALUATION_PAGE (f->page), "schemes");
  settle ();
  /* the draft scheme (the locked one's form is read-only) */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_match_string ("Draft", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), FALSE))
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  editor = opened_editor (ZX_TYPE_SCHEME_EDITOR);
  save = template_child (editor, ZX_TYPE_SCHEME_EDITOR, "save_button");
  error_label = GTK_LABEL (template_child (editor, ZX_TYPE_SCHEME_EDITOR, "error_label"));
  g_assert_true (gtk_widget_get_sensitive (save));
  maybe_shot (editor, "evaluation-scheme-editor");

  spin = find_descendant (editor, GTK_TYPE_SPIN_BUTTON);   /* the first: OKR contribution */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 40);
  drain ();
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==, "The OKR contribution must weigh at least 50% of the evaluation.");
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();

  g_test_add ("/gui/evaluation/compute-adjust-lock", Fixture, NULL, fixture_setup, test_compute_adjust_lock,
              fixture_teardown);
  g_test_add ("/gui/evaluation/scheme-floor", Fixture, NULL, fixture_setup, test_scheme_floor, fixture_teardown);

  return g_test_run ();
}
