/* zx-department-editor.c — create or edit a department
 *
 * Every change is checked with zx_store_check(); the message shows under
 * the form and the row at fault is marked.  Save stays off until the
 * store accepts the form.  Escape cancels, Enter saves.
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
#include "zx-window.h"

struct _ZxDepartmentEditor
{
  AdwWindow       parent_instance;

  ZxContext      *context;
  ZxRecord       *record;     /* NULL for a new department */
  ZxRefChoices    heads;
  gboolean        touched;
  gboolean        valid;
  gboolean        loading;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwEntryRow    *code_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *head_row;
  AdwActionRow   *beds_row;
  GtkSpinButton  *beds_spin;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxDepartmentEditor, zx_department_editor, ADW_TYPE_WINDOW)

static JsonObject *
collect_fields (ZxDepartmentEditor *self)
{
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
show_problem (ZxDepartmentEditor *self,
              const char         *field,
              const char         *message)
{
  const ZxFormRow rows[] = {
    { "name", GTK_WIDGET (self->name_row) },
    { "code", GTK_WIDGET (self->code_row) },
    { "kind", GTK_WIDGET (self->kind_row) },
    { "head_id", GTK_WIDGET (self->head_row) },
    { "beds", GTK_WIDGET (self->beds_row) },
  };

  zx_form_show_problem (self->error_label, rows, G_N_ELEMENTS (rows), field, message);
}

static void
validate (ZxDepartmentEditor *self)
{
  ZxStore *store = zx_context_get_store (self->context);
  g_autoptr(JsonObject) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;

  self->valid = zx_store_check (store, "department",
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
field_changed_cb (ZxDepartmentEditor *self)
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
  ZxDepartmentEditor *self = ZX_DEPARTMENT_EDITOR (widget);
  ZxStore *store = zx_context_get_store (self->context);
  g_autoptr(JsonObject) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean ok;

  if (self->record != NULL)
    ok = zx_store_update (store, "department", zx_record_get_id (self->record), fields, &error);
  else
    {
      g_autofree char *id = zx_store_create (store, "department", fields, &error);
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
entry_activated_cb (ZxDepartmentEditor *self)
{
  if (self->valid)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
  else
    {
      self->touched = TRUE;
      validate (self);
    }
}

static gboolean
beds_activate_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  ZxDepartmentEditor *self = user_data;

  gtk_spin_button_update (self->beds_spin);
  entry_activated_cb (self);
  return TRUE;
}

static void
load (ZxDepartmentEditor *self)
{
  ZxStore *store = zx_context_get_store (self->context);
  g_autoptr(GtkStringList) kinds = zx_enum_label_list ("department", "kind");
  const char *id = self->record ? zx_record_get_id (self->record) : NULL;
  const char *params[] = { id, NULL };

  self->loading = TRUE;

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

  if (self->record != NULL)
    {
      const char *code = zx_record_get_string (self->record, "code");
      guint kind = zx_enum_position_of ("department", "kind", zx_record_get_string (self->record, "kind"));
      guint head = zx_ref_choices_find (&self->heads, zx_record_get_string (self->record, "head_id"));

      adw_window_title_set_title (self->window_title, _("Edit Department"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), zx_record_get_string (self->record, "name"));
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), code ? code : "");
      adw_combo_row_set_selected (self->kind_row, kind != GTK_INVALID_LIST_POSITION ? kind : 0);
      adw_combo_row_set_selected (self->head_row, head != GTK_INVALID_LIST_POSITION ? head : 0);
      gtk_spin_button_set_value (self->beds_spin, zx_record_get_int (self->record, "beds"));
      self->touched = TRUE;
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Department"));
      adw_combo_row_set_selected (self->kind_row, 0);
      adw_combo_row_set_selected (self->head_row, 0);
    }

  self->loading = FALSE;
  validate (self);
}

static void
zx_department_editor_constructed (GObject *object)
{
  ZxDepartmentEditor *self = ZX_DEPARTMENT_EDITOR (object);

  G_OBJECT_CLASS (zx_department_editor_parent_class)->constructed (object);

  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
zx_department_editor_dispose (GObject *object)
{
  ZxDepartmentEditor *self = ZX_DEPARTMENT_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->record);
  zx_ref_choices_clear (&self->heads);

  G_OBJECT_CLASS (zx_department_editor_parent_class)->dispose (object);
}

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  N_PROPS
};

static void
zx_department_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ZxDepartmentEditor *self = ZX_DEPARTMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      self->record = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_department_editor_class_init (ZxDepartmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_department_editor_constructed;
  object_class->dispose = zx_department_editor_dispose;
  object_class->set_property = zx_department_editor_set_property;

  g_object_class_install_property (object_class, PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_RECORD,
    g_param_spec_object ("record", NULL, NULL, ZX_TYPE_RECORD,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

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
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
zx_department_editor_init (ZxDepartmentEditor *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Enter in the beds field saves too (GtkSpinButton has no ::activate in GTK 4.8) */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                          gtk_callback_action_new (beds_activate_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->beds_spin), shortcuts);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
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
