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

#include "zx-error.h"
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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZX_SERVER_SCHEMA_VERSION);

static const char * const roles[] = { "admin", "leadership", "office", "hr", "head", "staff", NULL };

struct _ZxServerStorage
{
  GMutex    lock;   /* one statement or transaction at a time */
  sqlite3  *db;
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
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *backup = g_strdup_printf ("%s.v%d-backup-%s", self->path, from_version, stamp);
  sqlite3_stmt *stmt;
  int rc;

  if (g_file_test (backup, G_FILE_TEST_EXISTS))
    g_unlink (backup);

  stmt = prepare (self, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, backup, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_DATABASE,
                   _("Before updating the server database, a copy of it is made, but the copy “%s” could not be written (%s). Nothing was changed."),
                   backup, sqlite3_errmsg (self->db));
      return FALSE;
    }

  self->backup_path = g_steal_pointer (&backup);
  g_message ("Copied %s to %s before migrating from schema %d", self->path, self->backup_path, from_version);
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
      !exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  self->schema_version = version;

  if (version > 0 && version < ZX_SERVER_SCHEMA_VERSION &&
      !backup_before_migration (self, version, error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
zx_server_storage_free (ZxServerStorage *self)
{
  if (self == NULL)
    return;
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
