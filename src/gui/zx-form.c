/* zx-form.c — small helpers the record editors share
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-form"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-form.h"

void
zx_form_show_problem (GtkLabel        *label,
                      const ZxFormRow *rows,
                      guint            n_rows,
                      const char      *field,
                      const char      *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);

  for (guint i = 0; i < n_rows; i++)
    {
      if (message != NULL && g_strcmp0 (rows[i].field, field) == 0)
        {
          gtk_widget_add_css_class (rows[i].widget, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i].widget),
                                       GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                       -1);
        }
      else
        {
          gtk_widget_remove_css_class (rows[i].widget, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (rows[i].widget), GTK_ACCESSIBLE_STATE_INVALID);
        }
    }
}

void
zx_form_take_text (JsonObject  *fields,
                   const char  *field,
                   GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    json_object_set_null_member (fields, field);
  else
    json_object_set_string_member (fields, field, text);
}

void
zx_ref_choices_load (ZxRefChoices       *choices,
                     ZxStore            *store,
                     const char         *entity,
                     const char         *where,
                     const char * const *params,
                     const char         *none_label)
{
  g_autoptr(GListStore) rows = zx_store_list (store, entity, where, params);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  const ZxEntity *e = zx_schema_lookup (entity);

  zx_ref_choices_clear (choices);
  choices->labels = gtk_string_list_new (NULL);
  choices->ids = g_ptr_array_new_with_free_func (g_free);

  if (none_label != NULL)
    {
      gtk_string_list_append (choices->labels, none_label);
      g_ptr_array_add (choices->ids, NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const char *label = zx_record_get_string (record, e->display_field);

      gtk_string_list_append (choices->labels, label ? label : "");
      g_ptr_array_add (choices->ids, g_strdup (zx_record_get_id (record)));
    }
}

void
zx_ref_choices_clear (ZxRefChoices *choices)
{
  g_clear_object (&choices->labels);
  g_clear_pointer (&choices->ids, g_ptr_array_unref);
}

guint
zx_ref_choices_find (ZxRefChoices *choices,
                     const char   *id)
{
  for (guint i = 0; choices->ids != NULL && i < choices->ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (choices->ids, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

const char *
zx_ref_choices_id (ZxRefChoices *choices,
                   guint         position)
{
  if (choices->ids == NULL || position >= choices->ids->len)
    return NULL;
  return g_ptr_array_index (choices->ids, position);
}
