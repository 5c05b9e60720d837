/* test-evaluation-report.c — evaluation reports: PDFs, the .xlsx of scores and
 * --export-evaluations, without a display
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "evaluation/zx-report-document.h"
#include "evaluation/zx-report-export.h"
#include "zx-demo.h"
#include "zx-record.h"
#include "zx-test-util.h"

#define TODAY "2026-11-22"

typedef struct
{
  char       *dir;
  char       *db_path;
  ZxStore    *store;
  char       *scheme_id;
  char       *cycle_name;
  GHashTable *totals;    /* employee number → expected total (gdouble *) */
} Fixture;

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static double *
dup_double (double v)
{
  double *p = g_new (double, 1);

  *p = v;
  return p;
}

/* The demo's scheme; evaluation rows made here when the demo has none yet */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) schemes = NULL;
  g_autoptr(ZxRecord) scheme = NULL;
  g_autoptr(GListStore) evaluations = NULL;
  const char *params[2] = { NULL, NULL };
  guint n;

  f->dir = zx_test_tmpdir ();
  f->db_path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = zx_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (zx_demo_populate (f->store, TODAY, &error));
  g_assert_no_error (error);
  f->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  schemes = zx_store_list (f->store, "eval_scheme", "subject = 'person'", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (schemes)), >, 0);
  scheme = g_list_model_get_item (G_LIST_MODEL (schemes), 0);
  f->scheme_id = g_strdup (zx_record_get_id (scheme));
  f->cycle_name = zx_store_get_display (f->store, "cycle", zx_record_get_string (scheme, "cycle_id"));
  params[0] = f->scheme_id;

  if (zx_store_count (f->store, "evaluation", "scheme_id = ? AND staff_id IS NOT NULL", params) == 0)
    {
      g_autoptr(GListStore) staff = zx_store_list (f->store, "staff", NULL, NULL);

      n = g_list_model_get_n_items (G_LIST_MODEL (staff));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZxRecord) person = g_list_model_get_item (G_LIST_MODEL (staff), i);
          g_autoptr(JsonObject) o = json_object_new ();
          g_autofree char *id = NULL;
          double okr = 60 + (i * 7) % 40, ind = 55 + (i * 11) % 45, ass = 70 + (i * 3) % 30;
          double adj = i % 5 == 0 ? 2 : 0;
          double total = round ((okr * 0.6 + ind * 0.3 + ass * 0.1 + adj) * 10) / 10;

          json_object_set_string_member (o, "scheme_id", f->scheme_id);
          json_object_set_string_member (o, "staff_id", zx_record_get_id (person));
          json_object_set_string_member (o, "department_id", zx_record_get_string (person, "department_id"));
          json_object_set_double_member (o, "okr_score", okr);
          json_object_set_double_member (o, "indicator_score", ind);
          json_object_set_double_member (o, "assessment_score", ass);
          json_object_set_double_member (o, "adjustment", adj);
          if (adj != 0)
            json_object_set_string_member (o, "adjust_reason", "院级质控表彰加分");
          json_object_set_double_member (o, "total", total);
          json_object_set_string_member (o, "grade", total >= 90 ? "A" : total >= 80 ? "B" : total >= 60 ? "C" : "D");
          json_object_set_string_member (o, "head_comment", "工作扎实，目标推进有力。");
          id = zx_store_create (f->store, "evaluation", o, &error);
          g_assert_no_error (error);
        }
    }

  evaluations = zx_store_list (f->store, "evaluation", "scheme_id = ? AND staff_id IS NOT NULL", params);
  n = g_list_model_get_n_items (G_LIST_MODEL (evaluations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) e = g_list_model_get_item (G_LIST_MODEL (evaluations), i);
      g_autoptr(JsonObject) person = zx_store_get (f->store, "staff", zx_record_get_string (e, "staff_id"), NULL);

      g_hash_table_insert (f->totals, g_strdup (json_object_get_string_member (person, "employee_no")),
                           dup_double (zx_record_get_double (e, "total")));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->scheme_id);
  g_free (f->cycle_name);
  g_hash_table_unref (f->totals);
}

/* Helpers ------------------------------------------------------------------- */

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The text of a PDF without white space (wrapped cells read as one string) */
static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return without_spaces (out);
}

static char *
unzip_member (const char *zip,
              const char *member)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "unzip", "-p", zip, member, NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static gboolean
have_tools (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *unzip = g_find_program_in_path ("unzip");

  if (pdftotext == NULL || unzip == NULL)
    {
      g_test_skip ("pdftotext or unzip is missing");
      return FALSE;
    }
  return TRUE;
}

/* A person of the scheme who owns objectives of its cycle, with those objectives */
static char *
person_with_okrs (Fixture    *f,
                  GPtrArray **out_titles)
{
  g_autoptr(GListStore) objectives = NULL;
  g_autoptr(JsonObject) scheme = zx_store_get (f->store, "eval_scheme", f->scheme_id, NULL);
  const char *cycle_id = json_object_get_string_member (scheme, "cycle_id");
  const char *params[] = { cycle_id, cycle_id, f->scheme_id, NULL };
  g_autoptr(ZxRecord) first = NULL;
  const char *owner;
  guint n;

  objectives = zx_store_list (f->store, "objective",
                              "(cycle_id = ? OR cycle_id IN (SELECT id FROM cycle WHERE parent_id = ?)) AND "
                              "owner_id IN (SELECT staff_id FROM evaluation WHERE scheme_id = ? AND deleted = 0)",
                              params);
  n = g_list_model_get_n_items (G_LIST_MODEL (objectives));
  g_assert_cmpuint (n, >, 0);
  first = g_list_model_get_item (G_LIST_MODEL (objectives), 0);
  owner = zx_record_get_string (first, "owner_id");
  *out_titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) o = g_list_model_get_item (G_LIST_MODEL (objectives), i);
      g_autoptr(GListStore) krs = NULL;
      const char *kparams[] = { zx_record_get_id (o), NULL };

      if (g_strcmp0 (zx_record_get_string (o, "owner_id"), owner) != 0)
        continue;
      g_ptr_array_add (*out_titles, without_spaces (zx_record_get_string (o, "title")));
      krs = zx_store_list (f->store, "key_result", "objective_id = ?", kparams);
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (krs)); k++)
        {
          g_autoptr(ZxRecord) kr = g_list_model_get_item (G_LIST_MODEL (krs), k);

          g_ptr_array_add (*out_titles, without_spaces (zx_record_get_string (kr, "title")));
        }
    }
  return g_strdup (owner);
}

/* The .xlsx's first sheet: one row per person, the right totals */
static void
check_xlsx (Fixture    *f,
            const char *path)
{
  g_autofree char *shared = unzip_member (path, "xl/sharedStrings.xml");
  g_autofree char *sheet = unzip_member (path, "xl/worksheets/sheet1.xml");
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) si = g_regex_new ("<si><t[^>]*>([^<]*)</t></si>", 0, 0, NULL);
  g_autoptr(GRegex) row_re = g_regex_new ("<row r=\"(\\d+)\"[^>]*>(.*?)</row>", 0, 0, NULL);
  g_autoptr(GRegex) cell_re = g_regex_new ("<c r=\"([A-Z]+)\\d+\"([^>]*?)(?:/>|>(?:<v>([^<]*)</v>)?</c>)", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_rows = 0;

  for (g_regex_match (si, shared, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    g_ptr_array_add (strings, g_match_info_fetch (m, 1));
  g_clear_pointer (&m, g_match_info_free);

  for (g_regex_match (row_re, sheet, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL))
    {
      g_autofree char *r = g_match_info_fetch (m, 1);
      g_autofree char *cells = g_match_info_fetch (m, 2);
      g_autoptr(GMatchInfo) c = NULL;
      g_autofree char *employee_no = NULL;
      double total = NAN;
      double *expected;

      n_rows++;
      if (strcmp (r, "1") == 0)
        continue;
      for (g_regex_match (cell_re, cells, 0, &c); g_match_info_matches (c); g_match_info_next (c, NULL))
        {
          g_autofree char *col = g_match_info_fetch (c, 1);
          g_autofree char *attrs = g_match_info_fetch (c, 2);
          g_autofree char *v = g_match_info_fetch (c, 3);

          if (strcmp (col, "B") == 0)
            {
              g_assert_nonnull (strstr (attrs, "t=\"s\""));
              employee_no = g_strdup (g_ptr_array_index (strings, atoi (v)));
            }
          else if (strcmp (col, "H") == 0)
            total = g_ascii_strtod (v, NULL);
        }
      g_assert_nonnull (employee_no);
      expected = g_hash_table_lookup (f->totals, employee_no);
      g_assert_nonnull (expected);
      g_assert_cmpfloat_with_epsilon (total, *expected, 1e-9);
      g_assert_true (g_hash_table_add (seen, g_steal_pointer (&employee_no)));
    }
  /* The header and one row per person */
  g_assert_cmpuint (n_rows, ==, g_hash_table_size (f->totals) + 1);
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (f->totals));
}

/* Finds the one file under @dir whose name ends with @suffix */
static char *
find_file (const char *dir,
           const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* Tests ------------------------------------------------------------------- */

static void
test_person_document (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *staff_id = person_with_okrs (f, &titles);
  g_autoptr(ZxReportDocument) document = NULL;
  g_autofree char *path = g_build_filename (f->dir, "person.pdf", NULL);
  g_autoptr(JsonObject) person = zx_store_get (f->store, "staff", staff_id, NULL);
  const char *employee_no = json_object_get_string_member (person, "employee_no");
  double *total = g_hash_table_lookup (f->totals, employee_no);
  g_autofree char *total_s = g_strdup_printf ("%.1f", *total);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  document = zx_report_document_new (f->store, f->scheme_id, ZX_REPORT_PERSON, staff_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zx_report_document_get_n_pages (document), >=, 1);
  g_assert_true (ZX_IS_PRINTABLE (document));
  g_assert_cmpuint (zx_printable_get_n_pages (ZX_PRINTABLE (document)), ==,
                    zx_report_document_get_n_pages (document));

  /* What the print preview draws: on a Letter sheet, scaled */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 306, 396);
  cr = cairo_create (surface);
  zx_printable_draw_page (ZX_PRINTABLE (document), cr, 0, 612, 792);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  if (!have_tools ())
    return;
  g_assert_true (zx_report_document_export_pdf (document, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "PersonalPerformanceEvaluationReport"));
  g_assert_nonnull (strstr (text, json_object_get_string_member (person, "name")));
  g_assert_nonnull (strstr (text, employee_no));
  g_assert_nonnull (strstr (text, total_s));
  for (guint i = 0; i < titles->len; i++)
    {
      if (strstr (text, g_ptr_array_index (titles, i)) == NULL)
        g_error ("“%s” is not in the report:\n%s", (char *) g_ptr_array_index (titles, i), text);
    }
  g_assert_nonnull (strstr (text, "(signature)"));
}

static void
test_not_computed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonObject) scheme = zx_store_get (f->store, "eval_scheme", f->scheme_id, NULL);
  g_autofree char *id = NULL;
  g_autoptr(ZxReportDocument) document = NULL;

  json_object_set_string_member (o, "name", "未计算的方案");
  json_object_set_string_member (o, "cycle_id", json_object_get_string_member (scheme, "cycle_id"));
  json_object_set_string_member (o, "subject", "person");
  json_object_set_double_member (o, "okr_weight", 0.5);
  json_object_set_double_member (o, "indicator_weight", 0.5);
  json_object_set_double_member (o, "assessment_weight", 0);
  json_object_set_double_member (o, "challenge_credit", 0.7);
  json_object_set_double_member (o, "grade_a", 90);
  json_object_set_double_member (o, "grade_b", 80);
  json_object_set_double_member (o, "grade_c", 60);
  json_object_set_string_member (o, "status", "draft");
  id = zx_store_create (f->store, "eval_scheme", o, &error);
  g_assert_no_error (error);

  document = zx_report_document_new (f->store, id, ZX_REPORT_HOSPITAL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No evaluation has been computed"));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *staff_id = person_with_okrs (f, &titles);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autoptr(JsonObject) person = zx_store_get (f->store, "staff", staff_id, NULL);
  g_autofree char *dept_name = zx_store_get_display (f->store, "department",
                                                     json_object_get_string_member (person, "department_id"));
  g_autofree char *file = g_strdup_printf ("%s-%s.pdf", json_object_get_string_member (person, "employee_no"),
                                           json_object_get_string_member (person, "name"));
  g_autofree char *pdf = g_build_filename (out, dept_name, file, NULL);
  g_autofree char *summary = NULL;
  g_autofree char *hospital = g_build_filename (out, "Hospital Evaluation Summary.pdf", NULL);
  g_autofree char *xlsx = NULL;
  g_autofree char *text = NULL;
  guint n_files = 0;
  gint64 n_depts;
  const char *params[] = { f->scheme_id, NULL };

  g_assert_true (zx_report_export_run (f->store, f->scheme_id, NULL, out,
                                       NULL, NULL, &n_files, NULL, &error));
  g_assert_no_error (error);
  n_depts = zx_store_count (f->store, "department",
                            "id IN (SELECT department_id FROM staff WHERE deleted = 0 AND id IN "
                            "(SELECT staff_id FROM evaluation WHERE deleted = 0 AND scheme_id = ?))", params);
  /* a PDF per person and per department, the hospital's, the .xlsx */
  g_assert_cmpuint (n_files, ==, g_hash_table_size (f->totals) + n_depts + 2);

  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (hospital, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *dept_dir = g_build_filename (out, dept_name, NULL);

    summary = find_file (dept_dir, "Evaluation Summary.pdf");
    g_assert_nonnull (summary);
  }
  xlsx = find_file (out, ".xlsx");
  g_assert_nonnull (xlsx);

  if (!have_tools ())
    return;
  text = pdf_text (pdf);
  for (guint i = 0; i < titles->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (titles, i)));
  g_clear_pointer (&text, g_free);

  /* The department's summary lists the person with their total */
  text = pdf_text (summary);
  {
    double *total = g_hash_table_lookup (f->totals, json_object_get_string_member (person, "employee_no"));
    g_autofree char *total_s = g_strdup_printf ("%.1f", *total);

    g_assert_nonnull (strstr (text, json_object_get_string_member (person, "name")));
    g_assert_nonnull (strstr (text, total_s));
  }
  g_clear_pointer (&text, g_free);
  text = pdf_text (hospital);
  g_assert_nonnull (strstr (text, dept_name));
  g_assert_nonnull (strstr (text, "Hospitaltotal"));

  check_xlsx (f, xlsx);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  guint n = zx_report_export_finish (result, error);

  g_assert_cmpuint (n, ==, 0);
}

/* One department; a cancelled export in the worker thread ends cancelled */
static void
test_department_and_cancel (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *staff_id = person_with_okrs (f, &titles);
  g_autoptr(JsonObject) person = zx_store_get (f->store, "staff", staff_id, NULL);
  const char *dept = json_object_get_string_member (person, "department_id");
  const char *params[] = { f->scheme_id, dept, NULL };
  g_autofree char *out = g_build_filename (f->dir, "dept", NULL);
  g_autofree char *out2 = g_build_filename (f->dir, "cancelled", NULL);
  g_autofree char *hospital = g_build_filename (out, "Hospital Evaluation Summary.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *async_error = NULL;
  double last = 0;
  guint n_files = 0;

  g_assert_true (zx_report_export_run (f->store, f->scheme_id, dept, out, progress_cb, &last,
                                       &n_files, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpint (n_files, ==,
                   zx_store_count (f->store, "evaluation",
                                   "scheme_id = ? AND department_id = ? AND staff_id IS NOT NULL", params) + 2);
  g_assert_false (g_file_test (hospital, G_FILE_TEST_EXISTS));

  g_cancellable_cancel (cancellable);
  zx_report_export_async (f->db_path, f->scheme_id, NULL, out2, NULL, NULL, cancellable,
                          export_done, &async_error);
  while (async_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (async_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async_error);
  /* Nothing written but the folders */
  {
    g_autofree char *hospital2 = g_build_filename (out2, "Hospital Evaluation Summary.pdf", NULL);
    g_autoptr(GDir) d = g_dir_open (out2, 0, NULL);
    const char *name;

    g_assert_false (g_file_test (hospital2, G_FILE_TEST_EXISTS));
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".xlsx"));
  }
}

typedef struct
{
  char *out, *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_zhixing (const char *dir,
             Run        *run,
             const char *first_arg,
             ...)
{
  const char *exe = g_getenv ("ZHIXING_EXE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) exe);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "XDG_DATA_HOME", dir, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", dir, TRUE);
  g_spawn_sync (dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static gboolean
exited_with (Run *run,
             int  code)
{
  return WIFEXITED (run->status) && WEXITSTATUS (run->status) == code;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "cli", NULL);
  g_autofree char *hospital = g_build_filename (out, "Hospital Evaluation Summary.pdf", NULL);
  g_autofree char *blocker = g_build_filename (f->dir, "a-file", NULL);
  g_autofree char *xlsx = NULL;
  g_autofree char *year = g_strndup (f->cycle_name, 4);

  if (g_getenv ("ZHIXING_EXE") == NULL)
    {
      g_test_skip ("ZHIXING_EXE is not set");
      return;
    }

  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-evaluations", f->cycle_name, out, NULL);
    if (!exited_with (&run, 0))
      g_error ("zhixing failed: %s", run.err);
    g_assert_true (g_file_test (hospital, G_FILE_TEST_IS_REGULAR));
    xlsx = find_file (out, ".xlsx");
    g_assert_nonnull (xlsx);
    if (g_find_program_in_path ("unzip") != NULL)
      check_xlsx (f, xlsx);
  }
  /* An unknown cycle */
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-evaluations", "1999-Q9", out, NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "There is no cycle “1999-Q9”"));
  }
  /* A cycle without evaluations (the year of a quarterly scheme) */
  if (strcmp (year, f->cycle_name) != 0)
    {
      g_auto(Run) run = { 0 };

      run_zhixing (f->dir, &run, "--database", f->db_path, "--export-evaluations", year, out, NULL);
      g_assert_true (exited_with (&run, 1));
      g_assert_nonnull (strstr (run.err, year));
      g_assert_true (strstr (run.err, "No evaluation") != NULL);
    }
  /* A folder that cannot be made */
  {
    g_auto(Run) run = { 0 };
    g_autofree char *below = g_build_filename (blocker, "reports", NULL);

    g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-evaluations", f->cycle_name, below, NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "Cannot write to the folder"));
  }
  /* No folder */
  {
    g_auto(Run) run = { 0 };

    run_zhixing (f->dir, &run, "--database", f->db_path, "--export-evaluations", f->cycle_name, NULL);
    g_assert_true (exited_with (&run, 1));
    g_assert_nonnull (strstr (run.err, "--export-evaluations CYCLE DIR"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/evaluation-report/person", test_person_document);
  ADD ("/evaluation-report/not-computed", test_not_computed);
  ADD ("/evaluation-report/export", test_export);
  ADD ("/evaluation-report/department-and-cancel", test_department_and_cancel);
  ADD ("/evaluation-report/cli", test_cli);

  return g_test_run ();
}
