/* zx-strategy-page.c — the Strategy area: plan, pillars, map and battle maps
 *
 * Two views.  "Strategy Map": on the left the plan (name, years, goal), a
 * warning when it has fewer than 3 or more than 5 pillars, and the pillars
 * in rank order, each with its key success factors; on the right the map.
 * "Battle Maps": one department's battles and its yearly pledge
 * (ZxBattleMap).
 *
 * Every edit goes through the record editors and the store; the lists
 * follow the store's ::changed signal.  The plan's few dozen pillars and
 * factors are simply read again on a change of theirs.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-strategy-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-account.h"
#include "zx-battle-editor.h"
#include "zx-battle-map.h"
#include "zx-map-document.h"
#include "zx-pillar-editor.h"
#include "zx-plan-editor.h"
#include "zx-rank.h"
#include "zx-strategy-map.h"
#include "zx-strategy-page.h"
#include "zx-strategy-render.h"
#include "zx-success-factor-editor.h"
#include "zx-deletion.h"
#include "zx-window.h"

struct _ZxStrategyPage
{
  AdwBin               parent_instance;

  ZxContext           *context;
  ZxStore             *store;
  gboolean             folded;

  ZxRecord            *plan;
  GListStore          *pillars;       /* of the plan, by rank */
  GListStore          *factors;       /* of those pillars, by rank */
  GHashTable          *expanded;      /* pillar ids whose factors show */

  GtkWidget           *battle_map;
  GtkWidget           *map;           /* the canvas (ZxStrategyMap) */
  GtkFileChooserNative *chooser;

  /* The last deletion, for Undo */
  ZxDeletion          *deletion;   /* the last deletion, for Undo */

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  GtkButton           *add_button;
  GtkMenuButton       *menu_button;
  GtkWidget           *zoom_box;
  AdwViewStack        *view_stack;
  GtkPaned            *paned;
  AdwPreferencesGroup *plan_group;
  AdwActionRow        *plan_row;
  GtkButton           *plan_button;
  AdwActionRow        *goal_row;
  AdwPreferencesGroup *warning_group;
  AdwActionRow        *warning_row;
  AdwPreferencesGroup *pillars_group;
  GtkButton           *add_pillar_button;
  GtkListBox          *pillar_list;
  GtkStack            *map_stack;
  AdwBin              *battle_bin;
};

G_DEFINE_FINAL_TYPE (ZxStrategyPage, zx_strategy_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload_strategy (ZxStrategyPage *self);

/* Helpers ------------------------------------------------------------------------ */

static gboolean
showing_battles (ZxStrategyPage *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "battles") == 0;
}

static void
present (ZxStrategyPage *self,
         GtkWidget      *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

/* The live record @id of @entity, or NULL */
static ZxRecord *
get_record (ZxStrategyPage *self,
            const char     *entity,
            const char     *id)
{
  g_autoptr(JsonObject) row = NULL;

  if (id == NULL || zx_schema_lookup (entity) == NULL)
    return NULL;
  row = zx_store_get (self->store, entity, id, NULL);
  if (row == NULL || json_object_get_boolean_member_with_default (row, ZX_COLUMN_DELETED, FALSE))
    return NULL;
  return zx_record_new (zx_schema_lookup (entity), row);
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
tag_row (GtkWidget  *row,
         const char *entity,
         const char *id)
{
  g_object_set_data (G_OBJECT (row), "zx-entity", (gpointer) entity);
  g_object_set_data_full (G_OBJECT (row), "zx-id", g_strdup (id), g_free);
}

/* The record of the row holding the keyboard focus: a factor row, a pillar row */
static gboolean
focused_record (ZxStrategyPage  *self,
                const char     **entity,
                const char     **id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "zx-id") != NULL)
      {
        *entity = g_object_get_data (G_OBJECT (w), "zx-entity");
        *id = g_object_get_data (G_OBJECT (w), "zx-id");
        return TRUE;
      }
  return FALSE;
}

/* The pillar list ------------------------------------------------------------------------- */

static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             const char *action,
             const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
    }
  return button;
}

static void
factor_activated_cb (AdwActionRow   *row,
                     ZxStrategyPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "zx-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "strategy.edit-factor", "s", id);
}

static void
add_factor_activated_cb (AdwActionRow   *row,
                         ZxStrategyPage *self)
{
  const char *pillar_id = g_object_get_data (G_OBJECT (row), "zx-pillar-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "strategy.new-factor", "s", pillar_id);
}

static void
expanded_cb (AdwExpanderRow *row,
             GParamSpec     *pspec,
             ZxStrategyPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "zx-id");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (id));
  else
    g_hash_table_remove (self->expanded, id);
}

static GMenuModel *
pillar_menu (const char *id)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("_Edit Pillar…"), NULL);
  g_menu_item_set_action_and_target_value (item, "strategy.edit-pillar", g_variant_new_string (id));
  g_menu_append_item (section, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Add Key _Success Factor…"), NULL);
  g_menu_item_set_action_and_target_value (item, "strategy.new-factor", g_variant_new_string (id));
  g_menu_append_item (section, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Add _Battle for This Pillar…"), NULL);
  g_menu_item_set_action_and_target_value (item, "strategy.new-battle", g_variant_new_string (id));
  g_menu_append_item (section, item);
  g_clear_object (&item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  section = g_menu_new ();
  item = g_menu_item_new (_("_Delete Pillar"), NULL);
  g_menu_item_set_action_and_target_value (item, "strategy.delete-pillar", g_variant_new_string (id));
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_pillar_row (gpointer item,
                   gpointer user_data)
{
  ZxStrategyPage *self = user_data;
  ZxRecord *pillar = item;
  const char *id = zx_record_get_id (pillar);
  const char *name = zx_record_get_string (pillar, "name");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *number, *button, *add_row, *icon;
  g_autoptr(GMenuModel) menu = pillar_menu (id);
  g_autofree char *subtitle = NULL;
  g_autofree char *menu_label = NULL;
  guint n_pillars = g_list_model_get_n_items (G_LIST_MODEL (self->pillars));
  guint position = 0, n_factors = 0;

  for (guint i = 0; i < n_pillars; i++)
    {
      g_autoptr(ZxRecord) other = g_list_model_get_item (G_LIST_MODEL (self->pillars), i);
      if (other == pillar)
        position = i;
    }

  tag_row (row, "pillar", id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name ? name : "");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  number = gtk_label_new (NULL);
  {
    g_autofree char *text = g_strdup_printf ("%u", position + 1);
    gtk_label_set_label (GTK_LABEL (number), text);
  }
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "heading");
  gtk_widget_set_size_request (number, 16, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), number);

  /* Actions are packed from the end: the menu, then down, then up */
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the tooltip of a pillar's menu button, with its name */
  menu_label = g_strdup_printf (_("Actions for “%s”"), name ? name : "");
  gtk_widget_set_tooltip_text (button, menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  /* An actionable button follows its action's state: drop the action to grey it out */
  button = icon_button ("go-down-symbolic", _("Move Pillar Down (Alt+↓)"),
                        position + 1 < n_pillars ? "strategy.move-down" : NULL, id);
  gtk_widget_set_sensitive (button, position + 1 < n_pillars);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  button = icon_button ("go-up-symbolic", _("Move Pillar Up (Alt+↑)"),
                        position > 0 ? "strategy.move-up" : NULL, id);
  gtk_widget_set_sensitive (button, position > 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->factors)); i++)
    {
      g_autoptr(ZxRecord) factor = g_list_model_get_item (G_LIST_MODEL (self->factors), i);
      const char *factor_id = zx_record_get_id (factor);
      const char *factor_name = zx_record_get_string (factor, "name");
      const char *description = zx_record_get_string (factor, "description");
      GtkWidget *factor_row;
      g_autofree char *label = NULL;

      if (g_strcmp0 (zx_record_get_string (factor, "pillar_id"), id) != 0)
        continue;
      n_factors++;

      factor_row = adw_action_row_new ();
      tag_row (factor_row, "success_factor", factor_id);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (factor_row), FALSE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (factor_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (factor_row), factor_name ? factor_name : "");
      if (description != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (factor_row), description);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (factor_row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (factor_row), TRUE);
      gtk_widget_set_tooltip_text (factor_row, _("Enter edits, Delete deletes"));
      g_signal_connect_object (factor_row, "activated", G_CALLBACK (factor_activated_cb), self, 0);

      /* Translators: tooltip of a key success factor's delete button, with its name */
      label = g_strdup_printf (_("Delete “%s”"), factor_name ? factor_name : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (factor_row),
                                 icon_button ("user-trash-symbolic", label, "strategy.delete-factor", factor_id));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), factor_row);
    }

  add_row = adw_action_row_new ();
  g_object_set_data_full (G_OBJECT (add_row), "zx-pillar-id", g_strdup (id), g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Add Key Success Factor…"));
  icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (add_row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), TRUE);
  gtk_widget_add_css_class (add_row, "dim-label");
  g_signal_connect_object (add_row, "activated", G_CALLBACK (add_factor_activated_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add_row);

  subtitle = g_strdup_printf (ngettext ("%u key success factor", "%u key success factors", n_factors), n_factors);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, id));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);

  return row;
}

static GtkWidget *
find_pillar_row (ZxStrategyPage *self,
                 const char     *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->pillar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "zx-id"), id) == 0)
      return child;
  return NULL;
}

/* The plan and the warning ---------------------------------------------------------------- */

static void
update_plan (ZxStrategyPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pillars));

  if (self->plan != NULL)
    {
      const char *name = zx_record_get_string (self->plan, "name");
      const char *goal = zx_record_get_string (self->plan, "goal");
      g_autofree char *years = NULL;

      /* Translators: a plan's span of years, 2025–2027 */
      years = g_strdup_printf (_("%d–%d"),
                               (int) zx_record_get_int (self->plan, "start_year"),
                               (int) zx_record_get_int (self->plan, "end_year"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->plan_row), name ? name : "");
      adw_action_row_set_subtitle (self->plan_row, years);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->goal_row), goal ? goal : "");
      gtk_button_set_icon_name (self->plan_button, "document-edit-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->plan_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->plan_button), "flat");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->plan_button), _("Edit Plan"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->plan_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Plan"), -1);
      gtk_widget_set_visible (GTK_WIDGET (self->goal_row), TRUE);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->plan_row), _("No Strategic Plan Yet"));
      adw_action_row_set_subtitle (self->plan_row,
                                   _("Start with the plan: its years and the one goal its pillars serve."));
      gtk_button_set_label (self->plan_button, _("_Create Plan…"));
      gtk_button_set_use_underline (self->plan_button, TRUE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->plan_button), "flat");
      gtk_widget_add_css_class (GTK_WIDGET (self->plan_button), "suggested-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->plan_button), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->goal_row), FALSE);
    }

  /* 3 to 5 pillars: outside that, say so, but never refuse */
  gtk_widget_set_visible (GTK_WIDGET (self->warning_group), self->plan != NULL && (n < 3 || n > 5));
  if (n < 3)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warning_row), _("Too Few Pillars"));
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warning_row), _("Too Many Pillars"));
  {
    g_autofree char *text =
      g_strdup_printf (ngettext ("This plan has %u pillar. A strategy is easiest to remember and follow with 3 to 5.",
                                 "This plan has %u pillars. A strategy is easiest to remember and follow with 3 to 5.",
                                 n), n);
    adw_action_row_set_subtitle (self->warning_row, text);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->pillars_group), self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strategy.export-map", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strategy.print-map", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strategy.new-pillar", self->plan != NULL);
}

/* Loading ------------------------------------------------------------------------------- */

/* The plan whose years hold this year, else the one that starts last */
static ZxRecord *
find_plan (ZxStrategyPage *self)
{
  g_autoptr(GListStore) plans = zx_store_list (self->store, "plan", NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (plans));
  int year = current_year (self->store);
  ZxRecord *latest = NULL;

  for (guint i = 0; i < n; i++)
    {
      ZxRecord *plan = g_list_model_get_item (G_LIST_MODEL (plans), i);
      gint64 start = zx_record_get_int (plan, "start_year");
      gint64 end = zx_record_get_int (plan, "end_year");

      if (start <= year && year <= end)
        {
          g_clear_object (&latest);
          return plan;
        }
      if (latest == NULL || start > zx_record_get_int (latest, "start_year"))
        {
          g_clear_object (&latest);
          latest = plan;
        }
      else
        g_object_unref (plan);
    }
  return latest;
}

static void
replace_all (GListStore *list,
             GListModel *with)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = with ? g_list_model_get_n_items (with) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (with, i));
  g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), items->pdata, items->len);
}

static void
reload_strategy (ZxStrategyPage *self)
{
  g_autoptr(GListStore) pillars = NULL;
  g_autoptr(GListStore) factors = g_list_store_new (ZX_TYPE_RECORD);

  g_clear_object (&self->plan);
  self->plan = find_plan (self);

  if (self->plan != NULL)
    {
      const char *params[] = { zx_record_get_id (self->plan), NULL };
      g_autoptr(GListStore) all_factors = zx_store_list (self->store, "success_factor",
                                                         "pillar_id IN (SELECT id FROM pillar WHERE plan_id = ? AND deleted = 0)",
                                                         params);

      pillars = zx_store_list (self->store, "pillar", "plan_id = ?", params);
      replace_all (factors, G_LIST_MODEL (all_factors));
    }

  /* Factors first: the pillar rows are built from them */
  replace_all (self->factors, G_LIST_MODEL (factors));
  replace_all (self->pillars, pillars ? G_LIST_MODEL (pillars) : NULL);
  update_plan (self);
}

static void
reload (ZxStrategyPage *self)
{
  reload_strategy (self);
}

static void
store_changed_cb (ZxStrategyPage *self,
                  const char     *entity,
                  const char     *id,
                  ZxStore        *store)
{
  /* The map follows the store itself */
  if (g_strcmp0 (entity, "plan") == 0 || g_strcmp0 (entity, "pillar") == 0 ||
      g_strcmp0 (entity, "success_factor") == 0)
    reload_strategy (self);
}

static void
follow_store (ZxStrategyPage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (store == self->store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  zx_strategy_map_set_store (ZX_STRATEGY_MAP (self->map), store);
  reload (self);
}

/* Deleting with Undo ----------------------------------------------------------------------- */

static void
delete_record (ZxStrategyPage *self,
               const char     *entity,
               const char     *id)
{
  g_autofree char *name = zx_store_get_display (self->store, entity, id);

  if (name == NULL)
    return;

  zx_deletion_delete (self->deletion, self->store, entity, id, name);
}

/* Editing --------------------------------------------------------------------------------- */

static void
edit_record (ZxStrategyPage *self,
             const char     *entity,
             const char     *id)
{
  g_autoptr(ZxRecord) record = get_record (self, entity, id);

  if (record == NULL)
    return;
  if (g_str_equal (entity, "plan"))
    present (self, zx_plan_editor_new (self->context, record));
  else if (g_str_equal (entity, "pillar"))
    present (self, zx_pillar_editor_new (self->context, record, NULL));
  else if (g_str_equal (entity, "success_factor"))
    present (self, zx_success_factor_editor_new (self->context, record, NULL));
  else if (g_str_equal (entity, "battle"))
    present (self, zx_battle_editor_new (self->context, record, NULL, NULL));
  else if (g_str_equal (entity, "department"))
    {
      zx_strategy_page_set_view (self, "battles");
      zx_battle_map_set_department (ZX_BATTLE_MAP (self->battle_map), id);
    }
}

static void
new_pillar (ZxStrategyPage *self)
{
  if (self->plan == NULL)
    present (self, zx_plan_editor_new (self->context, NULL));
  else
    present (self, zx_pillar_editor_new (self->context, NULL, zx_record_get_id (self->plan)));
}

static void
new_battle (ZxStrategyPage *self,
            const char     *department_id,
            const char     *pillar_id)
{
  if (zx_store_count (self->store, "department", NULL, NULL) == 0)
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("No Departments Yet"),
                            _("Every battle belongs to a department. Add the departments in People first."));
      return;
    }
  if (department_id == NULL)
    department_id = zx_battle_map_get_department (ZX_BATTLE_MAP (self->battle_map));
  present (self, zx_battle_editor_new (self->context, NULL, department_id, pillar_id));
}

static void
edit_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);

  present (self, zx_plan_editor_new (self->context, self->plan));
}

static void
new_pillar_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  new_pillar (ZX_STRATEGY_PAGE (widget));
}

static void
edit_pillar_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  edit_record (ZX_STRATEGY_PAGE (widget), "pillar", g_variant_get_string (parameter, NULL));
}

static void
delete_pillar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  delete_record (ZX_STRATEGY_PAGE (widget), "pillar", g_variant_get_string (parameter, NULL));
}

static void
new_factor_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);

  present (self, zx_success_factor_editor_new (self->context, NULL, g_variant_get_string (parameter, NULL)));
}

static void
edit_factor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  edit_record (ZX_STRATEGY_PAGE (widget), "success_factor", g_variant_get_string (parameter, NULL));
}

static void
delete_factor_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  delete_record (ZX_STRATEGY_PAGE (widget), "success_factor", g_variant_get_string (parameter, NULL));
}

static void
new_battle_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  new_battle (ZX_STRATEGY_PAGE (widget), NULL, g_variant_get_string (parameter, NULL));
}

/* Ctrl+N: a factor when the focus is among a pillar's factors, else a pillar;
 * on the battle maps, a battle */
static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);
  const char *entity, *id;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (showing_battles (self))
    {
      gtk_widget_activate_action (self->battle_map, "battles.add", NULL);
      return;
    }

  /* The "Add Key Success Factor…" row of a pillar */
  for (GtkWidget *w = focus; w != NULL && w != widget; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "zx-pillar-id") != NULL)
      {
        gtk_widget_activate_action (widget, "strategy.new-factor", "s",
                                    (const char *) g_object_get_data (G_OBJECT (w), "zx-pillar-id"));
        return;
      }

  if (focused_record (self, &entity, &id) && g_str_equal (entity, "success_factor"))
    {
      g_autoptr(ZxRecord) factor = get_record (self, entity, id);

      if (factor != NULL)
        {
          gtk_widget_activate_action (widget, "strategy.new-factor", "s",
                                      zx_record_get_string (factor, "pillar_id"));
          return;
        }
    }

  new_pillar (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);
  const char *entity, *id;

  if (focused_record (self, &entity, &id))
    edit_record (self, entity, id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);
  const char *entity, *id;

  if (focused_record (self, &entity, &id))
    {
      g_autofree char *e = g_strdup (entity);
      g_autofree char *i = g_strdup (id);
      delete_record (self, e, i);
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zx_deletion_undo (ZX_STRATEGY_PAGE (widget)->deletion);
}

/* Reordering pillars: one rank change, between the new neighbours ------------------------- */

static const char *
rank_of (ZxStrategyPage *self,
         int             position)
{
  g_autoptr(ZxRecord) record = NULL;
  const char *rank;

  if (position < 0 || position >= (int) g_list_model_get_n_items (G_LIST_MODEL (self->pillars)))
    return NULL;
  record = g_list_model_get_item (G_LIST_MODEL (self->pillars), position);
  rank = zx_record_get_string (record, "rank");
  /* The store keeps the record alive in the list */
  return rank;
}

static gboolean
ranks_usable (ZxStrategyPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pillars));
  const char *previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      const char *rank = rank_of (self, i);

      if (rank == NULL || !zx_rank_is_valid (rank) || (previous != NULL && strcmp (previous, rank) >= 0))
        return FALSE;
      previous = rank;
    }
  return TRUE;
}

/* Missing or equal ranks: number the pillars afresh, in their shown order */
static gboolean
spread_ranks (ZxStrategyPage  *self,
              GError         **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pillars));
  g_auto(GStrv) ranks = zx_rank_spread (n);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->pillars), i);
      g_ptr_array_add (ids, g_strdup (zx_record_get_id (record)));
    }

  if (!zx_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) changes = json_object_new ();

      json_object_set_string_member (changes, "rank", ranks[i]);
      if (!zx_store_update (self->store, "pillar", g_ptr_array_index (ids, i), changes, error))
        {
          zx_store_rollback (self->store);
          return FALSE;
        }
    }
  return zx_store_commit (self->store, error);
}

static void
move_pillar (ZxStrategyPage *self,
             const char     *id,
             int             delta)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *rank = NULL;
  g_autofree char *moved_id = g_strdup (id);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pillars));
  int position = -1, target;
  GtkWidget *row;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->pillars), i);
      if (g_strcmp0 (zx_record_get_id (record), id) == 0)
        position = i;
    }
  target = position + delta;
  if (position < 0 || target < 0 || target >= (int) n)
    return;

  if (!ranks_usable (self) && !spread_ranks (self, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Move the Pillar"), error->message);
      return;
    }

  /* Between the neighbours on the side it moves to */
  if (delta < 0)
    rank = zx_rank_between (rank_of (self, target - 1), rank_of (self, target));
  else
    rank = zx_rank_between (rank_of (self, target), rank_of (self, target + 1));
  json_object_set_string_member (changes, "rank", rank);

  if (!zx_store_update (self->store, "pillar", moved_id, changes, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Move the Pillar"), error->message);
      return;
    }

  /* The rows were rebuilt: keep the focus on the moved pillar */
  row = find_pillar_row (self, moved_id);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_pillar (ZX_STRATEGY_PAGE (widget), g_variant_get_string (parameter, NULL), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_pillar (ZX_STRATEGY_PAGE (widget), g_variant_get_string (parameter, NULL), +1);
}

static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);
  const char *entity, *id;

  if (focused_record (self, &entity, &id) && g_str_equal (entity, "pillar"))
    {
      g_autofree char *pillar_id = g_strdup (id);
      move_pillar (self, pillar_id, g_str_has_suffix (action_name, "up") ? -1 : +1);
    }
}

/* The map --------------------------------------------------------------------------------- */

/* Why the signed-in account may not link the battle @battle_id to the
 * pillar @pillar_id (NULL: to any other), or NULL.  Only the battle's
 * row changes and its scope (its department) stays: the account must be
 * allowed to write it where it is, which is also where it ends up. */
static char *
relink_refusal (const char *battle_id,
                const char *pillar_id,
                gpointer    user_data)
{
  ZxStrategyPage *self = user_data;
  g_autoptr(ZxRecord) battle = get_record (self, "battle", battle_id);

  if (battle == NULL)
    return NULL;
  return zx_account_write_refusal (self->context, "battle", zx_record_get_string (battle, ZX_COLUMN_SCOPE), NULL);
}

/* A toast: the battle stays where it is, and why */
static void
show_relink_refusal (ZxStrategyPage *self,
                     const char     *battle_id,
                     const char     *reason)
{
  g_autofree char *name = zx_store_get_display (self->store, "battle", battle_id);
  /* Translators: a toast when the signed-in account may not move a battle
   * to another pillar on the strategy map; the first %s is the battle's
   * name, the second the reason (a sentence) */
  g_autofree char *text = g_strdup_printf (_("“%s” cannot be linked to another pillar. %s"),
                                           name != NULL ? name : "", reason);

  zx_widget_show_message (GTK_WIDGET (self), text);
}

gboolean
zx_strategy_page_relink_battle (ZxStrategyPage *self,
                                const char     *battle_id,
                                const char     *pillar_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(ZxRecord) battle = NULL;
  g_autofree char *battle_name = NULL;
  g_autofree char *pillar_name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), FALSE);

  battle = get_record (self, "battle", battle_id);
  if (battle == NULL || g_strcmp0 (zx_record_get_string (battle, "pillar_id"), pillar_id) == 0)
    return battle != NULL;
  /* the server would refuse it: the change would vanish at the next sync */
  {
    g_autofree char *refusal = relink_refusal (battle_id, pillar_id, self);

    if (refusal != NULL)
      {
        show_relink_refusal (self, battle_id, refusal);
        return FALSE;
      }
  }

  json_object_set_string_member (changes, "pillar_id", pillar_id);
  if (!zx_store_update (self->store, "battle", battle_id, changes, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Link the Battle"), error->message);
      return FALSE;
    }

  battle_name = zx_store_get_display (self->store, "battle", battle_id);
  pillar_name = zx_store_get_display (self->store, "pillar", pillar_id);
  /* Translators: a toast after dragging a battle onto another pillar */
  title = g_strdup_printf (_("“%s” now serves “%s”"), battle_name ? battle_name : "", pillar_name ? pillar_name : "");
  zx_widget_show_message (GTK_WIDGET (self), title);
  return TRUE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxStrategyMap *map = ZX_STRATEGY_MAP (ZX_STRATEGY_PAGE (widget)->map);

  if (g_str_equal (action_name, "strategy.zoom-in"))
    zx_strategy_map_zoom_in (map);
  else if (g_str_equal (action_name, "strategy.zoom-out"))
    zx_strategy_map_zoom_out (map);
  else
    zx_strategy_map_zoom_fit (map);
}

/* The map's requests ------------------------------------------------------------------- */

static const char *
node_entity (int type)
{
  return zx_strategy_node_type_to_entity ((ZxStrategyNodeType) type);
}

static void
map_node_activated_cb (ZxStrategyPage *self,
                       int             type,
                       const char     *id)
{
  edit_record (self, node_entity (type), id);
}

static void
map_delete_requested_cb (ZxStrategyPage *self,
                         int             type,
                         const char     *id)
{
  const char *entity = node_entity (type);

  /* The goal (the plan) and departments are not deleted from the map */
  if (g_strcmp0 (entity, "pillar") == 0 || g_strcmp0 (entity, "success_factor") == 0 ||
      g_strcmp0 (entity, "battle") == 0)
    delete_record (self, entity, id);
}

static void
map_relink_requested_cb (ZxStrategyPage *self,
                         const char     *battle_id,
                         const char     *pillar_id)
{
  zx_strategy_page_relink_battle (self, battle_id, pillar_id);
}

static void
map_add_child_requested_cb (ZxStrategyPage *self,
                            int             type,
                            const char     *id)
{
  const char *entity = node_entity (type);

  if (g_strcmp0 (entity, "plan") == 0)
    new_pillar (self);
  else if (g_strcmp0 (entity, "pillar") == 0)
    present (self, zx_success_factor_editor_new (self->context, NULL, id));
  else if (g_strcmp0 (entity, "success_factor") == 0)
    {
      g_autoptr(ZxRecord) factor = get_record (self, entity, id);
      if (factor != NULL)
        new_battle (self, NULL, zx_record_get_string (factor, "pillar_id"));
    }
  else if (g_strcmp0 (entity, "department") == 0)
    new_battle (self, id, NULL);
  else if (g_strcmp0 (entity, "battle") == 0)
    {
      g_autoptr(ZxRecord) battle = get_record (self, entity, id);
      if (battle != NULL)
        new_battle (self, zx_record_get_string (battle, "department_id"),
                    zx_record_get_string (battle, "pillar_id"));
    }
}

/* PNGs are wide enough for a poster or a projector; SVG and PDF scale */
#define EXPORT_PNG_WIDTH 4000

/* What “Print Map” and “Export Map” act on: the whole strategy map, or on
 * the battle maps view the chosen department's battle map */
static ZxStrategyLayout *
current_map_layout (ZxStrategyPage  *self,
                    GError         **error)
{
  ZxBattleMap *battles = ZX_BATTLE_MAP (self->battle_map);

  if (showing_battles (self) && zx_battle_map_get_department (battles) != NULL)
    return zx_strategy_layout_new_for_department (self->store, NULL, zx_battle_map_get_department (battles),
                                                  zx_battle_map_get_year (battles), error);
  return zx_strategy_layout_new (self->store, NULL, 0, error);
}

static void
export_response_cb (ZxStrategyPage       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  g_autoptr(ZxStrategyLayout) layout = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Map"),
                            _("Choose a folder on this computer."));
      return;
    }

  /* The format comes from the extension; without one, PDF */
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".pdf"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);
      g_free (path);
      path = with_suffix;
    }

  layout = current_map_layout (self, &error);
  if (layout == NULL || !zx_strategy_export_layout (layout, path, EXPORT_PNG_WIDTH, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Map"), error->message);
      return;
    }

  basename = g_path_get_basename (path);
  title = g_strdup_printf (_("Exported the map as “%s”"), basename);
  zx_widget_show_message (GTK_WIDGET (self), title);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Map"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (all, _("PDF, SVG or PNG"));
  gtk_file_filter_add_suffix (all, "pdf");
  gtk_file_filter_add_suffix (all, "svg");
  gtk_file_filter_add_suffix (all, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF document (A3, for printing)"), "application/pdf", "pdf");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("SVG drawing (for editing)"), "image/svg+xml", "svg");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("PNG picture (for slides and the web)"), "image/png", "png");

  if (showing_battles (self) && zx_battle_map_get_department (ZX_BATTLE_MAP (self->battle_map)) != NULL)
    {
      g_autofree char *department = zx_store_get_display (self->store, "department",
                                                          zx_battle_map_get_department (ZX_BATTLE_MAP (self->battle_map)));

      /* Translators: the suggested file name of an exported battle map: the department */
      name = g_strdup_printf (_("%s battle map.pdf"), department != NULL ? department : "");
    }
  else
    /* Translators: the suggested file name of an exported strategy map: the plan's name */
    name = g_strdup_printf (_("%s strategy map.pdf"), zx_record_get_string (self->plan, "name"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_map_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(ZxStrategyLayout) layout = NULL;
  g_autoptr(ZxMapDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  layout = current_map_layout (self, &error);
  if (layout == NULL)
    {
      zx_show_error_dialog (widget, _("Could Not Print the Map"), error->message);
      return;
    }
  document = zx_map_document_new (layout);
  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  zx_print_operation_run_async (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
update_map_widgets (ZxStrategyPage *self)
{
  gboolean map = !showing_battles (self);

  gtk_widget_set_visible (self->zoom_box, !showing_battles (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strategy.zoom-in", map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strategy.zoom-out", map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strategy.zoom-fit", map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "strategy.export-map", self->plan != NULL);
}

/* Views ----------------------------------------------------------------------------------- */

static void
view_changed_cb (ZxStrategyPage *self)
{
  const char *label = showing_battles (self) ? _("Add Battle") : _("Add Pillar");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  update_map_widgets (self);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  zx_strategy_page_set_view (ZX_STRATEGY_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* GObject --------------------------------------------------------------------------------- */

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
zx_strategy_page_constructed (GObject *object)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (object);
  GtkEventController *shortcuts;

  G_OBJECT_CLASS (zx_strategy_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);

  self->pillars = g_list_store_new (ZX_TYPE_RECORD);
  self->factors = g_list_store_new (ZX_TYPE_RECORD);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->plan_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->goal_row), FALSE);
  gtk_list_box_bind_model (self->pillar_list, G_LIST_MODEL (self->pillars), create_pillar_row, self, NULL);

  self->battle_map = zx_battle_map_new (self->context);
  adw_bin_set_child (self->battle_bin, self->battle_map);

  self->map = zx_strategy_map_new ();
  gtk_widget_set_hexpand (self->map, TRUE);
  gtk_widget_set_vexpand (self->map, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Strategy map"), -1);
  gtk_stack_add_named (self->map_stack, self->map, "map");
  gtk_stack_set_visible_child_name (self->map_stack, "map");
  g_signal_connect_object (self->map, "node-activated", G_CALLBACK (map_node_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "delete-requested", G_CALLBACK (map_delete_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "relink-requested", G_CALLBACK (map_relink_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "relink-refused", G_CALLBACK (show_relink_refusal), self, G_CONNECT_SWAPPED);
  zx_strategy_map_set_relink_check (ZX_STRATEGY_MAP (self->map), relink_refusal, self, NULL);
  g_signal_connect_object (self->map, "add-child-requested", G_CALLBACK (map_add_child_requested_cb), self, G_CONNECT_SWAPPED);

  /* On the pillar list: Delete, F2, Alt+arrows */
  shortcuts = gtk_shortcut_controller_new ();
  add_shortcut (shortcuts, GDK_KEY_Delete, 0, "strategy.delete");
  add_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, "strategy.delete");
  add_shortcut (shortcuts, GDK_KEY_F2, 0, "strategy.edit");
  add_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, "strategy.move-focused-up");
  add_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, "strategy.move-focused-down");
  gtk_widget_add_controller (GTK_WIDGET (self->pillar_list), shortcuts);

  /* Anywhere in the page (the battle map handles its own first) */
  shortcuts = gtk_shortcut_controller_new ();
  add_shortcut (shortcuts, GDK_KEY_n, GDK_CONTROL_MASK, "strategy.add");
  add_shortcut (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK, "strategy.undo");
  add_shortcut (shortcuts, GDK_KEY_plus, GDK_CONTROL_MASK, "strategy.zoom-in");
  add_shortcut (shortcuts, GDK_KEY_equal, GDK_CONTROL_MASK, "strategy.zoom-in");
  add_shortcut (shortcuts, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "strategy.zoom-in");
  add_shortcut (shortcuts, GDK_KEY_minus, GDK_CONTROL_MASK, "strategy.zoom-out");
  add_shortcut (shortcuts, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "strategy.zoom-out");
  add_shortcut (shortcuts, GDK_KEY_0, GDK_CONTROL_MASK, "strategy.zoom-fit");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
  view_changed_cb (self);
}

static void
zx_strategy_page_dispose (GObject *object)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->deletion);
  g_clear_object (&self->plan);
  g_clear_object (&self->pillars);
  g_clear_object (&self->factors);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_strategy_page_parent_class)->dispose (object);
}

static void
zx_strategy_page_finalize (GObject *object)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (object);

  g_hash_table_unref (self->expanded);

  G_OBJECT_CLASS (zx_strategy_page_parent_class)->finalize (object);
}

static void
zx_strategy_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (object);

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
zx_strategy_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (object);

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
zx_strategy_page_map (GtkWidget *widget)
{
  ZxStrategyPage *self = ZX_STRATEGY_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (zx_strategy_page_parent_class)->map (widget);

  /* Arriving from the sidebar: put the focus on the first pillar */
  root = gtk_widget_get_root (widget);
  focus = root ? gtk_root_get_focus (root) : NULL;
  if ((focus == NULL || !gtk_widget_is_ancestor (focus, widget)) && !showing_battles (self))
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->pillar_list, 0);

      if (first != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (first));
    }
}

static void
zx_strategy_page_class_init (ZxStrategyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_strategy_page_constructed;
  object_class->dispose = zx_strategy_page_dispose;
  object_class->finalize = zx_strategy_page_finalize;
  object_class->get_property = zx_strategy_page_get_property;
  object_class->set_property = zx_strategy_page_set_property;
  widget_class->map = zx_strategy_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/strategy/zx-strategy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, paned);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, plan_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, plan_button);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, goal_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, warning_group);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, warning_row);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, pillars_group);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, add_pillar_button);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, pillar_list);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, map_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxStrategyPage, battle_bin);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);

  gtk_widget_class_install_action (widget_class, "strategy.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "strategy.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "strategy.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "strategy.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "strategy.edit-plan", NULL, edit_plan_action);
  gtk_widget_class_install_action (widget_class, "strategy.new-pillar", NULL, new_pillar_action);
  gtk_widget_class_install_action (widget_class, "strategy.edit-pillar", "s", edit_pillar_action);
  gtk_widget_class_install_action (widget_class, "strategy.delete-pillar", "s", delete_pillar_action);
  gtk_widget_class_install_action (widget_class, "strategy.move-up", "s", move_up_action);
  gtk_widget_class_install_action (widget_class, "strategy.move-down", "s", move_down_action);
  gtk_widget_class_install_action (widget_class, "strategy.move-focused-up", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "strategy.move-focused-down", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "strategy.new-factor", "s", new_factor_action);
  gtk_widget_class_install_action (widget_class, "strategy.edit-factor", "s", edit_factor_action);
  gtk_widget_class_install_action (widget_class, "strategy.delete-factor", "s", delete_factor_action);
  gtk_widget_class_install_action (widget_class, "strategy.new-battle", "s", new_battle_action);
  gtk_widget_class_install_action (widget_class, "strategy.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "strategy.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "strategy.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "strategy.export-map", NULL, export_map_action);
  gtk_widget_class_install_action (widget_class, "strategy.print-map", NULL, print_map_action);
  gtk_widget_class_install_action (widget_class, "strategy.show-view", "s", show_view_action);


  gtk_widget_class_set_css_name (widget_class, "zx-strategy-page");
}

static void
zx_strategy_page_init (ZxStrategyPage *self)
{
  self->deletion = zx_deletion_new (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_type_ensure (ZX_TYPE_BATTLE_MAP);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    static const char * const views[] = { "map", "battles", NULL };

    zx_page_add_view_shortcuts (GTK_WIDGET (self), "strategy.show-view", views);
  }
  /* wherever the focus is (the zoom actions are off on the battle maps) */
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>p", "strategy.print-map");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control><Shift>e", "strategy.export-map");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>0", "strategy.zoom-fit");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>minus", "strategy.zoom-out");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>equal", "strategy.zoom-in");
  zx_page_add_shortcut (GTK_WIDGET (self), "<Control>plus", "strategy.zoom-in");
}

GtkWidget *
zx_strategy_page_new (ZxContext *context)
{
  return g_object_new (ZX_TYPE_STRATEGY_PAGE, "context", context, NULL);
}

ZxRecord *
zx_strategy_page_get_plan (ZxStrategyPage *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), NULL);
  return self->plan;
}

GListModel *
zx_strategy_page_get_pillar_model (ZxStrategyPage *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), NULL);
  return G_LIST_MODEL (self->pillars);
}

GListModel *
zx_strategy_page_get_factor_model (ZxStrategyPage *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), NULL);
  return G_LIST_MODEL (self->factors);
}

GtkWidget *
zx_strategy_page_get_battle_map (ZxStrategyPage *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), NULL);
  return self->battle_map;
}

GtkWidget *
zx_strategy_page_get_map (ZxStrategyPage *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), NULL);
  return self->map;
}

gboolean
zx_strategy_page_get_pillar_warning (ZxStrategyPage *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->warning_group));
}

void
zx_strategy_page_set_view (ZxStrategyPage *self,
                           const char     *name)
{
  g_return_if_fail (ZX_IS_STRATEGY_PAGE (self));
  g_return_if_fail (g_strcmp0 (name, "map") == 0 || g_strcmp0 (name, "battles") == 0);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
zx_strategy_page_get_view (ZxStrategyPage *self)
{
  g_return_val_if_fail (ZX_IS_STRATEGY_PAGE (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}
