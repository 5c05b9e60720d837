/* zx-record-editor.c — the base of every form that creates or edits one row
 *
 * A subclass builds its rows from a template and says how to fill them
 * (load) and read them back (collect).  This class does the rest the same
 * way everywhere: every change is checked with zx_store_check(), the
 * store's message shows under the form and the row at fault is marked,
 * Save stays off until the store accepts the form, Enter and Ctrl+S save,
 * Escape cancels, and a toast says what was saved.
 *
 * Signed in to the hospital's server, the form mirrors its roles
 * (zx-roles.h): a row the account may not change is shown read-only, with
 * the reason under the form and on every field; a new row the account may
 * not add cannot be saved, and says why.  Without a server (standalone, or
 * the demo hospital) everything stays editable.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-account.h"
#include "zx-form.h"
#include "zx-record-editor.h"
#include "zx-roles.h"
#include "zx-window.h"

typedef struct
{
  ZxContext *context;
  ZxRecord  *record;      /* NULL for a new row */
  GtkLabel  *error_label;
  GArray    *rows;        /* ZxFormRow */
  gboolean   touched;     /* a new form is not wrong before it is touched */
  gboolean   valid;
  gboolean   loading;
  char      *read_only;   /* why this row may not be changed, or NULL */
} ZxRecordEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (ZxRecordEditor, zx_record_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_problem (ZxRecordEditor *self,
              const char     *field,
              const char     *message)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  if (priv->error_label == NULL)
    return;
  zx_form_show_problem (priv->error_label, (ZxFormRow *) priv->rows->data, priv->rows->len, field, message);
}

static JsonObject *
collect (ZxRecordEditor *self)
{
  return ZX_RECORD_EDITOR_GET_CLASS (self)->collect (self);
}

/* Roles -------------------------------------------------------------------- */

/* The scope a new row with @fields would have (as core computes it), or NULL */
static char *
new_row_scope (ZxStore        *store,
               const ZxEntity *entity,
               JsonObject     *fields)
{
  const char *value = NULL;

  if (entity->scope_field != NULL && fields != NULL && json_object_has_member (fields, entity->scope_field) &&
      !json_object_get_null_member (fields, entity->scope_field))
    value = json_object_get_string_member_with_default (fields, entity->scope_field, NULL);

  switch (entity->scope_rule)
    {
    case ZX_SCOPE_HOSPITAL:
      return g_strdup (ZX_SCOPE_ALL);
    case ZX_SCOPE_SELF:
      return NULL;
    case ZX_SCOPE_FIELD:
      return g_strdup (value != NULL ? value : ZX_SCOPE_ALL);
    case ZX_SCOPE_PARENT:
      {
        const ZxField *field = zx_entity_lookup_field (entity, entity->scope_field);
        g_autoptr(JsonObject) parent = NULL;

        if (value == NULL || field == NULL || field->ref == NULL)
          return NULL;
        parent = zx_store_get (store, field->ref, value, NULL);
        return parent != NULL ? g_strdup (json_object_get_string_member_with_default (parent, ZX_COLUMN_SCOPE, NULL))
                              : NULL;
      }
    default:
      return NULL;
    }
}

/* The owner a new row with @fields would have, for the entities staff
 * accounts write only when they own them */
static char *
new_row_owner (ZxStore    *store,
               const char *entity,
               JsonObject *fields)
{
  const char *owner = fields != NULL ? json_object_get_string_member_with_default (fields, "owner_id", NULL) : NULL;
  const char *parent = NULL;

  if (owner != NULL && json_object_get_null_member (fields, "owner_id"))
    owner = NULL;
  if (owner != NULL)
    return g_strdup (owner);
  if (fields == NULL)
    return NULL;
  if (g_str_equal (entity, "key_result"))
    parent = json_object_get_string_member_with_default (fields, "objective_id", NULL);
  else if (g_str_equal (entity, "check_in"))
    parent = json_object_get_string_member_with_default (fields, "key_result_id", NULL);
  if (parent == NULL)
    return NULL;
  return zx_roles_row_owner (store, g_str_equal (entity, "key_result") ? "objective" : "key_result", parent);
}

/* Why the signed-in account may not write this row (@fields for a new
 * one), or NULL: allowed, or not signed in to a server */
static char *
write_refusal (ZxRecordEditor *self,
               JsonObject     *fields)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);
  ZxStore *store = zx_context_get_store (priv->context);
  const char *entity_name = ZX_RECORD_EDITOR_GET_CLASS (self)->entity;
  const ZxEntity *entity = zx_schema_lookup (entity_name);
  g_autofree char *scope = NULL;
  g_autofree char *owner = NULL;

  if (entity == NULL || !zx_account_get (priv->context, NULL, NULL, NULL))
    return NULL;

  if (priv->record != NULL)
    {
      scope = g_strdup (zx_record_get_string (priv->record, ZX_COLUMN_SCOPE));
      owner = zx_roles_row_owner (store, entity_name, zx_record_get_id (priv->record));
    }
  else
    {
      scope = new_row_scope (store, entity, fields);
      owner = new_row_owner (store, entity_name, fields);
    }

  return zx_account_write_refusal (priv->context, entity_name, scope, owner);
}

/* A row the account may not change: every field read-only, with the reason */
static void
apply_read_only (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  if (priv->read_only == NULL)
    return;

  for (guint i = 0; i < priv->rows->len; i++)
    {
      GtkWidget *row = g_array_index (priv->rows, ZxFormRow, i).widget;

      gtk_widget_set_sensitive (row, FALSE);
      gtk_widget_set_tooltip_text (row, priv->read_only);
    }
  if (priv->error_label != NULL)
    {
      gtk_label_set_label (priv->error_label, priv->read_only);
      gtk_widget_set_visible (GTK_WIDGET (priv->error_label), TRUE);
      gtk_widget_remove_css_class (GTK_WIDGET (priv->error_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (priv->error_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (priv->error_label), priv->read_only);
    }
}

static void
validate (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);
  g_autoptr(JsonObject) fields = collect (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;

  g_autofree char *refusal = NULL;

  if (priv->read_only != NULL)
    {
      priv->valid = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      return;
    }

  priv->valid = zx_store_check (zx_context_get_store (priv->context),
                                ZX_RECORD_EDITOR_GET_CLASS (self)->entity,
                                priv->record ? zx_record_get_id (priv->record) : NULL,
                                fields, &field, &error);
  /* A new row the account may not add: the server would refuse it */
  if (priv->valid && priv->record == NULL && (refusal = write_refusal (self, fields)) != NULL)
    {
      priv->valid = FALSE;
      g_clear_pointer (&field, g_free);
      g_set_error_literal (&error, ZX_ERROR, ZX_ERROR_INVALID, refusal);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", priv->valid);

  if (priv->valid || !priv->touched)
    show_problem (self, NULL, NULL);
  else
    show_problem (self, field, error->message);
}

void
zx_record_editor_changed (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_if_fail (ZX_IS_RECORD_EDITOR (self));

  if (priv->loading)
    return;
  priv->touched = TRUE;
  validate (self);
}

void
zx_record_editor_activate (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_if_fail (ZX_IS_RECORD_EDITOR (self));

  if (priv->valid)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
  else
    {
      priv->touched = TRUE;
      validate (self);
    }
}

static char *
zx_record_editor_real_save (ZxRecordEditor  *self,
                            JsonObject      *fields,
                            GError         **error)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);
  const char *entity = ZX_RECORD_EDITOR_GET_CLASS (self)->entity;
  ZxStore *store = zx_context_get_store (priv->context);

  if (priv->record != NULL)
    return zx_store_update (store, entity, zx_record_get_id (priv->record), fields, error)
           ? g_strdup (zx_record_get_id (priv->record)) : NULL;
  return zx_store_create (store, entity, fields, error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxRecordEditor *self = ZX_RECORD_EDITOR (widget);
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);
  const char *entity = ZX_RECORD_EDITOR_GET_CLASS (self)->entity;
  ZxStore *store = zx_context_get_store (priv->context);
  g_autoptr(JsonObject) fields = collect (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  gboolean ok;

  id = ZX_RECORD_EDITOR_GET_CLASS (self)->save (self, fields, &error);
  ok = id != NULL;

  if (!ok)
    {
      priv->touched = TRUE;
      show_problem (self, NULL, error->message);
      return;
    }

  name = zx_store_get_display (store, entity, id);
  title = g_strdup_printf (priv->record ? _("Saved “%s”") : _("Added “%s”"), name ? name : "");
  zx_widget_show_message (widget, title);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
zx_record_editor_constructed (GObject *object)
{
  ZxRecordEditor *self = ZX_RECORD_EDITOR (object);
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  G_OBJECT_CLASS (zx_record_editor_parent_class)->constructed (object);

  g_assert (priv->context != NULL);
  g_assert (ZX_RECORD_EDITOR_GET_CLASS (self)->entity != NULL);

  priv->loading = TRUE;
  ZX_RECORD_EDITOR_GET_CLASS (self)->load (self, priv->record);
  priv->loading = FALSE;

  if (priv->record != NULL)
    priv->read_only = write_refusal (self, NULL);

  /* An existing row is judged at once; a new one once it is touched */
  priv->touched = priv->record != NULL;
  validate (self);
  apply_read_only (self);

  if (priv->rows->len > 0 && priv->read_only == NULL)
    gtk_widget_grab_focus (g_array_index (priv->rows, ZxFormRow, 0).widget);
}

static void
zx_record_editor_dispose (GObject *object)
{
  ZxRecordEditor *self = ZX_RECORD_EDITOR (object);
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_clear_object (&priv->context);
  g_clear_object (&priv->record);

  G_OBJECT_CLASS (zx_record_editor_parent_class)->dispose (object);
}

static void
zx_record_editor_finalize (GObject *object)
{
  ZxRecordEditor *self = ZX_RECORD_EDITOR (object);
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_clear_pointer (&priv->rows, g_array_unref);
  g_free (priv->read_only);

  G_OBJECT_CLASS (zx_record_editor_parent_class)->finalize (object);
}

static void
zx_record_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ZxRecordEditor *self = ZX_RECORD_EDITOR (object);
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;

    case PROP_RECORD:
      g_value_set_object (value, priv->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_record_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ZxRecordEditor *self = ZX_RECORD_EDITOR (object);
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      priv->record = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_record_editor_class_init (ZxRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  klass->save = zx_record_editor_real_save;
  object_class->constructed = zx_record_editor_constructed;
  object_class->dispose = zx_record_editor_dispose;
  object_class->finalize = zx_record_editor_finalize;
  object_class->get_property = zx_record_editor_get_property;
  object_class->set_property = zx_record_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ZX_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
zx_record_editor_init (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  priv->rows = g_array_new (FALSE, FALSE, sizeof (ZxFormRow));
}

void
zx_record_editor_class_bind_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback_full (widget_class, "field_changed_cb",
                                                G_CALLBACK (zx_record_editor_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_activated_cb",
                                                G_CALLBACK (zx_record_editor_activate));
}

void
zx_record_editor_set_error_label (ZxRecordEditor *self,
                                  GtkLabel       *label)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_if_fail (ZX_IS_RECORD_EDITOR (self));

  priv->error_label = label;
}

void
zx_record_editor_add_row (ZxRecordEditor *self,
                          const char     *field,
                          GtkWidget      *row)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);
  ZxFormRow form_row = { field, row };

  g_return_if_fail (ZX_IS_RECORD_EDITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (row));

  g_array_append_val (priv->rows, form_row);

  /* A screen reader reads the problem with the first row */
  if (priv->rows->len == 1 && priv->error_label != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, priv->error_label, NULL,
                                    -1);
}

ZxContext *
zx_record_editor_get_context (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_val_if_fail (ZX_IS_RECORD_EDITOR (self), NULL);
  return priv->context;
}

ZxStore *
zx_record_editor_get_store (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_val_if_fail (ZX_IS_RECORD_EDITOR (self), NULL);
  return zx_context_get_store (priv->context);
}

ZxRecord *
zx_record_editor_get_record (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_val_if_fail (ZX_IS_RECORD_EDITOR (self), NULL);
  return priv->record;
}

const char *
zx_record_editor_get_read_only_reason (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_val_if_fail (ZX_IS_RECORD_EDITOR (self), NULL);
  return priv->read_only;
}

gboolean
zx_record_editor_is_valid (ZxRecordEditor *self)
{
  ZxRecordEditorPrivate *priv = zx_record_editor_get_instance_private (self);

  g_return_val_if_fail (ZX_IS_RECORD_EDITOR (self), FALSE);
  return priv->valid;
}
