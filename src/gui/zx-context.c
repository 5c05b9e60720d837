/* zx-context.c — what windows and pages share: the store and the settings
 *
 * One context per window (a window shows one database).  Pages take it at
 * construction and follow ::store when the window switches databases, so
 * there are no globals (gnome-calendar's GcalContext does the same).
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-context"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "zx-context.h"
#include "zx-demo.h"

struct _ZxContext
{
  GObject    parent_instance;
  ZxStore   *store;
  GSettings *settings;
  ZxSyncService *sync;
};

G_DEFINE_FINAL_TYPE (ZxContext, zx_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zx_context_dispose (GObject *object)
{
  ZxContext *self = (ZxContext *) object;

  if (self->sync != NULL)
    zx_sync_service_shutdown (self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zx_context_parent_class)->dispose (object);
}

static void
zx_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ZxContext *self = ZX_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ZxContext *self = ZX_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      zx_context_set_store (self, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_context_class_init (ZxContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zx_context_dispose;
  object_class->get_property = zx_context_get_property;
  object_class->set_property = zx_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ZX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zx_context_init (ZxContext *self)
{
}

GSettings *
zx_context_create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed; settings are not remembered",
               BASE_APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

ZxContext *
zx_context_new (ZxStore   *store,
                GSettings *settings)
{
  g_autoptr(GSettings) own = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings == NULL)
    settings = own = zx_context_create_settings ();

  return g_object_new (ZX_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

ZxStore *
zx_context_get_store (ZxContext *self)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (self), NULL);
  return self->store;
}

void
zx_context_set_store (ZxContext *self,
                      ZxStore   *store)
{
  g_return_if_fail (ZX_IS_CONTEXT (self));
  g_return_if_fail (ZX_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      if (self->sync != NULL)
        zx_sync_service_set_store (self->sync, store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

ZxSyncService *
zx_context_get_sync_service (ZxContext *self)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (self), NULL);

  if (self->sync == NULL)
    self->sync = zx_sync_service_new (self->store, self->settings);
  return self->sync;
}

void
zx_context_shutdown (ZxContext *self)
{
  g_return_if_fail (ZX_IS_CONTEXT (self));

  if (self->sync != NULL)
    zx_sync_service_shutdown (self->sync);
}

GSettings *
zx_context_get_settings (ZxContext *self)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (self), NULL);
  return self->settings;
}

static char *
user_database_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "zhixing", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Could not create %s: %s", dir, g_strerror (errno));

  return g_build_filename (dir, name, NULL);
}

char *
zx_context_default_database_path (GSettings *settings)
{
  if (settings != NULL)
    {
      g_autofree char *path = g_settings_get_string (settings, "database-path");

      if (path != NULL && *path != '\0')
        return g_steal_pointer (&path);
    }

  return user_database_path ("zhixing.db");
}

char *
zx_context_demo_database_path (void)
{
  return user_database_path ("demo.db");
}

ZxStore *
zx_context_open_demo_store (GError **error)
{
  g_autofree char *path = zx_context_demo_database_path ();
  g_autoptr(ZxStore) store = NULL;

  store = zx_store_open (path, error);
  if (store == NULL)
    return NULL;

  if (!zx_store_has_hospital (store))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      if (!zx_store_is_empty (store))
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_EMPTY,
                       _("The demo database “%s” holds data but no hospital. Remove the file to recreate the demo hospital."),
                       path);
          return NULL;
        }

      if (!zx_demo_populate (store, today, error))
        return NULL;
      zx_store_notify_reloaded (store);
    }

  return g_steal_pointer (&store);
}
