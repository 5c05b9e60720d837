/* zx-record.h — one row of any entity, as an object list models can hold
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "zx-schema.h"

G_BEGIN_DECLS

#define ZX_TYPE_RECORD (zx_record_get_type ())

G_DECLARE_FINAL_TYPE (ZxRecord, zx_record, ZX, RECORD, GObject)

/* Takes a row object as zx_store_get() returns it: the entity's fields
 * plus the sync columns (id, version, updated_at, updated_by, deleted, scope). */
ZxRecord        *zx_record_new        (const ZxEntity *entity,
                                       JsonObject     *row);
const ZxEntity  *zx_record_get_entity (ZxRecord       *self);
const char      *zx_record_get_id     (ZxRecord       *self);
JsonObject      *zx_record_get_object (ZxRecord       *self);
void             zx_record_set_object (ZxRecord       *self,
                                       JsonObject     *row);
gboolean         zx_record_is_null    (ZxRecord       *self,
                                       const char     *field);
const char      *zx_record_get_string (ZxRecord       *self,
                                       const char     *field);
gint64           zx_record_get_int    (ZxRecord       *self,
                                       const char     *field);
double           zx_record_get_double (ZxRecord       *self,
                                       const char     *field);
gboolean         zx_record_get_bool   (ZxRecord       *self,
                                       const char     *field);

G_END_DECLS
