/* zx-report-export.h — write an evaluation's reports and scores to a folder
 *
 * Into @dir (made when missing):
 *
 *   <科室>/<工号>-<姓名>.pdf     one per evaluated person
 *   <科室>/<科室>考核汇总表.pdf  the department summary, one per department
 *   全院考核汇总表.pdf           the hospital summary (whole-hospital exports)
 *   <方案>-成绩.xlsx             the scores: sheet 1 one row per person
 *                                (department, employee number, name, the
 *                                component scores, adjustment, total,
 *                                grade), then one sheet per department
 *                                summary
 *
 * (names in the user's language; characters a file system refuses are
 * replaced by “_”).  Each file is written beside its name and renamed over
 * it when complete, so a cancelled or failed export never leaves half a
 * file.  The PDFs are laid out in parallel, one thread per processor.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zx-store.h"

G_BEGIN_DECLS

/* Called with a fraction 0–1 */
typedef void (*ZxReportProgressFunc) (double   fraction,
                                      gpointer user_data);

/* Synchronous: for the command line, the bench and the worker thread.
 * @department_id NULL: the whole hospital.  @progress may be NULL; it is
 * called on the calling thread.  Cancelling stops between files with
 * G_IO_ERROR_CANCELLED.  Fails with ZX_ERROR_NOT_FOUND for an unknown
 * scheme or one without evaluation rows, and with a G_IO_ERROR naming the
 * folder when @dir cannot be written.  @out_n_files: how many files were
 * written. */
gboolean zx_report_export_run    (ZxStore              *store,
                                  const char           *scheme_id,
                                  const char           *department_id,
                                  const char           *dir,
                                  ZxReportProgressFunc  progress,
                                  gpointer              progress_data,
                                  guint                *out_n_files,
                                  GCancellable         *cancellable,
                                  GError              **error);

/* The same in a worker thread on its own connection to the database at
 * @db_path; @progress is called on the calling thread's main context. */
void     zx_report_export_async  (const char           *db_path,
                                  const char           *scheme_id,
                                  const char           *department_id,
                                  const char           *dir,
                                  ZxReportProgressFunc  progress,
                                  gpointer              progress_data,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
/* Returns the number of files written, or 0 with @error set */
guint    zx_report_export_finish (GAsyncResult         *result,
                                  GError              **error);

/* The schemes (ids) of the cycle named @cycle_name (“2026-Q3”, “2026”) that
 * have evaluation rows, in name order.  Fails with ZX_ERROR_NOT_FOUND and a
 * sentence for an unknown cycle or a cycle without any evaluation computed. */
GPtrArray *zx_report_export_find_schemes (ZxStore     *store,
                                          const char  *cycle_name,
                                          GError     **error);

G_END_DECLS
