/* test-progress.c — OKR progress, expected pace, health and staleness
 *
 * Worked examples of each rule in zx-progress.h, with exact numbers, then
 * the index over a store: roll-ups, and staying right as the store changes.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "zx-okr.h"
#include "zx-progress.h"
#include "zx-test-util.h"

#define NONE NAN /* no current value */

static GDate
date (const char *s)
{
  GDate d;
  int y, m, day;

  g_assert_cmpint (sscanf (s, "%4d-%2d-%2d", &y, &m, &day), ==, 3);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, m, y);
  return d;
}

static gint64
julian (const char *s)
{
  GDate d = date (s);

  return g_date_get_julian (&d);
}

/* Pure rules ---------------------------------------------------------------------- */

static void
test_kr_progress (void)
{
  /* Lower is better: from 9.0 days to 7.0 days, now 8.0 days */
  g_assert_cmpfloat_with_epsilon (zx_kr_progress ("numeric", TRUE, 9.0, 7.0, 8.0), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (zx_kr_progress ("numeric", TRUE, 9.0, 7.0, 7.5), 0.75, 1e-12);
  /* Higher is better, clamped at both ends */
  g_assert_cmpfloat_with_epsilon (zx_kr_progress ("numeric", TRUE, 100, 200, 130), 0.3, 1e-12);
  g_assert_cmpfloat (zx_kr_progress ("numeric", TRUE, 100, 200, 250), ==, 1);
  g_assert_cmpfloat (zx_kr_progress ("numeric", TRUE, 100, 200, 90), ==, 0);
  g_assert_cmpfloat (zx_kr_progress ("numeric", TRUE, 9.0, 7.0, 6.0), ==, 1);
  g_assert_cmpfloat (zx_kr_progress ("numeric", TRUE, 9.0, 7.0, 9.5), ==, 0);
  /* Percentages are the same arithmetic */
  g_assert_cmpfloat_with_epsilon (zx_kr_progress ("percentage", TRUE, 60, 90, 81), 0.7, 1e-12);
  /* No current value yet */
  g_assert_cmpfloat (zx_kr_progress ("numeric", FALSE, 9.0, 7.0, 0), ==, 0);
  g_assert_cmpfloat (zx_kr_progress ("percentage", FALSE, 0, 100, 0), ==, 0);
  /* Milestones: reached (1 or more) or not */
  g_assert_cmpfloat (zx_kr_progress ("milestone", TRUE, 0, 1, 1), ==, 1);
  g_assert_cmpfloat (zx_kr_progress ("milestone", TRUE, 0, 1, 0), ==, 0);
  g_assert_cmpfloat (zx_kr_progress ("milestone", TRUE, 0, 1, 0.99), ==, 0);
  g_assert_cmpfloat (zx_kr_progress ("milestone", FALSE, 0, 1, 0), ==, 0);
  /* Nonsense the store refuses still gives a number */
  g_assert_cmpfloat (zx_kr_progress ("numeric", TRUE, 5, 5, 5), ==, 0);
  g_assert_cmpfloat (zx_kr_progress ("numeric", TRUE, 0, 10, NAN), ==, 0);
}

static void
test_expected_pace (void)
{
  GDate start = date ("2026-01-01"), end = date ("2026-01-31");
  GDate before = date ("2025-12-20"), mid = date ("2026-01-16"), after = date ("2026-03-01");
  GDate quarter_end = date ("2026-03-31"), feb = date ("2026-02-15");

  g_assert_cmpfloat (zx_expected_pace (&start, &end, &before), ==, 0);
  g_assert_cmpfloat (zx_expected_pace (&start, &end, &start), ==, 0);
  g_assert_cmpfloat_with_epsilon (zx_expected_pace (&start, &end, &mid), 0.5, 1e-12);
  g_assert_cmpfloat (zx_expected_pace (&start, &end, &end), ==, 1);
  g_assert_cmpfloat (zx_expected_pace (&start, &end, &after), ==, 1);
  /* Q1 2026 has 89 days from its first to its last */
  g_assert_cmpfloat_with_epsilon (zx_expected_pace (&start, &quarter_end, &feb), 45.0 / 89.0, 1e-12);
  /* A one-day span */
  g_assert_cmpfloat (zx_expected_pace (&start, &start, &before), ==, 0);
  g_assert_cmpfloat (zx_expected_pace (&start, &start, &start), ==, 1);
}

static void
test_health_from (void)
{
  ZxProgressParams p;

  zx_progress_params_init_default (&p);
  g_assert_cmpfloat (p.behind_margin, ==, 0.15);
  g_assert_cmpint (p.stale_days, ==, 14);
  g_assert_cmpint (p.low_confidence, ==, 3);

  g_assert_cmpint (zx_health_from (0, 0.5, FALSE, 0, &p), ==, ZX_HEALTH_NOT_STARTED);
  g_assert_cmpint (zx_health_from (0.6, 0.5, TRUE, 0, &p), ==, ZX_HEALTH_ON_TRACK);
  /* The gap is 0.15 exactly (0.5 − 0.35 is 0.15000000000000002 in binary) */
  g_assert_cmpint (zx_health_from (0.35, 0.5, TRUE, 0, &p), ==, ZX_HEALTH_ON_TRACK);
  g_assert_cmpint (zx_health_from (0.34, 0.5, TRUE, 0, &p), ==, ZX_HEALTH_AT_RISK);
  g_assert_cmpint (zx_health_from (0.2, 0.5, TRUE, 0, &p), ==, ZX_HEALTH_AT_RISK);   /* 2 × margin */
  g_assert_cmpint (zx_health_from (0.19, 0.5, TRUE, 0, &p), ==, ZX_HEALTH_OFF_TRACK);
  /* Started with progress 0 and nothing expected yet */
  g_assert_cmpint (zx_health_from (0, 0, TRUE, 0, &p), ==, ZX_HEALTH_ON_TRACK);

  /* Low confidence: at least at risk, never better */
  g_assert_cmpint (zx_health_from (0.9, 0.5, TRUE, 3, &p), ==, ZX_HEALTH_AT_RISK);
  g_assert_cmpint (zx_health_from (0.9, 0.5, TRUE, 4, &p), ==, ZX_HEALTH_ON_TRACK);
  g_assert_cmpint (zx_health_from (0.1, 0.5, TRUE, 1, &p), ==, ZX_HEALTH_OFF_TRACK);
  g_assert_cmpint (zx_health_from (0, 0.5, FALSE, 1, &p), ==, ZX_HEALTH_NOT_STARTED);

  /* The parameters come from the settings */
  p.behind_margin = 0.05;
  g_assert_cmpint (zx_health_from (0.35, 0.5, TRUE, 0, &p), ==, ZX_HEALTH_OFF_TRACK);
  g_assert_cmpint (zx_health_from (0.42, 0.5, TRUE, 0, &p), ==, ZX_HEALTH_AT_RISK);
  p.low_confidence = 5;
  g_assert_cmpint (zx_health_from (0.9, 0.5, TRUE, 5, &p), ==, ZX_HEALTH_AT_RISK);

  /* NULL: the defaults */
  g_assert_cmpint (zx_health_from (0.35, 0.5, TRUE, 0, NULL), ==, ZX_HEALTH_ON_TRACK);
}

static void
test_health_names (void)
{
  static const char *names[] = { "not_started", "on_track", "at_risk", "off_track" };
  static const char *labels[] = { "Not started", "On track", "At risk", "Off track" };

  for (ZxHealth h = ZX_HEALTH_NOT_STARTED; h <= ZX_HEALTH_OFF_TRACK; h++)
    {
      ZxHealth back;

      g_assert_cmpstr (zx_health_to_string (h), ==, names[h]);
      g_assert_cmpstr (zx_health_get_label (h), ==, labels[h]);
      g_assert_true (zx_health_from_string (names[h], &back));
      g_assert_cmpint (back, ==, h);
    }
  g_assert_false (zx_health_from_string ("fine", NULL));
  g_assert_false (zx_health_from_string (NULL, NULL));
}

/* The index over a store -------------------------------------------------------------- */

typedef struct
{
  char    *dir;
  char    *path;
  ZxStore *store;
  char    *dept;
  char    *staff;
  char    *pillar;
  char    *battle;
  char    *q1;     /* 2026-Q1: 1 January – 31 March */
  char    *year;   /* 2026 */
  ZxProgressParams params;
} Fixture;

static char *
create (Fixture    *f,
        const char *entity,
        JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  char *id = zx_store_create (f->store, entity, fields, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  json_object_unref (fields);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hospital = NULL;
  g_autofree char *plan = NULL;

  f->dir = zx_test_tmpdir ();
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = zx_store_open (f->path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, "2026-01-05T08:00:00Z");
  zx_progress_params_init_default (&f->params);

  hospital = create (f, "hospital", zx_test_fields ("name", "江城市第一人民医院", NULL));
  f->dept = create (f, "department", zx_test_fields ("name", "心血管内科", "kind", "clinical", NULL));
  f->staff = create (f, "staff", zx_test_fields ("name", "张三", "employee_no", "1001", "role", "staff",
                                                 "department_id", f->dept, NULL));
  {
    JsonObject *o = zx_test_fields ("name", "十五五规划", "goal", "建设区域医疗中心", NULL);

    json_object_set_int_member (o, "start_year", 2026);
    json_object_set_int_member (o, "end_year", 2030);
    plan = create (f, "plan", o);
  }
  f->pillar = create (f, "pillar", zx_test_fields ("plan_id", plan, "name", "学科建设", NULL));
  f->battle = create (f, "battle", zx_test_fields ("department_id", f->dept, "pillar_id", f->pillar,
                                                   "name", "胸痛中心提质", "status", "in_progress", NULL));
  g_assert_true (zx_cycle_ensure (f->store, 2026, 1, &f->q1, &error));
  g_assert_no_error (error);
  g_assert_true (zx_cycle_ensure (f->store, 2026, 0, &f->year, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->dept);
  g_free (f->staff);
  g_free (f->pillar);
  g_free (f->battle);
  g_free (f->q1);
  g_free (f->year);
}

/* A department objective of Q1 serving the battle */
static char *
objective (Fixture    *f,
           const char *level,
           const char *cycle)
{
  JsonObject *o = zx_test_fields ("cycle_id", cycle, "level", level, "title", "降低平均住院日",
                                  "owner_id", f->staff, "status", "active", NULL);

  if (g_str_equal (level, "department"))
    {
      json_object_set_string_member (o, "department_id", f->dept);
      json_object_set_string_member (o, "battle_id", f->battle);
    }
  if (g_str_equal (level, "hospital"))
    json_object_set_string_member (o, "pillar_id", f->pillar);
  return create (f, "objective", o);
}

/* A numeric key result (higher or lower is better, from the numbers) */
static char *
key_result (Fixture    *f,
            const char *objective_id,
            double      start,
            double      target,
            double      current,
            double      weight,
            const char *due,
            gboolean    challenge,
            int         confidence)
{
  JsonObject *o = zx_test_fields ("objective_id", objective_id, "title", "平均住院日", "kind", "numeric",
                                  "direction", target >= start ? "higher" : "lower", NULL);

  json_object_set_double_member (o, "start_value", start);
  json_object_set_double_member (o, "target_value", target);
  if (!isnan (current))
    json_object_set_double_member (o, "current_value", current);
  json_object_set_double_member (o, "weight", weight);
  if (due != NULL)
    json_object_set_string_member (o, "due_date", due);
  json_object_set_boolean_member (o, "challenge", challenge);
  if (confidence > 0)
    json_object_set_int_member (o, "confidence", confidence);
  return create (f, "key_result", o);
}

static char *
milestone (Fixture    *f,
           const char *objective_id,
           gboolean    reached)
{
  JsonObject *o = zx_test_fields ("objective_id", objective_id, "title", "通过胸痛中心认证",
                                  "kind", "milestone", "direction", "higher", NULL);

  json_object_set_double_member (o, "start_value", 0);
  json_object_set_double_member (o, "target_value", 1);
  json_object_set_double_member (o, "current_value", reached ? 1 : 0);
  json_object_set_double_member (o, "weight", 1);
  return create (f, "key_result", o);
}

/* A check-in written at @created_at, as the check-in form writes it: the
 * row, and the key result's current value and confidence */
static char *
check_in (Fixture    *f,
          const char *kr,
          const char *created_at,
          double      value,
          int         confidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) update = json_object_new ();
  g_autofree char *week = g_strndup (created_at, 10);
  JsonObject *o = zx_test_fields ("key_result_id", kr, "week", week, "created_at", created_at, NULL);
  char *id;

  json_object_set_double_member (o, "value", value);
  json_object_set_int_member (o, "confidence", confidence);
  id = create (f, "check_in", o);

  json_object_set_double_member (update, "current_value", value);
  json_object_set_int_member (update, "confidence", confidence);
  g_assert_true (zx_store_update (f->store, "key_result", kr, update, &error));
  g_assert_no_error (error);
  return id;
}

static ZxProgressIndex *
index_on (Fixture    *f,
          const char *today)
{
  g_autoptr(GError) error = NULL;
  GDate d = date (today);
  ZxProgressIndex *index = zx_progress_index_new (f->store, &d, &f->params, &error);

  g_assert_no_error (error);
  g_assert_nonnull (index);
  return index;
}

static const ZxProgress *
lookup (ZxProgressIndex *index,
        const char      *id)
{
  const ZxProgress *p = zx_progress_index_lookup (index, id);

  g_assert_nonnull (p);
  return p;
}

/* Weights 2 and 1 with progress 0.9 and 0.3: 0.7 */
static void
test_weighted_objective (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *a = key_result (f, o, 0, 100, 90, 2, "2026-01-31", FALSE, 0);
  g_autofree char *b = key_result (f, o, 9.0, 7.0, 8.4, 1, "2026-01-31", FALSE, 0);
  g_autoptr(ZxProgressIndex) index = NULL;
  const ZxProgress *p;

  index = index_on (f, "2026-01-16");
  g_assert_cmpfloat_with_epsilon (lookup (index, a)->progress, 0.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (index, b)->progress, 0.3, 1e-12);
  p = lookup (index, o);
  g_assert_true (p->has_progress);
  g_assert_cmpfloat_with_epsilon (p->progress, 0.7, 1e-12);
  /* Both due 31 January, half-way on 16 January */
  g_assert_cmpfloat_with_epsilon (lookup (index, a)->expected, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (p->expected, 0.5, 1e-12);
  g_assert_cmpfloat (lookup (index, a)->judged_against, ==, lookup (index, a)->expected);
}

/* All weights 0: the plain mean; the expected pace is weighted the same way */
static void
test_zero_weights (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *a = key_result (f, o, 0, 100, 90, 0, "2026-01-31", FALSE, 0);
  g_autofree char *b = key_result (f, o, 0, 100, 30, 0, "2026-03-31", FALSE, 0);
  g_autofree char *o2 = objective (f, "department", f->q1);
  g_autofree char *c = key_result (f, o2, 0, 100, 90, 3, "2026-01-31", FALSE, 0);
  g_autofree char *d = key_result (f, o2, 0, 100, 30, 1, "2026-03-31", FALSE, 0);
  g_autoptr(ZxProgressIndex) index = index_on (f, "2026-01-16");
  double e_a = 0.5, e_b = 15.0 / 89.0;

  g_assert_cmpfloat_with_epsilon (lookup (index, b)->expected, e_b, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (index, o)->progress, 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (index, o)->expected, (e_a + e_b) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (index, o2)->progress, (3 * 0.9 + 0.3) / 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (index, o2)->expected, (3 * e_a + e_b) / 4, 1e-12);
}

/* Milestones, lower-is-better and percentage KRs side by side */
static void
test_kinds_in_store (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *reached = milestone (f, o, TRUE);
  g_autofree char *open = milestone (f, o, FALSE);
  g_autofree char *stay = key_result (f, o, 9.0, 7.0, 8.0, 1, NULL, FALSE, 0);
  g_autofree char *none = key_result (f, o, 9.0, 7.0, NONE, 1, NULL, FALSE, 0);
  g_autoptr(ZxProgressIndex) index = index_on (f, "2026-02-15");

  g_assert_cmpfloat (lookup (index, reached)->progress, ==, 1);
  g_assert_cmpfloat (lookup (index, open)->progress, ==, 0);
  g_assert_cmpfloat_with_epsilon (lookup (index, stay)->progress, 0.5, 1e-12);
  g_assert_cmpfloat (lookup (index, none)->progress, ==, 0);
  g_assert_cmpfloat_with_epsilon (lookup (index, o)->progress, 1.5 / 4, 1e-12);
  /* No due date: the cycle's end; 45 of 89 days */
  g_assert_cmpfloat_with_epsilon (lookup (index, stay)->expected, 45.0 / 89.0, 1e-12);
}

/* A challenge KR is judged against 70% of the pace; its progress stays */
static void
test_challenge (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *o2 = objective (f, "department", f->q1);
  g_autofree char *bold = key_result (f, o, 0, 100, 40, 1, "2026-01-31", TRUE, 0);
  g_autofree char *plain = key_result (f, o2, 0, 100, 40, 1, "2026-01-31", FALSE, 0);
  g_autofree char *c1 = check_in (f, bold, "2026-01-26T02:00:00Z", 40, 7);
  g_autofree char *c2 = check_in (f, plain, "2026-01-26T02:00:00Z", 40, 7);
  g_autoptr(ZxProgressIndex) index = index_on (f, "2026-01-28"); /* 27 of 30 days: 0.9 */
  const ZxProgress *b = lookup (index, bold), *p = lookup (index, plain);

  g_assert_cmpfloat_with_epsilon (b->progress, 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->expected, 0.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->judged_against, 0.63, 1e-12);
  /* gap 0.23: at risk, where the same numbers without the flag are off track (gap 0.5) */
  g_assert_cmpint (b->health, ==, ZX_HEALTH_AT_RISK);
  g_assert_cmpint (p->health, ==, ZX_HEALTH_OFF_TRACK);
  /* The objective averages the bar too */
  g_assert_cmpfloat_with_epsilon (lookup (index, o)->judged_against, 0.63, 1e-12);
  g_assert_cmpint (lookup (index, o)->health, ==, ZX_HEALTH_AT_RISK);
  g_assert_cmpint (lookup (index, o2)->health, ==, ZX_HEALTH_OFF_TRACK);
}

/* Not started; an objective without KRs; low confidence */
static void
test_not_started_and_empty (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *empty = objective (f, "department", f->q1);
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *idle = key_result (f, o, 9.0, 7.0, 9.0, 1, NULL, FALSE, 0);
  g_autofree char *moved = key_result (f, o, 9.0, 7.0, 8.9, 1, NULL, FALSE, 0);
  g_autofree char *o2 = objective (f, "department", f->q1);
  g_autofree char *doubtful = key_result (f, o2, 0, 100, 50, 1, "2026-01-31", FALSE, 0);
  g_autofree char *ci = NULL;
  g_autoptr(ZxProgressIndex) index = index_on (f, "2026-01-16");
  const ZxProgress *p;

  p = lookup (index, empty);
  g_assert_false (p->has_progress);
  g_assert_cmpint (p->health, ==, ZX_HEALTH_NOT_STARTED);
  g_assert_false (p->stale);

  g_assert_cmpint (lookup (index, idle)->health, ==, ZX_HEALTH_NOT_STARTED);
  /* Some progress without a check-in counts as started (at pace 15/89) */
  g_assert_cmpint (lookup (index, moved)->health, ==, ZX_HEALTH_ON_TRACK);
  /* …but the objective starts with its first check-in */
  g_assert_cmpint (lookup (index, o)->health, ==, ZX_HEALTH_NOT_STARTED);
  g_assert_true (lookup (index, o)->has_progress);

  /* On pace but confidence 3: at risk */
  g_clear_pointer (&index, zx_progress_index_unref);
  ci = check_in (f, doubtful, "2026-01-15T02:00:00Z", 50, 3);
  index = index_on (f, "2026-01-16");
  p = lookup (index, doubtful);
  g_assert_cmpint (p->confidence, ==, 3);
  g_assert_cmpfloat_with_epsilon (p->progress, 0.5, 1e-12);
  g_assert_cmpint (p->health, ==, ZX_HEALTH_AT_RISK);
  /* The objective's health is by the gap alone */
  g_assert_cmpint (lookup (index, o2)->health, ==, ZX_HEALTH_ON_TRACK);
  g_assert_cmpint (lookup (index, o2)->confidence, ==, 0);

  /* The empty objective counts for nothing in the battle */
  g_assert_cmpfloat_with_epsilon (lookup (index, f->battle)->progress,
                                  (lookup (index, o)->progress + lookup (index, o2)->progress) / 2, 1e-12);
}

/* Stale: more than 14 days since the latest check-in, by date */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *kr = key_result (f, o, 0, 100, NONE, 1, NULL, FALSE, 0);
  g_autofree char *silent = key_result (f, o, 0, 100, NONE, 1, NULL, FALSE, 0);
  g_autofree char *done = key_result (f, o, 0, 100, 100, 1, NULL, FALSE, 0);
  g_autofree char *c1 = check_in (f, kr, "2026-02-01T01:00:00Z", 30, 7);
  g_autofree char *c2 = check_in (f, kr, "2026-01-20T09:00:00Z", 20, 7); /* older, written later */
  g_autofree char *c3 = check_in (f, done, "2026-01-02T09:00:00Z", 100, 9);
  ZxProgressIndex *index;

  index = index_on (f, "2026-02-15"); /* 14 days after */
  g_assert_cmpint (lookup (index, kr)->last_check_in, ==, julian ("2026-02-01"));
  g_assert_false (lookup (index, kr)->stale);
  /* no check-in, and the cycle began 45 days ago */
  g_assert_true (lookup (index, silent)->stale);
  g_assert_cmpint (lookup (index, silent)->last_check_in, ==, 0);
  /* complete: never stale */
  g_assert_false (lookup (index, done)->stale);
  g_assert_true (lookup (index, o)->stale);
  zx_progress_index_unref (index);

  index = index_on (f, "2026-02-16"); /* 15 days after */
  g_assert_true (lookup (index, kr)->stale);
  zx_progress_index_unref (index);

  /* The setting moves the boundary */
  f->params.stale_days = 15;
  index = index_on (f, "2026-02-16");
  g_assert_false (lookup (index, kr)->stale);
  zx_progress_index_unref (index);
  f->params.stale_days = 14;

  /* Early in the cycle nothing is stale; after it, nothing either */
  index = index_on (f, "2026-01-15");
  g_assert_false (lookup (index, silent)->stale);
  zx_progress_index_unref (index);
  index = index_on (f, "2026-01-16");
  g_assert_true (lookup (index, silent)->stale);
  zx_progress_index_unref (index);
  index = index_on (f, "2026-04-01");
  g_assert_false (lookup (index, silent)->stale);
  g_assert_false (lookup (index, kr)->stale);
  g_assert_false (lookup (index, o)->stale);
  zx_progress_index_unref (index);
}

/* Expected pace of the index: clamped before and after, due dates */
static void
test_pace_in_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *due = key_result (f, o, 0, 100, 10, 1, "2026-01-31", FALSE, 0);
  g_autofree char *plain = key_result (f, o, 0, 100, 10, 1, NULL, FALSE, 0);
  g_autofree char *ho = objective (f, "hospital", f->year);
  g_autofree char *yearly = key_result (f, ho, 0, 100, 10, 1, NULL, FALSE, 0);
  ZxProgressIndex *index;

  index = index_on (f, "2025-12-01");
  g_assert_cmpfloat (lookup (index, due)->expected, ==, 0);
  g_assert_cmpfloat (lookup (index, plain)->expected, ==, 0);
  zx_progress_index_unref (index);

  index = index_on (f, "2026-02-15");
  g_assert_cmpfloat (lookup (index, due)->expected, ==, 1);
  g_assert_cmpfloat_with_epsilon (lookup (index, plain)->expected, 45.0 / 89.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (index, o)->expected, (1 + 45.0 / 89.0) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (index, yearly)->expected, 45.0 / 364.0, 1e-12);
  zx_progress_index_unref (index);

  index = index_on (f, "2027-06-01");
  g_assert_cmpfloat (lookup (index, plain)->expected, ==, 1);
  g_assert_cmpfloat (lookup (index, yearly)->expected, ==, 1);
  zx_progress_index_unref (index);
}

/* Battle: its department objectives; pillar: hospital objectives and battles */
static void
test_rollup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *d1 = objective (f, "department", f->q1);
  g_autofree char *d2 = objective (f, "department", f->q1);
  g_autofree char *d3 = objective (f, "department", f->q1);
  g_autofree char *k1 = key_result (f, d1, 0, 100, 80, 1, NULL, FALSE, 0);
  g_autofree char *k2 = key_result (f, d2, 0, 100, 40, 1, NULL, FALSE, 0);
  g_autofree char *k3 = key_result (f, d3, 0, 100, 10, 1, NULL, FALSE, 0);
  g_autofree char *h1 = objective (f, "hospital", f->year);
  g_autofree char *kh = key_result (f, h1, 0, 100, 30, 1, NULL, FALSE, 0);
  g_autofree char *personal = objective (f, "personal", f->q1);
  g_autofree char *kp = key_result (f, personal, 0, 100, 100, 1, NULL, FALSE, 0);
  g_autofree char *other_battle = NULL;
  g_autoptr(JsonObject) closed = zx_test_fields ("status", "closed", NULL);
  ZxProgressIndex *index;
  const ZxProgress *b, *p;

  /* A closed objective still counts */
  g_assert_true (zx_store_update (f->store, "objective", d3, closed, &error));
  g_assert_no_error (error);

  index = index_on (f, "2026-02-15");
  b = lookup (index, f->battle);
  g_assert_true (b->has_progress);
  g_assert_cmpfloat_with_epsilon (b->progress, (0.8 + 0.4 + 0.1) / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->expected, 45.0 / 89.0, 1e-12);
  /* nobody has checked in yet */
  g_assert_cmpint (b->health, ==, ZX_HEALTH_NOT_STARTED);
  p = lookup (index, f->pillar);
  g_assert_true (p->has_progress);
  /* the hospital objective (0.3) and the battle, once each; not the personal one */
  g_assert_cmpfloat_with_epsilon (p->progress, (0.3 + (0.8 + 0.4 + 0.1) / 3) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (p->expected, (45.0 / 364.0 + 45.0 / 89.0) / 2, 1e-12);
  g_assert_cmpint (p->health, ==, ZX_HEALTH_NOT_STARTED);
  zx_progress_index_unref (index);

  /* One check-in starts its objective, the battle and the pillar */
  {
    g_autofree char *ci = check_in (f, k2, "2026-02-10T02:00:00Z", 40, 6);

    index = index_on (f, "2026-02-15");
    g_assert_cmpint (lookup (index, d1)->health, ==, ZX_HEALTH_NOT_STARTED);
    g_assert_cmpint (lookup (index, d2)->health, ==, ZX_HEALTH_ON_TRACK);
    g_assert_cmpint (lookup (index, f->battle)->health, ==, ZX_HEALTH_ON_TRACK);
    g_assert_cmpint (lookup (index, f->pillar)->health, ==, ZX_HEALTH_ON_TRACK);
    g_assert_cmpint (lookup (index, h1)->health, ==, ZX_HEALTH_NOT_STARTED);
    g_assert_cmpint (lookup (index, f->battle)->last_check_in, ==,
                     julian ("2026-02-10"));
    zx_progress_index_unref (index);
  }

  /* A battle with nothing to count */
  other_battle = create (f, "battle", zx_test_fields ("department_id", f->dept, "pillar_id", f->pillar,
                                                      "name", "日间手术扩容", "status", "planned", NULL));
  index = index_on (f, "2026-02-15");
  b = lookup (index, other_battle);
  g_assert_false (b->has_progress);
  g_assert_cmpint (b->health, ==, ZX_HEALTH_NOT_STARTED);
  /* and the pillar is unchanged by it */
  g_assert_cmpfloat_with_epsilon (lookup (index, f->pillar)->progress, (0.3 + (0.8 + 0.4 + 0.1) / 3) / 2, 1e-12);
  /* unknown ids and cycles: NULL */
  g_assert_null (zx_progress_index_lookup (index, "no-such-id"));
  g_assert_null (zx_progress_index_lookup (index, f->q1));
  g_assert_null (zx_progress_index_lookup (index, NULL));
  g_assert_cmpuint (zx_progress_index_get_size (index), ==, 1 + 2 + 5 + 5);
  (void) k1; (void) k3; (void) kh; (void) kp;
  zx_progress_index_unref (index);
}

/* The index follows the store: creates, updates, deletes, restores,
 * transactions, bulk loads and other connections */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *kr = key_result (f, o, 0, 100, NONE, 1, NULL, FALSE, 0);
  g_autofree char *ci = NULL;
  g_autofree char *late = NULL;
  g_autoptr(JsonObject) change = json_object_new ();
  ZxProgressIndex *index, *old;

  old = index_on (f, "2026-02-15");
  g_assert_cmpint (lookup (old, kr)->last_check_in, ==, 0);
  g_assert_cmpint (lookup (old, kr)->health, ==, ZX_HEALTH_NOT_STARTED);

  ci = check_in (f, kr, "2026-02-09T02:00:00Z", 60, 8);
  index = index_on (f, "2026-02-15");
  g_assert_cmpint (lookup (index, kr)->last_check_in, ==,
                   julian ("2026-02-09"));
  g_assert_cmpfloat_with_epsilon (lookup (index, kr)->progress, 0.6, 1e-12);
  g_assert_cmpint (lookup (index, kr)->confidence, ==, 8);
  /* the old snapshot did not move */
  g_assert_cmpint (lookup (old, kr)->last_check_in, ==, 0);
  zx_progress_index_unref (old);
  zx_progress_index_unref (index);

  /* A later check-in, then its deletion and restoration */
  late = check_in (f, kr, "2026-02-13T02:00:00Z", 65, 8);
  index = index_on (f, "2026-02-15");
  g_assert_cmpint (lookup (index, kr)->last_check_in, ==,
                   julian ("2026-02-13"));
  zx_progress_index_unref (index);
  g_assert_true (zx_store_delete (f->store, "check_in", late, &error));
  g_assert_no_error (error);
  index = index_on (f, "2026-02-15");
  g_assert_cmpint (lookup (index, kr)->last_check_in, ==,
                   julian ("2026-02-09"));
  zx_progress_index_unref (index);
  g_assert_true (zx_store_restore (f->store, "check_in", late, &error));
  g_assert_no_error (error);

  /* Deleting the objective takes its key result along; restoring brings both */
  g_assert_true (zx_store_delete (f->store, "objective", o, &error));
  g_assert_no_error (error);
  index = index_on (f, "2026-02-15");
  g_assert_null (zx_progress_index_lookup (index, o));
  g_assert_null (zx_progress_index_lookup (index, kr));
  g_assert_false (lookup (index, f->battle)->has_progress);
  zx_progress_index_unref (index);
  g_assert_true (zx_store_restore (f->store, "objective", o, &error));
  g_assert_no_error (error);
  index = index_on (f, "2026-02-15");
  g_assert_cmpint (lookup (index, kr)->last_check_in, ==,
                   julian ("2026-02-13"));
  g_assert_cmpfloat_with_epsilon (lookup (index, f->battle)->progress, 0.65, 1e-12);
  zx_progress_index_unref (index);

  /* Moving the objective to another battle, in a transaction: seen inside
   * it, gone after the rollback */
  g_assert_true (zx_store_begin (f->store, &error));
  json_object_set_null_member (change, "battle_id");
  g_assert_true (zx_store_update (f->store, "objective", o, change, &error));
  g_assert_no_error (error);
  index = index_on (f, "2026-02-15");
  g_assert_false (lookup (index, f->battle)->has_progress);
  zx_progress_index_unref (index);
  zx_store_rollback (f->store);
  index = index_on (f, "2026-02-15");
  g_assert_true (lookup (index, f->battle)->has_progress);
  zx_progress_index_unref (index);

  /* A bulk load (zx_store_insert_row) is seen too */
  {
    g_autoptr(JsonObject) row = json_object_new ();

    json_object_set_string_member (row, "id", "bulk-check-in");
    json_object_set_string_member (row, "key_result_id", kr);
    json_object_set_string_member (row, "week", "2026-02-09");
    json_object_set_int_member (row, "confidence", 7);
    json_object_set_string_member (row, "created_at", "2026-02-14T03:00:00Z");
    json_object_set_int_member (row, "version", 4);
    json_object_set_string_member (row, "updated_at", "2026-02-14T03:00:00Z");
    json_object_set_string_member (row, "updated_by", "server");
    json_object_set_boolean_member (row, "deleted", FALSE);
    json_object_set_string_member (row, "scope", f->dept);
    g_assert_true (zx_store_begin (f->store, &error));
    g_assert_true (zx_store_insert_row (f->store, zx_schema_lookup ("check_in"), row, &error));
    g_assert_no_error (error);
    g_assert_true (zx_store_commit (f->store, &error));
    g_assert_no_error (error);
  }
  index = index_on (f, "2026-02-15");
  g_assert_cmpint (lookup (index, kr)->last_check_in, ==,
                   julian ("2026-02-14"));
  zx_progress_index_unref (index);

  /* Another connection to the same file */
  {
    g_autoptr(ZxStore) other = zx_store_open (f->path, &error);
    g_autoptr(JsonObject) update = json_object_new ();

    g_assert_no_error (error);
    json_object_set_double_member (update, "current_value", 95);
    g_assert_true (zx_store_update (other, "key_result", kr, update, &error));
    g_assert_no_error (error);
  }
  index = index_on (f, "2026-02-15");
  g_assert_cmpfloat_with_epsilon (lookup (index, kr)->progress, 0.95, 1e-12);
  zx_progress_index_unref (index);
}

/* key_result.last_check_in_at, as the triggers of migration 004 keep it */
static char *
kr_latest (Fixture    *f,
           const char *kr)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (zx_store_get_db (f->store),
                                       "SELECT last_check_in_at FROM key_result WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kr, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Only the check-in row, as a sync or a form that leaves the key result
 * alone would write it */
static char *
bare_check_in (Fixture    *f,
               const char *kr,
               const char *week,
               const char *created_at)
{
  JsonObject *o = zx_test_fields ("key_result_id", kr, "week", week, "created_at", created_at, NULL);

  json_object_set_int_member (o, "confidence", 7);
  return create (f, "check_in", o);
}

static void
change (Fixture    *f,
        const char *entity,
        const char *id,
        const char *field,
        const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = zx_test_fields (field, value, NULL);

  g_assert_true (zx_store_update (f->store, entity, id, o, &error));
  g_assert_no_error (error);
}

/* What an index kept up to date row by row says of @ids on 2026-02-15 is
 * what one read from scratch (another connection's first index) says:
 * each key result's latest check-in on @latest (NULL: none), and its
 * staleness @stale */
static void
assert_latest (Fixture            *f,
               const char * const *krs,
               const char * const *latest,
               const gboolean     *stale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) other = zx_store_open (f->path, &error);
  g_autoptr(ZxProgressIndex) kept = index_on (f, "2026-02-15");
  g_autoptr(ZxProgressIndex) fresh = NULL;
  GDate today = date ("2026-02-15");

  g_assert_no_error (error);
  fresh = zx_progress_index_new (other, &today, &f->params, &error);
  g_assert_no_error (error);

  for (guint i = 0; krs[i] != NULL; i++)
    {
      g_autofree char *at = kr_latest (f, krs[i]);
      g_autofree char *day = latest[i] != NULL ? g_strndup (latest[i], 10) : NULL;

      g_assert_cmpstr (at, ==, latest[i]);
      g_assert_cmpint (lookup (kept, krs[i])->last_check_in, ==, day != NULL ? julian (day) : 0);
      g_assert_cmpint (lookup (kept, krs[i])->stale, ==, stale[i]);
      g_assert_cmpint (lookup (fresh, krs[i])->last_check_in, ==, lookup (kept, krs[i])->last_check_in);
      g_assert_cmpint (lookup (fresh, krs[i])->stale, ==, stale[i]);
    }
}

/* Writing check-ins through the mutators keeps each key result's latest
 * check-in (key_result.last_check_in_at) and the index's last check-in and
 * staleness right: created, dated again, moved to another key result,
 * deleted, restored, and written in a transaction rolled back */
static void
test_last_check_in_column (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *kr = key_result (f, o, 0, 100, 10, 1, NULL, FALSE, 0);
  g_autofree char *other = key_result (f, o, 0, 100, 10, 1, NULL, FALSE, 0);
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autoptr(ZxProgressIndex) warm = index_on (f, "2026-02-15");
  const char *krs[] = { kr, other, NULL };

  /* None yet, 45 days into the cycle: stale */
  assert_latest (f, krs, (const char *[]) { NULL, NULL }, (gboolean[]) { TRUE, TRUE });
  g_assert_true (lookup (warm, o)->stale);

  /* 26 days ago: stale; then 5 days ago: not */
  c1 = bare_check_in (f, kr, "2026-01-19", "2026-01-20T09:00:00Z");
  assert_latest (f, krs, (const char *[]) { "2026-01-20T09:00:00Z", NULL }, (gboolean[]) { TRUE, TRUE });
  c2 = bare_check_in (f, kr, "2026-02-09", "2026-02-10T02:00:00Z");
  assert_latest (f, krs, (const char *[]) { "2026-02-10T02:00:00Z", NULL }, (gboolean[]) { FALSE, TRUE });

  /* Dated again: the latest is the older one's */
  change (f, "check_in", c2, "created_at", "2026-01-18T02:00:00Z");
  assert_latest (f, krs, (const char *[]) { "2026-01-20T09:00:00Z", NULL }, (gboolean[]) { TRUE, TRUE });
  change (f, "check_in", c2, "created_at", "2026-02-10T02:00:00Z");
  assert_latest (f, krs, (const char *[]) { "2026-02-10T02:00:00Z", NULL }, (gboolean[]) { FALSE, TRUE });

  /* Moved to the other key result: both change */
  change (f, "check_in", c2, "key_result_id", other);
  assert_latest (f, krs, (const char *[]) { "2026-01-20T09:00:00Z", "2026-02-10T02:00:00Z" },
                 (gboolean[]) { TRUE, FALSE });

  /* Deleted and restored */
  g_assert_true (zx_store_delete (f->store, "check_in", c1, &error));
  g_assert_no_error (error);
  assert_latest (f, krs, (const char *[]) { NULL, "2026-02-10T02:00:00Z" }, (gboolean[]) { TRUE, FALSE });
  g_assert_true (zx_store_delete (f->store, "check_in", c2, &error));
  g_assert_no_error (error);
  assert_latest (f, krs, (const char *[]) { NULL, NULL }, (gboolean[]) { TRUE, TRUE });
  g_assert_true (zx_store_restore (f->store, "check_in", c2, &error));
  g_assert_no_error (error);
  g_assert_true (zx_store_restore (f->store, "check_in", c1, &error));
  g_assert_no_error (error);
  assert_latest (f, krs, (const char *[]) { "2026-01-20T09:00:00Z", "2026-02-10T02:00:00Z" },
                 (gboolean[]) { TRUE, FALSE });

  /* Deleting the key result takes its check-ins along; restoring brings them */
  g_assert_true (zx_store_delete (f->store, "key_result", other, &error));
  g_assert_no_error (error);
  {
    g_autofree char *gone = kr_latest (f, other);

    g_assert_null (gone);
  }
  g_assert_true (zx_store_restore (f->store, "key_result", other, &error));
  g_assert_no_error (error);
  assert_latest (f, krs, (const char *[]) { "2026-01-20T09:00:00Z", "2026-02-10T02:00:00Z" },
                 (gboolean[]) { TRUE, FALSE });

  /* In a transaction: seen inside it, gone after the rollback */
  g_assert_true (zx_store_begin (f->store, &error));
  g_free (bare_check_in (f, kr, "2026-02-09", "2026-02-14T02:00:00Z"));
  {
    g_autoptr(ZxProgressIndex) inside = index_on (f, "2026-02-15");

    g_assert_cmpint (lookup (inside, kr)->last_check_in, ==, julian ("2026-02-14"));
    g_assert_false (lookup (inside, kr)->stale);
  }
  zx_store_rollback (f->store);
  assert_latest (f, krs, (const char *[]) { "2026-01-20T09:00:00Z", "2026-02-10T02:00:00Z" },
                 (gboolean[]) { TRUE, FALSE });

  /* the first snapshot did not move */
  g_assert_cmpint (lookup (warm, kr)->last_check_in, ==, 0);
}

/* Many writes at once: the index reads everything again and stays right */
static void
test_many_writes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *kr = key_result (f, o, 0, 100, 10, 1, NULL, FALSE, 0);
  g_autoptr(ZxProgressIndex) first = index_on (f, "2026-02-15");
  g_autoptr(ZxProgressIndex) index = NULL;

  g_assert_true (zx_store_begin (f->store, &error));
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(JsonObject) update = json_object_new ();

      json_object_set_double_member (update, "current_value", 10 + i % 50);
      g_assert_true (zx_store_update (f->store, "key_result", kr, update, &error));
    }
  g_assert_true (zx_store_commit (f->store, &error));
  g_assert_no_error (error);

  index = index_on (f, "2026-02-15");
  g_assert_cmpfloat_with_epsilon (lookup (index, kr)->progress, (10 + 4999 % 50) / 100.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lookup (first, kr)->progress, 0.1, 1e-12);
}

/* The index outlives its store */
static void
test_outlives_store (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *o = objective (f, "department", f->q1);
  g_autofree char *kr = key_result (f, o, 0, 100, 10, 1, NULL, FALSE, 0);
  g_autoptr(ZxProgressIndex) index = index_on (f, "2026-02-15");

  g_clear_object (&f->store);
  g_assert_cmpfloat_with_epsilon (lookup (index, kr)->progress, 0.1, 1e-12);
  g_assert_true (lookup (index, o)->has_progress);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/progress/kr-progress", test_kr_progress);
  g_test_add_func ("/progress/expected-pace", test_expected_pace);
  g_test_add_func ("/progress/health-from", test_health_from);
  g_test_add_func ("/progress/health-names", test_health_names);
  ADD ("/progress/index/weighted", test_weighted_objective);
  ADD ("/progress/index/zero-weights", test_zero_weights);
  ADD ("/progress/index/kinds", test_kinds_in_store);
  ADD ("/progress/index/challenge", test_challenge);
  ADD ("/progress/index/not-started-and-empty", test_not_started_and_empty);
  ADD ("/progress/index/stale", test_stale);
  ADD ("/progress/index/pace", test_pace_in_store);
  ADD ("/progress/index/rollup", test_rollup);
  ADD ("/progress/index/follows-changes", test_follows_changes);
  ADD ("/progress/index/last-check-in", test_last_check_in_column);
  ADD ("/progress/index/many-writes", test_many_writes);
  ADD ("/progress/index/outlives-store", test_outlives_store);

  return g_test_run ();
}
