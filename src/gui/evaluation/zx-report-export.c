/* zx-report-export.c — write an evaluation's reports and scores to a folder
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zx-report-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <xlsxwriter.h>

#include "zx-error.h"
#include "zx-okr.h"
#include "zx-record.h"
#include "zx-report-export.h"
#include "zx-report-private.h"

/* A name usable as a file name on Linux, Windows and macOS file systems */
static char *
safe_name (const char *name)
{
  GString *s = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = name != NULL ? name : ""; *p != '\0' && n_chars < 80; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
  /* No hidden files, no “.” or “..”, no trailing dots or spaces (Windows) */
  while (s->len > 0 && (s->str[s->len - 1] == '.' || s->str[s->len - 1] == ' '))
    g_string_truncate (s, s->len - 1);
  while (s->len > 0 && s->str[0] == '.')
    g_string_erase (s, 0, 1);
  if (s->len == 0)
    g_string_append_c (s, '_');

  return g_string_free (s, FALSE);
}

typedef struct
{
  ZxReportKind kind;
  const char  *subject;   /* borrowed from the data */
  char        *path;
} Job;

static void
job_clear (gpointer p)
{
  g_free (((Job *) p)->path);
}

typedef struct
{
  ZxReportData *data;
  GArray       *jobs;
  GCancellable *cancellable;
  gint          next;      /* atomic: the next job to take */
  gint          done;      /* atomic: jobs finished */
  gint          failed;    /* atomic: stop */
  GMutex        lock;
  GError       *error;     /* the first failure, under lock */
} Batch;

static gboolean
run_one (Batch *batch,
         Job   *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxReportDocument) document = NULL;

  document = zx_report_document_new_from_data (batch->data, job->kind, job->subject, &error);
  if (document == NULL || !zx_report_document_export_pdf (document, job->path, &error))
    {
      g_mutex_lock (&batch->lock);
      if (batch->error == NULL)
        batch->error = g_steal_pointer (&error);
      g_mutex_unlock (&batch->lock);
      g_atomic_int_set (&batch->failed, TRUE);
      return FALSE;
    }
  return TRUE;
}

/* Takes jobs until none is left; returns after the one it has when stopped */
static gboolean
take_jobs (Batch                *batch,
           ZxReportProgressFunc  progress,
           gpointer              progress_data,
           guint                 total)
{
  for (;;)
    {
      int i;

      if (g_atomic_int_get (&batch->failed) || g_cancellable_is_cancelled (batch->cancellable))
        return FALSE;
      i = g_atomic_int_add (&batch->next, 1);
      if (i >= (int) batch->jobs->len)
        return TRUE;
      if (!run_one (batch, &g_array_index (batch->jobs, Job, i)))
        return FALSE;
      g_atomic_int_inc (&batch->done);
      if (progress != NULL)
        progress ((double) g_atomic_int_get (&batch->done) / total, progress_data);
    }
}

static gpointer
worker_thread (gpointer user_data)
{
  take_jobs (user_data, NULL, NULL, 1);
  return NULL;
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0 || access (dir, W_OK) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to the folder “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
write_number (lxw_worksheet *sheet,
              lxw_row_t      row,
              lxw_col_t      col,
              double         value,
              lxw_format    *format)
{
  if (!isnan (value))
    worksheet_write_number (sheet, row, col, value, format);
}

/* A worksheet name Excel accepts (≤ 31 characters, none of []:*?/\), unique */
static char *
sheet_name (const char *name,
            GHashTable *used)
{
  for (guint n = 1;; n++)
    {
      GString *s = g_string_new (NULL);
      g_autofree char *suffix = n > 1 ? g_strdup_printf ("(%u)", n) : g_strdup ("");
      guint max = 31 - (guint) strlen (suffix);
      guint count = 0;
      g_autofree char *folded = NULL;

      for (const char *p = name; *p != '\0' && count < max; p = g_utf8_next_char (p), count++)
        {
          gunichar c = g_utf8_get_char (p);

          if (c < 0x80 && c != 0 && strchr ("[]:*?/\\'", (int) c) != NULL)
            g_string_append_c (s, '_');
          else
            g_string_append_unichar (s, c);
        }
      g_string_append (s, suffix);
      folded = g_utf8_casefold (s->str, -1);
      if (!g_hash_table_contains (used, folded))
        {
          g_hash_table_add (used, g_steal_pointer (&folded));
          return g_string_free (s, FALSE);
        }
      g_string_free (s, TRUE);
    }
}

static gboolean
write_xlsx (ZxReportData  *data,
            const char    *department_id,
            const char    *path,
            GError       **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".part", NULL);
  g_autoptr(GPtrArray) people = zx_report_data_list_people (data, department_id);
  g_autoptr(GPtrArray) depts = zx_report_data_list_departments (data);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *main_name = NULL;
  const char *columns[] = { _("Department"), _("Employee No."), _("Full name"), _("OKR score"),
                            _("Indicator score"), _("Assessment score"), _("Adjustment"),
                            _("Total"), _("Grade") };
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *head, *number;
  lxw_error status;

  workbook = workbook_new_opt (tmp_path, &options);
  if (workbook == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”."), name);
      return FALSE;
    }
  head = workbook_add_format (workbook);
  format_set_bold (head);
  format_set_bg_color (head, 0xDDDDDD);
  format_set_border (head, LXW_BORDER_THIN);
  number = workbook_add_format (workbook);
  format_set_num_format (number, "0.0");

  /* Sheet 1: everyone */
  main_name = sheet_name (_("Scores"), used);
  sheet = workbook_add_worksheet (workbook, main_name);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    worksheet_write_string (sheet, 0, c, columns[c], head);
  worksheet_set_column (sheet, 0, 0, 18, NULL);
  worksheet_set_column (sheet, 1, 2, 12, NULL);
  worksheet_set_column (sheet, 3, 8, 11, NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint i = 0; i < people->len; i++)
    {
      const char *id = g_ptr_array_index (people, i);
      double scores[5];
      const char *grade;

      zx_report_data_get_scores (data, id, scores, &grade);
      worksheet_write_string (sheet, i + 1, 0,
                              zx_report_data_get_name (data, zx_report_data_get_department (data, id)), NULL);
      worksheet_write_string (sheet, i + 1, 1, zx_report_data_get_employee_no (data, id), NULL);
      worksheet_write_string (sheet, i + 1, 2, zx_report_data_get_name (data, id), NULL);
      for (guint c = 0; c < 5; c++)
        write_number (sheet, i + 1, 3 + c, scores[c], number);
      if (grade != NULL)
        worksheet_write_string (sheet, i + 1, 8, grade, NULL);
    }
  if (people->len > 0)
    worksheet_autofilter (sheet, 0, 0, people->len, G_N_ELEMENTS (columns) - 1);

  /* One sheet per department: its people by total, and the mean */
  for (guint d = 0; d < depts->len; d++)
    {
      const char *dept = g_ptr_array_index (depts, d);
      g_autoptr(GPtrArray) members = NULL;
      g_autofree char *name = NULL;
      double sum = 0;
      guint n = 0;

      if (department_id != NULL && strcmp (dept, department_id) != 0)
        continue;
      members = zx_report_data_list_people (data, dept);
      name = sheet_name (zx_report_data_get_name (data, dept), used);
      sheet = workbook_add_worksheet (workbook, name);
      for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
        worksheet_write_string (sheet, 0, c - 1, columns[c], head);
      worksheet_set_column (sheet, 0, 7, 11, NULL);
      for (guint i = 0; i < members->len; i++)
        {
          const char *id = g_ptr_array_index (members, i);
          double scores[5];
          const char *grade;

          zx_report_data_get_scores (data, id, scores, &grade);
          worksheet_write_string (sheet, i + 1, 0, zx_report_data_get_employee_no (data, id), NULL);
          worksheet_write_string (sheet, i + 1, 1, zx_report_data_get_name (data, id), NULL);
          for (guint c = 0; c < 5; c++)
            write_number (sheet, i + 1, 2 + c, scores[c], number);
          if (grade != NULL)
            worksheet_write_string (sheet, i + 1, 7, grade, NULL);
          if (!isnan (scores[4]))
            {
              sum += scores[4];
              n++;
            }
        }
      worksheet_write_string (sheet, members->len + 2, 1, _("Mean total"), head);
      write_number (sheet, members->len + 2, 6, n > 0 ? sum / n : NAN, number);
    }

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR || g_rename (tmp_path, path) != 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), name,
                   status != LXW_NO_ERROR ? lxw_strerror (status) : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
zx_report_export_run (ZxStore              *store,
                      const char           *scheme_id,
                      const char           *department_id,
                      const char           *dir,
                      ZxReportProgressFunc  progress,
                      gpointer              progress_data,
                      guint                *out_n_files,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(ZxReportData) data = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) depts = NULL;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree char *xlsx_name = NULL;
  g_autofree char *xlsx_path = NULL;
  Batch batch = { 0 };
  guint n_threads, total;
  gboolean ok;

  g_return_val_if_fail (ZX_IS_STORE (store), FALSE);
  g_return_val_if_fail (scheme_id != NULL && dir != NULL, FALSE);

  if (out_n_files != NULL)
    *out_n_files = 0;
  data = zx_report_data_new (store, scheme_id, error);
  if (data == NULL)
    return FALSE;
  if (department_id != NULL && zx_report_data_get_name (data, department_id) == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("No evaluation has been computed for this department in “%s” yet."),
                   zx_report_data_get_scheme_name (data));
      return FALSE;
    }
  if (!make_dir (dir, error))
    return FALSE;

  batch.data = data;
  batch.cancellable = cancellable;
  batch.jobs = g_array_new (FALSE, TRUE, sizeof (Job));
  g_array_set_clear_func (batch.jobs, job_clear);
  g_mutex_init (&batch.lock);

  /* Every folder first, on this thread */
  depts = zx_report_data_list_departments (data);
  ok = TRUE;
  for (guint d = 0; d < depts->len && ok; d++)
    {
      const char *dept = g_ptr_array_index (depts, d);
      g_autofree char *dept_name = NULL;
      g_autofree char *dept_dir = NULL;
      g_autofree char *summary = NULL;
      g_autoptr(GPtrArray) members = NULL;
      Job job;

      if (department_id != NULL && strcmp (dept, department_id) != 0)
        continue;
      dept_name = safe_name (zx_report_data_get_name (data, dept));
      dept_dir = g_build_filename (dir, dept_name, NULL);
      if (!make_dir (dept_dir, error))
        {
          ok = FALSE;
          break;
        }
      members = zx_report_data_list_people (data, dept);
      for (guint i = 0; i < members->len; i++)
        {
          const char *id = g_ptr_array_index (members, i);
          g_autofree char *base = g_strdup_printf ("%s-%s", zx_report_data_get_employee_no (data, id),
                                                   zx_report_data_get_name (data, id));
          g_autofree char *file = safe_name (base);
          g_autofree char *file_pdf = g_strconcat (file, ".pdf", NULL);

          job = (Job) { ZX_REPORT_PERSON, id, g_build_filename (dept_dir, file_pdf, NULL) };
          g_array_append_val (batch.jobs, job);
        }
      /* Translators: the file name of a department's summary; %s is the department */
      summary = g_strdup_printf (_("%s Evaluation Summary"), zx_report_data_get_name (data, dept));
      {
        g_autofree char *file = safe_name (summary);
        g_autofree char *file_pdf = g_strconcat (file, ".pdf", NULL);

        job = (Job) { ZX_REPORT_DEPARTMENT, dept, g_build_filename (dept_dir, file_pdf, NULL) };
        g_array_append_val (batch.jobs, job);
      }
    }
  if (ok && department_id == NULL)
    {
      /* Translators: the file name of the hospital's summary */
      g_autofree char *file_pdf = g_strconcat (_("Hospital Evaluation Summary"), ".pdf", NULL);
      Job job = { ZX_REPORT_HOSPITAL, NULL, g_build_filename (dir, file_pdf, NULL) };

      g_array_append_val (batch.jobs, job);
    }

  if (ok)
    {
      /* Translators: the file name of the scores' spreadsheet; %s is the scheme's name */
      g_autofree char *base = g_strdup_printf (_("%s Scores"), zx_report_data_get_scheme_name (data));
      g_autofree char *file = safe_name (base);

      xlsx_name = g_strconcat (file, ".xlsx", NULL);
      xlsx_path = g_build_filename (dir, xlsx_name, NULL);
      total = batch.jobs->len + 1;

      /* The spreadsheet first: quick, and it fails early on a full disk */
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           write_xlsx (data, department_id, xlsx_path, error);
    }

  if (ok)
    {
      n_threads = MIN (g_get_num_processors (), batch.jobs->len);
      if (n_threads == 0)
        n_threads = 1;
      g_atomic_int_set (&batch.done, 1);
      for (guint i = 1; i < n_threads; i++)
        g_ptr_array_add (threads, g_thread_new ("zx-report", worker_thread, &batch));
      take_jobs (&batch, progress, progress_data, total);
      for (guint i = 0; i < threads->len; i++)
        g_thread_join (g_ptr_array_index (threads, i));
      /* only this thread reports: the others may have done the last files */
      if (progress != NULL && batch.error == NULL && !g_cancellable_is_cancelled (cancellable))
        progress ((double) g_atomic_int_get (&batch.done) / total, progress_data);

      if (batch.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&batch.error));
          ok = FALSE;
        }
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (out_n_files != NULL)
        *out_n_files = total;
    }

  g_array_unref (batch.jobs);
  g_mutex_clear (&batch.lock);
  return ok;
}

GPtrArray *
zx_report_export_find_schemes (ZxStore     *store,
                               const char  *cycle_name,
                               GError     **error)
{
  const char *params[] = { NULL, NULL };
  g_autoptr(GListStore) schemes = NULL;
  g_autofree char *cycle_id = NULL;
  GPtrArray *ids;
  guint n;

  g_return_val_if_fail (ZX_IS_STORE (store), NULL);
  g_return_val_if_fail (cycle_name != NULL, NULL);

  /* By name, or a cycle of those dates named otherwise (“2026 年第 3 季度”) */
  cycle_id = zx_cycle_find (store, cycle_name);
  if (cycle_id == NULL)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("There is no cycle “%s”. Cycles are named like 2026 or 2026-Q3."), cycle_name);
      return NULL;
    }
  params[0] = cycle_id;
  schemes = zx_store_list (store, "eval_scheme", "cycle_id = ?", params);
  if (g_list_model_get_n_items (G_LIST_MODEL (schemes)) == 0)
    {
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("No evaluation scheme covers the cycle “%s”."), cycle_name);
      return NULL;
    }

  ids = g_ptr_array_new_with_free_func (g_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (schemes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZxRecord) scheme = g_list_model_get_item (G_LIST_MODEL (schemes), i);
      const char *sparams[] = { zx_record_get_id (scheme), NULL };

      if (zx_store_count (store, "evaluation", "scheme_id = ?", sparams) > 0)
        g_ptr_array_add (ids, g_strdup (zx_record_get_id (scheme)));
    }
  if (ids->len == 0)
    {
      g_ptr_array_unref (ids);
      g_set_error (error, ZX_ERROR, ZX_ERROR_NOT_FOUND,
                   _("No evaluation has been computed for the cycle “%s” yet. Compute the scores first."),
                   cycle_name);
      return NULL;
    }
  return ids;
}

/* In a worker thread ------------------------------------------------------- */

typedef struct
{
  char                 *db_path, *scheme_id, *department_id, *dir;
  ZxReportProgressFunc  progress;
  gpointer              progress_data;
  GMainContext         *context;
  int                   last_percent;
} TaskData;

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressUpdate;

static void
task_data_free (gpointer p)
{
  TaskData *td = p;

  g_free (td->db_path); g_free (td->scheme_id); g_free (td->department_id); g_free (td->dir);
  g_main_context_unref (td->context);
  g_free (td);
}

static gboolean
progress_idle (gpointer p)
{
  ProgressUpdate *update = p;
  TaskData *td = g_task_get_task_data (update->task);

  if (!g_task_get_completed (update->task) && td->progress != NULL)
    td->progress (update->fraction, td->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer p)
{
  ProgressUpdate *update = p;

  g_object_unref (update->task);
  g_free (update);
}

static void
worker_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  TaskData *td = g_task_get_task_data (task);
  int percent = (int) (fraction * 100);
  ProgressUpdate *update;

  if (percent == td->last_percent)
    return;
  td->last_percent = percent;
  update = g_new0 (ProgressUpdate, 1);
  update->task = g_object_ref (task);
  update->fraction = fraction;
  g_main_context_invoke_full (td->context, G_PRIORITY_DEFAULT, progress_idle, update, progress_update_free);
}

static void
task_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZxStore) store = zx_store_open (td->db_path, &error);
  guint n_files = 0;

  if (store == NULL ||
      !zx_report_export_run (store, td->scheme_id, td->department_id, td->dir,
                             worker_progress, task, &n_files, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n_files);
}

void
zx_report_export_async (const char           *db_path,
                        const char           *scheme_id,
                        const char           *department_id,
                        const char           *dir,
                        ZxReportProgressFunc  progress,
                        gpointer              progress_data,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (db_path != NULL && scheme_id != NULL && dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zx_report_export_async);
  g_task_set_name (task, "zx-report-export");
  td = g_new0 (TaskData, 1);
  td->db_path = g_strdup (db_path);
  td->scheme_id = g_strdup (scheme_id);
  td->department_id = g_strdup (department_id);
  td->dir = g_strdup (dir);
  td->progress = progress;
  td->progress_data = progress_data;
  td->context = g_main_context_ref_thread_default ();
  td->last_percent = -1;
  g_task_set_task_data (task, td, task_data_free);
  g_task_run_in_thread (task, task_worker);
}

guint
zx_report_export_finish (GAsyncResult  *result,
                         GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  g_return_val_if_fail (g_async_result_is_tagged (result, zx_report_export_async), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

/* The GUI: ask for a folder, export with progress and Cancel ----------------- */

typedef struct
{
  GtkWindow      *parent;
  ZxContext      *context;
  char           *scheme_id, *department_id, *dir;
  GtkWidget      *dialog;
  GtkProgressBar *bar;
  GCancellable   *cancellable;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->parent);
  g_clear_object (&ask->context);
  g_free (ask->scheme_id); g_free (ask->department_id); g_free (ask->dir);
  g_clear_object (&ask->cancellable);
  g_free (ask);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Ask *ask = user_data;

  gtk_progress_bar_set_fraction (ask->bar, fraction);
}

static void
on_done_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  const char *dir = user_data;

  if (g_strcmp0 (response, "open") == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_path (dir);
      g_autofree char *uri = g_file_get_uri (file);

      g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
    }
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Ask *ask = user_data;
  g_autoptr(GError) error = NULL;
  guint n = zx_report_export_finish (result, &error);

  gtk_window_destroy (GTK_WINDOW (ask->dialog));
  if (n == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        zx_report_show_error (ask->parent, _("Could Not Export the Reports"), error);
    }
  else
    {
      g_autofree char *name = g_filename_display_name (ask->dir);
      GtkWidget *done = adw_message_dialog_new (ask->parent, _("Reports Exported"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (done),
                                      g_dngettext (GETTEXT_PACKAGE, "%u file was written to “%s”.",
                                                   "%u files were written to “%s”.", n),
                                      n, name);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (done), "close", _("_Close"),
                                        "open", _("_Open Folder"), NULL);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (done), "open");
      g_signal_connect_data (done, "response", G_CALLBACK (on_done_response),
                             g_strdup (ask->dir), (GClosureNotify) (void (*) (void)) g_free, 0);
      gtk_window_present (GTK_WINDOW (done));
    }
  ask_free (ask);
}

static void
on_cancel (AdwMessageDialog *dialog,
           const char       *response,
           gpointer          user_data)
{
  Ask *ask = user_data;

  g_cancellable_cancel (ask->cancellable);
}

static gboolean
keep_open (GtkWindow *window)
{
  return TRUE;
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  Ask *ask = user_data;
  g_autoptr(GFile) folder = NULL;
  GtkWidget *bar;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (folder == NULL || (ask->dir = g_file_get_path (folder)) == NULL)
    {
      ask_free (ask);
      return;
    }

  ask->dialog = adw_message_dialog_new (ask->parent, _("Exporting Reports"),
                                        _("Writing one PDF per person, the summaries and the spreadsheet of scores."));
  bar = gtk_progress_bar_new ();
  ask->bar = GTK_PROGRESS_BAR (bar);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (ask->dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (ask->dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask->dialog), "cancel");
  /* Cancel stops the export; the dialog goes when the worker has stopped */
  g_signal_connect (ask->dialog, "response", G_CALLBACK (on_cancel), ask);
  g_signal_connect (ask->dialog, "close-request", G_CALLBACK (keep_open), NULL);
  gtk_window_present (GTK_WINDOW (ask->dialog));

  ask->cancellable = g_cancellable_new ();
  zx_report_export_async (zx_store_get_path (zx_context_get_store (ask->context)), ask->scheme_id,
                          ask->department_id, ask->dir, on_progress, ask, ask->cancellable,
                          on_exported, ask);
}

void
zx_report_export_ask (GtkWindow  *parent,
                      ZxContext  *context,
                      const char *scheme_id,
                      const char *department_id)
{
  GtkFileChooserNative *chooser;
  Ask *ask;

  g_return_if_fail (ZX_IS_CONTEXT (context));
  g_return_if_fail (scheme_id != NULL);

  ask = g_new0 (Ask, 1);
  ask->parent = parent != NULL ? g_object_ref (parent) : NULL;
  ask->context = g_object_ref (context);
  ask->scheme_id = g_strdup (scheme_id);
  ask->department_id = g_strdup (department_id);

  chooser = gtk_file_chooser_native_new (_("Export Reports To"), parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
