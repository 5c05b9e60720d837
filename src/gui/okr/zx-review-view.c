/* zx-review-view.c — the weekly OKR review meeting of a department
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each week a department asks the owner of every key result: how is it
 * going, what is in the way, what support is needed; the chair records
 * decisions, each with an owner and a deadline.  A decision still without
 * an owner after warn-decision-owner-hours (24 by default) is flagged.
 *
 * The view lists the department's meetings; a meeting is walked item by
 * item (one per key result, filled in from its latest check-in), then a
 * summary holds the minutes, the meeting's own decisions, and exporting or
 * printing the minutes.
 */
#define G_LOG_DOMAIN "zx-review-view"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-deletion.h"
#include "zx-minutes-document.h"
#include "zx-okr-form.h"
#include "zx-pace-bar.h"
#include "zx-progress.h"
#include "zx-rank.h"
#include "zx-review-view.h"
#include "zx-window.h"
#include "strategy/zx-print-operation.h"

struct _ZxReviewView
{
  AdwBin          parent_instance;

  ZxContext      *context;
  ZxStore        *store;
  GSettings      *settings;
  ZxDeletion     *deletion;
  char           *cycle_id;
  char           *department_id;
  char           *meeting_id;
  GPtrArray      *department_ids;
  GListStore     *meetings;
  GListStore     *items;         /* meeting_item rows of the open meeting */
  guint           position;
  guint           refresh_id;
  gboolean        updating;
  GtkFileChooserNative *chooser;

  GtkDropDown    *department_dropdown;
  GtkListBox     *meeting_list;
  GtkStack       *stack;
  GtkLabel       *meeting_title;
  GtkLabel       *step_label;
  GtkProgressBar *step_bar;
  GtkButton      *previous_button;
  GtkButton      *next_button;
  GtkBox         *page_box;
  /* the item page's editable answers, saved when leaving it */
  GtkTextBuffer  *progress_buffer;
  GtkTextBuffer  *obstacles_buffer;
  GtkTextBuffer  *support_buffer;
  GtkTextBuffer  *notes_buffer;
  /* the add-a-decision row */
  GtkEntry       *decision_entry;
  GtkDropDown    *decision_owner;
  GtkEntry       *decision_deadline;
  GPtrArray      *owner_ids;
};

G_DEFINE_FINAL_TYPE (ZxReviewView, zx_review_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CYCLE_ID,
  PROP_DEPARTMENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_position (ZxReviewView *self);

/* Core of the review ------------------------------------------------------------------ */

static int
hours_setting (ZxReviewView *self)
{
  return self->settings != NULL ? g_settings_get_int (self->settings, "warn-decision-owner-hours") : 24;
}

gboolean
zx_review_decision_is_flagged (ZxStore  *store,
                               ZxRecord *decision,
                               int       hours)
{
  g_autofree char *now = zx_store_now (store);
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) current = NULL;
  const char *created = zx_record_get_string (decision, "created_at");

  if (zx_record_get_string (decision, "owner_id") != NULL ||
      g_strcmp0 (zx_record_get_string (decision, "status"), "open") != 0 || created == NULL)
    return FALSE;
  at = g_date_time_new_from_iso8601 (created, NULL);
  current = g_date_time_new_from_iso8601 (now, NULL);
  if (at == NULL || current == NULL)
    return FALSE;
  return g_date_time_difference (current, at) > (GTimeSpan) hours * G_TIME_SPAN_HOUR;
}

guint
zx_review_count_flagged (ZxStore    *store,
                         const char *meeting_id,
                         int         hours)
{
  const char *params[] = { meeting_id, NULL };
  g_autoptr(GListStore) decisions = zx_store_list (store, "decision", "meeting_id = ?", params);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (decisions)); i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (decisions), i);

      n += zx_review_decision_is_flagged (store, d, hours);
    }
  return n;
}

/* The latest check-in of a key result (by week, then when written), or NULL */
static ZxRecord *
latest_check_in (ZxStore    *store,
                 const char *key_result_id)
{
  const char *params[] = { key_result_id, NULL };
  g_autoptr(GListStore) all = zx_store_list (store, "check_in", "key_result_id = ?", params);
  ZxRecord *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      ZxRecord *c = g_list_model_get_item (G_LIST_MODEL (all), i);
      int cmp = best != NULL ? g_strcmp0 (zx_record_get_string (c, "week"), zx_record_get_string (best, "week")) : 1;

      if (cmp > 0 || (cmp == 0 && g_strcmp0 (zx_record_get_string (c, "created_at"),
                                              zx_record_get_string (best, "created_at")) >= 0))
        {
          g_clear_object (&best);
          best = c;
        }
      else
        g_object_unref (c);
    }
  return best;
}

gboolean
zx_review_start (ZxStore      *store,
                 const char   *department_id,
                 const char   *cycle_id,
                 const GDate  *week,
                 char        **out_meeting_id,
                 GError      **error)
{
  g_autoptr(JsonObject) meeting = json_object_new ();
  g_autoptr(GListStore) objectives = NULL;
  g_autofree char *meeting_id = NULL;
  g_autofree char *title = NULL;
  char monday[16];
  const char *params[] = { department_id, cycle_id, cycle_id, NULL };
  GDate start;
  guint n_items = 0;
  g_autofree char *last_rank = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (department_id != NULL && cycle_id != NULL && week != NULL, FALSE);

  start = *week;
  g_date_subtract_days (&start, g_date_get_weekday (&start) - G_DATE_MONDAY);
  g_snprintf (monday, sizeof monday, "%04d-%02d-%02d", g_date_get_year (&start), g_date_get_month (&start),
              g_date_get_day (&start));
  /* Translators: the default title of a weekly review meeting: the week's Monday */
  title = g_strdup_printf (_("Weekly OKR review, week of %s"), monday);

  if (!zx_store_begin (store, error))
    return FALSE;

  json_object_set_string_member (meeting, "department_id", department_id);
  json_object_set_string_member (meeting, "cycle_id", cycle_id);
  json_object_set_string_member (meeting, "held_on", monday);
  json_object_set_string_member (meeting, "title", title);
  json_object_set_string_member (meeting, "kind", "weekly_review");
  meeting_id = zx_store_create (store, "meeting", meeting, error);
  if (meeting_id == NULL)
    goto fail;

  /* hospital objectives never have a department: department, then personal */
  objectives = zx_store_list (store, "objective",
                              "department_id = ? AND status = 'active' AND level IN ('department', 'personal') AND "
                              "(cycle_id = ? OR cycle_id = (SELECT parent_id FROM cycle WHERE id = ?))",
                              params);
  for (int level = 0; level < 2; level++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (objectives)); i++)
      {
        g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (objectives), i);
        const char *by_objective[] = { zx_record_get_id (o), NULL };
        g_autoptr(GListStore) krs = NULL;

        if (g_strcmp0 (zx_record_get_string (o, "level"), level == 0 ? "department" : "personal") != 0)
          continue;
        krs = zx_store_list (store, "key_result", "objective_id = ?", by_objective);
        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (krs)); k++)
          {
            g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), k);
            g_autoptr(ZxRecord) check_in = latest_check_in (store, zx_record_get_id (kr));
            g_autoptr(JsonObject) item = json_object_new ();
            g_autofree char *rank = zx_rank_between (last_rank, NULL);
            g_autofree char *item_id = NULL;

            json_object_set_string_member (item, "meeting_id", meeting_id);
            json_object_set_string_member (item, "key_result_id", zx_record_get_id (kr));
            if (check_in != NULL)
              {
                zx_okr_form_set_ref (item, "progress", zx_record_get_string (check_in, "note"));
                zx_okr_form_set_ref (item, "obstacles", zx_record_get_string (check_in, "obstacles"));
                zx_okr_form_set_ref (item, "support_needed", zx_record_get_string (check_in, "support_needed"));
              }
            json_object_set_string_member (item, "rank", rank);
            item_id = zx_store_create (store, "meeting_item", item, error);
            if (item_id == NULL)
              goto fail;
            g_free (last_rank);
            last_rank = g_strdup (rank);
            n_items++;
          }
      }

  if (!zx_store_commit (store, error))
    goto fail;
  if (out_meeting_id != NULL)
    *out_meeting_id = g_steal_pointer (&meeting_id);
  return TRUE;

fail:
  zx_store_rollback (store);
  return FALSE;
}

/* Helpers ----------------------------------------------------------------------------- */

static ZxRecord *
get_record (ZxReviewView *self,
            const char   *entity,
            const char   *id)
{
  g_autoptr(JsonObject) row = NULL;

  if (id == NULL)
    return NULL;
  row = zx_store_get (self->store, entity, id, NULL);
  if (row == NULL || json_object_get_boolean_member_with_default (row, ZX_COLUMN_DELETED, FALSE))
    return NULL;
  return zx_record_new (zx_schema_lookup (entity), row);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static GtkWidget *
heading (const char *text,
         const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* A labelled multi-line box bound to @buffer */
static GtkWidget *
text_box (const char     *title,
          GtkTextBuffer **buffer,
          const char     *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_box_append (GTK_BOX (box), heading (title, "heading"));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 56);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (*buffer, text != NULL ? text : "", -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

/* Saving the answers of the page being left -------------------------------------------------- */

static void
save_field (ZxReviewView  *self,
            const char    *entity,
            const char    *id,
            ZxRecord      *record,
            const char    *field,
            GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;

  if (buffer == NULL)
    return;
  text = buffer_text (buffer);
  if (g_strcmp0 (*text ? text : NULL, zx_record_get_string (record, field)) == 0)
    return;
  changes = json_object_new ();
  zx_okr_form_set_ref (changes, field, *text ? text : NULL);
  if (!zx_store_update (self->store, entity, id, changes, &error))
    zx_widget_show_message (GTK_WIDGET (self), error->message);
}

static void
save_page (ZxReviewView *self)
{
  guint n = self->items != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;

  if (self->meeting_id == NULL)
    return;
  self->updating = TRUE;
  if (self->position < n)
    {
      g_autoptr(ZxRecord) listed = g_list_model_get_item (G_LIST_MODEL (self->items), self->position);
      g_autoptr(ZxRecord) item = get_record (self, "meeting_item", zx_record_get_id (listed));

      if (item != NULL)
        {
          save_field (self, "meeting_item", zx_record_get_id (item), item, "progress", self->progress_buffer);
          save_field (self, "meeting_item", zx_record_get_id (item), item, "obstacles", self->obstacles_buffer);
          save_field (self, "meeting_item", zx_record_get_id (item), item, "support_needed", self->support_buffer);
        }
    }
  else
    {
      g_autoptr(ZxRecord) meeting = get_record (self, "meeting", self->meeting_id);

      if (meeting != NULL)
        save_field (self, "meeting", self->meeting_id, meeting, "notes", self->notes_buffer);
    }
  self->updating = FALSE;
  self->progress_buffer = self->obstacles_buffer = self->support_buffer = self->notes_buffer = NULL;
}

/* Decisions -------------------------------------------------------------------------------- */

static void
decision_status_cb (GtkDropDown  *dropdown,
                    GParamSpec   *pspec,
                    ZxReviewView *self)
{
  static const char * const states[] = { "open", "done", "dropped" };
  const char *id = g_object_get_data (G_OBJECT (dropdown), "decision-id");
  guint i = gtk_drop_down_get_selected (dropdown);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;

  if (i >= G_N_ELEMENTS (states) || self->updating)
    return;
  json_object_set_string_member (changes, "status", states[i]);
  if (!zx_store_update (self->store, "decision", id, changes, &error))
    zx_widget_show_message (GTK_WIDGET (self), error->message);
}

static void
delete_decision_cb (GtkButton    *button,
                    ZxReviewView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "decision-id");
  g_autoptr(ZxRecord) d = get_record (self, "decision", id);

  if (d != NULL)
    zx_deletion_delete (self->deletion, self->store, "decision", id, zx_record_get_string (d, "content"));
}

/* The decisions of the meeting about @key_result_id (NULL: the meeting's own) */
static GtkWidget *
decision_list (ZxReviewView *self,
               const char   *key_result_id)
{
  const char *params[] = { self->meeting_id, key_result_id, NULL };
  g_autoptr(GListStore) decisions = zx_store_list (self->store, "decision",
                                                   key_result_id != NULL ? "meeting_id = ? AND key_result_id = ?"
                                                                         : "meeting_id = ? AND key_result_id IS NULL",
                                                   params);
  GtkWidget *list = gtk_list_box_new ();
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);

  gtk_string_list_append (states, C_("decision status", "Open"));
  gtk_string_list_append (states, C_("decision status", "Done"));
  gtk_string_list_append (states, C_("decision status", "Dropped"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decisions"), -1);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (decisions)); i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (decisions), i);
      g_autofree char *owner = zx_store_get_display (self->store, "staff", zx_record_get_string (d, "owner_id"));
      g_autofree char *escaped = g_markup_escape_text (zx_record_get_string (d, "content"), -1);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *status = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (states)), NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      const char *value = zx_record_get_string (d, "status");
      gboolean flagged = zx_review_decision_is_flagged (self->store, d, hours_setting (self));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      /* Translators: a decision's owner and deadline */
      subtitle = g_strdup_printf (_("Owner: %s · Deadline: %s"), owner != NULL ? owner : _("No owner yet"),
                                  zx_record_get_string (d, "deadline") != NULL ? zx_record_get_string (d, "deadline") : "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (flagged)
        {
          GtkWidget *tag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          g_autofree char *tip = g_strdup_printf (ngettext ("Still without an owner %d hour after it was recorded",
                                                            "Still without an owner %d hours after it was recorded",
                                                            hours_setting (self)),
                                                  hours_setting (self));

          gtk_widget_add_css_class (tag, "warning");
          gtk_widget_set_tooltip_text (tag, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (tag), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), tag);
          gtk_widget_add_css_class (row, "flagged");
        }
      self->updating = TRUE;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (status),
                                  g_strcmp0 (value, "done") == 0 ? 1 : g_strcmp0 (value, "dropped") == 0 ? 2 : 0);
      self->updating = FALSE;
      gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"), -1);
      g_object_set_data_full (G_OBJECT (status), "decision-id", g_strdup (zx_record_get_id (d)), g_free);
      g_signal_connect (status, "notify::selected", G_CALLBACK (decision_status_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Delete Decision"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Decision"), -1);
      g_object_set_data_full (G_OBJECT (remove), "decision-id", g_strdup (zx_record_get_id (d)), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (delete_decision_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (decisions)) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No decisions yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  return list;
}

static void
add_decision_cb (GtkWidget    *widget,
                 ZxReviewView *self)
{
  const char *key_result_id = g_object_get_data (G_OBJECT (self->decision_entry), "key-result-id");
  g_autofree char *content = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_entry))));
  g_autofree char *deadline = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->decision_deadline))));
  g_autofree char *now = zx_store_now (self->store);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint owner = gtk_drop_down_get_selected (self->decision_owner);

  if (*content == '\0')
    {
      zx_widget_show_message (GTK_WIDGET (self), _("Write what was decided first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->decision_entry));
      return;
    }
  json_object_set_string_member (fields, "meeting_id", self->meeting_id);
  json_object_set_string_member (fields, "content", content);
  zx_okr_form_set_ref (fields, "owner_id", owner != GTK_INVALID_LIST_POSITION && owner < self->owner_ids->len
                                           ? g_ptr_array_index (self->owner_ids, owner) : NULL);
  zx_okr_form_set_ref (fields, "deadline", *deadline ? deadline : NULL);
  json_object_set_string_member (fields, "status", "open");
  zx_okr_form_set_ref (fields, "key_result_id", key_result_id);
  json_object_set_string_member (fields, "created_at", now);
  save_page (self);
  id = zx_store_create (self->store, "decision", fields, &error);
  if (id == NULL)
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Add the Decision"), error->message);
      return;
    }
  show_position (self);
}

/* The row that records a new decision: what, who, by when */
static GtkWidget *
decision_form (ZxReviewView *self,
               const char   *key_result_id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Decision"));
  const char *params[] = { self->department_id, NULL };
  g_autoptr(GListStore) staff = zx_store_list (self->store, "staff", "department_id = ?", params);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->owner_ids, 0);
  gtk_string_list_append (names, _("No owner yet"));
  g_ptr_array_add (self->owner_ids, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (staff)); i++)
    {
      g_autoptr(ZxRecord) s = g_list_model_get_item (G_LIST_MODEL (staff), i);

      gtk_string_list_append (names, zx_record_get_string (s, "name"));
      g_ptr_array_add (self->owner_ids, g_strdup (zx_record_get_id (s)));
    }

  self->decision_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->decision_entry, _("What was decided"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->decision_entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->decision_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decision"), -1);
  g_object_set_data_full (G_OBJECT (self->decision_entry), "key-result-id", g_strdup (key_result_id), g_free);
  g_signal_connect (self->decision_entry, "activate", G_CALLBACK (add_decision_cb), self);
  self->decision_owner = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_drop_down_set_enable_search (self->decision_owner, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->decision_owner), _("Owner"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->decision_owner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner"), -1);
  self->decision_deadline = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->decision_deadline, _("Deadline, e.g. 2026-12-31"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->decision_deadline), 14);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->decision_deadline), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deadline"), -1);
  g_signal_connect (self->decision_deadline, "activate", G_CALLBACK (add_decision_cb), self);
  g_signal_connect (add, "clicked", G_CALLBACK (add_decision_cb), self);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->decision_entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->decision_owner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->decision_deadline));
  gtk_box_append (GTK_BOX (box), add);
  return box;
}

/* The pages -------------------------------------------------------------------------------- */

static void
clear_page (ZxReviewView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_box))) != NULL)
    gtk_box_remove (self->page_box, child);
}

static void
show_item (ZxReviewView *self,
           ZxRecord     *item)
{
  const char *kr_id = zx_record_get_string (item, "key_result_id");
  g_autoptr(ZxRecord) kr = get_record (self, "key_result", kr_id);
  g_autoptr(ZxRecord) objective = kr != NULL ? get_record (self, "objective", zx_record_get_string (kr, "objective_id")) : NULL;
  g_autoptr(ZxRecord) check_in = kr != NULL ? latest_check_in (self->store, kr_id) : NULL;
  g_autofree char *owner = NULL;
  g_autofree char *line = NULL;
  GtkWidget *bar = zx_pace_bar_new ();
  ZxProgressParams params;
  GDate today;

  if (kr == NULL)
    {
      gtk_box_append (self->page_box, heading (_("This key result was deleted."), "dim-label"));
      return;
    }
  owner = zx_store_get_display (self->store, "staff", zx_record_get_string (kr, "owner_id"));
  if (objective != NULL)
    gtk_box_append (self->page_box, heading (zx_record_get_string (objective, "title"), "dim-label"));
  gtk_box_append (self->page_box, heading (zx_record_get_string (kr, "title"), "title-2"));

  /* where it stands, by the same rules as everywhere */
  {
    g_autofree char *now = zx_store_now (self->store);
    g_autoptr(ZxProgressIndex) index = NULL;
    const ZxProgress *p;

    g_date_clear (&today, 1);
    now[MIN (strlen (now), 10)] = '\0';
    g_date_set_parse (&today, now);
    zx_progress_params_init_default (&params);
    if (self->settings != NULL)
      {
        params.behind_margin = g_settings_get_double (self->settings, "warn-behind-pace-margin");
        params.stale_days = g_settings_get_int (self->settings, "warn-stale-days");
        params.low_confidence = g_settings_get_int (self->settings, "warn-low-confidence");
      }
    index = zx_progress_index_new (self->store, &today, &params, NULL);
    p = index != NULL ? zx_progress_index_lookup (index, kr_id) : NULL;
    if (p != NULL)
      {
        zx_pace_bar_set (ZX_PACE_BAR (bar), p->progress, p->expected, zx_health_to_string (p->health), p->has_progress);
        /* Translators: in the weekly review: owner, progress, expected pace, health */
        line = g_strdup_printf (_("%s · %d%% done, %d%% expected · %s"), owner != NULL ? owner : _("No owner yet"),
                                (int) (p->progress * 100 + 0.5), (int) (p->expected * 100 + 0.5),
                                zx_health_get_label (p->health));
      }
  }
  gtk_widget_set_size_request (bar, -1, 10);
  gtk_box_append (self->page_box, bar);
  if (line != NULL)
    gtk_box_append (self->page_box, heading (line, NULL));
  if (check_in != NULL)
    {
      /* Translators: the latest check-in: its week and the owner's confidence */
      g_autofree char *text = g_strdup_printf (_("Latest check-in: week of %s, confidence %d/10"),
                                               zx_record_get_string (check_in, "week"),
                                               (int) zx_record_get_int (check_in, "confidence"));

      gtk_box_append (self->page_box, heading (text, "dim-label"));
    }
  else
    gtk_box_append (self->page_box, heading (_("No check-in yet"), "warning"));

  gtk_box_append (self->page_box, text_box (_("How is it going?"), &self->progress_buffer,
                                            zx_record_get_string (item, "progress")));
  gtk_box_append (self->page_box, text_box (_("What is in the way?"), &self->obstacles_buffer,
                                            zx_record_get_string (item, "obstacles")));
  gtk_box_append (self->page_box, text_box (_("What support is needed?"), &self->support_buffer,
                                            zx_record_get_string (item, "support_needed")));
  gtk_box_append (self->page_box, heading (_("Decisions"), "heading"));
  gtk_box_append (self->page_box, decision_list (self, kr_id));
  gtk_box_append (self->page_box, decision_form (self, kr_id));
}

static void
show_summary (ZxReviewView *self,
              ZxRecord     *meeting)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export Minutes as PDF…"));
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print Minutes…"));
  guint flagged = zx_review_count_flagged (self->store, self->meeting_id, hours_setting (self));

  gtk_box_append (self->page_box, heading (_("Summary"), "title-2"));
  if (flagged > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u decision still has no owner.",
                                                         "%u decisions still have no owner.", flagged), flagged);

      gtk_box_append (self->page_box, heading (text, "warning"));
    }
  gtk_box_append (self->page_box, text_box (_("Minutes"), &self->notes_buffer, zx_record_get_string (meeting, "notes")));
  gtk_box_append (self->page_box, heading (_("Decisions for the whole meeting"), "heading"));
  gtk_box_append (self->page_box, decision_list (self, NULL));
  gtk_box_append (self->page_box, decision_form (self, NULL));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "review.export-minutes");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "review.print-minutes");
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), export);
  gtk_box_append (GTK_BOX (buttons), print);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (self->page_box, buttons);
}

static void
show_position (ZxReviewView *self)
{
  g_autoptr(ZxRecord) meeting = get_record (self, "meeting", self->meeting_id);
  guint n;
  g_autofree char *step = NULL;

  clear_page (self);
  self->progress_buffer = self->obstacles_buffer = self->support_buffer = self->notes_buffer = NULL;
  if (meeting == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "meeting");
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  self->position = MIN (self->position, n);
  gtk_label_set_label (self->meeting_title, zx_record_get_string (meeting, "title"));
  if (self->position < n)
    /* Translators: where the review is: item 3 of 12 */
    step = g_strdup_printf (_("Key result %u of %u"), self->position + 1, n);
  else
    step = g_strdup (_("Summary"));
  gtk_label_set_label (self->step_label, step);
  gtk_progress_bar_set_fraction (self->step_bar, n > 0 ? (double) self->position / n : 1.0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), self->position > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->position < n);

  if (self->position < n)
    {
      g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (self->items), self->position);

      show_item (self, item);
    }
  else
    show_summary (self, meeting);
}

/* The list of meetings ------------------------------------------------------------------------ */

static void
load_items (ZxReviewView *self)
{
  const char *params[] = { self->meeting_id, NULL };

  g_clear_object (&self->items);
  self->items = self->meeting_id != NULL
                ? zx_store_list (self->store, "meeting_item", "meeting_id = ?", params)
                : g_list_store_new (ZX_TYPE_RECORD);
}

static void
fill_meetings (ZxReviewView *self)
{
  const char *params[] = { self->department_id, NULL };
  g_autoptr(GListStore) rows = NULL;
  GtkListBoxRow *selected = NULL;
  guint n;

  g_list_store_remove_all (self->meetings);
  {
    GtkWidget *child;

    /* (gtk_list_box_remove_all is GTK 4.12) */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->meeting_list))) != NULL)
      gtk_list_box_remove (self->meeting_list, child);
  }
  if (self->department_id == NULL)
    return;
  rows = zx_store_list (self->store, "meeting", "department_id = ? AND kind = 'weekly_review'", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  /* newest first */
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(ZxRecord) m = g_list_model_get_item (G_LIST_MODEL (rows), i);
      guint pos = 0;

      while (pos < g_list_model_get_n_items (G_LIST_MODEL (self->meetings)))
        {
          g_autoptr(ZxRecord) other = g_list_model_get_item (G_LIST_MODEL (self->meetings), pos);

          if (g_strcmp0 (zx_record_get_string (m, "held_on"), zx_record_get_string (other, "held_on")) >= 0)
            break;
          pos++;
        }
      g_list_store_insert (self->meetings, pos, m);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->meetings)); i++)
    {
      g_autoptr(ZxRecord) m = g_list_model_get_item (G_LIST_MODEL (self->meetings), i);
      const char *by_meeting[] = { zx_record_get_id (m), NULL };
      gint64 decisions = zx_store_count (self->store, "decision", "meeting_id = ?", by_meeting);
      guint flagged = zx_review_count_flagged (self->store, zx_record_get_id (m), hours_setting (self));
      g_autofree char *escaped = g_markup_escape_text (zx_record_get_string (m, "title"), -1);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%s · %d decision", "%s · %d decisions", (gulong) decisions),
                                                   zx_record_get_string (m, "held_on"), (int) decisions);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (flagged > 0)
        {
          GtkWidget *tag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          g_autofree char *tip = g_strdup_printf (ngettext ("%u decision still has no owner.",
                                                            "%u decisions still have no owner.", flagged), flagged);

          gtk_widget_add_css_class (tag, "warning");
          gtk_widget_set_tooltip_text (tag, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (tag), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      g_object_set_data_full (G_OBJECT (row), "meeting-id", g_strdup (zx_record_get_id (m)), g_free);
      gtk_list_box_append (self->meeting_list, row);
      if (g_strcmp0 (zx_record_get_id (m), self->meeting_id) == 0)
        selected = GTK_LIST_BOX_ROW (row);
    }
  if (selected != NULL)
    {
      self->updating = TRUE;
      gtk_list_box_select_row (self->meeting_list, selected);
      self->updating = FALSE;
    }
}

static void
meeting_activated_cb (ZxReviewView  *self,
                      GtkListBoxRow *row)
{
  if (self->updating || row == NULL)
    return;
  zx_review_view_open_meeting (self, g_object_get_data (G_OBJECT (row), "meeting-id"));
}

static void
fill_departments (ZxReviewView *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint position = 0;

  g_ptr_array_set_size (self->department_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (departments)); i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (departments), i);

      gtk_string_list_append (names, zx_record_get_string (d, "name"));
      g_ptr_array_add (self->department_ids, g_strdup (zx_record_get_id (d)));
      if (g_strcmp0 (zx_record_get_id (d), self->department_id) == 0)
        position = i;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (names));
  if (self->department_ids->len > 0)
    gtk_drop_down_set_selected (self->department_dropdown, position);
  self->updating = FALSE;
  if (self->department_id == NULL && self->department_ids->len > 0)
    zx_review_view_set_department (self, g_ptr_array_index (self->department_ids, 0));
}

static void
department_selected_cb (ZxReviewView *self)
{
  guint i = gtk_drop_down_get_selected (self->department_dropdown);

  if (!self->updating && i < self->department_ids->len)
    zx_review_view_set_department (self, g_ptr_array_index (self->department_ids, i));
}

static gboolean
refresh_cb (gpointer data)
{
  ZxReviewView *self = data;

  self->refresh_id = 0;
  fill_meetings (self);
  if (self->meeting_id != NULL)
    {
      guint keep = self->position;

      load_items (self);
      self->position = keep;
      show_position (self);
    }
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (ZxReviewView *self,
                  const char   *entity,
                  const char   *id)
{
  static const char * const watched[] = { "meeting", "meeting_item", "decision", "staff", NULL };

  if (g_str_equal (entity, "department"))
    fill_departments (self);
  /* our own saves of the answers do not redraw the page being typed in */
  if (!g_strv_contains (watched, entity) || self->updating || self->refresh_id != 0)
    return;
  self->refresh_id = g_idle_add (refresh_cb, self);
}

/* Actions ------------------------------------------------------------------------------------ */

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *monday = zx_okr_form_this_monday (self->store);
  GDate week;

  if (self->department_id == NULL || self->cycle_id == NULL)
    {
      zx_widget_show_message (widget, _("Choose a department and a cycle first."));
      return;
    }
  g_date_clear (&week, 1);
  g_date_set_parse (&week, monday);
  if (!zx_review_start (self->store, self->department_id, self->cycle_id, &week, &id, &error))
    {
      zx_show_error_dialog (widget, _("Could Not Start the Review"), error->message);
      return;
    }
  zx_review_view_open_meeting (self, id);
  fill_meetings (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (widget);
  guint n = self->items != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;

  if (self->meeting_id == NULL)
    return;
  if (g_str_equal (action_name, "review.next") && self->position < n)
    zx_review_view_set_position (self, self->position + 1);
  else if (g_str_equal (action_name, "review.previous") && self->position > 0)
    zx_review_view_set_position (self, self->position - 1);
}

static void
export_response_cb (ZxReviewView         *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path != NULL && !g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = with_suffix;
    }
  document = path != NULL ? zx_minutes_document_new (self->store, self->meeting_id, &error) : NULL;
  if (document == NULL || !zx_minutes_document_export_pdf (document, path, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Minutes"),
                            error != NULL ? error->message : _("Choose a folder on this computer."));
      return;
    }
  {
    g_autofree char *basename = g_path_get_basename (path);
    g_autofree char *message = g_strdup_printf (_("Exported the minutes as “%s”"), basename);

    zx_widget_show_message (GTK_WIDGET (self), message);
  }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(ZxRecord) meeting = get_record (self, "meeting", self->meeting_id);
  g_autofree char *name = NULL;

  if (meeting == NULL)
    return;
  save_page (self);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Minutes"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the suggested file name of exported minutes: the meeting's title */
  name = g_strdup_printf (_("%s minutes.pdf"), zx_record_get_string (meeting, "title"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(ZxMinutesDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  save_page (self);
  document = zx_minutes_document_new (self->store, self->meeting_id, &error);
  if (document == NULL)
    {
      zx_show_error_dialog (widget, _("Could Not Print the Minutes"), error->message);
      return;
    }
  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  zx_print_operation_run_async (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  zx_deletion_undo (ZX_REVIEW_VIEW (widget)->deletion);
}

/* GObject ---------------------------------------------------------------------------------- */

static GtkWidget *
build_meeting_page (ZxReviewView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->meeting_title = GTK_LABEL (heading ("", "heading"));
  gtk_label_set_ellipsize (self->meeting_title, PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (self->meeting_title, FALSE);
  self->step_label = GTK_LABEL (heading ("", "dim-label"));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->meeting_title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->step_label));
  gtk_widget_set_hexpand (titles, TRUE);
  self->previous_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Previous")));
  self->next_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->previous_button), _("Previous Key Result (Alt+←)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), _("Next Key Result (Alt+→)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->previous_button), "review.previous");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "review.next");
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  gtk_box_append (GTK_BOX (bar), titles);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->previous_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->next_button));
  gtk_widget_set_margin_start (bar, 18);
  gtk_widget_set_margin_end (bar, 18);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (box), bar);

  self->step_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->step_bar), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->step_bar), 18);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How far the review has got"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->step_bar));

  self->page_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_set_margin_top (GTK_WIDGET (self->page_box), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->page_box), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->page_box), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->page_box), 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->page_box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  return box;
}

static void
zx_review_view_constructed (GObject *object)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (object);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *start = gtk_button_new_with_mnemonic (_("_New Weekly Review"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  G_OBJECT_CLASS (zx_review_view_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->store = g_object_ref (zx_context_get_store (self->context));
  self->settings = zx_context_get_settings (self->context) != NULL ? g_object_ref (zx_context_get_settings (self->context)) : NULL;
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  self->department_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_enable_search (self->department_dropdown, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->department_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Department"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->department_dropdown), _("Department"));
  g_signal_connect_swapped (self->department_dropdown, "notify::selected", G_CALLBACK (department_selected_cb), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (start), "review.start");
  gtk_widget_add_css_class (start, "suggested-action");
  gtk_widget_set_tooltip_text (start, _("Start this week’s review of the department’s key results (Ctrl+N)"));
  self->meeting_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->meeting_list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->meeting_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Meetings"), -1);
  g_signal_connect_swapped (self->meeting_list, "row-activated", G_CALLBACK (meeting_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->meeting_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_margin_start (side, 12);
  gtk_widget_set_margin_end (side, 12);
  gtk_widget_set_margin_top (side, 12);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->department_dropdown));
  gtk_box_append (GTK_BOX (side), start);
  gtk_box_append (GTK_BOX (side), heading (_("Meetings"), "heading"));
  gtk_box_append (GTK_BOX (side), scroller);
  gtk_widget_set_size_request (side, 240, -1);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Weekly OKR Review"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Ask the owner of each key result how it is going, what is in the way and what support is needed, and record each decision with an owner and a deadline. Start this week’s review, or open a past meeting."));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, build_meeting_page (self), "meeting");

  gtk_paned_set_start_child (GTK_PANED (paned), side);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->stack));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  adw_bin_set_child (ADW_BIN (self), paned);

  fill_departments (self);
  show_position (self);
}

static void
zx_review_view_dispose (GObject *object)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->chooser);
  g_clear_object (&self->deletion);
  g_clear_object (&self->items);
  g_clear_object (&self->meetings);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (zx_review_view_parent_class)->dispose (object);
}

static void
zx_review_view_finalize (GObject *object)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (object);

  g_free (self->cycle_id);
  g_free (self->department_id);
  g_free (self->meeting_id);
  g_ptr_array_unref (self->department_ids);
  g_ptr_array_unref (self->owner_ids);
  G_OBJECT_CLASS (zx_review_view_parent_class)->finalize (object);
}

static void
zx_review_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_CYCLE_ID: g_value_set_string (value, self->cycle_id); break;
    case PROP_DEPARTMENT_ID: g_value_set_string (value, self->department_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_review_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_CYCLE_ID:
      g_free (self->cycle_id);
      self->cycle_id = g_value_dup_string (value);
      break;
    case PROP_DEPARTMENT_ID:
      if (self->store != NULL)
        zx_review_view_set_department (self, g_value_get_string (value));
      else
        {
          g_free (self->department_id);
          self->department_id = g_value_dup_string (value);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zx_review_view_class_init (ZxReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_review_view_constructed;
  object_class->dispose = zx_review_view_dispose;
  object_class->finalize = zx_review_view_finalize;
  object_class->get_property = zx_review_view_get_property;
  object_class->set_property = zx_review_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CYCLE_ID] =
    g_param_spec_string ("cycle-id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPARTMENT_ID] =
    g_param_spec_string ("department-id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "review.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.export-minutes", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "review.print-minutes", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "review.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "review.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "review.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "review.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "review.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "review.undo", NULL);
}

static void
zx_review_view_init (ZxReviewView *self)
{
  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->meetings = g_list_store_new (ZX_TYPE_RECORD);
  self->items = g_list_store_new (ZX_TYPE_RECORD);
  self->deletion = zx_deletion_new (GTK_WIDGET (self));
}

GtkWidget *
zx_review_view_new (ZxContext *context)
{
  return g_object_new (ZX_TYPE_REVIEW_VIEW, "context", context, NULL);
}

void
zx_review_view_set_department (ZxReviewView *self,
                               const char   *department_id)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  if (g_strcmp0 (self->department_id, department_id) == 0)
    return;
  save_page (self);
  g_free (self->department_id);
  self->department_id = g_strdup (department_id);
  g_clear_pointer (&self->meeting_id, g_free);
  load_items (self);
  for (guint i = 0; i < self->department_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->department_ids, i), department_id) == 0 &&
        gtk_drop_down_get_selected (self->department_dropdown) != i)
      {
        self->updating = TRUE;
        gtk_drop_down_set_selected (self->department_dropdown, i);
        self->updating = FALSE;
      }
  fill_meetings (self);
  show_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT_ID]);
}

const char *
zx_review_view_get_department (ZxReviewView *self)
{
  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), NULL);
  return self->department_id;
}

GListModel *
zx_review_view_get_meetings (ZxReviewView *self)
{
  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), NULL);
  return G_LIST_MODEL (self->meetings);
}

void
zx_review_view_open_meeting (ZxReviewView *self,
                             const char   *meeting_id)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  save_page (self);
  g_free (self->meeting_id);
  self->meeting_id = g_strdup (meeting_id);
  self->position = 0;
  load_items (self);
  show_position (self);
}

const char *
zx_review_view_get_meeting (ZxReviewView *self)
{
  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), NULL);
  return self->meeting_id;
}

guint
zx_review_view_get_position (ZxReviewView *self)
{
  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), 0);
  return self->position;
}

guint
zx_review_view_get_n_items (ZxReviewView *self)
{
  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), 0);
  return self->items != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
}

void
zx_review_view_set_position (ZxReviewView *self,
                             guint         position)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  save_page (self);
  self->position = position;
  show_position (self);
}
