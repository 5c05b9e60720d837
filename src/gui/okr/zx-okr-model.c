/* zx-okr-model.c — the OKR trees of a cycle as a GtkTreeListModel
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reload reads a new ZxOkrForest (the structure) and ZxProgressIndex (the
 * numbers), then reconciles: every item made so far is refreshed in place,
 * and every list shown (the roots, and the children of each expanded row)
 * is spliced only where its ids differ, so views get exact items-changed
 * and keep their expansion, selection and scroll position.
 */

#define G_LOG_DOMAIN "zx-okr-model"

#include "config.h"

#include <string.h>

#include "zx-okr-model.h"
#include "zx-store-private.h"

struct _ZxOkrModel
{
  GObject           parent_instance;

  ZxStore          *store;
  char             *cycle_id;
  ZxProgressParams  params;
  ZxOkrForest      *forest;
  ZxProgressIndex  *progress;
  GHashTable       *items;       /* id → ZxOkrItem (owned) */
  GHashTable       *childless;   /* ids the tree asked for children and got none */
  GListStore       *roots;
  GtkTreeListModel *tree;
  guint             reload_id;
  guint             progress_id;   /* the first numbers, at idle */

  /* the filter, owned copies */
  gboolean          filtered;
  char             *department_id;
  char             *owner_id;
  int               health;
  gboolean          stale_only;
  gboolean          orphans_only;
  char            **words;       /* casefolded */
};

G_DEFINE_FINAL_TYPE (ZxOkrModel, zx_okr_model, G_TYPE_OBJECT)

enum {
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Items -------------------------------------------------------------------------------- */

static ZxOkrItem *
item_for_node (ZxOkrModel *self,
               int         index)
{
  const ZxOkrNode *node = zx_okr_forest_get_node (self->forest, index);
  ZxOkrItem *item = g_hash_table_lookup (self->items, node->id);

  if (item == NULL)
    {
      item = zx_okr_item_new (node->id, node->kind);
      zx_okr_item_update (item, self->forest, node,
                          self->progress != NULL ? zx_progress_index_lookup (self->progress, node->id) : NULL);
      g_hash_table_insert (self->items, g_strdup (node->id), item);
    }
  return item;
}

static GListModel *
create_children (gpointer data,
                 gpointer user_data)
{
  ZxOkrModel *self = user_data;
  ZxOkrItem *item = data;
  g_autoptr(GListStore) children = NULL;
  const ZxOkrNode *node;
  int index;

  if (self->forest == NULL)
    return NULL;
  index = zx_okr_forest_find (self->forest, zx_okr_item_get_id (item));
  if (index < 0)
    return NULL;
  node = zx_okr_forest_get_node (self->forest, index);
  if (node->n_children == 0)
    {
      g_hash_table_add (self->childless, g_strdup (node->id));
      return NULL;
    }
  g_hash_table_remove (self->childless, node->id);

  children = g_list_store_new (ZX_TYPE_OKR_ITEM);
  for (guint i = 0; i < node->n_children; i++)
    g_list_store_append (children, item_for_node (self, node->children[i]));
  zx_okr_item_set_children (item, children);
  return G_LIST_MODEL (g_steal_pointer (&children));
}

/* Filtering ---------------------------------------------------------------------------- */

static gboolean
contains_words (ZxOkrModel *self,
                const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  for (guint i = 0; self->words[i] != NULL; i++)
    if (strstr (folded, self->words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
objective_matches (ZxOkrModel *self,
                   int         index)
{
  const ZxOkrNode *node = zx_okr_forest_get_node (self->forest, index);
  gboolean owner_match, text_match, stale = FALSE;

  if (self->department_id != NULL && g_strcmp0 (node->department_id, self->department_id) != 0)
    return FALSE;
  if (self->orphans_only && (node->level != ZX_OKR_LEVEL_PERSONAL || node->aligned))
    return FALSE;
  if (self->health >= 0)
    {
      const ZxProgress *p = self->progress != NULL ? zx_progress_index_lookup (self->progress, node->id) : NULL;

      if (p == NULL || (int) p->health != self->health)
        return FALSE;
    }

  owner_match = self->owner_id == NULL || g_strcmp0 (node->owner_id, self->owner_id) == 0;
  text_match = self->words == NULL || contains_words (self, node->title);
  if (self->stale_only)
    {
      const ZxProgress *p = self->progress != NULL ? zx_progress_index_lookup (self->progress, node->id) : NULL;

      stale = p != NULL && p->stale;
    }
  for (guint i = 0; i < node->n_children && (!owner_match || !text_match); i++)
    {
      const ZxOkrNode *child = zx_okr_forest_get_node (self->forest, node->children[i]);

      if (child->kind != ZX_OKR_NODE_KEY_RESULT)
        continue;
      if (!owner_match && g_strcmp0 (child->owner_id, self->owner_id) == 0)
        owner_match = TRUE;
      if (!text_match && contains_words (self, child->title))
        text_match = TRUE;
    }
  return owner_match && text_match && (!self->stale_only || stale);
}

/* Depth first, so matches come in the order of the trees */
static void
collect_matches (ZxOkrModel *self,
                 int         index,
                 GArray     *ids)
{
  const ZxOkrNode *node = zx_okr_forest_get_node (self->forest, index);

  if (node->kind == ZX_OKR_NODE_OBJECTIVE && objective_matches (self, index))
    g_array_append_val (ids, index);
  for (guint i = 0; i < node->n_children; i++)
    collect_matches (self, node->children[i], ids);
}

/* The node indices the roots should show */
static GArray *
wanted_roots (ZxOkrModel *self)
{
  GArray *wanted = g_array_new (FALSE, FALSE, sizeof (int));
  const int *roots;
  guint n_roots = 0;

  if (self->forest == NULL)
    return wanted;
  roots = zx_okr_forest_get_roots (self->forest, &n_roots);
  if (!self->filtered)
    g_array_append_vals (wanted, roots, n_roots);
  else
    for (guint i = 0; i < n_roots; i++)
      collect_matches (self, roots[i], wanted);
  return wanted;
}

/* Reconciling -------------------------------------------------------------------------- */

/* The id of the item at @position (the list keeps the item alive) */
static const char *
item_id_at (GListStore *list,
            guint       position)
{
  g_autoptr(ZxOkrItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  return zx_okr_item_get_id (item);
}

/* Makes @list show the nodes @wanted, splicing only the part that differs;
 * ids in @force are taken out and put back (their rows must be made anew) */
static void
reconcile_list (ZxOkrModel *self,
                GListStore *list,
                const int  *wanted,
                guint       n_wanted,
                GHashTable *force)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint start = 0, end = 0;
  g_autoptr(GPtrArray) added = NULL;

#define OLD_ID(i) item_id_at (list, i)
#define NEW_ID(i) zx_okr_forest_get_node (self->forest, wanted[i])->id

  while (start < n_old && start < n_wanted && g_str_equal (OLD_ID (start), NEW_ID (start)) &&
         !g_hash_table_contains (force, NEW_ID (start)))
    start++;
  while (end < n_old - start && end < n_wanted - start &&
         g_str_equal (OLD_ID (n_old - 1 - end), NEW_ID (n_wanted - 1 - end)) &&
         !g_hash_table_contains (force, NEW_ID (n_wanted - 1 - end)))
    end++;

  if (start == n_old && start == n_wanted)
    return;

  added = g_ptr_array_new ();
  for (guint i = start; i < n_wanted - end; i++)
    g_ptr_array_add (added, item_for_node (self, wanted[i]));
  g_list_store_splice (list, start, n_old - start - end, added->pdata, added->len);

#undef OLD_ID
#undef NEW_ID
}

static void
reconcile (ZxOkrModel *self)
{
  g_autoptr(GArray) roots = wanted_roots (self);
  g_autoptr(GHashTable) force = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) with_children = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  /* Refresh every item made so far; note those whose rows must be made
   * anew because they gained children they could not show */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ZxOkrItem *item = value;
      int index = zx_okr_forest_find (self->forest, key);
      const ZxOkrNode *node = index >= 0 ? zx_okr_forest_get_node (self->forest, index) : NULL;

      zx_okr_item_update (item, self->forest, node,
                          node != NULL && self->progress != NULL ? zx_progress_index_lookup (self->progress, key) : NULL);
      if (node != NULL && node->n_children > 0 && g_hash_table_contains (self->childless, key))
        g_hash_table_add (force, key);
      if (zx_okr_item_get_children (item) != NULL)
        g_ptr_array_add (with_children, item);
    }

  reconcile_list (self, self->roots, (const int *) roots->data, roots->len, force);
  /* (the rows made anew ask again) */
  {
    GHashTableIter forced;
    gpointer id;

    g_hash_table_iter_init (&forced, force);
    while (g_hash_table_iter_next (&forced, &id, NULL))
      g_hash_table_remove (self->childless, id);
  }
  for (guint i = 0; i < with_children->len; i++)
    {
      ZxOkrItem *item = g_ptr_array_index (with_children, i);
      int index = zx_okr_forest_find (self->forest, zx_okr_item_get_id (item));
      const ZxOkrNode *node = index >= 0 ? zx_okr_forest_get_node (self->forest, index) : NULL;

      reconcile_list (self, zx_okr_item_get_children (item),
                      node != NULL ? node->children : NULL, node != NULL ? node->n_children : 0, force);
    }

  /* Forget items no list shows any more and the store no longer has */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (zx_okr_forest_find (self->forest, key) < 0)
      {
        zx_okr_item_set_children (value, NULL);
        g_hash_table_iter_remove (&iter);
      }
}

/* The day the numbers are for: the store's clock, in local time */
static void
store_today (ZxOkrModel *self,
             GDate      *today)
{
  g_autofree char *now = zx_store_now (self->store);
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static void
load_progress (ZxOkrModel *self)
{
  g_autoptr(GError) error = NULL;
  GDate today;

  store_today (self, &today);
  g_clear_pointer (&self->progress, zx_progress_index_unref);
  self->progress = zx_progress_index_new (self->store, &today, &self->params, &error);
  if (self->progress == NULL)
    g_warning ("Could not compute the OKR progress: %s", error->message);
}

static gboolean
progress_cb (gpointer data)
{
  ZxOkrModel *self = data;

  self->progress_id = 0;
  zx_okr_model_refresh_progress (self);
  g_signal_emit (self, signals[RELOADED], 0);
  return G_SOURCE_REMOVE;
}

void
zx_okr_model_reload (ZxOkrModel *self)
{
  g_autoptr(GError) error = NULL;
  ZxOkrForest *forest = NULL;

  g_return_if_fail (ZX_IS_OKR_MODEL (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->store != NULL && self->cycle_id != NULL)
    {
      forest = zx_okr_forest_new (self->store, self->cycle_id, &error);
      if (forest == NULL)
        g_warning ("Could not read the OKRs: %s", error->message);
    }
  if (forest == NULL && self->cycle_id != NULL && self->store != NULL)
    return;   /* keep showing what we had */

  g_clear_pointer (&self->forest, zx_okr_forest_unref);
  self->forest = forest;
  if (self->forest == NULL)
    {
      g_list_store_remove_all (self->roots);
      g_hash_table_remove_all (self->items);
      g_hash_table_remove_all (self->childless);
      g_signal_emit (self, signals[RELOADED], 0);
      return;
    }
  load_progress (self);
  reconcile (self);
  g_signal_emit (self, signals[RELOADED], 0);
}

void
zx_okr_model_refresh_progress (ZxOkrModel *self)
{
  g_return_if_fail (ZX_IS_OKR_MODEL (self));

  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->forest == NULL)
    return;
  load_progress (self);
  reconcile (self);
}

static gboolean
reload_cb (gpointer data)
{
  ZxOkrModel *self = data;

  self->reload_id = 0;
  zx_okr_model_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (ZxOkrModel *self,
                  const char *entity,
                  const char *id)
{
  static const char * const watched[] = {
    "cycle", "objective", "key_result", "check_in", "staff", "department", "battle", "pillar", NULL
  };

  if (!g_strv_contains (watched, entity) || self->reload_id != 0)
    return;
  self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_cb, self, NULL);
}

static void
store_reloaded_cb (ZxOkrModel *self)
{
  /* Everything may have changed: start afresh */
  g_list_store_remove_all (self->roots);
  g_hash_table_remove_all (self->items);
  g_hash_table_remove_all (self->childless);
  zx_okr_model_reload (self);
}

/* GObject -------------------------------------------------------------------------------- */

static void
clear_filter (ZxOkrModel *self)
{
  g_clear_pointer (&self->department_id, g_free);
  g_clear_pointer (&self->owner_id, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  self->health = -1;
  self->stale_only = self->orphans_only = FALSE;
  self->filtered = FALSE;
}

static void
zx_okr_model_dispose (GObject *object)
{
  ZxOkrModel *self = ZX_OKR_MODEL (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->tree);
  g_clear_object (&self->roots);
  if (self->items != NULL)
    {
      g_hash_table_remove_all (self->items);
      g_hash_table_remove_all (self->childless);
    }
  g_clear_object (&self->store);
  G_OBJECT_CLASS (zx_okr_model_parent_class)->dispose (object);
}

static void
zx_okr_model_finalize (GObject *object)
{
  ZxOkrModel *self = ZX_OKR_MODEL (object);

  clear_filter (self);
  g_free (self->cycle_id);
  g_clear_pointer (&self->forest, zx_okr_forest_unref);
  g_clear_pointer (&self->progress, zx_progress_index_unref);
  g_hash_table_unref (self->items);
  g_hash_table_unref (self->childless);
  G_OBJECT_CLASS (zx_okr_model_parent_class)->finalize (object);
}

static void
zx_okr_model_class_init (ZxOkrModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zx_okr_model_dispose;
  object_class->finalize = zx_okr_model_finalize;

  /* After every reload, once the lists are up to date */
  signals[RELOADED] = g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
zx_okr_model_init (ZxOkrModel *self)
{
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->childless = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->roots = g_list_store_new (ZX_TYPE_OKR_ITEM);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->roots)), FALSE, FALSE,
                                        create_children, self, NULL);
  self->health = -1;
  zx_progress_params_init_default (&self->params);
}

ZxOkrModel *
zx_okr_model_new (ZxStore                *store,
                  const ZxProgressParams *params)
{
  ZxOkrModel *self;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  self = g_object_new (ZX_TYPE_OKR_MODEL, NULL);
  self->store = g_object_ref (store);
  if (params != NULL)
    self->params = *params;
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_signal_connect_swapped (store, "reloaded", G_CALLBACK (store_reloaded_cb), self);
  return self;
}

ZxStore *
zx_okr_model_get_store (ZxOkrModel *self)
{
  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), NULL);
  return self->store;
}

void
zx_okr_model_set_cycle (ZxOkrModel *self,
                        const char *cycle_id)
{
  g_return_if_fail (ZX_IS_OKR_MODEL (self));

  if (!zx_set_str (&self->cycle_id, cycle_id) && self->forest != NULL)
    return;
  /* Another cycle's trees: new rows, collapsed */
  g_list_store_remove_all (self->roots);
  g_hash_table_remove_all (self->items);
  g_hash_table_remove_all (self->childless);
  if (self->progress != NULL || self->store == NULL)
    {
      zx_okr_model_reload (self);
      return;
    }

  /* The first time: the trees at once, their numbers (the first of a
   * process read every key result) once they are on screen */
  {
    g_autoptr(GError) error = NULL;

    g_clear_handle_id (&self->reload_id, g_source_remove);
    g_clear_pointer (&self->forest, zx_okr_forest_unref);
    if (self->cycle_id != NULL)
      self->forest = zx_okr_forest_new (self->store, self->cycle_id, &error);
    if (self->forest == NULL)
      {
        if (error != NULL)
          g_warning ("Could not read the OKRs: %s", error->message);
        g_signal_emit (self, signals[RELOADED], 0);
        return;
      }
    reconcile (self);
    g_signal_emit (self, signals[RELOADED], 0);
    self->progress_id = g_idle_add_full (G_PRIORITY_LOW, progress_cb, self, NULL);
  }
}

const char *
zx_okr_model_get_cycle (ZxOkrModel *self)
{
  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), NULL);
  return self->cycle_id;
}

void
zx_okr_model_set_params (ZxOkrModel             *self,
                         const ZxProgressParams *params)
{
  g_return_if_fail (ZX_IS_OKR_MODEL (self));
  g_return_if_fail (params != NULL);

  if (memcmp (&self->params, params, sizeof *params) == 0)
    return;
  self->params = *params;
  zx_okr_model_refresh_progress (self);
}

void
zx_okr_model_set_filter (ZxOkrModel        *self,
                         const ZxOkrFilter *filter)
{
  g_autoptr(GArray) roots = NULL;
  g_autoptr(GHashTable) force = NULL;

  g_return_if_fail (ZX_IS_OKR_MODEL (self));

  clear_filter (self);
  if (filter != NULL)
    {
      g_autofree char *folded = NULL;

      self->department_id = g_strdup (filter->department_id);
      self->owner_id = g_strdup (filter->owner_id);
      self->health = filter->health;
      self->stale_only = filter->stale_only;
      self->orphans_only = filter->orphans_only;
      if (filter->search != NULL && *g_strstrip (folded = g_utf8_casefold (filter->search, -1)) != '\0')
        {
          self->words = g_strsplit_set (folded, " \t", -1);
          /* drop the empty words of repeated spaces */
          for (guint i = 0, j = 0;; i++)
            {
              if (self->words[i] == NULL)
                {
                  self->words[j] = NULL;
                  break;
                }
              if (*self->words[i] != '\0')
                self->words[j++] = self->words[i];
              else
                g_free (self->words[i]);
            }
        }
      self->filtered = self->department_id != NULL || self->owner_id != NULL || self->health >= 0 ||
                       self->stale_only || self->orphans_only || self->words != NULL;
    }

  if (self->forest == NULL)
    return;
  roots = wanted_roots (self);
  force = g_hash_table_new (g_str_hash, g_str_equal);
  reconcile_list (self, self->roots, (const int *) roots->data, roots->len, force);
}

gboolean
zx_okr_model_is_filtered (ZxOkrModel *self)
{
  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), FALSE);
  return self->filtered;
}

GtkTreeListModel *
zx_okr_model_get_tree (ZxOkrModel *self)
{
  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), NULL);
  return self->tree;
}

GListModel *
zx_okr_model_get_roots (ZxOkrModel *self)
{
  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), NULL);
  return G_LIST_MODEL (self->roots);
}

ZxOkrItem *
zx_okr_model_lookup (ZxOkrModel *self,
                     const char *id)
{
  int index;

  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), NULL);

  if (self->forest == NULL || (index = zx_okr_forest_find (self->forest, id)) < 0)
    return NULL;
  return item_for_node (self, index);
}

ZxOkrForest *
zx_okr_model_get_forest (ZxOkrModel *self)
{
  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), NULL);
  return self->forest;
}

ZxProgressIndex *
zx_okr_model_get_progress (ZxOkrModel *self)
{
  g_return_val_if_fail (ZX_IS_OKR_MODEL (self), NULL);
  return self->progress;
}
