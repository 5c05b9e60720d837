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
#include "zx-fund.h"
#include "zx-kanban.h"
#include "zx-record.h"
#include "zx-roles.h"
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
  /* 3: accounts linked to staff rows; per-field change records and the
   * conflicts of pushed changes; the tombstone purge horizon */
  "ALTER TABLE account ADD COLUMN staff_id TEXT;"
  "CREATE TABLE field_change ("
  "  entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  client_id TEXT NOT NULL,"
  "  account_id INTEGER REFERENCES account (id)"
  ");"
  "CREATE INDEX field_change_row ON field_change (entity, row_id, field, seq);"
  "CREATE INDEX field_change_seq ON field_change (seq);"
  "CREATE TABLE conflict ("
  "  client_id TEXT NOT NULL,"
  "  mutation_id INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  yours TEXT NOT NULL,"
  "  theirs TEXT NOT NULL,"
  "  theirs_by TEXT,"
  "  theirs_at TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (client_id, mutation_id, position)"
  ");"
  "CREATE TABLE server_state ("
  "  key TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZX_SERVER_SCHEMA_VERSION);

static gint64   state_get (ZxServerStorage *self, const char *key, gint64 fallback);
static gboolean state_set (ZxServerStorage *self, const char *key, gint64 value, GError **error);
static gboolean step_done (ZxServerStorage *self, sqlite3_stmt *stmt, GError **error);
static gboolean log_row   (ZxServerStorage *self, const ZxEntity *entity, const char *id,
                           gint64 account_id, gint64 now, gint64 *out_seq, GError **error);

struct _ZxServerStorage
{
  GMutex    lock;   /* one statement or transaction at a time */
  sqlite3  *db;
  ZxStore  *store;  /* the hospital data, on db; used only under lock */
  char     *path;
  char     *backup_path;
  int       schema_version;
  GPtrArray *moves; /* log lines about accounts that followed their staff
                     * row, said once the transaction is on disk */
  GHashTable *statements;  /* SQL → its prepared statement, kept between uses */
  GHashTable *lent;        /* the kept statements in use now */
};

const char * const *
zx_server_roles (void)
{
  return zx_roles_all ();
}

gboolean
zx_server_role_is_valid (const char *role)
{
  return zx_roles_is_valid (role);
}

void
zx_server_account_free (ZxServerAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->name);
  g_free (account->role);
  g_free (account->department_id);
  g_free (account->staff_id);
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

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A prepared statement for @sql, given back with release ().  Statements
 * are kept between uses: a push of 100 changes used to spend a third of its
 * time parsing the same SQL again.  One already in use (a nested use of the
 * same SQL) is prepared anew and finalized on release. */
static sqlite3_stmt *
prepare (ZxServerStorage  *self,
         const char       *sql,
         GError          **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  gboolean keep = stmt == NULL;

  if (stmt != NULL && !g_hash_table_contains (self->lent, stmt))
    {
      g_hash_table_add (self->lent, stmt);
      return stmt;
    }
  stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  if (keep)
    {
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
      g_hash_table_add (self->lent, stmt);
    }
  return stmt;
}

static void
release (ZxServerStorage *self,
         sqlite3_stmt    *stmt)
{
  if (stmt == NULL)
    return;
  if (g_hash_table_remove (self->lent, stmt))
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else
    sqlite3_finalize (stmt);
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
  release (self, stmt);
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
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->lent = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->moves = g_ptr_array_new_with_free_func (g_free);

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

  /* 64 MB of cache: with SQLite's default 2 MB, every push read the pages
   * of a large hospital's indexes back from the OS again and again */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "PRAGMA cache_size = -65536", error))
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
  g_clear_pointer (&self->lent, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->backup_path);
  g_clear_pointer (&self->moves, g_ptr_array_unref);
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
                        "account.password_hash, account.disabled, account.created_at, account.staff_id"

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
  account->staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  return account;
}

gboolean
zx_server_storage_add_account (ZxServerStorage  *self,
                               const char       *name,
                               const char       *role,
                               const char       *department_id,
                               const char       *staff_id,
                               const char       *password_hash,
                               GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "INSERT INTO account (name, role, department_id, staff_id, password_hash, disabled, created_at)"
                  " VALUES (?, ?, ?, ?, ?, 0, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, department_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  release (self, stmt);

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
  release (self, stmt);
  return account;
}

/* The account @id as it is now, with the lock held; NULL and no @error
 * when there is none */
static ZxServerAccount *
find_account_by_id (ZxServerStorage  *self,
                    gint64            id,
                    GError          **error)
{
  ZxServerAccount *account = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = read_account (stmt);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (self, error);
  release (self, stmt);
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
  release (self, stmt);
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
  release (self, stmt);
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
  release (self, stmt);
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

/* One text column of the first row @sql (one parameter, @value) selects,
 * or NULL. */
static char *
select_text (ZxServerStorage *self,
             const char      *sql,
             const char      *value)
{
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  release (self, stmt);
  return text;
}

gboolean
zx_server_storage_resolve_links (ZxServerStorage  *self,
                                 const char       *department,
                                 const char       *staff,
                                 char            **out_department_id,
                                 char            **out_staff_id,
                                 GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *department_id = NULL;
  g_autofree char *staff_id = NULL;
  g_autofree char *staff_department = NULL;
  int departments = 0, people = 0;

  if (!read_pragma_int (self, "SELECT count(*) FROM department", &departments) ||
      !read_pragma_int (self, "SELECT count(*) FROM staff", &people))
    return set_sqlite_error (self, error);

  if (department != NULL)
    {
      if (departments == 0)
        department_id = g_strdup (department);
      else
        {
          department_id = select_text (self,
                                       "SELECT id FROM department WHERE deleted = 0 AND (id = ?1 OR name = ?1 OR code = ?1)"
                                       " ORDER BY id = ?1 DESC, name = ?1 DESC LIMIT 1", department);
          if (department_id == NULL)
            {
              g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                           _("There is no department “%s” in the hospital’s data: give its ID, name or code."),
                           department);
              return FALSE;
            }
        }
    }

  if (staff != NULL)
    {
      if (people == 0)
        staff_id = g_strdup (staff);
      else
        {
          staff_id = select_text (self,
                                  "SELECT id FROM staff WHERE deleted = 0 AND (id = ?1 OR employee_no = ?1)"
                                  " ORDER BY id = ?1 DESC LIMIT 1", staff);
          if (staff_id == NULL)
            {
              g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                           _("There is no staff member “%s” in the hospital’s data: give their ID or employee number."),
                           staff);
              return FALSE;
            }
          staff_department = select_text (self, "SELECT department_id FROM staff WHERE id = ?", staff_id);
          if (department_id != NULL && g_strcmp0 (staff_department, department_id) != 0)
            {
              g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("The staff member “%s” works in another department than the one given with --department."),
                           staff);
              return FALSE;
            }
          if (department_id == NULL)
            department_id = g_steal_pointer (&staff_department);
        }
    }

  *out_department_id = g_steal_pointer (&department_id);
  *out_staff_id = g_steal_pointer (&staff_id);
  return TRUE;
}

/* Whether the account ever had a session (so clients may hold cursors) */
static gboolean
has_signed_in (ZxServerStorage *self,
               const char      *name)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT 1 FROM token t JOIN account a ON a.id = t.account_id WHERE a.name = ? LIMIT 1",
                                NULL);
  gboolean found;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  release (self, stmt);
  return found;
}

/* What the moves array says happened, once it is on disk (@committed), or
 * nothing when it was undone */
static void
moves_flush (ZxServerStorage *self,
             gboolean         committed)
{
  if (committed)
    for (guint i = 0; i < self->moves->len; i++)
      g_message ("%s", (const char *) self->moves->pdata[i]);
  g_ptr_array_set_size (self->moves, 0);
}

/* A linked account's department is its person's.  After the staff row
 * @staff_id was written (by a push or an import), every account linked to
 * it whose department is not the row's follows it, in the caller's
 * transaction; one that has signed in before gets its pulls from before
 * this change answered 410, as after `user link` (the row's version is the
 * seq of its change-log entry, written just before).  A deleted row moves
 * nobody: the account keeps its link and its department, and the IT
 * department is told (it may disable or link the account again). */
static gboolean
follow_staff (ZxServerStorage  *self,
              const char       *staff_id,
              GError          **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) olds = g_ptr_array_new_with_free_func (g_free);   /* their departments */
  g_autofree char *department_id = NULL;
  g_autofree char *department_name = NULL;
  g_autofree char *person = NULL;
  gboolean deleted = FALSE;
  gint64 version = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self,
                  "SELECT a.name, a.department_id, s.department_id, s.deleted, s.version, s.name"
                  " FROM account a JOIN staff s ON s.id = a.staff_id"
                  " WHERE a.staff_id = ? ORDER BY a.name", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *old = (const char *) sqlite3_column_text (stmt, 1);

      if (person == NULL)
        {
          department_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          deleted = sqlite3_column_int (stmt, 3) != 0;
          version = sqlite3_column_int64 (stmt, 4);
          person = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
        }
      if (!deleted && g_strcmp0 (old, department_id) == 0)
        continue;   /* already there */
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (olds, g_strdup (old ? old : "(none)"));
    }
  release (self, stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  if (names->len > 0 && !deleted)
    department_name = select_text (self, "SELECT name FROM department WHERE id = ?", department_id);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      if (deleted)
        {
          g_ptr_array_add (self->moves,
                           g_strdup_printf ("account %s stays in department %s and linked to staff %s (%s),"
                                            " whose row was deleted", name, (const char *) olds->pdata[i],
                                            person, staff_id));
          continue;
        }

      stmt = prepare (self, "UPDATE account SET department_id = ? WHERE name = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, department_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
      if (version > 0 && has_signed_in (self, name))
        {
          g_autofree char *key = g_strdup_printf ("scopes_changed:%s", name);

          if (!state_set (self, key, version, error))
            return FALSE;
        }
      g_ptr_array_add (self->moves,
                       g_strdup_printf ("account %s follows staff %s (%s) from department %s to department %s (%s)",
                                        name, person, staff_id, (const char *) olds->pdata[i],
                                        department_name ? department_name : "?", department_id));
    }
  return TRUE;
}

gboolean
zx_server_storage_link_staff (ZxServerStorage  *self,
                              const char       *name,
                              const char       *staff_id,
                              const char       *department_id,
                              GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(JsonObject) staff_row = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* the link and what it means for the account's pulls, together */
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = prepare (self,
                  "UPDATE account SET staff_id = ?, department_id = coalesce (?, department_id) WHERE name = ?",
                  error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, department_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  release (self, stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("There is no account named “%s”."), name);
      goto fail;
    }

  /* What the account may read may have changed (evaluations follow the
   * department): its pulls from before now must start again (an account
   * that never signed in has none).  The staff row is logged anew, so that
   * "now" is a change-log position of its own, and the account remembers
   * it. */
  if (staff_id != NULL && (staff_row = zx_store_get (self->store, "staff", staff_id, NULL)) != NULL &&
      has_signed_in (self, name))
    {
      g_autofree char *key = g_strdup_printf ("scopes_changed:%s", name);
      const ZxEntity *staff = zx_schema_lookup ("staff");
      gint64 seq = 0;

      if (!log_row (self, staff, staff_id, 0, g_get_real_time () / G_USEC_PER_SEC, &seq, error) ||
          !state_set (self, key, seq, error))
        goto fail;
    }
  if (!exec (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
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
  release (self, stmt);
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
  release (self, stmt);
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
  release (self, stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

/* The hospital data ----------------------------------------------------------- *
 *
 * Who may write and read what is core's (zx-roles.h, zx_kanban_may ()), so
 * that the desktop mirrors exactly what the server enforces. */

static gboolean
step_done (ZxServerStorage  *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  release (self, stmt);
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
         gint64           *out_seq,
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
  if (out_seq != NULL)
    *out_seq = seq;

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
      release (self, stmt);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (self, error);
          goto fail;
        }
      for (guint j = 0; j < ids->len; j++)
        if (!log_row (self, entity, ids->pdata[j], 0, now, NULL, error))
          goto fail;
      rows += ids->len;
    }

  /* accounts linked before the data came take their person's department */
  {
    g_autoptr(GPtrArray) linked = g_ptr_array_new_with_free_func (g_free);
    sqlite3_stmt *stmt = prepare (self, "SELECT DISTINCT staff_id FROM account WHERE staff_id IS NOT NULL", error);
    int rc;

    if (stmt == NULL)
      goto fail;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (linked, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    release (self, stmt);
    if (rc != SQLITE_DONE)
      {
        set_sqlite_error (self, error);
        goto fail;
      }
    for (guint i = 0; i < linked->len; i++)
      if (!follow_staff (self, linked->pdata[i], error))
        goto fail;
  }

  if (!zx_store_commit (self->store, error))
    {
      moves_flush (self, FALSE);
      return FALSE;
    }
  moves_flush (self, TRUE);
  if (out_rows != NULL)
    *out_rows = rows;
  return TRUE;

fail:
  zx_store_rollback (self->store);
  moves_flush (self, FALSE);
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
  release (self, stmt);
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
  release (self, stmt);
  return scope;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, ZX_ERROR, ZX_ERROR_PERMISSION, message);
  return FALSE;
}

/* May the account write the row @id of @entity as it is now (nothing to
 * check when there is no such row)? */
static gboolean
check_write (ZxServerStorage       *self,
             const ZxServerAccount *account,
             const ZxEntity        *entity,
             const char            *id,
             GError               **error)
{
  g_autofree char *scope = row_scope (self, entity, id);
  g_autofree char *owner = NULL;
  g_autofree char *refusal = NULL;

  if (scope == NULL)
    return TRUE;
  if (g_str_equal (entity->name, "skill_need"))
    {
      /* decided by the battle or key result it belongs to */
      g_autoptr(JsonObject) row = zx_store_get (self->store, entity->name, id, NULL);

      refusal = zx_roles_skill_need_refusal (self->store, account->role, account->department_id, account->staff_id,
                                             row ? json_object_get_string_member_with_default (row, "battle_id", NULL) : NULL,
                                             row ? json_object_get_string_member_with_default (row, "key_result_id", NULL) : NULL);
      if (refusal != NULL)
        return refuse (error, refusal);
      return TRUE;
    }
  if ((g_str_equal (account->role, "staff") && zx_roles_entity_is_owned (entity->name)) ||
      g_str_equal (entity->name, "enrolment"))
    owner = zx_roles_row_owner (self->store, entity->name, id);
  refusal = zx_roles_write_refusal (account->role, account->department_id, account->staff_id,
                                    entity->name, scope, owner);
  if (refusal != NULL)
    return refuse (error, refusal);
  return TRUE;
}

static gboolean
is_card_entity (const ZxEntity *entity)
{
  return g_str_equal (entity->name, "card") || g_str_equal (entity->name, "card_comment") ||
         g_str_equal (entity->name, "card_event");
}

static gboolean
node_is_set (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return TRUE;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;
  return json_node_equal (a, b);
}

/* The collaboration board's rules (zx_kanban_may ()), decided for the
 * account's staff member: the office and admin may do everything; anyone
 * else must be linked to a staff member.  @before: the row before the
 * change (NULL: none). */
static gboolean
check_kanban (ZxServerStorage       *self,
              const ZxServerAccount *account,
              const ZxEntity        *entity,
              const char            *op,
              JsonObject            *args,
              JsonObject            *before,
              GError               **error)
{
  g_autoptr(ZxRecord) card = NULL;
  g_autoptr(GList) members = NULL;
  ZxKanbanAction actions[4];
  const char *department = NULL;
  guint n_actions = 0;
  gboolean allowed = TRUE;

  if (!is_card_entity (entity))
    return TRUE;
  if (g_str_equal (account->role, "admin") || g_str_equal (account->role, "office"))
    return TRUE;
  if (account->staff_id == NULL)
    return refuse (error, _("Your account is not linked to a staff member, so it may not change collaboration requests. Ask the IT department to link it."));
  /* zx_kanban_may () lets anyone who is not a live staff member do
   * everything (the desktop before sign-in): a link to a row that is gone,
   * or was never there, must not */
  {
    g_autofree char *live = select_text (self, "SELECT id FROM staff WHERE id = ? AND deleted = 0", account->staff_id);

    if (live == NULL)
      return refuse (error, _("The staff member your account is linked to is no longer in the hospital’s data. Ask the IT department to link your account again."));
  }

  if (g_str_equal (entity->name, "card_event") && !g_str_equal (op, "create"))
    return refuse (error, _("Only the hospital office may change or remove a request’s history."));
  if (!g_str_equal (entity->name, "card"))
    actions[n_actions++] = ZX_KANBAN_COMMENT;   /* comments and history entries: anyone */
  else if (g_str_equal (op, "create"))
    {
      JsonNode *from = json_object_get_member (args, "from_department_id");

      if (from != NULL && JSON_NODE_HOLDS_VALUE (from) && json_node_get_value_type (from) == G_TYPE_STRING)
        department = json_node_get_string (from);
      actions[n_actions++] = ZX_KANBAN_CREATE;
      if (node_is_set (json_object_get_member (args, "supervised")) ||
          node_is_set (json_object_get_member (args, "supervision_deadline")) ||
          node_is_set (json_object_get_member (args, "supervision_note")))
        actions[n_actions++] = ZX_KANBAN_SUPERVISE;
    }
  else if (before == NULL)
    return TRUE;   /* no such card: the mutator says so */
  else if (g_str_equal (op, "move"))
    actions[n_actions++] = ZX_KANBAN_MOVE;
  else if (g_str_equal (op, "update"))
    {
      gboolean supervise = FALSE, move = FALSE, edit = FALSE;

      members = json_object_get_members (args);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (g_str_equal (name, "id") ||
              nodes_equal (json_object_get_member (args, name), json_object_get_member (before, name)))
            continue;
          if (g_str_equal (name, "supervised") || g_str_equal (name, "supervision_deadline") ||
              g_str_equal (name, "supervision_note"))
            supervise = TRUE;
          else if (g_str_equal (name, "column_id"))
            move = TRUE;
          else if (!g_str_equal (name, "rank"))
            edit = TRUE;
          /* the rank alone: the re-spreading of a column that a move
           * makes when neighbours' keys leave no room; order only */
        }
      if (supervise)
        actions[n_actions++] = ZX_KANBAN_SUPERVISE;
      if (move)
        actions[n_actions++] = ZX_KANBAN_MOVE;
      if (edit)
        actions[n_actions++] = ZX_KANBAN_EDIT;
    }
  else
    actions[n_actions++] = ZX_KANBAN_EDIT;   /* delete, restore */

  if (n_actions == 0)
    return TRUE;
  if (g_str_equal (entity->name, "card") && before != NULL)
    card = zx_record_new (entity, before);

  /* zx_kanban_may () decides for the store's actor */
  zx_store_set_actor (self->store, account->staff_id);
  for (guint i = 0; i < n_actions && allowed; i++)
    if (!zx_kanban_may (self->store, actions[i], card, department))
      {
        allowed = FALSE;
        g_set_error_literal (error, ZX_ERROR, ZX_ERROR_PERMISSION, zx_roles_kanban_refusal (actions[i]));
      }
  zx_store_set_actor (self->store, account->name);
  return allowed;
}

/* The micro-innovation fund's steps (zx_fund_check_change ()), decided for
 * the account's staff member whatever its role: deciding a tier is a
 * person's act.  The audit trail is only added to. */
static gboolean
check_fund (ZxServerStorage       *self,
            const ZxServerAccount *account,
            const ZxEntity        *entity,
            const char            *op,
            JsonObject            *args,
            JsonObject            *before,
            GError               **error)
{
  if (g_str_equal (entity->name, "audit_entry"))
    {
      if (g_str_equal (op, "create") && before == NULL)
        return TRUE;
      return refuse (error, _("The audit trail is only added to: nobody may change or remove its entries."));
    }
  if (!g_str_has_prefix (entity->name, "fund_"))
    return TRUE;
  return zx_fund_check_change (self->store, entity->name, op, args, before, account->staff_id, error);
}

/* The JSON text of a field's value (null when absent) */
static char *
node_text (JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    g_string_append (out, "null");
  else
    zx_wire_append_node (out, node);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  char *field;
  char *yours;
  char *theirs;
  char *by;
  char *at;
} Conflict;

static void
conflict_free (gpointer data)
{
  Conflict *conflict = data;

  g_free (conflict->field);
  g_free (conflict->yours);
  g_free (conflict->theirs);
  g_free (conflict->by);
  g_free (conflict->at);
  g_free (conflict);
}

/* Was @field of the row changed by another client after @base?  Then
 * *@out_by and *@out_at say who and when (the latest such change). */
static gboolean
changed_elsewhere (ZxServerStorage  *self,
                   const ZxEntity   *entity,
                   const char       *id,
                   const char       *field,
                   gint64            base,
                   const char       *client_id,
                   char            **out_by,
                   char            **out_at,
                   GError          **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT a.name, c.at FROM field_change f"
                                " LEFT JOIN account a ON a.id = f.account_id"
                                " LEFT JOIN change_log c ON c.seq = f.seq"
                                " WHERE f.entity = ? AND f.row_id = ? AND f.field = ? AND f.seq > ? AND f.client_id <> ?"
                                " ORDER BY f.seq DESC LIMIT 1", error);
  int rc;

  *out_by = NULL;
  *out_at = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, base);
  sqlite3_bind_text (stmt, 5, client_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));

      *out_by = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_at = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
    }
  release (self, stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

/* The args of an update without the free-text fields that conflict (the
 * mutation wants another value than the row has, and another client
 * changed that field after @base); those go to @conflicts. */
static JsonObject *
without_conflicts (ZxServerStorage  *self,
                   const ZxEntity   *entity,
                   const char       *id,
                   JsonObject       *before,
                   JsonObject       *args,
                   gint64            base,
                   const char       *client_id,
                   GPtrArray        *conflicts,
                   GError          **error)
{
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (args);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const ZxField *field = zx_entity_lookup_field (entity, name);
      JsonNode *yours = json_object_get_member (args, name);
      JsonNode *theirs = json_object_get_member (before, name);
      g_autofree char *by = NULL;
      g_autofree char *at = NULL;
      g_autoptr(GError) local_error = NULL;

      if (field != NULL && (field->flags & ZX_FIELD_FLAG_FREE_TEXT) != 0 &&
          !nodes_equal (yours, theirs))
        {
          if (changed_elsewhere (self, entity, id, name, base, client_id, &by, &at, &local_error))
            {
              Conflict *conflict = g_new0 (Conflict, 1);

              conflict->field = g_strdup (name);
              conflict->yours = node_text (yours);
              conflict->theirs = node_text (theirs);
              conflict->by = g_steal_pointer (&by);
              conflict->at = g_steal_pointer (&at);
              g_ptr_array_add (conflicts, conflict);
              continue;
            }
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      json_object_set_member (kept, name, json_node_copy (yours));
    }
  return g_steal_pointer (&kept);
}

static gboolean
store_conflicts (ZxServerStorage  *self,
                 const char       *client_id,
                 gint64            mutation_id,
                 const ZxEntity   *entity,
                 const char       *id,
                 GPtrArray        *conflicts,
                 gint64            now,
                 GError          **error)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      Conflict *conflict = conflicts->pdata[i];
      sqlite3_stmt *stmt = prepare (self,
                                    "INSERT INTO conflict (client_id, mutation_id, position, entity, row_id, field,"
                                    " yours, theirs, theirs_by, theirs_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, mutation_id);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, entity->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, conflict->field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, conflict->yours, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, conflict->theirs, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, conflict->by, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, conflict->at, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 11, now);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Appends ,"conflicts":[…] when the mutation has any. */
static gboolean
append_conflicts (ZxServerStorage  *self,
                  GString          *out,
                  const char       *client_id,
                  gint64            mutation_id,
                  GError          **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT entity, row_id, field, yours, theirs, theirs_by, theirs_at FROM conflict"
                                " WHERE client_id = ? AND mutation_id = ? ORDER BY position", error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, mutation_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (out, n++ == 0 ? ",\"conflicts\":[" : ",");
      g_string_append (out, "{\"entity\":");
      zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append (out, ",\"id\":");
      zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append (out, ",\"field\":");
      zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, 2));
      /* values are stored as the JSON text the server wrote */
      g_string_append_printf (out, ",\"yours\":%s,\"theirs\":%s,\"by\":",
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4));
      if (sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        g_string_append (out, "null");
      else
        zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, 5));
      g_string_append (out, ",\"at\":");
      zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, 6));
      g_string_append_c (out, '}');
    }
  release (self, stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);
  if (n > 0)
    g_string_append_c (out, ']');
  return TRUE;
}

/* Records which fields of the row changed in the change @seq. */
static gboolean
record_field_changes (ZxServerStorage       *self,
                      const ZxEntity        *entity,
                      const char            *id,
                      JsonObject            *before,
                      gint64                 seq,
                      const char            *client_id,
                      const ZxServerAccount *account,
                      GError               **error)
{
  g_autoptr(JsonObject) after = zx_store_get (self->store, entity->name, id, NULL);

  if (after == NULL)
    return TRUE;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const char *name = entity->fields[i].name;
      sqlite3_stmt *stmt;

      if (nodes_equal (json_object_get_member (before, name), json_object_get_member (after, name)))
        continue;
      stmt = prepare (self,
                      "INSERT INTO field_change (entity, row_id, field, seq, client_id, account_id)"
                      " VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, seq);
      sqlite3_bind_text (stmt, 5, client_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, account->id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Inside the store's outer transaction: applies one mutation in a
 * savepoint.  FALSE with ZX_ERROR_DATABASE means the request must fail;
 * any other error is a refusal (nothing of the mutation remains). */
static gboolean
apply_one (ZxServerStorage       *self,
           const ZxServerAccount *account,
           const char            *client_id,
           gint64                 mutation_id,
           const char            *name,
           JsonObject            *args,
           gint64                 base_version,
           GError               **error)
{
  g_autofree char *entity_name = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) kept = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (conflict_free);
  const ZxEntity *entity;
  const char *dot = strchr (name, '.');
  const char *op = dot ? dot + 1 : "";
  const char *id;
  GPtrArray *pending;
  guint pending_before;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 target_seq = 0;
  guint moves_before = self->moves->len;

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
      before = zx_store_get (self->store, entity->name, id, NULL);
      if (!check_write (self, account, entity, id, error))
        return FALSE;
    }
  if (!check_kanban (self, account, entity, op, args, before, error) ||
      !check_fund (self, account, entity, op, args, before, error))
    return FALSE;

  if (!zx_store_begin (self->store, error))
    return FALSE;
  /* the request's earlier mutations share the transaction: only what this
   * one changes is logged for it */
  pending_before = zx_store_pending_changes (self->store)->len;

  /* free text changed on both sides: theirs stays, yours is reported */
  if (g_str_equal (op, "update") && base_version > 0 && before != NULL &&
      !json_object_get_boolean_member_with_default (before, "deleted", FALSE))
    {
      kept = without_conflicts (self, entity, id, before, args, base_version, client_id, conflicts, error);
      if (kept == NULL)
        goto fail;
      if (conflicts->len > 0 &&
          !store_conflicts (self, client_id, mutation_id, entity, id, conflicts, now, error))
        goto fail;
      if (conflicts->len > 0 && json_object_get_size (kept) <= 1)
        return zx_store_commit (self->store, error);   /* nothing else to change */
    }

  if (!zx_store_mutate (self->store, name, kept != NULL ? kept : args, error))
    goto fail;

  /* every row as it is now */
  pending = zx_store_pending_changes (self->store);
  for (guint i = pending_before; i < pending->len; i++)
    {
      const char *item = pending->pdata[i];
      const char *nl = strchr (item, '\n');
      g_autofree char *changed_name = g_strndup (item, nl - item);
      const ZxEntity *changed = zx_schema_lookup (changed_name);
      gint64 seq = 0;

      if (changed == NULL || !g_hash_table_add (seen, g_strdup (item)))
        continue;
      if (!check_write (self, account, changed, nl + 1, error) ||
          !log_row (self, changed, nl + 1, account->id, now, &seq, error))
        goto fail;
      /* a person moved: the accounts that are that person follow */
      if (g_str_equal (changed->name, "staff") && !follow_staff (self, nl + 1, error))
        goto fail;
      if (changed == entity && g_strcmp0 (nl + 1, id) == 0)
        target_seq = seq;
    }

  /* a head's assessment: the assessment and comment only */
  if (g_str_equal (entity->name, "evaluation") && id != NULL)
    {
      g_autoptr(JsonObject) after = zx_store_get (self->store, entity->name, id, NULL);
      g_autofree char *refusal = zx_roles_evaluation_refusal (self->store, account->role, account->department_id,
                                                              before, after);

      if (refusal != NULL)
        {
          refuse (error, refusal);
          goto fail;
        }
    }

  /* a learner's own enrolment: the learner's fields only */
  if (g_str_equal (entity->name, "enrolment") && id != NULL)
    {
      g_autoptr(JsonObject) after = zx_store_get (self->store, entity->name, id, NULL);
      g_autofree char *refusal = zx_roles_enrolment_refusal (account->role, account->department_id,
                                                             account->staff_id, before, after);

      if (refusal != NULL)
        {
          refuse (error, refusal);
          goto fail;
        }
    }

  if (before != NULL && target_seq > 0 &&
      !record_field_changes (self, entity, id, before, target_seq, client_id, account, error))
    goto fail;

  return zx_store_commit (self->store, error);

fail:
  zx_store_rollback (self->store);
  g_ptr_array_set_size (self->moves, moves_before);
  return FALSE;
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

/* Applies @mutations in order after @last, each in a transaction of its
 * own or, when the caller holds one open, in a savepoint of it: the
 * answer's text, or NULL with @error (nothing is acknowledged then). */
static GString *
push_apply (ZxServerStorage       *self,
            const ZxServerAccount *account,
            const char            *client_id,
            JsonArray             *mutations,
            gint64                 last,
            GError               **error)
{
  g_autoptr(GString) out = g_string_new ("{\"results\":[");
  guint n = json_array_get_length (mutations);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *mutation = json_array_get_object_element (mutations, i);
      gint64 id = json_object_get_int_member (mutation, "id");
      gint64 base_version = json_object_get_int_member (mutation, "base_version");
      const char *name = json_object_get_string_member (mutation, "name");
      JsonObject *args = json_object_get_object_member (mutation, "args");
      g_autoptr(GError) refusal = NULL;
      g_autoptr(GError) commit_error = NULL;
      guint moves_before;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"status\":", id);
      if (id <= last)
        {
          /* a lost answer must not lose its conflicts */
          g_string_append (out, "\"duplicate\"");
          if (!append_conflicts (self, out, client_id, id, error))
            return NULL;
          g_string_append_c (out, '}');
          continue;
        }

      moves_before = self->moves->len;
      if (!zx_store_begin (self->store, error))
        return NULL;
      if (!apply_one (self, account, client_id, id, name, args, base_version, &refusal) &&
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
          g_ptr_array_set_size (self->moves, moves_before);
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
        {
          g_string_append (out, "\"applied\"");
          if (!append_conflicts (self, out, client_id, id, error))
            return NULL;
          g_string_append_c (out, '}');
        }
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

/* One push, with the lock held; inside an open transaction (a batch) its
 * transaction becomes a savepoint of that one. */
static GString *
push_locked (ZxServerStorage       *self,
             const ZxServerAccount *account,
             const char            *client_id,
             JsonArray             *mutations,
             gint64                *out_expected,
             GError               **error)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) commit_error = NULL;
  g_autoptr(ZxServerAccount) current = NULL;
  gint64 last;
  guint n = json_array_get_length (mutations);
  guint moves_before = self->moves->len;

  *out_expected = 0;

  /* The account as it is now: an earlier push of the same batch may have
   * moved it to another department (its staff row moved). */
  current = find_account_by_id (self, account->id, error);
  if (current == NULL && error != NULL && *error != NULL)
    return NULL;
  if (current != NULL)
    account = current;

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

  /* One transaction for the whole request, each mutation in a savepoint:
   * one write to disk instead of one per mutation, and the answer still
   * comes only after the commit.  The mutators check references
   * themselves; should the deferred check at commit find one they missed,
   * everything is undone and the request applied again one transaction per
   * mutation, which tells which mutation it was. */
  if (!zx_store_begin (self->store, error))
    return NULL;
  out = push_apply (self, account, client_id, mutations, last, error);
  if (out == NULL)
    {
      zx_store_rollback (self->store);
      g_ptr_array_set_size (self->moves, moves_before);
      return NULL;
    }
  if (zx_store_commit (self->store, &commit_error))
    return g_steal_pointer (&out);
  g_ptr_array_set_size (self->moves, moves_before);
  if (g_error_matches (commit_error, ZX_ERROR, ZX_ERROR_DATABASE))
    {
      g_propagate_error (error, g_steal_pointer (&commit_error));
      return NULL;
    }
  g_debug ("push of %s: a reference failed at commit (%s); applying one by one", client_id, commit_error->message);
  g_string_free (g_steal_pointer (&out), TRUE);
  out = push_apply (self, account, client_id, mutations, last, error);
  if (out == NULL)
    g_ptr_array_set_size (self->moves, moves_before);
  return g_steal_pointer (&out);
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
  GString *out = push_locked (self, account, client_id, mutations, out_expected, error);

  moves_flush (self, out != NULL);
  return out;
}

void
zx_server_storage_push_many (ZxServerStorage *self,
                             ZxServerPush    *pushes,
                             guint            n)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GError) error = NULL;

  if (n == 0)
    return;

  /* one transaction, one write to disk, for all of them; each push is a
   * savepoint of it and answers only if it commits */
  if (zx_store_begin (self->store, &error))
    {
      for (guint i = 0; i < n; i++)
        pushes[i].reply = push_locked (self, pushes[i].account, pushes[i].client_id, pushes[i].mutations,
                                       &pushes[i].expected, &pushes[i].error);
      if (zx_store_commit (self->store, &error))
        {
          moves_flush (self, TRUE);
          return;
        }
    }
  moves_flush (self, FALSE);

  /* not one of them is on disk */
  for (guint i = 0; i < n; i++)
    {
      if (pushes[i].reply != NULL)
        g_string_free (g_steal_pointer (&pushes[i].reply), TRUE);
      g_clear_error (&pushes[i].error);
      pushes[i].expected = 0;
    }
  if (error != NULL && g_error_matches (error, ZX_ERROR, ZX_ERROR_DATABASE))
    {
      for (guint i = 0; i < n; i++)
        pushes[i].error = g_error_copy (error);
      return;
    }

  /* a reference failed at the commit: each on its own, which tells whose */
  for (guint i = 0; i < n; i++)
    {
      pushes[i].reply = push_locked (self, pushes[i].account, pushes[i].client_id, pushes[i].mutations,
                                     &pushes[i].expected, &pushes[i].error);
      moves_flush (self, pushes[i].reply != NULL);
    }
}

static gint64
max_seq (ZxServerStorage *self)
{
  /* the purge may have removed the newest entries: never below its horizon */
  sqlite3_stmt *stmt = prepare (self,
                                "SELECT max (coalesce ((SELECT max (seq) FROM change_log), 0),"
                                " coalesce ((SELECT value FROM server_state WHERE key = 'purge_horizon'), 0))", NULL);
  gint64 seq = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  release (self, stmt);
  return seq;
}

/* A value of server_state, @fallback when unset; -1 on error */
static gint64
state_get (ZxServerStorage *self,
           const char      *key,
           gint64           fallback)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT value FROM server_state WHERE key = ?", NULL);
  gint64 value = fallback;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    value = -1;
  release (self, stmt);
  return value;
}

static gboolean
state_set (ZxServerStorage  *self,
           const char       *key,
           gint64            value,
           GError          **error)
{
  sqlite3_stmt *stmt = prepare (self,
                                "INSERT INTO server_state (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  return step_done (self, stmt, error);
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
  gint64 end, last, horizon, new_cursor = cursor;
  guint count = 0, written = 0;
  gboolean has_more = FALSE;
  int rc;

  *out_resync = FALSE;
  end = max_seq (self);
  horizon = state_get (self, "purge_horizon", 0);
  if (end < 0 || horizon < 0)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  /* a cursor before the purge horizon may have missed deletes whose
   * tombstones are gone; one from before the account's scopes changed
   * missed rows it may read now */
  {
    g_autofree char *key = g_strdup_printf ("scopes_changed:%s", account->name);
    gint64 scopes_changed = state_get (self, key, 0);

    if (scopes_changed > horizon)
      horizon = scopes_changed;
  }
  if (cursor < 0 || cursor > end || cursor < horizon)
    {
      *out_resync = TRUE;
      return NULL;
    }
  last = last_mutation_id (self, client_id, error);
  if (last < 0)
    return NULL;

  /* NOT INDEXED: the rows after the cursor by their seq (the primary
   * key), grouped afterwards.  Left to itself SQLite walked the whole log
   * in (entity, row_id) order to group without sorting: 100 ms a pull on
   * a log of half a million entries, for a cursor a few changes behind. */
  stmt = prepare (self,
                  "SELECT entity, row_id, scope, max(seq) AS m FROM change_log NOT INDEXED WHERE seq > ?"
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
          !zx_roles_may_read (account->role, account->department_id, entity->name, scope))
        continue;
      if (written > 0)
        g_string_append_c (out, ',');
      if (append_row (self, out, entity, id))
        written++;
      else if (written > 0)
        g_string_truncate (out, out->len - 1);
    }
  release (self, stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  g_string_append_printf (out, "],\"cursor\":%" G_GINT64_FORMAT ",\"has_more\":%s,\"last_mutation_id\":%" G_GINT64_FORMAT "}",
                          new_cursor, has_more ? "true" : "false", last);
  return g_steal_pointer (&out);
}

/* Bootstrap ------------------------------------------------------------------- */

#define MAX_TOKEN_ID_BYTES 256

char *
zx_server_bootstrap_token_new (guint       entity_index,
                               const char *id)
{
  g_autofree char *plain = g_strdup_printf ("%u:%s", entity_index, id);
  char *token = g_base64_encode ((const guchar *) plain, strlen (plain));
  gsize length = strlen (token);

  /* base64url without padding */
  while (length > 0 && token[length - 1] == '=')
    token[--length] = '\0';
  for (char *p = token; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  return token;
}

gboolean
zx_server_bootstrap_token_parse (const char  *token,
                                 guint       *out_entity_index,
                                 char       **out_id)
{
  g_autofree char *padded = NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gsize length, plain_length = 0;
  const char *colon;
  guint64 index = 0;

  length = token ? strlen (token) : 0;
  if (length == 0 || length > 2 * MAX_TOKEN_ID_BYTES || length % 4 == 1)
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  padded = g_malloc (length + 4);
  for (gsize i = 0; i < length; i++)
    padded[i] = token[i] == '-' ? '+' : token[i] == '_' ? '/' : token[i];
  while (length % 4 != 0)
    padded[length++] = '=';
  padded[length] = '\0';
  plain = g_base64_decode (padded, &plain_length);
  if (plain == NULL || plain_length == 0 || memchr (plain, '\0', plain_length) != NULL)
    return FALSE;
  text = g_strndup ((const char *) plain, plain_length);
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  colon = strchr (text, ':');
  if (colon == NULL || colon == text || colon - text > 3 || colon[1] == '\0' ||
      strlen (colon + 1) > MAX_TOKEN_ID_BYTES)
    return FALSE;
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (text[0] == '0' && colon - text > 1)
    return FALSE;
  for (const char *p = colon + 1; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  index = g_ascii_strtoull (text, NULL, 10);
  if (index >= zx_schema_n_entities ())
    return FALSE;

  /* one spelling per position */
  again = zx_server_bootstrap_token_new ((guint) index, colon + 1);
  if (!g_str_equal (again, token))
    return FALSE;

  *out_entity_index = (guint) index;
  *out_id = g_strdup (colon + 1);
  return TRUE;
}

/* The envelope's columns, first in every bootstrap table; the entity's
 * fields follow them in schema order */
static const char * const envelope_columns[] = {
  "id", "version", "updated_at", "updated_by", "deleted", "scope",
};

/* Opens a bootstrap table: {"entity":…,"columns":[…],"rows":[ */
static void
append_table_start (GString        *out,
                    const ZxEntity *entity)
{
  g_string_append (out, "{\"entity\":");
  zx_wire_append_string (out, entity->name);
  g_string_append (out, ",\"columns\":[");
  for (guint i = 0; i < G_N_ELEMENTS (envelope_columns); i++)
    {
      if (i)
        g_string_append_c (out, ',');
      zx_wire_append_string (out, envelope_columns[i]);
    }
  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_string_append_c (out, ',');
      zx_wire_append_string (out, entity->fields[i].name);
    }
  g_string_append (out, "],\"rows\":[");
}

/* Appends the row @stmt is on (the columns of zx_store_select_columns ())
 * as one array in the order append_table_start () names the columns, each
 * value exactly as zx_wire_append_row () writes it, without building a
 * JsonObject: what a bootstrap of hundreds of thousands of rows costs. */
static void
append_row_from_statement (GString        *out,
                           const ZxEntity *entity,
                           sqlite3_stmt   *stmt)
{
  int col = 1 + entity->n_fields;

  g_string_append_c (out, '[');
  zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, 0));
  g_string_append_c (out, ',');
  zx_wire_append_int (out, sqlite3_column_int64 (stmt, col));
  g_string_append_c (out, ',');
  zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, col + 1));
  g_string_append_c (out, ',');
  zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, col + 2));
  g_string_append (out, sqlite3_column_int (stmt, col + 3) != 0 ? ",true," : ",false,");
  zx_wire_append_string (out, (const char *) sqlite3_column_text (stmt, col + 4));
  for (guint i = 0; i < entity->n_fields; i++)
    {
      ZxValue value;

      zx_store_column_value (stmt, 1 + (int) i, entity->fields[i].type, &value);
      g_string_append_c (out, ',');
      zx_wire_append_value (out, &value);
    }
  g_string_append_c (out, ']');
}

static gboolean
count_rows (ZxServerStorage  *self,
            gint64           *out_total,
            GError          **error)
{
  *out_total = 0;
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", zx_schema_entity_at (i)->table);
      sqlite3_stmt *stmt = prepare (self, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *out_total += sqlite3_column_int64 (stmt, 0);
      release (self, stmt);
      if (rc != SQLITE_ROW)
        return set_sqlite_error (self, error);
    }
  return TRUE;
}

GString *
zx_server_storage_bootstrap (ZxServerStorage       *self,
                             const ZxServerAccount *account,
                             const char            *after,
                             guint                  limit,
                             GError               **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GString) out = g_string_new ("{\"tables\":[");
  g_autofree char *after_id = NULL;
  g_autofree char *last_id = NULL;
  guint start = 0, last_index = 0;
  guint taken = 0, tables = 0;
  gboolean has_more = FALSE;
  gint64 total = 0, cursor;

  if (after != NULL && !zx_server_bootstrap_token_parse (after, &start, &after_id))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, "invalid token");
      return NULL;
    }

  /* one read transaction: the rows, the count and the cursor agree */
  if (!exec (self, "BEGIN", error))
    return NULL;
  cursor = max_seq (self);
  if (cursor < 0 || (after == NULL && !count_rows (self, &total, error)))
    {
      if (cursor < 0)
        set_sqlite_error (self, error);
      goto fail;
    }

  for (guint i = start; i < zx_schema_n_entities () && !has_more; i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *columns = zx_store_select_columns (entity);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id > ? ORDER BY id LIMIT ?",
                                              columns, entity->table);
      sqlite3_stmt *stmt = prepare (self, sql, error);
      guint written = 0;   /* rows of this entity on the page */
      int rc;

      if (stmt == NULL)
        goto fail;
      /* keys past the last row of the previous entity: everything */
      sqlite3_bind_text (stmt, 1, i == start && after_id != NULL ? after_id : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (gint64) (limit - taken) + 1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (taken == limit)
            {
              has_more = TRUE;
              break;
            }
          taken++;
          last_index = i;
          g_free (last_id);
          last_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          if (!zx_roles_may_read (account->role, account->department_id, entity->name,
                                  (const char *) sqlite3_column_text (stmt, entity->n_fields + 5)))
            continue;
          /* a table only for an entity with a row the account may read */
          if (written++ > 0)
            g_string_append_c (out, ',');
          else
            {
              if (tables++ > 0)
                g_string_append_c (out, ',');
              append_table_start (out, entity);
            }
          append_row_from_statement (out, entity, stmt);
        }
      release (self, stmt);
      if (written > 0)
        g_string_append (out, "]}");
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_sqlite_error (self, error);
          goto fail;
        }
      /* the page is full: is there anything after it in later entities? */
      if (taken == limit && !has_more)
        for (guint j = i + 1; j < zx_schema_n_entities () && !has_more; j++)
          {
            g_autofree char *probe = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", zx_schema_entity_at (j)->table);
            sqlite3_stmt *check = prepare (self, probe, error);

            if (check == NULL)
              goto fail;
            rc = sqlite3_step (check);
            release (self, check);
            if (rc == SQLITE_ROW)
              has_more = TRUE;
            else if (rc != SQLITE_DONE)
              {
                set_sqlite_error (self, error);
                goto fail;
              }
          }
      if (taken == limit)
        break;
    }

  exec (self, "COMMIT", NULL);
  g_string_append (out, "],\"next\":");
  if (has_more && last_id != NULL)
    {
      g_autofree char *next = zx_server_bootstrap_token_new (last_index, last_id);

      g_string_append_printf (out, "\"%s\"", next);
    }
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"has_more\":%s,\"cursor\":%" G_GINT64_FORMAT,
                          has_more ? "true" : "false", cursor);
  if (after == NULL)
    g_string_append_printf (out, ",\"total\":%" G_GINT64_FORMAT, total);
  g_string_append_c (out, '}');
  return g_steal_pointer (&out);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

/* Tombstones ------------------------------------------------------------------ */

gboolean
zx_server_storage_purge_tombstones (ZxServerStorage  *self,
                                    gint64            before,
                                    gint64           *out_rows,
                                    GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  gint64 rows = 0, horizon;
  sqlite3_stmt *stmt;
  int rc;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  horizon = state_get (self, "purge_horizon", 0);
  if (horizon < 0)
    {
      set_sqlite_error (self, error);
      goto fail;
    }

  /* the rows whose latest change is a delete older than @before */
  if (!exec (self,
             "CREATE TEMP TABLE IF NOT EXISTS purge_candidate (entity TEXT NOT NULL, row_id TEXT NOT NULL, seq INTEGER NOT NULL,"
             " PRIMARY KEY (entity, row_id));"
             "DELETE FROM purge_candidate;", error))
    goto fail;
  stmt = prepare (self,
                  "INSERT INTO purge_candidate (entity, row_id, seq)"
                  " SELECT entity, row_id, max(seq) FROM change_log GROUP BY entity, row_id"
                  " HAVING max(seq) = max(CASE WHEN op = 'delete' AND at <= ? THEN seq END)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, before);
  if (!step_done (self, stmt, error))
    goto fail;

  /* children before parents; a tombstone another row still refers to stays */
  for (guint i = zx_schema_n_entities (); i-- > 0;)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append_printf (sql,
                              "DELETE FROM %s AS t WHERE t.deleted = 1 AND t.id IN"
                              " (SELECT row_id FROM purge_candidate WHERE entity = '%s')",
                              entity->table, entity->name);
      for (guint j = 0; j < zx_schema_n_entities (); j++)
        {
          const ZxEntity *other = zx_schema_entity_at (j);

          for (guint k = 0; k < other->n_fields; k++)
            if (other->fields[k].type == ZX_FIELD_REF && g_strcmp0 (other->fields[k].ref, entity->name) == 0)
              g_string_append_printf (sql, " AND NOT EXISTS (SELECT 1 FROM %s r WHERE r.%s = t.id)",
                                      other->table, other->fields[k].name);
        }
      if (!exec (self, sql->str, error))
        goto fail;
      rows += sqlite3_changes (self->db);
    }

  /* the purged rows' log entries and field records; the horizon moves to
   * the newest purged delete */
  for (guint i = 0; i < zx_schema_n_entities (); i++)
    {
      const ZxEntity *entity = zx_schema_entity_at (i);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM purge_candidate WHERE entity = '%s'"
                                              " AND row_id IN (SELECT id FROM %s)", entity->name, entity->table);

      if (!exec (self, sql, error))
        goto fail;
    }
  stmt = prepare (self, "SELECT ifnull (max (seq), 0) FROM purge_candidate", error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    horizon = MAX (horizon, sqlite3_column_int64 (stmt, 0));
  release (self, stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      goto fail;
    }
  /* per-field records and conflicts as old as the purged tombstones: a
   * change based on a version that old conflicts with nothing older */
  stmt = prepare (self,
                  "DELETE FROM field_change WHERE seq IN (SELECT seq FROM change_log WHERE at <= ?1)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, before);
  if (!step_done (self, stmt, error))
    goto fail;
  stmt = prepare (self, "DELETE FROM conflict WHERE created_at <= ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, before);
  if (!step_done (self, stmt, error))
    goto fail;

  if (!exec (self,
             "DELETE FROM change_log WHERE (entity, row_id) IN (SELECT entity, row_id FROM purge_candidate);"
             "DELETE FROM field_change WHERE (entity, row_id) IN (SELECT entity, row_id FROM purge_candidate);"
             "DELETE FROM purge_candidate;", error) ||
      !state_set (self, "purge_horizon", horizon, error) ||
      !exec (self, "COMMIT", error))
    goto fail;

  if (out_rows != NULL)
    *out_rows = rows;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
