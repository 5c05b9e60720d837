/* zx-record.c — one row of any entity, as an object list models can hold
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-record"

#include "config.h"

#include "zx-record.h"

struct _ZxRecord
{
  GObject         parent_instance;
  const ZxEntity *entity;
  JsonObject     *object;
};

G_DEFINE_FINAL_TYPE (ZxRecord, zx_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_OBJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zx_record_finalize (GObject *object)
{
  ZxRecord *self = (ZxRecord *) object;

  g_clear_pointer (&self->object, json_object_unref);

  G_OBJECT_CLASS (zx_record_parent_class)->finalize (object);
}

static void
zx_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZxRecord *self = ZX_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, zx_record_get_id (self));
      break;

    case PROP_OBJECT:
      g_value_set_boxed (value, self->object);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_record_class_init (ZxRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zx_record_finalize;
  object_class->get_property = zx_record_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Notified when the row is replaced, so bound widgets refresh */
  properties[PROP_OBJECT] =
    g_param_spec_boxed ("object", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zx_record_init (ZxRecord *self)
{
}

ZxRecord *
zx_record_new (const ZxEntity *entity,
               JsonObject     *row)
{
  ZxRecord *self;

  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (ZX_TYPE_RECORD, NULL);
  self->entity = entity;
  self->object = json_object_ref (row);

  return self;
}

const ZxEntity *
zx_record_get_entity (ZxRecord *self)
{
  g_return_val_if_fail (ZX_IS_RECORD (self), NULL);
  return self->entity;
}

const char *
zx_record_get_id (ZxRecord *self)
{
  g_return_val_if_fail (ZX_IS_RECORD (self), NULL);
  return json_object_get_string_member_with_default (self->object, "id", NULL);
}

JsonObject *
zx_record_get_object (ZxRecord *self)
{
  g_return_val_if_fail (ZX_IS_RECORD (self), NULL);
  return self->object;
}

void
zx_record_set_object (ZxRecord   *self,
                      JsonObject *row)
{
  g_return_if_fail (ZX_IS_RECORD (self));
  g_return_if_fail (row != NULL);

  if (row == self->object)
    return;

  json_object_ref (row);
  g_clear_pointer (&self->object, json_object_unref);
  self->object = row;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT]);
}

gboolean
zx_record_is_null (ZxRecord   *self,
                   const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (ZX_IS_RECORD (self), TRUE);

  node = json_object_get_member (self->object, field);
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

const char *
zx_record_get_string (ZxRecord   *self,
                      const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (ZX_IS_RECORD (self), NULL);

  node = json_object_get_member (self->object, field);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
zx_record_get_int (ZxRecord   *self,
                   const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (ZX_IS_RECORD (self), 0);

  node = json_object_get_member (self->object, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_int (node);
}

double
zx_record_get_double (ZxRecord   *self,
                      const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (ZX_IS_RECORD (self), 0);

  node = json_object_get_member (self->object, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_double (node);
}

gboolean
zx_record_get_bool (ZxRecord   *self,
                    const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (ZX_IS_RECORD (self), FALSE);

  node = json_object_get_member (self->object, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  return json_node_get_boolean (node);
}
