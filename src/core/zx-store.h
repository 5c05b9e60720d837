/* zx-store.h — the local SQLite store and its mutators
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "zx-error.h"
#include "zx-record.h"
#include "zx-schema.h"

G_BEGIN_DECLS

#define ZX_TYPE_STORE (zx_store_get_type ())

G_DECLARE_FINAL_TYPE (ZxStore, zx_store, ZX, STORE, GObject)

#define ZX_SCHEMA_VERSION 6

/* Opening ------------------------------------------------------------------
 *
 * Creates the file when missing, refuses a file that is not a Zhixing
 * database or was written by a newer version, and migrates an older one
 * (after copying it to PATH.vN-backup-TIMESTAMP) one transaction per step.
 */
ZxStore     *zx_store_open              (const char  *path,
                                         GError     **error);
/* Only for tests of migrations: opens and migrates up to @version. */
ZxStore     *zx_store_open_at_version   (const char  *path,
                                         int          version,
                                         GError     **error);
const char  *zx_store_get_path          (ZxStore     *self);
int          zx_store_get_schema_version (ZxStore    *self);
const char  *zx_store_get_client_id     (ZxStore     *self);
const char  *zx_store_get_actor         (ZxStore     *self);
void         zx_store_set_actor         (ZxStore     *self,
                                         const char  *actor);
/* The path of the backup the last migration made, or NULL */
const char  *zx_store_get_backup_path   (ZxStore     *self);
void        *zx_store_get_db            (ZxStore     *self); /* sqlite3 * */

/* The clock used for updated_at and other stamps; tests fix it. */
void         zx_store_set_now           (ZxStore     *self,
                                         const char  *iso8601_utc);
char        *zx_store_now               (ZxStore     *self);

/* Transactions nest (savepoints inside); every mutator runs in one. */
gboolean     zx_store_begin             (ZxStore     *self,
                                         GError     **error);
gboolean     zx_store_commit            (ZxStore     *self,
                                         GError     **error);
void         zx_store_rollback          (ZxStore     *self);

/* Mutators -----------------------------------------------------------------
 *
 * @name is "<entity>.<op>" with op create, update, delete or restore.
 * @args holds "id" and, for create and update, the fields to set.  A few
 * compound changes have names of their own, applied by core on the desktop
 * and the server alike (a table in zx-store.c): "card.move" moves a
 * collaboration request and records it (zx-kanban.h).
 * Validates, applies and appends the mutation to the local queue, all in
 * one transaction; on error nothing changes and @error says why in words a
 * person can act on.  Emits ::changed after the commit.
 */
gboolean     zx_store_mutate            (ZxStore     *self,
                                         const char  *name,
                                         JsonObject  *args,
                                         GError     **error);
/* Returns the new row's id (a UUID made here unless @fields holds "id"). */
char        *zx_store_create            (ZxStore     *self,
                                         const char  *entity,
                                         JsonObject  *fields,
                                         GError     **error);
gboolean     zx_store_update            (ZxStore     *self,
                                         const char  *entity,
                                         const char  *id,
                                         JsonObject  *changes,
                                         GError     **error);
gboolean     zx_store_delete            (ZxStore     *self,
                                         const char  *entity,
                                         const char  *id,
                                         GError     **error);
gboolean     zx_store_restore           (ZxStore     *self,
                                         const char  *entity,
                                         const char  *id,
                                         GError     **error);

/* Validates what a create (@id NULL) or an update would do, without
 * changing anything; on failure *@out_field names the field at fault
 * (NULL when the problem is not one field's) so a form can point at it. */
gboolean     zx_store_check             (ZxStore     *self,
                                         const char  *entity,
                                         const char  *id,
                                         JsonObject  *fields,
                                         char       **out_field,
                                         GError     **error);

/* Reading ------------------------------------------------------------------ */

/* The row with its sync columns, or NULL with ZX_ERROR_NOT_FOUND. */
JsonObject  *zx_store_get               (ZxStore     *self,
                                         const char  *entity,
                                         const char  *id,
                                         GError     **error);
/* Live rows (not deleted) of @entity, ordered by rank then the display
 * field then id, as ZxRecord objects. @where is an optional SQL condition
 * on the entity's own columns with ?-parameters taken from @params
 * (strings), e.g. "department_id = ?". */
GListStore  *zx_store_list              (ZxStore     *self,
                                         const char  *entity,
                                         const char  *where,
                                         const char * const *params);
gint64       zx_store_count             (ZxStore     *self,
                                         const char  *entity,
                                         const char  *where,
                                         const char * const *params);
/* The display name of a row (its display field), or NULL. */
char        *zx_store_get_display       (ZxStore     *self,
                                         const char  *entity,
                                         const char  *id);
/* TRUE when the database holds no synced rows at all. */
gboolean     zx_store_is_empty          (ZxStore     *self);
/* TRUE when a hospital row exists: the welcome page is not needed. */
gboolean     zx_store_has_hospital      (ZxStore     *self);

/* The local mutation queue -------------------------------------------------- */
gint64       zx_store_queue_length      (ZxStore     *self);
/* Each element a JsonObject {id, name, args, base_version, created_at}. */
GPtrArray   *zx_store_queue_list        (ZxStore     *self,
                                         gint64       after_id,
                                         guint        limit);

/* Bulk loading ------------------------------------------------------------
 *
 * Writes a whole row (fields + sync columns, as an export carries it)
 * without the mutators and without queueing: for restoring a backup, the
 * demo hospital and the benchmark generator.  Values are type-checked;
 * references are checked at commit by SQLite and by the importer.
 * Call inside zx_store_begin()/zx_store_commit().
 */
gboolean     zx_store_insert_row        (ZxStore        *self,
                                         const ZxEntity *entity,
                                         JsonObject     *row,
                                         GError        **error);
/* Emits ::reloaded: views rebuild everything. */
void         zx_store_notify_reloaded   (ZxStore     *self);
/* Emits ::changed for a row another connection changed (a sync). */
void         zx_store_notify_changed    (ZxStore     *self,
                                         const char  *entity,
                                         const char  *id);

/* Field values ------------------------------------------------------------- */
/* "YYYY-MM-DDTHH:MM:SSZ", a day and time that exist */
gboolean     zx_datetime_is_valid       (const char    *s);
gboolean     zx_field_check_value       (const ZxField *field,
                                         JsonNode      *value,
                                         GError       **error);

/* A new JSON node holding @value (text copied) */
JsonNode    *zx_value_to_node           (const ZxValue *value);

/* The checks of zx_field_check_value() on a ZxValue (an INT is a number
 * for a REAL field, as in JSON) */
gboolean     zx_field_check             (const ZxField *field,
                                         const ZxValue *value,
                                         GError       **error);

G_END_DECLS
