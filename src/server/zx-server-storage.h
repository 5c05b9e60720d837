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
#define ZX_SERVER_SCHEMA_VERSION 3

typedef struct _ZxServerStorage ZxServerStorage;

typedef struct
{
  gint64    id;
  char     *name;
  char     *role;            /* one of zx_server_roles () */
  char     *department_id;   /* NULL: no department */
  char     *staff_id;        /* the staff row the account is, or NULL */
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
                                                           const char       *staff_id,
                                                           const char       *password_hash,
                                                           GError          **error);
/* What the administrator typed for an account's department (its id, name
 * or code) and staff member (id or employee number), as ids, checked
 * against the hospital's data when the server holds any (else as given).
 * A staff member gives the department when none is given; both given must
 * agree.  Either may be NULL. */
gboolean             zx_server_storage_resolve_links      (ZxServerStorage  *self,
                                                           const char       *department,
                                                           const char       *staff,
                                                           char            **out_department_id,
                                                           char            **out_staff_id,
                                                           GError          **error);
/* Links the account to a staff row (NULL: unlinks); @department_id, when
 * not NULL, becomes the account's department. */
gboolean             zx_server_storage_link_staff         (ZxServerStorage  *self,
                                                           const char       *name,
                                                           const char       *staff_id,
                                                           const char       *department_id,
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
 * row_id, scope, op, at, account_id), what each client has pushed
 * (client_state), which fields each pushed change changed (field_change),
 * the conflicts push answered (conflict) and the tombstone purge horizon
 * (server_state).  See docs/sync-protocol.md. */

/* Who may write and read what: core's zx-roles.h and zx_kanban_may (). */

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

/* Several pushes (of several clients) applied in one transaction, as
 * zx_server_storage_push() would one after the other: one write to disk
 * for all.  Each gets its answer in reply, or expected > 0 (a gap), or
 * error; none is answered unless all are on disk. */
typedef struct
{
  const ZxServerAccount *account;
  const char            *client_id;
  JsonArray             *mutations;
  GString               *reply;
  gint64                 expected;
  GError                *error;
} ZxServerPush;

void                 zx_server_storage_push_many          (ZxServerStorage       *self,
                                                           ZxServerPush          *pushes,
                                                           guint                  n);
/* NULL without an error and *@out_resync when @cursor is not in the log. */
GString             *zx_server_storage_pull               (ZxServerStorage       *self,
                                                           const ZxServerAccount *account,
                                                           const char            *client_id,
                                                           gint64                 cursor,
                                                           guint                  limit,
                                                           gboolean              *out_resync,
                                                           GError               **error);
/* One page of the full snapshot: up to @limit rows after the position
 * @after (a token from the previous page, NULL: from the start).  A
 * malformed @after is a ZX_ERROR_INVALID error (check it first with
 * zx_server_bootstrap_token_parse ()). */
GString             *zx_server_storage_bootstrap          (ZxServerStorage       *self,
                                                           const ZxServerAccount *account,
                                                           const char            *after,
                                                           guint                  limit,
                                                           GError               **error);
/* Bootstrap positions: unpadded base64url of "ENTITY-INDEX:ROW-ID".  Parse
 * is strict: FALSE for anything the server would not have written. */
char                *zx_server_bootstrap_token_new        (guint                  entity_index,
                                                           const char            *id);
gboolean             zx_server_bootstrap_token_parse      (const char            *token,
                                                           guint                 *out_entity_index,
                                                           char                 **out_id);

/* Removes the rows deleted (their latest change a delete) at or before
 * @before (Unix seconds) with their change-log entries, except tombstones other
 * rows still refer to, and moves the purge horizon: pulls from a cursor
 * before it are answered "resync required". */
gboolean             zx_server_storage_purge_tombstones   (ZxServerStorage       *self,
                                                           gint64                 before,
                                                           gint64                *out_rows,
                                                           GError               **error);

/* Tombstones are kept at least this long (DESIGN.md) */
#define ZX_SERVER_TOMBSTONE_DAYS 180

G_END_DECLS
