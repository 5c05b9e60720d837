/* zx-key-result-editor.c — create or edit a key result of an objective
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numeric key results run from a start value to a target in a unit, in
 * either direction (average length of stay 9.0 → 7.0 days is “lower is
 * better”); percentages between 0 and 100; milestones are reached or not.
 * The rows that do not apply to the kind are hidden.  A target below the
 * start suggests “lower is better” until the user picks a direction.  The
 * store's rules (target ≠ start, the direction matching, the due date
 * inside the cycle) show in the form as the user types.
 */
#define G_LOG_DOMAIN "zx-key-result-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-key-result-editor.h"
#include "zx-okr-form.h"
#include "zx-rank.h"
#include "zx-store-private.h"

struct _ZxKeyResultEditor
{
  ZxRecordEditor  parent_instance;

  char           *objective_id;
  char           *new_rank;
  gboolean        direction_chosen;   /* the user picked it: do not guess */
  gboolean        loading;
  ZxRefChoices    owners;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *title_row;
  AdwComboRow    *kind_row;
  GtkWidget      *measure_group;
  AdwEntryRow    *start_row;
  AdwEntryRow    *target_row;
  AdwEntryRow    *current_row;
  GtkLabel       *start_unit;
  GtkLabel       *target_unit;
  GtkLabel       *current_unit;
  AdwEntryRow    *unit_row;
  AdwComboRow    *direction_row;
  AdwEntryRow    *weight_row;
  AdwComboRow    *owner_row;
  AdwEntryRow    *due_row;
  AdwActionRow   *challenge_row;
  GtkSwitch      *challenge_switch;
  GtkFrame       *description_frame;
  GtkTextBuffer  *description_buffer;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxKeyResultEditor, zx_key_result_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_OBJECTIVE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Same order as the kind row's and direction row's items in the template */
static const char * const kinds[] = { "numeric", "percentage", "milestone" };
static const char * const directions[] = { "higher", "lower" };

static const char *
selected_kind (ZxKeyResultEditor *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return i < G_N_ELEMENTS (kinds) ? kinds[i] : kinds[0];
}

/* The rows the kind needs, and its unit after each number */
static void
show_rows (ZxKeyResultEditor *self)
{
  const char *kind = selected_kind (self);
  gboolean milestone = g_str_equal (kind, "milestone");
  gboolean numeric = g_str_equal (kind, "numeric");
  g_autofree char *unit = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_row))));
  const char *suffix = g_str_equal (kind, "percentage") ? "%" : numeric ? unit : "";

  gtk_widget_set_visible (self->measure_group, !milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), numeric);
  gtk_label_set_label (self->start_unit, suffix);
  gtk_label_set_label (self->target_unit, suffix);
  gtk_label_set_label (self->current_unit, suffix);
}

static void
changed (ZxKeyResultEditor *self)
{
  if (!self->loading)
    zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static gboolean
read_number (AdwEntryRow *row,
             double      *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;

  g_strdelimit (text, ",", '.');
  if (*text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

/* A target below the start means “lower is better”, unless the user said otherwise */
static void
numbers_changed_cb (ZxKeyResultEditor *self)
{
  double start, target;

  if (self->loading)
    return;
  if (!self->direction_chosen &&
      read_number (self->start_row, &start) && read_number (self->target_row, &target) && start != target)
    {
      self->loading = TRUE;
      adw_combo_row_set_selected (self->direction_row, target < start ? 1 : 0);
      self->loading = FALSE;
    }
  changed (self);
}

static void
direction_changed_cb (ZxKeyResultEditor *self)
{
  if (self->loading)
    return;
  self->direction_chosen = TRUE;
  changed (self);
}

static void
kind_changed_cb (ZxKeyResultEditor *self)
{
  show_rows (self);
  changed (self);
}

static void
unit_changed_cb (ZxKeyResultEditor *self)
{
  show_rows (self);
  changed (self);
}

static char *
rank_after_last (ZxKeyResultEditor *self,
                 const char        *objective_id)
{
  const char *params[] = { objective_id, NULL };
  g_autoptr(GListStore) krs = zx_store_list (zx_record_editor_get_store (ZX_RECORD_EDITOR (self)),
                                             "key_result", "objective_id = ?", params);
  g_autofree char *last = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (krs)); i++)
    {
      g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), i);
      const char *rank = zx_record_get_string (kr, "rank");

      if (rank != NULL && zx_rank_is_valid (rank) && (last == NULL || strcmp (rank, last) > 0))
        {
          g_free (last);
          last = g_strdup (rank);
        }
    }
  return zx_rank_between (last, NULL);
}

/* ZxRecordEditor ------------------------------------------------------------------------ */

static JsonObject *
zx_key_result_editor_collect (ZxRecordEditor *editor)
{
  ZxKeyResultEditor *self = ZX_KEY_RESULT_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *kind = selected_kind (self);

  zx_okr_form_set_ref (fields, "objective_id", self->objective_id);
  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  json_object_set_string_member (fields, "kind", kind);
  if (g_str_equal (kind, "milestone"))
    {
      /* reached or not: from 0 to 1, check-ins set the current value */
      json_object_set_double_member (fields, "start_value", 0);
      json_object_set_double_member (fields, "target_value", 1);
      json_object_set_null_member (fields, "unit");
      json_object_set_string_member (fields, "direction", "higher");
    }
  else
    {
      zx_okr_form_take_number (fields, "start_value", self->start_row);
      zx_okr_form_take_number (fields, "target_value", self->target_row);
      zx_okr_form_take_number (fields, "current_value", self->current_row);
      if (g_str_equal (kind, "numeric"))
        zx_form_take_text (fields, "unit", GTK_EDITABLE (self->unit_row));
      else
        json_object_set_null_member (fields, "unit");
      json_object_set_string_member (fields, "direction",
                                     directions[MIN (adw_combo_row_get_selected (self->direction_row), 1)]);
    }
  zx_okr_form_take_number (fields, "weight", self->weight_row);
  zx_okr_form_set_ref (fields, "owner_id", zx_ref_choices_id (&self->owners, adw_combo_row_get_selected (self->owner_row)));
  zx_form_take_text (fields, "due_date", GTK_EDITABLE (self->due_row));
  json_object_set_boolean_member (fields, "challenge", gtk_switch_get_active (self->challenge_switch));
  zx_okr_form_take_buffer (fields, "description", self->description_buffer);
  if (zx_record_editor_get_record (editor) == NULL && self->objective_id != NULL)
    {
      if (self->new_rank == NULL)
        self->new_rank = rank_after_last (self, self->objective_id);
      json_object_set_string_member (fields, "rank", self->new_rank);
    }
  return fields;
}

/* The due date's hint names the objective's cycle */
static void
set_due_hint (ZxKeyResultEditor *self,
              JsonObject        *objective)
{
  const char *cycle_id = json_object_get_string_member_with_default (objective, "cycle_id", NULL);
  g_autoptr(JsonObject) cycle = NULL;
  g_autofree char *hint = NULL;

  if (cycle_id != NULL)
    cycle = zx_store_get (zx_record_editor_get_store (ZX_RECORD_EDITOR (self)), "cycle", cycle_id, NULL);
  if (cycle == NULL)
    return;
  /* Translators: the due date's tooltip; the dates are the cycle's first and last day, YYYY-MM-DD */
  hint = g_strdup_printf (_("As year-month-day, from %s to %s"),
                          json_object_get_string_member_with_default (cycle, "start_date", ""),
                          json_object_get_string_member_with_default (cycle, "end_date", ""));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_row), hint);
}

static void
zx_key_result_editor_load (ZxRecordEditor *editor,
                           ZxRecord       *record)
{
  ZxKeyResultEditor *self = ZX_KEY_RESULT_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(JsonObject) objective = NULL;
  const char *department_id = NULL;
  const char *owner_id = NULL;
  const char *kind = "numeric";

  self->loading = TRUE;
  if (record != NULL)
    zx_set_str (&self->objective_id, zx_record_get_string (record, "objective_id"));
  if (self->objective_id != NULL)
    objective = zx_store_get (store, "objective", self->objective_id, NULL);
  if (objective != NULL)
    {
      department_id = json_object_get_string_member_with_default (objective, "department_id", NULL);
      owner_id = json_object_get_string_member_with_default (objective, "owner_id", NULL);
      adw_window_title_set_subtitle (self->window_title, json_object_get_string_member_with_default (objective, "title", ""));
      set_due_hint (self, objective);
    }
  {
    /* a department's key results are its people's; a hospital's anyone's */
    const char *params[] = { department_id, NULL };

    zx_ref_choices_load (&self->owners, store, "staff", department_id != NULL ? "department_id = ?" : NULL,
                         department_id != NULL ? params : NULL,
                         /* Translators: no owner chosen for a key result */
                         _("Nobody yet"));
  }

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Key Result"));
      zx_okr_form_set_text (self->title_row, zx_record_get_string (record, "title"));
      kind = zx_record_get_string (record, "kind");
      zx_okr_form_set_number (self->start_row, record, "start_value");
      zx_okr_form_set_number (self->target_row, record, "target_value");
      zx_okr_form_set_number (self->current_row, record, "current_value");
      zx_okr_form_set_text (self->unit_row, zx_record_get_string (record, "unit"));
      adw_combo_row_set_selected (self->direction_row, g_strcmp0 (zx_record_get_string (record, "direction"), "lower") == 0);
      self->direction_chosen = TRUE;
      zx_okr_form_set_number (self->weight_row, record, "weight");
      owner_id = zx_record_get_string (record, "owner_id");
      zx_okr_form_set_text (self->due_row, zx_record_get_string (record, "due_date"));
      gtk_switch_set_active (self->challenge_switch, zx_record_get_bool (record, "challenge"));
      gtk_text_buffer_set_text (self->description_buffer, zx_record_get_string (record, "description") ?
                                zx_record_get_string (record, "description") : "", -1);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Key Result"));
      gtk_editable_set_text (GTK_EDITABLE (self->weight_row), "1");
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  zx_okr_form_set_choices (self->owner_row, &self->owners, owner_id);
  show_rows (self);
  self->loading = FALSE;
}

/* GObject ------------------------------------------------------------------------------- */

static void
zx_key_result_editor_dispose (GObject *object)
{
  zx_ref_choices_clear (&ZX_KEY_RESULT_EDITOR (object)->owners);

  G_OBJECT_CLASS (zx_key_result_editor_parent_class)->dispose (object);
}

static void
zx_key_result_editor_finalize (GObject *object)
{
  ZxKeyResultEditor *self = ZX_KEY_RESULT_EDITOR (object);

  g_free (self->objective_id);
  g_free (self->new_rank);

  G_OBJECT_CLASS (zx_key_result_editor_parent_class)->finalize (object);
}

static void
zx_key_result_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ZxKeyResultEditor *self = ZX_KEY_RESULT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_OBJECTIVE_ID:
      zx_set_str (&self->objective_id, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_key_result_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ZxKeyResultEditor *self = ZX_KEY_RESULT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_OBJECTIVE_ID:
      g_value_set_string (value, self->objective_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_key_result_editor_class_init (ZxKeyResultEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_key_result_editor_dispose;
  object_class->finalize = zx_key_result_editor_finalize;
  object_class->set_property = zx_key_result_editor_set_property;
  object_class->get_property = zx_key_result_editor_get_property;

  editor_class->entity = "key_result";
  editor_class->load = zx_key_result_editor_load;
  editor_class->collect = zx_key_result_editor_collect;

  properties[PROP_OBJECTIVE_ID] =
    g_param_spec_string ("objective-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/okr/zx-key-result-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, measure_group);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, current_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, start_unit);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, target_unit);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, current_unit);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, weight_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, challenge_row);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, challenge_switch);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxKeyResultEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, numbers_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, direction_changed_cb);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_key_result_editor_init (ZxKeyResultEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  /* no signal handler runs until load() */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Set here, not in the template, so xgettext does not take the “%” for
   * a format */
  adw_action_row_set_subtitle (self->challenge_row,
                               /* xgettext:no-c-format */
                               _("70% of the target counts as success"));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "title", GTK_WIDGET (self->title_row));
  zx_record_editor_add_row (editor, "kind", GTK_WIDGET (self->kind_row));
  zx_record_editor_add_row (editor, "unit", GTK_WIDGET (self->unit_row));
  zx_record_editor_add_row (editor, "start_value", GTK_WIDGET (self->start_row));
  zx_record_editor_add_row (editor, "target_value", GTK_WIDGET (self->target_row));
  zx_record_editor_add_row (editor, "current_value", GTK_WIDGET (self->current_row));
  zx_record_editor_add_row (editor, "direction", GTK_WIDGET (self->direction_row));
  zx_record_editor_add_row (editor, "weight", GTK_WIDGET (self->weight_row));
  zx_record_editor_add_row (editor, "owner_id", GTK_WIDGET (self->owner_row));
  zx_record_editor_add_row (editor, "due_date", GTK_WIDGET (self->due_row));
  zx_record_editor_add_row (editor, "challenge", GTK_WIDGET (self->challenge_row));
  zx_record_editor_add_row (editor, "description", GTK_WIDGET (self->description_frame));
}

GtkWidget *
zx_key_result_editor_new (ZxContext  *context,
                          ZxRecord   *record,
                          const char *objective_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_KEY_RESULT_EDITOR, "context", context, "record", record,
                       "objective-id", objective_id, NULL);
}
