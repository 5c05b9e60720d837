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
#include <stdio.h>
#include <string.h>

#include "zx-check-in-editor.h"
#include "zx-okr-form.h"
#include "zx-store-private.h"

struct _ZxCheckInEditor
{
  ZxRecordEditor  parent_instance;

  char           *key_result_id;
  gboolean        milestone;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwActionRow   *key_result_row;
  AdwEntryRow    *week_row;
  GtkLabel       *week_label;
  AdwEntryRow    *value_row;
  AdwActionRow   *reached_row;
  GtkSwitch      *reached_switch;
  AdwActionRow   *confidence_row;
  GtkScale       *confidence_scale;
  GtkFrame       *note_frame;
  GtkTextBuffer  *note_buffer;
  GtkFrame       *obstacles_frame;
  GtkTextBuffer  *obstacles_buffer;
  GtkFrame       *support_frame;
  GtkTextBuffer  *support_buffer;
  GtkLabel       *error_label;
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
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", json_node_get_double (node)));
      }

    default:
      return NULL;
    }
}

/* The staff member using the program, or NULL */
static const char *
author_of (ZxStore *store)
{
  const char *actor = zx_store_get_actor (store);
  const char *params[] = { actor, NULL };

  return actor != NULL && zx_store_count (store, "staff", "id = ?", params) > 0 ? actor : NULL;
}

/* The id of the key result's latest live check-in (by week, then when
 * written), or NULL when it has none */
static char *
latest_check_in (ZxStore    *store,
                 const char *key_result_id)
{
  const char *params[] = { key_result_id, NULL };
  g_autoptr(GListStore) all = zx_store_list (store, "check_in", "key_result_id = ?", params);
  g_autoptr(ZxRecord) best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(ZxRecord) c = g_list_model_get_item (G_LIST_MODEL (all), i);
      int cmp = best != NULL ? g_strcmp0 (zx_record_get_string (c, "week"), zx_record_get_string (best, "week")) : 1;

      if (cmp > 0 || (cmp == 0 && g_strcmp0 (zx_record_get_string (c, "created_at"),
                                             zx_record_get_string (best, "created_at")) >= 0))
        g_set_object (&best, c);
    }
  return best != NULL ? g_strdup (zx_record_get_id (best)) : NULL;
}

/* The key result takes the value and confidence of its check-in @id */
static gboolean
follow_check_in (ZxStore     *store,
                 const char  *key_result_id,
                 JsonObject  *kr,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) check_in = zx_store_get (store, "check_in", id, error);

  if (check_in == NULL)
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member_with_default (kr, "kind", NULL), "milestone") == 0)
    json_object_set_double_member (changes, "current_value",
                                   json_object_get_boolean_member_with_default (check_in, "milestone_done", FALSE)
                                   ? 1.0 : 0.0);
  else if (json_object_has_member (check_in, "value") && !json_object_get_null_member (check_in, "value"))
    json_object_set_double_member (changes, "current_value", json_object_get_double_member (check_in, "value"));
  if (json_object_has_member (check_in, "confidence") && !json_object_get_null_member (check_in, "confidence"))
    json_object_set_int_member (changes, "confidence", json_object_get_int_member (check_in, "confidence"));

  return json_object_get_size (changes) == 0 ||
         zx_store_update (store, "key_result", key_result_id, changes, error);
}

/* One audit entry per field of @row that differs from @old */
static gboolean
audit_changes (ZxStore     *store,
               const char  *check_in_id,
               JsonObject  *old,
               JsonObject  *row,
               const char  *now,
               GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (row);

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
        return FALSE;
    }
  return TRUE;
}

char *
zx_check_in_save (ZxStore     *store,
                  const char  *check_in_id,
                  const char  *key_result_id,
                  JsonObject  *fields,
                  GError     **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) kr = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *latest_before = NULL;
  g_autofree char *latest_after = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (key_result_id != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kr = zx_store_get (store, "key_result", key_result_id, error);
  if (kr == NULL)
    return NULL;

  now = zx_store_now (store);
  row = json_object_new ();
  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (row, l->data, json_node_copy (json_object_get_member (fields, l->data)));
  json_object_set_string_member (row, "key_result_id", key_result_id);

  if (!zx_store_begin (store, error))
    return NULL;

  latest_before = latest_check_in (store, key_result_id);

  if (check_in_id == NULL)
    {
      const char *author = author_of (store);

      json_object_set_string_member (row, "created_at", now);
      if (author != NULL)
        json_object_set_string_member (row, "author_id", author);
      id = zx_store_create (store, "check_in", row, error);
      if (id == NULL)
        goto fail;
    }
  else
    {
      /* a correction of the past keeps when and by whom it was written */
      json_object_remove_member (row, "created_at");
      json_object_remove_member (row, "author_id");
      old = zx_store_get (store, "check_in", check_in_id, error);
      if (old == NULL ||
          !zx_store_update (store, "check_in", check_in_id, row, error) ||
          !audit_changes (store, check_in_id, old, row, now, error))
        goto fail;
      id = g_strdup (check_in_id);
    }

  /* the key result follows its latest check-in: this one when it is the
   * latest, or the one before it when a correction moved the latest back */
  latest_after = latest_check_in (store, key_result_id);
  if (latest_after != NULL &&
      (g_strcmp0 (latest_after, id) == 0 || (check_in_id != NULL && g_strcmp0 (latest_before, check_in_id) == 0)) &&
      !follow_check_in (store, key_result_id, kr, latest_after, error))
    goto fail;

  if (!zx_store_commit (store, error))
    goto fail;
  return g_steal_pointer (&id);

fail:
  zx_store_rollback (store);
  return NULL;
}

/* Dates ------------------------------------------------------------------------------- */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* The typed date as the Monday of its week (YYYY-MM-DD), or NULL when it is no date */
static char *
monday_of (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char buffer[16];
  GDate date;

  if (!parse_date (stripped, &date))
    return NULL;
  g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
  g_snprintf (buffer, sizeof buffer, "%04d-%02d-%02d",
              (int) g_date_get_year (&date), (int) g_date_get_month (&date), (int) g_date_get_day (&date));
  return g_strdup (buffer);
}

/* The form ------------------------------------------------------------------------------ */

/* @value with the key result's unit: “7.5 days”, “40%” */
static char *
format_amount (double      value,
               const char *kind,
               const char *unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%g", value);
  if (g_strcmp0 (kind, "percentage") == 0)
    return g_strdup_printf ("%s%%", number);
  if (unit != NULL && *unit != '\0')
    /* Translators: a key result's value, then its unit, as in “7.5 days” */
    return g_strdup_printf (C_("value with unit", "%s %s"), number, unit);
  return g_strdup (number);
}

static gboolean
has_number (JsonObject *object,
            const char *member)
{
  return json_object_has_member (object, member) && !json_object_get_null_member (object, member);
}

/* “Start 9 days → target 7 days · now 8.2 days” */
static char *
summarize (JsonObject *kr)
{
  const char *kind = json_object_get_string_member_with_default (kr, "kind", "numeric");
  const char *unit = json_object_get_string_member_with_default (kr, "unit", NULL);
  g_autofree char *start = NULL;
  g_autofree char *target = NULL;
  g_autofree char *current = NULL;

  if (g_str_equal (kind, "milestone"))
    return g_strdup (json_object_get_double_member_with_default (kr, "current_value", 0) >= 1
                     ? _("A milestone, reached") : _("A milestone, not reached yet"));

  start = format_amount (json_object_get_double_member_with_default (kr, "start_value", 0), kind, unit);
  target = format_amount (json_object_get_double_member_with_default (kr, "target_value", 0), kind, unit);
  if (!has_number (kr, "current_value"))
    /* Translators: a key result's start and target values */
    return g_strdup_printf (_("Start %s → target %s · not measured yet"), start, target);
  current = format_amount (json_object_get_double_member (kr, "current_value"), kind, unit);
  /* Translators: a key result's start, target and current values */
  return g_strdup_printf (_("Start %s → target %s · now %s"), start, target, current);
}

static void
update_week_label (ZxCheckInEditor *self)
{
  g_autofree char *monday = monday_of (gtk_editable_get_text (GTK_EDITABLE (self->week_row)));
  g_autofree char *label = NULL;
  GDate date;

  if (monday != NULL && parse_date (monday, &date))
    /* Translators: the ISO week number of the year, shown after the check-in's date */
    label = g_strdup_printf (_("Week %u"), g_date_get_iso8601_week_of_year (&date));
  gtk_label_set_label (self->week_label, label != NULL ? label : "");
}

static void
week_changed_cb (ZxCheckInEditor *self)
{
  update_week_label (self);
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static char *
zx_check_in_editor_save (ZxRecordEditor  *editor,
                         JsonObject      *fields,
                         GError         **error)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (editor);
  ZxRecord *record = zx_record_editor_get_record (editor);

  return zx_check_in_save (zx_record_editor_get_store (editor),
                           record != NULL ? zx_record_get_id (record) : NULL,
                           self->key_result_id, fields, error);
}

static JsonObject *
zx_check_in_editor_collect (ZxRecordEditor *editor)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  g_autofree char *monday = monday_of (gtk_editable_get_text (GTK_EDITABLE (self->week_row)));

  zx_okr_form_set_ref (fields, "key_result_id", self->key_result_id);
  /* any day stands for its week; what is no date goes as typed, for the store to name */
  if (monday != NULL)
    json_object_set_string_member (fields, "week", monday);
  else
    zx_form_take_text (fields, "week", GTK_EDITABLE (self->week_row));
  if (self->milestone)
    json_object_set_boolean_member (fields, "milestone_done", gtk_switch_get_active (self->reached_switch));
  else
    zx_okr_form_take_number (fields, "value", self->value_row);
  json_object_set_int_member (fields, "confidence", (gint64) gtk_range_get_value (GTK_RANGE (self->confidence_scale)));
  zx_okr_form_take_buffer (fields, "note", self->note_buffer);
  zx_okr_form_take_buffer (fields, "obstacles", self->obstacles_buffer);
  zx_okr_form_take_buffer (fields, "support_needed", self->support_buffer);
  /* the store checks the row as it will be written (zx_check_in_save stamps it again) */
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
  g_autoptr(JsonObject) objective = NULL;
  g_autofree char *summary = NULL;
  const char *unit = NULL;
  int confidence = 5;

  if (record != NULL)
    zx_set_str (&self->key_result_id, zx_record_get_string (record, "key_result_id"));
  if (self->key_result_id != NULL)
    kr = zx_store_get (store, "key_result", self->key_result_id, NULL);
  if (kr != NULL)
    {
      const char *kind = json_object_get_string_member_with_default (kr, "kind", "numeric");
      const char *objective_id = json_object_get_string_member_with_default (kr, "objective_id", NULL);

      self->milestone = g_str_equal (kind, "milestone");
      unit = g_str_equal (kind, "percentage") ? "%" : json_object_get_string_member_with_default (kr, "unit", NULL);
      summary = summarize (kr);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_result_row),
                                     json_object_get_string_member_with_default (kr, "title", ""));
      adw_action_row_set_subtitle (self->key_result_row, summary);
      if (objective_id != NULL)
        objective = zx_store_get (store, "objective", objective_id, NULL);
      if (objective != NULL)
        adw_window_title_set_subtitle (self->window_title,
                                       json_object_get_string_member_with_default (objective, "title", ""));
      if (has_number (kr, "confidence"))
        confidence = (int) json_object_get_int_member (kr, "confidence");
      if (record == NULL && !self->milestone && has_number (kr, "current_value"))
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          gtk_editable_set_text (GTK_EDITABLE (self->value_row),
                                 g_ascii_formatd (buffer, sizeof buffer, "%g",
                                                  json_object_get_double_member (kr, "current_value")));
        }
    }
  if (unit != NULL && *unit != '\0')
    {
      /* Translators: the value row's title with the key result's unit */
      g_autofree char *title = g_strdup_printf (_("New value (%s)"), unit);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->value_row), !self->milestone);
  gtk_widget_set_visible (GTK_WIDGET (self->reached_row), self->milestone);

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Correct Check-in"));
      zx_okr_form_set_text (self->week_row, zx_record_get_string (record, "week"));
      zx_okr_form_set_number (self->value_row, record, "value");
      gtk_switch_set_active (self->reached_switch, zx_record_get_bool (record, "milestone_done"));
      confidence = (int) zx_record_get_int (record, "confidence");
    }
  else
    {
      g_autofree char *monday = zx_okr_form_this_monday (store);

      adw_window_title_set_title (self->window_title, _("Check In"));
      zx_okr_form_set_text (self->week_row, monday);
      gtk_switch_set_active (self->reached_switch,
                             kr != NULL && json_object_get_double_member_with_default (kr, "current_value", 0) >= 1);
    }
  update_week_label (self);
  gtk_range_set_value (GTK_RANGE (self->confidence_scale), CLAMP (confidence, 1, 10));
  set_buffer (self->note_buffer, record, "note");
  set_buffer (self->obstacles_buffer, record, "obstacles");
  set_buffer (self->support_buffer, record, "support_needed");
}

/* GObject ------------------------------------------------------------------------------- */

static void
zx_check_in_editor_constructed (GObject *object)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (object);

  G_OBJECT_CLASS (zx_check_in_editor_parent_class)->constructed (object);

  /* the week is usually right: start at the value */
  gtk_editable_select_region (GTK_EDITABLE (self->week_row), 0, 0);
  if (self->milestone)
    gtk_widget_grab_focus (GTK_WIDGET (self->reached_switch));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->value_row));
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

  switch (prop_id)
    {
    case PROP_KEY_RESULT_ID:
      zx_set_str (&self->key_result_id, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_check_in_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ZxCheckInEditor *self = ZX_CHECK_IN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_KEY_RESULT_ID:
      g_value_set_string (value, self->key_result_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_check_in_editor_class_init (ZxCheckInEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->constructed = zx_check_in_editor_constructed;
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/okr/zx-check-in-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, key_result_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, week_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, week_label);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, reached_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, reached_switch);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, confidence_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, confidence_scale);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, note_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, note_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, obstacles_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, obstacles_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, support_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, support_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxCheckInEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, week_changed_cb);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_check_in_editor_init (ZxCheckInEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "week", GTK_WIDGET (self->week_row));
  zx_record_editor_add_row (editor, "value", GTK_WIDGET (self->value_row));
  zx_record_editor_add_row (editor, "milestone_done", GTK_WIDGET (self->reached_row));
  zx_record_editor_add_row (editor, "confidence", GTK_WIDGET (self->confidence_row));
  zx_record_editor_add_row (editor, "note", GTK_WIDGET (self->note_frame));
  zx_record_editor_add_row (editor, "obstacles", GTK_WIDGET (self->obstacles_frame));
  zx_record_editor_add_row (editor, "support_needed", GTK_WIDGET (self->support_frame));
}

GtkWidget *
zx_check_in_editor_new (ZxContext  *context,
                        ZxRecord   *record,
                        const char *key_result_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_CHECK_IN_EDITOR, "context", context, "record", record,
                       "key-result-id", key_result_id, NULL);
}
