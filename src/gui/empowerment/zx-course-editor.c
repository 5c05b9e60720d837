/* zx-course-editor.c — the form of one course, with its audience and skills
 *
 * The course's own fields are checked as the user types like every form;
 * saving writes the course, its audience rows (the whole hospital, some
 * departments or some roles) and the skills it teaches in one
 * transaction.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-course-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-course-editor.h"
#include "zx-form.h"
#include "zx-people-labels.h"
#include "zx-roles.h"

enum { AUDIENCE_HOSPITAL, AUDIENCE_DEPARTMENTS, AUDIENCE_ROLES, AUDIENCE_ASSIGNED };

struct _ZxCourseEditor
{
  ZxRecordEditor  parent_instance;

  ZxRefChoices    pillars;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *title_row;
  AdwEntryRow    *summary_row;
  AdwEntryRow    *series_row;
  AdwComboRow    *pillar_row;
  AdwActionRow   *duration_row;
  GtkSpinButton  *duration_spin;
  AdwEntryRow    *material_row;
  GtkButton      *choose_button;
  GtkLabel       *error_label;
  AdwComboRow    *audience_row;
  GtkListBox     *department_list;
  GtkListBox     *role_list;
  GtkListBox     *skill_list;
};

G_DEFINE_FINAL_TYPE (ZxCourseEditor, zx_course_editor, ZX_TYPE_RECORD_EDITOR)

static JsonObject *
zx_course_editor_collect (ZxRecordEditor *editor)
{
  ZxCourseEditor *self = ZX_COURSE_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *pillar = zx_ref_choices_id (&self->pillars, adw_combo_row_get_selected (self->pillar_row));

  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  zx_form_take_text (fields, "summary", GTK_EDITABLE (self->summary_row));
  zx_form_take_text (fields, "series", GTK_EDITABLE (self->series_row));
  zx_form_take_text (fields, "material", GTK_EDITABLE (self->material_row));
  if (pillar != NULL)
    json_object_set_string_member (fields, "pillar_id", pillar);
  else
    json_object_set_null_member (fields, "pillar_id");
  json_object_set_int_member (fields, "duration_min", gtk_spin_button_get_value_as_int (self->duration_spin));
  return fields;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* A row with a check box; the row remembers @id */
static GtkWidget *
check_row (GtkListBox *list,
           const char *title,
           const char *id,
           gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "zx-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "zx-check", check);
  gtk_list_box_append (list, row);
  return row;
}

/* The ids of the checked rows of @list */
static GPtrArray *
checked_ids (GtkListBox *list)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "zx-check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_ptr_array_add (ids, g_strdup (g_object_get_data (G_OBJECT (row), "zx-id")));
    }
  return ids;
}

static gboolean
in (GPtrArray  *ids,
    const char *id)
{
  return id != NULL && g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static void
audience_kind_cb (ZxCourseEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->audience_row);

  gtk_widget_set_visible (GTK_WIDGET (self->department_list), kind == AUDIENCE_DEPARTMENTS);
  gtk_widget_set_visible (GTK_WIDGET (self->role_list), kind == AUDIENCE_ROLES);
}

static void
zx_course_editor_load (ZxRecordEditor *editor,
                       ZxRecord       *record)
{
  ZxCourseEditor *self = ZX_COURSE_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(GtkExpression) expression = NULL;
  g_autoptr(GPtrArray) departments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) skills = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListStore) all_departments = NULL;
  g_autoptr(GListStore) all_skills = NULL;
  guint kind = AUDIENCE_HOSPITAL;
  guint position;

  zx_ref_choices_load (&self->pillars, store, "pillar", NULL, NULL, _("No pillar"));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->pillar_row, expression);
  adw_combo_row_set_model (self->pillar_row, G_LIST_MODEL (self->pillars.labels));

  if (record != NULL)
    {
      const char *params[] = { zx_record_get_id (record), NULL };
      g_autoptr(GListStore) audience = zx_store_list (store, "course_audience", "course_id = ?", params);
      g_autoptr(GListStore) taught = zx_store_list (store, "course_skill", "course_id = ?", params);
      gboolean whole = FALSE;

      adw_window_title_set_title (self->window_title, _("Edit Course"));
      set_text (self->title_row, zx_record_get_string (record, "title"));
      set_text (self->summary_row, zx_record_get_string (record, "summary"));
      set_text (self->series_row, zx_record_get_string (record, "series"));
      set_text (self->material_row, zx_record_get_string (record, "material"));
      gtk_spin_button_set_value (self->duration_spin, zx_record_get_int (record, "duration_min"));
      position = zx_ref_choices_find (&self->pillars, zx_record_get_string (record, "pillar_id"));
      adw_combo_row_set_selected (self->pillar_row, position != GTK_INVALID_LIST_POSITION ? position : 0);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (audience)); i++)
        {
          g_autoptr(ZxRecord) a = g_list_model_get_item (G_LIST_MODEL (audience), i);
          const char *department = zx_record_get_string (a, "department_id");
          const char *role = zx_record_get_string (a, "role");

          if (department == NULL && role == NULL)
            whole = TRUE;
          if (department != NULL)
            g_ptr_array_add (departments, g_strdup (department));
          else if (role != NULL)
            g_ptr_array_add (roles, g_strdup (role));
        }
      kind = whole ? AUDIENCE_HOSPITAL : departments->len > 0 ? AUDIENCE_DEPARTMENTS
           : roles->len > 0 ? AUDIENCE_ROLES : AUDIENCE_ASSIGNED;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (taught)); i++)
        {
          g_autoptr(ZxRecord) t = g_list_model_get_item (G_LIST_MODEL (taught), i);

          g_ptr_array_add (skills, g_strdup (zx_record_get_string (t, "skill_id")));
        }
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Course"));
      adw_combo_row_set_selected (self->pillar_row, 0);
      gtk_spin_button_set_value (self->duration_spin, 20);
    }

  all_departments = zx_store_list (store, "department", NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all_departments)); i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (all_departments), i);

      check_row (self->department_list, zx_record_get_string (d, "name"), zx_record_get_id (d),
                 in (departments, zx_record_get_id (d)));
    }
  for (const char * const *role = zx_roles_all (); *role != NULL; role++)
    check_row (self->role_list, zx_role_label (*role), *role, in (roles, *role));
  all_skills = zx_store_list (store, "skill", NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all_skills)); i++)
    {
      g_autoptr(ZxRecord) s = g_list_model_get_item (G_LIST_MODEL (all_skills), i);

      check_row (self->skill_list, zx_record_get_string (s, "name"), zx_record_get_id (s),
                 in (skills, zx_record_get_id (s)));
    }
  adw_combo_row_set_selected (self->audience_row, kind);
  audience_kind_cb (self);
}

/* Deletes the live rows of @entity for @course, except those whose
 * @field is in @keep (which loses them: what is left must be created) */
static gboolean
prune (ZxStore    *store,
       const char *entity,
       const char *course,
       const char *field,
       GPtrArray  *keep,
       GError    **error)
{
  const char *params[] = { course, NULL };
  g_autoptr(GListStore) rows = zx_store_list (store, entity, "course_id = ?", params);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const char *value = field != NULL ? zx_record_get_string (r, field) : NULL;
      guint index;

      if (field != NULL && value != NULL && keep != NULL &&
          g_ptr_array_find_with_equal_func (keep, value, g_str_equal, &index))
        {
          g_ptr_array_remove_index (keep, index);
          continue;
        }
      if (!zx_store_delete (store, entity, zx_record_get_id (r), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
create_link (ZxStore    *store,
             const char *entity,
             const char *course,
             const char *field,
             const char *value,
             GError    **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (fields, "course_id", course);
  if (field != NULL)
    json_object_set_string_member (fields, field, value);
  id = zx_store_create (store, entity, fields, error);
  return id != NULL;
}

static char *
zx_course_editor_save (ZxRecordEditor *editor,
                       JsonObject     *fields,
                       GError        **error)
{
  ZxCourseEditor *self = ZX_COURSE_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  ZxRecord *record = zx_record_editor_get_record (editor);
  guint kind = adw_combo_row_get_selected (self->audience_row);
  g_autoptr(GPtrArray) wanted = NULL;
  g_autoptr(GPtrArray) skills = checked_ids (self->skill_list);
  g_autofree char *id = NULL;
  const char *field = kind == AUDIENCE_DEPARTMENTS ? "department_id" : kind == AUDIENCE_ROLES ? "role" : NULL;

  if (kind == AUDIENCE_DEPARTMENTS)
    wanted = checked_ids (self->department_list);
  else if (kind == AUDIENCE_ROLES)
    wanted = checked_ids (self->role_list);
  else
    wanted = g_ptr_array_new_with_free_func (g_free);

  if (!zx_store_begin (store, error))
    return NULL;

  if (record != NULL)
    {
      id = g_strdup (zx_record_get_id (record));
      if (!zx_store_update (store, "course", id, fields, error))
        goto fail;
    }
  else if ((id = zx_store_create (store, "course", fields, error)) == NULL)
    goto fail;

  /* Audience: keep what still applies, delete the rest, add what is new */
  if (kind == AUDIENCE_HOSPITAL)
    {
      /* One row with neither department nor role: keep it when it is there */
      const char *params[] = { id, NULL };
      g_autoptr(GListStore) rows = zx_store_list (store, "course_audience", "course_id = ?", params);
      gboolean kept = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
        {
          g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (rows), i);

          if (!kept && zx_record_is_null (r, "department_id") && zx_record_is_null (r, "role"))
            kept = TRUE;
          else if (!zx_store_delete (store, "course_audience", zx_record_get_id (r), error))
            goto fail;
        }
      if (!kept && !create_link (store, "course_audience", id, NULL, NULL, error))
        goto fail;
    }
  else
    {
      /* Rows of the other kind go; those chosen stay */
      const char *params[] = { id, NULL };
      g_autoptr(GListStore) rows = zx_store_list (store, "course_audience", "course_id = ?", params);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
        {
          g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (rows), i);
          const char *value = field != NULL ? zx_record_get_string (r, field) : NULL;
          gboolean other = field == NULL || !zx_record_is_null (r, kind == AUDIENCE_DEPARTMENTS ? "role" : "department_id");
          guint index;

          if (!other && value != NULL && g_ptr_array_find_with_equal_func (wanted, value, g_str_equal, &index))
            g_ptr_array_remove_index (wanted, index);
          else if (!zx_store_delete (store, "course_audience", zx_record_get_id (r), error))
            goto fail;
        }
      for (guint i = 0; i < wanted->len; i++)
        if (!create_link (store, "course_audience", id, field, g_ptr_array_index (wanted, i), error))
          goto fail;
    }

  if (!prune (store, "course_skill", id, "skill_id", skills, error))
    goto fail;
  for (guint i = 0; i < skills->len; i++)
    if (!create_link (store, "course_skill", id, "skill_id", g_ptr_array_index (skills, i), error))
      goto fail;

  if (!zx_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);

fail:
  zx_store_rollback (store);
  return NULL;
}

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                ZxCourseEditor  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

      if (uri != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->material_row), uri);
    }
  g_object_unref (dialog);
}

static void
choose_clicked_cb (ZxCourseEditor *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose the Course Material"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                                               _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
zx_course_editor_dispose (GObject *object)
{
  ZxCourseEditor *self = ZX_COURSE_EDITOR (object);

  zx_ref_choices_clear (&self->pillars);
  G_OBJECT_CLASS (zx_course_editor_parent_class)->dispose (object);
}

static void
zx_course_editor_class_init (ZxCourseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_course_editor_dispose;

  editor_class->entity = "course";
  editor_class->load = zx_course_editor_load;
  editor_class->collect = zx_course_editor_collect;
  editor_class->save = zx_course_editor_save;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/empowerment/zx-course-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, series_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, pillar_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, duration_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, material_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, choose_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, audience_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, department_list);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, role_list);
  gtk_widget_class_bind_template_child (widget_class, ZxCourseEditor, skill_list);
  gtk_widget_class_bind_template_callback (widget_class, audience_kind_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_course_editor_init (ZxCourseEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "title", GTK_WIDGET (self->title_row));
  zx_record_editor_add_row (editor, "summary", GTK_WIDGET (self->summary_row));
  zx_record_editor_add_row (editor, "series", GTK_WIDGET (self->series_row));
  zx_record_editor_add_row (editor, "pillar_id", GTK_WIDGET (self->pillar_row));
  zx_record_editor_add_row (editor, "duration_min", GTK_WIDGET (self->duration_row));
  zx_record_editor_add_row (editor, "material", GTK_WIDGET (self->material_row));
}

GtkWidget *
zx_course_editor_new (ZxContext *context,
                      ZxRecord  *record)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_COURSE_EDITOR, "context", context, "record", record, NULL);
}
