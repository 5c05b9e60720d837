/* zx-success-factor-editor.c — create or edit a pillar's key success factor
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-success-factor-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-form.h"
#include "zx-rank.h"
#include "zx-success-factor-editor.h"

struct _ZxSuccessFactorEditor
{
  ZxRecordEditor  parent_instance;

  char           *pillar_id;
  ZxRefChoices    pillars;
  char           *rank_pillar_id;  /* the pillar new_rank was made for */
  char           *new_rank;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwComboRow    *pillar_row;
  AdwEntryRow    *name_row;
  GtkFrame       *description_frame;
  GtkTextBuffer  *description_buffer;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxSuccessFactorEditor, zx_success_factor_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_PILLAR_ID,
  N_PROPS
};

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

/* A new factor goes after the last one of its pillar */
static const char *
rank_after_last (ZxSuccessFactorEditor *self,
                 const char            *pillar_id)
{
  ZxStore *store = zx_record_editor_get_store (ZX_RECORD_EDITOR (self));
  const char *params[] = { pillar_id, NULL };
  g_autoptr(GListStore) factors = NULL;
  const char *last = NULL;
  guint n;

  if (g_strcmp0 (pillar_id, self->rank_pillar_id) == 0 && self->new_rank != NULL)
    return self->new_rank;

  factors = zx_store_list (store, "success_factor", "pillar_id = ?", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (factors));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (factors), i);
      const char *rank = zx_record_get_string (record, "rank");

      if (rank != NULL && zx_rank_is_valid (rank) && (last == NULL || strcmp (rank, last) > 0))
        last = rank;
    }

  g_free (self->new_rank);
  g_free (self->rank_pillar_id);
  self->new_rank = zx_rank_between (last, NULL);
  self->rank_pillar_id = g_strdup (pillar_id);
  return self->new_rank;
}

static JsonObject *
zx_success_factor_editor_collect (ZxRecordEditor *editor)
{
  ZxSuccessFactorEditor *self = ZX_SUCCESS_FACTOR_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *pillar_id = zx_ref_choices_id (&self->pillars, adw_combo_row_get_selected (self->pillar_row));

  if (pillar_id != NULL)
    json_object_set_string_member (fields, "pillar_id", pillar_id);
  else
    json_object_set_null_member (fields, "pillar_id");
  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  take_buffer (fields, "description", self->description_buffer);
  if (zx_record_editor_get_record (editor) == NULL && pillar_id != NULL)
    json_object_set_string_member (fields, "rank", rank_after_last (self, pillar_id));

  return fields;
}

static void
zx_success_factor_editor_load (ZxRecordEditor *editor,
                               ZxRecord       *record)
{
  ZxSuccessFactorEditor *self = ZX_SUCCESS_FACTOR_EDITOR (editor);
  g_autoptr(GtkExpression) expression = NULL;
  const char *pillar_id = self->pillar_id;
  const char *text;
  guint position;

  zx_ref_choices_load (&self->pillars, zx_record_editor_get_store (editor), "pillar", NULL, NULL, NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->pillar_row, expression);
  adw_combo_row_set_model (self->pillar_row, G_LIST_MODEL (self->pillars.labels));

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Key Success Factor"));
      pillar_id = zx_record_get_string (record, "pillar_id");
      text = zx_record_get_string (record, "name");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), text ? text : "");
      text = zx_record_get_string (record, "description");
      gtk_text_buffer_set_text (self->description_buffer, text ? text : "", -1);
    }
  else
    adw_window_title_set_title (self->window_title, _("New Key Success Factor"));

  position = zx_ref_choices_find (&self->pillars, pillar_id);
  adw_combo_row_set_selected (self->pillar_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
zx_success_factor_editor_dispose (GObject *object)
{
  ZxSuccessFactorEditor *self = ZX_SUCCESS_FACTOR_EDITOR (object);

  zx_ref_choices_clear (&self->pillars);

  G_OBJECT_CLASS (zx_success_factor_editor_parent_class)->dispose (object);
}

static void
zx_success_factor_editor_finalize (GObject *object)
{
  ZxSuccessFactorEditor *self = ZX_SUCCESS_FACTOR_EDITOR (object);

  g_free (self->pillar_id);
  g_free (self->rank_pillar_id);
  g_free (self->new_rank);

  G_OBJECT_CLASS (zx_success_factor_editor_parent_class)->finalize (object);
}

static void
zx_success_factor_editor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ZxSuccessFactorEditor *self = ZX_SUCCESS_FACTOR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PILLAR_ID:
      self->pillar_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_success_factor_editor_class_init (ZxSuccessFactorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_success_factor_editor_dispose;
  object_class->finalize = zx_success_factor_editor_finalize;
  object_class->set_property = zx_success_factor_editor_set_property;

  g_object_class_install_property (object_class, PROP_PILLAR_ID,
    g_param_spec_string ("pillar-id", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  editor_class->entity = "success_factor";
  editor_class->load = zx_success_factor_editor_load;
  editor_class->collect = zx_success_factor_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/strategy/zx-success-factor-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxSuccessFactorEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxSuccessFactorEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxSuccessFactorEditor, pillar_row);
  gtk_widget_class_bind_template_child (widget_class, ZxSuccessFactorEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxSuccessFactorEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxSuccessFactorEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxSuccessFactorEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_success_factor_editor_init (ZxSuccessFactorEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  /* The name first: it gets the focus */
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "pillar_id", GTK_WIDGET (self->pillar_row));
  zx_record_editor_add_row (editor, "description", GTK_WIDGET (self->description_frame));
}

GtkWidget *
zx_success_factor_editor_new (ZxContext  *context,
                              ZxRecord   *record,
                              const char *pillar_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_SUCCESS_FACTOR_EDITOR,
                       "context", context,
                       "record", record,
                       "pillar-id", pillar_id,
                       NULL);
}
