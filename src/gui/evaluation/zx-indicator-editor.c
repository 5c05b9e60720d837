/* zx-indicator-editor.c — add or edit an indicator of the library
 *
 * The code, name, dimension and sub-dimension, level, direction, unit and
 * definition.  Where an indicator came from (national, operational, the
 * hospital's own) is shown, not edited: a new one is the hospital's own.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-indicator-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-form.h"
#include "zx-indicator-editor.h"

static const char * const levels[] = { "hospital", "department", "post" };
static const char * const directions[] = { "higher", "lower", "monitor", "qualitative" };

struct _ZxIndicatorEditor
{
  ZxRecordEditor  parent_instance;

  char           *source;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *code_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *dimension_row;
  AdwEntryRow    *sub_dimension_row;
  AdwComboRow    *level_row;
  AdwComboRow    *direction_row;
  AdwEntryRow    *unit_row;
  AdwEntryRow    *definition_row;
  AdwActionRow   *source_row;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxIndicatorEditor, zx_indicator_editor, ZX_TYPE_RECORD_EDITOR)

const char *
zx_indicator_level_label (const char *level)
{
  if (g_strcmp0 (level, "hospital") == 0)
    return C_("indicator level", "Hospital");
  if (g_strcmp0 (level, "department") == 0)
    return C_("indicator level", "Department");
  if (g_strcmp0 (level, "post") == 0)
    return C_("indicator level", "Post");
  return level != NULL ? level : "";
}

const char *
zx_indicator_direction_label (const char *direction)
{
  if (g_strcmp0 (direction, "higher") == 0)
    return _("Higher is better");
  if (g_strcmp0 (direction, "lower") == 0)
    return _("Lower is better");
  if (g_strcmp0 (direction, "monitor") == 0)
    return _("Monitored");
  if (g_strcmp0 (direction, "qualitative") == 0)
    return _("Qualitative");
  return direction != NULL ? direction : "";
}

const char *
zx_indicator_source_label (const char *source)
{
  if (g_strcmp0 (source, "national") == 0)
    return _("National performance evaluation");
  if (g_strcmp0 (source, "operational") == 0)
    return _("Operational");
  if (g_strcmp0 (source, "hospital") == 0)
    return _("The hospital's own");
  return source != NULL ? source : "";
}

static guint
position_of (const char * const *values,
             guint               n,
             const char         *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static JsonObject *
zx_indicator_editor_collect (ZxRecordEditor *editor)
{
  ZxIndicatorEditor *self = ZX_INDICATOR_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  guint level = adw_combo_row_get_selected (self->level_row);
  guint direction = adw_combo_row_get_selected (self->direction_row);

  zx_form_take_text (fields, "code", GTK_EDITABLE (self->code_row));
  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  zx_form_take_text (fields, "dimension", GTK_EDITABLE (self->dimension_row));
  zx_form_take_text (fields, "sub_dimension", GTK_EDITABLE (self->sub_dimension_row));
  zx_form_take_text (fields, "unit", GTK_EDITABLE (self->unit_row));
  zx_form_take_text (fields, "definition", GTK_EDITABLE (self->definition_row));
  json_object_set_string_member (fields, "level", levels[MIN (level, G_N_ELEMENTS (levels) - 1)]);
  json_object_set_string_member (fields, "direction", directions[MIN (direction, G_N_ELEMENTS (directions) - 1)]);
  json_object_set_string_member (fields, "source", self->source);
  if (zx_record_editor_get_record (editor) == NULL)
    {
      json_object_set_boolean_member (fields, "national_monitoring", FALSE);
      json_object_set_boolean_member (fields, "retired", FALSE);
    }
  return fields;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
zx_indicator_editor_load (ZxRecordEditor *editor,
                          ZxRecord       *record)
{
  ZxIndicatorEditor *self = ZX_INDICATOR_EDITOR (editor);
  g_autoptr(GtkStringList) level_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) direction_labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    gtk_string_list_append (level_labels, zx_indicator_level_label (levels[i]));
  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    gtk_string_list_append (direction_labels, zx_indicator_direction_label (directions[i]));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (level_labels));
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (direction_labels));

  g_free (self->source);
  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Indicator"));
      self->source = g_strdup (zx_record_get_string (record, "source"));
      set_text (self->code_row, zx_record_get_string (record, "code"));
      set_text (self->name_row, zx_record_get_string (record, "name"));
      set_text (self->dimension_row, zx_record_get_string (record, "dimension"));
      set_text (self->sub_dimension_row, zx_record_get_string (record, "sub_dimension"));
      set_text (self->unit_row, zx_record_get_string (record, "unit"));
      set_text (self->definition_row, zx_record_get_string (record, "definition"));
      adw_combo_row_set_selected (self->level_row,
                                  position_of (levels, G_N_ELEMENTS (levels), zx_record_get_string (record, "level")));
      adw_combo_row_set_selected (self->direction_row,
                                  position_of (directions, G_N_ELEMENTS (directions), zx_record_get_string (record, "direction")));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Indicator"));
      self->source = g_strdup ("hospital");
      adw_combo_row_set_selected (self->level_row, 1);
      adw_combo_row_set_selected (self->direction_row, 0);
    }
  adw_action_row_set_subtitle (self->source_row, zx_indicator_source_label (self->source));
}

static void
zx_indicator_editor_finalize (GObject *object)
{
  g_free (ZX_INDICATOR_EDITOR (object)->source);
  G_OBJECT_CLASS (zx_indicator_editor_parent_class)->finalize (object);
}

static void
zx_indicator_editor_class_init (ZxIndicatorEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = zx_indicator_editor_finalize;
  editor_class->entity = "indicator";
  editor_class->load = zx_indicator_editor_load;
  editor_class->collect = zx_indicator_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/evaluation/zx-indicator-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, dimension_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, sub_dimension_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, definition_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_indicator_editor_init (ZxIndicatorEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "code", GTK_WIDGET (self->code_row));
  zx_record_editor_add_row (editor, "dimension", GTK_WIDGET (self->dimension_row));
  zx_record_editor_add_row (editor, "sub_dimension", GTK_WIDGET (self->sub_dimension_row));
  zx_record_editor_add_row (editor, "level", GTK_WIDGET (self->level_row));
  zx_record_editor_add_row (editor, "direction", GTK_WIDGET (self->direction_row));
  zx_record_editor_add_row (editor, "unit", GTK_WIDGET (self->unit_row));
  zx_record_editor_add_row (editor, "definition", GTK_WIDGET (self->definition_row));
}

GtkWidget *
zx_indicator_editor_new (ZxContext *context,
                         ZxRecord  *record)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_INDICATOR_EDITOR, "context", context, "record", record, NULL);
}
