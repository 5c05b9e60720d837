/* zx-minutes-document.c — an OKR review meeting's minutes (会议纪要) as a printable A4 document
 *
 * The document is laid out once, when it is made.  Its content is built as
 * blocks — the particulars, the notes, one block per key result reviewed,
 * one per decision, the signatures — and each block is a list of rows: one
 * line of text (or of two columns of text side by side), with the rules and
 * boxes that go with it.  Pages break only between rows; a key result, a
 * decision (the last one with the signatures) and the particulars are never
 * cut when they fit on a page: they move to the next page whole.  Each page
 * keeps its drawing operations, with Pango layouts measured at 72 dpi
 * without hinting, so one point is one unit on every surface; drawing a page
 * replays them on any cairo context, so the PDF export, the print dialog and
 * its preview all show the same pages.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-minutes-document"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "zx-minutes-document.h"

#define PAGE_W        ZX_MINUTES_PAGE_WIDTH
#define PAGE_H        ZX_MINUTES_PAGE_HEIGHT
#define MARGIN_X      64.0
#define MARGIN_TOP    62.0
#define MARGIN_BOTTOM 74.0
#define CONTENT_W     (PAGE_W - 2 * MARGIN_X)
#define CONTENT_END   (PAGE_H - MARGIN_BOTTOM)
#define CONTENT_H     (CONTENT_END - MARGIN_TOP)

/* 宋体 for text, 黑体 for headings and labels, as Chinese official papers
 * set them.  The CJK faces come first in every language: their Latin
 * letters match the Chinese names and titles the minutes are made of. */
#define SERIF "Noto Serif CJK SC, Source Han Serif SC, Noto Sans CJK SC, serif"
#define SANS  "Noto Sans CJK SC, Source Han Sans SC, Noto Serif CJK SC, sans-serif"

typedef enum
{
  FONT_HOSPITAL,
  FONT_TITLE,
  FONT_HEADING,
  FONT_BODY,     /* the notes */
  FONT_ITEM,     /* a key result's number, title and progress */
  FONT_TEXT,     /* answers, decisions */
  FONT_LABEL,    /* the labels before answers and in the particulars */
  FONT_META,     /* objective and owner; a decision's owner, deadline, status */
  FONT_MARK,     /* "No owner yet" */
  FONT_SMALL,    /* running header and footer */
  N_FONTS
} Font;

static const struct { gboolean sans; const char *style; } font_specs[N_FONTS] = {
  [FONT_HOSPITAL] = { FALSE, "14" },
  [FONT_TITLE]    = { FALSE, "Bold 19" },
  [FONT_HEADING]  = { TRUE, "Bold 12.5" },
  [FONT_BODY]     = { FALSE, "11" },
  [FONT_ITEM]     = { TRUE, "Bold 10.5" },
  [FONT_TEXT]     = { FALSE, "10.5" },
  [FONT_LABEL]    = { TRUE, "9.5" },
  [FONT_META]     = { FALSE, "9.5" },
  [FONT_MARK]     = { TRUE, "Bold 9" },
  [FONT_SMALL]    = { FALSE, "9" },
};
#define FONT_BODY_SIZE 11.0

#define RULE_WIDTH   0.75
#define HAIRLINE     0.5
#define CELL_PAD_X   6.0
#define CELL_PAD_Y   5.0
#define NUMBER_W     24.0   /* the column of item and decision numbers */
#define PERCENT_W    34.0   /* "100%" */
#define BAR_W        48.0
#define BAR_H        6.0
#define LABEL_GAP    10.0
#define GREY_META    0.32   /* ink of secondary text */
#define GREY_LABEL   0.25

typedef enum
{
  OP_LAYOUT,      /* a whole layout with its top-left at x, y */
  OP_LINE,        /* one line of a layout, its row's top at y */
  OP_FILL,        /* a rectangle filled with grey */
  OP_BOX,         /* a rectangle's outline */
  OP_RULE,        /* a horizontal line from x to x + w at y, h thick */
} OpKind;

typedef struct
{
  OpKind       kind;
  double       x, y, w, h;
  double       baseline;   /* OP_LINE: from y */
  int          line;       /* OP_LINE */
  double       grey;       /* the ink (or the fill): 0 black, 1 white */
  PangoLayout *layout;
} Op;

/* A row of a block: the unit pages break between */
typedef struct
{
  double   height;
  double   baseline;   /* of its text, from its top */
  gboolean spacer;     /* space (maybe with a rule) that a page break swallows */
  GArray  *ops;        /* of Op, y from the row's top */
} Row;

struct _ZxMinutesDocument
{
  GObject       parent_instance;

  PangoContext *context;
  PangoFontDescription *fonts[N_FONTS];
  GPtrArray    *pages;        /* of GArray of Op */

  char         *title;
  char         *department;
  char         *held_on;
  char         *hospital;
  char         *printed_on;
};

static void zx_minutes_document_printable_init (ZxPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZxMinutesDocument, zx_minutes_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ZX_TYPE_PRINTABLE,
                                                      zx_minutes_document_printable_init))

/* What the document shows, read from the store ----------------------------- */

enum { ANSWER_PROGRESS, ANSWER_OBSTACLES, ANSWER_SUPPORT, N_ANSWERS };

static const char * const answer_fields[N_ANSWERS] = { "progress", "obstacles", "support_needed" };

typedef struct
{
  char   *objective;
  char   *title;
  char   *owner;            /* NULL when nobody is named */
  double  progress;         /* 0 to 1 */
  char   *answers[N_ANSWERS];
} ItemData;

static void
item_data_clear (gpointer data)
{
  ItemData *item = data;

  g_free (item->objective);
  g_free (item->title);
  g_free (item->owner);
  for (guint i = 0; i < N_ANSWERS; i++)
    g_free (item->answers[i]);
}

typedef struct
{
  char  *content;
  char  *owner;             /* NULL: no owner yet */
  char  *deadline;          /* formatted; NULL when none */
  char  *status;            /* translated */
  char  *created_at;        /* for the order */
  guint  index;             /* the store's order, to break ties */
} DecisionData;

static void
decision_data_clear (gpointer data)
{
  DecisionData *decision = data;

  g_free (decision->content);
  g_free (decision->owner);
  g_free (decision->deadline);
  g_free (decision->status);
  g_free (decision->created_at);
}

typedef struct
{
  char   *hospital;         /* NULL when the hospital has no name yet */
  char   *department;       /* the department, or "Whole hospital" */
  char   *meeting;          /* the meeting's own title */
  char   *title;            /* the document's heading */
  char   *held_on;          /* formatted */
  char   *cycle;            /* NULL when none */
  char   *notes;            /* NULL when blank */
  GArray *items;            /* of ItemData, in their order */
  GArray *decisions;        /* of DecisionData, in the order they were made */
} MinutesData;

static void
minutes_data_clear (MinutesData *data)
{
  g_free (data->hospital);
  g_free (data->department);
  g_free (data->meeting);
  g_free (data->title);
  g_free (data->held_on);
  g_free (data->cycle);
  g_free (data->notes);
  g_clear_pointer (&data->items, g_array_unref);
  g_clear_pointer (&data->decisions, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MinutesData, minutes_data_clear)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double     *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_double (node);
  return TRUE;
}

static ZxRecord *
first_record (ZxStore             *store,
              const char          *entity,
              const char          *where,
              const char * const  *params)
{
  g_autoptr(GListStore) list = zx_store_list (store, entity, where, params);

  if (list == NULL || g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

static char *
format_date (const char *iso_date)
{
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  date = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (date == NULL)
    return NULL;
  /* Translators: a date in the printed minutes (held on, deadlines, printed on);
   * a g_date_time_format() format, e.g. "%Y年%-m月%-d日" */
  return g_date_time_format (date, _("%Y-%m-%d"));
}

/* How far a key result has come from its start to its target, 0 to 1.
 *
 * Deliberately small and kept on its own: the core's progress module (being
 * written) will replace it, and this is the one place to swap it in.
 * Numeric and percentage: (current − start) / (target − start), which holds
 * for “lower is better” targets too, clamped to 0..1; no current value yet
 * counts as the start.  Milestone: done (100%) when current ≥ 1. */
static double
key_result_progress (JsonObject *key_result)
{
  double start, target, current;

  if (g_strcmp0 (member_string (key_result, "kind"), "milestone") == 0)
    return member_number (key_result, "current_value", &current) && current >= 1 ? 1.0 : 0.0;

  if (!member_number (key_result, "start_value", &start) ||
      !member_number (key_result, "target_value", &target) ||
      !member_number (key_result, "current_value", &current) ||
      target == start)
    return 0.0;
  return CLAMP ((current - start) / (target - start), 0.0, 1.0);
}

static char *
staff_name (ZxStore    *store,
            const char *staff_id)
{
  char *name;

  if (staff_id == NULL)
    return NULL;
  name = zx_store_get_display (store, "staff", staff_id);
  if (is_blank (name))
    g_clear_pointer (&name, g_free);
  return name;
}

static const char *
meeting_heading (const char *kind)
{
  if (g_strcmp0 (kind, "weekly_review") == 0)
    /* Translators: the heading of the printed minutes of a weekly review, e.g. "OKR周例会纪要" */
    return _("Weekly OKR Review — Minutes");
  if (g_strcmp0 (kind, "monthly_review") == 0)
    /* Translators: the heading of the printed minutes of a monthly review, e.g. "OKR月度复盘会纪要" */
    return _("Monthly OKR Review — Minutes");
  /* Translators: the heading of the printed minutes of any other meeting, e.g. "会议纪要" */
  return _("Meeting Minutes");
}

static char *
decision_status (const char *status)
{
  if (g_strcmp0 (status, "done") == 0)
    /* Translators: a decision of a meeting has been carried out, e.g. "已办结" */
    return g_strdup (C_("decision status", "Done"));
  if (g_strcmp0 (status, "dropped") == 0)
    /* Translators: a decision of a meeting was withdrawn, e.g. "已撤销" */
    return g_strdup (C_("decision status", "Dropped"));
  /* Translators: a decision of a meeting is still being carried out, e.g. "办理中" */
  return g_strdup (C_("decision status", "Open"));
}

static void
read_item (ZxStore  *store,
           ZxRecord *record,
           ItemData *item)
{
  g_autoptr(JsonObject) key_result = NULL;
  g_autoptr(JsonObject) objective = NULL;
  const char *owner_id;

  /* A key result deleted since keeps its row: the minutes still name it */
  key_result = zx_store_get (store, "key_result", zx_record_get_string (record, "key_result_id"), NULL);
  if (key_result != NULL)
    objective = zx_store_get (store, "objective", member_string (key_result, "objective_id"), NULL);

  item->title = g_strdup (member_string (key_result, "title"));
  item->objective = g_strdup (member_string (objective, "title"));
  item->progress = key_result != NULL ? key_result_progress (key_result) : 0.0;

  /* The key result's owner, else its objective's */
  owner_id = member_string (key_result, "owner_id");
  item->owner = staff_name (store, owner_id);
  if (item->owner == NULL)
    item->owner = staff_name (store, member_string (objective, "owner_id"));

  for (guint i = 0; i < N_ANSWERS; i++)
    {
      const char *text = zx_record_get_string (record, answer_fields[i]);

      item->answers[i] = is_blank (text) ? NULL : g_strstrip (g_strdup (text));
    }
}

static int
compare_decisions (gconstpointer a,
                   gconstpointer b)
{
  const DecisionData *da = a, *db = b;
  int cmp = g_strcmp0 (da->created_at, db->created_at);

  if (cmp != 0)
    return cmp;
  return da->index < db->index ? -1 : da->index > db->index;
}

static gboolean
read_minutes (ZxStore      *store,
              const char   *meeting_id,
              MinutesData  *data,
              GError      **error)
{
  g_autoptr(ZxRecord) meeting = NULL;
  g_autoptr(ZxRecord) hospital = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GListStore) decisions = NULL;
  const char *params[] = { meeting_id, NULL };
  guint n;

  if (meeting_id != NULL)
    meeting = first_record (store, "meeting", "id = ?", params);
  if (meeting == NULL)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                           _("The meeting does not exist or was deleted: its minutes cannot be printed."));
      return FALSE;
    }

  hospital = first_record (store, "hospital", NULL, NULL);
  if (hospital != NULL && !is_blank (zx_record_get_string (hospital, "name")))
    data->hospital = g_strdup (zx_record_get_string (hospital, "name"));

  if (!zx_record_is_null (meeting, "department_id"))
    data->department = zx_store_get_display (store, "department",
                                             zx_record_get_string (meeting, "department_id"));
  if (data->department == NULL)
    /* Translators: in the printed minutes, the "department" of a meeting held for the whole hospital */
    data->department = g_strdup (_("Whole hospital"));

  data->meeting = g_strdup (zx_record_get_string (meeting, "title"));
  data->title = g_strdup (meeting_heading (zx_record_get_string (meeting, "kind")));
  data->held_on = format_date (zx_record_get_string (meeting, "held_on"));
  if (data->held_on == NULL)
    data->held_on = g_strdup (zx_record_get_string (meeting, "held_on"));
  if (!zx_record_is_null (meeting, "cycle_id"))
    data->cycle = zx_store_get_display (store, "cycle", zx_record_get_string (meeting, "cycle_id"));
  if (!is_blank (zx_record_get_string (meeting, "notes")))
    data->notes = g_strdup (zx_record_get_string (meeting, "notes"));

  /* The key results reviewed, in the order of the meeting's agenda */
  items = zx_store_list (store, "meeting_item", "meeting_id = ?", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  data->items = g_array_sized_new (FALSE, TRUE, sizeof (ItemData), n);
  g_array_set_clear_func (data->items, item_data_clear);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (items), i);
      ItemData item = { NULL };

      read_item (store, record, &item);
      g_array_append_val (data->items, item);
    }

  /* The decisions, in the order they were taken */
  decisions = zx_store_list (store, "decision", "meeting_id = ?", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (decisions));
  data->decisions = g_array_sized_new (FALSE, TRUE, sizeof (DecisionData), n);
  g_array_set_clear_func (data->decisions, decision_data_clear);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (decisions), i);
      DecisionData decision = { NULL };

      decision.content = g_strstrip (g_strdup (zx_record_get_string (record, "content")));
      decision.owner = staff_name (store, zx_record_get_string (record, "owner_id"));
      decision.deadline = format_date (zx_record_get_string (record, "deadline"));
      decision.status = decision_status (zx_record_get_string (record, "status"));
      decision.created_at = g_strdup (zx_record_get_string (record, "created_at"));
      decision.index = i;
      g_array_append_val (data->decisions, decision);
    }
  g_array_sort (data->decisions, compare_decisions);

  return TRUE;
}

/* Layouts ---------------------------------------------------------------------- */

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static GArray *
op_array_new (void)
{
  GArray *ops = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (ops, op_clear);
  return ops;
}

static PangoLayout *
make_layout (ZxMinutesDocument *self,
             const char        *text,
             Font               font,
             double             width,
             PangoAlignment     alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[font]);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return pango_units_to_double (width);
}

/* Blocks of rows ------------------------------------------------------------------ */

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->ops, g_array_unref);
}

static GArray *
block_new (void)
{
  GArray *block = g_array_new (FALSE, TRUE, sizeof (Row));

  g_array_set_clear_func (block, row_clear);
  return block;
}

/* The pointer is good until the next row is added */
static Row *
block_add_row (GArray   *block,
               double    height,
               gboolean  spacer)
{
  Row row = { height, 0, spacer, op_array_new () };

  g_array_append_val (block, row);
  return &g_array_index (block, Row, block->len - 1);
}

static Row *
block_row (GArray *block,
           guint   index)
{
  return &g_array_index (block, Row, index);
}

static void
row_add_shape (Row    *row,
               OpKind  kind,
               double  x,
               double  y,
               double  w,
               double  h,
               double  grey)
{
  Op op = { kind, x, y, w, h, 0, 0, grey, NULL };

  g_array_append_val (row->ops, op);
}

/* Takes @layout */
static void
row_add_layout (Row         *row,
                PangoLayout *layout,
                double       x,
                double       y,
                double       grey)
{
  Op op = { OP_LAYOUT, x, y, 0, 0, 0, 0, grey, layout };

  g_array_append_val (row->ops, op);
}

static void
block_add_space (GArray *block,
                 double  height)
{
  block_add_row (block, height, TRUE);
}

/* Moves the rows of @src (which is freed) to the end of @dest */
static void
block_append (GArray *dest,
              GArray *src)
{
  g_array_append_vals (dest, src->data, src->len);
  g_array_set_clear_func (src, NULL);
  g_array_unref (src);
}

static double
block_height (GArray *block)
{
  double height = 0;

  for (guint i = 0; i < block->len; i++)
    height += block_row (block, i)->height;
  return height;
}

/* Adds the lines of @n layouts side by side, line i of each on row i, their
 * baselines aligned: a label beside its text, a number beside its text.
 * The layouts are taken. */
static void
block_add_columns (GArray       *block,
                   guint         n,
                   PangoLayout **layouts,
                   const double *xs,
                   const double *greys)
{
  PangoLayoutIter *iters[4] = { NULL };
  gboolean more[4] = { FALSE };
  int line = 0;

  g_assert (n <= G_N_ELEMENTS (iters));

  for (guint k = 0; k < n; k++)
    {
      iters[k] = pango_layout_get_iter (layouts[k]);
      more[k] = TRUE;
    }

  for (;;)
    {
      double above = 0, below = 0;
      gboolean any = FALSE;
      Row *row;

      for (guint k = 0; k < n; k++)
        if (more[k])
          {
            int y0, y1, baseline = pango_layout_iter_get_baseline (iters[k]);

            pango_layout_iter_get_line_yrange (iters[k], &y0, &y1);
            above = MAX (above, pango_units_to_double (baseline - y0));
            below = MAX (below, pango_units_to_double (y1 - baseline));
            any = TRUE;
          }
      if (!any)
        break;

      row = block_add_row (block, above + below, FALSE);
      row->baseline = above;

      for (guint k = 0; k < n; k++)
        if (more[k])
          {
            PangoRectangle logical;
            Op op = { OP_LINE };

            pango_layout_iter_get_line_extents (iters[k], NULL, &logical);
            op.x = xs[k] + pango_units_to_double (logical.x);
            op.y = 0;
            op.baseline = above;
            op.line = line;
            op.grey = greys != NULL ? greys[k] : 0;
            op.layout = g_object_ref (layouts[k]);
            g_array_append_val (row->ops, op);

            more[k] = pango_layout_iter_next_line (iters[k]);
          }
      line++;
    }

  for (guint k = 0; k < n; k++)
    {
      pango_layout_iter_free (iters[k]);
      g_object_unref (layouts[k]);
    }
}

/* Takes @layout */
static void
block_add_lines (GArray      *block,
                 PangoLayout *layout,
                 double       x,
                 double       grey)
{
  block_add_columns (block, 1, &layout, &x, &grey);
}

/* Pages ----------------------------------------------------------------------------- */

typedef struct
{
  ZxMinutesDocument *self;
  GArray            *ops;        /* the current page */
  double             y;
} Flow;

static void
add_op (GArray   *ops,
        const Op *op,
        double    dy)
{
  Op copy = *op;

  copy.y += dy;
  if (copy.layout != NULL)
    g_object_ref (copy.layout);
  g_array_append_val (ops, copy);
}

static void
new_page (Flow *flow)
{
  ZxMinutesDocument *self = flow->self;

  flow->ops = op_array_new ();
  g_ptr_array_add (self->pages, flow->ops);
  flow->y = MARGIN_TOP;

  /* Later pages say what they continue, above a thin rule in the top margin */
  if (self->pages->len > 1)
    {
      g_autofree char *right = g_strdup_printf ("%s · %s · %s", self->department, self->title, self->held_on);
      PangoLayout *left = make_layout (self, self->hospital != NULL ? self->hospital : "",
                                       FONT_SMALL, -1, PANGO_ALIGN_LEFT);
      double left_w = MIN (layout_width (left), 0.4 * CONTENT_W);
      double right_w = CONTENT_W - left_w - 16;
      PangoLayout *end = make_layout (self, right, FONT_SMALL, right_w, PANGO_ALIGN_RIGHT);
      double y = MARGIN_TOP - 32;
      Op op = { OP_LAYOUT, MARGIN_X, y, 0, 0, 0, 0, GREY_META, left };

      /* Each on one line: the hospital keeps its start, the rest its end */
      pango_layout_set_width (left, pango_units_from_double (left_w));
      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
      pango_layout_set_ellipsize (end, PANGO_ELLIPSIZE_START);
      g_array_append_val (flow->ops, op);
      op.x = MARGIN_X + CONTENT_W - right_w;
      op.layout = end;
      g_array_append_val (flow->ops, op);
      op = (Op) { OP_RULE, MARGIN_X, y + layout_height (end) + 4, CONTENT_W, HAIRLINE, 0, 0, GREY_META, NULL };
      g_array_append_val (flow->ops, op);
    }
}

static gboolean
at_page_top (Flow *flow)
{
  return flow->y <= MARGIN_TOP;
}

static void
place_row (Flow *flow,
           Row  *row)
{
  for (guint i = 0; i < row->ops->len; i++)
    add_op (flow->ops, &g_array_index (row->ops, Op, i), flow->y);
  flow->y += row->height;
}

/* Places @block's rows, breaking pages between rows.  With @keep_together,
 * a block that would be cut but fits on a page starts a new page instead.
 * Space at a page break is dropped. */
static void
place_block (Flow     *flow,
             GArray   *block,
             gboolean  keep_together)
{
  double height = block_height (block);

  if (keep_together && flow->y + height > CONTENT_END && !at_page_top (flow) && height <= CONTENT_H)
    new_page (flow);

  for (guint i = 0; i < block->len; i++)
    {
      Row *row = block_row (block, i);

      if (row->spacer)
        {
          if (at_page_top (flow))
            continue;
          if (flow->y + row->height > CONTENT_END)
            {
              new_page (flow);
              continue;
            }
        }
      else if (flow->y + row->height > CONTENT_END && !at_page_top (flow))
        new_page (flow);

      place_row (flow, row);
    }
}

/* The height of what must not be parted from a heading: the next block
 * when it is kept together and fits on a page, else its first few lines */
static double
keep_with (GArray   *block,
           gboolean  together)
{
  double height = 0;

  if (together && block_height (block) <= CONTENT_H)
    return block_height (block);
  for (guint i = 0; i < block->len && i < 4; i++)
    height += block_row (block, i)->height;
  return height;
}

static void
place_heading (Flow       *flow,
               const char *text,
               GArray     *next,
               gboolean    together)
{
  g_autoptr(GArray) block = block_new ();

  block_add_space (block, 12);
  block_add_lines (block, make_layout (flow->self, text, FONT_HEADING, CONTENT_W, PANGO_ALIGN_LEFT),
                   MARGIN_X, 0);
  block_add_space (block, 6);

  if (flow->y + block_height (block) + keep_with (next, together) > CONTENT_END &&
      !at_page_top (flow))
    new_page (flow);
  place_block (flow, block, FALSE);
}

/* The content ----------------------------------------------------------------------- */

static GArray *
title_block (ZxMinutesDocument *self,
             MinutesData       *data)
{
  GArray *block = block_new ();
  Row *row;

  if (data->hospital != NULL)
    {
      block_add_lines (block, make_layout (self, data->hospital, FONT_HOSPITAL, CONTENT_W, PANGO_ALIGN_CENTER),
                       MARGIN_X, 0);
      block_add_space (block, 6);
    }
  block_add_lines (block, make_layout (self, data->title, FONT_TITLE, CONTENT_W, PANGO_ALIGN_CENTER),
                   MARGIN_X, 0);

  /* A heavy rule over a thin one, as under the heading of an official paper */
  row = block_add_row (block, 16, FALSE);
  row_add_shape (row, OP_RULE, MARGIN_X, 10, CONTENT_W, 1.6, 0);
  row_add_shape (row, OP_RULE, MARGIN_X, 13.5, CONTENT_W, HAIRLINE, 0);
  block_add_space (block, 10);

  return block;
}

/* The particulars as a form: label, value, label, value on each row */
static GArray *
particulars_block (ZxMinutesDocument *self,
                   MinutesData       *data)
{
  static const double share[4] = { 0.16, 0.34, 0.16, 0.34 };
  const char *cells[2][4] = {
    { _("Department"), data->department,
      /* Translators: in the printed minutes, the label of the date the meeting was held */
      _("Date held"), data->held_on },
    { _("Cycle"), data->cycle != NULL ? data->cycle : "—",
      /* Translators: in the printed minutes, the label of the meeting's own name, e.g. "会议名称" */
      _("Meeting name"), data->meeting },
  };
  GArray *block = block_new ();

  for (guint r = 0; r < G_N_ELEMENTS (cells); r++)
    {
      PangoLayout *layouts[4];
      double height = 0, x = MARGIN_X;
      Row *row;

      for (guint c = 0; c < 4; c++)
        {
          gboolean label = c % 2 == 0;

          layouts[c] = make_layout (self, cells[r][c], label ? FONT_LABEL : FONT_TEXT,
                                    share[c] * CONTENT_W - 2 * CELL_PAD_X,
                                    label ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
          height = MAX (height, layout_height (layouts[c]));
        }
      height = MAX (height + 2 * CELL_PAD_Y, 24);

      row = block_add_row (block, height, FALSE);
      for (guint c = 0; c < 4; c++)
        {
          double w = share[c] * CONTENT_W;

          if (c % 2 == 0)
            row_add_shape (row, OP_FILL, x, 0, w, height, 0.93);
          row_add_shape (row, OP_BOX, x, 0, w, height, 0);
          /* Centred vertically, as Chinese forms set their cells */
          row_add_layout (row, layouts[c], x + CELL_PAD_X, (height - layout_height (layouts[c])) / 2,
                          c % 2 == 0 ? GREY_LABEL : 0);
          x += w;
        }
    }

  return block;
}

static GArray *
notes_block (ZxMinutesDocument *self,
             MinutesData       *data)
{
  GArray *block = block_new ();
  g_auto(GStrv) paragraphs = NULL;

  if (data->notes == NULL)
    {
      block_add_lines (block, make_layout (self, _("No notes were recorded for this meeting."),
                                           FONT_TEXT, CONTENT_W, PANGO_ALIGN_LEFT),
                       MARGIN_X, GREY_META);
      return block;
    }

  paragraphs = g_strsplit (data->notes, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      PangoLayout *layout;

      if (is_blank (paragraphs[i]))
        continue;
      if (block->len > 0)
        block_add_space (block, 4);

      /* Indented two characters and not justified, as Chinese prose is set */
      layout = make_layout (self, g_strstrip (paragraphs[i]), FONT_BODY, CONTENT_W, PANGO_ALIGN_LEFT);
      pango_layout_set_spacing (layout, pango_units_from_double (FONT_BODY_SIZE * 0.5));
      pango_layout_set_indent (layout, pango_units_from_double (2 * FONT_BODY_SIZE));
      block_add_lines (block, layout, MARGIN_X, 0);
    }

  return block;
}

/* The width of the widest answer label, so the answers line up */
static double
answer_label_width (ZxMinutesDocument  *self,
                    const char * const *labels)
{
  double width = 0;

  for (guint i = 0; i < N_ANSWERS; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, labels[i], FONT_LABEL, -1, PANGO_ALIGN_LEFT);

      width = MAX (width, layout_width (layout));
    }
  return MIN (width, 0.3 * CONTENT_W);
}

/* One key result reviewed: number, title and progress; its objective and
 * owner; the three answers; a rule under it */
static GArray *
item_block (ZxMinutesDocument  *self,
            ItemData           *item,
            guint               number,
            const char * const *labels,
            double              label_w)
{
  GArray *block = block_new ();
  double text_x = MARGIN_X + NUMBER_W;
  double right = MARGIN_X + CONTENT_W;
  double title_w = right - text_x - PERCENT_W - BAR_W - 14;
  double answer_x = text_x + label_w + LABEL_GAP;
  double answer_w = right - answer_x;
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  /* Rounded, but not up to 100% before the target is met */
  int whole = MIN ((int) (item->progress * 100 + 0.5), item->progress < 1 ? 99 : 100);
  g_autofree char *percent = g_strdup_printf ("%d%%", whole);
  g_autofree char *objective = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *meta = NULL;

  /* The title, with the number before and the progress after it, on one
   * row that a page break does not cut: titles are short, and the text
   * reads in order (number, title, progress) when copied from the PDF */
  {
    PangoLayout *number_layout = make_layout (self, number_text, FONT_ITEM, NUMBER_W, PANGO_ALIGN_LEFT);
    PangoLayout *title = make_layout (self, item->title != NULL ? item->title : "—", FONT_ITEM, title_w,
                                      PANGO_ALIGN_LEFT);
    PangoLayout *percent_layout = make_layout (self, percent, FONT_ITEM, PERCENT_W, PANGO_ALIGN_RIGHT);
    double bar_x = right - PERCENT_W - 6 - BAR_W;
    double bar_y;
    Row *row;

    pango_layout_set_spacing (title, pango_units_from_double (2));
    row = block_add_row (block, layout_height (title), FALSE);
    row->baseline = pango_units_to_double (pango_layout_get_baseline (title));
    bar_y = row->baseline - 3.8 - BAR_H / 2;

    row_add_layout (row, number_layout, MARGIN_X,
                    row->baseline - pango_units_to_double (pango_layout_get_baseline (number_layout)), 0);
    row_add_layout (row, title, text_x, 0, 0);
    row_add_layout (row, percent_layout, right - PERCENT_W,
                    row->baseline - pango_units_to_double (pango_layout_get_baseline (percent_layout)), 0);

    /* A bar for the progress, on the first line, centred on the figures */
    row_add_shape (row, OP_FILL, bar_x, bar_y, BAR_W, BAR_H, 0.88);
    if (item->progress > 0)
      row_add_shape (row, OP_FILL, bar_x, bar_y, BAR_W * item->progress, BAR_H, 0.35);
    row_add_shape (row, OP_BOX, bar_x, bar_y, BAR_W, BAR_H, 0.35);
  }

  /* Translators: in the printed minutes, the objective a key result belongs to */
  objective = g_strdup_printf (_("Objective: %s"), item->objective != NULL ? item->objective : "—");
  /* Translators: in the printed minutes, who is responsible for a key result */
  owner = g_strdup_printf (_("Owner: %s"), item->owner != NULL ? item->owner : "—");
  meta = g_strdup_printf ("%s    %s", objective, owner);
  block_add_space (block, 1);
  block_add_lines (block, make_layout (self, meta, FONT_META, right - text_x, PANGO_ALIGN_LEFT),
                   text_x, GREY_META);
  block_add_space (block, 3);

  for (guint i = 0; i < N_ANSWERS; i++)
    {
      PangoLayout *layouts[2] = {
        make_layout (self, labels[i], FONT_LABEL, label_w, PANGO_ALIGN_LEFT),
        make_layout (self, item->answers[i] != NULL ? item->answers[i] : "—", FONT_TEXT, answer_w,
                     PANGO_ALIGN_LEFT),
      };
      const double xs[2] = { text_x, answer_x };
      const double greys[2] = { GREY_LABEL, 0 };

      pango_layout_set_spacing (layouts[1], pango_units_from_double (3));
      if (i > 0)
        block_add_space (block, 1.5);
      block_add_columns (block, 2, layouts, xs, greys);
    }

  /* A thin rule closes the item; a page break swallows it */
  {
    Row *row = block_add_row (block, 13, TRUE);

    row_add_shape (row, OP_RULE, text_x, 7, right - text_x, HAIRLINE, 0.7);
  }

  return block;
}

/* Pieces of one line, laid left to right with a gap; a piece that does
 * not fit starts the next row */
typedef struct
{
  GArray *block;
  double  left;
  double  x;
  int     row;      /* the current row's index, -1 before the first */
} Line;

#define MARK_PAD 3.0

/* Takes @layout; with @marked, it is framed and shaded so it stands out */
static void
line_add (Line        *line,
          PangoLayout *layout,
          double       grey,
          gboolean     marked)
{
  double pad = marked ? MARK_PAD : 0;
  double width = layout_width (layout) + 2 * pad;
  double height = layout_height (layout);
  double baseline = pango_units_to_double (pango_layout_get_baseline (layout));
  double right = MARGIN_X + CONTENT_W;
  Row *row;

  /* Every row has room for a mark's frame above and below its text */
  if (line->row < 0 || (line->x > line->left && line->x + width > right))
    {
      row = block_add_row (line->block, height + 2 * MARK_PAD, FALSE);
      row->baseline = baseline + MARK_PAD;
      line->row = line->block->len - 1;
      line->x = line->left;
    }
  row = block_row (line->block, line->row);
  row->height = MAX (row->height, row->baseline + height - baseline + MARK_PAD);

  if (marked)
    {
      row_add_shape (row, OP_FILL, line->x, row->baseline - baseline - pad, width, height + 2 * pad, 0.9);
      row_add_shape (row, OP_BOX, line->x, row->baseline - baseline - pad, width, height + 2 * pad, 0);
    }
  row_add_layout (row, layout, line->x + pad, row->baseline - baseline, grey);
  line->x += width;
}

static void
line_add_gap (Line   *line,
              double  gap)
{
  line->x += gap;
}

static gboolean
ends_wide (const char *text)
{
  const char *last = g_utf8_find_prev_char (text, text + strlen (text));

  return last != NULL && g_unichar_iswide (g_utf8_get_char (last));
}

/* One decision: its number and content; its owner, deadline and status */
static GArray *
decision_block (ZxMinutesDocument *self,
                DecisionData      *decision,
                guint              number)
{
  GArray *block = block_new ();
  double text_x = MARGIN_X + NUMBER_W;
  double right = MARGIN_X + CONTENT_W;
  g_autofree char *number_text = g_strdup_printf ("%u.", number);
  g_autofree char *deadline = NULL;
  g_autofree char *status = NULL;
  Line line = { block, text_x, text_x, -1 };
  const char *owner_label;

  if (number > 1)
    block_add_space (block, 6);

  {
    PangoLayout *layouts[2] = {
      make_layout (self, number_text, FONT_TEXT, NUMBER_W, PANGO_ALIGN_LEFT),
      make_layout (self, !is_blank (decision->content) ? decision->content : "—", FONT_TEXT,
                   right - text_x, PANGO_ALIGN_LEFT),
    };
    const double xs[2] = { MARGIN_X, text_x };

    pango_layout_set_spacing (layouts[1], pango_units_from_double (3));
    block_add_columns (block, 2, layouts, xs, NULL);
  }
  block_add_space (block, 3);

  /* Translators: in the printed minutes, before the person who carries out a decision, e.g. "责任人：" */
  owner_label = _("Owner:");
  line_add (&line, make_layout (self, owner_label, FONT_META, -1, PANGO_ALIGN_LEFT), GREY_META, FALSE);
  /* A full-width colon (“责任人：”) already leaves its space */
  if (!ends_wide (owner_label))
    line_add_gap (&line, 3);
  if (decision->owner != NULL)
    line_add (&line, make_layout (self, decision->owner, FONT_META, -1, PANGO_ALIGN_LEFT), 0, FALSE);
  else
    /* Translators: printed, marked, where a decision's owner would be; the office must name one, e.g. "待明确" */
    line_add (&line, make_layout (self, _("No owner yet"), FONT_MARK, -1, PANGO_ALIGN_LEFT), 0, TRUE);
  line_add_gap (&line, 22);

  /* Translators: in the printed minutes, the date a decision must be carried out by, e.g. "完成时限：%s" */
  deadline = g_strdup_printf (_("Deadline: %s"), decision->deadline != NULL ? decision->deadline : "—");
  line_add (&line, make_layout (self, deadline, FONT_META, -1, PANGO_ALIGN_LEFT), GREY_META, FALSE);
  line_add_gap (&line, 22);

  /* Translators: in the printed minutes, whether a decision is carried out, e.g. "办理状态：%s" */
  status = g_strdup_printf (_("Status: %s"), decision->status);
  line_add (&line, make_layout (self, status, FONT_META, -1, PANGO_ALIGN_LEFT), GREY_META, FALSE);

  return block;
}

static GArray *
empty_block (ZxMinutesDocument *self,
             const char        *text)
{
  GArray *block = block_new ();

  block_add_lines (block, make_layout (self, text, FONT_TEXT, CONTENT_W - NUMBER_W, PANGO_ALIGN_LEFT),
                   MARGIN_X + NUMBER_W, GREY_META);
  return block;
}

/* "Label: ______" for a hand signature */
static void
row_add_signature (ZxMinutesDocument *self,
                   Row               *row,
                   double             x,
                   double             width,
                   const char        *label)
{
  PangoLayout *layout = make_layout (self, label, FONT_TEXT, -1, PANGO_ALIGN_LEFT);
  double baseline = pango_units_to_double (pango_layout_get_baseline (layout));
  double line_x = x + layout_width (layout) + 4;

  row_add_shape (row, OP_RULE, line_x, row->baseline + 4, MAX (40, x + width - line_x), RULE_WIDTH, 0);
  row_add_layout (row, layout, x, row->baseline - baseline, 0);
}

static GArray *
signatures_block (ZxMinutesDocument *self)
{
  GArray *block = block_new ();
  double column_w = (CONTENT_W - 40) / 2;
  Row *row;

  block_add_space (block, 30);
  row = block_add_row (block, 22, FALSE);
  row->baseline = 15;
  /* Translators: the person who kept the minutes signs here by hand, e.g. "记录人（签字）：" */
  row_add_signature (self, row, MARGIN_X, column_w, _("Recorder (signature):"));
  /* Translators: the person who chaired the meeting signs here by hand, e.g. "主持人（签字）：" */
  row_add_signature (self, row, MARGIN_X + column_w + 40, column_w, _("Chair (signature):"));

  return block;
}

/* The print date and the page number at the foot of every page */
static void
add_footers (ZxMinutesDocument *self)
{
  /* Translators: at the foot of the printed minutes; %s is today's date */
  g_autofree char *printed = g_strdup_printf (_("Printed on %s"), self->printed_on);

  for (guint i = 0; i < self->pages->len; i++)
    {
      GArray *ops = g_ptr_array_index (self->pages, i);
      /* Translators: the page number at the foot of a printed page, e.g. "第 1 页，共 2 页" */
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len);
      double y = CONTENT_END + 22;
      Op rule = { OP_RULE, MARGIN_X, y - 6, CONTENT_W, HAIRLINE, 0, 0, GREY_META, NULL };
      Op left = { OP_LAYOUT, MARGIN_X, y, 0, 0, 0, 0, GREY_META,
                  make_layout (self, printed, FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_LEFT) };
      Op right = { OP_LAYOUT, MARGIN_X + CONTENT_W / 2, y, 0, 0, 0, 0, 0,
                   make_layout (self, number, FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_RIGHT) };

      g_array_append_val (ops, rule);
      g_array_append_val (ops, left);
      g_array_append_val (ops, right);
    }
}

static void
lay_out (ZxMinutesDocument *self,
         MinutesData       *data)
{
  Flow flow = { self };
  const char *labels[N_ANSWERS] = {
    /* Translators: in the printed minutes, before what was said about how a
     * key result is going; short and formal, e.g. "进展情况" */
    C_("minutes", "How it is going"),
    /* Translators: in the printed minutes, before the obstacles, e.g. "存在困难" */
    C_("minutes", "What is in the way"),
    /* Translators: in the printed minutes, before the support asked for, e.g. "需协调支持" */
    C_("minutes", "Support needed"),
  };
  double label_w = answer_label_width (self, labels);
  GArray *block;

  new_page (&flow);

  block = title_block (self, data);
  place_block (&flow, block, FALSE);
  g_array_unref (block);

  block = particulars_block (self, data);
  place_block (&flow, block, TRUE);
  g_array_unref (block);

  /* 1. The notes */
  block = notes_block (self, data);
  /* Translators: a section of the printed minutes: what the meeting discussed, e.g. "一、会议概要" */
  place_heading (&flow, _("1. Meeting Summary"), block, FALSE);
  place_block (&flow, block, FALSE);
  g_array_unref (block);

  /* 2. The key results, one by one */
  for (guint i = 0; i < MAX (data->items->len, 1); i++)
    {
      if (data->items->len == 0)
        block = empty_block (self, _("No key results were reviewed at this meeting."));
      else
        block = item_block (self, &g_array_index (data->items, ItemData, i), i + 1, labels, label_w);
      if (i == 0)
        /* Translators: a section of the printed minutes, e.g. "二、关键成果逐项复盘" */
        place_heading (&flow, _("2. Key Results Reviewed"), block, TRUE);
      place_block (&flow, block, TRUE);
      g_array_unref (block);
    }

  /* 3. The decisions */
  for (guint i = 0; i < MAX (data->decisions->len, 1); i++)
    {
      if (data->decisions->len == 0)
        block = empty_block (self, _("No decisions were recorded at this meeting."));
      else
        block = decision_block (self, &g_array_index (data->decisions, DecisionData, i), i + 1);
      /* The signatures go with the last decision, never alone on a page */
      if (i + 1 >= data->decisions->len)
        block_append (block, signatures_block (self));
      if (i == 0)
        /* Translators: a section of the printed minutes: what the meeting decided, who
         * carries it out and by when, e.g. "三、议定事项" */
        place_heading (&flow, _("3. Decisions"), block, TRUE);
      place_block (&flow, block, TRUE);
      g_array_unref (block);
    }

  add_footers (self);
}

/* Drawing --------------------------------------------------------------------- */

static void
draw_op (cairo_t  *cr,
         const Op *op)
{
  cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);

  switch (op->kind)
    {
    case OP_LAYOUT:
      cairo_move_to (cr, op->x, op->y);
      pango_cairo_show_layout (cr, op->layout);
      break;

    case OP_LINE:
      cairo_move_to (cr, op->x, op->y + op->baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (op->layout, op->line));
      break;

    case OP_FILL:
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_fill (cr);
      break;

    case OP_BOX:
      cairo_set_line_width (cr, HAIRLINE);
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_stroke (cr);
      break;

    case OP_RULE:
      cairo_set_line_width (cr, op->h);
      cairo_move_to (cr, op->x, op->y);
      cairo_line_to (cr, op->x + op->w, op->y);
      cairo_stroke (cr);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
zx_minutes_document_draw_page (ZxMinutesDocument *self,
                               cairo_t           *cr,
                               guint              page,
                               double             width_pt,
                               double             height_pt)
{
  GArray *ops;

  g_return_if_fail (ZX_IS_MINUTES_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  ops = g_ptr_array_index (self->pages, page);

  cairo_save (cr);

  /* Another sheet: the A4 page scaled to fit, centred */
  if (width_pt > 0 && height_pt > 0)
    {
      double scale = MIN (width_pt / PAGE_W, height_pt / PAGE_H);

      cairo_translate (cr, (width_pt - PAGE_W * scale) / 2, (height_pt - PAGE_H * scale) / 2);
      cairo_scale (cr, scale, scale);
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < ops->len; i++)
    draw_op (cr, &g_array_index (ops, Op, i));

  cairo_restore (cr);
}

/* PDF --------------------------------------------------------------------------- */

static char *
job_title (ZxMinutesDocument *self)
{
  return g_strdup_printf ("%s — %s — %s", self->department, self->title, self->held_on);
}

gboolean
zx_minutes_document_export_pdf (ZxMinutesDocument *self,
                                const char        *path,
                                GError           **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (ZX_IS_MINUTES_DOCUMENT (self), FALSE);

  title = job_title (self);
  return zx_printable_export_pdf (ZX_PRINTABLE (self), path, PAGE_W, PAGE_H,
                                  title, self->title, self->hospital, error);
}

/* The object -------------------------------------------------------------------- */

static guint
printable_get_n_pages (ZxPrintable *printable)
{
  return zx_minutes_document_get_n_pages (ZX_MINUTES_DOCUMENT (printable));
}

static void
printable_draw_page (ZxPrintable *printable,
                     cairo_t     *cr,
                     guint        page,
                     double       width,
                     double       height)
{
  zx_minutes_document_draw_page (ZX_MINUTES_DOCUMENT (printable), cr, page, width, height);
}

static char *
printable_get_title (ZxPrintable *printable)
{
  return job_title (ZX_MINUTES_DOCUMENT (printable));
}

static void
zx_minutes_document_printable_init (ZxPrintableInterface *iface)
{
  iface->get_n_pages = printable_get_n_pages;
  iface->draw_page = printable_draw_page;
  /* A4 portrait: the interface's default page setup */
  iface->get_title = printable_get_title;
}

static void
zx_minutes_document_finalize (GObject *object)
{
  ZxMinutesDocument *self = ZX_MINUTES_DOCUMENT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_free (self->title);
  g_free (self->department);
  g_free (self->held_on);
  g_free (self->hospital);
  g_free (self->printed_on);

  G_OBJECT_CLASS (zx_minutes_document_parent_class)->finalize (object);
}

static void
zx_minutes_document_class_init (ZxMinutesDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zx_minutes_document_finalize;
}

static void
zx_minutes_document_init (ZxMinutesDocument *self)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  for (guint i = 0; i < N_FONTS; i++)
    {
      g_autofree char *spec = g_strdup_printf ("%s %s", font_specs[i].sans ? SANS : SERIF,
                                               font_specs[i].style);

      self->fonts[i] = pango_font_description_from_string (spec);
    }

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Measured in points, without hinting: the same on paper, in a PDF and on screen */
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  /* Han characters take their Simplified Chinese forms */
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
}

ZxMinutesDocument *
zx_minutes_document_new (ZxStore     *store,
                         const char  *meeting_id,
                         GError     **error)
{
  g_autoptr(ZxMinutesDocument) self = NULL;
  g_auto(MinutesData) data = { NULL };
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_minutes (store, meeting_id, &data, error))
    return NULL;

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");

  self = g_object_new (ZX_TYPE_MINUTES_DOCUMENT, NULL);
  self->title = g_strdup (data.title);
  self->department = g_strdup (data.department);
  self->held_on = g_strdup (data.held_on);
  self->hospital = g_strdup (data.hospital);
  self->printed_on = format_date (today);

  lay_out (self, &data);

  return g_steal_pointer (&self);
}

guint
zx_minutes_document_get_n_pages (ZxMinutesDocument *self)
{
  g_return_val_if_fail (ZX_IS_MINUTES_DOCUMENT (self), 0);

  return self->pages->len;
}

const char *
zx_minutes_document_get_title (ZxMinutesDocument *self)
{
  g_return_val_if_fail (ZX_IS_MINUTES_DOCUMENT (self), NULL);

  return self->title;
}
