/* zx-kanban-reminders.c — desktop notifications before requests are due
 *
 * The choice of what to say (zx_kanban_reminder_compute) reads the store
 * and the settings only, so tests run it without a notification daemon;
 * sending and the timing (an idle after the window shows, a timeout at the
 * next local midnight, and a look whenever the window becomes active on
 * another day, which covers a suspended laptop) live around it.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-kanban-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-kanban.h"
#include "zx-kanban-reminders.h"
#include "zx-window.h"

/* How many titles the notification's body lists */
#define MAX_TITLES 3

#define NOTIFICATION_ID "kanban-due-soon"

void
zx_kanban_reminder_free (ZxKanbanReminder *reminder)
{
  if (reminder == NULL)
    return;
  g_free (reminder->day);
  g_free (reminder->title);
  g_free (reminder->body);
  g_clear_pointer (&reminder->card_ids, g_ptr_array_unref);
  g_free (reminder);
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* "Title — due tomorrow" */
static char *
body_line (ZxStore     *store,
           const char  *card_id,
           const GDate *today)
{
  g_autoptr(JsonObject) card = zx_store_get (store, "card", card_id, NULL);
  const char *title = card != NULL ? json_object_get_string_member_with_default (card, "title", "") : "";
  const char *due = card != NULL ? json_object_get_string_member_with_default (card, "due_date", NULL) : NULL;
  g_autofree char *today_s = format_day (today);
  GDate tomorrow = *today;
  g_autofree char *tomorrow_s = NULL;

  g_date_add_days (&tomorrow, 1);
  tomorrow_s = format_day (&tomorrow);
  if (due == NULL)
    return g_strdup (title);
  if (g_strcmp0 (due, today_s) == 0)
    /* Translators: a line of the due-soon notification; %s is the request's title */
    return g_strdup_printf (_("%s — due today"), title);
  if (g_strcmp0 (due, tomorrow_s) == 0)
    /* Translators: a line of the due-soon notification; %s is the request's title */
    return g_strdup_printf (_("%s — due tomorrow"), title);
  /* Translators: a line of the due-soon notification; the request's title and its due date */
  return g_strdup_printf (_("%s — due %s"), title, due);
}

ZxKanbanReminder *
zx_kanban_reminder_compute (ZxStore     *store,
                            GSettings   *settings,
                            const GDate *today)
{
  g_autofree char *department = NULL;
  g_autofree char *last = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  ZxKanbanReminder *reminder;
  GString *body;
  int days;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (settings == NULL)
    return NULL;
  department = g_settings_get_string (settings, "kanban-department");
  days = g_settings_get_int (settings, "kanban-remind-days");
  if (department == NULL || *department == '\0' || days <= 0)
    return NULL;

  day = format_day (today);
  last = g_settings_get_string (settings, "kanban-last-reminder");
  if (g_strcmp0 (last, day) == 0)
    return NULL;

  ids = zx_kanban_due_soon (store, department, today, days);
  if (ids == NULL || ids->len == 0)
    return NULL;

  reminder = g_new0 (ZxKanbanReminder, 1);
  reminder->day = g_steal_pointer (&day);
  reminder->n_cards = ids->len;
  reminder->days = days;
  if (days == 1)
    reminder->title = g_strdup_printf (ngettext ("%u collaboration request is due by tomorrow",
                                                 "%u collaboration requests are due by tomorrow", ids->len),
                                       ids->len);
  else
    /* Translators: the title of the due-soon notification; the number of requests and of days */
    reminder->title = g_strdup_printf (ngettext ("%u collaboration request is due within %d days",
                                                 "%u collaboration requests are due within %d days", ids->len),
                                       ids->len, days);

  body = g_string_new (NULL);
  for (guint i = 0; i < ids->len && i < MAX_TITLES; i++)
    {
      g_autofree char *line = body_line (store, g_ptr_array_index (ids, i), today);

      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, line);
    }
  if (ids->len > MAX_TITLES)
    {
      guint more = ids->len - MAX_TITLES;

      g_string_append_c (body, '\n');
      /* Translators: the last line of the due-soon notification when it does not list every request */
      g_string_append_printf (body, ngettext ("and %u more", "and %u more", more), more);
    }
  reminder->body = g_string_free (body, FALSE);
  reminder->card_ids = g_steal_pointer (&ids);

  return reminder;
}

void
zx_kanban_reminder_mark_shown (ZxKanbanReminder *reminder,
                               GSettings        *settings)
{
  g_return_if_fail (reminder != NULL);

  if (settings != NULL)
    g_settings_set_string (settings, "kanban-last-reminder", reminder->day);
}

GNotification *
zx_kanban_reminder_to_notification (ZxKanbanReminder *reminder)
{
  GNotification *notification;

  g_return_val_if_fail (reminder != NULL, NULL);

  notification = g_notification_new (reminder->title);
  g_notification_set_body (notification, reminder->body);
  g_notification_set_default_action_and_target (notification, "app.show-area", "s", "kanban");
  return notification;
}

static void
store_today (ZxStore *store,
             GDate   *out)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) utc = now != NULL ? g_date_time_new_from_iso8601 (now, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

int
zx_kanban_auto_supervise_if_office (ZxStore      *store,
                                    GSettings    *settings,
                                    const GDate  *today,
                                    GError      **error)
{
  const char *actor = zx_store_get_actor (store);
  g_autoptr(JsonObject) staff = NULL;
  g_autofree char *board = NULL;
  int days = 3;

  if (actor == NULL || (staff = zx_store_get (store, "staff", actor, NULL)) == NULL ||
      json_object_get_boolean_member_with_default (staff, "deleted", FALSE) ||
      g_strcmp0 (json_object_get_string_member_with_default (staff, "role", NULL), "office") != 0)
    return 0;

  if (settings != NULL)
    days = g_settings_get_int (settings, "kanban-auto-supervise-days");
  board = zx_kanban_ensure_board (store, error);
  if (board == NULL)
    return -1;
  return zx_kanban_auto_supervise (store, board, today, days, error);
}

gboolean
zx_kanban_reminders_check (GApplication *application,
                           ZxContext    *context)
{
  g_autoptr(ZxKanbanReminder) reminder = NULL;
  g_autoptr(GNotification) notification = NULL;
  GSettings *settings;
  ZxStore *store;
  GDate today;

  g_return_val_if_fail (G_IS_APPLICATION (application), FALSE);
  g_return_val_if_fail (ZX_IS_CONTEXT (context), FALSE);

  if (!g_application_get_is_registered (application))
    return FALSE;
  store = zx_context_get_store (context);
  settings = zx_context_get_settings (context);
  store_today (store, &today);
  {
    g_autoptr(GError) error = NULL;

    if (zx_kanban_auto_supervise_if_office (store, settings, &today, &error) < 0)
      g_warning ("The automatic supervision of overdue requests failed: %s", error->message);
  }
  reminder = zx_kanban_reminder_compute (store, settings, &today);
  if (reminder == NULL)
    return FALSE;

  notification = zx_kanban_reminder_to_notification (reminder);
  g_application_send_notification (application, NOTIFICATION_ID, notification);
  zx_kanban_reminder_mark_shown (reminder, settings);
  return TRUE;
}

/* app.show-area ------------------------------------------------------------------ */

static GtkWindow *
find_window (GtkApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (application);

  if (ZX_IS_WINDOW (window))
    return window;
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (ZX_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
show_area_activate (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *window = find_window (application);

  /* Started for the notification alone: open the usual window first */
  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (application));
      window = find_window (application);
    }
  if (window == NULL)
    return;
  gtk_window_present (window);
  zx_window_show_area (ZX_WINDOW (window), g_variant_get_string (parameter, NULL));
}

void
zx_kanban_reminders_install_actions (GtkApplication *application)
{
  g_autoptr(GSimpleAction) action = NULL;

  g_return_if_fail (GTK_IS_APPLICATION (application));

  if (g_action_map_lookup_action (G_ACTION_MAP (application), "show-area") != NULL)
    return;
  action = g_simple_action_new ("show-area", G_VARIANT_TYPE_STRING);
  g_signal_connect_object (action, "activate", G_CALLBACK (show_area_activate), application, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));
}

/* Watching a window ---------------------------------------------------------------- */

typedef struct
{
  GtkApplication *application;
  ZxContext      *context;
  GDate           checked;      /* the day of the last check */
  guint           idle_id;
  guint           midnight_id;
} Watch;

static void schedule_midnight (Watch *watch);

static void
check (Watch *watch)
{
  store_today (zx_context_get_store (watch->context), &watch->checked);
  zx_kanban_reminders_check (G_APPLICATION (watch->application), watch->context);
}

static gboolean
idle_cb (gpointer data)
{
  Watch *watch = data;

  watch->idle_id = 0;
  check (watch);
  return G_SOURCE_REMOVE;
}

static gboolean
midnight_cb (gpointer data)
{
  Watch *watch = data;

  watch->midnight_id = 0;
  check (watch);
  schedule_midnight (watch);
  return G_SOURCE_REMOVE;
}

/* A few seconds after the next local midnight */
static void
schedule_midnight (Watch *watch)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);
  GTimeSpan until = g_date_time_difference (next, now);

  g_clear_handle_id (&watch->midnight_id, g_source_remove);
  watch->midnight_id = g_timeout_add_seconds ((guint) MAX (1, until / G_TIME_SPAN_SECOND) + 5, midnight_cb, watch);
}

static void
schedule_idle (Watch *watch)
{
  if (watch->idle_id == 0)
    watch->idle_id = g_idle_add_full (G_PRIORITY_LOW, idle_cb, watch, NULL);
}

static void
window_mapped_cb (GtkWidget *window,
                  Watch     *watch)
{
  if (!g_date_valid (&watch->checked))
    schedule_idle (watch);
}

/* Back at the window on another day (after a suspend, say) */
static void
window_active_cb (GtkWindow  *window,
                  GParamSpec *pspec,
                  Watch      *watch)
{
  GDate today;

  if (!gtk_window_is_active (window) || !g_date_valid (&watch->checked))
    return;
  store_today (zx_context_get_store (watch->context), &today);
  if (g_date_compare (&today, &watch->checked) != 0)
    schedule_idle (watch);
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_clear_handle_id (&watch->idle_id, g_source_remove);
  g_clear_handle_id (&watch->midnight_id, g_source_remove);
  g_clear_object (&watch->application);
  g_clear_object (&watch->context);
  g_free (watch);
}

void
zx_kanban_reminders_watch (GtkApplication *application,
                           GtkWindow      *window,
                           ZxContext      *context)
{
  Watch *watch;

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (ZX_IS_CONTEXT (context));

  zx_kanban_reminders_install_actions (application);

  watch = g_new0 (Watch, 1);
  watch->application = g_object_ref (application);
  watch->context = g_object_ref (context);
  g_date_clear (&watch->checked, 1);
  g_object_set_data_full (G_OBJECT (window), "zx-kanban-reminders", watch, watch_free);

  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), watch);
  g_signal_connect (window, "notify::is-active", G_CALLBACK (window_active_cb), watch);
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    schedule_idle (watch);
  schedule_midnight (watch);
}
