/* zx-okr-model.h — the OKR trees of a cycle as a GtkTreeListModel
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "zx-okr-item.h"
#include "zx-store.h"

G_BEGIN_DECLS

#define ZX_TYPE_OKR_MODEL (zx_okr_model_get_type ())

G_DECLARE_FINAL_TYPE (ZxOkrModel, zx_okr_model, ZX, OKR_MODEL, GObject)

/* What the tree shows at its roots.  With no criterion set, the trees as
 * aligned; with any, the objectives that match, each still with its key
 * results and what is aligned beneath it. */
typedef struct
{
  const char *department_id;   /* objectives of this department */
  const char *owner_id;        /* objectives owned by, or with a key result owned by, this person */
  int         health;          /* a ZxHealth, or -1 for any */
  gboolean    stale_only;      /* objectives with a stale key result */
  gboolean    orphans_only;    /* personal objectives aligned to nothing */
  const char *search;          /* words in the objective's or one of its key results' titles */
} ZxOkrFilter;

ZxOkrModel       *zx_okr_model_new          (ZxStore                *store,
                                             const ZxProgressParams *params);
ZxStore          *zx_okr_model_get_store    (ZxOkrModel             *self);
void              zx_okr_model_set_cycle    (ZxOkrModel             *self,
                                             const char             *cycle_id);
const char       *zx_okr_model_get_cycle    (ZxOkrModel             *self);
void              zx_okr_model_set_params   (ZxOkrModel             *self,
                                             const ZxProgressParams *params);
/* Applies @filter (copied); NULL shows everything */
void              zx_okr_model_set_filter   (ZxOkrModel             *self,
                                             const ZxOkrFilter      *filter);
gboolean          zx_okr_model_is_filtered  (ZxOkrModel             *self);

/* The rows: a GtkTreeListModel of GtkTreeListRow holding ZxOkrItem */
GtkTreeListModel *zx_okr_model_get_tree     (ZxOkrModel             *self);
/* The root items (ZxOkrItem) */
GListModel       *zx_okr_model_get_roots    (ZxOkrModel             *self);
/* The item of an objective or key result of the cycle, or NULL */
ZxOkrItem        *zx_okr_model_lookup       (ZxOkrModel             *self,
                                             const char             *id);
ZxOkrForest      *zx_okr_model_get_forest   (ZxOkrModel             *self);
ZxProgressIndex  *zx_okr_model_get_progress (ZxOkrModel             *self);

/* Reads the store again now (the model also does it at idle after the
 * store changes).  Only what changed is announced: items keep their
 * identity, lists get exact items-changed. */
void              zx_okr_model_reload       (ZxOkrModel             *self);
/* Only the numbers again (progress, health), e.g. when the day changes */
void              zx_okr_model_refresh_progress (ZxOkrModel         *self);

G_END_DECLS
