/* zx-pillar-editor.c — create or edit a strategic pillar
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-pillar-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-form.h"
#include "zx-pillar-editor.h"
#include "zx-rank.h"

struct _ZxPillarEditor
{
  ZxRecordEditor  parent_instance;

  char           *plan_id;
  char           *new_rank;    /* a new pillar goes after the last one */

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  GtkFrame       *description_frame;
  GtkTextBuffer  *description_buffer;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxPillarEditor, zx_pillar_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_PLAN_ID,
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

static JsonObject *
zx_pillar_editor_collect (ZxRecordEditor *editor)
{
  ZxPillarEditor *self = ZX_PILLAR_EDITOR (editor);
  JsonObject *fields = json_object_new ();

  if (self->plan_id != NULL)
    json_object_set_string_member (fields, "plan_id", self->plan_id);
  else
    json_object_set_null_member (fields, "plan_id");
  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  take_buffer (fields, "description", self->description_buffer);
  if (zx_record_editor_get_record (editor) == NULL && self->new_rank != NULL)
    json_object_set_string_member (fields, "rank", self->new_rank);

  return fields;
}

static void
zx_pillar_editor_load (ZxRecordEditor *editor,
                       ZxRecord       *record)
{
  ZxPillarEditor *self = ZX_PILLAR_EDITOR (editor);
  const char *text;

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Pillar"));
      g_free (self->plan_id);
      self->plan_id = g_strdup (zx_record_get_string (record, "plan_id"));
      text = zx_record_get_string (record, "name");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), text ? text : "");
      text = zx_record_get_string (record, "description");
      gtk_text_buffer_set_text (self->description_buffer, text ? text : "", -1);
    }
  else
    {
      ZxStore *store = zx_record_editor_get_store (editor);
      const char *params[] = { self->plan_id, NULL };
      g_autoptr(GListStore) pillars = NULL;
      guint n;

      adw_window_title_set_title (self->window_title, _("New Pillar"));
      if (self->plan_id == NULL)
        return;
      pillars = zx_store_list (store, "pillar", "plan_id = ?", params);
      n = g_list_model_get_n_items (G_LIST_MODEL (pillars));
      if (n > 0)
        {
          g_autoptr(ZxRecord) last = g_list_model_get_item (G_LIST_MODEL (pillars), n - 1);
          const char *rank = zx_record_get_string (last, "rank");

          self->new_rank = zx_rank_between (rank != NULL && zx_rank_is_valid (rank) ? rank : NULL, NULL);
        }
      else
        self->new_rank = zx_rank_between (NULL, NULL);
    }

  if (self->plan_id != NULL)
    {
      g_autofree char *plan = zx_store_get_display (zx_record_editor_get_store (editor), "plan", self->plan_id);
      adw_window_title_set_subtitle (self->window_title, plan ? plan : "");
    }
}

static void
zx_pillar_editor_finalize (GObject *object)
{
  ZxPillarEditor *self = ZX_PILLAR_EDITOR (object);

  g_free (self->plan_id);
  g_free (self->new_rank);

  G_OBJECT_CLASS (zx_pillar_editor_parent_class)->finalize (object);
}

static void
zx_pillar_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ZxPillarEditor *self = ZX_PILLAR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PLAN_ID:
      self->plan_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_pillar_editor_class_init (ZxPillarEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->finalize = zx_pillar_editor_finalize;
  object_class->set_property = zx_pillar_editor_set_property;

  g_object_class_install_property (object_class, PROP_PLAN_ID,
    g_param_spec_string ("plan-id", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  editor_class->entity = "pillar";
  editor_class->load = zx_pillar_editor_load;
  editor_class->collect = zx_pillar_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/strategy/zx-pillar-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxPillarEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxPillarEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxPillarEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPillarEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxPillarEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxPillarEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_pillar_editor_init (ZxPillarEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "description", GTK_WIDGET (self->description_frame));
}

GtkWidget *
zx_pillar_editor_new (ZxContext  *context,
                      ZxRecord   *record,
                      const char *plan_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_PILLAR_EDITOR,
                       "context", context,
                       "record", record,
                       "plan-id", plan_id,
                       NULL);
}
