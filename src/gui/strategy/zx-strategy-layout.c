/* zx-strategy-layout.c — where every node of the strategy map goes
 *
 * The goal at the top (the legend beside it), the pillars in rank order in a
 * row beneath, each pillar's key success factors stacked under it, and below
 * them one lane per pillar holding the cards of the departments that mostly
 * serve that pillar: a header (name, unsigned-pledge badge) and the
 * department's battles.  Each lane has as many columns of cards as it needs
 * for the lanes to end at about the same height, the cards filling the
 * shortest column first, so 150 departments still make a compact map whose
 * lanes read from the pillar down.
 *
 * Text is measured with Pango (unhinted, so the same layouts draw at every
 * zoom, on screen and in PDF/SVG) and wrapped to each node's width; the
 * layouts are kept in the nodes for drawing.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-strategy-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "zx-error.h"
#include "zx-progress.h"
#include "zx-strategy-layout.h"

/* Geometry, in map units (pixels at zoom 1) */
#define MARGIN        32.0
#define GOAL_W        520.0
#define PILLAR_W      248.0
#define FACTOR_W      224.0
#define CARD_W        232.0
#define CARD_GAP      16.0
#define CARD_PAD      8.0
#define BATTLE_GAP    6.0
#define BATTLE_W      (CARD_W - 2 * CARD_PAD)
#define HEADER_H      34.0
#define LANE_GAP      24.0
#define LANE_PAD      16.0
#define FACTOR_GAP    8.0
#define STRIPE_W      5.0
#define STATUS_H      16.0
#define BADGE_PAD     6.0
#define LEGEND_ROW    22.0
#define LEGEND_PAD    12.0
#define LEGEND_MAX_W  200.0
#define DEPT_ASPECT   1.8

/* Font sizes, px */
#define GOAL_SIZE     20.0
#define CAPTION_SIZE  12.0
#define PILLAR_SIZE   15.0
#define FACTOR_SIZE   13.0
#define DEPT_SIZE     13.0
#define BATTLE_SIZE   12.5
#define SMALL_SIZE    11.0
#define LEGEND_SIZE   12.0

struct _ZxStrategyLayout
{
  GObject        parent_instance;

  PangoContext  *context;
  char          *plan_id;
  char          *plan_name;
  char          *hospital_name;
  char          *department_id;   /* a department's battle map, or NULL */
  char          *department_name;
  int            year;
  double         width, height;

  GArray        *nodes;          /* ZxStrategyNode */
  GArray        *edges;          /* ZxStrategyEdge */
  GArray        *legend;         /* ZxStrategyLegendItem */
  ZxStrategyRect legend_rect;
  GArray        *lanes;          /* ZxStrategyRect, one per pillar */
  GArray        *pillar_nodes;   /* int: pillar rank → node index */
  GHashTable    *by_id;          /* id → index + 1 */

  PangoLayout   *status_text[ZX_STRATEGY_N_STATUS];
  PangoLayout   *badge_text;
  PangoLayout   *caption_text;
};

G_DEFINE_FINAL_TYPE (ZxStrategyLayout, zx_strategy_layout, G_TYPE_OBJECT)

static void
clear_node (gpointer data)
{
  ZxStrategyNode *node = data;

  g_free (node->id);
  g_free (node->label);
  g_clear_object (&node->text);
  g_clear_object (&node->progress_text);
}

static void
clear_legend_item (gpointer data)
{
  ZxStrategyLegendItem *item = data;

  g_clear_object (&item->text);
}

static void
zx_strategy_layout_finalize (GObject *object)
{
  ZxStrategyLayout *self = ZX_STRATEGY_LAYOUT (object);

  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->pillar_nodes, g_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  for (guint i = 0; i < ZX_STRATEGY_N_STATUS; i++)
    g_clear_object (&self->status_text[i]);
  g_clear_object (&self->badge_text);
  g_clear_object (&self->caption_text);
  g_clear_object (&self->context);
  g_free (self->plan_id);
  g_free (self->plan_name);
  g_free (self->hospital_name);
  g_free (self->department_id);
  g_free (self->department_name);

  G_OBJECT_CLASS (zx_strategy_layout_parent_class)->finalize (object);
}

static void
zx_strategy_layout_class_init (ZxStrategyLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_strategy_layout_finalize;
}

static void
zx_strategy_layout_init (ZxStrategyLayout *self)
{
  cairo_font_options_t *options;

  self->nodes = g_array_new (FALSE, TRUE, sizeof (ZxStrategyNode));
  g_array_set_clear_func (self->nodes, clear_node);
  self->edges = g_array_new (FALSE, TRUE, sizeof (ZxStrategyEdge));
  self->legend = g_array_new (FALSE, TRUE, sizeof (ZxStrategyLegendItem));
  g_array_set_clear_func (self->legend, clear_legend_item);
  self->lanes = g_array_new (FALSE, TRUE, sizeof (ZxStrategyRect));
  self->pillar_nodes = g_array_new (FALSE, TRUE, sizeof (int));
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Unhinted metrics: the same layout draws alike at every scale and in
   * vector output, so nodes measured once fit at every zoom. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 96.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
}

/* Words ------------------------------------------------------------------------ */

const char *
zx_strategy_status_to_string (ZxStrategyStatus status)
{
  switch (status)
    {
    case ZX_STRATEGY_STATUS_PLANNED:
      return C_("battle status", "Planned");
    case ZX_STRATEGY_STATUS_IN_PROGRESS:
      return C_("battle status", "In progress");
    case ZX_STRATEGY_STATUS_AT_RISK:
      return C_("battle status", "At risk");
    case ZX_STRATEGY_STATUS_ACHIEVED:
      return C_("battle status", "Achieved");
    case ZX_STRATEGY_STATUS_DROPPED:
      return C_("battle status", "Dropped");
    case ZX_STRATEGY_STATUS_NONE:
    case ZX_STRATEGY_N_STATUS:
    default:
      return "";
    }
}

const char *
zx_strategy_node_type_to_string (ZxStrategyNodeType type)
{
  switch (type)
    {
    case ZX_STRATEGY_NODE_GOAL:
      return _("Strategic goal");
    case ZX_STRATEGY_NODE_PILLAR:
      return _("Strategic pillar");
    case ZX_STRATEGY_NODE_FACTOR:
      return _("Key success factor");
    case ZX_STRATEGY_NODE_DEPARTMENT:
      return _("Department");
    case ZX_STRATEGY_NODE_BATTLE:
      return _("Battle");
    default:
      return "";
    }
}

const char *
zx_strategy_node_type_to_entity (ZxStrategyNodeType type)
{
  static const char * const entities[] = { "plan", "pillar", "success_factor", "department", "battle" };

  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (entities), NULL);
  return entities[type];
}

gboolean
zx_strategy_layout_entity_matters (const char *entity)
{
  static const char * const entities[] = {
    "hospital", "plan", "pillar", "success_factor", "department", "battle", "pledge",
  };

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (entity, entities[i]) == 0)
      return TRUE;
  return FALSE;
}

static ZxStrategyStatus
status_from_string (const char *status)
{
  static const char * const names[] = { "planned", "in_progress", "at_risk", "achieved", "dropped" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (status, names[i]) == 0)
      return (ZxStrategyStatus) i;
  return ZX_STRATEGY_STATUS_PLANNED;
}

/* Text ------------------------------------------------------------------------- */

PangoLayout *
zx_strategy_layout_create_text (ZxStrategyLayout *self,
                                const char       *text,
                                double            size_px,
                                gboolean          bold)
{
  PangoLayout *layout;
  PangoFontDescription *desc;

  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);

  layout = pango_layout_new (self->context);
  desc = pango_font_description_from_string (ZX_STRATEGY_FONT_FAMILIES);
  pango_font_description_set_absolute_size (desc, size_px * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* A label wrapped to @width over at most @max_lines lines (the last one
 * ellipsized); its height goes to *@height. */
static PangoLayout *
wrapped_text (ZxStrategyLayout *self,
              const char       *text,
              double            size_px,
              gboolean          bold,
              double            width,
              int               max_lines,
              PangoAlignment    alignment,
              double           *height)
{
  PangoLayout *layout = zx_strategy_layout_create_text (self, text, size_px, bold);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (height != NULL)
    *height = h;
  return layout;
}

static double
text_width (PangoLayout *layout)
{
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

static double
text_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

/* Reading the store ----------------------------------------------------------------- */

/* Today by the store's clock, in local time */
static void
store_today (ZxStore *store,
             GDate   *today)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static int
store_year (ZxStore *store)
{
  g_autofree char *now = zx_store_now (store);

  if (now != NULL && strlen (now) >= 4)
    return (int) g_ascii_strtoll (now, NULL, 10);
  return 2026;
}

static ZxRecord *
pick_plan (GListModel *plans,
           const char *plan_id,
           int         year)
{
  guint n = g_list_model_get_n_items (plans);
  ZxRecord *best = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) plan = g_list_model_get_item (plans, i);

      if (plan_id != NULL)
        {
          if (g_strcmp0 (zx_record_get_id (plan), plan_id) == 0)
            return g_steal_pointer (&plan);
          continue;
        }
      if (zx_record_get_int (plan, "start_year") <= year && year <= zx_record_get_int (plan, "end_year"))
        {
          g_clear_object (&best);
          return g_steal_pointer (&plan);
        }
      if (best == NULL || zx_record_get_int (plan, "start_year") > zx_record_get_int (best, "start_year"))
        {
          g_clear_object (&best);
          best = g_steal_pointer (&plan);
        }
    }
  return best;
}

static int
add_node (ZxStrategyLayout   *self,
          ZxStrategyNodeType  type,
          const char         *id,
          const char         *label)
{
  ZxStrategyNode node = { 0 };

  node.type = type;
  node.id = g_strdup (id);
  node.label = g_strdup (label != NULL ? label : "");
  node.status = ZX_STRATEGY_STATUS_NONE;
  node.pillar = -1;
  node.pillar_rank = -1;
  node.parent = -1;
  g_array_append_val (self->nodes, node);
  g_hash_table_insert (self->by_id, g_strdup (id), GINT_TO_POINTER (self->nodes->len));
  return (int) self->nodes->len - 1;
}

#define NODE(self, i) (&g_array_index ((self)->nodes, ZxStrategyNode, (i)))

/* One department's card while laying out */
typedef struct
{
  int     node;          /* header node */
  GArray *battles;       /* int node indices */
  double  height;
  int     lane;
} Card;

static void
card_clear (gpointer data)
{
  Card *card = data;

  g_clear_pointer (&card->battles, g_array_unref);
}

/* Laying out ---------------------------------------------------------------------------- */

static void
layout_legend (ZxStrategyLayout *self,
               GPtrArray        *pillar_names)
{
  ZxStrategyLegendItem item;
  double col_w[2] = { 0, 0 }, x, y[2];
  int column;
  g_autofree char *badge_label = NULL;
  gboolean any_progress = FALSE;

  for (guint i = 0; i < self->nodes->len; i++)
    any_progress |= NODE (self, i)->has_progress;

  /* Pillars (and OKR progress) in the first column; statuses and the badge
   * in the second */
  for (guint i = 0; i < pillar_names->len + ZX_STRATEGY_N_STATUS + 2; i++)
    {
      const char *text;

      memset (&item, 0, sizeof item);
      item.pillar_rank = -1;
      item.status = ZX_STRATEGY_STATUS_NONE;
      if (i == pillar_names->len + ZX_STRATEGY_N_STATUS + 1)
        {
          if (!any_progress)
            break;
          item.progress = TRUE;
          text = _("OKR progress");
        }
      else if (i < pillar_names->len)
        {
          item.pillar_rank = (int) i;
          text = g_ptr_array_index (pillar_names, i);
        }
      else if (i < pillar_names->len + ZX_STRATEGY_N_STATUS)
        {
          item.status = (ZxStrategyStatus) (i - pillar_names->len);
          text = zx_strategy_status_to_string (item.status);
        }
      else
        {
          item.badge = TRUE;
          badge_label = g_strdup_printf (_("Pledge for %d not signed yet"), self->year);
          text = badge_label;
        }
      item.text = zx_strategy_layout_create_text (self, text, LEGEND_SIZE, FALSE);
      pango_layout_set_width (item.text, (int) (LEGEND_MAX_W * PANGO_SCALE));
      pango_layout_set_ellipsize (item.text, PANGO_ELLIPSIZE_END);
      column = item.pillar_rank >= 0 || item.progress ? 0 : 1;
      /* the swatch or mark (or badge) before the text */
      item.rect.width = (item.badge ? text_width (self->badge_text) + 2 * BADGE_PAD + 8 : item.progress ? 40 : 24)
                        + MIN (text_width (item.text), LEGEND_MAX_W);
      item.rect.height = LEGEND_ROW;
      col_w[column] = MAX (col_w[column], item.rect.width);
      g_array_append_val (self->legend, item);
    }

  x = MARGIN + LEGEND_PAD;
  y[0] = y[1] = MARGIN + LEGEND_PAD;
  for (guint i = 0; i < self->legend->len; i++)
    {
      ZxStrategyLegendItem *it = &g_array_index (self->legend, ZxStrategyLegendItem, i);

      column = it->pillar_rank >= 0 || it->progress ? 0 : 1;
      it->rect.x = column == 0 ? x : x + (col_w[0] > 0 ? col_w[0] + 2 * LEGEND_PAD : 0);
      it->rect.y = y[column];
      y[column] += LEGEND_ROW;
    }
  self->legend_rect.x = MARGIN;
  self->legend_rect.y = MARGIN;
  self->legend_rect.width = col_w[0] + col_w[1] + (col_w[0] > 0 ? 2 * LEGEND_PAD : 0) + 2 * LEGEND_PAD;
  self->legend_rect.height = MAX (y[0], y[1]) - MARGIN + LEGEND_PAD;
}

static gboolean
load (ZxStrategyLayout  *self,
      ZxStore           *store,
      const char        *plan_id,
      GError           **error)
{
  g_autoptr(GListStore) plans = zx_store_list (store, "plan", NULL, NULL);
  g_autoptr(GListStore) hospitals = zx_store_list (store, "hospital", NULL, NULL);
  g_autoptr(ZxRecord) plan = NULL;
  g_autoptr(GListStore) pillars = NULL;
  g_autoptr(GListStore) factors = NULL;
  g_autoptr(GListStore) battles = NULL;
  g_autoptr(GListStore) departments = NULL;
  g_autoptr(GListStore) pledges = NULL;
  g_autoptr(GHashTable) signed_depts = NULL;
  g_autoptr(GHashTable) pillar_rank = NULL;   /* pillar id → rank + 1 */
  g_autoptr(GHashTable) dept_card = NULL;     /* department id → card index + 1 */
  g_autoptr(GArray) cards = NULL;
  g_autoptr(GPtrArray) pillar_names = g_ptr_array_new ();
  g_autofree char *year_text = NULL;
  const char *params[2] = { NULL, NULL };
  guint n_pillars, n;
  int goal;
  double y, goal_h, pillar_h = 0, factor_bottom, dept_top, total_w, goal_x;
  double lane_h[64] = { 0 }, *lane_heights;
  int *lane_cols;
  double caption_h, text_h;
  g_autofree int *dominant_count = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (hospitals)) > 0)
    {
      g_autoptr(ZxRecord) hospital = g_list_model_get_item (G_LIST_MODEL (hospitals), 0);
      self->hospital_name = g_strdup (zx_record_get_string (hospital, "name"));
    }

  plan = pick_plan (G_LIST_MODEL (plans), plan_id, self->year);
  if (plan == NULL)
    {
      if (plan_id != NULL)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND, _("The strategic plan was not found: it may have been deleted."));
          return FALSE;
        }
      self->width = self->height = 2 * MARGIN;
      return TRUE;
    }
  self->plan_id = g_strdup (zx_record_get_id (plan));
  self->plan_name = g_strdup (zx_record_get_string (plan, "name"));

  /* The shared pieces of text */
  for (guint s = 0; s < ZX_STRATEGY_N_STATUS; s++)
    self->status_text[s] = zx_strategy_layout_create_text (self, zx_strategy_status_to_string (s), SMALL_SIZE, FALSE);
  self->badge_text = zx_strategy_layout_create_text (self, _("Pledge not signed"), SMALL_SIZE, TRUE);
  self->caption_text = zx_strategy_layout_create_text (self, _("Strategic goal"), CAPTION_SIZE, FALSE);

  /* Nodes ------------------------------------------------------------------ */
  goal = add_node (self, ZX_STRATEGY_NODE_GOAL, self->plan_id, zx_record_get_string (plan, "goal"));

  params[0] = self->plan_id;
  pillars = zx_store_list (store, "pillar", "plan_id = ?", params);
  n_pillars = MIN (g_list_model_get_n_items (G_LIST_MODEL (pillars)), G_N_ELEMENTS (lane_h));
  pillar_rank = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint p = 0; p < n_pillars; p++)
    {
      g_autoptr(ZxRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), p);
      int i = add_node (self, ZX_STRATEGY_NODE_PILLAR, zx_record_get_id (pillar), zx_record_get_string (pillar, "name"));

      NODE (self, i)->pillar = i;
      NODE (self, i)->pillar_rank = (int) p;
      NODE (self, i)->parent = goal;
      g_array_append_val (self->pillar_nodes, i);
      g_hash_table_insert (pillar_rank, (gpointer) NODE (self, i)->id, GINT_TO_POINTER (p + 1));
      g_ptr_array_add (pillar_names, NODE (self, i)->label);
    }

  year_text = g_strdup_printf ("%d", self->year);
  params[0] = year_text;
  pledges = zx_store_list (store, "pledge", "year = ?", params);
  signed_depts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (pledges));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) pledge = g_list_model_get_item (G_LIST_MODEL (pledges), i);

      if (!zx_record_is_null (pledge, "signed_at"))
        g_hash_table_add (signed_depts, g_strdup (zx_record_get_string (pledge, "department_id")));
    }

  /* Every department gets a card, in rank order */
  cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (cards, card_clear);
  dept_card = g_hash_table_new (g_str_hash, g_str_equal);
  if (self->department_id != NULL)
    {
      const char *only[] = { self->department_id, NULL };

      departments = zx_store_list (store, "department", "id = ?", only);
      if (g_list_model_get_n_items (G_LIST_MODEL (departments)) == 0)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND, _("The department no longer exists."));
          return FALSE;
        }
      {
        g_autoptr(ZxRecord) dept = g_list_model_get_item (G_LIST_MODEL (departments), 0);

        self->department_name = g_strdup (zx_record_get_string (dept, "name"));
      }
    }
  else
    departments = zx_store_list (store, "department", NULL, NULL);
  n = n_pillars > 0 ? g_list_model_get_n_items (G_LIST_MODEL (departments)) : 0;
  for (guint d = 0; d < n; d++)
    {
      g_autoptr(ZxRecord) dept = g_list_model_get_item (G_LIST_MODEL (departments), d);
      Card card = { 0 };

      card.node = add_node (self, ZX_STRATEGY_NODE_DEPARTMENT, zx_record_get_id (dept), zx_record_get_string (dept, "name"));
      NODE (self, card.node)->pledge_signed = g_hash_table_contains (signed_depts, zx_record_get_id (dept));
      card.battles = g_array_new (FALSE, FALSE, sizeof (int));
      card.lane = -1;
      g_array_append_val (cards, card);
      g_hash_table_insert (dept_card, (gpointer) NODE (self, card.node)->id, GUINT_TO_POINTER (cards->len));
    }

  battles = zx_store_list (store, "battle", NULL, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (battles));
  for (guint b = 0; b < n; b++)
    {
      g_autoptr(ZxRecord) battle = g_list_model_get_item (G_LIST_MODEL (battles), b);
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (pillar_rank, zx_record_get_string (battle, "pillar_id")));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (dept_card, zx_record_get_string (battle, "department_id")));
      int i;

      if (rank == 0 || c == 0)
        continue;   /* another plan's battle, or a deleted department's */
      i = add_node (self, ZX_STRATEGY_NODE_BATTLE, zx_record_get_id (battle), zx_record_get_string (battle, "name"));
      NODE (self, i)->status = status_from_string (zx_record_get_string (battle, "status"));
      NODE (self, i)->pillar_rank = (int) rank - 1;
      NODE (self, i)->pillar = g_array_index (self->pillar_nodes, int, rank - 1);
      NODE (self, i)->parent = g_array_index (cards, Card, c - 1).node;
      g_array_append_val (g_array_index (cards, Card, c - 1).battles, i);
    }

  factors = zx_store_list (store, "success_factor", NULL, NULL);

  /* Once OKRs exist, battles and pillars show their progress */
  {
    g_autoptr(ZxProgressIndex) progress = NULL;
    ZxProgressParams params;
    GDate today;

    store_today (store, &today);
    zx_progress_params_init_default (&params);
    progress = zx_progress_index_new (store, &today, &params, NULL);
    for (guint i = 0; progress != NULL && i < self->nodes->len; i++)
      {
        ZxStrategyNode *node = NODE (self, i);
        const ZxProgress *p;

        if (node->type != ZX_STRATEGY_NODE_BATTLE && node->type != ZX_STRATEGY_NODE_PILLAR)
          continue;
        p = zx_progress_index_lookup (progress, node->id);
        if (p == NULL || !p->has_progress)
          continue;
        node->has_progress = TRUE;
        node->progress = CLAMP (p->progress, 0, 1);
        node->health = p->health;
        if (node->type == ZX_STRATEGY_NODE_BATTLE)
          {
            g_autofree char *percent = g_strdup_printf (_("%d%%"), (int) (node->progress * 100 + 0.5));

            node->progress_text = zx_strategy_layout_create_text (self, percent, SMALL_SIZE, FALSE);
          }
      }
  }

  /* Measuring and placing ---------------------------------------------------------- */
  layout_legend (self, pillar_names);

  caption_h = text_height (self->caption_text);
  {
    ZxStrategyNode *g = NODE (self, goal);

    g->text = wrapped_text (self, g->label, GOAL_SIZE, TRUE, GOAL_W - 48, 3, PANGO_ALIGN_CENTER, &text_h);
    goal_h = 16 + caption_h + 4 + text_h + 16;
    g->rect.width = GOAL_W;
    g->rect.height = goal_h;
    g->text_rect = (ZxStrategyRect) { 24, 16 + caption_h + 4, GOAL_W - 48, text_h };
  }

  for (guint p = 0; p < n_pillars; p++)
    {
      ZxStrategyNode *node = NODE (self, g_array_index (self->pillar_nodes, int, p));

      node->text = wrapped_text (self, node->label, PILLAR_SIZE, TRUE, PILLAR_W - 28, 3, PANGO_ALIGN_CENTER, &text_h);
      node->text_rect = (ZxStrategyRect) { 14, 0, PILLAR_W - 28, text_h };
      pillar_h = MAX (pillar_h, text_h + 28);
    }

  /* Each department's card: its dominant pillar decides its lane */
  dominant_count = g_new0 (int, MAX (n_pillars, 1));
  lane_heights = lane_h;
  for (guint c = 0; c < cards->len; c++)
    {
      Card *card = &g_array_index (cards, Card, c);
      ZxStrategyNode *header = NODE (self, card->node);
      double badge_w = header->pledge_signed ? 0 : text_width (self->badge_text) + 2 * BADGE_PAD + 8;
      int best = -1;

      /* The pillar most of its battles serve; between pillars served
       * equally, the one whose lane holds least so far */
      memset (dominant_count, 0, sizeof (int) * n_pillars);
      for (guint b = 0; b < card->battles->len; b++)
        dominant_count[NODE (self, g_array_index (card->battles, int, b))->pillar_rank]++;
      for (guint r = 0; r < n_pillars; r++)
        if (dominant_count[r] > 0 &&
            (best < 0 || dominant_count[r] > dominant_count[best] ||
             (dominant_count[r] == dominant_count[best] && lane_heights[r] < lane_heights[best])))
          best = (int) r;
      header = NODE (self, card->node);
      if (best >= 0)
        {
          header->pillar_rank = best;
          header->pillar = g_array_index (self->pillar_nodes, int, best);
        }
      header->text = wrapped_text (self, header->label, DEPT_SIZE, TRUE, CARD_W - 2 * CARD_PAD - 6 - badge_w, 1,
                                   PANGO_ALIGN_LEFT, &text_h);
      header->rect.width = CARD_W;
      header->rect.height = HEADER_H;
      header->text_rect = (ZxStrategyRect) { CARD_PAD + 4, (HEADER_H - text_h) / 2, CARD_W - 2 * CARD_PAD - 6 - badge_w, text_h };

      card->height = HEADER_H;
      for (guint b = 0; b < card->battles->len; b++)
        {
          ZxStrategyNode *node = NODE (self, g_array_index (card->battles, int, b));

          node->text = wrapped_text (self, node->label, BATTLE_SIZE, FALSE, BATTLE_W - STRIPE_W - 14, 2,
                                     PANGO_ALIGN_LEFT, &text_h);
          node->rect.width = BATTLE_W;
          node->rect.height = 7 + text_h + 3 + STATUS_H + 6;
          node->text_rect = (ZxStrategyRect) { STRIPE_W + 8, 7, BATTLE_W - STRIPE_W - 14, text_h };
          card->height += node->rect.height + BATTLE_GAP;
        }
      card->height += card->battles->len > 0 ? CARD_PAD - BATTLE_GAP : 0;
      card->height += CARD_PAD;
      if (best >= 0)
        {
          card->lane = best;
          lane_heights[best] += card->height + CARD_GAP;
        }
    }

  /* Departments without battles join the lane with the least to carry */
  for (guint c = 0; c < cards->len; c++)
    {
      Card *card = &g_array_index (cards, Card, c);
      guint shortest = 0;

      if (card->lane >= 0)
        continue;
      for (guint p = 1; p < n_pillars; p++)
        if (lane_heights[p] < lane_heights[shortest])
          shortest = p;
      card->lane = (int) shortest;
      lane_heights[shortest] += card->height + CARD_GAP;
    }

  /* Columns per lane: about the same height for every lane, the whole
   * department area about DEPT_ASPECT times as wide as high. */
  lane_cols = g_newa (int, MAX (n_pillars, 1));
  {
    double area = 0, target_h;

    for (guint p = 0; p < n_pillars; p++)
      area += lane_heights[p] * (CARD_W + CARD_GAP);
    target_h = MAX (sqrt (area / DEPT_ASPECT), 1.0);
    for (guint p = 0; p < n_pillars; p++)
      {
        guint n_cards = 0;

        for (guint c = 0; c < cards->len; c++)
          n_cards += g_array_index (cards, Card, c).lane == (int) p;
        lane_cols[p] = (int) CLAMP (ceil (lane_heights[p] / target_h - 0.15), 1, MAX (n_cards, 1));
      }
  }

  /* The lanes, side by side */
  total_w = MARGIN;
  for (guint p = 0; p < n_pillars; p++)
    {
      ZxStrategyRect lane = { 0 };
      double cards_w = lane_cols[p] * CARD_W + (lane_cols[p] - 1) * CARD_GAP;

      lane.x = total_w;
      lane.width = MAX (PILLAR_W, cards_w) + 2 * LANE_PAD;
      g_array_append_val (self->lanes, lane);
      total_w += lane.width + LANE_GAP;
    }
  total_w = MAX (total_w - LANE_GAP + MARGIN, 0);

  /* The top band: the legend at the left, the goal centred over the lanes */
  goal_x = (total_w - GOAL_W) / 2;
  goal_x = MAX (goal_x, self->legend_rect.x + self->legend_rect.width + 32);
  total_w = MAX (total_w, goal_x + GOAL_W + MARGIN);
  NODE (self, goal)->rect.x = goal_x;
  NODE (self, goal)->rect.y = MARGIN;
  y = MARGIN + MAX (goal_h, self->legend_rect.height) + 48;

  /* Pillars, then their factors */
  factor_bottom = y + pillar_h;
  for (guint p = 0; p < n_pillars; p++)
    {
      ZxStrategyRect *lane = &g_array_index (self->lanes, ZxStrategyRect, p);
      int pi = g_array_index (self->pillar_nodes, int, p);
      ZxStrategyNode *node = NODE (self, pi);
      double fy;

      node->rect = (ZxStrategyRect) { lane->x + (lane->width - PILLAR_W) / 2, y, PILLAR_W, pillar_h };
      node->text_rect.y = (pillar_h - node->text_rect.height) / 2;
      lane->y = y - 16;

      fy = y + pillar_h + 14;
      n = g_list_model_get_n_items (G_LIST_MODEL (factors));
      for (guint f = 0; f < n; f++)
        {
          g_autoptr(ZxRecord) factor = g_list_model_get_item (G_LIST_MODEL (factors), f);
          ZxStrategyNode *fnode;
          int fi;

          if (g_strcmp0 (zx_record_get_string (factor, "pillar_id"), node->id) != 0)
            continue;
          fi = add_node (self, ZX_STRATEGY_NODE_FACTOR, zx_record_get_id (factor), zx_record_get_string (factor, "name"));
          fnode = NODE (self, fi);
          node = NODE (self, pi);   /* the array may have moved */
          fnode->pillar = pi;
          fnode->pillar_rank = (int) p;
          fnode->parent = pi;
          fnode->text = wrapped_text (self, fnode->label, FACTOR_SIZE, FALSE, FACTOR_W - STRIPE_W - 18, 3,
                                      PANGO_ALIGN_LEFT, &text_h);
          fnode->rect = (ZxStrategyRect) { lane->x + (lane->width - FACTOR_W) / 2, fy, FACTOR_W, text_h + 16 };
          fnode->text_rect = (ZxStrategyRect) { STRIPE_W + 10, 8, FACTOR_W - STRIPE_W - 18, text_h };
          fy += fnode->rect.height + FACTOR_GAP;
        }
      factor_bottom = MAX (factor_bottom, fy - FACTOR_GAP);
    }

  /* The department cards: masonry inside each lane */
  dept_top = factor_bottom + 64;
  self->height = dept_top;
  for (guint p = 0; p < n_pillars; p++)
    {
      ZxStrategyRect *lane = &g_array_index (self->lanes, ZxStrategyRect, p);
      double cards_w = lane_cols[p] * CARD_W + (lane_cols[p] - 1) * CARD_GAP;
      double x0 = lane->x + (lane->width - cards_w) / 2;
      double *col_y = g_newa (double, lane_cols[p]);

      for (int k = 0; k < lane_cols[p]; k++)
        col_y[k] = dept_top;
      for (guint c = 0; c < cards->len; c++)
        {
          Card *card = &g_array_index (cards, Card, c);
          ZxStrategyNode *header;
          int k = 0;
          double cx, by;

          if (card->lane != (int) p)
            continue;
          for (int j = 1; j < lane_cols[p]; j++)
            if (col_y[j] < col_y[k] - 0.5)
              k = j;
          cx = x0 + k * (CARD_W + CARD_GAP);
          header = NODE (self, card->node);
          header->rect.x = cx;
          header->rect.y = col_y[k];
          header->group = (ZxStrategyRect) { cx, col_y[k], CARD_W, card->height };
          by = col_y[k] + HEADER_H;
          for (guint b = 0; b < card->battles->len; b++)
            {
              ZxStrategyNode *node = NODE (self, g_array_index (card->battles, int, b));

              node->rect.x = cx + CARD_PAD;
              node->rect.y = by;
              by += node->rect.height + BATTLE_GAP;
            }
          col_y[k] += card->height + CARD_GAP;
          self->height = MAX (self->height, col_y[k] - CARD_GAP);
        }
    }
  self->height += MARGIN;
  self->width = total_w;
  for (guint p = 0; p < n_pillars; p++)
    {
      ZxStrategyRect *lane = &g_array_index (self->lanes, ZxStrategyRect, p);

      lane->height = self->height - MARGIN + 16 - lane->y;
    }

  /* Links: each battle to its pillar, leaving the battle at its side
   * facing the pillar and arriving at the pillar's foot */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      ZxStrategyNode *node = NODE (self, i);
      ZxStrategyNode *pillar;
      ZxStrategyEdge edge;
      double px, py, bx, by, mid;

      if (node->type != ZX_STRATEGY_NODE_BATTLE)
        continue;
      pillar = NODE (self, node->pillar);
      px = pillar->rect.x + pillar->rect.width / 2;
      py = pillar->rect.y + pillar->rect.height;
      by = node->rect.y + node->rect.height / 2;
      if (px < node->rect.x + node->rect.width / 2)
        bx = node->rect.x - CARD_PAD;
      else
        bx = node->rect.x + node->rect.width + CARD_PAD;
      mid = factor_bottom + 32;
      edge.from = (int) i;
      edge.to = node->pillar;
      edge.x0 = bx;
      edge.y0 = by;
      edge.x1 = bx + (bx < node->rect.x ? -CARD_GAP / 2 : CARD_GAP / 2);
      edge.y1 = mid;
      edge.x2 = px;
      edge.y2 = mid;
      edge.x3 = px;
      edge.y3 = py;
      g_array_append_val (self->edges, edge);
    }

  return TRUE;
}

ZxStrategyLayout *
zx_strategy_layout_new (ZxStore     *store,
                        const char  *plan_id,
                        int          year,
                        GError     **error)
{
  g_autoptr(ZxStrategyLayout) self = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ZX_TYPE_STRATEGY_LAYOUT, NULL);
  self->year = year > 0 ? year : store_year (store);
  if (!load (self, store, plan_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

ZxStrategyLayout *
zx_strategy_layout_new_for_department (ZxStore     *store,
                                       const char  *plan_id,
                                       const char  *department_id,
                                       int          year,
                                       GError     **error)
{
  g_autoptr(ZxStrategyLayout) self = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (department_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ZX_TYPE_STRATEGY_LAYOUT, NULL);
  self->year = year > 0 ? year : store_year (store);
  self->department_id = g_strdup (department_id);
  if (!load (self, store, plan_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Queries -------------------------------------------------------------------------------- */

const char *
zx_strategy_layout_get_department_name (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  return self->department_name;
}

const char *
zx_strategy_layout_get_plan_id (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  return self->plan_id;
}

const char *
zx_strategy_layout_get_plan_name (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  return self->plan_name;
}

const char *
zx_strategy_layout_get_hospital_name (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  return self->hospital_name;
}

int
zx_strategy_layout_get_year (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), 0);
  return self->year;
}

void
zx_strategy_layout_get_size (ZxStrategyLayout *self,
                             double           *width,
                             double           *height)
{
  g_return_if_fail (ZX_IS_STRATEGY_LAYOUT (self));
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

guint
zx_strategy_layout_get_n_nodes (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), 0);
  return self->nodes->len;
}

const ZxStrategyNode *
zx_strategy_layout_get_node (ZxStrategyLayout *self,
                             guint             index)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);
  return NODE (self, index);
}

int
zx_strategy_layout_find (ZxStrategyLayout *self,
                         const char       *id)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), -1);
  if (id == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->by_id, id)) - 1;
}

gboolean
zx_strategy_layout_get_bounds (ZxStrategyLayout *self,
                               int               index,
                               ZxStrategyRect   *rect)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), FALSE);
  if (index < 0 || (guint) index >= self->nodes->len)
    return FALSE;
  *rect = NODE (self, index)->rect;
  return TRUE;
}

static inline gboolean
rect_contains (const ZxStrategyRect *r,
               double                x,
               double                y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

int
zx_strategy_layout_hit_test (ZxStrategyLayout *self,
                             double            x,
                             double            y)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), -1);

  /* Nodes do not overlap: the first hit is the only one */
  for (guint i = 0; i < self->nodes->len; i++)
    if (rect_contains (&NODE (self, i)->rect, x, y))
      return (int) i;
  return -1;
}

int
zx_strategy_layout_get_neighbour (ZxStrategyLayout    *self,
                                  int                  index,
                                  ZxStrategyDirection  direction)
{
  const ZxStrategyNode *from;
  double fx, fy, best_score = G_MAXDOUBLE;
  int best = -1;

  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), -1);
  if (index < 0 || (guint) index >= self->nodes->len)
    return self->nodes->len > 0 ? 0 : -1;

  from = NODE (self, index);
  fx = from->rect.x + from->rect.width / 2;
  fy = from->rect.y + from->rect.height / 2;
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const ZxStrategyNode *to = NODE (self, i);
      double primary, secondary, score;
      /* the gap between the facing edges along the axis, and the centres'
       * offset across it */
      switch (direction)
        {
        case ZX_STRATEGY_DIRECTION_LEFT:
          primary = from->rect.x - (to->rect.x + to->rect.width);
          secondary = fy - (to->rect.y + to->rect.height / 2);
          break;
        case ZX_STRATEGY_DIRECTION_RIGHT:
          primary = to->rect.x - (from->rect.x + from->rect.width);
          secondary = fy - (to->rect.y + to->rect.height / 2);
          break;
        case ZX_STRATEGY_DIRECTION_UP:
          primary = from->rect.y - (to->rect.y + to->rect.height);
          secondary = fx - (to->rect.x + to->rect.width / 2);
          break;
        case ZX_STRATEGY_DIRECTION_DOWN:
        default:
          primary = to->rect.y - (from->rect.y + from->rect.height);
          secondary = fx - (to->rect.x + to->rect.width / 2);
          break;
        }
      if ((int) i == index || primary < -0.5)
        continue;
      score = MAX (primary, 0) + 2.0 * fabs (secondary);
      if (score < best_score)
        {
          best_score = score;
          best = (int) i;
        }
    }
  return best;
}

gboolean
zx_strategy_layout_get_chain (ZxStrategyLayout *self,
                              int               index,
                              guint8           *mask)
{
  int pillar;

  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), FALSE);
  g_return_val_if_fail (mask != NULL, FALSE);

  memset (mask, 0, self->nodes->len);
  if (index < 0 || (guint) index >= self->nodes->len)
    return FALSE;
  pillar = NODE (self, index)->pillar;
  if (pillar < 0)
    return FALSE;

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const ZxStrategyNode *node = NODE (self, i);

      if (node->pillar != pillar)
        continue;
      if (node->type == ZX_STRATEGY_NODE_DEPARTMENT)
        continue;   /* a department is in the chain when one of its battles is */
      mask[i] = 1;
      if (node->type == ZX_STRATEGY_NODE_BATTLE && node->parent >= 0)
        mask[node->parent] = 1;
    }
  return TRUE;
}

guint
zx_strategy_layout_get_n_edges (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), 0);
  return self->edges->len;
}

const ZxStrategyEdge *
zx_strategy_layout_get_edge (ZxStrategyLayout *self,
                             guint             index)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);
  return &g_array_index (self->edges, ZxStrategyEdge, index);
}

guint
zx_strategy_layout_get_n_pillars (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), 0);
  return self->pillar_nodes->len;
}

gboolean
zx_strategy_layout_get_lane (ZxStrategyLayout *self,
                             guint             pillar_rank,
                             ZxStrategyRect   *rect)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), FALSE);
  if (pillar_rank >= self->lanes->len)
    return FALSE;
  *rect = g_array_index (self->lanes, ZxStrategyRect, pillar_rank);
  return TRUE;
}

guint
zx_strategy_layout_get_n_legend_items (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), 0);
  return self->legend->len;
}

const ZxStrategyLegendItem *
zx_strategy_layout_get_legend_item (ZxStrategyLayout *self,
                                    guint             index)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->legend->len, NULL);
  return &g_array_index (self->legend, ZxStrategyLegendItem, index);
}

void
zx_strategy_layout_get_legend_rect (ZxStrategyLayout *self,
                                    ZxStrategyRect   *rect)
{
  g_return_if_fail (ZX_IS_STRATEGY_LAYOUT (self));
  *rect = self->legend_rect;
}

PangoLayout *
zx_strategy_layout_get_status_text (ZxStrategyLayout *self,
                                    ZxStrategyStatus  status)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  if (status < 0 || status >= ZX_STRATEGY_N_STATUS)
    return NULL;
  return self->status_text[status];
}

PangoLayout *
zx_strategy_layout_get_badge_text (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  return self->badge_text;
}

PangoLayout *
zx_strategy_layout_get_caption_text (ZxStrategyLayout *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_LAYOUT (self), NULL);
  return self->caption_text;
}
