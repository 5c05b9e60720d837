/* zx-evaluation-page.c — the Evaluation area: the indicator library
 * (zx-indicators-page.c), the evaluation schemes and their forms, and the
 * evaluations of one scheme — compute, the head's assessment, HR's
 * adjustments with reasons, grades with the quota, locking, reports
 *
 * The scoring and every rule are core's (zx-evaluation.h); a locked scheme
 * is shown read-only with the reason.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-evaluation-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-empowerment-roles.h"
#include "zx-evaluation-page.h"
#include "zx-evaluation.h"
#include "zx-indicators-page.h"
#include "zx-report-document.h"
#include "zx-scheme-editor.h"
#include "zx-window.h"

struct _ZxEvaluationPage
{
  AdwBin                parent_instance;

  ZxContext            *context;
  ZxStore              *store;       /* followed for ::changed */
  gboolean              folded;
  gboolean              refreshing;
  guint                 refresh_id;
  GPtrArray            *scheme_ids;
  char                 *scheme_id;   /* shown in the Evaluations tab */
  GHashTable           *names;       /* staff and department id → name */
  GListStore           *rows;        /* ZxRecord of evaluation */
  GtkSingleSelection   *selection;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkListBox           *schemes_list;
  GtkDropDown          *scheme_dropdown;
  GtkLabel             *status_label;
  GtkColumnView        *column_view;
  GtkButton            *compute_button;
  GtkButton            *assess_button;
  GtkButton            *adjust_button;
  GtkButton            *grades_button;
  GtkButton            *lock_button;
  GtkMenuButton        *reports_button;
};

G_DEFINE_FINAL_TYPE (ZxEvaluationPage, zx_evaluation_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const views[] = { "indicators", "schemes", "evaluations", NULL };

static void refresh (ZxEvaluationPage *self);

/* Labels ---------------------------------------------------------------------- */

static const char *
scheme_status_label (const char *status)
{
  if (g_strcmp0 (status, "locked") == 0)
    return _("Locked");
  if (g_strcmp0 (status, "running") == 0)
    return _("In progress");
  return _("Draft");
}

static char *
score_text (ZxRecord   *record,
            const char *field)
{
  JsonNode *node = json_object_get_member (zx_record_get_object (record), field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f", json_node_get_double (node));
}

static ZxRecord *
selected_record (ZxEvaluationPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

const char *
zx_evaluation_page_get_selected (ZxEvaluationPage *self)
{
  ZxRecord *record;

  g_return_val_if_fail (ZX_IS_EVALUATION_PAGE (self), NULL);
  record = selected_record (self);
  return record ? zx_record_get_id (record) : NULL;
}

static gboolean
scheme_locked (ZxEvaluationPage *self)
{
  return self->scheme_id != NULL && zx_evaluation_scheme_is_locked (self->store, self->scheme_id);
}

/* Why HR's actions are not allowed, or NULL */
static char *
hr_refusal (ZxEvaluationPage *self)
{
  if (self->scheme_id == NULL)
    return g_strdup (_("Choose an evaluation scheme first."));
  if (scheme_locked (self))
    return g_strdup (_("This evaluation is locked: its results are final and cannot change."));
  return zx_empowerment_write_refusal (self->context, "evaluation", NULL);
}

static void
update_actions (ZxEvaluationPage *self)
{
  g_autofree char *refusal = hr_refusal (self);
  ZxRecord *record = selected_record (self);
  gboolean has_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0;
  g_autofree char *row_refusal = NULL;
  g_autofree char *new_refusal = zx_empowerment_write_refusal (self->context, "eval_scheme", NULL);

  if (refusal == NULL && record == NULL)
    row_refusal = g_strdup (_("Select a person or department in the list first."));
  else if (refusal == NULL)
    row_refusal = zx_empowerment_write_refusal (self->context, "evaluation",
                                                zx_record_get_string (record, ZX_COLUMN_SCOPE));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.compute", refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.assess", refusal == NULL && row_refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.adjust", refusal == NULL && row_refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.grades", refusal == NULL && has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.lock", refusal == NULL && has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.new-scheme", new_refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.print-person", record != NULL &&
                                 zx_record_get_string (record, "staff_id") != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.print-department", record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.print-hospital", has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluation.export", has_rows);

  /* the buttons say why, when they cannot */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compute_button),
                               refusal ? refusal : _("Compute everyone’s scores from the OKRs and indicators"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->grades_button),
                               refusal ? refusal : _("Assign grades A–D by the scheme’s bands"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lock_button),
                               refusal ? refusal : _("Lock the cycle’s results: nothing can change afterwards"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->adjust_button),
                               refusal ? refusal : row_refusal ? row_refusal
                                         : _("Adjust the total, with a reason kept in the audit trail"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->assess_button),
                               refusal ? refusal : row_refusal ? row_refusal
                                         : _("The department head’s assessment and comment"));
}

static void
update_status (ZxEvaluationPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_a = 0, allowed = 0, total = 0;
  ZxEvalRules rules;

  if (self->scheme_id == NULL)
    {
      gtk_label_set_label (self->status_label, _("No evaluation scheme yet: make one in the Schemes tab."));
      return;
    }
  if (!zx_evaluation_get_rules (self->store, self->scheme_id, &rules, NULL))
    return;

  g_string_append_printf (text, _("OKR %.0f%% · indicators %.0f%% · department assessment %.0f%% · "
                                  "challenge key results count as full from %.0f%% progress"),
                          rules.okr_weight * 100, rules.indicator_weight * 100, rules.assessment_weight * 100,
                          rules.challenge_credit * 100);
  if (n == 0)
    g_string_append_printf (text, " — %s", _("not computed yet"));
  else
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u evaluated", "%u evaluated", n), n);

      g_string_append_printf (text, " — %s", count);
    }
  if (n > 0 && rules.quota_a > 0 && !zx_evaluation_check_quota (self->store, self->scheme_id, &n_a, &allowed, &total))
    {
      g_autofree char *over = g_strdup_printf (_("Over the quota: %u hold grade A, the quota allows %u"), n_a, allowed);

      g_string_append_printf (text, " · %s", over);
    }
  if (scheme_locked (self))
    g_string_append_printf (text, " · %s", _("Locked: the results are final and cannot change."));
  gtk_label_set_label (self->status_label, text->str);
}

static void
load_names (ZxEvaluationPage *self)
{
  const char * const entities[] = { "staff", "department" };

  g_hash_table_remove_all (self->names);
  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      g_autoptr(GListStore) rows = zx_store_list (self->store, entities[e], NULL, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
        {
          g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (rows), i);

          g_hash_table_insert (self->names, g_strdup (zx_record_get_id (r)),
                               g_strdup (zx_record_get_string (r, "name")));
          if (e == 0)
            g_hash_table_insert (self->names, g_strconcat ("no:", zx_record_get_id (r), NULL),
                                 g_strdup (zx_record_get_string (r, "employee_no")));
          else   /* the hospital's order of departments, for sorting */
            g_hash_table_insert (self->names, g_strconcat ("pos:", zx_record_get_id (r), NULL),
                                 g_strdup_printf ("%06u", i));
        }
    }
}

/* By the hospital’s order of departments, then employee number */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ZxEvaluationPage *self = user_data;
  ZxRecord *x = (ZxRecord *) a, *y = (ZxRecord *) b;
  g_autofree char *dx = g_strconcat ("pos:", zx_record_get_string (x, "department_id"), NULL);
  g_autofree char *dy = g_strconcat ("pos:", zx_record_get_string (y, "department_id"), NULL);
  int c = g_strcmp0 (g_hash_table_lookup (self->names, dx), g_hash_table_lookup (self->names, dy));
  g_autofree char *kx = NULL;
  g_autofree char *ky = NULL;

  if (c != 0)
    return c;
  kx = g_strconcat ("no:", zx_record_get_string (x, "staff_id") ? zx_record_get_string (x, "staff_id") : "", NULL);
  ky = g_strconcat ("no:", zx_record_get_string (y, "staff_id") ? zx_record_get_string (y, "staff_id") : "", NULL);
  return g_strcmp0 (g_hash_table_lookup (self->names, kx), g_hash_table_lookup (self->names, ky));
}

static void
load_rows (ZxEvaluationPage *self)
{
  g_autofree char *selected = g_strdup (zx_evaluation_page_get_selected (self));
  g_autoptr(GListStore) rows = NULL;
  guint n;

  g_list_store_remove_all (self->rows);
  if (self->scheme_id != NULL)
    {
      const char *params[] = { self->scheme_id, NULL };

      rows = zx_store_list (self->store, "evaluation", "scheme_id = ?", params);
      n = g_list_model_get_n_items (G_LIST_MODEL (rows));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (rows), i);

          g_list_store_append (self->rows, r);
        }
    }

  g_list_store_sort (self->rows, compare_rows, self);

  /* keep the selection across a refresh */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (g_strcmp0 (zx_record_get_id (r), selected) == 0)
        gtk_single_selection_set_selected (self->selection, i);
    }
}

static void
load_schemes (ZxEvaluationPage *self)
{
  g_autoptr(GListStore) schemes = zx_store_list (self->store, "eval_scheme", NULL, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *child;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (schemes));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->schemes_list))) != NULL)
    gtk_list_box_remove (self->schemes_list, child);
  g_ptr_array_set_size (self->scheme_ids, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (schemes), i);
      g_autofree char *cycle = zx_store_get_display (self->store, "cycle", zx_record_get_string (r, "cycle_id"));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", cycle ? cycle : "",
                                                   g_strcmp0 (zx_record_get_string (r, "subject"), "department") == 0
                                                     ? _("Departments") : _("People"),
                                                   scheme_status_label (zx_record_get_string (r, "status")));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zx_record_get_string (r, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (g_strcmp0 (zx_record_get_string (r, "status"), "locked") == 0)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("changes-prevent-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      g_object_set_data_full (G_OBJECT (row), "scheme-id", g_strdup (zx_record_get_id (r)), g_free);
      gtk_list_box_append (self->schemes_list, row);

      g_ptr_array_add (self->scheme_ids, g_strdup (zx_record_get_id (r)));
      gtk_string_list_append (labels, zx_record_get_string (r, "name"));
      if (g_strcmp0 (self->scheme_id, zx_record_get_id (r)) == 0)
        position = i;
    }

  /* Without a choice yet: the latest locked one, so real figures show */
  if (position == GTK_INVALID_LIST_POSITION && n > 0)
    {
      position = 0;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (schemes), i);

          if (g_strcmp0 (zx_record_get_string (r, "status"), "locked") == 0)
            position = i;
        }
    }
  g_free (self->scheme_id);
  self->scheme_id = position != GTK_INVALID_LIST_POSITION ? g_strdup (g_ptr_array_index (self->scheme_ids, position)) : NULL;

  self->refreshing = TRUE;
  gtk_drop_down_set_model (self->scheme_dropdown, G_LIST_MODEL (labels));
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->scheme_dropdown, position);
  self->refreshing = FALSE;
}

static void
refresh (ZxEvaluationPage *self)
{
  load_schemes (self);
  load_names (self);
  load_rows (self);
  update_status (self);
  update_actions (self);
}

static gboolean
refresh_idle (gpointer data)
{
  ZxEvaluationPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (ZxEvaluationPage *self,
                  const char       *entity)
{
  if (entity != NULL && !g_str_has_prefix (entity, "eval") && !g_str_equal (entity, "staff") &&
      !g_str_equal (entity, "department") && !g_str_equal (entity, "cycle"))
    return;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
reloaded_cb (ZxEvaluationPage *self)
{
  store_changed_cb (self, NULL);
}

static void
follow_store (ZxEvaluationPage *self)
{
  ZxStore *store = zx_context_get_store (self->context);

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_signal_connect_swapped (store, "reloaded", G_CALLBACK (reloaded_cb), self);
  refresh (self);
}

/* Template callbacks ----------------------------------------------------------- */

static void
scheme_selected_cb (ZxEvaluationPage *self)
{
  guint position = gtk_drop_down_get_selected (self->scheme_dropdown);

  if (self->refreshing || position >= self->scheme_ids->len)
    return;
  g_free (self->scheme_id);
  self->scheme_id = g_strdup (g_ptr_array_index (self->scheme_ids, position));
  load_rows (self);
  update_status (self);
  update_actions (self);
}

void
zx_evaluation_page_select_scheme (ZxEvaluationPage *self,
                                  const char       *scheme_id)
{
  g_return_if_fail (ZX_IS_EVALUATION_PAGE (self));

  for (guint i = 0; i < self->scheme_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->scheme_ids, i), scheme_id) == 0)
      gtk_drop_down_set_selected (self->scheme_dropdown, i);
}

static void
scheme_activated_cb (ZxEvaluationPage *self,
                     GtkListBoxRow    *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "scheme-id");
  g_autoptr(GListStore) one = NULL;
  const char *params[] = { id, NULL };
  g_autoptr(ZxRecord) record = NULL;
  GtkWidget *editor;

  one = zx_store_list (self->store, "eval_scheme", "id = ?", params);
  if (g_list_model_get_n_items (G_LIST_MODEL (one)) == 0)
    return;
  record = g_list_model_get_item (G_LIST_MODEL (one), 0);
  editor = zx_scheme_editor_new (self->context, record);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_error (ZxEvaluationPage *self,
            const char       *heading,
            GError           *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions ----------------------------------------------------------------------- */

static void
new_scheme_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  GtkWidget *editor = zx_scheme_editor_new (ZX_EVALUATION_PAGE (widget)->context, NULL);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
compute_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!zx_evaluation_compute (self->store, self->scheme_id, &n, &error))
    {
      show_error (self, _("Could Not Compute the Scores"), error);
      return;
    }
  message = g_strdup_printf (ngettext ("Computed the scores of %u evaluated", "Computed the scores of %u evaluated", n), n);
  zx_widget_show_message (widget, message);
  refresh (self);
}

static void
grades_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint n_a = 0, allowed = 0, n = 0;

  if (!zx_evaluation_assign_grades (self->store, self->scheme_id, &error))
    {
      show_error (self, _("Could Not Assign the Grades"), error);
      return;
    }
  if (!zx_evaluation_check_quota (self->store, self->scheme_id, &n_a, &allowed, &n))
    {
      g_autofree char *body = g_strdup_printf (_("%u of %u hold grade A, but the scheme’s quota allows %u. "
                                                 "Review the adjustments before locking."), n_a, n, allowed);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                  _("Over the Grade A Quota"), body);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else
    zx_widget_show_message (widget, _("Grades assigned"));
  refresh (self);
}

static void
lock_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ZxEvaluationPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "lock") != 0)
    return;
  if (!zx_evaluation_lock (self->store, self->scheme_id, &error))
    {
      show_error (self, _("Could Not Lock the Evaluation"), error);
      return;
    }
  zx_widget_show_message (GTK_WIDGET (self), _("Evaluation locked"));
  refresh (self);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                              _("Lock the Evaluation?"),
                                              _("The scores, adjustments and grades become final: nobody can "
                                                "change them afterwards, here or on the server."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "lock", _("_Lock"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lock", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (lock_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The assessment and adjustment dialogs: a number and a text */
typedef struct
{
  ZxEvaluationPage *self;
  char             *evaluation_id;
  GtkSpinButton    *spin;
  GtkEditable      *text;
  gboolean          adjust;
} EditData;

static void
edit_data_free (EditData *data)
{
  g_object_unref (data->self);
  g_free (data->evaluation_id);
  g_free (data);
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  EditData         *data)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (data->text);
  double value = gtk_spin_button_get_value (data->spin);
  gboolean ok;

  if (g_strcmp0 (response, "save") != 0)
    return;
  if (data->adjust)
    ok = zx_evaluation_adjust (data->self->store, data->evaluation_id, value, text, &error);
  else
    ok = zx_evaluation_assess (data->self->store, data->evaluation_id, value, text, &error);
  if (!ok)
    {
      show_error (data->self, data->adjust ? _("Could Not Adjust the Score") : _("Could Not Save the Assessment"), error);
      return;
    }
  zx_widget_show_message (GTK_WIDGET (data->self), data->adjust ? _("Adjustment saved") : _("Assessment saved"));
  refresh (data->self);
}

static void
reason_changed_cb (GtkEditable      *editable,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

static void
open_edit (ZxEvaluationPage *self,
           gboolean          adjust)
{
  ZxRecord *record = selected_record (self);
  const char *subject;
  const char *name;
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *spin_row, *spin, *group, *text_row;
  EditData *data;

  if (record == NULL)
    return;
  subject = zx_record_get_string (record, "staff_id");
  if (subject == NULL)
    subject = zx_record_get_string (record, "department_id");
  name = g_hash_table_lookup (self->names, subject);
  heading = g_strdup_printf (adjust ? _("Adjust %s’s Total") : _("Assess %s"), name ? name : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   adjust ? _("Points added to or taken from the total (−100 to 100). "
                                              "The reason is kept in the audit trail.")
                                          : _("The department head’s score from 0 to 100, with a comment."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (group), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (group, "boxed-list");
  spin_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (spin_row), adjust ? _("Adjustment") : _("Department assessment"));
  spin = adjust ? gtk_spin_button_new_with_range (-100, 100, 0.5) : gtk_spin_button_new_with_range (0, 100, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             adjust ? zx_record_get_double (record, "adjustment")
                                    : (!zx_record_is_null (record, "assessment_score")
                                         ? zx_record_get_double (record, "assessment_score") : 85));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, spin_row, NULL, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (spin_row), spin);
  gtk_list_box_append (GTK_LIST_BOX (group), spin_row);
  text_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (text_row), adjust ? _("Reason") : _("Comment"));
  if (!adjust && zx_record_get_string (record, "head_comment") != NULL)
    gtk_editable_set_text (GTK_EDITABLE (text_row), zx_record_get_string (record, "head_comment"));
  gtk_list_box_append (GTK_LIST_BOX (group), text_row);
  gtk_box_append (GTK_BOX (box), group);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (adjust)
    {
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
      g_signal_connect (text_row, "changed", G_CALLBACK (reason_changed_cb), dialog);
    }

  data = g_new0 (EditData, 1);
  data->self = g_object_ref (self);
  data->evaluation_id = g_strdup (zx_record_get_id (record));
  data->spin = GTK_SPIN_BUTTON (spin);
  data->text = GTK_EDITABLE (text_row);
  data->adjust = adjust;
  g_signal_connect_data (dialog, "response", G_CALLBACK (edit_response_cb), data,
                         (GClosureNotify) (void (*) (void)) edit_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
assess_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  open_edit (ZX_EVALUATION_PAGE (widget), FALSE);
}

static void
adjust_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  open_edit (ZX_EVALUATION_PAGE (widget), TRUE);
}

static void
row_activated_cb (ZxEvaluationPage *self,
                  guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->adjust_button)) &&
      gtk_widget_activate_action (GTK_WIDGET (self), "evaluation.adjust", NULL))
    return;
}

static void
report_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (widget);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  ZxRecord *record = selected_record (self);

  if (g_str_equal (action, "evaluation.export"))
    zx_report_export_ask (parent, self->context, self->scheme_id, NULL);
  else if (g_str_equal (action, "evaluation.print-hospital"))
    zx_report_print (parent, self->context, self->scheme_id, ZX_REPORT_HOSPITAL, NULL);
  else if (record != NULL && g_str_equal (action, "evaluation.print-department"))
    zx_report_print (parent, self->context, self->scheme_id, ZX_REPORT_DEPARTMENT,
                     zx_record_get_string (record, "department_id"));
  else if (record != NULL && zx_record_get_string (record, "staff_id") != NULL)
    zx_report_print (parent, self->context, self->scheme_id, ZX_REPORT_PERSON,
                     zx_record_get_string (record, "staff_id"));
}

static void
view_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  zx_evaluation_page_set_view (ZX_EVALUATION_PAGE (widget), g_variant_get_string (parameter, NULL));
}

void
zx_evaluation_page_set_view (ZxEvaluationPage *self,
                             const char       *name)
{
  g_return_if_fail (ZX_IS_EVALUATION_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* The table ----------------------------------------------------------------------- */

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *key = user_data;

  gtk_label_set_xalign (GTK_LABEL (label), g_str_equal (key, "name") || g_str_equal (key, "department") ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  ZxEvaluationPage *self = g_object_get_data (G_OBJECT (factory), "page");
  ZxRecord *record = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *key = user_data;
  g_autofree char *text = NULL;

  if (g_str_equal (key, "name"))
    {
      const char *staff = zx_record_get_string (record, "staff_id");

      text = g_strdup (g_hash_table_lookup (self->names, staff ? staff : zx_record_get_string (record, "department_id")));
    }
  else if (g_str_equal (key, "department"))
    text = g_strdup (g_hash_table_lookup (self->names, zx_record_get_string (record, "department_id")));
  else if (g_str_equal (key, "grade"))
    text = g_strdup (zx_record_get_string (record, "grade") ? zx_record_get_string (record, "grade") : "—");
  else if (g_str_equal (key, "adjustment"))
    {
      double v = zx_record_get_double (record, "adjustment");

      text = v == 0 ? g_strdup ("—") : g_strdup_printf ("%+.1f", v);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), zx_record_get_string (record, "adjust_reason"));
    }
  else
    text = score_text (record, key);

  gtk_label_set_label (label, text ? text : "");
}

static void
add_column (ZxEvaluationPage *self,
            const char       *key,
            const char       *title,
            gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), (gpointer) key);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), (gpointer) key);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
selection_changed_cb (ZxEvaluationPage *self)
{
  update_actions (self);
}

/* GObject ------------------------------------------------------------------------- */

static void
zx_evaluation_page_constructed (GObject *object)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (object);
  AdwViewStackPage *page;

  G_OBJECT_CLASS (zx_evaluation_page_parent_class)->constructed (object);

  /* The indicator library comes first, as the work does */
  page = adw_view_stack_add_titled (self->view_stack, zx_indicators_page_new (self->context), "indicators", _("Indicators"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
  /* AdwViewStack keeps pages in the order added: move the two others after it */
  {
    GtkWidget *schemes = adw_view_stack_get_child_by_name (self->view_stack, "schemes");
    GtkWidget *evaluations = adw_view_stack_get_child_by_name (self->view_stack, "evaluations");
    g_autofree char *s_title = g_strdup (_("Schemes"));
    g_autofree char *e_title = g_strdup (_("Evaluations"));

    g_object_ref (schemes);
    g_object_ref (evaluations);
    adw_view_stack_remove (self->view_stack, schemes);
    adw_view_stack_remove (self->view_stack, evaluations);
    page = adw_view_stack_add_titled (self->view_stack, schemes, "schemes", s_title);
    adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
    page = adw_view_stack_add_titled (self->view_stack, evaluations, "evaluations", e_title);
    adw_view_stack_page_set_icon_name (page, "starred-symbolic");
    g_object_unref (schemes);
    g_object_unref (evaluations);
  }
  adw_view_stack_set_visible_child_name (self->view_stack, "evaluations");

  zx_page_add_view_shortcuts (GTK_WIDGET (self), "evaluation.view", views);
  g_signal_connect_object (self->context, "notify::store", G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);
  follow_store (self);
}

static void
zx_evaluation_page_dispose (GObject *object)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZX_TYPE_EVALUATION_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (zx_evaluation_page_parent_class)->dispose (object);
}

static void
zx_evaluation_page_finalize (GObject *object)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (object);

  g_ptr_array_unref (self->scheme_ids);
  g_hash_table_unref (self->names);
  g_free (self->scheme_id);
  G_OBJECT_CLASS (zx_evaluation_page_parent_class)->finalize (object);
}

static void
zx_evaluation_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (object);

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
zx_evaluation_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ZxEvaluationPage *self = ZX_EVALUATION_PAGE (object);

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
zx_evaluation_page_class_init (ZxEvaluationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_evaluation_page_constructed;
  object_class->dispose = zx_evaluation_page_dispose;
  object_class->finalize = zx_evaluation_page_finalize;
  object_class->get_property = zx_evaluation_page_get_property;
  object_class->set_property = zx_evaluation_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "evaluation.view", "s", view_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.new-scheme", NULL, new_scheme_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.compute", NULL, compute_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.assess", NULL, assess_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.adjust", NULL, adjust_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.grades", NULL, grades_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.print-person", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.print-department", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.print-hospital", NULL, report_activated);
  gtk_widget_class_install_action (widget_class, "evaluation.export", NULL, report_activated);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/evaluation/zx-evaluation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, schemes_list);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, scheme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, compute_button);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, assess_button);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, adjust_button);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, grades_button);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, lock_button);
  gtk_widget_class_bind_template_child (widget_class, ZxEvaluationPage, reports_button);
  gtk_widget_class_bind_template_callback (widget_class, scheme_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, scheme_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
zx_evaluation_page_init (ZxEvaluationPage *self)
{
  self->scheme_ids = g_ptr_array_new_with_free_func (g_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rows = g_list_store_new (ZX_TYPE_RECORD);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  add_column (self, "name", C_("evaluation column", "Evaluated"), TRUE);
  add_column (self, "department", _("Department"), TRUE);
  add_column (self, "okr_score", _("OKR"), FALSE);
  add_column (self, "indicator_score", _("Indicators"), FALSE);
  add_column (self, "assessment_score", _("Assessment"), FALSE);
  add_column (self, "adjustment", _("Adjustment"), FALSE);
  add_column (self, "total", _("Total"), FALSE);
  add_column (self, "grade", _("Grade"), FALSE);
}

GtkWidget *
zx_evaluation_page_new (ZxContext *context)
{
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_EVALUATION_PAGE, "context", context, NULL);
}
