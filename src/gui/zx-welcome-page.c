/* zx-welcome-page.c — create a hospital or open the demo one
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-welcome-page.h"

struct _ZxWelcomePage
{
  AdwBin         parent_instance;

  ZxContext     *context;

  AdwStatusPage *status_page;
  AdwEntryRow   *name_row;
  GtkLabel      *error_label;
  GtkButton     *create_button;
};

G_DEFINE_FINAL_TYPE (ZxWelcomePage, zx_welcome_page, ADW_TYPE_BIN)

static void
show_error (ZxWelcomePage *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
name_changed_cb (ZxWelcomePage *self)
{
  show_error (self, NULL);
}

static void
create_clicked_cb (ZxWelcomePage *self)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  ZxStore *store;

  g_return_if_fail (self->context != NULL);

  store = zx_context_get_store (self->context);
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  json_object_set_string_member (fields, "name", name);

  /* The store says what is wrong, in words; an empty name is refused there */
  id = zx_store_create (store, "hospital", fields, &error);
  if (id == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
}

static void
zx_welcome_page_realize (GtkWidget *widget)
{
  ZxWelcomePage *self = ZX_WELCOME_PAGE (widget);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  GTK_WIDGET_CLASS (zx_welcome_page_parent_class)->realize (widget);

  /* Run uninstalled, the application icon is not in the theme */
  if (!gtk_icon_theme_has_icon (theme, APPLICATION_ID))
    adw_status_page_set_icon_name (self->status_page, "system-users-symbolic");
}

static gboolean
zx_welcome_page_grab_focus (GtkWidget *widget)
{
  ZxWelcomePage *self = ZX_WELCOME_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
zx_welcome_page_dispose (GObject *object)
{
  ZxWelcomePage *self = ZX_WELCOME_PAGE (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_welcome_page_parent_class)->dispose (object);
}

static void
zx_welcome_page_class_init (ZxWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zx_welcome_page_dispose;
  widget_class->grab_focus = zx_welcome_page_grab_focus;
  widget_class->realize = zx_welcome_page_realize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/zx-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, ZxWelcomePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, ZxWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZxWelcomePage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
}

static void
zx_welcome_page_init (ZxWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
}

void
zx_welcome_page_set_context (ZxWelcomePage *self,
                             ZxContext     *context)
{
  g_return_if_fail (ZX_IS_WELCOME_PAGE (self));
  g_return_if_fail (ZX_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}
