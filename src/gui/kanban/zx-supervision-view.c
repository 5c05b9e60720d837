/* zx-supervision-view.c — the hospital office's supervision list (督办清单)
 *
 * zx_kanban_supervision_list() in a GtkColumnView (a GListStore of the
 * cards' ZxRecord; the days overdue and supervision of each come from the
 * list's entries, kept by id), rebuilt in an idle after the store changes.
 * Above it, the counts and a small bar chart of the overdue requests per
 * supporting department (the eight with most), so the office sees at a
 * glance where requests pile up; the chart's accessible label says the same
 * in words.  Print (Ctrl+P) and Export as PDF make the A4 list
 * (ZxSupervisionDocument); the office can put every request overdue by more
 * than the kanban-auto-supervise-days setting under supervision at once.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-supervision-view"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-account.h"
#include "zx-card-editor.h"
#include "zx-kanban.h"
#include "zx-supervision-document.h"
#include "zx-supervision-view.h"
#include "zx-window.h"

#define CHART_MAX_BARS 8

/* ZxSupervisionChart: horizontal bars, one per department ------------------------------- */

#define ZX_TYPE_SUPERVISION_CHART (zx_supervision_chart_get_type ())

G_DECLARE_FINAL_TYPE (ZxSupervisionChart, zx_supervision_chart, ZX, SUPERVISION_CHART, GtkWidget)

typedef struct
{
  char *name;
  guint count;
} Bar;

struct _ZxSupervisionChart
{
  GtkWidget  parent_instance;
  GArray    *bars;      /* of Bar, most first */
};

G_DEFINE_FINAL_TYPE (ZxSupervisionChart, zx_supervision_chart, GTK_TYPE_WIDGET)

#define BAR_ROW_H   22
#define BAR_H       12
#define BAR_GAP     10

static void
bar_clear (gpointer data)
{
  g_free (((Bar *) data)->name);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static double
name_column_width (ZxSupervisionChart *self,
                   int                 width)
{
  int widest = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                     g_array_index (self->bars, Bar, i).name);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return MIN (widest, width * 0.4);
}

static void
zx_supervision_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ZxSupervisionChart *self = ZX_SUPERVISION_CHART (widget);
  int width = gtk_widget_get_width (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, bar, track;
  double name_w = name_column_width (self, width);
  double count_w = 28;
  double bar_x = name_w + BAR_GAP;
  double bar_max = MAX (1, width - bar_x - BAR_GAP - count_w);
  guint most;

  gtk_style_context_get_color (context, &fg);
  lookup_color (widget, "error_color", &bar, "#c01c28");
  track = fg;
  track.alpha = 0.08;

  /* A scale of at least five: one or two overdue requests are short bars */
  most = 5;
  for (guint i = 0; i < self->bars->len; i++)
    most = MAX (most, g_array_index (self->bars, Bar, i).count);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *b = &g_array_index (self->bars, Bar, i);
      double y = i * BAR_ROW_H;
      double w = bar_max * b->count / most;
      g_autoptr(PangoLayout) name = gtk_widget_create_pango_layout (widget, b->name);
      g_autofree char *count_text = g_strdup_printf ("%u", b->count);
      g_autoptr(PangoLayout) count = gtk_widget_create_pango_layout (widget, count_text);
      int text_h;

      pango_layout_set_width (name, pango_units_from_double (name_w));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (name, PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_size (name, NULL, &text_h);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y + (BAR_ROW_H - text_h) / 2.0));
      gtk_snapshot_append_layout (snapshot, name, &fg);
      gtk_snapshot_restore (snapshot);

      {
        GskRoundedRect track_rect, bar_rect;
        double top = y + (BAR_ROW_H - BAR_H) / 2.0;

        gsk_rounded_rect_init_from_rect (&track_rect, &GRAPHENE_RECT_INIT (bar_x, top, bar_max, BAR_H), BAR_H / 2.0);
        gtk_snapshot_push_rounded_clip (snapshot, &track_rect);
        gtk_snapshot_append_color (snapshot, &track, &track_rect.bounds);
        gtk_snapshot_pop (snapshot);

        gsk_rounded_rect_init_from_rect (&bar_rect, &GRAPHENE_RECT_INIT (bar_x, top, MAX (w, BAR_H), BAR_H), BAR_H / 2.0);
        gtk_snapshot_push_rounded_clip (snapshot, &bar_rect);
        gtk_snapshot_append_color (snapshot, &bar, &bar_rect.bounds);
        gtk_snapshot_pop (snapshot);
      }

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (bar_x + bar_max + BAR_GAP,
                                                              y + (BAR_ROW_H - text_h) / 2.0));
      gtk_snapshot_append_layout (snapshot, count, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
zx_supervision_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  ZxSupervisionChart *self = ZX_SUPERVISION_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 420;
    }
  else
    *minimum = *natural = MAX (1, (int) self->bars->len) * BAR_ROW_H;
}

static gboolean
zx_supervision_chart_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard,
                                    GtkTooltip *tooltip)
{
  ZxSupervisionChart *self = ZX_SUPERVISION_CHART (widget);
  guint i = keyboard ? 0 : (guint) MAX (0, y / BAR_ROW_H);
  Bar *b;
  g_autofree char *text = NULL;

  if (i >= self->bars->len)
    return FALSE;
  b = &g_array_index (self->bars, Bar, i);
  /* Translators: the tooltip of a bar of the chart; %s is a department */
  text = g_strdup_printf (ngettext ("%s: %u overdue request", "%s: %u overdue requests", b->count), b->name, b->count);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
zx_supervision_chart_finalize (GObject *object)
{
  g_clear_pointer (&ZX_SUPERVISION_CHART (object)->bars, g_array_unref);

  G_OBJECT_CLASS (zx_supervision_chart_parent_class)->finalize (object);
}

static void
zx_supervision_chart_class_init (ZxSupervisionChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = zx_supervision_chart_finalize;
  widget_class->snapshot = zx_supervision_chart_snapshot;
  widget_class->measure = zx_supervision_chart_measure;
  widget_class->query_tooltip = zx_supervision_chart_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "zx-supervision-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
zx_supervision_chart_init (ZxSupervisionChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const Bar *ba = a, *bb = b;

  if (ba->count != bb->count)
    return ba->count > bb->count ? -1 : 1;
  return g_strcmp0 (ba->name, bb->name);
}

/* Takes the department name → count table's contents */
static void
zx_supervision_chart_set_counts (ZxSupervisionChart *self,
                                 GHashTable         *counts)
{
  GHashTableIter iter;
  gpointer key, value;
  GString *summary = g_string_new (NULL);
  guint others = 0;

  g_array_set_size (self->bars, 0);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Bar b = { g_strdup (key), GPOINTER_TO_UINT (value) };

      g_array_append_val (self->bars, b);
    }
  g_array_sort (self->bars, compare_bars);
  for (guint i = CHART_MAX_BARS; i < self->bars->len; i++)
    others += g_array_index (self->bars, Bar, i).count;
  if (self->bars->len > CHART_MAX_BARS)
    g_array_set_size (self->bars, CHART_MAX_BARS);

  /* What the bars show, for a screen reader */
  g_string_append (summary, _("Overdue requests by supporting department:"));
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *b = &g_array_index (self->bars, Bar, i);

      g_string_append_c (summary, ' ');
      /* Translators: one department in the chart's spoken summary, e.g. "信息科 3 项；" */
      g_string_append_printf (summary, ngettext ("%s, %u;", "%s, %u;", b->count), b->name, b->count);
    }
  if (others > 0)
    {
      g_string_append_c (summary, ' ');
      /* Translators: the end of the chart's spoken summary: requests of departments not drawn */
      g_string_append_printf (summary, ngettext ("other departments, %u.", "other departments, %u.", others), others);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str, -1);
  g_string_free (summary, TRUE);

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ZxSupervisionView ---------------------------------------------------------------------- */

struct _ZxSupervisionView
{
  GtkWidget           parent_instance;

  ZxContext          *context;
  ZxStore            *store;
  char               *board_id;
  GDate               today;
  guint               refresh_id;

  GListStore         *cards;         /* ZxRecord, in the list's order */
  GPtrArray          *entries;       /* ZxSupervisionEntry*, owns them */
  GHashTable         *by_id;         /* card id → ZxSupervisionEntry* (borrowed) */
  GHashTable         *departments;   /* id → name */
  guint               n_overdue;
  guint               n_supervised;

  GtkFileChooserNative *chooser;

  GtkStack           *stack;
  GtkLabel           *summary_label;
  GtkLabel           *detail_label;
  GtkWidget          *auto_button;
  GtkWidget          *chart_box;
  GtkWidget          *chart_slot;
  ZxSupervisionChart *chart;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (ZxSupervisionView, zx_supervision_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_CARD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The store's today (its clock, which tests fix) in local time */
static void
store_today (ZxStore *store,
             GDate   *out)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) utc = now != NULL ? g_date_time_new_from_iso8601 (now, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static const char *
department_name (ZxSupervisionView *self,
                 const char        *id)
{
  const char *name = id != NULL ? g_hash_table_lookup (self->departments, id) : NULL;

  return name != NULL ? name : "—";
}

/* The board shown: the one set, else the hospital's first */
static char *
current_board (ZxSupervisionView *self)
{
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(ZxRecord) first = NULL;

  if (self->board_id != NULL)
    return g_strdup (self->board_id);
  boards = zx_store_list (self->store, "board", NULL, NULL);
  first = g_list_model_get_item (G_LIST_MODEL (boards), 0);
  return first != NULL ? g_strdup (zx_record_get_id (first)) : NULL;
}

static int
auto_supervise_days (ZxSupervisionView *self)
{
  GSettings *settings = zx_context_get_settings (self->context);

  return settings != NULL ? g_settings_get_int (settings, "kanban-auto-supervise-days") : 3;
}

/* Only the office supervises; "columns" is the office's other right alone */
static gboolean
is_office (ZxSupervisionView *self)
{
  g_autofree char *refusal = zx_account_kanban_refusal (self->context, ZX_KANBAN_COLUMNS, NULL, NULL);

  return refusal == NULL;
}

static void
update_header (ZxSupervisionView *self)
{
  g_autofree char *supervised = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *day = format_day (&self->today);
  g_autofree char *detail = NULL;
  guint n = self->entries != NULL ? self->entries->len : 0;
  gboolean office = is_office (self);

  supervised = g_strdup_printf (ngettext ("%u request under supervision", "%u requests under supervision",
                                          self->n_supervised), self->n_supervised);
  /* Translators: after "12 requests under supervision · " */
  overdue = g_strdup_printf (ngettext ("%u overdue", "%u overdue", self->n_overdue), self->n_overdue);
  /* Translators: the summary of the supervision list: "12 requests under supervision · 5 overdue" */
  summary = g_strdup_printf (_("%s · %s"), supervised, overdue);
  gtk_label_set_label (self->summary_label, summary);

  /* Translators: under the supervision list's summary; %s is today's date */
  detail = g_strdup_printf (_("Requests under supervision or past their due date and not done, as of %s."), day);
  gtk_label_set_label (self->detail_label, detail);

  gtk_widget_set_visible (self->chart_box, self->n_overdue > 0);
  gtk_widget_set_visible (self->auto_button, office);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.print", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.export-pdf", n > 0);

  {
    int days = auto_supervise_days (self);
    guint waiting = 0;
    g_autofree char *tip = NULL;

    /* what the rule would supervise now */
    for (guint i = 0; i < n; i++)
      {
        ZxSupervisionEntry *entry = g_ptr_array_index (self->entries, i);

        waiting += !entry->supervised && !entry->done && entry->days_overdue > days ? 1 : 0;
      }
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "supervision.auto-supervise", office && waiting > 0);
    tip = g_strdup_printf (ngettext ("Put every request overdue by more than %d day under supervision",
                                     "Put every request overdue by more than %d days under supervision",
                                     days), days);
    gtk_widget_set_tooltip_text (self->auto_button, tip);
  }

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
load_departments (ZxSupervisionView *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);

  g_hash_table_remove_all (self->departments);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (departments)); i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (departments), i);

      g_hash_table_insert (self->departments, g_strdup (zx_record_get_id (d)),
                           g_strdup (zx_record_get_string (d, "name")));
    }
}

static void
refresh (ZxSupervisionView *self)
{
  g_autofree char *board = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;

  store_today (self->store, &self->today);
  load_departments (self);
  board = current_board (self);
  entries = board != NULL ? zx_kanban_supervision_list (self->store, board, &self->today) : NULL;
  if (entries == NULL)
    entries = g_ptr_array_new ();

  self->n_overdue = self->n_supervised = 0;
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < entries->len; i++)
    {
      ZxSupervisionEntry *entry = g_ptr_array_index (entries, i);
      const char *to = zx_record_get_string (entry->card, "to_department_id");

      g_hash_table_insert (self->by_id, (gpointer) zx_record_get_id (entry->card), entry);
      g_ptr_array_add (records, entry->card);
      if (entry->supervised)
        self->n_supervised++;
      if (entry->days_overdue > 0)
        {
          const char *name = department_name (self, to);

          self->n_overdue++;
          g_hash_table_insert (counts, (gpointer) name,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
        }
    }

  /* the new entries first: the cells look them up when they bind */
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_steal_pointer (&entries);
  g_list_store_splice (self->cards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cards)),
                       records->pdata, records->len);

  zx_supervision_chart_set_counts (self->chart, counts);
  update_header (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  ZxSupervisionView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (ZxSupervisionView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
store_changed_cb (ZxSupervisionView *self,
                  const char        *entity,
                  const char        *id,
                  ZxStore           *store)
{
  static const char * const watched[] = { "card", "board", "board_column", "department", "staff", NULL };

  if (g_strv_contains (watched, entity))
    schedule_refresh (self);
}

static void
follow_store (ZxSupervisionView *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (store == self->store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

/* The table's cells ---------------------------------------------------------------------- */

typedef enum
{
  COL_REQUEST,
  COL_DEPARTMENTS,
  COL_DUE,
  COL_OVERDUE,
  COL_DEADLINE,
  COL_NOTE,
  N_COLUMNS
} ColumnId;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  ColumnId column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_OVERDUE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);

  if (column == COL_REQUEST)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      /* Translators: a tag beside a request the hospital office supervises, e.g. "督办" */
      GtkWidget *tag = gtk_label_new (C_("supervision tag", "Supervised"));

      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (tag, "zx-supervised-tag");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), tag);
      gtk_list_item_set_child (item, box);
    }
  else
    {
      if (column == COL_OVERDUE)
        gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_list_item_set_child (item, label);
    }
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  ColumnId column = GPOINTER_TO_INT (data);
  GtkWidget *child = gtk_list_item_get_child (item);
  ZxSupervisionView *self = g_object_get_data (G_OBJECT (factory), "view");
  ZxRecord *card = gtk_list_item_get_item (item);
  ZxSupervisionEntry *entry = g_hash_table_lookup (self->by_id, zx_record_get_id (card));
  GtkLabel *label = GTK_IS_LABEL (child) ? GTK_LABEL (child) : GTK_LABEL (gtk_widget_get_first_child (child));
  g_autofree char *text = NULL;
  const char *tooltip = NULL;
  gboolean alarm = FALSE, dim = FALSE, done = FALSE;

  switch (column)
    {
    case COL_REQUEST:
      text = g_strdup (zx_record_get_string (card, "title"));
      tooltip = text;
      gtk_widget_set_visible (gtk_widget_get_last_child (child), entry != NULL && entry->supervised);
      break;

    case COL_DEPARTMENTS:
      /* Translators: the requesting and the supporting department of a request */
      text = g_strdup_printf (_("%s → %s"),
                              department_name (self, zx_record_get_string (card, "from_department_id")),
                              department_name (self, zx_record_get_string (card, "to_department_id")));
      tooltip = text;
      break;

    case COL_DUE:
      text = g_strdup (zx_record_is_null (card, "due_date") ? "—" : zx_record_get_string (card, "due_date"));
      break;

    case COL_OVERDUE:
      if (entry != NULL && entry->done)
        {
          /* Translators: in the days overdue column: a supervised request that is done,
           * which stays on the list until the office lifts the supervision */
          text = g_strdup (C_("request state", "Done"));
          done = TRUE;
        }
      else if (entry != NULL && entry->days_overdue > 0)
        {
          text = g_strdup_printf ("%d", entry->days_overdue);
          alarm = TRUE;
        }
      else
        {
          text = g_strdup ("—");
          dim = TRUE;
        }
      break;

    case COL_DEADLINE:
      if (entry != NULL && !entry->supervised)
        {
          /* Translators: in the supervision deadline column: the request is overdue but not supervised */
          text = g_strdup (C_("supervision deadline", "Not supervised"));
          dim = TRUE;
        }
      else if (zx_record_is_null (card, "supervision_deadline"))
        {
          /* Translators: in the supervision deadline column */
          text = g_strdup (C_("supervision deadline", "None"));
          dim = TRUE;
        }
      else
        {
          g_autofree char *day = format_day (&self->today);

          text = g_strdup (zx_record_get_string (card, "supervision_deadline"));
          /* past the supervision deadline too, and not done */
          alarm = g_strcmp0 (text, day) < 0 && (entry == NULL || !entry->done);
        }
      break;

    case COL_NOTE:
      text = g_strdup (zx_record_is_null (card, "supervision_note") ? "" : zx_record_get_string (card, "supervision_note"));
      tooltip = text;
      break;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip != NULL && *tooltip != '\0' ? tooltip : NULL);
  if (alarm)
    gtk_widget_add_css_class (GTK_WIDGET (label), "zx-overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "zx-overdue");
  if (dim)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  if (done)
    gtk_widget_add_css_class (GTK_WIDGET (label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
}

static void
add_columns (ZxSupervisionView *self)
{
  static const struct { const char *title; gboolean expand; int width; } columns[N_COLUMNS] = {
    /* Widths that fit the view beside the sidebar at 1366 × 768 */
    [COL_REQUEST]     = { N_("Request"), TRUE, 240 },
    [COL_DEPARTMENTS] = { N_("Requesting → Supporting"), FALSE, 190 },
    [COL_DUE]         = { N_("Due"), FALSE, 96 },
    [COL_OVERDUE]     = { N_("Days overdue"), FALSE, 100 },
    [COL_DEADLINE]    = { N_("Supervision deadline"), FALSE, 150 },
    [COL_NOTE]        = { N_("Note"), TRUE, 140 },
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* Opening a request --------------------------------------------------------------------- */

static void
row_activated_cb (ZxSupervisionView *self,
                  guint              position)
{
  g_autoptr(ZxRecord) card = g_list_model_get_item (G_LIST_MODEL (self->cards), position);
  gboolean handled = FALSE;

  if (card != NULL)
    g_signal_emit (self, signals[OPEN_CARD], 0, zx_record_get_id (card), &handled);
}

/* Nobody else opened it: the view opens the request's form itself */
static gboolean
zx_supervision_view_real_open_card (ZxSupervisionView *self,
                                    const char        *card_id)
{
  g_autoptr(JsonObject) row = zx_store_get (self->store, "card", card_id, NULL);
  g_autoptr(ZxRecord) record = NULL;
  g_autofree char *board = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  if (row == NULL)
    return FALSE;
  record = zx_record_new (zx_schema_lookup ("card"), row);
  board = current_board (self);
  editor = zx_card_editor_new (self->context, board, record, NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
  return TRUE;
}

/* Print, export, supervise ---------------------------------------------------------------- */

static ZxSupervisionDocument *
make_document (ZxSupervisionView *self)
{
  g_autofree char *board = current_board (self);

  return zx_supervision_document_new (self->store, board, &self->today);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(ZxSupervisionDocument) document = make_document (self);
  g_autoptr(ZxPrintOperation) operation = zx_print_operation_new (ZX_PRINTABLE (document));

  zx_print_operation_run_async (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
export_response_cb (ZxSupervisionView    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Supervision List"),
                            _("Choose a folder on this computer."));
      return;
    }
  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = with_suffix;
    }
  if (!zx_supervision_view_export_pdf (self, path, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Supervision List"), error->message);
      return;
    }
  {
    g_autofree char *basename = g_path_get_basename (path);
    /* Translators: a toast; %s is the file's name */
    g_autofree char *message = g_strdup_printf (_("Exported the supervision list as “%s”"), basename);

    zx_widget_show_message (GTK_WIDGET (self), message);
  }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *day = format_day (&self->today);
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Supervision List"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF document"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the suggested file name of an exported supervision list; %s is the date */
  name = g_strdup_printf (_("Supervision list %s.pdf"), day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
auto_supervise_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int marked;

  marked = zx_supervision_view_auto_supervise (self, &error);
  if (marked < 0)
    {
      zx_show_error_dialog (widget, _("Could Not Supervise the Overdue Requests"), error->message);
      return;
    }
  if (marked == 0)
    message = g_strdup (_("No request was overdue long enough to be supervised"));
  else
    message = g_strdup_printf (ngettext ("%d request put under supervision", "%d requests put under supervision",
                                         marked), marked);
  zx_widget_show_message (widget, message);
}

/* GObject -------------------------------------------------------------------------------- */

static void
zx_supervision_view_map (GtkWidget *widget)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (widget);
  GDate today;

  GTK_WIDGET_CLASS (zx_supervision_view_parent_class)->map (widget);

  /* Days overdue change with the day */
  if (self->store != NULL)
    {
      store_today (self->store, &today);
      if (g_date_compare (&today, &self->today) != 0)
        refresh (self);
    }
}

static void
zx_supervision_view_constructed (GObject *object)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (object);

  G_OBJECT_CLASS (zx_supervision_view_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  if (zx_context_get_settings (self->context) != NULL)
    g_signal_connect_object (zx_context_get_settings (self->context), "changed::kanban-auto-supervise-days",
                             G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  follow_store (self);
}

static void
zx_supervision_view_dispose (GObject *object)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_SUPERVISION_VIEW);
  g_clear_object (&self->cards);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_supervision_view_parent_class)->dispose (object);
}

static void
zx_supervision_view_finalize (GObject *object)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->departments, g_hash_table_unref);
  g_free (self->board_id);

  G_OBJECT_CLASS (zx_supervision_view_parent_class)->finalize (object);
}

static void
zx_supervision_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_supervision_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ZxSupervisionView *self = ZX_SUPERVISION_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_supervision_view_class_init (ZxSupervisionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_supervision_view_constructed;
  object_class->dispose = zx_supervision_view_dispose;
  object_class->finalize = zx_supervision_view_finalize;
  object_class->get_property = zx_supervision_view_get_property;
  object_class->set_property = zx_supervision_view_set_property;
  widget_class->map = zx_supervision_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ZxSupervisionView::open-card:
   * @card_id: the request's id
   *
   * A row was activated.  Return %TRUE when the request was opened; when
   * no handler does, the view opens the request's form itself.
   */
  signals[OPEN_CARD] =
    g_signal_new_class_handler ("open-card",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (zx_supervision_view_real_open_card),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "supervision.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "supervision.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "supervision.auto-supervise", NULL, auto_supervise_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "supervision.print", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanban/zx-supervision-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxSupervisionView, stack);
  gtk_widget_class_bind_template_child (widget_class, ZxSupervisionView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ZxSupervisionView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ZxSupervisionView, auto_button);
  gtk_widget_class_bind_template_child (widget_class, ZxSupervisionView, chart_box);
  gtk_widget_class_bind_template_child (widget_class, ZxSupervisionView, chart_slot);
  gtk_widget_class_bind_template_child (widget_class, ZxSupervisionView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "zx-supervision-view");
}

static void
zx_supervision_view_init (ZxSupervisionView *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_date_clear (&self->today, 1);
  self->cards = g_list_store_new (ZX_TYPE_RECORD);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->departments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->chart = g_object_new (ZX_TYPE_SUPERVISION_CHART, NULL);
  gtk_box_append (GTK_BOX (self->chart_slot), GTK_WIDGET (self->chart));

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->cards)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);
}

GtkWidget *
zx_supervision_view_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_SUPERVISION_VIEW, "context", context, NULL);
}

void
zx_supervision_view_set_board (ZxSupervisionView *self,
                               const char        *board_id)
{
  g_return_if_fail (ZX_IS_SUPERVISION_VIEW (self));

  if (g_strcmp0 (self->board_id, board_id) == 0)
    return;
  g_free (self->board_id);
  self->board_id = g_strdup (board_id);
  refresh (self);
}

guint
zx_supervision_view_get_n_rows (ZxSupervisionView *self)
{
  g_return_val_if_fail (ZX_IS_SUPERVISION_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->cards));
}

GListModel *
zx_supervision_view_get_model (ZxSupervisionView *self)
{
  g_return_val_if_fail (ZX_IS_SUPERVISION_VIEW (self), NULL);

  return G_LIST_MODEL (self->cards);
}

int
zx_supervision_view_get_days_overdue (ZxSupervisionView *self,
                                      const char        *card_id)
{
  ZxSupervisionEntry *entry;

  g_return_val_if_fail (ZX_IS_SUPERVISION_VIEW (self), -1);

  entry = card_id != NULL ? g_hash_table_lookup (self->by_id, card_id) : NULL;
  return entry != NULL ? entry->days_overdue : -1;
}

void
zx_supervision_view_refresh (ZxSupervisionView *self)
{
  g_return_if_fail (ZX_IS_SUPERVISION_VIEW (self));

  refresh (self);
}

gboolean
zx_supervision_view_export_pdf (ZxSupervisionView  *self,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(ZxSupervisionDocument) document = NULL;

  g_return_val_if_fail (ZX_IS_SUPERVISION_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  document = make_document (self);
  return zx_supervision_document_export_pdf (document, path, error);
}

int
zx_supervision_view_auto_supervise (ZxSupervisionView  *self,
                                    GError            **error)
{
  g_autofree char *board = NULL;
  int days, marked;

  g_return_val_if_fail (ZX_IS_SUPERVISION_VIEW (self), -1);

  days = auto_supervise_days (self);
  board = current_board (self);
  if (board == NULL)
    return 0;
  store_today (self->store, &self->today);
  marked = zx_kanban_auto_supervise (self->store, board, &self->today, days, error);
  if (marked >= 0)
    refresh (self);
  return marked;
}
