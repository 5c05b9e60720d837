/* zx-fund-page.c — the micro-innovation fund: proposals, where each one
 * stands (a drawn stepper and the decisions), and the step the person
 * acting may take
 *
 * "Me": when signed in to a server, the account's staff member
 * (account-staff); standalone, the person chosen under "Acting as",
 * remembered in fund-acting-staff.  The rules are core's (zx-fund.h); a
 * button someone may not use is off, with the reason as its tooltip.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-fund-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-fund.h"
#include "zx-fund-page.h"
#include "zx-fund-proposal-editor.h"

enum { FILTER_MINE, FILTER_AWAITING, FILTER_ALL };

struct _ZxFundPage
{
  AdwBin          parent_instance;

  ZxContext      *context;
  ZxStore        *store;
  GSettings      *settings;

  GPtrArray      *staff_ids;      /* parallel to acting_dropdown */
  GPtrArray      *shown_ids;      /* parallel to the list's rows */
  GPtrArray      *detail_rows;    /* rows added to the groups */
  char           *selected_id;
  gboolean        updating;

  GtkDropDown    *filter_dropdown;
  GtkLabel       *acting_label;
  GtkDropDown    *acting_dropdown;
  GtkLabel       *me_label;
  GtkButton      *new_button;
  GtkStack       *list_stack;
  GtkListBox     *proposals_list;
  GtkBox         *detail_box;
  GtkLabel       *title_label;
  GtkLabel       *summary_label;
  GtkDrawingArea *stepper;
  GtkFlowBox     *actions_box;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *proposal_group;
  AdwPreferencesGroup *lines_group;

  GtkWidget      *edit_button;
  GtkWidget      *submit_button;
  GtkWidget      *approve_button;
  GtkWidget      *reject_button;
  GtkWidget      *pilot_button;
  GtkWidget      *report_button;
};

G_DEFINE_FINAL_TYPE (ZxFundPage, zx_fund_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (ZxFundPage *self);

/* Who is acting ----------------------------------------------------------------- */

static gboolean
signed_in (ZxFundPage *self)
{
  g_autofree char *role = NULL;

  if (self->settings == NULL)
    return FALSE;
  role = g_settings_get_string (self->settings, "account-role");
  return *role != '\0';
}

/* The staff id of the person acting, or NULL */
static char *
me (ZxFundPage *self)
{
  g_autofree char *id = NULL;

  if (self->settings == NULL)
    {
      guint pos = gtk_drop_down_get_selected (self->acting_dropdown);

      return pos != GTK_INVALID_LIST_POSITION && self->staff_ids != NULL && pos < self->staff_ids->len
             ? g_strdup (self->staff_ids->pdata[pos]) : NULL;
    }
  id = g_settings_get_string (self->settings, signed_in (self) ? "account-staff" : "fund-acting-staff");
  return *id != '\0' ? g_steal_pointer (&id) : NULL;
}

static void
load_staff (ZxFundPage *self)
{
  g_autoptr(GListStore) staff = zx_store_list (self->store, "staff", NULL, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *current = me (self);
  guint selected = GTK_INVALID_LIST_POSITION;

  self->updating = TRUE;
  g_clear_pointer (&self->staff_ids, g_ptr_array_unref);
  self->staff_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (staff)); i++)
    {
      g_autoptr(ZxRecord) person = g_list_model_get_item (G_LIST_MODEL (staff), i);
      const char *post = zx_record_get_string (person, "post");
      g_autofree char *label = post ? g_strdup_printf ("%s（%s）", zx_record_get_string (person, "name"), post)
                                    : g_strdup (zx_record_get_string (person, "name"));

      if (g_strcmp0 (zx_record_get_id (person), current) == 0)
        selected = i;
      g_ptr_array_add (self->staff_ids, g_strdup (zx_record_get_id (person)));
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->acting_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->acting_dropdown, selected);
  self->updating = FALSE;
}

static void
update_me (ZxFundPage *self)
{
  gboolean standalone = !signed_in (self);
  g_autofree char *id = me (self);
  g_autofree char *name = id ? zx_store_get_display (self->store, "staff", id) : NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->acting_label), standalone);
  gtk_widget_set_visible (GTK_WIDGET (self->acting_dropdown), standalone);
  if (!standalone)
    text = name ? g_strdup_printf (_("Signed in as %s"), name)
                : g_strdup (_("Your account is not linked to a staff member"));
  else if (id == NULL)
    text = g_strdup (_("Choose whom you act as"));
  gtk_label_set_text (self->me_label, text ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), id != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button),
                               id != NULL ? _("Propose a micro-innovation") : _("Choose whom you act as first"));
}

static void
acting_changed_cb (ZxFundPage *self)
{
  guint pos = gtk_drop_down_get_selected (self->acting_dropdown);

  if (self->updating)
    return;
  if (self->settings != NULL && pos != GTK_INVALID_LIST_POSITION && pos < self->staff_ids->len)
    g_settings_set_string (self->settings, "fund-acting-staff", self->staff_ids->pdata[pos]);
  update_me (self);
  refresh (self);
}

/* Text ------------------------------------------------------------------------------ */

static char *
money (double amount)
{
  return g_strdup_printf (_("%.2f 元"), amount);
}

static char *
display (ZxFundPage *self,
         const char *entity,
         const char *id)
{
  char *text = id ? zx_store_get_display (self->store, entity, id) : NULL;

  return text ? text : g_strdup ("—");
}

static char *
where_it_stands (JsonObject *proposal)
{
  const char *state = json_object_get_string_member_with_default (proposal, "state", NULL);
  int tier = zx_fund_tier_from_name (json_object_get_string_member_with_default (proposal, "current_tier", NULL));

  if (g_strcmp0 (state, "submitted") == 0 && tier >= 0)
    return g_strdup_printf (_("Awaiting %s"), zx_fund_tier_label (tier));
  return g_strdup (zx_fund_state_label (state));
}

/* The list ----------------------------------------------------------------------------- */

static gboolean
shown (ZxFundPage *self,
       JsonObject *proposal,
       const char *my_id)
{
  switch (gtk_drop_down_get_selected (self->filter_dropdown))
    {
    case FILTER_MINE:
      return my_id != NULL &&
             g_strcmp0 (json_object_get_string_member_with_default (proposal, "applicant_id", NULL), my_id) == 0;
    case FILTER_AWAITING:
      return zx_fund_may (self->store, ZX_FUND_APPROVE, proposal, my_id);
    default:
      return TRUE;
    }
}

static GtkWidget *
proposal_row (ZxFundPage *self,
              JsonObject *proposal)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *stands = where_it_stands (proposal);
  g_autofree char *amount = money (json_object_get_double_member_with_default (proposal, "amount", 0));
  g_autofree char *applicant = display (self, "staff", json_object_get_string_member_with_default (proposal, "applicant_id", NULL));
  g_autofree char *kr = display (self, "key_result", json_object_get_string_member_with_default (proposal, "key_result_id", NULL));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s\n%s", stands, amount, applicant, kr);
  g_autofree char *title = g_markup_escape_text (json_object_get_string_member_with_default (proposal, "title", ""), -1);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  return row;
}

static void
fill_list (ZxFundPage *self)
{
  g_autoptr(GListStore) proposals = zx_store_list (self->store, "fund_proposal", NULL, NULL);
  g_autofree char *my_id = me (self);
  GtkWidget *child;
  GtkListBoxRow *select = NULL;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->proposals_list))) != NULL)
    gtk_list_box_remove (self->proposals_list, child);
  g_ptr_array_set_size (self->shown_ids, 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (proposals)); i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (proposals), i);
      g_autoptr(JsonObject) proposal = zx_store_get (self->store, "fund_proposal", zx_record_get_id (record), NULL);
      GtkWidget *row;

      if (proposal == NULL || !shown (self, proposal, my_id))
        continue;
      row = proposal_row (self, proposal);
      gtk_list_box_append (self->proposals_list, row);
      g_ptr_array_add (self->shown_ids, g_strdup (zx_record_get_id (record)));
      if (g_strcmp0 (self->selected_id, zx_record_get_id (record)) == 0)
        select = GTK_LIST_BOX_ROW (row);
    }
  if (select == NULL && self->shown_ids->len > 0)
    select = gtk_list_box_get_row_at_index (self->proposals_list, 0);
  gtk_list_box_select_row (self->proposals_list, select);
  g_free (self->selected_id);
  self->selected_id = select ? g_strdup (self->shown_ids->pdata[gtk_list_box_row_get_index (select)]) : NULL;
  gtk_stack_set_visible_child_name (self->list_stack, self->shown_ids->len > 0 ? "list" : "empty");
  self->updating = FALSE;
}

/* The stepper ----------------------------------------------------------------------------- */

typedef struct { const char *label; int state; } Step;   /* state: 0 to come, 1 done, 2 now, 3 refused */

static guint
steps_of (ZxFundPage *self,
          JsonObject *proposal,
          Step       *steps)
{
  const char *state = json_object_get_string_member_with_default (proposal, "state", "draft");
  const char *tier = json_object_get_string_member_with_default (proposal, "current_tier", NULL);
  double x, y;
  guint needed, n = 0;
  int at;   /* the step now */
  static const char * const order[] = { "draft", "submitted", "approved", "piloting", "reported", NULL };

  zx_fund_get_thresholds (self->store, &x, &y);
  needed = zx_fund_tiers_needed (json_object_get_double_member_with_default (proposal, "amount", 0), x, y);

  steps[n++] = (Step) { _("Submitted"), 0 };
  for (guint t = 0; t < needed; t++)
    steps[n++] = (Step) { zx_fund_tier_label (t), 0 };
  steps[n++] = (Step) { g_str_equal (state, "rejected") ? C_("fund state", "Rejected") : C_("fund state", "Approved"), 0 };
  steps[n++] = (Step) { C_("fund state", "Piloting"), 0 };
  steps[n++] = (Step) { C_("fund", "Result"), 0 };

  if (g_str_equal (state, "draft"))
    at = 0;
  else if (g_str_equal (state, "submitted"))
    at = 1 + MAX (zx_fund_tier_from_name (tier), 0);
  else if (g_str_equal (state, "rejected"))
    {
      /* the tier that refused is the last decision recorded */
      at = 1 + needed;
      for (guint i = 0; i < (guint) at; i++)
        steps[i].state = 1;
      steps[at].state = 3;
      return n;
    }
  else
    at = 1 + needed + (int) (g_strv_contains (order, state) ? (g_str_equal (state, "approved") ? 0
                                                               : g_str_equal (state, "piloting") ? 1 : 3) : 0);
  for (guint i = 0; i < n; i++)
    steps[i].state = (int) i < at ? 1 : (int) i == at ? 2 : 0;
  if (g_str_equal (state, "approved") || g_str_equal (state, "reported"))
    for (guint i = 0; i <= (guint) MIN (at, (int) n - 1); i++)
      steps[i].state = 1;
  return n;
}

static void
draw_stepper (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  ZxFundPage *self = user_data;
  g_autoptr(JsonObject) proposal = NULL;
  Step steps[8];
  guint n;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 }, refused = { 0.88, 0.11, 0.14, 1 };
  double step_w, r = 9;

  if (self->selected_id == NULL ||
      (proposal = zx_store_get (self->store, "fund_proposal", self->selected_id, NULL)) == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  n = steps_of (self, proposal, steps);
  step_w = (double) width / n;

  for (guint i = 0; i < n; i++)
    {
      double cx = step_w * i + step_w / 2, cy = r + 4;
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), steps[i].label);
      int lw, lh;

      if (i + 1 < n)
        {
          GdkRGBA line = steps[i + 1].state == 1 || steps[i + 1].state == 2 ? accent : fg;

          if (!(steps[i + 1].state == 1 || steps[i + 1].state == 2))
            line.alpha = 0.3;
          gdk_cairo_set_source_rgba (cr, &line);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, cx + r, cy);
          cairo_line_to (cr, cx + step_w - r, cy);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      switch (steps[i].state)
        {
        case 1:
          gdk_cairo_set_source_rgba (cr, &accent);
          cairo_fill (cr);
          break;
        case 2:
          gdk_cairo_set_source_rgba (cr, &accent);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, r / 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
          break;
        case 3:
          gdk_cairo_set_source_rgba (cr, &refused);
          cairo_fill (cr);
          break;
        default:
          {
            GdkRGBA dim = fg;

            dim.alpha = 0.35;
            gdk_cairo_set_source_rgba (cr, &dim);
            cairo_set_line_width (cr, 2);
            cairo_stroke (cr);
          }
        }
      pango_layout_set_width (layout, (int) (step_w - 4) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      {
        GdkRGBA text = fg;

        if (steps[i].state == 0)
          text.alpha = 0.6;
        gdk_cairo_set_source_rgba (cr, &text);
      }
      cairo_move_to (cr, step_w * i + 2, cy + r + 6);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
    }
}

/* The detail --------------------------------------------------------------------------------- */

static void
clear_detail_rows (ZxFundPage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    {
      GtkWidget *row = self->detail_rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->detail_rows, 0);
}

static void
add_row (ZxFundPage          *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *t = g_markup_escape_text (title ? title : "", -1);
  g_autofree char *s = g_markup_escape_text (subtitle ? subtitle : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->detail_rows, row);
}

static void
set_action (ZxFundPage   *self,
            GtkWidget    *button,
            ZxFundAction  action,
            JsonObject   *proposal,
            const char   *my_id,
            const char   *tooltip)
{
  g_autofree char *refusal = zx_fund_refusal (self->store, action, proposal, my_id);

  gtk_widget_set_sensitive (button, refusal == NULL);
  gtk_widget_set_tooltip_text (button, refusal ? refusal : tooltip);
}

static void
fill_detail (ZxFundPage *self)
{
  g_autoptr(JsonObject) proposal = NULL;
  g_autofree char *my_id = me (self);

  clear_detail_rows (self);
  if (self->selected_id != NULL)
    proposal = zx_store_get (self->store, "fund_proposal", self->selected_id, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_box), proposal != NULL);
  if (proposal == NULL)
    return;

  {
    g_autofree char *stands = where_it_stands (proposal);
    g_autofree char *amount = money (json_object_get_double_member_with_default (proposal, "amount", 0));
    g_autofree char *applicant = display (self, "staff", json_object_get_string_member_with_default (proposal, "applicant_id", NULL));
    g_autofree char *dept = display (self, "department", json_object_get_string_member_with_default (proposal, "department_id", NULL));
    g_autofree char *summary = g_strdup_printf (_("%s · %s · %s, %s"), stands, amount, applicant, dept);

    gtk_label_set_text (self->title_label, json_object_get_string_member_with_default (proposal, "title", ""));
    gtk_label_set_text (self->summary_label, summary);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self->stepper));
  {
    g_autofree char *stands = where_it_stands (proposal);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->stepper), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, stands, -1);
  }

  /* each tier: who decided, when, why */
  {
    const char *params[] = { self->selected_id, NULL };
    g_autoptr(GListStore) approvals = zx_store_list (self->store, "fund_approval", "proposal_id = ?", params);
    const char *submitted = json_object_get_string_member_with_default (proposal, "submitted_at", NULL);

    if (submitted != NULL)
      {
        g_autofree char *who = display (self, "staff", json_object_get_string_member_with_default (proposal, "applicant_id", NULL));
        g_autofree char *text = g_strdup_printf (_("%s, %.10s"), who, submitted);

        add_row (self, self->timeline_group, _("Submitted"), text);
      }
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (approvals)); i++)
      {
        g_autoptr(ZxRecord) a = g_list_model_get_item (G_LIST_MODEL (approvals), i);
        int tier = zx_fund_tier_from_name (zx_record_get_string (a, "tier"));
        g_autofree char *who = display (self, "staff", zx_record_get_string (a, "approver_id"));
        const char *reason = zx_record_get_string (a, "reason");
        gboolean ok = g_strcmp0 (zx_record_get_string (a, "decision"), "approved") == 0;
        g_autofree char *title = g_strdup_printf (ok ? _("%s: approved") : _("%s: rejected"),
                                                  tier >= 0 ? zx_fund_tier_label (tier) : "");
        g_autofree char *text = reason ? g_strdup_printf (_("%s, %.10s — %s"), who, zx_record_get_string (a, "decided_at"), reason)
                                       : g_strdup_printf (_("%s, %.10s"), who, zx_record_get_string (a, "decided_at"));

        add_row (self, self->timeline_group, title, text);
      }
    if (g_str_equal (json_object_get_string_member_with_default (proposal, "state", ""), "submitted"))
      {
        int tier = zx_fund_tier_from_name (json_object_get_string_member_with_default (proposal, "current_tier", NULL));
        g_autofree char *approver = tier >= 0 ? zx_fund_approver (self->store, tier, proposal) : NULL;
        g_autofree char *who = display (self, "staff", approver);
        g_autofree char *title = g_strdup_printf (_("%s: awaiting decision"), tier >= 0 ? zx_fund_tier_label (tier) : "");

        add_row (self, self->timeline_group, title, who);
      }
    if (submitted == NULL)
      add_row (self, self->timeline_group, _("Not submitted yet"), _("The applicant submits the draft when it is complete."));
  }

  /* the proposal itself */
  {
    const char *fields[][2] = {
      { "problem", NC_("fund", "Problem") }, { "plan", NC_("fund", "Plan") }, { "result", NC_("fund", "Result") },
    };
    g_autofree char *kr = display (self, "key_result", json_object_get_string_member_with_default (proposal, "key_result_id", NULL));
    const char *start = json_object_get_string_member_with_default (proposal, "pilot_start", NULL);
    const char *end = json_object_get_string_member_with_default (proposal, "pilot_end", NULL);

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        const char *text = json_object_get_string_member_with_default (proposal, fields[i][0], NULL);

        if (text != NULL)
          add_row (self, self->proposal_group, g_dpgettext2 (NULL, "fund", fields[i][1]), text);
      }
    add_row (self, self->proposal_group, _("Key result supported"), kr);
    if (start != NULL)
      {
        g_autofree char *period = g_strdup_printf ("%s — %s", start, end ? end : "");

        add_row (self, self->proposal_group, _("Pilot period"), period);
      }
  }

  /* budget lines */
  {
    const char *params[] = { self->selected_id, NULL };
    g_autoptr(GListStore) lines = zx_store_list (self->store, "fund_budget_line", "proposal_id = ?", params);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lines)); i++)
      {
        g_autoptr(ZxRecord) line = g_list_model_get_item (G_LIST_MODEL (lines), i);
        g_autofree char *amount = money (zx_record_get_double (line, "amount"));

        add_row (self, self->lines_group, zx_record_get_string (line, "item"), amount);
      }
  }

  set_action (self, self->edit_button, ZX_FUND_EDIT, proposal, my_id, _("Change the draft and its budget lines"));
  set_action (self, self->submit_button, ZX_FUND_SUBMIT, proposal, my_id, _("Send the proposal for approval"));
  set_action (self, self->approve_button, ZX_FUND_APPROVE, proposal, my_id, _("Approve at your tier"));
  set_action (self, self->reject_button, ZX_FUND_REJECT, proposal, my_id, _("Reject, saying why"));
  set_action (self, self->pilot_button, ZX_FUND_START_PILOT, proposal, my_id, _("Start the pilot"));
  set_action (self, self->report_button, ZX_FUND_REPORT, proposal, my_id, _("Report what the pilot achieved"));
}

static void
refresh (ZxFundPage *self)
{
  fill_list (self);
  fill_detail (self);
}

static void
row_selected_cb (ZxFundPage    *self,
                 GtkListBoxRow *row)
{
  if (self->updating)
    return;
  g_free (self->selected_id);
  self->selected_id = row ? g_strdup (self->shown_ids->pdata[gtk_list_box_row_get_index (row)]) : NULL;
  fill_detail (self);
}

/* Actions ------------------------------------------------------------------------------------- */

static void
show_error (ZxFundPage *self,
            GError     *error)
{
  GtkWidget *toplevel = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                              _("Could Not Take This Step"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_clicked_cb (ZxFundPage *self)
{
  g_autofree char *my_id = me (self);
  GtkWidget *editor = zx_fund_proposal_editor_new (self->context, NULL, my_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_clicked_cb (ZxFundPage *self)
{
  g_autoptr(GListStore) list = NULL;
  const char *params[] = { self->selected_id, NULL };
  g_autoptr(ZxRecord) record = NULL;
  GtkWidget *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->selected_id == NULL)
    return;
  list = zx_store_list (self->store, "fund_proposal", "id = ?", params);
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    return;
  record = g_list_model_get_item (G_LIST_MODEL (list), 0);
  editor = zx_fund_proposal_editor_new (self->context, record, NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
step (ZxFundPage   *self,
      ZxFundAction  action,
      const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *my_id = me (self);
  g_autofree char *id = g_strdup (self->selected_id);
  gboolean ok = FALSE;

  if (id == NULL)
    return;
  switch (action)
    {
    case ZX_FUND_SUBMIT: ok = zx_fund_submit (self->store, id, my_id, &error); break;
    case ZX_FUND_APPROVE: ok = zx_fund_approve (self->store, id, my_id, text, &error); break;
    case ZX_FUND_REJECT: ok = zx_fund_reject (self->store, id, my_id, text, &error); break;
    case ZX_FUND_START_PILOT: ok = zx_fund_start_pilot (self->store, id, my_id, &error); break;
    case ZX_FUND_REPORT: ok = zx_fund_report (self->store, id, my_id, text, &error); break;
    case ZX_FUND_EDIT:
    default: break;
    }
  if (!ok && error != NULL)
    show_error (self, error);
}

static void
text_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ZxFundPage       *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  ZxFundAction action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "action"));

  if (g_str_equal (response, "ok"))
    step (self, action, gtk_editable_get_text (entry));
}

static void
ask_text (ZxFundPage   *self,
          ZxFundAction  action,
          const char   *heading,
          const char   *body,
          const char   *label,
          const char   *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "ok", button, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              action == ZX_FUND_REJECT ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "action", GINT_TO_POINTER (action));
  g_signal_connect_object (dialog, "response", G_CALLBACK (text_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void submit_clicked_cb (ZxFundPage *self) { step (self, ZX_FUND_SUBMIT, NULL); }
static void pilot_clicked_cb (ZxFundPage *self) { step (self, ZX_FUND_START_PILOT, NULL); }

static void
approve_clicked_cb (ZxFundPage *self)
{
  ask_text (self, ZX_FUND_APPROVE, _("Approve the Proposal?"),
            _("It goes on to the next tier, or is approved when yours is the last."),
            _("Comment (optional)"), _("_Approve"));
}

static void
reject_clicked_cb (ZxFundPage *self)
{
  ask_text (self, ZX_FUND_REJECT, _("Reject the Proposal?"),
            _("The applicant sees your reason."), _("Reason"), _("_Reject"));
}

static void
report_clicked_cb (ZxFundPage *self)
{
  ask_text (self, ZX_FUND_REPORT, _("Report the Result"),
            _("What changed during the pilot, measured how?"), C_("fund", "Result"), _("_Report"));
}

static GtkWidget *
action_button (ZxFundPage *self,
               const char *label,
               GCallback   callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_flow_box_append (self->actions_box, button);
  return button;
}

/* Object ----------------------------------------------------------------------------------------- */

static void
store_changed_cb (ZxFundPage *self)
{
  refresh (self);
}

static void
setting_changed_cb (ZxFundPage *self)
{
  load_staff (self);
  update_me (self);
  refresh (self);
}

static void
zx_fund_page_constructed (GObject *object)
{
  ZxFundPage *self = ZX_FUND_PAGE (object);

  G_OBJECT_CLASS (zx_fund_page_parent_class)->constructed (object);

  self->store = g_object_ref (zx_context_get_store (self->context));
  self->settings = zx_context_get_settings (self->context);
  if (self->settings != NULL)
    {
      g_object_ref (self->settings);
      g_signal_connect_object (self->settings, "changed::account-staff", G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::account-role", G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);

  load_staff (self);
  update_me (self);
  /* start where there is something for the person acting: what awaits
   * their decision, else their own, else everything */
  {
    static const guint order[] = { FILTER_AWAITING, FILTER_MINE, FILTER_ALL };

    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        gtk_drop_down_set_selected (self->filter_dropdown, order[i]);
        refresh (self);
        if (self->shown_ids->len > 0)
          break;
      }
  }
}

static void
zx_fund_page_dispose (GObject *object)
{
  ZxFundPage *self = ZX_FUND_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->filter_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_dropdown, self);
  if (self->acting_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->acting_dropdown, self);
  if (self->proposals_list != NULL)
    g_signal_handlers_disconnect_by_data (self->proposals_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_FUND_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->staff_ids, g_ptr_array_unref);
  g_clear_pointer (&self->shown_ids, g_ptr_array_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (zx_fund_page_parent_class)->dispose (object);
}

static void
zx_fund_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ZxFundPage *self = ZX_FUND_PAGE (object);

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
zx_fund_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ZxFundPage *self = ZX_FUND_PAGE (object);

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
zx_fund_page_class_init (ZxFundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_fund_page_constructed;
  object_class->dispose = zx_fund_page_dispose;
  object_class->get_property = zx_fund_page_get_property;
  object_class->set_property = zx_fund_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/empowerment/zx-fund-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, acting_label);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, acting_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, me_label);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, proposals_list);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, stepper);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, proposal_group);
  gtk_widget_class_bind_template_child (widget_class, ZxFundPage, lines_group);
}

static void
zx_fund_page_init (ZxFundPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown_ids = g_ptr_array_new_with_free_func (g_free);
  self->detail_rows = g_ptr_array_new ();

  self->edit_button = action_button (self, _("_Edit"), G_CALLBACK (edit_clicked_cb));
  self->submit_button = action_button (self, _("_Submit"), G_CALLBACK (submit_clicked_cb));
  self->approve_button = action_button (self, _("_Approve…"), G_CALLBACK (approve_clicked_cb));
  self->reject_button = action_button (self, _("Re_ject…"), G_CALLBACK (reject_clicked_cb));
  self->pilot_button = action_button (self, _("Start _Pilot"), G_CALLBACK (pilot_clicked_cb));
  self->report_button = action_button (self, _("Report _Result…"), G_CALLBACK (report_clicked_cb));
  gtk_widget_add_css_class (self->submit_button, "suggested-action");
  gtk_widget_add_css_class (self->approve_button, "suggested-action");
  gtk_widget_add_css_class (self->reject_button, "destructive-action");

  gtk_drawing_area_set_draw_func (self->stepper, draw_stepper, self, NULL);
  g_signal_connect_swapped (self->proposals_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->acting_dropdown, "notify::selected", G_CALLBACK (acting_changed_cb), self);
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (new_clicked_cb), self);
}

GtkWidget *
zx_fund_page_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_FUND_PAGE, "context", context, NULL);
}
