/* zx-cockpit-page.c — the Cockpit area
 *
 * The overview: tiles, the pillars' progress against the expected pace,
 * the health of the current key results, the trend by week, the
 * departments' heat map, the key people and the early warnings.  Every
 * figure comes from core (zx-cockpit.h, zx-warnings.h), recomputed a moment
 * after the store changes or a threshold does.  Clicking a pillar, a
 * department row, a key result or a warning drills down, in the page's
 * second view, with a history Alt+Left walks back.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-cockpit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-bar-chart.h"
#include "zx-cockpit-data.h"
#include "zx-cockpit-document.h"
#include "zx-cockpit-page.h"
#include "zx-heat-map.h"
#include "zx-line-chart.h"
#include "zx-presentation-window.h"
#include "strategy/zx-print-operation.h"
#include "zx-record.h"
#include "zx-ring-chart.h"
#include "zx-warnings.h"
#include "zx-window.h"
#include "kanban/zx-card-editor.h"
#include "okr/zx-okr-page.h"

#define REFRESH_DELAY_MS 300
#define HEAT_ROWS_FIRST 15
#define PEOPLE_SHOWN 24
#define DRILL_ROWS 300
#define WARNINGS_PAGE 25

struct _ZxCockpitPage
{
  AdwBin           parent_instance;

  ZxContext       *context;
  gboolean         folded;
  ZxStore         *store;
  ZxCockpit       *cockpit;
  GPtrArray       *warnings;
  ZxWarningParams  params;
  guint            refresh_id;
  gboolean         all_departments;
  GPtrArray       *heat_groups;     /* ZxCockpitGroup* shown, borrowed from cockpit */
  GPtrArray       *history;         /* "entity\nid" */
  char            *drill_title;
  GDate            today;           /* cleared: the real day */

  /* template */
  AdwWindowTitle  *window_title;
  GtkWidget       *drill_back_button;
  GtkStack        *stack;
  GtkBox          *overview_box;
  GtkBox          *drill_box;
  GtkScrolledWindow *drill_scroller;

  /* built once */
  GtkFlowBox      *tiles;
  GtkWidget       *pillar_chart;
  GtkWidget       *ring_chart;
  GtkWidget       *trend_chart;
  GtkWidget       *heat_map;
  GtkWidget       *heat_more;
  GtkListBox      *people_list;
  GtkLabel        *people_more;
  GtkListBox      *warning_list;
  GtkWidget       *warning_more;
  guint            warnings_shown;
  guint            lists_id;
  GtkLabel        *warnings_heading;
};

G_DEFINE_FINAL_TYPE (ZxCockpitPage, zx_cockpit_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_drill (ZxCockpitPage *self, const char *entity, const char *id);

/* Helpers --------------------------------------------------------------------------------- */

static void
page_today (ZxCockpitPage *self,
            GDate         *out)
{
  if (g_date_valid (&self->today))
    {
      *out = self->today;
      return;
    }
  g_date_clear (out, 1);
  g_date_set_time_t (out, time (NULL));
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static const char *
health_css (ZxHealth health)
{
  switch (health)
    {
    case ZX_HEALTH_ON_TRACK:
      return "success";
    case ZX_HEALTH_AT_RISK:
      return "warning";
    case ZX_HEALTH_OFF_TRACK:
      return "error";
    case ZX_HEALTH_NOT_STARTED:
    default:
      return "dim-label";
    }
}

static GtkWidget *
health_tag (ZxHealth health)
{
  GtkWidget *tag = gtk_label_new (zx_health_get_label (health));

  gtk_widget_add_css_class (tag, "zx-health-tag");
  gtk_widget_add_css_class (tag, health_css (health));
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  return tag;
}

/* A titled section: its heading and a card holding @child */
static GtkWidget *
section_new (const char *title,
             GtkWidget  *child,
             GtkLabel  **out_heading)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = label_new (title, "heading", FALSE);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "zx-cockpit-card");
  gtk_box_append (GTK_BOX (card), child);
  gtk_box_append (GTK_BOX (box), card);
  gtk_widget_set_hexpand (box, TRUE);
  if (out_heading != NULL)
    *out_heading = GTK_LABEL (heading);
  return box;
}

/* Tiles ----------------------------------------------------------------------------------- */

static const char * const tile_colors[] = { "zx-tile-grey", "zx-tile-green", "zx-tile-orange", "zx-tile-vermilion",
                                            "zx-tile-blue", "zx-tile-sky", "zx-tile-purple" };

static void
update_tiles (ZxCockpitPage *self)
{
  g_autoptr(GPtrArray) tiles = zx_cockpit_make_tiles (self->cockpit, self->warnings,
                                                      self->params.progress.stale_days);

  remove_children (GTK_WIDGET (self->tiles));
  for (guint i = 0; i < tiles->len; i++)
    {
      ZxCockpitTile *t = g_ptr_array_index (tiles, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *name = g_strdup_printf ("%s: %s. %s", t->caption, t->value, t->detail);

      gtk_widget_add_css_class (box, "card");
      gtk_widget_add_css_class (box, "zx-tile");
      if (t->color < G_N_ELEMENTS (tile_colors))
        gtk_widget_add_css_class (box, tile_colors[t->color]);
      gtk_box_append (GTK_BOX (box), label_new (t->caption, "dim-label", FALSE));
      gtk_box_append (GTK_BOX (box), label_new (t->value, "zx-tile-value", FALSE));
      {
        GtkWidget *detail = label_new (t->detail, "caption", TRUE);
        gtk_label_set_max_width_chars (GTK_LABEL (detail), 24);
        gtk_box_append (GTK_BOX (box), detail);
      }
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_flow_box_append (self->tiles, box);
    }
}

/* Charts ---------------------------------------------------------------------------------- */

static void
update_charts (ZxCockpitPage *self)
{
  g_autoptr(GPtrArray) bars = zx_cockpit_pillar_bars (self->cockpit);
  g_autoptr(GPtrArray) segments = zx_cockpit_health_segments (self->cockpit);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *center = zx_cockpit_ring_center (self->cockpit);
  guint with_krs = 0;

  zx_cockpit_set_pillar_chart (self->pillar_chart, bars);
  zx_ring_chart_set_segments (ZX_RING_CHART (self->ring_chart), segments, center, zx_cockpit_ring_caption ());
  zx_cockpit_trend_data (self->cockpit, &labels, &series);
  zx_line_chart_set_data (ZX_LINE_CHART (self->trend_chart), labels, series);

  g_clear_pointer (&self->heat_groups, g_ptr_array_unref);
  self->heat_groups = zx_cockpit_departments_by_trouble (self->cockpit, 0);
  with_krs = self->heat_groups->len;
  if (!self->all_departments && self->heat_groups->len > HEAT_ROWS_FIRST)
    g_ptr_array_set_size (self->heat_groups, HEAT_ROWS_FIRST);
  rows = zx_cockpit_heat_rows (self->heat_groups);
  zx_heat_map_set_data (ZX_HEAT_MAP (self->heat_map), rows, zx_cockpit_column_labels (),
                        zx_cockpit_column_colors (), ZX_COCKPIT_N_COLUMNS);
  gtk_widget_set_visible (self->heat_more, with_krs > HEAT_ROWS_FIRST);
  if (self->all_departments)
    gtk_button_set_label (GTK_BUTTON (self->heat_more), _("Show Only Those in Most Difficulty"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Department",
                                                            "Show All %u Departments", with_krs), with_krs);
      gtk_button_set_label (GTK_BUTTON (self->heat_more), text);
    }
}

static void
heat_more_cb (ZxCockpitPage *self)
{
  self->all_departments = !self->all_departments;
  if (self->cockpit != NULL)
    update_charts (self);
}

static void
pillar_activated_cb (ZxCockpitPage *self,
                     guint          index)
{
  if (self->cockpit != NULL && index < self->cockpit->pillars->len)
    zx_cockpit_page_drill (self, "pillar", ((ZxCockpitPillar *) g_ptr_array_index (self->cockpit->pillars, index))->id);
}

static void
department_activated_cb (ZxCockpitPage *self,
                         guint          index)
{
  if (self->heat_groups != NULL && index < self->heat_groups->len)
    zx_cockpit_page_drill (self, "department", ((ZxCockpitGroup *) g_ptr_array_index (self->heat_groups, index))->id);
}

/* Key people ------------------------------------------------------------------------------ */

static void
update_people (ZxCockpitPage *self)
{
  GPtrArray *people = self->cockpit->people;
  guint shown = MIN (people->len, PEOPLE_SHOWN);

  remove_children (GTK_WIDGET (self->people_list));
  for (guint i = 0; i < shown; i++)
    {
      ZxCockpitGroup *g = g_ptr_array_index (people, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *progress = zx_cockpit_percent (g->progress);
      g_autofree char *subtitle = NULL;

      if (g->total > 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s · %u key result, %s on average: %u on track, %u at risk, %u off track",
                                                 "%s · %u key results, %s on average: %u on track, %u at risk, %u off track",
                                                 g->total),
                                    g->department, g->total, progress, g->counts[ZX_HEALTH_ON_TRACK],
                                    g->counts[ZX_HEALTH_AT_RISK], g->counts[ZX_HEALTH_OFF_TRACK]);
      else
        subtitle = g_strdup_printf (_("%s · no key results this cycle"), g->department);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), health_tag (zx_cockpit_group_health (g)));
      gtk_widget_set_name (row, g->department_id);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->people_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->people_list), shown > 0);
  if (people->len == 0)
    gtk_label_set_text (self->people_more, _("No one is marked as a key person. Mark key people in the People area."));
  else if (people->len > shown)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more key people"), people->len - shown);
      gtk_label_set_text (self->people_more, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->people_more), people->len == 0 || people->len > shown);
}

static void
person_activated_cb (ZxCockpitPage *self,
                     GtkListBoxRow *row)
{
  zx_cockpit_page_drill (self, "department", gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Warnings -------------------------------------------------------------------------------- */

static const char *
warning_icon (ZxWarningKind kind)
{
  switch (kind)
    {
    case ZX_WARNING_STALE:
      return "alarm-symbolic";
    case ZX_WARNING_REQUEST_OVERDUE:
      return "network-workgroup-symbolic";
    case ZX_WARNING_DECISION_OWNER:
      return "avatar-default-symbolic";
    case ZX_WARNING_NO_BATTLE_MAP:
    case ZX_WARNING_PLEDGE_UNSIGNED:
      return "emblem-documents-symbolic";
    case ZX_WARNING_BEHIND_PACE:
    case ZX_WARNING_LOW_CONFIDENCE:
    case ZX_WARNING_N_KINDS:
    default:
      return "dialog-warning-symbolic";
    }
}

typedef struct
{
  ZxCockpitPage *self;
  char          *key;
  GtkWidget     *entry;
} AckData;

static void
ack_data_free (AckData *data)
{
  g_free (data->key);
  g_free (data);
}

static void
ack_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AckData          *data)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "acknowledge") == 0 && data->self->store != NULL)
    {
      if (!zx_warnings_acknowledge (data->self->store, data->key,
                                    gtk_editable_get_text (GTK_EDITABLE (data->entry)), &error))
        zx_show_error_dialog (GTK_WIDGET (data->self), _("Could not acknowledge the warning"), error->message);
      else
        zx_cockpit_page_refresh (data->self);
    }
  ack_data_free (data);
}

static void
acknowledge_cb (GtkButton     *button,
                ZxCockpitPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "warning-key");
  const char *subject = g_object_get_data (G_OBJECT (button), "warning-subject");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  AckData *data;
  GtkWidget *entry;

  if (key == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Acknowledge Warning?"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” stays listed, marked as seen with your note, until something changes."),
                                  subject);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What is being done about it"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "acknowledge", _("_Acknowledge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "acknowledge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "acknowledge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  data = g_new0 (AckData, 1);
  data->self = self;
  data->key = g_strdup (key);
  data->entry = entry;
  g_signal_connect (dialog, "response", G_CALLBACK (ack_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static GtkWidget *
warning_row_new (ZxCockpitPage *self,
                 guint          index)
{
  ZxWarning *w = g_ptr_array_index (self->warnings, index);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (warning_icon (w->kind));
  g_autofree char *since = g_date_valid (&w->since) ? zx_cockpit_format_date (&w->since) : g_strdup ("—");
  g_autofree char *heading = g_strdup_printf ("%s · %s", zx_warning_kind_get_label (w->kind), w->subject);
  /* Translators: where (department), who owns it, since when */
  g_autofree char *line = g_strdup_printf (_("%s · owner %s · since %s"), w->department, w->owner, since);

  if (w->acknowledged)
    {
      g_autofree char *acked = g_strdup_printf (_("%s · acknowledged: %s"), line,
                                                w->ack_note && *w->ack_note ? w->ack_note : _("no note"));
      g_free (line);
      line = g_steal_pointer (&acked);
    }
  gtk_widget_add_css_class (box, "zx-warning-row");
  gtk_widget_add_css_class (icon, w->acknowledged ? "dim-label" : "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (text), label_new (heading, "heading", TRUE));
  gtk_box_append (GTK_BOX (text), label_new (w->what, NULL, TRUE));
  gtk_box_append (GTK_BOX (text), label_new (line, "dim-label", TRUE));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  if (!w->acknowledged)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Acknowledge…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Mark as seen, with a note on what is being done"));
      g_object_set_data_full (G_OBJECT (button), "warning-key", g_strdup (w->key), g_free);
      g_object_set_data_full (G_OBJECT (button), "warning-subject", g_strdup (w->subject), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (acknowledge_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "warning-index", GUINT_TO_POINTER (index));
  return row;
}

static void
warning_activated_cb (ZxCockpitPage *self,
                      GtkListBoxRow *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "warning-index"));
  ZxWarning *w;

  if (self->warnings == NULL || index >= self->warnings->len)
    return;
  w = g_ptr_array_index (self->warnings, index);
  show_drill (self, w->entity, w->target_id);
}

/* Lists @more warnings after those shown */
static void
show_more_warnings (ZxCockpitPage *self,
                    guint          more)
{
  guint end = MIN (self->warnings->len, self->warnings_shown + more);

  for (; self->warnings_shown < end; self->warnings_shown++)
    gtk_list_box_append (self->warning_list, warning_row_new (self, self->warnings_shown));
  gtk_widget_set_visible (self->warning_more, self->warnings_shown < self->warnings->len);
  if (self->warnings_shown < self->warnings->len)
    {
      g_autofree char *label = g_strdup_printf (_("Show More (%u of %u Shown)"), self->warnings_shown,
                                                self->warnings->len);
      gtk_button_set_label (GTK_BUTTON (self->warning_more), label);
    }
}

static void
warning_more_cb (ZxCockpitPage *self)
{
  show_more_warnings (self, WARNINGS_PAGE);
}

static void
update_warnings (ZxCockpitPage *self)
{
  guint open = zx_cockpit_count_open (self->warnings);
  g_autofree char *heading = NULL;

  remove_children (GTK_WIDGET (self->warning_list));
  self->warnings_shown = 0;
  show_more_warnings (self, WARNINGS_PAGE);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_list), self->warnings->len > 0);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Early Warnings (%u not acknowledged)",
                                          "Early Warnings (%u not acknowledged)", open), open);
  gtk_label_set_text (self->warnings_heading, heading);
}

/* Computing ------------------------------------------------------------------------------- */

static void
read_params (ZxCockpitPage *self)
{
  zx_cockpit_params_from_settings (self->context ? zx_context_get_settings (self->context) : NULL, &self->params);
}

/* Computes the warnings now */
static gboolean
compute_warnings (ZxCockpitPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GPtrArray *warnings;

  warnings = zx_warnings_compute (self->store, self->cockpit->index, &self->cockpit->today, now, &self->params, &error);
  if (warnings == NULL)
    {
      g_warning ("Could not compute the early warnings: %s", error->message);
      return FALSE;
    }
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  self->warnings = warnings;
  return TRUE;
}

/* The lists below the charts and the warnings, once the frame is painted */
static gboolean
fill_lists_cb (gpointer data)
{
  ZxCockpitPage *self = data;

  self->lists_id = 0;
  if (self->cockpit == NULL)
    return G_SOURCE_REMOVE;
  if (self->warnings == NULL && compute_warnings (self))
    update_tiles (self);
  update_people (self);
  if (self->warnings != NULL)
    update_warnings (self);
  return G_SOURCE_REMOVE;
}

/* The figures and charts now; the warnings now too unless @defer (then
 * after the next frame, with the lists) */
static void
refresh (ZxCockpitPage *self,
         gboolean       defer)
{
  g_autoptr(GError) error = NULL;
  ZxCockpit *cockpit;
  GDate today;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL || !zx_store_has_hospital (self->store))
    return;

  read_params (self);
  page_today (self, &today);
  cockpit = zx_cockpit_new (self->store, NULL, &today, &self->params.progress, &error);
  if (cockpit == NULL)
    {
      g_warning ("Could not compute the cockpit: %s", error->message);
      return;
    }

  g_clear_pointer (&self->heat_groups, g_ptr_array_unref);
  g_clear_pointer (&self->cockpit, zx_cockpit_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  self->cockpit = cockpit;
  if (!defer)
    compute_warnings (self);

  {
    g_autofree char *date = zx_cockpit_format_date (&today);
    g_autofree char *subtitle = g_strdup_printf (_("As of %s"), date);
    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
  update_tiles (self);
  update_charts (self);

  if (defer)
    {
      if (self->lists_id == 0)
        self->lists_id = g_idle_add_full (G_PRIORITY_LOW, fill_lists_cb, self, NULL);
    }
  else
    {
      g_clear_handle_id (&self->lists_id, g_source_remove);
      fill_lists_cb (self);
    }

  /* a drill-down shown stays, with the new figures */
  if (self->history->len > 0 && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "drill"))
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (self->history, self->history->len - 1), "\n", 2);
      show_drill (self, parts[0], parts[1]);
      g_ptr_array_remove_index (self->history, self->history->len - 1);
    }
}

void
zx_cockpit_page_refresh (ZxCockpitPage *self)
{
  g_return_if_fail (ZX_IS_COCKPIT_PAGE (self));
  refresh (self, FALSE);
}

static gboolean
refresh_cb (gpointer data)
{
  ZxCockpitPage *self = data;

  self->refresh_id = 0;
  zx_cockpit_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (ZxCockpitPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
follow_store (ZxCockpitPage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "reloaded", G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
    }
  refresh (self, TRUE);
}

/* Drill-down ------------------------------------------------------------------------------ */

static void
drill_header (ZxCockpitPage *self,
              const char    *kind,
              const char    *title,
              const char    *figures)
{
  g_free (self->drill_title);
  self->drill_title = g_strdup (title);
  gtk_box_append (self->drill_box, label_new (kind, "dim-label", FALSE));
  gtk_box_append (self->drill_box, label_new (title, "title-2", TRUE));
  if (figures != NULL)
    gtk_box_append (self->drill_box, label_new (figures, NULL, TRUE));
}

static char *
numbers_text (const ZxProgress *p)
{
  g_autofree char *progress = NULL;
  g_autofree char *expected = NULL;

  if (p == NULL)
    return g_strdup ("");
  progress = zx_cockpit_percent (p->progress);
  expected = zx_cockpit_percent (p->expected);
  /* Translators: progress, expected pace, health */
  return g_strdup_printf (_("%s, expected %s · %s%s"), progress, expected, zx_health_get_label (p->health),
                          p->stale ? _(" · no recent check-in") : "");
}

static void
drill_item_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         ZxCockpitPage *self)
{
  const char *entity = g_object_get_data (G_OBJECT (row), "entity");

  if (entity != NULL)
    show_drill (self, entity, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
drill_items (ZxCockpitPage *self,
             const char    *heading,
             GPtrArray     *items)
{
  GtkWidget *list = gtk_list_box_new ();
  guint shown = MIN (items->len, DRILL_ROWS);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_signal_connect (list, "row-activated", G_CALLBACK (drill_item_activated_cb), self);
  for (guint i = 0; i < shown; i++)
    {
      ZxCockpitItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *numbers = numbers_text (item->numbers);
      g_autofree char *subtitle = NULL;
      const char *kind = g_str_equal (item->entity, "battle") ? _("Battle")
                         : g_str_equal (item->entity, "objective") ? _("Objective")
                         : g_str_equal (item->entity, "card") ? _("Collaboration request") : _("Key result");

      if (item->detail != NULL && *numbers)
        subtitle = g_strdup_printf ("%s · %s · %s", kind, item->detail, numbers);
      else if (item->detail != NULL)
        subtitle = g_strdup_printf ("%s · %s", kind, item->detail);
      else
        subtitle = g_strdup_printf ("%s · %s", kind, numbers);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (item->depth > 0)
        gtk_widget_set_margin_start (gtk_widget_get_first_child (row), 24);
      if (item->numbers != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), health_tag (item->numbers->health));
      if (g_str_equal (item->entity, "key_result") || g_str_equal (item->entity, "card"))
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "entity", g_strdup (item->entity), g_free);
          gtk_widget_set_name (row, item->id);
        }
      else if (g_str_equal (item->entity, "battle"))
        gtk_widget_add_css_class (row, "zx-drill-battle");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->drill_box, label_new (heading, "heading", FALSE));
  if (items->len == 0)
    gtk_box_append (self->drill_box, label_new (_("Nothing in the current cycles."), "dim-label", FALSE));
  else
    gtk_box_append (self->drill_box, list);
  if (items->len > shown)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more — see the OKR area"), items->len - shown);
      gtk_box_append (self->drill_box, label_new (more, "dim-label", FALSE));
    }
}

static void
open_in_okrs_cb (GtkButton     *button,
                 ZxCockpitPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "id");
  const char *cycle = g_object_get_data (G_OBJECT (button), "cycle");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *page;

  if (!ZX_IS_WINDOW (root) || !zx_window_show_area (ZX_WINDOW (root), "okr"))
    return;
  page = zx_window_get_area_page (ZX_WINDOW (root), "okr");
  if (ZX_IS_OKR_PAGE (page))
    {
      if (cycle != NULL)
        zx_okr_page_set_cycle (ZX_OKR_PAGE (page), cycle);
      zx_okr_page_select (ZX_OKR_PAGE (page), id);
    }
}

static void
drill_key_result (ZxCockpitPage *self,
                  const char    *id)
{
  g_autoptr(JsonObject) kr = zx_store_get (self->store, "key_result", id, NULL);
  g_autoptr(JsonObject) objective = NULL;
  g_autoptr(GPtrArray) check_ins = NULL;
  const ZxProgress *p = zx_progress_index_lookup (self->cockpit->index, id);
  g_autofree char *numbers = numbers_text (p);
  g_autofree char *owner = NULL;
  g_autofree char *department = NULL;
  GtkWidget *list, *button;

  if (kr == NULL)
    {
      drill_header (self, _("Key result"), _("This key result was deleted."), NULL);
      return;
    }
  objective = zx_store_get (self->store, "objective", json_object_get_string_member (kr, "objective_id"), NULL);
  if (!json_object_get_null_member (kr, "owner_id"))
    owner = zx_store_get_display (self->store, "staff", json_object_get_string_member (kr, "owner_id"));
  if (objective != NULL && !json_object_get_null_member (objective, "department_id"))
    department = zx_store_get_display (self->store, "department", json_object_get_string_member (objective, "department_id"));
  drill_header (self, _("Key result"), json_object_get_string_member (kr, "title"), numbers);
  {
    /* Translators: objective, department, owner */
    g_autofree char *context = g_strdup_printf (_("Objective “%s” · %s · owner %s"),
                                                objective ? json_object_get_string_member (objective, "title") : "—",
                                                department ? department : _("Hospital"), owner ? owner : _("No owner"));
    gtk_box_append (self->drill_box, label_new (context, "dim-label", TRUE));
  }
  button = gtk_button_new_with_mnemonic (_("_Show in OKRs"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_object_set_data_full (G_OBJECT (button), "id", g_strdup (id), g_free);
  if (objective != NULL)
    g_object_set_data_full (G_OBJECT (button), "cycle", g_strdup (json_object_get_string_member (objective, "cycle_id")), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (open_in_okrs_cb), self);
  gtk_box_append (self->drill_box, button);

  check_ins = zx_cockpit_check_ins (self->store, id);
  gtk_box_append (self->drill_box, label_new (_("Check-in history"), "heading", FALSE));
  if (check_ins->len == 0)
    {
      gtk_box_append (self->drill_box, label_new (_("No check-ins yet."), "dim-label", FALSE));
      return;
    }
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < check_ins->len; i++)
    {
      ZxCockpitCheckIn *c = g_ptr_array_index (check_ins, i);
      GtkWidget *row = adw_action_row_new ();
      const char *unit = json_object_get_null_member (kr, "unit") ? "" : json_object_get_string_member (kr, "unit");
      /* Translators: a check-in: its week, value with unit, confidence */
      g_autofree char *title = g_strdup_printf (_("Week of %s: %g%s, confidence %d/10"), c->week, c->value, unit,
                                                c->confidence);
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s", c->note ? c->note : "",
                                                   c->note && c->author ? " — " : "", c->author ? c->author : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->drill_box, list);
}

static void
drill_decision (ZxCockpitPage *self,
                const char    *id)
{
  g_autoptr(JsonObject) decision = zx_store_get (self->store, "decision", id, NULL);
  g_autoptr(JsonObject) meeting = NULL;

  if (decision == NULL)
    {
      drill_header (self, _("Decision"), _("This decision was deleted."), NULL);
      return;
    }
  meeting = zx_store_get (self->store, "meeting", json_object_get_string_member (decision, "meeting_id"), NULL);
  drill_header (self, _("Decision"), json_object_get_string_member (decision, "content"),
                _("Nobody owns this decision yet: name an owner in the weekly review."));
  if (meeting != NULL)
    {
      /* Translators: the meeting's title and date */
      g_autofree char *text = g_strdup_printf (_("Made in “%s” on %s"), json_object_get_string_member (meeting, "title"),
                                               json_object_get_string_member (meeting, "held_on"));
      gtk_box_append (self->drill_box, label_new (text, "dim-label", TRUE));
    }
}

static void
open_card (ZxCockpitPage *self,
           const char    *id)
{
  g_autoptr(GListStore) cards = NULL;
  const char *params[] = { id, NULL };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  cards = zx_store_list (self->store, "card", "id = ?", params);
  if (g_list_model_get_n_items (G_LIST_MODEL (cards)) == 0)
    return;
  {
    g_autoptr(ZxRecord) card = g_list_model_get_item (G_LIST_MODEL (cards), 0);

    editor = zx_card_editor_new (self->context, zx_record_get_string (card, "board_id"), card, NULL);
  }
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_drill (ZxCockpitPage *self,
            const char    *entity,
            const char    *id)
{
  if (self->cockpit == NULL || entity == NULL || id == NULL)
    return;
  if (g_str_equal (entity, "card"))
    {
      open_card (self, id);
      return;
    }

  remove_children (GTK_WIDGET (self->drill_box));
  if (g_str_equal (entity, "pillar"))
    {
      ZxCockpitPillar *pillar = NULL;
      g_autoptr(GPtrArray) items = zx_cockpit_pillar_items (self->cockpit, self->store, id);

      for (guint i = 0; i < self->cockpit->pillars->len; i++)
        if (g_str_equal (((ZxCockpitPillar *) g_ptr_array_index (self->cockpit->pillars, i))->id, id))
          pillar = g_ptr_array_index (self->cockpit->pillars, i);
      if (pillar == NULL)
        return;
      {
        g_autofree char *numbers = numbers_text (zx_progress_index_lookup (self->cockpit->index, id));
        drill_header (self, _("Pillar"), pillar->name, numbers);
      }
      drill_items (self, _("Hospital key results, battles and the department key results serving them"), items);
    }
  else if (g_str_equal (entity, "department"))
    {
      ZxCockpitGroup *group = NULL;
      g_autoptr(GPtrArray) items = zx_cockpit_department_items (self->cockpit, self->store, id);
      g_autofree char *figures = NULL;

      for (guint i = 0; i < self->cockpit->department_list->len; i++)
        if (g_str_equal (((ZxCockpitGroup *) g_ptr_array_index (self->cockpit->department_list, i))->id, id))
          group = g_ptr_array_index (self->cockpit->department_list, i);
      if (group == NULL)
        return;
      figures = g_strdup_printf (_("%u current key results: %u on track, %u at risk, %u off track, %u not started; %u without a recent check-in"),
                                 group->total, group->counts[ZX_HEALTH_ON_TRACK], group->counts[ZX_HEALTH_AT_RISK],
                                 group->counts[ZX_HEALTH_OFF_TRACK], group->counts[ZX_HEALTH_NOT_STARTED], group->stale);
      drill_header (self, _("Department"), group->name, figures);
      drill_items (self, _("Objectives, key results and open collaboration requests"), items);
    }
  else if (g_str_equal (entity, "key_result"))
    drill_key_result (self, id);
  else if (g_str_equal (entity, "decision"))
    drill_decision (self, id);
  else
    return;

  g_ptr_array_add (self->history, g_strconcat (entity, "\n", id, NULL));
  gtk_stack_set_visible_child_name (self->stack, "drill");
  gtk_widget_set_visible (self->drill_back_button, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->drill_scroller), 0);
}

void
zx_cockpit_page_drill (ZxCockpitPage *self,
                       const char    *entity,
                       const char    *id)
{
  g_return_if_fail (ZX_IS_COCKPIT_PAGE (self));
  show_drill (self, entity, id);
}

static void
back_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (widget);

  if (self->history->len > 0)
    g_ptr_array_remove_index (self->history, self->history->len - 1);
  if (self->history->len > 0)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (self->history, self->history->len - 1), "\n", 2);

      g_ptr_array_remove_index (self->history, self->history->len - 1);
      show_drill (self, parts[0], parts[1]);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "overview");
  gtk_widget_set_visible (self->drill_back_button, FALSE);
}

/* Presentation, export, print ------------------------------------------------------------- */

static void
present_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window;

  if (self->store == NULL || !zx_store_has_hospital (self->store))
    return;
  read_params (self);
  {
    GDate today;

    page_today (self, &today);
    window = zx_presentation_window_new (self->store, &today, &self->params);
  }
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

static ZxCockpitDocument *
make_document (ZxCockpitPage *self,
               GError       **error)
{
  GDate today;

  read_params (self);
  page_today (self, &today);
  return zx_cockpit_document_new (self->store, &today, &self->params, error);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ZxCockpitPage   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxCockpitDocument) document = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  document = make_document (self, &error);
  if (document == NULL || !zx_cockpit_document_export (document, path, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could not export the cockpit"), error->message);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);
    zx_widget_show_message (GTK_WIDGET (self), text);
  }
}

static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  gboolean pdf = g_str_equal (kind, "pdf");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GDate today;

  if (self->store == NULL)
    return;
  page_today (self, &today);
  dialog = gtk_file_chooser_native_new (pdf ? _("Export the Cockpit as PDF") : _("Export the Cockpit as PNG"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: a file name; the date is year-month-day */
  name = g_strdup_printf (_("cockpit-%04d-%02d-%02d.%s"), g_date_get_year (&today), g_date_get_month (&today),
                          g_date_get_day (&today), pdf ? "pdf" : "png");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("PNG images"));
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxCockpitDocument) document = NULL;
  ZxPrintOperation *operation;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store == NULL)
    return;
  document = make_document (self, &error);
  if (document == NULL)
    {
      zx_show_error_dialog (widget, _("Could not print the cockpit"), error->message);
      return;
    }
  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  zx_print_operation_run_async (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_object_unref (operation);
}

/* The overview's widgets ------------------------------------------------------------------ */

static void
build_overview (ZxCockpitPage *self)
{
  GtkWidget *row, *box, *people_box;

  self->tiles = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->tiles, GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (self->tiles, 2);
  gtk_flow_box_set_max_children_per_line (self->tiles, 4);
  gtk_flow_box_set_homogeneous (self->tiles, TRUE);
  gtk_flow_box_set_column_spacing (self->tiles, 12);
  gtk_flow_box_set_row_spacing (self->tiles, 12);
  gtk_box_append (self->overview_box, GTK_WIDGET (self->tiles));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  self->pillar_chart = zx_bar_chart_new ();
  g_signal_connect_swapped (self->pillar_chart, "item-activated", G_CALLBACK (pillar_activated_cb), self);
  gtk_box_append (GTK_BOX (row), section_new (_("Pillars: Progress and Expected Pace"), self->pillar_chart, NULL));
  self->ring_chart = zx_ring_chart_new ();
  gtk_box_append (GTK_BOX (row), section_new (_("Health of the Current Key Results"), self->ring_chart, NULL));
  gtk_box_append (self->overview_box, row);

  self->trend_chart = zx_line_chart_new ();
  gtk_box_append (self->overview_box, section_new (_("Progress by Week"), self->trend_chart, NULL));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->heat_map = zx_heat_map_new ();
  g_signal_connect_swapped (self->heat_map, "item-activated", G_CALLBACK (department_activated_cb), self);
  gtk_box_append (GTK_BOX (box), self->heat_map);
  self->heat_more = gtk_button_new ();
  gtk_widget_add_css_class (self->heat_more, "flat");
  gtk_widget_set_halign (self->heat_more, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->heat_more, "clicked", G_CALLBACK (heat_more_cb), self);
  gtk_box_append (GTK_BOX (box), self->heat_more);
  gtk_box_append (self->overview_box,
                  section_new (_("Departments by Health of Their Key Results, Most in Difficulty First"), box, NULL));

  people_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->people_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->people_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->people_list), "boxed-list");
  g_signal_connect_swapped (self->people_list, "row-activated", G_CALLBACK (person_activated_cb), self);
  gtk_box_append (GTK_BOX (people_box), GTK_WIDGET (self->people_list));
  self->people_more = GTK_LABEL (label_new (NULL, "dim-label", TRUE));
  gtk_box_append (GTK_BOX (people_box), GTK_WIDGET (self->people_more));
  {
    GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
    gtk_box_append (GTK_BOX (section), label_new (_("Key People"), "heading", FALSE));
    gtk_box_append (GTK_BOX (section), people_box);
    gtk_box_append (self->overview_box, section);
  }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->warning_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->warning_list, GTK_SELECTION_NONE);
  gtk_list_box_set_placeholder (self->warning_list, label_new (_("No early warnings: execution is on course."), "dim-label", FALSE));
  gtk_widget_add_css_class (GTK_WIDGET (self->warning_list), "zx-warning-list");
  g_signal_connect_swapped (self->warning_list, "row-activated", G_CALLBACK (warning_activated_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->warning_list));
  self->warning_more = gtk_button_new ();
  gtk_widget_add_css_class (self->warning_more, "flat");
  gtk_widget_set_halign (self->warning_more, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->warning_more, FALSE);
  g_signal_connect_swapped (self->warning_more, "clicked", G_CALLBACK (warning_more_cb), self);
  gtk_box_append (GTK_BOX (box), self->warning_more);
  gtk_box_append (self->overview_box, section_new (_("Early Warnings"), box, &self->warnings_heading));
}

/* GObject --------------------------------------------------------------------------------- */

static void
zx_cockpit_page_constructed (GObject *object)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (object);
  GSettings *settings;

  G_OBJECT_CLASS (zx_cockpit_page_parent_class)->constructed (object);
  g_assert (self->context != NULL);

  build_overview (self);
  zx_page_add_shortcut (GTK_WIDGET (self), "F5", "cockpit.present");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Alt>Left", "cockpit.back");
  settings = zx_context_get_settings (self->context);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed", G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
}

static void
zx_cockpit_page_dispose (GObject *object)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->lists_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_COCKPIT_PAGE);
  G_OBJECT_CLASS (zx_cockpit_page_parent_class)->dispose (object);
}

static void
zx_cockpit_page_finalize (GObject *object)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (object);

  g_clear_pointer (&self->heat_groups, g_ptr_array_unref);
  g_clear_pointer (&self->cockpit, zx_cockpit_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_ptr_array_unref (self->history);
  g_free (self->drill_title);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (zx_cockpit_page_parent_class)->finalize (object);
}

static void
zx_cockpit_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_cockpit_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ZxCockpitPage *self = ZX_COCKPIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_cockpit_page_class_init (ZxCockpitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_cockpit_page_constructed;
  object_class->dispose = zx_cockpit_page_dispose;
  object_class->finalize = zx_cockpit_page_finalize;
  object_class->get_property = zx_cockpit_page_get_property;
  object_class->set_property = zx_cockpit_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/cockpit/zx-cockpit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxCockpitPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxCockpitPage, drill_back_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCockpitPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ZxCockpitPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, ZxCockpitPage, drill_box);
  gtk_widget_class_bind_template_child (widget_class, ZxCockpitPage, drill_scroller);

  gtk_widget_class_install_action (widget_class, "cockpit.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "cockpit.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "cockpit.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "cockpit.print", NULL, print_action);
  gtk_widget_class_set_css_name (widget_class, "zx-cockpit-page");
}

static void
zx_cockpit_page_init (ZxCockpitPage *self)
{
  self->history = g_ptr_array_new_with_free_func (g_free);
  g_date_clear (&self->today, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zx_cockpit_page_new (ZxContext *context)
{
  return g_object_new (ZX_TYPE_COCKPIT_PAGE, "context", context, NULL);
}

ZxCockpit *
zx_cockpit_page_get_cockpit (ZxCockpitPage *self)
{
  g_return_val_if_fail (ZX_IS_COCKPIT_PAGE (self), NULL);
  return self->cockpit;
}

GPtrArray *
zx_cockpit_page_get_warnings (ZxCockpitPage *self)
{
  g_return_val_if_fail (ZX_IS_COCKPIT_PAGE (self), NULL);
  return self->warnings;
}

GtkWidget *
zx_cockpit_page_get_pillar_chart (ZxCockpitPage *self)
{
  g_return_val_if_fail (ZX_IS_COCKPIT_PAGE (self), NULL);
  return self->pillar_chart;
}

GtkWidget *
zx_cockpit_page_get_heat_map (ZxCockpitPage *self)
{
  g_return_val_if_fail (ZX_IS_COCKPIT_PAGE (self), NULL);
  return self->heat_map;
}

const char *
zx_cockpit_page_get_view (ZxCockpitPage *self)
{
  g_return_val_if_fail (ZX_IS_COCKPIT_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
zx_cockpit_page_get_drill_title (ZxCockpitPage *self)
{
  g_return_val_if_fail (ZX_IS_COCKPIT_PAGE (self), NULL);
  return self->drill_title;
}

void
zx_cockpit_page_set_today (ZxCockpitPage *self,
                           const GDate   *today)
{
  g_return_if_fail (ZX_IS_COCKPIT_PAGE (self));
  if (today != NULL)
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
  zx_cockpit_page_refresh (self);
}

GtkWidget *
zx_cockpit_page_get_warning_list (ZxCockpitPage *self)
{
  g_return_val_if_fail (ZX_IS_COCKPIT_PAGE (self), NULL);
  return GTK_WIDGET (self->warning_list);
}
