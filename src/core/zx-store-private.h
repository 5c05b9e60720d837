/* zx-store-private.h — what the core's own files share about the store
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "zx-store.h"

G_BEGIN_DECLS

/* g_set_str() is GLib 2.76; we target 2.74 */
static inline gboolean
zx_set_str (char       **str_pointer,
            const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;
  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

#define ZX_APPLICATION_ID 0x5A584E47 /* "ZXNG" in the SQLite header */

/* For zhixing-server: the hospital data in a file that belongs to the
 * server (its own application_id and user_version).  @db (a sqlite3 *) stays
 * the caller's: it is not closed with the store, and the caller must not
 * use it from another thread while the store does.  The desktop schema's
 * version is kept in the one-row table core_schema; older versions are
 * migrated (after a copy, as zx_store_open() does).  Mutations applied to
 * such a store are not queued: the server keeps its own change log. */
ZxStore     *zx_store_open_embedded    (void        *db,
                                        const char  *path,
                                        GError     **error);
/* The rows changed in the open transaction so far, each "entity\nid" (a
 * row may appear more than once).  Owned by the store; read before
 * committing. */
GPtrArray   *zx_store_pending_changes  (ZxStore     *self);

/* Before migrating a database file from @from_version: copies the open
 * database @db (a sqlite3 *, whose file is @path) next to it as
 * PATH.vN-backup-YYYYMMDDTHHMMSS with VACUUM INTO.  Returns the copy's
 * path, or NULL with *@out_reason saying what SQLite said (owned by @db,
 * read it at once); the caller words the error for its users.  Shared by
 * the desktop store and zhixing-server. */
char        *zx_sqlite_copy_before_migration (void        *db,
                                              const char  *path,
                                              int          from_version,
                                              const char **out_reason);

/* Migrations (zx-migrations.c) */
int          zx_migrations_latest      (void);
char        *zx_migrations_sql         (int       version,
                                        GError  **error);

/* A cached prepared statement; reset and cleared of bindings on return. */
sqlite3_stmt *zx_store_prepare         (ZxStore     *self,
                                        const char  *sql,
                                        GError     **error);
gboolean     zx_store_exec             (ZxStore     *self,
                                        const char  *sql,
                                        GError     **error);
void         zx_store_set_sqlite_error (ZxStore     *self,
                                        GError     **error,
                                        const char  *what);

/* A row's value of one column as a JSON node (NULL → JSON null) */
JsonNode    *zx_store_column_node      (sqlite3_stmt  *stmt,
                                        int            column,
                                        ZxFieldType    type);
/* The same as a ZxValue (text: SQLite's, until the statement moves on) */
void         zx_store_column_value     (sqlite3_stmt  *stmt,
                                        int            column,
                                        ZxFieldType    type,
                                        ZxValue       *out);
gboolean     zx_store_bind_node        (sqlite3_stmt  *stmt,
                                        int            index,
                                        const ZxField *field,
                                        JsonNode      *node);

/* Rows as the store reads them: the SELECT list of an entity's columns
 * (id, fields, sync columns) and the row object of one result. */
char        *zx_store_select_columns   (const ZxEntity *entity);
JsonObject  *zx_store_row_from_statement (const ZxEntity *entity,
                                          sqlite3_stmt   *stmt);

/* Applying one row's change without queueing it: the checks and writes of
 * "<entity>.create" and "<entity>.update" (@args holds "id" and the
 * fields), the row reported by ::changed after commit.  For custom
 * mutations, which are queued once as themselves.  Inside a transaction. */
gboolean     zx_store_apply_create     (ZxStore        *self,
                                        const ZxEntity *entity,
                                        JsonObject     *args,
                                        GError        **error);
gboolean     zx_store_apply_update     (ZxStore        *self,
                                        const ZxEntity *entity,
                                        JsonObject     *args,
                                        GError        **error);

/* Custom mutations ---------------------------------------------------------
 *
 * A mutation whose name is not "<entity>.<create|update|delete|restore>"
 * (a table in zx-store.c names them).  zx_store_mutate() opens the
 * transaction, calls the function, and on success appends the mutation to
 * the queue, once, with the @args it was given; on failure nothing
 * changes.  The function validates @args completely (they may come from
 * another device), applies them with zx_store_apply_create/update(), and
 * sets *@out_base_version to the version of the row the change is based
 * on. */
typedef gboolean (*ZxCustomMutation) (ZxStore     *self,
                                      JsonObject  *args,
                                      gint64      *out_base_version,
                                      GError     **error);

/* "card.move" {id, column_id, rank, event_id, at} (zx-kanban.c) */
gboolean     zx_kanban_apply_move      (ZxStore     *self,
                                        JsonObject  *args,
                                        gint64      *out_base_version,
                                        GError     **error);

/* For the replica (zx-replica.c) ------------------------------------------ */

/* Applies a mutation again (a rebase) without queueing it; inside a
 * transaction, in a savepoint of its own. */
gboolean     zx_store_replay           (ZxStore        *self,
                                        const char     *name,
                                        JsonObject     *args,
                                        GError        **error);
/* Replaces a whole row (as zx_store_insert_row() takes it) or removes it
 * for good, keeping no base; @notify reports it in ::changed after commit. */
gboolean     zx_store_put_row          (ZxStore        *self,
                                        const ZxEntity *entity,
                                        JsonObject     *row,
                                        gboolean        notify,
                                        GError        **error);
gboolean     zx_store_remove_row       (ZxStore        *self,
                                        const ZxEntity *entity,
                                        const char     *id,
                                        gboolean        notify,
                                        GError        **error);
/* Bulk loads (a bootstrap): zx_store_bulk_begin() opens the outermost
 * transaction with references unchecked, and with the indexes of the
 * synced tables and the triggers that keep derived columns
 * (key_result.last_check_in_at) removed, so that half a million rows go in
 * at SQLite's own pace.  zx_store_bulk_table_done() says a table has all
 * its rows: its indexes are made again, and the references of every
 * complete table whose parents are complete are checked, while the next
 * rows are still on their way.  zx_store_bulk_rows_done() does that for
 * every table, puts the triggers back and computes the derived columns
 * (call it before any mutation is applied again; the commit does it if it
 * was not).  zx_store_bulk_check_references() checks every table again
 * (after mutations were applied).  A broken reference fails like a commit
 * with checks on; commit or rollback turns the checks back on. */
gboolean     zx_store_bulk_begin       (ZxStore        *self,
                                        GError        **error);
gboolean     zx_store_bulk_table_done  (ZxStore        *self,
                                        const ZxEntity *entity,
                                        GError        **error);
gboolean     zx_store_bulk_rows_done   (ZxStore        *self,
                                        GError        **error);
gboolean     zx_store_bulk_check_references (ZxStore   *self,
                                        GError        **error);
/* Inserts @n_rows whole rows of @entity, each entity->n_fields + 6 values
 * in the order id, every field, version, updated_at, updated_by, deleted,
 * scope, checked already (zx_field_check() and the envelope's rules).
 * Inside a transaction. */
gboolean     zx_store_insert_values    (ZxStore        *self,
                                        const ZxEntity *entity,
                                        const ZxValue  *values,
                                        guint           n_rows,
                                        GError        **error);
/* A new client id: the device starts a new numbering of its changes. */
gboolean     zx_store_renew_client_id  (ZxStore        *self,
                                        GError        **error);
/* local_state: per-device values (client id, sync cursor, server) */
char        *zx_store_get_local_state  (ZxStore        *self,
                                        const char     *key);
gboolean     zx_store_set_local_state  (ZxStore        *self,
                                        const char     *key,
                                        const char     *value,
                                        GError        **error);

/* Rules that span fields or rows (zx-validate.c).  @row is the row as it
 * would be after the change (all fields); @id the row's id; @changes the
 * fields the change sets (NULL: check everything). */
gboolean     zx_validate_row           (ZxStore        *self,
                                        const ZxEntity *entity,
                                        const char     *id,
                                        JsonObject     *row,
                                        JsonObject     *changes,
                                        char          **out_field,
                                        GError        **error);
/* Rules on deleting a row (zx-validate.c): a locked evaluation's rows */
gboolean     zx_validate_delete        (ZxStore        *self,
                                        const ZxEntity *entity,
                                        const char     *id,
                                        GError        **error);
/* A live row of @entity whose @field equals the value, other than @id? */
char        *zx_store_find_live        (ZxStore        *self,
                                        const ZxEntity *entity,
                                        const char     *field,
                                        JsonNode       *value,
                                        const char     *except_id);

G_END_DECLS
