/* zx-document.c — laying out printable documents
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-document"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "zx-document.h"

/* One face for everything, simplified Chinese first: each face a PDF embeds
 * costs a copy and a subset of a CJK font of ~20 MB, which is what a batch of
 * thousands of reports spends most of its time on.  Headings stand out by
 * size and the table headers by their shading instead of by weight. */
#define FACE "Noto Serif CJK SC, Source Han Serif SC, Noto Sans CJK SC, serif"

static const double font_sizes[ZX_DOCUMENT_N_FONTS] = {
  [ZX_DOCUMENT_FONT_HOSPITAL]  = 14,
  [ZX_DOCUMENT_FONT_TITLE]     = 20,
  [ZX_DOCUMENT_FONT_SUBTITLE]  = 10.5,
  [ZX_DOCUMENT_FONT_HEADING]   = 12.5,
  [ZX_DOCUMENT_FONT_BODY]      = 10.5,
  [ZX_DOCUMENT_FONT_CELL]      = 9.5,
  [ZX_DOCUMENT_FONT_CELL_HEAD] = 9.5,
  [ZX_DOCUMENT_FONT_SMALL]     = 8.5,
};

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.5
#define RULE_WIDTH 0.6

typedef enum
{
  OP_LAYOUT,
  OP_RULE,     /* a filled rectangle: x, y, w, h */
  OP_BOX,      /* a stroked rectangle */
  OP_FILL,     /* a grey rectangle: grey */
} OpKind;

typedef struct
{
  OpKind       kind;
  double       x, y, w, h;
  double       grey;
  PangoLayout *layout;
} Op;

struct _ZxDocument
{
  double                width, height;
  double                margin_x, margin_top, margin_bottom;
  PangoContext         *context;
  PangoFontDescription *fonts[ZX_DOCUMENT_N_FONTS];
  GPtrArray            *pages;   /* GArray of Op */
  GArray               *ops;     /* the current page's */
  double                y;
  gboolean              finished;
};

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
}

static double
content_end (ZxDocument *self)
{
  return self->height - self->margin_bottom;
}

double
zx_document_get_content_width (ZxDocument *self)
{
  return self->width - 2 * self->margin_x;
}

static void
new_page (ZxDocument *self)
{
  self->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (self->ops, op_clear);
  g_ptr_array_add (self->pages, self->ops);
  self->y = self->margin_top;
}

ZxDocument *
zx_document_new (double width,
                 double height,
                 double margin_x,
                 double margin_top,
                 double margin_bottom)
{
  ZxDocument *self = g_new0 (ZxDocument, 1);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->width = width;
  self->height = height;
  self->margin_x = margin_x;
  self->margin_top = margin_top;
  self->margin_bottom = margin_bottom;

  /* Layout in points, without hinting: the same on paper and on screen */
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));

  for (guint i = 0; i < ZX_DOCUMENT_N_FONTS; i++)
    {
      self->fonts[i] = pango_font_description_from_string (FACE);
      pango_font_description_set_size (self->fonts[i], font_sizes[i] * PANGO_SCALE);
    }

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  new_page (self);

  return self;
}

void
zx_document_free (ZxDocument *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pages);
  for (guint i = 0; i < ZX_DOCUMENT_N_FONTS; i++)
    pango_font_description_free (self->fonts[i]);
  g_object_unref (self->context);
  g_free (self);
}

PangoLayout *
zx_document_make_layout (ZxDocument     *self,
                         const char     *text,
                         ZxDocumentFont  font,
                         double          width,
                         PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[font]);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

/* Takes @layout */
static void
add_layout (ZxDocument  *self,
            PangoLayout *layout,
            double       x,
            double       y)
{
  Op op = { OP_LAYOUT, x, y, 0, 0, 0, layout };

  g_array_append_val (self->ops, op);
}

static void
add_shape (ZxDocument *self,
           OpKind      kind,
           double      x,
           double      y,
           double      w,
           double      h,
           double      grey)
{
  Op op = { kind, x, y, w, h, grey, NULL };

  g_array_append_val (self->ops, op);
}

/* Starts a new page unless @height still fits (or the page is still empty) */
static void
ensure_space (ZxDocument *self,
              double      height)
{
  if (self->y + height > content_end (self) && self->y > self->margin_top)
    new_page (self);
}

void
zx_document_add_title_block (ZxDocument *self,
                             const char *hospital,
                             const char *title,
                             const char *subtitle)
{
  double cw = zx_document_get_content_width (self);
  PangoLayout *layout;

  g_return_if_fail (self != NULL && !self->finished);

  if (hospital != NULL && *hospital != '\0')
    {
      layout = zx_document_make_layout (self, hospital, ZX_DOCUMENT_FONT_HOSPITAL, cw, PANGO_ALIGN_CENTER);
      add_layout (self, layout, self->margin_x, self->y);
      self->y += layout_height (layout) + 6;
    }
  layout = zx_document_make_layout (self, title, ZX_DOCUMENT_FONT_TITLE, cw, PANGO_ALIGN_CENTER);
  add_layout (self, layout, self->margin_x, self->y);
  self->y += layout_height (layout) + 6;
  if (subtitle != NULL && *subtitle != '\0')
    {
      layout = zx_document_make_layout (self, subtitle, ZX_DOCUMENT_FONT_SUBTITLE, cw, PANGO_ALIGN_CENTER);
      add_layout (self, layout, self->margin_x, self->y);
      self->y += layout_height (layout) + 4;
    }
  /* A double rule, as official documents have under their heading */
  add_shape (self, OP_RULE, self->margin_x, self->y + 2, cw, 1.2, 0);
  add_shape (self, OP_RULE, self->margin_x, self->y + 5, cw, 0.4, 0);
  self->y += 16;
}

void
zx_document_add_heading (ZxDocument *self,
                         const char *text,
                         double      keep_with)
{
  PangoLayout *layout;
  double h;

  g_return_if_fail (self != NULL && !self->finished);

  layout = zx_document_make_layout (self, text, ZX_DOCUMENT_FONT_HEADING,
                                    zx_document_get_content_width (self), PANGO_ALIGN_LEFT);
  h = layout_height (layout);
  if (self->y > self->margin_top)
    self->y += 8;
  ensure_space (self, h + 6 + keep_with);
  add_layout (self, layout, self->margin_x, self->y);
  self->y += h + 6;
}

void
zx_document_add_paragraph (ZxDocument     *self,
                           const char     *text,
                           ZxDocumentFont  font)
{
  PangoLayout *layout;
  double h;

  g_return_if_fail (self != NULL && !self->finished);

  layout = zx_document_make_layout (self, text, font, zx_document_get_content_width (self),
                                    PANGO_ALIGN_LEFT);
  pango_layout_set_spacing (layout, pango_units_from_double (3));
  h = layout_height (layout);
  ensure_space (self, h);
  add_layout (self, layout, self->margin_x, self->y);
  self->y += h + 4;
}

void
zx_document_add_space (ZxDocument *self,
                       double      points)
{
  g_return_if_fail (self != NULL && !self->finished);

  self->y += points;
}

typedef struct
{
  PangoLayout **cells;
  double        height;
} Row;

static Row
make_row (ZxDocument           *self,
          guint                 n_columns,
          const double         *widths,
          const PangoAlignment *aligns,
          const char * const   *texts,
          gboolean              header)
{
  Row row = { g_new0 (PangoLayout *, n_columns), 0 };

  for (guint i = 0; i < n_columns; i++)
    {
      row.cells[i] = zx_document_make_layout (self, texts[i],
                                              header ? ZX_DOCUMENT_FONT_CELL_HEAD : ZX_DOCUMENT_FONT_CELL,
                                              widths[i] - 2 * CELL_PAD_X,
                                              header ? PANGO_ALIGN_CENTER : aligns[i]);
      /* Headers break between words only (“Employee No.”, not “Employ-ee”) */
      if (header)
        pango_layout_set_wrap (row.cells[i], PANGO_WRAP_WORD);
      row.height = MAX (row.height, layout_height (row.cells[i]) + 2 * CELL_PAD_Y);
    }

  return row;
}

/* Draws @row at the current y and takes its layouts */
static void
place_row (ZxDocument   *self,
           guint         n_columns,
           const double *widths,
           Row          *row,
           gboolean      header,
           gboolean      shaded_first_column)
{
  double x = self->margin_x;

  for (guint i = 0; i < n_columns; i++)
    {
      if (header || (shaded_first_column && i == 0))
        add_shape (self, OP_FILL, x, self->y, widths[i], row->height, header ? 0.86 : 0.94);
      add_shape (self, OP_BOX, x, self->y, widths[i], row->height, 0);
      add_layout (self, row->cells[i], x + CELL_PAD_X, self->y + CELL_PAD_Y);
      row->cells[i] = NULL;
      x += widths[i];
    }
  self->y += row->height;
  g_free (row->cells);
  row->cells = NULL;
}

void
zx_document_add_table (ZxDocument           *self,
                       guint                 n_columns,
                       const double         *shares,
                       const PangoAlignment *aligns,
                       const char * const   *header,
                       GPtrArray            *rows,
                       gboolean              shaded_first_column)
{
  g_autofree double *widths = NULL;
  double cw;

  g_return_if_fail (self != NULL && !self->finished);
  g_return_if_fail (n_columns > 0 && shares != NULL && aligns != NULL && rows != NULL);

  cw = zx_document_get_content_width (self);
  widths = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    widths[i] = shares[i] * cw;

  for (guint r = 0; r < rows->len; r++)
    {
      Row row = make_row (self, n_columns, widths, aligns, g_ptr_array_index (rows, r), FALSE);

      /* The header on the table's first page and on every page it continues on */
      if (r == 0 || self->y + row.height > content_end (self))
        {
          Row head = { NULL, 0 };
          double need = row.height;

          if (header != NULL)
            {
              head = make_row (self, n_columns, widths, aligns, header, TRUE);
              need += head.height;
            }
          if (self->y + need > content_end (self) && self->y > self->margin_top)
            new_page (self);
          if (header != NULL)
            place_row (self, n_columns, widths, &head, TRUE, FALSE);
        }
      place_row (self, n_columns, widths, &row, FALSE, shaded_first_column);
    }
  if (rows->len == 0 && header != NULL)
    {
      Row head = make_row (self, n_columns, widths, aligns, header, TRUE);

      ensure_space (self, head.height);
      place_row (self, n_columns, widths, &head, TRUE, FALSE);
    }
  self->y += 4;
}

void
zx_document_add_signatures (ZxDocument         *self,
                            const char * const *labels)
{
  double cw, column_w, line_h = 0, block_h;
  guint n;

  g_return_if_fail (self != NULL && !self->finished && labels != NULL);

  n = g_strv_length ((char **) labels);
  if (n == 0)
    return;
  cw = zx_document_get_content_width (self);
  column_w = cw / 2;

  /* Measure one line to keep the whole block on one page */
  {
    g_autoptr(PangoLayout) probe = zx_document_make_layout (self, "签字日期", ZX_DOCUMENT_FONT_BODY,
                                                             -1, PANGO_ALIGN_LEFT);
    line_h = layout_height (probe);
  }
  block_h = ((n + 1) / 2) * (2 * line_h + 30) + 16;
  self->y += 16;
  ensure_space (self, block_h);

  for (guint i = 0; i < n; i++)
    {
      double x = self->margin_x + (i % 2) * column_w;
      double y = self->y + (i / 2) * (2 * line_h + 30);
      /* Translators: before a line to sign on, %s is who signs (“Department head”) */
      g_autofree char *sign = g_strdup_printf (_("%s (signature):"), labels[i]);
      PangoLayout *layout = zx_document_make_layout (self, sign, ZX_DOCUMENT_FONT_BODY, -1,
                                                     PANGO_ALIGN_LEFT);
      int label_w;

      pango_layout_get_size (layout, &label_w, NULL);
      add_layout (self, layout, x, y);
      add_shape (self, OP_RULE, x + pango_units_to_double (label_w) + 4, y + line_h,
                 MAX (column_w - pango_units_to_double (label_w) - 24, 40), 0.6, 0);
      /* Translators: a date to fill in by hand under a signature */
      layout = zx_document_make_layout (self, _("Date:        Year      Month      Day"),
                                        ZX_DOCUMENT_FONT_BODY, -1, PANGO_ALIGN_LEFT);
      add_layout (self, layout, x, y + line_h + 12);
    }
  self->y += block_h;
}

void
zx_document_finish (ZxDocument *self,
                    const char *footer)
{
  double cw;

  g_return_if_fail (self != NULL && !self->finished);

  self->finished = TRUE;
  cw = zx_document_get_content_width (self);
  for (guint i = 0; i < self->pages->len; i++)
    {
      /* Translators: a page number at the foot of a printed page */
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len);
      PangoLayout *layout;
      double y = self->height - self->margin_bottom + 18;

      self->ops = g_ptr_array_index (self->pages, i);
      layout = zx_document_make_layout (self, text, ZX_DOCUMENT_FONT_SMALL, cw, PANGO_ALIGN_RIGHT);
      add_layout (self, layout, self->margin_x, y);
      if (footer != NULL)
        {
          layout = zx_document_make_layout (self, footer, ZX_DOCUMENT_FONT_SMALL, cw * 0.7,
                                            PANGO_ALIGN_LEFT);
          add_layout (self, layout, self->margin_x, y);
        }
    }
}

guint
zx_document_get_n_pages (ZxDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pages->len;
}

void
zx_document_draw_page (ZxDocument *self,
                       cairo_t    *cr,
                       guint       page,
                       double      width,
                       double      height)
{
  GArray *ops;
  double scale;

  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (page < self->pages->len);

  ops = g_ptr_array_index (self->pages, page);
  scale = MIN (width / self->width, height / self->height);

  cairo_save (cr);
  cairo_translate (cr, (width - self->width * scale) / 2, (height - self->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_line_width (cr, RULE_WIDTH);

  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case OP_LAYOUT:
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, op->x, op->y);
          pango_cairo_show_layout (cr, op->layout);
          break;
        case OP_RULE:
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;
        case OP_BOX:
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_stroke (cr);
          break;
        case OP_FILL:
          cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}
