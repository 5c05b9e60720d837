/* zx-server-storage.h — what zhixing-server keeps: accounts and session tokens
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small interface so that the SQLite file used now can be replaced by
 * PostgreSQL later.  Every function may block (disk, locks): call them from
 * a worker thread or from the command line, never from the server's main
 * context.  One storage may be used from several threads at once.  Errors
 * are in the ZX_ERROR domain with a translated message.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The version of the server's own tables (PRAGMA user_version). */
#define ZX_SERVER_SCHEMA_VERSION 2

typedef struct _ZxServerStorage ZxServerStorage;

typedef struct
{
  gint64    id;
  char     *name;
  char     *role;            /* one of zx_server_roles () */
  char     *department_id;   /* NULL: no department */
  char     *password_hash;   /* crypto_pwhash_str () output (argon2id) */
  gboolean  disabled;
  gint64    created_at;      /* Unix time, seconds */
} ZxServerAccount;

void                 zx_server_account_free               (ZxServerAccount  *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxServerAccount, zx_server_account_free)

/* The roles an account may have, NULL-terminated: admin, leadership,
 * office, hr, head, staff. */
const char * const  *zx_server_roles                      (void);
gboolean             zx_server_role_is_valid              (const char       *role);

/* Opens (creating it if needed) and migrates the database at @path; a file
 * of an older schema is first copied next to itself with VACUUM INTO. */
ZxServerStorage     *zx_server_storage_open               (const char       *path,
                                                           GError          **error);
void                 zx_server_storage_free               (ZxServerStorage  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxServerStorage, zx_server_storage_free)

int                  zx_server_storage_get_schema_version (ZxServerStorage  *self);
/* The copy made before migrating, or NULL when none was needed. */
const char          *zx_server_storage_get_backup_path    (ZxServerStorage  *self);

/* Accounts.  Names are compared exactly (case-sensitive). */
gboolean             zx_server_storage_add_account        (ZxServerStorage  *self,
                                                           const char       *name,
                                                           const char       *role,
                                                           const char       *department_id,
                                                           const char       *password_hash,
                                                           GError          **error);
/* NULL without an error when there is no account of that name. */
ZxServerAccount     *zx_server_storage_find_account       (ZxServerStorage  *self,
                                                           const char       *name,
                                                           GError          **error);
/* Every account, ordered by name (element type ZxServerAccount). */
GPtrArray           *zx_server_storage_list_accounts      (ZxServerStorage  *self,
                                                           GError          **error);
/* Disabling an account also ends all its sessions. */
gboolean             zx_server_storage_set_disabled       (ZxServerStorage  *self,
                                                           const char       *name,
                                                           gboolean          disabled,
                                                           GError          **error);
/* Changing the password also ends all the account's sessions. */
gboolean             zx_server_storage_set_password       (ZxServerStorage  *self,
                                                           const char       *name,
                                                           const char       *password_hash,
                                                           GError          **error);

/* Session tokens, kept only as the hex SHA-256 of the token text. */
gboolean             zx_server_storage_add_token          (ZxServerStorage  *self,
                                                           const char       *token_hash,
                                                           gint64            account_id,
                                                           gint64            created_at,
                                                           gint64            expires_at,
                                                           GError          **error);
/* The enabled account the token belongs to, if the token expires after
 * @now; NULL without an error otherwise. */
ZxServerAccount     *zx_server_storage_lookup_token       (ZxServerStorage  *self,
                                                           const char       *token_hash,
                                                           gint64            now,
                                                           GError          **error);
/* Forgets the tokens that expired at or before @now. */
gboolean             zx_server_storage_delete_expired_tokens (ZxServerStorage *self,
                                                           gint64            now,
                                                           GError          **error);

/* The hospital data ------------------------------------------------------------
 *
 * Kept in the same file, in the desktop's tables (core's migrations, run by
 * zx_store_open_embedded ()), with a change log (change_log: seq, entity,
 * row_id, scope, op, at, account_id) and what each client has pushed
 * (client_state).  See docs/sync-protocol.md. */

/* May an account of @role in @department_id write (pull: read) a row of
 * @entity whose scope is @scope? */
gboolean             zx_server_may_write                  (const char       *role,
                                                           const char       *department_id,
                                                           const char       *entity,
                                                           const char       *scope);
gboolean             zx_server_may_read                   (const char       *role,
                                                           const char       *department_id,
                                                           const char       *entity,
                                                           const char       *scope);

/* Loads a desktop export (zx_backup_export ()) into a server without
 * hospital data, with a change-log entry per row, all or nothing. */
gboolean             zx_server_storage_import             (ZxServerStorage  *self,
                                                           const char       *path,
                                                           gint64           *out_rows,
                                                           GError          **error);
/* @mutations: objects {id, name, args, base_version} already checked for
 * shape, ids consecutive.  Returns the JSON answer; NULL without an error
 * and *@out_expected > 0 when the first id leaves a gap. */
GString             *zx_server_storage_push               (ZxServerStorage       *self,
                                                           const ZxServerAccount *account,
                                                           const char            *client_id,
                                                           JsonArray             *mutations,
                                                           gint64                *out_expected,
                                                           GError               **error);
/* NULL without an error and *@out_resync when @cursor is not in the log. */
GString             *zx_server_storage_pull               (ZxServerStorage       *self,
                                                           const ZxServerAccount *account,
                                                           const char            *client_id,
                                                           gint64                 cursor,
                                                           guint                  limit,
                                                           gboolean              *out_resync,
                                                           GError               **error);
GString             *zx_server_storage_bootstrap          (ZxServerStorage       *self,
                                                           const ZxServerAccount *account,
                                                           gint64                 page,
                                                           guint                  page_size,
                                                           GError               **error);

G_END_DECLS
