/* test-empowerment.c — courses (completion and satisfaction), who has not
 * finished, skill gaps, suggested courses and mentors, and who may write
 * enrolments and the skills a battle or key result needs (zx-roles.h)
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zx-empowerment.h"
#include "zx-roles.h"
#include "zx-test-util.h"

#define NOW   "2026-03-20T08:00:00Z"
#define TODAY "2026-03-20"

typedef struct
{
  char    *dir;
  ZxStore *store;
  char    *cardio, *surgery;
  char    *an, *bo, *chen;          /* cardiology: staff, staff, head */
  char    *du, *fan, *gu;           /* surgery: staff, staff, hr */
  char    *c1, *c2, *c3, *c4;       /* hospital, cardiology, heads, assigned only */
  char    *surgical, *research, *education;
  char    *kr;                      /* owned by Du */
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

static JsonObject *
with_int (JsonObject *o,
          const char *name,
          gint64      value)
{
  json_object_set_int_member (o, name, value);
  return o;
}

static char *
person (Fixture    *f,
        const char *name,
        const char *no,
        const char *department,
        const char *role)
{
  return create (f, "staff", zx_test_fields ("name", name, "employee_no", no, "role", role,
                                             "department_id", department, NULL));
}

static void
enrol (Fixture    *f,
       const char *course,
       const char *staff,
       gboolean    assigned,
       const char *due,
       int         rating)     /* -1: not completed; 0: completed, no rating */
{
  JsonObject *o = zx_test_fields ("course_id", course, "staff_id", staff, "due_date", due, NULL);
  g_autofree char *id = NULL;

  json_object_set_boolean_member (o, "assigned", assigned);
  if (rating >= 0)
    json_object_set_string_member (o, "completed_at", "2026-03-01T08:00:00Z");
  if (rating > 0)
    json_object_set_int_member (o, "rating", rating);
  id = create (f, "enrolment", o);
}

static void
skill_of (Fixture    *f,
          const char *staff,
          const char *skill,
          int         level)
{
  g_autofree char *id = create (f, "staff_skill",
                                with_int (zx_test_fields ("staff_id", staff, "skill_id", skill, NULL), "level", level));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hospital = NULL, *plan = NULL, *pillar = NULL, *battle = NULL, *dropped = NULL;
  g_autofree char *cycle = NULL, *objective = NULL, *id = NULL;
  JsonObject *o;

  f->dir = zx_test_tmpdir ();
  path = g_build_filename (f->dir, "z.sqlite", NULL);
  f->store = zx_store_open (path, &error);
  g_assert_no_error (error);
  zx_store_set_now (f->store, NOW);

  hospital = create (f, "hospital", zx_test_fields ("name", "Test hospital", NULL));
  f->cardio = create (f, "department", zx_test_fields ("name", "Cardiology", "kind", "clinical", "rank", "a", NULL));
  f->surgery = create (f, "department", zx_test_fields ("name", "Surgery", "kind", "clinical", "rank", "b", NULL));
  f->an = person (f, "An", "1", f->cardio, "staff");
  f->bo = person (f, "Bo", "2", f->cardio, "staff");
  f->chen = person (f, "Chen", "3", f->cardio, "head");
  f->du = person (f, "Du", "4", f->surgery, "staff");
  f->fan = person (f, "Fan", "5", f->surgery, "staff");
  f->gu = person (f, "Gu", "6", f->surgery, "hr");

  f->c1 = create (f, "course", zx_test_fields ("title", "C1 our strategy", "rank", "a", NULL));
  f->c2 = create (f, "course", zx_test_fields ("title", "C2 cardiology", "rank", "b", NULL));
  f->c3 = create (f, "course", zx_test_fields ("title", "C3 heads", "rank", "c", NULL));
  f->c4 = create (f, "course", zx_test_fields ("title", "C4 research", "rank", "d", NULL));
  id = create (f, "course_audience", zx_test_fields ("course_id", f->c1, NULL));
  g_free (id);
  id = create (f, "course_audience", zx_test_fields ("course_id", f->c2, "department_id", f->cardio, NULL));
  g_free (id);
  id = create (f, "course_audience", zx_test_fields ("course_id", f->c3, "role", "head", NULL));

  enrol (f, f->c1, f->an, FALSE, NULL, 5);
  enrol (f, f->c1, f->bo, FALSE, NULL, 4);
  enrol (f, f->c1, f->du, FALSE, NULL, 3);
  enrol (f, f->c1, f->fan, FALSE, NULL, -1);       /* started, not finished */
  enrol (f, f->c2, f->an, FALSE, NULL, 2);
  enrol (f, f->c2, f->du, FALSE, NULL, 4);         /* not for Du: rated, not counted */
  enrol (f, f->c4, f->du, TRUE, "2026-03-10", -1); /* overdue */
  enrol (f, f->c4, f->bo, TRUE, "2026-04-01", -1);

  /* Skills: a battle of cardiology, a dropped one, and a key result of Du's */
  f->surgical = create (f, "skill", zx_test_fields ("name", "Surgical skill", NULL));
  f->research = create (f, "skill", zx_test_fields ("name", "Research design", NULL));
  f->education = create (f, "skill", zx_test_fields ("name", "Patient education", NULL));
  o = zx_test_fields ("name", "Plan", "goal", "Regional centre", NULL);
  json_object_set_int_member (o, "start_year", 2026);
  json_object_set_int_member (o, "end_year", 2028);
  plan = create (f, "plan", o);
  pillar = create (f, "pillar", zx_test_fields ("plan_id", plan, "name", "Technology", NULL));
  battle = create (f, "battle", zx_test_fields ("department_id", f->cardio, "pillar_id", pillar,
                                                "name", "New valve technique", "status", "in_progress", NULL));
  dropped = create (f, "battle", zx_test_fields ("department_id", f->cardio, "pillar_id", pillar,
                                                 "name", "Old plan", "status", "dropped", NULL));
  cycle = create (f, "cycle", zx_test_fields ("name", "2026", "kind", "year", "start_date", "2026-01-01",
                                              "end_date", "2026-12-31", NULL));
  objective = create (f, "objective", zx_test_fields ("cycle_id", cycle, "level", "personal", "title", "Grow",
                                                      "status", "active", "owner_id", f->du,
                                                      "department_id", f->surgery, NULL));
  o = zx_test_fields ("objective_id", objective, "title", "Publish a study", "kind", "milestone",
                      "direction", "higher", NULL);
  json_object_set_double_member (o, "weight", 1.0);
  f->kr = create (f, "key_result", o);

  g_free (id);
  id = create (f, "skill_need", with_int (zx_test_fields ("skill_id", f->surgical, "battle_id", battle, NULL), "level", 4));
  g_free (id);
  id = create (f, "skill_need", with_int (zx_test_fields ("skill_id", f->research, "battle_id", battle, NULL), "level", 3));
  g_free (id);
  id = create (f, "skill_need", with_int (zx_test_fields ("skill_id", f->education, "battle_id", dropped, NULL), "level", 5));
  g_free (id);
  id = create (f, "skill_need", with_int (zx_test_fields ("skill_id", f->research, "key_result_id", f->kr, NULL), "level", 4));

  skill_of (f, f->an, f->surgical, 4);
  skill_of (f, f->an, f->research, 2);
  skill_of (f, f->chen, f->surgical, 5);
  skill_of (f, f->chen, f->research, 3);
  skill_of (f, f->du, f->research, 1);
  skill_of (f, f->fan, f->research, 5);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  zx_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->cardio); g_free (f->surgery);
  g_free (f->an); g_free (f->bo); g_free (f->chen); g_free (f->du); g_free (f->fan); g_free (f->gu);
  g_free (f->c1); g_free (f->c2); g_free (f->c3); g_free (f->c4);
  g_free (f->surgical); g_free (f->research); g_free (f->education); g_free (f->kr);
}

static ZxCourseStat *
stat_at (GPtrArray  *stats,
         const char *id)
{
  for (guint i = 0; i < stats->len; i++)
    if (g_str_equal (((ZxCourseStat *) g_ptr_array_index (stats, i))->id, id))
      return g_ptr_array_index (stats, i);
  g_assert_not_reached ();
}

static void
assert_stat (ZxCourseStat *s,
             guint         assigned,
             guint         completed,
             guint         n_ratings,
             double        satisfaction)
{
  g_assert_cmpuint (s->assigned, ==, assigned);
  g_assert_cmpuint (s->completed, ==, completed);
  g_assert_cmpfloat_with_epsilon (s->completion, assigned ? (double) completed / assigned : 0.0, 1e-9);
  g_assert_cmpuint (s->n_ratings, ==, n_ratings);
  g_assert_cmpfloat_with_epsilon (s->satisfaction, satisfaction, 1e-9);
}

static void
test_stats_by_course (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = zx_empowerment_stats_by_course (f->store, NULL);
  g_autoptr(GPtrArray) cardio = zx_empowerment_stats_by_course (f->store, f->cardio);

  g_assert_cmpuint (all->len, ==, 4);
  /* Course order */
  g_assert_cmpstr (((ZxCourseStat *) all->pdata[0])->id, ==, f->c1);
  g_assert_cmpstr (((ZxCourseStat *) all->pdata[3])->id, ==, f->c4);
  assert_stat (stat_at (all, f->c1), 6, 3, 3, 4.0);           /* whole hospital; 5, 4, 3 */
  assert_stat (stat_at (all, f->c2), 3, 1, 2, 3.0);           /* Du's voluntary rating counts */
  assert_stat (stat_at (all, f->c3), 1, 0, 0, 0.0);           /* heads: Chen */
  assert_stat (stat_at (all, f->c4), 2, 0, 0, 0.0);           /* assigned only */
  g_assert_cmpfloat_with_epsilon (stat_at (all, f->c1)->completion, 0.5, 1e-9);

  assert_stat (stat_at (cardio, f->c1), 3, 2, 2, 4.5);
  assert_stat (stat_at (cardio, f->c2), 3, 1, 1, 2.0);
  assert_stat (stat_at (cardio, f->c4), 1, 0, 0, 0.0);
}

static void
test_stats_by_department (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) all = zx_empowerment_stats_by_department (f->store, NULL);
  g_autoptr(GPtrArray) c2 = zx_empowerment_stats_by_department (f->store, f->c2);

  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((ZxCourseStat *) all->pdata[0])->id, ==, f->cardio);
  g_assert_cmpstr (((ZxCourseStat *) all->pdata[0])->name, ==, "Cardiology");
  /* Cardiology: C1 ×3 (2 done), C2 ×3 (1), C3 ×1 (0), C4 ×1 (0); ratings 5, 4, 2 */
  assert_stat (all->pdata[0], 8, 3, 3, 11.0 / 3);
  /* Surgery: C1 ×3 (1 done), C4 ×1; ratings 3 (C1) and 4 (C2, voluntary) */
  assert_stat (all->pdata[1], 4, 1, 2, 3.5);

  /* Only C2: Surgery has a rating but nobody it is for: left out */
  g_assert_cmpuint (c2->len, ==, 1);
  assert_stat (c2->pdata[0], 3, 1, 1, 2.0);
}

static void
test_not_finished (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) pending = zx_empowerment_not_finished (f->store, TODAY, NULL, NULL);
  g_autoptr(GPtrArray) cardio = zx_empowerment_not_finished (f->store, TODAY, f->cardio, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(ZxRecord) enrolment = NULL;
  static const struct { const char *who, *course; } expected[] = {
    { "Du", "C4 research" },                 /* overdue */
    { "Bo", "C4 research" },                 /* due later */
    { "Bo", "C2 cardiology" },               /* no due date: department, name, course */
    { "Chen", "C1 our strategy" }, { "Chen", "C2 cardiology" }, { "Chen", "C3 heads" },
    { "Fan", "C1 our strategy" }, { "Gu", "C1 our strategy" },
  };

  g_assert_cmpuint (pending->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < pending->len; i++)
    {
      ZxPendingCourse *p = g_ptr_array_index (pending, i);

      g_assert_cmpstr (p->staff_name, ==, expected[i].who);
      g_assert_cmpstr (p->course_title, ==, expected[i].course);
      g_assert_true (p->overdue == (i == 0));
      g_assert_true (p->assigned == (i < 2));
    }
  g_assert_cmpstr (((ZxPendingCourse *) pending->pdata[0])->due_date, ==, "2026-03-10");
  g_assert_cmpstr (((ZxPendingCourse *) pending->pdata[0])->department_name, ==, "Surgery");
  g_assert_cmpuint (cardio->len, ==, 5);

  g_assert_true (zx_empowerment_course_is_for (f->store, f->c4, f->du));
  g_assert_false (zx_empowerment_course_is_for (f->store, f->c4, f->an));
  g_assert_true (zx_empowerment_course_is_for (f->store, f->c3, f->chen));
  g_assert_false (zx_empowerment_course_is_for (f->store, f->c2, f->du));

  /* Du finishes the overdue course: the same enrolment is completed */
  id = zx_empowerment_complete (f->store, f->c4, f->du, 5, "  useful  ", &error);
  g_assert_no_error (error);
  enrolment = zx_empowerment_find_enrolment (f->store, f->c4, f->du);
  g_assert_cmpstr (zx_record_get_id (enrolment), ==, id);
  g_assert_true (zx_record_get_bool (enrolment, "assigned"));
  g_assert_cmpstr (zx_record_get_string (enrolment, "completed_at"), ==, NOW);
  g_assert_cmpint (zx_record_get_int (enrolment, "rating"), ==, 5);
  g_assert_cmpstr (zx_record_get_string (enrolment, "comment"), ==, "useful");
  g_assert_cmpint (zx_store_count (f->store, "enrolment", NULL, NULL), ==, 8);

  after = zx_empowerment_not_finished (f->store, TODAY, NULL, NULL);
  g_assert_cmpuint (after->len, ==, G_N_ELEMENTS (expected) - 1);
  g_assert_cmpstr (((ZxPendingCourse *) after->pdata[0])->staff_name, ==, "Bo");
  stats = zx_empowerment_stats_by_course (f->store, NULL);
  assert_stat (stat_at (stats, f->c4), 2, 1, 1, 5.0);

  /* Chen takes C3 without a rating: a new enrolment, completed, no rating */
  g_clear_pointer (&id, g_free);
  id = zx_empowerment_complete (f->store, f->c3, f->chen, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zx_store_count (f->store, "enrolment", NULL, NULL), ==, 9);
  g_clear_pointer (&stats, g_ptr_array_unref);
  stats = zx_empowerment_stats_by_course (f->store, NULL);
  assert_stat (stat_at (stats, f->c3), 1, 1, 0, 0.0);

  /* A bad rating changes nothing */
  g_clear_pointer (&id, g_free);
  id = zx_empowerment_complete (f->store, f->c1, f->gu, 6, NULL, &error);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_null (id);
  g_assert_cmpint (zx_store_count (f->store, "enrolment", NULL, NULL), ==, 9);
}

static void
test_assign (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  g_autoptr(ZxRecord) e = NULL;
  g_autoptr(GPtrArray) stats = NULL;

  /* C3 is for heads; assigning it to An makes it for An too */
  g_assert_false (zx_empowerment_course_is_for (f->store, f->c3, f->an));
  id = zx_empowerment_assign (f->store, f->c3, f->an, f->research, "2026-04-30", f->gu, &error);
  g_assert_no_error (error);
  g_assert_true (zx_empowerment_course_is_for (f->store, f->c3, f->an));
  stats = zx_empowerment_stats_by_course (f->store, NULL);
  assert_stat (stat_at (stats, f->c3), 2, 0, 0, 0.0);

  /* Assigning again moves the due date of the same enrolment */
  again = zx_empowerment_assign (f->store, f->c3, f->an, f->research, "2026-05-31", f->gu, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, id);
  e = zx_empowerment_find_enrolment (f->store, f->c3, f->an);
  g_assert_cmpstr (zx_record_get_string (e, "due_date"), ==, "2026-05-31");
  g_assert_cmpstr (zx_record_get_string (e, "skill_id"), ==, f->research);
  g_assert_cmpstr (zx_record_get_string (e, "assigned_by"), ==, f->gu);
}

static void
test_gaps (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) an = zx_empowerment_person_gaps (f->store, f->an);
  g_autoptr(GPtrArray) bo = zx_empowerment_person_gaps (f->store, f->bo);
  g_autoptr(GPtrArray) chen = zx_empowerment_person_gaps (f->store, f->chen);
  g_autoptr(GPtrArray) du = zx_empowerment_person_gaps (f->store, f->du);
  g_autoptr(GPtrArray) fan = zx_empowerment_person_gaps (f->store, f->fan);
  g_autoptr(GPtrArray) cardio = zx_empowerment_department_gaps (f->store, f->cardio);
  g_autoptr(GPtrArray) after = NULL;
  ZxSkillGap *g;

  /* An: surgical skill 4 of 4 is enough; research 2 of 3 is not.
   * The dropped battle's patient education asks nothing. */
  g_assert_cmpuint (an->len, ==, 1);
  g = an->pdata[0];
  g_assert_cmpstr (g->skill_id, ==, f->research);
  g_assert_cmpstr (g->skill_name, ==, "Research design");
  g_assert_cmpint (g->level_needed, ==, 3);
  g_assert_cmpint (g->level_held, ==, 2);
  g_assert_cmpstr (g->staff_id, ==, f->an);
  g_assert_cmpuint (g_strv_length (g->needed_for), ==, 1);
  g_assert_cmpstr (g->needed_for[0], ==, "New valve technique");

  /* Bo has nothing recorded: both, by skill name */
  g_assert_cmpuint (bo->len, ==, 2);
  g_assert_cmpstr (((ZxSkillGap *) bo->pdata[0])->skill_name, ==, "Research design");
  g_assert_cmpint (((ZxSkillGap *) bo->pdata[0])->level_held, ==, 0);
  g_assert_cmpstr (((ZxSkillGap *) bo->pdata[1])->skill_name, ==, "Surgical skill");
  g_assert_cmpint (((ZxSkillGap *) bo->pdata[1])->level_needed, ==, 4);

  g_assert_cmpuint (chen->len, ==, 0);

  /* Du's own key result asks research at 4; Du has 1 */
  g_assert_cmpuint (du->len, ==, 1);
  g = du->pdata[0];
  g_assert_cmpint (g->level_needed, ==, 4);
  g_assert_cmpint (g->level_held, ==, 1);
  g_assert_cmpstr (g->needed_for[0], ==, "Publish a study");
  /* Fan is in surgery too but owns no key result: no gap */
  g_assert_cmpuint (fan->len, ==, 0);

  /* Cardiology: research (An, Bo), surgical skill (Bo) */
  g_assert_cmpuint (cardio->len, ==, 3);
  g_assert_cmpstr (((ZxSkillGap *) cardio->pdata[0])->staff_name, ==, "An");
  g_assert_cmpstr (((ZxSkillGap *) cardio->pdata[1])->staff_name, ==, "Bo");
  g_assert_cmpstr (((ZxSkillGap *) cardio->pdata[1])->skill_id, ==, f->research);
  g_assert_cmpstr (((ZxSkillGap *) cardio->pdata[2])->skill_id, ==, f->surgical);

  /* An learns: the gap closes */
  {
    g_autoptr(GListStore) rows = NULL;
    g_autoptr(ZxRecord) row = NULL;
    g_autoptr(JsonObject) changes = json_object_new ();
    const char *params[] = { f->an, f->research, NULL };
    g_autoptr(GError) error = NULL;

    rows = zx_store_list (f->store, "staff_skill", "staff_id = ? AND skill_id = ?", params);
    row = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    json_object_set_int_member (changes, "level", 3);
    g_assert_true (zx_store_update (f->store, "staff_skill", zx_record_get_id (row), changes, &error));
    g_assert_no_error (error);
  }
  after = zx_empowerment_person_gaps (f->store, f->an);
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_suggestions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dai = person (f, "Dai", "7", f->cardio, "staff");
  g_autofree char *ai = person (f, "Ai", "8", f->cardio, "staff");
  g_autofree char *han = person (f, "Han", "9", f->surgery, "staff");
  g_autofree char *course = NULL, *link = NULL, *m1 = NULL, *m2 = NULL, *m3 = NULL, *m4 = NULL;
  g_autoptr(GPtrArray) mentors = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GPtrArray) strict = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const order[] = { "Dai", "Ai", "Gu", "Han", "Fan", "Chen" };

  skill_of (f, dai, f->research, 5);
  skill_of (f, ai, f->research, 5);
  skill_of (f, han, f->research, 5);
  skill_of (f, f->gu, f->research, 5);
  /* Fan and Ai already mentor someone; Dai's mentorship is over */
  m1 = zx_empowerment_add_mentorship (f->store, f->fan, f->du, f->research, NULL, &error);
  g_assert_no_error (error);
  m2 = zx_empowerment_add_mentorship (f->store, ai, f->an, f->research, "2026-01-05", &error);
  g_assert_no_error (error);
  m3 = zx_empowerment_add_mentorship (f->store, dai, f->an, f->surgical, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) done = zx_test_fields ("status", "completed", NULL);

    g_assert_true (zx_store_update (f->store, "mentorship", m3, done, &error));
    g_assert_no_error (error);
  }
  /* Nobody mentors themselves */
  m4 = zx_empowerment_add_mentorship (f->store, f->bo, f->bo, f->research, NULL, &error);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_INVALID);
  g_assert_null (m4);
  g_clear_error (&error);

  {
    g_autoptr(JsonObject) row = zx_store_get (f->store, "mentorship", m1, NULL);

    g_assert_cmpstr (json_object_get_string_member (row, "started_on"), ==, TODAY);
    g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "active");
  }

  /* For Bo (cardiology) at level 3: level, own department, fewest mentees, name.
   * An (level 2) is below the need; Bo is the mentee. */
  mentors = zx_empowerment_suggest_mentors (f->store, f->research, f->bo, 3);
  g_assert_cmpuint (mentors->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < mentors->len; i++)
    {
      ZxMentorSuggestion *s = g_ptr_array_index (mentors, i);

      g_assert_cmpstr (s->name, ==, order[i]);
    }
  g_assert_true (((ZxMentorSuggestion *) mentors->pdata[0])->same_department);
  g_assert_cmpuint (((ZxMentorSuggestion *) mentors->pdata[1])->mentees, ==, 1);
  g_assert_false (((ZxMentorSuggestion *) mentors->pdata[2])->same_department);
  g_assert_cmpstr (((ZxMentorSuggestion *) mentors->pdata[2])->department_name, ==, "Surgery");
  g_assert_cmpint (((ZxMentorSuggestion *) mentors->pdata[5])->level, ==, 3);

  strict = zx_empowerment_suggest_mentors (f->store, f->research, f->chen, 5);
  g_assert_cmpuint (strict->len, ==, 5);

  /* Courses tagged with the skill */
  courses = zx_empowerment_suggest_courses (f->store, f->research);
  g_assert_cmpuint (courses->len, ==, 0);
  g_clear_pointer (&courses, g_ptr_array_unref);
  link = create (f, "course_skill", zx_test_fields ("course_id", f->c4, "skill_id", f->research, NULL));
  courses = zx_empowerment_suggest_courses (f->store, f->research);
  g_assert_cmpuint (courses->len, ==, 1);
  g_assert_cmpstr (zx_record_get_id (courses->pdata[0]), ==, f->c4);
}

/* The learner marks their own course completed; assigning stays HR's and
 * the head's.  A battle's needs are its writers', a key result's its owner's. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxRecord) own = zx_empowerment_find_enrolment (f->store, f->c1, f->fan);
  g_autoptr(ZxRecord) bo = zx_empowerment_find_enrolment (f->store, f->c4, f->bo);
  g_autoptr(JsonObject) before = zx_store_get (f->store, "enrolment", zx_record_get_id (own), NULL);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) bo_row = zx_store_get (f->store, "enrolment", zx_record_get_id (bo), NULL);
  g_autoptr(JsonObject) bo_due = NULL;
  g_autoptr(JsonObject) voluntary = NULL;
  g_autoptr(JsonObject) assigned = NULL;
  const char *params[] = { f->cardio, NULL };
  g_autoptr(GListStore) battles = zx_store_list (f->store, "battle", "department_id = ?", params);
  g_autoptr(ZxRecord) battle = g_list_model_get_item (G_LIST_MODEL (battles), 0);
  g_autofree char *id = NULL;
  char *r;

  /* Fan (surgery) completes C1 with 4 stars */
  id = zx_empowerment_complete (f->store, f->c1, f->fan, 4, "Clear", &error);
  g_assert_no_error (error);
  after = zx_store_get (f->store, "enrolment", id, NULL);
  g_assert_true (zx_roles_may_write ("staff", f->surgery, f->fan, "enrolment", f->surgery, f->fan));
  g_assert_null (zx_roles_enrolment_refusal ("staff", f->surgery, f->fan, before, after));
  g_assert_null (zx_roles_enrolment_refusal ("head", f->surgery, f->fan, before, after));
  /* not someone else's */
  g_assert_false (zx_roles_may_write ("staff", f->surgery, f->du, "enrolment", f->surgery, f->fan));
  r = zx_roles_enrolment_refusal ("staff", f->surgery, f->du, before, after);
  g_assert_nonnull (strstr (r, "your own courses"));
  g_free (r);
  g_assert_null (zx_roles_enrolment_refusal ("hr", NULL, NULL, before, after));

  /* a due date is an assignment: Bo may not move his own */
  bo_due = zx_store_get (f->store, "enrolment", zx_record_get_id (bo), NULL);
  json_object_set_string_member (bo_due, "due_date", "2026-12-31");
  r = zx_roles_enrolment_refusal ("staff", f->cardio, f->bo, bo_row, bo_due);
  g_assert_nonnull (strstr (r, "due date"));
  g_free (r);
  /* Cardiology's head may, Surgery's may not */
  g_assert_null (zx_roles_enrolment_refusal ("head", f->cardio, f->chen, bo_row, bo_due));
  r = zx_roles_enrolment_refusal ("head", f->surgery, NULL, bo_row, bo_due);
  g_assert_nonnull (r);
  g_free (r);

  /* a new enrolment of one's own: voluntary yes, assigned no */
  voluntary = zx_test_fields ("course_id", f->c2, "staff_id", f->an, ZX_COLUMN_SCOPE, f->cardio, NULL);
  json_object_set_boolean_member (voluntary, "assigned", FALSE);
  g_assert_null (zx_roles_enrolment_refusal ("staff", f->cardio, f->an, NULL, voluntary));
  assigned = zx_test_fields ("course_id", f->c2, "staff_id", f->an, ZX_COLUMN_SCOPE, f->cardio, NULL);
  json_object_set_boolean_member (assigned, "assigned", TRUE);
  r = zx_roles_enrolment_refusal ("staff", f->cardio, f->an, NULL, assigned);
  g_assert_nonnull (r);
  g_free (r);

  /* the skills a battle of Cardiology needs: its head, leadership and HR */
  g_assert_null (zx_roles_skill_need_refusal (f->store, "head", f->cardio, f->chen, zx_record_get_id (battle), NULL));
  g_assert_null (zx_roles_skill_need_refusal (f->store, "leadership", NULL, NULL, zx_record_get_id (battle), NULL));
  g_assert_null (zx_roles_skill_need_refusal (f->store, "hr", NULL, NULL, zx_record_get_id (battle), NULL));
  r = zx_roles_skill_need_refusal (f->store, "head", f->surgery, NULL, zx_record_get_id (battle), NULL);
  g_assert_nonnull (r);
  g_free (r);
  r = zx_roles_skill_need_refusal (f->store, "staff", f->cardio, f->an, zx_record_get_id (battle), NULL);
  g_assert_nonnull (r);
  g_free (r);
  /* Du's key result: Du and Surgery's head, not Fan */
  g_assert_null (zx_roles_skill_need_refusal (f->store, "staff", f->surgery, f->du, NULL, f->kr));
  g_assert_null (zx_roles_skill_need_refusal (f->store, "head", f->surgery, NULL, NULL, f->kr));
  r = zx_roles_skill_need_refusal (f->store, "staff", f->surgery, f->fan, NULL, f->kr);
  g_assert_nonnull (r);
  g_free (r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/empowerment/stats-by-course", test_stats_by_course);
  ADD ("/empowerment/stats-by-department", test_stats_by_department);
  ADD ("/empowerment/not-finished", test_not_finished);
  ADD ("/empowerment/assign", test_assign);
  ADD ("/empowerment/gaps", test_gaps);
  ADD ("/empowerment/suggestions", test_suggestions);
  ADD ("/empowerment/roles", test_roles);
#undef ADD

  return g_test_run ();
}
