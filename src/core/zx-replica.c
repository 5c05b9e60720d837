/* zx-replica.c — what the local store keeps for sync
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-replica"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "zx-replica.h"
#include "zx-store-private.h"

#define KEY_SERVER "sync_server"
#define KEY_CURSOR "sync_cursor"

void
zx_conflict_free (ZxConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->entity);
  g_free (conflict->row_id);
  g_free (conflict->field);
  g_free (conflict->yours);
  g_free (conflict->theirs);
  g_free (conflict->theirs_by);
  g_free (conflict->theirs_at);
  g_free (conflict->created_at);
  g_free (conflict);
}

void
zx_refusal_free (ZxRefusal *refusal)
{
  if (refusal == NULL)
    return;
  g_free (refusal->name);
  g_free (refusal->args);
  g_free (refusal->reason);
  g_free (refusal->at);
  g_free (refusal);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

static gboolean
step_done (ZxStore      *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      zx_store_set_sqlite_error (store, error, _("the synchronisation state"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (ZxStore     *store,
      const char  *sql,
      GError     **error)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, error);

  return stmt != NULL && step_done (store, stmt, error);
}

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;

  if (node == NULL)
    return g_strdup ("null");
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

/* Reading ------------------------------------------------------------------ */

char *
zx_replica_get_server (ZxStore *store)
{
  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  return zx_store_get_local_state (store, KEY_SERVER);
}

gint64
zx_replica_get_cursor (ZxStore *store)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), -1);
  text = zx_store_get_local_state (store, KEY_CURSOR);
  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

GPtrArray *
zx_replica_list_conflicts (ZxStore *store)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_conflict_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), list);

  stmt = zx_store_prepare (store,
                           "SELECT id, entity, row_id, field, yours, theirs, theirs_by, theirs_at, created_at"
                           " FROM sync_conflict WHERE resolved = 0 ORDER BY id", NULL);
  if (stmt == NULL)
    return list;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZxConflict *c = g_new0 (ZxConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->entity = column_text (stmt, 1);
      c->row_id = column_text (stmt, 2);
      c->field = column_text (stmt, 3);
      c->yours = column_text (stmt, 4);
      c->theirs = column_text (stmt, 5);
      c->theirs_by = column_text (stmt, 6);
      c->theirs_at = column_text (stmt, 7);
      c->created_at = column_text (stmt, 8);
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (stmt);
  return list;
}

gboolean
zx_replica_resolve_conflict (ZxStore   *store,
                             gint64     id,
                             gboolean   keep_mine,
                             GError   **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *entity = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *field = NULL;
  g_autofree char *yours = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  stmt = zx_store_prepare (store,
                           "SELECT entity, row_id, field, yours FROM sync_conflict WHERE id = ? AND resolved = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      entity = column_text (stmt, 0);
      row_id = column_text (stmt, 1);
      field = column_text (stmt, 2);
      yours = column_text (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (entity == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("This conflict was already resolved."));
      return FALSE;
    }

  if (!zx_store_begin (store, error))
    return FALSE;

  if (keep_mine)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonObject) changes = json_object_new ();

      if (!json_parser_load_from_data (parser, yours ? yours : "null", -1, NULL))
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("Your text of this conflict could not be read."));
          zx_store_rollback (store);
          return FALSE;
        }
      json_object_set_member (changes, field, json_node_copy (json_parser_get_root (parser)));
      if (!zx_store_update (store, entity, row_id, changes, error))
        {
          zx_store_rollback (store);
          return FALSE;
        }
    }

  stmt = zx_store_prepare (store, "UPDATE sync_conflict SET resolved = 1 WHERE id = ?", error);
  if (stmt == NULL)
    {
      zx_store_rollback (store);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (store, stmt, error))
    {
      zx_store_rollback (store);
      return FALSE;
    }
  if (!zx_store_commit (store, error))
    return FALSE;
  zx_store_notify_changed (store, "sync_conflict", row_id);
  return TRUE;
}

GPtrArray *
zx_replica_list_refusals (ZxStore *store)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_refusal_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), list);

  stmt = zx_store_prepare (store,
                           "SELECT id, name, args, reason, at FROM sync_refusal WHERE dismissed = 0 ORDER BY id",
                           NULL);
  if (stmt == NULL)
    return list;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZxRefusal *r = g_new0 (ZxRefusal, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->name = column_text (stmt, 1);
      r->args = column_text (stmt, 2);
      r->reason = column_text (stmt, 3);
      r->at = column_text (stmt, 4);
      g_ptr_array_add (list, r);
    }
  sqlite3_reset (stmt);
  return list;
}

gboolean
zx_replica_dismiss_refusal (ZxStore  *store,
                            gint64    id,
                            GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  stmt = zx_store_prepare (store, "UPDATE sync_refusal SET dismissed = 1 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (store, stmt, error))
    return FALSE;
  zx_store_notify_changed (store, "sync_refusal", "");
  return TRUE;
}

/* Applying the server's rows ----------------------------------------------- */

static gboolean
set_cursor (ZxStore  *store,
            gint64    cursor,
            GError  **error)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, cursor);
  return zx_store_set_local_state (store, KEY_CURSOR, text, error);
}

/* Applies the pending changes again, in order; one that no longer applies
 * here stays queued: the server decides, and says why if it refuses. */
static gboolean
replay_queue (ZxStore  *store,
              GError  **error)
{
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) batch = zx_store_queue_list (store, after, 500);

      if (batch->len == 0)
        break;
      for (guint i = 0; i < batch->len; i++)
        {
          JsonObject *item = g_ptr_array_index (batch, i);
          JsonObject *args = json_object_get_object_member (item, "args");
          const char *name = json_object_get_string_member (item, "name");
          g_autoptr(GError) local_error = NULL;

          after = json_object_get_int_member (item, "id");
          if (!zx_store_replay (store, name, args, &local_error))
            {
              if (g_error_matches (local_error, ZX_ERROR, ZX_ERROR_DATABASE))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              g_debug ("pending change %" G_GINT64_FORMAT " (%s) does not apply here: %s",
                       after, name, local_error->message);
            }
        }
    }
  return TRUE;
}

gboolean
zx_replica_bootstrap_begin (ZxStore  *store,
                            GError  **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  /* Half a million rows in one transaction: with SQLite's default 2 MB
   * cache its pages would be written out and read back again and again.
   * 64 MB was as fast as 128 MB in paired runs, and keeps the app within
   * its memory budget while it syncs. */
  if (!zx_store_exec (store, "PRAGMA cache_size = -65536", error) ||
      !zx_store_bulk_begin (store, error))
    return FALSE;

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", entity->table);

      if (!zx_store_exec (store, sql, error))
        goto fail;
    }
  if (!exec (store, "DELETE FROM sync_base", error))
    goto fail;
  return TRUE;

fail:
  zx_store_rollback (store);
  return FALSE;
}

gboolean
zx_replica_bootstrap_table (ZxStore               *store,
                            const ZxReplicaTable  *table,
                            GError               **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (table != NULL && table->entity != NULL, FALSE);

  /* the sync client checked every value as it decoded the page */
  return zx_store_insert_values (store, table->entity, table->values, table->n_rows, error);
}

gboolean
zx_replica_bootstrap_entity_done (ZxStore         *store,
                                  const ZxEntity  *entity,
                                  GError         **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  return zx_store_bulk_table_done (store, entity, error);
}

/* Numbers the pending changes 1, 2, … in their order (a new client id
 * starts a new numbering on the server). */
static gboolean
renumber_queue (ZxStore  *store,
                GError  **error)
{
  return exec (store, "CREATE TEMP TABLE IF NOT EXISTS zx_queue_copy AS SELECT * FROM mutation_queue WHERE 0", error) &&
         exec (store, "DELETE FROM temp.zx_queue_copy", error) &&
         exec (store, "INSERT INTO temp.zx_queue_copy SELECT * FROM mutation_queue", error) &&
         exec (store, "DELETE FROM mutation_queue", error) &&
         exec (store, "DELETE FROM sqlite_sequence WHERE name = 'mutation_queue'", error) &&
         exec (store, "INSERT INTO mutation_queue (name, args, base_version, created_at)"
                      " SELECT name, args, base_version, created_at FROM temp.zx_queue_copy ORDER BY id", error) &&
         exec (store, "DELETE FROM temp.zx_queue_copy", error);
}

gboolean
zx_replica_bootstrap_finish (ZxStore     *store,
                             const char  *server,
                             gint64       cursor,
                             gboolean     keep_queue,
                             GError     **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  if (!zx_store_bulk_rows_done (store, error) ||
      (!keep_queue && !exec (store, "DELETE FROM mutation_queue", error)) ||
      !renumber_queue (store, error) ||
      !zx_store_renew_client_id (store, error) ||
      !zx_store_set_local_state (store, KEY_SERVER, server, error) ||
      !set_cursor (store, cursor, error) ||
      !replay_queue (store, error) ||
      /* references were checked as the rows came; the changes applied
       * again may have written more */
      (zx_store_queue_length (store) > 0 && !zx_store_bulk_check_references (store, error)))
    {
      zx_store_rollback (store);
      return FALSE;
    }
  return zx_store_commit (store, error);
}

void
zx_replica_bootstrap_abort (ZxStore *store)
{
  g_return_if_fail (ZX_IS_STORE (store));
  zx_store_rollback (store);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

gboolean
zx_replica_acknowledge (ZxStore    *store,
                        gint64      last_mutation_id,
                        GPtrArray  *refusals,
                        GPtrArray  *conflicts,
                        GError    **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  now = zx_store_now (store);
  if (!zx_store_begin (store, error))
    return FALSE;

  for (guint i = 0; refusals != NULL && i < refusals->len; i++)
    {
      JsonObject *result = g_ptr_array_index (refusals, i);
      gint64 id = json_object_get_int_member_with_default (result, "id", 0);
      const char *reason = member_string (result, "reason");

      stmt = zx_store_prepare (store,
                               "INSERT INTO sync_refusal (name, args, reason, at)"
                               " SELECT name, args, ?, ? FROM mutation_queue WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, reason ? reason : _("The server did not accept this change."), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, id);
      if (!step_done (store, stmt, error))
        goto fail;
    }

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      JsonObject *c = g_ptr_array_index (conflicts, i);
      g_autofree char *yours = node_text (json_object_get_member (c, "yours"));
      g_autofree char *theirs = node_text (json_object_get_member (c, "theirs"));

      if (member_string (c, "entity") == NULL || member_string (c, "id") == NULL ||
          member_string (c, "field") == NULL)
        continue;
      stmt = zx_store_prepare (store,
                               "INSERT INTO sync_conflict (entity, row_id, field, yours, theirs, theirs_by, theirs_at, created_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, member_string (c, "entity"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, member_string (c, "id"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, member_string (c, "field"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, yours, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, theirs, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, member_string (c, "by"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, member_string (c, "at"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
      if (!step_done (store, stmt, error))
        goto fail;
    }

  stmt = zx_store_prepare (store, "DELETE FROM mutation_queue WHERE id <= ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, last_mutation_id);
  if (!step_done (store, stmt, error))
    goto fail;

  return zx_store_commit (store, error);

fail:
  zx_store_rollback (store);
  return FALSE;
}

gboolean
zx_replica_apply_page (ZxStore       *store,
                       ZxReplicaRow  *rows,
                       guint          n_rows,
                       gint64         cursor,
                       GError       **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  if (!zx_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n_rows; i++)
    {
      const char *id = member_string (rows[i].row, "id");
      sqlite3_stmt *stmt;
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      if (id == NULL)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("A row has no valid id."));
          goto fail;
        }

      /* A row with changes of ours waiting: only its confirmed copy moves */
      json_node_set_object (node, rows[i].row);
      text = json_to_string (node, FALSE);
      stmt = zx_store_prepare (store, "UPDATE sync_base SET row = ? WHERE entity = ? AND id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, rows[i].entity->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
      if (!step_done (store, stmt, error))
        goto fail;
      if (sqlite3_changes (zx_store_get_db (store)) > 0)
        continue;

      if (!zx_store_put_row (store, rows[i].entity, rows[i].row, TRUE, error))
        goto fail;
    }

  if (!set_cursor (store, cursor, error))
    goto fail;
  return zx_store_commit (store, error);

fail:
  zx_store_rollback (store);
  return FALSE;
}

gint64
zx_replica_rebase (ZxStore  *store,
                   gint64    last_mutation_id,
                   GError  **error)
{
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (ZX_IS_STORE (store), -1);

  if (!zx_store_begin (store, error))
    return -1;

  stmt = zx_store_prepare (store, "DELETE FROM mutation_queue WHERE id <= ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, last_mutation_id);
  if (!step_done (store, stmt, error))
    goto fail;

  /* Put every kept row back as the server has it... */
  stmt = zx_store_prepare (store, "SELECT entity, id, row FROM sync_base", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (bases, column_text (stmt, 0));
      g_ptr_array_add (bases, column_text (stmt, 1));
      g_ptr_array_add (bases, column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (store, error, _("the synchronisation state"));
      goto fail;
    }

  for (guint i = 0; i < bases->len; i += 3)
    {
      const ZxEntity *entity = zx_schema_lookup (g_ptr_array_index (bases, i));
      const char *id = g_ptr_array_index (bases, i + 1);
      const char *text = g_ptr_array_index (bases, i + 2);

      if (entity == NULL)
        continue;
      if (text == NULL)
        {
          if (!zx_store_remove_row (store, entity, id, TRUE, error))
            goto fail;
        }
      else
        {
          g_autoptr(JsonObject) row = parse_object (text);

          if (row == NULL)
            {
              g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                           _("The synchronisation state of this computer is damaged."));
              goto fail;
            }
          if (!zx_store_put_row (store, entity, row, TRUE, error))
            goto fail;
        }
      n++;
    }

  /* ...then ours on top, again */
  if (!exec (store, "DELETE FROM sync_base", error) ||
      !replay_queue (store, error))
    goto fail;

  if (!zx_store_commit (store, error))
    return -1;
  return n;

fail:
  zx_store_rollback (store);
  return -1;
}
