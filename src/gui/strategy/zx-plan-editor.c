/* zx-plan-editor.c — create or edit the strategic plan
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-plan-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-form.h"
#include "zx-plan-editor.h"

struct _ZxPlanEditor
{
  ZxRecordEditor  parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwActionRow   *start_year_row;
  GtkSpinButton  *start_year_spin;
  AdwActionRow   *end_year_row;
  GtkSpinButton  *end_year_spin;
  AdwEntryRow    *goal_row;
  GtkFrame       *description_frame;
  GtkTextBuffer  *description_buffer;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxPlanEditor, zx_plan_editor, ZX_TYPE_RECORD_EDITOR)

static void
take_buffer (JsonObject    *fields,
             const char    *field,
             GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    json_object_set_null_member (fields, field);
  else
    json_object_set_string_member (fields, field, text);
}

static JsonObject *
zx_plan_editor_collect (ZxRecordEditor *editor)
{
  ZxPlanEditor *self = ZX_PLAN_EDITOR (editor);
  JsonObject *fields = json_object_new ();

  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  json_object_set_int_member (fields, "start_year", gtk_spin_button_get_value_as_int (self->start_year_spin));
  json_object_set_int_member (fields, "end_year", gtk_spin_button_get_value_as_int (self->end_year_spin));
  zx_form_take_text (fields, "goal", GTK_EDITABLE (self->goal_row));
  take_buffer (fields, "description", self->description_buffer);

  return fields;
}

static void
zx_plan_editor_load (ZxRecordEditor *editor,
                     ZxRecord       *record)
{
  ZxPlanEditor *self = ZX_PLAN_EDITOR (editor);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *text;

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Plan"));
      text = zx_record_get_string (record, "name");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), text ? text : "");
      gtk_spin_button_set_value (self->start_year_spin, zx_record_get_int (record, "start_year"));
      gtk_spin_button_set_value (self->end_year_spin, zx_record_get_int (record, "end_year"));
      text = zx_record_get_string (record, "goal");
      gtk_editable_set_text (GTK_EDITABLE (self->goal_row), text ? text : "");
      text = zx_record_get_string (record, "description");
      gtk_text_buffer_set_text (self->description_buffer, text ? text : "", -1);
    }
  else
    {
      int year = g_date_time_get_year (now);

      adw_window_title_set_title (self->window_title, _("New Plan"));
      gtk_spin_button_set_value (self->start_year_spin, year);
      gtk_spin_button_set_value (self->end_year_spin, year + 2);
    }
}

static void
zx_plan_editor_class_init (ZxPlanEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  editor_class->entity = "plan";
  editor_class->load = zx_plan_editor_load;
  editor_class->collect = zx_plan_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/strategy/zx-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, start_year_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, start_year_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, end_year_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, end_year_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, goal_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxPlanEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_plan_editor_init (ZxPlanEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "start_year", GTK_WIDGET (self->start_year_row));
  zx_record_editor_add_row (editor, "end_year", GTK_WIDGET (self->end_year_row));
  zx_record_editor_add_row (editor, "goal", GTK_WIDGET (self->goal_row));
  zx_record_editor_add_row (editor, "description", GTK_WIDGET (self->description_frame));
}

GtkWidget *
zx_plan_editor_new (ZxContext *context,
                    ZxRecord  *record)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_PLAN_EDITOR, "context", context, "record", record, NULL);
}
