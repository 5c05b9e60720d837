/* zx-card-widget.h — one collaboration request on the board
 *
 * Shows a card's title (up to three lines), the requesting → supporting
 * department, the key result it serves, its due date (in the error colour
 * with the days overdue when late), its priority, the 督办 (supervised)
 * and blocked tags, the assignee and the number of comments.  The widget
 * is focusable; its accessible label is a sentence saying all of that.
 *
 * What the record alone does not say (names, whether its column is done,
 * what blocks it) comes in a ZxCardInfo the board fills in.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-record.h"

G_BEGIN_DECLS

#define ZX_TYPE_CARD_WIDGET (zx_card_widget_get_type ())

G_DECLARE_FINAL_TYPE (ZxCardWidget, zx_card_widget, ZX, CARD_WIDGET, GtkWidget)

typedef struct
{
  const char  *from_department;   /* names; NULL when unknown */
  const char  *to_department;
  const char  *key_result;        /* the title of the key result served */
  const char  *assignee;
  const char  *blocker;           /* the title of the unfinished request blocking it */
  guint        n_comments;
  gboolean     done;              /* in a column that counts as done */
  const GDate *today;
} ZxCardInfo;

GtkWidget  *zx_card_widget_new                (void);
/* Shows @card (a "card" record; NULL empties the widget) */
void        zx_card_widget_set_card           (ZxCardWidget     *self,
                                               ZxRecord         *card,
                                               const ZxCardInfo *info);
ZxRecord   *zx_card_widget_get_card           (ZxCardWidget     *self);
const char *zx_card_widget_get_card_id        (ZxCardWidget     *self);
/* The sentence given to assistive technologies (for tests) */
const char *zx_card_widget_get_description    (ZxCardWidget     *self);
/* Days past the due date as shown (0: not overdue) */
int         zx_card_widget_get_days_overdue   (ZxCardWidget     *self);

G_END_DECLS
