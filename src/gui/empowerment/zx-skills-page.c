/* zx-skills-page.c — skills, people's levels, gaps, and closing them with
 * a course or a mentor
 *
 * "Gaps" shows one department: the skills its battles and its people's
 * key results need that people lack (zx-empowerment.h), or, for one
 * person, their recorded skills (levels editable), their gaps each with
 * the courses that teach the skill (Assign, with a due date) and the
 * colleagues who could mentor them (Make Mentor), and their mentorships.
 * "Catalogue" lists the skills by category with who holds them and what
 * needs them.  The page is rebuilt when idle after a change it shows.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-skills-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-empowerment.h"
#include "zx-empowerment-roles.h"
#include "zx-form.h"
#include "zx-skills-page.h"
#include "zx-window.h"

#define MAX_MENTORS 3

struct _ZxSkillsPage
{
  AdwBin          parent_instance;

  ZxContext      *context;
  ZxStore        *store;
  guint           refresh_id;
  gboolean        updating;

  ZxRefChoices    departments;
  ZxRefChoices    people;
  char           *department_id;
  char           *person_id;
  char           *focus_skill;   /* the staff_skill whose level was just changed */
  char           *need_entity;   /* the battle or key_result whose needs are edited */
  char           *need_target;

  GtkStack       *inner_stack;
  GtkDropDown    *department_dropdown;
  GtkDropDown    *person_dropdown;
  GtkButton      *add_button;
  GtkBox         *gaps_box;
  GtkBox         *catalogue_box;
};

G_DEFINE_FINAL_TYPE (ZxSkillsPage, zx_skills_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (ZxSkillsPage *self);
static void queue_refresh (ZxSkillsPage *self);

static char *
today (ZxSkillsPage *self)
{
  char *now = zx_store_now (self->store);

  if (strlen (now) > 10)
    now[10] = '\0';
  return now;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

static GtkWidget *
group (const char *title,
       const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  return g;
}

static GtkWidget *
suffix_button (GtkWidget  *row,
               const char *label,
               const char *name,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static void
report (ZxSkillsPage *self,
        const char   *heading,
        GError       *error)
{
  zx_show_error_dialog (GTK_WIDGET (self), heading, error->message);
}

/* Choices ------------------------------------------------------------------------ */

static void
load_people (ZxSkillsPage *self)
{
  const char *params[] = { self->department_id ? self->department_id : "", NULL };
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  guint position;

  zx_ref_choices_load (&self->people, self->store, "staff", "department_id = ?", params, _("Whole department"));
  gtk_drop_down_set_expression (self->person_dropdown, expression);
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (self->people.labels));
  position = zx_ref_choices_find (&self->people, self->person_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      position = 0;
      g_clear_pointer (&self->person_id, g_free);
    }
  gtk_drop_down_set_selected (self->person_dropdown, position);
}

static void
load_choices (ZxSkillsPage *self)
{
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  guint position;

  self->updating = TRUE;
  zx_ref_choices_load (&self->departments, self->store, "department", NULL, NULL, NULL);
  gtk_drop_down_set_expression (self->department_dropdown, expression);
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (self->departments.labels));
  position = zx_ref_choices_find (&self->departments, self->department_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      GSettings *settings = zx_context_get_settings (self->context);
      g_autofree char *account = settings ? g_settings_get_string (settings, "account-department") : NULL;

      position = zx_ref_choices_find (&self->departments, account);
      if (position == GTK_INVALID_LIST_POSITION)
        position = 0;
    }
  gtk_drop_down_set_selected (self->department_dropdown, position);
  g_free (self->department_id);
  self->department_id = g_strdup (zx_ref_choices_id (&self->departments, position));
  load_people (self);
  self->updating = FALSE;
}

/* Actions on a gap ------------------------------------------------------------------ */

typedef struct
{
  ZxSkillsPage *self;
  char         *course_id;
  char         *staff_id;
  char         *skill_id;
  char         *mentor_id;
  GtkEntry     *due;
} GapAction;

static void
gap_action_free (gpointer data)
{
  GapAction *a = data;

  g_object_unref (a->self);
  g_free (a->course_id);
  g_free (a->staff_id);
  g_free (a->skill_id);
  g_free (a->mentor_id);
  g_free (a);
}

static GapAction *
gap_action_new (ZxSkillsPage *self,
                const char   *staff_id,
                const char   *skill_id)
{
  GapAction *a = g_new0 (GapAction, 1);

  a->self = g_object_ref (self);
  a->staff_id = g_strdup (staff_id);
  a->skill_id = g_strdup (skill_id);
  return a;
}

static gboolean
valid_date (const char *text)
{
  GDate date;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date);
}

static void
due_changed_cb (GtkEditable      *entry,
                AdwMessageDialog *dialog)
{
  gboolean ok = valid_date (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "assign", ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
assign_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GapAction        *a)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *course = NULL;
  g_autofree char *person = NULL;
  g_autofree char *message = NULL;
  GSettings *settings = zx_context_get_settings (a->self->context);
  g_autofree char *by = settings ? g_settings_get_string (settings, "account-staff") : NULL;

  if (g_strcmp0 (response, "assign") != 0)
    return;
  id = zx_empowerment_assign (a->self->store, a->course_id, a->staff_id, a->skill_id,
                              gtk_editable_get_text (GTK_EDITABLE (a->due)),
                              by != NULL && *by != '\0' ? by : NULL, &error);
  if (id == NULL)
    {
      report (a->self, _("Could Not Assign the Course"), error);
      return;
    }
  course = zx_store_get_display (a->self->store, "course", a->course_id);
  person = zx_store_get_display (a->self->store, "staff", a->staff_id);
  /* Translators: a toast: course title, person */
  message = g_strdup_printf (_("“%s” assigned to %s"), course ? course : "", person ? person : "");
  zx_widget_show_message (GTK_WIDGET (a->self), message);
}

static void
assign_clicked_cb (GtkButton *button,
                   GapAction *a)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (a->self));
  g_autofree char *course = zx_store_get_display (a->self->store, "course", a->course_id);
  g_autofree char *person = zx_store_get_display (a->self->store, "staff", a->staff_id);
  g_autofree char *body = NULL;
  g_autofree char *now = today (a->self);
  g_autofree char *due = NULL;
  GapAction *copy = gap_action_new (a->self, a->staff_id, a->skill_id);
  GtkWidget *dialog;
  GDate date;

  copy->course_id = g_strdup (a->course_id);
  g_date_clear (&date, 1);
  g_date_set_parse (&date, now);
  if (g_date_valid (&date))
    {
      char buffer[16];

      g_date_add_days (&date, 30);
      g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
      due = g_strdup (buffer);
    }

  /* Translators: %s is a person's name */
  body = g_strdup_printf (_("%s will see the course as assigned, due on the date below."), person ? person : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, course, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "assign", _("_Assign"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  copy->due = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (copy->due), due ? due : "");
  gtk_entry_set_activates_default (copy->due, TRUE);
  gtk_entry_set_placeholder_text (copy->due, "2026-12-31");
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy->due), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Due date"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (copy->due), _("Due date, such as 2026-12-31"));
  g_signal_connect (copy->due, "changed", G_CALLBACK (due_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (copy->due));
  g_object_set_data_full (G_OBJECT (dialog), "zx-action", copy, gap_action_free);
  g_signal_connect (dialog, "response", G_CALLBACK (assign_response_cb), copy);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mentor_clicked_cb (GtkButton *button,
                   GapAction *a)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *mentor = NULL;
  g_autofree char *mentee = NULL;
  g_autofree char *message = NULL;

  id = zx_empowerment_add_mentorship (a->self->store, a->mentor_id, a->staff_id, a->skill_id, NULL, &error);
  if (id == NULL)
    {
      report (a->self, _("Could Not Record the Mentorship"), error);
      return;
    }
  mentor = zx_store_get_display (a->self->store, "staff", a->mentor_id);
  mentee = zx_store_get_display (a->self->store, "staff", a->staff_id);
  /* Translators: a toast: mentor, then mentee */
  message = g_strdup_printf (_("%s now mentors %s"), mentor ? mentor : "", mentee ? mentee : "");
  zx_widget_show_message (GTK_WIDGET (a->self), message);
}

static void
show_person_clicked_cb (GtkButton *button,
                        GapAction *a)
{
  zx_skills_page_show (a->self, a->self->department_id, a->staff_id);
}

static void
connect_action (GtkWidget *button,
                GapAction *a,
                GCallback  callback)
{
  g_object_set_data_full (G_OBJECT (button), "zx-action", a, gap_action_free);
  g_signal_connect (button, "clicked", callback, a);
}

/* Gaps of one person --------------------------------------------------------------- */

/* The scope of rows that hang from @staff_id (enrolments, skills, mentorships) */
static char *
person_scope (ZxSkillsPage *self,
              const char   *staff_id)
{
  g_autoptr(JsonObject) person = staff_id ? zx_store_get (self->store, "staff", staff_id, NULL) : NULL;

  return person ? g_strdup (json_object_get_string_member_with_default (person, ZX_COLUMN_SCOPE, NULL)) : NULL;
}

static char *
level_text (int level)
{
  if (level <= 0)
    return g_strdup (_("none"));
  /* Translators: a skill level, out of 5 */
  return g_strdup_printf (_("level %d"), level);
}

static GtkWidget *
gap_row (ZxSkillsPage *self,
         ZxSkillGap   *gap)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *held = level_text (gap->level_held);
  g_autofree char *sources = g_strjoinv (_(", "), gap->needed_for);
  g_autofree char *subtitle = NULL;
  g_autofree char *scope = person_scope (self, gap->staff_id);
  g_autoptr(GPtrArray) courses = zx_empowerment_suggest_courses (self->store, gap->skill_id);
  g_autoptr(GPtrArray) mentors = zx_empowerment_suggest_mentors (self->store, gap->skill_id, gap->staff_id,
                                                                 MAX (gap->level_needed, 4));

  /* Nobody at level 4 or 5: those at the level needed can still teach */
  if (mentors->len == 0 && gap->level_needed < 4)
    {
      g_ptr_array_unref (mentors);
      mentors = zx_empowerment_suggest_mentors (self->store, gap->skill_id, gap->staff_id, gap->level_needed);
    }

  /* Translators: a skill gap: the level needed, what the person has, and what needs it */
  subtitle = g_strdup_printf (_("Needs level %d, has %s — for %s"), gap->level_needed, held, sources);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gap->skill_name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  for (guint i = 0; i < courses->len; i++)
    {
      ZxRecord *course = g_ptr_array_index (courses, i);
      /* Translators: a suggested course for a skill gap */
      GtkWidget *r = text_row (zx_record_get_string (course, "title"), _("Suggested course"));
      GtkWidget *button = suffix_button (r, _("_Assign…"), "assign-button", NULL);
      GapAction *a = gap_action_new (self, gap->staff_id, gap->skill_id);

      a->course_id = g_strdup (zx_record_get_id (course));
      zx_empowerment_allow (button, self->context, "enrolment", scope,
                            _("Assign this course to the person, with a due date"));
      connect_action (button, a, G_CALLBACK (assign_clicked_cb));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }
  if (courses->len == 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              text_row (_("No course teaches this skill yet"),
                                        _("HR can tag a course with the skill in its form.")));

  for (guint i = 0; i < mentors->len && i < MAX_MENTORS; i++)
    {
      ZxMentorSuggestion *m = g_ptr_array_index (mentors, i);
      g_autofree char *about = NULL;
      GtkWidget *r, *button;
      GapAction *a;

      /* Translators: a suggested mentor: department, skill level, number of current mentees */
      about = g_strdup_printf (ngettext ("Suggested mentor · %s · level %d · mentors %u person now",
                                         "Suggested mentor · %s · level %d · mentors %u people now", m->mentees),
                               m->department_name ? m->department_name : "", m->level, m->mentees);
      r = text_row (m->name, about);
      button = suffix_button (r, _("Make _Mentor"), "mentor-button", NULL);
      zx_empowerment_allow (button, self->context, "mentorship", scope,
                            _("Record this colleague as the person’s mentor for the skill"));
      a = gap_action_new (self, gap->staff_id, gap->skill_id);
      a->mentor_id = g_strdup (m->staff_id);
      connect_action (button, a, G_CALLBACK (mentor_clicked_cb));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }
  if (mentors->len == 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              text_row (_("Nobody holds this skill at a high level yet"),
                                        _("Consider training outside the hospital.")));
  return row;
}

static void
level_changed_cb (GtkSpinButton *spin,
                  ZxSkillsPage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (spin), "zx-id");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;

  /* The page is rebuilt after the change: the focus returns to this level */
  g_free (self->focus_skill);
  self->focus_skill = g_strdup (id);
  json_object_set_int_member (changes, "level", gtk_spin_button_get_value_as_int (spin));
  if (!zx_store_update (self->store, "staff_skill", id, changes, &error))
    report (self, _("Could Not Change the Level"), error);
}

static void
add_skill_clicked_cb (GtkButton    *button,
                      ZxSkillsPage *self)
{
  AdwComboRow *combo = g_object_get_data (G_OBJECT (button), "zx-combo");
  GPtrArray *ids = g_object_get_data (G_OBJECT (button), "zx-ids");
  guint position = adw_combo_row_get_selected (combo);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (position >= ids->len)
    return;
  json_object_set_string_member (fields, "staff_id", self->person_id);
  json_object_set_string_member (fields, "skill_id", g_ptr_array_index (ids, position));
  json_object_set_int_member (fields, "level", 1);
  if ((id = zx_store_create (self->store, "staff_skill", fields, &error)) == NULL)
    report (self, _("Could Not Add the Skill"), error);
}

static void
show_person (ZxSkillsPage *self)
{
  const char *params[] = { self->person_id, NULL };
  g_autoptr(GListStore) held = zx_store_list (self->store, "staff_skill", "staff_id = ?", params);
  g_autoptr(GListStore) skills = zx_store_list (self->store, "skill", NULL, NULL);
  g_autoptr(GListStore) mentorships = NULL;
  g_autoptr(GPtrArray) gaps = zx_empowerment_person_gaps (self->store, self->person_id);
  g_autoptr(GtkStringList) other_names = gtk_string_list_new (NULL);
  GPtrArray *other_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = zx_store_get_display (self->store, "staff", self->person_id);
  g_autofree char *scope = person_scope (self, self->person_id);
  g_autofree char *title = NULL;
  GtkWidget *g, *row, *button, *focus = NULL;

  /* Gaps first: they are what the page is for */
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("Gaps of %s"), name ? name : "");
  g = group (title, _("Skills the department’s battles and the person’s key results need, above the level the person has."));
  for (guint i = 0; i < gaps->len; i++)
    {
      row = gap_row (self, g_ptr_array_index (gaps, i));
      /* The first gap open: its suggestions are what to act on */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), i == 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  if (gaps->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), text_row (_("No gaps"), _("The person has every skill their work needs, at the level needed.")));
  gtk_box_append (self->gaps_box, g);

  g = group (_("Skills and Levels"), _("1 is a beginner, 5 an expert who can teach others."));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (held)); i++)
    {
      g_autoptr(ZxRecord) s = g_list_model_get_item (G_LIST_MODEL (held), i);
      g_autofree char *skill = zx_store_get_display (self->store, "skill", zx_record_get_string (s, "skill_id"));
      GtkWidget *spin = gtk_spin_button_new_with_range (1, 5, 1);

      row = text_row (skill, NULL);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), zx_record_get_int (s, "level"));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
      zx_empowerment_allow (spin, self->context, "staff_skill", scope, _("Level, from 1 to 5"));
      g_object_set_data_full (G_OBJECT (spin), "zx-id", g_strdup (zx_record_get_id (s)), g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (level_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
      if (g_strcmp0 (zx_record_get_id (s), self->focus_skill) == 0)
        focus = spin;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (skills)); i++)
    {
      g_autoptr(ZxRecord) s = g_list_model_get_item (G_LIST_MODEL (skills), i);
      const char *check[] = { self->person_id, zx_record_get_id (s), NULL };

      if (zx_store_count (self->store, "staff_skill", "staff_id = ? AND skill_id = ?", check) > 0)
        continue;
      gtk_string_list_append (other_names, zx_record_get_string (s, "name"));
      g_ptr_array_add (other_ids, g_strdup (zx_record_get_id (s)));
    }
  if (other_ids->len > 0)
    {
      g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a skill"));
      adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (other_names));
      button = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      zx_empowerment_allow (button, self->context, "staff_skill", scope, _("Add the skill at level 1"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add the skill at level 1"), -1);
      g_object_set_data (G_OBJECT (button), "zx-combo", row);
      g_object_set_data_full (G_OBJECT (button), "zx-ids", g_ptr_array_ref (other_ids), (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (add_skill_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  g_ptr_array_unref (other_ids);
  gtk_box_append (self->gaps_box, g);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  g_clear_pointer (&self->focus_skill, g_free);

  {
    const char *both[] = { self->person_id, self->person_id, NULL };

    mentorships = zx_store_list (self->store, "mentorship", "(mentee_id = ? OR mentor_id = ?) AND status = 'active'", both);
  }
  g = group (_("Mentorships"), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (mentorships)); i++)
    {
      g_autoptr(ZxRecord) m = g_list_model_get_item (G_LIST_MODEL (mentorships), i);
      gboolean is_mentee = g_strcmp0 (zx_record_get_string (m, "mentee_id"), self->person_id) == 0;
      g_autofree char *other = zx_store_get_display (self->store, "staff",
                                                     zx_record_get_string (m, is_mentee ? "mentor_id" : "mentee_id"));
      g_autofree char *skill = zx_record_get_string (m, "skill_id")
                               ? zx_store_get_display (self->store, "skill", zx_record_get_string (m, "skill_id")) : NULL;
      g_autofree char *line = NULL;

      /* Translators: mentorship rows: a name, the skill and the start date */
      line = g_strdup_printf (is_mentee ? _("Mentor: %s") : _("Mentee: %s"), other ? other : "");
      row = text_row (line, NULL);
      if (skill != NULL || zx_record_get_string (m, "started_on") != NULL)
        {
          g_autofree char *sub = g_strdup_printf (_("%s, since %s"), skill ? skill : "",
                                                  zx_record_get_string (m, "started_on") ?: "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (mentorships)) == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), text_row (_("No active mentorship"), NULL));
  gtk_box_append (self->gaps_box, g);
}

/* Gaps of a department ---------------------------------------------------------------- */

static void
show_department (ZxSkillsPage *self)
{
  g_autoptr(GPtrArray) gaps = zx_empowerment_department_gaps (self->store, self->department_id);
  g_autofree char *name = zx_store_get_display (self->store, "department", self->department_id);
  g_autofree char *title = NULL;
  GtkWidget *g, *expander = NULL;
  const char *skill = NULL;
  guint n = 0;
  int level = 0;

  /* Translators: %s is a department */
  title = g_strdup_printf (_("Skill Gaps in %s"), name ? name : "");
  g = group (title, _("What the department’s battles and its people’s key results need, by skill. Choose a person to assign a course or a mentor."));

  for (guint i = 0; i <= gaps->len; i++)
    {
      ZxSkillGap *gap = i < gaps->len ? g_ptr_array_index (gaps, i) : NULL;
      GtkWidget *r, *button;
      g_autofree char *held = NULL;
      g_autofree char *sub = NULL;
      GapAction *a;

      if (expander != NULL && (gap == NULL || g_strcmp0 (gap->skill_id, skill) != 0))
        {
          /* Translators: a skill in a department: the level needed, how many people lack it */
          g_autofree char *count = g_strdup_printf (ngettext ("Level %d needed · %u person below it",
                                                              "Level %d needed · %u people below it", n), level, n);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
          expander = NULL;
        }
      if (gap == NULL)
        break;
      if (expander == NULL)
        {
          expander = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), gap->skill_name);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), expander);
          skill = gap->skill_id;
          n = 0;
          level = 0;
        }
      n++;
      level = MAX (level, gap->level_needed);
      held = level_text (gap->level_held);
      sub = g_strdup_printf (_("Needs level %d, has %s"), gap->level_needed, held);
      r = text_row (gap->staff_name, sub);
      button = suffix_button (r, _("_Show"), "show-person-button", _("Show this person’s skills, gaps and suggestions"));
      a = gap_action_new (self, gap->staff_id, gap->skill_id);
      connect_action (button, a, G_CALLBACK (show_person_clicked_cb));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), r);
    }
  if (gaps->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                               text_row (_("No gaps"), _("Nothing the department’s battles and key results need is missing, or no needs are recorded.")));
  gtk_box_append (self->gaps_box, g);
}

/* What a battle or key result needs ------------------------------------------------------ */

static void
need_level_changed_cb (GtkSpinButton *spin,
                       ZxSkillsPage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (spin), "zx-id");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (changes, "level", gtk_spin_button_get_value_as_int (spin));
  if (!zx_store_update (self->store, "skill_need", id, changes, &error))
    report (self, _("Could Not Change the Level"), error);
}

static void
need_remove_clicked_cb (GtkButton    *button,
                        ZxSkillsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!zx_store_delete (self->store, "skill_need", g_object_get_data (G_OBJECT (button), "zx-id"), &error))
    report (self, _("Could Not Remove the Skill"), error);
}

static void
need_add_clicked_cb (GtkButton    *button,
                     ZxSkillsPage *self)
{
  AdwComboRow *combo = g_object_get_data (G_OBJECT (button), "zx-combo");
  GtkSpinButton *level = g_object_get_data (G_OBJECT (button), "zx-level");
  GPtrArray *ids = g_object_get_data (G_OBJECT (button), "zx-ids");
  guint position = adw_combo_row_get_selected (combo);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (position >= ids->len || self->need_target == NULL)
    return;
  json_object_set_string_member (fields, "skill_id", g_ptr_array_index (ids, position));
  json_object_set_string_member (fields, g_str_equal (self->need_entity, "battle") ? "battle_id" : "key_result_id",
                                 self->need_target);
  json_object_set_int_member (fields, "level", gtk_spin_button_get_value_as_int (level));
  if ((id = zx_store_create (self->store, "skill_need", fields, &error)) == NULL)
    report (self, _("Could Not Add the Skill"), error);
}

static void
need_target_changed_cb (AdwComboRow  *combo,
                        GParamSpec   *pspec,
                        ZxSkillsPage *self)
{
  GPtrArray *entities = g_object_get_data (G_OBJECT (combo), "zx-entities");
  GPtrArray *ids = g_object_get_data (G_OBJECT (combo), "zx-ids");
  guint position = adw_combo_row_get_selected (combo);

  if (self->updating || position >= ids->len)
    return;
  g_free (self->need_entity);
  g_free (self->need_target);
  self->need_entity = g_strdup (g_ptr_array_index (entities, position));
  self->need_target = g_strdup (g_ptr_array_index (ids, position));
  queue_refresh (self);
}

/* The department's battles and the key results of its objectives, with the
 * skills the chosen one needs: levels changed, skills added and removed by
 * whoever may change that battle or key result (and HR) */
static void
show_needs (ZxSkillsPage *self)
{
  const char *params[] = { self->department_id, NULL };
  g_autoptr(GListStore) battles = zx_store_list (self->store, "battle", "department_id = ?", params);
  g_autoptr(GListStore) krs = zx_store_list (self->store, "key_result",
                                             "objective_id IN (SELECT id FROM objective WHERE deleted = 0"
                                             " AND department_id = ?)", params);
  g_autoptr(GListStore) skills = zx_store_list (self->store, "skill", NULL, NULL);
  g_autoptr(GListStore) needs = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) other_names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GPtrArray *entities = g_ptr_array_new ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *other_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *refusal = NULL;
  GtkWidget *g, *combo, *row, *button, *spin;
  guint selected = GTK_INVALID_LIST_POSITION;
  const char *field;

  g = group (_("Skills Needed"), _("The skills a battle or key result of the department needs, and at which level. Gaps are measured against them."));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (battles)); i++)
    {
      g_autoptr(ZxRecord) b = g_list_model_get_item (G_LIST_MODEL (battles), i);
      /* Translators: a choice of what needs skills: %s is a battle's name */
      g_autofree char *label = g_strdup_printf (_("Battle: %s"), zx_record_get_string (b, "name") ?: "");

      gtk_string_list_append (names, label);
      g_ptr_array_add (entities, (gpointer) "battle");
      g_ptr_array_add (ids, g_strdup (zx_record_get_id (b)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (krs)); i++)
    {
      g_autoptr(ZxRecord) k = g_list_model_get_item (G_LIST_MODEL (krs), i);
      /* Translators: a choice of what needs skills: %s is a key result's title */
      g_autofree char *label = g_strdup_printf (_("Key result: %s"), zx_record_get_string (k, "title") ?: "");

      gtk_string_list_append (names, label);
      g_ptr_array_add (entities, (gpointer) "key_result");
      g_ptr_array_add (ids, g_strdup (zx_record_get_id (k)));
    }
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), self->need_target) == 0)
      selected = i;
  if (ids->len == 0)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                                 text_row (_("No battles or key results"), _("The department has no battle or key result whose needs could be recorded.")));
      g_ptr_array_unref (entities);
      g_ptr_array_unref (ids);
      g_ptr_array_unref (other_ids);
      gtk_box_append (self->gaps_box, g);
      return;
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      selected = 0;
      g_free (self->need_entity);
      g_free (self->need_target);
      self->need_entity = g_strdup (g_ptr_array_index (entities, 0));
      self->need_target = g_strdup (g_ptr_array_index (ids, 0));
    }

  combo = adw_combo_row_new ();
  gtk_widget_set_name (combo, "need-target");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Battle or key result"));
  adw_combo_row_set_expression (ADW_COMBO_ROW (combo), expression);
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (combo), TRUE);
  self->updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  self->updating = FALSE;
  g_object_set_data_full (G_OBJECT (combo), "zx-entities", entities, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (combo), "zx-ids", ids, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (need_target_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), combo);

  field = g_str_equal (self->need_entity, "battle") ? "battle_id = ?" : "key_result_id = ?";
  {
    const char *target[] = { self->need_target, NULL };

    needs = zx_store_list (self->store, "skill_need", field, target);
  }
  refusal = zx_empowerment_need_refusal (self->context,
                                         g_str_equal (self->need_entity, "battle") ? self->need_target : NULL,
                                         g_str_equal (self->need_entity, "battle") ? NULL : self->need_target);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (needs)); i++)
    {
      g_autoptr(ZxRecord) n = g_list_model_get_item (G_LIST_MODEL (needs), i);
      g_autofree char *skill = zx_store_get_display (self->store, "skill", zx_record_get_string (n, "skill_id"));

      row = text_row (skill, NULL);
      spin = gtk_spin_button_new_with_range (1, 5, 1);
      gtk_widget_set_name (spin, "need-level");
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), zx_record_get_int (n, "level"));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
      zx_empowerment_apply (spin, refusal, _("Level needed, from 1 to 5"));
      g_object_set_data_full (G_OBJECT (spin), "zx-id", g_strdup (zx_record_get_id (n)), g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (need_level_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_name (button, "need-remove-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      zx_empowerment_apply (button, refusal, _("Remove this skill from what is needed"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove this skill from what is needed"), -1);
      g_object_set_data_full (G_OBJECT (button), "zx-id", g_strdup (zx_record_get_id (n)), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (need_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (needs)) == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), text_row (_("No skills recorded as needed"), NULL));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (skills)); i++)
    {
      g_autoptr(ZxRecord) s = g_list_model_get_item (G_LIST_MODEL (skills), i);
      g_autofree char *where = g_strdup_printf ("%s AND skill_id = ?", field);
      const char *check[] = { self->need_target, zx_record_get_id (s), NULL };

      if (zx_store_count (self->store, "skill_need", where, check) > 0)
        continue;
      gtk_string_list_append (other_names, zx_record_get_string (s, "name"));
      g_ptr_array_add (other_ids, g_strdup (zx_record_get_id (s)));
    }
  if (other_ids->len > 0)
    {
      g_autoptr(GtkExpression) names_expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      row = adw_combo_row_new ();
      gtk_widget_set_name (row, "need-skill");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a needed skill"));
      adw_combo_row_set_expression (ADW_COMBO_ROW (row), names_expression);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (other_names));
      spin = gtk_spin_button_new_with_range (1, 5, 1);
      gtk_widget_set_name (spin, "need-add-level");
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      zx_empowerment_apply (spin, refusal, _("Level needed, from 1 to 5"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Level needed"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      button = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_set_name (button, "need-add-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      zx_empowerment_apply (button, refusal, _("Add the skill as needed at this level"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Add the skill as needed at this level"), -1);
      g_object_set_data (G_OBJECT (button), "zx-combo", row);
      g_object_set_data (G_OBJECT (button), "zx-level", spin);
      g_object_set_data_full (G_OBJECT (button), "zx-ids", g_ptr_array_ref (other_ids), (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (need_add_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  g_ptr_array_unref (other_ids);
  gtk_box_append (self->gaps_box, g);
}

/* Catalogue ------------------------------------------------------------------------------ */

static void
show_catalogue (ZxSkillsPage *self)
{
  g_autoptr(GListStore) skills = zx_store_list (self->store, "skill", NULL, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (skills));

  clear_box (self->catalogue_box);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) s = g_list_model_get_item (G_LIST_MODEL (skills), i);
      const char *category = zx_record_get_string (s, "category");
      const char *key = category ? category : "";
      const char *params[] = { zx_record_get_id (s), NULL };
      gint64 holders = zx_store_count (self->store, "staff_skill", "skill_id = ?", params);
      gint64 experts = zx_store_count (self->store, "staff_skill", "skill_id = ? AND level >= 4", params);
      gint64 needs = zx_store_count (self->store, "skill_need", "skill_id = ?", params);
      gint64 courses = zx_store_count (self->store, "course_skill", "skill_id = ?", params);
      g_autofree char *sub = NULL;
      GtkWidget *g = g_hash_table_lookup (groups, key);

      if (g == NULL)
        {
          g = group (category ? category : _("Other skills"), NULL);
          g_hash_table_insert (groups, g_strdup (key), g);
          gtk_box_append (self->catalogue_box, g);
        }
      /* Translators: a skill in the catalogue: people who hold it, of them at level 4–5,
       * battles and key results that need it, courses that teach it */
      sub = g_strdup_printf (_("Holders: %d (at level 4–5: %d) · Needed by battles and key results: %d · Courses: %d"),
                             (int) holders, (int) experts, (int) needs, (int) courses);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), text_row (zx_record_get_string (s, "name"), sub));
    }
  if (n == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-list-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Skills"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), _("HR adds the skills the hospital’s battles need with New Skill."));
      gtk_box_append (self->catalogue_box, status);
    }
}

/* New skill ------------------------------------------------------------------------------ */

static void
new_skill_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ZxSkillsPage     *self)
{
  GtkEntry *name = g_object_get_data (G_OBJECT (dialog), "zx-name");
  GtkEntry *category = g_object_get_data (G_OBJECT (dialog), "zx-category");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  zx_form_take_text (fields, "name", GTK_EDITABLE (name));
  zx_form_take_text (fields, "category", GTK_EDITABLE (category));
  if ((id = zx_store_create (self->store, "skill", fields, &error)) == NULL)
    report (self, _("Could Not Add the Skill"), error);
}

static void
add_activated (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  ZxSkillsPage *self = ZX_SKILLS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("New Skill"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name = gtk_entry_new ();
  GtkWidget *category = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (name), _("Name, such as Clinical research design"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (category), _("Category, such as Research"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (category), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Category"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (category), TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), category);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "zx-name", name);
  g_object_set_data (G_OBJECT (dialog), "zx-category", category);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_skill_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Refresh ------------------------------------------------------------------------------ */

static void
refresh (ZxSkillsPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;
  load_choices (self);
  zx_empowerment_allow (GTK_WIDGET (self->add_button), self->context, "skill", NULL,
                        _("Add a skill to the catalogue (HR)"));
  clear_box (self->gaps_box);
  if (self->department_id != NULL && self->person_id != NULL)
    show_person (self);
  else if (self->department_id != NULL)
    {
      show_department (self);
      show_needs (self);
    }
  show_catalogue (self);
}

void
zx_skills_page_refresh (ZxSkillsPage *self)
{
  g_return_if_fail (ZX_IS_SKILLS_PAGE (self));
  refresh (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  ZxSkillsPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ZxSkillsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

static void
store_changed_cb (ZxSkillsPage *self,
                  const char   *entity,
                  const char   *id)
{
  static const char * const watched[] = {
    "skill", "staff_skill", "skill_need", "mentorship", "course", "course_skill", "enrolment",
    "staff", "department", "battle", "key_result", "objective", NULL
  };

  if (entity == NULL || g_strv_contains (watched, entity))
    queue_refresh (self);
}

static void
follow_store (ZxSkillsPage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "reloaded", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
    }
  queue_refresh (self);
}

/* The department and person choose the gaps only: hidden with the catalogue */
static void
inner_view_cb (ZxSkillsPage *self)
{
  gboolean gaps = g_strcmp0 (gtk_stack_get_visible_child_name (self->inner_stack), "gaps") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->department_dropdown), gaps);
  gtk_widget_set_visible (GTK_WIDGET (self->person_dropdown), gaps);
}

static void
department_changed_cb (ZxSkillsPage *self)
{
  if (self->updating)
    return;
  g_free (self->department_id);
  self->department_id = g_strdup (zx_ref_choices_id (&self->departments,
                                                     gtk_drop_down_get_selected (self->department_dropdown)));
  g_clear_pointer (&self->person_id, g_free);
  queue_refresh (self);
}

static void
person_changed_cb (ZxSkillsPage *self)
{
  if (self->updating)
    return;
  g_free (self->person_id);
  self->person_id = g_strdup (zx_ref_choices_id (&self->people, gtk_drop_down_get_selected (self->person_dropdown)));
  queue_refresh (self);
}

void
zx_skills_page_show (ZxSkillsPage *self,
                     const char   *department_id,
                     const char   *staff_id)
{
  g_return_if_fail (ZX_IS_SKILLS_PAGE (self));

  g_free (self->department_id);
  self->department_id = g_strdup (department_id);
  g_free (self->person_id);
  self->person_id = g_strdup (staff_id);
  gtk_stack_set_visible_child_name (self->inner_stack, "gaps");
  queue_refresh (self);
}

void
zx_skills_page_set_view (ZxSkillsPage *self,
                         const char   *name)
{
  g_return_if_fail (ZX_IS_SKILLS_PAGE (self));
  gtk_stack_set_visible_child_name (self->inner_stack, name);
}

/* GObject ------------------------------------------------------------------------------- */

static void
zx_skills_page_constructed (GObject *object)
{
  ZxSkillsPage *self = ZX_SKILLS_PAGE (object);

  G_OBJECT_CLASS (zx_skills_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
  refresh (self);
}

static void
zx_skills_page_dispose (GObject *object)
{
  ZxSkillsPage *self = ZX_SKILLS_PAGE (object);

  /* Disposing the drop-downs notifies their selection: ignore it */
  self->updating = TRUE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  zx_ref_choices_clear (&self->departments);
  zx_ref_choices_clear (&self->people);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_SKILLS_PAGE);
  G_OBJECT_CLASS (zx_skills_page_parent_class)->dispose (object);
}

static void
zx_skills_page_finalize (GObject *object)
{
  ZxSkillsPage *self = ZX_SKILLS_PAGE (object);

  g_free (self->department_id);
  g_free (self->person_id);
  g_free (self->focus_skill);
  g_free (self->need_entity);
  g_free (self->need_target);
  G_OBJECT_CLASS (zx_skills_page_parent_class)->finalize (object);
}

static void
zx_skills_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZxSkillsPage *self = ZX_SKILLS_PAGE (object);

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
zx_skills_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZxSkillsPage *self = ZX_SKILLS_PAGE (object);

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
zx_skills_page_class_init (ZxSkillsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_skills_page_constructed;
  object_class->dispose = zx_skills_page_dispose;
  object_class->finalize = zx_skills_page_finalize;
  object_class->get_property = zx_skills_page_get_property;
  object_class->set_property = zx_skills_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "skills.add", NULL, add_activated);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/empowerment/zx-skills-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxSkillsPage, inner_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxSkillsPage, department_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxSkillsPage, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxSkillsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxSkillsPage, gaps_box);
  gtk_widget_class_bind_template_child (widget_class, ZxSkillsPage, catalogue_box);
  gtk_widget_class_bind_template_callback (widget_class, department_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, inner_view_cb);
}

static void
zx_skills_page_init (ZxSkillsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zx_skills_page_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  return g_object_new (ZX_TYPE_SKILLS_PAGE, "context", context, NULL);
}
