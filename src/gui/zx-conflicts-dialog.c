/* zx-conflicts-dialog.c — conflicts and refused changes, for the person to settle
 *
 * A text both you and someone else changed: the server kept theirs, and
 * yours waits here, side by side with theirs (who wrote it and when), until
 * you keep one.  Keep Mine writes yours again as a normal change (queued
 * and synced); Keep Theirs closes the conflict.  Below, the changes the
 * server refused, with its reason, to read and dismiss.  Nothing is lost
 * until the person decides.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zx-conflicts-dialog.h"
#include "zx-replica.h"
#include "zx-window.h"

struct _ZxConflictsDialog
{
  AdwWindow           parent_instance;

  ZxContext          *context;
  ZxSyncService      *service;
  GPtrArray          *groups;   /* AdwPreferencesGroup added to the page */
  GtkWidget          *first;    /* the first button of the page, or NULL */

  /* Template widgets */
  GtkStack           *stack;
  AdwPreferencesPage *page;
};

G_DEFINE_FINAL_TYPE (ZxConflictsDialog, zx_conflicts_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (ZxConflictsDialog *self);

/* Words ------------------------------------------------------------------------ */

/* A value as JSON text, for reading */
static char *
value_text (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return g_strdup (json != NULL ? json : "");
  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_HOLDS_NULL (root))
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (root);

      return g_strdup (*text != '\0' ? text : _("(empty)"));
    }
  return g_strdup (json);
}

/* "2026-05-14 14:05" in local time, or the text itself */
static char *
when_text (const char *iso8601)
{
  g_autoptr(GDateTime) utc = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso8601 != NULL ? iso8601 : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Who wrote something: a staff member's name when the text is one's id */
static char *
who_text (ZxStore    *store,
          const char *who)
{
  char *name;

  if (who == NULL || *who == '\0')
    return g_strdup (_("Someone else"));
  name = zx_store_get_display (store, "staff", who);
  return name != NULL ? name : g_strdup (who);
}

/* "Objective “Raise day surgery”", or the entity's label alone */
static char *
row_text (ZxStore    *store,
          const char *entity_name,
          const char *id)
{
  const ZxEntity *entity = zx_schema_lookup (entity_name);
  g_autofree char *display = NULL;
  const char *label = entity != NULL ? _(entity->label) : entity_name;

  if (entity != NULL && id != NULL)
    display = zx_store_get_display (store, entity_name, id);
  if (display != NULL && *display != '\0')
    /* Translators: an entity and a row's name, e.g. Objective “Raise day surgery” */
    return g_strdup_printf (_("%s “%s”"), label, display);
  return g_strdup (label);
}

static char *
refusal_title (ZxStore   *store,
               ZxRefusal *refusal)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) parts = g_strsplit (refusal->name != NULL ? refusal->name : "", ".", 2);
  const char *id = NULL;
  g_autofree char *row = NULL;
  JsonNode *root;

  if (refusal->args != NULL && json_parser_load_from_data (parser, refusal->args, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    id = json_object_get_string_member_with_default (json_node_get_object (root), "id", NULL);

  if (parts[0] == NULL || parts[1] == NULL || zx_schema_lookup (parts[0]) == NULL)
    return g_strdup (refusal->name != NULL ? refusal->name : "");

  row = row_text (store, parts[0], id);
  if (g_str_equal (parts[1], "create"))
    /* Translators: %s is e.g. Objective “Raise day surgery” */
    return g_strdup_printf (_("Adding %s"), row);
  if (g_str_equal (parts[1], "delete"))
    return g_strdup_printf (_("Deleting %s"), row);
  if (g_str_equal (parts[1], "restore"))
    return g_strdup_printf (_("Restoring %s"), row);
  return g_strdup_printf (_("Changing %s"), row);
}

/* Actions ---------------------------------------------------------------------- */

static void
show_error (ZxConflictsDialog *self,
            const char        *heading,
            const char        *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve_clicked_cb (GtkButton         *button,
                    ZxConflictsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "zx-conflict-id"));
  gboolean keep_mine = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "zx-keep-mine"));
  g_autoptr(GError) error = NULL;

  if (!zx_replica_resolve_conflict (zx_context_get_store (self->context), id, keep_mine, &error))
    show_error (self, _("Could Not Keep This Text"), error->message);
  else
    zx_widget_show_message (GTK_WIDGET (self),
                            keep_mine ? _("Your text is kept and will be sent to the server")
                                      : _("Their text is kept"));
  zx_sync_service_refresh (self->service);
  rebuild (self);
}

static void
dismiss_clicked_cb (GtkButton         *button,
                    ZxConflictsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "zx-refusal-id"));
  g_autoptr(GError) error = NULL;

  if (!zx_replica_dismiss_refusal (zx_context_get_store (self->context), id, &error))
    show_error (self, _("Could Not Dismiss"), error->message);
  zx_sync_service_refresh (self->service);
  rebuild (self);
}

/* Building --------------------------------------------------------------------- */

static GtkWidget *
side_box (const char *heading,
          const char *value,
          const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *text = gtk_label_new (value);
  GtkWidget *by = gtk_label_new (caption);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (by), 0);
  gtk_label_set_wrap (GTK_LABEL (by), TRUE);
  gtk_widget_add_css_class (by, "dim-label");
  gtk_widget_add_css_class (by, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), by);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, by, NULL,
                                  -1);
  return box;
}

static GtkWidget *
resolve_button (ZxConflictsDialog *self,
                ZxConflict        *conflict,
                gboolean           keep_mine,
                const char        *what)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (keep_mine ? _("Keep _Mine") : _("Keep _Theirs"));
  /* Translators: the accessible name of a button; %s is the text in question,
   * e.g. Title of Objective “Raise day surgery” */
  g_autofree char *label = g_strdup_printf (keep_mine ? _("Keep mine: %s") : _("Keep theirs: %s"), what);

  g_object_set_data (G_OBJECT (button), "zx-conflict-id", GSIZE_TO_POINTER ((gsize) conflict->id));
  g_object_set_data (G_OBJECT (button), "zx-keep-mine", GINT_TO_POINTER (keep_mine));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  if (self->first == NULL)
    self->first = button;
  return button;
}

static GtkWidget *
conflict_group (ZxConflictsDialog *self,
                ZxConflict        *conflict)
{
  ZxStore *store = zx_context_get_store (self->context);
  const ZxEntity *entity = zx_schema_lookup (conflict->entity);
  const ZxField *field = entity != NULL ? zx_entity_lookup_field (entity, conflict->field) : NULL;
  const char *field_label = field != NULL && field->label != NULL ? _(field->label) : conflict->field;
  g_autofree char *row = row_text (store, conflict->entity, conflict->row_id);
  g_autofree char *yours = value_text (conflict->yours);
  g_autofree char *theirs = value_text (conflict->theirs);
  g_autofree char *who = who_text (store, conflict->theirs_by);
  g_autofree char *when = when_text (conflict->theirs_at);
  g_autofree char *arrived = when_text (conflict->created_at);
  g_autofree char *title = NULL;
  g_autofree char *theirs_caption = NULL;
  g_autofree char *yours_caption = NULL;
  g_autofree char *what = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading;
  GtkWidget *explanation;

  /* Translators: a field of a row, e.g. Title of Objective “Raise day surgery” */
  what = g_strdup_printf (_("%s of %s"), field_label, row);
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("You and %s both changed it; the server kept their text. Choose the one to keep."), who);
  /* In the card, not as the group's title: a long name wraps */
  heading = gtk_label_new (what);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (heading, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  explanation = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_widget_add_css_class (explanation, "dim-label");

  /* Translators: under your text; %s is when the conflict reached this computer */
  yours_caption = g_strdup_printf (_("You, on this computer (conflict noticed %s)"), arrived);
  /* Translators: under their text; %s are a person's name and a date and time */
  theirs_caption = g_strdup_printf (_("%s, %s"), who, when);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_end (heading, 12);
  gtk_widget_set_margin_start (explanation, 12);
  gtk_widget_set_margin_end (explanation, 12);
  gtk_box_append (GTK_BOX (card), heading);
  gtk_box_append (GTK_BOX (card), explanation);
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_widget_set_margin_start (sides, 12);
  gtk_widget_set_margin_end (sides, 12);
  gtk_box_append (GTK_BOX (sides), side_box (_("Yours"), yours, yours_caption));
  gtk_box_append (GTK_BOX (sides), side_box (_("Theirs"), theirs, theirs_caption));
  gtk_box_append (GTK_BOX (card), sides);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (buttons, 12);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), resolve_button (self, conflict, FALSE, what));
  gtk_box_append (GTK_BOX (buttons), resolve_button (self, conflict, TRUE, what));
  gtk_box_append (GTK_BOX (card), buttons);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
  return group;
}

static GtkWidget *
refusals_group (ZxConflictsDialog *self,
                GPtrArray         *refusals)
{
  ZxStore *store = zx_context_get_store (self->context);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Refused Changes"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The server did not accept these changes of yours, for the reason given. "
                                           "They are not on the server; make them again if they are still needed and allowed."));

  for (guint i = 0; i < refusals->len; i++)
    {
      ZxRefusal *refusal = g_ptr_array_index (refusals, i);
      g_autofree char *title = refusal_title (store, refusal);
      g_autofree char *at = when_text (refusal->at);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped_title = g_markup_escape_text (title, -1);
      g_autofree char *escaped_subtitle = NULL;
      /* Translators: the accessible name of a button; %s says which change */
      g_autofree char *dismiss_label = g_strdup_printf (_("Dismiss: %s"), title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Dismiss"));

      /* Translators: the server's reason, then when it refused the change */
      subtitle = g_strdup_printf (_("%s (%s)"), refusal->reason != NULL ? refusal->reason : "", at);
      escaped_subtitle = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "zx-refusal-id", GSIZE_TO_POINTER ((gsize) refusal->id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, dismiss_label, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (dismiss_clicked_cb), self);
      if (self->first == NULL)
        self->first = button;
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
rebuild (ZxConflictsDialog *self)
{
  ZxStore *store = zx_context_get_store (self->context);
  g_autoptr(GPtrArray) conflicts = zx_replica_list_conflicts (store);
  g_autoptr(GPtrArray) refusals = zx_replica_list_refusals (store);
  guint n_conflicts = conflicts != NULL ? conflicts->len : 0;
  guint n_refusals = refusals != NULL ? refusals->len : 0;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->page));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  self->first = NULL;

  for (guint i = 0; i < n_conflicts; i++)
    {
      GtkWidget *group = conflict_group (self, g_ptr_array_index (conflicts, i));

      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
  if (n_refusals > 0)
    {
      GtkWidget *group = refusals_group (self, refusals);

      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }

  gtk_stack_set_visible_child_name (self->stack, n_conflicts + n_refusals > 0 ? "list" : "empty");
  /* The button that had the focus is gone: the next choice gets it (not
   * a text, which would show selected) */
  if ((had_focus || focus == NULL) && self->first != NULL)
    gtk_widget_grab_focus (self->first);
}

/* GObject ---------------------------------------------------------------------- */

static void
service_counts_cb (ZxConflictsDialog *self)
{
  rebuild (self);
}

static void
zx_conflicts_dialog_constructed (GObject *object)
{
  ZxConflictsDialog *self = ZX_CONFLICTS_DIALOG (object);

  G_OBJECT_CLASS (zx_conflicts_dialog_parent_class)->constructed (object);

  g_assert (ZX_IS_CONTEXT (self->context));
  self->service = g_object_ref (zx_context_get_sync_service (self->context));
  g_signal_connect_object (self->service, "notify::conflicts", G_CALLBACK (service_counts_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::refusals", G_CALLBACK (service_counts_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
  if (self->first != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), self->first);
}

static void
zx_conflicts_dialog_dispose (GObject *object)
{
  ZxConflictsDialog *self = ZX_CONFLICTS_DIALOG (object);

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (zx_conflicts_dialog_parent_class)->dispose (object);
}

static void
zx_conflicts_dialog_finalize (GObject *object)
{
  ZxConflictsDialog *self = ZX_CONFLICTS_DIALOG (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (zx_conflicts_dialog_parent_class)->finalize (object);
}

static void
zx_conflicts_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ZxConflictsDialog *self = ZX_CONFLICTS_DIALOG (object);

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
zx_conflicts_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ZxConflictsDialog *self = ZX_CONFLICTS_DIALOG (object);

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
zx_conflicts_dialog_class_init (ZxConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = zx_conflicts_dialog_constructed;
  object_class->dispose = zx_conflicts_dialog_dispose;
  object_class->finalize = zx_conflicts_dialog_finalize;
  object_class->get_property = zx_conflicts_dialog_get_property;
  object_class->set_property = zx_conflicts_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ZX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/zx-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZxConflictsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ZxConflictsDialog, page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zx_conflicts_dialog_init (ZxConflictsDialog *self)
{
  self->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
zx_conflicts_dialog_new (GtkWindow *parent,
                         ZxContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ZX_IS_CONTEXT (context), NULL);

  return g_object_new (ZX_TYPE_CONFLICTS_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

GtkWidget *
zx_conflicts_dialog_show (GtkWindow *parent,
                          ZxContext *context)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *dialog = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  for (guint i = 0; dialog == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ZX_IS_CONFLICTS_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == parent)
        dialog = GTK_WIDGET (toplevel);
    }
  if (dialog == NULL)
    dialog = zx_conflicts_dialog_new (parent, context);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
