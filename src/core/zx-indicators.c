/* zx-indicators.c — the indicator library and its monthly values
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-indicators"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zx-error.h"
#include "zx-indicators.h"
#include "zx-record.h"

#define LIBRARY_BASE "/io/github/zhixing/Zhixing/core/indicators/"

/* The library ------------------------------------------------------------- */

/* The files' units in English, as the indicators show them */
static const struct { const char *en, *zh; } units[] = {
  { "%", "%" },
  { "ratio", "比值" },
  { "person-times", "人次" },
  { "composite score", "综合得分" },
  { "grade", "等级" },
  { "items", "项" },
  { "level", "级" },
  { "minutes", "分钟" },
  { "DDDs per 100 patient-days", "DDDs/百人天" },
  { "bed-days per physician per day", "床日/医师·日" },
  { "persons per 100 beds", "人/百床" },
  { "yuan", "元" },
  { "yuan per 10,000 yuan", "元/万元" },
  { "yes/no", "是/否" },
  { "score", "分" },
  { "10,000 yuan per 100 staff", "万元/百人" },
  { "unit", NULL },
  { "days", "天" },
  { "times per year", "次/年" },
  { "index", NULL },
  { "visits", "人次" },
  { "discharges", "人次" },
  { "operations", "台次" },
  { "rounds", "次" },
};

static const char *
unit_zh (const char *en)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (units[i].en, en))
      return units[i].zh;
  return *en != '\0' ? en : NULL;
}

/* The lines of a shipped TSV without its header, each split in cells */
static GPtrArray *
read_tsv (const char  *name,
          GError     **error)
{
  g_autofree char *path = g_strconcat (LIBRARY_BASE, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows;

  if (bytes == NULL)
    return NULL;
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 1; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (rows, g_strsplit (lines[i], "\t", -1));
  return rows;
}

guint
zx_indicators_n_shipped (const char *source)
{
  g_autoptr(GPtrArray) rows = read_tsv (g_str_equal (source, "national") ? "national-indicators.tsv"
                                                                          : "operational-indicators.tsv", NULL);

  return rows != NULL ? rows->len : 0;
}

static gboolean
code_exists (ZxStore    *store,
             const char *code)
{
  sqlite3 *db = zx_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM indicator WHERE code = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
add_indicator (ZxStore     *store,
               JsonObject  *fields,
               guint       *added,
               GError     **error)
{
  g_autofree char *id = NULL;

  if (code_exists (store, json_object_get_string_member (fields, "code")))
    return TRUE;
  id = zx_store_create (store, "indicator", fields, error);
  if (id == NULL)
    return FALSE;
  (*added)++;
  return TRUE;
}

static void
set_or_null (JsonObject *o,
             const char *key,
             const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (o, key, value);
  else
    json_object_set_null_member (o, key);
}

gboolean
zx_indicators_load_library (ZxStore  *store,
                            guint    *out_added,
                            GError  **error)
{
  g_autoptr(GPtrArray) national = NULL;
  g_autoptr(GPtrArray) operational = NULL;
  guint added = 0;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  national = read_tsv ("national-indicators.tsv", error);
  if (national == NULL)
    return FALSE;
  operational = read_tsv ("operational-indicators.tsv", error);
  if (operational == NULL)
    return FALSE;

  if (!zx_store_begin (store, error))
    return FALSE;

  /* no dimension sub_dimension name direction unit national_monitoring note */
  for (guint i = 0; i < national->len; i++)
    {
      char **c = g_ptr_array_index (national, i);
      g_autoptr(JsonObject) o = json_object_new ();
      g_autofree char *code = NULL;
      g_autofree char *definition = NULL;

      if (g_strv_length (c) < 7)
        continue;
      code = g_strdup_printf ("GK-%02d", atoi (c[0]));
      definition = g_strdup_printf ("国家三级公立医院绩效考核指标第%d项。%s%s", atoi (c[0]),
                                    g_str_equal (c[4], "monitor") ? "监测指标，不设优劣方向。" :
                                    g_str_equal (c[4], "qualitative") ? "定性指标，由评审判定。" : "",
                                    c[7] != NULL && *g_strstrip (c[7]) != '\0' ? "各公开版本表述不一，请以现行操作手册为准。" : "");
      json_object_set_string_member (o, "code", code);
      json_object_set_string_member (o, "name", c[3]);
      set_or_null (o, "dimension", c[1]);
      set_or_null (o, "sub_dimension", c[2]);
      json_object_set_string_member (o, "level", "hospital");
      json_object_set_string_member (o, "direction", c[4]);
      set_or_null (o, "unit", unit_zh (c[5]));
      json_object_set_string_member (o, "definition", definition);
      json_object_set_string_member (o, "source", "national");
      json_object_set_boolean_member (o, "national_monitoring", g_str_equal (g_strstrip (c[6]), "yes"));
      json_object_set_boolean_member (o, "retired", FALSE);
      if (!add_indicator (store, o, &added, error))
        goto fail;
    }

  /* name direction unit level note */
  for (guint i = 0; i < operational->len; i++)
    {
      char **c = g_ptr_array_index (operational, i);
      g_autoptr(JsonObject) o = json_object_new ();
      g_autofree char *code = g_strdup_printf ("YY-%02u", i + 1);

      if (g_strv_length (c) < 4)
        continue;
      json_object_set_string_member (o, "code", code);
      json_object_set_string_member (o, "name", c[0]);
      /* "hospital, department": the first level it applies to */
      json_object_set_string_member (o, "level", g_str_has_prefix (c[3], "hospital") ? "hospital" :
                                                 g_str_has_prefix (c[3], "post") ? "post" : "department");
      json_object_set_string_member (o, "direction", c[1]);
      set_or_null (o, "unit", unit_zh (c[2]));
      if (g_str_equal (c[1], "monitor"))
        json_object_set_string_member (o, "definition", "监测指标，不设优劣方向。");
      json_object_set_string_member (o, "source", "operational");
      json_object_set_boolean_member (o, "national_monitoring", FALSE);
      json_object_set_boolean_member (o, "retired", FALSE);
      if (!add_indicator (store, o, &added, error))
        goto fail;
    }

  if (!zx_store_commit (store, error))
    goto fail;
  if (out_added != NULL)
    *out_added = added;
  return TRUE;

fail:
  zx_store_rollback (store);
  return FALSE;
}

static int
compare_code (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const char *ca = zx_record_get_string ((ZxRecord *) a, "code");
  const char *cb = zx_record_get_string ((ZxRecord *) b, "code");

  return g_strcmp0 (ca, cb);
}

GListStore *
zx_indicators_list (ZxStore                 *store,
                    const ZxIndicatorFilter *filter)
{
  g_autoptr(GString) where = g_string_new ("1");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  ZxIndicatorFilter none = { 0 };
  GListStore *list;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &none;
  if (!filter->include_retired)
    g_string_append (where, " AND retired = 0");
  if (filter->dimension != NULL)
    {
      g_string_append (where, " AND dimension = ?");
      g_ptr_array_add (params, g_strdup (filter->dimension));
    }
  if (filter->level != NULL)
    {
      g_string_append (where, " AND level = ?");
      g_ptr_array_add (params, g_strdup (filter->level));
    }
  if (filter->source != NULL)
    {
      g_string_append (where, " AND source = ?");
      g_ptr_array_add (params, g_strdup (filter->source));
    }
  if (filter->search != NULL && *filter->search != '\0')
    {
      g_autofree char *pattern = g_strdup_printf ("%%%s%%", filter->search);

      g_string_append (where, " AND (code LIKE ? OR name LIKE ? OR dimension LIKE ? OR sub_dimension LIKE ?)");
      for (int i = 0; i < 4; i++)
        g_ptr_array_add (params, g_strdup (pattern));
    }
  g_ptr_array_add (params, NULL);

  list = zx_store_list (store, "indicator", where->str, (const char * const *) params->pdata);
  g_list_store_sort (list, compare_code, NULL);
  return list;
}

/* g_ptr_array_sort() passes pointers to the elements */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char **
zx_indicators_dimensions (ZxStore *store)
{
  g_autoptr(GListStore) list = zx_store_list (store, "indicator", "dimension IS NOT NULL", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(ZxRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *dim = zx_record_get_string (r, "dimension");

      if (dim != NULL && g_hash_table_add (seen, (gpointer) dim))
        g_ptr_array_add (out, g_strdup (dim));
    }
  g_ptr_array_sort (out, compare_strings);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_steal (out, NULL);
}

gboolean
zx_indicator_set_retired (ZxStore     *store,
                          const char  *indicator_id,
                          gboolean     retired,
                          GError     **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  json_object_set_boolean_member (changes, "retired", retired);
  return zx_store_update (store, "indicator", indicator_id, changes, error);
}

static gboolean
target_for_period (ZxStore    *store,
                   const char *indicator_id,
                   const char *department_id,
                   const char *period,
                   double     *out_target)
{
  const char *params[] = { indicator_id, period, department_id, NULL };
  g_autoptr(GListStore) list =
    zx_store_list (store, "indicator_target",
                   department_id != NULL ? "indicator_id = ? AND period = ? AND department_id = ?"
                                         : "indicator_id = ? AND period = ? AND department_id IS NULL",
                   params);
  g_autoptr(ZxRecord) r = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    return FALSE;
  r = g_list_model_get_item (G_LIST_MODEL (list), 0);
  *out_target = zx_record_get_double (r, "target");
  return TRUE;
}

gboolean
zx_indicator_target_for (ZxStore    *store,
                         const char *indicator_id,
                         const char *department_id,
                         const char *month,
                         double     *out_target)
{
  g_autofree char *quarter = NULL;
  g_autofree char *year = NULL;
  double target;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (month != NULL && strlen (month) == 7, FALSE);

  quarter = g_strdup_printf ("%.4s-Q%d", month, (atoi (month + 5) + 2) / 3);
  year = g_strndup (month, 4);
  if (target_for_period (store, indicator_id, department_id, month, &target) ||
      target_for_period (store, indicator_id, department_id, quarter, &target) ||
      target_for_period (store, indicator_id, department_id, year, &target))
    {
      if (out_target != NULL)
        *out_target = target;
      return TRUE;
    }
  return FALSE;
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

gboolean
zx_indicator_value_correct (ZxStore     *store,
                            const char  *value_id,
                            double       value,
                            const char  *reason,
                            GError     **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *now = NULL;
  g_autofree char *entry_id = NULL;
  g_autofree char *why = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);

  if (*why == '\0')
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("Give the reason for the correction."));
      return FALSE;
    }
  if (!isfinite (value))
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID, _("The value must be a number."));
      return FALSE;
    }

  if (!zx_store_begin (store, error))
    return FALSE;
  row = zx_store_get (store, "indicator_value", value_id, error);
  if (row == NULL)
    goto fail;
  old_text = format_number (json_object_get_double_member (row, "value"));
  new_text = format_number (value);

  json_object_set_double_member (changes, "value", value);
  json_object_set_string_member (changes, "source", "manual");
  if (!zx_store_update (store, "indicator_value", value_id, changes, error))
    goto fail;

  now = zx_store_now (store);
  json_object_set_string_member (entry, "entity", "indicator_value");
  json_object_set_string_member (entry, "row_id", value_id);
  json_object_set_string_member (entry, "field", "value");
  json_object_set_string_member (entry, "old_value", old_text);
  json_object_set_string_member (entry, "new_value", new_text);
  json_object_set_string_member (entry, "reason", why);
  if (zx_store_get_actor (store) != NULL)
    json_object_set_string_member (entry, "actor", zx_store_get_actor (store));
  json_object_set_string_member (entry, "at", now);
  entry_id = zx_store_create (store, "audit_entry", entry, error);
  if (entry_id == NULL)
    goto fail;

  return zx_store_commit (store, error);

fail:
  zx_store_rollback (store);
  return FALSE;
}

/* The CSV import ---------------------------------------------------------- */

static void
import_row_free (ZxIndicatorImportRow *row)
{
  g_free (row->indicator_id);
  g_free (row->indicator_code);
  g_free (row->indicator_name);
  g_free (row->department_id);
  g_free (row->department_name);
  g_free (row->month);
  g_free (row->existing_id);
  g_free (row);
}

static void
import_error_free (ZxIndicatorImportError *e)
{
  g_free (e->message);
  g_free (e);
}

void
zx_indicator_import_free (ZxIndicatorImport *import)
{
  if (import == NULL)
    return;
  g_ptr_array_unref (import->rows);
  g_ptr_array_unref (import->errors);
  g_free (import);
}

static void
add_error (ZxIndicatorImport          *import,
           guint                       line,
           ZxIndicatorImportErrorKind  kind,
           const char                 *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
add_error (ZxIndicatorImport          *import,
           guint                       line,
           ZxIndicatorImportErrorKind  kind,
           const char                 *format,
           ...)
{
  ZxIndicatorImportError *e = g_new0 (ZxIndicatorImportError, 1);
  va_list args;

  va_start (args, format);
  e->message = g_strdup_vprintf (format, args);
  va_end (args);
  e->line = line;
  e->kind = kind;
  g_ptr_array_add (import->errors, e);
}

/* Splits one CSV record (RFC 4180 quoting, within one line); NULL when a
 * quote is not closed */
static GPtrArray *
split_csv (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = line;
  char sep = strchr (line, ',') == NULL && strchr (line, '\t') != NULL ? '\t' : ',';

  for (;;)
    {
      g_string_truncate (cell, 0);
      while (*p == ' ')
        p++;
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_string_free (cell, TRUE);
                  g_ptr_array_unref (cells);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (cell, *p++);
            }
          while (*p != '\0' && *p != sep)
            p++;
        }
      else
        {
          while (*p != '\0' && *p != sep)
            g_string_append_c (cell, *p++);
        }
      g_ptr_array_add (cells, g_strstrip (g_strdup (cell->str)));
      if (*p == '\0')
        break;
      p++;
    }
  g_string_free (cell, TRUE);
  return cells;
}

static gboolean
is_header (GPtrArray *cells)
{
  static const char * const names[] = { "indicator", "code", "指标", "指标编码", "指标名称", NULL };
  const char *first = g_ptr_array_index (cells, 0);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (first, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* YYYY-MM, YYYY/MM, YYYY.MM, YYYY-M, YYYYMM → YYYY-MM, or NULL */
static char *
parse_month (const char *s)
{
  int y = 0, m = 0;
  char sep = 0, end = 0;

  if (strlen (s) == 6 && strspn (s, "0123456789") == 6)
    {
      y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      m = (s[4] - '0') * 10 + (s[5] - '0');
    }
  else if (strlen (s) >= 6 && strlen (s) <= 7 && strspn (s, "0123456789") == 4 &&
           sscanf (s, "%4d%c%2d%c", &y, &sep, &m, &end) == 3 &&
           (sep == '-' || sep == '/' || sep == '.') && strspn (s + 5, "0123456789") == strlen (s + 5))
    ;
  else
    return NULL;
  if (y < 1900 || y > 2999 || m < 1 || m > 12)
    return NULL;
  return g_strdup_printf ("%04d-%02d", y, m);
}

static gboolean
parse_number (const char *s,
              double     *out)
{
  char *end = NULL;
  double v;

  if (*s == '\0' || strspn (s, "0123456789+-.eE") != strlen (s))
    return FALSE;
  v = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

typedef struct
{
  GHashTable *indicators;   /* code (upper) or name → ZxRecord */
  GHashTable *departments;  /* code or name → ZxRecord */
  GHashTable *stored;       /* indicator|department|month → ZxRecord */
  GHashTable *in_file;      /* indicator|department|month → line */
} Lookup;

static void
index_records (GHashTable *table,
               GListModel *list,
               const char *code_field,
               gboolean    upper)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      ZxRecord *r = g_list_model_get_item (list, i);
      const char *code = zx_record_get_string (r, code_field);
      const char *name = zx_record_get_string (r, "name");

      if (name != NULL)
        g_hash_table_insert (table, g_strdup (name), g_object_ref (r));
      if (code != NULL && *code != '\0')
        g_hash_table_insert (table, upper ? g_ascii_strup (code, -1) : g_strdup (code), g_object_ref (r));
      g_object_unref (r);
    }
}

static char *
value_key (const char *indicator_id,
           const char *department_id,
           const char *month)
{
  return g_strdup_printf ("%s|%s|%s", indicator_id, department_id != NULL ? department_id : "", month);
}

ZxIndicatorImport *
zx_indicator_import_check (ZxStore     *store,
                           const char  *data,
                           gssize       length,
                           gboolean     replace,
                           GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GListStore) indicators = NULL;
  g_autoptr(GListStore) departments = NULL;
  g_autoptr(GListStore) values = NULL;
  ZxIndicatorImport *import;
  Lookup lk;
  const char *body;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (g_utf8_validate_len (data, length, NULL))
    text = g_strndup (data, length);
  else
    {
      /* Hospital information systems often export GB18030 */
      text = g_convert (data, length, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (text == NULL)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT,
                       _("The file is not text in UTF-8 or GB18030: export it from the information system as CSV."));
          return NULL;
        }
    }
  body = g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text;
  lines = g_strsplit (body, "\n", -1);

  import = g_new0 (ZxIndicatorImport, 1);
  import->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
  import->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) import_error_free);
  import->replace = replace;

  lk.indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  lk.departments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  lk.stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  lk.in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  indicators = zx_store_list (store, "indicator", NULL, NULL);
  index_records (lk.indicators, G_LIST_MODEL (indicators), "code", TRUE);
  departments = zx_store_list (store, "department", NULL, NULL);
  index_records (lk.departments, G_LIST_MODEL (departments), "code", FALSE);
  values = zx_store_list (store, "indicator_value", NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (values)); i++)
    {
      ZxRecord *r = g_list_model_get_item (G_LIST_MODEL (values), i);

      g_hash_table_insert (lk.stored,
                           value_key (zx_record_get_string (r, "indicator_id"),
                                      zx_record_get_string (r, "department_id"),
                                      zx_record_get_string (r, "month")), r);
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint line = i + 1;
      char *raw = g_strstrip (lines[i]);
      g_autoptr(GPtrArray) cells = NULL;
      const char *ind_text, *dept_text, *month_text, *value_text;
      ZxRecord *indicator, *department = NULL;
      g_autofree char *upper = NULL;
      g_autofree char *month = NULL;
      g_autofree char *key = NULL;
      double value = 0;
      gboolean ok = TRUE;
      ZxIndicatorImportRow *row;
      ZxRecord *stored;

      if (*raw == '\0')
        continue;
      cells = split_csv (raw);
      if (cells == NULL)
        {
          add_error (import, line, ZX_IMPORT_ERROR_FORMAT, _("Line %u: a quotation mark is not closed."), line);
          continue;
        }
      if (import->rows->len == 0 && import->errors->len == 0 && is_header (cells))
        continue;
      /* Spreadsheets pad short rows with empty columns */
      while (cells->len > 4 && *(char *) g_ptr_array_index (cells, cells->len - 1) == '\0')
        g_ptr_array_remove_index (cells, cells->len - 1);
      if (cells->len != 4)
        {
          add_error (import, line, ZX_IMPORT_ERROR_FORMAT,
                     _("Line %u: expected 4 columns (indicator, department, month, value), found %u."),
                     line, cells->len);
          continue;
        }
      ind_text = g_ptr_array_index (cells, 0);
      dept_text = g_ptr_array_index (cells, 1);
      month_text = g_ptr_array_index (cells, 2);
      value_text = g_ptr_array_index (cells, 3);

      upper = g_ascii_strup (ind_text, -1);
      indicator = g_hash_table_lookup (lk.indicators, upper);
      if (indicator == NULL)
        indicator = g_hash_table_lookup (lk.indicators, ind_text);
      if (indicator == NULL)
        {
          add_error (import, line, ZX_IMPORT_ERROR_UNKNOWN_INDICATOR,
                     _("Line %u: no indicator has the code or name “%s”."), line, ind_text);
          ok = FALSE;
        }
      else if (zx_record_get_bool (indicator, "retired"))
        {
          add_error (import, line, ZX_IMPORT_ERROR_UNKNOWN_INDICATOR,
                     _("Line %u: the indicator “%s” is retired."), line, ind_text);
          ok = FALSE;
        }

      if (*dept_text != '\0' && !g_str_equal (dept_text, "全院") && g_ascii_strcasecmp (dept_text, "hospital") != 0)
        {
          department = g_hash_table_lookup (lk.departments, dept_text);
          if (department == NULL)
            {
              add_error (import, line, ZX_IMPORT_ERROR_UNKNOWN_DEPARTMENT,
                         _("Line %u: no department has the code or name “%s”."), line, dept_text);
              ok = FALSE;
            }
        }

      month = parse_month (month_text);
      if (month == NULL)
        {
          add_error (import, line, ZX_IMPORT_ERROR_BAD_MONTH,
                     _("Line %u: “%s” is not a month (write it as 2026-03)."), line, month_text);
          ok = FALSE;
        }

      if (!parse_number (value_text, &value))
        {
          add_error (import, line, ZX_IMPORT_ERROR_BAD_NUMBER,
                     _("Line %u: “%s” is not a number."), line, value_text);
          ok = FALSE;
        }

      if (!ok)
        continue;

      key = value_key (zx_record_get_id (indicator), department != NULL ? zx_record_get_id (department) : NULL, month);
      if (g_hash_table_contains (lk.in_file, key))
        {
          add_error (import, line, ZX_IMPORT_ERROR_DUPLICATE,
                     _("Line %u: %s of %s in %s is already on line %u."), line,
                     zx_record_get_string (indicator, "name"),
                     department != NULL ? zx_record_get_string (department, "name") : _("the hospital"),
                     month, GPOINTER_TO_UINT (g_hash_table_lookup (lk.in_file, key)));
          continue;
        }
      g_hash_table_insert (lk.in_file, g_strdup (key), GUINT_TO_POINTER (line));

      stored = g_hash_table_lookup (lk.stored, key);
      if (stored != NULL && !replace)
        {
          add_error (import, line, ZX_IMPORT_ERROR_DUPLICATE,
                     _("Line %u: %s of %s in %s is already stored; import with “Replace stored months” to overwrite it."),
                     line, zx_record_get_string (indicator, "name"),
                     department != NULL ? zx_record_get_string (department, "name") : _("the hospital"), month);
          continue;
        }

      row = g_new0 (ZxIndicatorImportRow, 1);
      row->line = line;
      row->indicator_id = g_strdup (zx_record_get_id (indicator));
      row->indicator_code = g_strdup (zx_record_get_string (indicator, "code"));
      row->indicator_name = g_strdup (zx_record_get_string (indicator, "name"));
      if (department != NULL)
        {
          row->department_id = g_strdup (zx_record_get_id (department));
          row->department_name = g_strdup (zx_record_get_string (department, "name"));
        }
      row->month = g_steal_pointer (&month);
      row->value = value;
      if (stored != NULL)
        {
          row->existing_id = g_strdup (zx_record_get_id (stored));
          row->existing_value = zx_record_get_double (stored, "value");
          import->n_replaced++;
        }
      g_ptr_array_add (import->rows, row);
    }

  g_hash_table_unref (lk.indicators);
  g_hash_table_unref (lk.departments);
  g_hash_table_unref (lk.stored);
  g_hash_table_unref (lk.in_file);
  return import;
}

gboolean
zx_indicator_import_apply (ZxStore             *store,
                           ZxIndicatorImport   *import,
                           ZxIndicatorProgress  progress,
                           gpointer             progress_data,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  if (import->errors->len > 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The file has %u bad line: nothing was imported.",
                                "The file has %u bad lines: nothing was imported.", import->errors->len),
                   import->errors->len);
      return FALSE;
    }

  if (!zx_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ZxIndicatorImportRow *row = g_ptr_array_index (import->rows, i);
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      json_object_set_double_member (fields, "value", row->value);
      json_object_set_string_member (fields, "source", "import");
      if (row->existing_id != NULL)
        ok = zx_store_update (store, "indicator_value", row->existing_id, fields, &local_error);
      else
        {
          g_autofree char *id = NULL;

          json_object_set_string_member (fields, "indicator_id", row->indicator_id);
          set_or_null (fields, "department_id", row->department_id);
          json_object_set_string_member (fields, "month", row->month);
          id = zx_store_create (store, "indicator_value", fields, &local_error);
          ok = id != NULL;
        }
      if (!ok)
        {
          g_set_error (error, ZX_ERROR, ZX_ERROR_IMPORT, _("Line %u: %s Nothing was imported."),
                       row->line, local_error->message);
          goto fail;
        }
      if (progress != NULL && (i % 50 == 0 || i + 1 == import->rows->len))
        progress ((double) (i + 1) / import->rows->len, progress_data);
    }

  if (!zx_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  zx_store_rollback (store);
  return FALSE;
}
