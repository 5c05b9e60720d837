/* zx-staff-editor.c — create or edit a staff member
 *
 * Every change is checked with zx_store_check(); the message shows under
 * the form and the row at fault is marked.  Save stays off until the
 * store accepts the form.  Escape cancels, Enter saves.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-staff-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-staff-editor.h"
#include "zx-form.h"
#include "zx-people-labels.h"
#include "zx-window.h"

struct _ZxStaffEditor
{
  AdwWindow       parent_instance;

  ZxContext      *context;
  ZxRecord       *record;        /* NULL for a new staff member */
  char           *department_id; /* the department a new one starts in */
  ZxRefChoices    departments;
  gboolean        touched;
  gboolean        valid;
  gboolean        loading;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
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

G_DEFINE_FINAL_TYPE (ZxStaffEditor, zx_staff_editor, ADW_TYPE_WINDOW)

static JsonObject *
collect_fields (ZxStaffEditor *self)
{
  JsonObject *fields = json_object_new ();
  const char *role = zx_enum_value_at ("staff", "role", adw_combo_row_get_selected (self->role_row));
  const char *department_id = zx_ref_choices_id (&self->departments,
                                                 adw_combo_row_get_selected (self->department_row));

  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  zx_form_take_text (fields, "employee_no", GTK_EDITABLE (self->employee_no_row));
  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  zx_form_take_text (fields, "post", GTK_EDITABLE (self->post_row));
  if (department_id != NULL)
    json_object_set_string_member (fields, "department_id", department_id);
  else
    json_object_set_null_member (fields, "department_id");
  if (role != NULL)
    json_object_set_string_member (fields, "role", role);
  else
    json_object_set_null_member (fields, "role");
  json_object_set_boolean_member (fields, "key_person", gtk_switch_get_active (self->key_person_switch));
  zx_form_take_text (fields, "email", GTK_EDITABLE (self->email_row));
  zx_form_take_text (fields, "phone", GTK_EDITABLE (self->phone_row));

  return fields;
}

static void
show_problem (ZxStaffEditor *self,
              const char    *field,
              const char    *message)
{
  const ZxFormRow rows[] = {
    { "name", GTK_WIDGET (self->name_row) },
    { "employee_no", GTK_WIDGET (self->employee_no_row) },
    { "title", GTK_WIDGET (self->title_row) },
    { "post", GTK_WIDGET (self->post_row) },
    { "department_id", GTK_WIDGET (self->department_row) },
    { "role", GTK_WIDGET (self->role_row) },
    { "key_person", GTK_WIDGET (self->key_person_row) },
    { "email", GTK_WIDGET (self->email_row) },
    { "phone", GTK_WIDGET (self->phone_row) },
  };

  zx_form_show_problem (self->error_label, rows, G_N_ELEMENTS (rows), field, message);
}

static void
validate (ZxStaffEditor *self)
{
  ZxStore *store = zx_context_get_store (self->context);
  g_autoptr(JsonObject) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;

  self->valid = zx_store_check (store, "staff",
                                self->record ? zx_record_get_id (self->record) : NULL,
                                fields, &field, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->valid);

  /* A new, untouched form is not wrong yet: only Save is off */
  if (self->valid || !self->touched)
    show_problem (self, NULL, NULL);
  else
    show_problem (self, field, error->message);
}

static void
field_changed_cb (ZxStaffEditor *self)
{
  if (self->loading)
    return;
  self->touched = TRUE;
  validate (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (widget);
  ZxStore *store = zx_context_get_store (self->context);
  g_autoptr(JsonObject) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean ok;

  if (self->record != NULL)
    ok = zx_store_update (store, "staff", zx_record_get_id (self->record), fields, &error);
  else
    {
      g_autofree char *id = zx_store_create (store, "staff", fields, &error);
      ok = id != NULL;
    }

  if (!ok)
    {
      self->touched = TRUE;
      show_problem (self, NULL, error->message);
      return;
    }

  title = g_strdup_printf (self->record ? _("Saved “%s”") : _("Added “%s”"),
                           json_object_get_string_member (fields, "name"));
  zx_widget_add_toast (widget, adw_toast_new (title));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
entry_activated_cb (ZxStaffEditor *self)
{
  if (self->valid)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
  else
    {
      self->touched = TRUE;
      validate (self);
    }
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
load (ZxStaffEditor *self)
{
  ZxStore *store = zx_context_get_store (self->context);
  g_autoptr(GtkStringList) roles = zx_enum_label_list ("staff", "role");
  g_autoptr(GtkExpression) expression = NULL;
  const char *department_id = self->department_id;
  guint position;

  self->loading = TRUE;

  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  zx_ref_choices_load (&self->departments, store, "department", NULL, NULL, NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->department_row, expression);
  adw_combo_row_set_model (self->department_row, G_LIST_MODEL (self->departments.labels));

  if (self->record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Staff Member"));
      set_text (self->name_row, zx_record_get_string (self->record, "name"));
      set_text (self->employee_no_row, zx_record_get_string (self->record, "employee_no"));
      set_text (self->title_row, zx_record_get_string (self->record, "title"));
      set_text (self->post_row, zx_record_get_string (self->record, "post"));
      set_text (self->email_row, zx_record_get_string (self->record, "email"));
      set_text (self->phone_row, zx_record_get_string (self->record, "phone"));
      gtk_switch_set_active (self->key_person_switch, zx_record_get_bool (self->record, "key_person"));
      department_id = zx_record_get_string (self->record, "department_id");
      position = zx_enum_position_of ("staff", "role", zx_record_get_string (self->record, "role"));
      self->touched = TRUE;
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Staff Member"));
      position = zx_enum_position_of ("staff", "role", "staff");
    }

  adw_combo_row_set_selected (self->role_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
  position = zx_ref_choices_find (&self->departments, department_id);
  adw_combo_row_set_selected (self->department_row, position != GTK_INVALID_LIST_POSITION ? position : 0);

  self->loading = FALSE;
  validate (self);
}

static void
zx_staff_editor_constructed (GObject *object)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (object);

  G_OBJECT_CLASS (zx_staff_editor_parent_class)->constructed (object);

  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
zx_staff_editor_dispose (GObject *object)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->record);
  zx_ref_choices_clear (&self->departments);
  g_clear_pointer (&self->department_id, g_free);

  G_OBJECT_CLASS (zx_staff_editor_parent_class)->dispose (object);
}

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  PROP_DEPARTMENT_ID,
  N_PROPS
};

static void
zx_staff_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ZxStaffEditor *self = ZX_STAFF_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      self->record = g_value_dup_object (value);
      break;

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

  object_class->constructed = zx_staff_editor_constructed;
  object_class->dispose = zx_staff_editor_dispose;
  object_class->set_property = zx_staff_editor_set_property;

  g_object_class_install_property (object_class, PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_RECORD,
    g_param_spec_object ("record", NULL, NULL, ZX_TYPE_RECORD,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_DEPARTMENT_ID,
    g_param_spec_string ("department-id", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

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
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
zx_staff_editor_init (ZxStaffEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
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
