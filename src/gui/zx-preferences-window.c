/* zx-preferences-window.c — the Preferences window
 *
 * The early-warning thresholds of the OKR area and the weekly review, and
 * the user's department on the collaboration board with its reminders and
 * automatic supervision.  Every row is bound to its GSettings key, so a
 * change applies at once and a change made elsewhere shows here; the spin
 * buttons take their ranges from the schema.  The department row lists
 * the store's live departments and follows the store.
 *
 * The Server page signs in to the hospital's server (the address is
 * checked before anything is saved; the token goes to the keyring),
 * shows the account and the sync state, and syncs on demand.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-conflicts-dialog.h"
#include "zx-fund.h"
#include "zx-preferences-window.h"
#include "zx-sync-client.h"
#include "zx-sync-service.h"

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
  GtkSpinButton *fund_head_spin;
  GtkSpinButton *fund_finance_spin;
  AdwActionRow  *fund_apply_row;
  GtkButton     *fund_apply_button;

  /* Server */
  ZxSyncService       *sync;
  GCancellable        *signin_cancellable;
  AdwPreferencesGroup *signin_group;
  AdwEntryRow         *server_row;
  AdwEntryRow         *user_row;
  AdwEntryRow         *password_row;
  GtkLabel            *signin_error;
  GtkSpinner          *signin_spinner;
  GtkButton           *signin_button;
  AdwPreferencesGroup *account_group;
  AdwActionRow        *account_row;
  AdwActionRow        *role_row;
  AdwActionRow        *account_department_row;
  GtkButton           *signout_button;
  AdwPreferencesGroup *sync_group;
  AdwActionRow        *status_row;
  GtkImage            *status_image;
  GtkSpinner          *sync_spinner;
  GtkButton           *sync_button;
  AdwActionRow        *conflicts_row;
  GtkSpinButton       *interval_spin;
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

/* The fund's limits: hospital-wide setting rows, the admin's when signed in */

static void
load_fund_limits (ZxPreferencesWindow *self)
{
  double x, y;

  zx_fund_get_thresholds (zx_context_get_store (self->context), &x, &y);
  gtk_spin_button_set_value (self->fund_head_spin, x);
  gtk_spin_button_set_value (self->fund_finance_spin, y);
}

static void
update_fund_access (ZxPreferencesWindow *self)
{
  g_autofree char *role = g_settings_get_string (self->settings, "account-role");
  gboolean may = *role == '\0' || g_str_equal (role, "admin");

  gtk_widget_set_sensitive (GTK_WIDGET (self->fund_head_spin), may);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fund_finance_spin), may);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fund_apply_button), may);
  adw_action_row_set_subtitle (self->fund_apply_row,
                               may ? _("Applies to proposals from their next decision on")
                                   : _("Only the IT department’s administrator may change them"));
}

static void
fund_apply_clicked_cb (ZxPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  gtk_spin_button_update (self->fund_head_spin);
  gtk_spin_button_update (self->fund_finance_spin);
  if (!zx_fund_set_thresholds (zx_context_get_store (self->context),
                               gtk_spin_button_get_value (self->fund_head_spin),
                               gtk_spin_button_get_value (self->fund_finance_spin), &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_action_row_set_subtitle (self->fund_apply_row, escaped);
      return;
    }
  update_fund_access (self);
}

static void
store_changed_cb (ZxPreferencesWindow *self,
                  const char          *entity,
                  const char          *id,
                  ZxStore             *store)
{
  if (g_strcmp0 (entity, "department") == 0)
    fill_departments (self);
  if (g_strcmp0 (entity, "setting") == 0)
    load_fund_limits (self);
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
  load_fund_limits (self);
}

/* Server ----------------------------------------------------------------------- */

static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_action_row_set_subtitle (row, escaped);
}

static gboolean
signing_in (ZxPreferencesWindow *self)
{
  return self->signin_cancellable != NULL;
}

static void
update_signin_button (ZxPreferencesWindow *self)
{
  gboolean filled = *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) != '\0' &&
                    *gtk_editable_get_text (GTK_EDITABLE (self->user_row)) != '\0' &&
                    *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->signin_button),
                            filled && !signing_in (self) && zx_sync_service_get_can_sync (self->sync));
}

static void
update_server (ZxPreferencesWindow *self)
{
  ZxSyncState state = zx_sync_service_get_state (self->sync);
  const char *user = zx_sync_service_get_user (self->sync);
  const char *url = zx_sync_service_get_url (self->sync);
  const char *bound = zx_sync_service_get_bound_server (self->sync);
  const char *message = zx_sync_service_get_message (self->sync);
  gboolean can_sync = zx_sync_service_get_can_sync (self->sync);
  gboolean signin = state == ZX_SYNC_STATE_NOT_CONFIGURED || state == ZX_SYNC_STATE_SIGN_IN_NEEDED;
  gboolean syncing = state == ZX_SYNC_STATE_SYNCING;
  const char *description;
  g_autofree char *status = zx_sync_service_describe (self->sync);
  g_autofree char *last = zx_sync_service_describe_last (self->sync);
  guint conflicts = zx_sync_service_get_conflicts (self->sync);
  guint refusals = zx_sync_service_get_refusals (self->sync);

  /* Sign in: what it will do to this computer's data, said before */
  if (!can_sync)
    description = _("The demo hospital stays on this computer and is never synced. Open your hospital’s database to sign in.");
  else if (state == ZX_SYNC_STATE_SIGN_IN_NEEDED)
    description = message != NULL ? message
                                  : _("Enter your password again to sync. Your changes are kept until then.");
  else if (bound != NULL)
    description = _("This database was synced with another server. Signing in here replaces its data with this server’s; a copy of it is kept first.");
  else
    description = _("Ask your IT department for the address and your account. "
                    "When you sign in for the first time, the data on this computer is replaced by the hospital’s data from the server; "
                    "a copy of it is kept first, and you are told where.");
  adw_preferences_group_set_description (self->signin_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->signin_group), signin);
  /* Not insensitive while signing in: the focus stays where it is */
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), can_sync);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), can_sync);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), can_sync);
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !signing_in (self));
  gtk_editable_set_editable (GTK_EDITABLE (self->user_row), !signing_in (self));
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !signing_in (self));
  gtk_widget_set_visible (GTK_WIDGET (self->signin_spinner), signing_in (self));
  gtk_spinner_set_spinning (self->signin_spinner, signing_in (self));
  update_signin_button (self);

  /* The account */
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), user != NULL);
  if (user != NULL)
    {
      g_autofree char *role = g_settings_get_string (self->settings, "account-role");
      g_autofree char *department = g_settings_get_string (self->settings, "account-department");
      g_autofree char *department_name = NULL;
      /* Translators: a user name and a server address: “zhangsan at https://zhixing.example.org” */
      g_autofree char *who = g_strdup_printf (_("%s at %s"), user, url != NULL ? url : "");

      set_row_subtitle (self->account_row, who);
      set_row_subtitle (self->role_row, *role != '\0' ? zx_sync_role_label (role) : _("Unknown"));
      if (*department != '\0')
        department_name = zx_store_get_display (self->store, "department", department);
      set_row_subtitle (self->account_department_row,
                        department_name != NULL ? department_name
                        : *department != '\0' ? department
                        /* Translators: an account that belongs to no department */
                        : C_("department", "None"));
    }

  /* Sync */
  gtk_widget_set_visible (GTK_WIDGET (self->sync_group), !signin);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), status);
  gtk_image_set_from_icon_name (self->status_image, zx_sync_service_get_icon_name (self->sync));
  if (syncing && zx_sync_service_get_progress (self->sync) != NULL)
    set_row_subtitle (self->status_row, zx_sync_service_get_progress (self->sync));
  else if (state == ZX_SYNC_STATE_OFFLINE && message != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", message, last);

      set_row_subtitle (self->status_row, text);
    }
  else
    set_row_subtitle (self->status_row, last);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), !syncing);

  if (conflicts + refusals == 0)
    set_row_subtitle (self->conflicts_row, _("None"));
  else
    {
      /* Translators: the two halves of “2 conflicts, 1 refused change” */
      g_autofree char *c = g_strdup_printf (ngettext ("%u conflict", "%u conflicts", conflicts), conflicts);
      g_autofree char *r = g_strdup_printf (ngettext ("%u refused change", "%u refused changes", refusals), refusals);
      g_autofree char *text = g_strdup_printf (_("%s, %s"), c, r);

      set_row_subtitle (self->conflicts_row, text);
    }
}

static void
fill_signin (ZxPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");
  g_autofree char *user = g_settings_get_string (self->settings, "server-user");

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
}

static void
signin_changed_cb (ZxPreferencesWindow *self)
{
  if (self->sync == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->signin_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  update_signin_button (self);
}

static void
signin_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZxPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!zx_sync_service_sign_in_finish (ZX_SYNC_SERVICE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->signin_cancellable);
  if (error != NULL)
    {
      gtk_label_set_label (self->signin_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->signin_error), TRUE);
      if (g_error_matches (error, ZX_SYNC_ERROR, ZX_SYNC_ERROR_INVALID) &&
          *gtk_editable_get_text (GTK_EDITABLE (self->user_row)) != '\0' &&
          *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0')
        gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      update_server (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    {
      /* Translators: %s is the user name */
      g_autofree char *text = g_strdup_printf (_("Signed in as %s"), zx_sync_service_get_user (self->sync));

      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      update_server (self);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      gtk_widget_grab_focus (GTK_WIDGET (self->sync_button));
    }
}

static void
signin_clicked_cb (ZxPreferencesWindow *self)
{
  if (signing_in (self) || !gtk_widget_get_sensitive (GTK_WIDGET (self->signin_button)))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->signin_error), FALSE);
  self->signin_cancellable = g_cancellable_new ();
  zx_sync_service_sign_in_async (self->sync,
                                 gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                 self->signin_cancellable, signin_done, g_object_ref (self));
  update_server (self);
}

static void
signin_activated_cb (ZxPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  /* Enter moves on to the next empty entry, and signs in from the last */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    signin_clicked_cb (self);
}

static void
signout_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     ZxPreferencesWindow *self)
{
  if (g_strcmp0 (response, "sign-out") != 0)
    return;
  zx_sync_service_sign_out (self->sync);
  fill_signin (self);
  update_server (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
}

static void
signout_clicked_cb (ZxPreferencesWindow *self)
{
  AdwMessageDialog *dialog;
  gint64 pending = zx_sync_service_get_pending (self->sync);
  g_autofree char *body = NULL;

  if (pending > 0)
    /* Translators: %d is how many changes have not been sent to the server */
    body = g_strdup_printf (ngettext ("%d change made here has not been sent yet. It stays on this computer and is sent when you sign in again.",
                                      "%d changes made here have not been sent yet. They stay on this computer and are sent when you sign in again.",
                                      (gulong) MIN (pending, G_MAXINT)),
                            (int) MIN (pending, G_MAXINT));
  else
    body = g_strdup (_("This computer stops syncing until you sign in again. Its data stays here."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("Sign _Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (signout_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_clicked_cb (ZxPreferencesWindow *self)
{
  zx_sync_service_sync_now (self->sync);
}

static void
conflicts_activated_cb (ZxPreferencesWindow *self)
{
  zx_conflicts_dialog_show (GTK_WINDOW (self), self->context);
}

static void
setup_server (ZxPreferencesWindow *self)
{
  self->sync = g_object_ref (zx_context_get_sync_service (self->context));
  g_signal_connect_object (self->sync, "notify", G_CALLBACK (update_server), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::account-role", G_CALLBACK (update_server), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::account-department", G_CALLBACK (update_server), self, G_CONNECT_SWAPPED);
  bind_spin (self, self->interval_spin, "sync-interval");
  fill_signin (self);
  update_server (self);
}

void
zx_preferences_window_show_server (ZxPreferencesWindow *self)
{
  g_return_if_fail (ZX_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "server");
  if (!gtk_widget_get_visible (GTK_WIDGET (self->signin_group)))
    gtk_widget_grab_focus (GTK_WIDGET (self->sync_button));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
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
  g_signal_connect_object (self->settings, "changed::account-role",
                           G_CALLBACK (update_fund_access), self, G_CONNECT_SWAPPED);
  update_fund_access (self);
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
  setup_server (self);
}

static void
zx_preferences_window_dispose (GObject *object)
{
  ZxPreferencesWindow *self = ZX_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->signin_cancellable);
  g_clear_object (&self->signin_cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
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
      g_settings_unbind (self->interval_spin, "value");
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
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, fund_head_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, fund_finance_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, fund_apply_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, fund_apply_button);
  gtk_widget_class_bind_template_callback (widget_class, fund_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, department_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, signin_group);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, signin_error);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, signin_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, signin_button);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, account_department_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, signout_button);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, sync_group);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, status_image);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, conflicts_row);
  gtk_widget_class_bind_template_child (widget_class, ZxPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_callback (widget_class, signin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, signin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, signin_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, signout_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflicts_activated_cb);
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
