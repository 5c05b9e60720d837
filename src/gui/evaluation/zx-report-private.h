/* zx-report-private.h — what the report export shares with the documents
 *
 * Copyright 2026 Zhixing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zx-report-document.h"

G_BEGIN_DECLS

/* A person's OKR, indicator and assessment scores, adjustment and total
 * in @out (NAN: none) and grade (NULL: none), borrowed from @data */
void zx_report_data_get_scores (ZxReportData  *data,
                                const char    *staff_id,
                                double         out[5],
                                const char   **grade);
/* A message dialog over @parent with @heading and the error's message */
void zx_report_show_error      (GtkWindow     *parent,
                                const char    *heading,
                                GError        *error);

G_END_DECLS
