/* zx-okr.c — OKR cycles, carrying objectives over, and alignment
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-okr"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "zx-okr.h"
#include "zx-progress.h"
#include "zx-store-private.h"

/* Cycles ------------------------------------------------------------------------ */

static const char * const cycle_kinds[] = { "year", "quarter" };

const char *
zx_cycle_kind_to_string (ZxCycleKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (cycle_kinds), NULL);

  return cycle_kinds[kind];
}

gboolean
zx_cycle_kind_from_string (const char  *s,
                           ZxCycleKind *out_kind)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (cycle_kinds); i++)
    if (g_str_equal (s, cycle_kinds[i]))
      {
        if (out_kind != NULL)
          *out_kind = (ZxCycleKind) i;
        return TRUE;
      }

  return FALSE;
}

static const char *
skip_spaces (const char *s)
{
  while (*s == ' ')
    s++;
  return s;
}

/* Reads exactly @n digits */
static gboolean
read_digits (const char **s,
             guint        n,
             int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*s)[i]))
        return FALSE;
      v = v * 10 + ((*s)[i] - '0');
    }
  *s += n;
  *out = v;
  return TRUE;
}

static gboolean
consume (const char **s,
         const char  *word)
{
  gsize len = strlen (word);

  if (strncmp (*s, word, len) != 0)
    return FALSE;
  *s += len;
  return TRUE;
}

/* "年度" or "年第 N 季度" after the year, spaces allowed between the parts */
static gboolean
parse_chinese (const char *s,
               int        *out_quarter)
{
  int quarter = 0;

  s = skip_spaces (s);
  if (!consume (&s, "年"))
    return FALSE;
  s = skip_spaces (s);
  if (consume (&s, "第"))
    {
      s = skip_spaces (s);
      if (!read_digits (&s, 1, &quarter) || quarter < 1)
        return FALSE;
      s = skip_spaces (s);
      if (!consume (&s, "季度"))
        return FALSE;
    }
  else if (!consume (&s, "度"))
    return FALSE;

  if (*skip_spaces (s) != '\0')
    return FALSE;
  *out_quarter = quarter;
  return TRUE;
}

gboolean
zx_cycle_name_parse (const char *name,
                     int        *out_year,
                     int        *out_quarter)
{
  const char *s;
  int year, quarter = 0;

  if (name == NULL)
    return FALSE;

  s = skip_spaces (name);
  if (!read_digits (&s, 4, &year))
    return FALSE;

  if (*s != '\0')
    {
      const char *t = s;

      /* 2026-Q1, 2026 Q1, 2026Q1 */
      if (*t == '-' || *t == ' ')
        t++;
      if (*t == 'Q' || *t == 'q')
        {
          t++;
          if (!read_digits (&t, 1, &quarter) || *t != '\0' || quarter < 1)
            return FALSE;
        }
      else if (!parse_chinese (s, &quarter))
        return FALSE;
    }

  if (year < ZX_CYCLE_MIN_YEAR || year > ZX_CYCLE_MAX_YEAR || quarter < 0 || quarter > 4)
    return FALSE;

  if (out_year != NULL)
    *out_year = year;
  if (out_quarter != NULL)
    *out_quarter = quarter;
  return TRUE;
}

char *
zx_cycle_name_format (int year,
                      int quarter)
{
  g_return_val_if_fail (year >= ZX_CYCLE_MIN_YEAR && year <= ZX_CYCLE_MAX_YEAR, NULL);
  g_return_val_if_fail (quarter >= 0 && quarter <= 4, NULL);

  if (quarter == 0)
    return g_strdup_printf ("%04d", year);
  return g_strdup_printf ("%04d-Q%d", year, quarter);
}

gboolean
zx_cycle_dates (int    year,
                int    quarter,
                GDate *out_start,
                GDate *out_end)
{
  GDateMonth first, last;

  if (year < ZX_CYCLE_MIN_YEAR || year > ZX_CYCLE_MAX_YEAR || quarter < 0 || quarter > 4)
    return FALSE;

  first = quarter == 0 ? G_DATE_JANUARY : (GDateMonth) (3 * quarter - 2);
  last = quarter == 0 ? G_DATE_DECEMBER : (GDateMonth) (3 * quarter);

  if (out_start != NULL)
    {
      g_date_clear (out_start, 1);
      g_date_set_dmy (out_start, 1, first, (GDateYear) year);
    }
  if (out_end != NULL)
    {
      g_date_clear (out_end, 1);
      g_date_set_dmy (out_end, g_date_get_days_in_month (last, (GDateYear) year), last, (GDateYear) year);
    }
  return TRUE;
}

static char *
date_string (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
zx_cycle_get_period (ZxStore    *store,
                     const char *cycle_id,
                     int        *out_year,
                     int        *out_quarter)
{
  sqlite3_stmt *stmt;
  ZxCycleKind kind;
  gboolean ok = FALSE;
  int y = 0, m = 0, d = 0;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  if (cycle_id == NULL)
    return FALSE;

  stmt = zx_store_prepare (store, "SELECT kind, start_date FROM cycle WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cycle_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      zx_cycle_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind) &&
      sqlite3_column_type (stmt, 1) != SQLITE_NULL &&
      sscanf ((const char *) sqlite3_column_text (stmt, 1), "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      m >= 1 && m <= 12)
    {
      if (out_year != NULL)
        *out_year = y;
      if (out_quarter != NULL)
        *out_quarter = kind == ZX_CYCLE_QUARTER ? (m - 1) / 3 + 1 : 0;
      ok = TRUE;
    }
  sqlite3_reset (stmt);
  return ok;
}

static char *
find_one (ZxStore            *store,
          const char         *sql,
          const char * const *params)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return id;
}

char *
zx_cycle_find (ZxStore    *store,
               const char *name)
{
  int year, quarter;
  GDate start, end;
  g_autofree char *start_s = NULL;
  g_autofree char *end_s = NULL;
  char *id;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  if (name == NULL)
    return NULL;

  id = find_one (store, "SELECT id FROM cycle WHERE deleted = 0 AND name = ? ORDER BY id LIMIT 1",
                 (const char * const[]) { name, NULL });
  if (id != NULL || !zx_cycle_name_parse (name, &year, &quarter))
    return id;

  zx_cycle_dates (year, quarter, &start, &end);
  start_s = date_string (&start);
  end_s = date_string (&end);
  return find_one (store,
                   "SELECT id FROM cycle WHERE deleted = 0 AND kind = ? AND start_date = ? AND end_date = ? "
                   "ORDER BY id LIMIT 1",
                   (const char * const[]) { quarter ? "quarter" : "year", start_s, end_s, NULL });
}

gboolean
zx_cycle_ensure (ZxStore     *store,
                 int          year,
                 int          quarter,
                 char       **out_id,
                 GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *start_s = NULL;
  g_autofree char *end_s = NULL;
  g_autoptr(JsonObject) fields = NULL;
  GDate start, end;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!zx_cycle_dates (year, quarter, &start, &end))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   _("Cycles can be made for the years %d to %d, and quarters 1 to 4."),
                   ZX_CYCLE_MIN_YEAR, ZX_CYCLE_MAX_YEAR);
      return FALSE;
    }

  name = zx_cycle_name_format (year, quarter);
  id = zx_cycle_find (store, name);
  if (id != NULL)
    {
      if (out_id != NULL)
        *out_id = g_steal_pointer (&id);
      return TRUE;
    }

  if (!zx_store_begin (store, error))
    return FALSE;

  if (quarter > 0 && !zx_cycle_ensure (store, year, 0, &parent, error))
    {
      zx_store_rollback (store);
      return FALSE;
    }

  start_s = date_string (&start);
  end_s = date_string (&end);
  fields = json_object_new ();
  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "kind", quarter ? "quarter" : "year");
  if (parent != NULL)
    json_object_set_string_member (fields, "parent_id", parent);
  json_object_set_string_member (fields, "start_date", start_s);
  json_object_set_string_member (fields, "end_date", end_s);

  id = zx_store_create (store, "cycle", fields, error);
  if (id == NULL)
    {
      zx_store_rollback (store);
      return FALSE;
    }

  if (!zx_store_commit (store, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

char *
zx_cycle_next (ZxStore     *store,
               const char  *cycle_id,
               GError     **error)
{
  int year, quarter;
  char *id = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!zx_cycle_get_period (store, cycle_id, &year, &quarter))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("The cycle was not found, or its kind or start date is missing."));
      return NULL;
    }

  if (quarter == 0 || quarter == 4)
    year++;
  if (quarter > 0)
    quarter = quarter % 4 + 1;

  if (!zx_cycle_ensure (store, year, quarter, &id, error))
    return NULL;
  return id;
}

/* Carrying an objective over ------------------------------------------------------- */

static gboolean
member_is_null (JsonObject *row,
                const char *name)
{
  JsonNode *node = json_object_get_member (row, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static double
member_double (JsonObject *row,
               const char *name)
{
  return member_is_null (row, name) ? 0 : json_object_get_double_member (row, name);
}

static const char *
member_string (JsonObject *row,
               const char *name)
{
  return member_is_null (row, name) ? NULL : json_object_get_string_member (row, name);
}

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *name)
{
  JsonNode *node = json_object_get_member (from, name);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_set_member (to, name, json_node_copy (node));
}

/* FALSE for a row that is deleted or missing (@sql selects deleted of id ?) */
static gboolean
row_is_live (ZxStore    *store,
             const char *sql,
             const char *id)
{
  sqlite3_stmt *stmt;
  gboolean live = FALSE;

  if (id == NULL)
    return FALSE;
  stmt = zx_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  live = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return live;
}

static double
record_progress (JsonObject *kr)
{
  return zx_kr_progress (member_string (kr, "kind"),
                         !member_is_null (kr, "current_value"),
                         member_double (kr, "start_value"),
                         member_double (kr, "target_value"),
                         member_double (kr, "current_value"));
}

gboolean
zx_okr_copy_objective (ZxStore     *store,
                       const char  *objective_id,
                       const char  *target_cycle_id,
                       char       **out_new_id,
                       GError     **error)
{
  static const char * const objective_copied[] = {
    "level", "title", "description", "owner_id", "department_id", "pillar_id", "battle_id",
    "parent_objective_id", "parent_key_result_id", "rank",
  };
  static const char * const kr_copied[] = {
    "title", "kind", "target_value", "unit", "direction", "weight", "owner_id", "challenge",
    "description", "rank",
  };
  g_autoptr(JsonObject) objective = NULL;
  g_autoptr(JsonObject) cycle = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GListStore) krs = NULL;
  g_autoptr(GPtrArray) open_krs = NULL;
  g_autofree char *new_id = NULL;
  const char *params[] = { objective_id, NULL };
  const char *start, *end;
  guint n;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  objective = zx_store_get (store, "objective", objective_id, error);
  if (objective == NULL)
    return FALSE;
  if (json_object_get_boolean_member (objective, "deleted"))
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_DELETED,
                           _("The objective was deleted, so it cannot be carried over."));
      return FALSE;
    }

  cycle = zx_store_get (store, "cycle", target_cycle_id, NULL);
  if (cycle == NULL || json_object_get_boolean_member (cycle, "deleted"))
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                           _("The chosen cycle does not exist or was deleted: choose another cycle."));
      return FALSE;
    }
  if (g_strcmp0 (member_string (objective, "cycle_id"), target_cycle_id) == 0)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("The objective is already in this cycle: choose another cycle to carry it over to."));
      return FALSE;
    }

  /* Its key results that still have a way to go */
  krs = zx_store_list (store, "key_result", "objective_id = ?", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (krs));
  open_krs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) record = g_list_model_get_item (G_LIST_MODEL (krs), i);
      JsonObject *kr = zx_record_get_object (record);

      if (record_progress (kr) < 1)
        g_ptr_array_add (open_krs, json_object_ref (kr));
    }
  if (n > 0 && open_krs->len == 0)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("Every key result of this objective is complete: there is nothing to carry over."));
      return FALSE;
    }

  start = member_string (cycle, "start_date");
  end = member_string (cycle, "end_date");

  if (!zx_store_begin (store, error))
    return FALSE;

  fields = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (objective_copied); i++)
    copy_member (fields, objective, objective_copied[i]);
  /* An alignment to something deleted since is dropped: the copy then
   * shows among the objectives aligned to nothing */
  if (json_object_has_member (fields, "parent_objective_id") &&
      !row_is_live (store, "SELECT deleted FROM objective WHERE id = ?",
                    member_string (fields, "parent_objective_id")))
    json_object_remove_member (fields, "parent_objective_id");
  if (json_object_has_member (fields, "parent_key_result_id") &&
      !row_is_live (store, "SELECT deleted FROM key_result WHERE id = ?",
                    member_string (fields, "parent_key_result_id")))
    json_object_remove_member (fields, "parent_key_result_id");
  json_object_set_string_member (fields, "cycle_id", target_cycle_id);
  json_object_set_string_member (fields, "status", "active");

  new_id = zx_store_create (store, "objective", fields, error);
  if (new_id == NULL)
    goto fail;

  for (guint i = 0; i < open_krs->len; i++)
    {
      JsonObject *kr = g_ptr_array_index (open_krs, i);
      g_autoptr(JsonObject) copy = json_object_new ();
      g_autofree char *kr_id = NULL;
      const char *due = member_string (kr, "due_date");

      for (guint j = 0; j < G_N_ELEMENTS (kr_copied); j++)
        copy_member (copy, kr, kr_copied[j]);
      json_object_set_string_member (copy, "objective_id", new_id);

      /* It starts where the original stands */
      if (!member_is_null (kr, "current_value"))
        {
          json_object_set_double_member (copy, "start_value", member_double (kr, "current_value"));
          json_object_set_double_member (copy, "current_value", member_double (kr, "current_value"));
        }
      else if (!member_is_null (kr, "start_value"))
        {
          json_object_set_double_member (copy, "start_value", member_double (kr, "start_value"));
          json_object_set_double_member (copy, "current_value", member_double (kr, "start_value"));
        }

      if (due != NULL && start != NULL && end != NULL && strcmp (due, start) >= 0 && strcmp (due, end) <= 0)
        json_object_set_string_member (copy, "due_date", due);

      kr_id = zx_store_create (store, "key_result", copy, error);
      if (kr_id == NULL)
        goto fail;
    }

  if (!zx_store_commit (store, error))
    return FALSE;

  if (out_new_id != NULL)
    *out_new_id = g_steal_pointer (&new_id);
  return TRUE;

fail:
  zx_store_rollback (store);
  return FALSE;
}

/* Alignment ----------------------------------------------------------------------- */

/* One text column of a live row, or NULL */
static char *
live_column (ZxStore    *store,
             const char *sql,
             const char *id)
{
  return id != NULL ? find_one (store, sql, (const char * const[]) { id, NULL }) : NULL;
}

static gboolean
is_live (ZxStore    *store,
         const char *table_sql,
         const char *id)
{
  g_autofree char *found = live_column (store, table_sql, id);

  return found != NULL;
}

GPtrArray *
zx_okr_alignment_path (ZxStore    *store,
                       const char *kr_or_objective_id)
{
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *objective = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  if (kr_or_objective_id == NULL)
    return NULL;

  path = g_ptr_array_new_with_free_func (g_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  objective = live_column (store, "SELECT objective_id FROM key_result WHERE id = ? AND deleted = 0",
                           kr_or_objective_id);
  if (objective != NULL)
    g_ptr_array_add (path, g_strdup (kr_or_objective_id));
  else if (is_live (store, "SELECT id FROM objective WHERE id = ? AND deleted = 0", kr_or_objective_id))
    objective = g_strdup (kr_or_objective_id);
  else
    return NULL;

  while (objective != NULL && !g_hash_table_contains (seen, objective))
    {
      g_autofree char *parent_kr = NULL;
      g_autofree char *parent_objective = NULL;
      g_autofree char *next = NULL;

      if (!is_live (store, "SELECT id FROM objective WHERE id = ? AND deleted = 0", objective))
        break;
      g_ptr_array_add (path, g_strdup (objective));
      g_hash_table_add (seen, g_ptr_array_index (path, path->len - 1));

      parent_kr = live_column (store,
                               "SELECT k.id FROM objective o JOIN key_result k ON k.id = o.parent_key_result_id "
                               "WHERE o.id = ? AND k.deleted = 0", objective);
      if (parent_kr != NULL)
        next = live_column (store, "SELECT objective_id FROM key_result WHERE id = ?", parent_kr);
      if (next != NULL && !g_hash_table_contains (seen, next))
        {
          g_ptr_array_add (path, g_steal_pointer (&parent_kr));
          g_free (objective);
          objective = g_steal_pointer (&next);
          continue;
        }

      parent_objective = live_column (store,
                                      "SELECT p.id FROM objective o JOIN objective p ON p.id = o.parent_objective_id "
                                      "WHERE o.id = ? AND p.deleted = 0", objective);
      if (parent_objective != NULL && !g_hash_table_contains (seen, parent_objective))
        {
          g_free (objective);
          objective = g_steal_pointer (&parent_objective);
          continue;
        }

      /* The top: its pillar, or its battle and the battle's pillar */
      {
        g_autofree char *pillar = live_column (store,
                                               "SELECT p.id FROM objective o JOIN pillar p ON p.id = o.pillar_id "
                                               "WHERE o.id = ? AND p.deleted = 0", objective);
        g_autofree char *battle = NULL;

        if (pillar == NULL)
          {
            battle = live_column (store,
                                  "SELECT b.id FROM objective o JOIN battle b ON b.id = o.battle_id "
                                  "WHERE o.id = ? AND b.deleted = 0", objective);
            if (battle != NULL)
              pillar = live_column (store,
                                    "SELECT p.id FROM battle b JOIN pillar p ON p.id = b.pillar_id "
                                    "WHERE b.id = ? AND p.deleted = 0", battle);
          }
        if (battle != NULL)
          g_ptr_array_add (path, g_steal_pointer (&battle));
        if (pillar != NULL)
          g_ptr_array_add (path, g_steal_pointer (&pillar));
      }
      break;
    }

  return g_steal_pointer (&path);
}

GPtrArray *
zx_okr_list_orphans (ZxStore    *store,
                     const char *cycle_id)
{
  GPtrArray *ids;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  ids = g_ptr_array_new_with_free_func (g_free);
  stmt = zx_store_prepare (store,
                           "SELECT o.id FROM objective o "
                           "WHERE o.deleted = 0 AND o.level = 'personal' AND (?1 IS NULL OR o.cycle_id = ?1) "
                           "AND NOT EXISTS (SELECT 1 FROM objective p WHERE p.id = o.parent_objective_id AND p.deleted = 0) "
                           "AND NOT EXISTS (SELECT 1 FROM key_result k WHERE k.id = o.parent_key_result_id AND k.deleted = 0) "
                           "ORDER BY o.rank, o.title, o.id", NULL);
  if (stmt == NULL)
    return ids;
  if (cycle_id != NULL)
    sqlite3_bind_text (stmt, 1, cycle_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}
