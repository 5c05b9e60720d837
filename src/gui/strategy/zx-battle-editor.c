/* zx-battle-editor.c — create or edit a department's battle
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-battle-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-battle-editor.h"
#include "zx-form.h"
#include "zx-rank.h"

struct _ZxBattleEditor
{
  ZxRecordEditor  parent_instance;

  char           *department_id;
  char           *pillar_id;
  ZxRefChoices    departments;
  ZxRefChoices    pillars;
  ZxRefChoices    owners;
  char           *owners_department_id; /* whose staff owners lists */
  char           *rank_department_id;
  char           *new_rank;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwComboRow    *department_row;
  AdwComboRow    *pillar_row;
  AdwEntryRow    *target_row;
  AdwComboRow    *owner_row;
  AdwEntryRow    *deadline_row;
  AdwComboRow    *status_row;
  GtkFrame       *description_frame;
  GtkTextBuffer  *description_buffer;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxBattleEditor, zx_battle_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_DEPARTMENT_ID,
  PROP_PILLAR_ID,
  N_PROPS
};

/* Status words --------------------------------------------------------------- */

static const struct
{
  const char *value;
  const char *label;
} status_labels[] = {
  /* Translators: status of a battle, 未启动 */
  { "planned", N_("Planned") },
  /* Translators: status of a battle, 推进中 */
  { "in_progress", N_("In progress") },
  /* Translators: status of a battle, 有风险 */
  { "at_risk", N_("At risk") },
  /* Translators: status of a battle, 已攻克 */
  { "achieved", N_("Achieved") },
  /* Translators: status of a battle, 已放弃 */
  { "dropped", N_("Dropped") },
};

const char *
zx_battle_status_label (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_labels); i++)
    if (g_strcmp0 (status_labels[i].value, status) == 0)
      return _(status_labels[i].label);
  return status ? status : "";
}

GtkStringList *
zx_battle_status_label_list (void)
{
  const ZxField *field = zx_entity_lookup_field (zx_schema_lookup ("battle"), "status");
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; field->values[i] != NULL; i++)
    gtk_string_list_append (list, zx_battle_status_label (field->values[i]));
  return list;
}

static const char *
status_value_at (guint position)
{
  const ZxField *field = zx_entity_lookup_field (zx_schema_lookup ("battle"), "status");

  for (guint i = 0; field->values[i] != NULL; i++)
    if (i == position)
      return field->values[i];
  return NULL;
}

static guint
status_position_of (const char *value)
{
  const ZxField *field = zx_entity_lookup_field (zx_schema_lookup ("battle"), "status");

  for (guint i = 0; value != NULL && field->values[i] != NULL; i++)
    if (g_str_equal (field->values[i], value))
      return i;
  return 0;
}

/* The form ----------------------------------------------------------------------- */

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

static void
set_ref (JsonObject *fields,
         const char *field,
         const char *id)
{
  if (id != NULL)
    json_object_set_string_member (fields, field, id);
  else
    json_object_set_null_member (fields, field);
}

static void
set_combo (AdwComboRow  *row,
           ZxRefChoices *choices)
{
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  adw_combo_row_set_expression (row, expression);
  adw_combo_row_set_model (row, G_LIST_MODEL (choices->labels));
}

static const char *
selected_department (ZxBattleEditor *self)
{
  return zx_ref_choices_id (&self->departments, adw_combo_row_get_selected (self->department_row));
}

/* The owner is one of the department's staff */
static void
load_owners (ZxBattleEditor *self,
             const char     *owner_id)
{
  const char *department_id = selected_department (self);
  const char *params[] = { department_id, NULL };
  guint position;

  if (department_id == NULL)
    return;

  zx_ref_choices_load (&self->owners, zx_record_editor_get_store (ZX_RECORD_EDITOR (self)),
                       "staff", "department_id = ?", params,
                       /* Translators: no owner chosen for a battle */
                       _("Nobody yet"));
  g_free (self->owners_department_id);
  self->owners_department_id = g_strdup (department_id);
  set_combo (self->owner_row, &self->owners);
  position = zx_ref_choices_find (&self->owners, owner_id);
  adw_combo_row_set_selected (self->owner_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
department_changed_cb (ZxBattleEditor *self)
{
  if (g_strcmp0 (selected_department (self), self->owners_department_id) != 0)
    load_owners (self, NULL);
}

static const char *
rank_after_last (ZxBattleEditor *self,
                 const char     *department_id)
{
  const char *params[] = { department_id, NULL };
  g_autoptr(GListStore) battles = NULL;
  const char *last = NULL;
  guint n;

  if (g_strcmp0 (department_id, self->rank_department_id) == 0 && self->new_rank != NULL)
    return self->new_rank;

  battles = zx_store_list (zx_record_editor_get_store (ZX_RECORD_EDITOR (self)),
                           "battle", "department_id = ?", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (battles));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (battles), i);
      const char *rank = zx_record_get_string (record, "rank");

      if (rank != NULL && zx_rank_is_valid (rank) && (last == NULL || strcmp (rank, last) > 0))
        last = rank;
    }

  g_free (self->new_rank);
  g_free (self->rank_department_id);
  self->new_rank = zx_rank_between (last, NULL);
  self->rank_department_id = g_strdup (department_id);
  return self->new_rank;
}

static JsonObject *
zx_battle_editor_collect (ZxRecordEditor *editor)
{
  ZxBattleEditor *self = ZX_BATTLE_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *department_id = selected_department (self);
  const char *status = status_value_at (adw_combo_row_get_selected (self->status_row));

  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  set_ref (fields, "department_id", department_id);
  set_ref (fields, "pillar_id", zx_ref_choices_id (&self->pillars, adw_combo_row_get_selected (self->pillar_row)));
  zx_form_take_text (fields, "target", GTK_EDITABLE (self->target_row));
  set_ref (fields, "owner_id", zx_ref_choices_id (&self->owners, adw_combo_row_get_selected (self->owner_row)));
  zx_form_take_text (fields, "deadline", GTK_EDITABLE (self->deadline_row));
  set_ref (fields, "status", status);
  take_buffer (fields, "description", self->description_buffer);
  if (zx_record_editor_get_record (editor) == NULL && department_id != NULL)
    json_object_set_string_member (fields, "rank", rank_after_last (self, department_id));

  return fields;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
zx_battle_editor_load (ZxRecordEditor *editor,
                       ZxRecord       *record)
{
  ZxBattleEditor *self = ZX_BATTLE_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(GtkStringList) statuses = zx_battle_status_label_list ();
  const char *department_id = self->department_id;
  const char *pillar_id = self->pillar_id;
  const char *owner_id = NULL;
  const char *text;
  guint position;

  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  zx_ref_choices_load (&self->departments, store, "department", NULL, NULL, NULL);
  set_combo (self->department_row, &self->departments);
  zx_ref_choices_load (&self->pillars, store, "pillar", NULL, NULL, NULL);
  set_combo (self->pillar_row, &self->pillars);

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Battle"));
      department_id = zx_record_get_string (record, "department_id");
      pillar_id = zx_record_get_string (record, "pillar_id");
      owner_id = zx_record_get_string (record, "owner_id");
      set_text (self->name_row, zx_record_get_string (record, "name"));
      set_text (self->target_row, zx_record_get_string (record, "target"));
      set_text (self->deadline_row, zx_record_get_string (record, "deadline"));
      text = zx_record_get_string (record, "description");
      gtk_text_buffer_set_text (self->description_buffer, text ? text : "", -1);
      adw_combo_row_set_selected (self->status_row, status_position_of (zx_record_get_string (record, "status")));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Battle"));
      adw_combo_row_set_selected (self->status_row, status_position_of ("planned"));
    }

  position = zx_ref_choices_find (&self->departments, department_id);
  adw_combo_row_set_selected (self->department_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
  position = zx_ref_choices_find (&self->pillars, pillar_id);
  adw_combo_row_set_selected (self->pillar_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
  load_owners (self, owner_id);

  g_signal_connect_object (self->department_row, "notify::selected",
                           G_CALLBACK (department_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
zx_battle_editor_dispose (GObject *object)
{
  ZxBattleEditor *self = ZX_BATTLE_EDITOR (object);

  zx_ref_choices_clear (&self->departments);
  zx_ref_choices_clear (&self->pillars);
  zx_ref_choices_clear (&self->owners);

  G_OBJECT_CLASS (zx_battle_editor_parent_class)->dispose (object);
}

static void
zx_battle_editor_finalize (GObject *object)
{
  ZxBattleEditor *self = ZX_BATTLE_EDITOR (object);

  g_free (self->department_id);
  g_free (self->pillar_id);
  g_free (self->owners_department_id);
  g_free (self->rank_department_id);
  g_free (self->new_rank);

  G_OBJECT_CLASS (zx_battle_editor_parent_class)->finalize (object);
}

static void
zx_battle_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ZxBattleEditor *self = ZX_BATTLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DEPARTMENT_ID:
      self->department_id = g_value_dup_string (value);
      break;

    case PROP_PILLAR_ID:
      self->pillar_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_battle_editor_class_init (ZxBattleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_battle_editor_dispose;
  object_class->finalize = zx_battle_editor_finalize;
  object_class->set_property = zx_battle_editor_set_property;

  g_object_class_install_property (object_class, PROP_DEPARTMENT_ID,
    g_param_spec_string ("department-id", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_PILLAR_ID,
    g_param_spec_string ("pillar-id", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  editor_class->entity = "battle";
  editor_class->load = zx_battle_editor_load;
  editor_class->collect = zx_battle_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/strategy/zx-battle-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, pillar_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_battle_editor_init (ZxBattleEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "department_id", GTK_WIDGET (self->department_row));
  zx_record_editor_add_row (editor, "pillar_id", GTK_WIDGET (self->pillar_row));
  zx_record_editor_add_row (editor, "target", GTK_WIDGET (self->target_row));
  zx_record_editor_add_row (editor, "owner_id", GTK_WIDGET (self->owner_row));
  zx_record_editor_add_row (editor, "deadline", GTK_WIDGET (self->deadline_row));
  zx_record_editor_add_row (editor, "status", GTK_WIDGET (self->status_row));
  zx_record_editor_add_row (editor, "description", GTK_WIDGET (self->description_frame));
}

GtkWidget *
zx_battle_editor_new (ZxContext  *context,
                      ZxRecord   *record,
                      const char *department_id,
                      const char *pillar_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_BATTLE_EDITOR,
                       "context", context,
                       "record", record,
                       "department-id", department_id,
                       "pillar-id", pillar_id,
                       NULL);
}
