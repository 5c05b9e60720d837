/* test-gui-sync.c — sync as a person sees it: Preferences → Server, the
 * header bar's indicator, conflicts and refused changes
 *
 * Starts the real zhixing-server on 127.0.0.1 (port 0) with the demo
 * hospital imported and two accounts, and a real window under Xvfb on a
 * desktop database that holds a demo hospital of its own.  The token goes
 * to libsecret's file backend (SECRET_BACKEND=file) in a temporary folder;
 * GSettings is the memory backend.  The cases run in order, on one window:
 * signing in through the Server page's widgets, syncing, an edit waiting
 * and sent, the server gone (offline, the change kept) and back, a refused
 * change, a conflict settled with Keep Mine, and a revoked token (sign in
 * again, nothing lost).
 *
 * With ZX_TEST_SHOTS=DIR the indicator's popover, the Server page and the
 * conflicts dialog are saved as DIR/sync-*-{light,dark}.png.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "zx-backup.h"
#include "zx-conflicts-dialog.h"
#include "zx-context.h"
#include "zx-demo.h"
#include "zx-preferences-window.h"
#include "zx-record-editor.h"
#include "okr/zx-objective-editor.h"
#include "zx-replica.h"
#include "zx-secret.h"
#include "zx-sync-client.h"
#include "zx-sync-indicator.h"
#include "zx-sync-service.h"
#include "zx-test-gui.h"
#include "zx-test-server.h"
#include "zx-test-util.h"
#include "zx-window.h"

#define TODAY        "2026-05-15"
#define PASSWORD     "correct horse battery staple"
#define NEW_PASSWORD "a new password for the head"
#define WAIT_SECONDS 60

static char *tmpdir;
static ZxTestServer *zts;  /* zts->base: http://127.0.0.1:PORT */
static char *listen_port;   /* the port, to start again on the same one */
static char *dept_a;        /* head-a's department */
static char *dept_b;        /* another one */

static ZxStore *store;
static ZxContext *context;
static ZxSyncService *service;
static ZxWindow *window;
static char *replaced_path; /* from ZxSyncService::replaced */

/* The server ------------------------------------------------------------------ */

/* zhixing-server --database … ARGS…, @input on its standard input */
#define run_cli(input, ...) zx_test_server_cli (zts, (input), NULL, __VA_ARGS__)

static void
server_start (const char *port)
{
  zx_test_server_start_on (zts, port);
  g_free (listen_port);
  listen_port = g_strdup (strrchr (zts->base, ':') + 1);
}

static void
server_stop (void)
{
  zx_test_server_kill (zts);
}

/* Waiting --------------------------------------------------------------------- */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done (at most WAIT_SECONDS) */
#define WAIT_UNTIL(done) G_STMT_START {                                    \
    gint64 deadline_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    guint wake_ = g_timeout_add (50, wake_cb, NULL);                       \
    while (!(done) && g_get_monotonic_time () < deadline_)                 \
      g_main_context_iteration (NULL, TRUE);                               \
    g_source_remove (wake_);                                               \
    if (!(done))                                                           \
      g_error ("timed out waiting for %s (state %d, message %s)", #done,  \
               zx_sync_service_get_state (service),                        \
               zx_sync_service_get_message (service));                     \
  } G_STMT_END

static void
wait_state (ZxSyncState state)
{
  WAIT_UNTIL (zx_sync_service_get_state (service) == state);
  drain ();
}

/* Widgets --------------------------------------------------------------------- */

static ZxSyncIndicator *
indicator (void)
{
  return ZX_SYNC_INDICATOR (template_child (window, ZX_TYPE_WINDOW, "sync_indicator"));
}

static ZxSyncIndicator *
welcome_indicator (void)
{
  return ZX_SYNC_INDICATOR (template_child (window, ZX_TYPE_WINDOW, "welcome_sync_indicator"));
}

static GtkWidget *
indicator_child (const char *name)
{
  return template_child (indicator (), ZX_TYPE_SYNC_INDICATOR, name);
}

/* The indicator says @text, in its tooltip and to screen readers */
static void
assert_indicator (const char *text)
{
  GtkWidget *button = indicator_child ("button");

  g_assert_cmpstr (zx_sync_indicator_get_text (indicator ()), ==, text);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, text);
}

static GtkWidget *
preferences (void)
{
  GtkWidget *window_ = zx_preferences_window_show (GTK_WINDOW (window), context);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window_), "server");
  wait_mapped (window_);
  return window_;
}

static GtkWidget *
pref_child (GtkWidget  *prefs,
            const char *name)
{
  return template_child (prefs, ZX_TYPE_PREFERENCES_WINDOW, name);
}

static void
close_toplevels (GType type)
{
  GtkWidget *w;

  while ((w = find_toplevel (type)) != NULL)
    gtk_window_destroy (GTK_WINDOW (w));
  drain ();
}

/* The first button under @root whose label is @label, or NULL */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = find_button (c, label)) != NULL)
        return found;
    }
  return NULL;
}

/* A label under @root showing @text, or NULL */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0)
        return c;
      if ((found = find_label (c, text)) != NULL)
        return found;
    }
  return NULL;
}

/* The store ------------------------------------------------------------------- */

/* A live objective of @department */
static char *
objective_of (const char *department)
{
  const char *params[] = { department, NULL };
  g_autoptr(GListStore) list = zx_store_list (store, "objective", "department_id = ?", params);
  g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (list), 0);

  g_assert_nonnull (record);
  return g_strdup (zx_record_get_id (record));
}

static void
set_title (const char *id,
           const char *title)
{
  g_autoptr(JsonObject) changes = zx_test_fields ("title", title, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (zx_store_update (store, "objective", id, changes, &error));
  g_assert_no_error (error);
}

static char *
title_of (const char *id)
{
  g_autoptr(JsonObject) row = zx_store_get (store, "objective", id, NULL);

  g_assert_nonnull (row);
  return g_strdup (json_object_get_string_member (row, "title"));
}

static void
replaced_cb (ZxSyncService *s,
             const char    *path,
             gpointer       data)
{
  g_free (replaced_path);
  replaced_path = g_strdup (path);
}

/* The keyring ----------------------------------------------------------------- */

typedef struct
{
  gboolean done;
  char    *token;
} Lookup;

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->token = zx_secret_lookup_token_finish (result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

static char *
keyring_token (void)
{
  Lookup lookup = { 0 };

  zx_secret_lookup_token_async (zts->base, "head-a", NULL, lookup_done, &lookup);
  WAIT_UNTIL (lookup.done);
  return lookup.token;
}

/* Tests ----------------------------------------------------------------------- */

/* Before any sign-in: the indicator is shown, dimmed, and offers to connect */
static void
test_not_connected (void)
{
  GtkWidget *button = indicator_child ("button");

  g_assert_cmpint (zx_sync_service_get_state (service), ==, ZX_SYNC_STATE_NOT_CONFIGURED);
  assert_indicator ("Not connected to a server");
  g_assert_true (gtk_widget_has_css_class (button, "dim-label"));
  g_assert_cmpstr (zx_sync_indicator_get_text (welcome_indicator ()), ==, "Not connected to a server");
  g_assert_false (gtk_widget_get_visible (indicator_child ("sync_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (indicator_child ("setup_button"))), ==,
                   "_Connect to a Server…");

  /* Its button opens Preferences → Server */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (indicator ()), "sync.preferences", NULL));
  drain ();
  {
    GtkWidget *prefs = find_toplevel (ZX_TYPE_PREFERENCES_WINDOW);

    g_assert_nonnull (prefs);
    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)), ==, "server");
    g_assert_true (gtk_widget_get_visible (pref_child (prefs, "signin_group")));
    g_assert_false (gtk_widget_get_visible (pref_child (prefs, "account_group")));
    g_assert_false (gtk_widget_get_visible (pref_child (prefs, "sync_group")));
    /* What a first sign-in does, said before it */
    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (pref_child (prefs, "signin_group"))),
                              "replaced by the hospital’s data"));
  }
  close_toplevels (ZX_TYPE_PREFERENCES_WINDOW);
}

/* A bad address: a clear message, nothing saved, no request */
static void
test_bad_url (void)
{
  GtkWidget *prefs = preferences ();
  GSettings *settings = zx_context_get_settings (context);
  GtkWidget *error_label = pref_child (prefs, "signin_error");
  g_autofree char *url = NULL;

  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "server_row")), "ftp://server/zhixing");
  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "user_row")), "head-a");
  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "password_row")), PASSWORD);
  g_assert_true (gtk_widget_get_sensitive (pref_child (prefs, "signin_button")));
  g_signal_emit_by_name (pref_child (prefs, "signin_button"), "clicked");
  WAIT_UNTIL (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "is not a server address"));
  url = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (url, ==, "");
  g_assert_cmpint (zx_sync_service_get_state (service), ==, ZX_SYNC_STATE_NOT_CONFIGURED);

  /* A wrong password: said plainly, nothing saved */
  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "server_row")), zts->base);
  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "password_row")), "wrong");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (pref_child (prefs, "signin_button"), "clicked");
  WAIT_UNTIL (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, "The user name or password is wrong.");
  g_clear_pointer (&url, g_free);
  url = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (url, ==, "");
  close_toplevels (ZX_TYPE_PREFERENCES_WINDOW);
}

/* Signing in with the page's widgets: the token in the keyring, the
 * account in the settings, a first sync that replaces the local data
 * (with a copy), and the indicator up to date */
static void
test_sign_in (void)
{
  GtkWidget *prefs = preferences ();
  GSettings *settings = zx_context_get_settings (context);
  g_autofree char *role = NULL;
  g_autofree char *department = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "server_row")), zts->base);
  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "user_row")), "head-a");
  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "password_row")), PASSWORD);
  /* Enter in the password signs in */
  g_signal_emit_by_name (pref_child (prefs, "password_row"), "entry-activated");
  drain ();
  g_assert_false (gtk_widget_get_sensitive (pref_child (prefs, "signin_button")));

  wait_state (ZX_SYNC_STATE_UP_TO_DATE);
  assert_indicator ("Up to date");
  g_assert_false (gtk_widget_has_css_class (indicator_child ("button"), "dim-label"));
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 0);
  g_assert_nonnull (zx_sync_service_get_last_synced (service));

  url = g_settings_get_string (settings, "server-url");
  role = g_settings_get_string (settings, "account-role");
  department = g_settings_get_string (settings, "account-department");
  g_assert_cmpstr (url, ==, zts->base);
  g_assert_cmpstr (role, ==, "head");
  g_assert_cmpstr (department, ==, dept_a);
  token = keyring_token ();
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), ==, 43);

  /* The local demo was replaced by the server's data, after a copy */
  g_assert_nonnull (replaced_path);
  g_assert_true (g_file_test (replaced_path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *bound = zx_replica_get_server (store);

    g_assert_cmpstr (bound, ==, zts->base);
  }

  /* The page now shows the account and the sync */
  g_assert_false (gtk_widget_get_visible (pref_child (prefs, "signin_group")));
  g_assert_true (gtk_widget_get_visible (pref_child (prefs, "account_group")));
  g_assert_true (gtk_widget_get_visible (pref_child (prefs, "sync_group")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pref_child (prefs, "role_row"))), ==, "Department head");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (pref_child (prefs, "status_row"))), ==, "Up to date");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pref_child (prefs, "password_row"))), ==, "");
  if (g_getenv ("ZX_TEST_SHOTS") != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (prefs), 700, 720);
      maybe_shot (prefs, "sync-preferences");
    }
  close_toplevels (ZX_TYPE_PREFERENCES_WINDOW);

  g_assert_cmpstr (zx_window_get_visible_page (window), ==, "main");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (indicator ())));
}

/* An edit waits, then goes by itself once edits settle */
static void
test_edit (void)
{
  g_autofree char *id = objective_of (dept_a);

  set_title (id, "Shorter waits at the day-surgery centre");
  drain ();
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 1);
  assert_indicator ("1 change waiting");

  wait_state (ZX_SYNC_STATE_SYNCING);
  wait_state (ZX_SYNC_STATE_UP_TO_DATE);
  assert_indicator ("Up to date");
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 0);
}

/* The server gone: offline, the change kept; back: sent */
static void
test_offline (void)
{
  g_autofree char *id = objective_of (dept_a);
  g_autofree char *port = g_strdup (listen_port);
  g_autofree char *title = NULL;

  server_stop ();
  set_title (id, "Shorter waits, written while the server was down");
  drain ();
  assert_indicator ("1 change waiting");
  zx_sync_service_sync_now (service);
  wait_state (ZX_SYNC_STATE_OFFLINE);
  assert_indicator ("Offline — changes are kept and sent later");
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 1);
  g_assert_nonnull (zx_sync_service_get_message (service));
  title = title_of (id);
  g_assert_cmpstr (title, ==, "Shorter waits, written while the server was down");
  if (g_getenv ("ZX_TEST_SHOTS") != NULL)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (indicator_child ("button")));
      settle ();
      maybe_shot (GTK_WIDGET (window), "sync-offline");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (indicator_child ("button")));
    }

  server_start (port);
  zx_sync_service_sync_now (service);
  wait_state (ZX_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 0);
}

/* A change the account may not make: refused by the server, listed with
 * its reason, dismissed */
static void
test_refused (void)
{
  g_autofree char *id = objective_of (dept_b);
  GtkWidget *dialog;
  GtkWidget *dismiss;

  set_title (id, "Not mine to change");
  zx_sync_service_sync_now (service);
  WAIT_UNTIL (zx_sync_service_get_state (service) == ZX_SYNC_STATE_UP_TO_DATE &&
              zx_sync_service_get_refusals (service) == 1);
  g_assert_true (gtk_widget_get_visible (indicator_child ("refusals_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (indicator_child ("refusals_button"))), ==,
                   "_Refused Change (1)…");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (indicator ()), "sync.conflicts", NULL));
  dialog = opened_editor (ZX_TYPE_CONFLICTS_DIALOG);
  maybe_shot (dialog, "sync-refused");
  dismiss = find_button (dialog, "_Dismiss");
  g_assert_nonnull (dismiss);
  g_signal_emit_by_name (dismiss, "clicked");
  drain ();
  g_assert_cmpuint (zx_sync_service_get_refusals (service), ==, 0);
  g_assert_false (gtk_widget_get_visible (indicator_child ("refusals_button")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (dialog, ZX_TYPE_CONFLICTS_DIALOG, "stack"))),
                   ==, "empty");
  close_toplevels (ZX_TYPE_CONFLICTS_DIALOG);
}

/* Someone else's text kept over yours: both shown with who and when; Keep
 * Mine queues yours again and it is sent */
static void
test_conflict (void)
{
  g_autofree char *id = objective_of (dept_a);
  g_autofree char *staff = NULL;
  g_autofree char *staff_name = NULL;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) conflict = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *dialog;
  GtkWidget *keep_mine;

  {
    g_autoptr(GListStore) people = zx_store_list (store, "staff", NULL, NULL);
    g_autoptr(ZxRecord) person = g_list_model_get_item (G_LIST_MODEL (people), 0);

    staff = g_strdup (zx_record_get_id (person));
    staff_name = zx_store_get_display (store, "staff", staff);
  }

  /* The server does not report conflicts yet: one as a push answer has it */
  json_object_set_string_member (conflict, "entity", "objective");
  json_object_set_string_member (conflict, "id", id);
  json_object_set_string_member (conflict, "field", "title");
  json_object_set_string_member (conflict, "yours", "My wording of the objective");
  json_object_set_string_member (conflict, "theirs", "Their wording of the objective");
  json_object_set_string_member (conflict, "by", staff);
  json_object_set_string_member (conflict, "at", "2026-05-14T06:30:00Z");
  g_ptr_array_add (conflicts, json_object_ref (conflict));
  g_assert_true (zx_replica_acknowledge (store, 0, NULL, conflicts, &error));
  g_assert_no_error (error);
  zx_sync_service_refresh (service);

  g_assert_cmpuint (zx_sync_service_get_conflicts (service), ==, 1);
  g_assert_true (gtk_widget_get_visible (indicator_child ("conflicts_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (indicator_child ("conflicts_button"))), ==, "_Conflict (1)…");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (indicator ()), "sync.conflicts", NULL));
  dialog = opened_editor (ZX_TYPE_CONFLICTS_DIALOG);
  g_assert_nonnull (find_label (dialog, "My wording of the objective"));
  g_assert_nonnull (find_label (dialog, "Their wording of the objective"));
  {
    /* who and when (local time) */
    g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ("2026-05-14T06:30:00Z", NULL);
    g_autoptr(GDateTime) local = g_date_time_to_local (utc);
    g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
    g_autofree char *caption = g_strdup_printf ("%s, %s", staff_name, when);

    g_assert_nonnull (find_label (dialog, caption));
  }
  g_assert_nonnull (find_button (dialog, "Keep _Theirs"));
  maybe_shot (dialog, "sync-conflicts");

  keep_mine = find_button (dialog, "Keep _Mine");
  g_assert_nonnull (keep_mine);
  g_assert_true (gtk_widget_get_focusable (keep_mine) || gtk_widget_get_can_focus (keep_mine));
  g_signal_emit_by_name (keep_mine, "clicked");
  drain ();
  g_assert_cmpuint (zx_sync_service_get_conflicts (service), ==, 0);
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 1);
  title = title_of (id);
  g_assert_cmpstr (title, ==, "My wording of the objective");
  g_assert_false (gtk_widget_get_visible (indicator_child ("conflicts_button")));
  close_toplevels (ZX_TYPE_CONFLICTS_DIALOG);

  wait_state (ZX_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 0);
}

/* The token revoked (the password changed on the server): the change is
 * kept, the indicator asks to sign in again, the stale token leaves the
 * keyring; signing in again sends it */
static void
test_unauthorized (void)
{
  g_autofree char *id = objective_of (dept_a);
  g_autofree char *token = NULL;
  GtkWidget *prefs;

  g_assert_cmpint (run_cli (NEW_PASSWORD "\n", "user", "passwd", "head-a", NULL), ==, 0);
  set_title (id, "Written after the password changed");
  zx_sync_service_sync_now (service);
  wait_state (ZX_SYNC_STATE_SIGN_IN_NEEDED);
  assert_indicator ("Sign in again");
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 1);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (indicator_child ("setup_button"))), ==, "_Sign In…");
  WAIT_UNTIL ((token = keyring_token ()) == NULL);

  prefs = preferences ();
  g_assert_true (gtk_widget_get_visible (pref_child (prefs, "signin_group")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pref_child (prefs, "server_row"))), ==, zts->base);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pref_child (prefs, "user_row"))), ==, "head-a");
  gtk_editable_set_text (GTK_EDITABLE (pref_child (prefs, "password_row")), NEW_PASSWORD);
  g_signal_emit_by_name (pref_child (prefs, "signin_button"), "clicked");
  wait_state (ZX_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (zx_sync_service_get_pending (service), ==, 0);
  close_toplevels (ZX_TYPE_PREFERENCES_WINDOW);
}

/* The editor of @id's objective, opened and mapped */
static ZxRecordEditor *
open_objective (const char *id)
{
  const char *params[] = { id, NULL };
  g_autoptr(GListStore) list = zx_store_list (store, "objective", "id = ?", params);
  g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (list), 0);
  GtkWidget *editor;

  g_assert_nonnull (record);
  editor = zx_objective_editor_new (context, record);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  wait_mapped (editor);
  return ZX_RECORD_EDITOR (editor);
}

/* Roles mirrored: another department's objective is read-only for a
 * department head, with the reason; their own is not.  Signed out (below),
 * everything is editable again. */
static void
test_roles (void)
{
  g_autofree char *own = objective_of (dept_a);
  g_autofree char *other = objective_of (dept_b);
  ZxRecordEditor *editor;

  editor = open_objective (own);
  g_assert_null (zx_record_editor_get_read_only_reason (editor));
  g_assert_true (gtk_widget_is_sensitive (gtk_root_get_focus (GTK_ROOT (editor))));
  gtk_window_destroy (GTK_WINDOW (editor));

  editor = open_objective (other);
  g_assert_nonnull (zx_record_editor_get_read_only_reason (editor));
  g_test_message ("read-only: %s", zx_record_editor_get_read_only_reason (editor));
  g_assert_false (zx_record_editor_is_valid (editor));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL) &&
                  zx_store_queue_length (store) > 0);
  maybe_shot (GTK_WIDGET (editor), "sync-read-only");
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();
}

/* Signing out forgets the account and the token; the data stays */
static void
test_sign_out (void)
{
  GSettings *settings = zx_context_get_settings (context);
  g_autofree char *user = NULL;
  g_autofree char *token = NULL;

  zx_sync_service_sign_out (service);
  drain ();
  g_assert_cmpint (zx_sync_service_get_state (service), ==, ZX_SYNC_STATE_NOT_CONFIGURED);
  assert_indicator ("Not connected to a server");
  user = g_settings_get_string (settings, "server-user");
  g_assert_cmpstr (user, ==, "");
  WAIT_UNTIL ((token = keyring_token ()) == NULL);
  g_assert_true (zx_store_has_hospital (store));

  /* Standalone again: every row editable */
  {
    g_autofree char *other = objective_of (dept_b);
    ZxRecordEditor *editor = open_objective (other);

    g_assert_null (zx_record_editor_get_read_only_reason (editor));
    gtk_window_destroy (GTK_WINDOW (editor));
    drain ();
  }
}

/* Setup ----------------------------------------------------------------------- */

static char *
query_text (ZxStore    *s,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (s), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source_path = g_build_filename (tmpdir, "source.db", NULL);
  g_autofree char *export_path = g_build_filename (tmpdir, "demo.json", NULL);
  g_autofree char *desktop_path = g_build_filename (tmpdir, "desktop.db", NULL);
  g_autoptr(ZxStore) source = NULL;
  GSettings *settings;
  const char *keys[] = { "server-url", "server-user", "account-role", "account-department",
                         "account-staff", "last-sync", "sync-interval" };

  /* The server: the demo hospital and two accounts */
  source = zx_store_open (source_path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (source, TODAY, &error));
  g_assert_true (zx_backup_export (source, export_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  dept_a = query_text (source, "SELECT department_id FROM objective WHERE level = 'department' AND deleted = 0"
                               " GROUP BY department_id ORDER BY department_id LIMIT 1");
  dept_b = query_text (source, "SELECT department_id FROM objective WHERE level = 'department' AND deleted = 0"
                               " GROUP BY department_id ORDER BY department_id LIMIT 1 OFFSET 1");
  g_assert_nonnull (dept_a);
  g_assert_nonnull (dept_b);
  g_assert_cmpint (run_cli (NULL, "import", export_path, NULL), ==, 0);
  g_assert_cmpint (run_cli (PASSWORD "\n", "user", "add", "head-a", "--role", "head", "--department", dept_a, NULL), ==, 0);
  server_start ("0");

  /* The desktop: a demo hospital of its own, which the first sync replaces */
  store = zx_store_open (desktop_path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (store, TODAY, &error));
  g_assert_no_error (error);

  context = zx_context_new (store, NULL);
  settings = zx_context_get_settings (context);
  g_assert_nonnull (settings);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  service = zx_context_get_sync_service (context);
  g_signal_connect (service, "replaced", G_CALLBACK (replaced_cb), NULL);

  window = zx_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  int status;

  tmpdir = zx_test_tmpdir ();
  g_assert_nonnull (tmpdir);
  /* The keyring: libsecret's file backend, never the user's */
  keyring = g_build_filename (tmpdir, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test keyring password", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  zts = zx_test_server_new (tmpdir);
  setup ();

  g_test_add_func ("/gui/sync/not-connected", test_not_connected);
  g_test_add_func ("/gui/sync/bad-url", test_bad_url);
  g_test_add_func ("/gui/sync/sign-in", test_sign_in);
  g_test_add_func ("/gui/sync/edit", test_edit);
  g_test_add_func ("/gui/sync/offline", test_offline);
  g_test_add_func ("/gui/sync/refused", test_refused);
  g_test_add_func ("/gui/sync/conflict", test_conflict);
  g_test_add_func ("/gui/sync/unauthorized", test_unauthorized);
  g_test_add_func ("/gui/sync/roles", test_roles);
  g_test_add_func ("/gui/sync/sign-out", test_sign_out);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_clear_object (&context);
  g_clear_object (&store);
  zx_test_server_free (zts);
  zx_test_rmdir (tmpdir);
  return status;
}
