/* zx-supervision-document.c — the supervision list (督办清单) as a printable A4 document
 *
 * Laid out once, when it is made, the way the pledge and the minutes are:
 * the flow (heading, particulars, the table, the totals, the office's
 * signature) is cut into pages, each a list of drawing operations with
 * Pango layouts measured at 72 dpi without hinting, replayed on any cairo
 * context — so the PDF export, the print dialog and its preview show the
 * same pages.  Table rows are never cut; the table's header starts every
 * page the table runs onto, and the totals and signatures move to a new
 * page together rather than part.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-supervision-document"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "zx-kanban.h"
#include "zx-supervision-document.h"

#define PAGE_W        ZX_SUPERVISION_PAGE_WIDTH
#define PAGE_H        ZX_SUPERVISION_PAGE_HEIGHT
#define MARGIN_X      50.0
#define MARGIN_TOP    50.0
#define MARGIN_BOTTOM 58.0
#define CONTENT_W     (PAGE_W - 2 * MARGIN_X)
#define CONTENT_END   (PAGE_H - MARGIN_BOTTOM)

/* As the other printed documents: 宋体 for text, 黑体 for headings */
#define SERIF "Noto Serif CJK SC, Source Han Serif SC, Noto Sans CJK SC, serif"
#define SANS  "Noto Sans CJK SC, Source Han Sans SC, Noto Serif CJK SC, sans-serif"

typedef enum
{
  FONT_HOSPITAL,
  FONT_TITLE,
  FONT_BODY,
  FONT_CELL,
  FONT_CELL_BOLD,
  FONT_CELL_HEAD,
  FONT_SMALL,
  N_FONTS
} Font;

static const struct { gboolean sans; const char *style; } font_specs[N_FONTS] = {
  [FONT_HOSPITAL]  = { FALSE, "14" },
  [FONT_TITLE]     = { FALSE, "Bold 19" },
  [FONT_BODY]      = { FALSE, "10.5" },
  [FONT_CELL]      = { FALSE, "9" },
  [FONT_CELL_BOLD] = { TRUE, "Bold 9" },
  [FONT_CELL_HEAD] = { TRUE, "Bold 9" },
  [FONT_SMALL]     = { FALSE, "8.5" },
};

#define CELL_PAD_X     4.0
#define CELL_PAD_Y     4.5
#define CELL_MAX_LINES 6
#define RULE_WIDTH     0.75
#define HAIRLINE       0.5
#define GREY_META      0.32

typedef enum
{
  OP_LAYOUT,      /* a whole layout with its top-left at x, y */
  OP_FILL,        /* a grey rectangle */
  OP_BOX,         /* a rectangle's outline */
  OP_RULE,        /* a horizontal line from x to x + w at y, h thick */
} OpKind;

typedef struct
{
  OpKind       kind;
  double       x, y, w, h;
  double       grey;       /* the ink or the fill: 0 black, 1 white */
  PangoLayout *layout;
} Op;

enum { COL_NO, COL_REQUEST, COL_DEPARTMENTS, COL_DUE, COL_OVERDUE, COL_DEADLINE, COL_NOTE, N_COLS };

/* Shares of the content width; they add up to 1 */
static const double col_share[N_COLS] = { 0.05, 0.27, 0.17, 0.09, 0.07, 0.10, 0.25 };
static const PangoAlignment col_align[N_COLS] = {
  PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
  PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT,
};

typedef struct
{
  char     *cells[N_COLS];
  gboolean  overdue;
} RowData;

struct _ZxSupervisionDocument
{
  GObject       parent_instance;

  PangoContext *context;
  PangoFontDescription *fonts[N_FONTS];
  GPtrArray    *pages;        /* of GArray of Op */

  char         *title;
  char         *hospital;     /* NULL when the hospital has no name yet */
  char         *as_of;        /* the day, formatted */
  char         *printed_on;
  guint         n_rows;
};

static void zx_supervision_document_printable_init (ZxPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZxSupervisionDocument, zx_supervision_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ZX_TYPE_PRINTABLE,
                                                      zx_supervision_document_printable_init))

/* What the document shows ------------------------------------------------------ */

static void
row_data_clear (gpointer data)
{
  RowData *row = data;

  for (guint i = 0; i < N_COLS; i++)
    g_free (row->cells[i]);
}

static char *
format_long_date (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                     g_date_get_day (date), 0, 0, 0);

  /* Translators: a date in the printed supervision list (as of, printed on);
   * a g_date_time_format() format, e.g. "%Y年%-m月%-d日" */
  return g_date_time_format (time, _("%Y-%m-%d"));
}

static char *
display (ZxStore    *store,
         const char *entity,
         const char *id)
{
  char *name = id != NULL ? zx_store_get_display (store, entity, id) : NULL;

  return name != NULL ? name : g_strdup ("—");
}

static char *
or_dash (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

typedef struct
{
  GArray *rows;          /* of RowData */
  guint   n_supervised;
  guint   n_overdue;
} ListData;

static void
read_list (ZxStore     *store,
           const char  *board_id,
           const GDate *today,
           ListData    *data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  data->rows = g_array_new (FALSE, TRUE, sizeof (RowData));
  g_array_set_clear_func (data->rows, row_data_clear);
  if (board_id != NULL)
    entries = zx_kanban_supervision_list (store, board_id, today);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ZxSupervisionEntry *entry = g_ptr_array_index (entries, i);
      ZxRecord *card = entry->card;
      const char *ids[2] = { zx_record_get_string (card, "from_department_id"),
                             zx_record_get_string (card, "to_department_id") };
      const char *dept[2];
      RowData row = { { NULL }, entry->days_overdue > 0 };

      for (guint k = 0; k < 2; k++)
        {
          dept[k] = ids[k] != NULL ? g_hash_table_lookup (names, ids[k]) : NULL;
          if (dept[k] == NULL && ids[k] != NULL)
            {
              char *name = display (store, "department", ids[k]);

              g_hash_table_insert (names, g_strdup (ids[k]), name);
              dept[k] = name;
            }
        }

      row.cells[COL_NO] = g_strdup_printf ("%u", i + 1);
      row.cells[COL_REQUEST] = or_dash (zx_record_get_string (card, "title"));
      /* Translators: the requesting and the supporting department of a request */
      row.cells[COL_DEPARTMENTS] = g_strdup_printf (_("%s → %s"), dept[0] ? dept[0] : "—", dept[1] ? dept[1] : "—");
      row.cells[COL_DUE] = or_dash (zx_record_get_string (card, "due_date"));
      if (entry->done)
        /* Translators: in the days overdue column: a supervised request that is done,
         * which stays on the list until the office lifts the supervision */
        row.cells[COL_OVERDUE] = g_strdup (C_("request state", "Done"));
      else if (entry->days_overdue > 0)
        row.cells[COL_OVERDUE] = g_strdup_printf ("%d", entry->days_overdue);
      else
        row.cells[COL_OVERDUE] = g_strdup ("—");
      if (!entry->supervised)
        /* Translators: in the supervision deadline column: the request is overdue but not supervised */
        row.cells[COL_DEADLINE] = g_strdup (C_("supervision deadline", "Not supervised"));
      else if (zx_record_is_null (card, "supervision_deadline"))
        /* Translators: in the supervision deadline column */
        row.cells[COL_DEADLINE] = g_strdup (C_("supervision deadline", "None"));
      else
        row.cells[COL_DEADLINE] = g_strdup (zx_record_get_string (card, "supervision_deadline"));
      row.cells[COL_NOTE] = or_dash (zx_record_get_string (card, "supervision_note"));
      g_array_append_val (data->rows, row);

      data->n_supervised += entry->supervised ? 1 : 0;
      data->n_overdue += entry->days_overdue > 0 ? 1 : 0;
    }
}

/* Layouts and the flow --------------------------------------------------------- */

typedef struct
{
  ZxSupervisionDocument *self;
  GArray                *ops;        /* the current page */
  double                 y;
  double                 page_top;
} Flow;

static void
op_clear (gpointer data)
{
  g_clear_object (&((Op *) data)->layout);
}

static PangoLayout *
make_layout (ZxSupervisionDocument *self,
             const char            *text,
             Font                   font,
             double                 width,
             PangoAlignment         alignment)
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
  /* Words wrap whole or, when they must break, without a hyphen */
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
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

/* Takes @layout */
static void
add_layout (Flow        *flow,
            PangoLayout *layout,
            double       x,
            double       y,
            double       grey)
{
  Op op = { OP_LAYOUT, x, y, 0, 0, grey, layout };

  g_array_append_val (flow->ops, op);
}

static void
add_shape (Flow   *flow,
           OpKind  kind,
           double  x,
           double  y,
           double  w,
           double  h,
           double  grey)
{
  Op op = { kind, x, y, w, h, grey, NULL };

  g_array_append_val (flow->ops, op);
}

static void
new_page (Flow *flow)
{
  ZxSupervisionDocument *self = flow->self;

  flow->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (flow->ops, op_clear);
  g_ptr_array_add (self->pages, flow->ops);
  flow->y = flow->page_top = MARGIN_TOP;

  /* Later pages say what they continue, above a thin rule in the top margin */
  if (self->pages->len > 1)
    {
      g_autofree char *right = g_strdup_printf ("%s · %s", self->title, self->as_of);
      PangoLayout *left = make_layout (self, self->hospital != NULL ? self->hospital : "", FONT_SMALL,
                                       CONTENT_W / 2, PANGO_ALIGN_LEFT);
      PangoLayout *end = make_layout (self, right, FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_RIGHT);
      double y = MARGIN_TOP - 28;

      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
      pango_layout_set_ellipsize (end, PANGO_ELLIPSIZE_START);
      add_layout (flow, left, MARGIN_X, y, GREY_META);
      add_layout (flow, end, MARGIN_X + CONTENT_W / 2, y, GREY_META);
      add_shape (flow, OP_RULE, MARGIN_X, y + layout_height (end) + 4, CONTENT_W, HAIRLINE, GREY_META);
    }
}

static void
ensure_space (Flow   *flow,
              double  height)
{
  if (flow->y + height > CONTENT_END && flow->y > flow->page_top)
    new_page (flow);
}

/* The table --------------------------------------------------------------------- */

typedef struct
{
  PangoLayout *cells[N_COLS];
  double       height;
} TableRow;

static void
table_row_clear (TableRow *row)
{
  for (guint i = 0; i < N_COLS; i++)
    g_clear_object (&row->cells[i]);
}

static double
column_x (guint column)
{
  double x = MARGIN_X;

  for (guint i = 0; i < column; i++)
    x += col_share[i] * CONTENT_W;
  return x;
}

static void
make_row (ZxSupervisionDocument *self,
          const char * const     cells[N_COLS],
          gboolean               header,
          gboolean               overdue,
          TableRow              *row)
{
  row->height = 0;
  for (guint i = 0; i < N_COLS; i++)
    {
      double width = col_share[i] * CONTENT_W - 2 * CELL_PAD_X;
      Font font = header ? FONT_CELL_HEAD : (overdue && i == COL_OVERDUE) ? FONT_CELL_BOLD : FONT_CELL;

      row->cells[i] = make_layout (self, cells[i], font, width, header ? PANGO_ALIGN_CENTER : col_align[i]);
      pango_layout_set_spacing (row->cells[i], pango_units_from_double (1.5));
      /* A very long value ends with "…" rather than running off the page */
      pango_layout_set_height (row->cells[i], -CELL_MAX_LINES);
      pango_layout_set_ellipsize (row->cells[i], PANGO_ELLIPSIZE_END);
      row->height = MAX (row->height, layout_height (row->cells[i]));
    }
  row->height = MAX (row->height + 2 * CELL_PAD_Y, 22);
}

/* Places @row at the flow's position; the cells are taken */
static void
place_row (Flow     *flow,
           TableRow *row,
           gboolean  header)
{
  if (header)
    add_shape (flow, OP_FILL, MARGIN_X, flow->y, CONTENT_W, row->height, 0.9);

  for (guint i = 0; i < N_COLS; i++)
    {
      double x = column_x (i);
      double w = col_share[i] * CONTENT_W;
      double text_h = layout_height (row->cells[i]);

      add_shape (flow, OP_BOX, x, flow->y, w, row->height, 0);
      /* Centred vertically, as Chinese forms set their cells */
      add_layout (flow, g_steal_pointer (&row->cells[i]), x + CELL_PAD_X, flow->y + (row->height - text_h) / 2, 0);
    }
  flow->y += row->height;
}

static void
make_header (ZxSupervisionDocument *self,
             TableRow              *header)
{
  const char *titles[N_COLS] = {
    /* Translators: the columns of the printed supervision list */
    _("No."), _("Request"), _("Requesting → Supporting"), _("Due"), _("Days overdue"),
    _("Supervision deadline"), _("Note"),
  };

  make_row (self, titles, TRUE, FALSE, header);
}

static double
header_height (ZxSupervisionDocument *self)
{
  TableRow header;
  double height;

  make_header (self, &header);
  height = header.height;
  table_row_clear (&header);
  return height;
}

static void
place_header (Flow *flow)
{
  TableRow header;

  make_header (flow->self, &header);
  place_row (flow, &header, TRUE);
}

static void
add_table (Flow     *flow,
           ListData *data)
{
  ZxSupervisionDocument *self = flow->self;
  double head_h = header_height (self);

  if (data->rows->len == 0)
    {
      PangoLayout *layout = make_layout (self, _("No collaboration request is overdue or under supervision."),
                                         FONT_CELL, CONTENT_W - 4 * CELL_PAD_X, PANGO_ALIGN_CENTER);
      double height = layout_height (layout) + 4 * CELL_PAD_Y;

      ensure_space (flow, head_h + height);
      place_header (flow);
      add_shape (flow, OP_BOX, MARGIN_X, flow->y, CONTENT_W, height, 0);
      add_layout (flow, layout, MARGIN_X + 2 * CELL_PAD_X, flow->y + 2 * CELL_PAD_Y, 0);
      flow->y += height;
      return;
    }

  for (guint i = 0; i < data->rows->len; i++)
    {
      RowData *data_row = &g_array_index (data->rows, RowData, i);
      TableRow row;

      make_row (self, (const char * const *) data_row->cells, FALSE, data_row->overdue, &row);

      /* The header goes with the first row, and again at the top of each page */
      if (i == 0)
        {
          ensure_space (flow, head_h + row.height);
          place_header (flow);
        }
      else if (flow->y + row.height > CONTENT_END)
        {
          new_page (flow);
          place_header (flow);
        }
      place_row (flow, &row, FALSE);
      table_row_clear (&row);
    }
}

/* The end: totals and signatures ---------------------------------------------------- */

/* "Label ______" on one line from @x, @width wide, its text's top at @y */
static void
place_signature_line (Flow       *flow,
                      double      x,
                      double      y,
                      double      width,
                      const char *label,
                      const char *placeholder)
{
  ZxSupervisionDocument *self = flow->self;
  PangoLayout *label_layout = make_layout (self, label, FONT_BODY, -1, PANGO_ALIGN_LEFT);
  double baseline = pango_units_to_double (pango_layout_get_baseline (label_layout));
  double line_x = x + layout_width (label_layout) + 2;
  double line_w = MAX (40, x + width - line_x);

  add_layout (flow, label_layout, x, y, 0);
  add_shape (flow, OP_RULE, line_x, y + baseline + 4, line_w, RULE_WIDTH, 0);
  if (placeholder != NULL)
    add_layout (flow, make_layout (self, placeholder, FONT_BODY, line_w, PANGO_ALIGN_RIGHT), line_x, y, 0);
}

static void
add_end (Flow     *flow,
         ListData *data)
{
  ZxSupervisionDocument *self = flow->self;
  guint n = data->rows->len;
  /* Translators: under the printed supervision list; the numbers of requests listed, supervised and overdue */
  g_autofree char *totals = g_strdup_printf (ngettext ("Total: %u request listed, %u under supervision, %u overdue.",
                                                       "Total: %u requests listed, %u under supervision, %u overdue.", n),
                                             n, data->n_supervised, data->n_overdue);
  PangoLayout *totals_layout = make_layout (self, totals, FONT_BODY, CONTENT_W, PANGO_ALIGN_LEFT);
  double column_w = (CONTENT_W - 36) / 2;
  double step = 30;
  double totals_h = layout_height (totals_layout);
  double block_h = 10 + totals_h + 30 + 2 * step;
  double y;

  /* Translators: printed on an empty date line of the supervision list, to be filled in by hand */
  const char *blank_date = _("year     month     day");

  ensure_space (flow, block_h);
  y = flow->y + 10;
  add_layout (flow, totals_layout, MARGIN_X, y, 0);
  y += totals_h + 30;

  place_signature_line (flow, MARGIN_X, y, column_w,
                        /* Translators: the clerk who drew up the supervision list signs here by hand, e.g. "经办人（签字）：" */
                        _("Prepared by (signature):"), NULL);
  place_signature_line (flow, MARGIN_X + column_w + 36, y, column_w,
                        /* Translators: the hospital office stamps its seal here, e.g. "院长办公室（盖章）：" */
                        _("Hospital office (seal):"), NULL);
  place_signature_line (flow, MARGIN_X + column_w + 36, y + step, column_w, _("Date:"), blank_date);
  flow->y = y + 2 * step;
}

static void
add_footers (ZxSupervisionDocument *self)
{
  /* Translators: at the foot of the printed supervision list; %s is today's date */
  g_autofree char *printed = g_strdup_printf (_("Printed on %s"), self->printed_on);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Flow flow = { self, g_ptr_array_index (self->pages, i), 0, 0 };
      /* Translators: the page number at the foot of a printed page, e.g. "第 1 页，共 2 页" */
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len);
      double y = CONTENT_END + 20;

      add_shape (&flow, OP_RULE, MARGIN_X, y - 6, CONTENT_W, HAIRLINE, GREY_META);
      add_layout (&flow, make_layout (self, printed, FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_LEFT),
                  MARGIN_X, y, GREY_META);
      add_layout (&flow, make_layout (self, number, FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_RIGHT),
                  MARGIN_X + CONTENT_W / 2, y, 0);
    }
}

static void
lay_out (ZxSupervisionDocument *self,
         ListData              *data)
{
  Flow flow = { self };
  PangoLayout *layout;

  new_page (&flow);

  if (self->hospital != NULL)
    {
      layout = make_layout (self, self->hospital, FONT_HOSPITAL, CONTENT_W, PANGO_ALIGN_CENTER);
      add_layout (&flow, layout, MARGIN_X, flow.y, 0);
      flow.y += layout_height (layout) + 6;
    }
  layout = make_layout (self, self->title, FONT_TITLE, CONTENT_W, PANGO_ALIGN_CENTER);
  add_layout (&flow, layout, MARGIN_X, flow.y, 0);
  flow.y += layout_height (layout);

  /* A heavy rule over a thin one, as under the heading of an official paper */
  add_shape (&flow, OP_RULE, MARGIN_X, flow.y + 10, CONTENT_W, 1.6, 0);
  add_shape (&flow, OP_RULE, MARGIN_X, flow.y + 13.5, CONTENT_W, HAIRLINE, 0);
  flow.y += 24;

  {
    /* Translators: the day the printed supervision list was drawn up for, e.g. "统计截至：%s" */
    g_autofree char *as_of = g_strdup_printf (_("As of: %s"), self->as_of);
    /* Translators: the counts at the top of the printed supervision list, e.g. "督办 %u 项，逾期 %u 项" */
    g_autofree char *counts = g_strdup_printf (_("%u under supervision, %u overdue"), data->n_supervised, data->n_overdue);
    PangoLayout *left = make_layout (self, as_of, FONT_BODY, CONTENT_W / 2, PANGO_ALIGN_LEFT);
    PangoLayout *right = make_layout (self, counts, FONT_BODY, CONTENT_W / 2, PANGO_ALIGN_RIGHT);
    double height = MAX (layout_height (left), layout_height (right));

    add_layout (&flow, left, MARGIN_X, flow.y, 0);
    add_layout (&flow, right, MARGIN_X + CONTENT_W / 2, flow.y, 0);
    flow.y += height + 10;
  }

  add_table (&flow, data);
  add_end (&flow, data);
  add_footers (self);
}

/* Drawing ------------------------------------------------------------------------ */

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
zx_supervision_document_draw_page (ZxSupervisionDocument *self,
                                   cairo_t               *cr,
                                   guint                  page,
                                   double                 width_pt,
                                   double                 height_pt)
{
  GArray *ops;

  g_return_if_fail (ZX_IS_SUPERVISION_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  ops = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  /* Another sheet: the A4 landscape page scaled to fit, centred */
  if (width_pt > 0 && height_pt > 0)
    {
      double scale = MIN (width_pt / PAGE_W, height_pt / PAGE_H);

      cairo_translate (cr, (width_pt - PAGE_W * scale) / 2, (height_pt - PAGE_H * scale) / 2);
      cairo_scale (cr, scale, scale);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (guint i = 0; i < ops->len; i++)
    draw_op (cr, &g_array_index (ops, Op, i));
  cairo_restore (cr);
}

static char *
job_title (ZxSupervisionDocument *self)
{
  return g_strdup_printf ("%s — %s", self->title, self->as_of);
}

gboolean
zx_supervision_document_export_pdf (ZxSupervisionDocument *self,
                                    const char            *path,
                                    GError               **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (ZX_IS_SUPERVISION_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  title = job_title (self);
  return zx_printable_export_pdf (ZX_PRINTABLE (self), path, PAGE_W, PAGE_H,
                                  title, self->title, self->hospital, error);
}

/* The object ---------------------------------------------------------------------- */

static guint
printable_get_n_pages (ZxPrintable *printable)
{
  return zx_supervision_document_get_n_pages (ZX_SUPERVISION_DOCUMENT (printable));
}

static void
printable_draw_page (ZxPrintable *printable,
                     cairo_t     *cr,
                     guint        page,
                     double       width,
                     double       height)
{
  zx_supervision_document_draw_page (ZX_SUPERVISION_DOCUMENT (printable), cr, page, width, height);
}

static GtkPageSetup *
printable_get_page_setup (ZxPrintable *printable)
{
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPageSetup *setup = gtk_page_setup_new ();

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  return setup;
}

static char *
printable_get_title (ZxPrintable *printable)
{
  return job_title (ZX_SUPERVISION_DOCUMENT (printable));
}

static void
zx_supervision_document_printable_init (ZxPrintableInterface *iface)
{
  iface->get_n_pages = printable_get_n_pages;
  iface->draw_page = printable_draw_page;
  iface->get_page_setup = printable_get_page_setup;
  iface->get_title = printable_get_title;
}

static void
zx_supervision_document_finalize (GObject *object)
{
  ZxSupervisionDocument *self = ZX_SUPERVISION_DOCUMENT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_free (self->title);
  g_free (self->hospital);
  g_free (self->as_of);
  g_free (self->printed_on);

  G_OBJECT_CLASS (zx_supervision_document_parent_class)->finalize (object);
}

static void
zx_supervision_document_class_init (ZxSupervisionDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_supervision_document_finalize;
}

static void
zx_supervision_document_init (ZxSupervisionDocument *self)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  for (guint i = 0; i < N_FONTS; i++)
    {
      g_autofree char *spec = g_strdup_printf ("%s %s", font_specs[i].sans ? SANS : SERIF, font_specs[i].style);

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

ZxSupervisionDocument *
zx_supervision_document_new (ZxStore     *store,
                             const char  *board_id,
                             const GDate *today)
{
  g_autoptr(ZxSupervisionDocument) self = NULL;
  g_autoptr(GListStore) hospitals = NULL;
  g_autoptr(ZxRecord) hospital = NULL;
  g_autofree char *board = g_strdup (board_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate printed;
  ListData data = { NULL };

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (board == NULL)
    {
      g_autoptr(GListStore) boards = zx_store_list (store, "board", NULL, NULL);
      g_autoptr(ZxRecord) first = g_list_model_get_item (G_LIST_MODEL (boards), 0);

      if (first != NULL)
        board = g_strdup (zx_record_get_id (first));
    }

  self = g_object_new (ZX_TYPE_SUPERVISION_DOCUMENT, NULL);
  /* Translators: the title of the printed supervision list, e.g. "协同需求督办清单" */
  self->title = g_strdup (_("Collaboration Requests Under Supervision"));
  hospitals = zx_store_list (store, "hospital", NULL, NULL);
  hospital = g_list_model_get_item (G_LIST_MODEL (hospitals), 0);
  if (hospital != NULL && zx_record_get_string (hospital, "name") != NULL &&
      *zx_record_get_string (hospital, "name") != '\0')
    self->hospital = g_strdup (zx_record_get_string (hospital, "name"));
  self->as_of = format_long_date (today);
  g_date_clear (&printed, 1);
  g_date_set_dmy (&printed, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  self->printed_on = format_long_date (&printed);

  read_list (store, board, today, &data);
  self->n_rows = data.rows->len;
  lay_out (self, &data);
  g_array_unref (data.rows);

  return g_steal_pointer (&self);
}

guint
zx_supervision_document_get_n_pages (ZxSupervisionDocument *self)
{
  g_return_val_if_fail (ZX_IS_SUPERVISION_DOCUMENT (self), 0);

  return self->pages->len;
}

guint
zx_supervision_document_get_n_rows (ZxSupervisionDocument *self)
{
  g_return_val_if_fail (ZX_IS_SUPERVISION_DOCUMENT (self), 0);

  return self->n_rows;
}

const char *
zx_supervision_document_get_title (ZxSupervisionDocument *self)
{
  g_return_val_if_fail (ZX_IS_SUPERVISION_DOCUMENT (self), NULL);

  return self->title;
}
