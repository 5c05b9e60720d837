/* zx-server-main.c — main() of zhixing-server: serving and managing accounts
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zhixing-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "zx-server.h"
#include "zx-server-storage.h"

#define MIN_PASSWORD_CHARS 8
#define MAX_PASSWORD_BYTES 1024
#define MAX_NAME_CHARS 64

static char *opt_database = NULL;
static char *opt_listen = NULL;
static char *opt_tls_certificate = NULL;
static char *opt_tls_key = NULL;
static char *opt_role = NULL;
static char *opt_department = NULL;
static char *opt_staff = NULL;
static int opt_days = G_MININT;
static int opt_idle_timeout = ZX_SERVER_DEFAULT_IDLE_TIMEOUT;
static gboolean opt_version = FALSE;

static const GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &opt_database,
    N_("The server database (created if missing)"), N_("FILE") },
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen,
    N_("The IP address and port to serve on (default 127.0.0.1:8443; port 0 picks a free one)"), N_("IP:PORT") },
  { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_certificate,
    N_("Serve HTTPS with this PEM certificate (chain)"), N_("FILE") },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key,
    N_("The PEM private key of the certificate"), N_("FILE") },
  { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &opt_idle_timeout,
    N_("Close a connection after waiting this many seconds on its client (default 30)"), N_("SECONDS") },
  { "role", 'r', 0, G_OPTION_ARG_STRING, &opt_role,
    N_("With “user add”: admin, leadership, office, hr, head or staff"), N_("ROLE") },
  { "department", 0, 0, G_OPTION_ARG_STRING, &opt_department,
    N_("With “user add”: the account’s department (name or ID)"), N_("DEPARTMENT") },
  { "staff", 0, 0, G_OPTION_ARG_STRING, &opt_staff,
    N_("With “user add” and “user link”: the staff member the account is (ID or employee number)"), N_("STAFF") },
  { "days", 0, 0, G_OPTION_ARG_INT, &opt_days,
    N_("With “purge-tombstones”: remove rows deleted more than this many days ago (default 180)"), N_("DAYS") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("zhixing-server: %s\n", text);
  return 1;
}

/* Accounts ----------------------------------------------------------------------- */

/* One line from standard input, without echo when it is a terminal. */
static char *
read_password (GError **error)
{
  char buffer[MAX_PASSWORD_BYTES + 2];
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gboolean got;
  gsize length;
  char *password;

  if (tty)
    {
      g_printerr ("%s", _("Password: "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  got = fgets (buffer, sizeof buffer, stdin) != NULL;
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  if (!got)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("No password was given: write it on standard input, on one line."));
      return NULL;
    }

  length = strlen (buffer);
  if (length > 0 && buffer[length - 1] != '\n' && length > MAX_PASSWORD_BYTES)
    {
      sodium_memzero (buffer, sizeof buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password is too long: at most %d bytes."), MAX_PASSWORD_BYTES);
      return NULL;
    }
  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    buffer[--length] = '\0';

  if (!g_utf8_validate (buffer, length, NULL))
    {
      sodium_memzero (buffer, sizeof buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password is not valid UTF-8 text."));
      return NULL;
    }
  if (g_utf8_strlen (buffer, length) < MIN_PASSWORD_CHARS)
    {
      sodium_memzero (buffer, sizeof buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password is too short: use at least %d characters."), MIN_PASSWORD_CHARS);
      return NULL;
    }

  password = g_strndup (buffer, length);
  sodium_memzero (buffer, sizeof buffer);
  return password;
}

static char *
hash_password (GError **error)
{
  g_autofree char *password = read_password (error);
  char hash[crypto_pwhash_STRBYTES];
  int rc;

  if (password == NULL)
    return NULL;
  rc = crypto_pwhash_str (hash, password, strlen (password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  sodium_memzero (password, strlen (password));
  if (rc != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("There is not enough memory to protect the password."));
      return NULL;
    }
  return g_strdup (hash);
}

static gboolean
name_is_valid (const char *name)
{
  glong chars;

  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;
  chars = g_utf8_strlen (name, -1);
  if (chars < 1 || chars > MAX_NAME_CHARS)
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        return FALSE;
    }
  return TRUE;
}

static int
user_add (ZxServerStorage *storage,
          const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *department = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *department_id = NULL;
  g_autofree char *staff_id = NULL;

  if (!name_is_valid (name))
    return fail (_("“%s” cannot be a user name: use 1 to %d characters without spaces."), name, MAX_NAME_CHARS);
  if (opt_role == NULL)
    return fail (_("Give the account’s role with --role (admin, leadership, office, hr, head or staff)."));
  if (!zx_server_role_is_valid (opt_role))
    return fail (_("“%s” is not a role: use admin, leadership, office, hr, head or staff."), opt_role);
  if (opt_department != NULL)
    {
      department = g_strstrip (g_strdup (opt_department));
      if (department[0] == '\0' || !g_utf8_validate (department, -1, NULL))
        return fail (_("The department must not be empty."));
    }
  if (opt_staff != NULL)
    {
      staff = g_strstrip (g_strdup (opt_staff));
      if (staff[0] == '\0' || !g_utf8_validate (staff, -1, NULL))
        return fail (_("The staff member must not be empty."));
    }
  if (!zx_server_storage_resolve_links (storage, department, staff, &department_id, &staff_id, &error))
    return fail ("%s", error->message);

  hash = hash_password (&error);
  if (hash == NULL)
    return fail ("%s", error->message);
  if (!zx_server_storage_add_account (storage, name, opt_role, department_id, staff_id, hash, &error))
    return fail ("%s", error->message);

  g_print (_("Added the account “%s” (%s).\n"), name, opt_role);
  return 0;
}

static int
user_list (ZxServerStorage *storage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = zx_server_storage_list_accounts (storage, &error);

  if (accounts == NULL)
    return fail ("%s", error->message);

  g_print ("%s\t%s\t%s\t%s\t%s\n", _("NAME"), _("ROLE"), _("DEPARTMENT"), _("DISABLED"), _("STAFF"));
  for (guint i = 0; i < accounts->len; i++)
    {
      ZxServerAccount *account = g_ptr_array_index (accounts, i);

      g_print ("%s\t%s\t%s\t%s\t%s\n", account->name, account->role,
               account->department_id ? account->department_id : "-",
               account->disabled ? _("yes") : _("no"),
               account->staff_id ? account->staff_id : "-");
    }
  return 0;
}

static int
user_link (ZxServerStorage *storage,
           const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxServerAccount) account = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *department_id = NULL;
  g_autofree char *staff_id = NULL;

  if (opt_staff == NULL)
    return fail (_("Give the staff member with --staff (their ID or employee number)."));
  staff = g_strstrip (g_strdup (opt_staff));
  if (staff[0] == '\0' || !g_utf8_validate (staff, -1, NULL))
    return fail (_("The staff member must not be empty."));

  account = zx_server_storage_find_account (storage, name, &error);
  if (error != NULL)
    return fail ("%s", error->message);
  if (account == NULL)
    return fail (_("There is no account named “%s”."), name);
  if (!zx_server_storage_resolve_links (storage, account->department_id, staff,
                                        &department_id, &staff_id, &error) ||
      !zx_server_storage_link_staff (storage, name, staff_id, department_id, &error))
    return fail ("%s", error->message);
  g_print (_("Linked the account “%s” to the staff member %s.\n"), name, staff_id);
  return 0;
}

static int
user_disable (ZxServerStorage *storage,
              const char      *name)
{
  g_autoptr(GError) error = NULL;

  if (!zx_server_storage_set_disabled (storage, name, TRUE, &error))
    return fail ("%s", error->message);
  g_print (_("Disabled the account “%s” and ended its sessions.\n"), name);
  return 0;
}

static int
user_passwd (ZxServerStorage *storage,
             const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxServerAccount) account = NULL;
  g_autofree char *hash = NULL;

  account = zx_server_storage_find_account (storage, name, &error);
  if (error != NULL)
    return fail ("%s", error->message);
  if (account == NULL)
    return fail (_("There is no account named “%s”."), name);

  hash = hash_password (&error);
  if (hash == NULL)
    return fail ("%s", error->message);
  if (!zx_server_storage_set_password (storage, name, hash, &error))
    return fail ("%s", error->message);
  g_print (_("Changed the password of “%s” and ended its sessions.\n"), name);
  return 0;
}

static int
run_user (ZxServerStorage  *storage,
          int               argc,
          char            **argv)
{
  const char *command = argc > 2 ? argv[2] : NULL;

  if ((opt_role != NULL || opt_department != NULL) && g_strcmp0 (command, "add") != 0)
    return fail (_("--role and --department are only for “user add”."));
  if (opt_staff != NULL && g_strcmp0 (command, "add") != 0 && g_strcmp0 (command, "link") != 0)
    return fail (_("--staff is only for “user add” and “user link”."));

  if (g_strcmp0 (command, "add") == 0 && argc == 4)
    return user_add (storage, argv[3]);
  if (g_strcmp0 (command, "list") == 0 && argc == 3)
    return user_list (storage);
  if (g_strcmp0 (command, "link") == 0 && argc == 4)
    return user_link (storage, argv[3]);
  if (g_strcmp0 (command, "disable") == 0 && argc == 4)
    return user_disable (storage, argv[3]);
  if (g_strcmp0 (command, "passwd") == 0 && argc == 4)
    return user_passwd (storage, argv[3]);

  return fail (_("Unknown command. Use “user add NAME --role ROLE”, “user link NAME --staff STAFF”, “user list”, “user disable NAME” or “user passwd NAME”; see --help."));
}

/* Importing ---------------------------------------------------------------------- */

static int
run_import (ZxServerStorage  *storage,
            int               argc,
            char            **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 rows = 0;

  if (argc != 3)
    return fail (_("Give one file: “import EXPORT.json”, made by the desktop’s --export-json."));
  if (!zx_server_storage_import (storage, argv[2], &rows, &error))
    return fail ("%s", error->message);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %lu row.\n", "Imported %lu rows.\n", (gulong) rows),
           (gulong) rows);
  return 0;
}

/* Removing old tombstones ----------------------------------------------------------- */

static int
run_purge (ZxServerStorage  *storage,
           int               argc)
{
  g_autoptr(GError) error = NULL;
  int days = opt_days == G_MININT ? ZX_SERVER_TOMBSTONE_DAYS : opt_days;
  gint64 rows = 0;

  if (argc != 2)
    return fail (_("“purge-tombstones” takes no file or name; see --help."));
  if (days < 0 || days > 36500)
    return fail (_("The number of days must be between 0 and 36500."));
  if (!zx_server_storage_purge_tombstones (storage, g_get_real_time () / G_USEC_PER_SEC - (gint64) days * 24 * 3600,
                                           &rows, &error))
    return fail ("%s", error->message);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %lu deleted row.\n", "Removed %lu deleted rows.\n", (gulong) rows),
           (gulong) rows);
  return 0;
}

/* Serving ------------------------------------------------------------------------ */

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static int
serve (ZxServerStorage *storage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(ZxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *host = NULL;
  guint term_id, int_id;

  address = zx_server_parse_address (opt_listen ? opt_listen : "127.0.0.1:8443", &error);
  if (address == NULL)
    return fail ("%s", error->message);
  if ((opt_tls_certificate == NULL) != (opt_tls_key == NULL))
    return fail (_("Give both --tls-certificate and --tls-key, or neither."));
  if (opt_tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (opt_tls_certificate, opt_tls_key, &error);
      if (certificate == NULL)
        return fail (_("The TLS certificate could not be read: %s"), error->message);
    }
  if (opt_idle_timeout < 1 || opt_idle_timeout > 3600)
    return fail (_("The idle timeout must be between 1 and 3600 seconds."));

  server = zx_server_new (storage, (guint) opt_idle_timeout);
  if (!zx_server_listen (server, address, certificate, &error))
    return fail (_("Cannot listen on %s: %s"), opt_listen ? opt_listen : "127.0.0.1:8443", error->message);

  host = g_inet_address_to_string (g_inet_socket_address_get_address (address));
  if (g_inet_address_get_family (g_inet_socket_address_get_address (address)) == G_SOCKET_FAMILY_IPV6)
    g_print ("listening on %s://[%s]:%u\n", certificate ? "https" : "http", host, zx_server_get_port (server));
  else
    g_print ("listening on %s://%s:%u\n", certificate ? "https" : "http", host, zx_server_get_port (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);
  g_message ("Stopping");
  zx_server_stop (server);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxServerStorage) storage = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("[user add NAME | user link NAME | user list | user disable NAME | user passwd NAME | import EXPORT.json | purge-tombstones]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("The Zhixing sync server. Without a command, serves the database over HTTP.\n"
                                  "“user” commands manage accounts; passwords are read from standard input, one line.\n"
                                  "“import” loads a desktop’s --export-json file into an empty server.\n"
                                  "“purge-tombstones” removes rows deleted more than --days days ago (the server does it every hour for 180 days)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail ("%s", error->message);

  if (opt_version)
    {
      g_print ("zhixing-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (sodium_init () < 0)
    return fail (_("The cryptography library could not be started."));

  if (opt_database == NULL)
    return fail (_("Give the server database with --database FILE."));

  if (argc > 1 && !g_str_equal (argv[1], "user") && !g_str_equal (argv[1], "import") &&
      !g_str_equal (argv[1], "purge-tombstones"))
    return fail (_("Unknown command “%s”; see --help."), argv[1]);
  if (argc == 1 && (opt_role != NULL || opt_department != NULL))
    return fail (_("--role and --department are only for “user add”."));
  if ((argc == 1 || !g_str_equal (argv[1], "user")) && opt_staff != NULL)
    return fail (_("--staff is only for “user add” and “user link”."));
  if ((argc == 1 || !g_str_equal (argv[1], "purge-tombstones")) && opt_days != G_MININT)
    return fail (_("--days is only for “purge-tombstones”."));

  storage = zx_server_storage_open (opt_database, &error);
  if (storage == NULL)
    return fail ("%s", error->message);

  if (argc > 1 && g_str_equal (argv[1], "import"))
    {
      if (opt_role != NULL || opt_department != NULL)
        return fail (_("--role and --department are only for “user add”."));
      return run_import (storage, argc, argv);
    }
  if (argc > 1 && g_str_equal (argv[1], "purge-tombstones"))
    {
      if (opt_role != NULL || opt_department != NULL)
        return fail (_("--role and --department are only for “user add”."));
      return run_purge (storage, argc);
    }
  if (argc > 1)
    return run_user (storage, argc, argv);
  return serve (storage);
}
