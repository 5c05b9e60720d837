/* zx-validate.c — the rules that span several fields or rows
 *
 * Field types, required values, references and unique values are checked
 * from the descriptors; what a descriptor cannot say lives here, one
 * function per entity.  The desktop and the server run the same rules.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "zx-store-private.h"

/* @changes: the fields the change sets (all of them for a new row), so
 * that a rule over other rows runs only when what it is about changes */
typedef gboolean (*RowRule) (ZxStore     *store,
                             const char  *id,
                             JsonObject  *row,
                             JsonObject  *changes,
                             char       **out_field,
                             GError     **error);

static const char *
str (JsonObject *row,
     const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
has (JsonObject *row,
     const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static double
num (JsonObject *row,
     const char *name)
{
  return has (row, name) ? json_node_get_double (json_object_get_member (row, name)) : 0.0;
}

static gboolean
fail (char       **out_field,
      const char  *field,
      GError     **error,
      const char  *message)
{
  if (out_field != NULL)
    zx_set_str (out_field, field);
  g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID, message);
  return FALSE;
}

/* Names the field at fault of an error already set */
static gboolean
fail_field (char       **out_field,
            const char  *field)
{
  if (out_field != NULL)
    zx_set_str (out_field, field);
  return FALSE;
}

/* The first day and last day of a cycle reached through @sql (which selects
 * start_date, end_date for the row ?); FALSE when there is none */
static gboolean
cycle_of (ZxStore    *store,
          const char *sql,
          const char *id,
          char      **out_start,
          char      **out_end)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL || id == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      *out_start = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_end = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/* Is there another live row of @entity with the same values in @fields? */
static gboolean
duplicate_of (ZxStore     *store,
              const char  *entity_name,
              const char  *id,
              JsonObject  *row,
              const char **fields)
{
  const ZxEntity *entity = zx_schema_lookup (entity_name);
  GString *sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int idx = 1;

  g_string_append_printf (sql, "SELECT 1 FROM %s WHERE deleted = 0 AND id != ?", entity->table);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (has (row, fields[i]))
        g_string_append_printf (sql, " AND %s = ?", fields[i]);
      else
        g_string_append_printf (sql, " AND %s IS NULL", fields[i]);
    }
  g_string_append (sql, " LIMIT 1");

  stmt = zx_store_prepare (store, sql->str, NULL);
  g_string_free (sql, TRUE);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, idx++, id ? id : "", -1, SQLITE_TRANSIENT);
  for (guint i = 0; fields[i] != NULL; i++)
    if (has (row, fields[i]))
      zx_store_bind_node (stmt, idx++, zx_entity_lookup_field (entity, fields[i]),
                          json_object_get_member (row, fields[i]));

  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
check_plan (ZxStore     *store,
            const char  *id,
            JsonObject  *row,
            JsonObject  *changes,
            char       **out_field,
            GError     **error)
{
  if (num (row, "end_year") < num (row, "start_year"))
    return fail (out_field, "end_year", error, _("The last year of the plan cannot come before its first year."));
  if (num (row, "end_year") - num (row, "start_year") > 10)
    return fail (out_field, "end_year", error, _("A plan can span at most ten years."));
  return TRUE;
}

static gboolean
check_cycle (ZxStore     *store,
             const char  *id,
             JsonObject  *row,
             JsonObject  *changes,
             char       **out_field,
             GError     **error)
{
  const char *start = str (row, "start_date");
  const char *end = str (row, "end_date");
  const char *kind = str (row, "kind");

  if (start && end && strcmp (end, start) < 0)
    return fail (out_field, "end_date", error, _("A cycle cannot end before it starts."));
  if (g_strcmp0 (kind, "quarter") == 0 && !has (row, "parent_id"))
    return fail (out_field, "parent_id", error, _("A quarter belongs to a year: choose the year."));
  if (g_strcmp0 (kind, "year") == 0 && has (row, "parent_id"))
    return fail (out_field, "parent_id", error, _("A year cannot belong to another cycle."));
  return TRUE;
}

/* Is @id among the objectives @start is aligned beneath, @start included?
 * Follows both links upwards: parent_objective_id, and parent_key_result_id
 * to that key result's objective. */
static gboolean
alignment_reaches (ZxStore    *store,
                   const char *start,
                   const char *id)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (todo, g_strdup (start));

  /* Bounded: a damaged database must not hang a form */
  while (todo->len > 0 && g_hash_table_size (seen) < 10000)
    {
      char *current = g_ptr_array_steal_index_fast (todo, todo->len - 1);
      sqlite3_stmt *stmt;

      if (g_str_equal (current, id))
        {
          g_free (current);
          return TRUE;
        }
      if (!g_hash_table_add (seen, current))
        continue;

      stmt = zx_store_prepare (store,
                               "SELECT o.parent_objective_id, k.objective_id FROM objective o "
                               "LEFT JOIN key_result k ON k.id = o.parent_key_result_id WHERE o.id = ?", NULL);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, current, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        for (int i = 0; i < 2; i++)
          if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
            g_ptr_array_add (todo, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
      sqlite3_reset (stmt);
    }

  return FALSE;
}

/* The level of the objective a key result belongs to */
static char *
level_of_kr_objective (ZxStore    *store,
                       const char *kr)
{
  sqlite3_stmt *stmt = zx_store_prepare (store,
                                         "SELECT o.level FROM key_result k JOIN objective o ON o.id = k.objective_id "
                                         "WHERE k.id = ?", NULL);
  char *level = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kr, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    level = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return level;
}

static gboolean
check_objective (ZxStore     *store,
                 const char  *id,
                 JsonObject  *row,
                 JsonObject  *changes,
                 char       **out_field,
                 GError     **error)
{
  const char *level = str (row, "level");
  const char *parent_kr = str (row, "parent_key_result_id");

  if (g_strcmp0 (level, "department") == 0 && !has (row, "department_id"))
    return fail (out_field, "department_id", error, _("A department objective needs its department."));
  if (g_strcmp0 (level, "personal") == 0 && !has (row, "owner_id"))
    return fail (out_field, "owner_id", error, _("A personal objective needs its owner."));
  /* Where it is aligned is checked when that changes: walking up the tree
   * for every edit of a description was most of what a push of them cost
   * the server */
  if (changes != NULL && !json_object_has_member (changes, "parent_objective_id") &&
      !json_object_has_member (changes, "parent_key_result_id") && !json_object_has_member (changes, "level"))
    return TRUE;
  if (has (row, "parent_objective_id") && id != NULL &&
      alignment_reaches (store, str (row, "parent_objective_id"), id))
    return fail (out_field, "parent_objective_id", error,
                 _("An objective cannot be aligned under itself or under one of the objectives aligned to it."));
  if (parent_kr != NULL)
    {
      g_autofree char *parent_level = level_of_kr_objective (store, parent_kr);
      g_autofree char *parent_objective = NULL;
      sqlite3_stmt *stmt;

      if (id != NULL)
        {
          stmt = zx_store_prepare (store, "SELECT objective_id FROM key_result WHERE id = ?", NULL);
          if (stmt != NULL)
            {
              sqlite3_bind_text (stmt, 1, parent_kr, -1, SQLITE_TRANSIENT);
              if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
                parent_objective = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              sqlite3_reset (stmt);
            }
          if (parent_objective != NULL && alignment_reaches (store, parent_objective, id))
            return fail (out_field, "parent_key_result_id", error,
                         _("An objective cannot be aligned under its own key results or under those of an objective aligned to it."));
        }

      if (g_strcmp0 (level, "personal") == 0 && parent_level != NULL &&
          !g_str_equal (parent_level, "department") && !g_str_equal (parent_level, "hospital"))
        return fail (out_field, "parent_key_result_id", error,
                     _("Align a personal objective to a key result of a department or hospital objective."));
    }
  return TRUE;
}

static gboolean
check_key_result (ZxStore     *store,
                  const char  *id,
                  JsonObject  *row,
                  JsonObject  *changes,
                  char       **out_field,
                  GError     **error)
{
  const char *kind = str (row, "kind");
  const char *due = str (row, "due_date");
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (due != NULL &&
      cycle_of (store, "SELECT c.start_date, c.end_date FROM objective o JOIN cycle c ON c.id = o.cycle_id "
                       "WHERE o.id = ?", str (row, "objective_id"), &start, &end) &&
      (strcmp (due, start) < 0 || strcmp (due, end) > 0))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   /* Translators: the dates are YYYY-MM-DD */
                   _("The due date must fall within the objective’s cycle, %s to %s."),
                   start, end);
      return fail_field (out_field, "due_date");
    }

  if (g_strcmp0 (kind, "milestone") == 0)
    return TRUE;

  if (!has (row, "start_value"))
    return fail (out_field, "start_value", error, _("A measurable key result needs a start value."));
  if (!has (row, "target_value"))
    return fail (out_field, "target_value", error, _("A measurable key result needs a target value."));
  if (num (row, "target_value") == num (row, "start_value"))
    return fail (out_field, "target_value", error, _("The target must differ from the start value."));
  if (g_strcmp0 (kind, "percentage") == 0 &&
      (num (row, "target_value") < 0 || num (row, "target_value") > 100 ||
       num (row, "start_value") < 0 || num (row, "start_value") > 100))
    return fail (out_field, "target_value", error, _("Percentages lie between 0 and 100."));
  if (g_strcmp0 (str (row, "direction"), "higher") == 0 && num (row, "target_value") < num (row, "start_value"))
    return fail (out_field, "direction", error,
                 _("The target is below the start value: choose “lower is better” for this key result."));
  if (g_strcmp0 (str (row, "direction"), "lower") == 0 && num (row, "target_value") > num (row, "start_value"))
    return fail (out_field, "direction", error,
                 _("The target is above the start value: choose “higher is better” for this key result."));
  return TRUE;
}

/* "YYYY-MM-DD" + @days, as "YYYY-MM-DD" in @out (11 bytes); FALSE when not a date */
static gboolean
date_add_days (const char *date,
               guint       days,
               char        out[11])
{
  int y, m, d;
  GDate g;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_add_days (&g, days);
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
  return TRUE;
}

/* A check-in's week (Monday to Sunday) must overlap its key result's cycle */
static gboolean
check_check_in (ZxStore     *store,
                const char  *id,
                JsonObject  *row,
                JsonObject  *changes,
                char       **out_field,
                GError     **error)
{
  const char *week = str (row, "week");
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  char last_day[11];

  if (week == NULL || !date_add_days (week, 6, last_day) ||
      !cycle_of (store, "SELECT c.start_date, c.end_date FROM key_result k "
                        "JOIN objective o ON o.id = k.objective_id JOIN cycle c ON c.id = o.cycle_id "
                        "WHERE k.id = ?", str (row, "key_result_id"), &start, &end))
    return TRUE;

  if (strcmp (week, end) > 0 || strcmp (last_day, start) < 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   /* Translators: the dates are YYYY-MM-DD */
                   _("The week must fall within the key result’s cycle, %s to %s."),
                   start, end);
      return fail_field (out_field, "week");
    }
  return TRUE;
}

static gboolean
check_pledge (ZxStore     *store,
              const char  *id,
              JsonObject  *row,
              JsonObject  *changes,
              char       **out_field,
              GError     **error)
{
  static const char *fields[] = { "department_id", "year", NULL };

  if (duplicate_of (store, "pledge", id, row, fields))
    return fail (out_field, "year", error, _("This department already has a pledge for that year."));
  return TRUE;
}

static gboolean
check_indicator_value (ZxStore     *store,
                       const char  *id,
                       JsonObject  *row,
                       JsonObject  *changes,
                       char       **out_field,
                       GError     **error)
{
  static const char *fields[] = { "indicator_id", "department_id", "month", NULL };

  if (duplicate_of (store, "indicator_value", id, row, fields))
    return fail (out_field, "month", error, _("A value for this indicator, department and month already exists."));
  return TRUE;
}

/* Locked evaluations ---------------------------------------------------------
 *
 * Once HR locks an evaluation (zx-evaluation.h) its rows, its scheme and
 * the scheme's items and audience do not change: every create, update,
 * restore and deletion touching them is refused (re-saving a row as it is
 * changes nothing and passes). */

#define LOCKED_EVALUATION N_("This evaluation is locked: its results are final and cannot change.")
#define LOCKED_SCHEME     N_("This evaluation scheme is locked: its cycle’s evaluation is final, so the scheme, its indicators and its audience cannot change.")

static gboolean
scheme_is_locked (ZxStore    *store,
                  const char *scheme_id)
{
  sqlite3_stmt *stmt;
  gboolean locked = FALSE;

  if (scheme_id == NULL || (stmt = zx_store_prepare (store, "SELECT status FROM eval_scheme WHERE id = ?", NULL)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    locked = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "locked") == 0;
  sqlite3_reset (stmt);
  return locked;
}

/* The stored row of @entity (NULL when there is none yet) */
static JsonObject *
stored_row (ZxStore    *store,
            const char *entity_name,
            const char *id)
{
  const ZxEntity *entity = zx_schema_lookup (entity_name);
  g_autofree char *cols = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  JsonObject *row = NULL;

  if (id == NULL)
    return NULL;
  cols = zx_store_select_columns (entity);
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", cols, entity->table);
  if ((stmt = zx_store_prepare (store, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = zx_store_row_from_statement (entity, stmt);
  sqlite3_reset (stmt);
  return row;
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);
  GType ta, tb;

  if (a_null || b_null)
    return a_null == b_null;
  if (!JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b))
    return FALSE;
  ta = json_node_get_value_type (a);
  tb = json_node_get_value_type (b);
  if (ta == G_TYPE_STRING || tb == G_TYPE_STRING)
    return ta == tb && g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
  if (ta == G_TYPE_BOOLEAN || tb == G_TYPE_BOOLEAN)
    {
      gboolean va = ta == G_TYPE_BOOLEAN ? json_node_get_boolean (a) : json_node_get_int (a) != 0;
      gboolean vb = tb == G_TYPE_BOOLEAN ? json_node_get_boolean (b) : json_node_get_int (b) != 0;

      return va == vb;
    }
  return json_node_get_double (a) == json_node_get_double (b);
}

/* Would writing @row change the stored row @stored (or bring it back)? */
static gboolean
changes_row (const char *entity_name,
             JsonObject *stored,
             JsonObject *row)
{
  const ZxEntity *entity = zx_schema_lookup (entity_name);

  if (stored == NULL || json_object_get_boolean_member_with_default (stored, "deleted", FALSE))
    return TRUE;
  for (guint i = 0; i < entity->n_fields; i++)
    if (!same_value (json_object_get_member (stored, entity->fields[i].name),
                     json_object_get_member (row, entity->fields[i].name)))
      return TRUE;
  return FALSE;
}

static gboolean
check_evaluation (ZxStore     *store,
                  const char  *id,
                  JsonObject  *row,
                  JsonObject  *changes,
                  char       **out_field,
                  GError     **error)
{
  g_autoptr(JsonObject) stored = stored_row (store, "evaluation", id);
  gboolean locked = scheme_is_locked (store, str (row, "scheme_id"));

  if (stored != NULL)
    locked = locked || json_object_get_boolean_member_with_default (stored, "locked", FALSE) ||
             scheme_is_locked (store, str (stored, "scheme_id"));
  if (locked && changes_row ("evaluation", stored, row))
    return fail (out_field, NULL, error, _(LOCKED_EVALUATION));
  if (has (row, "assessment_score") && (num (row, "assessment_score") < 0 || num (row, "assessment_score") > 100))
    return fail (out_field, "assessment_score", error, _("The department assessment is a score from 0 to 100."));
  return TRUE;
}

/* An item or audience row of a scheme */
static gboolean
check_scheme_part (ZxStore     *store,
                   const char  *entity,
                   const char  *id,
                   JsonObject  *row,
                   char       **out_field,
                   GError     **error)
{
  g_autoptr(JsonObject) stored = stored_row (store, entity, id);
  gboolean locked = scheme_is_locked (store, str (row, "scheme_id")) ||
                    (stored != NULL && scheme_is_locked (store, str (stored, "scheme_id")));

  if (locked && changes_row (entity, stored, row))
    return fail (out_field, NULL, error, _(LOCKED_SCHEME));
  return TRUE;
}

static gboolean
check_eval_scheme_item (ZxStore     *store,
                        const char  *id,
                        JsonObject  *row,
                        JsonObject  *changes,
                        char       **out_field,
                        GError     **error)
{
  return check_scheme_part (store, "eval_scheme_item", id, row, out_field, error);
}

static gboolean
check_eval_audience (ZxStore     *store,
                     const char  *id,
                     JsonObject  *row,
                     JsonObject  *changes,
                     char       **out_field,
                     GError     **error)
{
  return check_scheme_part (store, "eval_audience", id, row, out_field, error);
}

gboolean
zx_validate_delete (ZxStore        *self,
                    const ZxEntity *entity,
                    const char     *id,
                    GError        **error)
{
  g_autoptr(JsonObject) stored = NULL;

  if (g_str_equal (entity->name, "eval_scheme"))
    {
      if (scheme_is_locked (self, id))
        return fail (NULL, NULL, error, _(LOCKED_SCHEME));
    }
  else if (g_str_equal (entity->name, "evaluation") || g_str_equal (entity->name, "eval_scheme_item") ||
           g_str_equal (entity->name, "eval_audience"))
    {
      stored = stored_row (self, entity->name, id);
      if (stored == NULL)
        return TRUE;
      if (scheme_is_locked (self, str (stored, "scheme_id")))
        return fail (NULL, NULL, error, g_str_equal (entity->name, "evaluation") ? _(LOCKED_EVALUATION) : _(LOCKED_SCHEME));
      if (json_object_get_boolean_member_with_default (stored, "locked", FALSE))
        return fail (NULL, NULL, error, _(LOCKED_EVALUATION));
    }
  return TRUE;
}

static gboolean
check_eval_scheme (ZxStore     *store,
                   const char  *id,
                   JsonObject  *row,
                   JsonObject  *changes,
                   char       **out_field,
                   GError     **error)
{
  double sum = num (row, "okr_weight") + num (row, "indicator_weight") + num (row, "assessment_weight");

  if (id != NULL && scheme_is_locked (store, id))
    {
      g_autoptr(JsonObject) stored = stored_row (store, "eval_scheme", id);

      if (changes_row ("eval_scheme", stored, row))
        return fail (out_field, NULL, error, _(LOCKED_SCHEME));
    }
  if (num (row, "okr_weight") < 0.5)
    return fail (out_field, "okr_weight", error,
                 /* xgettext:no-c-format */
                 _("The OKR contribution must weigh at least 50% of the evaluation."));
  if (fabs (sum - 1.0) > 1e-6)
    return fail (out_field, "assessment_weight", error,
                 /* xgettext:no-c-format */
                 _("The weights must add up to 100%."));
  if (!(num (row, "grade_a") > num (row, "grade_b") && num (row, "grade_b") > num (row, "grade_c")))
    return fail (out_field, "grade_b", error, _("Grade bands must fall from A to C."));
  return TRUE;
}

static gboolean
check_fund_proposal (ZxStore     *store,
                     const char  *id,
                     JsonObject  *row,
                     JsonObject  *changes,
                     char       **out_field,
                     GError     **error)
{
  const char *start = str (row, "pilot_start");
  const char *end = str (row, "pilot_end");

  if (start && end && strcmp (end, start) < 0)
    return fail (out_field, "pilot_end", error, _("The pilot cannot end before it starts."));
  return TRUE;
}

static gboolean
check_mentorship (ZxStore     *store,
                  const char  *id,
                  JsonObject  *row,
                  JsonObject  *changes,
                  char       **out_field,
                  GError     **error)
{
  if (g_strcmp0 (str (row, "mentor_id"), str (row, "mentee_id")) == 0)
    return fail (out_field, "mentee_id", error, _("A person cannot be their own mentor."));
  return TRUE;
}

static gboolean
check_staff_skill (ZxStore     *store,
                   const char  *id,
                   JsonObject  *row,
                   JsonObject  *changes,
                   char       **out_field,
                   GError     **error)
{
  static const char *fields[] = { "staff_id", "skill_id", NULL };

  if (duplicate_of (store, "staff_skill", id, row, fields))
    return fail (out_field, "skill_id", error, _("This person already has that skill recorded."));
  return TRUE;
}

/* Would @card wait, through the chain of what blocks what starting at
 * @blocker, for itself? */
static gboolean
blocking_reaches (ZxStore    *store,
                  const char *blocker,
                  const char *card)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *current = g_strdup (blocker);

  /* Each card has one blocker, so the chain is a path; bounded all the
   * same, and a circle already in the data must not hang a form */
  while (current != NULL && g_hash_table_size (seen) < 10000)
    {
      sqlite3_stmt *stmt;
      char *next = NULL;

      if (g_str_equal (current, card))
        return TRUE;
      if (!g_hash_table_add (seen, g_strdup (current)))
        return FALSE;

      stmt = zx_store_prepare (store, "SELECT blocked_by_id FROM card WHERE id = ? AND deleted = 0", NULL);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, current, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        next = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);

      g_free (current);
      current = next;
    }

  return FALSE;
}

/* Dates (due_date, supervision_deadline, done_at) and the priority are
 * checked by their field types */
static gboolean
check_card (ZxStore     *store,
            const char  *id,
            JsonObject  *row,
            JsonObject  *changes,
            char       **out_field,
            GError     **error)
{
  const char *from = str (row, "from_department_id");
  const char *to = str (row, "to_department_id");
  const char *blocker = str (row, "blocked_by_id");

  if (from != NULL && g_strcmp0 (from, to) == 0)
    return fail (out_field, "to_department_id", error,
                 _("A collaboration request goes to another department: choose a supporting department other than the requesting one."));
  if (blocker != NULL && id != NULL && g_str_equal (blocker, id))
    return fail (out_field, "blocked_by_id", error, _("A request cannot wait for itself."));
  if (blocker != NULL && id != NULL && blocking_reaches (store, blocker, id))
    return fail (out_field, "blocked_by_id", error,
                 _("These requests would wait for each other in a circle: choose a request that does not wait for this one."));
  if (blocker != NULL && has (row, "board_id"))
    {
      sqlite3_stmt *stmt = zx_store_prepare (store, "SELECT board_id FROM card WHERE id = ?", NULL);
      gboolean same = TRUE;

      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, blocker, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
            same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), str (row, "board_id")) == 0;
          sqlite3_reset (stmt);
        }
      if (!same)
        return fail (out_field, "blocked_by_id", error,
                     _("A request can only wait for another request of the same board."));
    }
  return TRUE;
}

static gboolean
check_board_column (ZxStore     *store,
                    const char  *id,
                    JsonObject  *row,
                    JsonObject  *changes,
                    char       **out_field,
                    GError     **error)
{
  static const char *fields[] = { "board_id", "name", NULL };

  if (duplicate_of (store, "board_column", id, row, fields))
    return fail (out_field, "name", error, _("The board already has a column with this name."));
  return TRUE;
}

static const struct {
  const char *entity;
  RowRule     rule;
} rules[] = {
  { "plan", check_plan },
  { "cycle", check_cycle },
  { "objective", check_objective },
  { "key_result", check_key_result },
  { "check_in", check_check_in },
  { "pledge", check_pledge },
  { "board_column", check_board_column },
  { "card", check_card },
  { "indicator_value", check_indicator_value },
  { "eval_scheme", check_eval_scheme },
  { "eval_scheme_item", check_eval_scheme_item },
  { "eval_audience", check_eval_audience },
  { "evaluation", check_evaluation },
  { "fund_proposal", check_fund_proposal },
  { "mentorship", check_mentorship },
  { "staff_skill", check_staff_skill },
};

gboolean
zx_validate_row (ZxStore        *self,
                 const ZxEntity *entity,
                 const char     *id,
                 JsonObject     *row,
                 JsonObject     *changes,
                 char          **out_field,
                 GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].entity, entity->name))
      return rules[i].rule (self, id, row, changes, out_field, error);

  return TRUE;
}
