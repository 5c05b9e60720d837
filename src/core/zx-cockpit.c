/* zx-cockpit.c — the figures of the leadership cockpit
 *
 * The definitions are in the header.  A few queries over the current
 * cycles, the progress index for every number it already knows.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-cockpit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "zx-cockpit.h"
#include "zx-cockpit-private.h"
#include "zx-store-private.h"

#define MAX_WEEKS 53

static const char *
col_text (sqlite3_stmt *stmt,
          int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static void
date_to_iso (const GDate *date,
             char         buf[11])
{
  g_snprintf (buf, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static gboolean
parse_date (const char *s,
            GDate      *out)
{
  int y, m, d;

  g_date_clear (out, 1);
  if (s == NULL || sscanf (s, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

static sqlite3_stmt *
prepare (ZxStore     *store,
         const char  *sql,
         GError     **error)
{
  return zx_store_prepare (store, sql, error);
}

static void
pillar_free (ZxCockpitPillar *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p);
}

static void
group_free (ZxCockpitGroup *g)
{
  g_free (g->id);
  g_free (g->name);
  g_free (g->department_id);
  g_free (g->department);
  g_free (g);
}

void
zx_cockpit_free (ZxCockpit *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->index, zx_progress_index_unref);
  g_clear_pointer (&self->pillars, g_ptr_array_unref);
  g_clear_pointer (&self->department_list, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->trend, g_array_unref);
  g_free (self);
}

ZxHealth
zx_cockpit_group_health (const ZxCockpitGroup *group)
{
  g_return_val_if_fail (group != NULL, ZX_HEALTH_NOT_STARTED);

  if (group->counts[ZX_HEALTH_OFF_TRACK] > 0)
    return ZX_HEALTH_OFF_TRACK;
  if (group->counts[ZX_HEALTH_AT_RISK] > 0)
    return ZX_HEALTH_AT_RISK;
  if (group->counts[ZX_HEALTH_ON_TRACK] > 0)
    return ZX_HEALTH_ON_TRACK;
  return ZX_HEALTH_NOT_STARTED;
}

GPtrArray *
zx_cockpit_current_cycles (ZxStore     *store,
                           const GDate *today)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  char day[11];

  g_return_val_if_fail (ZX_IS_STORE (store), ids);
  date_to_iso (today, day);
  stmt = prepare (store,
                  "SELECT id FROM cycle WHERE deleted = 0 AND start_date <= ?1 AND end_date >= ?1 "
                  "ORDER BY kind = 'quarter', start_date, id", NULL);
  if (stmt == NULL)
    return ids;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (col_text (stmt, 0)));
  sqlite3_reset (stmt);
  return ids;
}

/* The current key results, kept with the store ------------------------------- */

typedef struct
{
  char         *cycles_key;
  gint64        data_version;
  gboolean      dirty;
  GStringChunk *chunk;
  GArray       *rows;
} KrCache;

static void
kr_cache_free (gpointer data)
{
  KrCache *cache = data;

  /* freed with the store, whose handlers are gone by then */
  g_free (cache->cycles_key);
  if (cache->chunk != NULL)
    g_string_chunk_free (cache->chunk);
  g_clear_pointer (&cache->rows, g_array_unref);
  g_free (cache);
}

static void
kr_cache_changed_cb (ZxStore    *store,
                     const char *entity,
                     const char *id,
                     KrCache    *cache)
{
  static const char * const watched[] = { "key_result", "objective", "staff", "department", "cycle" };

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    if (g_strcmp0 (entity, watched[i]) == 0)
      cache->dirty = TRUE;
}

static void
kr_cache_reloaded_cb (ZxStore *store,
                      KrCache *cache)
{
  cache->dirty = TRUE;
}

static gint64
data_version (ZxStore *store)
{
  sqlite3_stmt *stmt = prepare (store, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static const char *
chunk_text (GStringChunk *chunk,
            sqlite3_stmt *stmt,
            int           i,
            gboolean      shared)
{
  const char *text = col_text (stmt, i);

  if (text == NULL)
    return NULL;
  return shared ? g_string_chunk_insert_const (chunk, text) : g_string_chunk_insert (chunk, text);
}

GArray *
zx_cockpit_kr_rows (ZxStore      *store,
                    const GDate  *today,
                    GError      **error)
{
  KrCache *cache = g_object_get_data (G_OBJECT (store), "zx-cockpit-kr-cache");
  g_autoptr(GPtrArray) cycles = zx_cockpit_current_cycles (store, today);
  g_autofree char *key = NULL;
  gint64 version = data_version (store);
  sqlite3_stmt *stmt;

  g_ptr_array_add (cycles, NULL);
  key = g_strjoinv ("\n", (char **) cycles->pdata);
  g_ptr_array_set_size (cycles, cycles->len - 1);

  if (cache == NULL)
    {
      cache = g_new0 (KrCache, 1);
      cache->dirty = TRUE;
      g_signal_connect (store, "changed", G_CALLBACK (kr_cache_changed_cb), cache);
      g_signal_connect (store, "reloaded", G_CALLBACK (kr_cache_reloaded_cb), cache);
      g_object_set_data_full (G_OBJECT (store), "zx-cockpit-kr-cache", cache, kr_cache_free);
    }
  if (!cache->dirty && cache->rows != NULL && version == cache->data_version &&
      g_strcmp0 (key, cache->cycles_key) == 0)
    return cache->rows;

  stmt = prepare (store,
                  "SELECT kr.id, kr.title, o.department_id, d.name, COALESCE (kr.owner_id, o.owner_id), s.name, "
                  "c.start_date "
                  "FROM key_result kr JOIN objective o ON o.id = kr.objective_id "
                  "JOIN cycle c ON c.id = o.cycle_id "
                  "LEFT JOIN department d ON d.id = o.department_id "
                  "LEFT JOIN staff s ON s.id = COALESCE (kr.owner_id, o.owner_id) "
                  "WHERE kr.deleted = 0 AND o.deleted = 0 AND o.cycle_id = ?", error);
  if (stmt == NULL)
    return NULL;

  if (cache->chunk != NULL)
    g_string_chunk_free (cache->chunk);
  g_clear_pointer (&cache->rows, g_array_unref);
  cache->chunk = g_string_chunk_new (64 * 1024);
  cache->rows = g_array_new (FALSE, TRUE, sizeof (ZxKrRow));
  for (guint c = 0; c < cycles->len; c++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (cycles, c), -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          ZxKrRow row;

          row.id = chunk_text (cache->chunk, stmt, 0, FALSE);
          row.title = chunk_text (cache->chunk, stmt, 1, FALSE);
          row.department_id = chunk_text (cache->chunk, stmt, 2, TRUE);
          row.department = chunk_text (cache->chunk, stmt, 3, TRUE);
          row.owner_id = chunk_text (cache->chunk, stmt, 4, TRUE);
          row.owner = chunk_text (cache->chunk, stmt, 5, TRUE);
          parse_date (col_text (stmt, 6), &row.cycle_start);
          g_array_append_val (cache->rows, row);
        }
      sqlite3_reset (stmt);
    }
  g_free (cache->cycles_key);
  cache->cycles_key = g_steal_pointer (&key);
  cache->data_version = version;
  cache->dirty = FALSE;
  return cache->rows;
}

/* Adds one key result's numbers to a group */
static void
count_into (ZxCockpitGroup   *group,
            const ZxProgress *p)
{
  group->counts[p->health]++;
  group->total++;
  if (p->stale)
    group->stale++;
  group->progress += p->progress;
}

static gboolean
load_pillars (ZxCockpit              *self,
              ZxStore                *store,
              const ZxProgressParams *params,
              GError                **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT id, name FROM pillar WHERE deleted = 0 ORDER BY rank, id", error);
  double progress = 0, expected = 0, judged = 0;
  guint n = 0;
  gboolean started = FALSE;

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZxCockpitPillar *pillar = g_new0 (ZxCockpitPillar, 1);
      const ZxProgress *p;

      pillar->id = g_strdup (col_text (stmt, 0));
      pillar->name = g_strdup (col_text (stmt, 1));
      p = zx_progress_index_lookup (self->index, pillar->id);
      if (p != NULL)
        {
          pillar->progress = p->progress;
          pillar->expected = p->expected;
          pillar->has_progress = p->has_progress;
          pillar->health = p->health;
          if (p->has_progress)
            {
              progress += p->progress;
              expected += p->expected;
              judged += p->judged_against;
              n++;
              started |= p->health != ZX_HEALTH_NOT_STARTED;
            }
        }
      g_ptr_array_add (self->pillars, pillar);
    }
  sqlite3_reset (stmt);

  if (n > 0)
    {
      self->has_progress = TRUE;
      self->progress = progress / n;
      self->expected = expected / n;
      self->health = zx_health_from (self->progress, judged / n, started, 0, params);
    }
  return TRUE;
}

static gboolean
load_groups (ZxCockpit  *self,
             ZxStore    *store,
             GPtrArray  *cycles,
             GError    **error)
{
  g_autoptr(GHashTable) departments = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  GArray *rows;

  stmt = prepare (store, "SELECT id, name FROM department WHERE deleted = 0 ORDER BY rank, name, id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZxCockpitGroup *g = g_new0 (ZxCockpitGroup, 1);

      g->id = g_strdup (col_text (stmt, 0));
      g->name = g_strdup (col_text (stmt, 1));
      g_ptr_array_add (self->department_list, g);
      g_hash_table_insert (departments, g->id, g);
    }
  sqlite3_reset (stmt);
  self->departments = self->department_list->len;

  stmt = prepare (store,
                  "SELECT s.id, s.name, s.department_id, d.name FROM staff s "
                  "JOIN department d ON d.id = s.department_id "
                  "WHERE s.deleted = 0 AND s.key_person = 1 ORDER BY d.rank, d.name, s.name, s.id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZxCockpitGroup *g = g_new0 (ZxCockpitGroup, 1);

      g->id = g_strdup (col_text (stmt, 0));
      g->name = g_strdup (col_text (stmt, 1));
      g->department_id = g_strdup (col_text (stmt, 2));
      g->department = g_strdup (col_text (stmt, 3));
      g_ptr_array_add (self->people, g);
      g_hash_table_insert (people, g->id, g);
    }
  sqlite3_reset (stmt);

  rows = zx_cockpit_kr_rows (store, &self->today, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      ZxKrRow *row = &g_array_index (rows, ZxKrRow, i);
      const ZxProgress *p = zx_progress_index_lookup (self->index, row->id);
      ZxCockpitGroup *g;

      if (p == NULL)
        continue;
      self->kr_total++;
      self->kr_counts[p->health]++;
      if (p->stale)
        self->kr_stale++;
      if (row->department_id != NULL && (g = g_hash_table_lookup (departments, row->department_id)) != NULL)
        count_into (g, p);
      if (row->owner_id != NULL && (g = g_hash_table_lookup (people, row->owner_id)) != NULL)
        count_into (g, p);
    }

  for (guint i = 0; i < self->department_list->len; i++)
    {
      ZxCockpitGroup *g = g_ptr_array_index (self->department_list, i);
      if (g->total > 0)
        g->progress /= g->total;
    }
  for (guint i = 0; i < self->people->len; i++)
    {
      ZxCockpitGroup *g = g_ptr_array_index (self->people, i);
      if (g->total > 0)
        g->progress /= g->total;
    }
  return TRUE;
}

static gboolean
load_counts (ZxCockpit  *self,
             ZxStore    *store,
             GError    **error)
{
  sqlite3_stmt *stmt;
  char day[11], year[5];

  date_to_iso (&self->today, day);
  g_snprintf (year, sizeof year, "%04d", g_date_get_year (&self->today));

  stmt = prepare (store,
                  "SELECT COUNT (*), COALESCE (SUM (c.due_date IS NOT NULL AND c.due_date < ?1), 0) "
                  "FROM card c JOIN board_column bc ON bc.id = c.column_id "
                  "WHERE c.deleted = 0 AND bc.is_done = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->requests_open = sqlite3_column_int (stmt, 0);
      self->requests_overdue = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  stmt = prepare (store,
                  "SELECT COUNT (*) FROM department d WHERE d.deleted = 0 AND EXISTS "
                  "(SELECT 1 FROM pledge p WHERE p.department_id = d.id AND p.deleted = 0 "
                  "AND p.year = ?1 AND p.signed_at IS NOT NULL)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, g_date_get_year (&self->today));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->pledges_signed = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  stmt = prepare (store,
                  "SELECT COUNT (*), COALESCE (SUM (e.completed_at IS NOT NULL), 0), COUNT (e.rating), "
                  "COALESCE (AVG (e.rating), 0) "
                  "FROM enrolment e JOIN course c ON c.id = e.course_id JOIN staff s ON s.id = e.staff_id "
                  "WHERE e.deleted = 0 AND c.deleted = 0 AND s.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->enrolments = sqlite3_column_int (stmt, 0);
      self->enrolments_completed = sqlite3_column_int (stmt, 1);
      self->ratings = sqlite3_column_int (stmt, 2);
      self->satisfaction = sqlite3_column_double (stmt, 3);
    }
  sqlite3_reset (stmt);

  stmt = prepare (store,
                  "SELECT COUNT (*), COALESCE (SUM (amount), 0) FROM fund_proposal "
                  "WHERE deleted = 0 AND state IN ('submitted', 'approved', 'piloting')", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->fund_in_progress = sqlite3_column_int (stmt, 0);
      self->fund_amount = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The trend ------------------------------------------------------------------ */

typedef struct
{
  char    *id;
  char    *objective_id;
  char    *kind;
  double   start, target, weight;
  gboolean has_start, has_target;
  GDate    from, to;          /* the pace: cycle start to due date or end */
  GArray  *weeks;             /* GDate of each check-in, by week */
  GArray  *values;            /* double */
} TrendKr;

static void
trend_kr_free (TrendKr *kr)
{
  g_free (kr->id);
  g_free (kr->objective_id);
  g_free (kr->kind);
  g_array_unref (kr->weeks);
  g_array_unref (kr->values);
  g_free (kr);
}

static gboolean
load_trend (ZxCockpit  *self,
            ZxStore    *store,
            GPtrArray  *cycles,
            GError    **error)
{
  g_autoptr(GPtrArray) krs = g_ptr_array_new_with_free_func ((GDestroyNotify) trend_kr_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) objectives = g_hash_table_new (g_str_hash, g_str_equal);
  const char *year_id = NULL;
  sqlite3_stmt *stmt;
  GDate year_start, monday;

  for (guint c = 0; c < cycles->len && year_id == NULL; c++)
    {
      stmt = prepare (store, "SELECT start_date FROM cycle WHERE id = ? AND kind = 'year'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (cycles, c), -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && parse_date (col_text (stmt, 0), &year_start))
        year_id = g_ptr_array_index (cycles, c);
      sqlite3_reset (stmt);
    }
  if (year_id == NULL)
    return TRUE;

  stmt = prepare (store,
                  "SELECT kr.id, kr.objective_id, kr.kind, kr.start_value, kr.target_value, kr.weight, "
                  "c.start_date, COALESCE (CASE WHEN kr.due_date > c.start_date AND kr.due_date <= c.end_date "
                  "THEN kr.due_date END, c.end_date) "
                  "FROM key_result kr JOIN objective o ON o.id = kr.objective_id JOIN cycle c ON c.id = o.cycle_id "
                  "WHERE kr.deleted = 0 AND o.deleted = 0 AND o.level = 'hospital' AND o.cycle_id = ? "
                  "ORDER BY kr.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, year_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TrendKr *kr = g_new0 (TrendKr, 1);

      kr->id = g_strdup (col_text (stmt, 0));
      kr->objective_id = g_strdup (col_text (stmt, 1));
      kr->kind = g_strdup (col_text (stmt, 2));
      kr->has_start = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      kr->start = sqlite3_column_double (stmt, 3);
      kr->has_target = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      kr->target = sqlite3_column_double (stmt, 4);
      kr->weight = sqlite3_column_double (stmt, 5);
      parse_date (col_text (stmt, 6), &kr->from);
      parse_date (col_text (stmt, 7), &kr->to);
      kr->weeks = g_array_new (FALSE, FALSE, sizeof (GDate));
      kr->values = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (krs, kr);
      g_hash_table_insert (by_id, kr->id, kr);
      g_hash_table_insert (objectives, kr->objective_id, kr->objective_id);
    }
  sqlite3_reset (stmt);
  if (krs->len == 0)
    return TRUE;

  stmt = prepare (store,
                  "SELECT ci.key_result_id, ci.week, ci.value, ci.milestone_done "
                  "FROM check_in ci JOIN key_result kr ON kr.id = ci.key_result_id "
                  "JOIN objective o ON o.id = kr.objective_id "
                  "WHERE ci.deleted = 0 AND kr.deleted = 0 AND o.deleted = 0 AND o.level = 'hospital' "
                  "AND o.cycle_id = ? ORDER BY ci.key_result_id, ci.week, ci.created_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, year_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TrendKr *kr = g_hash_table_lookup (by_id, col_text (stmt, 0));
      GDate week;
      double value;

      if (kr == NULL || !parse_date (col_text (stmt, 1), &week))
        continue;
      if (g_strcmp0 (kr->kind, "milestone") == 0)
        value = (sqlite3_column_int (stmt, 3) != 0 ||
                 (sqlite3_column_type (stmt, 2) != SQLITE_NULL && sqlite3_column_double (stmt, 2) >= 1)) ? 1 : 0;
      else if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        continue;
      else
        value = sqlite3_column_double (stmt, 2);
      g_array_append_val (kr->weeks, week);
      g_array_append_val (kr->values, value);
    }
  sqlite3_reset (stmt);

  /* Mondays from the year's first (or the first check-in's) to today's */
  monday = year_start;
  {
    GDate first;

    g_date_clear (&first, 1);
    for (guint i = 0; i < krs->len; i++)
      {
        TrendKr *kr = g_ptr_array_index (krs, i);
        if (kr->weeks->len > 0 && (!g_date_valid (&first) || g_date_compare (&g_array_index (kr->weeks, GDate, 0), &first) < 0))
          first = g_array_index (kr->weeks, GDate, 0);
      }
    if (g_date_valid (&first) && g_date_compare (&first, &monday) > 0)
      monday = first;
  }
  g_date_subtract_days (&monday, g_date_get_weekday (&monday) - G_DATE_MONDAY);
  for (guint n = 0; n < MAX_WEEKS && g_date_compare (&monday, &self->today) <= 0; n++)
    {
      GDate sunday = monday;
      g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      GHashTableIter iter;
      gpointer value;
      ZxCockpitWeek point = { monday, 0, 0 };
      guint n_objectives = 0;

      g_date_add_days (&sunday, 6);
      if (g_date_compare (&sunday, &self->today) > 0)
        sunday = self->today;

      for (guint i = 0; i < krs->len; i++)
        {
          TrendKr *kr = g_ptr_array_index (krs, i);
          double *s = g_hash_table_lookup (sums, kr->objective_id);
          double progress = 0;
          gboolean has = FALSE;
          double current = 0;

          for (guint j = 0; j < kr->weeks->len; j++)
            {
              if (g_date_compare (&g_array_index (kr->weeks, GDate, j), &sunday) > 0)
                break;
              current = g_array_index (kr->values, double, j);
              has = TRUE;
            }
          progress = zx_kr_progress (kr->kind, has, kr->start, kr->target, current);
          if (s == NULL)
            {
              /* weighted progress, weighted pace, weight, plain progress, plain pace, count */
              s = g_new0 (double, 6);
              g_hash_table_insert (sums, kr->objective_id, s);
            }
          {
            double e = zx_expected_pace (&kr->from, &kr->to, &sunday);
            s[0] += kr->weight * progress;
            s[1] += kr->weight * e;
            s[2] += kr->weight;
            s[3] += progress;
            s[4] += e;
            s[5] += 1;
          }
        }

      g_hash_table_iter_init (&iter, sums);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          double *s = value;

          if (s[2] > 0)
            {
              point.progress += s[0] / s[2];
              point.expected += s[1] / s[2];
            }
          else
            {
              point.progress += s[3] / s[5];
              point.expected += s[4] / s[5];
            }
          n_objectives++;
        }
      if (n_objectives > 0)
        {
          point.progress /= n_objectives;
          point.expected /= n_objectives;
        }
      g_array_append_val (self->trend, point);
      g_date_add_days (&monday, 7);
    }
  return TRUE;
}

ZxCockpit *
zx_cockpit_new (ZxStore                *store,
                ZxProgressIndex        *index,
                const GDate            *today,
                const ZxProgressParams *params,
                GError                **error)
{
  g_autoptr(ZxCockpit) self = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  ZxProgressParams defaults;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      zx_progress_params_init_default (&defaults);
      params = &defaults;
    }

  self = g_new0 (ZxCockpit, 1);
  self->today = *today;
  self->index = index != NULL ? zx_progress_index_ref (index)
                              : zx_progress_index_new (store, today, params, error);
  if (self->index == NULL)
    return NULL;
  self->pillars = g_ptr_array_new_with_free_func ((GDestroyNotify) pillar_free);
  self->department_list = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->trend = g_array_new (FALSE, TRUE, sizeof (ZxCockpitWeek));

  cycles = zx_cockpit_current_cycles (store, today);
  if (!load_pillars (self, store, params, error) ||
      !load_groups (self, store, cycles, error) ||
      !load_counts (self, store, error) ||
      !load_trend (self, store, cycles, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Drill-down ----------------------------------------------------------------- */

void
zx_cockpit_item_free (ZxCockpitItem *item)
{
  if (item == NULL)
    return;
  g_free (item->entity);
  g_free (item->id);
  g_free (item->title);
  g_free (item->detail);
  g_free (item);
}

static void
add_item (GPtrArray  *items,
          ZxCockpit  *self,
          const char *entity,
          const char *id,
          const char *title,
          const char *detail,
          int         depth)
{
  ZxCockpitItem *item = g_new0 (ZxCockpitItem, 1);

  item->entity = g_strdup (entity);
  item->id = g_strdup (id);
  item->title = g_strdup (title);
  item->detail = g_strdup (detail);
  item->depth = depth;
  item->numbers = zx_progress_index_lookup (self->index, id);
  g_ptr_array_add (items, item);
}

/* The current objectives matching @where (bound to ?1, cycle ?2) with their key results */
static void
add_objectives (GPtrArray  *items,
                ZxCockpit  *self,
                ZxStore    *store,
                GPtrArray  *cycles,
                const char *sql,
                const char *param,
                int         depth,
                gboolean    krs_only)
{
  sqlite3_stmt *stmt = prepare (store, sql, NULL);

  if (stmt == NULL)
    return;
  for (guint c = 0; c < cycles->len; c++)
    {
      sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (cycles, c), -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *kind = col_text (stmt, 0);

          if (krs_only && g_strcmp0 (kind, "key_result") != 0)
            continue;
          add_item (items, self, kind, col_text (stmt, 1), col_text (stmt, 2), col_text (stmt, 3),
                    depth + (g_strcmp0 (kind, "key_result") == 0));
        }
      sqlite3_reset (stmt);
    }
}

#define OBJECTIVES_AND_KRS(WHERE) \
  "SELECT kind, id, title, detail FROM (" \
  "SELECT 'objective' AS kind, o.id, o.title, d.name AS detail, o.rank AS r1, o.id AS r2, '' AS r3, '' AS r4 " \
  "FROM objective o LEFT JOIN department d ON d.id = o.department_id " \
  "WHERE o.deleted = 0 AND " WHERE " AND o.cycle_id = ?2 " \
  "UNION ALL " \
  "SELECT 'key_result', kr.id, kr.title, s.name, o.rank, o.id, kr.rank, kr.id " \
  "FROM key_result kr JOIN objective o ON o.id = kr.objective_id LEFT JOIN staff s ON s.id = kr.owner_id " \
  "WHERE kr.deleted = 0 AND o.deleted = 0 AND " WHERE " AND o.cycle_id = ?2) " \
  "ORDER BY r1, r2, r3, r4"

GPtrArray *
zx_cockpit_pillar_items (ZxCockpit  *self,
                         ZxStore    *store,
                         const char *pillar_id)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_cockpit_item_free);
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(GPtrArray) battles = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && ZX_IS_STORE (store), items);
  cycles = zx_cockpit_current_cycles (store, &self->today);

  add_objectives (items, self, store, cycles,
                  OBJECTIVES_AND_KRS ("o.level = 'hospital' AND o.pillar_id = ?1"), pillar_id, 0, FALSE);

  stmt = prepare (store,
                  "SELECT b.id, b.name, d.name FROM battle b JOIN department d ON d.id = b.department_id "
                  "WHERE b.deleted = 0 AND b.pillar_id = ? ORDER BY d.rank, d.name, b.rank, b.id", NULL);
  if (stmt == NULL)
    return items;
  sqlite3_bind_text (stmt, 1, pillar_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (battles, g_strdup (col_text (stmt, 0)));
      g_ptr_array_add (battles, g_strdup (col_text (stmt, 1)));
      g_ptr_array_add (battles, g_strdup (col_text (stmt, 2)));
    }
  sqlite3_reset (stmt);

  /* each battle, with the current key results of the objectives serving it */
  for (guint i = 0; i + 2 < battles->len; i += 3)
    {
      add_item (items, self, "battle", g_ptr_array_index (battles, i), g_ptr_array_index (battles, i + 1),
                g_ptr_array_index (battles, i + 2), 0);
      add_objectives (items, self, store, cycles, OBJECTIVES_AND_KRS ("o.battle_id = ?1"),
                      g_ptr_array_index (battles, i), 0, TRUE);
    }
  return items;
}

GPtrArray *
zx_cockpit_department_items (ZxCockpit  *self,
                             ZxStore    *store,
                             const char *department_id)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_cockpit_item_free);
  g_autoptr(GPtrArray) cycles = NULL;
  sqlite3_stmt *stmt;
  char day[11];

  g_return_val_if_fail (self != NULL && ZX_IS_STORE (store), items);
  cycles = zx_cockpit_current_cycles (store, &self->today);
  date_to_iso (&self->today, day);

  add_objectives (items, self, store, cycles,
                  OBJECTIVES_AND_KRS ("o.department_id = ?1 AND o.level = 'department'"), department_id, 0, FALSE);

  stmt = prepare (store,
                  "SELECT c.id, c.title, fd.name, td.name, c.due_date FROM card c "
                  "JOIN board_column bc ON bc.id = c.column_id "
                  "JOIN department fd ON fd.id = c.from_department_id "
                  "JOIN department td ON td.id = c.to_department_id "
                  "WHERE c.deleted = 0 AND bc.is_done = 0 AND (c.from_department_id = ?1 OR c.to_department_id = ?1) "
                  "ORDER BY c.due_date IS NULL, c.due_date, c.id", NULL);
  if (stmt == NULL)
    return items;
  sqlite3_bind_text (stmt, 1, department_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *due = col_text (stmt, 4);
      g_autofree char *detail = NULL;

      if (due != NULL && strcmp (due, day) < 0)
        /* Translators: a collaboration request: from → to department, and its due date */
        detail = g_strdup_printf (_("%s → %s · overdue since %s"), col_text (stmt, 2), col_text (stmt, 3), due);
      else if (due != NULL)
        detail = g_strdup_printf (_("%s → %s · due %s"), col_text (stmt, 2), col_text (stmt, 3), due);
      else
        detail = g_strdup_printf ("%s → %s", col_text (stmt, 2), col_text (stmt, 3));
      add_item (items, self, "card", col_text (stmt, 0), col_text (stmt, 1), detail, 0);
    }
  sqlite3_reset (stmt);
  return items;
}

void
zx_cockpit_check_in_free (ZxCockpitCheckIn *check_in)
{
  if (check_in == NULL)
    return;
  g_free (check_in->week);
  g_free (check_in->note);
  g_free (check_in->author);
  g_free (check_in);
}

GPtrArray *
zx_cockpit_check_ins (ZxStore    *store,
                      const char *key_result_id)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_cockpit_check_in_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ZX_IS_STORE (store), list);
  stmt = prepare (store,
                  "SELECT ci.week, ci.value, ci.milestone_done, ci.confidence, ci.note, s.name "
                  "FROM check_in ci LEFT JOIN staff s ON s.id = ci.author_id "
                  "WHERE ci.deleted = 0 AND ci.key_result_id = ? ORDER BY ci.week DESC, ci.created_at DESC", NULL);
  if (stmt == NULL)
    return list;
  sqlite3_bind_text (stmt, 1, key_result_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ZxCockpitCheckIn *c = g_new0 (ZxCockpitCheckIn, 1);

      c->week = g_strdup (col_text (stmt, 0));
      c->has_value = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      c->value = c->has_value ? sqlite3_column_double (stmt, 1) : (double) sqlite3_column_int (stmt, 2);
      c->confidence = sqlite3_column_int (stmt, 3);
      c->note = g_strdup (col_text (stmt, 4));
      c->author = g_strdup (col_text (stmt, 5));
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (stmt);
  return list;
}
