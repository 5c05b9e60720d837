/* zx-form.h — small helpers the record editors share
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "zx-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *field;   /* the schema field the row edits */
  GtkWidget  *widget;  /* the row to mark with "error" */
} ZxFormRow;

/* Shows @message (NULL hides it) under the form in @label and marks the
 * row of @field, clearing the marks of the others. */
void  zx_form_show_problem    (GtkLabel        *label,
                               const ZxFormRow *rows,
                               guint            n_rows,
                               const char      *field,
                               const char      *message);
/* Sets @field to the stripped text of @editable, or null when empty. */
void  zx_form_take_text       (JsonObject      *fields,
                               const char      *field,
                               GtkEditable     *editable);

/* Choices of a reference row: the display names of @entity's rows (with
 * an optional first "none" entry) and their ids, same positions. */
typedef struct
{
  GtkStringList *labels;
  GPtrArray     *ids;     /* NULL for the "none" entry */
} ZxRefChoices;

void  zx_ref_choices_load     (ZxRefChoices    *choices,
                               ZxStore         *store,
                               const char      *entity,
                               const char      *where,
                               const char * const *params,
                               const char      *none_label);
void  zx_ref_choices_clear    (ZxRefChoices    *choices);
guint zx_ref_choices_find     (ZxRefChoices    *choices,
                               const char      *id);
const char *zx_ref_choices_id (ZxRefChoices    *choices,
                               guint            position);

G_END_DECLS
