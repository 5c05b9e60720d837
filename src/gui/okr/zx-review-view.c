/* zx-review-view.c — the weekly OKR review meeting of a department
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each week a department asks the owner of every key result: how is it
 * going, what is in the way, what support is needed; the chair records
 * decisions, each with an owner and a deadline.  A decision still without
 * an owner warn-decision-owner-hours (24 by default) after the meeting is
 * flagged.
 *
 * The view lists the department's meetings, newest first.  A meeting is
 * walked one item (key result) at a time, each filled in from the key
 * result's latest check-in when the meeting was started; a summary at the
 * end holds the minutes, the meeting's own decisions and all its decisions
 * on key results, and exports or prints the minutes.
 *
 * The pages' widgets are made once (the template); moving between items or
 * a change in the store only updates them, so the focus and what is being
 * typed stay put.  Answers are saved when the field loses the focus, when
 * the page is left and when the view is hidden — each field only when it
 * was edited and differs from the row.
 */
#define G_LOG_DOMAIN "zx-review-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "zx-deletion.h"
#include "zx-minutes-document.h"
#include "zx-pace-bar.h"
#include "zx-progress.h"
#include "zx-rank.h"
#include "zx-review-view.h"
#include "zx-window.h"
#include "strategy/zx-print-operation.h"

/* Dates ---------------------------------------------------------------------------------- */

/* Strictly YYYY-MM-DD */
static gboolean
parse_date (const char *text,
            GDate      *out)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      text[4] != '-' || text[7] != '-' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static GDateTime *
store_now (ZxStore *store)
{
  g_autofree char *now = zx_store_now (store);

  return g_date_time_new_from_iso8601 (now, NULL);
}

/* Today in local time, by the store's clock */
static void
store_today (ZxStore *store,
             GDate   *out)
{
  g_autoptr(GDateTime) now = store_now (store);
  g_autoptr(GDateTime) local = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static void
to_monday (GDate *date)
{
  g_date_subtract_days (date, g_date_get_weekday (date) - G_DATE_MONDAY);
}

/* The local date of an ISO 8601 moment, YYYY-MM-DD */
static char *
local_day (const char *iso8601)
{
  g_autoptr(GDateTime) at = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = at != NULL ? g_date_time_to_local (at) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;
}

/* Decisions without an owner ------------------------------------------------------------- */

typedef struct
{
  GDateTime *now;
  GDateTime *meeting_day;   /* midnight, local time, of the day it was held */
  int        hours;
} FlagClock;

static void
flag_clock_init (FlagClock  *clock,
                 ZxStore    *store,
                 const char *held_on,
                 int         hours)
{
  GDate day;

  clock->now = store_now (store);
  clock->meeting_day = parse_date (held_on, &day)
                       ? g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                                g_date_get_day (&day), 0, 0, 0)
                       : NULL;
  clock->hours = hours;
}

static void
flag_clock_clear (FlagClock *clock)
{
  g_clear_pointer (&clock->now, g_date_time_unref);
  g_clear_pointer (&clock->meeting_day, g_date_time_unref);
}

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

static gboolean
str_equal0 (gconstpointer a,
            gconstpointer b)
{
  return g_strcmp0 (a, b) == 0;
}

/* g_set_str() is GLib 2.76 */
static gboolean
replace_str (char       **pointer,
             const char  *value)
{
  if (g_strcmp0 (*pointer, value) == 0)
    return FALSE;
  g_free (*pointer);
  *pointer = g_strdup (value);
  return TRUE;
}

static gboolean
flag_clock_check (const FlagClock *clock,
                  ZxRecord        *decision)
{
  const char *created = zx_record_get_string (decision, "created_at");
  g_autoptr(GDateTime) recorded = NULL;
  GDateTime *from;

  if (has_text (zx_record_get_string (decision, "owner_id")) ||
      g_strcmp0 (zx_record_get_string (decision, "status"), "open") != 0 || clock->now == NULL)
    return FALSE;
  recorded = created != NULL ? g_date_time_new_from_iso8601 (created, NULL) : NULL;
  from = recorded;
  if (clock->meeting_day != NULL && (from == NULL || g_date_time_compare (clock->meeting_day, from) > 0))
    from = clock->meeting_day;
  if (from == NULL)
    return FALSE;
  return g_date_time_difference (clock->now, from) > (GTimeSpan) clock->hours * G_TIME_SPAN_HOUR;
}

static char *
meeting_held_on (ZxStore    *store,
                 const char *meeting_id)
{
  g_autoptr(JsonObject) meeting = meeting_id != NULL ? zx_store_get (store, "meeting", meeting_id, NULL) : NULL;

  if (meeting == NULL || !json_object_has_member (meeting, "held_on") ||
      json_object_get_null_member (meeting, "held_on"))
    return NULL;
  return g_strdup (json_object_get_string_member (meeting, "held_on"));
}

gboolean
zx_review_decision_is_flagged (ZxStore  *store,
                               ZxRecord *decision,
                               int       hours)
{
  g_autofree char *held_on = NULL;
  FlagClock clock;
  gboolean flagged;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (ZX_IS_RECORD (decision), FALSE);

  held_on = meeting_held_on (store, zx_record_get_string (decision, "meeting_id"));
  flag_clock_init (&clock, store, held_on, hours);
  flagged = flag_clock_check (&clock, decision);
  flag_clock_clear (&clock);
  return flagged;
}

guint
zx_review_count_flagged (ZxStore    *store,
                         const char *meeting_id,
                         int         hours)
{
  const char *params[] = { meeting_id, NULL };
  g_autoptr(GListStore) decisions = NULL;
  g_autofree char *held_on = NULL;
  FlagClock clock;
  guint n = 0;

  g_return_val_if_fail (ZX_IS_STORE (store), 0);
  g_return_val_if_fail (meeting_id != NULL, 0);

  decisions = zx_store_list (store, "decision", "meeting_id = ? AND owner_id IS NULL AND status = 'open'", params);
  if (g_list_model_get_n_items (G_LIST_MODEL (decisions)) == 0)
    return 0;
  held_on = meeting_held_on (store, meeting_id);
  flag_clock_init (&clock, store, held_on, hours);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (decisions)); i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (decisions), i);

      n += flag_clock_check (&clock, d);
    }
  flag_clock_clear (&clock);
  return n;
}

/* Starting a review ------------------------------------------------------------------------ */

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

GPtrArray *
zx_review_list_key_results (ZxStore    *store,
                            const char *department_id,
                            const char *cycle_id)
{
  static const char * const levels[] = { "department", "personal" };
  const char *params[] = { department_id, cycle_id, cycle_id, NULL };
  g_autoptr(GListStore) objectives = NULL;
  GPtrArray *krs = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ZX_IS_STORE (store), krs);

  if (department_id == NULL || cycle_id == NULL)
    return krs;
  /* a quarter's review also covers the objectives of its year, as the OKR
   * area shows them */
  objectives = zx_store_list (store, "objective",
                              "department_id = ? AND status = 'active' AND level IN ('department', 'personal') AND "
                              "(cycle_id = ? OR cycle_id = (SELECT parent_id FROM cycle WHERE id = ?))",
                              params);
  for (guint level = 0; level < G_N_ELEMENTS (levels); level++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (objectives)); i++)
      {
        g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (objectives), i);
        const char *by_objective[] = { zx_record_get_id (o), NULL };
        g_autoptr(GListStore) found = NULL;

        if (g_strcmp0 (zx_record_get_string (o, "level"), levels[level]) != 0)
          continue;
        found = zx_store_list (store, "key_result", "objective_id = ?", by_objective);
        for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (found)); k++)
          g_ptr_array_add (krs, g_list_model_get_item (G_LIST_MODEL (found), k));
      }
  return krs;
}

static void
set_text_or_null (JsonObject *object,
                  const char *member,
                  const char *text)
{
  if (has_text (text))
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

static char *
default_title (const char *monday)
{
  /* Translators: the default title of a weekly review meeting; %s is the
   * Monday of its week, 2026-11-16 */
  return g_strdup_printf (_("Weekly OKR review %s"), monday);
}

static gboolean
review_start (ZxStore      *store,
              const char   *department_id,
              const char   *cycle_id,
              const GDate  *week,
              const char   *title,
              char        **out_meeting_id,
              GError      **error)
{
  g_autoptr(JsonObject) meeting = json_object_new ();
  g_autoptr(GPtrArray) krs = NULL;
  g_auto(GStrv) ranks = NULL;
  g_autofree char *meeting_id = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *fallback = NULL;
  GDate start = *week;

  to_monday (&start);
  monday = format_date (&start);
  if (!has_text (title))
    title = fallback = default_title (monday);

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

  krs = zx_review_list_key_results (store, department_id, cycle_id);
  ranks = zx_rank_spread (krs->len);
  for (guint i = 0; i < krs->len; i++)
    {
      ZxRecord *kr = g_ptr_array_index (krs, i);
      g_autoptr(ZxRecord) check_in = latest_check_in (store, zx_record_get_id (kr));
      g_autoptr(JsonObject) item = json_object_new ();
      g_autofree char *item_id = NULL;

      json_object_set_string_member (item, "meeting_id", meeting_id);
      json_object_set_string_member (item, "key_result_id", zx_record_get_id (kr));
      if (check_in != NULL)
        {
          set_text_or_null (item, "progress", zx_record_get_string (check_in, "note"));
          set_text_or_null (item, "obstacles", zx_record_get_string (check_in, "obstacles"));
          set_text_or_null (item, "support_needed", zx_record_get_string (check_in, "support_needed"));
        }
      json_object_set_string_member (item, "rank", ranks[i]);
      item_id = zx_store_create (store, "meeting_item", item, error);
      if (item_id == NULL)
        goto fail;
    }

  if (!zx_store_commit (store, error))
    return FALSE;   /* the commit rolled back */
  if (out_meeting_id != NULL)
    *out_meeting_id = g_steal_pointer (&meeting_id);
  return TRUE;

fail:
  zx_store_rollback (store);
  return FALSE;
}

gboolean
zx_review_start (ZxStore      *store,
                 const char   *department_id,
                 const char   *cycle_id,
                 const GDate  *week,
                 char        **out_meeting_id,
                 GError      **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (department_id != NULL, FALSE);
  g_return_val_if_fail (cycle_id != NULL, FALSE);
  g_return_val_if_fail (week != NULL && g_date_valid (week), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return review_start (store, department_id, cycle_id, week, NULL, out_meeting_id, error);
}

/* The view ---------------------------------------------------------------------------------- */

enum {
  DIRTY_DEPARTMENTS = 1 << 0,
  DIRTY_MEETINGS    = 1 << 1,   /* the list: meetings, their decisions and flags */
  DIRTY_ITEMS       = 1 << 2,   /* the open meeting's items */
  DIRTY_OWNERS      = 1 << 3,   /* who can own a decision */
  DIRTY_PROGRESS    = 1 << 4,   /* key results, objectives, check-ins, cycles */
  DIRTY_PAGE        = 1 << 5,
  DIRTY_ALL         = 0x3f,
};

struct _ZxReviewView
{
  AdwBin                parent_instance;

  ZxContext            *context;
  ZxStore              *store;
  GSettings            *settings;
  ZxDeletion           *deletion;
  ZxProgressIndex      *index;          /* made when first needed, dropped on changes */
  char                 *cycle_id;
  char                 *department_id;
  char                 *meeting_id;
  GPtrArray            *department_ids;
  GListStore           *meetings;       /* ZxRecord, newest first */
  GListStore           *items;          /* the open meeting's meeting_item rows, in order */
  GtkStringList        *owner_names;    /* “No owner yet”, then the people who can own a decision */
  GtkStringList        *row_owner_names; /* the same for a recorded decision: “Choose…” first */
  GPtrArray            *owner_ids;      /* NULL, then their ids */
  GtkStringList        *status_names;
  char                 *shown_item_id;  /* the item whose answers the page holds */
  char                 *shown_notes_id; /* the meeting whose minutes the summary holds */
  guint                 position;
  guint                 dirty;
  guint                 refresh_id;
  guint                 clock_id;
  gboolean              updating;
  GtkFileChooserNative *chooser;
  GtkWidget            *start_dialog;   /* weak */

  /* template */
  AdwLeaflet           *leaflet;
  GtkDropDown          *department_dropdown;
  GtkListBox           *meeting_list;
  GtkStack             *content_stack;
  GtkWidget            *meeting_box;
  GtkLabel             *meeting_title;
  GtkLabel             *meeting_subtitle;
  GtkMenuButton        *step_button;
  GtkPopover           *step_popover;
  GtkListBox           *jump_list;
  GtkWidget            *back_button;
  GtkWidget            *previous_button;
  GtkWidget            *next_button;
  GtkLabel             *next_label;
  GtkProgressBar       *step_bar;
  GtkScrolledWindow    *scroller;
  GtkStack             *page_stack;
  GtkLabel             *objective_label;
  GtkLabel             *kr_label;
  GtkWidget            *kr_card;
  AdwAvatar            *owner_avatar;
  GtkLabel             *owner_label;
  GtkLabel             *health_label;
  ZxPaceBar            *pace_bar;
  GtkLabel             *percent_label;
  GtkLabel             *values_label;
  GtkLabel             *check_in_label;
  GtkTextView          *progress_view;
  GtkTextView          *obstacles_view;
  GtkTextView          *support_view;
  GtkTextView          *notes_view;
  GtkListBox           *item_decisions;
  GtkWidget            *item_add_row;
  GtkEntry             *item_decision_entry;
  GtkDropDown          *item_owner_dropdown;
  GtkEntry             *item_deadline_entry;
  GtkWidget            *item_add_button;
  GtkLabel             *summary_caption;
  GtkWidget            *flag_banner;
  GtkLabel             *flag_label;
  GtkListBox           *summary_decisions;
  GtkWidget            *summary_add_row;
  GtkEntry             *summary_decision_entry;
  GtkDropDown          *summary_owner_dropdown;
  GtkEntry             *summary_deadline_entry;
  GtkWidget            *summary_add_button;
  GtkWidget            *kr_decisions_box;
  GtkListBox           *kr_decisions;
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

static const char * const decision_states[] = { "open", "done", "dropped" };

/* The item's answers: the field of meeting_item each text view holds */
static const struct {
  const char *field;
  gsize       offset;
} answers[] = {
  { "progress", G_STRUCT_OFFSET (ZxReviewView, progress_view) },
  { "obstacles", G_STRUCT_OFFSET (ZxReviewView, obstacles_view) },
  { "support_needed", G_STRUCT_OFFSET (ZxReviewView, support_view) },
};

#define ANSWER_VIEW(self, i) (G_STRUCT_MEMBER (GtkTextView *, (self), answers[i].offset))

static void update_page    (ZxReviewView *self,
                            gboolean      moved);
static void schedule       (ZxReviewView *self,
                            guint         dirty);
static void flush_refresh  (ZxReviewView *self);

static void
set_tag_class (GtkWidget  *tag,
               const char *class)
{
  static const char * const classes[] = { "success", "warning", "error", "neutral", "flagged" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], class) != 0)
      gtk_widget_remove_css_class (tag, classes[i]);
  if (class != NULL)
    gtk_widget_add_css_class (tag, class);
}

/* Helpers ----------------------------------------------------------------------------------- */

static int
owner_hours (ZxReviewView *self)
{
  return self->settings != NULL ? g_settings_get_int (self->settings, "warn-decision-owner-hours") : 24;
}

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

/* Shows @text in @view, not as an edit (nothing to undo or save) */
static void
load_buffer (GtkTextView *view,
             const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_set_modified (buffer, FALSE);
}

/* Loads @text unless the person has typed something not yet saved */
static void
refresh_buffer (GtkTextView *view,
                const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *shown = NULL;

  if (gtk_text_buffer_get_modified (buffer))
    return;
  shown = buffer_text (buffer);
  if (g_strcmp0 (shown, text != NULL ? text : "") != 0)
    load_buffer (view, text);
}

static char *
strip_entry (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static char *
format_number (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  char *end = text + strlen (text) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return text;
}

static char *
format_value (double      value,
              const char *unit)
{
  g_autofree char *number = format_number (value);

  if (!has_text (unit))
    return g_steal_pointer (&number);
  if (g_str_equal (unit, "%"))
    return g_strconcat (number, "%", NULL);
  /* “12 cases”, but “12例” */
  return g_ascii_isalpha (unit[0]) ? g_strconcat (number, " ", unit, NULL) : g_strconcat (number, unit, NULL);
}

/* The progress and health of a key result, by the same rules as everywhere */
static const ZxProgress *
kr_progress (ZxReviewView *self,
             const char   *key_result_id)
{
  if (self->index == NULL)
    {
      ZxProgressParams params;
      g_autoptr(GError) error = NULL;
      GDate today;

      zx_progress_params_init_default (&params);
      if (self->settings != NULL)
        {
          params.behind_margin = g_settings_get_double (self->settings, "warn-behind-pace-margin");
          params.stale_days = g_settings_get_int (self->settings, "warn-stale-days");
          params.low_confidence = g_settings_get_int (self->settings, "warn-low-confidence");
        }
      store_today (self->store, &today);
      self->index = zx_progress_index_new (self->store, &today, &params, &error);
      if (self->index == NULL)
        {
          g_warning ("Could not work out the key results' progress: %s", error->message);
          return NULL;
        }
    }
  return zx_progress_index_lookup (self->index, key_result_id);
}

static guint
n_items (ZxReviewView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

static void
update_actions (ZxReviewView *self)
{
  gboolean open = self->meeting_id != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.start",
                                 self->department_id != NULL && self->cycle_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.previous", open && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.next", open && self->position < n_items (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.go-to", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.export-minutes", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.print-minutes", open);
}

/* Saving answers ------------------------------------------------------------------------------- */

static void
save_view (ZxReviewView *self,
           const char   *entity,
           const char   *id,
           const char   *field,
           GtkTextView  *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(ZxRecord) record = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *stored;

  if (id == NULL || !gtk_text_buffer_get_modified (buffer))
    return;
  record = get_record (self, entity, id);
  if (record == NULL)
    return;
  text = buffer_text (buffer);
  stored = zx_record_get_string (record, field);
  if (g_strcmp0 (text, stored != NULL ? stored : "") != 0)
    {
      changes = json_object_new ();
      set_text_or_null (changes, field, text);
      if (!zx_store_update (self->store, entity, id, changes, &error))
        {
          zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Save the Answer"), error->message);
          return;
        }
    }
  gtk_text_buffer_set_modified (buffer, FALSE);
}

static void
save_answer (ZxReviewView *self,
             GtkTextView  *view)
{
  if (view == self->notes_view)
    {
      save_view (self, "meeting", self->shown_notes_id, "notes", view);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (ANSWER_VIEW (self, i) == view)
      save_view (self, "meeting_item", self->shown_item_id, answers[i].field, view);
}

void
zx_review_view_save (ZxReviewView *self)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  if (self->store == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    save_answer (self, ANSWER_VIEW (self, i));
  save_answer (self, self->notes_view);
}

/* A GtkTextView filled in before it had its width (the view hidden, or
 * another page shown) keeps the height of its text wrapped at no width at
 * all until something measures it again (GTK 4.8): measure it again for a
 * few frames after it is shown. */
static gboolean
remeasure_tick_cb (GtkWidget     *view,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (view), "zx-remeasure")) + 1;

  gtk_widget_queue_resize (view);
  g_object_set_data (G_OBJECT (view), "zx-remeasure", GUINT_TO_POINTER (frames));
  return frames < 4 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
answer_mapped_cb (GtkWidget *view)
{
  g_object_set_data (G_OBJECT (view), "zx-remeasure", NULL);
  gtk_widget_add_tick_callback (view, remeasure_tick_cb, NULL, NULL);
}

static void
answer_focus_leave_cb (GtkEventControllerFocus *controller,
                       ZxReviewView            *self)
{
  save_answer (self, GTK_TEXT_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

/* Who can own a decision -------------------------------------------------------------------- */

static guint
owner_position (ZxReviewView *self,
                const char   *owner_id)
{
  for (guint i = 1; owner_id != NULL && i < self->owner_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->owner_ids, i), owner_id) == 0)
      return i;
  return 0;
}

/* The meeting's department's staff, and whoever already owns one of its
 * decisions (a person from another department may take one on) */
static void
update_owners (ZxReviewView *self,
               ZxRecord     *meeting)
{
  const char *department = meeting != NULL ? zx_record_get_string (meeting, "department_id") : NULL;
  const char *by_department[] = { department, NULL };
  const char *by_meeting[] = { self->meeting_id, NULL };
  g_autoptr(GListStore) staff = NULL;
  g_autoptr(GListStore) decisions = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, g_strdup (_("No owner yet")));
  if (department != NULL)
    {
      staff = zx_store_list (self->store, "staff", "department_id = ?", by_department);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (staff)); i++)
        {
          g_autoptr(ZxRecord) s = g_list_model_get_item (G_LIST_MODEL (staff), i);

          g_ptr_array_add (ids, g_strdup (zx_record_get_id (s)));
          g_ptr_array_add (names, g_strdup (zx_record_get_string (s, "name")));
        }
    }
  if (self->meeting_id != NULL)
    {
      decisions = zx_store_list (self->store, "decision", "meeting_id = ? AND owner_id IS NOT NULL", by_meeting);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (decisions)); i++)
        {
          g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (decisions), i);
          const char *owner = zx_record_get_string (d, "owner_id");
          char *name;

          if (owner == NULL || g_ptr_array_find_with_equal_func (ids, owner, str_equal0, NULL))
            continue;
          name = zx_store_get_display (self->store, "staff", owner);
          if (name == NULL)
            continue;
          g_ptr_array_add (ids, g_strdup (owner));
          g_ptr_array_add (names, name);
        }
    }

  same = ids->len == self->owner_ids->len &&
         g_list_model_get_n_items (G_LIST_MODEL (self->owner_names)) == names->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_strcmp0 (g_ptr_array_index (ids, i), g_ptr_array_index (self->owner_ids, i)) == 0 &&
           g_strcmp0 (g_ptr_array_index (names, i),
                      gtk_string_list_get_string (self->owner_names, i)) == 0;
  if (same)
    return;

  g_ptr_array_set_size (self->owner_ids, 0);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (self->owner_ids, g_strdup (g_ptr_array_index (ids, i)));
  g_ptr_array_add (names, NULL);
  self->updating = TRUE;
  gtk_string_list_splice (self->owner_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->owner_names)),
                          (const char * const *) names->pdata);
  /* next to the “No owner” tag, the first choice asks for one */
  g_free (names->pdata[0]);
  /* Translators: the owner menu of a decision that has none yet */
  names->pdata[0] = g_strdup (C_("owner", "Choose…"));
  gtk_string_list_splice (self->row_owner_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->row_owner_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->item_owner_dropdown, 0);
  gtk_drop_down_set_selected (self->summary_owner_dropdown, 0);
  self->updating = FALSE;
}

/* Decisions ---------------------------------------------------------------------------------- */

typedef struct
{
  ZxReviewView *self;
  char         *id;
  char         *content;
  GtkWidget    *row;
  GtkWidget    *tag;
  GtkWidget    *tag_icon;
  GtkDropDown  *owner;
  GtkDropDown  *status;
} DecisionRow;

static void
decision_row_free (gpointer data)
{
  DecisionRow *dr = data;

  g_free (dr->id);
  g_free (dr->content);
  g_free (dr);
}

static DecisionRow *
decision_row_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "zx-decision-row");
}

static void
decision_owner_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   DecisionRow *dr)
{
  ZxReviewView *self = dr->self;
  guint i = gtk_drop_down_get_selected (dropdown);
  g_autoptr(ZxRecord) record = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;
  const char *owner;

  if (self->updating || i == GTK_INVALID_LIST_POSITION || i >= self->owner_ids->len)
    return;
  owner = g_ptr_array_index (self->owner_ids, i);
  record = get_record (self, "decision", dr->id);
  if (record == NULL || g_strcmp0 (owner, zx_record_get_string (record, "owner_id")) == 0)
    return;
  changes = json_object_new ();
  set_text_or_null (changes, "owner_id", owner);
  if (!zx_store_update (self->store, "decision", dr->id, changes, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Change the Owner"), error->message);
      schedule (self, DIRTY_PAGE);
      return;
    }
  flush_refresh (self);
}

static void
decision_status_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    DecisionRow *dr)
{
  ZxReviewView *self = dr->self;
  guint i = gtk_drop_down_get_selected (dropdown);
  g_autoptr(ZxRecord) record = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || i >= G_N_ELEMENTS (decision_states))
    return;
  record = get_record (self, "decision", dr->id);
  if (record == NULL || g_strcmp0 (decision_states[i], zx_record_get_string (record, "status")) == 0)
    return;
  changes = json_object_new ();
  json_object_set_string_member (changes, "status", decision_states[i]);
  if (!zx_store_update (self->store, "decision", dr->id, changes, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Change the Status"), error->message);
      schedule (self, DIRTY_PAGE);
      return;
    }
  flush_refresh (self);
}

static void
decision_delete_cb (GtkButton   *button,
                    DecisionRow *dr)
{
  ZxReviewView *self = dr->self;
  g_autofree char *id = g_strdup (dr->id);
  g_autofree char *content = g_strdup (dr->content);

  /* the row goes away in the refresh: keep the keyboard in its list */
  gtk_widget_grab_focus (gtk_widget_get_parent (dr->row));
  if (zx_deletion_delete (self->deletion, self->store, "decision", id, content))
    flush_refresh (self);
}

static GtkWidget *
decision_row_new (ZxReviewView *self)
{
  DecisionRow *dr = g_new0 (DecisionRow, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tag = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *tag_label = gtk_label_new (_("No owner"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  dr->self = self;
  dr->row = row;
  dr->tag = tag;
  dr->tag_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  dr->owner = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->row_owner_names)), NULL));
  dr->status = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->status_names)), NULL));
  g_object_set_data_full (G_OBJECT (row), "zx-decision-row", dr, decision_row_free);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  gtk_widget_add_css_class (tag, "zx-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_image_set_pixel_size (GTK_IMAGE (dr->tag_icon), 12);
  gtk_box_append (GTK_BOX (tag), dr->tag_icon);
  gtk_box_append (GTK_BOX (tag), tag_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);

  gtk_drop_down_set_enable_search (dr->owner, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (dr->owner), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dr->owner), _("Who will carry the decision out"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dr->owner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Owner"), -1);
  g_signal_connect (dr->owner, "notify::selected", G_CALLBACK (decision_owner_cb), dr);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (dr->owner));

  gtk_widget_set_valign (GTK_WIDGET (dr->status), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dr->status), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"), -1);
  g_signal_connect (dr->status, "notify::selected", G_CALLBACK (decision_status_cb), dr);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (dr->status));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Delete Decision"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Decision"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (decision_delete_cb), dr);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
decision_row_update (ZxReviewView    *self,
                     DecisionRow     *dr,
                     ZxRecord        *decision,
                     const FlagClock *clock,
                     gboolean         show_kr)
{
  const char *content = zx_record_get_string (decision, "content");
  const char *deadline = zx_record_get_string (decision, "deadline");
  const char *owner = zx_record_get_string (decision, "owner_id");
  const char *status = zx_record_get_string (decision, "status");
  g_autofree char *title = g_markup_escape_text (content != NULL ? content : "", -1);
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  gboolean flagged = flag_clock_check (clock, decision);
  gboolean no_owner = !has_text (owner) && g_strcmp0 (status, "open") == 0;
  guint state = 0;

  replace_str (&dr->content, content);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dr->row), title);
  /* Translators: under a decision: when it is due */
  when = has_text (deadline) ? g_strdup_printf (_("Due %s"), deadline) : g_strdup (_("No deadline"));
  if (show_kr)
    {
      g_autofree char *kr = zx_store_get_display (self->store, "key_result",
                                                  zx_record_get_string (decision, "key_result_id"));

      subtitle = g_strdup_printf ("%s · %s", kr != NULL ? kr : "—", when);
    }
  else
    subtitle = g_steal_pointer (&when);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (dr->row), escaped);
  }

  gtk_widget_set_visible (dr->tag, no_owner);
  gtk_widget_set_visible (dr->tag_icon, flagged);
  set_tag_class (dr->tag, flagged ? "flagged" : "warning");
  if (no_owner)
    {
      g_autofree char *tip = NULL;

      if (flagged)
        tip = g_strdup_printf (ngettext ("Still without an owner %d hour after the meeting. Choose one, or drop the decision.",
                                         "Still without an owner %d hours after the meeting. Choose one, or drop the decision.",
                                         clock->hours), clock->hours);
      else
        tip = g_strdup_printf (ngettext ("Choose an owner within %d hour of the meeting.",
                                         "Choose an owner within %d hours of the meeting.", clock->hours),
                               clock->hours);
      gtk_widget_set_tooltip_text (dr->tag, tip);
    }

  for (guint i = 0; i < G_N_ELEMENTS (decision_states); i++)
    if (g_strcmp0 (decision_states[i], status) == 0)
      state = i;
  self->updating = TRUE;
  if (gtk_drop_down_get_selected (dr->owner) != owner_position (self, owner))
    gtk_drop_down_set_selected (dr->owner, owner_position (self, owner));
  if (gtk_drop_down_get_selected (dr->status) != state)
    gtk_drop_down_set_selected (dr->status, state);
  self->updating = FALSE;
}

static int
compare_decisions (gconstpointer a,
                   gconstpointer b)
{
  ZxRecord *x = *(ZxRecord **) a, *y = *(ZxRecord **) b;
  int cmp = g_strcmp0 (zx_record_get_string (x, "created_at"), zx_record_get_string (y, "created_at"));

  return cmp != 0 ? cmp : g_strcmp0 (zx_record_get_id (x), zx_record_get_id (y));
}

/* The decisions of the open meeting: about @key_result_id, about none
 * (@meeting_level), or about any key result (both unset) */
static GPtrArray *
list_decisions (ZxReviewView *self,
                const char   *key_result_id,
                gboolean      meeting_level)
{
  const char *params[] = { self->meeting_id, key_result_id, NULL };
  const char *where = key_result_id != NULL ? "meeting_id = ? AND key_result_id = ?"
                      : meeting_level ? "meeting_id = ? AND key_result_id IS NULL"
                      : "meeting_id = ? AND key_result_id IS NOT NULL";
  g_autoptr(GListStore) found = zx_store_list (self->store, "decision", where, params);
  GPtrArray *decisions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (found)); i++)
    g_ptr_array_add (decisions, g_list_model_get_item (G_LIST_MODEL (found), i));
  g_ptr_array_sort (decisions, compare_decisions);
  return decisions;
}

/* Brings the rows of @box in line with @decisions, updating the rows that
 * stay (their widgets, and the focus in them, are kept) */
static void
sync_decisions (ZxReviewView    *self,
                GtkListBox      *box,
                GPtrArray       *decisions,
                const FlagClock *clock,
                gboolean         show_kr)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DecisionRow *dr = decision_row_of (child);

      if (dr != NULL)
        g_hash_table_insert (rows, dr->id != NULL ? dr->id : (char *) "", child);
    }

  for (guint i = 0; i < decisions->len; i++)
    {
      ZxRecord *d = g_ptr_array_index (decisions, i);
      GtkWidget *row = g_hash_table_lookup (rows, zx_record_get_id (d));

      if (row == NULL)
        {
          row = decision_row_new (self);
          decision_row_of (row)->id = g_strdup (zx_record_get_id (d));
          gtk_list_box_insert (box, row, i);
        }
      else
        {
          g_hash_table_remove (rows, zx_record_get_id (d));
          if (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) != (int) i)
            {
              g_object_ref (row);
              gtk_list_box_remove (box, row);
              gtk_list_box_insert (box, row, i);
              g_object_unref (row);
            }
        }
      decision_row_update (self, decision_row_of (row), d, clock, show_kr);
    }

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_list_box_remove (box, value);
}

static void
add_decision (ZxReviewView *self,
              GtkEntry     *content_entry,
              GtkDropDown  *owner_dropdown,
              GtkEntry     *deadline_entry,
              const char   *key_result_id)
{
  g_autofree char *content = strip_entry (content_entry);
  g_autofree char *deadline = strip_entry (deadline_entry);
  g_autofree char *now = zx_store_now (self->store);
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  guint owner = gtk_drop_down_get_selected (owner_dropdown);
  GDate date;

  if (self->meeting_id == NULL)
    return;
  if (*content == '\0')
    {
      zx_widget_show_message (GTK_WIDGET (self), _("Write what was decided first."));
      gtk_widget_grab_focus (GTK_WIDGET (content_entry));
      return;
    }
  if (*deadline != '\0' && !parse_date (deadline, &date))
    {
      gtk_widget_add_css_class (GTK_WIDGET (deadline_entry), "error");
      zx_widget_show_message (GTK_WIDGET (self), _("Write the deadline as year-month-day, e.g. 2026-12-31."));
      gtk_widget_grab_focus (GTK_WIDGET (deadline_entry));
      return;
    }

  json_object_set_string_member (fields, "meeting_id", self->meeting_id);
  json_object_set_string_member (fields, "content", content);
  set_text_or_null (fields, "owner_id", owner < self->owner_ids->len ? g_ptr_array_index (self->owner_ids, owner) : NULL);
  set_text_or_null (fields, "deadline", deadline);
  json_object_set_string_member (fields, "status", "open");
  set_text_or_null (fields, "key_result_id", key_result_id);
  json_object_set_string_member (fields, "created_at", now);
  id = zx_store_create (self->store, "decision", fields, &error);
  if (id == NULL)
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Add the Decision"), error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (content_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (deadline_entry), "");
  self->updating = TRUE;
  gtk_drop_down_set_selected (owner_dropdown, 0);
  self->updating = FALSE;
  flush_refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (content_entry));
}

static void
item_add_cb (ZxReviewView *self)
{
  g_autoptr(ZxRecord) item = NULL;

  if (self->position >= n_items (self))
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->items), self->position);
  add_decision (self, self->item_decision_entry, self->item_owner_dropdown, self->item_deadline_entry,
                zx_record_get_string (item, "key_result_id"));
}

static void
summary_add_cb (ZxReviewView *self)
{
  add_decision (self, self->summary_decision_entry, self->summary_owner_dropdown, self->summary_deadline_entry, NULL);
}

static void
deadline_changed_cb (GtkEditable *entry,
                     gpointer     data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* The pages -------------------------------------------------------------------------------------- */

static void
fill_kr_card (ZxReviewView *self,
              ZxRecord     *kr)
{
  const char *kr_id = zx_record_get_id (kr);
  const ZxProgress *p = kr_progress (self, kr_id);
  g_autoptr(ZxRecord) check_in = latest_check_in (self->store, kr_id);
  g_autofree char *owner = zx_store_get_display (self->store, "staff", zx_record_get_string (kr, "owner_id"));
  g_autofree char *values = NULL;
  g_autofree char *line = NULL;
  const char *kind = zx_record_get_string (kr, "kind");
  const char *unit = zx_record_get_string (kr, "unit");

  gtk_label_set_label (self->owner_label, owner != NULL ? owner : _("No owner yet"));
  adw_avatar_set_text (self->owner_avatar, owner);

  if (p != NULL)
    {
      static const char * const classes[] = { "neutral", "success", "warning", "error" };
      g_autofree char *percent = g_strdup_printf ("%d%%", (int) (p->progress * 100 + 0.5));

      zx_pace_bar_set (self->pace_bar, p->progress, p->expected, zx_health_to_string (p->health), p->has_progress);
      gtk_label_set_label (self->percent_label, percent);
      gtk_label_set_label (self->health_label, zx_health_get_label (p->health));
      set_tag_class (GTK_WIDGET (self->health_label), classes[p->health]);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->health_label), p != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->percent_label), p != NULL);

  if (g_strcmp0 (kind, "milestone") == 0)
    values = g_strdup (zx_record_get_double (kr, "current_value") >= 1 ? _("Milestone reached")
                                                                          : _("Milestone not reached yet"));
  else
    {
      g_autofree char *target = format_value (zx_record_get_double (kr, "target_value"), unit);

      if (zx_record_is_null (kr, "current_value"))
        /* Translators: a key result without a value yet; %s is its target, “20 cases” */
        values = g_strdup_printf (_("No value yet, target %s"), target);
      else
        {
          g_autofree char *current = format_value (zx_record_get_double (kr, "current_value"), unit);

          /* Translators: a key result's value and target, “12 cases, target 20 cases” */
          values = g_strdup_printf (_("Now %s, target %s"), current, target);
        }
    }
  if (p != NULL)
    {
      /* Translators: where the key result should be by today, by the cycle's calendar */
      g_autofree char *expected = g_strdup_printf (_("%d%% expected by today"), (int) (p->expected * 100 + 0.5));

      if (zx_record_get_bool (kr, "challenge"))
        {
          /* Translators: after “54% expected by today” for a challenging key
           * result, which is on pace at 70% of that */
          g_autofree char *judged = g_strdup_printf (_("challenging: %d%% is on pace"),
                                                     (int) (p->judged_against * 100 + 0.5));

          line = g_strdup_printf ("%s · %s · %s", values, expected, judged);
        }
      else
        line = g_strdup_printf ("%s · %s", values, expected);
    }
  gtk_label_set_label (self->values_label, line != NULL ? line : values);

  if (check_in != NULL)
    {
      g_autofree char *day = local_day (zx_record_get_string (check_in, "created_at"));
      g_autofree char *text = NULL;

      /* Translators: the key result's latest check-in: the day it was written and the owner's confidence, 1–10 */
      text = g_strdup_printf (_("Latest check-in %s · confidence %d/10"),
                              day != NULL ? day : zx_record_get_string (check_in, "week"),
                              (int) zx_record_get_int (check_in, "confidence"));
      gtk_label_set_label (self->check_in_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_in_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->check_in_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->check_in_label, _("No check-in yet"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_in_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->check_in_label), "warning");
    }
}

static void
fill_item (ZxReviewView    *self,
           ZxRecord        *item,
           const FlagClock *clock,
           gboolean         reload)
{
  const char *kr_id = zx_record_get_string (item, "key_result_id");
  g_autoptr(ZxRecord) kr = get_record (self, "key_result", kr_id);
  g_autoptr(ZxRecord) objective = kr != NULL ? get_record (self, "objective", zx_record_get_string (kr, "objective_id")) : NULL;
  g_autoptr(GPtrArray) decisions = NULL;

  if (reload || g_strcmp0 (self->shown_item_id, zx_record_get_id (item)) != 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
        load_buffer (ANSWER_VIEW (self, i), zx_record_get_string (item, answers[i].field));
      replace_str (&self->shown_item_id, zx_record_get_id (item));
    }
  else
    for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
      refresh_buffer (ANSWER_VIEW (self, i), zx_record_get_string (item, answers[i].field));

  if (objective != NULL)
    {
      gboolean personal = g_strcmp0 (zx_record_get_string (objective, "level"), "personal") == 0;
      g_autofree char *text = g_strdup_printf ("%s · %s", personal ? _("Personal objective") : _("Department objective"),
                                               zx_record_get_string (objective, "title"));

      gtk_label_set_label (self->objective_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->objective_label), objective != NULL);
  gtk_label_set_label (self->kr_label, kr != NULL ? zx_record_get_string (kr, "title")
                                                  : _("This key result was deleted."));
  gtk_widget_set_visible (self->kr_card, kr != NULL);
  if (kr != NULL)
    fill_kr_card (self, kr);

  decisions = list_decisions (self, kr_id, FALSE);
  sync_decisions (self, self->item_decisions, decisions, clock, FALSE);
}

static void
fill_summary (ZxReviewView    *self,
              ZxRecord        *meeting,
              const FlagClock *clock,
              gboolean         reload)
{
  g_autoptr(GPtrArray) own = list_decisions (self, NULL, TRUE);
  g_autoptr(GPtrArray) on_krs = list_decisions (self, NULL, FALSE);
  g_autofree char *reviewed = NULL;
  g_autofree char *decided = NULL;
  g_autofree char *caption = NULL;
  guint flagged = 0;

  if (reload || g_strcmp0 (self->shown_notes_id, self->meeting_id) != 0)
    {
      load_buffer (self->notes_view, zx_record_get_string (meeting, "notes"));
      replace_str (&self->shown_notes_id, self->meeting_id);
    }
  else
    refresh_buffer (self->notes_view, zx_record_get_string (meeting, "notes"));

  reviewed = g_strdup_printf (ngettext ("%u key result reviewed", "%u key results reviewed", n_items (self)),
                              n_items (self));
  decided = g_strdup_printf (ngettext ("%u decision", "%u decisions", own->len + on_krs->len),
                             own->len + on_krs->len);
  caption = g_strdup_printf ("%s · %s", reviewed, decided);
  gtk_label_set_label (self->summary_caption, caption);

  for (guint i = 0; i < own->len; i++)
    flagged += flag_clock_check (clock, g_ptr_array_index (own, i));
  for (guint i = 0; i < on_krs->len; i++)
    flagged += flag_clock_check (clock, g_ptr_array_index (on_krs, i));
  if (flagged > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u decision still has no owner %d hours after the meeting. Choose an owner for it, or drop it.",
                                                         "%u decisions still have no owner %d hours after the meeting. Choose an owner for each, or drop them.",
                                                         flagged), flagged, clock->hours);

      gtk_label_set_label (self->flag_label, text);
    }
  gtk_widget_set_visible (self->flag_banner, flagged > 0);

  sync_decisions (self, self->summary_decisions, own, clock, FALSE);
  sync_decisions (self, self->kr_decisions, on_krs, clock, TRUE);
  gtk_widget_set_visible (self->kr_decisions_box, on_krs->len > 0);
}

/* The list of items to jump to */
static void
fill_jump_list (ZxReviewView *self)
{
  GtkWidget *child;
  guint n = n_items (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->jump_list))) != NULL)
    gtk_list_box_remove (self->jump_list, child);
  for (guint i = 0; i <= n; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title;
      g_autofree char *text = NULL;

      if (i < n)
        {
          g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
          g_autoptr(ZxRecord) kr = get_record (self, "key_result", zx_record_get_string (item, "key_result_id"));
          g_autofree char *owner = kr != NULL ? zx_store_get_display (self->store, "staff",
                                                                      zx_record_get_string (kr, "owner_id")) : NULL;

          text = g_strdup_printf ("%u. %s", i + 1, kr != NULL ? zx_record_get_string (kr, "title")
                                                              : _("This key result was deleted."));
          title = gtk_label_new (text);
          gtk_box_append (GTK_BOX (box), title);
          if (owner != NULL)
            {
              GtkWidget *caption = gtk_label_new (owner);

              gtk_label_set_xalign (GTK_LABEL (caption), 0);
              gtk_widget_add_css_class (caption, "caption");
              gtk_widget_add_css_class (caption, "dim-label");
              gtk_box_append (GTK_BOX (box), caption);
            }
        }
      else
        {
          title = gtk_label_new (C_("review", "Summary"));
          gtk_widget_add_css_class (title, "heading");
          gtk_box_append (GTK_BOX (box), title);
        }
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_append (self->jump_list, box);
    }
}

static void
jump_activated_cb (ZxReviewView  *self,
                   GtkListBoxRow *row)
{
  gtk_popover_popdown (self->step_popover);
  zx_review_view_set_position (self, gtk_list_box_row_get_index (row));
}

static void
update_page (ZxReviewView *self,
             gboolean      moved)
{
  g_autoptr(ZxRecord) meeting = get_record (self, "meeting", self->meeting_id);
  g_autofree char *department = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *step = NULL;
  FlagClock clock;
  guint n = n_items (self);

  if (meeting == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      update_actions (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->content_stack, "meeting");
  self->position = MIN (self->position, n);

  department = zx_store_get_display (self->store, "department", zx_record_get_string (meeting, "department_id"));
  gtk_label_set_label (self->meeting_title, zx_record_get_string (meeting, "title"));
  subtitle = department != NULL ? g_strdup_printf ("%s · %s", zx_record_get_string (meeting, "held_on"), department)
                                : g_strdup (zx_record_get_string (meeting, "held_on"));
  gtk_label_set_label (self->meeting_subtitle, subtitle);

  if (self->position < n)
    /* Translators: where the review has got: key result 3 of 12 */
    step = g_strdup_printf (_("%u of %u"), self->position + 1, n);
  else
    /* Translators: the last page of a review meeting, after its key results */
    step = g_strdup (C_("review", "Summary"));
  gtk_menu_button_set_label (self->step_button, step);
  gtk_progress_bar_set_fraction (self->step_bar, (double) (self->position + 1) / (n + 1));
  gtk_label_set_text_with_mnemonic (self->next_label, self->position + 1 == n ? _("_Summary") : _("_Next"));
  update_actions (self);

  flag_clock_init (&clock, self->store, zx_record_get_string (meeting, "held_on"), owner_hours (self));
  if (self->position < n)
    {
      g_autoptr(ZxRecord) listed = g_list_model_get_item (G_LIST_MODEL (self->items), self->position);
      g_autoptr(ZxRecord) item = get_record (self, "meeting_item", zx_record_get_id (listed));

      gtk_stack_set_visible_child_name (self->page_stack, "item");
      fill_item (self, item != NULL ? item : listed, &clock, moved);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->page_stack, "summary");
      fill_summary (self, meeting, &clock, moved);
    }
  flag_clock_clear (&clock);

  if (moved)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
load_items (ZxReviewView *self)
{
  const char *params[] = { self->meeting_id, NULL };
  g_autoptr(GListStore) items = NULL;

  g_list_store_remove_all (self->items);
  if (self->meeting_id == NULL)
    return;
  items = zx_store_list (self->store, "meeting_item", "meeting_id = ?", params);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      g_list_store_append (self->items, item);
    }
}

/* The meetings ---------------------------------------------------------------------------------- */

typedef struct
{
  char      *id;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *badge;
  GtkWidget *badge_label;
} MeetingRow;

static void
meeting_row_free (gpointer data)
{
  MeetingRow *mr = data;

  g_free (mr->id);
  g_free (mr);
}

static GtkWidget *
meeting_row_new (const char *id)
{
  MeetingRow *mr = g_new0 (MeetingRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  mr->id = g_strdup (id);
  mr->title = gtk_label_new (NULL);
  mr->subtitle = gtk_label_new (NULL);
  mr->badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  mr->badge_label = gtk_label_new (NULL);
  g_object_set_data_full (G_OBJECT (row), "zx-meeting-row", mr, meeting_row_free);

  gtk_label_set_xalign (GTK_LABEL (mr->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (mr->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (mr->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (mr->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (mr->subtitle, "caption");
  gtk_widget_add_css_class (mr->subtitle, "dim-label");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (labels), mr->title);
  gtk_box_append (GTK_BOX (labels), mr->subtitle);
  gtk_box_append (GTK_BOX (box), labels);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
  gtk_box_append (GTK_BOX (mr->badge), icon);
  gtk_box_append (GTK_BOX (mr->badge), mr->badge_label);
  gtk_widget_add_css_class (mr->badge, "zx-tag");
  gtk_widget_add_css_class (mr->badge, "flagged");
  gtk_widget_add_css_class (mr->badge_label, "numeric");
  gtk_widget_set_valign (mr->badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), mr->badge);

  gtk_widget_add_css_class (box, "zx-meeting-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
meeting_row_update (ZxReviewView *self,
                    GtkWidget    *row,
                    ZxRecord     *meeting)
{
  MeetingRow *mr = g_object_get_data (G_OBJECT (row), "zx-meeting-row");
  const char *by_meeting[] = { zx_record_get_id (meeting), NULL };
  gint64 decisions = zx_store_count (self->store, "decision", "meeting_id = ?", by_meeting);
  guint flagged = zx_review_count_flagged (self->store, zx_record_get_id (meeting), owner_hours (self));
  /* Translators: a meeting in the list: the day it was held and how many decisions it made */
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%s · %d decision", "%s · %d decisions", (gulong) decisions),
                                               zx_record_get_string (meeting, "held_on"), (int) decisions);

  gtk_label_set_label (GTK_LABEL (mr->title), zx_record_get_string (meeting, "title"));
  gtk_widget_set_tooltip_text (mr->title, zx_record_get_string (meeting, "title"));
  gtk_label_set_label (GTK_LABEL (mr->subtitle), subtitle);
  gtk_widget_set_visible (mr->badge, flagged > 0);
  if (flagged > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", flagged);
      g_autofree char *tip = g_strdup_printf (ngettext ("%u decision has had no owner for more than %d hours after the meeting",
                                                        "%u decisions have had no owner for more than %d hours after the meeting",
                                                        flagged), flagged, owner_hours (self));

      gtk_label_set_label (GTK_LABEL (mr->badge_label), count);
      gtk_widget_set_tooltip_text (mr->badge, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static int
compare_meetings (gconstpointer a,
                  gconstpointer b)
{
  ZxRecord *x = *(ZxRecord **) a, *y = *(ZxRecord **) b;
  int cmp = g_strcmp0 (zx_record_get_string (y, "held_on"), zx_record_get_string (x, "held_on"));

  if (cmp == 0)
    cmp = g_strcmp0 (zx_record_get_string (y, ZX_COLUMN_UPDATED_AT), zx_record_get_string (x, ZX_COLUMN_UPDATED_AT));
  return cmp != 0 ? cmp : g_strcmp0 (zx_record_get_id (x), zx_record_get_id (y));
}

static void
select_meeting_row (ZxReviewView *self)
{
  GtkListBoxRow *selected = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->meeting_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MeetingRow *mr = g_object_get_data (G_OBJECT (child), "zx-meeting-row");

      if (mr != NULL && self->meeting_id != NULL && g_str_equal (mr->id, self->meeting_id))
        selected = GTK_LIST_BOX_ROW (child);
    }
  self->updating = TRUE;
  if (selected != NULL)
    gtk_list_box_select_row (self->meeting_list, selected);
  else
    gtk_list_box_unselect_all (self->meeting_list);
  self->updating = FALSE;
}

static void
fill_meetings (ZxReviewView *self)
{
  const char *params[] = { self->department_id, NULL };
  g_autoptr(GListStore) found = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same;
  GtkWidget *child;
  guint i;

  if (self->department_id != NULL)
    {
      found = zx_store_list (self->store, "meeting", "department_id = ?", params);
      for (i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (found)); i++)
        g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (found), i));
      g_ptr_array_sort (rows, compare_meetings);
    }

  same = rows->len == g_list_model_get_n_items (G_LIST_MODEL (self->meetings));
  for (i = 0; same && i < rows->len; i++)
    {
      g_autoptr(ZxRecord) listed = g_list_model_get_item (G_LIST_MODEL (self->meetings), i);

      same = g_str_equal (zx_record_get_id (listed), zx_record_get_id (g_ptr_array_index (rows, i)));
    }
  g_list_store_splice (self->meetings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->meetings)),
                       rows->pdata, rows->len);

  if (!same)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->meeting_list))) != NULL)
        gtk_list_box_remove (self->meeting_list, child);
      for (i = 0; i < rows->len; i++)
        gtk_list_box_append (self->meeting_list, meeting_row_new (zx_record_get_id (g_ptr_array_index (rows, i))));
    }
  for (i = 0, child = gtk_widget_get_first_child (GTK_WIDGET (self->meeting_list)); child != NULL && i < rows->len;
       child = gtk_widget_get_next_sibling (child), i++)
    meeting_row_update (self, child, g_ptr_array_index (rows, i));
  select_meeting_row (self);
}

static void
meeting_activated_cb (ZxReviewView  *self,
                      GtkListBoxRow *row)
{
  MeetingRow *mr = g_object_get_data (G_OBJECT (row), "zx-meeting-row");

  if (self->updating || mr == NULL)
    return;
  if (g_strcmp0 (mr->id, self->meeting_id) != 0)
    zx_review_view_open_meeting (self, mr->id);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
back_clicked_cb (ZxReviewView *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

/* Departments ---------------------------------------------------------------------------------- */

/* The signed-in staff member's department, else the first */
static char *
default_department (ZxReviewView *self)
{
  const char *actor = zx_store_get_actor (self->store);
  g_autoptr(ZxRecord) staff = actor != NULL ? get_record (self, "staff", actor) : NULL;
  const char *department = staff != NULL ? zx_record_get_string (staff, "department_id") : NULL;

  if (department != NULL && g_ptr_array_find_with_equal_func (self->department_ids, department, str_equal0, NULL))
    return g_strdup (department);
  return self->department_ids->len > 0 ? g_strdup (g_ptr_array_index (self->department_ids, 0)) : NULL;
}

static void
select_department (ZxReviewView *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_ptr_array_find_with_equal_func (self->department_ids, self->department_id, str_equal0, &position);
  if (gtk_drop_down_get_selected (self->department_dropdown) == position)
    return;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->department_dropdown, position);
  self->updating = FALSE;
}

static void
fill_departments (ZxReviewView *self)
{
  g_autoptr(GListStore) departments = zx_store_list (self->store, "department", NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->department_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (departments)); i++)
    {
      g_autoptr(ZxRecord) d = g_list_model_get_item (G_LIST_MODEL (departments), i);

      gtk_string_list_append (names, zx_record_get_string (d, "name"));
      g_ptr_array_add (self->department_ids, g_strdup (zx_record_get_id (d)));
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (names));
  self->updating = FALSE;

  if (self->department_id == NULL ||
      !g_ptr_array_find_with_equal_func (self->department_ids, self->department_id, str_equal0, NULL))
    {
      g_autofree char *fallback = default_department (self);

      zx_review_view_set_department (self, fallback);
    }
  select_department (self);
}

static void
department_selected_cb (ZxReviewView *self)
{
  guint i = gtk_drop_down_get_selected (self->department_dropdown);

  if (!self->updating && i < self->department_ids->len)
    zx_review_view_set_department (self, g_ptr_array_index (self->department_ids, i));
}

/* Following the store ---------------------------------------------------------------------------- */

static void
open_meeting (ZxReviewView *self,
              const char   *meeting_id,
              guint         position)
{
  g_autoptr(ZxRecord) meeting = NULL;

  zx_review_view_save (self);
  zx_deletion_forget (self->deletion);
  replace_str (&self->meeting_id, meeting_id);
  g_clear_pointer (&self->shown_item_id, g_free);
  g_clear_pointer (&self->shown_notes_id, g_free);
  self->position = position;
  load_items (self);
  meeting = get_record (self, "meeting", self->meeting_id);
  update_owners (self, meeting);
  fill_jump_list (self);
  select_meeting_row (self);
  update_page (self, TRUE);
}

static gboolean
refresh_cb (gpointer data)
{
  ZxReviewView *self = data;
  guint dirty = self->dirty;

  self->refresh_id = 0;
  self->dirty = 0;

  if (dirty & DIRTY_PROGRESS)
    g_clear_pointer (&self->index, zx_progress_index_unref);
  if (dirty & DIRTY_DEPARTMENTS)
    fill_departments (self);
  if (self->meeting_id != NULL)
    {
      g_autoptr(ZxRecord) meeting = get_record (self, "meeting", self->meeting_id);

      if (meeting == NULL || g_strcmp0 (zx_record_get_string (meeting, "department_id"), self->department_id) != 0)
        {
          /* deleted, or moved to another department */
          open_meeting (self, NULL, 0);
          dirty |= DIRTY_MEETINGS;
        }
      else
        {
          if (dirty & DIRTY_ITEMS)
            {
              guint keep = self->position;

              /* stay on the item shown when others come or go */
              load_items (self);
              for (guint i = 0; i < n_items (self); i++)
                {
                  g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

                  if (g_strcmp0 (zx_record_get_id (item), self->shown_item_id) == 0)
                    keep = i;
                }
              self->position = keep;
            }
          /* its titles and owners */
          if (dirty & (DIRTY_ITEMS | DIRTY_PROGRESS | DIRTY_OWNERS))
            fill_jump_list (self);
          if (dirty & (DIRTY_OWNERS | DIRTY_MEETINGS))
            update_owners (self, meeting);
          if (dirty & (DIRTY_PAGE | DIRTY_ITEMS | DIRTY_OWNERS | DIRTY_PROGRESS))
            update_page (self, FALSE);
        }
    }
  if (dirty & DIRTY_MEETINGS)
    fill_meetings (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (ZxReviewView *self,
          guint         dirty)
{
  self->dirty |= dirty;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

/* Runs a pending refresh now: after the view's own edits, so what changed
 * shows at once */
static void
flush_refresh (ZxReviewView *self)
{
  if (self->refresh_id == 0)
    return;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh_cb (self);
}

static void
store_changed_cb (ZxReviewView *self,
                  const char   *entity,
                  const char   *id)
{
  if (g_str_equal (entity, "department"))
    schedule (self, DIRTY_DEPARTMENTS | DIRTY_PAGE);
  else if (g_str_equal (entity, "staff"))
    schedule (self, DIRTY_OWNERS | DIRTY_PAGE);
  else if (g_str_equal (entity, "meeting") || g_str_equal (entity, "decision"))
    schedule (self, DIRTY_MEETINGS | DIRTY_PAGE);
  else if (g_str_equal (entity, "meeting_item"))
    schedule (self, DIRTY_ITEMS | DIRTY_PAGE);
  else if (g_str_equal (entity, "key_result") || g_str_equal (entity, "objective") ||
           g_str_equal (entity, "check_in") || g_str_equal (entity, "cycle"))
    schedule (self, DIRTY_PROGRESS | DIRTY_PAGE);
}

static void
store_reloaded_cb (ZxReviewView *self)
{
  schedule (self, DIRTY_ALL);
}

static void
settings_changed_cb (ZxReviewView *self,
                     const char   *key)
{
  if (g_str_has_prefix (key, "warn-"))
    schedule (self, DIRTY_PROGRESS | DIRTY_MEETINGS | DIRTY_PAGE);
}

/* Flags appear as time passes, without any change in the store */
static gboolean
clock_cb (gpointer data)
{
  ZxReviewView *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule (self, DIRTY_MEETINGS | DIRTY_PAGE);
  return G_SOURCE_CONTINUE;
}

/* Starting a review: which week ------------------------------------------------------------------- */

typedef struct
{
  ZxReviewView *self;
  AdwEntryRow  *week_row;
  AdwEntryRow  *title_row;
  char         *department_id;
  char         *cycle_id;
  char         *shown_title;   /* the default title last put in the row */
} StartDialog;

static void
start_dialog_free (gpointer data)
{
  StartDialog *sd = data;

  g_free (sd->department_id);
  g_free (sd->cycle_id);
  g_free (sd->shown_title);
  g_free (sd);
}

static void
start_dialog_update (AdwMessageDialog *dialog)
{
  StartDialog *sd = g_object_get_data (G_OBJECT (dialog), "zx-start");
  ZxReviewView *self = sd->self;
  g_autofree char *department = zx_store_get_display (self->store, "department", sd->department_id);
  g_autofree char *cycle = zx_store_get_display (self->store, "cycle", sd->cycle_id);
  g_autoptr(GString) body = g_string_new (NULL);
  const char *week = gtk_editable_get_text (GTK_EDITABLE (sd->week_row));
  GDate day;
  gboolean valid = parse_date (week, &day);

  /* Translators: in the dialog starting a review: the department and the OKR cycle */
  g_string_append_printf (body, _("%s, cycle %s."), department != NULL ? department : "", cycle != NULL ? cycle : "");
  g_string_append (body, "\n");
  if (valid)
    {
      g_autoptr(GPtrArray) krs = zx_review_list_key_results (self->store, sd->department_id, sd->cycle_id);
      g_autofree char *monday = NULL;
      g_autofree char *title = NULL;
      const char *params[] = { sd->department_id, NULL, NULL };
      g_autoptr(GListStore) same_week = NULL;

      to_monday (&day);
      monday = format_date (&day);
      params[1] = monday;
      if (krs->len > 0)
        g_string_append_printf (body, ngettext ("The meeting will go through %u key result, each filled in from its latest check-in.",
                                                "The meeting will go through %u key results, each filled in from its latest check-in.",
                                                krs->len), krs->len);
      else
        g_string_append (body, _("The department has no key results in this cycle yet: the meeting will have only its summary."));
      same_week = zx_store_list (self->store, "meeting", "department_id = ? AND held_on = ? AND kind = 'weekly_review'", params);
      if (g_list_model_get_n_items (G_LIST_MODEL (same_week)) > 0)
        {
          g_autoptr(ZxRecord) other = g_list_model_get_item (G_LIST_MODEL (same_week), 0);

          g_string_append (body, "\n");
          g_string_append_printf (body, _("This week already has a review, “%s”."), zx_record_get_string (other, "title"));
        }

      /* the title follows the week until the person writes their own */
      title = default_title (monday);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (sd->title_row)), sd->shown_title) == 0 &&
          g_strcmp0 (title, sd->shown_title) != 0)
        {
          replace_str (&sd->shown_title, title);
          gtk_editable_set_text (GTK_EDITABLE (sd->title_row), title);
        }
      gtk_widget_remove_css_class (GTK_WIDGET (sd->week_row), "error");
    }
  else
    {
      g_string_append (body, _("Write a day of the week as year-month-day, e.g. 2026-11-16."));
      gtk_widget_add_css_class (GTK_WIDGET (sd->week_row), "error");
    }
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_set_response_enabled (dialog, "start", valid);
}

static void
start_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          ZxReviewView     *self)
{
  StartDialog *sd = g_object_get_data (G_OBJECT (dialog), "zx-start");
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  GDate week;

  if (g_strcmp0 (response, "start") != 0 ||
      !parse_date (gtk_editable_get_text (GTK_EDITABLE (sd->week_row)), &week))
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (sd->title_row))));
  if (!review_start (self->store, sd->department_id, sd->cycle_id, &week, title, &id, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Start the Review"), error->message);
      return;
    }
  if (g_strcmp0 (sd->department_id, self->department_id) != 0)
    zx_review_view_set_department (self, sd->department_id);
  flush_refresh (self);
  zx_review_view_open_meeting (self, id);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (GTK_WIDGET (n_items (self) > 0 ? self->progress_view : self->notes_view));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  StartDialog *sd;
  GtkWidget *list;
  g_autofree char *monday = NULL;
  GDate today;

  if (self->start_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->start_dialog));
      return;
    }
  if (self->department_id == NULL || self->cycle_id == NULL)
    {
      zx_widget_show_message (widget, _("Choose a department and a cycle first."));
      return;
    }

  store_today (self->store, &today);
  to_monday (&today);
  monday = format_date (&today);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("New Weekly Review"), NULL));
  sd = g_new0 (StartDialog, 1);
  sd->self = self;
  sd->department_id = g_strdup (self->department_id);
  sd->cycle_id = g_strdup (self->cycle_id);
  sd->shown_title = default_title (monday);
  g_object_set_data_full (G_OBJECT (dialog), "zx-start", sd, start_dialog_free);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  sd->week_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sd->week_row), _("Week of (any day, year-month-day)"));
  /* Enter starts the review (when the week can be read) and closes the dialog */
  adw_entry_row_set_activates_default (sd->week_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (sd->week_row), monday);
  sd->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sd->title_row), _("Title"));
  adw_entry_row_set_activates_default (sd->title_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (sd->title_row), sd->shown_title);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (sd->week_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (sd->title_row));
  adw_message_dialog_set_extra_child (dialog, list);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "start", _("_Start Review"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "start");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_swapped (sd->week_row, "changed", G_CALLBACK (start_dialog_update), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_dialog_response_cb), self, 0);
  start_dialog_update (dialog);

  self->start_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->start_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (sd->week_row));
}

/* Actions ------------------------------------------------------------------------------------------ */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (widget);

  if (self->meeting_id == NULL)
    return;
  if (g_str_equal (action_name, "review.next") && self->position < n_items (self))
    zx_review_view_set_position (self, self->position + 1);
  else if (g_str_equal (action_name, "review.previous") && self->position > 0)
    zx_review_view_set_position (self, self->position - 1);
}

static void
go_to_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (widget);

  if (self->meeting_id != NULL)
    zx_review_view_set_position (self, MIN (g_variant_get_uint32 (parameter), n_items (self)));
}

/* Page Up and Page Down walk the meeting, except where they move the cursor */
static gboolean
meeting_key_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ZxReviewView          *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if ((keyval != GDK_KEY_Page_Down && keyval != GDK_KEY_Page_Up) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      GTK_IS_TEXT_VIEW (focus) || GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_activate_action (GTK_WIDGET (self), keyval == GDK_KEY_Page_Down ? "review.next" : "review.previous", NULL);
  return GDK_EVENT_STOP;
}

static void
export_response_cb (ZxReviewView         *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Minutes"), _("Choose a folder on this computer."));
      return;
    }
  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = with_suffix;
    }
  if (!zx_review_view_export_minutes (self, path, &error))
    {
      zx_show_error_dialog (GTK_WIDGET (self), _("Could Not Export the Minutes"), error->message);
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
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (meeting == NULL || self->chooser != NULL)
    return;
  zx_review_view_save (self);
  self->chooser = gtk_file_chooser_native_new (_("Export Minutes"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF document"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the suggested file name of exported minutes: the meeting's title */
  name = g_strdup_printf (_("%s minutes.pdf"), zx_record_get_string (meeting, "title"));
  g_strdelimit (name, "/\\", '-');
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

  if (self->meeting_id == NULL)
    return;
  zx_review_view_save (self);
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

/* GObject ---------------------------------------------------------------------------------------- */

static void
zx_review_view_constructed (GObject *object)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (object);

  G_OBJECT_CLASS (zx_review_view_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->store = g_object_ref (zx_context_get_store (self->context));
  g_set_object (&self->settings, zx_context_get_settings (self->context));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (store_reloaded_cb), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  {
    /* set before the store was known: shown once the list is there */
    g_autofree char *wanted = g_steal_pointer (&self->department_id);

    fill_departments (self);
    if (wanted != NULL && g_ptr_array_find_with_equal_func (self->department_ids, wanted, str_equal0, NULL))
      zx_review_view_set_department (self, wanted);
  }
  update_page (self, TRUE);
  self->clock_id = g_timeout_add_seconds (60, clock_cb, self);
}

static void
zx_review_view_unmap (GtkWidget *widget)
{
  zx_review_view_save (ZX_REVIEW_VIEW (widget));
  GTK_WIDGET_CLASS (zx_review_view_parent_class)->unmap (widget);
}

static void
zx_review_view_dispose (GObject *object)
{
  ZxReviewView *self = ZX_REVIEW_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->start_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->start_dialog), (gpointer *) &self->start_dialog);
      gtk_window_destroy (GTK_WINDOW (self->start_dialog));
      self->start_dialog = NULL;
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->index, zx_progress_index_unref);
  g_clear_object (&self->deletion);
  /* the bin's child is the template's leaflet: let go of it once */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_REVIEW_VIEW);
  g_clear_object (&self->items);
  g_clear_object (&self->meetings);
  g_clear_object (&self->owner_names);
  g_clear_object (&self->row_owner_names);
  g_clear_object (&self->status_names);
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
  g_free (self->shown_item_id);
  g_free (self->shown_notes_id);
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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CYCLE_ID:
      g_value_set_string (value, self->cycle_id);
      break;
    case PROP_DEPARTMENT_ID:
      g_value_set_string (value, self->department_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
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
      zx_review_view_set_cycle (self, g_value_get_string (value));
      break;
    case PROP_DEPARTMENT_ID:
      if (self->store != NULL)
        zx_review_view_set_department (self, g_value_get_string (value));
      else
        replace_str (&self->department_id, g_value_get_string (value));
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
  widget_class->unmap = zx_review_view_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CYCLE_ID] =
    g_param_spec_string ("cycle-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPARTMENT_ID] =
    g_param_spec_string ("department-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ZX_TYPE_PACE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhixing/Zhixing/okr/zx-review-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, department_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, meeting_list);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, meeting_box);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, meeting_title);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, meeting_subtitle);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, step_button);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, step_popover);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, jump_list);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, back_button);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, next_button);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, next_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, step_bar);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, scroller);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, objective_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, kr_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, kr_card);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, owner_avatar);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, owner_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, health_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, pace_bar);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, percent_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, values_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, check_in_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, progress_view);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, obstacles_view);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, support_view);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, item_decisions);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, item_add_row);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, item_decision_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, item_owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, item_deadline_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, item_add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, summary_caption);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, flag_banner);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, flag_label);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, summary_decisions);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, summary_add_row);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, summary_decision_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, summary_owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, summary_deadline_entry);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, summary_add_button);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, kr_decisions_box);
  gtk_widget_class_bind_template_child (widget_class, ZxReviewView, kr_decisions);
  gtk_widget_class_bind_template_callback (widget_class, department_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, meeting_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, jump_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, summary_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, deadline_changed_cb);

  gtk_widget_class_install_action (widget_class, "review.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.go-to", "u", go_to_action);
  gtk_widget_class_install_action (widget_class, "review.export-minutes", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "review.print-minutes", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "review.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "review.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, "review.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "review.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "review.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "review.undo", NULL);

  gtk_widget_class_set_css_name (widget_class, "zx-review-view");
}

static void
zx_review_view_init (ZxReviewView *self)
{
  GtkEventController *keys;

  self->department_ids = g_ptr_array_new_with_free_func (g_free);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->owner_ids, NULL);
  self->meetings = g_list_store_new (ZX_TYPE_RECORD);
  self->items = g_list_store_new (ZX_TYPE_RECORD);
  self->owner_names = gtk_string_list_new ((const char * const []) { _("No owner yet"), NULL });
  self->row_owner_names = gtk_string_list_new ((const char * const []) { C_("owner", "Choose…"), NULL });
  self->status_names = gtk_string_list_new ((const char * const []) {
    C_("decision status", "Open"), C_("decision status", "Done"), C_("decision status", "Dropped"), NULL });
  self->deletion = zx_deletion_new (GTK_WIDGET (self));

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->item_owner_dropdown, G_LIST_MODEL (self->owner_names));
  gtk_drop_down_set_model (self->summary_owner_dropdown, G_LIST_MODEL (self->owner_names));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (answer_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (ANSWER_VIEW (self, i)), focus);
      g_signal_connect (ANSWER_VIEW (self, i), "map", G_CALLBACK (answer_mapped_cb), NULL);
    }
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (answer_focus_leave_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);
    g_signal_connect (self->notes_view, "map", G_CALLBACK (answer_mapped_cb), NULL);
  }
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (meeting_key_cb), self);
  gtk_widget_add_controller (self->meeting_box, keys);
  update_actions (self);
}

/* Public ------------------------------------------------------------------------------------------ */

GtkWidget *
zx_review_view_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_REVIEW_VIEW, "context", context, NULL);
}

const char *
zx_review_view_get_cycle (ZxReviewView *self)
{
  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), NULL);
  return self->cycle_id;
}

void
zx_review_view_set_cycle (ZxReviewView *self,
                          const char   *cycle_id)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  if (!replace_str (&self->cycle_id, cycle_id))
    return;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CYCLE_ID]);
}

const char *
zx_review_view_get_department (ZxReviewView *self)
{
  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), NULL);
  return self->department_id;
}

void
zx_review_view_set_department (ZxReviewView *self,
                               const char   *department_id)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  if (g_strcmp0 (self->department_id, department_id) == 0)
    return;
  zx_review_view_save (self);
  replace_str (&self->department_id, department_id);
  if (self->store != NULL)
    {
      select_department (self);
      open_meeting (self, NULL, 0);
      fill_meetings (self);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT_ID]);
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

  open_meeting (self, meeting_id, 0);
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
  return n_items (self);
}

void
zx_review_view_set_position (ZxReviewView *self,
                             guint         position)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  if (self->meeting_id == NULL)
    return;
  zx_review_view_save (self);
  self->position = MIN (position, n_items (self));
  update_page (self, TRUE);
}

void
zx_review_view_refresh (ZxReviewView *self)
{
  g_return_if_fail (ZX_IS_REVIEW_VIEW (self));

  schedule (self, DIRTY_ALL);
  flush_refresh (self);
}

gboolean
zx_review_view_export_minutes (ZxReviewView  *self,
                               const char    *path,
                               GError       **error)
{
  g_autoptr(ZxMinutesDocument) document = NULL;

  g_return_val_if_fail (ZX_IS_REVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->meeting_id == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND, _("Open a meeting first."));
      return FALSE;
    }
  zx_review_view_save (self);
  document = zx_minutes_document_new (self->store, self->meeting_id, error);
  return document != NULL && zx_minutes_document_export_pdf (document, path, error);
}
