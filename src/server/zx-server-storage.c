/* zx-server-storage.c — the server's tables in one SQLite file
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-server-storage"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "zx-error.h"
#include "zx-store-private.h"
#include "zx-wire.h"
#include "zx-backup.h"
#include "zx-server-storage.h"

/* "ZXSV" in the SQLite header: not the desktop's file ("ZXNG") */
#define ZX_SERVER_APPLICATION_ID 0x5A585356

/* One script per schema version, each run in its own transaction.  Never
 * edit a shipped one: add the next. */
static const char * const migrations[] = {
  /* 1: accounts and session tokens */
  "CREATE TABLE account ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  role TEXT NOT NULL CHECK (role IN ('admin', 'leadership', 'office', 'hr', 'head', 'staff')),"
  "  department_id TEXT,"
  "  password_hash TEXT NOT NULL,"
  "  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE token ("
  "  hash TEXT PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX token_account ON token (account_id);"
  "CREATE INDEX token_expires ON token (expires_at);",
  /* 2: the change log of the hospital data and what each client has pushed
   * (the hospital data's own tables are core's, created by
   * zx_store_open_embedded () in this same file) */
  "CREATE TABLE change_log ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  scope TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),"
  "  at INTEGER NOT NULL,"
  "  account_id INTEGER REFERENCES account (id)"
  ");"
  "CREATE INDEX change_log_row ON change_log (entity, row_id);"
  "CREATE TABLE client_state ("
  "  client_id TEXT PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id),"
  "  last_mutation_id INTEGER NOT NULL CHECK (last_mutation_id >= 0)"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZX_SERVER_SCHEMA_VERSION);

static const char * const roles[] = { "admin", "leadership", "office", "hr", "head", "staff", NULL };

struct _ZxServerStorage
{
  GMutex    lock;   /* one statement or transaction at a time */
  sqlite3  *db;
  ZxStore  *store;  /* the hospital data, on db; used only under lock */
  char     *path;
  char     *backup_path;
  int       schema_version;
};

const char * const *
zx_server_roles (void)
{
  return roles;
}

gboolean
zx_server_role_is_valid (const char *role)
{
  return role != NULL && g_strv_contains (roles, role);
}

void
zx_server_account_free (ZxServerAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->name);
  g_free (account->role);
  g_free (account->department_id);
  g_free (account->password_hash);
  g_free (account);
}

static gboolean
set_sqlite_error (ZxServerStorage  *self,
                  GError          **error)
{
  g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
               _("The server database “%s” could not be read or written: %s"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (ZxServerStorage  *self,
      const char       *sql,
      GError          **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  return TRUE;
}

static sqlite3_stmt *
prepare (ZxServerStorage  *self,
         const char       *sql,
         GError          **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return stmt;
}

static gboolean
read_pragma_int (ZxServerStorage *self,
                 const char      *sql,
                 int             *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
has_tables (ZxServerStorage *self)
{
  int count = 0;

  return read_pragma_int (self, "SELECT count(*) FROM sqlite_schema", &count) && count > 0;
}

static gboolean
backup_before_migration (ZxServerStorage  *self,
                         int               from_version,
                         GError          **error)
{
  const char *reason = NULL;
  char *backup = zx_sqlite_copy_before_migration (self->db, self->path, from_version, &reason);

  if (backup == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.v%d-backup", self->path, from_version);

      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("Before updating the server database, a copy of it is made, but the copy “%s” could not be written (%s). Nothing was changed."),
                   name, reason);
      return FALSE;
    }

  g_free (self->backup_path);
  self->backup_path = backup;
  return TRUE;
}

static gboolean
migrate (ZxServerStorage  *self,
         int               from_version,
         GError          **error)
{
  for (int version = from_version + 1; version <= ZX_SERVER_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
      g_autofree char *set_app_id = g_strdup_printf ("PRAGMA application_id = %d", ZX_SERVER_APPLICATION_ID);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, migrations[version - 1], error) ||
          !exec (self, set_app_id, error) ||
          !exec (self, set_version, error) ||
          !exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->schema_version = version;
    }
  return TRUE;
}

ZxServerStorage *
zx_server_storage_open (const char  *path,
                        GError     **error)
{
  g_autoptr(ZxServerStorage) self = g_new0 (ZxServerStorage, 1);
  int version = 0, app_id = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  g_mutex_init (&self->lock);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("The server database “%s” could not be opened: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!read_pragma_int (self, "PRAGMA user_version", &version) ||
      !read_pragma_int (self, "PRAGMA application_id", &app_id))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_DATABASE,
                   _("“%s” is not a Zhixing server database, or it is damaged. It was not changed."), path);
      return NULL;
    }

  if ((version == 0 && has_tables (self)) ||
      (version > 0 && app_id != ZX_SERVER_APPLICATION_ID))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_DATABASE,
                   _("“%s” is not a Zhixing server database (it may be a desktop database or belong to another program). It was not changed."),
                   path);
      return NULL;
    }

  if (version > ZX_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer zhixing-server (data version %d; this version knows up to %d). Install the newer server; the file was not changed."),
                   path, version, ZX_SERVER_SCHEMA_VERSION);
      return NULL;
    }

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  self->schema_version = version;

  if (version > 0 && version < ZX_SERVER_SCHEMA_VERSION &&
      !backup_before_migration (self, version, error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  self->store = zx_store_open_embedded (self->db, path, error);
  if (self->store == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

void
zx_server_storage_free (ZxServerStorage *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->backup_path);
  g_free (self);
}

int
zx_server_storage_get_schema_version (ZxServerStorage *self)
{
  return self->schema_version;
}

const char *
zx_server_storage_get_backup_path (ZxServerStorage *self)
{
  return self->backup_path;
}

/* Accounts ------------------------------------------------------------------ */

#define ACCOUNT_COLUMNS "account.id, account.name, account.role, account.department_id, " \
                        "account.password_hash, account.disabled, account.created_at"

static ZxServerAccount *
read_account (sqlite3_stmt *stmt)
{
  ZxServerAccount *account = g_new0 (ZxServerAccount, 1);

  account->id = sqlite3_column_int64 (stmt, 0);
  account->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  account->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  account->department_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  account->password_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  account->disabled = sqlite3_column_int (stmt, 5) != 0;
  account->created_at = sqlite3_column_int64 (stmt, 6);
  return account;
}

gboolean
zx_server_storage_add_account (ZxServerStorage  *self,
                               const char       *name,
                               const char       *role,
                               const char       *department_id,
                               const char       *password_hash,
                               GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "INSERT INTO account (name, role, department_id, password_hash, disabled, created_at)"
                  " VALUES (?, ?, ?, ?, 0, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, department_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DUPLICATE,
                   _("There is already an account named “%s”."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

ZxServerAccount *
zx_server_storage_find_account (ZxServerStorage  *self,
                                const char       *name,
                                GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  ZxServerAccount *account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = read_account (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error);
  sqlite3_finalize (stmt);
  return account;
}

GPtrArray *
zx_server_storage_list_accounts (ZxServerStorage  *self,
                                 GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_server_account_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, read_account (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

/* Runs @sql (which sets something on the account named by its last
 * parameter) and deletes the account's tokens, in one transaction. */
static gboolean
update_account (ZxServerStorage  *self,
                const char       *sql,
                const char       *text_value,
                gint64            int_value,
                const char       *name,
                GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;
  int rc, changes;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  if (text_value != NULL)
    sqlite3_bind_text (stmt, 1, text_value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, int_value);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      goto fail;
    }
  changes = sqlite3_changes (self->db);
  if (changes == 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("There is no account named “%s”."), name);
      goto fail;
    }

  stmt = prepare (self, "DELETE FROM token WHERE account_id = (SELECT id FROM account WHERE name = ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      goto fail;
    }

  return exec (self, "COMMIT", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
zx_server_storage_set_disabled (ZxServerStorage  *self,
                                const char       *name,
                                gboolean          disabled,
                                GError          **error)
{
  return update_account (self, "UPDATE account SET disabled = ? WHERE name = ?",
                         NULL, disabled ? 1 : 0, name, error);
}

gboolean
zx_server_storage_set_password (ZxServerStorage  *self,
                                const char       *name,
                                const char       *password_hash,
                                GError          **error)
{
  return update_account (self, "UPDATE account SET password_hash = ? WHERE name = ?",
                         password_hash, 0, name, error);
}

/* Tokens -------------------------------------------------------------------- */

gboolean
zx_server_storage_add_token (ZxServerStorage  *self,
                             const char       *token_hash,
                             gint64            account_id,
                             gint64            created_at,
                             gint64            expires_at,
                             GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "INSERT INTO token (hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, account_id);
  sqlite3_bind_int64 (stmt, 3, created_at);
  sqlite3_bind_int64 (stmt, 4, expires_at);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

ZxServerAccount *
zx_server_storage_lookup_token (ZxServerStorage  *self,
                                const char       *token_hash,
                                gint64            now,
                                GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  ZxServerAccount *account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT " ACCOUNT_COLUMNS " FROM token JOIN account ON account.id = token.account_id"
                  " WHERE token.hash = ? AND token.expires_at > ? AND account.disabled = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = read_account (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error);
  sqlite3_finalize (stmt);
  return account;
}

gboolean
zx_server_storage_delete_expired_tokens (ZxServerStorage  *self,
                                         gint64            now,
                                         GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "DELETE FROM token WHERE expires_at <= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

/* The hospital data ----------------------------------------------------------- */

/* Who may write rows of which entity (docs/sync-protocol.md, "Permissions").
 * "dept" roles may write only rows whose scope is their own department. */
typedef struct
{
  const char *entity;
  const char *roles;       /* space-separated: may write any row */
  const char *dept_roles;  /* space-separated: may write rows of their department */
} Permission;

static const Permission permissions[] = {
  { "hospital",         "admin leadership", "" },
  { "department",       "admin",            "" },
  { "staff",            "admin",            "" },
  { "plan",             "admin leadership", "" },
  { "pillar",           "admin leadership", "" },
  { "success_factor",   "admin leadership", "" },
  { "cycle",            "admin leadership", "" },
  { "battle",           "admin leadership", "head" },
  { "pledge",           "admin leadership", "head" },
  { "objective",        "admin leadership", "head staff" },
  { "key_result",       "admin leadership", "head staff" },
  { "check_in",         "admin leadership", "head staff" },
  { "meeting",          "admin leadership office", "head" },
  { "meeting_item",     "admin leadership office", "head" },
  { "decision",         "admin leadership office", "head" },
  { "board",            "admin office",     "" },
  { "board_column",     "admin office",     "" },
  { "card",             "admin office leadership head staff", "" },
  { "card_comment",     "admin office leadership head staff", "" },
  { "card_event",       "admin office leadership head staff", "" },
  { "indicator",        "admin hr",         "" },
  { "indicator_target", "admin hr leadership", "head" },
  { "indicator_value",  "admin hr leadership", "head" },
  { "eval_scheme",      "admin hr",         "" },
  { "eval_scheme_item", "admin hr",         "" },
  { "eval_audience",    "admin hr",         "" },
  { "evaluation",       "admin hr",         "" },
  { "course",           "admin hr",         "" },
  { "course_audience",  "admin hr",         "" },
  { "skill",            "admin hr",         "" },
  { "course_skill",     "admin hr",         "" },
  { "enrolment",        "admin hr",         "" },
  { "staff_skill",      "admin hr",         "" },
  { "skill_need",       "admin hr",         "" },
  { "mentorship",       "admin hr",         "" },
  { "fund_proposal",    "admin leadership", "head staff" },
  { "fund_budget_line", "admin leadership", "head staff" },
  { "fund_approval",    "admin leadership", "" },
};

static gboolean
word_in (const char *words,
         const char *word)
{
  g_auto(GStrv) parts = g_strsplit (words, " ", -1);

  return g_strv_contains ((const char * const *) parts, word);
}

gboolean
zx_server_may_write (const char *role,
                     const char *department_id,
                     const char *entity,
                     const char *scope)
{
  for (guint i = 0; i < G_N_ELEMENTS (permissions); i++)
    {
      if (!g_str_equal (permissions[i].entity, entity))
        continue;
      if (word_in (permissions[i].roles, role))
        return TRUE;
      return word_in (permissions[i].dept_roles, role) &&
             department_id != NULL && scope != NULL && g_str_equal (scope, department_id);
    }
  /* every other entity: admin and leadership */
  return g_str_equal (role, "admin") || g_str_equal (role, "leadership");
}

gboolean
zx_server_may_read (const char *role,
                    const char *department_id,
                    const char *entity,
                    const char *scope)
{
  /* evaluations are HR's: HR, admin, leadership, and the head of the
   * evaluated department */
  if (g_str_equal (entity, "evaluation"))
    return g_str_equal (role, "hr") || g_str_equal (role, "admin") ||
           g_str_equal (role, "leadership") ||
           (g_str_equal (role, "head") && department_id != NULL && g_strcmp0 (scope, department_id) == 0);
  return TRUE;
}

static gboolean
step_done (ZxServerStorage  *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

/* Appends a change-log entry for the row and stamps its version. */
static gboolean
log_row (ZxServerStorage  *self,
         const ZxEntity   *entity,
         const char       *id,
         gint64            account_id,
         gint64            now,
         GError          **error)
{
  g_autofree char *insert = g_strdup_printf (
    "INSERT INTO change_log (entity, row_id, scope, op, at, account_id)"
    " SELECT ?, id, scope, CASE WHEN deleted THEN 'delete' ELSE 'upsert' END, ?, ? FROM %s WHERE id = ?",
    entity->table);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET version = ? WHERE id = ?", entity->table);
  sqlite3_stmt *stmt;
  gint64 seq;

  stmt = prepare (self, insert, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  if (account_id > 0)
    sqlite3_bind_int64 (stmt, 3, account_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;
  seq = sqlite3_last_insert_rowid (self->db);

  stmt = prepare (self, update, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static gboolean
is_empty (ZxServerStorage *self)
{
  int count = 0;

  return zx_store_is_empty (self->store) &&
         read_pragma_int (self, "SELECT count(*) FROM change_log", &count) && count == 0;
}

gboolean
zx_server_storage_import (ZxServerStorage  *self,
                          const char       *path,
                          gint64           *out_rows,
                          GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GError) local_error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 rows = 0;

  if (!is_empty (self))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_EMPTY,
                   _("The server already holds hospital data; an export can only be imported into an empty server. Nothing was imported."));
      return FALSE;
    }

  if (!zx_store_begin (self->store, error))
    return FALSE;
  if (!zx_backup_import (self->store, path, 0, NULL, NULL, NULL, error))
    goto fail;

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY id", entity->table);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        goto fail;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (self, error);
          goto fail;
        }
      for (guint j = 0; j < ids->len; j++)
        if (!log_row (self, entity, ids->pdata[j], 0, now, error))
          goto fail;
      rows += ids->len;
    }

  if (!zx_store_commit (self->store, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = rows;
  return TRUE;

fail:
  zx_store_rollback (self->store);
  return FALSE;
}

static gint64
last_mutation_id (ZxServerStorage  *self,
                  const char       *client_id,
                  GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  if (client_id == NULL)
    return 0;
  stmt = prepare (self, "SELECT last_mutation_id FROM client_state WHERE client_id = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return -1;
    }
  return last;
}

static char *
row_scope (ZxServerStorage *self,
           const ZxEntity  *entity,
           const char      *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT scope FROM %s WHERE id = ?", entity->table);
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  char *scope = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return scope;
}

static void
set_permission_error (GError         **error,
                      const ZxEntity  *entity)
{
  g_set_error (error, ZX_ERROR, ZX_ERROR_PERMISSION,
               _("Your role may not change this %s. Ask someone who may, or the IT department."),
               g_dgettext (GETTEXT_PACKAGE, entity->label));
}

/* Inside the store's outer transaction: applies one mutation in a
 * savepoint.  FALSE with ZX_ERROR_DATABASE means the request must fail;
 * any other error is a refusal (nothing of the mutation remains). */
static gboolean
apply_one (ZxServerStorage       *self,
           const ZxServerAccount *account,
           const char            *name,
           JsonObject            *args,
           GError               **error)
{
  g_autofree char *entity_name = NULL;
  const ZxEntity *entity;
  const char *dot = strchr (name, '.');
  const char *id;
  GPtrArray *pending;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  entity_name = dot ? g_strndup (name, dot - name) : g_strdup (name);
  entity = zx_schema_lookup (entity_name);
  if (entity == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("“%s” is not a change this server knows."), name);
      return FALSE;
    }

  /* the row as it was */
  id = json_object_has_member (args, "id") &&
       JSON_NODE_HOLDS_VALUE (json_object_get_member (args, "id")) &&
       json_node_get_value_type (json_object_get_member (args, "id")) == G_TYPE_STRING
       ? json_object_get_string_member (args, "id") : NULL;
  if (id != NULL)
    {
      g_autofree char *scope = row_scope (self, entity, id);

      if (scope != NULL && !zx_server_may_write (account->role, account->department_id, entity->name, scope))
        {
          set_permission_error (error, entity);
          return FALSE;
        }
    }

  if (!zx_store_begin (self->store, error))
    return FALSE;
  if (!zx_store_mutate (self->store, name, args, error))
    {
      zx_store_rollback (self->store);
      return FALSE;
    }

  /* every row as it is now */
  pending = zx_store_pending_changes (self->store);
  for (guint i = 0; i < pending->len; i++)
    {
      const char *item = pending->pdata[i];
      const char *nl = strchr (item, '\n');
      g_autofree char *changed_name = g_strndup (item, nl - item);
      const ZxEntity *changed = zx_schema_lookup (changed_name);
      g_autofree char *scope = NULL;

      if (changed == NULL || !g_hash_table_add (seen, g_strdup (item)))
        continue;
      scope = row_scope (self, changed, nl + 1);
      if (!zx_server_may_write (account->role, account->department_id, changed->name, scope))
        {
          zx_store_rollback (self->store);
          set_permission_error (error, changed);
          return FALSE;
        }
      if (!log_row (self, changed, nl + 1, account->id, now, error))
        {
          zx_store_rollback (self->store);
          return FALSE;
        }
    }

  return zx_store_commit (self->store, error);
}

static gboolean
set_last_mutation_id (ZxServerStorage  *self,
                      const char       *client_id,
                      gint64            account_id,
                      gint64            last,
                      GError          **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT INTO client_state (client_id, account_id, last_mutation_id) VALUES (?, ?, ?)"
                                " ON CONFLICT (client_id) DO UPDATE SET account_id = excluded.account_id,"
                                " last_mutation_id = excluded.last_mutation_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, account_id);
  sqlite3_bind_int64 (stmt, 3, last);
  return step_done (self, stmt, error);
}

GString *
zx_server_storage_push (ZxServerStorage       *self,
                        const ZxServerAccount *account,
                        const char            *client_id,
                        JsonArray             *mutations,
                        gint64                *out_expected,
                        GError               **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GString) out = g_string_new ("{\"results\":[");
  gint64 last;
  guint n = json_array_get_length (mutations);

  *out_expected = 0;
  last = last_mutation_id (self, client_id, error);
  if (last < 0)
    return NULL;
  if (n > 0)
    {
      gint64 first = json_object_get_int_member (json_array_get_object_element (mutations, 0), "id");

      if (first > last + 1)
        {
          *out_expected = last + 1;
          return NULL;
        }
    }

  zx_store_set_actor (self->store, account->name);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *mutation = json_array_get_object_element (mutations, i);
      gint64 id = json_object_get_int_member (mutation, "id");
      const char *name = json_object_get_string_member (mutation, "name");
      JsonObject *args = json_object_get_object_member (mutation, "args");
      g_autoptr(GError) refusal = NULL;
      g_autoptr(GError) commit_error = NULL;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"status\":", id);
      if (id <= last)
        {
          g_string_append (out, "\"duplicate\"}");
          continue;
        }

      if (!zx_store_begin (self->store, error))
        return NULL;
      if (!apply_one (self, account, name, args, &refusal) &&
          g_error_matches (refusal, ZX_ERROR, ZX_ERROR_DATABASE))
        {
          zx_store_rollback (self->store);
          g_propagate_error (error, g_steal_pointer (&refusal));
          return NULL;
        }
      if (!set_last_mutation_id (self, client_id, account->id, id, error))
        {
          zx_store_rollback (self->store);
          return NULL;
        }
      if (!zx_store_commit (self->store, &commit_error))
        {
          /* the deferred references are checked only here: a refusal too */
          if (g_error_matches (commit_error, ZX_ERROR, ZX_ERROR_DATABASE) || refusal != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&commit_error));
              return NULL;
            }
          refusal = g_steal_pointer (&commit_error);
          if (!zx_store_begin (self->store, error))
            return NULL;
          if (!set_last_mutation_id (self, client_id, account->id, id, error))
            {
              zx_store_rollback (self->store);
              return NULL;
            }
          if (!zx_store_commit (self->store, error))
            return NULL;
        }
      last = id;

      if (refusal == NULL)
        g_string_append (out, "\"applied\"}");
      else
        {
          g_string_append (out, "\"refused\",\"reason\":");
          zx_wire_append_string (out, refusal->message);
          g_string_append_c (out, '}');
        }
    }

  g_string_append_printf (out, "],\"last_mutation_id\":%" G_GINT64_FORMAT "}", last);
  return g_steal_pointer (&out);
}

static gint64
max_seq (ZxServerStorage *self)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT coalesce(max(seq), 0) FROM change_log", NULL);
  gint64 seq = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return seq;
}

/* Appends the row as the export codec writes it; FALSE if it is gone. */
static gboolean
append_row (ZxServerStorage *self,
            GString         *out,
            const ZxEntity  *entity,
            const char      *id)
{
  g_autoptr(JsonObject) row = zx_store_get (self->store, entity->name, id, NULL);

  if (row == NULL)
    return FALSE;
  zx_wire_append_row (out, entity, row);
  return TRUE;
}

GString *
zx_server_storage_pull (ZxServerStorage       *self,
                        const ZxServerAccount *account,
                        const char            *client_id,
                        gint64                 cursor,
                        guint                  limit,
                        gboolean              *out_resync,
                        GError               **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GString) out = g_string_new ("{\"changes\":[");
  sqlite3_stmt *stmt;
  gint64 end, last, new_cursor = cursor;
  guint count = 0, written = 0;
  gboolean has_more = FALSE;
  int rc;

  *out_resync = FALSE;
  end = max_seq (self);
  if (end < 0)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  if (cursor < 0 || cursor > end)
    {
      *out_resync = TRUE;
      return NULL;
    }
  last = last_mutation_id (self, client_id, error);
  if (last < 0)
    return NULL;

  stmt = prepare (self,
                  "SELECT entity, row_id, scope, max(seq) AS m FROM change_log WHERE seq > ?"
                  " GROUP BY entity, row_id ORDER BY m LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cursor);
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const ZxEntity *entity = zx_schema_lookup ((const char *) sqlite3_column_text (stmt, 0));
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      const char *scope = (const char *) sqlite3_column_text (stmt, 2);

      if (count == limit)
        {
          has_more = TRUE;
          break;
        }
      count++;
      new_cursor = sqlite3_column_int64 (stmt, 3);
      if (entity == NULL ||
          !zx_server_may_read (account->role, account->department_id, entity->name, scope))
        continue;
      if (written > 0)
        g_string_append_c (out, ',');
      if (append_row (self, out, entity, id))
        written++;
      else if (written > 0)
        g_string_truncate (out, out->len - 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  g_string_append_printf (out, "],\"cursor\":%" G_GINT64_FORMAT ",\"has_more\":%s,\"last_mutation_id\":%" G_GINT64_FORMAT "}",
                          new_cursor, has_more ? "true" : "false", last);
  return g_steal_pointer (&out);
}

GString *
zx_server_storage_bootstrap (ZxServerStorage       *self,
                             const ZxServerAccount *account,
                             gint64                 page,
                             guint                  page_size,
                             GError               **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GString) out = g_string_new ("{\"rows\":[");
  gint64 skip = page * page_size, total = 0, cursor;
  guint taken = 0, written = 0;

  /* one read transaction: counts, rows and cursor agree */
  if (!exec (self, "BEGIN", error))
    return NULL;
  cursor = max_seq (self);

  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", entity->table);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = prepare (self, count_sql, error);
      gint64 n = 0;
      int rc;

      if (stmt == NULL)
        goto fail;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      total += n;
      if (taken == page_size || skip >= n)
        {
          skip = MAX (0, skip - n);
          continue;
        }

      sql = g_strdup_printf ("SELECT id, scope FROM %s ORDER BY id LIMIT ? OFFSET ?", entity->table);
      stmt = prepare (self, sql, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, page_size - taken);
      sqlite3_bind_int64 (stmt, 2, skip);
      skip = 0;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, 0);
          const char *scope = (const char *) sqlite3_column_text (stmt, 1);

          taken++;
          if (!zx_server_may_read (account->role, account->department_id, entity->name, scope))
            continue;
          if (written > 0)
            g_string_append_c (out, ',');
          if (append_row (self, out, entity, id))
            written++;
          else if (written > 0)
            g_string_truncate (out, out->len - 1);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (self, error);
          goto fail;
        }
    }

  exec (self, "COMMIT", NULL);
  g_string_append_printf (out, "],\"page\":%" G_GINT64_FORMAT ",\"total\":%" G_GINT64_FORMAT
                          ",\"has_more\":%s,\"cursor\":%" G_GINT64_FORMAT "}",
                          page, total, (page + 1) * page_size < total ? "true" : "false", cursor);
  return g_steal_pointer (&out);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}
