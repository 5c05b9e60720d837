/* zx-okr-form.c — building the OKR forms' rows in code
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The objective, key result and check-in forms show different rows for
 * different kinds and levels; building them here keeps each form short.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "zx-okr-form.h"

GtkBox *
zx_okr_form_frame (ZxRecordEditor  *editor,
                   AdwWindowTitle **title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *error = gtk_label_new (NULL);

  *title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (*title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  gtk_widget_set_margin_top (body, 24);
  gtk_widget_set_margin_bottom (body, 24);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_widget_set_margin_start (error, 12);
  gtk_widget_set_margin_end (error, 12);
  gtk_widget_set_margin_bottom (error, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (error), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_box_append (GTK_BOX (box), error);

  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (editor), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (editor), 540, 700);
  gtk_widget_set_size_request (GTK_WIDGET (editor), 360, -1);
  adw_window_set_content (ADW_WINDOW (editor), box);
  zx_record_editor_set_error_label (editor, GTK_LABEL (error));
  return GTK_BOX (body);
}

GtkWidget *
zx_okr_form_group (GtkBox     *body,
                   const char *title,
                   const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (body, group);
  return group;
}

static void
changed_cb (ZxRecordEditor *editor)
{
  zx_record_editor_changed (editor);
}

AdwEntryRow *
zx_okr_form_entry (ZxRecordEditor *editor,
                   GtkWidget      *group,
                   const char     *field,
                   const char     *title,
                   const char     *tooltip)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), editor);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (zx_record_editor_activate), editor);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  zx_record_editor_add_row (editor, field, row);
  return ADW_ENTRY_ROW (row);
}

AdwComboRow *
zx_okr_form_combo (ZxRecordEditor *editor,
                   GtkWidget      *group,
                   const char     *field,
                   const char     *title,
                   GListModel     *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
  if (labels != NULL)
    adw_combo_row_set_model (ADW_COMBO_ROW (row), labels);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (changed_cb), editor);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  zx_record_editor_add_row (editor, field, row);
  return ADW_COMBO_ROW (row);
}

GtkSwitch *
zx_okr_form_switch (ZxRecordEditor *editor,
                    GtkWidget      *group,
                    const char     *field,
                    const char     *title,
                    const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_signal_connect_swapped (sw, "notify::active", G_CALLBACK (changed_cb), editor);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  zx_record_editor_add_row (editor, field, row);
  return GTK_SWITCH (sw);
}

GtkTextBuffer *
zx_okr_form_text (ZxRecordEditor *editor,
                  GtkBox         *body,
                  const char     *field,
                  const char     *title)
{
  GtkWidget *group = zx_okr_form_group (body, title, NULL);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (changed_cb), editor);
  zx_record_editor_add_row (editor, field, frame);
  return buffer;
}

void
zx_okr_form_set_text (AdwEntryRow *row,
                      const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

void
zx_okr_form_take_number (JsonObject  *fields,
                         const char  *field,
                         AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  char *end = NULL;
  double value;

  if (*text == '\0')
    {
      json_object_set_null_member (fields, field);
      return;
    }
  /* a comma typed as the decimal point, or a full-width digit's neighbour */
  g_strdelimit (text, "，,", '.');
  value = g_ascii_strtod (text, &end);
  if (end != NULL && *end == '\0')
    json_object_set_double_member (fields, field, value);
  else
    json_object_set_string_member (fields, field, gtk_editable_get_text (GTK_EDITABLE (row)));
}

void
zx_okr_form_set_number (AdwEntryRow *row,
                        ZxRecord    *record,
                        const char  *field)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (record == NULL || zx_record_is_null (record, field))
    {
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      return;
    }
  g_ascii_formatd (buffer, sizeof buffer, "%g", zx_record_get_double (record, field));
  gtk_editable_set_text (GTK_EDITABLE (row), buffer);
}

void
zx_okr_form_take_buffer (JsonObject    *fields,
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

void
zx_okr_form_set_ref (JsonObject *fields,
                     const char *field,
                     const char *id)
{
  if (id != NULL)
    json_object_set_string_member (fields, field, id);
  else
    json_object_set_null_member (fields, field);
}

void
zx_okr_form_set_choices (AdwComboRow  *row,
                         ZxRefChoices *choices,
                         const char   *id)
{
  guint position;

  adw_combo_row_set_model (row, G_LIST_MODEL (choices->labels));
  position = zx_ref_choices_find (choices, id);
  adw_combo_row_set_selected (row, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

char *
zx_okr_form_this_monday (ZxStore *store)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();
  g_autoptr(GDateTime) monday = g_date_time_add_days (local, 1 - g_date_time_get_day_of_week (local));

  return g_date_time_format (monday, "%Y-%m-%d");
}
