/* zx-staff-editor.c — create or edit a staff member
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-staff-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-form.h"
#include "zx-people-labels.h"
#include "zx-staff-editor.h"

struct _ZxStaffEditor
{
  ZxRecordEditor  parent_instance;

  char           *department_id; /* the department a new one starts in */
  ZxRefChoices    departments;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;   /* bound for tests */
  AdwEntryRow    *name_row;
  AdwEntryRow    *employee_no_row;
  AdwEntryRow    *title_row;
  AdwEntryRow    *post_row;
  AdwComboRow    *department_row;
  AdwComboRow    *role_row;
  AdwActionRow   *key_person_row;
  GtkSwitch      *key_person_switch;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxStaffEditor, zx_staff_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_DEPARTMENT_ID,
  N_PROPS
};

static JsonObject *
zx_staff_editor_collect (ZxRecordEditor *editor)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *role = zx_enum_value_at ("staff", "role", adw_combo_row_get_selected (self->role_row));
  const char *department_id = zx_ref_choices_id (&self->departments,
                                                 adw_combo_row_get_selected (self->department_row));

  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  zx_form_take_text (fields, "employee_no", GTK_EDITABLE (self->employee_no_row));
  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  zx_form_take_text (fields, "post", GTK_EDITABLE (self->post_row));
  zx_form_take_text (fields, "email", GTK_EDITABLE (self->email_row));
  zx_form_take_text (fields, "phone", GTK_EDITABLE (self->phone_row));
  if (department_id != NULL)
    json_object_set_string_member (fields, "department_id", department_id);
  else
    json_object_set_null_member (fields, "department_id");
  if (role != NULL)
    json_object_set_string_member (fields, "role", role);
  else
    json_object_set_null_member (fields, "role");
  json_object_set_boolean_member (fields, "key_person", gtk_switch_get_active (self->key_person_switch));

  return fields;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
zx_staff_editor_load (ZxRecordEditor *editor,
                      ZxRecord       *record)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(GtkStringList) roles = zx_enum_label_list ("staff", "role");
  g_autoptr(GtkExpression) expression = NULL;
  const char *department_id = self->department_id;
  guint position;

  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  zx_ref_choices_load (&self->departments, store, "department", NULL, NULL, NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->department_row, expression);
  adw_combo_row_set_model (self->department_row, G_LIST_MODEL (self->departments.labels));

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Staff Member"));
      set_text (self->name_row, zx_record_get_string (record, "name"));
      set_text (self->employee_no_row, zx_record_get_string (record, "employee_no"));
      set_text (self->title_row, zx_record_get_string (record, "title"));
      set_text (self->post_row, zx_record_get_string (record, "post"));
      set_text (self->email_row, zx_record_get_string (record, "email"));
      set_text (self->phone_row, zx_record_get_string (record, "phone"));
      gtk_switch_set_active (self->key_person_switch, zx_record_get_bool (record, "key_person"));
      department_id = zx_record_get_string (record, "department_id");
      position = zx_enum_position_of ("staff", "role", zx_record_get_string (record, "role"));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Staff Member"));
      position = zx_enum_position_of ("staff", "role", "staff");
    }

  adw_combo_row_set_selected (self->role_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
  position = zx_ref_choices_find (&self->departments, department_id);
  adw_combo_row_set_selected (self->department_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
zx_staff_editor_dispose (GObject *object)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (object);

  zx_ref_choices_clear (&self->departments);

  G_OBJECT_CLASS (zx_staff_editor_parent_class)->dispose (object);
}

static void
zx_staff_editor_finalize (GObject *object)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (object);

  g_free (self->department_id);

  G_OBJECT_CLASS (zx_staff_editor_parent_class)->finalize (object);
}

static void
zx_staff_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DEPARTMENT_ID:
      self->department_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_staff_editor_class_init (ZxStaffEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_staff_editor_dispose;
  object_class->finalize = zx_staff_editor_finalize;
  object_class->set_property = zx_staff_editor_set_property;

  g_object_class_install_property (object_class, PROP_DEPARTMENT_ID,
    g_param_spec_string ("department-id", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  editor_class->entity = "staff";
  editor_class->load = zx_staff_editor_load;
  editor_class->collect = zx_staff_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/people/zx-staff-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, employee_no_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, post_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, key_person_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, key_person_switch);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStaffEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_staff_editor_init (ZxStaffEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "employee_no", GTK_WIDGET (self->employee_no_row));
  zx_record_editor_add_row (editor, "title", GTK_WIDGET (self->title_row));
  zx_record_editor_add_row (editor, "post", GTK_WIDGET (self->post_row));
  zx_record_editor_add_row (editor, "department_id", GTK_WIDGET (self->department_row));
  zx_record_editor_add_row (editor, "role", GTK_WIDGET (self->role_row));
  zx_record_editor_add_row (editor, "key_person", GTK_WIDGET (self->key_person_row));
  zx_record_editor_add_row (editor, "email", GTK_WIDGET (self->email_row));
  zx_record_editor_add_row (editor, "phone", GTK_WIDGET (self->phone_row));
}

GtkWidget *
zx_staff_editor_new (ZxContext  *context,
                     ZxRecord   *record,
                     const char *department_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_STAFF_EDITOR,
                       "context", context,
                       "record", record,
                       "department-id", department_id,
                       NULL);
}
