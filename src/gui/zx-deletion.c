/* zx-deletion.c — delete a row with a toast that can undo it
 *
 * Every list in the app deletes the same way: a tombstone through the
 * store, the store's reason in a dialog when it refuses, and a toast whose
 * Undo (or Ctrl+Z while it is the last deletion) restores the row once.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-deletion"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-deletion.h"
#include "zx-window.h"

struct _ZxDeletion
{
  GObject    parent_instance;

  GtkWidget *page;     /* weak */
  ZxStore   *store;
  char      *entity;
  char      *id;
  AdwToast  *toast;    /* weak */
};

G_DEFINE_FINAL_TYPE (ZxDeletion, zx_deletion, G_TYPE_OBJECT)

void
zx_deletion_forget (ZxDeletion *self)
{
  g_return_if_fail (ZX_IS_DELETION (self));

  g_clear_object (&self->store);
  g_clear_pointer (&self->entity, g_free);
  g_clear_pointer (&self->id, g_free);
  if (self->toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  self->toast = NULL;
}

static void
zx_deletion_dispose (GObject *object)
{
  ZxDeletion *self = ZX_DELETION (object);

  zx_deletion_forget (self);
  if (self->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->page), (gpointer *) &self->page);
  self->page = NULL;

  G_OBJECT_CLASS (zx_deletion_parent_class)->dispose (object);
}

static void
zx_deletion_class_init (ZxDeletionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zx_deletion_dispose;
}

static void
zx_deletion_init (ZxDeletion *self)
{
}

ZxDeletion *
zx_deletion_new (GtkWidget *page)
{
  ZxDeletion *self;

  g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);

  self = g_object_new (ZX_TYPE_DELETION, NULL);
  self->page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &self->page);
  return self;
}

void
zx_deletion_undo (ZxDeletion *self)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_if_fail (ZX_IS_DELETION (self));

  if (self->id == NULL)
    return;

  toast = self->toast;
  if (!zx_store_restore (self->store, self->entity, self->id, &error) && self->page != NULL)
    zx_show_error_dialog (self->page, _("Could Not Undo the Deletion"), error->message);

  zx_deletion_forget (self);
  if (toast != NULL)
    adw_toast_dismiss (toast);
}

gboolean
zx_deletion_delete (ZxDeletion *self,
                    ZxStore    *store,
                    const char *entity_in,
                    const char *id_in,
                    const char *name_in)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  /* Copies: the caller's strings may belong to a record the deletion
   * itself refreshes */
  g_autofree char *entity = g_strdup (entity_in);
  g_autofree char *id = g_strdup (id_in);
  g_autofree char *name = g_strdup (name_in ? name_in : "");
  AdwToast *toast;

  g_return_val_if_fail (ZX_IS_DELETION (self), FALSE);
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  if (!zx_store_delete (store, entity, id, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Delete “%s”"), name);

      if (self->page != NULL)
        zx_show_error_dialog (self->page, heading, error->message);
      return FALSE;
    }

  /* Translators: a toast after deleting a row, with Undo */
  title = g_strdup_printf (_("Deleted “%s”"), name);
  markup = g_markup_escape_text (title, -1);    /* a toast's title is markup */
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Normal priority: in libadwaita 1.2 a high-priority toast that displaces
   * a shown one makes that one abort the program when it comes back */

  zx_deletion_forget (self);
  self->store = g_object_ref (store);
  self->entity = g_steal_pointer (&entity);
  self->id = g_steal_pointer (&id);
  self->toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->toast);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (zx_deletion_undo), self, G_CONNECT_SWAPPED);

  if (self->page != NULL)
    zx_widget_add_toast (self->page, toast);
  else
    g_object_unref (toast);
  return TRUE;
}
