/* test-gui-fund.c — the micro-innovation fund page under Xvfb: a proposal
 * made and submitted through the widgets, then approved through every
 * tier acting as each approver in turn
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "empowerment/zx-fund-page.h"
#include "empowerment/zx-fund-proposal-editor.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-fund.h"
#include "zx-test-gui.h"
#include "zx-test-util.h"

#define TODAY "2026-11-16"
#define TITLE "Bedside tablets for ward rounds"

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
       const char *sql,
       const char *param)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
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
  g_settings_set_string (f->settings, "fund-acting-staff", "");
  f->context = zx_context_new (f->store, f->settings);
  f->page = zx_fund_page_new (f->context);

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

/* GtkButton's ::activate clicks only after a delay */
static void
click (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return template_child (f->page, ZX_TYPE_FUND_PAGE, name);
}

/* The button labelled @label under @root */
static GtkWidget *
button (GtkWidget  *root,
        const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = button (c, label)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
action (Fixture    *f,
        const char *label)
{
  GtkWidget *b = button (child (f, "actions_box"), label);

  g_assert_nonnull (b);
  return b;
}

/* Chooses "Acting as" @name through the drop-down */
static void
act_as (Fixture    *f,
        const char *name)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (child (f, "acting_dropdown"));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name))
      {
        gtk_drop_down_set_selected (dropdown, i);
        drain ();
        return;
      }
  g_assert_not_reached ();
}

static void
filter (Fixture *f,
        guint    position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, "filter_dropdown")), position);
  drain ();
}

/* Selects the proposal titled @title in the list; FALSE when not shown */
static gboolean
select_proposal (Fixture    *f,
                 const char *title)
{
  GtkListBox *list = GTK_LIST_BOX (child (f, "proposals_list"));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      {
        gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
        drain ();
        return TRUE;
      }
  return FALSE;
}

static void
approve (Fixture    *f,
         const char *comment)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  g_assert_true (gtk_widget_get_sensitive (action (f, "_Approve…")));
  click (action (f, "_Approve…"));
  drain ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  entry = find_descendant (dialog, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), comment);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
}

static void
assert_stands (Fixture    *f,
               const char *state,
               const char *tier)
{
  g_autofree char *s = query (f->store, "SELECT state FROM fund_proposal WHERE title = ?", TITLE);
  g_autofree char *t = query (f->store, "SELECT current_tier FROM fund_proposal WHERE title = ?", TITLE);

  g_assert_cmpstr (s, ==, state);
  g_assert_cmpstr (t, ==, tier);
}

static void
test_through_the_tiers (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *editor;
  GtkWidget *lines;
  GtkWidget *item, *spin;

  /* nobody chosen: no new proposal */
  g_assert_false (gtk_widget_get_sensitive (child (f, "new_button")));
  act_as (f, "李明");
  g_assert_true (gtk_widget_get_sensitive (child (f, "new_button")));
  {
    g_autofree char *remembered = g_settings_get_string (f->settings, "fund-acting-staff");
    g_autofree char *li = query (f->store, "SELECT id FROM staff WHERE name = ?", "李明");

    g_assert_cmpstr (remembered, ==, li);
  }

  /* the form: title, problem, plan, KR, one budget line */
  click (child (f, "new_button"));
  editor = opened_editor (ZX_TYPE_FUND_PROPOSAL_EDITOR);
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "title_row")), TITLE);
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "problem_row")),
                         "Doctors walk back to the station to look results up");
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "plan_row")),
                         "Ten tablets on two wards for three months");
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "kr_row")), 1);
  click (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "add_line_button"));
  drain ();
  lines = template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "lines_box");
  item = find_descendant (lines, GTK_TYPE_ENTRY);
  spin = find_descendant (lines, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (item);
  g_assert_nonnull (spin);
  gtk_editable_set_text (GTK_EDITABLE (item), "Tablets and mobile carts");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 150000);
  drain ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "amount_label"))),
                   ==, "150000.00 元");
  g_assert_true (zx_record_editor_is_valid (ZX_RECORD_EDITOR (editor)));
  click (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "save_button"));
  drain ();
  settle ();
  if (find_toplevel (ZX_TYPE_FUND_PROPOSAL_EDITOR) != NULL)
    g_test_message ("form: %s", gtk_label_get_text (GTK_LABEL (template_child (editor, ZX_TYPE_FUND_PROPOSAL_EDITOR, "error_label"))));
  g_assert_null (find_toplevel (ZX_TYPE_FUND_PROPOSAL_EDITOR));
  assert_stands (f, "draft", NULL);

  /* submit it, from "Mine" */
  filter (f, 0);
  g_assert_true (select_proposal (f, TITLE));
  g_assert_false (gtk_widget_get_sensitive (action (f, "_Approve…")));
  click (action (f, "_Submit"));
  drain ();
  assert_stands (f, "submitted", "head");

  /* the finance head may not take the head's tier: the reason on hover */
  act_as (f, "钱国梁");
  filter (f, 1);
  g_assert_false (select_proposal (f, TITLE));
  filter (f, 2);
  g_assert_true (select_proposal (f, TITLE));
  g_assert_false (gtk_widget_get_sensitive (action (f, "_Approve…")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (action (f, "_Approve…")), "department head"));

  /* head → finance → president, each from "Awaiting My Decision" */
  {
    const char *approvers[] = { "张建华", "钱国梁", "林振华" };
    const char *next[] = { "finance", "president", NULL };

    for (guint i = 0; i < G_N_ELEMENTS (approvers); i++)
      {
        act_as (f, approvers[i]);
        filter (f, 1);
        g_assert_true (select_proposal (f, TITLE));
        maybe_shot (GTK_WIDGET (f->window), i == 0 ? "fund-awaiting-head" : i == 1 ? "fund-awaiting-finance" : "fund-awaiting-president");
        approve (f, "Agreed");
        assert_stands (f, next[i] ? "submitted" : "approved", next[i]);
      }
  }
  {
    g_autofree char *n = query (f->store, "SELECT count(*) FROM fund_approval WHERE proposal_id = "
                                          "(SELECT id FROM fund_proposal WHERE title = ?)", TITLE);
    g_autofree char *audited = query (f->store, "SELECT count(*) FROM audit_entry WHERE row_id = "
                                                "(SELECT id FROM fund_proposal WHERE title = ?)", TITLE);

    g_assert_cmpstr (n, ==, "3");
    g_assert_cmpstr (audited, ==, "4");
  }

  /* back to the applicant: the pilot */
  act_as (f, "李明");
  filter (f, 0);
  g_assert_true (select_proposal (f, TITLE));
  g_assert_true (gtk_widget_get_sensitive (action (f, "Start _Pilot")));
  click (action (f, "Start _Pilot"));
  drain ();
  assert_stands (f, "piloting", NULL);
  maybe_shot (GTK_WIDGET (f->window), "fund-piloting");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();

  g_test_add ("/gui/fund/through-the-tiers", Fixture, NULL, fixture_setup, test_through_the_tiers, fixture_teardown);

  return g_test_run ();
}
