/* zx-key-result-editor.c — create or edit a key result of an objective
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numeric key results run from a start value to a target in a unit, in
 * either direction (average length of stay 9.0 → 7.0 days is “lower is
 * better”); percentages between 0 and 100; milestones are reached or not.
 * The rows that do not apply to the kind are hidden.  The store's rules
 * (target ≠ start, the direction matching, the due date inside the cycle)
 * show in the form as the user types.
 */
#define G_LOG_DOMAIN "zx-key-result-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-key-result-editor.h"
#include "zx-okr-form.h"
#include "zx-rank.h"

struct _ZxKeyResultEditor
{
  ZxRecordEditor  parent_instance;

  char           *objective_id;
  char           *new_rank;
  gboolean        direction_chosen;   /* the user picked it: do not guess */
  gboolean        loading;
  ZxRefChoices    owners;

  AdwWindowTitle *title;
  AdwEntryRow    *title_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *start_row;
  AdwEntryRow    *target_row;
  AdwEntryRow    *current_row;
  AdwEntryRow    *unit_row;
  AdwComboRow    *direction_row;
  AdwEntryRow    *weight_row;
  AdwComboRow    *owner_row;
  AdwEntryRow    *due_row;
  GtkSwitch      *challenge_switch;
  GtkTextBuffer  *description;
};

G_DEFINE_FINAL_TYPE (ZxKeyResultEditor, zx_key_result_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_OBJECTIVE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kinds[] = { "numeric", "percentage", "milestone" };
static const char * const directions[] = { "higher", "lower" };

static const char *
selected_kind (ZxKeyResultEditor *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return i < G_N_ELEMENTS (kinds) ? kinds[i] : "numeric";
}

static void
show_rows (ZxKeyResultEditor *self)
{
  const char *kind = selected_kind (self);
  gboolean milestone = g_str_equal (kind, "milestone");

  gtk_widget_set_visible (GTK_WIDGET (self->start_row), !milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->target_row), !milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->current_row), !milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->direction_row), !milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), g_str_equal (kind, "numeric"));
}

static gboolean
read_number (AdwEntryRow *row,
             double      *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;

  g_strdelimit (text, "，,", '.');
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

  if (self->loading || self->direction_chosen)
    return;
  if (read_number (self->start_row, &start) && read_number (self->target_row, &target) && start != target)
    {
      self->loading = TRUE;
      adw_combo_row_set_selected (self->direction_row, target < start ? 1 : 0);
      self->loading = FALSE;
    }
}

static void
direction_changed_cb (ZxKeyResultEditor *self)
{
  if (!self->loading)
    self->direction_chosen = TRUE;
}

static void
kind_changed_cb (ZxKeyResultEditor *self)
{
  show_rows (self);
}

static char *
rank_after_last (ZxKeyResultEditor *self,
                 const char        *objective_id)
{
  const char *params[] = { objective_id, NULL };
  g_autoptr(GListStore) krs = zx_store_list (zx_record_editor_get_store (ZX_RECORD_EDITOR (self)),
                                             "key_result", "objective_id = ?", params);
  const char *last = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (krs)); i++)
    {
      g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), i);
      const char *rank = zx_record_get_string (kr, "rank");

      if (rank != NULL && zx_rank_is_valid (rank) && (last == NULL || strcmp (rank, last) > 0))
        last = g_intern_string (rank);
    }
  return zx_rank_between (last, NULL);
}

static JsonObject *
zx_key_result_editor_collect (ZxRecordEditor *editor)
{
  ZxKeyResultEditor *self = ZX_KEY_RESULT_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *kind = selected_kind (self);
  gboolean milestone = g_str_equal (kind, "milestone");

  if (self->objective_id != NULL)
    json_object_set_string_member (fields, "objective_id", self->objective_id);
  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  json_object_set_string_member (fields, "kind", kind);
  if (milestone)
    {
      json_object_set_null_member (fields, "start_value");
      json_object_set_null_member (fields, "target_value");
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
  zx_okr_form_take_buffer (fields, "description", self->description);
  if (zx_record_editor_get_record (editor) == NULL && self->objective_id != NULL)
    {
      if (self->new_rank == NULL)
        self->new_rank = rank_after_last (self, self->objective_id);
      json_object_set_string_member (fields, "rank", self->new_rank);
    }
  return fields;
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
    {
      g_free (self->objective_id);
      self->objective_id = g_strdup (zx_record_get_string (record, "objective_id"));
    }
  if (self->objective_id != NULL)
    objective = zx_store_get (store, "objective", self->objective_id, NULL);
  if (objective != NULL)
    {
      department_id = json_object_get_string_member_with_default (objective, "department_id", NULL);
      owner_id = json_object_get_string_member_with_default (objective, "owner_id", NULL);
      adw_window_title_set_subtitle (self->title, json_object_get_string_member_with_default (objective, "title", ""));
    }
  {
    const char *params[] = { department_id, NULL };

    zx_ref_choices_load (&self->owners, store, "staff", department_id != NULL ? "department_id = ?" : NULL,
                         department_id != NULL ? params : NULL,
                         /* Translators: no owner chosen for a key result */
                         _("Nobody yet"));
  }

  if (record != NULL)
    {
      adw_window_title_set_title (self->title, _("Edit Key Result"));
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
      gtk_text_buffer_set_text (self->description, zx_record_get_string (record, "description") ?
                                zx_record_get_string (record, "description") : "", -1);
    }
  else
    {
      adw_window_title_set_title (self->title, _("New Key Result"));
      gtk_editable_set_text (GTK_EDITABLE (self->weight_row), "1");
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  zx_okr_form_set_choices (self->owner_row, &self->owners, owner_id);
  show_rows (self);
  self->loading = FALSE;

  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_row, "changed", G_CALLBACK (numbers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->target_row, "changed", G_CALLBACK (numbers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->direction_row, "notify::selected", G_CALLBACK (direction_changed_cb), self, G_CONNECT_SWAPPED);
}

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

  if (prop_id != PROP_OBJECTIVE_ID)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_free (self->objective_id);
  self->objective_id = g_value_dup_string (value);
}

static void
zx_key_result_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  if (prop_id != PROP_OBJECTIVE_ID)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_string (value, ZX_KEY_RESULT_EDITOR (object)->objective_id);
}

static void
zx_key_result_editor_class_init (ZxKeyResultEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
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
}

static void
zx_key_result_editor_init (ZxKeyResultEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);
  GtkBox *body = zx_okr_form_frame (editor, &self->title);
  GtkWidget *group = zx_okr_form_group (body, NULL, NULL);
  GtkWidget *measure, *more;
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) direction_labels = gtk_string_list_new (NULL);

  /* Translators: kinds of key result */
  gtk_string_list_append (kind_labels, C_("key result kind", "Numeric"));
  gtk_string_list_append (kind_labels, C_("key result kind", "Percentage"));
  gtk_string_list_append (kind_labels, C_("key result kind", "Milestone"));
  gtk_string_list_append (direction_labels, _("Higher is better"));
  gtk_string_list_append (direction_labels, _("Lower is better"));

  self->title_row = zx_okr_form_entry (editor, group, "title", _("Title"),
                                       _("How you will know, such as “average length of stay down to 7.0 days”"));
  self->kind_row = zx_okr_form_combo (editor, group, "kind", _("Kind"), G_LIST_MODEL (kind_labels));

  measure = zx_okr_form_group (body, _("Measure"), NULL);
  self->start_row = zx_okr_form_entry (editor, measure, "start_value", _("Start value"), _("Where it stands at the start of the cycle"));
  self->target_row = zx_okr_form_entry (editor, measure, "target_value", _("Target value"), NULL);
  self->current_row = zx_okr_form_entry (editor, measure, "current_value", _("Current value"),
                                         _("Check-ins update it each week"));
  self->unit_row = zx_okr_form_entry (editor, measure, "unit", _("Unit"), _("Such as days, cases or yuan"));
  self->direction_row = zx_okr_form_combo (editor, measure, "direction", _("Direction"), G_LIST_MODEL (direction_labels));

  more = zx_okr_form_group (body, NULL, NULL);
  self->weight_row = zx_okr_form_entry (editor, more, "weight", _("Weight"),
                                        _("How much it counts in the objective’s progress, from 0 to 100"));
  self->owner_row = zx_okr_form_combo (editor, more, "owner_id", _("Owner"), NULL);
  self->due_row = zx_okr_form_entry (editor, more, "due_date", _("Due date"), _("As year-month-day, for example 2026-12-31"));
  self->challenge_switch = zx_okr_form_switch (editor, more, "challenge", _("Challenging"),
                                               /* xgettext:no-c-format */
                                               _("A stretch goal: 70% of the target counts as success"));

  self->description = zx_okr_form_text (editor, body, "description", _("Description"));
}

GtkWidget *
zx_key_result_editor_new (ZxContext  *context,
                          ZxRecord   *record,
                          const char *objective_id)
{
  return g_object_new (ZX_TYPE_KEY_RESULT_EDITOR, "context", context, "record", record,
                       "objective-id", objective_id, NULL);
}
