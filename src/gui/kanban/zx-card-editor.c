/* zx-card-editor.c — create or edit a collaboration request (a card)
 *
 * The card's own fields are a ZxRecordEditor form: the store checks them as
 * the user types.  The key results offered are the requesting department's,
 * of the cycles running today, and follow that department when it changes;
 * the assignees are the supporting department's staff.  A new request is
 * written with zx_kanban_create_card() (first column, a "created" event) and
 * its blocker with zx_kanban_set_blocker(), in one transaction.
 *
 * An existing request shows, below the form, its supervision (which only
 * the hospital office may change, saved with the form through
 * zx_kanban_supervise()), its comments with a box to add one (Ctrl+Enter)
 * and its history.  Both lists follow the store.  What the actor may not
 * change is shown read-only, with a line saying why.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-card-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "zx-account.h"
#include "zx-card-editor.h"
#include "zx-form.h"
#include "zx-kanban.h"
#include "zx-rank.h"
#include "zx-store-private.h"

struct _ZxCardEditor
{
  ZxRecordEditor  parent_instance;

  char           *board_id;
  char           *department_id;   /* the requesting department of a new card */
  char           *new_rank;        /* only for checking a new card */
  gboolean        loading;
  gboolean        may_edit;
  gboolean        may_supervise;
  gboolean        may_comment;
  ZxStore        *store;           /* followed for the comments and history */
  guint           refresh_id;

  ZxRefChoices    from_choices;
  ZxRefChoices    to_choices;
  ZxRefChoices    kr_choices;
  ZxRefChoices    assignee_choices;
  ZxRefChoices    blocker_choices;

  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *save_button;
  GtkWidget      *readonly_box;
  GtkLabel       *readonly_label;
  AdwEntryRow    *title_row;
  AdwComboRow    *from_row;
  AdwComboRow    *to_row;
  AdwComboRow    *kr_row;
  AdwEntryRow    *due_row;
  AdwComboRow    *priority_row;
  AdwComboRow    *assignee_row;
  AdwComboRow    *blocked_row;
  GtkFrame       *description_frame;
  GtkTextView    *description_view;
  GtkTextBuffer  *description_buffer;
  AdwPreferencesGroup *supervision_group;
  AdwActionRow   *supervised_row;
  GtkSwitch      *supervised_switch;
  AdwEntryRow    *deadline_row;
  AdwEntryRow    *note_row;
  GtkWidget      *comments_group;
  GtkListBox     *comments_list;
  GtkTextView    *comment_view;
  GtkTextBuffer  *comment_buffer;
  GtkWidget      *comment_hint;
  GtkLabel       *comment_error;
  GtkWidget      *add_comment_button;
  GtkWidget      *history_group;
  GtkListBox     *history_list;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxCardEditor, zx_card_editor, ZX_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_BOARD_ID,
  PROP_DEPARTMENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Same order as the priority row's items in the template */
static const char * const priorities[] = { "low", "normal", "high", "urgent" };

/* Small helpers ------------------------------------------------------------------------ */

static ZxStore *
get_store (ZxCardEditor *self)
{
  return zx_record_editor_get_store (ZX_RECORD_EDITOR (self));
}

/* What the signed-in account (standalone: the store's actor) may do */
static gboolean
may (ZxCardEditor   *self,
     ZxKanbanAction  action,
     ZxRecord       *card,
     const char     *department_id)
{
  g_autofree char *refusal = zx_account_kanban_refusal (zx_record_editor_get_context (ZX_RECORD_EDITOR (self)),
                                                        action, card, department_id);

  return refusal == NULL;
}

static const char *
card_id (ZxCardEditor *self)
{
  ZxRecord *record = zx_record_editor_get_record (ZX_RECORD_EDITOR (self));

  return record != NULL ? zx_record_get_id (record) : NULL;
}

/* The store's today (its clock, which tests fix), as YYYY-MM-DD in local time */
static char *
store_today (ZxStore *store)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) utc = now != NULL ? g_date_time_new_from_iso8601 (now, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : g_date_time_new_now_local ();

  return g_date_time_format (local, "%Y-%m-%d");
}

/* A stored UTC time as the user's local date and time */
static char *
local_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso8601 != NULL ? iso8601 : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
display (ZxStore    *store,
         const char *entity,
         const char *id)
{
  char *name = id != NULL ? zx_store_get_display (store, entity, id) : NULL;

  return name != NULL ? name : g_strdup ("—");
}

static void
choices_init (ZxRefChoices *choices,
              const char   *none_label)
{
  zx_ref_choices_clear (choices);
  choices->labels = gtk_string_list_new (NULL);
  choices->ids = g_ptr_array_new_with_free_func (g_free);
  if (none_label != NULL)
    {
      gtk_string_list_append (choices->labels, none_label);
      g_ptr_array_add (choices->ids, NULL);
    }
}

static void
choices_add (ZxRefChoices *choices,
             const char   *label,
             const char   *id)
{
  gtk_string_list_append (choices->labels, label != NULL ? label : "");
  g_ptr_array_add (choices->ids, g_strdup (id));
}

/* Keeps a value the row held even when it is no longer among the choices
 * (a key result of a past cycle, a staff member who moved), so that
 * opening and saving the form never drops it */
static void
choices_keep (ZxRefChoices *choices,
              ZxStore      *store,
              const char   *entity,
              const char   *id)
{
  g_autofree char *name = NULL;

  if (id == NULL || zx_ref_choices_find (choices, id) != GTK_INVALID_LIST_POSITION)
    return;
  name = display (store, entity, id);
  choices_add (choices, name, id);
}

static void
set_choices (AdwComboRow  *row,
             ZxRefChoices *choices,
             const char   *id)
{
  guint position = zx_ref_choices_find (choices, id);

  adw_combo_row_set_model (row, G_LIST_MODEL (choices->labels));
  adw_combo_row_set_selected (row, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static const char *
selected_id (AdwComboRow  *row,
             ZxRefChoices *choices)
{
  return zx_ref_choices_id (choices, adw_combo_row_get_selected (row));
}

static void
set_ref (JsonObject *fields,
         const char *field,
         const char *id)
{
  if (id != NULL)
    json_object_set_string_member (fields, field, id);
  else
    json_object_set_null_member (fields, field);
}

static void
take_buffer (JsonObject    *fields,
             const char    *field,
             GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    json_object_set_null_member (fields, field);
  else
    json_object_set_string_member (fields, field, text);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
remove_all (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Choices ----------------------------------------------------------------------------- */

/* The departments a request may come from: those the actor may create
 * requests for (every one for the office), and the current one */
static void
load_departments (ZxCardEditor *self,
                  const char   *from_id,
                  const char   *to_id)
{
  ZxStore *store = get_store (self);
  g_autoptr(GListStore) departments = zx_store_list (store, "department", NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (departments));

  choices_init (&self->from_choices, NULL);
  choices_init (&self->to_choices, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (departments), i);
      const char *id = zx_record_get_id (department);
      const char *name = zx_record_get_string (department, "name");

      if (g_strcmp0 (id, from_id) == 0 || may (self, ZX_KANBAN_CREATE, NULL, id))
        choices_add (&self->from_choices, name, id);
      choices_add (&self->to_choices, name, id);
    }
  /* Nobody may create here: list them all, the store will say why not */
  if (self->from_choices.ids->len == 0)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ZxRecord) department = g_list_model_get_item (G_LIST_MODEL (departments), i);

        choices_add (&self->from_choices, zx_record_get_string (department, "name"), zx_record_get_id (department));
      }
  choices_keep (&self->from_choices, store, "department", from_id);
  choices_keep (&self->to_choices, store, "department", to_id);
  set_choices (self->from_row, &self->from_choices, from_id);
  set_choices (self->to_row, &self->to_choices, to_id);
}

/* The department key results of the cycles running today, as
 * "objective › key result" */
static void
load_key_results (ZxCardEditor *self,
                  const char   *department_id,
                  const char   *keep_id)
{
  ZxStore *store = get_store (self);
  g_autofree char *today = store_today (store);
  const char *params[] = { department_id, today, today, NULL };
  g_autoptr(GListStore) objectives = NULL;

  /* Translators: no key result chosen for a collaboration request */
  choices_init (&self->kr_choices, C_("key result", "None"));
  if (department_id != NULL)
    objectives = zx_store_list (store, "objective",
                                "level = 'department' AND department_id = ? AND cycle_id IN "
                                "(SELECT id FROM cycle WHERE deleted = 0 AND start_date <= ? AND end_date >= ?)",
                                params);

  for (guint i = 0; objectives != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (objectives)); i++)
    {
      g_autoptr(ZxRecord) objective = g_list_model_get_item (G_LIST_MODEL (objectives), i);
      const char *by_objective[] = { zx_record_get_id (objective), NULL };
      g_autoptr(GListStore) krs = zx_store_list (store, "key_result", "objective_id = ?", by_objective);

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (krs)); k++)
        {
          g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), k);
          g_autofree char *label = g_strdup_printf ("%s › %s", zx_record_get_string (objective, "title"),
                                                    zx_record_get_string (kr, "title"));

          choices_add (&self->kr_choices, label, zx_record_get_id (kr));
        }
    }

  /* A key result of another cycle the request already serves stays */
  if (keep_id != NULL && zx_ref_choices_find (&self->kr_choices, keep_id) == GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(JsonObject) kr = zx_store_get (store, "key_result", keep_id, NULL);
      g_autoptr(JsonObject) objective = NULL;
      g_autofree char *label = NULL;

      if (kr != NULL)
        objective = zx_store_get (store, "objective",
                                  json_object_get_string_member_with_default (kr, "objective_id", NULL), NULL);
      /* only when it is still the requesting department's */
      if (kr != NULL && objective != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (objective, "department_id", NULL), department_id) == 0)
        {
          label = g_strdup_printf ("%s › %s", json_object_get_string_member_with_default (objective, "title", ""),
                                   json_object_get_string_member_with_default (kr, "title", ""));
          choices_add (&self->kr_choices, label, keep_id);
        }
    }

  set_choices (self->kr_row, &self->kr_choices, keep_id);
}

static void
load_assignees (ZxCardEditor *self,
                const char   *department_id,
                const char   *keep_id,
                gboolean      keep_always)
{
  ZxStore *store = get_store (self);
  const char *params[] = { department_id, NULL };

  zx_ref_choices_load (&self->assignee_choices, store, "staff", "department_id = ?", params,
                       /* Translators: nobody is assigned to a collaboration request yet */
                       C_("assignee", "Nobody yet"));
  if (keep_always)
    choices_keep (&self->assignee_choices, store, "staff", keep_id);
  set_choices (self->assignee_row, &self->assignee_choices, keep_id);
}

/* Every live request of the board but this one, by column then position,
 * as "title — column" */
static void
load_blockers (ZxCardEditor *self,
               const char   *keep_id)
{
  ZxStore *store = get_store (self);
  const char *own_id = card_id (self);
  g_autoptr(GPtrArray) columns = NULL;

  /* Translators: a collaboration request that waits for no other request */
  choices_init (&self->blocker_choices, C_("blocked by", "Nothing"));
  if (self->board_id != NULL)
    columns = zx_kanban_list_columns (store, self->board_id, FALSE);

  for (guint c = 0; columns != NULL && c < columns->len; c++)
    {
      ZxRecord *column = g_ptr_array_index (columns, c);
      g_autoptr(GPtrArray) cards = zx_kanban_list_cards (store, zx_record_get_id (column));

      for (guint i = 0; cards != NULL && i < cards->len; i++)
        {
          ZxRecord *card = g_ptr_array_index (cards, i);
          g_autofree char *label = NULL;

          if (g_strcmp0 (zx_record_get_id (card), own_id) == 0)
            continue;
          /* Translators: a request to choose as the blocker: its title and the column it is in */
          label = g_strdup_printf (_("%s — %s"), zx_record_get_string (card, "title"),
                                   zx_record_get_string (column, "name"));
          choices_add (&self->blocker_choices, label, zx_record_get_id (card));
        }
    }
  choices_keep (&self->blocker_choices, store, "card", keep_id);
  set_choices (self->blocked_row, &self->blocker_choices, keep_id);
}

static void
changed (ZxCardEditor *self)
{
  if (!self->loading)
    zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static void
from_changed_cb (ZxCardEditor *self)
{
  const char *kr_id;

  if (self->loading)
    return;
  /* the key result follows the requesting department (kept when it is its own) */
  kr_id = selected_id (self->kr_row, &self->kr_choices);
  self->loading = TRUE;
  load_key_results (self, selected_id (self->from_row, &self->from_choices), kr_id);
  self->loading = FALSE;
  changed (self);
}

static void
to_changed_cb (ZxCardEditor *self)
{
  const char *assignee_id;

  if (self->loading)
    return;
  assignee_id = selected_id (self->assignee_row, &self->assignee_choices);
  self->loading = TRUE;
  load_assignees (self, selected_id (self->to_row, &self->to_choices), assignee_id, FALSE);
  self->loading = FALSE;
  changed (self);
}

static void
update_supervision_rows (ZxCardEditor *self)
{
  gboolean on = gtk_switch_get_active (self->supervised_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->deadline_row), on || !self->may_supervise);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), on || !self->may_supervise);
}

static void
supervised_changed_cb (ZxCardEditor *self)
{
  update_supervision_rows (self);
  changed (self);
}

/* Comments and history ------------------------------------------------------------------ */

static int
compare_by (ZxRecord   *a,
            ZxRecord   *b,
            const char *field)
{
  int cmp = g_strcmp0 (zx_record_get_string (a, field), zx_record_get_string (b, field));

  return cmp != 0 ? cmp : g_strcmp0 (zx_record_get_id (a), zx_record_get_id (b));
}

static int
compare_comments (gconstpointer a,
                  gconstpointer b)
{
  return compare_by (*(ZxRecord **) a, *(ZxRecord **) b, "created_at");
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  return compare_by (*(ZxRecord **) a, *(ZxRecord **) b, "at");
}

/* The rows of @entity about this card, sorted by @compare */
static GPtrArray *
list_sorted (ZxCardEditor *self,
             const char   *entity,
             GCompareFunc  compare)
{
  const char *params[] = { card_id (self), NULL };
  g_autoptr(GListStore) list = zx_store_list (get_store (self), entity, "card_id = ?", params);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_ptr_array_sort (rows, compare);
  return rows;
}

static char *
actor_name (ZxStore    *store,
            const char *staff_id)
{
  char *name = staff_id != NULL ? zx_store_get_display (store, "staff", staff_id) : NULL;

  /* Translators: who did something recorded without a person (the
   * automatic supervision rule, a desktop nobody signed in to) */
  return name != NULL ? name : g_strdup (C_("actor", "System"));
}

static GtkWidget *
comment_row (ZxStore  *store,
             ZxRecord *comment)
{
  g_autofree char *author = actor_name (store, zx_record_get_string (comment, "author_id"));
  g_autofree char *when = local_time (zx_record_get_string (comment, "created_at"));
  g_autofree char *escaped = g_markup_escape_text (author, -1);
  g_autofree char *markup = NULL;
  g_autofree char *accessible = NULL;
  const char *body = zx_record_get_string (comment, "body");
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (body);

  markup = g_strdup_printf ("<b>%s</b>  <span alpha=\"65%%\">%s</span>", escaped, when);
  gtk_label_set_markup (GTK_LABEL (heading), markup);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "caption");

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* Translators: how a screen reader reads a comment: author, time, text */
  accessible = g_strdup_printf (_("%s, %s: %s"), author, when, body != NULL ? body : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

/* What happened, in words */
static char *
event_title (ZxStore  *store,
             ZxRecord *event)
{
  const char *kind = zx_record_get_string (event, "kind");

  if (g_strcmp0 (kind, "created") == 0)
    {
      g_autofree char *to = display (store, "board_column", zx_record_get_string (event, "to_column_id"));

      if (zx_record_is_null (event, "to_column_id"))
        /* Translators: in a request's history */
        return g_strdup (_("Created"));
      /* Translators: in a request's history; %s is the column it was put in */
      return g_strdup_printf (_("Created in “%s”"), to);
    }
  if (g_strcmp0 (kind, "moved") == 0)
    {
      g_autofree char *from = display (store, "board_column", zx_record_get_string (event, "from_column_id"));
      g_autofree char *to = display (store, "board_column", zx_record_get_string (event, "to_column_id"));

      /* Translators: in a request's history; the columns it left and entered */
      return g_strdup_printf (_("Moved from “%s” to “%s”"), from, to);
    }
  if (g_strcmp0 (kind, "supervised") == 0)
    /* Translators: in a request's history: the office changed its supervision */
    return g_strdup (_("Supervision changed"));
  if (g_strcmp0 (kind, "commented") == 0)
    /* Translators: in a request's history */
    return g_strdup (_("Commented"));
  if (g_strcmp0 (kind, "blocked") == 0)
    /* Translators: in a request's history: what it waits for changed */
    return g_strdup (_("Blocker changed"));
  if (g_strcmp0 (kind, "edited") == 0)
    /* Translators: in a request's history */
    return g_strdup (_("Edited"));
  return g_strdup (kind != NULL ? kind : "");
}

static GtkWidget *
event_row (ZxStore  *store,
           ZxRecord *event)
{
  g_autofree char *title = event_title (store, event);
  g_autofree char *who = actor_name (store, zx_record_get_string (event, "actor_id"));
  g_autofree char *when = local_time (zx_record_get_string (event, "at"));
  const char *detail = zx_record_get_string (event, "detail");
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (detail != NULL && *detail != '\0')
    /* Translators: under an entry of a request's history: who, when, and what the change said */
    subtitle = g_strdup_printf (_("%s · %s · %s"), who, when, detail);
  else
    /* Translators: under an entry of a request's history: who and when */
    subtitle = g_strdup_printf (_("%s · %s"), who, when);

  /* Titles, names and details are plain text, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
refresh_lists (ZxCardEditor *self)
{
  ZxStore *store = get_store (self);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) events = NULL;

  if (card_id (self) == NULL)
    return;

  comments = list_sorted (self, "card_comment", compare_comments);
  remove_all (self->comments_list);
  for (guint i = 0; i < comments->len; i++)
    gtk_list_box_append (self->comments_list, comment_row (store, g_ptr_array_index (comments, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->comments_list), comments->len > 0);

  events = list_sorted (self, "card_event", compare_events);
  remove_all (self->history_list);
  for (guint i = 0; i < events->len; i++)
    gtk_list_box_append (self->history_list, event_row (store, g_ptr_array_index (events, i)));
  gtk_widget_set_visible (self->history_group, events->len > 0);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  ZxCardEditor *self = data;

  self->refresh_id = 0;
  refresh_lists (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (ZxCardEditor *self,
                  const char   *entity,
                  const char   *id,
                  ZxStore      *store)
{
  if (g_strcmp0 (entity, "card_comment") != 0 && g_strcmp0 (entity, "card_event") != 0 &&
      g_strcmp0 (entity, "staff") != 0 && g_strcmp0 (entity, "board_column") != 0)
    return;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static char *
comment_text (ZxCardEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->comment_buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (self->comment_buffer, &start, &end, FALSE));
}

static void
comment_changed_cb (ZxCardEditor *self)
{
  g_autofree char *text = comment_text (self);

  gtk_widget_set_visible (GTK_WIDGET (self->comment_error), FALSE);
  gtk_widget_set_visible (self->comment_hint, self->may_comment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.add-comment",
                                 self->may_comment && card_id (self) != NULL && *text != '\0');
}

static void
add_comment_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (widget);
  g_autofree char *text = comment_text (self);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  if (*text == '\0' || card_id (self) == NULL)
    return;
  id = zx_kanban_add_comment (get_store (self), card_id (self), text, &error);
  if (id == NULL)
    {
      gtk_label_set_label (self->comment_error, error->message);
      gtk_widget_set_visible (self->comment_hint, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->comment_error), TRUE);
      return;
    }
  gtk_text_buffer_set_text (self->comment_buffer, "", -1);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh_lists (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
}

/* Ctrl+Enter in the comment box adds the comment (not save the form) */
static gboolean
comment_key_pressed_cb (ZxCardEditor    *self,
                        guint            keyval,
                        guint            keycode,
                        GdkModifierType  state)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & gtk_accelerator_get_default_mod_mask ()) == GDK_CONTROL_MASK)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "card.add-comment", NULL);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Permissions ---------------------------------------------------------------------------- */

static void
set_entry_editable (AdwEntryRow *row,
                    gboolean     editable)
{
  gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  /* no pencil on a row that cannot be edited (style.css) */
  if (editable)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "zx-read-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "zx-read-only");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_READ_ONLY, !editable, -1);
}

static void
apply_permissions (ZxCardEditor *self)
{
  ZxRecord *record = zx_record_editor_get_record (ZX_RECORD_EDITOR (self));
  AdwComboRow *combos[] = { self->from_row, self->to_row, self->kr_row, self->priority_row,
                            self->assignee_row, self->blocked_row };
  gboolean saves = self->may_edit || (record != NULL && self->may_supervise);

  set_entry_editable (self->title_row, self->may_edit);
  set_entry_editable (self->due_row, self->may_edit);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (combos[i]), self->may_edit);
  gtk_text_view_set_editable (self->description_view, self->may_edit);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description_view),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, !self->may_edit, -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->supervised_switch), self->may_supervise);
  set_entry_editable (self->deadline_row, self->may_supervise);
  set_entry_editable (self->note_row, self->may_supervise);
  if (!self->may_supervise)
    adw_preferences_group_set_description (self->supervision_group,
                                           _("Only the hospital office can change the supervision of a request."));
  update_supervision_rows (self);

  gtk_widget_set_visible (self->readonly_box, !self->may_edit);
  if (!self->may_edit)
    gtk_label_set_label (self->readonly_label,
                         self->may_comment && record != NULL
                         ? _("Only the requesting department and the hospital office can change this request. You can still comment on it.")
                         : _("Only the requesting department and the hospital office can change this request."));

  /* Nothing to save: the form is one to read, closed with Close */
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), saves);
  gtk_button_set_label (self->cancel_button, saves ? _("_Cancel") : _("_Close"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_view), self->may_comment);
  comment_changed_cb (self);
}

/* ZxRecordEditor ------------------------------------------------------------------------ */

static JsonObject *
zx_card_editor_collect (ZxRecordEditor *editor)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (editor);
  ZxRecord *record = zx_record_editor_get_record (editor);
  JsonObject *fields = json_object_new ();
  guint priority = adw_combo_row_get_selected (self->priority_row);

  if (record == NULL)
    {
      /* What zx_kanban_create_card() fills in, so the store can check the rest */
      g_autoptr(GPtrArray) columns = self->board_id != NULL
                                     ? zx_kanban_list_columns (get_store (self), self->board_id, FALSE) : NULL;

      set_ref (fields, "board_id", self->board_id);
      set_ref (fields, "column_id", columns != NULL && columns->len > 0
                                    ? zx_record_get_id (g_ptr_array_index (columns, 0)) : NULL);
      if (self->new_rank == NULL)
        self->new_rank = zx_rank_between (NULL, NULL);
      json_object_set_string_member (fields, "rank", self->new_rank);
    }

  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  set_ref (fields, "from_department_id", selected_id (self->from_row, &self->from_choices));
  set_ref (fields, "to_department_id", selected_id (self->to_row, &self->to_choices));
  set_ref (fields, "key_result_id", selected_id (self->kr_row, &self->kr_choices));
  zx_form_take_text (fields, "due_date", GTK_EDITABLE (self->due_row));
  json_object_set_string_member (fields, "priority", priorities[MIN (priority, G_N_ELEMENTS (priorities) - 1)]);
  set_ref (fields, "assignee_id", selected_id (self->assignee_row, &self->assignee_choices));
  set_ref (fields, "blocked_by_id", selected_id (self->blocked_row, &self->blocker_choices));
  take_buffer (fields, "description", self->description_buffer);

  if (record != NULL && self->may_supervise)
    {
      json_object_set_boolean_member (fields, "supervised", gtk_switch_get_active (self->supervised_switch));
      zx_form_take_text (fields, "supervision_deadline", GTK_EDITABLE (self->deadline_row));
      zx_form_take_text (fields, "supervision_note", GTK_EDITABLE (self->note_row));
    }
  return fields;
}

/* Null and missing are the same; everything else by value */
static gboolean
same_value (JsonObject *a,
            JsonObject *b,
            const char *field)
{
  JsonNode *na = json_object_get_member (a, field);
  JsonNode *nb = json_object_get_member (b, field);
  gboolean a_null = na == NULL || JSON_NODE_HOLDS_NULL (na);
  gboolean b_null = nb == NULL || JSON_NODE_HOLDS_NULL (nb);

  if (a_null || b_null)
    return a_null && b_null;
  if (json_node_get_value_type (na) == G_TYPE_BOOLEAN || json_node_get_value_type (nb) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (na) == json_node_get_boolean (nb);
  return json_node_equal (na, nb);
}

static const char *
string_of (JsonObject *fields,
           const char *field)
{
  JsonNode *node = json_object_get_member (fields, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char * const card_fields[] = {
  "title", "from_department_id", "to_department_id", "key_result_id", "due_date",
  "priority", "assignee_id", "description",
};
static const char * const supervision_fields[] = {
  "supervised", "supervision_deadline", "supervision_note",
};

static char *
zx_card_editor_save (ZxRecordEditor  *editor,
                     JsonObject      *fields,
                     GError         **error)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (editor);
  ZxStore *store = get_store (self);
  ZxRecord *record = zx_record_editor_get_record (editor);
  const char *blocker = string_of (fields, "blocked_by_id");
  g_autofree char *id = NULL;

  if (!zx_store_begin (store, error))
    return NULL;

  if (record == NULL)
    {
      g_autoptr(JsonObject) card = json_object_new ();

      for (guint i = 0; i < G_N_ELEMENTS (card_fields); i++)
        if (json_object_has_member (fields, card_fields[i]))
          json_object_set_member (card, card_fields[i],
                                  json_node_copy (json_object_get_member (fields, card_fields[i])));
      id = zx_kanban_create_card (store, self->board_id, card, error);
      if (id != NULL && blocker != NULL && !zx_kanban_set_blocker (store, id, blocker, error))
        g_clear_pointer (&id, g_free);
    }
  else
    {
      JsonObject *old = zx_record_get_object (record);
      g_autoptr(JsonObject) changes = json_object_new ();
      gboolean ok = TRUE;

      id = g_strdup (zx_record_get_id (record));
      if (self->may_edit)
        {
          for (guint i = 0; i < G_N_ELEMENTS (card_fields); i++)
            if (!same_value (old, fields, card_fields[i]))
              json_object_set_member (changes, card_fields[i],
                                      json_node_copy (json_object_get_member (fields, card_fields[i])));
          if (json_object_get_size (changes) > 0)
            ok = zx_kanban_update_card (store, id, changes, error);
          if (ok && !same_value (old, fields, "blocked_by_id"))
            ok = zx_kanban_set_blocker (store, id, blocker, error);
        }
      if (ok && self->may_supervise)
        {
          gboolean differs = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (supervision_fields); i++)
            differs |= !same_value (old, fields, supervision_fields[i]);
          if (differs)
            ok = zx_kanban_supervise (store, id,
                                      json_object_get_boolean_member_with_default (fields, "supervised", FALSE),
                                      string_of (fields, "supervision_deadline"),
                                      string_of (fields, "supervision_note"), error);
        }
      if (!ok)
        g_clear_pointer (&id, g_free);
    }

  if (id == NULL)
    {
      zx_store_rollback (store);
      return NULL;
    }
  if (!zx_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

static void
zx_card_editor_load (ZxRecordEditor *editor,
                     ZxRecord       *record)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (editor);
  ZxStore *store = get_store (self);
  const char *from_id = self->department_id;
  const char *priority = "normal";

  self->loading = TRUE;

  if (record != NULL)
    {
      zx_set_str (&self->board_id, zx_record_get_string (record, "board_id"));
      from_id = zx_record_get_string (record, "from_department_id");
      self->may_edit = may (self, ZX_KANBAN_EDIT, record, NULL);
      self->may_supervise = may (self, ZX_KANBAN_SUPERVISE, record, NULL);
      self->may_comment = may (self, ZX_KANBAN_COMMENT, record, NULL);
    }
  else
    {
      if (self->board_id == NULL)
        {
          g_autoptr(GListStore) boards = zx_store_list (store, "board", NULL, NULL);
          g_autoptr(ZxRecord) first = g_list_model_get_item (G_LIST_MODEL (boards), 0);

          if (first != NULL)
            zx_set_str (&self->board_id, zx_record_get_id (first));
        }
      self->may_edit = TRUE;
      self->may_supervise = FALSE;
      self->may_comment = FALSE;
    }

  load_departments (self, from_id, record != NULL ? zx_record_get_string (record, "to_department_id") : NULL);
  if (record == NULL && from_id == NULL)
    {
      /* No department given: the user's own (in the settings), else the
       * first one the actor may ask for */
      GSettings *settings = zx_context_get_settings (zx_record_editor_get_context (editor));
      g_autofree char *mine = settings != NULL ? g_settings_get_string (settings, "kanban-department") : NULL;

      if (mine != NULL && zx_ref_choices_find (&self->from_choices, mine) != GTK_INVALID_LIST_POSITION)
        set_choices (self->from_row, &self->from_choices, mine);
      from_id = selected_id (self->from_row, &self->from_choices);
    }

  if (record != NULL)
    {
      g_autofree char *column = display (store, "board_column", zx_record_get_string (record, "column_id"));
      const char *text = zx_record_get_string (record, "description");

      adw_window_title_set_title (self->window_title, self->may_edit ? _("Edit Collaboration Request")
                                                                      : _("Collaboration Request"));
      adw_window_title_set_subtitle (self->window_title, column);
      set_entry (self->title_row, zx_record_get_string (record, "title"));
      set_entry (self->due_row, zx_record_get_string (record, "due_date"));
      priority = zx_record_get_string (record, "priority");
      gtk_text_buffer_set_text (self->description_buffer, text != NULL ? text : "", -1);

      load_key_results (self, from_id, zx_record_get_string (record, "key_result_id"));
      load_assignees (self, zx_record_get_string (record, "to_department_id"),
                      zx_record_get_string (record, "assignee_id"), TRUE);
      load_blockers (self, zx_record_get_string (record, "blocked_by_id"));

      gtk_switch_set_active (self->supervised_switch, zx_record_get_bool (record, "supervised"));
      set_entry (self->deadline_row, zx_record_get_string (record, "supervision_deadline"));
      set_entry (self->note_row, zx_record_get_string (record, "supervision_note"));
      gtk_widget_set_visible (GTK_WIDGET (self->supervision_group), TRUE);
      gtk_widget_set_visible (self->comments_group, TRUE);
      refresh_lists (self);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Collaboration Request"));
      load_key_results (self, from_id, NULL);
      load_assignees (self, selected_id (self->to_row, &self->to_choices), NULL, FALSE);
      load_blockers (self, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    if (g_strcmp0 (priorities[i], priority) == 0)
      adw_combo_row_set_selected (self->priority_row, i);

  apply_permissions (self);
  self->loading = FALSE;
}

/* GObject ------------------------------------------------------------------------------- */

static void
zx_card_editor_constructed (GObject *object)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (object);

  G_OBJECT_CLASS (zx_card_editor_parent_class)->constructed (object);

  if (card_id (self) != NULL)
    {
      g_set_object (&self->store, get_store (self));
      g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
zx_card_editor_dispose (GObject *object)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  zx_ref_choices_clear (&self->from_choices);
  zx_ref_choices_clear (&self->to_choices);
  zx_ref_choices_clear (&self->kr_choices);
  zx_ref_choices_clear (&self->assignee_choices);
  zx_ref_choices_clear (&self->blocker_choices);

  G_OBJECT_CLASS (zx_card_editor_parent_class)->dispose (object);
}

static void
zx_card_editor_finalize (GObject *object)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (object);

  g_free (self->board_id);
  g_free (self->department_id);
  g_free (self->new_rank);

  G_OBJECT_CLASS (zx_card_editor_parent_class)->finalize (object);
}

static void
zx_card_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BOARD_ID:
      zx_set_str (&self->board_id, g_value_get_string (value));
      break;

    case PROP_DEPARTMENT_ID:
      zx_set_str (&self->department_id, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_card_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZxCardEditor *self = ZX_CARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_BOARD_ID:
      g_value_set_string (value, self->board_id);
      break;

    case PROP_DEPARTMENT_ID:
      g_value_set_string (value, self->department_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_card_editor_class_init (ZxCardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->constructed = zx_card_editor_constructed;
  object_class->dispose = zx_card_editor_dispose;
  object_class->finalize = zx_card_editor_finalize;
  object_class->set_property = zx_card_editor_set_property;
  object_class->get_property = zx_card_editor_get_property;

  editor_class->entity = "card";
  editor_class->load = zx_card_editor_load;
  editor_class->collect = zx_card_editor_collect;
  editor_class->save = zx_card_editor_save;

  properties[PROP_BOARD_ID] =
    g_param_spec_string ("board-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPARTMENT_ID] =
    g_param_spec_string ("department-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "card.add-comment", NULL, add_comment_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanban/zx-card-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, readonly_box);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, readonly_label);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, from_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, to_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, kr_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, priority_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, blocked_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, supervision_group);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, supervised_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, supervised_switch);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, note_row);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, comments_group);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, comments_list);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, comment_view);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, comment_buffer);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, comment_hint);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, comment_error);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, add_comment_button);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, ZxCardEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, from_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, supervised_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_changed_cb);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_card_editor_init (ZxCardEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);
  GtkEventController *keys;

  /* no signal handler runs until load() */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (comment_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->comment_view), keys);

  {
    /* Translators: shown in the comment list of a request nobody commented on yet */
    GtkWidget *placeholder = gtk_label_new (_("No comments yet"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->comments_list, placeholder);
  }

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "title", GTK_WIDGET (self->title_row));
  zx_record_editor_add_row (editor, "from_department_id", GTK_WIDGET (self->from_row));
  zx_record_editor_add_row (editor, "to_department_id", GTK_WIDGET (self->to_row));
  zx_record_editor_add_row (editor, "key_result_id", GTK_WIDGET (self->kr_row));
  zx_record_editor_add_row (editor, "due_date", GTK_WIDGET (self->due_row));
  zx_record_editor_add_row (editor, "priority", GTK_WIDGET (self->priority_row));
  zx_record_editor_add_row (editor, "assignee_id", GTK_WIDGET (self->assignee_row));
  zx_record_editor_add_row (editor, "blocked_by_id", GTK_WIDGET (self->blocked_row));
  zx_record_editor_add_row (editor, "description", GTK_WIDGET (self->description_frame));
  zx_record_editor_add_row (editor, "supervised", GTK_WIDGET (self->supervised_row));
  zx_record_editor_add_row (editor, "supervision_deadline", GTK_WIDGET (self->deadline_row));
  zx_record_editor_add_row (editor, "supervision_note", GTK_WIDGET (self->note_row));
}

GtkWidget *
zx_card_editor_new (ZxContext  *context,
                    const char *board_id,
                    ZxRecord   *record,
                    const char *department_id)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  return g_object_new (ZX_TYPE_CARD_EDITOR, "context", context, "record", record,
                       "board-id", board_id, "department-id", department_id, NULL);
}
