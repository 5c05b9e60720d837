/* zx-objective-editor.c — create or edit an objective (hospital, department or personal)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows follow the level: a hospital objective serves a pillar; a
 * department's is aligned to a hospital objective and the battle it helps
 * win; a person's to one of the department's key results.
 */
#define G_LOG_DOMAIN "zx-objective-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-objective-editor.h"
#include "zx-okr-form.h"
#include "zx-rank.h"

struct _ZxObjectiveEditor
{
  ZxRecordEditor  parent_instance;

  /* presets for a new objective */
  char           *level;
  char           *cycle_id;
  char           *department_id;
  char           *owner_id;
  char           *parent_objective_id;
  char           *parent_key_result_id;
  gboolean        loading;
  char           *new_rank;   /* a new objective's rank, worked out once */

  ZxRefChoices    cycles, departments, owners, pillars, battles, parents, parent_krs;

  AdwWindowTitle *title;
  AdwEntryRow    *title_row;
  AdwComboRow    *level_row;
  AdwComboRow    *cycle_row;
  AdwComboRow    *department_row;
  AdwComboRow    *owner_row;
  AdwComboRow    *pillar_row;
  AdwComboRow    *battle_row;
  AdwComboRow    *parent_row;
  AdwComboRow    *parent_kr_row;
  AdwComboRow    *status_row;
  GtkTextBuffer  *description;
};

G_DEFINE_FINAL_TYPE (ZxObjectiveEditor, zx_objective_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_CYCLE_ID,
  PROP_DEPARTMENT_ID,
  PROP_OWNER_ID,
  PROP_PARENT_OBJECTIVE_ID,
  PROP_PARENT_KEY_RESULT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const levels[] = { "hospital", "department", "personal" };
static const char * const states[] = { "active", "closed" };

static const char *
selected_level (ZxObjectiveEditor *self)
{
  guint i = adw_combo_row_get_selected (self->level_row);

  return i < G_N_ELEMENTS (levels) ? levels[i] : "hospital";
}

static const char *
choice (AdwComboRow  *row,
        ZxRefChoices *choices)
{
  return zx_ref_choices_id (choices, adw_combo_row_get_selected (row));
}

static ZxStore *
store_of (ZxObjectiveEditor *self)
{
  return zx_record_editor_get_store (ZX_RECORD_EDITOR (self));
}

/* The lists that depend on the cycle and the department ------------------------------ */

static void
load_dependents (ZxObjectiveEditor *self,
                 const char        *owner_id,
                 const char        *battle_id,
                 const char        *parent_id,
                 const char        *parent_kr_id)
{
  ZxStore *store = store_of (self);
  const char *cycle = choice (self->cycle_row, &self->cycles);
  const char *department = choice (self->department_row, &self->departments);
  const char *by_department[] = { department, NULL };
  const char *by_cycle[] = { cycle, cycle, NULL };
  const char *by_both[] = { department, cycle, cycle, NULL };

  self->loading = TRUE;
  if (department != NULL)
    zx_ref_choices_load (&self->owners, store, "staff", "department_id = ?", by_department,
                         /* Translators: no owner chosen for an objective */
                         _("Nobody yet"));
  else
    zx_ref_choices_load (&self->owners, store, "staff", NULL, NULL, _("Nobody yet"));
  zx_okr_form_set_choices (self->owner_row, &self->owners, owner_id);

  if (department != NULL)
    zx_ref_choices_load (&self->battles, store, "battle", "department_id = ?", by_department,
                         /* Translators: an objective serving no battle */
                         _("None"));
  else
    zx_ref_choices_load (&self->battles, store, "battle", "0", NULL, _("None"));
  zx_okr_form_set_choices (self->battle_row, &self->battles, battle_id);

  /* hospital objectives of the cycle or its year */
  zx_ref_choices_load (&self->parents, store, "objective",
                       "level = 'hospital' AND (cycle_id = ? OR cycle_id = (SELECT parent_id FROM cycle WHERE id = ?))",
                       by_cycle,
                       /* Translators: an objective aligned to nothing */
                       _("Not aligned yet"));
  zx_okr_form_set_choices (self->parent_row, &self->parents, parent_id);

  /* the department's key results in the cycle or its year: “KR — objective” */
  zx_ref_choices_clear (&self->parent_krs);
  self->parent_krs.labels = gtk_string_list_new (NULL);
  self->parent_krs.ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (self->parent_krs.labels, _("Not aligned yet"));
  g_ptr_array_add (self->parent_krs.ids, NULL);
  if (department != NULL)
    {
      g_autoptr(GListStore) objectives = zx_store_list (store, "objective",
                                                        "level IN ('department', 'hospital') AND department_id = ? AND "
                                                        "(cycle_id = ? OR cycle_id = (SELECT parent_id FROM cycle WHERE id = ?))",
                                                        by_both);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (objectives)); i++)
        {
          g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (objectives), i);
          const char *by_objective[] = { zx_record_get_id (o), NULL };
          g_autoptr(GListStore) krs = zx_store_list (store, "key_result", "objective_id = ?", by_objective);

          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (krs)); k++)
            {
              g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), k);
              /* Translators: a key result to align to, then its objective */
              g_autofree char *label = g_strdup_printf (_("%s — %s"), zx_record_get_string (kr, "title"),
                                                        zx_record_get_string (o, "title"));

              gtk_string_list_append (self->parent_krs.labels, label);
              g_ptr_array_add (self->parent_krs.ids, g_strdup (zx_record_get_id (kr)));
            }
        }
    }
  zx_okr_form_set_choices (self->parent_kr_row, &self->parent_krs, parent_kr_id);
  self->loading = FALSE;
}

/* Only the rows the level needs */
static void
show_rows (ZxObjectiveEditor *self)
{
  const char *level = selected_level (self);
  gboolean hospital = g_str_equal (level, "hospital");
  gboolean department = g_str_equal (level, "department");
  gboolean personal = g_str_equal (level, "personal");

  gtk_widget_set_visible (GTK_WIDGET (self->department_row), !hospital);
  gtk_widget_set_visible (GTK_WIDGET (self->pillar_row), !personal);
  gtk_widget_set_visible (GTK_WIDGET (self->battle_row), department);
  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), department);
  gtk_widget_set_visible (GTK_WIDGET (self->parent_kr_row), personal);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner_row),
                                 personal ? _("Owner") : _("Responsible"));
}

static void
level_changed_cb (ZxObjectiveEditor *self)
{
  show_rows (self);
}

static void
context_changed_cb (ZxObjectiveEditor *self)
{
  if (self->loading)
    return;
  load_dependents (self, choice (self->owner_row, &self->owners), choice (self->battle_row, &self->battles),
                   choice (self->parent_row, &self->parents), choice (self->parent_kr_row, &self->parent_krs));
}

/* ZxRecordEditor ------------------------------------------------------------------------ */

static char *
rank_after_last (ZxObjectiveEditor *self)
{
  g_autoptr(GListStore) all = zx_store_list (store_of (self), "objective", NULL, NULL);
  g_autofree char *last = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (all), i);
      const char *rank = zx_record_get_string (o, "rank");

      if (rank != NULL && zx_rank_is_valid (rank) && (last == NULL || strcmp (rank, last) > 0))
        {
          g_free (last);
          last = g_strdup (rank);
        }
    }
  return zx_rank_between (last, NULL);
}

static JsonObject *
zx_objective_editor_collect (ZxRecordEditor *editor)
{
  ZxObjectiveEditor *self = ZX_OBJECTIVE_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *level = selected_level (self);
  gboolean hospital = g_str_equal (level, "hospital");
  gboolean department = g_str_equal (level, "department");
  const char *parent_kr = !hospital && !department ? choice (self->parent_kr_row, &self->parent_krs) : NULL;
  const char *parent = department ? choice (self->parent_row, &self->parents) : NULL;

  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  json_object_set_string_member (fields, "level", level);
  zx_okr_form_set_ref (fields, "cycle_id", choice (self->cycle_row, &self->cycles));
  zx_okr_form_set_ref (fields, "department_id", hospital ? NULL : choice (self->department_row, &self->departments));
  zx_okr_form_set_ref (fields, "owner_id", choice (self->owner_row, &self->owners));
  zx_okr_form_set_ref (fields, "pillar_id", hospital || department ? choice (self->pillar_row, &self->pillars) : NULL);
  zx_okr_form_set_ref (fields, "battle_id", department ? choice (self->battle_row, &self->battles) : NULL);
  /* a person's objective is aligned to the key result and so to its objective */
  if (parent_kr != NULL)
    {
      g_autoptr(JsonObject) kr = zx_store_get (store_of (self), "key_result", parent_kr, NULL);

      parent = kr != NULL ? json_object_get_string_member_with_default (kr, "objective_id", NULL) : NULL;
      zx_okr_form_set_ref (fields, "parent_objective_id", parent);
    }
  else
    zx_okr_form_set_ref (fields, "parent_objective_id", parent);
  zx_okr_form_set_ref (fields, "parent_key_result_id", parent_kr);
  json_object_set_string_member (fields, "status", states[MIN (adw_combo_row_get_selected (self->status_row), 1)]);
  zx_okr_form_take_buffer (fields, "description", self->description);
  if (zx_record_editor_get_record (editor) == NULL)
    {
      if (self->new_rank == NULL)
        self->new_rank = rank_after_last (self);
      json_object_set_string_member (fields, "rank", self->new_rank);
    }
  return fields;
}

static void
zx_objective_editor_load (ZxRecordEditor *editor,
                          ZxRecord       *record)
{
  ZxObjectiveEditor *self = ZX_OBJECTIVE_EDITOR (editor);
  ZxStore *store = store_of (self);
  const char *level = self->level != NULL ? self->level : "hospital";
  const char *cycle = self->cycle_id, *department = self->department_id, *owner = self->owner_id;
  const char *pillar = NULL, *battle = NULL, *parent = self->parent_objective_id;
  const char *parent_kr = self->parent_key_result_id, *status = "active";

  self->loading = TRUE;
  zx_ref_choices_load (&self->cycles, store, "cycle", NULL, NULL, NULL);
  zx_ref_choices_load (&self->departments, store, "department", NULL, NULL, NULL);
  zx_ref_choices_load (&self->pillars, store, "pillar", NULL, NULL,
                       /* Translators: an objective serving no pillar */
                       _("None"));

  if (record != NULL)
    {
      adw_window_title_set_title (self->title, _("Edit Objective"));
      zx_okr_form_set_text (self->title_row, zx_record_get_string (record, "title"));
      level = zx_record_get_string (record, "level");
      cycle = zx_record_get_string (record, "cycle_id");
      department = zx_record_get_string (record, "department_id");
      owner = zx_record_get_string (record, "owner_id");
      pillar = zx_record_get_string (record, "pillar_id");
      battle = zx_record_get_string (record, "battle_id");
      parent = zx_record_get_string (record, "parent_objective_id");
      parent_kr = zx_record_get_string (record, "parent_key_result_id");
      status = zx_record_get_string (record, "status");
      gtk_text_buffer_set_text (self->description, zx_record_get_string (record, "description") ?
                                zx_record_get_string (record, "description") : "", -1);
    }
  else
    adw_window_title_set_title (self->title, _("New Objective"));

  /* a department objective serves the pillar of the hospital objective it aligns to */
  if (pillar == NULL && parent != NULL)
    {
      g_autoptr(JsonObject) p = zx_store_get (store, "objective", parent, NULL);

      if (p != NULL)
        pillar = g_intern_string (json_object_get_string_member_with_default (p, "pillar_id", NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (levels[i], level) == 0)
      adw_combo_row_set_selected (self->level_row, i);
  zx_okr_form_set_choices (self->cycle_row, &self->cycles, cycle);
  zx_okr_form_set_choices (self->department_row, &self->departments, department);
  zx_okr_form_set_choices (self->pillar_row, &self->pillars, pillar);
  adw_combo_row_set_selected (self->status_row, g_strcmp0 (status, "closed") == 0 ? 1 : 0);
  self->loading = FALSE;
  load_dependents (self, owner, battle, parent, parent_kr);
  show_rows (self);

  g_signal_connect_object (self->level_row, "notify::selected", G_CALLBACK (level_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cycle_row, "notify::selected", G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->department_row, "notify::selected", G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
}

/* GObject ------------------------------------------------------------------------------- */

static void
zx_objective_editor_dispose (GObject *object)
{
  ZxObjectiveEditor *self = ZX_OBJECTIVE_EDITOR (object);

  zx_ref_choices_clear (&self->cycles);
  zx_ref_choices_clear (&self->departments);
  zx_ref_choices_clear (&self->owners);
  zx_ref_choices_clear (&self->pillars);
  zx_ref_choices_clear (&self->battles);
  zx_ref_choices_clear (&self->parents);
  zx_ref_choices_clear (&self->parent_krs);
  G_OBJECT_CLASS (zx_objective_editor_parent_class)->dispose (object);
}

static void
zx_objective_editor_finalize (GObject *object)
{
  ZxObjectiveEditor *self = ZX_OBJECTIVE_EDITOR (object);

  g_free (self->level);
  g_free (self->cycle_id);
  g_free (self->department_id);
  g_free (self->owner_id);
  g_free (self->parent_objective_id);
  g_free (self->parent_key_result_id);
  g_free (self->new_rank);
  G_OBJECT_CLASS (zx_objective_editor_parent_class)->finalize (object);
}

static void
zx_objective_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ZxObjectiveEditor *self = ZX_OBJECTIVE_EDITOR (object);
  char **slot[] = { NULL, &self->level, &self->cycle_id, &self->department_id, &self->owner_id,
                    &self->parent_objective_id, &self->parent_key_result_id };

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_free (*slot[prop_id]);
  *slot[prop_id] = g_value_dup_string (value);
}

static void
zx_objective_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ZxObjectiveEditor *self = ZX_OBJECTIVE_EDITOR (object);
  const char *values[] = { NULL, self->level, self->cycle_id, self->department_id, self->owner_id,
                           self->parent_objective_id, self->parent_key_result_id };

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_string (value, values[prop_id]);
}

static void
zx_objective_editor_class_init (ZxObjectiveEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = zx_objective_editor_dispose;
  object_class->finalize = zx_objective_editor_finalize;
  object_class->set_property = zx_objective_editor_set_property;
  object_class->get_property = zx_objective_editor_get_property;
  editor_class->entity = "objective";
  editor_class->load = zx_objective_editor_load;
  editor_class->collect = zx_objective_editor_collect;

  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, NULL, flags);
  properties[PROP_CYCLE_ID] = g_param_spec_string ("cycle-id", NULL, NULL, NULL, flags);
  properties[PROP_DEPARTMENT_ID] = g_param_spec_string ("department-id", NULL, NULL, NULL, flags);
  properties[PROP_OWNER_ID] = g_param_spec_string ("owner-id", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_OBJECTIVE_ID] = g_param_spec_string ("parent-objective-id", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_KEY_RESULT_ID] = g_param_spec_string ("parent-key-result-id", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zx_objective_editor_init (ZxObjectiveEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);
  GtkBox *body = zx_okr_form_frame (editor, &self->title);
  GtkWidget *group = zx_okr_form_group (body, NULL, NULL);
  GtkWidget *alignment;
  g_autoptr(GtkStringList) level_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) state_labels = gtk_string_list_new (NULL);

  gtk_string_list_append (level_labels, _("Hospital"));
  gtk_string_list_append (level_labels, _("Department"));
  gtk_string_list_append (level_labels, _("Personal"));
  /* Translators: an objective still being worked on */
  gtk_string_list_append (state_labels, C_("objective status", "Active"));
  /* Translators: an objective no longer worked on */
  gtk_string_list_append (state_labels, C_("objective status", "Closed"));

  self->title_row = zx_okr_form_entry (editor, group, "title", _("Title"),
                                       _("What you want to achieve, such as “make the chest pain centre a regional benchmark”"));
  self->level_row = zx_okr_form_combo (editor, group, "level", _("Level"), G_LIST_MODEL (level_labels));
  self->cycle_row = zx_okr_form_combo (editor, group, "cycle_id", _("Cycle"), NULL);
  self->department_row = zx_okr_form_combo (editor, group, "department_id", _("Department"), NULL);
  self->owner_row = zx_okr_form_combo (editor, group, "owner_id", _("Owner"), NULL);
  self->status_row = zx_okr_form_combo (editor, group, "status", _("Status"), G_LIST_MODEL (state_labels));

  alignment = zx_okr_form_group (body, _("Alignment"), _("What this objective serves, up to the hospital’s strategy."));
  self->pillar_row = zx_okr_form_combo (editor, alignment, "pillar_id", _("Strategic pillar"), NULL);
  self->battle_row = zx_okr_form_combo (editor, alignment, "battle_id", _("Battle served"), NULL);
  self->parent_row = zx_okr_form_combo (editor, alignment, "parent_objective_id", _("Hospital objective"), NULL);
  self->parent_kr_row = zx_okr_form_combo (editor, alignment, "parent_key_result_id", _("Department key result"), NULL);

  self->description = zx_okr_form_text (editor, body, "description", _("Description"));
}

GtkWidget *
zx_objective_editor_new (ZxContext *context,
                         ZxRecord  *record)
{
  return g_object_new (ZX_TYPE_OBJECTIVE_EDITOR, "context", context, "record", record, NULL);
}
