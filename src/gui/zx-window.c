/* zx-window.c — the main window: welcome page or the areas
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "zx-areas.h"
#include "zx-backup-task.h"
#include "zx-bench.h"
#include "zx-welcome-page.h"
#include "zx-progress.h"
#include "zx-sync-indicator.h"
#include "zx-window.h"

struct _ZxWindow
{
  AdwApplicationWindow parent_instance;

  ZxContext       *context;
  ZxStore         *store;       /* the one whose signals we follow */
  GCancellable    *task_cancellable;
  gboolean         bench_armed;
  guint            warm_id;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkRevealer     *task_revealer;
  GtkLabel        *task_label;
  GtkProgressBar  *task_progress;
  GtkButton       *task_cancel;
  GtkStack        *stack;
  ZxWelcomePage   *welcome_page;
  AdwLeaflet      *leaflet;
  AdwWindowTitle  *sidebar_title;
  GtkListBox      *sidebar_list;
  GtkStack        *area_stack;
  ZxSyncIndicator *sync_indicator;
  ZxSyncIndicator *welcome_sync_indicator;
};

G_DEFINE_FINAL_TYPE (ZxWindow, zx_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Pages and title ---------------------------------------------------------- */

static void
update_title (ZxWindow *self)
{
  g_autoptr(GListStore) hospitals = zx_store_list (self->store, "hospital", NULL, NULL);
  g_autoptr(ZxRecord) hospital = g_list_model_get_item (G_LIST_MODEL (hospitals), 0);
  const char *name = NULL;
  const char *short_name = NULL;

  if (hospital != NULL)
    {
      name = zx_record_get_string (hospital, "name");
      short_name = zx_record_get_string (hospital, "short_name");
    }

  if (name != NULL && *name != '\0')
    {
      gtk_window_set_title (GTK_WINDOW (self), name);
      adw_window_title_set_title (self->sidebar_title,
                                  short_name != NULL && *short_name != '\0' ? short_name : name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title), name);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Zhixing"));
      adw_window_title_set_title (self->sidebar_title, _("Zhixing"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title), NULL);
    }
}

/* Area pages are made when first shown: start-up pays only for the one
 * on screen (the strategy map of a large hospital costs tens of ms). */
static GtkWidget *
ensure_area_page (ZxWindow   *self,
                  const char *id)
{
  const ZxArea *area = zx_areas_lookup (id);
  GtkWidget *page = gtk_stack_get_child_by_name (self->area_stack, id);
  GtkStackPage *stack_page;

  if (page != NULL || area == NULL)
    return page;

  page = g_object_new (area->get_type (), "context", self->context, NULL);
  g_object_bind_property (self->leaflet, "folded", page, "folded", G_BINDING_SYNC_CREATE);
  stack_page = gtk_stack_add_named (self->area_stack, page, area->id);
  gtk_stack_page_set_title (stack_page, _(area->title));
  gtk_stack_page_set_icon_name (stack_page, area->icon_name);
  return page;
}

static void
ensure_area_pages (ZxWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);
  GSettings *settings = zx_context_get_settings (self->context);
  g_autofree char *last_area = NULL;
  const ZxArea *areas;
  guint n_areas;

  if (gtk_widget_get_first_child (GTK_WIDGET (self->area_stack)) != NULL)
    return;

  areas = zx_areas_get (&n_areas);
  if (row != NULL)
    last_area = g_strdup (gtk_widget_get_name (GTK_WIDGET (row)));
  else if (settings != NULL)
    last_area = g_settings_get_string (settings, "last-area");
  ensure_area_page (self, last_area && zx_areas_lookup (last_area) ? last_area : areas[0].id);
}

/* Once the window is drawn: the first progress figures of a process read
 * every key result (about 0.1 s on a large hospital); later ones take a
 * few milliseconds.  Reading them now, at low priority, keeps that out of
 * opening the strategy map or the OKR area. */
static gboolean
warm_progress_cb (gpointer data)
{
  ZxWindow *self = data;
  g_autoptr(ZxProgressIndex) index = NULL;
  ZxProgressParams params;
  GDate today;

  self->warm_id = 0;
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  zx_progress_params_init_default (&params);
  index = zx_progress_index_new (self->store, &today, &params, NULL);
  return G_SOURCE_REMOVE;
}

static void
update_page (ZxWindow *self)
{
  if (zx_store_has_hospital (self->store))
    {
      if (self->warm_id == 0)
        self->warm_id = g_idle_add_full (G_PRIORITY_LOW, warm_progress_cb, self, NULL);
      ensure_area_pages (self);
      gtk_stack_set_visible_child_name (self->stack, "main");

      if (zx_bench_enabled () && !self->bench_armed)
        {
          self->bench_armed = TRUE;
          zx_bench_report_after_paint (GTK_WIDGET (self->area_stack));
        }
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "welcome");
      gtk_widget_grab_focus (GTK_WIDGET (self->welcome_page));
    }

  update_title (self);
}

static void
store_changed_cb (ZxWindow   *self,
                  const char *entity,
                  const char *id,
                  ZxStore    *store)
{
  if (g_strcmp0 (entity, "hospital") == 0)
    update_page (self);
}

static void
store_reloaded_cb (ZxWindow *self,
                   ZxStore  *store)
{
  update_page (self);
}

static void
follow_store (ZxWindow *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);

  update_page (self);
}

/* Sidebar ------------------------------------------------------------------- */

static GtkWidget *
create_sidebar_row (const ZxArea *area)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(area->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (area->icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, area->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(area->title),
                                  -1);
  return row;
}

static void
sidebar_row_selected_cb (ZxWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  const char *id;
  GSettings *settings = zx_context_get_settings (self->context);

  if (row == NULL)
    return;

  id = gtk_widget_get_name (GTK_WIDGET (row));
  ensure_area_page (self, id);
  gtk_stack_set_visible_child_name (self->area_stack, id);
  if (settings != NULL)
    g_settings_set_string (settings, "last-area", id);
}

static void
sidebar_row_activated_cb (ZxWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  sidebar_row_selected_cb (self, row, list);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
leaflet_folded_cb (ZxWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  /* Folded, the sidebar is a page of its own: nothing is selected there */
  if (adw_leaflet_get_folded (leaflet))
    gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_NONE);
  else
    {
      GtkWidget *row = NULL;
      const char *visible = gtk_stack_get_visible_child_name (self->area_stack);

      gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_BROWSE);
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (gtk_widget_get_name (child), visible) == 0)
          row = child;
      if (row != NULL)
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
    }
}

gboolean
zx_window_show_area (ZxWindow   *self,
                     const char *id)
{
  g_return_val_if_fail (ZX_IS_WINDOW (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), id) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));
        sidebar_row_activated_cb (self, GTK_LIST_BOX_ROW (child), self->sidebar_list);
        return TRUE;
      }

  return FALSE;
}

/* Backups ------------------------------------------------------------------- */

static void
task_progress_cb (double   fraction,
                  gpointer user_data)
{
  ZxWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->task_progress, CLAMP (fraction, 0, 1));
}

static void
task_begin (ZxWindow   *self,
            const char *label)
{
  g_cancellable_cancel (self->task_cancellable);
  g_clear_object (&self->task_cancellable);
  self->task_cancellable = g_cancellable_new ();

  gtk_label_set_label (self->task_label, label);
  gtk_progress_bar_set_fraction (self->task_progress, 0);
  gtk_revealer_set_reveal_child (self->task_revealer, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-backup", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-backup", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->task_cancel));
}

static void
task_end (ZxWindow *self)
{
  g_clear_object (&self->task_cancellable);
  gtk_revealer_set_reveal_child (self->task_revealer, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-backup", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-backup", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", TRUE);
}

static void
task_cancel_clicked_cb (ZxWindow  *self,
                        GtkButton *button)
{
  g_cancellable_cancel (self->task_cancellable);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, ZX_ERROR, ZX_ERROR_CANCELLED);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZxWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  task_end (self);

  if (!zx_backup_task_finish (result, &error))
    {
      if (is_cancelled (error))
        zx_window_add_toast (self, adw_toast_new (_("Export cancelled")));
      else
        zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Backup"), error->message);
      return;
    }

  zx_window_add_toast (self, adw_toast_new (_("Backup exported")));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ZxWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file == NULL)
    return;

  task_begin (self, _("Exporting backup…"));
  zx_backup_task_run_async (zx_store_get_path (self->store), ZX_BACKUP_TASK_EXPORT, file,
                            task_progress_cb, self, self->task_cancellable,
                            export_done, g_object_ref (self));
}

static void
export_backup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZxWindow *self = ZX_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the suggested file name of a backup; %s is today's date */
  g_autofree char *name = g_strdup_printf (_("zhixing-backup-%s.json"), date);

  dialog = gtk_file_chooser_native_new (_("Export Backup"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Zhixing backups (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZxWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  task_end (self);

  if (!zx_backup_task_finish (result, &error))
    {
      if (is_cancelled (error))
        zx_window_add_toast (self, adw_toast_new (_("Import cancelled; nothing was changed")));
      else
        zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Import the Backup"), error->message);
      return;
    }

  /* The worker wrote through its own connection: every view reloads */
  zx_store_notify_reloaded (self->store);
  zx_window_add_toast (self, adw_toast_new (_("Backup imported")));
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ZxWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file == NULL)
    return;

  task_begin (self, _("Importing backup…"));
  zx_backup_task_run_async (zx_store_get_path (self->store), ZX_BACKUP_TASK_IMPORT, file,
                            task_progress_cb, self, self->task_cancellable,
                            import_done, g_object_ref (self));
}

static void
import_backup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZxWindow *self = ZX_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = NULL;

  if (!zx_store_is_empty (self->store))
    {
      zx_show_error_dialog (widget, _("This Database Already Holds Data"),
                            _("A backup can only be imported into an empty database, so that nothing here is overwritten. "
                              "To restore a backup, start Zhixing with a new database file, for example “zhixing --database restored.db”, "
                              "and import it there."));
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Import Backup"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Zhixing backups (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Other actions ------------------------------------------------------------- */

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZxWindow *self = ZX_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = NULL;
  g_autofree char *path = zx_context_demo_database_path ();

  if (g_strcmp0 (path, zx_store_get_path (self->store)) == 0)
    {
      zx_window_add_toast (self, adw_toast_new (_("The demo hospital is already open")));
      return;
    }

  store = zx_context_open_demo_store (&error);
  if (store == NULL)
    {
      zx_show_error_dialog (widget, _("Could Not Open the Demo Hospital"), error->message);
      return;
    }

  zx_context_set_store (self->context, store);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZxWindow *self = ZX_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

static void
show_area_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  zx_window_show_area (ZX_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Sync ---------------------------------------------------------------------- */

/* The first sync replaced this computer's data: say where the copy is */
static void
sync_replaced_cb (ZxWindow      *self,
                  const char    *backup_path,
                  ZxSyncService *service)
{
  g_autofree char *name = g_path_get_basename (backup_path);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  /* Translators: %s is the file name of the copy of the data this computer
   * held, kept in the database's folder */
  text = g_strdup_printf (_("This computer now has the hospital’s data. The earlier data was kept as “%s”"), name);
  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Open Folder"));
  adw_toast_set_action_name (toast, "win.open-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (backup_path));
  zx_window_add_toast (self, toast);
}

static void
server_preferences_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ZxWindow *self = ZX_WINDOW (widget);

  zx_sync_show_server_preferences (widget, self->context);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = folder != NULL ? g_file_get_uri (folder) : NULL;

  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

/* GObject ------------------------------------------------------------------- */

static gboolean
zx_window_close_request (GtkWindow *window)
{
  ZxWindow *self = ZX_WINDOW (window);
  GSettings *settings = zx_context_get_settings (self->context);

  g_cancellable_cancel (self->task_cancellable);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (zx_window_parent_class)->close_request (window);
}

static void
zx_window_constructed (GObject *object)
{
  ZxWindow *self = ZX_WINDOW (object);
  GSettings *settings = zx_context_get_settings (self->context);
  const ZxArea *areas;
  guint n_areas;
  g_autofree char *last_area = NULL;

  G_OBJECT_CLASS (zx_window_parent_class)->constructed (object);

  if (settings != NULL)
    {
      int width = g_settings_get_int (settings, "window-width");
      int height = g_settings_get_int (settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last_area = g_settings_get_string (settings, "last-area");
    }

  areas = zx_areas_get (&n_areas);
  for (guint i = 0; i < n_areas; i++)
    gtk_list_box_append (self->sidebar_list, create_sidebar_row (&areas[i]));

  zx_welcome_page_set_context (self->welcome_page, self->context);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.server-preferences", settings != NULL);
  zx_sync_indicator_set_context (self->sync_indicator, self->context);
  zx_sync_indicator_set_context (self->welcome_sync_indicator, self->context);
  g_signal_connect_object (zx_context_get_sync_service (self->context), "replaced",
                           G_CALLBACK (sync_replaced_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);

  if (last_area == NULL || !zx_areas_lookup (last_area))
    {
      g_free (last_area);
      last_area = g_strdup (areas[0].id);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_name (child), last_area) == 0)
      gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
zx_window_dispose (GObject *object)
{
  ZxWindow *self = ZX_WINDOW (object);

  g_clear_handle_id (&self->warm_id, g_source_remove);
  /* The window's database is not synced any more once it closes */
  if (self->context != NULL)
    zx_context_shutdown (self->context);
  g_cancellable_cancel (self->task_cancellable);
  g_clear_object (&self->task_cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);


  G_OBJECT_CLASS (zx_window_parent_class)->dispose (object);
}

static void
zx_window_finalize (GObject *object)
{
  ZxWindow *self = ZX_WINDOW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_window_parent_class)->finalize (object);
}

static void
zx_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZxWindow *self = ZX_WINDOW (object);

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
zx_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ZxWindow *self = ZX_WINDOW (object);

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
zx_window_class_init (ZxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = zx_window_constructed;
  object_class->dispose = zx_window_dispose;
  object_class->finalize = zx_window_finalize;
  object_class->get_property = zx_window_get_property;
  object_class->set_property = zx_window_set_property;
  window_class->close_request = zx_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ZX_TYPE_WELCOME_PAGE);
  g_type_ensure (ZX_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/zx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, task_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, task_label);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, task_progress);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, task_cancel);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, area_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, ZxWindow, welcome_sync_indicator);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, task_cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.export-backup", NULL, export_backup_action);
  gtk_widget_class_install_action (widget_class, "win.import-backup", NULL, import_backup_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-area", "s", show_area_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.server-preferences", NULL, server_preferences_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.show-sidebar", NULL);
}

static void
zx_window_init (ZxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ZxWindow *
zx_window_new (ZxApplication *application,
               ZxContext     *context)
{
  g_return_val_if_fail (application == NULL || ZX_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

ZxContext *
zx_window_get_context (ZxWindow *self)
{
  g_return_val_if_fail (ZX_IS_WINDOW (self), NULL);
  return self->context;
}

void
zx_window_add_toast (ZxWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (ZX_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkWidget *
zx_window_get_area_page (ZxWindow   *self,
                         const char *id)
{
  g_return_val_if_fail (ZX_IS_WINDOW (self), NULL);
  return ensure_area_page (self, id);
}

const char *
zx_window_get_visible_page (ZxWindow *self)
{
  g_return_val_if_fail (ZX_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static ZxWindow *
find_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Editors are transient for the window */
  while (root != NULL && !ZX_IS_WINDOW (root) && GTK_IS_WINDOW (root))
    root = (GtkRoot *) gtk_window_get_transient_for (GTK_WINDOW (root));

  return root != NULL && ZX_IS_WINDOW (root) ? ZX_WINDOW (root) : NULL;
}

void
zx_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  ZxWindow *window = find_window (widget);

  if (window != NULL)
    zx_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}

void
zx_widget_show_message (GtkWidget  *widget,
                        const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  zx_widget_add_toast (widget, adw_toast_new (markup));
}

void
zx_page_add_view_shortcuts (GtkWidget          *page,
                            const char         *action,
                            const char * const *views)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Managed: the window runs it whatever has the focus, only while the
   * page is mapped (a hidden area's views do not answer) */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; views[i] != NULL && i < 9; i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                                                gtk_named_action_new (action));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (views[i]));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (page, controller);
}

void
zx_page_add_shortcut (GtkWidget  *page,
                      const char *accelerator,
                      const char *action)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (accelerator);

  g_return_if_fail (trigger != NULL);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger, gtk_named_action_new (action)));
  gtk_widget_add_controller (page, controller);
}

void
zx_show_error_dialog (GtkWidget  *widget,
                      const char *heading,
                      const char *message)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
