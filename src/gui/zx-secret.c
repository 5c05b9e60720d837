/* zx-secret.c — the server sign-in token in the keyring
 *
 * A thin layer over libsecret's asynchronous password calls.  The token
 * is never written to a file by Zhixing; in tests libsecret's own file
 * backend (SECRET_BACKEND=file) stands in for the Secret Service.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "zx-secret.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.zhixing.Zhixing.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* libsecret's messages are technical: say what it means for the person */
static void
propagate_secret_error (GTask  *task,
                        GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_new_error (task, error->domain, error->code,
                           /* Translators: %s is the keyring's own, technical message */
                           _("The keyring could not be used (%s). Make sure a keyring service such as GNOME Keyring is running and unlocked."),
                           error->message);
  g_error_free (error);
}

static void
store_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    propagate_secret_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
zx_secret_store_token_async (const char          *server,
                             const char          *user,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autofree char *label = NULL;

  g_return_if_fail (server != NULL && user != NULL && token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zx_secret_store_token_async);
  /* Translators: the name of the sign-in in the keyring (Passwords and Keys);
   * %s are the user name and the server address */
  label = g_strdup_printf (_("Zhixing sign-in of %s at %s"), user, server);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_done, task,
                         "server", server,
                         "user", user,
                         NULL);
}

gboolean
zx_secret_store_token_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    propagate_secret_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
zx_secret_lookup_token_async (const char          *server,
                              const char          *user,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (server != NULL && user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zx_secret_lookup_token_async);
  secret_password_lookup (token_schema (), cancellable, lookup_done, task,
                          "server", server,
                          "user", user,
                          NULL);
}

char *
zx_secret_lookup_token_finish (GAsyncResult  *result,
                               GError       **error)
{
  char *secret;
  char *token;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  secret = g_task_propagate_pointer (G_TASK (result), error);
  if (secret == NULL)
    return NULL;
  /* A plain copy for the caller; the secret's own memory is wiped */
  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

static void
clear_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    propagate_secret_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
zx_secret_clear_token_async (const char          *server,
                             const char          *user,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (server != NULL && user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zx_secret_clear_token_async);
  secret_password_clear (token_schema (), cancellable, clear_done, task,
                         "server", server,
                         "user", user,
                         NULL);
}

gboolean
zx_secret_clear_token_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
