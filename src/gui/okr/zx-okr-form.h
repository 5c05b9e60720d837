/* zx-okr-form.h — building the OKR forms' rows in code
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-form.h"
#include "zx-record-editor.h"

G_BEGIN_DECLS

/* The window's content: a header bar with Cancel and Save, and a scrolled
 * column the form's groups go in (returned) with the error label under
 * them.  Sets the window's title widget in *@title. */
GtkBox        *zx_okr_form_frame      (ZxRecordEditor  *editor,
                                       AdwWindowTitle **title);
GtkWidget     *zx_okr_form_group      (GtkBox          *body,
                                       const char      *title,
                                       const char      *description);
/* Rows that check the form as they change and are marked when @field is at fault */
AdwEntryRow   *zx_okr_form_entry      (ZxRecordEditor  *editor,
                                       GtkWidget       *group,
                                       const char      *field,
                                       const char      *title,
                                       const char      *tooltip);
AdwComboRow   *zx_okr_form_combo      (ZxRecordEditor  *editor,
                                       GtkWidget       *group,
                                       const char      *field,
                                       const char      *title,
                                       GListModel      *labels);
GtkSwitch     *zx_okr_form_switch     (ZxRecordEditor  *editor,
                                       GtkWidget       *group,
                                       const char      *field,
                                       const char      *title,
                                       const char      *subtitle);
GtkTextBuffer *zx_okr_form_text       (ZxRecordEditor  *editor,
                                       GtkBox          *body,
                                       const char      *field,
                                       const char      *title);

void           zx_okr_form_set_text   (AdwEntryRow     *row,
                                       const char      *text);
/* A number typed in @row into @field: null when empty, the text itself
 * when it is not a number (so the store names the field) */
void           zx_okr_form_take_number (JsonObject     *fields,
                                        const char     *field,
                                        AdwEntryRow    *row);
void           zx_okr_form_set_number (AdwEntryRow     *row,
                                       ZxRecord        *record,
                                       const char      *field);
void           zx_okr_form_take_buffer (JsonObject     *fields,
                                        const char     *field,
                                        GtkTextBuffer  *buffer);
void           zx_okr_form_set_ref    (JsonObject      *fields,
                                       const char      *field,
                                       const char      *id);
void           zx_okr_form_set_choices (AdwComboRow    *row,
                                        ZxRefChoices   *choices,
                                        const char     *id);
/* The Monday of the week holding the store's today, as YYYY-MM-DD */
char          *zx_okr_form_this_monday (ZxStore        *store);

G_END_DECLS
