/* zx-wire.c — rows and values as they travel: in backups, pushes and pulls
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-wire"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zx-error.h"
#include "zx-store.h"
#include "zx-wire.h"

void
zx_wire_append_string (GString    *out,
                       const char *s)
{
  const guchar *p = (const guchar *) s;

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;

      /* most text needs no escape: copied a run at a time (a bootstrap
       * writes a hundred million bytes of it) */
      while (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f)
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);
      switch (*p)
        {
        case '\0':
          g_string_append_c (out, '"');
          return;
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", *p);
        }
      p++;
    }
}

void
zx_wire_append_int (GString *out,
                    gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  /* by hand: printf's machinery cost a bootstrap more than its SQLite reads */
  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

void
zx_wire_append_double (GString *out,
                       double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  if (value == floor (value) && fabs (value) < 1e15)
    {
      zx_wire_append_int (out, (gint64) value);
      return;
    }

  /* The shortest form that reads back as exactly the same double.  A
   * decimal of at most 15 digits that reads back as this double is also
   * what 15 digits print (%g drops the zeros after it), so 15 digits come
   * first, and 16 or 17 only when 15 do not read back. */
  for (int precision = 15; precision <= 17; precision++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  /* %g writes a whole value below 10^precision with neither a point nor an
   * exponent ("9007199254740992" for 2^53): read back, that would be an
   * integer, one beyond what the pre-scan accepts.  It stays a double. */
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

void
zx_wire_append_value (GString       *out,
                      const ZxValue *value)
{
  switch (value->type)
    {
    case ZX_VALUE_INT:
      zx_wire_append_int (out, value->v.i);
      break;
    case ZX_VALUE_REAL:
      zx_wire_append_double (out, value->v.d);
      break;
    case ZX_VALUE_BOOL:
      g_string_append (out, value->v.b ? "true" : "false");
      break;
    case ZX_VALUE_TEXT:
      zx_wire_append_string (out, value->v.text.s);
      break;
    case ZX_VALUE_NULL:
    default:
      g_string_append (out, "null");
    }
}

void
zx_wire_append_node (GString  *out,
                     JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      gboolean first = TRUE;

      g_string_append_c (out, '{');
      for (GList *l = members; l; l = l->next)
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          zx_wire_append_string (out, l->data);
          g_string_append_c (out, ':');
          zx_wire_append_node (out, json_object_get_member (object, l->data));
        }
      g_string_append_c (out, '}');
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i)
            g_string_append_c (out, ',');
          zx_wire_append_node (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      zx_wire_append_int (out, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      zx_wire_append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      zx_wire_append_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
}

void
zx_wire_append_row (GString        *out,
                    const ZxEntity *entity,
                    JsonObject     *row)
{
  g_string_append (out, "{\"entity\":");
  zx_wire_append_string (out, entity->name);
  g_string_append (out, ",\"id\":");
  zx_wire_append_string (out, json_object_get_string_member (row, "id"));
  g_string_append (out, ",\"version\":");
  zx_wire_append_int (out, json_object_get_int_member (row, "version"));
  g_string_append (out, ",\"updated_at\":");
  zx_wire_append_string (out, json_object_get_string_member (row, "updated_at"));
  g_string_append (out, ",\"updated_by\":");
  zx_wire_append_string (out, json_object_get_string_member (row, "updated_by"));
  g_string_append (out, json_object_get_boolean_member (row, "deleted") ? ",\"deleted\":true" : ",\"deleted\":false");
  g_string_append (out, ",\"scope\":");
  zx_wire_append_string (out, json_object_get_string_member (row, "scope"));
  g_string_append (out, ",\"fields\":{");
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ZxField *field = &entity->fields[i];
      JsonNode *node = json_object_get_member (row, field->name);

      if (i)
        g_string_append_c (out, ',');
      zx_wire_append_string (out, field->name);
      g_string_append_c (out, ':');
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && field->type == ZX_FIELD_REAL)
        zx_wire_append_double (out, json_node_get_double (node));
      else
        zx_wire_append_node (out, node);
    }
  g_string_append (out, "}}");
}

static gboolean
envelope_string (JsonObject  *object,
                 const char  *member,
                 gsize        max,
                 const char **out,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0' || strlen (json_node_get_string (node)) > max)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                   _("“%s” is missing or not valid text."), member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

JsonObject *
zx_wire_parse_row (JsonNode        *node,
                   const ZxEntity **out_entity,
                   GError         **error)
{
  JsonObject *object;
  JsonObject *fields;
  JsonNode *member;
  const ZxEntity *entity;
  const char *entity_name, *id, *updated_at, *updated_by, *scope;
  g_autoptr(JsonObject) row = NULL;
  static const char * const envelope[] = { "entity", "id", "version", "updated_at", "updated_by", "deleted", "scope", "fields", NULL };

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("A row must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);

  /* no member but the envelope's (counted: no list is made for each row) */
  {
    guint known = 0;

    for (guint i = 0; envelope[i] != NULL; i++)
      known += json_object_has_member (object, envelope[i]) ? 1 : 0;
    if (known != json_object_get_size (object))
      {
        JsonObjectIter iter;
        const char *name;

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &name, NULL))
          if (!g_strv_contains ((const char * const *) envelope, name))
            {
              g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("Unknown member “%s”."), name);
              return NULL;
            }
      }
  }

  if (!envelope_string (object, "entity", 64, &entity_name, error))
    return NULL;
  entity = zx_schema_lookup (entity_name);
  if (entity == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("Unknown kind of data “%s”."), entity_name);
      return NULL;
    }
  *out_entity = entity;

  if (!envelope_string (object, "id", 64, &id, error) ||
      !envelope_string (object, "updated_at", 32, &updated_at, error) ||
      !envelope_string (object, "updated_by", 200, &updated_by, error) ||
      !envelope_string (object, "scope", 64, &scope, error))
    return NULL;

  member = json_object_get_member (object, "version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("“%s” must be a whole number of zero or more."), "version");
      return NULL;
    }

  member = json_object_get_member (object, "deleted");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("“%s” must be true or false."), "deleted");
      return NULL;
    }

  {
    if (!zx_datetime_is_valid (updated_at))
      {
        g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                     _("“%s” must be a time such as 2026-03-31T08:30:00Z."), "updated_at");
        return NULL;
      }
  }

  member = json_object_get_member (object, "fields");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("“%s” must be a JSON object."), "fields");
      return NULL;
    }
  fields = json_node_get_object (member);

  row = json_object_new ();
  json_object_set_string_member (row, "id", id);

  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;

    json_object_iter_init (&iter, fields);
    while (json_object_iter_next (&iter, &name, &value))
      {
        const ZxField *field = zx_entity_lookup_field (entity, name);

        if (field == NULL)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                         _("A %s has no field “%s”."), g_dgettext (GETTEXT_PACKAGE, entity->label),
                         name);
            return NULL;
          }
        if (!zx_field_check_value (field, value, error))
          return NULL;
        json_object_set_member (row, field->name, json_node_copy (value));
      }
  }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ZxField *field = &entity->fields[i];
      JsonNode *value = json_object_get_member (row, field->name);

      if ((field->flags & ZX_FIELD_FLAG_REQUIRED) &&
          (value == NULL || JSON_NODE_HOLDS_NULL (value)))
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                       _("%s is required."), g_dgettext (GETTEXT_PACKAGE, field->label));
          return NULL;
        }
    }

  json_object_set_int_member (row, "version", json_node_get_int (json_object_get_member (object, "version")));
  json_object_set_string_member (row, "updated_at", updated_at);
  json_object_set_string_member (row, "updated_by", updated_by);
  json_object_set_boolean_member (row, "deleted",
                                  json_node_get_boolean (json_object_get_member (object, "deleted")));
  json_object_set_string_member (row, "scope", scope);

  return g_steal_pointer (&row);
}

JsonObject *
zx_wire_row_from_values (const ZxEntity *entity,
                         const ZxValue  *values)
{
  static const char * const trailing[] = { "version", "updated_at", "updated_by", "deleted", "scope" };
  JsonObject *row = json_object_new ();

  g_return_val_if_fail (entity != NULL && values != NULL, row);

  json_object_set_member (row, "id", zx_value_to_node (&values[0]));
  for (guint i = 0; i < entity->n_fields; i++)
    if (values[1 + i].type != ZX_VALUE_NULL)
      json_object_set_member (row, entity->fields[i].name, zx_value_to_node (&values[1 + i]));
  for (guint i = 0; i < G_N_ELEMENTS (trailing); i++)
    json_object_set_member (row, trailing[i], zx_value_to_node (&values[1 + entity->n_fields + i]));
  return row;
}

JsonNode *
zx_wire_parse (const char          *data,
               gsize                length,
               const ZxJsonLimits  *limits,
               GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!zx_json_check (data, length, limits, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("The data is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("The data is empty."));
  return root;
}
