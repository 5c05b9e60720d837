/* zx-pledge-document.c — a department's yearly pledge (军令状) as a printable A4 document
 *
 * The document is laid out once, when it is made: the flow of blocks (title,
 * particulars, the battle table, the commitment, the signatures) is cut into
 * pages, and each page keeps a list of drawing operations with Pango layouts
 * measured at 72 dpi without hinting, so one point is one unit on every
 * surface.  Drawing a page replays its operations on any cairo context: the
 * PDF export, the print dialog and its preview all show the same pages.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-pledge-document"

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

#include "zx-pledge-document.h"

#define PAGE_W        ZX_PLEDGE_PAGE_WIDTH
#define PAGE_H        ZX_PLEDGE_PAGE_HEIGHT
#define MARGIN_X      70.0
#define MARGIN_TOP    64.0
#define MARGIN_BOTTOM 70.0
#define CONTENT_W     (PAGE_W - 2 * MARGIN_X)
#define CONTENT_END   (PAGE_H - MARGIN_BOTTOM)

/* 宋体 for text, 黑体 for headings, as Chinese official documents set them.
 * The CJK faces come first in every language: their Latin letters match the
 * Chinese names, departments and targets the document is made of. */
#define SERIF "Noto Serif CJK SC, Source Han Serif SC, Noto Sans CJK SC, serif"
#define SANS  "Noto Sans CJK SC, Source Han Sans SC, Noto Serif CJK SC, sans-serif"

typedef enum
{
  FONT_HOSPITAL,
  FONT_TITLE,
  FONT_BODY,
  FONT_HEADING,
  FONT_CELL,
  FONT_CELL_HEAD,
  FONT_SMALL,
  N_FONTS
} Font;

static const struct { gboolean sans; const char *style; } font_specs[N_FONTS] = {
  [FONT_HOSPITAL]  = { FALSE, "15" },
  [FONT_TITLE]     = { FALSE, "Bold 20" },
  [FONT_BODY]      = { FALSE, "12" },
  [FONT_HEADING]   = { TRUE, "Bold 12.5" },
  [FONT_CELL]      = { FALSE, "10" },
  [FONT_CELL_HEAD] = { TRUE, "Bold 10" },
  [FONT_SMALL]     = { FALSE, "9" },
};
#define FONT_BODY_SIZE 12.0

#define CELL_PAD_X     5.0
#define CELL_PAD_Y     5.0
#define CELL_MAX_LINES 8
#define RULE_WIDTH     0.75

#define SEAL_RADIUS    44.0

typedef enum
{
  OP_LAYOUT,      /* a whole layout with its top-left at x, y */
  OP_LINE,        /* one line of a layout, its box's top at y */
  OP_FILL,        /* a grey rectangle */
  OP_BOX,         /* a rectangle's outline */
  OP_RULE,        /* a horizontal line from x to x + w at y */
  OP_SEAL,        /* a dashed circle of radius w centred on x, y, with its layout in the middle */
} OpKind;

typedef struct
{
  OpKind       kind;
  double       x, y, w, h;
  double       baseline;   /* OP_LINE: from the top of the line's box */
  int          line;       /* OP_LINE */
  double       grey;       /* OP_FILL */
  PangoLayout *layout;
} Op;

/* One row of the battle table */
enum { COL_NO, COL_BATTLE, COL_PILLAR, COL_TARGET, COL_OWNER, COL_DEADLINE, N_COLS };

/* Shares of the content width; they add up to 1 */
static const double col_share[N_COLS] = { 0.07, 0.22, 0.16, 0.26, 0.10, 0.19 };
static const PangoAlignment col_align[N_COLS] = {
  PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
  PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
};

struct _ZxPledgeDocument
{
  GObject       parent_instance;

  PangoContext *context;
  PangoFontDescription *fonts[N_FONTS];
  GPtrArray    *pages;        /* of GArray of Op */

  char         *title;
  char         *department;
  char         *hospital;
  int           year;
};

static void zx_pledge_document_printable_init (ZxPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZxPledgeDocument, zx_pledge_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ZX_TYPE_PRINTABLE,
                                                      zx_pledge_document_printable_init))

/* What the document shows, read from the store ----------------------------- */

typedef struct
{
  char *cells[N_COLS];
} BattleRow;

static void
battle_row_clear (gpointer data)
{
  BattleRow *row = data;

  for (guint i = 0; i < N_COLS; i++)
    g_free (row->cells[i]);
}

typedef struct
{
  char      *hospital;
  char      *department;
  char      *head;          /* "张建华（主任医师）" */
  char      *commitment;
  char      *signed_by;     /* NULL when not signed */
  char      *signed_on;     /* the date, formatted; NULL when not signed */
  char      *witness;
  int        year;
  GArray    *battles;       /* of BattleRow */
} PledgeData;

static void
pledge_data_clear (PledgeData *data)
{
  g_free (data->hospital);
  g_free (data->department);
  g_free (data->head);
  g_free (data->commitment);
  g_free (data->signed_by);
  g_free (data->signed_on);
  g_free (data->witness);
  g_clear_pointer (&data->battles, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PledgeData, pledge_data_clear)

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
  /* Translators: a deadline in the pledge's table of battles; a g_date_time_format()
   * format, e.g. "%Y年%-m月%-d日" */
  return g_date_time_format (date, _("%Y-%m-%d"));
}

static char *
format_signed_on (const char *iso_datetime)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso_datetime == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso_datetime, NULL);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  /* Translators: the date a pledge was signed; a g_date_time_format() format,
   * e.g. "%Y年%-m月%-d日" */
  return g_date_time_format (local, _("%B %-d, %Y"));
}

static char *
person_with_title (ZxStore    *store,
                   const char *staff_id)
{
  g_autoptr(JsonObject) person = NULL;
  const char *name, *title;

  if (staff_id == NULL)
    return NULL;
  person = zx_store_get (store, "staff", staff_id, NULL);
  if (person == NULL)
    return NULL;

  name = json_object_get_string_member_with_default (person, "name", NULL);
  title = json_object_get_string_member_with_default (person, "title", NULL);
  if (name == NULL)
    return NULL;
  if (is_blank (title))
    return g_strdup (name);
  /* Translators: a person and their professional title, e.g. "张建华（主任医师）" */
  return g_strdup_printf (_("%s (%s)"), name, title);
}

static char *
or_dash (char *text)
{
  if (is_blank (text))
    {
      g_free (text);
      return g_strdup ("—");
    }
  return text;
}

static gboolean
read_pledge (ZxStore     *store,
             const char  *department_id,
             int          year,
             PledgeData  *data,
             GError     **error)
{
  g_autoptr(ZxRecord) department = NULL;
  g_autoptr(ZxRecord) hospital = NULL;
  g_autoptr(ZxRecord) pledge = NULL;
  g_autoptr(GListStore) battles = NULL;
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  const char *head_id = NULL;
  guint n;

  if (year < 2000 || year > 2100)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("The year %d is not between 2000 and 2100."), year);
      return FALSE;
    }

  if (department_id != NULL)
    department = first_record (store, "department", "id = ?",
                               (const char * const[]) { department_id, NULL });
  if (department == NULL)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                           _("The department does not exist or was deleted."));
      return FALSE;
    }

  data->year = year;
  data->department = g_strdup (zx_record_get_string (department, "name"));

  hospital = first_record (store, "hospital", NULL, NULL);
  if (hospital != NULL && !is_blank (zx_record_get_string (hospital, "name")))
    data->hospital = g_strdup (zx_record_get_string (hospital, "name"));

  pledge = first_record (store, "pledge", "department_id = ? AND year = ?",
                         (const char * const[]) { department_id, year_text, NULL });

  if (pledge != NULL && !zx_record_is_null (pledge, "head_id"))
    head_id = zx_record_get_string (pledge, "head_id");
  else if (!zx_record_is_null (department, "head_id"))
    head_id = zx_record_get_string (department, "head_id");
  data->head = person_with_title (store, head_id);

  if (pledge != NULL && !is_blank (zx_record_get_string (pledge, "commitment")))
    data->commitment = g_strdup (zx_record_get_string (pledge, "commitment"));
  else
    data->commitment = g_strdup (_("The department takes the battles above as the central work of the year. "
                                   "It pledges to break each battle down into quarterly key results and weekly actions, "
                                   "to put a named person in charge of each, to review progress every month and to "
                                   "report obstacles promptly. If the targets are not met, the department accepts "
                                   "the hospital’s evaluation under its performance rules."));

  if (pledge != NULL && !zx_record_is_null (pledge, "signed_at"))
    {
      data->signed_on = format_signed_on (zx_record_get_string (pledge, "signed_at"));
      if (!zx_record_is_null (pledge, "signed_by"))
        data->signed_by = zx_store_get_display (store, "staff", zx_record_get_string (pledge, "signed_by"));
      else if (head_id != NULL)
        data->signed_by = zx_store_get_display (store, "staff", head_id);
      if (!is_blank (zx_record_get_string (pledge, "witness")))
        data->witness = g_strdup (zx_record_get_string (pledge, "witness"));
    }

  /* The battles due this year, or not dated; dropped ones are no longer pledged */
  battles = zx_store_list (store, "battle",
                           "department_id = ? AND status <> 'dropped' "
                           "AND (deadline IS NULL OR substr (deadline, 1, 4) = ?)",
                           (const char * const[]) { department_id, year_text, NULL });
  n = battles != NULL ? g_list_model_get_n_items (G_LIST_MODEL (battles)) : 0;
  data->battles = g_array_sized_new (FALSE, TRUE, sizeof (BattleRow), n);
  g_array_set_clear_func (data->battles, battle_row_clear);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) battle = g_list_model_get_item (G_LIST_MODEL (battles), i);
      BattleRow row = { { NULL } };

      row.cells[COL_NO] = g_strdup_printf ("%u", i + 1);
      row.cells[COL_BATTLE] = or_dash (g_strdup (zx_record_get_string (battle, "name")));
      row.cells[COL_PILLAR] = or_dash (zx_store_get_display (store, "pillar",
                                                             zx_record_get_string (battle, "pillar_id")));
      row.cells[COL_TARGET] = or_dash (g_strdup (zx_record_get_string (battle, "target")));
      row.cells[COL_OWNER] = or_dash (zx_record_is_null (battle, "owner_id") ? NULL :
                                      zx_store_get_display (store, "staff",
                                                            zx_record_get_string (battle, "owner_id")));
      row.cells[COL_DEADLINE] = or_dash (format_date (zx_record_get_string (battle, "deadline")));
      g_array_append_val (data->battles, row);
    }

  return TRUE;
}

/* Laying out ------------------------------------------------------------------ */

typedef struct
{
  ZxPledgeDocument *self;
  GArray           *ops;        /* the current page */
  double            y;
  double            page_top;   /* where content starts on the current page */
} Flow;

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static PangoLayout *
make_layout (ZxPledgeDocument *self,
             const char       *text,
             Font              font,
             double            width,
             PangoAlignment    alignment)
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

/* Takes @layout */
static void
add_layout (Flow        *flow,
            PangoLayout *layout,
            double       x,
            double       y)
{
  Op op = { OP_LAYOUT, x, y, 0, 0, 0, 0, 0, layout };

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
  Op op = { kind, x, y, w, h, 0, 0, grey, NULL };

  g_array_append_val (flow->ops, op);
}

static void
new_page (Flow *flow)
{
  ZxPledgeDocument *self = flow->self;

  flow->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (flow->ops, op_clear);
  g_ptr_array_add (self->pages, flow->ops);
  flow->y = flow->page_top = MARGIN_TOP;

  /* Later pages say what they continue, above a thin rule in the top margin */
  if (self->pages->len > 1)
    {
      g_autofree char *right = g_strdup_printf ("%s · %s", self->title, self->department);
      PangoLayout *left = make_layout (self, self->hospital != NULL ? self->hospital : "",
                                       FONT_SMALL, CONTENT_W / 2, PANGO_ALIGN_LEFT);
      PangoLayout *end = make_layout (self, right, FONT_SMALL, CONTENT_W, PANGO_ALIGN_RIGHT);
      double y = MARGIN_TOP - 34;

      add_layout (flow, left, MARGIN_X, y);
      add_layout (flow, end, MARGIN_X, y);
      add_shape (flow, OP_RULE, MARGIN_X, y + layout_height (end) + 4, CONTENT_W, 0.5, 0);
    }
}

/* Starts a new page unless @height still fits (or the page is still empty) */
static void
ensure_space (Flow   *flow,
              double  height)
{
  if (flow->y + height > CONTENT_END && flow->y > flow->page_top)
    new_page (flow);
}

/* A paragraph, cut between pages by lines when needed */
static void
add_paragraph (Flow           *flow,
               const char     *text,
               Font            font,
               double          font_size,
               double          indent_em,
               PangoAlignment  alignment)
{
  PangoLayout *layout = make_layout (flow->self, text, font, CONTENT_W, alignment);
  PangoLayoutIter *iter;
  int line = 0;

  pango_layout_set_spacing (layout, pango_units_from_double (font_size * 0.5));
  pango_layout_set_indent (layout, pango_units_from_double (indent_em * font_size));
  /* Not justified: a line that ends before an unbreakable run such as
   * "（TAVR）" would have its characters spread far apart */

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;
      double height;
      Op op = { OP_LINE };

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = pango_units_to_double (y1 - y0);

      ensure_space (flow, height);
      op.x = MARGIN_X + pango_units_to_double (logical.x);
      op.y = flow->y;
      op.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter) - y0);
      op.line = line++;
      op.layout = g_object_ref (layout);
      g_array_append_val (flow->ops, op);
      flow->y += height;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
  g_object_unref (layout);
}

static void
add_heading (Flow       *flow,
             const char *text,
             double      keep_with)
{
  PangoLayout *layout = make_layout (flow->self, text, FONT_HEADING, CONTENT_W, PANGO_ALIGN_LEFT);
  double height = layout_height (layout);

  flow->y += 12;
  ensure_space (flow, height + 7 + keep_with);
  add_layout (flow, layout, MARGIN_X, flow->y);
  flow->y += height + 7;
}

/* The table ---------------------------------------------------------------- */

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
make_row (ZxPledgeDocument  *self,
          const char * const cells[N_COLS],
          gboolean           header,
          TableRow          *row)
{
  row->height = 0;
  for (guint i = 0; i < N_COLS; i++)
    {
      double width = col_share[i] * CONTENT_W - 2 * CELL_PAD_X;

      row->cells[i] = make_layout (self, cells[i], header ? FONT_CELL_HEAD : FONT_CELL, width,
                                   header ? PANGO_ALIGN_CENTER : col_align[i]);
      pango_layout_set_spacing (row->cells[i], pango_units_from_double (2));
      /* A very long value ends with "…" rather than running off the page */
      pango_layout_set_height (row->cells[i], -CELL_MAX_LINES);
      pango_layout_set_ellipsize (row->cells[i], PANGO_ELLIPSIZE_END);
      row->height = MAX (row->height, layout_height (row->cells[i]));
    }
  row->height += 2 * CELL_PAD_Y;
  row->height = MAX (row->height, 24);
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
      add_layout (flow, g_steal_pointer (&row->cells[i]),
                  x + CELL_PAD_X, flow->y + (row->height - text_h) / 2);
    }
  flow->y += row->height;
}

static void
place_header (Flow *flow)
{
  const char *titles[N_COLS] = {
    /* Translators: the columns of the table of battles in the printed pledge */
    _("No."), _("Battle"), _("Pillar served"), _("Measurable target"), _("Owner"), _("Deadline"),
  };
  TableRow header;

  make_row (flow->self, titles, TRUE, &header);
  place_row (flow, &header, TRUE);
}

static double
header_height (ZxPledgeDocument *self)
{
  const char *titles[N_COLS] = { _("No."), _("Battle"), _("Pillar served"),
                                 _("Measurable target"), _("Owner"), _("Deadline") };
  TableRow header;
  double height;

  make_row (self, titles, TRUE, &header);
  height = header.height;
  table_row_clear (&header);
  return height;
}

static void
add_table (Flow       *flow,
           PledgeData *data)
{
  ZxPledgeDocument *self = flow->self;
  double head_h = header_height (self);

  if (data->battles->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No battles are set for this department for %d yet. "
                                                 "Add them to the department’s battle map before the pledge is signed."),
                                               data->year);
      PangoLayout *layout = make_layout (self, text, FONT_CELL, CONTENT_W - 2 * CELL_PAD_X * 2,
                                         PANGO_ALIGN_CENTER);
      double height = layout_height (layout) + 4 * CELL_PAD_Y;

      ensure_space (flow, head_h + height);
      place_header (flow);
      add_shape (flow, OP_BOX, MARGIN_X, flow->y, CONTENT_W, height, 0);
      add_layout (flow, layout, MARGIN_X + 2 * CELL_PAD_X, flow->y + 2 * CELL_PAD_Y);
      flow->y += height;
      return;
    }

  for (guint i = 0; i < data->battles->len; i++)
    {
      BattleRow *battle = &g_array_index (data->battles, BattleRow, i);
      TableRow row;

      make_row (self, (const char * const *) battle->cells, FALSE, &row);

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

/* Signatures and seal --------------------------------------------------------- */

/* "Label: ______" with @value (if any) set on the line; returns its height */
static double
place_signature_line (Flow       *flow,
                      double      x,
                      double      y,
                      double      width,
                      const char *label,
                      const char *value,
                      const char *placeholder)
{
  ZxPledgeDocument *self = flow->self;
  PangoLayout *label_layout = make_layout (self, label, FONT_BODY, -1, PANGO_ALIGN_LEFT);
  double label_w = layout_width (label_layout);
  double height = layout_height (label_layout);
  double baseline = pango_units_to_double (pango_layout_get_baseline (label_layout));
  double line_x = x + label_w + 2;
  double line_w = MAX (40, x + width - line_x);

  add_layout (flow, label_layout, x, y);
  add_shape (flow, OP_RULE, line_x, y + baseline + 4, line_w, RULE_WIDTH, 0);

  if (value != NULL || placeholder != NULL)
    {
      PangoLayout *text = make_layout (self, value != NULL ? value : placeholder,
                                       FONT_BODY, line_w, value != NULL ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT);

      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      add_layout (flow, text, line_x, y);
    }

  return height;
}

static void
add_signatures (Flow       *flow,
                PledgeData *data)
{
  ZxPledgeDocument *self = flow->self;
  double column_w = (CONTENT_W - 36) / 2;
  double left = MARGIN_X;
  double right = MARGIN_X + column_w + 36;
  double step = 28;
  double block_h = 2 * step + 28 + SEAL_RADIUS + 4;
  /* Translators: printed on an empty date line of the pledge, to be filled in by hand */
  const char *blank_date = _("year     month     day");
  g_autofree char *party_hospital = NULL;
  g_autofree char *party_department = NULL;
  double y;

  flow->y += 16;
  ensure_space (flow, block_h);
  y = flow->y;

  /* Translators: the hospital's side of the pledge's signatures; %s is the hospital */
  party_hospital = g_strdup_printf (_("Hospital: %s"), data->hospital != NULL ? data->hospital : "");
  /* Translators: the department's side of the pledge's signatures; %s is the department */
  party_department = g_strdup_printf (_("Department: %s"), data->department);

  add_layout (flow, make_layout (self, party_hospital, FONT_BODY, column_w, PANGO_ALIGN_LEFT), left, y);
  add_layout (flow, make_layout (self, party_department, FONT_BODY, column_w, PANGO_ALIGN_LEFT), right, y);

  place_signature_line (flow, left, y + step, column_w,
                        /* Translators: the president signs here by hand */
                        _("President (signature):"), NULL, NULL);
  place_signature_line (flow, right, y + step, column_w,
                        /* Translators: the department head signs here by hand */
                        _("Department head (signature):"), data->signed_by, NULL);

  place_signature_line (flow, left, y + 2 * step, column_w, _("Date:"), NULL, blank_date);
  place_signature_line (flow, right, y + 2 * step, column_w, _("Date:"),
                        data->signed_on, data->signed_on == NULL ? blank_date : NULL);

  if (data->witness != NULL)
    {
      /* Translators: who witnessed the signing, e.g. "见证人：院长 林振华" */
      g_autofree char *witness = g_strdup_printf (_("Witness: %s"), data->witness);

      add_layout (flow, make_layout (self, witness, FONT_BODY, column_w, PANGO_ALIGN_LEFT),
                  right, y + 3 * step);
    }

  /* The hospital's seal is stamped over its date, as on any official paper */
  {
    Op seal = { OP_SEAL };

    seal.x = left + column_w * 0.62;
    seal.y = y + 2 * step + 28;
    seal.w = SEAL_RADIUS;
    /* Translators: printed inside the dashed circle where the hospital's seal is stamped */
    seal.layout = make_layout (self, _("(Hospital seal)"), FONT_SMALL, 2 * SEAL_RADIUS - 12,
                               PANGO_ALIGN_CENTER);
    g_array_append_val (flow->ops, seal);
  }

  flow->y = y + block_h;
}

static void
add_page_numbers (ZxPledgeDocument *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Flow flow = { self, g_ptr_array_index (self->pages, i), 0, 0 };
      /* Translators: the page number at the foot of a printed page, e.g. "第 1 页，共 2 页" */
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len);
      PangoLayout *layout = make_layout (self, text, FONT_SMALL, CONTENT_W, PANGO_ALIGN_CENTER);

      add_layout (&flow, layout, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 30);
    }
}

static void
lay_out (ZxPledgeDocument *self,
         PledgeData       *data)
{
  Flow flow = { self };
  g_autofree char *opening = NULL;
  g_autofree char *term = NULL;
  g_autofree char *line = NULL;
  PangoLayout *layout;

  new_page (&flow);

  if (data->hospital != NULL)
    {
      layout = make_layout (self, data->hospital, FONT_HOSPITAL, CONTENT_W, PANGO_ALIGN_CENTER);
      add_layout (&flow, layout, MARGIN_X, flow.y);
      flow.y += layout_height (layout) + 6;
    }

  layout = make_layout (self, self->title, FONT_TITLE, CONTENT_W, PANGO_ALIGN_CENTER);
  add_layout (&flow, layout, MARGIN_X, flow.y);
  flow.y += layout_height (layout) + 20;

  /* The particulars */
  {
    g_autofree char *department = g_strdup_printf (_("Department: %s"), data->department);
    g_autofree char *head = g_strdup_printf (_("Department head: %s"),
                                             data->head != NULL ? data->head : "");
    /* Translators: the period the pledge covers; %d is the year */
    g_autofree char *period = g_strdup_printf (_("Period: January 1 to December 31, %d"), data->year);
    const char *lines[] = { department, head, period };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      {
        layout = make_layout (self, lines[i], FONT_BODY, CONTENT_W - 24, PANGO_ALIGN_LEFT);
        add_layout (&flow, layout, MARGIN_X + 24, flow.y);
        flow.y += layout_height (layout) + 4;
      }
  }
  flow.y += 8;

  /* Translators: the opening of the pledge; %s is the hospital, %d the year */
  opening = g_strdup_printf (_("To carry out the development strategy of %s and turn it into the department’s actions, "
                               "the hospital and the department have agreed on the department’s targets for %d. "
                               "The department head is the first person responsible for them and pledges to win "
                               "the battles below."),
                             data->hospital != NULL ? data->hospital : _("the hospital"), data->year);
  add_paragraph (&flow, opening, FONT_BODY, FONT_BODY_SIZE, 2, PANGO_ALIGN_LEFT);

  add_heading (&flow, _("1. Battles and Measurable Targets"), header_height (self) + 30);
  add_table (&flow, data);

  add_heading (&flow, _("2. Commitment"), 2 * FONT_BODY_SIZE);
  {
    g_auto(GStrv) paragraphs = g_strsplit (data->commitment, "\n", -1);

    for (guint i = 0; paragraphs[i] != NULL; i++)
      if (!is_blank (paragraphs[i]))
        add_paragraph (&flow, g_strstrip (paragraphs[i]), FONT_BODY, FONT_BODY_SIZE, 2, PANGO_ALIGN_LEFT);
  }

  flow.y += 6;
  add_paragraph (&flow,
                 _("This pledge is made in two copies: the hospital and the department each keep one. "
                   "It takes effect on the day it is signed."),
                 FONT_BODY, FONT_BODY_SIZE, 2, PANGO_ALIGN_LEFT);

  add_signatures (&flow, data);
  add_page_numbers (self);
}

/* Drawing --------------------------------------------------------------------- */

static void
draw_op (cairo_t  *cr,
         const Op *op)
{
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
      cairo_save (cr);
      cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_fill (cr);
      cairo_restore (cr);
      break;

    case OP_BOX:
      cairo_set_line_width (cr, RULE_WIDTH);
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_stroke (cr);
      break;

    case OP_RULE:
      cairo_set_line_width (cr, op->h);
      cairo_move_to (cr, op->x, op->y);
      cairo_line_to (cr, op->x + op->w, op->y);
      cairo_stroke (cr);
      break;

    case OP_SEAL:
      {
        static const double dashes[] = { 4, 3 };
        int width, height;

        cairo_save (cr);
        cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
        cairo_set_line_width (cr, 0.8);
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
        cairo_new_sub_path (cr);
        cairo_arc (cr, op->x, op->y, op->w, 0, 2 * G_PI);
        cairo_stroke (cr);
        pango_layout_get_size (op->layout, &width, &height);
        cairo_move_to (cr, op->x - pango_units_to_double (width) / 2,
                       op->y - pango_units_to_double (height) / 2);
        pango_cairo_show_layout (cr, op->layout);
        cairo_restore (cr);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

void
zx_pledge_document_draw_page (ZxPledgeDocument *self,
                              cairo_t          *cr,
                              guint             page,
                              double            width_pt,
                              double            height_pt)
{
  GArray *ops;
  double scale;

  g_return_if_fail (ZX_IS_PLEDGE_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  ops = g_ptr_array_index (self->pages, page);

  cairo_save (cr);

  /* Another sheet: the A4 page scaled to fit, centred */
  if (width_pt > 0 && height_pt > 0)
    {
      scale = MIN (width_pt / PAGE_W, height_pt / PAGE_H);
      cairo_translate (cr, (width_pt - PAGE_W * scale) / 2, (height_pt - PAGE_H * scale) / 2);
      cairo_scale (cr, scale, scale);
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  for (guint i = 0; i < ops->len; i++)
    draw_op (cr, &g_array_index (ops, Op, i));

  cairo_restore (cr);
}

/* PDF --------------------------------------------------------------------------- */

gboolean
zx_pledge_document_export_pdf (ZxPledgeDocument *self,
                               const char       *path,
                               GError          **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (ZX_IS_PLEDGE_DOCUMENT (self), FALSE);

  title = g_strdup_printf ("%s — %s", self->department, self->title);
  return zx_printable_export_pdf (ZX_PRINTABLE (self), path, PAGE_W, PAGE_H,
                                  title, self->title, self->hospital, error);
}

/* The object -------------------------------------------------------------------- */

static guint
printable_get_n_pages (ZxPrintable *printable)
{
  return zx_pledge_document_get_n_pages (ZX_PLEDGE_DOCUMENT (printable));
}

static void
printable_draw_page (ZxPrintable *printable,
                     cairo_t     *cr,
                     guint        page,
                     double       width,
                     double       height)
{
  zx_pledge_document_draw_page (ZX_PLEDGE_DOCUMENT (printable), cr, page, width, height);
}

static char *
printable_get_title (ZxPrintable *printable)
{
  ZxPledgeDocument *self = ZX_PLEDGE_DOCUMENT (printable);

  return g_strdup_printf ("%s — %s", self->department, self->title);
}

static void
zx_pledge_document_printable_init (ZxPrintableInterface *iface)
{
  iface->get_n_pages = printable_get_n_pages;
  iface->draw_page = printable_draw_page;
  /* A4 portrait: the interface's default page setup */
  iface->get_title = printable_get_title;
}

static void
zx_pledge_document_finalize (GObject *object)
{
  ZxPledgeDocument *self = ZX_PLEDGE_DOCUMENT (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_free (self->title);
  g_free (self->department);
  g_free (self->hospital);

  G_OBJECT_CLASS (zx_pledge_document_parent_class)->finalize (object);
}

static void
zx_pledge_document_class_init (ZxPledgeDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zx_pledge_document_finalize;
}

static void
zx_pledge_document_init (ZxPledgeDocument *self)
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

ZxPledgeDocument *
zx_pledge_document_new (ZxStore     *store,
                        const char  *department_id,
                        int          year,
                        GError     **error)
{
  g_autoptr(ZxPledgeDocument) self = NULL;
  g_auto(PledgeData) data = { NULL };

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_pledge (store, department_id, year, &data, error))
    return NULL;

  self = g_object_new (ZX_TYPE_PLEDGE_DOCUMENT, NULL);
  self->year = year;
  self->department = g_strdup (data.department);
  self->hospital = g_strdup (data.hospital);
  /* Translators: the title of the printed pledge; %d is the year, e.g. "2026年度科室目标责任书（军令状）" */
  self->title = g_strdup_printf (_("Department Responsibility Pledge for %d"), year);

  lay_out (self, &data);

  return g_steal_pointer (&self);
}

guint
zx_pledge_document_get_n_pages (ZxPledgeDocument *self)
{
  g_return_val_if_fail (ZX_IS_PLEDGE_DOCUMENT (self), 0);

  return self->pages->len;
}

const char *
zx_pledge_document_get_title (ZxPledgeDocument *self)
{
  g_return_val_if_fail (ZX_IS_PLEDGE_DOCUMENT (self), NULL);

  return self->title;
}

char *
zx_pledge_document_find_department (ZxStore     *store,
                                    const char  *name_or_code,
                                    GError     **error)
{
  g_autofree char *wanted = NULL;
  g_autoptr(ZxRecord) department = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wanted = g_strstrip (g_strdup (name_or_code != NULL ? name_or_code : ""));
  if (*wanted != '\0')
    {
      department = first_record (store, "department", "name = ?",
                                 (const char * const[]) { wanted, NULL });
      if (department == NULL)
        department = first_record (store, "department", "lower (code) = lower (?)",
                                   (const char * const[]) { wanted, NULL });
    }

  if (department == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   /* Translators: %s is what was asked for: a department's name or code */
                   _("There is no department named or coded “%s”."), wanted);
      return NULL;
    }

  return g_strdup (zx_record_get_id (department));
}
