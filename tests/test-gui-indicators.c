/* test-gui-indicators.c — the indicator page on the demo hospital: the
 * list and its filters, an indicator's chart against its target, a value
 * corrected by hand (audit-logged), retiring an indicator, the form, and
 * the CSV import's preview and worker thread
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "evaluation/zx-indicator-editor.h"
#include "evaluation/zx-indicators-page.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-line-chart.h"
#include "zx-record.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"

#define TODAY "2026-11-16"
#define NOW   "2026-11-16T08:00:00Z"

typedef struct
{
  char      *dir;
  ZxStore   *store;
  ZxContext *context;
  GtkWindow *window;
  GtkWidget *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static gboolean styled;

  if (!styled)
    load_style ();
  styled = TRUE;
  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);
  zx_demo_populate (f->store, TODAY, &error);
  g_assert_no_error (error);
  f->context = zx_context_new (f->store, NULL);
  f->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  f->page = zx_indicators_page_new (f->context);
  adw_window_set_content (ADW_WINDOW (f->window), f->page);
  gtk_window_present (f->window);
  wait_mapped (f->page);
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog;

  while ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  while ((dialog = find_toplevel (ZX_TYPE_INDICATOR_EDITOR)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (f->window);
  drain ();
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return template_child (f->page, ZX_TYPE_INDICATORS_PAGE, name);
}

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
search (Fixture    *f,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, "search_entry")), text);
  /* GtkSearchEntry waits a little before it says the text changed */
  settle ();
  settle ();
}

static void
select_first (Fixture *f)
{
  GtkListBox *list = GTK_LIST_BOX (child (f, "indicator_list"));

  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  settle ();
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *list = child (f, "indicator_list");

  g_assert_cmpuint (n_rows (list), ==, 72);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "detail_stack"))), ==, "empty");

  /* Source: national */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "source_dropdown")), 1);
  settle ();
  g_assert_cmpuint (n_rows (list), ==, 56);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "source_dropdown")), 0);
  /* Level: department */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "level_dropdown")), 2);
  settle ();
  g_assert_cmpuint (n_rows (list), ==, 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "level_dropdown")), 0);
  settle ();

  /* Retiring hides it, "Show retired" brings it back */
  search (f, "药学查房");
  g_assert_cmpuint (n_rows (list), ==, 1);
  select_first (f);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (f, "title_label"))), ==, "药学查房次数");
  g_assert_true (gtk_widget_get_sensitive (child (f, "retire_button")));
  g_signal_emit_by_name (child (f, "retire_button"), "clicked");
  settle ();
  g_assert_cmpint (zx_store_count (f->store, "indicator", "retired = 1", NULL), ==, 1);
  g_assert_cmpuint (n_rows (list), ==, 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (f, "retired_check")), TRUE);
  settle ();
  g_assert_cmpuint (n_rows (list), ==, 1);
  g_assert_cmpint (zx_store_count (f->store, "indicator", "retired = 1", NULL), ==, 1);
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *editor;
  GtkWidget *save;

  /* Add an indicator of the hospital's own: code and name required */
  g_signal_emit_by_name (child (f, "add_button"), "clicked");
  editor = opened_editor (ZX_TYPE_INDICATOR_EDITOR);
  save = template_child (editor, ZX_TYPE_INDICATOR_EDITOR, "save_button");
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, ZX_TYPE_INDICATOR_EDITOR, "name_row")), "日间手术占比");
  settle ();
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, ZX_TYPE_INDICATOR_EDITOR, "code_row")), "GK-01");
  settle ();
  /* The code is taken */
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, ZX_TYPE_INDICATOR_EDITOR, "code_row")), "ZY-01");
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, ZX_TYPE_INDICATOR_EDITOR, "unit_row")), "%");
  settle ();
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  settle ();
  g_assert_cmpint (zx_store_count (f->store, "indicator", "code = 'ZY-01' AND source = 'hospital' AND level = 'department'", NULL), ==, 1);
  g_assert_cmpuint (n_rows (child (f, "indicator_list")), ==, 73);

  /* Edit it: the direction */
  search (f, "ZY-01");
  select_first (f);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (f, "title_label"))), ==, "日间手术占比");
  g_signal_emit_by_name (child (f, "edit_button"), "clicked");
  editor = opened_editor (ZX_TYPE_INDICATOR_EDITOR);
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (editor, ZX_TYPE_INDICATOR_EDITOR, "direction_row")), 1);
  settle ();
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  settle ();
  g_assert_cmpint (zx_store_count (f->store, "indicator", "code = 'ZY-01' AND direction = 'lower' AND source = 'hospital'", NULL), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (f, "subtitle_label"))), "Lower is better"));
}

static void
test_chart_and_correct (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *chart, *button, *dialog;
  GtkEditable *value, *reason;
  g_autoptr(GListStore) audit = NULL;
  g_autoptr(ZxRecord) entry = NULL;
  gint64 audits = zx_store_count (f->store, "audit_entry", NULL, NULL);
  const char *params[] = { "心血管内科", NULL };
  guint dept = 0;

  search (f, "平均住院日");
  g_assert_cmpuint (n_rows (child (f, "indicator_list")), ==, 1);
  select_first (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "detail_stack"))), ==, "detail");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (f, "title_label"))), ==, "平均住院日");

  /* Twelve months against the hospital's target */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "chart_stack"))), ==, "chart");
  chart = find_descendant (child (f, "chart_box"), ZX_TYPE_LINE_CHART);
  g_assert_nonnull (chart);
  g_assert_true (gtk_widget_get_mapped (chart));
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 160);
  g_assert_cmpuint (zx_chart_get_n_hits (ZX_CHART (chart)), ==, 12);
  maybe_shot (GTK_WIDGET (f->window), "indicators");

  /* One department's values */
  {
    g_autoptr(GListStore) depts = zx_store_list (f->store, "department", NULL, NULL);
    g_autoptr(GListStore) one = zx_store_list (f->store, "department", "name = ?", params);
    g_autoptr(ZxRecord) cardio = g_list_model_get_item (G_LIST_MODEL (one), 0);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (depts)); i++)
      {
        g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (depts), i);

        if (g_str_equal (zx_record_get_id (r), zx_record_get_id (cardio)))
          dept = i + 1;
      }
  }
  g_assert_cmpuint (dept, >, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "department_dropdown")), dept);
  settle ();
  g_assert_cmpuint (zx_chart_get_n_hits (ZX_CHART (chart)), ==, 12);

  /* Correct the newest month: the reason is required */
  button = find_descendant (child (f, "values_group"), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  value = GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "value"));
  reason = GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), "reason"));
  gtk_editable_set_text (value, "7.25");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  gtk_editable_set_text (reason, "病案首页补录了3例转科患者");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  gtk_editable_set_text (value, "7,25x");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  gtk_editable_set_text (value, "7.25");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  settle ();

  g_assert_cmpint (zx_store_count (f->store, "audit_entry", NULL, NULL), ==, audits + 1);
  g_assert_cmpint (zx_store_count (f->store, "indicator_value", "value = 7.25 AND source = 'manual'", NULL), ==, 1);
  audit = zx_store_list (f->store, "audit_entry", "entity = 'indicator_value'", NULL);
  entry = g_list_model_get_item (G_LIST_MODEL (audit), 0);
  g_assert_cmpstr (zx_record_get_string (entry, "new_value"), ==, "7.25");
  g_assert_cmpstr (zx_record_get_string (entry, "reason"), ==, "病案首页补录了3例转科患者");

  /* The page shows it: the newest row is marked corrected, the chart kept */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (f, "detail_stack"))), ==, "detail");
  {
    GtkWidget *row = find_descendant (child (f, "values_group"), ADW_TYPE_ACTION_ROW);

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Corrected by hand");
  }
  g_assert_cmpuint (zx_chart_get_n_hits (ZX_CHART (chart)), ==, 12);
}

/* The message dialog on screen, or NULL */
static GtkWidget *
visible_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *bad_path = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *good_path = g_build_filename (f->dir, "good.csv", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GString) csv = g_string_new ("indicator,department,month,value\n");
  gint64 before = zx_store_count (f->store, "indicator_value", NULL, NULL);
  GtkWidget *dialog;
  gboolean timed_out = FALSE;
  guint timeout;

  /* A bad line: listed, Import off, nothing stored */
  write_file (bad_path, "YY-01,心血管内科,2027-01,8.1\nYY-01,心血管内科,2027-02,八\n");
  zx_indicators_page_import_file (ZX_INDICATORS_PAGE (f->page), bad);
  settle ();
  dialog = visible_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "1 bad line"));
  /* adw_message_dialog_response() answers without closing, as a click would */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  g_assert_null (visible_dialog ());
  g_assert_cmpint (zx_store_count (f->store, "indicator_value", NULL, NULL), ==, before);

  /* 16 operational indicators × 12 months × 2 = 384 rows: a worker thread */
  for (int i = 1; i <= 16; i++)
    for (int m = 1; m <= 12; m++)
      {
        g_string_append_printf (csv, "YY-%02d,全院,2027-%02d,%d.5\n", i, m, 10 + m);
        g_string_append_printf (csv, "YY-%02d,XNK,2027-%02d,%d.25\n", i, m, 20 + m);
      }
  write_file (good_path, csv->str);
  zx_indicators_page_import_file (ZX_INDICATORS_PAGE (f->page), good);
  settle ();
  dialog = visible_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_sensitive (child (f, "import_button")));

  timeout = g_timeout_add_seconds (20, timeout_cb, &timed_out);
  while (!timed_out && !gtk_widget_get_sensitive (child (f, "import_button")))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  settle ();
  g_assert_cmpint (zx_store_count (f->store, "indicator_value", NULL, NULL), ==, before + 384);
  g_assert_cmpint (zx_store_count (f->store, "indicator_value", "month = '2027-12' AND source = 'import'", NULL), ==, 32);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/indicators/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/gui/indicators/editor", Fixture, NULL, fixture_setup, test_editor, fixture_teardown);
  g_test_add ("/gui/indicators/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/gui/indicators/chart-and-correct", Fixture, NULL, fixture_setup, test_chart_and_correct, fixture_teardown);

  return g_test_run ();
}
