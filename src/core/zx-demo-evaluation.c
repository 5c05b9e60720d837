/* zx-demo-evaluation.c — the demo hospital's finished evaluation of the
 * last quarter (see zx-demo-evaluation.h)
 *
 * The last quarter's OKRs are the current quarter's department and personal
 * objectives as they stood when that quarter closed: the same objectives,
 * each key result with a final value (a deterministic share of the way to
 * its target) and one check-in on the quarter's last Monday.  The scores
 * are zx_evaluation_score()'s; only the rows are written here, with
 * zx_store_insert_row(), so nothing is queued.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-demo-evaluation"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "zx-demo-evaluation.h"
#include "zx-evaluation.h"
#include "zx-schema.h"
#include "zx-store-private.h"

typedef struct
{
  ZxStore    *store;
  GError    **error;
  const char *stamp;        /* updated_at of every new row */
  GHashTable *map;          /* old id → new id (objectives, key results) */
} Ctx;

static const char * const quarter_names[] = { "一", "二", "三", "四" };

/* A UUID made from @what, so the same demo always has the same ids */
static char *
demo_id (const char *kind,
         const char *what)
{
  g_autofree char *name = g_strdup_printf ("zhixing-demo/evaluation/%s/%s", kind, what);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);

  return g_strdup_printf ("%.8s-%.4s-5%.3s-%c%.3s-%.12s", sum, sum + 8, sum + 13,
                          "89ab"[g_ascii_xdigit_value (sum[16]) & 3], sum + 17, sum + 20);
}

/* A number in [0, 1) from @what, the same every time */
static double
share_of (const char *what)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_MD5, what, -1);
  guint v = 0;

  for (int i = 0; i < 6; i++)
    v = v * 16 + g_ascii_xdigit_value (sum[i]);
  return v / (double) (1 << 24);
}

static const char *
text (sqlite3_stmt *stmt,
      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gboolean
insert (Ctx        *c,
        const char *entity_name,
        JsonObject *o,
        const char *scope)
{
  const ZxEntity *entity = zx_schema_lookup (entity_name);

  json_object_set_int_member (o, ZX_COLUMN_VERSION, 0);
  json_object_set_string_member (o, ZX_COLUMN_UPDATED_AT, c->stamp);
  json_object_set_string_member (o, ZX_COLUMN_UPDATED_BY, "demo");
  json_object_set_boolean_member (o, ZX_COLUMN_DELETED, FALSE);
  json_object_set_string_member (o, ZX_COLUMN_SCOPE, scope);
  if (!zx_store_insert_row (c->store, entity, o, c->error))
    {
      g_prefix_error (c->error, "%s: ", entity_name);
      return FALSE;
    }
  return TRUE;
}

/* Every live row of @entity matching @where (one ? bound to @param) */
static GPtrArray *
rows_of (Ctx        *c,
         const char *entity_name,
         const char *where,
         const char *param)
{
  const ZxEntity *entity = zx_schema_lookup (entity_name);
  g_autofree char *cols = zx_store_select_columns (entity);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0 AND %s", cols, entity->table, where);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt = zx_store_prepare (c->store, sql, c->error);

  if (stmt == NULL)
    return rows;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, zx_store_row_from_statement (entity, stmt));
  sqlite3_reset (stmt);
  return rows;
}

static const char *
mapped (Ctx        *c,
        JsonObject *o,
        const char *field)
{
  const char *old = json_object_get_string_member_with_default (o, field, NULL);

  return old ? g_hash_table_lookup (c->map, old) : NULL;
}

static void
set_or_null (JsonObject *o,
             const char *field,
             const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, field, value);
  else
    json_object_set_null_member (o, field);
}

/* The current quarter's department and personal OKRs, as they closed in
 * the last quarter */
static gboolean
copy_okrs (Ctx        *c,
           const char *current_cycle,
           const char *last_cycle,
           const char *quarter_name,
           const char *last_monday)
{
  g_autoptr(GPtrArray) objectives = rows_of (c, "objective",
                                             "cycle_id = ? AND level IN ('department', 'personal')"
                                             " ORDER BY level = 'personal', id", current_cycle);

  for (guint i = 0; i < objectives->len && *c->error == NULL; i++)
    {
      JsonObject *src = g_ptr_array_index (objectives, i);
      /* copies: the row is changed in place below */
      g_autofree char *old_id = g_strdup (json_object_get_string_member (src, "id"));
      g_autofree char *scope = g_strdup (json_object_get_string_member (src, ZX_COLUMN_SCOPE));
      g_autoptr(JsonObject) o = json_object_ref (src);
      g_autoptr(GPtrArray) krs = NULL;
      char *id = demo_id ("objective", old_id);

      g_hash_table_insert (c->map, g_strdup (old_id), id);
      json_object_set_string_member (o, "id", id);
      json_object_set_string_member (o, "cycle_id", last_cycle);
      json_object_set_string_member (o, "status", "closed");
      set_or_null (o, "parent_objective_id", mapped (c, src, "parent_objective_id"));
      set_or_null (o, "parent_key_result_id", mapped (c, src, "parent_key_result_id"));
      if (!insert (c, "objective", o, scope))
        return FALSE;

      krs = rows_of (c, "key_result", "objective_id = ? ORDER BY id", old_id);
      for (guint j = 0; j < krs->len; j++)
        {
          JsonObject *kr_src = g_ptr_array_index (krs, j);
          g_autofree char *kr_old = g_strdup (json_object_get_string_member (kr_src, "id"));
          g_autoptr(JsonObject) kr = json_object_ref (kr_src);
          g_autoptr(JsonObject) ci = json_object_new ();
          g_autofree char *title = g_strdup_printf ("%s（第%s季度）",
                                                    json_object_get_string_member (kr_src, "title"), quarter_name);
          g_autofree char *ci_id = demo_id ("check_in", kr_old);
          g_autofree char *created = g_strdup_printf ("%sT09:30:00Z", last_monday);
          char *kr_id = demo_id ("key_result", kr_old);
          gboolean milestone = g_strcmp0 (json_object_get_string_member (kr_src, "kind"), "milestone") == 0;
          /* most land between a third of the way and the target, some reach it */
          double f = MIN (1.0, 0.35 + 0.7 * share_of (kr_old));
          double start = json_object_get_double_member_with_default (kr_src, "start_value", 0);
          double target = json_object_get_double_member_with_default (kr_src, "target_value", 1);
          double value = milestone ? (f >= 0.8 ? 1 : 0) : round ((start + (target - start) * f) * 100) / 100;
          int confidence = 5 + (int) (share_of (kr_id) * 5);

          g_hash_table_insert (c->map, g_strdup (kr_old), kr_id);
          json_object_set_string_member (kr, "id", kr_id);
          json_object_set_string_member (kr, "objective_id", id);
          json_object_set_string_member (kr, "title", title);
          json_object_set_null_member (kr, "due_date");   /* the end of its cycle */
          json_object_set_double_member (kr, "current_value", value);
          json_object_set_int_member (kr, "confidence", confidence);
          if (!insert (c, "key_result", kr, scope))
            return FALSE;

          json_object_set_string_member (ci, "id", ci_id);
          json_object_set_string_member (ci, "key_result_id", kr_id);
          json_object_set_string_member (ci, "week", last_monday);
          json_object_set_double_member (ci, "value", value);
          json_object_set_boolean_member (ci, "milestone_done", milestone && value >= 1);
          json_object_set_int_member (ci, "confidence", confidence);
          json_object_set_string_member (ci, "note", "季度末总结：本季度工作已按计划收尾。");
          if (json_object_get_string_member_with_default (kr_src, "owner_id", NULL) != NULL)
            json_object_set_string_member (ci, "author_id", json_object_get_string_member (kr_src, "owner_id"));
          json_object_set_string_member (ci, "created_at", created);
          if (!insert (c, "check_in", ci, scope))
            return FALSE;
        }
    }

  return *c->error == NULL;
}

static gboolean
audit (Ctx        *c,
       const char *entity,
       const char *row_id,
       const char *field,
       const char *old_value,
       const char *new_value,
       const char *reason,
       const char *at)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autofree char *what = g_strdup_printf ("%s/%s", row_id, field);
  g_autofree char *id = demo_id ("audit_entry", what);

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "entity", entity);
  json_object_set_string_member (o, "row_id", row_id);
  json_object_set_string_member (o, "field", field);
  set_or_null (o, "old_value", old_value);
  json_object_set_string_member (o, "new_value", new_value);
  set_or_null (o, "reason", reason);
  json_object_set_string_member (o, "actor", "人力资源部");
  json_object_set_string_member (o, "at", at);
  return insert (c, "audit_entry", o, ZX_SCOPE_ALL);
}

typedef struct { double adjustment; const char *reason; } AdjustmentSpec;

/* HR's adjustments, given to the people at these positions of the list */
static const AdjustmentSpec adjustments[] = {
  { 3, "获院级医疗质量持续改进项目一等奖，经院长办公会研究同意加3分。" },
  { -5, "本季度发生一起三级不良事件且未按时上报，按《医疗安全（不良）事件管理办法》扣5分。" },
  { 2, "承担对口支援县医院帮扶任务一个季度，按院人事政策加2分。" },
};

static const char * const head_comments[] = {
  "工作扎实，季度目标完成较好，继续保持。",
  "积极配合科室重点工作，下季度需加强病历书写质量。",
  "能主动承担急难任务，团队协作意识强。",
  "业务能力稳步提升，建议多参与科室质量改进项目。",
};

gboolean
zx_demo_evaluation_populate (ZxStore  *store,
                             GError  **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GPtrArray) scores = NULL;
  g_autofree char *current_cycle = NULL;
  g_autofree char *last_cycle = NULL;
  g_autofree char *last_start = NULL;
  g_autofree char *last_end = NULL;
  g_autofree char *scheme_id = NULL;
  g_autofree char *closed_at = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  char last_monday[11];
  GError *local = NULL;
  ZxEvalRules rules;
  sqlite3_stmt *stmt;
  JsonObject *src;
  GDate end;
  int quarter = 0, year = 0;
  Ctx c = { store, &local, NULL, map };

  if (error != NULL && *error != NULL)
    return FALSE;

  /* The current quarter's scheme (zx-demo.c's put_evaluation) and the
   * quarter before it in the same year */
  current = rows_of (&c, "eval_scheme", "status = 'draft' ORDER BY id LIMIT 1", NULL);
  if (local != NULL || current->len == 0)
    goto out;
  src = g_ptr_array_index (current, 0);
  current_cycle = g_strdup (json_object_get_string_member (src, "cycle_id"));
  stamp = g_strdup (json_object_get_string_member (src, ZX_COLUMN_UPDATED_AT));
  c.stamp = stamp;

  stmt = zx_store_prepare (store,
                           "SELECT l.id, l.start_date, l.end_date, l.name FROM cycle l, cycle c"
                           " WHERE c.id = ? AND l.kind = 'quarter' AND l.deleted = 0"
                           " AND l.end_date = date (c.start_date, '-1 day')", &local);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, current_cycle, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      last_cycle = g_strdup (text (stmt, 0));
      last_start = g_strdup (text (stmt, 1));
      last_end = g_strdup (text (stmt, 2));
      if (sscanf (text (stmt, 3), "%d-Q%d", &year, &quarter) != 2)
        quarter = 0;
    }
  sqlite3_reset (stmt);
  if (last_cycle == NULL || quarter < 1 || quarter > 4)
    goto out;   /* the current quarter is the year's first */

  g_date_clear (&end, 1);
  g_date_set_parse (&end, last_end);
  while (g_date_get_weekday (&end) != G_DATE_MONDAY)
    g_date_subtract_days (&end, 1);
  g_date_strftime (last_monday, sizeof last_monday, "%Y-%m-%d", &end);

  if (!copy_okrs (&c, current_cycle, last_cycle, quarter_names[quarter - 1], last_monday))
    goto out;

  /* The scheme, as the current one, locked */
  scheme_id = demo_id ("eval_scheme", last_cycle);
  name = g_strdup_printf ("%d年第%s季度全院人员绩效评价方案", year, quarter_names[quarter - 1]);
  {
    g_autoptr(JsonObject) o = json_object_ref (src);
    g_autoptr(GPtrArray) items = rows_of (&c, "eval_scheme_item", "scheme_id = ? ORDER BY id",
                                          json_object_get_string_member (src, "id"));
    g_autoptr(GPtrArray) audience = rows_of (&c, "eval_audience", "scheme_id = ? ORDER BY id",
                                             json_object_get_string_member (src, "id"));

    json_object_set_string_member (o, "id", scheme_id);
    json_object_set_string_member (o, "name", name);
    json_object_set_string_member (o, "cycle_id", last_cycle);
    json_object_set_string_member (o, "status", "locked");
    if (!insert (&c, "eval_scheme", o, ZX_SCOPE_ALL))
      goto out;
    for (guint i = 0; i < items->len; i++)
      {
        g_autoptr(JsonObject) item = json_object_ref (g_ptr_array_index (items, i));
        g_autofree char *id = demo_id ("eval_scheme_item", json_object_get_string_member (item, "id"));

        json_object_set_string_member (item, "id", id);
        json_object_set_string_member (item, "scheme_id", scheme_id);
        if (!insert (&c, "eval_scheme_item", item, ZX_SCOPE_ALL))
          goto out;
      }
    for (guint i = 0; i < audience->len; i++)
      {
        g_autoptr(JsonObject) a = json_object_ref (g_ptr_array_index (audience, i));
        g_autofree char *id = demo_id ("eval_audience", json_object_get_string_member (a, "id"));

        json_object_set_string_member (a, "id", id);
        json_object_set_string_member (a, "scheme_id", scheme_id);
        if (!insert (&c, "eval_audience", a, ZX_SCOPE_ALL))
          goto out;
      }
  }

  /* The scores, from the data just written */
  if (!zx_evaluation_get_rules (store, scheme_id, &rules, &local) ||
      (scores = zx_evaluation_score (store, scheme_id, &local)) == NULL)
    goto out;

  closed_at = g_strdup_printf ("%sT16:00:00Z", last_monday);
  for (guint i = 0; i < scores->len; i++)
    {
      ZxEvalScore *s = g_ptr_array_index (scores, i);
      g_autoptr(JsonObject) o = json_object_new ();
      g_autofree char *id = demo_id ("evaluation", s->staff_id);
      const AdjustmentSpec *adj = NULL;
      /* The heads score their people between 75 and 95 */
      double assessment = 75 + round (share_of (id) * 20);
      double total;

      for (guint a = 0; a < G_N_ELEMENTS (adjustments); a++)
        if (i == 3 + 11 * a)
          adj = &adjustments[a];

      total = zx_evaluation_total (&rules, s->okr_score, s->has_indicator, s->indicator_score,
                                   TRUE, assessment, adj ? adj->adjustment : 0);
      total = round (total * 100) / 100;

      json_object_set_string_member (o, "id", id);
      json_object_set_string_member (o, "scheme_id", scheme_id);
      json_object_set_string_member (o, "staff_id", s->staff_id);
      json_object_set_string_member (o, "department_id", s->department_id);
      json_object_set_double_member (o, "okr_score", s->okr_score);
      if (s->has_indicator)
        json_object_set_double_member (o, "indicator_score", s->indicator_score);
      json_object_set_double_member (o, "assessment_score", assessment);
      json_object_set_double_member (o, "adjustment", adj ? adj->adjustment : 0);
      if (adj != NULL)
        json_object_set_string_member (o, "adjust_reason", adj->reason);
      json_object_set_double_member (o, "total", total);
      json_object_set_string_member (o, "grade", zx_evaluation_grade_for (&rules, total));
      if (i % 5 == 0)
        json_object_set_string_member (o, "head_comment", head_comments[(i / 5) % G_N_ELEMENTS (head_comments)]);
      json_object_set_boolean_member (o, "locked", TRUE);
      if (!insert (&c, "evaluation", o, s->department_id))
        goto out;

      if (adj != NULL)
        {
          g_autofree char *value = g_strdup_printf ("%.2f", adj->adjustment);

          if (!audit (&c, "evaluation", id, "adjustment", "0.00", value, adj->reason, closed_at))
            goto out;
        }
    }

  /* Locked from the start (scoring reads a locked scheme all the same) */
  if (!audit (&c, "eval_scheme", scheme_id, "status", "running", "locked", NULL, closed_at))
    goto out;

out:
  (void) last_start;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}
