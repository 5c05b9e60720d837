/* zx-department-editor.c — create or edit a department
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-department-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-department-editor.h"
#include "zx-form.h"
#include "zx-people-labels.h"

struct _ZxDepartmentEditor
{
  ZxRecordEditor  parent_instance;

  ZxRefChoices    heads;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;   /* bound for tests */
  AdwEntryRow    *name_row;
  AdwEntryRow    *code_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *head_row;
  AdwActionRow   *beds_row;
  GtkSpinButton  *beds_spin;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxDepartmentEditor, zx_department_editor, ZX_TYPE_RECORD_EDITOR)

static JsonObject *
zx_department_editor_collect (ZxRecordEditor *editor)
{
  ZxDepartmentEditor *self = ZX_DEPARTMENT_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *kind = zx_enum_value_at ("department", "kind", adw_combo_row_get_selected (self->kind_row));
  const char *head_id = zx_ref_choices_id (&self->heads, adw_combo_row_get_selected (self->head_row));

  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  zx_form_take_text (fields, "code", GTK_EDITABLE (self->code_row));
  if (kind != NULL)
    json_object_set_string_member (fields, "kind", kind);
  else
    json_object_set_null_member (fields, "kind");
  if (head_id != NULL)
    json_object_set_string_member (fields, "head_id", head_id);
  else
    json_object_set_null_member (fields, "head_id");
  gtk_spin_button_update (self->beds_spin);
  json_object_set_int_member (fields, "beds", gtk_spin_button_get_value_as_int (self->beds_spin));

  return fields;
}

static void
zx_department_editor_load (ZxRecordEditor *editor,
                           ZxRecord       *record)
{
  ZxDepartmentEditor *self = ZX_DEPARTMENT_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(GtkStringList) kinds = zx_enum_label_list ("department", "kind");
  const char *id = record ? zx_record_get_id (record) : NULL;
  const char *params[] = { id, NULL };

  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  /* Only the department's own staff can head it */
  if (id != NULL)
    zx_ref_choices_load (&self->heads, store, "staff", "department_id = ?", params, _("None"));
  else
    zx_ref_choices_load (&self->heads, store, "staff", "0", NULL, _("None"));
  adw_combo_row_set_model (self->head_row, G_LIST_MODEL (self->heads.labels));
  if (self->heads.ids->len <= 1)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->head_row),
                                 id ? _("The department has no staff yet")
                                    : _("Can be chosen once the department has staff"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->head_row), self->heads.ids->len > 1);

  if (record != NULL)
    {
      const char *code = zx_record_get_string (record, "code");
      guint kind = zx_enum_position_of ("department", "kind", zx_record_get_string (record, "kind"));
      guint head = zx_ref_choices_find (&self->heads, zx_record_get_string (record, "head_id"));

      adw_window_title_set_title (self->window_title, _("Edit Department"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), zx_record_get_string (record, "name"));
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), code ? code : "");
      adw_combo_row_set_selected (self->kind_row, kind != GTK_INVALID_LIST_POSITION ? kind : 0);
      adw_combo_row_set_selected (self->head_row, head != GTK_INVALID_LIST_POSITION ? head : 0);
      gtk_spin_button_set_value (self->beds_spin, zx_record_get_int (record, "beds"));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Department"));
      adw_combo_row_set_selected (self->kind_row, 0);
      adw_combo_row_set_selected (self->head_row, 0);
    }
}

static gboolean
beds_activate_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  ZxDepartmentEditor *self = user_data;

  gtk_spin_button_update (self->beds_spin);
  zx_record_editor_activate (ZX_RECORD_EDITOR (self));
  return TRUE;
}

static void
zx_department_editor_dispose (GObject *object)
{
  ZxDepartmentEditor *self = ZX_DEPARTMENT_EDITOR (object);

  zx_ref_choices_clear (&self->heads);

  G_OBJECT_CLASS (zx_department_editor_parent_class)->dispose (object);
}

static void
zx_department_editor_class_init (ZxDepartmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_department_editor_dispose;

  editor_class->entity = "department";
  editor_class->load = zx_department_editor_load;
  editor_class->collect = zx_department_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/people/zx-department-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, head_row);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, beds_row);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, beds_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxDepartmentEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_department_editor_init (ZxDepartmentEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "code", GTK_WIDGET (self->code_row));
  zx_record_editor_add_row (editor, "kind", GTK_WIDGET (self->kind_row));
  zx_record_editor_add_row (editor, "head_id", GTK_WIDGET (self->head_row));
  zx_record_editor_add_row (editor, "beds", GTK_WIDGET (self->beds_row));

  /* Enter in the beds field saves too (GtkSpinButton has no ::activate in GTK 4.8) */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                          gtk_callback_action_new (beds_activate_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->beds_spin), shortcuts);
}

GtkWidget *
zx_department_editor_new (ZxContext *context,
                          ZxRecord  *record)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_DEPARTMENT_EDITOR,
                       "context", context,
                       "record", record,
                       NULL);
}
