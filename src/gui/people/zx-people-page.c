/* zx-people-page.c — departments and staff
 *
 * Each list is GListStore (from the store) → GtkFilterListModel →
 * GtkSortListModel → GtkSingleSelection → GtkColumnView.  A ::changed
 * signal updates only the row it names (and the rows that show it: a
 * department's staff count, a staff member's department name), so edits
 * stay instant with thousands of staff; ::reloaded rebuilds everything.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-people-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-department-editor.h"
#include "zx-people-labels.h"
#include "zx-people-page.h"
#include "zx-staff-editor.h"
#include "zx-deletion.h"
#include "zx-window.h"

typedef struct _Column Column;

struct _ZxPeoplePage
{
  AdwBin               parent_instance;

  ZxContext           *context;
  ZxStore             *store;
  gboolean             folded;

  /* Models */
  GListStore          *departments;
  GListStore          *staff;
  GtkFilterListModel  *department_filter_model;
  GtkFilterListModel  *staff_filter_model;
  GtkSortListModel    *department_sort_model;
  GtkSortListModel    *staff_sort_model;
  GtkSingleSelection  *department_selection;
  GtkSingleSelection  *staff_selection;
  GtkCustomFilter     *department_text_filter;
  GtkCustomFilter     *staff_text_filter;

  /* Lookups the cells use: id → name, department id → staff count */
  GHashTable          *department_names;
  GHashTable          *staff_names;
  GHashTable          *staff_counts;

  char                *search;       /* casefolded, NULL when empty */
  char                *filter_department_id;
  GPtrArray           *filter_department_ids; /* parallel to the drop-down */
  gboolean             updating_filter;

  GtkWidget           *row_popover;

  /* The last deletion, for Undo */
  ZxDeletion          *deletion;   /* the last deletion, for Undo */

  /* Template widgets */
  AdwViewSwitcherTitle *switcher_title;
  GtkButton           *add_button;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *department_filter;
  GtkLabel            *count_label;
  AdwViewStack        *view_stack;
  GtkStack            *department_stack;
  GtkStack            *staff_stack;
  GtkColumnView       *department_view;
  GtkColumnView       *staff_view;
  AdwStatusPage       *department_empty;
  AdwStatusPage       *staff_empty;
  GMenuModel          *row_menu;
};

G_DEFINE_FINAL_TYPE (ZxPeoplePage, zx_people_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Columns -------------------------------------------------------------------- */

struct _Column
{
  const char *id;
  const char *title;   /* N_() */
  gboolean    numeric; /* right-aligned, sorted by number() */
  gboolean    expand;
  char     *(*text)   (ZxPeoplePage *self, ZxRecord *record);
  gint64    (*number) (ZxPeoplePage *self, ZxRecord *record);
};

static char *
text_field (ZxRecord   *record,
            const char *field)
{
  return g_strdup (zx_record_get_string (record, field));
}

static char *
department_name_text (ZxPeoplePage *self, ZxRecord *r)
{
  return text_field (r, "name");
}

static char *
department_kind_text (ZxPeoplePage *self, ZxRecord *r)
{
  return g_strdup (zx_department_kind_label (zx_record_get_string (r, "kind")));
}

static char *
department_head_text (ZxPeoplePage *self, ZxRecord *r)
{
  const char *head_id = zx_record_get_string (r, "head_id");

  return g_strdup (head_id != NULL ? g_hash_table_lookup (self->staff_names, head_id) : NULL);
}

static gint64
department_staff_number (ZxPeoplePage *self, ZxRecord *r)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->staff_counts, zx_record_get_id (r)));
}

static gint64
department_beds_number (ZxPeoplePage *self, ZxRecord *r)
{
  /* Beds mean something for clinical departments only: blank elsewhere */
  if (zx_record_is_null (r, "beds") ||
      (zx_record_get_int (r, "beds") == 0 && g_strcmp0 (zx_record_get_string (r, "kind"), "clinical") != 0))
    return -1;
  return zx_record_get_int (r, "beds");
}

static char *
staff_name_text (ZxPeoplePage *self, ZxRecord *r)
{
  return text_field (r, "name");
}

static char *
staff_number_text (ZxPeoplePage *self, ZxRecord *r)
{
  return text_field (r, "employee_no");
}

static char *
staff_title_text (ZxPeoplePage *self, ZxRecord *r)
{
  return text_field (r, "title");
}

static char *
staff_post_text (ZxPeoplePage *self, ZxRecord *r)
{
  return text_field (r, "post");
}

static char *
staff_department_text (ZxPeoplePage *self, ZxRecord *r)
{
  const char *id = zx_record_get_string (r, "department_id");

  return g_strdup (id != NULL ? g_hash_table_lookup (self->department_names, id) : NULL);
}

static char *
staff_role_text (ZxPeoplePage *self, ZxRecord *r)
{
  return g_strdup (zx_role_label (zx_record_get_string (r, "role")));
}

static const Column department_columns[] = {
  { "name", N_("Name"), FALSE, TRUE, department_name_text, NULL },
  { "kind", N_("Kind"), FALSE, FALSE, department_kind_text, NULL },
  { "head", N_("Head"), FALSE, FALSE, department_head_text, NULL },
  /* Translators: column of the department list, the number of staff (人数) */
  { "staff", N_("Headcount"), TRUE, FALSE, NULL, department_staff_number },
  { "beds", N_("Beds"), TRUE, FALSE, NULL, department_beds_number },
};

static const Column staff_columns[] = {
  { "name", N_("Full name"), FALSE, TRUE, staff_name_text, NULL },
  { "employee_no", N_("Employee No."), FALSE, FALSE, staff_number_text, NULL },
  { "title", N_("Professional title"), FALSE, FALSE, staff_title_text, NULL },
  { "post", N_("Post"), FALSE, FALSE, staff_post_text, NULL },
  { "department", N_("Department"), FALSE, TRUE, staff_department_text, NULL },
  { "role", N_("Role"), FALSE, FALSE, staff_role_text, NULL },
};

typedef struct
{
  ZxPeoplePage *page;
  const Column *column;
} ColumnData;

static char *
column_cell_text (ColumnData *data,
                  ZxRecord   *record)
{
  if (data->column->number != NULL)
    {
      gint64 n = data->column->number (data->page, record);
      return n < 0 ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, n);
    }
  return data->column->text (data->page, record);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), data->column->numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (data->column->numeric)
    gtk_widget_add_css_class (label, "numeric");
  /* The context menu finds the row under the pointer through this */
  g_object_set_data (G_OBJECT (label), "zx-list-item", item);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  ZxRecord *record = gtk_list_item_get_item (item);
  g_autofree char *text = column_cell_text (data, record);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text ? text : "");
}

static int
column_compare_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  ColumnData *data = user_data;
  ZxRecord *ra = (ZxRecord *) a;
  ZxRecord *rb = (ZxRecord *) b;

  if (data->column->number != NULL)
    {
      gint64 na = data->column->number (data->page, ra);
      gint64 nb = data->column->number (data->page, rb);
      return na < nb ? GTK_ORDERING_SMALLER : na > nb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
  else
    {
      g_autofree char *ta = data->column->text (data->page, ra);
      g_autofree char *tb = data->column->text (data->page, rb);
      int cmp = g_utf8_collate (ta ? ta : "", tb ? tb : "");

      return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }
}

static void
add_columns (ZxPeoplePage  *self,
             GtkColumnView *view,
             const Column  *columns,
             guint          n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;
      ColumnData *data = g_new0 (ColumnData, 1);

      data->page = self;
      data->column = &columns[i];
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), data);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), data);

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      sorter = GTK_SORTER (gtk_custom_sorter_new (column_compare_cb, data, g_free));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (view, column);
    }
}

/* Lookups --------------------------------------------------------------------- */

static void
count_staff (ZxPeoplePage *self,
             const char   *department_id,
             int           delta)
{
  guint n;

  if (department_id == NULL)
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->staff_counts, department_id));
  n = (delta < 0 && n == 0) ? 0 : n + delta;
  g_hash_table_insert (self->staff_counts, g_strdup (department_id), GUINT_TO_POINTER (n));
}

static void
index_department (ZxPeoplePage *self,
                  ZxRecord     *record)
{
  g_hash_table_insert (self->department_names,
                       g_strdup (zx_record_get_id (record)),
                       g_strdup (zx_record_get_string (record, "name")));
}

static void
index_staff (ZxPeoplePage *self,
             ZxRecord     *record)
{
  g_hash_table_insert (self->staff_names,
                       g_strdup (zx_record_get_id (record)),
                       g_strdup (zx_record_get_string (record, "name")));
  count_staff (self, zx_record_get_string (record, "department_id"), +1);
}

/* Filters --------------------------------------------------------------------- */

static gboolean
contains_search (const char *text,
                 const char *search)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, search) != NULL;
}

static gboolean
department_filter_func (gpointer item,
                        gpointer user_data)
{
  ZxPeoplePage *self = user_data;
  ZxRecord *record = item;

  if (self->search == NULL)
    return TRUE;

  return contains_search (zx_record_get_string (record, "name"), self->search) ||
         contains_search (zx_record_get_string (record, "code"), self->search);
}

static gboolean
staff_filter_func (gpointer item,
                   gpointer user_data)
{
  ZxPeoplePage *self = user_data;
  ZxRecord *record = item;
  const char *department_id = zx_record_get_string (record, "department_id");

  if (self->filter_department_id != NULL &&
      g_strcmp0 (department_id, self->filter_department_id) != 0)
    return FALSE;

  if (self->search == NULL)
    return TRUE;

  return contains_search (zx_record_get_string (record, "name"), self->search) ||
         contains_search (zx_record_get_string (record, "employee_no"), self->search) ||
         (department_id != NULL &&
          contains_search (g_hash_table_lookup (self->department_names, department_id), self->search));
}

/* Counts and empty states ------------------------------------------------------ */

static gboolean
showing_staff (ZxPeoplePage *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "staff") == 0;
}

static void
update_counts (ZxPeoplePage *self)
{
  g_autofree char *text = NULL;
  gboolean staff = showing_staff (self);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (staff ? self->staff : self->departments));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (staff ? self->staff_filter_model
                                                              : self->department_filter_model));
  gboolean filtered = shown != total;
  guint n_departments = g_list_model_get_n_items (G_LIST_MODEL (self->departments));
  guint n_staff = g_list_model_get_n_items (G_LIST_MODEL (self->staff));
  guint dep_shown = g_list_model_get_n_items (G_LIST_MODEL (self->department_filter_model));
  guint staff_shown = g_list_model_get_n_items (G_LIST_MODEL (self->staff_filter_model));

  if (staff && filtered)
    /* Translators: shown above the staff list while it is filtered */
    text = g_strdup_printf (ngettext ("%u of %u staff member", "%u of %u staff members", total), shown, total);
  else if (staff)
    text = g_strdup_printf (ngettext ("%u staff member", "%u staff members", total), total);
  else if (filtered)
    text = g_strdup_printf (ngettext ("%u of %u department", "%u of %u departments", total), shown, total);
  else
    text = g_strdup_printf (ngettext ("%u department", "%u departments", total), total);
  gtk_label_set_label (self->count_label, text);

  /* Empty states: nothing at all, or nothing matches */
  if (n_departments == 0)
    {
      adw_status_page_set_title (self->department_empty, _("No Departments Yet"));
      adw_status_page_set_description (self->department_empty,
                                       _("Add the hospital’s clinical, medical-technical and functional departments with the + button or Ctrl+N."));
    }
  else
    {
      adw_status_page_set_title (self->department_empty, _("No Matching Departments"));
      adw_status_page_set_description (self->department_empty, _("Try a different search."));
    }
  gtk_stack_set_visible_child_name (self->department_stack, dep_shown > 0 ? "list" : "empty");

  if (n_staff == 0)
    {
      adw_status_page_set_title (self->staff_empty, _("No Staff Yet"));
      adw_status_page_set_description (self->staff_empty,
                                       n_departments == 0
                                       ? _("Add a department first, then its staff.")
                                       : _("Add staff members with the + button or Ctrl+N."));
    }
  else
    {
      adw_status_page_set_title (self->staff_empty, _("No Matching Staff"));
      adw_status_page_set_description (self->staff_empty, _("Try a different search or department."));
    }
  gtk_stack_set_visible_child_name (self->staff_stack, staff_shown > 0 ? "list" : "empty");
}

static void
update_view_widgets (ZxPeoplePage *self)
{
  gboolean staff = showing_staff (self);
  const char *add_label = staff ? _("Add Staff Member") : _("Add Department");

  gtk_widget_set_visible (GTK_WIDGET (self->department_filter), staff);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  g_object_set (self->search_entry, "placeholder-text",
                staff ? _("Search by name, number or department") : _("Search departments"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  staff ? _("Search staff") : _("Search departments"), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.add",
                                 !staff || g_list_model_get_n_items (G_LIST_MODEL (self->departments)) > 0);
  update_counts (self);
}

/* The staff list gets its model when first shown: building its rows for
 * a view nobody looks at would slow down the start-up. */
static void
ensure_staff_view (ZxPeoplePage *self)
{
  if (gtk_column_view_get_model (self->staff_view) == NULL)
    gtk_column_view_set_model (self->staff_view, GTK_SELECTION_MODEL (self->staff_selection));
}

static void
view_changed_cb (ZxPeoplePage *self)
{
  if (showing_staff (self))
    ensure_staff_view (self);
  update_view_widgets (self);
}

/* The department drop-down of the staff list ----------------------------------- */

static void
rebuild_department_filter (ZxPeoplePage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->departments));
  guint selected = 0;
  g_autoptr(GtkExpression) expression = NULL;

  g_ptr_array_set_size (self->filter_department_ids, 0);
  gtk_string_list_append (names, _("All Departments"));
  g_ptr_array_add (self->filter_department_ids, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->departments), i);
      const char *id = zx_record_get_id (record);

      gtk_string_list_append (names, zx_record_get_string (record, "name"));
      g_ptr_array_add (self->filter_department_ids, g_strdup (id));
      if (g_strcmp0 (id, self->filter_department_id) == 0)
        selected = i + 1;
    }

  if (selected == 0)
    g_clear_pointer (&self->filter_department_id, g_free);

  self->updating_filter = TRUE;
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->department_filter, expression);
  gtk_drop_down_set_model (self->department_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->department_filter, selected);
  self->updating_filter = FALSE;
}

static void
department_filter_cb (ZxPeoplePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->department_filter);
  const char *id = NULL;

  if (self->updating_filter)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->filter_department_ids->len)
    id = g_ptr_array_index (self->filter_department_ids, selected);

  if (g_strcmp0 (id, self->filter_department_id) == 0)
    return;

  g_free (self->filter_department_id);
  self->filter_department_id = g_strdup (id);
  gtk_filter_changed (GTK_FILTER (self->staff_text_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_counts (self);
}

/* Loading and following the store ---------------------------------------------- */

static void
reload (ZxPeoplePage *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GListStore) staff = zx_store_list (self->store, "staff", NULL, NULL);
  guint n;

  g_hash_table_remove_all (self->department_names);
  g_hash_table_remove_all (self->staff_names);
  g_hash_table_remove_all (self->staff_counts);

  n = g_list_model_get_n_items (G_LIST_MODEL (departments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (departments), i);
      index_department (self, record);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (staff));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (staff), i);
      index_staff (self, record);
    }

  g_set_object (&self->departments, departments);
  g_set_object (&self->staff, staff);
  gtk_filter_list_model_set_model (self->department_filter_model, G_LIST_MODEL (departments));
  gtk_filter_list_model_set_model (self->staff_filter_model, G_LIST_MODEL (staff));

  rebuild_department_filter (self);
  update_view_widgets (self);
}

static gboolean
find_record (GListStore *list,
             const char *id,
             guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (zx_record_get_id (record), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Re-emits a row so its cells bind again */
static void
refresh_record (GListStore *list,
                const char *id)
{
  guint position;

  if (id != NULL && find_record (list, id, &position))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);
      g_list_store_splice (list, position, 1, (gpointer *) &item, 1);
    }
}

/* Brings one row of @list in line with the store; returns the row's
 * record before (NULL when new) and sets *@now (NULL when gone). */
static ZxRecord *
sync_record (ZxPeoplePage  *self,
             GListStore    *list,
             const char    *entity,
             const char    *id,
             ZxRecord     **now)
{
  g_autoptr(JsonObject) row = zx_store_get (self->store, entity, id, NULL);
  ZxRecord *before = NULL;
  guint position;
  gboolean found = find_record (list, id, &position);

  *now = NULL;
  if (found)
    before = g_list_model_get_item (G_LIST_MODEL (list), position);

  if (row == NULL || json_object_get_boolean_member_with_default (row, ZX_COLUMN_DELETED, FALSE))
    {
      if (found)
        g_list_store_remove (list, position);
      return before;
    }

  *now = zx_record_new (zx_schema_lookup (entity), row);
  if (found)
    g_list_store_splice (list, position, 1, (gpointer *) now, 1);
  else
    g_list_store_append (list, *now);

  return before;
}

static void
department_changed (ZxPeoplePage *self,
                    const char   *id)
{
  g_autoptr(ZxRecord) before = NULL;
  g_autoptr(ZxRecord) now = NULL;
  const char *old_name, *new_name;

  before = sync_record (self, self->departments, "department", id, &now);
  old_name = before ? zx_record_get_string (before, "name") : NULL;
  new_name = now ? zx_record_get_string (now, "name") : NULL;

  if (now != NULL)
    index_department (self, now);
  else
    g_hash_table_remove (self->department_names, id);

  /* The staff rows show the department's name */
  if (before != NULL && now != NULL && g_strcmp0 (old_name, new_name) != 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->staff));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->staff), i);

          if (g_strcmp0 (zx_record_get_string (record, "department_id"), id) == 0)
            g_list_store_splice (self->staff, i, 1, (gpointer *) &record, 1);
        }
    }

  if (before == NULL || now == NULL || g_strcmp0 (old_name, new_name) != 0)
    rebuild_department_filter (self);
}

static void
staff_changed (ZxPeoplePage *self,
               const char   *id)
{
  g_autoptr(ZxRecord) before = NULL;
  g_autoptr(ZxRecord) now = NULL;
  const char *old_department = NULL;
  const char *new_department = NULL;
  guint n;

  before = sync_record (self, self->staff, "staff", id, &now);

  if (before != NULL)
    {
      old_department = zx_record_get_string (before, "department_id");
      count_staff (self, old_department, -1);
    }
  g_hash_table_remove (self->staff_names, id);
  if (now != NULL)
    {
      new_department = zx_record_get_string (now, "department_id");
      index_staff (self, now);
    }

  /* The department rows show staff counts and heads' names */
  refresh_record (self->departments, old_department);
  if (g_strcmp0 (old_department, new_department) != 0)
    refresh_record (self->departments, new_department);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->departments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->departments), i);

      if (g_strcmp0 (zx_record_get_string (record, "head_id"), id) == 0)
        g_list_store_splice (self->departments, i, 1, (gpointer *) &record, 1);
    }
}

static void
store_changed_cb (ZxPeoplePage *self,
                  const char   *entity,
                  const char   *id,
                  ZxStore      *store)
{
  if (g_strcmp0 (entity, "department") == 0)
    department_changed (self, id);
  else if (g_strcmp0 (entity, "staff") == 0)
    staff_changed (self, id);
  else
    return;

  update_view_widgets (self);
}

static void
store_reloaded_cb (ZxPeoplePage *self,
                   ZxStore      *store)
{
  reload (self);
}

static void
follow_store (ZxPeoplePage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (store == self->store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);

  reload (self);
}

/* Search ------------------------------------------------------------------------ */

static void
search_changed_cb (ZxPeoplePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->department_text_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->staff_text_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_counts (self);
}

static GtkColumnView *
current_view (ZxPeoplePage *self)
{
  return showing_staff (self) ? self->staff_view : self->department_view;
}

static void
stop_search_cb (ZxPeoplePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (current_view (self)));
}

static void
search_activate_cb (ZxPeoplePage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (current_view (self)));
}

/* Editing ------------------------------------------------------------------------- */

static void
present_editor (ZxPeoplePage *self,
                GtkWidget    *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static ZxRecord *
selected_record (ZxPeoplePage *self)
{
  GtkSingleSelection *selection = showing_staff (self) ? self->staff_selection
                                                       : self->department_selection;

  return gtk_single_selection_get_selected_item (selection);
}

static void
edit_record (ZxPeoplePage *self,
             ZxRecord     *record)
{
  const char *entity;

  if (record == NULL)
    return;

  entity = zx_record_get_entity (record)->name;
  if (g_str_equal (entity, "department"))
    present_editor (self, zx_department_editor_new (self->context, record));
  else
    present_editor (self, zx_staff_editor_new (self->context, record, NULL));
}

static void
department_activate_cb (ZxPeoplePage  *self,
                        guint          position,
                        GtkColumnView *view)
{
  g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->department_selection), position);
  edit_record (self, record);
}

static void
staff_activate_cb (ZxPeoplePage  *self,
                   guint          position,
                   GtkColumnView *view)
{
  g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (self->staff_selection), position);
  edit_record (self, record);
}

static void
new_department_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);

  present_editor (self, zx_department_editor_new (self->context, NULL));
}

static void
new_staff_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->departments)) == 0)
    {
      zx_show_error_dialog (widget, _("No Departments Yet"),
                            _("Every staff member belongs to a department. Add a department first."));
      return;
    }

  present_editor (self, zx_staff_editor_new (self->context, NULL, self->filter_department_id));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);

  if (showing_staff (self))
    new_staff_action (widget, NULL, NULL);
  else
    new_department_action (widget, NULL, NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);

  edit_record (self, selected_record (self));
}

/* The last deletion, undone by the toast's button or by Ctrl+Z */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zx_deletion_undo (ZX_PEOPLE_PAGE (widget)->deletion);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);
  ZxRecord *record = selected_record (self);

  if (record == NULL)
    return;

  zx_deletion_delete (self->deletion, self->store, zx_record_get_entity (record)->name,
                      zx_record_get_id (record), zx_record_get_string (record, "name"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  zx_people_page_set_view (ZX_PEOPLE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* Context menu --------------------------------------------------------------------- */

static void
popup_row_menu (ZxPeoplePage *self,
                GtkWidget    *relative_to,
                double        x,
                double        y)
{
  graphene_point_t point;
  GdkRectangle rect;

  if (!gtk_widget_compute_point (relative_to, GTK_WIDGET (self),
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
                     ZxPeoplePage    *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = NULL;
  GtkSingleSelection *selection;

  for (GtkWidget *w = picked; w != NULL && w != view; w = gtk_widget_get_parent (w))
    if ((item = g_object_get_data (G_OBJECT (w), "zx-list-item")) != NULL)
      break;

  /* Descendants of the label (none now) or the label itself */
  if (item == NULL && picked != NULL)
    {
      GtkWidget *child = gtk_widget_get_first_child (picked);
      if (child != NULL)
        item = g_object_get_data (G_OBJECT (child), "zx-list-item");
    }

  if (item == NULL || gtk_list_item_get_position (item) == GTK_INVALID_LIST_POSITION)
    return;

  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  gtk_single_selection_set_selected (selection, gtk_list_item_get_position (item));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (self, view, x, y);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *view = GTK_WIDGET (current_view (self));
  graphene_rect_t bounds;

  if (selected_record (self) == NULL)
    return;

  /* At the focused row when there is one, else at the top of the list */
  if (focus != NULL && gtk_widget_is_ancestor (focus, view) &&
      gtk_widget_compute_bounds (focus, view, &bounds))
    popup_row_menu (self, view, bounds.origin.x + 24, bounds.origin.y + bounds.size.height);
  else
    popup_row_menu (self, view, 24, 40);
}

static void
setup_view (ZxPeoplePage  *self,
            GtkColumnView *view)
{
  GtkGesture *gesture = gtk_gesture_click_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (row_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (gesture));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("people.delete")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("people.delete")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          gtk_named_action_new ("people.context-menu")));
  gtk_widget_add_controller (GTK_WIDGET (view), shortcuts);
}

/* GObject ---------------------------------------------------------------------------- */

static GtkSortListModel *
create_sorted (GtkFilterListModel *filtered,
               GtkColumnView      *view)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (view);

  return gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (filtered)),
                                  sorter ? g_object_ref (sorter) : NULL);
}

static void
zx_people_page_constructed (GObject *object)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (object);
  GtkEventController *shortcuts;

  G_OBJECT_CLASS (zx_people_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);

  add_columns (self, self->department_view, department_columns, G_N_ELEMENTS (department_columns));
  add_columns (self, self->staff_view, staff_columns, G_N_ELEMENTS (staff_columns));

  self->department_text_filter = gtk_custom_filter_new (department_filter_func, self, NULL);
  self->staff_text_filter = gtk_custom_filter_new (staff_filter_func, self, NULL);
  self->department_filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->department_text_filter)));
  self->staff_filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->staff_text_filter)));
  self->department_sort_model = create_sorted (self->department_filter_model, self->department_view);
  self->staff_sort_model = create_sorted (self->staff_filter_model, self->staff_view);
  self->department_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->department_sort_model)));
  self->staff_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->staff_sort_model)));
  gtk_column_view_set_model (self->department_view, GTK_SELECTION_MODEL (self->department_selection));
  setup_view (self, self->department_view);
  setup_view (self, self->staff_view);

  self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
  gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_popover, GTK_WIDGET (self));

  /* Ctrl+N and Ctrl+F work wherever the focus is in the window */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("people.add")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("people.search")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("people.undo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (self->department_filter_model, "items-changed",
                           G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->staff_filter_model, "items-changed",
                           G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
}

static void
zx_people_page_dispose (GObject *object)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  g_clear_object (&self->deletion);

  g_clear_object (&self->department_selection);
  g_clear_object (&self->staff_selection);
  g_clear_object (&self->department_sort_model);
  g_clear_object (&self->staff_sort_model);
  g_clear_object (&self->department_filter_model);
  g_clear_object (&self->staff_filter_model);
  g_clear_object (&self->department_text_filter);
  g_clear_object (&self->staff_text_filter);
  g_clear_object (&self->departments);
  g_clear_object (&self->staff);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_people_page_parent_class)->dispose (object);
}

static void
zx_people_page_finalize (GObject *object)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (object);

  g_hash_table_unref (self->department_names);
  g_hash_table_unref (self->staff_names);
  g_hash_table_unref (self->staff_counts);
  g_ptr_array_unref (self->filter_department_ids);
  g_free (self->search);
  g_free (self->filter_department_id);

  G_OBJECT_CLASS (zx_people_page_parent_class)->finalize (object);
}

static void
zx_people_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (object);

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
zx_people_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (object);

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
zx_people_page_map (GtkWidget *widget)
{
  ZxPeoplePage *self = ZX_PEOPLE_PAGE (widget);
  GtkRoot *root;
  GtkWidget *focus;

  GTK_WIDGET_CLASS (zx_people_page_parent_class)->map (widget);

  /* Arriving from the sidebar: put the focus on the list */
  root = gtk_widget_get_root (widget);
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (current_view (self)));
}

static void
zx_people_page_class_init (ZxPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_people_page_constructed;
  object_class->dispose = zx_people_page_dispose;
  object_class->finalize = zx_people_page_finalize;
  object_class->get_property = zx_people_page_get_property;
  object_class->set_property = zx_people_page_set_property;
  widget_class->map = zx_people_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/people/zx-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, department_filter);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, department_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, staff_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, department_view);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, staff_view);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, department_empty);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, staff_empty);
  gtk_widget_class_bind_template_child (widget_class, ZxPeoplePage, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, department_filter_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, department_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_activate_cb);

  gtk_widget_class_install_action (widget_class, "people.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "people.new-department", NULL, new_department_action);
  gtk_widget_class_install_action (widget_class, "people.new-staff", NULL, new_staff_action);
  gtk_widget_class_install_action (widget_class, "people.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "people.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "people.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "people.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "people.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "people.context-menu", NULL, context_menu_action);


  gtk_widget_class_set_css_name (widget_class, "zx-people-page");
}

static void
zx_people_page_init (ZxPeoplePage *self)
{
  self->deletion = zx_deletion_new (GTK_WIDGET (self));
  self->department_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->staff_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->staff_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filter_department_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    static const char * const views[] = { "departments", "staff", NULL };

    zx_page_add_view_shortcuts (GTK_WIDGET (self), "people.show-view", views);
  }
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GtkWidget *
zx_people_page_new (ZxContext *context)
{
  return g_object_new (ZX_TYPE_PEOPLE_PAGE, "context", context, NULL);
}

GListModel *
zx_people_page_get_department_model (ZxPeoplePage *self)
{
  g_return_val_if_fail (ZX_IS_PEOPLE_PAGE (self), NULL);
  return G_LIST_MODEL (self->department_sort_model);
}

GListModel *
zx_people_page_get_staff_model (ZxPeoplePage *self)
{
  g_return_val_if_fail (ZX_IS_PEOPLE_PAGE (self), NULL);
  return G_LIST_MODEL (self->staff_sort_model);
}

void
zx_people_page_set_view (ZxPeoplePage *self,
                         const char   *name)
{
  g_return_if_fail (ZX_IS_PEOPLE_PAGE (self));
  g_return_if_fail (g_strcmp0 (name, "departments") == 0 || g_strcmp0 (name, "staff") == 0);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  gtk_widget_grab_focus (GTK_WIDGET (current_view (self)));
}

const char *
zx_people_page_get_view (ZxPeoplePage *self)
{
  g_return_val_if_fail (ZX_IS_PEOPLE_PAGE (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}
