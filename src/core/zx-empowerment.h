/* zx-empowerment.h — the empowerment ring: courses, skills and gaps
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who a course is for: the staff its audience rows name (a row with
 * neither department nor role is the whole hospital; a department, its
 * staff; a role, the staff of that role; both, that role in that
 * department) together with the staff HR assigned it to (an enrolment
 * with assigned = TRUE).  Completion is the share of those people whose
 * enrolment is completed.  Satisfaction is the mean rating (1–5) of every
 * rated enrolment of the course, whoever took it.
 *
 * What a person needs: the skill_need rows of the live battles of their
 * department (except dropped ones) and of the key results they own (the
 * key result's owner, or its objective's owner when it has none); the
 * level needed is the highest asked.  A gap is a need whose level the
 * person's staff_skill does not reach (no row: level 0).
 *
 * Mentors for a gap: staff holding the skill at the level needed or
 * higher, the mentee left out, ranked by level (highest first), then the
 * mentee's own department first, then the fewest active mentees, then
 * name.
 */
#pragma once

#include "zx-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;            /* the course's or the department's id */
  char   *name;          /* its title or name */
  guint   assigned;      /* people it is for */
  guint   completed;     /* of them, finished */
  double  completion;    /* completed / assigned; 0 when nobody */
  guint   n_ratings;
  double  satisfaction;  /* mean rating; 0 when no ratings */
} ZxCourseStat;

typedef struct
{
  char     *staff_id;
  char     *staff_name;
  char     *department_id;
  char     *department_name;
  char     *course_id;
  char     *course_title;
  char     *due_date;      /* YYYY-MM-DD, or NULL */
  gboolean  overdue;       /* due before today */
  gboolean  assigned;      /* HR assigned it (else it is for their audience) */
} ZxPendingCourse;

typedef struct
{
  char   *skill_id;
  char   *skill_name;
  char   *staff_id;
  char   *staff_name;
  int     level_needed;
  int     level_held;      /* 0: none recorded */
  char  **needed_for;      /* names of the battles and key results asking for it */
} ZxSkillGap;

typedef struct
{
  char     *staff_id;
  char     *name;
  char     *department_id;
  char     *department_name;
  int       level;
  gboolean  same_department;
  guint     mentees;       /* active mentorships as mentor */
} ZxMentorSuggestion;

void       zx_course_stat_free          (ZxCourseStat       *stat);
void       zx_pending_course_free       (ZxPendingCourse    *pending);
void       zx_skill_gap_free            (ZxSkillGap         *gap);
void       zx_mentor_suggestion_free    (ZxMentorSuggestion *suggestion);

/* One ZxCourseStat per live course in course order, counting only the
 * staff of @department_id when it is not NULL. */
GPtrArray *zx_empowerment_stats_by_course     (ZxStore    *store,
                                               const char *department_id);
/* One ZxCourseStat per department that has staff a course is for, in
 * department order, over @course_id only when it is not NULL. */
GPtrArray *zx_empowerment_stats_by_department (ZxStore    *store,
                                               const char *course_id);
/* ZxPendingCourse: who has not finished a course that is for them,
 * overdue first (earliest due first), then by due date (none last), then
 * department, person and course.  @department_id and @course_id narrow it
 * when not NULL; @today is YYYY-MM-DD. */
GPtrArray *zx_empowerment_not_finished        (ZxStore    *store,
                                               const char *today,
                                               const char *department_id,
                                               const char *course_id);
/* Is @course_id for @staff_id (audience or assignment)? */
gboolean   zx_empowerment_course_is_for       (ZxStore    *store,
                                               const char *course_id,
                                               const char *staff_id);
/* The live enrolment of @staff_id in @course_id, or NULL */
ZxRecord  *zx_empowerment_find_enrolment      (ZxStore    *store,
                                               const char *course_id,
                                               const char *staff_id);

/* ZxSkillGap of one person, by skill name */
GPtrArray *zx_empowerment_person_gaps         (ZxStore    *store,
                                               const char *staff_id);
/* ZxSkillGap of every person of a department, by skill name then person */
GPtrArray *zx_empowerment_department_gaps     (ZxStore    *store,
                                               const char *department_id);
/* ZxRecord of the live courses tagged with @skill_id, in course order */
GPtrArray *zx_empowerment_suggest_courses     (ZxStore    *store,
                                               const char *skill_id);
/* ZxMentorSuggestion, ranked as the header comment says */
GPtrArray *zx_empowerment_suggest_mentors     (ZxStore    *store,
                                               const char *skill_id,
                                               const char *mentee_id,
                                               int         min_level);

/* Writes (through the mutators, one transaction each) ---------------------- */

/* Marks @course_id completed now by @staff_id with @rating (1–5, or 0 for
 * none) and @comment (may be NULL): updates their enrolment, or creates
 * one.  Returns the enrolment's id. */
char      *zx_empowerment_complete            (ZxStore    *store,
                                               const char *course_id,
                                               const char *staff_id,
                                               int         rating,
                                               const char *comment,
                                               GError    **error);
/* Assigns @course_id to @staff_id, due on @due_date (YYYY-MM-DD or NULL),
 * for @skill_id (may be NULL), by @assigned_by (may be NULL).  Returns the
 * enrolment's id. */
char      *zx_empowerment_assign              (ZxStore    *store,
                                               const char *course_id,
                                               const char *staff_id,
                                               const char *skill_id,
                                               const char *due_date,
                                               const char *assigned_by,
                                               GError    **error);
/* Records an active mentorship starting @started_on (YYYY-MM-DD, or NULL
 * for today). Returns its id. */
char      *zx_empowerment_add_mentorship      (ZxStore    *store,
                                               const char *mentor_id,
                                               const char *mentee_id,
                                               const char *skill_id,
                                               const char *started_on,
                                               GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxCourseStat, zx_course_stat_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxPendingCourse, zx_pending_course_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxSkillGap, zx_skill_gap_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxMentorSuggestion, zx_mentor_suggestion_free)

G_END_DECLS
