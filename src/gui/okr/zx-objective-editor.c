/* zx-objective-editor.c — create or edit an objective (hospital, department or personal)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows follow the level: a hospital objective serves a strategic
 * pillar; a department's serves one of the department's battles and is
 * aligned to a hospital objective of the same year; a person's is aligned
 * to one of the department's key results.  The pillar of a department or
 * personal objective is not asked for: it follows the battle, or what the
 * objective is aligned to.
 */
#define G_LOG_DOMAIN "zx-objective-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-objective-editor.h"
#include "zx-okr.h"
#include "zx-okr-form.h"
#include "zx-rank.h"
#include "zx-store-private.h"

/* What a personal objective can be aligned to: key results, each with its
 * objective (and the preset objective itself when it has no key result) */
typedef struct
{
  GtkStringList *labels;
  GPtrArray     *kr_ids;         /* NULL for an objective or “not aligned” */
  GPtrArray     *objective_ids;  /* NULL for “not aligned” */
} ZxAlignChoices;

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
  char           *new_rank;      /* a new objective's rank, worked out once */
  char           *kept_pillar;   /* an edited objective's pillar when nothing else gives one */

  ZxRefChoices    cycles, departments, owners, pillars, battles, parents;
  ZxAlignChoices  parent_krs;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *title_row;
  AdwComboRow    *level_row;
  AdwComboRow    *cycle_row;
  AdwComboRow    *department_row;
  AdwComboRow    *owner_row;
  AdwComboRow    *status_row;
  AdwComboRow    *pillar_row;
  AdwComboRow    *battle_row;
  AdwComboRow    *parent_row;
  AdwComboRow    *parent_kr_row;
  GtkFrame       *description_frame;
  GtkTextBuffer  *description_buffer;
  GtkLabel       *error_label;
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

/* Same order as the level row's and status row's items in the template */
static const char * const levels[] = { "hospital", "department", "personal" };
static const char * const states[] = { "active", "closed" };

static ZxStore *
store_of (ZxObjectiveEditor *self)
{
  return zx_record_editor_get_store (ZX_RECORD_EDITOR (self));
}

static const char *
selected_level (ZxObjectiveEditor *self)
{
  guint i = adw_combo_row_get_selected (self->level_row);

  return i < G_N_ELEMENTS (levels) ? levels[i] : levels[0];
}

static const char *
choice (AdwComboRow  *row,
        ZxRefChoices *choices)
{
  return zx_ref_choices_id (choices, adw_combo_row_get_selected (row));
}

/* A string field of a row, copied; NULL when the row or the field is missing */
static char *
get_string (ZxStore    *store,
            const char *entity,
            const char *id,
            const char *field)
{
  g_autoptr(JsonObject) row = id != NULL ? zx_store_get (store, entity, id, NULL) : NULL;

  return row != NULL ? g_strdup (json_object_get_string_member_with_default (row, field, NULL)) : NULL;
}

/* Alignment choices of a personal objective ------------------------------------------ */

static void
align_choices_clear (ZxAlignChoices *choices)
{
  g_clear_object (&choices->labels);
  g_clear_pointer (&choices->kr_ids, g_ptr_array_unref);
  g_clear_pointer (&choices->objective_ids, g_ptr_array_unref);
}

static void
align_choices_add (ZxAlignChoices *choices,
                   const char     *label,
                   const char     *kr_id,
                   const char     *objective_id)
{
  gtk_string_list_append (choices->labels, label);
  g_ptr_array_add (choices->kr_ids, g_strdup (kr_id));
  g_ptr_array_add (choices->objective_ids, g_strdup (objective_id));
}

static guint
align_choices_find (ZxAlignChoices *choices,
                    const char     *kr_id,
                    const char     *objective_id)
{
  for (guint i = 0; i < choices->kr_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (choices->kr_ids, i), kr_id) == 0 &&
        (kr_id != NULL || g_strcmp0 (g_ptr_array_index (choices->objective_ids, i), objective_id) == 0))
      return i;
  return 0;
}

/* The key results of the department's objectives in the cycle or its year,
 * as “key result — objective”; the preset or saved objective when the
 * alignment is to an objective without a key result */
static void
load_parent_krs (ZxObjectiveEditor *self,
                 const char        *cycle,
                 const char        *department,
                 const char        *kr_id,
                 const char        *objective_id)
{
  ZxStore *store = store_of (self);
  const char *by_both[] = { department, cycle, cycle, NULL };
  gboolean objective_listed = FALSE;

  align_choices_clear (&self->parent_krs);
  self->parent_krs.labels = gtk_string_list_new (NULL);
  self->parent_krs.kr_ids = g_ptr_array_new_with_free_func (g_free);
  self->parent_krs.objective_ids = g_ptr_array_new_with_free_func (g_free);
  /* Translators: an objective aligned to nothing */
  align_choices_add (&self->parent_krs, _("Not aligned yet"), NULL, NULL);

  if (department != NULL && cycle != NULL)
    {
      g_autoptr(GListStore) objectives =
        zx_store_list (store, "objective",
                       "level = 'department' AND department_id = ? AND "
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

              align_choices_add (&self->parent_krs, label, zx_record_get_id (kr), zx_record_get_id (o));
            }
        }
    }

  /* aligned to a whole objective, not to one of its key results */
  if (kr_id == NULL && objective_id != NULL)
    {
      g_autofree char *title = get_string (store, "objective", objective_id, "title");

      for (guint i = 1; i < self->parent_krs.objective_ids->len; i++)
        if (g_ptr_array_index (self->parent_krs.kr_ids, i) == NULL &&
            g_strcmp0 (g_ptr_array_index (self->parent_krs.objective_ids, i), objective_id) == 0)
          objective_listed = TRUE;
      if (title != NULL && !objective_listed)
        align_choices_add (&self->parent_krs, title, NULL, objective_id);
    }

  adw_combo_row_set_model (self->parent_kr_row, G_LIST_MODEL (self->parent_krs.labels));
  adw_combo_row_set_selected (self->parent_kr_row, align_choices_find (&self->parent_krs, kr_id, objective_id));
}

/* The rows that depend on the cycle and the department -------------------------------- */

static void
load_dependents (ZxObjectiveEditor *self,
                 const char        *owner_id,
                 const char        *battle_id,
                 const char        *parent_id,
                 const char        *parent_kr_id)
{
  ZxStore *store = store_of (self);
  gboolean hospital = g_str_equal (selected_level (self), "hospital");
  const char *cycle = choice (self->cycle_row, &self->cycles);
  const char *department = hospital ? NULL : choice (self->department_row, &self->departments);
  const char *by_department[] = { department, NULL };
  const char *by_year[] = { cycle, cycle, NULL };
  gboolean was_loading = self->loading;

  self->loading = TRUE;

  /* a hospital objective can be anyone's; the others, someone of the department's */
  zx_ref_choices_load (&self->owners, store, "staff", department != NULL ? "department_id = ?" : NULL,
                       department != NULL ? by_department : NULL,
                       /* Translators: no owner chosen for an objective */
                       _("Nobody yet"));
  zx_okr_form_set_choices (self->owner_row, &self->owners, owner_id);

  zx_ref_choices_load (&self->battles, store, "battle", department != NULL ? "department_id = ?" : "0",
                       department != NULL ? by_department : NULL,
                       /* Translators: an objective serving no battle */
                       _("None"));
  zx_okr_form_set_choices (self->battle_row, &self->battles, battle_id);

  /* hospital objectives of the same year: the year itself and its quarters */
  zx_ref_choices_load (&self->parents, store, "objective",
                       cycle != NULL
                       ? "level = 'hospital' AND cycle_id IN "
                         "(SELECT id FROM cycle WHERE id = (SELECT COALESCE(parent_id, id) FROM cycle WHERE id = ?) "
                         "OR parent_id = (SELECT COALESCE(parent_id, id) FROM cycle WHERE id = ?))"
                       : "0",
                       cycle != NULL ? by_year : NULL, _("Not aligned yet"));
  zx_okr_form_set_choices (self->parent_row, &self->parents, parent_id);

  load_parent_krs (self, cycle, department, parent_kr_id, parent_kr_id == NULL ? parent_id : NULL);

  self->loading = was_loading;
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
  gtk_widget_set_visible (GTK_WIDGET (self->pillar_row), hospital);
  gtk_widget_set_visible (GTK_WIDGET (self->battle_row), department);
  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), department);
  gtk_widget_set_visible (GTK_WIDGET (self->parent_kr_row), personal);
}

static void
level_changed_cb (ZxObjectiveEditor *self)
{
  if (self->loading)
    return;
  show_rows (self);
  /* a hospital objective's owner may come from any department, and back */
  load_dependents (self, choice (self->owner_row, &self->owners), NULL, NULL, NULL);
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static void
context_changed_cb (ZxObjectiveEditor *self)
{
  guint kr = adw_combo_row_get_selected (self->parent_kr_row);
  const char *kr_id = NULL, *kr_objective = NULL;

  if (self->loading)
    return;
  if (self->parent_krs.kr_ids != NULL && kr < self->parent_krs.kr_ids->len)
    {
      kr_id = g_ptr_array_index (self->parent_krs.kr_ids, kr);
      kr_objective = g_ptr_array_index (self->parent_krs.objective_ids, kr);
    }
  {
    /* the lists are rebuilt: keep what is still there */
    g_autofree char *owner = g_strdup (choice (self->owner_row, &self->owners));
    g_autofree char *battle = g_strdup (choice (self->battle_row, &self->battles));
    g_autofree char *parent = g_strdup (kr_id == NULL && kr_objective != NULL
                                        ? kr_objective : choice (self->parent_row, &self->parents));
    g_autofree char *parent_kr = g_strdup (kr_id);

    load_dependents (self, owner, battle, parent, parent_kr);
  }
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
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
        zx_set_str (&last, rank);
    }
  return zx_rank_between (last, NULL);
}

static JsonObject *
zx_objective_editor_collect (ZxRecordEditor *editor)
{
  ZxObjectiveEditor *self = ZX_OBJECTIVE_EDITOR (editor);
  ZxStore *store = store_of (self);
  JsonObject *fields = json_object_new ();
  const char *level = selected_level (self);
  gboolean hospital = g_str_equal (level, "hospital");
  gboolean department = g_str_equal (level, "department");
  gboolean personal = g_str_equal (level, "personal");
  const char *battle = department ? choice (self->battle_row, &self->battles) : NULL;
  const char *parent = department ? choice (self->parent_row, &self->parents) : NULL;
  const char *parent_kr = NULL;
  g_autofree char *pillar = NULL;

  if (personal && self->parent_krs.kr_ids != NULL)
    {
      guint i = adw_combo_row_get_selected (self->parent_kr_row);

      if (i < self->parent_krs.kr_ids->len)
        {
          /* aligned to a key result, and so to its objective */
          parent_kr = g_ptr_array_index (self->parent_krs.kr_ids, i);
          parent = g_ptr_array_index (self->parent_krs.objective_ids, i);
        }
    }

  /* the pillar: chosen for a hospital objective; else the battle's, or
   * that of what the objective is aligned to */
  if (hospital)
    pillar = g_strdup (choice (self->pillar_row, &self->pillars));
  else if (battle != NULL)
    pillar = get_string (store, "battle", battle, "pillar_id");
  if (!hospital && pillar == NULL && parent != NULL)
    pillar = get_string (store, "objective", parent, "pillar_id");
  if (!hospital && pillar == NULL)
    pillar = g_strdup (self->kept_pillar);

  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  json_object_set_string_member (fields, "level", level);
  zx_okr_form_set_ref (fields, "cycle_id", choice (self->cycle_row, &self->cycles));
  zx_okr_form_set_ref (fields, "department_id", hospital ? NULL : choice (self->department_row, &self->departments));
  zx_okr_form_set_ref (fields, "owner_id", choice (self->owner_row, &self->owners));
  zx_okr_form_set_ref (fields, "pillar_id", pillar);
  zx_okr_form_set_ref (fields, "battle_id", battle);
  zx_okr_form_set_ref (fields, "parent_objective_id", parent);
  zx_okr_form_set_ref (fields, "parent_key_result_id", parent_kr);
  json_object_set_string_member (fields, "status", states[MIN (adw_combo_row_get_selected (self->status_row), 1)]);
  zx_okr_form_take_buffer (fields, "description", self->description_buffer);
  if (zx_record_editor_get_record (editor) == NULL)
    {
      if (self->new_rank == NULL)
        self->new_rank = rank_after_last (self);
      json_object_set_string_member (fields, "rank", self->new_rank);
    }
  return fields;
}

/* The cycle of the quarter holding today, else of its year */
static char *
current_cycle (ZxStore *store)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (now, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();
  int year = g_date_time_get_year (local);
  g_autofree char *quarter = zx_cycle_name_format (year, (g_date_time_get_month (local) + 2) / 3);
  g_autofree char *whole = zx_cycle_name_format (year, 0);
  char *id = zx_cycle_find (store, quarter);

  return id != NULL ? id : zx_cycle_find (store, whole);
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
  g_autofree char *today_cycle = NULL;
  g_autofree char *owner_department = NULL;
  g_autofree char *parent_pillar = NULL;

  self->loading = TRUE;
  zx_ref_choices_load (&self->cycles, store, "cycle", NULL, NULL, NULL);
  zx_ref_choices_load (&self->departments, store, "department", NULL, NULL, NULL);
  zx_ref_choices_load (&self->pillars, store, "pillar", NULL, NULL,
                       /* Translators: an objective serving no pillar */
                       _("None"));

  if (record != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Objective"));
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
      gtk_text_buffer_set_text (self->description_buffer, zx_record_get_string (record, "description") ?
                                zx_record_get_string (record, "description") : "", -1);
      self->kept_pillar = g_strdup (pillar);
      /* another level would leave its aligned rows dangling */
      gtk_widget_set_sensitive (GTK_WIDGET (self->level_row), FALSE);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Objective"));
      if (cycle == NULL)
        cycle = today_cycle = current_cycle (store);
      /* a person's department is the owner's */
      if (department == NULL && owner != NULL)
        department = owner_department = get_string (store, "staff", owner, "department_id");
      /* a hospital objective added under a pillar's objective serves that pillar */
      if (parent != NULL)
        pillar = parent_pillar = get_string (store, "objective", parent, "pillar_id");
    }

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (levels[i], level) == 0)
      adw_combo_row_set_selected (self->level_row, i);
  zx_okr_form_set_choices (self->cycle_row, &self->cycles, cycle);
  zx_okr_form_set_choices (self->department_row, &self->departments, department);
  zx_okr_form_set_choices (self->pillar_row, &self->pillars, pillar);
  adw_combo_row_set_selected (self->status_row, g_strcmp0 (status, "closed") == 0 ? 1 : 0);
  load_dependents (self, owner, battle, parent, parent_kr);
  show_rows (self);
  self->loading = FALSE;
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
  align_choices_clear (&self->parent_krs);

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
  g_free (self->kept_pillar);

  G_OBJECT_CLASS (zx_objective_editor_parent_class)->finalize (object);
}

static char **
preset_slot (ZxObjectiveEditor *self,
             guint              prop_id)
{
  switch (prop_id)
    {
    case PROP_LEVEL:                return &self->level;
    case PROP_CYCLE_ID:             return &self->cycle_id;
    case PROP_DEPARTMENT_ID:        return &self->department_id;
    case PROP_OWNER_ID:             return &self->owner_id;
    case PROP_PARENT_OBJECTIVE_ID:  return &self->parent_objective_id;
    case PROP_PARENT_KEY_RESULT_ID: return &self->parent_key_result_id;
    default:                        return NULL;
    }
}

static void
zx_objective_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  char **slot = preset_slot (ZX_OBJECTIVE_EDITOR (object), prop_id);

  if (slot == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  zx_set_str (slot, g_value_get_string (value));
}

static void
zx_objective_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  char **slot = preset_slot (ZX_OBJECTIVE_EDITOR (object), prop_id);

  if (slot == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_string (value, *slot);
}

static void
zx_objective_editor_class_init (ZxObjectiveEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = zx_objective_editor_dispose;
  object_class->finalize = zx_objective_editor_finalize;
  object_class->set_property = zx_objective_editor_set_property;
  object_class->get_property = zx_objective_editor_get_property;

  editor_class->entity = "objective";
  editor_class->load = zx_objective_editor_load;
  editor_class->collect = zx_objective_editor_collect;

  /* "hospital", "department" or "personal" */
  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, NULL, flags);
  properties[PROP_CYCLE_ID] = g_param_spec_string ("cycle-id", NULL, NULL, NULL, flags);
  properties[PROP_DEPARTMENT_ID] = g_param_spec_string ("department-id", NULL, NULL, NULL, flags);
  properties[PROP_OWNER_ID] = g_param_spec_string ("owner-id", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_OBJECTIVE_ID] = g_param_spec_string ("parent-objective-id", NULL, NULL, NULL, flags);
  properties[PROP_PARENT_KEY_RESULT_ID] = g_param_spec_string ("parent-key-result-id", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/okr/zx-objective-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, cycle_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, department_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, pillar_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, battle_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, parent_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, parent_kr_row);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxObjectiveEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, level_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, context_changed_cb);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_objective_editor_init (ZxObjectiveEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  /* no signal handler runs until load() */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "title", GTK_WIDGET (self->title_row));
  zx_record_editor_add_row (editor, "level", GTK_WIDGET (self->level_row));
  zx_record_editor_add_row (editor, "cycle_id", GTK_WIDGET (self->cycle_row));
  zx_record_editor_add_row (editor, "department_id", GTK_WIDGET (self->department_row));
  zx_record_editor_add_row (editor, "owner_id", GTK_WIDGET (self->owner_row));
  zx_record_editor_add_row (editor, "status", GTK_WIDGET (self->status_row));
  zx_record_editor_add_row (editor, "pillar_id", GTK_WIDGET (self->pillar_row));
  zx_record_editor_add_row (editor, "battle_id", GTK_WIDGET (self->battle_row));
  zx_record_editor_add_row (editor, "parent_objective_id", GTK_WIDGET (self->parent_row));
  zx_record_editor_add_row (editor, "parent_key_result_id", GTK_WIDGET (self->parent_kr_row));
  zx_record_editor_add_row (editor, "description", GTK_WIDGET (self->description_frame));
}

GtkWidget *
zx_objective_editor_new (ZxContext *context,
                         ZxRecord  *record)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_OBJECTIVE_EDITOR, "context", context, "record", record, NULL);
}
