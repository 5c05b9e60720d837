/* zx-sync-client.h — the desktop's side of sync: sign in, push, pull, bootstrap
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is synchronous and blocks: call it from a worker thread
 * (the GUI uses a GTask; `zhixing --sync-now` and the tests call it
 * directly).  zx_sync_run() opens its own connection to the database file,
 * so the window's ZxStore stays on the main thread; afterwards the caller
 * tells its own store what changed (ZxSyncReport.changed / .reloaded).
 *
 * The protocol is docs/sync-protocol.md; the local bookkeeping (the
 * confirmed rows under pending changes, the cursor, conflicts and refusals)
 * is core's zx-replica.h.
 */
#pragma once

#include <gio/gio.h>

#include "zx-json-check.h"
#include "zx-replica.h"
#include "zx-store.h"

G_BEGIN_DECLS

#define ZX_SYNC_ERROR (zx_sync_error_quark ())

typedef enum
{
  ZX_SYNC_ERROR_OFFLINE,       /* the server could not be reached; try later */
  ZX_SYNC_ERROR_UNAUTHORIZED,  /* 401: sign in again; nothing is lost */
  ZX_SYNC_ERROR_SERVER,        /* the server refused or failed; message says why */
  ZX_SYNC_ERROR_PROTOCOL,      /* the answer was not what the protocol says */
  ZX_SYNC_ERROR_LOCAL,         /* the local database could not be read or written */
  ZX_SYNC_ERROR_INVALID,       /* bad server address, user name or password */
} ZxSyncError;

GQuark zx_sync_error_quark (void);

/* A signed-in account, from POST /api/v1/session */
typedef struct
{
  char *token;
  char *expires_at;     /* ISO 8601 UTC */
  char *role;           /* admin, leadership, office, hr, head, staff */
  char *department_id;  /* or NULL */
  char *staff_id;       /* the person the account is, or NULL */
} ZxSyncSession;

void           zx_sync_session_free (ZxSyncSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxSyncSession, zx_sync_session_free)

/* "https://host:8443" or "http://127.0.0.1:PORT"; no path, no query.
 * Returns the normalised base (no trailing slash), or NULL with
 * ZX_SYNC_ERROR_INVALID and a sentence a person can act on. */
char          *zx_sync_normalize_url (const char  *text,
                                      GError     **error);

ZxSyncSession *zx_sync_sign_in       (const char    *server_url,
                                      const char    *username,
                                      const char    *password,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* Called from the worker thread. */
typedef void (*ZxSyncProgressFunc) (double      fraction,  /* 0..1, or -1 when unknown */
                                    const char *what,      /* translated: "Sending 120 changes…" */
                                    gpointer    user_data);

typedef struct
{
  guint      pushed;        /* mutations the server took (applied or duplicate) */
  guint      refused;       /* of those, refused by the server (see zx_replica_list_refusals) */
  guint      conflicts;     /* new text conflicts for this person */
  guint      pulled;        /* rows received */
  gboolean   bootstrapped;  /* the whole database was replaced by the server's */
  gboolean   reloaded;      /* many rows changed: views should rebuild (emit ::reloaded) */
  GPtrArray *changed;       /* otherwise "entity\nid" of each changed row */
  gint64     pending;       /* changes still waiting after this sync */
  char      *backup_path;   /* the copy made before the first bootstrap replaced local data, or NULL */
} ZxSyncReport;

void           zx_sync_report_free  (ZxSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxSyncReport, zx_sync_report_free)

/* One full sync of the database at @db_path with the server: bootstrap when
 * the database was never synced with @server_url (or the server asks for
 * it), push every pending change in batches, then pull until up to date
 * and rebase what is still pending.  Every step is its own transaction, so
 * an interruption anywhere loses nothing and the next run resumes.  On a
 * 401 the queue is kept and the error is ZX_SYNC_ERROR_UNAUTHORIZED.
 * *@out_report is set on failure too: what was done before it. */
gboolean       zx_sync_run          (const char          *db_path,
                                     const char          *server_url,
                                     const char          *token,
                                     GCancellable        *cancellable,
                                     ZxSyncProgressFunc   progress,
                                     gpointer             user_data,
                                     ZxSyncReport       **out_report,
                                     GError             **error);

/* The wire side, for tests and fuzzing ------------------------------------ */

/* What any answer of the server may be: the strict pre-scan's limits */
extern const ZxJsonLimits zx_sync_answer_limits;

/* One page of GET /api/v1/pull, checked completely: strict JSON, the
 * envelope, every row's entity, fields and types. */
typedef struct
{
  GArray   *rows;               /* ZxReplicaRow; the rows are owned by the page */
  gint64    cursor;
  gboolean  has_more;
  gint64    last_mutation_id;
} ZxPullPage;

ZxPullPage    *zx_sync_decode_pull   (const char  *data,
                                      gsize        length,
                                      GError     **error);
void           zx_pull_page_free     (ZxPullPage  *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxPullPage, zx_pull_page_free)

/* One page of GET /api/v1/bootstrap (columns and arrays of values, see
 * docs/sync-protocol.md), checked as completely as a pull page, read
 * without a JSON tree (zx-bootstrap-page.c). */
typedef struct
{
  GArray   *tables;     /* ZxReplicaTable, in the page's order; values owned by the page */
  guint     n_rows;     /* over all tables */
  gint64    cursor;
  gboolean  has_more;
  char     *next;       /* the `after` of the next page, or NULL */
  gint64    total;      /* rows on the server (first page only), or -1 */
  /*< private >*/
  char     *buffer;     /* the page's text, its strings unescaped in place */
  GArray   *values;     /* ZxValue */
} ZxBootstrapPage;

ZxBootstrapPage *zx_sync_decode_bootstrap (const char  *data,
                                           gsize        length,
                                           GError     **error);
void           zx_bootstrap_page_free (ZxBootstrapPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxBootstrapPage, zx_bootstrap_page_free)

G_END_DECLS
