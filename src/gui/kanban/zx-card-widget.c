/* zx-card-widget.c — one collaboration request on the board
 *
 * One widget that lays out and draws its texts itself (a handful of
 * PangoLayouts, kept for the width they were made for) rather than a
 * tree of twenty labels and boxes: a board of 2,000 cards makes a few
 * dozen of these at once, and each is measured and drawn on every layout
 * of its column.  The card's frame (background, border, shadow, focus
 * ring, hover, the dimming while dragged) is CSS on the widget
 * ("zx-card.card"); the colours of the texts and tags are libadwaita's
 * named colours, looked up again when the style changes (dark mode).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-card-widget"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-card-widget.h"
#include "zx-kanban.h"

/* The width of a card's content (its CSS padding comes on top): the
 * board's columns are this wide */
#define CARD_WIDTH   248
#define ROW_GAP      6
#define PILL_X       7      /* a tag's padding, left and right */
#define PILL_Y       1
#define ICON         14
#define ICON_GAP     4

typedef enum
{
  INK_TEXT,
  INK_DIM,
  INK_ACCENT,
  INK_ERROR,
  INK_WARNING,
  INK_SUCCESS,
  N_INKS
} Ink;

/* A text drawn in a pill (or plain when @pill is FALSE) */
typedef struct
{
  PangoLayout *layout;
  Ink          ink;
  gboolean     pill;
  graphene_rect_t rect;      /* where it was placed, pill included */
  const char  *tooltip;      /* borrowed from the widget */
} Piece;

enum
{
  P_PRIORITY,
  P_TITLE,
  P_FROM,
  P_ARROW,
  P_TO,
  P_KR,
  P_SUPERVISED,
  P_BLOCKED,
  P_DONE,
  P_DUE,
  P_COMMENTS,
  P_ASSIGNEE,
  N_PIECES
};

struct _ZxCardWidget
{
  GtkWidget  parent_instance;

  ZxRecord  *card;
  char      *description;
  int        days_overdue;
  gboolean   overdue, due_today;

  /* texts as set */
  char      *texts[N_PIECES];
  char      *tooltips[N_PIECES];
  Ink        inks[N_PIECES];
  gboolean   bold[N_PIECES];

  /* laid out for one width */
  Piece      pieces[N_PIECES];
  int        laid_width;     /* -1: nothing laid out */
  int        height;
  graphene_point_t kr_icon, due_icon, comments_icon;

  GdkRGBA    colors[N_INKS];
  gboolean   colors_valid;
  char      *font_name;
};

G_DEFINE_FINAL_TYPE (ZxCardWidget, zx_card_widget, GTK_TYPE_WIDGET)

/* Icons, shared by every card */
static GtkIconPaintable *
icon (GtkWidget  *widget,
      const char *name)
{
  static GHashTable *icons;
  GtkIconPaintable *paintable;
  int scale = gtk_widget_get_scale_factor (widget);
  g_autofree char *key = g_strdup_printf ("%s@%d", name, scale);

  if (icons == NULL)
    icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  paintable = g_hash_table_lookup (icons, key);
  if (paintable == NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

      paintable = gtk_icon_theme_lookup_icon (theme, name, NULL, ICON, scale, GTK_TEXT_DIR_NONE, 0);
      g_hash_table_insert (icons, g_steal_pointer (&key), paintable);
    }
  return paintable;
}

/* Layout ---------------------------------------------------------------------- */

static void
clear_layouts (ZxCardWidget *self)
{
  for (guint i = 0; i < N_PIECES; i++)
    g_clear_object (&self->pieces[i].layout);
  self->laid_width = -1;
}

static PangoLayout *
make_layout (ZxCardWidget *self,
             guint         piece,
             gboolean      small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->texts[piece]);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (self->bold[piece])
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* A one-line text at most @max_width wide, ellipsized; its size */
static void
place_line (ZxCardWidget *self,
            guint         i,
            gboolean      pill,
            double        max_width,
            int          *width,
            int          *height)
{
  Piece *piece = &self->pieces[i];
  int pad = pill ? 2 * PILL_X : 0;
  PangoRectangle logical;

  piece->layout = make_layout (self, i, TRUE);
  piece->pill = pill;
  piece->ink = self->inks[i];
  piece->tooltip = self->tooltips[i];
  pango_layout_set_ellipsize (piece->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (piece->layout, (int) MAX (max_width - pad, 1) * PANGO_SCALE);
  pango_layout_get_pixel_extents (piece->layout, NULL, &logical);
  *width = logical.width + pad;
  *height = logical.height + (pill ? 2 * PILL_Y : 0);
}

static void
set_rect (Piece *piece,
          double x,
          double y,
          double width,
          double height)
{
  piece->rect = GRAPHENE_RECT_INIT (x, y, width, height);
}

/* Lays the card out for a content @width; its height */
static int
lay_out (ZxCardWidget *self,
         int           width)
{
  int y = 0, w, h, row_height;
  double x;

  if (self->laid_width == width)
    return self->height;
  clear_layouts (self);
  self->laid_width = width;
  if (self->card == NULL)
    return self->height = 0;

  /* Priority and title: up to three lines */
  x = 0;
  row_height = 0;
  if (self->texts[P_PRIORITY] != NULL)
    {
      place_line (self, P_PRIORITY, TRUE, width / 3.0, &w, &h);
      set_rect (&self->pieces[P_PRIORITY], 0, 1, w, h);
      x = w + 6;
      row_height = h + 1;
    }
  {
    Piece *title = &self->pieces[P_TITLE];
    PangoRectangle logical;

    title->layout = make_layout (self, P_TITLE, FALSE);
    title->ink = self->inks[P_TITLE];
    title->tooltip = self->tooltips[P_TITLE];
    pango_layout_set_wrap (title->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize (title->layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_width (title->layout, (int) MAX (width - x, 1) * PANGO_SCALE);
    pango_layout_set_height (title->layout, -3);
    pango_layout_get_pixel_extents (title->layout, NULL, &logical);
    set_rect (title, x, 0, width - x, logical.height);
    row_height = MAX (row_height, logical.height);
  }
  y += row_height + ROW_GAP;

  /* Requesting → supporting department */
  {
    int arrow_w, arrow_h, from_w, from_h, to_w, to_h;
    double half;

    place_line (self, P_ARROW, FALSE, width, &arrow_w, &arrow_h);
    half = (width - arrow_w - 8) / 2.0;
    place_line (self, P_FROM, TRUE, half, &from_w, &from_h);
    place_line (self, P_TO, TRUE, width - arrow_w - 8 - MIN (from_w, half), &to_w, &to_h);
    row_height = MAX (from_h, MAX (to_h, arrow_h));
    set_rect (&self->pieces[P_FROM], 0, y, from_w, from_h);
    set_rect (&self->pieces[P_ARROW], from_w + 4, y + (row_height - arrow_h) / 2.0, arrow_w, arrow_h);
    set_rect (&self->pieces[P_TO], from_w + 8 + arrow_w, y, to_w, to_h);
    y += row_height + ROW_GAP;
  }

  /* The key result served */
  if (self->texts[P_KR] != NULL)
    {
      place_line (self, P_KR, FALSE, width - ICON - ICON_GAP, &w, &h);
      self->kr_icon = GRAPHENE_POINT_INIT (0, y + (h - ICON) / 2.0);
      set_rect (&self->pieces[P_KR], ICON + ICON_GAP, y, w, h);
      y += h + ROW_GAP;
    }

  /* Tags */
  if (self->texts[P_SUPERVISED] != NULL || self->texts[P_BLOCKED] != NULL || self->texts[P_DONE] != NULL)
    {
      static const guint tags[] = { P_SUPERVISED, P_DONE, P_BLOCKED };

      x = 0;
      row_height = 0;
      for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
        {
          if (self->texts[tags[t]] == NULL)
            continue;
          place_line (self, tags[t], TRUE, MAX (width - x, 2 * PILL_X + 1), &w, &h);
          set_rect (&self->pieces[tags[t]], x, y, w, h);
          x += w + 4;
          row_height = MAX (row_height, h);
        }
      y += row_height + ROW_GAP;
    }

  /* Due date, comments, assignee */
  {
    double left = 0;

    row_height = ICON;
    if (self->texts[P_DUE] != NULL)
      {
        place_line (self, P_DUE, FALSE, width * 0.6, &w, &h);
        self->due_icon = GRAPHENE_POINT_INIT (0, 0);
        set_rect (&self->pieces[P_DUE], ICON + ICON_GAP, y, w, h);
        left = ICON + ICON_GAP + w + 10;
        row_height = MAX (row_height, h);
      }
    if (self->texts[P_COMMENTS] != NULL)
      {
        place_line (self, P_COMMENTS, FALSE, width / 4.0, &w, &h);
        self->comments_icon = GRAPHENE_POINT_INIT (left, 0);
        set_rect (&self->pieces[P_COMMENTS], left + ICON + ICON_GAP, y, w, h);
        left += ICON + ICON_GAP + w + 10;
        row_height = MAX (row_height, h);
      }
    if (self->texts[P_ASSIGNEE] != NULL)
      {
        place_line (self, P_ASSIGNEE, FALSE, MAX (width - left, 1), &w, &h);
        set_rect (&self->pieces[P_ASSIGNEE], width - w, y, w, h);
        row_height = MAX (row_height, h);
      }
    self->due_icon.y = self->comments_icon.y = y + (row_height - ICON) / 2.0;
    y += row_height;
  }

  return self->height = y;
}

static void
zx_card_widget_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  ZxCardWidget *self = ZX_CARD_WIDGET (widget);

  /* One width, whatever the texts (they wrap or ellipsize) */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = CARD_WIDTH;
  else
    *minimum = *natural = lay_out (self, for_size > 0 ? for_size : CARD_WIDTH);
}

static GtkSizeRequestMode
zx_card_widget_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Drawing ----------------------------------------------------------------------- */

static void
lookup_colors (ZxCardWidget *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  static const struct { Ink ink; const char *name; } named[] = {
    { INK_ACCENT, "accent_color" },
    { INK_ERROR, "error_color" },
    { INK_WARNING, "warning_color" },
    { INK_SUCCESS, "success_color" },
  };

  gtk_style_context_get_color (context, &self->colors[INK_TEXT]);
  self->colors[INK_DIM] = self->colors[INK_TEXT];
  self->colors[INK_DIM].alpha *= 0.55;
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (!gtk_style_context_lookup_color (context, named[i].name, &self->colors[named[i].ink]))
      self->colors[named[i].ink] = self->colors[INK_TEXT];
}

static void
draw_icon (ZxCardWidget     *self,
           GtkSnapshot      *snapshot,
           const char       *name,
           graphene_point_t  at,
           Ink               ink)
{
  GtkIconPaintable *paintable = icon (GTK_WIDGET (self), name);
  GdkRGBA colors[4];

  /* one colour: the icons' own warning and error parts would shout */
  colors[0] = colors[1] = colors[2] = colors[3] = self->colors[ink];
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &at);
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot, ICON, ICON, colors, 4);
  gtk_snapshot_restore (snapshot);
}

static void
zx_card_widget_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ZxCardWidget *self = ZX_CARD_WIDGET (widget);

  if (self->card == NULL)
    return;
  if (!self->colors_valid)
    {
      lookup_colors (self);
      self->colors_valid = TRUE;
    }
  lay_out (self, gtk_widget_get_width (widget));

  for (guint i = 0; i < N_PIECES; i++)
    {
      Piece *piece = &self->pieces[i];
      GdkRGBA color;

      if (piece->layout == NULL)
        continue;
      color = self->colors[piece->ink];
      if (piece->pill)
        {
          GskRoundedRect pill;
          GdkRGBA tint = color;

          tint.alpha = piece->ink == INK_TEXT || piece->ink == INK_DIM ? 0.09 : 0.15;
          gsk_rounded_rect_init_from_rect (&pill, &piece->rect, piece->rect.size.height / 2);
          gtk_snapshot_push_rounded_clip (snapshot, &pill);
          gtk_snapshot_append_color (snapshot, &tint, &piece->rect);
          gtk_snapshot_pop (snapshot);
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (piece->rect.origin.x + (piece->pill ? PILL_X : 0),
                                                              piece->rect.origin.y + (piece->pill ? PILL_Y : 0)));
      gtk_snapshot_append_layout (snapshot, piece->layout, &color);
      gtk_snapshot_restore (snapshot);
    }

  if (self->pieces[P_KR].layout != NULL)
    draw_icon (self, snapshot, "object-select-symbolic", self->kr_icon, INK_DIM);
  if (self->pieces[P_DUE].layout != NULL)
    draw_icon (self, snapshot, self->overdue ? "task-past-due-symbolic" : "task-due-symbolic", self->due_icon,
               self->inks[P_DUE]);
  if (self->pieces[P_COMMENTS].layout != NULL)
    draw_icon (self, snapshot, "chat-message-new-symbolic", self->comments_icon, INK_DIM);
}

static gboolean
zx_card_widget_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  ZxCardWidget *self = ZX_CARD_WIDGET (widget);
  /* widget coordinates start at the content box, where the pieces are */
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  for (guint i = 0; i < N_PIECES; i++)
    {
      Piece *piece = &self->pieces[i];
      graphene_rect_t area = piece->rect;

      if (piece->layout == NULL || piece->tooltip == NULL)
        continue;
      /* the icon in front belongs to the text */
      if (i == P_KR || i == P_DUE || i == P_COMMENTS)
        graphene_rect_init (&area, area.origin.x - ICON - ICON_GAP, area.origin.y,
                            area.size.width + ICON + ICON_GAP, MAX (area.size.height, ICON));
      if (graphene_rect_contains_point (&area, &point))
        {
          gtk_tooltip_set_text (tooltip, piece->tooltip);
          gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) area.origin.x, (int) area.origin.y,
                                                               (int) area.size.width, (int) area.size.height });
          return TRUE;
        }
    }
  return FALSE;
}

static void
zx_card_widget_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  ZxCardWidget *self = ZX_CARD_WIDGET (widget);
  PangoFontDescription *font;
  g_autofree char *font_name = NULL;

  GTK_WIDGET_CLASS (zx_card_widget_parent_class)->css_changed (widget, change);
  self->colors_valid = FALSE;
  /* hover and focus change colours at most; a new font lays out again */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  font_name = font != NULL ? pango_font_description_to_string (font) : NULL;
  if (g_strcmp0 (font_name, self->font_name) != 0)
    {
      g_free (self->font_name);
      self->font_name = g_steal_pointer (&font_name);
      clear_layouts (self);
      gtk_widget_queue_resize (widget);
    }
  else
    gtk_widget_queue_draw (widget);
}

/* Texts ------------------------------------------------------------------------------ */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  g_date_clear (date, 1);
  if (text == NULL || strlen (text) < 10)
    return FALSE;
  {
    g_autofree char *day = g_strndup (text, 10);

    g_date_set_parse (date, day);
  }
  return g_date_valid (date);
}

/* “11-25” within the year of @today, else “2027-01-05” */
static char *
short_date (const GDate *date,
            const GDate *today)
{
  if (today != NULL && g_date_valid (today) && g_date_get_year (date) == g_date_get_year (today))
    return g_strdup_printf ("%02d-%02d", g_date_get_month (date), g_date_get_day (date));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
set_class (GtkWidget  *widget,
           const char *name,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

static void
append_part (GString    *sentence,
             const char *part)
{
  if (sentence->len > 0)
    /* Translators: separates the parts of a card's description read by screen readers */
    g_string_append (sentence, C_("accessible description", ", "));
  g_string_append (sentence, part);
}

static void
set_piece (ZxCardWidget *self,
           guint         piece,
           char         *text,       /* taken */
           Ink           ink,
           char         *tooltip)    /* taken */
{
  g_free (self->texts[piece]);
  g_free (self->tooltips[piece]);
  self->texts[piece] = text;
  self->tooltips[piece] = tooltip;
  self->inks[piece] = ink;
}

void
zx_card_widget_set_card (ZxCardWidget     *self,
                         ZxRecord         *card,
                         const ZxCardInfo *info)
{
  const ZxCardInfo empty = { 0 };
  const char *title, *priority;
  g_autofree char *due_shown = NULL;
  g_autofree char *due_full = NULL;
  gboolean supervised, has_due;
  GString *sentence;
  GDate due;

  g_return_if_fail (ZX_IS_CARD_WIDGET (self));

  if (info == NULL)
    info = &empty;
  g_set_object (&self->card, card);
  g_clear_pointer (&self->description, g_free);
  for (guint i = 0; i < N_PIECES; i++)
    set_piece (self, i, NULL, INK_TEXT, NULL);
  clear_layouts (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  self->days_overdue = 0;
  self->overdue = self->due_today = FALSE;
  if (card == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  title = zx_record_get_string (card, "title");
  if (title == NULL)
    title = "";
  priority = zx_record_get_string (card, "priority");
  supervised = zx_record_get_bool (card, "supervised");
  has_due = parse_date (zx_record_get_string (card, "due_date"), &due);
  if (has_due && info->today != NULL && g_date_valid (info->today))
    {
      self->days_overdue = zx_kanban_days_overdue (card, info->done, info->today);
      self->due_today = !info->done && g_date_compare (&due, info->today) == 0;
    }
  self->overdue = self->days_overdue > 0;

  /* Priority and title */
  self->bold[P_TITLE] = TRUE;
  self->bold[P_PRIORITY] = self->bold[P_SUPERVISED] = self->bold[P_BLOCKED] = self->bold[P_DONE] = TRUE;
  /* a long title may be cut after three lines: the whole of it on hover */
  set_piece (self, P_TITLE, g_strdup (title), info->done ? INK_DIM : INK_TEXT,
             g_utf8_strlen (title, -1) > 36 ? g_strdup (title) : NULL);
  if (g_strcmp0 (priority, "urgent") == 0)
    /* Translators: a request's priority, on its card */
    set_piece (self, P_PRIORITY, g_strdup (C_("priority", "Urgent")), INK_ERROR, NULL);
  else if (g_strcmp0 (priority, "high") == 0)
    /* Translators: a request's priority, on its card */
    set_piece (self, P_PRIORITY, g_strdup (C_("priority", "High")), INK_WARNING, NULL);
  else if (g_strcmp0 (priority, "low") == 0)
    /* Translators: a request's priority, on its card */
    set_piece (self, P_PRIORITY, g_strdup (C_("priority", "Low")), INK_DIM, NULL);

  /* Departments */
  set_piece (self, P_FROM, g_strdup (info->from_department ? info->from_department : "—"), INK_ACCENT,
             /* Translators: the tooltip of the requesting department on a card */
             g_strdup_printf (_("Requested by %s"), info->from_department ? info->from_department : "—"));
  set_piece (self, P_ARROW, g_strdup ("→"), INK_DIM, NULL);
  set_piece (self, P_TO, g_strdup (info->to_department ? info->to_department : "—"), INK_TEXT,
             /* Translators: the tooltip of the supporting department on a card */
             g_strdup_printf (_("Supported by %s"), info->to_department ? info->to_department : "—"));

  /* Key result */
  if (info->key_result != NULL)
    set_piece (self, P_KR, g_strdup (info->key_result), INK_DIM,
               /* Translators: the tooltip of the key result a request serves */
               g_strdup_printf (_("Serves the key result “%s”"), info->key_result));

  /* Tags */
  if (supervised)
    {
      const char *deadline = zx_record_get_string (card, "supervision_deadline");

      /* Translators: the tag of a request the hospital office supervises: 督办 */
      set_piece (self, P_SUPERVISED, g_strdup (C_("card tag", "Supervised")), INK_ERROR,
                 deadline != NULL
                 /* Translators: the tooltip of the 督办 tag */
                 ? g_strdup_printf (_("Supervised by the hospital office until %s"), deadline)
                 : g_strdup (_("Supervised by the hospital office")));
    }
  if (info->blocker != NULL)
    {
      /* Translators: a tag on a card: the unfinished request it waits for */
      g_autofree char *text = g_strdup_printf (_("Blocked by “%s”"), info->blocker);

      set_piece (self, P_BLOCKED, g_strdup (text), INK_WARNING, g_strdup (text));
    }
  if (info->done)
    /* Translators: the tag of a request in a column that counts as done */
    set_piece (self, P_DONE, g_strdup (C_("card tag", "Done")), INK_SUCCESS, NULL);

  /* Due date */
  if (has_due)
    {
      due_shown = short_date (&due, info->today);
      due_full = short_date (&due, NULL);
      if (self->overdue)
        /* Translators: a card's due date and how late it is */
        set_piece (self, P_DUE, g_strdup_printf (ngettext ("%s · %d day overdue", "%s · %d days overdue", self->days_overdue),
                                                 due_shown, self->days_overdue),
                   INK_ERROR, NULL);
      else if (self->due_today)
        set_piece (self, P_DUE, g_strdup (_("Due today")), INK_WARNING, NULL);
      else
        set_piece (self, P_DUE, g_strdup (due_shown), INK_DIM, NULL);
      self->bold[P_DUE] = self->overdue;
      /* Translators: the tooltip of a card's due date */
      self->tooltips[P_DUE] = g_strdup_printf (_("Due on %s"), due_full);
    }

  /* Comments and assignee */
  if (info->n_comments > 0)
    set_piece (self, P_COMMENTS, g_strdup_printf ("%u", info->n_comments), INK_DIM,
               g_strdup_printf (ngettext ("%u comment", "%u comments", info->n_comments), info->n_comments));
  if (info->assignee != NULL)
    set_piece (self, P_ASSIGNEE, g_strdup (info->assignee), INK_DIM,
               /* Translators: the tooltip of the name on a card */
               g_strdup_printf (_("Assigned to %s"), info->assignee));

  set_class (GTK_WIDGET (self), "done", info->done);
  set_class (GTK_WIDGET (self), "overdue", self->overdue);
  set_class (GTK_WIDGET (self), "supervised", supervised);

  /* The sentence screen readers say */
  sentence = g_string_new (NULL);
  {
    /* Translators: how a screen reader introduces a card: its title, the requesting and the supporting department */
    g_autofree char *part = g_strdup_printf (_("Request “%s” from %s to %s"), title,
                                             info->from_department ? info->from_department : "—",
                                             info->to_department ? info->to_department : "—");

    append_part (sentence, part);
  }
  if (has_due)
    {
      /* Translators: part of a card's description for screen readers */
      g_autofree char *part = g_strdup_printf (_("due %s"), due_full);

      append_part (sentence, part);
    }
  else
    /* Translators: part of a card's description for screen readers */
    append_part (sentence, _("no due date"));
  if (self->overdue)
    {
      /* Translators: part of a card's description for screen readers */
      g_autofree char *part = g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", self->days_overdue),
                                               self->days_overdue);

      append_part (sentence, part);
    }
  if (info->done)
    /* Translators: part of a card's description for screen readers */
    append_part (sentence, _("done"));
  if (g_strcmp0 (priority, "urgent") == 0)
    /* Translators: part of a card's description for screen readers */
    append_part (sentence, _("urgent"));
  else if (g_strcmp0 (priority, "high") == 0)
    /* Translators: part of a card's description for screen readers */
    append_part (sentence, _("high priority"));
  if (supervised)
    /* Translators: part of a card's description for screen readers (督办) */
    append_part (sentence, _("under supervision"));
  if (info->blocker != NULL)
    {
      /* Translators: part of a card's description for screen readers */
      g_autofree char *part = g_strdup_printf (_("blocked by “%s”"), info->blocker);

      append_part (sentence, part);
    }
  if (info->key_result != NULL)
    {
      /* Translators: part of a card's description for screen readers */
      g_autofree char *part = g_strdup_printf (_("serves “%s”"), info->key_result);

      append_part (sentence, part);
    }
  if (info->assignee != NULL)
    {
      /* Translators: part of a card's description for screen readers */
      g_autofree char *part = g_strdup_printf (_("assigned to %s"), info->assignee);

      append_part (sentence, part);
    }
  if (info->n_comments > 0)
    {
      g_autofree char *part = g_strdup_printf (ngettext ("%u comment", "%u comments", info->n_comments), info->n_comments);

      append_part (sentence, part);
    }
  self->description = g_string_free (sentence, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->description, -1);
}

ZxRecord *
zx_card_widget_get_card (ZxCardWidget *self)
{
  g_return_val_if_fail (ZX_IS_CARD_WIDGET (self), NULL);
  return self->card;
}

const char *
zx_card_widget_get_card_id (ZxCardWidget *self)
{
  g_return_val_if_fail (ZX_IS_CARD_WIDGET (self), NULL);
  return self->card != NULL ? zx_record_get_id (self->card) : NULL;
}

const char *
zx_card_widget_get_description (ZxCardWidget *self)
{
  g_return_val_if_fail (ZX_IS_CARD_WIDGET (self), NULL);
  return self->description;
}

int
zx_card_widget_get_days_overdue (ZxCardWidget *self)
{
  g_return_val_if_fail (ZX_IS_CARD_WIDGET (self), 0);
  return self->days_overdue;
}

/* Construction ---------------------------------------------------------------------- */

static void
zx_card_widget_dispose (GObject *object)
{
  ZxCardWidget *self = ZX_CARD_WIDGET (object);

  clear_layouts (self);
  g_clear_object (&self->card);
  G_OBJECT_CLASS (zx_card_widget_parent_class)->dispose (object);
}

static void
zx_card_widget_finalize (GObject *object)
{
  ZxCardWidget *self = ZX_CARD_WIDGET (object);

  for (guint i = 0; i < N_PIECES; i++)
    {
      g_free (self->texts[i]);
      g_free (self->tooltips[i]);
    }
  g_free (self->description);
  g_free (self->font_name);
  G_OBJECT_CLASS (zx_card_widget_parent_class)->finalize (object);
}

static void
zx_card_widget_class_init (ZxCardWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zx_card_widget_dispose;
  object_class->finalize = zx_card_widget_finalize;
  widget_class->measure = zx_card_widget_measure;
  widget_class->get_request_mode = zx_card_widget_get_request_mode;
  widget_class->snapshot = zx_card_widget_snapshot;
  widget_class->query_tooltip = zx_card_widget_query_tooltip;
  widget_class->css_changed = zx_card_widget_css_changed;

  gtk_widget_class_set_css_name (widget_class, "zx-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
zx_card_widget_init (ZxCardWidget *self)
{
  self->laid_width = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

GtkWidget *
zx_card_widget_new (void)
{
  return g_object_new (ZX_TYPE_CARD_WIDGET, NULL);
}
