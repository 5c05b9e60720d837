/* zx-check-in-editor.c — the weekly check-in of a key result
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each week the owner records the new value (or that the milestone was
 * reached), a confidence from 1 to 10, how it is going, what is in the way
 * and what support is needed.  Saving also moves the key result's current
 * value and confidence, so its progress, its objective's and the cockpit's
 * follow at once; correcting a past check-in is written to the audit log.
 */
#define G_LOG_DOMAIN "zx-check-in-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-check-in-editor.h"
#include "zx-okr-form.h"

struct _ZxCheckInEditor
{
  ZxRecordEditor  parent_instance;

  char           *key_result_id;
  gboolean        milestone;

  AdwWindowTitle *title;
  GtkWidget      *summary_group;
  AdwEntryRow    *week_row;
  AdwEntryRow    *value_row;
  GtkSwitch      *reached_switch;
  GtkWidget      *reached_row;
  GtkSpinButton  *confidence_spin;
  GtkTextBuffer  *note;
  GtkTextBuffer  *obstacles;
  GtkTextBuffer  *support;
};

G_DEFINE_FINAL_TYPE (ZxCheckInEditor, zx_check_in_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_KEY_RESULT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Saving ----------------------------------------------------------------------------- */

static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (node)));
    }
  return NULL;
}

/* The staff member using the program, or NULL */
static const char *
author_of (ZxStore *store)
{
  const char *actor = zx_store_get_actor (store);
  const char *params[] = { actor, NULL };

  return actor != NULL && zx_store_count (store, "staff", "id = ?", params) > 0 ? actor : NULL;
}

/* Is @check_in_id the key result's latest check-in (by week, then when written)? */
static gboolean
is_latest (ZxStore    *store,
           const char *key_result_id,
           const char *check_in_id)
{
  const char *params[] = { key_result_id, NULL };
  g_autoptr(GListStore) all = zx_store_list (store, "check_in", "key_result_id = ?", params);
  const char *best_id = NULL, *best_week = NULL, *best_at = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(ZxRecord) c = g_list_model_get_item (G_LIST_MODEL (all), i);
      const char *week = zx_record_get_string (c, "week");
      const char *at = zx_record_get_string (c, "created_at");
      int cmp = g_strcmp0 (week, best_week);

      if (best_id == NULL || cmp > 0 || (cmp == 0 && g_strcmp0 (at, best_at) >= 0))
        {
          best_id = g_intern_string (zx_record_get_id (c));
          best_week = g_intern_string (week);
          best_at = g_intern_string (at);
        }
    }
  return g_strcmp0 (best_id, check_in_id) == 0;
}

char *
zx_check_in_save (ZxStore     *store,
                  const char  *check_in_id,
                  const char  *key_result_id,
                  JsonObject  *fields,
                  GError     **error)
{
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(JsonObject) kr = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = zx_store_now (store);
  GList *members;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (key_result_id != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  kr = zx_store_get (store, "key_result", key_result_id, error);
  if (kr == NULL)
    return NULL;

  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (row, l->data, json_node_copy (json_object_get_member (fields, l->data)));
  g_list_free (members);
  json_object_set_string_member (row, "key_result_id", key_result_id);

  if (!zx_store_begin (store, error))
    return NULL;

  if (check_in_id == NULL)
    {
      json_object_set_string_member (row, "created_at", now);
      if (author_of (store) != NULL)
        json_object_set_string_member (row, "author_id", author_of (store));
      id = zx_store_create (store, "check_in", row, error);
      if (id == NULL)
        goto fail;
    }
  else
    {
      old = zx_store_get (store, "check_in", check_in_id, error);
      if (old == NULL || !zx_store_update (store, "check_in", check_in_id, row, error))
        goto fail;
      id = g_strdup (check_in_id);

      /* a correction of the past: one audit entry per changed field */
      members = json_object_get_members (row);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *field = l->data;
          g_autofree char *before = node_to_text (json_object_get_member (old, field));
          g_autofree char *after = node_to_text (json_object_get_member (row, field));
          g_autoptr(JsonObject) entry = NULL;
          g_autofree char *entry_id = NULL;

          if (g_strcmp0 (before, after) == 0)
            continue;
          entry = json_object_new ();
          json_object_set_string_member (entry, "entity", "check_in");
          json_object_set_string_member (entry, "row_id", check_in_id);
          json_object_set_string_member (entry, "field", field);
          zx_okr_form_set_ref (entry, "old_value", before);
          zx_okr_form_set_ref (entry, "new_value", after);
          zx_okr_form_set_ref (entry, "actor", zx_store_get_actor (store));
          json_object_set_string_member (entry, "at", now);
          entry_id = zx_store_create (store, "audit_entry", entry, error);
          if (entry_id == NULL)
            {
              g_list_free (members);
              goto fail;
            }
        }
      g_list_free (members);
    }

  /* the key result follows its latest check-in */
  if (is_latest (store, key_result_id, id))
    {
      g_autoptr(JsonObject) changes = json_object_new ();
      g_autoptr(JsonObject) saved = zx_store_get (store, "check_in", id, error);

      if (saved == NULL)
        goto fail;
      if (g_strcmp0 (json_object_get_string_member_with_default (kr, "kind", NULL), "milestone") == 0)
        json_object_set_double_member (changes, "current_value",
                                       json_object_get_boolean_member_with_default (saved, "milestone_done", FALSE) ? 1.0 : 0.0);
      else if (json_object_has_member (saved, "value") && !json_object_get_null_member (saved, "value"))
        json_object_set_double_member (changes, "current_value", json_object_get_double_member (saved, "value"));
      if (json_object_has_member (saved, "confidence") && !json_object_get_null_member (saved, "confidence"))
        json_object_set_int_member (changes, "confidence", json_object_get_int_member (saved, "confidence"));
      if (json_object_get_size (changes) > 0 &&
          !zx_store_update (store, "key_result", key_result_id, changes, error))
        goto fail;
    }

  if (!zx_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&id);

fail:
  zx_store_rollback (store);
  return NULL;
}

/* The form ------------------------------------------------------------------------------ */

static char *
zx_check_in_editor_save (ZxRecordEditor  *editor,
                         JsonObject      *fields,
                         GError         **error)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (editor);
  ZxRecord *record = zx_record_editor_get_record (editor);

  return zx_check_in_save (zx_record_editor_get_store (editor), record != NULL ? zx_record_get_id (record) : NULL,
                           self->key_result_id, fields, error);
}

static JsonObject *
zx_check_in_editor_collect (ZxRecordEditor *editor)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (editor);
  JsonObject *fields = json_object_new ();

  if (self->key_result_id != NULL)
    json_object_set_string_member (fields, "key_result_id", self->key_result_id);
  zx_form_take_text (fields, "week", GTK_EDITABLE (self->week_row));
  if (self->milestone)
    json_object_set_boolean_member (fields, "milestone_done", gtk_switch_get_active (self->reached_switch));
  else
    zx_okr_form_take_number (fields, "value", self->value_row);
  json_object_set_int_member (fields, "confidence", gtk_spin_button_get_value_as_int (self->confidence_spin));
  zx_okr_form_take_buffer (fields, "note", self->note);
  zx_okr_form_take_buffer (fields, "obstacles", self->obstacles);
  zx_okr_form_take_buffer (fields, "support_needed", self->support);
  /* the store checks the row as it will be written */
  if (zx_record_editor_get_record (editor) == NULL)
    {
      g_autofree char *now = zx_store_now (zx_record_editor_get_store (editor));

      json_object_set_string_member (fields, "created_at", now);
    }
  return fields;
}

static void
set_buffer (GtkTextBuffer *buffer,
            ZxRecord      *record,
            const char    *field)
{
  const char *text = record != NULL ? zx_record_get_string (record, field) : NULL;

  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

static void
zx_check_in_editor_load (ZxRecordEditor *editor,
                         ZxRecord       *record)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(JsonObject) kr = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *monday = NULL;
  const char *unit = NULL;
  int confidence = 5;

  if (record != NULL)
    {
      g_free (self->key_result_id);
      self->key_result_id = g_strdup (zx_record_get_string (record, "key_result_id"));
    }
  if (self->key_result_id != NULL)
    kr = zx_store_get (store, "key_result", self->key_result_id, NULL);
  if (kr != NULL)
    {
      const char *kind = json_object_get_string_member_with_default (kr, "kind", "numeric");

      self->milestone = g_str_equal (kind, "milestone");
      unit = g_str_equal (kind, "percentage") ? "%" : json_object_get_string_member_with_default (kr, "unit", NULL);
      adw_window_title_set_subtitle (self->title, json_object_get_string_member_with_default (kr, "title", ""));
      if (json_object_has_member (kr, "confidence") && !json_object_get_null_member (kr, "confidence"))
        confidence = (int) json_object_get_int_member (kr, "confidence");
      if (!self->milestone)
        {
          double start = json_object_get_double_member_with_default (kr, "start_value", 0);
          double target = json_object_get_double_member_with_default (kr, "target_value", 0);
          gboolean has_current = json_object_has_member (kr, "current_value") && !json_object_get_null_member (kr, "current_value");
          g_autofree char *current = has_current
                                     ? g_strdup_printf ("%g", json_object_get_double_member (kr, "current_value"))
                                     : g_strdup ("—");

          /* Translators: a key result's start, target, current value and unit */
          summary = g_strdup_printf (_("From %g to %g %s; now %s"), start, target, unit != NULL ? unit : "", current);
          if (record == NULL && has_current)
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              gtk_editable_set_text (GTK_EDITABLE (self->value_row),
                                     g_ascii_formatd (buffer, sizeof buffer, "%g",
                                                      json_object_get_double_member (kr, "current_value")));
            }
        }
      else
        summary = g_strdup (json_object_get_double_member_with_default (kr, "current_value", 0) >= 1
                            ? _("A milestone, reached") : _("A milestone, not reached yet"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group), summary);
    }
  if (unit != NULL && *unit != '\0')
    {
      /* Translators: the value row's title with the key result's unit */
      g_autofree char *title = g_strdup_printf (_("New value (%s)"), unit);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->value_row), !self->milestone);
  gtk_widget_set_visible (self->reached_row, self->milestone);

  if (record != NULL)
    {
      adw_window_title_set_title (self->title, _("Correct Check-in"));
      zx_okr_form_set_text (self->week_row, zx_record_get_string (record, "week"));
      zx_okr_form_set_number (self->value_row, record, "value");
      gtk_switch_set_active (self->reached_switch, zx_record_get_bool (record, "milestone_done"));
      confidence = (int) zx_record_get_int (record, "confidence");
    }
  else
    {
      adw_window_title_set_title (self->title, _("Check In"));
      monday = zx_okr_form_this_monday (store);
      zx_okr_form_set_text (self->week_row, monday);
      gtk_switch_set_active (self->reached_switch,
                             kr != NULL && json_object_get_double_member_with_default (kr, "current_value", 0) >= 1);
    }
  gtk_spin_button_set_value (self->confidence_spin, CLAMP (confidence, 1, 10));
  set_buffer (self->note, record, "note");
  set_buffer (self->obstacles, record, "obstacles");
  set_buffer (self->support, record, "support_needed");
}

static void
confidence_changed_cb (ZxCheckInEditor *self)
{
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static void
zx_check_in_editor_finalize (GObject *object)
{
  g_free (ZX_CHECK_IN_EDITOR (object)->key_result_id);
  G_OBJECT_CLASS (zx_check_in_editor_parent_class)->finalize (object);
}

static void
zx_check_in_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (object);

  if (prop_id != PROP_KEY_RESULT_ID)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_free (self->key_result_id);
  self->key_result_id = g_value_dup_string (value);
}

static void
zx_check_in_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  if (prop_id != PROP_KEY_RESULT_ID)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_string (value, ZX_CHECK_IN_EDITOR (object)->key_result_id);
}

static void
zx_check_in_editor_class_init (ZxCheckInEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->finalize = zx_check_in_editor_finalize;
  object_class->set_property = zx_check_in_editor_set_property;
  object_class->get_property = zx_check_in_editor_get_property;
  editor_class->entity = "check_in";
  editor_class->load = zx_check_in_editor_load;
  editor_class->collect = zx_check_in_editor_collect;
  editor_class->save = zx_check_in_editor_save;

  properties[PROP_KEY_RESULT_ID] =
    g_param_spec_string ("key-result-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zx_check_in_editor_init (ZxCheckInEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);
  GtkBox *body = zx_okr_form_frame (editor, &self->title);
  GtkWidget *row, *spin;

  self->summary_group = zx_okr_form_group (body, _("This Week"), NULL);
  self->week_row = zx_okr_form_entry (editor, self->summary_group, "week", _("Week"),
                                      _("The Monday of the week, as year-month-day"));
  self->value_row = zx_okr_form_entry (editor, self->summary_group, "value", _("New value"), NULL);
  self->reached_switch = zx_okr_form_switch (editor, self->summary_group, "milestone_done", _("Milestone reached"), NULL);
  self->reached_row = gtk_widget_get_ancestor (GTK_WIDGET (self->reached_switch), ADW_TYPE_ACTION_ROW);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Confidence"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("From 1 (it will not happen) to 10 (it is certain)"));
  spin = gtk_spin_button_new_with_range (1, 10, 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Confidence"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->summary_group), row);
  zx_record_editor_add_row (editor, "confidence", row);
  self->confidence_spin = GTK_SPIN_BUTTON (spin);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (confidence_changed_cb), self);

  self->note = zx_okr_form_text (editor, body, "note", _("How is it going?"));
  self->obstacles = zx_okr_form_text (editor, body, "obstacles", _("What is in the way?"));
  self->support = zx_okr_form_text (editor, body, "support_needed", _("What support do you need?"));
}

GtkWidget *
zx_check_in_editor_new (ZxContext  *context,
                        ZxRecord   *record,
                        const char *key_result_id)
{
  return g_object_new (ZX_TYPE_CHECK_IN_EDITOR, "context", context, "record", record,
                       "key-result-id", key_result_id, NULL);
}
