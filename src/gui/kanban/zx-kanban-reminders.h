/* zx-kanban-reminders.h — desktop notifications before requests are due
 *
 * Once a day — at startup, in an idle after the window shows, and when the
 * day changes — the requests to the user's department (the
 * kanban-department setting) due within kanban-remind-days days are
 * announced in one GNotification ("3 collaboration requests are due within
 * 2 days", the first titles in its body) whose default action shows the
 * board (app.show-area "kanban").  kanban-last-reminder remembers the day
 * it was shown.  No department, or 0 days, means no reminders.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-context.h"

G_BEGIN_DECLS

/* What a reminder says */
typedef struct
{
  char  *day;        /* the day it is for, YYYY-MM-DD */
  guint  n_cards;
  int    days;       /* the kanban-remind-days it was chosen with */
  char  *title;
  char  *body;
  GPtrArray *card_ids;
} ZxKanbanReminder;

void              zx_kanban_reminder_free          (ZxKanbanReminder *reminder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxKanbanReminder, zx_kanban_reminder_free)

/* The reminder due on @today, or NULL when there is none to show: no
 * department set, reminders off (0 days), already shown on @today
 * (kanban-last-reminder), or nothing due.  Reads only; headless. */
ZxKanbanReminder *zx_kanban_reminder_compute       (ZxStore          *store,
                                                    GSettings        *settings,
                                                    const GDate      *today);
/* Remembers that @reminder was shown (kanban-last-reminder = its day) */
void              zx_kanban_reminder_mark_shown    (ZxKanbanReminder *reminder,
                                                    GSettings        *settings);
/* The notification for @reminder: its default action shows the board */
GNotification    *zx_kanban_reminder_to_notification (ZxKanbanReminder *reminder);

/* The automatic supervision rule (kanban-auto-supervise-days): on the
 * hospital office's desktop — the store's actor is a live staff member of
 * the office — every request overdue by more than that many days and not
 * supervised yet is put under supervision, with a note saying so.  Other
 * desktops leave it to the office (or to the button of the supervision
 * list).  Returns how many it marked; -1 with @error on failure. */
int               zx_kanban_auto_supervise_if_office (ZxStore        *store,
                                                      GSettings      *settings,
                                                      const GDate    *today,
                                                      GError        **error);

/* Runs the automatic supervision rule above, then computes the reminder of
 * @context's store for the store's today and, when
 * there is one, sends it through @application and marks it shown.  TRUE
 * when it sent one. */
gboolean          zx_kanban_reminders_check        (GApplication     *application,
                                                    ZxContext        *context);

/* Adds "app.show-area" (s: an area id such as "kanban"), which presents
 * the window (opening one when there is none) and shows that area: the
 * notification's default action.  Does nothing when @application has one. */
void              zx_kanban_reminders_install_actions (GtkApplication *application);

/* Reminds for @context while @window lives: in an idle after the window is
 * shown, and again when the day changes.  Installs the actions too. */
void              zx_kanban_reminders_watch        (GtkApplication   *application,
                                                    GtkWindow        *window,
                                                    ZxContext        *context);

G_END_DECLS
