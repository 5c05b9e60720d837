/* zx-replica.h — what the local store keeps for sync
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop holds the rows the server confirmed with its pending changes
 * applied on top.  Before a row is first changed locally, its confirmed
 * state is kept in sync_base; rows that arrive from the server for such a
 * row only replace the kept copy; when a pull ends, the kept rows are put
 * back, the changes the server has seen are dropped from the queue, and
 * the others are applied again (a rebase), all in one transaction.
 *
 * The network side is src/sync/zx-sync-client.h.
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

/* A text field both you and someone else changed: the server kept theirs. */
typedef struct
{
  gint64  id;
  char   *entity;
  char   *row_id;
  char   *field;
  char   *yours;       /* what you wrote (JSON text of the value) */
  char   *theirs;      /* what the server kept */
  char   *theirs_by;   /* who wrote it */
  char   *theirs_at;   /* when (ISO 8601 UTC) */
  char   *created_at;  /* when the conflict reached this computer */
} ZxConflict;

void        zx_conflict_free               (ZxConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxConflict, zx_conflict_free)

/* A change of yours the server did not accept, with its reason. */
typedef struct
{
  gint64  id;
  char   *name;        /* the mutation, e.g. "objective.update" */
  char   *args;        /* its arguments, JSON text */
  char   *reason;      /* the server's sentence */
  char   *at;          /* when it was refused */
} ZxRefusal;

void        zx_refusal_free                (ZxRefusal *refusal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxRefusal, zx_refusal_free)

/* The server this database syncs with, or NULL if it never synced. */
char       *zx_replica_get_server          (ZxStore     *store);
gint64      zx_replica_get_cursor          (ZxStore     *store);

/* Unresolved conflicts, oldest first (ZxConflict, freed with the array). */
GPtrArray  *zx_replica_list_conflicts      (ZxStore     *store);
/* Keep mine: writes your value again as a normal change (queued, synced);
 * keep theirs: nothing changes.  Either way the conflict is closed. */
gboolean    zx_replica_resolve_conflict    (ZxStore     *store,
                                            gint64       id,
                                            gboolean     keep_mine,
                                            GError     **error);

/* Refusals not yet dismissed, oldest first (ZxRefusal). */
GPtrArray  *zx_replica_list_refusals       (ZxStore     *store);
gboolean    zx_replica_dismiss_refusal     (ZxStore     *store,
                                            gint64       id,
                                            GError     **error);

/* For the sync client (src/sync) --------------------------------------- */

typedef struct
{
  const ZxEntity *entity;
  JsonObject     *row;     /* flat, as zx_wire_parse_row() returns it: values checked */
} ZxReplicaRow;

/* Rows of one entity as a bootstrap page brings them, without a JSON tree:
 * @n_rows rows of entity->n_fields + 6 values each, in the order id, every
 * field (schema order), version, updated_at, updated_by, deleted, scope;
 * every value checked. */
typedef struct
{
  const ZxEntity *entity;
  guint           n_rows;
  const ZxValue  *values;
} ZxReplicaTable;

/* Bootstrap: in one transaction that spans the calls, every synced row is
 * removed, the server's rows are put in, and _finish() binds the database
 * to @server (its cursor), gives the device a new client id, numbers the
 * pending changes from 1 again (or drops them when @keep_queue is FALSE:
 * the first sync of a desktop that never synced) and applies them on top. */
gboolean    zx_replica_bootstrap_begin     (ZxStore       *store,
                                            GError       **error);
gboolean    zx_replica_bootstrap_table     (ZxStore               *store,
                                            const ZxReplicaTable  *table,
                                            GError               **error);
/* Every row of @entity is in (the pages come entity by entity): its
 * indexes are made again and references checked while later pages are on
 * their way.  Rows of it may still come; they only cost more. */
gboolean    zx_replica_bootstrap_entity_done (ZxStore         *store,
                                              const ZxEntity  *entity,
                                              GError         **error);
gboolean    zx_replica_bootstrap_finish    (ZxStore       *store,
                                            const char    *server,
                                            gint64         cursor,
                                            gboolean       keep_queue,
                                            GError       **error);
void        zx_replica_bootstrap_abort     (ZxStore       *store);

/* After a push: the server took every change up to @last_mutation_id;
 * @refusals and @conflicts (JsonObject each, as the push answer has them)
 * are recorded for the person.  One transaction. */
gboolean    zx_replica_acknowledge         (ZxStore       *store,
                                            gint64         last_mutation_id,
                                            GPtrArray     *refusals,
                                            GPtrArray     *conflicts,
                                            GError       **error);

/* One page of a pull, in one transaction: rows nobody changed here are
 * replaced; for rows with local changes only the kept copy is.  The
 * cursor moves to @cursor. */
gboolean    zx_replica_apply_page          (ZxStore       *store,
                                            ZxReplicaRow  *rows,
                                            guint          n_rows,
                                            gint64         cursor,
                                            GError       **error);
/* The end of a pull: drops the changes up to @last_mutation_id, puts the
 * kept rows back and applies the remaining changes again.  Returns the
 * number of rows it changed, or -1 with @error. */
gint64      zx_replica_rebase              (ZxStore       *store,
                                            gint64         last_mutation_id,
                                            GError       **error);

G_END_DECLS
