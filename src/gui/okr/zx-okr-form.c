/* zx-okr-form.c — values in and out of the OKR forms' rows
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the objective, key result and check-in forms share: moving values
 * between their rows and the JSON fields the store takes.
 */

#include "config.h"

#include <glib.h>
#include <stdlib.h>

#include "zx-okr-form.h"

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
