/* zx-scheme-editor.c — the form of an evaluation scheme: cycle, subject,
 * the weights of its three parts (the OKR part at least half), the
 * challenge credit, the grade bands and quota, who it evaluates and its
 * indicators with their weights
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-scheme-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-evaluation.h"
#include "zx-form.h"
#include "zx-people-labels.h"
#include "zx-scheme-editor.h"

typedef struct
{
  const char *field;
  const char *title;
  const char *subtitle;
  double      lower, upper, step, fallback;
  gboolean    percent;   /* the field holds 0–1, shown as 0–100 % */
} NumberSpec;

static const NumberSpec numbers[] = {
  { "okr_weight", N_("OKR contribution"),
    /* xgettext:no-c-format */
    N_("At least 50% of the evaluation"), 0, 100, 5, 0.6, TRUE },
  { "indicator_weight", N_("Indicator score"), N_("The department’s indicators against their targets"), 0, 100, 5, 0.3, TRUE },
  { "assessment_weight", N_("Department assessment"), N_("Given by the department head"), 0, 100, 5, 0.1, TRUE },
  { "challenge_credit", N_("Challenge credit"), N_("Progress on a challenging key result that counts as full"), 10, 100, 5, 0.7, TRUE },
  { "grade_a", N_("Grade A from"), NULL, 0, 100, 1, 90, FALSE },
  { "grade_b", N_("Grade B from"), NULL, 0, 100, 1, 80, FALSE },
  { "grade_c", N_("Grade C from"), NULL, 0, 100, 1, 60, FALSE },
  { "quota_a", N_("Grade A quota"), N_("The largest share of grade A; 0 for none"), 0, 100, 5, 0.2, TRUE },
};

struct _ZxSchemeEditor
{
  ZxRecordEditor  parent_instance;

  ZxRefChoices    cycles;
  ZxRefChoices    indicators;
  GPtrArray      *item_indicators;   /* ids of the items' indicators, same order as item_spins */
  GPtrArray      *item_spins;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkBox         *content;
  GtkLabel       *error_label;
  AdwEntryRow    *name_row;
  AdwComboRow    *cycle_row;
  AdwComboRow    *subject_row;
  GtkSpinButton  *spins[G_N_ELEMENTS (numbers)];
  GtkCheckButton *role_checks[6];
  AdwPreferencesGroup *items_group;
  AdwComboRow    *add_indicator_row;
};

G_DEFINE_FINAL_TYPE (ZxSchemeEditor, zx_scheme_editor, ZX_TYPE_RECORD_EDITOR)

static const char * const roles[] = { "admin", "leadership", "office", "hr", "head", "staff" };

static void
changed_cb (ZxSchemeEditor *self)
{
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static JsonObject *
zx_scheme_editor_collect (ZxRecordEditor *editor)
{
  ZxSchemeEditor *self = ZX_SCHEME_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *cycle = zx_ref_choices_id (&self->cycles, adw_combo_row_get_selected (self->cycle_row));
  ZxRecord *record = zx_record_editor_get_record (editor);

  zx_form_take_text (fields, "name", GTK_EDITABLE (self->name_row));
  if (cycle != NULL)
    json_object_set_string_member (fields, "cycle_id", cycle);
  else
    json_object_set_null_member (fields, "cycle_id");
  json_object_set_string_member (fields, "subject",
                                 adw_combo_row_get_selected (self->subject_row) == 1 ? "department" : "person");
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      double v = gtk_spin_button_get_value (self->spins[i]);

      /* two decimals of a share, so 60 % is exactly 0.6 */
      json_object_set_double_member (fields, numbers[i].field,
                                     numbers[i].percent ? round (v) / 100.0 : v);
    }
  json_object_set_string_member (fields, "status",
                                 record ? zx_record_get_string (record, "status") : "draft");
  return fields;
}

static void
add_item_row (ZxSchemeEditor *self,
              const char     *indicator_id,
              double          weight)
{
  ZxStore *store = zx_record_editor_get_store (ZX_RECORD_EDITOR (self));
  g_autofree char *name = zx_store_get_display (store, "indicator", indicator_id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 5);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name ? name : "");
  /* xgettext:no-c-format */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Weight within the indicator score (%)"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), weight * 100);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->items_group, row);
  g_ptr_array_add (self->item_indicators, g_strdup (indicator_id));
  g_ptr_array_add (self->item_spins, spin);
}

static void
add_indicator_cb (ZxSchemeEditor *self)
{
  const char *id = zx_ref_choices_id (&self->indicators, adw_combo_row_get_selected (self->add_indicator_row));

  if (id == NULL)
    return;
  for (guint i = 0; i < self->item_indicators->len; i++)
    if (g_str_equal (g_ptr_array_index (self->item_indicators, i), id))
      return;
  add_item_row (self, id, 0.2);
}

static void
zx_scheme_editor_load (ZxRecordEditor *editor,
                       ZxRecord       *record)
{
  ZxSchemeEditor *self = ZX_SCHEME_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  g_autoptr(GtkExpression) expression2 = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  guint position;

  zx_ref_choices_load (&self->cycles, store, "cycle", NULL, NULL, NULL);
  adw_combo_row_set_expression (self->cycle_row, expression);
  adw_combo_row_set_model (self->cycle_row, G_LIST_MODEL (self->cycles.labels));
  zx_ref_choices_load (&self->indicators, store, "indicator",
                       "retired = 0 AND direction IN ('higher', 'lower')", NULL, NULL);
  adw_combo_row_set_expression (self->add_indicator_row, expression2);
  adw_combo_row_set_model (self->add_indicator_row, G_LIST_MODEL (self->indicators.labels));

  if (record != NULL)
    {
      const char *params[] = { zx_record_get_id (record), NULL };
      g_autoptr(GListStore) items = zx_store_list (store, "eval_scheme_item", "scheme_id = ?", params);
      g_autoptr(GListStore) audience = zx_store_list (store, "eval_audience", "scheme_id = ?", params);

      adw_window_title_set_title (self->window_title, _("Edit Evaluation Scheme"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), zx_record_get_string (record, "name"));
      position = zx_ref_choices_find (&self->cycles, zx_record_get_string (record, "cycle_id"));
      adw_combo_row_set_selected (self->cycle_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
      adw_combo_row_set_selected (self->subject_row,
                                  g_strcmp0 (zx_record_get_string (record, "subject"), "department") == 0);
      for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
        {
          double v = zx_record_get_double (record, numbers[i].field);

          gtk_spin_button_set_value (self->spins[i], numbers[i].percent ? v * 100 : v);
        }
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
        {
          g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (items), i);

          add_item_row (self, zx_record_get_string (item, "indicator_id"), zx_record_get_double (item, "weight"));
        }
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (audience)); i++)
        {
          g_autoptr(ZxRecord) a = g_list_model_get_item (G_LIST_MODEL (audience), i);
          const char *role = zx_record_get_string (a, "role");

          for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
            if (g_strcmp0 (role, roles[r]) == 0 && zx_record_get_string (a, "department_id") == NULL)
              gtk_check_button_set_active (self->role_checks[r], TRUE);
        }
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Evaluation Scheme"));
      for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
        gtk_spin_button_set_value (self->spins[i], numbers[i].percent ? numbers[i].fallback * 100 : numbers[i].fallback);
      gtk_check_button_set_active (self->role_checks[4], TRUE);
      gtk_check_button_set_active (self->role_checks[5], TRUE);
    }
}

/* The scheme, then its items and audience, in one transaction */
static char *
zx_scheme_editor_save (ZxRecordEditor *editor,
                       JsonObject     *fields,
                       GError        **error)
{
  ZxSchemeEditor *self = ZX_SCHEME_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  ZxRecord *record = zx_record_editor_get_record (editor);
  g_autofree char *id = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GListStore) audience = NULL;
  const char *params[2] = { NULL, NULL };

  if (!zx_store_begin (store, error))
    return NULL;

  if (record != NULL)
    {
      id = g_strdup (zx_record_get_id (record));
      if (!zx_store_update (store, "eval_scheme", id, fields, error))
        goto fail;
    }
  else if ((id = zx_store_create (store, "eval_scheme", fields, error)) == NULL)
    goto fail;

  /* Items: the form's list replaces the stored one */
  params[0] = id;
  items = zx_store_list (store, "eval_scheme_item", "scheme_id = ?", params);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      gboolean kept = FALSE;

      for (guint j = 0; j < self->item_indicators->len && !kept; j++)
        if (g_strcmp0 (g_ptr_array_index (self->item_indicators, j), zx_record_get_string (item, "indicator_id")) == 0)
          {
            g_autoptr(JsonObject) change = json_object_new ();
            double w = gtk_spin_button_get_value (g_ptr_array_index (self->item_spins, j)) / 100;

            kept = TRUE;
            if (w != zx_record_get_double (item, "weight"))
              {
                json_object_set_double_member (change, "weight", w);
                if (!zx_store_update (store, "eval_scheme_item", zx_record_get_id (item), change, error))
                  goto fail;
              }
            g_free (g_ptr_array_index (self->item_indicators, j));
            g_ptr_array_index (self->item_indicators, j) = g_strdup ("");   /* done */
          }
      if (!kept && !zx_store_delete (store, "eval_scheme_item", zx_record_get_id (item), error))
        goto fail;
    }
  for (guint j = 0; j < self->item_indicators->len; j++)
    {
      const char *indicator = g_ptr_array_index (self->item_indicators, j);
      g_autoptr(JsonObject) o = NULL;
      g_autofree char *item_id = NULL;

      if (*indicator == '\0')
        continue;
      o = json_object_new ();
      json_object_set_string_member (o, "scheme_id", id);
      json_object_set_string_member (o, "indicator_id", indicator);
      json_object_set_double_member (o, "weight", gtk_spin_button_get_value (g_ptr_array_index (self->item_spins, j)) / 100);
      if ((item_id = zx_store_create (store, "eval_scheme_item", o, error)) == NULL)
        goto fail;
    }

  /* Audience by role */
  audience = zx_store_list (store, "eval_audience", "scheme_id = ? AND department_id IS NULL", params);
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      gboolean wanted = gtk_check_button_get_active (self->role_checks[r]);
      const char *existing = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (audience)); i++)
        {
          g_autoptr(ZxRecord) a = g_list_model_get_item (G_LIST_MODEL (audience), i);

          if (g_strcmp0 (zx_record_get_string (a, "role"), roles[r]) == 0)
            existing = g_intern_string (zx_record_get_id (a));
        }
      if (wanted && existing == NULL)
        {
          g_autoptr(JsonObject) o = json_object_new ();
          g_autofree char *a_id = NULL;

          json_object_set_string_member (o, "scheme_id", id);
          json_object_set_string_member (o, "role", roles[r]);
          if ((a_id = zx_store_create (store, "eval_audience", o, error)) == NULL)
            goto fail;
        }
      else if (!wanted && existing != NULL && !zx_store_delete (store, "eval_audience", existing, error))
        goto fail;
    }

  if (!zx_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);

fail:
  zx_store_rollback (store);
  return NULL;
}

static GtkSpinButton *
number_row (ZxSchemeEditor      *self,
            AdwPreferencesGroup *group,
            const NumberSpec    *spec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (spec->lower, spec->upper, spec->step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->title));
  if (spec->subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->subtitle));
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), spec->percent ? 0 : 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  if (spec->percent)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
  adw_preferences_group_add (group, row);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (changed_cb), self);
  zx_record_editor_add_row (ZX_RECORD_EDITOR (self), spec->field, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
zx_scheme_editor_dispose (GObject *object)
{
  ZxSchemeEditor *self = ZX_SCHEME_EDITOR (object);

  zx_ref_choices_clear (&self->cycles);
  zx_ref_choices_clear (&self->indicators);
  g_clear_pointer (&self->item_indicators, g_ptr_array_unref);
  g_clear_pointer (&self->item_spins, g_ptr_array_unref);
  G_OBJECT_CLASS (zx_scheme_editor_parent_class)->dispose (object);
}

static void
zx_scheme_editor_class_init (ZxSchemeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_scheme_editor_dispose;
  editor_class->entity = "eval_scheme";
  editor_class->load = zx_scheme_editor_load;
  editor_class->collect = zx_scheme_editor_collect;
  editor_class->save = zx_scheme_editor_save;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/evaluation/zx-scheme-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxSchemeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxSchemeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxSchemeEditor, content);
  gtk_widget_class_bind_template_child (widget_class, ZxSchemeEditor, error_label);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_scheme_editor_init (ZxSchemeEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) subjects = gtk_string_list_new (NULL);
  GtkWidget *roles_box, *roles_row, *add_button;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->item_indicators = g_ptr_array_new_with_free_func (g_free);
  self->item_spins = g_ptr_array_new ();
  zx_record_editor_set_error_label (editor, self->error_label);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_box_prepend (self->content, GTK_WIDGET (group));
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (zx_record_editor_activate), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->name_row));
  zx_record_editor_add_row (editor, "name", GTK_WIDGET (self->name_row));

  self->cycle_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cycle_row), _("Cycle"));
  g_signal_connect_swapped (self->cycle_row, "notify::selected", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->cycle_row));
  zx_record_editor_add_row (editor, "cycle_id", GTK_WIDGET (self->cycle_row));

  gtk_string_list_append (subjects, _("People"));
  gtk_string_list_append (subjects, _("Departments"));
  self->subject_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row), _("Evaluates"));
  adw_combo_row_set_model (self->subject_row, G_LIST_MODEL (subjects));
  g_signal_connect_swapped (self->subject_row, "notify::selected", G_CALLBACK (changed_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->subject_row));
  zx_record_editor_add_row (editor, "subject", GTK_WIDGET (self->subject_row));

  /* Who: roles */
  roles_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (roles_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (roles_box), 3);
  gtk_widget_set_margin_top (roles_box, 6);
  gtk_widget_set_margin_bottom (roles_box, 6);
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      self->role_checks[r] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (zx_role_label (roles[r])));
      gtk_flow_box_append (GTK_FLOW_BOX (roles_box), GTK_WIDGET (self->role_checks[r]));
    }
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Audience"));
  adw_preferences_group_set_description (group, _("The roles the scheme evaluates; none checked evaluates everyone."));
  roles_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (roles_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (roles_row), roles_box);
  adw_preferences_group_add (group, roles_row);
  gtk_box_insert_child_after (self->content, GTK_WIDGET (group),
                              gtk_widget_get_first_child (GTK_WIDGET (self->content)));

  /* Weights */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Weights"));
  adw_preferences_group_set_description (group,
                                         /* xgettext:no-c-format */
                                         _("The three parts add up to 100%; the OKR contribution weighs at least 50%."));
  for (guint i = 0; i < 4; i++)
    self->spins[i] = number_row (self, group, &numbers[i]);
  gtk_box_insert_child_after (self->content, GTK_WIDGET (group),
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->error_label)));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Grades"));
  for (guint i = 4; i < G_N_ELEMENTS (numbers); i++)
    self->spins[i] = number_row (self, group, &numbers[i]);
  gtk_box_insert_child_after (self->content, GTK_WIDGET (group),
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->error_label)));

  /* Indicators */
  self->items_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->items_group, _("Indicators"));
  adw_preferences_group_set_description (self->items_group,
                                         _("Scored against the department’s targets of the cycle; an indicator without data is left out."));
  self->add_indicator_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_indicator_row), _("Add indicator"));
  add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_valign (add_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add_button, _("Add Indicator"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Indicator"), -1);
  gtk_widget_add_css_class (add_button, "flat");
  g_signal_connect_swapped (add_button, "clicked", G_CALLBACK (add_indicator_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->add_indicator_row), add_button);
  adw_preferences_group_add (self->items_group, GTK_WIDGET (self->add_indicator_row));
  gtk_box_append (self->content, GTK_WIDGET (self->items_group));
}

GtkWidget *
zx_scheme_editor_new (ZxContext *context,
                      ZxRecord  *record)
{
  ZxSchemeEditor *self;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  self = g_object_new (ZX_TYPE_SCHEME_EDITOR, "context", context, "record", record, NULL);
  if (record != NULL && g_strcmp0 (zx_record_get_string (record, "status"), "locked") == 0)
    {
      /* A locked scheme is final: shown, not changed */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->content)); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (child != GTK_WIDGET (self->error_label))
          gtk_widget_set_sensitive (child, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      gtk_label_set_label (self->error_label,
                           _("This evaluation scheme is locked: its cycle’s evaluation is final, so the scheme, its indicators and its audience cannot change."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  return GTK_WIDGET (self);
}
