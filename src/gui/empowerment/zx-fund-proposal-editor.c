/* zx-fund-proposal-editor.c — create or edit a draft fund proposal
 *
 * The amount is the sum of the budget lines; saving writes the proposal
 * and replaces its lines in one transaction.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-fund-proposal-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "zx-form.h"
#include "zx-fund-proposal-editor.h"
#include "zx-rank.h"

struct _ZxFundProposalEditor
{
  ZxRecordEditor  parent_instance;

  ZxRefChoices    krs;
  char           *applicant_id;
  char           *department_id;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *title_row;
  AdwEntryRow    *problem_row;
  AdwEntryRow    *plan_row;
  AdwComboRow    *kr_row;
  GtkListBox     *lines_box;
  GtkButton      *add_line_button;
  AdwActionRow   *amount_row;
  GtkLabel       *amount_label;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ZxFundProposalEditor, zx_fund_proposal_editor, ZX_TYPE_RECORD_EDITOR)

static double
lines_total (ZxFundProposalEditor *self)
{
  double total = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "amount");

      if (spin != NULL)
        total += gtk_spin_button_get_value (spin);
    }
  return total;
}

static JsonObject *
zx_fund_proposal_editor_collect (ZxRecordEditor *editor)
{
  ZxFundProposalEditor *self = ZX_FUND_PROPOSAL_EDITOR (editor);
  JsonObject *fields = json_object_new ();
  const char *kr = zx_ref_choices_id (&self->krs, adw_combo_row_get_selected (self->kr_row));
  double total = lines_total (self);
  g_autofree char *text = g_strdup_printf (_("%.2f 元"), total);

  gtk_label_set_text (self->amount_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)) != NULL);
  zx_form_take_text (fields, "title", GTK_EDITABLE (self->title_row));
  zx_form_take_text (fields, "problem", GTK_EDITABLE (self->problem_row));
  zx_form_take_text (fields, "plan", GTK_EDITABLE (self->plan_row));
  if (kr != NULL)
    json_object_set_string_member (fields, "key_result_id", kr);
  else
    json_object_set_null_member (fields, "key_result_id");
  json_object_set_double_member (fields, "amount", round (total * 100) / 100);
  if (zx_record_editor_get_record (editor) == NULL)
    {
      json_object_set_string_member (fields, "state", "draft");
      if (self->applicant_id != NULL)
        json_object_set_string_member (fields, "applicant_id", self->applicant_id);
      if (self->department_id != NULL)
        json_object_set_string_member (fields, "department_id", self->department_id);
    }
  return fields;
}

static void
remove_line_clicked_cb (GtkButton *button,
                        gpointer   user_data)
{
  ZxFundProposalEditor *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->lines_box, row);
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static void
line_changed_cb (ZxFundProposalEditor *self)
{
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

void
zx_fund_proposal_editor_add_line (ZxFundProposalEditor *self,
                                  const char           *item,
                                  double                amount)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1e9, 100);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_return_if_fail (ZX_IS_FUND_PROPOSAL_EDITOR (self));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Item"));
  gtk_editable_set_text (GTK_EDITABLE (entry), item ? item : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Budget item"), -1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), amount);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Amount in yuan"), -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this budget line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this budget line"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "item", entry);
  g_object_set_data (G_OBJECT (row), "amount", spin);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (line_changed_cb), self);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (line_changed_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_line_clicked_cb), self);
  gtk_list_box_append (self->lines_box, row);
  zx_record_editor_changed (ZX_RECORD_EDITOR (self));
}

static void
add_line_clicked_cb (ZxFundProposalEditor *self)
{
  GtkWidget *last;

  zx_fund_proposal_editor_add_line (self, NULL, 0);
  for (last = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box));
       last != NULL && gtk_widget_get_next_sibling (last) != NULL;
       last = gtk_widget_get_next_sibling (last))
    ;
  if (last != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (last), "item"));
}

/* The key results a proposal of @department_id may support: its
 * department's and the hospital's (not the thousands of every ward) */
static void
load_krs (ZxFundProposalEditor *self,
          const char           *department_id,
          const char           *current)
{
  ZxStore *store = zx_record_editor_get_store (ZX_RECORD_EDITOR (self));
  const char *params[] = { department_id ? department_id : "", current ? current : "", NULL };
  guint position;

  zx_ref_choices_clear (&self->krs);
  zx_ref_choices_load (&self->krs, store, "key_result",
                       "(objective_id IN (SELECT id FROM objective WHERE deleted = 0"
                       " AND (department_id = ? OR level = 'hospital')) OR id = ?)", params, _("None"));
  adw_combo_row_set_model (self->kr_row, G_LIST_MODEL (self->krs.labels));
  position = zx_ref_choices_find (&self->krs, current);
  adw_combo_row_set_selected (self->kr_row, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
zx_fund_proposal_editor_load (ZxRecordEditor *editor,
                              ZxRecord       *record)
{
  ZxFundProposalEditor *self = ZX_FUND_PROPOSAL_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);

  load_krs (self, record ? zx_record_get_string (record, "department_id") : NULL,
            record ? zx_record_get_string (record, "key_result_id") : NULL);

  if (record != NULL)
    {
      const char *id = zx_record_get_id (record);
      const char *params[] = { id, NULL };
      g_autoptr(GListStore) lines = zx_store_list (store, "fund_budget_line", "proposal_id = ?", params);
      const char *problem = zx_record_get_string (record, "problem");
      const char *plan = zx_record_get_string (record, "plan");

      adw_window_title_set_title (self->window_title, _("Edit Proposal"));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), zx_record_get_string (record, "title"));
      gtk_editable_set_text (GTK_EDITABLE (self->problem_row), problem ? problem : "");
      gtk_editable_set_text (GTK_EDITABLE (self->plan_row), plan ? plan : "");
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lines)); i++)
        {
          g_autoptr(ZxRecord) line = g_list_model_get_item (G_LIST_MODEL (lines), i);

          zx_fund_proposal_editor_add_line (self, zx_record_get_string (line, "item"),
                                            zx_record_get_double (line, "amount"));
        }
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Proposal"));
    }
}

static char *
zx_fund_proposal_editor_save (ZxRecordEditor  *editor,
                              JsonObject      *fields,
                              GError         **error)
{
  ZxFundProposalEditor *self = ZX_FUND_PROPOSAL_EDITOR (editor);
  ZxStore *store = zx_record_editor_get_store (editor);
  ZxRecord *record = zx_record_editor_get_record (editor);
  g_autofree char *id = NULL;
  guint n = 0;

  if (!zx_store_begin (store, error))
    return NULL;
  if (record == NULL)
    id = zx_store_create (store, "fund_proposal", fields, error);
  else if (zx_store_update (store, "fund_proposal", zx_record_get_id (record), fields, error))
    id = g_strdup (zx_record_get_id (record));
  if (id == NULL)
    goto fail;

  if (record != NULL)
    {
      const char *params[] = { id, NULL };
      g_autoptr(GListStore) old = zx_store_list (store, "fund_budget_line", "proposal_id = ?", params);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (old)); i++)
        {
          g_autoptr(ZxRecord) line = g_list_model_get_item (G_LIST_MODEL (old), i);

          if (!zx_store_delete (store, "fund_budget_line", zx_record_get_id (line), error))
            goto fail;
        }
    }

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  {
    g_auto(GStrv) ranks = zx_rank_spread (MAX (n, 1));
    guint i = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); row != NULL;
         row = gtk_widget_get_next_sibling (row), i++)
      {
        g_autoptr(JsonObject) line = json_object_new ();
        g_autofree char *line_id = NULL;
        GtkEditable *item = g_object_get_data (G_OBJECT (row), "item");
        GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "amount");

        json_object_set_string_member (line, "proposal_id", id);
        zx_form_take_text (line, "item", item);
        json_object_set_double_member (line, "amount", gtk_spin_button_get_value (spin));
        json_object_set_string_member (line, "rank", ranks[i]);
        line_id = zx_store_create (store, "fund_budget_line", line, error);
        if (line_id == NULL)
          {
            g_prefix_error (error, _("Budget line %u: "), i + 1);
            goto fail;
          }
      }
  }
  if (!zx_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);

fail:
  zx_store_rollback (store);
  return NULL;
}

static void
zx_fund_proposal_editor_dispose (GObject *object)
{
  ZxFundProposalEditor *self = ZX_FUND_PROPOSAL_EDITOR (object);

  zx_ref_choices_clear (&self->krs);
  g_clear_pointer (&self->applicant_id, g_free);
  g_clear_pointer (&self->department_id, g_free);

  G_OBJECT_CLASS (zx_fund_proposal_editor_parent_class)->dispose (object);
}

static void
zx_fund_proposal_editor_class_init (ZxFundProposalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ZxRecordEditorClass *editor_class = ZX_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = zx_fund_proposal_editor_dispose;

  editor_class->entity = "fund_proposal";
  editor_class->load = zx_fund_proposal_editor_load;
  editor_class->collect = zx_fund_proposal_editor_collect;
  editor_class->save = zx_fund_proposal_editor_save;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/empowerment/zx-fund-proposal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, problem_row);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, plan_row);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, kr_row);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, lines_box);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, add_line_button);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, amount_label);
  gtk_widget_class_bind_template_child (widget_class, ZxFundProposalEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, add_line_clicked_cb);
  zx_record_editor_class_bind_callbacks (widget_class);
}

static void
zx_fund_proposal_editor_init (ZxFundProposalEditor *self)
{
  ZxRecordEditor *editor = ZX_RECORD_EDITOR (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  zx_record_editor_set_error_label (editor, self->error_label);
  zx_record_editor_add_row (editor, "title", GTK_WIDGET (self->title_row));
  zx_record_editor_add_row (editor, "problem", GTK_WIDGET (self->problem_row));
  zx_record_editor_add_row (editor, "plan", GTK_WIDGET (self->plan_row));
  zx_record_editor_add_row (editor, "key_result_id", GTK_WIDGET (self->kr_row));
  zx_record_editor_add_row (editor, "amount", GTK_WIDGET (self->amount_row));
}

GtkWidget *
zx_fund_proposal_editor_new (ZxContext  *context,
                             ZxRecord   *record,
                             const char *applicant_id)
{
  ZxFundProposalEditor *self;

  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record == NULL || ZX_IS_RECORD (record), NULL);

  self = g_object_new (ZX_TYPE_FUND_PROPOSAL_EDITOR, "context", context, "record", record, NULL);
  if (record == NULL && applicant_id != NULL)
    {
      g_autoptr(JsonObject) person = zx_store_get (zx_context_get_store (context), "staff", applicant_id, NULL);

      self->applicant_id = g_strdup (applicant_id);
      if (person != NULL)
        self->department_id = g_strdup (json_object_get_string_member_with_default (person, "department_id", NULL));
      load_krs (self, self->department_id, NULL);
      zx_record_editor_changed (ZX_RECORD_EDITOR (self));
    }
  return GTK_WIDGET (self);
}
