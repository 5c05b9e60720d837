/* zx-report-document.h — evaluation reports (考核报告) as printable A4 documents
 *
 * Three kinds of report, all A4 portrait, drawn with cairo and Pango (CJK
 * text stays text in PDFs), printed through ZxPrintOperation (the print
 * dialog with its preview) or written as PDF:
 *
 *  - the person's report (个人绩效考核报告): the hospital, the scheme and its
 *    cycle, the person (department, employee number, title, post), the
 *    scores by component with their weights (OKR contribution, indicators,
 *    department assessment), the adjustment and its reason, the total and
 *    the grade; the person's OKRs of the scheme's cycle with each key
 *    result's progress (zx-progress.h) and a “挑战” mark on challenge key
 *    results; the scheme's indicators with the department's value and
 *    target; the department's and HR's comments; lines for the person, the
 *    department head and HR to sign and date.
 *  - the department summary (科室考核汇总表): one row per evaluated person
 *    of the department (employee number, name, component scores,
 *    adjustment, total, grade), ordered by total, the grade distribution and
 *    the mean, signature lines for the head and HR.
 *  - the hospital summary (全院考核汇总表): one row per department (people
 *    evaluated, mean and highest/lowest total, count of each grade) and the
 *    hospital's totals, signature lines for HR and the leadership.
 *
 * Each reads only evaluation rows already computed (the scoring is
 * zx-evaluation.c's); a person or department without an evaluation row
 * fails with ZX_ERROR_NOT_FOUND (“No evaluation has been computed …”).
 *
 * Many reports of one scheme (the batch export, zx-report-export.h) share
 * one ZxReportData: everything read once, each document then laid out
 * without touching the database again.
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <cairo.h>

#include "strategy/zx-print-operation.h"
#include "zx-context.h"
#include "zx-store.h"

G_BEGIN_DECLS

/* A4 portrait, in points */
#define ZX_REPORT_PAGE_WIDTH  595.276
#define ZX_REPORT_PAGE_HEIGHT 841.89

typedef enum
{
  ZX_REPORT_PERSON,      /* one person's report; subject: a staff id */
  ZX_REPORT_DEPARTMENT,  /* a department's summary; subject: a department id */
  ZX_REPORT_HOSPITAL,    /* the hospital's summary; subject: NULL */
} ZxReportKind;

/* ZxReportData -------------------------------------------------------------
 *
 * What the reports of one evaluation scheme need, read in one go: the
 * scheme, its cycle, the hospital, departments, evaluated people and their
 * evaluation rows, their OKRs of the cycle with progress, the scheme's
 * indicators with values and targets.  Immutable once made, so documents
 * may be laid out from it in several threads at once.  Reference counted.
 */
typedef struct _ZxReportData ZxReportData;

#define ZX_TYPE_REPORT_DATA (zx_report_data_get_type ())
GType         zx_report_data_get_type       (void) G_GNUC_CONST;

/* Reads the scheme @scheme_id.  Fails with ZX_ERROR_NOT_FOUND for an
 * unknown or deleted scheme, and for a scheme with no evaluation row yet
 * (“No evaluation has been computed for … yet.”). */
ZxReportData *zx_report_data_new            (ZxStore       *store,
                                             const char    *scheme_id,
                                             GError       **error);
ZxReportData *zx_report_data_ref            (ZxReportData  *data);
void          zx_report_data_unref          (ZxReportData  *data);
/* The scheme's name and the cycle's name (“2026-Q3”) */
const char   *zx_report_data_get_scheme_name (ZxReportData *data);
const char   *zx_report_data_get_cycle_name  (ZxReportData *data);
/* The staff ids of the people evaluated (person evaluations), ordered by
 * department then employee number; @department_id NULL: everyone.
 * Returns a new array of borrowed strings. */
GPtrArray    *zx_report_data_list_people     (ZxReportData *data,
                                              const char   *department_id);
/* The ids of the departments with at least one evaluation row, in the
 * hospital's order.  Returns a new array of borrowed strings. */
GPtrArray    *zx_report_data_list_departments (ZxReportData *data);
/* A person's or department's name, employee number (NULL for a
 * department) and department id, or NULL for an unknown id */
const char   *zx_report_data_get_name        (ZxReportData *data,
                                              const char   *id);
const char   *zx_report_data_get_employee_no (ZxReportData *data,
                                              const char   *staff_id);
const char   *zx_report_data_get_department  (ZxReportData *data,
                                              const char   *staff_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZxReportData, zx_report_data_unref)

/* ZxReportDocument ----------------------------------------------------------
 *
 * Implements ZxPrintable.
 */
#define ZX_TYPE_REPORT_DOCUMENT (zx_report_document_get_type ())

G_DECLARE_FINAL_TYPE (ZxReportDocument, zx_report_document, ZX, REPORT_DOCUMENT, GObject)

/* Lays out the report of @kind for @subject_id (a staff id, a department
 * id, or NULL for the hospital) from @data.  Fails with ZX_ERROR_NOT_FOUND
 * when @subject_id has no evaluation in @data. */
ZxReportDocument *zx_report_document_new_from_data (ZxReportData     *data,
                                                    ZxReportKind      kind,
                                                    const char       *subject_id,
                                                    GError          **error);
/* The same, reading @store (one document: zx_report_data_new() + the above) */
ZxReportDocument *zx_report_document_new           (ZxStore          *store,
                                                    const char       *scheme_id,
                                                    ZxReportKind      kind,
                                                    const char       *subject_id,
                                                    GError          **error);
guint             zx_report_document_get_n_pages   (ZxReportDocument *self);
/* Draws @page (0-based) with the page's top-left corner at the origin of
 * @cr, in points; a sheet other than A4 portrait gets the page scaled to
 * fit and centred. */
void              zx_report_document_draw_page     (ZxReportDocument *self,
                                                    cairo_t          *cr,
                                                    guint             page,
                                                    double            width_pt,
                                                    double            height_pt);
/* Writes every page as an A4 PDF (a temporary file renamed over @path only
 * when complete). */
gboolean          zx_report_document_export_pdf    (ZxReportDocument *self,
                                                    const char       *path,
                                                    GError          **error);
/* “2026-Q3 个人绩效考核报告 — 张伟” etc. in the user's language */
const char       *zx_report_document_get_title     (ZxReportDocument *self);

/* GUI entry points ---------------------------------------------------------
 *
 * For the Evaluation area's “Reports” menu.  Both return at once; failures
 * (no evaluation computed yet, a file that cannot be written) are shown to
 * the user in a dialog over @parent.
 */

/* Shows the print dialog, with its preview, for the report of @kind
 * (subject as for zx_report_document_new()) of scheme @scheme_id, and
 * prints in the background. */
void zx_report_print      (GtkWindow    *parent,
                           ZxContext    *context,
                           const char   *scheme_id,
                           ZxReportKind  kind,
                           const char   *subject_id);
/* Asks for a folder, then writes every person's report of @department_id
 * (NULL: the whole hospital) with the summaries and the .xlsx of scores
 * into it (zx-report-export.h) in a worker thread, showing progress with a
 * Cancel button and, when done, a toast-like dialog naming the folder. */
void zx_report_export_ask (GtkWindow    *parent,
                           ZxContext    *context,
                           const char   *scheme_id,
                           const char   *department_id);

G_END_DECLS
