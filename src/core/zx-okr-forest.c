/* zx-okr-forest.c — the OKR trees of one cycle, read at once
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four queries: the cycles concerned, their objectives, those objectives'
 * key results, and the names of the staff and departments they refer to.
 * Strings live in one GStringChunk; nodes in one array; children in one
 * int array the nodes point into.
 */

#define G_LOG_DOMAIN "zx-okr-forest"

#include "config.h"

#include <string.h>

#include "zx-okr-forest.h"
#include "zx-store-private.h"

struct _ZxOkrForest
{
  gatomicrefcount ref_count;
  char           *cycle_id;
  GStringChunk   *strings;
  GArray         *nodes;      /* ZxOkrNode */
  GArray         *roots;      /* int */
  int            *child_data; /* all children lists, back to back */
  GHashTable     *by_id;      /* id → index + 1 */
  GHashTable     *names;      /* staff or department id → name */
  guint           n_key_results;
};

/* While loading: where each objective hangs, and sort keys */
typedef struct
{
  const char *parent_objective_id;
  const char *parent_key_result_id;
  const char *rank;
} Extra;

static const char *
intern (ZxOkrForest  *self,
        sqlite3_stmt *stmt,
        int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert (self->strings, text) : NULL;
}

static ZxOkrLevel
level_of (const char *level)
{
  if (g_strcmp0 (level, "hospital") == 0)
    return ZX_OKR_LEVEL_HOSPITAL;
  if (g_strcmp0 (level, "department") == 0)
    return ZX_OKR_LEVEL_DEPARTMENT;
  return ZX_OKR_LEVEL_PERSONAL;
}

static gboolean
step_failed (ZxStore       *store,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  zx_store_set_sqlite_error (store, error, "read the objectives and key results");
  return TRUE;
}

/* The cycles whose objectives the forest shows, as an SQL list of ids */
static gboolean
load_cycles (ZxOkrForest  *self,
             ZxStore      *store,
             GPtrArray    *cycles,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = zx_store_prepare (store,
                           "SELECT id FROM cycle WHERE deleted = 0 AND "
                           "(id = ?1 OR parent_id = ?1 OR id = (SELECT parent_id FROM cycle WHERE id = ?1))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->cycle_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cycles, (gpointer) intern (self, stmt, 0));
  return !step_failed (store, stmt, rc, error);
}

static int
compare_rank (const char *a,
              const char *b)
{
  /* rows without rank come last */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

typedef struct
{
  ZxOkrForest *self;
  GArray      *extra;
} SortData;

static int
compare_nodes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SortData *data = user_data;
  int ia = *(const int *) a, ib = *(const int *) b;
  const ZxOkrNode *na = &g_array_index (data->self->nodes, ZxOkrNode, ia);
  const ZxOkrNode *nb = &g_array_index (data->self->nodes, ZxOkrNode, ib);
  const Extra *ea = &g_array_index (data->extra, Extra, ia);
  const Extra *eb = &g_array_index (data->extra, Extra, ib);
  int c;

  if (na->kind != nb->kind)
    return na->kind == ZX_OKR_NODE_KEY_RESULT ? -1 : 1;
  if (na->level != nb->level)
    return (int) na->level - (int) nb->level;
  if ((c = compare_rank (ea->rank, eb->rank)) != 0)
    return c;
  if ((c = g_strcmp0 (na->title, nb->title)) != 0)
    return c;
  return strcmp (na->id, nb->id);
}

ZxOkrForest *
zx_okr_forest_new (ZxStore     *store,
                   const char  *cycle_id,
                   GError     **error)
{
  ZxOkrForest *self;
  g_autoptr(GPtrArray) cycles = g_ptr_array_new ();
  g_autoptr(GArray) extra = g_array_new (FALSE, TRUE, sizeof (Extra));
  g_autoptr(GArray) parents = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree guint *counts = NULL;
  g_autofree guint *fill = NULL;
  sqlite3_stmt *stmt;
  guint n_objectives, total;
  int rc;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (cycle_id != NULL, NULL);

  self = g_new0 (ZxOkrForest, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->cycle_id = g_strdup (cycle_id);
  self->strings = g_string_chunk_new (64 * 1024);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (ZxOkrNode));
  self->roots = g_array_new (FALSE, FALSE, sizeof (int));
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = g_hash_table_new (g_str_hash, g_str_equal);

  if (!load_cycles (self, store, cycles, error))
    goto fail;
  if (cycles->len == 0)
    return self;   /* an unknown or deleted cycle: nothing to show */

  /* The objectives of those cycles */
  g_string_append (sql,
                   "SELECT id, title, owner_id, department_id, cycle_id, level, status, "
                   "parent_objective_id, parent_key_result_id, rank "
                   "FROM objective WHERE deleted = 0 AND cycle_id IN (");
  for (guint i = 0; i < cycles->len; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");
  stmt = zx_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < cycles->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (cycles, i), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZxOkrNode node = { 0 };
      Extra e = { 0 };

      node.kind = ZX_OKR_NODE_OBJECTIVE;
      node.id = intern (self, stmt, 0);
      node.title = intern (self, stmt, 1);
      node.owner_id = intern (self, stmt, 2);
      node.department_id = intern (self, stmt, 3);
      node.cycle_id = intern (self, stmt, 4);
      node.level = level_of ((const char *) sqlite3_column_text (stmt, 5));
      node.closed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "closed") == 0;
      e.parent_objective_id = intern (self, stmt, 7);
      e.parent_key_result_id = intern (self, stmt, 8);
      e.rank = intern (self, stmt, 9);
      node.aligned = e.parent_objective_id != NULL || e.parent_key_result_id != NULL;
      node.parent = -1;
      g_array_append_val (self->nodes, node);
      g_array_append_val (extra, e);
      g_hash_table_insert (self->by_id, (gpointer) node.id, GINT_TO_POINTER (self->nodes->len));
    }
  if (step_failed (store, stmt, rc, error))
    goto fail;
  n_objectives = self->nodes->len;

  /* Their key results */
  g_string_truncate (sql, 0);
  g_string_append (sql,
                   "SELECT k.id, k.title, k.owner_id, k.objective_id, k.kind, k.unit, "
                   "k.start_value, k.target_value, k.current_value, k.rank "
                   "FROM key_result k JOIN objective o ON o.id = k.objective_id "
                   "WHERE k.deleted = 0 AND o.deleted = 0 AND o.cycle_id IN (");
  for (guint i = 0; i < cycles->len; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");
  stmt = zx_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < cycles->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (cycles, i), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZxOkrNode node = { 0 };
      Extra e = { 0 };
      int objective = GPOINTER_TO_INT (g_hash_table_lookup (self->by_id, sqlite3_column_text (stmt, 3))) - 1;
      const ZxOkrNode *o;

      if (objective < 0)
        continue;
      o = &g_array_index (self->nodes, ZxOkrNode, objective);
      node.kind = ZX_OKR_NODE_KEY_RESULT;
      node.id = intern (self, stmt, 0);
      node.title = intern (self, stmt, 1);
      node.owner_id = intern (self, stmt, 2);
      node.department_id = o->department_id;
      node.cycle_id = o->cycle_id;
      node.level = o->level;
      node.closed = o->closed;
      node.kr_kind = intern (self, stmt, 4);
      node.unit = intern (self, stmt, 5);
      node.start = sqlite3_column_double (stmt, 6);
      node.target = sqlite3_column_double (stmt, 7);
      node.has_current = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      node.current = sqlite3_column_double (stmt, 8);
      node.parent = objective;
      e.rank = intern (self, stmt, 9);
      g_array_append_val (self->nodes, node);
      g_array_append_val (extra, e);
      g_hash_table_insert (self->by_id, (gpointer) node.id, GINT_TO_POINTER (self->nodes->len));
      self->n_key_results++;
    }
  if (step_failed (store, stmt, rc, error))
    goto fail;

  /* Where each objective hangs */
  for (guint i = 0; i < n_objectives; i++)
    {
      ZxOkrNode *node = &g_array_index (self->nodes, ZxOkrNode, i);
      const Extra *e = &g_array_index (extra, Extra, i);
      int parent = -1;

      if (e->parent_key_result_id != NULL)
        parent = GPOINTER_TO_INT (g_hash_table_lookup (self->by_id, e->parent_key_result_id)) - 1;
      if (parent < 0 && e->parent_objective_id != NULL)
        parent = GPOINTER_TO_INT (g_hash_table_lookup (self->by_id, e->parent_objective_id)) - 1;
      /* never under itself (the validator refuses cycles; be safe anyway) */
      for (int up = parent, steps = 0; up >= 0 && steps < 10000; steps++)
        {
          if (up == (int) i)
            {
              parent = -1;
              break;
            }
          up = g_array_index (self->nodes, ZxOkrNode, up).parent;
        }
      node->parent = parent;
    }

  /* Children lists, back to back in one array */
  counts = g_new0 (guint, self->nodes->len + 1);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      int parent = g_array_index (self->nodes, ZxOkrNode, i).parent;

      counts[parent >= 0 ? (guint) parent : self->nodes->len]++;
    }
  total = 0;
  fill = g_new0 (guint, self->nodes->len + 1);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      fill[i] = total;
      total += counts[i];
    }
  self->child_data = g_new (int, MAX (total, 1));
  for (guint i = 0; i < self->nodes->len; i++)
    {
      ZxOkrNode *node = &g_array_index (self->nodes, ZxOkrNode, i);

      node->children = self->child_data + fill[i];
      node->n_children = counts[i];
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      int parent = g_array_index (self->nodes, ZxOkrNode, i).parent;

      if (parent >= 0)
        self->child_data[fill[parent]++] = (int) i;
      else
        g_array_append_val (self->roots, i);
    }
  {
    SortData data = { self, extra };

    for (guint i = 0; i < self->nodes->len; i++)
      {
        ZxOkrNode *node = &g_array_index (self->nodes, ZxOkrNode, i);

        if (node->n_children > 1)
          g_qsort_with_data ((gpointer) node->children, node->n_children, sizeof (int), compare_nodes, &data);
      }
    g_array_sort_with_data (self->roots, compare_nodes, &data);
  }

  /* The names of the staff and departments */
  stmt = zx_store_prepare (store,
                           "SELECT id, name FROM department WHERE deleted = 0 "
                           "UNION ALL SELECT id, name FROM staff WHERE deleted = 0", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (self->names, (gpointer) intern (self, stmt, 0), (gpointer) intern (self, stmt, 1));
  if (step_failed (store, stmt, rc, error))
    goto fail;

  return self;

fail:
  zx_okr_forest_unref (self);
  return NULL;
}

ZxOkrForest *
zx_okr_forest_ref (ZxOkrForest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
zx_okr_forest_unref (ZxOkrForest *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->cycle_id);
  g_string_chunk_free (self->strings);
  g_array_unref (self->nodes);
  g_array_unref (self->roots);
  g_free (self->child_data);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->names);
  g_free (self);
}

const char *
zx_okr_forest_get_cycle_id (ZxOkrForest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->cycle_id;
}

guint
zx_okr_forest_get_n_nodes (ZxOkrForest *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->nodes->len;
}

const ZxOkrNode *
zx_okr_forest_get_node (ZxOkrForest *self,
                        guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);
  return &g_array_index (self->nodes, ZxOkrNode, index);
}

int
zx_okr_forest_find (ZxOkrForest *self,
                    const char  *id)
{
  g_return_val_if_fail (self != NULL, -1);
  if (id == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->by_id, id)) - 1;
}

const int *
zx_okr_forest_get_roots (ZxOkrForest *self,
                         guint       *n_roots)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n_roots != NULL)
    *n_roots = self->roots->len;
  return (const int *) self->roots->data;
}

const char *
zx_okr_forest_get_name (ZxOkrForest *self,
                        const char  *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  return id != NULL ? g_hash_table_lookup (self->names, id) : NULL;
}

guint
zx_okr_forest_get_n_key_results (ZxOkrForest *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_key_results;
}
