/* zx-preferences-window.c — the Preferences window
 *
 * The early-warning thresholds of the OKR area and the weekly review, and
 * the user's department on the collaboration board with its reminders and
 * automatic supervision.  Every row is bound to its GSettings key, so a
 * change applies at once and a change made elsewhere shows here; the spin
 * buttons take their ranges from the schema.  The department row lists
 * the store's live departments and follows the store.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-preferences-window.h"

/* warn-behind-pace-margin is a fraction; its row shows percentage points */
#define MARGIN_SCALE 100.0

struct _ZxPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  ZxContext     *context;
  ZxStore       *store;          /* the one whose signals we follow */
  GSettings     *settings;
  GPtrArray     *department_ids; /* of the department row's items after “None” */
  gboolean       updating;

  /* Template widgets */
  GtkSpinButton *behind_margin_spin;
  GtkSpinButton *stale_days_spin;
  GtkSpinButton *low_confidence_spin;
  GtkSpinButton *decision_owner_spin;
  AdwComboRow   *department_row;
  GtkSpinButton *remind_days_spin;
  GtkSpinButton *auto_supervise_spin;
};

G_DEFINE_FINAL_TYPE (ZxPreferencesWindow, zx_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Spin buttons ----------------------------------------------------------------- */

static double
variant_to_double (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_variant_get_double (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (value);
  g_assert_not_reached ();
}

/* Gives @spin the range of @key in the schema, times @scale */
static void
set_range_from_schema (ZxPreferencesWindow *self,
                       GtkSpinButton       *spin,
                       const char          *key,
                       double               scale)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  g_autoptr(GVariant) min = NULL;
  g_autoptr(GVariant) max = NULL;
  const char *kind = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  /* Every key shown with a spin button has a range in the schema */
  g_assert (g_str_equal (kind, "range"));
  g_variant_get (limits, "(**)", &min, &max);
  gtk_spin_button_set_range (spin, variant_to_double (min) * scale, variant_to_double (max) * scale);
}

/* GSettings → spin button: the fraction as percentage points */
static gboolean
margin_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * MARGIN_SCALE);
  return TRUE;
}

/* Spin button → GSettings */
static GVariant *
margin_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / MARGIN_SCALE);
}

static void
bind_spin (ZxPreferencesWindow *self,
           GtkSpinButton       *spin,
           const char          *key)
{
  set_range_from_schema (self, spin, key, 1);
  g_settings_bind (self->settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
}

/* The department ------------------------------------------------------------- */

/* Selects the setting's department, or “None” when it is empty or not a
 * live department of this store (the setting is left as it is). */
static void
select_setting_department (ZxPreferencesWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "kanban-department");
  guint position = 0;

  for (guint i = 0; i < self->department_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->department_ids, i), id) == 0)
      position = i + 1;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->department_row, position);
  self->updating = FALSE;
}

static void
fill_departments (ZxPreferencesWindow *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (departments));

  g_ptr_array_set_size (self->department_ids, 0);
  /* Translators: the choice of no department as “Your department” in the preferences */
  gtk_string_list_append (names, C_("department", "None"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (departments), i);

      gtk_string_list_append (names, zx_record_get_string (department, "name"));
      g_ptr_array_add (self->department_ids, g_strdup (zx_record_get_id (department)));
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->department_row, G_LIST_MODEL (names));
  self->updating = FALSE;
  select_setting_department (self);
}

static void
department_selected_cb (ZxPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->department_row);
  const char *id = "";

  if (self->updating || position == GTK_INVALID_LIST_POSITION)
    return;
  if (position > 0 && position <= self->department_ids->len)
    id = g_ptr_array_index (self->department_ids, position - 1);
  g_settings_set_string (self->settings, "kanban-department", id);
}

static void
department_setting_changed_cb (ZxPreferencesWindow *self)
{
  select_setting_department (self);
}

static void
store_changed_cb (ZxPreferencesWindow *self,
                  const char          *entity,
                  const char          *id,
                  ZxStore             *store)
{
  if (g_strcmp0 (entity, "department") == 0)
    fill_departments (self);
}

static void
store_reloaded_cb (ZxPreferencesWindow *self,
                   ZxStore             *store)
{
  fill_departments (self);
}

static void
follow_store (ZxPreferencesWindow *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);
  fill_departments (self);
}

/* GObject ---------------------------------------------------------------------- */

static void
zx_preferences_window_constructed (GObject *object)
{
  ZxPreferencesWindow *self = ZX_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (zx_preferences_window_parent_class)->constructed (object);

  g_assert (ZX_IS_CONTEXT (self->context));
  self->settings = g_object_ref (zx_context_get_settings (self->context));

  set_range_from_schema (self, self->behind_margin_spin, "warn-behind-pace-margin", MARGIN_SCALE);
  g_settings_bind_with_mapping (self->settings, "warn-behind-pace-margin",
                                self->behind_margin_spin, "value", G_SETTINGS_BIND_DEFAULT,
                                margin_get_mapping, margin_set_mapping, NULL, NULL);
  bind_spin (self, self->stale_days_spin, "warn-stale-days");
  bind_spin (self, self->low_confidence_spin, "warn-low-confidence");
  bind_spin (self, self->decision_owner_spin, "warn-decision-owner-hours");
  bind_spin (self, self->remind_days_spin, "kanban-remind-days");
  bind_spin (self, self->auto_supervise_spin, "kanban-auto-supervise-days");

  g_signal_connect_object (self->settings, "changed::kanban-department",
                           G_CALLBACK (department_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
}

static void
zx_preferences_window_dispose (GObject *object)
{
  ZxPreferencesWindow *self = ZX_PREFERENCES_WINDOW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->settings != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->settings, self);
      g_settings_unbind (self->behind_margin_spin, "value");
      g_settings_unbind (self->stale_days_spin, "value");
      g_settings_unbind (self->low_confidence_spin, "value");
      g_settings_unbind (self->decision_owner_spin, "value");
      g_settings_unbind (self->remind_days_spin, "value");
      g_settings_unbind (self->auto_supervise_spin, "value");
    }
  g_clear_object (&self->settings);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_preferences_window_parent_class)->dispose (object);
}

static void
zx_preferences_window_finalize (GObject *object)
{
  ZxPreferencesWindow *self = ZX_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->department_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (zx_preferences_window_parent_class)->finalize (object);
}

static void
zx_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ZxPreferencesWindow *self = ZX_PREFERENCES_WINDOW (object);

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
zx_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ZxPreferencesWindow *self = ZX_PREFERENCES_WINDOW (object);

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
zx_preferences_window_class_init (ZxPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_preferences_window_constructed;
  object_class->dispose = zx_preferences_window_dispose;
  object_class->finalize = zx_preferences_window_finalize;
  object_class->get_property = zx_preferences_window_get_property;
  object_class->set_property = zx_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/zx-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, behind_margin_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, stale_days_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, low_confidence_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, decision_owner_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, department_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, remind_days_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, auto_supervise_spin);
  gtk_widget_class_bind_template_callback (widget_class, department_selected_cb);
}

static void
zx_preferences_window_init (ZxPreferencesWindow *self)
{
  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  /* The template connects notify::selected of the department row, which
   * may be emitted while it is built, before there are settings to write */
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
}

GtkWidget *
zx_preferences_window_new (GtkWindow *parent,
                           ZxContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (zx_context_get_settings (context) != NULL, NULL);

  return g_object_new (ZX_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

GtkWidget *
zx_preferences_window_show (GtkWindow *parent,
                            ZxContext *context)
{
  GListModel *toplevels;
  GtkWidget *window = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  toplevels = gtk_window_get_toplevels (); /* transfer none */
  for (guint i = 0; window == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ZX_IS_PREFERENCES_WINDOW (toplevel) &&
          gtk_window_get_transient_for (toplevel) == parent)
        window = GTK_WIDGET (toplevel);
    }

  if (window == NULL)
    window = zx_preferences_window_new (parent, context);
  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));
  return window;
}
