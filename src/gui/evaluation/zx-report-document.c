/* zx-report-document.c — evaluation reports as printable A4 documents
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-report-document"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "zx-document.h"
#include "zx-error.h"
#include "zx-progress.h"
#include "zx-record.h"
#include "zx-report-private.h"

/* ZxReportData --------------------------------------------------------------- */

typedef struct
{
  char *id, *name, *employee_no, *title, *post, *department_id;
} Staff;

typedef struct
{
  char      *id, *name;
  GPtrArray *people;    /* staff ids with a person evaluation, by employee number */
} Dept;

typedef struct
{
  double okr, indicator, assessment, adjustment, total;   /* NAN: none */
  char  *reason, *grade, *head_comment, *hr_comment;
} Eval;

typedef struct
{
  char    *title, *current, *target, *unit;
  double   progress;
  gboolean challenge;
  ZxHealth health;
  gboolean started;
} Kr;

typedef struct
{
  char      *title;
  double     progress;
  gboolean   has_progress;
  GPtrArray *krs;   /* Kr */
} Objective;

typedef struct
{
  char  *id, *code, *name, *unit, *direction;
  double weight;
} Indicator;

typedef struct
{
  double sum;
  guint  n;
  double target;
  gboolean has_target;
} Figure;

struct _ZxReportData
{
  gatomicrefcount ref;
  char       *scheme_id, *scheme_name, *cycle_name, *hospital;
  double      w_okr, w_indicator, w_assessment;
  GHashTable *staff;        /* id → Staff */
  GHashTable *depts;        /* id → Dept */
  GPtrArray  *dept_order;   /* Dept, those with person evaluations, hospital order */
  GHashTable *evals;        /* staff id → Eval */
  GHashTable *okrs;         /* staff id → GPtrArray of Objective */
  GPtrArray  *indicators;   /* Indicator */
  GHashTable *figures;      /* "indicator id|department id or -" → Figure */
};

G_DEFINE_BOXED_TYPE (ZxReportData, zx_report_data, zx_report_data_ref, zx_report_data_unref)

static void
staff_free (gpointer p)
{
  Staff *s = p;

  g_free (s->id); g_free (s->name); g_free (s->employee_no); g_free (s->title);
  g_free (s->post); g_free (s->department_id);
  g_free (s);
}

static void
dept_free (gpointer p)
{
  Dept *d = p;

  g_free (d->id); g_free (d->name);
  g_ptr_array_unref (d->people);
  g_free (d);
}

static void
eval_free (gpointer p)
{
  Eval *e = p;

  g_free (e->reason); g_free (e->grade); g_free (e->head_comment); g_free (e->hr_comment);
  g_free (e);
}

static void
kr_free (gpointer p)
{
  Kr *k = p;

  g_free (k->title); g_free (k->current); g_free (k->target); g_free (k->unit);
  g_free (k);
}

static void
objective_free (gpointer p)
{
  Objective *o = p;

  g_free (o->title);
  g_ptr_array_unref (o->krs);
  g_free (o);
}

static void
indicator_free (gpointer p)
{
  Indicator *i = p;

  g_free (i->id); g_free (i->code); g_free (i->name); g_free (i->unit); g_free (i->direction);
  g_free (i);
}

ZxReportData *
zx_report_data_ref (ZxReportData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  g_atomic_ref_count_inc (&data->ref);
  return data;
}

void
zx_report_data_unref (ZxReportData *data)
{
  g_return_if_fail (data != NULL);

  if (!g_atomic_ref_count_dec (&data->ref))
    return;
  g_free (data->scheme_id); g_free (data->scheme_name); g_free (data->cycle_name);
  g_free (data->hospital);
  g_hash_table_unref (data->staff);
  g_ptr_array_unref (data->dept_order);
  g_hash_table_unref (data->depts);
  g_hash_table_unref (data->evals);
  g_hash_table_unref (data->okrs);
  g_ptr_array_unref (data->indicators);
  g_hash_table_unref (data->figures);
  g_free (data);
}

static double
get_real (ZxRecord   *record,
          const char *field)
{
  return zx_record_is_null (record, field) ? NAN : zx_record_get_double (record, field);
}

static char *
dup_string (ZxRecord   *record,
            const char *field)
{
  const char *s = zx_record_get_string (record, field);

  return (s != NULL && *s != '\0') ? g_strdup (s) : NULL;
}

/* A key result's value as “8.5 天” */
static char *
format_value (double      value,
              const char *unit)
{
  g_autofree char *number = g_strdup_printf ("%.10g", round (value * 100) / 100);

  return unit != NULL && *unit != '\0' ? g_strdup_printf ("%s %s", number, unit) : g_steal_pointer (&number);
}

static int
compare_people (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *staff = user_data;
  Staff *sa = g_hash_table_lookup (staff, *(const char * const *) a);
  Staff *sb = g_hash_table_lookup (staff, *(const char * const *) b);

  return g_strcmp0 (sa->employee_no, sb->employee_no);
}

static void
read_okrs (ZxReportData *data,
           ZxStore      *store,
           const char   *cycle_id,
           ZxRecord     *cycle)
{
  const char *params[] = { cycle_id, cycle_id, NULL };
  g_autoptr(GListStore) objectives = NULL;
  g_autoptr(GListStore) krs = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ZxProgressIndex) index = NULL;
  g_autoptr(GDate) today = g_date_new ();
  ZxProgressParams params_p;
  GDate end;
  guint n;

  /* Progress as it stood when the cycle ended, or today for a running one */
  g_date_set_time_t (today, time (NULL));
  g_date_clear (&end, 1);
  g_date_set_parse (&end, zx_record_get_string (cycle, "end_date"));
  if (g_date_valid (&end) && g_date_compare (&end, today) < 0)
    *today = end;
  zx_progress_params_init_default (&params_p);
  index = zx_progress_index_new (store, today, &params_p, NULL);

  objectives = zx_store_list (store, "objective",
                              "owner_id IS NOT NULL AND "
                              "(cycle_id = ? OR cycle_id IN (SELECT id FROM cycle WHERE parent_id = ? AND deleted = 0))",
                              params);
  n = g_list_model_get_n_items (G_LIST_MODEL (objectives));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (objectives), i);
      const char *owner = zx_record_get_string (r, "owner_id");
      const ZxProgress *p;
      Objective *o;
      GPtrArray *list;

      if (!g_hash_table_contains (data->evals, owner))
        continue;
      o = g_new0 (Objective, 1);
      o->title = g_strdup (zx_record_get_string (r, "title"));
      o->krs = g_ptr_array_new_with_free_func (kr_free);
      p = index != NULL ? zx_progress_index_lookup (index, zx_record_get_id (r)) : NULL;
      o->has_progress = p != NULL && p->has_progress;
      o->progress = o->has_progress ? p->progress : 0;
      list = g_hash_table_lookup (data->okrs, owner);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (objective_free);
          g_hash_table_insert (data->okrs, g_strdup (owner), list);
        }
      g_ptr_array_add (list, o);
      g_hash_table_insert (by_id, (gpointer) zx_record_get_id (r), o);
      /* by_id borrows the id: keep the record alive with the list */
    }

  krs = zx_store_list (store, "key_result",
                       "objective_id IN (SELECT id FROM objective WHERE deleted = 0 AND "
                       "(cycle_id = ? OR cycle_id IN (SELECT id FROM cycle WHERE parent_id = ? AND deleted = 0)))",
                       params);
  n = g_list_model_get_n_items (G_LIST_MODEL (krs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (krs), i);
      Objective *o = g_hash_table_lookup (by_id, zx_record_get_string (r, "objective_id"));
      const char *kind = zx_record_get_string (r, "kind");
      const char *unit = zx_record_get_string (r, "unit");
      const ZxProgress *p;
      Kr *k;

      if (o == NULL)
        continue;
      k = g_new0 (Kr, 1);
      k->title = g_strdup (zx_record_get_string (r, "title"));
      k->challenge = zx_record_get_bool (r, "challenge");
      if (g_strcmp0 (kind, "milestone") == 0)
        {
          k->current = g_strdup (!zx_record_is_null (r, "current_value") &&
                                 zx_record_get_double (r, "current_value") >= 1 ? _("Reached") : _("Not reached"));
        }
      else
        {
          if (!zx_record_is_null (r, "current_value"))
            k->current = format_value (zx_record_get_double (r, "current_value"), unit);
          if (!zx_record_is_null (r, "target_value"))
            k->target = format_value (zx_record_get_double (r, "target_value"), unit);
        }
      p = index != NULL ? zx_progress_index_lookup (index, zx_record_get_id (r)) : NULL;
      k->progress = p != NULL ? p->progress : 0;
      k->health = p != NULL ? p->health : ZX_HEALTH_NOT_STARTED;
      g_ptr_array_add (o->krs, k);
    }
}

static void
read_indicators (ZxReportData *data,
                 ZxStore      *store,
                 ZxRecord     *cycle)
{
  const char *params[] = { data->scheme_id, NULL };
  g_autoptr(GListStore) items = zx_store_list (store, "eval_scheme_item", "scheme_id = ?", params);
  const char *start = zx_record_get_string (cycle, "start_date");
  const char *end = zx_record_get_string (cycle, "end_date");
  g_autofree char *from = g_strndup (start != NULL ? start : "", 7);
  g_autofree char *to = g_strndup (end != NULL ? end : "", 7);
  g_autofree char *year = g_strndup (data->cycle_name, 4);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      const char *indicator_id = zx_record_get_string (item, "indicator_id");
      const char *vparams[] = { indicator_id, from, to, NULL };
      const char *tparams[] = { indicator_id, data->cycle_name, year, NULL };
      g_autoptr(GListStore) values = NULL;
      g_autoptr(GListStore) targets = NULL;
      g_autoptr(JsonObject) row = zx_store_get (store, "indicator", indicator_id, NULL);
      Indicator *ind;

      if (row == NULL)
        continue;
      ind = g_new0 (Indicator, 1);
      ind->id = g_strdup (indicator_id);
      ind->code = g_strdup (json_object_get_string_member_with_default (row, "code", ""));
      ind->name = g_strdup (json_object_get_string_member_with_default (row, "name", ""));
      ind->unit = g_strdup (json_object_get_string_member_with_default (row, "unit", ""));
      ind->direction = g_strdup (json_object_get_string_member_with_default (row, "direction", ""));
      ind->weight = zx_record_get_double (item, "weight");
      g_ptr_array_add (data->indicators, ind);

      /* Monthly values within the cycle, averaged per department (“-”: the hospital) */
      values = zx_store_list (store, "indicator_value", "indicator_id = ? AND month >= ? AND month <= ?", vparams);
      for (guint v = 0; v < g_list_model_get_n_items (G_LIST_MODEL (values)); v++)
        {
          g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (values), v);
          const char *dept = zx_record_get_string (r, "department_id");
          g_autofree char *key = g_strdup_printf ("%s|%s", indicator_id, dept != NULL ? dept : "-");
          Figure *f = g_hash_table_lookup (data->figures, key);

          if (f == NULL)
            {
              f = g_new0 (Figure, 1);
              g_hash_table_insert (data->figures, g_steal_pointer (&key), f);
            }
          f->sum += zx_record_get_double (r, "value");
          f->n++;
        }
      /* The cycle's own target first, else the year's */
      targets = zx_store_list (store, "indicator_target", "indicator_id = ? AND period IN (?, ?)", tparams);
      for (guint t = 0; t < g_list_model_get_n_items (G_LIST_MODEL (targets)); t++)
        {
          g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (targets), t);
          const char *dept = zx_record_get_string (r, "department_id");
          g_autofree char *key = g_strdup_printf ("%s|%s", indicator_id, dept != NULL ? dept : "-");
          Figure *f = g_hash_table_lookup (data->figures, key);

          if (f == NULL)
            {
              f = g_new0 (Figure, 1);
              g_hash_table_insert (data->figures, g_steal_pointer (&key), f);
            }
          if (!f->has_target || g_strcmp0 (zx_record_get_string (r, "period"), data->cycle_name) == 0)
            f->target = zx_record_get_double (r, "target");
          f->has_target = TRUE;
        }
    }
}

ZxReportData *
zx_report_data_new (ZxStore     *store,
                    const char  *scheme_id,
                    GError     **error)
{
  g_autoptr(ZxReportData) data = NULL;
  g_autoptr(JsonObject) scheme = NULL;
  g_autoptr(GListStore) cycles = NULL;
  g_autoptr(ZxRecord) cycle = NULL;
  g_autoptr(GListStore) list = NULL;
  const char *cycle_id;
  const char *params[] = { scheme_id, NULL };
  guint n;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (scheme_id != NULL, NULL);

  scheme = zx_store_get (store, "eval_scheme", scheme_id, NULL);
  if (scheme == NULL || json_object_get_int_member_with_default (scheme, "deleted", 0) != 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("The evaluation scheme no longer exists."));
      return NULL;
    }

  data = g_new0 (ZxReportData, 1);
  g_atomic_ref_count_init (&data->ref);
  data->scheme_id = g_strdup (scheme_id);
  data->scheme_name = g_strdup (json_object_get_string_member_with_default (scheme, "name", ""));
  data->w_okr = json_object_get_double_member_with_default (scheme, "okr_weight", 0);
  data->w_indicator = json_object_get_double_member_with_default (scheme, "indicator_weight", 0);
  data->w_assessment = json_object_get_double_member_with_default (scheme, "assessment_weight", 0);
  data->staff = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, staff_free);
  data->depts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, dept_free);
  data->dept_order = g_ptr_array_new ();
  data->evals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, eval_free);
  data->okrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  data->indicators = g_ptr_array_new_with_free_func (indicator_free);
  data->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  cycle_id = json_object_get_string_member_with_default (scheme, "cycle_id", "");
  {
    const char *cparams[] = { cycle_id, NULL };

    cycles = zx_store_list (store, "cycle", "id = ?", cparams);
  }
  if (g_list_model_get_n_items (G_LIST_MODEL (cycles)) == 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("The cycle of the evaluation scheme “%s” no longer exists."), data->scheme_name);
      return NULL;
    }
  cycle = g_list_model_get_item (G_LIST_MODEL (cycles), 0);
  data->cycle_name = g_strdup (zx_record_get_string (cycle, "name"));

  list = zx_store_list (store, "hospital", NULL, NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    {
      g_autoptr(ZxRecord) h = g_list_model_get_item (G_LIST_MODEL (list), 0);

      data->hospital = g_strdup (zx_record_get_string (h, "name"));
    }
  g_clear_object (&list);

  /* Person evaluations of the scheme */
  list = zx_store_list (store, "evaluation", "scheme_id = ? AND staff_id IS NOT NULL", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);
      Eval *e = g_new0 (Eval, 1);

      e->okr = get_real (r, "okr_score");
      e->indicator = get_real (r, "indicator_score");
      e->assessment = get_real (r, "assessment_score");
      e->adjustment = get_real (r, "adjustment");
      e->total = get_real (r, "total");
      e->reason = dup_string (r, "adjust_reason");
      e->grade = dup_string (r, "grade");
      e->head_comment = dup_string (r, "head_comment");
      e->hr_comment = dup_string (r, "hr_comment");
      g_hash_table_replace (data->evals, g_strdup (zx_record_get_string (r, "staff_id")), e);
    }
  g_clear_object (&list);
  if (g_hash_table_size (data->evals) == 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("No evaluation has been computed for “%s” yet. Compute the scores first."),
                   data->scheme_name);
      return NULL;
    }

  /* The people evaluated and their departments */
  list = zx_store_list (store, "department", NULL, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);
      Dept *d = g_new0 (Dept, 1);

      d->id = g_strdup (zx_record_get_id (r));
      d->name = g_strdup (zx_record_get_string (r, "name"));
      d->people = g_ptr_array_new ();
      g_hash_table_insert (data->depts, d->id, d);
      g_ptr_array_add (data->dept_order, d);
    }
  g_clear_object (&list);

  list = zx_store_list (store, "staff",
                        "id IN (SELECT staff_id FROM evaluation WHERE deleted = 0 AND scheme_id = ?)", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);
      Staff *s = g_new0 (Staff, 1);
      Dept *d;

      s->id = g_strdup (zx_record_get_id (r));
      s->name = g_strdup (zx_record_get_string (r, "name"));
      s->employee_no = g_strdup (zx_record_get_string (r, "employee_no"));
      s->title = dup_string (r, "title");
      s->post = dup_string (r, "post");
      s->department_id = g_strdup (zx_record_get_string (r, "department_id"));
      g_hash_table_insert (data->staff, s->id, s);
      d = g_hash_table_lookup (data->depts, s->department_id);
      if (d != NULL)
        g_ptr_array_add (d->people, s->id);
    }
  g_clear_object (&list);

  /* Keep the departments that have someone evaluated, people by employee number */
  for (guint i = 0; i < data->dept_order->len;)
    {
      Dept *d = g_ptr_array_index (data->dept_order, i);

      if (d->people->len == 0)
        g_ptr_array_remove_index (data->dept_order, i);
      else
        {
          g_ptr_array_sort_with_data (d->people, compare_people, data->staff);
          i++;
        }
    }

  read_okrs (data, store, cycle_id, cycle);
  read_indicators (data, store, cycle);

  return g_steal_pointer (&data);
}

const char *
zx_report_data_get_scheme_name (ZxReportData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return data->scheme_name;
}

const char *
zx_report_data_get_cycle_name (ZxReportData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return data->cycle_name;
}

GPtrArray *
zx_report_data_list_people (ZxReportData *data,
                            const char   *department_id)
{
  GPtrArray *people = g_ptr_array_new ();

  g_return_val_if_fail (data != NULL, people);

  for (guint i = 0; i < data->dept_order->len; i++)
    {
      Dept *d = g_ptr_array_index (data->dept_order, i);

      if (department_id != NULL && strcmp (d->id, department_id) != 0)
        continue;
      for (guint j = 0; j < d->people->len; j++)
        g_ptr_array_add (people, g_ptr_array_index (d->people, j));
    }
  return people;
}

GPtrArray *
zx_report_data_list_departments (ZxReportData *data)
{
  GPtrArray *depts = g_ptr_array_new ();

  g_return_val_if_fail (data != NULL, depts);

  for (guint i = 0; i < data->dept_order->len; i++)
    g_ptr_array_add (depts, ((Dept *) g_ptr_array_index (data->dept_order, i))->id);
  return depts;
}

const char *
zx_report_data_get_name (ZxReportData *data,
                         const char   *id)
{
  Staff *s;
  Dept *d;

  g_return_val_if_fail (data != NULL && id != NULL, NULL);

  if ((s = g_hash_table_lookup (data->staff, id)) != NULL)
    return s->name;
  if ((d = g_hash_table_lookup (data->depts, id)) != NULL)
    return d->name;
  return NULL;
}

const char *
zx_report_data_get_employee_no (ZxReportData *data,
                                const char   *staff_id)
{
  Staff *s;

  g_return_val_if_fail (data != NULL && staff_id != NULL, NULL);

  s = g_hash_table_lookup (data->staff, staff_id);
  return s != NULL ? s->employee_no : NULL;
}

const char *
zx_report_data_get_department (ZxReportData *data,
                               const char   *staff_id)
{
  Staff *s;

  g_return_val_if_fail (data != NULL && staff_id != NULL, NULL);

  s = g_hash_table_lookup (data->staff, staff_id);
  return s != NULL ? s->department_id : NULL;
}

/* Private to the export: the scores of a person, NAN when none */
void
zx_report_data_get_scores (ZxReportData *data,
                           const char   *staff_id,
                           double        out[5],
                           const char  **grade)
{
  Eval *e = g_hash_table_lookup (data->evals, staff_id);

  out[0] = e ? e->okr : NAN;
  out[1] = e ? e->indicator : NAN;
  out[2] = e ? e->assessment : NAN;
  out[3] = e ? e->adjustment : NAN;
  out[4] = e ? e->total : NAN;
  *grade = e ? e->grade : NULL;
}

/* ZxReportDocument ---------------------------------------------------------- */

struct _ZxReportDocument
{
  GObject       parent_instance;
  ZxDocument   *document;
  char         *title;
};

static void zx_report_document_printable_init (ZxPrintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZxReportDocument, zx_report_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ZX_TYPE_PRINTABLE,
                                                      zx_report_document_printable_init))

static char *
score_text (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.1f", value);
}

static char *
signed_text (double value)
{
  if (isnan (value) || value == 0)
    return g_strdup (isnan (value) ? "—" : "0");
  return g_strdup_printf ("%+.1f", value);
}

static const char *
grade_label (const char *grade)
{
  if (grade == NULL)
    return "—";
  switch (grade[0])
    {
    /* Translators: grades of an evaluation */
    case 'A': return _("A (Excellent)");
    case 'B': return _("B (Good)");
    case 'C': return _("C (Pass)");
    case 'D': return _("D (Fail)");
    default: return grade;
    }
}

static const char *
direction_label (const char *direction)
{
  if (g_strcmp0 (direction, "higher") == 0)
    return _("Higher is better");
  if (g_strcmp0 (direction, "lower") == 0)
    return _("Lower is better");
  if (g_strcmp0 (direction, "monitor") == 0)
    return _("Monitored");
  if (g_strcmp0 (direction, "qualitative") == 0)
    return _("Qualitative");
  return "";
}

static const char *
or_dash (const char *s)
{
  return s != NULL && *s != '\0' ? s : "—";
}

/* A row of a table: the strings are owned by the row */
static char **
row_new (guint n, ...)
{
  char **row = g_new0 (char *, n + 1);
  va_list ap;

  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    row[i] = va_arg (ap, char *);
  va_end (ap);
  return row;
}

static GPtrArray *
rows_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static char *
weighted (double score,
          double weight)
{
  return isnan (score) ? g_strdup ("—") : g_strdup_printf ("%.1f", score * weight);
}

static char *
percent (double weight)
{
  return g_strdup_printf ("%.0f%%", weight * 100);
}

static void
lay_out_person (ZxReportDocument *self,
                ZxReportData     *data,
                const char       *staff_id)
{
  ZxDocument *doc = self->document;
  Staff *s = g_hash_table_lookup (data->staff, staff_id);
  Eval *e = g_hash_table_lookup (data->evals, staff_id);
  Dept *d = g_hash_table_lookup (data->depts, s->department_id);
  GPtrArray *objectives = g_hash_table_lookup (data->okrs, staff_id);
  g_autofree char *subtitle = g_strdup_printf ("%s　·　%s", data->scheme_name, data->cycle_name);
  g_autoptr(GPtrArray) rows = NULL;
  gboolean any_challenge = FALSE;

  zx_document_add_title_block (doc, data->hospital, _("Personal Performance Evaluation Report"), subtitle);

  /* 1. The person */
  {
    static const double shares[] = { 0.16, 0.34, 0.16, 0.34 };
    static const PangoAlignment aligns[] = { PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT };

    rows = rows_new ();
    g_ptr_array_add (rows, row_new (4, g_strdup (_("Full name")), g_strdup (s->name),
                                    g_strdup (_("Employee No.")), g_strdup (s->employee_no)));
    g_ptr_array_add (rows, row_new (4, g_strdup (_("Department")), g_strdup (d != NULL ? d->name : "—"),
                                    g_strdup (_("Professional title")), g_strdup (or_dash (s->title))));
    g_ptr_array_add (rows, row_new (4, g_strdup (_("Post")), g_strdup (or_dash (s->post)),
                                    g_strdup (_("Cycle")), g_strdup (data->cycle_name)));
    zx_document_add_heading (doc, _("1. Person Evaluated"), 60);
    zx_document_add_table (doc, 4, shares, aligns, NULL, rows, FALSE);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* 2. Scores */
  {
    static const double shares[] = { 0.34, 0.14, 0.16, 0.36 };
    static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER };
    const char *header[] = { _("Component"), _("Weight"), _("Score"), _("Weighted score") };

    rows = rows_new ();
    g_ptr_array_add (rows, row_new (4, g_strdup (_("OKR contribution")), percent (data->w_okr),
                                    score_text (e->okr), weighted (e->okr, data->w_okr)));
    g_ptr_array_add (rows, row_new (4, g_strdup (_("Performance indicators")), percent (data->w_indicator),
                                    score_text (e->indicator), weighted (e->indicator, data->w_indicator)));
    g_ptr_array_add (rows, row_new (4, g_strdup (_("Department assessment")), percent (data->w_assessment),
                                    score_text (e->assessment), weighted (e->assessment, data->w_assessment)));
    g_ptr_array_add (rows, row_new (4, g_strdup (_("Adjustment")), g_strdup (""),
                                    signed_text (e->adjustment), g_strdup (or_dash (e->reason))));
    g_ptr_array_add (rows, row_new (4, g_strdup (_("Total")), g_strdup (""),
                                    score_text (e->total), g_strdup_printf ("%s %s", _("Grade:"), grade_label (e->grade))));
    zx_document_add_heading (doc, _("2. Scores"), 80);
    zx_document_add_table (doc, 4, shares, aligns, header, rows, TRUE);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* 3. OKRs */
  {
    static const double shares[] = { 0.08, 0.44, 0.22, 0.12, 0.14 };
    static const PangoAlignment aligns[] = { PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER };
    const char *header[] = { _("No."), _("Objective / key result"), _("Current / target"), _("Progress"), _("Status") };

    zx_document_add_heading (doc, _("3. Objectives and Key Results"), 60);
    rows = rows_new ();
    for (guint i = 0; objectives != NULL && i < objectives->len; i++)
      {
        Objective *o = g_ptr_array_index (objectives, i);

        g_ptr_array_add (rows, row_new (5, g_strdup_printf ("O%u", i + 1),
                                        g_strdup_printf ("%s %s", _("Objective:"), o->title),
                                        g_strdup (""),
                                        o->has_progress ? g_strdup_printf ("%.0f%%", o->progress * 100) : g_strdup ("—"),
                                        g_strdup ("")));
        for (guint j = 0; j < o->krs->len; j++)
          {
            Kr *k = g_ptr_array_index (o->krs, j);
            /* Translators: a challenge key result's title and its mark */
            char *title = k->challenge ? g_strdup_printf (_("%s [Challenge]"), k->title)
                                       : g_strdup (k->title);

            any_challenge |= k->challenge;
            g_ptr_array_add (rows, row_new (5, g_strdup_printf ("KR%u.%u", i + 1, j + 1), title,
                                            k->target != NULL ? g_strdup_printf ("%s / %s", or_dash (k->current), k->target)
                                                              : g_strdup (or_dash (k->current)),
                                            g_strdup_printf ("%.0f%%", k->progress * 100),
                                            g_strdup (zx_health_get_label (k->health))));
          }
      }
    if (rows->len == 0)
      zx_document_add_paragraph (doc, _("No objectives of this cycle are owned by this person."), ZX_DOCUMENT_FONT_BODY);
    else
      zx_document_add_table (doc, 5, shares, aligns, header, rows, FALSE);
    if (any_challenge)
      /* xgettext:no-c-format */
      zx_document_add_paragraph (doc, _("[Challenge] marks a challenge key result: reaching 70% of its target counts as success."),
                                 ZX_DOCUMENT_FONT_SMALL);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  /* 4. Indicators */
  if (data->indicators->len > 0)
    {
      static const double shares[] = { 0.36, 0.14, 0.10, 0.20, 0.20 };
      static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER };
      const char *header[] = { _("Indicator"), _("Direction"), _("Weight"), _("Target"), _("Value (monthly mean)") };

      rows = rows_new ();
      for (guint i = 0; i < data->indicators->len; i++)
        {
          Indicator *ind = g_ptr_array_index (data->indicators, i);
          g_autofree char *dkey = g_strdup_printf ("%s|%s", ind->id, s->department_id);
          g_autofree char *hkey = g_strdup_printf ("%s|-", ind->id);
          Figure *df = g_hash_table_lookup (data->figures, dkey);
          Figure *hf = g_hash_table_lookup (data->figures, hkey);
          Figure *vf = (df != NULL && df->n > 0) ? df : hf;
          Figure *tf = (df != NULL && df->has_target) ? df : hf;

          g_ptr_array_add (rows, row_new (5,
                                          *ind->unit ? g_strdup_printf ("%s（%s）", ind->name, ind->unit) : g_strdup (ind->name),
                                          g_strdup (direction_label (ind->direction)),
                                          percent (ind->weight),
                                          tf != NULL && tf->has_target ? format_value (tf->target, NULL) : g_strdup ("—"),
                                          vf != NULL && vf->n > 0 ? format_value (vf->sum / vf->n, NULL) : g_strdup ("—")));
        }
      zx_document_add_heading (doc, _("4. Performance Indicators"), 60);
      zx_document_add_table (doc, 5, shares, aligns, header, rows, FALSE);
      g_clear_pointer (&rows, g_ptr_array_unref);
    }

  /* 5. Comments */
  {
    static const double shares[] = { 0.20, 0.80 };
    static const PangoAlignment aligns[] = { PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT };

    rows = rows_new ();
    g_ptr_array_add (rows, row_new (2, g_strdup (_("Department comment")),
                                    g_strdup (e->head_comment != NULL ? e->head_comment : "\n\n")));
    g_ptr_array_add (rows, row_new (2, g_strdup (_("HR comment")),
                                    g_strdup (e->hr_comment != NULL ? e->hr_comment : "\n\n")));
    zx_document_add_heading (doc, data->indicators->len > 0 ? _("5. Comments") : _("4. Comments"), 60);
    zx_document_add_table (doc, 2, shares, aligns, NULL, rows, TRUE);
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  {
    const char *labels[] = { _("Person evaluated"), _("Department head"), _("Human Resources"), NULL };

    zx_document_add_signatures (doc, labels);
  }

  self->title = g_strdup_printf ("%s %s — %s", data->cycle_name, _("Personal Performance Evaluation Report"), s->name);
}

typedef struct
{
  const char *id;
  double      total;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;
  double ta = isnan (ra->total) ? -1e9 : ra->total;
  double tb = isnan (rb->total) ? -1e9 : rb->total;

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

/* Count, mean, min and max of the totals, grades A–D in @grades */
static void
department_figures (ZxReportData *data,
                    Dept         *d,
                    guint        *n_scored,
                    double       *mean,
                    double       *min,
                    double       *max,
                    guint         grades[4])
{
  double sum = 0;

  *n_scored = 0;
  *min = INFINITY;
  *max = -INFINITY;
  memset (grades, 0, 4 * sizeof (guint));
  for (guint i = 0; i < d->people->len; i++)
    {
      Eval *e = g_hash_table_lookup (data->evals, g_ptr_array_index (d->people, i));

      if (!isnan (e->total))
        {
          sum += e->total;
          *min = MIN (*min, e->total);
          *max = MAX (*max, e->total);
          (*n_scored)++;
        }
      if (e->grade != NULL && e->grade[0] >= 'A' && e->grade[0] <= 'D')
        grades[e->grade[0] - 'A']++;
    }
  *mean = *n_scored > 0 ? sum / *n_scored : NAN;
  if (*n_scored == 0)
    *min = *max = NAN;
}

static void
lay_out_department (ZxReportDocument *self,
                    ZxReportData     *data,
                    Dept             *d)
{
  static const double shares[] = { 0.07, 0.11, 0.10, 0.13, 0.09, 0.10, 0.11, 0.09, 0.09, 0.11 };
  static const PangoAlignment aligns[] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
    PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
  };
  const char *header[] = { _("Rank"), _("Employee No."), _("Full name"), _("Professional title"), _("OKR"), _("Indicators"),
                           _("Assessment"), _("Adjust."), _("Total"), _("Grade") };
  ZxDocument *doc = self->document;
  g_autofree char *subtitle = g_strdup_printf ("%s　·　%s　·　%s", d->name, data->scheme_name, data->cycle_name);
  g_autoptr(GArray) ranked = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), d->people->len);
  g_autoptr(GPtrArray) rows = rows_new ();
  g_autofree char *summary = NULL;
  guint n_scored, grades[4];
  double mean, min, max;

  zx_document_add_title_block (doc, data->hospital, _("Department Evaluation Summary"), subtitle);

  department_figures (data, d, &n_scored, &mean, &min, &max, grades);
  {
    g_autofree char *mean_s = score_text (mean), *min_s = score_text (min), *max_s = score_text (max);

    /* Translators: %u people evaluated, then the mean, highest and lowest total, then the count of each grade */
    summary = g_strdup_printf (_("People evaluated: %u    Mean total: %s    Highest: %s    Lowest: %s\n"
                                 "Grade A: %u    Grade B: %u    Grade C: %u    Grade D: %u"),
                               d->people->len, mean_s, max_s, min_s, grades[0], grades[1], grades[2], grades[3]);
  }
  zx_document_add_paragraph (doc, summary, ZX_DOCUMENT_FONT_BODY);
  zx_document_add_space (doc, 6);

  for (guint i = 0; i < d->people->len; i++)
    {
      const char *id = g_ptr_array_index (d->people, i);
      Eval *e = g_hash_table_lookup (data->evals, id);
      Ranked r = { id, e->total };

      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    {
      const char *id = g_array_index (ranked, Ranked, i).id;
      Staff *s = g_hash_table_lookup (data->staff, id);
      Eval *e = g_hash_table_lookup (data->evals, id);
      const char *g = e->grade;

      g_ptr_array_add (rows, row_new (10, g_strdup_printf ("%u", i + 1), g_strdup (s->employee_no),
                                      g_strdup (s->name), g_strdup (or_dash (s->title)),
                                      score_text (e->okr), score_text (e->indicator), score_text (e->assessment),
                                      signed_text (e->adjustment), score_text (e->total),
                                      g_strdup (g != NULL ? g : "—")));
    }
  zx_document_add_table (doc, 10, shares, aligns, header, rows, FALSE);

  {
    const char *labels[] = { _("Department head"), _("Human Resources"), NULL };

    zx_document_add_signatures (doc, labels);
  }
  self->title = g_strdup_printf ("%s %s — %s", data->cycle_name, _("Department Evaluation Summary"), d->name);
}

static void
lay_out_hospital (ZxReportDocument *self,
                  ZxReportData     *data)
{
  static const double shares[] = { 0.06, 0.22, 0.09, 0.10, 0.10, 0.10, 0.0825, 0.0825, 0.0825, 0.0825 };
  static const PangoAlignment aligns[] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
    PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
  };
  const char *header[] = { _("No."), _("Department"), _("People"), _("Mean"), _("Highest"), _("Lowest"),
                           "A", "B", "C", "D" };
  ZxDocument *doc = self->document;
  g_autofree char *subtitle = g_strdup_printf ("%s　·　%s", data->scheme_name, data->cycle_name);
  g_autoptr(GPtrArray) rows = rows_new ();
  guint all = 0, all_scored = 0, all_grades[4] = { 0 };
  double all_sum = 0, all_min = INFINITY, all_max = -INFINITY;

  zx_document_add_title_block (doc, data->hospital, _("Hospital Evaluation Summary"), subtitle);

  for (guint i = 0; i < data->dept_order->len; i++)
    {
      Dept *d = g_ptr_array_index (data->dept_order, i);
      guint n_scored, grades[4];
      double mean, min, max;

      department_figures (data, d, &n_scored, &mean, &min, &max, grades);
      all += d->people->len;
      all_scored += n_scored;
      if (n_scored > 0)
        {
          all_sum += mean * n_scored;
          all_min = MIN (all_min, min);
          all_max = MAX (all_max, max);
        }
      for (guint g = 0; g < 4; g++)
        all_grades[g] += grades[g];
      g_ptr_array_add (rows, row_new (10, g_strdup_printf ("%u", i + 1), g_strdup (d->name),
                                      g_strdup_printf ("%u", d->people->len), score_text (mean),
                                      score_text (max), score_text (min),
                                      g_strdup_printf ("%u", grades[0]), g_strdup_printf ("%u", grades[1]),
                                      g_strdup_printf ("%u", grades[2]), g_strdup_printf ("%u", grades[3])));
    }
  g_ptr_array_add (rows, row_new (10, g_strdup (""), g_strdup (_("Hospital total")),
                                  g_strdup_printf ("%u", all),
                                  score_text (all_scored > 0 ? all_sum / all_scored : NAN),
                                  score_text (all_scored > 0 ? all_max : NAN),
                                  score_text (all_scored > 0 ? all_min : NAN),
                                  g_strdup_printf ("%u", all_grades[0]), g_strdup_printf ("%u", all_grades[1]),
                                  g_strdup_printf ("%u", all_grades[2]), g_strdup_printf ("%u", all_grades[3])));
  zx_document_add_table (doc, 10, shares, aligns, header, rows, FALSE);

  {
    const char *labels[] = { _("Human Resources"), _("Hospital leadership"), NULL };

    zx_document_add_signatures (doc, labels);
  }
  self->title = g_strdup_printf ("%s %s", data->cycle_name, _("Hospital Evaluation Summary"));
}

ZxReportDocument *
zx_report_document_new_from_data (ZxReportData  *data,
                                  ZxReportKind   kind,
                                  const char    *subject_id,
                                  GError       **error)
{
  g_autoptr(ZxReportDocument) self = NULL;
  Dept *d = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  switch (kind)
    {
    case ZX_REPORT_PERSON:
      g_return_val_if_fail (subject_id != NULL, NULL);
      if (!g_hash_table_contains (data->evals, subject_id) ||
          !g_hash_table_contains (data->staff, subject_id))
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                       _("No evaluation has been computed for this person in “%s” yet."), data->scheme_name);
          return NULL;
        }
      break;
    case ZX_REPORT_DEPARTMENT:
      g_return_val_if_fail (subject_id != NULL, NULL);
      d = g_hash_table_lookup (data->depts, subject_id);
      if (d == NULL || d->people->len == 0)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                       _("No evaluation has been computed for this department in “%s” yet."), data->scheme_name);
          return NULL;
        }
      break;
    case ZX_REPORT_HOSPITAL:
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  self = g_object_new (ZX_TYPE_REPORT_DOCUMENT, NULL);
  self->document = zx_document_new (ZX_REPORT_PAGE_WIDTH, ZX_REPORT_PAGE_HEIGHT, 54, 48, 56);
  if (kind == ZX_REPORT_PERSON)
    lay_out_person (self, data, subject_id);
  else if (kind == ZX_REPORT_DEPARTMENT)
    lay_out_department (self, data, d);
  else
    lay_out_hospital (self, data);
  zx_document_finish (self->document, data->scheme_name);

  return g_steal_pointer (&self);
}

ZxReportDocument *
zx_report_document_new (ZxStore       *store,
                        const char    *scheme_id,
                        ZxReportKind   kind,
                        const char    *subject_id,
                        GError       **error)
{
  g_autoptr(ZxReportData) data = NULL;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (scheme_id != NULL, NULL);

  data = zx_report_data_new (store, scheme_id, error);
  if (data == NULL)
    return NULL;
  return zx_report_document_new_from_data (data, kind, subject_id, error);
}

guint
zx_report_document_get_n_pages (ZxReportDocument *self)
{
  g_return_val_if_fail (ZX_IS_REPORT_DOCUMENT (self), 0);

  return zx_document_get_n_pages (self->document);
}

void
zx_report_document_draw_page (ZxReportDocument *self,
                              cairo_t          *cr,
                              guint             page,
                              double            width_pt,
                              double            height_pt)
{
  g_return_if_fail (ZX_IS_REPORT_DOCUMENT (self));

  zx_document_draw_page (self->document, cr, page, width_pt, height_pt);
}

gboolean
zx_report_document_export_pdf (ZxReportDocument  *self,
                               const char        *path,
                               GError           **error)
{
  g_return_val_if_fail (ZX_IS_REPORT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return zx_printable_export_pdf (ZX_PRINTABLE (self), path, ZX_REPORT_PAGE_WIDTH, ZX_REPORT_PAGE_HEIGHT,
                                  self->title, NULL, NULL, error);
}

const char *
zx_report_document_get_title (ZxReportDocument *self)
{
  g_return_val_if_fail (ZX_IS_REPORT_DOCUMENT (self), NULL);

  return self->title;
}

static guint
printable_get_n_pages (ZxPrintable *printable)
{
  return zx_report_document_get_n_pages (ZX_REPORT_DOCUMENT (printable));
}

static void
printable_draw_page (ZxPrintable *printable,
                     cairo_t     *cr,
                     guint        page,
                     double       width,
                     double       height)
{
  zx_report_document_draw_page (ZX_REPORT_DOCUMENT (printable), cr, page, width, height);
}

static char *
printable_get_title (ZxPrintable *printable)
{
  return g_strdup (ZX_REPORT_DOCUMENT (printable)->title);
}

static void
zx_report_document_printable_init (ZxPrintableInterface *iface)
{
  iface->get_n_pages = printable_get_n_pages;
  iface->draw_page = printable_draw_page;
  /* A4 portrait: the interface's default page setup */
  iface->get_title = printable_get_title;
}

static void
zx_report_document_finalize (GObject *object)
{
  ZxReportDocument *self = ZX_REPORT_DOCUMENT (object);

  g_clear_pointer (&self->document, zx_document_free);
  g_free (self->title);

  G_OBJECT_CLASS (zx_report_document_parent_class)->finalize (object);
}

static void
zx_report_document_class_init (ZxReportDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zx_report_document_finalize;
}

static void
zx_report_document_init (ZxReportDocument *self)
{
}

/* GUI ------------------------------------------------------------------------ */

void
zx_report_show_error (GtkWindow  *parent,
                      const char *heading,
                      GError     *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
zx_report_print (GtkWindow    *parent,
                 ZxContext    *context,
                 const char   *scheme_id,
                 ZxReportKind  kind,
                 const char   *subject_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxReportDocument) document = NULL;
  g_autoptr(ZxPrintOperation) operation = NULL;

  g_return_if_fail (ZX_IS_CONTEXT (context));
  g_return_if_fail (scheme_id != NULL);

  document = zx_report_document_new (zx_context_get_store (context), scheme_id, kind, subject_id, &error);
  if (document == NULL)
    {
      zx_report_show_error (parent, _("Cannot Print the Report"), error);
      return;
    }
  operation = zx_print_operation_new (ZX_PRINTABLE (document));
  zx_print_operation_run_async (operation, parent);
}
