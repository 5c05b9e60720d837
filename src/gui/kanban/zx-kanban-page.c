/* zx-kanban-page.c — the Collaboration area: the board and the supervision list
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header holds New Request, search and the menu (Columns…, which
 * only the hospital office may change: read-only for anyone else); under it a filter bar (department and direction,
 * overdue, supervised, key result, and the count of requests shown) over
 * the board (ZxBoardView).  The second view is the office's supervision
 * list (ZxSupervisionView).
 */

#define G_LOG_DOMAIN "zx-kanban-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-account.h"
#include "zx-board-view.h"
#include "zx-card-editor.h"
#include "zx-kanban.h"
#include "zx-kanban-page.h"
#include "zx-supervision-view.h"
#include "zx-window.h"

struct _ZxKanbanPage
{
  AdwBin                parent_instance;

  ZxContext            *context;
  ZxStore              *store;
  GSettings            *settings;
  gboolean              folded;
  char                 *board_id;

  GPtrArray            *department_ids;
  GPtrArray            *kr_ids;
  gboolean              updating;
  guint                 refresh_id;
  gboolean              refresh_on_map;

  GtkWidget            *board_view;
  GtkWidget            *supervision_bin;
  GtkWidget            *supervision_view;   /* made when first shown */
  GtkWindow            *columns_window;     /* weak */

  /* template */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *department_dropdown;
  GtkDropDown          *direction_dropdown;
  GtkToggleButton      *overdue_button;
  GtkToggleButton      *supervised_button;
  GtkDropDown          *kr_dropdown;
  GtkLabel             *count_label;
  GtkStack             *board_stack;
  AdwBin               *board_bin;
  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (ZxKanbanPage, zx_kanban_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_columns_window (ZxKanbanPage *self);

/* Helpers -------------------------------------------------------------------------------- */

static void
present (ZxKanbanPage *self,
         GtkWidget    *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

/* The department of the signed-in staff member, or NULL */
static char *
actor_department (ZxKanbanPage *self)
{
  g_autofree char *account_staff = NULL;
  const char *actor = zx_account_get (self->context, NULL, NULL, &account_staff)
                      ? account_staff : zx_store_get_actor (self->store);
  g_autoptr(JsonObject) staff = actor != NULL ? zx_store_get (self->store, "staff", actor, NULL) : NULL;

  if (staff == NULL || json_object_get_boolean_member_with_default (staff, ZX_COLUMN_DELETED, FALSE))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (staff, "department_id", NULL));
}

static const char *
selected_id (GtkDropDown *dropdown,
             GPtrArray   *ids)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  /* the first entry is “any” */
  if (position == GTK_INVALID_LIST_POSITION || position == 0 || position - 1 >= ids->len)
    return NULL;
  return g_ptr_array_index (ids, position - 1);
}

static void
select_id (GtkDropDown *dropdown,
           GPtrArray   *ids,
           const char  *id)
{
  guint position = 0;

  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      position = i + 1;
  gtk_drop_down_set_selected (dropdown, position);
}

static const char *
department_of_filter (ZxKanbanPage *self)
{
  return selected_id (self->department_dropdown, self->department_ids);
}

/* Filters ------------------------------------------------------------------------------------ */

static void
update_count (ZxKanbanPage *self)
{
  ZxBoardView *board = ZX_BOARD_VIEW (self->board_view);
  guint n = zx_board_view_get_total (board);
  g_autofree char *text = NULL;
  gboolean filtered = department_of_filter (self) != NULL ||
                      gtk_toggle_button_get_active (self->overdue_button) ||
                      gtk_toggle_button_get_active (self->supervised_button) ||
                      selected_id (self->kr_dropdown, self->kr_ids) != NULL ||
                      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  if (filtered)
    /* Translators: the number of requests the filters let through */
    text = g_strdup_printf (ngettext ("%u request shown", "%u requests shown", n), n);
  else
    text = g_strdup_printf (ngettext ("%u request", "%u requests", n), n);
  gtk_label_set_label (self->count_label, text);
}

static void
apply_filter (ZxKanbanPage *self)
{
  ZxBoardFilter filter = { 0 };

  if (self->updating || self->board_view == NULL)
    return;
  filter.department_id = department_of_filter (self);
  filter.direction = (ZxBoardDirection) gtk_drop_down_get_selected (self->direction_dropdown);
  if ((guint) filter.direction > ZX_BOARD_DIRECTION_OUTGOING)
    filter.direction = ZX_BOARD_DIRECTION_BOTH;
  filter.overdue_only = gtk_toggle_button_get_active (self->overdue_button);
  filter.supervised_only = gtk_toggle_button_get_active (self->supervised_button);
  filter.key_result_id = selected_id (self->kr_dropdown, self->kr_ids);
  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gtk_widget_set_sensitive (GTK_WIDGET (self->direction_dropdown), filter.department_id != NULL);
  zx_board_view_set_filter (ZX_BOARD_VIEW (self->board_view), &filter);
  update_count (self);
}

static void
department_selected_cb (ZxKanbanPage *self)
{
  if (self->updating || self->board_view == NULL)
    return;
  /* A department chosen becomes "your department" (reminders, the next
   * start); looking at all of them for a while does not forget it */
  if (self->settings != NULL)
    {
      const char *id = department_of_filter (self);

      if (id != NULL)
        g_settings_set_string (self->settings, "kanban-department", id);
    }
  apply_filter (self);
}

/* Your department chosen in the preferences: the board shows it */
static void
department_setting_changed_cb (ZxKanbanPage *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "kanban-department");

  if (*id == '\0' || self->board_view == NULL || g_strcmp0 (id, department_of_filter (self)) == 0)
    return;
  self->updating = TRUE;
  select_id (self->department_dropdown, self->department_ids, id);
  self->updating = FALSE;
  apply_filter (self);
}

static GtkExpression *
string_expression (void)
{
  return gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
}

static void
fill_departments (ZxKanbanPage *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (department_of_filter (self));

  if (keep == NULL && self->settings != NULL)
    {
      keep = g_settings_get_string (self->settings, "kanban-department");
      if (*keep == '\0')
        g_clear_pointer (&keep, g_free);
    }

  g_ptr_array_set_size (self->department_ids, 0);
  gtk_string_list_append (names, _("All Departments"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (departments)); i++)
    {
      g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (departments), i);

      gtk_string_list_append (names, zx_record_get_string (department, "name"));
      g_ptr_array_add (self->department_ids, g_strdup (zx_record_get_id (department)));
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (names));
  select_id (self->department_dropdown, self->department_ids, keep);
  self->updating = FALSE;
}

static void
fill_key_results (ZxKanbanPage *self)
{
  g_autoptr(GPtrArray) ids = zx_board_view_get_key_result_ids (ZX_BOARD_VIEW (self->board_view));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (selected_id (self->kr_dropdown, self->kr_ids));
  gboolean same = ids->len == self->kr_ids->len;

  for (guint i = 0; same && i < ids->len; i++)
    same = g_str_equal (g_ptr_array_index (ids, i), g_ptr_array_index (self->kr_ids, i));
  if (same && gtk_drop_down_get_model (self->kr_dropdown) != NULL)
    return;

  g_ptr_array_set_size (self->kr_ids, 0);
  gtk_string_list_append (names, _("Any Key Result"));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *title = zx_board_view_get_key_result_title (ZX_BOARD_VIEW (self->board_view), id);

      gtk_string_list_append (names, title != NULL ? title : "");
      g_ptr_array_add (self->kr_ids, g_strdup (id));
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->kr_dropdown, G_LIST_MODEL (names));
  select_id (self->kr_dropdown, self->kr_ids, keep);
  self->updating = FALSE;
  /* the key result chosen may have gone */
  if (keep != NULL && selected_id (self->kr_dropdown, self->kr_ids) == NULL)
    apply_filter (self);
}

/* The KR dropdown's items: the title, ellipsized, so a long one does not
 * widen the bar */
static void
kr_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (data));
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (GPOINTER_TO_INT (data), 14));
  gtk_list_item_set_child (item, label);
}

static void
kr_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
ellipsizing_factory (int max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (kr_setup_cb), GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (kr_bind_cb), NULL);
  return factory;
}

/* Permissions: turn off what the account (or the actor) may not do; the
 * columns dialog opens for everyone, read-only for who may not change
 * the columns */
static void
update_actions (ZxKanbanPage *self)
{
  g_autofree char *department = actor_department (self);
  g_autofree char *refusal = zx_account_kanban_refusal (self->context, ZX_KANBAN_CREATE, NULL, department);
  gboolean board = self->board_id != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kanban.new-request", board && refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kanban.columns", board);
}

static gboolean
refresh_cb (gpointer data)
{
  ZxKanbanPage *self = data;

  self->refresh_id = 0;
  fill_key_results (self);
  update_count (self);
  update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (ZxKanbanPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock,
                ZxKanbanPage  *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  schedule_refresh (self);
}

/* Refreshes after the next frame is painted (now when there is none to come) */
static void
refresh_after_paint (ZxKanbanPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      self->refresh_on_map = TRUE;
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
map_cb (ZxKanbanPage *self)
{
  if (self->refresh_on_map)
    {
      self->refresh_on_map = FALSE;
      refresh_after_paint (self);
    }
}

/* The store --------------------------------------------------------------------------------- */

static void
load_board (ZxKanbanPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->board_id, g_free);
  self->board_id = zx_kanban_ensure_board (self->store, &error);
  if (self->board_id == NULL)
    {
      adw_status_page_set_description (self->empty_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->board_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->board_stack, "board");
  zx_board_view_set_board (ZX_BOARD_VIEW (self->board_view), self->board_id);
  if (self->supervision_view != NULL)
    zx_supervision_view_set_board (ZX_SUPERVISION_VIEW (self->supervision_view), self->board_id);
  fill_departments (self);
  /* the key results' list once the board is on screen: its dropdown makes
   * rows for up to 200 of them at once */
  g_ptr_array_set_size (self->kr_ids, 0);
  gtk_drop_down_set_model (self->kr_dropdown, NULL);
  refresh_after_paint (self);
  apply_filter (self);
  update_actions (self);
}

static const char * const account_keys[] = {
  "changed::account-role", "changed::account-department", "changed::account-staff",
};

static void
account_changed_cb (ZxKanbanPage *self)
{
  update_actions (self);
  if (self->columns_window != NULL)
    rebuild_columns_window (self);
}

static void
store_changed_cb (ZxKanbanPage *self,
                  const char   *entity,
                  const char   *id)
{
  if (g_str_equal (entity, "department"))
    {
      fill_departments (self);
      apply_filter (self);
    }
  else if (g_str_equal (entity, "board_column") && self->columns_window != NULL)
    rebuild_columns_window (self);
  if (g_str_equal (entity, "card") || g_str_equal (entity, "key_result") || g_str_equal (entity, "staff") ||
      g_str_equal (entity, "board_column"))
    schedule_refresh (self);
}

static void
follow_store (ZxKanbanPage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (store == self->store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (load_board), self, G_CONNECT_SWAPPED);
  if (self->columns_window != NULL)
    gtk_window_destroy (self->columns_window);
  load_board (self);
}

/* The columns dialog (the hospital office's; read-only for anyone else) ------------------------------ */

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* Why the account may not change the columns of the board (a row of
 * @scope; NULL: the board's), or NULL: the server's role table for
 * board_column rows, then the board's own rule (the office) */
static char *
columns_refusal (ZxKanbanPage *self,
                 const char   *scope)
{
  g_autoptr(JsonObject) board = NULL;
  char *refusal;

  if (scope == NULL && self->board_id != NULL &&
      (board = zx_store_get (self->store, "board", self->board_id, NULL)) != NULL)
    scope = json_object_get_string_member_with_default (board, ZX_COLUMN_SCOPE, NULL);
  refusal = zx_account_write_refusal (self->context, "board_column", scope, NULL);
  if (refusal == NULL)
    refusal = zx_account_kanban_refusal (self->context, ZX_KANBAN_COLUMNS, NULL, NULL);
  return refusal;
}

/* Refuses a change to the columns the account may not make, with the
 * reason: the dialog is read-only then, this is for a change already
 * under way when the account changed */
static gboolean
columns_refused (ZxKanbanPage *self,
                 GtkWidget    *widget,
                 const char   *heading)
{
  g_autofree char *refusal = columns_refusal (self, NULL);

  if (refusal == NULL)
    return FALSE;
  zx_show_error_dialog (widget, heading, refusal);
  return TRUE;
}

/* @widget read-only with @refusal as its tooltip (NULL: unchanged) */
static void
read_only (GtkWidget  *widget,
           const char *refusal)
{
  if (refusal == NULL)
    return;
  gtk_widget_set_sensitive (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, refusal);
}

static void
column_failed (GtkWidget  *widget,
               const char *heading,
               GError     *error)
{
  zx_show_error_dialog (widget, heading, error->message);
}

static void
rename_applied_cb (AdwEntryRow  *row,
                   ZxKanbanPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (row), "column-id");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (columns_refused (self, GTK_WIDGET (row), _("Could Not Rename the Column")))
    return;
  if (!zx_kanban_rename_column (self->store, id, name, &error))
    column_failed (GTK_WIDGET (row), _("Could Not Rename the Column"), error);
}

static void
move_column_cb (GtkButton    *button,
                ZxKanbanPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (button), "column-id");
  const char *before = g_object_get_data (G_OBJECT (button), "before-id");
  const char *after = g_object_get_data (G_OBJECT (button), "after-id");

  if (columns_refused (self, GTK_WIDGET (button), _("Could Not Move the Column")))
    return;
  if (!zx_kanban_move_column (self->store, id, before, after, &error))
    column_failed (GTK_WIDGET (button), _("Could Not Move the Column"), error);
}

static void
archive_column_cb (GtkButton    *button,
                   ZxKanbanPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (button), "column-id");
  gboolean archive = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "archive"));

  if (columns_refused (self, GTK_WIDGET (button),
                       archive ? _("Could Not Archive the Column") : _("Could Not Restore the Column")))
    return;
  if (!zx_kanban_archive_column (self->store, id, archive, &error))
    column_failed (GTK_WIDGET (button), archive ? _("Could Not Archive the Column") : _("Could Not Restore the Column"),
                   error);
}

static void
add_column_cb (AdwEntryRow  *row,
               ZxKanbanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *id = NULL;

  if (*name == '\0' || columns_refused (self, GTK_WIDGET (row), _("Could Not Add the Column")))
    return;
  id = zx_kanban_add_column (self->store, self->board_id, name, NULL, &error);
  if (id == NULL)
    column_failed (GTK_WIDGET (row), _("Could Not Add the Column"), error);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
set_id_data (GObject    *object,
             const char *key,
             const char *id)
{
  g_object_set_data_full (object, key, g_strdup (id), g_free);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
rebuild_columns_window (ZxKanbanPage *self)
{
  GtkListBox *live = g_object_get_data (G_OBJECT (self->columns_window), "live-list");
  GtkListBox *archived = g_object_get_data (G_OBJECT (self->columns_window), "archived-list");
  GtkWidget *archived_group = g_object_get_data (G_OBJECT (self->columns_window), "archived-group");
  GtkWidget *add = g_object_get_data (G_OBJECT (self->columns_window), "add-row");
  GtkWidget *reason = g_object_get_data (G_OBJECT (self->columns_window), "reason-label");
  g_autofree char *board_refusal = columns_refusal (self, NULL);
  g_autoptr(GPtrArray) all = zx_kanban_list_columns (self->store, self->board_id, TRUE);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->columns_window));
  g_autofree char *focus_id = NULL;
  g_autofree char *focus_kind = NULL;
  guint n_archived = 0;

  /* keep the focus on the same column's row or button across the rebuild */
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "column-id") != NULL)
      {
        focus_id = g_strdup (g_object_get_data (G_OBJECT (w), "column-id"));
        focus_kind = g_strdup (g_object_get_data (G_OBJECT (w), "kind"));
        break;
      }

  /* read-only, with the reason, for an account that may not change them */
  gtk_widget_set_sensitive (add, board_refusal == NULL);
  gtk_widget_set_tooltip_text (add, board_refusal);
  gtk_label_set_label (GTK_LABEL (reason), board_refusal != NULL ? board_refusal : "");
  gtk_widget_set_visible (reason, board_refusal != NULL);

  clear_list (live);
  clear_list (archived);
  for (guint i = 0; all != NULL && i < all->len; i++)
    if (!zx_record_get_bool (g_ptr_array_index (all, i), "archived"))
      g_ptr_array_add (shown, g_ptr_array_index (all, i));

  for (guint i = 0; i < shown->len; i++)
    {
      ZxRecord *column = g_ptr_array_index (shown, i);
      const char *id = zx_record_get_id (column);
      g_autofree char *refusal = columns_refusal (self, zx_record_get_string (column, ZX_COLUMN_SCOPE));
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *up, *down, *archive;
      /* Translators: the label of a column's name in the Columns dialog: its position */
      g_autofree char *title = g_strdup_printf (_("Column %u"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), zx_record_get_string (column, "name"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      set_id_data (G_OBJECT (row), "column-id", id);
      set_id_data (G_OBJECT (row), "kind", "name");
      g_signal_connect (row, "apply", G_CALLBACK (rename_applied_cb), self);

      if (zx_record_get_bool (column, "is_done"))
        {
          GtkWidget *done = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

          gtk_widget_add_css_class (done, "success");
          gtk_widget_set_tooltip_text (done, _("Requests here count as done"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Requests here count as done"), -1);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), done);
        }

      up = icon_button ("go-up-symbolic", _("Move Up"));
      set_id_data (G_OBJECT (up), "column-id", id);
      set_id_data (G_OBJECT (up), "kind", "up");
      if (i > 0)
        {
          set_id_data (G_OBJECT (up), "before-id", i >= 2 ? zx_record_get_id (g_ptr_array_index (shown, i - 2)) : NULL);
          set_id_data (G_OBJECT (up), "after-id", zx_record_get_id (g_ptr_array_index (shown, i - 1)));
        }
      gtk_widget_set_sensitive (up, i > 0);
      g_signal_connect (up, "clicked", G_CALLBACK (move_column_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), up);

      down = icon_button ("go-down-symbolic", _("Move Down"));
      set_id_data (G_OBJECT (down), "column-id", id);
      set_id_data (G_OBJECT (down), "kind", "down");
      if (i + 1 < shown->len)
        {
          set_id_data (G_OBJECT (down), "before-id", zx_record_get_id (g_ptr_array_index (shown, i + 1)));
          set_id_data (G_OBJECT (down), "after-id",
                       i + 2 < shown->len ? zx_record_get_id (g_ptr_array_index (shown, i + 2)) : NULL);
        }
      gtk_widget_set_sensitive (down, i + 1 < shown->len);
      g_signal_connect (down, "clicked", G_CALLBACK (move_column_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), down);

      /* Translators: a button archiving a board column */
      archive = gtk_button_new_with_label (C_("column", "Archive"));
      gtk_widget_set_valign (archive, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (archive, "flat");
      {
        /* Translators: the tooltip of a column's Archive button */
        g_autofree char *tip = g_strdup_printf (_("Archive “%s”: hide it from the board"), zx_record_get_string (column, "name"));

        gtk_widget_set_tooltip_text (archive, tip);
      }
      set_id_data (G_OBJECT (archive), "column-id", id);
      set_id_data (G_OBJECT (archive), "kind", "archive");
      g_object_set_data (G_OBJECT (archive), "archive", GINT_TO_POINTER (TRUE));
      g_signal_connect (archive, "clicked", G_CALLBACK (archive_column_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), archive);
      read_only (row, refusal);
      read_only (up, refusal);
      read_only (down, refusal);
      read_only (archive, refusal);

      gtk_list_box_append (live, row);
      if (focus_id != NULL && g_str_equal (focus_id, id))
        {
          GtkWidget *target = g_strcmp0 (focus_kind, "up") == 0 ? up
                              : g_strcmp0 (focus_kind, "down") == 0 ? down
                              : g_strcmp0 (focus_kind, "archive") == 0 ? archive : row;

          if (!gtk_widget_get_sensitive (target))
            target = row;
          gtk_widget_grab_focus (target);
        }
    }

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      ZxRecord *column = g_ptr_array_index (all, i);
      GtkWidget *row, *restore;
      g_autofree char *name = NULL;

      if (!zx_record_get_bool (column, "archived"))
        continue;
      n_archived++;
      row = adw_action_row_new ();
      name = g_markup_escape_text (zx_record_get_string (column, "name"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      restore = gtk_button_new_with_mnemonic (_("_Restore"));
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      set_id_data (G_OBJECT (restore), "column-id", zx_record_get_id (column));
      g_object_set_data (G_OBJECT (restore), "archive", GINT_TO_POINTER (FALSE));
      g_signal_connect (restore, "clicked", G_CALLBACK (archive_column_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
      {
        g_autofree char *refusal = columns_refusal (self, zx_record_get_string (column, ZX_COLUMN_SCOPE));

        read_only (restore, refusal);
        if (refusal != NULL)
          gtk_widget_set_tooltip_text (row, refusal);
      }
      gtk_list_box_append (archived, row);
    }
  gtk_widget_set_visible (archived_group, n_archived > 0);
}

static GtkWidget *
dialog_group (GtkBox     *box,
              const char *title,
              const char *description,
              GtkWidget **list_out)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (group), heading);
  if (description != NULL)
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (group), label);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (group), list);
  gtk_box_append (box, group);
  *list_out = list;
  return group;
}

static void
columns_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (widget);
  GtkWidget *window, *toolbar, *header, *scroller, *clamp, *box, *list, *group, *add, *reason;
  GtkEventController *keys;

  if (self->board_id == NULL)
    return;
  if (self->columns_window != NULL)
    {
      gtk_window_present (self->columns_window);
      return;
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Columns"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 600);
  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (toolbar), header);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);

  /* why the columns are read-only, for an account that may not change them */
  reason = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_widget_set_visible (reason, FALSE);
  gtk_box_append (GTK_BOX (box), reason);
  g_object_set_data (G_OBJECT (window), "reason-label", reason);

  dialog_group (GTK_BOX (box), _("Columns of the Board"),
                _("The board shows the columns left to right in this order. Rename a column and press Enter, move it, "
                  "or archive it once it holds no requests."),
                &list);
  g_object_set_data (G_OBJECT (window), "live-list", list);

  dialog_group (GTK_BOX (box), _("Add a Column"), NULL, &list);
  add = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Name of the new column"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
  g_signal_connect (add, "apply", G_CALLBACK (add_column_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), add);
  g_object_set_data (G_OBJECT (window), "add-row", add);

  group = dialog_group (GTK_BOX (box), _("Archived Columns"), NULL, &list);
  g_object_set_data (G_OBJECT (window), "archived-list", list);
  g_object_set_data (G_OBJECT (window), "archived-group", group);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  adw_window_set_content (ADW_WINDOW (window), toolbar);

  /* Escape closes */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  self->columns_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->columns_window);
  rebuild_columns_window (self);
  present (self, window);
}

/* Actions ---------------------------------------------------------------------------------------- */

static void
new_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (widget);
  g_autofree char *department = actor_department (self);

  if (self->board_id == NULL)
    return;
  /* a staff member asks from their own department; anyone else from the
   * department the board is filtered to */
  present (self, zx_card_editor_new (self->context, self->board_id, NULL,
                                     department != NULL ? department : department_of_filter (self)));
}

static void
card_activated_cb (ZxKanbanPage *self,
                   ZxRecord     *card)
{
  present (self, zx_card_editor_new (self->context, self->board_id, card, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (widget);

  zx_kanban_page_set_view (self, "board");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (widget);

  if (!zx_board_view_undo (ZX_BOARD_VIEW (self->board_view)))
    gtk_widget_error_bell (widget);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (widget);

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->department_dropdown, 0);
  gtk_drop_down_set_selected (self->direction_dropdown, 0);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);
  gtk_toggle_button_set_active (self->supervised_button, FALSE);
  gtk_drop_down_set_selected (self->kr_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  self->updating = FALSE;
  department_selected_cb (self);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  zx_kanban_page_set_view (ZX_KANBAN_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
view_changed_cb (ZxKanbanPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean board = g_strcmp0 (name, "board") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->search_button), board);
  if (g_strcmp0 (name, "supervision") == 0 && self->supervision_view == NULL)
    {
      self->supervision_view = zx_supervision_view_new (self->context);
      zx_supervision_view_set_board (ZX_SUPERVISION_VIEW (self->supervision_view), self->board_id);
      adw_bin_set_child (ADW_BIN (self->supervision_bin), self->supervision_view);
    }
}

/* GObject ---------------------------------------------------------------------------------------- */

static void
zx_kanban_page_constructed (GObject *object)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (object);
  g_autoptr(GtkStringList) directions = NULL;
  AdwViewStackPage *page;

  G_OBJECT_CLASS (zx_kanban_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->settings = zx_context_get_settings (self->context);
  if (self->settings != NULL)
    {
      g_object_ref (self->settings);
      g_signal_connect_object (self->settings, "changed::kanban-department",
                               G_CALLBACK (department_setting_changed_cb), self, G_CONNECT_SWAPPED);
      /* signing in or out changes what the account may do */
      for (guint i = 0; i < G_N_ELEMENTS (account_keys); i++)
        g_signal_connect_object (self->settings, account_keys[i], G_CALLBACK (account_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (zx_context_get_sync_service (self->context), "notify::state",
                           G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);

  directions = gtk_string_list_new (NULL);
  /* Translators: the direction filter of the board: requests to and from the department */
  gtk_string_list_append (directions, C_("requests", "Incoming and Outgoing"));
  /* Translators: the direction filter of the board: requests to the department (it supports them) */
  gtk_string_list_append (directions, C_("requests", "Incoming"));
  /* Translators: the direction filter of the board: requests the department made */
  gtk_string_list_append (directions, C_("requests", "Outgoing"));
  gtk_drop_down_set_model (self->direction_dropdown, G_LIST_MODEL (directions));

  self->board_view = zx_board_view_new (self->context);
  adw_bin_set_child (self->board_bin, self->board_view);
  /* typing on the board searches */
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->board_view);
  g_signal_connect_object (self->board_view, "card-activated", G_CALLBACK (card_activated_cb), self, G_CONNECT_SWAPPED);

  /* the supervision list is made when first shown: opening the board
   * does not pay for it */
  self->supervision_bin = adw_bin_new ();
  page = adw_view_stack_add_titled (self->view_stack, self->supervision_bin, "supervision",
                                    /* Translators: the view of the supervised and overdue requests (督办) */
                                    C_("view", "Supervision"));
  adw_view_stack_page_set_icon_name (page, "task-past-due-symbolic");

  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
  view_changed_cb (self);
}

static void
zx_kanban_page_dispose (GObject *object)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->columns_window != NULL)
    gtk_window_destroy (self->columns_window);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_KANBAN_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (zx_kanban_page_parent_class)->dispose (object);
}

static void
zx_kanban_page_finalize (GObject *object)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (object);

  g_free (self->board_id);
  g_ptr_array_unref (self->department_ids);
  g_ptr_array_unref (self->kr_ids);
  G_OBJECT_CLASS (zx_kanban_page_parent_class)->finalize (object);
}

static void
zx_kanban_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_kanban_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZxKanbanPage *self = ZX_KANBAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_kanban_page_class_init (ZxKanbanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_kanban_page_constructed;
  object_class->dispose = zx_kanban_page_dispose;
  object_class->finalize = zx_kanban_page_finalize;
  object_class->get_property = zx_kanban_page_get_property;
  object_class->set_property = zx_kanban_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhixing/Zhixing/kanban/zx-kanban-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, department_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, supervised_button);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, kr_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, board_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, board_bin);
  gtk_widget_class_bind_template_child (widget_class, ZxKanbanPage, empty_page);

  gtk_widget_class_install_action (widget_class, "kanban.new-request", NULL, new_request_action);
  gtk_widget_class_install_action (widget_class, "kanban.columns", NULL, columns_action);
  gtk_widget_class_install_action (widget_class, "kanban.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "kanban.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "kanban.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "kanban.show-view", "s", show_view_action);

  gtk_widget_class_set_css_name (widget_class, "zx-kanban-page");
}

static void
zx_kanban_page_init (ZxKanbanPage *self)
{
  static const char * const views[] = { "board", "supervision", NULL };

  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  self->kr_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  zx_page_add_view_shortcuts (GTK_WIDGET (self), "kanban.show-view", views);
  /* wherever the focus is in the window while the page is shown (a text
   * field's own Ctrl+Z comes first) */
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>n", "kanban.new-request");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>f", "kanban.search");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>z", "kanban.undo");

  gtk_drop_down_set_expression (self->department_dropdown, string_expression ());
  gtk_drop_down_set_expression (self->kr_dropdown, string_expression ());
  {
    g_autoptr(GtkListItemFactory) button = ellipsizing_factory (18);
    g_autoptr(GtkListItemFactory) list = ellipsizing_factory (40);

    gtk_drop_down_set_factory (self->kr_dropdown, button);
    gtk_drop_down_set_list_factory (self->kr_dropdown, list);
  }
  {
    g_autoptr(GtkListItemFactory) button = ellipsizing_factory (16);
    g_autoptr(GtkListItemFactory) list = ellipsizing_factory (30);

    gtk_drop_down_set_factory (self->department_dropdown, button);
    gtk_drop_down_set_list_factory (self->department_dropdown, list);
  }

  g_signal_connect_swapped (self->department_dropdown, "notify::selected", G_CALLBACK (department_selected_cb), self);
  g_signal_connect_swapped (self->direction_dropdown, "notify::selected", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->kr_dropdown, "notify::selected", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->overdue_button, "toggled", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->supervised_button, "toggled", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (apply_filter), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (view_changed_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

GtkWidget *
zx_kanban_page_new (ZxContext *context)
{
  return g_object_new (ZX_TYPE_KANBAN_PAGE, "context", context, NULL);
}

const char *
zx_kanban_page_get_board_id (ZxKanbanPage *self)
{
  g_return_val_if_fail (ZX_IS_KANBAN_PAGE (self), NULL);
  return self->board_id;
}

ZxBoardView *
zx_kanban_page_get_board_view (ZxKanbanPage *self)
{
  g_return_val_if_fail (ZX_IS_KANBAN_PAGE (self), NULL);
  return ZX_BOARD_VIEW (self->board_view);
}

void
zx_kanban_page_set_view (ZxKanbanPage *self,
                         const char   *name)
{
  g_return_if_fail (ZX_IS_KANBAN_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
zx_kanban_page_set_department (ZxKanbanPage     *self,
                               const char       *department_id,
                               ZxBoardDirection  direction)
{
  g_return_if_fail (ZX_IS_KANBAN_PAGE (self));

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->direction_dropdown, direction);
  select_id (self->department_dropdown, self->department_ids, department_id);
  self->updating = FALSE;
  department_selected_cb (self);
}
