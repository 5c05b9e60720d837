/* test-kanban-reminders.c — what the due-soon reminder says, and when; no notification daemon
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kanban/zx-kanban-reminders.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-kanban.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"
#define NOW   "2026-11-22T08:00:00Z"

typedef struct
{
  char      *dir;
  ZxStore   *store;
  GSettings *settings;
  char      *it;          /* 信息科 */
  GDate      today;
} Fixture;

static char *
department_id (ZxStore    *store,
               const char *name)
{
  const char *params[] = { name, NULL };
  g_autoptr(GListStore) rows = zx_store_list (store, "department", "name = ?", params);
  g_autoptr(ZxRecord) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);

  g_assert_nonnull (first);
  return g_strdup (zx_record_get_id (first));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
  g_assert_no_error (error);
  f->it = department_id (f->store, "信息科");
  /* the memory backend: every test starts from the defaults */
  f->settings = zx_context_create_settings ();
  g_assert_nonnull (f->settings);
  g_settings_reset (f->settings, "kanban-department");
  g_settings_reset (f->settings, "kanban-remind-days");
  g_settings_reset (f->settings, "kanban-last-reminder");
  g_settings_reset (f->settings, "kanban-auto-supervise-days");
  g_date_clear (&f->today, 1);
  g_date_set_parse (&f->today, TODAY);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->it);
}

/* What the demo has for 信息科 within @days of TODAY, not done */
static guint
expected_due (Fixture *f,
              int      days)
{
  GDate last = f->today;
  char last_s[16];
  const char *params[] = { f->it, TODAY, last_s, NULL };

  g_date_add_days (&last, days);
  g_snprintf (last_s, sizeof last_s, "%04d-%02d-%02d", g_date_get_year (&last), g_date_get_month (&last),
              g_date_get_day (&last));
  return zx_store_count (f->store, "card",
                         "to_department_id = ? AND due_date >= ? AND due_date <= ? AND column_id IN "
                         "(SELECT id FROM board_column WHERE is_done = 0)", params);
}

/* The staff id of a live member of @role */
static char *
staff_with_role (ZxStore    *store,
                 const char *role)
{
  const char *params[] = { role, NULL };
  g_autoptr(GListStore) rows = zx_store_list (store, "staff", "role = ?", params);
  g_autoptr(ZxRecord) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);

  g_assert_nonnull (first);
  return g_strdup (zx_record_get_id (first));
}

/* The automatic supervision rule runs on the hospital office's desktop
 * only: there it marks every request overdue by more than the setting's
 * days, once */
static void
test_auto_supervise (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *office = staff_with_role (f->store, "office");
  g_autofree char *head = staff_with_role (f->store, "head");
  g_autoptr(GError) error = NULL;
  g_autofree char *board = zx_kanban_ensure_board (f->store, &error);
  g_autoptr(GPtrArray) list = NULL;
  guint expected = 0;
  gint64 queued;

  g_assert_no_error (error);
  g_settings_set_int (f->settings, "kanban-auto-supervise-days", 1);
  list = zx_kanban_supervision_list (f->store, board, &f->today);
  for (guint i = 0; i < list->len; i++)
    {
      ZxSupervisionEntry *entry = g_ptr_array_index (list, i);

      if (!entry->supervised && !entry->done && entry->days_overdue > 1)
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);

  /* nobody signed in, or a department head: nothing is marked */
  queued = zx_store_queue_length (f->store);
  g_assert_cmpint (zx_kanban_auto_supervise_if_office (f->store, f->settings, &f->today, &error), ==, 0);
  zx_store_set_actor (f->store, head);
  g_assert_cmpint (zx_kanban_auto_supervise_if_office (f->store, f->settings, &f->today, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), ==, queued);

  /* the office: the overdue requests are marked, and only once */
  zx_store_set_actor (f->store, office);
  g_assert_cmpint (zx_kanban_auto_supervise_if_office (f->store, f->settings, &f->today, &error), ==, (int) expected);
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_queue_length (f->store), >, queued);
  g_assert_cmpint (zx_kanban_auto_supervise_if_office (f->store, f->settings, &f->today, &error), ==, 0);
  g_assert_no_error (error);
}

/* No department chosen: no reminder */
static void
test_no_department (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ZxKanbanReminder) reminder = zx_kanban_reminder_compute (f->store, f->settings, &f->today);

  g_assert_null (reminder);
  g_assert_null (zx_kanban_reminder_compute (f->store, NULL, &f->today));
}

/* The department's requests due soon, once a day */
static void
test_once_a_day (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ZxKanbanReminder) reminder = NULL;
  g_autoptr(ZxKanbanReminder) again = NULL;
  g_autoptr(ZxKanbanReminder) tomorrow = NULL;
  g_autoptr(GNotification) notification = NULL;
  guint n = expected_due (f, 2);
  g_autofree char *title = NULL;
  GDate next = f->today;

  g_settings_set_string (f->settings, "kanban-department", f->it);
  g_assert_cmpuint (n, >, 0);

  reminder = zx_kanban_reminder_compute (f->store, f->settings, &f->today);
  g_assert_nonnull (reminder);
  g_assert_cmpuint (reminder->n_cards, ==, n);
  g_assert_cmpuint (reminder->card_ids->len, ==, n);
  g_assert_cmpstr (reminder->day, ==, TODAY);
  title = g_strdup_printf (n == 1 ? "%u collaboration request is due within 2 days"
                                  : "%u collaboration requests are due within 2 days", n);
  g_assert_cmpstr (reminder->title, ==, title);
  /* the first titles in the body: 检验危急值短信自动推送 is due tomorrow */
  g_assert_nonnull (strstr (reminder->body, "检验危急值短信自动推送 — due tomorrow"));
  notification = zx_kanban_reminder_to_notification (reminder);
  g_assert_true (G_IS_NOTIFICATION (notification));

  /* shown: not again today */
  zx_kanban_reminder_mark_shown (reminder, f->settings);
  {
    g_autofree char *last = g_settings_get_string (f->settings, "kanban-last-reminder");

    g_assert_cmpstr (last, ==, TODAY);
  }
  again = zx_kanban_reminder_compute (f->store, f->settings, &f->today);
  g_assert_null (again);

  /* the next day, it may come again (when something is due) */
  g_date_add_days (&next, 1);
  g_settings_set_int (f->settings, "kanban-remind-days", 30);
  tomorrow = zx_kanban_reminder_compute (f->store, f->settings, &next);
  g_assert_nonnull (tomorrow);
  g_assert_cmpstr (tomorrow->day, ==, "2026-11-23");
}

/* Reminders off, or nothing due */
static void
test_nothing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *paediatrics = department_id (f->store, "儿科");
  g_autoptr(ZxKanbanReminder) off = NULL;
  g_autoptr(ZxKanbanReminder) none = NULL;

  g_settings_set_string (f->settings, "kanban-department", f->it);
  g_settings_set_int (f->settings, "kanban-remind-days", 0);
  off = zx_kanban_reminder_compute (f->store, f->settings, &f->today);
  g_assert_null (off);

  /* 儿科 supports no request */
  g_settings_set_int (f->settings, "kanban-remind-days", 2);
  g_settings_set_string (f->settings, "kanban-department", paediatrics);
  none = zx_kanban_reminder_compute (f->store, f->settings, &f->today);
  g_assert_null (none);
  /* nothing shown: nothing remembered */
  {
    g_autofree char *last = g_settings_get_string (f->settings, "kanban-last-reminder");

    g_assert_cmpstr (last, ==, "");
  }
}

/* Many due: the body lists three and says how many more; one day is "by tomorrow" */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *cardiology = department_id (f->store, "心血管内科");
  g_autofree char *board = NULL;
  g_autoptr(ZxKanbanReminder) reminder = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  board = zx_kanban_ensure_board (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("信息系统补丁第%u批", i + 1);
      g_autoptr(JsonObject) fields = zx_test_fields ("title", title, "from_department_id", cardiology,
                                                     "to_department_id", f->it, "due_date", "2026-11-23",
                                                     "priority", "normal", NULL);
      g_autofree char *id = zx_kanban_create_card (f->store, board, fields, &error);

      g_assert_no_error (error);
    }
  n = expected_due (f, 1);
  g_assert_cmpuint (n, >, 3);
  g_settings_set_string (f->settings, "kanban-department", f->it);
  g_settings_set_int (f->settings, "kanban-remind-days", 1);
  reminder = zx_kanban_reminder_compute (f->store, f->settings, &f->today);
  g_assert_nonnull (reminder);
  g_assert_cmpuint (reminder->n_cards, ==, n);
  {
    g_autofree char *title = g_strdup_printf ("%u collaboration requests are due by tomorrow", n);
    g_autofree char *more = g_strdup_printf ("and %u more", n - 3);
    g_auto(GStrv) lines = g_strsplit (reminder->body, "\n", -1);

    g_assert_cmpstr (reminder->title, ==, title);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_cmpstr (lines[3], ==, more);
  }
}

/* The notification's default action exists on the application */
static void
test_action (void)
{
  g_autoptr(GtkApplication) application = gtk_application_new ("io.github.zhixing.Zhixing.Test",
                                                                G_APPLICATION_NON_UNIQUE);
  GAction *action;

  zx_kanban_reminders_install_actions (application);
  action = g_action_map_lookup_action (G_ACTION_MAP (application), "show-area");
  g_assert_nonnull (action);
  g_assert_true (g_variant_type_equal (g_action_get_parameter_type (action), G_VARIANT_TYPE_STRING));
  /* twice changes nothing */
  zx_kanban_reminders_install_actions (application);
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (application), "show-area") == action);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/kanban-reminders/auto-supervise", test_auto_supervise);
  ADD ("/kanban-reminders/no-department", test_no_department);
  ADD ("/kanban-reminders/once-a-day", test_once_a_day);
  ADD ("/kanban-reminders/nothing", test_nothing);
  ADD ("/kanban-reminders/many", test_many);
  g_test_add_func ("/kanban-reminders/action", test_action);

#undef ADD

  return g_test_run ();
}
