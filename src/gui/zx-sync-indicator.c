/* zx-sync-indicator.c — the sync state in the header bar, with its popover
 *
 * An icon button whose tooltip and accessible label say the state ("Up to
 * date", "3 changes waiting", "Offline — …", "Error: …", "Sign in again").
 * Its popover repeats it with the reason and the last sync, and offers
 * Sync Now, the conflicts and refused changes, and Preferences → Server.
 * Without a server it stays visible, dimmed, and offers to set one up.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-conflicts-dialog.h"
#include "zx-preferences-window.h"
#include "zx-sync-indicator.h"

struct _ZxSyncIndicator
{
  GtkWidget      parent_instance;

  ZxContext     *context;
  ZxSyncService *service;
  char          *text;

  /* Template widgets */
  GtkMenuButton *button;
  GtkPopover    *popover;
  GtkImage      *state_image;
  GtkLabel      *state_label;
  GtkLabel      *detail_label;
  GtkLabel      *last_label;
  GtkButton     *sync_button;
  GtkSpinner    *spinner;
  GtkButton     *conflicts_button;
  GtkButton     *refusals_button;
  GtkButton     *setup_button;
};

G_DEFINE_FINAL_TYPE (ZxSyncIndicator, zx_sync_indicator, GTK_TYPE_WIDGET)

static void
update (ZxSyncIndicator *self)
{
  ZxSyncState state;
  const char *message;
  const char *progress;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  guint conflicts, refusals;
  gboolean configured, syncing;

  if (self->service == NULL)
    return;

  state = zx_sync_service_get_state (self->service);
  message = zx_sync_service_get_message (self->service);
  progress = zx_sync_service_get_progress (self->service);
  conflicts = zx_sync_service_get_conflicts (self->service);
  refusals = zx_sync_service_get_refusals (self->service);
  configured = state != ZX_SYNC_STATE_NOT_CONFIGURED;
  syncing = state == ZX_SYNC_STATE_SYNCING;

  text = zx_sync_service_describe (self->service);
  g_free (self->text);
  self->text = g_strdup (text);

  gtk_menu_button_set_icon_name (self->button, zx_sync_service_get_icon_name (self->service));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  if (configured)
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "dim-label");
  if (state == ZX_SYNC_STATE_ERROR || state == ZX_SYNC_STATE_SIGN_IN_NEEDED)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "error");

  /* The popover: the error's reason once, not in the heading and again below */
  gtk_image_set_from_icon_name (self->state_image, zx_sync_service_get_icon_name (self->service));
  if (state == ZX_SYNC_STATE_ERROR)
    gtk_label_set_label (self->state_label, _("Could not sync"));
  else
    gtk_label_set_label (self->state_label, text);
  if (syncing && progress != NULL)
    message = progress;
  else if (state == ZX_SYNC_STATE_NOT_CONFIGURED && message == NULL)
    message = _("Everything stays on this computer. Sign in to your hospital’s server to share it with your colleagues.");
  gtk_label_set_label (self->detail_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), message != NULL);

  last = configured ? zx_sync_service_describe_last (self->service) : NULL;
  gtk_label_set_label (self->last_label, last != NULL ? last : "");
  gtk_widget_set_visible (GTK_WIDGET (self->last_label), last != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), syncing);
  gtk_spinner_set_spinning (self->spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), configured && state != ZX_SYNC_STATE_SIGN_IN_NEEDED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.now",
                                 configured && !syncing && state != ZX_SYNC_STATE_SIGN_IN_NEEDED);

  if (conflicts > 0)
    {
      /* Translators: a button; %u is how many conflicts wait for a choice */
      g_autofree char *label = g_strdup_printf (ngettext ("_Conflict (%u)…", "_Conflicts (%u)…", conflicts),
                                                conflicts);
      gtk_button_set_label (self->conflicts_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), conflicts > 0);
  if (refusals > 0)
    {
      /* Translators: a button; %u is how many of your changes the server refused */
      g_autofree char *label = g_strdup_printf (ngettext ("_Refused Change (%u)…", "_Refused Changes (%u)…", refusals),
                                                refusals);
      gtk_button_set_label (self->refusals_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->refusals_button), refusals > 0);

  if (state == ZX_SYNC_STATE_NOT_CONFIGURED)
    gtk_button_set_label (self->setup_button, _("_Connect to a Server…"));
  else if (state == ZX_SYNC_STATE_SIGN_IN_NEEDED)
    gtk_button_set_label (self->setup_button, _("_Sign In…"));
  else
    gtk_button_set_label (self->setup_button, _("Server _Settings…"));
  if (state == ZX_SYNC_STATE_NOT_CONFIGURED || state == ZX_SYNC_STATE_SIGN_IN_NEEDED)
    gtk_widget_add_css_class (GTK_WIDGET (self->setup_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->setup_button), "suggested-action");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.preferences",
                                 zx_context_get_settings (self->context) != NULL);
}

static void
popover_show_cb (ZxSyncIndicator *self)
{
  /* "Last synced today at …" may have become yesterday */
  update (self);
}

void
zx_sync_indicator_set_context (ZxSyncIndicator *self,
                               ZxContext       *context)
{
  g_return_if_fail (ZX_IS_SYNC_INDICATOR (self));
  g_return_if_fail (ZX_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->context, context);
  g_set_object (&self->service, zx_context_get_sync_service (context));

  g_signal_connect_object (self->service, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

const char *
zx_sync_indicator_get_text (ZxSyncIndicator *self)
{
  g_return_val_if_fail (ZX_IS_SYNC_INDICATOR (self), NULL);
  return self->text;
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
zx_sync_show_server_preferences (GtkWidget *widget,
                                 ZxContext *context)
{
  GtkWindow *window = window_of (widget);
  GtkWidget *preferences;

  g_return_if_fail (ZX_IS_CONTEXT (context));

  if (window == NULL || zx_context_get_settings (context) == NULL)
    return;
  preferences = zx_preferences_window_show (window, context);
  if (preferences != NULL)
    zx_preferences_window_show_server (ZX_PREFERENCES_WINDOW (preferences));
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZxSyncIndicator *self = ZX_SYNC_INDICATOR (widget);

  if (self->service != NULL)
    zx_sync_service_sync_now (self->service);
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZxSyncIndicator *self = ZX_SYNC_INDICATOR (widget);

  gtk_popover_popdown (self->popover);
  if (self->context != NULL && window_of (widget) != NULL)
    zx_conflicts_dialog_show (window_of (widget), self->context);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZxSyncIndicator *self = ZX_SYNC_INDICATOR (widget);

  gtk_popover_popdown (self->popover);
  if (self->context != NULL)
    zx_sync_show_server_preferences (widget, self->context);
}

static void
zx_sync_indicator_dispose (GObject *object)
{
  ZxSyncIndicator *self = ZX_SYNC_INDICATOR (object);

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (zx_sync_indicator_parent_class)->dispose (object);
}

static void
zx_sync_indicator_finalize (GObject *object)
{
  ZxSyncIndicator *self = ZX_SYNC_INDICATOR (object);

  g_free (self->text);

  G_OBJECT_CLASS (zx_sync_indicator_parent_class)->finalize (object);
}

static void
zx_sync_indicator_class_init (ZxSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zx_sync_indicator_dispose;
  object_class->finalize = zx_sync_indicator_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/zx-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, state_image);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, last_label);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, refusals_button);
  gtk_widget_class_bind_template_child (widget_class, ZxSyncIndicator, setup_button);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);

  gtk_widget_class_install_action (widget_class, "sync.now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "sync.conflicts", NULL, conflicts_action);
  gtk_widget_class_install_action (widget_class, "sync.preferences", NULL, preferences_action);
}

static void
zx_sync_indicator_init (ZxSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Until a context is given: not connected */
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "dim-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Not connected to a server"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not connected to a server"),
                                  -1);
}
