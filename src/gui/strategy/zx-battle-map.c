/* zx-battle-map.c — one department's battle map and its yearly pledge
 *
 * A department head picks the department, sees its battles (what pillar
 * each serves, its measurable target, owner, deadline and status) and the
 * state of this year's pledge (军令状): signed by whom and when, or not
 * signed.  From here the pledge is printed, exported as PDF, and its
 * signing recorded.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-battle-map"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-battle-editor.h"
#include "zx-battle-map.h"
#include "zx-pledge-document.h"
#include "zx-pledge-editor.h"
#include "zx-print-operation.h"
#include "zx-deletion.h"
#include "zx-window.h"

struct _ZxBattleMap
{
  AdwBin               parent_instance;

  ZxContext           *context;
  ZxStore             *store;
  int                  year;

  char                *department_id;
  GPtrArray           *department_ids;    /* parallel to the drop-down */
  gboolean             updating_departments;

  GListStore          *battles;
  GtkSingleSelection  *selection;
  ZxRecord            *pledge;
  GHashTable          *pillar_names;      /* id → name */
  GHashTable          *staff_names;       /* id → name */

  GtkWidget           *row_popover;
  GtkFileChooserNative *chooser;

  ZxDeletion          *deletion;   /* the last deletion, for Undo */

  /* Template widgets */
  GtkDropDown         *department_dropdown;
  GtkButton           *add_button;
  GtkLabel            *count_label;
  AdwPreferencesGroup *pledge_group;
  AdwActionRow        *pledge_row;
  GtkLabel            *pledge_tag;
  GtkButton           *sign_button;
  GtkButton           *print_button;
  GtkButton           *export_button;
  GtkStack            *battle_stack;
  GtkColumnView       *battle_view;
  AdwStatusPage       *battle_empty;
  GMenuModel          *row_menu;
};

G_DEFINE_FINAL_TYPE (ZxBattleMap, zx_battle_map, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = {
  "zx-status-planned", "zx-status-in_progress", "zx-status-at_risk",
  "zx-status-achieved", "zx-status-dropped", "zx-status-signed", "zx-status-unsigned",
};

/* Tags for statuses follow libadwaita's named colours, so they work in
 * dark and high-contrast styles too. */
static const char tag_css[] =
  ".zx-status-tag { border-radius: 999px; padding: 1px 10px; font-weight: bold; font-size: 0.9em; }\n"
  ".zx-status-planned { background-color: alpha(currentColor, 0.1); }\n"
  ".zx-status-in_progress { background-color: alpha(@accent_bg_color, 0.18); color: @accent_color; }\n"
  ".zx-status-at_risk { background-color: alpha(@warning_bg_color, 0.22); color: @warning_color; }\n"
  ".zx-status-achieved { background-color: alpha(@success_bg_color, 0.22); color: @success_color; }\n"
  ".zx-status-dropped { background-color: alpha(currentColor, 0.06); color: alpha(currentColor, 0.55); }\n"
  ".zx-status-signed { background-color: alpha(@success_bg_color, 0.22); color: @success_color; }\n"
  ".zx-status-unsigned { background-color: alpha(@error_bg_color, 0.18); color: @error_color; }\n"
  "zx-battle-map columnview.data-table { background-color: transparent; }\n"
  "zx-battle-map columnview > listview > row > cell { padding-left: 12px; padding-right: 12px; }\n"
  ".zx-text-field { background-color: transparent; }\n";

static void
ensure_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done || gdk_display_get_default () == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, tag_css, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
set_tag (GtkLabel   *label,
         const char *css_class,
         const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  gtk_label_set_label (label, text);
}

/* Columns ------------------------------------------------------------------- */

typedef enum
{
  COLUMN_NAME,
  COLUMN_PILLAR,
  COLUMN_TARGET,
  COLUMN_OWNER,
  COLUMN_DEADLINE,
  COLUMN_STATUS,
} ColumnKind;

static const struct
{
  ColumnKind  kind;
  const char *title;
  gboolean    expand;
} columns[] = {
  { COLUMN_NAME, N_("Battle"), TRUE },
  { COLUMN_PILLAR, N_("Pillar served"), FALSE },
  { COLUMN_TARGET, N_("Measurable target"), TRUE },
  { COLUMN_OWNER, N_("Owner"), FALSE },
  { COLUMN_DEADLINE, N_("Deadline"), FALSE },
  { COLUMN_STATUS, N_("Status"), FALSE },
};

static const char *
lookup_name (GHashTable *names,
             const char *id)
{
  return id != NULL ? g_hash_table_lookup (names, id) : NULL;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  kind)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (kind) == COLUMN_STATUS)
    {
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "zx-status-tag");
    }
  if (GPOINTER_TO_INT (kind) == COLUMN_DEADLINE)
    gtk_widget_add_css_class (label, "numeric");
  g_object_set_data (G_OBJECT (label), "zx-list-item", item);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  kind)
{
  ZxBattleMap *self = g_object_get_data (G_OBJECT (factory), "zx-battle-map");
  ZxRecord *record = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *text = NULL;

  switch (GPOINTER_TO_INT (kind))
    {
    case COLUMN_NAME:
      text = zx_record_get_string (record, "name");
      break;
    case COLUMN_PILLAR:
      text = lookup_name (self->pillar_names, zx_record_get_string (record, "pillar_id"));
      break;
    case COLUMN_TARGET:
      text = zx_record_get_string (record, "target");
      break;
    case COLUMN_OWNER:
      text = lookup_name (self->staff_names, zx_record_get_string (record, "owner_id"));
      break;
    case COLUMN_DEADLINE:
      text = zx_record_get_string (record, "deadline");
      break;
    case COLUMN_STATUS:
      {
        const char *status = zx_record_get_string (record, "status");
        g_autofree char *css = g_strconcat ("zx-status-", status ? status : "planned", NULL);

        set_tag (label, css, zx_battle_status_label (status));
        return;
      }
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static void
add_columns (ZxBattleMap *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "zx-battle-map", self);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (columns[i].kind));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (columns[i].kind));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->battle_view, column);
    }
}

/* The pledge ------------------------------------------------------------------ */

static void
update_pledge (ZxBattleMap *self)
{
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean has_department = self->department_id != NULL;

  g_clear_object (&self->pledge);
  if (has_department)
    {
      g_autofree char *year = g_strdup_printf ("%d", self->year);
      const char *params[] = { self->department_id, year, NULL };
      g_autoptr(GListStore) pledges = zx_store_list (self->store, "pledge", "department_id = ? AND year = ?", params);

      if (g_list_model_get_n_items (G_LIST_MODEL (pledges)) > 0)
        self->pledge = g_list_model_get_item (G_LIST_MODEL (pledges), 0);
    }

  /* Translators: the heading of the pledge (军令状) part of a battle map */
  heading = g_strdup_printf (_("Pledge for %d"), self->year);
  adw_preferences_group_set_title (self->pledge_group, heading);

  if (self->pledge != NULL && !zx_record_is_null (self->pledge, "signed_at"))
    {
      g_autofree char *date = zx_pledge_format_date (zx_record_get_string (self->pledge, "signed_at"));
      const char *signer = lookup_name (self->staff_names, zx_record_get_string (self->pledge, "signed_by"));
      const char *witness = zx_record_get_string (self->pledge, "witness");
      g_autofree char *signer_name = NULL;

      if (signer == NULL && !zx_record_is_null (self->pledge, "signed_by"))
        signer = signer_name = zx_store_get_display (self->store, "staff", zx_record_get_string (self->pledge, "signed_by"));

      /* Translators: a pledge's state, shown as a green tag */
      set_tag (self->pledge_tag, "zx-status-signed", _("Signed"));
      if (signer != NULL)
        /* Translators: who signed the pledge and on what day */
        title = g_strdup_printf (_("Signed by %s on %s"), signer, date ? date : "");
      else
        title = g_strdup_printf (_("Signed on %s"), date ? date : "");
      if (witness != NULL)
        /* Translators: the person before whom the pledge was signed */
        subtitle = g_strdup_printf (_("Witness: %s"), witness);
    }
  else
    {
      /* Translators: a pledge's state, shown as a red tag */
      set_tag (self->pledge_tag, "zx-status-unsigned", _("Not signed"));
      if (!has_department)
        title = g_strdup (_("Add departments in People first."));
      else if (self->pledge != NULL)
        title = g_strdup (_("The department head has not signed this year’s pledge yet."));
      else
        title = g_strdup (_("No pledge has been recorded for this year yet."));
      subtitle = g_strdup (_("Print the pledge for the signing, then record who signed it and when."));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pledge_row), title);
  adw_action_row_set_subtitle (self->pledge_row, subtitle ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pledge_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_label (self->pledge_tag), -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "battles.record-signing", has_department);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "battles.print-pledge", has_department);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "battles.export-pledge", has_department);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "battles.add", has_department);
}

/* Loading ------------------------------------------------------------------------ */

static void
load_names (ZxBattleMap *self)
{
  g_autoptr(GListStore) pillars = zx_store_list (self->store, "pillar", NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pillars));

  g_hash_table_remove_all (self->pillar_names);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (pillars), i);
      g_hash_table_insert (self->pillar_names, g_strdup (zx_record_get_id (record)),
                           g_strdup (zx_record_get_string (record, "name")));
    }

  g_hash_table_remove_all (self->staff_names);
  if (self->department_id != NULL)
    {
      const char *params[] = { self->department_id, NULL };
      g_autoptr(GListStore) staff = zx_store_list (self->store, "staff", "department_id = ?", params);

      n = g_list_model_get_n_items (G_LIST_MODEL (staff));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (staff), i);
          g_hash_table_insert (self->staff_names, g_strdup (zx_record_get_id (record)),
                               g_strdup (zx_record_get_string (record, "name")));
        }
    }
}

static void
update_count (ZxBattleMap *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->battles));
  g_autofree char *text = g_strdup_printf (ngettext ("%u battle", "%u battles", n), n);

  gtk_label_set_label (self->count_label, self->department_id ? text : "");
  gtk_stack_set_visible_child_name (self->battle_stack, n > 0 ? "list" : "empty");
}

/* Reads the department's battles again, keeping the selected one */
static void
load_battles (ZxBattleMap *self)
{
  ZxRecord *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *selected_id = selected ? g_strdup (zx_record_get_id (selected)) : NULL;
  g_autoptr(GListStore) battles = NULL;
  guint n;

  load_names (self);

  if (self->department_id != NULL)
    {
      const char *params[] = { self->department_id, NULL };
      battles = zx_store_list (self->store, "battle", "department_id = ?", params);
    }
  else
    battles = g_list_store_new (ZX_TYPE_RECORD);

  n = g_list_model_get_n_items (G_LIST_MODEL (battles));
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (battles), i));
    g_list_store_splice (self->battles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->battles)),
                         items->pdata, items->len);
  }

  if (selected_id != NULL)
    zx_battle_map_select_battle (self, selected_id);

  update_count (self);
  update_pledge (self);
}

static void
rebuild_departments (ZxBattleMap *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (departments));
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->department_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (departments), i);
      const char *id = zx_record_get_id (record);

      gtk_string_list_append (names, zx_record_get_string (record, "name"));
      g_ptr_array_add (self->department_ids, g_strdup (id));
      if (g_strcmp0 (id, self->department_id) == 0)
        selected = i;
    }

  if (selected == GTK_INVALID_LIST_POSITION)
    {
      g_free (self->department_id);
      self->department_id = n > 0 ? g_strdup (g_ptr_array_index (self->department_ids, 0)) : NULL;
      selected = n > 0 ? 0 : GTK_INVALID_LIST_POSITION;
    }

  self->updating_departments = TRUE;
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->department_dropdown, expression);
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->department_dropdown, selected);
  self->updating_departments = FALSE;
}

static void
department_selected_cb (ZxBattleMap *self)
{
  guint selected = gtk_drop_down_get_selected (self->department_dropdown);
  const char *id = NULL;

  if (self->updating_departments)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->department_ids->len)
    id = g_ptr_array_index (self->department_ids, selected);
  if (id == NULL || g_strcmp0 (id, self->department_id) == 0)
    return;

  zx_battle_map_set_department (self, id);
}

static int
current_year (ZxStore *store)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) utc = now ? g_date_time_new_from_iso8601 (now, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : g_date_time_new_now_local ();

  return g_date_time_get_year (local);
}

static void
reload (ZxBattleMap *self)
{
  self->year = current_year (self->store);
  rebuild_departments (self);
  load_battles (self);
}

static void
store_changed_cb (ZxBattleMap *self,
                  const char  *entity,
                  const char  *id,
                  ZxStore     *store)
{
  if (g_strcmp0 (entity, "department") == 0)
    {
      rebuild_departments (self);
      load_battles (self);
    }
  else if (g_strcmp0 (entity, "battle") == 0 || g_strcmp0 (entity, "pillar") == 0 ||
           g_strcmp0 (entity, "staff") == 0)
    load_battles (self);
  else if (g_strcmp0 (entity, "pledge") == 0)
    update_pledge (self);
}

static void
follow_store (ZxBattleMap *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (store == self->store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

/* Editing ----------------------------------------------------------------------------- */

static void
present (ZxBattleMap *self,
         GtkWidget   *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

static void
battle_activate_cb (ZxBattleMap   *self,
                    guint          position,
                    GtkColumnView *view)
{
  g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (record != NULL)
    present (self, zx_battle_editor_new (self->context, record, NULL, NULL));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (widget);

  if (zx_store_count (self->store, "pillar", NULL, NULL) == 0)
    {
      zx_show_error_dialog (widget, _("No Pillars Yet"),
                            _("Every battle serves a pillar of the hospital’s strategy. Add the plan’s pillars first."));
      return;
    }
  present (self, zx_battle_editor_new (self->context, NULL, self->department_id, NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (widget);
  ZxRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (record != NULL)
    present (self, zx_battle_editor_new (self->context, record, NULL, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zx_deletion_undo (ZX_BATTLE_MAP (widget)->deletion);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (widget);
  ZxRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (record == NULL)
    return;
  zx_deletion_delete (self->deletion, self->store, "battle", zx_record_get_id (record),
                      zx_record_get_string (record, "name"));
}

static void
record_signing_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (widget);

  if (self->department_id == NULL)
    return;
  present (self, zx_pledge_editor_new (self->context, self->pledge, self->department_id, self->year));
}

static ZxPledgeDocument *
create_document (ZxBattleMap *self)
{
  g_autoptr(GError) error = NULL;
  ZxPledgeDocument *document;

  document = zx_pledge_document_new (self->store, self->department_id, self->year, &error);
  if (document == NULL)
    zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Prepare the Pledge"), error->message);
  return document;
}

static void
print_pledge_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (widget);
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->department_id == NULL || (document = create_document (self)) == NULL)
    return;
  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  zx_print_operation_run_async (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
export_response_cb (ZxBattleMap          *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(ZxPledgeDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (document = create_document (self)) == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Pledge"),
                            _("Choose a folder on this computer."));
      return;
    }
  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);
      g_free (path);
      path = with_suffix;
    }

  if (!zx_pledge_document_export_pdf (document, path, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Pledge"), error->message);
      return;
    }

  basename = g_path_get_basename (path);
  title = g_strdup_printf (_("Exported the pledge as “%s”"), basename);
  zx_widget_show_message (GTK_WIDGET (self), title);
}

static void
export_pledge_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *department = NULL;
  g_autofree char *name = NULL;

  if (self->department_id == NULL)
    return;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Pledge as PDF"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  department = zx_store_get_display (self->store, "department", self->department_id);
  /* Translators: the suggested file name of an exported pledge: department, year */
  name = g_strdup_printf (_("%s pledge %d.pdf"), department ? department : "", self->year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Context menu ------------------------------------------------------------------------ */

static void
popup_row_menu (ZxBattleMap *self,
                double       x,
                double       y)
{
  graphene_point_t point;
  GdkRectangle rect;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->battle_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  rect.x = point.x;
  rect.y = point.y;
  rect.width = rect.height = 1;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
}

static void
row_menu_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     ZxBattleMap     *self)
{
  GtkWidget *view = GTK_WIDGET (self->battle_view);
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = NULL;

  for (GtkWidget *w = picked; w != NULL && w != view; w = gtk_widget_get_parent (w))
    if ((item = g_object_get_data (G_OBJECT (w), "zx-list-item")) != NULL)
      break;
  if (item == NULL && picked != NULL && gtk_widget_get_first_child (picked) != NULL)
    item = g_object_get_data (G_OBJECT (gtk_widget_get_first_child (picked)), "zx-list-item");
  if (item == NULL || gtk_list_item_get_position (item) == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (self, x, y);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (widget);

  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    popup_row_menu (self, 24, 40);
}

/* GObject ------------------------------------------------------------------------------- */

static void
add_shortcut (GtkEventController *controller,
              guint               key,
              GdkModifierType     modifiers,
              const char         *action)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                          gtk_named_action_new (action)));
}

static void
zx_battle_map_constructed (GObject *object)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (object);
  GtkEventController *shortcuts;
  GtkGesture *gesture;

  G_OBJECT_CLASS (zx_battle_map_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  ensure_css ();

  add_columns (self);
  self->battles = g_list_store_new (ZX_TYPE_RECORD);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->battles)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->battle_view, GTK_SELECTION_MODEL (self->selection));

  self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
  gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_popover, GTK_WIDGET (self));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->battle_view), GTK_EVENT_CONTROLLER (gesture));

  /* On the list: Delete, the context menu */
  shortcuts = gtk_shortcut_controller_new ();
  add_shortcut (shortcuts, GDK_KEY_Delete, 0, "battles.delete");
  add_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, "battles.delete");
  add_shortcut (shortcuts, GDK_KEY_F2, 0, "battles.edit");
  add_shortcut (shortcuts, GDK_KEY_Menu, 0, "battles.context-menu");
  add_shortcut (shortcuts, GDK_KEY_F10, GDK_SHIFT_MASK, "battles.context-menu");
  gtk_widget_add_controller (GTK_WIDGET (self->battle_view), shortcuts);

  /* Anywhere in the battle map: add, undo */
  shortcuts = gtk_shortcut_controller_new ();
  add_shortcut (shortcuts, GDK_KEY_n, GDK_CONTROL_MASK, "battles.add");
  add_shortcut (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK, "battles.undo");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
}

static void
zx_battle_map_dispose (GObject *object)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->deletion);
  g_clear_object (&self->selection);
  g_clear_object (&self->battles);
  g_clear_object (&self->pledge);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_battle_map_parent_class)->dispose (object);
}

static void
zx_battle_map_finalize (GObject *object)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (object);

  g_free (self->department_id);
  g_ptr_array_unref (self->department_ids);
  g_hash_table_unref (self->pillar_names);
  g_hash_table_unref (self->staff_names);

  G_OBJECT_CLASS (zx_battle_map_parent_class)->finalize (object);
}

static void
zx_battle_map_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (object);

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
zx_battle_map_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ZxBattleMap *self = ZX_BATTLE_MAP (object);

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
zx_battle_map_class_init (ZxBattleMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_battle_map_constructed;
  object_class->dispose = zx_battle_map_dispose;
  object_class->finalize = zx_battle_map_finalize;
  object_class->get_property = zx_battle_map_get_property;
  object_class->set_property = zx_battle_map_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/strategy/zx-battle-map.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, department_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, pledge_group);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, pledge_row);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, pledge_tag);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, sign_button);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, print_button);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, export_button);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, battle_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, battle_view);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, battle_empty);
  gtk_widget_class_bind_template_child (widget_class, ZxBattleMap, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, department_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, battle_activate_cb);

  gtk_widget_class_install_action (widget_class, "battles.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "battles.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "battles.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "battles.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "battles.record-signing", NULL, record_signing_action);
  gtk_widget_class_install_action (widget_class, "battles.print-pledge", NULL, print_pledge_action);
  gtk_widget_class_install_action (widget_class, "battles.export-pledge", NULL, export_pledge_action);
  gtk_widget_class_install_action (widget_class, "battles.context-menu", NULL, context_menu_action);

  gtk_widget_class_set_css_name (widget_class, "zx-battle-map");
}

static void
zx_battle_map_init (ZxBattleMap *self)
{
  self->deletion = zx_deletion_new (GTK_WIDGET (self));
  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  self->pillar_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->staff_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->pledge_row), FALSE);
}

GtkWidget *
zx_battle_map_new (ZxContext *context)
{
  return g_object_new (ZX_TYPE_BATTLE_MAP, "context", context, NULL);
}

const char *
zx_battle_map_get_department (ZxBattleMap *self)
{
  g_return_val_if_fail (ZX_IS_BATTLE_MAP (self), NULL);
  return self->department_id;
}

void
zx_battle_map_set_department (ZxBattleMap *self,
                              const char  *department_id)
{
  g_return_if_fail (ZX_IS_BATTLE_MAP (self));

  for (guint i = 0; i < self->department_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->department_ids, i), department_id) == 0)
      {
        gboolean changed = g_strcmp0 (self->department_id, department_id) != 0;

        g_free (self->department_id);
        self->department_id = g_strdup (department_id);
        self->updating_departments = TRUE;
        gtk_drop_down_set_selected (self->department_dropdown, i);
        self->updating_departments = FALSE;
        if (changed)
          {
            zx_deletion_forget (self->deletion);
            gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
            load_battles (self);
          }
        return;
      }
}

int
zx_battle_map_get_year (ZxBattleMap *self)
{
  g_return_val_if_fail (ZX_IS_BATTLE_MAP (self), 0);
  return self->year;
}

GListModel *
zx_battle_map_get_battle_model (ZxBattleMap *self)
{
  g_return_val_if_fail (ZX_IS_BATTLE_MAP (self), NULL);
  return G_LIST_MODEL (self->battles);
}

ZxRecord *
zx_battle_map_get_pledge (ZxBattleMap *self)
{
  g_return_val_if_fail (ZX_IS_BATTLE_MAP (self), NULL);
  return self->pledge;
}

gboolean
zx_battle_map_select_battle (ZxBattleMap *self,
                             const char  *battle_id)
{
  guint n;

  g_return_val_if_fail (ZX_IS_BATTLE_MAP (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->battles));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->battles), i);

      if (g_strcmp0 (zx_record_get_id (record), battle_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}
