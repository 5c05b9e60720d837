/* zx-okr-form.h — values in and out of the OKR forms' rows
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-form.h"
#include "zx-record-editor.h"

G_BEGIN_DECLS

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
