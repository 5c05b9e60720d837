/* zx-record-editor.h — the base of every form that creates or edits one row
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zx-context.h"

G_BEGIN_DECLS

#define ZX_TYPE_RECORD_EDITOR (zx_record_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (ZxRecordEditor, zx_record_editor, ZX, RECORD_EDITOR, AdwWindow)

struct _ZxRecordEditorClass
{
  AdwWindowClass parent_class;

  /*< public >*/
  const char *entity;    /* the schema entity the form edits */

  /* Fills the widgets from @record, or with defaults when it is NULL */
  void        (*load)    (ZxRecordEditor *self,
                          ZxRecord       *record);
  /* The fields as the widgets hold them now (a new object) */
  JsonObject *(*collect) (ZxRecordEditor *self);
  /* Optional: writes @fields (the row being edited is
   * zx_record_editor_get_record(), NULL for a new one) and returns the
   * row's id, or NULL with @error.  The default creates or updates the
   * row; override to write more rows in the same transaction. */
  char       *(*save)    (ZxRecordEditor *self,
                          JsonObject     *fields,
                          GError        **error);
};

/* For subclasses' class_init: binds the template callbacks
 * "field_changed_cb" (revalidate) and "entry_activated_cb" (save when valid). */
void        zx_record_editor_class_bind_callbacks (GtkWidgetClass *widget_class);

/* For subclasses' init, after gtk_widget_init_template(): where problems
 * are shown, and which row edits which field (the first gets the focus). */
void        zx_record_editor_set_error_label      (ZxRecordEditor *self,
                                                   GtkLabel       *label);
void        zx_record_editor_add_row              (ZxRecordEditor *self,
                                                   const char     *field,
                                                   GtkWidget      *row);

ZxContext  *zx_record_editor_get_context          (ZxRecordEditor *self);
ZxStore    *zx_record_editor_get_store            (ZxRecordEditor *self);
ZxRecord   *zx_record_editor_get_record           (ZxRecordEditor *self);
gboolean    zx_record_editor_is_valid             (ZxRecordEditor *self);
/* Why the signed-in account may not change this row (the form is then
 * read-only), or NULL */
const char *zx_record_editor_get_read_only_reason (ZxRecordEditor *self);

/* A widget changed: check the form again */
void        zx_record_editor_changed              (ZxRecordEditor *self);
/* Enter in a field: save when the form is valid, else show why not */
void        zx_record_editor_activate             (ZxRecordEditor *self);

G_END_DECLS
