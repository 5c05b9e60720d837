/* zx-application.c — the desktop application
 *
 * Command line: --database FILE, --demo, --version, and the headless
 * --export-json FILE / --import-json FILE, --export-strategy-map FILE
 * [--department DEPARTMENT],
 * --export-pledge DEPARTMENT [--year YEAR] FILE.pdf, --export-cockpit FILE
 * (PDF or PNG), --export-evaluations CYCLE DIR and --sync-now
 * [--server URL --user NAME] (the password in ZHIXING_PASSWORD), which run in the
 * launching process (handle-local-options) without a display.  Everything
 * else is forwarded to the primary instance, which opens one window per
 * database.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "zx-application.h"
#include "zx-backup.h"
#include "zx-context.h"
#include "zx-preferences-window.h"
#include "zx-secret.h"
#include "zx-sync-client.h"
#include "zx-window.h"
#include "kanban/zx-kanban-reminders.h"
#include "cockpit/zx-cockpit-data.h"
#include "cockpit/zx-cockpit-document.h"
#include "evaluation/zx-report-export.h"
#include "strategy/zx-pledge-document.h"
#include "strategy/zx-strategy-render.h"

/* The width of a strategy map exported as PNG from the command line: an A3
 * sheet at about 180 dpi */
#define STRATEGY_MAP_PNG_WIDTH 3000

struct _ZxApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ZxApplication, zx_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database FILE instead of the default one"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo hospital (a separate database, created on first use)"), NULL },
  { "export-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a backup of the database to FILE and exit"), N_("FILE") },
  { "import-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Restore the backup FILE into an empty database and exit"), N_("FILE") },
  { "export-strategy-map", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the strategy map to FILE (PNG, SVG or PDF, by its extension) and exit"), N_("FILE") },
  { "export-pledge", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the pledge of DEPARTMENT (its name or code) to the PDF file given after the options and exit"),
    N_("DEPARTMENT") },
  { "export-cockpit", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the cockpit to FILE (a PDF handout or a PNG image, by its extension) and exit"), N_("FILE") },
  { "export-evaluations", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the evaluation reports of CYCLE (such as 2026-Q3 or 2026) — one PDF per person, the summaries and the scores as .xlsx — into the folder given after the options and exit"),
    N_("CYCLE") },
  { "department", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export-strategy-map: write only the battle map of DEPARTMENT (its name or code)"),
    N_("DEPARTMENT") },
  { "year", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The year of the pledge to export (the current year when omitted)"), N_("YEAR") },
  { "sync-now", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Synchronise the database with the server and exit (the password in the environment variable ZHIXING_PASSWORD, else the sign-in kept in the keyring)"),
    NULL },
  { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --sync-now: the server’s address (the one set in Preferences when omitted)"), N_("URL") },
  { "user", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --sync-now: the user name on the server (the one set in Preferences when omitted)"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE.pdf]") },
  { NULL }
};

static char *
lookup_filename (GVariantDict *options,
                 const char   *name)
{
  const char *value = NULL;

  if (g_variant_dict_lookup (options, name, "^&ay", &value) && value != NULL && *value != '\0')
    return g_strdup (value);
  return NULL;
}

/* The database a command line asks for: --demo, --database or the default. */
static char *
database_path_for (GVariantDict *options,
                   const char   *cwd)
{
  g_autofree char *path = lookup_filename (options, "database");

  if (g_variant_dict_contains (options, "demo"))
    return zx_context_demo_database_path ();

  if (path != NULL)
    {
      if (!g_path_is_absolute (path) && cwd != NULL)
        return g_build_filename (cwd, path, NULL);
      return g_steal_pointer (&path);
    }

  {
    g_autoptr(GSettings) settings = zx_context_create_settings ();
    return zx_context_default_database_path (settings);
  }
}

/* The store a headless command works on: --demo, --database or the default */
static ZxStore *
open_headless_store (GVariantDict  *options,
                     GError       **error)
{
  g_autofree char *db_path = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  if (g_variant_dict_contains (options, "demo"))
    return zx_context_open_demo_store (error);

  db_path = database_path_for (options, cwd);
  return zx_store_open (db_path, error);
}

/* Headless export or import: 0 on success, 1 with the message on stderr */
static int
run_headless (GVariantDict *options,
              const char   *export_path,
              const char   *import_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;

  if (export_path != NULL && import_path != NULL)
    {
      g_printerr ("%s\n", _("Use either --export-json or --import-json, not both."));
      return 1;
    }

  store = open_headless_store (options, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (export_path != NULL)
    {
      if (!zx_backup_export (store, export_path, NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  else
    {
      if (!zx_backup_import (store, import_path, ZX_BACKUP_DEFAULT_MAX_BYTES,
                             NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  return 0;
}

/* --export-strategy-map FILE: 0 on success, 1 with the message on stderr */
static int
run_export_strategy_map (GVariantDict *options,
                         const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxStrategyLayout) layout = NULL;
  g_autofree char *department_id = NULL;
  const char *department = NULL;

  store = open_headless_store (options, &error);
  if (store != NULL && g_variant_dict_lookup (options, "department", "&s", &department))
    {
      department_id = zx_pledge_document_find_department (store, department, &error);
      if (department_id != NULL)
        layout = zx_strategy_layout_new_for_department (store, NULL, department_id, 0, &error);
    }
  else if (store != NULL)
    layout = zx_strategy_layout_new (store, NULL, 0, &error);
  if (layout == NULL || !zx_strategy_export_layout (layout, path, STRATEGY_MAP_PNG_WIDTH, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

/* --export-cockpit FILE: 0 on success, 1 with the message on stderr */
static int
run_export_cockpit (GVariantDict *options,
                    const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxCockpitDocument) document = NULL;
  g_autoptr(GSettings) settings = zx_context_create_settings ();
  ZxWarningParams params;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  zx_cockpit_params_from_settings (settings, &params);
  store = open_headless_store (options, &error);
  if (store != NULL)
    document = zx_cockpit_document_new (store, &today, &params, &error);
  if (document == NULL || !zx_cockpit_document_export (document, path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* --export-evaluations CYCLE DIR: every scheme of CYCLE with evaluations
 * (into DIR itself, or DIR/<scheme> when there are several); 0 on success,
 * 1 with the message on stderr */
static int
run_export_evaluations (GVariantDict *options,
                        const char   *cycle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(GPtrArray) schemes = NULL;
  g_autofree const char **dirs = NULL;

  if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &dirs) ||
      dirs == NULL || dirs[0] == NULL || dirs[1] != NULL)
    {
      g_printerr ("%s\n", _("Give exactly one folder to write into: --export-evaluations CYCLE DIR"));
      return 1;
    }

  store = open_headless_store (options, &error);
  if (store != NULL)
    schemes = zx_report_export_find_schemes (store, cycle, &error);
  for (guint i = 0; schemes != NULL && i < schemes->len; i++)
    {
      const char *scheme_id = g_ptr_array_index (schemes, i);
      g_autofree char *dir = NULL;

      if (schemes->len > 1)
        {
          g_autofree char *name = zx_store_get_display (store, "eval_scheme", scheme_id);

          g_strdelimit (name, "/\\:*?\"<>|", '_');
          dir = g_build_filename (dirs[0], name, NULL);
        }
      else
        dir = g_strdup (dirs[0]);
      if (!zx_report_export_run (store, scheme_id, NULL, dir, NULL, NULL, NULL, NULL, &error))
        break;
    }
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* --export-pledge DEPARTMENT [--year YEAR] FILE.pdf: 0 on success, 1 with
 * the message on stderr */
static int
run_export_pledge (GVariantDict *options,
                   const char   *department)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autofree char *department_id = NULL;
  g_autofree const char **files = NULL;
  const char *year_text = NULL;
  gint64 year;

  if (!g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files) ||
      files == NULL || files[0] == NULL || files[1] != NULL)
    {
      g_printerr ("%s\n", _("Give exactly one PDF file to write: --export-pledge DEPARTMENT [--year YEAR] FILE.pdf"));
      return 1;
    }

  if (g_variant_dict_lookup (options, "year", "&s", &year_text))
    {
      if (!g_ascii_string_to_signed (year_text, 10, 2000, 2100, &year, NULL))
        {
          /* Translators: %s is what was given after --year */
          g_printerr (_("“%s” is not a year between 2000 and 2100."), year_text);
          g_printerr ("\n");
          return 1;
        }
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      year = g_date_time_get_year (now);
    }

  store = open_headless_store (options, &error);
  if (store != NULL)
    department_id = zx_pledge_document_find_department (store, department, &error);
  if (department_id != NULL)
    document = zx_pledge_document_new (store, department_id, (int) year, &error);
  if (document == NULL || !zx_pledge_document_export_pdf (document, files[0], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

static void
sync_progress_cb (double      fraction,
                  const char *what,
                  gpointer    user_data)
{
  if (*(gboolean *) user_data)
    g_printerr ("%s\n", what);
}

typedef struct
{
  GMainLoop *loop;
  char      *token;
  GError    *error;
} TokenLookup;

static void
token_looked_up_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TokenLookup *lookup = user_data;

  lookup->token = zx_secret_lookup_token_finish (result, &lookup->error);
  g_main_loop_quit (lookup->loop);
}

static gboolean
token_lookup_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The token the window keeps in the keyring for @server and @user, or NULL;
 * the asynchronous call, bounded by a timeout (the keyring may hang). */
static char *
lookup_keyring_token (const char *server,
                      const char *user)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (15);
  TokenLookup lookup = { 0 };

  g_main_context_push_thread_default (context);
  lookup.loop = g_main_loop_new (context, FALSE);
  g_source_set_callback (timeout, token_lookup_timeout_cb, cancellable, NULL);
  g_source_attach (timeout, context);
  zx_secret_lookup_token_async (server, user, cancellable, token_looked_up_cb, &lookup);
  g_main_loop_run (lookup.loop);
  g_source_destroy (timeout);
  g_main_loop_unref (lookup.loop);
  g_main_context_pop_thread_default (context);

  if (lookup.error != NULL)
    {
      g_debug ("No token from the keyring: %s", lookup.error->message);
      g_error_free (lookup.error);
    }
  return lookup.token;
}

/* Headless sync: 0 only when everything is sent and received */
static int
run_sync_now (GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxSyncSession) session = NULL;
  g_autoptr(ZxSyncReport) report = NULL;
  g_autoptr(GSettings) settings = zx_context_create_settings ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *db_path = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  const char *password = g_getenv ("ZHIXING_PASSWORD");
  g_autofree char *token = NULL;
  const char *value = NULL;
  gboolean verbose = g_getenv ("ZHIXING_SYNC_VERBOSE") != NULL;
  gboolean ok;

  if (g_variant_dict_lookup (options, "server", "&s", &value))
    server = g_strdup (value);
  else
    server = g_settings_get_string (settings, "server-url");
  if (g_variant_dict_lookup (options, "user", "&s", &value))
    user = g_strdup (value);
  else
    user = g_settings_get_string (settings, "server-user");

  if (server == NULL || server[0] == '\0' || user == NULL || user[0] == '\0')
    {
      g_printerr ("%s\n", _("No server is set: give --server URL and --user NAME, or set them in Preferences → Server."));
      return 1;
    }
  if (g_variant_dict_contains (options, "demo"))
    db_path = zx_context_demo_database_path ();
  else
    db_path = database_path_for (options, cwd);

  /* the password from the environment, else the window's sign-in from the keyring */
  if (password != NULL && password[0] != '\0')
    {
      session = zx_sync_sign_in (server, user, password, NULL, &error);
      if (session == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      token = g_strdup (session->token);
    }
  else
    {
      g_autofree char *normalized = zx_sync_normalize_url (server, &error);

      if (normalized == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      token = lookup_keyring_token (normalized, user);
      if (token == NULL)
        {
          g_printerr ("%s\n", _("Not signed in: put the password in the environment variable ZHIXING_PASSWORD, or sign in once in Preferences → Server."));
          return 1;
        }
    }

  ok = zx_sync_run (db_path, server, token, NULL, sync_progress_cb, &verbose, &report, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (report->bootstrapped && report->backup_path != NULL)
    g_print (_("This computer’s data was replaced by the server’s; a copy was kept in %s.\n"), report->backup_path);
  g_print (_("Sent %u changes, received %u rows.\n"), report->pushed, report->pulled);
  if (report->refused > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "The server refused %u change; open Zhixing to see why.\n",
                          "The server refused %u changes; open Zhixing to see why.\n", report->refused),
             report->refused);
  if (report->conflicts > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u text was changed by someone else too; open Zhixing to choose.\n",
                          "%u texts were changed by someone else too; open Zhixing to choose.\n", report->conflicts),
             report->conflicts);
  if (report->pending > 0)
    {
      guint waiting = (guint) CLAMP (report->pending, 0, G_MAXUINT);

      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u change is still waiting to be sent.\n",
                               "%u changes are still waiting to be sent.\n", waiting),
                  waiting);
      return 1;
    }
  return 0;
}

static int
zx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *export_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *cockpit_path = NULL;
  const char *pledge_department = NULL;
  const char *evaluation_cycle = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  export_path = lookup_filename (options, "export-json");
  import_path = lookup_filename (options, "import-json");
  map_path = lookup_filename (options, "export-strategy-map");
  cockpit_path = lookup_filename (options, "export-cockpit");

  if (cockpit_path != NULL)
    {
      if (export_path != NULL || import_path != NULL || map_path != NULL ||
          g_variant_dict_contains (options, "export-pledge") || g_variant_dict_contains (options, "sync-now"))
        {
          g_printerr ("%s\n", _("Use --export-cockpit on its own, without other exports or imports."));
          return 1;
        }
      return run_export_cockpit (options, cockpit_path);
    }

  if (g_variant_dict_lookup (options, "export-evaluations", "&s", &evaluation_cycle))
    {
      if (export_path != NULL || import_path != NULL || map_path != NULL ||
          g_variant_dict_contains (options, "export-pledge") || g_variant_dict_contains (options, "sync-now"))
        {
          g_printerr ("%s\n", _("Use --export-evaluations on its own, without other exports or imports."));
          return 1;
        }
      return run_export_evaluations (options, evaluation_cycle);
    }

  if (map_path != NULL)
    {
      if (export_path != NULL || import_path != NULL || g_variant_dict_contains (options, "export-pledge"))
        {
          g_printerr ("%s\n", _("Use --export-strategy-map on its own, without other exports or imports."));
          return 1;
        }
      return run_export_strategy_map (options, map_path);
    }

  if (g_variant_dict_lookup (options, "export-pledge", "&s", &pledge_department))
    {
      if (export_path != NULL || import_path != NULL)
        {
          g_printerr ("%s\n", _("Use --export-pledge on its own, without --export-json or --import-json."));
          return 1;
        }
      return run_export_pledge (options, pledge_department);
    }
  if (g_variant_dict_contains (options, "sync-now"))
    {
      if (export_path != NULL || import_path != NULL)
        {
          g_printerr ("%s\n", _("Use --sync-now on its own, without --export-json or --import-json."));
          return 1;
        }
      return run_sync_now (options);
    }
  if (g_variant_dict_contains (options, "server") || g_variant_dict_contains (options, "user"))
    {
      g_printerr ("%s\n", _("--server and --user go with --sync-now."));
      return 1;
    }
  if (g_variant_dict_contains (options, "department"))
    {
      g_printerr ("%s\n", _("--department goes with --export-strategy-map."));
      return 1;
    }
  if (g_variant_dict_contains (options, "year"))
    {
      g_printerr ("%s\n", _("--year goes with --export-pledge."));
      return 1;
    }

  if (export_path != NULL || import_path != NULL)
    return run_headless (options, export_path, import_path);

  return -1;
}

static ZxWindow *
find_window_for (ZxApplication *self,
                 const char    *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      ZxContext *context;

      if (!ZX_IS_WINDOW (l->data))
        continue;
      context = zx_window_get_context (l->data);
      if (g_strcmp0 (zx_store_get_path (zx_context_get_store (context)), path) == 0)
        return l->data;
    }

  return NULL;
}

static void
show_open_error (ZxApplication *self,
                 const char    *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL,
                                                       _("Could Not Open the Database"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_database (ZxApplication *self,
               const char    *path,
               gboolean       demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autoptr(ZxContext) context = NULL;
  ZxWindow *window;

  window = find_window_for (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (demo)
    store = zx_context_open_demo_store (&error);
  else
    store = zx_store_open (path, &error);

  if (store == NULL)
    {
      g_warning ("%s", error->message);
      show_open_error (self, error->message);
      return;
    }

  context = zx_context_new (store, NULL);
  window = zx_window_new (self, context);
  gtk_window_present (GTK_WINDOW (window));
  zx_kanban_reminders_watch (GTK_APPLICATION (self), GTK_WINDOW (window), context);
}

static int
zx_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  ZxApplication *self = ZX_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;

  path = database_path_for (options, g_application_command_line_get_cwd (command_line));
  open_database (self, path, g_variant_dict_contains (options, "demo"));

  return 0;
}

static void
zx_application_activate (GApplication *app)
{
  g_autofree char *path = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GSettings) settings = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  settings = zx_context_create_settings ();
  path = zx_context_default_database_path (settings);
  open_database (ZX_APPLICATION (app), path, FALSE);
}

/* Actions ------------------------------------------------------------------ */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  g_application_quit (app);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "Zhixing developers", NULL };
  GtkApplication *app = user_data;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        /* Translators: the application's name; 知行 in Chinese */
                        "application-name", _("Zhixing"),
                        "developer-name", _("Zhixing developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Turns a hospital’s strategy into everyone’s weekly work, and shows leadership where it stalls."),
                        "website", "https://github.com/zhixing/zhixing",
                        "issue-url", "https://github.com/zhixing/zhixing/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 Zhixing developers"),
                        "developers", developers,
                        /* Translators: put your names here, one per line, e.g. "张三 <zhangsan@example.com>" */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Built on the Ideas of"),
                                                (const char *[]) {
                                                  /* Translators: 知行合一, the unity of knowing and doing */
                                                  _("Wang Yangming’s unity of knowledge and action"),
                                                  NULL });
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_warning ("Could not show the help: %s", error->message);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_uri_full (window, "help:zhixing", GDK_CURRENT_TIME, NULL, help_done, NULL);
}

/* The main window the active window belongs to: itself, or the window a
 * dialog (such as the preferences) is transient for */
static ZxWindow *
main_window_of (GtkApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  while (window != NULL && !ZX_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  return window != NULL ? ZX_WINDOW (window) : NULL;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ZxWindow *window = main_window_of (GTK_APPLICATION (user_data));
  ZxContext *context = window != NULL ? zx_window_get_context (window) : NULL;

  if (context != NULL && zx_context_get_settings (context) != NULL)
    zx_preferences_window_show (GTK_WINDOW (window), context);
}

/* Preferences are settings: without the schema installed (an uninstalled
 * run) there is nothing to change */
static void
update_preferences_action (GtkApplication *app)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (app), "preferences");
  ZxWindow *window = main_window_of (app);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               window != NULL &&
                               zx_context_get_settings (zx_window_get_context (window)) != NULL);
}

static void
active_window_changed_cb (GtkApplication *app,
                          GParamSpec     *pspec,
                          gpointer        user_data)
{
  update_preferences_action (app);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
  { "preferences", preferences_action },
};

static void
zx_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (zx_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  g_signal_connect (app, "notify::active-window", G_CALLBACK (active_window_changed_cb), NULL);
  update_preferences_action (GTK_APPLICATION (app));
  zx_kanban_reminders_install_actions (GTK_APPLICATION (app));
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
zx_application_class_init (ZxApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = zx_application_handle_local_options;
  app_class->command_line = zx_application_command_line;
  app_class->activate = zx_application_activate;
  app_class->startup = zx_application_startup;
}

static void
zx_application_init (ZxApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Turn the hospital strategy into everyone’s weekly work."));
}

ZxApplication *
zx_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_COMMAND_LINE;

  /* The benchmark measures one process from its start */
  if (g_getenv ("ZX_BENCH_FIRST_FRAME") != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (ZX_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
