/* zx-empowerment.c — the empowerment ring: courses, skills and gaps
 *
 * The statistics read the few tables they need once (staff, courses,
 * audiences, enrolments) and count in memory, so a hospital of thousands
 * of staff is one pass over each table.  The rules are in the header.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-empowerment"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zx-empowerment.h"
#include "zx-store-private.h"

void
zx_course_stat_free (ZxCourseStat *stat)
{
  if (stat == NULL)
    return;
  g_free (stat->id);
  g_free (stat->name);
  g_free (stat);
}

void
zx_pending_course_free (ZxPendingCourse *p)
{
  if (p == NULL)
    return;
  g_free (p->staff_id);
  g_free (p->staff_name);
  g_free (p->department_id);
  g_free (p->department_name);
  g_free (p->course_id);
  g_free (p->course_title);
  g_free (p->due_date);
  g_free (p);
}

void
zx_skill_gap_free (ZxSkillGap *gap)
{
  if (gap == NULL)
    return;
  g_free (gap->skill_id);
  g_free (gap->skill_name);
  g_free (gap->staff_id);
  g_free (gap->staff_name);
  g_strfreev (gap->needed_for);
  g_free (gap);
}

void
zx_mentor_suggestion_free (ZxMentorSuggestion *s)
{
  if (s == NULL)
    return;
  g_free (s->staff_id);
  g_free (s->name);
  g_free (s->department_id);
  g_free (s->department_name);
  g_free (s);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Runs @sql binding @params (strings, NULL-ended) and calls @row for each */
typedef void (*RowFunc) (sqlite3_stmt *stmt, gpointer data);

static void
each_row (ZxStore            *store,
          const char         *sql,
          const char * const *params,
          RowFunc             row,
          gpointer            data)
{
  sqlite3_stmt *stmt = zx_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    {
      g_critical ("Could not read courses and skills: %s", sqlite3_errmsg (zx_store_get_db (store)));
      return;
    }
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    row (stmt, data);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* The model of courses ------------------------------------------------------ */

typedef struct
{
  char *id, *name, *department_id, *role;
} Person;

typedef struct
{
  char       *id, *title;
  GPtrArray  *audience;   /* Audience */
} Course;

typedef struct
{
  char *department_id, *role;   /* NULL: any */
} Audience;

typedef struct
{
  gboolean  assigned;
  char     *due_date;
  gboolean  completed;
  int       rating;       /* 0: none */
} Enrolment;

typedef struct
{
  GPtrArray  *people;      /* Person, in department order then name */
  GHashTable *person_of;   /* id → Person */
  GPtrArray  *courses;     /* Course, in course order */
  GHashTable *course_of;   /* id → Course */
  GHashTable *enrolments;  /* "course\nstaff" → Enrolment */
  GHashTable *departments; /* id → name */
  GPtrArray  *department_order; /* ids */
} Model;

static void
person_free (Person *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p->department_id);
  g_free (p->role);
  g_free (p);
}

static void
audience_free (Audience *a)
{
  g_free (a->department_id);
  g_free (a->role);
  g_free (a);
}

static void
course_free (Course *c)
{
  g_free (c->id);
  g_free (c->title);
  g_ptr_array_unref (c->audience);
  g_free (c);
}

static void
enrolment_free (Enrolment *e)
{
  g_free (e->due_date);
  g_free (e);
}

static void
model_free (Model *m)
{
  g_ptr_array_unref (m->people);
  g_hash_table_unref (m->person_of);
  g_ptr_array_unref (m->courses);
  g_hash_table_unref (m->course_of);
  g_hash_table_unref (m->enrolments);
  g_hash_table_unref (m->departments);
  g_ptr_array_unref (m->department_order);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, model_free)

static void
department_row (sqlite3_stmt *stmt,
                gpointer      data)
{
  Model *m = data;
  char *id = column_dup (stmt, 0);

  g_hash_table_insert (m->departments, id, column_dup (stmt, 1));
  g_ptr_array_add (m->department_order, g_strdup (id));
}

static void
person_row (sqlite3_stmt *stmt,
            gpointer      data)
{
  Model *m = data;
  Person *p = g_new0 (Person, 1);

  p->id = column_dup (stmt, 0);
  p->name = column_dup (stmt, 1);
  p->department_id = column_dup (stmt, 2);
  p->role = column_dup (stmt, 3);
  g_ptr_array_add (m->people, p);
  g_hash_table_insert (m->person_of, p->id, p);
}

static void
course_row (sqlite3_stmt *stmt,
            gpointer      data)
{
  Model *m = data;
  Course *c = g_new0 (Course, 1);

  c->id = column_dup (stmt, 0);
  c->title = column_dup (stmt, 1);
  c->audience = g_ptr_array_new_with_free_func ((GDestroyNotify) audience_free);
  g_ptr_array_add (m->courses, c);
  g_hash_table_insert (m->course_of, c->id, c);
}

static void
audience_row (sqlite3_stmt *stmt,
              gpointer      data)
{
  Model *m = data;
  Course *c = g_hash_table_lookup (m->course_of, sqlite3_column_text (stmt, 0));
  Audience *a;

  if (c == NULL)
    return;
  a = g_new0 (Audience, 1);
  a->department_id = column_dup (stmt, 1);
  a->role = column_dup (stmt, 2);
  g_ptr_array_add (c->audience, a);
}

static void
enrolment_row (sqlite3_stmt *stmt,
               gpointer      data)
{
  Model *m = data;
  const char *course = (const char *) sqlite3_column_text (stmt, 0);
  const char *staff = (const char *) sqlite3_column_text (stmt, 1);
  Enrolment *e;

  if (course == NULL || staff == NULL)
    return;
  /* Two enrolments of one person in one course (two offline devices):
   * the completed one, else the assigned one, counts */
  e = g_hash_table_lookup (m->enrolments, (char *) sqlite3_column_text (stmt, 6));
  if (e == NULL)
    {
      e = g_new0 (Enrolment, 1);
      g_hash_table_insert (m->enrolments, column_dup (stmt, 6), e);
    }
  e->assigned |= sqlite3_column_int (stmt, 2) != 0;
  if (e->due_date == NULL)
    e->due_date = column_dup (stmt, 3);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL && !e->completed)
    {
      e->completed = TRUE;
      e->rating = sqlite3_column_int (stmt, 5);
    }
}

static Model *
model_load (ZxStore *store)
{
  Model *m = g_new0 (Model, 1);

  m->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  m->person_of = g_hash_table_new (g_str_hash, g_str_equal);
  m->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) course_free);
  m->course_of = g_hash_table_new (g_str_hash, g_str_equal);
  m->enrolments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) enrolment_free);
  m->departments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->department_order = g_ptr_array_new_with_free_func (g_free);

  each_row (store, "SELECT id, name FROM department WHERE deleted = 0 ORDER BY rank, name, id",
            NULL, department_row, m);
  each_row (store, "SELECT s.id, s.name, s.department_id, s.role FROM staff s WHERE s.deleted = 0 "
                   "ORDER BY s.name, s.id", NULL, person_row, m);
  each_row (store, "SELECT id, title FROM course WHERE deleted = 0 ORDER BY rank, title, id",
            NULL, course_row, m);
  each_row (store, "SELECT course_id, department_id, role FROM course_audience WHERE deleted = 0 ORDER BY id",
            NULL, audience_row, m);
  each_row (store, "SELECT course_id, staff_id, assigned, due_date, completed_at, rating, "
                   "course_id || char(10) || staff_id FROM enrolment WHERE deleted = 0 "
                   "ORDER BY completed_at IS NULL, id", NULL, enrolment_row, m);
  return m;
}

static Enrolment *
model_enrolment (Model      *m,
                 const char *course_id,
                 const char *staff_id)
{
  g_autofree char *key = g_strconcat (course_id, "\n", staff_id, NULL);

  return g_hash_table_lookup (m->enrolments, key);
}

/* Is the course for this person? */
static gboolean
model_is_for (Model  *m,
              Course *c,
              Person *p)
{
  Enrolment *e;

  for (guint i = 0; i < c->audience->len; i++)
    {
      Audience *a = g_ptr_array_index (c->audience, i);

      if ((a->department_id == NULL || g_strcmp0 (a->department_id, p->department_id) == 0) &&
          (a->role == NULL || g_strcmp0 (a->role, p->role) == 0))
        return TRUE;
    }
  e = model_enrolment (m, c->id, p->id);
  return e != NULL && e->assigned;
}

static void
stat_finish (ZxCourseStat *s,
             double        rating_sum)
{
  s->completion = s->assigned > 0 ? (double) s->completed / s->assigned : 0.0;
  s->satisfaction = s->n_ratings > 0 ? rating_sum / s->n_ratings : 0.0;
}

GPtrArray *
zx_empowerment_stats_by_course (ZxStore    *store,
                                const char *department_id)
{
  g_autoptr(Model) m = NULL;
  GPtrArray *stats;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  m = model_load (store);
  stats = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_course_stat_free);
  for (guint i = 0; i < m->courses->len; i++)
    {
      Course *c = g_ptr_array_index (m->courses, i);
      ZxCourseStat *s = g_new0 (ZxCourseStat, 1);
      double sum = 0;

      s->id = g_strdup (c->id);
      s->name = g_strdup (c->title);
      for (guint k = 0; k < m->people->len; k++)
        {
          Person *p = g_ptr_array_index (m->people, k);
          Enrolment *e;

          if (department_id != NULL && g_strcmp0 (p->department_id, department_id) != 0)
            continue;
          e = model_enrolment (m, c->id, p->id);
          if (model_is_for (m, c, p))
            {
              s->assigned++;
              if (e != NULL && e->completed)
                s->completed++;
            }
          if (e != NULL && e->completed && e->rating >= 1 && e->rating <= 5)
            {
              s->n_ratings++;
              sum += e->rating;
            }
        }
      stat_finish (s, sum);
      g_ptr_array_add (stats, s);
    }
  return stats;
}

GPtrArray *
zx_empowerment_stats_by_department (ZxStore    *store,
                                    const char *course_id)
{
  g_autoptr(Model) m = NULL;
  g_autoptr(GHashTable) by_department = NULL;
  g_autoptr(GHashTable) sums = NULL;
  GPtrArray *stats;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  m = model_load (store);
  by_department = g_hash_table_new (g_str_hash, g_str_equal);
  sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < m->courses->len; i++)
    {
      Course *c = g_ptr_array_index (m->courses, i);

      if (course_id != NULL && g_strcmp0 (c->id, course_id) != 0)
        continue;
      for (guint k = 0; k < m->people->len; k++)
        {
          Person *p = g_ptr_array_index (m->people, k);
          Enrolment *e = model_enrolment (m, c->id, p->id);
          gboolean is_for = model_is_for (m, c, p);
          gboolean rated = e != NULL && e->completed && e->rating >= 1 && e->rating <= 5;
          ZxCourseStat *s;

          if ((!is_for && !rated) || p->department_id == NULL)
            continue;
          s = g_hash_table_lookup (by_department, p->department_id);
          if (s == NULL)
            {
              s = g_new0 (ZxCourseStat, 1);
              s->id = g_strdup (p->department_id);
              s->name = g_strdup (g_hash_table_lookup (m->departments, p->department_id));
              g_hash_table_insert (by_department, s->id, s);
              g_hash_table_insert (sums, s->id, g_new0 (double, 1));
            }
          if (is_for)
            {
              s->assigned++;
              if (e != NULL && e->completed)
                s->completed++;
            }
          if (rated)
            {
              s->n_ratings++;
              *(double *) g_hash_table_lookup (sums, s->id) += e->rating;
            }
        }
    }

  stats = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_course_stat_free);
  for (guint i = 0; i < m->department_order->len; i++)
    {
      const char *id = g_ptr_array_index (m->department_order, i);
      ZxCourseStat *s = g_hash_table_lookup (by_department, id);

      if (s == NULL || s->assigned == 0)
        {
          if (s != NULL)
            zx_course_stat_free (s);
          continue;
        }
      stat_finish (s, *(double *) g_hash_table_lookup (sums, id));
      g_ptr_array_add (stats, s);
    }
  return stats;
}

static int
pending_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      order)
{
  const ZxPendingCourse *x = *(ZxPendingCourse * const *) a;
  const ZxPendingCourse *y = *(ZxPendingCourse * const *) b;
  GHashTable *rank = order;
  int c;

  if (x->overdue != y->overdue)
    return x->overdue ? -1 : 1;
  if ((x->due_date == NULL) != (y->due_date == NULL))
    return x->due_date == NULL ? 1 : -1;
  if ((c = g_strcmp0 (x->due_date, y->due_date)) != 0)
    return c;
  if ((c = GPOINTER_TO_INT (g_hash_table_lookup (rank, x->department_id)) -
           GPOINTER_TO_INT (g_hash_table_lookup (rank, y->department_id))) != 0)
    return c;
  if ((c = g_utf8_collate (x->staff_name, y->staff_name)) != 0)
    return c;
  if ((c = g_strcmp0 (x->staff_id, y->staff_id)) != 0)
    return c;
  return GPOINTER_TO_INT (g_hash_table_lookup (rank, x->course_id)) -
         GPOINTER_TO_INT (g_hash_table_lookup (rank, y->course_id));
}

GPtrArray *
zx_empowerment_not_finished (ZxStore    *store,
                             const char *today,
                             const char *department_id,
                             const char *course_id)
{
  g_autoptr(Model) m = NULL;
  g_autoptr(GHashTable) rank = NULL;
  GPtrArray *pending;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  m = model_load (store);
  rank = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < m->department_order->len; i++)
    g_hash_table_insert (rank, g_ptr_array_index (m->department_order, i), GINT_TO_POINTER (i + 1));
  for (guint i = 0; i < m->courses->len; i++)
    g_hash_table_insert (rank, ((Course *) g_ptr_array_index (m->courses, i))->id, GINT_TO_POINTER (i + 1));

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_pending_course_free);
  for (guint i = 0; i < m->courses->len; i++)
    {
      Course *c = g_ptr_array_index (m->courses, i);

      if (course_id != NULL && g_strcmp0 (c->id, course_id) != 0)
        continue;
      for (guint k = 0; k < m->people->len; k++)
        {
          Person *p = g_ptr_array_index (m->people, k);
          Enrolment *e;
          ZxPendingCourse *pc;

          if (department_id != NULL && g_strcmp0 (p->department_id, department_id) != 0)
            continue;
          if (!model_is_for (m, c, p))
            continue;
          e = model_enrolment (m, c->id, p->id);
          if (e != NULL && e->completed)
            continue;
          pc = g_new0 (ZxPendingCourse, 1);
          pc->staff_id = g_strdup (p->id);
          pc->staff_name = g_strdup (p->name);
          pc->department_id = g_strdup (p->department_id);
          pc->department_name = g_strdup (g_hash_table_lookup (m->departments, p->department_id));
          pc->course_id = g_strdup (c->id);
          pc->course_title = g_strdup (c->title);
          pc->due_date = e != NULL ? g_strdup (e->due_date) : NULL;
          pc->overdue = pc->due_date != NULL && strcmp (pc->due_date, today) < 0;
          pc->assigned = e != NULL && e->assigned;
          g_ptr_array_add (pending, pc);
        }
    }
  g_ptr_array_sort_with_data (pending, pending_compare, rank);
  return pending;
}

gboolean
zx_empowerment_course_is_for (ZxStore    *store,
                              const char *course_id,
                              const char *staff_id)
{
  const char *params[] = { staff_id, course_id, staff_id, course_id, NULL };

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  if (course_id == NULL || staff_id == NULL)
    return FALSE;
  return zx_store_count (store, "staff",
                         "id = ? AND (EXISTS (SELECT 1 FROM course_audience a WHERE a.deleted = 0 "
                         "AND a.course_id = ? AND (a.department_id IS NULL OR a.department_id = staff.department_id) "
                         "AND (a.role IS NULL OR a.role = staff.role)) OR EXISTS (SELECT 1 FROM enrolment e "
                         "WHERE e.deleted = 0 AND e.assigned = 1 AND e.staff_id = ? AND e.course_id = ?))",
                         params) > 0;
}

ZxRecord *
zx_empowerment_find_enrolment (ZxStore    *store,
                               const char *course_id,
                               const char *staff_id)
{
  const char *params[] = { course_id, staff_id, NULL };
  g_autoptr(GListStore) rows = NULL;
  ZxRecord *best = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  if (course_id == NULL || staff_id == NULL)
    return NULL;
  rows = zx_store_list (store, "enrolment", "course_id = ? AND staff_id = ?", params);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (rows), i);

      if (best == NULL || (!zx_record_is_null (r, "completed_at") && zx_record_is_null (best, "completed_at")))
        g_set_object (&best, r);
    }
  return best;
}

/* Skills and gaps ------------------------------------------------------------ */

typedef struct
{
  GHashTable *level;      /* skill id → max level needed */
  GHashTable *sources;    /* skill id → GPtrArray of names */
  GHashTable *skill_name; /* skill id → name */
  GPtrArray  *order;      /* skill ids as met */
} Needs;

static void
needs_clear (Needs *n)
{
  g_hash_table_unref (n->level);
  g_hash_table_unref (n->sources);
  g_hash_table_unref (n->skill_name);
  g_ptr_array_unref (n->order);
}

static void
need_row (sqlite3_stmt *stmt,
          gpointer      data)
{
  Needs *n = data;
  const char *skill = (const char *) sqlite3_column_text (stmt, 0);
  int level = sqlite3_column_int (stmt, 1);
  const char *source = (const char *) sqlite3_column_text (stmt, 2);
  GPtrArray *sources;

  if (skill == NULL)
    return;
  if (!g_hash_table_contains (n->level, skill))
    {
      g_ptr_array_add (n->order, g_strdup (skill));
      g_hash_table_insert (n->skill_name, g_strdup (skill), column_dup (stmt, 3));
      g_hash_table_insert (n->sources, g_strdup (skill), g_ptr_array_new_with_free_func (g_free));
      g_hash_table_insert (n->level, g_strdup (skill), GINT_TO_POINTER (level));
    }
  else if (level > GPOINTER_TO_INT (g_hash_table_lookup (n->level, skill)))
    g_hash_table_insert (n->level, g_strdup (skill), GINT_TO_POINTER (level));
  sources = g_hash_table_lookup (n->sources, skill);
  if (source != NULL && !g_ptr_array_find_with_equal_func (sources, source, g_str_equal, NULL))
    g_ptr_array_add (sources, g_strdup (source));
}

static void
level_row (sqlite3_stmt *stmt,
           gpointer      data)
{
  GHashTable *held = data;
  const char *skill = (const char *) sqlite3_column_text (stmt, 0);
  int level = sqlite3_column_int (stmt, 1);

  if (skill != NULL && level > GPOINTER_TO_INT (g_hash_table_lookup (held, skill)))
    g_hash_table_insert (held, g_strdup (skill), GINT_TO_POINTER (level));
}

static int
gap_compare (gconstpointer a,
             gconstpointer b)
{
  const ZxSkillGap *x = *(ZxSkillGap * const *) a;
  const ZxSkillGap *y = *(ZxSkillGap * const *) b;
  int c;

  if ((c = g_utf8_collate (x->skill_name, y->skill_name)) != 0)
    return c;
  if ((c = g_strcmp0 (x->skill_id, y->skill_id)) != 0)
    return c;
  if ((c = g_utf8_collate (x->staff_name ? x->staff_name : "", y->staff_name ? y->staff_name : "")) != 0)
    return c;
  return g_strcmp0 (x->staff_id, y->staff_id);
}

static void
add_person_gaps (ZxStore    *store,
                 const char *staff_id,
                 GPtrArray  *gaps)
{
  const char *p1[] = { staff_id, NULL };
  const char *p2[] = { staff_id, staff_id, NULL };
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) person = zx_store_get (store, "staff", staff_id, NULL);
  Needs n;

  if (person == NULL || json_object_get_boolean_member_with_default (person, "deleted", FALSE))
    return;

  n.level = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n.sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  n.skill_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n.order = g_ptr_array_new_with_free_func (g_free);

  /* The battles of their department */
  each_row (store,
            "SELECT n.skill_id, n.level, b.name, k.name FROM skill_need n "
            "JOIN battle b ON b.id = n.battle_id AND b.deleted = 0 AND b.status <> 'dropped' "
            "JOIN skill k ON k.id = n.skill_id AND k.deleted = 0 "
            "JOIN staff s ON s.id = ? AND s.department_id = b.department_id "
            "WHERE n.deleted = 0 ORDER BY b.rank, b.name, n.id", p1, need_row, &n);
  /* The key results they own */
  each_row (store,
            "SELECT n.skill_id, n.level, r.title, k.name FROM skill_need n "
            "JOIN key_result r ON r.id = n.key_result_id AND r.deleted = 0 "
            "JOIN objective o ON o.id = r.objective_id AND o.deleted = 0 "
            "JOIN skill k ON k.id = n.skill_id AND k.deleted = 0 "
            "WHERE n.deleted = 0 AND (r.owner_id = ? OR (r.owner_id IS NULL AND o.owner_id = ?)) "
            "ORDER BY r.title, n.id", p2, need_row, &n);
  each_row (store, "SELECT skill_id, level FROM staff_skill WHERE deleted = 0 AND staff_id = ?",
            p1, level_row, held);

  for (guint i = 0; i < n.order->len; i++)
    {
      const char *skill = g_ptr_array_index (n.order, i);
      int needed = GPOINTER_TO_INT (g_hash_table_lookup (n.level, skill));
      int has = GPOINTER_TO_INT (g_hash_table_lookup (held, skill));
      GPtrArray *sources = g_hash_table_lookup (n.sources, skill);
      ZxSkillGap *gap;

      if (has >= needed)
        continue;
      gap = g_new0 (ZxSkillGap, 1);
      gap->skill_id = g_strdup (skill);
      gap->skill_name = g_strdup (g_hash_table_lookup (n.skill_name, skill));
      gap->staff_id = g_strdup (staff_id);
      gap->staff_name = g_strdup (json_object_get_string_member_with_default (person, "name", NULL));
      gap->level_needed = needed;
      gap->level_held = has;
      gap->needed_for = g_new0 (char *, sources->len + 1);
      for (guint k = 0; k < sources->len; k++)
        gap->needed_for[k] = g_strdup (g_ptr_array_index (sources, k));
      g_ptr_array_add (gaps, gap);
    }
  needs_clear (&n);
}

GPtrArray *
zx_empowerment_person_gaps (ZxStore    *store,
                            const char *staff_id)
{
  GPtrArray *gaps;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_skill_gap_free);
  if (staff_id != NULL)
    add_person_gaps (store, staff_id, gaps);
  g_ptr_array_sort (gaps, gap_compare);
  return gaps;
}

static void
id_row (sqlite3_stmt *stmt,
        gpointer      data)
{
  g_ptr_array_add (data, column_dup (stmt, 0));
}

GPtrArray *
zx_empowerment_department_gaps (ZxStore    *store,
                                const char *department_id)
{
  const char *params[] = { department_id, NULL };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *gaps;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_skill_gap_free);
  if (department_id == NULL)
    return gaps;
  each_row (store, "SELECT id FROM staff WHERE deleted = 0 AND department_id = ? ORDER BY name, id",
            params, id_row, ids);
  for (guint i = 0; i < ids->len; i++)
    add_person_gaps (store, g_ptr_array_index (ids, i), gaps);
  g_ptr_array_sort (gaps, gap_compare);
  return gaps;
}

GPtrArray *
zx_empowerment_suggest_courses (ZxStore    *store,
                                const char *skill_id)
{
  const char *params[] = { skill_id, NULL };
  g_autoptr(GListStore) rows = NULL;
  GPtrArray *courses;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  courses = g_ptr_array_new_with_free_func (g_object_unref);
  if (skill_id == NULL)
    return courses;
  rows = zx_store_list (store, "course",
                        "id IN (SELECT course_id FROM course_skill WHERE deleted = 0 AND skill_id = ?)", params);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    g_ptr_array_add (courses, g_list_model_get_item (G_LIST_MODEL (rows), i));
  return courses;
}

typedef struct
{
  GPtrArray  *suggestions;
  const char *department_id;
} MentorQuery;

static void
mentor_row (sqlite3_stmt *stmt,
            gpointer      data)
{
  MentorQuery *q = data;
  ZxMentorSuggestion *s = g_new0 (ZxMentorSuggestion, 1);

  s->staff_id = column_dup (stmt, 0);
  s->name = column_dup (stmt, 1);
  s->department_id = column_dup (stmt, 2);
  s->department_name = column_dup (stmt, 3);
  s->level = sqlite3_column_int (stmt, 4);
  s->mentees = sqlite3_column_int (stmt, 5);
  s->same_department = q->department_id != NULL && g_strcmp0 (s->department_id, q->department_id) == 0;
  g_ptr_array_add (q->suggestions, s);
}

static int
mentor_compare (gconstpointer a,
                gconstpointer b)
{
  const ZxMentorSuggestion *x = *(ZxMentorSuggestion * const *) a;
  const ZxMentorSuggestion *y = *(ZxMentorSuggestion * const *) b;
  int c;

  if (x->level != y->level)
    return y->level - x->level;
  if (x->same_department != y->same_department)
    return x->same_department ? -1 : 1;
  if (x->mentees != y->mentees)
    return x->mentees < y->mentees ? -1 : 1;
  if ((c = g_utf8_collate (x->name, y->name)) != 0)
    return c;
  return g_strcmp0 (x->staff_id, y->staff_id);
}

GPtrArray *
zx_empowerment_suggest_mentors (ZxStore    *store,
                                const char *skill_id,
                                const char *mentee_id,
                                int         min_level)
{
  g_autofree char *level = g_strdup_printf ("%d", MAX (min_level, 1));
  const char *params[] = { skill_id, level, mentee_id ? mentee_id : "", NULL };
  g_autoptr(JsonObject) mentee = NULL;
  MentorQuery q = { 0 };

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  q.suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) zx_mentor_suggestion_free);
  if (skill_id == NULL)
    return q.suggestions;
  if (mentee_id != NULL && (mentee = zx_store_get (store, "staff", mentee_id, NULL)) != NULL)
    q.department_id = json_object_get_string_member_with_default (mentee, "department_id", NULL);

  each_row (store,
            "SELECT s.id, s.name, s.department_id, d.name, MAX(k.level), "
            "(SELECT COUNT(*) FROM mentorship m WHERE m.deleted = 0 AND m.status = 'active' "
            "AND m.mentor_id = s.id) FROM staff_skill k "
            "JOIN staff s ON s.id = k.staff_id AND s.deleted = 0 "
            "LEFT JOIN department d ON d.id = s.department_id "
            "WHERE k.deleted = 0 AND k.skill_id = ? AND k.level >= CAST(? AS INTEGER) AND s.id <> ? "
            "GROUP BY s.id", params, mentor_row, &q);
  g_ptr_array_sort (q.suggestions, mentor_compare);
  return q.suggestions;
}

/* Writes ---------------------------------------------------------------------- */

char *
zx_empowerment_complete (ZxStore     *store,
                         const char  *course_id,
                         const char  *staff_id,
                         int          rating,
                         const char  *comment,
                         GError     **error)
{
  g_autoptr(ZxRecord) existing = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *now = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (comment ? comment : ""));

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (rating != 0 && (rating < 1 || rating > 5))
    {
      g_set_error_literal (error, ZX_ERROR, ZX_ERROR_INVALID, _("A rating is from 1 to 5 stars."));
      return NULL;
    }
  now = zx_store_now (store);
  json_object_set_string_member (fields, "completed_at", now);
  if (rating != 0)
    json_object_set_int_member (fields, "rating", rating);
  else
    json_object_set_null_member (fields, "rating");
  if (*stripped != '\0')
    json_object_set_string_member (fields, "comment", stripped);
  else
    json_object_set_null_member (fields, "comment");

  existing = zx_empowerment_find_enrolment (store, course_id, staff_id);
  if (existing != NULL)
    {
      if (!zx_store_update (store, "enrolment", zx_record_get_id (existing), fields, error))
        return NULL;
      return g_strdup (zx_record_get_id (existing));
    }
  json_object_set_string_member (fields, "course_id", course_id);
  json_object_set_string_member (fields, "staff_id", staff_id);
  json_object_set_boolean_member (fields, "assigned", FALSE);
  return zx_store_create (store, "enrolment", fields, error);
}

static void
set_or_null (JsonObject *o,
             const char *name,
             const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

char *
zx_empowerment_assign (ZxStore     *store,
                       const char  *course_id,
                       const char  *staff_id,
                       const char  *skill_id,
                       const char  *due_date,
                       const char  *assigned_by,
                       GError     **error)
{
  g_autoptr(ZxRecord) existing = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  json_object_set_boolean_member (fields, "assigned", TRUE);
  set_or_null (fields, "due_date", due_date);
  set_or_null (fields, "skill_id", skill_id);
  set_or_null (fields, "assigned_by", assigned_by);

  existing = zx_empowerment_find_enrolment (store, course_id, staff_id);
  if (existing != NULL)
    {
      if (!zx_store_update (store, "enrolment", zx_record_get_id (existing), fields, error))
        return NULL;
      return g_strdup (zx_record_get_id (existing));
    }
  json_object_set_string_member (fields, "course_id", course_id);
  json_object_set_string_member (fields, "staff_id", staff_id);
  return zx_store_create (store, "enrolment", fields, error);
}

char *
zx_empowerment_add_mentorship (ZxStore     *store,
                               const char  *mentor_id,
                               const char  *mentee_id,
                               const char  *skill_id,
                               const char  *started_on,
                               GError     **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *now = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (started_on == NULL)
    {
      now = zx_store_now (store);
      now[MIN (strlen (now), 10)] = '\0';
      started_on = now;
    }
  set_or_null (fields, "mentor_id", mentor_id);
  set_or_null (fields, "mentee_id", mentee_id);
  set_or_null (fields, "skill_id", skill_id);
  json_object_set_string_member (fields, "started_on", started_on);
  json_object_set_string_member (fields, "status", "active");
  return zx_store_create (store, "mentorship", fields, error);
}
