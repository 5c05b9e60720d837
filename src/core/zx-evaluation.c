/* zx-evaluation.c — performance evaluation: scoring, assessment,
 * adjustments, grades and locking (the rules are in zx-evaluation.h)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "zx-evaluation.h"
#include "zx-progress.h"
#include "zx-store-private.h"

void
zx_eval_score_free (ZxEvalScore *score)
{
  if (score == NULL)
    return;
  g_free (score->id);
  g_free (score->staff_id);
  g_free (score->department_id);
  g_free (score);
}

static double
round2 (double v)
{
  return round (v * 100.0) / 100.0;
}

static double
clamp (double v,
       double lo,
       double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* The pure rules ------------------------------------------------------------ */

double
zx_evaluation_kr_credit (double   progress,
                         gboolean challenge,
                         double   challenge_credit)
{
  progress = clamp (isfinite (progress) ? progress : 0, 0, 1);
  if (challenge && challenge_credit > 0)
    return MIN (1.0, progress / challenge_credit);
  return progress;
}

gboolean
zx_evaluation_item_score (const char *direction,
                          double      actual,
                          double      target,
                          double     *out_score)
{
  double s;

  if (!isfinite (actual) || !isfinite (target) || actual < 0 || target < 0)
    return FALSE;

  if (g_strcmp0 (direction, "higher") == 0)
    s = target == 0 ? 100 : 100 * actual / target;
  else if (g_strcmp0 (direction, "lower") == 0)
    s = actual == 0 ? 100 : 100 * target / actual;
  else
    return FALSE;

  *out_score = clamp (s, 0, 100);
  return TRUE;
}

double
zx_evaluation_total (const ZxEvalRules *rules,
                     double             okr_score,
                     gboolean           has_indicator,
                     double             indicator_score,
                     gboolean           has_assessment,
                     double             assessment_score,
                     double             adjustment)
{
  double sum = rules->okr_weight * okr_score;
  double weights = rules->okr_weight;

  if (has_indicator)
    {
      sum += rules->indicator_weight * indicator_score;
      weights += rules->indicator_weight;
    }
  if (has_assessment)
    {
      sum += rules->assessment_weight * assessment_score;
      weights += rules->assessment_weight;
    }

  return clamp ((weights > 0 ? sum / weights : 0) + adjustment, 0, 100);
}

const char *
zx_evaluation_grade_for (const ZxEvalRules *rules,
                         double             total)
{
  /* Compared at the stored precision, so 89.995 rounds to A at 90 */
  total = round2 (total);
  if (total >= rules->grade_a)
    return "A";
  if (total >= rules->grade_b)
    return "B";
  if (total >= rules->grade_c)
    return "C";
  return "D";
}

/* Reading --------------------------------------------------------------------- */

static const char *
col_text (sqlite3_stmt *stmt,
          int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gboolean
col_null (sqlite3_stmt *stmt,
          int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL;
}

typedef struct
{
  ZxEvalRules rules;
  char       *id;
  char       *cycle_id;
  char       *cycle_name;
  char       *subject;
  char       *status;
  char       *first_month, *last_month;   /* "YYYY-MM" */
} Scheme;

static void
scheme_clear (Scheme *s)
{
  g_free (s->id);
  g_free (s->cycle_id);
  g_free (s->cycle_name);
  g_free (s->subject);
  g_free (s->status);
  g_free (s->first_month);
  g_free (s->last_month);
}

static gboolean
read_scheme (ZxStore     *store,
             const char  *scheme_id,
             Scheme      *out,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  memset (out, 0, sizeof *out);
  stmt = zx_store_prepare (store,
                           "SELECT s.okr_weight, s.indicator_weight, s.assessment_weight, s.challenge_credit,"
                           " s.grade_a, s.grade_b, s.grade_c, s.quota_a, s.cycle_id, c.name, s.subject, s.status,"
                           " substr (c.start_date, 1, 7), substr (c.end_date, 1, 7)"
                           " FROM eval_scheme s LEFT JOIN cycle c ON c.id = s.cycle_id"
                           " WHERE s.id = ? AND s.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->rules.okr_weight = sqlite3_column_double (stmt, 0);
      out->rules.indicator_weight = sqlite3_column_double (stmt, 1);
      out->rules.assessment_weight = sqlite3_column_double (stmt, 2);
      out->rules.challenge_credit = sqlite3_column_double (stmt, 3);
      out->rules.grade_a = sqlite3_column_double (stmt, 4);
      out->rules.grade_b = sqlite3_column_double (stmt, 5);
      out->rules.grade_c = sqlite3_column_double (stmt, 6);
      out->rules.quota_a = sqlite3_column_double (stmt, 7);
      out->id = g_strdup (scheme_id);
      out->cycle_id = g_strdup (col_text (stmt, 8));
      out->cycle_name = g_strdup (col_text (stmt, 9));
      out->subject = g_strdup (col_text (stmt, 10));
      out->status = g_strdup (col_text (stmt, 11));
      out->first_month = g_strdup (col_text (stmt, 12));
      out->last_month = g_strdup (col_text (stmt, 13));
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    g_set_error_literal (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                         _("The evaluation scheme was not found; it may have been deleted."));
  return found;
}

gboolean
zx_evaluation_get_rules (ZxStore      *store,
                         const char   *scheme_id,
                         ZxEvalRules  *out_rules,
                         GError      **error)
{
  Scheme s;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (scheme_id != NULL && out_rules != NULL, FALSE);

  if (!read_scheme (store, scheme_id, &s, error))
    return FALSE;
  *out_rules = s.rules;
  scheme_clear (&s);
  return TRUE;
}

gboolean
zx_evaluation_scheme_is_locked (ZxStore    *store,
                                const char *scheme_id)
{
  Scheme s;
  gboolean locked;

  if (!read_scheme (store, scheme_id, &s, NULL))
    return FALSE;
  locked = g_strcmp0 (s.status, "locked") == 0;
  scheme_clear (&s);
  return locked;
}

/* Per key result owner (person) or department: Σ weight × credit, Σ weight,
 * plain Σ credit and the count */
typedef struct
{
  double weighted, weights, plain;
  guint  n;
} Okr;

static void
okr_add (GHashTable *table,
         const char *key,
         double      weight,
         double      credit)
{
  Okr *okr;

  if (key == NULL)
    return;
  okr = g_hash_table_lookup (table, key);
  if (okr == NULL)
    {
      okr = g_new0 (Okr, 1);
      g_hash_table_insert (table, g_strdup (key), okr);
    }
  okr->weighted += weight * credit;
  okr->weights += weight;
  okr->plain += credit;
  okr->n++;
}

static double
okr_score (GHashTable *table,
           const char *key,
           guint      *out_n)
{
  Okr *okr = key ? g_hash_table_lookup (table, key) : NULL;

  *out_n = okr ? okr->n : 0;
  if (okr == NULL || okr->n == 0)
    return 0;
  if (okr->weights > 0)
    return 100 * okr->weighted / okr->weights;
  return 100 * okr->plain / okr->n;
}

static gboolean
read_okrs (ZxStore     *store,
           Scheme      *scheme,
           gboolean     by_department,
           GHashTable  *out,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = zx_store_prepare (store,
                           "SELECT coalesce (k.owner_id, o.owner_id), o.level, o.department_id, k.kind,"
                           " k.start_value, k.target_value, k.current_value, k.weight, k.challenge"
                           " FROM key_result k JOIN objective o ON o.id = k.objective_id"
                           " WHERE o.cycle_id = ? AND o.deleted = 0 AND k.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme->cycle_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double progress = zx_kr_progress (col_text (stmt, 3), !col_null (stmt, 6),
                                        sqlite3_column_double (stmt, 4),
                                        sqlite3_column_double (stmt, 5),
                                        sqlite3_column_double (stmt, 6));
      double credit = zx_evaluation_kr_credit (progress, sqlite3_column_int (stmt, 8) != 0,
                                               scheme->rules.challenge_credit);
      double weight = sqlite3_column_double (stmt, 7);

      if (by_department)
        {
          if (g_strcmp0 (col_text (stmt, 1), "department") == 0)
            okr_add (out, col_text (stmt, 2), weight, credit);
        }
      else
        okr_add (out, col_text (stmt, 0), weight, credit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      zx_store_set_sqlite_error (store, error, _("Could not read the key results"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char  *indicator_id;
  char  *direction;
  double weight;
} Item;

static void
item_free (Item *item)
{
  g_free (item->indicator_id);
  g_free (item->direction);
  g_free (item);
}

/* indicator id + "/" + department id (or "" for the hospital) */
static char *
pair_key (const char *indicator_id,
          const char *department_id)
{
  return g_strconcat (indicator_id, "/", department_id ? department_id : "", NULL);
}

static double *
box (double v)
{
  double *p = g_new (double, 1);

  *p = v;
  return p;
}

/* department id → its indicator score (a boxed double); departments
 * without any item that counts are absent */
static gboolean
read_indicator_scores (ZxStore     *store,
                       Scheme      *scheme,
                       GHashTable  *out,
                       GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GHashTable) actual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) target_period = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) target_year = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) departments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *year = g_strndup (scheme->first_month ? scheme->first_month : "", 4);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key;

  stmt = zx_store_prepare (store,
                           "SELECT i.indicator_id, n.direction, i.weight FROM eval_scheme_item i"
                           " JOIN indicator n ON n.id = i.indicator_id"
                           " WHERE i.scheme_id = ? AND i.deleted = 0 AND n.deleted = 0"
                           " ORDER BY i.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Item *item = g_new0 (Item, 1);

      item->indicator_id = g_strdup (col_text (stmt, 0));
      item->direction = g_strdup (col_text (stmt, 1));
      item->weight = sqlite3_column_double (stmt, 2);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (items->len == 0)
    return TRUE;

  /* The mean of each department's monthly values in the cycle */
  stmt = zx_store_prepare (store,
                           "SELECT v.indicator_id, v.department_id, avg (v.value) FROM indicator_value v"
                           " WHERE v.deleted = 0 AND v.department_id IS NOT NULL AND v.month BETWEEN ? AND ?"
                           " AND v.indicator_id IN (SELECT indicator_id FROM eval_scheme_item"
                           "  WHERE scheme_id = ? AND deleted = 0)"
                           " GROUP BY v.indicator_id, v.department_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme->first_month ? scheme->first_month : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, scheme->last_month ? scheme->last_month : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, scheme->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_hash_table_insert (actual, pair_key (col_text (stmt, 0), col_text (stmt, 1)),
                           box (sqlite3_column_double (stmt, 2)));
      g_hash_table_add (departments, g_strdup (col_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  stmt = zx_store_prepare (store,
                           "SELECT indicator_id, department_id, period, target FROM indicator_target"
                           " WHERE deleted = 0 AND period IN (?, ?)"
                           " AND indicator_id IN (SELECT indicator_id FROM eval_scheme_item"
                           "  WHERE scheme_id = ? AND deleted = 0)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme->cycle_name ? scheme->cycle_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, year, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, scheme->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GHashTable *table = g_strcmp0 (col_text (stmt, 2), scheme->cycle_name) == 0 ? target_period : target_year;

      g_hash_table_insert (table, pair_key (col_text (stmt, 0), col_text (stmt, 1)),
                           box (sqlite3_column_double (stmt, 3)));
    }
  sqlite3_reset (stmt);

  g_hash_table_iter_init (&iter, departments);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *department = key;
      double sum = 0, weights = 0;

      for (guint i = 0; i < items->len; i++)
        {
          Item *item = g_ptr_array_index (items, i);
          g_autofree char *own = pair_key (item->indicator_id, department);
          g_autofree char *hospital = pair_key (item->indicator_id, NULL);
          double *value = g_hash_table_lookup (actual, own);
          double *target = g_hash_table_lookup (target_period, own);
          double score;

          if (target == NULL)
            target = g_hash_table_lookup (target_year, own);
          if (target == NULL)
            target = g_hash_table_lookup (target_period, hospital);
          if (target == NULL)
            target = g_hash_table_lookup (target_year, hospital);

          if (value == NULL || target == NULL ||
              !zx_evaluation_item_score (item->direction, *value, *target, &score))
            continue;
          sum += item->weight * score;
          weights += item->weight;
        }

      if (weights > 0)
        g_hash_table_insert (out, g_strdup (department), box (sum / weights));
    }

  return TRUE;
}

typedef struct
{
  char    *id;
  char    *department_id;
  gboolean has_assessment;
  double   assessment, adjustment;
  double   okr, indicator, total;
  gboolean has_indicator;
  gboolean locked;
  char    *grade;
} Existing;

static void
existing_free (Existing *e)
{
  g_free (e->id);
  g_free (e->department_id);
  g_free (e->grade);
  g_free (e);
}

/* subject (staff id, or department id for department rows) → Existing */
static GHashTable *
read_existing (ZxStore     *store,
               const char  *scheme_id,
               gboolean     by_department,
               GError     **error)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) existing_free);
  sqlite3_stmt *stmt;

  stmt = zx_store_prepare (store,
                           "SELECT id, staff_id, department_id, assessment_score, adjustment, okr_score,"
                           " indicator_score, total, locked, grade"
                           " FROM evaluation WHERE scheme_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    {
      g_hash_table_unref (out);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, scheme_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Existing *e = g_new0 (Existing, 1);
      const char *subject = by_department ? col_text (stmt, 2) : col_text (stmt, 1);

      e->id = g_strdup (col_text (stmt, 0));
      e->department_id = g_strdup (col_text (stmt, 2));
      e->has_assessment = !col_null (stmt, 3);
      e->assessment = sqlite3_column_double (stmt, 3);
      e->adjustment = sqlite3_column_double (stmt, 4);
      e->okr = col_null (stmt, 5) ? NAN : sqlite3_column_double (stmt, 5);
      e->has_indicator = !col_null (stmt, 6);
      e->indicator = sqlite3_column_double (stmt, 6);
      e->total = col_null (stmt, 7) ? NAN : sqlite3_column_double (stmt, 7);
      e->locked = sqlite3_column_int (stmt, 8) != 0;
      e->grade = g_strdup (col_text (stmt, 9));
      /* a person's row without a person, or a department row with one,
       * belongs to the other kind of scheme: left alone */
      if (subject == NULL || (by_department && !col_null (stmt, 1)))
        existing_free (e);
      else
        g_hash_table_replace (out, g_strdup (subject), e);
    }
  sqlite3_reset (stmt);
  return out;
}

/* Who the scheme evaluates: (subject id, department id) pairs */
static gboolean
read_subjects (ZxStore     *store,
               Scheme      *scheme,
               gboolean     by_department,
               GPtrArray   *out_ids,
               GPtrArray   *out_departments,
               GError     **error)
{
  g_autoptr(GPtrArray) audience = g_ptr_array_new_with_free_func (g_free);   /* pairs dept, role */
  sqlite3_stmt *stmt;

  stmt = zx_store_prepare (store,
                           "SELECT department_id, role FROM eval_audience WHERE scheme_id = ? AND deleted = 0"
                           " AND (department_id IS NOT NULL OR role IS NOT NULL)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scheme->id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (by_department && col_null (stmt, 0))
        continue;
      g_ptr_array_add (audience, g_strdup (col_text (stmt, 0)));
      g_ptr_array_add (audience, g_strdup (col_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  if (by_department)
    stmt = zx_store_prepare (store,
                             "SELECT id, id, NULL FROM department WHERE deleted = 0 ORDER BY rank, name, id", error);
  else
    stmt = zx_store_prepare (store,
                             "SELECT s.id, s.department_id, s.role FROM staff s"
                             " JOIN department d ON d.id = s.department_id"
                             " WHERE s.deleted = 0 ORDER BY d.rank, d.name, s.employee_no, s.id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *department = col_text (stmt, 1);
      const char *role = col_text (stmt, 2);
      gboolean in = audience->len == 0;

      for (guint i = 0; !in && i < audience->len; i += 2)
        {
          const char *a_dept = g_ptr_array_index (audience, i);
          const char *a_role = g_ptr_array_index (audience, i + 1);

          in = (a_dept == NULL || g_strcmp0 (a_dept, department) == 0) &&
               (by_department || a_role == NULL || g_strcmp0 (a_role, role) == 0);
        }
      if (in)
        {
          g_ptr_array_add (out_ids, g_strdup (col_text (stmt, 0)));
          g_ptr_array_add (out_departments, g_strdup (department));
        }
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static GPtrArray *
score_scheme (ZxStore     *store,
              Scheme      *scheme,
              GHashTable  *existing,
              GError     **error)
{
  gboolean by_department = g_strcmp0 (scheme->subject, "department") == 0;
  g_autoptr(GHashTable) okrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) departments = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *scores;

  if (!read_subjects (store, scheme, by_department, ids, departments, error) ||
      !read_okrs (store, scheme, by_department, okrs, error) ||
      !read_indicator_scores (store, scheme, indicators, error))
    return NULL;

  scores = g_ptr_array_new_full (ids->len, (GDestroyNotify) zx_eval_score_free);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *subject = g_ptr_array_index (ids, i);
      const char *department = g_ptr_array_index (departments, i);
      ZxEvalScore *score = g_new0 (ZxEvalScore, 1);
      Existing *e = g_hash_table_lookup (existing, subject);
      double *indicator = g_hash_table_lookup (indicators, department);

      score->staff_id = by_department ? NULL : g_strdup (subject);
      score->department_id = g_strdup (department);
      score->okr_score = round2 (okr_score (okrs, subject, &score->n_key_results));
      score->has_indicator = indicator != NULL;
      score->indicator_score = indicator ? round2 (*indicator) : 0;
      if (e != NULL)
        {
          score->id = g_strdup (e->id);
          score->has_assessment = e->has_assessment;
          score->assessment_score = e->assessment;
          score->adjustment = e->adjustment;
        }
      score->total = round2 (zx_evaluation_total (&scheme->rules, score->okr_score,
                                                  score->has_indicator, score->indicator_score,
                                                  score->has_assessment, score->assessment_score,
                                                  score->adjustment));
      g_ptr_array_add (scores, score);
    }

  return scores;
}

GPtrArray *
zx_evaluation_score (ZxStore     *store,
                     const char  *scheme_id,
                     GError     **error)
{
  Scheme scheme;
  g_autoptr(GHashTable) existing = NULL;
  GPtrArray *scores;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (scheme_id != NULL, NULL);

  if (!read_scheme (store, scheme_id, &scheme, error))
    return NULL;
  existing = read_existing (store, scheme_id, g_strcmp0 (scheme.subject, "department") == 0, error);
  scores = existing ? score_scheme (store, &scheme, existing, error) : NULL;
  scheme_clear (&scheme);
  return scores;
}

/* Writing ---------------------------------------------------------------------- */

static gboolean
differs (double   a,
         double   b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) != isnan (b);
  return fabs (a - b) > 0.004;
}

static gboolean
refuse_locked (Scheme  *scheme,
               GError **error)
{
  if (g_strcmp0 (scheme->status, "locked") == 0)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("This evaluation is locked: its results are final and cannot change."));
      return TRUE;
    }
  return FALSE;
}

gboolean
zx_evaluation_compute (ZxStore     *store,
                       const char  *scheme_id,
                       guint       *out_n,
                       GError     **error)
{
  Scheme scheme;
  gboolean by_department;
  g_autoptr(GHashTable) existing = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) scores = NULL;
  gboolean ok = FALSE, committing = FALSE;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (scheme_id != NULL, FALSE);

  if (!read_scheme (store, scheme_id, &scheme, error))
    return FALSE;
  if (refuse_locked (&scheme, error) || !zx_store_begin (store, error))
    {
      scheme_clear (&scheme);
      return FALSE;
    }

  by_department = g_strcmp0 (scheme.subject, "department") == 0;
  existing = read_existing (store, scheme_id, by_department, error);
  if (existing == NULL || (scores = score_scheme (store, &scheme, existing, error)) == NULL)
    goto out;

  for (guint i = 0; i < scores->len; i++)
    {
      ZxEvalScore *s = g_ptr_array_index (scores, i);
      Existing *e = g_hash_table_lookup (existing, s->staff_id ? s->staff_id : s->department_id);
      g_autoptr(JsonObject) fields = json_object_new ();

      if (e != NULL)
        {
          g_hash_table_add (kept, e->id);
          if (g_strcmp0 (e->department_id, s->department_id) != 0)
            json_object_set_string_member (fields, "department_id", s->department_id);
          if (differs (e->okr, s->okr_score))
            json_object_set_double_member (fields, "okr_score", s->okr_score);
          if (e->has_indicator != s->has_indicator || (s->has_indicator && differs (e->indicator, s->indicator_score)))
            {
              if (s->has_indicator)
                json_object_set_double_member (fields, "indicator_score", s->indicator_score);
              else
                json_object_set_null_member (fields, "indicator_score");
            }
          if (differs (e->total, s->total))
            json_object_set_double_member (fields, "total", s->total);
          if (json_object_get_size (fields) > 0 &&
              !zx_store_update (store, "evaluation", e->id, fields, error))
            goto out;
        }
      else
        {
          g_autofree char *id = NULL;

          json_object_set_string_member (fields, "scheme_id", scheme_id);
          if (s->staff_id != NULL)
            json_object_set_string_member (fields, "staff_id", s->staff_id);
          json_object_set_string_member (fields, "department_id", s->department_id);
          json_object_set_double_member (fields, "okr_score", s->okr_score);
          if (s->has_indicator)
            json_object_set_double_member (fields, "indicator_score", s->indicator_score);
          json_object_set_double_member (fields, "adjustment", 0);
          json_object_set_double_member (fields, "total", s->total);
          json_object_set_boolean_member (fields, "locked", FALSE);
          id = zx_store_create (store, "evaluation", fields, error);
          if (id == NULL)
            goto out;
          s->id = g_steal_pointer (&id);
        }
    }

  /* Those the scheme no longer evaluates */
  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Existing *e = value;

      if (!g_hash_table_contains (kept, e->id) &&
          !zx_store_delete (store, "evaluation", e->id, error))
        goto out;
    }

  if (g_strcmp0 (scheme.status, "draft") == 0)
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_string_member (fields, "status", "running");
      if (!zx_store_update (store, "eval_scheme", scheme_id, fields, error))
        goto out;
    }

  if (out_n != NULL)
    *out_n = scores->len;
  committing = TRUE;
  ok = zx_store_commit (store, error);   /* rolls back itself on failure */

out:
  if (!committing)
    zx_store_rollback (store);
  scheme_clear (&scheme);
  return ok;
}

/* One evaluation row's scores and its scheme's rules, for the writers
 * that change one row; refuses a locked one */
typedef struct
{
  Scheme   scheme;
  char    *scheme_id;
  double   okr, indicator, assessment, adjustment;
  gboolean has_indicator, has_assessment, locked;
} Row;

static void
row_clear (Row *r)
{
  scheme_clear (&r->scheme);
  g_free (r->scheme_id);
}

static gboolean
read_row (ZxStore     *store,
          const char  *evaluation_id,
          Row         *out,
          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  memset (out, 0, sizeof *out);
  stmt = zx_store_prepare (store,
                           "SELECT scheme_id, okr_score, indicator_score, assessment_score, adjustment, locked"
                           " FROM evaluation WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, evaluation_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->scheme_id = g_strdup (col_text (stmt, 0));
      out->okr = sqlite3_column_double (stmt, 1);
      out->has_indicator = !col_null (stmt, 2);
      out->indicator = sqlite3_column_double (stmt, 2);
      out->has_assessment = !col_null (stmt, 3);
      out->assessment = sqlite3_column_double (stmt, 3);
      out->adjustment = sqlite3_column_double (stmt, 4);
      out->locked = sqlite3_column_int (stmt, 5) != 0;
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                           _("The evaluation was not found; it may have been removed."));
      return FALSE;
    }
  if (!read_scheme (store, out->scheme_id, &out->scheme, error))
    return FALSE;
  if (out->locked || refuse_locked (&out->scheme, error))
    {
      if (out->locked && error != NULL && *error == NULL)
        g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                             _("This evaluation is locked: its results are final and cannot change."));
      return FALSE;
    }
  return TRUE;
}

static double
row_total (Row *r)
{
  return round2 (zx_evaluation_total (&r->scheme.rules, r->okr, r->has_indicator, r->indicator,
                                      r->has_assessment, r->assessment, r->adjustment));
}

gboolean
zx_evaluation_assess (ZxStore     *store,
                      const char  *evaluation_id,
                      double       score,
                      const char  *comment,
                      GError     **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  Row r;
  gboolean ok;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (evaluation_id != NULL, FALSE);

  if (!isnan (score) && (score < 0 || score > 100))
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("The department assessment is a score from 0 to 100."));
      return FALSE;
    }
  if (!read_row (store, evaluation_id, &r, error))
    {
      row_clear (&r);
      return FALSE;
    }

  r.has_assessment = !isnan (score);
  r.assessment = r.has_assessment ? round2 (score) : 0;
  if (r.has_assessment)
    json_object_set_double_member (fields, "assessment_score", r.assessment);
  else
    json_object_set_null_member (fields, "assessment_score");
  if (comment != NULL && *comment != '\0')
    json_object_set_string_member (fields, "head_comment", comment);
  else
    json_object_set_null_member (fields, "head_comment");
  json_object_set_double_member (fields, "total", row_total (&r));
  ok = zx_store_update (store, "evaluation", evaluation_id, fields, error);
  row_clear (&r);
  return ok;
}

static char *
number_text (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", v));
}

gboolean
zx_evaluation_adjust (ZxStore     *store,
                      const char  *evaluation_id,
                      double       adjustment,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *now = NULL;
  g_autofree char *entry_id = NULL;
  Row r;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (evaluation_id != NULL, FALSE);

  if (!isfinite (adjustment) || adjustment < -100 || adjustment > 100)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("An adjustment lies between −100 and 100 points."));
      return FALSE;
    }
  if (*stripped == '\0')
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           _("Give the reason for the adjustment: it is kept in the audit trail."));
      return FALSE;
    }
  if (!read_row (store, evaluation_id, &r, error))
    {
      row_clear (&r);
      return FALSE;
    }

  old_text = number_text (r.adjustment);
  r.adjustment = round2 (adjustment);
  new_text = number_text (r.adjustment);
  json_object_set_double_member (fields, "adjustment", r.adjustment);
  json_object_set_string_member (fields, "adjust_reason", stripped);
  json_object_set_double_member (fields, "total", row_total (&r));
  row_clear (&r);

  now = zx_store_now (store);
  json_object_set_string_member (entry, "entity", "evaluation");
  json_object_set_string_member (entry, "row_id", evaluation_id);
  json_object_set_string_member (entry, "field", "adjustment");
  json_object_set_string_member (entry, "old_value", old_text);
  json_object_set_string_member (entry, "new_value", new_text);
  json_object_set_string_member (entry, "reason", stripped);
  if (zx_store_get_actor (store) != NULL)
    json_object_set_string_member (entry, "actor", zx_store_get_actor (store));
  json_object_set_string_member (entry, "at", now);

  if (!zx_store_begin (store, error))
    return FALSE;
  if (!zx_store_update (store, "evaluation", evaluation_id, fields, error) ||
      (entry_id = zx_store_create (store, "audit_entry", entry, error)) == NULL)
    {
      zx_store_rollback (store);
      return FALSE;
    }
  return zx_store_commit (store, error);
}

gboolean
zx_evaluation_assign_grades (ZxStore     *store,
                             const char  *scheme_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) grades = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  Scheme scheme;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (scheme_id != NULL, FALSE);

  if (!read_scheme (store, scheme_id, &scheme, error))
    return FALSE;
  if (refuse_locked (&scheme, error))
    {
      scheme_clear (&scheme);
      return FALSE;
    }

  stmt = zx_store_prepare (store, "SELECT id, total, grade FROM evaluation WHERE scheme_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    {
      scheme_clear (&scheme);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, scheme_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *grade = zx_evaluation_grade_for (&scheme.rules, sqlite3_column_double (stmt, 1));

      if (g_strcmp0 (grade, col_text (stmt, 2)) != 0)
        {
          g_ptr_array_add (ids, g_strdup (col_text (stmt, 0)));
          g_ptr_array_add (grades, (gpointer) grade);
        }
    }
  sqlite3_reset (stmt);
  scheme_clear (&scheme);

  if (!zx_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_string_member (fields, "grade", g_ptr_array_index (grades, i));
      if (!zx_store_update (store, "evaluation", g_ptr_array_index (ids, i), fields, error))
        {
          zx_store_rollback (store);
          return FALSE;
        }
    }
  return zx_store_commit (store, error);
}

gboolean
zx_evaluation_check_quota (ZxStore    *store,
                           const char *scheme_id,
                           guint      *out_n_a,
                           guint      *out_allowed,
                           guint      *out_n)
{
  sqlite3_stmt *stmt;
  ZxEvalRules rules;
  guint n = 0, n_a = 0, allowed;

  g_return_val_if_fail (ZX_IS_STORE (store), TRUE);

  if (!zx_evaluation_get_rules (store, scheme_id, &rules, NULL))
    return TRUE;
  stmt = zx_store_prepare (store,
                           "SELECT count (*), count (CASE WHEN grade = 'A' THEN 1 END) FROM evaluation"
                           " WHERE scheme_id = ? AND deleted = 0", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, scheme_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          n = sqlite3_column_int (stmt, 0);
          n_a = sqlite3_column_int (stmt, 1);
        }
      sqlite3_reset (stmt);
    }

  allowed = rules.quota_a > 0 ? MAX (1, (guint) floor (rules.quota_a * n + 1e-9)) : n;
  if (out_n_a)
    *out_n_a = n_a;
  if (out_allowed)
    *out_allowed = allowed;
  if (out_n)
    *out_n = n;
  return n_a <= allowed;
}

gboolean
zx_evaluation_lock (ZxStore     *store,
                    const char  *scheme_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) status = json_object_new ();
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autofree char *now = NULL;
  g_autofree char *entry_id = NULL;
  sqlite3_stmt *stmt;
  Scheme scheme;
  guint ungraded = 0;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (scheme_id != NULL, FALSE);

  if (!read_scheme (store, scheme_id, &scheme, error))
    return FALSE;
  if (refuse_locked (&scheme, error))
    {
      scheme_clear (&scheme);
      return FALSE;
    }

  stmt = zx_store_prepare (store, "SELECT id, grade FROM evaluation WHERE scheme_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    {
      scheme_clear (&scheme);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, scheme_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, g_strdup (col_text (stmt, 0)));
      if (col_null (stmt, 1))
        ungraded++;
    }
  sqlite3_reset (stmt);

  if (ids->len == 0 || ungraded > 0)
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID,
                           ids->len == 0 ? _("Compute the scores before locking the evaluation.")
                                         : _("Assign the grades before locking the evaluation."));
      scheme_clear (&scheme);
      return FALSE;
    }

  now = zx_store_now (store);
  json_object_set_string_member (status, "status", "locked");
  json_object_set_string_member (entry, "entity", "eval_scheme");
  json_object_set_string_member (entry, "row_id", scheme_id);
  json_object_set_string_member (entry, "field", "status");
  json_object_set_string_member (entry, "old_value", scheme.status);
  json_object_set_string_member (entry, "new_value", "locked");
  if (zx_store_get_actor (store) != NULL)
    json_object_set_string_member (entry, "actor", zx_store_get_actor (store));
  json_object_set_string_member (entry, "at", now);
  scheme_clear (&scheme);

  if (!zx_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_boolean_member (fields, "locked", TRUE);
      if (!zx_store_update (store, "evaluation", g_ptr_array_index (ids, i), fields, error))
        {
          zx_store_rollback (store);
          return FALSE;
        }
    }
  if (!zx_store_update (store, "eval_scheme", scheme_id, status, error) ||
      (entry_id = zx_store_create (store, "audit_entry", entry, error)) == NULL)
    {
      zx_store_rollback (store);
      return FALSE;
    }
  return zx_store_commit (store, error);
}
