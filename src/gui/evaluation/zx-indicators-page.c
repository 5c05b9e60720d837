/* zx-indicators-page.c — the indicator library, targets, monthly values
 * with hand corrections, the trend chart and the CSV import
 *
 * The list on the left filters the library (search, dimension, level,
 * source; retired indicators hidden unless asked for).  The selected
 * indicator shows its definition, a department (or the whole hospital),
 * the trend of its monthly values against the target, the targets by
 * period and the values, each correctable by hand with a reason that goes
 * to the audit log (zx_indicator_value_correct()).  "Import Values…" reads
 * a CSV file the hospital information system exported, previews every row
 * and every bad line, and stores all rows or none — in a worker thread on
 * its own connection when the file is large.  Buttons follow what the
 * signed-in account may write (zx-roles.h).  The page is rebuilt when idle
 * after a change.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-indicators-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "zx-empowerment-roles.h"
#include "zx-indicator-editor.h"
#include "zx-indicators.h"
#include "zx-indicators-page.h"
#include "zx-line-chart.h"
#include "zx-record.h"
#include "zx-window.h"

/* Files with more rows are stored in a worker thread */
#define THREAD_ROWS 200
/* The preview lists at most this many good rows */
#define PREVIEW_ROWS 300

static const char * const levels[] = { NULL, "hospital", "department", "post" };
static const char * const sources[] = { NULL, "national", "operational", "hospital" };

struct _ZxIndicatorsPage
{
  AdwBin          parent_instance;

  ZxContext      *context;
  ZxStore        *store;
  guint           refresh_id;
  gboolean        updating;
  gboolean        importing;

  char           *indicator_id;    /* the selected indicator */
  char           *department_id;   /* NULL: the whole hospital */
  GPtrArray      *department_ids;  /* position in the drop-down → id (NULL first) */
  char          **dimensions;
  GPtrArray      *target_rows;
  GPtrArray      *value_rows;
  GtkWidget      *chart;

  GtkSearchEntry *search_entry;
  GtkDropDown    *dimension_dropdown;
  GtkDropDown    *level_dropdown;
  GtkDropDown    *source_dropdown;
  GtkCheckButton *retired_check;
  GtkButton      *add_button;
  GtkButton      *load_button;
  GtkButton      *import_button;
  GtkProgressBar *import_progress;
  GtkListBox     *indicator_list;
  GtkLabel       *count_label;
  GtkStack       *detail_stack;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkButton      *edit_button;
  GtkButton      *retire_button;
  GtkLabel       *definition_label;
  GtkDropDown    *department_dropdown;
  GtkStack       *chart_stack;
  GtkBox         *chart_box;
  AdwPreferencesGroup *targets_group;
  GtkButton      *add_target_button;
  AdwPreferencesGroup *values_group;
};

G_DEFINE_FINAL_TYPE (ZxIndicatorsPage, zx_indicators_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (ZxIndicatorsPage *self);
static void refresh_detail (ZxIndicatorsPage *self);

static void
toast (ZxIndicatorsPage *self,
       const char       *text)
{
  zx_widget_show_message (GTK_WIDGET (self), text);
}

static char *
format_value (double      value,
              const char *unit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  if (unit == NULL || *unit == '\0')
    return g_strdup (buf);
  return g_strdup_printf ("%s %s", buf, unit);
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (*copy == '\0')
    return FALSE;
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static ZxRecord *
selected_indicator (ZxIndicatorsPage *self)
{
  g_autoptr(JsonObject) row = NULL;

  if (self->indicator_id == NULL || self->store == NULL)
    return NULL;
  row = zx_store_get (self->store, "indicator", self->indicator_id, NULL);
  if (row == NULL)
    return NULL;
  return zx_record_new (zx_schema_lookup ("indicator"), row);
}

/* The list ------------------------------------------------------------------ */

static void
fill_string_dropdown (GtkDropDown        *dropdown,
                      const char         *all,
                      const char * const *labels,
                      guint               n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, labels[i]);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
fill_filters (ZxIndicatorsPage *self)
{
  const char *level_labels[G_N_ELEMENTS (levels) - 1];
  const char *source_labels[G_N_ELEMENTS (sources) - 1];
  guint selected = gtk_drop_down_get_selected (self->dimension_dropdown);
  g_autofree char *dimension = NULL;

  if (self->dimensions != NULL && selected > 0 && selected <= g_strv_length (self->dimensions))
    dimension = g_strdup (self->dimensions[selected - 1]);
  g_clear_pointer (&self->dimensions, g_strfreev);
  self->dimensions = zx_indicators_dimensions (self->store);
  fill_string_dropdown (self->dimension_dropdown, _("All dimensions"),
                        (const char * const *) self->dimensions, g_strv_length (self->dimensions));
  if (dimension != NULL && g_strv_contains ((const char * const *) self->dimensions, dimension))
    for (guint i = 0; self->dimensions[i] != NULL; i++)
      if (g_str_equal (self->dimensions[i], dimension))
        gtk_drop_down_set_selected (self->dimension_dropdown, i + 1);

  if (gtk_drop_down_get_model (self->level_dropdown) == NULL)
    {
      for (guint i = 1; i < G_N_ELEMENTS (levels); i++)
        level_labels[i - 1] = zx_indicator_level_label (levels[i]);
      for (guint i = 1; i < G_N_ELEMENTS (sources); i++)
        source_labels[i - 1] = zx_indicator_source_label (sources[i]);
      fill_string_dropdown (self->level_dropdown, _("All levels"), level_labels, G_N_ELEMENTS (level_labels));
      fill_string_dropdown (self->source_dropdown, _("All sources"), source_labels, G_N_ELEMENTS (source_labels));
    }
}

static GtkWidget *
indicator_row_new (ZxRecord *r)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (zx_record_get_string (r, "name"));
  g_autofree char *line = NULL;
  GtkWidget *detail;
  const char *dimension = zx_record_get_string (r, "dimension");
  const char *sub = zx_record_get_string (r, "sub_dimension");

  line = g_strdup_printf ("%s · %s%s%s · %s%s", zx_record_get_string (r, "code"),
                          dimension != NULL ? dimension : "", sub != NULL ? " / " : "", sub != NULL ? sub : "",
                          zx_indicator_direction_label (zx_record_get_string (r, "direction")),
                          zx_record_get_bool (r, "retired") ? _(" · retired") : "");
  detail = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (zx_record_get_bool (r, "retired"))
    gtk_widget_add_css_class (name, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "indicator-id", g_strdup (zx_record_get_id (r)), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  zx_record_get_string (r, "name"), -1);
  return row;
}

static void
refresh_list (ZxIndicatorsPage *self)
{
  ZxIndicatorFilter filter = { 0 };
  g_autoptr(GListStore) list = NULL;
  GtkWidget *child;
  GtkListBoxRow *select = NULL;
  guint dim = gtk_drop_down_get_selected (self->dimension_dropdown);
  guint level = gtk_drop_down_get_selected (self->level_dropdown);
  guint source = gtk_drop_down_get_selected (self->source_dropdown);
  guint n;
  g_autofree char *count = NULL;

  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (dim != GTK_INVALID_LIST_POSITION && dim > 0 && self->dimensions != NULL && dim <= g_strv_length (self->dimensions))
    filter.dimension = self->dimensions[dim - 1];
  if (level != GTK_INVALID_LIST_POSITION && level < G_N_ELEMENTS (levels))
    filter.level = levels[level];
  if (source != GTK_INVALID_LIST_POSITION && source < G_N_ELEMENTS (sources))
    filter.source = sources[source];
  filter.include_retired = gtk_check_button_get_active (self->retired_check);

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->indicator_list))) != NULL)
    gtk_list_box_remove (self->indicator_list, child);

  list = zx_indicators_list (self->store, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);
      GtkWidget *row = indicator_row_new (r);

      gtk_list_box_append (self->indicator_list, row);
      if (g_strcmp0 (self->indicator_id, zx_record_get_id (r)) == 0)
        select = GTK_LIST_BOX_ROW (row);
    }
  gtk_list_box_select_row (self->indicator_list, select);
  self->updating = FALSE;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators", n), n);
  gtk_label_set_label (self->count_label, count);
}

/* The details ---------------------------------------------------------------- */

static void
fill_departments (ZxIndicatorsPage *self)
{
  g_autoptr(GListStore) list = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->department_ids, 0);
  g_ptr_array_add (self->department_ids, NULL);
  gtk_string_list_append (labels, _("Whole hospital"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (self->department_ids, g_strdup (zx_record_get_id (r)));
      gtk_string_list_append (labels, zx_record_get_string (r, "name"));
      if (g_strcmp0 (self->department_id, zx_record_get_id (r)) == 0)
        selected = i + 1;
    }
  if (selected == 0)
    g_clear_pointer (&self->department_id, g_free);
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->department_dropdown, selected);
}

static GListStore *
list_for_department (ZxIndicatorsPage *self,
                     const char       *entity)
{
  const char *params[] = { self->indicator_id, self->department_id, NULL };

  return zx_store_list (self->store, entity,
                        self->department_id != NULL ? "indicator_id = ? AND department_id = ?"
                                                    : "indicator_id = ? AND department_id IS NULL",
                        params);
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static int
compare_month (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return g_strcmp0 (zx_record_get_string ((ZxRecord *) a, "month"), zx_record_get_string ((ZxRecord *) b, "month"));
}

static char *
month_label (const char *month)
{
  /* Translators: a month on the chart's axis, from year and month numbers */
  return g_strdup_printf (_("%d/%02d"), atoi (month) % 100, atoi (month + 5));
}

static void
refresh_chart (ZxIndicatorsPage *self,
               GListModel       *values,
               const char       *unit)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_line_series_free);
  ZxLineSeries *actual = zx_line_series_new (_("Actual"), ZX_CHART_BLUE, FALSE);
  ZxLineSeries *target = zx_line_series_new (_("Target"), ZX_CHART_ORANGE, TRUE);
  guint n = g_list_model_get_n_items (values);
  double lo = INFINITY, hi = -INFINITY, span;
  gboolean any_target = FALSE;

  g_ptr_array_add (series, actual);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (values, i);
      const char *month = zx_record_get_string (r, "month");
      double v = zx_record_get_double (r, "value"), t = NAN;

      g_ptr_array_add (labels, month_label (month));
      g_array_append_val (actual->values, v);
      if (zx_indicator_target_for (self->store, self->indicator_id, self->department_id, month, &t))
        any_target = TRUE;
      g_array_append_val (target->values, t);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      if (!isnan (t))
        {
          lo = MIN (lo, t);
          hi = MAX (hi, t);
        }
    }
  if (any_target)
    g_ptr_array_add (series, target);
  else
    zx_line_series_free (target);

  gtk_stack_set_visible_child_name (self->chart_stack, n > 0 ? "chart" : "none");
  if (n == 0)
    return;
  span = hi - lo;
  if (span <= 0)
    span = fabs (hi) > 0 ? fabs (hi) * 0.2 : 1;
  /* Four round steps with some room above and below the lines, never
   * below 0 for positive values */
  {
    double raw = span * 1.4 / 4, magnitude = pow (10, floor (log10 (raw))), step;
    double top = hi;

    step = raw / magnitude <= 1 ? magnitude : raw / magnitude <= 2 ? 2 * magnitude :
           raw / magnitude <= 2.5 ? 2.5 * magnitude : raw / magnitude <= 5 ? 5 * magnitude : 10 * magnitude;
    lo = floor ((lo - span * 0.2) / step) * step;
    if (lo < 0 && (lo + span * 0.2) >= 0)
      lo = 0;
    while (lo + 4 * step < top)
      step = step * 2;
    hi = lo + 4 * step;
  }
  zx_line_chart_set_scale (ZX_LINE_CHART (self->chart), lo, hi, unit);
  zx_line_chart_set_data (ZX_LINE_CHART (self->chart), labels, series);
}

static void correct_clicked_cb (ZxIndicatorsPage *self, GtkButton *button);
static void target_clicked_cb (ZxIndicatorsPage *self, GtkButton *button);
static void remove_target_clicked_cb (ZxIndicatorsPage *self, GtkButton *button);

static const char *
scope_of (ZxIndicatorsPage *self)
{
  return self->department_id;
}

static void
refresh_detail (ZxIndicatorsPage *self)
{
  g_autoptr(ZxRecord) indicator = selected_indicator (self);
  g_autoptr(GListStore) values = NULL;
  g_autoptr(GListStore) targets = NULL;
  g_autofree char *subtitle = NULL;
  const char *unit, *definition;
  g_autofree char *value_refusal = NULL;
  gboolean may_target, may_correct;

  clear_group (self->targets_group, self->target_rows);
  clear_group (self->values_group, self->value_rows);
  if (indicator == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");

  unit = zx_record_get_string (indicator, "unit");
  definition = zx_record_get_string (indicator, "definition");
  gtk_label_set_label (self->title_label, zx_record_get_string (indicator, "name"));
  subtitle = g_strdup_printf ("%s · %s · %s · %s%s%s%s", zx_record_get_string (indicator, "code"),
                              zx_indicator_source_label (zx_record_get_string (indicator, "source")),
                              zx_indicator_level_label (zx_record_get_string (indicator, "level")),
                              zx_indicator_direction_label (zx_record_get_string (indicator, "direction")),
                              unit != NULL ? " · " : "", unit != NULL ? unit : "",
                              zx_record_get_bool (indicator, "national_monitoring") ? _(" · national monitoring ▲") : "");
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->definition_label, definition != NULL ? definition : "");
  gtk_widget_set_visible (GTK_WIDGET (self->definition_label), definition != NULL && *definition != '\0');
  gtk_button_set_label (self->retire_button, zx_record_get_bool (indicator, "retired") ? _("_Restore") : _("_Retire"));

  zx_empowerment_allow (GTK_WIDGET (self->edit_button), self->context, "indicator", NULL,
                                   _("Edit the indicator's name, level, direction, unit and definition"));
  zx_empowerment_allow (GTK_WIDGET (self->retire_button), self->context, "indicator", NULL,
                        zx_record_get_bool (indicator, "retired") ? _("Use the indicator again")
                                                                  : _("Hide the indicator from lists and imports; its values are kept"));
  may_target = zx_empowerment_allow (GTK_WIDGET (self->add_target_button), self->context, "indicator_target",
                                     scope_of (self), _("Set a target for a year, quarter or month"));
  value_refusal = zx_empowerment_write_refusal (self->context, "indicator_value", scope_of (self));
  may_correct = value_refusal == NULL;

  /* Targets, by period */
  targets = list_for_department (self, "indicator_target");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (targets)); i++)
    {
      g_autoptr(ZxRecord) t = g_list_model_get_item (G_LIST_MODEL (targets), i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *text = format_value (zx_record_get_double (t, "target"), unit);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zx_record_get_string (t, "period"));
      gtk_label_set_label (GTK_LABEL (value), text);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      for (GtkWidget *b = edit; b != NULL; b = b == edit ? remove : NULL)
        {
          gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (b, "flat");
          g_object_set_data_full (G_OBJECT (b), "target-id", g_strdup (zx_record_get_id (t)), g_free);
          gtk_widget_set_sensitive (b, may_target);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
        }
      gtk_widget_set_tooltip_text (edit, _("Change the target"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Change the target"), -1);
      gtk_widget_set_tooltip_text (remove, _("Remove the target"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the target"), -1);
      g_signal_connect_swapped (edit, "clicked", G_CALLBACK (target_clicked_cb), self);
      g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_target_clicked_cb), self);
      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->target_rows, row);
    }
  if (self->target_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No target for this department yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->targets_group, row);
      g_ptr_array_add (self->target_rows, row);
    }

  /* Values: the chart in month order, the list newest first */
  values = list_for_department (self, "indicator_value");
  g_list_store_sort (values, compare_month, NULL);
  refresh_chart (self, G_LIST_MODEL (values), unit);
  for (guint k = g_list_model_get_n_items (G_LIST_MODEL (values)); k > 0; k--)
    {
      g_autoptr(ZxRecord) v = g_list_model_get_item (G_LIST_MODEL (values), k - 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);
      GtkWidget *correct = gtk_button_new_with_mnemonic (_("_Correct…"));
      g_autofree char *text = format_value (zx_record_get_double (v, "value"), unit);
      gboolean manual = g_strcmp0 (zx_record_get_string (v, "source"), "manual") == 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zx_record_get_string (v, "month"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), manual ? _("Corrected by hand") : _("Imported"));
      gtk_label_set_label (GTK_LABEL (value), text);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_widget_set_valign (correct, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (correct, "flat");
      g_object_set_data_full (G_OBJECT (correct), "value-id", g_strdup (zx_record_get_id (v)), g_free);
      g_object_set_data_full (G_OBJECT (correct), "month", g_strdup (zx_record_get_string (v, "month")), g_free);
      gtk_widget_set_sensitive (correct, may_correct);
      gtk_widget_set_tooltip_text (correct, may_correct ? _("Correct the value; the reason is kept in the audit log")
                                                        : value_refusal);
      g_signal_connect_swapped (correct, "clicked", G_CALLBACK (correct_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), correct);
      adw_preferences_group_add (self->values_group, row);
      g_ptr_array_add (self->value_rows, row);
    }
}

static void
refresh (ZxIndicatorsPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;
  self->updating = TRUE;
  fill_filters (self);
  fill_departments (self);
  self->updating = FALSE;
  refresh_list (self);
  refresh_detail (self);
  zx_empowerment_allow (GTK_WIDGET (self->add_button), self->context, "indicator", NULL, _("Add an indicator of the hospital's own"));
  zx_empowerment_allow (GTK_WIDGET (self->load_button), self->context, "indicator", NULL,
                        _("Add the shipped indicators that are missing"));
  zx_empowerment_allow (GTK_WIDGET (self->import_button), self->context, "indicator_value", NULL,
                        _("Import monthly values from a CSV file exported by the hospital information system"));
  if (self->importing)
    gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
}

static gboolean
refresh_idle (gpointer data)
{
  ZxIndicatorsPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ZxIndicatorsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
store_changed_cb (ZxIndicatorsPage *self,
                  const char       *entity,
                  const char       *id)
{
  if (g_str_has_prefix (entity, "indicator") || g_str_equal (entity, "department"))
    queue_refresh (self);
}

static void
follow_store (ZxIndicatorsPage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "reloaded", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
    }
  queue_refresh (self);
}

/* Callbacks -------------------------------------------------------------------- */

static void
filter_changed_cb (ZxIndicatorsPage *self)
{
  if (self->updating || self->store == NULL)
    return;
  refresh_list (self);
}

static void
row_selected_cb (ZxIndicatorsPage *self,
                 GtkListBoxRow    *row)
{
  if (self->updating || row == NULL)
    return;
  g_free (self->indicator_id);
  self->indicator_id = g_strdup (g_object_get_data (G_OBJECT (row), "indicator-id"));
  refresh_detail (self);
}

static void
department_changed_cb (ZxIndicatorsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->department_dropdown);

  if (self->updating || selected >= self->department_ids->len)
    return;
  g_free (self->department_id);
  self->department_id = g_strdup (g_ptr_array_index (self->department_ids, selected));
  refresh_detail (self);
}

static void
add_clicked_cb (ZxIndicatorsPage *self)
{
  GtkWidget *editor = zx_indicator_editor_new (self->context, NULL);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_clicked_cb (ZxIndicatorsPage *self)
{
  g_autoptr(ZxRecord) indicator = selected_indicator (self);
  GtkWidget *editor;

  if (indicator == NULL)
    return;
  editor = zx_indicator_editor_new (self->context, indicator);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
retire_clicked_cb (ZxIndicatorsPage *self)
{
  g_autoptr(ZxRecord) indicator = selected_indicator (self);
  g_autoptr(GError) error = NULL;
  gboolean retire;

  if (indicator == NULL)
    return;
  retire = !zx_record_get_bool (indicator, "retired");
  if (!zx_indicator_set_retired (self->store, self->indicator_id, retire, &error))
    {
      toast (self, error->message);
      return;
    }
  /* A retired indicator stays listed (and selected) until the filter changes */
  if (retire && !gtk_check_button_get_active (self->retired_check))
    toast (self, _("Retired: shown again with “Show retired”"));
}

static void
load_clicked_cb (ZxIndicatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint added = 0;

  if (!zx_indicators_load_library (self->store, &added, &error))
    {
      toast (self, error->message);
      return;
    }
  if (added == 0)
    text = g_strdup (_("Every shipped indicator is already in the library"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator added", "%u indicators added", added), added);
  toast (self, text);
}

/* A small dialog with labelled entries; returns the box to fill */
static AdwMessageDialog *
entry_dialog (ZxIndicatorsPage *self,
              const char       *heading,
              const char       *body,
              const char       *action)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                                         heading, body));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", action, NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static GtkEntry *
dialog_entry (AdwMessageDialog *dialog,
              const char       *label,
              const char       *text,
              const char       *name)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_name (entry, name);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), entry);
  g_object_set_data (G_OBJECT (dialog), name, entry);
  return GTK_ENTRY (entry);
}

static const char *
entry_text (AdwMessageDialog *dialog,
            const char       *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (dialog), name)));
}

/* Correcting a value ------------------------------------------------------------ */

static void
correct_validate (AdwMessageDialog *dialog)
{
  double v;
  g_autofree char *reason = g_strstrip (g_strdup (entry_text (dialog, "reason")));

  adw_message_dialog_set_response_enabled (dialog, "ok", parse_number (entry_text (dialog, "value"), &v) && *reason != '\0');
}

static void
correct_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ZxIndicatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  double v;

  if (!g_str_equal (response, "ok") || !parse_number (entry_text (dialog, "value"), &v))
    return;
  if (!zx_indicator_value_correct (self->store, g_object_get_data (G_OBJECT (dialog), "value-id"), v,
                                   entry_text (dialog, "reason"), &error))
    toast (self, error->message);
  else
    toast (self, _("Value corrected; the change is in the audit log"));
}

static void
correct_clicked_cb (ZxIndicatorsPage *self,
                    GtkButton        *button)
{
  const char *value_id = g_object_get_data (G_OBJECT (button), "value-id");
  g_autoptr(JsonObject) row = zx_store_get (self->store, "indicator_value", value_id, NULL);
  g_autofree char *body = NULL;
  g_autofree char *current = NULL;
  AdwMessageDialog *dialog;
  GtkEntry *entry;

  if (row == NULL)
    return;
  current = format_value (json_object_get_double_member (row, "value"), NULL);
  /* Translators: the indicator and the month of a value being corrected */
  body = g_strdup_printf (_("%s in %s. The old value, the new one and the reason are kept in the audit log."),
                          gtk_label_get_label (self->title_label), (char *) g_object_get_data (G_OBJECT (button), "month"));
  dialog = entry_dialog (self, _("Correct Value"), body, _("C_orrect"));
  g_object_set_data_full (G_OBJECT (dialog), "value-id", g_strdup (value_id), g_free);
  entry = dialog_entry (dialog, _("_Value"), current, "value");
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (correct_validate), dialog);
  entry = dialog_entry (dialog, _("_Reason"), NULL, "reason");
  gtk_entry_set_placeholder_text (entry, _("Required, e.g. transfers were not counted"));
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (correct_validate), dialog);
  correct_validate (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correct_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

/* Targets ---------------------------------------------------------------------- */

static gboolean
period_is_valid (const char *p)
{
  g_autofree char *s = g_strstrip (g_strdup (p));
  gsize n = strlen (s);

  if (n < 4 || strspn (s, "0123456789") < 4)
    return FALSE;
  if (n == 4)
    return TRUE;
  if (n == 7 && s[4] == '-' && s[5] == 'Q')
    return s[6] >= '1' && s[6] <= '4';
  if (n == 7 && s[4] == '-' && g_ascii_isdigit (s[5]) && g_ascii_isdigit (s[6]))
    return atoi (s + 5) >= 1 && atoi (s + 5) <= 12;
  return FALSE;
}

static void
target_validate (AdwMessageDialog *dialog)
{
  double v;

  adw_message_dialog_set_response_enabled (dialog, "ok", parse_number (entry_text (dialog, "target"), &v) &&
                                                         period_is_valid (entry_text (dialog, "period")));
}

static void
target_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZxIndicatorsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *period = NULL;
  const char *target_id = g_object_get_data (G_OBJECT (dialog), "target-id");
  double v;
  gboolean ok;

  if (!g_str_equal (response, "ok") || !parse_number (entry_text (dialog, "target"), &v))
    return;
  period = g_strstrip (g_strdup (entry_text (dialog, "period")));
  json_object_set_string_member (fields, "period", period);
  json_object_set_double_member (fields, "target", v);
  if (target_id != NULL)
    ok = zx_store_update (self->store, "indicator_target", target_id, fields, &error);
  else
    {
      g_autofree char *id = NULL;

      json_object_set_string_member (fields, "indicator_id", self->indicator_id);
      if (self->department_id != NULL)
        json_object_set_string_member (fields, "department_id", self->department_id);
      else
        json_object_set_null_member (fields, "department_id");
      id = zx_store_create (self->store, "indicator_target", fields, &error);
      ok = id != NULL;
    }
  if (!ok)
    toast (self, error->message);
}

static void
open_target_dialog (ZxIndicatorsPage *self,
                    const char       *target_id)
{
  g_autoptr(JsonObject) row = target_id != NULL ? zx_store_get (self->store, "indicator_target", target_id, NULL) : NULL;
  g_autofree char *now = zx_store_now (self->store);
  g_autofree char *year = g_strndup (now, 4);
  g_autofree char *value = row != NULL ? format_value (json_object_get_double_member (row, "target"), NULL) : NULL;
  AdwMessageDialog *dialog;
  GtkEntry *entry;

  dialog = entry_dialog (self, row != NULL ? _("Change Target") : _("Add Target"),
                         _("A target holds for a year (2026), a quarter (2026-Q2) or a month (2026-05); the most specific one applies."),
                         row != NULL ? _("_Save") : _("_Add"));
  if (target_id != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "target-id", g_strdup (target_id), g_free);
  entry = dialog_entry (dialog, _("_Period"), row != NULL ? json_object_get_string_member (row, "period") : year, "period");
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (target_validate), dialog);
  entry = dialog_entry (dialog, _("_Target"), value, "target");
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (target_validate), dialog);
  target_validate (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (target_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static void
add_target_clicked_cb (ZxIndicatorsPage *self)
{
  open_target_dialog (self, NULL);
}

static void
target_clicked_cb (ZxIndicatorsPage *self,
                   GtkButton        *button)
{
  open_target_dialog (self, g_object_get_data (G_OBJECT (button), "target-id"));
}

static void
remove_target_clicked_cb (ZxIndicatorsPage *self,
                          GtkButton        *button)
{
  g_autoptr(GError) error = NULL;

  if (!zx_store_delete (self->store, "indicator_target", g_object_get_data (G_OBJECT (button), "target-id"), &error))
    toast (self, error->message);
}

/* The import -------------------------------------------------------------------- */

typedef struct
{
  ZxIndicatorsPage  *self;
  char              *path;
  char              *db_path;
  char              *actor;
  ZxIndicatorImport *import;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->self);
  g_free (job->path);
  g_free (job->db_path);
  g_free (job->actor);
  zx_indicator_import_free (job->import);
  g_free (job);
}

typedef struct
{
  ZxIndicatorsPage *self;
  double            fraction;
} ProgressUpdate;

static gboolean
progress_main (gpointer data)
{
  ProgressUpdate *u = data;

  gtk_progress_bar_set_fraction (u->self->import_progress, u->fraction);
  g_object_unref (u->self);
  g_free (u);
  return G_SOURCE_REMOVE;
}

static void
progress_worker (double   fraction,
                 gpointer data)
{
  ProgressUpdate *u = g_new0 (ProgressUpdate, 1);

  u->self = g_object_ref (data);
  u->fraction = fraction;
  g_main_context_invoke (NULL, progress_main, u);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (job->db_path, &error);

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->actor != NULL)
    zx_store_set_actor (store, job->actor);
  if (!zx_indicator_import_apply (store, job->import, progress_worker, job->self, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_finished (ZxIndicatorsPage *self,
                 guint             n_rows,
                 GError           *error)
{
  self->importing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->import_progress), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  if (error != NULL)
    toast (self, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value imported", "%u values imported", n_rows),
                                               n_rows);
      toast (self, text);
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ZxIndicatorsPage *self = ZX_INDICATORS_PAGE (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (self->store != NULL && error == NULL)
    zx_store_notify_reloaded (self->store);
  import_finished (self, job->import->rows->len, error);
}

static void
run_import (ZxIndicatorsPage  *self,
            ZxIndicatorImport *import)
{
  self->importing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);

  if (import->rows->len <= THREAD_ROWS)
    {
      g_autoptr(GError) error = NULL;

      zx_indicator_import_apply (self->store, import, NULL, NULL, NULL, &error);
      import_finished (self, import->rows->len, error);
      zx_indicator_import_free (import);
      return;
    }
  else
    {
      ImportJob *job = g_new0 (ImportJob, 1);
      g_autoptr(GTask) task = g_task_new (self, NULL, import_done_cb, NULL);

      job->self = g_object_ref (self);
      job->db_path = g_strdup (zx_store_get_path (self->store));
      job->actor = g_strdup (zx_store_get_actor (self->store));
      job->import = import;
      gtk_progress_bar_set_fraction (self->import_progress, 0);
      gtk_progress_bar_set_text (self->import_progress, _("Importing values…"));
      gtk_widget_set_visible (GTK_WIDGET (self->import_progress), TRUE);
      g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
      g_task_run_in_thread (task, import_thread);
    }
}

static void fill_preview (AdwMessageDialog *dialog);

static void
preview_replace_cb (GtkCheckButton   *check,
                    AdwMessageDialog *dialog)
{
  fill_preview (dialog);
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ZxIndicatorsPage *self)
{
  ZxIndicatorImport *import = g_object_steal_data (G_OBJECT (dialog), "import");

  if (g_str_equal (response, "import") && import != NULL && import->errors->len == 0)
    run_import (self, import);
  else
    zx_indicator_import_free (import);
}

static GtkWidget *
preview_row (const char *text,
             gboolean    error)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  if (error)
    gtk_widget_add_css_class (label, "error");
  return label;
}

/* (Re)checks the file and lists its rows and bad lines */
static void
fill_preview (AdwMessageDialog *dialog)
{
  ZxIndicatorsPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  GBytes *bytes = g_object_get_data (G_OBJECT (dialog), "bytes");
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "list");
  GtkCheckButton *replace = g_object_get_data (G_OBJECT (dialog), "replace");
  g_autoptr(GError) error = NULL;
  ZxIndicatorImport *import;
  GtkWidget *child;
  g_autofree char *body = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  import = zx_indicator_import_check (self->store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      gtk_check_button_get_active (replace), &error);
  if (import == NULL)
    {
      adw_message_dialog_set_body (dialog, error->message);
      adw_message_dialog_set_response_enabled (dialog, "import", FALSE);
      g_object_set_data (G_OBJECT (dialog), "import", NULL);
      return;
    }
  g_object_set_data_full (G_OBJECT (dialog), "import", import, (GDestroyNotify) zx_indicator_import_free);

  for (guint i = 0; i < import->errors->len; i++)
    {
      ZxIndicatorImportError *e = g_ptr_array_index (import->errors, i);

      gtk_list_box_append (list, preview_row (e->message, TRUE));
    }
  for (guint i = 0; i < MIN (import->rows->len, PREVIEW_ROWS); i++)
    {
      ZxIndicatorImportRow *r = g_ptr_array_index (import->rows, i);
      g_autofree char *value = format_value (r->value, NULL);
      g_autofree char *old = r->existing_id != NULL ? format_value (r->existing_value, NULL) : NULL;
      g_autofree char *replaces = old != NULL ? g_strdup_printf (_(" (replaces %s)"), old) : NULL;
      /* Translators: a row to import: line, indicator code and name, department, month, value */
      g_autofree char *text = g_strdup_printf (_("Line %u: %s %s · %s · %s · %s%s"), r->line, r->indicator_code, r->indicator_name,
                                               r->department_name != NULL ? r->department_name : _("Whole hospital"),
                                               r->month, value, replaces != NULL ? replaces : "");

      gtk_list_box_append (list, preview_row (text, FALSE));
    }
  if (import->rows->len > PREVIEW_ROWS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more row", "… and %u more rows",
                                                            import->rows->len - PREVIEW_ROWS),
                                               import->rows->len - PREVIEW_ROWS);

      gtk_list_box_append (list, preview_row (more, FALSE));
    }

  if (import->errors->len > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u bad line. Nothing is imported until the file is corrected; the lines are listed below.",
                                         "%u bad lines. Nothing is imported until the file is corrected; the lines are listed below.",
                                         import->errors->len), import->errors->len);
  else if (import->rows->len == 0)
    body = g_strdup (_("The file holds no values."));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u value to import, all or none.",
                                         "%u values to import, all or none.", import->rows->len), import->rows->len);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_enabled (dialog, "import", import->errors->len == 0 && import->rows->len > 0);
}

static void
show_preview (ZxIndicatorsPage *self,
              GBytes           *bytes,
              const char       *name)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *replace = gtk_check_button_new_with_mnemonic (_("_Replace stored months"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *heading = g_strdup_printf (_("Import “%s”"), name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, NULL));
  gtk_widget_set_size_request (GTK_WIDGET (dialog), 640, -1);
  gtk_widget_set_tooltip_text (replace, _("Overwrite the values already stored for the same indicator, department and month"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_box_append (GTK_BOX (box), replace);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "bytes", g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (dialog), "list", list);
  g_object_set_data (G_OBJECT (dialog), "replace", replace);
  g_signal_connect (replace, "toggled", G_CALLBACK (preview_replace_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (preview_response_cb), self, 0);
  fill_preview (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_chosen_cb (GtkNativeDialog  *chooser,
                int               response,
                ZxIndicatorsPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    zx_indicators_page_import_file (self, file);
}

void
zx_indicators_page_import_file (ZxIndicatorsPage *self,
                                GFile            *file)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (ZX_IS_INDICATORS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      toast (self, error->message);
      return;
    }
  name = g_file_get_basename (file);
  show_preview (self, bytes, name);
}

static void
import_clicked_cb (ZxIndicatorsPage *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Monthly Values"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The object -------------------------------------------------------------------- */

static void
zx_indicators_page_constructed (GObject *object)
{
  ZxIndicatorsPage *self = ZX_INDICATORS_PAGE (object);

  G_OBJECT_CLASS (zx_indicators_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
  refresh (self);
}

static void
zx_indicators_page_dispose (GObject *object)
{
  ZxIndicatorsPage *self = ZX_INDICATORS_PAGE (object);

  self->updating = TRUE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_INDICATORS_PAGE);
  G_OBJECT_CLASS (zx_indicators_page_parent_class)->dispose (object);
}

static void
zx_indicators_page_finalize (GObject *object)
{
  ZxIndicatorsPage *self = ZX_INDICATORS_PAGE (object);

  g_free (self->indicator_id);
  g_free (self->department_id);
  g_strfreev (self->dimensions);
  g_ptr_array_unref (self->department_ids);
  g_ptr_array_unref (self->target_rows);
  g_ptr_array_unref (self->value_rows);
  G_OBJECT_CLASS (zx_indicators_page_parent_class)->finalize (object);
}

static void
zx_indicators_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ZxIndicatorsPage *self = ZX_INDICATORS_PAGE (object);

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
zx_indicators_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ZxIndicatorsPage *self = ZX_INDICATORS_PAGE (object);

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
zx_indicators_page_class_init (ZxIndicatorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_indicators_page_constructed;
  object_class->dispose = zx_indicators_page_dispose;
  object_class->finalize = zx_indicators_page_finalize;
  object_class->get_property = zx_indicators_page_get_property;
  object_class->set_property = zx_indicators_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/evaluation/zx-indicators-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, dimension_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, retired_check);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, load_button);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, indicator_list);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, retire_button);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, definition_label);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, department_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, targets_group);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, add_target_button);
  gtk_widget_class_bind_template_child (widget_class, ZxIndicatorsPage, values_group);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, department_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retire_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_target_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, load_clicked_cb);
}

static void
zx_indicators_page_init (ZxIndicatorsPage *self)
{
  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  self->target_rows = g_ptr_array_new ();
  self->value_rows = g_ptr_array_new ();
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chart = zx_line_chart_new ();
  gtk_widget_set_vexpand (self->chart, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Monthly values against the target"), -1);
  gtk_box_append (self->chart_box, self->chart);
  self->updating = FALSE;
}

GtkWidget *
zx_indicators_page_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_INDICATORS_PAGE, "context", context, NULL);
}

void
zx_indicators_page_select (ZxIndicatorsPage *self,
                           const char       *indicator_id,
                           const char       *department_id)
{
  g_return_if_fail (ZX_IS_INDICATORS_PAGE (self));

  g_free (self->indicator_id);
  self->indicator_id = g_strdup (indicator_id);
  g_free (self->department_id);
  self->department_id = g_strdup (department_id);
  refresh (self);
}
