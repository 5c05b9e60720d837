/* zx-okr-item.c — one objective or key result in the OKR tree
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are made only for the rows the tree shows and keep their identity
 * across reloads (the model keeps one per id), so a check-in or an edit
 * only notifies the properties that changed and the rows redraw in place.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zx-okr-item.h"
#include "zx-store-private.h"

struct _ZxOkrItem
{
  GObject        parent_instance;

  char          *id;
  ZxOkrNodeKind  kind;
  ZxOkrLevel     level;
  char          *title;
  char          *owner_id;
  char          *owner;
  char          *department_id;
  char          *department;
  char          *value_text;
  double         progress, expected;
  gboolean       has_progress, stale, closed, aligned;
  ZxHealth       health;
  int            confidence;
  gint64         last_check_in;
  GListStore    *children;
};

G_DEFINE_FINAL_TYPE (ZxOkrItem, zx_okr_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_OWNER,
  PROP_DEPARTMENT,
  PROP_VALUE_TEXT,
  PROP_PROGRESS,
  PROP_EXPECTED,
  PROP_HAS_PROGRESS,
  PROP_HEALTH,
  PROP_STALE,
  PROP_CONFIDENCE,
  PROP_LAST_CHECK_IN,
  PROP_CLOSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zx_okr_item_finalize (GObject *object)
{
  ZxOkrItem *self = ZX_OKR_ITEM (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->owner_id);
  g_free (self->owner);
  g_free (self->department_id);
  g_free (self->department);
  g_free (self->value_text);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (zx_okr_item_parent_class)->finalize (object);
}

static void
zx_okr_item_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ZxOkrItem *self = ZX_OKR_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_OWNER: g_value_set_string (value, self->owner); break;
    case PROP_DEPARTMENT: g_value_set_string (value, self->department); break;
    case PROP_VALUE_TEXT: g_value_set_string (value, self->value_text); break;
    case PROP_PROGRESS: g_value_set_double (value, self->progress); break;
    case PROP_EXPECTED: g_value_set_double (value, self->expected); break;
    case PROP_HAS_PROGRESS: g_value_set_boolean (value, self->has_progress); break;
    case PROP_HEALTH: g_value_set_string (value, zx_health_to_string (self->health)); break;
    case PROP_STALE: g_value_set_boolean (value, self->stale); break;
    case PROP_CONFIDENCE: g_value_set_int (value, self->confidence); break;
    case PROP_LAST_CHECK_IN: g_value_set_int64 (value, self->last_check_in); break;
    case PROP_CLOSED: g_value_set_boolean (value, self->closed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_okr_item_class_init (ZxOkrItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = zx_okr_item_finalize;
  object_class->get_property = zx_okr_item_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, NULL, flags);
  properties[PROP_VALUE_TEXT] = g_param_spec_string ("value-text", NULL, NULL, NULL, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_EXPECTED] = g_param_spec_double ("expected", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_HAS_PROGRESS] = g_param_spec_boolean ("has-progress", NULL, NULL, FALSE, flags);
  properties[PROP_HEALTH] = g_param_spec_string ("health", NULL, NULL, "not_started", flags);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, flags);
  properties[PROP_CONFIDENCE] = g_param_spec_int ("confidence", NULL, NULL, 0, 10, 0, flags);
  properties[PROP_LAST_CHECK_IN] = g_param_spec_int64 ("last-check-in", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CLOSED] = g_param_spec_boolean ("closed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zx_okr_item_init (ZxOkrItem *self)
{
}

ZxOkrItem *
zx_okr_item_new (const char    *id,
                 ZxOkrNodeKind  kind)
{
  ZxOkrItem *self = g_object_new (ZX_TYPE_OKR_ITEM, NULL);

  self->id = g_strdup (id);
  self->kind = kind;
  return self;
}

/* “8.0 / 7.0 days”: the current value against the target */
static char *
value_text (const ZxOkrNode *node)
{
  g_autofree char *current = NULL;
  g_autofree char *target = NULL;

  if (node->kind != ZX_OKR_NODE_KEY_RESULT)
    return NULL;
  if (g_strcmp0 (node->kr_kind, "milestone") == 0)
    return g_strdup (node->has_current && node->current >= 1 ? _("Reached") : _("Not reached"));
  current = node->has_current ? g_strdup_printf ("%g", node->current) : g_strdup ("—");
  target = g_strdup_printf ("%g", node->target);
  if (g_strcmp0 (node->kr_kind, "percentage") == 0)
    /* Translators: a percentage key result's current value and target */
    return g_strdup_printf (_("%s%% / %s%%"), current, target);
  if (node->unit != NULL && *node->unit != '\0')
    /* Translators: a key result's current value, target and unit, e.g. “8.0 / 7.0 days” */
    return g_strdup_printf (_("%s / %s %s"), current, target, node->unit);
  return g_strdup_printf (_("%s / %s"), current, target);
}

#define SET_STR(field, value, prop) \
  G_STMT_START { if (zx_set_str (&self->field, (value))) g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); } G_STMT_END
#define SET_NUM(field, value, prop) \
  G_STMT_START { if (self->field != (value)) { self->field = (value); g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); } } G_STMT_END

void
zx_okr_item_update (ZxOkrItem        *self,
                    ZxOkrForest      *forest,
                    const ZxOkrNode  *node,
                    const ZxProgress *progress)
{
  g_return_if_fail (ZX_IS_OKR_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (node != NULL)
    {
      g_autofree char *text = value_text (node);

      self->level = node->level;
      self->aligned = node->aligned;
      SET_STR (title, node->title, PROP_TITLE);
      zx_set_str (&self->owner_id, node->owner_id);
      SET_STR (owner, zx_okr_forest_get_name (forest, node->owner_id), PROP_OWNER);
      zx_set_str (&self->department_id, node->department_id);
      SET_STR (department, zx_okr_forest_get_name (forest, node->department_id), PROP_DEPARTMENT);
      SET_STR (value_text, text, PROP_VALUE_TEXT);
      SET_NUM (closed, node->closed, PROP_CLOSED);
    }
  if (progress != NULL)
    {
      SET_NUM (progress, CLAMP (progress->progress, 0, 1), PROP_PROGRESS);
      SET_NUM (expected, CLAMP (progress->expected, 0, 1), PROP_EXPECTED);
      SET_NUM (has_progress, progress->has_progress, PROP_HAS_PROGRESS);
      SET_NUM (health, progress->health, PROP_HEALTH);
      SET_NUM (stale, progress->stale, PROP_STALE);
      SET_NUM (confidence, progress->confidence, PROP_CONFIDENCE);
      SET_NUM (last_check_in, progress->last_check_in, PROP_LAST_CHECK_IN);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *zx_okr_item_get_id (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL); return self->id; }
ZxOkrNodeKind zx_okr_item_get_kind (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), 0); return self->kind; }
gboolean zx_okr_item_is_objective (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), FALSE); return self->kind == ZX_OKR_NODE_OBJECTIVE; }
ZxOkrLevel zx_okr_item_get_level (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), 0); return self->level; }
const char *zx_okr_item_get_title (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL); return self->title; }
const char *zx_okr_item_get_owner_id (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL); return self->owner_id; }
const char *zx_okr_item_get_owner (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL); return self->owner; }
const char *zx_okr_item_get_department_id (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL); return self->department_id; }
const char *zx_okr_item_get_department (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL); return self->department; }
double zx_okr_item_get_progress (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), 0); return self->progress; }
double zx_okr_item_get_expected (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), 0); return self->expected; }
gboolean zx_okr_item_get_has_progress (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), FALSE); return self->has_progress; }
ZxHealth zx_okr_item_get_health (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), 0); return self->health; }
gboolean zx_okr_item_get_stale (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), FALSE); return self->stale; }
int zx_okr_item_get_confidence (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), 0); return self->confidence; }
gint64 zx_okr_item_get_last_check_in (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), 0); return self->last_check_in; }
const char *zx_okr_item_get_value_text (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL); return self->value_text; }
gboolean zx_okr_item_get_closed (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), FALSE); return self->closed; }
gboolean zx_okr_item_get_aligned (ZxOkrItem *self) { g_return_val_if_fail (ZX_IS_OKR_ITEM (self), FALSE); return self->aligned; }

GListStore *
zx_okr_item_get_children (ZxOkrItem *self)
{
  g_return_val_if_fail (ZX_IS_OKR_ITEM (self), NULL);
  return self->children;
}

void
zx_okr_item_set_children (ZxOkrItem  *self,
                          GListStore *children)
{
  g_return_if_fail (ZX_IS_OKR_ITEM (self));
  g_set_object (&self->children, children);
}
