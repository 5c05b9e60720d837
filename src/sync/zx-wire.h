/* zx-wire.h — rows and values as they travel: in backups, pushes and pulls
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "zx-json-check.h"
#include "zx-schema.h"

G_BEGIN_DECLS

/* Deterministic JSON writing: the same value always gives the same bytes
 * (object members in the order given, numbers in their shortest exact form). */
void        zx_wire_append_string (GString        *out,
                                   const char     *s);
void        zx_wire_append_int    (GString    *out,
                                   gint64      value);
void        zx_wire_append_double (GString        *out,
                                   double          value);
/* A value as the wire writes it (REAL the shortest round-trip form) */
void        zx_wire_append_value  (GString       *out,
                                   const ZxValue *value);
void        zx_wire_append_node   (GString        *out,
                                   JsonNode       *node);

/* A row as the store holds it (zx_store_get()) written as
 * {"entity", "id", "version", "updated_at", "updated_by", "deleted",
 *  "scope", "fields": {every field in schema order}} */
void        zx_wire_append_row    (GString        *out,
                                   const ZxEntity *entity,
                                   JsonObject     *row);

/* Reads such a row back, checking the envelope and every field's type
 * (not references).  Returns the flat row zx_store_insert_row() takes. */
JsonObject *zx_wire_parse_row     (JsonNode        *node,
                                   const ZxEntity **out_entity,
                                   GError         **error);

/* The flat row of one row of a bootstrap table (ZxReplicaTable: id, the
 * fields, version, updated_at, updated_by, deleted, scope), as
 * zx_wire_parse_row() returns one: for tests and fuzzing. */
JsonObject *zx_wire_row_from_values (const ZxEntity *entity,
                                     const ZxValue  *values);

/* The strict pre-scan, then json-glib: the only way untrusted bytes
 * become a JsonNode. */
JsonNode   *zx_wire_parse         (const char          *data,
                                   gsize                length,
                                   const ZxJsonLimits  *limits,
                                   GError             **error);

G_END_DECLS
