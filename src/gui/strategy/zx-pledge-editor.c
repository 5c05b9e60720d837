/* zx-pledge-editor.c — record the signing of a department's yearly pledge
 *
 * The pledge (军令状) is signed on paper at a public rally; this form
 * records when, by whom and before whom, and the commitment's words.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-pledge-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "zx-form.h"
#include "zx-pledge-editor.h"

struct _ZxPledgeEditor
{
  ZxRecordEditor  parent_instance;

  char           *department_id;
  int             year;
  ZxRefChoices    heads;
  ZxRefChoices    signers;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwComboRow    *head_row;
  AdwEntryRow    *signed_on_row;
  AdwComboRow    *signed_by_row;
  AdwEntryRow    *witness_row;
  GtkFrame       *commitment_frame;
  GtkTextBuffer  *commitment_buffer;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxPledgeEditor, zx_pledge_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_DEPARTMENT_ID,
  PROP_YEAR,
  N_PROPS
};

char *
zx_pledge_format_date (const char *signed_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (signed_at == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (signed_at, NULL);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* A day typed as YYYY-MM-DD becomes noon of that day, local time, in UTC;
 * anything else is passed on as typed so the store can say what is wrong. */
static char *
signed_at_of (const char *text)
{
  int y, m, d;
  char rest;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return g_strdup (text);

  local = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (local == NULL)
    return g_strdup (text);
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
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

static JsonObject *
zx_pledge_editor_collect (ZxRecordEditor *editor)
{
  ZxPledgeEditor *self = ZX_PLEDGE_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  g_autofree char *signed_on = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->signed_on_row))));
  GtkTextIter start, end;
  g_autofree char *commitment = NULL;

  set_ref (fields, "department_id", self->department_id);
  json_object_set_int_member (fields, "year", self->year);
  set_ref (fields, "head_id", zx_ref_choices_id (&self->heads, adw_combo_row_get_selected (self->head_row)));
  set_ref (fields, "signed_by", zx_ref_choices_id (&self->signers, adw_combo_row_get_selected (self->signed_by_row)));
  zx_form_take_text (fields, "witness", GTK_EDITABLE (self->witness_row));
  if (*signed_on == '\0')
    json_object_set_null_member (fields, "signed_at");
  else
    {
      g_autofree char *signed_at = signed_at_of (signed_on);
      json_object_set_string_member (fields, "signed_at", signed_at);
    }

  gtk_text_buffer_get_bounds (self->commitment_buffer, &start, &end);
  commitment = g_strstrip (gtk_text_buffer_get_text (self->commitment_buffer, &start, &end, FALSE));
  set_ref (fields, "commitment", *commitment != '\0' ? commitment : NULL);

  return fields;
}

static void
set_combo (AdwComboRow  *row,
           ZxRefChoices *choices,
           const char   *id)
{
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  guint position;

  adw_combo_row_set_expression (row, expression);
  adw_combo_row_set_model (row, G_LIST_MODEL (choices->labels));
  position = zx_ref_choices_find (choices, id);
  adw_combo_row_set_selected (row, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
zx_pledge_editor_load (ZxRecordEditor *editor,
                       ZxRecord       *record)
{
  ZxPledgeEditor *self = ZX_PLEDGE_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(JsonObject) department = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *signed_on = NULL;
  const char *head_id = NULL;
  const char *signed_by = NULL;
  const char *text;

  if (record != NULL)
    {
      g_free (self->department_id);
      self->department_id = g_strdup (zx_record_get_string (record, "department_id"));
      self->year = zx_record_get_int (record, "year");
      head_id = zx_record_get_string (record, "head_id");
      signed_by = zx_record_get_string (record, "signed_by");
      signed_on = zx_pledge_format_date (zx_record_get_string (record, "signed_at"));
      text = zx_record_get_string (record, "witness");
      gtk_editable_set_text (GTK_EDITABLE (self->witness_row), text ? text : "");
      text = zx_record_get_string (record, "commitment");
      gtk_text_buffer_set_text (self->commitment_buffer, text ? text : "", -1);
    }

  if (self->department_id != NULL)
    department = zx_store_get (store, "department", self->department_id, NULL);
  if (head_id == NULL && department != NULL && json_object_has_member (department, "head_id") &&
      !json_object_get_null_member (department, "head_id"))
    head_id = json_object_get_string_member (department, "head_id");

  /* Not signed yet: today, by the head */
  if (signed_on == NULL)
    {
      g_autofree char *now = zx_store_now (store);

      signed_on = zx_pledge_format_date (now);
      if (signed_by == NULL)
        signed_by = head_id;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->signed_on_row), signed_on ? signed_on : "");

  {
    const char *params[] = { self->department_id, NULL };

    zx_ref_choices_load (&self->heads, store, "staff", "department_id = ?", params,
                         /* Translators: no department head chosen on a pledge */
                         _("Not named"));
    zx_ref_choices_load (&self->signers, store, "staff", "department_id = ?", params,
                         _("Not named"));
  }
  set_combo (self->head_row, &self->heads, head_id);
  set_combo (self->signed_by_row, &self->signers, signed_by);

  adw_window_title_set_title (self->window_title, _("Record Signing"));
  /* Translators: the subtitle of the signing form: department and year */
  subtitle = g_strdup_printf (_("%s · Pledge for %d"),
                              department != NULL ? json_object_get_string_member (department, "name") : "",
                              self->year);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
zx_pledge_editor_dispose (GObject *object)
{
  ZxPledgeEditor *self = ZX_PLEDGE_EDITOR (object);

  zx_ref_choices_clear (&self->heads);
  zx_ref_choices_clear (&self->signers);

  G_OBJECT_CLASS (zx_pledge_editor_parent_class)->dispose (object);
}

static void
zx_pledge_editor_finalize (GObject *object)
{
  ZxPledgeEditor *self = ZX_PLEDGE_EDITOR (object);

  g_free (self->department_id);

  G_OBJECT_CLASS (zx_pledge_editor_parent_class)->finalize (object);
}

static void
zx_pledge_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ZxPledgeEditor *self = ZX_PLEDGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DEPARTMENT_ID:
      self->department_id = g_value_dup_string (value);
      break;

    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_pledge_editor_class_init (ZxPledgeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_pledge_editor_dispose;
  object_class->finalize = zx_pledge_editor_finalize;
  object_class->set_property = zx_pledge_editor_set_property;

  g_object_class_install_property (object_class, PROP_DEPARTMENT_ID,
    g_param_spec_string ("department-id", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_YEAR,
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  editor_class->entity = "pledge";
  editor_class->load = zx_pledge_editor_load;
  editor_class->collect = zx_pledge_editor_collect;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/strategy/zx-pledge-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, head_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, signed_on_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, signed_by_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, witness_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, commitment_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, commitment_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxPledgeEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_pledge_editor_init (ZxPledgeEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "signed_at", GTK_WIDGET (self->signed_on_row));
  zx_record_editor_add_row (editor, "signed_by", GTK_WIDGET (self->signed_by_row));
  zx_record_editor_add_row (editor, "witness", GTK_WIDGET (self->witness_row));
  zx_record_editor_add_row (editor, "head_id", GTK_WIDGET (self->head_row));
  zx_record_editor_add_row (editor, "commitment", GTK_WIDGET (self->commitment_frame));
  zx_record_editor_add_row (editor, "year", GTK_WIDGET (self->signed_on_row));
}

GtkWidget *
zx_pledge_editor_new (ZxContext  *context,
                      ZxRecord   *record,
                      const char *department_id,
                      int         year)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_PLEDGE_EDITOR,
                       "context", context,
                       "record", record,
                       "department-id", department_id,
                       "year", year,
                       NULL);
}
