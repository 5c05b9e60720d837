/* zx-okr-page.c — the OKR area: aligned trees, check-ins and the weekly review
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trees of the chosen cycle in a GtkColumnView over ZxOkrModel's
 * GtkTreeListModel: name, owner, department, progress against the
 * expected pace, confidence, health and the latest check-in.  Beside it,
 * the selected objective or key result: its numbers, its check-in history
 * as a chart, where it is aligned to and what is aligned beneath it, and
 * the buttons to check in, edit, add and delete.
 */

#define G_LOG_DOMAIN "zx-okr-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-check-in-chart.h"
#include "zx-check-in-editor.h"
#include "zx-deletion.h"
#include "zx-key-result-editor.h"
#include "zx-objective-editor.h"
#include "zx-okr.h"
#include "zx-okr-page.h"
#include "zx-pace-bar.h"
#include "zx-review-view.h"
#include "zx-window.h"

struct _ZxOkrPage
{
  AdwBin               parent_instance;

  ZxContext           *context;
  ZxStore             *store;
  GSettings           *settings;
  gboolean             folded;
  ZxOkrModel          *model;
  GtkSingleSelection  *selection;
  ZxDeletion          *deletion;
  char                *selected_id;
  guint                detail_id;

  GPtrArray           *cycle_ids;
  GPtrArray           *department_ids;
  gboolean             updating_dropdowns;

  /* template */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack        *view_stack;
  GtkDropDown         *cycle_dropdown;
  GtkToggleButton     *search_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *department_dropdown;
  GtkDropDown         *health_dropdown;
  GtkToggleButton     *mine_button;
  GtkToggleButton     *stale_button;
  GtkToggleButton     *orphans_button;
  GtkLabel            *count_label;
  GtkPaned            *paned;
  GtkStack            *tree_stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkBox              *detail_box;
  GtkWidget           *review_view;
};

G_DEFINE_FINAL_TYPE (ZxOkrPage, zx_okr_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The health filter's choices, in the order of the dropdown */
static const int health_choices[] = { -1, ZX_HEALTH_OFF_TRACK, ZX_HEALTH_AT_RISK, ZX_HEALTH_ON_TRACK, ZX_HEALTH_NOT_STARTED };

static void update_detail (ZxOkrPage *self);

/* Helpers ------------------------------------------------------------------------------ */

static void
present (ZxOkrPage *self,
         GtkWidget *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

/* The live row @id of @entity as a record, or NULL */
static ZxRecord *
get_record (ZxOkrPage  *self,
            const char *entity,
            const char *id)
{
  g_autoptr(JsonObject) row = NULL;

  if (id == NULL)
    return NULL;
  row = zx_store_get (self->store, entity, id, NULL);
  if (row == NULL || json_object_get_boolean_member_with_default (row, ZX_COLUMN_DELETED, FALSE))
    return NULL;
  return zx_record_new (zx_schema_lookup (entity), row);
}

static char *
format_julian (gint64 julian)
{
  GDate date;

  if (julian <= 0 || !g_date_valid_julian ((guint32) julian))
    return g_strdup ("—");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static const char *
health_css_class (ZxHealth health)
{
  switch (health)
    {
    case ZX_HEALTH_ON_TRACK: return "success";
    case ZX_HEALTH_AT_RISK: return "warning";
    case ZX_HEALTH_OFF_TRACK: return "error";
    case ZX_HEALTH_NOT_STARTED:
    default: return "dim-label";
    }
}

static void
set_health_label (GtkLabel *label,
                  ZxHealth  health)
{
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (label), health_css_class (health));
  gtk_label_set_label (label, zx_health_get_label (health));
}

/* The title of a cycle for people: “2026” → “2026”, a quarter “2026 Q4” */
static char *
cycle_label (ZxStore    *store,
             const char *cycle_id,
             const char *name)
{
  int year = 0, quarter = 0;

  if (!zx_cycle_get_period (store, cycle_id, &year, &quarter))
    return g_strdup (name);
  if (quarter == 0)
    /* Translators: a yearly OKR cycle */
    return g_strdup_printf (_("%d (whole year)"), year);
  /* Translators: a quarterly OKR cycle: year, quarter */
  return g_strdup_printf (_("%d Q%d"), year, quarter);
}

/* Cells --------------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_TITLE,
  COLUMN_OWNER,
  COLUMN_DEPARTMENT,
  COLUMN_PROGRESS,
  COLUMN_CONFIDENCE,
  COLUMN_HEALTH,
  COLUMN_CHECK_IN,
} Column;

static ZxOkrItem *
item_of (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;   /* a new reference */
}

static void
update_cell (GtkListItem *list_item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "column"));
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autoptr(ZxOkrItem) item = item_of (list_item);

  if (item == NULL)
    return;

  switch (column)
    {
    case COLUMN_TITLE:
      {
        GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child));
        GtkWidget *icon = gtk_widget_get_first_child (box);
        GtkWidget *label = gtk_widget_get_next_sibling (icon);
        const char *icon_name;
        const char *kind;

        if (!zx_okr_item_is_objective (item))
          {
            icon_name = "object-select-symbolic";
            kind = _("Key result");
          }
        else if (zx_okr_item_get_level (item) == ZX_OKR_LEVEL_HOSPITAL)
          {
            icon_name = "starred-symbolic";
            kind = _("Hospital objective");
          }
        else if (zx_okr_item_get_level (item) == ZX_OKR_LEVEL_DEPARTMENT)
          {
            icon_name = "system-users-symbolic";
            kind = _("Department objective");
          }
        else
          {
            icon_name = "avatar-default-symbolic";
            kind = _("Personal objective");
          }
        gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
        gtk_widget_set_tooltip_text (icon, kind);
        gtk_label_set_label (GTK_LABEL (label), zx_okr_item_get_title (item));
        gtk_widget_set_tooltip_text (label, zx_okr_item_get_title (item));
        if (zx_okr_item_is_objective (item))
          gtk_widget_add_css_class (label, "heading");
        else
          gtk_widget_remove_css_class (label, "heading");
        if (zx_okr_item_get_closed (item))
          gtk_widget_add_css_class (label, "dim-label");
        else
          gtk_widget_remove_css_class (label, "dim-label");
        {
          g_autofree char *name = g_strdup_printf ("%s: %s", kind, zx_okr_item_get_title (item));

          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
      }
      break;

    case COLUMN_OWNER:
      gtk_label_set_label (GTK_LABEL (child), zx_okr_item_get_owner (item) ? zx_okr_item_get_owner (item) : "—");
      break;

    case COLUMN_DEPARTMENT:
      gtk_label_set_label (GTK_LABEL (child),
                           zx_okr_item_get_department (item) ? zx_okr_item_get_department (item)
                           : zx_okr_item_get_level (item) == ZX_OKR_LEVEL_HOSPITAL ? _("Whole hospital") : "—");
      break;

    case COLUMN_PROGRESS:
      {
        GtkWidget *bar = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_next_sibling (bar);
        g_autofree char *percent = NULL;

        zx_pace_bar_set (ZX_PACE_BAR (bar), zx_okr_item_get_progress (item), zx_okr_item_get_expected (item),
                         zx_health_to_string (zx_okr_item_get_health (item)), zx_okr_item_get_has_progress (item));
        if (zx_okr_item_get_has_progress (item))
          percent = g_strdup_printf (_("%d%%"), (int) (zx_okr_item_get_progress (item) * 100 + 0.5));
        gtk_label_set_label (GTK_LABEL (label), percent ? percent : "—");
        gtk_widget_set_tooltip_text (label, zx_okr_item_get_value_text (item));
      }
      break;

    case COLUMN_CONFIDENCE:
      {
        g_autofree char *text = zx_okr_item_get_confidence (item) > 0
                                ? g_strdup_printf (_("%d/10"), zx_okr_item_get_confidence (item)) : g_strdup ("—");

        gtk_label_set_label (GTK_LABEL (child), text);
      }
      break;

    case COLUMN_HEALTH:
      set_health_label (GTK_LABEL (child), zx_okr_item_get_health (item));
      break;

    case COLUMN_CHECK_IN:
      {
        GtkWidget *label = gtk_widget_get_first_child (child);
        GtkWidget *tag = gtk_widget_get_next_sibling (label);
        g_autofree char *date = format_julian (zx_okr_item_get_last_check_in (item));

        /* the month and day; the whole date in the tooltip */
        gtk_label_set_label (GTK_LABEL (label), strlen (date) == 10 ? date + 5 : date);
        gtk_widget_set_tooltip_text (label, date);
        gtk_widget_set_visible (tag, zx_okr_item_get_stale (item));
      }
      break;
    }
}

static void
item_notify_cb (GObject     *item,
                GParamSpec  *pspec,
                GtkListItem *list_item)
{
  update_cell (list_item);
}

static GtkWidget *
cell_label (double xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *child = NULL;

  g_object_set_data (G_OBJECT (list_item), "column", data);
  switch (column)
    {
    case COLUMN_TITLE:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        GtkWidget *label = cell_label (0);

        gtk_box_append (GTK_BOX (box), gtk_image_new ());
        gtk_widget_set_hexpand (label, TRUE);
        gtk_box_append (GTK_BOX (box), label);
        child = gtk_tree_expander_new ();
        gtk_tree_expander_set_child (GTK_TREE_EXPANDER (child), box);
      }
      break;
    case COLUMN_OWNER:
    case COLUMN_DEPARTMENT:
      child = cell_label (0);
      break;
    case COLUMN_CONFIDENCE:
      child = cell_label (0.5);
      gtk_widget_add_css_class (child, "numeric");
      break;
    case COLUMN_HEALTH:
      child = cell_label (0);
      break;
    case COLUMN_PROGRESS:
      {
        GtkWidget *label = cell_label (1);

        child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        gtk_widget_set_hexpand (zx_pace_bar_new (), TRUE);
        gtk_box_append (GTK_BOX (child), zx_pace_bar_new ());
        gtk_widget_set_hexpand (gtk_widget_get_first_child (child), TRUE);
        gtk_widget_set_valign (gtk_widget_get_first_child (child), GTK_ALIGN_CENTER);
        gtk_label_set_width_chars (GTK_LABEL (label), 4);
        gtk_widget_add_css_class (label, "numeric");
        gtk_box_append (GTK_BOX (child), label);
      }
      break;
    case COLUMN_CHECK_IN:
      {
        GtkWidget *tag = gtk_label_new (_("Stale"));

        child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        gtk_box_append (GTK_BOX (child), cell_label (0));
        gtk_widget_add_css_class (tag, "zx-tag");
        gtk_widget_add_css_class (tag, "warning");
        gtk_widget_set_tooltip_text (tag, _("No check-in for too long"));
        gtk_box_append (GTK_BOX (child), tag);
        gtk_widget_add_css_class (gtk_widget_get_first_child (child), "numeric");
      }
      break;
    }
  gtk_list_item_set_child (list_item, child);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  data)
{
  g_autoptr(ZxOkrItem) item = item_of (list_item);

  if (GPOINTER_TO_INT (data) == COLUMN_TITLE)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)),
                                    gtk_list_item_get_item (list_item));
  if (item == NULL)
    return;
  g_signal_connect_object (item, "notify", G_CALLBACK (item_notify_cb), list_item, 0);
  g_object_set_data_full (G_OBJECT (list_item), "bound", g_object_ref (item), g_object_unref);
  update_cell (list_item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  ZxOkrItem *item = g_object_get_data (G_OBJECT (list_item), "bound");

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_notify_cb, list_item);
  g_object_set_data (G_OBJECT (list_item), "bound", NULL);
  if (GPOINTER_TO_INT (data) == COLUMN_TITLE)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
add_column (ZxOkrPage  *self,
            Column      column,
            const char *title,
            int         fixed_width,
            gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

/* The selection ------------------------------------------------------------------------ */

ZxOkrItem *
zx_okr_page_get_selected (ZxOkrPage *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (ZX_IS_OKR_PAGE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  {
    g_autoptr(ZxOkrItem) item = gtk_tree_list_row_get_item (row);

    return item;   /* the model keeps it */
  }
}

static void
schedule_detail (ZxOkrPage *self);

static void
selection_changed_cb (ZxOkrPage *self)
{
  ZxOkrItem *item = zx_okr_page_get_selected (self);

  g_free (self->selected_id);
  self->selected_id = item != NULL ? g_strdup (zx_okr_item_get_id (item)) : NULL;
  update_detail (self);
}

gboolean
zx_okr_page_select (ZxOkrPage  *self,
                    const char *id)
{
  ZxOkrForest *forest;
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (int));
  GtkTreeListModel *tree;
  int index;

  g_return_val_if_fail (ZX_IS_OKR_PAGE (self), FALSE);

  forest = zx_okr_model_get_forest (self->model);
  if (forest == NULL || (index = zx_okr_forest_find (forest, id)) < 0)
    return FALSE;
  for (int up = index; up >= 0; up = zx_okr_forest_get_node (forest, up)->parent)
    g_array_prepend_val (chain, up);

  /* Walk down from a root, expanding each row on the way */
  tree = zx_okr_model_get_tree (self->model);
  for (guint depth = 0; depth < chain->len; depth++)
    {
      const char *want = zx_okr_forest_get_node (forest, g_array_index (chain, int, depth))->id;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (tree));
      gboolean found = FALSE;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);
          g_autoptr(ZxOkrItem) item = gtk_tree_list_row_get_item (row);

          if (!g_str_equal (zx_okr_item_get_id (item), want))
            continue;
          found = TRUE;
          if (depth + 1 == chain->len)
            {
              gtk_single_selection_set_selected (self->selection, i);
              gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", i);
              return TRUE;
            }
          gtk_tree_list_row_set_expanded (row, TRUE);
          break;
        }
      /* filtered: the chain may start lower down */
      if (!found && depth + 1 == chain->len)
        return FALSE;
    }
  return FALSE;
}

/* The detail panel ---------------------------------------------------------------------- */

static GtkWidget *
detail_button (const char *label,
               const char *action,
               const char *id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (id != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static GtkWidget *
detail_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
row_with_label (const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);
  g_autofree char *escaped_sub = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (escaped_sub != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_sub);
  return row;
}

/* The chart and the list of a key result's check-ins */
static void
add_check_ins (ZxOkrPage  *self,
               ZxOkrItem  *item,
               const ZxOkrNode *node)
{
  const char *params[] = { zx_okr_item_get_id (item), NULL };
  g_autoptr(GListStore) check_ins = zx_store_list (self->store, "check_in", "key_result_id = ?", params);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (check_ins));
  g_autofree GDate *dates = g_new0 (GDate, MAX (n, 1));
  g_autofree double *values = g_new0 (double, MAX (n, 1));
  g_autofree gboolean *has_value = g_new0 (gboolean, MAX (n, 1));
  g_autoptr(ZxRecord) cycle = get_record (self, "cycle", node->cycle_id);
  g_autoptr(ZxRecord) kr = get_record (self, "key_result", node->id);
  GtkWidget *chart = zx_check_in_chart_new ();
  GtkWidget *list;
  GDate start, end, due, today;
  gboolean milestone = g_strcmp0 (node->kr_kind, "milestone") == 0;
  guint shown = 0;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  g_date_clear (&due, 1);
  if (cycle != NULL)
    {
      g_date_set_parse (&start, zx_record_get_string (cycle, "start_date"));
      g_date_set_parse (&end, zx_record_get_string (cycle, "end_date"));
    }
  if (kr != NULL && zx_record_get_string (kr, "due_date") != NULL)
    g_date_set_parse (&due, zx_record_get_string (kr, "due_date"));
  zx_check_in_chart_set_key_result (ZX_CHECK_IN_CHART (chart), node->kr_kind, node->start, node->target,
                                    node->unit, g_date_valid (&start) ? &start : NULL,
                                    g_date_valid (&end) ? &end : NULL, g_date_valid (&due) ? &due : NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) c = g_list_model_get_item (G_LIST_MODEL (check_ins), i);

      g_date_clear (&dates[i], 1);
      g_date_set_parse (&dates[i], zx_record_get_string (c, "week"));
      if (milestone)
        {
          values[i] = zx_record_get_bool (c, "milestone_done") ? 1 : 0;
          has_value[i] = TRUE;
        }
      else
        {
          has_value[i] = !zx_record_is_null (c, "value");
          values[i] = has_value[i] ? zx_record_get_double (c, "value") : 0;
        }
    }
  zx_check_in_chart_set_points (ZX_CHECK_IN_CHART (chart), dates, values, has_value, n);
  {
    g_autofree char *now = zx_store_now (self->store);

    g_date_clear (&today, 1);
    now[MIN (strlen (now), 10)] = '\0';
    g_date_set_parse (&today, now);
    if (g_date_valid (&today))
      zx_check_in_chart_set_today (ZX_CHECK_IN_CHART (chart), &today);
  }
  gtk_widget_set_size_request (chart, -1, 220);
  gtk_box_append (self->detail_box, detail_heading (_("Check-in history")));
  gtk_box_append (self->detail_box, chart);

  if (n == 0)
    return;
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Check-ins"), -1);
  /* newest first, the last eight */
  for (guint i = n; i-- > 0 && shown < 8; shown++)
    {
      g_autoptr(ZxRecord) c = g_list_model_get_item (G_LIST_MODEL (check_ins), i);
      g_autofree char *value = NULL;
      g_autofree char *title = NULL;
      GString *subtitle = g_string_new (NULL);
      GtkWidget *row, *edit;

      if (milestone)
        value = g_strdup (zx_record_get_bool (c, "milestone_done") ? _("Reached") : _("Not reached"));
      else if (!zx_record_is_null (c, "value") && g_strcmp0 (node->kr_kind, "percentage") == 0)
        value = g_strdup_printf ("%g%%", zx_record_get_double (c, "value"));
      else if (!zx_record_is_null (c, "value"))
        value = g_strdup_printf ("%g%s%s", zx_record_get_double (c, "value"),
                                 node->unit != NULL && *node->unit ? " " : "", node->unit != NULL ? node->unit : "");
      else
        value = g_strdup ("—");
      /* Translators: a check-in in the history: its week, the value, the confidence */
      title = g_strdup_printf (_("%s · %s · confidence %d/10"), zx_record_get_string (c, "week"), value,
                               (int) zx_record_get_int (c, "confidence"));
      if (zx_record_get_string (c, "note") != NULL)
        g_string_append (subtitle, zx_record_get_string (c, "note"));
      if (zx_record_get_string (c, "obstacles") != NULL)
        {
          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          /* Translators: in a check-in's summary */
          g_string_append_printf (subtitle, _("In the way: %s"), zx_record_get_string (c, "obstacles"));
        }
      if (zx_record_get_string (c, "support_needed") != NULL)
        {
          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          /* Translators: in a check-in's summary */
          g_string_append_printf (subtitle, _("Support needed: %s"), zx_record_get_string (c, "support_needed"));
        }
      row = row_with_label (title, subtitle->len > 0 ? subtitle->str : NULL);
      g_string_free (subtitle, TRUE);
      edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Correct This Check-in"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Correct This Check-in"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "okr.edit-check-in");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", zx_record_get_id (c));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->detail_box, list);
}

/* Where the item is aligned to, up to its pillar */
static void
add_alignment (ZxOkrPage *self,
               ZxOkrItem *item)
{
  g_autoptr(GPtrArray) path = zx_okr_alignment_path (self->store, zx_okr_item_get_id (item));
  ZxOkrForest *forest = zx_okr_model_get_forest (self->model);
  int index = zx_okr_forest_find (forest, zx_okr_item_get_id (item));
  GtkWidget *list;
  guint beneath = 0;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_box_append (self->detail_box, detail_heading (_("Alignment")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alignment"), -1);

  /* up: everything after the item itself */
  for (guint i = 1; path != NULL && i < path->len; i++)
    {
      const char *id = g_ptr_array_index (path, i);
      static const struct { const char *entity; const char *kind; } kinds[] = {
        { "objective", N_("Objective") },
        { "key_result", N_("Key result") },
        { "battle", N_("Battle") },
        { "pillar", N_("Strategic pillar") },
      };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *name = zx_store_get_display (self->store, kinds[k].entity, id);

          if (name == NULL)
            continue;
          gtk_list_box_append (GTK_LIST_BOX (list), row_with_label (name, _(kinds[k].kind)));
          break;
        }
    }
  if (path == NULL || path->len <= 1)
    {
      GtkWidget *row = row_with_label (zx_okr_item_is_objective (item) && zx_okr_item_get_level (item) != ZX_OKR_LEVEL_HOSPITAL
                                       ? _("Aligned to nothing yet") : _("At the top of the hospital’s objectives"),
                                       zx_okr_item_is_objective (item) && zx_okr_item_get_level (item) != ZX_OKR_LEVEL_HOSPITAL
                                       ? _("Edit the objective and choose what it serves.") : NULL);

      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* down: every objective in the subtree */
  if (index >= 0)
    g_array_append_val (stack, index);
  while (stack->len > 0)
    {
      int top = g_array_index (stack, int, stack->len - 1);
      const ZxOkrNode *node = zx_okr_forest_get_node (forest, top);

      g_array_set_size (stack, stack->len - 1);
      if (top != index && node->kind == ZX_OKR_NODE_OBJECTIVE)
        beneath++;
      g_array_append_vals (stack, node->children, node->n_children);
    }
  {
    g_autofree char *text = g_strdup_printf (ngettext ("%u objective aligned beneath", "%u objectives aligned beneath", beneath),
                                             beneath);

    gtk_list_box_append (GTK_LIST_BOX (list), row_with_label (text, NULL));
  }
  gtk_box_append (self->detail_box, list);
}

static void
update_detail (ZxOkrPage *self)
{
  GtkWidget *child;
  ZxOkrItem *item = self->selected_id != NULL ? zx_okr_model_lookup (self->model, self->selected_id) : NULL;
  ZxOkrForest *forest = zx_okr_model_get_forest (self->model);
  const ZxOkrNode *node = NULL;
  GtkWidget *title, *subtitle, *bar, *numbers, *buttons;
  g_autofree char *numbers_text = NULL;
  GString *sub = NULL;
  const char *id;

  g_clear_handle_id (&self->detail_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);

  if (item != NULL)
    node = zx_okr_forest_get_node (forest, zx_okr_forest_find (forest, zx_okr_item_get_id (item)));
  if (node == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-list-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing Selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Select an objective or key result to see its progress, check-ins and alignment."));
      gtk_widget_add_css_class (status, "compact");
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (self->detail_box, status);
      return;
    }
  id = zx_okr_item_get_id (item);

  title = gtk_label_new (zx_okr_item_get_title (item));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-3");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->detail_box), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_box_append (self->detail_box, title);

  sub = g_string_new (NULL);
  g_string_append (sub, !zx_okr_item_is_objective (item) ? _("Key result")
                        : node->level == ZX_OKR_LEVEL_HOSPITAL ? _("Hospital objective")
                        : node->level == ZX_OKR_LEVEL_DEPARTMENT ? _("Department objective") : _("Personal objective"));
  if (zx_okr_item_get_department (item) != NULL)
    g_string_append_printf (sub, " · %s", zx_okr_item_get_department (item));
  if (zx_okr_item_get_owner (item) != NULL)
    g_string_append_printf (sub, " · %s", zx_okr_item_get_owner (item));
  if (zx_okr_item_get_closed (item))
    g_string_append_printf (sub, " · %s", _("Closed"));
  subtitle = gtk_label_new (sub->str);
  g_string_free (sub, TRUE);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (self->detail_box, subtitle);

  bar = zx_pace_bar_new ();
  zx_pace_bar_set (ZX_PACE_BAR (bar), zx_okr_item_get_progress (item), zx_okr_item_get_expected (item),
                   zx_health_to_string (zx_okr_item_get_health (item)), zx_okr_item_get_has_progress (item));
  gtk_widget_set_size_request (bar, -1, 12);
  gtk_box_append (self->detail_box, bar);

  if (zx_okr_item_get_has_progress (item))
    /* Translators: progress, the expected pace, health; e.g. “60% done · 45% expected by now · At risk” */
    numbers_text = g_strdup_printf (_("%d%% done · %d%% expected by now · %s"),
                                    (int) (zx_okr_item_get_progress (item) * 100 + 0.5),
                                    (int) (zx_okr_item_get_expected (item) * 100 + 0.5),
                                    zx_health_get_label (zx_okr_item_get_health (item)));
  else
    numbers_text = g_strdup (_("No key results yet: add one to measure this objective."));
  numbers = gtk_label_new (numbers_text);
  gtk_label_set_wrap (GTK_LABEL (numbers), TRUE);
  gtk_label_set_xalign (GTK_LABEL (numbers), 0);
  gtk_box_append (self->detail_box, numbers);
  if (!zx_okr_item_is_objective (item))
    {
      g_autofree char *value = g_strdup_printf (_("Now %s"), zx_okr_item_get_value_text (item));
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (self->detail_box, label);
    }
  if (zx_okr_item_get_stale (item))
    {
      GtkWidget *banner = gtk_label_new (_("Nobody has checked in on this for more than two weeks."));

      gtk_label_set_wrap (GTK_LABEL (banner), TRUE);
      gtk_label_set_xalign (GTK_LABEL (banner), 0);
      gtk_widget_add_css_class (banner, "warning");
      gtk_box_append (self->detail_box, banner);
    }

  buttons = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 3);
  if (!zx_okr_item_is_objective (item))
    {
      GtkWidget *check_in = detail_button (_("_Check In…"), "okr.check-in", id);

      gtk_widget_add_css_class (check_in, "suggested-action");
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), check_in);
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), detail_button (_("_Edit…"), "okr.edit", id));
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), detail_button (_("_Align an Objective…"), "okr.new-aligned", id));
    }
  else
    {
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), detail_button (_("Add _Key Result…"), "okr.new-key-result", id));
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), detail_button (_("_Edit…"), "okr.edit", id));
      if (node->level != ZX_OKR_LEVEL_PERSONAL)
        gtk_flow_box_append (GTK_FLOW_BOX (buttons), detail_button (_("_Align an Objective…"), "okr.new-aligned", id));
      gtk_flow_box_append (GTK_FLOW_BOX (buttons), detail_button (_("Copy to _Next Cycle"), "okr.copy-next", id));
    }
  {
    GtkWidget *delete = detail_button (_("_Delete"), "okr.delete", id);

    gtk_widget_add_css_class (delete, "destructive-action");
    gtk_flow_box_append (GTK_FLOW_BOX (buttons), delete);
  }
  gtk_box_append (self->detail_box, buttons);

  if (!zx_okr_item_is_objective (item))
    add_check_ins (self, item, node);
  add_alignment (self, item);
}

static gboolean
detail_cb (gpointer data)
{
  ZxOkrPage *self = data;

  self->detail_id = 0;
  update_detail (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_detail (ZxOkrPage *self)
{
  if (self->detail_id == 0)
    self->detail_id = g_idle_add (detail_cb, self);
}

/* Model and filters ------------------------------------------------------------------ */

static const char *
actor_staff_id (ZxOkrPage *self)
{
  const char *actor = zx_store_get_actor (self->store);
  g_autofree char *name = actor != NULL ? zx_store_get_display (self->store, "staff", actor) : NULL;

  return name != NULL ? actor : NULL;
}

static void
apply_filter (ZxOkrPage *self)
{
  ZxOkrFilter filter = { 0 };
  guint dept = gtk_drop_down_get_selected (self->department_dropdown);
  guint health = gtk_drop_down_get_selected (self->health_dropdown);
  g_autoptr(GtkTreeListRow) first = NULL;
  guint n;

  if (self->updating_dropdowns)
    return;
  filter.department_id = dept != GTK_INVALID_LIST_POSITION && dept > 0 && dept - 1 < self->department_ids->len
                         ? g_ptr_array_index (self->department_ids, dept - 1) : NULL;
  filter.health = health != GTK_INVALID_LIST_POSITION && health < G_N_ELEMENTS (health_choices)
                  ? health_choices[health] : -1;
  filter.owner_id = gtk_toggle_button_get_active (self->mine_button) ? actor_staff_id (self) : NULL;
  filter.stale_only = gtk_toggle_button_get_active (self->stale_button);
  filter.orphans_only = gtk_toggle_button_get_active (self->orphans_button);
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  zx_okr_model_set_filter (self->model, &filter);

  n = g_list_model_get_n_items (zx_okr_model_get_roots (self->model));
  if (zx_okr_model_is_filtered (self->model))
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u matching objective", "%u matching objectives", n), n);

      gtk_label_set_label (self->count_label, text);
    }
  else
    {
      ZxOkrForest *forest = zx_okr_model_get_forest (self->model);
      guint krs = forest != NULL ? zx_okr_forest_get_n_key_results (forest) : 0;
      g_autofree char *text = g_strdup_printf (ngettext ("%u key result", "%u key results", krs), krs);

      gtk_label_set_label (self->count_label, text);
    }

  if (n == 0)
    {
      gboolean filtered = zx_okr_model_is_filtered (self->model);

      adw_status_page_set_title (self->empty_page, filtered ? _("No Matching Objectives") : _("No Objectives Yet"));
      adw_status_page_set_description (self->empty_page,
                                       filtered ? _("Try other words or clear the filters.")
                                       : _("Start with the hospital’s objectives for this cycle, then let departments and staff align theirs."));
      gtk_stack_set_visible_child_name (self->tree_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->tree_stack, "tree");
}

static void
filter_changed_cb (ZxOkrPage *self)
{
  apply_filter (self);
}

static void
fill_departments (ZxOkrPage *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *selected = NULL;
  guint dept = gtk_drop_down_get_selected (self->department_dropdown);
  guint position = 0;

  if (dept != GTK_INVALID_LIST_POSITION && dept > 0 && dept - 1 < self->department_ids->len)
    selected = g_ptr_array_index (self->department_ids, dept - 1);
  {
    g_autofree char *keep = g_strdup (selected);

    g_ptr_array_set_size (self->department_ids, 0);
    gtk_string_list_append (names, _("All departments"));
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (departments)); i++)
      {
        g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (departments), i);

        gtk_string_list_append (names, zx_record_get_string (d, "name"));
        g_ptr_array_add (self->department_ids, g_strdup (zx_record_get_id (d)));
        if (g_strcmp0 (keep, zx_record_get_id (d)) == 0)
          position = i + 1;
      }
  }
  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->department_dropdown, position);
  self->updating_dropdowns = FALSE;
}

/* Cycles: the years and quarters, newest first; the one holding today chosen */
static void
fill_cycles (ZxOkrPage *self)
{
  g_autoptr(GListStore) cycles = zx_store_list (self->store, "cycle", NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *now = zx_store_now (self->store);
  const char *current = zx_okr_model_get_cycle (self->model);
  g_autofree char *keep = g_strdup (current);
  guint position = GTK_INVALID_LIST_POSITION, today_quarter = GTK_INVALID_LIST_POSITION;
  guint today_year = GTK_INVALID_LIST_POSITION;

  now[MIN (strlen (now), 10)] = '\0';
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cycles)); i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (cycles), i));
  /* newest start first, a year before its quarters */
  for (guint i = 0; i < rows->len; i++)
    for (guint j = i + 1; j < rows->len; j++)
      {
        ZxRecord *a = g_ptr_array_index (rows, i), *b = g_ptr_array_index (rows, j);
        int c = g_strcmp0 (zx_record_get_string (b, "start_date"), zx_record_get_string (a, "start_date"));

        if (c == 0)
          c = g_strcmp0 (zx_record_get_string (a, "kind"), zx_record_get_string (b, "kind")) > 0 ? 1 : -1;
        if (c > 0)
          {
            rows->pdata[i] = b;
            rows->pdata[j] = a;
          }
      }

  g_ptr_array_set_size (self->cycle_ids, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      ZxRecord *cycle = g_ptr_array_index (rows, i);
      g_autofree char *label = cycle_label (self->store, zx_record_get_id (cycle), zx_record_get_string (cycle, "name"));
      gboolean holds_today = g_strcmp0 (zx_record_get_string (cycle, "start_date"), now) <= 0 &&
                             g_strcmp0 (now, zx_record_get_string (cycle, "end_date")) <= 0;

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->cycle_ids, g_strdup (zx_record_get_id (cycle)));
      if (g_strcmp0 (keep, zx_record_get_id (cycle)) == 0)
        position = i;
      if (holds_today && g_strcmp0 (zx_record_get_string (cycle, "kind"), "quarter") == 0)
        today_quarter = i;
      if (holds_today && g_strcmp0 (zx_record_get_string (cycle, "kind"), "year") == 0)
        today_year = i;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    position = today_quarter != GTK_INVALID_LIST_POSITION ? today_quarter
               : today_year != GTK_INVALID_LIST_POSITION ? today_year : 0;

  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_model (self->cycle_dropdown, G_LIST_MODEL (names));
  if (self->cycle_ids->len > 0)
    gtk_drop_down_set_selected (self->cycle_dropdown, position);
  self->updating_dropdowns = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cycle_dropdown), self->cycle_ids->len > 0);

  if (self->cycle_ids->len > 0)
    zx_okr_page_set_cycle (self, g_ptr_array_index (self->cycle_ids, position));
}

static void
cycle_selected_cb (ZxOkrPage *self)
{
  guint position = gtk_drop_down_get_selected (self->cycle_dropdown);

  if (self->updating_dropdowns || position == GTK_INVALID_LIST_POSITION || position >= self->cycle_ids->len)
    return;
  zx_okr_page_set_cycle (self, g_ptr_array_index (self->cycle_ids, position));
}

static void
model_reloaded_cb (ZxOkrPage *self)
{
  apply_filter (self);
  schedule_detail (self);
}

static void
store_changed_cb (ZxOkrPage  *self,
                  const char *entity,
                  const char *id)
{
  if (g_str_equal (entity, "cycle"))
    fill_cycles (self);
  else if (g_str_equal (entity, "department"))
    fill_departments (self);
}

static void
store_reloaded_cb (ZxOkrPage *self)
{
  fill_departments (self);
  fill_cycles (self);
}

static void
settings_changed_cb (ZxOkrPage *self)
{
  ZxProgressParams params;

  params.behind_margin = g_settings_get_double (self->settings, "warn-behind-pace-margin");
  params.stale_days = g_settings_get_int (self->settings, "warn-stale-days");
  params.low_confidence = g_settings_get_int (self->settings, "warn-low-confidence");
  zx_okr_model_set_params (self->model, &params);
}

/* Actions ----------------------------------------------------------------------------- */

static const char *
cycle_of_page (ZxOkrPage *self)
{
  return zx_okr_model_get_cycle (self->model);
}

static void
new_objective_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  guint dept = gtk_drop_down_get_selected (self->department_dropdown);
  const char *department_id = dept != GTK_INVALID_LIST_POSITION && dept > 0 && dept - 1 < self->department_ids->len
                              ? g_ptr_array_index (self->department_ids, dept - 1) : NULL;

  /* Ctrl+N makes what the visible view lists: in the weekly review, a
   * meeting, whichever widget of the page has the focus */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "review") == 0)
    {
      gtk_widget_activate_action (self->review_view, "review.start", NULL);
      return;
    }

  present (self, g_object_new (ZX_TYPE_OBJECTIVE_EDITOR,
                               "context", self->context,
                               "level", department_id != NULL ? "department" : "hospital",
                               "cycle-id", cycle_of_page (self),
                               "department-id", department_id,
                               NULL));
}

static void
new_key_result_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);

  present (self, g_object_new (ZX_TYPE_KEY_RESULT_EDITOR,
                               "context", self->context,
                               "objective-id", g_variant_get_string (parameter, NULL),
                               NULL));
}

/* An objective aligned beneath an objective or key result: a department's
 * under a hospital objective, a person's under a department key result */
static void
new_aligned_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  ZxOkrForest *forest = zx_okr_model_get_forest (self->model);
  int index = forest != NULL ? zx_okr_forest_find (forest, id) : -1;
  const ZxOkrNode *node;
  const char *level;

  if (index < 0)
    return;
  node = zx_okr_forest_get_node (forest, index);
  level = node->level == ZX_OKR_LEVEL_HOSPITAL ? "department" : "personal";
  present (self, g_object_new (ZX_TYPE_OBJECTIVE_EDITOR,
                               "context", self->context,
                               "level", level,
                               "cycle-id", cycle_of_page (self),
                               "department-id", node->department_id,
                               "parent-objective-id", node->kind == ZX_OKR_NODE_OBJECTIVE ? node->id
                                                      : zx_okr_forest_get_node (forest, node->parent)->id,
                               "parent-key-result-id", node->kind == ZX_OKR_NODE_KEY_RESULT ? node->id : NULL,
                               NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  const char *id = parameter != NULL ? g_variant_get_string (parameter, NULL) : self->selected_id;
  g_autoptr(ZxRecord) objective = get_record (self, "objective", id);
  g_autoptr(ZxRecord) kr = objective == NULL ? get_record (self, "key_result", id) : NULL;

  if (objective != NULL)
    present (self, g_object_new (ZX_TYPE_OBJECTIVE_EDITOR, "context", self->context, "record", objective, NULL));
  else if (kr != NULL)
    present (self, g_object_new (ZX_TYPE_KEY_RESULT_EDITOR, "context", self->context, "record", kr,
                                 "objective-id", zx_record_get_string (kr, "objective_id"), NULL));
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  const char *id = parameter != NULL ? g_variant_get_string (parameter, NULL) : self->selected_id;
  g_autoptr(ZxRecord) kr = get_record (self, "key_result", id);

  if (kr == NULL)
    {
      zx_widget_show_message (widget, _("Select a key result to check in on."));
      return;
    }
  present (self, g_object_new (ZX_TYPE_CHECK_IN_EDITOR, "context", self->context, "key-result-id", id, NULL));
}

static void
edit_check_in_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  g_autoptr(ZxRecord) check_in = get_record (self, "check_in", g_variant_get_string (parameter, NULL));

  if (check_in == NULL)
    return;
  present (self, g_object_new (ZX_TYPE_CHECK_IN_EDITOR, "context", self->context, "record", check_in,
                               "key-result-id", zx_record_get_string (check_in, "key_result_id"), NULL));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  const char *id = parameter != NULL ? g_variant_get_string (parameter, NULL) : self->selected_id;
  ZxOkrItem *item = id != NULL ? zx_okr_model_lookup (self->model, id) : NULL;

  if (item == NULL)
    return;
  zx_deletion_delete (self->deletion, self->store,
                      zx_okr_item_is_objective (item) ? "objective" : "key_result",
                      id, zx_okr_item_get_title (item));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zx_deletion_undo (ZX_OKR_PAGE (widget)->deletion);
}

static void
copy_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(ZxRecord) objective = get_record (self, "objective", id);
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (objective == NULL)
    return;
  next = zx_cycle_next (self->store, zx_record_get_string (objective, "cycle_id"), &error);
  if (next == NULL || !zx_okr_copy_objective (self->store, id, next, &new_id, &error))
    {
      zx_show_error_dialog (widget, _("Could Not Copy the Objective"), error->message);
      return;
    }
  name = zx_store_get_display (self->store, "cycle", next);
  message = g_strdup_printf (_("Copied “%s” to %s"), zx_record_get_string (objective, "title"), name ? name : "");
  zx_widget_show_message (widget, message);
}

static void
expand_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);
  GtkTreeListModel *tree = zx_okr_model_get_tree (self->model);
  gboolean expand = g_str_equal (action_name, "okr.expand-all");

  if (expand)
    {
      /* Expanding adds rows after the one expanded: walk forward */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)) && i < 20000; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);

          if (row != NULL && gtk_tree_list_row_is_expandable (row))
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  else
    {
      GListModel *roots = zx_okr_model_get_roots (self->model);

      for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (tree, i);

          if (row != NULL)
            gtk_tree_list_row_set_expanded (row, FALSE);
        }
    }
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxOkrPage *self = ZX_OKR_PAGE (widget);

  zx_okr_page_set_view (self, "tree");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  zx_okr_page_set_view (ZX_OKR_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
activate_cb (ZxOkrPage *self,
             guint      position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "okr.edit", "s", self->selected_id != NULL ? self->selected_id : "");
}

/* GObject ------------------------------------------------------------------------------ */

static void
zx_okr_page_constructed (GObject *object)
{
  ZxOkrPage *self = ZX_OKR_PAGE (object);
  ZxProgressParams params;

  G_OBJECT_CLASS (zx_okr_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->store = g_object_ref (zx_context_get_store (self->context));
  self->settings = g_object_ref (zx_context_get_settings (self->context));
  params.behind_margin = g_settings_get_double (self->settings, "warn-behind-pace-margin");
  params.stale_days = g_settings_get_int (self->settings, "warn-stale-days");
  params.low_confidence = g_settings_get_int (self->settings, "warn-low-confidence");
  self->model = zx_okr_model_new (self->store, &params);
  g_signal_connect_object (self->model, "reloaded", G_CALLBACK (model_reloaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::warn-behind-pace-margin", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::warn-stale-days", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::warn-low-confidence", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (zx_okr_model_get_tree (self->model))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* The titles get the room; on a narrow window the list scrolls sideways
   * rather than cutting every title to a couple of characters */
  add_column (self, COLUMN_TITLE, _("Objective or key result"), 260, TRUE);
  add_column (self, COLUMN_OWNER, _("Owner"), 64, FALSE);
  add_column (self, COLUMN_DEPARTMENT, _("Department"), 72, FALSE);
  add_column (self, COLUMN_PROGRESS, _("Progress"), 116, FALSE);
  /* Translators: a narrow column of the OKR list: the owner's confidence, 1–10 */
  add_column (self, COLUMN_CONFIDENCE, C_("column", "Confidence"), 80, FALSE);
  add_column (self, COLUMN_HEALTH, _("Health"), 72, FALSE);
  add_column (self, COLUMN_CHECK_IN, _("Last check-in"), 100, FALSE);

  {
    g_autoptr(GtkStringList) health = gtk_string_list_new (NULL);

    gtk_string_list_append (health, _("Any health"));
    for (guint i = 1; i < G_N_ELEMENTS (health_choices); i++)
      gtk_string_list_append (health, zx_health_get_label (health_choices[i]));
    gtk_drop_down_set_model (self->health_dropdown, G_LIST_MODEL (health));
  }

  self->review_view = zx_review_view_new (self->context);
  {
    AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, self->review_view, "review", _("Weekly Review"));

    adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
  }

  /* “Mine” needs to know who is using the program (a staff member signed in) */
  gtk_widget_set_visible (GTK_WIDGET (self->mine_button), actor_staff_id (self) != NULL);

  fill_departments (self);
  fill_cycles (self);
  update_detail (self);
}

static void
zx_okr_page_dispose (GObject *object)
{
  ZxOkrPage *self = ZX_OKR_PAGE (object);

  g_clear_handle_id (&self->detail_id, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_OKR_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->deletion);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (zx_okr_page_parent_class)->dispose (object);
}

static void
zx_okr_page_finalize (GObject *object)
{
  ZxOkrPage *self = ZX_OKR_PAGE (object);

  g_free (self->selected_id);
  g_ptr_array_unref (self->cycle_ids);
  g_ptr_array_unref (self->department_ids);
  G_OBJECT_CLASS (zx_okr_page_parent_class)->finalize (object);
}

static void
zx_okr_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ZxOkrPage *self = ZX_OKR_PAGE (object);

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
zx_okr_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ZxOkrPage *self = ZX_OKR_PAGE (object);

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
zx_okr_page_class_init (ZxOkrPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_okr_page_constructed;
  object_class->dispose = zx_okr_page_dispose;
  object_class->finalize = zx_okr_page_finalize;
  object_class->get_property = zx_okr_page_get_property;
  object_class->set_property = zx_okr_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhixing/Zhixing/okr/zx-okr-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, cycle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, department_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, health_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, mine_button);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, stale_button);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, orphans_button);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, paned);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, tree_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ZxOkrPage, detail_box);

  gtk_widget_class_install_action (widget_class, "okr.new-objective", NULL, new_objective_action);
  gtk_widget_class_install_action (widget_class, "okr.new-key-result", "s", new_key_result_action);
  gtk_widget_class_install_action (widget_class, "okr.new-aligned", "s", new_aligned_action);
  gtk_widget_class_install_action (widget_class, "okr.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "okr.edit-selected", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "okr.check-in", "s", check_in_action);
  gtk_widget_class_install_action (widget_class, "okr.check-in-selected", NULL, check_in_action);
  gtk_widget_class_install_action (widget_class, "okr.edit-check-in", "s", edit_check_in_action);
  gtk_widget_class_install_action (widget_class, "okr.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "okr.delete-selected", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "okr.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "okr.copy-next", "s", copy_next_action);
  gtk_widget_class_install_action (widget_class, "okr.expand-all", NULL, expand_action);
  gtk_widget_class_install_action (widget_class, "okr.collapse-all", NULL, expand_action);
  gtk_widget_class_install_action (widget_class, "okr.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "okr.show-view", "s", show_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "okr.new-objective", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "okr.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "okr.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "okr.edit-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "okr.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "okr.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "okr.check-in-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "okr.check-in-selected", NULL);

  gtk_widget_class_set_css_name (widget_class, "zx-okr-page");
}

static void
zx_okr_page_init (ZxOkrPage *self)
{
  static const char * const views[] = { "tree", "review", NULL };

  self->cycle_ids = g_ptr_array_new_with_free_func (g_free);
  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  self->deletion = zx_deletion_new (GTK_WIDGET (self));
  g_type_ensure (ZX_TYPE_PACE_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  zx_page_add_view_shortcuts (GTK_WIDGET (self), "okr.show-view", views);

  g_signal_connect_swapped (self->cycle_dropdown, "notify::selected", G_CALLBACK (cycle_selected_cb), self);
  g_signal_connect_swapped (self->department_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->health_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->mine_button, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->stale_button, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->orphans_button, "toggled", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

GtkWidget *
zx_okr_page_new (ZxContext *context)
{
  return g_object_new (ZX_TYPE_OKR_PAGE, "context", context, NULL);
}

ZxOkrModel *
zx_okr_page_get_model (ZxOkrPage *self)
{
  g_return_val_if_fail (ZX_IS_OKR_PAGE (self), NULL);
  return self->model;
}

const char *
zx_okr_page_get_cycle (ZxOkrPage *self)
{
  g_return_val_if_fail (ZX_IS_OKR_PAGE (self), NULL);
  return zx_okr_model_get_cycle (self->model);
}

void
zx_okr_page_set_cycle (ZxOkrPage  *self,
                       const char *cycle_id)
{
  g_return_if_fail (ZX_IS_OKR_PAGE (self));

  if (g_strcmp0 (cycle_id, zx_okr_model_get_cycle (self->model)) != 0 || zx_okr_model_get_forest (self->model) == NULL)
    {
      zx_okr_model_set_cycle (self->model, cycle_id);
      apply_filter (self);
    }
  for (guint i = 0; i < self->cycle_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->cycle_ids, i), cycle_id) == 0 &&
        gtk_drop_down_get_selected (self->cycle_dropdown) != i)
      {
        self->updating_dropdowns = TRUE;
        gtk_drop_down_set_selected (self->cycle_dropdown, i);
        self->updating_dropdowns = FALSE;
      }
  if (self->review_view != NULL)
    g_object_set (self->review_view, "cycle-id", cycle_id, NULL);
}

GListModel *
zx_okr_page_get_rows (ZxOkrPage *self)
{
  g_return_val_if_fail (ZX_IS_OKR_PAGE (self), NULL);
  return G_LIST_MODEL (zx_okr_model_get_tree (self->model));
}

void
zx_okr_page_set_view (ZxOkrPage  *self,
                      const char *name)
{
  g_return_if_fail (ZX_IS_OKR_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
zx_okr_page_get_detail (ZxOkrPage *self)
{
  g_return_val_if_fail (ZX_IS_OKR_PAGE (self), NULL);
  return GTK_WIDGET (self->detail_box);
}
