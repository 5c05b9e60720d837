/* zx-okr-forest.h — the OKR trees of one cycle, read at once
 *
 * The OKR area shows objectives and key results as trees: hospital
 * objectives at the roots, their key results under them, department
 * objectives under the hospital objective (or key result) they are aligned
 * to, and personal objectives under the department key result they serve.
 * A forest is a snapshot of those trees for one cycle, read with a handful
 * of queries so even the large hospital opens at once.
 *
 * Which objectives: those of the cycle, of its year when it is a quarter
 * (the hospital objectives are usually yearly), and of its quarters when it
 * is a year.
 *
 * Where an objective hangs: under its aligned key result when that is in
 * the forest, else under its aligned objective when that is, else at the
 * root.  Roots come hospital objectives first, then department ones, then
 * personal ones; children come key results first (by rank), then aligned
 * objectives (department before personal, then by rank).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zx-store.h"

G_BEGIN_DECLS

typedef enum
{
  ZX_OKR_NODE_OBJECTIVE,
  ZX_OKR_NODE_KEY_RESULT,
} ZxOkrNodeKind;

typedef enum
{
  ZX_OKR_LEVEL_HOSPITAL,
  ZX_OKR_LEVEL_DEPARTMENT,
  ZX_OKR_LEVEL_PERSONAL,
} ZxOkrLevel;

typedef struct
{
  ZxOkrNodeKind kind;
  const char   *id;
  const char   *title;
  const char   *owner_id;        /* or NULL */
  const char   *department_id;   /* a key result: its objective's; or NULL */
  const char   *cycle_id;        /* a key result: its objective's */
  ZxOkrLevel    level;           /* a key result: its objective's */
  gboolean      closed;          /* objectives: status closed */
  /* key results */
  const char   *kr_kind;         /* "numeric", "percentage", "milestone" */
  const char   *unit;
  double        start, target, current;
  gboolean      has_current;
  /* the tree */
  int           parent;          /* node index, -1 at the root */
  guint         n_children;
  const int    *children;        /* node indices, in order */
  gboolean      aligned;         /* objectives: has a parent objective or key result (in the forest or not) */
} ZxOkrNode;

typedef struct _ZxOkrForest ZxOkrForest;

ZxOkrForest      *zx_okr_forest_new          (ZxStore     *store,
                                              const char  *cycle_id,
                                              GError     **error);
ZxOkrForest      *zx_okr_forest_ref          (ZxOkrForest *self);
void              zx_okr_forest_unref        (ZxOkrForest *self);

const char       *zx_okr_forest_get_cycle_id (ZxOkrForest *self);
guint             zx_okr_forest_get_n_nodes  (ZxOkrForest *self);
const ZxOkrNode  *zx_okr_forest_get_node     (ZxOkrForest *self,
                                              guint        index);
/* The index of the node of objective or key result @id, or -1 */
int               zx_okr_forest_find         (ZxOkrForest *self,
                                              const char  *id);
/* The root nodes, in order */
const int        *zx_okr_forest_get_roots    (ZxOkrForest *self,
                                              guint       *n_roots);
/* The name of a staff member or department the nodes refer to, or NULL */
const char       *zx_okr_forest_get_name     (ZxOkrForest *self,
                                              const char  *id);
/* How many key results the forest holds */
guint             zx_okr_forest_get_n_key_results (ZxOkrForest *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxOkrForest, zx_okr_forest_unref)

G_END_DECLS
