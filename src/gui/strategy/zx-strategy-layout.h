/* zx-strategy-layout.h — where every node of the strategy map goes
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "zx-store.h"

G_BEGIN_DECLS

typedef enum
{
  ZX_STRATEGY_NODE_GOAL,
  ZX_STRATEGY_NODE_PILLAR,
  ZX_STRATEGY_NODE_FACTOR,
  ZX_STRATEGY_NODE_DEPARTMENT,
  ZX_STRATEGY_NODE_BATTLE,
} ZxStrategyNodeType;

/* A battle's status, in the order of the schema's enum; NONE for other nodes */
typedef enum
{
  ZX_STRATEGY_STATUS_NONE = -1,
  ZX_STRATEGY_STATUS_PLANNED,
  ZX_STRATEGY_STATUS_IN_PROGRESS,
  ZX_STRATEGY_STATUS_AT_RISK,
  ZX_STRATEGY_STATUS_ACHIEVED,
  ZX_STRATEGY_STATUS_DROPPED,
  ZX_STRATEGY_N_STATUS,
} ZxStrategyStatus;

typedef enum
{
  ZX_STRATEGY_DIRECTION_LEFT,
  ZX_STRATEGY_DIRECTION_RIGHT,
  ZX_STRATEGY_DIRECTION_UP,
  ZX_STRATEGY_DIRECTION_DOWN,
} ZxStrategyDirection;

/* Map coordinates: one unit is one pixel at zoom 1, y grows downwards. */
typedef struct
{
  double x, y, width, height;
} ZxStrategyRect;

typedef struct
{
  ZxStrategyNodeType  type;
  char               *id;            /* the record's id (the plan's for the goal) */
  char               *label;
  ZxStrategyStatus    status;        /* battles */
  /* battles and pillars, once OKRs exist (see zx-progress.h): progress 0–1,
   * a ZxHealth, and the percentage as text */
  gboolean            has_progress;
  double              progress;
  int                 health;
  PangoLayout        *progress_text;
  gboolean            pledge_signed; /* departments: this year's pledge is signed */
  int                 pillar;        /* index of the pillar node it serves, -1 when none */
  int                 pillar_rank;   /* 0-based position of that pillar (its colour), -1 when none */
  int                 parent;        /* factor → pillar, battle → department, else -1 */
  ZxStrategyRect      rect;
  ZxStrategyRect      group;         /* departments: the card around header and battles */
  ZxStrategyRect      text_rect;     /* where the label is drawn */
  PangoLayout        *text;          /* the label, wrapped to text_rect.width */
} ZxStrategyNode;

/* A link from a battle to the pillar it serves: a cubic Bézier curve */
typedef struct
{
  int    from;                       /* battle node */
  int    to;                         /* pillar node */
  double x0, y0, x1, y1, x2, y2, x3, y3;
} ZxStrategyEdge;

/* A legend row: a colour swatch (pillar) or a status mark, and its text */
typedef struct
{
  int               pillar_rank;     /* -1 for a status row or the badge row */
  ZxStrategyStatus  status;          /* NONE unless a status row */
  gboolean          badge;           /* the unsigned-pledge badge */
  gboolean          progress;        /* the OKR progress bar (on track, at risk, off track) */
  ZxStrategyRect    rect;
  PangoLayout      *text;
} ZxStrategyLegendItem;

#define ZX_STRATEGY_FONT_FAMILIES "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif"

#define ZX_TYPE_STRATEGY_LAYOUT (zx_strategy_layout_get_type ())

G_DECLARE_FINAL_TYPE (ZxStrategyLayout, zx_strategy_layout, ZX, STRATEGY_LAYOUT, GObject)

/* Lays out the plan @plan_id, or when NULL the store's current plan (the one
 * whose years hold this year, else the latest).  @year is the year whose
 * pledges count as signed (0: this year by the store's clock).  A store
 * without a plan gives an empty layout (no nodes), not an error. */
ZxStrategyLayout     *zx_strategy_layout_new              (ZxStore           *store,
                                                           const char        *plan_id,
                                                           int                year,
                                                           GError           **error);
/* One department's battle map: the goal, the pillars and their factors, and
 * only the card of @department_id with its battles (for one A3 page). */
ZxStrategyLayout     *zx_strategy_layout_new_for_department (ZxStore         *store,
                                                           const char        *plan_id,
                                                           const char        *department_id,
                                                           int                year,
                                                           GError           **error);

const char           *zx_strategy_layout_get_plan_id      (ZxStrategyLayout  *self);
/* The department of a battle map, or NULL for the whole hospital's map */
const char           *zx_strategy_layout_get_department_name (ZxStrategyLayout *self);
const char           *zx_strategy_layout_get_plan_name    (ZxStrategyLayout  *self);
const char           *zx_strategy_layout_get_hospital_name (ZxStrategyLayout *self);
int                   zx_strategy_layout_get_year         (ZxStrategyLayout  *self);
/* The whole map, from (0, 0) */
void                  zx_strategy_layout_get_size         (ZxStrategyLayout  *self,
                                                           double            *width,
                                                           double            *height);

guint                 zx_strategy_layout_get_n_nodes      (ZxStrategyLayout  *self);
const ZxStrategyNode *zx_strategy_layout_get_node         (ZxStrategyLayout  *self,
                                                           guint              index);
/* The index of the node showing record @id, or -1 */
int                   zx_strategy_layout_find             (ZxStrategyLayout  *self,
                                                           const char        *id);
gboolean              zx_strategy_layout_get_bounds       (ZxStrategyLayout  *self,
                                                           int                index,
                                                           ZxStrategyRect    *rect);
/* The node under the map point, or -1 */
int                   zx_strategy_layout_hit_test         (ZxStrategyLayout  *self,
                                                           double             x,
                                                           double             y);
/* The nearest node in @direction from node @index (spatially), or -1 */
int                   zx_strategy_layout_get_neighbour    (ZxStrategyLayout  *self,
                                                           int                index,
                                                           ZxStrategyDirection direction);
/* The chain of the pillar node @index belongs to (for a department, the
 * pillar most of its battles serve): the pillar, its factors, the battles
 * serving it and their departments, as node indices in @mask (n_nodes
 * bytes, set to 1 for members).  Returns FALSE (mask all 0) for the goal
 * or a node without pillar. */
gboolean              zx_strategy_layout_get_chain        (ZxStrategyLayout  *self,
                                                           int                index,
                                                           guint8            *mask);

guint                 zx_strategy_layout_get_n_edges      (ZxStrategyLayout  *self);
const ZxStrategyEdge *zx_strategy_layout_get_edge         (ZxStrategyLayout  *self,
                                                           guint              index);
guint                 zx_strategy_layout_get_n_pillars    (ZxStrategyLayout  *self);
/* The pillars' lanes (a pillar's column down the map) */
gboolean              zx_strategy_layout_get_lane         (ZxStrategyLayout  *self,
                                                           guint              pillar_rank,
                                                           ZxStrategyRect    *rect);

guint                       zx_strategy_layout_get_n_legend_items (ZxStrategyLayout *self);
const ZxStrategyLegendItem *zx_strategy_layout_get_legend_item    (ZxStrategyLayout *self,
                                                                   guint             index);
void                        zx_strategy_layout_get_legend_rect    (ZxStrategyLayout *self,
                                                                   ZxStrategyRect   *rect);

/* Shared text: the status names, the badge, the goal's caption */
PangoLayout          *zx_strategy_layout_get_status_text  (ZxStrategyLayout  *self,
                                                           ZxStrategyStatus   status);
PangoLayout          *zx_strategy_layout_get_badge_text   (ZxStrategyLayout  *self);
PangoLayout          *zx_strategy_layout_get_caption_text (ZxStrategyLayout  *self);
/* A new layout of @text in the map's font (size in px, bold or not), in the
 * layout's Pango context: for titles drawn beside the map */
PangoLayout          *zx_strategy_layout_create_text      (ZxStrategyLayout  *self,
                                                           const char        *text,
                                                           double             size_px,
                                                           gboolean           bold);

/* Translated words the map shows */
const char           *zx_strategy_status_to_string        (ZxStrategyStatus   status);
const char           *zx_strategy_node_type_to_string     (ZxStrategyNodeType type);
/* The entity of a node type ("plan", "pillar", …) */
const char           *zx_strategy_node_type_to_entity     (ZxStrategyNodeType type);

/* Which store changes require a new layout */
gboolean              zx_strategy_layout_entity_matters   (const char        *entity);

G_END_DECLS
