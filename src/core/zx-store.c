/* zx-store.c — the local SQLite store and its mutators
 *
 * Every change to hospital data goes through zx_store_mutate(): it parses
 * "<entity>.<op>", validates the arguments against the descriptors in
 * zx-schema.c and the rules in zx-validate.c, applies the change and appends
 * it to the local mutation queue, all in one transaction.  The server applies
 * the same mutations with the same code.  A few mutations are not one row's
 * create, update, delete or restore ("card.move": a card's column and rank
 * with its history entry); the table custom_mutations names them and the
 * function in the module that owns their rules (zx-store-private.h).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "zx-rank.h"
#include "zx-store-private.h"

struct _ZxStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *client_id;
  char       *actor;
  char       *fixed_now;
  char       *backup_path;
  int         schema_version;
  gboolean    embedded;     /* zx_store_open_embedded(): the connection is not ours */
  gboolean    replica_writing; /* writing the server's rows: keep no base */

  GHashTable *statements;   /* SQL → sqlite3_stmt */
  GHashTable *insert_sql;   /* ZxEntity → its INSERT, for bulk loads */
  GHashTable *insert_many_sql; /* ZxEntity → its INSERT of ROWS_AT_ONCE rows */
  guint       depth;        /* transaction nesting */
  GPtrArray  *pending;      /* "entity\nid" changed, emitted after commit */
  GArray     *pending_marks;
  gboolean    bulk;         /* zx_store_bulk_begin(): references off until the end */
  GPtrArray  *bulk_schema;  /* BulkObject: the indexes and triggers it removed, until made again */
  GHashTable *bulk_done;    /* tables whose rows are all in (their indexes made again) */
  GHashTable *bulk_checked; /* tables whose references were checked */
  gboolean    bulk_recheck; /* rows were written into a checked table: check all at the end */
};

G_DEFINE_FINAL_TYPE (ZxStore, zx_store, G_TYPE_OBJECT)

static gboolean bulk_finish (ZxStore *self, GError **error);
static void     bulk_end    (ZxStore *self);

enum {
  CHANGED,
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  OP_CREATE,
  OP_UPDATE,
  OP_DELETE,
  OP_RESTORE,
} Op;

static void
zx_store_finalize (GObject *object)
{
  ZxStore *self = (ZxStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->bulk_schema, g_ptr_array_unref);
  g_clear_pointer (&self->bulk_done, g_hash_table_unref);
  g_clear_pointer (&self->bulk_checked, g_hash_table_unref);
  g_clear_pointer (&self->insert_sql, g_hash_table_unref);
  g_clear_pointer (&self->insert_many_sql, g_hash_table_unref);
  if (self->db != NULL && !self->embedded)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->fixed_now, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->pending_marks, g_array_unref);

  G_OBJECT_CLASS (zx_store_parent_class)->finalize (object);
}

static void
zx_store_class_init (ZxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zx_store_finalize;

  /**
   * ZxStore::changed:
   * @entity: the entity's wire name
   * @id: the row's id
   *
   * A row was created, changed, deleted or restored; emitted after commit.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ZxStore::reloaded:
   *
   * Many rows changed at once (a restore, a sync): views rebuild.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
zx_store_init (ZxStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->pending_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->actor = g_strdup ("local");
}

/* SQLite plumbing ---------------------------------------------------------- */

void
zx_store_set_sqlite_error (ZxStore     *self,
                           GError     **error,
                           const char  *what)
{
  int code = sqlite3_extended_errcode (self->db);

  if (code == SQLITE_FULL)
    g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                 _("The disk is full: %s could not be saved. Free some space and try again."), what);
  else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                 _("The database is in use by another program: %s could not be saved. Try again in a moment."), what);
  else if ((code & 0xff) == SQLITE_READONLY)
    g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                 _("The database file is read-only: %s could not be saved."), what);
  else
    g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                 _("The database failed while saving %s (%s)."), what, sqlite3_errmsg (self->db));
}

sqlite3_stmt *
zx_store_prepare (ZxStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("The database could not run a query (%s)."), sqlite3_errmsg (self->db));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
zx_store_exec (ZxStore     *self,
               const char  *sql,
               GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("The database could not run a command (%s)."), msg ? msg : sqlite3_errmsg (self->db));
      sqlite3_free (msg);
      return FALSE;
    }

  return TRUE;
}

void
zx_store_column_value (sqlite3_stmt *stmt,
                       int           column,
                       ZxFieldType   type,
                       ZxValue      *out)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      out->type = ZX_VALUE_NULL;
      return;
    }
  switch (type)
    {
    case ZX_FIELD_INT:
      out->type = ZX_VALUE_INT;
      out->v.i = sqlite3_column_int64 (stmt, column);
      break;

    case ZX_FIELD_BOOL:
      out->type = ZX_VALUE_BOOL;
      out->v.b = sqlite3_column_int64 (stmt, column) != 0;
      break;

    case ZX_FIELD_REAL:
      out->type = ZX_VALUE_REAL;
      out->v.d = sqlite3_column_double (stmt, column);
      break;

    case ZX_FIELD_TEXT:
    case ZX_FIELD_DATE:
    case ZX_FIELD_DATETIME:
    case ZX_FIELD_MONTH:
    case ZX_FIELD_ENUM:
    case ZX_FIELD_REF:
    default:
      out->type = ZX_VALUE_TEXT;
      out->v.text.s = (const char *) sqlite3_column_text (stmt, column);
      out->v.text.len = (gsize) sqlite3_column_bytes (stmt, column);
      break;
    }
}

JsonNode *
zx_value_to_node (const ZxValue *value)
{
  JsonNode *node = json_node_alloc ();

  switch (value->type)
    {
    case ZX_VALUE_INT:
      return json_node_init_int (node, value->v.i);
    case ZX_VALUE_REAL:
      return json_node_init_double (node, value->v.d);
    case ZX_VALUE_BOOL:
      return json_node_init_boolean (node, value->v.b);
    case ZX_VALUE_TEXT:
      return json_node_init_string (node, value->v.text.s);
    case ZX_VALUE_NULL:
    default:
      return json_node_init_null (node);
    }
}

JsonNode *
zx_store_column_node (sqlite3_stmt *stmt,
                      int           column,
                      ZxFieldType   type)
{
  ZxValue value;

  zx_store_column_value (stmt, column, type, &value);
  return zx_value_to_node (&value);
}

/* A JSON value as a ZxValue (strings stay the node's); FALSE for an array
 * or an object */
static gboolean
value_from_node (JsonNode *node,
                 ZxValue  *out)
{
  out->type = ZX_VALUE_NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      out->type = ZX_VALUE_INT;
      out->v.i = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      out->type = ZX_VALUE_REAL;
      out->v.d = json_node_get_double (node);
      return TRUE;
    case G_TYPE_BOOLEAN:
      out->type = ZX_VALUE_BOOL;
      out->v.b = json_node_get_boolean (node);
      return TRUE;
    case G_TYPE_STRING:
      out->type = ZX_VALUE_TEXT;
      out->v.text.s = json_node_get_string (node);
      out->v.text.len = strlen (out->v.text.s);
      return TRUE;
    default:
      return FALSE;
    }
}

static int
bind_value (sqlite3_stmt  *stmt,
            int            index,
            ZxFieldType    type,
            const ZxValue *value)
{
  switch (value->type)
    {
    case ZX_VALUE_INT:
      return type == ZX_FIELD_REAL ? sqlite3_bind_double (stmt, index, (double) value->v.i)
                                   : sqlite3_bind_int64 (stmt, index, value->v.i);
    case ZX_VALUE_REAL:
      return sqlite3_bind_double (stmt, index, value->v.d);
    case ZX_VALUE_BOOL:
      return sqlite3_bind_int (stmt, index, value->v.b ? 1 : 0);
    case ZX_VALUE_TEXT:
      return sqlite3_bind_text64 (stmt, index, value->v.text.s, value->v.text.len, SQLITE_STATIC, SQLITE_UTF8);
    case ZX_VALUE_NULL:
    default:
      return type == ZX_FIELD_BOOL ? sqlite3_bind_int (stmt, index, 0) : sqlite3_bind_null (stmt, index);
    }
}

gboolean
zx_store_bind_node (sqlite3_stmt  *stmt,
                    int            index,
                    const ZxField *field,
                    JsonNode      *node)
{
  ZxValue value;

  if (!value_from_node (node, &value))
    value.type = ZX_VALUE_NULL;
  return bind_value (stmt, index, field->type, &value) == SQLITE_OK;
}

static gboolean
read_pragma_int (ZxStore    *self,
                 const char *pragma,
                 int        *out)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static char *
local_state_get (ZxStore    *self,
                 const char *key)
{
  sqlite3_stmt *stmt = zx_store_prepare (self, "SELECT value FROM local_state WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
local_state_set (ZxStore     *self,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  sqlite3_stmt *stmt = zx_store_prepare (self, "INSERT OR REPLACE INTO local_state (key, value) VALUES (?, ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (self, error, _("the device settings"));
      return FALSE;
    }
  return TRUE;
}

/* Opening and migrating ----------------------------------------------------- */

char *
zx_sqlite_copy_before_migration (void        *db,
                                 const char  *path,
                                 int          from_version,
                                 const char **out_reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *backup = g_strdup_printf ("%s.v%d-backup-%s", path, from_version, stamp);
  sqlite3_stmt *stmt;
  int rc;

  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    g_unlink (backup);

  if (sqlite3_prepare_v2 (db, "VACUUM INTO ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      *out_reason = sqlite3_errmsg (db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, backup, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      *out_reason = sqlite3_errmsg (db);
      return NULL;
    }

  g_message ("Copied %s to %s before migrating from schema %d", path, backup, from_version);
  return g_steal_pointer (&backup);
}

static gboolean
backup_before_migration (ZxStore  *self,
                         int       from_version,
                         GError  **error)
{
  const char *reason = NULL;
  g_autofree char *backup = zx_sqlite_copy_before_migration (self->db, self->path, from_version, &reason);

  if (backup == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.v%d-backup", self->path, from_version);

      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("Before updating the database, Zhixing makes a copy of it, but the copy “%s” could not be written (%s). Nothing was changed."),
                   name, reason);
      return FALSE;
    }

  zx_set_str (&self->backup_path, backup);
  return TRUE;
}

static gboolean
migrate (ZxStore  *self,
         int       from_version,
         int       to_version,
         GError  **error)
{
  for (int v = from_version + 1; v <= to_version; v++)
    {
      g_autofree char *sql = zx_migrations_sql (v, error);
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (sql == NULL)
        return FALSE;

      if (!zx_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (self->embedded)
        set_version = g_strdup_printf ("CREATE TABLE IF NOT EXISTS core_schema (version INTEGER NOT NULL);"
                                       "DELETE FROM core_schema; INSERT INTO core_schema (version) VALUES (%d);",
                                       v);
      else
        set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                       v, ZX_APPLICATION_ID);
      if (!zx_store_exec (self, sql, &local_error) ||
          !zx_store_exec (self, set_version, &local_error) ||
          !zx_store_exec (self, "COMMIT", &local_error))
        {
          zx_store_exec (self, "ROLLBACK", NULL);
          g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                       _("The database could not be updated to version %d; it was left as it was. (%s)"),
                       v, local_error->message);
          return FALSE;
        }

      self->schema_version = v;
    }

  return TRUE;
}

static gboolean
has_foreign_tables (ZxStore *self)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }

  return found;
}

static gboolean
load_client_id (ZxStore  *self,
                GError  **error)
{
  self->client_id = local_state_get (self, "client_id");
  if (self->client_id == NULL)
    {
      self->client_id = g_uuid_string_random ();
      if (!local_state_set (self, "client_id", self->client_id, error))
        return FALSE;
    }
  return TRUE;
}

static ZxStore *
open_internal (const char  *path,
               int          target_version,
               GError     **error)
{
  g_autoptr(ZxStore) self = g_object_new (ZX_TYPE_STORE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  int version = 0;
  int app_id = 0;
  int rc;

  self->path = g_strdup (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("The folder “%s” for the database could not be created: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("The database “%s” could not be opened: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!read_pragma_int (self, "user_version", &version) ||
      !read_pragma_int (self, "application_id", &app_id))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_DATABASE,
                   _("“%s” is not a Zhixing database, or it is damaged. It was not changed."), path);
      return NULL;
    }

  if (version == 0 && has_foreign_tables (self))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_DATABASE,
                   _("“%s” is a database of another program, not of Zhixing. It was not changed."), path);
      return NULL;
    }

  if (version > 0 && app_id != ZX_APPLICATION_ID)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_DATABASE,
                   _("“%s” is a database of another program, not of Zhixing. It was not changed."), path);
      return NULL;
    }

  if (version > ZX_SCHEMA_VERSION)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NEWER_SCHEMA,
                   _("“%s” was saved by a newer version of Zhixing (data version %d; this version knows up to %d). Update Zhixing to open it; the file was not changed."),
                   path, version, ZX_SCHEMA_VERSION);
      return NULL;
    }

  if (!zx_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !zx_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !zx_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  self->schema_version = version;

  if (version > 0 && version < target_version &&
      !backup_before_migration (self, version, error))
    return NULL;

  if (!migrate (self, version, target_version, error))
    return NULL;

  if (!load_client_id (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

ZxStore *
zx_store_open_embedded (void        *db,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(ZxStore) self = g_object_new (ZX_TYPE_STORE, NULL);
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self->db = db;
  self->embedded = TRUE;
  self->path = g_strdup (path);

  if (sqlite3_prepare_v2 (self->db, "SELECT version FROM core_schema", -1, &stmt, NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        version = sqlite3_column_int (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (version > ZX_SCHEMA_VERSION)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NEWER_SCHEMA,
                   _("“%s” was saved by a newer version of Zhixing (data version %d; this version knows up to %d). Update Zhixing to open it; the file was not changed."),
                   path, version, ZX_SCHEMA_VERSION);
      return NULL;
    }

  self->schema_version = version;
  if (version > 0 && version < ZX_SCHEMA_VERSION &&
      !backup_before_migration (self, version, error))
    return NULL;
  if (!migrate (self, version, ZX_SCHEMA_VERSION, error) ||
      !load_client_id (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

GPtrArray *
zx_store_pending_changes (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  return self->pending;
}

ZxStore *
zx_store_open (const char  *path,
               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_internal (path, ZX_SCHEMA_VERSION, error);
}

ZxStore *
zx_store_open_at_version (const char  *path,
                          int          version,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 1 && version <= ZX_SCHEMA_VERSION, NULL);

  return open_internal (path, version, error);
}

const char *
zx_store_get_path (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  return self->path;
}

int
zx_store_get_schema_version (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), 0);
  return self->schema_version;
}

const char *
zx_store_get_client_id (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  return self->client_id;
}

const char *
zx_store_get_actor (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  return self->actor;
}

void
zx_store_set_actor (ZxStore    *self,
                    const char *actor)
{
  g_return_if_fail (ZX_IS_STORE (self));
  g_return_if_fail (actor != NULL && *actor != '\0');

  zx_set_str (&self->actor, actor);
}

const char *
zx_store_get_backup_path (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  return self->backup_path;
}

void *
zx_store_get_db (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  return self->db;
}

void
zx_store_set_now (ZxStore    *self,
                  const char *iso8601_utc)
{
  g_return_if_fail (ZX_IS_STORE (self));
  zx_set_str (&self->fixed_now, iso8601_utc);
}

char *
zx_store_now (ZxStore *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (ZX_IS_STORE (self), NULL);

  if (self->fixed_now != NULL)
    return g_strdup (self->fixed_now);

  now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Transactions -------------------------------------------------------------- */

gboolean
zx_store_begin (ZxStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;
  guint mark;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT zx_%u", self->depth);

  if (!zx_store_exec (self, sql, error))
    return FALSE;

  mark = self->pending->len;
  g_array_append_val (self->pending_marks, mark);
  self->depth++;
  return TRUE;
}

static void
flush_pending (ZxStore *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pending->len; i++)
    {
      const char *item = g_ptr_array_index (pending, i);
      const char *nl = strchr (item, '\n');
      g_autofree char *entity = g_strndup (item, nl - item);

      g_signal_emit (self, signals[CHANGED], 0, entity, nl + 1);
    }
}

gboolean
zx_store_commit (ZxStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    {
      if (self->bulk && !bulk_finish (self, error))
        {
          zx_store_rollback (self);
          return FALSE;
        }
      if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        {
          int code = sqlite3_extended_errcode (self->db);

          if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("The changes refer to rows that do not exist; nothing was saved."));
          else
            zx_store_set_sqlite_error (self, error, _("the changes"));
          zx_store_rollback (self);
          return FALSE;
        }
      self->depth = 0;
      g_array_set_size (self->pending_marks, 0);
      bulk_end (self);
      flush_pending (self);
      return TRUE;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("RELEASE zx_%u", self->depth - 1);

      if (!zx_store_exec (self, sql, error))
        {
          zx_store_rollback (self);
          return FALSE;
        }
      self->depth--;
      g_array_set_size (self->pending_marks, self->depth);
      return TRUE;
    }
}

void
zx_store_rollback (ZxStore *self)
{
  guint mark;

  g_return_if_fail (ZX_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  mark = g_array_index (self->pending_marks, guint, self->depth - 1);
  g_ptr_array_set_size (self->pending, mark);

  if (self->depth == 1)
    {
      if (sqlite3_get_autocommit (self->db) == 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO zx_%u; RELEASE zx_%u",
                                              self->depth - 1, self->depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }

  self->depth--;
  g_array_set_size (self->pending_marks, self->depth);
  if (self->depth == 0)
    bulk_end (self);
}

/* Bulk loads ----------------------------------------------------------------- */

/* The triggers a bulk load removes, and how their derived column is then
 * computed for all rows at once (migration 004).  Triggers not named here
 * stay, so a new one is never skipped, only slower. */
static const char * const bulk_triggers[] = {
  "check_in_latest_insert", "check_in_latest_update", "check_in_latest_delete", "key_result_latest_insert",
};
static const char bulk_derive_sql[] =
  "UPDATE key_result SET last_check_in_at ="
  " (SELECT max(c.created_at) FROM check_in c WHERE c.key_result_id = key_result.id AND c.deleted = 0)";

/* What a bulk load removed, to be made again */
typedef struct
{
  char     *table;
  char     *sql;
  gboolean  is_index;
} BulkObject;

static void
bulk_object_free (gpointer data)
{
  BulkObject *object = data;

  g_free (object->table);
  g_free (object->sql);
  g_free (object);
}

gboolean
zx_store_bulk_begin (ZxStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  /* only outside a transaction do these take effect; sorting the rows of
   * an index may then use a second core */
  if (!zx_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  self->bulk = TRUE;
  if (!zx_store_exec (self, "PRAGMA threads = 2", error) ||
      !zx_store_begin (self, error))
    {
      bulk_end (self);
      return FALSE;
    }
  self->bulk_schema = g_ptr_array_new_with_free_func (bulk_object_free);
  self->bulk_done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bulk_checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The indexes of the synced tables: rows come ordered by id, so every
   * other index would take them in random order, page after page; made
   * again once, from sorted keys, they cost a fraction of that.  And the
   * triggers named above.  Indexes first: they are made again first. */
  stmt = zx_store_prepare (self, "SELECT type, name, tbl_name, sql FROM sqlite_master"
                                 " WHERE (type = 'index' AND sql IS NOT NULL) OR type = 'trigger'"
                                 " ORDER BY type = 'trigger', name", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *table = (const char *) sqlite3_column_text (stmt, 2);
      gboolean is_index = g_str_equal (type, "index");
      gboolean take = FALSE;
      BulkObject *object;

      if (!is_index)
        for (guint i = 0; !take && i < G_N_ELEMENTS (bulk_triggers); i++)
          take = g_str_equal (name, bulk_triggers[i]);
      else
        for (guint i = 0; !take && i < zx_schema_n_entities (); i++)
          take = g_str_equal (table, zx_schema_entity_at (i)->table);
      if (!take)
        continue;
      object = g_new0 (BulkObject, 1);
      object->table = g_strdup (table);
      object->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      object->is_index = is_index;
      g_ptr_array_add (self->bulk_schema, object);
      g_ptr_array_add (drops, g_strdup_printf ("DROP %s \"%s\"", is_index ? "INDEX" : "TRIGGER", name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (self, error, _("the changes"));
      goto fail;
    }
  for (guint i = 0; i < drops->len; i++)
    if (!zx_store_exec (self, drops->pdata[i], error))
      goto fail;
  return TRUE;

fail:
  zx_store_rollback (self);
  return FALSE;
}

/* Whether @table has a row whose reference leads nowhere.  A NOT IN over
 * the parent's keys costs a third of PRAGMA foreign_key_check, which looks
 * each parent up in the child's row order. */
static gboolean
bulk_check_table (ZxStore     *self,
                  const char  *table,
                  GError     **error)
{
  g_autofree char *list_sql = g_strdup_printf ("SELECT seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('%s')",
                                               table);
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = zx_store_prepare (self, list_sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *parent = (const char *) sqlite3_column_text (stmt, 1);
      const char *from = (const char *) sqlite3_column_text (stmt, 2);
      const char *to = (const char *) sqlite3_column_text (stmt, 3);

      if (sqlite3_column_int (stmt, 0) != 0 || to == NULL)
        {
          /* a reference of several columns, or to the parent's primary
           * key unnamed: SQLite's own check */
          g_ptr_array_set_size (checks, 0);
          g_ptr_array_add (checks, g_strdup_printf ("SELECT 1 FROM pragma_foreign_key_check('%s') LIMIT 1", table));
          break;
        }
      g_ptr_array_add (checks, g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE \"%s\" IS NOT NULL"
                                                " AND \"%s\" NOT IN (SELECT \"%s\" FROM \"%s\") LIMIT 1",
                                                table, from, from, to, parent));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      zx_store_set_sqlite_error (self, error, _("the changes"));
      return FALSE;
    }

  for (guint i = 0; i < checks->len; i++)
    {
      stmt = zx_store_prepare (self, checks->pdata[i], error);
      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        {
          g_debug ("%s refers to rows that do not exist: %s", table, (const char *) checks->pdata[i]);
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("The changes refer to rows that do not exist; nothing was saved."));
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        {
          zx_store_set_sqlite_error (self, error, _("the changes"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks the references of every complete table whose parents are all
 * complete and that was not checked yet */
static gboolean
bulk_check_ready (ZxStore  *self,
                  GError  **error)
{
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const char *table = zx_schema_entity_at (i)->table;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      gboolean ready = TRUE;
      int rc;

      if (!g_hash_table_contains (self->bulk_done, table) || g_hash_table_contains (self->bulk_checked, table))
        continue;
      sql = g_strdup_printf ("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list('%s')", table);
      stmt = zx_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      while (ready && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ready = g_hash_table_contains (self->bulk_done, sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (!ready)
        continue;
      if (!bulk_check_table (self, table, error))
        return FALSE;
      g_hash_table_add (self->bulk_checked, g_strdup (table));
    }
  return TRUE;
}

/* Makes again the indexes removed from @table (NULL: from every table),
 * then, when @triggers, the triggers */
static gboolean
bulk_restore (ZxStore     *self,
              const char  *table,
              gboolean     triggers,
              GError     **error)
{
  for (guint pass = 0; pass < (triggers ? 2 : 1); pass++)
    for (guint i = 0; i < self->bulk_schema->len;)
      {
        BulkObject *object = g_ptr_array_index (self->bulk_schema, i);

        if (object->is_index != (pass == 0) || (table != NULL && !g_str_equal (object->table, table)))
          {
            i++;
            continue;
          }
        if (!zx_store_exec (self, object->sql, error))
          return FALSE;
        g_ptr_array_remove_index (self->bulk_schema, i);
      }
  return TRUE;
}

gboolean
zx_store_bulk_table_done (ZxStore         *self,
                          const ZxEntity  *entity,
                          GError         **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (self->bulk && self->depth > 0, FALSE);

  if (self->bulk_schema == NULL || g_hash_table_contains (self->bulk_done, entity->table))
    return TRUE;
  /* its indexes (its triggers wait for the end: they keep another table) */
  if (!bulk_restore (self, entity->table, FALSE, error))
    return FALSE;
  g_hash_table_add (self->bulk_done, g_strdup (entity->table));
  return bulk_check_ready (self, error);
}

gboolean
zx_store_bulk_rows_done (ZxStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk && self->depth > 0, FALSE);

  if (self->bulk_schema == NULL)
    return TRUE;
  if (!bulk_restore (self, NULL, TRUE, error) ||
      !zx_store_exec (self, bulk_derive_sql, error))
    return FALSE;
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    g_hash_table_add (self->bulk_done, g_strdup (zx_schema_entity_at (i)->table));
  if (!bulk_check_ready (self, error))
    return FALSE;
  g_clear_pointer (&self->bulk_schema, g_ptr_array_unref);
  return TRUE;
}

gboolean
zx_store_bulk_check_references (ZxStore  *self,
                                GError  **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk && self->depth > 0, FALSE);

  g_hash_table_remove_all (self->bulk_checked);
  return bulk_check_ready (self, error);
}

/* Before the commit of a bulk load: what was removed made again, and every
 * reference checked, as the commit would have with checks on */
static gboolean
bulk_finish (ZxStore  *self,
             GError  **error)
{
  if (!zx_store_bulk_rows_done (self, error))
    return FALSE;
  if (self->bulk_recheck && !zx_store_bulk_check_references (self, error))
    return FALSE;
  return TRUE;
}

/* After the outermost transaction of a bulk load ended either way */
static void
bulk_end (ZxStore *self)
{
  if (!self->bulk)
    return;
  self->bulk = FALSE;
  self->bulk_recheck = FALSE;
  g_clear_pointer (&self->bulk_schema, g_ptr_array_unref);
  g_clear_pointer (&self->bulk_done, g_hash_table_unref);
  g_clear_pointer (&self->bulk_checked, g_hash_table_unref);
  if (sqlite3_exec (self->db, "PRAGMA foreign_keys = ON; PRAGMA threads = 0", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("references could not be checked again: %s", sqlite3_errmsg (self->db));
}

/* Field values -------------------------------------------------------------- */

static const char *
field_label (const ZxField *field)
{
  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

static const char *
entity_label (const ZxEntity *entity)
{
  return g_dgettext (GETTEXT_PACKAGE, entity->label);
}

/* @n digits at @s as a number, or -1 */
static int
digits (const char *s,
        guint       n)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      v = v * 10 + (s[i] - '0');
    }
  return v;
}

/* YYYY-MM-DD, a day that exists (checked by hand: a bootstrap checks half
 * a million of them) */
static gboolean
is_valid_date (const char *s)
{
  int y, m, d;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  y = digits (s, 4);
  m = digits (s + 5, 2);
  d = digits (s + 8, 2);
  return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && g_date_valid_dmy (d, m, y);
}

static gboolean
is_valid_month (const char *s)
{
  int y, m;

  if (strlen (s) != 7 || s[4] != '-')
    return FALSE;
  y = digits (s, 4);
  m = digits (s + 5, 2);
  return y >= 1900 && m >= 1 && m <= 12;
}

static gboolean
is_valid_datetime (const char *s)
{
  return zx_datetime_is_valid (s);
}

/* YYYY-MM-DDTHH:MM:SSZ, a real day and time: checked by hand, as a bulk
 * load checks hundreds of thousands of them */
gboolean
zx_datetime_is_valid (const char *s)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day;

  if (s == NULL || strlen (s) != 20)
    return FALSE;
  for (guint i = 0; i < 20; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != pattern[i])
      return FALSE;

  year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  month = (s[5] - '0') * 10 + (s[6] - '0');
  day = (s[8] - '0') * 10 + (s[9] - '0');
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
         g_date_valid_dmy (day, month, year) &&
         (s[11] - '0') * 10 + (s[12] - '0') <= 23 &&
         (s[14] - '0') * 10 + (s[15] - '0') <= 59 &&
         (s[17] - '0') * 10 + (s[18] - '0') <= 59;
}

static gboolean
text_is_clean (const char *s,
               gboolean    multiline)
{
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      if (*p >= 0x20 && *p != 0x7f)
        continue;
      if (multiline && (*p == '\n' || *p == '\t' || *p == '\r'))
        continue;
      if (!multiline && *p == '\t')
        continue;
      return FALSE;
    }
  return TRUE;
}

gboolean
zx_field_check_value (const ZxField  *field,
                      JsonNode       *node,
                      GError        **error)
{
  ZxValue value;

  g_return_val_if_fail (field != NULL, FALSE);

  if (!value_from_node (node, &value))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("%s has a value of the wrong kind."), field_label (field));
      return FALSE;
    }
  return zx_field_check (field, &value, error);
}

gboolean
zx_field_check (const ZxField  *field,
                const ZxValue  *value,
                GError        **error)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (value->type == ZX_VALUE_NULL)
    return TRUE;

  switch (field->type)
    {
    case ZX_FIELD_INT:
      {
        gint64 v;

        if (value->type != ZX_VALUE_INT)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s must be a whole number."), field_label (field));
            return FALSE;
          }
        v = value->v.i;
        if (field->min < field->max && (v < field->min || v > field->max))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s must be between %g and %g."), field_label (field), field->min, field->max);
            return FALSE;
          }
        return TRUE;
      }

    case ZX_FIELD_REAL:
      {
        double v;

        if (value->type != ZX_VALUE_INT && value->type != ZX_VALUE_REAL)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s must be a number."), field_label (field));
            return FALSE;
          }
        v = value->type == ZX_VALUE_INT ? (double) value->v.i : value->v.d;
        if (!isfinite (v) || fabs (v) > 1e15)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s is not a usable number."), field_label (field));
            return FALSE;
          }
        if (field->min < field->max && (v < field->min || v > field->max))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s must be between %g and %g."), field_label (field), field->min, field->max);
            return FALSE;
          }
        return TRUE;
      }

    case ZX_FIELD_BOOL:
      if (value->type != ZX_VALUE_BOOL)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("%s must be true or false."), field_label (field));
          return FALSE;
        }
      return TRUE;

    case ZX_FIELD_TEXT:
    case ZX_FIELD_DATE:
    case ZX_FIELD_DATETIME:
    case ZX_FIELD_MONTH:
    case ZX_FIELD_ENUM:
    case ZX_FIELD_REF:
    default:
      break;
    }

  if (value->type != ZX_VALUE_TEXT)
    goto wrong_type;

  {
    const char *s = value->v.text.s;
    gsize len = value->v.text.len;
    gsize max = field->max_length ? field->max_length : ZX_TEXT_DEFAULT_MAX;

    if (memchr (s, '\0', len) != NULL || !g_utf8_validate (s, len, NULL))
      goto wrong_type;

    switch (field->type)
      {
      case ZX_FIELD_TEXT:
        if (len > max)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s is too long: at most %zu characters."), field_label (field), (gsize) (max / 3));
            return FALSE;
          }
        if (!text_is_clean (s, field->max_length == ZX_TEXT_LONG_MAX))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s contains control characters."), field_label (field));
            return FALSE;
          }
        if ((field->flags & ZX_FIELD_FLAG_RANK) && !zx_rank_is_valid (s))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s is not a valid position key."), field_label (field));
            return FALSE;
          }
        return TRUE;

      case ZX_FIELD_DATE:
        if (!is_valid_date (s))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s must be a date such as 2026-03-31."), field_label (field));
            return FALSE;
          }
        return TRUE;

      case ZX_FIELD_DATETIME:
        if (!is_valid_datetime (s))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s must be a time such as 2026-03-31T08:30:00Z."), field_label (field));
            return FALSE;
          }
        return TRUE;

      case ZX_FIELD_MONTH:
        if (!is_valid_month (s))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s must be a month such as 2026-03."), field_label (field));
            return FALSE;
          }
        return TRUE;

      case ZX_FIELD_ENUM:
        if (!zx_enum_is_valid (field, s))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s has a value that is not allowed (“%s”)."), field_label (field), s);
            return FALSE;
          }
        return TRUE;

      case ZX_FIELD_REF:
        if (len == 0 || len > 64)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("%s refers to an invalid id."), field_label (field));
            return FALSE;
          }
        return TRUE;

      case ZX_FIELD_INT:
      case ZX_FIELD_REAL:
      case ZX_FIELD_BOOL:
      default:
        g_assert_not_reached ();
      }
  }

wrong_type:
  g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
               _("%s has a value of the wrong kind."), field_label (field));
  return FALSE;
}

static gboolean
is_valid_id (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_')
      return FALSE;
  return TRUE;
}

/* Reading ------------------------------------------------------------------- */

char *
zx_store_select_columns (const ZxEntity *entity)
{
  GString *s = g_string_new ("id");

  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (s, ", %s", entity->fields[i].name);
  g_string_append (s, ", version, updated_at, updated_by, deleted, scope");
  return g_string_free (s, FALSE);
}

JsonObject *
zx_store_row_from_statement (const ZxEntity *entity,
                             sqlite3_stmt   *stmt)
{
  JsonObject *row = json_object_new ();
  guint col = 0;

  json_object_set_string_member (row, "id", (const char *) sqlite3_column_text (stmt, col++));
  for (guint i = 0; i < entity->n_fields; i++)
    json_object_set_member (row, entity->fields[i].name,
                            zx_store_column_node (stmt, col++, entity->fields[i].type));
  json_object_set_int_member (row, "version", sqlite3_column_int64 (stmt, col++));
  json_object_set_string_member (row, "updated_at", (const char *) sqlite3_column_text (stmt, col++));
  json_object_set_string_member (row, "updated_by", (const char *) sqlite3_column_text (stmt, col++));
  json_object_set_boolean_member (row, "deleted", sqlite3_column_int (stmt, col++) != 0);
  json_object_set_string_member (row, "scope", (const char *) sqlite3_column_text (stmt, col++));

  return row;
}

static JsonObject *
load_row (ZxStore        *self,
          const ZxEntity *entity,
          const char     *id)
{
  g_autofree char *cols = zx_store_select_columns (entity);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", cols, entity->table);
  sqlite3_stmt *stmt = zx_store_prepare (self, sql, NULL);
  JsonObject *row = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = zx_store_row_from_statement (entity, stmt);
  sqlite3_reset (stmt);

  return row;
}

JsonObject *
zx_store_get (ZxStore     *self,
              const char  *entity_name,
              const char  *id,
              GError     **error)
{
  const ZxEntity *entity;
  JsonObject *row;

  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  g_return_val_if_fail (entity_name != NULL, NULL);

  entity = zx_schema_lookup (entity_name);
  if (entity == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("Unknown kind of data “%s”."), entity_name);
      return NULL;
    }

  row = id != NULL ? load_row (self, entity, id) : NULL;
  if (row == NULL)
    g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                 _("The %s was not found; it may have been removed."), entity_label (entity));
  return row;
}

GListStore *
zx_store_list (ZxStore            *self,
               const char         *entity_name,
               const char         *where,
               const char * const *params)
{
  const ZxEntity *entity;
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  GString *order;
  GListStore *store;
  g_autoptr(GPtrArray) records = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (self), NULL);

  store = g_list_store_new (ZX_TYPE_RECORD);
  entity = zx_schema_lookup (entity_name);
  g_return_val_if_fail (entity != NULL, store);

  order = g_string_new (NULL);
  if (zx_entity_has_rank (entity))
    g_string_append (order, "rank, ");
  if (entity->display_field != NULL)
    g_string_append_printf (order, "%s, ", entity->display_field);
  g_string_append (order, "id");

  cols = zx_store_select_columns (entity);
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0%s%s%s ORDER BY %s",
                         cols, entity->table,
                         where ? " AND (" : "", where ? where : "", where ? ")" : "",
                         order->str);
  g_string_free (order, TRUE);

  stmt = zx_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    {
      g_critical ("Could not list %s: %s", entity_name, sqlite3_errmsg (self->db));
      return store;
    }

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) row = zx_store_row_from_statement (entity, stmt);

      g_ptr_array_add (records, zx_record_new (entity, row));
    }
  sqlite3_reset (stmt);

  g_list_store_splice (store, 0, 0, records->pdata, records->len);
  return store;
}

gint64
zx_store_count (ZxStore            *self,
                const char         *entity_name,
                const char         *where,
                const char * const *params)
{
  const ZxEntity *entity;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (ZX_IS_STORE (self), -1);

  entity = zx_schema_lookup (entity_name);
  g_return_val_if_fail (entity != NULL, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0%s%s%s",
                         entity->table,
                         where ? " AND (" : "", where ? where : "", where ? ")" : "");
  stmt = zx_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    {
      g_critical ("Could not count %s: %s", entity_name, sqlite3_errmsg (self->db));
      return -1;
    }

  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

char *
zx_store_get_display (ZxStore    *self,
                      const char *entity_name,
                      const char *id)
{
  const ZxEntity *entity;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *display = NULL;

  g_return_val_if_fail (ZX_IS_STORE (self), NULL);

  entity = zx_schema_lookup (entity_name);
  if (entity == NULL || entity->display_field == NULL || id == NULL)
    return NULL;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", entity->display_field, entity->table);
  stmt = zx_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    display = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return display;
}

gboolean
zx_store_is_empty (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), TRUE);

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", entity->table);
      sqlite3_stmt *stmt = zx_store_prepare (self, sql, NULL);
      gboolean found;

      if (stmt == NULL)
        return FALSE;
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (found)
        return FALSE;
    }

  return TRUE;
}

gboolean
zx_store_has_hospital (ZxStore *self)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  return zx_store_count (self, "hospital", NULL, NULL) > 0;
}

char *
zx_store_find_live (ZxStore        *self,
                    const ZxEntity *entity,
                    const char     *field_name,
                    JsonNode       *value,
                    const char     *except_id)
{
  const ZxField *field = zx_entity_lookup_field (entity, field_name);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *found = NULL;

  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;

  sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND deleted = 0 AND id != ? LIMIT 1",
                         entity->table, field->name);
  stmt = zx_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;

  zx_store_bind_node (stmt, 1, field, value);
  sqlite3_bind_text (stmt, 2, except_id ? except_id : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return found;
}

/* Checking a change --------------------------------------------------------- */

static gboolean
row_is_live (ZxStore        *self,
             const ZxEntity *entity,
             const char     *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?", entity->table);
  sqlite3_stmt *stmt = zx_store_prepare (self, sql, NULL);
  gboolean live = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    live = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return live;
}

static gboolean
is_blank (JsonNode *node)
{
  const char *s;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  s = json_node_get_string (node);
  while (*s && g_ascii_isspace (*s))
    s++;
  return *s == '\0';
}

static void
set_field (char          **out_field,
           const ZxField  *field)
{
  if (out_field != NULL)
    zx_set_str (out_field, field ? field->name : NULL);
}

/* Checks @changes (a subset of fields) and the resulting @row (all fields).
 * Only fields present in @changes are checked for type, reference and
 * uniqueness; required fields and cross-field rules on the whole row. */
static gboolean
check_row (ZxStore        *self,
           const ZxEntity *entity,
           const char     *id,
           JsonObject     *changes,
           JsonObject     *row,
           char          **out_field,
           GError        **error)
{
  g_autoptr(GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const ZxField *field;
      JsonNode *value;

      if (g_str_equal (name, "id"))
        continue;

      field = zx_entity_lookup_field (entity, name);
      if (field == NULL)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("A %s has no field “%s”."), entity_label (entity), name);
          set_field (out_field, NULL);
          return FALSE;
        }

      value = json_object_get_member (changes, name);
      if (!zx_field_check_value (field, value, error))
        {
          set_field (out_field, field);
          return FALSE;
        }
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const ZxField *field = &entity->fields[i];
      JsonNode *value = json_object_get_member (row, field->name);

      if ((field->flags & ZX_FIELD_FLAG_REQUIRED) && is_blank (value))
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                       _("%s is required."), field_label (field));
          set_field (out_field, field);
          return FALSE;
        }

      if (!json_object_has_member (changes, field->name) || is_blank (value))
        continue;

      if (field->type == ZX_FIELD_REF)
        {
          const ZxEntity *target = zx_schema_lookup (field->ref);

          if (!row_is_live (self, target, json_node_get_string (value)))
            {
              g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("%s: the chosen %s does not exist or was deleted."),
                           field_label (field), entity_label (target));
              set_field (out_field, field);
              return FALSE;
            }
        }

      if (field->flags & ZX_FIELD_FLAG_UNIQUE)
        {
          g_autofree char *other = zx_store_find_live (self, entity, field->name, value, id);

          if (other != NULL)
            {
              g_autofree char *shown = NULL;
              g_autofree char *who = zx_store_get_display (self, entity->name, other);

              if (json_node_get_value_type (value) == G_TYPE_STRING)
                shown = g_strdup (json_node_get_string (value));
              else
                shown = json_to_string (value, FALSE);

              if (who != NULL && !g_str_equal (field->name, entity->display_field))
                g_set_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE,
                             _("%s “%s” is already used by “%s”."), field_label (field), shown, who);
              else
                g_set_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE,
                             _("%s “%s” is already in use."), field_label (field), shown);
              set_field (out_field, field);
              return FALSE;
            }
        }
    }

  return zx_validate_row (self, entity, id, row, changes, out_field, error);
}

/* Merges @changes over @base (or over empty fields), keeping only fields */
static JsonObject *
merge_row (const ZxEntity *entity,
           JsonObject     *base,
           JsonObject     *changes)
{
  JsonObject *row = json_object_new ();

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const char *name = entity->fields[i].name;
      JsonNode *node = NULL;

      if (changes != NULL && json_object_has_member (changes, name))
        node = json_object_get_member (changes, name);
      else if (base != NULL && json_object_has_member (base, name))
        node = json_object_get_member (base, name);

      if (node != NULL)
        json_object_set_member (row, name, json_node_copy (node));
      else
        json_object_set_null_member (row, name);
    }

  return row;
}

gboolean
zx_store_check (ZxStore     *self,
                const char  *entity_name,
                const char  *id,
                JsonObject  *fields,
                char       **out_field,
                GError     **error)
{
  const ZxEntity *entity;
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(JsonObject) row = NULL;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (out_field)
    *out_field = NULL;

  entity = zx_schema_lookup (entity_name);
  if (entity == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("Unknown kind of data “%s”."), entity_name);
      return FALSE;
    }

  if (id != NULL)
    {
      base = load_row (self, entity, id);
      if (base == NULL)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                       _("The %s was not found; it may have been removed."), entity_label (entity));
          return FALSE;
        }
    }

  row = merge_row (entity, base, fields);
  return check_row (self, entity, id, fields, row, out_field, error);
}

/* Applying a change --------------------------------------------------------- */

static char *
compute_scope (ZxStore        *self,
               const ZxEntity *entity,
               const char     *id,
               JsonObject     *row)
{
  const char *value;

  switch (entity->scope_rule)
    {
    case ZX_SCOPE_SELF:
      return g_strdup (id);

    case ZX_SCOPE_FIELD:
      value = json_object_get_string_member_with_default (row, entity->scope_field, NULL);
      return g_strdup (value ? value : ZX_SCOPE_ALL);

    case ZX_SCOPE_PARENT:
      {
        const ZxField *field = zx_entity_lookup_field (entity, entity->scope_field);
        const ZxEntity *parent = zx_schema_lookup (field->ref);
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt;
        char *scope = NULL;

        value = json_object_get_string_member_with_default (row, entity->scope_field, NULL);
        if (value == NULL)
          return g_strdup (ZX_SCOPE_ALL);

        sql = g_strdup_printf ("SELECT scope FROM %s WHERE id = ?", parent->table);
        stmt = zx_store_prepare (self, sql, NULL);
        if (stmt != NULL)
          {
            sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
            if (sqlite3_step (stmt) == SQLITE_ROW)
              scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
            sqlite3_reset (stmt);
          }
        return scope ? scope : g_strdup (ZX_SCOPE_ALL);
      }

    case ZX_SCOPE_HOSPITAL:
    default:
      return g_strdup (ZX_SCOPE_ALL);
    }
}

/* When a row's scope changes, rows that take their scope from it follow. */
static gboolean
propagate_scope (ZxStore        *self,
                 const ZxEntity *parent,
                 const char     *parent_id,
                 const char     *scope,
                 GError        **error)
{
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *child = zx_schema_entity_at (i);
      const ZxField *field;
      g_autofree char *sql = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      sqlite3_stmt *stmt;

      if (child->scope_rule != ZX_SCOPE_PARENT)
        continue;
      field = zx_entity_lookup_field (child, child->scope_field);
      if (!g_str_equal (field->ref, parent->name))
        continue;

      sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND scope != ?", child->table, field->name);
      stmt = zx_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_TRANSIENT);
      ids = g_ptr_array_new_with_free_func (g_free);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);

      if (ids->len == 0)
        continue;

      g_free (sql);
      sql = g_strdup_printf ("UPDATE %s SET scope = ? WHERE id = ?", child->table);
      for (guint j = 0; j < ids->len; j++)
        {
          stmt = zx_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, g_ptr_array_index (ids, j), -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              sqlite3_reset (stmt);
              zx_store_set_sqlite_error (self, error, entity_label (child));
              return FALSE;
            }
          sqlite3_reset (stmt);
          if (!propagate_scope (self, child, g_ptr_array_index (ids, j), scope, error))
            return FALSE;
        }
    }

  return TRUE;
}

static char *
last_rank (ZxStore        *self,
           const ZxEntity *entity)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max(rank) FROM %s WHERE deleted = 0", entity->table);
  sqlite3_stmt *stmt = zx_store_prepare (self, sql, NULL);
  char *rank = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    rank = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return rank;
}

static void
mark_changed (ZxStore        *self,
              const ZxEntity *entity,
              const char     *id)
{
  g_ptr_array_add (self->pending, g_strdup_printf ("%s\n%s", entity->name, id));
}

/* Before a local change first touches a row, keep the row as it is (the
 * state the server confirmed, plus nothing of ours) for the rebase after
 * a pull (zx-replica.h); NULL when the row does not exist yet. */
/* The version whose migration made sync_base */
#define ZX_SCHEMA_SYNC 5

static gboolean
remember_base (ZxStore        *self,
               const ZxEntity *entity,
               const char     *id,
               GError        **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(JsonObject) current = NULL;
  g_autofree char *text = NULL;
  gboolean known;
  int rc;

  /* The server keeps no bases; nor do databases opened at a version
   * before sync existed (tests of migrations) */
  if (self->embedded || self->replica_writing || self->schema_version < ZX_SCHEMA_SYNC)
    return TRUE;

  stmt = zx_store_prepare (self, "SELECT 1 FROM sync_base WHERE entity = ? AND id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  known = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (known)
    return TRUE;

  current = load_row (self, entity, id);
  if (current != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, current);
      text = json_to_string (node, FALSE);
    }

  stmt = zx_store_prepare (self, "INSERT INTO sync_base (entity, id, row) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (self, error, _("the change"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_row (ZxStore        *self,
           const ZxEntity *entity,
           const char     *id,
           JsonObject     *row,
           const char     *scope,
           gboolean        insert,
           GError        **error)
{
  g_autofree char *now = zx_store_now (self);
  GString *sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int idx = 1;
  int rc;

  if (!remember_base (self, entity, id, error))
    {
      g_string_free (sql, TRUE);
      return FALSE;
    }

  if (insert)
    {
      g_string_append_printf (sql, "INSERT INTO %s (", entity->table);
      for (guint i = 0; i < entity->n_fields; i++)
        g_string_append_printf (sql, "%s, ", entity->fields[i].name);
      g_string_append (sql, "updated_at, updated_by, scope, id) VALUES (");
      for (guint i = 0; i < entity->n_fields + 4; i++)
        g_string_append (sql, i ? ", ?" : "?");
      g_string_append (sql, ")");
    }
  else
    {
      g_string_append_printf (sql, "UPDATE %s SET ", entity->table);
      for (guint i = 0; i < entity->n_fields; i++)
        g_string_append_printf (sql, "%s = ?, ", entity->fields[i].name);
      g_string_append (sql, "updated_at = ?, updated_by = ?, scope = ? WHERE id = ?");
    }

  stmt = zx_store_prepare (self, sql->str, error);
  g_string_free (sql, TRUE);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < entity->n_fields; i++)
    zx_store_bind_node (stmt, idx++, &entity->fields[i],
                        json_object_get_member (row, entity->fields[i].name));
  sqlite3_bind_text (stmt, idx++, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, idx++, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, idx++, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, idx++, id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (self, error, entity_label (entity));
      return FALSE;
    }

  mark_changed (self, entity, id);
  return TRUE;
}

static gboolean
set_deleted (ZxStore        *self,
             const ZxEntity *entity,
             const char     *id,
             gboolean        deleted,
             const char     *stamp,
             GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                                          entity->table);
  sqlite3_stmt *stmt;
  int rc;

  if (!remember_base (self, entity, id, error))
    return FALSE;
  stmt = zx_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, deleted ? 1 : 0);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (self, error, entity_label (entity));
      return FALSE;
    }

  mark_changed (self, entity, id);
  return TRUE;
}

/* Live rows of @child whose @field points at @id */
static GPtrArray *
live_children (ZxStore        *self,
               const ZxEntity *child,
               const ZxField  *field,
               const char     *id,
               guint           limit)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND deleted = 0 LIMIT %u",
                                          child->table, field->name, limit);
  sqlite3_stmt *stmt = zx_store_prepare (self, sql, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return ids;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}

static gboolean
delete_recursive (ZxStore        *self,
                  const ZxEntity *entity,
                  const char     *id,
                  const char     *stamp,
                  GError        **error)
{
  /* Refuse while a live row that is not deleted along with this one
   * still points at it: a department with staff, a pillar with battles. */
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *other = zx_schema_entity_at (i);

      for (guint j = 0; j < other->n_fields; j++)
        {
          const ZxField *field = &other->fields[j];
          g_autoptr(GPtrArray) ids = NULL;

          if (field->type != ZX_FIELD_REF || !g_str_equal (field->ref, entity->name))
            continue;

          ids = live_children (self, other, field, id, (field->flags & ZX_FIELD_FLAG_CASCADE) ? G_MAXINT : 2);

          for (guint k = 0; k < ids->len; k++)
            {
              const char *child_id = g_ptr_array_index (ids, k);

              if (other == entity && g_str_equal (child_id, id))
                continue;

              if (field->flags & ZX_FIELD_FLAG_CASCADE)
                {
                  if (!delete_recursive (self, other, child_id, stamp, error))
                    return FALSE;
                }
              else
                {
                  g_autofree char *name = zx_store_get_display (self, entity->name, id);
                  g_autofree char *child_name = zx_store_get_display (self, other->name, child_id);
                  gint64 n;
                  g_autofree char *where = g_strdup_printf ("%s = ?", field->name);
                  const char *params[] = { id, NULL };

                  n = zx_store_count (self, other->name, where, params);
                  if (child_name != NULL && n <= 1)
                    g_set_error (error, ZX_ERROR, ZX_ERROR_IN_USE,
                                 /* Translators: “心血管内科” cannot be deleted: the Staff member “张三” still refers to it (Department). */
                                 _("“%s” cannot be deleted: the %s “%s” still refers to it (%s)."),
                                 name ? name : entity_label (entity), entity_label (other), child_name,
                                 field_label (field));
                  else if (child_name != NULL)
                    g_set_error (error, ZX_ERROR, ZX_ERROR_IN_USE,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "“%s” cannot be deleted: the %s “%s” and %d other still refer to it (%s).",
                                              "“%s” cannot be deleted: the %s “%s” and %d others still refer to it (%s).",
                                              (gulong) (n - 1)),
                                 name ? name : entity_label (entity), entity_label (other), child_name,
                                 (int) (n - 1), field_label (field));
                  else
                    g_set_error (error, ZX_ERROR, ZX_ERROR_IN_USE,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "“%s” cannot be deleted: %d %s still refers to it.",
                                              "“%s” cannot be deleted: %d %s rows still refer to it.",
                                              (gulong) n),
                                 name ? name : entity_label (entity), (int) n, entity_label (other));
                  return FALSE;
                }
            }
        }
    }

  return set_deleted (self, entity, id, TRUE, stamp, error);
}

/* Restores a row and the rows its deletion took with it (same stamp). */
static gboolean
restore_recursive (ZxStore        *self,
                   const ZxEntity *entity,
                   const char     *id,
                   const char     *stamp,
                   const char     *new_stamp,
                   GError        **error)
{
  if (!set_deleted (self, entity, id, FALSE, new_stamp, error))
    return FALSE;

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *other = zx_schema_entity_at (i);

      for (guint j = 0; j < other->n_fields; j++)
        {
          const ZxField *field = &other->fields[j];
          g_autofree char *sql = NULL;
          g_autoptr(GPtrArray) ids = NULL;
          sqlite3_stmt *stmt;

          if (field->type != ZX_FIELD_REF || !(field->flags & ZX_FIELD_FLAG_CASCADE) ||
              !g_str_equal (field->ref, entity->name))
            continue;

          sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND deleted = 1 AND updated_at = ?",
                                 other->table, field->name);
          stmt = zx_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_TRANSIENT);
          ids = g_ptr_array_new_with_free_func (g_free);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          sqlite3_reset (stmt);

          for (guint k = 0; k < ids->len; k++)
            if (!restore_recursive (self, other, g_ptr_array_index (ids, k), stamp, new_stamp, error))
              return FALSE;
        }
    }

  return TRUE;
}

static gboolean
enqueue (ZxStore     *self,
         const char  *name,
         JsonObject  *args,
         gint64       base_version,
         GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *now = zx_store_now (self);
  sqlite3_stmt *stmt;
  int rc;

  json_node_set_object (node, args);
  text = json_to_string (node, FALSE);

  stmt = zx_store_prepare (self,
                           "INSERT INTO mutation_queue (name, args, base_version, created_at) VALUES (?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, base_version);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (self, error, _("the change"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_name (const char      *name,
            const ZxEntity **out_entity,
            Op              *out_op,
            GError         **error)
{
  const char *dot = name ? strrchr (name, '.') : NULL;
  g_autofree char *entity_name = NULL;

  if (dot == NULL)
    goto unknown;

  entity_name = g_strndup (name, dot - name);
  *out_entity = zx_schema_lookup (entity_name);
  if (*out_entity == NULL)
    goto unknown;

  if (g_str_equal (dot + 1, "create"))
    *out_op = OP_CREATE;
  else if (g_str_equal (dot + 1, "update"))
    *out_op = OP_UPDATE;
  else if (g_str_equal (dot + 1, "delete"))
    *out_op = OP_DELETE;
  else if (g_str_equal (dot + 1, "restore"))
    *out_op = OP_RESTORE;
  else
    goto unknown;

  return TRUE;

unknown:
  g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
               _("Unknown kind of change “%s”."), name ? name : "");
  return FALSE;
}

static gboolean
apply_create (ZxStore         *self,
              const ZxEntity  *entity,
              const char      *id,
              JsonObject      *current,
              JsonObject      *args,
              GError         **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *scope = NULL;

  if (current != NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE,
                   _("A %s with this id already exists."), entity_label (entity));
      return FALSE;
    }

  /* A new ordered row goes last unless the caller placed it */
  if (zx_entity_has_rank (entity) &&
      (!json_object_has_member (args, "rank") || json_object_get_null_member (args, "rank")))
    {
      g_autofree char *last = last_rank (self, entity);
      g_autofree char *rank = zx_rank_between (last, NULL);

      json_object_set_string_member (args, "rank", rank);
    }

  row = merge_row (entity, NULL, args);
  if (!check_row (self, entity, id, args, row, NULL, error))
    return FALSE;

  scope = compute_scope (self, entity, id, row);
  return write_row (self, entity, id, row, scope, TRUE, error);
}

static gboolean
apply_update (ZxStore         *self,
              const ZxEntity  *entity,
              const char      *id,
              JsonObject      *current,
              JsonObject      *args,
              GError         **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *scope = NULL;

  if (current == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("The %s was not found; it may have been removed."), entity_label (entity));
      return FALSE;
    }
  if (json_object_get_boolean_member (current, "deleted"))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DELETED,
                   _("The %s was deleted, so it cannot be changed."), entity_label (entity));
      return FALSE;
    }

  row = merge_row (entity, current, args);
  if (!check_row (self, entity, id, args, row, NULL, error))
    return FALSE;

  scope = compute_scope (self, entity, id, row);
  if (!write_row (self, entity, id, row, scope, FALSE, error))
    return FALSE;
  if (!g_str_equal (scope, json_object_get_string_member (current, "scope")))
    return propagate_scope (self, entity, id, scope, error);
  return TRUE;
}

/* The id a change names, or NULL with @error */
static const char *
args_id (JsonObject  *args,
         GError     **error)
{
  JsonNode *id_node = json_object_get_member (args, "id");
  const char *id = NULL;

  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_STRING)
    id = json_node_get_string (id_node);
  if (!is_valid_id (id))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("The change names no valid row id."));
      return NULL;
    }
  return id;
}

gboolean
zx_store_apply_create (ZxStore         *self,
                       const ZxEntity  *entity,
                       JsonObject      *args,
                       GError         **error)
{
  g_autoptr(JsonObject) current = NULL;
  const char *id;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL && args != NULL, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if ((id = args_id (args, error)) == NULL)
    return FALSE;
  current = load_row (self, entity, id);
  return apply_create (self, entity, id, current, args, error);
}

gboolean
zx_store_apply_update (ZxStore         *self,
                       const ZxEntity  *entity,
                       JsonObject      *args,
                       GError         **error)
{
  g_autoptr(JsonObject) current = NULL;
  const char *id;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL && args != NULL, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if ((id = args_id (args, error)) == NULL)
    return FALSE;
  current = load_row (self, entity, id);
  return apply_update (self, entity, id, current, args, error);
}

/* Mutations that are not one of the four generic ops on one row: each
 * validates and applies its own arguments (with zx_store_apply_create()
 * and zx_store_apply_update(), which queue nothing) and is queued once, as
 * itself, by zx_store_mutate().  The rules live in the module that owns
 * them; only this table is here, so the store knows their names and the
 * server, which never calls those modules directly, applies them too. */
static const struct {
  const char       *name;
  ZxCustomMutation  apply;
} custom_mutations[] = {
  { "card.move", zx_kanban_apply_move },
};

static ZxCustomMutation
lookup_custom (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (custom_mutations); i++)
    if (g_str_equal (custom_mutations[i].name, name))
      return custom_mutations[i].apply;
  return NULL;
}

static gboolean
apply (ZxStore     *self,
       const char  *name,
       JsonObject  *args,
       gint64      *out_base_version,
       GError     **error)
{
  const ZxEntity *entity;
  Op op;
  const char *id;
  g_autoptr(JsonObject) current = NULL;
  ZxCustomMutation custom;

  custom = lookup_custom (name);
  if (custom != NULL)
    {
      *out_base_version = 0;
      return custom (self, args, out_base_version, error);
    }

  if (!parse_name (name, &entity, &op, error))
    return FALSE;

  if ((id = args_id (args, error)) == NULL)
    return FALSE;

  current = load_row (self, entity, id);
  *out_base_version = current ? json_object_get_int_member (current, "version") : 0;

  switch (op)
    {
    case OP_CREATE:
      return apply_create (self, entity, id, current, args, error);

    case OP_UPDATE:
      return apply_update (self, entity, id, current, args, error);
    case OP_DELETE:
      {
        g_autofree char *stamp = zx_store_now (self);

        if (current == NULL)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                         _("The %s was not found; it may have been removed."), entity_label (entity));
            return FALSE;
          }
        if (json_object_get_boolean_member (current, "deleted"))
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_DELETED,
                         _("The %s was already deleted."), entity_label (entity));
            return FALSE;
          }
        if (json_object_get_size (args) != 1)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                         _("A deletion takes only the row id."));
            return FALSE;
          }
        if (!zx_validate_delete (self, entity, id, error))
          return FALSE;
        return delete_recursive (self, entity, id, stamp, error);
      }

    case OP_RESTORE:
      {
        g_autofree char *stamp = zx_store_now (self);
        g_autoptr(JsonObject) row = NULL;
        g_autoptr(JsonObject) all = NULL;

        if (current == NULL)
          {
            g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                         _("The %s was not found; it may have been removed."), entity_label (entity));
            return FALSE;
          }
        if (!json_object_get_boolean_member (current, "deleted"))
          return TRUE;

        /* What it points at must still be there, and its unique values free */
        row = merge_row (entity, current, NULL);
        all = json_object_ref (row);
        if (!check_row (self, entity, id, all, row, NULL, error))
          return FALSE;

        return restore_recursive (self, entity, id,
                                  json_object_get_string_member (current, "updated_at"),
                                  stamp, error);
      }

    default:
      g_assert_not_reached ();
    }
}

gboolean
zx_store_mutate (ZxStore     *self,
                 const char  *name,
                 JsonObject  *args,
                 GError     **error)
{
  gint64 base_version = 0;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (args != NULL, FALSE);

  if (!zx_store_begin (self, error))
    return FALSE;

  if (!apply (self, name, args, &base_version, error) ||
      (!self->embedded && !enqueue (self, name, args, base_version, error)))
    {
      zx_store_rollback (self);
      return FALSE;
    }

  return zx_store_commit (self, error);
}

gboolean
zx_store_replay (ZxStore     *self,
                 const char  *name,
                 JsonObject  *args,
                 GError     **error)
{
  gint64 base_version = 0;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!zx_store_begin (self, error))
    return FALSE;
  if (!apply (self, name, args, &base_version, error))
    {
      zx_store_rollback (self);
      return FALSE;
    }
  return zx_store_commit (self, error);
}

gboolean
zx_store_put_row (ZxStore        *self,
                  const ZxEntity *entity,
                  JsonObject     *row,
                  gboolean        notify,
                  GError        **error)
{
  const char *id;
  gboolean ok;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  id = json_object_get_string_member_with_default (row, "id", NULL);
  if (!is_valid_id (id))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("A row has no valid id."));
      return FALSE;
    }
  if (!zx_store_remove_row (self, entity, id, FALSE, error))
    return FALSE;
  self->replica_writing = TRUE;
  ok = zx_store_insert_row (self, entity, row, error);
  self->replica_writing = FALSE;
  if (ok && notify)
    mark_changed (self, entity, id);
  return ok;
}

gboolean
zx_store_remove_row (ZxStore        *self,
                     const ZxEntity *entity,
                     const char     *id,
                     gboolean        notify,
                     GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", entity->table);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  stmt = zx_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (self, error, entity_label (entity));
      return FALSE;
    }
  if (notify && sqlite3_changes (self->db) > 0)
    mark_changed (self, entity, id);
  return TRUE;
}

gboolean
zx_store_renew_client_id (ZxStore  *self,
                          GError  **error)
{
  g_autofree char *id = g_uuid_string_random ();

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);

  if (!local_state_set (self, "client_id", id, error))
    return FALSE;
  g_free (self->client_id);
  self->client_id = g_steal_pointer (&id);
  return TRUE;
}

char *
zx_store_get_local_state (ZxStore    *self,
                          const char *key)
{
  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  return local_state_get (self, key);
}

gboolean
zx_store_set_local_state (ZxStore     *self,
                          const char  *key,
                          const char  *value,
                          GError     **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  return local_state_set (self, key, value, error);
}

char *
zx_store_create (ZxStore     *self,
                 const char  *entity,
                 JsonObject  *fields,
                 GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(GList) members = NULL;
  char *id;

  g_return_val_if_fail (ZX_IS_STORE (self), NULL);
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (json_object_has_member (fields, "id"))
    id = g_strdup (json_object_get_string_member (fields, "id"));
  else
    id = g_uuid_string_random ();

  json_object_set_string_member (args, "id", id);
  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "id"))
      json_object_set_member (args, l->data, json_node_copy (json_object_get_member (fields, l->data)));

  name = g_strconcat (entity, ".create", NULL);
  if (!zx_store_mutate (self, name, args, error))
    {
      g_free (id);
      return NULL;
    }

  return id;
}

static gboolean
mutate_with_id (ZxStore     *self,
                const char  *entity,
                const char  *op,
                const char  *id,
                JsonObject  *fields,
                GError     **error)
{
  g_autofree char *name = g_strconcat (entity, ".", op, NULL);
  g_autoptr(JsonObject) args = json_object_new ();

  json_object_set_string_member (args, "id", id);
  if (fields != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (fields);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "id"))
          json_object_set_member (args, l->data, json_node_copy (json_object_get_member (fields, l->data)));
    }

  return zx_store_mutate (self, name, args, error);
}

gboolean
zx_store_update (ZxStore     *self,
                 const char  *entity,
                 const char  *id,
                 JsonObject  *changes,
                 GError     **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  return mutate_with_id (self, entity, "update", id, changes, error);
}

gboolean
zx_store_delete (ZxStore     *self,
                 const char  *entity,
                 const char  *id,
                 GError     **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return mutate_with_id (self, entity, "delete", id, NULL, error);
}

gboolean
zx_store_restore (ZxStore     *self,
                  const char  *entity,
                  const char  *id,
                  GError     **error)
{
  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return mutate_with_id (self, entity, "restore", id, NULL, error);
}

/* The queue ----------------------------------------------------------------- */

gint64
zx_store_queue_length (ZxStore *self)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (ZX_IS_STORE (self), 0);

  stmt = zx_store_prepare (self, "SELECT count(*) FROM mutation_queue", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

GPtrArray *
zx_store_queue_list (ZxStore *self,
                     gint64   after_id,
                     guint    limit)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (self), list);

  stmt = zx_store_prepare (self,
                           "SELECT id, name, args, base_version, created_at FROM mutation_queue "
                           "WHERE id > ? ORDER BY id LIMIT ?", NULL);
  if (stmt == NULL)
    return list;

  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit ? limit : G_MAXINT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *m = json_object_new ();
      g_autoptr(JsonNode) args = json_from_string ((const char *) sqlite3_column_text (stmt, 2), NULL);

      json_object_set_int_member (m, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (m, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_member (m, "args", args ? g_steal_pointer (&args) : json_node_new (JSON_NODE_NULL));
      json_object_set_int_member (m, "base_version", sqlite3_column_int64 (stmt, 3));
      json_object_set_string_member (m, "created_at", (const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (list, m);
    }
  sqlite3_reset (stmt);

  return list;
}

/* Bulk loading -------------------------------------------------------------- */

static gboolean insert_row (ZxStore        *self,
                            const ZxEntity *entity,
                            JsonObject     *row,
                            GError        **error);

gboolean
zx_store_insert_row (ZxStore        *self,
                     const ZxEntity *entity,
                     JsonObject     *row,
                     GError        **error)
{
  return insert_row (self, entity, row, error);
}

/* The INSERT of @n_rows whole rows of @entity (1, or ROWS_AT_ONCE for bulk
 * loads), made once per entity */
#define ROWS_AT_ONCE 16

static const char *
insert_sql_rows (ZxStore        *self,
                 const ZxEntity *entity,
                 guint           n_rows)
{
  GHashTable **cache = n_rows == 1 ? &self->insert_sql : &self->insert_many_sql;
  const char *sql;
  GString *s;

  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  sql = g_hash_table_lookup (*cache, entity);
  if (sql != NULL)
    return sql;

  s = g_string_new (NULL);
  g_string_append_printf (s, "INSERT INTO %s (id", entity->table);
  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (s, ", %s", entity->fields[i].name);
  g_string_append (s, ", version, updated_at, updated_by, deleted, scope) VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (s, r ? ", (?" : "(?");
      for (guint i = 0; i < entity->n_fields + 5; i++)
        g_string_append (s, ", ?");
      g_string_append (s, ")");
    }
  sql = g_string_free (s, FALSE);
  g_hash_table_insert (*cache, (gpointer) entity, (gpointer) sql);
  return sql;
}

static const char *
insert_sql (ZxStore        *self,
            const ZxEntity *entity)
{
  return insert_sql_rows (self, entity, 1);
}

static gboolean
insert_row (ZxStore        *self,
            const ZxEntity *entity,
            JsonObject     *row,
            GError        **error)
{
  guint nf = entity->n_fields;
  g_autofree ZxValue *values = g_new0 (ZxValue, nf + 6);
  const char *envelope[] = {
    json_object_get_string_member_with_default (row, "id", NULL),
    json_object_get_string_member_with_default (row, "updated_at", "1970-01-01T00:00:00Z"),
    json_object_get_string_member_with_default (row, "updated_by", self->actor),
    json_object_get_string_member_with_default (row, "scope", ZX_SCOPE_ALL),
  };
  ZxValue *text[] = { &values[0], &values[2 + nf], &values[3 + nf], &values[5 + nf] };

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  /* the row as the values a bulk load inserts, checked as it checks them */
  for (guint i = 0; i < nf; i++)
    if (!zx_field_check_value (&entity->fields[i], json_object_get_member (row, entity->fields[i].name), error) ||
        !value_from_node (json_object_get_member (row, entity->fields[i].name), &values[1 + i]))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    if (envelope[i] != NULL)
      *text[i] = (ZxValue) { .type = ZX_VALUE_TEXT, .v.text = { envelope[i], strlen (envelope[i]) } };
  values[1 + nf] = (ZxValue) { .type = ZX_VALUE_INT, .v.i = json_object_get_int_member_with_default (row, "version", 0) };
  values[4 + nf] = (ZxValue) { .type = ZX_VALUE_BOOL,
                               .v.b = json_object_get_boolean_member_with_default (row, "deleted", FALSE) };
  return zx_store_insert_values (self, entity, values, 1, error);
}


/* Binds the row at @row (entity->n_fields + 6 values) from parameter @at */
static int
bind_row (sqlite3_stmt   *stmt,
          int             at,
          const ZxEntity *entity,
          const ZxValue  *row)
{
  int rc = SQLITE_OK;
  guint nf = entity->n_fields;

  rc |= bind_value (stmt, at, ZX_FIELD_TEXT, &row[0]);
  for (guint i = 0; i < nf; i++)
    rc |= bind_value (stmt, at + 1 + i, entity->fields[i].type, &row[1 + i]);
  rc |= bind_value (stmt, at + 1 + nf, ZX_FIELD_INT, &row[1 + nf]);
  rc |= bind_value (stmt, at + 2 + nf, ZX_FIELD_TEXT, &row[2 + nf]);
  rc |= bind_value (stmt, at + 3 + nf, ZX_FIELD_TEXT, &row[3 + nf]);
  rc |= bind_value (stmt, at + 4 + nf, ZX_FIELD_BOOL, &row[4 + nf]);
  rc |= bind_value (stmt, at + 5 + nf, ZX_FIELD_TEXT, &row[5 + nf]);
  return rc;
}

/* Inserts rows one statement each: the rest of a bulk load, or rows again
 * one by one to say which one failed */
static gboolean
insert_rows_singly (ZxStore         *self,
                    const ZxEntity  *entity,
                    const ZxValue   *values,
                    guint            n_rows,
                    GError         **error)
{
  guint width = entity->n_fields + 6;
  sqlite3_stmt *stmt = zx_store_prepare (self, insert_sql (self, entity), error);

  if (stmt == NULL)
    return FALSE;
  for (guint r = 0; r < n_rows; r++)
    {
      const ZxValue *row = values + (gsize) r * width;
      int rc = bind_row (stmt, 1, entity, row);

      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
            g_set_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE,
                         _("A %s with the id “%s” is already present."), entity_label (entity), row[0].v.text.s);
          else
            zx_store_set_sqlite_error (self, error, entity_label (entity));
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
    }
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

gboolean
zx_store_insert_values (ZxStore        *self,
                        const ZxEntity *entity,
                        const ZxValue  *values,
                        guint           n_rows,
                        GError        **error)
{
  guint width = entity->n_fields + 6;
  sqlite3_stmt *many;
  guint r = 0;

  g_return_val_if_fail (ZX_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_rows == 0, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  for (guint i = 0; i < n_rows; i++)
    {
      const ZxValue *id = &values[(gsize) i * width];

      if (id->type != ZX_VALUE_TEXT || !is_valid_id (id->v.text.s))
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("A row has no valid id."));
          return FALSE;
        }
    }
  if (self->bulk && self->bulk_checked != NULL && g_hash_table_contains (self->bulk_checked, entity->table))
    self->bulk_recheck = TRUE;

  /* ROWS_AT_ONCE rows a statement: SQLite's work per statement, not per
   * row, is what a bulk load of small rows is made of */
  many = n_rows >= ROWS_AT_ONCE ? zx_store_prepare (self, insert_sql_rows (self, entity, ROWS_AT_ONCE), error) : NULL;
  if (n_rows >= ROWS_AT_ONCE && many == NULL)
    return FALSE;
  for (; r + ROWS_AT_ONCE <= n_rows; r += ROWS_AT_ONCE)
    {
      int rc = SQLITE_OK;

      for (guint k = 0; k < ROWS_AT_ONCE; k++)
        rc |= bind_row (many, 1 + (int) (k * width), entity, values + (gsize) (r + k) * width);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (many);
      sqlite3_reset (many);
      if (rc != SQLITE_DONE)
        {
          /* nothing of the statement stayed: the rows again, one by one,
           * to say which one it was */
          sqlite3_clear_bindings (many);
          if (insert_rows_singly (self, entity, values + (gsize) r * width, ROWS_AT_ONCE, error))
            zx_store_set_sqlite_error (self, error, entity_label (entity));
          return FALSE;
        }
    }
  if (many != NULL)
    sqlite3_clear_bindings (many);
  return insert_rows_singly (self, entity, values + (gsize) r * width, n_rows - r, error);
}

void
zx_store_notify_reloaded (ZxStore *self)
{
  g_return_if_fail (ZX_IS_STORE (self));
  g_signal_emit (self, signals[RELOADED], 0);
}

void
zx_store_notify_changed (ZxStore    *self,
                         const char *entity,
                         const char *id)
{
  g_return_if_fail (ZX_IS_STORE (self));
  g_return_if_fail (entity != NULL && id != NULL);
  g_signal_emit (self, signals[CHANGED], 0, entity, id);
}
